"""Compile a rubric's terms and token patterns into spaCy SpanRulers (spans in ``doc.spans`` on request).

A term is written the way a student would write it; it goes through the same
pipeline as essays, so its tokens carry the same normal forms. Rules applied to
every term, so rubric authors need not list the variants:

* words are compared by NORM (lowercase, spelling variants, reduplication and verb
  affixes undone: ``nilai-nilai universal`` matches ``nilai universal``);
* a hyphen between two words is optional (``kerja sama`` matches ``kerja-sama``);
* an all-capitals term word of at most two letters (``UN``) must match exactly;
* a word of six or more letters also matches a one-letter typo (two letters from
  ten letters on), but only in a word the Indonesian lexicon does not know, so
  ``demografi`` never passes for ``demokrasi`` (see ``CompiledRubric.repair_typos``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import IS_ALPHA, LOWER, NORM
from spacy.errors import MatchPatternError
from spacy.matcher import Matcher, PhraseMatcher
from spacy.pipeline import SpanRuler
from spacy.matcher.levenshtein import levenshtein_compare
from spacy.language import Language
from spacy.tokens import Doc, Span

from rubrika.engine.analysis import Analysis
from rubrika.engine import anchored as anchored_patterns
from rubrika.engine.learned import LearnedModel
from rubrika.engine.learned import load as learned_model
from rubrika.errors import Problem, RubricError
from rubrika.nlp import language_data
from rubrika.nlp.lexicon import Lexicon, for_roots, stems
from rubrika.nlp.lexicon import base as base_lexicon
from rubrika.nlp.pipeline import get_nlp, pipeline_for
from rubrika.rubric.model import ConceptsCriterion, ReferencesCriterion, Rubric, TermGroup

FUZZY_MIN_LETTERS = 6
FUZZY2_MIN_LETTERS = 10
_HYPHEN = {"ORTH": {"IN": ["-", "–"]}, "OP": "?"}
_STRING_ATTRS = {"ORTH", "TEXT", "LOWER", "NORM", "LEMMA"}
MAX_REGEX = 300  # characters; the other bounds on REGEX and OP are in rubrika.rubric.patterns


# Cues of a defining sentence (rubrika/data/indonesian.yaml), matched on LOWER.
_DEFINITIONS = language_data.get().definitions
_PROXIMITY_BREAKS = language_data.get().proximity_breaks
RULER_KEY = "rubrika"  # doc.spans key of the rubric's matches
YEAR = r"^(1[89]\d\d|20\d\d)[a-z]?(:\d+([-–]\d+)?)?$"  # "2023", "2023a", "1987:651" (year and page)
NAMED_STARTS = ("dalam", "[")  # besides the source cues, words a source named without a year begins with


@dataclass(frozen=True)
class Target:
    """What a match id stands for."""

    criterion: str
    concept: str
    role: str  # "term" or "group:<name>"
    near: bool = False  # matched with other words between the term's words


@dataclass
class CompiledRubric:
    rubric: Rubric
    nlp: Language  # the pipeline of this rubric's lexicon: essays are read with it
    ruler: SpanRuler  # terms (phrases on NORM) and token patterns; spans go to doc.spans[RULER_KEY]
    acronyms: SpanRuler  # one-token terms that must match exactly ("UN"), phrases on ORTH, same spans key
    targets: dict[int, Target]  # span label -> what it stands for
    cues: PhraseMatcher
    headings: dict[str, PhraseMatcher] = field(default_factory=dict)
    references: Matcher | None = None
    fuzzy: dict[str, int] = field(default_factory=dict)  # term word -> edits allowed
    core_groups: frozenset[tuple[str, str, str]] = frozenset()  # (criterion, concept, group) of partial-credit groups
    context_groups: frozenset[tuple[str, str, str]] = frozenset()  # (criterion, concept, group) of mere context
    words: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)  # (criterion, concept) -> content words (NORM) of its terms
    near_words: dict[int, frozenset[str]] = field(default_factory=dict)  # words-apart label -> NORMs of its terms' own words
    anchored: anchored_patterns.AnchoredPatterns = field(default_factory=anchored_patterns.AnchoredPatterns)
    lexicon: Lexicon = field(default_factory=base_lexicon)  # the known words of this rubric
    learned: LearnedModel | None = None  # the model learned from real writing for this rubric (rubrika.engine.learned)
    _repairs: dict[str, str | None] = field(default_factory=dict)
    _fuzzy_by_length: dict[int, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    _ruler_labels: dict[int, int] = field(default_factory=dict)  # ruler's match key -> its span label
    _acronym_labels: dict[int, int] = field(default_factory=dict)  # the same for the acronyms' ruler

    def find(self, analysis: Analysis, spans: bool = False) -> list[tuple[int, int, int]]:
        """All term and pattern matches as (label, start, end); with ``spans`` (a trace asks
        for them) also as spaCy ``Span``s in ``doc.spans[RULER_KEY]``, which a check does
        not need and so does not pay for."""
        # What self.ruler(doc) then self.acronyms(doc) would store, found faster: the token
        # patterns that start with a given word (words-apart terms) by self.anchored instead of
        # spaCy's Matcher, and the rulers' matches as tuples, sorted as spaCy sorts its spans
        # (by start, end, label), with no Span made.
        doc = analysis.doc
        found = self.anchored(doc, list(zip(*(analysis.column(attr) for attr in anchored_patterns.COLUMNS))))
        if len(self.ruler):
            found |= _ruler_matches(self.ruler, self._ruler_labels, doc)
        out = sorted(found, key=_span_order)
        if len(self.acronyms):
            out += sorted(_ruler_matches(self.acronyms, self._acronym_labels, doc), key=_span_order)
        if spans:
            doc.spans[RULER_KEY] = [Span(doc, start, end, label=label) for label, start, end in out]
        return out

    def repair_typos(self, analysis: Analysis) -> dict[int, tuple[str, str]]:
        """Give a misspelt word the NORM of the term word it is one (or two) edits from.

        Only words the lexicon does not know are repaired, so a real word such as
        ``demografi`` never passes for ``demokrasi``. spaCy's own Levenshtein
        comparison is used; doing it here once per unknown word, instead of as FUZZY
        predicates in every pattern, keeps matching ~30x faster. Returns token index ->
        (word as written, term word it was taken for), for ``rubric explain``. What the
        essay's analysis had read of NORM before is dropped.
        """
        done: dict[int, tuple[str, str]] = {}
        if not self.fuzzy:
            return done
        doc = analysis.doc
        known = self.lexicon.known_words
        repairs = self._repairs
        strings = doc.vocab.strings
        for i, (norm_id, lower_id, is_alpha) in enumerate(doc.to_array([NORM, LOWER, IS_ALPHA]).tolist()):
            if not is_alpha:
                continue
            norm = strings[norm_id]
            if norm not in repairs:
                repairs[norm] = self._repair(norm, strings[lower_id], known)
            repair = repairs[norm]
            if repair:
                doc[i].norm_ = repair
                done[i] = (strings[lower_id], repair)
        analysis.forget_norms()
        return done

    def _repair(self, norm: str, lower: str, known: frozenset[str]) -> str | None:
        """The term word an unknown word is a typo of: as written, or once an affix is set
        aside ("berdaptasi" -> "adaptasi"). A real word, or an affixed form of a real root
        ("perundungan"), is never repaired."""
        if len(norm) < FUZZY_MIN_LETTERS - 1 or norm in self.fuzzy or norm in known or lower in known:
            return None
        if self.lexicon.is_word(lower):
            return None
        for candidate in (norm, *stems(lower, FUZZY_MIN_LETTERS)):
            if candidate in self.fuzzy:
                return candidate
            length = len(candidate)
            found = next((word for word, edits in self._within_reach(length)
                          if levenshtein_compare(candidate, word, edits)
                          or (len(word) == length and _one_swap(candidate, word))), None)
            if found:
                return found
        return None

    def _within_reach(self, length: int) -> tuple[tuple[str, int], ...]:
        """The term words (with their edits allowed) a word of ``length`` letters could be a typo
        of, in the order of ``fuzzy``: their lengths differ by no more than the edits. Built once
        per length, so an unknown word is compared only with words it could be."""
        reach = self._fuzzy_by_length.get(length)
        if reach is None:
            reach = self._fuzzy_by_length[length] = tuple(
                (word, edits) for word, edits in self.fuzzy.items() if abs(len(word) - length) <= edits)
        return reach


def _one_swap(typed: str, word: str) -> bool:
    """Whether ``typed`` is ``word`` with two neighbouring letters swapped ("demokarsi"): one slip of
    the fingers, which Levenshtein distance counts as two edits."""
    if len(typed) != len(word) or typed == word:
        return False
    diff = [i for i, (a, b) in enumerate(zip(typed, word)) if a != b]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and typed[diff[0]] == word[diff[1]] and typed[diff[1]] == word[diff[0]]


def _span_order(match: tuple[int, int, int]) -> tuple[int, int, int]:
    return match[1], match[2], match[0]


def _ruler_matches(ruler: SpanRuler, labels: dict[int, int], doc: Doc) -> set[tuple[int, int, int]]:
    """The (label, start, end) of what ``ruler.match(doc)`` would give as spans; ``labels``
    caches the ruler's match keys as span labels."""
    if not labels:
        strings = doc.vocab.strings
        labels.update((key, strings.add(v["label"])) for key, v in ruler._match_label_id_map.items())
    matches = list(ruler.matcher(doc)) if len(ruler.matcher) else []
    if len(ruler.phrase_matcher):
        matches += ruler.phrase_matcher(doc)
    return {(labels[key], start, end) for key, start, end in matches if start != end}


