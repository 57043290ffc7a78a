"""Timing of facet counting on a few thousand synthetic sections.

Skipped unless SEARCH_BENCH=1 (it indexes thousands of rows):
    SEARCH_BENCH=1 DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/pytest tests/search/test_facet_benchmark.py -s
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time

import pytest
from whoosh import sorting

from archive.models import Article, City, Page, Publication, Section, SectionCity, SectionTheme, Theme
from search.backend import get_backend
from search.facets import FACETS
from search.indexing import index_sections
from search.query import SearchParams, build_filter, build_text_query
from search.services import _group_by, search_sections

pytestmark = pytest.mark.skipif(not os.environ.get("SEARCH_BENCH"), reason="set SEARCH_BENCH=1 to run")

SECTIONS = int(os.environ.get("SEARCH_BENCH_SECTIONS", "4000"))
PHRASES = [
    "京蒙协作推动绿色算力产业发展",
    "和林格尔新区建设数据中心集群",
    "东数西算工程取得新进展",
    "鄂尔多斯市新能源项目签约",
    "包头市稀土新材料产业园",
    "北京市对口帮扶乡村振兴",
    "文化旅游交流活动在呼和浩特举办",
    "农畜产品进京销售额增长7752.3万元",
    "科技创新平台共建共享",
    "医疗卫生人才交流",
    "教育帮扶持续深化",
    "消费帮扶助力增收",
]


def _timed(fn, repeat: int = 7) -> float:
    fn()  # warm caches (segment files, categorizer lists)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


@pytest.mark.django_db
def test_facet_counting_time_on_thousands_of_sections(clean_index, make_section):
    rng = random.Random(7)
    cities = list(City.objects.all()) or [City.objects.create(name=f"城{i}", kind="place") for i in range(60)]
    themes = list(Theme.objects.all()) or [Theme.objects.create(name=f"主题{i}") for i in range(10)]
    papers = [Publication.objects.get_or_create(name=n)[0] for n in ("内蒙古日报", "北京日报", "人民日报")]
    pages = [
        Page(
            publication=rng.choice(papers),
            date=dt.date(2020 + i % 6, 1 + i % 12, 1 + i % 28) if i % 9 else None,
            checksum=f"bench{i}",
            raw_text="x",
        )
        for i in range(SECTIONS // 8)
    ]
    Page.objects.bulk_create(pages)
    articles = Article.objects.bulk_create(
        Article(page=page, order=n, headline=rng.choice(PHRASES)) for page in pages for n in range(2)
    )
    sections = Section.objects.bulk_create(
        Section(article=article, order=o, text="，".join(rng.sample(PHRASES, 4)) * 3)
        for article in articles
        for o in range(4)
    )
    SectionCity.objects.bulk_create(
        SectionCity(section=s, city=c) for s in sections for c in rng.sample(cities, 2)
    )
    SectionTheme.objects.bulk_create(
        SectionTheme(section=s, theme=t) for s in sections for t in rng.sample(themes, 2)
    )
    start = time.perf_counter()
    index_sections(section_ids=[s.pk for s in sections])
    index_seconds = time.perf_counter() - start

    index = get_backend().fresh_index()
    report = [f"{len(sections)} sections indexed in {index_seconds:.1f}s"]
    cases = (("", {}), ("算力", {}), ("", {"city": (cities[1].name,), "theme": (themes[0].name,)}))
    with index.searcher() as searcher:
        for q, filters in cases:
            report.append(_measure(searcher, q=q, filters=filters))
    print("\n" + "\n".join(report))


def _measure(searcher, *, q: str, filters: dict[str, tuple[str, ...]]) -> str:
    schema = searcher.schema
    text_query = build_text_query(q=q, schema=schema)
    selected = build_filter(filters=filters, schema=schema)
    params = SearchParams(q=q, filters=filters, sort="relevance", page=1, per_page=20)

    def no_facets():
        searcher.search(text_query, filter=selected, limit=20)

    def all_facets_one_pass():
        searcher.search(text_query, filter=selected, limit=20, groupedby=_group_by(list(FACETS)))

    def stock_whoosh_facets_one_pass():  # whoosh's FieldFacet rebuilds its value table per search
        stock = {f.param: sorting.FieldFacet(f.field, allow_overlap=True) for f in FACETS}
        searcher.search(text_query, filter=selected, limit=20, groupedby=stock)

    def each_facet_own_pass():  # the cost when every facet has a selection
        for facet in FACETS:
            others = build_filter(filters=filters, schema=schema, skip=facet.param)
            searcher.search(text_query, filter=others, limit=1, scored=False, groupedby=_group_by([facet]))

    def service():
        search_sections(params=params)

    base = _timed(no_facets)
    return (
        f"q={q!r} filters={sorted(filters)}: search without facets {base:.1f} ms; "
        f"4 facets in one pass +{_timed(all_facets_one_pass) - base:.1f} ms "
        f"(uncached whoosh FieldFacet +{_timed(stock_whoosh_facets_one_pass) - base:.1f} ms); "
        f"4 facets in 4 passes {_timed(each_facet_own_pass):.1f} ms; "
        f"search_sections total {_timed(service):.1f} ms"
    )
