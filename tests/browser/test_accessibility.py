"""Every page, in every language: axe-core finds nothing, one h1, the right lang, fits a phone."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from string import Formatter

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page, expect

from app.config import LANGUAGES
from app.locale import LANGUAGE_COOKIE
from forum import demo_content
from tests.browser.conftest import DEMO_MEMBER_EMAIL, DEMO_PASSWORD

DEMO_MODERATOR_EMAIL = "moderator@mipas.example"
DEMO_ADMIN_EMAIL = "admin@mipas.example"

PHONE_WIDTH = 375


@dataclass(frozen=True)
class SitePage:
    """A page to check; `path` has a {lang} placeholder, and maybe one of `forum_paths`."""

    name: str
    path: str
    status: int = 200
    signed_in: bool = False
    staff: bool = False  # signed in as the demo moderator instead
    admin: bool = False  # signed in as the demo admin instead
    open_details: bool = False  # open every <details>, so the forms in them are checked too
    submit_empty: str = ""  # the button that sends a form left empty, to see its errors
    preview: bool = False  # fill in the ask form and press "Preview"
    urgent: bool = False  # choose an urgent reason on the ask form, so its contacts show


SITE_PAGES = (
    SitePage("home", "/{lang}/"),
    SitePage("about", "/{lang}/about"),
    SitePage("privacy", "/{lang}/privacy"),
    SitePage("organisations", "/{lang}/organisations/"),
    SitePage("organisation", "/{lang}/organisations/red-cross-lithuania"),
    SitePage("topic", "/{lang}/topics/residence-permits"),
    SitePage("register", "/{lang}/account/register"),
    SitePage("register-with-errors", "/{lang}/account/register", submit_empty="main button"),
    SitePage("sign-in", "/{lang}/account/sign-in"),
    SitePage("forgot-password", "/{lang}/account/forgot-password"),
    SitePage("profile", "/{lang}/account/profile", signed_in=True),
    SitePage("change-password", "/{lang}/account/password", signed_in=True),
    SitePage("change-email", "/{lang}/account/email", signed_in=True),
    SitePage("export", "/{lang}/account/export", signed_in=True),
    SitePage(
        "export-errors", "/{lang}/account/export", signed_in=True, submit_empty="main form button"
    ),
    SitePage("delete-account", "/{lang}/account/delete", signed_in=True),
    SitePage(
        "delete-account-errors",
        "/{lang}/account/delete",
        signed_in=True,
        submit_empty="main form button",
    ),
    SitePage("account-deleted", "/{lang}/account/deleted"),
    SitePage("not-found", "/{lang}/no-such-page", status=404),
    SitePage("api-docs", "/{lang}/api/"),
    # The forum; the placeholders other than {lang} come from the `forum_paths` fixture.
    SitePage("questions", "/{lang}/questions/"),
    SitePage("questions-filtered", "/{lang}/questions/?status=unanswered&language=ru"),
    SitePage("ask", "/{lang}/questions/ask", signed_in=True),
    SitePage(
        "ask-with-errors", "/{lang}/questions/ask", signed_in=True, submit_empty="[name='submit']"
    ),
    SitePage("ask-preview", "/{lang}/questions/ask?topic=education", signed_in=True, preview=True),
    SitePage("ask-urgent", "/{lang}/questions/ask", signed_in=True, urgent=True),
    SitePage("thread", "/{lang}/questions/{thread}"),
    SitePage("thread-signed-in", "/{lang}/questions/{thread}", signed_in=True, open_details=True),
    SitePage(
        "thread-answer-errors",
        "/{lang}/questions/{thread}",
        signed_in=True,
        submit_empty="form[action$='/answer'] [type='submit']",
    ),
    SitePage(
        "thread-comment-errors",
        "/{lang}/questions/{thread}",
        signed_in=True,
        open_details=True,
        submit_empty=".question form[action$='/comment'] [type='submit']",
    ),
    SitePage("notifications", "/{lang}/notifications", signed_in=True),
    SitePage("consultations", "/{lang}/account/consultations", signed_in=True),
    SitePage("private-consultations", "/{lang}/moderation/private", staff=True),
    SitePage("edit-question", "/{lang}/questions/{question}/edit", signed_in=True),
    SitePage("edit-answer", "/{lang}/answers/{answer}/edit", signed_in=True),
    SitePage("history", "/{lang}/questions/{question}/history"),
    SitePage("unfollowed", "/{lang}/unfollow/{unfollow_token}"),
    # The knowledge base, with the demo articles; {proposal} comes from `knowledge_paths`.
    SitePage("kb", "/{lang}/kb/"),
    SitePage("kb-topic", "/{lang}/kb/?topic=work"),
    SitePage("kb-article", "/{lang}/kb/renewing-a-temporary-residence-permit"),
    SitePage("kb-article-overdue", "/{lang}/kb/gyvenamosios-vietos-deklaravimas"),
    SitePage("kb-article-staff", "/{lang}/kb/uzsienio-diplomo-pripazinimas", staff=True),
    SitePage("kb-new", "/{lang}/kb/new?answer={proposal}", staff=True),
    SitePage(
        "kb-translate", "/{lang}/kb/temporary-protection-and-work/translate?to=lt", staff=True
    ),
    SitePage(
        "kb-translate-errors",
        "/{lang}/kb/temporary-protection-and-work/translate?to=lt",
        staff=True,
        submit_empty="main form [type='submit']",
    ),
    SitePage("kb-reviews", "/{lang}/moderation/reviews", staff=True, open_details=True),
    # Staff reports and the public figures
    SitePage("numbers", "/{lang}/numbers"),
    SitePage("reports", "/{lang}/moderation/reports/", staff=True),
    SitePage("report-response-times", "/{lang}/moderation/reports/response-times", staff=True),
    SitePage(
        "report-period-errors",
        "/{lang}/moderation/reports/questions?since=31.03.2026&until=2026-01-01",
        status=400,
        staff=True,
    ),
    # News and events, with the demo stories
    SitePage("news", "/{lang}/news/"),
    SitePage("news-events", "/{lang}/news/?kind=event"),
    SitePage("news-item", "/{lang}/news/residence-permit-applications-through-migris"),
    SitePage("news-event", "/{lang}/news/online-information-session-for-newcomers"),
    SitePage("news-list-staff", "/{lang}/news/", staff=True),
    SitePage(
        "news-draft-staff", "/{lang}/news/nauji-lietuviu-kalbos-kursai-juodrastis", staff=True
    ),
    SitePage("news-new", "/{lang}/news/new", staff=True),
    SitePage(
        "news-new-errors",
        "/{lang}/news/new",
        staff=True,
        submit_empty="main form [type='submit']",
    ),
    SitePage(
        "news-translate",
        "/{lang}/news/where-to-look-for-lithuanian-language-courses/translate?to=ru",
        staff=True,
    ),
    SitePage("organisation-events", "/{lang}/organisations/iom-vilnius"),
    # The admin pages.
    SitePage("admin-staff", "/{lang}/moderation/staff", admin=True),
    SitePage(
        "admin-staff-errors",
        "/{lang}/moderation/staff",
        admin=True,
        submit_empty="main form [type='submit']",
    ),
    SitePage("admin-topics", "/{lang}/moderation/topics", admin=True),
    SitePage("admin-topic-edit", "/{lang}/moderation/topics/1", admin=True),
    SitePage(
        "admin-topic-errors",
        "/{lang}/moderation/topics/new",
        admin=True,
        submit_empty="main form [type='submit']",
    ),
    SitePage("admin-organisations", "/{lang}/moderation/organisations", admin=True),
    SitePage(
        "admin-help-contact-errors",
        "/{lang}/moderation/help-contacts/new",
        admin=True,
        submit_empty="main form [type='submit']",
    ),
    SitePage(
        "admin-organisation-errors",
        "/{lang}/moderation/organisations/new",
        admin=True,
        submit_empty="main form [type='submit']",
    ),
)

CASES = [
    pytest.param(language, site_page, id=f"{language}-{site_page.name}")
    for site_page in SITE_PAGES
    for language in LANGUAGES
]


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


@pytest.fixture(scope="module")
def shared_pages(
    new_context: Callable[..., BrowserContext], member_storage_state: dict
) -> Iterator[dict[bool | str, Page]]:
    """A visitor's, a member's, a moderator's and an admin's page, reused for speed."""
    contexts = [new_context(), new_context(storage_state=member_storage_state)]
    staff = sign_in_page(new_context, DEMO_MODERATOR_EMAIL)
    admin = sign_in_page(new_context, DEMO_ADMIN_EMAIL)
    yield {
        False: contexts[0].new_page(),
        True: contexts[1].new_page(),
        "staff": staff,
        "admin": admin,
    }
    for context in [*contexts, staff.context, admin.context]:
        context.close()


def page_for(shared_pages: dict[bool | str, Page], site_page: SitePage) -> Page:
    if site_page.admin:
        return shared_pages["admin"]
    return shared_pages["staff" if site_page.staff else site_page.signed_in]


@pytest.fixture(scope="module")
def knowledge_paths(shared_pages: dict[bool | str, Page]) -> dict[str, str]:
    """An accepted answer that is not in the knowledge base yet, from the proposals queue."""
    page = shared_pages["staff"]
    page.goto("/en/moderation/proposals")
    create = page.get_by_role("main").locator("a[href*='/kb/new?answer=']").first
    return {"proposal": (create.get_attribute("href") or "").rsplit("=", 1)[1]}


def demo_question(asker: str, answerer: str, accepted: bool) -> demo_content.DemoQuestion:
    """The first demo question `asker` asked and `answerer` answered (the accepted answer)."""
    return next(
        question
        for question in demo_content.QUESTIONS
        if question.asker == asker
        and any(a.author == answerer and a.accepted == accepted for a in question.answers)
    )


def open_demo_thread(page: Page, question: demo_content.DemoQuestion) -> None:
    """Find a demo question in the list, as a reader would, and open it."""
    page.goto(f"/en/questions/?language={question.language}&topic={question.topic}")
    page.get_by_role("main").get_by_role("link", name=question.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(question.title)


def sign_in_page(new_context: Callable[..., BrowserContext], email: str) -> Page:
    page = new_context().new_page()
    page.goto("/en/account/sign-in")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    return page


def add_comment(page: Page, post: str, text: str) -> None:
    """Comment under `post` (a selector of the question or an answer) on the open thread."""
    page.locator(f"{post} details.add-comment summary").first.click()
    form = page.locator(f"{post} details.add-comment form").first
    form.get_by_label("Your comment").fill(text)
    form.get_by_role("button", name="Add the comment").click()
    expect(page).to_have_url(re.compile(r"#comment-\d+$"))


@pytest.fixture(scope="module")
def forum_paths(
    new_context: Callable[..., BrowserContext], member_storage_state: dict, _mail_handler
) -> dict[str, str]:
    """A demo thread with an accepted answer, comments, an edit and a notification for the member.

    The demo member asked the question and edits it; another demo member comments, so the
    demo member is notified. Returns the parts of the addresses the forum pages need.
    """
    # `mail_log` is per test; this fixture lives for the module, so it reads the session's log.
    logging.getLogger("mipas.mail").setLevel(logging.INFO)
    # A thread the demo member asked, with another member's accepted answer.
    member = new_context(storage_state=member_storage_state).new_page()
    open_demo_thread(member, demo_question("member", "aigerim", accepted=True))
    thread = re.sub(r"^.*/questions/", "", member.url)
    question = thread.split("/")[0]
    expect(member.locator("article.post.accepted")).to_have_count(1)

    add_comment(member, ".question", "Спасибо всем, школа нашлась за неделю.")
    member.get_by_role("link", name="Edit", exact=True).first.click()
    expect(member).to_have_url(re.compile(rf"/en/questions/{question}/edit$"))
    body = member.get_by_label("Details")
    body.fill(body.input_value() + "\n\nДополнение: ребёнку девять лет.")
    member.get_by_label("What did you change? (optional)").fill("Добавила возраст ребёнка.")
    member.get_by_role("button", name="Save the changes").click()
    expect(member.get_by_role("link", name="Edited", exact=True)).to_be_visible()

    # An answer the demo member wrote in someone else's thread, for its edit page.
    open_demo_thread(member, demo_question("jasur", "member", accepted=False))
    edit_answer = member.get_by_role("main").locator("a[href*='/answers/'][href$='/edit']")
    expect(edit_answer).to_have_count(1)
    answer = (edit_answer.get_attribute("href") or "").split("/")[-2]
    member.context.close()

    other = sign_in_page(new_context, "aigerim@mipas.example")
    other.goto(f"/en/questions/{thread}")
    add_comment(other, "article.post.accepted", "Рада, что помогло! Удачи в новой школе.")
    expect(other.locator("ul.comments > li")).to_have_count(2)
    other.context.close()

    unfollow = _mail_handler.last_link(DEMO_MEMBER_EMAIL, r"/unfollow/[\w.-]+$")
    return {
        "thread": thread,
        "question": question,
        "answer": answer,
        "unfollow_token": unfollow.rsplit("/", 1)[1],
    }


@pytest.fixture
def open_site_page(
    shared_pages: dict[bool | str, Page], request: pytest.FixtureRequest
) -> Callable[[str, SitePage], Page]:
    """Open a page as a visitor would reach it, signed in as the demo member or staff as needed."""

    def open_it(language: str, site_page: SitePage) -> Page:
        page = page_for(shared_pages, site_page)
        # Every page is seen as on a first visit: no language chosen before.
        page.context.clear_cookies(name=LANGUAGE_COOKIE)
        placeholders = {name for _, name, _, _ in Formatter().parse(site_page.path) if name}
        parts = {}
        if placeholders & {"proposal"}:
            parts = request.getfixturevalue("knowledge_paths")
        elif placeholders - {"lang"}:
            parts = request.getfixturevalue("forum_paths")
        path = site_page.path.format(lang=language, **parts)
        response = page.goto(path)
        assert response is not None
        assert response.status == site_page.status, f"{path}: HTTP {response.status}"
        if site_page.open_details:
            page.locator("main details").evaluate_all("all => all.forEach(d => d.open = true)")
        if site_page.submit_empty:
            page.locator(site_page.submit_empty).click()
            expect(page.locator(".error-summary")).to_be_visible()
            expect(page.locator("[aria-invalid='true']").first).to_be_visible()
        if site_page.urgent:
            page.locator("select[name='urgent_reason']").select_option("violence")
            expect(page.locator("[data-urgent-reason='violence']")).to_be_visible()
        if site_page.preview:
            page.locator("input[name='title']").fill("Как выбрать школу для ребёнка в Вильнюсе?")
            page.locator("textarea[name='body']").fill(
                "Мы переехали **летом**. Какие документы нужны школе?\n\n- справка\n- паспорт"
            )
            page.locator("[name='preview']").click()
            expect(page.locator("section.preview:not([hidden]) strong")).to_have_text("летом")
        return page

    return open_it


def describe_violations(violations: list[dict]) -> str:
    """One readable block per axe rule: id, impact, help text and link, then each element."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(selector) for selector in node["target"])
            lines.append(f"    {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


@dataclass(frozen=True)
class PageFacts:
    """What the second test checks, read while the page is open for the first."""

    url: str
    h1_count: int
    lang: str | None
    scroll_width: int


def facts_of(page: Page) -> PageFacts:
    return PageFacts(
        url=page.url,
        h1_count=page.get_by_role("heading", level=1).count(),
        lang=page.locator("html").get_attribute("lang"),
        scroll_width=page.evaluate("document.documentElement.scrollWidth"),
    )


@pytest.fixture(scope="module")
def seen_pages() -> dict[tuple[str, str], PageFacts]:
    """Facts of the pages the axe test has opened, so the second test need not open them again."""
    return {}


@pytest.mark.parametrize(("language", "site_page"), CASES)
def test_axe_finds_no_violations(
    open_site_page: Callable[[str, SitePage], Page],
    seen_pages: dict[tuple[str, str], PageFacts],
    axe: Axe,
    language: str,
    site_page: SitePage,
) -> None:
    page = open_site_page(language, site_page)
    seen_pages[language, site_page.name] = facts_of(page)
    results = axe.run(page)
    violations = results.response["violations"]
    assert results.violations_count == 0, (
        f"axe-core found {len(violations)} violation(s) on {page.url}:\n"
        + describe_violations(violations)
    )


@pytest.mark.parametrize(("language", "site_page"), CASES)
def test_page_has_one_h1_its_language_and_fits_a_phone(
    open_site_page: Callable[[str, SitePage], Page],
    seen_pages: dict[tuple[str, str], PageFacts],
    language: str,
    site_page: SitePage,
) -> None:
    facts = seen_pages.get((language, site_page.name)) or facts_of(
        open_site_page(language, site_page)
    )
    assert facts.h1_count == 1, f"{facts.url} has {facts.h1_count} h1 headings"
    assert facts.lang == language, f"{facts.url} is marked lang={facts.lang!r}"
    assert facts.scroll_width <= PHONE_WIDTH, (
        f"{facts.url} scrolls sideways on a {PHONE_WIDTH} px wide phone: "
        f"the page is {facts.scroll_width} px wide"
    )
