"""Reference data: the gazetteer of cities and the theme tree, shipped as JSON and kept in the DB.

Loading only adds what is missing: aliases, keywords and descriptions edited in the admin are an
editor's decision and are never overwritten. Keywords (and a city's aliases) a new release ships are
added to themes (cities) that exist already, except those the previous release shipped too: a
keyword or alias missing then is one an editor removed.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from .ingest.tag import Gazetteer, Place
from .ingest.themes import ThemeRule
from .models import City, Theme

DATA_DIR = Path(__file__).resolve().parent / "data"
ROOT_KINDS = (City.Kind.REGION,)


def _read(data_dir: Path, name: str) -> list[dict]:
    return json.loads((data_dir / name).read_text(encoding="utf-8"))


@transaction.atomic
def load_reference_data(*, data_dir: Path = DATA_DIR) -> dict[str, int]:
    created = {"cities": 0, "themes": 0, "keywords": 0, "aliases": 0}
    existing = {c.name: c for c in City.objects.all()}
    for row in _read(data_dir, "cities.json"):  # parents come before children in the file
        aliases = row.get("aliases", [])
        if row["name"] in existing:
            created["aliases"] += _add_shipped_aliases(city=existing[row["name"]], shipped=aliases)
            continue
        city = City.objects.create(
            name=row["name"],
            kind=row["kind"],
            code=row.get("code", ""),
            aliases=aliases,
            shipped_aliases=aliases,
            parent=existing.get(row["parent"]) if row.get("parent") else None,
        )
        existing[city.name] = city
        created["cities"] += 1
    themes = {t.name: t for t in Theme.objects.all()}
    new_serving: dict[Theme, str] = {}
    for order, row in enumerate(_read(data_dir, "themes.json")):
        shipped = row.get("keywords", [])
        if row["name"] in themes:
            created["keywords"] += _add_shipped_keywords(theme=themes[row["name"]], shipped=shipped)
            continue
        theme = Theme.objects.create(
            name=row["name"],
            order=order,
            description=row.get("description", ""),
            keywords=shipped,
            shipped_keywords=shipped,
            parent=themes.get(row["parent"]) if row.get("parent") else None,
        )
        themes[theme.name] = theme
        created["themes"] += 1
        if row.get("serves"):
            new_serving[theme] = row["serves"]
    # set once, when the theme is created: an editor may change or clear it afterwards
    for theme, served in new_serving.items():
        theme.serves = themes.get(served)
        theme.save(update_fields=["serves"])
    return created


def _new_in_release(*, current: list[str], last_shipped: list[str], shipped: list[str]) -> list[str]:
    """What this release ships that the last one did not and the editor does not have already."""
    known = set(last_shipped) | set(current)
    return [term for term in shipped if term not in known]


def _add_shipped_keywords(*, theme: Theme, shipped: list[str]) -> int:
    """Adds the keywords this release ships and the last one did not; returns how many."""
    if theme.shipped_keywords == shipped:
        return 0
    new = _new_in_release(current=theme.keywords, last_shipped=theme.shipped_keywords, shipped=shipped)
    theme.keywords = [*theme.keywords, *new]
    theme.shipped_keywords = shipped
    theme.save(update_fields=["keywords", "shipped_keywords"])
    return len(new)


def _add_shipped_aliases(*, city: City, shipped: list[str]) -> int:
    """Adds the aliases this release ships and the last one did not; returns how many."""
    if city.shipped_aliases == shipped:
        return 0
    current = list(city.aliases or [])
    new = _new_in_release(current=current, last_shipped=city.shipped_aliases or [], shipped=shipped)
    city.aliases = [*current, *new]
    city.shipped_aliases = shipped
    city.save(update_fields=["aliases", "shipped_aliases"])
    return len(new)


def gazetteer_from_db() -> Gazetteer:
    cities = City.objects.select_related("parent")
    return Gazetteer(
        (
            Place(
                name=c.name,
                parent=c.parent.name if c.parent else None,
                taggable=c.kind not in ROOT_KINDS,
                partner=c.kind == City.Kind.MUNICIPALITY,
                site=c.kind == City.Kind.PLACE,
            ),
            c.aliases or [],
        )
        for c in cities
    )


def theme_rules_from_db() -> list[ThemeRule]:
    return [
        ThemeRule(
            name=t.name,
            parent=t.parent.name if t.parent else None,
            keywords=tuple(t.keywords or ()),
            serves=t.serves.name if t.serves else None,
        )
        for t in Theme.objects.select_related("parent", "serves")
    ]
