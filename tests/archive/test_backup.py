import json
import sqlite3
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from archive.models import Article, Section

pytestmark = pytest.mark.django_db


def test_backup_writes_a_database_copy_and_json_of_every_article(tmp_path):
    call_command("backup", "--output", str(tmp_path), stdout=StringIO())
    (folder,) = tmp_path.iterdir()
    data = json.loads((folder / "archive.json").read_text(encoding="utf-8"))
    assert sum(1 for row in data if row["model"] == "archive.article") == Article.objects.count()
    if connection.vendor == "sqlite":
        with sqlite3.connect(folder / "archive.sqlite3") as copy:
            (count,) = copy.execute("select count(*) from archive_section").fetchone()
        assert count == Section.objects.count()
