"""The view-model of one checked essay: what every door lays out, decided once.

The terminal text (``reporters.text``), the HTML report (``reporters.html``, which adds its
evidence quotations and the essay text) and the student page of ``rubrika serve`` (which
gets this dict from ``POST /api/feedback`` and only lays it out) all read ``essay_view``,
so they cannot disagree about

- which advisories are warnings (they question the score) and which are notes,
- each concept's status in words and the reason it was demoted,
- the next steps, and the grade's label,
- numbers, written here in the reader's language (EYD V: ``8,3``, ``1.200``),
- which stretches of the essay to highlight (``highlights``: character offsets, as in the record).

The dict is JSON as it stands. Reporters read result records and the rubric outline only.
"""

from __future__ import annotations

from rubrika.messages import t
from rubrika.reporters.present import SYMBOL, grade_labels, next_steps, notes, number, student_name, warnings


def essay_view(record: dict, lang: str, outline: dict | None = None) -> dict:
    """The view of ``record`` in ``lang``; ``outline`` (the rubric outline) names the grade's
    band and the assignment's topic in the next steps."""
    essay = record["essay"]
    return {
        "lang": lang,
        "student": student_name(record),
        "file": essay["path"] or essay["id"],
        "score": number(record["score"], lang),
        "grade": record["grade"] or "–",
        "grade_label": grade_labels(outline).get(record["grade"] or "", ""),
        "words": number(essay["words"], lang),
        "sentences": number(essay["sentences"], lang),
        "warnings": [_advisory(a, lang) for a in warnings(record)],
        "notes": [_advisory(a, lang) for a in notes(record)],
        "criteria": [_criterion(c, lang) for c in record["criteria"]],
        "next_steps": next_steps(record, lang, topic=(outline or {}).get("title")),
        "highlights": highlights(record),
        "rubric": record["rubric"],
        "error": record["error"]["message"] if record["error"] else None,
    }


def _advisory(advisory: dict, lang: str) -> dict:
    return {"code": advisory["code"], "label": t(f"advisory.label.{advisory['code']}", lang),
            "message": advisory["message"]}


def _criterion(criterion: dict, lang: str) -> dict:
    return {
        "id": criterion["id"], "title": criterion["title"], "level": criterion["level"],
        "points": number(criterion["points"], lang), "weight": number(criterion["weight"], lang),
        "feedback": criterion["feedback"],
        "concepts": [_concept(k, lang) for k in criterion["concepts"]],
    }


def _concept(concept: dict, lang: str) -> dict:
    status = concept["status"]
    return {
        "id": concept["id"], "label": concept["label"], "status": status, "symbol": SYMBOL[status],
        "status_text": t(f"status.{status}", lang),
        "reason": t(f"reason.{concept['reason']}", lang) if concept.get("reason") else "",
        "feedback": concept["feedback"] if status != "found" else "",  # what to add; nothing when found
        "terms": ", ".join(concept.get("terms", [])),
    }


def highlights(record: dict) -> list[dict]:
    """The essay's evidence as stretches that do not overlap, in order: ``{start, end,
    concepts}``, with the ids of every concept whose evidence covers the stretch (missing
    concepts have none). Offsets count characters (code points) of the essay as read."""
    hits: list[tuple[int, int, str]] = []
    for criterion in record["criteria"]:
        for concept in criterion["concepts"]:
            if concept["status"] != "missing":
                hits += [(ev["start"], ev["end"], concept["id"]) for ev in concept["evidence"] if ev["end"] > ev["start"]]
    points = sorted({p for start, end, _ in hits for p in (start, end)})
    out = []
    for a, b in zip(points, points[1:]):
        ids = list(dict.fromkeys(cid for start, end, cid in hits if start <= a and b <= end))
        if ids:
            out.append({"start": a, "end": b, "concepts": ids})
    return out
