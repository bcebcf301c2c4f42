"""Asking a question: the form, its preview, its errors, and who may ask."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Topic
from forum.models import Question
from tests.pages import chosen, page
from tests.xss import injections

GOOD = {
    "title": "Как продлить вид на жительство по работе?",
    "body": "У меня временный вид на жительство по работе, он заканчивается через три месяца. "
    "Что нужно сделать и когда подавать документы?",
    "tags": "ВНЖ, продление",
    "language": "",
}


def questions(app) -> list[Question]:
    with app.app_context():
        return list(db.session.scalars(select(Question)))


def post_question(client, topic_id, lang="ru", **changes):
    return client.post(f"/{lang}/questions/ask", data={**GOOD, "topic": topic_id, **changes})


def test_a_member_asks_and_lands_on_the_thread(app, client, make_user, sign_in, topic_id):
    member = make_user(language="ru")
    sign_in(member.email)
    response = post_question(client, topic_id)
    [question] = questions(app)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ru/questions/{question.id}/{question.slug}"
    assert question.slug == "kak-prodlit-vid-na-zhitelstvo-po-rabote"
    assert question.language == "ru"  # detected from the text
    assert question.status == "published"
    thread = page(client.get(response.headers["Location"]))
    assert GOOD["title"] in thread
    assert "внж" in thread and "продление" in thread


def test_the_language_can_be_corrected(app, client, make_user, sign_in, topic_id):
    sign_in(make_user().email)
    post_question(client, topic_id, language="other")
    assert questions(app)[0].language == "other"


def test_anonymous_questions_hide_the_name(app, client, make_user, sign_in, topic_id):
    member = make_user()
    sign_in(member.email)
    response = post_question(client, topic_id, lang="en", anonymous="y")
    thread = page(client.get(response.headers["Location"]))
    assert "Asked by anonymous" in thread
    assert member.display_name not in thread.split("<main")[1].split("</main>")[0]


def test_preview_shows_the_rendered_text_and_saves_nothing(
    app, client, make_user, sign_in, topic_id
):
    sign_in(make_user().email)
    response = post_question(
        client, topic_id, lang="en", body=GOOD["body"] + "\n\n**важно**", preview="Preview"
    )
    assert response.status_code == 200
    assert "<strong>важно</strong>" in page(response)
    assert 'selected value="ru"' in page(response)  # the detected language, ready to correct
    assert questions(app) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Write your question in one sentence."),
        ({"title": "Help?"}, "Your question must be 15 to 150 characters long."),
        ({"title": "x" * 151}, "Your question must be 15 to 150 characters long."),
        ({"body": "Too short."}, "Write between 30 and 20000 characters."),
        ({"body": "word " * 4001}, "Write between 30 and 20000 characters."),
        ({"tags": "a1, b2, c3, d4, e5, f6"}, "Use at most 5 tags."),
        ({"tags": "fine, <script>"}, "Tags are short words of 2 to 30 characters"),
        ({"topic": "99999"}, "Choose a topic from the list."),
        ({"topic": "not-a-number"}, "Choose a topic from the list."),
    ],
)
def test_bad_questions_explain_and_keep_the_text(
    app, client, make_user, sign_in, topic_id, changes, message
):
    sign_in(make_user().email)
    response = post_question(client, topic_id, lang="en", **changes)
    assert response.status_code == 200
    assert message in page(response)
    if "body" not in changes:
        assert GOOD["body"] in page(response)
    assert questions(app) == []


def test_visitors_are_asked_to_sign_in(client, topic_id):
    response = client.get("/en/questions/ask")
    assert response.headers["Location"] == "/en/account/sign-in?next=/en/questions/ask"


def test_unconfirmed_members_cannot_ask(app, client, make_user, sign_in, topic_id):
    sign_in(make_user(confirmed=False).email)
    response = post_question(client, topic_id, lang="en")
    assert response.status_code == 403
    assert "confirm your e-mail address" in page(response)
    assert questions(app) == []


def test_suspended_members_cannot_ask(app, client, make_user, sign_in, topic_id):
    sign_in(make_user(suspended=True).email)
    response = post_question(client, topic_id, lang="en")
    assert response.status_code == 403
    assert "suspended until" in page(response)


def test_the_ask_page_offers_the_topics_in_the_page_language(app, client, make_user, sign_in):
    sign_in(make_user().email)
    form = page(client.get("/lt/questions/ask?topic=work"))
    assert "Leidimai gyventi" in form
    with app.app_context():
        work = db.session.scalar(select(Topic.id).where(Topic.slug == "work"))
    assert chosen(form, "topic") == [str(work)]


def test_similar_questions_by_title(client, make_user, ask):
    member = make_user()
    ask(member, "How do I renew my residence permit for work?")
    ask(member, "Where can I learn Lithuanian for free?")
    found = client.get("/en/questions/similar?title=renewing a residence permit").get_json()
    assert [q["title"] for q in found["questions"]] == [
        "How do I renew my residence permit for work?"
    ]
    assert client.get("/en/questions/similar?title=").get_json() == {"questions": []}


def test_live_preview_renders_safely(client, make_user, sign_in):
    sign_in(make_user().email)
    html = client.post(
        "/en/questions/preview", data={"body": "**a** <script>x</script>"}
    ).get_json()
    assert "<strong>a</strong>" in html["html"] and "<script>" not in html["html"]


def test_a_typed_tag_comes_back_as_text_in_its_error(app, client, make_user, sign_in, topic_id):
    # issue 12: the tag check's message printed the tag as live HTML, twice
    sign_in(make_user().email)
    typed = "<svg/onload=alert(document.domain)>"
    response = post_question(client, topic_id, lang="en", tags=typed)
    assert response.status_code == 200
    assert injections(page(response), [typed]) == []
    shown = "Check “&lt;svg/onload=alert(document.domain)&gt;”."
    assert page(response).count(shown) == 2  # in the summary and under the field
    assert questions(app) == []
