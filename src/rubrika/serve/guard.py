"""What stands in front of every request: host check, access code (with a back-off on wrong
codes), origin check, rate limit, body size limit and body timeouts, and security headers (a
strict Content-Security-Policy among them).

Plain ASGI middleware: it sees the request before any route and every response after.

Guessing the access code. Every check of a code a client offers (the ``X-Rubrika-Code``
header on any method, the login form) is counted per client (``client_key``: an IPv4
address, or an IPv6 /64, which one machine can fill with addresses). After
``FREE_FAILURES`` wrong codes the client waits ``FIRST_WAIT`` seconds, twice as long after
each further wrong code, up to ``MAX_WAIT``; meanwhile no code it sends is looked at, not
even the right one. A right code forgets the client's failures. The cookie the login form
sets is an HMAC of the code under a key made when the server starts, so a cookie made from
a guessed code proves nothing: it is no second way to guess, and a wrong cookie is not
counted. A generated code has ``CODE_LENGTH`` characters from ``CODE_ALPHABET`` (no
``0/o``, ``1/l/i`` to confuse); docs/serve.md says why that is enough.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import math
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import anyio
from starlette.exceptions import HTTPException

from rubrika.messages import t
from rubrika.messages.codes import http_status

COOKIE = "rubrika_akses"
CODE_HEADER = b"x-rubrika-code"
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'")
# "same-origin", not "no-referrer": with no-referrer a browser sends `Origin: null` on the
# pages' own form posts, and `Origin: null` is refused (any sandboxed page can send it).
REFERRER_POLICY = b"same-origin"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
OPEN_PATHS = {"/login", "/static/serve.css"}  # reachable without the access code

CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # 31 letters and digits, none that look alike
CODE_LENGTH = 10  # 31**10, about 8 * 10**14 codes
FREE_FAILURES = 5  # wrong codes a client may send before it has to wait
FIRST_WAIT = 1.0  # seconds after the FREE_FAILURES-th wrong code, doubled after each further one
MAX_WAIT = 900.0  # at most 15 minutes between two tries
FORGET_AFTER = 86_400.0  # a client's failures are forgotten a day after its last one
MAX_TRACKED = 100_000  # clients whose failures are remembered (the oldest are forgotten first)


@dataclass
class GuardSettings:
    code: str | None = None  # None: no access code (loopback only)
    loopback: bool = True  # bound to 127.0.0.1: refuse other Host names (DNS rebinding)
    rate_per_minute: int = 120  # POST requests per client
    rate_burst: int = 30
    max_body: int = 21_000_000  # check, feedback, report (a 20 MB essay file and the form around it)
    max_upload: int = 200_000_000  # a class upload
    max_small_body: int = 16_384  # everything else (the login form)
    body_idle_seconds: float = 20.0  # the longest pause inside a request body
    min_body_rate: int = 500  # bytes per second a body must average once body_idle_seconds have passed
    lang: str = "id"


class BodyRefused(HTTPException):
    """The guard stops reading a request body; the route answers with the guard's reason."""


class BodyTooLarge(BodyRefused):
    def __init__(self, limit: int):
        super().__init__(413, detail=str(limit))
        self.limit = limit


class BodyTooSlow(BodyRefused):
    def __init__(self) -> None:
        super().__init__(408, detail="slow")


def client_key(host: str | None) -> str:
    """Who a client is for every per-client limit: its IPv4 address, or its IPv6 /64 (one
    machine may use a whole /64); anything else as given."""
    if not host:
        return "?"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def generate_code() -> str:
    """A new access code: CODE_LENGTH characters of CODE_ALPHABET, in two groups to read aloud."""
    letters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    half = CODE_LENGTH // 2
    return f"{letters[:half]}-{letters[half:]}"


def _normal(code: str) -> str:
    """A code as compared: case, spaces and hyphens do not matter (``ABCDE fghjk`` = ``abcde-fghjk``)."""
    return "".join(code.split()).replace("-", "").casefold()


class Access:
    """The access code of a server: compares offered codes and makes and checks the cookie."""

    def __init__(self, code: str):
        self.key = secrets.token_bytes(32)  # made at start: a restart asks for the code again
        self._code = self._digest(code)
        self.cookie = hmac.new(self.key, b"cookie\0" + _normal(code).encode("utf-8"), hashlib.sha256).hexdigest()

    def _digest(self, code: str) -> bytes:
        return hmac.new(self.key, b"code\0" + _normal(code).encode("utf-8", "replace"), hashlib.sha256).digest()

    def matches(self, given: str) -> bool:
        return hmac.compare_digest(self._digest(given), self._code)

    def cookie_matches(self, value: str) -> bool:
        return hmac.compare_digest(value.encode("utf-8", "replace"), self.cookie.encode("ascii"))


