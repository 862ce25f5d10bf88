"""Ordinary Indonesian, for telling an article's own words from everyday ones: how common a word
is (wordfreq's Indonesian list, shipped inside the package and read offline) and the drafting
word lists of ``rubrika/data/indonesian.yaml``."""

from __future__ import annotations

from functools import lru_cache

from spacy.lang.id.stop_words import STOP_WORDS

from rubrika.nlp import language_data

FUNCTION_ZIPF = 6.0  # a stop word this common is a function word ("dapat", "yang", "lebih")


@lru_cache(maxsize=None)
def drafting() -> dict:
    """The ``drafting`` section of the language data."""
    return language_data.raw()["drafting"]


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common ``word`` (or phrase) is in Indonesian on the Zipf scale: 0 for a word the list does
    not hold, about 3 for a rare word, 5 for a common one, 7 for "yang"."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "id")


def is_function_word(word: str) -> bool:
    """A word that never stands inside a term: a very common word ("dan", "dapat", "memiliki")."""
    return zipf(word) >= FUNCTION_ZIPF and word not in _content_stop_words()


def is_stop(word: str) -> bool:
    """A word that never stands at the edge of a term: spaCy's Indonesian stop words, but for
    the content words among them (``drafting.content_stop_words``)."""
    return (word in STOP_WORDS and word not in _content_stop_words()) or not any(ch.isalpha() for ch in word)


@lru_cache(maxsize=None)
def _content_stop_words() -> frozenset[str]:
    return frozenset(drafting()["content_stop_words"])
