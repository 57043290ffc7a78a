"""The archive's Whoosh engine: haystack's Whoosh backend (writing) and a numpy evaluator (reading).

Whoosh's exceptions stay in here: a read that finds the index missing or unreadable
raises ``SearchUnavailable``; a file lost to a commit in another process is retried.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from haystack import connections
from whoosh.index import IndexError as WhooshIndexError

from archive.models import Section
from search.engines.base import BATCH_SIZE, IndexCheck, Progress, SearchEngine, SearchUnavailable
from search.querytree import SearchQuery
from search.results import SearchResults

from . import indexing
from .backend import get_backend
from .searching import related_sections, run_search, warm_up_view
from .view import View, current_view, forget_views

TRANSIENT_RETRIES = 2  # a commit in another process can replace files while a search opens them


class WhooshEngine(SearchEngine):
    def _view(self) -> View:
        return current_view(get_backend(using=self.using).fresh_index())

    def _index_dir(self) -> str:
        return str(connections[self.using].options.get("PATH", ""))

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Whoosh's failures of a missing or unreadable index as ``SearchUnavailable``."""
        try:
            yield
        except WhooshIndexError as exc:
            raise SearchUnavailable(str(exc)) from exc
        except OSError as exc:
            index_dir = self._index_dir()
            if index_dir and index_dir in str(getattr(exc, "filename", "") or ""):
                raise SearchUnavailable(str(exc)) from exc
            raise

    def search(self, *, query: SearchQuery) -> SearchResults:
        """A writer committing in another process deletes the previous generation's files; a
        search that opened the table of contents just before may then miss a segment file. That
        is retried with a fresh view; an index that is really gone is ``SearchUnavailable``."""
        with self._reading():
            for attempt in range(TRANSIENT_RETRIES + 1):
                try:
                    return run_search(self._view(), query)
                except (FileNotFoundError, WhooshIndexError):
                    if attempt == TRANSIENT_RETRIES:
                        raise
                    forget_views()
                    time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def related(self, *, section: Section, limit: int) -> list[int]:
        with self._reading():
            return related_sections(self._view(), section, limit=limit)

    def count(self) -> int:
        with self._reading():
            return get_backend(using=self.using).document_count()

    def warm_up(self, *, tick: Callable[[], object]) -> None:
        with self._reading():
            warm_up_view(self._view(), tick=tick)

    def check(self, *, batch_size: int = BATCH_SIZE) -> IndexCheck:
        with self._reading():
            return indexing.check_index(using=self.using, batch_size=batch_size)

    def index(self, *, section_ids: Iterable[int]) -> int:
        return indexing.index_sections(section_ids=section_ids, using=self.using)

    def remove(self, *, section_ids: Iterable[int]) -> None:
        indexing.remove_sections(section_ids=section_ids, using=self.using)

    def rebuild(
        self, *, batch_size: int = BATCH_SIZE, procs: int | None = None, progress: Progress | None = None
    ) -> int:
        return indexing.rebuild(using=self.using, batch_size=batch_size, procs=procs, progress=progress)

    def ensure(self, *, force: bool = False, progress: Progress | None = None) -> int | None:
        return indexing.ensure_index(force=force, using=self.using, progress=progress)
