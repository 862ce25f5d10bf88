"""Result records as terminal text: per-criterion summary and what to do next."""

from __future__ import annotations

from rubrika.i18n import t

SYMBOL = {"found": "✓", "partial": "~", "missing": "✗"}
MAX_NEXT_STEPS = 3


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def next_steps(record: dict) -> list[tuple[float, dict, dict]]:
    """Concepts not yet found, the most points at stake first."""
    steps = []
    for criterion in record["criteria"]:
        concepts = criterion["concepts"]
        for concept in concepts:
            if concept["status"] != "found":
                at_stake = (1 - concept["credit"]) * criterion["weight"] / len(concepts)
                steps.append((at_stake, criterion, concept))
    steps.sort(key=lambda s: -s[0])
    return steps


def record_weight(record: dict) -> float:
    return sum(c["weight"] for c in record["criteria"]) or 1.0


def render(record: dict, lang: str = "id") -> str:
    essay = record["essay"]
    name = essay["path"] or essay["id"]
    if record["error"]:
        return f"{name}: {t('report.error', lang)}: {record['error']['message']}"
    lines = [
        f"{name} — {t('report.total', lang)} {_fmt(record['score'])}/100 · {t('report.grade', lang)} {record['grade']}",
        f"  {t('report.words', lang, words=essay['words'], sentences=essay['sentences'])} · "
        f"{t('report.rubric', lang)} {record['rubric']['id']} {record['rubric']['version']}",
    ]
    for advisory in record["advisories"]:
        lines.append(f"  ! {advisory['message']}")
    for criterion in record["criteria"]:
        lines.append("")
        lines.append(f"{criterion['title']}: {_fmt(criterion['points'])}/{_fmt(criterion['weight'])} — {criterion['level']}")
        lines.append(f"  {criterion['feedback']}")
        for concept in criterion["concepts"]:
            status = t(f"status.{concept['status']}", lang)
            lines.append(f"  {SYMBOL[concept['status']]} {concept['label']} ({status})")
            if concept["status"] != "found" and concept["feedback"]:
                lines.append(f"      → {concept['feedback']}")
            if concept.get("terms"):
                lines.append(f"      {t('report.terms', lang)}: {', '.join(concept['terms'])}")
    steps = next_steps(record)
    lines.append("")
    if steps:
        lines.append(f"{t('report.next', lang)}:")
        for i, (at_stake, criterion, concept) in enumerate(steps[:MAX_NEXT_STEPS], 1):
            gain = t("report.gain", lang, points=_fmt(round(at_stake * 100 / record_weight(record), 1)))
            lines.append(f"  {i}. {concept['label']} ({criterion['title']}) {gain}")
    else:
        lines.append(t("report.all_done", lang))
    return "\n".join(lines)
