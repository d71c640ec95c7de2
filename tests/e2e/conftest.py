"""Browser end-to-end fixtures: Playwright driving Debian's Chromium (/usr/bin/chromium, no
browser download) against the app served by pytest-django's live server on PostgreSQL,
with a real Celery worker on Redis. Screenshots of each main screen go to
test-artifacts/e2e/; a failing step leaves its screenshot and page HTML there too."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.i18n.english_viewflow_strings import KNOWN_ENGLISH_VIEWFLOW_STRINGS

# Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
# around it are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
ENGLISH = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(s) for s in KNOWN_ENGLISH_VIEWFLOW_STRINGS) + r")(?![\w-])"
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    for stale in SHOTS.glob("FAILED-*"):  # artifacts of an earlier run's failure
        stale.unlink()
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


class Screen:
    """One browser context per person; remembers the step for failure artifacts."""

    current: Screen | None = None

    def __init__(self, browser, base_url: str):
        self.context = browser.new_context(base_url=base_url, locale="vi-VN",
                                           viewport={"width": 1280, "height": 860})
        self.context.set_default_timeout(20_000)
        self.page = self.context.new_page()
        self.step = "start"
        # what the Content-Security-Policy blocked (Chromium reports it on the console)
        self.csp_violations: list[str] = []
        self.page.on("console", self._console)
        Screen.current = self

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.csp_violations.append(f"{self.page.url}: {message.text}")

    def login(self, username: str, password: str) -> None:
        self.step = f"dang-nhap-{username}"
        self.context.clear_cookies()
        self.page.goto("/accounts/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.locator("form button[type=submit], form input[type=submit]").first.click()
        # the next page is the signed-in one (a goto before that would cancel the login POST)
        self.page.wait_for_url(lambda url: "/accounts/login/" not in url)
        self.page.wait_for_load_state("networkidle")

    def shot(self, name: str) -> Path:
        """Screenshot of a main screen, and a check that no viewflow English is visible and
        that the Content-Security-Policy has blocked nothing so far."""
        self.step = name
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.wait_for_load_state("networkidle")
        path = SHOTS / f"{name}.png"
        # the toast repeats the page's own message box; keep it off the picture
        self.page.screenshot(path=str(path), full_page=True,
                             style="vf-snackbar { display: none !important; }")
        text = self.page.locator("body").inner_text()
        found = sorted(set(ENGLISH.findall(text)))
        assert not found, f"English viewflow strings on screen '{name}': {found}"
        assert not self.csp_violations, f"CSP violations up to '{name}': {self.csp_violations}"
        return path

    def save_failure(self, test_name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        stem = SHOTS / f"FAILED-{test_name}-{self.step}"
        try:
            self.page.screenshot(path=f"{stem}.png", full_page=True)
            Path(f"{stem}.html").write_text(self.page.content())
        except Exception as exc:  # noqa: BLE001 - best effort on failure
            Path(f"{stem}.txt").write_text(f"could not capture: {exc}")

    def close(self) -> None:
        self.context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and Screen.current is not None:
        Screen.current.save_failure(item.name)


@pytest.fixture
def demo_site(celery_worker, live_server):
    """Demo data in the test database, the live server, and a real Celery worker."""
    call_command("load_demo", verbosity=0)
    return live_server


@pytest.fixture
def screens(browser, demo_site):
    opened: list[Screen] = []

    def open_screen() -> Screen:
        screen = Screen(browser, demo_site.url)
        opened.append(screen)
        return screen

    yield open_screen
    for screen in opened:
        screen.close()
    Screen.current = None
