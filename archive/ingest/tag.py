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

from .script import simplified
from .types import ProposedArticle, ProposedPage, ProposedSection

LEAD_CHARS = 120
CITY_THRESHOLD = 2.2
SHORT_TEXT = 300  # characters: a brief
STRONG = 4.0  # a heading or package mention: enough to keep a unit next to a place inside it
THEME_THRESHOLD = 3.0
MAX_THEMES = 4
# Words that stand for "the city this part of the package is about".
DEICTIC = ("我市", "本市", "全市", "我盟", "全盟", "我旗", "全旗", "我县", "全县", "我区", "全区")


@dataclass(frozen=True)
class Place:
    name: str
    parent: str | None
    taggable: bool  # the region itself is never a tag: it would be on everything
    partner: bool = False  # the partner municipality: counted by its own mentions, not their share


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
        """Places named in the text. A place written as the qualifier of the next one
        ("赤峰市巴林左旗", "乌兰察布四子王旗支行") only locates it and is not counted."""
        if self.pattern is None:
            return Counter()
        # names are matched in the Simplified shadow, so a Traditional page finds them too
        found = [
            (m.start(), m.end(), self.lookup[m.group(0)]) for m in self.pattern.finditer(simplified(text))
        ]
        counted: Counter = Counter()
        for i, (_, end, name) in enumerate(found):
            nxt = found[i + 1] if i + 1 < len(found) else None
            touching = nxt is not None and not text[end : nxt[0]].strip(" \u3000·")
            if touching and self.is_ancestor(name, nxt[2]):
                continue
            counted[name] += 1
        return counted

    def is_ancestor(self, ancestor: str, name: str) -> bool:
        node = self.places.get(name)
        while node is not None and node.parent:
            if node.parent == ancestor:
                return True
            node = self.places.get(node.parent)
        return False

    def resolve(self, term: str) -> str | None:
        return self.lookup.get(term)


_LABEL = re.compile(r"^(?:【([^】]{2,8})】|[■◆●□]\s*(\S{2,8}?)[\s：:])")
_DATELINE_PREFIX = re.compile(r"^[^，。]{0,30}?(?:电|讯)\s*(?:[（(][^）)]{0,40}[）)])?")


def _without_dateline(text: str) -> str:
    """新华社北京…电 names where the wire was filed, not what the story is about."""
    m = _DATELINE_PREFIX.match(simplified(text))
    return text[m.end() :] if m else text


def _lead(text: str) -> str:
    """The first sentence, without the dateline."""
    body = _without_dateline(text)
    end = re.search("[。！？]", body)
    return body[: end.end()] if end else body[:LEAD_CHARS]


def score_cities(
    *, section: ProposedSection, gazetteer: Gazetteer, package_city: str | None
) -> dict[str, float]:
    """Salience: named in the heading, in the lead, or taking a large share of the place mentions."""
    heading = f"{section.heading} {section.subheading}"
    body = _without_dateline(section.text)
    counts = gazetteer.mentions(body)
    counts = Counter({n: c for n, c in counts.items() if gazetteer.places[n].taggable})
    total = sum(counts.values())
    scores: dict[str, float] = {}
    for name, count in counts.items():
        # a place that takes most of the mentions is what the text is about; one of many is not
        scores[name] = 4.0 * (count / total) * min(1.0, count / 2)
        if gazetteer.places[name].partner:
            # Beijing is the other side of every story here: it is an actor when named repeatedly,
            # however many Inner Mongolian places the text also names
            scores[name] = max(scores[name], 0.7 * min(count, 4))
    brief = len(body) < SHORT_TEXT
    for name in gazetteer.mentions(_lead(section.text)):
        scores[name] = scores.get(name, 0.0) + 1.5
    if brief:
        for name in counts:
            scores[name] += 1.0  # in a brief, every place it names is part of the story
    for name in gazetteer.mentions(heading):
        scores[name] = scores.get(name, 0.0) + 3.0
    label = _LABEL.match(simplified(body))
    if label:
        for name in gazetteer.mentions(label.group(1) or label.group(2)):
            scores[name] = scores.get(name, 0.0) + 2.0  # a brief's leading place label locates it
    if package_city:
        deictic = sum(body.count(word) for word in DEICTIC)
        scores[package_city] = scores.get(package_city, 0.0) + 5.0 + 0.3 * deictic
    tagged = {n: s for n, s in scores.items() if s >= CITY_THRESHOLD and gazetteer.places[n].taggable}
    # the most specific place: an enclosing unit stays only on evidence of its own
    return {
        name: round(score, 2)
        for name, score in tagged.items()
        if score >= STRONG or not any(gazetteer.is_ancestor(name, other) for other in tagged)
    }


