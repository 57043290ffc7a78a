"""The curated archive as loaded matches the editors' files exactly, and every word of it is findable."""

import json

import pytest

from archive.models import Article, Page
from search.analysis import words
from search.query import SearchParams
from search.services import search
from tests.conftest import CURATED

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("gold_path", CURATED, ids=lambda p: p.stem[:3])
def test_every_curated_article_is_present_with_its_headline_sections_and_tags(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    page = Page.objects.get(source_name=gold["source"])
    articles = list(page.articles.in_reading_order().with_details())
    assert [a.headline for a in articles] == [g["headline"] for g in gold["articles"]]
    for article, g in zip(articles, gold["articles"], strict=True):
        assert (article.kind, article.kicker, article.subheadline, article.byline) == (
            g["kind"],
            g["kicker"],
            g["subheadline"],
            g["byline"],
        )
        assert sorted(t.city.name for t in article.city_tags.all()) == sorted(g["cities"])
        assert sorted(t.theme.name for t in article.theme_tags.all()) == sorted(g["themes"])
        sections = list(article.sections.all())
        assert [s.heading for s in sections] == [gs["heading"] for gs in g["sections"]]
        for section, gs in zip(sections, g["sections"], strict=True):
            assert sorted(t.city.name for t in section.city_tags.all()) == sorted(gs["cities"])
            assert sorted(t.theme.name for t in section.theme_tags.all()) == sorted(gs["themes"])
            assert section.text and page.raw_text[section.span_start : section.span_end]


def test_known_provenance_is_recorded_and_unknown_stays_empty():
    known = Page.objects.exclude(publication=None)
    assert [(p.publication.name, str(p.date), p.label) for p in known] == [
        ("内蒙古日报", "2025-08-07", "第07版")
    ]
    assert Page.objects.filter(publication=None, date=None).count() == len(CURATED) - 1


def test_any_word_of_a_section_finds_that_section():
    misses = []
    for article in Article.objects.prefetch_related("sections"):
        for section in article.sections.all():
            vocabulary = sorted({w for w in words(section.text) if len(w) >= 2}, key=lambda w: (-len(w), w))
            for word in vocabulary[:6] + vocabulary[-3:]:
                params = SearchParams(q=word, filters={}, sort="relevance", page=1, per_page=200)
                if section.pk not in {h.section_id for h in search(params=params).hits}:
                    misses.append((section.pk, word))
    assert misses == []
