"""Issue 22, the ``rubrika serve`` items (1-6, 9, 11, and the serve parts of 14 and 16): one
test per attack, each failing before its fix.

Most tests talk to the application in-process (Starlette's TestClient, no network). The
slow-socket, connection and fairness tests start the server as ``rubrika serve`` runs it
(``rubrika.serve.connections``: uvicorn with Rubrika's limits) in a thread of this process,
listening on 127.0.0.1 on a free port, and talk to it over real sockets, some bound to other
loopback addresses (127.0.0.2, ...) to be other clients. Every wait is bounded in count and
time; no test asserts how long something took.
"""

from __future__ import annotations

import http.client
import io
import json
import logging
import re
import socket
import threading
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from conftest import ROOT, SAMPLES, Page, wait_for_job

starlette_testclient = pytest.importorskip("starlette.testclient")
from rubrika.serve.app import ServeConfig, create_app  # noqa: E402

ESSAY = (SAMPLES / "04-dedi-hardwrap.txt").read_text(encoding="utf-8")
SHORT = "Perdamaian adalah keadaan tanpa perang dan kekerasan di antara bangsa-bangsa."
HOST = "127.0.0.1"
BOUND = 30.0  # seconds: the most any wait below lasts before the test fails
FIXTURES = ROOT / "tests" / "fixtures" / "rubrics"
TEACHER, STUDENT = ("192.0.2.10", 40001), ("192.0.2.66", 40002)  # documentation addresses (RFC 5737)


@pytest.fixture(scope="module")
def registry():
    """The built-in rubrics compiled once for every server of this module."""
    from rubrika.serve.rubrics import load_registry

    return load_registry(None)


def client(registry, who: tuple[str, int] = ("testclient", 50000), **config):
    return starlette_testclient.TestClient(create_app(ServeConfig(**config), registry), raise_server_exceptions=False,
                                           base_url="http://127.0.0.1:8000", client=who)


def another(c, who: tuple[str, int]):
    """A second client of the same application, from another address."""
    return starlette_testclient.TestClient(c.app, raise_server_exceptions=False, base_url="http://127.0.0.1:8000",
                                           client=who)


def clear_4xx(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["message"].strip() and "Traceback" not in response.text
    if code:
        assert body["error"]["code"] == code, body
    return body


def make_zip(entries: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return out.getvalue()


def until(condition, what: str, bound: float = BOUND) -> None:
    deadline = time.monotonic() + bound
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.01)


# --- a real server on 127.0.0.1 --------------------------------------------------------------


@dataclass
class Live:
    app: object
    port: int

    @property
    def server(self):
        return self.app.server

    def connect(self, source: str = HOST) -> socket.socket:
        return socket.create_connection((HOST, self.port), timeout=BOUND, source_address=(source, 0))

    def http(self, source: str = HOST) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(HOST, self.port, timeout=BOUND, source_address=(source, 0))

    def post(self, path: str, body: dict, source: str = HOST) -> tuple[int, dict]:
        conn = self.http(source)
        try:
            conn.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            return response.status, json.loads(response.read() or b"null")
        finally:
            conn.close()

    def head(self, extra: str = "") -> bytes:
        return f"Host: {HOST}:{self.port}\r\n{extra}".encode()


@contextmanager
def live(registry, **config) -> Iterator[Live]:
    """``rubrika serve`` as the command runs it, in a thread, on 127.0.0.1 and a free port."""
    import uvicorn

    from rubrika.serve.connections import uvicorn_config

    app = create_app(ServeConfig(**config), registry)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((HOST, 0))
    instance = uvicorn.Server(uvicorn_config(app))
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        until(lambda: instance.started, "the server started")
        yield Live(app, sock.getsockname()[1])
    finally:
        instance.should_exit = True
        thread.join(BOUND)
        sock.close()


def until_closed(sock: socket.socket, bound: float = BOUND) -> bytes:
    """Everything the server sends until it closes the connection (fails after ``bound`` s)."""
    data = b""
    deadline = time.monotonic() + bound
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"the server kept the connection open (got {data[:80]!r})")
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            continue
        except ConnectionResetError:
            return data
        if not chunk:
            return data
        data += chunk


