"""Search pages and the search API: parse the request, run the search, render. No 500 for any input."""

from __future__ import annotations

from dataclasses import replace

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from archive.models import Section

from .facets import FACETS
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
    related = (
        Section.objects.filter(pk__in=[hit.section_id for hit in results.hits])
        .select_related("article__page__publication")
        .prefetch_related("city_tags__city", "theme_tags__theme")
    )
    by_id = {s.pk: s for s in related}
    cards = [(hit, by_id[hit.section_id]) for hit in results.hits if hit.section_id in by_id]
    return {
        "params": params,
        "results": results,
        "cards": cards,
        "summary": describe(params=params),
        "facets": [(facet, results.facets.get(facet.param, [])) for facet in FACETS],
        "query_items": _query_items(request, fixed=fixed or {}),
    }


def _query_items(request: HttpRequest, *, fixed: dict[str, str]) -> list[tuple[str, str]]:
    # every parameter except the page number, for links that must keep all filters
    return [
        (key, value)
        for key in request.GET
        if key != "page"
        for value in request.GET.getlist(key)
        if not (key in fixed and value == fixed[key])
    ]


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
        return JsonResponse({"error": str(exc)}, status=400, json_dumps_params={"ensure_ascii": False})
    results = search_sections(params=params)
    sections = (
        Section.objects.filter(pk__in=[hit.section_id for hit in results.hits])
        .select_related("article__page__publication")
        .prefetch_related("city_tags__city", "theme_tags__theme")
    )
    by_id = {s.pk: s for s in sections}
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
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
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
