"""Furniture that a single line's role cannot see: a site's menu or share bar printed one item to a
line, a short line between chrome, what follows a 往期推荐 or 广告 label or a copyright block's
heading, and a list of headlines closed by 更多>> (links to other pages)."""

from __future__ import annotations

import re

from . import chrome
from . import patterns as p
from .clean import Block
from .dates import full_date
from .roles import TITLE_MAX, Role, RoleKind
from .script import simplified

MENU_MIN = 4  # bare items: a site's menu printed one to a line
RUNNING_TEXT_MIN = 60  # characters: a line under a list that is this long is a story's text
LINK_MAX = 80  # characters: an item of a bulleted list of links (- 栏目|标题) is no longer
_BULLET = re.compile(r"^[•·\-–*▪►]\s*")
_MORE = re.compile(r"更多\s*(?:>>|》|→|＞＞|>)|^[\W_]*(?:更多|查看更多)[\W_]*$")


def furniture(role: Role, **info) -> Role:
    return Role(RoleKind.META, role.block, {"date": None, "chrome": True, **info})


def drop_furniture_runs(roles: list[Role]) -> list[Role]:
    """A site's menu is furniture, and so is what follows a 往期推荐 or 广告 label: the other posts'
    headlines (short lines, up to the next story) and the advertisement (the lines printed with
    its label); a copyright block's heading takes the rest of the page with it."""
    menu = _menu_items(roles) | _listed_links(roles)
    roles = [furniture(r) if n in menu else r for n, r in enumerate(roles)]
    roles = _banner(_top_of_page(_item_dates(_between_chrome(roles))))
    out: list[Role] = []
    run: Role | None = None
    for n, role in enumerate(roles):
        if role.kind == RoleKind.META and (role.info.get("run") or role.info.get("to_end")):
            run = role
        elif run is not None and (
            run.info.get("to_end")
            or _in_run(
                role.block,
                advert=bool(p.active().advert.match(simplified(run.block.text))),
                following=roles[n + 1].block if n + 1 < len(roles) else None,
            )
        ):
            role = furniture(role)
        else:
            run = None
        out.append(role)
    return out


def _menu_items(roles: list[Role]) -> set[int]:
    """A menu, share bar or list of links copied one item to a line (首页 / 政务公开 / …, • 时政 /
    • 国际 / …, 微博 / Qzone / 评论): items of a few characters, line after line — four or more bare
    words, or three or more when bulleted or when one of them is chrome."""
    found: set[int] = set()
    run: list[int] = []
    for n in range(len(roles) + 1):  # one past the end closes a menu on the page's last lines
        role = roles[n] if n < len(roles) else None
        item = role is not None and role.kind != RoleKind.BYLINE and chrome.is_item(role.block.text)
        if item and run and role is not None and role.block.gap_before <= 1:
            run.append(n)
            continue
        if _is_menu([roles[k] for k in run]):
            found.update(run)
        run = [n] if item else []
    return found


def _is_menu(run: list[Role]) -> bool:
    if len(run) >= MENU_MIN and all(r.block.gap_before == 0 for r in run[1:]):
        return all(re.fullmatch(f"[{p.CJK}]{{2,6}}", r.block.text) for r in run) or any(
            _BULLET.match(r.block.text) for r in run
        )
    marked = sum(1 for r in run if _BULLET.match(r.block.text) or r.kind == RoleKind.META)
    return len(run) >= chrome.vocabulary().chrome.run_min and marked * 2 >= len(run)


def _listed_links(roles: list[Role]) -> set[int]:
    """Headlines listed over 更多>>: links to other pages, not stories of this one."""
    found: set[int] = set()
    for n, role in enumerate(roles):
        if not _MORE.search(role.block.text) or len(role.block.text) > TITLE_MAX:
            continue
        found.add(n)
        k = n - 1
        while k >= 0 and roles[k].kind in (RoleKind.TITLE, RoleKind.COLUMN, RoleKind.META):
            found.add(k)
            k -= 1
    return found


