"""Haystack backend: haystack's Whoosh backend with Chinese analysis and exact facets.

Differences from the stock ``haystack.backends.whoosh_backend``:

* Text fields use ``JiebaAnalyzer`` with positions (phrase queries work) instead of
  the English ``StemmingAnalyzer``; the document field also gets a shadow
  ``<name>_ngram`` field analysed into character bigrams for partial words.
* Facet/filter fields keep exact values (whoosh ID/KEYWORD, no lower-casing or
  stemming): the stock backend runs single-valued char fields, facet fields
  included, through the stemmer, so counted values came back altered.
* Multi-valued fields are handed to whoosh as lists, so a value is never split or
  re-tokenised; the stored copy stays comma-joined for haystack's result loader.
* Errors are raised, never logged and swallowed: SILENTLY_FAIL is forced off, and
  writers wait a bounded time for the index lock and then raise ``LockError``
  (the stock remove() gave up at once under contention and only logged it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from haystack import connections
from haystack.backends.whoosh_backend import WhooshSearchBackend
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SearchBackendError, SkipDocument
from haystack.utils import get_identifier, get_model_ct
from whoosh.fields import (
    BOOLEAN,
    DATETIME,
    KEYWORD,
    NGRAM,
    NGRAMWORDS,
    NUMERIC,
    STORED,
    TEXT,
    FieldType,
    Schema,
)
from whoosh.fields import ID as WHOOSH_ID
from whoosh.index import Index
from whoosh.writing import IndexWriter

from search.facets import FACET_FIELDS

# The shadow field's suffix is shared with the query builder, which finds it by name.
from search.fieldnames import NGRAM_SUFFIX

from .analyzers import BigramAnalyzer, JiebaAnalyzer
from .bulkwrite import fill_index

DEFAULT_WRITE_LOCK_TIMEOUT = 10.0  # seconds a writer waits for another process's lock


def is_exact(field: Any) -> bool:
    """Whether a haystack field's values must be indexed verbatim."""
    if field.field_type != "string":
        return False
    return bool(
        getattr(field, "exact", False)
        or getattr(field, "facet_for", None)
        or field.index_fieldname in FACET_FIELDS
    )


def _whoosh_field(field: Any, *, document: bool) -> FieldType:  # noqa: PLR0911  (one return per field type)
    boost = field.boost
    if is_exact(field):
        if field.is_multivalued:
            # commas=True only matters to haystack's string query parser; documents
            # arrive as lists.  scorable=False: a filter must not change ranking.
            return KEYWORD(stored=True, commas=True, lowercase=False, scorable=False)
        return WHOOSH_ID(stored=True, sortable=True)
    if field.is_multivalued:
        return KEYWORD(stored=True, commas=True, lowercase=False, scorable=True, field_boost=boost)
    kind = field.field_type
    if kind in ("date", "datetime"):
        return DATETIME(stored=field.stored, sortable=True)
    if kind == "integer":
        number = NUMERIC(numtype=int, bits=64, stored=field.stored, sortable=True, field_boost=boost)
        # haystack's indexed=False: stored and sortable (a column) but no postings.
        number.indexed = field.indexed
        return number
    if kind == "float":
        # Not sortable: Whoosh 2.7 cannot write a float column (struct.error on its
        # default value) -- found by haystack's own suite (tests/search/test_haystack_suite.py).
        return NUMERIC(numtype=float, stored=field.stored, field_boost=boost)
    if kind == "boolean":
        return BOOLEAN(stored=field.stored)
    if kind == "ngram":
        return NGRAM(minsize=3, maxsize=15, stored=field.stored, field_boost=boost)
    if kind == "edge_ngram":
        return NGRAMWORDS(minsize=2, maxsize=15, at="start", stored=field.stored, field_boost=boost)
    if not field.indexed:
        return STORED()
    # multitoken_query="phrase": when haystack's own query parser meets a run of
    # Chinese that analyses into several words, it must keep them adjacent.
    return TEXT(
        # a field may bring its own analyzer (haystack's ``analyzer=`` option)
        analyzer=getattr(field, "analyzer", None) or JiebaAnalyzer(),
        phrase=True,
        stored=True,
        field_boost=boost,
        multitoken_query="phrase",
        sortable=not document,
    )


