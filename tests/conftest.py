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
