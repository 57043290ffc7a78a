"""Reads the domain offers the layers above: small, keyword-only queries over the archive."""

from __future__ import annotations

from collections.abc import Iterable

from .models import Section


def section_ids_of_articles(*, article_ids: Iterable[int]) -> list[int]:
    return list(Section.objects.filter(article_id__in=list(article_ids)).values_list("pk", flat=True))


def section_ids_of_pages(*, page_ids: Iterable[int]) -> list[int]:
    return list(Section.objects.filter(article__page_id__in=list(page_ids)).values_list("pk", flat=True))
