"""Word lists from spacy-lookups-data, read directly from the packaged files.

Reading the ``.json.gz`` files takes milliseconds; going through ``spacy.lookups``
costs several times more and yields hashed keys.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources


def _read_table(name: str) -> dict[str, str]:
    path = resources.files("spacy_lookups_data") / "data" / f"{name}.json.gz"
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def lexeme_norms() -> dict[str, str]:
    """Spelling variants and slang to standard forms (``tdk`` -> ``tidak``), lowercase keys."""
    return {k.lower(): v.lower() for k, v in _read_table("id_lexeme_norm").items()}


# Words missing from the lemma table that students write often; they must count as known
# so that fuzzy matching never "corrects" them.
EXTRA_ROOTS = frozenset(
    """
    kerjasama multilateral multilateralisme bilateral unilateral globalisasi keberagaman
    keragaman kolaboratif komunikatif solutif holistik komprehensif kedaulatan ketimpangan
    demokratis internasional nasional universal global regional
    """.split()
)


@lru_cache(maxsize=None)
def lemma_table() -> dict[str, str]:
    return _read_table("id_lemma_lookup")


@lru_cache(maxsize=None)
def roots() -> frozenset[str]:
    """Base words: the lemmas of the lookup table plus a few the table lacks."""
    return frozenset(lemma_table().values()) | EXTRA_ROOTS


@lru_cache(maxsize=None)
def known_words() -> frozenset[str]:
    """Every word form the lookup tables know; fuzzy matching skips these."""
    table = lemma_table()
    return frozenset(table) | roots() | frozenset(lexeme_norms())
