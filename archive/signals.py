"""What the domain announces when it changes data that others keep copies of (the search index).

A model's own save or delete is announced by Django's model signals. Bulk writes (``update()``,
``bulk_create``: sections moved or renumbered by curation's merge, split and move) send no model
signals, so the domain announces the sections they touched here, inside the transaction that
changes them; re-tagging announces the sections whose tags it changed as well. The domain
does not know who listens: the search layer does (search.queue).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.dispatch import Signal

# kwargs: section_ids (a sorted list of ints)
sections_changed = Signal()


def announce_sections_changed(*, section_ids: Iterable[int]) -> None:
    ids = sorted({int(pk) for pk in section_ids if pk is not None})
    if ids:
        sections_changed.send(sender=None, section_ids=ids)
