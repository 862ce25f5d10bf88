"""Attacks through rubric files: a careless or hostile rubric author (see cases.py for the row format)."""

from __future__ import annotations

import pytest

from cases import Case, check, pattern_rubric, rubric_file, rubric_text


def alias_bomb() -> str:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for name, prev in zip("bcdefghi", "abcdefgh"):
        bomb += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
    return bomb


CASES = [
    # 10: placeholders with a format spec or conversion, refused at load with file:line:col
    Case("10.1-format-spec", rubric_file(rubric_text(level="Poinmu {points:.1f}.")), 2,
         says=("rubrik.yaml:13:", "{points:.1f}", "format")),
    Case("10.2-conversion", rubric_file(rubric_text(concept="Bahas {label!r}.")), 2,
         says=("rubrik.yaml:19:", "{label!r}")),
    Case("10.3-nested-spec", rubric_file(rubric_text(concept="Bahas {label:{label}}.")), 2,
         says=("rubrik.yaml:19:", "{label:{label}}")),
    Case("10.4-huge-width", rubric_file(rubric_text(level="{title:>1500000000}"), "check", "-r", "{rubric}",
                                        "esai.txt"), 2, says=("rubrik.yaml:13:", "{title:>1500000000}"),
         seconds=30, memory_mb=1500),
    Case("10.5-int-spec-on-text", rubric_file(rubric_text(level="Skor {score:d}"), "check", "-r", "{rubric}",
                                              "esai.txt"), 2, says=("rubrik.yaml:13:", "{score:d}")),
    # already held
    Case("held.1-yaml-alias-bomb", rubric_file(alias_bomb), 2, says=("rubrik.yaml:1:1", "simpul"),
         seconds=30, memory_mb=1500),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rubric_attack(case, tmp_path):
    check(case, tmp_path)
