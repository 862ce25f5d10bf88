"""``rubrika rubric suggest``: learn a rubric's terms from essays a teacher graded by hand.

The teacher grades a handful of essays (a CSV: ``file`` plus either one ``label`` per
essay, 0/1 or a score, or one 0/1 column per concept id). For every concept this module
shows, from what the engine itself matched (``CompiledRubric`` spans, after its own typo
repair, never a second matcher):

* each term's hits on positive and negative essays (precision, recall);
* candidate terms: 1-3 word n-grams over the engine's NORM forms (stop words not at the
  edges, counted once per essay) found more often in positive essays, with example sentences;
* risky matches: a term that fired through a changed form (a typo repair, or a normalised
  form whose surface word differs from the term as written) mostly on negative essays.

``write_rubric`` makes a new version of the rubric file: the candidates that pass
``min_precision`` and ``min_support`` and find at least one positive essay the rubric misses
now join the concept's ``terms`` (each with a YAML comment giving its counts; one n-gram goes
to one concept, at most ``MAX_ADDED_PER_CONCEPT`` per run), and a risky term is replaced by
token patterns that match the term on NORM but not the risky surface form
(``{"NORM": ..., "LOWER": {"NOT_IN": [...]}}``). A change that would make one of the rubric's
own example sentences give another status is held back, so ``rubric validate`` still passes.

"Changed form" means the words the engine matched differ from the term as the teacher wrote
it (lowercase): a term written in an affixed form ("menyebar") matching itself is not a risky
normalisation, though its NORM is "sebar".

With one label per essay, a candidate goes to the concept the engine credits most often in the
essays that hold it (``--concept`` overrides); one that occurs with no credited concept goes to
the concept credited most often in the positive essays, and says so.

Why the YAML is edited as text, by node positions, and not round-tripped through a YAML
library: the rubric is the teacher's document. A round-trip library (ruamel.yaml) keeps
comments, but re-indents every sequence to one style, rewraps long flow mappings and
re-quotes scalars, so a three-term change becomes a diff over the whole file. PyYAML's
composer (already a dependency; the loader uses it) gives every node's start and end,
which is all an insertion or a removal needs: every byte the change does not touch stays
as the teacher wrote it. A flow list (``terms: [a, b]``) that gains a term is turned into a
block list, because a YAML comment can only end a line. The result is loaded, validated
and compiled before it is written; a rubric that would not load is never written.
"""

from __future__ import annotations

import csv
import difflib
import json
import re
import statistics
from math import comb
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from rubrika.messages.i18n import t
from rubrika.rubric.model import ConceptsCriterion, Rubric, localize

DEFAULT_MIN_PRECISION = 0.8
DEFAULT_MIN_SUPPORT = 3
MAX_NGRAM = 3
MAX_CANDIDATES_SHOWN = 10
MAX_ADDED_PER_CONCEPT = 5  # per run: a teacher reviews a handful, re-checks, and runs again
MAX_EXAMPLES = 2
RISKY_MIN_NEGATIVES = 2
CREDITED = ("found", "partial")


