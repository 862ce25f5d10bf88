"""HTML reports: self-contained, escaped, every evidence linked to its place in the essay."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from conftest import HOSTILE, SAMPLES
from rubrika.reporters import html


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(page: str) -> list[tuple[str, dict]]:
    collector = Collector()
    collector.feed(page)
    return collector.tags


def essay_page(checker, text: str, lang: str = "id") -> tuple[dict, str]:
    record = checker.check_text(text, path="esai.txt", essay_id="esai")
    return record, html.render_essay(record, text, lang)


def test_essay_text_is_escaped_everywhere(checker):
    record, page = essay_page(checker, HOSTILE)
    tags = parse(page)
    assert [t for t, _ in tags if t in ("script", "img", "svg", "iframe")] == []
    assert not any(v and "javascript:" in v for _, attrs in tags for v in attrs.values())
    assert not any(k.startswith("on") for _, attrs in tags for k in attrs)
    assert "&lt;script&gt;window.__pwned = 1" in page
    assert record["criteria"][0]["concepts"][2]["status"] == "found"  # the definition still counts


def test_pages_are_self_contained(checker):
    _, page = essay_page(checker, (SAMPLES / "01-andi-kuat-lengkap.txt").read_text(encoding="utf-8"))
    for tag, attrs in parse(page):
        for attr in ("src", "href"):
            value = attrs.get(attr)
            assert value is None or value.startswith("#") or not re.match(r"[a-z]+:", value), (tag, attrs)
    assert "default-src 'none'" in page and "@page { size: A4" in page


def test_every_evidence_link_has_its_target(checker):
    text = (SAMPLES / "04-dedi-hardwrap.txt").read_text(encoding="utf-8")
    _, page = essay_page(checker, text)
    tags = parse(page)
    ids = {attrs["id"] for _, attrs in tags if "id" in attrs}
    links = [attrs["href"][1:] for tag, attrs in tags if tag == "a" and attrs.get("href", "").startswith("#")]
    assert links and set(links) <= ids
    assert sum(1 for link in links if link.startswith("ev-")) >= 10


def test_highlights_reproduce_the_essay_exactly(checker):
    text = (SAMPLES / "05-eka-bullet.txt").read_text(encoding="utf-8")
    record, _ = essay_page(checker, text)
    view = html.essay_view(record, text, "id")
    assert "".join(s["text"] for s in view["segments"]) == text
    marked, position = set(), 0
    for s in view["segments"]:
        if s["hit"]:
            marked.update(range(position, position + len(s["text"])))
        position += len(s["text"])
    evidence = [(e["start"], e["end"]) for c in record["criteria"] for k in c["concepts"] if k["status"] != "missing"
                for e in k["evidence"]]
    assert evidence
    for start, end in evidence:  # every character of every piece of evidence is highlighted
        assert set(range(start, end)) <= marked, text[start:end]


def test_english_report(checker):
    _, page = essay_page(checker, (SAMPLES / "06-fajar-lemah-singkat.txt").read_text(encoding="utf-8"), "en")
    assert '<html lang="en">' in page and "Essay feedback" in page and "Next steps" in page


def test_unreadable_essay_report_says_why(checker, tmp_path):
    empty = tmp_path / "kosong.txt"
    empty.write_text("", encoding="utf-8")
    record, text = checker.check_file_with_text(empty)
    page = html.render_essay(record, text, "id")
    assert "berkas kosong" in page and 'role="alert"' in page


def test_index_script_is_allowed_by_hash_only(checker):
    record = checker.check_text("Perdamaian adalah keadaan tanpa perang.", path="a.txt", essay_id="a")
    page = html.render_index([html.summary_row(record, "essays/a.txt.html")], checker.outline("id"))
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "script-src 'sha256-" in csp and "unsafe-inline' " not in csp.split("script-src")[1]
    assert page.count("<script>") == 1


def test_the_overview_marks_the_cells_rubrika_is_unsure_of(checker):
    """Low-confidence statuses are marked in the concept grid, so a teacher reviews them first."""
    rows, unsure = [], 0
    for path in sorted(SAMPLES.glob("*.txt"))[:6]:
        record = checker.check_file(path)
        unsure += sum(k["confidence"] == "low" for c in record["criteria"] for k in c["concepts"])
        rows.append(html.summary_row(record, f"essays/{path.name}.html"))
    page = html.render_index(rows, checker.outline("id"))
    cells = [a for tag, a in parse(page) if tag == "td" and "cell" in a.get("class", "").split()]
    marked = [a for a in cells if "unsure" in a["class"].split()]
    assert unsure > 0 and len(marked) == unsure
    assert all("kurang yakin" in a["title"] for a in marked)
    assert not any("kurang yakin" in a["title"] for a in cells if a not in marked)
    assert "garis putus-putus" in page  # the legend says what the mark means
