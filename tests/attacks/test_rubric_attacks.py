"""Attacks through rubric files: a careless or hostile rubric author (see cases.py for the row format)."""

from __future__ import annotations

import pytest

import csv
import io

from cases import ESSAY_ID, Case, check, pattern_rubric, rubric_file, rubric_text, with_essay

FORMULA = ("=", "+", "-", "@", "\t", "\r")


def no_formula_cells(text: str) -> None:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    assert len(rows) > 1
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA)], rows
    assert any(cell[:1] == "'" and cell[1:2] in "=+-@" for cell in cells), rows


def formula_rubric() -> str:
    return rubric_text(level="-2+3", concept="Bahas.", label='"+1"', title='"=HYPERLINK(\\"http://x.invalid\\")"',
                       criterion_title="\"@SUM(1+1)*cmd|' /C calc'!A0\"")


def near_limit_rubric() -> str:
    """A valid rubric a little under the 2 MB a rubric may hold (long comments)."""
    text = rubric_text()
    line = "# " + "catatan guru " * 10 + "\n"
    return text + line * ((1_990_000 - len(text)) // len(line))


def fingerprint_into(folder):
    rubric_file(near_limit_rubric)(folder)
    (folder / "artikel.txt").write_text(" ".join(f"kata{i}" for i in range(20_000)), encoding="utf-8")
    return ["rubric", "fingerprint", "artikel.txt", "--into", "rubrik.yaml"]


def unchanged_near_limit(folder, outcome) -> None:
    assert (folder / "rubrik.yaml").read_text(encoding="utf-8") == near_limit_rubric()


def formula_folder(folder):
    essays = folder / "tugas"
    essays.mkdir()
    (essays / "=HYPERLINK(1+1).txt").write_text(ESSAY_ID, encoding="utf-8")
    (essays / "@budi.txt").write_text(ESSAY_ID, encoding="utf-8")
    return ["grade", "tugas", "-o", "laporan", "-q"]


def alias_bomb() -> str:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for name, prev in zip("bcdefghi", "abcdefgh"):
        bomb += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
    return bomb


LONG_WORD = ESSAY_ID + " Kata ini " + "a" * 40 + " dan ini " + "ab" * 20 + "."
CHECK = ("check", "-r", "{rubric}", "esai.txt")


def regex_case(id_: str, regex: str, *says: str) -> Case:
    """A rubric whose only pattern is ``regex``, checked against an essay with a 40-letter word."""
    rubric = pattern_rubric("[{LOWER: {REGEX: '%s'}}]" % regex)
    return Case(id_, rubric_file(rubric, *CHECK, essay=LONG_WORD), 2, says=("rubrik.yaml:19:", "REGEX", *says),
                seconds=60, memory_mb=1500)


CASES = [
    # 11: every REGEX bounded at load (a safe subset of re), absurd OP repeats refused
    regex_case("11.1-regex-same-alternatives-repeated", "^(a|a)*b$", "macet"),
    regex_case("11.2-regex-counted-repeat-of-repeat", "^(a+){25}b$", "macet"),
    regex_case("11.3-regex-chain-of-stars", "^" + "a*" * 12 + "b$", "lambat"),
    regex_case("11.4-regex-dot-star-group", "(.*a){12}x", "macet"),
    regex_case("11.5-regex-unanchored-overlap", ".*.*.*x", "lambat"),
    regex_case("11.6-regex-huge-count", "a{99999999999}", "tidak sah"),
    regex_case("11.7-regex-backreference", "^(a+)\\1$", "rujukan balik"),
    Case("11.8-op-huge-repeat", rubric_file(pattern_rubric("[{LOWER: perdamaian, OP: '{99999999999}'}]"), *CHECK,
                                            essay=LONG_WORD), 2,
         says=("rubrik.yaml:19:", "OP '{99999999999}'"), seconds=60, memory_mb=1500),
    Case("11.9-regex-in-a-group-pattern", rubric_file(rubric_text(
        "groups:\n          - name: satu\n            terms: [perdamaian]\n"
        "          - name: dua\n            patterns: [[{LOWER: {REGEX: '(a|aa)*b'}}]]"), *CHECK, essay=LONG_WORD), 2,
         says=("rubrik.yaml:22:41", "REGEX '(a|aa)*b'"), seconds=60, memory_mb=1500),
    Case("11.10-safe-regex-still-matches", rubric_file(pattern_rubric("[{LOWER: {REGEX: '^perdamai\\w*$'}}]"),
                                                       *CHECK, essay=LONG_WORD), 0,
         says=("esai.txt", "Damai (ada)"), seconds=60),
    # 10: placeholders with a format spec or conversion, refused at load with file:line:col
    Case("10.1-format-spec", rubric_file(rubric_text(level="Poinmu {points:.1f}.")), 2,
         says=("rubrik.yaml:13:", "{points:.1f}", "format")),
    Case("10.2-conversion", rubric_file(rubric_text(concept="Bahas {label!r}.")), 2,
         says=("rubrik.yaml:19:", "{label!r}")),
    Case("10.3-nested-spec", rubric_file(rubric_text(concept="Bahas {label:{label}}.")), 2,
         says=("rubrik.yaml:19:", "{label:{label}}")),
    Case("10.4-huge-width", rubric_file(rubric_text(level="{title:>1500000000}"), "check", "-r", "{rubric}",
                                        "esai.txt"), 2, says=("rubrik.yaml:13:", "{title:>1500000000}"),
         seconds=60, memory_mb=1500),
    Case("10.5-int-spec-on-text", rubric_file(rubric_text(level="Skor {score:d}"), "check", "-r", "{rubric}",
                                              "esai.txt"), 2, says=("rubrik.yaml:13:", "{score:d}")),
    # 12: rubric files are read with a byte cap, and no command writes one too big to load
    Case("12.1-rubric-dev-zero", with_essay("check", "-r", "/dev/zero", "esai.txt"), 2,
         says=("/dev/zero:1:1", "bukan berkas biasa"), seconds=60, memory_mb=1500),  # a device: never read (22.15)
    Case("12.4-rubric-file-over-the-cap", rubric_file(lambda: near_limit_rubric() + "# " + "x" * 20_000 + "\n", *CHECK),
         2, says=("rubrik.yaml:1:1", "terlalu besar"), seconds=60, memory_mb=1500),
    Case("12.2-fingerprint-into-over-limit", fingerprint_into, 2, says=("rubrik.yaml:1:1", "terlalu besar"),
         then=unchanged_near_limit),
    Case("12.3-rubric-just-under-limit-loads", rubric_file(near_limit_rubric), 0, says=("rubrik sah",)),
    # 13: rubric export guards formula cells like grades.csv
    Case("13.1-export-canvas-formulas", rubric_file(formula_rubric, "rubric", "export", "{rubric}"), 0,
         says=("'=HYPERLINK", "'@SUM", "'+1", "'-2+3"), then=lambda folder, out: no_formula_cells(out.out)),
    Case("13.2-export-long-formulas", rubric_file(formula_rubric, "rubric", "export", "{rubric}", "--style", "long",
                                                  "-o", "rubrik.csv"), 0,
         then=lambda folder, out: no_formula_cells((folder / "rubrik.csv").read_text(encoding="utf-8-sig"))),
    # already held
    Case("held.2-grades-csv-formula-guard", formula_folder, 0,
         then=lambda folder, out: no_formula_cells((folder / "laporan" / "grades.csv").read_text(encoding="utf-8"))),
    Case("held.1-yaml-alias-bomb", rubric_file(alias_bomb), 2, says=("rubrik.yaml:1:1", "simpul"),
         seconds=60, memory_mb=1500),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rubric_attack(case, tmp_path):
    check(case, tmp_path)
