"""The draft written out: a commented YAML rubric (every generated part says where in the article
it came from; what the teacher should look at is marked ``# PERIKSA``), or the same rubric as
JSON, and the summary the command prints."""

from __future__ import annotations

import json

from rubrika.authoring.draft.build import Draft, DraftConcept, DraftCriterion
from rubrika.authoring.fingerprint import source_item
from rubrika.authoring.scaffold import SCHEMA_COMMENT
from rubrika.messages import t
from rubrika.rubric.edit import block_item, scalar

MARK = "PERIKSA"
VERSION = "0.1.0"


def _q(text: str) -> str:
    """A YAML scalar: plain when safe, else JSON-quoted (YAML reads JSON strings)."""
    return scalar(text)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


def rubric_data(draft: Draft) -> dict:
    """The draft as the data of a rubric file (what ``--format json`` prints)."""
    from rubrika.engine.fingerprint import encode, source_hashes

    criteria = []
    for c in draft.criteria:
        entry: dict = {"id": c.id, "kind": "references" if c.references else "concepts", "weight": c.weight,
                       "title": c.title, "description": c.description, "levels": c.levels}
        if c.references:
            entry.update(c.references)
        else:
            entry["concepts"] = [_concept_data(k) for k in c.concepts]
        criteria.append(entry)
    data: dict = {"id": draft.id, "title": draft.title, "language": "id", "version": VERSION,
            "description": t("draft.description.rubric", "id", title=draft.article_title or draft.title)}
    if draft.article_title:
        data["source"] = {"title": draft.article_title}
    data.update({"length": draft.length, "grades": draft.grades, "criteria": criteria,
                 "sources": [{"title": draft.article_title or draft.file,
                              "hashes": encode(source_hashes(draft.fingerprint_text))}]})
    return data


def _concept_data(k: DraftConcept) -> dict:
    out: dict = {"id": k.id, "label": k.label}
    if k.define:
        out["define"] = True
    if k.terms:
        out["terms"] = k.terms
    if k.groups:
        out["together"] = k.together
        out["groups"] = [{"name": g.name, "label": g.label, **({"partial": True} if g.partial else {}), "terms": g.terms,
                          **({"classes": g.classes} if g.classes else {})}
                         for g in k.groups]
    out["feedback"] = dict(k.feedback)
    examples = {kind: list(v) for kind, v in k.examples.items() if v}
    if examples:
        out["examples"] = examples
    return out


def to_json(draft: Draft) -> str:
    return json.dumps(rubric_data(draft), ensure_ascii=False, indent=2) + "\n"


def _comment(lines: list[str], text: str, indent: str) -> None:
    lines.append(f"{indent}# {text}")


def _doubt_lines(lines: list[str], doubts: list[str], indent: str) -> None:
    for key in doubts:
        lines.append(f"{indent}# {MARK}: {t(key, 'id')}")


def to_yaml(draft: Draft) -> str:
    """The draft as a commented rubric file."""
    data = rubric_data(draft)
    lines = [SCHEMA_COMMENT]
    for line in t("draft.header", "id", title=draft.article_title or draft.file, file=draft.file, mark=MARK).split("\n"):
        lines.append(f"# {line}".rstrip())
    if draft.left_out:
        ranges = ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in draft.left_out)
        lines.append("# " + t("draft.comment.left_out", "id", lines=ranges))
    _doubt_lines(lines, draft.doubts, "")
    lines.append("")
    lines.append(f"id: {_q(data['id'])}")
    lines.append(f"title: {_q(data['title'])}  # {MARK}: {t('draft.comment.title', 'id')}")
    lines.append("language: id")
    lines.append(f"version: {json.dumps(VERSION)}")
    lines.append(f"description: {_q(data['description'])}  # {MARK}: {t('draft.comment.description', 'id')}")
    if "source" in data:
        lines.append("source:")
        lines.append(f"  title: {_q(data['source']['title'])}")
    lines.append(f"length: {{min_words: {draft.length.get('min_words', 0)}"
                 + (f", max_words: {draft.length['max_words']}}}" if draft.length.get("max_words") else "}")
                 + f"  # {t('draft.comment.conventions', 'id')}")
    lines.append(f"grades:  # {t('draft.comment.conventions', 'id')}")
    for band in draft.grades:
        label = band.get("label")
        label_text = ""
        if isinstance(label, dict):
            label_text = ", label: {" + ", ".join(f"{k}: {_q(v)}" for k, v in label.items()) + "}"
        elif label:
            label_text = f", label: {_q(label)}"
        lines.append(f"  - {{min: {band['min']:g}, grade: {_q(band['grade'])}{label_text}}}")
    lines.append("")
    lines.append("criteria:")
    for criterion, entry in zip(draft.criteria, data["criteria"]):
        _criterion_lines(lines, criterion, entry)
    lines.append("")
    lines.append("# " + t("draft.comment.sources", "id"))
    lines.append("sources:")
    item = source_item(draft.fingerprint_text, data["sources"][0]["title"])
    lines.append(block_item(item, "  ").rstrip("\n"))
    return "\n".join(lines) + "\n"


