"""Recognisers for the furniture of a Chinese newspaper page: bylines, datelines, captions, labels.

Each is a generic typographic convention, never a phrase of a particular page. The structure of a
pattern is code; the words it is built from (roles, furniture phrases, labels…) are data, in the
rules file (rules.py): ``active()`` gives the patterns compiled from the active rules.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import rules as ingest_rules
from .script import simplified

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
NAME = f"[{CJK}·]{{2,5}}"
DECOR = r"[◎□●■◆★☆▲△▶▷◇○]"
_NUM = r"[\d一二三四五六七八九十〇]{1,3}"
_MONTH_DAY = f"{_NUM}月\\s?{_NUM}日"
DATE_ONLY_RE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
# 2025年9月16日 星期二 赤峰日报 综合新闻: a page's running header, repeated where a column breaks
RUNNING_HEAD_RE = re.compile(
    r"^(?=.*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?=.*(?:星期|周)[一二三四五六日天]|.*第\s*[\d一二三四五六七八九十]{1,3}\s*版)[^。，；！？]{0,50}$"
)
# a site's navigation bar: short cells without figures (a table's rows have them)
NAV_RE = re.compile(r"^(?:\s*[^|｜\d\s][^|｜\d]{0,7}?\s*[|｜]){3,}\s*[^|｜\d\s][^|｜\d]{0,7}?\s*$")
TABLE_RE = re.compile(r"\S\s*\|\s*\S.*\|\s*\S|\S {3,}\S+ {3,}\S")
TABLE_TITLE_RE = re.compile(r"^(?:表|图)[\d一二三四五六七八九十]{1,3}[\s：:]")
# 【包头】稀土高新区进京招商… / ■ 乌海：低空航线… — a labelled part of a package or a run-in brief
LABELLED_RE = re.compile(
    # ■ 锡林郭勒　9月6日，…: the space before a date may be lost with the extraction's number spacing
    f"^(?:【(?P<a>[{CJK}]{{2,8}})】|[■◆●□]\\s*(?P<b>[{CJK}]{{2,8}})(?:[：:]|\\s+|(?=\\d)))\\s*(?P<rest>.+)$"
)
PHOTO_CREDIT_RE = re.compile(f"(?:^|[\\s（(由])(?P<names>{NAME}(?:[\\s、]+{NAME}){{0,2}})\\s*摄[）)]?。?$")
CAPTION_MARK_RE = re.compile(r"^[▲▶◀▼△▷◁▽↑↓←→]")
COLUMN_RE = re.compile(f"^(?:【(?P<a>[^】]{{2,10}})】|(?P<b>[{CJK}]{{2,6}}))$")
ORDINAL_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[章节部分篇]|\d{1,2}[、.．](?!\d))"
)
# ①…②…: the numbered items of a briefs column, each a brief of its own
NUMBERED_BRIEF_RE = re.compile(r"^[\u2460-\u2473\u2776-\u277f]")
TERMINAL = "。！？!?…；;"
BYLINE_MAX = 60  # characters: a byline is no longer
CLOSERS = "”’」』）)】"
# A separator between role and name is required for bare roles ("记者调查" is a column label).
# 丨 and ｜ part role and name on social-media pages (记者丨某某)
_ROLE_SEP = r"[\s:：丨｜|/／]"


def _alternation(words: tuple[str, ...], *, spaced: bool = False) -> str:
    """An alternation of literal words, the longer first where one contains another; spaced: each
    may be printed letter-spaced (广 告)."""
    ordered = sorted(words, key=len, reverse=True)
    if spaced:
        return "|".join("\\s*".join(re.escape(ch) for ch in word) for word in ordered)
    return "|".join(re.escape(word) for word in ordered)


@dataclass(frozen=True)
class Patterns:
    """The patterns built from the rules file's words (see archive/data/ingest_rules.toml)."""

    rules: ingest_rules.IngestRules
    byline: re.Pattern
    role_split: re.Pattern
    dateline: re.Pattern
    question: re.Pattern
    signature: re.Pattern
    inline_signature: re.Pattern
    meta: re.Pattern
    furniture: re.Pattern
    recommended: re.Pattern
    advert: re.Pattern
    caption_prefix: re.Pattern
    source: re.Pattern
    continued: re.Pattern
    picture_by: re.Pattern
    editor_note: re.Pattern
    notice: re.Pattern
    statistic: re.Pattern


