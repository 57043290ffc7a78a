"""The editors' admin. Tag edits made here are recorded as curated and re-indexed on save."""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction

from .models import (
    Article,
    ArticleCity,
    ArticleTheme,
    City,
    Page,
    Publication,
    Section,
    SectionCity,
    SectionTheme,
    TagSource,
    Theme,
)

admin.site.site_header = "京蒙协作报道档案 · 编辑后台"
admin.site.site_title = "京蒙协作报道档案"


class CuratedTagInline(admin.TabularInline):
    """Any tag row an editor adds or changes becomes a curated decision."""

    extra = 0
    readonly_fields = ("source", "score")


class SectionCityInline(CuratedTagInline):
    model = SectionCity
    fields = ("city", "active", "source", "score")
    autocomplete_fields = ("city",)


class SectionThemeInline(CuratedTagInline):
    model = SectionTheme
    fields = ("theme", "active", "source", "score")
    autocomplete_fields = ("theme",)


class ArticleCityInline(CuratedTagInline):
    model = ArticleCity
    fields = ("city", "active", "source", "score")
    autocomplete_fields = ("city",)


class ArticleThemeInline(CuratedTagInline):
    model = ArticleTheme
    fields = ("theme", "active", "source", "score")
    autocomplete_fields = ("theme",)


class CuratingAdmin(admin.ModelAdmin):
    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in instances:
            if hasattr(obj, "source"):
                obj.source = TagSource.CURATED
                obj.score = 1.0
            obj.save()
        for obj in formset.deleted_objects:
            if hasattr(obj, "active"):
                # removing a tag is recorded as a curated "no", so re-tagging never brings it back
                obj.active, obj.source, obj.score = False, TagSource.CURATED, 1.0
                obj.save()
            else:
                obj.delete()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        ids = self.section_ids(form.instance)
        transaction.on_commit(lambda: _reindex(ids))


def _reindex(section_ids: list[int]) -> None:
    from search.indexing import index_sections

    index_sections(section_ids=section_ids)


@admin.register(Section)
class SectionAdmin(CuratingAdmin):
    list_display = ("__str__", "article", "order", "kind", "heading")
    list_filter = ("kind", "city_tags__city", "theme_tags__theme", "article__page__publication")
    search_fields = ("heading", "text", "article__headline")
    inlines = (SectionCityInline, SectionThemeInline)
    raw_id_fields = ("article",)

    @staticmethod
    def section_ids(instance) -> list[int]:
        return [instance.pk]


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ("order", "kind", "heading", "subheading", "byline", "text")
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(CuratingAdmin):
    list_display = ("__str__", "page", "order", "kind", "needs_review", "review_reason")
    list_filter = ("needs_review", "kind", "page__publication", "city_tags__city", "theme_tags__theme")
    search_fields = ("headline", "kicker", "subheadline", "byline")
    inlines = (ArticleCityInline, ArticleThemeInline, SectionInline)
    raw_id_fields = ("page",)

    @staticmethod
    def section_ids(instance) -> list[int]:
        return list(instance.sections.values_list("pk", flat=True))


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("__str__", "source_name", "publication", "date", "label", "curated")
    list_filter = ("publication", "curated")
    search_fields = ("source_name", "raw_text")
    readonly_fields = ("checksum", "raw_text", "created")


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "code")
    list_filter = ("kind",)
    search_fields = ("name", "code", "aliases")
    autocomplete_fields = ("parent",)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "parent", "order")
    list_filter = ("parent",)
    search_fields = ("name", "keywords", "description")
    autocomplete_fields = ("parent",)
