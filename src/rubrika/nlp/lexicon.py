"""Indonesian word tables, and the ``Lexicon`` of known words one compiled rubric owns.

The first two tables come unchanged from spacy-lookups-data (MIT licence, see
``rubrika/data/lookups/LICENSE``); shipping them saves installing that package (~99 MB)
for two files of 160 KB. The root-word list (~30,000 words) is the one the PySastrawi
stemmer ships (MIT licence, read from the installed package): a word on it is a real
word, so typo repair never turns it into another word ("komunitas" is not "komunikasi").
Reading the files directly takes milliseconds.

The tables are shared and never change. Words a rubric needs as known roots
(``multilateralisme``, ``kerjasama``) are not in them: each compiled rubric gets a
``Lexicon`` of the tables plus its own term words, so what one rubric compiles never
changes how another rubric's essays are read (a process may hold several rubrics:
``rubrika serve``, Dask workers).
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources

from rubrika.nlp.normalize import normalize_word


def _read_table(name: str) -> dict[str, str]:
    path = resources.files("rubrika") / "data" / "lookups" / f"{name}.json.gz"
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def lexeme_norms() -> dict[str, str]:
    """Spelling variants and slang to standard forms (``tdk`` -> ``tidak``), lowercase keys."""
    return {k.lower(): v.lower() for k, v in _read_table("id_lexeme_norm").items()}


@lru_cache(maxsize=None)
def lemma_table() -> dict[str, str]:
    return _read_table("id_lemma_lookup")


@lru_cache(maxsize=None)
def table_roots() -> frozenset[str]:
    """Base words of the shared tables: the lemmas of the lookup table."""
    return frozenset(lemma_table().values())


@lru_cache(maxsize=None)
def dictionary_roots() -> frozenset[str]:
    """PySastrawi's list of Indonesian root words (kata dasar)."""
    text = (resources.files("Sastrawi") / "Stemmer" / "data" / "kata-dasar.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.split() if w.strip().isalpha())


@lru_cache(maxsize=None)
def table_words() -> frozenset[str]:
    """Every word form the shared tables know."""
    return frozenset(lemma_table()) | table_roots() | frozenset(lexeme_norms()) | dictionary_roots()


RUN_TOGETHER_MIN = 10  # letters of a word worth trying to split
RUN_TOGETHER_PART = 5  # letters of each part at least ("berdap"+"tasi" is a typo, not two words)

_NASAL_RESTORE = {"meng": "k", "peng": "k", "meny": "s", "peny": "s", "mem": "p", "pem": "p", "men": "t", "pen": "t"}


@lru_cache(maxsize=100_000)
def stems(word: str, min_root: int = 3) -> tuple[str, ...]:
    """What ``word`` may be built on: it without any one prefix and/or suffix of the data
    file (with the root letter a nasal prefix swallowed put back), longest first."""
    from rubrika.nlp import language_data

    morph = language_data.get().morphology
    ends = [word] + [word[:-len(s)] for s in morph.word_suffixes if word.endswith(s)]
    out = []
    for end in ends:
        for prefix in ("", *morph.word_prefixes):
            if prefix and not end.startswith(prefix):
                continue
            rest = end[len(prefix):]
            for candidate in {rest, _NASAL_RESTORE.get(prefix, "") + rest}:
                if len(candidate) >= min_root and candidate != word:
                    out.append(candidate)
    return tuple(sorted(set(out), key=len, reverse=True))


class Lexicon:
    """The known words one rubric reads essays with: the shared tables plus its own roots.

    Immutable once made; its memo tables only ever cache what its fixed word sets imply,
    so two lexicons with the same roots answer every question alike.
    """

    __slots__ = ("extra_roots", "roots", "known_words", "spellings", "_is_word", "_norms", "_splits")

    def __init__(self, extra_roots: frozenset[str] = frozenset()):
        self.extra_roots = frozenset(w for w in extra_roots if w.isalpha()) - table_words()
        self.roots = table_roots() | self.extra_roots
        self.known_words = table_words() | self.extra_roots
        self.spellings = lexeme_norms()
        self._is_word: dict[str, bool] = {}
        self._norms: dict[str, str] = {}
        self._splits: dict[str, tuple[str, str] | None] = {}

    def is_word(self, word: str) -> bool:
        """Whether ``word`` is a known word or an affixed form of a known root word."""
        known = self._is_word.get(word)
        if known is None:
            words = self.known_words
            known = word in words or any(stem in words for stem in stems(word))
            if len(self._is_word) > 200_000:
                self._is_word.clear()
            self._is_word[word] = known
        return known

    def normalize(self, lower: str) -> str:
        """The matching form of one lowercase word (``rubrika.nlp.normalize``)."""
        norm = self._norms.get(lower)
        if norm is None:
            norm = normalize_word(lower, self)
            if len(self._norms) > 200_000:
                self._norms.clear()
            self._norms[lower] = norm
        return norm

    def split_run_together(self, word: str) -> tuple[str, str] | None:
        """Two real words an unknown word was typed as ("menyesuaikanlingkungan"), or None."""
        if word in self._splits:
            return self._splits[word]
        lower = word.lower()
        parts = None
        if len(lower) >= RUN_TOGETHER_MIN and lower.isalpha() and not self.is_word(lower):
            for cut in range(RUN_TOGETHER_PART, len(lower) - RUN_TOGETHER_PART + 1):
                left, right = lower[:cut], lower[cut:]
                if self.is_word(left) and self.is_word(right) and max(len(left), len(right)) >= 6:
                    parts = word[:cut], word[cut:]
                    break
        if len(self._splits) > 100_000:
            self._splits.clear()
        self._splits[word] = parts
        return parts


@lru_cache(maxsize=None)
def base() -> Lexicon:
    """The shared tables with no rubric's roots: for work no rubric's words may change
    (tokenising for fingerprints, working out which term words a rubric must add)."""
    return Lexicon()


@lru_cache(maxsize=64)
def for_roots(extra_roots: frozenset[str]) -> Lexicon:
    """The lexicon of these roots; the same object for the same roots (rubrics compiled twice,
    or two rubrics with the same term words, share one)."""
    return Lexicon(extra_roots)
