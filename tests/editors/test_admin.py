"""An editor fixes a section's tags in the admin; the decision is curated and search follows at once."""

import pytest
from django.contrib.auth.models import Permission, User

from archive.models import City, Section, SectionCity, TagSource
from search.query import SearchParams
from search.services import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor", password="pw", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="archive"))
    client.force_login(user)
    return user


def _form(section: Section, *, city_rows: list[dict]) -> dict:
    data = {
        "article": section.article_id,
        "order": section.order,
        "kind": section.kind,
        "heading": section.heading,
        "subheading": section.subheading,
        "byline": section.byline,
        "text": section.text,
        "span_start": section.span_start,
        "span_end": section.span_end,
        "city_tags-TOTAL_FORMS": len(city_rows),
        "city_tags-INITIAL_FORMS": sum(1 for r in city_rows if r.get("id")),
        "city_tags-MIN_NUM_FORMS": 0,
        "city_tags-MAX_NUM_FORMS": 1000,
        "theme_tags-TOTAL_FORMS": 0,
        "theme_tags-INITIAL_FORMS": 0,
        "theme_tags-MIN_NUM_FORMS": 0,
        "theme_tags-MAX_NUM_FORMS": 1000,
    }
    for i, row in enumerate(city_rows):
        data[f"city_tags-{i}-id"] = row.get("id", "")
        data[f"city_tags-{i}-section"] = section.pk
        data[f"city_tags-{i}-city"] = row["city"]
        if row.get("active", True):
            data[f"city_tags-{i}-active"] = "on"
        if row.get("delete"):
            data[f"city_tags-{i}-DELETE"] = "on"
    return data


def _sections_in(city: str) -> set[int]:
    params = SearchParams(q="", filters={"city": (city,)}, sort="newest", page=1, per_page=500)
    return {hit.section_id for hit in search(params=params).hits}


def test_the_admin_change_page_for_a_section_opens(client, editor):
    section = Section.objects.first()
    response = client.get(f"/admin/archive/section/{section.pk}/change/")
    assert response.status_code == 200
    assert "段落地区标签" in response.content.decode()


def test_an_editor_adds_and_removes_a_city_and_search_reflects_it(
    client, editor, reindex_after, django_capture_on_commit_callbacks
):
    section = Section.objects.filter(city_tags__city__name="乌海市", kind="body").first()
    old = SectionCity.objects.get(section=section, city__name="乌海市")
    added = City.objects.get(name="赤峰市")
    assert section.pk in _sections_in("乌海市") and section.pk not in _sections_in("赤峰市")
    rows = [{"id": old.pk, "city": old.city_id, "delete": True}, {"city": added.pk}]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/archive/section/{section.pk}/change/", _form(section, city_rows=rows))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert section.pk in _sections_in("赤峰市")
    assert section.pk not in _sections_in("乌海市")
    removed = SectionCity.objects.get(pk=old.pk)
    assert (removed.active, removed.source) == (False, TagSource.CURATED)
    assert SectionCity.objects.get(section=section, city=added).source == TagSource.CURATED


def test_the_admin_requires_a_login(client):
    response = client.get("/admin/archive/section/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
