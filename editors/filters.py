"""The editors' list filters: tags an editor sees as they are (an editor's removal never matches)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q

from archive.models import City, TagSource


def active_tag_filter(*, reverse: str, target_model, title: str):
    """A filter on ACTIVE tags only: an editor's removal must not make a row match.
    reverse: the target's tag rows (section_tags or article_tags), which name the tag model; the
    owner's queryset filters by tagged_with_cities/themes (archive/querysets.py)."""
    field = target_model._meta.model_name
    tag_model = target_model._meta.get_field(reverse).related_model
    tagged_with = "tagged_with_cities" if target_model is City else "tagged_with_themes"

    class ActiveTagFilter(admin.SimpleListFilter):
        parameter_name = f"{field}_tag"

        def lookups(self, request, model_admin):
            used = target_model.objects.filter(pk__in=tag_model.objects.active().values(f"{field}_id"))
            return [(str(t.pk), t.name) for t in used]

        def queryset(self, request, queryset):
            if not self.value():
                return queryset
            return getattr(queryset, tagged_with)([self.value()])

    ActiveTagFilter.title = title
    return ActiveTagFilter


class TagSourceFilter(admin.SimpleListFilter):
    title = "标签来源"
    parameter_name = "tag_source"

    def lookups(self, request, model_admin):
        return [("curated", "有人工标签"), ("removed", "有人工移除的标签"), ("auto", "只有自动标签")]

    def queryset(self, request, queryset):
        value = self.value()
        curated = Q(city_tags__source=TagSource.CURATED) | Q(theme_tags__source=TagSource.CURATED)
        if value == "curated":
            return queryset.filter(curated).distinct()
        if value == "removed":
            removed = Q(city_tags__active=False) | Q(theme_tags__active=False)
            return queryset.filter(removed).distinct()
        if value == "auto":
            return queryset.exclude(curated).distinct()
        return queryset