class SuggestInputError(Exception):
    """Bad labels or essays; ``messages`` are ready to print, each naming the file."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


# --- labels -------------------------------------------------------------------------------------


@dataclass
class Labels:
    kind: str  # "essay" (one label per essay) or "concept" (one 0/1 column per concept id)
    files: list[str]  # in CSV order
    lines: dict[str, int]  # file -> CSV line
    values: dict[str, dict[str, bool]]  # file -> concept id (or "label") -> positive
    rule: dict = field(default_factory=dict)  # how an essay-level value became positive


def _concept_ids(rubric: Rubric) -> list[str]:
    return [k.id for c in rubric.criteria if isinstance(c, ConceptsCriterion) for k in c.concepts]


def _number(value: str) -> float | None:
    try:
        return float(value.strip().replace(",", "."))
    except ValueError:
        return None


def read_labels(path: Path, folder: Path, rubric: Rubric, threshold: float | None = None,
                lang: str = "id") -> Labels:
    """Read LABELS.csv; every problem is collected and raised at once, each naming the file."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SuggestInputError([t("suggest.err.read", lang, file=name, reason=exc.strerror or str(exc))]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SuggestInputError([t("suggest.err.read", lang, file=name, reason="not UTF-8")]) from None
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(text.splitlines(), dialect))
    while rows and not any(cell.strip() for cell in rows[0]):
        rows.pop(0)
    if not rows:
        raise SuggestInputError([t("suggest.err.empty", lang, file=name)])
    header = [h.strip() for h in rows[0]]
    header_line = next(i for i, line in enumerate(text.splitlines(), 1) if line.strip())
    problems: list[str] = []
    lowered = [h.lower() for h in header]
    if "file" not in lowered:
        raise SuggestInputError([t("suggest.err.no_file_column", lang, file=name, columns=", ".join(header) or "-")])
    file_col = lowered.index("file")
    known = _concept_ids(rubric)
    others = [(i, h) for i, h in enumerate(header) if i != file_col and h]
    label_cols = [(i, h) for i, h in others if h.lower() == "label"]
    concept_cols = [(i, h) for i, h in others if h.lower() != "label"]
    for _, h in concept_cols:
        if h not in known:
            close = difflib.get_close_matches(h, known, n=1, cutoff=0.6)
            problems.append(t("suggest.err.unknown_concept", lang, file=name, column=h, known=", ".join(known))
                            + (" " + t("rubric.did_you_mean", lang, suggestion=close[0]) if close else ""))
    if label_cols and concept_cols:
        problems.append(t("suggest.err.both", lang, file=name))
    if not label_cols and not concept_cols:
        problems.append(t("suggest.err.no_label_columns", lang, file=name))
    if problems:
        raise SuggestInputError(problems)
    kind = "essay" if label_cols else "concept"
    columns = label_cols if kind == "essay" else concept_cols
    files: list[str] = []
    lines: dict[str, int] = {}
    raw_values: dict[str, dict[str, str]] = {}
    line_no = header_line
    for row in rows[1:]:
        line_no += 1
        if not any(cell.strip() for cell in row):
            continue
        cells = row + [""] * (len(header) - len(row))
        essay = cells[file_col].strip().replace("\\", "/")
        if not essay:
            problems.append(t("suggest.err.no_file_cell", lang, file=name, line=line_no))
            continue
        if essay in lines:
            problems.append(t("suggest.err.duplicate", lang, file=name, line=line_no, essay=essay, first=lines[essay]))
            continue
        lines[essay] = line_no
        files.append(essay)
        target = (folder / essay)
        if not target.is_file():
            problems.append(t("suggest.err.missing_essay", lang, file=name, line=line_no, essay=essay,
                              folder=str(folder)))
        raw_values[essay] = {h: cells[i].strip() for i, h in columns}
    if not files and not problems:
        problems.append(t("suggest.err.no_rows", lang, file=name))
    values: dict[str, dict[str, bool]] = {f: {} for f in files}
    rule: dict = {}
    if kind == "concept":
        for essay in files:
            for h, value in raw_values[essay].items():
                if value not in ("0", "1"):
                    problems.append(t("suggest.err.not_binary", lang, file=name, line=lines[essay], column=h,
                                      value=value))
                else:
                    values[essay][h] = value == "1"
        rule = {"kind": "concept"}
    else:
        scores: dict[str, float] = {}
        for essay in files:
            value = next(iter(raw_values[essay].values()))  # the one label column, whatever its case
            number = _number(value)
            if number is None:
                problems.append(t("suggest.err.not_number", lang, file=name, line=lines[essay], value=value))
            else:
                scores[essay] = number
        if scores:
            binary = set(scores.values()) <= {0.0, 1.0}
            if threshold is not None:
                rule = {"kind": "score", "threshold": threshold, "by": "threshold"}
            elif binary:
                rule = {"kind": "binary", "threshold": 1.0}
            else:
                rule = {"kind": "score", "threshold": statistics.median(scores.values()), "by": "median"}
            for essay, number in scores.items():
                values[essay]["label"] = number >= rule["threshold"]
            if not problems and len({v["label"] for v in values.values()}) < 2:
                problems.append(t("suggest.err.one_class", lang, file=name))
    if problems:
        raise SuggestInputError(problems)
    return Labels(kind, files, lines, values, rule)


# --- what the engine matched, essay by essay ------------------------------------------------------


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


def _term_refs(rubric: Rubric, nlp) -> dict[str, list[TermRef]]:
    refs: dict[str, list[TermRef]] = {}
    for criterion in rubric.criteria:
        if not isinstance(criterion, ConceptsCriterion):
            continue
        for concept in criterion.concepts:
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
    return patterns[0] if len(patterns) == 1 else None  # several: essay_facts asks each pattern


_MATCHERS: dict[str, object] = {}


def _pattern_spans(doc, ref: TermRef) -> set[tuple[int, int]]:
    """Where one hand-written token pattern matches in ``doc`` (to tell a concept's patterns apart)."""
    from spacy.matcher import Matcher

    matcher = _MATCHERS.get(ref.text)
    if matcher is None:
        matcher = _MATCHERS[ref.text] = Matcher(doc.vocab)
        matcher.add("p", [json.loads(ref.text)])
    return {(start, end) for _, start, end in matcher(doc)}


def _stop_words() -> frozenset[str]:
    from rubrika.nlp.pipeline import get_nlp

    return frozenset(get_nlp().Defaults.stop_words)


def essay_facts(checker, file: str, text: str, refs: dict[str, list[TermRef]], stops: frozenset[str]) -> EssayFacts:
    """What the engine credits and matches in one essay, and the essay's NORM n-grams."""
    from rubrika.readers.essay import Essay

    checked = checker.check(Essay(text=text, path=file), trace=True)
    concept_criteria = {c.id for c in checker.rubric.criteria if isinstance(c, ConceptsCriterion)}
    statuses = {k.id: k.status for c in checked.result.criteria if c.id in concept_criteria for k in c.concepts}
    compiled = checker.compiled
    analysis = checked.trace.analysis
    body_end = checked.trace.body_end
    doc = analysis.doc
    hits: dict[tuple, set[tuple[str, str]]] = defaultdict(set)
    for span in checked.trace.body_spans():
        target = compiled.targets.get(span.label)
        if target is None:
            continue
        words = [tok for tok in span if not (tok.is_punct or tok.is_space)]
        norms = tuple(tok.norm_ for tok in words)
        role_refs = [r for r in refs.get(target.concept, []) if r.role == target.role]
        ref = _attribute(norms, tuple(tok.lower_ for tok in words), target.near, role_refs)
        if ref is None:
            ref = next((r for r in role_refs if r.is_pattern and (span.start, span.end) in _pattern_spans(doc, r)),
                       None)
        if ref is None:
            continue
        if ref.is_pattern:
            hits[ref.key].add((" ".join(tok.lower_ for tok in words), "exact"))
            continue
        term_words = [tok for tok in words if tok.norm_ in ref.norms] if target.near else words
        surface = " ".join(tok.lower_ for tok in term_words)
        if any(tok.norm_ != tok.lex.norm_ for tok in term_words):
            kind = "typo"
        elif tuple(tok.lower_ for tok in term_words) != ref.lowers:
            kind = "norm"
        else:
            kind = "exact"
        hits[ref.key].add((surface, kind))
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
    return EssayFacts(file, statuses, dict(hits), ngrams)


