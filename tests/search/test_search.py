"""Searching the real Whoosh index (config.settings.test's temp dir) through the search interface."""

from __future__ import annotations

import datetime as dt

import pytest

from search import services
from search.analysis import words
from search.query import SearchParams, parse_params

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(clean_index, make_section):
    sections = {
        "hohhot": make_section(
            "和林格尔新区建设绿色算力基地，推动产业合作取得新进展。",
            headline="京蒙协作结硕果",
            cities=("和林格尔县",),
            themes=("算力",),
            date=dt.date(2025, 5, 1),
        ),
        "baotou": make_section(
            "包头市发展稀土产业，产业发展与合作交流密切。AI 大模型落地",
            cities=("包头市",),
            themes=("算力",),
            date=dt.date(2024, 3, 1),
            publication="China Daily",
        ),
        "tourism": make_section(
            "包头市文化旅游推介会在北京举办",
            cities=("包头市",),
            themes=("文化旅游",),
            date=None,
            publication=None,
        ),
        "ordos": make_section(
            "鄂尔多斯市的风电项目并网发电",
            cities=("鄂尔多斯市",),
            inactive_cities=("北京市",),
            themes=("文化旅游",),
            date=dt.date(2023, 1, 1),
        ),
        "script": make_section(
            "<script>alert(1)</script>包头稀土",
            cities=("包头市",),
            date=None,
            article_date=dt.date(2022, 6, 1),
        ),
    }
    services.index(section_ids=[s.pk for s in sections.values()])
    return sections


def search(q: str = "", *, sort: str = "relevance", page: int = 1, per_page: int = 50, **filters):
    params = SearchParams(
        q=q, filters={k: tuple(v) for k, v in filters.items()}, sort=sort, page=page, per_page=per_page
    )
    return services.search(params=params)


def ids(results, archive) -> set[str]:
    names = {section.pk: name for name, section in archive.items()}
    return {names[hit.section_id] for hit in results.hits}


def ordered(results, archive) -> list[str]:
    names = {section.pk: name for name, section in archive.items()}
    return [names[hit.section_id] for hit in results.hits]


def counts(results, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in results.facets[facet]}


def test_a_phrase_matches_only_sections_where_the_words_are_adjacent(archive):
    assert ids(search('"产业 合作"'), archive) == {"hohhot"}
    assert ids(search("产业 合作"), archive) == {"hohhot", "baotou"}


def test_an_empty_query_with_a_city_filter_browses_that_city(archive):
    results = search("", city=["包头市"])
    assert ids(results, archive) == {"baotou", "tourism", "script"}
    assert results.count == 3


def test_a_city_filter_includes_sections_tagged_with_a_place_inside_it(archive):
    assert ids(search("", city=["呼和浩特市"]), archive) == {"hohhot"}


def test_facet_values_come_back_exactly_as_stored_with_correct_counts(archive):
    results = search("")
    assert counts(results, "city") == {
        "包头市": 3,
        "呼和浩特市": 1,
        "和林格尔县": 1,
        "鄂尔多斯市": 1,
    }
    assert counts(results, "publication") == {"内蒙古日报": 3, "China Daily": 1}
    assert counts(results, "year") == {"2022": 1, "2023": 1, "2024": 1, "2025": 1}
    assert [v.label for v in results.facets["year"]] == ["2022年", "2023年", "2024年", "2025年"]
    assert counts(results, "theme") == {"测试数字经济": 2, "测试算力": 2, "测试文化旅游": 2}


def test_facet_values_are_sorted_by_count_then_value(archive):
    values = [(v.count, v.value) for v in search("").facets["city"]]
    assert values == sorted(values, key=lambda cv: (-cv[0], cv[1]))


def test_an_inactive_tag_is_not_indexed(archive):
    assert "北京市" not in counts(search(""), "city")
    assert search("", city=["北京市"]).count == 0


def test_several_values_of_one_facet_are_ored_and_different_facets_are_anded(archive):
    assert ids(search("", city=["呼和浩特市", "鄂尔多斯市"]), archive) == {"hohhot", "ordos"}
    assert ids(search("", city=["呼和浩特市", "鄂尔多斯市"], theme=["测试算力"]), archive) == {"hohhot"}


def test_facet_counts_ignore_their_own_selection_but_respect_the_others(archive):
    results = search("", city=["包头市"])
    city = counts(results, "city")
    assert city["呼和浩特市"] == 1 and city["鄂尔多斯市"] == 1 and city["包头市"] == 3
    assert counts(results, "theme") == {"测试数字经济": 1, "测试算力": 1, "测试文化旅游": 1}
    assert counts(results, "year") == {"2022": 1, "2024": 1}


