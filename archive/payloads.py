"""The JSON shape of a proposed page (ingest --dry-run --format json): the API's article shape,
without what only a saved article has (id, url), plus what an editor checks before saving (the
story's own date, dateline and source note as printed)."""

from __future__ import annotations

from .ingest.types import ProposedArticle, ProposedPage


def proposed_article_payload(article: ProposedArticle, page: ProposedPage) -> dict:
    """The same shape for an article that is only proposed (ingest --dry-run): no id, no url."""
    return {
        "id": None,
        "url": None,
        "kind": article.kind,
        "kicker": article.kicker,
        "headline": article.headline,
        "subheadline": article.subheadline,
        "byline": article.byline,
        "publication": page.publication or article.publication or None,
        "date": page.date or article.date or None,
        "page": page.label or article.label or None,
        # what the story's own lines print, beside the page's (the page's date may differ)
        "article_date": article.date or None,
        "dateline": article.dateline,
        "source_note": article.source_note,
        "cities": list(article.cities),
        "themes": list(article.themes),
        "region": article.region or None,
        "needs_review": article.needs_review,
        "review_reason": article.review_reason,
        "authors": article.authors,
        "sections": [
            {
                "id": None,
                "order": order,
                "kind": s.kind,
                "heading": s.heading,
                "text": s.text,
                "cities": list(s.cities),
                "themes": list(s.themes),
                "lines": [s.lines[0], s.lines[-1]] if s.lines else [],
            }
            for order, s in enumerate(article.sections, start=1)
        ],
    }


def proposed_page_payload(page: ProposedPage) -> dict:
    """What the page as a whole came in as and states: its format, address and whether its date
    is only inferred (from the address) rather than printed."""
    return {
        "media_type": page.media_type,
        "publication": page.publication or None,
        "date": page.date or None,
        "date_inferred": page.date_inferred,
        "page": page.label or None,
        "source_url": page.source_url or None,
    }
