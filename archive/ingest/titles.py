"""Title lines: which is the headline, and which body a headline printed apart belongs to."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from . import patterns as p
from .clean import breaks_off, letter_spaced
from .roles import TITLE_MAX, Role

WRAP_SHARE = 0.6  # a line under this share of the next is a kicker over it, not half a headline


def merge_wrapped_titles(roles: list[Role]) -> list[tuple[str, bool]]:
    """(text, marked) per title; a headline printed over two lines with no break between them is one."""
    merged: list[tuple[str, bool]] = []
    lines: list[int] = []  # how many printed lines each merged title took
    for i, r in enumerate(roles):
        text = r.block.text
        if merged and r.block.gap_before == 0 and merged[-1][0].endswith(("：", ":")):
            # 某某产业园： names the topic; the rest of the headline follows on the next line
            merged[-1] = (merged[-1][0] + text, merged[-1][1])
            lines[-1] += 1
        elif (
            merged
            and r.block.gap_before == 0
            and not _phrased(text)
            and not _phrased(merged[-1][0])
            and len(merged[-1][0]) + len(text) <= TITLE_MAX
            # a line naming the genre (…运行两年调查) is a subtitle, not the rest of a headline
            and not _subtitle(text)
            # a marked line (## …, **…**) is a whole title; the first line of a wrapped headline
            # is a long one, a kicker over a headline usually a short one
            and not merged[-1][1]
            and len(merged[-1][0]) >= WRAP_SHARE * len(text)
            and not _SERIES.match(merged[-1][0])
            # a line of figures (…累计投入资金4.3亿元) over a phrase without: kicker and headline
            and _statistic(merged[-1][0]) == _statistic(text)
            and not _kicker_over_pair(merged[-1][0], r, roles[i + 1] if i + 1 < len(roles) else None)
            and not _three_decks(roles, i)
            # a letter-spaced line is set in larger type than a plain one above or below it
            and letter_spaced(roles[i - 1].block) == letter_spaced(r.block)
            # a headline in large type takes two lines at most: a third is a subtitle
            and lines[-1] < 2
        ):
            merged[-1] = (merged[-1][0] + text, merged[-1][1] or bool(r.block.markup))
            lines[-1] += 1
        else:
            merged.append((text, bool(r.block.markup)))
            lines.append(1)
    return merged


def _kicker_over_pair(above: str, line: Role, after: Role | None) -> bool:
    """'百余家企业带来千余种特色农畜产品' over '青城好物走进首都' / '百姓“菜篮子”': a long line over two
    short ones of a size is a kicker over a headline set in two lines of larger type."""
    if (
        after is None
        or after.block.gap_before != 0
        or _phrased(after.block.text)
        or _subtitle(after.block.text)
    ):
        return False
    first, second = len(line.block.text), len(after.block.text)
    return first < WRAP_SHARE * len(above) and min(first, second) >= WRAP_SHARE * max(first, second)


def _three_decks(roles: list[Role], i: int) -> bool:
    """Three title lines whose middle one is the shortest: kicker, headline and subtitle, the
    headline in the largest type holding the fewest characters."""
    if len(roles) != 3 or i == 0:
        return False
    lengths = [len(r.block.text) for r in roles]
    return lengths[1] < lengths[0] and lengths[1] < lengths[2] and not breaks_off(roles[0].block.text)


def _statistic(text: str) -> bool:
    """A figure with its unit (4.3亿元, 120户)."""
    return bool(p.active().statistic.search(text))


def _phrased(text: str) -> bool:
    """'一产稳中有进 二产提质增效': parallel phrases parted by spaces, the style of kickers and subtitles."""
    return bool(re.search(f"[{p.CJK}”」』]\\s+[{p.CJK}“「『]", text))


_SERIES = re.compile(f"^[{p.CJK}]{{2,10}}[·・][{p.CJK}]{{2,10}}$")


def is_series(text: str) -> bool:
    """京蒙协作·旗县纪行: the name of a series or a group of items, not a headline of its own."""
    return bool(_SERIES.match(text))


def main_title(titles: list[tuple[str, bool]]) -> int:
    """Which of two or more title lines is the headline (the others are kicker above, subtitle below)."""
    marked = [i for i, (_, is_marked) in enumerate(titles) if is_marked]
    if marked:
        m = marked[0]
        after = titles[m + 1][0] if m + 1 < len(titles) else ""
        if after and _label_over(titles[m][0], after) and not _subtitle(after):
            return m + 1  # ## 数说京蒙协作 over 1—5月…工作成绩单: a marked label over the headline
        return m
    first, second = titles[0][0], titles[1][0]
    if _subtitle(second):
        return 0
    if _SERIES.match(first):
        return 1  # 京蒙协作·旗县纪行: the name of a series over the headline
    if not _phrased(first) and _phrased(second):
        return 0
    return 1


def _subtitle(text: str) -> bool:
    return text.endswith(p.active().rules.labels.subtitle_endings) or text.startswith("——")


def _label_over(first: str, second: str) -> bool:
    return bool(_SERIES.match(first)) or len(first) < WRAP_SHARE * len(second)


@dataclass(frozen=True)
class TitleLine:
    """A headline line as printed, parted into the column label it carries, the headline and a
    subtitle printed on the same line."""

    column: str
    headline: str
    subheadline: str


_COLUMN_LEAD = re.compile(r"^【(?P<label>[^】]{2,10})】\s*(?P<rest>.+)$")
_DASHED = re.compile(r"^(?P<head>[^—]{4,30}?)\s*(?P<sub>——.{4,40})$")
_NUMBERING = re.compile(r"\s*[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]$")
HEADLINE_MIN = 8  # characters: the headline before a same-line subtitle is no shorter


def parse_title_line(text: str) -> TitleLine:
    """【京蒙协作】某某… → column and headline; 某某——某某纪实（六） → headline and subtitle; 某某考察
    甲乙丙参加活动 → headline and the subtitle naming who was present."""
    column = ""
    m = _COLUMN_LEAD.match(text)
    if m:
        column, text = m["label"], m["rest"]
    dashed = _DASHED.match(text)
    if dashed and _subtitle(_NUMBERING.sub("", dashed["sub"])):
        return TitleLine(column, dashed["head"].strip(), dashed["sub"].strip())
    head, _, last = text.rpartition(" ")
    endings = p.active().rules.labels.attendance_endings
    if len(head) >= HEADLINE_MIN and last.endswith(endings) and not _phrased_sentence(last):
        return TitleLine(column, head.strip(), last)
    return TitleLine(column, text, "")


def _phrased_sentence(text: str) -> bool:
    return bool(re.search("[，。；、,;]", text))


def _bigrams(text: str) -> set[str]:
    chars = re.sub(f"[^{p.CJK}0-9A-Za-z]", "", text)
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def bigram_weights(texts: list[str]) -> dict[str, float]:
    """Bigrams shared by many articles on the page (发展, 内蒙) say little about which one a headline is for."""
    df: dict[str, int] = {}
    for text in texts:
        for bg in _bigrams(text):
            df[bg] = df.get(bg, 0) + 1
    n = max(len(texts), 1)
    return {bg: math.log((n + 1) / (count + 0.5)) / math.log(n + 2) for bg, count in df.items()}


def overlap(title: str, body: str, *, weights: dict[str, float] | None = None) -> float:
    tb = _bigrams(title)
    if not tb:
        return 0.0
    shared = tb & _bigrams(body)
    if weights is None:
        return len(shared) / len(tb)
    return sum(weights.get(bg, 1.0) for bg in shared) / len(tb)
