"""The JSON API: articles, search and the OpenAPI description. Views parse, call and render."""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from archive.models import Article, Section
from config.json import json_response
from search.query import BadQuery, parse_params
from search.services import search

from . import openapi
from .serializers import article_payload

API_PAGE_SIZE = 20


def api_schema(request: HttpRequest) -> JsonResponse:
    server = f"{request.scheme}://{request.get_host()}"
    return json_response(openapi.schema(server=server))


def api_docs(request: HttpRequest) -> HttpResponse:
    return render(request, "api/api_docs.html", {"schema": openapi.schema(server="")})


def api_articles(request: HttpRequest) -> JsonResponse:
    paginator = Paginator(Article.objects.in_reading_order().with_details(), API_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        return json_response({"error": f"页码无效：应为 1 到 {paginator.num_pages} 之间的整数"}, status=400)
    next_url = None
    if page.has_next():
        next_url = request.build_absolute_uri(f"{request.path}?page={page.next_page_number()}")
    return json_response(
        {
            "count": paginator.count,
            "next": next_url,
            "results": [article_payload(a, request=request) for a in page.object_list],
        },
    )


def api_article(request: HttpRequest, pk: int) -> JsonResponse:
    article = Article.objects.with_details().filter(pk=pk).first()
    if article is None:
        return json_response({"error": "没有这篇文章"}, status=404)
    return json_response(article_payload(article, request=request))


def api_search(request: HttpRequest) -> JsonResponse:
    try:
        params = parse_params(data=request.GET)
    except BadQuery as exc:
        return json_response({"error": str(exc)}, status=400)
    results = search(params=params)
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
        "cities": [c.name for c in section.active_cities],
        "themes": [t.name for t in section.active_themes],
    }
