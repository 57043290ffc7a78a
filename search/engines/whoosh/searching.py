"""Reading the Whoosh index: a search, related sections, near words, warming up -- over a ``View``.

A search evaluates the archive's query tree (compiled by ``compile``) with the numpy
evaluator, then orders, pages, counts facets and cuts snippets.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from haystack.constants import DJANGO_ID
from whoosh import query as wq

from archive.models import Section
from search.analysis import bigrams, normalise, words
from search.facets import FACETS
from search.fieldnames import CONTENT_FIELD, NGRAM_FIELD, SNIPPET_SOURCE_FIELD, WORD_FIELD_BOOSTS
from search.querytree import SearchQuery
from search.results import Hit, SearchResults, facet_values
from search.snippets import highlight, make_snippet

from . import docsets
from .compile import compile_node
from .evaluate import Matches, evaluate, top_by_keys, top_by_score
from .view import View

SORT_COLUMNS = ("has_date", "date", "article_id", "order")  # the order they sort in
MAX_SUGGESTIONS = 5
RELATED_TERMS = 12  # the section's most distinctive words that make up the "more like this" query


def run_search(view: View, query: SearchQuery) -> SearchResults:
    """One page of matching sections plus facet counts (see search.services.search)."""
    text = evaluate(view, compile_node(query.text), scored=query.sort == "relevance")
    unfiltered = text.mask
    if query.dates is not None:
        # part of what is searched, not a facet: every facet counts within the chosen dates
        dates = evaluate(view, compile_node(query.dates), scored=False)
        text = Matches(text.mask & dates.mask, text.scores)
    # One mask per facet's selection: the page needs all of them, and each
    # facet's counts need all but its own (disjunctive faceting).
    selections = {
        facet.param: evaluate(view, compile_node(facet.node), scored=False).mask
        for facet in query.selected
        if facet.node is not None
    }
    matched = text.mask.copy()
    for mask in selections.values():
        matched &= mask
    count = int(matched.sum())
    count_without_filters, suggestions = None, []
    if count == 0:
        if selections or query.dates is not None:
            count_without_filters = int(unfiltered.sum())
        if query.typed:
            suggestions = nearest_words(view, query.typed)
    return SearchResults(
        count=count,
        page=query.page,
        num_pages=max(1, math.ceil(count / query.per_page)),
        hits=_hits(view, query, Matches(matched, text.scores)),
        facets=_facets(view, query, text.mask, matched, selections),
        count_without_filters=count_without_filters,
        suggestions=suggestions,
    )


def _ordered(view: View, found: Matches, *, sort: str, limit: int) -> np.ndarray:
    if sort == "relevance" and found.scores is not None:
        return top_by_score(found.mask, found.scores, limit=limit)
    # Dated sections first in both directions; article and section order make ties stable.
    has_date, date, article_id, order = (view.column(name) for name in SORT_COLUMNS)
    keys = [-has_date, -date if sort == "newest" else date, article_id, order]
    return top_by_keys(found.mask, keys, limit=limit)


def _hits(view: View, query: SearchQuery, found: Matches) -> list[Hit]:
    offset = (query.page - 1) * query.per_page
    page_docs = _ordered(view, found, sort=query.sort, limit=offset + query.per_page)[offset:]
    scores = found.scores if query.sort == "relevance" else None
    terms = query.highlight
    hits = []
    for docnum in page_docs.tolist():
        stored = view.searcher.stored_fields(docnum)
        hits.append(
            Hit(
                section_id=int(stored[DJANGO_ID]),
                article_id=int(stored.get("article_id") or 0),
                score=float(scores[docnum]) if scores is not None else 0.0,
                snippet=make_snippet(text=stored.get(SNIPPET_SOURCE_FIELD) or "", terms=terms),
                headline_html=highlight(text=stored.get("headline") or "", terms=terms),
                heading_html=highlight(text=stored.get("heading") or "", terms=terms),
            )
        )
    return hits


def _facets(
    view: View, query: SearchQuery, text: np.ndarray, matched: np.ndarray, selections: dict[str, np.ndarray]
) -> dict:
    facets = {}
    for facet in query.facets:
        if facet.param in selections:
            mask = text.copy()
            for param, other in selections.items():
                if param != facet.param:
                    mask &= other
        else:
            mask = matched
        # browsing everything: the same counts until the index changes, kept with the view
        counts = view.facet_counts(facet.field, mask, everything=query.browses_everything)
        facets[facet.param] = facet_values(selection=facet, counts=counts)
    return facets


def nearest_words(view: View, typed: str) -> list[str]:
    """Indexed words sharing the most character pairs with the query (most frequent first)."""
    asked = set(bigrams(typed)) or set(normalise(typed).split())
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


def related_sections(view: View, section: Section, *, limit: int) -> list[int]:
    """Sections most like this one (BM25F over its most distinctive words), other articles first."""
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
    found = evaluate(view, wq.Or([wq.Term(CONTENT_FIELD, w) for w in chosen]), scored=True)
    assert found.scores is not None  # scored=True
    ids: list[int] = []
    for docnum in top_by_score(found.mask, found.scores, limit=limit * 4).tolist():
        stored = view.searcher.stored_fields(docnum)
        pk = int(stored[DJANGO_ID])
        if pk != section.pk and int(stored.get("article_id") or 0) != section.article_id:
            ids.append(pk)
        if len(ids) == limit:
            break
    return ids


def warm_up_view(view: View, *, tick: Callable[[], object]) -> None:
    """Read facet tables, sort columns, lengths and word lists: seconds at 1M sections, paid
    otherwise by whoever searches first after a start or a worker recycle.  Terms are still
    read on demand."""
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
