"""Reusable filters on the archive's querysets (``Article.objects.latest_first()`` …).

Kept apart from the models they serve; they reach the tag models through the relations
(``city_tags``, ``theme_tags``, ``sections``) rather than by import, which would be circular.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import Prefetch


class TagSource(models.TextChoices):
    """Who made a tag: the tagger, or an editor (whose decisions re-tagging never overwrites)."""

    AUTO = "auto", "自动"
    CURATED = "curated", "人工"


class TagQuerySet(models.QuerySet):
    def active(self) -> TagQuerySet:
        return self.filter(active=True)

    def curated(self) -> TagQuerySet:
        return self.filter(source=TagSource.CURATED)


class TaggedQuerySet(models.QuerySet):
    """Articles or sections: both carry city and theme tags (``city_tags``, ``theme_tags``)."""

    def _tags(self, relation: str) -> tuple[Any, str]:
        """The tag model behind a relation and the column that points back to this model."""
        rel: Any = self.model._meta.get_field(relation)  # a reverse ForeignKey (ManyToOneRel)
        return rel.related_model, rel.field.attname

    def with_active_tags(self):
        """The active tags, with their cities and themes, in two more queries (see ActiveTags)."""
        city_model, _ = self._tags("city_tags")
        theme_model, _ = self._tags("theme_tags")
        return self.prefetch_related(
            Prefetch(
                "city_tags",
                queryset=city_model.objects.active().select_related("city").order_by("pk"),
                to_attr="active_city_tags",
            ),
            Prefetch(
                "theme_tags",
                queryset=theme_model.objects.active().select_related("theme").order_by("pk"),
                to_attr="active_theme_tags",
            ),
        )

    def _tagged(self, relation: str, target: str, ids: Iterable[int]):
        tag_model, owner = self._tags(relation)
        active = tag_model.objects.active().filter(**{f"{target}_id__in": list(ids)})
        return self.filter(pk__in=active.values(owner))

    def tagged_with_cities(self, city_ids: Iterable[int]):
        """Those with an active tag on one of these cities (each once)."""
        return self._tagged("city_tags", "city", city_ids)

    def tagged_with_themes(self, theme_ids: Iterable[int]):
        """Those with an active tag on one of these themes (each once)."""
        return self._tagged("theme_tags", "theme", theme_ids)


class ArticleQuerySet(TaggedQuerySet):
    def in_reading_order(self) -> ArticleQuerySet:
        return self.order_by("page_id", "order")

    def latest_first(self) -> ArticleQuerySet:
        return self.order_by(models.F("page__date").desc(nulls_last=True), "-page_id", "order")

    def needing_review(self) -> ArticleQuerySet:
        return self.filter(needs_review=True)

    def with_details(self) -> ArticleQuerySet:
        """Everything an article page or the API shows, in six queries: the articles with page and
        publication, their active tags, their sections, and the sections' active tags."""
        sections: Any = self.model._meta.get_field("sections").related_model
        return (
            self.select_related("page__publication")
            .with_active_tags()
            .prefetch_related(Prefetch("sections", queryset=sections.objects.with_active_tags()))
        )

    def having_sections(self, sections: models.QuerySet) -> ArticleQuerySet:
        """Articles with at least one of these sections (each article once)."""
        return self.filter(pk__in=sections.values("article_id"))


class SectionQuerySet(TaggedQuerySet):
    def for_cards(self) -> SectionQuerySet:
        """What a search result card, the search API and exports show, in three queries."""
        return self.select_related("article__page__publication").with_active_tags()
