"""Tag sections and articles with cities and themes, with scores that reflect salience.

A place counts for a section when it is in the heading, in the lead, the subject of a paragraph, or
mentioned repeatedly, so a passing mention in a list does not make the section "about" it. A 盟市's
(Beijing's) salience counts the mentions of the units inside it; the tag is the most specific unit
the text gives. Which mentions count is the gazetteer's (places.py). Themes are scored in themes.py.
The weights and cut-offs are data: the [cities] section of the rules file (rules.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from . import rules as ingest_rules
from .places import Gazetteer as Gazetteer
from .places import Place as Place
from .script import simplified
from .themes import ThemeRule, article_themes, score_themes
from .types import ProposedArticle, ProposedPage, ProposedSection

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
    return body[: end.end()] if end else body[: ingest_rules.active().cities.lead_chars]


def score_cities(
    *,
    section: ProposedSection,
    gazetteer: Gazetteer,
    package_city: str | None,
    brief: bool | None = None,
) -> dict[str, float]:
    """Salience: named in the heading, in the lead, the subject of a paragraph, or taking a large
    share of the place mentions (a 盟市's share counting the places inside it).

    brief: whether the whole article is a brief (None: judge by this section's own length).
    """
    w = ingest_rules.active().cities
    heading = f"{section.heading} {section.subheading}"
    body = _without_dateline(section.text)
    counts = gazetteer.mentions(body)
    counts = Counter({n: c for n, c in counts.items() if gazetteer.places[n].taggable})
    located = _located_by_label(body, counts, gazetteer)
    own, grouped = _share_scores(counts, gazetteer)
    scores = dict(own)
    for name in _recurring(body, counts, gazetteer):
        scores[name] += w.threshold  # comes back through the story: a subject, not a passing mention
    subjects = _paragraph_subjects(body, gazetteer)
    if package_city:
        subjects = {n for n in subjects if gazetteer.is_ancestor(package_city, n)}
    _add(scores, subjects, w.paragraph_subject_bonus)
    if brief is None:
        brief = len(body) < w.short_text
    _add(scores, gazetteer.mentions(_lead(section.text)), w.lead_bonus)
    if brief:
        _add(scores, counts, w.brief_bonus)  # in a brief, every place it names is part of the story
    _add(scores, gazetteer.mentions(heading), w.heading_bonus)
    _add(scores, located, w.label_bonus)  # located by the brief's leading place label
    if package_city:
        # words that stand for "the place this part of the package is about" (我市, 全旗)
        deictic = sum(simplified(body).count(word) for word in w.deictic_words)
        _add(scores, [package_city], w.package_bonus + w.deictic_bonus * deictic)
        # the 旗县 a 盟市's part names are where its projects are
        inside = [n for n in counts if gazetteer.is_ancestor(package_city, n)]
        _add(scores, inside, w.package_member_bonus)
    _roll_up(scores, own=own, grouped=grouped, counts=counts, gazetteer=gazetteer)
    tagged = {n: s for n, s in scores.items() if s >= w.threshold and gazetteer.places[n].taggable}
    return _most_specific(tagged, gazetteer)


def _add(scores: dict[str, float], names: Iterable[str], bonus: float) -> None:
    for name in names:
        scores[name] = scores.get(name, 0.0) + bonus


def _share_scores(counts: Counter, gazetteer: Gazetteer) -> tuple[dict[str, float], dict[str, float]]:
    """Each named place's score from its share of the mentions, and each enclosing unit's counting
    the mentions of the places inside it (a 旗县 for its 盟市, a district for Beijing)."""
    w = ingest_rules.active().cities
    # Beijing's side is in nearly every story here: its mentions do not dilute the share of the
    # Inner Mongolian places (and are scored by their own count below)
    local_total = sum(c for n, c in counts.items() if not gazetteer.partner_side(n))
    total = sum(counts.values())

    def score(name: str, count: int) -> float:
        partner = gazetteer.partner_side(name)
        share = count / (total if partner else local_total)
        # a place that takes most of the mentions is what the text is about; one of many is not
        value = w.share_weight * share * min(1.0, count / w.full_share_mentions)
        if partner:
            # Beijing (or a district of it) is an actor when named repeatedly, however many
            # Inner Mongolian places the text also names
            value = max(value, w.partner_per_mention * min(count, w.partner_mention_cap))
        return value

    groups: Counter = Counter()
    for name, count in counts.items():
        for unit in gazetteer.ancestors(name):
            if unit in gazetteer.places and gazetteer.places[unit].taggable:
                groups[unit] += count
    for unit in groups:
        groups[unit] += counts.get(unit, 0)
    rolled = {n: score(n, c) for n, c in groups.items() if c >= w.rollup_mentions}
    return {n: score(n, c) for n, c in counts.items()}, rolled


def _roll_up(
    scores: dict[str, float],
    *,
    own: dict[str, float],
    grouped: dict[str, float],
    counts: Counter,
    gazetteer: Gazetteer,
) -> None:
    """A unit salient only through the places inside it (乌兰察布市 once, 察右前旗 twice): the tag
    goes to the places inside it named repeatedly, the most specific unit the text gives, or to the
    unit itself when none is (scores is changed in place)."""
    w = ingest_rules.active().cities
    for unit, group_score in grouped.items():
        score = scores.get(unit, 0.0)
        if score >= w.threshold or score - own.get(unit, 0.0) + group_score < w.threshold:
            continue
        inside = {n: c for n, c in counts.items() if gazetteer.is_ancestor(unit, n)}
        group = sum(inside.values()) + counts.get(unit, 0)
        members = [n for n, c in inside.items() if c >= w.member_mentions and c >= w.member_share * group]
        for name in members or [unit]:
            scores[name] = max(scores.get(name, 0.0), w.threshold)


def _paragraph_subjects(body: str, gazetteer: Gazetteer) -> set[str]:
    """Inner Mongolian places a later paragraph is about: named in it repeatedly and taking most of
    its mentions (the first paragraph holds the lead, scored as such)."""
    w = ingest_rules.active().cities
    found: set[str] = set()
    for paragraph in [p for p in body.split("\n") if p.strip()][1:]:
        named = Counter(
            {n: c for n, c in gazetteer.mentions(paragraph).items() if not gazetteer.partner_side(n)}
        )
        found.update(
            name
            for name, count in named.items()
            if count >= w.paragraph_subject_mentions
            and count >= w.paragraph_subject_share * sum(named.values())
        )
    return found


def _recurring(body: str, counts: Counter, gazetteer: Gazetteer) -> list[str]:
    """Inner Mongolian places named at least three times in at least two paragraphs, a named site
    inside one (和林格尔新区) counting for it. Beijing's side is scored by its count already."""
    paragraphs = [Counter(gazetteer.mentions(p)) for p in body.split("\n") if p.strip()]

    def within(name: str, other: str) -> bool:
        return other == name or (gazetteer.places[other].site and gazetteer.is_ancestor(name, other))

    w = ingest_rules.active().cities
    found = []
    for name in (n for n in counts if not gazetteer.partner_side(n)):
        per_paragraph = [sum(c for n, c in p.items() if within(name, n)) for p in paragraphs]
        if (
            sum(per_paragraph) >= w.recurring_mentions
            and sum(1 for c in per_paragraph if c) >= w.recurring_paragraphs
        ):
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
    strong = ingest_rules.active().cities.strong  # a heading or package mention
    return {
        name: round(score, 2)
        for name, score in tagged.items()
        if not any(gazetteer.is_ancestor(name, other) for other in tagged)
        or (score >= strong and not gazetteer.places[name].partner)
    }


def tag_page(*, page: ProposedPage, gazetteer: Gazetteer, rules: list[ThemeRule]) -> None:
    for article in page.articles:
        tag_article(article=article, gazetteer=gazetteer, rules=rules)


def tag_article(*, article: ProposedArticle, gazetteer: Gazetteer, rules: list[ThemeRule]) -> None:
    # a short section of a long article is not a brief: its passing mentions stay passing
    short = ingest_rules.active().cities.short_text
    brief = sum(len(_without_dateline(s.text)) for s in article.body_sections) < short
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
        # a notice (遗失声明, 公告) is about nothing in the work plan, whatever words its form uses
        section.themes = {} if article.kind == "notice" else score_themes(section=probe, rules=rules)
    article.cities = _article_cities(article, gazetteer)
    if _beijing_alone(article, gazetteer):
        # the work plan is Beijing's cooperation with Inner Mongolia: a story that names Beijing and
        # nothing of the region (a district's own news on the same page) is about none of its themes
        for section in article.sections:
            section.themes = {}
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
    article.themes = article_themes(parts, rules)


def _article_cities(article: ProposedArticle, gazetteer: Gazetteer) -> dict[str, float]:
    """What the whole article is about, from its sections' places and its headline."""
    resolved = [gazetteer.resolve(simplified(s.heading.strip())) for s in article.body_sections if s.heading]
    package = [name for name in resolved if name]
    if len(package) >= 2:
        # a package is about its parts' places, not about every place its parts mention, and
        # about what its introduction (the part before the first place heading) is about
        intro = [s.cities for s in article.body_sections[:1] if not s.heading]
        cities = {**_union(intro), **dict.fromkeys(package, 1.0)}
    else:
        cities = _union([s.cities for s in article.body_sections])
        titles = f"{article.kicker} {article.headline} {article.subheadline}"
        for name in gazetteer.mentions(titles):
            # named in the headline: what the article is about, unless a place inside it already
            # says where more precisely (兴安盟 over 乌兰浩特市)
            inside = any(gazetteer.is_ancestor(name, other) for other in cities)
            if gazetteer.places[name].taggable and not inside:
                cities.setdefault(name, 1.0)
    # Beijing's side by its district when one is named (docs/annotation.md), across sections too
    return {
        name: score
        for name, score in cities.items()
        if not (gazetteer.places[name].partner and any(gazetteer.is_ancestor(name, o) for o in cities))
    }


def _beijing_alone(article: ProposedArticle, gazetteer: Gazetteer) -> bool:
    text = " ".join(
        [article.kicker, article.headline, article.subheadline, *(s.text for s in article.sections)]
    )
    # the cooperation named outright, without a place of the region (京蒙协作, 内蒙古 in any form)
    if any(word in simplified(text) for word in ingest_rules.active().cities.cooperation_words):
        return False
    named = gazetteer.mentions(text)
    return bool(named) and all(gazetteer.partner_side(name) for name in named)


def _union(parts: list[dict[str, float]]) -> dict[str, float]:
    """Every place some section is about (each section's own salience already kept passing
    mentions out), scored by its best section relative to the article's best."""
    total: dict[str, float] = {}
    for part in parts:
        for name, score in part.items():
            total[name] = max(total.get(name, 0.0), score)
    best = max(total.values(), default=0.0)
    return {n: round(v / best, 2) for n, v in sorted(total.items(), key=lambda kv: -kv[1])} if best else {}
