"""Configuration: defaults for the embedded setup and overrides from the environment."""

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = PROJECT_ROOT / "translations"
MIGRATIONS = PROJECT_ROOT / "migrations"

LANGUAGES = ("lt", "en", "ru")
DEFAULT_LANGUAGE = "lt"


class ConfigurationError(RuntimeError):
    """Raised when the application cannot start safely with the given settings."""


class DefaultConfig:
    """Settings for a single machine: SQLite, Whoosh and jobs in-process."""

    MIPAS_ENV = "development"
    LANGUAGES = LANGUAGES
    BABEL_DEFAULT_LOCALE = DEFAULT_LANGUAGE
    BABEL_DEFAULT_TIMEZONE = "Europe/Vilnius"

    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    REDIS_URL = None

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30
    WTF_CSRF_TIME_LIMIT = None

    MAIL_SERVER = None
    MAIL_PORT = 587
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_USE_TLS = True
    MAIL_DEFAULT_SENDER = "MIPAS <no-reply@mipas.example>"

    CONFIRM_EMAIL_MAX_AGE = 60 * 60 * 48
    RESET_PASSWORD_MAX_AGE = 60 * 60 * 2
    # how long the asker's link to consent to a public version of a consultation works
    CONSENT_LINK_MAX_AGE = 60 * 60 * 24 * 30

    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    SIGN_IN_RATE_LIMIT = "10 per minute; 60 per hour"
    # failed sign-ins naming one account, from all clients together (guessing from many
    # addresses); the same for an address without an account, so it tells nobody which exist
    SIGN_IN_ACCOUNT_RATE_LIMIT = "10 per 15 minutes; 50 per day"
    SIGN_UP_RATE_LIMIT = "5 per minute; 30 per day"
    POSTING_RATE_LIMIT = "6 per minute; 60 per hour"
    PASSWORD_RESET_RATE_LIMIT = "5 per minute; 20 per day"  # noqa: S105 - not a secret
    EXPORT_RATE_LIMIT = "3 per minute; 10 per day"

    MAX_CONTENT_LENGTH = 2 * 1024 * 1024

    # moderation: members with fewer public posts wait for review; flags that hide a post
    PREMODERATION_POSTS = 2
    FLAG_HIDE_THRESHOLD = 3
    # a knowledge-base article is due for review this many months after it was last checked
    KNOWLEDGE_REVIEW_MONTHS = 12
    SPAM_BLOCKLIST: tuple[str, ...] = ("casino", "viagra", "crypto giveaway", "быстрый заработок")
    # an urgent question should have an expert's answer within this many hours
    URGENT_RESPONSE_HOURS = 24

    # visitors' pages kept as rendered HTML (app/page_cache.py): in Redis with REDIS_URL, else
    # in each process's memory, up to PAGE_CACHE_MEMORY_MB; kept at most PAGE_CACHE_SECONDS,
    # which bounds how old a "3 minutes ago" on a kept page can be (changes never wait for it)
    PAGE_CACHE = True
    PAGE_CACHE_SECONDS = 60
    PAGE_CACHE_MEMORY_MB = 32

    # the funding line of the About page and the footer, per language; empty: none shown
    FUNDING_NOTICE: dict[str, str] = {
        "lt": "MIPAS projektas bendrai finansuotas iš Prieglobsčio, migracijos ir integracijos "
        "fondo 2014–2020 m. nacionalinės programos lėšų. Projekto vykdytojas – Diversity "
        "Development Group. Projekto laikotarpis: 2017-05-02 – 2022-12-31.",
        "en": "The MIPAS project was co-funded by the national programme 2014–2020 of the "
        "Asylum, Migration and Integration Fund. Implemented by Diversity Development Group. "
        "Project period: 2 May 2017 – 31 December 2022.",
        "ru": "Проект MIPAS софинансировался из средств национальной программы Фонда убежища, "
        "миграции и интеграции на 2014–2020 годы. Исполнитель проекта – Diversity "
        "Development Group. Срок проекта: 02.05.2017 – 31.12.2022.",
    }
    # the platform's accounts on social networks, shown in the footer: (name, address) pairs
    SOCIAL_ACCOUNTS: tuple[tuple[str, str], ...] = ()


