"""The new version of the rubric file: selected candidates join their concept's ``terms`` (each
with a comment giving its counts), a risky term is replaced by token patterns that match it on
NORM but not the risky surface forms (``{"NORM": ..., "LOWER": {"NOT_IN": [...]}}``), and the
version goes up. The file is edited by node position (``rubrika.rubric.edit``), so every byte
the change does not touch stays as the teacher wrote it. A change that would make one of the
rubric's own example sentences give another status is held back, so ``rubric validate`` still
passes; a rubric that would not load is never written."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from rubrika.api import Checker
from rubrika.atomic import write_text
from rubrika.authoring.examples import run_examples
from rubrika.authoring.suggest.facts import MAX_NGRAM, TermRef
from rubrika.authoring.suggest.learn import Risky, Suggestions
from rubrika.authoring.suggest.report import share
from rubrika.messages import t
from rubrika.nlp import language_data
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
    removed: list[tuple[str, str, list[str]]]  # (concept id, term, forms no longer matched)
    held_back: list[tuple[str, str]] = field(default_factory=list)  # (concept id, term or risky term)


def write_rubric(s: Suggestions, text: str, output: Path, lang: str = "id") -> WriteSummary:
    """Write the new version of the rubric file ``text`` to ``output``, after checking that it
    loads, compiles and still passes its own examples."""
    new_text, summary = checked_rubric_text(s, text, str(output), lang)
    output.parent.mkdir(parents=True, exist_ok=True)
    write_text(output, new_text)
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
    keep: set = set()
    held: list[tuple[str, str]] = []
    for _ in range(MAX_EXAMPLE_ROUNDS):
        new_text, summary = new_rubric_text(s, text, lang, frozenset(skip), frozenset(keep))
        checker = Checker(load_rubric_text(new_text, name))  # RubricError: never write a rubric that does not load
        broken = {k: v for k, v in _failing_examples(checker).items() if k not in before}
        if not broken:
            summary.held_back = held
            return new_text, summary
        if not _hold_back(s, broken, checker.compiled.nlp, summary, skip, keep, held):
            break
    # Nothing else helped: only the version changes.
    every = frozenset((cid, c.norm) for cid, found in s.candidates.items() for c in found)
    new_text, summary = new_rubric_text(s, text, lang, every, frozenset(s.risky))
    held += [(cid, c.text) for cid, found in s.candidates.items() for c in found
             if c.selected and (cid, c.norm) not in skip]
    summary.held_back = held
    return new_text, summary


def _failing_examples(checker: Checker) -> dict[tuple, str]:
    """(criterion, concept, kind, index) -> sentence of every example that gives the wrong status."""
    return {(r.criterion, r.concept, r.kind, r.index): r.sentence for r in run_examples(checker) if not r.ok}


def _hold_back(s: Suggestions, broken: dict[tuple, str], nlp, summary: WriteSummary, skip: set, keep: set,
               held: list[tuple[str, str]]) -> bool:
    """Add to ``skip`` the candidates a broken example sentence holds (else those of its own
    concept), or to ``keep`` its concept's narrowed terms; False when nothing is left to hold back."""
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
    return progress


def _sentence_ngrams(sentence: str, nlp) -> set[tuple[str, ...]]:
    words = [tok.norm_ for tok in nlp(sentence) if tok.is_alpha]
    return {tuple(words[i:i + n]) for n in range(1, MAX_NGRAM + 1) for i in range(len(words) - n + 1)}


def new_rubric_text(s: Suggestions, text: str, lang: str = "id", skip: frozenset = frozenset(),
                    keep: frozenset = frozenset()) -> tuple[str, WriteSummary]:
    """The rubric file's text with candidates added, risky forms taken out and the version bumped.

    ``skip`` holds (concept id, NORM n-gram) of candidates to leave out, ``keep`` the concept ids
    whose risky terms are left as they are."""
    doc = RubricText(text)
    root = doc.root()
    summary = WriteSummary(bump_version(s.rubric.version), [], [])
    doc.replace(child(root, "version"), json.dumps(summary.version))
    for criterion, c_node in zip(s.rubric.criteria, child(root, "criteria").value):
        if not isinstance(criterion, ConceptsCriterion):
            continue
        for concept, k_node in zip(criterion.concepts, child(c_node, "concepts").value):
            _edit_concept(doc, s, concept, k_node, summary, lang, skip, keep)
    return doc.result(), summary


