"""Every result of a search (not one page) as CSV or JSON, streamed so memory stays flat."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import replace

from django.http import HttpRequest, JsonResponse, StreamingHttpResponse

from archive.models import Section
from config.json import SafeJSONEncoder, json_response
from search.query import BadQuery, SearchParams, parse_params
from search.services import search

BATCH = 500
COLUMNS = (
    "section_id",
    "article_id",
    "url",
    "headline",
    "heading",
    "publication",
    "date",
    "page",
    "cities",
    "themes",
    "text",
)


def rows(*, params: SearchParams, base_url: str) -> Iterator[dict]:
    """Result rows in the search's own order, fetched a batch at a time."""
    page = 1
    while True:
        results = search(params=replace(params, page=page, per_page=BATCH))
        ids = [hit.section_id for hit in results.hits]
        sections = Section.objects.for_cards().in_bulk(ids)
        for section_id in ids:
            if section_id in sections:
                yield _row(sections[section_id], base_url)
        if page >= results.num_pages:
            return
        page += 1


def _row(section: Section, base_url: str) -> dict:
    article = section.article
    date = article.display_date
    return {
        "section_id": section.pk,
        "article_id": article.pk,
        "url": base_url + section.get_absolute_url(),
        "headline": article.headline,
        "heading": section.heading,
        "publication": article.page.publication.name if article.page.publication else None,
        "date": date.isoformat() if date else None,
        "page": article.page.label or None,
        "cities": [c.name for c in section.active_cities],
        "themes": [t.name for t in section.active_themes],
        "text": section.text,
    }


def _csv_lines(records: Iterator[dict]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    yield "\ufeff"  # a byte-order mark, so spreadsheet programs read the Chinese as UTF-8
    writer.writeheader()
    for record in records:
        flat = {**record, "cities": "；".join(record["cities"]), "themes": "；".join(record["themes"])}
        writer.writerow({k: _cell(v) for k, v in flat.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
    yield buffer.getvalue()


def _cell(value) -> str | int:
    """A spreadsheet must not read archive text as a formula (=, +, -, @ at the start of a cell)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value


def _json_chunks(records: Iterator[dict]) -> Iterator[str]:
    yield "["
    for i, record in enumerate(records):
        yield ("," if i else "") + "\n" + json.dumps(record, ensure_ascii=False, cls=SafeJSONEncoder)
    yield "\n]\n"


def export(request: HttpRequest, fmt: str) -> StreamingHttpResponse | JsonResponse:
    try:
        params = parse_params(data=request.GET)
    except BadQuery as exc:
        return json_response({"error": str(exc)}, status=400)
    # a first, tiny search before the response starts: an unavailable index is then a clear 503
    search(params=replace(params, page=1, per_page=1))
    records = rows(params=params, base_url=f"{request.scheme}://{request.get_host()}")
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_lines(records), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(
            _json_chunks(records), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="jingmeng-search.{fmt}"'
    response["X-Robots-Tag"] = "noindex"
    return response
