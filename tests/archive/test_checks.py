import datetime as dt

import pytest

from archive.checks import disagreements
from archive.ingest.types import ProposedArticle, ProposedPage
from archive.models import Page
from archive.selectors import similar_pages


def _page(*datelines: str, publication: str = "") -> ProposedPage:
    return ProposedPage(
        articles=[ProposedArticle(headline=f"标题{i}", dateline=d) for i, d in enumerate(datelines)],
        publication=publication,
    )


def test_a_dateline_months_from_the_typed_date_is_pointed_out():
    notes = disagreements(text="", proposed=_page("本报11月9日讯"), publication="", date=dt.date(2025, 8, 8))
    assert len(notes) == 1 and "本报11月9日讯" in notes[0] and "2025-08-08" in notes[0]


def test_a_dateline_the_day_before_the_paper_agrees():
    assert (
        disagreements(text="", proposed=_page("本报8月7日讯"), publication="", date=dt.date(2025, 8, 8)) == []
    )


def test_a_printed_page_header_date_that_differs_is_pointed_out():
    text = "内蒙古日报\n2025年8月7日 星期四\n正文"
    notes = disagreements(text=text, proposed=_page(), publication="", date=dt.date(2025, 9, 1))
    assert notes == ["版面页眉印有出版日期 2025-08-07，与填写的 2025-09-01 不符"]


def test_a_typed_paper_that_differs_from_the_printed_one_is_pointed_out():
    notes = disagreements(
        text="", proposed=_page(publication="北京日报"), publication="内蒙古日报", date=None
    )
    assert notes == ["版面印有报纸名“北京日报”，与填写的“内蒙古日报”不符"]


def test_nothing_typed_nothing_to_point_out():
    assert (
        disagreements(text="2025年8月7日 星期四", proposed=_page("本报1月2日讯"), publication="", date=None)
        == []
    )


@pytest.mark.django_db
def test_a_page_already_in_the_archive_is_found_by_its_nearly_same_text():
    page = Page.objects.order_by("pk").first()
    retyped = page.raw_text.replace("，", ",")[: len(page.raw_text) - 20]
    found = similar_pages(text=retyped)
    assert found and found[0][0] == page and found[0][1] >= 0.6


@pytest.mark.django_db
def test_a_different_page_is_not_similar():
    assert similar_pages(text="完全不同的一段文字，与档案中的任何版面都无关。" * 5) == []
