"""A saved web page as a tree: bytes decoded by the charset it declares, scripts and styles gone,
and what its <head> states (title, dates, site, address)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from ..decode import IngestError
from .vocabulary import structure

MAX_HTML_BYTES = 20 * 1024 * 1024
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# "Save as" in a browser leaves the address in a comment (IE/Chrome mark of the web, SingleFile)
_SAVED_FROM = re.compile(
    r"<!--\s*(?:saved from url=\(\d+\)|Page saved with SingleFile\s*url:)\s*(\S+?)\s*(?:-->|\s)"
)
# what a reader never sees: its text must not become article text
_INVISIBLE = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "select",
    "textarea",
    "button",
)
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "li",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "br",
        "ul",
        "ol",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "dd",
        "dt",
        "blockquote",
        "center",
        "form",
        "pre",
        "hr",
        "title",
        "aside",
        "main",
        "figcaption",
        "caption",
    }
)
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
}


@dataclass
class HtmlDoc:
    source: str  # the decoded markup
    root: lxml.html.HtmlElement
    meta: dict[str, str] = field(default_factory=dict)  # lower-cased name/property → content
    title: str = ""
    url: str = ""

    def first_meta(self, key: str) -> str:
        return next((self.meta[n] for n in structure()["meta"][key] if self.meta.get(n)), "")


def parse_html(*, data: bytes) -> HtmlDoc:
    if len(data) > MAX_HTML_BYTES:
        raise IngestError(
            f"网页文件过大（{len(data) // 1024 // 1024} MB，上限 {MAX_HTML_BYTES // 1024 // 1024} MB）"
        )
    source = _XML_DECL.sub("", decode_html(data=data))
    try:
        root = lxml.html.document_fromstring(source)
    except (etree.ParserError, ValueError) as exc:
        raise IngestError("网页无法解析（不是有效的 HTML）") from exc
    meta = _meta(root)
    title = _text(root.find(".//title")) if root.find(".//title") is not None else ""
    drop_invisible(root)
    doc = HtmlDoc(source=source, root=root, meta=meta, title=title)
    doc.url = _address(doc)
    return doc


def drop_invisible(root: lxml.html.HtmlElement) -> None:
    """Scripts, styles and other elements a reader never sees go, with their text."""
    for el in list(root.iter(*_INVISIBLE)):
        el.drop_tree()


def decode_html(*, data: bytes) -> str:
    """The charset the page declares first, then UTF-8, then GB18030 (which covers GBK and GB2312)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    declared = _declared(data[:8192])
    candidates = [c for c in (declared, "utf-8", "gb18030") if c]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    # a page with a few broken bytes: read it as declared rather than not at all
    return data.decode(candidates[0], errors="replace")


def _declared(head: bytes) -> str:
    m = _META_CHARSET.search(head)
    if not m:
        return ""
    name = m.group(1).decode("ascii").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def _meta(root: lxml.html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if key and value and key not in found:
            found[key] = value
    return found


def _address(doc: HtmlDoc) -> str:
    for el in doc.root.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and _is_web_url(el.get("href") or ""):
            return (el.get("href") or "").strip()
    url = doc.first_meta("url")
    if _is_web_url(url):
        return url
    m = _SAVED_FROM.search(doc.source[:4096])
    return m.group(1) if m and _is_web_url(m.group(1)) else ""


def _is_web_url(value: str) -> bool:
    return value.startswith(("http://", "https://")) and len(value) <= 500 and " " not in value


def _text(el: lxml.html.HtmlElement | None) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip() if el is not None else ""


def element_text(el: lxml.html.HtmlElement | None) -> str:
    """An element's text on one line (<br> read as a space)."""
    return _text(el)


def visible_lines(el: lxml.html.HtmlElement, *, skip_links: bool = False) -> list[str]:
    """The element's text as a reader sees it: one line per block (paragraph, list item, cell, <br>)."""
    parts: list[str] = []
    _walk(el, parts, skip_links=skip_links)
    lines = "".join(parts).split("\n")
    return [s for s in (re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip() for line in lines) if s]


def _walk(el: lxml.html.HtmlElement, parts: list[str], *, skip_links: bool) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    block = tag.lower() in _BLOCKS
    if block:
        parts.append("\n")
    if tag and not (skip_links and tag.lower() == "a"):
        parts.append(el.text or "")
        for child in el:
            _walk(child, parts, skip_links=skip_links)
    if block:
        parts.append("\n")
    parts.append(el.tail or "")
