"""``rubric explain``: why each concept got the status ``check`` gives it, step by step, read
from the check's own trace (the analysis and the matches the result rests on)."""

from __future__ import annotations

from rubrika.api import Checker
from rubrika.engine.matcher import CompiledRubric, group_terms
from rubrika.engine.scorer import concept_status, defines
from rubrika.engine.trace import Trace
from rubrika.messages import has, t
from rubrika.messages.numbers import format_number
from rubrika.readers.essay import Essay
from rubrika.result import ConceptResult
from rubrika.rubric.model import Concept, localize


def evidence_kind(kind: str, lang: str) -> str:
    """An evidence kind (term, definition, group:<name>, ...) as ``rubric explain`` shows it."""
    if kind.startswith("group:"):
        return t("explain.kind.group", lang, name=kind.split(":", 1)[1])
    key = f"explain.kind.{kind}"
    return t(key, lang) if has(key) else kind


def explain(checker: Checker, text: str, concept_id: str | None = None, lang: str = "id") -> str:
    """Why each concept got the status ``check`` gives it, step by step: the terms tried and
    their word forms, each match (typo repairs and words-apart matches named), the
    definition check, weak evidence, a demotion and its reason, and close sentences."""
    checked = checker.check(Essay(text=text), lang, trace=True)  # the very status check gives, and its matches
    trace = checked.trace
    assert trace is not None  # asked for
    outcomes = {k.id: k for c in checked.result.criteria for k in c.concepts}
    found_by = _matches_by_concept(checker.compiled, trace)
    lines: list[str] = []
    found_any = False
    for criterion, concept in checker.rubric.concepts():
        if concept_id and concept.id != concept_id:
            continue
        found_any = True
        key = (criterion.id, concept.id)
        lines += _concept_lines(checker.compiled, trace, key, concept, outcomes[concept.id], found_by.get(key, []), lang)
        lines.append("")
    if concept_id and not found_any:
        raise KeyError(concept_id)
    return "\n".join(lines).rstrip() + "\n"


def _matches_by_concept(compiled: CompiledRubric, trace: Trace) -> dict[tuple[str, str], list[tuple[int, int, bool]]]:
    """The matcher's raw matches before the reference list, per (criterion, concept): (start, end, words apart)."""
    found_by: dict[tuple[str, str], list[tuple[int, int, bool]]] = {}
    for label, start, end in trace.body_matches():
        target = compiled.targets[label]
        found_by.setdefault((target.criterion, target.concept), []).append((start, end, target.near))
    return found_by


def _concept_lines(compiled: CompiledRubric, trace: Trace, key: tuple[str, str], concept: Concept,
                   outcome: ConceptResult, found: list[tuple[int, int, bool]], lang: str) -> list[str]:
    head = f"{key[0]}/{concept.id} — {localize(concept.label, lang)}: {t('status.' + outcome.status, lang)}"
    if outcome.reason:
        head += f" ({t('reason.' + outcome.reason, lang)})"
    lines = [head, *_tried_lines(compiled, concept, lang), *_match_lines(trace, found, lang),
             *_inside_lines(trace, key, lang)]
    if concept.define:
        lines.append("  " + (t("authoring.defined", lang) if _defined(trace, key) else t("authoring.not_defined", lang)))
    lines += _learned_lines(compiled, trace, key, concept, outcome, lang)
    lines += _evidence_lines(outcome, lang)
    if outcome.status != "found":
        lines += _close_lines(compiled, key, outcome, lang)
    return lines


def _tried_lines(compiled: CompiledRubric, concept: Concept, lang: str) -> list[str]:
    """The terms of the concept and of each group, with the word forms they are matched in."""
    lines = []
    groups = [(t("authoring.terms", lang), concept.terms)] + [
        (g.name, group_terms(compiled.rubric, g)) for g in concept.groups]
    for name, terms in groups:
        if not terms:
            continue
        forms = []
        for term in terms:
            tokens = [tok for tok in compiled.nlp(term) if not tok.is_punct]
            norm = " ".join(tok.norm_ for tok in tokens)
            forms.append(term if norm == term.lower() else f"{term} → {norm}")
        lines.append(f"  {t('authoring.tried', lang, name=name)}: " + "; ".join(forms))
    return lines


