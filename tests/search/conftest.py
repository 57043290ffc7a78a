"""Shared fixtures: a small tagged archive built through the ORM, and a clean index."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from io import StringIO

import pytest
from django.core.management import call_command

from archive.models import Article, City, Page, Publication, Section, SectionCity, SectionTheme, Theme

_checksums = itertools.count(1)


@pytest.fixture(scope="module")
def _index_restored_after_module(django_db_setup, django_db_blocker) -> Iterator[None]:
    # Tests elsewhere rely on the session's curated archive being indexed (see
    # tests/conftest.py); once this module's rows are rolled back, index that again.
    yield
    with django_db_blocker.unblock():
        call_command("ensure_index", "--force", stdout=StringIO())


@pytest.fixture
def clean_index(_index_restored_after_module) -> Iterator[None]:
    """An empty index (the real one: a temp dir set by config.settings.test)."""
    from search.engines.whoosh.backend import get_backend

    get_backend().clear()
    yield


def _city(name: str, kind: str, parent: City | None = None) -> City:
    # The session database may already hold the gazetteer (tests/conftest.py loads it).
    city, _ = City.objects.get_or_create(name=name, defaults={"kind": kind, "parent": parent})
    if city.parent_id != (parent.pk if parent else None):
        city.parent = parent
        city.save(update_fields=["parent"])
    return city


def _theme(name: str, parent: Theme | None = None) -> Theme:
    theme, _ = Theme.objects.get_or_create(name=name, defaults={"parent": parent})
    if theme.parent_id != (parent.pk if parent else None):
        theme.parent = parent
        theme.save(update_fields=["parent"])
    return theme


@pytest.fixture
def places(db) -> dict[str, City]:
    region = _city("内蒙古自治区", City.Kind.REGION)
    hohhot = _city("呼和浩特市", City.Kind.PREFECTURE_CITY, region)
    horinger = _city("和林格尔县", City.Kind.COUNTY, hohhot)
    baotou = _city("包头市", City.Kind.PREFECTURE_CITY, region)
    ordos = _city("鄂尔多斯市", City.Kind.PREFECTURE_CITY, region)
    beijing = _city("北京市", City.Kind.MUNICIPALITY)
    return {c.name: c for c in (region, hohhot, horinger, baotou, ordos, beijing)}


@pytest.fixture
def topics(db) -> dict[str, Theme]:
    digital = _theme("测试数字经济")
    compute = _theme("测试算力", digital)
    tourism = _theme("测试文化旅游")
    return {"数字经济": digital, "算力": compute, "文化旅游": tourism}


MakeSection = Callable[..., Section]


@pytest.fixture
def make_section(db, places, topics) -> MakeSection:
    """Create page → article → section with active tags; names refer to ``places``/``topics``."""

    def make(
        text: str,
        *,
        headline: str = "",
        heading: str = "",
        cities: tuple[str, ...] = (),
        themes: tuple[str, ...] = (),
        inactive_cities: tuple[str, ...] = (),
        date: dt.date | None = dt.date(2025, 5, 1),
        article_date: dt.date | None = None,
        publication: str | None = "内蒙古日报",
    ) -> Section:
        paper = Publication.objects.get_or_create(name=publication)[0] if publication else None
        page = Page.objects.create(
            publication=paper, date=date, checksum=f"c{next(_checksums)}", raw_text=text
        )
        article = Article.objects.create(page=page, order=1, headline=headline, date=article_date)
        section = Section.objects.create(article=article, order=1, heading=heading, text=text)
        for name in cities:
            SectionCity.objects.create(section=section, city=places[name])
        for name in inactive_cities:
            SectionCity.objects.create(section=section, city=places[name], active=False)
        for name in themes:
            SectionTheme.objects.create(section=section, theme=topics[name])
        return section

    return make
