"""Shared fixtures and builders: one Checker for the built-in rubric per test session, a
hostile essay, a mini-rubric, the doors an essay goes through, and a browser driven by
Playwright."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ROOT = ROOT / "sample_essays"
SAMPLES = SAMPLE_ROOT / "kerja-sama-internasional"  # essays for the built-in rubric
BUILTIN_RUBRIC_FILE = ROOT / "rubrics" / "kerja-sama-internasional.yaml"

# An essay that tries to run script in every page that shows it (each payload sets window.__pwned).
HOSTILE = (
    "Perdamaian adalah <script>window.__pwned = 1; alert(1)</script> keadaan tanpa perang dan kekerasan.\n"
    '<img src=x onerror="window.__pwned = 2; alert(2)">\n'
    "Lihat [tautan](javascript:window.__pwned=3) dan <a href=\"javascript:window.__pwned=4\">klik</a>.\n"
    '<svg onload="window.__pwned=5"></svg> "><script>window.__pwned=6</script>\n'
    "PBB menjaga perdamaian dunia & hak asasi manusia.\n"
)


# --- a rubric of a test's own ---------------------------------------------------------------

MINI_CONCEPT = "id: damai\nlabel: Damai\nterms: [perdamaian]\nfeedback: {missing: Bahas perdamaian.}"
MINI_GRADES = ("{min: 50, grade: Lulus}", "{min: 0, grade: Belum}")
MINI_LEVELS = ("{min: 0.5, label: Baik, feedback: Bagus.}", "{min: 0, label: Kurang, feedback: Tambahkan.}")


def mini_rubric(*concepts: str, rubric_id: str = "mini", title: str = "Rubrik mini", version: str = "1",
                top: str = "", grades: tuple[str, ...] = MINI_GRADES, criterion: str = "inti",
                criterion_title: str = "Inti", weight: str = "10", levels: tuple[str, ...] = MINI_LEVELS) -> str:
    """The YAML text of a small rubric with one ``concepts`` criterion, for a test that needs a
    rubric of its own (by default one concept, ``damai``, found by "perdamaian").

    Each concept is its YAML: ``key: value`` lines (nested lines indented relative to the
    first), or one flow mapping. ``grades`` and ``levels`` are YAML flow mappings, one per
    item; ``top`` adds top-level lines (``advisories: ...``, ``matching: ...``); the other
    values are YAML scalars as written (quote them when they need it). A line's number does
    not depend on what follows it, so a test may point at ``mini.yaml:LINE``."""
    lines = [f"id: {rubric_id}", f"title: {title}", f"version: {version}", *([top] if top else []), "grades:",
             *(f"  - {g}" for g in grades), "criteria:", f"  - id: {criterion}", "    kind: concepts",
             f"    title: {criterion_title}", f"    weight: {weight}", "    levels:", *(f"      - {lv}" for lv in levels),
             "    concepts:"]
    for concept in concepts or (MINI_CONCEPT,):
        first, *rest = concept.strip("\n").split("\n")
        lines += [f"      - {first}", *(f"        {line}" for line in rest)]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def checker():
    from rubrika.api import Checker

    return Checker()


@pytest.fixture(scope="session")
def nlp():
    from rubrika.nlp.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session", autouse=True)
def records_follow_their_schema():
    """Every result record the test suite makes is validated against the shipped JSON Schema."""
    import json
    from importlib import resources

    import jsonschema

    from rubrika.result import EssayResult

    schema = json.loads((resources.files("rubrika.rubrics") / "result.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    original = EssayResult.to_record
    counted = {"records": 0}

    def validated(self):
        record = original(self)
        validator.validate(record)
        counted["records"] += 1
        return record

    EssayResult.to_record = validated
    yield counted
    EssayResult.to_record = original


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Helvetica, Latin-1)."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "72 760 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = zlib.compress("\n".join(ops).encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# --- the doors: one essay through `rubrika check`, the JSON API and the student page's call -----


@pytest.fixture(scope="session")
def serve_api():
    """``rubrika serve`` in this process (Starlette's TestClient, no network), no rate limit."""
    testclient = pytest.importorskip("starlette.testclient")
    from rubrika.serve.app import ServeConfig, create_app

    app = create_app(ServeConfig(rate_per_minute=100_000, rate_burst=100_000))
    with testclient.TestClient(app, raise_server_exceptions=False, base_url="http://127.0.0.1:8000") as client:
        yield client


def _answer(response) -> tuple[str | None, dict | None]:
    """(error code, record) of an API answer; a 5xx is a bug, never an answer."""
    assert response.status_code < 500, response.text
    body = response.json()
    if response.status_code != 200:
        return body["error"]["code"], None
    if "schema" not in body:  # the page's view of a checked essay
        return None, None
    return (body["error"] or {}).get("code"), body


def door_answers(api, path: Path | None = None, text: str | None = None) -> dict[str, tuple[str | None, dict | None]]:
    """What each door answers to one essay: the file ``path`` through ``rubrika check``, uploaded
    to ``POST /api/check`` and to the page's ``POST /api/feedback``; ``text`` sent as text to
    both. Each answer is (error code or None, the record or None)."""
    import json

    from click.testing import CliRunner

    from rubrika.cli.main import main

    answers = {}
    if path is not None:
        done = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
        assert done.exit_code in (0, 1), done.output
        record = json.loads(done.stdout.splitlines()[0])
        answers["rubrika check"] = ((record["error"] or {}).get("code"), record)
        for route in ("/api/check", "/api/feedback"):
            answers[f"{route} file"] = _answer(api.post(route, files={"file": (path.name, path.read_bytes())}))
    if text is not None:
        for route in ("/api/check", "/api/feedback"):
            answers[f"{route} text"] = _answer(api.post(route, json={"text": text, "name": "esai.txt"}))
    return answers


def door_codes(answers: dict) -> dict[str, str | None]:
    return {door: code for door, (code, _) in answers.items()}


# --- a browser: Debian's Chromium driven by Playwright, no browser downloaded -------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium. Where it is missing, skipped on a developer's machine and failed in CI
    (CI=true), where .ci/run installs it."""
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed; .ci/run must install Debian's chromium package")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Page:
    """A page in a fresh context (its own localStorage) with console errors, uncaught
    exceptions and dialogs recorded; ``url`` is an address or a file."""

    def __init__(self, browser, url: str | Path, width: int = 1280, height: int = 900, **context):
        self.context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True,
                                           **context)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.problems.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))

        def dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)
        self.page.goto(url.as_uri() if isinstance(url, Path) else url)
        self.page.wait_for_load_state("load")

    def close(self):
        self.context.close()


@contextlib.contextmanager
def serving(**options):
    """``rubrika serve`` on 127.0.0.1 and a free port, in a thread of this process (the browser
    tests' server; the attack tests run it with the command's own uvicorn settings)."""
    uvicorn = pytest.importorskip("uvicorn")
    from rubrika.serve.app import ServeConfig, create_app

    app = create_app(ServeConfig(rate_per_minute=10_000, rate_burst=1_000, **options))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    instance = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(10)
        sock.close()


def wait_until(page, expression: str, timeout: float = 15) -> None:
    """Poll an expression (the page's CSP forbids the eval that wait_for_function uses)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"never true: {expression}")
        page.wait_for_timeout(100)


def wait_for_job(client, job_id: str, timeout: float = 120, headers: dict | None = None) -> dict:
    """Poll ``GET /api/grade/ID`` with a test client until the job is no longer running."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/grade/{job_id}", headers=headers or {}).json()
        if job["status"] != "running":
            return job
        time.sleep(0.05)
    raise AssertionError("grading did not finish")
