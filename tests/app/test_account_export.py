"""Members download everything they wrote and everything kept about them, and nothing else."""

import json

from app.extensions import db
from app.models import User
from forum import services
from forum.models import Answer, Comment, PostStatus
from moderation import services as moderation
from tests.app.posts import answer, ask, comment, set_status
from tests.conftest import PASSWORD


def export(client, password=PASSWORD, lang="en"):
    return client.post(f"/{lang}/account/export", data={"current_password": password})


def test_the_page_explains_what_is_included_and_asks_for_the_password(client, make_user, sign_in):
    member = make_user()
    sign_in(member.email)
    page = client.get("/en/account/export").get_data(as_text=True)
    assert "What the file contains" in page
    assert 'name="current_password"' in page
    assert "Download your data" in client.get("/en/account/profile").get_data(as_text=True)


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/en/account/export")
    assert response.status_code == 302 and "/account/sign-in" in response.headers["Location"]
    assert client.post("/en/account/export", data={"current_password": "x"}).status_code == 302


def test_a_wrong_password_downloads_nothing_and_says_why(client, make_user, sign_in):
    member = make_user()
    sign_in(member.email)
    response = export(client, password="not my password at all", lang="lt")
    assert response.status_code == 200
    assert "attachment" not in response.headers.get("Content-Disposition", "")
    assert "Tai ne jūsų dabartinis slaptažodis." in response.get_data(as_text=True)


def test_the_file_has_everything_the_member_wrote_even_unpublished(app, client, make_user, sign_in):
    member, other = make_user(), make_user()
    question_id = ask(app, member, "Can my wife work while her permit is renewed?")
    pending_id = answer(app, member, question_id, "My own follow-up, held for review.")
    set_status(app, Answer, pending_id, PostStatus.PENDING.value)
    others_answer = answer(app, other, question_id, "Another member's private-ish advice.")
    hidden_id = comment(app, member, question_id, "A comment a moderator hid.", others_answer)
    set_status(app, Comment, hidden_id, PostStatus.HIDDEN.value)
    comment(app, other, question_id, "Another member's comment text.")
    with app.test_request_context():
        me = db.session.get(User, member.id)
        services.set_helpful(me, db.session.get(Answer, others_answer), True)
        moderation.flag(me, "answer", db.session.get(Answer, others_answer), "other", "Outdated?")
        services.edit_question(
            me,
            db.session.get(services.Question, question_id),
            services.QuestionDraft(
                title="Can my wife work while her permit is being renewed?",
                body="Edited text.",
                topic_id=db.session.get(services.Question, question_id).topic_id,
            ),
            "clearer",
        )
    sign_in(member.email)

    response = export(client)

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "mipas-data-20" in disposition
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == member.email
    assert "password_hash" not in json.dumps(data)
    [question] = data["questions"]
    assert question["title"] == "Can my wife work while her permit is being renewed?"
    assert question["body_markdown"] == "Edited text."
    assert f"/en/questions/{question_id}/" in question["link"]
    [own_answer] = data["answers"]
    assert own_answer["status"] == "pending"
    [own_comment] = data["comments"]
    assert own_comment["status"] == "hidden" and own_comment["answer_id"] == others_answer
    [revision] = data["revisions"]
    assert revision["earlier_title"] == "Can my wife work while her permit is renewed?"
    assert data["helpful_marks"] == [
        {"answer_id": others_answer, "marked_at": data["helpful_marks"][0]["marked_at"]}
    ]
    assert [flag["note"] for flag in data["flags_raised"]] == ["Outdated?"]
    assert [follow["question_id"] for follow in data["follows"]] == [question_id]
    assert {note["kind"] for note in data["notifications"]} >= {"new_answer"}
    assert data["expert_applications"] == []
    everything = json.dumps(data, ensure_ascii=False)
    assert "Another member" not in everything
    assert other.email not in everything and other.display_name not in everything


def test_the_file_never_holds_another_members_posts(app, client, make_user, sign_in):
    member, other = make_user(), make_user()
    ask(app, other, "Someone else's question about asylum", body="Their very own words here.")
    sign_in(member.email)
    data = json.loads(export(client).get_data(as_text=True))
    assert data["questions"] == data["answers"] == data["comments"] == []
    assert "Their very own words" not in json.dumps(data)
