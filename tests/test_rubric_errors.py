"""Every kind of rubric mistake gets a message naming file:line:col, all in one run."""

from __future__ import annotations

import textwrap

import pytest

from rubrika.errors import RubricError
from rubrika.rubric import load_rubric, load_rubric_text

GOOD = textwrap.dedent(
    """\
    id: mini
    title: Rubrik mini
    version: 1
    grades:
      - {min: 50, grade: Lulus}
      - {min: 0, grade: Belum}
    criteria:
      - id: inti
        kind: concepts
        title: Inti
        weight: 10
        levels:
          - {min: 0.5, label: Baik, feedback: Bagus.}
          - {min: 0, label: Kurang, feedback: Tambahkan.}
        concepts:
          - id: damai
            label: Damai
            terms: [perdamaian]
            feedback: {missing: Bahas perdamaian.}
    """
)


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


def test_yaml_syntax_error_has_position():
    found, text = problems(edit("    title: Inti\n", "    title: [Inti\n"))
    assert len(found) == 1
    assert found[0].key == "rubric.yaml"
    assert text.startswith("mini.yaml:10:12: invalid YAML: did not find expected")  # at the unclosed [


def test_tab_indentation_is_named():
    found, text = problems(edit("    weight: 10\n", "    weight: 10\n\tlevels: []\n"))
    assert "tab character" in text
    assert found[0].line == 12


def test_misspelt_key_suggests_the_right_one():
    found, text = problems(edit("    weight: 10", "    wieght: 10"))
    assert "mini.yaml:11:5: unknown key 'wieght' (did you mean 'weight'?)" in text
    assert "allowed: id, title, weight" in text
    assert "mini.yaml:8:5: required key 'weight' is missing" in text


def test_weight_as_text():
    found, text = problems(edit("weight: 10", "weight: sepuluh"))
    assert "mini.yaml:11:13: 'weight' must be a number, not 'sepuluh'" in text


def test_negative_weight():
    _, text = problems(edit("weight: 10", "weight: -5"))
    assert "mini.yaml:11:13: 'weight' must be > 0, not -5" in text


def test_duplicate_concept_id_points_at_the_second():
    dup = GOOD + "      - id: damai\n        label: Lagi\n        terms: [damai]\n        feedback: {missing: x}\n"
    _, text = problems(dup)
    assert "mini.yaml:20:13: id 'damai' is already used on line 16" in text


def test_duplicate_yaml_key():
    _, text = problems(edit("    title: Inti\n", "    title: Inti\n    title: Lagi\n"))
    assert "mini.yaml:11:5: key 'title' appears twice" in text


def test_levels_out_of_order():
    _, text = problems(edit("- {min: 0.5, label: Baik", "- {min: 0, label: Baik").replace(
        "- {min: 0, label: Kurang", "- {min: 0.5, label: Kurang"))
    assert "mini.yaml:14:15: levels must go from the highest 'min' to the lowest; 0.5 is not below 0.0" in text
    assert "the last level must have 'min: 0'" in text


def test_level_threshold_out_of_range():
    _, text = problems(edit("{min: 0.5, label: Baik", "{min: 50, label: Baik"))
    assert "mini.yaml:13:15: 'min' must be <= 1, not 50" in text


def test_grade_bands_need_a_floor():
    _, text = problems(edit("  - {min: 0, grade: Belum}\n", ""))
    assert "mini.yaml:5:11: the last grade band must have 'min: 0'" in text


def test_empty_term_list():
    _, text = problems(edit("terms: [perdamaian]", "terms: []"))
    assert "mini.yaml:18:16: concept 'damai' has no terms, patterns or groups: nothing can match" in text


def test_term_that_can_never_match():
    _, text = problems(edit("terms: [perdamaian]", "terms: [perdamaian, '...']"))
    assert "mini.yaml:18:29: term '...' can never match: it holds only punctuation or spaces" in text


def test_pattern_with_capitals_in_lower_can_never_match():
    _, text = problems(edit("terms: [perdamaian]", "patterns: [[{LOWER: PBB}]]"))
    assert "mini.yaml:18:20: token pattern can never match: LOWER: 'PBB' has capitals" in text


def test_invalid_pattern_reports_spacy_reason():
    _, text = problems(edit("terms: [perdamaian]", "patterns: [[{LOWERCASE: pbb}]]"))
    assert "mini.yaml:18:20: invalid token pattern:" in text
    assert "LOWERCASE" in text


def test_unknown_kind_suggests():
    _, text = problems(edit("kind: concepts", "kind: concept"))
    assert "mini.yaml:9:11: 'kind' must be one of: concepts, references; not 'concept' (did you mean 'concepts'?)" in text


def test_text_in_unknown_language():
    _, text = problems(edit("label: Damai", "label: {id: Damai, fr: Paix}"))
    assert "mini.yaml:17:28: unknown language 'fr'" in text
    assert "allowed: id, en" in text


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
