"""What a class hits (issue 22, items 17-23): the reports and the pages of ``rubrika serve``
used as a student and a teacher would, on a 390 px phone and a 1280 px laptop.

Debian's Chromium, driven by Playwright, as in ``test_browser.py`` and
``test_serve_browser.py``: no browser download, servers on 127.0.0.1, every wait bounded.
Set ``RUBRIKA_SCREENSHOTS=DIR`` to keep a screenshot of each page the tests look at.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLE_ROOT, SAMPLES, Page, serving, wait_until
from rubrika.cli.main import main
from rubrika.rubric import load_rubric

WIDTHS = (390, 1280)
ESSAY = (SAMPLES / "04-dedi-hardwrap.txt").read_text(encoding="utf-8")
BODY = ESSAY[:ESSAY.find("\nReferensi")]  # the essay without its reference list
# a sentence that makes "Ancaman terhadap kedaulatan dan jati diri bangsa" found in BODY
NEW_SENTENCE = " Kerja sama internasional juga dapat mengancam kedaulatan dan identitas nasional suatu negara."
NEW_LABEL = "Ancaman terhadap kedaulatan dan jati diri bangsa"
CLASSMATE = "Siti Aminah"  # the essay a student's own is similar to


def view_at(browser, url, width: int) -> Page:
    if width < 600:
        return Page(browser, url, width=width, height=844, is_mobile=True, has_touch=True)
    return Page(browser, url, width=width, height=900)


def screenshot(page, name: str, width: int, full: bool = True) -> None:
    """The top of the page (``full``) or what the viewport shows, when RUBRIKA_SCREENSHOTS is set."""
    folder = os.environ.get("RUBRIKA_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    path = str(Path(folder) / f"{name}-{width}.png")
    if full:
        height = min(page.evaluate("document.documentElement.scrollHeight"), 1600)
        page.screenshot(path=path, full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height})
    else:
        page.screenshot(path=path)


@pytest.fixture(scope="module")
def server():
    with serving() as url:
        yield url


def in_view(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    height = page.evaluate("window.innerHeight")
    return box is not None and box["height"] > 0 and box["y"] >= -1 and box["y"] + box["height"] <= height + 1


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory) -> Path:
    """A class of four: two essays share passages (one of them is Siti Aminah's), one is weak."""
    folder = tmp_path_factory.mktemp("kelas")
    shutil.copy(SAMPLE_ROOT / "integritas" / "mirip-a-rina.txt", folder / f"{CLASSMATE}.txt")
    shutil.copy(SAMPLE_ROOT / "integritas" / "mirip-b-sari.txt", folder / "Budi Santoso.txt")
    for name in ("01-andi-kuat-lengkap.txt", "06-fajar-lemah-singkat.txt"):
        shutil.copy(SAMPLES / name, folder / name)
    out = tmp_path_factory.mktemp("laporan")
    result = CliRunner().invoke(main, ["grade", str(folder), "-o", str(out), "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("width", WIDTHS)
def test_a_students_report_never_names_the_classmate_of_a_similar_essay(browser, graded_class, width):
    """Item 17: the student reads that a similar essay exists, never whose, and not the
    teacher's instruction to compare the two; the teacher's overview keeps the pair."""
    view = view_at(browser, graded_class / "essays" / "Budi-Santoso.txt.html", width)
    page = view.page
    warning = page.locator(".warnings .warning[data-code='similar-essays']")
    assert warning.count() == 1
    text = page.locator("body").inner_text()
    assert CLASSMATE not in text and "Periksa kedua esai" not in text
    assert "esai lain di kelas ini" in warning.inner_text()
    screenshot(page, "17-report-similar", width)
    view.close()
    overview = view_at(browser, graded_class / "index.html", width)
    pairs = overview.page.locator("#mirip").locator("xpath=..").inner_text()
    assert CLASSMATE in pairs and "Budi Santoso" in pairs
    overview.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_weak_essays_report_opens_with_what_is_there_then_three_steps(browser, graded_class, width):
    """Item 23: what the essay already does comes first, then at most three next steps; the
    other missing ideas are folded away, one click from view."""
    view = view_at(browser, graded_class / "essays" / "06-fajar-lemah-singkat.txt.html", width)
    page = view.page
    headings = page.locator("main h2").all_inner_texts()
    assert headings[:2] == ["Yang sudah ada di esaimu", "Langkah berikutnya"], headings
    assert page.locator(".strengths p").first.inner_text().startswith(("Kamu sudah menulis", "Sudah mulai terlihat"))
    assert 1 <= page.locator("main ol > li").count() <= 3
    missing = page.locator("li.s-missing")
    shown = [m for m in missing.all() if m.is_visible()]
    assert missing.count() > 3 and len(shown) <= 3  # 14 red boxes were all open
    screenshot(page, "23-weak-report", width)
    for fold in page.locator("details.more > summary").all():
        fold.click()
    assert all(m.is_visible() for m in missing.all())
    assert view.problems == [] and view.dialogs == []
    view.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_score_and_newest_message_stay_in_view_while_typing(browser, server, width, tmp_path):
    """Item 18: on a phone the feedback is below the draft; a sticky bar keeps the score and
    the newest message in view while the student types. A file's error shows by the file field."""
    if width < 600:  # a phone with its keyboard open: about half of its 844 px stays for the page
        view = Page(browser, server + "/", width=width, height=420, is_mobile=True, has_touch=True)
    else:
        view = view_at(browser, server + "/", width)
    page = view.page
    page.fill("#draft", BODY)
    wait_until(page, "document.getElementById('total') !== null")
    total = page.locator("#total").inner_text()
    # typing at the end of the draft, scrolled down to it as a student is
    page.focus("#draft")
    page.keyboard.press("Control+End")
    page.evaluate("window.scrollTo(0, document.getElementById('draft').getBoundingClientRect().top + window.scrollY)")
    assert page.evaluate("document.getElementById('draft').getBoundingClientRect().top") < 5  # the bar's place is above the view
    page.keyboard.type(NEW_SENTENCE, delay=2)
    wait_until(page, f"document.getElementById('total').textContent !== {total!r}")
    wait_until(page, "document.getElementById('bar-message').textContent.indexOf('Sekarang') === 0")
    assert in_view(page, "#summary-bar") and in_view(page, "#draft")
    assert page.locator("#bar-total").inner_text() == page.locator("#total").inner_text()
    assert page.locator("#bar-grade").inner_text() == page.locator("#grade").inner_text()
    assert page.locator("#bar-message").inner_text() == f"Sekarang ada: {NEW_LABEL}"
    if width < 600:
        assert not in_view(page, "#total")  # the feedback itself is out of sight on a phone
    screenshot(page, "18-typing", width, full=False)
    # a broken file: the message stands by the file field, not down in the feedback
    broken = tmp_path / "rusak.docx"
    broken.write_bytes(b"PK\x03\x04 not a docx")
    page.set_input_files("#file", str(broken))
    page.wait_for_selector("#file-error:not([hidden])")
    assert "rusak.docx" in page.locator("#file-error").inner_text() and page.locator("#error").is_hidden()
    field, error = page.locator("#file").bounding_box(), page.locator("#file-error").bounding_box()
    assert 0 <= error["y"] - (field["y"] + field["height"]) <= 40 and abs(error["x"] - field["x"]) <= 40
    page.locator("#file").scroll_into_view_if_needed()
    screenshot(page, "18-file-error", width, full=False)
    assert [p for p in view.problems if "status of 422" not in p] == [] and view.dialogs == []  # 422: the broken file
    view.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_opening_a_file_keeps_the_typed_draft_to_restore(browser, server, width, tmp_path):
    """Item 19: a file opened over a typed draft never loses the draft: it is kept, and one
    click (even after a reload) brings it back."""
    typed = "Perdamaian adalah keadaan tanpa perang. Ini draf yang kuketik sendiri di kelas."
    view = view_at(browser, server + "/", width)
    page = view.page
    page.fill("#draft", typed)
    wait_until(page, "document.getElementById('total') !== null")
    assert page.locator("#restore").is_hidden()
    opened = tmp_path / "Budi Santoso - Tugas IPS.txt"
    opened.write_text(ESSAY, encoding="utf-8")
    page.set_input_files("#file", str(opened))
    wait_until(page, "document.getElementById('draft').value.length > 1000")
    assert page.locator("#restore").is_visible() and "disimpan" in page.locator("#kept").inner_text()
    assert in_view(page, "#restore")  # by the file field, where the student just acted
    screenshot(page, "19-kept", width, full=False)
    page.reload()
    assert page.input_value("#draft") == ESSAY and page.locator("#restore").is_visible()
    page.click("#restore")
    assert page.input_value("#draft") == typed and page.locator("#restore").is_hidden()
    wait_until(page, "document.getElementById('total') !== null")
    page.reload()
    assert page.input_value("#draft") == typed and page.locator("#restore").is_hidden()
    assert view.problems == [] and view.dialogs == []
    view.close()


def class_zip(path: Path) -> Path:
    """A class as an LMS downloads it: an essay off the topic, two similar ones, a clean one."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(SAMPLES / "08-hana-luar-topik.txt", "Hana Lestari - Tugas IPS.txt")
        zf.write(SAMPLE_ROOT / "integritas" / "mirip-a-rina.txt", f"{CLASSMATE} - Tugas IPS.txt")
        zf.write(SAMPLE_ROOT / "integritas" / "mirip-b-sari.txt", "Budi Santoso - Tugas IPS.txt")
        zf.write(SAMPLES / "01-andi-kuat-lengkap.txt", "Andi Wijaya - Tugas IPS.txt")
    return path


@pytest.mark.parametrize("width", WIDTHS)
def test_the_teacher_pages_first_table_shows_warnings(browser, server, width, tmp_path):
    """Item 21: an off-topic or similar essay is flagged in the first table the teacher sees,
    not only in the overview further down."""
    view = view_at(browser, server + "/guru", width)
    page = view.page
    page.set_input_files("#files", str(class_zip(tmp_path / "kelas.zip")))
    page.click("#grade")
    page.wait_for_selector("#results:not([hidden])", timeout=60_000)
    headers = page.locator("#rows thead th").all_inner_texts()
    assert "Peringatan" in headers
    column = headers.index("Peringatan")
    cells = {row.locator("th").inner_text(): row.locator("td").nth(column - 1).inner_text()
             for row in page.locator("#rows tbody tr").all()}
    assert "di luar topik" in cells["Hana Lestari"]
    assert "mirip esai lain" in cells[CLASSMATE] and "mirip esai lain" in cells["Budi Santoso"]
    assert cells["Andi Wijaya"] == ""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.locator("#rows").scroll_into_view_if_needed()
    screenshot(page, "21-teacher-table", width, full=False)
    assert view.problems == [] and view.dialogs == []
    view.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_downloaded_report_carries_the_students_name(browser, server, width, tmp_path):
    """Item 22: the report's title and its file name carry the student's name: the opened
    file's, or one the page asks for before a typed draft's report is downloaded."""
    view = view_at(browser, server + "/", width)
    page = view.page
    page.fill("#draft", BODY)
    wait_until(page, "document.getElementById('total') !== null")
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    page.click("#download")  # no name yet: asked for, nothing downloaded
    page.wait_for_selector("#name-ask:not([hidden])")
    assert page.evaluate("document.activeElement.id") == "name" and downloads == []
    assert in_view(page, "#name-ask")
    screenshot(page, "22-ask-name", width, full=False)
    page.fill("#name", "Siti Nur Aini")
    with page.expect_download() as info:
        page.click("#download")
    assert info.value.suggested_filename == "umpan-balik-Siti-Nur-Aini.html"
    info.value.save_as(tmp_path / "typed.html")
    report = Page(browser, tmp_path / "typed.html")
    assert report.page.title().startswith("Siti Nur Aini") and "Siti Nur Aini" in report.page.locator("h1").inner_text()
    report.close()
    # an opened file names the report itself
    opened = tmp_path / "Budi Santoso - Tugas IPS.txt"
    opened.write_text(ESSAY, encoding="utf-8")
    page.fill("#name", "")
    page.set_input_files("#file", str(opened))
    wait_until(page, "document.getElementById('name').value === 'Budi Santoso'")
    with page.expect_download() as info:
        page.click("#download")
    assert info.value.suggested_filename == "umpan-balik-Budi-Santoso.html"
    info.value.save_as(tmp_path / "opened.html")
    report = Page(browser, tmp_path / "opened.html")
    assert report.page.title().startswith("Budi Santoso") and "esai" not in report.page.title().split("—")[0]
    screenshot(report.page, "22-report-title", width)
    report.close()
    assert view.problems == [] and view.dialogs == []
    view.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_serve_offers_the_teachers_rubric_first_by_title_and_version(browser, width, tmp_path):
    """Item 20: with --rubrics DIR the teacher's rubric is the default (or the one --default
    names); the page names each rubric by title and version, a copy that reads the same as the
    built-in one by its file, never by a bare id."""
    from conftest import BUILTIN_RUBRIC_FILE

    folder = tmp_path / "rubrik"
    folder.mkdir()
    shutil.copy(BUILTIN_RUBRIC_FILE, folder / "rubrik-kelas-9a.yaml")  # an adapted copy: same id, title, version
    with serving(rubrics_dir=folder) as url:
        view = view_at(browser, url + "/", width)
        page = view.page
        options = page.locator("#rubric option").all_inner_texts()
        chosen = page.locator("#rubric option:checked").inner_text()
        version = load_rubric(BUILTIN_RUBRIC_FILE).version
        assert "rubrik-kelas-9a.yaml" in chosen and f"versi {version}" in chosen
        assert all("versi" in o and "(kerja-sama-internasional" not in o for o in options), options
        assert len(set(options)) == len(options)  # none reads the same as another
        assert page.locator("#rubric-chosen").inner_text() == chosen  # in full, where the select cuts it
        page.select_option("#rubric", index=0)
        assert page.locator("#rubric-chosen").inner_text() == page.locator("#rubric option:checked").inner_text()
        page.select_option("#rubric", label=chosen)
        screenshot(page, "20-rubric-choice", width, full=False)
        view.close()
    with serving(rubrics_dir=folder, default_rubric="kerja-sama-internasional") as url:
        view = view_at(browser, url + "/", width)
        assert "bawaan" in view.page.locator("#rubric option:checked").inner_text()
        view.close()


def test_serve_default_names_an_offered_rubric(tmp_path):
    from rubrika.serve.command import serve

    result = CliRunner().invoke(serve, ["--default", "tidak-ada", "--port", "0"])
    assert result.exit_code == 2 and "kerja-sama-internasional" in result.output


@pytest.mark.parametrize("width", WIDTHS)
def test_a_rubric_learned_from_corrections_is_chosen_for_the_next_upload(browser, tmp_path, width):
    """Issue 21.4 in the browser: upload 52 answers graded by hand (their koreksi.csv with them),
    "Pelajari dari koreksi" proposes a new version, "Pakai versi ... untuk unggahan berikutnya"
    offers it beside the old one and selects it in the upload form; the next upload is graded
    with it."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from test_serve_corrections import SUGGEST, _graded_class_with_corrections

    folder = tmp_path / "rubrik"
    folder.mkdir()
    shutil.copy(SUGGEST / "masalah-global.yaml", folder / "masalah-global.yaml")
    files, _ = _graded_class_with_corrections()
    upload_dir = tmp_path / "unggah"
    upload_dir.mkdir()
    for _, (name, data) in files:
        (upload_dir / name).write_bytes(data)
    with serving(rubrics_dir=folder) as url:
        view = view_at(browser, url + "/guru", width)
        page = view.page
        assert page.locator("#rubric").input_value() == "masalah-global"  # the teacher's own rubric
        page.set_input_files("#files", sorted(str(p) for p in upload_dir.iterdir()))
        page.click("#grade")
        page.wait_for_selector("#correct:not([hidden])", timeout=60_000)
        page.click("#learn")
        page.wait_for_selector("#use-learned", timeout=60_000)
        version = page.locator("#learned-rubric").inner_text()
        page.click("#use-learned")
        wait_until(page, "document.getElementById('use-learned-status').textContent.indexOf('ditawarkan') >= 0", 30)
        assert "versi lama tetap ditawarkan" in page.locator("#use-learned-status").inner_text()
        chosen = page.locator("#rubric").input_value()
        assert chosen != "masalah-global" and chosen.startswith("masalah-global")
        assert page.locator("#rubric option").count() >= 2
        label = page.locator("#rubric option:checked").inner_text()
        number = version.split("versi ")[1].split(",")[0]
        assert label.endswith(f"(versi {number})")  # as the server lists it: title and version
        assert (folder / f"masalah-global-{number}.yaml").exists()
        if os.environ.get("RUBRIKA_SHOTS"):
            shots = Path(os.environ["RUBRIKA_SHOTS"])
            page.locator("#learned").screenshot(path=str(shots / f"learned-{width}.png"))
            page.locator("#upload").screenshot(path=str(shots / f"learned-upload-{width}.png"))
        answers = sorted(str(p) for p in upload_dir.iterdir() if p.suffix == ".txt")
        page.set_input_files("#files", answers)
        page.click("#grade")
        wait_until(page, "document.querySelector('#results').hidden === false", 60)
        page.wait_for_selector("#correct:not([hidden])", timeout=60_000)
        job = page.evaluate("fetch(document.querySelector('#zip').getAttribute('href').replace('/download', ''))"
                            ".then(r => r.json())")
        assert job["rubric"] == chosen and len(job["rows"]) == len(answers)
        assert view.problems == [] and view.dialogs == []
        view.close()
