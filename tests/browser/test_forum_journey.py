"""The forum's "Done when" journey: ask in Russian, two answers, accept the expert's, notify.

Each person has a browser context of their own, so their sessions never mix. The live server
is shared by the whole session, so the question gets a title no other test uses.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import DEMO_PASSWORD

ASKER = "jasur@mipas.example"  # a demo member whose language is Russian
OTHER_MEMBER = "aigerim@mipas.example"  # a demo member whose language is Russian
EXPERT = "expert@mipas.example"  # Expert Laura, Lithuanian Red Cross Society; writes in English
EXPERT_BADGE = "Verified expert, Lithuanian Red Cross Society"

# A demo question whose title shares a lowercase word ("гражданства") with no other question.
DEMO_TITLE = (
    "Придётся ли отказаться от гражданства Казахстана при получении литовского гражданства?"
)


@dataclass(frozen=True)
class Story:
    """What the three people write. Each run needs its own texts: moderation holds a post that
    repeats one of its author's recent posts, and the live server lives for the whole session."""

    title: str  # a random tag is added, so no other test has the same title
    body: str  # Markdown, with `bold` in **bold**
    bold: str
    member_answer: str
    expert_answer: str


STORIES = {
    "js": Story(
        title="Работодатель задерживает справку для замены ВНЖ, что делать?",
        body=(
            "Мой ВНЖ по работе заканчивается через три месяца, а работодатель **до сих пор** не "
            "дал справку о трудовых отношениях. Можно ли подать заявление на замену без неё, "
            "и что будет, если срок пропущен?"
        ),
        bold="до сих пор",
        member_answer=(
            "У меня было так же. Я подал заявление в MIGRIS заранее, а справку от работодателя "
            "загрузил позже, когда её наконец выдали."
        ),
        expert_answer=(
            "Заявление лучше подать в MIGRIS вовремя, даже если одного документа пока нет: "
            "недостающую справку обычно можно донести позже. Точные сроки проверьте в MIGRIS "
            "и на сайте Департамента миграции."
        ),
    ),
    "no-js": Story(
        title="Нужно ли заново декларировать место жительства после переезда в Каунас?",
        body=(
            "Мы с семьёй переехали из Вильнюса в Каунас и снимаем квартиру. Хозяин **не против** "
            "декларирования, но я не понимаю, где это делается и сколько есть времени после "
            "переезда."
        ),
        bold="не против",
        member_answer=(
            "Мы декларировались в Каунасе через портал Epaslaugos: заполнили заявку онлайн, "
            "а хозяйка квартиры подтвердила согласие в своём аккаунте."
        ),
        expert_answer=(
            "Новое место жительства декларируют в течение месяца после переезда: через "
            "Epaslaugos или в староству. Собственник жилья должен дать согласие. Актуальный "
            "порядок опубликован на сайте самоуправления."
        ),
    ),
}


def path_of(page: Page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url)


def sign_in(page: Page, email: str, next_path: str) -> None:
    """Sign in through the form, then land on `next_path`; works in any language."""
    language = next_path.split("/")[1]
    page.goto(f"/{language}/account/sign-in?next={next_path}")
    page.locator("input[name='email']").fill(email)
    page.locator("input[name='password']").fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button").click()
    expect(page).to_have_url(re.compile(re.escape(next_path) + r"$"))


def answer_form(page: Page) -> Locator:
    return page.locator("form[action$='/answer']")


def post_answer(page: Page, thread_path: str, text: str) -> int:
    """Answer the question on its page; returns the new answer's id."""
    page.goto(thread_path)
    form = answer_form(page)
    form.locator("textarea[name='body']").fill(text)
    form.locator("[type='submit']").click()
    expect(page).to_have_url(re.compile(r"#answer-\d+$"))
    answer_id = int(page.url.rsplit("-", 1)[1])
    answer = page.locator(f"#answer-{answer_id}")
    expect(answer.locator(".post-body")).to_contain_text(text[:40])
    return answer_id


