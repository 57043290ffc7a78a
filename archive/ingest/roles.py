"""The roles a block of a cleaned page can play: title, byline, body, caption, column label, place,
marker… and the cut-offs the rules that decide them (``classify``) share with the assembly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from . import patterns as p
from .clean import Block
from .script import simplified

# Cut-offs, in characters of the block's text
TITLE_MAX = 40  # a headline, subhead or table title is no longer
FINISHED_MIN = 40  # a paragraph longer than this that ends a sentence is finished running text
META_MAX = 80  # a 来源/发布时间/编辑 line is no longer
FURNITURE_MAX = 50  # a follow prompt, share bar, page number or list label is no longer
RUN_IN_MIN = 40  # a brief run into its place label or number is longer than this
CREDIT_MAX = 60  # a picture's credit line is no longer
CAPTION_PREFIX_MAX = 80  # 图为… introducing a picture is no longer
SHORT_CAPTION_MAX = 30  # a lone finished sentence set apart under running text: a picture's text
CAPTION_OVER_SIGNATURE_MAX = 24  # a short line set apart over a signature is a picture's text
HEADLINE_TOPIC_MAX = 20  # 喀喇沁旗京蒙协作产业园： naming a headline's topic
BARE_COLUMN_MAX = 4  # an unbracketed column label (短评, 一线观察)


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
    rule: str = field(default="", compare=False)  # the classify rule that decided it, for tracing

    def __post_init__(self) -> None:
        self.kind = RoleKind(self.kind)  # a kind given as a string must be one of the enum's


def is_notice(headline: str) -> bool:
    return bool(p.active().notice.search(simplified(headline)))
