"""The automatic pipeline measured against the gold pages, as `manage.py evaluate` reports it."""

import pytest

from archive.evaluation import evaluate
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db

SEEDS = [
    (ROOT / "fixtures" / "seeds" / f"{p.stem}.txt", p)
    for p in sorted((ROOT / "fixtures" / "curated").glob("*.json"))
]
EXTRA = [(p.with_suffix(".txt"), p) for p in sorted((ROOT / "fixtures" / "extra").glob("*.json"))]
HELDOUT = [(p.with_suffix(".txt"), p) for p in sorted((ROOT / "fixtures" / "heldout").glob("*.json"))]
IDS = ["seeds", "own-pages-in-other-layouts", "held-out-pages"]


@pytest.mark.parametrize("pairs", [SEEDS, EXTRA, HELDOUT], ids=IDS)
def test_articles_are_split_and_headlined_as_the_editors_did(pairs):
    report = evaluate(pairs=pairs)
    assert report.boundaries.f1 >= 0.95
    assert report.headline_accuracy >= 0.9


@pytest.mark.parametrize(
    ("pairs", "floors"),
    [
        (SEEDS, {"cities": 0.9, "themes": 0.9, "fields": 0.94}),
        (EXTRA, {"cities": 0.97, "themes": 0.95, "fields": 0.95}),
        (HELDOUT, {"cities": 0.93, "themes": 0.87, "fields": 0.94}),
    ],
    ids=IDS,
)
def test_tagging_does_not_fall_below_its_measured_level(pairs, floors):
    # regression floors a little under what is measured today against the gold annotated by
    # docs/annotation.md; the target of 0.9 holds for the seeds and the extra pages
    report = evaluate(pairs=pairs)
    assert report.cities.f1 >= floors["cities"]
    assert report.themes.f1 >= floors["themes"]
    assert report.fields.f1 >= floors["fields"]


def test_the_gold_files_cover_every_raw_page():
    assert len(SEEDS) == 5 and all(raw.exists() for raw, _ in SEEDS + EXTRA) and len(EXTRA) >= 4
