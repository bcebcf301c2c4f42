"""A member downloads their data and deletes their account, by keyboard and without JavaScript."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Page, expect

from tests.browser.test_accounts_journey import (
    GOOD_PASSWORD,
    a_newcomer,
    confirm_address,
    register,
    sign_in,
)


def test_a_member_downloads_their_data_then_deletes_the_account_by_keyboard(
    page_without_js: Page, live_server: str, mail_log
) -> None:
    page = page_without_js
    email, name = a_newcomer()
    page.goto("/en/")
    register(page, live_server, email, name)
    confirm_address(page, live_server, mail_log, email)
    sign_in(page, live_server, email, name)

    page.get_by_role("banner").get_by_role("link", name=name).click()
    page.get_by_role("main").get_by_role("link", name="Download your data").click()
    expect(page).to_have_url(f"{live_server}/en/account/export")
    page.get_by_label("Current password").focus()
    page.keyboard.type(GOOD_PASSWORD)
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert re.fullmatch(r"mipas-data-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    with open(download.path(), encoding="utf-8") as handle:
        assert json.load(handle)["account"]["email"] == email

    page.goto("/en/account/profile")
    page.get_by_role("main").get_by_role("link", name="Delete your account").click()
    expect(page).to_have_url(f"{live_server}/en/account/delete")
    page.get_by_label("Current password").focus()
    page.keyboard.type("not the password")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_be_visible()
    choice = page.get_by_role("radio", name="Remove them from the site for good")
    choice.focus()
    page.keyboard.press("Space")
    page.get_by_label("Current password").focus()
    page.keyboard.type("also not the password")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Current password")).to_have_attribute("aria-invalid", "true")
    expect(choice).to_be_checked()  # the choice survives a wrong password

    page.get_by_label("Current password").focus()
    page.keyboard.type(GOOD_PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server}/en/account/deleted")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is deleted")
    expect(page.get_by_role("banner").get_by_role("link", name=name)).to_have_count(0)
    assert "Your MIPAS account is deleted" in mail_log.mail_to(email)[-1]
    page.goto("/en/account/profile")
    expect(page).to_have_url(re.compile(r"/en/account/sign-in\?next="))