def _byline_patterns(r: ingest_rules.IngestRules) -> dict[str, re.Pattern]:
    roles = _alternation(r.bylines.roles)
    # a one-character role (文, 图) only before a separator: inside a name (张文博) it is the name
    split = "|".join(
        re.escape(w) if len(w) > 1 else f"{re.escape(w)}(?=[\\s:：/丨｜|])"
        for w in sorted(r.bylines.roles, key=len, reverse=True)
    )
    signed = f"(?:(?:{roles})[\\s:：]*)?"
    return {
        "byline": re.compile(
            f"^{DECOR}?\\s*(?:(?:(?:本报|本刊)[{CJK}]{{2,3}}{_ROLE_SEP}*|(?:{roles}){_ROLE_SEP}+)"
            f"{NAME}(?:[\\s、，,]+{NAME})*[\\s、，,]*)+$"
        ),
        "role_split": re.compile(f"({split})"),
        "signature": re.compile(f"^[（(]\\s*{signed}(?P<names>{NAME}(?:[\\s、，,]+{NAME}){{0,3}})\\s*[）)]$"),
        "inline_signature": re.compile(
            f"[。！？”][（(]{signed}(?P<names>{NAME}(?:[、，\\s]+{NAME}){{0,3}})[）)]$"
        ),
        # 本报讯（记者 宋向华）, 本报11月9日讯, 本报北京7月17日电, 新华社北京2月19日电（…）, 北疆资讯网讯（…）
        "dateline": re.compile(
            f"^(?P<dateline>(?:本报|本刊)(?:[{CJK}]{{0,6}}?{_MONTH_DAY})?(?:讯|电)"
            f"|[{CJK}]{{2,8}}?(?:网|报|台|社)(?:[{CJK}]{{0,6}}?{_MONTH_DAY})?讯"
            f"|(?:{_alternation(r.datelines.wire_services)}|[{CJK}]{{2,6}}(?:日报|晚报|通讯社))"
            f"[{CJK}]{{0,8}}?{_MONTH_DAY}(?:电|讯))"
            r"\s*(?:[（(](?P<credit>[^）)]{1,40})[）)])?"
        ),
        # an interviewer's question: 记者：… / 问：…
        "question": re.compile(f"^(?:{_alternation(r.interview.question_labels)})[：:]"),
    }


def _furniture_patterns(f: ingest_rules.Furniture) -> dict[str, re.Pattern]:
    share = _alternation(f.share_buttons)
    return {
        # Page and web furniture: mastheads, navigation, editing credits, share buttons.
        "meta": re.compile(
            f"^(?:{_alternation(f.meta_labels)})\\s*[:：]|【(?:{_alternation(f.page_buttons)})[^】]{{0,8}}】|{_alternation(f.meta_phrases)}"
            r"|(?:20\d{2}|19\d{2}|[二一][〇零○][〇零○一二三四五六七八九]{2})年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
            r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})日\s*(?:星期|周)[一二三四五六日天]"
        ),
        # Social-media and e-paper furniture: follow prompts, QR codes, share bars, image
        # placeholders, the end mark, a post's 原创 line, page numbers, the frame and entries of a
        # contents box (导读)
        "furniture": re.compile(
            f"^[\\W_]*(?:[^\\s。，]{{1,10}}\\s+)?(?:{_alternation(f.follow_prompts)})[^。，]{{0,24}}(?:{_alternation(f.follow_targets)})"
            f"|^[\\W_]*(?:{_alternation(f.whole_lines)})\\W*$"
            f"|^(?:{share})(?:\\s*(?:{_alternation(f.share_buttons + f.share_bar_followers)})){{1,4}}$"
            f"|^[-—－–=\\s]*END[-—－–=\\s]*$|^\\[(?:{_alternation(f.media_placeholders)})\\]$|^(?:{_alternation(f.search_prompts)})"
            r"|^原创\s+\S.{0,40}?\d{4}[-年]\d{1,2}[-月]\d{1,2}日?\s*\d{1,2}:\d{2}"
            r"|^[-—－–]\s*\d{1,3}\s*[-—－–]$|^第\s*[\d一二三四五六七八九十]{1,3}\s*版(?:\s|$)|^[A-Z]\d{1,2}版?\s+[\u4e00-\u9fff·・]{2,8}$"
            r"|^[┌└╔╚├╠┏┗][─━═\s]*[^─━═]{0,8}[─━═\s]*[┐┘╗╝┤╣┓┛]?$"
            r"|^[│┃║]?\s*[▶►·•]?\s*\S.{1,40}?\s+第?\s*[\dA-Z一二三四五六七八九十]{1,3}\s*版\s*[│┃║]?$",
            re.IGNORECASE,
        ),
        # 往期推荐: a list of other posts' headlines follows, to the end of the page
        "recommended": re.compile(f"^[\\W_]*(?:{_alternation(f.recommended_labels)})[\\W_]*$"),
        # an advertisement's label, alone over the box (rest empty) or run into it (【广告】金秋草原游…)
        "advert": re.compile(
            f"^(?:[（(【\\[]\\s*(?:{_alternation(f.advert_labels, spaced=True)})\\s*[）)】\\]]\\s*(?P<rest>.*)"
            f"|(?:{_alternation(f.advert_labels, spaced=True)}))$"
        ),
    }


