"""The typed result and its record: one serialisation, a generated schema, a faithful round trip."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import ROOT, SAMPLE_ROOT, SAMPLES
from rubrika.cli.main import main
from rubrika.result import EssayResult, result_schema

SCHEMA_FILE = ROOT / "rubrics" / "result.schema.json"


def test_schema_is_generated_from_the_types_shipped_and_printed():
    printed = CliRunner().invoke(main, ["schema", "result"])
    assert printed.exit_code == 0
    assert json.loads(printed.stdout) == result_schema() == json.loads(SCHEMA_FILE.read_text(encoding="utf-8")), (
        "rubrics/result.schema.json is stale: rubrika schema result > rubrics/result.schema.json")
    assert json.loads(CliRunner().invoke(main, ["schema", "rubric"]).stdout)["title"] == "Rubrika rubric"


@pytest.mark.parametrize("path", sorted(p for p in SAMPLE_ROOT.rglob("*") if p.suffix in (".txt", ".md")),
                         ids=lambda p: p.name)
def test_records_round_trip_through_the_types(checker, path):
    record = checker.check_file(path)
    assert EssayResult.from_record(record).to_record() == record
    assert json.loads(json.dumps(record)) == record


def test_schema_rejects_what_is_not_a_record(checker):
    validator = jsonschema.Draft202012Validator(result_schema())
    record = checker.check_file(SAMPLES / "01-andi-kuat-lengkap.txt")
    validator.validate(record)
    broken = json.loads(json.dumps(record))
    broken["criteria"][0]["concepts"][0]["status"] = "maybe"
    assert not validator.is_valid(broken)
    extra = json.loads(json.dumps(record))
    extra["essay"]["secret"] = 1
    assert not validator.is_valid(extra)
    missing = json.loads(json.dumps(record))
    del missing["criteria"][0]["concepts"][0]["credit"]
    assert not validator.is_valid(missing)


def test_the_suite_validates_every_record_it_makes(records_follow_their_schema, checker):
    before = records_follow_their_schema["records"]
    checker.check_text("Perdamaian adalah keadaan tanpa perang.")
    assert records_follow_their_schema["records"] == before + 1
