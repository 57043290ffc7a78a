"""python manage.py check_index — sections missing from, stale in or orphaned in the search index."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from search.services import check


class Command(BaseCommand):
    help = "核对检索索引与数据库：缺失、过期、多余的段落；全部正常时输出 0 并以 0 退出"

    def handle(self, *args, **opts):
        result = check()
        for label, ids in (("缺失", result.missing), ("过期", result.stale), ("多余", result.orphaned)):
            shown = "、".join(map(str, ids[:20])) + ("…" if len(ids) > 20 else "")
            self.stdout.write(f"{label}：{len(ids)}" + (f"（段落 {shown}）" if ids else ""))
        self.stdout.write(str(result.problems))
        if result.problems:
            # Non-zero exit so cron/CI notice; `ensure_index --force` repairs everything.
            raise CommandError(
                f"检索索引有 {result.problems} 处不符；运行 manage.py ensure_index --force 修复"
            )