# --- learning -----------------------------------------------------------------------------------


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def _f1(tp: int, fp: int, fn: int) -> dict:
    p = _ratio(tp, tp + fp)
    r = _ratio(tp, tp + fn)
    f = round(2 * tp / (2 * tp + fp + fn), 3) if tp else (0.0 if fp or fn else None)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def evaluate(statuses: dict[str, dict[str, str]], labels: Labels) -> dict:
    """Precision, recall and F1 of the engine's statuses (found/partial = positive) against
    the labels: per concept, and, with essay-level labels, for the essay (any concept credited)."""
    out: dict = {"concepts": {}}
    concepts = sorted({c for s in statuses.values() for c in s})
    for concept in concepts:
        tp = fp = fn = 0
        for essay, by_concept in statuses.items():
            truth = labels.values[essay].get("label" if labels.kind == "essay" else concept)
            if truth is None:
                continue
            said = by_concept.get(concept) in CREDITED
            tp += said and truth
            fp += said and not truth
            fn += (not said) and truth
        out["concepts"][concept] = _f1(tp, fp, fn)
    if labels.kind == "essay":
        tp = fp = fn = 0
        for essay, by_concept in statuses.items():
            truth = labels.values[essay]["label"]
            said = any(s in CREDITED for s in by_concept.values())
            tp += said and truth
            fp += said and not truth
            fn += (not said) and truth
        out["essay"] = _f1(tp, fp, fn)
    return out


@dataclass
class Candidate:
    norm: tuple[str, ...]
    text: str  # the form written into the rubric: the commonest surface form in positive essays
    pos: int
    neg: int
    gain: int  # positive essays the concept does not credit yet
    examples: list[str]
    forms: Counter = field(default_factory=Counter, repr=False)  # written forms in positive essays
    concept: str | None = None
    selected: bool = False
    assigned: str = "label"  # label (per-concept labels) | co-occurrence | most-credited | option

    chance: float = 1.0  # how often shuffled labels would give it as many positives (reported, not a filter)

    @property
    def precision(self) -> float:
        return self.pos / (self.pos + self.neg)

    def record(self) -> dict:
        return {"text": self.text, "norm": " ".join(self.norm), "positive": self.pos, "negative": self.neg,
                "precision": round(self.precision, 3), "chance": round(self.chance, 4), "gain": self.gain,
                "examples": self.examples,
                "selected": self.selected, "concept": self.concept, "assigned": self.assigned}


@dataclass
class Risky:
    ref: TermRef
    form: str
    kind: str
    pos: int
    neg: int

    def record(self) -> dict:
        return {"term": self.ref.text, "role": self.ref.role, "form": self.form, "kind": self.kind,
                "positive": self.pos, "negative": self.neg}


@dataclass
class Suggestions:
    rubric: Rubric
    labels: Labels
    facts: list[EssayFacts]
    refs: dict[str, list[TermRef]]
    term_stats: dict[str, list[dict]]
    candidates: dict[str, list[Candidate]]  # concept id -> candidates shown
    unassigned: list[Candidate]
    risky: dict[str, list[Risky]]
    before: dict
    min_precision: float
    min_support: int

    def positives(self, concept: str) -> set[str]:
        key = "label" if self.labels.kind == "essay" else concept
        return {f for f, v in self.labels.values.items() if v.get(key) is True}

    def negatives(self, concept: str) -> set[str]:
        key = "label" if self.labels.kind == "essay" else concept
        return {f for f, v in self.labels.values.items() if v.get(key) is False}


def _surface(counts: Counter, norm: tuple[str, ...], nlp) -> str:
    """The commonest written form of an n-gram, when it reads back to the same NORM forms."""
    for form, _ in counts.most_common():
        words = [tok for tok in nlp(form) if not (tok.is_punct or tok.is_space)]
        if tuple(tok.norm_ for tok in words) == norm:
            return form
    return " ".join(norm)


def _candidates(nlp, facts: list[EssayFacts], positives: set[str], negatives: set[str], credited: set[str],
                excluded: set[tuple[str, ...]]) -> list[Candidate]:
    """N-grams over-represented in positive essays, best first."""
    pos_count: Counter = Counter()
    neg_count: Counter = Counter()
    gains: Counter = Counter()
    forms: dict[tuple, Counter] = defaultdict(Counter)
    examples: dict[tuple, list[str]] = defaultdict(list)
    for essay in facts:
        is_pos = essay.file in positives
        if not is_pos and essay.file not in negatives:
            continue
        for gram, (form, sentence) in essay.ngrams.items():
            if is_pos:
                pos_count[gram] += 1
                forms[gram][form] += 1
                if essay.file not in credited:
                    gains[gram] += 1
                if len(examples[gram]) < MAX_EXAMPLES and sentence not in examples[gram]:
                    examples[gram].append(sentence)
            else:
                neg_count[gram] += 1
    total = len(positives) + len(negatives)
    base = len(positives) / total if total else 0.0
    out = []
    for gram, pos in pos_count.items():
        neg = neg_count[gram]
        if pos < 2 or gram in excluded or pos / (pos + neg) <= base:
            continue
        out.append(Candidate(gram, " ".join(gram), pos, neg, gains[gram], examples[gram], forms[gram],
                             chance=_chance(pos, neg, len(positives), len(negatives))))
    out.sort(key=lambda c: (-(c.pos + 1) / (c.pos + c.neg + 2), -c.pos, len(c.norm), c.norm))
    for c in out[:MAX_CANDIDATES_SHOWN * 4]:
        c.text = _surface(c.forms, c.norm, nlp)
    return out