def response_of(raw: bytes) -> tuple[int, dict]:
    head, _, body = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, json.loads(body)


@contextmanager
def recorded_checks(registry, hold: str | None = None) -> Iterator[tuple[list[str], threading.Event]]:
    """The marks (first word) of every text the default rubric checks, in order. A text whose
    mark is ``hold`` waits inside its check until the yielded event is set, so that the
    requests sent meanwhile queue behind it. Texts are checked as a short essay, to be quick."""
    checker = registry.get(None).checker
    original = checker.check_text
    seen: list[str] = []
    gate = threading.Event()

    def check_text(text, **kwargs):
        mark = text.split(maxsplit=1)[0]
        seen.append(mark)
        if mark == hold:
            gate.wait(BOUND)
        return original(SHORT, **kwargs)

    checker.check_text = check_text
    try:
        yield seen, gate
    finally:
        gate.set()
        del checker.check_text


class Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@contextmanager
def server_log() -> Iterator[list[logging.LogRecord]]:
    """The warnings and errors the server logs (uvicorn's loggers, asyncio's, and Rubrika's)."""
    handler = Records()
    loggers = [logging.getLogger(name) for name in ("uvicorn.error", "asyncio", "rubrika.serve")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


# --- 1: the access code cannot be guessed ---------------------------------------------------------


def test_1_failed_code_checks_back_off_on_every_method(registry):
    """Failed code checks count per client whatever the method; past a few, the client waits,
    longer each time, and meanwhile no code it sends is even looked at."""
    from rubrika.serve.guard import FREE_FAILURES

    with client(registry, code="kelas-9b", loopback=False) as c:
        now = [1000.0]
        c.app.failures.clock = lambda: now[0]
        wrong, right = {"x-rubrika-code": "salah"}, {"x-rubrika-code": "kelas-9b"}
        tries = [("GET", "/api/rubrics"), ("HEAD", "/api/rubrics"), ("OPTIONS", "/api/check"),
                 ("DELETE", "/api/grade/x"), ("GET", "/"), ("POST", "/api/check")]
        for n in range(FREE_FAILURES):
            method, path = tries[n % len(tries)]
            assert c.request(method, path, headers=wrong).status_code == 401
        for method, path in tries:  # every method now waits
            response = c.request(method, path, headers=wrong)
            assert response.status_code == 429 and int(response.headers["retry-after"]) >= 1, (method, path)
        first = c.get("/api/rubrics", headers=right)  # even the right code is not looked at
        body = clear_4xx(first, 429, "code-wait")
        assert "detik" in body["error"]["message"]
        waited = int(first.headers["retry-after"])
        login = c.post("/login", data={"code": "kelas-9b"})
        assert login.status_code == 429 and "tunggu" in login.text.lower()
        # another client is not held back by this one's failures
        assert another(c, STUDENT).get("/api/rubrics", headers=right).status_code == 200
        # after the wait one more try is looked at; a wrong one doubles the wait
        now[0] += waited
        assert c.get("/api/rubrics", headers=wrong).status_code == 401
        assert int(c.get("/api/rubrics", headers=wrong).headers["retry-after"]) >= 2 * waited
        now[0] += 3600
        assert c.get("/api/rubrics", headers=right).status_code == 200


def test_1_wrong_codes_on_the_login_form_back_off_too(registry):
    from rubrika.serve.guard import FREE_FAILURES

    with client(registry, who=STUDENT, code="kelas-9b", loopback=False) as c:
        for _ in range(FREE_FAILURES):
            assert c.post("/login", data={"code": "salah", "next": "/"}).status_code == 401
        page = c.post("/login", data={"code": "kelas-9b", "next": "/"}, follow_redirects=False)
        assert page.status_code == 429 and int(page.headers["retry-after"]) >= 1
        assert "rubrika_akses" not in page.headers.get("set-cookie", "")


def test_1_a_cookie_is_no_way_to_guess_the_code(registry):
    """The cookie is keyed by a secret of the running server: a cookie made from a guessed code
    proves nothing, so it is no second guessing channel (and is not counted as a guess)."""
    import hashlib

    with client(registry, code="kelas-9b", loopback=False) as c:
        made = hashlib.sha256(b"rubrika-serve\0kelas-9b").hexdigest()  # what anyone could compute
        assert c.get("/api/rubrics", headers={"cookie": f"rubrika_akses={made}"}).status_code == 401
        given = c.post("/login", data={"code": "kelas-9b", "next": "/"}, follow_redirects=False)
        assert given.status_code == 303 and made not in given.headers["set-cookie"]
        assert c.get("/api/rubrics").status_code == 200


def test_1_the_generated_code_cannot_be_guessed_within_the_limits(monkeypatch):
    """The generated code is long enough that every address guessing as fast as the back-off
    allows, for a month, from a /16 of addresses, has a chance under one in a million."""
    from rubrika.cli.main import main
    from rubrika.serve import connections
    from rubrika.serve.guard import CODE_ALPHABET, CODE_LENGTH, CodeFailures

    calls = []
    monkeypatch.setattr(connections, "run", lambda app, sock: calls.append(app))
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "0"])
    assert result.exit_code == 0, result.output
    code = next(line.split(": ", 1)[1] for line in result.output.splitlines() if line.startswith("Kode akses"))
    letters = code.replace("-", "")
    assert len(letters) == CODE_LENGTH and set(letters) <= set(CODE_ALPHABET), code
    assert calls[0].settings.code == code

    now = [0.0]
    failures = CodeFailures(clock=lambda: now[0])
    month, guesses = 30 * 86400, 0
    for _ in range(10_000_000):  # an attacker who tries again the moment it may
        if now[0] >= month:
            break
        wait = failures.wait("203.0.113.5")
        if wait:
            now[0] += wait
            continue
        failures.failed("203.0.113.5")
        guesses += 1
    else:
        raise AssertionError("the simulated month never ended")
    chance = guesses * 65_536 / len(CODE_ALPHABET) ** CODE_LENGTH
    assert chance < 1e-6, (guesses, chance)
    docs = (ROOT / "docs" / "serve.md").read_text(encoding="utf-8")
    assert f"{CODE_LENGTH} characters" in docs and f"{len(CODE_ALPHABET)} letters and digits" in docs


