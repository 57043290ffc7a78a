"""Business logic of the archive: ingest a raw page, load the curated archive, re-tag.

Everything that writes runs in one transaction and re-indexes the touched sections after commit.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .ingest.curated import proposed_from_curated
from .ingest.dates import assign_dates
from .ingest.decode import IngestError, checksum, decode_page
from .ingest.split import split_page
from .ingest.tag import tag_page
from .ingest.types import ProposedPage
from .models import (
    Article,
    ArticleCity,
    ArticleTheme,
    City,
    Page,
    Publication,
    Section,
    SectionCity,
    SectionTheme,
    TagSource,
    Theme,
)
from .reference import gazetteer_from_db, theme_rules_from_db


@dataclass
class IngestResult:
    source: str
    status: str  # created, unchanged, proposed, failed
    page_id: int | None = None
    proposed: ProposedPage | None = None
    reason: str = ""
    counts: dict[str, int] = field(default_factory=dict)


def propose_page(*, text: str, page_date: dt.date | None = None) -> ProposedPage:
    """Raw page text → articles and sections, dated and tagged. Reads only the gazetteer."""
    gazetteer = gazetteer_from_db()
    page = split_page(text=text, place_names=gazetteer.names())
    assign_dates(page=page, text=text, page_date=page_date)
    tag_page(page=page, gazetteer=gazetteer, rules=theme_rules_from_db())
    return page


def ingest_bytes(
    *,
    data: bytes,
    source_name: str,
    publication: str = "",
    date: dt.date | None = None,
    label: str = "",
    dry_run: bool = False,
) -> IngestResult:
    """Ingest one raw page file. The same text again changes nothing."""
    text = decode_page(data=data)
    digest = checksum(text=text)
    existing = Page.objects.filter(checksum=digest).first()
    proposed = propose_page(text=text, page_date=date)
    proposed.publication, proposed.label = publication, label
    if date:
        proposed.date = date.isoformat()
    if existing is not None:
        return IngestResult(source=source_name, status="unchanged", page_id=existing.pk, proposed=proposed)
    if dry_run:
        return IngestResult(
            source=source_name, status="proposed", proposed=proposed, counts=_counts(proposed)
        )
    page = save_page(proposed=proposed, raw_text=text, source_name=source_name, curated=False)
    return IngestResult(
        source=source_name, status="created", page_id=page.pk, proposed=proposed, counts=_counts(proposed)
    )


def load_curated_page(*, raw_path: Path, curated_path: Path) -> IngestResult:
    """Load one page of the curated archive; a page already in the archive is left as it is."""
    text = decode_page(data=raw_path.read_bytes())
    existing = Page.objects.filter(checksum=checksum(text=text)).first()
    if existing is not None:
        return IngestResult(source=raw_path.name, status="unchanged", page_id=existing.pk)
    data = json.loads(curated_path.read_text(encoding="utf-8"))
    proposed = proposed_from_curated(data=data, text=text)
    page = save_page(proposed=proposed, raw_text=text, source_name=raw_path.name, curated=True)
    return IngestResult(source=raw_path.name, status="created", page_id=page.pk, counts=_counts(proposed))


def _counts(page: ProposedPage) -> dict[str, int]:
    sections = [s for a in page.articles for s in a.sections]
    return {
        "articles": len(page.articles),
        "sections": len(sections),
        "tags": sum(len(s.cities) + len(s.themes) for s in sections),
        "flags": sum(1 for a in page.articles if a.needs_review),
        "dropped": len(page.dropped),
    }


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError as exc:
        raise IngestError(f"日期格式无效：{value}（应为 YYYY-MM-DD）") from exc


@transaction.atomic
def save_page(*, proposed: ProposedPage, raw_text: str, source_name: str, curated: bool) -> Page:
    source = TagSource.CURATED if curated else TagSource.AUTO
    cities = {c.name: c for c in City.objects.all()}
    themes = {t.name: t for t in Theme.objects.all()}
    publication = (
        Publication.objects.get_or_create(name=proposed.publication)[0] if proposed.publication else None
    )
    page = Page.objects.create(
        publication=publication,
        date=_parse_date(proposed.date),
        label=proposed.label,
        source_name=source_name,
        checksum=checksum(text=raw_text),
        raw_text=raw_text,
        provenance=proposed.provenance,
        dropped=proposed.dropped,
        curated=curated,
    )
    section_ids: list[int] = []
    for order, pa in enumerate(proposed.articles, start=1):
        article = Article.objects.create(
            page=page,
            order=order,
            kind=pa.kind,
            column=pa.column,
            kicker=pa.kicker,
            headline=pa.headline,
            subheadline=pa.subheadline,
            byline=pa.byline,
            authors=pa.authors,
            dateline=pa.dateline,
            date=_parse_date(pa.date),
            source_note=pa.source_note,
            needs_review=pa.needs_review,
            review_reason=pa.review_reason[:300],
            curated=curated,
        )
        _tag(ArticleCity, "article", article, "city", cities, pa.cities, source)
        _tag(ArticleTheme, "article", article, "theme", themes, pa.themes, source)
        for sorder, ps in enumerate(pa.sections, start=1):
            section = Section.objects.create(
                article=article,
                order=sorder,
                kind=ps.kind,
                heading=ps.heading,
                subheading=ps.subheading,
                byline=ps.byline,
                text=ps.text,
                span_start=ps.span_start,
                span_end=ps.span_end,
            )
            section_ids.append(section.pk)
            _tag(SectionCity, "section", section, "city", cities, ps.cities, source)
            _tag(SectionTheme, "section", section, "theme", themes, ps.themes, source)
    transaction.on_commit(lambda: _reindex(section_ids))
    return page


def _tag(model, owner_field, owner, target_field, targets, scores, source) -> None:
    unknown = [name for name in scores if name not in targets]
    if unknown:
        raise IngestError(f"未知的{'地区' if target_field == 'city' else '主题'}：{'、'.join(unknown)}")
    model.objects.bulk_create(
        model(**{owner_field: owner, target_field: targets[name]}, score=score, source=source)
        for name, score in scores.items()
    )


def _reindex(section_ids: list[int]) -> None:
    from search.indexing import index_sections

    index_sections(section_ids=section_ids)
