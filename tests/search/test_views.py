"""The search page and API as readers and scripts use them: no input gives a 500."""

from urllib.parse import quote

import pytest

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
