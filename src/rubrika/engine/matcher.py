"""Compile a rubric's terms and token patterns into one spaCy Matcher.

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
from dataclasses import dataclass, field

from spacy.attrs import IS_ALPHA, LOWER, NORM
from spacy.errors import MatchPatternError
from spacy.matcher import Matcher, PhraseMatcher
from spacy.matcher.levenshtein import levenshtein_compare
from spacy.tokens import Doc

from rubrika.errors import Problem, RubricError
from rubrika.nlp import lexicon
from rubrika.nlp.pipeline import get_nlp
from rubrika.rubric.model import ConceptsCriterion, ReferencesCriterion, Rubric

FUZZY_MIN_LETTERS = 6
FUZZY2_MIN_LETTERS = 10
_HYPHEN = {"ORTH": {"IN": ["-", "–"]}, "OP": "?"}
_STRING_ATTRS = {"ORTH", "TEXT", "LOWER", "NORM", "LEMMA"}
MAX_REGEX = 300  # characters; the other bounds on REGEX and OP are in rubrika.rubric.patterns


# Cues of a defining sentence, matched on LOWER ("merupakan" must not become "rupa"):
# AFTER cues follow the term ("X adalah ..."); NAMING cues precede a term that the
# words before them describe ("... yang disebut X"); INTRO cues let the term stand
# later in its sentence ("Menurut KBBI, pengertian X adalah ...").
DEFINITION_AFTER = (
    "adalah", "ialah", "merupakan", "yaitu", "yakni", "berarti", "artinya",
    "diartikan sebagai", "diartikan", "didefinisikan sebagai", "didefinisikan",
    "dimaknai sebagai", "dipahami sebagai", "dimaksudkan sebagai", "mengacu pada",
    "merujuk pada", "bermakna", "maksudnya",
)
DEFINITION_NAMING = (
    "disebut", "disebut sebagai", "dinamakan", "dikenal sebagai", "dikenal dengan", "diistilahkan",
)
DEFINITION_INTRO = ("yang dimaksud dengan", "dimaksud dengan", "pengertian", "definisi", "istilah", "konsep")
YEAR = r"^(1[89]\d\d|20\d\d)[a-z]?$"


@dataclass(frozen=True)
class Target:
    """What a match id stands for."""

    criterion: str
    concept: str
    role: str  # "term" or "group:<name>"


@dataclass
class CompiledRubric:
    rubric: Rubric
    matcher: Matcher
    targets: dict[int, Target]
    cues: PhraseMatcher
    headings: dict[str, PhraseMatcher] = field(default_factory=dict)
    references: Matcher | None = None
    fuzzy: dict[str, int] = field(default_factory=dict)  # term word -> edits allowed
    phrases: PhraseMatcher | None = None  # terms, on NORM
    _repairs: dict[str, str | None] = field(default_factory=dict)

    acronyms: PhraseMatcher | None = None  # one-token terms such as "UN", on ORTH
    core_groups: frozenset = frozenset()  # (criterion, concept, group) of partial-credit groups

    def find(self, doc) -> list[tuple[int, int, int]]:
        """All term and pattern matches as (match_id, start, end)."""
        found = []
        for phrases in (self.phrases, self.acronyms):
            if phrases is not None and len(phrases):
                found += phrases(doc)
        if len(self.matcher):
            found += self.matcher(doc)
        return found

    def repair_typos(self, doc) -> None:
        """Give a misspelt word the NORM of the term word it is one (or two) edits from.

        Only words the lexicon does not know are repaired, so a real word such as
        ``demografi`` never passes for ``demokrasi``. spaCy's own Levenshtein
        comparison is used; doing it here once per unknown word, instead of as FUZZY
        predicates in every pattern, keeps matching ~30x faster.
        """
        if not self.fuzzy:
            return
        known = lexicon.known_words()
        repairs = self._repairs
        strings = doc.vocab.strings
        for i, (norm_id, lower_id, is_alpha) in enumerate(doc.to_array([NORM, LOWER, IS_ALPHA]).tolist()):
            if not is_alpha:
                continue
            norm = strings[norm_id]
            if norm not in repairs:
                repairs[norm] = self._repair(norm, strings[lower_id], known)
            if repairs[norm]:
                doc[i].norm_ = repairs[norm]

    def _repair(self, norm: str, lower: str, known: frozenset[str]) -> str | None:
        if len(norm) < FUZZY_MIN_LETTERS - 1 or norm in self.fuzzy or norm in known or lower in known:
            return None
        return next((word for word, edits in self.fuzzy.items()
                     if abs(len(word) - len(norm)) <= edits and levenshtein_compare(norm, word, edits)), None)


def _term_variants(term: str | Doc, nlp, fuzzy: dict[str, int]) -> tuple[list[Doc], list[list[dict]]]:
    """Phrase docs for one term (matched on NORM), or a token pattern when it holds a
    short acronym that must match exactly. Long words go into ``fuzzy`` for typo repair."""
    words = [t for t in (term if isinstance(term, Doc) else nlp(term)) if not t.is_space and not t.is_punct]
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
        pattern: list[dict] = []
        for i, spec in enumerate(specs):
            if i:
                pattern.append(dict(_HYPHEN))
            pattern.append(spec)
        return [], [pattern]
    texts = [t.text for t in words]
    variants = [texts] + [texts[:i] + ["-"] + texts[i:] for i in range(1, len(texts))]
    return [Doc(nlp.vocab, words=v) for v in variants], []


def _pattern_problem(pattern: list[dict]) -> str | None:
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
    from rubrika.i18n import t
    from rubrika.rubric.patterns import token_problems

    for spec in pattern:  # the loader refuses these with a position; a Rubric built in code meets them here
        for _, key, args in token_problems(spec):
            return t(key, "en", **args)
    return None


def compile_rubric(rubric: Rubric) -> CompiledRubric:
    """Build the matchers for a rubric; RubricError for terms or patterns that cannot match."""
    nlp = get_nlp()
    positions = getattr(rubric, "_positions", None)
    problems: list[Problem] = []
    matcher = Matcher(nlp.vocab, validate=True)
    phrases = PhraseMatcher(nlp.vocab, attr="NORM")
    acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
    targets: dict[int, Target] = {}
    fuzzy: dict[str, int] = {}

    def report(path: tuple, key: str, **args) -> None:
        if positions is not None:
            problems.append(positions.problem(path, key, args=args))
        else:
            problems.append(Problem("<rubric>", 1, 1, key, args))

    def add(target: Target, terms: list[str], patterns: list[list[dict]], path: tuple) -> None:
        key = f"{target.criterion}/{target.concept}/{target.role}"
        compiled: list[list[dict]] = []
        docs: list[Doc] = []
        for i, term in enumerate(nlp.pipe(terms)):
            term_docs, term_patterns = _term_variants(term, nlp, fuzzy)
            if not term_docs and not term_patterns:
                report(path + ("terms", i), "rubric.term_never", value=term.text)
            docs.extend(term_docs)
            compiled.extend(term_patterns)
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
            compiled.append(pattern)
        single = [p[0]["ORTH"] for p in compiled if len(p) == 1 and set(p[0]) == {"ORTH"}]
        compiled = [p for p in compiled if not (len(p) == 1 and set(p[0]) == {"ORTH"})]
        if single:
            acronyms.add(key, [Doc(nlp.vocab, words=[w]) for w in single])
        if compiled:
            matcher.add(key, compiled)
        if docs:
            phrases.add(key, docs)
        targets[nlp.vocab.strings.add(key)] = target

    headings: dict[str, PhraseMatcher] = {}
    for ci, criterion in enumerate(rubric.criteria):
        base = ("criteria", ci)
        if isinstance(criterion, ConceptsCriterion):
            for ki, concept in enumerate(criterion.concepts):
                cpath = base + ("concepts", ki)
                add(Target(criterion.id, concept.id, "term"), concept.terms, concept.patterns, cpath)
                for gi, group in enumerate(concept.groups):
                    add(Target(criterion.id, concept.id, f"group:{group.name}"), group.terms, group.patterns,
                        cpath + ("groups", gi))
        elif isinstance(criterion, ReferencesCriterion):
            heading = PhraseMatcher(nlp.vocab, attr="LOWER")
            heading.add("heading", [nlp.make_doc(h.lower()) for h in criterion.headings])
            headings[criterion.id] = heading
    if problems:
        raise RubricError(problems)

    cues = PhraseMatcher(nlp.vocab, attr="LOWER")
    cues.add("after", [nlp.make_doc(cue) for cue in DEFINITION_AFTER])
    cues.add("naming", [nlp.make_doc(cue) for cue in DEFINITION_NAMING])
    cues.add("intro", [nlp.make_doc(cue) for cue in DEFINITION_INTRO])

    references = Matcher(nlp.vocab)
    year = {"TEXT": {"REGEX": YEAR}}
    references.add("citation", [
        [{"ORTH": "("}, {"IS_PUNCT": False, "OP": "{1,8}"}, {"ORTH": ",", "OP": "?"}, year, {"ORTH": ")"}],
        [{"IS_TITLE": True}, {"LOWER": {"IN": ["dkk.", "dkk", "et", "al."]}, "OP": "*"}, {"ORTH": "("}, year,
         {"ORTH": ")"}],
    ], greedy="LONGEST")
    core_groups = frozenset((c.id, k.id, g.name) for c in rubric.criteria for k in getattr(c, "concepts", [])
                            for g in k.groups if g.partial)
    return CompiledRubric(rubric, matcher, targets, cues, headings, references, fuzzy, phrases, acronyms=acronyms,
                          core_groups=core_groups)
