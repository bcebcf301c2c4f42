"""Numbers too large for the database, and forms with parts missing, are 404 or 400, not 500."""

from __future__ import annotations

import pytest

from tests.app import posts
from tests.conftest import PASSWORD

TOO_LARGE = ("2147483648", "9223372036854775808", "99999999999999999999", "9" * 5000)


@pytest.fixture
def config(config):
    return {**config, "PROPAGATE_EXCEPTIONS": False}


PATHS_WITH_IDS = (
    "/en/questions/{n}",
    "/en/questions/{n}/some-title",
    "/en/answers/{n}/history",
    "/en/comments/{n}/history",
    "/en/posts/answer/{n}/flag",
    "/sitemaps/threads-{n}.xml",
)


def test_ids_too_large_for_the_database_are_not_found(client):
    codes = {
        path.format(n=number): client.get(path.format(n=number)).status_code
        for path in PATHS_WITH_IDS
        for number in TOO_LARGE
    }
    assert set(codes.values()) == {404}, codes


def test_a_member_posting_to_huge_ids_gets_not_found(client, make_user, sign_in):
    sign_in(make_user().email)
    for path in ("/en/questions/2147483648/answer", "/en/answers/99999999999999999999/helpful"):
        assert client.post(path, data={"body": "A long enough answer body."}).status_code == 404
    assert client.get("/en/notifications/2147483648").status_code == 404


def test_a_news_page_past_the_last_one_is_not_found_and_no_number_is_the_first(client):
    for page in ("2", "10001", "99999999999999999999", "9" * 5000):
        assert client.get(f"/en/news/?page={page}").status_code == 404, page
    for page in ("", "0", "-3", "x", "1.5"):
        assert client.get(f"/en/news/?page={page}").status_code == 200, page


def test_a_question_list_cursor_past_every_id_starts_from_the_top(client):
    response = client.get("/en/questions/?after=20260101T000000.000000_99999999999999999999")
    assert response.status_code == 200


def test_a_knowledge_draft_for_a_huge_answer_id_is_not_found(client, make_user, sign_in):
    sign_in(make_user("expert").email)
    assert client.get("/en/kb/new?answer=99999999999999999999").status_code == 404


def test_an_edit_posted_without_its_tags_field_keeps_the_tags(app, client, make_user, sign_in):
    author = make_user()
    question_id = posts.ask(app, author, "How do I renew my residence permit in time?")
    sign_in(author.email, PASSWORD)
    response = client.post(
        f"/en/questions/{question_id}/edit",
        data={
            "title": "How do I renew my residence permit before it ends?",
            "body": "My permit for work ends in three months. What must I do, and when?",
            "topic": "1",
        },
    )
    assert response.status_code == 302


def test_an_edit_posted_without_any_one_field_is_not_a_server_error(
    app, client, make_user, sign_in
):
    author = make_user()
    question_id = posts.ask(app, author, "How do I renew my residence permit in time?")
    sign_in(author.email, PASSWORD)
    form = {
        "title": "How do I renew my residence permit before it ends?",
        "body": "My permit for work ends in three months. What must I do, and when?",
        "topic": "1",
        "tags": "residence-permit",
        "language": "en",
        "reason": "clearer",
    }
    for field in form:
        sent = {name: value for name, value in form.items() if name != field}
        response = client.post(f"/en/questions/{question_id}/edit", data=sent)
        assert response.status_code < 500, field


def test_a_nul_character_is_refused(app, client, make_user, sign_in):
    """PostgreSQL cannot store one: it was a 500 there."""
    author = make_user()
    question_id = posts.ask(app, author, "How do I renew my residence permit in time?")
    sign_in(author.email, PASSWORD)
    assert client.get("/en/search?q=permit%00").status_code == 400
    assert client.get("/en/kb/permit%00").status_code == 400
    response = client.post(
        f"/en/questions/{question_id}/answer", data={"body": "Apply in MIGRIS \x00 in time."}
    )
    assert response.status_code == 400
