"""Browser tests: a live MIPAS server with demo content, captured mail, and Debian's Chromium."""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask_migrate import upgrade
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from werkzeug.serving import make_server

from app import create_app, demo
from app.extensions import db

BROWSER_TESTS = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
# Playwright's own browser download does not work here; these keep Chromium quiet and offline.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE_VIEWPORT = {"width": 375, "height": 800}
# The browser asks for English, so "/" lands on /en/ unless a test says otherwise.
BROWSER_LOCALE = "en-GB"
TIMEOUT_MS = 5_000

DEMO_MEMBER_EMAIL = "member@mipas.example"
DEMO_PASSWORD = demo.DEMO_PASSWORD

URL_IN_TEXT = re.compile(r"https?://\S+")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test, so `-m "not browser"` leaves them out."""
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


class MailLog(logging.Handler):
    """Keep every mail the app writes to the "mipas.mail" log, in the order it was sent."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.setFormatter(logging.Formatter("%(message)s"))
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(self.format(record))

    def mail_to(self, address: str) -> list[str]:
        """The mails sent to `address`, oldest first."""
        first_line = f"Mail to {address}"
        return [message for message in self.messages if message.split("\n", 1)[0] == first_line]

    def last_link(self, address: str, pattern: str) -> str:
        """The last link matching the regex `pattern` in the mail sent to `address`."""
        links = [
            link
            for message in self.mail_to(address)
            for link in URL_IN_TEXT.findall(message)
            if re.search(pattern, link)
        ]
        if not links:
            sent = "\n---\n".join(self.mail_to(address)) or "(no mail at all)"
            raise AssertionError(f"No link matching {pattern!r} in the mail to {address}:\n{sent}")
        return links[-1]


@pytest.fixture(scope="session")
def _mail_handler() -> Iterator[MailLog]:
    handler = MailLog()
    logger = logging.getLogger("mipas.mail")
    level = logger.level
    # The migrations' logging config sets the root logger to WARNING; the mail is logged at INFO.
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory, _mail_handler: MailLog) -> Iterator[str]:
    """Serve MIPAS, migrated and loaded with the demo content, and yield its base URL."""
    instance = tmp_path_factory.mktemp("mipas-browser")
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'mipas.sqlite3'}",
            "SECRET_KEY": "browser-tests-secret-key-not-for-production",
            "SEARCH_INDEX_DIR": str(instance / "search-index"),
            "RATELIMIT_ENABLED": False,
            # Keep mail in the log and jobs in-process, whatever the environment says.
            "MAIL_SERVER": None,
            "REDIS_URL": None,
            "MIPAS_ENV": "development",
        }
    )
    with app.app_context():
        upgrade(revision="heads")
        demo.load()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="mipas-live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def mail_log(_mail_handler: MailLog) -> MailLog:
    """The mail sent by the live server; `mail_log.last_link(address, regex)` finds a link."""
    # Other fixtures in the suite may have reset the level since the session began.
    logging.getLogger("mipas.mail").setLevel(logging.INFO)
    return _mail_handler


@pytest.fixture(scope="session")
def chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    message = f"{CHROMIUM} is missing; install Debian's chromium package to run the browser tests."
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Browser]:
    """One Chromium for the whole session; each test gets its own context."""
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def new_context(browser: Browser, live_server: str) -> Callable[..., BrowserContext]:
    """Make a phone-sized context on the live server; keyword arguments go to `new_context`."""

    def make(**options) -> BrowserContext:
        settings = {
            "base_url": live_server,
            "viewport": PHONE_VIEWPORT,
            "locale": BROWSER_LOCALE,
            **options,
        }
        context = browser.new_context(**settings)
        context.set_default_timeout(TIMEOUT_MS)
        return context

    return make


@pytest.fixture
def new_page(new_context: Callable[..., BrowserContext]) -> Iterator[Callable[..., Page]]:
    """Open a page in a context of its own, closed after the test."""
    contexts: list[BrowserContext] = []

    def open_page(**options) -> Page:
        context = new_context(**options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    return new_page()


@pytest.fixture
def page_without_js(new_page: Callable[..., Page]) -> Page:
    return new_page(java_script_enabled=False)


@pytest.fixture(scope="session")
def member_storage_state(new_context: Callable[..., BrowserContext], live_server: str) -> dict:
    """The cookies of the demo member, signed in once for the whole session."""
    context = new_context()
    page = context.new_page()
    page.goto("/en/account/sign-in")
    page.get_by_label("E-mail address").fill(DEMO_MEMBER_EMAIL)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button").click()
    expect(page).to_have_url(f"{live_server}/en/")
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture
def member_page(new_page: Callable[..., Page], member_storage_state: dict) -> Page:
    """A page where the demo member (member@mipas.example) is signed in."""
    return new_page(storage_state=member_storage_state)
