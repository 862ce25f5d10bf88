"""Result records as terminal text: the shared view of the essay (``reporters.view``) laid out
as lines: per-criterion summary and what to do next."""

from __future__ import annotations

from rubrika.messages import t
from rubrika.reporters.view import essay_view
from rubrika.terminal import printable


def render(record: dict, lang: str = "id", outline: dict | None = None) -> str:
    """``outline`` (the rubric outline) names the assignment's topic in the next steps, as the
    HTML report and the page of ``rubrika serve`` do."""
    view = essay_view(record, lang, outline)
    name = printable(view["file"])
    if view["error"]:
        return f"{name}: {t('report.error', lang)}: {view['error']}"
    lines = [f"{name} — {t('report.score_line', lang, score=view['score'], grade=view['grade'])}"]
    for advisory in view["warnings"]:  # they question the score: right under it, loud
        lines.append(f"  !! {t('report.warning', lang)} ({advisory['code']}): {advisory['message']}")
    lines.append(f"  {t('report.words', lang, words=view['words'], sentences=view['sentences'])} · "
                 f"{t('report.rubric', lang)} {view['rubric']['id']} {view['rubric']['version']}")
    for advisory in view["notes"]:
        lines.append(f"  · {t('report.note', lang)}: {advisory['message']}")
    for criterion in view["criteria"]:
        lines.append("")
        lines.append(f"{criterion['title']}: {criterion['points']}/{criterion['weight']} — {criterion['level']}")
        lines.append(f"  {criterion['feedback']}")
        for concept in criterion["concepts"]:
            status = concept["status_text"] + (f" — {concept['reason']}" if concept["reason"] else "")
            lines.append(f"  {concept['symbol']} {concept['label']} ({status})")
            if concept["feedback"]:
                lines.append(f"      → {concept['feedback']}")
            if concept["terms"]:
                lines.append(f"      {t('report.terms', lang)}: {concept['terms']}")
    steps = view["next_steps"]
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
