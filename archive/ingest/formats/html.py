"""A saved web or e-paper page → the text of its article and what the page states about it.

Order of trust: the e-paper structure when the page has it (epaper.py), then trafilatura (a
maintained main-content extractor; see README, Formats), then the page's visible text for the
text pipeline to sort out. A page with no running text anywhere is refused, never saved empty."""

from __future__ import annotations

import logging
import re

import trafilatura
from trafilatura.settings import Document

from ..decode import IngestError
from .epaper import iso_date, page_label, read_epaper
from .extracted import HTML, Extracted, article_text
from .htmldoc import HtmlDoc, parse_html, visible_lines
from .vocabulary import structure

logging.getLogger("trafilatura").setLevel(logging.ERROR)

_SENTENCE = re.compile(r"[。！？；!?]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TITLE_SEPARATORS = re.compile(r"\s*(?:--|——|_|\||｜|-|–|—)\s*")
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)")
_LABEL_LINE = re.compile(r"^(?:当前版[:：]?\s*|第\s*\d{1,3}\s*版)")


def extract_html(*, data: bytes) -> Extracted:
    doc = parse_html(data=data)
    _refuse_non_article(doc)
    epaper = _from_epaper(doc)
    text, title, extra = epaper or _from_extractor(doc) or _from_visible(doc)
    out = Extracted(text=text, media_type=HTML, title=title, source_url=doc.url, **extra)
    out.publication = _site(doc, title=title, epaper=epaper is not None)
    if not out.date:
        out.date = iso_date(doc.first_meta("date"))
    if not out.date and doc.url:
        # only the address implies it: kept, and marked as inferred
        out.date = _url_date(doc.url)
        out.date_inferred = bool(out.date)
    if not out.label:
        out.label = next((page_label(s) for s in visible_lines(doc.root) if _LABEL_LINE.match(s)), "")
    return out


def _from_epaper(doc: HtmlDoc) -> tuple[str, str, dict] | None:
    art = read_epaper(doc=doc)
    if art is None or not has_running_text(art.paragraphs):
        return None
    text = article_text(
        kicker=art.kicker, title=art.title, subtitle=art.subtitle, header=art.authors, body=art.paragraphs
    )
    return text, art.title, {"date": art.date, "label": art.label}


def _from_extractor(doc: HtmlDoc) -> tuple[str, str, dict] | None:
    found = trafilatura.bare_extraction(
        doc.source,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
        as_dict=False,
    )
    if not isinstance(found, Document):
        return None
    body = [s.strip() for s in (found.text or "").split("\n") if s.strip()]
    if not has_running_text(body):
        return None
    title = (found.title or "").strip() or _first_heading(doc)
    if body and body[0] == title:
        body = body[1:]
    # a who-and-when line the extractor moved below the article goes back under the headline
    header = _header_lines(doc, title=title, first=body[0])
    body = [s for s in body if s not in header]
    return article_text(title=title, header=header, body=body), title, {}


def _from_visible(doc: HtmlDoc) -> tuple[str, str, dict]:
    """What a reader sees, one line per block, the page's main heading marked as a title."""
    lines = visible_lines(doc.root.find("body") if doc.root.find("body") is not None else doc.root)
    if not has_running_text(lines):
        raise IngestError("页面没有正文（只有导航、链接或标题列表），不是一篇文章")
    heading = _first_heading(doc)
    marked = [f"## {s}" if s == heading else s for s in lines]
    return "\n".join(marked) + "\n", heading, {}


def has_running_text(lines: list[str]) -> bool:
    """At least a sentence or two of prose: what an article has and a menu or list does not."""
    prose = [s for s in lines if len(s) >= 15 and _SENTENCE.search(s)]
    return any(len(s) >= 30 for s in prose) or len(prose) >= 2


def _refuse_non_article(doc: HtmlDoc) -> None:
    prose = sum(len(s) for s in visible_lines(doc.root, skip_links=True) if _SENTENCE.search(s))
    if prose >= 200:
        return
    heading = f"{doc.title} {_first_heading(doc)}".lower()
    if any(w.lower() in heading for w in structure()["refuse"]["error_title"]):
        raise IngestError("这是一个错误页（页面不存在或出错），没有文章")
    if doc.root.xpath("//input[translate(@type,'PASWORD','pasword')='password']"):
        raise IngestError("这是登录页，没有文章")


def _first_heading(doc: HtmlDoc) -> str:
    for tag in ("h1", "h2"):
        for el in doc.root.iter(tag):
            text = re.sub(r"\s+", " ", el.text_content()).strip()
            if len(text) >= 4:
                return text
    return ""


def _header_lines(doc: HtmlDoc, *, title: str, first: str) -> list[str]:
    """Lines between the headline and the first paragraph that say who and when, as printed."""
    lines = visible_lines(doc.root.find("body") if doc.root.find("body") is not None else doc.root)
    start = next((i for i, s in enumerate(lines) if title and s == title), None)
    if start is None:
        return []
    vocab = structure()["header"]
    kept = []
    for line in lines[start + 1 : start + 7]:
        if line[:12] == first[:12]:
            break
        cut = min((line.find(w) for w in vocab["cut"] if w in line), default=len(line))
        line = line[:cut].strip()
        if line and any(w in line for w in vocab["signals"]):
            kept.append(line)
    return kept


def _site(doc: HtmlDoc, *, title: str, epaper: bool) -> str:
    """The site or paper the page names in its <head>: og:site_name, else the <title>'s other part."""
    named = doc.first_meta("site")
    if named and _CJK.search(named):
        return named
    parts = [p for p in _TITLE_SEPARATORS.split(doc.title) if p and p != title and p not in title]
    parts = [p for p in parts if _CJK.search(p) and len(p) <= 15]
    if not parts:
        return ""
    return parts[0] if epaper else parts[-1]


def _url_date(url: str) -> str:
    m = _URL_DATE.search(url.split("?", 1)[0])
    return iso_date("-".join(m.groups())) if m else ""
