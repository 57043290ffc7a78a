"""Reader-facing pages: home, search, articles, pages, places, themes and dates. Views parse, call and render."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control

from archive import citations
from archive.models import Article, City, Page, Section, Theme
from config.json import json_response
from search.facets import FACETS_BY_PARAM
from search.middleware import MESSAGE, unless_unavailable
from search.query import BadQuery, SearchParams, describe, parse_params
from search.services import SearchUnavailable, count, search

from . import browse, charts, links, reading


def home(request: HttpRequest) -> HttpResponse:
    overview = search(params=SearchParams(q="", filters={}, sort="newest", page=1, per_page=1))
    counts = {facet: {v.value: v.count for v in values} for facet, values in overview.facets.items()}
    city_counts = counts.get("city", {})
    leagues = list(City.objects.filter(parent__kind=City.Kind.REGION).order_by("code"))
    beijing = City.objects.filter(kind=City.Kind.MUNICIPALITY).first()
    districts = beijing.children.filter(kind=City.Kind.DISTRICT).order_by("code") if beijing else []
    league_rows = [(c.code, c.name, city_counts.get(c.name, 0), c.get_absolute_url()) for c in leagues]
    partner = (
        (beijing.name, city_counts.get(beijing.name, 0), beijing.get_absolute_url()) if beijing else None
    )
    context = {
        "leagues": [(c, city_counts.get(c.name, 0)) for c in leagues],
        "map": charts.tile_map(league_rows, partner),
        "beijing": (beijing, city_counts.get(beijing.name, 0)) if beijing else None,
        "districts": [(c, city_counts.get(c.name, 0)) for c in districts],
        "themes": [(t, counts.get("theme", {}).get(t.name, 0)) for t in Theme.objects.filter(parent=None)],
        "latest": Article.objects.latest_first().select_related("page__publication")[:8],
        "pages": Page.objects.select_related("publication").annotate(n=Count("articles"))[:6],
        "coverage": browse.coverage(
            Section.objects.all(),
            month_href=lambda y, m: reverse("reader:month", args=[y, m]),
            year_href=lambda y: reverse("reader:dates") + f"#y{y}",
        ),
        "total_sections": overview.count,
        "total_articles": Article.objects.count(),
    }
    return render(request, "reader/home.html", context)


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.with_details(), pk=pk)
    url = request.build_absolute_uri(article.get_absolute_url())
    came_from = unless_unavailable(None, reading.trail, request.GET)
    context = {
        "article": article,
        "sections": reading.section_views(article, came_from.terms if came_from else ()),
        "trail": came_from,
        "related": unless_unavailable([], reading.related, article),
        "citation": citations.gbt7714(article, url=url, accessed=timezone.localdate()),
    }
    response = render(request, "reader/article_detail.html", context)
    if came_from is not None:
        response["X-Robots-Tag"] = "noindex"  # the permalink without parameters is the one to index
    return response


def page_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = get_object_or_404(Page.objects.select_related("publication").defer("original", "image"), pk=pk)
    articles = list(page.articles.in_reading_order().prefetch_related("sections"))
    has_image = Page.objects.filter(pk=pk).exclude(image=b"").exists()
    context = {
        "page": page,
        "articles": articles,
        "has_image": has_image,
        "zones": _zones(articles) if has_image else [],
        # only a web address is ever a link (the field holds what the page stated)
        "source_link": page.source_url if page.source_url.startswith(("http://", "https://")) else "",
    }
    return render(request, "reader/page_detail.html", context)


def _zones(articles: list[Article]) -> list[dict]:
    """Each article with a region on the page image, as CSS percentages (numbers only)."""
    zones = []
    for article in articles:
        box = article.region if isinstance(article.region, list) and len(article.region) == 4 else None
        try:
            x0, y0, x1, y1 = (min(100.0, max(0.0, float(v) * 100)) for v in box or ())
        except (TypeError, ValueError):
            continue
        if x1 > x0 and y1 > y0:
            zones.append(
                {
                    "article": article,
                    "left": f"{x0:.2f}",
                    "top": f"{y0:.2f}",
                    "width": f"{x1 - x0:.2f}",
                    "height": f"{y1 - y0:.2f}",
                }
            )
    return zones


@cache_control(public=True, max_age=86400)
def page_image(request: HttpRequest, pk: int) -> HttpResponse:
    """The printed page as a PNG (from a page PDF); 404 for a page that came in as text."""
    page = get_object_or_404(Page.objects.only("image", "checksum"), pk=pk)
    data = bytes(page.image or b"")
    if not data:
        raise Http404("此版面没有图像")
    if request.headers.get("If-None-Match") == f'"{page.checksum}"':
        return HttpResponseNotModified()
    response = HttpResponse(data, content_type="image/png")
    response["ETag"] = f'"{page.checksum}"'
    response["Content-Disposition"] = f'inline; filename="page-{pk}.png"'
    return response


def city_detail(request: HttpRequest, name: str) -> HttpResponse:
    city = get_object_or_404(City.objects.select_related("parent"), name=name)
    return _browse(request, facet="city", value=city.name, subject=city, kind_label=city.get_kind_display())


def theme_detail(request: HttpRequest, name: str) -> HttpResponse:
    theme = get_object_or_404(Theme.objects.select_related("parent"), name=name)
    return _browse(request, facet="theme", value=theme.name, subject=theme, kind_label="主题")


def _browse(request: HttpRequest, *, facet: str, value: str, subject, kind_label: str) -> HttpResponse:
    outcome = run_search(request, fixed={facet: value})
    if isinstance(outcome, HttpResponse):
        return outcome
    counts = {v.value: v.count for v in outcome["results"].facets.get(facet, [])}
    outcome["subject"] = subject
    outcome["children"] = [(child, counts.get(child.name, 0)) for child in subject.children.all()]
    outcome["kind_label"] = kind_label
    outcome["coverage"] = browse.coverage(
        browse.tagged_sections(subject),
        month_href=lambda y, m: f"?year={y}",
        year_href=lambda y: f"?year={y}",
    )
    return render(request, "reader/browse.html", outcome)


def dates(request: HttpRequest) -> HttpResponse:
    years, undated = browse.date_tree()
    return render(request, "reader/dates.html", {"years": years, "undated": undated})


def month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not (1 <= month <= 12 and 1 <= year <= 9999):
        raise Http404("没有这个月份")
    articles = browse.articles_in_month(year, month)
    context = {"year": year, "month": month, "articles": articles, "undated": False}
    return render(request, "reader/month.html", context)


def undated(request: HttpRequest) -> HttpResponse:
    context = {"articles": browse.undated_articles(), "undated": True}
    return render(request, "reader/month.html", context)


def cite(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """RIS or BibTeX download for reference managers."""
    article = get_object_or_404(Article.objects.select_related("page__publication"), pk=pk)
    url = request.build_absolute_uri(article.get_absolute_url())
    if fmt == "ris":
        response = HttpResponse(
            citations.ris(article, url=url), content_type="application/x-research-info-systems"
        )
    else:
        response = HttpResponse(
            citations.bibtex(article, url=url), content_type="application/x-bibtex; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="jingmeng-{article.pk}.{fmt}"'
    return response


def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /api/search",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def opensearch_xml(request: HttpRequest) -> HttpResponse:
    context = {
        "search_url": request.build_absolute_uri(reverse("reader:search")),
        "home_url": request.build_absolute_uri(reverse("reader:home")),
    }
    return render(
        request,
        "reader/opensearch.xml",
        context,
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )


def healthz(request: HttpRequest) -> JsonResponse:
    payload = {"status": "ok", "articles": Article.objects.count(), "sections": Section.objects.count()}
    try:
        payload["indexed"] = count()
    except SearchUnavailable:
        # the site still serves articles, but search does not: say so to the load balancer
        payload.update(status="degraded", indexed=None, error=MESSAGE)
        return json_response(payload, status=503)
    return json_response(payload)


def run_search(request: HttpRequest, *, fixed: dict[str, str] | None = None) -> dict | HttpResponse:
    """The context of a search results page, or a 400 page for a request that cannot be searched."""
    try:
        params = parse_params(data=request.GET)
    except BadQuery as exc:
        return render(request, "reader/bad_query.html", {"message": str(exc)}, status=400)
    if fixed:
        filters = dict(params.filters)
        for facet, value in fixed.items():
            filters[facet] = tuple(dict.fromkeys((value, *filters.get(facet, ()))))
        params = replace(params, filters=filters)
    results = search(params=params)
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
        response = render(request, "reader/search.html", outcome)
    response["X-Robots-Tag"] = "noindex"
    return response
