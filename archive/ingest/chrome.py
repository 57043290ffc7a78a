"""Site chrome: the furniture of a web, forum or e-paper page (menus, breadcrumbs, share and print
bars, paging, view counts, app and QR prompts, editing credits, copyright blocks), scored from a
line's features rather than matched phrase by phrase.

A line's score adds up what makes it chrome — the share of its letters that are chrome words (the
``[chrome]`` vocabulary), short items parted by separators, a date or time with little beside it,
being short and not a sentence — and takes off for sentence marks and length; markup residue
(tags, file names, rules of dashes, page numbers) is chrome outright. ``runs.py`` adds what a line
alone cannot show: menus printed one item to a line and lines between chrome.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import rules as ingest_rules
from .patterns import CJK, DATE_ONLY_RE, TABLE_RE, active, ends_sentence
from .script import simplified

_LETTER = re.compile(f"[{CJK}A-Za-z]")
_SENTENCE_MARK = re.compile("[，。；！？,;!?]")
# markup an extraction left behind: a tag, a file name, an address, a rule, a page number
_RESIDUE = re.compile(
    r"</?[a-zA-Z][^>]*>|\.(?:png|jpe?g|gif|webp|indd|pdf|docx?)\b|https?://|www\.[a-z]"
    r"|^[\W_]+$|^(?:P\.?|Page|第)\s*\d{1,4}\s*(?:页|版)?$|^[-—–]\s*\d{1,4}\s*[-—–]$"
    r"|^\d{1,4}\s*#\s*\S{1,12}$"  # a forum post's floor number and poster (1# 某某)
    r"|^第?\s*[\dA-Z]{1,3}\s*版\s*(?:[（(][^）)]{1,8}[）)])?$",  # a page label alone: 第2版（经济）
    re.IGNORECASE,
)
_DATE = re.compile(
    r"(?:19|20)\d{2}\s*[-/.年\s]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{2}-\d{1,2}-\d{1,2}|\d{1,2}:\d{2}(?::\d{2})?"
)
DATED_REST_MAX = 10  # letters beside a date or time in a dated line (a site, a poster, 来源)
# 首页 > 新闻 > 正文, 人民网>>内蒙古频道, 论坛 -> 1999年03月
_CRUMB_SEP = re.compile(r"\s*(?:-+>|=>|>+|＞+|»|›|→)\s*")
CRUMB_FIRST_MAX = 24  # characters: the first item of a breadcrumb (a site's or forum's name) is no longer
_MARK_SEP = re.compile(r"[|｜丨/／]")
_ITEM_SEP = re.compile(r"\s*[|｜丨/／]\s*|\s+")
# 您当前的位置：首页 > … : the label a breadcrumb opens with
_CRUMB_LABEL = re.compile(f"^[{CJK}]{{0,6}}位置\\s*[:：]\\s*")
# 查看完整版本：[-- 标题 --] / 【标题】: a title printed in a bar of chrome
_BAR = re.compile(r"[\[【]\s*-*\s*(?P<title>[^\[\]【】]{4,60}?)\s*-*\s*[\]】]")
# 标题_网站名 / 标题 - 某某频道: a page's <title>, the headline and the site's name
_SITE_TITLE = re.compile(r"^(?P<title>.{6,60}?)\s*[_|｜\-–—]+\s*(?P<site>[^_|｜\-–—]{2,16})$")
_LABEL_LEAD = re.compile(r"^[（(\[【]?\s*(?P<label>[^\s:：|｜丨]{2,6})\s*[:：|｜丨]")
LABEL_WEIGHT = 0.5  # a chrome word leading the line as a label (责编：…, （责编：…）, 作者|…)
PROMPT_WEIGHT = 3.0  # a follow or QR prompt (扫描二维码下载…), whatever its punctuation
PROMPT_MAX = 120  # characters: a prompt is no longer
SITE_TITLE_WEIGHT = 1.0


@dataclass(frozen=True)
class Vocabulary:
    chrome: ingest_rules.Chrome
    words: re.Pattern
    site: re.Pattern


@functools.lru_cache(maxsize=8)
def _vocabulary(r: ingest_rules.IngestRules) -> Vocabulary:
    c = r.chrome
    words = "|".join(re.escape(w) for w in sorted(c.words, key=len, reverse=True))
    suffixes = "|".join(re.escape(w) for w in sorted(c.site_suffixes, key=len, reverse=True))
    return Vocabulary(
        chrome=c,
        words=re.compile(words, re.IGNORECASE),
        # a site's name (内蒙古新闻网, 央广网): its letters count as chrome where it stands alone or
        # before chrome words
        site=re.compile(
            f"[{CJK}A-Za-z]{{1,8}}?(?:{suffixes})(?![{CJK}])|[{CJK}]{{1,8}}?(?:{suffixes})(?=版权|正文)"
        ),
    )


def vocabulary() -> Vocabulary:
    return _vocabulary(ingest_rules.active())


def word_share(shadow: str) -> float:
    """The share of the line's letters (Chinese and Latin) that are chrome words or a site's name."""
    letters = len(_LETTER.findall(shadow))
    if not letters:
        return 0.0
    v = vocabulary()
    covered = [False] * len(shadow)
    for regex in (v.words, v.site):
        for m in regex.finditer(shadow):
            covered[m.start() : m.end()] = [True] * (m.end() - m.start())
    return sum(1 for i, ch in enumerate(shadow) if covered[i] and _LETTER.match(ch)) / letters


RESIDUE_TEXT_MIN = 8  # letters beside the markup that make the line text to be scored, not residue


def residue(text: str) -> bool:
    """Markup left by the extraction: a tag, a file name, a rule, a page number, a forum floor.
    A line with text beside its markup (a sentence naming an address or a file, a headline quoting
    a tag) is not residue: the rest of the scoring decides what it is."""
    stripped = text.strip()
    if not _RESIDUE.search(stripped) or TABLE_RE.search(text):
        return False
    rest = _RESIDUE.sub("", stripped)
    return len(_LETTER.findall(rest)) < RESIDUE_TEXT_MIN


def dated(shadow: str) -> bool:
    """A date or time with little beside it: 2018-04-28 15:41 来源：某网 / 某某 1999-03-26 00:00."""
    if DATE_ONLY_RE.match(shadow) or not _DATE.search(shadow) or _SENTENCE_MARK.search(shadow):
        return False
    rest = vocabulary().words.sub("", _DATE.sub("", shadow))
    return len(_LETTER.findall(rest)) <= DATED_REST_MAX


def crumbs(text: str) -> list[str] | None:
    """The items of a breadcrumb (首页 > 新闻 > 正文), or None."""
    body = _CRUMB_LABEL.sub("", text.strip())
    parts = _CRUMB_SEP.split(body)
    if len(parts) < 2 or len(parts[0]) > CRUMB_FIRST_MAX or _SENTENCE_MARK.search(body):
        return None
    return [part.strip() for part in parts]


def separated(text: str) -> bool:
    """Short items parted by separators: a breadcrumb, a menu bar, a share bar. Items parted by
    spaces only count when most are chrome words (a byline or a credit is names parted by spaces)."""
    if crumbs(text) is not None:
        return True
    limit = vocabulary().chrome.item_max
    items = [i for i in _ITEM_SEP.split(text.strip()) if i]
    short = len(items) >= 3 and sum(len(i) for i in items) <= limit * len(items) * 0.75
    if not short:
        return False
    if _MARK_SEP.search(text):
        return True
    return sum(1 for i in items if vocabulary().words.fullmatch(i)) * 2 >= len(items)


def site_title(text: str) -> str | None:
    """标题_网站名: the headline of a page's <title>, when the part after the separator is a site."""
    m = _SITE_TITLE.match(text.strip())
    if m is None or _SENTENCE_MARK.search(m["title"]):
        return None
    site = simplified(m["site"]).strip()
    return m["title"].strip() if vocabulary().site.fullmatch(site) else None


