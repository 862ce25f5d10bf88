"""``rubrika rubric suggest``: a rubric learns from answers a teacher graded by hand.

The data (tests/fixtures/suggest/) are 52 short answers, written for these tests, to one IPS
question ("Mengapa masalah global perlu diselesaikan bersama?"): 26 right, 26 wrong or off the
point, one 0/1 label each. ``latih.csv`` (odd numbers) is the half the teacher graded,
``uji.csv`` (even numbers) the held-out half. The starting rubric has deliberately thin terms.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, mini_rubric
from rubrika.authoring.suggest.learn import (EVERYDAY_ZIPF, MAX_CHANCE, MIN_LABELLED, _chance, _chance_level,
                                             _is_name, _says_something)
from rubrika.cli.main import main

DATA = ROOT / "tests" / "fixtures" / "suggest"
RUBRIC = DATA / "masalah-global.yaml"
ANSWERS = DATA / "jawaban"


def run(*args: str):
    return CliRunner().invoke(main, ["rubric", "suggest", *map(str, args)])


def essay_f1(rubric: Path, labels: Path) -> dict:
    """F1 of the engine's statuses (found/partial in any concept = positive) against the labels."""
    from rubrika.api import Checker
    from rubrika.authoring.suggest import learn, read_labels

    checker = Checker(rubric)
    return learn(checker, ANSWERS, read_labels(labels, ANSWERS, checker.rubric)).before["essay"]