def _gap_pattern(term: Doc, gap: int) -> list[dict[str, Any]] | None:
    """A token pattern for a term of several words with up to ``gap`` other words between
    them, inside one clause ("masalah-masalah berskala global" for "masalah global")."""
    words = [t for t in term if not t.is_space and not t.is_punct]
    if gap <= 0 or len(words) < 2 or any(t.is_upper and len(t.text) <= 2 for t in words):
        return None
    filler = {"IS_PUNCT": False, "IS_SPACE": False, "LOWER": {"NOT_IN": list(_PROXIMITY_BREAKS)}, "OP": f"{{0,{gap}}}"}
    pattern: list[dict[str, Any]] = []
    for i, token in enumerate(words):
        if i:
            pattern.append(dict(filler))
        pattern.append({"NORM": token.norm_})
    return pattern


def _affixed_variants(term: Doc, affixes: Sequence[str], roots: frozenset[str]) -> list[str]:
    """The term with one root word in a meaning-changing affixed form the rubric asks for."""
    forms = {"ter": ("ter{}",), "memper": ("memper{}", "memper{}kan", "memper{}i"),
             "diper": ("diper{}", "diper{}kan", "diper{}i")}
    words = [t.norm_ for t in term if not t.is_space and not t.is_punct]
    out = []
    for i, word in enumerate(words):
        if word.isalpha() and word in roots:
            out += [" ".join(words[:i] + [form.format(word)] + words[i + 1:]) for a in affixes for form in forms[a]]
    return out


