"""The ingest and load commands as an operator runs them."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from archive.models import Article, Page, Section

pytestmark = pytest.mark.django_db

PAGE = (
    "草原城市加快建设数据中心\n\n"
    "本报讯（记者 王一）近日，和林格尔新区又一个数据中心投产，算力规模继续扩大，绿色算力产业集聚。\n\n"
    "牧区推广青贮技术\n\n"
    "本报讯（记者 李二）四子王旗推广青贮玉米种植，亩产提高，农牧民增收。\n"
)


def _counts():
    return Page.objects.count(), Article.objects.count(), Section.objects.count()


def _ingest(*args):
    out, err = StringIO(), StringIO()
    call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_ingest_saves_articles_and_the_same_file_again_changes_nothing(tmp_path, reindex_after):
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    before = _counts()
    out, _ = _ingest(str(path), "--publication", "测试日报", "--date", "2025-03-01", "--page", "第3版")
    assert "2 篇文章" in out
    page = Page.objects.get(source_name="page.txt")
    assert (page.publication.name, str(page.date), page.label) == ("测试日报", "2025-03-01", "第3版")
    assert page.raw_text == PAGE
    assert _counts() == (before[0] + 1, before[1] + 2, before[2] + 2)
    out, _ = _ingest(str(path))
    assert "已导入过" in out
    assert _counts() == (before[0] + 1, before[1] + 2, before[2] + 2)


def test_dry_run_json_shows_the_articles_without_writing(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    before = _counts()
    out, _ = _ingest(str(path), "--dry-run", "--format", "json")
    data = json.loads(out)
    assert _counts() == before
    assert [a["headline"] for a in data["articles"]] == ["草原城市加快建设数据中心", "牧区推广青贮技术"]
    first = data["articles"][0]
    assert set(first) >= {
        "kind",
        "kicker",
        "headline",
        "subheadline",
        "byline",
        "publication",
        "date",
        "page",
        "cities",
        "themes",
        "needs_review",
        "sections",
    }
    assert "和林格尔新区" in first["cities"]  # the most specific place; ancestors are derived
    assert data["articles"][1]["cities"] == ["四子王旗"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "为空"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00", "NUL"),
        (b"   \n\n  ", "没有可读的文字"),
        ("……——。".encode(), "没有可读的文字"),
    ],
    ids=["empty", "binary", "whitespace", "punctuation"],
)
def test_a_bad_file_exits_non_zero_with_a_one_line_reason_and_writes_nothing(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    before = _counts()
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(path), stdout=StringIO(), stderr=err)
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and reason in lines[0]
    assert _counts() == before


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_paths_that_are_not_files_are_refused(tmp_path, kind):
    path = tmp_path / "nothing.txt" if kind == "missing" else tmp_path
    with pytest.raises(CommandError):
        call_command("ingest", str(path), stdout=StringIO(), stderr=StringIO())


def test_one_bad_file_in_a_batch_does_not_stop_the_others(tmp_path, reindex_after):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(PAGE, encoding="utf-8")
    bad.write_bytes(b"")
    err = StringIO()
    with pytest.raises(CommandError, match="1 个文件"):
        call_command("ingest", str(bad), str(good), stdout=StringIO(), stderr=err)
    assert Page.objects.filter(source_name="good.txt").exists()
    assert "bad.txt" in err.getvalue()


def test_load_archive_twice_changes_nothing():
    before = _counts()
    call_command("load_archive", stdout=StringIO())
    assert _counts() == before


def test_an_invalid_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("ingest", str(Path(__file__)), "--date", "2025-13-40", stdout=StringIO())


def test_a_20_mb_file_is_refused_with_a_reason(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes("正文。".encode() * (20 * 1024 * 1024 // 9))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(path), stdout=StringIO(), stderr=err)
    assert "过大" in err.getvalue()


def test_utf16_and_gb18030_files_ingest_like_utf8(tmp_path):
    for encoding in ("utf-16", "gb18030"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(PAGE.encode(encoding))
        data = json.loads(_ingest(str(path), "--dry-run", "--format", "json")[0])
        assert [a["headline"] for a in data["articles"]] == ["草原城市加快建设数据中心", "牧区推广青贮技术"]


def test_a_batch_ends_with_a_summary_that_lists_the_failures(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(PAGE, encoding="utf-8")
    bad.write_bytes(b"\x00\x01")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(good), str(bad), "--dry-run", stdout=out, stderr=StringIO())
    summary = out.getvalue().strip().splitlines()
    assert summary[-2].startswith("共 2 个文件") and "失败 1" in summary[-2]
    assert "bad.txt" in summary[-1]
