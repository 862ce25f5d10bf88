"""Shared fixtures: one Checker for the built-in rubric per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ROOT = ROOT / "sample_essays"
SAMPLES = SAMPLE_ROOT / "kerja-sama-internasional"  # essays for the built-in rubric
BUILTIN_RUBRIC_FILE = ROOT / "rubrics" / "kerja-sama-internasional.yaml"


@pytest.fixture(scope="session")
def checker():
    from rubrika.api import Checker

    return Checker()


@pytest.fixture(scope="session")
def nlp():
    from rubrika.nlp.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session", autouse=True)
def records_follow_their_schema():
    """Every result record the test suite makes is validated against the shipped JSON Schema."""
    import json
    from importlib import resources

    import jsonschema

    from rubrika.result import EssayResult

    schema = json.loads((resources.files("rubrika.rubrics") / "result.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    original = EssayResult.to_record
    counted = {"records": 0}

    def validated(self):
        record = original(self)
        validator.validate(record)
        counted["records"] += 1
        return record

    EssayResult.to_record = validated
    yield counted
    EssayResult.to_record = original