def _term_variants(term: Doc, fuzzy: dict[str, int]) -> tuple[list[str], list[list[dict[str, Any]]]]:
    """Phrase patterns for one term (matched on NORM, with and without a hyphen between
    its words), or a token pattern when it holds a short acronym that must match exactly.
    Long words go into ``fuzzy`` for typo repair."""
    words = [t for t in term if not t.is_space and not t.is_punct]
    if not words:
        return [], []
    for token in words:
        if token.is_alpha and len(token.norm_) >= FUZZY_MIN_LETTERS:
            fuzzy[token.norm_] = 2 if len(token.norm_) >= FUZZY2_MIN_LETTERS else 1
    exact = [t.is_upper and t.is_alpha and len(t.text) <= 2 for t in words]
    if exact == [True]:
        return [], [[{"ORTH": words[0].text}]]
    if any(exact):
        specs = [{"ORTH": t.text} if e else {"NORM": t.norm_} for t, e in zip(words, exact)]
        pattern: list[dict[str, Any]] = []
        for i, spec in enumerate(specs):
            if i:
                pattern.append(dict(_HYPHEN))
            pattern.append(spec)
        return [], [pattern]
    texts = [t.text for t in words]
    variants = [texts] + [texts[:i] + ["-"] + texts[i:] for i in range(1, len(texts))]
    return [" ".join(v) for v in variants], []


