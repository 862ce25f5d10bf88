"""Real classroom inputs and hostile input: formats, encodings, names, limits, resume."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLES, mini_rubric, pdf_bytes
from rubrika.batch.run import grade_folder
from rubrika.cli.main import main
from rubrika.readers.essay import Limits, read_essay, student_of
from rubrika.errors import RubricError
from rubrika.rubric import load_rubric_text

DEFINITION = "Perdamaian adalah keadaan tanpa perang dan kekerasan di antara bangsa-bangsa."
ESSAY = (SAMPLES / "01-andi-kuat-lengkap.txt").read_text(encoding="utf-8")


# --- fixtures made here, so no binary files live in the repository ----------------------


def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Kerja Sama Internasional", 1)
    document.add_paragraph(DEFINITION)
    document.add_paragraph("PBB menjaga perdamaian dunia", style="List Bullet")
    document.add_paragraph("WTO mengatur perdagangan internasional", style="List Number")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "HAM"
    table.cell(0, 1).text = "hak dasar setiap manusia"
    document.add_paragraph("Multilateralisme adalah kerja sama banyak negara dalam satu forum.")
    document.save(path)
    return path


def make_odt(path: Path) -> Path:
    from odfdo import Document, Header, List, Paragraph, Table

    document = Document("text")
    document.body.append(Header(1, "Kerja Sama Internasional"))
    document.body.append(Paragraph(DEFINITION))
    document.body.append(List(["PBB menjaga perdamaian dunia", "WTO mengatur perdagangan internasional"]))
    table = Table("t", width=2, height=1)
    table.set_value((0, 0), "HAM")
    table.set_value((1, 0), "hak dasar setiap manusia")
    document.body.append(table)
    document.body.append(Paragraph("Multilateralisme adalah kerja sama banyak negara dalam satu forum."))
    document.save(str(path))
    return path


def make_pdf(path: Path, lines: list[str]) -> Path:
    path.write_bytes(pdf_bytes(lines))
    return path


def status(record, concept_id):
    return next(k["status"] for c in record["criteria"] for k in c["concepts"] if k["id"] == concept_id)


# --- formats ----------------------------------------------------------------------------


@pytest.mark.parametrize("make", [make_docx, make_odt])
def test_word_processor_text_comes_out_in_order(tmp_path, make):
    essay = read_essay(make(tmp_path / f"esai{'.docx' if make is make_docx else '.odt'}"))
    text = essay.text
    order = ["Kerja Sama Internasional", "Perdamaian adalah", "PBB menjaga", "WTO mengatur", "HAM", "hak dasar",
             "Multilateralisme adalah"]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)
    assert "• PBB menjaga perdamaian dunia" in text  # list items stay apart


def test_docx_essay_is_checked(checker, tmp_path):
    record = checker.check_file(make_docx(tmp_path / "esai.docx"))
    assert record["error"] is None
    assert status(record, "perdamaian") == "found" and status(record, "multilateralisme") == "found"
    assert status(record, "nilai-universal") == "found"


def test_pdf_text_layer(checker, tmp_path):
    path = make_pdf(tmp_path / "esai.pdf", [DEFINITION, "Multilateralisme adalah kerja sama banyak negara."])
    record = checker.check_file(path)
    assert record["error"] is None and status(record, "perdamaian") == "found"


def test_scanned_pdf_says_it_has_no_text(checker, tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(tmp_path / "pindaian.pdf", "wb") as fh:
        writer.write(fh)
    record = checker.check_file(tmp_path / "pindaian.pdf")
    assert record["error"]["code"] == "no-text" and "pindaian" in record["error"]["message"]


def test_encrypted_pdf(checker, tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = make_pdf(tmp_path / "biasa.pdf", [DEFINITION])
    writer = PdfWriter()
    writer.append(PdfReader(plain))
    writer.encrypt("rahasia")
    with open(tmp_path / "terkunci.pdf", "wb") as fh:
        writer.write(fh)
    record = checker.check_file(tmp_path / "terkunci.pdf")
    assert record["error"]["code"] == "encrypted" and "kata sandi" in record["error"]["message"]


@pytest.mark.parametrize("name,data,code", [
    ("gambar.docx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "corrupt"),
    ("rusak.docx", None, "corrupt"),
    ("rusak.odt", b"PK\x03\x04\x14\x00\x00\x00garbage", "corrupt"),
    ("rusak.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "corrupt"),
    ("sampah.txt", os.urandom(4096), "binary"),
    ("kosong.txt", b"", "empty"),
    ("spasi.md", b" \n\t\n \r\n", "empty"),
    ("lama.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "unsupported-format"),
])
def test_broken_files_get_a_reason(checker, tmp_path, name, data, code):
    path = tmp_path / name
    if data is None:  # a real .docx cut in half
        good = make_docx(tmp_path / "utuh.docx").read_bytes()
        data = good[: len(good) // 2]
    path.write_bytes(data)
    record = checker.check_file(path)
    assert record["error"]["code"] == code, record["error"]
    assert record["score"] is None and record["error"]["message"]


# --- encodings and normalisation ----------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_encodings_are_detected(checker, tmp_path, encoding):
    text = "Café « Démocratie » - " + DEFINITION + " Hak asasi manusia adalah hak dasar setiap orang sejak lahir."
    path = tmp_path / "esai.txt"
    path.write_bytes(text.encode(encoding))
    record, read = checker.check_file_with_text(path)
    assert record["error"] is None
    assert read.lstrip("\ufeff") == text
    assert status(record, "perdamaian") == "found" and status(record, "hak-asasi-manusia") == "found"


def test_mojibake_is_repaired(tmp_path):
    text = "Negara-negara ‘bekerja sama’ agar dunia damai – itu “penting“."
    broken = text.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    (tmp_path / "rusak.txt").write_bytes(broken)
    assert read_essay(tmp_path / "rusak.txt").text == text


def test_typography_does_not_hide_terms_and_spans_point_at_the_original(checker):
    text = ("Kerja\u00a0sama\u200b internasional adalah hubungan antar\u00adnegara demi tujuan bersama. "
            "“Multilateralisme” ialah kerja\u2011sama banyak negara. Perdamaian adalah keadaan tanpa konflik bersenjata ﬁnal.")
    record = checker.check_text(text)
    assert status(record, "kerja-sama-internasional") == "found"
    assert status(record, "multilateralisme") == "found"
    for c in record["criteria"]:
        for k in c["concepts"]:
            for e in k["evidence"]:
                assert text[e["start"]:e["end"]] == e["text"]
    evidence = [e["text"] for c in record["criteria"] for k in c["concepts"] for e in k["evidence"]]
    assert "Kerja\u00a0sama\u200b internasional" in evidence


# --- limits ---------------------------------------------------------------------------


def test_big_file_is_refused_and_the_limit_is_configurable(tmp_path):
    path = tmp_path / "besar.txt"
    path.write_bytes(b"kata " * 500_000)  # 2.5 MB: over a 1 MB --max-size, and over 200,000 characters
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--max-size", "1"])
    record = json.loads(result.stdout)
    assert record["error"]["code"] == "too-large" and "--max-size" in record["error"]["message"]
    bigger = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--max-size", "3"])
    error = json.loads(bigger.stdout)["error"]
    assert error["code"] == "too-large" and "--max-size" not in error["message"]  # now the text length limit


def test_megabyte_line_without_spaces(checker, tmp_path):
    path = tmp_path / "baris.txt"
    path.write_text("Perdamaian adalah " + "x" * 1_000_000, encoding="utf-8")
    record = checker.check_file(path)  # how long this takes: benchmarks/bench_runon.py
    assert record["error"]["code"] == "not-prose"
    assert checker.check_file(path, limits=Limits(max_word=2_000_000))["error"]["code"] == "too-large"


# --- the folder --------------------------------------------------------------------------


def test_messy_folder_always_finishes(tmp_path):
    folder = tmp_path / "unduhan"
    folder.mkdir()
    shutil.copy(SAMPLES / "01-andi-kuat-lengkap.txt", folder / "nama dengan spasi.txt")
    shutil.copy(SAMPLES / "12-lukas-afiks.txt", folder / "Ñoño Ünal.txt")
    shutil.copy(SAMPLES / "06-fajar-lemah-singkat.txt", folder / "baris\nbaru.txt")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    os.mkfifo(folder / "pipa.txt")
    (folder / "map.md").mkdir()
    (folder / "gambar.docx").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    out = tmp_path / "laporan"
    result = CliRunner().invoke(main, ["grade", str(folder), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    records = {json.loads(line)["essay"]["path"]: json.loads(line)
               for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()}
    assert records["nama dengan spasi.txt"]["score"] > 80
    assert records["Ñoño Ünal.txt"]["essay"]["student"]["name"] == "Ñoño Ünal"
    assert records["baris\nbaru.txt"]["error"] is None
    assert records["a.txt"]["error"]["code"] == "unreadable"
    assert records["pipa.txt"]["error"]["code"] == "not-a-file"
    assert records["gambar.docx"]["error"]["code"] == "corrupt"
    assert not any("loop/" in p for p in records)
    rows = list(csv.reader(io.StringIO((out / "grades.csv").read_bytes().decode("utf-8-sig"), newline="")))
    assert len(rows) == len(records) + 1 and ["baris\nbaru.txt"] == [r[2] for r in rows if "\n" in r[2]]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "pipa.txt" in index and "bukan berkas biasa" in index


def test_unreadable_file(checker, tmp_path, monkeypatch):
    path = tmp_path / "terkunci.txt"
    path.write_text(DEFINITION, encoding="utf-8")

    def denied(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    record = checker.check_file(path)
    assert record["error"]["code"] == "unreadable" and "Permission denied" in record["error"]["message"]


@pytest.mark.parametrize("path,name,sid", [
    ("Budi Santoso_123456_assignsubmission_file_Esai IPS.docx", "Budi Santoso", "123456"),
    ("Siti Aminah_98765_assignsubmission_file_/esai.pdf", "Siti Aminah", "98765"),
    ("Rina_55_assignsubmission_onlinetext_onlinetext.html", "Rina", "55"),
    ("Dewi Lestari - Tugas Esai Kerja Sama.docx", "Dewi Lestari", None),
    ("andi.txt", "andi", None),
])
def test_student_names_from_lms_downloads(path, name, sid):
    assert student_of(path) == {"name": name, "id": sid}


def test_lms_names_reach_the_gradebook(tmp_path):
    folder = tmp_path / "moodle"
    sub = folder / "Budi Santoso_123456_assignsubmission_file_"
    sub.mkdir(parents=True)
    shutil.copy(SAMPLES / "04-dedi-hardwrap.txt", sub / "esai.txt")
    shutil.copy(SAMPLES / "05-eka-bullet.txt", folder / "Citra Dewi - Tugas IPS.txt")
    CliRunner().invoke(main, ["grade", str(folder), "-o", str(tmp_path / "out"), "-q"])
    grades = (tmp_path / "out" / "grades.csv").read_text(encoding="utf-8-sig")
    assert "Budi Santoso,123456," in grades and "Citra Dewi,," in grades
    assert "Budi Santoso" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


# --- hostile rubrics ----------------------------------------------------------------------




@pytest.mark.parametrize("weight,patterns,message", [
    ("1e400", "terms: [damai]", "'weight' must be <= 1000"),
    ("99999999999999999999999999999", "terms: [damai]", "'weight' must be <= 1000"),
    ("[1, 2]", "terms: [damai]", "'weight' must be a number"),
    ("5", "patterns: [[{TEXT: {REGEX: '(a+)+$'}}]]", "may take exponential time"),
    ("5", "patterns: [[{TEXT: {REGEX: '(\\\\w*x)*y'}}]]", "may take exponential time"),
    ("5", "patterns: [[{TEXT: {REGEX: '([a-z'}}]]", "REGEX"),
])
def test_hostile_rubric_values(weight, patterns, message):
    from rubrika.api import Checker

    with pytest.raises(RubricError) as info:
        Checker(load_rubric_text(mini_rubric(f"id: b\nlabel: B\n{patterns}\nfeedback: {{missing: M}}", title="Mini",
                                             grades=("{min: 0, grade: X}",), criterion="a", criterion_title="A",
                                             weight=weight, levels=("{min: 0, label: L, feedback: F}",)), "r.yaml"))
    assert message in info.value.format("en")


# --- nothing lost ---------------------------------------------------------------------------


class Stop(Exception):
    pass


def test_interrupted_grade_keeps_old_outputs_and_resumes(checker, tmp_path, monkeypatch):
    folder = tmp_path / "tugas"
    folder.mkdir()
    for name in ("01-andi-kuat-lengkap.txt", "04-dedi-hardwrap.txt", "05-eka-bullet.txt", "06-fajar-lemah-singkat.txt"):
        shutil.copy(SAMPLES / name, folder / name)
    out = tmp_path / "laporan"
    grade_folder(folder, out, checker)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    for name in ("09-indra-typo-singkatan.txt", "12-lukas-afiks.txt", "13-maya-satu-paragraf.txt"):
        shutil.copy(SAMPLES / name, folder / name)  # three late essays
    seen = []

    def interrupt(path):
        seen.append(path)
        if len(seen) == 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        grade_folder(folder, out, checker, progress=interrupt)
    for path in ("index.html", "grades.csv", "results.jsonl"):
        assert (out / path).read_bytes() == before[out / path]  # the last complete run is intact
    assert not list(out.rglob("*.tmp"))

    calls = []
    original = type(checker).check

    def counting(self, essay, lang="id", fingerprints=False):
        calls.append(essay.path)
        return original(self, essay, lang, fingerprints)

    monkeypatch.setattr(type(checker), "check", counting)
    summary = grade_folder(folder, out, checker)
    assert summary.count == 7
    assert sorted(calls) == ["12-lukas-afiks.txt", "13-maya-satu-paragraf.txt"]  # only what was not done
    calls.clear()
    (folder / "06-fajar-lemah-singkat.txt").write_text(ESSAY, encoding="utf-8")  # a student resubmits
    grade_folder(folder, out, checker)
    assert calls == ["06-fajar-lemah-singkat.txt"]
    records = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 7
    calls.clear()
    late = ["14-nanda-jebakan.txt", "15-oki-sedang-campuran.txt", "16-putri-kuat-berbeda.txt"]
    for name in late:
        shutil.copy(SAMPLES / name, folder / name)
    (out / ".index.html.killed.tmp").write_text("half", encoding="utf-8")  # a run killed mid-write
    assert grade_folder(folder, out, checker).count == 10
    assert sorted(calls) == late  # three late essays: only those three are checked
    assert not list(out.rglob("*.tmp"))
