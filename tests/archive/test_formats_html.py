"""Saved web and e-paper pages (tests/archive/formats_pages/: small pages written for the tests that
imitate the structures real sites have) → article text and what the page states."""

from pathlib import Path

import pytest

from archive.ingest.decode import IngestError
from archive.ingest.formats import HTML, PDF, TEXT, sniff
from archive.ingest.formats.html import extract_html

PAGES = Path(__file__).parent / "formats_pages"


def _page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def test_a_founder_epaper_article_page_gives_its_title_group_body_and_what_it_states():
    out = extract_html(data=_page("founder_article.html"))
    lines = out.text.splitlines()
    assert lines[:4] == [
        "京蒙协作·人物",
        "## 草原牧场里的北京“新农人”",
        "一位北京青年在四子王旗的养殖梦",
        "□本报记者 王小明",
    ]
    assert lines[5].startswith("清晨五点") and len([s for s in lines if s]) == 7
    assert (out.publication, out.date, out.date_inferred, out.label) == (
        "示例日报",
        "2025-08-07",
        False,
        "07版",
    )
    assert out.source_url.endswith("/2025-08/07/content_50001_200002.htm")
    for chrome in ("上一版", "往期阅读", "版权所有", "放大"):
        assert chrome not in out.text


def test_a_class_based_epaper_page_keeps_the_printed_citation_line_for_the_text_pipeline():
    out = extract_html(data=_page("class_epaper.html"))
    lines = out.text.splitlines()
    assert lines[:5] == [
        "对口支援见实效",
        "## 首都专家走进旗县医院",
        "三十名北京医生在兴安盟开展为期一年的帮扶",
        "本报记者 刘芳",
        "《示例日报》（2024年01月18日 第04版）",
    ]
    assert out.label == "04版" and "分享到" not in out.text


def test_a_news_site_article_loses_its_chrome_and_keeps_its_who_and_when_line():
    out = extract_html(data=_page("news_article.html"))
    lines = [s for s in out.text.splitlines() if s]
    assert lines[0] == "## 北京通州援建的冷链物流中心在翁牛特旗投用"
    assert lines[1] == "2018-11-16 12:12 来源：北方示例报 作者：李华"  # the share bar after it is cut
    assert len(lines) == 6
    for chrome in ("您当前的位置", "责任编辑", "Copyright", "相关新闻", "扫一扫", "下载客户端", "广告"):
        assert chrome not in out.text
    assert out.publication == "示例新闻网" and out.date == "2018-11-16" and not out.date_inferred
    assert out.source_url == "https://www.example-news.cn/region/2018-11/16/c_123456.htm"


def test_a_date_only_the_address_implies_is_marked_inferred():
    html = _page("news_article.html").replace(b'<meta name="PubDate" content="2018-11-16 12:12">', b"")
    html = html.replace(b"/region/2018-11/16/", b"/region/2025-08/07/")
    out = extract_html(data=html)
    assert (out.date, out.date_inferred) == ("2025-08-07", True)


def test_gbk_with_a_meta_charset_and_gb18030_without_one_read_like_utf8():
    utf8 = _page("news_article.html").decode("utf-8").replace("©", "&copy;")  # as a GBK page writes it
    gbk = utf8.replace(
        '<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'
    )
    rare = "䶮"  # in GB18030, not in GBK
    gb18030 = utf8.replace('<meta charset="utf-8">', "").replace("社员收入", f"社员{rare}收入")
    expected = extract_html(data=utf8.encode("utf-8")).text
    assert extract_html(data=gbk.encode("gbk")).text == expected
    assert rare in extract_html(data=gb18030.encode("gb18030")).text


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("menu_only.html", "页面没有正文（只有导航、链接或标题列表），不是一篇文章"),
        ("founder_index.html", "页面没有正文（只有导航、链接或标题列表），不是一篇文章"),
        ("notfound.html", "这是一个错误页（页面不存在或出错），没有文章"),
        ("login.html", "这是登录页，没有文章"),
    ],
)
def test_a_page_that_holds_no_article_is_refused_with_a_reason(name, reason):
    with pytest.raises(IngestError) as exc:
        extract_html(data=_page(name))
    assert str(exc.value) == reason and "\n" not in reason


def test_scripts_and_event_handlers_never_reach_the_text():
    out = extract_html(data=_page("script_attack.html"))
    for marker in (
        "SCRIPT-IN-HEAD",
        "ONLOAD-ATTR",
        "ONCLICK-ATTR",
        "ONERROR-ATTR",
        "INLINE-SCRIPT-TEXT",
        "JS-HREF",
        "NOSCRIPT-TEXT",
        "steal",
    ):
        assert marker not in out.text
    assert out.text.splitlines()[0] == "## 京蒙协作消费帮扶周在京开幕"
    assert "2024-06-01 10:00 来源：示例晚报" in out.text.splitlines()[:3]


def test_a_page_the_extractors_miss_falls_back_to_its_visible_text():
    html = "<html><body><table><tr><td>京蒙协作简讯</td></tr><tr><td>北京市与兴安盟日前签署协议，在产业、就业和医疗等方面深化合作。双方商定每年互派干部挂职。</td></tr></table></body></html>"
    out = extract_html(data=html.encode("utf-8"))
    assert "北京市与兴安盟日前签署协议" in out.text


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"%PDF-1.7\n...", "page.bin", PDF),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "page.txt", HTML),
        (b"<div><p>\xe6\x96\x87</p></div>", "page.htm", HTML),
        ("<p>正文里提到的标记</p>".encode(), "page.txt", TEXT),
        ("京蒙协作\n\n正文".encode(), "page.html", TEXT),
        ("\ufeff<html><head><meta charset=utf-8></head></html>".encode(), "x", HTML),
    ],
)
def test_the_format_is_told_by_content(data, name, kind):
    assert sniff(data=data, name=name) == kind


def test_a_pdf_name_on_other_content_is_refused():
    with pytest.raises(IngestError, match="内容不是 PDF"):
        sniff(data=b"\x00\x01garbage", name="page.pdf")
