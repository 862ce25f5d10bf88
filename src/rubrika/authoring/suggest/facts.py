"""What the engine credits and matches in each labelled essay, read from the check's trace:
which entry of a concept (term, group term, pattern) each match came from and through which
form (as written, a normalised form, a typo repair), and the essay's NORM n-grams."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Span

from rubrika.engine.matcher import CompiledRubric
from rubrika.engine.trace import Trace
from rubrika.nlp.pipeline import get_nlp
from rubrika.readers.essay import Essay
from rubrika.rubric.model import Rubric

MAX_NGRAM = 3


@dataclass
class TermRef:
    """One entry of a concept the engine matches with: a term (or group term) or a pattern."""

    concept: str
    role: str  # "term" or "group:<name>"
    index: int  # position in that terms (or patterns) list
    text: str
    norms: tuple[str, ...]  # the term's words in the engine's NORM form
    lowers: tuple[str, ...]  # the term's words as written, lowercase
    is_pattern: bool = False

    @property
    def key(self) -> tuple:
        return (self.concept, self.role, self.is_pattern, self.index)


@dataclass
class EssayFacts:
    file: str
    statuses: dict[str, str]  # concept id -> found | partial | missing
    hits: dict[tuple, set[tuple[str, str]]]  # TermRef.key -> {(surface form, kind)}; kind exact|norm|typo
    ngrams: dict[tuple[str, ...], tuple[str, str]]  # NORM n-gram -> (surface form, first sentence)


def term_refs(rubric: Rubric, nlp) -> dict[str, list[TermRef]]:
    """Every term, group term and pattern of every concept, with the term's words as the engine reads them."""
    refs: dict[str, list[TermRef]] = {}
    for _, concept in rubric.concepts():
        out: list[TermRef] = []
        sources = [("term", concept.terms, concept.patterns)] + [
            (f"group:{g.name}", g.terms, g.patterns) for g in concept.groups]
        for role, terms, patterns in sources:
            for i, term in enumerate(terms):
                words = [tok for tok in nlp(term) if not (tok.is_punct or tok.is_space)]
                out.append(TermRef(concept.id, role, i, term, tuple(w.norm_ for w in words),
                                   tuple(w.lower_ for w in words)))
            for i, pattern in enumerate(patterns):
                out.append(TermRef(concept.id, role, i, json.dumps(pattern, ensure_ascii=False), (), (), True))
        refs[concept.id] = out
    return refs


def stop_words() -> frozenset[str]:
    return frozenset(get_nlp().Defaults.stop_words)


def essay_facts(checker, file: str, text: str, refs: dict[str, list[TermRef]], stops: frozenset[str]) -> EssayFacts:
    """What the engine credits and matches in one essay, and the essay's NORM n-grams: one check, traced."""
    checked = checker.check(Essay(text=text, path=file), trace=True)
    trace = checked.trace
    assert trace is not None  # asked for
    concept_criteria = {c.id for c, _ in checker.rubric.concepts()}
    statuses = {k.id: k.status for c in checked.result.criteria if c.id in concept_criteria for k in c.concepts}
    return EssayFacts(file, statuses, _hits(checker.compiled, trace, refs), _ngrams(trace, text, stops))


def _hits(compiled: CompiledRubric, trace: Trace, refs: dict[str, list[TermRef]]) -> dict[tuple, set[tuple[str, str]]]:
    """TermRef.key -> {(surface form, kind)} of the matches before the reference list."""
    hits: dict[tuple, set[tuple[str, str]]] = defaultdict(set)
    for span in trace.body_spans():
        target = compiled.targets.get(span.label)
        if target is None:
            continue
        role_refs = [r for r in refs.get(target.concept, []) if r.role == target.role]
        found = _hit(span, target.near, role_refs)
        if found is not None:
            hits[found[0].key].add(found[1])
    return dict(hits)


