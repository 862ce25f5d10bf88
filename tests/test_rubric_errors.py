"""Rubric mistakes beyond the fixture files: all errors in one run, bombs, languages, files.

Each kind of mistake a teacher makes is a fixture (``tests/fixtures/rubrics/NAME.yaml`` with
the exact messages in ``NAME.expected``, run by ``test_authoring``); this module keeps what a
fixture file cannot say.
"""

from __future__ import annotations

import pytest

from conftest import mini_rubric
from rubrika.errors import RubricError
from rubrika.rubric import load_rubric, load_rubric_text

GOOD = mini_rubric()


def problems(text: str, lang: str = "en"):
    with pytest.raises(RubricError) as info:
        from rubrika.api import Checker

        Checker(load_rubric_text(text, "mini.yaml"))
    return info.value.problems, info.value.format(lang)


def edit(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


def test_good_rubric_loads():
    rubric = load_rubric_text(GOOD, "mini.yaml")
    assert rubric.version == "1"
    assert rubric.criteria[0].concepts[0].terms == ["perdamaian"]


def test_all_errors_reported_in_one_run():
    bad = edit("    weight: 10", "    wieght: 10").replace("terms: [perdamaian]", "terms: []").replace(
        "  - {min: 0, grade: Belum}\n", "")
    found, _ = problems(bad)
    keys = {p.key for p in found}
    assert {"rubric.unknown_key", "rubric.missing", "rubric.no_terms", "rubric.grades_floor"} <= keys
    assert [p.line for p in found] == sorted(p.line for p in found)


def test_alias_bomb_is_refused():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for name, prev in zip("bcdefgh", "abcdefg"):
        bomb += f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    found, text = problems(bomb)
    assert found[0].key == "rubric.too_big"


def test_not_a_mapping():
    found, _ = problems("- just\n- a list\n")
    assert found[0].key == "rubric.not_mapping"


def test_messages_are_indonesian_by_default():
    _, text = problems(edit("    weight: 10", "    wieght: 10"), lang="id")
    assert "kunci 'wieght' tidak dikenal (mungkin maksud Anda 'weight'?)" in text


def test_offending_line_is_shown_with_a_caret():
    _, text = problems(edit("weight: 10", "weight: sepuluh"))
    assert "   11 |     weight: sepuluh\n      |             ^" in text


def test_missing_and_undecodable_files(tmp_path):
    with pytest.raises(RubricError) as info:
        load_rubric(tmp_path / "tidak-ada.yaml")
    assert info.value.problems[0].key == "rubric.not_found"
    bad = tmp_path / "latin.yaml"
    bad.write_bytes(b"id: x\ntitle: caf\xe9\n")
    with pytest.raises(RubricError) as info:
        load_rubric(bad)
    assert (info.value.problems[0].line, info.value.problems[0].column) == (2, 11)
