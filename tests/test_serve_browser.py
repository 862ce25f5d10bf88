"""``rubrika serve`` used as a student and a teacher would: Debian's Chromium, driven by Playwright.

The server runs in this process on 127.0.0.1 (a free port); Chromium runs headless with no
background networking; no browser is downloaded. axe-core comes from the
axe-playwright-python package (its bundled axe.min.js), nothing is fetched at run time.
Where Chromium is missing the tests are skipped on a developer's machine, and fail in CI.
"""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest

from conftest import HOSTILE, SAMPLES, Page, serving, wait_until

ESSAY = (SAMPLES / "04-dedi-hardwrap.txt").read_text(encoding="utf-8")
BODY = ESSAY[:ESSAY.find("\nReferensi")]  # the essay without its reference list
NEW_SENTENCE = " Kerja sama internasional juga dapat mengancam kedaulatan dan identitas nasional suatu negara."
CLASS = sorted(SAMPLES.glob("0[1-6]*.txt"))  # five essays, and a sixth named as a payload
PAYLOAD_NAME = '"><img src=x onerror=window.__pwned=9>.txt'


@pytest.fixture(scope="module")
def server():
    """``rubrika serve`` on 127.0.0.1 and a free port, in a thread of this process."""
    # every test here uploads from 127.0.0.1: the per-client cap on kept results is lifted
    with serving(max_client_jobs=1000) as url:
        yield url


def total(page) -> float:
    return float(page.locator("#total").inner_text().replace(",", "."))  # EYD V: "66,3"


def wait_for_total_change(page, before: float | None, timeout: float = 10) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.locator("#total").count() and (before is None or total(page) != before):
            return total(page)
        page.wait_for_timeout(100)
    raise AssertionError("the feedback did not update")


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_typing_updates_feedback_and_highlights(browser, server):
    view = Page(browser, server + "/")
    page = view.page
    assert page.locator("html").get_attribute("lang") == "id"
    page.fill("#draft", BODY)
    first = wait_for_total_change(page, None)
    assert page.locator("#grade").inner_text() in "ABCDE"
    assert page.locator("#criteria article").count() == 5 and page.locator("#next-steps li").count() >= 1
    assert page.locator("#criteria .points").first.inner_text().count("/") == 1
    marks = page.locator("#backdrop mark")
    assert marks.count() >= 10 and "kedaulatan" not in " ".join(marks.all_inner_texts())
    assert page.locator("#k-kedaulatan-identitas .st.missing").count() == 1
    # type a sentence at the end, key by key, as a student would
    page.focus("#draft")
    page.keyboard.press("Control+End")
    page.keyboard.type(NEW_SENTENCE, delay=5)
    second = wait_for_total_change(page, first)
    assert second > first
    wait_until(page, "document.querySelectorAll('#backdrop mark').length > 0")
    assert "mengancam kedaulatan" in " ".join(page.locator("#backdrop mark").all_inner_texts())
    assert page.locator("#k-kedaulatan-identitas .st.found").count() == 1
    # the highlight sits on the same words as the draft (same box, same wrapping)
    box_draft = page.locator("#draft").bounding_box()
    box_back = page.locator("#backdrop").bounding_box()
    assert abs(box_draft["x"] - box_back["x"]) < 1 and abs(box_draft["width"] - box_back["width"]) < 1
    # clicking a concept selects its evidence in the draft and scrolls to it
    page.locator("#k-kedaulatan-identitas button.label").click()
    selected = page.evaluate("(() => { const d = document.getElementById('draft');"
                             " return d.value.slice(d.selectionStart, d.selectionEnd); })()")
    assert selected.startswith("mengancam kedaulatan")  # the evidence (a term may span words between)
    assert page.evaluate("document.getElementById('draft').scrollTop") > 0
    active = page.locator("#backdrop mark.active")
    assert active.count() >= 1 and active.first.is_visible()
    # the page scrolls the draft into view smoothly (scroll-behavior: smooth): both boxes are read
    # in one frame, until the scroll has settled with the mark inside the draft's box
    wait_until(page, "(() => { const m = document.querySelector('#backdrop mark.active').getBoundingClientRect();"
                     " const d = document.getElementById('draft').getBoundingClientRect();"
                     " return d.top <= m.top && m.top <= d.bottom; })()")
    # a reload loses nothing: the draft is in localStorage, and only there
    page.reload()
    assert page.input_value("#draft") == BODY + NEW_SENTENCE
    wait_for_total_change(page, None)
    assert total(page) == second
    assert view.problems == [] and view.dialogs == []
    view.close()