@pytest.fixture(scope="module")
def learned(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("suggest") / "masalah-global-baru.yaml"
    result = run(RUBRIC, ANSWERS, "--labels", DATA / "latih.csv", "-o", out)
    assert result.exit_code == 0, result.output
    return out, result


@pytest.fixture(scope="module")
def learned_from_all(tmp_path_factory) -> Path:
    """The rubric learned from the labels of all 52 answers: something is written (from one
    half, nothing passes: every frequent phrase would credit a negative answer or may be luck)."""
    out = tmp_path_factory.mktemp("suggest") / "masalah-global-semua.yaml"
    result = run(RUBRIC, ANSWERS, "--labels", DATA / "semua.csv", "-o", out)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("learn_on, measure_on", [("latih.csv", "uji.csv"), ("uji.csv", "latih.csv")])
def test_learning_from_one_half_never_lowers_f1_on_the_other(tmp_path, learn_on, measure_on):
    new = tmp_path / "baru.yaml"
    assert run(RUBRIC, ANSWERS, "--labels", DATA / learn_on, "-o", new).exit_code == 0
    before = essay_f1(RUBRIC, DATA / measure_on)
    after = essay_f1(new, DATA / measure_on)
    print(f"held-out F1: {before['f1']} -> {after['f1']} (P {before['precision']} -> {after['precision']}, "
          f"R {before['recall']} -> {after['recall']})")
    assert after["f1"] >= before["f1"] and after["precision"] >= before["precision"]


@pytest.mark.xfail(strict=True, reason="issue 21 point 5: with no phrase allowed to credit a labelled negative, "
                                       "nothing learned from latih.csv passes ('negara': 12 positive, 3 negative)")
def test_suggested_rubric_scores_higher_f1_on_the_held_out_half(learned):
    new, _ = learned
    before = essay_f1(RUBRIC, DATA / "uji.csv")
    after = essay_f1(new, DATA / "uji.csv")
    assert after["f1"] > before["f1"]
    assert after["recall"] > before["recall"]


def test_the_new_rubric_loads_and_keeps_the_teachers_file(learned_from_all):
    new = learned_from_all
    assert CliRunner().invoke(main, ["rubric", "validate", str(new)]).exit_code == 0
    old_lines = RUBRIC.read_text(encoding="utf-8").splitlines()
    new_text = new.read_text(encoding="utf-8")
    new_lines = new_text.splitlines()
    assert 'version: "1.1.0"' in new_text
    # every comment the teacher wrote is still there
    for line in old_lines:
        if "#" in line:
            assert line.split("#", 1)[1] in new_text
    # only the version and the edited term list changed; nothing else was removed or rewritten
    removed = [line for line in difflib.ndiff(old_lines, new_lines) if line.startswith("- ")]
    assert removed == ['- version: "1.0.0"', "-         terms: [batas negara]  # baru satu istilah"]
    added = [line[2:] for line in difflib.ndiff(old_lines, new_lines) if line.startswith("+ ")]
    term_lines = [line for line in added if line.strip().startswith("- ") and "rubric suggest" in line]
    assert term_lines and all("esai positif" in line and "negatif" in line for line in term_lines)
    assert not any(line.strip().startswith("- menyebar  #") for line in term_lines)  # 5 of 5: luck (MAX_CHANCE)


def test_text_output_gives_terms_candidates_examples_and_risky_matches(learned):
    _, result = learned
    out = result.output
    assert "label 0/1 per esai" in out
    assert "batas negara: 3/2, presisi 0,60, recall 0,23" in out
    assert "· menyebar: 3 positif, 0 negatif, presisi 1,00" in out  # shown; not added: 3 of 3 may be luck
    assert "contoh: “Pandemi menyebar ke seluruh dunia dengan cepat.”" in out
    assert "! “dibatasi negara” dihitung sebagai “batas negara” (bentuk yang dinormalkan): 1 positif, 2 negatif" in out
    assert "Rubrik baru ditulis ke" in out and "versi 1.1.0" in out


def test_english_and_json_output(tmp_path):
    en = run(RUBRIC, ANSWERS, "--labels", DATA / "latih.csv", "--lang", "en")
    assert en.exit_code == 0
    assert "Candidate new terms" in en.output and "Risky matches" in en.output and "precision 0.60" in en.output
    result = run(RUBRIC, ANSWERS, "--labels", DATA / "latih.csv", "--format", "json", "-o", tmp_path / "r.yaml")
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert record["labels"]["kind"] == "essay" and record["labels"]["essays"] == 26
    concept = next(c for c in record["concepts"] if c["id"] == "lintas-batas")
    assert concept["terms"][0] == {"term": "batas negara", "role": "term", "pattern": False, "positive": 3,
                                   "negative": 2, "precision": 0.6, "recall": 0.231}
    menyebar = next(c for c in concept["candidates"] if c["text"] == "menyebar")
    assert not menyebar["selected"] and menyebar["positive"] == 3 and menyebar["negative"] == 0 and menyebar["examples"]
    assert menyebar["chance"] == 0.11 > MAX_CHANCE  # 3 of 3 positive by luck: C(13,3) / C(26,3)
    assert record["max_chance"] == MAX_CHANCE and 0 < concept["chance_level"] < MAX_CHANCE  # shared (Tarone)
    assert concept["risky"] == [{"term": "batas negara", "role": "term", "form": "dibatasi negara", "kind": "norm",
                                 "positive": 1, "negative": 2}]
    assert record["written"]["version"] == "1.1.0"
    assert "narrowed" not in record["written"] and record["min_labelled"] == MIN_LABELLED


def test_a_risky_term_is_reported_never_removed(learned):
    """A term that fired on 2 negatives and 1 positive is the teacher's to judge: the new
    rubric keeps it as written (issue 21: never remove a term on a handful of negatives)."""
    from rubrika.api import Checker
    from rubrika.readers.essay import Essay

    new, _ = learned
    old_checker, new_checker = Checker(RUBRIC), Checker(new)

    def evidence(checker, text):
        concept = next(k for c in checker.check(Essay(text=text)).result.criteria for k in c.concepts
                       if k.id == "lintas-batas")
        return [e.text for e in concept.evidence]

    wrong = "Karena kebebasan rakyat dibatasi negara."
    right = "Asap kebakaran hutan tidak berhenti di batas-batas negara."
    assert evidence(old_checker, wrong) == ["dibatasi negara"]
    assert "dibatasi negara" in evidence(new_checker, wrong)
    assert "batas-batas negara" in evidence(new_checker, right)
    assert "NOT_IN" not in new.read_text(encoding="utf-8") and "patterns" not in new.read_text(encoding="utf-8")


GLOBAL_RUBRIC = mini_rubric(
    "id: global\nlabel: Mendunia\nterms:\n  - global   # satu kata saja\nfeedback: {missing: Tulis mengapa masalahnya mendunia.}",
    "{id: sendiri, label: Tidak sendirian, terms: [kerja sama internasional], feedback: {missing: Tulis alasannya.}}",
    "id: bantu\nlabel: Saling membantu\ngroups:\n  - {name: saling, terms: [saling], partial: true}\n"
    "  - {name: bantu, terms: [membantu, bantuan]}\nfeedback: {missing: Tulis bahwa negara saling membantu.}",
    rubric_id="kata-global", title="Kata global", version="2", grades=("{min: 0, grade: A}",), criterion="isi",
    criterion_title="Isi", weight="1", levels=("{min: 0, label: Ada, feedback: Baik.}",))

GLOBAL_ESSAYS = {  # text, then the labels of the concepts global, sendiri, bantu
    "p1.txt": ("Masalah global seperti pandemi menyebar ke banyak negara.", 1, 0, 0),
    "p2.txt": ("Pemanasan global dirasakan semua negara, jadi negara kaya harus saling membantu negara miskin.", 1, 0, 1),
    "p3.txt": ("Krisis global tidak bisa diatasi karena kemampuan satu negara terbatas.", 1, 1, 0),
    "p4.txt": ("Isu global menyangkut semua bangsa, sedangkan kemampuan tiap negara terbatas.", 1, 1, 0),
    "p5.txt": ("Negara kaya memberi bantuan kepada negara miskin saat krisis melanda dunia.", 1, 0, 1),
    "n1.txt": ("Restoran cepat saji memakai strategi glokal agar menunya cocok dengan selera lokal.", 0, 0, 0),
    "n2.txt": ("Produk glokal memadukan merek luar negeri dengan rasa daerah.", 0, 0, 0),
    "n3.txt": ("Iklan glokal dibuat oleh perusahaan besar.", 0, 0, 0),
    "n4.txt": ("Kita harus rajin belajar supaya pintar.", 0, 0, 0),
}


@pytest.fixture
def global_case(tmp_path) -> Path:
    (tmp_path / "rubrik.yaml").write_text(GLOBAL_RUBRIC, encoding="utf-8")
    folder = tmp_path / "esai"
    folder.mkdir()
    rows = ["file,global,sendiri,bantu"]
    for name, (text, *labels) in GLOBAL_ESSAYS.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
        rows.append(f"{name}," + ",".join(map(str, labels)))
    (tmp_path / "nilai.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path


def _learn_small(case: Path, out: Path, **options):
    """``rubric suggest -o`` on the 9 essays of the case, with the evidence floor at 9, no
    chance test and everyday words allowed (through the API: the command keeps ``MIN_LABELLED``,
    ``MAX_CHANCE`` and ``EVERYDAY_ZIPF``; on 9 essays nothing is unlikely by luck, and these
    tests are about how the proposals are written, not which words they are)."""
    options.setdefault("max_chance", 1)
    options.setdefault("everyday_zipf", 99)
    from rubrika.api import Checker
    from rubrika.authoring.suggest import learn, read_labels, write_rubric

    checker = Checker(case / "rubrik.yaml")
    found = learn(checker, case / "esai", read_labels(case / "nilai.csv", case / "esai", checker.rubric),
                  min_labelled=len(GLOBAL_ESSAYS), **options)
    return found, write_rubric(found, (case / "rubrik.yaml").read_text(encoding="utf-8"), out)


def test_a_typo_repair_that_fires_on_negatives_is_reported_and_kept(global_case):
    from rubrika.authoring.suggest import report_json

    out = global_case / "baru.yaml"
    found, summary = _learn_small(global_case, out, min_support=2)
    concept = next(c for c in report_json(found, "nilai.csv")["concepts"] if c["id"] == "global")
    assert {"term": "global", "role": "term", "form": "glokal", "kind": "typo", "positive": 0,
            "negative": 3} in concept["risky"]
    assert CliRunner().invoke(main, ["rubric", "validate", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert 'version: "3"' in text and "NOT_IN" not in text
    assert "- global   # satu kata saja" in text  # the term and its comment stay as written


def test_too_few_labelled_essays_propose_nothing_and_say_so(global_case):
    """Issue 21's new user: 9 labelled essays, every concept below the floor. The report says
    the evidence is too thin; the written rubric differs from the teacher's in its version only."""
    out = global_case / "baru.yaml"
    result = run(global_case / "rubrik.yaml", global_case / "esai", "--labels", global_case / "nilai.csv",
                 "-o", out, "--min-support", "2")
    assert result.exit_code == 0, result.output
    assert result.output.count("Bukti terlalu sedikit") == 3
    assert f"perlu paling sedikit {MIN_LABELLED} esai berlabel" in result.output
    assert "\n    + " not in result.output  # no candidate selected
    old = (global_case / "rubrik.yaml").read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.ndiff(old, out.read_text(encoding="utf-8").splitlines())
               if line.startswith(("- ", "+ "))]
    assert changed == ['- version: 2', '+ version: "3"']
    record = json.loads(run(global_case / "rubrik.yaml", global_case / "esai", "--labels", global_case / "nilai.csv",
                            "--format", "json").output)
    assert all(c["thin"] and not any(k["selected"] for k in c["candidates"]) for c in record["concepts"])


def _add_positives(case: Path, essays: dict[str, str]) -> None:
    """More essays for the case, each labelled positive for "global" and "bantu"."""
    with open(case / "nilai.csv", "a", encoding="utf-8") as fh:
        for name, text in essays.items():
            (case / "esai" / name).write_text(text + "\n", encoding="utf-8")
            fh.write(f"{name},1,0,1\n")


def test_a_candidate_that_would_credit_a_labelled_negative_is_not_added(global_case):
    """"kaya" is in three more positive essays of "bantu" the rubric misses now: added. Then one
    essay labelled negative that the rubric does not credit holds it too: adding "kaya" would
    credit that essay against the teacher's label, so it is shown, not added, however much it
    wins (3 for 1)."""
    folder = global_case / "esai"
    _add_positives(global_case, {"p6.txt": "Negara kaya mengirim dokter ke negara yang dilanda wabah.",
                                 "p7.txt": "Negara kaya meminjamkan kapal untuk memadamkan kebakaran hutan.",
                                 "p8.txt": "Negara kaya berbagi vaksin dengan negara lain."})
    found, _ = _learn_small(global_case, global_case / "baru.yaml", min_support=2, min_precision=0.75)
    kaya = next(c for c in found.candidates["bantu"] if c.text == "kaya")
    assert (kaya.gain, kaya.cost) == (4, 0) and kaya.selected

    (folder / "n5.txt").write_text("Negara kita kaya akan budaya dan sejarah.\n", encoding="utf-8")
    with open(global_case / "nilai.csv", "a", encoding="utf-8") as fh:
        fh.write("n5.txt,0,0,0\n")
    found, _ = _learn_small(global_case, global_case / "baru.yaml", min_support=2, min_precision=0.75)
    kaya = next(c for c in found.candidates["bantu"] if c.text == "kaya")
    assert (kaya.gain, kaya.cost) == (4, 1) and kaya.precision >= 0.75
    assert not kaya.selected
    written = [line.strip() for line in (global_case / "baru.yaml").read_text(encoding="utf-8").splitlines()]
    assert not any(line.startswith("- kaya  #") for line in written)
    assert any(line.startswith("- negara kaya  #") for line in written)  # not in the negative essay: added


def test_everyday_words_and_names_are_never_proposed(global_case):
    """Learning from long essays on one topic found words that merely stand in the positive
    essays: "alasan", "pasar", "produk" (everyday Indonesian), "Myanmar" (a country: the setting
    of an idea, never part of it). With the everyday bound and names filtered, "krisis" (rarer)
    is still proposed, "kaya" (everyday) and "Myanmar" (a name) are not."""
    _add_positives(global_case, {"p6.txt": "Krisis pangan di Myanmar membuat negara kaya mengirim bantuan beras.",
                                 "p7.txt": "Ketika krisis melanda Myanmar, negara kaya ikut membantu pengungsi.",
                                 "p8.txt": "Krisis di Myanmar menunjukkan negara kaya harus membantu tetangganya."})
    lifted, _ = _learn_small(global_case, global_case / "semua.yaml", min_support=2, min_precision=0.75)
    assert "kaya" in {c.text for c in lifted.candidates["bantu"] if c.selected}  # passes every other test
    assert "negara" in {c.text for c in lifted.candidates["global"] if c.selected}
    myanmar = next(c for c in lifted.candidates["bantu"] if c.text == "myanmar")
    assert (myanmar.pos, myanmar.neg, myanmar.gain, myanmar.cost) == (3, 0, 3, 0) and not myanmar.selected
    found, _ = _learn_small(global_case, global_case / "baru.yaml", min_support=2, min_precision=0.75,
                            everyday_zipf=EVERYDAY_ZIPF)
    chosen = {c.text for cs in found.candidates.values() for c in cs if c.selected}
    assert "krisis" in chosen
    assert not {"kaya", "myanmar", "negara"} & chosen
    myanmar = next(c for cs in found.candidates.values() for c in cs if c.text == "myanmar")
    assert _is_name(myanmar) and not _says_something(myanmar)


def test_the_chance_bound_is_shared_among_the_phrases_that_could_reach_it():
    """Tarone's count: 13 positive and 13 negative essays; a phrase in one essay can do no
    better than 13/26 and is no guess at 0.05; two phrases in 10 essays each can (all positive:
    C(13,10)/C(26,10)), so the bound is 0.05 / 2, not 0.05 / 32."""
    assert _chance(10, 0, 13, 13) < MAX_CHANCE / 2
    assert _chance(1, 0, 13, 13) == 0.5
    assert _chance_level([1] * 30 + [10, 10], 13, 13, MAX_CHANCE) == MAX_CHANCE / 2
    assert _chance_level([10] * 5, 13, 13, MAX_CHANCE) == MAX_CHANCE / 5
    assert _chance_level([1] * 30, 13, 13, MAX_CHANCE) == MAX_CHANCE  # nothing can pass; nothing to share
    assert _chance_level([10] * 5, 13, 13, 1) == 1  # the test switched off


def test_per_concept_labels_and_every_layout_of_a_concept(global_case):
    """Candidates reach a block list, a flow mapping, and a concept with groups but no terms."""
    from rubrika.rubric import load_rubric

    out = global_case / "baru.yaml"
    _learn_small(global_case, out, min_support=1, min_precision=0.8)
    rubric = load_rubric(out)
    concepts = {k.id: k for c in rubric.criteria for k in c.concepts}
    assert "negara" in concepts["global"].terms  # a block list
    assert {"kemampuan", "terbatas"} <= set(concepts["sendiri"].terms)  # a flow mapping
    assert {"kaya", "miskin"} <= set(concepts["bantu"].terms)  # groups only: a new terms list
    assert "negara miskin" not in concepts["bantu"].terms  # it holds "miskin", already added
    text = out.read_text(encoding="utf-8")
    assert "      - {id: sendiri, label: Tidak sendirian, terms: [kerja sama internasional, kemampuan, terbatas]" in text
    assert "      # kemampuan: rubric suggest: 2 esai positif, 0 negatif (presisi 1,00)" in text
    assert "          - {name: saling, terms: [saling], partial: true}" in text


def test_a_change_that_would_alter_an_example_of_the_rubric_is_held_back(global_case):
    from rubrika.authoring.suggest import written_text

    rubric = global_case / "rubrik.yaml"
    text = rubric.read_text(encoding="utf-8")
    rubric.write_text(text.replace("        feedback: {missing: Tulis mengapa masalahnya mendunia.}\n",
                                   "        feedback: {missing: Tulis mengapa masalahnya mendunia.}\n"
                                   "        examples: {no_match: [Negara kita sangat luas.]}\n"), encoding="utf-8")
    out = global_case / "baru.yaml"
    _, summary = _learn_small(global_case, out, min_support=1)
    assert "Tidak dimasukkan karena akan mengubah hasil contoh kalimat di rubrik Anda: global: negara" in \
        written_text(summary, str(out))
    assert CliRunner().invoke(main, ["rubric", "validate", str(out)]).exit_code == 0
    assert "- negara  #" not in out.read_text(encoding="utf-8").split("id: sendiri")[0]


@pytest.mark.parametrize("labels", ["file;label\nj01.txt;85\nj02.txt;60\nj03.txt;70\nj04.txt;90\n"])
def test_scores_become_labels_at_the_median_or_a_threshold(tmp_path, labels):
    csv_file = tmp_path / "skor.csv"
    csv_file.write_text(labels, encoding="utf-8")
    result = run(RUBRIC, ANSWERS, "--labels", csv_file, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["labels"]["rule"] == {"kind": "score", "threshold": 77.5, "by": "median"}
    text = run(RUBRIC, ANSWERS, "--labels", csv_file, "--threshold", "65")
    assert "skor ≥ 65 dihitung positif (--threshold)" in text.output


BAD = {
    "no-file-column": ("nama,label\nj01.txt,1\n", [], "kolom 'file' tidak ada (kolom yang ada: nama, label)"),
    "no-label-column": ("file\nj01.txt\n", [], "tidak ada kolom label"),
    "unknown-concept": ("file,lintas-batas,tidak-sendir\nj01.txt,1,0\n", [],
                        "kolom 'tidak-sendir' bukan id konsep rubrik ini (id yang ada: lintas-batas, tidak-sendiri) "
                        "mungkin maksud Anda 'tidak-sendiri'?"),
    "label-and-concepts": ("file,label,lintas-batas\nj01.txt,1,1\n", [], "bukan keduanya"),
    "missing-essay": ("file,label\nj01.txt,1\nhilang.txt,0\n", [],
                      ":3: esai 'hilang.txt' tercantum, tetapi tidak ada di folder"),
    "not-binary": ("file,lintas-batas\nj01.txt,1\nj02.txt,ya\n", [],
                   ":3: kolom 'lintas-batas' berisi 'ya'; isinya harus 0 atau 1"),
    "not-a-score": ("file,label\nj01.txt,1\nj02.txt,lulus\n", [],
                    ":3: kolom 'label' berisi 'lulus'; isinya harus 0/1 atau angka skor"),
    "duplicate": ("file,label\nj01.txt,1\nj02.txt,0\nj01.txt,0\n", [], ":4: esai 'j01.txt' sudah dinilai di baris 2"),
    "empty-file-cell": ("file,label\nj01.txt,1\n,0\n", [], ":3: kolom 'file' kosong"),
    "no-rows": ("file,label\n", [], "tidak ada baris esai di bawah judul kolom"),
    "empty": ("", [], "berkas kosong"),
    "one-class": ("file,label\nj01.txt,1\nj02.txt,1\n", [], "semua esai jatuh di satu sisi"),
    "unknown-concept-option": ("file,label\nj01.txt,1\nj03.txt,0\n", ["--concept", "lintas"],
                               "--concept lintas: bukan id konsep rubrik ini"),
    "concept-option-with-concept-labels": ("file,lintas-batas\nj01.txt,1\n", ["--concept", "lintas-batas"],
                                           "--concept hanya dipakai dengan label per esai"),
    "threshold-option-with-concept-labels": ("file,lintas-batas\nj01.txt,1\n", ["--threshold", "70"],
                                             "--threshold hanya dipakai dengan skor per esai"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_gets_a_clear_message_naming_the_file(tmp_path, case):
    content, extra, expected = BAD[case]
    csv_file = tmp_path / "nilai.csv"
    csv_file.write_text(content, encoding="utf-8")
    result = run(RUBRIC, ANSWERS, "--labels", csv_file, *extra)
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    if not case.endswith("option") and "-option-" not in case:
        assert str(csv_file) in result.stderr


def test_an_unreadable_essay_is_named(tmp_path):
    folder = tmp_path / "esai"
    folder.mkdir()
    shutil.copy(ANSWERS / "j01.txt", folder)
    (folder / "kosong.txt").write_text("", encoding="utf-8")
    (tmp_path / "nilai.csv").write_text("file,label\nj01.txt,1\nkosong.txt,0\n", encoding="utf-8")
    result = run(RUBRIC, folder, "--labels", tmp_path / "nilai.csv")
    assert result.exit_code == 2
    assert "kosong.txt" in result.stderr and "berkas kosong" in result.stderr


def test_bad_input_in_english(tmp_path):
    csv_file = tmp_path / "labels.csv"
    csv_file.write_text("file,label\nj01.txt,1\nmissing.txt,0\n", encoding="utf-8")
    result = run(RUBRIC, ANSWERS, "--labels", csv_file, "--lang", "en")
    assert result.exit_code == 2
    assert f"{csv_file}:3: essay 'missing.txt' is listed, but it is not in folder" in result.stderr


@pytest.mark.parametrize("old, new", [("1.0.0", "1.1.0"), ("2", "3"), ("1.4", "1.5"), ("1.2.9", "1.3.0"),
                                      ("2024-ganjil", "2024-ganjil.1")])
def test_bump_version(old, new):
    from rubrika.authoring.suggest import bump_version

    assert bump_version(old) == new


def test_hits_of_hand_written_patterns_are_told_apart(tmp_path):
    rubric = tmp_path / "pola.yaml"
    rubric.write_text(GLOBAL_RUBRIC.replace("        terms:\n          - global   # satu kata saja\n",
                                            "        patterns:\n          - [{LOWER: lintas}, {LOWER: negara}]\n"
                                            "          - [{LOWER: seluruh}, {LOWER: dunia}]\n"), encoding="utf-8")
    result = run(rubric, ANSWERS, "--labels", DATA / "semua.csv", "--format", "json", "--concept", "global")
    assert result.exit_code == 0, result.output
    terms = next(c for c in json.loads(result.output)["concepts"] if c["id"] == "global")["terms"]
    assert [(t["term"], t["positive"], t["negative"]) for t in terms] == [
        ('[{"LOWER": "lintas"}, {"LOWER": "negara"}]', 2, 0), ('[{"LOWER": "seluruh"}, {"LOWER": "dunia"}]', 5, 1)]


def test_line_ends_of_a_file_saved_on_windows_are_kept():
    from rubrika.api import Checker
    from rubrika.rubric import load_rubric_text
    from rubrika.authoring.suggest import learn, new_rubric_text, read_labels

    checker = Checker(RUBRIC)
    found = learn(checker, ANSWERS, read_labels(DATA / "semua.csv", ANSWERS, checker.rubric))
    text = RUBRIC.read_text(encoding="utf-8").replace("\n", "\r\n")
    new_text, summary = new_rubric_text(found, text)
    assert summary.added and new_text.count("\n") == new_text.count("\r\n")
    load_rubric_text(new_text)


def test_the_command_keeps_the_line_ends_of_a_rubric_saved_on_windows(tmp_path):
    rubric = tmp_path / "rubrik.yaml"
    rubric.write_bytes(RUBRIC.read_bytes().replace(b"\n", b"\r\n"))
    out = tmp_path / "baru.yaml"
    assert run(rubric, ANSWERS, "--labels", DATA / "semua.csv", "-o", out).exit_code == 0
    written = out.read_bytes()
    assert b"rubric suggest:" in written and written.count(b"\n") == written.count(b"\r\n")


def test_a_missing_labels_file_is_named(tmp_path):
    result = run(RUBRIC, ANSWERS, "--labels", tmp_path / "tidak-ada.csv")
    assert result.exit_code == 2
    assert f"{tmp_path / 'tidak-ada.csv'}: tidak dapat dibaca" in result.stderr


def test_output_through_a_link_updates_its_target_and_keeps_the_link(tmp_path):
    """-o writes as a shell's > writes (issue 22.7): a link named with -o stays a link."""
    target = tmp_path / "rubrik-baru.yaml"
    target.write_text("lama\n", encoding="utf-8")
    link = tmp_path / "tautan.yaml"
    link.symlink_to(target)
    result = run(RUBRIC, ANSWERS, "--labels", DATA / "semua.csv", "-o", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") != "lama\n" and "concepts" in target.read_text(encoding="utf-8")
