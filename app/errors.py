"""Error pages, translated and in the site's layout, with a minimal page when that fails."""

import logging
import math
import time
from typing import Protocol

from flask import Flask, current_app, g, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import force_locale, format_date, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter import RateLimitExceeded
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.config import DEFAULT_LANGUAGE, LANGUAGES
from app.extensions import db, limiter
from app.locale import LANGUAGE_COOKIE

ERROR_TEXT = {
    400: (_l("The request could not be understood"),
          _l("Something in the request was not right. Go back, reload the page and try again.")),
    403: (_l("You may not open this page"),
          _l("Your account does not have the rights this page needs.")),
    404: (_l("Page not found"),
          _l("The address may be mistyped, or the page was moved or removed.")),
    405: (_l("The request could not be understood"),
          _l("Something in the request was not right. Go back, reload the page and try again.")),
    413: (_l("That was too much to send"),
          _l("The text or file is larger than MIPAS accepts. Make it shorter and try again.")),
    429: (_l("Too many attempts"),
          _l("You have tried this too often in a short time. Wait a few minutes and try again.")),
    500: (_l("Something went wrong on our side"),
          _l("The error has been logged. Please try again in a few minutes.")),
}  # fmt: skip

log = logging.getLogger("mipas.security")
error_log = logging.getLogger("mipas.errors")

CSRF_TEXT = (
    _l("The form could not be sent"),
    _l(
        "The page was open for too long or your browser did not send its security token. "
        "Go back: what you typed is usually still in the form. Reload the page and send it again."
    ),
)

# The fields whose text a refused form shows back, so that nothing written is lost; never a
# password, an address or a token.
WRITTEN_FIELDS = {
    "title": _l("Title"),
    "summary": _l("Summary"),
    "body": _l("Text"),
    "reason": _l("Reason"),
    "note": _l("A note for the moderators"),
    "statement": _l("Your experience"),
    "bio": _l("About you"),
}


def account_state_text() -> str | None:
    """Why a signed-in person cannot act: the state of their own account, if that is why."""
    if not current_user.is_confirmed:
        return _(
            "Please confirm your e-mail address first: open the link we sent you, "
            "or ask for a new one on your profile page."
        )
    if current_user.is_suspended:
        return _(
            "Your account is suspended until %(date)s. You can read, but not post.",
            date=format_date(current_user.suspended_until),
        )
    return None


def written_text() -> list[tuple[str, object, str]]:
    """What the person wrote in the refused form, field by field, to copy from the error page."""
    return [
        (name, label, request.form[name])
        for name, label in WRITTEN_FIELDS.items()
        if request.form.get(name, "").strip()
    ]


def minutes_until_allowed() -> int:
    """Whole minutes until every limit this request broke has reset; at least one."""
    breached = [limit.reset_at for limit in limiter.current_limits if limit.breached]
    if not breached:
        return 1
    # reset_at is rounded up to the next whole second already
    return max(1, math.ceil((max(breached) - 1 - time.time()) / 60))


class ErrorResponder(Protocol):
    """A feature's own form of error for the addresses it serves (a JSON API, say).

    It returns None for a request that is not its own; the first answer given is sent.
    """

    def __call__(self, code: int, error: Exception | None) -> ResponseReturnValue | None: ...


def _answer_of_responders(code: int, error: Exception | None) -> ResponseReturnValue | None:
    for responder in current_app.extensions.get("error_responders", []):
        answer = responder(code, error)
        if answer is not None:
            _roll_back()
            return answer
    return None


def init_errors(app: Flask) -> None:
    """Show every HTTP error on a page of its own, in the visitor's language.

    Features that answer in another form add an ErrorResponder to
    `app.extensions["error_responders"]`; app/ knows none of them.
    """
    app.extensions.setdefault("error_responders", [])

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(400, CSRF_TEXT, written=written_text())

    @app.errorhandler(RateLimitExceeded)
    def rate_limited(error: RateLimitExceeded):
        answer = _answer_of_responders(429, error)
        if answer is not None:
            return answer
        # a refused post keeps its text and says when sending will work again
        minutes = minutes_until_allowed()
        retry = ngettext(
            "You can send it again in %(num)d minute.",
            "You can send it again in %(num)d minutes.",
            minutes,
        )
        written = written_text() if request.method == "POST" else None
        return render_error(429, written=written, retry=retry)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        answer = _answer_of_responders(error.code or 500, error)
        if answer is not None:
            return answer
        if error.code == 401:
            return app.login_manager.unauthorized()
        if error.code == 403:
            # refused attempts are kept in the log: a member trying staff addresses shows here
            user_id = current_user.id if current_user.is_authenticated else "visitor"
            log.warning("403 for %s: %s %s", user_id, request.method, request.path)
        return render_error(error.code or 500)

    @app.errorhandler(500)
    def server_error(error):
        return _answer_of_responders(500, error) or render_error(500)


def render_error(
    code: int, text_pair: tuple | None = None, written: list | None = None, retry: str = ""
):
    """The error page in the site's layout; the minimal page if that cannot be drawn.

    The request's transaction is rolled back first: after a failed statement PostgreSQL
    refuses every further one in it, and the layout reads the signed-in account.
    """
    _roll_back()
    fallback = ERROR_TEXT[400] if code < 500 else ERROR_TEXT[500]
    title, text = text_pair or ERROR_TEXT.get(code, fallback)
    try:
        if code == 403 and current_user.is_authenticated:
            text = account_state_text() or text
        page = render_template(
            "errors/error.html", code=code, title=title, text=text, written=written, retry=retry
        )
    except Exception:
        error_log.exception("The error page for %s failed; the minimal page is shown", code)
        _roll_back()
        return minimal_error_page(code, title, text), code
    return page, code


def _roll_back() -> None:
    try:
        db.session.rollback()
    except Exception:  # a connection that is gone: the next request gets a fresh one
        error_log.exception("Rolling back the failed request's session failed")
        db.session.remove()


# The last resort, if even the minimal template cannot be rendered.
BARE_ERROR_PAGE = (
    '<!doctype html><html lang="lt"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>MIPAS</title>'
    "</head><body><main><h1>MIPAS</h1>"
    "<p>Kažkas nepavyko. Pabandykite dar kartą po kelių minučių.</p>"
    '<p lang="en">Something went wrong. Please try again in a few minutes.</p>'
    '<p lang="ru">Что-то пошло не так. Попробуйте ещё раз через несколько минут.</p>'
    '<p><a href="/">MIPAS</a></p></main></body></html>'
)


def minimal_error_page(code: int, title, text) -> str:
    """The error page without the layout: no database, no account, no links built by rules."""
    language = _language_without_account()
    try:
        with force_locale(language):
            return render_template(
                "errors/minimal.html",
                code=code,
                title=str(title),
                text=str(text),
                language=language,
                root=request.script_root,
            )
    except Exception:
        error_log.exception("The minimal error page failed too")
        return BARE_ERROR_PAGE


def _language_without_account() -> str:
    """The page's language, from the address or the browser; never from the account."""
    chosen = g.get("lang_code")
    prefix = request.path.lstrip("/").split("/", 1)[0]
    for candidate in (chosen, prefix, request.cookies.get(LANGUAGE_COOKIE)):
        if candidate in LANGUAGES:
            return candidate
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE
