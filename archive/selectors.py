"""Reads the domain offers the layers above: small, keyword-only queries over the archive."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Model

from .models import City, Section, Theme


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
