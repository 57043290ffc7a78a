"""The editors' admin. Edits are recorded as curated, logged in the admin history, and queued for the
index writer in the same transaction (search.queue). The work itself is in archive.curation."""

from __future__ import annotations

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path

from archive import curation
from archive.models import (
    Article,
    ArticleCity,
    ArticleTheme,
    City,
    Page,
    Publication,
    ReviewItem,
    Section,
    SectionCity,
    SectionTheme,
    TagSource,
    Theme,
)
from search.analysis import words
from search.query import SearchParams
from search.services import search

from . import admin_tools
from .actions import TAG_ACTIONS, ArticleActionForm, SectionActionForm, run_action
from .filters import TagSourceFilter, active_tag_filter

admin.site.site_header = "京蒙协作报道档案 · 编辑后台"
admin.site.site_title = "京蒙协作报道档案"
admin.site.index_title = "内容管理"

ADMIN_SEARCH_LIMIT = 1000


# ---------------------------------------------------------------- inlines


class CuratedTagInline(admin.TabularInline):
    """Any tag row an editor adds or changes becomes a curated decision; source and score stay visible."""

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


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ("order", "kind", "heading", "subheading", "byline", "text", "tag_summary")
    readonly_fields = ("tag_summary",)
    show_change_link = True

    @admin.display(description="标签（来源·得分）")
    def tag_summary(self, obj: Section) -> str:
        return tag_summary(obj)


def tag_summary(obj) -> str:
    """ "赤峰市 自动 0.8 · 教育 人工", inactive curated rows shown struck out as 已移除."""
    parts = []
    for tag in [*obj.city_tags.all(), *obj.theme_tags.all()]:
        name = getattr(tag, "city", None) or getattr(tag, "theme", None)
        state = "" if tag.active else " 已移除"
        parts.append(f"{name} {tag.get_source_display()} {tag.score:g}{state}")
    return " · ".join(parts) or "—"


def _search_index_ids(term: str) -> list[int]:
    """Section ids the search engine finds: Chinese words in any order, Traditional script, etc.
    An editor types "乌海京蒙" meaning both words; the public search would read it as one phrase."""
    if '"' not in term:
        term = " ".join(words(term)) or term
    params = SearchParams(q=term, filters={}, sort="relevance", page=1, per_page=ADMIN_SEARCH_LIMIT)
    return [hit.section_id for hit in search(params=params).hits]


# ---------------------------------------------------------------- model admins


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

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            ids = _search_index_ids(search_term)
            found = found | queryset.filter(**{self.section_lookup: ids})
            may_have_duplicates = True
        return found, may_have_duplicates


