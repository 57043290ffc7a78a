"""The domain's reads: the place and theme trees, and the active tags readers are shown."""

from __future__ import annotations

import pytest

from archive.models import (
    Article,
    ArticleCity,
    ArticleTheme,
    City,
    Section,
    SectionCity,
    SectionTheme,
    TagSource,
    Theme,
)
from archive.selectors import descendant_ids

pytestmark = pytest.mark.django_db


def _below(node) -> set[int]:
    """The plain recursive walk, one query a node, to check against."""
    found = {node.pk}
    for child in node.children.all():
        found |= _below(child)
    return found


@pytest.mark.parametrize("model", [City, Theme])
def test_descendant_ids_is_the_node_and_everything_below_it(model):
    for node in model.objects.all():
        ids = descendant_ids(model=model, roots=[node])
        assert ids[0] == node.pk
        assert len(ids) == len(set(ids))
        assert set(ids) == _below(node)


def test_descendant_ids_lists_roots_first_then_level_by_level_in_one_query(django_assert_num_queries):
    region = City.objects.get(name="内蒙古自治区")
    with django_assert_num_queries(1):
        ids = descendant_ids(model=City, roots=[region])
    depth = {pk: len(City.objects.get(pk=pk).ancestors()) for pk in ids}
    assert [depth[pk] for pk in ids] == sorted(depth[pk] for pk in ids)
    assert City.objects.get(name="回民区").pk in ids  # a district of a league's city, two levels down


def test_descendant_ids_takes_several_roots_as_objects_or_ids_and_lists_each_node_once():
    city = City.objects.get(name="呼和浩特市")
    district = City.objects.get(name="回民区")
    ids = descendant_ids(model=City, roots=[district.pk, city, district])
    assert ids[:2] == [district.pk, city.pk]
    assert sorted(ids) == sorted(_below(city))
    leaf = City.objects.filter(children=None).first()
    assert descendant_ids(model=City, roots=[leaf]) == [leaf.pk]
    assert descendant_ids(model=City, roots=[]) == []


def test_descendant_ids_stops_at_a_parent_cycle():
    first = Theme.objects.create(name="环甲")
    second = Theme.objects.create(name="环乙", parent=first)
    Theme.objects.filter(pk=first.pk).update(parent=second)  # a cycle entered by mistake
    assert descendant_ids(model=Theme, roots=[first]) == [first.pk, second.pk]


def _removed_tag() -> SectionCity:
    """An active city tag turned into an editor's removal (in this test's transaction)."""
    tag = SectionCity.objects.active().select_related("city").first()
    SectionCity.objects.filter(pk=tag.pk).update(active=False, source=TagSource.CURATED)
    return tag


def test_active_cities_and_themes_leave_out_an_editors_removal(django_assert_num_queries):
    removed = _removed_tag()
    with django_assert_num_queries(3):
        section = Section.objects.with_active_tags().get(pk=removed.section_id)
        cities, themes = section.active_cities, section.active_themes
    assert removed.city not in cities
    assert cities == [t.city for t in SectionCity.objects.filter(section=section, active=True)]
    assert themes == [t.theme for t in SectionTheme.objects.filter(section=section, active=True)]
    unprefetched = Section.objects.get(pk=removed.section_id)
    assert unprefetched.active_cities == cities and unprefetched.active_themes == themes


def test_article_details_carry_the_active_tags_of_the_article_and_its_sections(django_assert_num_queries):
    removed = _removed_tag()
    with django_assert_num_queries(6):
        article = Article.objects.with_details().get(sections=removed.section_id)
        shown = {s.pk: s.active_cities for s in article.sections.all()}
        article.active_cities, article.active_themes, article.page.publication  # noqa: B018
    assert removed.city not in shown[removed.section_id]
    assert article.active_cities == [t.city for t in article.city_tags.filter(active=True)]


def test_tagged_with_counts_only_active_tags_and_each_section_once():
    removed = _removed_tag()
    city = removed.city
    tagged = Section.objects.tagged_with_cities([city.pk])
    assert removed.section_id not in set(tagged.values_list("pk", flat=True))
    expected = set(SectionCity.objects.filter(city=city, active=True).values_list("section_id", flat=True))
    assert set(tagged.values_list("pk", flat=True)) == expected
    assert tagged.count() == len(expected)  # no row twice
    theme = Theme.objects.filter(section_tags__active=True).first()
    both = Section.objects.tagged_with_themes([theme.pk, *theme.children.values_list("pk", flat=True)])
    assert both.count() == len(set(both.values_list("pk", flat=True)))
    articles = Article.objects.having_sections(tagged)
    assert set(articles.values_list("pk", flat=True)) == set(
        Section.objects.filter(pk__in=expected).values_list("article_id", flat=True)
    )


def test_articles_tagged_with_read_the_articles_own_active_tags():
    tag = ArticleCity.objects.active().first()
    ArticleCity.objects.filter(pk=tag.pk).update(active=False, source=TagSource.CURATED)
    tagged = set(Article.objects.tagged_with_cities([tag.city_id]).values_list("pk", flat=True))
    assert tag.article_id not in tagged
    assert tagged == set(
        ArticleCity.objects.filter(city_id=tag.city_id, active=True).values_list("article_id", flat=True)
    )
    theme_tag = ArticleTheme.objects.active().first()
    assert theme_tag.article_id in set(
        Article.objects.tagged_with_themes([theme_tag.theme_id]).values_list("pk", flat=True)
    )
