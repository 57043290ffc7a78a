"""Tag sections and articles with cities and themes, with scores that reflect salience.

A place counts for a section when it is in the heading, in the lead, or mentioned repeatedly, so a
passing mention in a list does not make the section "about" it. Theme keywords are data (editable in
the admin as Theme.keywords), so tagging improves without a code change.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .types import ProposedArticle, ProposedPage, ProposedSection

LEAD_CHARS = 120
CITY_THRESHOLD = 2.0
THEME_THRESHOLD = 3.0
MAX_THEMES = 4
# Words that stand for "the city this part of the package is about".
DEICTIC = ("我市", "本市", "全市", "我盟", "全盟", "我旗", "全旗", "我县", "全县", "我区", "全区")


@dataclass(frozen=True)
class Place:
    name: str
    parent: str | None
    taggable: bool  # roots (the region, the municipality as a whole) are not tagged by default


@dataclass(frozen=True)
class ThemeRule:
    name: str
    parent: str | None
    keywords: tuple[str, ...]


class Gazetteer:
    """Names and aliases → places, matched longest-first."""

    def __init__(self, places: Iterable[tuple[Place, Iterable[str]]]):
        self.places: dict[str, Place] = {}
        self.lookup: dict[str, str] = {}
        for place, aliases in places:
            self.places[place.name] = place
            for term in (place.name, *aliases):
                if term:
                    self.lookup.setdefault(term, place.name)
        terms = sorted(self.lookup, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(t) for t in terms)) if terms else None

    def names(self) -> set[str]:
        return set(self.lookup)

    def mentions(self, text: str) -> Counter:
        if self.pattern is None:
            return Counter()
        return Counter(self.lookup[m.group(0)] for m in self.pattern.finditer(text))

    def resolve(self, term: str) -> str | None:
        return self.lookup.get(term)


def score_cities(
    *, section: ProposedSection, gazetteer: Gazetteer, package_city: str | None
) -> dict[str, float]:
    heading = f"{section.heading} {section.subheading}"
    body = section.text
    scores: dict[str, float] = {}
    for name, count in gazetteer.mentions(body).items():
        scores[name] = min(count, 5) * 0.6
    for name in gazetteer.mentions(body[:LEAD_CHARS]):
        scores[name] = scores.get(name, 0.0) + 1.5
    for name in gazetteer.mentions(heading):
        scores[name] = scores.get(name, 0.0) + 3.0
    if package_city:
        deictic = sum(body.count(word) for word in DEICTIC)
        scores[package_city] = max(scores.get(package_city, 0.0), 0.0) + 5.0 + 0.3 * deictic
    return {
        name: round(score, 2)
        for name, score in scores.items()
        if score >= CITY_THRESHOLD and gazetteer.places[name].taggable
    }


def score_themes(*, section: ProposedSection, rules: list[ThemeRule]) -> dict[str, float]:
    heading = f"{section.heading} {section.subheading}"
    raw: dict[str, float] = {}
    for rule in rules:
        score = 0.0
        for keyword in rule.keywords:
            if not keyword:
                continue
            score += min(section.text.count(keyword), 3) + 2 * heading.count(keyword)
        if score:
            raw[rule.name] = score
    if not raw:
        return {}
    parents = {rule.name: rule.parent for rule in rules}
    # a specific child theme that qualifies makes its parent redundant: parents are derived
    qualified = {name: s for name, s in raw.items() if s >= THEME_THRESHOLD}
    for name in list(qualified):
        parent = parents.get(name)
        if parent in qualified and qualified[name] >= THEME_THRESHOLD:
            qualified[parent] = 0.0
    qualified = {n: s for n, s in qualified.items() if s > 0}
    if not qualified:
        return {}
    best = max(qualified.values())
    ranked = sorted(qualified.items(), key=lambda kv: -kv[1])[:MAX_THEMES]
    return {name: round(score / best, 2) for name, score in ranked if score >= best * 0.4}


def tag_page(*, page: ProposedPage, gazetteer: Gazetteer, rules: list[ThemeRule]) -> None:
    for article in page.articles:
        tag_article(article=article, gazetteer=gazetteer, rules=rules)


def tag_article(*, article: ProposedArticle, gazetteer: Gazetteer, rules: list[ThemeRule]) -> None:
    for section in article.sections:
        package_city = gazetteer.resolve(section.heading.strip()) if section.heading else None
        if section.kind == "caption":
            section.cities = score_cities(section=section, gazetteer=gazetteer, package_city=None)
            section.themes = {}
            continue
        probe = ProposedSection(
            heading=f"{article.kicker} {article.headline} {article.subheadline} {section.heading}".strip()
            if len(article.body_sections) == 1
            else section.heading,
            subheading=section.subheading,
            text=section.text,
        )
        section.cities = score_cities(section=probe, gazetteer=gazetteer, package_city=package_city)
        section.themes = score_themes(section=probe, rules=rules)
    article.cities = _aggregate(s.cities for s in article.body_sections)
    article.themes = _aggregate((s.themes for s in article.body_sections), limit=MAX_THEMES)


def _aggregate(parts: Iterable[dict[str, float]], *, limit: int | None = None) -> dict[str, float]:
    total: dict[str, float] = {}
    for part in parts:
        for name, score in part.items():
            total[name] = max(total.get(name, 0.0), score)
    ranked = sorted(total.items(), key=lambda kv: -kv[1])
    return dict(ranked[:limit] if limit else ranked)
