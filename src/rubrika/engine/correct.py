"""The teacher's last word: a checked essay's result with a teacher's statuses applied.

A corrected concept takes the teacher's status and the rubric's feedback for that status (never
the engine's own wording, which may quote a sentence the teacher judged otherwise); it keeps the
engine's status (``engine_status``) and evidence beside it. Its criterion's score, points, level
and level feedback, and the essay's total and grade, are then computed by the scorer's own
functions (``criterion_result``, ``total_and_grade``), exactly as if the engine had given that
status. Every door applies corrections through ``correct``: ``rubrika grade`` (from
``OUTDIR/koreksi.csv``, see ``rubrika.batch.corrections``) and the teacher page of ``rubrika serve``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from rubrika.engine.scorer import concept_result, criterion_result, shown_terms, total_and_grade
from rubrika.result import ConceptResult, CriterionResult, EssayResult, TeacherStatus
from rubrika.rubric.model import ConceptFeedback, ConceptsCriterion, Rubric, Text
from rubrika.rubric.outline import REFERENCE_CHECKS, reference_labels


def concept_ids(rubric: Rubric) -> list[str]:
    """Every concept a teacher may correct, in rubric order: the concepts of concepts criteria
    and the checks of references criteria."""
    out: list[str] = []
    for criterion in rubric.criteria:
        if isinstance(criterion, ConceptsCriterion):
            out += [k.id for k in criterion.concepts]
        else:
            out += [cid for cid, _ in reference_labels(criterion, "id")]
    return out


def _wording(rubric: Rubric, criterion_id: str, concept_id: str, lang: str) -> tuple[Text, ConceptFeedback] | None:
    """The label and feedback the rubric gives the concept (or reference check)."""
    for criterion in rubric.criteria:
        if criterion.id != criterion_id:
            continue
        if isinstance(criterion, ConceptsCriterion):
            concept = next((k for k in criterion.concepts if k.id == concept_id), None)
            return (concept.label, concept.feedback) if concept is not None else None
        checks = dict(zip((cid for cid, _ in REFERENCE_CHECKS),
                          (criterion.checks.section, criterion.checks.entries, criterion.checks.citations)))
        labels = dict(reference_labels(criterion, lang))
        return (labels[concept_id], checks[concept_id]) if concept_id in checks and concept_id in labels else None
    return None


def _corrected(rubric: Rubric, criterion_id: str, engine: ConceptResult, word: TeacherStatus,
               lang: str) -> ConceptResult:
    if engine.corrected:
        raise ValueError(f"{engine.id}: already corrected; apply corrections to the engine's result")
    wording = _wording(rubric, criterion_id, engine.id, lang)
    if wording is None:
        raise ValueError(f"{criterion_id}/{engine.id}: not a concept of rubric {rubric.id}")
    label, feedback = wording
    concept = next((k for c, k in rubric.concepts() if c.id == criterion_id and k.id == engine.id), None)
    terms = shown_terms(concept) if concept is not None and rubric.report.show_terms and word.status != "found" \
        else None
    # The rubric's feedback for the teacher's status; the evidence stays (the teacher may have
    # judged it), the reason and the nearest sentence describe the engine's status and stay too.
    made = concept_result(engine.id, label, word.status, engine.evidence, feedback, lang)
    return replace(engine, status=word.status, feedback=made.feedback, terms=terms, confidence="high",
                   engine_status=engine.status, corrected=True, note=word.note or None,
                   show_note=word.show_note and bool(word.note))


def correct(result: EssayResult, rubric: Rubric, words: Mapping[str, TeacherStatus], lang: str = "id",
            reviewed: bool = False) -> EssayResult:
    """``result`` (the engine's: from a check or the cache, never a corrected one) with the
    teacher's statuses ``words`` (concept id -> status) applied and everything that depends on
    them recomputed; ``reviewed``: the teacher confirmed every status of the essay. Concepts the
    result does not hold are ignored (``rubrika.batch.corrections`` reports them as stale); an
    essay that could not be read is returned as it is."""
    if result.error is not None or (not words and not reviewed):
        return result
    criteria: list[CriterionResult] = []
    by_id = {c.id: c for c in rubric.criteria}
    for criterion in result.criteria:
        if not any(k.id in words for k in criterion.concepts) or criterion.id not in by_id:
            criteria.append(criterion)
            continue
        concepts = [_corrected(rubric, criterion.id, k, words[k.id], lang) if k.id in words else k
                    for k in criterion.concepts]
        criteria.append(criterion_result(by_id[criterion.id], concepts, lang))
    total, grade = total_and_grade(rubric, criteria)
    return replace(result, criteria=tuple(criteria), score=total, grade=grade, reviewed=reviewed or result.reviewed)


__all__ = ["concept_ids", "correct"]
