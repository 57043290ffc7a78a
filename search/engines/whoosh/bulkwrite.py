"""Writing a whole index at once, fast: in-memory segments, one per worker process.

Whoosh's own writer pushes every posting through a pickling external sort and
then looks each document's field length up again, posting by posting, while it
writes the segment; at 100k sections that is most of a rebuild.  A rebuild knows
every document up front, so here each worker keeps its segment's postings in
memory (compact arrays per term), writes them in term order through Whoosh's own
codec, and the parent publishes all segments in one table of contents.  The files
are ordinary Whoosh segments: readers, searches and later incremental updates do
not know the difference.

Only for filling an EMPTY index (``ChineseWhooshBackend.add_all``); single
documents still go through Whoosh's writer.
"""

from __future__ import annotations

import gc
import multiprocessing
import queue
import traceback
from array import array
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh.codec import default_codec
from whoosh.formats import Positions
from whoosh.index import TOC, FileIndex, LockError
from whoosh.util.filelock import try_for
from whoosh.util.numeric import byte_to_length, length_to_byte

SEGMENT_DOCS = 50_000  # documents per segment: bounds a worker's memory (≈ 1 GB at 50k)
BATCH_DOCS = 200  # documents per message to a worker
RESULT_POLL_S = 1.0  # how often the parent checks that its workers are still alive
_LENGTHS = [byte_to_length(b) for b in range(256)]  # length byte → length


class _Postings:
    """One term's postings in a segment, appended in document order."""

    __slots__ = ("docs", "value_ends", "values", "weights")

    def __init__(self) -> None:
        self.docs = array("I")
        self.weights = array("f")
        self.values = bytearray()
        self.value_ends = array("I")


class SegmentBuilder:
    """Builds one new segment of ``index`` from documents given in order."""

    def __init__(self, index: FileIndex) -> None:
        self.schema = index.schema
        self.storage = index.storage
        self.codec = default_codec()
        self.segment = self.codec.new_segment(self.storage, index.indexname)
        self.perdoc = self.codec.per_document_writer(self.storage, self.segment)
        self.doc_count = 0
        self.postings: dict[str, dict[bytes, _Postings]] = {}  # field → term → postings
        self.lengths: dict[str, dict[int, int]] = {}  # field → document → length (as readers see it)
        self._closed = False

    def add(self, fields: dict[str, Any]) -> None:
        """Add one document (the keyword arguments of Whoosh's ``add_document``)."""
        docnum = self.doc_count
        self.perdoc.start_doc(docnum)
        for fieldname in sorted(name for name in fields if not name.startswith("_")):
            value = fields[fieldname]
            if value is None:
                continue
            field = self.schema[fieldname]  # KeyError for an unknown field, as Whoosh would
            if field.vector or field.separate_spelling():
                raise ValueError(f"Field {fieldname!r}: vectors and spelling fields are not supported here.")
            length = 0
            if field.indexed:
                postings = self.postings.setdefault(fieldname, {})
                for tbytes, freq, weight, vbytes in _field_postings(field, value):
                    if field.scorable:
                        length += freq
                    entry = postings.get(tbytes)
                    if entry is None:
                        entry = postings[tbytes] = _Postings()
                    entry.docs.append(docnum)
                    entry.weights.append(weight)
                    if vbytes:
                        entry.values += vbytes
                    entry.value_ends.append(len(entry.values))
                if length:
                    self.lengths.setdefault(fieldname, {})[docnum] = _LENGTHS[length_to_byte(length)]
            custom = fields.get(f"_stored_{fieldname}", value)
            self.perdoc.add_field(fieldname, field, custom if field.stored else None, length)
            if field.column_type and custom is not None:
                self.perdoc.add_column_value(fieldname, field.column_type, field.to_column_value(custom))
        self.perdoc.finish_doc()
        self.doc_count += 1

    def finish(self):
        """Write the postings and close the segment; returns the Whoosh segment object."""
        self.perdoc.close()
        writer = self.codec.field_writer(self.storage, self.segment)
        for fieldname in sorted(self.postings):
            terms = self.postings.pop(fieldname)
            lengths = self.lengths.get(fieldname, {})
            writer.start_field(fieldname, self.schema[fieldname])
            for tbytes in sorted(terms):
                entry = terms.pop(tbytes)
                writer.start_term(tbytes)
                values, ends = bytes(entry.values), entry.value_ends
                starts = [0, *ends[:-1]]
                _write_postings(
                    writer._postwriter,
                    ids=entry.docs,
                    weights=entry.weights,
                    values=[values[a:b] for a, b in zip(starts, ends, strict=True)],
                    # Block statistics (min/max length, for skipping) use the one-byte length readers see.
                    lengths=[lengths.get(docnum, 0) for docnum in entry.docs],
                )
                writer.finish_term()
            writer.finish_field()
        writer.close()
        self.segment.set_doc_count(self.doc_count)
        self._closed = True
        return self.segment

    def cancel(self) -> None:
        if not self._closed:
            self.perdoc.close()
            self._closed = True


