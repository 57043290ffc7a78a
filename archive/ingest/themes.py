"""Themes of sections and articles: keyword evidence, one most specific theme per field.

Theme keywords are data (editable in the admin as Theme.keywords), so tagging improves without a
code change; so are the weights and cut-offs (the [themes] section of the rules file, rules.py). The
rules follow the annotation guideline (docs/annotation.md).
"""

from __future__ import annotations

import functools
import operator
import re
from dataclasses import dataclass

from . import rules as ingest_rules
from .script import simplified
from .types import ProposedSection


@dataclass(frozen=True)
class ThemeRule:
    name: str
    parent: str | None
    keywords: tuple[str, ...]
    # a child that is its field put to work for another field (科技金融: finance for 科技创新)
    serves: str | None = None


_CLAUSE_END = re.compile(r"[，。！？；：,;:!?]")


# 在产业、科技、民生等领域: fields named in a list are not what the text is about
_FIELD_LIST = re.compile(
    r"(?:[^，。；：、\s]{1,8}、)+[^，。；：、\s]{1,8}?等?(?:多个|多|重点|各|诸多)?(?:领域|方面|行业)"
)


def _without_field_lists(text: str) -> str:
    return _FIELD_LIST.sub("", text)


def _theme_evidence(
    *, section: ProposedSection, rules: list[ThemeRule], family: bool = False
) -> dict[str, float]:
    """Keyword evidence per theme: each keyword counts up to three times in the text, twice in the
    heading."""
    heading = _without_field_lists(simplified(f"{section.heading} {section.subheading}"))
    text = _without_field_lists(simplified(section.text))
    covering = _covering(tuple(rules), family=family)
    w = ingest_rules.active().themes
    raw: dict[str, float] = {}
    for rule in rules:
        score = sum(
            min(_count(text, k, covering[rule.name, k]), w.text_count_cap)
            + w.heading_weight * _count(heading, k, covering[rule.name, k])
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
    w = ingest_rules.active().themes
    chosen = _choose(_theme_evidence(section=section, rules=rules), rules)
    field = _fields(tuple(rules))
    if not chosen:
        found: dict[str, float] = {}
    else:
        best = max(chosen.values())
        ranked = sorted(chosen.items(), key=lambda kv: -kv[1])[: w.max_themes]
        # a theme the heading names outright is a subject, however much the text says of others
        named = simplified(f"{section.heading} {section.subheading}")
        found = {
            name: round(score / best, 2)
            for name, score in ranked
            if score >= best * w.salient or name in named
        }
    covered = {field[name]: name for name in found}
    for name, length in _paragraph_topics(section=section, rules=rules):
        held = covered.get(field[name])
        if held is None:
            found[name] = w.salient
            covered[field[name]] = name
        elif held != name and field[name] not in (held, name) and length >= w.sibling_min:
            # a paragraph on a sibling of the child the section is about: the section spans the field
            found[field[name]] = found.pop(held)
            covered[field[name]] = field[name]
    return _served(found, rules)


def _served(found: dict[str, float], rules: list[ThemeRule]) -> dict[str, float]:
    """A section about a field in general and about the field one of its children serves is about
    that child: a fund in a report on technology cooperation is 科技金融, not finance at large."""
    field = _fields(tuple(rules))
    fields = {field[name] for name in found}
    for rule in rules:
        if rule.serves and rule.parent in found and rule.serves in fields:
            found[rule.name] = found.pop(rule.parent)
    return found


def _choose(
    raw: dict[str, float],
    rules: list[ThemeRule],
    *,
    threshold: float | None = None,
    second: float | None = None,
) -> dict[str, float]:
    """Per field: its one strong child, or the field when two children or the field itself are strong.
    threshold, second: the section's (None) or a paragraph's cut-offs."""
    w = ingest_rules.active().themes
    threshold = w.threshold if threshold is None else threshold
    second = w.second_child if second is None else second
    children = _children(tuple(rules))
    chosen: dict[str, float] = {}
    for rule in rules:
        if rule.parent:
            continue
        parent_score = raw.get(rule.name, 0.0)
        ranked_children = sorted(children.get(rule.name, []), key=lambda c: -raw.get(c, 0.0))
        # the best child needs less evidence than a second one of the same field; a second
        # child counts only beside a strong first
        strong_children = []
        for i, c in enumerate(ranked_children):
            bar = max(threshold * (w.first_child if i == 0 else second), parent_score * w.child_share)
            if raw.get(c, 0.0) < bar:
                break
            strong_children.append(c)
        if len(strong_children) == 1:
            chosen[strong_children[0]] = raw[strong_children[0]] + parent_score * w.parent_share
        elif strong_children:
            chosen[rule.name] = parent_score + sum(raw[c] for c in strong_children)
        elif parent_score >= threshold:
            chosen[rule.name] = parent_score + sum(raw.get(c, 0.0) for c in ranked_children) * w.parent_share
    return chosen


def _paragraph_topics(*, section: ProposedSection, rules: list[ThemeRule]) -> list[tuple[str, int]]:
    """Themes that are the clear main topic of one long paragraph of the section.

    A paragraph is first given to a field, by the evidence of the field and its children together
    (a paragraph on 送电 and 制氢 is about energy, though neither child alone leads), and then to
    that field's most specific theme. Its first clause counts as its heading: a report's paragraph
    states its topic up front ("劳务协作铺就增收路。", "在…方面，")."""
    field = _fields(tuple(rules))
    w = ingest_rules.active().themes
    topics: list[tuple[str, int]] = []
    for paragraph in section.text.split("\n"):
        if len(paragraph) < w.paragraph_min:
            continue
        first = _CLAUSE_END.split(paragraph, maxsplit=1)[0]
        probe = ProposedSection(heading=first, text=paragraph)
        # a field's word written inside one of its children's (旅游 in 旅游收入) is not a second
        # piece of evidence: a paragraph needs more than one word counted twice
        raw = _theme_evidence(section=probe, rules=rules, family=True)
        totals: dict[str, float] = {}
        for name, score in raw.items():
            totals[field[name]] = totals.get(field[name], 0) + score
        ranked = _ranked(totals)[:2]
        if not ranked or ranked[0][1] < w.paragraph_threshold:
            continue
        if len(ranked) > 1 and ranked[0][1] < w.paragraph_lead * ranked[1][1]:
            continue
        top = ranked[0][0]
        within = {n: v for n, v in raw.items() if field[n] == top}
        chosen = _choose(within, rules, threshold=w.paragraph_threshold, second=w.paragraph_second)
        names = list(chosen)
        if not chosen:
            # too little for _choose's thresholds: the child that holds most of it; spread thinly
            # over several, the paragraph is a roundup that names no theme
            ordered = sorted(within, key=lambda n: (within[n], n == top), reverse=True)
            best = ordered[0]
            tied = len(ordered) > 1 and within[ordered[1]] == within[best] and best != top
            names = [best] if within[best] * 2 >= ranked[0][1] and not tied else []
        topics.extend((name, len(paragraph)) for name in names)
    return topics


@functools.lru_cache(maxsize=4)
def _fields(rules: tuple[ThemeRule, ...]) -> dict[str, str]:
    """Theme → the field it belongs to (a field → itself)."""
    return {r.name: r.parent or r.name for r in rules}


@functools.lru_cache(maxsize=4)
def _children(rules: tuple[ThemeRule, ...]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for rule in rules:
        if rule.parent:
            found.setdefault(rule.parent, []).append(rule.name)
    return found


@functools.lru_cache(maxsize=4)
def _covering(
    rules: tuple[ThemeRule, ...], *, family: bool = False
) -> dict[tuple[str, str], tuple[str, ...]]:
    """(theme, keyword) → the longer keywords of other fields that contain it: a keyword written
    inside one of them (科技创新 in 科技创新债券) is that other field's evidence, not this one's.
    family: a field's keyword inside one of its own children's is the child's as well."""
    field = _fields(tuple(rules))

    def other(r: ThemeRule, rule: ThemeRule) -> bool:
        return field[r.name] != field[rule.name] or (family and r.parent == rule.name)

    return {
        (rule.name, k): tuple(o for r in rules if other(r, rule) for o in r.keywords if k in o and o != k)
        for rule in rules
        for k in rule.keywords
        if k
    }


def _count(text: str, keyword: str, covering: tuple[str, ...]) -> int:
    count = text.count(keyword)
    if count and covering:
        count -= sum(text.count(k) * k.count(keyword) for k in covering)
    return max(count, 0)


def article_themes(parts: list[dict[str, float]], rules: list[ThemeRule]) -> dict[str, float]:
    """What the whole article is about: the union of its body sections' themes. A field that one
    section is about in general takes in the children other sections name: a child never comes
    with its own parent (docs/annotation.md)."""
    if len(parts) == 1:
        return dict(parts[0])
    parents = {r.name: r.parent for r in rules}
    # in order of appearance (a dict, not a set), so that ties rank the same way on every run
    named = dict.fromkeys(name for part in parts for name in part)
    total: dict[str, float] = {}
    for part in parts:
        for name, score in part.items():
            parent = parents.get(name)
            key = parent if parent is not None and parent in named else name
            total[key] = total.get(key, 0) + score
    if not total:
        return {}
    best = max(total.values())
    return {name: round(score / best, 2) for name, score in _ranked(total)}


def _ranked(scores: dict[str, float]) -> list[tuple[str, float]]:
    """Highest score first, ties in the order they were first scored (as ``Counter.most_common``)."""
    return sorted(scores.items(), key=operator.itemgetter(1), reverse=True)