def _clean_values(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    seen: dict[str, None] = {}
    for item in value:
        text = str(item).strip()
        if text:
            seen.setdefault(text, None)
    return sorted(seen)


class ChineseWhooshBackend(WhooshSearchBackend):
    def __init__(self, connection_alias: str, **connection_options: Any) -> None:
        super().__init__(connection_alias, **connection_options)
        # Index failures must reach the caller (the queue's drain, management
        # commands), whatever the connection settings say.
        self.silently_fail = False
        self.write_lock_timeout = float(
            connection_options.get("WRITE_LOCK_TIMEOUT", DEFAULT_WRITE_LOCK_TIMEOUT)
        )
        self.exact_multi_fields: frozenset[str] = frozenset()
        self.exact_fields: frozenset[str] = frozenset()
        self.index: Index  # opened by setup() (haystack's WhooshSearchBackend leaves it untyped)

    # ------------------------------------------------------------------ schema

    @property
    def ngram_field_name(self) -> str:
        return self.content_field_name + NGRAM_SUFFIX

    def build_schema(self, fields: dict[str, Any]) -> tuple[str, Schema]:
        schema_fields: dict[str, FieldType] = {
            ID: WHOOSH_ID(stored=True, unique=True),
            DJANGO_CT: WHOOSH_ID(stored=True),
            DJANGO_ID: WHOOSH_ID(stored=True),
        }
        content_field_name = ""
        exact: set[str] = set()
        exact_multi: set[str] = set()
        for field in fields.values():
            name = field.index_fieldname
            schema_fields[name] = _whoosh_field(field, document=field.document)
            if field.document:
                content_field_name = name
            if is_exact(field):
                (exact_multi if field.is_multivalued else exact).add(name)
        if not content_field_name:
            raise SearchBackendError("No document=True field was found in any search index.")
        schema_fields[content_field_name + NGRAM_SUFFIX] = TEXT(
            analyzer=BigramAnalyzer(), phrase=True, stored=False
        )
        self.exact_fields, self.exact_multi_fields = frozenset(exact), frozenset(exact_multi)
        return content_field_name, Schema(**schema_fields)

    def ensure_setup(self) -> None:
        if not self.setup_complete:
            self.setup()

    # ------------------------------------------------------------------ writing

    @contextmanager
    def writer(self, *, optimize: bool = False, **options: Any) -> Iterator[IndexWriter]:
        """A writer that waits for the lock (bounded), commits, or cancels and raises.

        ``options`` go to Whoosh (e.g. ``procs``, ``limitmb`` for a bulk rebuild).
        """
        self.ensure_setup()
        self.index = self.index.refresh()
        # compound=False: a segment stays separate files instead of being copied into
        # one more file at commit (less I/O when building; readers map only what they use).
        options.setdefault("compound", False)
        writer = self.index.writer(timeout=self.write_lock_timeout, **options)
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        writer.commit(optimize=optimize)

    def whoosh_document(self, prepared: dict[str, Any]) -> dict[str, Any]:
        """Haystack's prepared data → keyword arguments for whoosh's update_document."""
        doc: dict[str, Any] = {}
        for key, value in prepared.items():
            if key == "boost":  # whoosh >= 2.5 has no document boosts
                continue
            if key in self.exact_multi_fields:
                values = _clean_values(value)
                doc[key] = values
                doc[f"_stored_{key}"] = ",".join(values)
            elif key in self.exact_fields:
                text = "" if value is None else str(value).strip()
                if text:  # an empty exact value would show up as a facet value ""
                    doc[key] = text
            else:
                doc[key] = self._from_python(value)
        if self.content_field_name in doc:
            doc[self.ngram_field_name] = doc[self.content_field_name]
        return doc

    def add_all(self, documents: Iterable[dict[str, Any]], *, procs: int = 1) -> None:
        """Add prepared documents to an EMPTY index (a rebuild), ``procs`` processes building segments.

        Not Whoosh's writer: see ``bulkwrite`` for why.
        """
        self.ensure_setup()
        fill_index(self.index, documents, procs=procs, lock_timeout=self.write_lock_timeout)
        self.index = self.index.refresh()

    def update(self, index: Any, iterable: Iterable[Any], commit: bool = True) -> None:
        self.ensure_setup()
        # Prepare (database work) before taking the lock, to hold it briefly.
        documents = []
        for obj in iterable:
            try:
                documents.append(self.whoosh_document(index.full_prepare(obj)))
            except SkipDocument:
                continue
        if not documents:
            return
        with self.writer() as writer:
            for doc in documents:
                writer.update_document(**doc)

    def delete_identifiers(self, identifiers: Iterable[str]) -> None:
        identifiers = list(identifiers)
        if not identifiers:
            return
        with self.writer() as writer:
            for identifier in identifiers:
                writer.delete_by_term(ID, identifier)

    def remove(self, obj_or_string: Any, commit: bool = True) -> None:
        self.delete_identifiers([get_identifier(obj_or_string)])

    def optimize(self) -> None:
        """Merge all segments into one (fewer files to search after a rebuild)."""
        with self.writer(optimize=True):
            pass

    def clear(self, models: Any = None, commit: bool = True) -> None:
        self.ensure_setup()
        if models is None:
            self.delete_index()
            return
        with self.writer() as writer:
            for model in models:
                writer.delete_by_term(DJANGO_CT, get_model_ct(model))

    # ------------------------------------------------------------------ reading

    def fresh_index(self) -> Index:
        """The index, reopened if another writer has committed since we last looked."""
        self.ensure_setup()
        self.index = self.index.refresh()
        return self.index

    def document_count(self) -> int:
        return self.fresh_index().doc_count()


def get_backend(*, using: str = "default") -> ChineseWhooshBackend:
    """The (thread-local) backend of a haystack connection, set up and ready."""
    backend = connections[using].get_backend()
    if not isinstance(backend, ChineseWhooshBackend):
        raise SearchBackendError(f"Connection {using!r} does not use ChineseWhooshBackend.")
    backend.ensure_setup()
    return backend


__all__ = ["NGRAM_SUFFIX", "ChineseWhooshBackend", "get_backend", "is_exact"]
