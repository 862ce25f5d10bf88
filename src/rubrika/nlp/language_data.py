"""Indonesian language knowledge as data: ``rubrika/data/indonesian.yaml``, loaded once.

Negators, conditionals, clause breaks, definition cues, verb affixes and abbreviations
live in that one file; the modules that use them read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Negation:
    window: int
    negators: frozenset[str]
    negator_prefixes: tuple[str, ...]
    not_negation_next: frozenset[str]
    not_negation_pairs: frozenset[tuple[str, str]]
    conditionals: frozenset[str]
    clause_breaks: frozenset[str]


@dataclass(frozen=True)
class Definitions:
    after: tuple[str, ...]
    naming: tuple[str, ...]
    intro: tuple[str, ...]
    source_cues: frozenset[str]
    connectives: frozenset[str]
    evaluative: frozenset[str]
    clause_breaks: frozenset[str]


@dataclass(frozen=True)
class Morphology:
    particles: tuple[str, ...]
    verb_suffixes: tuple[str, ...]
    verb_prefixes: tuple[tuple[str, tuple[str, ...]], ...]
    verb_starts: tuple[str, ...]
    word_prefixes: tuple[str, ...]
    word_suffixes: tuple[str, ...]
    lexicalised: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LanguageData:
    negation: Negation
    definitions: Definitions
    morphology: Morphology
    list_words: frozenset[str]
    proximity_breaks: tuple[str, ...]
    abbreviations: tuple[str, ...]
    sentence_final: frozenset[str]
    no_year: frozenset[str]
    source_cues: tuple[str, ...]
    not_sources: tuple[str, ...]
    source_nouns: tuple[str, ...] = ()
    said_cues: tuple[str, ...] = ()  # verbs of saying before a name: "kata Menlu Retno"
    said_self: tuple[str, ...] = ()  # ... or with -nya after a quotation: "ujarnya"
    clause_breaks: frozenset[str] = frozenset()  # what ends a clause for a rule `within: clause`


def raw() -> dict:
    """The data file as parsed YAML."""
    text = (resources.files("rubrika") / "data" / "indonesian.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=None)
def get() -> LanguageData:
    data = raw()
    neg, defs, morph = data["negation"], data["definitions"], data["morphology"]
    return LanguageData(
        negation=Negation(
            window=int(neg["window"]),
            negators=frozenset(neg["negators"]),
            negator_prefixes=tuple(neg["negator_prefixes"]),
            not_negation_next=frozenset(neg["not_negation_next"]),
            not_negation_pairs=frozenset(tuple(p) for p in neg["not_negation_pairs"]),
            conditionals=frozenset(neg["conditionals"]),
            clause_breaks=frozenset(neg["clause_breaks"]),
        ),
        definitions=Definitions(
            after=tuple(defs["after"]), naming=tuple(defs["naming"]), intro=tuple(defs["intro"]),
            source_cues=frozenset(defs["source_cues"]),
            connectives=frozenset(defs["connectives"]), evaluative=frozenset(defs["evaluative"]),
            clause_breaks=frozenset(defs["clause_breaks"]),
        ),
        morphology=Morphology(
            particles=tuple(morph["particles"]),
            verb_suffixes=tuple(morph["verb_suffixes"]),
            verb_prefixes=tuple((p, tuple(restores)) for p, restores in morph["verb_prefixes"]),
            verb_starts=tuple(morph["verb_starts"]),
            word_prefixes=tuple(morph["word_prefixes"]),
            word_suffixes=tuple(morph["word_suffixes"]),
            lexicalised={form: lexeme for lexeme, forms in morph.get("lexicalised", {}).items() for form in forms},
        ),
        list_words=frozenset(data["stuffing"]["list_words"]),
        proximity_breaks=tuple(data["proximity"]["breaks"]),
        abbreviations=tuple(data["abbreviations"]["extra"]),
        sentence_final=frozenset(data["abbreviations"]["sentence_final"]),
        no_year=frozenset(data["references"]["no_year"]),
        source_cues=tuple(data["references"]["source_cues"]),
        not_sources=tuple(data["references"]["not_sources"]),
        source_nouns=tuple(data["references"].get("source_nouns", ())),
        said_cues=tuple(data["references"].get("said_cues", ())),
        said_self=tuple(data["references"].get("said_self", ())),
        clause_breaks=frozenset(data["clauses"]["breaks"]),
    )


@lru_cache(maxsize=None)
def word_classes() -> dict[str, tuple[str, ...]]:
    """Classes of words and phrases a rubric's groups may name (``rubrika/data/word-classes.yaml``):
    kinds of global problems, great powers, verbs of domination and imposition ... ."""
    text = (resources.files("rubrika") / "data" / "word-classes.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    classes = data.get("classes") if isinstance(data, dict) else None
    if not isinstance(classes, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(w, str) and w.strip() for w in v)
            for k, v in classes.items()):
        raise ValueError("rubrika/data/word-classes.yaml: 'classes' must map names to lists of words")
    return {name: tuple(words) for name, words in classes.items()}


@lru_cache(maxsize=None)
def instance_classes() -> tuple[str, ...]:
    """The word classes a drafted rubric may attach to a point (``instances:`` in
    ``rubrika/data/word-classes.yaml``): kinds of instances, not the setting of many ideas."""
    text = (resources.files("rubrika") / "data" / "word-classes.yaml").read_text(encoding="utf-8")
    names = (yaml.safe_load(text) or {}).get("instances") or []
    known = word_classes()
    unknown = [n for n in names if n not in known]
    if not isinstance(names, list) or unknown:
        raise ValueError(f"rubrika/data/word-classes.yaml: 'instances' must list class names (unknown: {unknown})")
    return tuple(names)
