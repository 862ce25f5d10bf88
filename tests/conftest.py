"""Shared fixtures: one Checker for the built-in rubric per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_essays"
BUILTIN_RUBRIC_FILE = ROOT / "rubrics" / "kerja-sama-internasional.yaml"


@pytest.fixture(scope="session")
def checker():
    from rubrika.api import Checker

    return Checker()


@pytest.fixture(scope="session")
def nlp():
    from rubrika.nlp.pipeline import get_nlp

    return get_nlp()
