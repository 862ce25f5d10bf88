"""What stands in front of every request: host check, access code, origin check, rate limit,
body size limit, and security headers (a strict Content-Security-Policy among them).

Plain ASGI middleware: it sees the request before any route and every response after.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Any
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException

from rubrika.messages import t
from rubrika.messages.codes import http_status

COOKIE = "rubrika_akses"
CODE_HEADER = b"x-rubrika-code"
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'")
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
OPEN_PATHS = {"/login", "/static/serve.css"}  # reachable without the access code


@dataclass
class GuardSettings:
    code: str | None = None  # None: no access code (loopback only)
    loopback: bool = True  # bound to 127.0.0.1: refuse other Host names (DNS rebinding)
    rate_per_minute: int = 120  # POST requests per client
    rate_burst: int = 30
    max_body: int = 21_000_000  # check, feedback, report (a 20 MB essay file and the form around it)
    max_upload: int = 200_000_000  # a class upload
    max_small_body: int = 16_384  # everything else (the login form)
    lang: str = "id"


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(413, detail=str(limit))
        self.limit = limit


def access_token(code: str) -> str:
    """The cookie value that proves the code was given (the code itself is never stored in it)."""
    return hashlib.sha256(b"rubrika-serve\0" + code.encode("utf-8")).hexdigest()


class RateLimiter:
    """A token bucket per client address: ``burst`` requests at once, ``per_minute`` sustained."""

    def __init__(self, per_minute: int, burst: int):
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.buckets: dict[str, tuple[float, float]] = {}

    def take(self, client: str) -> float:
        """0 when the request may go on; else the seconds to wait."""
        now = time.monotonic()
        tokens, last = self.buckets.get(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens < 1.0:
            self.buckets[client] = (tokens, now)
            return (1.0 - tokens) / self.rate if self.rate else 60.0
        self.buckets[client] = (tokens - 1.0, now)
        if len(self.buckets) > 10_000:  # forget clients whose bucket is full again
            full = [c for c, (left, at) in self.buckets.items() if left + (now - at) * self.rate >= self.burst]
            for c in full:
                del self.buckets[c]
        return 0.0


def _headers(scope) -> dict[bytes, bytes]:
    return {k.lower(): v for k, v in scope.get("headers", [])}


def _lang(scope, default: str) -> str:
    query = scope.get("query_string", b"").decode("latin-1")
    for part in query.split("&"):
        if part in ("lang=en", "lang=id"):
            return part[5:]
    return default


class Guard:
    def __init__(self, app, settings: GuardSettings, render_login=None):
        self.app = app
        self.settings = settings
        self.limiter = RateLimiter(settings.rate_per_minute, settings.rate_burst)
        self.token = access_token(settings.code) if settings.code else None
        self.render_login = render_login  # (lang, status) -> (body bytes, content type)
        self.server: Any = None  # the app's Server, for the command that starts it

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = _headers(scope)
        path = scope["path"]
        method = scope["method"]
        lang = _lang(scope, self.settings.lang)
        send = self._secured(send, path)
        is_api = path.startswith("/api/")

        if self.settings.loopback:
            host = headers.get(b"host", b"").decode("latin-1")
            hostname = urlsplit("//" + host).hostname or ""
            if hostname not in LOOPBACK_HOSTS and f"[{hostname}]" not in LOOPBACK_HOSTS:
                return await self._error(send, "host", t("api.host", lang))
        if method not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get(b"origin")
            if origin and origin != b"null":
                if urlsplit(origin.decode("latin-1")).netloc != headers.get(b"host", b"").decode("latin-1"):
                    return await self._error(send, "origin", t("api.origin", lang))
            wait = self.limiter.take(self._client(scope))
            if wait:
                seconds = max(1, round(wait + 0.5))
                return await self._error(send, "rate-limit", t("api.rate", lang, seconds=seconds),
                                         [(b"retry-after", str(seconds).encode())])
        if self.token and path not in OPEN_PATHS and not self._authorised(headers):
            if is_api or method != "GET" or self.render_login is None:
                return await self._error(send, "access-code", t("api.access_code", lang))
            body, ctype = self.render_login(lang, path)
            return await self._send(send, 401, body, ctype)

        limit = (self.settings.max_upload if path == "/api/grade" else
                 self.settings.max_body if is_api else self.settings.max_small_body)
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                declared = limit + 1
            if declared > limit:
                return await self._error(send, "too-large", t("api.body_size", lang, limit=limit))
        return await self.app(scope, self._counted(receive, limit), send)

    def _client(self, scope) -> str:
        client = scope.get("client")
        return client[0] if client else "?"

    def _authorised(self, headers: dict[bytes, bytes]) -> bool:
        if self.token is None:  # no access code: nothing to be authorised by
            return False
        given = headers.get(CODE_HEADER)
        if given is not None:
            return hmac.compare_digest(access_token(given.decode("utf-8", "replace")), self.token)
        cookie = headers.get(b"cookie")
        if cookie:
            jar = SimpleCookie()
            try:
                jar.load(cookie.decode("latin-1"))
            except Exception:  # a malformed cookie header is simply no cookie
                return False
            if COOKIE in jar:
                return hmac.compare_digest(jar[COOKIE].value, self.token)
        return False

    @staticmethod
    def _counted(receive, limit: int):
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        return counted

    @staticmethod
    def _secured(send, path: str):
        async def secured(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", PAGE_CSP.encode()))
                if b"x-frame-options" not in names:
                    headers.append((b"x-frame-options", b"DENY"))
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                            (b"cross-origin-opener-policy", b"same-origin"),
                            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()")]
                if path.startswith("/api/") and b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        return secured

    async def _error(self, send, code: str, message: str, extra=()):
        body = json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode("utf-8")
        await self._send(send, http_status(code), body, b"application/json", extra)

    @staticmethod
    async def _send(send, status: int, body: bytes, ctype: bytes, extra=()):
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()), *extra]})
        await send({"type": "http.response.body", "body": body})
