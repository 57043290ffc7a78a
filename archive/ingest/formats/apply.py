"""What an extractor found, put on the proposed page: only where the text left a field empty, and
each article's region matched to it by its headline."""

from __future__ import annotations

import re

from ..types import ProposedPage
from .extracted import Extracted, Region

_NOISE = re.compile(r"[\s\u3000·•“”\"'‘’「」《》〈〉:：,，、.。!！?？—\-]")


def apply_extracted(*, page: ProposedPage, extracted: Extracted) -> None:
    page.media_type = extracted.media_type
    page.source_url = page.source_url or extracted.source_url
    page.publication = page.publication or extracted.publication
    page.label = page.label or extracted.label
    if not page.date and extracted.date:
        page.date, page.date_inferred = extracted.date, extracted.date_inferred
    _place_regions(page=page, regions=extracted.regions)


def _place_regions(*, page: ProposedPage, regions: list[Region]) -> None:
    left = list(regions)
    for article in page.articles:
        key = _key(article.headline)
        if not key:
            continue
        match = next((r for r in left if _same(key, _key(r.headline))), None)
        if match is not None:
            article.region = [round(v, 4) for v in match.box]
            left.remove(match)


def _key(text: str) -> str:
    return _NOISE.sub("", text)


def _same(a: str, b: str) -> bool:
    # the splitter may join a kicker to the headline or keep a printed line break: containment counts
    return bool(a and b) and (a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a)))
