"""Reader input → validated parameters → one engine-neutral query (search.querytree).

Nothing here touches an index or an engine.  The user's text is never handed to an
engine's query parser: it is scanned by a tiny grammar of our own and turned into a
tree of plain data, so engine syntax in the input ("title:", "AND", "(", "*",
"[a TO") is just text.

Query language (the search box's help line on the home page says the same):
    绿色 算力          both terms (AND)
    "绿色 算力"        a phrase: the words next to each other (also “…” 「…」 『…』)
    包头 OR 赤峰       either term (OR binds tighter than AND; "|" works too)
    -鄂尔多斯          exclude sections matching the term (also -"a phrase")
A term matches a section if its jieba words occur as a phrase in a word field, or
its character bigrams occur as a phrase in the n-gram field (a part of a word).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from .analysis import bigrams, is_cjk, is_word_char, words
from .facets import FACETS, FACETS_BY_PARAM
from .fieldnames import NGRAM_BOOST, NGRAM_FIELD, WORD_FIELD_BOOSTS
from .querytree import (
    AllOf,
    AnyOf,
    Contains,
    DateRange,
    Everything,
    Exact,
    Exclude,
    FacetSelection,
    Node,
    Phrase,
    SearchQuery,
    Term,
)

MAX_QUERY_LENGTH = 200
MAX_CLAUSES = 32  # bounds the work one request can ask for
MAX_PAGE = 1000
MAX_FILTER_VALUES = 20
MAX_FILTER_VALUE_LENGTH = 100
DEFAULT_PER_PAGE = 20
SORTS = ("relevance", "newest", "oldest")
SORT_LABELS = {"relevance": "相关度", "newest": "最新在前", "oldest": "最早在前"}
DATE_PARAMS = ("date_from", "date_to")  # a range of publication dates, either end open
DATE_FIELD = "date"
# 2025, 2025-08, 2025-08-07 (also 2025/8/7, 2025.8, 2025年8月7日)
_DATE = re.compile(r"(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?)?年?")

# Opening quote → the characters that may close it.  Chinese input methods give
# “…”; people also type straight quotes or close “ with ".
_QUOTES = {'"': '"”“', "“": '”"“', "”": '”"“', "「": "」", "『": "』"}
_OR_WORDS = ("OR", "|")


class BadQuery(ValueError):
    """Parameters that cannot be searched; ``message`` is shown to the reader (HTTP 400)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SearchParams:
    q: str
    filters: dict[str, tuple[str, ...]]  # facet param → selected values
    sort: str  # one of SORTS
    page: int
    per_page: int
    date_from: dt.date | None = None  # inclusive
    date_to: dt.date | None = None  # inclusive

    @property
    def has_date_range(self) -> bool:
        return self.date_from is not None or self.date_to is not None


@dataclass(frozen=True)
class Clause:
    text: str
    phrase: bool


@dataclass(frozen=True)
class ParsedQuery:
    groups: tuple[tuple[Clause, ...], ...]  # AND of groups, OR inside a group
    excluded: tuple[Clause, ...]

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.excluded


# --------------------------------------------------------------------------- parameters


def clean_text(value: str) -> str:
    """Make arbitrary request text safe to process: no NULs/controls, no lone surrogates.

    Lone surrogates cannot be encoded as UTF-8 (whoosh terms are UTF-8 bytes) and
    NULs upset more than one library, so both become spaces.  Whitespace runs
    collapse to one space.
    """
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in value)
    return " ".join(cleaned.split())


def _values(data: Mapping[str, Any], key: str) -> list[str]:
    getlist = getattr(data, "getlist", None)
    raw = getlist(key) if callable(getlist) else data.get(key, [])
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    return [item for item in raw if isinstance(item, str)]


def _parse_page(raw: list[str]) -> int:
    text = raw[0].strip() if raw else ""
    if not text:
        return 1
    try:
        page = int(text[:12])  # int() of a 10k-digit string is slow or refused
    except ValueError:
        raise BadQuery("页码必须是正整数。") from None
    if len(text) > 12 or page < 1 or page > MAX_PAGE:
        raise BadQuery(f"页码必须在 1 到 {MAX_PAGE} 之间。")
    return page


def parse_date(text: str, *, end: bool = False) -> dt.date | None:
    """A year, month or day as its first day (its last with ``end``); None when empty.

    Raises ``BadQuery`` for anything else: a mistyped date must not silently widen the search."""
    text = unicodedata.normalize("NFKC", clean_text(text[:40]))
    if not text:
        return None
    match = _DATE.fullmatch(text)
    if match is None:
        raise BadQuery("日期应写作 2025、2025-08 或 2025-08-07。")
    year = int(match[1])
    month, day = (int(g) if g else None for g in match.groups()[1:])
    try:
        if month is None:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        if day is None:
            return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return dt.date(year, month, day)
    except ValueError:
        raise BadQuery(f"日期有误：没有 {text} 这一天。") from None