def _chance(pos: int, neg: int, positives: int, negatives: int) -> float:
    """How likely ``pos`` or more of the ``pos + neg`` essays holding an n-gram would be positive
    if the labels were shuffled (the hypergeometric tail)."""
    k = pos + neg
    total = comb(positives + negatives, k)
    return sum(comb(positives, i) * comb(negatives, k - i) for i in range(pos, min(k, positives) + 1)) / total


def _contains(long: tuple, short: tuple) -> bool:
    n = len(short)
    return any(long[i:i + n] == short for i in range(len(long) - n + 1))


def _select(nlp, candidates: list[Candidate], existing: set[tuple[str, ...]], min_precision: float,
            min_support: int) -> list[Candidate]:
    """Candidates that pass both thresholds and find at least one positive essay the rubric misses
    now, without one that holds another (or a term) inside it."""
    passing = [c for c in candidates if c.precision >= min_precision and c.pos >= min_support and c.gain >= 1]
    norms = {c.norm for c in passing} | existing
    chosen = [c for c in passing if not any(other != c.norm and _contains(c.norm, other) for other in norms)]
    for c in chosen:
        c.text = _surface(c.forms, c.norm, nlp)
    return chosen[:MAX_ADDED_PER_CONCEPT]


def learn(checker, folder: Path, labels: Labels, *, min_precision: float = DEFAULT_MIN_PRECISION,
          min_support: int = DEFAULT_MIN_SUPPORT, concept: str | None = None, lang: str = "id") -> Suggestions:
    """Run the engine on every labelled essay and work out terms, candidates and risky matches."""
    from rubrika.readers.essay import EssayReadError, read_essay

    rubric = checker.rubric
    ids = _concept_ids(rubric)
    if concept is not None and concept not in ids:
        raise SuggestInputError([t("suggest.err.option_concept", lang, value=concept, known=", ".join(ids))])
    nlp = checker.compiled.nlp
    refs = _term_refs(rubric, nlp)
    stops = _stop_words()
    facts: list[EssayFacts] = []
    problems = []
    for file in labels.files:
        try:
            text = read_essay(folder / file).text
        except EssayReadError as exc:
            problems.append(t("suggest.err.unreadable_essay", lang, file=str(folder / file), reason=exc.message(lang)))
            continue
        facts.append(essay_facts(checker, file, text, refs, stops))
    if problems:
        raise SuggestInputError(problems)
    statuses = {f.file: f.statuses for f in facts}
    before = evaluate(statuses, labels)
    suggestions = Suggestions(rubric, labels, facts, refs, {}, {}, [], {}, before, min_precision, min_support)
    existing = {r.norms for rs in refs.values() for r in rs if not r.is_pattern}
    for cid in ids:
        pos, neg = suggestions.positives(cid), suggestions.negatives(cid)
        rows = []
        for ref in refs[cid]:
            hit = {f.file for f in facts if f.hits.get(ref.key)}
            p, n = len(hit & pos), len(hit & neg)
            rows.append({"term": ref.text, "role": ref.role, "pattern": ref.is_pattern, "positive": p,
                         "negative": n, "precision": _ratio(p, p + n), "recall": _ratio(p, len(pos))})
        suggestions.term_stats[cid] = rows
        risky = []
        by_form: dict[tuple, tuple[set, set]] = {}
        for f in facts:
            for ref in refs[cid]:
                for form, kind in f.hits.get(ref.key, ()):
                    if kind == "exact":
                        continue
                    bucket = by_form.setdefault((ref.key, form, kind), (set(), set()))
                    if f.file in pos:
                        bucket[0].add(f.file)
                    elif f.file in neg:
                        bucket[1].add(f.file)
        ref_of = {r.key: r for r in refs[cid]}
        for (key, form, kind), (p, n) in sorted(by_form.items(), key=lambda kv: (-len(kv[1][1]), kv[0][1])):
            if len(n) >= RISKY_MIN_NEGATIVES and len(n) > len(p):
                risky.append(Risky(ref_of[key], form, kind, len(p), len(n)))
        suggestions.risky[cid] = risky
    if labels.kind == "concept":
        for cid in ids:
            pos, neg = suggestions.positives(cid), suggestions.negatives(cid)
            credited = {f.file for f in facts if f.statuses.get(cid) in CREDITED}
            found = _candidates(nlp, facts, pos, neg, credited, existing)
            for c in found:
                c.concept = cid
            for c in _select(nlp, found, {r.norms for r in refs[cid] if not r.is_pattern}, min_precision, min_support):
                c.selected = True
            suggestions.candidates[cid] = found
        # One n-gram goes to one concept: the same words under several concepts would make a
        # sentence holding them look like a salad of terms (keyword stuffing) and blur the concepts.
        owners: dict[tuple, list[Candidate]] = defaultdict(list)
        for found in suggestions.candidates.values():
            for c in found:
                if c.selected:
                    owners[c.norm].append(c)
        for shared in owners.values():
            # the concept it fits best: highest precision, then the largest share of its positives
            best = max(shared, key=lambda c: (c.precision, c.pos / max(1, len(suggestions.positives(c.concept)))))
            for c in shared:
                c.selected = c is best
    elif ids:
        pos, neg = suggestions.positives(ids[0]), suggestions.negatives(ids[0])
        credited = {f.file for f in facts if any(s in CREDITED for s in f.statuses.values())}
        found = _candidates(nlp, facts, pos, neg, credited, existing)
        on_positives = Counter(cid for f in facts if f.file in pos for cid in ids if f.statuses.get(cid) in CREDITED)
        fallback = max(ids, key=lambda cid: on_positives[cid]) if on_positives else None
        for c in found:
            if concept is not None:
                c.concept, c.assigned = concept, "option"
            else:
                c.concept = _co_occurring(c, facts, ids)
                c.assigned = "co-occurrence"
                if c.concept is None and fallback is not None:
                    c.concept, c.assigned = fallback, "most-credited"
        for cid in ids:
            mine = [c for c in found if c.concept == cid]
            for c in _select(nlp, mine, {r.norms for r in refs[cid] if not r.is_pattern}, min_precision, min_support):
                c.selected = True
            suggestions.candidates[cid] = mine
        suggestions.unassigned = [c for c in found if c.concept is None]
    return suggestions


