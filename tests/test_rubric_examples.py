"""The built-in rubric tests itself: every concept's example sentences, checked alone."""

from __future__ import annotations

import pytest

import functools

from conftest import ROOT
from rubrika.api import Checker
from rubrika.rubric import load_rubric
from rubrika.rubric.model import ConceptsCriterion

RUBRIC = load_rubric()
SHIPPED = sorted((ROOT / "rubrics").glob("*.yaml"))
CASES = [
    (path.name, criterion.id, concept.id, expected, sentence)
    for path in SHIPPED
    for criterion in load_rubric(path).criteria
    if isinstance(criterion, ConceptsCriterion)
    for concept in criterion.concepts
    for expected, sentences in (("found", concept.examples.match), ("partial", concept.examples.partial),
                                ("missing", concept.examples.no_match))
    for sentence in sentences
]


@functools.cache
def _checker(name: str) -> Checker:
    return Checker(ROOT / "rubrics" / name)


def _status(checker, criterion_id: str, concept_id: str, sentence: str) -> str:
    record = checker.check_text(sentence)
    criterion = next(c for c in record["criteria"] if c["id"] == criterion_id)
    return next(c for c in criterion["concepts"] if c["id"] == concept_id)["status"]


@pytest.mark.parametrize("rubric,criterion_id,concept_id,expected,sentence", CASES,
                         ids=[f"{r[:10]}-{c}-{e}-{i}" for i, (r, _, c, e, _) in enumerate(CASES)])
def test_example(rubric, criterion_id, concept_id, expected, sentence):
    assert _status(_checker(rubric), criterion_id, concept_id, sentence) == expected


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_concept_has_examples_both_ways(path):
    for criterion in load_rubric(path).criteria:
        for concept in getattr(criterion, "concepts", []):
            assert concept.examples.match, f"{concept.id} has no must-match example"
            assert concept.examples.no_match, f"{concept.id} has no must-not-match example"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_partial_concept_shows_a_partial_example(path):
    for criterion in load_rubric(path).criteria:
        for concept in getattr(criterion, "concepts", []):
            can_be_partial = concept.define or any(g.partial for g in concept.groups)
            if can_be_partial:
                assert concept.examples.partial, f"{concept.id} can be partial but has no partial example"


def test_fixed_ids_of_design():
    ids = {c.id: [k.id for k in getattr(c, "concepts", [])] for c in RUBRIC.criteria}
    assert ids["definisi"] == ["kerja-sama-internasional", "multilateralisme", "perdamaian", "hak-asasi-manusia",
                               "demokrasi"]
    assert ids["peluang"] == ["saling-pengertian", "masalah-global", "nilai-universal"]
    assert ids["hambatan"] == ["kepentingan-nasional", "ketimpangan-kekuasaan", "kedaulatan-identitas"]
    assert "perspektif-ips" in ids and "referensi" in ids
    assert RUBRIC.total_weight == 100
