"""python manage.py create_admin — the first administrator, from ADMIN_USERNAME, ADMIN_PASSWORD and
ADMIN_EMAIL, without prompting (for `make admin`, scripts and containers)."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError

from archive.permissions import create_admin, ensure_editor_group


class Command(BaseCommand):
    help = "从环境变量 ADMIN_USERNAME、ADMIN_PASSWORD、ADMIN_EMAIL 创建第一个管理员（已存在则不改动）"

    def handle(self, *args, **opts):
        username = os.environ.get("ADMIN_USERNAME", "").strip()
        password = os.environ.get("ADMIN_PASSWORD", "")
        if not username or not password:
            raise CommandError("请设置 ADMIN_USERNAME 和 ADMIN_PASSWORD（可选 ADMIN_EMAIL）")
        ensure_editor_group()
        user, created = create_admin(
            username=username, password=password, email=os.environ.get("ADMIN_EMAIL", "").strip()
        )
        if created:
            self.stdout.write(f"已创建管理员 {username}；登录 /admin/，可在“用户”中把编辑加入 editor 组")
        else:
            self.stdout.write(f"用户 {username} 已存在，未作改动")
