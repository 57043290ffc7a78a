"""Cleaning as pure functions: raw page text → lines → paragraphs (blocks) with their raw spans.

Nothing here rewrites Page.raw_text; every block remembers the raw lines it came from.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from . import rules
from .patterns import RUNNING_HEAD_RE, ends_sentence, is_byline, stands_alone, starts_block

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{CJK}]")


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the raw text
    start: int  # offset of the line's first character in the raw text
    end: int  # offset just past the line's last character
    text: str  # cleaned text of the line ("" for blank lines)
    raw: str


@dataclass
class Block:
    """A paragraph: consecutive raw lines re-joined, with the blank lines that preceded it."""

    lines: list[Line]
    gap_before: int  # blank lines before the block (page start counts as 2)
    text: str = ""
    markup: str = ""  # "#" / "##" when the extraction marked the line as a heading
    extra: dict = field(default_factory=dict)

    @property
    def first_no(self) -> int:
        return self.lines[0].no

    @property
    def last_no(self) -> int:
        return self.lines[-1].no

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end


_FULLWIDTH_ALNUM = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
_FULLWIDTH_ALNUM.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})
_FULLWIDTH_ALNUM.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})
_FULLWIDTH_ALNUM.update({0x3000: 0x20, 0xFF05: 0x25, 0xFF0E: 0x2E})  # ideographic space, ％, ．


def fold_width(text: str) -> str:
    """Full-width Latin letters, digits, % and . become ASCII; Chinese punctuation stays as printed."""
    return text.translate(_FULLWIDTH_ALNUM)


_HALF_PUNCT = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_PUNCT_AFTER_CJK = re.compile(f"(?<=[{CJK}”’）》])([,;!?]|:(?!\\d))")
_PUNCT_BEFORE_CJK = re.compile(f"([,;:!?])(?=[{CJK}“‘（《])")


def fix_punctuation(text: str) -> str:
    """Half-width punctuation inside Chinese text becomes the full-width form a reader expects."""
    text = _PUNCT_AFTER_CJK.sub(lambda m: _HALF_PUNCT[m.group(1)], text)
    text = _PUNCT_BEFORE_CJK.sub(lambda m: _HALF_PUNCT[m.group(1)], text)
    return _fix_parens(text)


def _fix_parens(text: str) -> str:
    # A (...) pair enclosing Chinese becomes （...）; pairs around Latin only stay as they are.
    def repl(m: re.Match) -> str:
        inner = m.group(1)
        return f"（{inner}）" if _CJK_RE.search(inner) else m.group(0)

    return re.sub(r"\(([^()\n]{1,80})\)", repl, text)


_SPACED_RUN = re.compile(f'(?:[{CJK}“”"‘’] ){{3,}}[{CJK}“”"‘’]')
_SPACE_CJK_ALNUM = re.compile(f"(?<=[{CJK}]) +(?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%]) +(?=[{CJK}])")
_PADDED_NUMBER = re.compile(f"(?<=[{CJK}，、（]) ([0-9A-Za-z.%]+) (?=[{CJK}，。、）])")
_MARKUP_HEAD = re.compile(r"^\s*(#{1,6})\s*")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def collapse_spaced(text: str) -> str:
    """'包 钢 贺 海 东' → '包钢贺海东': letter-spaced runs of single characters lose their spaces."""
    return _SPACED_RUN.sub(lambda m: m.group(0).replace(" ", ""), text)


def strip_markup(text: str) -> tuple[str, str]:
    """Remove markdown remnants; return (text, heading marker such as '#' or '')."""
    marker = ""
    m = _MARKUP_HEAD.match(text)
    if m:
        marker = m.group(1)
        text = text[m.end() :]
    return _BOLD.sub(r"\1", text), marker


def clean_line(raw: str) -> tuple[str, str]:
    text, marker = strip_markup(raw.strip())
    text = fold_width(text)
    text = collapse_spaced(text)
    # Extraction pads numbers with spaces ("2025 年"); in running text any such space is noise,
    # in a short line only symmetric padding is, since a headline may separate phrases with it.
    text = _SPACE_CJK_ALNUM.sub("", text) if len(text) > 30 else _PADDED_NUMBER.sub(r"\1", text)
    text = re.sub(r"[ \t\u00a0]{2,}", " ", text).strip()
    return fix_punctuation(text), marker


def split_lines(*, text: str) -> list[Line]:
    lines, offset = [], 0
    for no, raw in enumerate(text.split("\n"), start=1):
        cleaned, _ = clean_line(raw)
        lines.append(Line(no=no, start=offset, end=offset + len(raw), text=cleaned, raw=raw))
        offset += len(raw) + 1
    return lines


def drop_running_heads(lines: list[Line]) -> list[Line]:
    """A page's running header (date, paper, page) printed where a column breaks, inside a
    paragraph: left out, so that the paragraph reads on across it."""
    kept = []
    for i, line in enumerate(lines):
        inside = 0 < i < len(lines) - 1 and lines[i - 1].text and lines[i + 1].text
        if inside and RUNNING_HEAD_RE.match(line.text) and not ends_sentence(line.text):
            continue
        kept.append(line)
    return kept


def display_width(text: str) -> int:
    # Chinese characters and Chinese quotes take a full em in print; digits and Latin half.
    return sum(2 if ord(ch) > 0x2E80 or ch in "“”‘’—…" else 1 for ch in text)


def column_width(lines: list[Line]) -> int | None:
    """The print column width when the page is hard-wrapped in narrow columns, else None."""
    widths = [
        display_width(line.text)
        for i, line in enumerate(lines)
        if line.text and 0 < i < len(lines) - 1 and (lines[i - 1].text or lines[i + 1].text)
    ]
    if len(widths) < 20:
        return None
    width = statistics.mode(widths)  # most lines of a narrow column are full lines
    near = sum(1 for w in widths if abs(w - width) <= 2)
    return width if width <= 60 and near >= len(widths) * 0.3 else None


def join_wrapped(a: str, b: str) -> str:
    """Join a hard-wrapped line to its continuation: no space between Chinese characters."""
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b


_INDENT = re.compile(r"^\s{2,}\S")  # two spaces, full-width (the print convention) or not


def indents_mark_paragraphs(lines: list[Line]) -> bool:
    """Whether the page indents the first line of each paragraph, as print and PDF text does:
    some lines indented, most not. Then the indent, not a line that happens to end in 。, is
    what starts a paragraph."""
    printed = [line for line in lines if line.text]
    indented = sum(1 for line in printed if _INDENT.match(line.raw))
    return indented >= 2 and indented * 2 < len(printed)


def _opens_paragraph(line: Line) -> bool:
    """An indented line of running text; a centred headline is indented too, but short and bare."""
    return bool(_INDENT.match(line.raw)) and (len(line.text) >= 15 or bool(_PUNCTUATED.search(line.text)))


def blocks_from_lines(
    *, lines: list[Line], width: int | None = None, indents: bool | None = None
) -> list[Block]:
    """Group lines into paragraphs, re-joining lines that print columns or extraction broke.

    `width` is the page's print column width and `indents` whether its paragraphs are indented,
    when known (a part of a page is too small to tell).
    """
    width = width if width is not None else column_width(lines)
    indents = indents if indents is not None else indents_mark_paragraphs(lines)
    blocks: list[Block] = []
    gap = 2
    for line in lines:
        if not line.text:
            gap += 1
            continue
        _, marker = strip_markup(line.raw.strip())
        prev = blocks[-1] if blocks else None
        if prev is not None and _joins(prev, line, marker=marker, gap=gap, width=width, indents=indents):
            # a byline over two lines: one name or role per line, kept apart
            two_bylines = is_byline(prev.lines[-1].text) and is_byline(line.text)
            prev.lines.append(line)
            prev.text = f"{prev.text} {line.text}" if two_bylines else join_wrapped(prev.text, line.text)
        else:
            blocks.append(Block(lines=[line], gap_before=gap, text=line.text, markup=marker))
        gap = 0
    for block in blocks:
        if len(block.text) > 30:  # running text: spaces around numbers are extraction noise
            block.text = _SPACE_CJK_ALNUM.sub("", block.text)
    return blocks


def _joins(prev: Block, line: Line, *, marker: str, gap: int, width: int | None, indents: bool) -> bool:
    """The line goes on the paragraph above it (`marker`: the markup it opens with, if any)."""
    opens = indents and bool(_INDENT.match(line.raw))
    if indents and gap == 0 and _opens_paragraph(prev.lines[0]):
        # an indented page: an unindented line under an indented paragraph continues it
        return not (opens or marker or prev.markup or starts_block(line.text) or stands_alone(prev.text))
    return not opens and not marker and not prev.markup and _continues(prev, line, gap=gap, width=width)


def _continues(prev: Block, line: Line, *, gap: int, width: int | None) -> bool:
    last, text = prev.lines[-1].text, line.text
    if is_byline(prev.text) and is_byline(text) and gap == 0:
        return True  # a byline printed over two lines
    if _breaks_before(prev, line, gap=gap):
        return False
    if width is None:
        # Wide pages: a paragraph the extraction broke mid-sentence, across a blank line or not.
        return (
            _print_width(prev.lines[-1]) >= 40
            and bool(re.search("[，、；]", last))
            and display_width(text) >= 4
            and not last.endswith(("：", ":"))
        )
    return _continues_in_column(prev, gap=gap, width=width)


def _breaks_before(prev: Block, line: Line, *, gap: int) -> bool:
    """Whatever the page's layout, `line` does not continue `prev`."""
    text = line.text
    if _SPACED_RUN.search(line.raw.strip()) and not _SPACED_RUN.search(prev.lines[-1].raw.strip()):
        return True  # a letter-spaced headline under a plain line (its kicker) starts afresh
    if ends_sentence(prev.lines[-1].text) or starts_block(text) or stands_alone(prev.text) or gap > 1:
        return True
    # a bare label such as a column name under a headline
    return len(text) <= 4 and not re.search(r"[^\w]", text)


