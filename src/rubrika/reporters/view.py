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
from rubrika.messages.feedback import join_labels
from rubrika.reporters.present import SYMBOL, grade_labels, next_steps, notes, number, student_name, warnings

MAX_NAMED_STRENGTHS = 5  # more ideas found than this are counted, not listed


def essay_view(record: dict, lang: str, outline: dict | None = None) -> dict:
    """The view of ``record`` in ``lang``; ``outline`` (the rubric outline) names the grade's
    band and the assignment's topic in the next steps."""
    essay = record["essay"]
    steps = next_steps(record, lang, topic=(outline or {}).get("title"))
    criteria = [_criterion(c, lang) for c in record["criteria"]]
    in_steps = {step["concept_id"] for step in steps}
    for criterion in criteria:  # what is missing beyond the next steps is folded away (one click opens it)
        for concept in criterion["concepts"]:
            concept["folded"] = concept["status"] == "missing" and concept["id"] not in in_steps
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
        "criteria": criteria,
        "next_steps": steps,
        "level_scale": level_scale(outline, lang),
        "strengths": strengths(record, lang),
        "highlights": highlights(record),
        "rubric": record["rubric"],
        "error": record["error"]["message"] if record["error"] else None,
    }


def strengths(record: dict, lang: str) -> list[str]:
    """What the essay already does, said first (house style, rule 12): the ideas found, the
    ones begun, or, when none is, what was written."""
    if record["error"]:
        return []
    concepts = [k for c in record["criteria"] for k in c["concepts"]]
    found = [k["label"] for k in concepts if k["status"] == "found"]
    begun = [k["label"] for k in concepts if k["status"] == "partial"]
    out = []
    if len(found) > MAX_NAMED_STRENGTHS:
        out.append(t("report.strengths_many", lang, count=number(len(found), lang), total=number(len(concepts), lang)))
    elif found:
        out.append(t("report.strengths_found", lang, labels=join_labels(found, lang)))
    if begun:
        out.append(t("report.strengths_partial", lang, labels=join_labels(begun, lang)))
    if not out:
        out.append(t("report.strengths_none", lang, words=number(record["essay"]["words"], lang),
                     sentences=number(record["essay"]["sentences"], lang)))
    return out


def level_scale(outline: dict | None, lang: str) -> str:
    """The criteria's level names with their shares, stated once ("Sangat baik (90% ke atas),
    …, Perlu bimbingan (di bawah 30%)"), when every criterion uses the one scale; else ""."""
    scales = [tuple((lv["min"], lv["label"]) for lv in c.get("levels", ())) for c in (outline or {}).get("criteria", ())]
    if not scales or not scales[0] or any(scale != scales[0] for scale in scales):
        return ""
    bands, above = [], None
    for low, label in scales[0]:
        share = number(round(100 * low), lang)
        bands.append(t("report.level_from", lang, label=label, share=share) if low > 0
                     else t("report.level_below", lang, label=label, share=above or "0"))
        above = share
    return t("report.level_scale", lang, bands=", ".join(bands))


def _advisory(advisory: dict, lang: str) -> dict:
    """An advisory as the student reads it. The similar-essays advisory of the record names
    the classmate and tells the teacher to compare the two: the student reads only that a
    similar essay exists (the teacher's overview keeps the pair)."""
    message = advisory["message"]
    if advisory["code"] == "similar-essays":
        message = t("advisory.similar_student", lang, shared=number(len(advisory.get("spans") or ()) or 1, lang))
    return {"code": advisory["code"], "label": t(f"advisory.label.{advisory['code']}", lang), "message": message}


def _criterion(criterion: dict, lang: str) -> dict:
    return {
        "id": criterion["id"], "title": criterion["title"], "level": criterion["level"],
        "points": number(criterion["points"], lang), "weight": number(criterion["weight"], lang),
        "feedback": criterion["feedback"],
        "concepts": [_concept(k, lang) for k in criterion["concepts"]],
    }


def _concept(concept: dict, lang: str) -> dict:
    status = concept["status"]
    corrected = bool(concept.get("corrected"))
    return {
        "id": concept["id"], "label": concept["label"], "status": status, "symbol": SYMBOL[status],
        "status_text": t(f"status.{status}", lang),
        # why the engine gave less than its matches: about the engine's status, not the teacher's
        "reason": t(f"reason.{concept['reason']}", lang) if concept.get("reason") and not corrected else "",
        "feedback": concept["feedback"] if status != "found" else "",  # what to add; nothing when found
        "terms": ", ".join(concept.get("terms", [])),
        # the teacher's word (koreksi.csv): "dikoreksi guru", or "diperiksa guru" when the teacher
        # kept the engine's status; the note only when the teacher ticked it for the student
        "corrected": t("report.corrected" if concept.get("engine_status") != status else "report.confirmed", lang)
                     if corrected else "",
        "note": concept.get("note") or "" if corrected and concept.get("show_note") else "",
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
