"""What readers do in the browser: search, narrow, page, read, browse, cite; by keyboard and on a phone."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from .conftest import PHONE

# without Playwright the module is skipped (tests/browser/conftest.py says why at the end of the run)
expect = pytest.importorskip("playwright.sync_api").expect


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def _count(page) -> int:
    return int(page.locator(".count-line strong").inner_text())


def test_search_from_the_home_page(open_page, shot):
    page = open_page("/")
    box = page.get_by_label("搜索报道")
    box.fill("乌兰察布")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert _count(page) > 0
    expect(page.locator(".result-card").first.locator("mark").first).to_have_text(re.compile("乌兰察布"))
    expect(page.get_by_label("搜索词")).to_have_value("乌兰察布")
    shot(page, "search-from-home")


def test_select_and_remove_a_facet_keeps_the_query(open_page, shot):
    page = open_page("/search/?q=京蒙")
    before = _count(page)
    option = page.locator("#facet-theme + ul a.facet-option").first
    label = option.inner_text().split()[0]
    expected = int(option.locator(".count").inner_text())
    option.click()
    page.wait_for_url(re.compile("theme="))
    chip = page.locator(".chip", has_text=label)
    expect(chip).to_be_visible()
    assert _count(page) == expected
    assert _query(page.url)["q"] == ["京蒙"]
    shot(page, "facet-selected")
    chip.click()
    expect(page.locator(".chip")).to_have_count(0)
    assert _count(page) == before and "theme" not in _query(page.url)
    expect(page.get_by_label("搜索词")).to_have_value("京蒙")


def test_paginate_keeps_every_parameter(open_page, shot, settings):
    settings.SEARCH_PAGE_SIZE = 5  # the curated archive is small; five a page makes several pages
    page = open_page("/search/?q=京蒙&sort=oldest&publication=内蒙古日报")
    if _count(page) <= 5:
        page = open_page("/search/?q=京蒙&sort=oldest")
    first_page_titles = page.locator(".result-card h3").all_inner_texts()
    start = _query(page.url)
    page.get_by_role("link", name="下一页").click()
    page.wait_for_url(re.compile("page=2"))
    after = _query(page.url)
    assert after.pop("page") == ["2"] and after == start
    expect(page.locator('.pagination [aria-current="page"]')).to_have_text("2")
    assert page.locator(".result-card h3").all_inner_texts() != first_page_titles
    expect(page.locator(".count-line")).to_contain_text("显示第 6–")
    shot(page, "paginated")


def test_open_a_result_and_land_on_the_highlighted_section(open_page, shot):
    page = open_page("/search/?q=乌海")
    link = page.locator(".result-card h3 a").first
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(re.compile(f"#{anchor}$"))
    target = page.locator(f"#{anchor}")
    expect(target).to_have_class(re.compile("has-match"))
    expect(target.locator("mark").first).to_have_text("乌海")
    assert page.evaluate("document.querySelector(':target').id") == anchor
    expect(target).to_be_in_viewport()
    expect(page.get_by_role("link", name="← 返回搜索结果")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^下一条"))).to_be_visible()
    shot(page, "result-opened", full_page=False)  # what the reader sees on arrival


def test_browse_a_city_from_the_map(open_page, shot):
    page = open_page("/")
    tile = page.locator('svg.tile-map a[aria-label^="乌兰察布市"]')
    shown = int(re.search(r"(\d+) 个段落", tile.get_attribute("aria-label")).group(1))
    tile.click()
    page.wait_for_url(re.compile("/cities/"))
    assert unquote(urlsplit(page.url).path) == "/cities/乌兰察布市/"
    expect(page.get_by_role("heading", level=1)).to_have_text("乌兰察布市")
    assert _count(page) == shown > 0
    expect(page.locator("svg.bar-chart")).to_be_visible()
    shot(page, "city-from-map")


def test_copy_a_citation(open_page, shot, server_url):
    page = open_page("/search/?q=乌海", permissions=["clipboard-read", "clipboard-write"])
    page.locator(".result-card h3 a").first.click()
    button = page.get_by_role("button", name="复制引用")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator("#copy-status")).to_have_text("已复制到剪贴板")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#citation-text").inner_text().strip()
    assert "[N/OL]" in copied or "[N]" in copied
    page.locator("#citation-text").scroll_into_view_if_needed()
    shot(page, "citation-copied", full_page=False)

    # Without JavaScript there is no dead button, and the citation is plain selectable text.
    plain = open_page(urlsplit(page.url).path, java_script_enabled=False)
    expect(plain.get_by_role("button", name="复制引用")).to_have_count(0)
    expect(plain.locator("#citation-text")).to_have_text(copied)


def test_keyboard_only_on_the_search_page(open_page, shot):
    page = open_page("/search/?q=京蒙")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到正文")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    # from the main landmark the next Tab reaches the search field
    page.keyboard.press("Tab")
    box = page.get_by_label("搜索词")
    expect(box).to_be_focused()
    box.press("Control+A")
    page.keyboard.type("京蒙 乌海")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Tab on to the first facet value and choose it with Enter
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('facet-option')"):
            break
    focused = page.evaluate("document.activeElement.className")
    assert "facet-option" in focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # a visible focus ring
    shot(page, "keyboard-focus")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".chip")).to_have_count(1)
    assert _query(page.url)["q"] == ["京蒙 乌海"]


def test_phone_width(open_page, shot):
    page = open_page("/", viewport=PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    expect(page.locator("svg.tile-map")).to_be_hidden()  # too small to read at 375 px: a list instead
    shot(page, "phone-home")
    page.locator(".map-list").get_by_role("link", name=re.compile("乌兰察布市")).click()
    page.wait_for_url(re.compile("/cities/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_label(re.compile("中搜索")).fill("京蒙")
    page.get_by_label(re.compile("中搜索")).press("Enter")
    page.wait_for_url(re.compile("q="))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert _count(page) > 0
    shot(page, "phone-city-search")
    page.locator(".result-card h3 a").first.click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "phone-article")
