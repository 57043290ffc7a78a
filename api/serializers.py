"""The stable JSON shapes of the archive (later versions extend them, never break them)."""

from __future__ import annotations

from django.urls import reverse

from archive import citations
from archive.models import Article


def article_payload(article: Article, *, request=None) -> dict:
    """Expects `article` from Article.objects.with_details() (page, publication, sections and
    active tags fetched in a fixed number of queries)."""
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
        "cities": [c.name for c in article.active_cities],
        "themes": [t.name for t in article.active_themes],
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
                "cities": [c.name for c in s.active_cities],
                "themes": [t.name for t in s.active_themes],
            }
            for s in article.sections.all()
        ],
    }


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request else path
