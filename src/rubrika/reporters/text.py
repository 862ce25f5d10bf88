"""Result records as terminal text: per-criterion summary and what to do next."""

from __future__ import annotations

from rubrika.i18n import t
from rubrika.reporters.present import SYMBOL, next_steps, notes, number, warnings


def render(record: dict, lang: str = "id") -> str:
    essay = record["essay"]
    name = essay["path"] or essay["id"]
    if record["error"]:
        return f"{name}: {t('report.error', lang)}: {record['error']['message']}"
    lines = [f"{name} — {t('report.total', lang)} {number(record['score'])}/100 · {t('report.grade', lang)} {record['grade']}"]
    for advisory in warnings(record):  # they question the score: right under it, loud
        lines.append(f"  !! {t('report.warning', lang)} ({advisory['code']}): {advisory['message']}")
    lines.append(f"  {t('report.words', lang, words=essay['words'], sentences=essay['sentences'])} · "
                 f"{t('report.rubric', lang)} {record['rubric']['id']} {record['rubric']['version']}")
    for advisory in notes(record):
        lines.append(f"  · {t('report.note', lang)}: {advisory['message']}")
    for criterion in record["criteria"]:
        lines.append("")
        lines.append(f"{criterion['title']}: {number(criterion['points'])}/{number(criterion['weight'])} — "
                     f"{criterion['level']}")
        lines.append(f"  {criterion['feedback']}")
        for concept in criterion["concepts"]:
            status = t(f"status.{concept['status']}", lang)
            lines.append(f"  {SYMBOL[concept['status']]} {concept['label']} ({status})")
            if concept["status"] != "found" and concept["feedback"]:
                lines.append(f"      → {concept['feedback']}")
            if concept.get("terms"):
                lines.append(f"      {t('report.terms', lang)}: {', '.join(concept['terms'])}")
    steps = next_steps(record, lang)
    lines.append("")
    if steps:
        lines.append(f"{t('report.next', lang)}:")
        for i, step in enumerate(steps, 1):
            where = f" ({step['criterion']}) {step['gain']}" if step["criterion"] else ""
            lines.append(f"  {i}. {step['label']}{where}")
            if not step["criterion"] and step["feedback"]:
                lines.append(f"      → {step['feedback']}")
    else:
        lines.append(t("report.all_done", lang))
    return "\n".join(lines)
