"""``rubrika serve`` through its HTTP API (Starlette's TestClient, no network).

Every error a person can cause answers with a 4xx (503 for "busy") and a JSON message, never
a 500 or a traceback; the access code, host and origin checks, rate limit, busy limit and
size limits hold; hostile zips are refused entry by entry while the other essays are graded.
"""

from __future__ import annotations

import io
import json
import logging
import stat
import threading
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, SAMPLES, wait_for_job

starlette_testclient = pytest.importorskip("starlette.testclient")
from rubrika.api import Checker  # noqa: E402
from rubrika.serve.app import ServeConfig, create_app  # noqa: E402
from rubrika.serve.guard import COOKIE  # noqa: E402
from rubrika.batch.ziparchive import ZipArchiveError, ZipLimits, extract_essays  # noqa: E402

ESSAY = (SAMPLES / "04-dedi-hardwrap.txt").read_text(encoding="utf-8")
FIXTURES = ROOT / "tests" / "fixtures" / "rubrics"


def client(**config) -> starlette_testclient.TestClient:
    return starlette_testclient.TestClient(create_app(ServeConfig(**config)), raise_server_exceptions=False,
                                           base_url="http://127.0.0.1:8000")


@pytest.fixture(scope="module")
def rubrics_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("rubrik")
    (folder / "ok.yaml").write_bytes((FIXTURES / "ok.yaml").read_bytes())
    (folder / "rusak.yaml").write_bytes((FIXTURES / "yaml-syntax.yaml").read_bytes())
    (folder / "catatan.txt").write_text("not a rubric", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def api(rubrics_dir):
    # the teacher's ok.yaml would be the default (issue 22, item 20): these tests check the built-in one
    with client(rubrics_dir=rubrics_dir, default_rubric="kerja-sama-internasional", rate_per_minute=100_000,
                rate_burst=100_000) as c:
        yield c


def assert_clear_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert 400 <= response.status_code < 600 and response.status_code != 500
    body = response.json()
    assert set(body["error"]) >= {"code", "message"} and body["error"]["message"].strip()
    assert "Traceback" not in response.text and 'File "' not in response.text
    if code:
        assert body["error"]["code"] == code, body
    return body


def make_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_zip(entries: dict[str, bytes | str], links: dict[str, str] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)
    return out.getvalue()


# --- the happy paths ---------------------------------------------------------------------


def test_rubrics_lists_builtin_and_folder_and_names_invalid_files(api):
    body = api.get("/api/rubrics").json()
    ids = [r["id"] for r in body["rubrics"]]
    assert ids[0] == body["default"] == "kerja-sama-internasional"
    assert "globalisasi" in ids and len(ids) == 3  # the two built-in ones and ok.yaml
    [invalid] = body["invalid"]  # students see that it is unavailable; the teacher's page says why
    assert invalid["file"] == "rusak.yaml" and invalid["unavailable"] and "errors" not in invalid
    assert ":10:12:" in api.get("/guru").text


def test_check_returns_the_same_record_as_the_python_api(api, checker):
    response = api.post("/api/check", json={"text": ESSAY})
    assert response.status_code == 200
    assert response.json() == checker.check_text(ESSAY, lang="id")
    english = api.post("/api/check?lang=en", json={"text": ESSAY}).json()
    assert english == checker.check_text(ESSAY, lang="en")
    assert english["schema"] == "rubrika.result/1"


def test_check_with_another_rubric(api):
    record = api.post("/api/check", json={"text": ESSAY, "rubric": "globalisasi"}).json()
    assert record["rubric"]["id"] == "globalisasi"


def test_check_a_file_txt_and_docx(api, checker):
    record = api.post("/api/check", files={"file": ("Budi Santoso - Tugas.txt", ESSAY.encode("utf-8"))}).json()
    assert record["score"] == checker.check_text(ESSAY)["score"]
    assert record["essay"]["student"]["name"] == "Budi Santoso"
    record = api.post("/api/check", files={"file": ("esai.docx", make_docx(ESSAY))}, data={"lang": "en"}).json()
    assert record["error"] is None and record["essay"]["words"] > 250 and record["essay"]["path"] == "esai.docx"


def test_feedback_gives_the_view_and_file_text(api, checker):
    from rubrika.reporters.view import essay_view

    body = api.post("/api/feedback", files={"file": ("draf.docx", make_docx(ESSAY))}).json()
    assert set(body) == {"view", "rubric_id", "text", "file"}
    assert body["view"]["next_steps"] and body["view"]["grade_label"] and body["view"]["highlights"]
    assert "Multilateralisme" in body["text"]
    typed = api.post("/api/feedback", json={"text": ESSAY}).json()
    assert typed["text"] is None  # typed text is not echoed
    # the view the report and `rubrika check` lay out, as JSON
    assert typed["view"] == essay_view(checker.check_text(ESSAY), "id", checker.outline("id"))
    assert "," in typed["view"]["score"]  # EYD V, written by the server
    named = api.post("/api/feedback", json={"text": ESSAY, "name": "../Budi Santoso - Tugas IPS.docx"}).json()
    assert named["text"] is None and named["view"]["file"] == "Budi Santoso - Tugas IPS.docx"
    assert named["view"]["student"] == "Budi Santoso"


def test_report_is_the_check_o_report(api, checker):
    from rubrika.reporters.html import render_essay

    response = api.post("/api/report", json={"text": ESSAY})
    assert response.status_code == 200 and response.headers["content-disposition"].startswith("attachment")
    assert response.text == render_essay(checker.check_text(ESSAY), ESSAY, "id", checker.outline("id"))


def test_openapi_document(api):
    doc = api.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.") and {"/api/check", "/api/rubrics", "/api/grade"} <= set(doc["paths"])


def test_pages_have_strict_csp_and_no_inline_script(api):
    for path in ("/", "/guru", "/?lang=en"):
        page = api.get(path)
        assert page.status_code == 200
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert page.headers["x-content-type-options"] == "nosniff"
        html = page.text
        for chunk in html.split("<script")[1:]:
            head = chunk.split(">", 1)[0]
            assert "src=" in head or 'type="application/json"' in head, head
        assert "http://" not in html.replace('http://www.w3.org', '') and "https://" not in html  # no CDN
    assert 'lang="en"' in api.get("/?lang=en").text


def test_invalid_rubric_errors_are_escaped_in_the_page(tmp_path):
    (tmp_path / "<img src=x onerror=alert(1)>.yaml").write_text("id: [\n", encoding="utf-8")
    with client(rubrics_dir=tmp_path) as c:
        html = c.get("/").text
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;.yaml" in html


# --- every error is a clear 4xx ----------------------------------------------------------


@pytest.mark.parametrize("kwargs, status, code", [
    ({"json": {"text": ""}}, 422, "empty"),
    ({"json": {"text": " \n\t "}}, 422, "empty"),
    ({"json": {"text": "\x00\x01\x02\x03" * 200}}, 422, "binary"),
    ({"json": {"text": "kata " * 50_000}}, 413, "too-large"),
    ({"json": {"text": "a" * 3_000}}, 422, "not-prose"),
    ({"json": {"text": 42}}, 400, "bad-text"),
    ({"json": {"essay": "x"}}, 400, "no-input"),
    ({"json": ["text"]}, 400, "bad-json"),
    ({"json": {"text": "Perdamaian adalah keadaan.", "rubric": "tidak-ada"}}, 400, "unknown-rubric"),
    ({"json": {"text": "Perdamaian adalah keadaan.", "rubric": ["x"]}}, 400, "unknown-rubric"),
    ({"json": {"text": "Perdamaian adalah keadaan.", "lang": "fr"}}, 400, "lang"),
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400, "bad-json"),
    ({"content": b"\xff\xfe\x00", "headers": {"content-type": "application/json"}}, 400, "bad-json"),
    ({"content": b"text=hi", "headers": {"content-type": "text/plain"}}, 415, "content-type"),
    ({"content": b"--x\r\nbroken", "headers": {"content-type": "multipart/form-data; boundary=x"}}, 400, None),
    ({"content": b"", "headers": {"content-type": "multipart/form-data"}}, 400, None),
    ({"files": {"file": ("esai.docx", b"PK\x03\x04 not really a docx")}}, 422, "corrupt"),
    ({"files": {"file": ("esai.pdf", b"%PDF-1.4 broken")}}, 422, None),
    ({"files": {"file": ("esai.txt", b"")}}, 422, "empty"),
    ({"files": {"file": ("esai.txt", bytes(range(256)) * 40)}}, 422, "binary"),
    ({"files": {"file": ("program.exe", b"MZ\x90\x00")}}, 415, "unsupported-format"),
    ({"files": {"file": ("esai.doc", b"\xd0\xcf\x11\xe0")}}, 415, "unsupported-format"),
    ({"files": {"file": ("../../etc/passwd.txt", b"")}}, 422, "empty"),
    ({"data": {"rubric": "kerja-sama-internasional"}, "files": {"other": ("a.txt", b"x")}}, 400, "no-input"),
])
@pytest.mark.parametrize("path", ["/api/check", "/api/feedback", "/api/report"])
def test_bad_input_gets_a_clear_4xx(api, path, kwargs, status, code):
    body = assert_clear_error(api.post(path, **kwargs), status, code)
    assert "Traceback" not in json.dumps(body)


