"""A search as plain data: what to find, not how an engine finds it.

``search.query.build_query`` turns the reader's parameters into a ``SearchQuery``;
every engine evaluates this same tree (the Whoosh engine compiles it to its own
query objects, search.engines.whoosh.compile).  Field names are the index's
(search.fieldnames, search.facets); terms are already analysed by search.analysis,
exactly as the indexed text was, so an engine looks them up as they are.

Scoring is the engine's, with the boosts given here: a node's score is the sum of its
matching children's (AnyOf, AllOf), an excluded part scores nothing, and the
filters (Exact, DateRange) never change a score.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Everything:
    """Every section (a search without searchable text)."""


@dataclass(frozen=True)
class Term:
    """One analysed term in a field."""

    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Phrase:
    """Analysed terms at consecutive positions of a field."""

    field: str
    terms: tuple[str, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class Contains:
    """Any term of the field containing ``char``: one character has no bigram of its own."""

    field: str
    char: str
    boost: float = 1.0


@dataclass(frozen=True)
class AnyOf:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class AllOf:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Exclude:
    """``base`` without what ``excluded`` matches."""

    base: Node
    excluded: Node


@dataclass(frozen=True)
class Exact:
    """An exact (unanalysed) value of a facet field; filters, never scores."""

    field: str
    value: str


@dataclass(frozen=True)
class DateRange:
    """Sections dated from ``start`` to ``end``, both days included, either end open.

    An undated section falls outside every range."""

    field: str
    start: dt.date | None
    end: dt.date | None


Node = Everything | Term | Phrase | Contains | AnyOf | AllOf | Exclude | Exact | DateRange


@dataclass(frozen=True)
class FacetSelection:
    """One facet of the search page with the values the reader selected (OR within the facet)."""

    param: str  # URL parameter
    field: str  # index field
    values: tuple[str, ...]
    node: Node | None  # None: nothing selected


@dataclass(frozen=True)
class SearchQuery:
    """The whole search: text AND dates AND every facet's selection; then one page in ``sort`` order.

    The counts of a facet leave out that facet's own selection (disjunctive faceting:
    a reader adding a second city still sees how many sections each city has)."""

    text: Node  # Everything when nothing in the text is searchable
    facets: tuple[FacetSelection, ...]  # every facet, in search.facets.FACETS order
    dates: DateRange | None
    sort: str  # "relevance" (BM25F), "newest" or "oldest"; never relevance without text
    page: int
    per_page: int
    highlight: tuple[str, ...]  # the positive terms as typed, for marking matches
    typed: str  # the reader's text: near words are suggested from it when nothing matched

    @property
    def selected(self) -> tuple[FacetSelection, ...]:
        return tuple(facet for facet in self.facets if facet.node is not None)

    @property
    def browses_everything(self) -> bool:
        """No text, no dates, no selection: every section (whose counts an engine may keep)."""
        return isinstance(self.text, Everything) and self.dates is None and not self.selected
