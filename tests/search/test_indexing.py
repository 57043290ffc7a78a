"""Keeping the index in step with the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Section, SectionCity
from search import services
from search.engines.whoosh.backend import get_backend
from search.engines.whoosh.indexing import STAMP_FILE, index_is_current
from search.query import SearchParams
from search.queue import affected_section_ids

pytestmark = pytest.mark.django_db


def found_ids(q: str = "", **filters) -> set[int]:
    params = SearchParams(
        q=q, filters={k: tuple(v) for k, v in filters.items()}, sort="relevance", page=1, per_page=100
    )
    return {hit.section_id for hit in services.search(params=params).hits}


def test_index_sections_indexes_existing_rows_and_drops_deleted_ones(clean_index, make_section):
    kept, deleted = make_section("风电项目"), make_section("风电基地")
    services.index(section_ids=[kept.pk, deleted.pk])
    assert found_ids("风电") == {kept.pk, deleted.pk}
    deleted_pk = deleted.pk
    deleted.delete()
    assert services.index(section_ids=[kept.pk, deleted_pk]) == 1
    assert found_ids("风电") == {kept.pk}


def test_reindexing_picks_up_changed_tags(clean_index, make_section):
    section = make_section("风电项目", cities=("包头市",))
    services.index(section_ids=[section.pk])
    assert found_ids(city=["包头市"]) == {section.pk}
    SectionCity.objects.filter(section=section).update(active=False)
    services.index(section_ids=[section.pk])
    assert found_ids(city=["包头市"]) == set()
    assert services.count() == 1


def test_remove_sections_takes_them_out_of_the_index(clean_index, make_section):
    section = make_section("风电项目")
    services.index(section_ids=[section.pk])
    services.remove(section_ids=[section.pk])
    assert services.count() == 0


def test_indexing_costs_the_same_number_of_queries_for_few_or_many_sections(clean_index, make_section):
    def queries_for(count: int) -> int:
        sections = [make_section(f"段落{i}", cities=("和林格尔县",), themes=("算力",)) for i in range(count)]
        with CaptureQueriesContext(connection) as captured:
            services.index(section_ids=[s.pk for s in sections])
        return len(captured.captured_queries)

    assert queries_for(2) == queries_for(12)


def test_rebuild_indexes_every_section_and_marks_the_index_current(clean_index, make_section):
    make_section("风电项目")
    assert services.rebuild() == Section.objects.count() == services.count()
    assert index_is_current()
    assert services.ensure() is None


def test_ensure_index_rebuilds_a_stale_index(clean_index, make_section):
    make_section("风电项目")
    services.rebuild()
    Path(get_backend().path, STAMP_FILE).write_text('{"fingerprint": "old"}')
    assert not index_is_current()
    assert services.ensure() == Section.objects.count()
    assert index_is_current()


def test_ensure_index_rebuilds_when_the_counts_disagree(clean_index, make_section):
    services.rebuild()
    make_section("风电项目")  # added without indexing
    assert not index_is_current()
    assert services.ensure() == Section.objects.count()


def test_affected_sections_include_those_tagged_with_descendants(clean_index, make_section, places):
    inner = make_section("a", cities=("和林格尔县",))
    outer = make_section("b", cities=("包头市",))
    assert set(affected_section_ids(city_ids=[places["呼和浩特市"].pk])) >= {inner.pk}
    assert outer.pk not in affected_section_ids(city_ids=[places["呼和浩特市"].pk])


def test_a_rebuild_with_two_processes_finds_what_one_process_finds(clean_index, make_section):
    texts = ["风电项目落地包头", "绿色算力基地", "鄂尔多斯市风电并网", "草原旅游季", "稀土新材料风电"] * 4
    sections = [make_section(text, cities=("包头市",) if i % 2 else ()) for i, text in enumerate(texts)]
    queries = [("风电", {}), ("尔多斯", {}), ("", {"city": ["包头市"]}), ('"风电并网"', {})]
    total = Section.objects.count()  # the session's curated archive too
    assert services.rebuild(procs=1) == total
    expected = {q: found_ids(q, **f) for q, f in queries}
    assert services.rebuild(procs=2) == total
    assert len(get_backend().fresh_index()._segments()) <= 2  # one per process, not merged
    assert {q: found_ids(q, **f) for q, f in queries} == expected
    assert all(expected.values()) and len(sections) == 20
