"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against Django's live server.

Without Chromium the browser tests are skipped with a plain reason; with REQUIRE_BROWSER=1 (set by CI) a
missing browser fails the run instead.
"""

import os

import pytest

from finsam.syscheck import CHROMIUM, chromium_present

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make there are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not chromium_present():
        message = f"Chromium saknas ({CHROMIUM}); installera med: apt-get install -y chromium"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (REQUIRE_BROWSER=1)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()
