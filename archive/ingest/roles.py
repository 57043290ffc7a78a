"""What each block of a cleaned page is: title, byline, body, caption, column label, place, marker…

Decided from the block and its neighbours alone; ``split`` then assembles articles from the roles.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum

from . import patterns as p
from .clean import Block, breaks_off
from .dates import full_date
from .script import simplified

TITLE_MAX = 40


class RoleKind(StrEnum):
    """What a block is. A StrEnum, so that it still equals its name as a string, but a misspelt
    kind fails where it is written rather than silently matching nothing."""

    TITLE = "title"  # a headline, kicker or subtitle line
    BYLINE = "byline"  # 本报记者 某某 under a headline
    BODY = "body"  # running text
    CAPTION = "caption"  # a picture's text or credit
    SIGNATURE = "signature"  # （某某） or 文/某某 closing a story
    SOURCE = "source"  # （来源：…） closing a story
    CONTINUED = "continued"  # （下转第2版） / （上接第1版）
    COLUMN = "column"  # a column label (【要闻快讯】, 短评)
    HEADING = "heading"  # a subhead, a table's title, an editor's note label
    META = "meta"  # page or web furniture: masthead, share bar, 发布时间 line, advertisement
    RUNIN = "runin"  # a brief led by its place label or number: 【锡林郭勒】7月3日，…
    PLACE = "place"  # a place name heading a package part


@dataclass
class Role:
    kind: RoleKind
    block: Block
    info: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.kind = RoleKind(self.kind)  # a kind given as a string must be one of the enum's


def classify(*, block: Block, prev: Block | None, next_: Block | None, place_names: Collection[str]) -> Role:
    text = block.text
    shadow = simplified(text)
    byline = p.is_byline(text)
    if byline and re.match("^文[/／]", text) and prev is not None and _finished(prev):
        # 文/本报记者 某某 under the last paragraph: the story's closing credit
        return Role(RoleKind.SIGNATURE, block, {"names": re.sub("^文[/／]\\s*", "", text)})
    if byline or (prev is not None and not p.ends_sentence(prev.text) and p.is_enclosed_byline(text)):
        return Role(RoleKind.BYLINE, block)
    if p.META_RE.search(shadow) and len(text) <= 80:
        return Role(RoleKind.META, block, {"date": _published(text)})
    advert = p.ADVERT_RE.match(shadow)
    if advert and advert["rest"]:
        return Role(RoleKind.META, block, {"date": None})  # an advertisement run into its label
    if len(text) <= 50 and not p.ends_sentence(text):
        if p.FURNITURE_RE.search(shadow) or p.RUNNING_HEAD_RE.match(shadow):
            return Role(RoleKind.META, block, {"date": None})
        if p.RECOMMENDED_RE.match(shadow) or advert:
            return Role(RoleKind.META, block, {"date": None, "run": True})
    if p.TABLE_RE.search(text) or p.NAV_RE.match(text):
        if prev is None or p.NAV_RE.match(text):  # a masthead or a site's navigation bar
            return Role(RoleKind.META, block, {"date": None})
        return Role(RoleKind.BODY, block, {"table": True})
    labelled = p.match(p.LABELLED_RE, text)
    if labelled and simplified(labelled["a"] or labelled["b"]) in place_names:
        label, rest = labelled["a"] or labelled["b"], labelled["rest"]
        if len(rest) > 40 and ("，" in rest or p.ends_sentence(rest)):
            return Role(
                RoleKind.RUNIN, block, {"label": label}
            )  # a brief led by its place: 【锡林郭勒】7月3日，…
        return Role(RoleKind.PLACE, block, {"label": label, "sub": rest})
    if p.NUMBERED_BRIEF_RE.match(text) and len(text) > 40 and ("，" in text or p.ends_sentence(text)):
        return Role(RoleKind.RUNIN, block, {"label": ""})
    for kind, regex in (
        (RoleKind.SOURCE, p.SOURCE_RE),
        (RoleKind.CONTINUED, p.CONTINUED_RE),
        (RoleKind.SIGNATURE, p.SIGNATURE_RE),
    ):
        m = p.match(regex, text)
        if m:
            return Role(kind, block, m)
    if len(text) <= 60 and (
        p.PHOTO_CREDIT_RE.search(shadow)
        or p.PICTURE_BY_RE.search(shadow)
        or "摄" in shadow
        and text.startswith(("（", "("))
    ):
        return Role(RoleKind.CAPTION, block)
    if p.CAPTION_MARK_RE.match(text) or p.CAPTION_PREFIX_RE.match(shadow) and len(text) <= 80:
        return Role(RoleKind.CAPTION, block)
    if p.TABLE_TITLE_RE.match(shadow) and len(text) <= TITLE_MAX:
        return Role(RoleKind.HEADING, block)
    if p.EDITOR_NOTE_RE.match(shadow):
        return Role(RoleKind.HEADING, block, {"note": True})
    column = p.match(p.COLUMN_RE, text)
    if column and (column["a"] or _bare_column(block, prev, next_, place_names)):
        return Role(RoleKind.COLUMN, block, {"label": column["a"] or column["b"]})
    if shadow in place_names and not block.markup:
        return Role(RoleKind.PLACE, block)
    if p.DATE_ONLY_RE.match(text) or p.QUESTION_RE.match(shadow):
        return Role(RoleKind.BODY, block)
    if (
        p.ORDINAL_RE.match(shadow)
        and not text[0].isdigit()
        and len(text) <= TITLE_MAX
        and not p.ends_sentence(text)
    ):
        return Role(RoleKind.HEADING, block)
    is_titleish = (
        len(text) <= TITLE_MAX
        and not p.ends_sentence(text.rstrip("？！?!"))
        and not text.endswith(("，", "、", "：", ":"))
    ) or _headline_topic(block, next_)
    if block.markup or (is_titleish and not text.endswith(("。",))):
        if (
            block.gap_before >= 2
            and prev is not None
            and not block.markup
            and len(text) <= 24
            and next_ is not None
            and (next_.gap_before >= 1 and (p.match(p.SIGNATURE_RE, next_.text) or next_.markup))
        ):
            return Role(RoleKind.CAPTION, block)
        return Role(RoleKind.TITLE, block)
    if (
        block.gap_before >= 2
        and prev is not None
        and len(text) <= 30
        and text.endswith("。")
        and "，" not in text
    ):
        return Role(RoleKind.CAPTION, block)
    return Role(RoleKind.BODY, block)


def drop_furniture_runs(roles: list[Role]) -> list[Role]:
    """A site's menu is furniture, and so is what follows a 往期推荐 or 广告 label: the other posts'
    headlines (short lines, up to the next story) and the advertisement (the lines printed with
    its label)."""
    out: list[Role] = []
    run: Role | None = None
    menu = _menu_items(roles)
    for n, role in enumerate(roles):
        if n in menu:
            role = Role(RoleKind.META, role.block, {"date": None})
        if role.kind == RoleKind.META and role.info.get("run"):
            run = role
        elif run is not None and _in_run(
            role.block,
            advert=bool(p.ADVERT_RE.match(simplified(run.block.text))),
            following=roles[n + 1].block if n + 1 < len(roles) else None,
        ):
            role = Role(RoleKind.META, role.block, {"date": None})
        else:
            run = None
        out.append(role)
    return out


MENU_MIN = 4  # items: a site's menu printed one to a line


def _menu_items(roles: list[Role]) -> set[int]:
    """A site's navigation menu copied one item to a line (首页 / 政务公开 / 政务服务 / …): four or
    more bare words of a few characters, line after line."""
    found: set[int] = set()
    run: list[int] = []
    for n, role in enumerate([*roles, None]):
        item = role is not None and re.fullmatch(f"[{p.CJK}]{{2,6}}", role.block.text) is not None
        if item and run and role.block.gap_before == 0:
            run.append(n)
            continue
        if len(run) >= MENU_MIN:
            found.update(run)
        run = [n] if item else []
    return found


def _in_run(block: Block, *, advert: bool, following: Block | None) -> bool:
    if advert:
        return block.gap_before == 0
    # a short line over running text is the next story's headline, not a recommended post
    over_text = following is not None and len(following.text) > 60
    return len(block.text) <= TITLE_MAX and not p.ends_sentence(block.text) and not over_text


def _finished(block: Block) -> bool:
    """A paragraph of running text that has ended."""
    return len(block.text) > 40 and p.ends_sentence(block.text)


def _published(text: str):
    """The date of a web article's 发布时间 line (a masthead's date is the page's, not an article's)."""
    return full_date(text) if re.search("发布|发表|时间[:：]", simplified(text)) else None


def _headline_topic(block: Block, next_: Block | None) -> bool:
    """'喀喇沁旗京蒙协作产业园：' over '承接首都产业转移跑出“加速度”': the first line of a headline that
    names its topic and a colon, printed straight above the rest."""
    text = block.text
    return (
        len(text) <= 20
        and text.endswith(("：", ":"))
        and not re.search("[，。；、,;]", text)
        and next_ is not None
        and next_.gap_before == 0
        and _titleish(next_)
    )


def is_notice(headline: str) -> bool:
    return bool(p.NOTICE_RE.search(simplified(headline)))


def _titleish(block: Block | None) -> bool:
    return block is not None and len(block.text) <= TITLE_MAX and not p.ends_sentence(block.text)


def _bare_column(block: Block, prev: Block | None, next_: Block | None, place_names: Collection[str]) -> bool:
    """A bare 2–4 character label is a column name when it sits on a headline, not over a text."""
    text = block.text
    if len(text) > 4 or simplified(text) in place_names or block.markup or is_notice(text):
        return False
    if block.gap_before == 0 and prev is not None and breaks_off(prev.text):
        return False  # the rest of a headline that broke off mid-phrase (…“嫁接”到 / 多伦湖畔)
    return _titleish(next_) or (block.gap_before == 0 and _titleish(prev))