def test_english_error_messages(api):
    body = assert_clear_error(api.post("/api/check?lang=en", json={"text": ""}), 422, "empty")
    assert body["error"]["message"] == "The essay text is empty."
    body = assert_clear_error(api.post("/api/check", files={"file": ("x.docx", b"PK")}, data={"lang": "en"}), 422)
    assert body["error"]["message"].startswith("x.docx: the Word (.docx) file is damaged")


def test_wrong_method_and_unknown_paths(api):
    assert_clear_error(api.get("/api/check"), 405)
    assert_clear_error(api.put("/api/rubrics"), 405)
    assert_clear_error(api.get("/tidak-ada"), 404)
    assert_clear_error(api.get("/api/grade/bukan-pekerjaan"), 404, "no-job")
    assert_clear_error(api.get("/guru/hasil/bukan/index.html"), 404, "no-job")
    assert api.get("/static/../app.py").status_code == 404


def test_body_size_limits(rubrics_dir):
    with client(limits=__import__("rubrika.readers.essay", fromlist=["Limits"]).Limits(max_bytes=10_000)) as c:
        big = b"x" * 2_000_000
        assert_clear_error(c.post("/api/check", content=big, headers={"content-type": "application/json"}), 413,
                           "too-large")
        assert_clear_error(c.post("/api/check", files={"file": ("esai.txt", big)}), 413, "too-large")
        # a body that lies about its length is cut off when it passes the limit
        def chunks():
            for _ in range(40):
                yield b"y" * 100_000
        assert_clear_error(c.post("/api/check", content=chunks(), headers={"content-type": "application/json"}),
                           413, "too-large")
        # the login form is tiny
        assert_clear_error(c.post("/login", content=b"code=" + b"1" * 50_000,
                                  headers={"content-type": "application/x-www-form-urlencoded"}), 413)


