"""The import preview in the editors' words: what the ingest proposes for a page, with Chinese
labels for its statuses and kinds, and what the editor should check before saving."""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.models import Article, Section
from archive.services import IngestResult

STATUS_LABELS = {
    "would-be-created": "将新建版面",
    "would-be-updated": "将替换旧版本（人工标签尽量保留）",
    "unchanged": "这一版面已在档案中，无需导入",
    "created": "已新建",
    "updated": "已替换旧版本",
}
EXCERPT = 160  # characters of each section shown in the preview


@dataclass
class SectionRow:
    kind: str
    heading: str
    excerpt: str
    cities: list[str]
    themes: list[str]


@dataclass
class ArticleRow:
    kind: str
    column: str
    kicker: str
    headline: str
    subheadline: str
    byline: str
    dateline: str
    date: str
    source_note: str
    review_reason: str
    cities: list[str]
    themes: list[str]
    sections: list[SectionRow] = field(default_factory=list)


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def article_rows(*, result: IngestResult) -> list[ArticleRow]:
    if result.proposed is None:
        return []
    return [
        ArticleRow(
            kind=_label(Article.Kind, a.kind),
            column=a.column,
            kicker=a.kicker,
            headline=a.headline,
            subheadline=a.subheadline,
            byline=a.byline,
            dateline=a.dateline,
            date=a.date,
            source_note=a.source_note,
            review_reason=a.review_reason,
            cities=list(a.cities),
            themes=list(a.themes),
            sections=[
                SectionRow(
                    kind=_label(Section.Kind, s.kind),
                    heading=s.heading,
                    excerpt=s.text[:EXCERPT] + ("…" if len(s.text) > EXCERPT else ""),
                    cities=list(s.cities),
                    themes=list(s.themes),
                )
                for s in a.sections
            ],
        )
        for a in result.proposed.articles
    ]


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value
