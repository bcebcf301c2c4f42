"""Sign-in and sign-up are rate limited, in memory or in Redis."""

import pytest
from redis import Redis

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


def sign_in_from(client, address: str, times: int, **headers) -> list[int]:
    return [
        client.post(
            "/lt/account/sign-in",
            data={"email": "x@example.org", "password": "wrong"},
            environ_base={"REMOTE_ADDR": address},
            headers=headers,
        ).status_code
        for _ in range(times)
    ]


def test_each_client_has_its_own_limit(client):
    assert sign_in_from(client, "203.0.113.7", 4) == [200, 200, 200, 429]
    assert sign_in_from(client, "198.51.100.2", 1) == [200]


@pytest.mark.parametrize(("hops", "second_client"), [(0, 429), (1, 200)])
def test_behind_a_proxy_clients_are_told_apart_by_forwarded_for(config, hops, second_client):
    app = create_app({**config, "PROXY_HOPS": hops})
    try:
        proxied = app.test_client()
        first = sign_in_from(proxied, "10.0.0.1", 4, **{"X-Forwarded-For": "203.0.113.7"})
        assert first[-1] == 429
        second = sign_in_from(proxied, "10.0.0.1", 1, **{"X-Forwarded-For": "198.51.100.2"})
        assert second == [second_client]
    finally:
        dispose(app)


@pytest.mark.redis
def test_redis_keeps_no_client_address(config):
    redis_url = service_url("TEST_REDIS_URL")
    app = create_app({**config, "RATELIMIT_STORAGE_URI": redis_url})
    limiter.reset()
    try:
        sign_in_from(app.test_client(), "203.0.113.7", 2)
        keys = [key.decode() for key in Redis.from_url(redis_url).keys("*")]
        assert any("sign_in" in key or "LIMITS" in key for key in keys), keys
        assert not any("203.0.113.7" in key for key in keys)
    finally:
        dispose(app)


def sign_in_as(client, email: str, address: str, password: str = "wrong") -> int:  # noqa: S107
    return client.post(
        "/en/account/sign-in",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    ).status_code


@pytest.fixture
def account_limited(config):
    return {
        **config,
        "SIGN_IN_RATE_LIMIT": "100 per minute",
        "SIGN_IN_ACCOUNT_RATE_LIMIT": "3 per minute",
    }


# the limits are the same on either database
SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@SQLITE
def test_wrong_passwords_for_one_account_are_limited_from_every_address(account_limited, make_user):
    app = create_app(account_limited)
    try:
        client = app.test_client()
        member = make_user()
        addresses = [f"203.0.113.{n}" for n in range(1, 6)]
        known = [sign_in_as(client, member.email, address) for address in addresses]
        unknown = [sign_in_as(client, "nobody@example.org", address) for address in addresses]
        # the same answers whether or not the address has an account
        assert known == unknown == [200, 200, 200, 429, 429]
        # another account is not held back by them
        assert sign_in_as(client, "someone.else@example.org", "198.51.100.9") == 200
    finally:
        dispose(app)


@SQLITE
def test_a_good_sign_in_does_not_count_against_the_account(account_limited, make_user):
    app = create_app(account_limited)
    try:
        member = make_user()
        for round_ in range(4):
            client = app.test_client()
            assert sign_in_as(client, member.email, f"192.0.2.{round_}", PASSWORD) == 302
    finally:
        dispose(app)


def test_an_app_without_limits_stays_without_them_when_another_app_has_them(config, client):
    """The tests' live server runs without limits beside apps that test them: the app made
    last in a process must not switch limits on for an app configured without them."""
    unlimited = create_app({**config, "RATELIMIT_ENABLED": False})
    limited = create_app(config)
    try:
        assert try_to_sign_in(unlimited.test_client(), 4) == [200, 200, 200, 200]
        assert try_to_sign_in(limited.test_client(), 4) == [200, 200, 200, 429]
    finally:
        dispose(unlimited)
        dispose(limited)