@admin.register(Section)
class SectionAdmin(CuratingAdmin):
    list_display = ("__str__", "article", "order", "kind", "tags")
    list_filter = (
        "kind",
        active_tag_filter(reverse="section_tags", target_model=City, title="地区"),
        active_tag_filter(reverse="section_tags", target_model=Theme, title="主题"),
        TagSourceFilter,
        "article__kind",
        "article__needs_review",
        "article__page__publication",
        ("article__page__date", admin.DateFieldListFilter),
    )
    search_fields = ("heading", "text", "article__headline")
    search_help_text = "可输入中文词语（不必连续、简繁皆可），同时按原文片段匹配"
    section_lookup = "pk__in"
    inlines = (SectionCityInline, SectionThemeInline)
    autocomplete_fields = ("article",)
    list_select_related = ("article",)
    action_form = SectionActionForm
    actions = [*TAG_ACTIONS, "set_kind"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("city_tags__city", "theme_tags__theme")

    @admin.display(description="标签（来源·得分）")
    def tags(self, obj: Section) -> str:
        return tag_summary(obj)

    @admin.action(description="把所选段落的类型改为下方所选")
    def set_kind(self, request, queryset):
        kind = request.POST.get("kind", "")
        run_action(
            self, request, lambda: curation.set_section_kind(sections=queryset, kind=kind, actor=request.user)
        )


@admin.register(Article)
class ArticleAdmin(CuratingAdmin):
    list_display = ("__str__", "page", "order", "kind", "needs_review", "review_reason", "tags")
    list_filter = (
        "needs_review",
        "kind",
        active_tag_filter(reverse="article_tags", target_model=City, title="地区"),
        active_tag_filter(reverse="article_tags", target_model=Theme, title="主题"),
        TagSourceFilter,
        "curated",
        "page__publication",
        ("page__date", admin.DateFieldListFilter),
    )
    search_fields = ("headline", "kicker", "subheadline", "byline", "sections__text")
    search_help_text = "可输入中文词语（不必连续、简繁皆可），同时按原文片段匹配"
    section_lookup = "sections__pk__in"
    inlines = (ArticleCityInline, ArticleThemeInline, SectionInline)
    autocomplete_fields = ("page",)
    list_select_related = ("page__publication",)
    action_form = ArticleActionForm
    actions = [*TAG_ACTIONS, "mark_reviewed", "set_kind"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("city_tags__city", "theme_tags__theme")

    @admin.display(description="标签（来源·得分）")
    def tags(self, obj: Article) -> str:
        return tag_summary(obj)

    @admin.action(description="标记为已审核")
    def mark_reviewed(self, request, queryset):
        run_action(self, request, lambda: curation.mark_reviewed(articles=queryset, actor=request.user))

    @admin.action(description="把所选文章的体裁改为下方所选")
    def set_kind(self, request, queryset):
        kind = request.POST.get("kind", "")
        run_action(
            self, request, lambda: curation.set_article_kind(articles=queryset, kind=kind, actor=request.user)
        )

    def get_urls(self):
        tools = [
            path(f"<int:pk>/{name}/", self.admin_site.admin_view(view), name=f"archive_article_{name}")
            for name, view in admin_tools.ARTICLE_TOOLS.items()
        ]
        return tools + super().get_urls()


@admin.register(ReviewItem)
class ReviewQueueAdmin(admin.ModelAdmin):
    """Flagged articles, oldest import first; a row opens the article's editor and tools."""

    list_display = ("__str__", "review_reason", "page", "imported")
    list_filter = ("page__publication", "kind")
    search_fields = ("headline", "review_reason")
    ordering = ("page__created", "page_id", "order")
    list_select_related = ("page__publication",)
    actions = ["mark_reviewed"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(needs_review=True)

    @admin.display(description="导入时间", ordering="page__created")
    def imported(self, obj: ReviewItem):
        return obj.page.created

    def has_add_permission(self, request):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect("admin:archive_article_change", object_id)

    @admin.action(description="标记为已审核")
    def mark_reviewed(self, request, queryset):
        run_action(self, request, lambda: curation.mark_reviewed(articles=queryset, actor=request.user))


class PageArticleInline(admin.TabularInline):
    """The page's articles in reading order, each a link to its editor."""

    model = Article
    fields = ("order", "headline", "kind", "needs_review", "review_reason")
    readonly_fields = fields
    extra = max_num = 0
    can_delete = False
    show_change_link = True


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("__str__", "source_name", "publication", "date", "label", "curated", "created")
    list_filter = ("publication", "curated", ("date", admin.DateFieldListFilter))
    search_fields = ("source_name", "raw_text", "label")
    readonly_fields = ("checksum", "raw_text", "created")
    inlines = (PageArticleInline,)

    def get_urls(self):
        view = self.admin_site.admin_view(admin_tools.import_page)
        return [path("import/", view, name="archive_page_import"), *super().get_urls()]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "code", "aliases")
    list_filter = ("kind",)
    search_fields = ("name", "code", "aliases")
    autocomplete_fields = ("parent",)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "parent", "serves", "order", "keywords")
    list_filter = ("parent",)
    search_fields = ("name", "keywords", "description")
    autocomplete_fields = ("parent", "serves")
