"""Measure the ingest on real pages from the wild (fixtures/real/*.json) whose text lives outside
the repository: one ``NAME.txt`` per gold file in a folder the operator names.

Reported apart for single-story and multi-item pages: article boundaries, headlines printed and
found, junk articles (made of page furniture only), articles holding furniture, input lines
accounted for nowhere, provenance fields the page states (captured, and invented where the page
states nothing), and places at the level of the 盟市 (a 旗县区 counts as its 盟市).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .evaluation import Score
from .evaluation import normalised_text as _norm
from .ingest.accounting import unaccounted
from .ingest.curated import proposed_from_curated
from .ingest.decode import decode_page
from .ingest.rules import DEFAULT_PATH, use_rules
from .ingest.types import ProposedArticle, ProposedPage
from .models import City
from .services import propose_page

# the level places are scored at: 盟 and 地级市, the region as a whole, Beijing as a whole
CITY_LEVEL = (City.Kind.LEAGUE, City.Kind.PREFECTURE_CITY, City.Kind.REGION, City.Kind.MUNICIPALITY)
PAGE_FIELDS = {"publication": "publication", "date": "date", "page": "label"}
ARTICLE_FIELDS = ("byline", "date", "source_note", "dateline", "publication", "page")


@dataclass
class RealReport:
    pages: int = 0
    boundaries: Score = field(default_factory=Score)
    cities: Score = field(default_factory=Score)
    headlines_right: int = 0
    headlines_printed: int = 0
    junk_articles: int = 0
    articles_with_furniture: int = 0
    unaccounted_lines: int = 0
    stated_fields: int = 0
    captured_fields: int = 0
    invented_fields: int = 0
    misses: list[str] = field(default_factory=list)


@dataclass
class RealEvaluation:
    layouts: dict[str, RealReport]
    skipped: list[str]


def _lines(ranges: list) -> set[int]:
    return {n for start, end in ranges for n in range(start, end + 1)}


def _start(article: ProposedArticle) -> int | None:
    lines = [n for s in article.sections for n in s.lines]
    return min(lines) if lines else None


def _league_of(cities: dict[str, City]):
    def league(name: str) -> str:
        city = cities.get(name)
        while city is not None and city.kind not in CITY_LEVEL:
            city = city.parent
        return city.name if city else name

    return league


def evaluate_real(*, gold_dir: Path, text_dir: Path, rules: Path | None = None) -> RealEvaluation:
    result = RealEvaluation(layouts={}, skipped=[])
    league = _league_of({c.name: c for c in City.objects.select_related("parent")})
    with use_rules(path=rules or DEFAULT_PATH):
        for gold_path in sorted(gold_dir.glob("*.json")):
            text_path = text_dir / f"{gold_path.stem}.txt"
            if not text_path.exists():
                result.skipped.append(gold_path.stem)
                continue
            data = json.loads(gold_path.read_text(encoding="utf-8"))
            report = result.layouts.setdefault(data.get("layout", "single"), RealReport())
            _score_page(
                report,
                name=gold_path.stem,
                data=data,
                text=decode_page(data=text_path.read_bytes()),
                league=league,
            )
    return result


def _score_page(report: RealReport, *, name: str, data: dict, text: str, league) -> None:
    gold = proposed_from_curated(data=data, text=text)
    predicted = propose_page(text=text)
    report.pages += 1
    gold_by_start = {_start(a): (a, raw) for a, raw in zip(gold.articles, data["articles"], strict=True)}
    pred_by_start = {_start(a): a for a in predicted.articles}
    report.boundaries.add(set(gold_by_start), set(pred_by_start))
    furniture = _lines(data.get("dropped", []))
    titles = {n for raw in data["articles"] for n in _lines(raw.get("title_lines", []))}
    for article in predicted.articles:
        body = {n for s in article.sections for n in s.lines}
        if body and body <= furniture | titles and _start(article) not in gold_by_start:
            report.junk_articles += 1
        elif body & furniture:
            report.articles_with_furniture += 1
    report.unaccounted_lines += len(unaccounted(page=predicted, text=text))
    _score_page_fields(report, name=name, data=data, predicted=predicted)
    for start, (g, raw) in gold_by_start.items():
        p = pred_by_start.get(start)
        if g.headline:
            report.headlines_printed += 1
            if p is not None and _norm(p.headline) == _norm(g.headline):
                report.headlines_right += 1
            else:
                report.misses.append(
                    f"{name}: 标题应为「{g.headline}」，得到「{p.headline if p else '（无此文章）'}」"
                )
        report.cities.add(
            {(name, start, league(c)) for c in g.cities},
            {(name, start, league(c)) for c in (p.cities if p else {})},
        )
        _score_article_fields(report, name=name, raw=raw, predicted=p, page=predicted)


def _score_page_fields(report: RealReport, *, name: str, data: dict, predicted: ProposedPage) -> None:
    stated = set(data.get("stated", []))
    for gold_field, attr in PAGE_FIELDS.items():
        got = getattr(predicted, attr)
        if gold_field in stated:
            report.stated_fields += 1
            if _norm(got) == _norm(data.get(gold_field, "")):
                report.captured_fields += 1
            else:
                report.misses.append(
                    f"{name}: 版面{gold_field}应为「{data.get(gold_field, '')}」，得到「{got}」"
                )
        elif got:
            report.invented_fields += 1
            report.misses.append(f"{name}: 版面未载明 {gold_field}，却得到「{got}」")


def _score_article_fields(
    report: RealReport, *, name: str, raw: dict, predicted: ProposedArticle | None, page: ProposedPage
) -> None:
    stated = set(raw.get("stated", []))
    for gold_field in ARTICLE_FIELDS:
        got = _article_value(predicted, page, gold_field)
        if gold_field in stated:
            report.stated_fields += 1
            if got and _norm(got) == _norm(raw.get(gold_field, "")):
                report.captured_fields += 1
            else:
                report.misses.append(
                    f"{name}: 文章{gold_field}应为「{raw.get(gold_field, '')}」，得到「{got}」"
                )
        elif got and gold_field in ("byline", "date", "source_note"):
            # fields a page states for the whole page may also be stated there, not per article
            report.invented_fields += int(_norm(got) != _norm(raw.get(gold_field, "")))


def _article_value(article: ProposedArticle | None, page: ProposedPage, name: str) -> str:
    if article is None:
        return ""
    if name == "publication":
        return article.publication or page.publication
    if name == "page":
        return article.label or page.label
    return str(getattr(article, name, "") or "")