def ask_the_question(
    page: Page, live_server: str, js: bool, story: Story, title: str
) -> tuple[int, str]:
    """Member A asks in Russian, using "Preview" once; returns the id and path of the thread."""
    # "?topic=", as the topic page's "Ask" link adds it, chooses the topic in advance.
    sign_in(page, ASKER, "/ru/questions/ask?topic=residence-permits")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    title_box = page.locator("input[name='title']")
    body_box = page.locator("textarea[name='body']")
    similar = page.locator("#similar")

    if js:
        # Typing a title that was asked before offers the earlier question.
        title_box.press_sequentially(DEMO_TITLE[:60])
        expect(similar).to_be_visible()
        expect(similar.get_by_role("link", name=DEMO_TITLE)).to_have_attribute(
            "href", re.compile(r"^/ru/questions/\d+/")
        )
        title_box.fill("")
    title_box.fill(title)
    body_box.fill(story.body)
    expect(page.locator("select[name='topic']")).not_to_have_value("0")
    if js:
        # The live preview renders the Markdown while the body is typed.
        live = page.locator("#live-preview")
        expect(live).to_be_visible()
        expect(live.locator("strong")).to_have_text(story.bold)

    page.locator("[name='preview']").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(live_server)}/ru/questions/ask(\?|$)"))
    preview = page.locator("section.preview:not(#live-preview)")
    expect(preview).to_be_visible()
    expect(preview.locator(".post-body strong")).to_have_text(story.bold)
    expect(preview.locator(".post-body")).to_contain_text(story.body[-40:])
    # What was typed stays; the language is detected from the text; nothing is posted yet.
    expect(title_box).to_have_value(title)
    expect(body_box).to_have_value(story.body)
    expect(page.locator("select[name='language']")).to_have_value("ru")
    listed = page.request.get("/ru/questions/?language=ru")
    assert listed.ok and title not in listed.text(), "the preview posted the question"

    page.locator("[name='submit']").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(live_server)}/ru/questions/\d+/[\w-]+$"))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(title)
    expect(heading).to_have_attribute("lang", "ru")
    expect(page.locator(".question .post-body strong")).to_have_text(story.bold)
    topic_link = page.locator(".question a.tag")
    expect(topic_link).to_have_attribute("href", "/ru/topics/residence-permits")
    thread_path = path_of(page)
    question_id = int(thread_path.split("/")[3])
    return question_id, thread_path


def mark_helpful(page: Page, answer_id: int, js: bool) -> None:
    """Member A finds the other member's answer helpful; with JavaScript, without a reload."""
    answer = page.locator(f"#answer-{answer_id}")
    count = page.locator(f"[data-helpful-count='{answer_id}']")
    button = answer.locator("form[data-helpful-form] button")
    expect(count).to_have_text(re.compile(r"^\D*0\D*$"))
    expect(button).to_have_attribute("aria-pressed", "false")
    url_before = page.url
    if js:
        page.evaluate("window.stillTheSamePage = true")
    button.click()
    expect(count).to_have_text(re.compile(r"^\D*1\D*$"))
    expect(button).to_have_attribute("aria-pressed", "true")
    if js:
        assert page.evaluate("window.stillTheSamePage === true"), "the page was reloaded"
        assert page.url == url_before
    else:
        expect(page).to_have_url(re.compile(rf"#answer-{answer_id}$"))


def answer_order(page: Page) -> list[str]:
    return page.locator("article.post").evaluate_all("nodes => nodes.map(n => n.id)")


