"""One access-log line per request, with nothing in it that names a person.

No client address (raw or hashed), no query string (a search can be a name, a `next=` an
address), no token from a mailed link, no user agent: the method, the path with its tokens
masked, the status, the time taken and whether someone was signed in. Addresses
that matched no page are logged by their language prefix only, since anything can be typed
there. gunicorn's own access log stays off (gunicorn.conf.py), and the development server's
request lines, which carry the client's address, are left out of the log.
"""

from __future__ import annotations

import logging
import time

from flask import Flask, Response, g, request

log = logging.getLogger("mipas.access")

# Path values that are secrets: the opaque tokens of mailed links.
SECRET_ARGUMENTS = frozenset({"token"})
MASK = "[token]"


def loggable_path() -> str:
    """The request's path with its secrets masked; only the first segment of an unknown one."""
    path = request.path
    if request.url_rule is None:
        first = path.lstrip("/").split("/", 1)[0]
        return f"/{first}/[unmatched]" if first else "/"
    for name, value in (request.view_args or {}).items():
        if name in SECRET_ARGUMENTS and isinstance(value, str) and value:
            path = path.replace(value, MASK)
    return path


class _NoDevServerRequestLines(logging.Filter):
    """Werkzeug's development server writes "<client address> - - [date] request" lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        return " - - [" not in record.getMessage()


def init_access_log(app: Flask) -> None:
    """Write one line per request to the `mipas.access` logger (ACCESS_LOG, on by default)."""
    if not app.config.get("ACCESS_LOG", True):
        return
    werkzeug_log = logging.getLogger("werkzeug")
    if not any(isinstance(f, _NoDevServerRequestLines) for f in werkzeug_log.filters):
        werkzeug_log.addFilter(_NoDevServerRequestLines())

    @app.before_request
    def start_clock() -> None:
        g.access_started = time.perf_counter()

    @app.after_request
    def write_line(response: Response) -> Response:
        started = g.get("access_started")
        took = f"{(time.perf_counter() - started) * 1000:.0f}ms" if started else "-"
        # whether someone was signed in, if the page looked (never loading the account for it)
        user = g.get("_login_user")
        who = "-" if user is None else ("member" if user.is_authenticated else "visitor")
        log.info("%s %s %s %s %s", request.method, loggable_path(), response.status_code, took, who)
        return response
