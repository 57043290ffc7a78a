"""Tag sections and articles with cities and themes, with scores that reflect salience.

A place counts for a section when it is in the heading, in the lead, or mentioned repeatedly, so a
passing mention in a list does not make the section "about" it. Theme keywords are data (editable in
the admin as Theme.keywords), so tagging improves without a code change.
"""

from __future__ import annotations

import functools
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
THEME_THRESHOLD = 4.0
MAX_THEMES = 4
FIRST_CHILD = 0.67
SECOND_CHILD = 2.0
CHILD_SHARE = 0.5
SALIENT = 0.5
PARAGRAPH_MIN = 60  # characters: shorter paragraphs are leads, quotes, transitions
PARAGRAPH_THRESHOLD = 4.0
PARAGRAPH_LEAD = 2.0  # the paragraph's topic has at least this much more evidence than the next
# Words that stand for "the city this part of the package is about".
DEICTIC = ("我市", "本市", "全市", "我盟", "全盟", "我旗", "全旗", "我县", "全县", "我区", "全区")


@dataclass(frozen=True)
class Place:
    name: str
    parent: str | None
    taggable: bool  # the region itself is never a tag: it would be on everything
    partner: bool = False  # the partner municipality: counted by its own mentions, not their share
    site: bool = False  # a named place (park, port, new area) rather than an administrative unit


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

    def partner_side(self, name: str) -> bool:
        """The partner municipality or a place inside it."""
        node = self.places.get(name)
        while node is not None:
            if node.partner:
                return True
            node = self.places.get(node.parent) if node.parent else None
        return False


_LABEL = re.compile(r"^(?:【([^】]{2,8})】|[■◆●□]\s*(\S{2,8}?)[\s：:])")
_DATELINE_PREFIX = re.compile(r"^[^，。]{0,30}?(?:电|讯)\s*(?:[（(][^）)]{0,40}[）)])?")


def _without_dateline(text: str) -> str:
    """新华社北京…电 names where the wire was filed, not what the story is about."""
    m = _DATELINE_PREFIX.match(simplified(text))
    return text[m.end() :] if m else text


def _lead(text: str) -> str:
    """The first sentence, without the dateline; never past the first paragraph (a list's lead is
    its first item)."""
    body = _without_dateline(text).lstrip().split("\n", 1)[0]
    end = re.search("[。！？]", body)
    return body[: end.end()] if end else body[:LEAD_CHARS]


def score_cities(
    *,
    section: ProposedSection,
    gazetteer: Gazetteer,
    package_city: str | None,
    brief: bool | None = None,
) -> dict[str, float]:
    """Salience: named in the heading, in the lead, or taking a large share of the place mentions.

    brief: whether the whole article is a brief (None: judge by this section's own length).
    """
    heading = f"{section.heading} {section.subheading}"
    body = _without_dateline(section.text)
    counts = gazetteer.mentions(body)
    counts = Counter({n: c for n, c in counts.items() if gazetteer.places[n].taggable})
    located = _located_by_label(body, counts, gazetteer)
    # Beijing's side is in nearly every story here: its mentions do not dilute the share of the
    # Inner Mongolian places (and are scored by their own count below)
    local_total = sum(c for n, c in counts.items() if not gazetteer.partner_side(n))
    total = sum(counts.values())
    scores: dict[str, float] = {}
    for name, count in counts.items():
        partner = gazetteer.partner_side(name)
        share = count / (total if partner else local_total)
        # a place that takes most of the mentions is what the text is about; one of many is not
        scores[name] = 4.0 * share * min(1.0, count / 2)
        if partner:
            # Beijing (or a district of it) is an actor when named repeatedly, however many
            # Inner Mongolian places the text also names
            scores[name] = max(scores[name], 0.7 * min(count, 4))
    for name in _recurring(body, counts, gazetteer):
        scores[name] += CITY_THRESHOLD  # comes back through the story: a subject, not a passing mention
    if brief is None:
        brief = len(body) < SHORT_TEXT
    for name in gazetteer.mentions(_lead(section.text)):
        scores[name] = scores.get(name, 0.0) + 1.5
    if brief:
        for name in counts:
            scores[name] += 1.0  # in a brief, every place it names is part of the story
    for name in gazetteer.mentions(heading):
        scores[name] = scores.get(name, 0.0) + 3.0
    for name in located:
        scores[name] = scores.get(name, 0.0) + 2.0  # located by the brief's leading place label
    if package_city:
        deictic = sum(body.count(word) for word in DEICTIC)
        scores[package_city] = scores.get(package_city, 0.0) + 5.0 + 0.3 * deictic
    tagged = {n: s for n, s in scores.items() if s >= CITY_THRESHOLD and gazetteer.places[n].taggable}
    return _most_specific(tagged, gazetteer)


