"""Tests: an in-memory database and a throwaway index directory per run."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
DEBUG = False
# An in-memory SQLite database, or the PostgreSQL server DATABASE_URL points at (pytest-django
# creates and drops a test_ database there).
if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}


def _throwaway(prefix: str) -> str:
    """A temporary directory removed when the process that made it exits (not a forked child)."""
    path, owner = tempfile.mkdtemp(prefix=prefix), os.getpid()

    def remove() -> None:
        if os.getpid() == owner:
            shutil.rmtree(path, ignore_errors=True)

    atexit.register(remove)
    return path


HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "search.engines.whoosh.ChineseWhooshEngine",
        # INDEX_DIR lets a second process (the bench's serving worker) open the same index; the
        # index is a folder inside the throwaway one so that its lock file beside it goes too
        "PATH": os.environ.get("INDEX_DIR") or os.path.join(_throwaway("archive-test-index-"), "index"),
    }
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_ROOT = Path(_throwaway("archive-test-static-"))
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
