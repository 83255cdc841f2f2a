"""Fetch one web page over http(s) with the standard library, defensively.

Only http and https; at most MAX_REDIRECTS redirects, each target checked again;
the body (after gzip/deflate decoding too) is bounded while it streams in; one
deadline covers the whole fetch.  Every failure is a FetchError with one clear line.
"""
from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass

USER_AGENT = "newsledger/0.1 (business-news ledger; Python urllib)"
MAX_REDIRECTS = 5
ALLOWED_SCHEMES = ("http", "https")
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A fetch that failed; `reason` is one human-readable line."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Fetched:
    url: str
    final_url: str
    status: int
    content_type: str          # e.g. "text/html; charset=utf-8" ("" when not given)
    body: bytes

    @property
    def mime(self) -> str:
        return self.content_type.split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("'\"")
        return None


def human_size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} MB"
    if n >= 1_000:
        return f"{n / 1_000:g} kB"
    return f"{n} bytes"


def check_url(url: str, *, redirect: bool = False) -> str:
    """Return the url if it is an absolute http(s) URL, else raise FetchError."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as exc:
        raise FetchError(f"invalid URL: {exc}") from None
    scheme = parts.scheme.lower()
    prefix = "redirect to " if redirect else ""
    if not scheme:
        raise FetchError(f"{prefix}not an http(s) URL")
    if scheme not in ALLOWED_SCHEMES:
        raise FetchError(f"{prefix}scheme '{scheme}' not allowed")
    if not parts.hostname:
        raise FetchError(f"{prefix}URL has no host")
    return url


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand 3xx responses back to us so every hop can be checked."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D401
        return None



class _Body:
    """Accumulates a (possibly compressed) body and enforces the size bound."""

    def __init__(self, encoding: str, max_bytes: int):
        self.max_bytes = max_bytes
        self.parts: list[bytes] = []
        self.size = 0
        enc = encoding.strip().lower()
        if enc in ("", "identity"):
            self.decoder = None
        elif enc in ("gzip", "x-gzip", "deflate"):
            self.decoder = zlib.decompressobj(32 + zlib.MAX_WBITS)   # gzip or zlib header
            self.raw_deflate_ok = enc == "deflate"
        else:
            raise FetchError(f"unsupported content encoding '{enc}'")
        self.started = False

    def _add(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.max_bytes:
            raise FetchError(f"larger than {human_size(self.max_bytes)}")
        self.parts.append(data)

    def _inflate(self, data: bytes) -> None:
        assert self.decoder is not None
        try:
            out = self.decoder.decompress(data, self.max_bytes - self.size + 1)
        except zlib.error:
            if not self.started and self.raw_deflate_ok:   # "deflate" sent without header
                self.decoder = zlib.decompressobj(-zlib.MAX_WBITS)
                self.raw_deflate_ok = False
                return self._inflate(data)
            raise FetchError("corrupt compressed body") from None
        self.started = True
        self._add(out)
        while self.decoder.unconsumed_tail:
            out = self.decoder.decompress(self.decoder.unconsumed_tail,
                                          self.max_bytes - self.size + 1)
            if not out:
                break
            self._add(out)

    def feed(self, chunk: bytes) -> None:
        if self.decoder is None:
            self._add(chunk)
        else:
            self._inflate(chunk)

    def finish(self) -> bytes:
        if self.decoder is not None:
            try:
                self._add(self.decoder.flush())
            except zlib.error:
                raise FetchError("corrupt compressed body") from None
        return b"".join(self.parts)


def fetch(url: str, timeout: float = 15.0, max_bytes: int = 10_000_000) -> Fetched:
    """GET `url`; return the final 2xx response, or raise FetchError."""
    check_url(url)
    deadline = time.monotonic() + timeout
    current = url
    for hop in range(MAX_REDIRECTS + 1):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(f"timed out after {timeout:g}s")
        req = urllib.request.Request(current, headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                      "application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        })
        try:
            resp = urllib.request.build_opener(_NoRedirect).open(req, timeout=remaining)
        except urllib.error.HTTPError as exc:
            with exc:
                if exc.code in (301, 302, 303, 307, 308):
                    location = exc.headers.get("Location")
                    if not location:
                        raise FetchError(f"HTTP {exc.code} redirect without Location") from None
                    if hop == MAX_REDIRECTS:
                        raise FetchError(f"more than {MAX_REDIRECTS} redirects") from None
                    current = check_url(urllib.parse.urljoin(current, location.strip()),
                                        redirect=True)
                    continue
                raise FetchError(_http_reason(exc.code, exc.reason)) from None
        except Exception as exc:  # noqa: BLE001 - every network failure becomes one line
            raise FetchError(_network_reason(exc, timeout)) from None
        with resp:
            status = getattr(resp, "status", 200) or 200
            content_type = resp.headers.get("Content-Type", "") or ""
            encoding = resp.headers.get("Content-Encoding", "") or ""
            length = resp.headers.get("Content-Length")
            if length and length.strip().isdigit() and not encoding \
                    and int(length) > max_bytes:
                raise FetchError(f"larger than {human_size(max_bytes)}")
            body = _Body(encoding, max_bytes)
            try:
                while True:
                    if time.monotonic() > deadline:
                        raise FetchError(f"timed out after {timeout:g}s")
                    chunk = resp.read1(_CHUNK) if hasattr(resp, "read1") \
                        else resp.read(_CHUNK)
                    if not chunk:
                        break
                    body.feed(chunk)
            except FetchError:
                raise
            except Exception as exc:  # noqa: BLE001
                raise FetchError(_network_reason(exc, timeout)) from None
            data = body.finish()
        return Fetched(url=url, final_url=current, status=status,
                       content_type=content_type, body=data)
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")  # pragma: no cover


def _http_reason(code: int, reason: object) -> str:
    text = str(reason or "").strip()
    return f"HTTP {code} {text}".strip() if text and text != str(code) else f"HTTP {code}"


def _network_reason(exc: BaseException, timeout: float) -> str:
    inner = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(inner, (socket.timeout, TimeoutError)) or "timed out" in str(inner):
        return f"timed out after {timeout:g}s"
    if isinstance(inner, ConnectionRefusedError):
        return "connection refused"
    if isinstance(inner, socket.gaierror):
        return "host not found"
    if isinstance(inner, ssl.SSLError):
        return f"TLS error: {inner.reason or inner}"
    if isinstance(inner, http.client.IncompleteRead):
        return "connection closed before the whole body arrived"
    if isinstance(inner, (http.client.RemoteDisconnected, ConnectionResetError)):
        return "connection closed by the server"
    if isinstance(inner, http.client.HTTPException):
        return f"bad HTTP response ({type(inner).__name__})"
    if isinstance(inner, ValueError):
        return f"invalid URL: {inner}"
    text = str(inner).strip() or type(inner).__name__
    return f"network error: {text}"
