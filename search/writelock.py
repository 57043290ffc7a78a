"""The installation-wide index writer lock: at most one process writes to the index at a time."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

LOCK_TIMEOUT = 25.0  # seconds; below gunicorn's request timeout (30 s)


class IndexBusy(Exception):
    """Another process held the writer lock for too long; the queued tasks stay queued."""


def lock_path() -> Path:
    """Beside the index directory, not inside it: a rebuild deletes that directory, and a lock file
    in a deleted directory would no longer exclude anybody.  An engine whose index is not a local
    directory (a server: no PATH) still has one writer per installation: the lock is under DATA_DIR."""
    folder = settings.HAYSTACK_CONNECTIONS["default"].get("PATH")
    index_path = Path(folder) if folder else Path(settings.DATA_DIR) / "search-index"
    return index_path.parent / f"{index_path.name}.writer.lock"


@contextmanager
def writer_lock(*, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """The installation-wide index writer lock (an flock, released if the process dies)."""
    path = lock_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusy(f"检索索引写入锁 {path} 在 {timeout:.0f} 秒内未获得") from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
