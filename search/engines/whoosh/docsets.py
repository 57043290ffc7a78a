"""Per-segment numpy copies of what a search needs, read once from Whoosh's own files.

Whoosh matches, scores and counts one document at a time in Python (a few µs
each); a common word matching 30 % of 100k sections costs ~100 ms before facets.
Here a term's postings become two numpy arrays (document numbers, frequencies)
read block by block, so AND/OR/NOT are array operations, BM25F is vectorised and
a facet count is one ``bincount``.  Whoosh remains the storage and the source of
truth: nothing is written beside the index, and the arrays of a segment are
cached by segment id (segments never change once written; deletions are applied
through the ``live`` mask, re-read whenever the deletion set changes).
"""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import chain
from pickle import loads

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.reading import IndexReader
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

# Bounded caches: terms are the big ones (a common word ≈ 30k postings × 8 bytes).
TERM_CACHE_POSTINGS = 8_000_000  # postings kept per segment (≈ 64 MB)
PHRASE_CACHE = 512  # verified phrase document sets per segment
SEGMENT_CACHE = 16

_EMPTY_IDS = np.zeros(0, dtype=np.int32)
_EMPTY_WEIGHTS = np.zeros(0, dtype=np.float32)


def _byte_to_length_table() -> np.ndarray:
    return np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)


_LENGTHS = _byte_to_length_table()


@dataclass
class FacetTable:
    """All (document, value) pairs of an exact field, in document order: counting is one bincount."""

    values: list[str]
    docs: np.ndarray  # int32 document numbers, ascending
    codes: np.ndarray  # int32 index into ``values``, parallel to ``docs``
    starts: np.ndarray  # document d's pairs are [starts[d], starts[d + 1])

    def counts(self, mask: np.ndarray) -> np.ndarray:
        """How many documents of ``mask`` (this segment's bool mask) carry each value."""
        matched = np.flatnonzero(mask)
        if len(matched) * 8 >= len(self.docs):
            # many matches: test every pair against the mask
            return np.bincount(self.codes[mask[self.docs]], minlength=len(self.values))
        # few matches (a rare word): gather only the matched documents' pairs
        first, lens = self.starts[matched], self.starts[matched + 1] - self.starts[matched]
        before = np.cumsum(lens) - lens
        pairs = np.repeat(first - before, lens) + np.arange(int(lens.sum()))
        return np.bincount(self.codes[pairs], minlength=len(self.values))


@dataclass
class SegmentData:
    key: str
    doc_count: int
    live: np.ndarray  # bool: not deleted
    deleted_seen: int
    lock: threading.Lock = field(default_factory=threading.Lock)
    terms: OrderedDict = field(default_factory=OrderedDict)
    term_postings: int = 0
    phrases: OrderedDict = field(default_factory=OrderedDict)
    lengths: dict = field(default_factory=dict)
    columns: dict = field(default_factory=dict)
    facets: dict = field(default_factory=dict)
    lexicons: dict = field(default_factory=dict)


_segments: OrderedDict[str, SegmentData] = OrderedDict()
_segments_lock = threading.Lock()


def _deleted(reader: IndexReader) -> list[int]:
    if not reader.has_deletions():
        return []
    perdoc = getattr(reader, "_perdoc", None)  # a segment reader keeps the set there
    if perdoc is not None:
        return sorted(perdoc.deleted_docs())
    return [n for n in range(reader.doc_count_all()) if reader.is_deleted(n)]


def segment_data(reader: IndexReader) -> SegmentData:
    """The cached arrays of one atomic (single-segment) reader."""
    segment = reader.segment()
    deleted = _deleted(reader)
    key = segment.segment_id() if segment is not None else f"mem-{id(reader)}"
    with _segments_lock:
        data = _segments.get(key)
        if data is not None and data.deleted_seen == len(deleted):
            _segments.move_to_end(key)
            return data
    live = np.ones(reader.doc_count_all(), dtype=bool)
    if deleted:
        live[np.asarray(deleted, dtype=np.int64)] = False
    if data is None:
        data = SegmentData(key=key, doc_count=reader.doc_count_all(), live=live, deleted_seen=len(deleted))
    else:  # same segment, more deletions: keep the postings, renew the mask
        data.live, data.deleted_seen = live, len(deleted)
        data.phrases.clear()
    if segment is None:
        return data
    with _segments_lock:
        _segments[key] = data
        while len(_segments) > SEGMENT_CACHE:
            _segments.popitem(last=False)
    return data


def _blockwise(matcher) -> bool:
    """Whoosh 3 codec: postings come in blocks of delta-coded ids, weights and values."""
    return hasattr(matcher, "_read_data") and not getattr(matcher, "_byteids", True)


