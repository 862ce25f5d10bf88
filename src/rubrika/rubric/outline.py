"""A rubric's plain outline: what reporters may know of a rubric, as JSON-ready data.

Reporters never see the rubric model: they get result records and this outline
(criteria with their concepts and labels, grade bands), in one language. It is the
same data a program gets from ``rubrika rubric show --format json``-like tools, so
reports can be rendered and tested from recorded JSON alone.
"""

from __future__ import annotations

from typing import Any

from rubrika.messages import t
from rubrika.rubric.model import ConceptsCriterion, ReferencesCriterion, Rubric, localize

REFERENCE_CHECKS = (("bagian-referensi", "section"), ("jumlah-entri", "entries"), ("sitasi-dalam-teks", "citations"))


def reference_labels(criterion: ReferencesCriterion, lang: str) -> list[tuple[str, str]]:
    """(id, label) of the checks a references criterion makes, in record order."""
    out = []
    for cid, key in REFERENCE_CHECKS:
        if key == "citations" and not criterion.citations:
            continue
        label = (localize(criterion.checks.labels[key], lang) if key in criterion.checks.labels
                 else t(f"references.{key}", lang, min=criterion.min_entries))
        out.append((cid, label))
    return out


def outline(rubric: Rubric, sha256: str, lang: str = "id") -> dict[str, Any]:
    criteria = []
    for criterion in rubric.criteria:
        if isinstance(criterion, ConceptsCriterion):
            concepts = [(k.id, localize(k.label, lang)) for k in criterion.concepts]
        else:
            concepts = reference_labels(criterion, lang)
        criteria.append({"id": criterion.id, "title": localize(criterion.title, lang), "weight": criterion.weight,
                         "concepts": [{"id": cid, "label": label} for cid, label in concepts]})
    return {
        "id": rubric.id,
        "version": rubric.version,
        "sha256": sha256,
        "title": localize(rubric.title, lang),
        "lang": lang,
        "criteria": criteria,
        "grades": [{"grade": b.grade, "min": b.min, "label": localize(b.label, lang) if b.label else ""}
                   for b in rubric.grades],
    }
