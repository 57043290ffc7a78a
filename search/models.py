"""The index-update queue's table: the search layer's own state, beside the archive's."""

from __future__ import annotations

from django.db import models


class IndexTask(models.Model):
    """A section whose index entry must be refreshed. Written in the same transaction as the change,
    so a committed change is never forgotten; applied and deleted by the single index writer
    (search.queue.drain). Not a foreign key: the section may be gone, and then its entry must go."""

    section_id = models.BigIntegerField("段落编号")
    created = models.DateTimeField("加入时间", auto_now_add=True)

    class Meta:
        db_table = "archive_indextask"  # created by archive's migration 0002, before the queue moved here
        verbose_name = verbose_name_plural = "索引更新队列"
        ordering = ["pk"]