def _parse_date_range(data: Mapping[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    start_values, end_values = (_values(data, name) for name in DATE_PARAMS)
    start = parse_date(start_values[0]) if start_values else None
    end = parse_date(end_values[0], end=True) if end_values else None
    if start and end and start > end:
        raise BadQuery("起始日期晚于截止日期。")
    return start, end


def parse_params(*, data: Mapping[str, Any], per_page: int | None = None) -> SearchParams:
    """Read search parameters from a QueryDict (or a dict of lists / strings).

    Lenient where a reader can only have made a harmless mistake: ``q`` is cleaned
    and cut to 200 characters, unknown parameters and sorts are ignored, empty and
    repeated filter values are dropped.  Strict about the page: a page that is not a
    number from 1 to 1000 raises ``BadQuery`` (the view answers 400 with its
    message); a page past the last result is valid and simply empty.  So does a
    date that is not a year, month or day, and a range that ends before it starts.
    ``per_page`` defaults to settings.SEARCH_PAGE_SIZE.
    """
    q_values = _values(data, "q")
    # Cut before cleaning so a huge parameter costs nothing; cut again after.
    q = clean_text(q_values[0][: MAX_QUERY_LENGTH * 4]) if q_values else ""
    q = q[:MAX_QUERY_LENGTH].strip()

    filters: dict[str, tuple[str, ...]] = {}
    for facet in FACETS:
        chosen: dict[str, None] = {}
        for raw in _values(data, facet.param):
            value = clean_text(raw[: MAX_FILTER_VALUE_LENGTH * 4])
            if value and len(value) <= MAX_FILTER_VALUE_LENGTH:
                chosen.setdefault(value, None)
        if chosen:
            filters[facet.param] = tuple(chosen)[:MAX_FILTER_VALUES]

    sort_values = _values(data, "sort")
    sort = sort_values[0].strip() if sort_values else ""
    if sort not in SORTS:
        sort = "relevance"

    if per_page is None:
        per_page = _default_per_page()
    date_from, date_to = _parse_date_range(data)
    return SearchParams(
        q=q,
        filters=filters,
        sort=sort,
        page=_parse_page(_values(data, "page")),
        per_page=per_page,
        date_from=date_from,
        date_to=date_to,
    )


def _default_per_page() -> int:
    try:
        return int(getattr(settings, "SEARCH_PAGE_SIZE", DEFAULT_PER_PAGE))
    except Exception:  # settings not configured (plain unit use)
        return DEFAULT_PER_PAGE


# --------------------------------------------------------------------------- query text


def _searchable(text: str) -> bool:
    return any(is_word_char(ch) for ch in text)


_Item = Clause | str | tuple[Clause]  # a clause, "OR", or an excluded clause (a 1-tuple)


def _read_clause(text: str, i: int) -> tuple[Clause, int]:
    """The clause starting at ``text[i]`` (a quoted phrase or a bare word) and where it ends."""
    n = len(text)
    if text[i] in _QUOTES:
        closers = _QUOTES[text[i]]
        end = i + 1
        while end < n and text[end] not in closers:
            end += 1
        return Clause(text[i + 1 : end], phrase=True), end + 1  # an unclosed quote runs to the end
    end = i
    while end < n and not text[end].isspace() and text[end] not in _QUOTES:
        end += 1
    return Clause(text[i:end], phrase=False), end


def _scan(text: str) -> list[_Item]:
    items: list[_Item] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = text[i] == "-" and i + 1 < n and not text[i + 1].isspace()
        if negated:
            i += 1
        clause, i = _read_clause(text, i)
        if not negated and not clause.phrase and clause.text in _OR_WORDS:
            items.append("OR")
        elif _searchable(clause.text):
            items.append((clause,) if negated else clause)
    return items


def parse_query_text(*, q: str) -> ParsedQuery:
    """Split the reader's text into OR-groups of clauses and excluded clauses."""
    # NFKC so full-width quotes, minus and spaces ("＂", "－", "　") act as syntax.
    items = _scan(unicodedata.normalize("NFKC", clean_text(q)))
    groups: list[list[Clause]] = []
    excluded: list[Clause] = []
    join_next = False
    for item in items:
        if item == "OR":
            join_next = bool(groups)  # a leading or doubled OR means nothing
        elif isinstance(item, tuple):
            excluded.append(item[0])
            join_next = False
        elif isinstance(item, Clause):
            if join_next:
                groups[-1].append(item)
            else:
                groups.append([item])
            join_next = False
        if sum(map(len, groups)) + len(excluded) >= MAX_CLAUSES:
            break
    return ParsedQuery(tuple(tuple(g) for g in groups), tuple(excluded))


def _sequence(field: str, terms: Sequence[str], boost: float) -> Node:
    if len(terms) == 1:
        return Term(field, terms[0], boost)
    return Phrase(field, tuple(terms), boost)


def clause_node(*, clause: Clause) -> Node | None:
    """Whole words in the word fields OR a bigram phrase in the n-gram field.

    The clause is cut by the same analysis as the indexed text (search.analysis)."""
    alternatives: list[Node] = []
    found_words = words(clause.text)
    if found_words:
        alternatives.extend(_sequence(field, found_words, boost) for field, boost in WORD_FIELD_BOOSTS)
    grams = bigrams(clause.text)
    if grams:
        alternatives.append(_sequence(NGRAM_FIELD, grams, NGRAM_BOOST))
        if len(grams) == 1 and len(grams[0]) == 1 and is_cjk(grams[0]):
            # One character has no bigram of its own: find every bigram holding it.
            alternatives.append(Contains(NGRAM_FIELD, grams[0], NGRAM_BOOST))
    return _any_of(alternatives)


def _all_of(nodes: list[Node]) -> Node:
    return nodes[0] if len(nodes) == 1 else AllOf(tuple(nodes))


def _any_of(nodes: list[Node]) -> Node | None:
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else AnyOf(tuple(nodes))


def build_text(*, q: str) -> Node:
    """The tree for the reader's text alone; Everything when nothing is searchable."""
    parsed = parse_query_text(q=q)
    required = []
    for group in parsed.groups:
        either = _any_of([node for node in (clause_node(clause=cl) for cl in group) if node])
        if either is not None:
            required.append(either)
    base = _all_of(required) if required else Everything()
    unwanted = _any_of([node for node in (clause_node(clause=cl) for cl in parsed.excluded) if node])
    if unwanted is not None:
        base = Exclude(base, unwanted)
    return base


def build_facets(*, filters: Mapping[str, Sequence[str]]) -> tuple[FacetSelection, ...]:
    """Every facet with its selected values: OR within a facet (facets are ANDed by the search)."""
    selections = []
    for facet in FACETS:
        values = tuple(filters.get(facet.param, ()))
        node = _any_of([Exact(facet.field, value) for value in values])
        selections.append(FacetSelection(param=facet.param, field=facet.field, values=values, node=node))
    return tuple(selections)


def build_dates(*, params: SearchParams) -> DateRange | None:
    """Sections published within the chosen dates (undated sections fall outside any range)."""
    if not params.has_date_range:
        return None
    return DateRange(DATE_FIELD, params.date_from, params.date_to)


def build_query(*, params: SearchParams) -> SearchQuery:
    """The whole search as one engine-neutral tree; needs no index and no schema.

    Sorting by relevance without any text to rank by is newest first."""
    text = build_text(q=params.q)
    sort = "newest" if params.sort == "relevance" and isinstance(text, Everything) else params.sort
    return SearchQuery(
        text=text,
        facets=build_facets(filters=params.filters),
        dates=build_dates(params=params),
        sort=sort,
        page=params.page,
        per_page=params.per_page,
        highlight=highlight_terms(params=params),
        typed=params.q,
    )


def highlight_terms(*, params: SearchParams) -> tuple[str, ...]:
    """The positive terms of the query, for marking matches in snippets."""
    parsed = parse_query_text(q=params.q)
    return tuple(clause.text for group in parsed.groups for clause in group)


def describe(*, params: SearchParams) -> str:
    """The search read back in words (plain text; the template escapes it)."""
    parts = [f"搜索“{params.q}”" if params.q else "全部段落"]
    for param, values in params.filters.items():
        facet = FACETS_BY_PARAM.get(param)
        if facet is not None and values:
            parts.append(f"{facet.label}：" + "或".join(facet.label_for(v) for v in values))
    if params.has_date_range:
        parts.append(f"日期：{describe_dates(params=params)}")
    if params.sort != "relevance":
        parts.append(f"排序：{SORT_LABELS[params.sort]}")
    return "，".join(parts)


def describe_dates(*, params: SearchParams) -> str:
    start = params.date_from.isoformat() if params.date_from else ""
    end = params.date_to.isoformat() if params.date_to else ""
    if start and end:
        return start if start == end else f"{start} 至 {end}"
    return f"{start} 起" if start else f"至 {end}"
