"""A printed page's words → text in reading order, columns kept apart, headlines marked.

Reading order is a recursive XY-cut over the words' boxes: a wide horizontal gap across the whole
region (between stories, below a title group) is cut first; otherwise a column gutter (a vertical
gap no word crosses); a region with neither in any of its line strips is one column, read top down.
Headline candidates are lines set well above the body size (or bold and above it)."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from .extracted import Region

HEADLINE_RATIO = 1.4  # a line this much larger than the body text is a headline candidate
BOLD_HEADLINE_RATIO = 1.2  # … or this much larger and set bold
TITLE_RATIO = 1.12  # a kicker or subtitle: larger than the body, smaller than the headline
_BOLD = re.compile(r"bold|black|heavy|semibold|demi|hei|黑", re.I)
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")


@dataclass
class Word:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float
    bold: bool = False


@dataclass
class Line:
    words: list[Word]
    leaf: int  # which single-column block it belongs to
    x0: float = 0.0
    x1: float = 0.0
    size: float = 0.0
    bold: bool = False
    text: str = ""

    def __post_init__(self) -> None:
        self.words.sort(key=lambda w: w.x0)
        self.x0, self.x1 = self.words[0].x0, max(w.x1 for w in self.words)
        self.size = max(w.size for w in self.words)
        self.bold = all(w.bold for w in self.words)
        self.text = _join_words(self.words)


@dataclass
class Layout:
    text: str
    regions: list[Region] = field(default_factory=list)


def words_from(raw: list[dict]) -> list[Word]:
    """pdfplumber's words (extract_words with extra_attrs size and fontname)."""
    return [
        Word(
            w["x0"],
            w["top"],
            w["x1"],
            w["bottom"],
            w["text"],
            round(float(w["size"]) * 2) / 2,
            bool(_BOLD.search(w["fontname"])),
        )
        for w in raw
        if w["text"].strip()
    ]


