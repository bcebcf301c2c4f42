"""A form sent twice with its one-time key saves one post, and shows the one that was saved."""

from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.submissions import Submission
from forum.models import Answer, Comment, Question, Revision
from news.models import NewsItem
from tests.conftest import PASSWORD

QUESTION = {
    "title": "How do I renew my temporary residence permit in time?",
    "body": "My permit for work ends in three months and my employer changes. What now?",
    "topic": "",
    "tags": "",
    "language": "en",
}


def key_in(html: str, prefix: str = "") -> str:
    name = re.escape(f"{prefix}-submission_key" if prefix else "submission_key")
    return re.search(rf'name="{name}" type="hidden" value="([^"]+)"', html).group(1)


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(model.id)))


def test_an_ask_form_sent_twice_saves_one_question(app, client, make_user, sign_in, topic_id):
    sign_in(make_user().email, PASSWORD)
    form_page = client.get("/en/questions/ask").get_data(as_text=True)
    data = {**QUESTION, "topic": topic_id, "submission_key": key_in(form_page)}
    first = client.post("/en/questions/ask", data=data)
    again = client.post("/en/questions/ask", data=data)  # the browser resends the form
    assert first.status_code == again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    assert count(app, Question) == 1
    shown = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "You had already sent this, and it was saved. Here it is." in shown
    # a new form has a new key, and so a second question of the same words is a new one
    fresh = key_in(client.get("/en/questions/ask").get_data(as_text=True))
    assert fresh != data["submission_key"]


def test_answers_comments_and_edits_sent_twice_are_saved_once(app, client, make_user, sign_in, ask):
    member = make_user()
    question_id = ask(make_user())
    sign_in(member.email, PASSWORD)
    thread = client.get(f"/en/questions/{question_id}", follow_redirects=True)
    html = thread.get_data(as_text=True)
    answer = {"body": "Apply in MIGRIS at least two months before.", "submission_key": key_in(html)}
    locations = {
        client.post(f"/en/questions/{question_id}/answer", data=answer).headers["Location"]
        for _ in range(2)
    }
    assert len(locations) == 1 and count(app, Answer) == 1
    prefix = f"comment-question-{question_id}"
    comment = {f"{prefix}-body": "Which office?", f"{prefix}-submission_key": key_in(html, prefix)}
    for _ in range(2):
        client.post(f"/en/questions/{question_id}/comment", data=comment)
    assert count(app, Comment) == 1

    with app.app_context():
        answer_id = db.session.scalar(select(Answer.id))
    edit_page = client.get(f"/en/answers/{answer_id}/edit").get_data(as_text=True)
    edit = {
        "body": "Apply in MIGRIS at least two months before it ends.",
        "reason": "clearer",
        "submission_key": key_in(edit_page),
    }
    codes = [client.post(f"/en/answers/{answer_id}/edit", data=edit).status_code for _ in range(2)]
    assert codes == [302, 302]
    assert count(app, Revision) == 1


def test_the_same_key_sent_at_the_same_moment_saves_one_answer(app, make_user, ask):
    """Two requests racing with one key: one saves, the other is shown what it saved."""
    member = make_user()
    question_id = ask(make_user())
    clients = [app.test_client() for _ in range(4)]
    for client in clients:
        client.post("/en/account/sign-in", data={"email": member.email, "password": PASSWORD})
    data = {"body": "Apply in MIGRIS at least two months before.", "submission_key": "k" * 32}
    start = threading.Barrier(len(clients))
    responses = []

    def send(client) -> None:
        start.wait()
        responses.append(client.post(f"/en/questions/{question_id}/answer", data=data))

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.status_code for r in responses] == [302] * len(clients)
    assert len({r.headers["Location"] for r in responses}) == 1
    assert count(app, Answer) == 1


SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@SQLITE
def test_keys_are_kept_per_member(app, client, make_user, sign_in, ask):
    question_id = ask(make_user())
    data = {"body": "Apply in MIGRIS at least two months before.", "submission_key": "s" * 32}
    for person in (make_user(), make_user()):
        sign_in(person.email, PASSWORD)
        assert client.post(f"/en/questions/{question_id}/answer", data=data).status_code == 302
    assert count(app, Answer) == 2


@SQLITE
def test_a_missing_or_malformed_key_still_posts(app, client, make_user, sign_in, ask):
    question_id = ask(make_user())
    sign_in(make_user().email, PASSWORD)
    keys = ["", "short", "<script>" * 4, "x" * 65]
    for key in keys:
        data = {
            "body": f"Apply in MIGRIS at least two months before ({key}).",
            "submission_key": key,
        }
        assert client.post(f"/en/questions/{question_id}/answer", data=data).status_code == 302
    assert count(app, Answer) == len(keys)
    with app.app_context():
        saved = set(db.session.scalars(select(Submission.key)))
    assert len(saved) == len(keys) and not saved & set(keys)


@SQLITE
def test_a_news_item_sent_twice_is_saved_once(app, client, make_user, sign_in):
    """Staff forms that create content carry the same key (news here; articles alike)."""
    sign_in(make_user("moderator").email, PASSWORD)
    key = key_in(client.get("/en/news/new").get_data(as_text=True))
    form = {
        "language": "en",
        "kind": "news",
        "title": "Free legal counselling every Tuesday",
        "summary": "Lawyers of the Red Cross answer questions about residence and asylum.",
        "body": "Come to the office on Tuesdays from 10 to 14; no appointment is needed.",
        "organisation": "0",
        "submission_key": key,
    }
    first, again = (client.post("/en/news/new", data=form) for _ in range(2))
    assert first.status_code == again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    assert count(app, NewsItem) == 1
