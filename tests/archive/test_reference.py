import importlib
import json
from pathlib import Path

import pytest
from django.apps import apps

from archive.models import City, Theme
from archive.reference import DATA_DIR, load_reference_data, theme_rules_from_db

pytestmark = pytest.mark.django_db


def _release(tmp_path: Path, themes: list[dict]) -> Path:
    """A data folder as a release ships it: the real gazetteer, the given theme list."""
    (tmp_path / "cities.json").write_text(
        (DATA_DIR / "cities.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "themes.json").write_text(json.dumps(themes, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def _theme(*keywords: str) -> list[dict]:
    return [{"name": "样例主题", "parent": None, "description": "", "keywords": list(keywords)}]


def test_a_new_archive_gets_every_shipped_keyword(tmp_path):
    load_reference_data(data_dir=_release(tmp_path, _theme("展销", "直营店")))
    assert Theme.objects.get(name="样例主题").keywords == ["展销", "直营店"]


def test_a_later_release_adds_its_new_keywords_and_keeps_the_editors_own(tmp_path):
    load_reference_data(data_dir=_release(tmp_path, _theme("展销", "直营店")))
    Theme.objects.filter(name="样例主题").update(keywords=["展销", "直营店", "编辑加的词"])
    created = load_reference_data(data_dir=_release(tmp_path, _theme("展销", "直营店", "超市")))
    assert created["keywords"] == 1
    assert Theme.objects.get(name="样例主题").keywords == ["展销", "直营店", "编辑加的词", "超市"]


def test_a_keyword_an_editor_removed_stays_removed_when_a_release_ships_it_again(tmp_path):
    load_reference_data(data_dir=_release(tmp_path, _theme("展销", "直营店")))
    Theme.objects.filter(name="样例主题").update(keywords=["展销"])
    created = load_reference_data(data_dir=_release(tmp_path, _theme("展销", "直营店", "超市")))
    assert created["keywords"] == 1
    assert Theme.objects.get(name="样例主题").keywords == ["展销", "超市"]


def test_loading_the_same_release_again_changes_nothing(tmp_path):
    data_dir = _release(tmp_path, _theme("展销", "直营店"))
    load_reference_data(data_dir=data_dir)
    Theme.objects.filter(name="样例主题").update(keywords=["直营店"])
    assert load_reference_data(data_dir=data_dir) == {"cities": 0, "themes": 0, "keywords": 0, "aliases": 0}
    assert Theme.objects.get(name="样例主题").keywords == ["直营店"]


def _served_themes() -> list[dict]:
    return [
        {"name": "科技创新", "parent": None, "keywords": ["研发"]},
        {"name": "金融", "parent": None, "keywords": ["基金"]},
        {"name": "科技金融", "parent": "金融", "serves": "科技创新", "keywords": ["创投"]},
    ]


def test_a_theme_is_loaded_with_the_field_it_serves(tmp_path):
    load_reference_data(data_dir=_release(tmp_path, _served_themes()))
    assert Theme.objects.get(name="科技金融").serves.name == "科技创新"
    rules = {r.name: r for r in theme_rules_from_db()}
    assert rules["科技金融"].serves == "科技创新"
    assert rules["金融"].serves is None


def test_an_editor_who_unlinks_a_served_field_is_not_overruled_by_a_reload(tmp_path):
    data_dir = _release(tmp_path, _served_themes())
    load_reference_data(data_dir=data_dir)
    Theme.objects.filter(name="科技金融").update(serves=None)
    load_reference_data(data_dir=data_dir)
    assert Theme.objects.get(name="科技金融").serves is None


def _release_with_aliases(tmp_path: Path, aliases: dict[str, list[str]]) -> Path:
    """A data folder whose gazetteer ships the given aliases for some cities."""
    rows = json.loads((DATA_DIR / "cities.json").read_text(encoding="utf-8"))
    for row in rows:
        row["aliases"] = aliases.get(row["name"], row["aliases"])
    (tmp_path / "cities.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "themes.json").write_text("[]", encoding="utf-8")
    return tmp_path


def test_an_existing_archive_gets_the_aliases_a_later_release_ships(tmp_path):
    load_reference_data(data_dir=_release_with_aliases(tmp_path, {"乌兰察布市": ["乌兰察布"]}))
    City.objects.filter(name="乌兰察布市").update(aliases=["乌兰察布", "编辑加的别名"])
    created = load_reference_data(
        data_dir=_release_with_aliases(tmp_path, {"乌兰察布市": ["乌兰察布", "乌盟"]})
    )
    assert created["aliases"] == 1
    assert City.objects.get(name="乌兰察布市").aliases == ["乌兰察布", "编辑加的别名", "乌盟"]


def test_an_alias_an_editor_removed_stays_removed_when_a_release_ships_it_again(tmp_path):
    load_reference_data(data_dir=_release_with_aliases(tmp_path, {"锡林郭勒盟": ["锡林郭勒", "锡盟"]}))
    City.objects.filter(name="锡林郭勒盟").update(aliases=["锡林郭勒"])
    load_reference_data(
        data_dir=_release_with_aliases(tmp_path, {"锡林郭勒盟": ["锡林郭勒", "锡盟", "锡林郭勒盟区"]})
    )
    assert City.objects.get(name="锡林郭勒盟").aliases == ["锡林郭勒", "锡林郭勒盟区"]


def test_the_upgrade_to_shipped_aliases_takes_what_an_archive_has_as_shipped():
    migration = importlib.import_module("archive.migrations.0007_city_shipped_aliases")
    City.objects.update(shipped_aliases=[])  # as an archive loaded before the field existed
    migration.record_shipped(apps, None)
    city = City.objects.get(name="呼和浩特市")
    assert city.shipped_aliases == city.aliases
    assert load_reference_data()["aliases"] == 0  # the shipped file adds nothing it already has
