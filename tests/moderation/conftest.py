"""Moderation tests run with premoderation on, as the site does."""

import pytest

from tests.forum.conftest import answer, ask, load, topic_id  # noqa: F401  (shared fixtures)


@pytest.fixture
def config(config):
    return {**config, "PREMODERATION_POSTS": 2, "FLAG_HIDE_THRESHOLD": 3}
