"""What each block of a cleaned page is, decided from the block and its neighbours alone; ``split``
then assembles articles from the roles.

``classify`` asks an ordered table of small named rules (``RULES``); the first that answers wins,
so a rule only has to recognise its own case and may rely on the ones before it having declined.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cached_property

from . import chrome
from . import patterns as p
from .clean import Block, breaks_off
from .dates import full_date
from .provenance import is_provenance_line
from .roles import (
    BARE_COLUMN_MAX,
    CAPTION_OVER_SIGNATURE_MAX,
    CAPTION_PREFIX_MAX,
    CREDIT_MAX,
    FINISHED_MIN,
    FURNITURE_MAX,
    HEADLINE_TOPIC_MAX,
    META_MAX,
    RUN_IN_MIN,
    SHORT_CAPTION_MAX,
    TITLE_MAX,
    Role,
    RoleKind,
    is_notice,
)
from .script import simplified


@dataclass
class BlockContext:
    """A block with its neighbours, and what several rules ask of it, worked out once."""

    block: Block
    prev: Block | None
    next_: Block | None
    place_names: Collection[str]

    @property
    def text(self) -> str:
        return self.block.text

    @cached_property
    def shadow(self) -> str:
        return simplified(self.block.text)

    @cached_property
    def is_byline(self) -> bool:
        return p.is_byline(self.text)

    @cached_property
    def advert(self) -> re.Match | None:
        return p.active().advert.match(self.shadow)

    @cached_property
    def short_unfinished(self) -> bool:
        """Short and not a sentence: the shape of page and web furniture."""
        return len(self.text) <= FURNITURE_MAX and not p.ends_sentence(self.text)

    @cached_property
    def labelled_place(self) -> dict[str, str] | None:
        """【包头】… / ■ 乌海：…, when the label is a place name; `label` and `rest` as printed."""
        m = p.match(p.LABELLED_RE, self.text)
        if m is None:
            return None
        label = m["a"] or p.filled(m, "b")  # one of the two ways a label is printed
        if simplified(label) not in self.place_names:
            return None
        return {"label": label, "rest": p.filled(m, "rest")}

    def role(self, kind: RoleKind, info: dict | None = None) -> Role:
        return Role(kind, self.block, info if info is not None else {})


Rule = Callable[[BlockContext], Role | None]


def classify(*, block: Block, prev: Block | None, next_: Block | None, place_names: Collection[str]) -> Role:
    ctx = BlockContext(block=block, prev=prev, next_=next_, place_names=place_names)
    for rule in RULES:
        role = rule(ctx)
        if role is not None:
            role.rule = rule.__name__
            return role
    raise AssertionError("the last rule (body) always answers")


# -- credits and furniture -----------------------------------------------------------------------


def closing_signature(c: BlockContext) -> Role | None:
    """文/本报记者 某某 under the last paragraph: the story's closing credit."""
    if c.is_byline and re.match("^文[/／]", c.text) and c.prev is not None and _finished(c.prev):
        return c.role(RoleKind.SIGNATURE, {"names": re.sub("^文[/／]\\s*", "", c.text)})
    return None


def byline(c: BlockContext) -> Role | None:
    """本报记者 某某, or （本报记者 某某） under a line that has not ended (a headline)."""
    enclosed = c.prev is not None and not p.ends_sentence(c.prev.text) and p.is_enclosed_byline(c.text)
    return c.role(RoleKind.BYLINE) if c.is_byline or enclosed else None


def provenance_line(c: BlockContext) -> Role | None:
    """2018-04-28 15:41 来源：… / 北京人大 2023-12-23 / 《X日报》（… 04版） / 当前版：07版: a line
    that is nothing but provenance (read by provenance.py) is furniture, out of the text."""
    if is_provenance_line(text=c.text):
        return c.role(RoleKind.META, {"date": _published(c.text)})
    return None


def meta_line(c: BlockContext) -> Role | None:
    """来源：… / 发布时间：… / 责任编辑：… / a masthead's date: furniture, maybe dating the article."""
    if p.active().meta.search(c.shadow) and len(c.text) <= META_MAX:
        return c.role(RoleKind.META, {"date": _published(c.text)})
    return None


def site_chrome(c: BlockContext) -> Role | None:
    """Menus, breadcrumbs, share and print bars, paging, view counts, app prompts, editing credits,
    copyright lines: scored from the line's features (chrome.py). `hint`: a headline the line holds
    (a <title>'s, a title bar's, a breadcrumb's last item)."""
    if not chrome.is_chrome(c.text):
        return None
    info = {"date": None, "chrome": True, "hint": chrome.headline_hint(c.text)}
    return c.role(RoleKind.META, info | ({"to_end": True} if chrome.heads_block(c.text) else {}))


