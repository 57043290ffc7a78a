"""The Whoosh engine: its numpy evaluator must find exactly what Whoosh's own matchers find (across
segments and deletions) for the queries production builds; views, ordering, facet tables."""

from __future__ import annotations

import datetime as dt

import pytest
from whoosh import query as wq

from search import services
from search.engines.whoosh import evaluate as engine
from search.engines.whoosh import view as views
from search.engines.whoosh.backend import get_backend
from search.engines.whoosh.compile import compile_node
from search.engines.whoosh.docsets import FacetTable
from search.query import SearchParams, build_query

TEXTS = (
    "鄂尔多斯市新能源项目签约，绿色算力协作推进",
    "鄂尔多斯的羊绒走进北京，京蒙协作再结硕果",
    "绿色 算力枢纽落地和林格尔新区",
    "锡林郭勒盟草原旅游，京蒙协作助力增收7752.3亿元",
    "包头市稀土产业 AI 应用，ＡＩ 大模型",
    "阿爾山冰雪旅遊季開幕",
)
QUERIES = (
    "鄂尔多斯",
    "尔多斯",
    "绿色 算力",
    '"绿色算力"',
    "京蒙协作 -羊绒",
    "羊绒 OR 稀土",
    "ai",
    "旅",
    "7752.3亿元",
    "阿尔山",
    "协作推进",
)


def _compiled(q: str) -> wq.Query:
    """The reader's text as production builds it, compiled to Whoosh's query objects."""
    params = SearchParams(q=q, filters={}, sort="relevance", page=1, per_page=20)
    return compile_node(build_query(params=params).text)


@pytest.mark.parametrize("q", QUERIES)
def test_engine_matches_whoosh_exactly(clean_index, make_section, q):
    sections = [make_section(text) for text in TEXTS]
    for section in sections:  # one commit each: several segments
        services.index(section_ids=[section.pk])
    gone = sections[1].pk
    sections[1].delete()
    services.index(section_ids=[gone])  # leaves a deletion in a segment
    index = get_backend().fresh_index()
    query = _compiled(q)
    with index.searcher() as searcher:
        expected = set(searcher.docs_for_query(query))
        found = engine.evaluate(views.open_view(searcher), query, scored=True)
        assert set(found.mask.nonzero()[0].tolist()) == expected
        assert expected, f"{q!r} should match something in this archive"
        assert (found.scores[found.mask] > 0).all()


def test_the_view_is_kept_until_the_index_changes(clean_index, make_section):
    first = make_section("鄂尔多斯市新能源项目签约")
    services.index(section_ids=[first.pk])
    index = get_backend().fresh_index()
    view = views.current_view(index)
    assert views.current_view(get_backend().fresh_index()) is view  # nothing changed: no new searcher
    second = make_section("鄂尔多斯的羊绒走进北京")
    services.index(section_ids=[second.pk])
    renewed = views.current_view(get_backend().fresh_index())
    assert renewed is not view and renewed.size == view.size + 1
    get_backend().clear()  # a rebuilt index may start its generations again: still noticed
    services.index(section_ids=[first.pk])
    assert views.current_view(get_backend().fresh_index()).size == 1


def _stored_file(index):
    from whoosh.codec.whoosh3 import W3Codec

    (segment,) = index._segments()
    return W3Codec.column_filename(segment, "_stored")


def test_a_view_keeps_its_stored_fields_readable_after_a_commit_deletes_the_file(clean_index, make_section):
    section = make_section("鄂尔多斯市新能源项目签约")
    services.index(section_ids=[section.pk])
    index = get_backend().fresh_index()
    views.forget_views()
    view = views.open_view(index.searcher())
    index.storage.delete_file(_stored_file(index))  # what another process's merge does
    assert int(view.searcher.stored_fields(0)["django_id"]) == section.pk
    view.searcher.close()


def test_a_segment_whose_stored_fields_are_already_gone_is_a_transient_missing_file(
    clean_index, make_section
):
    services.index(section_ids=[make_section("鄂尔多斯市新能源项目签约").pk])
    index = get_backend().fresh_index()
    views.forget_views()
    searcher = index.searcher()
    index.storage.delete_file(_stored_file(index))
    with pytest.raises(FileNotFoundError):  # the engine's search retries this with a fresh view
        views.open_view(searcher)
    searcher.close()