def _recurring(body: str, counts: Counter, gazetteer: Gazetteer) -> list[str]:
    """Inner Mongolian places named at least three times in at least two paragraphs, a named site
    inside one (和林格尔新区) counting for it. Beijing's side is scored by its count already."""
    paragraphs = [Counter(gazetteer.mentions(p)) for p in body.split("\n") if p.strip()]

    def within(name: str, other: str) -> bool:
        return other == name or (gazetteer.places[other].site and gazetteer.is_ancestor(name, other))

    found = []
    for name in (n for n in counts if not gazetteer.partner_side(n)):
        per_paragraph = [sum(c for n, c in p.items() if within(name, n)) for p in paragraphs]
        if sum(per_paragraph) >= 3 and sum(1 for c in per_paragraph if c) >= 2:
            found.append(name)
    return found


def _located_by_label(body: str, counts: Counter, gazetteer: Gazetteer) -> list[str]:
    """The places a brief's leading label (【锡林郭勒】, ■ 赤峰) locates it at. When the brief names a
    place inside the labelled unit, the label only qualifies that place, as in 赤峰市巴林左旗: the
    unit's own mention is then not counted (counts is changed in place)."""
    label = _LABEL.match(simplified(body))
    if not label:
        return []
    located = []
    for name in gazetteer.mentions(label.group(1) or label.group(2)):
        inside = [n for n in counts if gazetteer.is_ancestor(name, n)]
        located.extend(inside or [name])
        if inside:
            counts[name] -= 1
            if counts[name] <= 0:
                del counts[name]
    return located


def _most_specific(tagged: dict[str, float], gazetteer: Gazetteer) -> dict[str, float]:
    """An enclosing unit stays only on evidence of its own; the partner municipality gives way to
    its districts, which name Beijing's side more precisely."""
    return {
        name: round(score, 2)
        for name, score in tagged.items()
        if not any(gazetteer.is_ancestor(name, other) for other in tagged)
        or (score >= STRONG and not gazetteer.places[name].partner)
    }


def _theme_evidence(*, section: ProposedSection, rules: list[ThemeRule]) -> dict[str, float]:
    """Keyword evidence per theme: each keyword counts up to three times in the text, twice in the
    heading."""
    heading = simplified(f"{section.heading} {section.subheading}")
    text = simplified(section.text)
    covering = _covering(tuple(rules))
    raw: dict[str, float] = {}
    for rule in rules:
        score = sum(
            min(_count(text, k, covering[rule.name, k]), 3) + 2 * _count(heading, k, covering[rule.name, k])
            for k in rule.keywords
            if k
        )
        if score:
            raw[rule.name] = float(score)
    return raw


def score_themes(*, section: ProposedSection, rules: list[ThemeRule]) -> dict[str, float]:
    """The most specific theme of each field the section is about: its child when the evidence
    points to one child, the field itself when it spreads over two or more children or names the
    field in general. A child never comes with its own parent (docs/annotation.md).

    A theme also counts when it is the clear main topic of one paragraph, however much the rest
    of the section says about something else: a long report gives a paragraph each to its
    secondary topics, and their few keywords would not stand out against the whole section."""
    chosen = _choose(_theme_evidence(section=section, rules=rules), rules)
    if not chosen:
        found: dict[str, float] = {}
    else:
        best = max(chosen.values())
        ranked = sorted(chosen.items(), key=lambda kv: -kv[1])[:MAX_THEMES]
        found = {name: round(score / best, 2) for name, score in ranked if score >= best * SALIENT}
    field = {r.name: r.parent or r.name for r in rules}
    covered = {field[name] for name in found}
    for name in _paragraph_topics(section=section, rules=rules):
        if field[name] not in covered:
            found[name] = SALIENT
            covered.add(field[name])
    return found


def _choose(
    raw: dict[str, float], rules: list[ThemeRule], *, threshold: float = THEME_THRESHOLD
) -> dict[str, float]:
    """Per field: its one strong child, or the field when two children or the field itself are strong."""
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
            if raw.get(c, 0.0)
            >= max(threshold * (FIRST_CHILD if i == 0 else SECOND_CHILD), parent_score * CHILD_SHARE)
        ]
        if len(strong_children) == 1:
            chosen[strong_children[0]] = raw[strong_children[0]] + parent_score * 0.5
        elif strong_children:
            chosen[rule.name] = parent_score + sum(raw[c] for c in strong_children)
        elif parent_score >= threshold:
            chosen[rule.name] = parent_score + sum(raw.get(c, 0.0) for c in ranked_children) * 0.5
    return chosen


