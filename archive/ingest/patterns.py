"""Recognisers for the furniture of a Chinese newspaper page: bylines, datelines, captions, labels.

Each is a generic typographic convention, never a phrase of a particular page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .script import simplified

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
NAME = f"[{CJK}·]{{2,5}}"
DECOR = r"[◎□●■◆★☆▲△▶▷◇○]"
ROLES = (
    "本报特约记者",
    "本报通讯员",
    "本报评论员",
    "本报记者",
    "特约记者",
    "实习记者",
    "见习记者",
    "记者",
    "通讯员",
    "评论员",
    "实习生",
    "摄影",
    "文/图",
    "文",
    "图",
)

_ROLE_ALT = "|".join(re.escape(r) for r in ROLES)
# A separator between role and name is required for bare roles ("记者调查" is a column label).
# 丨 and ｜ part role and name on social-media pages (记者丨某某)
_ROLE_SEP = r"[\s:：丨｜|/／]"
BYLINE_RE = re.compile(
    f"^{DECOR}?\\s*(?:(?:(?:本报|本刊)[{CJK}]{{2,3}}{_ROLE_SEP}*|(?:{_ROLE_ALT}){_ROLE_SEP}+)"
    f"{NAME}(?:[\\s、，,]+{NAME})*[\\s、，,]*)+$"
)
# a one-character role (文, 图) only before a separator: inside a name (张文博) it is the name
_ROLE_SPLIT = re.compile(
    "(" + "|".join(re.escape(r) if len(r) > 1 else f"{re.escape(r)}(?=[\\s:：/丨｜|])" for r in ROLES) + ")"
)
_NUM = r"[\d一二三四五六七八九十〇]{1,3}"
_MONTH_DAY = f"{_NUM}月\\s?{_NUM}日"
# 本报讯（记者 宋向华）, 本报11月9日讯, 本报北京7月17日电, 新华社北京2月19日电（…）, 北疆资讯网讯（…）
DATELINE_RE = re.compile(
    f"^(?P<dateline>(?:本报|本刊)(?:[{CJK}]{{0,6}}?{_MONTH_DAY})?(?:讯|电)"
    f"|[{CJK}]{{2,8}}?(?:网|报|台|社)(?:[{CJK}]{{0,6}}?{_MONTH_DAY})?讯"
    f"|(?:新华社|中新社|人民日报|[{CJK}]{{2,6}}(?:日报|晚报|通讯社))[{CJK}]{{0,8}}?{_MONTH_DAY}(?:电|讯))"
    r"\s*(?:[（(](?P<credit>[^）)]{1,40})[）)])?"
)
# an interviewer's question: 记者：… / 问：…
QUESTION_RE = re.compile(r"^(?:本报记者|记者|问|主持人)[：:]")
DATE_ONLY_RE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_SIGNED_ROLE = f"(?:(?:{_ROLE_ALT})[\\s:：]*)?"
SIGNATURE_RE = re.compile(f"^[（(]\\s*{_SIGNED_ROLE}(?P<names>{NAME}(?:[\\s、，,]+{NAME}){{0,3}})\\s*[）)]$")
INLINE_SIGNATURE_RE = re.compile(
    f"[。！？”][（(]{_SIGNED_ROLE}(?P<names>{NAME}(?:[、，\\s]+{NAME}){{0,3}})[）)]$"
)
# Page and web furniture: mastheads, navigation, editing credits, share buttons.
META_RE = re.compile(
    r"^(?:来源|发布时间|发布日期|作者|编辑|责任编辑|本版编辑|本版责编|责编|本版主编|主编|本版统筹|统筹|校对|美编|版式|审核|审校|制图|数据来源|当前位置)\s*[:：]"
    r"|【(?:打印|关闭|字体|字号|收藏|返回)[^】]{0,8}】|分享到|版权所有|Copyright|©"
    r"|(?:20\d{2}|19\d{2}|[二一][〇零○][〇零○一二三四五六七八九]{2})年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})日\s*(?:星期|周)[一二三四五六日天]"
)
# Social-media and e-paper furniture: follow prompts, QR codes, share bars, image placeholders,
# the end mark, a post's 原创 line, page numbers, the frame and entries of a contents box (导读)
FURNITURE_RE = re.compile(
    r"^[\W_]*(?:[^\s。，]{1,10}\s+)?(?:点击(?:上方)?(?:蓝字|关注)|关注我们|长按(?:识别|扫描)?|扫描|扫码|识别)[^。，]{0,24}(?:二维码|关注|阅读|观看|收听|下载)"
    r"|^[\W_]*(?:点击)?阅读原文\W*$|^(?:分享|点赞|在看|收藏|转发)(?:\s*(?:分享|点赞|在看|收藏|转发|推荐)){1,4}$"
    r"|^[-—－–=\s]*END[-—－–=\s]*$|^\[(?:图片|视频|音频|动图|表情)\]$|^请输入(?:关键词|关键字|搜索)"
    r"|^原创\s+\S.{0,40}?\d{4}[-年]\d{1,2}[-月]\d{1,2}日?\s*\d{1,2}:\d{2}"
    r"|^[-—－–]\s*\d{1,3}\s*[-—－–]$|^第\s*[\d一二三四五六七八九十]{1,3}\s*版(?:\s|$)|^[A-Z]\d{1,2}版?\s+[\u4e00-\u9fff·・]{2,8}$"
    r"|^[┌└╔╚├╠┏┗][─━═\s]*[^─━═]{0,8}[─━═\s]*[┐┘╗╝┤╣┓┛]?$"
    r"|^[│┃║]?\s*[▶►·•]?\s*\S.{1,40}?\s+第?\s*[\dA-Z一二三四五六七八九十]{1,3}\s*版\s*[│┃║]?$",
    re.IGNORECASE,
)
# 往期推荐: a list of other posts' headlines follows, to the end of the page
RECOMMENDED_RE = re.compile(
    r"^[\W_]*(?:往期推荐|往期回顾|推荐阅读|相关推荐|热门推荐|精彩推荐|猜你喜欢|更多精彩)[\W_]*$"
)
# 广告: an advertisement's label, alone over the box (rest empty) or run into it (【广告】金秋草原游…)
ADVERT_RE = re.compile(r"^(?:[（(【\[]\s*广\s*告\s*[）)】\]]\s*(?P<rest>.*)|广\s*告)$")
# 2025年9月16日 星期二 赤峰日报 综合新闻: a page's running header, repeated where a column breaks
RUNNING_HEAD_RE = re.compile(
    r"^(?=.*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?=.*(?:星期|周)[一二三四五六日天]|.*第\s*[\d一二三四五六七八九十]{1,3}\s*版)[^。，；！？]{0,50}$"
)
# a site's navigation bar: short cells without figures (a table's rows have them)
NAV_RE = re.compile(r"^(?:\s*[^|｜\d\s][^|｜\d]{0,7}?\s*[|｜]){3,}\s*[^|｜\d\s][^|｜\d]{0,7}?\s*$")
TABLE_RE = re.compile(r"\S\s*\|\s*\S.*\|\s*\S|\S {3,}\S+ {3,}\S")
CAPTION_PREFIX_RE = re.compile(r"^(?:图为|上图|下图|左图|右图|图：|图片说明)")
TABLE_TITLE_RE = re.compile(r"^(?:表|图)[\d一二三四五六七八九十]{1,3}[\s：:]")
# 【包头】稀土高新区进京招商… / ■ 乌海：低空航线… — a labelled part of a package or a run-in brief
LABELLED_RE = re.compile(
    # ■ 锡林郭勒　9月6日，…: the space before a date may be lost with the extraction's number spacing
    f"^(?:【(?P<a>[{CJK}]{{2,8}})】|[■◆●□]\\s*(?P<b>[{CJK}]{{2,8}})(?:[：:]|\\s+|(?=\\d)))\\s*(?P<rest>.+)$"
)
SOURCE_RE = re.compile(r"^[（(]\s*(?P<note>(?:来源|据|转自|稿件来源|原载)[:：]?[^）)]{1,40})\s*[）)]$")
CONTINUED_RE = re.compile(
    r"^[（(]\s*(?P<note>(?:下转|上接|转|接)第?\s*[\d一二三四五六七八九十]+\s*版[^）)]{0,10})\s*[）)]$"
)
PHOTO_CREDIT_RE = re.compile(f"(?:^|[\\s（(由])(?P<names>{NAME}(?:[\\s、]+{NAME}){{0,2}})\\s*摄[）)]?。?$")
# 图/刘晓东: the picture's credit written as a role and a slash
PICTURE_BY_RE = re.compile(
    f"(?:^|[\\s。，（(])(?:图|图片|摄影)[/／:：]\\s*(?P<names>{NAME}(?:[\\s、]+{NAME}){{0,2}})[）)]?$"
)
CAPTION_MARK_RE = re.compile(r"^[▲▶◀▼△▷◁▽↑↓←→]")
COLUMN_RE = re.compile(f"^(?:【(?P<a>[^】]{{2,10}})】|(?P<b>[{CJK}]{{2,6}}))$")
ORDINAL_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[章节部分篇]|\d{1,2}[、.．](?!\d))"
)
# ①…②…: the numbered items of a briefs column, each a brief of its own
NUMBERED_BRIEF_RE = re.compile(r"^[\u2460-\u2473\u2776-\u277f]")
# 编者按 printed as a label over the editor's note, not run into it
EDITOR_NOTE_RE = re.compile(r"^[【\[]?(?:编者按|编者的话|编后语?|编辑手记)[】\]]?[：:]?$")
NOTICE_RE = re.compile(r"(?:声明|公告|启事|通知|公示|更正|勘误|致歉)$")
TERMINAL = "。！？!?…；;"
CLOSERS = "”’」』）)】"


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
    return bool(enclosed) and is_byline(enclosed.group(1).strip())


def match(regex: re.Pattern, text: str, *, search: bool = False) -> dict[str, str] | None:
    """Match on the Simplified shadow of `text`; groups are sliced from the text as printed."""
    shadow = simplified(text)
    m = regex.search(shadow) if search else regex.match(shadow)
    if m is None:
        return None
    groups = {
        name: text[m.start(name) : m.end(name)] if m.start(name) >= 0 else None for name in regex.groupindex
    }
    groups[""] = text[m.start() : m.end()]
    return groups


def is_byline(text: str) -> bool:
    return len(text) <= 60 and bool(BYLINE_RE.match(simplified(text)))


def parse_people(text: str, *, default_role: str = "作者") -> list[Person]:
    """'本报记者 海军 通讯员 云娜' → [海军/记者, 云娜/通讯员]."""
    people: list[Person] = []
    role = default_role
    printed = strip_decor(text)
    shadow = simplified(printed)
    pos = 0
    for piece in _ROLE_SPLIT.split(shadow):  # roles are found in the shadow, names kept as printed
        chunk, pos = printed[pos : pos + len(piece)], pos + len(piece)
        if piece.strip(" :：、，,") in ROLES:
            role = _normalise_role(piece.strip(" :：、，,"))
            continue
        for name in re.split(r"[\s、，,:：丨｜|]+", chunk):
            if re.fullmatch(NAME, name):
                people.append(Person(name=name, role=role))
    return people


def _normalise_role(role: str) -> str:
    if role in ("摄影", "图"):
        return "摄影"
    for base in ("评论员", "通讯员", "记者"):
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
    if INLINE_SIGNATURE_RE.search(text):
        return True
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


def stands_alone(text: str) -> bool:
    """Furniture that is a whole block by itself and never continues into the next line."""
    text = simplified(text)
    return bool(
        is_byline(text)
        or SIGNATURE_RE.match(text)
        or SOURCE_RE.match(text)
        or CONTINUED_RE.match(text)
        or text.startswith("【")
        and text.endswith("】")
        or len(text) <= 60
        and (PHOTO_CREDIT_RE.search(text) or PICTURE_BY_RE.search(text))
        or len(text) <= 50
        and FURNITURE_RE.search(text)
    )


def starts_block(text: str) -> bool:
    """Lines that always begin a new block (a paragraph may continue after them)."""
    text = simplified(text)
    return bool(
        stands_alone(text)
        or DATELINE_RE.match(text)
        or CAPTION_MARK_RE.match(text)
        or CAPTION_PREFIX_RE.match(text)
        or LABELLED_RE.match(text)
        or text.startswith(("●", "——", "■", "◆"))
        or bool(_LEADING_SYMBOL.match(text))
        or bool(NUMBERED_BRIEF_RE.match(text))
    )


# a list item led by a pictograph (📌 …, 👉 …)
_LEADING_SYMBOL = re.compile("^[\U0001f000-\U0001faff\u2600-\u27bf]")
