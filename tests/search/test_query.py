"""Parameter parsing and query building: pure, with a hand-made schema and an in-memory index."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from whoosh import query as wq
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from search.analysis import BigramAnalyzer, JiebaAnalyzer
from search.query import (
    MAX_PAGE,
    BadQuery,
    Clause,
    SearchParams,
    build_date_filter,
    build_filter,
    build_query,
    describe,
    highlight_terms,
    parse_date,
    parse_params,
    parse_query_text,
)

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
)

DOCS = {
    "adjacent": "推动产业合作取得新进展",
    "apart": "产业发展与合作交流",
    "ordos": "鄂尔多斯市的风电项目",
    "latin": "AI 大模型 title 字段",
}


def params(q: str = "", **filters: tuple[str, ...]) -> SearchParams:
    return SearchParams(q=q, filters=filters, sort="relevance", page=1, per_page=20)


@pytest.fixture(scope="module")
def ram_index():
    index = RamStorage().create_index(SCHEMA)
    writer = index.writer()
    cities = {
        "adjacent": ["包头市"],
        "apart": ["包头市", "内蒙古自治区"],
        "ordos": ["鄂尔多斯市"],
        "latin": [],
    }
    for key, text in DOCS.items():
        writer.add_document(id=key, text=text, text_ngram=text, city=cities[key])
    writer.commit()
    return index


def found(index, q: str, **filters: tuple[str, ...]) -> set[str]:
    with index.searcher() as searcher:
        return {
            hit["id"]
            for hit in searcher.search(build_query(params=params(q, **filters), schema=SCHEMA), limit=None)
        }


# --------------------------------------------------------------------------- parse_params


def test_parse_params_reads_a_querydict_with_repeated_filters():
    data = QueryDict("q=绿色算力&city=包头市&city=赤峰市&city=包头市&theme=&sort=newest&page=2&utm=x")
    result = parse_params(data=data, per_page=10)
    assert result == SearchParams(
        q="绿色算力", filters={"city": ("包头市", "赤峰市")}, sort="newest", page=2, per_page=10
    )


def test_parse_params_accepts_a_plain_dict_of_lists_or_strings():
    assert parse_params(data={"q": ["a"], "year": "2025"}, per_page=5).filters == {"year": ("2025",)}


def test_parse_params_strips_and_limits_the_query_to_200_characters():
    result = parse_params(data={"q": ["  " + "京" * 500 + "  "]}, per_page=20)
    assert result.q == "京" * 200


def test_parse_params_removes_nul_and_lone_surrogates_without_failing():
    result = parse_params(data={"q": ["绿色\x00算力\ud800"], "city": ["包\udfff头市"]}, per_page=20)
    assert result.q == "绿色 算力"
    assert result.filters == {"city": ("包 头市",)}


def test_parse_params_treats_an_unknown_sort_as_relevance():
    assert parse_params(data={"sort": ["price"]}, per_page=20).sort == "relevance"


def test_parse_params_defaults_to_the_first_page():
    assert parse_params(data={"page": [""]}, per_page=20).page == 1
    assert parse_params(data={}, per_page=20).page == 1


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", str(MAX_PAGE + 1), "9" * 5000])
def test_parse_params_rejects_a_bad_page_with_a_chinese_message(page):
    with pytest.raises(BadQuery) as caught:
        parse_params(data={"page": [page]}, per_page=20)
    assert "页码" in caught.value.message


def test_parse_params_drops_filter_values_too_long_to_be_a_name():
    assert parse_params(data={"city": ["x" * 101, "包头市"]}, per_page=20).filters == {"city": ("包头市",)}


def test_parse_params_takes_page_size_from_settings_by_default(settings):
    settings.SEARCH_PAGE_SIZE = 7
    assert parse_params(data={}).per_page == 7


# --------------------------------------------------------------------------- parse_query_text


def test_words_are_anded_phrases_kept_or_joins_neighbours_and_minus_excludes():
    parsed = parse_query_text(q='绿色 "产业 合作" 包头 OR 赤峰 -鄂尔多斯 -"风电 项目"')
    assert parsed.groups == (
        (Clause("绿色", False),),
        (Clause("产业 合作", True),),
        (Clause("包头", False), Clause("赤峰", False)),
    )
    assert parsed.excluded == (Clause("鄂尔多斯", False), Clause("风电 项目", True))


def test_chinese_and_full_width_quotes_and_minus_are_understood():
    parsed = parse_query_text(q="“产业 合作”　－风电")
    assert parsed.groups == ((Clause("产业 合作", True),),)
    assert parsed.excluded == (Clause("风电", False),)


def test_an_unclosed_quote_runs_to_the_end_and_dangling_or_is_ignored():
    parsed = parse_query_text(q='OR 包头 OR "产业 合作')
    assert parsed.groups == ((Clause("包头", False), Clause("产业 合作", True)),)


def test_clauses_without_any_word_character_are_dropped():
    assert parse_query_text(q='* ( ) " - : ，。').is_empty


# --------------------------------------------------------------------------- build_query


@pytest.mark.parametrize("q", ["", "   ", "*", "(", "，。！", '"', "-", "*:*"])
def test_a_query_of_only_punctuation_or_whitespace_matches_everything(q):
    assert build_query(params=params(q), schema=SCHEMA) == wq.Every()


def test_each_term_matches_as_a_word_phrase_or_as_a_bigram_phrase():
    query = build_query(params=params("产业合作"), schema=SCHEMA)
    assert isinstance(query, wq.Or)
    assert wq.Phrase("text", ["产业", "合作"], boost=2.0) in query.subqueries
    assert wq.Phrase("headline", ["产业", "合作"], boost=6.0) in query.subqueries
    assert wq.Phrase("text_ngram", ["产业", "业合", "合作"]) in query.subqueries


def test_title_words_are_boosted_over_body_words_which_are_boosted_over_partial_words():
    query = build_query(params=params("风电"), schema=SCHEMA)
    boosts = {sub.fieldname: sub.boost for sub in query.subqueries}
    assert boosts["headline"] > boosts["heading"] > boosts["text"] > boosts["text_ngram"]


@pytest.mark.parametrize("q", ["title:风电", "AND", "(风电)", "风电*", "[a TO", "text:*", "风电^10"])
def test_whoosh_syntax_in_user_input_is_plain_text(q):
    query = build_query(params=params(q), schema=SCHEMA)
    nodes = list(_walk(query))
    assert not any(isinstance(node, wq.Wildcard | wq.TermRange | wq.Every) for node in nodes)
    searched_fields = {node.fieldname for node in nodes if isinstance(node, wq.Term | wq.Phrase)}
    assert searched_fields == {"text", "headline", "heading", "text_ngram"}


def _walk(query):
    yield query
    for child in query.children():
        yield from _walk(child)


def test_several_values_of_one_facet_are_ored_and_facets_are_anded():
    selected = build_filter(filters={"city": ("包头市", "赤峰市"), "year": ("2025",)}, schema=SCHEMA)
    assert selected == wq.And(
        [wq.Or([wq.Term("city", "包头市"), wq.Term("city", "赤峰市")]), wq.Term("year", "2025")]
    )


def test_a_facet_can_be_left_out_of_the_filter_for_disjunctive_counts():
    assert build_filter(
        filters={"city": ("包头市",), "year": ("2025",)}, schema=SCHEMA, skip="city"
    ) == wq.Term("year", "2025")


def test_match_all_with_a_filter_is_just_the_filter():
    assert build_query(params=params("", city=("包头市",)), schema=SCHEMA) == wq.Term("city", "包头市")


# --------------------------------------------------------------------------- semantics on a RAM index


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


def test_whoosh_syntax_is_searched_as_the_words_it_contains(ram_index):
    assert found(ram_index, "title:") == {"latin"}
    assert found(ram_index, "AI AND") == set()  # "and" is a word to find, not an operator


def test_filters_combine_with_the_text(ram_index):
    assert found(ram_index, "产业", city=("内蒙古自治区",)) == {"apart"}
    assert found(ram_index, "", city=("包头市", "鄂尔多斯市")) == {"adjacent", "apart", "ordos"}


# --------------------------------------------------------------------------- describe / highlight


def test_describe_reads_the_search_back_in_chinese():
    text = describe(
        params=SearchParams(
            q="绿色算力",
            filters={"city": ("包头市", "赤峰市"), "year": ("2025",)},
            sort="newest",
            page=1,
            per_page=20,
        )
    )
    assert text == "搜索“绿色算力”，城市：包头市或赤峰市，年份：2025年，排序：最新在前"


def test_describe_without_text_says_all_sections():
    assert describe(params=params("", theme=("算力",))) == "全部段落，主题：算力"


def test_highlight_terms_are_the_positive_terms_only():
    assert highlight_terms(params=params('绿色 "产业 合作" 包头 OR 赤峰 -风电')) == (
        "绿色",
        "产业 合作",
        "包头",
        "赤峰",
    )


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025", "2025-01-01", "2025-12-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2025-8-7", "2025-08-07", "2025-08-07"),
        ("2025/08/07", "2025-08-07", "2025-08-07"),
        ("2025年8月", "2025-08-01", "2025-08-31"),
        ("２０２５－０８－０７", "2025-08-07", "2025-08-07"),
    ],
)
def test_a_date_may_be_a_year_a_month_or_a_day_and_spans_all_of_it(text, start, end):
    assert parse_date(text).isoformat() == start
    assert parse_date(text, end=True).isoformat() == end


@pytest.mark.parametrize("text", ["昨天", "2025-13", "2025-02-30", "25-08", "2025-08-07 12:00", "0000"])
def test_a_date_that_is_no_date_is_a_bad_query_not_a_wider_search(text):
    with pytest.raises(BadQuery):
        parse_date(text)


def test_a_range_that_ends_before_it_starts_is_a_bad_query():
    with pytest.raises(BadQuery):
        parse_params(data={"date_from": "2025-06", "date_to": "2025-05"})


def test_the_dates_join_the_query_and_the_summary():
    params = parse_params(data={"q": "", "city": "包头市", "date_from": "2025-03", "date_to": "2025-05"})
    built = build_query(params=params, schema=SCHEMA)
    (dates,) = [q for q in built.subqueries if isinstance(q, wq.DateRange)]
    assert (dates.startdate.date().isoformat(), dates.enddate.date().isoformat()) == (
        "2025-03-01",
        "2025-05-31",
    )
    assert "日期：2025-03-01 至 2025-05-31" in describe(params=params)
    assert build_date_filter(params=parse_params(data={"q": "x"})) is None