def advert_run_in(c: BlockContext) -> Role | None:
    """【广告】金秋草原游…: an advertisement run into its label."""
    return c.role(RoleKind.META, {"date": None}) if c.advert and c.advert["rest"] else None


def furniture(c: BlockContext) -> Role | None:
    """A follow prompt, share bar, page number, contents entry, or a page's running header."""
    if c.short_unfinished and (p.active().furniture.search(c.shadow) or p.RUNNING_HEAD_RE.match(c.shadow)):
        return c.role(RoleKind.META, {"date": None})
    return None


def run_label(c: BlockContext) -> Role | None:
    """往期推荐 / 广告 alone: the lines after it are furniture too (see drop_furniture_runs)."""
    if c.short_unfinished and (p.active().recommended.match(c.shadow) or c.advert):
        return c.role(RoleKind.META, {"date": None, "run": True})
    return None


def navigation_or_masthead(c: BlockContext) -> Role | None:
    """A site's navigation bar, or a table-like line opening the page (a masthead)."""
    if p.NAV_RE.match(c.text) or (c.prev is None and p.TABLE_RE.search(c.text)):
        return c.role(RoleKind.META, {"date": None})
    return None


def table_row(c: BlockContext) -> Role | None:
    return c.role(RoleKind.BODY, {"table": True}) if p.TABLE_RE.search(c.text) else None


# -- briefs and package parts -------------------------------------------------------------------


def _runs_on(text: str) -> bool:
    """Long enough and punctuated like running text."""
    return len(text) > RUN_IN_MIN and ("，" in text or p.ends_sentence(text))


def place_run_in(c: BlockContext) -> Role | None:
    """【锡林郭勒】7月3日，…: a brief led by its place."""
    labelled = c.labelled_place
    if labelled and _runs_on(labelled["rest"]):
        return c.role(RoleKind.RUNIN, {"label": labelled["label"]})
    return None


def place_label(c: BlockContext) -> Role | None:
    """【包头】稀土高新区进京招商…: a package part headed by its place (and maybe its headline)."""
    labelled = c.labelled_place
    if labelled:
        return c.role(RoleKind.PLACE, {"label": labelled["label"], "sub": labelled["rest"]})
    return None


def numbered_brief(c: BlockContext) -> Role | None:
    """①…: a numbered item of a briefs column."""
    if p.NUMBERED_BRIEF_RE.match(c.text) and _runs_on(c.text):
        return c.role(RoleKind.RUNIN, {"label": ""})
    return None


# -- end marks -------------------------------------------------------------------------------------


def source_note(c: BlockContext) -> Role | None:
    """（来源：…）"""
    m = p.match(p.active().source, c.text)
    return c.role(RoleKind.SOURCE, m) if m else None


def continued_note(c: BlockContext) -> Role | None:
    """（下转第2版） / （上接第1版）"""
    m = p.match(p.active().continued, c.text)
    return c.role(RoleKind.CONTINUED, m) if m else None


def signature(c: BlockContext) -> Role | None:
    """（本报记者 某某） after a finished paragraph."""
    m = p.match(p.active().signature, c.text)
    return c.role(RoleKind.SIGNATURE, m) if m else None


# -- pictures --------------------------------------------------------------------------------------


def photo_credit(c: BlockContext) -> Role | None:
    """某某 摄 / 图/某某 / （…摄）: a picture's credit, alone or closing its text."""
    shadow = c.shadow
    enclosed = "摄" in shadow and c.text.startswith(("（", "("))
    if len(c.text) <= CREDIT_MAX and (
        p.PHOTO_CREDIT_RE.search(shadow) or p.active().picture_by.search(shadow) or enclosed
    ):
        return c.role(RoleKind.CAPTION)
    return None


def caption_mark(c: BlockContext) -> Role | None:
    """▲… or 图为…: a picture's text."""
    prefixed = p.active().caption_prefix.match(c.shadow) and len(c.text) <= CAPTION_PREFIX_MAX
    return c.role(RoleKind.CAPTION) if p.CAPTION_MARK_RE.match(c.text) or prefixed else None


# -- labels ----------------------------------------------------------------------------------------


def table_title(c: BlockContext) -> Role | None:
    """表1 …"""
    if p.TABLE_TITLE_RE.match(c.shadow) and len(c.text) <= TITLE_MAX:
        return c.role(RoleKind.HEADING)
    return None


def editors_note(c: BlockContext) -> Role | None:
    """编者按 printed as a label over the note."""
    return c.role(RoleKind.HEADING, {"note": True}) if p.active().editor_note.match(c.shadow) else None


def column_label(c: BlockContext) -> Role | None:
    """【要闻快讯】, or a bare label such as 短评 sitting on a headline."""
    column = p.match(p.COLUMN_RE, c.text)
    if column and (column["a"] or _bare_column(c)):
        return c.role(RoleKind.COLUMN, {"label": column["a"] or column["b"]})
    return None


