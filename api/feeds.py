"""Atom feeds: latest articles, per city, per theme, per search."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from archive.models import Article, City, Section, Theme
from archive.selectors import descendant_ids
from search.query import BadQuery, describe, parse_params
from search.services import search

FEED_SIZE = 30


class LatestArticles(Feed):
    feed_type = Atom1Feed
    title = "京蒙协作报道档案：最新文章"
    subtitle = "北京—内蒙古合作的报纸报道"

    def link(self, obj=None) -> str:
        return reverse("reader:home")

    def get_object(self, request, *args, **kwargs):
        return None

    def articles(self, obj) -> QuerySet[Article]:
        return Article.objects.all()

    def items(self, obj):
        return (
            self.articles(obj)
            .latest_first()
            .select_related("page__publication")
            .with_active_tags()[:FEED_SIZE]
        )

    def item_title(self, item: Article) -> str:
        return item.headline or "（无标题）"

    def item_description(self, item: Article) -> str:
        first = item.sections.filter(kind="body").first()
        return first.text[:300] if first else ""

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_author_name(self, item: Article) -> str | None:
        return item.display_byline or None

    def item_pubdate(self, item: Article):
        date = item.display_date
        # archive dates are days; unknown dates fall back to when the page entered the archive
        if date:
            return timezone.make_aware(dt.datetime.combine(date, dt.time(6, 0)))
        return item.page.created

    def item_updateddate(self, item: Article):
        return item.page.created

    def item_categories(self, item: Article) -> list[str]:
        return [c.name for c in item.active_cities] + [t.name for t in item.active_themes]


class CityArticles(LatestArticles):
    def get_object(self, request, name: str):
        return get_object_or_404(City, name=name)

    def title(self, obj: City) -> str:
        return f"京蒙协作报道档案：{obj.name}"

    def link(self, obj: City) -> str:
        return obj.get_absolute_url()

    def articles(self, obj: City):
        ids = descendant_ids(model=City, roots=[obj])
        return Article.objects.having_sections(Section.objects.tagged_with_cities(ids))


class ThemeArticles(LatestArticles):
    def get_object(self, request, name: str):
        return get_object_or_404(Theme, name=name)

    def title(self, obj: Theme) -> str:
        return f"京蒙协作报道档案：{obj.name}"

    def link(self, obj: Theme) -> str:
        return obj.get_absolute_url()

    def articles(self, obj: Theme):
        ids = descendant_ids(model=Theme, roots=[obj])
        return Article.objects.having_sections(Section.objects.tagged_with_themes(ids))


class SearchArticles(LatestArticles):
    """The newest articles matching a search, in the same language as the search page."""

    def get_object(self, request):
        try:
            params = parse_params(data=request.GET)
        except BadQuery as exc:
            raise Http404(str(exc)) from exc
        return params

    def title(self, obj) -> str:
        return f"京蒙协作报道档案：{describe(params=obj)}"

    def link(self, obj) -> str:
        return reverse("reader:search")

    def items(self, obj):
        results = search(params=replace(obj, sort="newest", page=1, per_page=FEED_SIZE * 3))
        ids = list(dict.fromkeys(hit.article_id for hit in results.hits))[:FEED_SIZE]
        by_id = Article.objects.select_related("page__publication").with_active_tags().in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]
