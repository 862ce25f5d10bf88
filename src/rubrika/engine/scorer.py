"""Turn matches into concept statuses, criterion scores, levels and points.

Credit per concept: found 1, partial 0.5, missing 0. A criterion's score is the
mean credit of its concepts; its points are score x weight. Every status carries
the evidence spans it rests on.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import accumulate
from dataclasses import dataclass, field, replace
from typing import Any

import numpy
from spacy.attrs import ORTH
from spacy.strings import get_string_id

from rubrika.engine.analysis import Analysis, merge_spans
from rubrika.engine.learned import LearnedModel
from rubrika.engine.matcher import CompiledRubric, Target
from rubrika.engine.references import ReferenceFindings, find_references
from rubrika.engine.strength import EvidenceJudge
from rubrika.messages.feedback import join_labels, level_values, render_level
from rubrika.messages import t
from rubrika.nlp import language_data
from rubrika.messages.numbers import format_number
from rubrika.result import (CREDIT, Confidence, ConceptResult, CriterionResult, Evidence, EvidenceKind, Reason, Span,
                           Status, group_kind)
from rubrika.rubric.outline import REFERENCE_CHECKS, reference_labels
from rubrika.rubric.model import (Concept, ConceptFeedback, ConceptsCriterion, ReferencesCriterion, Rubric, Rule, Text,
                                  localize)

MAX_EVIDENCE = 5
MAX_SHOWN_TERMS = 8  # when a rubric lets students see the words looked for
# A defining sentence: "<term> adalah ..." with the term opening its clause; the cue words,
# connectives and evaluative words are language data (rubrika/data/indonesian.yaml).
DEFINITION_TERM_MAX_START = 3  # words of a "menurut ..." source before the term
DEFINITION_CUE_MAX_GAP = 6  # tokens between the term and "adalah" (room for "(HAM)")
DEFINITION_MIN_BODY = 3  # words after the cue
DEFINITION_ASIDE_MAX = 12  # tokens of an aside between the term and its cue ("X, atau disebut Y, adalah ...")
DEFINITION_GLOSS_MIN = 3  # words of a gloss in brackets right after the term ("multilateral (melibatkan banyak negara)")
_DEFINITIONS = language_data.get().definitions
_RULE_CLAUSE_BREAKS = language_data.get().clause_breaks
_CLAUSE_BREAKS = frozenset(get_string_id(word) for word in _DEFINITIONS.clause_breaks)  # as ORTH ids
_Spanned = tuple[int, int, EvidenceKind]  # a span of tokens [start, end) and its kind of evidence


@dataclass
class Hits:
    """Matches of one concept, as token spans, grouped by role."""

    terms: list[tuple[int, int]]
    groups: dict[str, list[tuple[int, int]]]
    fillers: set[int] = field(default_factory=set)  # tokens between a words-apart term's words
    inside: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)  # group match -> concept whose longer term holds it (not counted)


def collect_hits(compiled: CompiledRubric, analysis: Analysis, body_end: int,
                 found: list[tuple[int, int, int]]) -> dict[tuple[str, str], Hits]:
    """The matches ``found`` (``CompiledRubric.find``) outside the reference list and outside
    headings, per concept."""
    hits: dict[tuple[str, str], Hits] = defaultdict(lambda: Hits([], defaultdict(list)))
    seen: set[tuple[int, int, int]] = set()
    norms = analysis.token_table[1]
    headings = analysis.headings
    for match_id, start, end in found:
        if end > body_end or (match_id, start, end) in seen:
            continue
        if analysis.sent_of[start] in headings:  # a title names a part of the essay: not its argument
            continue
        seen.add((match_id, start, end))
        target: Target = compiled.targets[match_id]
        entry = hits[(target.criterion, target.concept)]
        if target.near:
            own = compiled.near_words.get(match_id, frozenset())
            entry.fillers.update(i for i in range(start, end) if norms[i] not in own)
        if target.role == "term":
            entry.terms.append((start, end))
        else:
            entry.groups[target.role.split(":", 1)[1]].append((start, end))
    for entry in hits.values():
        entry.terms = merge_spans(entry.terms)
        for name, spans in entry.groups.items():
            entry.groups[name] = merge_spans(spans)
    _drop_words_of_longer_terms(hits, compiled.context_groups)
    return hits


def _drop_words_of_longer_terms(hits: dict[tuple[str, str], Hits],
                                context_groups: frozenset[tuple[str, str, str]] = frozenset()) -> None:
    """A group's match that is only part of a longer term of another concept (a term, or a
    group's match that is more than context) is that term's word, not evidence of its own:
    "informasi" in "teknologi informasi" names a technology, not information. The longer term
    wins, as a reader takes a compound word as one."""
    longer = sorted([(s, e, key) for key, h in hits.items() for s, e in h.terms if e - s > 1]
                    + [(s, e, key) for key, h in hits.items() for name, spans in h.groups.items()
                       if (*key, name) not in context_groups for s, e in spans if e - s > 1])
    if not longer:
        return
    covering: dict[int, list[tuple[int, int, tuple[str, str]]]] = {}  # token -> longer terms over it, in order
    for s, e, other in longer:
        covering.setdefault(s, []).append((s, e, other))
        for token in range(s + 1, e):
            covering.setdefault(token, []).append((s, e, other))
    for key, entry in hits.items():
        for name, spans in entry.groups.items():
            kept = []
            for start, end in spans:
                inside = next((other for s, e, other in covering.get(start, ())
                               if other != key and s <= start and end <= e and e - s > end - start), None)
                if inside is None:
                    kept.append((start, end))
                else:
                    entry.inside[(start, end)] = inside
            entry.groups[name] = kept


class Cues(dict[str, list[tuple[int, int]]]):
    """Definition cue matches by kind (``naming``, ``intro``, ``after``), indexed by where they
    start and end, so finding the cues next to a term costs the same in any sentence."""

    def _index(self, kind: str, side: int) -> dict[int, list[tuple[int, int]]]:
        key = (kind, side)
        indexes: dict[tuple[str, int], dict[int, list[tuple[int, int]]]] = self.__dict__.setdefault("_indexes", {})
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
        orths = analysis.column(ORTH)
        self.last_break = analysis.last_before("definition-breaks", lambda: [o in _CLAUSE_BREAKS for o in orths])
        lower = analysis.token_table[0]
        non_words = analysis.non_words
        n = len(non_words)
        words = ~numpy.asarray(non_words, dtype=bool)
        # The next word token at or after each token: the running minimum of word positions, read backwards
        marks = numpy.where(words, numpy.arange(n), n)
        self.next_word = [*numpy.minimum.accumulate(marks[::-1])[::-1].tolist(), n]
        connectives = _DEFINITIONS.connectives
        # words before token i that are not connectives
        self.others = [0, *accumulate(not non_word and word not in connectives
                                      for word, non_word in zip(lower, non_words))]

    @staticmethod
    def of(analysis: Analysis) -> _Clauses:
        if "definition-clauses" not in analysis.memo:
            analysis.memo["definition-clauses"] = _Clauses(analysis)
        clauses: _Clauses = analysis.memo["definition-clauses"]
        return clauses


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


def _aside_before(analysis: Analysis, t_end: int, c_start: int) -> bool:
    """Whether the tokens between a term and a cue beyond the usual gap are one aside set off
    by commas or brackets: "X, atau sering disebut Y, adalah ...", "X (dalam bahasa Inggris Y) adalah"."""
    if c_start - t_end > DEFINITION_ASIDE_MAX or c_start - t_end < 2:
        return False
    doc = analysis.doc
    opening, closing = doc[t_end].text, doc[c_start - 1].text
    return (opening, closing) in ((",", ","), ("(", ")")) and not any(
        doc[i].text in (";", ":") for i in range(t_end + 1, c_start - 1))


def _glossed(analysis: Analysis, term: tuple[int, int], own: Sequence[tuple[int, int]]) -> bool:
    """Whether a gloss in brackets follows the term and says what it means: "multilateral
    (melibatkan banyak negara)". A spelled-out name ("HAM (hak asasi manusia)", "(Perserikatan
    Bangsa-Bangsa)") is no gloss: it holds the concept's own term or only capitalised words."""
    doc = analysis.doc
    start = term[1]
    if start >= len(doc) or doc[start].text != "(":
        return False
    end = next((i for i in range(start + 1, min(len(doc), start + 20)) if doc[i].text == ")"), None)
    if end is None or any(start < s < end for s, _ in own):
        return False
    words = [t for t in doc[start + 1:end] if t.is_alpha]
    return len(words) >= DEFINITION_GLOSS_MIN and any(t.is_lower for t in words)


