"""The command line speaks Indonesian by default: help, Click's usage errors, YAML messages."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import ROOT
from rubrika.cli import lang as cli_lang
from rubrika.cli.main import main

FIXTURES = ROOT / "tests" / "fixtures" / "rubrics"
COMMANDS = [[], ["check"], ["grade"], ["schema"], ["rubric"], ["rubric", "validate"], ["rubric", "schema"],
            ["rubric", "init"], ["rubric", "show"], ["rubric", "test"], ["rubric", "explain"],
            ["rubric", "fingerprint"], ["rubric", "export"]]


def run(args, env=None):
    return CliRunner().invoke(main, args, env=env or {"RUBRIKA_LANG": ""}, catch_exceptions=False)


def test_every_help_text_has_an_indonesian_translation():
    missing = [english for _, english in cli_lang.help_texts(main) if english not in cli_lang.catalogue("id")]
    assert not missing, missing
    assert len(list(cli_lang.help_texts(main))) > 40


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "rubrika")
def test_help_is_indonesian_by_default_and_english_on_request(command):
    english_texts = [english for _, english in cli_lang.help_texts(main)]
    indonesian = run([*command, "--help"])
    assert indonesian.exit_code == 0
    out = indonesian.output
    assert out.startswith("Cara pakai: ") and "Opsi:" in out and "Tampilkan pesan ini lalu keluar." in out
    assert "Usage:" not in out and "Show this message" not in out
    assert not [e for e in english_texts if e.split("\n")[0] in out and e not in cli_lang.catalogue("id").values()]
    has_lang = any(p.name == "lang" for p in main.make_context("rubrika", [*command, "--help"],
                                                               resilient_parsing=True).command.params) if command else False
    runs = [run([*command, "--help"], {"RUBRIKA_LANG": "en"})]
    if has_lang:
        runs.append(run([*command, "--help", "--lang", "en"]))
    for english in runs:
        assert english.output.startswith("Usage: ") and "Show this message and exit." in english.output


def test_click_usage_errors_are_indonesian(tmp_path):
    missing = run(["check"])
    assert missing.exit_code == 2 and "Kesalahan: Kurang argumen 'FILES...'." in missing.stderr
    assert "Coba 'main check --help' untuk bantuan." in missing.stderr and "Cara pakai: main check" in missing.stderr
    absent = run(["grade", str(tmp_path / "tidak-ada")])
    assert absent.exit_code == 2 and "Jalur '" in absent.stderr and "' tidak ada." in absent.stderr
    choice = run(["check", "x.txt", "--format", "xml"])
    assert "'xml' bukan salah satu dari 'text', 'json'." in choice.stderr
    unknown = run(["grad"])
    assert "Tidak ada perintah 'grad'." in unknown.stderr and "Mungkin maksud Anda 'grade'?" in unknown.stderr
    english = run(["check", "--lang", "en"])
    assert "Error: Missing argument 'FILES...'." in english.stderr
    again = run(["check"])  # the language is chosen per run, never left over from the last one
    assert "Kurang argumen" in again.stderr
    on_paths = run(["rubric", "init", "x.yaml", "--from", str(tmp_path / "tidak.yaml")])
    assert "Berkas '" in on_paths.stderr and "tidak ada" in on_paths.stderr


def test_yaml_parser_messages_are_indonesian():
    for name, words in (("yaml-syntax.yaml", "tidak menemukan ',' atau ']'"), ("tabs.yaml", "ada karakter tab"),
                        ("indentation.yaml", "titik dua ':' tidak boleh ada di sini")):
        result = run(["rubric", "validate", str(FIXTURES / name)])
        assert result.exit_code == 2 and f"YAML tidak sah: {words}" in result.stderr, result.stderr
        english = run(["rubric", "validate", str(FIXTURES / name), "--lang", "en"])
        assert "invalid YAML: " in english.stderr and words not in english.stderr


def test_explain_labels_are_indonesian():
    essay = ROOT / "sample_essays" / "kerja-sama-internasional" / "01-andi-kuat-lengkap.txt"
    out = run(["rubric", "explain", "builtin", str(essay), "--concept", "perdamaian"]).output
    assert "dicoba (istilah):" in out and "✓ definisi:" in out and "(terms)" not in out


@pytest.mark.parametrize("argv,env,lang", [
    (["check", "a.txt"], {}, "id"), (["--lang", "en", "check"], {}, "en"), (["check", "--lang=en"], {}, "en"),
    (["check"], {"RUBRIKA_LANG": "en"}, "en"), (["check", "--lang", "id"], {"RUBRIKA_LANG": "en"}, "id"),
    (["check", "--lang", "fr"], {}, "id"), (["check", "--", "--lang", "en"], {}, "id"),
])
def test_language_is_read_from_the_command_line_before_parsing(argv, env, lang):
    assert cli_lang.language_from(argv, env) == lang


def test_rubric_validate_without_a_file_checks_the_builtin_rubric():
    result = run(["rubric", "validate"])
    assert result.exit_code == 0 and result.output.startswith("builtin: rubrik sah")


def test_check_on_a_folder_points_to_grade(tmp_path):
    result = run(["check", str(tmp_path)])
    assert result.exit_code == 1 and f"rubrika grade {tmp_path}" in result.output
