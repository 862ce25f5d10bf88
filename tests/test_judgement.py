"""Judgement a student can trust: demotions are named, copied text earns nothing, feedback
quotes what the student already wrote, and `rubric explain` agrees with `check`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SAMPLE_ROOT, SAMPLES, mini_rubric
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


MINI = mini_rubric(
    "{id: dialog, label: Dialog, terms: [dialog antarnegara], feedback: {missing: Bahas dialog.}}",
    "{id: damai, label: Damai, terms: [perdamaian dunia], feedback: {missing: Bahas perdamaian.}}",
    title="Mini", top="advisories: {stuffing_concepts: 3}", grades=("{min: 50, grade: L}", "{min: 0, grade: T}"),
    levels=("{min: 0, label: Semua, feedback: ok}",))


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


# --- issue 20: reading like a teacher ----------------------------------------------------------
# Sentences written for these tests (never from the judgement corpus).


def test_an_average_students_comparison_is_credited_not_called_a_list(checker):
    """A full sentence with a verb is never a bare list, and comparing big and small states is
    the power imbalance itself: no half credit, no advice to write what is already there."""
    record = checker.check_text("Negara besar biasanya lebih berpengaruh daripada negara kecil, dan negara kecil "
                                "merasa suaranya tidak didengar.")
    power = concept(record, "ketimpangan-kekuasaan")
    assert power["status"] == "found" and power.get("reason") is None
    assert not any(e.get("weak") for e in power["evidence"])
    assert advisory(record, "keyword-stuffing") is None


@pytest.mark.parametrize("sentence, concept_id", [
    # a global problem named by its case, with the call for joint action
    ("Pemanasan global tidak berhenti di perbatasan, jadi negara-negara harus menghadapinya bersama.",
     "masalah-global"),
    ("Serangan teroris mengancam banyak negara sehingga mereka sepakat melakukan patroli bersama.",
     "masalah-global"),
    # power imbalance through an instance: one veto overrides what the majority wanted
    ("Satu negara anggota tetap memveto usulan yang sudah didukung mayoritas anggota dewan.",
     "ketimpangan-kekuasaan"),
    ("Negara adidaya sering memaksakan kehendaknya dalam perundingan dagang.", "ketimpangan-kekuasaan"),
    # national interest through a state that feels harmed by shared rules
    ("Sebuah negara menarik diri dari perjanjian karena aturannya dianggap merugikan ekonomi nasionalnya.",
     "kepentingan-nasional"),
    # sovereignty threatened by interference in domestic affairs
    ("Banyak negara menolak campur tangan asing dalam urusan dalam negerinya.", "kedaulatan-identitas"),
])
def test_ideas_stated_through_instances_and_consequences_are_found(checker, sentence, concept_id):
    assert concept(checker.check_text(sentence), concept_id)["status"] == "found", sentence


@pytest.mark.parametrize("sentence, concept_id", [
    ("Indonesia sudah lama menjadi anggota PBB dan ASEAN.", "nilai-universal"),
    ("Diplomasi dan perundingan sering dibahas di kelas kami.", "saling-pengertian"),
    ("Negara-negara itu berada di kawasan yang sama.", "masalah-global"),
])
def test_naming_an_institution_or_a_generic_activity_earns_nothing(checker, sentence, concept_id):
    result = concept(checker.check_text(sentence), concept_id)
    assert result["status"] == "missing" and result["credit"] == 0, sentence


def test_context_alone_never_earns_credit_in_any_rubric():
    """The engine rule: a rule of context groups only is refused when the rubric loads."""
    from rubrika.errors import RubricError
    from rubrika.rubric import load_rubric_text

    text = (SAMPLE_ROOT.parent / "rubrics" / "globalisasi.yaml").read_text(encoding="utf-8")
    broken = text.replace("          - found: [budaya, hilang]\n", "          - partial: [asing]\n          - found: [budaya, hilang]\n", 1)
    assert broken != text
    with pytest.raises(RubricError) as raised:
        load_rubric_text(broken, "rubrik.yaml")
    assert "kelompok konteks" in str(raised.value) or "context" in str(raised.value)


def test_a_low_confidence_missing_concept_does_not_assert_absence(checker):
    record = checker.check_text("Terorisme sekarang sudah menyebar ke berbagai negara di dunia.\n\n"
                                "Sekolah kami mengadakan lomba kebersihan kelas setiap bulan.")
    problem = concept(record, "masalah-global")
    assert problem["status"] == "partial" and problem["confidence"] == "low"
    # a concept with a sentence that may carry it: low confidence, a question, not a verdict
    record = checker.check_text("Negara maju dan negara lain sering bertemu dalam sidang umum setiap tahun.")
    power = concept(record, "ketimpangan-kekuasaan")
    assert power["status"] == "missing" and power["confidence"] == "low"
    assert power["feedback"].startswith("Rubrika belum menemukan gagasan ini dengan jelas. Jika kalimatmu “Negara maju")
    assert "sudah membahasnya, tegaskan" in power["feedback"]


def test_feedback_never_quotes_a_sentence_off_the_idea(checker):
    """A sentence that only shares a word or two with a concept is not quoted."""
    record = checker.check_text("Festival budaya di sekolah kami menampilkan tarian dari berbagai daerah.\n\n"
                                "Setiap kelas ikut lomba kebersihan bersama wali kelas.")
    for cid in ("kedaulatan-identitas", "masalah-global", "saling-pengertian", "nilai-universal"):
        result = concept(record, cid)
        assert "near" not in result and "kalimatmu" not in result["feedback"] and "Dari esaimu" not in result["feedback"], cid
        assert result["confidence"] == "high"


def test_high_confidence_is_more_precise_than_low_on_the_labelled_samples(graded_samples):
    """Precision of what Rubrika credits, by its confidence, against the human labels."""
    tally = {"high": [0, 0], "low": [0, 0]}  # [right, credited]
    for label, result in graded_samples:
        if result["status"] != "missing":
            tally[result["confidence"]][1] += 1
            tally[result["confidence"]][0] += label != "m"
    high, low = (tally[k][0] / tally[k][1] for k in ("high", "low"))
    assert tally["low"][1] >= 10 and high > low, tally


@pytest.fixture(scope="module")
def graded_samples(checker):
    import yaml

    pairs = []
    for expected_path in sorted(SAMPLE_ROOT.glob("*/expected.yaml")):
        expected = yaml.safe_load(expected_path.read_text(encoding="utf-8"))
        rubric = None if expected["rubric"] == "builtin" else SAMPLE_ROOT.parent / expected["rubric"]
        use = checker if rubric is None else Checker(rubric)
        for name, entry in expected["essays"].items():
            record = use.check_file(expected_path.parent / name)
            for criterion in record["criteria"]:
                for label, result in zip(entry[criterion["id"]].split(), criterion["concepts"]):
                    pairs.append((label, result))
    return pairs
