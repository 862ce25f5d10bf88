"""``rubric draft`` on the teacher page of ``rubrika serve``, through its HTTP API (Starlette's
TestClient, no network): an uploaded article (any format ``check`` reads, up to a size limit)
gives a draft to review with its ``# PERIKSA`` doubts; the teacher's edits are saved only when
the rubric loader accepts them (its problems come back with line, column and concept); a saved
rubric is offered at once, kept in ``--rubrics DIR`` when one was given, and never replaces a
rubric the server did not save itself. Every route needs the access code."""

from __future__ import annotations

import io

import pytest
import yaml

from conftest import ROOT, SAMPLES
from rubrika.rubric import load_rubric

starlette_testclient = pytest.importorskip("starlette.testclient")
from rubrika.serve.app import ServeConfig, create_app  # noqa: E402
from rubrika.serve.drafting import MARK, MAX_ARTICLE_BYTES, MAX_DRAFTS  # noqa: E402

ARTICLES = ROOT / "tests" / "fixtures" / "draft"
URBANISASI = (ARTICLES / "urbanisasi.txt").read_bytes()
POLOS = (ARTICLES / "polos.txt").read_bytes()
ESSAY = (SAMPLES / "04-dedi-hardwrap.txt").read_text(encoding="utf-8")


def client(**config) -> starlette_testclient.TestClient:
    return starlette_testclient.TestClient(create_app(ServeConfig(**config)), raise_server_exceptions=False,
                                           base_url="http://127.0.0.1:8000")


@pytest.fixture(scope="module")
def api():
    with client(rate_per_minute=100_000, rate_burst=100_000) as c:
        yield c


def draft(c, data: bytes = URBANISASI, name: str = "urbanisasi.txt", **fields):
    return c.post("/api/draft", files={"file": (name, data, "application/octet-stream")}, data=fields)


def concepts(review: dict) -> list[tuple[dict, dict]]:
    return [(c, k) for c in review["criteria"] for k in c["concepts"]]


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["code"] == code and body["error"]["message"].strip(), body
    assert "Traceback" not in response.text
    return body


def test_an_article_gives_a_draft_to_review_with_every_part_editable(api):
    response = draft(api)
    assert response.status_code == 200, response.text
    review = response.json()
    assert review["id"] == "urbanisasi-dan-dampaknya-bagi-kota-di-indonesia" and review["mark"] == MARK
    assert [c["id"] for c in review["criteria"]] == ["definisi", "gagasan-lain", "faktor", "dampak", "referensi"]
    pairs = concepts(review)
    assert len(pairs) == 11 and sum(k["define"] for _, k in pairs) == 3
    for _, k in pairs:
        assert k["label"] and k["where"].startswith("paragraf")
        assert k["terms"] or all(g["terms"] for g in k["groups"])
        assert set(k["examples"]) == {"match", "partial", "no_match"}
    assert sum(bool(k["examples"]["match"]) for _, k in pairs) >= 9  # the article's own sentences
    # the PERIKSA doubts, in the page's language, where they belong; the YAML carries the same marks
    doubted = {k["id"]: k["doubts"] for _, k in pairs if k["doubts"]}
    assert "fasilitas-pendidikan-dan-muda-pindah" in doubted
    assert review["doubts"] and "baris 3" in review["doubts"][0]
    assert review["yaml"].count(f"# {MARK}") >= len(doubted) + len(review["doubts"]) - 1
    english = draft(api, lang="en").json()
    assert "urbanisasi.txt" in english["summary"] and english["summary"] != review["summary"]
    assert english["doubts"] != review["doubts"]  # the same doubts, in English


def test_an_article_without_structure_says_so(api):
    review = draft(api, POLOS, "polos.txt").json()
    from rubrika.messages import t

    assert t("draft.doubt.no_structure", "id") in review["doubts"]


def test_any_format_check_reads(api):
    import docx

    document = docx.Document()
    for paragraph in URBANISASI.decode("utf-8").split("\n\n"):
        document.add_paragraph(paragraph.replace("\n", " ") if not paragraph.lstrip().startswith("-") else paragraph)
    out = io.BytesIO()
    document.save(out)
    review = draft(api, out.getvalue(), "urbanisasi.docx").json()
    assert {k["id"] for _, k in concepts(review) if k["define"]} == {"urbanisasi", "permukiman-kumuh",
                                                                    "ruang-terbuka-hijau"}