def bare_place(c: BlockContext) -> Role | None:
    """赤峰 alone on its line: a package part's heading."""
    return c.role(RoleKind.PLACE) if c.shadow in c.place_names and not c.block.markup else None


def date_or_question(c: BlockContext) -> Role | None:
    """A date alone, or an interviewer's question (记者：…): text, however short."""
    if p.DATE_ONLY_RE.match(c.text) or p.active().question.match(c.shadow):
        return c.role(RoleKind.BODY)
    return None


def ordinal_subhead(c: BlockContext) -> Role | None:
    """一、… / （二）…: a numbered subhead."""
    text = c.text
    if (
        p.ORDINAL_RE.match(c.shadow)
        and not text[0].isdigit()
        and len(text) <= TITLE_MAX
        and not p.ends_sentence(text)
    ):
        return c.role(RoleKind.HEADING)
    return None


# -- titles and the rest ---------------------------------------------------------------------------


def _title_shaped(c: BlockContext) -> bool:
    """Marked as a heading, or short and not a sentence (or the topic line of a headline)."""
    text = c.text
    titleish = (
        len(text) <= TITLE_MAX
        and not p.ends_sentence(text.rstrip("？！?!"))
        and not text.endswith(("，", "、", "：", ":"))
    ) or _headline_topic(c.block, c.next_)
    return bool(c.block.markup) or (titleish and not text.endswith("。"))


def caption_over_signature(c: BlockContext) -> Role | None:
    """A short title-shaped line set apart, over a signature or a marked line: a picture's text."""
    nxt = c.next_
    if (
        _title_shaped(c)
        and c.block.gap_before >= 2
        and c.prev is not None
        and not c.block.markup
        and len(c.text) <= CAPTION_OVER_SIGNATURE_MAX
        and nxt is not None
        and nxt.gap_before >= 1
        and (p.match(p.active().signature, nxt.text) or nxt.markup)
    ):
        return c.role(RoleKind.CAPTION)
    return None


def title(c: BlockContext) -> Role | None:
    return c.role(RoleKind.TITLE) if _title_shaped(c) else None


def short_caption(c: BlockContext) -> Role | None:
    """A short finished sentence without a comma, set apart under the text: a picture's text."""
    text = c.text
    if (
        c.block.gap_before >= 2
        and c.prev is not None
        and len(text) <= SHORT_CAPTION_MAX
        and text.endswith("。")
        and "，" not in text
    ):
        return c.role(RoleKind.CAPTION)
    return None


def body(c: BlockContext) -> Role | None:
    return c.role(RoleKind.BODY)


# The order is the precedence: the first rule that answers decides the block's role.
RULES: tuple[Rule, ...] = (
    closing_signature,
    byline,
    meta_line,
    provenance_line,
    advert_run_in,
    furniture,
    run_label,
    navigation_or_masthead,
    site_chrome,
    table_row,
    place_run_in,
    place_label,
    numbered_brief,
    source_note,
    continued_note,
    signature,
    photo_credit,
    caption_mark,
    table_title,
    editors_note,
    column_label,
    bare_place,
    date_or_question,
    ordinal_subhead,
    caption_over_signature,
    title,
    short_caption,
    body,
)


def _finished(block: Block) -> bool:
    """A paragraph of running text that has ended."""
    return len(block.text) > FINISHED_MIN and p.ends_sentence(block.text)


def _published(text: str) -> dt.date | None:
    """The date of a web article's 发布时间 line (a masthead's date is the page's, not an article's)."""
    return full_date(text) if re.search("发布|发表|时间[:：]", simplified(text)) else None


def _headline_topic(block: Block, next_: Block | None) -> bool:
    """'喀喇沁旗京蒙协作产业园：' over '承接首都产业转移跑出“加速度”': the first line of a headline that
    names its topic and a colon, printed straight above the rest."""
    text = block.text
    return (
        len(text) <= HEADLINE_TOPIC_MAX
        and text.endswith(("：", ":"))
        and not re.search("[，。；、,;]", text)
        and next_ is not None
        and next_.gap_before == 0
        and _titleish(next_)
    )


def _titleish(block: Block | None) -> bool:
    return block is not None and len(block.text) <= TITLE_MAX and not p.ends_sentence(block.text)


def _bare_column(c: BlockContext) -> bool:
    """A bare 2–4 character label is a column name when it sits on a headline, not over a text."""
    block, prev, text = c.block, c.prev, c.text
    if len(text) > BARE_COLUMN_MAX or c.shadow in c.place_names or block.markup or is_notice(text):
        return False
    if block.gap_before == 0 and prev is not None and breaks_off(prev.text):
        return False  # the rest of a headline that broke off mid-phrase (…“嫁接”到 / 多伦湖畔)
    return _titleish(c.next_) or (block.gap_before == 0 and _titleish(prev))