def test_english_switch(browser, server):
    view = Page(browser, server + "/")
    page = view.page
    page.get_by_role("link", name="Switch to English").click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#feedback-heading").inner_text() == "Feedback"
    page.fill("#draft", BODY)
    wait_for_total_change(page, None)
    assert "Definitions of key concepts" in page.locator("#criteria").inner_text() or \
           "concept" in page.locator("#criteria").inner_text().lower()
    view.close()


def test_open_a_docx_and_download_the_report(browser, server, tmp_path):
    import docx

    document = docx.Document()
    for paragraph in ESSAY.split("\n\n"):
        document.add_paragraph(paragraph.replace("\n", " "))
    path = tmp_path / "Budi Santoso - Tugas IPS.docx"
    document.save(path)
    view = Page(browser, server + "/")
    page = view.page
    page.set_input_files("#file", str(path))
    wait_until(page, "document.getElementById('draft').value.length > 1000")
    assert "Multilateralisme adalah" in page.input_value("#draft")
    wait_for_total_change(page, None)
    assert "Budi Santoso - Tugas IPS.docx" in page.locator("#status").inner_text()
    with page.expect_download() as info:
        page.click("#download")
    report = tmp_path / "laporan.html"
    info.value.save_as(report)
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html
    assert f">{page.locator('#total').inner_text()}<" in html
    assert "Budi Santoso" in html  # the opened file's name names the student, as with `rubrika check`
    # a broken file gets a clear message next to the file field, and the draft stays
    broken = tmp_path / "rusak.docx"
    broken.write_bytes(b"PK\x03\x04 not a docx")
    page.set_input_files("#file", str(broken))
    page.wait_for_selector("#file-error:not([hidden])")
    assert "rusak.docx" in page.locator("#file-error").inner_text()
    assert "Multilateralisme adalah" in page.input_value("#draft")
    assert view.dialogs == []
    view.close()


def test_payloads_in_a_draft_do_not_run(browser, server, tmp_path):
    view = Page(browser, server + "/")
    page = view.page
    page.fill("#draft", HOSTILE * 3 + BODY)
    wait_for_total_change(page, None)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None and view.dialogs == []
    assert page.locator("img").count() == 0 and page.locator("svg").count() == 0
    assert page.locator("#backdrop script, #feedback script").count() == 0
    assert "<script>" in page.locator("#backdrop").inner_text()  # shown as text
    page.locator("#criteria button.label").first.click()
    page.fill("#name", "Siswa Uji")  # a typed draft's report asks for a name first
    with page.expect_download() as info:
        page.click("#download")
    info.value.save_as(tmp_path / "laporan.html")
    report = Page(browser, (tmp_path / "laporan.html").as_uri())
    assert "<script>" in report.page.locator(".essay-text").inner_text()
    assert report.page.evaluate("window.__pwned") is None and report.dialogs == []
    assert report.page.locator("img").count() == 0
    report.close()
    view.close()


def make_class_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for sample in CLASS:
            zf.writestr(f"Siswa {sample.stem}_{1000 + len(zf.namelist())}_assignsubmission_file_/{sample.name}",
                        sample.read_bytes())
        zf.writestr(PAYLOAD_NAME, HOSTILE)
        zf.writestr("../../keluar.txt", ESSAY)
        zf.writestr("foto.jpg", b"\xff\xd8\xff")
    return path


