"""Urgent help in Chromium, with JavaScript and without: contacts, the urgent queue, the answer."""

from __future__ import annotations

import re
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.test_moderation_journey import sign_in

BODY = (
    "Мой работодатель забрал паспорт и говорит, что вернёт его только в конце сезона. "
    "Я хочу уйти на этой неделе. Что делать?"
)


def staff(new_page, email: str) -> Page:
    page = new_page()
    sign_in(page, email)
    return page


def no_axe_violations(page: Page) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_an_urgent_question_shows_help_tops_the_queue_and_gets_its_response_time(
    new_page, member_storage_state, javascript
):
    member = new_page(storage_state=member_storage_state, java_script_enabled=javascript)
    member.goto("/en/questions/ask")
    title = f"My employer took my passport, what now? {uuid.uuid4().hex[:6]}"
    member.locator("#title").fill(title)
    member.locator("#body").fill(BODY)
    member.locator("#topic").select_option(label="Work")
    help_now = member.locator("[data-urgent-reason='violence']")
    expect(help_now).to_be_hidden()
    if javascript:
        member.get_by_label("What is urgent?").select_option("violence")
        expect(member.get_by_label("I need help urgently")).to_be_checked()
    else:
        member.get_by_label("I need help urgently").check()
        member.get_by_label("What is urgent?").select_option("violence")
        member.get_by_role("button", name="Show who can help now").click()
        expect(member.locator("#title")).to_have_value(title)  # a round trip keeps everything
    # before posting: the contacts for the reason, at once
    expect(help_now).to_be_visible()
    expect(help_now.locator("a[href='tel:+37061691119']")).to_have_text("+370 616 91119")
    expect(help_now.locator("a[href='tel:112']")).to_be_visible()
    expect(member.locator("[data-urgent-reason='shelter']")).to_be_hidden()
    if javascript:  # axe itself runs as a script in the page
        no_axe_violations(member)
    member.locator("#submit").click()

    # after posting: the thread shows them to the asker
    expect(member.get_by_role("heading", level=1)).to_have_text(title)
    box = member.locator(".urgent-box")
    expect(box).to_contain_text("Violence, abuse or trafficking")
    expect(box.locator("a[href='tel:+37061691119']")).to_be_visible()
    thread_url = member.url
    if javascript:
        for language in ("en", "lt", "ru"):
            member.goto(re.sub(r"/en/", f"/{language}/", thread_url))
            no_axe_violations(member)

    # the question tops the urgent queue for staff
    moderator = staff(new_page, "moderator@mipas.example")
    moderator.goto("/en/moderation/")
    moderator.get_by_role("navigation", name="Moderation queues").get_by_role(
        "link", name=re.compile("^Urgent")
    ).click()
    first = moderator.locator(".urgent-item").first
    expect(first).to_contain_text(title)
    expect(first).to_contain_text("waiting for")

    # an expert answers, and the response time appears
    expert = staff(new_page, "expert@mipas.example")
    expert.goto(thread_url)
    expert.locator("#body").fill(
        "Your passport belongs to you: an employer may not keep it. Call the trafficking "
        "helpline shown above; it answers in Russian day and night."
    )
    expert.locator("#submit").click()
    expect(expert.locator(".mark-expert").first).to_be_visible()
    moderator.reload()
    expect(moderator.locator(".urgent-item", has_text=title)).to_have_count(0)
    answered = moderator.locator("section[aria-labelledby='answered-title'] li", has_text=title)
    expect(answered).to_contain_text("first expert answer after")
    member.goto(thread_url)
    expect(member.locator(".urgent-box")).to_contain_text("An expert answered after")
    moderator.goto("/en/moderation/")
    expect(moderator.locator("table.response-times")).to_contain_text("RU")
