"""save_page (what ingest calls) queues the sections it writes for the index, in its transaction:
each new section once, and on a replacement each old section once for its removal."""

from __future__ import annotations

from collections import Counter

import pytest

from archive.models import Page, Section
from archive.services import propose_page, save_page
from search.models import IndexTask

pytestmark = pytest.mark.django_db

TEXT = (
    "草原城市加快建设数据中心\n\n"
    "本报讯（记者 王一）近日，和林格尔新区又一个数据中心投产，算力规模继续扩大，绿色算力产业集聚。\n\n"
    "牧区推广青贮技术\n\n"
    "本报讯（记者 李二）四子王旗推广青贮玉米种植，亩产提高，农牧民增收，青贮玉米种植面积扩大。\n"
)
CORRECTED = TEXT.replace("亩产提高", "亩产明显提高")


def _save(text: str, *, replace: Page | None = None) -> Page:
    return save_page(
        proposed=propose_page(text=text),
        raw_text=text,
        source_name="queue.txt",
        curated=False,
        replace=replace,
    )


def _queued() -> Counter[int]:
    """How often each section is queued. The test runs in a transaction that never commits, so the
    queue is never drained: it holds exactly what save_page queued."""
    return Counter(IndexTask.objects.values_list("section_id", flat=True))


def _section_ids(page: Page) -> list[int]:
    return list(Section.objects.filter(article__page=page).values_list("pk", flat=True))


@pytest.fixture
def empty_queue():
    IndexTask.objects.all().delete()


def test_a_new_page_queues_each_of_its_sections_exactly_once(empty_queue):
    page = _save(TEXT)
    sections = _section_ids(page)
    assert len(sections) == 2
    assert _queued() == Counter(sections)
    assert IndexTask.objects.count() == len(sections)


def test_a_replaced_page_queues_its_new_sections_once_and_the_old_ones_for_removal(empty_queue):
    page = _save(TEXT)
    old = _section_ids(page)
    IndexTask.objects.all().delete()
    _save(CORRECTED, replace=page)
    new = _section_ids(page)
    assert not set(old) & set(new) and not Section.objects.filter(pk__in=old).exists()
    queued = _queued()
    assert set(queued) == set(old) | set(new)
    assert all(queued[pk] == 1 for pk in new)


def test_a_replaced_page_queues_each_old_section_once(empty_queue):
    page = _save(TEXT)
    old = _section_ids(page)
    IndexTask.objects.all().delete()
    _save(CORRECTED, replace=page)
    queued = _queued()
    assert [queued[pk] for pk in old] == [1] * len(old)