def _criterion_lines(lines: list[str], c: DraftCriterion, entry: dict) -> None:
    lines.append(f"  # {'-' * 66} {c.marker}")
    if c.where:
        _comment(lines, t("draft.comment.from", "id", where=c.where), "  ")
    _doubt_lines(lines, c.doubts, "  ")
    lines.append(f"  - id: {c.id}")
    lines.append(f"    kind: {entry['kind']}")
    lines.append(f"    weight: {c.weight}")
    lines.append(f"    title: {_q(c.title)}")
    lines.append(f"    description: {_q(c.description)}")
    if c.references:
        refs = c.references
        lines.append(f"    headings: {_flow(refs['headings'])}")
        lines.append(f"    min_entries: {refs['min_entries']}")
        lines.append(f"    citations: {'true' if refs['citations'] else 'false'}")
        lines.append("    checks:")
        for name, texts in refs["checks"].items():
            lines.append(f"      {name}:")
            for kind, text in texts.items():
                lines.append(f"        {kind}: {_q(text)}")
    lines.append("    levels:")
    for level in c.levels:
        lines.append(f"      - min: {level['min']:g}")
        lines.append(f"        label: {_q(level['label'])}")
        lines.append(f"        feedback: {_q(level['feedback'])}")
    if c.references:
        return
    lines.append("    concepts:")
    for concept in c.concepts:
        _concept_lines(lines, concept)


def _concept_lines(lines: list[str], k: DraftConcept) -> None:
    ind = "      "
    lines.append("")
    _comment(lines, t("draft.comment.from", "id", where=k.where), ind)
    _doubt_lines(lines, k.doubts, ind)
    lines.append(f"{ind}- id: {k.id}")
    ind += "  "
    lines.append(f"{ind}label: {_q(k.label)}")
    if k.define:
        lines.append(f"{ind}define: true")
    if k.terms:
        note = t("draft.comment.define_terms" if k.define else "draft.comment.key_terms", "id")
        lines.append(f"{ind}terms: {_flow(k.terms)}  # {note}")
    if k.groups:
        lines.append(f"{ind}together: {k.together}  # {t('draft.comment.together', 'id')}")
        lines.append(f"{ind}groups:")
        for group in k.groups:
            note = t(f"draft.comment.group_{group.name}", "id")
            lines.append(f"{ind}  - name: {group.name}  # {note}")
            lines.append(f"{ind}    label: {_q(group.label)}")
            if group.partial:
                lines.append(f"{ind}    partial: true  # {t('draft.comment.group_partial', 'id')}")
            lines.append(f"{ind}    terms: {_flow(group.terms)}")
            if group.classes:
                lines.append(f"{ind}    classes: {_flow(group.classes)}  # {t('draft.comment.group_classes', 'id')}")
    lines.append(f"{ind}feedback:")
    for kind, text in k.feedback.items():
        lines.append(f"{ind}  {kind}: {_q(text)}")
    examples = {kind: v for kind, v in k.examples.items() if v}
    if examples:
        lines.append(f"{ind}examples:  # {t('draft.comment.examples', 'id')}")
        for kind, sentences in examples.items():
            lines.append(f"{ind}  {kind}:")
            for sentence in sentences:
                lines.append(f"{ind}    - {_q(sentence)}")


def summary(draft: Draft, output: str | None, lang: str = "id") -> str:
    """What the command prints: what was drafted, and every mark the teacher should look at."""
    concepts = draft.concepts()
    out = [t("draft.summary.head", lang, file=draft.file, criteria=len(draft.criteria), concepts=len(concepts),
             defined=sum(k.define for k in concepts))]
    if output:
        out.append(t("draft.summary.written", lang, path=output))
    if draft.left_out:
        ranges = ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in draft.left_out)
        out.append(t("draft.summary.left_out", lang, lines=ranges))
    marks: list[str] = [f"  {t(key, lang)}" for key in draft.doubts]
    for criterion in draft.criteria:
        marks += [f"  {criterion.id}: {t(key, lang)}" for key in criterion.doubts]
        for k in criterion.concepts:
            marks += [f"  {criterion.id}/{k.id} ({k.where}): {t(key, lang)}" for key in k.doubts]
    for where, key in draft.skipped + draft.dropped:
        marks.append(f"  {where}: {t(key, lang)}")
    if marks:
        out.append(t("draft.summary.marks", lang, count=len(marks), mark=MARK))
        out += marks
    else:
        out.append(t("draft.summary.no_marks", lang))
    out.append(t("draft.summary.next", lang, path=output or "rubrik.yaml"))
    return "\n".join(out) + "\n"