def _edit_concept(doc: RubricText, s: Suggestions, concept: Concept, node: yaml.MappingNode, summary: WriteSummary, lang: str,
                  skip: frozenset, keep: frozenset) -> None:
    """One concept's new terms, and its risky terms (and its groups') replaced by patterns."""
    cid = concept.id
    added = [c for c in s.candidates.get(cid, []) if c.selected and (cid, c.norm) not in skip]
    new_terms = [Item(scalar(c.text), t("suggest.comment_added", lang, pos=c.pos, neg=c.neg,
                                        precision=share(c.precision, lang))) for c in added]
    risky_by_ref: dict[tuple, list[Risky]] = defaultdict(list)
    for r in s.risky.get(cid, []):
        if not r.ref.is_pattern and cid not in keep:
            risky_by_ref[r.ref.key].append(r)
    group_nodes = child(node, "groups").value if concept.groups else []
    places = [("term", node, concept.gaps)] + [(f"group:{g.name}", n, g.gaps) for g, n in zip(concept.groups, group_nodes)]
    for role, place, gaps in places:
        drop, patterns = _narrowed(s, cid, role, gaps, risky_by_ref, summary, lang)
        anchor = "id" if role == "term" else "name"  # a concept's terms read best before its feedback
        edit_sequence(doc, place, "terms", drop, new_terms if role == "term" else [], after=anchor, before="feedback")
        edit_sequence(doc, place, "patterns", (), patterns, after=anchor, before="feedback")
    summary.added += [(cid, c.text) for c in added]


def _narrowed(s: Suggestions, cid: str, role: str, gaps: dict[str, int], risky_by_ref: dict[tuple, list[Risky]],
              summary: WriteSummary, lang: str) -> tuple[set[int], list[Item]]:
    """The risky terms of one place (a concept's terms, or a group's): the indexes to drop, and
    the patterns that take their place."""
    drop: set[int] = set()
    patterns: list[Item] = []
    for found in risky_by_ref.values():
        ref = found[0].ref
        if ref.role != role:
            continue
        forms = [r.form for r in found]
        made = _exclusion_patterns(ref, forms, gaps.get(ref.text, s.rubric.matching.gap))
        if made is None:
            continue
        drop.add(ref.index)
        comment = t("suggest.comment_removed", lang, term=ref.text, forms=", ".join(forms),
                    pos=sum(r.pos for r in found), neg=sum(r.neg for r in found))
        patterns += [Item(json.dumps(p, ensure_ascii=False), comment) for p in made]
        summary.removed.append((cid, ref.text, forms))
    return drop, patterns


def _exclusion_patterns(ref: TermRef, forms: list[str], gap: int) -> list[list[dict]] | None:
    """The term on NORM, minus the risky surface forms (LOWER NOT_IN), as token patterns: the
    words side by side (a hyphen allowed), and, as the engine does for terms, up to ``gap``
    other words between them inside one clause."""
    excluded: list[set[str]] = [set() for _ in ref.norms]
    for form in forms:
        words = form.split()
        if len(words) != len(ref.norms):
            return None
        for i, (word, lower) in enumerate(zip(words, ref.lowers)):
            if word != lower:
                excluded[i].add(word)
    specs = []
    for norm, not_in in zip(ref.norms, excluded):
        spec: dict[str, Any] = {"NORM": norm}
        if not_in:
            spec["LOWER"] = {"NOT_IN": sorted(not_in)}
        specs.append(spec)
    variants: list[dict[str, Any]] = [{"ORTH": {"IN": ["-", "\u2013"]}, "OP": "?"}]
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
