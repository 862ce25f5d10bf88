"""Examples: for each concept the article's own sentences as a ``match`` example (a definition's
sentence; a point's sentences, which hold both its groups), a sentence that uses a defined term
without defining it as ``partial``, and a sentence of another criterion's concept as
``no_match``. Each is kept only when the drafted rubric gives it that status, so ``rubric
test`` passes on the draft; a concept whose own sentences it does not find is marked."""

from __future__ import annotations

from rubrika.api import Checker
from rubrika.authoring.draft.article import Article, Sentence
from rubrika.authoring.draft.build import Draft, DraftConcept
from rubrika.authoring.examples import STATUS_OF_EXAMPLE, example_checker
from rubrika.readers.essay import Essay
from rubrika.rubric import load_rubric_text

MATCH_SENTENCES = 3  # a point's first sentences joined make its match example
CANDIDATES = 6  # sentences tried for each other kind


def _text(sentences: list[Sentence]) -> str:
    return " ".join(s.text.strip() for s in sentences[:MATCH_SENTENCES])


def candidates(draft: Draft, article: Article) -> dict[str, dict[str, list[str]]]:
    """Per concept id, the sentences to try for each kind of example, best first."""
    out: dict[str, dict[str, list[str]]] = {}
    owner = {}
    for criterion in draft.criteria:
        for k in criterion.concepts:
            for s in k.sentences:
                owner.setdefault((s.block, s.number), criterion.id)
    for criterion in draft.criteria:
        for k in criterion.concepts:
            match = [_text(k.sentences)]
            if not k.define and len(k.sentences) > MATCH_SENTENCES:
                match.append(" ".join(s.text.strip() for s in k.sentences))
            partial: list[str] = []
            if k.define:
                own = {(s.block, s.number) for s in k.sentences}
                words = [tuple(term.lower().split()) for term in k.terms]
                for s in article.sentences:
                    if (s.block, s.number) in own or article.blocks[s.block].kind == "heading":
                        continue
                    if any(_holds(s.lowers, w) for w in words):
                        partial.append(s.text.strip())
            others = [other for c in draft.criteria if c.id != criterion.id for other in c.concepts]
            no_match = [o.sentences[0].text.strip() for o in others if o.sentences]
            out[k.id] = {"match": match, "partial": partial[:CANDIDATES], "no_match": no_match[:CANDIDATES * 2]}
    return out


def _holds(words: tuple[str, ...], term: tuple[str, ...]) -> bool:
    return any(words[i:i + len(term)] == term for i in range(len(words) - len(term) + 1))


def choose_examples(draft: Draft, article: Article, yaml_text: str) -> None:
    """Fill every concept's examples with the first candidates the drafted rubric gives the
    promised status; mark a concept whose own sentences do not pass."""
    checker = example_checker(Checker(load_rubric_text(yaml_text, draft.file)))
    tried = candidates(draft, article)
    for criterion in draft.criteria:
        for k in criterion.concepts:
            for kind, expected in STATUS_OF_EXAMPLE.items():
                k.examples[kind] = []
                for sentence in tried[k.id][kind]:
                    if _status(checker, criterion.id, k, sentence) == expected:
                        k.examples[kind] = [sentence]
                        break
            if not k.examples["match"]:
                k.doubts.append("draft.doubt.no_match_example")


def _status(checker: Checker, criterion: str, concept: DraftConcept, sentence: str) -> str:
    result = checker.check(Essay(text=sentence)).result
    crit = next(c for c in result.criteria if c.id == criterion)
    return next(c.status for c in crit.concepts if c.id == concept.id)