def test_a_selected_value_is_listed_even_when_nothing_matches_it(archive):
    results = search("", city=["北京市"])
    beijing = [v for v in results.facets["city"] if v.value == "北京市"]
    assert len(beijing) == 1 and beijing[0].count == 0 and beijing[0].selected
    assert not any(v.selected for v in results.facets["city"] if v.value != "北京市")


def test_minus_excludes_sections(archive):
    assert ids(search("稀土"), archive) == {"baotou", "script"}
    assert ids(search("稀土 -AI"), archive) == {"script"}


def test_or_joins_terms(archive):
    assert ids(search("风电 OR 旅游"), archive) == {"ordos", "tourism"}


def test_part_of_a_word_finds_the_whole_word(archive):
    assert ids(search("尔多斯"), archive) == {"ordos"}
    assert ids(search("格尔新"), archive) == {"hohhot"}


@pytest.mark.parametrize("q", ["ＡＩ", "ai", "Ai", "AI"])
def test_latin_letters_match_whatever_their_case_or_width(archive, q):
    assert ids(search(q), archive) == {"baotou"}


def test_any_jieba_word_of_a_section_finds_that_section(archive):
    section = archive["hohhot"]
    for word in words(f"{section.article.headline}\n{section.text}"):
        assert "hohhot" in ids(search(word), archive), word


def test_whole_word_matches_rank_above_partial_matches(archive):
    # "包头" is a word in "包头稀土" but only part of the word "包头市" elsewhere.
    assert ordered(search("包头"), archive)[0] == "script"


def test_headline_matches_rank_above_body_matches(clean_index, make_section):
    body = make_section("京蒙协作推进，风电项目多", headline="标题一")
    title = make_section("项目进展顺利，情况良好", headline="京蒙协作")
    services.index(section_ids=[body.pk, title.pk])
    assert [hit.section_id for hit in search("京蒙协作").hits] == [title.pk, body.pk]


def test_snippets_mark_matches_and_escape_html(archive):
    (hit,) = search("alert").hits
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in hit.snippet
    assert "<script>" not in hit.snippet


def test_snippets_mark_chinese_words_and_partial_words(archive):
    (hit,) = search("尔多斯").hits
    assert hit.snippet == "鄂<mark>尔多斯</mark>市的风电项目并网发电"
    (hit,) = search("绿色算力").hits
    assert "<mark>绿色算力</mark>" in hit.snippet


def test_headline_and_heading_are_marked_too(clean_index, make_section):
    section = make_section("正文没有这个词", headline="京蒙协作结硕果 <i>", heading="绿色算力基地")
    services.index(section_ids=[section.pk])
    (hit,) = search("结硕果 OR 算力").hits
    assert hit.headline_html == "京蒙协作<mark>结硕果</mark> &lt;i&gt;"
    assert hit.heading_html == "绿色<mark>算力</mark>基地"
    (hit,) = search("").hits
    assert (hit.headline_html, hit.heading_html) == ("京蒙协作结硕果 &lt;i&gt;", "绿色算力基地")


def test_newest_and_oldest_put_undated_sections_last(archive):
    assert ordered(search(sort="newest"), archive) == ["hohhot", "baotou", "ordos", "script", "tourism"]
    assert ordered(search(sort="oldest"), archive) == ["script", "ordos", "baotou", "hohhot", "tourism"]


def test_the_year_falls_back_to_the_article_date(archive):
    assert ids(search("", year=["2022"]), archive) == {"script"}


def test_a_page_past_the_end_is_empty_but_reports_the_real_totals(archive):
    results = search("", per_page=2, page=10)
    assert (results.hits, results.count, results.num_pages, results.page) == ([], 5, 3, 10)
    assert len(search("", per_page=2, page=3).hits) == 1


def test_hits_carry_section_and_article_ids_and_a_relevance_score(archive):
    (hit,) = search("风电").hits
    assert (hit.section_id, hit.article_id) == (archive["ordos"].pk, archive["ordos"].article_id)
    assert hit.score > 0


