"""Language of the interface: URL prefixes, the saved choice, and the language switcher."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from babel.dates import format_timedelta
from babel.support import NullTranslations
from flask import Flask, current_app, g, request, url_for
from flask_babel import format_datetime, get_locale, get_timezone, get_translations
from flask_login import current_user
from werkzeug.routing import BaseConverter, BuildError

from app.config import DEFAULT_LANGUAGE, LANGUAGES

LANGUAGE_COOKIE = "mipas_lang"
LANGUAGE_NAMES = {"lt": "Lietuvių", "en": "English", "ru": "Русский"}
# the locale a social network is told a page is in (og:locale)
OPEN_GRAPH_LOCALES = {"lt": "lt_LT", "en": "en_GB", "ru": "ru_RU"}


class LanguageConverter(BaseConverter):
    """Match only the interface languages, so /de/... is a plain 404."""

    regex = "(?:" + "|".join(LANGUAGES) + ")"


def init_locale(app: Flask) -> None:
    """Route every page under its language and remember the visitor's choice."""
    app.url_map.converters["lang"] = LanguageConverter

    @app.url_value_preprocessor
    def take_language(endpoint: str | None, values: dict | None) -> None:
        if values and "lang_code" in values:
            g.lang_code = values.pop("lang_code")

    # Endpoint -> whether its address has a language; the map is fixed once requests start, and
    # url_for runs this for every link (about 80 on a list page).
    expects_language: dict[str, bool] = {}

    @app.url_defaults
    def add_language(endpoint: str, values: dict) -> None:
        if "lang_code" in values:
            return
        expected = expects_language.get(endpoint)
        if expected is None:
            expected = app.url_map.is_endpoint_expecting(endpoint, "lang_code")
            expects_language[endpoint] = expected
        if expected:
            values["lang_code"] = current_language()

    @app.after_request
    def remember_language(response):
        language = g.get("lang_code")
        if g.get("language_negotiated"):
            return response
        if language and request.cookies.get(LANGUAGE_COOKIE) != language:
            response.set_cookie(
                LANGUAGE_COOKIE,
                language,
                max_age=60 * 60 * 24 * 365,
                samesite="Lax",
                httponly=True,
                secure=app.config.get("SESSION_COOKIE_SECURE", False),
            )
        return response


def negotiated_language(asked: str | None) -> str | None:
    """The language a machine client asks for: `asked` (such as ?lang=), else its
    Accept-Language, else Lithuanian; None when `asked` names no language of the site.

    The choice is the request's language (dates, topic names) but is not remembered: a client
    of an API keeps no cookie, and a cached response must not set one.
    """
    if asked:
        if asked not in LANGUAGES:
            return None
        language = asked
    else:
        language = request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE
    g.lang_code = language
    g.language_negotiated = True
    return language


def current_language() -> str:
    """The language of the page being served, also for an address that matched no page."""
    return g.get("lang_code") or _prefix_of(request.path) or preferred_language()


def _prefix_of(path: str) -> str | None:
    prefix = path.lstrip("/").split("/", 1)[0]
    return prefix if prefix in LANGUAGES else None


def preferred_language() -> str:
    """The saved choice, else the account's language, else the browser's, else Lithuanian."""
    saved = request.cookies.get(LANGUAGE_COOKIE)
    if saved in LANGUAGES:
        return saved
    if current_user and current_user.is_authenticated and current_user.language in LANGUAGES:
        return current_user.language
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def time_ago(moment: datetime) -> str:
    """How long ago `moment` was, in the page's language ("prieš 3 dienas", "3 дня назад")."""
    # the Locale itself, not its name: Babel would parse the name again on every row
    return format_timedelta(
        moment - datetime.now(UTC), add_direction=True, locale=get_locale(), threshold=0.9
    )


def duration(length: timedelta) -> str:
    """A length of time in the page's language, in hours up to two days ("30 hours", "3 дня")."""
    return format_timedelta(length, threshold=2, granularity="minute", locale=get_locale())


# Dates as Babel wrote them, by moment, format, locale and time zone. Babel spends about 25 µs
# on each (41 dates on a thread page, 60 on a list page), always giving the same text for the
# same key; posts' dates do not change, so the same rows are formatted again and again.
_formatted_dates: dict[tuple, str] = {}
FORMATTED_DATES_KEPT = 20_000


# A format of our own beside Babel's names: the medium date with a short time. Posts are dated
# to the minute; Babel's "medium" date and time would add the seconds.
MINUTES = "minutes"


def minutes_pattern(locale) -> str:
    """The locale's pattern for a medium date with a short time, e.g. "5 нояб. 2026 г., 18:13"."""
    return (
        str(locale.datetime_formats["medium"])
        .replace("{1}", locale.date_formats["medium"].pattern)
        .replace("{0}", locale.time_formats["short"].pattern)
    )


