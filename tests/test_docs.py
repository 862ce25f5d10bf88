"""The teachers' guide tells the truth: its worked example fails, then passes, as it says."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from conftest import ROOT
from rubrika.cli.main import main

GUIDES = {"id": ROOT / "docs" / "rubric-format.md", "en": ROOT / "docs" / "rubric-format.en.md"}


def blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, re.S)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_worked_example(lang, tmp_path, monkeypatch):
    guide = GUIDES[lang].read_text(encoding="utf-8")
    before, marker, after = guide.partition("<!-- final-rubric")
    assert marker, "the guide marks its final rubric with <!-- final-rubric -->"
    first, final = blocks(before, "yaml")[-1], blocks(after, "yaml")[0]  # the example's first and last rubric
    monkeypatch.chdir(tmp_path)
    (tmp_path / "keragaman.yaml").write_text(first, encoding="utf-8")
    broken = CliRunner().invoke(main, ["rubric", "validate", "keragaman.yaml", "--lang", lang])
    output_blocks = re.findall(r"```\n(keragaman\.yaml:.*?)```", guide, re.S)
    assert broken.exit_code == 2
    assert output_blocks and broken.stderr == output_blocks[0]  # the guide shows the real output
    (tmp_path / "keragaman.yaml").write_text(final, encoding="utf-8")
    assert CliRunner().invoke(main, ["rubric", "validate", "keragaman.yaml"]).exit_code == 0
    tested = CliRunner().invoke(main, ["rubric", "test", "keragaman.yaml", "--lang", lang])
    summary = {"id": "6 lulus, 0 gagal", "en": "6 passed, 0 failed"}[lang]
    assert tested.exit_code == 0 and tested.output.strip() == summary and summary in guide


def test_readme_negation_rules_name_exactly_the_data_file():

    from rubrika.nlp.language_data import raw

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("Negation rules"):readme.index("Known limits: negation")]
    items = re.split(r"\n- ", block)

    def words(item: str) -> set[str]:
        return {w for span in re.findall(r"`([^`]+)`", " ".join(item.split())) for w in span.split()}

    negation = raw()["negation"]
    negators, not_negation, conditions, breaks = items[1], items[2], items[3], items[4]
    assert words(negators) == set(negation["negators"]) | set(negation["negator_prefixes"])
    pairs = {" ".join(p) for p in negation["not_negation_pairs"]}
    assert set(re.findall(r"`([^`]+)`", " ".join(not_negation.split()))) == (
        {" ".join(negation["not_negation_next"])} | pairs)
    assert words(conditions) == set(negation["conditionals"])
    assert words(breaks) == set(negation["clause_breaks"])
    assert "three words" in negators and negation["window"] == 3
