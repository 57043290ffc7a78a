"""Editors' corrections: structure, tags, review state; history recorded; the index follows."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User

from archive import curation
from archive.models import Article, City, Section, SectionCity, TagSource
from search.query import SearchParams
from search.services import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor(db):
    return User.objects.create_user("curator", is_staff=True)


def _pair() -> tuple[Article, Article]:
    """Two adjacent articles on one page, each with sections."""
    for first in Article.objects.order_by("page_id", "order"):
        second = curation.next_article(first)
        if second is not None and first.sections.exists() and second.sections.exists():
            return first, second
    raise AssertionError("the curated archive has no two adjacent articles")


def _hits(q: str) -> list:
    params = SearchParams(q=q, filters={}, sort="relevance", page=1, per_page=500)
    return search(params=params).hits


def _history(obj) -> list[str]:
    return list(LogEntry.objects.filter(object_id=str(obj.pk)).values_list("change_message", flat=True))


def test_merge_appends_the_next_article_and_search_shows_the_new_headline(
    actor, reindex_after, django_capture_on_commit_callbacks
):
    first, second = _pair()
    mine = list(first.sections.order_by("order").values_list("pk", flat=True))
    theirs = list(second.sections.order_by("order").values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        merged = curation.merge_articles(first=first, second=second, actor=actor)
    assert not Article.objects.filter(pk=second.pk).exists()
    assert list(merged.sections.order_by("order").values_list("pk", flat=True)) == mine + theirs
    assert list(merged.sections.order_by("order").values_list("order", flat=True)) == list(
        range(1, len(mine) + len(theirs) + 1)
    )
    assert merged.curated
    # a section that came from the second article is now found under the first's headline
    hit = next(h for h in _hits(first.headline) if h.section_id == theirs[0])
    assert hit.article_id == first.pk
    assert any("并入" in m for m in _history(first))


def test_only_adjacent_articles_on_one_page_can_be_merged(actor, db):
    first, second = _pair()
    later = curation.next_article(second)
    if later is None:
        pytest.skip("needs three articles on a page")
    with pytest.raises(curation.CurationError):
        curation.merge_articles(first=first, second=later, actor=actor)
    with pytest.raises(curation.CurationError):
        curation.merge_articles(first=second, second=first, actor=actor)


def test_split_moves_the_tail_into_a_new_article_right_after(
    actor, reindex_after, django_capture_on_commit_callbacks
):
    article = next(a for a in Article.objects.all() if a.sections.count() >= 3)
    sections = list(article.sections.order_by("order"))
    following = curation.next_article(article)
    with django_capture_on_commit_callbacks(execute=True):
        new = curation.split_article(
            article=article, at=sections[2], headline="拆出的新文章标题", actor=actor
        )
    assert list(article.sections.order_by("order")) == sections[:2]
    assert [s.pk for s in new.sections.order_by("order")] == [s.pk for s in sections[2:]]
    assert curation.next_article(article) == new
    if following is not None:
        assert curation.next_article(new) == following
    orders = list(Article.objects.filter(page=article.page).order_by("order").values_list("order", flat=True))
    assert orders == list(range(1, len(orders) + 1))
    assert {h.section_id for h in _hits("拆出的新文章标题")} >= {s.pk for s in sections[2:]}
    assert any("拆分" in m for m in _history(article))


def test_split_at_the_first_section_is_refused(actor, db):
    article = next(a for a in Article.objects.all() if a.sections.count() >= 2)
    with pytest.raises(curation.CurationError):
        curation.split_article(article=article, at=article.sections.order_by("order").first(), actor=actor)


def test_moving_the_last_section_removes_the_emptied_article(actor, reindex_after):
    first, second = _pair()
    for section in list(second.sections.order_by("order")):
        curation.move_section(section=section, to=first, actor=actor)
    assert not Article.objects.filter(pk=second.pk).exists()
    assert LogEntry.objects.filter(object_id=str(second.pk), change_message__contains="删除").exists()


def test_moving_a_section_to_another_page_is_refused(actor, db):
    section = Section.objects.first()
    elsewhere = Article.objects.exclude(page=section.article.page).first()
    with pytest.raises(curation.CurationError):
        curation.move_section(section=section, to=elsewhere, actor=actor)


def test_tagging_an_article_tags_its_sections_as_curated_and_search_follows(
    actor, reindex_after, django_capture_on_commit_callbacks
):
    city = City.objects.get(name="阿尔山市")
    article = Article.objects.exclude(sections__city_tags__city=city).filter(sections__isnull=False).first()
    ids = set(article.sections.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        curation.tag_articles(articles=[article], city=city, active=True, actor=actor)
    params = SearchParams(q="", filters={"city": ("阿尔山市",)}, sort="newest", page=1, per_page=500)
    assert ids <= {h.section_id for h in search(params=params).hits}
    tags = SectionCity.objects.filter(section_id__in=ids, city=city)
    assert {(t.source, t.active) for t in tags} == {(TagSource.CURATED, True)}
    with django_capture_on_commit_callbacks(execute=True):
        curation.tag_articles(articles=[article], city=city, active=False, actor=actor)
    assert not ids & {h.section_id for h in search(params=params).hits}
    assert {(t.source, t.active) for t in tags.all()} == {(TagSource.CURATED, False)}


def test_mark_reviewed_takes_the_article_off_the_queue_and_marks_it_curated(actor, db):
    article = Article.objects.first()
    Article.objects.filter(pk=article.pk).update(needs_review=True, review_reason="疑似误拆")
    curation.mark_reviewed(articles=Article.objects.filter(pk=article.pk), actor=actor)
    article.refresh_from_db()
    assert (article.needs_review, article.curated) == (False, True)
    assert _history(article) == ["标记为已审核"]


def test_an_unknown_kind_is_refused_and_a_known_one_is_set(actor, db):
    article = Article.objects.first()
    with pytest.raises(curation.CurationError):
        curation.set_article_kind(articles=[article], kind="novel", actor=actor)
    curation.set_article_kind(articles=[article], kind=Article.Kind.COMMENTARY, actor=actor)
    assert Article.objects.get(pk=article.pk).kind == "commentary"


def test_edit_headline_is_searchable(actor, reindex_after, django_capture_on_commit_callbacks):
    article = Article.objects.filter(sections__isnull=False).first()
    with django_capture_on_commit_callbacks(execute=True):
        curation.edit_headline(article=article, headline="敕勒川草原书屋开放", actor=actor)
    assert {h.article_id for h in _hits("敕勒川草原书屋")} == {article.pk}
