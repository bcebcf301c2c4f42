"""The thread page: answers in the right order, comments, helpful marks, acceptance."""

import re

import pytest
from sqlalchemy import event, update

from app.extensions import db
from forum.models import Answer, Comment, Question
from tests.pages import page


def thread_url(question_id: int, lang: str = "en") -> str:
    return f"/{lang}/questions/{question_id}"


def open_thread(client, question_id, lang="en"):
    response = client.get(thread_url(question_id, lang), follow_redirects=True)
    assert response.status_code == 200
    return page(response)


def test_a_wrong_slug_redirects_to_the_right_one(client, make_user, ask):
    question_id = ask(make_user())
    response = client.get(f"/en/questions/{question_id}/old-title")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(
        f"/en/questions/{question_id}/how-do-i-renew-my-residence-permit"
    )


def test_unknown_and_hidden_threads_are_not_found(app, client, make_user, ask, sign_in):
    author = make_user()
    question_id = ask(author)
    with app.app_context():
        db.session.execute(update(Question).values(status="hidden"))
        db.session.commit()
    assert client.get(thread_url(question_id), follow_redirects=True).status_code == 404
    assert client.get("/en/questions/999999").status_code == 404
    sign_in(make_user().email)
    assert client.get(thread_url(question_id), follow_redirects=True).status_code == 404
    sign_in(author.email)
    assert "not public" in open_thread(client, question_id)


def test_answering_adds_the_answer_and_counts_it(app, client, make_user, ask, sign_in, load):
    question_id = ask(make_user())
    sign_in(make_user().email)
    response = client.post(
        f"/en/questions/{question_id}/answer", data={"body": "Apply in MIGRIS two months early."}
    )
    assert response.status_code == 302
    assert re.search(r"#answer-\d+$", response.headers["Location"])
    assert "Apply in MIGRIS two months early." in open_thread(client, question_id)
    assert load(Question, question_id).answer_count == 1


def test_a_too_short_answer_comes_back_with_its_text(app, client, make_user, ask, sign_in):
    question_id = ask(make_user())
    sign_in(make_user().email)
    response = client.post(f"/en/questions/{question_id}/answer", data={"body": "Try MIGRIS"})
    assert response.status_code == 422
    assert "Write between 20 and 20000 characters." in page(response)
    assert "Try MIGRIS</textarea>" in page(response)


def test_a_locked_thread_takes_no_answers(app, client, make_user, ask, sign_in):
    question_id = ask(make_user())
    with app.app_context():
        db.session.execute(update(Question).values(locked=True))
        db.session.commit()
    sign_in(make_user().email)
    assert "takes no new answers" in open_thread(client, question_id)
    response = client.post(
        f"/en/questions/{question_id}/answer", data={"body": "An answer that must not land."}
    )
    assert response.status_code == 403
    with app.app_context():
        assert db.session.query(Answer).count() == 0


def test_comments_on_the_question_and_on_an_answer(app, client, make_user, ask, answer, sign_in):
    asker, helper = make_user(), make_user()
    question_id = ask(asker)
    answer_id = answer(helper, question_id)
    sign_in(asker.email)
    client.post(
        f"/en/questions/{question_id}/comment",
        data={f"comment-question-{question_id}-body": "I am from Ukraine."},
    )
    client.post(
        f"/en/answers/{answer_id}/comment",
        data={f"comment-answer-{answer_id}-body": "Is a bank statement enough?"},
    )
    thread = open_thread(client, question_id)
    assert "I am from Ukraine." in thread and "Is a bank statement enough?" in thread
    with app.app_context():
        assert db.session.query(Comment).count() == 2


def test_a_bad_comment_stays_in_its_own_form(client, make_user, ask, answer, sign_in):
    question_id = ask(make_user())
    answer_id = answer(make_user(), question_id)
    sign_in(make_user().email)
    response = client.post(
        f"/en/answers/{answer_id}/comment", data={f"comment-answer-{answer_id}-body": "ok"}
    )
    assert response.status_code == 422
    assert f'id="comment-answer-{answer_id}-body"' in page(response)
    assert "Write between 5 and 600 characters." in page(response)
    assert '<details class="add-comment" open>' in page(response)


def test_helpful_marks_once_per_member_and_undo(app, client, make_user, ask, answer, sign_in, load):
    question_id = ask(make_user())
    answer_id = answer(make_user(), question_id)
    sign_in(make_user().email)
    url = f"/en/answers/{answer_id}/helpful"
    client.post(url, data={"helpful": "1"})
    again = client.post(url, data={"helpful": "1"}, follow_redirects=True)
    assert "You have already marked this answer as helpful." in page(again)
    assert load(Answer, answer_id).helpful_count == 1
    data = client.post(
        url, data={"helpful": "0"}, headers={"Accept": "application/json"}
    ).get_json()
    assert data == {
        "answer": answer_id,
        "helpful": False,
        "count": 0,
        "count_text": "0 found this helpful",
    }
    assert load(Answer, answer_id).helpful_count == 0


