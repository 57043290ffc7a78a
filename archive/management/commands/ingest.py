"""python manage.py ingest FILE... — split, tag and save raw newspaper pages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.ingest.decode import IngestError
from archive.ingest.formats import MAX_FILE_BYTES
from archive.payloads import proposed_article_payload, proposed_page_payload
from archive.services import ingest_bytes


class Command(BaseCommand):
    help = (
        "导入版面：纯文本、从浏览器保存的网页（.html/.htm）或带文字层的版面 PDF（按内容识别格式）；"
        "切分文章与段落、自动标注地区与主题并保存（同一文件重复导入不会改变任何内容）"
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--publication", default="", help="报纸名称（未知则留空）")
        parser.add_argument("--date", default="", help="出版日期 YYYY-MM-DD（未知则留空）")
        parser.add_argument("--page", default="", help="版次，例如 第07版")
        parser.add_argument("--dry-run", action="store_true", help="只显示切分结果，不写入数据库")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--force",
            action="store_true",
            help="新版本替换人工整理过的旧版本时确认执行（人工标签尽量保留，无法保留的会列出）",
        )

    def handle(self, *args, **opts):
        date = _parse_date(opts["date"])
        results, failures = [], 0
        files = opts["files"]
        quiet = opts["verbosity"] == 0 or opts["format"] == "json"
        for done, name in enumerate(files):
            path = Path(name)
            if len(files) > 1:
                self._progress(done, len(files), name, opts)
            try:
                data = _read(path)
                result = ingest_bytes(
                    data=data,
                    source_name=path.name,
                    publication=opts["publication"],
                    date=date,
                    label=opts["page"],
                    dry_run=opts["dry_run"],
                    force=opts["force"],
                )
            except IngestError as exc:
                failures += 1
                self.stderr.write(f"{name}: 错误：{exc}")
                results.append({"file": name, "status": "failed", "reason": str(exc)})
                continue
            if quiet:
                results.append(self._payload(name, result, opts))
            else:
                results.append(self._report(name, result, opts))
        if len(files) > 1:
            self._progress(len(files), len(files), "", opts)
            if not quiet:
                self._summary(results)
        if opts["format"] == "json":
            self.stdout.write(
                json.dumps(results if len(results) > 1 else results[0], ensure_ascii=False, indent=2)
            )
        if failures:
            raise CommandError(f"{failures} 个文件未能导入")

    def _progress(self, done: int, total: int, name: str, opts) -> None:
        # a progress bar on an interactive terminal only; logs and pipes get the per-file lines
        if opts["verbosity"] == 0 or not getattr(self.stderr, "isatty", lambda: False)():
            return
        width = 30
        filled = width * done // total
        end = "\n" if done == total else ""
        self.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[-40:]:<40}", ending=end
        )
        self.stderr.flush()

    def _summary(self, results: list[dict]) -> None:
        counts: dict[str, int] = {}
        for r in results:
            counts[r["status"]] = counts.get(r["status"], 0) + 1
        parts = "，".join(f"{_VERBS.get(k, k)} {v}" for k, v in sorted(counts.items()))
        self.stdout.write(f"共 {len(results)} 个文件：{parts}")
        for r in results:
            if r["status"] == "failed":
                self.stdout.write(f"  未能导入：{r['file']}：{r['reason']}")

    def _payload(self, name, result, opts) -> dict:
        payload = {"file": name, "status": result.status, "page_id": result.page_id, **result.counts}
        if result.notes:
            payload["notes"] = result.notes
        if opts["format"] == "json":
            payload.update(proposed_page_payload(result.proposed))
            payload["articles"] = [
                proposed_article_payload(a, result.proposed) for a in result.proposed.articles
            ]
        return payload

    def _report(self, name, result, opts) -> dict:
        payload = self._payload(name, result, opts)
        if result.status == "unchanged":
            self.stdout.write(f"{name}: 已导入过（版面 #{result.page_id}），未作改动")
        else:
            verb = _VERBS.get(result.status, result.status)
            c = result.counts
            self.stdout.write(
                f"{name}: {verb} {c['articles']} 篇文章、{c['sections']} 个段落、{c['tags']} 个标签，"
                f"{c['flags']} 篇待审核，未收入文章的版面杂项 {c['dropped']} 处（均已记录）"
            )
            for note in result.notes:
                self.stdout.write(f"  注意：{note}")
        return payload


_VERBS = {
    "failed": "失败",
    "unchanged": "未改动",
    "created": "已导入",
    "updated": "已更新（旧版本的人工决定已保留）",
    "would-be-created": "将导入",
    "would-be-updated": "将更新旧版本",
}


def _read(path: Path) -> bytes:
    if not path.exists():
        raise IngestError("文件不存在")
    if path.is_dir():
        raise IngestError("这是一个目录，不是文件")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        # refused before it is read: no page, saved or printed, is this large
        raise IngestError(f"文件过大（{size // 1024 // 1024} MB，上限 {MAX_FILE_BYTES // 1024 // 1024} MB）")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(f"无法读取：{exc.strerror}") from exc


def _parse_date(value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--date 格式无效：{value}（应为 YYYY-MM-DD）") from exc
