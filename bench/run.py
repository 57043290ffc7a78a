"""``make bench``: build a synthetic archive, index it, time our search against peers.

    SECTIONS=100000 make bench      # default 10000

Builds a throwaway SQLite database and index in a temporary directory
(config.settings.test), then times the query mix and measures memory in a fresh
serving process that opens the same database and index (``bench.worker``); the
peers are timed in this process, which holds their corpus.  Prints a table and writes var/bench/latest.json
(BENCH_OUT=dir elsewhere).  BENCH_REPEAT=n timings per query (default 20),
BENCH_PEERS=sqlite_fts5,tantivy,orm_icontains (default all).
"""

from __future__ import annotations

import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

QUERY_MIX: tuple[tuple[str, str, dict[str, tuple[str, ...]], int], ...] = (
    # (name, q, filters, page)
    ("common word", "发展", {}, 1),
    ("rare word", "阿尔山", {}, 1),
    ("two words", "绿色 算力", {}, 1),
    ("phrase", '"京蒙 协作"', {}, 1),
    ("partial word", "尔多斯", {}, 1),
    ("facet-filtered", "合作", {"city": ("包头市",), "theme": ("科技创新",)}, 1),
    ("browse", "", {}, 1),
    ("deep page", "发展", {}, 40),
)
REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))
ORM_REPEAT = 3  # a full scan per query: a few runs are enough to see the order of magnitude


def _rss_mb(field: str = "VmRSS") -> float:
    """Resident memory now (VmRSS) or at its peak (VmHWM) of this process's own address space.

    Not getrusage's ru_maxrss: Linux carries that across exec, so a child started
    from the bench would report the bench's peak.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _percentiles(samples: Sequence[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))] * 1000, 2)

    return {"query_p50_ms": at(0.5), "query_p95_ms": at(0.95), "query_p99_ms": at(0.99)}


def _time(run: Callable[[], object], repeat: int) -> list[float]:
    run()  # warm caches once, as a long-running worker would be
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return samples


def ours(q: str, filters: dict, page: int) -> Callable[[], object]:
    """One query of the mix, as the search page runs it (20 hits, facets, snippets)."""
    from search.query import parse_params
    from search.services import search

    params = parse_params(data={"q": q, "page": str(page), **{k: list(v) for k, v in filters.items()}})
    return lambda: search(params=params)


def _setup_django(workdir: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    # a file database and a known index directory, so that bench.worker can open both
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["INDEX_DIR"] = str(workdir / "index")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _load(sections: int):
    """Insert the synthetic corpus; returns the peers' documents."""
    from django.db import transaction

    from archive.models import Article, City, Page, Publication, Section, SectionCity, SectionTheme, Theme
    from archive.reference import load_reference_data
    from bench.corpus import generate
    from bench.peers import Doc
    from search.analysis import bigrams, words

    load_reference_data()
    cities = {c.name: c for c in City.objects.exclude(kind=City.Kind.REGION)}
    themes = {t.name: t for t in Theme.objects.all()}
    papers = {}
    docs: list[Doc] = []
    analyse = 0.0
    chars = 0
    batch = 2000
    fake = list(generate(sections=sections, cities=sorted(cities), themes=sorted(themes)))
    with transaction.atomic():
        for start in range(0, len(fake), batch):
            chunk = fake[start : start + batch]
            pages = []
            for i, f in enumerate(chunk):
                if f.publication not in papers:
                    papers[f.publication] = Publication.objects.get_or_create(name=f.publication)[0]
                pages.append(
                    Page(
                        publication=papers[f.publication],
                        date=f.date,
                        checksum=f"bench{start + i}",
                        raw_text="",
                    )
                )
            pages = Page.objects.bulk_create(pages)
            articles = Article.objects.bulk_create(
                Article(page=p, order=1, headline=f.headline) for p, f in zip(pages, chunk, strict=True)
            )
            rows = Section.objects.bulk_create(
                Section(article=a, order=1, heading=f.heading, text=f.text)
                for a, f in zip(articles, chunk, strict=True)
            )
            SectionCity.objects.bulk_create(
                SectionCity(section=s, city=cities[c])
                for s, f in zip(rows, chunk, strict=True)
                for c in f.cities
            )
            SectionTheme.objects.bulk_create(
                SectionTheme(section=s, theme=themes[t])
                for s, f in zip(rows, chunk, strict=True)
                for t in f.themes
            )
            for s, f in zip(rows, chunk, strict=True):
                text = "\n".join(p for p in (f.headline, f.heading, f.text) if p)
                chars += len(text)
                began = time.perf_counter()
                w, g = words(text), bigrams(text)
                analyse += time.perf_counter() - began
                docs.append(Doc(s.pk, " ".join(w), " ".join(g), f.cities, f.themes, str(f.date.year), text))
    return docs, analyse, chars


def _dir_mb(path: str) -> float:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file()) / 1e6


