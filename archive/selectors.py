"""Reads the domain offers the layers above: small, keyword-only queries over the archive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Model, Q

from .models import City, Page, Section, Theme
from .similarity import char_bigrams, jaccard


def section_ids_of_articles(*, article_ids: Iterable[int]) -> list[int]:
    return list(Section.objects.filter(article_id__in=list(article_ids)).values_list("pk", flat=True))


def section_ids_of_pages(*, page_ids: Iterable[int]) -> list[int]:
    return list(Section.objects.filter(article__page_id__in=list(page_ids)).values_list("pk", flat=True))


def descendant_ids(*, model: type[City] | type[Theme], roots: Iterable[City | Theme | int]) -> list[int]:
    """The roots and every node below them in the place or theme tree: the roots first, then
    level by level. One query, whatever the depth: the trees are reference data (a few hundred
    rows of two integers). A node is listed once, so a parent cycle entered by mistake cannot loop."""
    children: dict[int, list[int]] = {}
    for pk, parent_id in model.objects.exclude(parent=None).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found = list(dict.fromkeys(r.pk if isinstance(r, Model) else int(r) for r in roots))
    seen, level = set(found), found
    while level:
        level = [child for pk in level for child in children.get(pk, ()) if child not in seen]
        level = list(dict.fromkeys(level))
        seen.update(level)
        found += level
    return found


SIMILAR_PAGES = 0.6  # share of character pairs two raw texts have in common to count as "the same page"
SIMILAR_CANDIDATES = 200  # pages compared when the paper and date do not narrow the field


def similar_pages(
    *, text: str, publication: str = "", date: dt.date | None = None
) -> list[tuple[Page, float]]:
    """Pages already in the archive whose raw text is the same or nearly the same as ``text``, most
    alike first: those of the same paper or date, else the most recently imported."""
    candidates = Page.objects.select_related("publication").only(
        "pk", "raw_text", "source_name", "date", "label", "publication__name"
    )
    if date is not None or publication:
        narrowed = Q(date=date) if date is not None else Q()
        if publication:
            narrowed |= Q(publication__name=publication)
        candidates = candidates.filter(narrowed)
    grams = char_bigrams(text)
    found = []
    for page in candidates.order_by("-pk")[:SIMILAR_CANDIDATES]:
        score = jaccard(grams, char_bigrams(page.raw_text))
        if score >= SIMILAR_PAGES:
            found.append((page, score))
    return sorted(found, key=lambda pair: -pair[1])