def test_nobody_marks_their_own_answer_helpful(client, make_user, ask, answer, sign_in):
    helper = make_user()
    answer_id = answer(helper, ask(make_user()))
    sign_in(helper.email)
    assert client.post(f"/en/answers/{answer_id}/helpful", data={"helpful": "1"}).status_code == 403


def test_the_asker_accepts_and_can_change_the_choice(
    app, client, make_user, ask, answer, sign_in, load
):
    asker = make_user()
    question_id = ask(asker)
    first, second = answer(make_user(), question_id), answer(make_user(), question_id)
    sign_in(asker.email)
    client.post(f"/en/answers/{first}/accept")
    assert load(Question, question_id).accepted_answer_id == first
    client.post(f"/en/answers/{second}/accept")
    assert load(Question, question_id).accepted_answer_id == second


def test_only_the_asker_or_staff_accept(client, make_user, ask, answer, sign_in, load):
    question_id = ask(make_user())
    answer_id = answer(make_user(), question_id)
    sign_in(make_user().email)
    assert client.post(f"/en/answers/{answer_id}/accept").status_code == 403
    assert load(Question, question_id).accepted_answer_id is None
    sign_in(make_user("moderator").email)
    client.post(f"/en/answers/{answer_id}/accept")
    assert load(Question, question_id).accepted_answer_id == answer_id


def test_answers_are_ordered_accepted_expert_helpful_oldest(
    app, client, make_user, ask, answer, sign_in
):
    asker = make_user()
    question_id = ask(asker)
    oldest = answer(make_user(), question_id, "The oldest answer from a member here.")
    helpful = answer(make_user(), question_id, "The most helpful answer from a member.")
    expert = answer(make_user("expert"), question_id, "The answer from a verified expert.")
    accepted = answer(make_user(), question_id, "The answer that solved the question.")
    with app.app_context():
        db.session.execute(update(Answer).where(Answer.id == helpful).values(helpful_count=5))
        db.session.execute(update(Question).values(accepted_answer_id=accepted))
        db.session.commit()
    thread = open_thread(client, question_id)
    positions = [thread.index(f'id="answer-{a}"') for a in (accepted, expert, helpful, oldest)]
    assert positions == sorted(positions)
    assert "Verified expert" in thread and "Accepted answer" in thread


def test_the_thread_page_needs_the_same_queries_for_1_or_30_answers(
    app, client, make_user, ask, answer, sign_in
):
    reader = make_user()
    one, many = ask(make_user()), ask(make_user(), "A question with very many answers?")
    answer(make_user(), one)
    writers = [make_user() for _ in range(6)]
    for number in range(30):
        answer(writers[number % 6], many, f"Answer number {number} with enough text.")
    sign_in(reader.email)

    def queries_for(question_id: int) -> int:
        client.get(thread_url(question_id), follow_redirects=True)  # warm caches
        statements = []
        with app.app_context():
            engine = db.engine
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            open_thread(client, question_id)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(statements)

    assert queries_for(one) == queries_for(many) <= 10


@pytest.mark.parametrize("lang", ["lt", "en", "ru"])
def test_visitors_see_how_to_answer(client, make_user, ask, lang):
    thread = open_thread(client, ask(make_user()), lang)
    assert "/account/sign-in?next=" in thread


COMMENT_FORM = re.compile(
    r'<form method="post" class="form" novalidate action="(?P<action>[^"]+/comment)">\s*'
    r'<input id="(?P<prefix>comment-\w+-\d+)-submission_key" '
    r'name="(?P=prefix)-submission_key" type="hidden" value="(?P<key>[^"]+)">'
)


def test_each_comment_form_has_its_own_names_address_and_key(
    app, client, make_user, ask, answer, sign_in
):
    """A member's page stamps its comment forms from one blank one: each must stand alone."""
    asker, helper = make_user(), make_user()
    question_id = ask(asker)
    first = answer(helper, question_id)
    second = answer(make_user(), question_id, "Book a time at the migration office first.")
    sign_in(helper.email)
    data = {f"comment-answer-{first}-body": "Which city do you live in?"}
    assert client.post(f"/en/answers/{first}/comment", data=data).status_code == 302
    sign_in(asker.email)
    forms = COMMENT_FORM.findall(open_thread(client, question_id))
    assert sorted((action, prefix) for action, prefix, _ in forms) == sorted(
        [
            (f"/en/questions/{question_id}/comment", f"comment-question-{question_id}"),
            (f"/en/answers/{first}/comment", f"comment-answer-{first}"),
            (f"/en/answers/{second}/comment", f"comment-answer-{second}"),
        ]
    )
    assert len({key for _, _, key in forms}) == 3
    # sent one after the other from the same page, each form adds its own comment
    for number, (action, prefix, key) in enumerate(forms):
        data = {f"{prefix}-body": f"Comment number {number} here.", f"{prefix}-submission_key": key}
        assert client.post(action, data=data).status_code == 302
    thread = open_thread(client, question_id)
    assert all(f"Comment number {number} here." in thread for number in range(3))
