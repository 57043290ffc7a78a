"""Evaluate Whoosh query objects (compiled from the neutral tree, see compile) with numpy arrays.

The archive's query (search.querytree) is compiled to Whoosh query objects; this
module executes them over the arrays of ``docsets`` instead of Whoosh's
per-document matchers.  Every node yields a boolean mask over the index's document
numbers and, when ranking, a BM25F score per document (the same formula and
constants as Whoosh's BM25F; field boosts come from the query).  Queries of a kind
not handled here fall back to Whoosh for the matching set.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
from whoosh import query as wq

from search.analysis import is_cjk
from search.fieldnames import CONTENT_FIELD, NGRAM_FIELD

from . import docsets
from .view import View

K1, B = 1.2, 0.75  # Whoosh's BM25F defaults
PREFIX_WEIGHT = 0.5  # per-document score of a single-character (prefix/contains) match, before boost


# --------------------------------------------------------------------------- evaluation


@dataclass
class Matches:
    mask: np.ndarray  # bool per document
    scores: np.ndarray | None  # float32 per document (None when not ranking)


def _bm25(view: View, fieldname: str, ids: np.ndarray, weights: np.ndarray, boost: float) -> np.ndarray:
    idf = math.log(max(view.size, 1) / (len(ids) + 1)) + 1.0
    norm = K1 * ((1 - B) + B * view.lengths(fieldname)[ids] / view.avg_length(fieldname))
    return (boost * idf * weights * (K1 + 1) / (weights + norm)).astype(np.float32)


def _term(view: View, fieldname: str, text: str, boost: float, scored: bool) -> Matches:
    ids, weights = view.postings(fieldname, text)
    mask = view.docnum_mask(ids)
    scores = None
    if scored:
        scores = np.zeros(view.size, dtype=np.float32)
        if len(ids):
            scores[ids] = _bm25(view, fieldname, ids, weights, boost)
    return Matches(mask, scores)


def _chained_bigrams(words: list[str]) -> str | None:
    """ "尔多", "多斯" → "尔多斯": the CJK text a bigram phrase stands for, if it is one."""
    if not all(len(w) == 2 and is_cjk(w[0]) and is_cjk(w[1]) for w in words):
        return None
    if any(a[1] != b[0] for a, b in itertools.pairwise(words)):
        return None
    return words[0] + "".join(w[1] for w in words[1:])


def _phrase(view: View, q: wq.Phrase, scored: bool) -> Matches:
    words = list(q.words)
    fieldname = q.fieldname
    postings = [view.postings(fieldname, w) for w in words]
    # Set operations through a document mask: linear, where sorting (intersect1d,
    # unique, setdiff1d) costs tens of ms once a word matches 100k+ sections.
    order = sorted(range(len(words)), key=lambda i: len(postings[i][0]))
    candidates = postings[order[0]][0]
    for i in order[1:]:
        if not len(candidates):
            break
        candidates = candidates[view.docnum_mask(postings[i][0])[candidates]]
    candidates = candidates[view.live[candidates]] if len(candidates) else candidates
    known, rest = candidates[:0], candidates
    substring = _chained_bigrams(words) if fieldname == NGRAM_FIELD else None
    if substring is not None and len(candidates):
        # A section whose words include one containing the text certainly has the
        # bigrams side by side; only the rest need their positions read.
        proven = np.zeros(view.size, dtype=bool)
        for word in view.words_containing(CONTENT_FIELD, substring):
            proven[view.postings(CONTENT_FIELD, word)[0]] = True
        inside = proven[candidates]
        known, rest = candidates[inside], candidates[~inside]
    verified = [known]
    for part in view.parts:
        low, high = np.searchsorted(rest, [part.offset, part.offset + part.data.doc_count])
        local = rest[low:high] - part.offset
        if len(local):
            found = docsets.phrase_docs(
                part.data, part.reader, fieldname, tuple(words), local.astype(np.int32)
            )
            verified.append(found.astype(np.int32) + part.offset)
    mask = view.docnum_mask(np.concatenate(verified))
    scores = None
    if scored:
        scores = np.zeros(view.size, dtype=np.float32)
        for ids, weights in postings:
            if len(ids):
                scores[ids] += _bm25(view, fieldname, ids, weights, q.boost)
        scores *= mask
    return Matches(mask, scores)


def _expansion(
    view: View, fieldname: str, pattern: str, contains: bool, boost: float, scored: bool
) -> Matches:
    terms = view.words_containing(fieldname, pattern)
    if not contains:
        terms = {t for t in terms if t.startswith(pattern)}
    ids = [view.postings(fieldname, t)[0] for t in sorted(terms)]
    mask = view.docnum_mask(np.concatenate(ids)) if ids else np.zeros(view.size, dtype=bool)
    scores = mask.astype(np.float32) * (PREFIX_WEIGHT * boost) if scored else None
    return Matches(mask, scores)


def _sortable(view: View, fieldname: str) -> bool:
    schema = view.searcher.schema
    return fieldname in schema and getattr(schema[fieldname], "column_type", None) is not None


def _date_range(view: View, q: wq.DateRange, scored: bool) -> Matches:
    """A range of a date field, read from its column: whoosh's own matcher walks every term of the
    range (a quarter of a second for an open-ended range at 100k sections). A DateRange holds its
    ends as the longs the column stores."""
    values = view.raw_column(q.fieldname)
    # a document without a date holds the field's default, and is in no range
    mask = values != np.uint64(view.searcher.schema[q.fieldname].default)
    if q.start is not None:
        mask &= (values > np.uint64(q.start)) if q.startexcl else (values >= np.uint64(q.start))
    if q.end is not None:
        mask &= (values < np.uint64(q.end)) if q.endexcl else (values <= np.uint64(q.end))
    return Matches(mask, np.zeros(view.size, np.float32) if scored else None)


def evaluate(view: View, q: wq.Query, *, scored: bool) -> Matches:
    """The documents (and scores) of a query built by ``search.query``; deleted ones excluded."""
    found = _evaluate(view, q, scored)
    found.mask &= view.live
    return found


def _combine(children: list[Matches], *, every: bool, scored: bool) -> Matches:
    mask = children[0].mask.copy()
    for child in children[1:]:
        if every:
            mask &= child.mask
        else:
            mask |= child.mask
    scores = None
    if scored:
        scores = np.zeros(len(mask), dtype=np.float32)
        for child in children:
            if child.scores is not None:
                scores += child.scores
        scores *= mask
    return Matches(mask, scores)


def _evaluate(view: View, q: wq.Query, scored: bool) -> Matches:  # noqa: PLR0911  (one return per query type)
    if isinstance(q, wq.Every):
        return Matches(view.live.copy(), np.zeros(view.size, np.float32) if scored else None)
    if isinstance(q, wq.Term):
        return _term(view, q.fieldname, q.text, q.boost, scored)
    if isinstance(q, wq.Phrase):
        return _phrase(view, q, scored)
    if isinstance(q, wq.Prefix):
        return _expansion(view, q.fieldname, q.text, False, q.boost, scored)
    if isinstance(q, wq.Wildcard) and q.text.startswith("*") and q.text.endswith("*") and len(q.text) > 2:
        inner = q.text[1:-1]
        if "*" not in inner and "?" not in inner:
            return _expansion(view, q.fieldname, inner, True, q.boost, scored)
    if isinstance(q, wq.AndNot):
        positive = _evaluate(view, q.a, scored)
        negative = _evaluate(view, q.b, False)
        positive.mask &= ~negative.mask
        if positive.scores is not None:
            positive.scores *= positive.mask
        return positive
    if isinstance(q, wq.And | wq.Or) and q.subqueries:
        children = [_evaluate(view, sub, scored) for sub in q.subqueries]
        return _combine(children, every=isinstance(q, wq.And), scored=scored)
    if isinstance(q, wq.DateRange) and _sortable(view, q.fieldname):
        return _date_range(view, q, scored)
    if isinstance(q, type(wq.NullQuery)):
        return Matches(np.zeros(view.size, dtype=bool), None)
    # Anything else: let Whoosh find the documents (unranked).
    ids = np.fromiter(view.searcher.docs_for_query(q), dtype=np.int64)
    return Matches(view.docnum_mask(ids), np.zeros(view.size, np.float32) if scored else None)


# --------------------------------------------------------------------------- ordering


def top_by_score(mask: np.ndarray, scores: np.ndarray, *, limit: int) -> np.ndarray:
    """Document numbers of the best ``limit`` matches: score descending, then document order."""
    docs = np.flatnonzero(mask)
    if not len(docs) or limit <= 0:
        return docs[:0]
    found = scores[docs]
    if len(docs) > limit:
        # Only documents scoring at least the limit-th best can be on the page;
        # sort just those (ties are kept whole so pages never overlap).
        threshold = np.partition(found, len(found) - limit)[len(found) - limit]
        keep = found >= threshold
        docs, found = docs[keep], found[keep]
    order = np.lexsort((docs, -found))
    return docs[order][:limit]


def top_by_keys(mask: np.ndarray, keys: list[np.ndarray], *, limit: int) -> np.ndarray:
    """Document numbers ordered by ``keys`` (first key most significant, all ascending)."""
    docs = np.flatnonzero(mask)
    if not len(docs) or limit <= 0:
        return docs[:0]
    if len(docs) > limit:
        # As in top_by_score: only documents whose leading keys are at most the limit-th
        # smallest can be on the page (ties kept whole); sort just those.
        lead = _leading_keys(keys, docs)
        threshold = np.partition(lead, limit - 1)[limit - 1]
        docs = docs[lead <= threshold]
    order = np.lexsort([docs, *[key[docs] for key in reversed(keys)]])
    return docs[order][:limit]


def _leading_keys(keys: list[np.ndarray], docs: np.ndarray) -> np.ndarray:
    """The first keys folded into one int64 in the same order, as many as fit."""
    lead = np.zeros(len(docs), dtype=np.int64)
    span = 1
    for key in keys:
        values = key[docs].astype(np.int64)
        low = int(values.min())
        width = int(values.max()) - low + 1
        if span * width >= 2**62:
            break
        lead = lead * width + (values - low)
        span *= width
    return lead
