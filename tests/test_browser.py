"""Reports opened in a real browser: Debian's Chromium, driven by Playwright.

No browser is downloaded: Playwright drives the system Chromium. Where Chromium is
missing the tests are skipped on a developer's machine, and fail in CI (CI=true),
where .ci/run installs it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from rubrika.cli import main
from test_grade import HOSTILE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed; .ci/run must install Debian's chromium package")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tugas")
    for name in ("01-andi-kuat-lengkap.txt", "04-dedi-hardwrap.txt", "06-fajar-lemah-singkat.txt",
                 "08-hana-luar-topik.txt", "12-lukas-afiks.txt"):
        shutil.copy(SAMPLES / name, folder / name)
    (folder / "serangan.txt").write_text(HOSTILE * 3, encoding="utf-8")
    (folder / 'nama"><img src=x onerror=window.__pwned=7>.txt').write_text(HOSTILE, encoding="utf-8")
    out = tmp_path_factory.mktemp("laporan")
    CliRunner().invoke(main, ["grade", str(folder), "-o", str(out), "--quiet"], catch_exceptions=False)
    return out


class Page:
    """A page with its console errors, uncaught exceptions and dialogs recorded."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page()
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.problems.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))

        def dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")


def test_overview_loads_cleanly_and_sorts(browser, reports):
    view = Page(browser, reports / "index.html")
    page = view.page
    names = lambda: page.locator("#scores tbody tr th").all_inner_texts()  # noqa: E731
    totals = lambda: [float(c.replace(",", ".")) if c.replace(",", "").isdigit() else -1  # noqa: E731
                      for c in page.locator("#scores tbody tr td:nth-child(2)").all_inner_texts()]
    assert len(names()) == 7
    total_header = page.locator("#scores thead th").nth(1)
    total_header.locator("button").click()
    assert totals() == sorted(totals())
    assert total_header.get_attribute("aria-sort") == "ascending"
    total_header.locator("button").click()
    assert totals() == sorted(totals(), reverse=True)
    page.locator("#scores thead th").nth(0).locator("button").click()
    plain = [n for n in names() if n.replace("-", "").isalnum() and n.isascii()]
    assert len(plain) >= 5 and plain == sorted(plain, key=str.lower)
    assert page.locator("svg.chart rect").count() == 10
    assert page.locator("table.heat td.cell").count() > 0
    assert view.problems == [] and view.dialogs == []
    assert page.evaluate("window.__pwned") is None


def test_essay_report_shows_highlighted_evidence(browser, reports):
    view = Page(browser, reports / "essays" / "04-dedi-hardwrap.txt.html")
    page = view.page
    marks = page.locator("mark.hit")
    assert marks.count() >= 10
    assert marks.first.is_visible() and marks.first.bounding_box()["width"] > 0
    link = page.locator(".evidence a").first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    assert page.locator(target).count() == 1
    assert view.problems == [] and view.dialogs == []


def test_no_payload_from_an_essay_runs(browser, reports):
    for name in ("serangan.txt.html", 'nama-img-src-x-onerror-window.__pwned-7-.txt.html'):
        path = reports / "essays" / name
        assert path.exists(), sorted(p.name for p in (reports / "essays").iterdir())
        view = Page(browser, path)
        page = view.page
        assert page.evaluate("window.__pwned") is None
        assert page.locator("script").count() == 0 and page.locator("img").count() == 0
        assert page.locator("svg").count() == 0
        assert page.locator('a[href^="javascript"]').count() == 0
        assert "<script>" in page.locator(".essay-text").inner_text()  # shown as text
        assert view.dialogs == [] and view.problems == []
    view = Page(browser, reports / "index.html")
    assert view.page.evaluate("window.__pwned") is None and view.dialogs == []
    assert view.page.locator("img").count() == 0