def score_themes(*, section: ProposedSection, rules: list[ThemeRule]) -> dict[str, float]:
    """Keyword evidence per theme; the most specific theme that fits, parents being derived."""
    heading = simplified(f"{section.heading} {section.subheading}")
    text = simplified(section.text)
    raw: dict[str, float] = {}
    for rule in rules:
        score = sum(min(text.count(k), 3) + 2 * heading.count(k) for k in rule.keywords if k)
        if score:
            raw[rule.name] = float(score)
    children: dict[str, list[str]] = {}
    for rule in rules:
        if rule.parent:
            children.setdefault(rule.parent, []).append(rule.name)
    chosen: dict[str, float] = {}
    for rule in rules:
        if rule.parent:
            continue
        parent_score = raw.get(rule.name, 0.0)
        ranked_children = sorted(children.get(rule.name, []), key=lambda c: -raw.get(c, 0.0))
        # the best child needs less evidence than a second one of the same field
        strong_children = [
            c
            for i, c in enumerate(ranked_children)
            if raw.get(c, 0.0) >= max(THEME_THRESHOLD * (0.67 if i == 0 else 1.34), parent_score * 0.5)
        ]
        for child in strong_children:
            chosen[child] = raw[child] + parent_score * 0.5
        if not strong_children and parent_score >= THEME_THRESHOLD:
            chosen[rule.name] = parent_score
    if not chosen:
        return {}
    best = max(chosen.values())
    ranked = sorted(chosen.items(), key=lambda kv: -kv[1])[:MAX_THEMES]
    return {name: round(score / best, 2) for name, score in ranked if score >= best * 0.4}


def tag_page(*, page: ProposedPage, gazetteer: Gazetteer, rules: list[ThemeRule]) -> None:
    for article in page.articles:
        tag_article(article=article, gazetteer=gazetteer, rules=rules)


def tag_article(*, article: ProposedArticle, gazetteer: Gazetteer, rules: list[ThemeRule]) -> None:
    for section in article.sections:
        package_city = gazetteer.resolve(simplified(section.heading.strip())) if section.heading else None
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
    package = [gazetteer.resolve(simplified(s.heading.strip())) for s in article.body_sections if s.heading]
    package = [name for name in package if name]
    if len(package) >= 2:
        # a package is about its parts' places, not about every place its parts mention
        article.cities = dict.fromkeys(package, 1.0)
    else:
        article.cities = _aggregate([s.cities for s in article.body_sections])
        titles = f"{article.kicker} {article.headline} {article.subheadline}"
        for name in gazetteer.mentions(titles):
            if gazetteer.places[name].taggable:
                article.cities.setdefault(name, 1.0)  # named in the headline: what the article is about
    article.themes = _aggregate([s.themes for s in article.body_sections], limit=MAX_THEMES)


def _aggregate(parts: list[dict[str, float]], *, limit: int | None = None) -> dict[str, float]:
    """What the whole article is about: tags that carry weight across its sections."""
    if len(parts) == 1:
        return dict(parts[0])
    total: dict[str, float] = {}
    for part in parts:
        for name, score in part.items():
            total[name] = total.get(name, 0.0) + score
    if not total:
        return {}
    best = max(total.values())
    ranked = [
        (n, round(v / best, 2)) for n, v in sorted(total.items(), key=lambda kv: -kv[1]) if v >= best * 0.5
    ]
    return dict(ranked[:limit] if limit else ranked)
