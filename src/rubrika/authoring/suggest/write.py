"""The new version of the rubric file: selected candidates (words and phrases a teacher reads)
join their concept's ``terms``, each with a comment giving its counts, and the version goes up.
Nothing is removed: risky matches are only reported. The file is edited by node position
(``rubrika.rubric.edit``), so every byte the change does not touch stays as the teacher wrote
it. A change that would make one of the rubric's own example sentences give another status is
held back, so ``rubric validate`` still passes; a rubric that would not load is never written."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from rubrika.api import Checker
from rubrika.atomic import write_output
from rubrika.authoring.examples import run_examples
from rubrika.authoring.suggest.facts import MAX_NGRAM
from rubrika.authoring.suggest.learn import Suggestions
from rubrika.authoring.suggest.report import share
from rubrika.messages import t
from rubrika.rubric import load_rubric_text
from rubrika.rubric.edit import Item, RubricText, child, edit_sequence, scalar
from rubrika.rubric.model import Concept, ConceptsCriterion

MAX_EXAMPLE_ROUNDS = 6


def bump_version(version: str) -> str:
    """1.0.0 -> 1.1.0, 2 -> 3, 1.4 -> 1.5; anything else gets ".1" appended."""
    parts = version.split(".")
    if all(p.isdigit() for p in parts):
        at = 1 if len(parts) >= 2 else 0
        parts[at] = str(int(parts[at]) + 1)
        parts[at + 1:] = ["0"] * len(parts[at + 1:])
        return ".".join(parts)
    return version + ".1"


@dataclass
class WriteSummary:
    version: str
    added: list[tuple[str, str]]  # (concept id, term)
    held_back: list[tuple[str, str]] = field(default_factory=list)  # (concept id, term)


def write_rubric(s: Suggestions, text: str, output: Path, lang: str = "id") -> WriteSummary:
    """Write the new version of the rubric file ``text`` to ``output``, after checking that it
    loads, compiles and still passes its own examples."""
    new_text, summary = checked_rubric_text(s, text, str(output), lang)
    output.parent.mkdir(parents=True, exist_ok=True)
    write_output(output, new_text)  # as a shell's > writes: a link's target, a device in place
    for cid, term in summary.held_back:
        for c in s.candidates.get(cid, []):
            if c.text == term:
                c.selected = False
    return summary


def checked_rubric_text(s: Suggestions, text: str, name: str, lang: str = "id") -> tuple[str, WriteSummary]:
    """The new rubric text, with every change held back that would make one of the rubric's own
    example sentences give a different status than it did (so ``rubric validate`` still passes)."""
    before = _failing_examples(Checker(load_rubric_text(text, name)))
    skip: set = set()
    held: list[tuple[str, str]] = []
    for _ in range(MAX_EXAMPLE_ROUNDS):
        new_text, summary = new_rubric_text(s, text, lang, frozenset(skip))
        checker = Checker(load_rubric_text(new_text, name))  # RubricError: never write a rubric that does not load
        broken = {k: v for k, v in _failing_examples(checker).items() if k not in before}
        if not broken:
            summary.held_back = held
            return new_text, summary
        if not _hold_back(s, broken, checker.compiled.nlp, skip, held):
            break
    # Nothing else helped: only the version changes.
    every = frozenset((cid, c.norm) for cid, found in s.candidates.items() for c in found)
    new_text, summary = new_rubric_text(s, text, lang, every)
    held += [(cid, c.text) for cid, found in s.candidates.items() for c in found
             if c.selected and (cid, c.norm) not in skip]
    summary.held_back = held
    return new_text, summary


def _failing_examples(checker: Checker) -> dict[tuple, str]:
    """(criterion, concept, kind, index) -> sentence of every example that gives the wrong status."""
    return {(r.criterion, r.concept, r.kind, r.index): r.sentence for r in run_examples(checker) if not r.ok}


def _hold_back(s: Suggestions, broken: dict[tuple, str], nlp, skip: set, held: list[tuple[str, str]]) -> bool:
    """Add to ``skip`` the candidates a broken example sentence holds (else those of its own
    concept); False when nothing is left to hold back."""
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
    return progress


def _sentence_ngrams(sentence: str, nlp) -> set[tuple[str, ...]]:
    words = [tok.norm_ for tok in nlp(sentence) if tok.is_alpha]
    return {tuple(words[i:i + n]) for n in range(1, MAX_NGRAM + 1) for i in range(len(words) - n + 1)}


def new_rubric_text(s: Suggestions, text: str, lang: str = "id",
                    skip: frozenset = frozenset()) -> tuple[str, WriteSummary]:
    """The rubric file's text with candidates added and the version bumped.

    ``skip`` holds (concept id, NORM n-gram) of candidates to leave out."""
    doc = RubricText(text)
    root = doc.root()
    summary = WriteSummary(bump_version(s.rubric.version), [])
    doc.replace(child(root, "version"), json.dumps(summary.version))
    for criterion, c_node in zip(s.rubric.criteria, child(root, "criteria").value):
        if not isinstance(criterion, ConceptsCriterion):
            continue
        for concept, k_node in zip(criterion.concepts, child(c_node, "concepts").value):
            _edit_concept(doc, s, concept, k_node, summary, lang, skip)
    return doc.result(), summary


def _edit_concept(doc: RubricText, s: Suggestions, concept: Concept, node: yaml.MappingNode, summary: WriteSummary, lang: str,
                  skip: frozenset) -> None:
    """One concept's new terms, each with a comment giving its counts. Nothing is removed or
    narrowed: a term that fires on negative essays is reported (``Suggestions.risky``) for the
    teacher to judge, since a handful of negatives is no proof that a term is wrong, and a
    narrowed term would need token patterns no teacher can read."""
    cid = concept.id
    added = [c for c in s.candidates.get(cid, []) if c.selected and (cid, c.norm) not in skip]
    if not added:
        return
    new_terms = [Item(scalar(c.text), t("suggest.comment_added", lang, pos=c.pos, neg=c.neg,
                                        precision=share(c.precision, lang))) for c in added]
    edit_sequence(doc, node, "terms", (), new_terms, after="id", before="feedback")
    summary.added += [(cid, c.text) for c in added]
