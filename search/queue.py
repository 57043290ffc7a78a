"""One writer to the search index.

Every change to a section, an article, a page or a tag queues the affected section ids as IndexTask
rows inside the transaction that makes the change: if the change commits, so does the task, and if
it rolls back, nothing is queued. After the commit the same process drains the queue under an
exclusive file lock, so at most one process in the whole installation writes to the index at a time
(several gunicorn workers, management commands, the background worker). The worker started by
`make serve` (`manage.py index_worker`) drains whatever a crashed or timed-out drain left behind.

Why no update is lost: a task is deleted only after its section was read from the database *after*
the task became visible, so the indexed entry is at least as new as the change that queued it; a
change committed later queues a new task, which this drain does not delete.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save, pre_save

from archive.models import Article, City, Page, Section, SectionCity, SectionTheme, Theme
from archive.selectors import descendant_ids, section_ids_of_articles, section_ids_of_pages
from archive.signals import sections_changed

from . import services
from .models import IndexTask
from .writelock import LOCK_TIMEOUT, IndexBusy, writer_lock

log = logging.getLogger(__name__)

BATCH = 500

__all__ = ["IndexBusy", "drain", "enqueue", "pending", "writer_lock"]


def enqueue(*, section_ids: Iterable[int]) -> int:
    """Queue these sections for re-indexing in the current transaction; drained after commit."""
    ids = sorted({int(pk) for pk in section_ids if pk is not None})
    if not ids:
        return 0
    IndexTask.objects.bulk_create(IndexTask(section_id=pk) for pk in ids)
    transaction.on_commit(_drain_after_commit)
    return len(ids)


def _drain_after_commit() -> None:
    """Apply the queue now. A failure must not turn an editor's committed save into an error page:
    the tasks stay queued for the next drain or the worker, and the failure is logged.

    Registered once per enqueue; all but the first find the queue empty (one cheap query, no lock):
    a task is deleted only once applied, so an empty queue means our change is in the index."""
    try:
        if IndexTask.objects.exists():
            drain()
    except Exception:
        log.exception("索引更新失败，任务保留在队列中，稍后由下一次写入或后台进程完成")


def drain(*, timeout: float = LOCK_TIMEOUT) -> int:
    """Apply every queued task to the index; returns how many tasks were applied.

    Loops until the queue is empty, so a task committed while this process holds the lock is
    applied by it (a process that then gives up waiting for the lock loses nothing)."""
    applied = 0
    with writer_lock(timeout=timeout):
        while True:
            tasks = list(IndexTask.objects.order_by("pk").values_list("pk", "section_id")[:BATCH])
            if not tasks:
                return applied
            services.index(section_ids={section_id for _, section_id in tasks})
            IndexTask.objects.filter(pk__in=[pk for pk, _ in tasks]).delete()
            applied += len(tasks)


def pending() -> int:
    return IndexTask.objects.count()


# ---------------------------------------------------------------- what a change affects


def affected_section_ids(*, city_ids: Iterable[int] = (), theme_ids: Iterable[int] = ()) -> list[int]:
    """Sections whose index entry changes when these cities/themes are renamed or moved.

    A section lists its tags' ancestors too, so sections tagged with any
    descendant are affected as well.
    """
    section_ids: set[int] = set()
    if city_ids := list(city_ids):
        subtree = descendant_ids(model=City, roots=city_ids)
        section_ids.update(
            SectionCity.objects.filter(city_id__in=subtree).values_list("section_id", flat=True)
        )
    if theme_ids := list(theme_ids):
        subtree = descendant_ids(model=Theme, roots=theme_ids)
        section_ids.update(
            SectionTheme.objects.filter(theme_id__in=subtree).values_list("section_id", flat=True)
        )
    return sorted(section_ids)


def _on_section(sender, instance: Section, **kwargs) -> None:
    enqueue(section_ids=[instance.pk])


def _on_article(sender, instance: Article, **kwargs) -> None:
    # headline, kind and date are repeated in every section's index entry
    enqueue(section_ids=section_ids_of_articles(article_ids=[instance.pk]))


def _on_page(sender, instance: Page, **kwargs) -> None:
    enqueue(section_ids=section_ids_of_pages(page_ids=[instance.pk]))


def _on_section_tag(sender, instance, origin=None, **kwargs) -> None:
    if _goes_with_its_section(origin):
        return  # the section's own delete queues it
    enqueue(section_ids=[instance.section_id])


def _goes_with_its_section(origin: object) -> bool:
    """A tag deleted because its section, article or page is (not an editor's or a place's delete)."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return model in (Section, Article, Page)


def _on_reference_pre_save(sender, instance, **kwargs) -> None:
    # Only a new name or parent changes index entries; alias and keyword edits do not (until retag).
    if instance.pk is None:
        instance._index_relevant_change = False
        return
    old = sender._default_manager.filter(pk=instance.pk).values("name", "parent_id").first()
    instance._index_relevant_change = old != {"name": instance.name, "parent_id": instance.parent_id}


def _on_reference_saved(sender, instance, **kwargs) -> None:
    if not getattr(instance, "_index_relevant_change", False):
        return
    key = "city_ids" if sender is City else "theme_ids"
    enqueue(section_ids=affected_section_ids(**{key: [instance.pk]}))


def _on_sections_changed(sender, section_ids: list[int], **kwargs) -> None:
    enqueue(section_ids=section_ids)


def connect_signals() -> None:
    """Model saves and deletes queue their sections; the domain announces its bulk writes (update(),
    bulk_create) as sections_changed. Article tags are not in the index, so they queue nothing."""
    uid = "search.queue"
    sections_changed.connect(_on_sections_changed, dispatch_uid=f"{uid}.sections_changed")
    handlers: list[tuple[type[Model], Callable[..., None]]] = [
        (Section, _on_section),
        (Article, _on_article),
        (Page, _on_page),
        (SectionCity, _on_section_tag),
        (SectionTheme, _on_section_tag),
    ]
    for model, handler in handlers:
        post_save.connect(handler, sender=model, dispatch_uid=f"{uid}.save.{model.__name__}")
        post_delete.connect(handler, sender=model, dispatch_uid=f"{uid}.delete.{model.__name__}")
    for reference in (City, Theme):
        name = reference.__name__
        pre_save.connect(_on_reference_pre_save, sender=reference, dispatch_uid=f"{uid}.pre.{name}")
        post_save.connect(_on_reference_saved, sender=reference, dispatch_uid=f"{uid}.save.{name}")
