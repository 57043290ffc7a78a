"""python manage.py backup [--output DIR] — a consistent copy of the database and the curated data."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone


class Command(BaseCommand):
    help = "备份数据库（SQLite 在线备份或 pg_dump）和全部档案数据（JSON，可用 loaddata 恢复到任何数据库）"

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(Path(settings.DATA_DIR) / "backups"))

    def handle(self, *args, **opts):
        target = Path(opts["output"]) / timezone.localtime().strftime("%Y%m%d-%H%M%S")
        target.mkdir(parents=True, exist_ok=False)
        if connection.vendor == "sqlite":
            self._sqlite(target / "archive.sqlite3")
        elif connection.vendor == "postgresql":
            self._postgres(target / "archive.pgdump")
        # the archive's own tables (pages, articles, sections, tags, gazetteer, themes) as JSON:
        # portable between SQLite and PostgreSQL, and readable by a person
        out = StringIO()
        call_command("dumpdata", "archive", "auth.user", "auth.group", "--indent", "1", stdout=out)
        (target / "archive.json").write_text(out.getvalue(), encoding="utf-8")
        self.stdout.write(f"备份已写入 {target}")

    def _sqlite(self, path: Path) -> None:
        # the online backup API copies a consistent snapshot while the site keeps serving
        connection.ensure_connection()
        with sqlite3.connect(path) as dest:
            connection.connection.backup(dest)

    def _postgres(self, path: Path) -> None:
        if shutil.which("pg_dump") is None:
            raise CommandError("找不到 pg_dump：请安装 PostgreSQL 客户端")
        db = settings.DATABASES["default"]
        env = {"PGPASSWORD": db.get("PASSWORD") or ""}
        cmd = [
            "pg_dump",
            "--format=custom",
            f"--file={path}",
            "--host",
            db.get("HOST") or "localhost",
            "--port",
            str(db.get("PORT") or 5432),
            "--username",
            db.get("USER") or "postgres",
            db["NAME"],
        ]
        result = subprocess.run(
            cmd,
            env={**env, "PATH": "/usr/bin:/bin:/usr/local/bin"},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise CommandError(f"pg_dump 失败：{result.stderr.strip()}")
