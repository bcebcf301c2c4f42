"""Start-up settings: the development secret, production safety, environment overrides."""

import pytest

from app import create_app
from app.config import ConfigurationError, environment_overrides, finish_config


def test_development_generates_a_secret_key_once(tmp_path):
    first, second = {}, {}
    finish_config(first, tmp_path)
    finish_config(second, tmp_path)
    assert len(first["SECRET_KEY"]) >= 64
    assert first["SECRET_KEY"] == second["SECRET_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_without_a_secret_key_refuses_to_start(tmp_path):
    with pytest.raises(ConfigurationError, match="SECRET_KEY is not set"):
        finish_config({"MIPAS_ENV": "production"}, tmp_path)
    assert not (tmp_path / "secret_key").exists()


def test_production_cookies_are_secure(tmp_path):
    config = {"MIPAS_ENV": "production", "SECRET_KEY": "x" * 64}
    finish_config(config, tmp_path)
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]


def test_embedded_defaults_live_in_the_instance_folder(tmp_path):
    config = {}
    finish_config(config, tmp_path)
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'mipas.sqlite3'}"
    assert config["RATELIMIT_STORAGE_URI"] == "memory://"


def test_environment_overrides():
    overrides = environment_overrides(
        {
            "DATABASE_URL": "postgresql+psycopg://db/mipas",
            "REDIS_URL": "redis://cache:6379/0",
            "SEARCH_BACKEND": "postgres",
            "MAIL_PORT": "2525",
            "MAIL_USE_TLS": "false",
            "SEARCH_TIME_LIMIT": "0.5",
            "UNRELATED": "x",
        },
        feature_settings={"SEARCH_BACKEND": "whoosh", "SEARCH_TIME_LIMIT": 0.25},
    )
    assert overrides == {
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://db/mipas",
        "REDIS_URL": "redis://cache:6379/0",
        "SEARCH_BACKEND": "postgres",
        "SEARCH_TIME_LIMIT": 0.5,
        "MAIL_PORT": 2525,
        "MAIL_USE_TLS": False,
    }


def test_rate_limits_use_redis_when_configured(tmp_path):
    config = {"REDIS_URL": "redis://cache:6379/0"}
    finish_config(config, tmp_path)
    assert config["RATELIMIT_STORAGE_URI"] == "redis://cache:6379/0"


def test_production_app_without_secret_stops_with_a_clear_message(monkeypatch):
    monkeypatch.setenv("MIPAS_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_a_feature_setting_that_is_not_a_number_names_itself():
    with pytest.raises(ConfigurationError, match="SEARCH_TIME_LIMIT: 'fast'"):
        environment_overrides({"SEARCH_TIME_LIMIT": "fast"}, {"SEARCH_TIME_LIMIT": 0.25})
