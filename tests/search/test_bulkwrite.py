"""The bulk writer makes the same index Whoosh's own writer makes, only faster."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from whoosh.index import create_in

from search.engines.whoosh.analyzers import BigramAnalyzer, JiebaAnalyzer
from search.engines.whoosh.backend import get_backend
from search.engines.whoosh.bulkwrite import _field_postings, fill_index

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
CITIES = ("包头市", "鄂尔多斯市", "和林格尔县", "朝阳区")


def _documents() -> list[dict]:
    paragraphs = [
        line.strip()
        for path in sorted(SEEDS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) > 1
    ]
    docs = []
    for number, text in enumerate(paragraphs, start=1):
        cities = sorted(CITIES[: number % 4])
        docs.append(
            {
                "id": f"archive.section.{number}",
                "django_ct": "archive.section",
                "django_id": str(number),
                "text": text,
                "text_ngram": text,
                "headline": text[:12],
                "heading": text[3:9] if number % 3 else None,
                "body": text,
                "article_id": number // 5,
                "order": number % 5,
                "kind": "body",
                "city": cities,
                "_stored_city": ",".join(cities),
                "year": str(2000 + number % 20),
                "date": dt.datetime(2000 + number % 20, 1 + number % 12, 1) if number % 7 else None,
                "has_date": int(bool(number % 7)),
            }
        )
    return docs


def _contents(index) -> dict:
    """Everything a reader can see, keyed by stored id so segment layout does not matter."""
    with index.searcher() as searcher:
        reader = searcher.reader()
        key = {docnum: fields["id"] for docnum, fields in reader.iter_docs()}
        postings = {}
        for fieldname, tbytes in reader.all_terms():
            matcher = reader.postings(fieldname, tbytes)
            entries = []
            while matcher.is_active():
                entries.append((key[matcher.id()], round(matcher.weight(), 4), matcher.value()))
                matcher.next()
            postings[(fieldname, tbytes)] = sorted(entries)
        stored = {key[d]: fields for d, fields in reader.iter_docs()}
        lengths = {
            (key[d], name): reader.doc_field_length(d, name)
            for d in key
            for name in ("text", "text_ngram", "headline", "heading")
        }
        columns = {}
        for name in ("date", "order", "article_id", "has_date", "headline"):
            column = reader.column_reader(name, translate=False)
            columns[name] = {key[d]: column[d] for d in key}
        totals = {name: reader.field_length(name) for name in ("text", "text_ngram", "headline")}
    return {"postings": postings, "stored": stored, "lengths": lengths, "columns": columns, "totals": totals}


pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():  # the backend reads the tag trees when it sets up
        return get_backend().schema


@pytest.fixture(scope="module")
def whoosh_made(tmp_path_factory, schema):
    index = create_in(str(tmp_path_factory.mktemp("whoosh")), schema)
    with index.writer() as writer:
        for doc in _documents():
            writer.add_document(**doc)
    return _contents(index)


@pytest.mark.parametrize(("procs", "segment_docs"), [(1, 100_000), (1, 37), (2, 50)])
def test_the_bulk_writer_writes_what_whoosh_writes(whoosh_made, schema, tmp_path, procs, segment_docs):
    index = create_in(str(tmp_path), schema)
    segments = fill_index(index, iter(_documents()), procs=procs, segment_docs=segment_docs)
    index = index.refresh()
    assert len(index._segments()) == segments >= (1 if segment_docs > 1000 else 2)
    ours = _contents(index)
    assert ours["stored"] == whoosh_made["stored"]
    assert ours["lengths"] == whoosh_made["lengths"]
    assert ours["columns"] == whoosh_made["columns"]
    assert ours["totals"] == whoosh_made["totals"]
    assert ours["postings"].keys() == whoosh_made["postings"].keys()
    assert ours["postings"] == whoosh_made["postings"]


def test_a_bad_document_fails_the_fill_and_leaves_the_index_empty(schema, tmp_path):
    index = create_in(str(tmp_path), schema)
    docs = [*_documents()[:300], {"id": "x", "no_such_field": "値"}]
    for procs in (1, 2):
        with pytest.raises((KeyError, RuntimeError)):
            fill_index(index, iter(docs), procs=procs, segment_docs=100)
        assert index.refresh().doc_count() == 0
        lock = index.lock("WRITELOCK")
        assert lock.acquire()  # released after the failure
        lock.release()


@pytest.mark.parametrize(("name", "analyzer"), [("text", JiebaAnalyzer), ("text_ngram", BigramAnalyzer)])
def test_the_grouped_shortcut_gives_the_fields_own_postings(schema, name, analyzer):
    field = schema[name]
    assert isinstance(field.analyzer, analyzer)  # the shortcut is taken for this field
    for doc in _documents()[:200]:
        shortcut = sorted(_field_postings(field, doc["text"]))
        assert shortcut == sorted(field.index(doc["text"]))