def test_what_cannot_be_drafted_is_refused_clearly(api):
    assert_error(draft(api, b"\x89PNG\r\n", "foto.png"), 415, "unsupported-format")
    assert_error(draft(api, b"   \n", "kosong.txt"), 422, "empty")
    assert_error(draft(api, b"Halo.", "pendek.txt"), 422, "nothing-to-draft")
    assert_error(api.post("/api/draft", json={"text": "artikel"}), 415, "content-type")
    assert_error(api.post("/api/draft", files={"lain": ("a.txt", b"x")}), 400, "no-input")


def test_the_article_upload_has_a_size_limit():
    assert MAX_ARTICLE_BYTES == ServeConfig().max_article_bytes
    with client(max_article_bytes=len(URBANISASI) - 1) as c:
        body = assert_error(draft(c), 413, "too-large")
        assert str(len(URBANISASI) - 1) in body["error"]["message"]
    with client(max_article_bytes=len(URBANISASI)) as c:
        assert draft(c).status_code == 200


def test_every_draft_route_needs_the_access_code():
    with client(code="rahasia-guru") as c:
        assert_error(draft(c), 401, "access-code")
        assert_error(c.post("/api/draft/abc", json={}), 401, "access-code")
        review = c.post("/api/draft", files={"file": ("u.txt", URBANISASI)}, headers={"X-Rubrika-Code": "rahasia-guru"})
        assert review.status_code == 200
        token = review.json()["token"]
        assert_error(c.post(f"/api/draft/{token}", json={}), 401, "access-code")
        saved = c.post(f"/api/draft/{token}", json={}, headers={"X-Rubrika-Code": "rahasia-guru"})
        assert saved.status_code == 200, saved.text


def test_the_reviewed_draft_is_saved_and_offered_to_students_at_once():
    with client() as c:
        review = draft(c).json()
        (criterion, concept), = [(c_, k) for c_, k in concepts(review) if k["id"] == "urbanisasi"]
        edits = {"id": "urbanisasi-9a", "title": "Urbanisasi: kelas 9A", "concepts": [
            {"criterion": "definisi", "id": "urbanisasi", "label": "Arti urbanisasi",
             "terms": ["urbanisasi", "perpindahan penduduk desa ke kota"],
             "examples": {"match": ["Urbanisasi adalah perpindahan penduduk dari desa ke kota."],
                          "no_match": concept["examples"]["no_match"]}}]}
        response = c.post(f"/api/draft/{review['token']}", json=edits)
        assert response.status_code == 200, response.text
        saved = response.json()
        assert saved["rubric"]["id"] == "urbanisasi-9a" and saved["file"] is None
        assert "selama server berjalan" in saved["message"]
        data = yaml.safe_load(saved["yaml"])
        defined = data["criteria"][0]["concepts"][0]
        assert defined["label"] == "Arti urbanisasi" and "perpindahan penduduk desa ke kota" in defined["terms"]
        assert f"# {MARK}" in saved["yaml"]  # the writer's comments stay
        # offered: in the listing, on the student page, and it checks an essay
        assert "urbanisasi-9a" in [r["id"] for r in c.get("/api/rubrics").json()["rubrics"]]
        assert 'value="urbanisasi-9a"' in c.get("/").text
        checked = c.post("/api/check", json={"text": "Urbanisasi adalah perpindahan penduduk desa ke kota. " * 3,
                                             "rubric": "urbanisasi-9a"})
        assert checked.status_code == 200 and checked.json()["rubric"]["id"] == "urbanisasi-9a"
        statuses = {k["id"]: k["status"] for cr in checked.json()["criteria"] for k in cr.get("concepts", [])}
        assert statuses["urbanisasi"] != "missing"
        # saving again (after more edits) replaces the rubric it saved itself
        edits["title"] = "Urbanisasi: kelas 9B"
        again = c.post(f"/api/draft/{review['token']}", json=edits)
        assert again.status_code == 200 and again.json()["rubric"]["title"] == "Urbanisasi: kelas 9B"
        assert [r["id"] for r in c.get("/api/rubrics").json()["rubrics"]].count("urbanisasi-9a") == 1


