"""What the labelled essays teach: the engine's precision and recall against the labels, each
term's hits on positive and negative essays, candidate terms (n-grams found more often in
positive essays) and the ones selected for the rubric, and risky matches (a changed form of a
term firing mostly on negative essays)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from bisect import bisect_right
from math import comb
from pathlib import Path

from rubrika.authoring.draft.words import zipf
from rubrika.authoring.suggest.facts import EssayFacts, TermRef, essay_facts, stop_words, term_refs
from rubrika.authoring.suggest.labels import Labels, SuggestInputError, concept_ids
from rubrika.messages import t
from rubrika.readers.essay import EssayReadError, read_essay
from rubrika.rubric.model import Rubric

DEFAULT_MIN_PRECISION = 0.8
DEFAULT_MIN_SUPPORT = 3
# Below these a concept's labels are too thin to learn from: nothing is proposed for it. A
# handful of essays makes any word common in the positive ones look like the idea (the 8-essay
# case of issue 21); benchmarks/bench_suggest.py measures what smaller samples do.
MIN_LABELLED = 16  # essays labelled for the concept (positive and negative)
MIN_NEGATIVES = 4  # of them negative: a candidate's precision means nothing without them
# A candidate's lead in positive essays must be unlikely by luck: at most this chance that
# shuffled labels give it as many positive essays (the hypergeometric tail, ``_chance``). Its
# precision alone says little where most labelled essays are positive (long essays: a topic
# word sits in nearly all of them, and "80% positive" is just the base rate). Every phrase of
# the labelled essays is a guess tried on the same labels, so the bound is shared among those
# that could reach it at all given how many essays hold them (``_chance_level``, Tarone's
# refinement of Bonferroni's correction for counts); 1 switches the test off.
MAX_CHANCE = 0.05
EVERYDAY_ZIPF = 4.8  # a candidate whose every word is this common in Indonesian says nothing of an idea
MAX_CANDIDATES_SHOWN = 10
MAX_ADDED_PER_CONCEPT = 5  # per run: a teacher reviews a handful, re-checks, and runs again
MAX_EXAMPLES = 2
RISKY_MIN_NEGATIVES = 2
CREDITED = ("found", "partial")


# --- how the rubric does now --------------------------------------------------------------------


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


# --- what is learned ----------------------------------------------------------------------------


@dataclass
class Candidate:
    norm: tuple[str, ...]
    text: str  # the form written into the rubric: the commonest surface form in positive essays
    pos: int
    neg: int
    gain: int  # positive essays the concept does not credit yet
    cost: int  # negative essays the concept does not credit yet that hold it: new false positives (never added)
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
                "cost": self.cost,
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
    thin: dict[str, tuple[int, int]] = field(default_factory=dict)  # concept -> (positive, negative): too few
    min_labelled: int = MIN_LABELLED
    max_chance: float = MAX_CHANCE
    everyday_zipf: float = EVERYDAY_ZIPF
    chance_level: dict[str, float] = field(default_factory=dict)  # concept -> the bound its candidates met

    def positives(self, concept: str) -> set[str]:
        key = "label" if self.labels.kind == "essay" else concept
        return {f for f, v in self.labels.values.items() if v.get(key) is True}

    def negatives(self, concept: str) -> set[str]:
        key = "label" if self.labels.kind == "essay" else concept
        return {f for f, v in self.labels.values.items() if v.get(key) is False}


def learn(checker, folder: Path | None, labels: Labels, *, min_precision: float = DEFAULT_MIN_PRECISION,
          min_support: int = DEFAULT_MIN_SUPPORT, concept: str | None = None, lang: str = "id",
          texts: Mapping[str, str] | None = None, min_labelled: int = MIN_LABELLED,
          max_chance: float = MAX_CHANCE, everyday_zipf: float = EVERYDAY_ZIPF) -> Suggestions:
    """Run the engine on every labelled essay and work out terms, candidates and risky matches.

    The essays are read from ``folder``, or taken from ``texts`` (path -> text as graded) where
    it holds them. A concept with fewer than ``min_labelled`` labelled essays, or fewer than
    ``MIN_NEGATIVES`` negative ones, gets no proposal (``Suggestions.thin``). ``max_chance`` is
    the chance test's bound before it is shared among the phrases tried (1: no chance test);
    ``everyday_zipf``: a candidate whose every word is at least this common in Indonesian is never proposed
    (``_says_something``)."""
    rubric = checker.rubric
    ids = concept_ids(rubric)
    if concept is not None and concept not in ids:
        raise SuggestInputError([t("suggest.err.option_concept", lang, value=concept, known=", ".join(ids))])
    nlp = checker.compiled.nlp
    refs = term_refs(rubric, nlp)
    facts = _read_facts(checker, folder, labels, refs, lang, texts or {})
    before = evaluate({f.file: f.statuses for f in facts}, labels)
    s = Suggestions(rubric, labels, facts, refs, {}, {}, [], {}, before, min_precision, min_support,
                    min_labelled=min_labelled, max_chance=max_chance, everyday_zipf=everyday_zipf)
    for cid in ids:
        s.term_stats[cid] = _term_stats(s, cid)
        s.risky[cid] = _risky(s, cid)
        pos, neg = len(s.positives(cid)), len(s.negatives(cid))
        if pos + neg < min_labelled or neg < MIN_NEGATIVES or pos < min_support:
            s.thin[cid] = (pos, neg)
    existing = {r.norms for rs in refs.values() for r in rs if not r.is_pattern}
    if labels.kind == "concept":
        _candidates_per_concept(s, nlp, [cid for cid in ids if cid not in s.thin], existing)
    elif ids and ids[0] not in s.thin:  # one label per essay: every concept has the same labels
        _candidates_per_essay(s, nlp, ids, existing, concept)
    return s


def _read_facts(checker, folder: Path | None, labels: Labels, refs: dict[str, list[TermRef]], lang: str,
                texts: Mapping[str, str]) -> list[EssayFacts]:
    """The facts of every labelled essay; every essay that cannot be read is named at once."""
    stops = stop_words()
    facts: list[EssayFacts] = []
    problems = []
    for file in labels.files:
        if file in texts:
            facts.append(essay_facts(checker, file, texts[file], refs, stops))
            continue
        if folder is None:
            problems.append(t("suggest.err.no_text", lang, essay=file))
            continue
        try:
            text = read_essay(folder / file).text
        except EssayReadError as exc:
            problems.append(t("suggest.err.unreadable_essay", lang, file=str(folder / file), reason=exc.message(lang)))
            continue
        facts.append(essay_facts(checker, file, text, refs, stops))
    if problems:
        raise SuggestInputError(problems)
    return facts


def _term_stats(s: Suggestions, cid: str) -> list[dict]:
    """Each entry of the concept: positive and negative essays it matches, precision, recall."""
    pos, neg = s.positives(cid), s.negatives(cid)
    rows = []
    for ref in s.refs[cid]:
        hit = {f.file for f in s.facts if f.hits.get(ref.key)}
        p, n = len(hit & pos), len(hit & neg)
        row = {"term": ref.text, "role": ref.role, "pattern": ref.is_pattern, "positive": p,
               "negative": n, "precision": _ratio(p, p + n), "recall": _ratio(p, len(pos))}
        if ref.word_class is not None:
            row["class"] = ref.word_class
        rows.append(row)
    return rows


def _risky(s: Suggestions, cid: str) -> list[Risky]:
    """Changed forms (normalised or typo-repaired) of the concept's terms that match more
    negative essays than positive ones, and at least ``RISKY_MIN_NEGATIVES``."""
    pos, neg = s.positives(cid), s.negatives(cid)
    by_form: dict[tuple, tuple[set, set]] = {}
    for f in s.facts:
        for ref in s.refs[cid]:
            for form, kind in f.hits.get(ref.key, ()):
                if kind == "exact":
                    continue
                bucket = by_form.setdefault((ref.key, form, kind), (set(), set()))
                if f.file in pos:
                    bucket[0].add(f.file)
                elif f.file in neg:
                    bucket[1].add(f.file)
    ref_of = {r.key: r for r in s.refs[cid]}
    return [Risky(ref_of[key], form, kind, len(p), len(n))
            for (key, form, kind), (p, n) in sorted(by_form.items(), key=lambda kv: (-len(kv[1][1]), kv[0][1]))
            if len(n) >= RISKY_MIN_NEGATIVES and len(n) > len(p)]


def _own_norms(refs: list[TermRef]) -> set[tuple[str, ...]]:
    return {r.norms for r in refs if not r.is_pattern}


def _candidates_per_concept(s: Suggestions, nlp, ids: list[str], existing: set[tuple[str, ...]]) -> None:
    """With one 0/1 label per concept: each concept's candidates from its own labels."""
    for cid in ids:
        pos, neg = s.positives(cid), s.negatives(cid)
        credited = {f.file for f in s.facts if f.statuses.get(cid) in CREDITED}
        found, level = _candidates(nlp, s.facts, pos, neg, credited, existing, s.max_chance)
        s.chance_level[cid] = level
        for c in found:
            c.concept = cid
        for c in _select(nlp, found, _own_norms(s.refs[cid]), s.min_precision, s.min_support, level, s.everyday_zipf):
            c.selected = True
        s.candidates[cid] = found
    # One n-gram goes to one concept: the same words under several concepts would make a
    # sentence holding them look like a salad of terms (keyword stuffing) and blur the concepts.
    owners: dict[tuple, list[tuple[str, Candidate]]] = defaultdict(list)
    for cid, found in s.candidates.items():
        for c in found:
            if c.selected:
                owners[c.norm].append((cid, c))
    for shared in owners.values():
        # the concept it fits best: highest precision, then the largest share of its positives
        _, best = max(shared, key=lambda owner: (owner[1].precision, owner[1].pos / max(1, len(s.positives(owner[0])))))
        for _, c in shared:
            c.selected = c is best


