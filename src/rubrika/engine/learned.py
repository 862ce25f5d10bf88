"""A second reading, learned from labelled real writing: for a concept the rubric's rules find
missing, is a sentence that already holds part of it (a group that is not mere context) written
the way readers marked the idea?

Rules read what a rubric author foresaw; real writing states ideas through cases and wordings
nobody listed ("Amerika Serikat keluar dari Perjanjian Paris karena dianggap merugikan
industrinya"). A linear model per concept, trained on the sentences two independent readers
marked as expressing the idea in a corpus of real texts (``benchmarks/real_corpus/``,
``train_learned.py``), scores such a sentence by its words (normal forms), word pairs and the
word classes (``rubrika/data/word-classes.yaml``) its phrases belong to.

What it may do is narrow, so that a teacher can trust it:

- it only ever turns ``missing`` into ``partial``, with ``confidence: low`` (the class overview
  marks the cell for review); it never changes what the rules found;
- it only reads sentences that hold a match of one of the concept's own groups that is not
  context (naming the UN, a country or "diplomasi" alone never earns credit, however the
  sentence scores); the best such sentence earns the credit when it scores at or above the
  threshold, or when the whole text does at or above the text threshold (a second model per
  concept, of whole texts' words and classes: readers mark ideas a text states across
  sentences that no single sentence carries alone);
- a sentence whose every match is weak (a bare list, a negation) earns nothing;
- the evidence it gives is the group matches in that sentence, shown as every other evidence.

A model belongs to one rubric (by id) and knows its concepts by id; a rubric turns it off with
``matching: {learned: false}``. The model files hold weights of single words, word pairs and
class names, never a sentence of the texts they were learned from.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rubrika.engine.analysis import Analysis

FORMAT = 2
FOLDER = "learned"  # rubrika/data/learned/<rubric id>.json
MEMO = "learned-features"  # Analysis.memo key: sentence -> its features
TEXT_MEMO = "learned-text-features"  # Analysis.memo key: the whole text's features
CLASSES_MEMO = "learned-classes"  # Analysis.memo key: sentence -> its class features


@dataclass(frozen=True)
class ConceptModel:
    bias: float
    weights: dict[str, float]
    text: ConceptModel | None = None  # the model of whole texts (text_features), if learned

    def probability(self, features: frozenset[str]) -> float:
        weights = self.weights
        # fsum: the exact sum whatever the order, and a set's order follows the process's string
        # hashes (with sum(), a sentence near a tie or the threshold read differently per run)
        z = self.bias + math.fsum(map(weights.__getitem__, features & weights.keys()))
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


@dataclass(frozen=True)
class LearnedModel:
    rubric: str  # the rubric id it was trained for
    threshold: float  # a sentence at or above this probability expresses (part of) the idea
    phrases: PhraseIndex  # the phrases of the word classes, by their first word (phrase_index)
    concepts: dict[str, ConceptModel]
    digest: str = ""  # sha256 of the model file: a cached result keys it (rubrika.batch.cache.salt_of)
    text_threshold: float = 1.0  # a whole text at or above this probability reads like the idea

    def credit(self, concept_id: str, groups: dict[str, list[tuple[int, int]]], context: frozenset[str],
               analysis: Analysis) -> list[tuple[int, int, str]]:
        """(start, end, group) of the non-context group matches in the best sentence, when that
        sentence scores at or above the threshold, or when the whole text scores at or above
        the text threshold (the sentence is then the text's best place for the idea); [] when
        neither does, or when no sentence holds a non-context group match."""
        best = self.best(concept_id, groups, context, analysis)
        if best is None:
            return []
        if best[0] >= self.threshold:
            return best[2]
        score = self.text_score(concept_id, analysis)
        return best[2] if score is not None and score >= self.text_threshold else []

    def text_score(self, concept_id: str, analysis: Analysis) -> float | None:
        """How far the whole text reads like the texts where readers found the idea; None
        without a text model for the concept."""
        model = self.concepts.get(concept_id)
        if model is None or model.text is None:
            return None
        feats = analysis.memo.get(TEXT_MEMO)
        if feats is None:
            sentences = range(len(analysis.sentences))
            feats = analysis.memo[TEXT_MEMO] = text_features(
                [sentence_words(analysis, s) for s in sentences], self.phrases,
                [self._classes(analysis, s) for s in sentences])
        return model.text.probability(feats)

    def best(self, concept_id: str, groups: dict[str, list[tuple[int, int]]], context: frozenset[str],
             analysis: Analysis) -> tuple[float, int, list[tuple[int, int, str]]] | None:
        """The sentence holding a non-context group match that scores highest: (probability,
        sentence, its group matches as (start, end, group)); None without such a sentence."""
        model = self.concepts.get(concept_id)
        if model is None:
            return None
        by_sentence: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        for name, spans in groups.items():
            if name not in context:
                for start, end in spans:
                    by_sentence[analysis.sent_of[start]].append((start, end, name))
        best: tuple[float, int, list[tuple[int, int, str]]] | None = None
        for sentence in sorted(by_sentence):
            p = model.probability(self.sentence_features(analysis, sentence))
            if best is None or p > best[0]:
                best = (p, sentence, sorted(by_sentence[sentence]))
        return best

    def sentence_features(self, analysis: Analysis, sentence: int) -> frozenset[str]:
        memo: dict[int, frozenset[str]] = analysis.memo.setdefault(MEMO, {})
        feats = memo.get(sentence)
        if feats is None:
            feats = memo[sentence] = features(sentence_words(analysis, sentence), self.phrases,
                                              self._classes(analysis, sentence))
        return feats

    def _classes(self, analysis: Analysis, sentence: int) -> set[str]:
        """The class features of a sentence, found once for its sentence and text features."""
        memo: dict[int, set[str]] = analysis.memo.setdefault(CLASSES_MEMO, {})
        found = memo.get(sentence)
        if found is None:
            found = memo[sentence] = set()
            _add_classes(sentence_words(analysis, sentence), self.phrases, found)
        return found


def sentence_words(analysis: Analysis, sentence: int) -> list[str]:
    """The normal forms of a sentence's words (no punctuation, numbers or symbols)."""
    start, end = analysis.sentences[sentence]
    _, norms, alpha = analysis.token_table
    return [norms[i] for i in range(start, end) if alpha[i]]


# first word -> (the phrase's words, its class features "c:<class>"), for each phrase of a class
PhraseIndex = dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]


