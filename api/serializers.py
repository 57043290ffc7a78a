"""The stable JSON shapes of the archive (later versions extend them, never break them)."""

from __future__ import annotations

from django.urls import reverse

from archive import citations
from archive.models import Article


def article_payload(article: Article, *, request=None) -> dict:
    """Expects `article` with page/publication selected and tags/sections prefetched (see queries)."""
    url = article.get_absolute_url()
    date = article.display_date
    return {
        "id": article.pk,
        "url": request.build_absolute_uri(url) if request else url,
        "kind": article.kind,
        "kicker": article.kicker,
        "headline": article.headline,
        "subheadline": article.subheadline,
        "byline": article.byline,
        "publication": article.page.publication.name if article.page.publication else None,
        "date": date.isoformat() if date else None,
        "page": article.page.label or None,
        "cities": [t.city.name for t in article.city_tags.all() if t.active],
        "themes": [t.theme.name for t in article.theme_tags.all() if t.active],
        "needs_review": article.needs_review,
        "citation": {
            "gbt7714": citations.gbt7714(article),
            "ris": _absolute(request, reverse("reader:cite", args=[article.pk, "ris"])),
            "bibtex": _absolute(request, reverse("reader:cite", args=[article.pk, "bib"])),
        },
        "sections": [
            {
                "id": s.pk,
                "order": s.order,
                "heading": s.heading,
                "text": s.text,
                "cities": [t.city.name for t in s.city_tags.all() if t.active],
                "themes": [t.theme.name for t in s.theme_tags.all() if t.active],
            }
            for s in article.sections.all()
        ],
    }


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request else path
