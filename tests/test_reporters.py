"""Reporters rendered from recorded JSON alone: records and the rubric outline, no Checker.

The fixtures in tests/fixtures/records/ were written by a real run (record, essay text,
outline); reporters must work from such data without the rubric model or the engine.
"""

from __future__ import annotations

import ast
import csv
import io
import json
from pathlib import Path

import pytest

from rubrika.reporters import csvfile, html, jsonl, text
from rubrika.reporters.present import next_steps

RECORDS = Path(__file__).parent / "fixtures" / "records"
CASES = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(RECORDS.glob("*.json"))}
REPORTERS = Path(__file__).resolve().parent.parent / "src" / "rubrika" / "reporters"


def test_reporters_import_neither_the_rubric_model_nor_the_engine():
    for module in REPORTERS.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
        imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not [m for m in imported if m.startswith(("rubrika.rubric", "rubrika.engine", "rubrika.api"))], module


@pytest.mark.parametrize("name", sorted(CASES))
def test_text_report_from_a_recorded_record(name):
    case = CASES[name]
    record = case["record"]
    out = text.render(record, "id")
    assert out.splitlines()[0].startswith(record["essay"]["path"])
    for criterion in record["criteria"]:
        assert criterion["title"] in out
        for concept in criterion["concepts"]:
            assert concept["label"] in out
    for advisory in record["advisories"]:
        assert advisory["message"] in out
    steps = next_steps(record, "id")
    if steps:
        after = out[out.index("Langkah berikutnya"):].splitlines()
        assert after[1].startswith(f"  1. {steps[0]['label']}")  # the first step first


@pytest.mark.parametrize("name", sorted(CASES))
def test_html_report_from_a_recorded_record(name):
    case = CASES[name]
    record, essay, outline = case["record"], case["text"], case["outline"]
    page = html.render_essay(record, essay, "id", outline)
    band = next(b for b in outline["grades"] if b["grade"] == record["grade"])
    assert band["label"] in page  # the outline names the grade band
    for concept in (k for c in record["criteria"] for k in c["concepts"] if k["status"] != "missing"):
        assert f'id="ev-{concept["id"]}-0"' in page  # every concept with evidence links to it


def test_next_steps_put_the_most_points_first():
    record = CASES["hardwrap"]["record"]
    steps = next_steps(record, "id", limit=10)
    at_stake = {(k["id"]): (1 - k["credit"]) * c["weight"] / len(c["concepts"])
                for c in record["criteria"] for k in c["concepts"]}
    values = [at_stake[s["concept_id"]] for s in steps]
    assert values == sorted(values, reverse=True) and len(values) == sum(1 for v in at_stake.values() if v)


def test_gradebook_and_jsonl_from_recorded_records():
    outline = CASES["strong"]["outline"]
    ids = [c["id"] for c in outline["criteria"]]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(csvfile.header(ids))
    for case in CASES.values():
        writer.writerow(csvfile.row(case["record"], ids))
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["score"] for r in rows] == [csvfile.cell(c["record"]["score"]) for c in CASES.values()]
    stuffed = next(r for r, c in zip(rows, CASES.values()) if c is CASES["stuffed"])
    assert "keyword-stuffing" in stuffed["advisories"]
    for case in CASES.values():
        assert json.loads(jsonl.render(case["record"])) == case["record"]


def test_overview_from_recorded_records():
    outline = CASES["strong"]["outline"]
    rows = [html.summary_row(c["record"], f"essays/{name}.html") for name, c in CASES.items()]
    page = html.render_index(rows, outline, "id")
    for name, case in CASES.items():
        assert f'href="essays/{name}.html"' in page
    for criterion in outline["criteria"]:
        assert criterion["title"] in page


# --- one view, laid out by every reporter ---------------------------------------------------


def test_the_view_is_json_and_decides_what_every_layout_shows(checker):
    """Terminal text and HTML report lay out ``reporters.view.essay_view``: the same warnings
    and notes, the same status and reason of every concept, the same next steps."""
    from markupsafe import escape

    from conftest import SAMPLE_ROOT
    from rubrika.reporters.view import essay_view

    essay = (SAMPLE_ROOT / "integritas" / "permainan-01-daftar-istilah.txt").read_text(encoding="utf-8")
    record, outline = checker.check_text(essay, path="esai.txt"), checker.outline("id")
    view = essay_view(record, "id", outline)
    assert json.loads(json.dumps(view)) == view
    assert [a["code"] for a in view["warnings"]] == ["keyword-stuffing"] and [a["code"] for a in view["notes"]] == ["too-short"]
    out, page = text.render(record, "id", outline), html.render_essay(record, essay, "id", outline)
    head = out[:out.index("\n\n")]
    assert f"!! PERINGATAN (keyword-stuffing): {view['warnings'][0]['message']}" in head
    assert head.index("PERINGATAN") < head.index(" kata, ") < head.index(f"· Catatan: {view['notes'][0]['message']}")
    assert page.index('class="warning" data-code="keyword-stuffing"') < page.index('class="big"') < \
        page.index('class="note" data-code="too-short"')
    demoted = [k for c in view["criteria"] for k in c["concepts"] if k["reason"]]
    assert len(demoted) >= 5
    for k in demoted:
        assert f"  {k['symbol']} {k['label']} ({k['status_text']} — {k['reason']})" in out
        assert f"{k['status_text']} — {escape(k['reason'])}</span>" in page
    for step in view["next_steps"]:
        assert str(escape(step["label"])) in page and step["label"] in out
    # highlights: every found or partial concept's evidence, in stretches that never overlap
    spans = [(h["start"], h["end"]) for h in view["highlights"]]
    assert spans == sorted(spans) and all(a < b <= c for (a, b), (c, _) in zip(spans, spans[1:] + [(10**9, 0)]))
    assert {i for h in view["highlights"] for i in h["concepts"]} == \
        {k["id"] for c in record["criteria"] for k in c["concepts"] if k["status"] != "missing" and k["evidence"]}
