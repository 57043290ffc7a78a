"""Re-run the tagger on articles already in the archive, with today's City.aliases and Theme.keywords.

Only automatic tags are replaced. A curated row — an editor's "yes" (active) or "no" (inactive) —
is never touched, and the tagger cannot add an automatic row beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from .ingest.tag import Gazetteer, tag_article
from .ingest.themes import ThemeRule
from .ingest.types import ProposedArticle, ProposedSection
from .models import (
    Article,
    ArticleCity,
    ArticleTheme,
    City,
    Page,
    SectionCity,
    SectionTheme,
    TagSource,
    Theme,
)
from .reference import gazetteer_from_db, theme_rules_from_db


@dataclass
class RetagResult:
    pages: int = 0
    articles: int = 0
    added: int = 0
    removed: int = 0
    rescored: int = 0


@dataclass(frozen=True)
class _Reference:
    gazetteer: Gazetteer
    rules: list[ThemeRule]
    cities: dict[str, int]
    themes: dict[str, int]

    @classmethod
    def load(cls) -> _Reference:
        return cls(
            gazetteer=gazetteer_from_db(),
            rules=theme_rules_from_db(),
            cities=dict(City.objects.values_list("name", "pk")),
            themes=dict(Theme.objects.values_list("name", "pk")),
        )


def retag(*, page_ids: Iterable[int] | None = None) -> RetagResult:
    """Re-tag these pages (all when None), one transaction per page."""
    reference = _Reference.load()
    pages = Page.objects.order_by("pk")
    if page_ids is not None:
        pages = pages.filter(pk__in=list(page_ids))
    result = RetagResult()
    for page_id in pages.values_list("pk", flat=True):
        with transaction.atomic():
            articles = Article.objects.filter(page_id=page_id)
            retag_articles(articles=articles, reference=reference, result=result)
        result.pages += 1
    return result


def retag_articles(
    *, articles, reference: _Reference | None = None, result: RetagResult | None = None
) -> RetagResult:
    """Re-tag these articles in the caller's transaction (also used after merge, split and move)."""
    reference = reference or _Reference.load()
    result = result if result is not None else RetagResult()
    articles = articles.prefetch_related("sections", "city_tags", "theme_tags")
    for article in articles:
        sections = sorted(article.sections.all(), key=lambda s: s.order)
        proposal = ProposedArticle(
            kind=article.kind,
            kicker=article.kicker,
            headline=article.headline,
            subheadline=article.subheadline,
            sections=[
                ProposedSection(kind=s.kind, heading=s.heading, subheading=s.subheading, text=s.text)
                for s in sections
            ],
        )
        tag_article(article=proposal, gazetteer=reference.gazetteer, rules=reference.rules)
        _replace(ArticleCity, "article", article.pk, "city", reference.cities, proposal.cities, result)
        _replace(ArticleTheme, "article", article.pk, "theme", reference.themes, proposal.themes, result)
        for section, proposed in zip(sections, proposal.sections, strict=True):
            _replace(SectionCity, "section", section.pk, "city", reference.cities, proposed.cities, result)
            _replace(SectionTheme, "section", section.pk, "theme", reference.themes, proposed.themes, result)
        result.articles += 1
    # every write above is a model save or delete, which announces its section (no bulk writes)
    return result


def _replace(model, owner: str, owner_id: int, target: str, ids: dict[str, int], scores, result) -> None:
    """Make the owner's automatic rows equal the tagger's proposal, around the curated rows."""
    rows = list(model.objects.filter(**{f"{owner}_id": owner_id}))
    curated = {getattr(r, f"{target}_id") for r in rows if r.source == TagSource.CURATED}
    auto = {getattr(r, f"{target}_id"): r for r in rows if r.source == TagSource.AUTO}
    wanted = {ids[name]: score for name, score in scores.items() if name in ids and ids[name] not in curated}
    stale = [r.pk for target_id, r in auto.items() if target_id not in wanted]
    if stale:
        model.objects.filter(pk__in=stale).delete()
        result.removed += len(stale)
    for target_id, score in wanted.items():
        row = auto.get(target_id)
        if row is None:
            model.objects.create(**{f"{owner}_id": owner_id, f"{target}_id": target_id}, score=score)
            result.added += 1
        elif row.score != score or not row.active:
            row.score, row.active = score, True
            row.save(update_fields=["score", "active"])
            result.rescored += 1