def defines(analysis: Analysis, term: tuple[int, int], cues: dict[str, list[tuple[int, int]]],
            own: Sequence[tuple[int, int]] = ()) -> bool:
    """Whether the sentence around ``term`` says what the term means (in time independent of
    the sentence's length: only the cues next to the term are looked at). ``own``: the
    concept's other term matches (a gloss that only spells out the term is no definition)."""
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
    if _glossed(analysis, term, own):
        return True
    if not introduced and not _is_subject(analysis, s_start, t_start):
        return False
    doc = analysis.doc
    for c_start, c_end in cues.starting_in("after", t_end, t_end + DEFINITION_ASIDE_MAX):
        if sent_of[c_start] != sentence:
            continue
        if c_start > t_end + DEFINITION_CUE_MAX_GAP and not _aside_before(analysis, t_end, c_start):
            continue
        if c_end < s_end and doc[c_end].lower_ in _DEFINITIONS.evaluative:
            continue
        if _words(analysis, c_end, s_end) >= DEFINITION_MIN_BODY:
            return True
    return False


def _unit(analysis: Analysis, token: int, together: str) -> int:
    if together == "clause":
        return _clause_of(analysis)[token]
    sentence = analysis.sent_of[token]
    if together == "sentence":
        return sentence
    if together == "paragraph":
        return analysis.para_of_sent[sentence]
    return 0


