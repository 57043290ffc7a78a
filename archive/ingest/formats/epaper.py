"""The article structure a Chinese e-paper page gives when it has it: Founder-style 数字报 pages
(<founder-title>-style elements, the enpproperty comment, <!--enpcontent--> markers) and the
class-based 引题 / 标题 / 副题 / 作者 layouts. XPaths are vocabulary (structure.toml)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from .htmldoc import HtmlDoc, drop_invisible, element_text, visible_lines
from .vocabulary import structure

_PROPERTY = re.compile(r"<!--\s*enpproperty(.*?)/enpproperty\s*-->", re.S | re.I)
_ENPCONTENT = re.compile(r"<!--\s*enpcontent\s*-->(.*?)<!--\s*/enpcontent\s*-->", re.S | re.I)
_LABEL = re.compile(r"(?:第\s*)?([0-9０-９A-Za-z]{1,4})\s*版")
_ISO = re.compile(r"((?:19|20)\d\d)[-/.年]\s*(\d{1,2})[-/.月]\s*(\d{1,2})")


@dataclass
class EpaperArticle:
    kicker: str = ""
    title: str = ""
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    date: str = ""  # what the enpproperty comment states
    label: str = ""


def read_epaper(*, doc: HtmlDoc) -> EpaperArticle | None:
    """The e-paper article, or None when the page has no such structure (a title and a body)."""
    props = _properties(doc.source)
    paragraphs = _content(doc)
    title = _first(doc, "title") or props.get("title", "")
    if not title or not paragraphs:
        return None
    art = EpaperArticle(
        kicker=_first(doc, "kicker") or props.get("kicker", ""),
        title=title,
        subtitle=_first(doc, "subtitle") or props.get("subtitle", ""),
        authors=_authors(doc),
        paragraphs=paragraphs,
        date=iso_date(props.get("date", "")),
        label=page_label(props.get("label", "")),
    )
    return art


def iso_date(value: str) -> str:
    m = _ISO.search(value)
    if not m:
        return ""
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else ""


def page_label(value: str) -> str:
    m = _LABEL.search(value)
    return f"{m.group(1).zfill(2)}版" if m and m.group(1).isdigit() else ""


def _properties(source: str) -> dict[str, str]:
    m = _PROPERTY.search(source)
    if not m:
        return {}
    body = m.group(1)
    found = {}
    for key, tag in structure()["epaper"]["property_fields"].items():
        value = re.search(rf"<{tag}>(.*?)</{tag}>", body, re.S)
        if value and value.group(1).strip():
            found[key] = re.sub(r"\s+", " ", value.group(1)).strip()
    return found


def _first(doc: HtmlDoc, role: str) -> str:
    for el in _matches(doc, role):
        text = element_text(el)
        if text:
            return text
    return ""


def _matches(doc: HtmlDoc, role: str) -> list[lxml.html.HtmlElement]:
    found: list[lxml.html.HtmlElement] = []
    for xpath in structure()["epaper"][role]:
        try:
            found += [el for el in doc.root.xpath(xpath) if isinstance(el, lxml.html.HtmlElement)]
        except etree.XPathError:
            continue
        if found:
            break
    return found


def _authors(doc: HtmlDoc) -> list[str]:
    # an author element may hold the byline and a citation line (<br> between them): one line each
    for el in _matches(doc, "author"):
        lines = visible_lines(el)
        if lines:
            return lines
    return []


def _content(doc: HtmlDoc) -> list[str]:
    for el in _matches(doc, "content"):
        lines = visible_lines(el)
        if lines:
            return lines
    m = _ENPCONTENT.search(doc.source)
    if m:
        try:
            fragment = lxml.html.fragment_fromstring(m.group(1), create_parent="div")
        except (etree.ParserError, ValueError):
            return []
        drop_invisible(fragment)
        return visible_lines(fragment)
    return []
