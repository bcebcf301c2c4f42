"""The staff reports at 1280 px, in every language and without JavaScript: axe finds nothing,
the chart arrives as a picture with a text alternative, and the table holds the figures."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, expect

from app.config import LANGUAGES
from tests.browser.test_accessibility import (
    DEMO_MODERATOR_EMAIL,
    describe_violations,
    sign_in_page,
)

WIDE = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def moderator_storage_state(new_context: Callable[..., BrowserContext]) -> dict:
    page = sign_in_page(new_context, DEMO_MODERATOR_EMAIL)
    state = page.context.storage_state()
    page.context.close()
    return state


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_report_at_1280_px_without_javascript(
    new_context: Callable[..., BrowserContext], moderator_storage_state: dict, language: str
) -> None:
    context = new_context(
        storage_state=moderator_storage_state, viewport=WIDE, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"/{language}/moderation/reports/")
    page.get_by_role("main").locator("a[href*='/moderation/reports/questions?']").first.click()
    expect(page).to_have_url(re.compile(r"/moderation/reports/questions\?since="))
    chart = page.locator("figure.report-chart img")
    expect(chart).to_have_attribute("alt", re.compile(r".+"))
    expect(page.locator("table.report tbody tr").first).to_be_visible()
    picture = context.request.get(chart.get_attribute("src") or "")
    assert picture.ok and picture.headers["content-type"].startswith("image/svg+xml")
    assert b"<script" not in picture.body()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_nothing_on_a_report_at_1280_px(
    new_context: Callable[..., BrowserContext], moderator_storage_state: dict, language: str
) -> None:
    context = new_context(storage_state=moderator_storage_state, viewport=WIDE)
    page = context.new_page()
    page.goto(f"/{language}/moderation/reports/response-times")
    expect(page.locator("figure.report-chart img")).to_be_visible()
    assert page.locator("figure.report-chart img").evaluate(
        "image => image.complete && image.naturalWidth > 0"
    )
    results = Axe().run(page)
    assert results.violations_count == 0, describe_violations(results.response["violations"])
    context.close()