def phrase_index(phrases: dict[str, Sequence[str]]) -> PhraseIndex:
    """Index phrases of word classes (normal forms joined by " ") -> their classes."""
    index: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = defaultdict(list)
    for phrase, classes in phrases.items():
        words = tuple(phrase.split(" "))
        index[words[0]].append((words, tuple("c:" + c for c in classes)))
    return {first: tuple(entries) for first, entries in index.items()}


def features(words: Sequence[str], phrases: PhraseIndex, classes: set[str] | None = None) -> frozenset[str]:
    """A sentence's features: ``u:`` each word, ``b:`` each pair of neighbouring words, ``c:``
    each word class one of its phrases belongs to (``classes``, when they are already known).
    Training and checking share this."""
    out = {"u:" + w for w in words}
    out.update(["b:" + a + "_" + b for a, b in zip(words, words[1:])])
    if classes is None:
        _add_classes(words, phrases, out)
    else:
        out |= classes
    return frozenset(out)


def text_features(sentences: Sequence[Sequence[str]], phrases: PhraseIndex,
                  classes: Sequence[set[str]] | None = None) -> frozenset[str]:
    """A whole text's features: the ``u:`` and ``c:`` features of its sentences (``features``
    without the pairs; a phrase never runs across two sentences), each word's made once;
    ``classes``: each sentence's class features, when they are already known."""
    seen: set[str] = set()
    out: set[str] = set()
    for i, words in enumerate(sentences):
        seen.update(words)
        if classes is None:
            _add_classes(words, phrases, out)
        else:
            out |= classes[i]
    out.update(["u:" + w for w in seen])
    return frozenset(out)


def _add_classes(words: Sequence[str], phrases: PhraseIndex, out: set[str]) -> None:
    """Add to ``out`` the class feature of every phrase of a word class the words hold."""
    for i, word in enumerate(words):
        entries = phrases.get(word)
        if entries:
            for phrase, classes in entries:
                if len(phrase) == 1 or tuple(words[i:i + len(phrase)]) == phrase:
                    out.update(classes)


def _concept_model(m: dict[str, Any]) -> ConceptModel:
    return ConceptModel(float(m["bias"]), {f: float(w) for f, w in m["weights"].items()},
                        _concept_model(m["text"]) if m.get("text") else None)


def from_data(data: dict[str, Any], digest: str = "") -> LearnedModel:
    if data.get("format") != FORMAT:
        raise ValueError(f"learned model format {data.get('format')!r}, expected {FORMAT}")
    return LearnedModel(data["rubric"], float(data["threshold"]), phrase_index(data["phrases"]),
                        {cid: _concept_model(m) for cid, m in data["concepts"].items()}, digest,
                        float(data.get("text_threshold", 1.0)))


@lru_cache(maxsize=8)
def load(rubric_id: str) -> LearnedModel | None:
    """The shipped model for a rubric id, or None."""
    path = resources.files("rubrika") / "data" / FOLDER / f"{rubric_id}.json"
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    return from_data(json.loads(text), hashlib.sha256(text.encode("utf-8")).hexdigest())
