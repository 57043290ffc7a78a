"""What the browsing pages count: sections over time, articles by year and month, and the
places and themes under one node of the gazetteer or the theme tree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from archive.models import Article, City, Section, Theme
from archive.selectors import descendant_ids

from . import charts

MAX_MONTH_BARS = 36  # a longer span is drawn by year

# The date a section or an article is filed under: the page's, else the one in the text
# (the same rule as the search index's year facet).
SECTION_DATE = Coalesce("article__page__date", "article__date")
ARTICLE_DATE = Coalesce("page__date", "date")


def tagged_sections(subject: City | Theme) -> QuerySet[Section]:
    """Sections with an active tag on the subject or on anything below it."""
    if isinstance(subject, City):
        return Section.objects.tagged_with_cities(descendant_ids(model=City, roots=[subject]))
    return Section.objects.tagged_with_themes(descendant_ids(model=Theme, roots=[subject]))


def month_counts(sections: QuerySet[Section]) -> dict[tuple[int, int], int]:
    rows = (
        sections.annotate(filed=SECTION_DATE)
        .exclude(filed=None)
        .annotate(y=ExtractYear("filed"), m=ExtractMonth("filed"))
        .values("y", "m")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    counts: dict[tuple[int, int], int] = {}
    for row in rows:
        key = (row["y"], row["m"])
        counts[key] = counts.get(key, 0) + row["n"]
    return counts


def undated_count(sections: QuerySet[Section]) -> int:
    return sections.annotate(filed=SECTION_DATE).filter(filed=None).count()


@dataclass(frozen=True)
class Coverage:
    chart: charts.Chart | None
    by: str  # "month" or "year"
    undated: int


def coverage(
    sections: QuerySet[Section], *, month_href: Callable[[int, int], str], year_href: Callable[[int], str]
) -> Coverage:
    """Sections per month from the first to the last dated month (per year when that is long)."""
    counts = month_counts(sections)
    undated = undated_count(sections)
    if not counts:
        return Coverage(None, "month", undated)
    first, last = min(counts), max(counts)
    span = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    if span > MAX_MONTH_BARS:
        years: dict[int, int] = {}
        for (year, _), n in counts.items():
            years[year] = years.get(year, 0) + n
        points = [
            (str(y), f"{y}年：{years.get(y, 0)} 个段落", years.get(y, 0), year_href(y))
            for y in range(first[0], last[0] + 1)
        ]
        return Coverage(charts.bar_chart(points), "year", undated)
    points = []
    year, month = first
    for _ in range(span):
        n = counts.get((year, month), 0)
        label = f"{year}.{month}" if month == 1 or not points else f"{month}月"
        points.append((label, f"{year}年{month}月：{n} 个段落", n, month_href(year, month)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return Coverage(charts.bar_chart(points, bar_width=28 if span > 3 else 56), "month", undated)


@dataclass(frozen=True)
class YearCount:
    year: int
    count: int
    months: list[tuple[int, int]]  # (month, articles) for months with articles


def date_tree() -> tuple[list[YearCount], int]:
    """Articles per year and month, newest year first, and how many have no date at all."""
    rows = (
        Article.objects.annotate(filed=ARTICLE_DATE)
        .exclude(filed=None)
        .annotate(y=ExtractYear("filed"), m=ExtractMonth("filed"))
        .values("y", "m")
        .annotate(n=Count("pk"))
        .order_by()
    )
    months: dict[int, dict[int, int]] = {}
    for row in rows:
        per_year = months.setdefault(row["y"], {})
        per_year[row["m"]] = per_year.get(row["m"], 0) + row["n"]
    years = [
        YearCount(year, sum(per.values()), sorted(per.items()))
        for year, per in sorted(months.items(), reverse=True)
    ]
    undated = Article.objects.annotate(filed=ARTICLE_DATE).filter(filed=None).count()
    return years, undated


def articles_in_month(year: int, month: int) -> QuerySet[Article]:
    start = dt.date(year, month, 1)
    end = dt.date(year + month // 12, month % 12 + 1, 1)
    return (
        Article.objects.annotate(filed=ARTICLE_DATE)
        .filter(filed__gte=start, filed__lt=end)
        .select_related("page__publication")
        .order_by("-filed", "page_id", "order")
    )


def undated_articles() -> QuerySet[Article]:
    return (
        Article.objects.annotate(filed=ARTICLE_DATE)
        .filter(filed=None)
        .select_related("page__publication")
        .order_by("page_id", "order")
    )
