"""The API, exports and feeds read a fixed number of queries however many rows they show, and
show only active tags: an editor's removal is kept as an inactive row and never shown."""

from __future__ import annotations

import json

import pytest

from archive.models import Article, SectionCity, TagSource

pytestmark = pytest.mark.django_db


def test_the_article_list_reads_seven_queries_for_a_full_page(client, django_assert_num_queries):
    # count, articles with page and publication, their active city and theme tags, their sections,
    # the sections' active city and theme tags
    assert Article.objects.count() > 20
    with django_assert_num_queries(7):
        response = client.get("/api/articles")
    assert len(response.json()["results"]) == 20


def test_one_article_reads_six_queries(client, django_assert_num_queries):
    article = Article.objects.order_by("-pk").first()
    with django_assert_num_queries(6):
        assert client.get(f"/api/articles/{article.pk}").status_code == 200


@pytest.mark.parametrize("query", ["q=", "q=乌海", "city=赤峰市"])
def test_the_search_api_reads_three_queries_for_its_sections(client, django_assert_num_queries, query):
    # the sections with article, page and publication, their active city and theme tags
    with django_assert_num_queries(3):
        response = client.get(f"/api/search?{query}")
    assert response.json()["results"]


def test_an_export_reads_three_queries_a_batch(client, django_assert_num_queries):
    with django_assert_num_queries(3):
        response = client.get("/api/search/export.json?q=")
        rows = json.loads(b"".join(response.streaming_content))
    assert rows


def _remove_a_city_tag() -> SectionCity:
    """An editor's removal, as curation keeps it (the index is left as it is: nothing commits)."""
    tag = SectionCity.objects.active().select_related("city", "section__article").first()
    SectionCity.objects.filter(pk=tag.pk).update(active=False, source=TagSource.CURATED)
    return tag


def test_a_removed_tag_is_not_shown_by_the_api_the_search_api_or_an_export(client):
    tag = _remove_a_city_tag()
    article = client.get(f"/api/articles/{tag.section.article_id}").json()
    section = next(s for s in article["sections"] if s["id"] == tag.section_id)
    assert tag.city.name not in section["cities"]
    assert section["cities"] == [
        t.city.name for t in SectionCity.objects.filter(section_id=tag.section_id, active=True)
    ]
    hits = client.get("/api/search", {"city": tag.city.name}).json()["results"]
    exported = json.loads(
        b"".join(client.get("/api/search/export.json", {"city": tag.city.name}).streaming_content)
    )
    for rows in (hits, exported):
        row = next(r for r in rows if r["section_id"] == tag.section_id)  # still in the (old) index
        assert tag.city.name not in row["cities"]


def test_a_removed_article_tag_is_not_a_feed_category(client):
    article = Article.objects.latest_first().first()
    tag = article.city_tags.select_related("city").first()
    assert tag is not None
    before = client.get("/feeds/latest/").content.decode()
    assert f'term="{tag.city.name}"' in before
    type(tag).objects.filter(pk=tag.pk).update(active=False, source=TagSource.CURATED)
    entry = client.get("/feeds/latest/").content.decode().split("<entry>")[1]
    assert f'term="{tag.city.name}"' not in entry


def test_the_latest_feed_reads_its_tags_in_two_queries_not_two_an_entry(
    client, django_assert_max_num_queries
):
    # the articles, their active city and theme tags, and one query an entry for its first body
    # section (the description)
    with django_assert_max_num_queries(3 + 30):
        assert client.get("/feeds/latest/").status_code == 200
