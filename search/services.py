"""Run a search against the Whoosh index and shape the answer for the view."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from haystack.constants import DJANGO_ID
from whoosh import query as wq
from whoosh import sorting
from whoosh.searching import Searcher

from .backend import get_backend
from .facets import FACETS, Facet
from .fieldnames import SNIPPET_SOURCE_FIELD
from .grouping import ExactValuesFacet
from .query import SearchParams, build_filter, build_text_query, highlight_terms
from .snippets import make_snippet


@dataclass
class Hit:
    section_id: int
    article_id: int
    score: float  # BM25F score for relevance order, 0.0 for date orders
    snippet: str  # SafeString: escaped text with <mark> around matches


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


def _date_order(*, newest: bool) -> sorting.MultiFacet:
    # has_date first (descending) puts undated sections last in both directions;
    # article and section order make ties stable.
    return sorting.MultiFacet(
        [
            sorting.FieldFacet("has_date", reverse=True),
            sorting.FieldFacet("date", reverse=newest),
            sorting.FieldFacet("article_id"),
            sorting.FieldFacet("order"),
        ]
    )


def _group_by(facets: list[Facet]) -> dict[str, sorting.FieldFacet]:
    # A section counts once for EACH of its cities/themes (overlapping groups).
    return {facet.param: ExactValuesFacet(facet.field) for facet in facets}


def _facet_values(facet: Facet, counts: Mapping[object, int], selected: tuple[str, ...]) -> list[FacetValue]:
    merged = {value: count for value, count in counts.items() if isinstance(value, str) and value}
    for value in selected:
        merged.setdefault(value, 0)  # a selection stays visible (and removable) at 0
    values = [
        FacetValue(value=value, label=facet.label_for(value), count=count, selected=value in selected)
        for value, count in merged.items()
    ]
    return sorted(values, key=lambda v: (-v.count, v.value))


def _facet_counts(
    searcher: Searcher, *, text_query: wq.Query, params: SearchParams, facet: Facet
) -> Mapping[object, int]:
    """Counts for one facet under the query and the OTHER facets' selections.

    Ignoring the facet's own selection is what lets a reader add a second city
    and still see how many sections each city has (disjunctive faceting).
    """
    others = build_filter(filters=params.filters, schema=searcher.schema, skip=facet.param)
    results = searcher.search(
        text_query,
        filter=others,
        limit=1,
        scored=False,
        groupedby=_group_by([facet]),
        maptype=sorting.Count,
    )
    return results.groups(facet.param)


def search_sections(*, params: SearchParams, using: str = "default") -> SearchResults:
    """One page of matching sections plus facet counts.

    Sorting: "relevance" (BM25F; newest first when there is no text to rank by),
    "newest"/"oldest" (undated sections last).  A page past the end returns no hits
    but the real count and num_pages.
    """
    index = get_backend(using=using).fresh_index()
    text_query = build_text_query(q=params.q, schema=index.schema)
    selected_filter = build_filter(filters=params.filters, schema=index.schema)
    sort = params.sort
    if sort == "relevance" and isinstance(text_query, wq.Every):
        sort = "newest"
    sortedby = None if sort == "relevance" else _date_order(newest=sort == "newest")
    offset = (params.page - 1) * params.per_page
    # Facets without a selection are counted under exactly the main search's
    # conditions, so they ride along with it; each selected facet needs its own pass.
    unselected = [facet for facet in FACETS if not params.filters.get(facet.param)]
    terms = highlight_terms(params=params)

    with index.searcher() as searcher:
        results = searcher.search(
            text_query,
            filter=selected_filter,
            limit=offset + params.per_page,
            sortedby=sortedby,
            groupedby=_group_by(unselected) or None,
            maptype=sorting.Count,
        )
        count = len(results)
        hits = [
            Hit(
                section_id=int(hit[DJANGO_ID]),
                article_id=int(hit.get("article_id") or 0),
                score=float(hit.score or 0.0) if sortedby is None else 0.0,
                snippet=make_snippet(text=hit.get(SNIPPET_SOURCE_FIELD) or "", terms=terms),
            )
            for hit in results[offset : offset + params.per_page]
        ]
        counts: dict[str, Mapping[object, int]] = {
            facet.param: results.groups(facet.param) for facet in unselected
        }
        for facet in FACETS:
            if facet.param not in counts:
                counts[facet.param] = _facet_counts(
                    searcher, text_query=text_query, params=params, facet=facet
                )

    facets = {
        facet.param: _facet_values(facet, counts[facet.param], params.filters.get(facet.param, ()))
        for facet in FACETS
    }
    return SearchResults(
        count=count,
        page=params.page,
        num_pages=max(1, math.ceil(count / params.per_page)),
        hits=hits,
        facets=facets,
    )