def _clause_of(analysis: Analysis) -> list[int]:
    """Token index -> its clause's number in the essay, for a rule ``within: clause``: a clause
    starts with each sentence and at each break word (``clauses.breaks`` of the language data),
    which opens the clause it begins. Built once per essay."""
    clauses: list[int] | None = analysis.memo.get("rule-clauses")
    if clauses is None:
        lower = analysis.token_table[0]
        starts = numpy.fromiter((word in _RULE_CLAUSE_BREAKS for word in lower), dtype=numpy.int64, count=len(lower))
        starts[[start for start, _ in analysis.sentences if start < len(starts)]] = 1
        clauses = analysis.memo["rule-clauses"] = numpy.cumsum(starts).tolist()
    return clauses


def _in_order(groups: dict[str, list[tuple[int, int]]], names: Sequence[str]) -> bool:
    """Whether a match of each group starts after the chosen match of the group before it
    (the earliest that does, so no order that holds is missed)."""
    after = -1
    for name in names:
        starts = [start for start, _ in groups[name] if start > after]
        if not starts:
            return False
        after = min(starts)
    return True


def _cancelled(groups: dict[str, list[tuple[int, int]]], rule: Rule) -> bool:
    """Whether a group of the rule's ``unless`` has a match in the unit (before every match of
    the rule's first group, when the rule has an order)."""
    if not rule.unless:
        return False
    starts = [start for name in rule.unless for start, _ in groups.get(name, ())]
    if not starts:
        return False
    return not rule.order or min(starts) < min(start for start, _ in groups[rule.groups[0]])