def _candidates_per_essay(s: Suggestions, nlp, ids: list[str], existing: set[tuple[str, ...]],
                          concept: str | None) -> None:
    """With one label per essay: candidates from the essay labels, each given to a concept."""
    pos, neg = s.positives(ids[0]), s.negatives(ids[0])
    credited = {f.file for f in s.facts if any(st in CREDITED for st in f.statuses.values())}
    # every concept has these labels: the phrases are tried once on them, one shared bound
    found, level = _candidates(nlp, s.facts, pos, neg, credited, existing, s.max_chance)
    _assign(found, s.facts, ids, pos, concept)
    for cid in ids:
        s.chance_level[cid] = level
        mine = [c for c in found if c.concept == cid]
        for c in _select(nlp, mine, _own_norms(s.refs[cid]), s.min_precision, s.min_support, level, s.everyday_zipf):
            c.selected = True
        s.candidates[cid] = mine
    s.unassigned = [c for c in found if c.concept is None]


def _assign(found: list[Candidate], facts: list[EssayFacts], ids: list[str], positives: set[str],
            concept: str | None) -> None:
    """``--concept``, else the concept credited most often with the candidate, else the one
    credited most often in positive essays (and the candidate says so)."""
    on_positives = Counter(cid for f in facts if f.file in positives for cid in ids if f.statuses.get(cid) in CREDITED)
    fallback = max(ids, key=lambda cid: on_positives[cid]) if on_positives else None
    for c in found:
        if concept is not None:
            c.concept, c.assigned = concept, "option"
        else:
            c.concept = _co_occurring(c, facts, ids)
            c.assigned = "co-occurrence"
            if c.concept is None and fallback is not None:
                c.concept, c.assigned = fallback, "most-credited"


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


