"""Run a search against the Whoosh index and shape the answer for the view."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
from haystack.constants import DJANGO_ID
from whoosh import query as wq
from whoosh.index import IndexError as WhooshIndexError

from . import docsets, engine
from .analysis import bigrams, normalise, words
from .backend import get_backend
from .facets import FACETS, Facet
from .fieldnames import CONTENT_FIELD, NGRAM_FIELD, SNIPPET_SOURCE_FIELD, WORD_FIELD_BOOSTS
from .query import SearchParams, build_date_filter, build_filter, build_text_query, highlight_terms
from .snippets import highlight, make_snippet


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


def _facet_values(facet: Facet, counts: Mapping[str, int], selected: tuple[str, ...]) -> list[FacetValue]:
    merged = {value: count for value, count in counts.items() if value}
    for value in selected:
        merged.setdefault(value, 0)  # a selection stays visible (and removable) at 0
    values = [
        FacetValue(value=value, label=facet.label_for(value), count=count, selected=value in selected)
        for value, count in merged.items()
    ]
    return sorted(values, key=lambda v: (-v.count, v.value))


SORT_COLUMNS = ("has_date", "date", "article_id", "order")  # the order they sort in


def _ordered(view: engine.View, found: engine.Matches, *, sort: str, limit: int) -> np.ndarray:
    if sort == "relevance" and found.scores is not None:
        return engine.top_by_score(found.mask, found.scores, limit=limit)
    # Dated sections first in both directions; article and section order make ties stable.
    has_date, date, article_id, order = (view.column(name) for name in SORT_COLUMNS)
    keys = [-has_date, -date if sort == "newest" else date, article_id, order]
    return engine.top_by_keys(found.mask, keys, limit=limit)


def warm_up(*, using: str = "default", tick: Callable[[], object] = lambda: None) -> None:
    """Read what every search needs -- facet tables, sort columns, lengths, word lists -- ahead of the first reader.

    A fresh worker reads them on its first searches: seconds at 1M sections, paid by
    whoever searches first after a start or a worker recycle.  Terms are still read on demand.
    ``tick`` is called after each step (gunicorn's heartbeat: a worker that stays silent
    for its timeout while warming up would be killed).
    """
    view = engine.current_view(get_backend(using=using).fresh_index())
    if not view.size:
        return
    for facet in FACETS:  # also the counts of browsing everything
        view.facet_counts(facet.field, view.live, everything=True)
        tick()
    for name in SORT_COLUMNS:
        view.column(name)
    for fieldname in (*(name for name, _ in WORD_FIELD_BOOSTS), NGRAM_FIELD):
        view.lengths(fieldname)
    tick()
    for part in view.parts:  # the word lists that partial words and suggestions scan
        for fieldname in (CONTENT_FIELD, NGRAM_FIELD):
            docsets.lexicon_words(part.data, part.reader, fieldname)
            tick()


TRANSIENT_RETRIES = 2  # a commit in another process can replace files while a search opens them


def search_sections(*, params: SearchParams, using: str = "default") -> SearchResults:
    """One page of matching sections plus facet counts (see _search_sections).

    A writer committing in another process deletes the previous generation's files; a search that
    opened the table of contents just before may then miss a segment file. That is retried with a
    fresh view; an index that is really gone still fails, and the caller answers 503.
    """
    for attempt in range(TRANSIENT_RETRIES + 1):
        try:
            return _search_sections(params=params, using=using)
        except (FileNotFoundError, WhooshIndexError):
            if attempt == TRANSIENT_RETRIES:
                raise
            engine.forget_views()
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _search_sections(*, params: SearchParams, using: str = "default") -> SearchResults:
    """One page of matching sections plus facet counts.

    Sorting: "relevance" (BM25F; newest first when there is no text to rank by),
    "newest"/"oldest" (undated sections last).  A page past the end returns no hits
    but the real count and num_pages.
    """
    index = get_backend(using=using).fresh_index()
    schema = index.schema
    text_query = build_text_query(q=params.q, schema=schema)
    sort = params.sort
    if sort == "relevance" and isinstance(text_query, wq.Every):
        sort = "newest"
    offset = (params.page - 1) * params.per_page
    terms = highlight_terms(params=params)

    view = engine.current_view(index)
    searcher = view.searcher
    text = engine.evaluate(view, text_query, scored=sort == "relevance")
    dates = build_date_filter(params=params)
    unfiltered = text.mask
    if dates is not None:
        # part of what is searched, not a facet: every facet counts within the chosen dates
        text = engine.Matches(text.mask & engine.evaluate(view, dates, scored=False).mask, text.scores)
    # One mask per facet's selection: the page needs all of them, and each
    # facet's counts need all but its own (disjunctive faceting: a reader
    # adding a second city still sees how many sections each city has).
    selections = {}
    for facet in FACETS:
        chosen = build_filter(filters={facet.param: params.filters.get(facet.param, ())}, schema=schema)
        if chosen is not None:
            selections[facet.param] = engine.evaluate(view, chosen, scored=False).mask
    matched = text.mask.copy()
    for mask in selections.values():
        matched &= mask
    found = engine.Matches(matched, text.scores)
    count = int(matched.sum())
    page_docs = _ordered(view, found, sort=sort, limit=offset + params.per_page)[offset:]
    hits = []
    for docnum in page_docs.tolist():
        stored = searcher.stored_fields(docnum)
        hits.append(
            Hit(
                section_id=int(stored[DJANGO_ID]),
                article_id=int(stored.get("article_id") or 0),
                score=float(text.scores[docnum]) if sort == "relevance" and text.scores is not None else 0.0,
                snippet=make_snippet(text=stored.get(SNIPPET_SOURCE_FIELD) or "", terms=terms),
                headline_html=highlight(text=stored.get("headline") or "", terms=terms),
                heading_html=highlight(text=stored.get("heading") or "", terms=terms),
            )
        )
    counts: dict[str, Mapping[str, int]] = {}
    # browsing everything: the same counts until the index changes, kept with the view
    browsing_all = isinstance(text_query, wq.Every) and not selections and dates is None
    for facet in FACETS:
        if facet.param in selections:
            mask = text.mask.copy()
            for param, other in selections.items():
                if param != facet.param:
                    mask &= other
        else:
            mask = matched
        counts[facet.param] = view.facet_counts(facet.field, mask, everything=browsing_all)

    count_without_filters, suggestions = None, []
    if count == 0:
        if selections or dates is not None:
            count_without_filters = int(unfiltered.sum())
        if params.q:
            suggestions = _nearest_words(view, params.q)

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
        count_without_filters=count_without_filters,
        suggestions=suggestions,
    )


MAX_SUGGESTIONS = 5


def _nearest_words(view: engine.View, q: str) -> list[str]:
    """Indexed words sharing the most character pairs with the query (most frequent first)."""
    asked = set(bigrams(q)) or set(normalise(q).split())
    scored: dict[str, int] = {}
    for gram in asked:
        if len(gram) < 2:
            continue
        for word in view.words_containing(CONTENT_FIELD, gram):
            scored[word] = scored.get(word, 0) + 1
    if not scored:
        return []
    best = sorted(scored, key=lambda w: -scored[w])[:50]
    ranked = sorted(best, key=lambda w: (-scored[w], -len(view.postings(CONTENT_FIELD, w)[0]), w))
    return ranked[:MAX_SUGGESTIONS]


RELATED_TERMS = 12  # the section's most distinctive words that make up the "more like this" query


def related_sections(*, section_id: int, limit: int = 5, using: str = "default") -> list[int]:
    """Sections most like this one (BM25F over its most distinctive words), other articles first.

    Sections of the same article are left out: the article page shows them anyway.
    An unknown or unindexed section has no related sections.
    """
    from archive.models import Section

    section = Section.objects.filter(pk=section_id).select_related("article").first()
    if section is None:
        return []
    index = get_backend(using=using).fresh_index()
    view = engine.current_view(index)
    searcher = view.searcher
    text = "\n".join(p for p in (section.article.headline, section.heading, section.text) if p)
    counts: dict[str, int] = {}
    for word in words(text):
        if len(word) > 1 or not word.isascii():
            counts[word] = counts.get(word, 0) + 1
    size = max(view.size, 1)

    def weight(word: str) -> float:
        df = len(view.postings(CONTENT_FIELD, word)[0])
        return counts[word] * math.log(size / (df + 1)) if df else 0.0

    chosen = sorted(counts, key=lambda w: (-weight(w), w))[:RELATED_TERMS]
    chosen = [w for w in chosen if weight(w) > 0]
    if not chosen:
        return []
    query = wq.Or([wq.Term(CONTENT_FIELD, w) for w in chosen])
    found = engine.evaluate(view, query, scored=True)
    ids: list[int] = []
    for docnum in engine.top_by_score(found.mask, found.scores, limit=limit * 4).tolist():
        stored = searcher.stored_fields(docnum)
        pk = int(stored[DJANGO_ID])
        if pk != section_id and int(stored.get("article_id") or 0) != section.article_id:
            ids.append(pk)
        if len(ids) == limit:
            break
    return ids