@pytest.mark.parametrize("variant", STORIES)
def test_question_answered_by_member_and_expert_accepted_and_notified(
    new_page: Callable[..., Page], live_server: str, mail_log, variant: str
) -> None:
    js = variant == "js"
    story = STORIES[variant]
    title = f"{story.title} ({uuid.uuid4().hex[:6]})"

    # Member A asks in Russian.
    asker = new_page(java_script_enabled=js)
    question_id, thread_path = ask_the_question(asker, live_server, js, story, title)

    # Member B answers in Russian.
    member = new_page(java_script_enabled=js)
    sign_in(member, OTHER_MEMBER, thread_path)
    member_answer = post_answer(member, thread_path, story.member_answer)

    # The expert answers too, from the English interface; the answer carries the badge.
    expert = new_page(java_script_enabled=js)
    english_path = thread_path.replace("/ru/", "/en/", 1)
    sign_in(expert, EXPERT, english_path)
    expert_answer = post_answer(expert, english_path, story.expert_answer)
    expect(expert.locator(f"#answer-{expert_answer} .mark-expert")).to_have_text(EXPERT_BADGE)
    expect(expert.locator(f"#answer-{member_answer} .mark-expert")).to_have_count(0)

    # Member A finds the member's answer helpful, then accepts the expert's.
    asker.goto(thread_path)
    expect(asker.locator(f"#answer-{expert_answer} .mark-expert")).to_be_visible()
    mark_helpful(asker, member_answer, js)
    accept = asker.locator(f"#answer-{expert_answer} form[action$='/accept'] button")
    expect(asker.locator("form[action$='/accept']")).to_have_count(2)
    accept.click()
    expect(asker).to_have_url(re.compile(rf"{re.escape(thread_path)}#answer-{expert_answer}$"))
    expect(asker.locator(f"#answer-{expert_answer} .mark-accepted")).to_be_visible()
    expect(asker.locator(f"#answer-{expert_answer}")).to_have_class(re.compile(r"\baccepted\b"))
    # The accepted answer has no accept button any more; the other one still does.
    expect(asker.locator("form[action$='/accept']")).to_have_count(1)
    expect(asker.locator(f"#answer-{member_answer} form[action$='/accept']")).to_have_count(1)

    # Mail, in each reader's language: A heard of both answers, B of the expert's, and the
    # expert of the acceptance.
    def mail_about_the_thread(address: str, language: str) -> list[str]:
        link = f"/{language}/questions/{question_id}/"
        return [mail for mail in mail_log.mail_to(address) if link in mail]

    to_asker = mail_about_the_thread(ASKER, "ru")
    assert len(to_asker) == 2, "\n---\n".join(to_asker) or "no mail to the asker"
    assert all("/ru/unfollow/" in m and title in m for m in to_asker), to_asker
    to_member = mail_about_the_thread(OTHER_MEMBER, "ru")
    assert len(to_member) == 1, "\n---\n".join(to_member) or "no mail to the other member"
    # the demo expert was also alerted to the new question in their topic: find the mail by
    # its subject, not by its place in the log
    to_expert = mail_about_the_thread(EXPERT, "en")
    accepted = [m for m in to_expert if f"Subject: Your answer was accepted: {title}" in m]
    assert len(accepted) == 1, "\n---\n".join(to_expert) or "no mail to the expert"
    assert "/en/unfollow/" in accepted[0]

    # In the app: the expert's header counts unread notifications, the list names the thread.
    expert.goto("/en/")
    account = expert.get_by_role("navigation", name="Account")
    notifications_link = account.get_by_role("link", name=re.compile(r"^Notifications"))
    expect(notifications_link.locator(".badge")).to_have_text(re.compile(r"^[1-9]\d*$"))
    expect(notifications_link).to_contain_text(re.compile(r"\d+ unread"))
    notifications_link.click()
    expect(expert).to_have_url(f"{live_server}/en/notifications")
    accepted_note = expert.get_by_role("link", name=f"Your answer to “{title}” was accepted")
    item = expert.get_by_role("main").locator("li").filter(has=accepted_note)
    expect(item).to_have_class(re.compile(r"\bunread\b"))
    accepted_note.click()  # opens the thread and marks the notification read
    expect(expert).to_have_url(re.compile(re.escape(english_path) + r"$"))
    expert.goto("/en/notifications")
    expect(item).not_to_have_class(re.compile(r"\bunread\b"))
    # ... and the asker's list holds the two new answers.
    asker.goto("/ru/notifications")
    expect(asker.get_by_role("main").get_by_role("link").filter(has_text=title)).to_have_count(2)

    # A visitor finds the thread among the solved Russian questions and reads it.
    visitor = new_page(java_script_enabled=js)
    visitor.goto("/ru/questions/?status=answered&language=ru")
    row = visitor.locator(".question-row").filter(has_text=title)
    expect(row.locator(".mark-accepted")).to_be_visible()
    expect(row.locator(".mark-expert")).to_be_visible()
    row.get_by_role("link", name=title).click()
    expect(visitor).to_have_url(f"{live_server}{thread_path}")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    assert answer_order(visitor) == [f"answer-{expert_answer}", f"answer-{member_answer}"]
    first = visitor.locator("article.post").first
    expect(first.locator(".mark-accepted")).to_be_visible()
    expect(first.locator(".mark-expert")).to_be_visible()
    expect(first.locator(".post-body")).to_contain_text(story.expert_answer[:40])
    expect(visitor.locator(f"[data-helpful-count='{member_answer}']")).to_have_text(
        re.compile(r"^\D*1\D*$")
    )
    # A visitor can read but not act.
    expect(visitor.locator("form[action$='/accept'], form[data-helpful-form]")).to_have_count(0)
    expect(answer_form(visitor)).to_have_count(0)