def body_size(words: list[Word]) -> float:
    """The size most of the page's characters are set in."""
    counts: Counter[float] = Counter()
    for w in words:
        counts[w.size] += len(w.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def lay_out(
    *, words: list[Word], width: float, height: float, origin: tuple[float, float] = (0.0, 0.0)
) -> Layout:
    body = body_size(words)
    leaves: list[list[Word]] = []
    _cut(words, body, leaves)
    lines = [line for i, leaf in enumerate(leaves) for line in _lines(leaf, i)]
    text = _compose(lines, body)
    regions = _regions(lines, body, width=width, height=height, origin=origin)
    return Layout(text=text, regions=regions)


def _gaps(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """(size, where to cut) of each gap between the merged spans."""
    spans = sorted(spans)
    gaps, end = [], spans[0][1]
    for start, stop in spans[1:]:
        if start > end:
            gaps.append((start - end, (start + end) / 2))
        end = max(end, stop)
    return gaps


def _cut(words: list[Word], body: float, out: list[list[Word]]) -> None:
    if len(words) <= 1:
        out.append(words)
        return
    hgaps = _gaps([(w.top, w.bottom) for w in words])
    widest_h = max(hgaps, default=None)
    if widest_h and widest_h[0] >= 1.2 * body:
        return _split(words, body, out, at=widest_h[1], vertical=False)
    gutters = [g for g in _gaps([(w.x0, w.x1) for w in words]) if g[0] >= 0.7 * body]
    if gutters:
        return _split(words, body, out, at=max(gutters)[1], vertical=True)
    if widest_h is None or _one_column(words, body, hgaps):
        out.append(words)
        return
    return _split(words, body, out, at=widest_h[1], vertical=False)


def _split(words: list[Word], body: float, out: list[list[Word]], *, at: float, vertical: bool) -> None:
    first = [w for w in words if (w.x1 if vertical else w.bottom) <= at]
    second = [w for w in words if (w.x1 if vertical else w.bottom) > at]
    _cut(first, body, out)
    _cut(second, body, out)


def _one_column(words: list[Word], body: float, hgaps: list[tuple[float, float]]) -> bool:
    """No strip between the region's horizontal gaps has a gutter: it is read top down."""
    cuts = sorted(at for _, at in hgaps)
    strips: list[list[Word]] = [[] for _ in range(len(cuts) + 1)]
    for w in words:
        strips[sum(1 for c in cuts if w.bottom > c)].append(w)
    return not any(
        any(g[0] >= 0.7 * body for g in _gaps([(w.x0, w.x1) for w in strip]))
        for strip in strips
        if len(strip) > 1
    )


def _lines(leaf: list[Word], index: int) -> list[Line]:
    rows: list[list[Word]] = []
    for w in sorted(leaf, key=lambda w: (w.top, w.x0)):
        row = rows[-1] if rows else None
        if row and w.top < min(x.bottom for x in row) - 0.3 * w.size:
            row.append(w)
        else:
            rows.append([w])
    return [Line(words=row, leaf=index) for row in rows]


def _join_words(words: list[Word]) -> str:
    text = words[0].text
    for prev, w in itertools.pairwise(words):
        gap = w.x0 - prev.x1
        # pdfplumber parts words at a space or a gap wider than a letter's spacing: keep a space
        text += (" " if gap >= 0.15 * w.size else "") + w.text
    return text


def role(line: Line, body: float) -> str:
    ratio = line.size / body
    if ratio >= HEADLINE_RATIO or (line.bold and ratio >= BOLD_HEADLINE_RATIO):
        return "headline"
    return "title" if ratio >= TITLE_RATIO else "body"


def _compose(lines: list[Line], body: float) -> str:
    out: list[str] = []
    extents = _leaf_extents([line for line in lines if role(line, body) == "body"])
    prev: Line | None = None
    prev_role = ""
    for line in lines:
        kind = role(line, body)
        if kind == "headline" and prev_role == "headline" and prev is not None and _same_size(prev, line):
            out[-1] += line.text  # a headline printed over two lines
        elif kind in ("headline", "title"):
            if prev_role == "body":
                out.append("")
            out.append(f"## {line.text}" if kind == "headline" else line.text)
        elif prev_role == "body" and prev is not None and _continues(prev, line, extents):
            out[-1] = _join(out[-1], line.text)
        else:
            if prev_role in ("headline", "title"):
                out.append("")
            out.append(line.text)
        prev, prev_role = line, kind
    return "\n".join(out).strip() + "\n"


def _same_size(a: Line, b: Line) -> bool:
    return abs(a.size - b.size) <= 0.5


def _leaf_extents(lines: list[Line]) -> dict[int, tuple[float, float]]:
    ext: dict[int, tuple[float, float]] = {}
    for line in lines:
        x0, x1 = ext.get(line.leaf, (line.x0, line.x1))
        ext[line.leaf] = (min(x0, line.x0), max(x1, line.x1))
    return ext


def _continues(prev: Line, line: Line, extents: dict[int, tuple[float, float]]) -> bool:
    """The line goes on the paragraph above it: the one above ran to the column's edge and this one
    is not indented (across a column break too)."""
    px1 = extents[prev.leaf][1]
    x0 = extents[line.leaf][0]
    full = prev.x1 >= px1 - 1.5 * prev.size
    indented = line.x0 >= x0 + 1.2 * line.size
    return full and not indented and abs(prev.size - line.size) <= 0.5


def _join(a: str, b: str) -> str:
    return a + (" " if _LATIN_END.search(a) and _LATIN_START.search(b) else "") + b


@dataclass
class _Story:
    headline: str
    lines: list[Line]
    last: str = "headline"


def _regions(
    lines: list[Line], body: float, *, width: float, height: float, origin: tuple[float, float]
) -> list[Region]:
    """Each headline's article: the boxes of its lines (with the title lines just above it) up to
    the next headline, as fractions of the page."""
    stories: list[_Story] = []
    pending: list[Line] = []  # title lines after body text: the next headline's kicker, or a subheading
    for line in lines:
        kind = role(line, body)
        current = stories[-1] if stories else None
        if (
            kind == "headline"
            and current
            and current.last == "headline"
            and _same_size(current.lines[-1], line)
        ):
            current.headline += line.text
            current.lines.append(line)
        elif kind == "headline":
            stories.append(_Story(headline=line.text, lines=[*pending, line]))
            pending = []
        elif kind == "title" and (current is None or current.last == "body"):
            pending.append(line)
        elif current is not None:
            current.lines += [*pending, line]
            current.last, pending = kind, []
    return [
        Region(headline=s.headline, box=_box(s.lines, width=width, height=height, origin=origin))
        for s in stories
    ]


def _box(lines: list[Line], *, width: float, height: float, origin: tuple[float, float]) -> list[float]:
    words = [w for line in lines for w in line.words]
    ox, oy = origin
    x0 = max(0.0, (min(w.x0 for w in words) - ox) / width)
    y0 = max(0.0, (min(w.top for w in words) - oy) / height)
    x1 = min(1.0, (max(w.x1 for w in words) - ox) / width)
    y1 = min(1.0, (max(w.bottom for w in words) - oy) / height)
    return [x0, y0, x1, y1]