def _surface(counts: Counter, norm: tuple[str, ...], nlp) -> str:
    """The commonest written form of an n-gram, when it reads back to the same NORM forms."""
    for form, _ in counts.most_common():
        words = [tok for tok in nlp(form) if not (tok.is_punct or tok.is_space)]
        if tuple(tok.norm_ for tok in words) == norm:
            return form
    return " ".join(norm)


def _candidates(nlp, facts: list[EssayFacts], positives: set[str], negatives: set[str], credited: set[str],
                excluded: set[tuple[str, ...]], max_chance: float) -> tuple[list[Candidate], float]:
    """N-grams over-represented in positive essays, best first, and the bound on ``chance`` they
    must meet: ``max_chance`` shared among every n-gram of the labelled essays (``_chance_level``)."""
    pos_count: Counter = Counter()
    neg_count: Counter = Counter()
    gains: Counter = Counter()
    costs: Counter = Counter()
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
                if essay.file not in credited:
                    costs[gram] += 1
    total = len(positives) + len(negatives)
    base = len(positives) / total if total else 0.0
    out = []
    for gram, pos in pos_count.items():
        neg = neg_count[gram]
        if pos < 2 or gram in excluded or pos / (pos + neg) <= base:
            continue
        out.append(Candidate(gram, " ".join(gram), pos, neg, gains[gram], costs[gram], examples[gram], forms[gram],
                             chance=_chance(pos, neg, len(positives), len(negatives))))
    out.sort(key=lambda c: (-(c.pos + 1) / (c.pos + c.neg + 2), -c.pos, len(c.norm), c.norm))
    for c in out[:MAX_CANDIDATES_SHOWN * 4]:
        c.text = _surface(c.forms, c.norm, nlp)
    held = [pos_count[gram] + neg_count[gram] for gram in pos_count.keys() | neg_count.keys() if gram not in excluded]
    return out, _chance_level(held, len(positives), len(negatives), max_chance)


