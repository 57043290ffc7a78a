"""The index queue: changes are queued with their transaction and applied by one writer after commit."""

from __future__ import annotations

import pytest
from django.db import transaction

from archive.models import City, Section, SectionCity
from search.models import IndexTask
from search.query import SearchParams
from search.queue import IndexBusy, drain, enqueue, writer_lock
from search.services import search

pytestmark = pytest.mark.django_db


def _found(q: str = "", **filters: str) -> set[int]:
    params = SearchParams(
        q=q, filters={k: (v,) for k, v in filters.items()}, sort="newest", page=1, per_page=500
    )
    return {hit.section_id for hit in search(params=params).hits}


def _queued() -> set[int]:
    return set(IndexTask.objects.values_list("section_id", flat=True))


def test_a_saved_section_is_queued_and_searchable_once_committed(
    reindex_after, django_capture_on_commit_callbacks
):
    section = Section.objects.filter(kind="body").first()
    with django_capture_on_commit_callbacks(execute=True):
        section.text += "\n蒙草种质资源库试点扩容"
        section.save()
        assert section.pk in _queued()
        assert section.pk not in _found("种质资源库")  # nothing reaches the index before the commit
    assert section.pk in _found("种质资源库")
    assert IndexTask.objects.count() == 0


def test_a_rolled_back_change_leaves_nothing_queued(db):
    section = Section.objects.first()
    before = IndexTask.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        section.text += "不会保存"
        section.save()
        assert IndexTask.objects.count() > before
        raise RuntimeError
    assert IndexTask.objects.count() == before


def test_a_deleted_section_leaves_the_index(reindex_after, django_capture_on_commit_callbacks):
    section = Section.objects.filter(city_tags__city__name="乌海市", city_tags__active=True).first()
    pk = section.pk
    assert pk in _found(city="乌海市")
    with django_capture_on_commit_callbacks(execute=True):
        section.delete()
    assert pk not in _found(city="乌海市")


def test_removing_a_tag_row_reindexes_its_section(reindex_after, django_capture_on_commit_callbacks):
    tag = SectionCity.objects.filter(city__name="乌海市", active=True).first()
    with django_capture_on_commit_callbacks(execute=True):
        tag.delete()
    assert tag.section_id not in _found(city="乌海市")


def test_renaming_a_city_queues_its_sections_but_an_alias_edit_does_not(db):
    city = City.objects.get(name="乌海市")
    tagged = set(SectionCity.objects.filter(city=city).values_list("section_id", flat=True))
    assert tagged
    IndexTask.objects.all().delete()
    city.aliases = [*city.aliases, "乌海"]
    city.save()
    assert _queued() == set()
    city.name = "乌海市（改）"
    city.save()
    assert tagged <= _queued()


def test_a_writer_that_cannot_get_the_lock_raises_and_keeps_the_tasks(db):
    enqueue(section_ids=[Section.objects.first().pk])
    queued = IndexTask.objects.count()
    with writer_lock(), pytest.raises(IndexBusy):
        drain(timeout=0.1)
    assert IndexTask.objects.count() == queued


def test_drain_applies_every_task_and_empties_the_queue(reindex_after):
    ids = list(Section.objects.values_list("pk", flat=True)[:3])
    Section.objects.filter(pk__in=ids).update(heading="草原书屋流动站")  # update() sends no signal
    enqueue(section_ids=ids)
    assert drain() >= 3
    assert IndexTask.objects.count() == 0
    assert set(ids) <= _found("草原书屋流动站")
