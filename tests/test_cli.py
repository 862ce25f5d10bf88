"""The command line: output formats, languages, exit codes, bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import BUILTIN_RUBRIC_FILE, SAMPLES
from rubrika import __version__
from rubrika.cli.main import main

STRONG = SAMPLES / "01-andi-kuat-lengkap.txt"
WEAK = SAMPLES / "06-fajar-lemah-singkat.txt"


@pytest.fixture()
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_text_report_is_indonesian_and_names_what_to_add(run):
    result = run("check", WEAK)
    assert result.exit_code == 0
    assert "Skor " in result.output and "Predikat" in result.output and "Langkah berikutnya:" in result.output
    assert "Definisi konsep kunci" in result.output
    assert "✗ Multilateralisme (belum ada)" in result.output
    assert "jelaskan multilateralisme" in result.output and "“Multilateralisme adalah …”" in result.output


def test_text_report_in_english(run):
    result = run("check", WEAK, "--lang", "en")
    assert "Score " in result.output and "Next steps:" in result.output
    assert "✗ Multilateralism (missing)" in result.output
    assert "explain multilateralism" in result.output


def test_json_is_one_record_per_line_with_the_fixed_fields(run):
    result = run("check", STRONG, WEAK, "--format", "json")
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    record = json.loads(lines[0])
    assert record["schema"] == "rubrika.result/1"
    assert set(record) >= {"essay", "rubric", "score", "grade", "criteria", "advisories", "error"}
    assert set(record["essay"]) >= {"path", "id", "words", "sentences", "language"}
    assert set(record["rubric"]) == {"id", "version", "sha256"}
    criterion = record["criteria"][0]
    assert set(criterion) >= {"id", "title", "weight", "score", "points", "level", "feedback", "concepts"}
    assert set(criterion["concepts"][0]) >= {"id", "label", "status", "evidence", "feedback"}
    assert record["essay"]["id"] == "01-andi-kuat-lengkap"


def test_points_add_up_and_trace_to_evidence(run):
    record = json.loads(run("check", STRONG, "--format", "json").stdout)
    total_weight = sum(c["weight"] for c in record["criteria"])
    assert record["score"] == pytest.approx(100 * sum(c["points"] for c in record["criteria"]) / total_weight, abs=0.05)
    for criterion in record["criteria"]:
        credits = [{"found": 1, "partial": 0.5, "missing": 0}[c["status"]] for c in criterion["concepts"]]
        assert criterion["score"] == pytest.approx(sum(credits) / len(credits), abs=1e-4)
        assert criterion["points"] == pytest.approx(criterion["score"] * criterion["weight"], abs=0.01)
        for c in criterion["concepts"]:
            assert (c["status"] == "missing") == (not c["evidence"])


def test_same_input_same_output(run):
    first = run("check", STRONG, "--format", "json").stdout
    assert run("check", STRONG, "--format", "json").stdout == first


def test_unreadable_inputs_get_error_records_and_exit_1(run, tmp_path):
    empty = tmp_path / "kosong.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    binary = tmp_path / "gambar.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Kerja sama internasional adalah hubungan dua negara atau lebih. Café".encode("cp1252"))
    docx = tmp_path / "esai.docx"
    docx.write_bytes(b"PK\x03\x04")
    result = run("check", STRONG, tmp_path / "hilang.txt", empty, binary, latin, docx, tmp_path, "--format", "json")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [r["error"] and r["error"]["code"] for r in records] == [
        None, "not-found", "empty", "binary", None, "corrupt", "not-a-file",
    ]
    assert records[0]["score"] > 0
    assert records[4]["criteria"][0]["concepts"][0]["status"] == "found"  # Windows-1252 text was read
    assert "5 tidak dapat dibaca" in result.stderr
    assert "Traceback" not in result.output


def test_inputs_are_never_modified(run, tmp_path):
    essay = tmp_path / "esai.txt"
    shutil.copy(STRONG, essay)
    before = (essay.read_bytes(), essay.stat().st_mtime_ns)
    run("check", essay)
    assert (essay.read_bytes(), essay.stat().st_mtime_ns) == before


def test_bad_rubric_exits_2_with_positions(run, tmp_path):
    rubric = tmp_path / "rubrik.yaml"
    rubric.write_text(BUILTIN_RUBRIC_FILE.read_text(encoding="utf-8").replace("weight: 30", "wieght: 30"), encoding="utf-8")
    result = run("check", STRONG, "-r", rubric)
    assert result.exit_code == 2
    assert f"{rubric}:" in result.stderr and "mungkin maksud Anda 'weight'?" in result.stderr
    assert "Traceback" not in result.output


def test_rubric_validate(run, tmp_path):
    ok = run("rubric", "validate", BUILTIN_RUBRIC_FILE)
    assert ok.exit_code == 0 and "rubrik sah" in ok.output and "14 konsep" in ok.output
    missing = run("rubric", "validate", tmp_path / "tidak-ada.yaml", "--lang", "en")
    assert missing.exit_code == 2 and "rubric file not found" in missing.stderr


def test_internal_errors_show_no_traceback_without_debug(run, monkeypatch):
    import rubrika.api

    def boom(*args, **kwargs):
        raise RuntimeError("rusak")

    monkeypatch.setattr(rubrika.api.Checker, "check_file_with_text", boom)
    result = run("check", STRONG)
    assert result.exit_code == 3
    assert "RuntimeError: rusak" in result.stderr and "--debug" in result.stderr
    assert "Traceback" not in result.output
    with pytest.raises(RuntimeError):
        run("check", STRONG, "--debug")


def test_console_script_from_another_folder_finds_the_builtin_rubric(tmp_path):
    """The installed package carries its rubric: run it where the repository is not."""
    exe = shutil.which("rubrika", path=os.path.dirname(sys.executable)) or shutil.which("rubrika")
    assert exe, "the rubrika console script is not installed"
    essay = tmp_path / "draf.txt"
    shutil.copy(STRONG, essay)
    result = subprocess.run([exe, "check", essay.name, "--format", "json"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rubric"]["id"] == "kerja-sama-internasional"
    module = subprocess.run([sys.executable, "-m", "rubrika", "--help"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert module.returncode == 0 and "rubrika" in module.stdout.lower()
