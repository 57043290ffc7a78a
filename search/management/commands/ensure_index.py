"""python manage.py ensure_index [--force] — build the search index when missing or stale."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from search.indexing import ensure_index, indexed_count


class Command(BaseCommand):
    help = "检索索引缺失或过期（分词词典、索引结构改变，或段落数不符）时重建；--force 总是重建"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="无论是否最新都重建")

    def handle(self, *args, **opts):
        rebuilt = ensure_index(force=opts["force"])
        if rebuilt is None:
            self.stdout.write(f"检索索引已是最新：{indexed_count()} 个段落")
        else:
            self.stdout.write(f"已重建检索索引：{rebuilt} 个段落")
