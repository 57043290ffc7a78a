"""Split a cleaned page into articles and sections: blocks (clean) → roles (classify, runs) →
articles (assemble) → kinds (kinds).

The rules are typographic and generic, never a phrase of a particular page.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from .assemble import assemble
from .classify import classify
from .clean import (
    Block,
    blocks_from_lines,
    drop_running_heads,
    split_lines,
)
from .kinds import finish
from .runs import drop_furniture_runs
from .types import ProposedPage


def split_page(*, text: str, place_names: Collection[str] = ()) -> ProposedPage:
    blocks = blocks_from_lines(lines=drop_running_heads(split_lines(text=text)))
    blocks, dropped = drop_repeats(blocks=blocks)
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
    articles = assemble(roles=roles, place_names=place_names)
    for article in articles:
        finish(article)
    return ProposedPage(articles=[a for a in articles if a.sections], dropped=dropped)


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
            dropped.append({"lines": [block.first_no, block.last_no], "text": block.text})
        else:
            kept.append(block)
        in_run = repeat
        seen.add(key)
    return kept, dropped
