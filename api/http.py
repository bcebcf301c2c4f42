"""HTTP for the partner API: strict query parameters, opaque cursors, conditional responses
and errors as problem documents (RFC 9457)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from datetime import datetime
from typing import Any, NoReturn

from flask import Response, abort, current_app, json, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError

from app.locale import current_language

PROBLEM_TYPE = "about:blank"
PROBLEM_TITLES = {
    400: _l("Bad request"),
    404: _l("Not found"),
    405: _l("Method not allowed"),
    429: _l("Too many requests"),
    500: _l("Server error"),
}
PROBLEM_DETAILS = {
    400: _l("The request's parameters are not valid."),
    404: _l("There is nothing public at this address."),
    405: _l("The API only reads: use GET."),
    429: _l("This address sent too many requests. Wait a minute and try again."),
    500: _l("The error has been logged. Please try again in a few minutes."),
}


def problem(status: int, detail: str | None = None, invalid: dict | None = None) -> Response:
    """An error as application/problem+json, in the request's language."""
    title = PROBLEM_TITLES.get(status) or PROBLEM_TITLES[400 if status < 500 else 500]
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE,
        "title": str(title),
        "status": status,
        "detail": detail or str(PROBLEM_DETAILS.get(status, PROBLEM_DETAILS[400])),
    }
    if invalid:
        body["invalid-params"] = invalid
    response = current_app.response_class(
        json.dumps(body), status=status, mimetype="application/problem+json"
    )
    response.headers["Content-Language"] = current_language()
    response.cache_control.no_store = True
    return response


def refuse(status: int, detail: str | None = None, invalid: dict | None = None) -> NoReturn:
    abort(problem(status, detail, invalid))


def not_found() -> NoReturn:
    refuse(404)


def read_args(schema: type[Schema]) -> dict[str, Any]:
    """The query string read by `schema`; a 400 problem naming each parameter that is wrong."""
    try:
        return schema().load(request.args)
    except ValidationError as error:
        invalid = {
            name: [_("Unknown parameter.") if "Unknown field." in messages else _("Not valid.")]
            for name, messages in _messages(error.normalized_messages()).items()
        }
        refuse(
            400, _("These parameters are not valid: %(names)s.", names=", ".join(invalid)), invalid
        )


def _messages(found: Any) -> dict[str, list]:
    if isinstance(found, dict):
        return {str(name): m if isinstance(m, list) else [m] for name, m in found.items()}
    return {"_": found if isinstance(found, list) else [found]}


def encode_cursor(kind: str, value: str) -> str:
    """An opaque cursor: clients hand back what they got, and never build one."""
    return base64.urlsafe_b64encode(f"{kind}:{value}".encode()).decode().rstrip("=")


def decode_cursor(kind: str, text: str | None) -> str | None:
    """The value of a cursor of `kind`; None when none was given; a 400 when it is not one."""
    if text is None:
        return None
    try:
        decoded = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        decoded = ""
    found_kind, _sep, value = decoded.partition(":")
    if found_kind != kind or not value:
        bad_cursor()
    return value


def bad_cursor() -> NoReturn:
    refuse(400, _("The cursor is not one this API gave."), {"cursor": [_("Not a valid cursor.")]})


def offset_of(text: str | None) -> int:
    """Where a page starts in a short list (articles, news), from its cursor."""
    value = decode_cursor("o", text)
    if value is None:
        return 0
    if not (value.isascii() and value.isdigit()) or len(value) > 6:
        bad_cursor()
    return int(value)


def next_offset(offset: int, limit: int, more: bool) -> str | None:
    return encode_cursor("o", str(offset + limit)) if more else None


def cached_json(payload: dict, changed: Iterable[datetime | None] = ()) -> Response:
    """Public data with its ETag, Last-Modified and Cache-Control; 304 when the client has it."""
    payload = {**payload, "language": current_language()}
    response = current_app.response_class(
        json.dumps(payload, ensure_ascii=False), mimetype="application/json"
    )
    response.add_etag()
    moments = [moment for moment in changed if moment is not None]
    if moments:
        response.last_modified = max(moments)
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["API_MAX_AGE"]
    response.headers["Content-Language"] = current_language()
    response.vary.add("Accept-Language")
    return response.make_conditional(request)