@functools.lru_cache(maxsize=8)  # rules compare by identity: a cheap key
def _compile(r: ingest_rules.IngestRules) -> Patterns:
    jumps = _alternation(r.end_marks.jump_to + r.end_marks.jump_from)
    return Patterns(
        rules=r,
        **_byline_patterns(r),
        **_furniture_patterns(r.furniture),
        caption_prefix=re.compile(f"^(?:{_alternation(r.captions.caption_prefixes)})"),
        source=re.compile(
            f"^[（(]\\s*(?P<note>(?:{_alternation(r.end_marks.source_words)})[:：]?[^）)]{{1,40}})\\s*[）)]$"
        ),
        continued=re.compile(
            f"^[（(]\\s*(?P<note>(?:{jumps})第?\\s*[\\d一二三四五六七八九十]+\\s*版[^）)]{{0,10}})\\s*[）)]$"
        ),
        # 图/刘晓东: the picture's credit written as a role and a slash
        picture_by=re.compile(
            f"(?:^|[\\s。，（(])(?:{_alternation(r.captions.picture_credit_labels)})[/／:：]\\s*"
            f"(?P<names>{NAME}(?:[\\s、]+{NAME}){{0,2}})[）)]?$"
        ),
        # 编者按 printed as a label over the editor's note, not run into it
        editor_note=re.compile(f"^[【\\[]?(?:{_alternation(r.labels.editor_note_labels)})[】\\]]?[：:]?$"),
        notice=re.compile(f"(?:{_alternation(r.kinds.notice_words)})$"),
        # a figure with its unit (4.3亿元, 120户): a title line of figures is a kicker
        statistic=re.compile(f"\\d[\\d.]*\\s*[亿万千百]?\\s*(?:{_alternation(r.labels.statistic_units)})"),
    )


def active() -> Patterns:
    """The patterns of the active rules file, compiled once per file."""
    return _compile(ingest_rules.active())


@dataclass(frozen=True)
class Person:
    name: str
    role: str

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "role": self.role}


def strip_decor(text: str) -> str:
    """A byline's text without its leading ornament or the parentheses it is printed in."""
    text = re.sub(f"^{DECOR}\\s*", "", text).strip()
    enclosed = _ENCLOSED.match(text)
    return re.sub(r"\s+", " ", enclosed.group(1)).strip() if enclosed else text


_ENCLOSED = re.compile(r"^[（(]([^（）()]+)[）)]$")


def is_enclosed_byline(text: str) -> bool:
    """（本报记者　某某）, the byline printed in parentheses under a headline. The same form after
    a finished paragraph is the story's closing signature: the caller tells them apart."""
    enclosed = _ENCLOSED.match(text.strip())
    return enclosed is not None and is_byline(enclosed.group(1).strip())


