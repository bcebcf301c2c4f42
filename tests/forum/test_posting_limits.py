"""Posting is rate limited."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from forum.models import Question
from tests.forum.test_asking import post_question


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