def test_facet_counts_are_the_same_for_few_and_for_many_matching_documents():
    import numpy as np

    rng = np.random.default_rng(7)
    doc_count = 500
    pairs = sorted(
        {
            (int(d), int(c))
            for d, c in zip(rng.integers(0, doc_count, 900), rng.integers(0, 6, 900), strict=False)
        }
    )
    docs = np.array([d for d, _ in pairs], dtype=np.int32)
    table = FacetTable(
        values=[f"v{i}" for i in range(6)],
        docs=docs,
        codes=np.array([c for _, c in pairs], dtype=np.int32),
        starts=np.searchsorted(docs, np.arange(doc_count + 1)),
    )
    for matching in (0, 1, 3, 40, 250, 500):  # below and above the switch between the two ways
        mask = np.zeros(doc_count, dtype=bool)
        mask[rng.choice(doc_count, matching, replace=False)] = True
        expected = [sum(1 for d, c in pairs if c == value and mask[d]) for value in range(6)]
        assert table.counts(mask).tolist() == expected, matching


def test_phrases_across_many_posting_blocks_match_whoosh_exactly(clean_index, make_section):
    # Several hundred sections put each word's postings in several blocks, of which a
    # phrase reads only those holding a candidate; the words also meet in the wrong order,
    # apart, and repeated within one section.
    shapes = (
        "京蒙协作推进绿色算力",
        "协作京蒙，算力绿色",
        "京蒙地区加强协作，绿色发展",
        "京蒙京蒙协作协作，算力绿色算力",
        "绿色产业",
    )
    sections = [make_section(f"第{n}篇：{shapes[n % len(shapes)]}") for n in range(330)]
    services.index(section_ids=[s.pk for s in sections])
    index = get_backend().fresh_index()
    for q in ('"京蒙 协作"', '"绿色 算力"', "京蒙协", "色算"):
        query = _compiled(q)
        with index.searcher() as searcher:
            expected = set(searcher.docs_for_query(query))
            found = engine.evaluate(views.open_view(searcher), query, scored=False)
            assert set(found.mask.nonzero()[0].tolist()) == expected, q
            assert 0 < len(expected) < len(sections), q


def test_ordering_by_keys_gives_the_full_sort_order_for_any_page_size():
    import numpy as np

    rng = np.random.default_rng(11)
    size = 2000
    keys = [
        rng.integers(0, 2, size),
        rng.integers(0, 30, size),
        rng.integers(0, 400, size),
        rng.integers(0, 5, size),
    ]
    mask = rng.random(size) < 0.7
    docs = np.flatnonzero(mask)
    expected = docs[np.lexsort([docs, *[k[docs] for k in reversed(keys)]])]
    for limit in (1, 7, 20, 333, len(docs), len(docs) + 5):
        assert engine.top_by_keys(mask, keys, limit=limit).tolist() == expected[:limit].tolist(), limit
    huge = [rng.integers(0, 2**40, size), rng.integers(0, 2**40, size)]  # too wide to fold together
    expected = docs[np.lexsort([docs, *[k[docs] for k in reversed(huge)]])]
    assert engine.top_by_keys(mask, huge, limit=20).tolist() == expected[:20].tolist()


DATES = (dt.date(2020, 1, 1), dt.date(2023, 6, 30), dt.date(2023, 7, 1), dt.date(2025, 12, 31), None)
RANGES = (
    (dt.datetime(2023, 1, 1), dt.datetime(2023, 6, 30, 23, 59), False, False),
    (dt.datetime(2023, 6, 30), None, False, False),
    (None, dt.datetime(2023, 7, 1), False, True),
    (dt.datetime(2023, 6, 30), dt.datetime(2025, 12, 31), True, False),
    (None, None, False, False),
)


@pytest.mark.parametrize(("start", "end", "startexcl", "endexcl"), RANGES)
def test_a_date_range_read_from_the_column_finds_what_whoosh_finds(
    clean_index, make_section, start, end, startexcl, endexcl
):
    sections = [make_section(f"京蒙协作第{i}篇", date=day, article_date=None) for i, day in enumerate(DATES)]
    for section in sections:  # one commit each: several segments, and the undated one among them
        services.index(section_ids=[section.pk])
    index = get_backend().fresh_index()
    query = wq.DateRange("date", start, end, startexcl=startexcl, endexcl=endexcl)
    with index.searcher() as searcher:
        expected = set(searcher.docs_for_query(query))
        found = engine.evaluate(views.open_view(searcher), query, scored=False)
        assert set(found.mask.nonzero()[0].tolist()) == expected


def test_newest_first_orders_sections_by_date_across_segments(clean_index, make_section):
    older = make_section("京蒙 甲", date=dt.date(2020, 1, 1))
    newest = make_section("京蒙 乙", date=dt.date(2025, 1, 1))
    services.index(section_ids=[older.pk, newest.pk])
    middle = make_section("京蒙 丙", date=dt.date(2023, 1, 1))
    services.index(section_ids=[middle.pk])  # a second segment, ranked on its own
    results = services.search(params=SearchParams(q="", filters={}, sort="newest", page=1, per_page=10))
    assert [hit.section_id for hit in results.hits] == [newest.pk, middle.pk, older.pk]
