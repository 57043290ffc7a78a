"""Tests: an in-memory database and a throwaway index directory per run."""

import os
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
DEBUG = False
# An in-memory SQLite database, or the PostgreSQL server DATABASE_URL points at (pytest-django
# creates and drops a test_ database there).
if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "search.backend.ChineseWhooshEngine",
        # INDEX_DIR lets a second process (the bench's serving worker) open the same index
        "PATH": os.environ.get("INDEX_DIR") or tempfile.mkdtemp(prefix="archive-test-index-"),
    }
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_ROOT = tempfile.mkdtemp(prefix="archive-test-static-")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
