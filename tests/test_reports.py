"""What the reports say: warnings apart from notes, evidence a teacher can verify, next steps that fit."""

from __future__ import annotations

import re

import pytest

from conftest import SAMPLE_ROOT, SAMPLES
from rubrika.reporters import csvfile, html, present, text

INTEGRITY = SAMPLE_ROOT / "integritas"


@pytest.fixture(scope="module")
def salad(checker) -> tuple[dict, str]:
    path = INTEGRITY / "permainan-02-salad.txt"
    return checker.check_file(path), path.read_text(encoding="utf-8")


def test_only_what_questions_the_score_is_a_warning(checker, salad):
    record, _ = salad
    severities = {a["code"]: a["severity"] for a in record["advisories"]}
    assert severities == {"too-short": "info", "keyword-stuffing": "warning"}
    english = checker.check_file(INTEGRITY / "bahasa-inggris.txt")
    assert {a["code"] for a in present.warnings(english)} >= {"wrong-language"}
    assert [a["code"] for a in present.notes(english)] == ["too-short"]


def test_the_stuffing_message_says_the_concepts_earned_nothing(salad):
    record, _ = salad
    message = next(a["message"] for a in record["advisories"] if a["code"] == "keyword-stuffing")
    assert "tidak mendapat poin (0)" in message and "paling banyak" not in message
    assert all(k["status"] == "missing" for c in record["criteria"] for k in c["concepts"] if k.get("stuffed"))


def test_warnings_in_the_gradebook_and_the_text_output(checker, salad):
    record, _ = salad
    ids = [c["id"] for c in record["criteria"]]
    row = dict(zip(csvfile.header(ids), csvfile.row(record, ids)))
    assert row["advisories"] == "too-short keyword-stuffing" and row["warnings"] == "keyword-stuffing"
    lines = text.render(record).splitlines()
    assert lines[1].startswith("  !! PERINGATAN (keyword-stuffing):")  # right under the score
    assert any(line.startswith("  · Catatan: Esaimu baru 134 kata") for line in lines)
    quiet = checker.check_file(SAMPLES / "01-andi-kuat-lengkap.txt")
    assert dict(zip(csvfile.header(ids), csvfile.row(quiet, ids)))["warnings"] == ""


def test_essay_report_puts_warnings_above_the_score_and_marks_stuffed_lines(salad):
    record, essay = salad
    page = html.render_essay(record, essay)
    assert page.index('class="warning"') < page.index('class="summary flagged"') < page.index('class="note"')
    view = html.essay_view(record, essay, "id")
    stuffed = "".join(s["text"] for s in view["segments"] if s["stuffed"])
    spans = next(a["spans"] for a in record["advisories"] if a["code"] == "keyword-stuffing")
    assert all(" ".join(s["text"].split()) in " ".join(stuffed.split()) for s in spans)
    assert page.count('<span class="stuffed">') >= len(spans)


def test_a_definition_is_quoted_with_its_sentence_without_duplicates(checker):
    essay = (SAMPLES / "04-dedi-hardwrap.txt").read_text(encoding="utf-8")
    record = checker.check_text(essay, path="04.txt", essay_id="04")
    view = html.essay_view(record, essay, "id")
    concepts = {k["id"]: k for c in view["criteria"] for k in c["concepts"]}
    defined = concepts["multilateralisme"]["evidence"][0]
    assert defined["text"] == "Multilateralisme" and defined["after"].startswith(" adalah sistem kerja sama")
    peace = concepts["perdamaian"]["evidence"]
    assert any(e["text"] == "Perdamaian" for e in peace)  # "Perdamai-\nan" in the essay
    assert "Perdamai-" not in html.render_essay(record, essay).split('class="essay-text"')[0]
    for concept in concepts.values():
        shown = [(e["before"] + e["text"] + e["after"]).casefold() for e in concept["evidence"]]
        assert len(shown) == len(set(shown)), concept["id"]


@pytest.mark.parametrize("raw,shown", [
    ("Perdamai-\nan", "Perdamaian"), ("nilai-\nnilai", "nilai-nilai"), ("hak  asasi\n manusia", "hak asasi manusia"),
    ("PBB -\nitu", "PBB - itu"),
])
def test_quotes_join_words_hyphenated_across_lines(raw, shown):
    assert present.quote(raw) == shown


def test_passages_are_cut_at_word_boundaries():
    passage = "Bangsa-Bangsa didirikan setelah perang besar yang menewaskan jutaan orang di banyak negara"
    cut = present.cut(passage, 40)
    assert cut.endswith(" …") and passage.startswith(cut[:-2]) and len(cut) <= 42
    assert passage[len(cut) - 2] == " "  # the last word is whole


def test_an_off_topic_essay_is_first_told_to_write_on_the_topic(checker):
    record = checker.check_file(SAMPLES / "08-hana-luar-topik.txt")
    steps = present.next_steps(record, "id", topic="Kerja sama internasional")
    assert [s["label"] for s in steps] == ["Tulis esai tentang topik tugas: Kerja sama internasional"]
    assert "1. Tulis esai tentang topik tugas" in text.render(record)
    page = html.render_essay(record, (SAMPLES / "08-hana-luar-topik.txt").read_text(encoding="utf-8"),
                             outline=checker.outline("id"))
    steps_html = re.search(r"<ol>(.*?)</ol>", page, re.S).group(1)
    assert steps_html.count("<li>") == 1 and "topik tugas" in steps_html
    english = checker.check_file(INTEGRITY / "bahasa-inggris.txt")
    assert [s["label"] for s in present.next_steps(english, "en")] == ["Rewrite the essay in Indonesian"]
    fine = checker.check_file(SAMPLES / "06-fajar-lemah-singkat.txt")
    assert all(s["concept_id"] for s in present.next_steps(fine, "id"))  # concept fixes as before