def test_a_draft_that_does_not_load_is_not_saved_and_says_where():
    with client() as c:
        review = draft(c).json()
        edits = {"id": "Bukan ID!", "concepts": [
            {"criterion": "definisi", "id": "permukiman-kumuh", "terms": [], "label": "Permukiman kumuh"}]}
        body = assert_error(c.post(f"/api/draft/{review['token']}", json=edits), 422, "invalid-rubric")
        problems = body["problems"]
        assert len(problems) >= 2 and str(len(problems)) in body["error"]["message"]
        lines = body["yaml"].split("\n")
        by_concept = [p for p in problems if p["concept"] == "permukiman-kumuh"]
        assert by_concept and by_concept[0]["criterion"] == "definisi"
        assert lines[by_concept[0]["line"] - 1].strip() == "- id: permukiman-kumuh"
        assert by_concept[0]["where"] == f"Baris {by_concept[0]['line']}, kolom {by_concept[0]['column']}"
        (id_problem,) = [p for p in problems if lines[p["line"] - 1].startswith("id:")]
        assert id_problem["concept"] is None and id_problem["message"]
        assert "Bukan ID!" not in [r["id"] for r in c.get("/api/rubrics").json()["rubrics"]]
        # fixed, it saves
        edits = {"id": "urbanisasi", "concepts": [{"criterion": "definisi", "id": "permukiman-kumuh",
                                                   "terms": ["permukiman kumuh"]}]}
        assert c.post(f"/api/draft/{review['token']}", json=edits).status_code == 200


def test_edits_are_values_never_yaml():
    """A label or a term is written by the draft's writer, quoted: it cannot add keys or comments."""
    with client() as c:
        review = draft(c).json()
        hostile = 'Kota": x\n- id: jahat # <script>alert(1)</script>'
        edits = {"id": "urbanisasi-aman", "concepts": [
            {"criterion": "definisi", "id": "urbanisasi", "label": hostile, "terms": ["urbanisasi", "kota: desa"]}]}
        response = c.post(f"/api/draft/{review['token']}", json=edits)
        assert response.status_code == 200, response.text
        concept = yaml.safe_load(response.json()["yaml"])["criteria"][0]["concepts"][0]
        assert concept["label"] == " ".join(hostile.split()) and concept["terms"] == ["urbanisasi", "kota: desa"]


def test_malformed_edits_and_unknown_drafts_are_clear_errors(api):
    token = draft(api).json()["token"]
    for edits in ([], {"id": 5}, {"concepts": {}}, {"concepts": [{"criterion": "x", "id": "y"}]},
                  {"concepts": [{"criterion": "definisi", "id": "urbanisasi", "terms": "urbanisasi"}]},
                  {"concepts": [{"criterion": "definisi", "id": "urbanisasi", "examples": {"lain": []}}]},
                  {"concepts": [{"criterion": "faktor", "id": "buruh-tani-dan-lahan-pertanian", "groups": [["a"]]}]}):
        assert_error(api.post(f"/api/draft/{token}", json=edits), 400, "bad-json")
    assert_error(api.post(f"/api/draft/{token}", content=b"{", headers={"Content-Type": "application/json"}),
                 400, "bad-json")
    assert_error(api.post("/api/draft/tidak-ada", json={}), 404, "no-draft")


def test_drafts_under_review_are_bounded():
    with client(rate_per_minute=100_000, rate_burst=100_000) as c:
        server = c.app.server
        first = draft(c).json()["token"]
        for _ in range(MAX_DRAFTS):
            server.drafting.keep(server.drafting.drafts[first].draft)
        assert len(server.drafting.drafts) == MAX_DRAFTS and first not in server.drafting.drafts
        assert_error(c.post(f"/api/draft/{first}", json={}), 404, "no-draft")


def test_with_a_rubrics_folder_the_rubric_is_a_file_offered_after_a_restart(tmp_path):
    with client(rubrics_dir=tmp_path) as c:
        review = draft(c).json()
        assert str(tmp_path) in c.get("/guru").text  # the page says where a saved rubric goes
        saved = c.post(f"/api/draft/{review['token']}", json={"id": "urbanisasi-9a"})
        assert saved.status_code == 200, saved.text
        assert saved.json()["file"] == "urbanisasi-9a.yaml" and str(tmp_path) in saved.json()["message"]
    path = tmp_path / "urbanisasi-9a.yaml"
    assert path.read_text(encoding="utf-8") == saved.json()["yaml"]
    assert load_rubric(path).id == "urbanisasi-9a"
    with client(rubrics_dir=tmp_path) as c:  # a new server on the same folder offers it
        listed = {r["id"]: r["origin"] for r in c.get("/api/rubrics").json()["rubrics"]}
        assert listed["urbanisasi-9a"] == "urbanisasi-9a.yaml"
        # a rubric this server did not save is never replaced: not the folder's, not a built-in one
        review = draft(c).json()
        for taken in ("urbanisasi-9a", "kerja-sama-internasional"):
            body = assert_error(c.post(f"/api/draft/{review['token']}", json={"id": taken}), 409, "rubric-exists")
            assert taken in body["error"]["message"]
        assert path.read_text(encoding="utf-8") == saved.json()["yaml"]