def match(regex: re.Pattern, text: str, *, search: bool = False) -> dict[str, str | None] | None:
    """Match on the Simplified shadow of `text`; groups are sliced from the text as printed (None
    for a group in a part of the pattern that did not match, as ``re`` has it)."""
    shadow = simplified(text)
    m = regex.search(shadow) if search else regex.match(shadow)
    if m is None:
        return None
    groups = {
        name: text[m.start(name) : m.end(name)] if m.start(name) >= 0 else None for name in regex.groupindex
    }
    groups[""] = text[m.start() : m.end()]
    return groups


def filled(groups: dict[str, str | None], name: str) -> str:
    """A group of a ``match`` that lies in no optional part of its pattern: every match sets it."""
    value = groups[name]
    if value is None:
        raise ValueError(f"the group {name!r} is optional in its pattern")
    return value


def is_byline(text: str) -> bool:
    return len(text) <= BYLINE_MAX and bool(active().byline.match(simplified(text)))


def parse_people(text: str, *, default_role: str = "作者") -> list[Person]:
    """'本报记者 海军 通讯员 云娜' → [海军/记者, 云娜/通讯员]."""
    people: list[Person] = []
    role = default_role
    printed = strip_decor(text)
    shadow = simplified(printed)
    pos = 0
    roles = active().rules.bylines.roles
    for piece in active().role_split.split(shadow):  # roles are found in the shadow, names kept as printed
        chunk, pos = printed[pos : pos + len(piece)], pos + len(piece)
        if piece.strip(" :：、，,") in roles:
            role = _normalise_role(piece.strip(" :：、，,"))
            continue
        for name in re.split(r"[\s、，,:：丨｜|]+", chunk):
            if re.fullmatch(NAME, name):
                people.append(Person(name=name, role=role))
    return people


def _normalise_role(role: str) -> str:
    bylines = active().rules.bylines
    if role in bylines.photographer_roles:
        return "摄影"
    for base in bylines.normalised_roles:
        if base in role:
            return base
    return "作者"


_TRAILING_CREDIT = re.compile(r"[（(][^（）()]{1,20}摄[）)]$")
# emoji and pictographs a social-media post closes a paragraph with (…1080人次。💪)
_TRAILING_SYMBOLS = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\\s]+$")


def ends_sentence(text: str) -> bool:
    text = _TRAILING_SYMBOLS.sub("", simplified(text))
    # a picture's text ends with its credit: …冷鲜羊肉。（记者 王一 摄）
    text = _TRAILING_CREDIT.sub("", text) or text
    if active().inline_signature.search(text):
        return True
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


def stands_alone(text: str) -> bool:
    """Furniture that is a whole block by itself and never continues into the next line."""
    text = simplified(text)
    ps = active()
    return bool(
        is_byline(text)
        or ps.signature.match(text)
        or ps.source.match(text)
        or ps.continued.match(text)
        or (text.startswith("【") and text.endswith("】"))
        or (len(text) <= 60 and (PHOTO_CREDIT_RE.search(text) or ps.picture_by.search(text)))
        or (len(text) <= 50 and ps.furniture.search(text))
    )


def starts_block(text: str) -> bool:
    """Lines that always begin a new block (a paragraph may continue after them)."""
    text = simplified(text)
    return bool(
        stands_alone(text)
        or active().dateline.match(text)
        or CAPTION_MARK_RE.match(text)
        or active().caption_prefix.match(text)
        or LABELLED_RE.match(text)
        or text.startswith(("●", "——", "■", "◆", "•", "▪", "►"))
        or bool(_DASH_ITEM.match(text))
        or bool(_LEADING_SYMBOL.match(text))
        or bool(NUMBERED_BRIEF_RE.match(text))
    )


# an item of a list of links printed with a dash (- 栏目|标题)
_DASH_ITEM = re.compile(r"^[-–]\s")
# a list item led by a pictograph (📌 …, 👉 …)
_LEADING_SYMBOL = re.compile("^[\U0001f000-\U0001faff\u2600-\u27bf]")