def _uncancelled(concept: Concept, hits: Hits, analysis: Analysis) -> dict[str, list[tuple[int, int]]]:
    """The concept's group matches without the matches of a rule's first group in the units
    where its ``unless`` cancels it (``_cancelled``): the learned reading does not credit what
    the rules were told to ignore ("untuk mendukung kepentingan nasional")."""
    groups = hits.groups
    for rule in concept.rules:
        first = rule.groups[0]
        if not rule.unless or not groups.get(first):
            continue
        within = rule.within or concept.together
        by_unit: dict[int, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
        for name in (first, *rule.unless):
            for span in groups.get(name, ()):
                by_unit[_unit(analysis, span[0], within)][name].append(span)
        cancelled = {unit for unit, found in by_unit.items() if found.get(first) and _cancelled(found, rule)}
        if cancelled:
            groups = {**groups, first: [span for span in groups[first]
                                        if _unit(analysis, span[0], within) not in cancelled]}
    return groups


def concept_status(concept: Concept, hits: Hits | None, analysis: Analysis,
                   cues: dict[str, list[tuple[int, int]]], judge: EvidenceJudge | None = None,
                   learned: LearnedModel | None = None) -> tuple[Status, list[Evidence], Reason | None, Confidence, bool]:
    """Status, evidence, the reason weak evidence held it to partial credit (``stuffing`` or
    ``negation``), how sure the status is (``high``; ``low`` for weak evidence, a rule that
    rests on an instance or a loose link, a concept named only through its parts, or partial
    credit from the ``learned`` reading of a concept the rules find missing), and whether that
    reading gave the status."""
    status, raw, confidence = _raw_status(concept, hits, analysis, cues)
    by_learning = False
    if status == "missing" and learned is not None and hits is not None and not concept.define:
        raw = [(s, e, group_kind(name))
               for s, e, name in learned.credit(concept.id, _uncancelled(concept, hits, analysis),
                                                concept.context_groups(), analysis)]
        if raw and judge is not None and all(judge.weakness((s, e)) for s, e, _ in raw):
            raw = []  # a bare list or a negation: not the idea, however it reads
        if raw:
            status, confidence, by_learning = "partial", "low", True
    if not raw:
        return status, [], None, confidence, False
    spans = sorted({(s, e): k for s, e, k in raw}.items())  # one kind per span
    reasons = [judge.weakness(span) if judge is not None else None for span, _ in spans]
    reason: Reason | None = None
    if status == "found" and all(reasons):
        status, confidence = "partial", "low"
        reason = Counter(reasons).most_common(1)[0][0]
    # Evidence only for what the record shows; strong evidence first, so a concept
    # never looks all-weak because its strong evidence was cut.
    chosen = sorted(range(len(spans)), key=lambda i: (reasons[i] is not None, spans[i][0]))[:MAX_EVIDENCE]
    return (status, [analysis.evidence(*spans[i][0], kind=spans[i][1], weak=reasons[i]) for i in chosen], reason,
            confidence, by_learning)


def _raw_status(concept: Concept, hits: Hits | None, analysis: Analysis,
                cues: dict[str, list[tuple[int, int]]]) -> tuple[Status, list[_Spanned], Confidence]:
    """Status, (start token, end token, kind) of the spans it rests on, and confidence."""
    if hits is None:
        return "missing", [], "high"

    def ev(start: int, end: int, kind: EvidenceKind) -> _Spanned:
        return start, end, kind

    if concept.define:
        defining = [span for span in hits.terms if defines(analysis, span, cues, hits.terms)]
        if defining:
            return "found", [ev(s, e, "definition") for s, e in defining], "high"
        if hits.terms:  # named, not defined: sure of that
            return "partial", [ev(s, e, "term") for s, e in hits.terms], "high"
        if concept.groups:  # named through its parts ("kerja sama antara negara-negara"): a mention
            status, spans, _ = _group_status(concept, hits, analysis)
            return ("partial", spans, "low") if spans else ("missing", [], "high")
        return "missing", [], "high"
    if hits.terms:
        return "found", [ev(s, e, "term") for s, e in hits.terms], "high"
    if concept.groups:
        return _group_status(concept, hits, analysis)
    return "missing", [], "high"


def _group_status(concept: Concept, hits: Hits, analysis: Analysis) -> tuple[Status, list[_Spanned], Confidence]:
    """The concept's rules (``Concept.effective_rules``), found rules first: a rule holds when
    each of its groups has a match in one unit (clause, sentence, paragraph, essay), in the
    rule's order if it has one. A context group
    (an institution, a generic activity) never holds a rule alone, so it never earns credit alone."""
    rules = concept.effective_rules()
    by_within: dict[str, dict[int, dict[str, list[tuple[int, int]]]]] = {}

    def units(within: str) -> dict[int, dict[str, list[tuple[int, int]]]]:
        if within not in by_within:
            table: dict[int, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
            for name, spans in hits.groups.items():
                for span in spans:
                    table[_unit(analysis, span[0], within)][name].append(span)
            by_within[within] = table
        return by_within[within]

    statuses: tuple[Status, Status] = ("found", "partial")
    for status in statuses:
        spans: list[_Spanned] = []
        confidences: list[Confidence] = []
        for rule in rules:
            if rule.status != status:
                continue
            table = units(rule.within or concept.together)
            held = [unit for unit, groups in table.items() if all(groups.get(n) for n in rule.groups)
                    and (not rule.order or _in_order(groups, rule.groups)) and not _cancelled(groups, rule)]
            if held:
                spans += [(s, e, group_kind(n)) for unit in sorted(held) for n in rule.groups for s, e in table[unit][n]]
                confidences.append(rule.confidence)
        if spans:  # half an idea is a judgement a teacher should see first: partial is never sure
            return status, spans, "high" if status == "found" and "high" in confidences else "low"
    return "missing", [], "high"


def _feedback(feedback: ConceptFeedback, status: Status, lang: str, values: dict[str, str]) -> str:
    if status == "found":
        text = localize(feedback.found, lang)
    elif status == "partial":
        text = localize(feedback.partial or feedback.missing, lang)
    else:
        text = localize(feedback.missing, lang)
    return text.format_map(values)  # placeholders were checked when the rubric loaded


def concept_result(cid: str, label: Text, status: Status, evidence: Sequence[Evidence], feedback: ConceptFeedback,
                   lang: str, **extra: Any) -> ConceptResult:
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
    section, entries, citations = (cid for cid, _ in REFERENCE_CHECKS)
    heading = [ev(*refs.heading, "heading")] if refs.heading else []
    results = [concept_result(section, label[section], "found" if refs.heading else "missing",
                              heading, checks.section, lang)]
    count = len(refs.entries)
    status: Status = "found" if count >= criterion.min_entries else "partial" if count else "missing"
    results.append(concept_result(entries, label[entries], status,
                                  [ev(s, e, "entry") for s, e in refs.entries], checks.entries, lang, count=count))
    if criterion.citations:
        status = "found" if refs.citations else "partial" if refs.named else "missing"
        spans = [ev(s, e, "citation") for s, e in refs.citations] or [ev(s, e, "source-named") for s, e in refs.named]
        results.append(concept_result(citations, label[citations], status, spans, checks.citations, lang))
    return results


def _core_matches(compiled: CompiledRubric, hits: dict[tuple[str, str], Hits]) -> list[tuple[int, int, tuple[str, str], str]]:
    """Every match with its role: ``core`` when it names its concept (a term or a group that
    earns partial credit alone), ``context`` for a context group's match (ordinary words such
    as "negara" or an institution's name), ``group`` for any other group's."""
    out: list[tuple[int, int, tuple[str, str], str]] = []
    for key, h in hits.items():
        out += [(s, e, key, "core") for s, e in h.terms]
        for name, spans in h.groups.items():
            group = (*key, name)
            role = "core" if group in compiled.core_groups else "context" if group in compiled.context_groups else "group"
            out += [(s, e, key, role) for s, e in spans]
    return out


@dataclass
class Matches:
    """Every match in one essay, before any judgement."""

    refs: ReferenceFindings
    hits: dict[tuple[str, str], Hits]
    cues: dict[str, list[tuple[int, int]]]
    repairs: dict[int, tuple[str, str]]  # token -> (word as written, term word it was taken for)
    body_end: int  # first token of the reference list (or the end)
    found: list[tuple[int, int, int]] = field(default_factory=list)  # every term and pattern match (label, start, end)


def match_essay(compiled: CompiledRubric, analysis: Analysis, spans: bool = False) -> Matches:
    """The reference list, concept hits (outside it), definition cues, typo repairs;
    ``spans``: the matches also as spaCy spans in ``doc.spans`` (for a trace)."""
    repairs = compiled.repair_typos(analysis)
    refs = find_references(compiled, analysis)
    body_end = refs.heading[0] if refs.heading else len(analysis.doc)
    found = compiled.find(analysis, spans)
    return Matches(refs, collect_hits(compiled, analysis, body_end, found), cue_matches(compiled, analysis), repairs,
                   body_end, found)


def _outside(hits: Hits | None, analysis: Analysis, excluded: Sequence[tuple[int, int]]) -> Hits | None:
    """The hits that are not inside an excluded passage (text copied from a source)."""
    if hits is None or not excluded:
        return hits

    def keep(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        out = []
        for span in spans:
            start, end = analysis.span(*span)
            if not any(a <= start and end <= b for a, b in excluded):
                out.append(span)
        return out

    return Hits(keep(hits.terms), defaultdict(list, {n: keep(v) for n, v in hits.groups.items()}), hits.fillers)


def _stuffed(result: ConceptResult) -> bool:
    return bool(result.evidence) and all(e.weak == "stuffing" for e in result.evidence)


@dataclass(frozen=True, slots=True)
class Scored:
    """One essay scored: its criteria, its total and grade, and what copying withheld."""

    criteria: tuple[CriterionResult, ...]
    total: float  # 0..100: the criteria's points scaled by the rubric's total weight
    grade: str  # the band the total falls in
    refs: ReferenceFindings
    withheld: float  # points (0..100 scale) that evidence in copied passages would have earned
    # sentences (character spans) that name a concept (a term, or a group that earns credit alone),
    # also beyond the evidence a record keeps; the off-topic advisory reads them
    on_topic: frozenset[tuple[int, int]] = frozenset()
    # concepts whose partial credit the learned reading gave: a guess for the teacher to check,
    # so their sentences do not count as writing on the topic (the off-topic advisory)
    learned: frozenset[str] = frozenset()


class _NearSentences:
    """Sentences of the essay body, as spans feedback may quote."""

    def __init__(self, analysis: Analysis, body_end: int):
        self.analysis = analysis

    def span(self, sentence: int) -> Span:
        start_token = self.analysis.sentences[sentence][0]
        start, end = self.analysis.sentence_span(start_token)
        return Span(start, end, self.analysis.original[start:end])


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _starter(text: str) -> str:
    """The sentence starter of a feedback text ("Contoh awal kalimat: “…”."), if it has one."""
    for cue in ("Contoh awal kalimat:", "A sentence could start:"):
        if cue in text:
            return text[text.index(cue):]
    return ""


def _near_feedback(concept: Concept, result: ConceptResult, hits: Hits | None, near: Span, lang: str) -> str:
    """Feedback for a concept not (fully) found that quotes the student's own sentence. A
    partial concept's sentence carries half of it; a missing concept's carries a word of one of
    its groups, so the feedback does not assert absence: if the sentence already says it, the
    student is asked to make it plain, naming the groups not seen yet when the rubric labels them."""
    quote = _quote(near.text)
    if result.status == "partial":
        return t("feedback.near_partial", lang, quote=quote, advice=result.feedback)
    present = {name for name, spans in (hits.groups.items() if hits else ()) if spans}
    groups = {g.name: g for g in concept.groups}
    # what the nearest found rule still lacks: the rule with the most of its groups present
    rules = [r for r in concept.effective_rules() if r.found]
    nearest = max(rules, key=lambda r: (len(set(r.groups) & present), -len(r.groups)), default=None)
    wanted = nearest.groups if nearest else []
    missing_groups = [groups[n] for n in wanted if n not in present and n in groups]
    if missing_groups and all(g.label for g in missing_groups) and len(missing_groups) < len(wanted):
        need = join_labels([localize(g.label, lang) for g in missing_groups], lang)
    else:
        need = localize(concept.label, lang).lower()
    return " ".join(filter(None, [t("feedback.near_unsure", lang, quote=quote, need=need),
                                  _starter(result.feedback)]))


def _where(result: ConceptResult, concept: Concept, hits: Hits | None, analysis: Analysis,
           near: _NearSentences) -> Span | None:
    """The student's sentence that carries part of a concept: its evidence (a partial match), or
    the first sentence where two of its groups meet, one of them more than context. No other
    sentence is quoted: feedback that quotes an unrelated sentence misleads."""
    if result.evidence:  # the sentence that comes closest: a definition cue in it, then the longest
        cue_words = set(_DEFINITIONS.after)

        def closeness(e: Evidence) -> tuple[bool, int]:
            words = analysis.original[e.sentence[0]:e.sentence[1]].lower().split()
            return bool(cue_words & set(words)), len(words)

        start, end = max(result.evidence, key=closeness).sentence
        return Span(start, end, analysis.original[start:end])
    context = concept.context_groups()
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for name, spans in (hits.groups.items() if hits else ()):
        for start, _ in spans:
            by_sentence[analysis.sent_of[start]].add(name)
    framed = sorted(i for i, names in by_sentence.items() if len(names) >= 2 and names - context)
    if framed:  # a word of the idea framed by another of its parts ("terorisme" ... "banyak negara")
        return near.span(framed[0])
    return None


def shown_terms(concept: Concept) -> tuple[str, ...]:
    """The words looked for that a report lists under a concept not found (``report.show_terms``)."""
    return tuple((concept.terms + [t for g in concept.groups for t in g.terms])[:MAX_SHOWN_TERMS])


def criterion_result(criterion: ConceptsCriterion | ReferencesCriterion, results: Sequence[ConceptResult],
                     lang: str) -> CriterionResult:
    """A criterion scored from its concepts' statuses: the mean credit, its points, the level it
    reaches and that level's feedback. The one place this is computed: the engine's statuses
    and a teacher's corrections (``rubrika.engine.correct``) go through it alike."""
    value = sum(c.credit for c in results) / len(results)
    level = next(lv for lv in criterion.levels if value >= lv.min - 1e-9)
    title = localize(criterion.title, lang)
    points = round(value * criterion.weight, 2)
    values = {
        "title": title, "score": f"{round(100 * value):d}%", "points": format_number(points, lang, 2),
        "weight": format_number(criterion.weight, lang),
        **level_values([{"label": c.label, "status": c.status} for c in results], lang),
    }
    return CriterionResult(criterion.id, title, criterion.weight, round(value, 4), points,
                           localize(level.label, lang), render_level(localize(level.feedback, lang), values),
                           tuple(results))


def total_and_grade(rubric: Rubric, criteria: Sequence[CriterionResult]) -> tuple[float, str]:
    """The total (the criteria's points scaled to 0..100 by the rubric's total weight) and the
    grade band it falls in."""
    total_weight = rubric.total_weight
    total = round(100.0 * sum(c.points for c in criteria) / total_weight, 1) if total_weight else 0.0
    return total, next(b.grade for b in rubric.grades if total >= b.min - 1e-9)


def score(compiled: CompiledRubric, analysis: Analysis, lang: str = "id", matches: Matches | None = None,
          copied: Sequence[tuple[int, int]] = ()) -> Scored:
    """Criterion results of one essay.

    Evidence inside ``copied`` passages (uncited text from a source) does not count; a
    concept that loses credit so gets ``reason: copied``. When several concepts rest only
    on lists or term salads (the rubric's ``advisories.stuffing_concepts``), those concepts
    earn nothing (``reason: stuffing``): their spans go to the ``keyword-stuffing``
    advisory instead of counting as evidence.
    """
    rubric = compiled.rubric
    m = matches or match_essay(compiled, analysis)
    judge = EvidenceJudge(analysis, _core_matches(compiled, m.hits),
                          {i for h in m.hits.values() for i in h.fillers})
    near = _NearSentences(analysis, m.body_end)
    per_criterion: list[list[tuple[Concept | None, ConceptResult, float]]] = []
    learned_ids: set[str] = set()
    for criterion in rubric.criteria:
        concepts: list[tuple[Concept | None, ConceptResult, float]] = []
        if isinstance(criterion, ConceptsCriterion):
            for concept in criterion.concepts:
                key = (criterion.id, concept.id)
                all_hits = m.hits.get(key)
                hits = _outside(all_hits, analysis, list(copied))
                status, evidence, reason, confidence, by_learning = concept_status(
                    concept, hits, analysis, m.cues, judge, compiled.learned)
                if by_learning:
                    learned_ids.add(concept.id)
                credit_with_copied = CREDIT[status]
                if hits is not all_hits:
                    full = concept_status(concept, all_hits, analysis, m.cues, judge, compiled.learned)[0]
                    if CREDIT[full] > CREDIT[status]:
                        credit_with_copied, reason = CREDIT[full], "copied"
                result = concept_result(concept.id, concept.label, status, evidence, concept.feedback, lang,
                                        reason=reason, confidence=confidence)
                if status != "found":
                    span = _where(result, concept, hits, analysis, near)
                    if span is not None:  # for a missing concept, a sentence that may carry it: not sure
                        result = replace(result, near=span,
                                         confidence="low" if status == "missing" else result.confidence,
                                         feedback=_near_feedback(concept, result, hits, span, lang))
                concepts.append((concept, result, credit_with_copied))
        else:
            concepts = [(None, r, r.credit) for r in _reference_concepts(criterion, m.refs, analysis, lang)]
        per_criterion.append(concepts)
    stuffed = [r.id for rows in per_criterion for known, r, _ in rows if known is not None and _stuffed(r)]
    demote = len(stuffed) >= rubric.advisories.stuffing_concepts
    criteria = []
    withheld = 0.0
    for criterion, triples in zip(rubric.criteria, per_criterion):
        results: list[ConceptResult] = []
        for known, result, _ in triples:
            if known is not None and demote and result.id in stuffed:
                result = concept_result(known.id, known.label, "missing", [], known.feedback, lang,
                                        stuffed=result.evidence, reason="stuffing")
            if known is not None and rubric.report.show_terms and result.status != "found":
                result = replace(result, terms=shown_terms(known))
            results.append(result)
        withheld += criterion.weight * (sum(c for _, _, c in triples) / len(triples) - sum(
            r.credit for _, r, _ in triples) / len(triples))
        criteria.append(criterion_result(criterion, results, lang))
    total_weight = rubric.total_weight
    total, grade = total_and_grade(rubric, criteria)
    on_topic = frozenset(analysis.sentence_span(analysis.sentences[analysis.sent_of[start]][0])
                         for start, _, _, role in _core_matches(compiled, m.hits) if role == "core")
    return Scored(tuple(criteria), total, grade, m.refs, round(100.0 * withheld / (total_weight or 1.0), 1),
                  on_topic, frozenset(learned_ids))
