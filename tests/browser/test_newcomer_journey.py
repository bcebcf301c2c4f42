"""What a newcomer stumbled on (issue 16), in Chromium with JavaScript on and off.

Every member here is registered for the test: the demo accounts are shared by the whole
session, so they are only read, never changed.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_moderation_journey import ask, new_member, sign_in, staff_page, tag

JS = pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
EXPERT_TOPICS = {"Asylum", "Residence permits", "Family reunification", "Work", "Return"}


def published_question(new_page, mail_log, title: str) -> str:
    """A fresh member's question, approved by the demo moderator; return its address."""
    member = new_page()
    new_member(member, mail_log, "en")
    ask(member, title, lang="en", body="My residence permit ends soon. What should I do first?")
    thread_url = member.url
    moderator = staff_page(new_page, "moderator@mipas.example")
    moderator.goto("/en/moderation/pending")
    item = moderator.locator("article.queue-item", has_text=title)
    item.get_by_role("button", name="Approve").click()
    expect(moderator.get_by_role("status")).to_contain_text("Done.")
    return thread_url


def flag_as_spam(page: Page, thread_url: str) -> None:
    question_id = re.search(r"/questions/(\d+)/", thread_url).group(1)
    page.goto(f"/en/posts/question/{question_id}/flag")
    page.get_by_label("Spam or advertising").check()
    page.get_by_role("button", name="Send the flag").click()


@JS
def test_the_flag_that_hides_a_thread_lands_on_its_topic_with_thanks(new_page, mail_log, js):
    title = f"How do I renew my residence permit in time {tag()}"
    thread_url = published_question(new_page, mail_log, title)
    for _ in range(2):
        flagger = new_page()
        new_member(flagger, mail_log, "en")
        flag_as_spam(flagger, thread_url)
        expect(flagger.get_by_role("status")).to_contain_text("Thank you.")
    last = new_page(java_script_enabled=js)
    new_member(last, mail_log, "en")
    flag_as_spam(last, thread_url)
    expect(last).to_have_url(re.compile(r"/en/topics/residence-permits$"))
    expect(last.get_by_role("status")).to_contain_text(
        "Thank you. The moderators will look at this post."
    )
    expect(last.locator("h1")).to_have_text("Residence permits")


@JS
@pytest.mark.parametrize(
    ("lang", "placeholder"),
    [
        ("lt", "Klausimai, straipsniai, naujienos…"),
        ("en", "Questions, articles, news…"),
        ("ru", "Вопросы, статьи, новости…"),
    ],
)
def test_the_header_search_box_says_what_it_searches(new_page, js, lang, placeholder):
    page = new_page(java_script_enabled=js)
    page.goto(f"/{lang}/about")
    box = page.get_by_role("search").get_by_role("searchbox")
    expect(box).to_have_attribute("placeholder", placeholder)
    box.fill("leidimas")
    box.press("Enter")
    expect(page).to_have_url(re.compile(rf"/{lang}/search\?q=leidimas"))


def question_languages(page: Page) -> set[str]:
    return set(page.locator(".question-row h2 a").evaluate_all("els => els.map(e => e.lang)"))


@JS
def test_lists_show_the_page_language_and_the_members_languages(new_page, mail_log, js):
    visitor = new_page(java_script_enabled=js)
    visitor.goto("/ru/questions/")
    assert question_languages(visitor) == {"ru"}
    expect(visitor.locator(".list-languages")).to_contain_text("Вопросы на языках: русский.")
    visitor.get_by_role("link", name="Показать вопросы на всех языках").click()
    expect(visitor).to_have_url(re.compile(r"language=all"))
    assert {"lt", "en", "ru"} <= question_languages(visitor)

    member = new_page(java_script_enabled=js)
    new_member(member, mail_log, "ru")
    member.goto("/ru/account/profile")
    member.get_by_role("group", name=re.compile("На каких ещё языках")).get_by_label(
        "English"
    ).check()
    member.get_by_role("button", name=re.compile("Сохранить")).click()
    member.goto("/ru/questions/")
    assert question_languages(member) == {"ru", "en"}
    member.goto("/ru/topics/residence-permits")
    assert question_languages(member) <= {"ru", "en"}


def test_the_sitemap_still_lists_threads_in_every_language(page):
    index = page.request.get("/sitemap.xml").text()
    files = re.findall(r"<loc>([^<]+)</loc>", index)
    text = "".join(page.request.get(address).text() for address in files)
    for title_slug in ("kada-pateikti-prasyma", "how-early-should-i-apply", "kakie-dokumenty"):
        assert title_slug in text


@JS
def test_similar_questions_mark_articles_and_put_them_before_their_thread(member_page_js, js):
    page = member_page_js(js)
    page.goto("/en/questions/ask")
    title = "Renew my TRP residence permit"
    if js:
        page.locator("#title").press_sequentially(title)
    else:
        page.locator("#title").fill(title)
        page.locator("#body").fill("My permit ends in the spring and I work full time here.")
        page.get_by_role("button", name="Preview").click()
    similar = page.locator("#similar")
    expect(similar).to_be_visible()
    rows = similar.locator("li")
    expect(rows.filter(has_text="Replacing (renewing)")).to_contain_text("Knowledge-base article")
    texts = rows.all_inner_texts()
    article = next(i for i, text in enumerate(texts) if "Replacing (renewing)" in text)
    thread = next(i for i, text in enumerate(texts) if "How early should I apply" in text)
    assert article < thread
    assert texts[thread].startswith("Question with an accepted answer")


@pytest.fixture
def member_page_js(new_page, mail_log):
    """A fresh member, signed in, in a page with JavaScript on or off."""

    def open_page(js: bool) -> Page:
        page = new_page(java_script_enabled=js)
        new_member(page, mail_log, "en")
        return page

    return open_page


@JS
@pytest.mark.parametrize("lang", ["lt", "en", "ru"])
def test_the_news_filter_fits_a_phone(new_page, js, lang):
    page = new_page(java_script_enabled=js)
    page.goto(f"/{lang}/news/")
    select = page.locator("#news-kind")
    for value in select.locator("option").evaluate_all("els => els.map(e => e.value)"):
        select.select_option(value)
        room = select.evaluate(
            """el => {
              const style = getComputedStyle(el);
              const context = document.createElement('canvas').getContext('2d');
              context.font = style.font;
              const text = context.measureText(el.options[el.selectedIndex].text).width;
              const inner = el.clientWidth - parseFloat(style.paddingLeft)
                - parseFloat(style.paddingRight);
              return inner - text;
            }"""
        )
        assert room >= 16, f"{value!r} is clipped by {16 - room:.0f} px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


@JS
def test_the_demo_expert_sees_their_own_topics_first(new_page, mail_log, js):
    published_question(new_page, mail_log, f"Can my permit be renewed while I study {tag()}")
    expert = new_page(java_script_enabled=js)
    sign_in(expert, "expert@mipas.example")  # only read: the demo expert is shared
    expert.goto("/en/moderation/unanswered")
    first = expert.locator(".question-row .tag").first
    expect(first).to_have_text(re.compile("^(" + "|".join(EXPERT_TOPICS) + ")$"))
