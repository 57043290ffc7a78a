"""Writing and checking the Whoosh index: sections (re)indexed or removed, a full rebuild beside
the live index, the stamp that says which analysis built it, and the check against the database.

Every function raises on failure (including a write lock not obtained in time).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from haystack import connections
from haystack.constants import DJANGO_ID
from haystack.exceptions import SkipDocument
from haystack.utils import get_model_ct

from archive.models import Section
from search.analysis import dictionary_fingerprint
from search.engines.base import BATCH_SIZE, IndexCheck, Progress
from search.search_indexes import SectionIndex
from search.writelock import writer_lock

from .backend import ChineseWhooshBackend, get_backend
from .view import forget_views

# Bump when a change to analysis or schema code changes the terms written to the
# index; ``ensure_index`` then rebuilds.  (Dictionary changes are detected by hash.)
ANALYSIS_VERSION = 4
REBUILD_LOCK_TIMEOUT = 600.0  # seconds a rebuild waits for a drain in another process to finish
STAMP_FILE = "archive-search-stamp.json"


def _section_index(using: str) -> SectionIndex:
    return connections[using].get_unified_index().get_index(Section)


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _identifier(section_id: int) -> str:
    return f"{get_model_ct(Section)}.{section_id}"


def index_sections(*, section_ids: Iterable[int], using: str = "default") -> int:
    """(Re)index these sections; ids that no longer exist are removed.  Returns how many were indexed."""
    ids = sorted({int(pk) for pk in section_ids})
    if not ids:
        return 0
    backend = get_backend(using=using)
    index = _section_index(using)
    found: set[int] = set()
    for chunk in _chunks(ids, BATCH_SIZE):
        sections = list(index.index_queryset(using=using).filter(pk__in=chunk))
        backend.update(index, sections)
        found.update(section.pk for section in sections)
    backend.delete_identifiers(_identifier(pk) for pk in ids if pk not in found)
    return len(found)


def remove_sections(*, section_ids: Iterable[int], using: str = "default") -> None:
    """Drop these sections from the index (whether or not their rows still exist)."""
    get_backend(using=using).delete_identifiers(_identifier(int(pk)) for pk in section_ids)


def rebuild(
    *,
    using: str = "default",
    batch_size: int = BATCH_SIZE,
    procs: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Empty the index and index every section again.  Returns the number indexed.

    ``procs``: analysing processes (default: the CPUs, at most 4; 1 for a tiny
    archive, where starting workers costs more than it saves).  ``progress`` is
    called with ("index", done, total) after each batch, then ("commit", done, total)
    before the segments are written, which takes a while with nothing to count.
    """
    backend = get_backend(using=using)
    if not backend.use_file_storage:
        return _rebuild_into(backend, using=using, batch_size=batch_size, procs=procs, progress=progress)
    live = Path(backend.path)
    staging = live.with_name(live.name + ".rebuilding")
    # Build beside the live index and swap directories at the end: searches keep the previous
    # index meanwhile, and a rebuild killed half-way leaves the live index untouched.
    # the one writer: queued edits wait and land in the new index

    with writer_lock(timeout=REBUILD_LOCK_TIMEOUT):
        shutil.rmtree(staging, ignore_errors=True)
        _point(backend, staging)
        try:
            counted = _rebuild_into(
                backend, using=using, batch_size=batch_size, procs=procs, progress=progress
            )
        finally:
            _point(backend, live)
        retired = live.with_name(live.name + ".previous")
        shutil.rmtree(retired, ignore_errors=True)
        if live.exists():
            live.rename(retired)
        staging.rename(live)  # between the two renames a search retries (engine.WhooshEngine)
        shutil.rmtree(retired, ignore_errors=True)
        backend.ensure_setup()  # open the new live index now, so a later loss of it is noticed
    forget_views()
    return counted


def _point(backend: ChineseWhooshBackend, path: Path) -> None:
    """Aim the backend at another index directory (set up afresh on next use)."""
    backend.path = str(path)
    backend.setup_complete = False


