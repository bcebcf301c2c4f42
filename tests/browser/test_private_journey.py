"""A private consultation in Chromium, with JavaScript and without: asked, answered, unseen."""

from __future__ import annotations

import re
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.test_moderation_journey import sign_in

BODY = (
    "Я получила решение о выдворении на прошлой неделе. Могу ли я обжаловать его и "
    "сколько у меня времени?"
)


def no_axe_violations(page: Page) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_private_consultation_is_answered_and_a_visitor_gets_404(
    new_page, member_storage_state, javascript
):
    member = new_page(storage_state=member_storage_state, java_script_enabled=javascript)
    member.goto("/en/questions/ask")
    expect(member.get_by_role("group", name="Who can read this?")).to_be_visible()
    expect(member.get_by_label(re.compile("^Everybody"))).to_be_checked()
    if javascript:
        no_axe_violations(member)
    title = f"Can I appeal a removal order, and by when? {uuid.uuid4().hex[:6]}"
    member.locator("#title").fill(title)
    member.locator("#body").fill(BODY)
    member.locator("#topic").select_option(label="Asylum")
    member.get_by_label(re.compile("private consultation$")).check()
    member.locator("#submit").click()

    expect(member.get_by_role("heading", level=1)).to_have_text(title)
    expect(member.locator(".private-box")).to_contain_text("Private consultation")
    thread_url = member.url
    if javascript:
        for language in ("en", "lt", "ru"):
            member.goto(re.sub(r"/en/", f"/{language}/", thread_url))
            no_axe_violations(member)
            member.goto(f"/{language}/account/consultations")
            expect(member.get_by_role("link", name=title)).to_be_visible()
            no_axe_violations(member)

    # the expert of the topic finds it in the staff queue and answers
    expert = new_page(java_script_enabled=javascript)
    sign_in(expert, "expert@mipas.example")
    expert.goto("/en/moderation/private")
    expert.get_by_role("link", name=title).click()
    expert.locator("#body").fill(
        "Yes: the decision says where and by when to appeal. Ask a lawyer today; "
        "free legal aid is available for this."
    )
    expert.locator("#submit").click()
    expect(expert.locator(".mark-expert").first).to_be_visible()
    if javascript:
        for language in ("en", "lt", "ru"):
            expert.goto(f"/{language}/moderation/private")
            no_axe_violations(expert)

    # nobody else: a visitor gets the page of a missing id, and search does not know it
    visitor = new_page(java_script_enabled=javascript)
    response = visitor.goto(thread_url)
    assert response is not None and response.status == 404
    visitor.goto("/en/search?q=" + title.split()[-1])
    expect(visitor.get_by_role("link", name=title)).to_have_count(0)
    visitor.goto("/en/questions/")
    expect(visitor.get_by_role("link", name=title)).to_have_count(0)
