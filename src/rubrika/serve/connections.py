"""Connections to ``rubrika serve``: how long a client may take to send a request's headers,
and how many connections one client, and all of them, may hold; the uvicorn server that
applies it.

uvicorn offers a keep-alive timeout (``timeout_keep_alive``) and a cap on the size of a
request's headers (``h11_max_incomplete_event_size``): both are used. It has no timeout for a
request's headers and no cap per client, and its ``limit_concurrency`` answers a plain-text
English 503 while it keeps the connection open, so it bounds neither the open files nor what
a student reads. ``LimitedH11Protocol``, uvicorn's own h11 protocol extended, adds:

- a header timeout: a connection that owes the server a request's headers (just opened, or
  idle after an answer and then sent part of a request) or the rest of a body the server has
  already answered is closed ``header_seconds`` after it started owing them, however slowly
  bytes trickle in;
- connection caps: a connection over ``max_client_connections`` for its client
  (``rubrika.serve.guard.client_key``) or over ``max_connections`` in all is closed at once,
  before it costs anything, and the server log says so once a minute per client, not once per
  connection. ``max_connections`` stays below the process's limit of open files.

A request body that stalls or trickles is the guard's to stop (``rubrika.serve.guard``), as
it can answer 408 in the page's language.
"""

from __future__ import annotations

import logging
import socket
import time
from collections import Counter
from dataclasses import dataclass, field

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from rubrika.serve.guard import client_key

log = logging.getLogger("rubrika.serve")
NOTE_EVERY = 60.0  # seconds between two log lines about the same client's refused connections
FILES_SPARE = 64  # open files kept for everything but connections (the rubrics, temporary files, ...)


@dataclass
class ConnectionLimits:
    header_seconds: float = 10.0
    max_connections: int = 512
    max_client_connections: int = 32
    open: Counter[str] = field(default_factory=Counter)  # connections per client, this server
    noted: dict[tuple[str, str], float] = field(default_factory=dict)  # when each refusal was last logged


class LimitedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a header timeout and connection caps (see the module)."""

    limits = ConnectionLimits()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._owed: object | None = None  # the timer of what the client owes
        self._key = "?"

    def connection_made(self, transport) -> None:  # type: ignore[override, unused-ignore]
        super().connection_made(transport)
        limits = self.limits
        self._key = client_key(self.client[0] if self.client else None)
        limits.open[self._key] += 1
        if limits.open[self._key] > limits.max_client_connections:
            self._note("client", f"more than {limits.max_client_connections} connections from {self._key}; "
                                 "new ones are closed")
            transport.close()
        elif len(self.connections) > limits.max_connections:
            self._note("server", f"more than {limits.max_connections} connections in all; new ones are closed")
            transport.close()
        else:
            self._watch()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop()
        open_ = self.limits.open
        open_[self._key] -= 1
        if open_[self._key] <= 0:
            del open_[self._key]
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._watch()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._watch()

    def _owes(self) -> bool:
        """Whether the client owes bytes that nobody is reading them for: a request's head, or
        the rest of a body whose request has been answered."""
        if self.transport is None or self.transport.is_closing():
            return False
        state = self.conn.their_state
        if state is h11.IDLE:
            return True
        return state is h11.SEND_BODY and self.cycle is not None and self.cycle.response_complete

    def _watch(self) -> None:
        if not self._owes():
            self._stop()
        elif self._owed is None:  # never pushed back by bytes arriving: a trickle is cut off too
            self._owed = self.loop.call_later(self.limits.header_seconds, self._expire)

    def _stop(self) -> None:
        if self._owed is not None:
            self._owed.cancel()  # type: ignore[attr-defined]
            self._owed = None

    def _expire(self) -> None:
        self._owed = None
        if self._owes():
            self.transport.close()

    def _note(self, kind: str, message: str) -> None:
        now = time.monotonic()
        noted = self.limits.noted
        key = (kind, self._key if kind == "client" else "")
        if now - noted.get(key, -NOTE_EVERY - 1) > NOTE_EVERY:
            if len(noted) > 10_000:
                noted.clear()
            noted[key] = now
            log.warning(message)


def _open_files_limit() -> int | None:
    try:
        import resource
    except ImportError:  # Windows: no such limit to stay under
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return None if soft == resource.RLIM_INFINITY else soft


def uvicorn_config(app, **overrides) -> uvicorn.Config:
    """What ``rubrika serve`` runs ``app`` (from ``rubrika.serve.app.create_app``) with."""
    config = app.server.config
    total = config.max_connections
    files = _open_files_limit()
    if files is not None:
        total = max(1, min(total, files - FILES_SPARE))
    limits = ConnectionLimits(header_seconds=config.header_seconds, max_connections=total,
                              max_client_connections=config.max_client_connections)
    protocol = type("ServeH11Protocol", (LimitedH11Protocol,), {"limits": limits})
    # the access log would name method, path and status only (no essay text is ever in a URL); it is off
    options = dict(http=protocol, ws="none", lifespan="on", log_level="warning", access_log=False,
                   server_header=False, proxy_headers=False, timeout_graceful_shutdown=5,
                   timeout_keep_alive=config.keep_alive_seconds,
                   h11_max_incomplete_event_size=config.max_header_bytes)
    options.update(overrides)
    return uvicorn.Config(app, **options)


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (as uvicorn binds one), so that a busy port is reported
    before the server says it is ready. Raises ``OSError`` (``socket.gaierror`` for an
    unknown host name)."""
    bare = host.strip("[]")
    family = socket.AF_INET6 if ":" in bare else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((bare, port))
    except OSError:
        sock.close()
        raise
    return sock


def run(app, sock: socket.socket) -> None:
    """Serve ``app`` on the bound ``sock`` until Ctrl+C."""
    uvicorn.Server(uvicorn_config(app)).run(sockets=[sock])
