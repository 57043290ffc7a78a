"""Business logic of the archive: propose, ingest and save a raw page; load the curated archive.

Everything that writes runs in one transaction. The sections it creates are announced by Django's
model signals, which the search layer listens to (search.queue); nothing here touches the index.
Re-tagging is in retagging.py, editors' corrections in curation.py.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .ingest.attribute import apply_provenance, read_provenance
from .ingest.curated import proposed_from_curated
from .ingest.dates import assign_dates
from .ingest.decode import IngestError, checksum, decode_page
from .ingest.formats import TEXT, Extracted, extract, sniff
from .ingest.formats.apply import apply_extracted
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
from .reingest import Carried, apply_carried, carry_over, find_previous_version


@dataclass
class IngestResult:
    source: str
    status: str  # created, unchanged, proposed, failed
    page_id: int | None = None
    proposed: ProposedPage | None = None
    reason: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    text: str = ""  # the text the pipeline split (a web page's or PDF's as extracted)
    image: bytes = b""  # a PDF page's printed image (PNG), when the input had one


def propose_page(*, text: str, page_date: dt.date | None = None) -> ProposedPage:
    """Raw page text → articles and sections, dated and tagged. Reads only the gazetteer."""
    gazetteer = gazetteer_from_db()
    page = split_page(text=text, place_names=gazetteer.names())
    # what the page prints (masthead, date lines, bylines…) fills what the splitter left empty; a
    # date the page prints dates its datelines (本报11月9日讯) when the operator gives none
    apply_provenance(page=page, stated=read_provenance(text=text), text=text)
    printed = dt.date.fromisoformat(page.date) if page.date else None
    assign_dates(page=page, text=text, page_date=page_date or printed)
    tag_page(page=page, gazetteer=gazetteer, rules=theme_rules_from_db())
    return page


def read_page(*, data: bytes, source_name: str) -> tuple[str, Extracted | None]:
    """The text the pipeline splits, and for a saved web page or a PDF what its extractor found.
    The format is told by the content (the name only breaks a tie); a refusal is an IngestError."""
    media_type = sniff(data=data, name=source_name)
    if media_type == TEXT:
        return decode_page(data=data), None
    extracted = extract(data=data, media_type=media_type)
    return decode_page(data=extracted.text.encode("utf-8")), extracted


def ingest_bytes(
    *,
    data: bytes,
    source_name: str,
    publication: str = "",
    date: dt.date | None = None,
    label: str = "",
    dry_run: bool = False,
    force: bool = False,
    replace_id: int | None = None,
) -> IngestResult:
    """Ingest one raw page file (text, a saved web page or a page PDF). The same text again changes
    nothing; a corrected version of a page already in the archive replaces it, keeping every
    editor's decision (or is refused). ``publication``/``date``/``label`` override what the page says;
    ``replace_id`` names the page this one replaces when an editor chose it (a near-duplicate)."""
    text, extracted = read_page(data=data, source_name=source_name)
    digest = checksum(text=text)
    existing = Page.objects.filter(checksum=digest).first()
    stated = _stated_date(extracted)
    proposed = propose_page(text=text, page_date=date or stated)
    if extracted is not None:
        apply_extracted(page=proposed, extracted=extracted)
    _override(proposed, publication=publication, date=date, label=label)
    notes = list(extracted.warnings) if extracted else []
    if existing is not None:
        return IngestResult(
            source=source_name, status="unchanged", page_id=existing.pk, proposed=proposed, notes=notes
        )
    previous = (
        Page.objects.filter(pk=replace_id).first()
        if replace_id is not None
        else find_previous_version(source_name=source_name, publication=publication, date=date, label=label)
    )
    carried = None
    if previous is not None:
        carried = carry_over(old=previous, proposed=proposed)
        if (previous.curated or carried.lost) and not force:
            reason = "其文章切分经人工整理" if previous.curated else "；".join(carried.lost[:2])
            raise IngestError(
                f"这是已导入版面 #{previous.pk} 的新版本，但{reason}；"
                f"确认以新文本重新切分（人工标签尽量保留）请加 --force"
            )
    status = "updated" if previous is not None else "created"
    notes += carried.lost if carried else []
    if dry_run:
        return IngestResult(
            source=source_name,
            status=f"would-be-{status}",
            proposed=proposed,
            counts=_counts(proposed),
            notes=notes,
            text=text,
            image=extracted.image_png if extracted is not None else b"",
        )
    page = save_page(
        proposed=proposed,
        raw_text=text,
        source_name=source_name,
        curated=False,
        replace=previous,
        carried=carried,
        original=data if extracted is not None else b"",
        image=extracted.image_png if extracted is not None else b"",
    )
    return IngestResult(
        source=source_name,
        status=status,
        page_id=page.pk,
        proposed=proposed,
        counts=_counts(proposed),
        notes=notes,
    )


def _stated_date(extracted: Extracted | None) -> dt.date | None:
    """The date a page's markup states (never one only its address implies), for datelines."""
    if extracted is None or not extracted.date or extracted.date_inferred:
        return None
    return dt.date.fromisoformat(extracted.date)


