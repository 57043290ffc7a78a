"""Nothing is lost silently: every non-blank input line ends up in an article (its text, or a title
field: headline, kicker, byline…), or in the page's dropped list (furniture, a repeat, a line the
splitter could place nowhere), which the editor sees. ``record_leftovers`` fills the list as the
page is split; ``unaccounted`` checks the result (tests, ``ingest --dry-run``)."""

from __future__ import annotations

import re

from .clean import Block
from .roles import Role, RoleKind
from .types import ProposedArticle, ProposedPage

FURNITURE = "版面杂项"  # menus, breadcrumbs, share bars, credits, mastheads, copyright blocks
REPEAT = "重复段落"  # a paragraph printed twice on the page
UNPLACED = "未归入文章"  # a line the splitter could attach to no article: the editor decides

_NOT_LETTER = re.compile(r"[\W_]+")


def record(block: Block, reason: str) -> dict:
    return {"lines": [block.first_no, block.last_no], "text": block.text, "reason": reason}


def _key(text: str) -> str:
    return _NOT_LETTER.sub("", text)


def title_texts(articles: list[ProposedArticle]) -> list[str]:
    """What each article keeps of its title lines: column, kicker, headline, subtitle, byline,
    dateline, source note, and its sections' headings."""
    fields = ("column", "kicker", "headline", "subheadline", "byline", "dateline", "source_note")
    texts = [getattr(a, f) for a in articles for f in fields]
    texts += [t for a in articles for s in a.sections for t in (s.heading, s.subheading, s.byline)]
    return [k for k in (_key(t) for t in texts) if k]


def _in_titles(text: str, titles: list[str]) -> bool:
    key = _key(text)
    return not key or any(key in t or t in key for t in titles)


def record_leftovers(*, roles: list[Role], articles: list[ProposedArticle]) -> list[dict]:
    """Each block that no article holds: furniture as such, the rest as unplaced."""
    used = {n for a in articles for s in a.sections for n in s.lines}
    titles = title_texts(articles)
    out = []
    for role in roles:
        block = role.block
        if any(line.no in used for line in block.lines):
            continue
        if role.kind == RoleKind.META:
            out.append(record(block, FURNITURE))
        elif not _in_titles(block.text, titles):
            out.append(record(block, UNPLACED))
    return out


def unaccounted(*, page: ProposedPage, text: str) -> list[int]:
    """Numbers of the non-blank input lines that are in no article and in no dropped record."""
    covered = {n for a in page.articles for s in a.sections for n in s.lines}
    covered |= {n for d in page.dropped for n in range(d["lines"][0], d["lines"][-1] + 1)}
    titles = title_texts(page.articles)
    return [
        number
        for number, line in enumerate(text.split("\n"), start=1)
        if line.strip() and number not in covered and not _in_titles(line, titles)
    ]
