"""manage.py ingest on saved web pages and page PDFs: what is saved, and bad input refused with a
one-line reason, a non-zero exit and nothing written."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from archive.models import Article, Page, Section

from . import pdfmaker

pytestmark = pytest.mark.django_db
PAGES = Path(__file__).parent / "formats_pages"


def _counts():
    return Page.objects.count(), Article.objects.count(), Section.objects.count()


def _ingest(*args):
    out, err = StringIO(), StringIO()
    call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_saved_epaper_page_is_saved_with_its_original_and_what_it_states(reindex_after):
    path = PAGES / "founder_article.html"
    out, _ = _ingest(str(path))
    assert "已导入 1 篇文章" in out
    page = Page.objects.get(source_name="founder_article.html")
    assert bytes(page.original) == path.read_bytes() and page.media_type == "text/html"
    assert (page.publication.name, str(page.date), page.label, page.date_inferred) == (
        "示例日报",
        "2025-08-07",
        "07版",
        False,
    )
    assert page.source_url.startswith("http://szb.example-daily.cn/") and not bytes(page.image)
    article = page.articles.get()
    assert (article.kicker, article.headline, article.subheadline) == (
        "京蒙协作·人物",
        "草原牧场里的北京“新农人”",
        "一位北京青年在四子王旗的养殖梦",
    )
    assert "<" not in page.raw_text  # what is kept as text is text, never markup


def test_command_line_values_still_win_over_what_the_page_states(tmp_path):
    data = json.loads(
        _ingest(
            str(PAGES / "founder_article.html"),
            "--dry-run",
            "--format",
            "json",
            "--publication",
            "另一报",
            "--date",
            "2025-01-02",
            "--page",
            "第3版",
        )[0]
    )
    assert (data["publication"], data["date"], data["page"], data["date_inferred"]) == (
        "另一报",
        "2025-01-02",
        "第3版",
        False,
    )
    assert data["media_type"] == "text/html" and data["articles"][0]["headline"] == "草原牧场里的北京“新农人”"


def test_a_page_pdf_dry_run_shows_its_articles_with_regions(tmp_path):
    path = tmp_path / "page.pdf"
    path.write_bytes(pdfmaker.two_column_page())
    before = _counts()
    data = json.loads(_ingest(str(path), "--dry-run", "--format", "json")[0])
    assert _counts() == before
    assert data["media_type"] == "application/pdf"
    heads = {a["headline"]: a["region"] for a in data["articles"]}
    assert set(heads) == {"草原上的北京种薯基地投产", "京蒙劳务协作对接会送岗上门"}
    assert all(len(r) == 4 for r in heads.values())


def test_a_saved_pdf_page_keeps_its_file_image_and_article_regions(tmp_path, reindex_after):
    path = tmp_path / "page.pdf"
    path.write_bytes(pdfmaker.three_column_page())
    _ingest(str(path))
    page = Page.objects.get(source_name="page.pdf")
    assert bytes(page.original) == path.read_bytes() and bytes(page.image).startswith(b"\x89PNG")
    assert page.media_type == "application/pdf"
    assert [len(a.region) for a in page.articles.order_by("order")] == [4, 4]


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    files = {
        "menu.html": (
            (PAGES / "menu_only.html").read_bytes(),
            "页面没有正文（只有导航、链接或标题列表），不是一篇文章",
        ),
        "404.html": ((PAGES / "notfound.html").read_bytes(), "这是一个错误页（页面不存在或出错），没有文章"),
        "login.htm": ((PAGES / "login.html").read_bytes(), "这是登录页，没有文章"),
        "scan.pdf": (pdfmaker.image_only_page(), "PDF 无文字层（可能是扫描件），需要先做 OCR 再导入"),
        "locked.pdf": (pdfmaker.encrypted_page(), "PDF 已加密，需要密码才能打开；请导出未加密的版本"),
        "broken.pdf": (b"%PDF-1.4\n%broken\n", "PDF 文件已损坏，无法打开"),
        "notpdf.pdf": (b"\x89PNG\r\n\x1a\n\x00\x00", "扩展名是 .pdf，但内容不是 PDF（文件可能已损坏）"),
        "bomb.pdf": (pdfmaker.many_pages(200), "PDF 页数过多（200 页，上限 50 页），不像是报纸版面"),
        "wide.pdf": (pdfmaker.huge_page(), "PDF 页面尺寸异常（14000×14000 点），不像是报纸版面"),
    }
    out = {}
    for name, (data, reason) in files.items():
        (tmp_path / name).write_bytes(data)
        out[name] = (tmp_path / name, reason)
    big = tmp_path / "big.pdf"
    with big.open("wb") as f:
        f.write(b"%PDF-1.4\n")
        f.truncate(50 * 1024 * 1024)  # 50 MB, sparse: refused before it is read
    out["big.pdf"] = (big, "文件过大（50 MB，上限 20 MB）")
    return out


def test_bad_input_gets_a_one_line_reason_a_nonzero_exit_and_nothing_written(tmp_path):
    before = _counts()
    for name, (path, reason) in _bad_files(tmp_path).items():
        err = StringIO()
        with pytest.raises(CommandError):
            call_command("ingest", str(path), stdout=StringIO(), stderr=err)
        assert err.getvalue() == f"{path}: 错误：{reason}\n", name
    assert _counts() == before