def _co_occurring(candidate: Candidate, facts: list[EssayFacts], ids: list[str]) -> str | None:
    """The concept the engine credits most often in the essays holding the candidate."""
    counts: Counter = Counter()
    for f in facts:
        if candidate.norm in f.ngrams:
            for cid in ids:
                if f.statuses.get(cid) in CREDITED:
                    counts[cid] += 1
    if not counts:
        return None
    best = max(counts.values())
    return next(cid for cid in ids if counts[cid] == best)


# --- reports ------------------------------------------------------------------------------------


def _fmt(value: float | None, lang: str) -> str:
    if value is None:
        return "-"
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "id" else text


def _rule_text(labels: Labels, lang: str) -> str:
    rule = labels.rule
    if rule["kind"] == "concept":
        return t("suggest.rule_concepts", lang)
    if rule["kind"] == "binary":
        return t("suggest.rule_binary", lang)
    how = t("suggest.rule_" + rule["by"], lang)
    threshold = f"{rule['threshold']:g}"
    return t("suggest.rule_score", lang, threshold=threshold.replace(".", ",") if lang == "id" else threshold, how=how)


def report_text(s: Suggestions, labels_file: str, lang: str = "id") -> str:
    rubric = s.rubric
    all_pos = sum(1 for v in s.labels.values.values() if any(v.values()))
    lines = [t("suggest.header", lang, id=rubric.id, version=rubric.version, essays=len(s.facts),
               file=labels_file, rule=_rule_text(s.labels, lang))]
    if s.labels.kind == "essay":
        e = s.before["essay"]
        lines.append(t("suggest.essay_level", lang, positive=all_pos, negative=len(s.facts) - all_pos,
                       precision=_fmt(e["precision"], lang), recall=_fmt(e["recall"], lang), f1=_fmt(e["f1"], lang)))
    lines.append(t("suggest.legend", lang, precision=_fmt(s.min_precision, lang), support=s.min_support))
    for criterion in rubric.criteria:
        if not isinstance(criterion, ConceptsCriterion):
            continue
        for concept in criterion.concepts:
            cid = concept.id
            ev = s.before["concepts"].get(cid, {})
            lines += ["", t("suggest.concept", lang, criterion=criterion.id, concept=cid,
                            label=localize(concept.label, lang), positive=len(s.positives(cid)),
                            negative=len(s.negatives(cid)), precision=_fmt(ev.get("precision"), lang),
                            recall=_fmt(ev.get("recall"), lang), f1=_fmt(ev.get("f1"), lang))]
            lines.append("  " + t("suggest.terms_header", lang))
            for row in s.term_stats[cid]:
                name = row["term"] if row["role"] == "term" else f"{row['role'].split(':', 1)[1]}: {row['term']}"
                if row["pattern"]:
                    name = "pattern " + name
                lines.append("    " + t("suggest.term_line", lang, term=name, pos=row["positive"], neg=row["negative"],
                                        precision=_fmt(row["precision"], lang), recall=_fmt(row["recall"], lang)))
            shown = s.candidates.get(cid, [])[:MAX_CANDIDATES_SHOWN]
            shown += [c for c in s.candidates.get(cid, [])[MAX_CANDIDATES_SHOWN:] if c.selected]
            lines.append("  " + t("suggest.candidates_header", lang))
            if not shown:
                lines.append("    " + t("suggest.none", lang))
            for c in shown:
                lines.append(f"    {'+' if c.selected else '·'} " + t(
                    "suggest.candidate_line", lang, text=c.text, pos=c.pos, neg=c.neg,
                    precision=_fmt(c.precision, lang), gain=c.gain)
                    + (" " + t("suggest.assigned_fallback", lang) if c.assigned == "most-credited" else ""))
                for example in c.examples:
                    lines.append("        " + t("suggest.example", lang, sentence=example))
            lines.append("  " + t("suggest.risky_header", lang))
            if not s.risky.get(cid):
                lines.append("    " + t("suggest.none", lang))
            for r in s.risky.get(cid, []):
                lines.append("    ! " + t("suggest.risky_line", lang, form=r.form, term=r.ref.text,
                                          kind=t("suggest.kind." + r.kind, lang), pos=r.pos, neg=r.neg))
    if s.unassigned:
        terms = ", ".join(c.text for c in s.unassigned[:MAX_CANDIDATES_SHOWN])
        lines += ["", t("suggest.unassigned", lang, terms=terms)]
    return "\n".join(lines) + "\n"