_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def score(text: str) -> float:
    """How much the line looks like site chrome; ``is_chrome`` compares it with the threshold."""
    if residue(text):
        return 10.0
    # a tag's angle brackets and slash are not a breadcrumb's or a menu's separators
    shadow = simplified(_TAG.sub("", text)).strip()
    c = vocabulary().chrome
    total = c.word_weight * min(1.0, word_share(shadow))
    if separated(shadow):
        total += c.separated_weight
    if len(crumbs(shadow) or ()) >= 3:
        total += c.separated_weight  # a breadcrumb two levels deep: chrome however long
    if len(shadow) <= c.short_max and not ends_sentence(shadow):
        total += c.short_weight
    if dated(shadow):
        total += c.dated_weight
    label = _LABEL_LEAD.match(shadow)
    if label and vocabulary().words.fullmatch(label["label"]):
        total += LABEL_WEIGHT
    if len(shadow) <= PROMPT_MAX and active().furniture.search(shadow):
        total += PROMPT_WEIGHT
    if headline_hint(text) and not crumbs(text):
        total += SITE_TITLE_WEIGHT  # a <title> or a title bar: the headline and the site's chrome
    total -= c.sentence_penalty * len(_SENTENCE_MARK.findall(shadow))
    total -= c.length_penalty * max(0, len(shadow) - c.short_max) / 10
    return total


def is_chrome(text: str) -> bool:
    return score(text) >= vocabulary().chrome.threshold


def headline_hint(text: str) -> str:
    """The headline a chrome line holds, if any: a <title>'s headline, a title bar's, or the last
    item of a breadcrumb (which is often the page's headline)."""
    titled = site_title(text)
    if titled:
        return titled
    bar = _BAR.search(text)
    if bar and word_share(simplified(text[: bar.start()])) >= 0.5:
        return bar["title"].strip()
    items = crumbs(text)
    last = items[-1] if items else ""
    if len(last) >= 8 and word_share(simplified(last)) < 0.5 and not _DATE.search(last):
        return last
    return ""


def is_item(text: str) -> bool:
    """An item of a menu, list of links or share bar: a few characters, maybe after a bullet."""
    bare = re.sub(r"^[•·\-–*▪►>\s]+", "", text).strip()
    return 0 < len(bare) <= vocabulary().chrome.item_max and not _SENTENCE_MARK.search(bare)


def heads_block(text: str) -> bool:
    """版权与免责声明：: the heading of a copyright or disclaimer block (the rest of the page)."""
    shadow = simplified(text).strip()
    words = vocabulary().chrome.block_words
    return shadow.endswith(("：", ":")) and any(w in shadow for w in words) and is_chrome(text)
