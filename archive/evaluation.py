"""Measure the automatic splitter and tagger against curated gold pages (fixtures/curated/*.json)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .ingest.curated import proposed_from_curated
from .ingest.decode import decode_page
from .ingest.rules import use_rules
from .ingest.types import ProposedArticle
from .models import City
from .reference import theme_rules_from_db
from .services import propose_page


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, predicted: set) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    boundaries: Score
    cities: Score
    themes: Score
    headlines_right: int
    headlines_total: int
    fields: Score  # themes compared at the level of the ten work-plan fields

    @property
    def headline_accuracy(self) -> float:
        return self.headlines_right / self.headlines_total if self.headlines_total else 1.0


def _start(article: ProposedArticle) -> int | None:
    lines = [n for s in article.sections if s.kind == "body" for n in s.lines]
    return min(lines) if lines else None


def normalised_text(text: str) -> str:
    """The text without whitespace: how headlines and fields are compared."""
    return re.sub(r"\s", "", text)


def evaluate(*, pairs: list[tuple[Path, Path]], rules: Path | None = None) -> Report:
    """pairs: (raw page, curated gold) files; rules: the ingest rules file to measure (default: the
    active one, normally the shipped archive/data/ingest_rules.toml)."""
    if rules is not None:
        with use_rules(path=rules):
            return evaluate(pairs=pairs)
    report = Report(Score(), Score(), Score(), 0, 0, Score())
    cities = {c.name: c for c in City.objects.select_related("parent")}
    parents = {r.name: r.parent for r in theme_rules_from_db()}

    def unit(name: str) -> str:
        # a named place (中关村, 二连浩特口岸) is scored as the administrative unit it lies in,
        # the level the gold annotations use
        city = cities.get(name)
        while city is not None and city.kind == City.Kind.PLACE and city.parent is not None:
            city = city.parent
        return city.name if city else name

    def field(name: str) -> str:
        return parents.get(name) or name

    for raw_path, gold_path in pairs:
        text = decode_page(data=raw_path.read_bytes())
        gold = proposed_from_curated(data=json.loads(gold_path.read_text(encoding="utf-8")), text=text)
        predicted = propose_page(text=text)
        gold_by_start = {_start(a): a for a in gold.articles}
        pred_by_start = {_start(a): a for a in predicted.articles}
        report.boundaries.add(set(gold_by_start), set(pred_by_start))
        for start, g in gold_by_start.items():
            report.headlines_total += 1
            p = pred_by_start.get(start)
            if p is not None and normalised_text(p.headline) == normalised_text(g.headline):
                report.headlines_right += 1
            predicted_cities = p.cities if p else {}
            predicted_themes = p.themes if p else {}
            report.cities.add(
                {(start, unit(c)) for c in g.cities}, {(start, unit(c)) for c in predicted_cities}
            )
            report.themes.add({(start, t) for t in g.themes}, {(start, t) for t in predicted_themes})
            report.fields.add(
                {(start, field(t)) for t in g.themes}, {(start, field(t)) for t in predicted_themes}
            )
    return report
