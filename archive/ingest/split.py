"""Split a cleaned page into articles and sections: blocks (clean) → roles (classify, runs) →
articles (assemble) → kinds (kinds).

The rules are typographic and generic, never a phrase of a particular page.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from .accounting import FURNITURE, REPEAT, record, record_leftovers
from .assemble import assemble
from .classify import classify
from .clean import (
    Block,
    blocks_from_lines,
    drop_running_heads,
    split_lines,
)
from .items import mark_items
from .kinds import finish
from .runs import drop_furniture_runs
from .types import ProposedPage


def split_page(*, text: str, place_names: Collection[str] = ()) -> ProposedPage:
    lines = split_lines(text=text)
    kept = drop_running_heads(lines)
    heads = [line for line in lines if line.text and line not in kept]
    blocks, dropped = drop_repeats(blocks=blocks_from_lines(lines=kept))
    roles = drop_furniture_runs(
        [
            classify(
                block=b,
                prev=blocks[i - 1] if i else None,
                next_=blocks[i + 1] if i + 1 < len(blocks) else None,
                place_names=place_names,
            )
            for i, b in enumerate(blocks)
        ]
    )
    roles = mark_items(roles, place_names=place_names)
    articles = assemble(roles=roles, place_names=place_names)
    for article in articles:
        finish(article)
    articles = [a for a in articles if a.sections]
    # everything the articles do not hold is recorded, so that nothing is lost silently
    dropped += [record(Block(lines=[line], gap_before=0, text=line.text), FURNITURE) for line in heads]
    dropped += record_leftovers(roles=roles, articles=articles)
    dropped.sort(key=lambda d: d["lines"][0])
    return ProposedPage(articles=articles, dropped=dropped)


def drop_repeats(*, blocks: list[Block]) -> tuple[list[Block], list[dict]]:
    """Drop paragraphs repeated verbatim on the page (and short furniture inside a repeated run)."""
    seen: set[str] = set()
    kept: list[Block] = []
    dropped: list[dict] = []
    in_run = False
    for block in blocks:
        key = re.sub(r"\s", "", block.text)
        repeat = key in seen and (len(key) >= 20 or in_run)
        if repeat:
            dropped.append(record(block, REPEAT))
        else:
            kept.append(block)
        in_run = repeat
        seen.add(key)
    return kept, dropped
