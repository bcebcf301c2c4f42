"""Moderation in Chromium: held first posts, personal data, flags, expert vetting, the log."""

from __future__ import annotations

import re
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.test_accounts_journey import GOOD_PASSWORD

DEMO_PASSWORD = "demo-password"
QUESTION_BODY = (
    "Я работаю в Вильнюсе по временному виду на жительство, он заканчивается весной. "
    "Какие документы нужны для продления?"
)


def tag() -> str:
    return uuid.uuid4().hex[:6]


def sign_in(page: Page, email: str, password: str = DEMO_PASSWORD, lang: str = "en") -> None:
    page.goto(f"/{lang}/account/sign-in")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.get_by_role("main").get_by_role("button").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/$"))


def new_member(page: Page, mail_log, language: str = "ru") -> str:
    """Register and confirm a fresh member who writes in `language`; return the e-mail."""
    email = f"new-{tag()}@example.org"
    page.goto("/en/account/register")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Display name").fill(f"Newcomer {tag()}")
    page.get_by_label("Password", exact=True).fill(GOOD_PASSWORD)
    page.get_by_label("Repeat the password").fill(GOOD_PASSWORD)
    page.get_by_label("Language for e-mails and the site").select_option(language)
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Create an account").click()
    page.goto(mail_log.last_link(email, r"/account/confirm/"))
    sign_in(page, email, GOOD_PASSWORD, lang=language)
    return email


def ask(page: Page, title: str, body: str = QUESTION_BODY, lang: str = "ru") -> None:
    page.goto(f"/{lang}/questions/ask")
    page.locator("#title").fill(title)
    page.locator("#body").fill(body)
    page.locator("#topic").select_option(
        label="Вид на жительство" if lang == "ru" else "Residence permits"
    )
    page.locator("#submit").click()


def staff_page(new_page, email: str) -> Page:
    page = new_page()
    sign_in(page, email)
    return page


def test_first_question_waits_and_a_moderator_approves_it(new_page, mail_log):
    member = new_page()
    new_member(member, mail_log)
    title = f"Как продлить вид на жительство? {tag()}"
    ask(member, title)
    expect(member.locator(".state-notice")).to_be_visible()  # only the author sees it, waiting
    thread_url = member.url

    visitor = new_page()
    assert visitor.goto(thread_url).status == 404

    moderator = staff_page(new_page, "moderator@mipas.example")
    moderator.goto("/en/moderation/pending")
    item = moderator.locator("article.queue-item", has_text=title)
    item.get_by_role("button", name="Approve").click()
    expect(moderator.get_by_role("status")).to_contain_text("Done.")

    assert visitor.goto(thread_url).status == 200
    member.goto("/ru/notifications")
    expect(member.locator(".notifications li").first).to_contain_text(title)


def test_personal_data_is_warned_held_and_rejected_with_a_reason_in_russian(new_page, mail_log):
    member = new_page()
    email = new_member(member, mail_log, "ru")
    title = f"Помогите с продлением ВНЖ {tag()}"
    ask(member, title, QUESTION_BODY + " Позвоните мне: +370 612 34567.")
    warning = member.get_by_role("alert")
    expect(warning).to_contain_text("+370 612 34567")
    expect(member.locator("#title")).to_have_value(title)  # nothing typed is lost
    member.locator("#post_anyway").check()
    member.locator("#submit").click()
    expect(member.locator(".state-notice")).to_be_visible()

    moderator = staff_page(new_page, "moderator@mipas.example")
    moderator.goto("/en/moderation/pending")
    item = moderator.locator("article.queue-item", has_text=title)
    expect(item).to_contain_text("personal data")
    expect(item.locator("mark").first).to_have_text("+370 612 34567")
    item.get_by_text("Reject…").click()
    item.get_by_label("Reason (the author reads it)").fill(
        "Уберите номер телефона и спросите ещё раз."
    )
    item.get_by_role("button", name="Reject the post").click()

    member.goto("/ru/notifications")
    expect(member.locator(".notifications")).to_contain_text("Уберите номер телефона")
    expect(member.locator("html")).to_have_attribute("lang", "ru")
    assert any("Уберите номер телефона" in mail for mail in mail_log.mail_to(email))


