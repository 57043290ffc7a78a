"""Load test: real gunicorn on loopback, concurrent readers, an editor changing tags every second.

    python -m tests.reliability.loadtest [--clients 16] [--seconds 60]      (or: make load)

Builds a fresh archive in a temporary DATA_DIR, starts gunicorn and the index worker exactly as
`make serve` does, drives it with a realistic query mix while another process adds and removes
curated tags through the same service the admin uses, then checks that the index equals the
database. Prints a report and writes var/bench/load.json. Exits non-zero on any error.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
QUERIES = [
    "和林格尔",
    "京蒙协作",
    "绿色算力",
    "乌兰察布",
    "尔多斯",
    "7752.3亿元",
    '"绿色算力"',
    "包头 稀土",
    "消费帮扶 -北京",
    "ＡＩ",
    "口岸 OR 外贸",
    "供热",
]
FILTERS = [
    "city=呼和浩特市",
    "theme=现代产业",
    "city=包头市&city=赤峰市",
    "year=2025",
    "publication=内蒙古日报",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(data_dir: Path, port: int) -> dict:
    # its own SQLite database in the temporary DATA_DIR, whatever database the caller uses
    return {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "HTTPS": "0",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WORKERS": "2",
        "SECRET_KEY": "load-test-only",
    }


def _manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def _paths(article_ids: list[int]) -> list[str]:
    paths = [f"/search/?q={quote(q)}" for q in QUERIES]
    paths += [f"/api/search?q={quote(q)}&{quote(f, safe='=&')}" for q in QUERIES[:4] for f in FILTERS]
    paths += [f"/search/?{quote(f, safe='=&')}&page=2" for f in FILTERS]
    paths += [f"/articles/{pk}/" for pk in article_ids] + ["/", "/cities/乌兰察布市/", "/themes/绿色算力/"]
    return [quote(p, safe="/?=&%") for p in paths]


def _client(port: int, paths: list[str], until: float, seed: int, latencies: list, errors: list) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < until:
        path = rng.choice(paths)
        start = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status >= 500:
                errors.append(f"{response.status} {path}")
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{type(exc).__name__} {path}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append((time.perf_counter() - start) * 1000)


EDITOR = """
import os, random, sys, time
import django
django.setup()
from django.contrib.auth.models import User
from archive.curation import tag_sections
from archive.models import City, Section
actor, _ = User.objects.get_or_create(username="load-editor", defaults={"is_staff": True})
sections = list(Section.objects.all())
cities = list(City.objects.exclude(kind="region"))
rng = random.Random(7)
until = time.monotonic() + float(sys.argv[1])
edits = 0
while time.monotonic() < until:
    tag_sections(sections=[rng.choice(sections)], city=rng.choice(cities), active=rng.random() < 0.6, actor=actor)
    edits += 1
    time.sleep(1)
print(edits)
"""


def run(*, clients: int, seconds: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="archive-load-") as tmp:
        data_dir, port = Path(tmp), _free_port()
        env = _env(data_dir, port)
        _manage(env, "migrate", "--noinput", "-v0")
        _manage(env, "load_archive")
        _manage(env, "ensure_index")
        _manage(env, "collectstatic", "--noinput", "-v0")
        server_log = open(data_dir / "gunicorn.log", "w")  # noqa: SIM115 -- open while the server runs
        server = subprocess.Popen(
            [PY, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--access-logfile", "/dev/null"],
            cwd=ROOT,
            env=env,
            stdout=server_log,
            stderr=server_log,
        )
        worker = subprocess.Popen(
            [PY, "manage.py", "index_worker"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_until_up(port)
            ids = json.loads(_get(port, "/api/articles?page=1"))["results"]
            paths = _paths([a["id"] for a in ids[:10]])
            editor = subprocess.Popen(
                [PY, "-c", EDITOR, str(seconds)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
            )
            latencies: list[float] = []
            errors: list[str] = []
            until = time.monotonic() + seconds
            threads = [
                threading.Thread(target=_client, args=(port, paths, until, i, latencies, errors))
                for i in range(clients)
            ]
            started = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.monotonic() - started
            edits = int((editor.communicate(timeout=seconds + 60)[0] or "0").strip() or 0)
            time.sleep(3)  # the writer drains the last edits' queue
            check = subprocess.run(
                [PY, "manage.py", "check_index"], cwd=ROOT, env=env, capture_output=True, text=True
            )
        finally:
            for process in (server, worker):
                process.terminate()
                process.wait(timeout=30)
            server_log.close()
            log_text = (data_dir / "gunicorn.log").read_text(errors="replace")
            tracebacks = ["Traceback" + chunk[-1500:] for chunk in log_text.split("Traceback")[1:4]]
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1) if ordered else 0.0

    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "mean_ms": round(statistics.fmean(latencies), 1) if latencies else 0.0,
        "server_tracebacks": tracebacks,
        "errors": len(errors),
        "error_examples": errors[:5],
        "edits": edits,
        "check_index_exit": check.returncode,
        "check_index": check.stdout.strip().splitlines()[-1:] or [""],
    }


def _get(port: int, path: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    return conn.getresponse().read().decode()


def _wait_until_up(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if json.loads(_get(port, "/healthz"))["status"] == "ok":
                return
        except (OSError, ValueError, KeyError):
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not come up")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    report = run(clients=args.clients, seconds=args.seconds)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "load.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0 if report["errors"] == 0 and report["check_index_exit"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