def main() -> int:
    sections = int(os.environ.get("SECTIONS", "10000"))
    with tempfile.TemporaryDirectory(prefix="archive-bench-") as workdir:
        return _run(sections=sections, workdir=Path(workdir))


def _serving_worker() -> dict:
    """Query timings and RSS of a fresh process serving the query mix, as one gunicorn worker would."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.worker"], env=os.environ, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.worker failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _time_peers(docs, per_query: dict[str, dict]) -> dict[str, dict]:
    """The same query mix on the other engines; BENCH_PEERS=a,b picks some (default all)."""
    from bench.peers import Fts5, OrmIcontains, PeerQuery, Tantivy  # after Django is set up

    peers = {
        "sqlite_fts5": (Fts5, REPEAT),
        "tantivy": (Tantivy, REPEAT),
        "orm_icontains": (OrmIcontains, ORM_REPEAT),
    }
    wanted = os.environ.get("BENCH_PEERS")  # e.g. "sqlite_fts5,tantivy"; default all
    if wanted is not None:
        peers = {name: peer for name, peer in peers.items() if name in wanted.split(",")}
    found: dict[str, dict] = {}
    for peer_name, (factory, repeat) in peers.items():
        began = time.perf_counter()
        engine = factory(docs) if factory is not OrmIcontains else factory()
        peer_build = time.perf_counter() - began
        peer_samples: list[float] = []
        for name, q, filters, page in QUERY_MIX:
            clauses = tuple(q.replace('"', "").split()) if q else ()
            if name == "phrase":
                clauses = (q.replace('"', "").replace(" ", ""),)
            query = PeerQuery(clauses=clauses, filters=filters, page=page)
            timed = _time(lambda query=query, engine=engine: engine.search(query), repeat)
            peer_samples += timed
            per_query[name][peer_name] = _percentiles(timed)
        found[peer_name] = {**_percentiles(peer_samples), "build_s": round(peer_build, 2)}
    return found


def _run(*, sections: int, workdir: Path) -> int:
    _setup_django(workdir)
    from search.services import rebuild

    print(f"generating and analysing {sections} sections…", file=sys.stderr)
    docs, analyse_s, chars = _load(sections)
    print(f"building the index ({chars} characters)…", file=sys.stderr)
    # The corpus kept for the peers is millions of objects a real rebuild does not hold:
    # exempt them from the cyclic collector so its full passes do not bill the build.
    gc.collect()
    gc.freeze()
    began = time.perf_counter()
    rebuild()
    build_s = time.perf_counter() - began
    index_mb = _dir_mb(os.environ["INDEX_DIR"])  # set by _setup_django

    print("timing the query mix in a serving worker…", file=sys.stderr)
    worker = _serving_worker()
    per_query: dict[str, dict] = {}
    samples: list[float] = []
    for name, *_ in QUERY_MIX:
        samples += worker["samples"][name]
        per_query[name] = {"ours": _percentiles(worker["samples"][name])}
    bench_rss_mb = _rss_mb()
    result = {
        "sections": sections,
        "characters": chars,
        "analyse_s": round(analyse_s, 2),
        "analyse_chars_per_s": round(chars / analyse_s) if analyse_s else None,
        "build_s": round(build_s, 2),
        "index_mb": round(index_mb, 1),
        **_percentiles(samples),
        # a serving worker after the query mix; the bench process also holds the corpus
        "rss_mb": worker["rss_mb"],
        "worker_peak_rss_mb": worker["peak_rss_mb"],
        "bench_rss_mb": round(bench_rss_mb, 1),
        "bench_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peers": {},
        "per_query": per_query,
    }
    print("building peers…", file=sys.stderr)
    result["peers"] = _time_peers(docs, per_query)
    out = Path(os.environ.get("BENCH_OUT", Path(__file__).resolve().parent.parent / "var" / "bench"))
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print(_table(result))
    return 0


def _table(result: dict) -> str:
    lines = [
        f"sections {result['sections']}  chars {result['characters']}  analyse {result['analyse_s']} s "
        f"({result['analyse_chars_per_s']} chars/s)  build {result['build_s']} s  index {result['index_mb']} MB  "
        f"worker rss {result['rss_mb']} MB (peak {result['worker_peak_rss_mb']} MB; bench process "
        f"{result['bench_peak_rss_mb']} MB)",
        f"{'query':<16}{'ours p50/p95':>18}{'fts5 p50/p95':>18}{'tantivy p50/p95':>18}{'icontains p50/p95':>20}",
    ]
    engines = ("ours", "sqlite_fts5", "tantivy", "orm_icontains")
    rows = [*result["per_query"].items(), ("ALL", {"ours": result, **result["peers"]})]
    for name, figures in rows:
        cells = [
            f"{figures[e]['query_p50_ms']:.1f}/{figures[e]['query_p95_ms']:.1f}" if e in figures else "-"
            for e in engines
        ]
        lines.append(f"{name:<16}{cells[0]:>18}{cells[1]:>18}{cells[2]:>18}{cells[3]:>20}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
