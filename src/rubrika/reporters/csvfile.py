"""Rows of the gradebook CSV: one per essay, one column per criterion, then
``advisories`` (every code), ``warnings`` (the codes that question the score) and ``error``.

UTF-8 with a byte-order mark and CRLF line ends, so Excel opens the names correctly;
Google Sheets, Moodle and Google Classroom read the same file. Cells that a
spreadsheet would run as a formula (starting with = + - @) are quoted with a ``'``.
"""

from __future__ import annotations

from rubrika.reporters.present import student_name, warnings

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """A value as a gradebook cell: empty for None, a float without trailing zeros, and text
    that a spreadsheet would run as a formula quoted with a ``'`` (``rubric export`` uses it too)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def header(criteria_ids: list[str]) -> list[str]:
    return ["student", "student_id", "file", "score", "max_score", "grade", *criteria_ids, "advisories", "warnings", "error"]


def row(record: dict, criteria_ids: list[str]) -> list[str]:
    points = {c["id"]: c["points"] for c in record["criteria"]}
    return [cell(v) for v in (
        student_name(record), (record["essay"].get("student") or {}).get("id"), record["essay"]["path"],
        record["score"], 100.0, record["grade"],
        *(points.get(cid) for cid in criteria_ids),
        " ".join(a["code"] for a in record["advisories"]),
        " ".join(a["code"] for a in warnings(record)),
        record["error"]["message"] if record["error"] else None,
    )]