def _read_postings(reader: IndexReader, fieldname: str, text: str):
    """(ids, weights) of a term, block by block where the codec allows it."""
    try:
        present = (fieldname, text) in reader
    except (UnicodeError, ValueError):  # e.g. a lone surrogate: no such term can exist
        present = False
    if not present:
        return _EMPTY_IDS, _EMPTY_WEIGHTS
    matcher = reader.postings(fieldname, text)
    id_parts, weight_parts = [], []
    if _blockwise(matcher):
        while matcher.is_active():
            matcher._read_data()
            id_parts.append(np.cumsum(np.asarray(matcher._data[0], dtype=np.int64)).astype(np.int32))
            block_ids = id_parts[-1]
            raw = matcher._data[1]  # None: all 1.0; a float: all that; else one per posting
            if raw is None or isinstance(raw, float):
                weight_parts.append(np.full(len(block_ids), 1.0 if raw is None else raw, np.float32))
            else:
                weight_parts.append(np.asarray(raw, dtype=np.float32))
            matcher._next_block()
    else:  # any other matcher: one posting at a time
        id_list, weight_list = [], []
        while matcher.is_active():
            id_list.append(matcher.id())
            weight_list.append(matcher.weight())
            matcher.next()
        id_parts, weight_parts = [np.asarray(id_list, np.int32)], [np.asarray(weight_list, np.float32)]
    ids = np.concatenate(id_parts) if id_parts else _EMPTY_IDS
    weights = np.concatenate(weight_parts) if weight_parts else _EMPTY_WEIGHTS
    return ids, weights


def postings(data: SegmentData, reader: IndexReader, fieldname: str, text: str):
    """Cached (ids, weights) of one term in one segment."""
    key = (fieldname, text)
    with data.lock:
        found = data.terms.get(key)
        if found is not None:
            data.terms.move_to_end(key)
            return found
    found = _read_postings(reader, fieldname, text)
    with data.lock:
        data.terms[key] = found
        data.term_postings += len(found[0])
        while data.term_postings > TERM_CACHE_POSTINGS and len(data.terms) > 1:
            _, (old_ids, _) = data.terms.popitem(last=False)
            data.term_postings -= len(old_ids)
    return found


def phrase_docs(
    data: SegmentData, reader: IndexReader, fieldname: str, words: tuple[str, ...], candidates: np.ndarray
) -> np.ndarray:
    """Those ``candidates`` (sorted ids holding every word) where the words are adjacent."""
    key = (fieldname, words, candidates.tobytes() if len(candidates) < 64 else len(candidates))
    with data.lock:
        found = data.phrases.get(key)
        if found is not None:
            data.phrases.move_to_end(key)
            return found
    # A candidate survives word i when some position p of word 0 has p + i in word i.
    # Positions become (document, p - i) keys, so each word is one sorted intersection;
    # each word is read only for the documents still surviving.
    survivors = candidates
    starts: np.ndarray | None = None
    for i, word in enumerate(words):
        docs, positions = _positions(reader, fieldname, word, survivors)
        keys = (docs << 32) + (positions - i)
        starts = keys if starts is None else np.intersect1d(starts, keys, assume_unique=True)
        survivors = np.unique(starts >> 32).astype(np.int32)
        if not len(survivors):
            break
    with data.lock:
        data.phrases[key] = survivors
        while len(data.phrases) > PHRASE_CACHE:
            data.phrases.popitem(last=False)
    return survivors


