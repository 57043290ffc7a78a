"""Faults: a process killed half-way never leaves half-written data behind."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env(data_dir: Path) -> dict:
    env = {
        **os.environ,
        "DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "0",
    }
    env.pop("DATABASE_URL", None)  # a file SQLite database, whatever the suite runs on
    return env


def _manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, **kwargs
    )


@pytest.fixture
def site(tmp_path):
    env = _env(tmp_path)
    assert _manage(env, "migrate", "-v0").returncode == 0
    assert _manage(env, "load_archive").returncode == 0
    return tmp_path, env


def _pages(tmp_path: Path, n: int) -> list[str]:
    files = []
    for i in range(n):
        path = tmp_path / f"page{i:03d}.txt"
        body = "。".join(
            f"第{i}版第{j}段，呼和浩特与北京开展京蒙协作，数据中心和绿色算力项目推进" for j in range(40)
        )
        path.write_text(
            f"标题{i}号\n\n本报讯（记者 王{i}）{body}。\n\n另一标题{i}\n\n本报讯（记者 李{i}）{body}。\n",
            encoding="utf-8",
        )
        files.append(str(path))
    return files


def _consistency(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        pages = conn.execute("select count(*) from archive_page where source_name like 'page%'").fetchone()[0]
        empty = conn.execute(
            "select count(*) from archive_page p where source_name like 'page%' and not exists "
            "(select 1 from archive_article a where a.page_id = p.id)"
        ).fetchone()[0]
    return pages, empty


def test_ingest_killed_half_way_leaves_no_half_written_page_and_a_rerun_completes(site):
    tmp_path, env = site
    files = _pages(tmp_path, 40)
    process = subprocess.Popen(
        [sys.executable, "manage.py", "ingest", *files],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    db = tmp_path / "archive.sqlite3"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _consistency(db)[0] < 3:
        time.sleep(0.2)
    process.send_signal(signal.SIGKILL)
    process.wait()
    pages, empty = _consistency(db)
    assert 0 < pages < 40 and empty == 0  # killed mid-batch; every saved page is whole
    rerun = _manage(env, "ingest", *files)
    assert rerun.returncode == 0, rerun.stderr
    assert _consistency(db) == (40, 0)


def test_rebuild_killed_half_way_leaves_the_previous_index_serving_and_a_rerun_completes(site):
    tmp_path, env = site
    assert _manage(env, "ingest", *_pages(tmp_path, 40)).returncode == 0
    assert _manage(env, "ensure_index", "--force").returncode == 0
    live, staging = tmp_path / "whoosh_index", tmp_path / "whoosh_index.rebuilding"
    before = _manage(env, "check_index")
    assert before.returncode == 0
    process = subprocess.Popen(
        [sys.executable, "manage.py", "ensure_index", "--force"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not staging.exists() and process.poll() is None:
        time.sleep(0.005)
    assert staging.exists(), "the rebuild ended before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    # the live index is the previous one, whole: every section is found and nothing is stale
    assert live.exists() and _manage(env, "check_index").returncode == 0
    assert _manage(env, "ensure_index", "--force").returncode == 0
    assert not staging.exists() and _manage(env, "check_index").returncode == 0


FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
from django.core.management import execute_from_command_line
execute_from_command_line(["manage.py", "ensure_index", "--force"])
"""


def test_a_full_disk_while_indexing_is_a_clear_error_and_corrupts_nothing(site):
    tmp_path, env = site
    assert _manage(env, "ingest", *_pages(tmp_path, 40)).returncode == 0
    assert _manage(env, "ensure_index", "--force").returncode == 0
    failed = subprocess.run(
        [sys.executable, "-c", FULL_DISK], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert failed.returncode != 0
    assert "重建检索索引失败" in failed.stderr and "原有索引未改动" in failed.stderr
    assert _manage(env, "check_index").returncode == 0  # the previous index is whole
    assert _manage(env, "ensure_index", "--force").returncode == 0
