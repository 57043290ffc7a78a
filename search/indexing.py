"""Keeping the index in step with the archive.

Haystack's signal processor is off (settings.HAYSTACK_SIGNAL_PROCESSOR), so archive
services call these after their transaction commits, e.g.::

    ids = [s.pk for s in article.sections.all()]
    transaction.on_commit(lambda: index_sections(section_ids=ids))
    # or simply: index_sections_on_commit(section_ids=ids)

``index_sections`` also removes ids whose rows no longer exist, so a service that
deletes or re-splits an article can pass the old and new section ids together.
All of them raise on failure (including a write lock not obtained in time).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial

from django.db import transaction
from haystack import connections
from haystack.utils import get_model_ct

from archive.models import City, Section, SectionCity, SectionTheme, Theme

from .backend import get_backend
from .search_indexes import SectionIndex

BATCH_SIZE = 500


def _section_index(using: str) -> SectionIndex:
    return connections[using].get_unified_index().get_index(Section)


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _identifier(section_id: int) -> str:
    return f"{get_model_ct(Section)}.{section_id}"


def index_sections(*, section_ids: Iterable[int], using: str = "default") -> int:
    """(Re)index these sections; ids that no longer exist are removed.  Returns how many were indexed."""
    ids = sorted({int(pk) for pk in section_ids})
    if not ids:
        return 0
    backend = get_backend(using=using)
    index = _section_index(using)
    found: set[int] = set()
    for chunk in _chunks(ids, BATCH_SIZE):
        sections = list(index.index_queryset(using=using).filter(pk__in=chunk))
        backend.update(index, sections)
        found.update(section.pk for section in sections)
    backend.delete_identifiers(_identifier(pk) for pk in ids if pk not in found)
    return len(found)


def index_sections_on_commit(*, section_ids: Iterable[int], using: str = "default") -> None:
    """Run ``index_sections`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(index_sections, section_ids=tuple(section_ids), using=using))


def remove_sections(*, section_ids: Iterable[int], using: str = "default") -> None:
    """Drop these sections from the index (whether or not their rows still exist)."""
    get_backend(using=using).delete_identifiers(_identifier(int(pk)) for pk in section_ids)


def rebuild(*, using: str = "default", batch_size: int = BATCH_SIZE) -> int:
    """Empty the index and index every section again.  Returns the number indexed."""
    backend = get_backend(using=using)
    index = _section_index(using)
    backend.clear()
    total, last_pk = 0, 0
    while True:
        # Key-set pagination: stable and cheap however large the table gets.
        batch = list(index.index_queryset(using=using).filter(pk__gt=last_pk).order_by("pk")[:batch_size])
        if not batch:
            return total
        backend.update(index, batch)
        total += len(batch)
        last_pk = batch[-1].pk


def indexed_count(*, using: str = "default") -> int:
    """Documents in the index (for /healthz)."""
    return get_backend(using=using).document_count()


def affected_section_ids(*, city_ids: Iterable[int] = (), theme_ids: Iterable[int] = ()) -> list[int]:
    """Sections whose index entry changes when these cities/themes are renamed or moved.

    A section lists its tags' ancestors too, so sections tagged with any
    descendant are affected as well.
    """
    section_ids: set[int] = set()
    for model, tag_model, column, roots in (
        (City, SectionCity, "city_id", set(city_ids)),
        (Theme, SectionTheme, "theme_id", set(theme_ids)),
    ):
        if not roots:
            continue
        children: dict[int | None, list[int]] = {}
        for pk, parent in model._default_manager.values_list("id", "parent_id"):
            children.setdefault(parent, []).append(pk)
        subtree, frontier = set(roots), list(roots)
        while frontier:
            for child in children.get(frontier.pop(), []):
                if child not in subtree:
                    subtree.add(child)
                    frontier.append(child)
        rows = tag_model.objects.filter(**{f"{column}__in": subtree}).values_list("section_id", flat=True)
        section_ids.update(rows)
    return sorted(section_ids)
