"""Browser tests: Debian's Chromium driven by Playwright against a real threaded WSGI server on
loopback serving the session's curated archive. Skipped, with the reason printed at the end of the
run, when Chromium or Playwright is missing; everything else still runs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return (
            f"未找到 Chromium（{CHROMIUM}）——浏览器测试已跳过；安装：apt-get install chromium fonts-noto-cjk"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "未安装 playwright——浏览器测试已跳过；安装：pip install -r requirements-dev.txt"
    return None


MISSING = _missing()


def pytest_terminal_summary(terminalreporter) -> None:
    if MISSING:
        terminalreporter.write_sep("=", "浏览器测试 (tests/browser)", yellow=True)
        terminalreporter.write_line(MISSING, yellow=True, bold=True)


@pytest.fixture(scope="session")
def server_url(django_db_setup, django_db_blocker) -> Iterator[str]:
    """A live server thread; an in-memory SQLite connection is shared with it, so it sees the
    session's archive and each test's (rolled back) transaction."""
    if MISSING:
        pytest.skip(MISSING)
    from django.db import connections
    from pytest_django.live_server_helper import LiveServer

    # The server's request threads must not keep database sessions open between requests, or
    # PostgreSQL refuses to drop the test database at the end of the run.
    settings_dict = connections.settings["default"]
    kept_age = settings_dict.get("CONN_MAX_AGE", 0)
    settings_dict["CONN_MAX_AGE"] = 0
    with django_db_blocker.unblock():
        server = LiveServer("127.0.0.1")
    server._live_server_modified_settings.enable()
    yield server.url
    server._live_server_modified_settings.disable()
    server.stop()
    settings_dict["CONN_MAX_AGE"] = kept_age


@pytest.fixture(scope="session")
def browser(server_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, server_url, django_db_blocker):
    """open_page(path, viewport=..., **context options) → a Playwright page at that path.

    The tests only read: the server thread may use the database (the session's committed archive),
    the test itself makes no queries (the connections Playwright's code would open could not be
    closed by the test database teardown)."""
    contexts = []
    django_db_blocker.unblock()

    def open_(path: str, *, viewport: dict | None = None, **options):
        context = browser.new_context(viewport=viewport or DESKTOP, locale="zh-CN", **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(server_url + path)
        return page

    yield open_
    for context in contexts:
        context.close()
    django_db_blocker.restore()


@pytest.fixture
def shot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, *, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
