"""Conservative word normaliser: the form stored in each token's NORM for matching.

Full lemmatisation merges words a rubric must keep apart (pendapat/dapat,
pemerintahan/perintah, kepentingan/penting). This normaliser only undoes what
keeps a student's wording from matching a rubric term:

* spelling variants and slang from spaCy's ``id_lexeme_norm`` table (``tdk`` -> ``tidak``);
* reduplicated plurals: ``nilai-nilai`` and informal ``nilai2`` -> ``nilai``;
* the particles ``-nya -lah -kah`` on known words: ``kepentingannya`` -> ``kepentingan``;
* verb affixes ``me- di- ber- ter- memper- diper-`` with ``-kan``/``-i``, only when the
  remaining root is a known base word: ``dipromosikan``/``mempromosikan`` -> ``promosi``.

Noun affixes (``pe-``, ``ke-...-an``, ``per-...-an``) are left alone on purpose.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rubrika.nlp import language_data

if TYPE_CHECKING:
    from rubrika.nlp.lexicon import Lexicon

_REDUPLICATION = re.compile(r"^(\w+)-\1(nya|ku|mu)?$")
_DIGIT_REDUPLICATION = re.compile(r"^([a-z]{2,})2(nya|ku|mu)?$")  # informal "negara2"
_MORPHOLOGY = language_data.get().morphology
_PARTICLES = _MORPHOLOGY.particles
_LEXICALISED = _MORPHOLOGY.lexicalised  # affixed words that are words of their own
_SUFFIXES = _MORPHOLOGY.verb_suffixes
_PREFIXES = _MORPHOLOGY.verb_prefixes  # (prefix, letters the prefix may have swallowed from the root)
_VERB_START = tuple(p for p, _ in _PREFIXES)
_MIN_ROOT = 3
# men- and mem- stand before a vowel only where they swallowed the root's t or p.
_VOWEL_DROPPED = frozenset({"men", "mem"})
_VOWELS = frozenset("aeiou")


def _strip_verb_affixes(word: str, roots: frozenset[str]) -> str | None:
    stems = [word] + [word[: -len(s)] for s in _SUFFIXES if word.endswith(s)]
    # A suffix alone first: "diskusikan" is diskusi + -kan, not di- + skusi.
    for stem in stems[1:]:
        if len(stem) >= _MIN_ROOT and stem in roots:
            return stem
    for prefix, restores in _PREFIXES:
        if not word.startswith(prefix):
            continue
        for stem in stems:
            rest = stem[len(prefix):]
            for letter in restores:
                if prefix in _VOWEL_DROPPED and letter == "" and rest[:1] in _VOWELS:
                    continue  # "menempati" is men- + tempat + -i, never men- + empati
                candidate = letter + rest
                if len(candidate) >= _MIN_ROOT and candidate in roots:
                    return candidate
    return None


def normalize_word(lower: str, lexicon: Lexicon) -> str:
    """Return the matching form of one lowercase word, against ``lexicon``'s known words
    (``Lexicon.normalize`` is the memoised way to call this)."""
    roots = lexicon.roots
    word = lexicon.spellings.get(lower, lower)
    match = _REDUPLICATION.match(word) or _DIGIT_REDUPLICATION.match(word)
    if match:
        word = match.group(1) + (match.group(2) or "")
    if word in _LEXICALISED:
        return _LEXICALISED[word]
    if word in roots or not word.isalpha():
        return word
    for particle in _PARTICLES:
        base = word[: -len(particle)]
        if word.endswith(particle) and len(base) >= _MIN_ROOT and base in lexicon.known_words:
            word = base
            break
    if word in roots:
        return word
    if word.startswith(_VERB_START):
        stripped = _strip_verb_affixes(word, roots)
        if stripped:
            return stripped
    return word