def test_three_flags_hide_an_answer_until_a_moderator_restores_it(new_page, mail_log):
    expert = staff_page(new_page, "expert@mipas.example")
    moderator = staff_page(new_page, "moderator@mipas.example")
    title = f"Where do I apply for a residence permit renewal? {tag()}"
    moderator.goto("/en/questions/ask")
    moderator.locator("#title").fill(title)
    moderator.locator("#body").fill("I need to renew my temporary residence permit this spring.")
    moderator.locator("#topic").select_option(label="Residence permits")
    moderator.locator("#submit").click()
    thread_url = moderator.url
    expert.goto(thread_url)
    expert.locator("#body").fill("Apply in MIGRIS, then book a visit to the Migration Department.")
    expert.locator("#submit").click()
    answer = expert.locator("article.post").first
    answer_id = answer.get_attribute("id")

    for email in ("aisha@mipas.example", "priya@mipas.example", "mehmet@mipas.example"):
        flagger = staff_page(new_page, email)
        flagger.goto(thread_url)
        flagger.locator(f"#{answer_id}").get_by_role("link", name="Flag").click()
        flagger.get_by_label("Incorrect or outdated information").check()
        flagger.get_by_role("button", name="Send the flag").click()
        expect(flagger.get_by_role("status")).to_contain_text("The moderators will look")

    visitor = new_page()
    visitor.goto(thread_url)
    expect(visitor.locator(f"#{answer_id}")).to_have_count(0)

    moderator.goto("/en/moderation/flags")
    item = moderator.locator("article.queue-item", has_text="Apply in MIGRIS, then book a visit")
    expect(item).to_contain_text("Hidden until you decide")
    item.get_by_role("button", name="Restore").click()
    visitor.goto(thread_url)
    expect(visitor.locator(f"#{answer_id}")).to_be_visible()


def test_a_member_becomes_an_expert_and_the_next_answer_has_the_badge(new_page, mail_log):
    member = new_page()
    new_member(member, mail_log, "en")
    member.goto("/en/account/expert-application")
    member.get_by_label("Organisation").fill("Caritas Lithuania")
    member.get_by_label("Asylum").check()
    member.get_by_label("English").check()
    member.get_by_label("Your experience").fill(
        "I have counselled newcomers at Caritas for three years in Vilnius and Kaunas."
    )
    member.get_by_label("A public page that shows your affiliation").fill(
        "https://www.caritas.lt/team"
    )
    member.get_by_role("button", name="Send the application").click()
    expect(member.get_by_role("status")).to_contain_text("An administrator will look")

    admin = staff_page(new_page, "admin@mipas.example")
    admin.goto("/en/moderation/experts")
    admin.locator("article.post", has_text="Caritas Lithuania").get_by_role(
        "button", name="Approve"
    ).click()
    expect(admin.get_by_role("status")).to_contain_text("Done.")

    member.goto("/en/questions/?status=unanswered&language=en")
    member.locator(".question-row a").first.click()
    member.locator("#body").fill(
        "As a Caritas counsellor: start in MIGRIS and keep copies of everything."
    )
    member.locator("#submit").click()
    expect(
        member.locator(".mark-expert", has_text="Verified expert, Caritas Lithuania")
    ).to_be_visible()

    admin.goto("/en/moderation/audit")
    log = admin.locator("table.audit")
    for action in (
        "Approved an expert",
        "Approved a post",
        "Rejected a post",
        "Flags hid a post",
        "Restored a post",
    ):
        expect(log).to_contain_text(action)


STAFF_PAGES = [
    "/{lang}/moderation/",
    "/{lang}/moderation/pending",
    "/{lang}/moderation/flags",
    "/{lang}/moderation/unanswered",
    "/{lang}/moderation/proposals",
    "/{lang}/moderation/experts",
    "/{lang}/moderation/audit",
    "/{lang}/moderation/urgent",
    "/{lang}/moderation/help-contacts",
    "/{lang}/moderation/help-contacts/new",
    "/{lang}/moderation/help-contacts/1",
    "/{lang}/moderation/posts/question/1/redact",
    "/{lang}/moderation/members/4",
    "/{lang}/moderation/questions/1",
    "/{lang}/posts/question/1/flag",
    "/{lang}/questions/1",
]


@pytest.fixture(scope="module")
def admin_page(new_context):
    context = new_context()
    page = context.new_page()
    sign_in(page, "admin@mipas.example")
    yield page
    context.close()


@pytest.mark.parametrize("lang", ["lt", "en", "ru"])
def test_staff_pages_pass_axe_and_fit_a_phone(admin_page, lang):
    axe = Axe()
    problems = {}
    for pattern in STAFF_PAGES:
        path = pattern.format(lang=lang)
        response = admin_page.goto(path)
        assert response.status == 200, path
        violations = axe.run(admin_page).response["violations"]
        if violations:
            problems[path] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
        assert admin_page.evaluate("document.documentElement.scrollWidth") <= 375, path
        assert admin_page.locator("h1").count() == 1, path
    assert problems == {}
