"""The search page and API as readers and scripts use them: no input gives a 500."""

import re
from urllib.parse import quote

import pytest
from django.utils.html import escape

from archive.models import Section

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    "   ",
    "title:",
    "*",
    "?",
    "(",
    ")",
    '"',
    '"未闭合',
    "AND OR NOT",
    "[a TO",
    "a:b:c",
    "\x00",
    "\ud800",
    "\u202e反向",
    "-",
    "--",
    "OR",
    "-和林格尔",
    "和林格尔" * 3000,
    "<script>alert(1)</script>",
    "%",
    "\\",
    "{}",
]


@pytest.mark.parametrize("q", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize("path", ["/search/", "/api/search"])
def test_hostile_queries_get_a_page_not_a_server_error(client, path, q):
    # percent-encode by hand so that even a lone surrogate arrives as the bytes a browser could send
    response = client.get(f"{path}?q={quote(q.encode('utf-8', 'surrogatepass'))}")
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "error" in response.json() if path.startswith("/api") else "无法" in response.content.decode()


@pytest.mark.parametrize("page", ["0", "-3", "abc", "1e3", "99999999999999999999", "", "2.5"])
def test_bad_page_numbers_are_a_400_with_a_message(client, page):
    response = client.get("/api/search", {"q": "内蒙古", "page": page})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["error"]


@pytest.mark.parametrize(
    "params",
    [
        {"city": "不存在的城市"},
        {"theme": "<b>x</b>"},
        {"year": "abcd"},
        {"publication": ""},
        {"sort": "sideways"},
        {"unknown": "1"},
        {"city": ["包头市", "包头市", "赤峰市"]},
    ],
    ids=["unknown-city", "html-theme", "bad-year", "empty-pub", "bad-sort", "unknown-param", "repeated"],
)
def test_odd_filters_are_answered(client, params):
    response = client.get("/api/search", params)
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_a_word_finds_its_section_with_a_highlighted_snippet_and_the_documented_shape(client):
    data = client.get("/api/search", {"q": "和林格尔"}).json()
    assert data["count"] > 0 and data["page"] == 1 and data["num_pages"] >= 1
    hit = data["results"][0]
    assert set(hit) == {
        "section_id",
        "article_id",
        "url",
        "headline",
        "heading",
        "snippet",
        "publication",
        "date",
        "cities",
        "themes",
    }
    assert "<mark>" in hit["snippet"]
    assert hit["url"].endswith(f"#s{hit['section_id']}")
    assert set(data["facets"]) == {"city", "theme", "publication", "year"}


def test_facet_counts_match_a_filtered_search(client):
    facets = client.get("/api/search", {"q": ""}).json()["facets"]
    for facet in ("city", "theme", "publication"):
        value = facets[facet][0]
        with_filter = client.get("/api/search", {facet: value["value"]}).json()
        assert with_filter["count"] == value["count"], facet


def test_browsing_with_no_query_lists_every_section(client):
    assert client.get("/api/search").json()["count"] == Section.objects.count()


def test_the_html_results_keep_every_filter_in_the_pagination_links(client):
    html = client.get(
        "/search/", {"q": "", "city": "呼和浩特市", "theme": "科技创新", "sort": "oldest"}
    ).content.decode()
    assert "X-Robots-Tag" not in html
    if "下一页" in html:
        link = html[html.index("下一页") - 400 : html.index("下一页")]
        assert "city=" in link and "theme=" in link and "sort=oldest" in link


def test_search_pages_are_not_indexed_by_crawlers(client):
    assert client.get("/search/", {"q": "包头"})["X-Robots-Tag"] == "noindex"


def test_html_in_the_query_is_escaped(client):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_export_csv_holds_every_result_of_a_filtered_search_not_one_page(client):
    import csv
    import io

    count = client.get("/api/search", {"city": "呼和浩特市"}).json()["count"]
    response = client.get("/api/search/export.csv", {"city": "呼和浩特市"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    records = list(csv.DictReader(io.StringIO(text)))
    assert len(records) == count > 20 // 2
    assert all(r["url"].startswith("http://testserver/articles/") for r in records)


def test_export_json_is_a_complete_json_array(client):
    import json

    response = client.get("/api/search/export.json", {"q": "京蒙"})
    data = json.loads(b"".join(response.streaming_content))
    assert len(data) == client.get("/api/search", {"q": "京蒙"}).json()["count"]
    assert {"section_id", "headline", "text", "cities"} <= set(data[0])


def test_export_of_a_bad_request_is_a_400_with_a_message(client):
    response = client.get("/api/search/export.csv", {"page": "x" * 5})
    assert response.status_code == 400 and response.json()["error"]


def _links(html: str) -> dict[str, str]:
    """Anchor text (tags stripped, whitespace collapsed) → href, for the links of a page."""
    import re
    from html import unescape

    found = {}
    for href, inner in re.findall(r'<a [^>]*?href="([^"]*)"[^>]*>(.*?)</a>', html, flags=re.S):
        text = " ".join(unescape(re.sub(r"<[^>]+>", " ", inner)).split())
        found.setdefault(text, unescape(href))
    return found


def _params(href: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl, urlsplit

    return parse_qsl(urlsplit(href).query, keep_blank_values=True)


def test_every_results_link_keeps_the_other_parameters(client):
    html = client.get(
        "/search/", {"q": "京蒙", "city": "呼和浩特市", "theme": "科技创新", "sort": "oldest"}
    ).content.decode()
    links = _links(html)
    chip = next(href for text, href in links.items() if text.startswith("科技创新") and "×" in text)
    assert sorted(_params(chip)) == sorted([("q", "京蒙"), ("city", "呼和浩特市"), ("sort", "oldest")])
    assert sorted(_params(links["清除全部筛选"])) == [("q", "京蒙"), ("sort", "oldest")]
    newest = _params(links["最新在前"])
    assert (
        ("sort", "newest") in newest and ("city", "呼和浩特市") in newest and ("theme", "科技创新") in newest
    )


def test_pagination_links_carry_every_filter_and_the_page(client):
    html = client.get("/search/", {"q": "", "publication": "内蒙古日报", "sort": "oldest"}).content.decode()
    total = client.get("/api/search", {"publication": "内蒙古日报"}).json()["num_pages"]
    if total < 2:
        html = client.get("/search/", {"sort": "oldest"}).content.decode()
    nxt = _links(html)["下一页"]
    assert ("page", "2") in _params(nxt) and ("sort", "oldest") in _params(nxt)
    second = client.get("/search/" + nxt).content.decode()
    assert 'aria-current="page">2<' in second
    assert "上一页" in _links(second)


def test_a_facet_link_adds_its_value_and_a_selected_value_links_to_its_removal(client):
    html = client.get("/search/", {"q": "京蒙", "city": "包头市"}).content.decode()
    facets = client.get("/api/search", {"q": "京蒙", "city": "包头市"}).json()["facets"]["city"]
    other = next(v for v in facets if not v["selected"])
    links = _links(html)
    add = next(href for text, href in links.items() if text == f"{other['label']} {other['count']}")
    assert ("city", "包头市") in _params(add) and ("city", other["value"]) in _params(add)
    selected = next(href for text, href in links.items() if text.startswith("已选，点击取消： 包头市"))
    assert ("city", "包头市") not in _params(selected) and ("q", "京蒙") in _params(selected)


def test_result_links_open_the_section_with_the_search_and_rank(client):
    data = client.get("/api/search", {"q": "和林格尔", "sort": "newest"}).json()
    html = client.get("/search/", {"q": "和林格尔", "sort": "newest"}).content.decode()
    first = data["results"][0]
    href = next(h for h in _links(html).values() if h.endswith(f"#s{first['section_id']}"))
    assert href.startswith(f"/articles/{first['article_id']}/?")
    params = dict(_params(href.split("#")[0]))
    assert params["n"] == "1" and dict(_params("?" + params["from"])) == {"q": "和林格尔", "sort": "newest"}


def test_zero_results_offer_the_count_without_filters_and_a_way_back(client):
    html = client.get("/search/", {"q": "京蒙", "city": "阿拉善盟", "year": "1999"}).content.decode()
    assert "没有找到符合条件的报道" in html
    without = client.get("/api/search", {"q": "京蒙"}).json()["count"]
    assert f"可找到 {without} 条" in html
    assert _params(_links(html)["清除全部筛选"]) == [("q", "京蒙")]


def test_a_misspelt_word_gets_nearby_indexed_words(client):
    html = client.get("/search/", {"q": "和林格"}).content.decode()
    if "没有找到" in html:  # the bigram field usually finds part of a word; then there is nothing to suggest
        assert "相近的词" in html


def test_result_pages_stay_under_100_kb(client):
    assert len(client.get("/search/", {"q": ""}).content) < 100_000
    assert len(client.get("/search/", {"q": "京蒙"}).content) < 100_000


def test_export_csv_cells_never_start_a_formula():
    from api.export import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _cell("-1+2") == "'-1+2" and _cell("京蒙") == "京蒙"
    assert _cell(12) == 12 and _cell(None) == ""


def test_result_headlines_mark_the_word_searched_for(client):
    from search.analysis import words

    article = Section.objects.exclude(article__headline="").select_related("article").first().article
    word = max(words(article.headline), key=len)
    page = client.get("/search/", {"q": word}).content.decode()
    headlines = re.findall(r"<h3><a [^>]*>(.*?)</a></h3>", page)
    assert headlines and any(f"<mark>{word}</mark>" in h for h in headlines), (word, headlines[:3])


def test_a_date_range_shows_as_one_chip_kept_by_every_link_and_dropped_by_clear_all(client):
    query = {"q": "京蒙", "city": "包头市", "date_from": "2025-01", "date_to": "2025-12"}
    html = client.get("/search/", query).content.decode()
    links = _links(html)
    chip = next(href for text, href in links.items() if text.startswith("2025-01-01 至 2025-12-31"))
    assert sorted(_params(chip)) == sorted([("q", "京蒙"), ("city", "包头市")])
    assert ("date_from", "2025-01") in _params(links["最新在前"])
    assert sorted(_params(links["清除全部筛选"])) == [("q", "京蒙")]
    assert 'name="date_from" value="2025-01-01"' in html


@pytest.mark.parametrize(
    "dates", [{"date_from": "昨天"}, {"date_to": "2025-02-30"}, {"date_from": "2026", "date_to": "2025"}]
)
def test_a_bad_date_is_a_400_with_a_message_on_the_page_and_in_the_api(client, dates):
    api = client.get("/api/search", {"q": "京蒙", **dates})
    assert api.status_code == 400 and "日期" in api.json()["error"]
    page = client.get("/search/", {"q": "京蒙", **dates})
    assert page.status_code == 400 and escape(api.json()["error"]) in page.content.decode()


def test_the_api_and_the_page_agree_on_a_date_range(client):
    dated = client.get("/api/search", {"date_from": "2025-08-07", "date_to": "2025-08-07"}).json()
    everything = client.get("/api/search").json()
    assert 0 < dated["count"] < everything["count"]
    assert all(hit["date"] == "2025-08-07" for hit in dated["results"])
