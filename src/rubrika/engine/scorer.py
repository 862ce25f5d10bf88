"""Turn matches into concept statuses, criterion scores, levels and points.

Credit per concept: found 1, partial 0.5, missing 0. A criterion's score is the
mean credit of its concepts; its points are score x weight. Every status carries
the evidence spans it rests on.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from spacy.attrs import ORTH

from rubrika.engine.analysis import Analysis
from rubrika.engine.matcher import CompiledRubric, Target
from rubrika.engine.references import ReferenceFindings, find_references
from rubrika.engine.strength import EvidenceJudge
from rubrika.feedback import level_values, render_level
from rubrika.nlp import language_data
from rubrika.numbers import format_number
from rubrika.result import ConceptResult, CriterionResult, Evidence
from rubrika.rubric.outline import reference_labels
from rubrika.rubric.model import Concept, ConceptFeedback, ConceptsCriterion, ReferencesCriterion, localize

MAX_EVIDENCE = 5
MAX_SHOWN_TERMS = 8  # when a rubric lets students see the words looked for
# A defining sentence: "<term> adalah ..." with the term opening its clause; the cue words,
# connectives and evaluative words are language data (rubrika/data/indonesian.yaml).
DEFINITION_TERM_MAX_START = 3  # words of a "menurut ..." source before the term
DEFINITION_CUE_MAX_GAP = 6  # tokens between the term and "adalah" (room for "(HAM)")
DEFINITION_MIN_BODY = 3  # words after the cue
_DEFINITIONS = language_data.get().definitions


@dataclass
class Hits:
    """Matches of one concept, as token spans, grouped by role."""

    terms: list[tuple[int, int]]
    groups: dict[str, list[tuple[int, int]]]


def collect_hits(compiled: CompiledRubric, analysis: Analysis, body_end: int) -> dict[tuple[str, str], Hits]:
    hits: dict[tuple[str, str], Hits] = defaultdict(lambda: Hits([], defaultdict(list)))
    seen: set[tuple[int, int, int]] = set()
    for match_id, start, end in compiled.find(analysis.doc):
        if end > body_end or (match_id, start, end) in seen:
            continue
        seen.add((match_id, start, end))
        target: Target = compiled.targets[match_id]
        entry = hits[(target.criterion, target.concept)]
        if target.role == "term":
            entry.terms.append((start, end))
        else:
            entry.groups[target.role.split(":", 1)[1]].append((start, end))
    for entry in hits.values():
        entry.terms = _merge(entry.terms)
        for name, spans in entry.groups.items():
            entry.groups[name] = _merge(spans)
    return hits


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping spans: "hak asasi" within "hak asasi manusia" is one piece of
    evidence, and so are "menjaga perdamaian" and "perdamaian dunia"."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class Cues(dict):
    """Definition cue matches by kind (``naming``, ``intro``, ``after``), indexed by where they
    start and end, so finding the cues next to a term costs the same in any sentence."""

    def _index(self, kind: str, side: int) -> dict[int, list[tuple[int, int]]]:
        key = (kind, side)
        indexes = self.__dict__.setdefault("_indexes", {})
        if key not in indexes:
            index: dict[int, list[tuple[int, int]]] = defaultdict(list)
            for span in self.get(kind, []):
                index[span[side]].append(span)
            indexes[key] = index
        return indexes[key]

    def ending_in(self, kind: str, first: int, last: int) -> list[tuple[int, int]]:
        index = self._index(kind, 1)
        return [span for end in range(first, last + 1) for span in index.get(end, ())]

    def starting_in(self, kind: str, first: int, last: int) -> list[tuple[int, int]]:
        index = self._index(kind, 0)
        return [span for start in range(first, last + 1) for span in index.get(start, ())]


def cue_matches(compiled: CompiledRubric, analysis: Analysis) -> Cues:
    cues = Cues()
    for match_id, start, end in compiled.cues(analysis.doc):
        cues.setdefault(analysis.doc.vocab.strings[match_id], []).append((start, end))
    return cues


def _words(analysis: Analysis, start: int, end: int) -> int:
    return analysis.words_between(start, end)


class _Clauses:
    """Per-essay arrays for ``_is_subject``: the last clause break before each token, the next
    word token from each token, and how many words that are not connectives precede each."""

    def __init__(self, analysis: Analysis):
        strings = analysis.doc.vocab.strings
        texts = [strings[orth] for orth in analysis.doc.to_array(ORTH).tolist()]
        breaks = _DEFINITIONS.clause_breaks
        self.last_break = analysis.last_before("definition-breaks", lambda i: texts[i] in breaks)
        lower = analysis.token_table[0]
        non_words = analysis.non_words
        n = len(non_words)
        self.next_word = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            self.next_word[i] = i if not non_words[i] else self.next_word[i + 1]
        self.others = [0]  # words before token i that are not connectives
        for i in range(n):
            self.others.append(self.others[-1] + (not non_words[i] and lower[i] not in _DEFINITIONS.connectives))

    @staticmethod
    def of(analysis: Analysis) -> _Clauses:
        if "definition-clauses" not in analysis.memo:
            analysis.memo["definition-clauses"] = _Clauses(analysis)
        return analysis.memo["definition-clauses"]


def _is_subject(analysis: Analysis, s_start: int, t_start: int) -> bool:
    """Whether the term opens its clause, so "X adalah ..." speaks of X itself.

    The words between the last comma (or the sentence start) and the term must be
    none, connectives ("adapun", "secara umum") or a "menurut ..." source. Constant time
    per term (``_Clauses``).
    """
    clauses = _Clauses.of(analysis)
    begin = max(s_start, clauses.last_break[t_start] + 1)
    words = analysis.words_between(begin, t_start)
    if not words:
        return True
    if analysis.token_table[0][clauses.next_word[begin]] in _DEFINITIONS.source_cues and words <= DEFINITION_TERM_MAX_START:
        return True
    return clauses.others[t_start] == clauses.others[begin]


def defines(analysis: Analysis, term: tuple[int, int], cues: dict[str, list[tuple[int, int]]]) -> bool:
    """Whether the sentence around ``term`` says what the term means (in time independent of
    the sentence's length: only the cues next to the term are looked at)."""
    cues = cues if isinstance(cues, Cues) else Cues(cues)
    t_start, t_end = term
    sent_of = analysis.sent_of
    sentence = sent_of[t_start]
    s_start, s_end = analysis.sentences[sentence]
    for c_start, _ in cues.ending_in("naming", t_start - 1, t_start):
        if sent_of[c_start] == sentence and _words(analysis, s_start, c_start) >= DEFINITION_MIN_BODY:
            return True
    # "Pengertian X adalah ...", "Inilah yang disebut X, yaitu ...": a cue names the term first.
    introduced = any(sent_of[c_start] == sentence
                     for kind in ("intro", "naming") for c_start, _ in cues.ending_in(kind, t_start - 1, t_start))
    if not introduced and not _is_subject(analysis, s_start, t_start):
        return False
    doc = analysis.doc
    for c_start, c_end in cues.starting_in("after", t_end, t_end + DEFINITION_CUE_MAX_GAP):
        if sent_of[c_start] != sentence:
            continue
        if c_end < s_end and doc[c_end].lower_ in _DEFINITIONS.evaluative:
            continue
        if _words(analysis, c_end, s_end) >= DEFINITION_MIN_BODY:
            return True
    return False


def _unit(analysis: Analysis, token: int, together: str) -> int:
    sentence = analysis.sent_of[token]
    if together == "sentence":
        return sentence
    if together == "paragraph":
        return analysis.para_of_sent[sentence]
    return 0


def concept_status(concept: Concept, hits: Hits | None, analysis: Analysis,
                   cues: dict[str, list[tuple[int, int]]], judge: EvidenceJudge | None = None
                   ) -> tuple[str, list[Evidence]]:
    """Status and evidence of one concept; all-weak evidence earns partial credit at most."""
    status, spans = _raw_status(concept, hits, analysis, cues)
    if not spans:
        return status, []
    spans = sorted({(s, e): k for s, e, k in spans}.items())  # one kind per span
    reasons = [judge.weakness(span) if judge is not None else None for span, _ in spans]
    if status == "found" and all(reasons):
        status = "partial"
    # Evidence only for what the record shows; strong evidence first, so a concept
    # never looks all-weak because its strong evidence was cut.
    chosen = sorted(range(len(spans)), key=lambda i: (reasons[i] is not None, spans[i][0]))[:MAX_EVIDENCE]
    return status, [analysis.evidence(*spans[i][0], spans[i][1], reasons[i]) for i in chosen]


def _raw_status(concept: Concept, hits: Hits | None, analysis: Analysis,
                cues: dict[str, list[tuple[int, int]]]) -> tuple[str, list[tuple[int, int, str]]]:
    """Status and (start token, end token, kind) of the spans it rests on."""
    if hits is None:
        return "missing", []

    def ev(start: int, end: int, kind: str) -> tuple[int, int, str]:
        return start, end, kind

    if concept.define:
        defining = [span for span in hits.terms if defines(analysis, span, cues)]
        if defining:
            return "found", [ev(s, e, "definition") for s, e in defining]
        return ("partial", [ev(s, e, "term") for s, e in hits.terms]) if hits.terms else ("missing", [])
    if hits.terms:
        return "found", [ev(s, e, "term") for s, e in hits.terms]
    if concept.groups:
        names = [g.name for g in concept.groups]
        by_unit: dict[int, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
        for name in names:
            for span in hits.groups.get(name, []):
                by_unit[_unit(analysis, span[0], concept.together)][name].append(span)
        complete = [unit for unit, groups in by_unit.items() if all(groups.get(n) for n in names)]
        if complete:
            return "found", [ev(s, e, f"group:{n}") for u in sorted(complete) for n in names
                             for s, e in by_unit[u][n]]
        partial_names = [g.name for g in concept.groups if g.partial]
        present = [(s, e, n) for n in partial_names for s, e in hits.groups.get(n, [])]
        if present:
            return "partial", [ev(s, e, f"group:{n}") for s, e, n in present]
    return "missing", []


def _feedback(feedback: ConceptFeedback, status: str, lang: str, values: dict) -> str:
    if status == "found":
        text = localize(feedback.found, lang)
    elif status == "partial":
        text = localize(feedback.partial or feedback.missing, lang)
    else:
        text = localize(feedback.missing, lang)
    return text.format_map(values)  # placeholders were checked when the rubric loaded


def concept_result(cid: str, label, status: str, evidence: list[Evidence], feedback: ConceptFeedback, lang: str,
                   **extra) -> ConceptResult:
    ordered = sorted(evidence, key=lambda e: (e.start, e.end))
    unique = [e for i, e in enumerate(ordered) if i == 0 or (e.start, e.end) != (ordered[i - 1].start, ordered[i - 1].end)]
    label_text = localize(label, lang)
    values = {"label": label_text, "evidence": " ".join(unique[0].text.split()) if unique else ""}
    return ConceptResult(cid, label_text, status, tuple(unique[:MAX_EVIDENCE]),
                         _feedback(feedback, status, lang, values), **extra)


def _reference_concepts(criterion: ReferencesCriterion, refs: ReferenceFindings, analysis: Analysis,
                        lang: str) -> list[ConceptResult]:
    ev = analysis.evidence
    checks = criterion.checks
    label = dict(reference_labels(criterion, lang))
    heading = [ev(*refs.heading, "heading")] if refs.heading else []
    results = [concept_result("bagian-referensi", label["bagian-referensi"], "found" if refs.heading else "missing",
                              heading, checks.section, lang)]
    count = len(refs.entries)
    status = "found" if count >= criterion.min_entries else "partial" if count else "missing"
    results.append(concept_result("jumlah-entri", label["jumlah-entri"], status,
                                  [ev(s, e, "entry") for s, e in refs.entries], checks.entries, lang, count=count))
    if criterion.citations:
        status = "found" if refs.citations else "missing"
        results.append(concept_result("sitasi-dalam-teks", label["sitasi-dalam-teks"], status,
                                      [ev(s, e, "citation") for s, e in refs.citations], checks.citations, lang))
    return results


def _core_matches(compiled: CompiledRubric, hits: dict[tuple[str, str], Hits]) -> list[tuple[int, int, tuple, bool]]:
    """Every match, flagged core when it names its concept: a term or a partial-credit group
    (not a qualifier such as "negara", which many concepts share)."""
    core_groups = compiled.core_groups
    out = []
    for key, h in hits.items():
        out += [(s, e, key, True) for s, e in h.terms]
        for name, spans in h.groups.items():
            core = (*key, name) in core_groups
            out += [(s, e, key, core) for s, e in spans]
    return out


def match_essay(compiled: CompiledRubric, analysis: Analysis):
    """Every match in one essay: the reference list, concept hits (outside it), definition cues."""
    compiled.repair_typos(analysis.doc)
    refs = find_references(compiled, analysis)
    body_end = refs.heading[0] if refs.heading else len(analysis.doc)
    return refs, collect_hits(compiled, analysis, body_end), cue_matches(compiled, analysis)


def _stuffed(result: ConceptResult) -> bool:
    return bool(result.evidence) and all(e.weak == "stuffing" for e in result.evidence)


def score(compiled: CompiledRubric, analysis: Analysis, lang: str = "id") -> tuple[list[CriterionResult],
                                                                                   ReferenceFindings]:
    """Criterion results and the reference findings.

    When several concepts rest only on lists or term salads (the rubric's
    ``advisories.stuffing_concepts``), those concepts earn nothing: their spans go to the
    ``keyword-stuffing`` advisory instead of counting as evidence.
    """
    rubric = compiled.rubric
    refs, hits, cues = match_essay(compiled, analysis)
    judge = EvidenceJudge(analysis, _core_matches(compiled, hits))
    per_criterion: list[list[tuple[Concept | None, ConceptResult]]] = []
    for criterion in rubric.criteria:
        if isinstance(criterion, ConceptsCriterion):
            concepts = []
            for concept in criterion.concepts:
                status, evidence = concept_status(concept, hits.get((criterion.id, concept.id)), analysis, cues, judge)
                concepts.append((concept, concept_result(concept.id, concept.label, status, evidence,
                                                         concept.feedback, lang)))
        else:
            concepts = [(None, r) for r in _reference_concepts(criterion, refs, analysis, lang)]
        per_criterion.append(concepts)
    stuffed = [r.id for concepts in per_criterion for concept, r in concepts if concept is not None and _stuffed(r)]
    demote = len(stuffed) >= rubric.advisories.stuffing_concepts
    criteria = []
    for criterion, pairs in zip(rubric.criteria, per_criterion):
        concepts = []
        for concept, result in pairs:
            if concept is not None and demote and result.id in stuffed:
                result = concept_result(concept.id, concept.label, "missing", [], concept.feedback, lang,
                                        stuffed=result.evidence)
            if concept is not None and rubric.report.show_terms and result.status != "found":
                result = replace(result, terms=tuple(
                    (concept.terms + [t for g in concept.groups for t in g.terms])[:MAX_SHOWN_TERMS]))
            concepts.append(result)
        value = sum(c.credit for c in concepts) / len(concepts)
        level = next(lv for lv in criterion.levels if value >= lv.min - 1e-9)
        title = localize(criterion.title, lang)
        points = round(value * criterion.weight, 2)
        values = {
            "title": title, "score": f"{round(100 * value):d}%", "points": format_number(points, lang, 2),
            "weight": format_number(criterion.weight, lang),
            **level_values([{"label": c.label, "status": c.status} for c in concepts], lang),
        }
        criteria.append(CriterionResult(criterion.id, title, criterion.weight, round(value, 4), points,
                                        localize(level.label, lang), render_level(localize(level.feedback, lang), values),
                                        tuple(concepts)))
    return criteria, refs
