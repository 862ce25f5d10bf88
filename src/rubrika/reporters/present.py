"""Presentation helpers every reporter shares: names, numbers, statuses, next steps.

Reporters read result records (dicts) and the rubric outline only.
"""

from __future__ import annotations

from rubrika.i18n import t
from rubrika.numbers import format_number

SYMBOL = {"found": "✓", "partial": "~", "missing": "✗"}
MAX_NEXT_STEPS = 3


def number(value: float | None, lang: str = "id") -> str:
    """A score or points for people: one decimal at most, no trailing zero, in the
    language's notation (EYD V: "8,3"); "–" for none."""
    if value is None:
        return "–"
    return format_number(value, lang)


def student_name(record: dict) -> str:
    return (record["essay"].get("student") or {}).get("name") or record["essay"]["id"]


def grade_labels(outline: dict | None) -> dict[str, str]:
    return {b["grade"]: b["label"] for b in (outline or {}).get("grades", []) if b["label"]}


def record_weight(record: dict) -> float:
    return sum(c["weight"] for c in record["criteria"]) or 1.0


def next_steps(record: dict, lang: str, limit: int = MAX_NEXT_STEPS) -> list[dict]:
    """Concepts not yet found, the most points at stake first: what to do next."""
    steps = []
    for criterion in record["criteria"]:
        concepts = criterion["concepts"]
        for concept in concepts:
            if concept["status"] != "found":
                at_stake = (1 - concept["credit"]) * criterion["weight"] / len(concepts)
                steps.append((at_stake, criterion, concept))
    steps.sort(key=lambda s: -s[0])
    weight = record_weight(record)
    return [{"concept_id": concept["id"], "label": concept["label"], "criterion": criterion["title"],
             "feedback": concept["feedback"],
             "gain": t("report.gain", lang, points=number(round(at_stake * 100 / weight, 1), lang))}
            for at_stake, criterion, concept in steps[:limit]]