HOSTILE = [
    "title:",
    "*",
    "(",
    ")",
    '"',
    "AND OR NOT",
    "[a TO",
    "{a TO b}",
    "\x00",
    "\ud800",
    "a" * 10_000,
    "京" * 10_000,
    " OR " * 500,
    "-",
    "--",
    '-"',
    "~2",
    "^3",
    "\\",
    "text:*",
    "id:archive.section.1",
    "'",
    "“",
    "包" * 5 + "*" * 5,
    "<script>",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_never_raise(archive, q):
    params = parse_params(data={"q": [q], "city": [q], "year": [q], "sort": [q]}, per_page=10)
    results = services.search(params=params)
    assert results.count >= 0


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_never_raise_even_without_parse_params(archive, q):
    results = services.search(
        params=SearchParams(q=q, filters={"city": (q,)}, sort="relevance", page=1, per_page=10)
    )
    assert results.count >= 0


def test_an_empty_index_answers_with_no_hits_and_only_the_selected_facet_values(clean_index, places):
    results = search("风电", city=["包头市"])
    assert (results.count, results.hits, results.num_pages) == (0, [], 1)
    assert [(v.value, v.count, v.selected) for v in results.facets["city"]] == [("包头市", 0, True)]
    assert results.facets["theme"] == []


def test_related_sections_are_other_articles_sharing_distinctive_words(clean_index, make_section):
    base = make_section("和林格尔新区数据中心集群建设提速，绿色算力服务京津冀")
    close = make_section("绿色算力项目落户和林格尔新区数据中心集群")
    far = make_section("锡林郭勒盟牧民参加那达慕赛马")
    services.rebuild()
    related = services.related(section_id=base.pk, limit=5)
    assert related and related[0] == close.pk
    assert base.pk not in related and far.pk not in related
    assert services.related(section_id=10**9) == []


def test_zero_results_offer_dropping_filters_and_near_words(clean_index, make_section):
    make_section("喀喇沁云杉苗圃扩建", date=dt.date(2024, 6, 1))
    services.rebuild()
    filtered = search("云杉苗圃", year=("1999",))
    assert filtered.count == 0 and filtered.count_without_filters == 1
    typo = search("云杉苗囿")
    assert typo.count == 0 and "云杉" in typo.suggestions


def test_warm_up_reads_every_facet_table_and_sort_column_before_the_first_search(archive):
    from search.engines.whoosh import docsets
    from search.engines.whoosh.backend import get_backend
    from search.engines.whoosh.searching import SORT_COLUMNS
    from search.engines.whoosh.view import current_view, forget_views
    from search.facets import FACETS

    forget_views()
    docsets.clear()
    ticks = []
    services.warm_up(tick=lambda: ticks.append(1))
    assert ticks  # the worker's heartbeat is kept while warming up
    view = current_view(get_backend().fresh_index())
    for part in view.parts:
        assert set(part.data.facets) == {facet.field for facet in FACETS}
        # the values, and with one segment their ranks as well
        assert {key[1] if isinstance(key, tuple) else key for key in part.data.columns} == set(SORT_COLUMNS)
        assert part.data.lexicons
    assert services.search(params=parse_params(data={})).count == view.size


def test_warm_up_of_an_empty_index_does_nothing_and_searches_still_answer(clean_index):
    from search.engines.whoosh.view import forget_views

    forget_views()
    services.warm_up()
    assert services.search(params=parse_params(data={"q": "草原"})).count == 0


def in_dates(q: str = "", **dates):
    return services.search(params=parse_params(data={"q": q, **dates}, per_page=50))


def test_a_date_range_keeps_the_sections_published_within_it(archive):
    assert ids(in_dates(date_from="2024", date_to="2025-05"), archive) == {"hohhot", "baotou"}
    assert ids(in_dates(date_from="2024-03-02"), archive) == {"hohhot"}
    assert ids(in_dates(date_to="2023"), archive) == {"ordos", "script"}
    assert ids(in_dates(date_from="2025-05-01", date_to="2025-05-01"), archive) == {"hohhot"}


def test_undated_sections_fall_outside_every_date_range(archive):
    assert "tourism" not in ids(in_dates(date_from="1900", date_to="2100"), archive)


def test_text_and_every_facet_count_stay_within_the_dates(archive):
    results = in_dates("包头", date_to="2024-12")
    assert ids(results, archive) == {"baotou", "script"}
    assert counts(results, "year") == {"2024": 1, "2022": 1}
    assert counts(results, "city")["包头市"] == 2


def test_no_results_in_a_date_range_report_the_count_outside_it(archive):
    results = in_dates("包头", date_from="2030")
    assert (results.count, results.count_without_filters) == (0, 3)