def test_teacher_uploads_a_zip_and_sees_the_overview(browser, server, tmp_path):
    view = Page(browser, server + "/guru")
    page = view.page
    page.set_input_files("#files", str(make_class_zip(tmp_path / "kiriman.zip")))
    page.click("#grade")
    page.wait_for_selector("#results:not([hidden])", timeout=60_000)
    assert page.locator("#progress-box").is_hidden()
    rows = page.locator("#rows tbody tr")
    assert rows.count() == len(CLASS) + 1
    assert "Siswa 01-andi-kuat-lengkap" in page.locator("#rows tbody").inner_text()
    refused = page.locator("#refused").inner_text()
    assert "../../keluar.txt" in refused and "foto.jpg" in refused
    assert "dinilai" in page.locator("#status").inner_text()
    # the summary in the house style: "Sebanyak …", the average with a decimal comma
    assert re.fullmatch(r"Sebanyak \d+ esai dinilai, \d+ tidak dapat dibaca; rata-rata skor (\d+(,\d)?|–)\.",
                        page.locator("#status").inner_text()), page.locator("#status").inner_text()
    # the overview, in the page and on its own
    frame = page.frame_locator("#overview")
    frame.locator("#scores tbody tr").first.wait_for()
    assert frame.locator("#scores tbody tr").count() == len(CLASS) + 1
    overview = Page(browser, server + page.locator("#open-overview").get_attribute("href"))
    assert overview.page.locator("#scores tbody tr").count() == len(CLASS) + 1
    overview.page.locator("#scores thead th").nth(1).locator("button").click()  # its sorting script runs
    assert overview.page.locator("#scores thead th").nth(1).get_attribute("aria-sort") == "descending"  # a score column sorts highest first
    assert overview.problems == [] and overview.page.evaluate("window.__pwned") is None
    overview.close()
    with page.expect_download() as info:
        page.click("#zip")
    names = set(zipfile.ZipFile(info.value.path()).namelist())
    assert {"laporan-rubrika/index.html", "laporan-rubrika/grades.csv", "laporan-rubrika/results.jsonl"} <= names
    assert page.evaluate("window.__pwned") is None and view.dialogs == []
    assert page.locator("img").count() == 0 and frame.locator("img").count() == 0
    assert view.problems == []
    view.close()


@pytest.mark.parametrize("path", ["/", "/guru"])
def test_phone_layout_has_no_horizontal_overflow(browser, server, path, tmp_path):
    view = Page(browser, server + path, width=390, height=844, is_mobile=True, has_touch=True)
    page = view.page
    if path == "/":
        page.fill("#draft", ESSAY)
        wait_for_total_change(page, None)
        assert page.locator("#draft").bounding_box()["width"] <= 390
    else:
        page.set_input_files("#files", str(make_class_zip(tmp_path / "k.zip")))
        page.click("#grade")
        page.wait_for_selector("#results:not([hidden])", timeout=60_000)
    assert no_horizontal_overflow(page), page.evaluate("document.documentElement.scrollWidth")
    for selector in ("button", "select", "textarea", "input"):
        for element in [e for e in page.locator(selector).all() if e.is_visible()]:
            # a control in a table that scrolls sideways in its own box (the correction grid) is
            # reached by scrolling that box: the box must fit the page, and must scroll
            wrap = element.locator("xpath=ancestor::div[contains(@class, 'table-wrap')][1]")
            if wrap.count():
                assert wrap.evaluate("w => getComputedStyle(w).overflowX") == "auto"
                element = wrap
            box = element.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 391, (selector, box)
    view.close()


def test_keyboard_alone(browser, server):
    view = Page(browser, server + "/")
    page = view.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    order = []
    for _ in range(12):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
        if order[-1] == "draft":
            break
    assert order[-1] == "draft" and "rubric" in order and "file" in order
    page.keyboard.type("Perdamaian adalah keadaan tanpa perang. Multilateralisme adalah kerja sama banyak negara.")
    wait_for_total_change(page, None)
    # from the draft, Tab reaches the buttons and then the feedback's concept buttons
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.id || document.activeElement.textContent"))
        if page.evaluate("document.activeElement.classList.contains('label')"):
            break
    assert "download" in seen and "clear" in seen
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "draft"
    assert page.evaluate("document.getElementById('draft').selectionEnd") > 0
    view.close()


def test_no_serious_accessibility_violations(browser, server, tmp_path):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    axe = axe_module.Axe()

    def serious(page) -> list[str]:
        results = axe.run(page)
        return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"]
                if v["impact"] in ("serious", "critical")]

    view = Page(browser, server + "/", bypass_csp=True)  # axe's script is injected by the test
    page = view.page
    assert serious(page) == []
    page.fill("#draft", ESSAY)
    wait_for_total_change(page, None)
    assert serious(page) == []
    view.close()
    view = Page(browser, server + "/guru", bypass_csp=True)
    page = view.page
    assert serious(page) == []
    page.set_input_files("#files", str(make_class_zip(tmp_path / "k.zip")))
    page.click("#grade")
    page.wait_for_selector("#results:not([hidden])", timeout=60_000)
    assert serious(page) == []
    view.close()
    view = Page(browser, server + "/?lang=en", width=390, height=844, bypass_csp=True)
    assert serious(view.page) == []
    view.close()


