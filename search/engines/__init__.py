"""Search engines behind one interface (base.SearchEngine), chosen by configuration.

``HAYSTACK_CONNECTIONS[using]["ENGINE"]`` names a haystack engine class (haystack
still defines the index fields and writes documents); that class carries the
archive's engine for it as ``archive_engine`` (the dotted path of a SearchEngine).  An engine lives in its own package
(search/engines/whoosh/) and only there uses its library.
"""

from __future__ import annotations

import threading

from django.utils.module_loading import import_string
from haystack import connections

from .base import SearchEngine, SearchUnavailable

__all__ = ["SearchEngine", "SearchUnavailable", "engine"]

_engines: dict[str, SearchEngine] = {}
_lock = threading.Lock()


def engine(*, using: str = "default") -> SearchEngine:
    """The archive engine of a haystack connection (one per connection and process)."""
    found = _engines.get(using)
    if found is None:
        haystack_engine = type(connections[using])
        path = getattr(haystack_engine, "archive_engine", None)
        if path is None:
            raise LookupError(
                f"{haystack_engine.__module__}.{haystack_engine.__qualname__} (connection {using!r}) "
                "has no archive_engine: the archive cannot search with it"
            )
        implementation = import_string(path)
        with _lock:
            found = _engines.setdefault(using, implementation(using=using))
    return found
