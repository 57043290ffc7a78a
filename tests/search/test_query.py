"""Parameter parsing and query building: pure -- no index, no schema, no engine."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict

from search.query import (
    MAX_PAGE,
    BadQuery,
    Clause,
    SearchParams,
    build_query,
    describe,
    highlight_terms,
    parse_date,
    parse_params,
    parse_query_text,
)
from search.querytree import AllOf, AnyOf, Contains, DateRange, Everything, Exact, Exclude, Phrase, Term


def params(q: str = "", **filters: tuple[str, ...]) -> SearchParams:
    return SearchParams(q=q, filters=filters, sort="relevance", page=1, per_page=20)


def text_of(q: str):
    return build_query(params=params(q)).text


def _walk(node):
    yield node
    for child in getattr(node, "children", ()):
        yield from _walk(child)
    for part in (getattr(node, "base", None), getattr(node, "excluded", None)):
        if part is not None:
            yield from _walk(part)


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
def test_a_query_of_only_punctuation_or_whitespace_matches_everything_newest_first(q):
    built = build_query(params=params(q))
    assert built.text == Everything()
    assert built.sort == "newest" and built.browses_everything


def test_each_term_matches_as_a_word_phrase_or_as_a_bigram_phrase():
    query = text_of("产业合作")
    assert query == AnyOf(
        (
            Phrase("headline", ("产业", "合作"), 6.0),
            Phrase("heading", ("产业", "合作"), 4.0),
            Phrase("text", ("产业", "合作"), 2.0),
            Phrase("text_ngram", ("产业", "业合", "合作"), 1.0),
        )
    )


def test_title_words_are_boosted_over_body_words_which_are_boosted_over_partial_words():
    boosts = {sub.field: sub.boost for sub in text_of("风电").children}
    assert boosts["headline"] > boosts["heading"] > boosts["text"] > boosts["text_ngram"]


def test_terms_are_cut_like_the_indexed_text_traditional_full_width_and_numbers_included():
    assert text_of("阿爾山") == text_of("阿尔山")
    assert Term("text", "ai", 2.0) in text_of("ＡＩ").children
    assert Term("text", "7752.3亿元", 2.0) in text_of("7752.3亿元").children


def test_a_single_character_also_matches_every_bigram_containing_it():
    assert text_of("旅") == AnyOf(
        (
            Term("headline", "旅", 6.0),
            Term("heading", "旅", 4.0),
            Term("text", "旅", 2.0),
            Term("text_ngram", "旅", 1.0),
            Contains("text_ngram", "旅", 1.0),
        )
    )


def test_groups_are_anded_or_joins_neighbours_and_minus_excludes():
    query = text_of("绿色 包头 OR 赤峰 -鄂尔多斯")
    assert isinstance(query, Exclude)
    assert isinstance(query.base, AllOf) and len(query.base.children) == 2
    either = query.base.children[1]
    assert isinstance(either, AnyOf) and [len(c.children) for c in either.children] == [4, 4]
    assert Term("text", "鄂尔多斯", 2.0) in query.excluded.children


def test_only_excluded_terms_exclude_from_everything():
    query = text_of('-"京蒙协作"')
    assert isinstance(query, Exclude) and query.base == Everything()


@pytest.mark.parametrize("q", ["title:风电", "AND", "(风电)", "风电*", "[a TO", "text:*", "风电^10"])
def test_engine_syntax_in_user_input_is_plain_text(q):
    nodes = list(_walk(text_of(q)))
    assert not any(isinstance(node, Contains | Everything | Exclude) for node in nodes)
    searched_fields = {node.field for node in nodes if isinstance(node, Term | Phrase)}
    assert searched_fields == {"text", "headline", "heading", "text_ngram"}


def test_several_values_of_one_facet_are_ored_and_every_facet_is_listed():
    built = build_query(params=params("", city=("包头市", "赤峰市"), year=("2025",)))
    by_param = {facet.param: facet for facet in built.facets}
    assert list(by_param) == ["city", "theme", "publication", "year"]
    assert by_param["city"].node == AnyOf((Exact("city", "包头市"), Exact("city", "赤峰市")))
    assert by_param["year"].node == Exact("year", "2025")
    assert by_param["theme"].node is None and by_param["theme"].values == ()
    assert [facet.param for facet in built.selected] == ["city", "year"]


def test_match_all_with_a_filter_is_not_browsing_everything():
    built = build_query(params=params("", city=("包头市",)))
    assert built.text == Everything() and not built.browses_everything


def test_the_page_the_order_and_the_terms_to_mark_are_carried_along():
    built = build_query(
        params=SearchParams(q='绿色 "产业 合作" -风电', filters={}, sort="oldest", page=3, per_page=7)
    )
    assert (built.sort, built.page, built.per_page) == ("oldest", 3, 7)
    assert built.highlight == ("绿色", "产业 合作") and built.typed == '绿色 "产业 合作" -风电'
    assert build_query(params=params("绿色")).sort == "relevance"


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
    assert build_query(params=params).dates == DateRange("date", dt.date(2025, 3, 1), dt.date(2025, 5, 31))
    assert "日期：2025-03-01 至 2025-05-31" in describe(params=params)
    assert build_query(params=parse_params(data={"q": "x"})).dates is None
