"""``rubric show``: a rubric as a teacher reads it: criteria, weights, levels, concepts and terms."""

from __future__ import annotations

import json

from rubrika.messages import t
from rubrika.rubric.model import ReferencesCriterion, Rubric, localize


def show(rubric: Rubric, lang: str = "id") -> str:
    lines = [f"{localize(rubric.title, lang)}", f"id {rubric.id} · {t('html.version', lang)} {rubric.version}"
             f" · {t('authoring.total_weight', lang)} {rubric.total_weight:g}", ""]
    lines.append(t("authoring.grades", lang) + ": " + ", ".join(f"{b.grade} ≥ {b.min:g}" for b in rubric.grades))
    if rubric.length.min_words or rubric.length.max_words:
        lines.append(t("authoring.length", lang, min=rubric.length.min_words, max=rubric.length.max_words or "-"))
    for criterion in rubric.criteria:
        lines += ["", f"[{criterion.id}] {localize(criterion.title, lang)} — {t('authoring.weight', lang)} "
                  f"{criterion.weight:g} ({criterion.kind})"]
        lines.append("  " + t("authoring.levels", lang) + ": " +
                     ", ".join(f"{localize(lv.label, lang)} ≥ {lv.min:g}" for lv in criterion.levels))
        if isinstance(criterion, ReferencesCriterion):
            lines.append(f"  {t('authoring.headings', lang)}: " + ", ".join(criterion.headings))
            cited = t("authoring.yes" if criterion.citations else "authoring.no", lang)
            lines.append(f"  {t('authoring.min_entries', lang)}: {criterion.min_entries}; "
                         f"{t('authoring.citations', lang)}: {cited}")
            continue
        for concept in criterion.concepts:
            flags = []
            if concept.define:
                flags.append(t("authoring.flag_define", lang))
            if concept.groups:
                flags.append(t("authoring.flag_groups", lang, together=t(f"authoring.unit.{concept.together}", lang)))
            lines.append(f"  - {concept.id}: {localize(concept.label, lang)}" + (f" [{'; '.join(flags)}]" if flags else ""))
            if concept.terms:
                lines.append(f"      {t('authoring.terms', lang)}: " + ", ".join(concept.terms))
            for pattern in concept.patterns:
                lines.append(f"      pattern: {json.dumps(pattern, ensure_ascii=False)}")
            for group in concept.groups:
                marks = [t("authoring.group_partial", lang)] if group.partial else []
                marks += [t("authoring.group_context", lang)] if group.context else []
                mark = f" ({'; '.join(marks)})" if marks else ""
                words = list(group.terms) + [t("authoring.group_class", lang, name=name) for name in group.classes]
                lines.append(f"      {group.name}{mark}: " + ", ".join(words))
            for rule in concept.rules:
                unit = t(f"authoring.unit.{rule.within or concept.together}", lang)
                sure = f", {t('authoring.rule_low', lang)}" if rule.confidence == "low" else ""
                sure += f", {t('authoring.rule_order', lang)}" if rule.order else ""
                sure += f", {t('authoring.rule_unless', lang, groups=' + '.join(rule.unless))}" if rule.unless else ""
                lines.append(f"      {t('authoring.rule', lang)}: {t('status.' + rule.status, lang)} = "
                             f"{' + '.join(rule.groups)} ({unit}{sure})")
    return "\n".join(lines)
