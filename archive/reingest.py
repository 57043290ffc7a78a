"""A corrected version of a page already in the archive: carry every editor's decision over.

Curated tags (including an editor's removal of a tag) and the curated fields of an article move to
the new section / article whose text is the same or most alike; what finds no counterpart is
reported, never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .ingest.types import ProposedArticle, ProposedPage, ProposedSection
from .models import (
    Article,
    ArticleCity,
    ArticleTheme,
    City,
    Page,
    Section,
    SectionCity,
    SectionTheme,
    TagSource,
    Theme,
)
from .similarity import char_bigrams, jaccard

MIN_SIMILARITY = 0.5
CURATED_ARTICLE_FIELDS = ("kind", "column", "kicker", "headline", "subheadline", "byline", "dateline")


@dataclass
class Carried:
    """Curated decisions to re-apply once the new page is saved: (target, name, active)."""

    section_cities: list[tuple[ProposedSection, str, bool]] = field(default_factory=list)
    section_themes: list[tuple[ProposedSection, str, bool]] = field(default_factory=list)
    article_cities: list[tuple[ProposedArticle, str, bool]] = field(default_factory=list)
    article_themes: list[tuple[ProposedArticle, str, bool]] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)


def find_previous_version(*, source_name: str, publication: str, date, label: str) -> Page | None:
    """The page this file corrects: the same file name, or the same known paper, date and page."""
    if publication and date and label:
        page = Page.objects.filter(publication__name=publication, date=date, label=label).first()
        if page is not None:
            return page
    return Page.objects.filter(source_name=source_name).order_by("-pk").first() if source_name else None


def carry_over(*, old: Page, proposed: ProposedPage) -> Carried:
    carried = Carried()
    new_sections = [s for a in proposed.articles for s in a.sections]
    section_owner = {id(s): a for a in proposed.articles for s in a.sections}
    old_articles = old.articles.prefetch_related(
        "sections__city_tags__city", "sections__theme_tags__theme", "city_tags__city", "theme_tags__theme"
    )
    for article in old_articles:
        for section in article.sections.all():
            target = _most_alike(section.text, new_sections)
            decisions = [
                (t.city.name, t.active, "city") for t in section.city_tags.all() if t.source == "curated"
            ]
            decisions += [
                (t.theme.name, t.active, "theme") for t in section.theme_tags.all() if t.source == "curated"
            ]
            if not decisions and not article.curated:
                continue
            if target is None:
                carried.lost.append(f"段落“{section.text[:20]}…”在新版本中找不到对应文字，其人工标签未能保留")
                continue
            for name, active, kind in decisions:
                bucket = carried.section_cities if kind == "city" else carried.section_themes
                bucket.append((target, name, active))
            _carry_article(article, section_owner[id(target)], carried)
    return carried


def _carry_article(old: Article, new: ProposedArticle, carried: Carried) -> None:
    for city_tag in old.city_tags.all():
        if city_tag.source == TagSource.CURATED:
            carried.article_cities.append((new, city_tag.city.name, city_tag.active))
    for theme_tag in old.theme_tags.all():
        if theme_tag.source == TagSource.CURATED:
            carried.article_themes.append((new, theme_tag.theme.name, theme_tag.active))
    if old.curated:
        for name in CURATED_ARTICLE_FIELDS:
            setattr(new, name, getattr(old, name))
        new.needs_review = old.needs_review
        new.review_reason = old.review_reason


def _most_alike(text: str, candidates: list[ProposedSection]) -> ProposedSection | None:
    grams = char_bigrams(text)
    best, best_score = None, 0.0
    for candidate in candidates:
        score = jaccard(grams, char_bigrams(candidate.text))
        if score > best_score:
            best, best_score = candidate, score
    return best if best_score >= MIN_SIMILARITY else None


def apply_carried(*, carried: Carried, sections: dict[int, Section], articles: dict[int, Article]) -> None:
    """Write the carried decisions onto the saved rows (keyed by id() of the proposal objects)."""
    cities = {c.name: c for c in City.objects.all()}
    themes = {t.name: t for t in Theme.objects.all()}
    plan = (
        (carried.section_cities, sections, SectionCity, "section", "city", cities),
        (carried.section_themes, sections, SectionTheme, "section", "theme", themes),
        (carried.article_cities, articles, ArticleCity, "article", "city", cities),
        (carried.article_themes, articles, ArticleTheme, "article", "theme", themes),
    )
    for decisions, owners, model, owner_field, target_field, targets in plan:
        for proposal, name, active in decisions:
            if name not in targets:
                continue
            lookup: dict[str, Any] = {owner_field: owners[id(proposal)], target_field: targets[name]}
            model.objects.update_or_create(
                **lookup,
                defaults={"source": TagSource.CURATED, "score": 1.0, "active": active},
            )
