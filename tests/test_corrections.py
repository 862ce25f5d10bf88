"""The teacher's corrections (issue 21) from the command line: grade, edit koreksi.csv, grade
again (cached runs too), the record keeps both words, a malformed file is named line by line,
two writers lose nothing, and ``rubric suggest RUBRIC OUTDIR`` learns from the corrections."""

from __future__ import annotations

import csv
import io
import json
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLES, ROOT
from rubrika.authoring.suggest.learn import MIN_LABELLED
from rubrika.batch.corrections import (CORRECTIONS, HEADER, Correction, read_corrections, set_correction,
                                       set_reviewed, write_corrections)
from rubrika.cli.main import main

SUGGEST = ROOT / "tests" / "fixtures" / "suggest"


def grade(folder: Path, outdir: Path, *extra):
    return CliRunner().invoke(main, ["grade", str(folder), "-o", str(outdir), *map(str, extra)])


def records(outdir: Path) -> dict[str, dict]:
    lines = (outdir / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["essay"]["path"]: r for r in map(json.loads, filter(None, lines))}


def concept(record: dict, cid: str) -> dict:
    return next(k for c in record["criteria"] for k in c["concepts"] if k["id"] == cid)


def gradebook(outdir: Path) -> dict[str, dict]:
    text = (outdir / "grades.csv").read_bytes().decode("utf-8-sig")
    return {row["file"]: row for row in csv.DictReader(io.StringIO(text))}


@pytest.fixture()
def graded(tmp_path) -> tuple[Path, Path]:
    folder = tmp_path / "tugas"
    folder.mkdir()
    for name in ("01-andi-kuat-lengkap.txt", "06-fajar-lemah-singkat.txt", "03-citra-sedang-tanpa-definisi.txt"):
        shutil.copy(SAMPLES / name, folder / name)
    outdir = tmp_path / "hasil"
    result = grade(folder, outdir)
    assert result.exit_code == 0, result.output
    return folder, outdir


def test_a_grade_leaves_an_empty_corrections_file_for_the_teacher(graded):
    _, outdir = graded
    raw = (outdir / CORRECTIONS).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.decode("utf-8-sig").strip() == ",".join(HEADER)


def test_a_correction_applies_on_every_run_and_the_record_keeps_both_words(graded):
    folder, outdir = graded
    essay = "01-andi-kuat-lengkap.txt"
    before = records(outdir)[essay]
    found = next(k for c in before["criteria"] if c["concepts"] for k in c["concepts"] if k["status"] == "found")
    # what a teacher types in a spreadsheet: Indonesian status words, a semicolon file
    (outdir / CORRECTIONS).write_text(f"berkas;konsep;status;catatan\n{essay};{found['id']};belum ada;"
                                      "Hanya menyalin soal.\n", encoding="utf-8")
    result = grade(folder, outdir)
    assert result.exit_code == 0, result.output
    assert "Koreksi guru dari" in result.stderr and "1 baris diterapkan" in result.stderr
    after = records(outdir)[essay]
    corrected = concept(after, found["id"])
    assert corrected["status"] == "missing" and corrected["engine_status"] == "found" and corrected["corrected"]
    assert corrected["note"] == "Hanya menyalin soal." and not corrected.get("show_note")
    assert corrected["evidence"] == found["evidence"]  # the engine's evidence stays
    assert after["score"] < before["score"]
    assert gradebook(outdir)[essay]["corrected"] == "1"
    assert float(gradebook(outdir)[essay]["score"]) == pytest.approx(after["score"])
    report = next((outdir / "essays").glob("01-andi*.html")).read_text(encoding="utf-8")
    assert "dikoreksi guru" in report and "Hanya menyalin soal." not in report  # the note is the teacher's
    # a re-run from the cache keeps it; ticking 'tampilkan ke siswa' shows the note
    again = grade(folder, outdir)
    assert concept(records(outdir)[essay], found["id"])["status"] == "missing"
    assert "1 baris diterapkan" in again.stderr
    set_correction(outdir, essay, found["id"], "missing", "Hanya menyalin soal.", show_note=True)
    grade(folder, outdir)
    report = next((outdir / "essays").glob("01-andi*.html")).read_text(encoding="utf-8")
    assert "Hanya menyalin soal." in report
    # taken back: the engine's word again, with the engine's score
    set_correction(outdir, essay, found["id"], None)
    grade(folder, outdir)
    restored = records(outdir)[essay]
    assert concept(restored, found["id"])["status"] == "found" and "corrected" not in concept(restored, found["id"])
    assert (restored["score"], restored["grade"]) == (before["score"], before["grade"])


