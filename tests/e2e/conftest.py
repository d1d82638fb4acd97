"""Browser journeys: Playwright for Python driving Debian's Chromium, axe on every page.

Every test gets a ``browser_page`` that records each document it loads; at the end of the
test every one of them must have passed an axe check (``check_accessibility``), so a page
cannot be visited without being checked.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (make test does)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class AccessiblePage:
    """A Playwright page plus the record of which loaded documents passed axe."""

    def __init__(self, page, base_url: str, checker=None):
        self.page = page
        self.base_url = base_url
        # With JavaScript off, axe cannot run in the page itself: the same document, scripts
        # removed, is loaded into a JavaScript-enabled checker page and audited there.
        self.checker = checker
        self.loaded: list[str] = []
        self.checked: set[str] = set()
        page.on("load", lambda p: self.loaded.append(p.url))

    def goto(self, path: str):
        self.page.goto(self.base_url + path)
        self.check_accessibility()
        return self.page

    def check_accessibility(self, label: str = ""):
        from axe_playwright_python.base import AxeResults
        from axe_playwright_python.sync_playwright import Axe

        self.page.wait_for_load_state("load")
        audited = self.page
        if self.checker is not None:
            html = re.sub(r"<script\b.*?</script>", "", self.page.content(), flags=re.DOTALL | re.IGNORECASE)
            html = html.replace("<head>", f'<head><base href="{self.base_url}/">', 1)
            self.checker.set_content(html, wait_until="load")
            audited = self.checker
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        if audited.evaluate("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
            # The same document again (checked at another width): axe is already in it, so it is not
            # sent and compiled a second time.
            results = AxeResults(audited.evaluate("options => axe.run(options)", options))
        else:
            results = Axe().run(audited, options=options)
        url = self.page.url
        if os.environ.get("AREASEND_SCREENSHOTS"):
            ARTIFACTS.mkdir(exist_ok=True)
            self.shots = getattr(self, "shots", 0) + 1
            name = url.replace(self.base_url, "").strip("/").replace("/", "_").replace("?", "_")[:60] or "home"
            self.page.screenshot(path=str(ARTIFACTS / f"{self.shots:02d}-{name}.png"), full_page=True)
        if results.violations_count:
            ARTIFACTS.mkdir(exist_ok=True)
            name = (label or url.replace(self.base_url, "").strip("/").replace("/", "_") or "home")[:80]
            self.page.screenshot(path=str(ARTIFACTS / f"axe-{name}.png"), full_page=True)
        assert results.violations_count == 0, f"axe found problems on {url}:\n{results.generate_report()}"
        self.checked.add(url)

    def assert_every_page_checked(self):
        unchecked = [u for u in self.loaded if u not in self.checked and not u.startswith("about:")]
        assert not unchecked, f"pages loaded without an accessibility check: {unchecked}"


def _page(chromium, live_server, *, javascript: bool):
    context = chromium.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 900})
    # A bound for when something never happens, not a wait: the first page of a run on a busy machine
    # (the live server loading every module and template) can take well over 15 seconds.
    context.set_default_timeout(60_000)
    page = context.new_page()
    checker = None
    if not javascript:
        checker = context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    wrapped = AccessiblePage(page, live_server.url, checker)
    return context, wrapped


@pytest.fixture
def browser_page(chromium, live_server):
    context, wrapped = _page(chromium, live_server, javascript=True)
    yield wrapped
    context.close()
    wrapped.assert_every_page_checked()


@pytest.fixture
def no_js_page(chromium, live_server):
    context, wrapped = _page(chromium, live_server, javascript=False)
    yield wrapped
    wrapped.checker.context.close()
    context.close()
    wrapped.assert_every_page_checked()
