"""Shared fixtures: a small tagged archive built through the ORM, and a clean index."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator

import pytest

from archive.models import Article, City, Page, Publication, Section, SectionCity, SectionTheme, Theme

_checksums = itertools.count(1)


@pytest.fixture
def clean_index() -> Iterator[None]:
    """An empty index before and after the test (the path is a temp dir from config.settings.test)."""
    from search.backend import get_backend

    get_backend().clear()
    yield
    get_backend().clear()


@pytest.fixture
def places(db) -> dict[str, City]:
    region = City.objects.create(name="内蒙古自治区", kind=City.Kind.REGION)
    hohhot = City.objects.create(name="呼和浩特市", kind=City.Kind.PREFECTURE_CITY, parent=region)
    horinger = City.objects.create(name="和林格尔县", kind=City.Kind.COUNTY, parent=hohhot)
    baotou = City.objects.create(name="包头市", kind=City.Kind.PREFECTURE_CITY, parent=region)
    ordos = City.objects.create(name="鄂尔多斯市", kind=City.Kind.PREFECTURE_CITY, parent=region)
    beijing = City.objects.create(name="北京市", kind=City.Kind.MUNICIPALITY)
    return {c.name: c for c in (region, hohhot, horinger, baotou, ordos, beijing)}


@pytest.fixture
def topics(db) -> dict[str, Theme]:
    digital = Theme.objects.create(name="数字经济")
    compute = Theme.objects.create(name="算力", parent=digital)
    tourism = Theme.objects.create(name="文化旅游")
    return {t.name: t for t in (digital, compute, tourism)}


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
