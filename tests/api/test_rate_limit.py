"""The API's limit per client address."""

from __future__ import annotations

import pytest


@pytest.fixture
def config(config):
    return {**config, "RATELIMIT_ENABLED": True, "API_RATE_LIMIT": "3 per minute"}


def test_past_the_limit_a_client_gets_a_429_problem_document(client):
    for _ in range(3):
        assert client.get("/api/v1/topics").status_code == 200
    refused = client.get("/api/v1/topics", headers={"Accept-Language": "en"})
    assert refused.status_code == 429
    assert refused.mimetype == "application/problem+json"
    assert refused.get_json()["title"] == "Too many requests"
    another = client.get("/api/v1/topics", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert another.status_code == 200
