"""The search interface of the archive: every page, API, export, feed, command and bench calls these.

Each function delegates to the engine of the configured haystack connection
(search.engines.engine; HAYSTACK_CONNECTIONS["default"]["ENGINE"]).  A search is built
here, once, as an engine-neutral tree (search.query.build_query) that the engine
evaluates.  Reads raise ``SearchUnavailable`` when the index is missing or unreadable.
Index changes normally go through the queue (search.queue), which calls ``index``
under the installation's writer lock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from archive.models import Section

from .engines import SearchUnavailable, engine
from .engines.base import BATCH_SIZE, IndexCheck, Progress
from .query import SearchParams, build_query
from .results import FacetValue, Hit, SearchResults

__all__ = [
    "FacetValue",
    "Hit",
    "IndexCheck",
    "SearchResults",
    "SearchUnavailable",
    "check",
    "count",
    "ensure",
    "index",
    "rebuild",
    "related",
    "remove",
    "search",
    "warm_up",
]


def search(*, params: SearchParams, using: str = "default") -> SearchResults:
    """One page of matching sections plus facet counts.

    Sorting: "relevance" (BM25F; newest first when there is no text to rank by),
    "newest"/"oldest" (undated sections last).  A page past the end returns no hits
    but the real count and num_pages.
    """
    return engine(using=using).search(query=build_query(params=params))


def related(*, section_id: int, limit: int = 5, using: str = "default") -> list[int]:
    """Sections most like this one (its most distinctive words), other articles first.

    Sections of the same article are left out: the article page shows them anyway.
    An unknown or unindexed section has no related sections.
    """
    section = Section.objects.filter(pk=section_id).select_related("article").first()
    if section is None:
        return []
    return engine(using=using).related(section=section, limit=limit)


def count(*, using: str = "default") -> int:
    """Sections in the index (for /healthz)."""
    return engine(using=using).count()


def warm_up(*, using: str = "default", tick: Callable[[], object] = lambda: None) -> None:
    """Read what every search needs ahead of the first reader (a gunicorn worker's start).

    ``tick`` is called after each step (gunicorn's heartbeat: a worker that stays silent
    for its timeout while warming up would be killed).
    """
    engine(using=using).warm_up(tick=tick)


def check(*, using: str = "default", batch_size: int = BATCH_SIZE) -> IndexCheck:
    """Sections missing from, stale in or orphaned in the index."""
    return engine(using=using).check(batch_size=batch_size)


def index(*, section_ids: Iterable[int], using: str = "default") -> int:
    """(Re)index these sections; ids that no longer exist are removed.  Returns how many were indexed.

    Called by the queue's single writer (search.queue.drain), not by request code."""
    return engine(using=using).index(section_ids=section_ids)


def remove(*, section_ids: Iterable[int], using: str = "default") -> None:
    """Drop these sections from the index (whether or not their rows still exist)."""
    engine(using=using).remove(section_ids=section_ids)


def rebuild(
    *,
    using: str = "default",
    batch_size: int = BATCH_SIZE,
    procs: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Empty the index and index every section again.  Returns the number indexed.

    ``procs``: analysing processes (engine default); ``progress`` is called with
    ("index", done, total) after each batch, then ("commit", done, total).
    """
    return engine(using=using).rebuild(batch_size=batch_size, procs=procs, progress=progress)


def ensure(*, force: bool = False, using: str = "default", progress: Progress | None = None) -> int | None:
    """Rebuild when forced, missing or stale; the number indexed, or None if it was current."""
    return engine(using=using).ensure(force=force, progress=progress)
