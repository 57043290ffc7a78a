"""What a section looks like in the search index.

One index document per ``archive.Section``.  Article-level text (kicker, headline,
subheadline) is repeated in each of its sections so that a section can be found by
its article's title.  Cities and themes come from the section's ACTIVE tag rows,
widened to every ancestor, so filtering on 包头市 also finds sections tagged only
with 昆都仑区.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterable

from django.db.models import Model, Prefetch, QuerySet
from haystack import indexes

from archive.models import City, Section, SectionCity, SectionTheme, Theme

from .fields import ExactCharField, ExactMultiValueField


class _TagTree:
    """id → (name, parent id) of a small hierarchical model, read with one query.

    Ancestors are looked up here instead of walking ``parent`` foreign keys, which
    would cost a query per level per section.  The copy is dropped at the start of
    each indexing run (``index_queryset``) and after ``max_age`` seconds so a
    long-running process sees renamed or re-parented cities.
    """

    def __init__(
        self, model: type[Model], *, max_age: float = 60.0, hidden_kinds: Iterable[str] = ()
    ) -> None:
        self.model = model
        # kinds that never become facet values: the region every Inner Mongolian place lies in
        # would only count the sections that happen to carry a place tag
        self.hidden_kinds = tuple(hidden_kinds)
        self.hidden: frozenset[str] = frozenset()
        self.max_age = max_age
        self._nodes: dict[int, tuple[str, int | None]] | None = None
        self._loaded_at = 0.0
        self._lock = threading.Lock()

    def reset(self) -> None:
        self._nodes = None

    def _current(self) -> dict[int, tuple[str, int | None]]:
        nodes = self._nodes
        if nodes is None or time.monotonic() - self._loaded_at > self.max_age:
            with self._lock:
                manager = self.model._default_manager
                rows = manager.values_list("id", "name", "parent_id")
                nodes = {pk: (name, parent) for pk, name, parent in rows}
                if self.hidden_kinds:
                    hidden = manager.filter(kind__in=self.hidden_kinds).values_list("name", flat=True)
                    self.hidden = frozenset(hidden)
                self._nodes, self._loaded_at = nodes, time.monotonic()
        return nodes

    def names_with_ancestors(self, ids: Iterable[int]) -> list[str]:
        nodes = self._current()
        names: set[str] = set()
        for first in ids:
            node_id: int | None = first
            seen: set[int] = set()
            # ``seen`` guards against a parent cycle entered by mistake in the admin.
            while node_id is not None and node_id in nodes and node_id not in seen:
                seen.add(node_id)
                name, node_id = nodes[node_id]
                names.add(name)
        return sorted(names - self.hidden)


def _active_ids(section: Section, *, prefetched: str, related: str, column: str) -> list[int]:
    tags = getattr(section, prefetched, None)
    if tags is not None:
        return [getattr(tag, column) for tag in tags]
    # Not loaded through index_queryset (e.g. haystack's update_object): query directly.
    return list(getattr(section, related).filter(active=True).values_list(column, flat=True))


def section_date(section: Section) -> dt.date | None:
    """The date a section is filed under: the page's, else the date in the article."""
    return section.article.page.date or section.article.date


class SectionIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True)
    headline = indexes.CharField(default="")
    heading = indexes.CharField(model_attr="heading", default="")
    # Stored, not searched: the snippet is cut from the section's own text.
    body = indexes.CharField(model_attr="text", indexed=False, default="")
    # Sort keys and stored values, never searched: indexed=False spares each section
    # sixteen numeric-range terms per field (see search.engines.whoosh.backend._whoosh_field).
    article_id = indexes.IntegerField(model_attr="article_id", indexed=False)
    order = indexes.IntegerField(model_attr="order", indexed=False)
    kind = ExactCharField(model_attr="kind")
    article_kind = ExactCharField(default="")
    city = ExactMultiValueField()
    theme = ExactMultiValueField()
    publication = ExactCharField(null=True)
    year = ExactCharField(null=True)
    date = indexes.DateField(null=True)
    # 1 when ``date`` is known: sorting puts undated sections last in both directions.
    has_date = indexes.IntegerField(default=0, indexed=False)

    city_tree = _TagTree(City, hidden_kinds=(City.Kind.REGION,))
    theme_tree = _TagTree(Theme)

    def get_model(self) -> type[Section]:
        return Section

    def index_queryset(self, using: str | None = None) -> QuerySet[Section]:
        self.city_tree.reset()
        self.theme_tree.reset()
        return Section.objects.select_related("article__page__publication").prefetch_related(
            Prefetch(
                "city_tags",
                queryset=SectionCity.objects.filter(active=True).only("id", "section_id", "city_id"),
                to_attr="active_city_tags",
            ),
            Prefetch(
                "theme_tags",
                queryset=SectionTheme.objects.filter(active=True).only("id", "section_id", "theme_id"),
                to_attr="active_theme_tags",
            ),
        )

    def read_queryset(self, using: str | None = None) -> QuerySet[Section]:
        # Loading result objects needs none of the tag prefetching.
        return Section.objects.select_related("article__page")

    def prepare_text(self, obj: Section) -> str:
        article = obj.article
        parts = (
            article.kicker,
            article.headline,
            article.subheadline,
            obj.heading,
            obj.subheading,
            obj.text,
        )
        return "\n".join(part for part in parts if part)

    def prepare_headline(self, obj: Section) -> str:
        return obj.article.headline

    def prepare_article_kind(self, obj: Section) -> str:
        return obj.article.kind

    def prepare_city(self, obj: Section) -> list[str]:
        ids = _active_ids(obj, prefetched="active_city_tags", related="city_tags", column="city_id")
        return self.city_tree.names_with_ancestors(ids)

    def prepare_theme(self, obj: Section) -> list[str]:
        ids = _active_ids(obj, prefetched="active_theme_tags", related="theme_tags", column="theme_id")
        return self.theme_tree.names_with_ancestors(ids)

    def prepare_publication(self, obj: Section) -> str | None:
        publication = obj.article.page.publication
        return publication.name if publication is not None and publication.name else None

    def prepare_year(self, obj: Section) -> str | None:
        when = section_date(obj)
        return str(when.year) if when else None

    def prepare_date(self, obj: Section) -> dt.date | None:
        return section_date(obj)

    def prepare_has_date(self, obj: Section) -> int:
        return 1 if section_date(obj) else 0
