"""The path past one machine: Elasticsearch 7 through haystack, with the archive's own analysis.

Elasticsearch never cuts Chinese itself. Documents are indexed pre-analysed — the jieba words of
each text field and the character bigrams of the document, space-joined — into fields whose
analyser only splits on whitespace, and queries are cut by the same `search.analysis` functions.
So a word, a phrase or a partial word matches exactly what it matches in the Whoosh index, and
facet fields are keywords that come back as stored. Snippets are made by `search.snippets` from the
stored body, as on one machine.

Select it with HAYSTACK_CONNECTIONS = {"default": {"ENGINE":
"search.elasticsearch.ChineseElasticsearchEngine", "URL": "http://…:9200/", "INDEX_NAME": "archive"}}.
"""

from __future__ import annotations

from typing import Any

from haystack.backends import BaseEngine
from haystack.backends.elasticsearch7_backend import Elasticsearch7SearchBackend, Elasticsearch7SearchQuery

from .analysis import bigrams, words
from .backend import is_exact
from .facets import FACETS
from .fieldnames import NGRAM_SUFFIX
from .query import ParsedQuery, SearchParams, parse_query_text

PRETOKENIZED = "archive_pretokenized"
WORD_BOOST = 3.0  # whole-word matches rank above partial (bigram) matches, as in Whoosh
HEADING_BOOSTS = {"headline": 3.0, "heading": 2.0}


def _word_text(text: str) -> str:
    return " ".join(words(text))


def _bigram_text(text: str) -> str:
    return " ".join(bigrams(text))


class ChineseElasticsearchBackend(Elasticsearch7SearchBackend):
    DEFAULT_SETTINGS = {
        "settings": {
            "analysis": {
                "analyzer": {
                    # tokens arrive already cut and normalised by search.analysis
                    PRETOKENIZED: {"type": "custom", "tokenizer": "whitespace"},
                }
            }
        }
    }

    def build_schema(self, fields: dict[str, Any]) -> tuple[str, dict]:
        content_field_name, mapping = super().build_schema(fields)
        for field in fields.values():
            name = field.index_fieldname
            if is_exact(field) or getattr(field, "faceted", False):
                mapping[name] = {"type": "keyword"}
            elif mapping.get(name, {}).get("type") == "text":
                mapping[name] = {"type": "text", "analyzer": PRETOKENIZED}
        mapping[content_field_name + NGRAM_SUFFIX] = {"type": "text", "analyzer": PRETOKENIZED}
        # the original text, for snippets; not searched
        mapping["body"] = {"type": "text", "index": False}
        return content_field_name, mapping

    def _prepare_object(self, index: Any, obj: Any) -> dict:
        return pretokenize(
            prepared=index.full_prepare(obj), fields=index.fields, content_field=self.content_field_name
        )


def pretokenize(*, prepared: dict, fields: dict[str, Any], content_field: str) -> dict:
    """The document as Elasticsearch receives it: analysed text fields become space-joined tokens."""
    document = dict(prepared)
    for field in fields.values():
        value = prepared.get(field.index_fieldname)
        if field.field_type == "string" and not is_exact(field) and isinstance(value, str):
            document[field.index_fieldname] = _word_text(value)
    text = prepared.get(content_field) or ""
    document[content_field + NGRAM_SUFFIX] = _bigram_text(text)
    document.setdefault("body", prepared.get("body") or text)
    return document


def _clause_query(text: str, *, content_field: str) -> dict | None:
    word_text, bigram_text = _word_text(text), _bigram_text(text)
    should = []
    if word_text:
        should.append({"match_phrase": {content_field: {"query": word_text, "boost": WORD_BOOST}}})
        should += [
            {"match_phrase": {field: {"query": word_text, "boost": boost}}}
            for field, boost in HEADING_BOOSTS.items()
        ]
    if bigram_text:
        should.append({"match_phrase": {content_field + NGRAM_SUFFIX: {"query": bigram_text}}})
    return {"bool": {"should": should, "minimum_should_match": 1}} if should else None


def text_query(*, parsed: ParsedQuery, content_field: str = "text") -> dict:
    """Words ANDed, OR inside a group, -excluded, phrases as phrases: the same language as Whoosh."""
    must = []
    for group in parsed.groups:
        options = [q for clause in group if (q := _clause_query(clause.text, content_field=content_field))]
        if options:
            must.append(
                options[0] if len(options) == 1 else {"bool": {"should": options, "minimum_should_match": 1}}
            )
    must_not = [
        q for clause in parsed.excluded if (q := _clause_query(clause.text, content_field=content_field))
    ]
    if not must and not must_not:
        return {"match_all": {}}
    query: dict = {"bool": {}}
    if must:
        query["bool"]["must"] = must
    else:
        query["bool"]["must"] = [{"match_all": {}}]
    if must_not:
        query["bool"]["must_not"] = must_not
    return query


def _filter(filters: dict[str, tuple[str, ...]], *, skip: str | None = None) -> list[dict]:
    clauses = []
    for facet in FACETS:
        values = filters.get(facet.param, ())
        if values and facet.param != skip:
            clauses.append({"terms": {facet.field: list(values)}})  # several values: any of them
    return clauses


def search_body(*, params: SearchParams, content_field: str = "text", facet_size: int = 50) -> dict:
    """The request body for one page of results with disjunctive facet counts.

    Selected filters narrow the hits through post_filter, and each facet's counts apply every filter
    but its own, so selecting a second city still shows the first city's count.
    """
    parsed = parse_query_text(q=params.q)
    query = text_query(parsed=parsed, content_field=content_field)
    if params.has_date_range:
        dates = {
            bound: day.isoformat()
            for bound, day in (("gte", params.date_from), ("lte", params.date_to))
            if day is not None
        }
        # in the query, not the post_filter: every facet counts within the chosen dates
        query = {"bool": {"must": [query], "filter": [{"range": {"date": dates}}]}}
    body: dict = {
        "query": query,
        "from": (params.page - 1) * params.per_page,
        "size": params.per_page,
        "track_total_hits": True,
        "_source": ["django_id", "article_id", "body", "headline", "heading"],
        "aggs": {},
    }
    filters = _filter(params.filters)
    if filters:
        body["post_filter"] = {"bool": {"filter": filters}}
    for facet in FACETS:
        others = _filter(params.filters, skip=facet.param)
        terms = {"terms": {"field": facet.field, "size": facet_size}}
        body["aggs"][facet.param] = (
            {"filter": {"bool": {"filter": others}}, "aggs": {"values": terms}} if others else terms
        )
    if params.sort in ("newest", "oldest") or (params.sort == "relevance" and parsed.is_empty):
        order = "asc" if params.sort == "oldest" else "desc"
        body["sort"] = [{"has_date": "desc"}, {"date": order}, {"order": "asc"}]
    return body


class ChineseElasticsearchEngine(BaseEngine):
    backend = ChineseElasticsearchBackend
    query = Elasticsearch7SearchQuery
