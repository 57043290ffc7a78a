"""The same corpus and queries in SQLite FTS5, tantivy and a Django ORM icontains scan.

FTS5 and tantivy are fed the tokens our analyzers produce (words and bigrams,
space-separated), so the comparison is of engines, not of tokenisers.  Each query
returns 20 hits plus city/theme/year counts, like ours.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass

from search.analysis import bigrams, words

PAGE = 20
FACETS = ("city", "theme", "year")


@dataclass(frozen=True)
class Doc:
    docid: int
    words: str  # space-separated word tokens
    grams: str  # space-separated bigram tokens
    city: tuple[str, ...]
    theme: tuple[str, ...]
    year: str
    text: str


@dataclass(frozen=True)
class PeerQuery:
    clauses: tuple[str, ...]  # each clause: words as a phrase OR its bigrams as a phrase
    filters: dict[str, tuple[str, ...]]
    page: int


def _clause_tokens(clause: str) -> tuple[list[str], list[str]]:
    return words(clause), bigrams(clause)


# --------------------------------------------------------------------------- SQLite FTS5


class Fts5:
    def __init__(self, docs: Sequence[Doc]) -> None:
        self.db = sqlite3.connect(":memory:")
        # Our tokens are already cut; unicode61 must only split them at spaces.
        self.db.execute(
            "CREATE VIRTUAL TABLE fts USING fts5(words, grams, tokenize=\"unicode61 tokenchars '.%_-'\")"
        )
        self.db.execute("CREATE TABLE tags (doc INTEGER, facet TEXT, value TEXT)")
        self.db.executemany(
            "INSERT INTO fts(rowid, words, grams) VALUES (?, ?, ?)",
            ((d.docid, d.words, d.grams) for d in docs),
        )
        rows = [
            (d.docid, facet, value)
            for d in docs
            for facet, values in (("city", d.city), ("theme", d.theme), ("year", (d.year,)))
            for value in values
        ]
        self.db.executemany("INSERT INTO tags VALUES (?, ?, ?)", rows)
        self.db.execute("CREATE INDEX tags_doc ON tags(doc, facet, value)")
        self.db.execute("CREATE INDEX tags_value ON tags(facet, value, doc)")
        self.db.execute("CREATE TABLE docs (id INTEGER PRIMARY KEY)")
        self.db.executemany("INSERT INTO docs VALUES (?)", ((d.docid,) for d in docs))
        self.db.commit()

    @staticmethod
    def _match(query: PeerQuery) -> str:
        def phrase(tokens: list[str]) -> str:
            return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'

        parts = []
        for clause in query.clauses:
            word_tokens, gram_tokens = _clause_tokens(clause)
            options = [f"words : {phrase(word_tokens)}"] if word_tokens else []
            options += [f"grams : {phrase(gram_tokens)}"] if gram_tokens else []
            parts.append("(" + " OR ".join(options) + ")")
        return " AND ".join(parts)

    def search(self, query: PeerQuery) -> tuple[int, list[int], dict[str, dict[str, int]]]:
        """Count, one page and facet counts, each as one SQL statement over indexed tables.

        The page is FTS5's own top-k: ``ORDER BY bm25(…) LIMIT`` (only the page is
        sorted); the matching ids go once into a keyed temp table that the count and
        the facet counts (a join on the covering ``tags(doc, facet, value)`` index)
        read.  Browsing with no text counts straight from the ``tags(facet, value)`` index.
        """
        offset = (query.page - 1) * PAGE
        filters, filter_args = [], []
        for facet, values in query.filters.items():
            marks = ",".join("?" * len(values))
            filters.append(f"IN (SELECT doc FROM tags WHERE facet = ? AND value IN ({marks}))")
            filter_args += [facet, *values]
        counts: dict[str, dict[str, int]] = {f: {} for f in FACETS}
        if not query.clauses and not filters:
            count = self.db.execute("SELECT count(*) FROM docs").fetchone()[0]
            page = self.db.execute(
                "SELECT id FROM docs ORDER BY id DESC LIMIT ? OFFSET ?", (PAGE, offset)
            ).fetchall()
            rows = self.db.execute("SELECT facet, value, count(*) FROM tags GROUP BY facet, value")
            for facet, value, n in rows:
                counts[facet][value] = n
            return count, [row[0] for row in page], counts
        if query.clauses:
            source, args = "SELECT rowid AS id FROM fts WHERE fts MATCH ?", [self._match(query)]
            # "+rowid": the filter is checked per FTS5 match, not handed to FTS5 as a
            # rowid constraint (which makes it evaluate MATCH once per filtered row).
            where = [f"+rowid {f}" for f in filters]
        else:
            source, args = "SELECT id FROM docs WHERE 1", []
            where = [f"id {f}" for f in filters]
        matched = " AND ".join([source, *where]) if where else source
        args += filter_args
        self.db.execute("DROP TABLE IF EXISTS temp.hits")
        self.db.execute("CREATE TEMP TABLE hits (id INTEGER PRIMARY KEY)")
        self.db.execute(f"INSERT INTO temp.hits {matched}", args)
        count = self.db.execute("SELECT count(*) FROM temp.hits").fetchone()[0]
        if query.clauses:
            ranked = matched.replace("SELECT rowid AS id", "SELECT rowid", 1)
            page = self.db.execute(
                f"{ranked} ORDER BY bm25(fts, 2.0, 1.0) LIMIT ? OFFSET ?", [*args, PAGE, offset]
            )
        else:
            page = self.db.execute(
                "SELECT id FROM temp.hits ORDER BY id DESC LIMIT ? OFFSET ?", (PAGE, offset)
            )
        page_ids = [row[0] for row in page]
        rows = self.db.execute(
            "SELECT t.facet, t.value, count(*) FROM temp.hits h JOIN tags t ON t.doc = h.id "
            "GROUP BY t.facet, t.value"
        )
        for facet, value, n in rows:
            counts[facet][value] = n
        return count, page_ids, counts


# --------------------------------------------------------------------------- tantivy


class Tantivy:
    def __init__(self, docs: Sequence[Doc]) -> None:
        import tantivy

        self.tantivy = tantivy
        builder = tantivy.SchemaBuilder()
        builder.add_integer_field("docid", stored=True, indexed=True, fast=True)
        builder.add_text_field("words", tokenizer_name="whitespace", index_option="position")
        builder.add_text_field("grams", tokenizer_name="whitespace", index_option="position")
        for facet in FACETS:
            builder.add_text_field(facet, tokenizer_name="raw", fast=True)
        self.schema = builder.build()
        self.dir = tempfile.TemporaryDirectory(prefix="bench-tantivy-")
        self.index = tantivy.Index(self.schema, path=self.dir.name)
        writer = self.index.writer(heap_size=200_000_000, num_threads=2)
        for d in docs:
            doc = tantivy.Document(docid=d.docid, words=d.words, grams=d.grams, year=d.year)
            for facet in ("city", "theme"):
                for value in getattr(d, facet):
                    doc.add_text(facet, value)
            writer.add_document(doc)
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()

    def _query(self, query: PeerQuery):
        t = self.tantivy
        must = []
        for clause in query.clauses:
            options = []
            for field, tokens in zip(("words", "grams"), _clause_tokens(clause), strict=True):
                if len(tokens) == 1:
                    options.append(t.Query.term_query(self.schema, field, tokens[0]))
                elif tokens:
                    options.append(t.Query.phrase_query(self.schema, field, tokens))
            must.append(t.Query.boolean_query([(t.Occur.Should, q) for q in options]))
        for facet, values in query.filters.items():
            either = [(t.Occur.Should, t.Query.term_query(self.schema, facet, v)) for v in values]
            must.append(t.Query.boolean_query(either))
        if not must:
            return t.Query.all_query()
        return t.Query.boolean_query([(t.Occur.Must, q) for q in must])

    def search(self, query: PeerQuery) -> tuple[int, list[int], dict[str, dict[str, int]]]:
        searcher = self.index.searcher()
        q = self._query(query)
        found = searcher.search(q, PAGE, count=True, offset=(query.page - 1) * PAGE)
        hits = [searcher.doc(address)["docid"][0] for _, address in found.hits]
        agg = {f: {"terms": {"field": f, "size": 500}} for f in FACETS}
        result = searcher.aggregate(q, agg)
        counts = {f: {b["key"]: b["doc_count"] for b in result[f]["buckets"]} for f in FACETS}
        return found.count, hits, counts


# --------------------------------------------------------------------------- ORM icontains


class OrmIcontains:
    """What a site without a search engine would do: LIKE '%…%' over the sections table."""

    def search(self, query: PeerQuery) -> tuple[int, list[int], dict[str, dict[str, int]]]:
        from django.db.models import Count

        from archive.models import Section, SectionCity, SectionTheme

        sections = Section.objects.all()
        for clause in query.clauses:
            sections = sections.filter(text__icontains=clause)
        if "city" in query.filters:
            sections = sections.filter(city_tags__city__name__in=query.filters["city"]).distinct()
        ids = list(sections.values_list("id", flat=True))
        offset = (query.page - 1) * PAGE
        hits = ids[offset : offset + PAGE]
        counts: dict[str, dict[str, int]] = {"city": {}, "theme": {}, "year": {}}
        for model, facet, column in (
            (SectionCity, "city", "city__name"),
            (SectionTheme, "theme", "theme__name"),
        ):
            rows = model.objects.filter(section_id__in=ids).values(column).annotate(n=Count("id"))
            counts[facet] = {row[column]: row["n"] for row in rows}
        return len(ids), hits, counts
