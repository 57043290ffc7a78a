"""Unseen pages in any layout: the splitter and the ingest command never crash."""

from io import StringIO

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.ingest.split import split_page

FRAGMENTS = [
    "本报讯（记者 张三）",
    "新华社北京3月5日电",
    "◎本报记者 李四",
    "（王五）",
    "（下转第2版）",
    "【口岸观察】",
    "■ 赤峰 ",
    "【包头】",
    "一、",
    "1.",
    "遗失声明",
    "●",
    "▲",
    "摄",
    "——",
    "#",
    "**",
    "|",
    "表一 ",
    "2025年4月29日",
    "发布时间：2025-06-12",
    "呼和浩特",
    "京蒙协作",
    "。",
    "，",
    "？",
    "“",
    "”",
    "（",
    "）",
    " ",
    "\u3000",
    "包 钢 贺",
    "内蒙古自治区发展改革委有关负责人介绍",
    "算力规模达到19.1万P",
    "ＡＩ",
    "本報訊（記者 周慧敏）",
]
line = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=8).map("".join)
page = st.lists(st.one_of(line, st.just("")), min_size=1, max_size=60).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=page)
def test_any_text_splits_without_error_and_keeps_spans_inside_the_page(text):
    result = split_page(text=text, place_names={"呼和浩特", "包头", "赤峰"})
    for article in result.articles:
        for section in article.sections:
            assert 0 <= section.span_start <= section.span_end <= len(text)
            assert section.text.strip()


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=page)
def test_dry_run_json_never_crashes(tmp_path, text):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8", errors="surrogatepass") if text.strip() else path.write_text(
        "正文。"
    )
    out = StringIO()
    try:
        call_command("ingest", str(path), "--dry-run", "--format", "json", stdout=out, stderr=StringIO())
    except Exception as exc:  # only a refusal with a reason is acceptable
        from django.core.management import CommandError

        assert isinstance(exc, CommandError), repr(exc)
