"""Publication with consent in Chromium: its pages pass axe in lt, en and ru and fit a phone.

The demo has one private consultation whose asker (Mehmet) agreed to an anonymous public
version; staff and the asker read it, and the asker withdraws consent at the end, after which
staff may write a new version (the form with screening errors is checked too).
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from forum import demo_content
from tests.browser.test_moderation_journey import sign_in

LANGUAGES = ("lt", "en", "ru")
PHONE_WIDTH = 375
ASKER_EMAIL = "mehmet@mipas.example"
MODERATOR_EMAIL = "moderator@mipas.example"
# the elements that stick out of a phone's screen, to name them when a page does not fit
WIDE = f"""() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > {PHONE_WIDTH})
    .slice(0, 5).map(e => e.tagName + '.' + e.className)"""


def consultation() -> tuple[int, demo_content.DemoQuestion]:
    """The demo consultation with a public version, and its id (the demo loads in file order)."""
    for number, question in enumerate(demo_content.questions(), start=1):
        if question.public_version is not None:
            return number, question
    raise AssertionError("the demo has no public version")


def checked(page: Page, path: str, status: int = 200) -> None:
    """Open `path` in each language: no axe violation, one h1, its language, a phone's width."""
    for language in LANGUAGES:
        response = page.goto(path.format(lang=language))
        assert response is not None and response.status == status, path
        assert page.get_by_role("heading", level=1).count() == 1
        assert page.locator("html").get_attribute("lang") == language
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE_WIDTH, f"{page.url} is {width} px wide: {page.evaluate(WIDE)}"
        violations = Axe().run(page).response["violations"]
        assert violations == [], [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations
        ]


@pytest.fixture
def phone_page(new_page):
    def signed_in(email: str) -> Page:
        page = new_page(viewport={"width": PHONE_WIDTH, "height": 800})
        sign_in(page, email)
        return page

    return signed_in


def test_publication_pages_pass_axe_for_staff_and_the_asker(phone_page):
    question_id, question = consultation()
    staff = phone_page(MODERATOR_EMAIL)
    staff.goto(f"/en/questions/{question_id}")
    expect(staff.get_by_role("heading", level=1)).to_have_text(question.title)
    box = staff.locator(".public-version-notice")
    expect(box).to_contain_text("Published with consent as an anonymous question")
    version_path = box.get_by_role("link", name="Consent and withdrawal").get_attribute("href")
    assert version_path
    version_path = version_path.replace("/en/", "/{lang}/")
    checked(staff, f"/{{lang}}/questions/{question_id}")
    checked(staff, version_path)

    asker = phone_page(ASKER_EMAIL)
    checked(asker, version_path)
    checked(asker, "/{lang}/consent/forged-link", status=400)

    # the asker withdraws; staff may then write a new version, and screening stops it
    asker.goto(version_path.format(lang="en"))
    asker.get_by_role("button", name="Withdraw my consent and unpublish it").click()
    expect(asker.locator(".state-notice").first).to_contain_text("consent was withdrawn")
    staff.goto(f"/en/questions/{question_id}")
    staff.get_by_role("link", name="Prepare a public version").click()
    staff.get_by_label("Public question").fill(
        "Write to me at someone@example.org about the wages my employer owes me."
    )
    staff.get_by_role("button", name="Ask the asker for consent").click()
    expect(staff.locator("#body-error")).to_contain_text("the public version must not identify")
    prepare_path = f"/{{lang}}/moderation/consultations/{question_id}/public-version"
    checked(staff, prepare_path)
    for language in LANGUAGES:
        staff.goto(prepare_path.format(lang=language))
        staff.locator("#body").fill("Write to me at someone@example.org about unpaid wages.")
        staff.locator("#submit").click()
        expect(staff.locator("#body-error")).to_be_visible()
        violations = Axe().run(staff).response["violations"]
        assert violations == [], [v["id"] for v in violations]
