"""An article as read after a search: its sections with the searched words marked, the
neighbouring results, and sections elsewhere in the archive like this one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from archive.models import Article, Section
from search import services
from search.analysis import normalise_with_offsets
from search.query import BadQuery, SearchParams, highlight_terms, parse_params
from search.snippets import match_spans

from .links import search_pairs

RELATED_LIMIT = 5
RELATED_SOURCES = 2  # the longest body sections whose "more like this" make up the list


def marked(text: str, terms: Sequence[str]) -> SafeString:
    """The whole text, escaped, with every match of the terms in <mark>."""
    if not terms:
        return escape(text)
    norm = normalise_with_offsets(text)
    out, cursor = [], 0
    for start, end in (norm.original_span(s, e) for s, e in match_spans(norm, terms)):
        start = max(start, cursor)
        if start >= end:
            continue
        out.append(escape(text[cursor:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))


@dataclass(frozen=True)
class SectionView:
    section: Section
    heading: SafeString
    paragraphs: list[SafeString]
    matched: bool


def section_views(article: Article, terms: Sequence[str]) -> list[SectionView]:
    views = []
    for section in article.sections.all():
        heading = marked(section.heading, terms)
        paragraphs = [marked(p, terms) for p in section.paragraphs]
        matched = any("<mark>" in part for part in (heading, *paragraphs))
        views.append(SectionView(section, heading, paragraphs, matched))
    return views


@dataclass(frozen=True)
class Neighbour:
    section: Section
    url: str


@dataclass(frozen=True)
class Trail:
    """Where the reader came from: the search, this result's rank and its neighbours."""

    params: SearchParams
    terms: tuple[str, ...]
    back_url: str  # query string of the search results
    rank: int | None
    count: int
    previous: Neighbour | None
    next: Neighbour | None


def _rank(raw: str | None) -> int | None:
    if raw and raw.isdigit() and 0 < len(raw) < 7:
        return int(raw)
    return None


def trail(data: QueryDict) -> Trail | None:
    """The search an article was opened from (``?from=<search query>&n=<rank>``, or just ``?q=``)."""
    origin = data.get("from")
    source = QueryDict(origin) if origin is not None else data
    if origin is None and not data.get("q"):
        return None
    try:
        params = parse_params(data=source, per_page=1)
    except BadQuery:
        return None
    back = urlencode(search_pairs(params))
    rank = _rank(data.get("n")) if origin is not None else None
    previous = following = None
    count = 0
    if rank is not None:
        count = services.search(params=replace(params, page=rank)).count if rank else 0
        if rank > 1:
            previous = _neighbour(params, rank - 1, back)
        if rank < count:
            following = _neighbour(params, rank + 1, back)
    return Trail(params, highlight_terms(params=params), back, rank, count, previous, following)


def _neighbour(params: SearchParams, rank: int, back: str) -> Neighbour | None:
    results = services.search(params=replace(params, page=rank))
    if not results.hits:
        return None
    section = (
        Section.objects.select_related("article__page__publication")
        .filter(pk=results.hits[0].section_id)
        .first()
    )
    if section is None:
        return None
    query = urlencode({"from": back, "n": rank})
    return Neighbour(section, f"{section.article.get_absolute_url()}?{query}#{section.anchor}")


def related(article: Article) -> list[Section]:
    """Sections of other articles most like this article's longest sections."""
    bodies = sorted(
        (s for s in article.sections.all() if s.kind == Section.Kind.BODY), key=lambda s: -len(s.text)
    )
    ids: list[int] = []
    for section in bodies[:RELATED_SOURCES]:
        for pk in services.related(section_id=section.pk, limit=RELATED_LIMIT):
            if pk not in ids:
                ids.append(pk)
    found = Section.objects.filter(pk__in=ids).select_related("article__page__publication")
    by_id = {s.pk: s for s in found}
    return [by_id[pk] for pk in ids if pk in by_id][:RELATED_LIMIT]