def test_clearing_the_draft_asks_first(browser, server):
    view = Page(browser, server + "/")
    page = view.page
    page.fill("#draft", BODY)
    wait_for_total_change(page, None)
    page.click("#clear")  # the dialog is dismissed: nothing is lost
    assert len(view.dialogs) == 1 and page.input_value("#draft") == BODY
    view.close()


def test_highlights_stay_on_their_words_after_emoji(browser, server):
    """Rubrika counts code points, the browser UTF-16 units: an emoji must not shift the marks."""
    view = Page(browser, server + "/")
    page = view.page
    page.fill("#draft", "Semangat 💪🌏 belajar!\n\n" + BODY)
    wait_for_total_change(page, None)
    page.locator("#k-multilateralisme button.label").click()
    selected = page.evaluate("(() => { const d = document.getElementById('draft');"
                             " return d.value.slice(d.selectionStart, d.selectionEnd); })()")
    assert selected.lower().startswith("multilateral")
    assert all(m.strip() and "💪" not in m for m in page.locator("#backdrop mark").all_inner_texts())
    view.close()


def test_teacher_upload_without_essays_says_why(browser, server, tmp_path):
    archive = tmp_path / "kosong.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../../lolos.txt", ESSAY)
        zf.writestr("foto.jpg", b"\xff\xd8\xff")
    view = Page(browser, server + "/guru")
    page = view.page
    page.set_input_files("#files", str(archive))
    page.click("#grade")
    page.wait_for_selector("#error:not([hidden])")
    assert "Tidak ada esai" in page.locator("#error").inner_text()
    assert "../../lolos.txt" in page.locator("#refused").inner_text()
    assert page.locator("#results").is_hidden() and page.locator("#grade").is_enabled()
    view.close()


def test_highlights_move_with_their_words_while_typing(browser, server):
    view = Page(browser, server + "/")
    page = view.page
    page.fill("#draft", BODY)
    wait_for_total_change(page, None)
    before = page.locator("#backdrop mark").all_inner_texts()
    page.focus("#draft")
    page.keyboard.press("Control+Home")
    page.keyboard.type("Judul: ")  # before the next feedback, the marks are still on their words
    assert page.locator("#backdrop mark").all_inner_texts() == before
    assert page.evaluate("document.getElementById('backdrop').textContent.startsWith('Judul: ')")
    view.close()


STUFFED = (SAMPLES.parent / "integritas" / "permainan-01-daftar-istilah.txt").read_text(encoding="utf-8")


def advisories_shown(page, selector: str) -> list[tuple[str, str]]:
    """(code, text) of each advisory paragraph, white space made one space."""
    return [(p.get_attribute("data-code"), " ".join(p.inner_text().split())) for p in page.locator(selector).all()]


def test_the_page_says_what_the_downloaded_report_says(browser, server, tmp_path):
    """Warnings apart from notes, each with its label and message, and every demoted concept
    with its reason: the page lays out the report's view, it decides nothing itself."""
    view = Page(browser, server + "/")
    page = view.page
    page.fill("#draft", STUFFED)
    wait_for_total_change(page, None)
    page.fill("#name", "Siswa Uji")  # a typed draft's report asks for a name first
    with page.expect_download() as info:
        page.click("#download")
    info.value.save_as(tmp_path / "laporan.html")
    report = Page(browser, tmp_path / "laporan.html").page
    # the split: warnings above the score, notes below it, the same codes and messages
    page_warnings, report_warnings = advisories_shown(page, "#warnings .warning"), advisories_shown(report, ".warnings .warning")
    page_notes, report_notes = advisories_shown(page, "#notes .note"), advisories_shown(report, "p.note")
    assert [c for c, _ in page_warnings] == [c for c, _ in report_warnings] == ["keyword-stuffing"]
    assert [c for c, _ in page_notes] == [c for c, _ in report_notes] == ["too-short"]
    assert page_warnings == [(c, t.removeprefix("⚠ ")) for c, t in report_warnings]  # the report's ⚠ is in its HTML
    assert page_notes == report_notes
    assert page.locator("#feedback .flag-note").inner_text() == report.locator(".flag-note").inner_text()
    assert page.evaluate("document.querySelector('#warnings').compareDocumentPosition("
                         "document.querySelector('#total')) & Node.DOCUMENT_POSITION_FOLLOWING")
    # every concept's status and reason, as the report words them (the folded ones opened)
    for fold in report.locator("details.more > summary").all():
        fold.click()
    statuses = report.locator("li[id^='c-'] .status").all()
    assert len(statuses) >= 10
    reasons = 0
    for status in statuses:
        concept_id = status.locator("xpath=..").get_attribute("id").removeprefix("c-")
        status_text, _, reason = status.inner_text().split(" ", 1)[1].partition(" — ")
        shown = page.locator(f"#k-{concept_id}")
        assert shown.locator(".st").inner_text().split(" ", 1)[1] == status_text + ": "
        assert (shown.locator(".reason").inner_text() if shown.locator(".reason").count() else "") == \
            (f" ({reason})" if reason else "")
        reasons += bool(reason)
    assert reasons >= 5  # the stuffed concepts say why they earn nothing
    assert page.locator("#total").inner_text() == report.locator(".summary .big").inner_text().removesuffix("/100")
    assert view.problems == [] and view.dialogs == []
    view.close()


