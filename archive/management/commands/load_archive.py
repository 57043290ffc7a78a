"""python manage.py load_archive — the reference data and the curated seed pages shipped in fixtures/."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.ingest.decode import IngestError
from archive.reference import load_reference_data
from archive.services import load_curated_page


class Command(BaseCommand):
    help = "载入地名表、主题表和 fixtures/ 中人工整理过的版面（已存在的内容保持不变）"

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", default=str(Path(settings.BASE_DIR) / "fixtures"))

    def handle(self, *args, **opts):
        created = load_reference_data()
        self.stdout.write(
            f"地区新增 {created['cities']} 个，主题新增 {created['themes']} 个，"
            f"主题关键词新增 {created['keywords']} 个，地名别称新增 {created.get('aliases', 0)} 个"
        )
        if created["keywords"] or created.get("aliases"):
            self.stdout.write("已有文章按新关键词重新标注：python manage.py retag（编辑的决定保持不变）")
        root = Path(opts["fixtures"])
        curated = sorted((root / "curated").glob("*.json"))
        if not curated:
            raise CommandError(f"{root / 'curated'} 中没有整理文件")
        for path in curated:
            raw = root / "seeds" / f"{path.stem}.txt"
            try:
                result = load_curated_page(raw_path=raw, curated_path=path)
            except (IngestError, OSError, KeyError, ValueError) as exc:
                raise CommandError(f"{path.name}: {exc}") from exc
            if result.status == "created":
                c = result.counts
                self.stdout.write(f"{raw.name}: 载入 {c['articles']} 篇文章、{c['sections']} 个段落")
            else:
                self.stdout.write(f"{raw.name}: 已存在，未改动")
