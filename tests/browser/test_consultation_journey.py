"""The whole private journey in Chromium, with JavaScript and without.

A member who cannot ask in public asks privately and urgently and sees who can help at once;
the consultation tops the urgent queue; an expert of its topic answers; staff write a public
version without anything that identifies the asker; the asker consents through the mailed
link; a visitor finds the public version by search, and the private thread is still 404.
"""

from __future__ import annotations

import re
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import DEMO_MEMBER_EMAIL
from tests.browser.test_moderation_journey import sign_in

LANGUAGES = ("lt", "en", "ru")
BODY = (
    "Мой работодатель в Каунасе забрал мой паспорт и говорит, что вернёт его только в конце "
    "сезона. Я хочу уйти на этой неделе. Что делать?"
)
ANSWER = (
    "Your passport belongs to you: an employer may not keep it. Call the trafficking "
    "helpline shown above; it answers in Russian day and night."
)
PUBLIC_BODY = (
    "A seasonal worker's employer keeps their passport and says it will be returned only "
    "at the end of the season. The worker wants to leave. What can they do?"
)
PUBLIC_ANSWER = (
    "A passport belongs to its holder, and an employer may not keep it. Call the trafficking "
    "helpline at once: it answers in Russian day and night."
)


def no_axe_violations(page: Page) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def in_every_language(page: Page, url: str) -> None:
    """Open `url` in lt, en and ru and check each with axe (which itself needs JavaScript)."""
    for language in LANGUAGES:
        page.goto(re.sub(r"/en/", f"/{language}/", url, count=1))
        no_axe_violations(page)


def staff(new_page, email: str, javascript: bool) -> Page:
    page = new_page(java_script_enabled=javascript)
    sign_in(page, email)
    return page


