"""python manage.py retag [PAGE_ID...] — re-run the tagger with the current aliases and keywords."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from archive.models import Page
from archive.retagging import retag


class Command(BaseCommand):
    help = "用当前的地区别名和主题关键词重新自动标注全部（或指定的）版面；人工标签（含人工删除）保持不变"

    def add_arguments(self, parser):
        parser.add_argument("page_ids", nargs="*", type=int, help="版面编号；省略则处理全部版面")

    def handle(self, *args, **opts):
        ids = opts["page_ids"] or None
        if ids:
            missing = sorted(set(ids) - set(Page.objects.filter(pk__in=ids).values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"没有这些版面：{'、'.join(map(str, missing))}")
        result = retag(page_ids=ids)
        self.stdout.write(
            f"重新标注 {result.pages} 个版面、{result.articles} 篇文章：自动标签新增 {result.added}、"
            f"删除 {result.removed}、改分 {result.rescored}；人工标签未改动"
        )
