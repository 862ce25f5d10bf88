"""The one place that builds Rubrika's spaCy pipeline, built once per process.

``spacy.blank("id")`` spends ~1.7 s adding 16k tokenizer special cases, almost all
casing variants of hyphenated words. Rubrika applies one rule to hyphens instead:
a reduplication (``negara-negara``, ``hak-haknya``) stays one token, every other
hyphenated word splits (``kerja - sama``, ``COVID - 19``). The language keeps
``lang = "id"`` so stop words and lexical attributes are spaCy's own.
"""

from __future__ import annotations

import re
from functools import lru_cache

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
from rubrika.nlp.normalize import normalize_word

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


RUN_TOGETHER_MIN = 10  # letters of a word worth trying to split
RUN_TOGETHER_PART = 5  # letters of each part at least ("berdap"+"tasi" is a typo, not two words)


@lru_cache(maxsize=100_000)
def split_run_together(word: str) -> tuple[str, str] | None:
    """Two real words an unknown word was typed as ("menyesuaikanlingkungan"), or None."""
    lower = word.lower()
    if len(lower) < RUN_TOGETHER_MIN or not lower.isalpha() or lexicon.is_word(lower):
        return None
    for cut in range(RUN_TOGETHER_PART, len(lower) - RUN_TOGETHER_PART + 1):
        left, right = lower[:cut], lower[cut:]
        if lexicon.is_word(left) and lexicon.is_word(right) and max(len(left), len(right)) >= 6:
            return word[:cut], word[cut:]
    return None


@Language.component("rubrika_split")
def split_words(doc: Doc) -> Doc:
    """Split words typed without the space between them into the two words they are."""
    strings = doc.vocab.strings
    cuts = []
    # A word shorter than RUN_TOGETHER_MIN is never split (nor one whose lowercase is longer: only
    # "İ" lengthens, into "i" and a combining dot, which is not a letter), so it is not looked up.
    for i, (orth, is_alpha, length) in enumerate(doc.to_array([ORTH_ATTR, IS_ALPHA, LENGTH]).tolist()):
        if is_alpha and length >= RUN_TOGETHER_MIN:
            parts = split_run_together(strings[orth])
            if parts:
                cuts.append((i, parts))
    if cuts:
        with doc.retokenize() as retokenizer:
            for i, parts in cuts:
                token = doc[i]
                retokenizer.split(token, list(parts), heads=[(token, 0), (token, 0)])
    return doc


@Language.component("rubrika_norm")
def set_norms(doc: Doc) -> Doc:
    """Store the conservative normal form of every new word in its lexeme's NORM.

    Lexemes are shared by all docs, so each distinct word is normalised once per process.
    """
    vocab = doc.vocab
    strings = vocab.strings
    new = set(doc.to_array(ORTH_ATTR).tolist()) - _NORMALISED
    for orth in new:
        lexeme = vocab[orth]
        lexeme.norm_ = normalize_word(strings[lexeme.lower])
    _NORMALISED.update(new)
    return doc


_NORMALISED: set[int] = set()


def add_known_roots(words) -> None:
    """Make ``words`` known base words (a rubric's own term words, when it is compiled).

    Only words the normaliser cannot take back to a known root are added ("kerjasama",
    "multilateralisme"), so an affixed term word ("ditinggalkan") keeps matching its
    root's other forms. When that changes what the lexicon knows, every word is normalised
    again: lexemes are shared by all docs, so their NORM is reset on the next doc that holds them.
    """
    if lexicon.add_roots([w for w in words if normalize_word(w) == w]):
        normalize_word.cache_clear()
        split_run_together.cache_clear()
        _NORMALISED.clear()

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
    doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1))
    return doc


@lru_cache(maxsize=None)
def get_nlp() -> Language:
    """Return the process-wide pipeline (tokenizer, normaliser, sentence splitter)."""
    nlp = LeanIndonesian()
    nlp.add_pipe("rubrika_split")
    nlp.add_pipe("rubrika_norm")
    nlp.add_pipe("rubrika_sentences")
    return nlp


__all__ = ["get_nlp", "LeanIndonesian", "SENTENCE_FINAL_ABBREVIATIONS", "spacy"]