def _write_postings(postwriter: Any, *, ids: array, weights: array, values: list, lengths: list) -> None:
    """Hand one term's postings to Whoosh's W3 postings writer a block at a time.

    Equivalent to calling its ``add_posting`` once per posting (same blocks, same
    statistics; tests/search/test_bulkwrite.py compares the files' contents with
    Whoosh's own writer) without a Python call per posting.  Relies on the
    writer's block buffer attributes, stable in the pinned Whoosh 2.7.4.
    """
    size = postwriter._blocklimit
    for start in range(0, len(ids), size):
        if start:
            postwriter._write_block()  # a full block; the last one is written by finish_term
        end = start + size
        block_lengths = [n for n in lengths[start:end] if n]
        postwriter._ids = ids[start:end]
        postwriter._weights = weights[start:end]
        postwriter._values = [v for v in values[start:end] if v]
        postwriter._minlength = min(block_lengths) if block_lengths else None
        postwriter._maxlength = max(block_lengths, default=0)
        postwriter._maxweight = max(0, max(weights[start:end]))


def _field_postings(field: Any, value: Any) -> Iterable[tuple[bytes, int, float, bytes]]:
    """What ``field.index(value)`` returns, taking the analyzers' grouped shortcut when there is one."""
    grouped = getattr(field.analyzer, "term_positions", None)
    if grouped is None or type(field.format) is not Positions or not isinstance(value, str):
        return field.index(value)
    encode, boost = field.format.encode, field.format.field_boost
    single = _SINGLE_POSITION
    out = []
    for term, positions in grouped(value).items():
        if len(positions) == 1:  # most postings: their encoding depends on the position only
            vbytes = single.get(positions[0])
            if vbytes is None:
                vbytes = single[positions[0]] = encode(positions)
        else:
            vbytes = encode(positions)
        out.append((term.encode("utf-8"), len(positions), len(positions) * boost, vbytes))
    return out


_SINGLE_POSITION: dict[int, bytes] = {}  # position → Positions.encode([position])


def _build(index: FileIndex, batches: Iterable[list[dict]], segment_docs: int) -> list:
    segments = []
    builder: SegmentBuilder | None = None
    for batch in batches:
        for fields in batch:
            if builder is None:
                builder = SegmentBuilder(index)
            builder.add(fields)
            if builder.doc_count >= segment_docs:
                segments.append(builder.finish())
                builder = None
    if builder is not None:
        segments.append(builder.finish())
    return segments


def _batches(documents: Iterable[dict], size: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for doc in documents:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _worker(
    index: FileIndex, jobs: multiprocessing.Queue, results: multiprocessing.Queue, segment_docs: int
) -> None:
    # The builder allocates millions of small long-lived objects and frees none of them
    # before it exits: the cyclic collector would only rescan them (~12% of the time).
    gc.disable()
    try:
        segments = _build(index, iter(jobs.get, None), segment_docs)
    except BaseException:
        results.put(("error", traceback.format_exc(limit=5)))
        raise
    results.put(("ok", segments))


def fill_index(
    index: FileIndex,
    documents: Iterable[dict[str, Any]],
    *,
    procs: int = 1,
    segment_docs: int = SEGMENT_DOCS,
    lock_timeout: float = 10.0,
) -> int:
    """Add ``documents`` to the empty ``index`` as new segments; returns the segment count.

    With ``procs`` > 1 the documents are dealt round-robin, in batches, to that many
    forked worker processes, each building its own segments.  Nothing becomes
    visible until every worker has finished: then one new table of contents lists
    the segments.  On any failure the table of contents is not touched.
    """
    lock = index.lock("WRITELOCK")
    if not try_for(lock.acquire, timeout=lock_timeout, delay=0.1):
        raise LockError("The index is locked by another writer.")
    try:
        if procs <= 1:
            segments = _build(index, _batches(documents, BATCH_DOCS), segment_docs)
        else:
            segments = _build_in_workers(index, documents, procs=procs, segment_docs=segment_docs)
        toc = index._read_toc()
        TOC(toc.schema, toc.segments + segments, toc.generation + 1).write(index.storage, index.indexname)
    finally:
        lock.release()
    return len(segments)


def _build_in_workers(index: FileIndex, documents: Iterable[dict], *, procs: int, segment_docs: int) -> list:
    context = multiprocessing.get_context("fork")  # workers inherit the schema and analyzers
    jobs = [context.Queue(maxsize=4) for _ in range(procs)]  # bounded: the parent cannot run ahead
    results = context.Queue()
    workers = [
        context.Process(target=_worker, args=(index, jobs[i], results, segment_docs), daemon=True)
        for i in range(procs)
    ]
    for worker in workers:
        worker.start()
    segments: list = []
    try:
        for number, batch in enumerate(_batches(documents, BATCH_DOCS)):
            _put(jobs[number % procs], batch, workers)
        for job in jobs:
            _put(job, None, workers)
        for _ in workers:
            status, payload = _get(results, workers)
            if status != "ok":
                raise RuntimeError(f"An indexing worker failed:\n{payload}")
            segments.extend(payload)
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()
    return segments


def _put(job: multiprocessing.Queue, item: Any, workers: list) -> None:
    while True:
        try:
            job.put(item, timeout=RESULT_POLL_S)
            return
        except queue.Full:
            _check_alive(workers)


def _get(results: multiprocessing.Queue, workers: list) -> tuple[str, Any]:
    while True:
        try:
            return results.get(timeout=RESULT_POLL_S)
        except queue.Empty:
            _check_alive(workers)


def _check_alive(workers: list) -> None:
    dead = [w.exitcode for w in workers if not w.is_alive() and w.exitcode not in (0, None)]
    if dead:
        raise RuntimeError(f"An indexing worker died (exit code {dead[0]}).")
