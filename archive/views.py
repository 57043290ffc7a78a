"""Reader-facing pages of the archive and its JSON API. Views parse, call and render."""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from config.json import json_response
from search.indexing import indexed_count
from search.middleware import MESSAGE, is_index_failure, unless_unavailable
from search.query import SearchParams
from search.services import search_sections

from . import browse, charts, citations, openapi, reading
from .models import Article, City, Page, Section, Theme
from .serializers import article_payload

API_PAGE_SIZE = 20


def home(request: HttpRequest) -> HttpResponse:
    overview = search_sections(params=SearchParams(q="", filters={}, sort="newest", page=1, per_page=1))
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
            month_href=lambda y, m: reverse("archive:month", args=[y, m]),
            year_href=lambda y: reverse("archive:dates") + f"#y{y}",
        ),
        "total_sections": overview.count,
        "total_articles": Article.objects.count(),
    }
    return render(request, "archive/home.html", context)


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
    response = render(request, "archive/article_detail.html", context)
    if came_from is not None:
        response["X-Robots-Tag"] = "noindex"  # the permalink without parameters is the one to index
    return response


def page_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = get_object_or_404(Page.objects.select_related("publication"), pk=pk)
    articles = page.articles.in_reading_order().prefetch_related("sections")
    return render(request, "archive/page_detail.html", {"page": page, "articles": articles})


def city_detail(request: HttpRequest, name: str) -> HttpResponse:
    city = get_object_or_404(City.objects.select_related("parent"), name=name)
    return _browse(request, facet="city", value=city.name, subject=city, kind_label=city.get_kind_display())


def theme_detail(request: HttpRequest, name: str) -> HttpResponse:
    theme = get_object_or_404(Theme.objects.select_related("parent"), name=name)
    return _browse(request, facet="theme", value=theme.name, subject=theme, kind_label="主题")


def _browse(request: HttpRequest, *, facet: str, value: str, subject, kind_label: str) -> HttpResponse:
    from search.views import run_search  # the search page's own parsing, with this facet fixed

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
    return render(request, "archive/browse.html", outcome)


def dates(request: HttpRequest) -> HttpResponse:
    years, undated = browse.date_tree()
    return render(request, "archive/dates.html", {"years": years, "undated": undated})


def month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not (1 <= month <= 12 and 1 <= year <= 9999):
        raise Http404("没有这个月份")
    articles = browse.articles_in_month(year, month)
    context = {"year": year, "month": month, "articles": articles, "undated": False}
    return render(request, "archive/month.html", context)


def undated(request: HttpRequest) -> HttpResponse:
    context = {"articles": browse.undated_articles(), "undated": True}
    return render(request, "archive/month.html", context)


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


def api_schema(request: HttpRequest) -> JsonResponse:
    server = f"{request.scheme}://{request.get_host()}"
    return json_response(openapi.schema(server=server))


def api_docs(request: HttpRequest) -> HttpResponse:
    return render(request, "archive/api_docs.html", {"schema": openapi.schema(server="")})


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
        "search_url": request.build_absolute_uri(reverse("search:search")),
        "home_url": request.build_absolute_uri(reverse("archive:home")),
    }
    return render(
        request,
        "archive/opensearch.xml",
        context,
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )


def healthz(request: HttpRequest) -> JsonResponse:
    payload = {"status": "ok", "articles": Article.objects.count(), "sections": Section.objects.count()}
    try:
        payload["indexed"] = indexed_count()
    except Exception as exc:
        if not is_index_failure(exc):
            raise
        # the site still serves articles, but search does not: say so to the load balancer
        payload.update(status="degraded", indexed=None, error=MESSAGE)
        return json_response(payload, status=503)
    return json_response(payload)


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
