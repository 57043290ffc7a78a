"""Links of a results page that change one thing and keep every other parameter.

Every link is built here from the request's own parameters (values URL-encoded by
``urlencode``), so pagination, facet toggles, chips, "clear all" and the sort switch can
never drop a filter. Values fixed by the page itself (a city page's city) are not part of
the query string and cannot be removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from search.facets import FACETS, FACETS_BY_PARAM
from search.query import DATE_PARAMS, SORT_LABELS, SORTS, SearchParams, describe_dates

PAGE_WINDOW = 2  # page numbers shown either side of the current one


@dataclass(frozen=True)
class Chip:
    facet_label: str
    label: str
    remove_url: str


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None is a gap ("…")
    url: str
    current: bool


def _query(pairs: Iterable[tuple[str, str]]) -> str:
    encoded = urlencode(list(pairs))
    return f"?{encoded}" if encoded else "?"


class Links:
    """URLs relative to the current page (``?…``) for one results page."""

    def __init__(self, pairs: list[tuple[str, str]], *, fixed: Mapping[str, str] | None = None) -> None:
        fixed = dict(fixed or {})
        # the page number is the one thing every link sets for itself
        self.pairs = [(k, v) for k, v in pairs if k != "page" and fixed.get(k) != v]
        self.fixed = fixed

    def page(self, number: int) -> str:
        return _query([*self.pairs, ("page", str(number))] if number > 1 else self.pairs)

    def toggle(self, param: str, value: str) -> str:
        if (param, value) in self.pairs:
            return self.remove(param, value)
        return _query([*self.pairs, (param, value)])

    def remove(self, param: str, value: str) -> str:
        return _query([(k, v) for k, v in self.pairs if (k, v) != (param, value)])

    def clear_filters(self) -> str:
        return self.without(*FACETS_BY_PARAM, *DATE_PARAMS)

    def without(self, *params: str) -> str:
        return _query([(k, v) for k, v in self.pairs if k not in params])

    def sort(self, sort: str) -> str:
        kept = [(k, v) for k, v in self.pairs if k != "sort"]
        return _query(kept if sort == "relevance" else [*kept, ("sort", sort)])

    def is_fixed(self, param: str, value: str) -> bool:
        return self.fixed.get(param) == value


def chips(links: Links, params: SearchParams) -> list[Chip]:
    """Selected facet values the reader can remove (not those the page fixes)."""
    found = []
    for facet in FACETS:
        for value in params.filters.get(facet.param, ()):
            if not links.is_fixed(facet.param, value):
                found.append(Chip(facet.label, facet.label_for(value), links.remove(facet.param, value)))
    if params.has_date_range:
        found.append(Chip("日期", describe_dates(params=params), links.without(*DATE_PARAMS)))
    return found


def sort_links(links: Links, current: str) -> list[tuple[str, str, bool]]:
    return [(SORT_LABELS[s], links.sort(s), s == current) for s in SORTS]


def page_links(links: Links, *, page: int, num_pages: int) -> list[PageLink]:
    """1 … 4 5 [6] 7 8 … 20: first, last and a window around the current page."""
    shown = {1, num_pages, *range(page - PAGE_WINDOW, page + PAGE_WINDOW + 1)}
    numbers = sorted(n for n in shown if 1 <= n <= num_pages)
    out: list[PageLink] = []
    for number in numbers:
        if out and out[-1].number is not None and number - out[-1].number > 1:
            out.append(PageLink(None, "", False))
        out.append(PageLink(number, links.page(number), number == page))
    return out


def search_pairs(params: SearchParams) -> list[tuple[str, str]]:
    """The search as canonical query parameters (for "back to results" and result links)."""
    pairs = [("q", params.q)] if params.q else []
    for facet in FACETS:
        pairs.extend((facet.param, value) for value in params.filters.get(facet.param, ()))
    for name, day in zip(DATE_PARAMS, (params.date_from, params.date_to), strict=True):
        if day is not None:
            pairs.append((name, day.isoformat()))
    if params.sort != "relevance":
        pairs.append(("sort", params.sort))
    return pairs


@dataclass(frozen=True)
class FacetOption:
    value: object  # search.services.FacetValue: value, label, count, selected
    url: str  # toggles the value; "" when the page fixes it
    fixed: bool


def facet_groups(links: Links, facet_values: Mapping[str, list], *, limit: int = 30) -> list:
    """(facet, options) per facet with values; selected values are always kept in the list."""
    groups = []
    for facet in FACETS:
        values = facet_values.get(facet.param, [])
        shown = [v for i, v in enumerate(values) if i < limit or v.selected]
        options = [
            FacetOption(
                v,
                "" if links.is_fixed(facet.param, v.value) else links.toggle(facet.param, v.value),
                links.is_fixed(facet.param, v.value),
            )
            for v in shown
        ]
        if options:
            groups.append((facet, options))
    return groups