def ask_privately_and_urgently(member: Page, title: str, javascript: bool) -> None:
    """Fill the ask form as a frightened member would: urgent, for violence, hence private."""
    member.goto("/en/questions/ask")
    expect(member.get_by_role("group", name="Who can read this?")).to_be_visible()
    expect(member.get_by_label(re.compile("^Everybody"))).to_be_checked()
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
        expect(member.locator("#title")).to_have_value(title)  # the round trip keeps the text
        expect(member.locator("#body")).to_have_value(BODY)
    # before posting: the contacts for the reason at once, and private is chosen for them
    expect(help_now).to_be_visible()
    expect(help_now.locator("a[href='tel:+37061691119']")).to_have_text("+370 616 91119")
    expect(help_now.locator("a[href='tel:112']")).to_be_visible()
    expect(member.locator("[data-urgent-reason='shelter']")).to_be_hidden()
    expect(member.get_by_label(re.compile("private consultation$"))).to_be_checked()
    if javascript:
        no_axe_violations(member)
    member.locator("#submit").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_private_urgent_consultation_is_answered_and_published_only_with_consent(
    new_page, member_storage_state, mail_log, javascript
):
    token = uuid.uuid4().hex[:8]
    title = f"My employer in Kaunas took my passport, what now? {token}"
    public_token = uuid.uuid4().hex[:8]
    public_title = f"Can an employer keep a seasonal worker's passport? {public_token}"

    # 1. The member asks privately and urgently; the contacts show, then and on the thread.
    member = new_page(storage_state=member_storage_state, java_script_enabled=javascript)
    ask_privately_and_urgently(member, title, javascript)
    expect(member.get_by_role("heading", level=1)).to_have_text(title)
    expect(member.locator(".private-box")).to_contain_text("Private consultation")
    box = member.locator(".urgent-box")
    expect(box).to_contain_text("Violence, abuse or trafficking")
    expect(box.locator("a[href='tel:+37061691119']")).to_be_visible()
    thread_url = member.url
    member.goto("/en/account/consultations")
    expect(member.get_by_role("link", name=title)).to_be_visible()
    if javascript:
        in_every_language(member, thread_url)
        in_every_language(member, "/en/account/consultations")

    # 2. It tops the urgent queue; an expert of its topic finds it and answers.
    moderator = staff(new_page, "moderator@mipas.example", javascript)
    moderator.goto("/en/moderation/")
    moderator.get_by_role("navigation", name="Moderation queues").get_by_role(
        "link", name=re.compile("^Urgent")
    ).click()
    first = moderator.locator(".urgent-item").first
    expect(first).to_contain_text(title)
    expect(first).to_contain_text("waiting for")
    urgent_queue = moderator.url
    if javascript:
        in_every_language(moderator, urgent_queue)

    expert = staff(new_page, "expert@mipas.example", javascript)
    expert.goto("/en/moderation/private")
    expert.get_by_role("link", name=title).click()
    expect(expert.get_by_role("heading", level=1)).to_have_text(title)
    expert.locator("#body").fill(ANSWER)
    expert.locator("#submit").click()
    expect(expert.locator(".mark-expert").first).to_be_visible()
    if javascript:
        in_every_language(expert, "/en/moderation/private")
    moderator.goto(urgent_queue)
    expect(moderator.locator(".urgent-item", has_text=title)).to_have_count(0)
    answered = moderator.locator("section[aria-labelledby='answered-title'] li", has_text=title)
    expect(answered).to_contain_text("first expert answer after")
    member.goto(thread_url)
    expect(member.locator(".urgent-box")).to_contain_text("An expert answered after")

    # 3. Staff prepare the public version; the asker reads exactly it and consents.
    moderator.goto(thread_url)
    moderator.get_by_role("link", name="Prepare a public version").click()
    moderator.get_by_label("Public title").fill(public_title)
    moderator.get_by_label("Public question").fill(PUBLIC_BODY)
    moderator.get_by_label("Public answer").fill(PUBLIC_ANSWER)
    moderator.get_by_role("button", name="Ask the asker for consent").click()
    expect(moderator.locator(".flash").first).to_contain_text(
        "Nothing is published unless they agree"
    )

    member.goto(thread_url)
    expect(member.locator(".public-version-notice")).to_contain_text("waits for the asker")
    consent_link = mail_log.last_link(DEMO_MEMBER_EMAIL, r"/consent/")
    assert "/ru/" in consent_link  # the demo member reads Russian: mail in her language
    member.goto(consent_link.replace("/ru/", "/en/", 1))
    expect(member.get_by_role("main")).to_contain_text(public_title)
    expect(member.get_by_role("main")).to_contain_text(PUBLIC_BODY)
    expect(member.get_by_role("main")).to_contain_text(PUBLIC_ANSWER)
    if javascript:
        no_axe_violations(member)
    member.get_by_role("button", name="Yes, publish this text").click()
    expect(member.get_by_role("main")).to_contain_text("The public version is published")
    member.goto(thread_url)
    public_link = member.locator(".public-version-notice").get_by_role("link", name=public_title)
    expect(public_link).to_be_visible()

    # 4. A visitor finds the public version by search; the private thread is still 404.
    visitor = new_page(java_script_enabled=javascript)
    visitor.goto(f"/en/search?q={public_token}")
    visitor.get_by_role("link", name=public_title).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(public_title)
    main = visitor.get_by_role("main")
    expect(main).to_contain_text(PUBLIC_ANSWER)
    expect(main).not_to_contain_text("Kaunas")
    private_id = re.search(r"/questions/(\d+)", thread_url).group(1)
    expect(main.locator(f"a[href*='/questions/{private_id}/']")).to_have_count(0)
    if javascript:
        in_every_language(visitor, visitor.url)
    response = visitor.goto(thread_url)
    assert response is not None and response.status == 404
    visitor.goto(f"/en/search?q={token}")
    expect(visitor.get_by_role("link", name=title)).to_have_count(0)
    visitor.goto("/en/questions/")
    expect(visitor.get_by_role("link", name=title)).to_have_count(0)
    expect(visitor.get_by_role("link", name=public_title)).to_be_visible()