def test_file_over_the_essay_limit(api):
    body = assert_clear_error(api.post("/api/check", files={"file": ("esai.txt", b"kata " * 4_100_001)}), 413)
    assert body["error"]["code"] == "too-large"


# --- safe to open to a class -------------------------------------------------------------


def test_host_other_than_loopback_is_refused_on_127_0_0_1(api):
    assert_clear_error(api.get("/api/rubrics", headers={"host": "evil.example"}), 400, "host")
    assert api.get("/api/rubrics", headers={"host": "localhost:8000"}).status_code == 200


def test_posts_from_another_site_are_refused(api):
    response = api.post("/api/check", json={"text": ESSAY}, headers={"origin": "http://evil.example"})
    assert_clear_error(response, 403, "origin")
    assert api.post("/api/check", json={"text": ESSAY}, headers={"origin": "http://127.0.0.1:8000"}).status_code == 200


def test_access_code_is_checked_on_every_request():
    with client(code="kelas-9b", loopback=False) as c:
        page = c.get("/")
        assert page.status_code == 401 and 'name="code"' in page.text and "Kode akses" in page.text
        for path in ("/api/rubrics", "/guru", "/static/student.js", "/api/openapi.json"):
            assert c.get(path).status_code == 401
        assert_clear_error(c.post("/api/check", json={"text": ESSAY}), 401, "access-code")
        assert_clear_error(c.post("/api/check", json={"text": ESSAY}, headers={"x-rubrika-code": "salah"}), 401)
        assert c.post("/api/check", json={"text": ESSAY}, headers={"x-rubrika-code": "kelas-9b"}).status_code == 200
        assert c.get("/api/rubrics", headers={"cookie": f"{COOKIE}=tebakan"}).status_code == 401
        wrong = c.post("/login", data={"code": "salah", "next": "/guru"})
        assert wrong.status_code == 401 and "Kode akses salah" in wrong.text
        for target in ("//evil.example/", "/\\evil.example", "https://evil.example/"):
            right = c.post("/login", data={"code": "kelas-9b", "next": target}, follow_redirects=False)
            assert right.status_code == 303 and right.headers["location"] == "/"
        assert c.post("/login", data={"code": "kelas-9b", "next": "/guru"},
                      follow_redirects=False).headers["location"] == "/guru"
        cookie = right.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        assert "kelas-9b" not in right.headers["set-cookie"]
        assert c.get("/guru").status_code == 200  # the cookie now goes with every request
        assert c.get("/api/rubrics", headers={"host": "192.168.1.20:8000"}).status_code == 200