def _paragraph_topics(*, section: ProposedSection, rules: list[ThemeRule]) -> list[str]:
    """Themes that are the clear main topic of one long paragraph of the section."""
    topics = []
    for paragraph in section.text.split("\n"):
        if len(paragraph) < PARAGRAPH_MIN:
            continue
        raw = _theme_evidence(section=ProposedSection(text=paragraph), rules=rules)
        chosen = sorted(_choose(raw, rules, threshold=PARAGRAPH_THRESHOLD).items(), key=lambda kv: -kv[1])
        if chosen and (len(chosen) == 1 or chosen[0][1] >= PARAGRAPH_LEAD * chosen[1][1]):
            topics.append(chosen[0][0])
    return topics


@functools.lru_cache(maxsize=4)
def _covering(rules: tuple[ThemeRule, ...]) -> dict[tuple[str, str], tuple[str, ...]]:
    """(theme, keyword) → the longer keywords of other fields that contain it: a keyword written
    inside one of them (科技创新 in 科技创新债券) is that other field's evidence, not this one's."""
    field = {r.name: r.parent or r.name for r in rules}
    return {
        (rule.name, k): tuple(
            o for r in rules if field[r.name] != field[rule.name] for o in r.keywords if k in o and o != k
        )
        for rule in rules
        for k in rule.keywords
        if k
    }


def _count(text: str, keyword: str, covering: tuple[str, ...]) -> int:
    count = text.count(keyword)
    if count and covering:
        count -= sum(text.count(k) * k.count(keyword) for k in covering)
    return max(count, 0)


def tag_page(*, page: ProposedPage, gazetteer: Gazetteer, rules: list[ThemeRule]) -> None:
    for article in page.articles:
        tag_article(article=article, gazetteer=gazetteer, rules=rules)


def tag_article(*, article: ProposedArticle, gazetteer: Gazetteer, rules: list[ThemeRule]) -> None:
    # a short section of a long article is not a brief: its passing mentions stay passing
    brief = sum(len(_without_dateline(s.text)) for s in article.body_sections) < SHORT_TEXT
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
        section.cities = score_cities(
            section=probe, gazetteer=gazetteer, package_city=package_city, brief=brief
        )
        section.themes = score_themes(section=probe, rules=rules)
    package = [gazetteer.resolve(simplified(s.heading.strip())) for s in article.body_sections if s.heading]
    package = [name for name in package if name]
    if len(package) >= 2:
        # a package is about its parts' places, not about every place its parts mention, and
        # about what its introduction (the part before the first place heading) is about
        intro = [s.cities for s in article.body_sections[:1] if not s.heading]
        article.cities = {**_union(intro), **dict.fromkeys(package, 1.0)}
    else:
        article.cities = _union([s.cities for s in article.body_sections])
        titles = f"{article.kicker} {article.headline} {article.subheadline}"
        for name in gazetteer.mentions(titles):
            # named in the headline: what the article is about, unless a place inside it already
            # says where more precisely (兴安盟 over 乌兰浩特市)
            inside = any(gazetteer.is_ancestor(name, other) for other in article.cities)
            if gazetteer.places[name].taggable and not inside:
                article.cities.setdefault(name, 1.0)
    parts = [s.themes for s in article.body_sections]
    if (
        len(parts) > 2
        and not article.body_sections[0].heading
        and all(s.heading for s in article.body_sections[1:])
    ):
        # an introduction before titled parts that names a field in general only announces the
        # children its parts are about: it does not fold them into the field
        named = {r.parent for r in rules if r.parent and any(r.name in part for part in parts[1:])}
        parts[0] = {name: score for name, score in parts[0].items() if name not in named}
    article.themes = _article_themes(parts, rules)


def _article_themes(parts: list[dict[str, float]], rules: list[ThemeRule]) -> dict[str, float]:
    """What the whole article is about: the union of its body sections' themes. A field that one
    section is about in general takes in the children other sections name: a child never comes
    with its own parent (docs/annotation.md)."""
    if len(parts) == 1:
        return dict(parts[0])
    parents = {r.name: r.parent for r in rules}
    # in order of appearance (a dict, not a set), so that ties rank the same way on every run
    named = dict.fromkeys(name for part in parts for name in part)
    total: Counter = Counter()
    for part in parts:
        for name, score in part.items():
            total[parents[name] if parents.get(name) in named else name] += score
    if not total:
        return {}
    best = max(total.values())
    return {name: round(score / best, 2) for name, score in total.most_common()}


def _union(parts: list[dict[str, float]]) -> dict[str, float]:
    """Every place some section is about (each section's own salience already kept passing
    mentions out), scored by its best section relative to the article's best."""
    total: dict[str, float] = {}
    for part in parts:
        for name, score in part.items():
            total[name] = max(total.get(name, 0.0), score)
    best = max(total.values(), default=0.0)
    return {n: round(v / best, 2) for n, v in sorted(total.items(), key=lambda kv: -kv[1])} if best else {}
