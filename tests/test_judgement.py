"""Judgement a student can trust: demotions are named, copied text earns nothing, feedback
quotes what the student already wrote, and `rubric explain` agrees with `check`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SAMPLE_ROOT, SAMPLES
from rubrika.api import Checker
from rubrika.authoring.explain import explain

STRONG = (SAMPLES / "01-andi-kuat-lengkap.txt").read_text(encoding="utf-8")


def concept(record, concept_id):
    return next(k for c in record["criteria"] for k in c["concepts"] if k["id"] == concept_id)


def advisory(record, code):
    return next((a for a in record["advisories"] if a["code"] == code), None)


# --- copied text earns no credit -------------------------------------------------------


@pytest.fixture(scope="module")
def strong_as_source():
    """A checker whose source is a strong essay's body: copying it is copying the source."""
    body = STRONG[:STRONG.index("Daftar Pustaka")] if "Daftar Pustaka" in STRONG else STRONG
    return Checker(sources=[body]), body


def test_a_verbatim_copy_of_the_source_does_not_pass(strong_as_source, checker):
    copier, _ = strong_as_source
    own = checker.check_text(STRONG)
    copied = copier.check_text(STRONG)
    assert own["score"] >= 85  # the same words as one's own essay earn an A
    assert copied["score"] < 55 and copied["grade"] in ("D", "E")  # as a copy they do not pass
    note = advisory(copied, "copied-source")
    assert note["severity"] == "warning"
    withheld = float(re.search(r"skormu ([\d,]+) poin lebih rendah", note["message"]).group(1).replace(",", "."))
    assert withheld == pytest.approx(own["score"] - copied["score"], abs=0.2)  # the advisory says what it cost
    reasons = {k["id"]: k.get("reason") for c in copied["criteria"] for k in c["concepts"]}
    lost = [k["id"] for c in own["criteria"] for k in c["concepts"]
            if k["credit"] > concept(copied, k["id"])["credit"]]
    assert lost and all(reasons[cid] == "copied" for cid in lost)  # every lost concept names why
    assert advisory(copied, "off-topic") is None  # a copy is not off topic


def test_the_same_passages_quoted_and_cited_keep_their_credit(strong_as_source):
    copier, body = strong_as_source
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    quoted = "\n\n".join(f"“{p}” (Andi, 2024)." for p in paragraphs) + STRONG[len(body):]
    record = copier.check_text(quoted)
    assert advisory(record, "copied-source") is None
    assert record["score"] >= 85 and not any(k.get("reason") == "copied"
                                             for c in record["criteria"] for k in c["concepts"])


# --- every demotion is named and backed by an advisory ---------------------------------


MINI = """\
id: mini
title: Mini
version: 1
grades: [{min: 50, grade: L}, {min: 0, grade: T}]
advisories: {stuffing_concepts: 3}
criteria:
  - id: inti
    kind: concepts
    title: Inti
    weight: 10
    levels: [{min: 0, label: Semua, feedback: ok}]
    concepts:
      - {id: dialog, label: Dialog, terms: [dialog antarnegara], feedback: {missing: Bahas dialog.}}
      - {id: damai, label: Damai, terms: [perdamaian dunia], feedback: {missing: Bahas perdamaian.}}
"""


@pytest.mark.parametrize("text,reason,code", [
    ("Di kawasan itu sama sekali tidak ada dialog antarnegara yang berarti.", "negation", "negation"),
    ("Catatan:\n- dialog antarnegara\n- perdamaian dunia", "stuffing", "keyword-stuffing"),
])
def test_a_demotion_names_its_reason_and_has_an_advisory(text, reason, code):
    from rubrika.rubric import load_rubric_text

    record = Checker(load_rubric_text(MINI, "mini.yaml")).check_text(text)
    dialog = concept(record, "dialog")
    assert dialog["status"] == "partial" and dialog["reason"] == reason
    assert advisory(record, code) is not None


def test_reason_is_shown_in_the_text_report():
    from rubrika.reporters import text

    from rubrika.rubric import load_rubric_text

    record = Checker(load_rubric_text(MINI, "mini.yaml")).check_text("Tidak ada dialog antarnegara di sana.")
    lines = text.render(record, "id").splitlines()
    assert "  ~ Dialog (sebagian — hanya muncul dalam kalimat negatif)" in lines


# --- feedback never asks for what the essay already holds ---------------------------------


def test_feedback_quotes_the_students_sentence_and_asks_only_for_what_is_missing(checker):
    sentence = "Terorisme, perubahan iklim, dan pandemi tidak berhenti di perbatasan sebuah negara."
    record = checker.check_text(sentence + " Sekolah kami juga mengadakan lomba kebersihan kelas setiap bulan.")
    global_problems = concept(record, "masalah-global")
    assert global_problems["status"] != "found"
    assert global_problems["near"]["text"] == sentence
    feedback = global_problems["feedback"]
    assert sentence in feedback  # it quotes the student's own words
    assert "seperti perubahan iklim, pandemi, atau terorisme" not in feedback  # and does not ask for them


def test_a_concept_with_nothing_close_keeps_its_plain_advice(checker):
    record = checker.check_text("Sekolah kami mengadakan lomba kebersihan kelas setiap bulan bersama guru.")
    assert "near" not in concept(record, "masalah-global")


# --- rubric explain shows exactly what check gives ----------------------------------------


@pytest.mark.parametrize("path", sorted(p for p in (SAMPLE_ROOT / "kerja-sama-internasional").iterdir()
                                        if p.suffix in (".txt", ".md")), ids=lambda p: p.name)
def test_explain_gives_the_status_check_gives(checker, path: Path):
    text = path.read_text(encoding="utf-8")
    record = checker.check_text(text)
    out = explain(checker, text, lang="en")
    shown = dict(re.findall(r"^[\w-]+/([\w-]+) — .*?: (found|partial|missing)", out, flags=re.M))
    expected = {k["id"]: k["status"] for c in record["criteria"] for k in c["concepts"] if k["id"] in shown}
    assert shown == expected and len(shown) >= 14
