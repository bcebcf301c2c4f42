"""Security headers and safe redirects."""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlsplit

from flask import Flask, Response, abort, current_app, request
from werkzeug.datastructures import MultiDict
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def client_key() -> str:
    """The client's address as a keyed hash: rate limits tell clients apart without keeping
    their addresses, in memory or in Redis (DESIGN 8)."""
    address = (request.remote_addr or "unknown").encode()
    return hmac.new(current_app.secret_key.encode(), address, hashlib.sha256).hexdigest()[:32]


def account_key() -> str:
    """The account a sign-in names, as a keyed hash of the typed address: limits count
    attempts per account from every client, for addresses with and without an account alike,
    and keep no address."""
    email = (request.form.get("email") or "").strip().lower()
    digest = hmac.new(current_app.secret_key.encode(), email.encode(), hashlib.sha256)
    return "account-" + digest.hexdigest()[:32]


def init_security(app: Flask) -> None:
    """Trust the configured proxies and send the security headers with every response."""
    # Behind a proxy every request comes from the proxy: without this, all visitors would
    # share one rate limit, and links in e-mails would say http.
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]

    @app.before_request
    def refuse_nul_characters() -> None:
        """A NUL character is never part of what a person typed, and PostgreSQL cannot store
        one: a request that carries one is refused before any page reads it (400)."""
        if "\x00" in request.path or _has_nul(request.args):
            abort(400)
        if request.method == "POST" and _has_nul(request.form):
            abort(400)

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if app.config.get("MIPAS_ENV") == "production":
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response


def _has_nul(values: MultiDict) -> bool:
    return any("\x00" in key or "\x00" in value for key, value in values.items(multi=True))


def safe_next_url(target: str | None) -> str | None:
    """Return `target` if it is a path on this site, else None (no open redirects)."""
    if not target:
        return None
    target = target.strip()
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return None
    return target