def _override(proposed: ProposedPage, *, publication: str, date: dt.date | None, label: str) -> None:
    # what the operator gives wins over what the page says; what they leave empty does not erase it
    if publication:
        proposed.publication = publication
    if label:
        proposed.label = label
    if date:
        proposed.date, proposed.date_inferred = date.isoformat(), False


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
def save_page(
    *,
    proposed: ProposedPage,
    raw_text: str,
    source_name: str,
    curated: bool,
    replace: Page | None = None,
    carried: Carried | None = None,
    original: bytes = b"",
    image: bytes = b"",
) -> Page:
    """Write a proposed page (or replace a previous version's articles) in one transaction.

    ``original`` is the file as it came in (a saved web page, a PDF) when it was not plain text;
    ``image`` the printed page as a PNG when the input had one."""
    page = _page_row(
        proposed=proposed, raw_text=raw_text, source_name=source_name, curated=curated, replace=replace
    )
    if original or image:
        page.original, page.image = original, image
        page.save(update_fields=["original", "image"])
    saved_articles, saved_sections = _write_articles(page=page, proposed=proposed, curated=curated)
    if carried is not None:
        apply_carried(carried=carried, sections=saved_sections, articles=saved_articles)
    return page


def _page_row(
    *, proposed: ProposedPage, raw_text: str, source_name: str, curated: bool, replace: Page | None
) -> Page:
    publication = (
        Publication.objects.get_or_create(name=proposed.publication)[0] if proposed.publication else None
    )
    fields = {
        "source_name": source_name,
        "checksum": checksum(text=raw_text),
        "raw_text": raw_text,
        "dropped": proposed.dropped,
        "curated": curated,
        "media_type": proposed.media_type,
        "source_url": proposed.source_url,
    }
    if replace is None:
        return Page.objects.create(
            publication=publication,
            date=_parse_date(proposed.date),
            date_inferred=proposed.date_inferred,
            label=proposed.label,
            provenance=proposed.provenance,
            **fields,
        )
    page = replace
    page.articles.all().delete()
    for name, value in fields.items():
        setattr(page, name, value)
    # what the operator or text states now wins; what it leaves unknown keeps the old value
    page.publication = publication or page.publication
    if proposed.date:
        page.date, page.date_inferred = _parse_date(proposed.date), proposed.date_inferred
    page.label = proposed.label or page.label
    page.save()
    return page


def _write_articles(
    *, page: Page, proposed: ProposedPage, curated: bool
) -> tuple[dict[int, Article], dict[int, Section]]:
    """The page's articles, sections and tags; keyed by id() of their proposals (for carried decisions)."""
    source = TagSource.CURATED if curated else TagSource.AUTO
    cities = {c.name: c for c in City.objects.all()}
    themes = {t.name: t for t in Theme.objects.all()}
    saved_sections: dict[int, Section] = {}
    saved_articles: dict[int, Article] = {}
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
            region=pa.region,
            curated=curated,
        )
        saved_articles[id(pa)] = article
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
            saved_sections[id(ps)] = section
            _tag(SectionCity, "section", section, "city", cities, ps.cities, source)
            _tag(SectionTheme, "section", section, "theme", themes, ps.themes, source)
    return saved_articles, saved_sections


def _tag(model, owner_field, owner, target_field, targets, scores, source) -> None:
    unknown = [name for name in scores if name not in targets]
    if unknown:
        raise IngestError(f"未知的{'地区' if target_field == 'city' else '主题'}：{'、'.join(unknown)}")
    model.objects.bulk_create(
        model(**{owner_field: owner, target_field: targets[name]}, score=score, source=source)
        for name, score in scores.items()
    )
