"""The interface every search engine of the archive implements.

``search.services`` is what the rest of the project calls; it builds the
engine-neutral query (search.query.build_query) and hands it to the engine of the
configured connection (search.engines.engine).  An engine owns its index: how it is
stored, read, written, checked and warmed up; its library's exceptions stay inside
it, and an index that is missing or unreadable is reported as ``SearchUnavailable``
(the pages answer 503, health says degraded).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..querytree import SearchQuery
from ..results import SearchResults

if TYPE_CHECKING:  # the models load only in a configured project; this module loads with any engine
    from archive.models import Section

Progress = Callable[[str, int, int], None]  # (phase, done, total) of a rebuild
BATCH_SIZE = 500  # sections read from the database at a time


class SearchUnavailable(Exception):
    """The index is missing or cannot be read; the rest of the site keeps working."""


@dataclass(frozen=True)
class IndexCheck:
    missing: list[int]  # sections in the database but not in the index
    stale: list[int]  # indexed with content that differs from the database's
    orphaned: list[int]  # in the index but no longer in the database

    @property
    def problems(self) -> int:
        return len(self.missing) + len(self.stale) + len(self.orphaned)


class SearchEngine(ABC):
    """One index behind one haystack connection (``using``)."""

    def __init__(self, *, using: str) -> None:
        self.using = using

    # ------------------------------------------------------------------ reading

    @abstractmethod
    def search(self, *, query: SearchQuery) -> SearchResults:
        """One page of matching sections plus facet counts.  A page past the end has no hits
        but the real count; when nothing matches, the count without filters and near words."""

    @abstractmethod
    def related(self, *, section: Section, limit: int) -> list[int]:
        """Ids of sections most like ``section`` (from other articles), best first."""

    @abstractmethod
    def count(self) -> int:
        """Sections in the index."""

    @abstractmethod
    def warm_up(self, *, tick: Callable[[], object]) -> None:
        """Read ahead what every search needs; ``tick`` after each step (a worker's heartbeat)."""

    @abstractmethod
    def check(self, *, batch_size: int = BATCH_SIZE) -> IndexCheck:
        """Compare every section in the database with its index entry."""

    # ------------------------------------------------------------------ writing
    # Changes go through the queue (search.queue), which holds the installation's writer lock.

    @abstractmethod
    def index(self, *, section_ids: Iterable[int]) -> int:
        """(Re)index these sections; ids whose rows no longer exist are removed.  How many were indexed."""

    @abstractmethod
    def remove(self, *, section_ids: Iterable[int]) -> None:
        """Drop these sections from the index (whether or not their rows still exist)."""

    @abstractmethod
    def rebuild(
        self, *, batch_size: int = BATCH_SIZE, procs: int | None = None, progress: Progress | None = None
    ) -> int:
        """Index every section afresh, searches answering from the previous index meanwhile."""

    @abstractmethod
    def ensure(self, *, force: bool = False, progress: Progress | None = None) -> int | None:
        """Rebuild when forced, missing or stale: the number indexed, or None if it was current."""
