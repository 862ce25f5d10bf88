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
  ``demografi`` never passes for ``demokrasi``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.errors import MatchPatternError
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Token

from rubrika.errors import Problem, RubricError
from rubrika.nlp import lexicon
from rubrika.nlp.pipeline import get_nlp
from rubrika.rubric.model import ConceptsCriterion, ReferencesCriterion, Rubric

FUZZY_MIN_LETTERS = 6
FUZZY2_MIN_LETTERS = 10
_HYPHEN = {"ORTH": {"IN": ["-", "–"]}, "OP": "?"}
_STRING_ATTRS = {"ORTH", "TEXT", "LOWER", "NORM", "LEMMA"}


def _is_unknown(token: Token) -> bool:
    known = lexicon.known_words()
    return token.is_alpha and token.lower_ not in known and token.norm_ not in known


if not Token.has_extension("rk_unknown"):
    Token.set_extension("rk_unknown", getter=_is_unknown)

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
    cues: Matcher
    headings: dict[str, PhraseMatcher] = field(default_factory=dict)
    references: Matcher | None = None


def _term_patterns(term: str, nlp) -> list[list[dict]]:
    """Token patterns for one term: the exact form, then one typo variant a long word."""
    words = [t for t in nlp(term) if not t.is_space and not t.is_punct]
    if not words:
        return []
    specs: list[dict] = []
    fuzzy_at: list[int] = []
    for token in words:
        if token.is_upper and len(token.text) <= 2 and token.is_alpha:
            specs.append({"ORTH": token.text})
            continue
        specs.append({"NORM": token.norm_})
        letters = len(token.norm_)
        if token.is_alpha and letters >= FUZZY_MIN_LETTERS:
            fuzzy_at.append(len(specs) - 1)
    exact = _with_hyphens(specs)
    patterns = [exact]
    for i in fuzzy_at:
        norm = specs[i]["NORM"]
        op = "FUZZY2" if len(norm) >= FUZZY2_MIN_LETTERS else "FUZZY1"
        variant = list(specs)
        variant[i] = {"NORM": {op: norm}, "_": {"rk_unknown": True}}
        patterns.append(_with_hyphens(variant))
    return patterns


def _with_hyphens(specs: list[dict]) -> list[dict]:
    out: list[dict] = []
    for i, spec in enumerate(specs):
        if i:
            out.append(dict(_HYPHEN))
        out.append(spec)
    return out


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
                try:
                    re.compile(value["REGEX"])
                except re.error as exc:
                    return f"REGEX {value['REGEX']!r}: {exc}"
            for v in values if isinstance(values, list) else []:
                if not isinstance(v, str) or attr_u not in _STRING_ATTRS:
                    continue
                if any(ch.isspace() for ch in v):
                    return f"{attr}: {v!r} holds a space, but one token never does"
                if attr_u in ("LOWER", "NORM") and v != v.lower():
                    return f"{attr}: {v!r} has capitals, but {attr} values are lowercase"
    return None


def compile_rubric(rubric: Rubric) -> CompiledRubric:
    """Build the matchers for a rubric; RubricError for terms or patterns that cannot match."""
    nlp = get_nlp()
    positions = getattr(rubric, "_positions", None)
    problems: list[Problem] = []
    matcher = Matcher(nlp.vocab, validate=True)
    targets: dict[int, Target] = {}

    def report(path: tuple, key: str, **args) -> None:
        if positions is not None:
            problems.append(positions.problem(path, key, args=args))
        else:
            problems.append(Problem("<rubric>", 1, 1, key, args))

    def add(target: Target, terms: list[str], patterns: list[list[dict]], path: tuple) -> None:
        key = f"{target.criterion}/{target.concept}/{target.role}"
        compiled: list[list[dict]] = []
        for i, term in enumerate(terms):
            found = _term_patterns(term, nlp)
            if not found:
                report(path + ("terms", i), "rubric.term_never", value=term)
            compiled.extend(found)
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
        if compiled:
            matcher.add(key, compiled)
            targets[nlp.vocab.strings[key]] = target

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
            phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
            phrases.add("heading", [nlp.make_doc(h.lower()) for h in criterion.headings])
            headings[criterion.id] = phrases
    if problems:
        raise RubricError(problems)

    cues = Matcher(nlp.vocab)
    cues.add("after", [[{"LOWER": w} for w in cue.split()] for cue in DEFINITION_AFTER])
    cues.add("naming", [[{"LOWER": w} for w in cue.split()] for cue in DEFINITION_NAMING])
    cues.add("intro", [[{"LOWER": w} for w in cue.split()] for cue in DEFINITION_INTRO])

    references = Matcher(nlp.vocab)
    year = {"TEXT": {"REGEX": YEAR}}
    references.add("year", [[year], [{"LOWER": {"IN": ["n.d.", "t.t.", "tanpa"]}}]])
    references.add("url", [[{"LIKE_URL": True}]])
    references.add("citation", [
        [{"ORTH": "("}, {"IS_PUNCT": False, "OP": "{1,8}"}, {"ORTH": ",", "OP": "?"}, year, {"ORTH": ")"}],
        [{"IS_TITLE": True}, {"LOWER": {"IN": ["dkk.", "dkk", "et", "al."]}, "OP": "*"}, {"ORTH": "("}, year,
         {"ORTH": ")"}],
    ])
    return CompiledRubric(rubric, matcher, targets, cues, headings, references)
