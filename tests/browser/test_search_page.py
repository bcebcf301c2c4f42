"""The search page in Chromium, with and without JavaScript, in every language, on a phone."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from app.config import LANGUAGES
from tests.browser.test_accessibility import PHONE_WIDTH, describe_violations

# Uses the browser suite's live server (demo content, SQLite, Whoosh) and its one Chromium.


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def scripts(request) -> bool:
    return request.param


@pytest.fixture
def phone(scripts: bool, new_page: Callable[..., Page]) -> Page:
    return new_page(java_script_enabled=scripts)


def check_page(page: Page, language: str, scripts: bool) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.locator("html")).to_have_attribute("lang", language)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} is {width} px wide on a {PHONE_WIDTH} px phone"
    if scripts:  # axe-core cannot run where the page's scripts do not; the HTML is the same
        results = Axe().run(page)
        assert results.violations_count == 0, describe_violations(results.response["violations"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_searching_from_the_header_finds_inflected_lithuanian(
    phone: Page, scripts: bool, language: str
):
    phone.goto(f"/{language}/")
    box = phone.locator("form.header-search input[name='q']")
    box.fill("leidimo gyventi")
    phone.locator("form.header-search [type='submit']").click()
    expect(phone).to_have_url(re.compile(rf"/{language}/search\?q=leidimo\+gyventi$"))
    # a question found through another form of the words (news may rank above it)
    results = phone.locator("ol.search-results > li")
    question = results.filter(has=phone.locator(f"h2 a[href^='/{language}/questions/']")).first
    expect(question).to_be_visible()
    expect(question.locator("mark").first).to_be_visible()
    check_page(phone, language, scripts)


@pytest.mark.parametrize("language", LANGUAGES)
def test_filters_sorting_and_the_empty_state(phone: Page, scripts: bool, language: str):
    phone.goto(f"/{language}/search?q=leidimas")
    phone.locator("details.search-refine summary").click()
    phone.locator("#filter-sort").select_option("date")
    phone.locator("#filter-answered").check()
    phone.locator("form.search-filters [type='submit']").click()
    expect(phone).to_have_url(re.compile(r"answered=1"))
    expect(phone).to_have_url(re.compile(r"sort=date"))
    expect(phone.locator("ol.search-results > li").first).to_be_visible()
    check_page(phone, language, scripts)

    phone.goto(f"/{language}/search?q=kengūra")
    expect(phone.locator(".empty-state a[href$='/questions/ask']")).to_be_visible()
    check_page(phone, language, scripts)


def test_bad_input_reads_as_a_message(phone: Page, scripts: bool):
    phone.goto("/en/search?q=%22*(%3A&page=abc&topic=nope")
    expect(phone.locator("main .notice")).to_have_count(3)
    check_page(phone, "en", scripts)
