"""Editing keeps every earlier version; authors delete their own posts softly."""

from app.extensions import db
from forum.models import Answer, Question, Revision
from tests.pages import page


def edit_question(client, question_id, topic_id, **changes):
    data = {
        "title": "How do I renew my temporary residence permit?",
        "body": "My permit for work ends in three months. What should I prepare, and when?",
        "topic": topic_id,
        "tags": "trp",
        "language": "en",
        "reason": "Clearer title",
        **changes,
    }
    return client.post(f"/en/questions/{question_id}/edit", data=data)


def test_the_author_edits_and_the_history_shows_the_change(
    app, client, make_user, ask, sign_in, topic_id, load
):
    author = make_user()
    question_id = ask(author)
    sign_in(author.email)
    response = edit_question(client, question_id, topic_id)
    assert response.status_code == 302
    question = load(Question, question_id)
    assert question.title == "How do I renew my temporary residence permit?"
    assert question.edited_at is not None
    with app.app_context():
        [revision] = db.session.query(Revision).all()
        assert revision.old_title == "How do I renew my residence permit?"
        assert revision.reason == "Clearer title"
    history = page(client.get(f"/en/questions/{question_id}/history"))
    assert "<ins>temporary </ins>" in history or "<ins>temporary</ins>" in history
    assert "Clearer title" in history
    assert f"Edited by {author.display_name}" in history


def test_an_edit_with_errors_keeps_what_was_typed(client, make_user, ask, sign_in, topic_id, load):
    author = make_user()
    question_id = ask(author)
    sign_in(author.email)
    response = edit_question(
        client, question_id, topic_id, body="Too short.", title="A better title for my question"
    )
    assert response.status_code == 200
    assert "Write between 30 and 20000 characters." in page(response)
    assert 'value="A better title for my question"' in page(response)
    assert load(Question, question_id).title == "How do I renew my residence permit?"


def test_members_cannot_edit_each_others_posts(
    client, make_user, ask, answer, sign_in, topic_id, load
):
    question_id = ask(make_user())
    answer_id = answer(make_user(), question_id)
    sign_in(make_user().email)
    assert edit_question(client, question_id, topic_id).status_code == 403
    response = client.post(
        f"/en/answers/{answer_id}/edit", data={"body": "Changed by someone else."}
    )
    assert response.status_code == 403
    assert load(Answer, answer_id).body == "Apply in MIGRIS in time."


def test_staff_edit_any_post_and_it_is_recorded(app, client, make_user, ask, answer, sign_in, load):
    question_id = ask(make_user())
    answer_id = answer(make_user(), question_id)
    expert = make_user("expert")
    sign_in(expert.email)
    response = client.post(
        f"/en/answers/{answer_id}/edit",
        data={"body": "Apply in MIGRIS at least two months before.", "reason": "More precise"},
    )
    assert response.status_code == 302
    assert load(Answer, answer_id).body == "Apply in MIGRIS at least two months before."
    history = page(client.get(f"/en/answers/{answer_id}/history"))
    assert f"Edited by {expert.display_name}" in history and "More precise" in history


def test_authors_delete_their_answer_and_the_thread_says_so(
    app, client, make_user, ask, answer, sign_in, load
):
    helper = make_user()
    question_id = ask(make_user())
    answer_id = answer(helper, question_id)
    sign_in(make_user().email)
    assert client.post(f"/en/answers/{answer_id}/delete").status_code == 403
    sign_in(helper.email)
    client.post(f"/en/answers/{answer_id}/delete")
    assert load(Answer, answer_id).status == "deleted"
    assert load(Question, question_id).answer_count == 0
    thread = page(client.get(f"/en/questions/{question_id}", follow_redirects=True))
    assert "This answer was deleted by its author." in thread
    assert "Apply in MIGRIS in time." not in thread


def test_a_deleted_question_keeps_its_answers_but_not_its_text(
    client, make_user, ask, answer, sign_in
):
    author = make_user()
    question_id = ask(author)
    answer(make_user(), question_id)
    sign_in(author.email)
    client.post(f"/en/questions/{question_id}/delete")
    thread = page(client.get(f"/en/questions/{question_id}", follow_redirects=True))
    assert "This question was deleted by its author." in thread
    assert "How do I renew my residence permit?" not in thread
    assert "Apply in MIGRIS in time." in thread
    assert "How do I renew" not in page(client.get("/en/questions/"))