def _pattern_problem(pattern: list[dict[str, Any]]) -> str | None:
    """Say why a hand-written token pattern can never match, if it cannot."""
    if all(isinstance(t, dict) and t.get("OP") in ("!",) for t in pattern):
        return "every token is negated ('OP: !')"
    for spec in pattern:
        if not isinstance(spec, dict):
            continue
        for attr, value in spec.items():
            attr_u = str(attr).upper()
            values = value.get("IN", []) if isinstance(value, dict) else [value]
            if isinstance(value, dict) and "REGEX" in value:
                regex = str(value["REGEX"])
                try:
                    re.compile(regex)
                except (re.error, OverflowError) as exc:
                    return f"REGEX {regex!r}: {exc}"
                if len(regex) > MAX_REGEX:
                    return f"REGEX {regex[:60]!r}… is longer than {MAX_REGEX} characters"
            for v in values if isinstance(values, list) else []:
                if not isinstance(v, str) or attr_u not in _STRING_ATTRS:
                    continue
                if any(ch.isspace() for ch in v):
                    return f"{attr}: {v!r} holds a space, but one token never does"
                if attr_u in ("LOWER", "NORM") and v != v.lower():
                    return f"{attr}: {v!r} has capitals, but {attr} values are lowercase"
    from rubrika.messages import t
    from rubrika.rubric.patterns import token_problems

    for spec in pattern:  # the loader refuses these with a position; a Rubric built in code meets them here
        for _, key, args in token_problems(spec):
            return t(key, "en", **args)
    return None


def group_terms(rubric: Rubric, group: TermGroup) -> list[str]:
    """A group's own terms, then the words of the classes it names (the rubric's own class of
    that name, or else the one Rubrika ships), without repeats."""
    shipped = language_data.word_classes()
    out = list(group.terms)
    for name in group.classes:
        out += rubric.classes.get(name, shipped.get(name, ()))
    return list(dict.fromkeys(out))


def rubric_lexicon(rubric: Rubric) -> Lexicon:
    """The rubric's own lexicon: the shared tables plus every word of its terms that the
    normaliser cannot take back to a known root ("kerjasama", "multilateralisme"), so an
    affixed term word ("ditinggalkan") keeps matching its root's other forms."""
    make_doc = get_nlp().make_doc
    base = base_lexicon()
    terms = [term for _, k in rubric.concepts()
             for term in [*k.terms, *(t for g in k.groups for t in group_terms(rubric, g))]]
    words = {t.lower_ for term in terms for t in make_doc(term) if t.is_alpha}
    return for_roots(frozenset(w for w in words if base.normalize(w) == w))


