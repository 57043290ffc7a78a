"""The haystack engine: schema, haystack's own API, and errors that surface."""

from __future__ import annotations

import pickle
from io import StringIO

import pytest
from django.core.management import call_command
from haystack.query import SearchQuerySet
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, TEXT
from whoosh.index import LockError

from archive.models import Section
from search import services
from search.engines.whoosh.analyzers import BigramAnalyzer, JiebaAnalyzer
from search.engines.whoosh.backend import get_backend

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_sections(clean_index, make_section):
    first = make_section(
        "和林格尔新区建设绿色算力基地", headline="京蒙协作", cities=("和林格尔县",), publication="China Daily"
    )
    second = make_section("包头市发展稀土产业", cities=("包头市",), date=None)
    services.index(section_ids=[first.pk, second.pk])
    return first, second


def test_text_fields_use_jieba_with_positions_and_the_document_has_a_bigram_shadow(clean_index):
    schema = get_backend().schema
    for name in ("text", "headline", "heading"):
        assert isinstance(schema[name], TEXT)
        assert isinstance(schema[name].analyzer, JiebaAnalyzer)
        assert schema[name].format.supports("positions")
    assert isinstance(schema["text_ngram"].analyzer, BigramAnalyzer)
    assert schema["text_ngram"].format.supports("positions")


def test_facet_fields_are_exact_unanalysed_fields(clean_index):
    schema = get_backend().schema
    for name in ("city", "theme"):
        assert isinstance(schema[name], KEYWORD) and not schema[name].analyzer.__class__.__name__.startswith(
            "Stem"
        )
        assert [t.text for t in schema[name].analyzer("China Daily,包头市")] == ["China Daily", "包头市"]
    assert isinstance(schema["publication"], ID) and isinstance(schema["year"], ID)
    assert isinstance(schema["article_id"], NUMERIC) and isinstance(schema["date"], DATETIME)


def test_the_schema_survives_pickling_as_whoosh_stores_it(clean_index):
    schema = get_backend().schema
    assert pickle.loads(pickle.dumps(schema)).names() == schema.names()


def test_errors_are_not_swallowed():
    assert get_backend().silently_fail is False


def test_haystack_auto_query_and_filters_work(two_sections):
    first, second = two_sections
    sqs = SearchQuerySet()
    assert [int(r.pk) for r in sqs.auto_query("绿色算力")] == [first.pk]
    assert [int(r.pk) for r in sqs.filter(city="呼和浩特市")] == [first.pk]
    assert [int(r.pk) for r in sqs.filter(publication__exact="China Daily")] == [first.pk]
    assert sqs.all().count() == 2


def test_haystack_facet_counts_are_exact_values(two_sections):
    counts = SearchQuerySet().facet("city").facet("publication").facet_counts()["fields"]
    assert ("China Daily", 1) in counts["publication"]
    assert ("包头市", 1) in counts["city"]


def test_haystack_results_give_back_multi_valued_fields_as_lists(two_sections):
    (result,) = SearchQuerySet().filter(city="包头市")
    assert result.city == ["包头市"]  # the region root is never a facet value


def test_rebuild_index_and_update_index_commands_index_every_section(clean_index, make_section):
    make_section("新的段落")
    call_command("rebuild_index", interactive=False, stdout=StringIO())
    assert services.count() == Section.objects.count()
    call_command("update_index", stdout=StringIO())
    assert services.count() == Section.objects.count()


def test_removal_under_lock_contention_raises_instead_of_failing_silently(two_sections):
    backend = get_backend()
    backend.write_lock_timeout = 0.2
    held = backend.index.writer()  # another writer holds the lock
    try:
        with pytest.raises(LockError):
            services.remove(section_ids=[two_sections[0].pk])
        with pytest.raises(LockError):
            backend.remove(two_sections[0])
    finally:
        held.cancel()
        backend.write_lock_timeout = 10.0
    assert services.count() == 2