def _between_chrome(roles: list[Role]) -> list[Role]:
    """A short item between two lines of chrome (开启左侧 between a forum's buttons) is chrome too."""
    out = list(roles)
    for n in range(1, len(roles) - 1):
        if (
            roles[n].kind not in (RoleKind.META, RoleKind.BYLINE, RoleKind.BODY)
            and chrome.is_item(roles[n].block.text)
            and roles[n - 1].info.get("chrome")
            and roles[n + 1].info.get("chrome")
        ):
            out[n] = furniture(roles[n])
    return out


def _item_dates(roles: list[Role]) -> list[Role]:
    """A date alone under an item's text, or under the column label printed below it (list pages
    print both under each summary): the item's date, not a text of its own."""
    out = list(roles)
    for n in range(1, len(roles)):
        role, above = roles[n], roles[n - 1]
        label = above.kind == RoleKind.COLUMN and above.block.gap_before == 0 and n >= 2
        text_above = roles[n - 2] if label else above
        if (
            role.kind == RoleKind.BODY
            and p.DATE_ONLY_RE.match(role.block.text)
            and text_above.kind == RoleKind.BODY
            and len(text_above.block.text) > RUNNING_TEXT_MIN
            # a list page's summary may be cut off; without a label between, the text has ended
            and (label or p.ends_sentence(text_above.block.text))
        ):
            out[n] = Role(RoleKind.META, role.block, {"date": full_date(role.block.text)})
    return out


TOP_TITLE_MAX = 64  # characters: a web page's headline over its chrome may be this long
_EMPTY_LABEL = re.compile(f"^[{p.CJK}]{{2,4}}[:：]$")
_RUNNING_MARK = re.compile("[，。；！？,;!?]")


def _top_of_page(roles: list[Role]) -> list[Role]:
    """Above a web page's first paragraph, under its chrome: an unpunctuated line is its headline,
    however long (with a column label and a subtitle printed on it), and a label with nothing after
    its colon (专栏：) is an empty field of the page's chrome."""
    out = list(roles)
    for n, role in enumerate(roles):
        text = role.block.text
        if role.kind == RoleKind.BODY and _EMPTY_LABEL.match(text):
            out[n] = furniture(role)
        elif role.kind == RoleKind.BODY and len(text) <= TOP_TITLE_MAX and not _RUNNING_MARK.search(text):
            out[n] = Role(RoleKind.TITLE, role.block, {})
        elif role.kind not in (RoleKind.META, RoleKind.COLUMN, RoleKind.TITLE):
            break
    return out


BANNER_STORIES = 3  # a banner stands over this many headlined, bylined stories or more


def _banner(roles: list[Role]) -> list[Role]:
    """An e-paper page's banner: the first title of the page, set apart over a headline and its
    byline, on a page of several such stories. It heads the page, not the first story (whose
    kicker it would otherwise become)."""
    kinds = [r.kind for r in roles]
    bylined = [
        n for n in range(1, len(roles)) if kinds[n] == RoleKind.BYLINE and kinds[n - 1] == RoleKind.TITLE
    ]
    first = next((n for n, k in enumerate(kinds) if k != RoleKind.META), None)
    if first is None or len(bylined) < BANNER_STORIES or bylined[0] != first + 2:
        return roles
    if (
        kinds[first] != RoleKind.TITLE
        or kinds[first + 1] != RoleKind.TITLE
        or roles[first + 1].block.gap_before < 1
    ):
        return roles
    out = list(roles)
    out[first] = furniture(roles[first], banner=True)
    return out


def _in_run(block: Block, *, advert: bool, following: Block | None) -> bool:
    if advert:
        return block.gap_before == 0
    if _BULLET.match(block.text) and len(block.text) <= LINK_MAX:
        return True  # - 栏目|标题: a bulleted link, however it ends
    # a short line over running text is the next story's headline, not a recommended post
    over_text = following is not None and len(following.text) > RUNNING_TEXT_MIN
    return len(block.text) <= TITLE_MAX and not p.ends_sentence(block.text) and not over_text