# Settings read from plain environment variables, as a hosting platform sets them.
ENVIRONMENT_SETTINGS = (
    "SECRET_KEY",
    "REDIS_URL",
    "MAIL_SERVER",
    "MAIL_PORT",
    "MAIL_USERNAME",
    "MAIL_PASSWORD",
    "MAIL_USE_TLS",
    "MAIL_DEFAULT_SENDER",
    "MIPAS_ENV",
    "PROXY_HOPS",
    "URGENT_RESPONSE_HOURS",
    "PAGE_CACHE",
    "PAGE_CACHE_SECONDS",
    "PAGE_CACHE_MEMORY_MB",
)

NUMBER_SETTINGS = frozenset(
    {
        "PROXY_HOPS",
        "URGENT_RESPONSE_HOURS",
        "MAIL_PORT",
        "PAGE_CACHE_SECONDS",
        "PAGE_CACHE_MEMORY_MB",
    }
)
YES_NO_SETTINGS = frozenset({"MAIL_USE_TLS", "PAGE_CACHE"})


def environment_overrides(
    environ: Mapping[str, str] | None = None, feature_settings: Mapping[str, object] = {}
) -> dict[str, object]:
    """Return the settings given through environment variables: app's own, and the feature
    packages' (`feature_settings`, name -> default), each read as the type of its default."""
    environ = os.environ if environ is None else environ
    overrides: dict[str, object] = {
        name: environ[name] for name in ENVIRONMENT_SETTINGS if environ.get(name)
    }
    overrides.update(
        (name, typed_like(name, default, environ[name]))
        for name, default in feature_settings.items()
        if environ.get(name)
    )
    if environ.get("DATABASE_URL"):
        overrides["SQLALCHEMY_DATABASE_URI"] = environ["DATABASE_URL"]
    for name in NUMBER_SETTINGS & overrides.keys():
        overrides[name] = int(str(overrides[name]))
    for name in YES_NO_SETTINGS & overrides.keys():
        overrides[name] = str(overrides[name]).lower() in {"1", "true", "yes"}
    funding = {
        code: environ[f"FUNDING_NOTICE_{code.upper()}"]
        for code in LANGUAGES
        if f"FUNDING_NOTICE_{code.upper()}" in environ  # an empty one removes the line
    }
    if funding:
        overrides["FUNDING_NOTICE"] = {**DefaultConfig.FUNDING_NOTICE, **funding}
    if environ.get("SOCIAL_ACCOUNTS"):
        overrides["SOCIAL_ACCOUNTS"] = social_accounts(environ["SOCIAL_ACCOUNTS"])
    return overrides


def typed_like(name: str, default: object, text: str) -> object:
    """An environment variable's text as the type of the setting's default."""
    if isinstance(default, bool):
        return text.strip().lower() in {"1", "true", "yes"}
    if isinstance(default, int | float):
        try:
            return type(default)(text)
        except ValueError:
            raise ConfigurationError(f"{name}: {text!r} is not a number") from None
    return text


def social_accounts(text: str) -> tuple[tuple[str, str], ...]:
    """ "Facebook=https://…, Instagram=https://…" as (name, address) pairs."""
    pairs = []
    for entry in text.split(","):
        name, _, address = entry.partition("=")
        if not name.strip() or not address.strip().startswith("https://"):
            raise ConfigurationError(
                f"SOCIAL_ACCOUNTS: write 'Name=https://address' pairs separated by commas, "
                f"not {entry.strip()!r}"
            )
        pairs.append((name.strip(), address.strip()))
    return tuple(pairs)


def finish_config(config: dict, instance_path: Path) -> None:
    """Fill in the settings that depend on the instance folder or on other settings."""
    production = config.get("MIPAS_ENV") == "production"
    if not config.get("SECRET_KEY"):
        if production:
            raise ConfigurationError(
                "SECRET_KEY is not set. In production MIPAS needs a long random SECRET_KEY "
                "in the environment, for example: "
                "SECRET_KEY=\"$(python3 -c 'import secrets; print(secrets.token_hex(32))')\""
            )
        config["SECRET_KEY"] = development_secret_key(instance_path)
    config.setdefault("SQLALCHEMY_DATABASE_URI", f"sqlite:///{instance_path / 'mipas.sqlite3'}")
    redis_url = config.get("REDIS_URL")
    config.setdefault("RATELIMIT_STORAGE_URI", redis_url or "memory://")
    if production:
        config["SESSION_COOKIE_SECURE"] = True
        config["REMEMBER_COOKIE_SECURE"] = True
        config.setdefault("PREFERRED_URL_SCHEME", "https")


def development_secret_key(instance_path: Path) -> str:
    """Read the development secret key from the instance folder, creating it once."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
