"""A newcomer's first visit: register, confirm the address, sign in, change language, sign out."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

GOOD_PASSWORD = "plum trees along the river"
LANGUAGE_LINKS = {
    "lt": re.compile(r"^LT\s+Lietuvių$"),
    "en": re.compile(r"^EN\s+English$"),
    "ru": re.compile(r"^RU\s+Русский$"),
}


def a_newcomer() -> tuple[str, str]:
    """An e-mail address and a display name that no other test uses."""
    tag = uuid.uuid4().hex[:8]
    return f"newcomer-{tag}@example.org", f"Newcomer {tag}"


def path_of(page: Page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url)


def fill_register_form(page: Page, email: str, name: str, password: str, repeat: str) -> None:
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Display name").fill(name)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Repeat the password").fill(repeat)


def register(page: Page, live_server: str, email: str, name: str) -> None:
    """From the landing page, go to Register through the header and create an account."""
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Register").click()
    expect(page).to_have_url(f"{live_server}/en/account/register")
    fill_register_form(page, email, name, GOOD_PASSWORD, GOOD_PASSWORD)
    page.get_by_label("Language for e-mails and the site").select_option("en")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Create an account").click()

    expect(page).to_have_url(f"{live_server}/en/account/registered")
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("alert")).to_have_count(0)


def confirm_address(page: Page, live_server: str, mail_log, email: str) -> None:
    """Open the link from the confirmation mail; it leads to the sign-in page with a message."""
    link = mail_log.last_link(email, r"/en/account/confirm/[\w.-]+$")
    assert link.startswith(f"{live_server}/"), link
    page.goto(link)
    expect(page).to_have_url(f"{live_server}/en/account/sign-in")
    expect(page.get_by_role("status")).to_contain_text(email)


def sign_in(page: Page, live_server: str, email: str, name: str) -> None:
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password", exact=True).fill(GOOD_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(f"{live_server}/en/")
    expect(page.get_by_role("status")).to_have_count(1)
    account = page.get_by_role("navigation", name="Account")
    expect(account.get_by_role("link", name=name)).to_be_visible()
    # A confirmed account is not asked to confirm its address again.
    expect(page.get_by_role("main").get_by_role("link", name="Send the link again")).to_have_count(
        0
    )


def switch_language(page: Page, live_server: str, language: str, path: str) -> None:
    """Use the header's language switcher; the same page comes back in `language`."""
    page.get_by_role("banner").get_by_role("link", name=LANGUAGE_LINKS[language]).click()
    expect(page).to_have_url(f"{live_server}/{language}{path}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    current = page.get_by_role("banner").get_by_role("link", name=LANGUAGE_LINKS[language])
    expect(current).to_have_attribute("aria-current", "true")


def sign_out(page: Page, live_server: str, language: str, name: str) -> None:
    # Signed in, the header's only form that posts is "Sign out", in whatever language.
    button = page.get_by_role("banner").locator("form[method='post']").get_by_role("button")
    button.click()
    expect(page).to_have_url(f"{live_server}/{language}/")
    expect(page.get_by_role("banner").get_by_role("link", name=name)).to_have_count(0)
    expect(button).to_have_count(0)
    page.goto(f"/{language}/account/profile")
    expect(page).to_have_url(re.compile(rf"/{language}/account/sign-in\?next="))


@pytest.mark.parametrize("page_fixture", ["page", "page_without_js"], ids=["js", "no-js"])
def test_newcomer_registers_confirms_signs_in_switches_language_and_signs_out(
    request: pytest.FixtureRequest, page_fixture: str, live_server: str, mail_log
) -> None:
    page: Page = request.getfixturevalue(page_fixture)
    email, name = a_newcomer()

    page.goto("/")
    expect(page).to_have_url(f"{live_server}/en/")  # the browser asks for English
    expect(page.locator("html")).to_have_attribute("lang", "en")

    register(page, live_server, email, name)
    confirm_address(page, live_server, mail_log, email)
    sign_in(page, live_server, email, name)

    page.get_by_role("banner").get_by_role("link", name=name).click()
    expect(page).to_have_url(f"{live_server}/en/account/profile")
    for language in ("ru", "lt"):
        switch_language(page, live_server, language, "/account/profile")
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        expect(page.get_by_role("main")).to_contain_text(email)
        expect(page.get_by_role("textbox").first).to_have_value(name)

    sign_out(page, live_server, "lt", name)


def test_register_with_bad_input_shows_errors_and_keeps_what_was_typed(
    page: Page, live_server: str, mail_log
) -> None:
    email, name = a_newcomer()
    page.goto("/en/account/register")
    fill_register_form(page, email, name, GOOD_PASSWORD, GOOD_PASSWORD + " and the sea")
    page.get_by_role("button", name="Create an account").click()

    expect(page).to_have_url(f"{live_server}/en/account/register")
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_count(1)
    problems = summary.get_by_role("link")
    expect(problems).to_have_count(2)  # the repeated password and the privacy box

    invalid_ids = []
    for problem in problems.all():
        target = problem.get_attribute("href") or ""
        assert target.startswith("#"), target
        field = page.locator(target)
        expect(field).to_have_attribute("aria-invalid", "true")
        # The message next to the field is its accessible description, and the summary repeats it.
        message_id = field.get_attribute("aria-describedby") or ""
        message = page.locator(f"[id='{message_id.split()[-1]}']")
        expect(message).to_be_visible()
        expect(field).to_have_accessible_description(re.compile(r"\S"))
        expect(problem).to_contain_text(message.inner_text().strip())
        invalid_ids.append(target[1:])

    repeat = page.get_by_label("Repeat the password")
    privacy = page.get_by_role("checkbox")
    assert sorted(invalid_ids) == sorted(
        [repeat.get_attribute("id"), privacy.get_attribute("id")]
    ), invalid_ids
    expect(privacy).not_to_be_checked()

    email_box = page.get_by_label("E-mail address")
    name_box = page.get_by_label("Display name")
    expect(email_box).to_have_value(email)
    expect(name_box).to_have_value(name)
    expect(email_box).not_to_have_attribute("aria-invalid", "true")
    expect(name_box).not_to_have_attribute("aria-invalid", "true")
    # Passwords are never sent back to the browser.
    expect(page.get_by_label("Password", exact=True)).to_have_value("")
    expect(repeat).to_have_value("")
    assert mail_log.mail_to(email) == []
