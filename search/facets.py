"""The facets offered on the search page, declared once.

Views and the query builder read URL parameters, the Whoosh backend makes the fields exact
(unanalysed) and the engine counts values -- all from this one table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


def _as_is(value: str) -> str:
    return value


def _year(value: str) -> str:
    return f"{value}年"


@dataclass(frozen=True)
class Facet:
    param: str  # URL query parameter, e.g. ?city=包头市&city=赤峰市
    field: str  # index field holding exact values
    label: str  # heading shown to readers
    value_label: Callable[[str], str] = _as_is  # how one value is shown

    def label_for(self, value: str) -> str:
        return self.value_label(value)


FACETS: tuple[Facet, ...] = (
    Facet(param="city", field="city", label="城市"),
    Facet(param="theme", field="theme", label="主题"),
    Facet(param="publication", field="publication", label="报纸"),
    Facet(param="year", field="year", label="年份", value_label=_year),
)

FACETS_BY_PARAM: dict[str, Facet] = {facet.param: facet for facet in FACETS}
FACET_FIELDS: frozenset[str] = frozenset(facet.field for facet in FACETS)
