"""`rubrika grade`: every output, safe names, reruns, exit codes, the gradebook."""

from __future__ import annotations

import csv
import io
import json
import urllib.parse
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import HOSTILE, SAMPLES
from rubrika.batch.finder import find_essays
from rubrika.batch.outdir import MARKER, report_names
from rubrika.cli.main import main

@pytest.fixture()
def classroom(tmp_path: Path) -> Path:
    folder = tmp_path / "tugas"
    (folder / "kelas a").mkdir(parents=True)
    shutil.copy(SAMPLES / "01-andi-kuat-lengkap.txt", folder / "budi.txt")
    shutil.copy(SAMPLES / "02-bunga-parafrase.md", folder / "budi.md")
    shutil.copy(SAMPLES / "06-fajar-lemah-singkat.txt", folder / "kelas a" / "Siti Nurhaliza.txt")
    shutil.copy(SAMPLES / "12-lukas-afiks.txt", folder / "kelas a" / "Ñandú ü.txt")
    (folder / 'evil"><img src=x onerror=window.__pwned=7>.txt').write_text(HOSTILE, encoding="utf-8")
    (folder / "kosong.txt").write_text("   \n", encoding="utf-8")
    (folder / "tugas.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (folder / "catatan.jpg").write_bytes(b"\xff\xd8\xff")  # not an essay: ignored
    (folder / ".DS_Store").write_bytes(b"\x00")
    return folder


def grade(folder: Path, outdir: Path, *extra):
    result = CliRunner().invoke(main, ["grade", str(folder), "-o", str(outdir), *map(str, extra)],
                                catch_exceptions=False)
    return result


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_grade_writes_every_output(classroom, tmp_path):
    out = tmp_path / "laporan"
    result = grade(classroom, out)
    assert result.exit_code == 1  # two essays could not be read
    assert "7 esai: 5 dinilai, 2 tidak dapat dibaca" in result.stderr
    reports = sorted(p.name for p in (out / "essays").iterdir())
    assert reports == sorted(report_names([
        "budi.md", "budi.txt", 'evil"><img src=x onerror=window.__pwned=7>.txt', "kelas a/Siti Nurhaliza.txt",
        "kelas a/Ñandú ü.txt", "kosong.txt", "tugas.docx",
    ]).values())
    assert "budi.txt.html" in reports and "budi.md.html" in reports
    records = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 7
    by_path = {r["essay"]["path"]: r for r in records}
    assert by_path["kosong.txt"]["error"]["code"] == "empty"
    assert by_path["tugas.docx"]["error"]["code"] == "corrupt"
    assert by_path["budi.txt"]["score"] > by_path["kelas a/Siti Nurhaliza.txt"]["score"]
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in reports:  # every report is linked, by its URL-quoted name
        assert f'href="essays/{urllib.parse.quote(name)}"' in index, name
    assert "tidak dapat dibaca" in index and "kosong.txt" in index


def test_report_names_are_safe_stable_and_unique():
    names = report_names(["budi.txt", "budi.md", "../../etc/passwd", "a b/ç d.txt", "x\ny.txt", "Budi.txt"])
    assert len(set(n.casefold() for n in names.values())) == 6
    for name in names.values():
        assert "/" not in name and "\n" not in name and not name.startswith(".")
        assert name.endswith(".html")
    assert names["Budi.txt"] == "Budi.txt.html" and names["budi.txt"].startswith("budi.txt-")
    assert report_names(["budi.txt", "budi.md"]) == {"budi.txt": "budi.txt.html", "budi.md": "budi.md.html"}


def test_nothing_is_written_outside_outdir_and_inputs_stay(classroom, tmp_path):
    before_inputs = snapshot(classroom)
    before_tmp = {p for p in tmp_path.iterdir()}
    out = tmp_path / "laporan"
    grade(classroom, out)
    assert snapshot(classroom) == before_inputs
    assert {p for p in tmp_path.iterdir()} == before_tmp | {out}
    leftovers = [p for p in out.rglob("*.tmp")]
    assert leftovers == []


def test_rerun_is_byte_identical(classroom, tmp_path):
    grade(classroom, tmp_path / "a")
    grade(classroom, tmp_path / "b")
    first, second = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    for files in (first, second):  # the result cache is internal state (it records when reports were written)
        for name in [n for n in files if n.startswith(".rubrika-cache/")]:
            del files[name]
    assert first.keys() == second.keys()
    assert first == second


def test_outdir_inside_folder_is_not_graded_next_time(classroom):
    out = classroom / "laporan"
    grade(classroom, out)
    assert (out / MARKER).exists()
    assert not [p for p in find_essays(classroom, None) if out in p.parents]
    again = grade(classroom, out)
    assert "7 esai: 5 dinilai" in again.stderr


def test_outdir_may_not_be_the_essay_folder(classroom):
    result = grade(classroom, classroom)
    assert result.exit_code == 2 and "folder keluaran" in result.stderr
    result = grade(classroom, classroom.parent)
    assert result.exit_code == 2


def test_gradebook_csv_opens_in_spreadsheets(classroom, tmp_path):
    out = tmp_path / "laporan"
    grade(classroom, out)
    raw = (out / "grades.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == ["student", "student_id", "file", "score", "max_score", "grade", "definisi", "peluang", "hambatan",
                             "perspektif-ips", "referensi", "corrected", "advisories", "warnings", "error"]
    by_file = {r["file"]: r for r in rows}
    assert by_file["kelas a/Ñandú ü.txt"]["student"] == "Ñandú ü"
    assert float(by_file["budi.txt"]["score"]) == pytest.approx(
        sum(float(by_file["budi.txt"][c]) for c in ("definisi", "peluang", "hambatan", "perspektif-ips", "referensi")),
        abs=0.1)
    assert by_file["kosong.txt"]["score"] == "" and by_file["kosong.txt"]["error"]


def test_gradebook_neutralises_formulas(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "06-fajar-lemah-singkat.txt", folder / "=HYPERLINK(1).txt")
    grade(folder, tmp_path / "out")
    rows = list(csv.reader(io.StringIO((tmp_path / "out" / "grades.csv").read_text(encoding="utf-8-sig"))))
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_quiet_and_summary(classroom, tmp_path):
    quiet = grade(classroom, tmp_path / "q", "--quiet")
    assert quiet.stderr == "" and quiet.stdout == ""
    english = grade(classroom, tmp_path / "e", "--lang", "en")
    assert "7 essay(s): 5 graded, 2 could not be read" in english.stderr
    assert "Class overview" in (tmp_path / "e" / "index.html").read_text(encoding="utf-8")


def test_empty_folder_is_a_usage_error(tmp_path):
    (tmp_path / "kosong").mkdir()
    result = grade(tmp_path / "kosong", tmp_path / "out")
    assert result.exit_code == 2 and "tidak ada esai" in result.stderr


def test_check_writes_one_html_report(tmp_path):
    report = tmp_path / "umpan-balik.html"
    result = CliRunner().invoke(main, ["check", str(SAMPLES / "04-dedi-hardwrap.txt"), "-o", str(report)])
    assert result.exit_code == 0
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Umpan balik esai" in page
    two = CliRunner().invoke(main, ["check", str(SAMPLES / "04-dedi-hardwrap.txt"), str(SAMPLES / "01-andi-kuat-lengkap.txt"),
                                    "-o", str(report)])
    assert two.exit_code == 2


def test_grade_takes_an_lms_zip_and_lists_what_it_refused(tmp_path):
    import zipfile

    archive = tmp_path / "unduhan-semua.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("Budi Santoso_101_assignsubmission_file_/esai.txt",
                    (SAMPLES / "01-andi-kuat-lengkap.txt").read_text(encoding="utf-8"))
        zf.writestr("Siti_102_assignsubmission_file_/esai.txt",
                    (SAMPLES / "06-fajar-lemah-singkat.txt").read_text(encoding="utf-8"))
        zf.writestr("../../keluar.txt", "Perdamaian adalah keadaan tanpa perang.")
    out = tmp_path / "laporan"
    result = CliRunner().invoke(main, ["grade", str(archive), "-o", str(out)])
    assert result.exit_code == 1, result.output  # done, but one entry was refused
    records = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["essay"]["student"]["name"] for r in records) == ["Budi Santoso", "Siti"]
    assert "../../keluar.txt" in result.stderr and not (tmp_path / "keluar.txt").exists()
    assert "keluar.txt" in (out / "index.html").read_text(encoding="utf-8")  # listed in the overview too
    not_zip = tmp_path / "tugas.txt"
    not_zip.write_text("x", encoding="utf-8")
    refused = CliRunner().invoke(main, ["grade", str(not_zip), "-o", str(tmp_path / "l2")])
    assert refused.exit_code == 2 and "tugas.txt" in refused.stderr


def test_the_summary_carries_the_overview_rows_it_built(classroom, tmp_path, checker):
    """serve's teacher page reads them instead of re-reading results.jsonl."""
    import json as json_module

    from rubrika.batch.run import grade_folder
    from rubrika.reporters.html import summary_row

    out = tmp_path / "laporan"
    for run in ("checked", "cached"):
        summary = grade_folder(classroom, out, checker, keep_rows=True)
        records = [json_module.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
        names = report_names([r["essay"]["path"] for r in records])
        expected = [summary_row(r, "essays/" + urllib.parse.quote(names[r["essay"]["path"]])) for r in records]
        assert json_module.loads(json_module.dumps(summary.rows)) == json_module.loads(json_module.dumps(expected)), run
        assert all((out / urllib.parse.unquote(row["href"])).is_file() for row in summary.rows)
    assert grade_folder(classroom, out, checker).rows is None  # not kept unless asked: an exam stays small
