"""Read the provenance a page's lines state (provenance.py) where they stand, and give it to the
page and to each article.

Some lines are read by their place: a breadcrumb or a publication's name alone count only above
the page's first paragraph (a site's name inside the text is not its masthead).

A page's line (masthead, e-paper navigation, breadcrumb) goes to the page; a story's line to the
story it stands next to: between its headline and its first paragraph, inside its text, or closing
it. Fields the splitter found already are kept (a byline it found without its role gives way to the
same byline printed with it). A page that states no publication, date or label of its own takes
the one its story's citation or date line states, when its stories agree on one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import patterns as p
from .provenance import (
    ARTICLE,
    CJK,
    PAGE,
    Line,
    Stated,
    alternation,
    forms,
    is_publication,
    line_view,
    recognise,
)
from .types import ProposedArticle, ProposedPage

PAGE_FIELDS = ("publication", "date", "label")
ARTICLE_FIELDS = ("date", "source_note", "dateline", "publication", "label")
# what a story's line may state for a page that states none: its publication and date (a page
# label printed in a story's citation stays the story's)
PROMOTED = ("publication", "date")
RUNNING_TEXT_MIN = 40  # a line this long with a comma or full stop is running text
TITLE_SLACK = 12  # characters a line may hold besides the headline (a site's name in <title>)
FIELD_NAMES = {"publication": "报名", "date": "日期", "label": "版次"}


@dataclass
class _Extent:
    article: ProposedArticle
    start: int  # its first title line when found, else its first line of text
    first_text: int
    last: int


def _norm(text: str) -> str:
    return re.sub(r"\s", "", text)


def apply_provenance(*, page: ProposedPage, stated: list[Stated], text: str) -> None:
    """Fill what the page and its articles leave empty with what their lines state."""
    extents = _extents(page, text.split("\n"))
    filled = _fill(page, [s for s in stated if s.level == PAGE], PAGE_FIELDS)
    over: list[Stated] = []  # a story's lines printed over it: they may speak for the page
    for s in stated:
        owner = _owner(s, extents) if s.level == ARTICLE else None
        if owner is None:
            continue
        _fill_article(owner.article, s)
        if s.header is True or s.line < owner.first_text:
            over.append(s)
    filled += _promote(page, over)
    _record(page, stated)
    if filled:
        note = "出处据页面所印：" + "、".join(FIELD_NAMES[f] for f in PAGE_FIELDS if f in filled)
        page.provenance = "；".join(x for x in (page.provenance, note) if x)


def _extents(page: ProposedPage, lines: list[str]) -> list[_Extent]:
    extents: list[_Extent] = []
    for article in page.articles:
        numbers = [n for s in article.sections for n in s.lines]
        if numbers:
            extents.append(_Extent(article, min(numbers), min(numbers), max(numbers)))
    extents.sort(key=lambda e: e.first_text)
    previous = 0
    for e in extents:
        titles = [_norm(t) for t in (e.article.kicker, e.article.headline, e.article.subheadline) if t]
        for no in range(previous + 1, e.first_text):
            line = _norm(lines[no - 1])
            if any(t in line and len(line) <= len(t) + TITLE_SLACK for t in titles):
                e.start = no
                break
        previous = e.last
    return extents


def _owner(s: Stated, extents: list[_Extent]) -> _Extent | None:
    """The article a story's line belongs to: the one around it, else the next (a line printed over
    a story) or the previous (one closing it), else the nearer."""
    for e in extents:
        if e.start <= s.line <= e.last:
            return e
    before = [e for e in extents if e.last < s.line]
    after = [e for e in extents if e.start > s.line]
    if not before:
        return after[0] if after else None
    if not after:
        return before[-1]
    prev, nxt = before[-1], after[0]
    if s.header is not None:
        return nxt if s.header else prev
    return prev if s.line - prev.last <= nxt.start - s.line else nxt


def _fill(target: object, stated: list[Stated], names: tuple[str, ...]) -> list[str]:
    filled = []
    for name in names:
        if getattr(target, name):
            continue
        value = next((getattr(s, name) for s in stated if getattr(s, name)), "")
        if value:
            setattr(target, name, value)
            filled.append(name)
    return filled


def _fill_article(article: ProposedArticle, s: Stated) -> None:
    _fill(article, [s], ARTICLE_FIELDS)
    if not s.byline:
        return
    mine, theirs = _norm(s.byline), _norm(article.byline)
    # the splitter's byline without its role (方圆) gives way to the same one as printed (见习记者 方圆)
    if not theirs or (theirs in mine and theirs != mine):
        article.byline = s.byline
        article.authors = list(s.authors) or article.authors


def _promote(page: ProposedPage, over: list[Stated]) -> list[str]:
    filled = []
    for name in PROMOTED:
        values = {getattr(s, name) for s in over if getattr(s, name)}
        if not getattr(page, name) and len(values) == 1:
            setattr(page, name, values.pop())
            filled.append(name)
    return filled


def _record(page: ProposedPage, stated: list[Stated]) -> None:
    """Lines that are provenance as a whole are page furniture: recorded, so that none is lost."""
    covered = {n for a in page.articles for s in a.sections for n in s.lines}
    covered |= {n for d in page.dropped for n in range(d["lines"][0], d["lines"][-1] + 1)}
    for s in stated:
        if s.whole and s.line not in covered:
            page.dropped.append({"lines": [s.line, s.line], "text": s.text, "reason": "出处信息"})
            covered.add(s.line)


# -- lines read by their place on the page ----------------------------------------------------------


def breadcrumb(line: Line) -> list[Stated]:
    """人民网>>内蒙古频道>>关注民生 / 新华网 正文: a breadcrumb whose first crumb is the site's name."""
    w = forms().words
    parts = re.split(alternation(w.crumb_separators), line.shadow)
    tokens = line.shadow.split()
    if len(parts) < 2 and not (len(tokens) >= 2 and tokens[-1] in w.crumb_ends):
        return []
    first = re.match(f"\\s*([{CJK}]+)(?![{CJK}])", parts[0] if len(parts) >= 2 else tokens[0])
    if first is None or not is_publication(first.group(1)):
        return []
    return [Stated(line.no, PAGE, whole=False, publication=line.value(first.start(1), first.end(1)))]


def masthead_name(line: Line) -> list[Stated]:
    """央广网 alone over the headline: the publication's name printed as the page's masthead."""
    if is_publication(line.shadow) and not p.active().furniture.search(line.shadow):
        return [Stated(line.no, PAGE, whole=False, publication=line.printed)]
    return []


def read_provenance(*, text: str) -> list[Stated]:
    """Everything the page's lines state, in the order printed."""
    lines = [line_view(no=no, text=raw) for no, raw in enumerate(text.split("\n"), start=1)]
    first_text = next((x.no for x in lines if _running_text(x.shadow)), len(lines) + 1)
    above = [x.no for x in lines if x.printed and x.no < first_text][-forms().words.masthead_reach :]
    found: list[Stated] = []
    for line in lines:
        stated = recognise(line)
        if not stated and line.no < first_text:
            stated = breadcrumb(line) or (masthead_name(line) if line.no in above else [])
        for s in stated:
            s.text = line.printed
        found.extend(stated)
    return found


def _running_text(shadow: str) -> bool:
    return len(shadow) >= RUNNING_TEXT_MIN and bool(re.search("[，。]", shadow))
