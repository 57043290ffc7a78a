"""Search pages and the search API: parse the request, run the search, render. No 500 for any input."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from archive.models import Section
from config.json import json_response

from . import links
from .facets import FACETS_BY_PARAM
from .query import BadQuery, describe, parse_params
from .services import search_sections


def run_search(request: HttpRequest, *, fixed: dict[str, str] | None = None) -> dict | HttpResponse:
    """The context of a search results page, or a 400 page for a request that cannot be searched."""
    try:
        params = parse_params(data=request.GET)
    except BadQuery as exc:
        return render(request, "search/bad_query.html", {"message": str(exc)}, status=400)
    if fixed:
        filters = dict(params.filters)
        for facet, value in fixed.items():
            filters[facet] = tuple(dict.fromkeys((value, *filters.get(facet, ()))))
        params = replace(params, filters=filters)
    results = search_sections(params=params)
    by_id = Section.objects.for_cards().in_bulk([hit.section_id for hit in results.hits])
    origin = urlencode(links.search_pairs(params))
    first = (results.page - 1) * params.per_page + 1
    cards = [
        (hit, by_id[hit.section_id], _result_url(by_id[hit.section_id], origin=origin, rank=first + i))
        for i, hit in enumerate(results.hits)
        if hit.section_id in by_id
    ]
    builder = links.Links(_pairs(request), fixed=fixed)
    return {
        "params": params,
        "results": results,
        "cards": cards,
        "first_shown": first,
        "last_shown": first + len(cards) - 1,
        "summary": describe(params=params),
        "facets": links.facet_groups(builder, results.facets),
        "chips": links.chips(builder, params),
        "clear_url": builder.clear_filters(),
        "sort_links": links.sort_links(builder, params.sort),
        "pages": links.page_links(builder, page=results.page, num_pages=results.num_pages),
        "prev_url": builder.page(results.page - 1) if results.page > 1 else "",
        "next_url": builder.page(results.page + 1) if results.page < results.num_pages else "",
        "hidden_filters": [p for p in builder.pairs if p[0] in FACETS_BY_PARAM],
    }


def _pairs(request: HttpRequest) -> list[tuple[str, str]]:
    return [(key, value) for key in request.GET for value in request.GET.getlist(key)]


def _result_url(section: Section, *, origin: str, rank: int) -> str:
    """The section in its article, remembering the search it was found by (highlights, prev/next)."""
    query = urlencode({"from": origin, "n": rank})
    return f"{section.article.get_absolute_url()}?{query}#{section.anchor}"


def search_page(request: HttpRequest) -> HttpResponse:
    outcome = run_search(request)
    if isinstance(outcome, HttpResponse):
        response = outcome
    else:
        response = render(request, "search/search.html", outcome)
    response["X-Robots-Tag"] = "noindex"
    return response


def api_search(request: HttpRequest) -> JsonResponse:
    try:
        params = parse_params(data=request.GET)
    except BadQuery as exc:
        return json_response({"error": str(exc)}, status=400)
    results = search_sections(params=params)
    by_id = Section.objects.for_cards().in_bulk([hit.section_id for hit in results.hits])
    payload = {
        "count": results.count,
        "page": results.page,
        "num_pages": results.num_pages,
        "results": [
            _hit_payload(request, hit, by_id[hit.section_id])
            for hit in results.hits
            if hit.section_id in by_id
        ],
        "facets": {
            name: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected} for v in values
            ]
            for name, values in results.facets.items()
        },
        # Only meaningful when count is 0 (zero-results help).
        "count_without_filters": results.count_without_filters,
        "suggestions": results.suggestions,
    }
    response = json_response(payload)
    response["X-Robots-Tag"] = "noindex"
    return response


def _hit_payload(request: HttpRequest, hit, section: Section) -> dict:
    article = section.article
    date = article.display_date
    return {
        "section_id": section.pk,
        "article_id": article.pk,
        "url": request.build_absolute_uri(section.get_absolute_url()),
        "headline": article.headline,
        "heading": section.heading,
        "snippet": hit.snippet,
        "publication": article.page.publication.name if article.page.publication else None,
        "date": date.isoformat() if date else None,
        "cities": [t.city.name for t in section.city_tags.all() if t.active],
        "themes": [t.theme.name for t in section.theme_tags.all() if t.active],
    }