# --- 2: one byte budget per upload ---------------------------------------------------------------


def test_2_one_byte_budget_for_the_whole_upload(registry, monkeypatch):
    """Four zips, each well under the per-archive limit, and a loose file: together they may not
    put more than one budget on disk. What does not fit is listed, and never written."""
    import rubrika.serve.app as app_module

    budget = 40_000
    essay = ESSAY.encode("utf-8")  # about 2.5 KB
    written: list[int] = []
    save = app_module._save

    def counted(upload, path):
        save(upload, path)
        written.append(path.stat().st_size)

    monkeypatch.setattr(app_module, "_save", counted)
    with client(registry, max_upload_bytes=budget, rate_per_minute=10_000, rate_burst=1_000) as c:
        zips = [("files", (f"kelas-{k}.zip", make_zip({f"siswa-{k}-{i}.txt": essay for i in range(6)})))
                for k in range(4)]
        loose = [("files", ("besar.txt", essay * 20))]  # 50 KB: over the budget on its own
        response = c.post("/api/grade", files=zips + loose)
        assert response.status_code == 202, response.text
        job = wait_for_job(c, response.json()["id"])
    assert job["status"] == "done"
    assert job["total"] * len(essay) + sum(written) <= budget + len(essay), (job["total"], written)
    over = [r for r in job["refused"] if r["code"] == "total"]
    assert over and any(r["name"] == "besar.txt" for r in over), job["refused"]
    assert all(f"{budget:,}".replace(",", ".") in r["reason"] for r in over), over
    assert len(essay) * 20 not in written  # checked before it was written


# --- 3: slow and half-sent requests, and connection caps --------------------------------------------


def test_3_half_sent_headers_are_cut_off(registry):
    with live(registry, header_seconds=0.5) as server:
        silent = server.connect()  # connects and says nothing
        half = server.connect()
        half.sendall(b"POST /api/check HTTP/1.1\r\n" + server.head())  # the headers never end
        later = server.connect()  # a first request answered, then half of a second one
        later.sendall(b"GET /api/rubrics HTTP/1.1\r\n" + server.head("\r\n"))
        later.settimeout(BOUND)
        first = later.recv(65536)
        assert first.startswith(b"HTTP/1.1 200")
        later.sendall(b"GET /api/rubrics HTTP/1.1\r\n" + server.head())
        for sock in (silent, half, later):
            until_closed(sock)
            sock.close()


