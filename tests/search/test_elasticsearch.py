"""Contract tests of the Elasticsearch path: mappings and queries, no cluster needed.

With ELASTICSEARCH_URL set, the same searches also run against that cluster.
"""

import datetime as dt
import os
import uuid

import pytest
from haystack import connections

from search.analysis import words
from search.elasticsearch import PRETOKENIZED, ChineseElasticsearchBackend, pretokenize, search_body
from search.query import SearchParams


def _params(q="", **filters):
    return SearchParams(
        q=q, filters={k: tuple(v) for k, v in filters.items()}, sort="relevance", page=1, per_page=20
    )


@pytest.fixture(scope="module")
def fields():
    return connections["default"].get_unified_index().all_searchfields()


@pytest.fixture
def backend():
    return ChineseElasticsearchBackend("default", URL="http://127.0.0.1:9/", INDEX_NAME="archive-contract")


def test_text_fields_are_pretokenized_and_facets_are_keywords(backend, fields):
    content_field, mapping = backend.build_schema(fields)
    assert content_field == "text"
    for name in ("text", "headline", "heading", "text_ngram"):
        assert mapping[name] == {"type": "text", "analyzer": PRETOKENIZED}, name
    for name in ("city", "theme", "publication", "year"):
        assert mapping[name] == {"type": "keyword"}, name
    analyzer = backend.DEFAULT_SETTINGS["settings"]["analysis"]["analyzer"][PRETOKENIZED]
    assert analyzer["tokenizer"] == "whitespace"


def test_documents_carry_the_archives_own_tokens(fields):
    prepared = {
        "text": "和林格尔新区数据中心投产",
        "headline": "京蒙协作",
        "city": ["呼和浩特市"],
        "body": "原文",
    }
    doc = pretokenize(prepared=prepared, fields=fields, content_field="text")
    assert doc["text"].split() == words("和林格尔新区数据中心投产")
    assert doc["text_ngram"].split()[:2] == ["和林", "林格"]
    assert doc["city"] == ["呼和浩特市"] and doc["body"] == "原文"


def test_a_phrase_is_a_phrase_of_the_same_tokens_and_a_partial_word_uses_bigrams():
    must = search_body(params=_params('"绿色算力"'))["query"]["bool"]["must"]
    should = must[0]["bool"]["should"]
    assert {"match_phrase": {"text": {"query": " ".join(words("绿色算力")), "boost": 3.0}}} in should
    assert {"match_phrase": {"text_ngram": {"query": "绿色 色算 算力"}}} in should


def test_excluded_words_and_or_groups():
    query = search_body(params=_params("包头 OR 赤峰 -稀土"))["query"]["bool"]
    assert len(query["must"]) == 1 and len(query["must"][0]["bool"]["should"]) == 2
    assert len(query["must_not"]) == 1


def test_an_empty_query_browses_everything_newest_first():
    body = search_body(params=_params(city=["包头市"]))
    assert body["query"] == {"match_all": {}} and body["sort"][1] == {"date": "desc"}


def test_filters_or_within_a_facet_and_facet_counts_ignore_only_their_own_filter():
    body = search_body(params=_params("京蒙", city=["包头市", "赤峰市"], theme=["金融"]))
    assert {"terms": {"city": ["包头市", "赤峰市"]}} in body["post_filter"]["bool"]["filter"]
    city_agg = body["aggs"]["city"]
    assert city_agg["filter"]["bool"]["filter"] == [{"terms": {"theme": ["金融"]}}]
    theme_agg = body["aggs"]["theme"]
    assert theme_agg["filter"]["bool"]["filter"] == [{"terms": {"city": ["包头市", "赤峰市"]}}]
    assert body["aggs"]["year"]["filter"]["bool"]["filter"] == [
        {"terms": {"city": ["包头市", "赤峰市"]}},
        {"terms": {"theme": ["金融"]}},
    ]


def test_paging():
    body = search_body(params=SearchParams(q="", filters={}, sort="oldest", page=3, per_page=20))
    assert (body["from"], body["size"], body["sort"][1]) == (40, 20, {"date": "asc"})


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set")
@pytest.mark.django_db
def test_live_cluster_finds_what_whoosh_finds():  # pragma: no cover - needs a cluster
    from archive.models import Section
    from search.search_indexes import SectionIndex
    from search.services import search_sections

    name = f"archive-test-{uuid.uuid4().hex[:8]}"
    es = ChineseElasticsearchBackend("default", URL=os.environ["ELASTICSEARCH_URL"], INDEX_NAME=name)
    index = SectionIndex()
    es.update(index, index.index_queryset().all())
    try:
        for q in ("和林格尔", "尔多斯", '"绿色算力"'):
            hits = es.conn.search(index=name, body=search_body(params=_params(q)))["hits"]["hits"]
            es_ids = {int(h["_source"]["django_id"]) for h in hits}
            whoosh_ids = {h.section_id for h in search_sections(params=_params(q)).hits}
            assert es_ids == whoosh_ids, q
        assert Section.objects.exists()
    finally:
        es.conn.indices.delete(index=name, ignore=[404])


def test_a_date_range_filters_the_query_so_every_facet_counts_within_it():
    params = SearchParams(
        q="", filters={}, sort="relevance", page=1, per_page=20, date_from=dt.date(2025, 3, 1), date_to=None
    )
    body = search_body(params=params)
    assert body["query"]["bool"]["filter"] == [{"range": {"date": {"gte": "2025-03-01"}}}]
    assert "post_filter" not in body