def _continues_in_column(prev: Block, *, gap: int, width: int) -> bool:
    """A page printed in columns `width` wide: whether the next line continues the block."""
    last = prev.lines[-1].text
    last_width = _print_width(prev.lines[-1])
    if len(prev.lines) == 1 and last_width <= width - 4 and looks_like_heading(last):
        return False
    if len(prev.lines) == 1 and prev.gap_before >= 1 and last_width <= width * 0.65 and is_subhead(last):
        # The first line of a column paragraph is full (less an indent at most): a line of
        # well under two thirds, unpunctuated, standing at a paragraph start is a subhead.
        return False
    if gap == 0:
        raw = prev.lines[-1].raw.strip()
        if _SPACED_RUN.search(raw):
            # a letter-spaced headline runs on only when its line breaks off mid-phrase
            return _not_final(last[-1])
        if re.search(f"[{CJK}]\\s+[{CJK}]", last) and not re.search("[，。；：、（(]", last):
            return False  # phrases parted by a space: a kicker or subtitle, not running text
        return last_width >= width * 0.6
    # Across a blank line only from inside running text: a full line that is part of a sentence.
    return last_width >= width - 4 and (len(prev.lines) >= 3 or bool(re.search("[，、；]", last)))


def _print_width(line: Line) -> int:
    # Spaces the extraction kept around digits stand for real print space; letter-spacing does not.
    raw = line.raw.strip()
    return display_width(line.text) if _SPACED_RUN.search(raw) else display_width(raw)


def looks_like_heading(text: str) -> bool:
    """'科创引领，产业升级注入新动力': a short lead phrase, a comma or colon, then the rest."""
    return bool(re.match(f"^[{CJK}“”]{{4}}[，：:][^，。；]{{4,20}}$", text)) and not _not_final(text[-1])


_PUNCTUATED = re.compile("[，。；：、,;:！？!?]")


def letter_spaced(block: Block) -> bool:
    return any(_SPACED_RUN.search(line.raw.strip()) for line in block.lines)


def is_subhead(text: str) -> bool:
    """'老旧小区改出新模样': a short unpunctuated phrase that does not break off mid-sentence."""
    return 4 <= len(text) <= 20 and not _PUNCTUATED.search(text) and not _not_final(text[-1])


def _not_final(ch: str) -> bool:
    """A character that ends a wrapped line but never a heading (…的, …到)."""
    return ch in rules.active().labels.not_final_characters


def breaks_off(text: str) -> bool:
    """A line that stops mid-phrase (…的, …到): what follows it continues it."""
    return bool(text) and _not_final(text[-1])
