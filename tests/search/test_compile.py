"""The neutral query tree compiled for Whoosh means what the query language says (an in-memory index).

test_engine.py proves the numpy evaluator finds what Whoosh finds for the same compiled
queries; here Whoosh's own searcher shows what those queries find."""

from __future__ import annotations

import datetime as dt

import pytest
from whoosh import query as wq
from whoosh.fields import DATETIME, ID, KEYWORD, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from search.engines.whoosh.analyzers import BigramAnalyzer, JiebaAnalyzer
from search.engines.whoosh.compile import compile_node
from search.query import SearchParams, build_query, parse_params
from search.querytree import DateRange

SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    text=TEXT(analyzer=JiebaAnalyzer(), phrase=True),
    headline=TEXT(analyzer=JiebaAnalyzer(), phrase=True),
    heading=TEXT(analyzer=JiebaAnalyzer(), phrase=True),
    text_ngram=TEXT(analyzer=BigramAnalyzer(), phrase=True),
    city=KEYWORD(commas=True, lowercase=False),
    theme=KEYWORD(commas=True, lowercase=False),
    publication=ID(),
    year=ID(),
    date=DATETIME(sortable=True),
)

DOCS = {
    "adjacent": ("推动产业合作取得新进展", ["包头市"], dt.datetime(2025, 3, 1)),
    "apart": ("产业发展与合作交流", ["包头市", "内蒙古自治区"], dt.datetime(2025, 5, 31, 12)),
    "ordos": ("鄂尔多斯市的风电项目", ["鄂尔多斯市"], dt.datetime(2025, 6, 1)),
    "latin": ("AI 大模型 title 字段", [], None),
}


@pytest.fixture(scope="module")
def ram_index():
    index = RamStorage().create_index(SCHEMA)
    writer = index.writer()
    for key, (text, cities, date) in DOCS.items():
        extra = {"date": date} if date else {}
        writer.add_document(id=key, text=text, text_ngram=text, city=cities, **extra)
    writer.commit()
    return index


def found(index, q: str = "", **data) -> set[str]:
    built = build_query(params=parse_params(data={"q": q, **data}, per_page=20))
    parts = [built.text, *(f.node for f in built.selected), *([built.dates] if built.dates else [])]
    query = wq.And([compile_node(part) for part in parts])
    with index.searcher() as searcher:
        return {hit["id"] for hit in searcher.search(query, limit=None)}


def test_a_phrase_matches_only_adjacent_words(ram_index):
    assert found(ram_index, '"产业 合作"') == {"adjacent"}
    assert found(ram_index, "产业合作") == {"adjacent"}
    assert found(ram_index, "产业 合作") == {"adjacent", "apart"}


def test_or_and_exclusion(ram_index):
    assert found(ram_index, "风电 OR 进展") == {"ordos", "adjacent"}
    assert found(ram_index, "产业 -交流") == {"adjacent"}
    assert found(ram_index, "-产业") == {"ordos", "latin"}


def test_part_of_a_word_finds_the_whole_word(ram_index):
    assert found(ram_index, "尔多斯") == {"ordos"}


def test_engine_syntax_is_searched_as_the_words_it_contains(ram_index):
    assert found(ram_index, "title:") == {"latin"}
    assert found(ram_index, "AI AND") == set()  # "and" is a word to find, not an operator


def test_filters_combine_with_the_text(ram_index):
    assert found(ram_index, "产业", city=["内蒙古自治区"]) == {"apart"}
    assert found(ram_index, "", city=["包头市", "鄂尔多斯市"]) == {"adjacent", "apart", "ordos"}


def test_a_date_range_takes_whole_days_and_leaves_out_undated_sections(ram_index):
    assert found(ram_index, "", date_from="2025-03", date_to="2025-05") == {"adjacent", "apart"}
    assert found(ram_index, "", date_from="2025-06-01") == {"ordos"}
    compiled = compile_node(DateRange("date", dt.date(2025, 3, 1), None))
    assert compiled == wq.DateRange("date", dt.datetime(2025, 3, 1), None)


def test_the_whole_text_tree_compiles_to_the_whoosh_objects_of_the_query_language():
    text = build_query(params=SearchParams(q="旅", filters={}, sort="relevance", page=1, per_page=20)).text
    compiled = compile_node(text)
    assert isinstance(compiled, wq.Or)
    assert compiled.subqueries[2] == wq.Term("text", "旅", boost=2.0)
    assert compiled.subqueries[-1] == wq.Wildcard("text_ngram", "*旅*", boost=1.0)
