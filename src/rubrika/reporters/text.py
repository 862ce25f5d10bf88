"""Result records as terminal text: per-criterion summary and what to do next."""

from __future__ import annotations

from rubrika.messages import t
from rubrika.reporters.present import SYMBOL, next_steps, notes, number, warnings
from rubrika.terminal import printable


def render(record: dict, lang: str = "id") -> str:
    essay = record["essay"]
    name = printable(essay["path"] or essay["id"])
    if record["error"]:
        return f"{name}: {t('report.error', lang)}: {record['error']['message']}"
    lines = [f"{name} — {t('report.score_line', lang, score=number(record['score'], lang), grade=record['grade'])}"]
    for advisory in warnings(record):  # they question the score: right under it, loud
        lines.append(f"  !! {t('report.warning', lang)} ({advisory['code']}): {advisory['message']}")
    lines.append(f"  {t('report.words', lang, words=essay['words'], sentences=essay['sentences'])} · "
                 f"{t('report.rubric', lang)} {record['rubric']['id']} {record['rubric']['version']}")
    for advisory in notes(record):
        lines.append(f"  · {t('report.note', lang)}: {advisory['message']}")
    for criterion in record["criteria"]:
        lines.append("")
        lines.append(f"{criterion['title']}: {number(criterion['points'], lang)}/{number(criterion['weight'], lang)} — "
                     f"{criterion['level']}")
        lines.append(f"  {criterion['feedback']}")
        for concept in criterion["concepts"]:
            status = t(f"status.{concept['status']}", lang)
            if concept.get("reason"):
                status += f" — {t('reason.' + concept['reason'], lang)}"
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
            if step["criterion"]:
                lines.append(f"  {i}. {t('report.next_step', lang, **step)} {step['gain']}")
            else:  # a step for the whole essay (write on the topic, rewrite in your own words)
                lines.append(f"  {i}. {step['label']}")
                if step["feedback"]:
                    lines.append(f"      → {step['feedback']}")
    else:
        lines.append(t("report.all_done", lang))
    return "\n".join(lines)
