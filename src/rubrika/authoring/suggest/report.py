"""What ``rubric suggest`` prints: the text report a teacher reads, and the JSON record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rubrika.authoring.suggest.labels import Labels
from rubrika.authoring.suggest.learn import MAX_CANDIDATES_SHOWN, MIN_NEGATIVES, Candidate, Risky, Suggestions
from rubrika.messages import t
from rubrika.messages.numbers import format_number
from rubrika.rubric.model import Concept, localize

if TYPE_CHECKING:  # write imports share from here
    from rubrika.authoring.suggest.write import WriteSummary

THRESHOLD_DECIMALS = 6  # a threshold as the teacher typed it, or a median of scores


def share(value: float | None, lang: str) -> str:
    """A precision, recall or F1, always with two decimals (they are read down a column)."""
    return "-" if value is None else format_number(value, lang, 2, fixed=True)


def _rule_text(labels: Labels, lang: str) -> str:
    rule = labels.rule
    if rule["kind"] == "concept":
        return t("suggest.rule_concepts", lang)
    if rule["kind"] == "corrections":
        return t("suggest.rule_corrections", lang, corrected=rule["corrected"], reviewed=rule["reviewed"])
    if rule["kind"] == "binary":
        return t("suggest.rule_binary", lang)
    return t("suggest.rule_score", lang, threshold=format_number(rule["threshold"], lang, THRESHOLD_DECIMALS),
             how=t("suggest.rule_" + rule["by"], lang))


def _shown(s: Suggestions, cid: str) -> list[Candidate]:
    """The best candidates, and every selected one below them."""
    found = s.candidates.get(cid, [])
    return found[:MAX_CANDIDATES_SHOWN] + [c for c in found[MAX_CANDIDATES_SHOWN:] if c.selected]


def report_text(s: Suggestions, labels_file: str, lang: str = "id") -> str:
    rubric = s.rubric
    all_pos = sum(1 for v in s.labels.values.values() if any(v.values()))
    lines = [t("suggest.header", lang, id=rubric.id, version=rubric.version, essays=len(s.facts),
               file=labels_file, rule=_rule_text(s.labels, lang))]
    if s.labels.kind == "essay":
        e = s.before["essay"]
        lines.append(t("suggest.essay_level", lang, positive=all_pos, negative=len(s.facts) - all_pos,
                       precision=share(e["precision"], lang), recall=share(e["recall"], lang),
                       f1=share(e["f1"], lang)))
    lines.append(t("suggest.legend", lang, precision=share(s.min_precision, lang), support=s.min_support))
    for criterion, concept in rubric.concepts():
        lines += ["", *_concept_lines(s, criterion.id, concept, lang)]
    if s.unassigned:
        terms = ", ".join(c.text for c in s.unassigned[:MAX_CANDIDATES_SHOWN])
        lines += ["", t("suggest.unassigned", lang, terms=terms)]
    return "\n".join(lines) + "\n"


def _concept_lines(s: Suggestions, criterion_id: str, concept: Concept, lang: str) -> list[str]:
    cid = concept.id
    ev = s.before["concepts"].get(cid, {})
    lines = [t("suggest.concept", lang, criterion=criterion_id, concept=cid, label=localize(concept.label, lang),
               positive=len(s.positives(cid)), negative=len(s.negatives(cid)),
               precision=share(ev.get("precision"), lang), recall=share(ev.get("recall"), lang),
               f1=share(ev.get("f1"), lang))]
    if cid in s.thin:
        positive, negative = s.thin[cid]
        lines.append("  " + t("suggest.thin", lang, positive=positive, negative=negative, min=s.min_labelled,
                              negatives=MIN_NEGATIVES, support=s.min_support))
    lines.append("  " + t("suggest.terms_header", lang))
    for row in s.term_stats[cid]:
        if row.get("class") and not (row["positive"] or row["negative"]):
            continue  # a word of a class the group names, never matched: the list stays short
        name = row["term"] if row["role"] == "term" else f"{row['role'].split(':', 1)[1]}: {row['term']}"
        if row.get("class"):
            name += f" ({t('suggest.class_word', lang, name=row['class'])})"
        if row["pattern"]:
            name = "pattern " + name
        lines.append("    " + t("suggest.term_line", lang, term=name, pos=row["positive"], neg=row["negative"],
                                precision=share(row["precision"], lang), recall=share(row["recall"], lang)))
    lines.append("  " + t("suggest.candidates_header", lang))
    shown = _shown(s, cid)
    if not shown:
        lines.append("    " + t("suggest.none", lang))
    for c in shown:
        lines += _candidate_lines(c, lang)
    lines.append("  " + t("suggest.risky_header", lang))
    if not s.risky.get(cid):
        lines.append("    " + t("suggest.none", lang))
    lines += [_risky_line(r, lang) for r in s.risky.get(cid, [])]
    return lines


def _candidate_lines(c: Candidate, lang: str) -> list[str]:
    line = f"    {'+' if c.selected else '·'} " + t("suggest.candidate_line", lang, text=c.text, pos=c.pos, neg=c.neg,
                                                   precision=share(c.precision, lang), gain=c.gain, cost=c.cost)
    if c.assigned == "most-credited":
        line += " " + t("suggest.assigned_fallback", lang)
    return [line] + ["        " + t("suggest.example", lang, sentence=example) for example in c.examples]


def _risky_line(r: Risky, lang: str) -> str:
    return "    ! " + t("suggest.risky_line", lang, form=r.form, term=r.ref.text, kind=t("suggest.kind." + r.kind, lang),
                        pos=r.pos, neg=r.neg)


def report_json(s: Suggestions, labels_file: str) -> dict:
    concepts = []
    for criterion, concept in s.rubric.concepts():
        cid = concept.id
        concepts.append({
            "criterion": criterion.id, "id": cid, "positive": len(s.positives(cid)),
            "negative": len(s.negatives(cid)), "engine": s.before["concepts"].get(cid),
            "thin": cid in s.thin, "chance_level": s.chance_level.get(cid),
            "terms": [row for row in s.term_stats[cid] if not row.get("class") or row["positive"] or row["negative"]],
            "candidates": [c.record() for i, c in enumerate(s.candidates.get(cid, []))
                           if c.selected or i < MAX_CANDIDATES_SHOWN],
            "risky": [r.record() for r in s.risky.get(cid, [])],
        })
    out = {"rubric": {"id": s.rubric.id, "version": s.rubric.version}, "labels": {
        "file": labels_file, "kind": s.labels.kind, "rule": s.labels.rule, "essays": len(s.facts)},
        "min_precision": s.min_precision, "min_support": s.min_support, "min_labelled": s.min_labelled,
        "min_negatives": MIN_NEGATIVES, "max_chance": s.max_chance, "concepts": concepts,
        "unassigned": [c.record() for c in s.unassigned[:MAX_CANDIDATES_SHOWN]]}
    if "essay" in s.before:
        out["essay"] = s.before["essay"]
    return out


def written_json(summary: WriteSummary, path: str) -> dict:
    """The ``written`` part of the JSON record: the new rubric version and what changed."""
    return {"path": path, "version": summary.version,
            "added": [{"concept": c, "term": term} for c, term in summary.added],
            "held_back": [{"concept": c, "term": term} for c, term in summary.held_back]}


def written_text(summary: WriteSummary, path: str, lang: str = "id") -> str:
    """What the text report says after it: where the new version went, and what was held back."""
    text = "\n" + t("suggest.written", lang, path=path, version=summary.version, added=len(summary.added)) + "\n"
    if summary.held_back:
        text += t("suggest.held_back", lang, terms=", ".join(f"{c}: {term}" for c, term in summary.held_back)) + "\n"
    return text
