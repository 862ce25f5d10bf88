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

from conftest import SAMPLE_ROOT, SAMPLES, Page
from rubrika.cli.main import main

WIDTHS = (390, 1280)
CLASSMATE = "Siti Aminah"  # the essay a student's own is similar to


def view_at(browser, url, width: int) -> Page:
    if width < 600:
        return Page(browser, url, width=width, height=844, is_mobile=True, has_touch=True)
    return Page(browser, url, width=width, height=900)


def screenshot(page, name: str, width: int) -> None:
    folder = os.environ.get("RUBRIKA_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        height = min(page.evaluate("document.documentElement.scrollHeight"), 1600)
        page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True,
                        clip={"x": 0, "y": 0, "width": width, "height": height})


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