def _positions(
    reader: IndexReader, fieldname: str, text: str, docs: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(document, position) pairs of a term in ``docs`` (sorted ids that all hold it), as int64 arrays.

    Only the posting blocks holding one of ``docs`` are unpickled: a phrase of two
    common words checks a few thousand sections, not every posting of both words.
    """
    matcher = reader.postings(fieldname, text)
    wanted = docs.tolist()
    encoded: list[bytes] = []
    owners: list[int] = []
    at = 0
    if _blockwise(matcher):
        while at < len(wanted) and matcher.is_active():
            if matcher.block_max_id() < wanted[at]:
                matcher._next_block()  # reads the block's header only
                continue
            matcher._read_ids()
            matcher._read_values()
            ids, values = matcher._ids, matcher._values
            upto = bisect.bisect_right(wanted, ids[-1], at)
            rows = np.searchsorted(np.asarray(ids), docs[at:upto]).tolist()
            encoded.extend(values[row] for row in rows)
            owners.extend(wanted[at:upto])
            at = upto
            matcher._next_block()
    else:  # any other matcher: one posting at a time
        while at < len(wanted) and matcher.is_active():
            matcher.skip_to(wanted[at])
            if matcher.is_active() and matcher.id() == wanted[at]:
                encoded.append(matcher.value())
                owners.append(wanted[at])
            at += 1
    # Whoosh's Positions format: a 4-byte count, then the pickled list of position deltas.
    deltas = [
        loads(value[_INT_SIZE:] if value.endswith(b".") else value[_INT_SIZE:] + b".") for value in encoded
    ]
    lengths = np.fromiter(map(len, deltas), dtype=np.int64, count=len(deltas))
    flat = np.fromiter(chain.from_iterable(deltas), dtype=np.int64, count=int(lengths.sum()))
    # Cumulative sums restart at every document: subtract what the previous documents added.
    total = np.cumsum(flat)
    ends = np.cumsum(lengths)
    before = np.concatenate(([0], total[ends[:-1] - 1])) if len(ends) else ends
    positions = total - np.repeat(before, lengths)
    return np.repeat(np.asarray(owners, dtype=np.int64), lengths), positions


def field_lengths(data: SegmentData, reader: IndexReader, fieldname: str) -> np.ndarray:
    """Each document's length in ``fieldname`` (Whoosh's one-byte approximation)."""
    found = data.lengths.get(fieldname)
    if found is None:
        perdoc = reader._perdoc  # lengths are a per-document column of bytes
        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        raw = np.zeros(data.doc_count, np.uint8) if column is None else np.fromiter(column, np.uint8)
        found = _LENGTHS[raw]
        data.lengths[fieldname] = found
    return found


def raw_column(data: SegmentData, reader: IndexReader, fieldname: str) -> np.ndarray:
    """A sortable column's untranslated values: Whoosh's order-preserving unsigned integers, the
    same scale in every segment (a document without a value holds the field's default)."""
    key = ("raw", fieldname)
    found = data.columns.get(key)
    if found is None:
        raw = reader.column_reader(fieldname, translate=False)
        found = np.fromiter(((value or 0) for value in raw), dtype=np.uint64, count=data.doc_count)
        data.columns[key] = found
    return found


def ranks(values: np.ndarray) -> np.ndarray:
    """Values as ranks: equal values share a rank, order is kept (only order is used)."""
    return np.unique(values, return_inverse=True)[1].astype(np.int64).reshape(-1)


def column(data: SegmentData, reader: IndexReader, fieldname: str) -> np.ndarray:
    """A sortable column as ranks within this segment."""
    found = data.columns.get(fieldname)
    if found is None:
        found = data.columns[fieldname] = ranks(raw_column(data, reader, fieldname))
    return found


def facet_table(data: SegmentData, reader: IndexReader, fieldname: str) -> FacetTable:
    found = data.facets.get(fieldname)
    if found is None:
        values: list[str] = []
        doc_parts: list[np.ndarray] = []
        code_parts: list[np.ndarray] = []
        decode = reader.schema[fieldname].from_bytes
        for raw in reader.lexicon(fieldname):
            text = decode(raw)
            ids, _ = _read_postings(reader, fieldname, text)
            doc_parts.append(ids)
            code_parts.append(np.full(len(ids), len(values), dtype=np.int32))
            values.append(text)
        docs = np.concatenate(doc_parts) if doc_parts else _EMPTY_IDS
        codes = np.concatenate(code_parts) if code_parts else _EMPTY_IDS
        order = np.argsort(docs, kind="stable")
        docs, codes = docs[order], codes[order]
        starts = np.searchsorted(docs, np.arange(data.doc_count + 1)).astype(np.int64)
        found = FacetTable(values=values, docs=docs, codes=codes, starts=starts)
        data.facets[fieldname] = found
    return found


def lexicon_words(data: SegmentData, reader: IndexReader, fieldname: str) -> tuple[str, list[str]]:
    """The field's terms as one newline-joined string (fast substring scans) and a list."""
    found = data.lexicons.get(fieldname)
    if found is None:
        decode = reader.schema[fieldname].from_bytes
        words = [decode(raw) for raw in reader.lexicon(fieldname)]
        found = ("\n" + "\n".join(words) + "\n", words)
        data.lexicons[fieldname] = found
    return found


def words_containing(data: SegmentData, reader: IndexReader, fieldname: str, part: str) -> list[str]:
    """Terms of ``fieldname`` that contain ``part`` (part must not contain a newline)."""
    joined, _ = lexicon_words(data, reader, fieldname)
    found: list[str] = []
    at = joined.find(part)
    while at != -1:
        start = joined.rfind("\n", 0, at) + 1
        end = joined.find("\n", at)
        found.append(joined[start:end])
        at = joined.find(part, end)
    return found


def clear() -> None:
    """Forget every cached segment (tests; after an index is deleted)."""
    with _segments_lock:
        _segments.clear()