def compile_rubric(rubric: Rubric) -> CompiledRubric:
    """Build the matchers for a rubric; RubricError for terms or patterns that cannot match."""
    lex = rubric_lexicon(rubric)
    nlp = pipeline_for(lex)
    positions = getattr(rubric, "_positions", None)
    problems: list[Problem] = []
    ruler = SpanRuler(nlp, name="rubrika_terms", spans_key=RULER_KEY, phrase_matcher_attr="NORM", validate=True,
                      overwrite=False)
    acronyms = SpanRuler(nlp, name="rubrika_acronyms", spans_key=RULER_KEY, phrase_matcher_attr="ORTH",
                         validate=True, overwrite=False)
    targets: dict[int, Target] = {}
    fuzzy: dict[str, int] = {}
    entries: list[dict[str, Any]] = []

    def report(path: tuple[str | int, ...], key: str, **args: Any) -> None:
        if positions is not None:
            problems.append(positions.problem(path, key, args=args))
        else:
            problems.append(Problem("<rubric>", 1, 1, key, args))

    matching = rubric.matching

    words: dict[tuple[str, str], set[str]] = {}
    near_words: dict[int, set[str]] = {}

    def add(target: Target, terms: list[str], patterns: list[list[dict[str, Any]]], path: tuple[str | int, ...],
            gaps: dict[str, int]) -> None:
        key = f"{target.criterion}/{target.concept}/{target.role}"
        near_key = key + "~near"
        concept_words = words.setdefault((target.criterion, target.concept), set())
        for i, term in enumerate(nlp.pipe(terms)):
            concept_words.update(t.norm_ for t in term if t.is_alpha and not t.is_stop and len(t.norm_) >= 4)
            phrases, term_patterns = _term_variants(term, fuzzy)
            if not phrases and not term_patterns:
                report(path + ("terms", i), "rubric.term_never", value=term.text)
            if phrases and matching.affixes:
                phrases += _affixed_variants(term, matching.affixes, lex.roots)
            entries.extend({"label": key, "pattern": p} for p in phrases + term_patterns)
            near = _gap_pattern(term, gaps.get(term.text, matching.gap)) if phrases else None
            if near is not None:
                entries.append({"label": near_key, "pattern": near})
                near_words.setdefault(nlp.vocab.strings.add(near_key), set()).update(
                    spec["NORM"] for spec in near if "NORM" in spec)
        targets[nlp.vocab.strings.add(near_key)] = Target(target.criterion, target.concept, target.role, near=True)
        for i, pattern in enumerate(patterns):
            reason = _pattern_problem(pattern)
            if reason:
                report(path + ("patterns", i), "rubric.pattern_never", detail=reason)
                continue
            try:
                Matcher(nlp.vocab, validate=True).add("check", [pattern])
            except (MatchPatternError, ValueError, TypeError, KeyError) as exc:
                report(path + ("patterns", i), "rubric.pattern_invalid", detail=" ".join(str(exc).split())[:300])
                continue
            entries.append({"label": key, "pattern": pattern})
        targets[nlp.vocab.strings.add(key)] = target

    headings: dict[str, PhraseMatcher] = {}
    for ci, criterion in enumerate(rubric.criteria):
        base = ("criteria", ci)
        if isinstance(criterion, ConceptsCriterion):
            for ki, concept in enumerate(criterion.concepts):
                cpath = base + ("concepts", ki)
                add(Target(criterion.id, concept.id, "term"), concept.terms, concept.patterns, cpath, concept.gaps)
                for gi, group in enumerate(concept.groups):
                    add(Target(criterion.id, concept.id, f"group:{group.name}"), group_terms(rubric, group),
                        group.patterns, cpath + ("groups", gi), group.gaps)
        elif isinstance(criterion, ReferencesCriterion):
            heading = PhraseMatcher(nlp.vocab, attr="LOWER")
            heading.add("heading", [nlp.make_doc(h.lower()) for h in criterion.headings])
            headings[criterion.id] = heading
    if problems:
        raise RubricError(problems)
    # A lone exact word ({"ORTH": "UN"}) is a phrase on ORTH: a PhraseMatcher is much faster
    # than the token Matcher with hundreds of one-token patterns.
    def exact(pattern: object) -> str | None:
        if isinstance(pattern, list) and len(pattern) == 1 and set(pattern[0]) == {"ORTH"}:
            return pattern[0]["ORTH"] if isinstance(pattern[0]["ORTH"], str) else None
        return None

    anchored = anchored_patterns.AnchoredPatterns()
    rest = []
    for entry in entries:
        specs = anchored_patterns.accepts(entry["pattern"]) if exact(entry["pattern"]) is None else None
        if specs is not None:
            anchored.add(nlp.vocab.strings.add(entry["label"]), specs)
        elif exact(entry["pattern"]) is None:
            rest.append(entry)
    ruler.add_patterns(rest)
    acronyms.add_patterns([{"label": e["label"], "pattern": word} for e in entries
                           if (word := exact(e["pattern"])) is not None])

    cues = PhraseMatcher(nlp.vocab, attr="LOWER")
    for cue_kind in ("after", "naming", "intro"):
        cues.add(cue_kind, [nlp.make_doc(cue) for cue in getattr(_DEFINITIONS, cue_kind)])

    references = Matcher(nlp.vocab)
    year = {"TEXT": {"REGEX": YEAR}}
    references.add("citation", [
        [{"ORTH": "("}, {"IS_PUNCT": False, "OP": "{1,8}"}, {"ORTH": ",", "OP": "?"}, year, {"ORTH": ")"}],
        [{"IS_TITLE": True}, {"LOWER": {"IN": ["dkk.", "dkk", "et", "al."]}, "OP": "*"}, {"ORTH": "("}, year,
         {"ORTH": ")"}],
    ], greedy="LONGEST")
    # A source named without a year ("Menurut KBBI, ...", "dikutip dari Kompas"): half a citation.
    data = language_data.get()
    cue = {"LOWER": {"IN": list(data.source_cues)}}
    after = {"LOWER": {"IN": ["dari", "oleh", "pada"]}, "OP": "?"}
    name = {"IS_TITLE": True, "LOWER": {"NOT_IN": list(data.not_sources)}}
    acronym = {"IS_UPPER": True, "IS_ALPHA": True, "LENGTH": {">=": 2}}
    kind = {"LOWER": {"IN": list(data.source_nouns)}}
    between = {"IS_PUNCT": False, "LOWER": {"NOT_IN": list(data.not_sources)}, "OP": "{0,2}"}
    # Each pattern starts with a source cue or one of NAMED_STARTS (find_references reads from the first).
    references.add("named", [[cue, after, name], [cue, after, acronym], [cue, after, kind, between, name],
                             [cue, after, kind, between, acronym],
                             # "dalam kamus besar Bahasa Indonesia, ...": a source named by its kind and name
                             [{"LOWER": NAMED_STARTS[0]}, kind, between, name], [{"LOWER": NAMED_STARTS[0]}, kind, between, acronym],
                             # a numbered note ("... [1]"): the source is named in a note
                             [{"ORTH": NAMED_STARTS[1]}, {"IS_DIGIT": True, "LENGTH": {"<=": 3}}, {"ORTH": "]"}],
                             # reported speech: "kata Menlu Retno", "..., ujarnya"
                             [{"LOWER": {"IN": list(data.said_cues)}}, name],
                             [{"LOWER": {"IN": list(data.said_self)}}]])
    # A group that earns partial credit alone names its concept (not a qualifier such as "negara")
    core_groups = frozenset((c.id, k.id, name) for c, k in rubric.concepts()
                            for rule in k.effective_rules() if rule.partial and len(rule.groups) == 1
                            for name in rule.groups)
    context_groups = frozenset((c.id, k.id, g.name) for c, k in rubric.concepts() for g in k.groups if g.context)
    return CompiledRubric(rubric, nlp, ruler, acronyms, targets, cues, headings, references, fuzzy, core_groups,
                          context_groups, {k: frozenset(v) for k, v in words.items()},
                          {k: frozenset(v) for k, v in near_words.items()}, anchored, lex,
                          learned=learned_model(rubric.id) if rubric.matching.learned else None)