def test_3_a_stalled_body_gets_408_in_the_page_language(registry):
    with live(registry, body_idle_seconds=0.5) as server:
        sock = server.connect()
        sock.sendall(b"POST /api/check HTTP/1.1\r\n" + server.head(
            "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n") + b'{"text": "Perdamaian')
        status, body = response_of(until_closed(sock))
        sock.close()
    assert status == 408 and body["error"]["code"] == "too-slow"
    assert "lambat" in body["error"]["message"]


def test_3_a_trickled_body_gets_408(registry):
    """One byte at a time keeps every pause short, but the body comes far too slowly."""
    with live(registry, body_idle_seconds=0.5, min_body_rate=1_000) as server:
        sock = server.connect()
        sock.sendall(b"POST /api/check HTTP/1.1\r\n" + server.head(
            "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n"))
        sock.settimeout(0.05)
        data = b""
        for _ in range(400):  # 20 s at most
            try:
                sock.sendall(b" ")
                data = sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                break
            break
        status, body = response_of(data + until_closed(sock))
        sock.close()
    assert status == 408 and body["error"]["code"] == "too-slow"


def test_3_one_client_cannot_hold_every_connection(registry):
    """Past its cap, a client's new connections are closed at once; other clients still get in,
    and the log says so once, not once per connection."""
    per_client, total = 4, 12
    with live(registry, header_seconds=60, max_client_connections=per_client, max_connections=total) as server, \
            server_log() as log:
        held = [server.connect() for _ in range(per_client)]  # stalled, within the cap
        extra = [server.connect() for _ in range(30)]
        for sock in extra:
            until_closed(sock)
            sock.close()
        conn = server.http("127.0.0.2")
        conn.request("GET", "/api/rubrics")
        assert conn.getresponse().status == 200
        conn.close()
        # all clients together: past the server's cap, new connections are closed too
        more = [server.connect(f"127.0.0.{3 + i // per_client}") for i in range(total - per_client)]
        late = server.connect("127.0.0.9")
        until_closed(late)
        for sock in held + more + [late]:
            sock.close()
        warnings = [r for r in log if r.levelno >= logging.WARNING]
        assert 1 <= len(warnings) <= 3, [r.getMessage() for r in warnings]


def test_3_the_command_runs_uvicorn_with_the_limits(monkeypatch):
    """`rubrika serve` binds its socket and runs uvicorn with the protocol that applies the
    header timeout and the connection caps, and with uvicorn's own keep-alive and header-size
    limits."""
    import uvicorn

    from rubrika.cli.main import main
    from rubrika.serve import connections

    configs = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: configs.append(
        (self.config, [sock.getsockname()[0] for sock in sockets or ()])))
    result = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert result.exit_code == 0, result.output
    [(config, sockets)] = configs
    app = config.app
    assert issubclass(config.http, connections.LimitedH11Protocol)
    assert config.timeout_keep_alive == app.server.config.keep_alive_seconds
    assert config.h11_max_incomplete_event_size == app.server.config.max_header_bytes
    assert sockets == [HOST]


# --- 4: the checker is shared fairly, and nobody's abandoned check runs ------------------------------


def test_4_the_checker_is_shared_by_cost_per_client(registry):
    """A student sending long essays as fast as allowed does not make the others wait behind
    every one of them: the next check is the client's whose checks so far cost least."""
    long_text = "{mark} " + " ".join([ESSAY] * 24)  # about 60,000 characters
    with live(registry, wait_seconds=BOUND, rate_per_minute=10_000, rate_burst=1_000) as server, \
            recorded_checks(registry, hold="h1") as (seen, gate):
        engine = server.server.engine
        answers: list[int] = []

        def send(mark: str, source: str, text: str) -> threading.Thread:
            def go():
                answers.append(server.post("/api/check", {"text": text.format(mark=mark)}, source)[0])

            thread = threading.Thread(target=go, daemon=True)
            thread.start()
            return thread

        threads = [send("h1", "127.0.0.2", long_text)]
        until(lambda: seen == ["h1"], "the first long essay is being checked")
        for n, (mark, source, text) in enumerate([("h2", "127.0.0.2", long_text), ("h3", "127.0.0.2", long_text),
                                                  ("l1", "127.0.0.3", "{mark} " + SHORT),
                                                  ("l2", "127.0.0.3", "{mark} " + SHORT)], start=1):
            threads.append(send(mark, source, text))
            until(lambda: engine.waiting == n, f"{n} checks waiting")
        gate.set()
        for thread in threads:
            thread.join(BOUND)
    assert answers == [200] * 5
    assert seen == ["h1", "l1", "l2", "h2", "h3"]


