"""Indonesian word tables: spelling variants and the lemma table, shipped as package data.

The two tables come unchanged from spacy-lookups-data (MIT licence, see
``rubrika/data/lookups/LICENSE``); shipping them saves installing that package (~99 MB)
for two files of 160 KB. Reading the ``.json.gz`` files directly takes milliseconds.

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
def known_words() -> frozenset[str]:
    """Every word form the tables and the compiled rubrics know; typo repair skips these."""
    return frozenset(lemma_table()) | roots() | frozenset(lexeme_norms())


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
    return True
