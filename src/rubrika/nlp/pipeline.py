"""The one place that builds Rubrika's spaCy pipelines, one per lexicon (see ``nlp.lexicon``).

``spacy.blank("id")`` spends ~1.7 s adding 16k tokenizer special cases, almost all
casing variants of hyphenated words. Rubrika applies one rule to hyphens instead:
a reduplication (``negara-negara``, ``hak-haknya``) stays one token, every other
hyphenated word splits (``kerja - sama``, ``COVID - 19``). The language keeps
``lang = "id"`` so stop words and lexical attributes are spaCy's own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import cast

import numpy

import spacy
from spacy.lang.id import Indonesian, IndonesianDefaults
from spacy.lang.id.tokenizer_exceptions import TOKENIZER_EXCEPTIONS
from spacy.language import Language
from spacy.attrs import IS_ALPHA, IS_SPACE, IS_TITLE, LENGTH, SENT_START
from spacy.attrs import ORTH as ORTH_ATTR
from spacy.symbols import ORTH
from spacy.tokens import Doc

from rubrika.nlp import language_data, lexicon
from rubrika.nlp.lexicon import RUN_TOGETHER_MIN, Lexicon

_DATA = language_data.get()
# Abbreviations after which a capitalised word starts a new sentence.
SENTENCE_FINAL_ABBREVIATIONS = _DATA.sentence_final

_REDUPLICATION = re.compile(r"^(\w+)-\1(?:nya|ku|mu)?$", re.IGNORECASE)


def _lean_exceptions() -> dict:
    exceptions = {k: v for k, v in TOKENIZER_EXCEPTIONS.items() if "-" not in k}
    for abbr in _DATA.abbreviations:  # ones spaCy's Indonesian list lacks
        exceptions.setdefault(abbr, [{ORTH: abbr}])
    return exceptions


class LeanIndonesianDefaults(IndonesianDefaults):
    tokenizer_exceptions = _lean_exceptions()
    token_match = _REDUPLICATION.match


class LeanIndonesian(Indonesian):
    """Indonesian with ~400 tokenizer special cases instead of ~16,000."""

    lang = "id"
    Defaults = LeanIndonesianDefaults


@Language.factory("rubrika_split")
def _make_splitter(nlp: Language, name: str) -> "RunTogetherSplitter":
    return RunTogetherSplitter()


class RunTogetherSplitter:
    """Split words typed without the space between them into the two words they are."""

    lexicon: Lexicon

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        split = self.lexicon.split_run_together
        cuts = []
        # A word shorter than RUN_TOGETHER_MIN is never split (nor one whose lowercase is longer: only
        # "İ" lengthens, into "i" and a combining dot, which is not a letter), so it is not looked up.
        for i, (orth, is_alpha, length) in enumerate(doc.to_array([ORTH_ATTR, IS_ALPHA, LENGTH]).tolist()):
            if is_alpha and length >= RUN_TOGETHER_MIN:
                parts = split(strings[orth])
                if parts:
                    cuts.append((i, parts))
        if cuts:
            with doc.retokenize() as retokenizer:
                for i, parts in cuts:
                    token = doc[i]
                    retokenizer.split(token, list(parts), heads=[(token, 0), (token, 0)])
        return doc


@Language.factory("rubrika_norm")
def _make_normaliser(nlp: Language, name: str) -> "NormSetter":
    return NormSetter()


class NormSetter:
    """Store the conservative normal form of every new word in its lexeme's NORM.

    Lexemes are shared by all docs of one pipeline, and a pipeline belongs to one lexicon,
    so each distinct word is normalised once per pipeline.
    """

    lexicon: Lexicon

    def __init__(self) -> None:
        self.normalised: set[int] = set()

    def __call__(self, doc: Doc) -> Doc:
        vocab = doc.vocab
        strings = vocab.strings
        normalize = self.lexicon.normalize
        new = set(doc.to_array(ORTH_ATTR).tolist()) - self.normalised
        for orth in new:
            lexeme = vocab[orth]
            lexeme.norm_ = normalize(strings[lexeme.lower])
        self.normalised.update(new)
        return doc


_SENT_END = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
_CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})


# What a word means to the sentence splitter, a bit set read once per word (ORTH) and process:
_ENDS = 1  # a sentence ends after it: a line break, or . ! ? (and "?!", "...")
_ABBREVIATION = 2  # a sentence ends after it when the next word is capitalised
_TITLE = 4  # capitalised
_STAYS = 8  # belongs to the sentence before even right after its end: a closing quote, "?!", white space
_SENTENCE_ROLES: dict[int, int] = {}


def _sentence_role(orth: int, text: str, is_space: int, is_title: int) -> int:
    if len(_SENTENCE_ROLES) > 500_000:
        _SENTENCE_ROLES.clear()
    ends = (is_space and "\n" in text) or text in _SENT_END or (text[-1:] in "!?" and not text.isalpha())
    role = ((_ENDS if ends else 0) | (_ABBREVIATION if text in SENTENCE_FINAL_ABBREVIATIONS else 0)
            | (_TITLE if is_title else 0) | (_STAYS if text in _CLOSERS or text in _SENT_END or is_space else 0))
    _SENTENCE_ROLES[orth] = role
    return role


@Language.component("rubrika_sentences")
def set_sentences(doc: Doc) -> Doc:
    """Sentence starts after . ! ? and at every line break of the laid-out text.

    The layout step (``rubrika.nlp.layout``) has already joined hard-wrapped lines,
    so a newline left in the text is a paragraph, heading or bullet boundary.
    """
    n = len(doc)
    if n == 0:
        return doc
    strings = doc.vocab.strings
    known = _SENTENCE_ROLES
    roles = []
    for orth, is_space, is_title in doc.to_array([ORTH_ATTR, IS_SPACE, IS_TITLE]).tolist():
        role = known.get(orth)
        if role is None:
            role = _sentence_role(orth, strings[orth], is_space, is_title)
        roles.append(role)
    starts = [1] + [-1] * (n - 1)
    boundary = False
    for i in range(1, n):
        prev = roles[i - 1]
        role = roles[i]
        if prev & _ENDS or (prev & _ABBREVIATION and role & _TITLE):
            boundary = True
        if boundary and role & _STAYS:
            continue  # a closing quote, "?!" or white space belongs to the sentence before
        if boundary:
            starts[i] = 1
        boundary = False
    doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1))  # type: ignore[arg-type]  # thinc's Ints2d: a 2-d numpy array
    return doc


@lru_cache(maxsize=16)
def pipeline_for(lex: Lexicon) -> Language:
    """The pipeline (tokenizer, splitter, normaliser, sentence splitter) that reads text with
    ``lex``'s known words. Each has its own vocabulary, so the NORMs one lexicon sets on
    shared lexemes are never seen by another; the same lexicon gets the same pipeline."""
    nlp = LeanIndonesian()
    cast(RunTogetherSplitter, nlp.add_pipe("rubrika_split")).lexicon = lex
    cast(NormSetter, nlp.add_pipe("rubrika_norm")).lexicon = lex
    nlp.add_pipe("rubrika_sentences")
    return nlp


def lexicon_of(nlp: Language) -> Lexicon:
    """The lexicon a pipeline made by ``pipeline_for`` reads with."""
    return cast(NormSetter, nlp.get_pipe("rubrika_norm")).lexicon


def get_nlp() -> Language:
    """The pipeline of the shared word tables alone, with no rubric's roots: for work no
    rubric may change (tokens for fingerprints, a rubric's own term words)."""
    return pipeline_for(lexicon.base())


__all__ = ["get_nlp", "pipeline_for", "lexicon_of", "LeanIndonesian", "SENTENCE_FINAL_ABBREVIATIONS", "spacy"]
