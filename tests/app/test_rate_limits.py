"""Sign-in and sign-up are rate limited, in memory or in Redis."""

import pytest

from app import create_app
from app.extensions import limiter
from tests.conftest import PASSWORD, dispose, service_url


@pytest.fixture
def config(config):
    return {
        **config,
        "RATELIMIT_ENABLED": True,
        "SIGN_IN_RATE_LIMIT": "3 per minute",
        "EXPORT_RATE_LIMIT": "2 per minute",
    }


def try_to_sign_in(client, times: int) -> list[int]:
    return [
        client.post(
            "/lt/account/sign-in", data={"email": "x@example.org", "password": "wrong"}
        ).status_code
        for _ in range(times)
    ]


def test_sign_in_is_limited_with_a_translated_page(client):
    assert try_to_sign_in(client, 4) == [200, 200, 200, 429]
    page = client.post("/lt/account/sign-in", data={}).get_data(as_text=True)
    assert "Per daug bandymų" in page


def test_data_downloads_are_limited(client, make_user):
    member = make_user()
    client.post("/en/account/sign-in", data={"email": member.email, "password": PASSWORD})
    codes = [
        client.post("/en/account/export", data={"current_password": PASSWORD}).status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]


def test_reading_the_sign_in_page_is_not_limited(client):
    try_to_sign_in(client, 3)
    assert client.get("/lt/account/sign-in").status_code == 200


@pytest.mark.redis
def test_limits_are_shared_through_redis(config, tmp_path):
    redis_url = service_url("TEST_REDIS_URL")
    shared = {**config, "RATELIMIT_STORAGE_URI": redis_url}
    first, second = create_app(shared), create_app(shared)
    limiter.reset()  # counts left on the server by an earlier run
    try:
        assert try_to_sign_in(first.test_client(), 2) == [200, 200]
        assert try_to_sign_in(second.test_client(), 2) == [200, 429]
    finally:
        dispose(first)
        dispose(second)
