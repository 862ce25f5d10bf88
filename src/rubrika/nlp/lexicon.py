"""Indonesian word tables: spelling variants, the lemma table and a full root-word list.

The first two tables come unchanged from spacy-lookups-data (MIT licence, see
``rubrika/data/lookups/LICENSE``); shipping them saves installing that package (~99 MB)
for two files of 160 KB. The root-word list (~30,000 words) is the one the PySastrawi
stemmer ships (MIT licence, read from the installed package): a word on it is a real
word, so typo repair never turns it into another word ("komunitas" is not "komunikasi").
Reading the files directly takes milliseconds.

Words a rubric needs as known roots (``multilateralisme``, ``kerjasama``) are not listed
here: ``add_roots`` takes them from the rubric's own terms when it is compiled.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources

_EXTRA_ROOTS: set[str] = set()


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
def roots() -> frozenset[str]:
    """Base words: the lemmas of the lookup table plus the words of compiled rubrics' terms."""
    return frozenset(lemma_table().values()) | frozenset(_EXTRA_ROOTS)


@lru_cache(maxsize=None)
def dictionary_roots() -> frozenset[str]:
    """PySastrawi's list of Indonesian root words (kata dasar)."""
    text = (resources.files("Sastrawi") / "Stemmer" / "data" / "kata-dasar.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.split() if w.strip().isalpha())


@lru_cache(maxsize=None)
def known_words() -> frozenset[str]:
    """Every word form the tables and the compiled rubrics know; typo repair skips these."""
    return frozenset(lemma_table()) | roots() | frozenset(lexeme_norms()) | dictionary_roots()


_NASAL_RESTORE = {"meng": "k", "peng": "k", "meny": "s", "peny": "s", "mem": "p", "pem": "p", "men": "t", "pen": "t"}


def stems(word: str, min_root: int = 3) -> list[str]:
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
    return sorted(set(out), key=len, reverse=True)


@lru_cache(maxsize=100_000)
def is_word(word: str) -> bool:
    """Whether ``word`` is a known word or an affixed form of a known root word."""
    known = known_words()
    return word in known or any(stem in known for stem in stems(word))


def add_roots(words) -> bool:
    """Count ``words`` (lowercase) as known base words; True when any was new.

    Word forms already normalised may normalise differently now, so callers reset the
    normaliser's caches when this returns True.
    """
    new = {w for w in words if w.isalpha()} - known_words()
    if not new:
        return False
    _EXTRA_ROOTS.update(new)
    roots.cache_clear()
    known_words.cache_clear()
    is_word.cache_clear()
    return True
