"""Browser harness: Playwright driving Debian's Chromium against pytest-django's live server."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from playwright.sync_api import sync_playwright

from tests.conftest import totp_code
from tests.factories import PASSWORD, home_page

# Playwright's sync API runs an event loop in this thread; the ORM calls in tests are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"
# JIS X 8341-3:2016 corresponds to WCAG 2.0; the policy page promises 2.1 A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class Visit:
    """One browser context on the live server that records every request its pages make."""

    def __init__(self, browser, live_server):
        self.base = live_server.url
        self.context = browser.new_context(locale="ja-JP", base_url=live_server.url)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.requests: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))

    def foreign_requests(self) -> list[str]:
        own = urlsplit(self.base).netloc
        return [url for url in self.requests if not url.startswith("data:") and urlsplit(url).netloc != own]

    def axe_violations(self) -> list[dict]:
        # A click that navigates returns once the response starts arriving: audit the whole page.
        self.page.wait_for_load_state()
        # evaluate() runs outside the page's CSP, so the strict nonce policy need not be loosened.
        self.page.evaluate(AXE.read_text(encoding="utf-8"))
        result = self.page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]


def log_in(v: Visit, user, *, enter_code: bool = True) -> None:
    """Log `user` in through the real pages: the password, then the TOTP code if they enrolled one.

    enter_code=False stops on the code page, for tests of a login left half-way.
    """
    page = v.page
    page.goto("/accounts/login/")
    page.get_by_label("メールアドレス").fill(user.email)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    if is_mfa_enabled(user, types=[Authenticator.Type.TOTP]):
        page.wait_for_url("**/accounts/2fa/authenticate/")
        if not enter_code:
            return
        page.get_by_label("コード").fill(totp_code())
        page.get_by_role("button", name="ログイン", exact=True).click()
    page.wait_for_url(v.base + "/")


@pytest.fixture
def visit(browser, live_server):
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `make test`, which runs npm ci in tests/e2e.")
    # The live server needs committed data, so each browser test flushes the tables afterwards,
    # the migrated home page with them.
    home_page()
    visits = []

    def open_visit():
        visits.append(Visit(browser, live_server))
        return visits[-1]

    yield open_visit
    for item in visits:
        item.context.close()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
