"""Posting is rate limited."""

import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from forum.models import Question
from tests.forum.test_asking import post_question
from tests.pages import page


@pytest.fixture
def config(config):
    return {**config, "RATELIMIT_ENABLED": True, "POSTING_RATE_LIMIT": "2 per minute"}


def test_posting_is_rate_limited(app, client, make_user, sign_in, topic_id):
    sign_in(make_user().email)
    codes = [
        post_question(
            client, topic_id, lang="en", title=f"Question number {n} about permits"
        ).status_code
        for n in range(3)
    ]
    assert codes == [302, 302, 429]
    with app.app_context():
        assert db.session.scalar(select(func.count(Question.id))) == 2


@pytest.mark.parametrize(
    ("lang", "when"),
    [
        ("en", r"You can send it again in \d+ minutes?\."),
        ("lt", r"Galėsite išsiųsti dar kartą po \d+ minut(ės|čių)\."),
        ("ru", r"Вы сможете отправить его снова через \d+ минут[уы]?\."),
    ],
)
def test_a_refused_post_keeps_its_text_and_says_when_to_send_it(
    client, make_user, sign_in, topic_id, lang, when
):
    sign_in(make_user().email)
    for n in range(2):
        post_question(client, topic_id, lang=lang, title=f"Question number {n} about permits")
    refused = post_question(
        client,
        topic_id,
        lang=lang,
        title="My third question about permits",
        body="A long text I would not like to type again about my permit renewal.",
    )
    assert refused.status_code == 429
    shown = page(refused)
    assert "My third question about permits" in shown
    assert "A long text I would not like to type again about my permit renewal." in shown
    assert re.search(when, shown), "when posting works again"