def test_a_draft_of_zero_width_spaces_is_refused_as_empty(browser, server):
    """The page used to check it (its own test was `trim()`); now the server's one check says
    `empty`, with the code `rubrika check` gives the same text in a file."""
    from rubrika.readers.essay import EssayReadError, check_text

    with pytest.raises(EssayReadError) as refused:
        check_text("\u200b\u200b\u200b")
    view = Page(browser, server + "/")
    page = view.page
    page.fill("#draft", BODY)
    wait_for_total_change(page, None)
    page.fill("#draft", "\u200b\u200b\u200b")
    page.wait_for_selector("#error:not([hidden])")
    assert page.locator("#error").get_attribute("data-code") == refused.value.code == "empty"
    assert page.locator("#error").inner_text() == "Teks esai kosong."
    assert page.locator("#total").count() == 0 and page.locator("#backdrop mark").count() == 0
    view.close()


DRAFT_ARTICLE = SAMPLES.parents[1] / "tests" / "fixtures" / "draft" / "urbanisasi.txt"
SHOTS = Path(__import__("os").environ.get("RUBRIKA_SHOTS", "")) if __import__("os").environ.get("RUBRIKA_SHOTS") else None


@pytest.mark.parametrize("width, height, mobile", [(390, 844, True), (1280, 900, False)])
def test_teacher_corrects_a_cell_and_the_score_follows(browser, server, tmp_path, width, height, mobile):
    """Issue 21 on a phone and a laptop: upload, correct a concept from the grid, see the score
    change at once, then from the essay view, download the zip (corrected outputs and
    koreksi.csv), upload again with koreksi.csv: the corrections are kept."""
    extra = {"is_mobile": True, "has_touch": True} if mobile else {}
    view = Page(browser, server + "/guru", width=width, height=height, **extra)
    page = view.page
    page.set_input_files("#files", [str(p) for p in CLASS])
    page.click("#grade")
    page.wait_for_selector("#correct:not([hidden])", timeout=60_000)
    assert page.locator("#grid button.cell").count() >= len(CLASS)
    cell = page.locator("#grid button.cell.found").first
    file, concept = cell.get_attribute("data-file"), cell.get_attribute("data-concept")
    row = page.locator("#grid tbody tr", has=page.locator(f'button.cell[data-file="{file}"]'))
    before = row.locator("td.score").inner_text()
    cell.click()
    assert page.locator("#editor").is_visible()
    page.check('#editor-statuses input[value="missing"]')
    page.fill("#editor-note", "Hanya menyalin soal.")
    if SHOTS:
        page.screenshot(path=str(SHOTS / f"editor-{width}.png"), full_page=True)
    page.click("#editor-save")
    wait_until(page, f"""document.querySelector('#grid button.cell.corrected[data-concept="{concept}"]') !== null""")
    after = row.locator("td.score").inner_text()
    assert after != before and "Koreksi disimpan" in page.locator("#correct-status").inner_text()
    assert no_horizontal_overflow(page), page.evaluate("document.documentElement.scrollWidth")
    if SHOTS:
        page.screenshot(path=str(SHOTS / f"grid-{width}.png"), full_page=True)
    # the essay view: its concept list, the report beside it, mark as reviewed
    row.locator("th button").click()
    page.wait_for_selector("#essay:not([hidden])")
    assert "dikoreksi guru" in page.locator("#essay-concepts").inner_text()
    page.frame_locator("#essay-report").locator("body").wait_for()
    page.check("#essay-reviewed")
    wait_until(page, "document.querySelector('#correct-status').textContent.indexOf('Koreksi disimpan') >= 0")
    if SHOTS:
        page.screenshot(path=str(SHOTS / f"essay-{width}.png"), full_page=True)
    with page.expect_download() as info:
        page.click("#zip")
    archive = zipfile.ZipFile(info.value.path())
    corrections = archive.read("laporan-rubrika/koreksi.csv")
    assert f"{file},{concept},belum ada,Hanya menyalin soal.".encode() in corrections
    # upload again with the corrections file: they are kept
    saved = tmp_path / "koreksi.csv"
    saved.write_bytes(corrections)
    page.set_input_files("#files", [str(p) for p in CLASS] + [str(saved)])
    page.click("#grade")
    wait_until(page, "document.querySelector('#results').hidden === false", timeout=60)
    page.wait_for_selector(f'#grid button.cell.corrected[data-file="{file}"][data-concept="{concept}"]', timeout=60_000)
    # learning from one corrected essay: too little evidence, and the page says so
    page.click("#learn")
    page.wait_for_selector("#learned li")
    assert "terlalu sedikit" in page.locator("#learned").inner_text()
    if SHOTS:
        page.screenshot(path=str(SHOTS / f"learn-{width}.png"), full_page=True)
    assert view.problems == [] and view.dialogs == []
    view.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_teacher_drafts_reviews_and_saves_a_rubric_the_student_page_offers(browser, server, width):
    from rubrika.serve.drafting import MARK

    view = Page(browser, server + "/guru", width=width, height=900)
    page = view.page
    page.set_input_files("#article", str(DRAFT_ARTICLE))
    page.click("#draft-submit")
    page.wait_for_selector("#review:not([hidden])", timeout=60_000)
    boxes = page.locator("#review-criteria fieldset.concept")
    assert boxes.count() == 11
    # the PERIKSA doubts are marked where they belong, and in the YAML view
    assert page.locator("#review-criteria fieldset.periksa").count() >= 1
    assert MARK in page.locator("#review-criteria fieldset.periksa ul.marks").first.inner_text()
    assert page.locator("#review-yaml .periksa-line").count() >= 1
    assert no_horizontal_overflow(page), page.evaluate("document.documentElement.scrollWidth")
    if SHOTS:
        page.screenshot(path=str(SHOTS / f"review-{width}.png"), full_page=False)
        page.locator("#review-criteria fieldset.periksa").first.screenshot(path=str(SHOTS / f"periksa-{width}.png"))
    # an edit the loader refuses: the problem names its line and the concept's fields are marked
    rubric_id = f"urbanisasi-{width}"
    page.fill("#review-id", rubric_id)
    first = boxes.first
    first.locator("[data-part=terms]").fill("")
    page.click("#review-save")
    page.wait_for_selector("#review-problems ul.problems li")
    assert "Baris" in page.locator("#review-problems").inner_text()
    assert page.locator("#review-criteria fieldset.has-problem").count() == 1
    assert page.locator("#review-yaml .problem-line").count() >= 1
    if SHOTS:
        page.locator("#review-problems").screenshot(path=str(SHOTS / f"problems-{width}.png"))
    # fixed and edited, it saves; the teacher page's own list offers it at once
    first.locator("[data-part=terms]").fill("urbanisasi\nperpindahan penduduk desa ke kota")
    first.locator("[data-part=label]").fill("Arti urbanisasi")
    page.click("#review-save")
    page.wait_for_selector("#review-student")
    assert "Halaman siswa kini menawarkannya" in page.locator("#review-status").inner_text()
    assert page.locator("#review-problems").inner_text() == ""
    assert page.locator(f"#rubric option[value='{rubric_id}']").count() == 1
    assert all("422" in p for p in view.problems) and view.dialogs == []  # only the refused save's status
    # the student page offers it, and checks with it
    page.click("#review-student")
    page.wait_for_selector(f"#rubric option[value='{rubric_id}']", state="attached")
    page.select_option("#rubric", rubric_id)
    page.fill("#draft", "Urbanisasi adalah perpindahan penduduk desa ke kota. " * 4)
    wait_for_total_change(page, None)
    assert "Arti urbanisasi" in page.locator("#criteria").inner_text()
    assert all("422" in p for p in view.problems)
    view.close()