def _hit(span: Span, near: bool, role_refs: list[TermRef]) -> tuple[TermRef, tuple[str, str]] | None:
    """The entry a match came from, and (the words it matched, exact | norm | typo)."""
    words = [tok for tok in span if not (tok.is_punct or tok.is_space)]
    ref = _attribute(tuple(tok.norm_ for tok in words), tuple(tok.lower_ for tok in words), near, role_refs)
    if ref is None:
        ref = next((r for r in role_refs if r.is_pattern and (span.start, span.end) in _pattern_spans(span.doc, r)),
                   None)
    if ref is None:
        return None
    if ref.is_pattern:
        return ref, (" ".join(tok.lower_ for tok in words), "exact")
    term_words = [tok for tok in words if tok.norm_ in ref.norms] if near else words
    surface = " ".join(tok.lower_ for tok in term_words)
    if any(tok.norm_ != tok.lex.norm_ for tok in term_words):
        kind = "typo"
    elif tuple(tok.lower_ for tok in term_words) != ref.lowers:
        kind = "norm"
    else:
        kind = "exact"
    return ref, (surface, kind)


def _is_subsequence(short: tuple, long: tuple) -> bool:
    it = iter(long)
    return all(any(x == y for y in it) for x in short)


def _attribute(span_norms: tuple[str, ...], span_lowers: tuple[str, ...], near: bool,
               candidates: list[TermRef]) -> TermRef | None:
    """Which entry of a concept's role the engine's span came from, by the span's NORM forms."""
    terms = [r for r in candidates if not r.is_pattern]
    for ref in terms:
        if ref.norms == span_norms:
            return ref
    for ref in terms:
        if ref.lowers == span_lowers:
            return ref  # an all-capitals acronym matched on ORTH
    if near:
        for ref in terms:
            if ref.norms and span_norms and ref.norms[0] == span_norms[0] and ref.norms[-1] == span_norms[-1] \
                    and _is_subsequence(ref.norms, span_norms):
                return ref
    for ref in terms:  # an affixed variant the rubric asked for (matching.affixes): same length
        same = sum(a == b for a, b in zip(ref.norms, span_norms))
        if len(ref.norms) == len(span_norms) > 1 and same >= len(ref.norms) - 1:
            return ref
    patterns = [r for r in candidates if r.is_pattern]
    return patterns[0] if len(patterns) == 1 else None  # several: _hit asks each pattern


_MATCHERS: dict[str, Matcher] = {}


def _pattern_spans(doc, ref: TermRef) -> set[tuple[int, int]]:
    """Where one hand-written token pattern matches in ``doc`` (to tell a concept's patterns apart)."""
    matcher = _MATCHERS.get(ref.text)
    if matcher is None:
        matcher = _MATCHERS[ref.text] = Matcher(doc.vocab)
        matcher.add("p", [json.loads(ref.text)])
    return {(start, end) for _, start, end in matcher(doc)}


def _ngrams(trace: Trace, text: str, stops: frozenset[str]) -> dict[tuple[str, ...], tuple[str, str]]:
    """NORM n-gram -> (its first written form, the first sentence holding it), over runs of words
    before the reference list; stop words only inside an n-gram, one-word n-grams of 3+ letters."""
    analysis, body_end = trace.analysis, trace.body_end
    doc = analysis.doc
    ngrams: dict[tuple[str, ...], tuple[str, str]] = {}
    for s_start, s_end in analysis.sentences:
        if s_start >= body_end:
            break
        sentence = None
        run: list = []
        for tok in list(doc[s_start:min(s_end, body_end)]) + [None]:
            if tok is not None and tok.is_alpha:
                run.append(tok)
                continue
            for n in range(1, MAX_NGRAM + 1):
                for i in range(len(run) - n + 1):
                    gram = run[i:i + n]
                    first, last = gram[0], gram[-1]
                    if first.lower_ in stops or first.norm_ in stops or last.lower_ in stops or last.norm_ in stops:
                        continue
                    if n == 1 and len(first.norm_) < 3:
                        continue
                    key = tuple(tok.norm_ for tok in gram)
                    if key not in ngrams:
                        if sentence is None:
                            start, end = analysis.sentence_span(s_start)
                            sentence = " ".join(text[start:end].split())
                        ngrams[key] = (" ".join(tok.lower_ for tok in gram), sentence)
            run = []
    return ngrams
