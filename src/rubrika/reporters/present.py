"""Presentation helpers every reporter shares: names, numbers, statuses, next steps.

Reporters read result records (dicts) and the rubric outline only.
"""

from __future__ import annotations

import re

from rubrika.messages import t
from rubrika.messages.numbers import format_number

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


def warnings(record: dict) -> list[dict]:
    """Advisories that question the score itself (copying, off topic, language, stuffing, similar essays)."""
    return [a for a in record["advisories"] if a["severity"] == "warning"]


def notes(record: dict) -> list[dict]:
    """Advisories a teacher may glance at: length, a little English, negation."""
    return [a for a in record["advisories"] if a["severity"] != "warning"]


_HYPHEN_BREAK = re.compile(r"(\w+)-[ \t]*\r?\n[ \t]*(?=([a-z]\w*))")


def _join(match: re.Match) -> str:
    before, after = match.group(1), match.group(2)
    # "nilai-\nnilai" is a reduplicated word: keep its hyphen; "Perdamai-\nan" is one word cut in two
    return f"{before}-" if after.lower().startswith(before.lower()[:3]) else before


def quote(text: str) -> str:
    """Essay words as a one-line quotation: a word hyphenated across a line break joined
    ("Perdamai-\nan" -> "Perdamaian"; "nilai-\nnilai" keeps its hyphen), white space made one space."""
    return " ".join(_HYPHEN_BREAK.sub(_join, text).split())


def cut(text: str, limit: int) -> str:
    """``text`` on one line, at most ``limit`` characters, cut at a word boundary with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit + 1]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else text[:limit]).rstrip(" ,;:.") + " …"


def _advisory_step(label: str, feedback: str = "") -> dict:
    return {"concept_id": None, "label": label, "criterion": "", "feedback": feedback, "gain": ""}


def next_steps(record: dict, lang: str, limit: int = MAX_NEXT_STEPS, topic: str | None = None) -> list[dict]:
    """What to do next. Concepts not yet found, the most points at stake first; but an essay
    off the topic or not in Indonesian first needs to be written on the topic, in Indonesian
    (then concept fixes are beside the point), and stuffed or copied text needs rewriting first.
    ``topic`` is the assignment's topic (the rubric's title), when the reporter knows it."""
    codes = {a["code"] for a in warnings(record)}
    if "wrong-language" in codes:
        return [_advisory_step(t("next.indonesian", lang))]
    if "off-topic" in codes:
        label = t("next.on_topic", lang, topic=topic) if topic else t("next.on_topic_any", lang)
        return [_advisory_step(label, t("next.on_topic_feedback", lang))]
    first = []
    if "keyword-stuffing" in codes:
        first.append(_advisory_step(t("next.full_sentences", lang)))
    if "copied-source" in codes:
        first.append(_advisory_step(t("next.own_words", lang)))
    return first + _concept_steps(record, lang, limit - len(first))


def _concept_steps(record: dict, lang: str, limit: int) -> list[dict]:
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