def test_serve_command_requires_a_code_off_loopback(monkeypatch):
    from rubrika.cli.main import main
    from rubrika.serve import connections
    from rubrika.serve.guard import CODE_ALPHABET, CODE_LENGTH

    calls = []  # the server is never run: the command's socket, bound to a free port, is closed
    monkeypatch.setattr(connections, "run", lambda app, sock: calls.append((app, sock.getsockname())))
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "0"])
    assert result.exit_code == 0, result.output
    code = next(line.split(": ")[1] for line in result.output.splitlines() if line.startswith("Kode akses"))
    assert len(code.replace("-", "")) == CODE_LENGTH and set(code.replace("-", "")) <= set(CODE_ALPHABET)
    app, (host, port) = calls[0]
    assert host == "0.0.0.0" and port > 0 and f":{port}/" in result.output
    assert app.settings.code == code and not app.settings.loopback
    result = CliRunner().invoke(main, ["serve", "--lang", "en", "--port", "0"])
    assert "http://127.0.0.1:" in result.output and "Access code" not in result.output
    assert calls[1][0].settings.code is None and calls[1][1][0] == "127.0.0.1"
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--code", "ab"])
    assert result.exit_code == 2 and len(calls) == 2


def test_serve_command_lists_invalid_rubrics(monkeypatch, rubrics_dir):
    from rubrika.cli.main import main
    from rubrika.serve import connections

    monkeypatch.setattr(connections, "run", lambda app, sock: None)
    result = CliRunner().invoke(main, ["serve", "--port", "0", "--rubrics", str(rubrics_dir)])
    assert result.exit_code == 0
    assert "rusak.yaml" in result.output and ":10:12:" in result.output


def test_rate_limit_per_client():
    with client(rate_per_minute=6, rate_burst=3) as c:
        statuses = [c.post("/api/check", json={"text": ESSAY}).status_code for _ in range(3)]
        assert statuses == [200, 200, 200]
        response = c.post("/api/check", json={"text": ESSAY})
        body = assert_clear_error(response, 429, "rate-limit")
        assert int(response.headers["retry-after"]) >= 1 and "detik" in body["error"]["message"]
        assert c.get("/api/rubrics").status_code == 200  # reading is not limited


def test_busy_answers_503_and_never_crashes():
    with client(max_waiting=2, wait_seconds=0.3) as c:
        engine = c.app.server.engine
        with engine.lock:  # a long check is running
            response = c.post("/api/check", json={"text": ESSAY})  # after wait_seconds, not once the lock is free
            body = assert_clear_error(response, 503, "busy")
            assert response.headers["retry-after"] and "sibuk" in body["error"]["message"]
        engine.queue.size = engine.max_waiting  # the queue is full: answered at once
        assert_clear_error(c.post("/api/check", json={"text": ESSAY}), 503, "busy")
        engine.queue.size = 0
        assert c.post("/api/check", json={"text": ESSAY}).status_code == 200


