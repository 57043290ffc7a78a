"""The benchmark's corpus generator and an end-to-end run on a tiny corpus (not a timing test)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from bench.corpus import PUBLICATIONS, generate, seed_sentences

ROOT = Path(__file__).resolve().parent.parent.parent  # the repository
CITIES = ["包头市", "赤峰市", "呼和浩特市", "鄂尔多斯市", "乌海市", "通辽市"]
THEMES = ["科技创新", "文化旅游", "产业协作", "劳务协作"]


def _corpus(n: int, seed: int = 20250501):
    return list(generate(sections=n, cities=CITIES, themes=THEMES, seed=seed))


def test_the_same_arguments_give_the_same_corpus_and_another_seed_another():
    assert _corpus(60) == _corpus(60)
    assert _corpus(60) != _corpus(60, seed=1)
    assert _corpus(30) == _corpus(60)[:30]  # a bigger corpus extends a smaller one


def test_the_corpus_is_varied():
    corpus = _corpus(400)
    assert len({s.text for s in corpus}) == len(corpus)
    years = Counter(s.date.year for s in corpus)
    assert len(years) >= 12 and min(s.date for s in corpus) >= corpus[0].date.replace(
        year=2012, month=1, day=1
    )
    assert set(Counter(s.publication for s in corpus)) == set(PUBLICATIONS)
    assert {len(s.cities) for s in corpus} >= {0, 1, 2, 3} and {len(s.themes) for s in corpus} >= {0, 1, 2}
    assert len({c for s in corpus for c in s.cities}) == len(CITIES)
    lengths = sorted(len(s.text) for s in corpus)
    assert lengths[-1] > 4 * lengths[len(lengths) // 10]  # short and long sections
    assert any(s.heading for s in corpus) and any(not s.heading for s in corpus)


def test_numbers_and_names_are_redrawn_so_the_vocabulary_grows():
    seeds = "".join(seed_sentences())
    corpus = _corpus(400)
    bodies = "".join(s.text for s in corpus)
    # invented names (syllables + a suffix such as 合作社) the seed pages never contain
    invented = [w for w in ("合作社", "嘎查", "卫生院") if bodies.count(w) > seeds.count(w)]
    assert invented
    small, large = _corpus(100), corpus

    def vocabulary(sections):
        from search.analysis import words

        return {w for s in sections for w in words(s.text)}

    assert len(vocabulary(large)) > 1.5 * len(vocabulary(small))


def test_the_bench_runs_end_to_end_on_a_tiny_corpus(tmp_path):
    # the bench builds its own in-memory database, whatever database the suite runs on
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "SECTIONS": "40",
        "BENCH_REPEAT": "1",
        "BENCH_OUT": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bench.run"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads((tmp_path / "latest.json").read_text())
    assert result["sections"] == 40
    for key in ("analyse_s", "build_s", "index_mb", "query_p50_ms", "query_p95_ms", "rss_mb"):
        assert isinstance(result[key], int | float), key
    assert set(result["peers"]) == {"sqlite_fts5", "tantivy", "orm_icontains"}
    for figures in result["peers"].values():
        assert figures["query_p95_ms"] >= figures["query_p50_ms"] >= 0
    assert set(result["per_query"]) == {
        "common word", "rare word", "two words", "phrase", "partial word",
        "facet-filtered", "browse", "deep page",
    }  # fmt: skip
    assert "ALL" in done.stdout and "fts5" in done.stdout
