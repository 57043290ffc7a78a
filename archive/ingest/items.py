"""Pages of many items: a roundup of briefs (要闻速览: 包头 …/赤峰 …), a dated chronicle (大事记:
3日 …, 12—14日 …, △ …, □ …), a numbered digest (一周要闻: 1.… 2.…). Each entry is an item of its own
— its own article with its own places — not a paragraph of one story.

An entry is known by its lead (a day, a mark, a number, a place name and a space) and by its
siblings: two or more entries in a row, straight under a label or a title (the page's or the
section's whole content). Numbered paragraphs inside a story's text come after its text, so they
stay paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from .roles import Role, RoleKind
from .script import simplified

_DAY = re.compile(r"^\d{1,2}日?(?:\s*[—–\-~至]\s*\d{1,2})?日[\s　]+\S")
_MARK = re.compile(r"^[△□◇○☆★▲◆●▪•]\s*\S")
_NUMBER = re.compile(r"^(?:\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[）)])\s*\S")
_PLACE = re.compile(r"^(?P<place>\S{2,8})[\s　]+\S")
ITEMS_MIN = 2  # entries in a row make a list of items
ENTRY_MIN = 20  # characters: an entry is a sentence, not a label


def lead(text: str, place_names: Collection[str]) -> str:
    """The kind of lead an entry opens with ('day', 'mark', 'number', 'place'), or ''."""
    if len(text) < ENTRY_MIN:
        return ""
    for name, regex in (("day", _DAY), ("mark", _MARK), ("number", _NUMBER)):
        if regex.match(text):
            return name
    m = _PLACE.match(text)
    return "place" if m and simplified(m["place"]) in place_names else ""


def mark_items(roles: list[Role], *, place_names: Collection[str]) -> list[Role]:
    """Entries of a roundup, chronicle or digest become run-in items (their lead stands for their
    headline; see assemble's run-in handler)."""
    out = list(roles)
    n = 0
    while n < len(roles):
        run = _entries(roles, n, place_names)
        if len(run) >= ITEMS_MIN and _under_label(roles, n):
            for k in run:
                out[k] = Role(RoleKind.RUNIN, roles[k].block, {"label": "", "item": True})
            n = run[-1] + 1
        else:
            n += 1
    return out


def _entries(roles: list[Role], n: int, place_names: Collection[str]) -> list[int]:
    """The entries from n on: body blocks with a lead, furniture between them skipped."""
    run: list[int] = []
    for k in range(n, len(roles)):
        role = roles[k]
        if role.kind == RoleKind.META:
            continue
        kind = lead(role.block.text, place_names)
        # △ … in a chronicle reads as a picture's text when seen alone
        if not kind or not (role.kind == RoleKind.BODY or (role.kind == RoleKind.CAPTION and kind == "mark")):
            break
        run.append(k)
    return run


def _under_label(roles: list[Role], n: int) -> bool:
    """The run starts the page's or a section's content: under a title or label, not under text."""
    k = n - 1
    while k >= 0 and roles[k].kind == RoleKind.META:
        k -= 1
    return k < 0 or roles[k].kind in (RoleKind.TITLE, RoleKind.COLUMN, RoleKind.HEADING)