def _rebuild_into(
    backend: ChineseWhooshBackend,
    *,
    using: str,
    batch_size: int,
    procs: int | None,
    progress: Progress | None,
) -> int:
    index = _section_index(using)
    backend.clear()
    backend.ensure_setup()
    total = Section.objects.count()
    if procs is None:
        procs = 1 if total < 2000 else max(1, min(4, os.cpu_count() or 1))
    counted = 0

    def documents() -> Iterator[dict]:
        nonlocal counted
        last_pk = 0
        while True:
            # Key-set pagination: stable and cheap however large the table gets.
            batch = list(index.index_queryset(using=using).filter(pk__gt=last_pk).order_by("pk")[:batch_size])
            if not batch:
                break
            for section in batch:
                try:
                    yield backend.whoosh_document(index.full_prepare(section))
                    counted += 1
                except SkipDocument:
                    continue
            last_pk = batch[-1].pk
            if progress is not None:
                progress("index", counted, total)
        if progress is not None:
            progress("commit", counted, total)

    backend.add_all(documents(), procs=procs)
    # The segments (per process, at most SEGMENT_DOCS each) are left as they are: a
    # search reads them as one, and merging would rewrite every posting in one
    # process (at 1M sections, longer than the whole build).
    _write_stamp(backend)
    return counted


def index_fingerprint(*, using: str = "default") -> str:
    """Identifies how index terms are made: analysis version, dictionary and schema."""
    schema = get_backend(using=using).schema
    fields = [f"{name}:{type(schema[name]).__name__}" for name in schema.names()]
    parts = [str(ANALYSIS_VERSION), dictionary_fingerprint(), *fields]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def _stamp_path(backend: ChineseWhooshBackend) -> Path | None:
    # Lives inside the index directory, so clearing the index also removes it.
    return Path(backend.path) / STAMP_FILE if backend.use_file_storage else None


def _write_stamp(backend: ChineseWhooshBackend) -> None:
    path = _stamp_path(backend)
    if path is not None:
        path.write_text(json.dumps({"fingerprint": index_fingerprint(using=backend.connection_alias)}))


def index_is_current(*, using: str = "default") -> bool:
    """Built by ``rebuild`` with today's analysis, and holding one entry per section."""
    backend = get_backend(using=using)
    path = _stamp_path(backend)
    try:
        stamp = json.loads(path.read_text()) if path is not None else {}
    except (OSError, ValueError):
        return False
    if stamp.get("fingerprint") != index_fingerprint(using=using):
        return False
    return backend.document_count() == Section.objects.count()


def ensure_index(
    *, force: bool = False, using: str = "default", progress: Progress | None = None
) -> int | None:
    """Rebuild when forced, missing or stale; the number indexed, or None if it was current."""
    if not force and index_is_current(using=using):
        return None
    return rebuild(using=using, progress=progress)


def check_index(*, using: str = "default", batch_size: int = BATCH_SIZE) -> IndexCheck:
    """Compare every section with its index entry (stored fields: text, titles, tags, date)."""
    backend = get_backend(using=using)
    index = _section_index(using)
    schema = backend.fresh_index().schema
    stored_names = [name for name in schema.stored_names() if not name.startswith("_stored_")]
    indexed: dict[int, dict] = {}
    with backend.fresh_index().searcher() as searcher:
        for fields in searcher.all_stored_fields():
            indexed[int(fields[DJANGO_ID])] = fields
    missing, stale = [], []
    last_pk = 0
    while True:
        batch = list(index.index_queryset(using=using).filter(pk__gt=last_pk).order_by("pk")[:batch_size])
        if not batch:
            break
        for section in batch:
            stored = indexed.pop(section.pk, None)
            if stored is None:
                missing.append(section.pk)
                continue
            expected = backend.whoosh_document(index.full_prepare(section))
            if any(_comparable(expected.get(name)) != _comparable(stored.get(name)) for name in stored_names):
                stale.append(section.pk)
        last_pk = batch[-1].pk
    return IndexCheck(missing=missing, stale=stale, orphaned=sorted(indexed))


def _comparable(value: object) -> object:
    # Multi-valued fields are stored comma-joined (values sorted); dates come back as datetimes.
    if isinstance(value, list | tuple):
        value = ",".join(sorted(str(v) for v in value))
    if value in (None, ""):
        return None
    return str(value)
