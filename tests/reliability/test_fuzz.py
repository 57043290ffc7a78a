"""Hostile and random requests against every public endpoint: never a 5xx, every 4xx explains itself.

The example count is FUZZ_EXAMPLES per endpoint group: 150 by default, 1,250 in CI (× 8 groups = 10,000 requests).
"""

import os
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.models import Article, City, Theme

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
SYNTAX = [
    "title:",
    "*",
    "?",
    "(",
    ")",
    '"',
    "AND",
    "OR",
    "NOT",
    "[a TO",
    "{",
    "}",
    "~",
    "^2",
    "\\",
    "-",
    "||",
    "&&",
    "\u202e",
    "\u200f",
    "\x00",
    "\ud800",
    "\udfff",
    "%00",
    "<script>",
    "'",
    "；",
    "＊",
]
WORDS = ["京蒙", "和林格尔", "尔多斯", "ＡＩ", "7752.3亿元", "包头市", "绿色算力", "乌兰察布"]

text = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(SYNTAX + WORDS), max_size=10).map(" ".join),
    st.lists(st.sampled_from(SYNTAX + WORDS), max_size=6).map("".join),
    st.sampled_from(["", " ", "x" * 100_000, "和" * 30_000]),
)
number = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(["", "abc", "1e9", "0x10", "NaN", "-0", "1.5", "٣", "１２"]),
    st.text(max_size=8),
)
facet_value = st.one_of(
    st.sampled_from(["包头市", "赤峰市", "绿色算力", "2025", "内蒙古日报", "不存在"]), text
)
params = st.lists(
    st.one_of(
        st.tuples(st.just("q"), text),
        st.tuples(st.sampled_from(["city", "theme", "publication", "year"]), facet_value),
        st.tuples(st.sampled_from(["page", "per_page", "size"]), number),
        st.tuples(st.just("sort"), st.one_of(st.sampled_from(["relevance", "newest", "oldest"]), text)),
        st.tuples(st.text(min_size=1, max_size=10), text),
    ),
    max_size=8,
)


def _query_string(pairs) -> str:
    return "&".join(
        f"{quote(k.encode('utf-8', 'surrogatepass'))}={quote(v.encode('utf-8', 'surrogatepass'))}"
        for k, v in pairs
    )


def _check(response, path):
    assert response.status_code < 500, (path, response.status_code)
    if 400 <= response.status_code < 500 and response.status_code != 404:
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body.strip(), (path, "a 4xx without a message")


def _paths():
    article = Article.objects.first()
    return {
        "search": "/search/",
        "api_search": "/api/search",
        "export": "/api/search/export.json",
        "article": article.get_absolute_url(),
        "city": City.objects.get(name="包头市").get_absolute_url(),
        "theme": Theme.objects.get(name="绿色算力").get_absolute_url(),
        "feed": "/feeds/search/",
        "api_articles": "/api/articles",
    }


@pytest.mark.parametrize(
    "group", ["search", "api_search", "export", "article", "city", "theme", "feed", "api_articles"]
)
def test_random_requests_never_fail_on_the_server(client, group):
    path = _paths()[group]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(pairs=params)
    def run(pairs):
        response = client.get(f"{path}?{_query_string(pairs)}")
        if response.streaming:
            b"".join(response.streaming_content)
        _check(response, path)

    run()


@pytest.mark.parametrize(
    "path",
    [
        "/articles/0/",
        "/articles/99999999999999999999/",
        "/cities/%00/",
        "/themes/%E2%80%AE/",
        "/pages/-1/",
        "/api/articles/abc",
        "/feeds/cities/%ff/",
    ],
)
def test_odd_paths_are_404s_not_errors(client, path):
    assert client.get(path).status_code == 404