def test_a_malformed_file_is_named_line_by_line_and_the_grade_still_runs(graded):
    folder, outdir = graded
    ids = [k["id"] for c in records(outdir)["06-fajar-lemah-singkat.txt"]["criteria"] for k in c["concepts"]]
    (outdir / CORRECTIONS).write_text(
        "file,concept,status,note\n"
        f"06-fajar-lemah-singkat.txt,{ids[0]},ada,\n"        # line 2: applies
        f"06-fajar-lemah-singkat.txt,{ids[1]},mungkin,\n"    # line 3: unknown status
        f"hilang.txt,{ids[0]},ada,\n"                        # line 4: no such essay
        "06-fajar-lemah-singkat.txt,bukan-konsep,ada,\n",   # line 5: no such concept
        encoding="utf-8")
    result = grade(folder, outdir)
    assert result.exit_code == 0, result.output
    assert f"{CORRECTIONS}:3: status 'mungkin' tidak dikenal" in result.stderr
    assert f"{CORRECTIONS}:4: tidak ada esai hilang.txt di kelas ini" in result.stderr
    assert f"{CORRECTIONS}:5: rubrik kerja-sama-internasional tidak memiliki konsep bukan-konsep" in result.stderr
    assert concept(records(outdir)["06-fajar-lemah-singkat.txt"], ids[0])["corrected"]
    index = (outdir / "index.html").read_text(encoding="utf-8")
    assert "Koreksi yang tidak diterapkan" in index and "hilang.txt" in index


def test_two_writers_at_once_lose_neither_change(tmp_path):
    """Two tabs of the teacher page write at the same moment: the file lock queues them."""
    write_corrections(tmp_path / CORRECTIONS, [])
    start = threading.Barrier(8)

    def correct(i: int) -> None:
        start.wait()
        set_correction(tmp_path, f"esai-{i}.txt", "definisi", "found" if i % 2 else "missing", f"catatan {i}")

    threads = [threading.Thread(target=correct, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rows = read_corrections(tmp_path / CORRECTIONS).rows
    assert sorted(r.file for r in rows) == [f"esai-{i}.txt" for i in range(8)]
    assert all(r.note == f"catatan {r.file[5]}" for r in rows)


def _suggest(*args):
    return CliRunner().invoke(main, ["rubric", "suggest", *map(str, args)])


def test_suggest_learns_from_the_corrections_of_a_graded_folder(tmp_path):
    """grade the 52 short answers, review them all (one * row each) and correct the concepts
    the teacher disagrees with; ``rubric suggest RUBRIC OUTDIR`` takes those as labels, with the
    texts as graded (the essays' folder may be gone)."""
    answers = tmp_path / "jawaban"
    shutil.copytree(SUGGEST / "jawaban", answers)
    rubric = SUGGEST / "masalah-global.yaml"
    outdir = tmp_path / "hasil"
    assert grade(answers, outdir, "--rubric", rubric).exit_code == 0
    graded = records(outdir)
    label = {r["file"]: r["label"] == "1" for r in csv.DictReader((SUGGEST / "semua.csv").open(encoding="utf-8"))}
    rows, corrected = [], 0
    for file, right in label.items():
        credited = {k["id"] for c in graded[file]["criteria"] for k in c["concepts"] if k["status"] != "missing"}
        if right and not credited:  # the teacher credits the answer's main idea
            rows.append(Correction(file, "lintas-batas", "found"))
        if not right:
            rows += [Correction(file, cid, "missing") for cid in sorted(credited)]
        rows.append(Correction(file, "*", None))
    rows.append(Correction("tidak-ada.txt", "lintas-batas", "found"))
    corrected = sum(1 for r in rows if r.concept != "*" and r.file in graded)
    write_corrections(outdir / CORRECTIONS, rows)
    shutil.rmtree(answers)  # the texts are kept in the output folder's cache
    result = _suggest(rubric, outdir, "-o", tmp_path / "baru.yaml")
    assert result.exit_code == 0, result.output + result.stderr
    assert f"koreksi guru: {corrected} konsep dikoreksi, {len(label)} esai diperiksa" in result.output
    assert "esai 'tidak-ada.txt' tidak ada di results.jsonl" in result.stderr
    record = json.loads(_suggest(rubric, outdir, "--format", "json").stdout)
    assert record["labels"]["essays"] == len(label) >= MIN_LABELLED
    lintas = next(c for c in record["concepts"] if c["id"] == "lintas-batas")
    want = sum(1 for f, right in label.items() if right and (
        concept(graded[f], "lintas-batas")["status"] != "missing"
        or all(k["status"] == "missing" for c in graded[f]["criteria"] for k in c["concepts"])))
    assert lintas["positive"] == want and lintas["negative"] == len(label) - want
    assert not lintas["thin"] and any(c["selected"] for c in lintas["candidates"])
    assert CliRunner().invoke(main, ["rubric", "validate", str(tmp_path / "baru.yaml")]).exit_code == 0


def test_suggest_on_a_few_corrections_proposes_nothing_and_says_why(graded, tmp_path):
    folder, outdir = graded
    set_reviewed(outdir, "01-andi-kuat-lengkap.txt")
    result = _suggest("builtin", outdir)
    assert result.exit_code == 0, result.output + result.stderr
    assert "koreksi guru: 0 konsep dikoreksi, 1 esai diperiksa" in result.output
    assert "Bukti terlalu sedikit" in result.output and f"perlu paling sedikit {MIN_LABELLED}" in result.output


def test_suggest_needs_an_output_folder_with_corrections(graded, tmp_path):
    folder, outdir = graded
    result = _suggest("builtin", folder)
    assert result.exit_code == 2 and "tanpa --labels, FOLDER harus folder keluaran rubrika grade" in result.stderr
    result = _suggest("builtin", outdir)  # the file is there, but empty
    assert result.exit_code == 2 and "belum ada koreksi untuk dipelajari" in result.stderr