def format_moment(moment: datetime, format: str | None = None) -> str:
    """Flask-Babel's `datetimeformat` filter, remembering what it wrote; knows `MINUTES` too."""
    # Flask-Babel keeps the request's locale and zone here once they are chosen; reading them
    # directly saves six proxy look-ups a date over get_locale() and get_timezone()
    state = g.get("_flask_babel")
    locale = getattr(state, "babel_locale", None) or get_locale()
    zone = getattr(state, "babel_tzinfo", None) or get_timezone()
    key = (moment, format, locale, zone)
    try:
        return _formatted_dates[key]
    except KeyError:
        pass
    text = format_datetime(moment, minutes_pattern(locale) if format == MINUTES else format)
    if len(_formatted_dates) >= FORMATTED_DATES_KEPT:
        _formatted_dates.clear()
    _formatted_dates[key] = text
    return text


# Catalogues by Babel domain and locale. Flask-Babel's get_translations reaches its request
# state through `g` three times and names the locale on each of the ~100 gettext calls a page
# makes; this finds the same catalogue with one look-up of `g`.
_catalogues: dict[tuple, NullTranslations] = {}


def page_translations() -> NullTranslations:
    """The translations in force: those of the page's locale, or of `force_locale`'s."""
    state = g.get("_flask_babel")
    locale = getattr(state, "babel_locale", None)
    domain = getattr(state, "babel_domain", None)
    if locale is None or domain is None:
        return get_translations()
    try:
        return _catalogues[domain, locale]
    except KeyError:
        translations = _catalogues[domain, locale] = get_translations()
        return translations


def install_template_gettext(app: Flask) -> None:
    """Give templates gettext callables that find the catalogue quickly (see page_translations)."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: page_translations().ugettext(s),
        ngettext=lambda s, p, n: page_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: page_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: page_translations().unpgettext(c, s, p, n),
    )


def select_locale() -> str:
    """Flask-Babel's locale selector."""
    return current_language()


def language_url(language: str, external: bool = False) -> str:
    """The address of the current page in another language (its home page if it has none)."""
    endpoint = request.endpoint
    if endpoint and current_app.url_map.is_endpoint_expecting(endpoint, "lang_code"):
        values = {**_query_values(endpoint), **(request.view_args or {})}
        try:
            return url_for(endpoint, lang_code=language, _external=external, **values)
        except (BuildError, TypeError, ValueError):
            # the address matched, so it can be built without what the query string added
            return url_for(
                endpoint, lang_code=language, _external=external, **(request.view_args or {})
            )
    if _prefix_of(request.path):
        # an address that matched no page: the same address in the other language
        path = f"/{language}/" + request.path.lstrip("/").split("/", 1)[-1]
        return (request.host_url.rstrip("/") + path) if external else path
    return url_for("main.home", lang_code=language, _external=external)


def _query_values(endpoint: str) -> dict[str, str]:
    """The query string's values that url_for may take as plain query parameters.

    url_for reads `endpoint` and the names that begin with "_" (_external, _scheme, _method,
    _anchor) itself, and a name that the endpoint's rules use for a path value (lang_code,
    question_id, kind) would replace it: a visitor's `?lang_code=x` or `?_scheme=x` must not
    choose how the links of the page are built.
    """
    reserved = _path_arguments(endpoint)
    return {
        name: value
        for name, value in request.args.items()
        if not name.startswith("_") and name != "endpoint" and name not in reserved
    }


# Endpoint -> the names its rules take from the path or as defaults; fixed once requests start.
_endpoint_arguments: dict[str, frozenset[str]] = {}


def _path_arguments(endpoint: str) -> frozenset[str]:
    names = _endpoint_arguments.get(endpoint)
    if names is None:
        names = frozenset(
            name
            for rule in current_app.url_map.iter_rules(endpoint)
            for name in (*rule.arguments, *(rule.defaults or {}))
        )
        _endpoint_arguments[endpoint] = names
    return names


def one_per_group(items: Iterable[Any], language: str) -> list[tuple[Any, tuple[str, ...]]]:
    """Of each translation group's items (articles, news), the one in `language`, else the first
    in the site's language order; with the languages of the group's other items."""
    by_group: dict[int, dict[str, Any]] = {}
    for item in items:
        by_group.setdefault(item.group_id, {})[item.language] = item
    order = [language, *(code for code in LANGUAGES if code != language)]
    chosen = []
    for versions in by_group.values():
        item = next(versions[code] for code in order if code in versions)
        others = tuple(code for code in LANGUAGES if code in versions and code != item.language)
        chosen.append((item, others))
    return chosen
