"""One open searcher over every segment of the index, as numpy arrays (see docsets).

A view is kept per thread until the index changes (``current_view``): opening a
searcher reads the table of contents and every segment's files, several
milliseconds per request.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass, field

import numpy as np
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, Index
from whoosh.searching import Searcher

from . import docsets


@dataclass
class _Part:
    data: docsets.SegmentData
    reader: object
    offset: int


@dataclass
class View:
    """The segments of one open searcher as one document-number space."""

    searcher: Searcher
    parts: list[_Part]
    size: int
    live: np.ndarray
    _avg: dict[str, float] = field(default_factory=dict)
    _lengths: dict[str, np.ndarray] = field(default_factory=dict)
    _columns: dict[str, np.ndarray] = field(default_factory=dict)
    _all_counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def _concat(self, arrays: list[np.ndarray], dtype) -> np.ndarray:
        if len(arrays) == 1 and self.parts[0].offset == 0:
            return arrays[0]
        return np.concatenate([a.astype(dtype, copy=False) for a in arrays])

    def postings(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        ids, weights = [], []
        for part in self.parts:
            local_ids, local_weights = docsets.postings(part.data, part.reader, fieldname, text)
            ids.append(local_ids + part.offset if part.offset else local_ids)
            weights.append(local_weights)
        return self._concat(ids, np.int32), self._concat(weights, np.float32)

    def lengths(self, fieldname: str) -> np.ndarray:
        found = self._lengths.get(fieldname)
        if found is None:
            arrays = [docsets.field_lengths(p.data, p.reader, fieldname) for p in self.parts]
            found = self._lengths[fieldname] = self._concat(arrays, np.float32)
        return found

    def avg_length(self, fieldname: str) -> float:
        if fieldname not in self._avg:
            lengths = self.lengths(fieldname)
            self._avg[fieldname] = float(lengths.mean()) if len(lengths) and lengths.any() else 1.0
        return self._avg[fieldname]

    def column(self, fieldname: str) -> np.ndarray:
        """A sortable column as ranks comparable across the whole view (only order is used)."""
        found = self._columns.get(fieldname)
        if found is None:
            if len(self.parts) == 1:
                part = self.parts[0]
                found = docsets.column(part.data, part.reader, fieldname)
            else:
                # a segment's ranks say nothing of another's: rank the values of all of them together
                found = docsets.ranks(self.raw_column(fieldname))
            self._columns[fieldname] = found
        return found

    def raw_column(self, fieldname: str) -> np.ndarray:
        arrays = [docsets.raw_column(p.data, p.reader, fieldname) for p in self.parts]
        return self._concat(arrays, np.uint64) if arrays else np.zeros(0, dtype=np.uint64)

    def facet_counts(self, fieldname: str, mask: np.ndarray, *, everything: bool = False) -> dict[str, int]:
        """Documents of ``mask`` per value; ``everything``: mask is every live document (kept with the view)."""
        if everything:
            found = self._all_counts.get(fieldname)
            if found is None:
                found = self._all_counts[fieldname] = self.facet_counts(fieldname, self.live)
            return dict(found)
        counts: dict[str, int] = {}
        for part in self.parts:
            table = docsets.facet_table(part.data, part.reader, fieldname)
            if not len(table.docs):
                continue
            tally = table.counts(mask[part.offset : part.offset + part.data.doc_count])
            for value, count in zip(table.values, tally.tolist(), strict=True):
                if count:
                    counts[value] = counts.get(value, 0) + count
        return counts

    def words_containing(self, fieldname: str, part_text: str) -> set[str]:
        found: set[str] = set()
        for part in self.parts:
            found.update(docsets.words_containing(part.data, part.reader, fieldname, part_text))
        return found

    def docnum_mask(self, ids: np.ndarray) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        mask[ids] = True
        return mask


def _hold_stored_fields(reader) -> None:
    """Open the segment's stored-fields file now. Whoosh opens it on first use, and by then a
    commit in another process may have deleted it; an open file stays readable. Missing already,
    it is the same transient loss as any other segment file (the engine's search retries)."""
    if not reader.doc_count_all():
        return
    try:
        reader.stored_fields(0)
    except TypeError as exc:  # Whoosh's column reader for a file that no longer exists is None
        raise FileNotFoundError(f"stored fields of segment {reader.segment()} removed by a commit") from exc


def open_view(searcher: Searcher) -> View:
    parts, lives = [], []
    for reader, offset in searcher.reader().leaf_readers():
        _hold_stored_fields(reader)
        data = docsets.segment_data(reader)
        parts.append(_Part(data=data, reader=reader, offset=offset))
        lives.append(data.live)
    size = sum(len(live) for live in lives)
    live = np.concatenate(lives) if lives else np.zeros(0, dtype=bool)
    return View(searcher=searcher, parts=parts, size=size, live=live)


# --------------------------------------------------------------------------- one view per thread


_local = threading.local()  # per thread: Whoosh readers are not meant to be shared by threads


def index_version(index: Index) -> tuple | None:
    """What identifies the index's current contents, read cheaply; None if unknown.

    Every commit (additions, deletions, merges) writes a new table of contents, so
    its generation plus its bytes (which name the segments by random id) change
    whenever anything does -- also when the index is deleted and rebuilt with the
    generation counting from the start again.  Costs a directory listing and one
    small file read instead of opening every segment.
    """
    storage = getattr(index, "storage", None)
    if not isinstance(storage, FileStorage):
        return None
    generation = index.latest_generation()
    if generation < 0:
        return None
    try:
        with open(os.path.join(storage.folder, TOC._filename(index.indexname, generation)), "rb") as toc_file:
            toc = toc_file.read()
    except OSError:  # replaced between the listing and the read: don't cache this time
        return None
    return (storage.folder, index.indexname, generation, hash(toc))


def current_view(index: Index) -> View:
    """An open searcher over the index's latest version as a ``View``, kept between calls.

    Opening a searcher reads the table of contents (unpickling the schema) and every
    segment's files -- several milliseconds per request.  The searcher, its view (live
    masks, field lengths) and the per-segment arrays of ``docsets`` are kept per thread
    until the index changes; the old searcher is then closed.  Never close the
    returned view's searcher.
    """
    version = index_version(index)
    cached = getattr(_local, "view", None)
    if version is not None and cached is not None and cached[0] == version:
        return cached[1]
    view = open_view(index.searcher())
    if cached is not None:
        _local.view = None
        # an old reader failing to close must not fail a search
        with contextlib.suppress(Exception):
            cached[1].searcher.close()
    if version is not None:
        _local.view = (version, view)
    return view


def forget_views() -> None:
    """Close this thread's cached searcher (tests; before deleting an index directory)."""
    cached = getattr(_local, "view", None)
    _local.view = None
    if cached is not None:
        cached[1].searcher.close()