def test_concurrent_checks_all_answer(checker):
    """Eight checks at once from one client, as many as it may have waiting, all answer the same."""
    expected = checker.check_text(ESSAY)["score"]
    results: list = []
    with client(max_client_waiting=8, rate_per_minute=100_000, rate_burst=100_000) as c:

        def one():
            results.append(c.post("/api/check", json={"text": ESSAY}).json()["score"])

        threads = [threading.Thread(target=one) for _ in range(8)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    assert results == [expected] * 8


def test_no_essay_text_is_logged_or_kept(api, caplog):
    marker = "Zyxwvutsrq penanda rahasia"
    server = api.app.server
    with caplog.at_level(logging.DEBUG):
        api.post("/api/check", json={"text": ESSAY + marker})
        api.post("/api/check", files={"file": ("draf.txt", (ESSAY + marker).encode())})
        api.post("/api/check", json={"text": marker * 0 + "\x00" * 900})
    assert marker not in caplog.text
    kept = [p for p in server.tmp.rglob("*") if p.is_file()]
    assert kept == []


# --- the teacher's class upload ------------------------------------------------------------


def test_teacher_grades_files_and_gets_the_grade_outputs(api):
    files = [("files", (p.name, p.read_bytes())) for p in sorted(SAMPLES.glob("0[1-4]*"))]
    files.append(("files", ("Budi Santoso - Tugas IPS.docx", make_docx(ESSAY))))
    files.append(("files", ("rusak.docx", b"PK not a docx")))
    response = api.post("/api/grade", files=files, data={"rubric": "kerja-sama-internasional"})
    assert response.status_code == 202, response.text
    job = wait_for_job(api, response.json()["id"])
    assert job["status"] == "done" and job["done"] == job["total"] == 6
    assert job["summary"]["count"] == 6 and job["summary"]["failed"] == 1
    students = {r["student"] for r in job["rows"]}
    assert "Budi Santoso" in students
    # Indonesian notation, one decimal at most and a trailing ",0" dropped (78 and 78,3, never 78,0)
    average = f"{job['summary']['average']:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    assert job["summary"]["message"] == f"Sebanyak 6 esai dinilai, 1 tidak dapat dibaca; rata-rata skor {average}."
    assert job["progress"] == "6 dari 6 esai dinilai"
    # the rows are the overview's rows, in the order of results.jsonl, each linked to its report
    records = [json.loads(line) for line in api.get(f"/guru/hasil/{job['id']}/results.jsonl").text.splitlines()]
    assert [r["file"] for r in job["rows"]] == [rec["essay"]["path"] for rec in records]
    assert [r["score"] for r in job["rows"]] == [rec["score"] for rec in records]
    assert all(r["report"].startswith("essays/") for r in job["rows"])  # the unreadable one has its report too
    assert [r["score_text"] for r in job["rows"]].count("–") == 1 and all(
        r["score_text"] == str(r["score"]).replace(".", ",").removesuffix(",0") for r in job["rows"] if r["score"])
    archive = zipfile.ZipFile(io.BytesIO(api.get(f"/api/grade/{job['id']}/download").content))
    names = set(archive.namelist())
    assert {"laporan-rubrika/index.html", "laporan-rubrika/grades.csv", "laporan-rubrika/results.jsonl"} <= names
    assert len([n for n in names if n.startswith("laporan-rubrika/essays/")]) == 6
    assert not any("/." in n for n in names)  # no cache, no marker
    overview = api.get(f"/guru/hasil/{job['id']}/index.html")
    assert overview.status_code == 200 and "sha256-" in overview.headers["content-security-policy"]
    assert "frame-ancestors 'self'" in overview.headers["content-security-policy"]
    report = next(r["report"] for r in job["rows"] if r["report"])
    assert api.get(f"/guru/hasil/{job['id']}/{report}").status_code == 200
    for bad in ("../../../etc/passwd", "essays/../../laporan-rubrika.zip", ".rubrika-cache", "essays/x.txt"):
        assert api.get(f"/guru/hasil/{job['id']}/{bad}").status_code == 404
    assert api.delete(f"/api/grade/{job['id']}").status_code == 204
    assert api.get(f"/api/grade/{job['id']}").status_code == 404


def test_teacher_hostile_zip_is_refused_entry_by_entry(api):
    moodle = "Sari Dewi_4411_assignsubmission_file_/esai.txt"
    data = make_zip({
        moodle: ESSAY, "Andi_4412_assignsubmission_file_/esai.txt": ESSAY.replace("Dedi", "Andi"),
        "../../lolos.txt": ESSAY, "/etc/mutlak.txt": ESSAY, "..\\..\\windows.txt": ESSAY,
        "bom.txt": " " * 5_000_000, "foto.jpg": b"\xff\xd8\xff", "dalam.zip": make_zip({"a.txt": ESSAY}),
    }, links={"tautan.txt": "/etc/passwd"})
    response = api.post("/api/grade", files=[("files", ("kiriman.zip", data))])
    assert response.status_code == 202, response.text
    job = wait_for_job(api, response.json()["id"])
    assert job["status"] == "done" and job["summary"]["count"] == 2
    assert {r["student"] for r in job["rows"]} == {"Sari Dewi", "Andi"}
    refused = {r["name"]: r["code"] for r in job["refused"]}
    assert refused == {"../../lolos.txt": "path-escape", "/etc/mutlak.txt": "absolute",
                       "..\\..\\windows.txt": "path-escape", "bom.txt": "ratio", "foto.jpg": "not-essay",
                       "dalam.zip": "nested-archive", "tautan.txt": "link"}
    assert all(r["reason"] for r in job["refused"])


@pytest.mark.parametrize("files, status, code", [
    ([("files", ("bukan.zip", b"this is not a zip"))], 422, "no-essays"),
    ([("files", ("foto.jpg", b"\xff\xd8\xff"))], 422, "no-essays"),
    ([("other", ("a.txt", b"x"))], 400, "no-files"),
])
def test_teacher_upload_errors(api, files, status, code):
    body = assert_clear_error(api.post("/api/grade", files=files), status, code)
    if code == "no-essays":
        assert body["refused"] and body["refused"][0]["reason"]


def test_teacher_upload_limits():
    with client(max_upload_files=2) as c:
        files = [("files", (f"e{i}.txt", ESSAY.encode())) for i in range(3)]
        assert_clear_error(c.post("/api/grade", files=files), 400, "too-many-files")
        assert_clear_error(c.post("/api/grade", json={"files": []}), 415)
        assert_clear_error(c.post("/api/grade", files=[("files", ("a.txt", b"x"))], data={"rubric": "x"}), 400,
                           "unknown-rubric")


def test_only_one_class_is_graded_at_a_time(api):
    server = api.app.server
    gate = threading.Event()
    original = server.jobs._run

    def slow(job, folder, checker):
        gate.wait(10)
        original(job, folder, checker)

    server.jobs._run = slow
    try:
        first = api.post("/api/grade", files=[("files", ("a.txt", ESSAY.encode()))])
        assert first.status_code == 202
        body = assert_clear_error(api.post("/api/grade", files=[("files", ("b.txt", ESSAY.encode()))]), 503, "busy")
        assert "kelas lain" in body["error"]["message"]
        assert_clear_error(api.get(f"/api/grade/{first.json()['id']}/download"), 409, "not-ready")
    finally:
        gate.set()
        server.jobs._run = original
    assert wait_for_job(api, first.json()["id"])["status"] == "done"


# --- rubrika.batch.ziparchive on its own ---------------------------------------------------------


def test_extract_essays_keeps_folders_and_refuses_with_reasons(tmp_path):
    archive = tmp_path / "kelas.zip"
    archive.write_bytes(make_zip({"a/Budi_1_assignsubmission_file_/esai.docx": b"PK", "b.md": "# esai",
                                  "__MACOSX/._b.md": "x", ".DS_Store": "x", "b.md ": "x", "c.rtf": "x",
                                  "x/../y.txt": "x"}))
    with extract_essays(archive, dest=tmp_path / "tmp", lang="en") as result:
        rels = [p.relative_to(result.folder).as_posix() for p in result.essays]
        assert rels == ["a/Budi_1_assignsubmission_file_/esai.docx", "b.md", "c.rtf"]
        assert [str(r) for r in result.refused] == [
            "__MACOSX/: extra data added by macOS, not essays; skipped",
            ".DS_Store: hidden file (its name starts with a dot); skipped. If it is an essay, remove the leading dot",
            "b.md : not an essay file (.txt, .md, .docx, .odt, .pdf); skipped",
            "x/../y.txt: the name contains '..' and would escape the folder; not extracted"]
        folder = result.folder
    assert not folder.exists()


def test_extract_essays_limits(tmp_path):
    archive = tmp_path / "kelas.zip"
    archive.write_bytes(make_zip({f"e{i:02}.txt": "kata " * 400 for i in range(10)}))
    result = extract_essays(archive, limits=ZipLimits(max_entries=4))
    assert len(result.essays) == 4 and result.refused[0].code == "count" and "6" in result.refused[0].reason
    result.cleanup()
    result = extract_essays(archive, limits=ZipLimits(max_total_bytes=5_000))
    assert len(result.essays) == 2 and {r.code for r in result.refused} == {"total"}
    result.cleanup()
    result = extract_essays(archive, limits=ZipLimits(max_file_bytes=1_000))
    assert result.essays == [] and {r.code for r in result.refused} == {"too-large"}
    result.cleanup()


def test_extract_essays_does_not_trust_declared_sizes(tmp_path):
    """An entry whose header claims a small size is still stopped at the limit while inflating."""
    archive = tmp_path / "bohong.zip"
    archive.write_bytes(make_zip({"besar.txt": "a " * 1_000_000}))
    data = bytearray(archive.read_bytes())
    # patch the declared uncompressed size (central directory and local header) to 100 bytes
    with zipfile.ZipFile(archive) as zf:
        info = zf.infolist()[0]
    real = info.file_size.to_bytes(4, "little")
    data = data.replace(real, (100).to_bytes(4, "little"))
    archive.write_bytes(bytes(data))
    result = extract_essays(archive, limits=ZipLimits(max_file_bytes=50_000))
    assert result.essays == [] and result.refused[0].code in ("too-large", "damaged")
    result.cleanup()


def test_extract_essays_refuses_a_non_zip(tmp_path):
    (tmp_path / "x.zip").write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(ZipArchiveError) as info:
        extract_essays(tmp_path / "x.zip", dest=tmp_path / "d")
    assert info.value.message("id").startswith("x.zip: bukan arsip .zip")
    assert list((tmp_path / "d").iterdir()) == []


def test_checker_is_the_only_door(api):
    """The server holds one Checker per rubric: the same class `rubrika check` uses."""
    assert all(isinstance(o.checker, Checker) for o in api.app.server.registry.rubrics.values())


def test_installed_package_carries_the_page_assets():
    from importlib import resources

    serve = resources.files("rubrika.serve")
    for name in ("templates/base.html.j2", "templates/student.html.j2", "templates/teacher.html.j2",
                 "templates/login.html.j2", "static/serve.css", "static/student.js", "static/teacher.js"):
        assert (serve / name).is_file(), name


def test_a_1000_word_draft_gets_feedback(api):
    """How fast: benchmarks/bench_serve.py (a class typing at once)."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import make_corpus

    words = " ".join(make_corpus(8)).split()[:1000]
    response = api.post("/api/feedback", json={"text": " ".join(words)})
    assert response.status_code == 200 and int(response.json()["view"]["words"].replace(".", "")) >= 900


def test_no_body_makes_a_500(api):
    """Whatever JSON or bytes arrive, the answer is a 200 or a clear 4xx."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                               lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                           max_size=4), max_leaves=12)
    bodies = st.one_of(
        st.fixed_dictionaries({"text": st.text(min_size=0, max_size=300)},
                              optional={"rubric": json_values, "lang": json_values}).map(json.dumps),
        json_values.map(json.dumps),
        st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
    )
    content_types = st.sampled_from(["application/json", "multipart/form-data", "multipart/form-data; boundary=x",
                                     "application/x-www-form-urlencoded", "text/plain", ""])

    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
    @given(body=bodies, ctype=content_types, path=st.sampled_from(["/api/check", "/api/feedback", "/api/grade"]))
    def one(body, ctype, path):
        response = api.post(path, content=body.encode("utf-8", "surrogatepass"), headers={"content-type": ctype})
        assert response.status_code == 200 or 400 <= response.status_code < 500, (response.status_code, response.text)
        if response.status_code != 200:
            assert response.json()["error"]["message"]

    one()


def test_page_next_steps_are_the_reports(api, checker):
    """The page's next steps and grade label are the ones the downloaded report shows."""
    from markupsafe import escape

    for lang in ("id", "en"):
        body = api.post(f"/api/feedback?lang={lang}", json={"text": ESSAY}).json()["view"]
        report = api.post(f"/api/report?lang={lang}", json={"text": ESSAY}).text
        steps = report.split("<ol>", 1)[1].split("</ol>", 1)[0]
        positions = [steps.find(str(escape(s["label"]))) for s in body["next_steps"]]
        assert len(positions) == 3 and -1 not in positions and positions == sorted(positions)
        assert all(str(escape(s["gain"])) in steps for s in body["next_steps"])
        assert body["grade_label"] and f"· {escape(body['grade_label'])}" in report