def _match_lines(trace: Trace, found: list[tuple[int, int, bool]], lang: str) -> list[str]:
    """Each distinct match: the words, their forms, typo repairs, words apart; repeats counted."""
    doc = trace.analysis.doc
    spans = sorted(set(found))
    exact = {(s, e) for s, e, near in spans if not near}
    shown: dict[str, int] = {}
    for start, end, near in spans:
        if near and (start, end) in exact:
            continue
        steps = [f"“{doc[start:end].text}”", f"→ {' '.join(tok.norm_ for tok in doc[start:end])}"]
        steps += [t("authoring.repaired", lang, word=w, term=r) for i, (w, r) in trace.matches.repairs.items()
                  if start <= i < end]
        if near:
            steps.append(t("authoring.words_apart", lang))
        step = " ".join(steps)
        shown[step] = shown.get(step, 0) + 1
    return [f"  {t('authoring.match', lang)}: {step}" + (f" (×{count})" if count > 1 else "")
            for step, count in shown.items()]


def _inside_lines(trace: Trace, key: tuple[str, str], lang: str) -> list[str]:
    """Group matches not counted because they are words of another concept's longer term."""
    doc = trace.analysis.doc
    hits = trace.matches.hits
    lines = []
    for (start, end), (other_criterion, other) in sorted(getattr(hits.get(key), "inside", {}).items()):
        other_hits = hits[(other_criterion, other)]
        spans = list(other_hits.terms) + [span for group in other_hits.groups.values() for span in group]
        term = next(doc[s:e].text for s, e in spans if s <= start and end <= e and e - s > end - start)
        lines.append(f"  ✗ “{doc[start:end].text}” — "
                     + t("authoring.inside_term", lang, term=term, concept=f"{other_criterion}/{other}"))
    return lines


def _defined(trace: Trace, key: tuple[str, str]) -> bool:
    hits = trace.matches.hits.get(key)
    terms = hits.terms if hits else []
    return any(defines(trace.analysis, span, trace.matches.cues, terms) for span in terms)


def _learned_lines(compiled: CompiledRubric, trace: Trace, key: tuple[str, str], concept: Concept,
                   outcome: ConceptResult, lang: str) -> list[str]:
    """For a concept the rules find missing: how the learned reading scored its best sentence
    (rubrika.engine.learned), and whether that earned the partial credit."""
    learned, hits = compiled.learned, trace.matches.hits.get(key)
    if learned is None or hits is None or concept.define or concept.id not in learned.concepts:
        return []
    if concept_status(concept, hits, trace.analysis, trace.matches.cues)[0] != "missing":
        return []
    best = learned.best(concept.id, hits.groups, concept.context_groups(), trace.analysis)
    if best is None:
        return []
    p, sentence, _ = best
    start, end = trace.analysis.sentence_span(trace.analysis.sentences[sentence][0])
    quote = " ".join(trace.analysis.original[start:end].split())
    text_score = learned.text_score(concept.id, trace.analysis)
    credited = outcome.status == "partial"
    if credited and p >= learned.threshold:
        key_name = "authoring.learned_credit"
    elif credited and text_score is not None and text_score >= learned.text_threshold:
        key_name = "authoring.learned_text_credit"
    else:
        key_name = "authoring.learned_below" if text_score is None else "authoring.learned_below_text"
    numbers = {"score": format_number(p, lang, 2), "threshold": format_number(learned.threshold, lang, 2),
               "text_score": format_number(text_score or 0.0, lang, 2),
               "text_threshold": format_number(learned.text_threshold, lang, 2)}
    return ["  " + t(key_name, lang, **numbers) + ":", f"    - “{quote}”"]


def _evidence_lines(outcome: ConceptResult, lang: str) -> list[str]:
    lines = []
    for e in outcome.evidence:
        weak = f" — {t('authoring.weak.' + e.weak, lang)}" if e.weak else ""
        lines.append(f"  ✓ {evidence_kind(e.kind, lang)}: “{' '.join(e.text.split())}” "
                     f"({t('authoring.at', lang)} {e.start}-{e.end}){weak}")
    for e in outcome.stuffed or ():
        lines.append(f"  ✗ {evidence_kind(e.kind, lang)}: “{' '.join(e.text.split())}” — {t('reason.stuffing', lang)}")
    return lines


def _close_lines(compiled: CompiledRubric, key: tuple[str, str], outcome: ConceptResult, lang: str) -> list[str]:
    """For a concept not found: the sentence that came closest (and the words it shares), and the feedback."""
    if outcome.near is not None:
        words = compiled.words.get(key, frozenset())
        shared = sorted({tok.norm_ for tok in compiled.nlp(outcome.near.text)} & words)
        lines = ["  " + t("authoring.close", lang) + ":",
                 f"    - “{' '.join(outcome.near.text.split())}”" + (f" ({', '.join(shared)})" if shared else "")]
    else:
        lines = ["  " + t("authoring.nothing_close", lang)]
    return lines + [f"  {t('authoring.feedback', lang)}: {outcome.feedback}"]
