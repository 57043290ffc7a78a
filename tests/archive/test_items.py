"""Pages of many items: each entry of a chronicle, a roundup of briefs or a numbered digest is its
own article with its own places; a list of headlines over 更多>> is furniture; nothing on the page
is lost silently. Synthetic pages (tests/archive/pages/), written for these tests."""

from pathlib import Path

import pytest

from archive.ingest.accounting import FURNITURE, unaccounted
from archive.ingest.split import split_page
from archive.services import propose_page

PAGES = Path(__file__).parent / "pages"


def _page(name: str) -> tuple[str, object]:
    text = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
    return text, split_page(text=text, place_names={"包头", "赤峰", "乌海"})


def _leads(page) -> list[str]:
    return [a.sections[0].text.split(" ")[0].split(".")[0] for a in page.articles]


def test_each_entry_of_a_chronicle_is_an_item_and_the_last_is_not_lost():
    text, page = _page("chronicle")
    assert _leads(page) == ["3日", "12—14日", "△", "□", "20日"]
    assert {a.column for a in page.articles} == {"京蒙协作大事记"}
    assert page.articles[-1].sections[0].text.startswith("20日")
    assert unaccounted(page=page, text=text) == []


def test_each_brief_of_a_roundup_is_an_item():
    text, page = _page("roundup")
    assert _leads(page) == ["包头", "赤峰", "乌海"]
    assert all(len(a.sections) == 1 for a in page.articles)
    assert unaccounted(page=page, text=text) == []


def test_each_entry_of_a_numbered_digest_is_an_item():
    text, page = _page("digest")
    assert _leads(page) == ["1", "2", "3"]
    assert unaccounted(page=page, text=text) == []


def test_numbered_paragraphs_inside_a_story_stay_its_paragraphs():
    text = (
        "某旗出台措施支持京蒙协作产业园\n\n"
        "近日，某旗出台支持京蒙协作产业园发展的若干措施，从用地、用电、人才等方面给予入园企业支持。\n\n"
        "1.入园企业用地按工业用地最低价出让，并可分期缴纳土地出让金。\n\n"
        "2.入园企业引进的北京人才，在子女入学、住房等方面享受当地人才政策。\n"
    )
    (article,) = split_page(text=text).articles
    assert article.headline == "某旗出台措施支持京蒙协作产业园"


@pytest.mark.django_db
def test_an_item_never_inherits_the_places_of_the_others():
    page = propose_page(text=(PAGES / "roundup.txt").read_text(encoding="utf-8"))
    baotou, chifeng = page.articles[0], page.articles[1]
    assert "包头市" in baotou.cities and "赤峰市" not in baotou.cities
    assert "赤峰市" in chifeng.cities and "包头市" not in chifeng.cities


def test_a_list_of_headlines_over_more_is_furniture():
    text, page = _page("headline_list")
    (article,) = page.articles
    assert article.headline == "某旗举办京蒙协作成果展"
    assert "相关新闻" not in article.sections[0].text
    furniture = [d["text"] for d in page.dropped if d["reason"] == FURNITURE]
    assert "某旗特色农产品走进北京社区" in furniture and "更多>>" in furniture
    assert unaccounted(page=page, text=text) == []


@pytest.mark.parametrize("name", ["chronicle", "roundup", "digest", "headline_list", "epaper_banner"])
def test_every_line_of_the_page_is_accounted_for(name):
    text, page = _page(name)
    assert unaccounted(page=page, text=text) == []
    assert all(d.get("reason") for d in page.dropped)
