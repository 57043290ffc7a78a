"""The automatic pipeline measured against the gold pages, as `manage.py evaluate` reports it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.evaluation import evaluate
from archive.ingest.rules import DEFAULT_PATH
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


def _evaluate_command(*args) -> str:
    out = StringIO()
    call_command("evaluate", *args, stdout=out)
    return out.getvalue()


def test_evaluate_measures_a_changed_rules_file(tmp_path):
    # an editor tries a change to the rules' data before committing it: the figures are re-measured
    shipped = DEFAULT_PATH.read_text(encoding="utf-8")
    assert "[cities]\nthreshold = 2.2\n" in shipped
    changed = tmp_path / "rules.toml"
    changed.write_text(
        shipped.replace("[cities]\nthreshold = 2.2\n", "[cities]\nthreshold = 50.0\n"), "utf-8"
    )
    default = _evaluate_command()
    same = _evaluate_command("--rules", str(DEFAULT_PATH))
    other = _evaluate_command("--rules", str(changed))
    assert (
        same.splitlines()[0] == f"规则文件：{DEFAULT_PATH}" and same.splitlines()[1:] == default.splitlines()
    )
    assert other.splitlines()[0] == f"规则文件：{changed}"
    cities = [line for line in other.splitlines() if line.startswith("地区标签")]
    assert cities and cities != [line for line in default.splitlines() if line.startswith("地区标签")]
    # only the place tags' weights changed: boundaries and headlines are measured as before
    assert [line for line in other.splitlines() if line.startswith(("文章边界", "标题"))] == [
        line for line in default.splitlines() if line.startswith(("文章边界", "标题"))
    ]


def test_evaluate_refuses_a_broken_rules_file(tmp_path):
    broken = tmp_path / "rules.toml"
    broken.write_text("[bylines]\nroles = 3\n", "utf-8")
    with pytest.raises(CommandError, match="规则文件"):
        _evaluate_command("--rules", str(broken))
