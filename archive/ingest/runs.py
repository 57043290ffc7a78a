"""Runs of furniture that a single line's role cannot see: a site's menu printed one item to a
line, and what follows a 往期推荐 or 广告 label."""

from __future__ import annotations

import re

from . import patterns as p
from .clean import Block
from .roles import TITLE_MAX, Role, RoleKind
from .script import simplified

MENU_MIN = 4  # items: a site's menu printed one to a line
RUNNING_TEXT_MIN = 60  # characters: a line under a list that is this long is a story's text


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
            advert=bool(p.active().advert.match(simplified(run.block.text))),
            following=roles[n + 1].block if n + 1 < len(roles) else None,
        ):
            role = Role(RoleKind.META, role.block, {"date": None})
        else:
            run = None
        out.append(role)
    return out


def _menu_items(roles: list[Role]) -> set[int]:
    """A site's navigation menu copied one item to a line (首页 / 政务公开 / 政务服务 / …): four or
    more bare words of a few characters, line after line."""
    found: set[int] = set()
    run: list[int] = []
    for n, role in enumerate(roles):
        item = re.fullmatch(f"[{p.CJK}]{{2,6}}", role.block.text) is not None
        if item and run and role.block.gap_before == 0:
            run.append(n)
            continue
        if len(run) >= MENU_MIN:
            found.update(run)
        run = [n] if item else []
    if len(run) >= MENU_MIN:  # a menu on the page's last lines
        found.update(run)
    return found


def _in_run(block: Block, *, advert: bool, following: Block | None) -> bool:
    if advert:
        return block.gap_before == 0
    # a short line over running text is the next story's headline, not a recommended post
    over_text = following is not None and len(following.text) > RUNNING_TEXT_MIN
    return len(block.text) <= TITLE_MAX and not p.ends_sentence(block.text) and not over_text
