"""The Whoosh engine: the one package that uses Whoosh.

``ChineseWhooshEngine`` is what HAYSTACK_CONNECTIONS names: haystack's engine with
the archive's backend (analysis, exact facets, bounded-wait writers) and, as
``archive_engine``, the archive's search over the same index (search.engines.base).
"""

from __future__ import annotations

from haystack.backends import BaseEngine
from haystack.backends.whoosh_backend import WhooshSearchQuery

from .backend import ChineseWhooshBackend


class ChineseWhooshEngine(BaseEngine):
    backend = ChineseWhooshBackend
    query = WhooshSearchQuery
    # A path, imported on first use: the archive engine reads the archive's models, and haystack
    # loads this class in projects without them too (its own test suite, tests/search/haystack_suite).
    archive_engine = "search.engines.whoosh.engine.WhooshEngine"


__all__ = ["ChineseWhooshBackend", "ChineseWhooshEngine"]