def report_json(s: Suggestions, labels_file: str) -> dict:
    concepts = []
    for criterion in s.rubric.criteria:
        if not isinstance(criterion, ConceptsCriterion):
            continue
        for concept in criterion.concepts:
            cid = concept.id
            concepts.append({
                "criterion": criterion.id, "id": cid, "positive": len(s.positives(cid)),
                "negative": len(s.negatives(cid)), "engine": s.before["concepts"].get(cid),
                "terms": s.term_stats[cid],
                "candidates": [c.record() for i, c in enumerate(s.candidates.get(cid, []))
                               if c.selected or i < MAX_CANDIDATES_SHOWN],
                "risky": [r.record() for r in s.risky.get(cid, [])],
            })
    out = {"rubric": {"id": s.rubric.id, "version": s.rubric.version}, "labels": {
        "file": labels_file, "kind": s.labels.kind, "rule": s.labels.rule, "essays": len(s.facts)},
        "min_precision": s.min_precision, "min_support": s.min_support, "concepts": concepts,
        "unassigned": [c.record() for c in s.unassigned[:MAX_CANDIDATES_SHOWN]]}
    if "essay" in s.before:
        out["essay"] = s.before["essay"]
    return out


# --- writing the new rubric version ---------------------------------------------------------------


_PLAIN = re.compile(r"^[a-z][a-z0-9]*(?:[ -][a-z0-9]+)*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _yaml_scalar(text: str) -> str:
    return text if _PLAIN.match(text) and text not in _YAML_WORDS else json.dumps(text, ensure_ascii=False)


def bump_version(version: str) -> str:
    """1.0.0 -> 1.1.0, 2 -> 3, 1.4 -> 1.5; anything else gets ".1" appended."""
    parts = version.split(".")
    if all(p.isdigit() for p in parts):
        at = 1 if len(parts) >= 2 else 0
        parts[at] = str(int(parts[at]) + 1)
        parts[at + 1:] = ["0"] * len(parts[at + 1:])
        return ".".join(parts)
    return version + ".1"


class _Text:
    """The rubric's text and the edits to make to it, applied from the end."""

    def __init__(self, text: str):
        self.text = text
        self.edits: list[tuple[int, int, int, str]] = []

    def edit(self, start: int, end: int, replacement: str) -> None:
        self.edits.append((start, end, len(self.edits), replacement))

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end

    def indent_of_line(self, index: int) -> str:
        start = self.line_start(index)
        line = self.text[start:self.line_end(index)]
        return line[:len(line) - len(line.lstrip(" "))]

    def result(self) -> str:
        text = self.text
        for start, end, _, replacement in sorted(self.edits, key=lambda e: (e[0], e[1], e[2]), reverse=True):
            text = text[:start] + replacement + text[end:]
        return text


def _get(mapping: yaml.MappingNode, key: str):
    for k, v in mapping.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None, None


def _item_text(doc: _Text, node: yaml.Node) -> str:
    source = doc.text[node.start_mark.index:node.end_mark.index]
    return " ".join(source.split()) if "\n" in source else source


def _edit_sequence(doc: _Text, mapping: yaml.MappingNode, key: str, anchor: str, drop: set[int],
                   add: list[tuple[str, str]]) -> None:
    """Drop items ``drop`` of ``mapping[key]`` and append ``add`` ((YAML text, comment) pairs)."""
    if not drop and not add:
        return
    key_node, seq = _get(mapping, key)
    if key_node is None:
        if mapping.flow_style:
            close = mapping.end_mark.index - 1
            doc.edit(close, close, f", {key}: [" + ", ".join(text for text, _ in add) + "]")
            _comment_lines(doc, mapping.start_mark.index, add)
            return
        anchor_key, anchor_value = _get(mapping, anchor)
        ind = " " * anchor_key.start_mark.column
        at = doc.line_end(anchor_value.end_mark.index) + 1
        before, _ = _get(mapping, "feedback")  # a concept's terms read best before its feedback
        if before is not None and not doc.text[doc.line_start(before.start_mark.index):before.start_mark.index].strip():
            at = doc.line_start(before.start_mark.index)
        block = f"{ind}{key}:\n" + "".join(f"{ind}  - {text}  # {comment}\n" for text, comment in add)
        doc.edit(at, at, block)
        return
    items = list(seq.value)
    kept = [i for i in range(len(items)) if i not in drop]
    if not seq.flow_style and items:
        dashes = [doc.text.rfind("-", doc.line_start(item.start_mark.index), item.start_mark.index) for item in items]
        ends = [doc.line_start(dashes[i + 1]) for i in range(len(items) - 1)]
        last = items[-1].end_mark.index
        ends.append(last if doc.text[last - 1:last] == "\n" else min(doc.line_end(last) + 1, len(doc.text)))
        if not kept and not add:
            doc.edit(key_node.end_mark.index, ends[-1], ": []\n")
            return
        for i in sorted(drop):
            doc.edit(doc.line_start(dashes[i]), ends[i], "")
        ind = " " * (dashes[0] - doc.line_start(dashes[0]))
        block = "".join(f"{ind}- {text}  # {comment}\n" for text, comment in add)
        if block:
            at = ends[-1]
            if at == len(doc.text) and not doc.text.endswith("\n"):
                block = "\n" + block
            doc.edit(at, at, block)
        return
    texts = [_item_text(doc, items[i]) for i in kept]
    if not seq.flow_style:  # an empty block value ("terms:" with nothing) is null, not a list: not here
        texts = []
    between = doc.text[key_node.end_mark.index:seq.start_mark.index]
    rest_end = doc.line_end(seq.end_mark.index)
    rest = doc.text[seq.end_mark.index:rest_end].strip()
    if not mapping.flow_style and between.strip() == ":" and (not rest or rest.startswith("#")):
        if not texts and not add:
            doc.edit(seq.start_mark.index, seq.end_mark.index, "[]")
            return
        ind = " " * (key_node.start_mark.column + 2)
        lines = [f"{ind}- {text}" for text in texts] + [f"{ind}- {text}  # {comment}" for text, comment in add]
        doc.edit(key_node.end_mark.index, rest_end, ":" + (" " + rest if rest else "") + "\n" + "\n".join(lines))
        return
    doc.edit(seq.start_mark.index, seq.end_mark.index, "[" + ", ".join(texts + [text for text, _ in add]) + "]")
    _comment_lines(doc, seq.start_mark.index, add)


def _comment_lines(doc: _Text, index: int, add: list[tuple[str, str]]) -> None:
    """Comments for items written inside a flow collection, on lines of their own above it."""
    at = doc.line_start(index)
    ind = doc.indent_of_line(index)
    doc.edit(at, at, "".join(f"{ind}# {text}: {comment}\n" for text, comment in add))


def _exclusion_patterns(ref: TermRef, forms: list[str], gap: int) -> list[list[dict]] | None:
    """The term on NORM, minus the risky surface forms (LOWER NOT_IN), as token patterns: the
    words side by side (a hyphen allowed), and, as the engine does for terms, up to ``gap``
    other words between them inside one clause."""
    from rubrika.nlp import language_data

    excluded: list[set[str]] = [set() for _ in ref.norms]
    for form in forms:
        words = form.split()
        if len(words) != len(ref.norms):
            return None
        for i, (word, lower) in enumerate(zip(words, ref.lowers)):
            if word != lower:
                excluded[i].add(word)
    specs = []
    for norm, words in zip(ref.norms, excluded):
        spec: dict = {"NORM": norm}
        if words:
            spec["LOWER"] = {"NOT_IN": sorted(words)}
        specs.append(spec)
    variants = [({"ORTH": {"IN": ["-", "\u2013"]}, "OP": "?"})]
    if gap > 0 and len(specs) > 1:
        variants.append({"IS_PUNCT": False, "IS_SPACE": False,
                         "LOWER": {"NOT_IN": list(language_data.get().proximity_breaks)}, "OP": f"{{0,{gap}}}"})
    patterns = []
    for between in variants:
        pattern: list[dict] = []
        for i, spec in enumerate(specs):
            if i:
                pattern.append(dict(between))
            pattern.append(spec)
        patterns.append(pattern)
        if len(specs) == 1:
            break
    return patterns


@dataclass
class WriteSummary:
    version: str
    added: list[tuple[str, str]]  # (concept id, term)
    removed: list[tuple[str, str, list[str]]]  # (concept id, term, forms no longer matched)
    held_back: list[tuple[str, str]] = field(default_factory=list)  # (concept id, term or risky term)


def new_rubric_text(s: Suggestions, text: str, lang: str = "id", skip: frozenset = frozenset(),
                    keep: frozenset = frozenset()) -> tuple[str, WriteSummary]:
    """The rubric file's text with candidates added, risky forms taken out and the version bumped.

    ``skip`` holds (concept id, NORM n-gram) of candidates to leave out, ``keep`` the concept ids
    whose risky terms are left as they are."""
    if "\r\n" in text:  # a file saved on Windows keeps its line ends
        new_text, summary = new_rubric_text(s, text.replace("\r\n", "\n"), lang, skip, keep)
        return new_text.replace("\n", "\r\n"), summary
    loader = yaml.SafeLoader(text)  # the pure-Python loader: its marks index characters
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    doc = _Text(text)
    _, version_node = _get(root, "version")
    new_version = bump_version(s.rubric.version)
    doc.edit(version_node.start_mark.index, version_node.end_mark.index, json.dumps(new_version))
    summary = WriteSummary(new_version, [], [])
    _, criteria = _get(root, "criteria")
    for criterion, c_node in zip(s.rubric.criteria, criteria.value):
        if not isinstance(criterion, ConceptsCriterion):
            continue
        _, concepts = _get(c_node, "concepts")
        for concept, k_node in zip(criterion.concepts, concepts.value):
            cid = concept.id
            add = [(c, _yaml_scalar(c.text), t("suggest.comment_added", lang, pos=c.pos, neg=c.neg,
                                               precision=_fmt(c.precision, lang)))
                   for c in s.candidates.get(cid, []) if c.selected and (cid, c.norm) not in skip]
            risky_by_ref: dict[tuple, list[Risky]] = defaultdict(list)
            for r in s.risky.get(cid, []):
                if not r.ref.is_pattern and cid not in keep:
                    risky_by_ref[r.ref.key].append(r)
            group_nodes = _get(k_node, "groups")[1].value if concept.groups else []
            places = [("term", k_node)] + [(f"group:{g.name}", node) for g, node in zip(concept.groups, group_nodes)]
            for role, node in places:
                drop: set[int] = set()
                patterns: list[tuple[str, str]] = []
                for key, found in risky_by_ref.items():
                    ref = found[0].ref
                    if ref.role != role:
                        continue
                    gaps = concept.gaps if role == "term" else next(g for g in concept.groups
                                                                     if f"group:{g.name}" == role).gaps
                    made = _exclusion_patterns(ref, [r.form for r in found], gaps.get(ref.text, s.rubric.matching.gap))
                    if made is None:
                        continue
                    drop.add(ref.index)
                    forms = [r.form for r in found]
                    pos = sum(r.pos for r in found)
                    neg = sum(r.neg for r in found)
                    comment = t("suggest.comment_removed", lang, term=ref.text, forms=", ".join(forms),
                                pos=pos, neg=neg)
                    patterns += [(json.dumps(p, ensure_ascii=False), comment) for p in made]
                    summary.removed.append((cid, ref.text, forms))
                new_terms = [(text_, comment) for _, text_, comment in add] if role == "term" else []
                anchor = "id" if role == "term" else "name"
                _edit_sequence(doc, node, "terms", anchor, drop, new_terms)
                _edit_sequence(doc, node, "patterns", anchor, set(), patterns)
            summary.added += [(cid, c.text) for c, _, _ in add]
    return doc.result(), summary


MAX_EXAMPLE_ROUNDS = 6


def _failing_examples(rubric: Rubric) -> dict[tuple, str]:
    """(criterion, concept, kind, index) -> sentence of every example that gives the wrong status."""
    from rubrika.api import Checker
    from rubrika.authoring.examples import run_examples

    return {(r.criterion, r.concept, r.kind, r.index): r.sentence for r in run_examples(Checker(rubric)) if not r.ok}


def _sentence_ngrams(sentence: str, nlp) -> set[tuple[str, ...]]:
    words = [tok.norm_ for tok in nlp(sentence) if tok.is_alpha]
    return {tuple(words[i:i + n]) for n in range(1, MAX_NGRAM + 1) for i in range(len(words) - n + 1)}


def checked_rubric_text(s: Suggestions, text: str, name: str, lang: str = "id") -> tuple[str, WriteSummary]:
    """The new rubric text, with every change held back that would make one of the rubric's own
    example sentences give a different status than it did (so ``rubric validate`` still passes)."""
    from rubrika.engine.matcher import compile_rubric
    from rubrika.rubric import load_rubric_text

    before = _failing_examples(load_rubric_text(text, name))
    skip: set = set()
    keep: set = set()
    held: list[tuple[str, str]] = []
    for _ in range(MAX_EXAMPLE_ROUNDS):
        new_text, summary = new_rubric_text(s, text, lang, frozenset(skip), frozenset(keep))
        rubric = load_rubric_text(new_text, name)  # RubricError: never write a rubric that does not load
        nlp = compile_rubric(rubric).nlp
        broken = {k: v for k, v in _failing_examples(rubric).items() if k not in before}
        if not broken:
            summary.held_back = held
            return new_text, summary
        added = {(cid, c.norm): c for cid, found in s.candidates.items() for c in found
                 if c.selected and (cid, c.norm) not in skip}
        progress = False
        for (_, concept, _, _), sentence in sorted(broken.items()):
            grams = _sentence_ngrams(sentence, nlp)
            culprits = {key for key in added if key[1] in grams and key not in skip}
            if not culprits:  # nothing added shows in the sentence: a change to its own concept did it
                culprits = {key for key in added if key[0] == concept and key not in skip}
            if culprits:
                skip |= culprits
                held += [(cid, added[(cid, norm)].text) for cid, norm in sorted(culprits)]
                progress = True
            elif concept not in keep and any(c == concept for c, _, _ in summary.removed):
                keep.add(concept)
                held += [(c, term) for c, term, _ in summary.removed if c == concept]
                progress = True
        if not progress:
            break
    # Nothing else helped: only the version changes.
    every = frozenset((cid, c.norm) for cid, found in s.candidates.items() for c in found)
    new_text, summary = new_rubric_text(s, text, lang, every, frozenset(s.risky))
    held += [(cid, c.text) for cid, found in s.candidates.items() for c in found
             if c.selected and (cid, c.norm) not in skip]
    summary.held_back = held
    return new_text, summary


def write_rubric(s: Suggestions, text: str, output: Path, lang: str = "id") -> WriteSummary:
    """Write the new version of the rubric file ``text`` to ``output``, after checking that it
    loads, compiles and still passes its own examples."""
    from rubrika.atomic import write_text

    new_text, summary = checked_rubric_text(s, text, str(output), lang)
    output.parent.mkdir(parents=True, exist_ok=True)
    write_text(output, new_text)
    for cid, term in summary.held_back:
        for c in s.candidates.get(cid, []):
            if c.text == term:
                c.selected = False
    return summary