def _chance(pos: int, neg: int, positives: int, negatives: int) -> float:
    """How likely ``pos`` or more of the ``pos + neg`` essays holding an n-gram would be positive
    if the labels were shuffled (the hypergeometric tail)."""
    k = pos + neg
    total = comb(positives + negatives, k)
    return sum(comb(positives, i) * comb(negatives, k - i) for i in range(pos, min(k, positives) + 1)) / total


def _chance_level(held: list[int], positives: int, negatives: int, max_chance: float) -> float:
    """The bound on ``chance`` when n-grams held by ``held[i]`` labelled essays are all tried on the
    same labels: ``max_chance / m``, where m counts only the n-grams that could reach that bound at
    all. An n-gram in k essays can do no better than all k positive (``_chance(min(k, positives),
    ...)``); one that cannot reach the bound even so is no guess at that level (Tarone 1990, "A
    modified Bonferroni method for discrete data", Biometrics 46: 411-415): the smallest m with at
    most m n-grams able to reach ``max_chance / m``. ``max_chance`` 1 (or more) switches the test off."""
    if max_chance >= 1:
        return 1.0
    best: dict[int, float] = {}
    for k in set(held):
        top = min(k, positives)
        best[k] = _chance(top, k - top, positives, negatives)
    lowest = sorted(best[k] for k in held)
    m = 1
    while bisect_right(lowest, max_chance / m) > m:
        m += 1
    return max_chance / m


def _says_something(candidate: Candidate, everyday_zipf: float = EVERYDAY_ZIPF) -> bool:
    """Whether a candidate can carry an idea at all. Everyday words ("alasan", "pasar", "produk",
    "negara anggota": every word at Zipf ``EVERYDAY_ZIPF`` or more in Indonesian) stand in
    positive essays because they are longer or on the topic, and a name (a country, a city, an event: written with capitals inside
    its sentences, "Myanmar", "Model United") is the setting of an idea, never part of it; both
    would credit essays that only share the topic."""
    if all(zipf(word) >= everyday_zipf for word in candidate.text.split()):
        return False
    return not _is_name(candidate)


def _is_name(candidate: Candidate) -> bool:
    """Every word of the candidate written with a capital wherever it stands inside one of its
    example sentences (not as the sentence's first word), in at least one place."""
    pattern = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, candidate.text.split())) + r"(?![\w-])", re.IGNORECASE)
    seen = False
    for sentence in candidate.examples:
        for m in pattern.finditer(sentence):
            if m.start() == 0:
                continue
            if not all(word[:1].isupper() for word in m.group(0).split()):
                return False
            seen = True
    return seen


def _contains(long: tuple, short: tuple) -> bool:
    n = len(short)
    return any(long[i:i + n] == short for i in range(len(long) - n + 1))


def _select(nlp, candidates: list[Candidate], existing: set[tuple[str, ...]], min_precision: float,
            min_support: int, chance_level: float, everyday_zipf: float = EVERYDAY_ZIPF) -> list[Candidate]:
    """Candidates that pass both thresholds; find at least ``min_support`` positive essays the
    rubric misses now (a word that would have spared the teacher one correction is an anecdote:
    in long essays, dozens of rare words sit in three or four positive essays by luck); would
    newly credit no essay the teacher labelled negative (a learned rubric must not undo a
    correction it learned from); whose lead is unlikely by luck (``chance <= chance_level``, see
    ``_chance_level``); and hold no other candidate (or term) inside them."""
    passing = [c for c in candidates
               if c.precision >= min_precision and c.pos >= min_support and c.gain >= min_support
               and c.cost == 0 and c.chance <= chance_level and _says_something(c, everyday_zipf)]
    norms = {c.norm for c in passing} | existing
    chosen = [c for c in passing if not any(other != c.norm and _contains(c.norm, other) for other in norms)]
    for c in chosen:
        c.text = _surface(c.forms, c.norm, nlp)
    return chosen[:MAX_ADDED_PER_CONCEPT]
