"""What a search answers, whichever engine ran it: the page of hits, facet counts, help when empty."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .facets import FACETS_BY_PARAM
from .querytree import FacetSelection


@dataclass
class Hit:
    section_id: int
    article_id: int
    score: float  # BM25F score for relevance order, 0.0 for date orders
    snippet: str  # SafeString: escaped text with <mark> around matches
    # The article's headline and the section's heading, whole, escaped, matches marked
    # (SafeStrings; "" when there is none).
    headline_html: str = ""
    heading_html: str = ""


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    count: int
    page: int
    num_pages: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # Only filled when nothing matched: how many the text alone would find (so the
    # page can offer to drop the filters) and indexed words close to the query.
    count_without_filters: int | None = None
    suggestions: list[str] = field(default_factory=list)


def facet_values(*, selection: FacetSelection, counts: Mapping[str, int]) -> list[FacetValue]:
    """One facet's values for the page: most sections first, selected values always shown."""
    facet = FACETS_BY_PARAM[selection.param]
    merged = {value: count for value, count in counts.items() if value}
    for value in selection.values:
        merged.setdefault(value, 0)  # a selection stays visible (and removable) at 0
    values = [
        FacetValue(value=value, label=facet.label_for(value), count=count, selected=value in selection.values)
        for value, count in merged.items()
    ]
    return sorted(values, key=lambda v: (-v.count, v.value))
