"""The gazetteer: place names and aliases → places, and which of their mentions count.

A name counts as a mention of its place unless the text uses it for something else: the qualifier
of the next place (赤峰市巴林左旗), part of an organisation's name (北京朝阳医院, 包头钢铁), a
meeting's venue (在集宁区召开), a title (《内蒙古日报》) or a word that only contains it (大兴安岭).
Names are matched in the Simplified shadow of the text, so Traditional script tags the same.
The word lists are data: the [cities] section of the rules file (rules.py).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from . import rules as ingest_rules
from .script import simplified


@dataclass(frozen=True)
class Place:
    name: str
    parent: str | None
    taggable: bool  # the region itself is never a tag: it would be on everything
    partner: bool = False  # the partner municipality: counted by its own mentions, not their share
    site: bool = False  # a named place (park, port, new area) rather than an administrative unit


_TITLED = re.compile(r"《[^《》\n]{1,40}》")
_QUALIFIER_GAP = " \u3000·"


class Gazetteer:
    """Names and aliases → places, matched longest-first."""

    def __init__(self, places: Iterable[tuple[Place, Iterable[str]]]):
        self.places: dict[str, Place] = {}
        self.lookup: dict[str, str] = {}
        for place, aliases in places:
            self.places[place.name] = place
            for term in (place.name, *aliases):
                if term:
                    # an alias an editor typed in Traditional script is found like the Simplified one
                    self.lookup.setdefault(simplified(term), place.name)
                    self.lookup.setdefault(term, place.name)
        terms = tuple(sorted(self.lookup))
        self._pattern = _term_pattern(terms, ingest_rules.active().cities.not_places)
        self.name_pattern = _term_pattern(terms, ())

    def names(self) -> set[str]:
        return set(self.lookup)

    def mentions(self, text: str) -> Counter:
        """Places named in the text, each counted where it stands for the place itself."""
        if not self.lookup:
            return Counter()
        shadow = _TITLED.sub(lambda m: "\u3000" * len(m.group(0)), simplified(text))
        found = [
            (m.start(), m.end(), self.lookup[m.group(0)])
            for m in self._pattern.finditer(shadow)
            if m.group(0) in self.lookup  # a word that only contains a name (大兴安岭) is no place
        ]
        counted: Counter = Counter()
        for i, (start, end, name) in enumerate(found):
            following = found[i + 1] if i + 1 < len(found) else None
            if (
                following
                and not shadow[end : following[0]].strip(_QUALIFIER_GAP)
                and self.is_ancestor(name, following[2])
            ):
                continue  # "赤峰市巴林左旗": the first only locates the second
            if _names_an_organisation(shadow, end) or _is_a_venue(shadow, start, end, self):
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

    def ancestors(self, name: str) -> list[str]:
        chain, node = [], self.places.get(name)
        while node is not None and node.parent:
            chain.append(node.parent)
            node = self.places.get(node.parent)
        return chain

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


@functools.lru_cache(maxsize=16)
def _term_pattern(terms: tuple[str, ...], not_places: tuple[str, ...]) -> re.Pattern:
    """Longest first, so 察哈尔右翼前旗 wins over a shorter name inside it and 大兴安岭 over 大兴."""
    words = sorted({*terms, *not_places}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


_PAUSE = r"\s\u3000，。、；：！？,.;:!?“”\"（）()"


@functools.lru_cache(maxsize=8)
def _organisation_pattern(suffixes: tuple[str, ...], gap: int, stops: str) -> re.Pattern:
    # the words between the place and the suffix belong to the name: no pause, no count
    name_char = rf"[^{_PAUSE}\d{re.escape(stops)}]"
    return re.compile(rf"{name_char}{{0,{gap}}}?(?:{'|'.join(map(re.escape, suffixes))})")


@functools.lru_cache(maxsize=8)
def _venue_pattern(verbs: tuple[str, ...], gap: int) -> re.Pattern:
    return re.compile(rf"[^{_PAUSE}]{{0,{gap}}}?(?:{'|'.join(map(re.escape, verbs))})")


def _names_an_organisation(shadow: str, end: int) -> bool:
    """北京朝阳医院, 包头钢铁, 乌兰察布职业学院: the place is part of the organisation's name (not
    of its own public body, 乌拉特后旗人民医院, which stands for the place)."""
    w = ingest_rules.active().cities
    pattern = _organisation_pattern(w.org_suffixes, w.org_gap_chars, w.org_gap_stops)
    return bool(pattern.match(shadow, end)) and not shadow.startswith(w.public_bodies, end)


def _is_a_venue(shadow: str, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """在集宁区召开: where a meeting was held, which alone does not make the story about the place.
    The place may be qualified by the unit it lies in (在乌兰察布市集宁区召开)."""
    w = ingest_rules.active().cities
    before = shadow[max(0, start - w.venue_gap_chars) : start]
    prefix = before.rsplit("在", 1)
    if len(prefix) < 2 or any(not gazetteer.lookup.get(part) for part in _split_names(prefix[1], gazetteer)):
        return False
    return bool(_venue_pattern(w.venue_verbs, w.venue_gap_chars).match(shadow, end))


def _split_names(text: str, gazetteer: Gazetteer) -> list[str]:
    """The qualifiers between 在 and the place, which must all be place names ("" when none)."""
    if not text:
        return []
    parts = [m.group(0) for m in gazetteer.name_pattern.finditer(text)]
    return parts if "".join(parts) == text else [""]