def test_4_a_check_whose_client_has_gone_is_not_run(registry):
    with live(registry, wait_seconds=BOUND) as server, recorded_checks(registry, hold="first") as (seen, gate):
        engine = server.server.engine
        first = threading.Thread(target=server.post, args=("/api/check", {"text": "first " + SHORT}), daemon=True)
        first.start()
        until(lambda: seen == ["first"], "the first check is running")
        body = json.dumps({"text": "abandoned " + SHORT}).encode()
        sock = server.connect("127.0.0.2")
        sock.sendall(b"POST /api/check HTTP/1.1\r\n" + server.head(
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n") + body)
        until(lambda: engine.waiting == 1, "the second check is waiting")
        sock.close()  # the student closed the tab
        try:
            until(lambda: engine.waiting == 0, "the server noticed", bound=5)
        except AssertionError:
            pass  # before the fix it never does; the check below says what that costs
        gate.set()
        first.join(BOUND)
        status, _ = server.post("/api/check", {"text": "after " + SHORT})
    assert status == 200
    assert seen == ["first", "after"]


# --- 5: Origin null --------------------------------------------------------------------------------


def test_5_origin_null_posts_are_refused(registry):
    with client(registry) as c:
        for path, kwargs in (("/api/check", {"json": {"text": ESSAY}}),
                             ("/api/grade", {"files": [("files", ("a.txt", ESSAY.encode()))]}),
                             ("/login", {"data": {"code": "x"}})):
            clear_4xx(c.post(path, headers={"origin": "null"}, **kwargs), 403, "origin")
        assert c.post("/api/check", json={"text": ESSAY}, headers={"origin": "http://127.0.0.1:8000"}).status_code == 200


def test_5_the_pages_own_forms_still_send_their_origin(registry, browser):
    """With the referrer policy the pages had (no-referrer), Chromium sent `Origin: null` for
    the login form: the pages now keep the referrer to their own site, so the form still works."""
    with live(registry, code="kelas-9b", loopback=False) as server:
        page = Page(browser, f"http://{HOST}:{server.port}/")
        try:
            page.page.fill("input[name=code]", "kelas-9b")
            page.page.click("button[type=submit]")
            page.page.wait_for_load_state("load")
            assert page.page.locator("#draft").count() == 1, page.page.content()[:500]
        finally:
            page.close()


# --- 6: an invalid rubric is "unavailable" to students ------------------------------------------------


@pytest.fixture
def rubrics_dir(tmp_path) -> Path:
    folder = tmp_path / "rubrik"
    folder.mkdir()
    (folder / "rusak.yaml").write_bytes((FIXTURES / "yaml-syntax.yaml").read_bytes())
    (tmp_path / "rahasia.txt").write_text("RAHASIA-GURU-123: x\nkata_sandi: RAHASIA-GURU-456\n", encoding="utf-8")
    (folder / "tautan.yaml").symlink_to(tmp_path / "rahasia.txt")
    return folder


def test_6_students_see_only_that_a_rubric_is_unavailable(registry, rubrics_dir, monkeypatch):
    from rubrika.cli.main import main
    from rubrika.serve import connections

    with starlette_testclient.TestClient(create_app(ServeConfig(rubrics_dir=rubrics_dir)),
                                         raise_server_exceptions=False, base_url="http://127.0.0.1:8000") as c:
        listing = c.get("/api/rubrics").json()
        student = c.get("/").text
        teacher = c.get("/guru").text
    assert sorted(i["file"] for i in listing["invalid"]) == ["rusak.yaml", "tautan.yaml"]
    for shown in (json.dumps(listing), student):
        assert ":10:12:" not in shown and "YAML tidak sah" not in shown, shown[:2000]  # the loader's words
    assert "rusak.yaml" in student and "tidak dapat dipakai" in student
    assert ":10:12:" in teacher  # the teacher's page says why
    monkeypatch.setattr(connections, "run", lambda app, sock: None)
    logged = CliRunner().invoke(main, ["serve", "--port", "0", "--rubrics", str(rubrics_dir)]).output
    assert ":10:12:" in logged and "tautan.yaml" in logged  # and the server log
    for shown in (json.dumps(listing), student, teacher, logged):
        assert "RAHASIA" not in shown and "kata_sandi" not in shown  # a link never quotes another file


# --- 9: a teacher's results are kept as promised ---------------------------------------------------------


def test_9_uploads_by_others_never_evict_a_teachers_results(registry):
    with client(registry, who=TEACHER, max_client_jobs=3, rate_per_minute=10_000, rate_burst=1_000) as teacher:
        mine = teacher.post("/api/grade", files=[("files", ("a.txt", ESSAY.encode()))])
        assert mine.status_code == 202
        assert wait_for_job(teacher, mine.json()["id"])["status"] == "done"
        student = another(teacher, STUDENT)
        statuses = []
        for _ in range(21):  # more than the server ever kept
            response = student.post("/api/grade", files=[("files", ("b.txt", ESSAY.encode()))])
            statuses.append(response.status_code)
            if response.status_code == 202:
                wait_for_job(student, response.json()["id"])
            else:
                body = clear_4xx(response, 429, "job-limit")
                assert "3" in body["error"]["message"] and int(response.headers["retry-after"]) >= 1
        assert statuses == [202] * 3 + [429] * 18
        assert teacher.get(f"/api/grade/{mine.json()['id']}").json()["status"] == "done"
        assert teacher.get(f"/guru/hasil/{mine.json()['id']}/index.html").status_code == 200


# --- 11: a report for any name ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Nurʼaini.txt", "日本.txt", "Дмитрий.docx", 'a"b;c.txt'])
def test_11_the_report_downloads_for_any_file_name(registry, name):
    with client(registry) as c:
        response = c.post("/api/report", json={"text": ESSAY, "name": name})
    assert response.status_code == 200, response.text
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=")
    fallback = re.search(r'filename="([^"]*)"', disposition).group(1)
    assert fallback.isascii() and fallback.endswith(".html")
    encoded = re.search(r"filename\*=UTF-8''(\S+)", disposition).group(1)
    stem = name.rsplit(".", 1)[0]
    assert unquote(encoded, errors="strict") == f"umpan-balik-{stem}.html".replace('"', "-").replace(";", "-")


# --- 14: no 500, no crash, the right exit code -------------------------------------------------------------


@pytest.mark.parametrize("body", [
    b'{"text": "Perdamaian \\ud800 adalah keadaan tanpa perang."}',
    b'{"text": "Perdamaian adalah keadaan tanpa perang.", "rubric": "\\udfff"}',
    b'{"text": "Perdamaian adalah keadaan tanpa perang.", "lang": "\\ud83d"}',
    b'{"text": "Perdamaian adalah keadaan tanpa perang.", "name": "\\ud800.txt"}',
    b'[' * 100_000 + b']' * 100_000,
    b'{"text": ' * 100_000 + b'"x"' + b'}' * 100_000,
])
@pytest.mark.parametrize("path", ["/api/check", "/api/feedback", "/api/report"])
def test_14_lone_surrogates_and_deep_json_are_a_4xx(registry, path, body):
    with client(registry, rate_per_minute=10_000, rate_burst=1_000) as c:
        response = c.post(path, content=body, headers={"content-type": "application/json"})
    clear_4xx(response, 400, "bad-json")


HOSTILE_JSON = [b'{"id": "\\ud800"}', b'[' * 100_000 + b']' * 100_000,
                b'{"x": ' * 100_000 + b'"x"' + b'}' * 100_000]


def test_14_the_teachers_json_doors_refuse_hostile_json_too(registry):
    """The rubric-draft save and a correction read JSON by the same rule as the check."""
    with client(registry, rate_per_minute=10_000, rate_burst=1_000) as c:
        article = (ROOT / "tests" / "fixtures" / "draft" / "urbanisasi.txt").read_bytes()
        drafted = c.post("/api/draft", files={"file": ("urbanisasi.txt", article, "text/plain")})
        assert drafted.status_code == 200, drafted.text
        essays = [("files", (p.name, p.read_bytes())) for p in sorted(SAMPLES.glob("0[12]*.txt"))]
        started = c.post("/api/grade", files=essays)
        assert started.status_code == 202, started.text
        job = started.json()["id"]
        for _ in range(600):  # bounded: a two-essay class is graded in seconds
            if c.get(f"/api/grade/{job}").json()["status"] != "running":
                break
            time.sleep(0.1)
        for path in (f"/api/draft/{drafted.json()['token']}", f"/api/grade/{job}/corrections"):
            for body in HOSTILE_JSON:
                response = c.post(path, content=body, headers={"content-type": "application/json"})
                clear_4xx(response, 400, "bad-json")


@pytest.mark.parametrize("cookie", ['rubrika_akses="\\377\\376"', 'rubrika_akses="\\303\\251"',
                                    'rubrika_akses="a\\305\\202b"'])  # octal escapes of bytes past ASCII
def test_14_an_odd_cookie_never_crashes_the_guard(registry, cookie):
    with client(registry, code="kelas-9b", loopback=False) as c:
        response = c.get("/api/rubrics", headers={"cookie": cookie})
    clear_4xx(response, 401, "access-code")


def test_14_a_busy_port_is_a_usage_error(monkeypatch):
    from rubrika.cli.main import main
    from rubrika.serve import connections

    monkeypatch.setattr(connections, "run", lambda app, sock: pytest.fail("the server ran"))
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 2, result.output
    assert str(port) in result.output and "--port" in result.output
    assert "siap" not in result.output  # it never said it was ready


# --- 16: two uploads at once, hidden files, what the teacher reads ------------------------------------------


def test_16_two_uploads_at_the_same_moment_grade_one(registry, monkeypatch):
    """Both uploads pass the "is a class being graded?" check before either has started: only
    one is graded, the other is told to wait."""
    with client(registry, rate_per_minute=10_000, rate_burst=1_000) as c:
        server = c.app.server
        staging = threading.Semaphore(0)
        gate = threading.Event()
        stage = server._stage

        def slow_stage(*args):
            staging.release()
            gate.wait(BOUND)
            return stage(*args)

        monkeypatch.setattr(server, "_stage", slow_stage)
        answers: dict[str, object] = {}

        def upload(name):
            answers[name] = c.post("/api/grade", files=[("files", (f"{name}.txt", ESSAY.encode()))])

        first = threading.Thread(target=upload, args=("a",))
        first.start()
        assert staging.acquire(timeout=BOUND)  # the first is being saved
        second = threading.Thread(target=upload, args=("b",))
        second.start()
        second.join(5)  # refused at once, or (before the fix) stuck in staging beside the first
        gate.set()
        first.join(BOUND)
        second.join(BOUND)
        statuses = sorted(r.status_code for r in answers.values())
        assert statuses == [202, 503], statuses
        busy = next(r for r in answers.values() if r.status_code == 503)
        assert "kelas lain" in clear_4xx(busy, 503, "busy")["error"]["message"]
        accepted = next(r for r in answers.values() if r.status_code == 202)
        wait_for_job(c, accepted.json()["id"])


def test_16_hidden_files_in_a_zip_are_listed(registry):
    archive = make_zip({"Budi.txt": ESSAY, ".esai-tersembunyi.txt": ESSAY, ".DS_Store": b"\0\0\0\1Bud1",
                        "__MACOSX/._Budi.txt": b"\0\5\26\7", ".git/config": "[core]", "kelas/.~lock.txt#": "x"})
    with client(registry) as c:
        response = c.post("/api/grade", files=[("files", ("kiriman.zip", archive))])
        assert response.status_code == 202, response.text
        job = wait_for_job(c, response.json()["id"])
    assert job["summary"]["count"] == 1
    refused = {r["name"]: r for r in job["refused"]}
    assert {".esai-tersembunyi.txt", ".DS_Store", "__MACOSX/", ".git/", "kelas/.~lock.txt#"} <= set(refused), refused
    assert "tersembunyi" in refused[".esai-tersembunyi.txt"]["reason"]
    assert all(r["reason"] for r in job["refused"])


NAMELESS_PART = b"--x\r\nContent-Disposition: form-data\r\n\r\nv\r\n--x--\r\n"  # a part without a name


def damaged_entry_zip() -> bytes:
    data = bytearray(make_zip({"rusak.txt": ESSAY * 3, "utuh.txt": ESSAY}))
    start = data.index(b"rusak.txt") + len(b"rusak.txt") + 40  # inside the first entry's compressed bytes
    data[start:start + 8] = b"\xff" * 8
    return bytes(data)


def test_16_the_teacher_never_reads_server_file_names_or_exception_names(registry, monkeypatch):
    from rubrika.batch.ziparchive import ZipLimits

    bare = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception|File|Zip)\b|upload-\d|\.tmp|/tmp/|rubrika-serve-")
    with client(registry, zip_limits=ZipLimits(max_entries=1), rate_per_minute=10_000, rate_burst=1_000) as c:
        files = [("files", ("Budi.txt", ESSAY.encode())), ("files", ("bukan-zip.zip", b"PK\3\4 not a zip")),
                 ("files", ("rusak.zip", damaged_entry_zip())),
                 ("files", ("penuh.zip", make_zip({"a.txt": ESSAY, "b.txt": ESSAY})))]
        job = wait_for_job(c, c.post("/api/grade", files=files).json()["id"])
        reasons = {r["name"]: r["reason"] for r in job["refused"]}
        assert reasons["bukan-zip.zip"].startswith("bukan-zip.zip: ")
        assert any(name.startswith("penuh.zip") for name in reasons), reasons
        for name, reason in reasons.items():
            assert not bare.search(name + " " + reason), (name, reason)
        broken = c.post("/api/check", content=NAMELESS_PART, headers={"content-type": "multipart/form-data; boundary=x"})
        assert not bare.search(clear_4xx(broken, 400, "bad-form")["error"]["message"])

        def fails(*args, **kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("rubrika.serve.work.grade_folder", fails)
        failed = wait_for_job(c, c.post("/api/grade", files=[("files", ("a.txt", ESSAY.encode()))]).json()["id"])
    assert failed["status"] == "failed"
    message = failed["summary"]["message"]
    assert message and not bare.search(message) and "OSError" not in json.dumps(failed)


def english_words(message: str) -> set[str]:
    from rubrika.nlp.language import EN_ONLY

    return {w for w in re.findall(r"[a-z]+", message.lower()) if w in EN_ONLY}


def test_16_no_english_in_indonesian_serve_messages(registry, monkeypatch):
    from rubrika.cli.main import main
    from rubrika.serve import connections

    messages = []
    with client(registry, rate_per_minute=10_000, rate_burst=1_000) as c:
        dummy = {"other": ("a.txt", b"x")}  # makes the request multipart
        fields = {f"f{i}": "x" for i in range(40)}
        messages.append(clear_4xx(c.post("/api/check", data=fields, files=dummy), 400)["error"]["message"])
        big = {"text": "kata " * 200_000}  # one part over the size a part may have
        messages.append(clear_4xx(c.post("/api/check", data=big, files=dummy), 400)["error"]["message"])
        messages.append(clear_4xx(c.post("/api/check", content=NAMELESS_PART,
                                         headers={"content-type": "multipart/form-data; boundary=x"}), 400)
                        ["error"]["message"])
        messages.append(clear_4xx(c.post("/api/check", content=b"x", headers={"content-type": "multipart/form-data"}),
                                  400)["error"]["message"])
    monkeypatch.setattr(connections, "run", lambda app, sock: None)
    short = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "0", "--code", "ab"])
    assert short.exit_code == 2
    messages.append(short.output.strip().splitlines()[-1])
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        busy = CliRunner().invoke(main, ["serve", "--port", str(taken.getsockname()[1])])
    messages.append(busy.output.strip().splitlines()[-1])
    for message in messages:
        assert message and not english_words(message), (message, english_words(message))
