"""Matching students' real wording: variants, typos, definitions, groups, references."""

from __future__ import annotations

import textwrap

import pytest

from rubrika.api import Checker
from rubrika.rubric import load_rubric_text


def concept(record, concept_id):
    for criterion in record["criteria"]:
        for c in criterion["concepts"]:
            if c["id"] == concept_id:
                return c
    raise KeyError(concept_id)


@pytest.mark.parametrize("wording", [
    "kerja sama internasional", "kerjasama internasional", "kerja-sama internasional",
    "Kerja Sama Internasional", "kerja\n   sama internasional", "kerja sama antarnegara",
])
def test_cooperation_variants_are_defined(checker, wording):
    record = checker.check_text(f"{wording} adalah hubungan dua negara atau lebih untuk tujuan bersama.")
    assert concept(record, "kerja-sama-internasional")["status"] == "found"


@pytest.mark.parametrize("wording", ["HAM", "hak asasi manusia", "hak-hak asasi manusia", "Hak Asasi", "human rights"])
def test_human_rights_variants(checker, wording):
    record = checker.check_text(f"Pelanggaran {wording} masih terjadi.")
    assert concept(record, "hak-asasi-manusia")["status"] == "partial"


@pytest.mark.parametrize("org", ["PBB", "Perserikatan Bangsa-Bangsa", "United Nations", "UN", "Dana Moneter Internasional"])
def test_organisation_variants_with_a_role(checker, org):
    record = checker.check_text(f"{org} berperan menjaga perdamaian dunia.")
    assert concept(record, "nilai-universal")["status"] == "found"


def test_two_letter_acronym_is_case_sensitive(checker):
    record = checker.check_text("Kata un dalam bahasa Prancis berarti satu, dan menjaga perdamaian itu baik.")
    assert concept(record, "nilai-universal")["status"] == "missing"


def test_affixed_verb_forms_match(checker):
    record = checker.check_text("Kerja sama internasional mempromosikan nilai universal ke seluruh dunia.")
    assert concept(record, "nilai-universal")["status"] == "found"


def test_typo_in_long_unknown_word_matches(checker):
    record = checker.check_text("Ada kekhawatiran bahwa kedaulatn negara terancam oleh aturan luar.")
    assert concept(record, "kedaulatan-identitas")["status"] == "found"


def test_known_word_never_passes_for_a_typo(checker):
    record = checker.check_text("Demografi adalah ilmu tentang susunan dan pertumbuhan penduduk suatu wilayah.")
    assert concept(record, "demokrasi")["status"] == "missing"


def test_mention_without_definition_is_partial(checker):
    record = checker.check_text("Salah satu tujuan kerja sama internasional adalah mengurangi kemiskinan dunia.")
    assert concept(record, "kerja-sama-internasional")["status"] == "partial"


def test_evaluation_is_not_a_definition(checker):
    record = checker.check_text("Perdamaian adalah hal yang sangat penting bagi semua bangsa di dunia.")
    assert concept(record, "perdamaian")["status"] == "partial"


def test_naming_sentence_defines(checker):
    record = checker.check_text("Kerja sama banyak negara dalam satu forum bersama disebut multilateralisme.")
    assert concept(record, "multilateralisme")["status"] == "found"


def test_group_members_must_share_a_sentence(checker):
    apart = checker.check_text("Negara maju punya banyak uang. Di tempat lain, negara kecil sedang membangun.")
    together = checker.check_text("Negara maju sering mendominasi keputusan, sedangkan negara kecil jarang didengar.")
    assert concept(apart, "ketimpangan-kekuasaan")["status"] == "missing"
    assert concept(together, "ketimpangan-kekuasaan")["status"] == "found"


def test_evidence_spans_slice_the_original_text(checker):
    text = "Judul\n\n  Perdamaian   adalah keadaan\ntanpa perang dan kekerasan.\n  • PBB menjaga\n    perdamaian dunia"
    record = checker.check_text(text)
    spans = [e for c in record["criteria"] for k in c["concepts"] for e in k["evidence"]]
    assert spans
    for e in spans:
        assert text[e["start"]:e["end"]] == e["text"]
    assert {"Perdamaian", "PBB", "menjaga\n    perdamaian dunia"} <= {e["text"] for e in spans}


def test_reference_list_is_not_counted_as_argument(checker):
    text = textwrap.dedent("""\
        Esai ini membahas topik sekolah.

        Daftar Pustaka
        Ruggie, J. (1992). Multilateralism: the anatomy of an institution. International Organization.
        Haris (2022). Peluang dan tantangan hubungan internasional. Kompasiana.
        Keohane, R. (1984). After hegemony: cooperation and discord. Princeton.
    """)
    record = checker.check_text(text)
    assert concept(record, "multilateralisme")["status"] == "missing"
    assert concept(record, "bagian-referensi")["status"] == "found"
    entries = concept(record, "jumlah-entri")
    assert entries["status"] == "found" and entries["count"] == 3
    assert concept(record, "sitasi-dalam-teks")["status"] == "missing"


def test_in_text_citations(checker):
    record = checker.check_text("Menurut Ruggie (1992), aturan berlaku sama (Keohane, 1984).")
    evidence = concept(record, "sitasi-dalam-teks")["evidence"]
    assert [e["text"] for e in evidence] == ["Ruggie (1992)", "(Keohane, 1984)"]


def test_any_rubric_not_only_the_builtin():
    rubric = load_rubric_text(textwrap.dedent("""\
        id: globalisasi
        title: Globalisasi
        version: "0.1"
        grades: [{min: 50, grade: L}, {min: 0, grade: T}]
        criteria:
          - id: dampak
            kind: concepts
            title: Dampak
            weight: 4
            levels: [{min: 0, label: Semua, feedback: ok}]
            concepts:
              - id: budaya
                label: Budaya asing
                define: true
                terms: [budaya asing]
                feedback: {missing: Bahas budaya asing.}
              - id: teknologi
                label: Teknologi
                patterns: [[{LOWER: internet}], [{NORM: teknologi}, {LOWER: informasi}]]
                feedback: {missing: Bahas teknologi.}
        """), "globalisasi.yaml")
    record = Checker(rubric).check_text("Budaya asing adalah kebiasaan dari luar negeri yang masuk lewat internet.")
    assert [c["status"] for c in record["criteria"][0]["concepts"]] == ["found", "found"]
    assert record["score"] == 100.0 and record["grade"] == "L"


def test_definition_by_negation_is_still_a_definition(checker):
    record = checker.check_text("Perdamaian berarti tidak adanya perang dan kekerasan di antara bangsa-bangsa.")
    assert concept(record, "perdamaian")["status"] == "found"
