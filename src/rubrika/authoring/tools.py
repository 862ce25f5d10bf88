"""Tools for rubric authors: schema, scaffolding, a readable view, self-tests, explanations, export."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from importlib import resources

from rubrika.api import Checker
from rubrika.readers.essay import Essay
from rubrika.engine.scorer import defines
from rubrika.errors import Problem
from rubrika.messages.i18n import MESSAGES, t
from rubrika.rubric.loader import BUILTIN_NAME
from rubrika.rubric.model import ConceptsCriterion, ReferencesCriterion, Rubric, localize

SCHEMA_FILE = "rubric.schema.json"
SCHEMA_COMMENT = f"# yaml-language-server: $schema={SCHEMA_FILE}"
STATUS_OF_EXAMPLE = {"match": "found", "partial": "partial", "no_match": "missing"}


def schema() -> dict:
    """The JSON Schema of a rubric file, generated from the model (the one source of truth)."""
    body = Rubric.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://rubrika.invalid/" + SCHEMA_FILE,
        **body,
        "title": "Rubrika rubric",
        "description": "A rubric for rubrika (rubrika rubric validate FILE checks one).",
    }


def schema_text() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def builtin_text() -> str:
    return (resources.files("rubrika.rubrics") / BUILTIN_NAME).read_text(encoding="utf-8")


_SECTIONS = {"definitions": "init.section.definitions", "opportunities": "init.section.opportunities",
             "obstacles": "init.section.obstacles", "IPS perspective": "init.section.ips",
             "references": "init.section.references"}
_SECTION_LINE = re.compile(r"^(\s*# -+ )(.+?)\s*$")


def builtin_copy(lang: str = "id") -> str:
    """The built-in rubric as ``rubric init`` writes it: its comments in ``lang``."""
    lines = builtin_text().splitlines()
    start = 1 if lines and lines[0].startswith(SCHEMA_COMMENT) else 0
    end = start
    while end < len(lines) and lines[end].startswith("#"):
        end += 1
    body = []
    for line in lines[end:]:
        match = _SECTION_LINE.match(line)
        if match and match.group(2) in _SECTIONS:
            line = match.group(1) + t(_SECTIONS[match.group(2)], lang)
        body.append(line)
    return "\n".join([SCHEMA_COMMENT, t("init.header", lang), *body]) + "\n"


def evidence_kind(kind: str, lang: str) -> str:
    """An evidence kind (term, definition, group:<name>, ...) as ``rubric explain`` shows it."""
    if kind.startswith("group:"):
        return t("explain.kind.group", lang, name=kind.split(":", 1)[1])
    key = f"explain.kind.{kind}"
    return t(key, lang) if key in MESSAGES else kind


# --- self-tests ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ExampleResult:
    criterion: str
    concept: str
    kind: str  # match | partial | no_match
    index: int
    sentence: str
    expected: str
    got: str

    @property
    def ok(self) -> bool:
        return self.expected == self.got


def run_examples(checker: Checker) -> list[ExampleResult]:
    """Check every example sentence of every concept on its own."""
    results = []
    for criterion in checker.rubric.criteria:
        if not isinstance(criterion, ConceptsCriterion):
            continue
        for concept in criterion.concepts:
            for kind, expected in STATUS_OF_EXAMPLE.items():
                for i, sentence in enumerate(getattr(concept.examples, kind)):
                    result = checker.check(Essay(text=sentence)).result
                    crit = next(c for c in result.criteria if c.id == criterion.id)
                    got = next(k.status for k in crit.concepts if k.id == concept.id)
                    results.append(ExampleResult(criterion.id, concept.id, kind, i, sentence, expected, got))
    return results


def example_problems(checker: Checker, lang: str = "id") -> list[Problem]:
    """Failing examples as positioned problems, for ``rubric validate``."""
    positions = getattr(checker.rubric, "_positions", None)
    problems = []
    index = {(c.id, k.id): (ci, ki) for ci, c in enumerate(checker.rubric.criteria)
             for ki, k in enumerate(getattr(c, "concepts", []))}
    for r in run_examples(checker):
        if r.ok:
            continue
        ci, ki = index[(r.criterion, r.concept)]
        args = {"concept": r.concept, "expected": t(f"status.{r.expected}", lang), "got": t(f"status.{r.got}", lang),
                "sentence": r.sentence}
        path = ("criteria", ci, "concepts", ki, "examples", r.kind, r.index)
        if positions is not None:
            problems.append(positions.problem(path, "rubric.example_failed", args=args))
        else:
            problems.append(Problem("<rubric>", 1, 1, "rubric.example_failed", args))
    return problems


# --- a readable view ---------------------------------------------------------------------------


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
            lines.append(f"  {t('authoring.min_entries', lang)}: {criterion.min_entries}; "
                         f"{t('authoring.citations', lang)}: {'ya' if criterion.citations else 'tidak'}")
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
                mark = " (" + t("authoring.group_partial", lang) + ")" if group.partial else ""
                lines.append(f"      {group.name}{mark}: " + ", ".join(group.terms))
    return "\n".join(lines)


# --- explain ----------------------------------------------------------------------------------


def explain(checker: Checker, text: str, concept_id: str | None = None, lang: str = "id") -> str:
    """Why each concept got the status ``check`` gives it, step by step: the terms tried and
    their word forms, each match (typo repairs and words-apart matches named), the
    definition check, weak evidence, a demotion and its reason, and close sentences."""
    checked = checker.check(Essay(text=text), lang, trace=True)  # the very status check gives, and its matches
    statuses = {k.id: k for c in checked.result.criteria for k in c.concepts}
    analysis, matches = checked.trace.analysis, checked.trace.matches
    compiled = checker.compiled
    found_by: dict[tuple[str, str], list[tuple[int, int, bool]]] = {}
    for label, start, end in checked.trace.body_matches():
        target = compiled.targets[label]
        found_by.setdefault((target.criterion, target.concept), []).append((start, end, target.near))
    nlp = checker.compiled.nlp
    doc = analysis.doc
    lines = []
    found_any = False
    for criterion in checker.rubric.criteria:
        if not isinstance(criterion, ConceptsCriterion):
            continue
        for concept in criterion.concepts:
            if concept_id and concept.id != concept_id:
                continue
            found_any = True
            outcome = statuses[concept.id]
            head = f"{criterion.id}/{concept.id} — {localize(concept.label, lang)}: {t('status.' + outcome.status, lang)}"
            if outcome.reason:
                head += f" ({t('reason.' + outcome.reason, lang)})"
            lines.append(head)
            groups = [(t("authoring.terms", lang), concept.terms)] + [(g.name, g.terms) for g in concept.groups]
            for name, terms in groups:
                if not terms:
                    continue
                forms = []
                for term in terms:
                    tokens = [tok for tok in nlp(term) if not tok.is_punct]
                    norm = " ".join(tok.norm_ for tok in tokens)
                    forms.append(term if norm == term.lower() else f"{term} → {norm}")
                lines.append(f"  {t('authoring.tried', lang, name=name)}: " + "; ".join(forms))
            spans = sorted(set(found_by.get((criterion.id, concept.id), [])))
            exact = {(s, e) for s, e, near in spans if not near}
            shown: dict[str, int] = {}
            for start, end, near in spans:
                if near and (start, end) in exact:
                    continue
                steps = [f"“{doc[start:end].text}”", f"→ {' '.join(tok.norm_ for tok in doc[start:end])}"]
                steps += [t("authoring.repaired", lang, word=w, term=r) for i, (w, r) in matches.repairs.items()
                          if start <= i < end]
                if near:
                    steps.append(t("authoring.words_apart", lang))
                step = " ".join(steps)
                shown[step] = shown.get(step, 0) + 1
            for step, count in shown.items():
                lines.append(f"  {t('authoring.match', lang)}: {step}" + (f" (×{count})" if count > 1 else ""))
            for (start, end), (other_criterion, other) in sorted(getattr(
                    matches.hits.get((criterion.id, concept.id)), "inside", {}).items()):
                lines.append(f"  ✗ “{doc[start:end].text}” — " + t(
                    "authoring.inside_term", lang, term=next(
                        doc[s:e].text for s, e in matches.hits[(other_criterion, other)].terms if s <= start and end <= e),
                    concept=f"{other_criterion}/{other}"))
            if concept.define:
                hits = matches.hits.get((criterion.id, concept.id))
                defining = [sp for sp in (hits.terms if hits else []) if defines(analysis, sp, matches.cues, hits.terms)]
                lines.append("  " + (t("authoring.defined", lang) if defining else t("authoring.not_defined", lang)))
            for e in outcome.evidence:
                weak = f" — {t('authoring.weak.' + e.weak, lang)}" if e.weak else ""
                lines.append(f"  ✓ {evidence_kind(e.kind, lang)}: “{' '.join(e.text.split())}” "
                             f"({t('authoring.at', lang)} {e.start}-{e.end}){weak}")
            for e in outcome.stuffed or ():
                lines.append(f"  ✗ {evidence_kind(e.kind, lang)}: “{' '.join(e.text.split())}” — {t('reason.stuffing', lang)}")
            if outcome.status != "found":
                if outcome.near is not None:
                    lines.append("  " + t("authoring.close", lang) + ":")
                    words = checker.compiled.words.get((criterion.id, concept.id), frozenset())
                    shared = sorted({tok.norm_ for tok in nlp(outcome.near.text)} & words)
                    lines.append(f"    - “{' '.join(outcome.near.text.split())}”" + (f" ({', '.join(shared)})" if shared else ""))
                else:
                    lines.append("  " + t("authoring.nothing_close", lang))
                lines.append(f"  {t('authoring.feedback', lang)}: {outcome.feedback}")
            lines.append("")
    if concept_id and not found_any:
        raise KeyError(concept_id)
    return "\n".join(lines).rstrip() + "\n"


# --- source fingerprints -----------------------------------------------------------------------


def fingerprint_block(text: str, title: str) -> tuple[str, str]:
    """A ``sources:`` list item with the hashes of ``text``, and the key line that opens the list."""
    from rubrika.engine.fingerprint import encode, source_hashes

    hashes = encode(source_hashes(text)).split()
    lines = [" ".join(hashes[i:i + 10]) for i in range(0, len(hashes), 10)]
    title_yaml = json.dumps(title, ensure_ascii=False)
    item = f"  - title: {title_yaml}\n    hashes: >-\n" + "".join(f"      {line}\n" for line in lines)
    return item, "sources:\n"


# --- LMS export -------------------------------------------------------------------------------


def export_csv(rubric: Rubric, style: str = "canvas", lang: str = "id") -> str:
    """The rubric as criteria x levels x points, for an LMS.

    ``canvas``: one row per criterion with (rating name, description, points) repeated,
    the layout of Canvas's rubric import; ``long``: one row per criterion and level, to
    copy into Moodle's rubric editor or any spreadsheet. Cells a spreadsheet would run as
    a formula (``=``, ``+``, ``-``, ``@`` ...) are prefixed with ``'``, as in grades.csv.
    """
    from rubrika.reporters.csvfile import _cell as safe_cell  # the gradebook's formula guard

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def writerow(cells: list[str]) -> None:  # a rubric is someone else's text too: no cell runs as a formula
        writer.writerow([safe_cell(c) for c in cells])

    title = localize(rubric.title, lang)
    width = max(len(c.levels) for c in rubric.criteria)
    if style == "canvas":
        header = ["Rubric Name", "Criteria Name", "Criteria Description", "Criteria Enable Range"]
        for _ in range(width):
            header += ["Rating Name", "Rating Description", "Rating Points"]
        writerow(header)
        for c in rubric.criteria:
            row = [title, localize(c.title, lang), localize(c.description, lang), "false"]
            # a rating's points are the top of its band, so the best rating is the full weight
            # and a full Rubrika score can be entered (Canvas ranges run down to the next rating)
            tops = [1.0] + [level.min for level in c.levels[:-1]]
            for level, top in zip(c.levels, tops):
                row += [localize(level.label, lang), localize(level.feedback, lang), f"{round(top * c.weight, 2):g}"]
            writerow(row)
    else:
        writerow(["criterion_id", "criterion", "description", "max_points", "level", "min_score",
                  "points", "feedback"])
        for c in rubric.criteria:
            for level in c.levels:
                writerow([c.id, localize(c.title, lang), localize(c.description, lang), f"{c.weight:g}",
                          localize(level.label, lang), f"{level.min:g}", f"{level.min * c.weight:g}",
                          localize(level.feedback, lang)])
    return "\ufeff" + out.getvalue()
