"""What the student page shows beside the record: the next steps and the grade's label.

Built from the result record alone (and the rubric's grade bands), so the page depends on
nothing of the engine but ``Checker`` and the record format.
"""

from __future__ import annotations

from rubrika.serve.messages import text

_CREDIT = {"found": 1.0, "partial": 0.5, "missing": 0.0}


def localized(value, lang: str) -> str:
    """A rubric text that is either one string or {lang: string}."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("id") or next(iter(value.values()), "")


def grade_labels(checker, lang: str) -> dict[str, str]:
    return {b.grade: localized(b.label, lang) for b in checker.rubric.grades if getattr(b, "label", None)}


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def next_steps(record: dict, lang: str, count: int = 3) -> list[dict]:
    """The concepts not yet found, the most points at stake first (as the report lists them)."""
    criteria = record.get("criteria") or []
    total_weight = sum(c["weight"] for c in criteria) or 1.0
    steps = []
    for criterion in criteria:
        concepts = criterion["concepts"]
        for concept in concepts:
            if concept["status"] == "found":
                continue
            credit = concept.get("credit", _CREDIT.get(concept["status"], 0.0))
            at_stake = (1 - credit) * criterion["weight"] / len(concepts)
            steps.append((at_stake, criterion, concept))
    steps.sort(key=lambda s: -s[0])
    return [{"concept_id": concept["id"], "label": concept["label"], "criterion": criterion["title"],
             "gain": text("gain", lang, points=_num(round(at_stake * 100 / total_weight, 1)))}
            for at_stake, criterion, concept in steps[:count]]
