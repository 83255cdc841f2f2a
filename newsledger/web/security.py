"""The web app's safety rails, as a middleware (see app.py's doc for what they are)."""
from __future__ import annotations

import hmac
import ipaddress
import secrets
from typing import Callable
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

TOKEN_COOKIE = "newsledger_token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def loopback_hosts() -> list[str]:
    """Host header values accepted when serving on a loopback address."""
    return ["127.0.0.1", "localhost", "::1"]


def guard(*, token: str | None, hosts: set[str] | None, loopback: bool) -> Callable:
    """The HTTP middleware: Host check, token, same-origin writes, security headers."""

    async def middleware(request: Request, call_next: Callable) -> Response:
        nonce = secrets.token_urlsafe(16)
        request.state.nonce = nonce
        response = _refusal(request, token, hosts, loopback)
        if response is None:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = _csp(nonce)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cache-Control"] = "no-store"
        return response

    return middleware


def _refusal(request: Request, token: str | None, hosts: set[str] | None,
             loopback: bool) -> Response | None:
    """The response that refuses this request, or None to let it through."""
    if hosts is not None and _host_name(request.headers.get("host", "")) not in hosts:
        return _text("unknown Host header\n", 400)
    if request.method not in SAFE_METHODS and not loopback and not token:
        return _text("changing the ledger over a non-loopback address needs a token "
                     "(--token)\n", 403)
    if request.method not in SAFE_METHODS and not _same_origin(request):
        return _text("cross-site request refused\n", 403)
    if token and not _authorised(request, token):
        if _matches(request.query_params.get("token"), token):
            clean = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            response = RedirectResponse(request.url.path + ("?" + urlencode(clean)
                                                            if clean else ""), 303)
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", path="/")
            return response
        return Response("a token is needed: open this page with ?token=... or send "
                        "'Authorization: Bearer ...'\n", status_code=401,
                        media_type="text/plain", headers={"WWW-Authenticate": "Bearer"})
    return None


def _text(message: str, status: int) -> Response:
    return Response(message, status_code=status, media_type="text/plain")


def _host_name(header: str) -> str:
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _csp(nonce: str) -> str:
    return ("default-src 'self'; "
            f"script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
            "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")


def _same_origin(request: Request) -> bool:
    """No Origin header (not a browser's cross-site request), or this server's own."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return origin.split("://", 1)[-1].rstrip("/").lower() == \
        request.headers.get("host", "").lower()


def _authorised(request: Request, token: str) -> bool:
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer " and _matches(auth[7:].strip(), token):
        return True
    return _matches(request.cookies.get(TOKEN_COOKIE), token)


def _matches(given: str | None, token: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode("utf-8", "replace"),
                                               token.encode("utf-8", "replace"))