@dataclass
class _Failures:
    count: int
    last: float
    until: float


class CodeFailures:
    """Wrong access codes per client, and how long each client must wait before its next try."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.clients: OrderedDict[str, _Failures] = OrderedDict()  # the most recent failure last

    def _current(self, client: str, now: float) -> _Failures | None:
        record = self.clients.get(client)
        if record is not None and now - record.last > FORGET_AFTER:
            del self.clients[client]
            return None
        return record

    def wait(self, client: str) -> float:
        """Seconds before ``client`` may offer a code again (0: now)."""
        now = self.clock()
        record = self._current(client, now)
        return max(0.0, record.until - now) if record else 0.0

    def failed(self, client: str) -> None:
        now = self.clock()
        record = self._current(client, now) or _Failures(0, now, now)
        record.count += 1
        record.last = now
        if record.count >= FREE_FAILURES:
            doublings = min(record.count - FREE_FAILURES, 30)
            record.until = now + min(MAX_WAIT, FIRST_WAIT * 2 ** doublings)
        self.clients.pop(client, None)
        self.clients[client] = record
        while len(self.clients) > MAX_TRACKED:
            self.clients.popitem(last=False)

    def succeeded(self, client: str) -> None:
        self.clients.pop(client, None)


def retry_after(seconds: float) -> int:
    return max(1, math.ceil(seconds))


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
    def __init__(self, app, settings: GuardSettings, render_login=None, access: Access | None = None,
                 failures: CodeFailures | None = None):
        self.app = app
        self.settings = settings
        self.limiter = RateLimiter(settings.rate_per_minute, settings.rate_burst)
        self.access = access if access is not None else Access(settings.code) if settings.code else None
        self.failures = failures if failures is not None else CodeFailures()
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
        client = self._client(scope)
        if method not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get(b"origin")
            if origin is not None and (origin.strip() == b"null" or urlsplit(origin.decode("latin-1")).netloc
                                       != headers.get(b"host", b"").decode("latin-1")):
                return await self._error(send, "origin", t("api.origin", lang))
            wait = self.limiter.take(client)
            if wait:
                seconds = max(1, round(wait + 0.5))
                return await self._error(send, "rate-limit", t("api.rate", lang, seconds=seconds),
                                         [(b"retry-after", str(seconds).encode())])
        if self.access is not None and path not in OPEN_PATHS:
            given = headers.get(CODE_HEADER)
            if given is not None:
                wait = self.failures.wait(client)
                if wait:
                    seconds = retry_after(wait)
                    return await self._error(send, "code-wait", t("api.code_wait", lang, seconds=seconds),
                                             [(b"retry-after", str(seconds).encode())])
                if not self.access.matches(given.decode("utf-8", "replace")):
                    self.failures.failed(client)
                    return await self._error(send, "access-code", t("api.access_code", lang))
                self.failures.succeeded(client)
            elif not self._has_cookie(headers):
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
        return await self.app(scope, self._bounded(receive, limit), send)

    @staticmethod
    def _client(scope) -> str:
        client = scope.get("client")
        return client_key(client[0] if client else None)

    def _has_cookie(self, headers: dict[bytes, bytes]) -> bool:
        cookie = headers.get(b"cookie")
        if not cookie or self.access is None:
            return False
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(cookie.decode("latin-1"))
        except Exception:  # a malformed cookie header is simply no cookie
            return False
        return COOKIE in jar and self.access.cookie_matches(jar[COOKIE].value)

    def _bounded(self, receive, limit: int):
        """``receive`` that stops a body over ``limit`` bytes, one that pauses longer than
        ``body_idle_seconds``, and one that averages under ``min_body_rate`` bytes a second
        once that long has passed. Past the body (a disconnect, for instance) it only passes on."""
        idle, rate = self.settings.body_idle_seconds, self.settings.min_body_rate
        started = time.monotonic()
        seen = 0
        done = False

        async def bounded():
            nonlocal seen, done
            if done:
                return await receive()
            message = None
            with anyio.move_on_after(idle):
                message = await receive()
            if message is None:
                raise BodyTooSlow()
            if message["type"] != "http.request":
                done = True
                return message
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(limit)
            if not message.get("more_body", False):
                done = True
            else:
                elapsed = time.monotonic() - started
                if elapsed > idle and seen < rate * elapsed:
                    raise BodyTooSlow()
            return message

        return bounded

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
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", REFERRER_POLICY),
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
