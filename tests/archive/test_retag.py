"""`manage.py retag` applies edited keywords and aliases, and never overrides an editor's decision."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive.models import City, Section, SectionCity, SectionTheme, TagSource, Theme
from search.query import SearchParams
from search.queue import drain
from search.services import search

pytestmark = pytest.mark.django_db


def _in_search(section: Section, **filters: str) -> bool:
    params = SearchParams(
        q="", filters={k: (v,) for k, v in filters.items()}, sort="newest", page=1, per_page=1000
    )
    return section.pk in {h.section_id for h in search(params=params).hits}


def _retag(*args: str) -> str:
    out = StringIO()
    call_command("retag", *args, stdout=out)
    return out.getvalue()


def test_a_new_theme_keyword_tags_sections_on_retag_and_search_follows(reindex_after):
    theme = Theme.objects.filter(parent__isnull=False).order_by("pk").first()
    section = Section.objects.filter(kind="body").exclude(theme_tags__theme=theme).order_by("pk").first()
    # An invented word, the section's only evidence: otherwise a sibling theme the section's own
    # text supports would make the tagger choose the field (one theme per field).
    word = "甲乙丙丁戊己"
    SectionTheme.objects.filter(section=section).delete()
    theme.keywords = [word]
    theme.save()
    Section.objects.filter(pk=section.pk).update(heading=word, text=f"{word}。{word}。{word}。")
    _retag(str(section.article.page_id))
    drain()
    tag = SectionTheme.objects.get(section=section, theme=theme)
    assert tag.source == TagSource.AUTO and tag.active
    assert _in_search(section, theme=theme.name)


def test_retag_keeps_curated_yes_and_no_and_replaces_auto_rows(reindex_after):
    auto = SectionCity.objects.filter(source=TagSource.AUTO, active=True).select_related("section").first()
    if auto is None:  # the curated archive is all curated: make an automatic row to be replaced
        section = Section.objects.filter(kind="body").first()
        stray = City.objects.exclude(section_tags__section=section).exclude(kind="region").last()
        auto = SectionCity.objects.create(section=section, city=stray, source=TagSource.AUTO, score=0.3)
    section = auto.section
    page_id = section.article.page_id
    curated_rows = {
        (t.pk, t.city_id, t.active, t.score) for t in SectionCity.objects.filter(source=TagSource.CURATED)
    }
    # an editor's "no" on a place the text names: the tagger must not bring it back
    named = City.objects.get(name="赤峰市")
    Section.objects.filter(pk=section.pk).update(heading="赤峰市", text="赤峰市" + section.text)
    no = SectionCity.objects.update_or_create(
        section=section, city=named, defaults={"source": TagSource.CURATED, "active": False, "score": 1.0}
    )[0]
    stray_city = City.objects.exclude(name__in=["赤峰市"]).exclude(kind="region").order_by("-pk").first()
    SectionCity.objects.filter(section=section, city=stray_city).delete()
    stray = SectionCity.objects.create(section=section, city=stray_city, source=TagSource.AUTO, score=9.0)
    output = _retag(str(page_id))
    assert "人工标签未改动" in output
    no.refresh_from_db()
    assert (no.active, no.source) == (False, TagSource.CURATED)
    assert not SectionCity.objects.filter(section=section, city=named, source=TagSource.AUTO).exists()
    assert not SectionCity.objects.filter(pk=stray.pk).exists()  # an auto row the tagger no longer proposes
    still = {
        (t.pk, t.city_id, t.active, t.score) for t in SectionCity.objects.filter(source=TagSource.CURATED)
    }
    assert curated_rows <= still


def test_retag_without_arguments_covers_every_page_and_an_unknown_page_is_an_error(reindex_after):
    output = _retag()
    assert "重新标注" in output
    with pytest.raises(CommandError):
        _retag("999999")
