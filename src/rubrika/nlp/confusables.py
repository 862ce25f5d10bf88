"""Letters of other scripts disguised as Latin ones: fold them to the Latin letter they imitate.

A student can defeat the copy check by writing Cyrillic ``а``, ``е``, ``о`` (or Greek,
fullwidth, mathematical letters) in place of the Latin ones: the text looks the same, the
words differ. Each such letter is folded to its Latin look-alike from the Unicode
confusables table (UTS #39, as shipped by the ``confusable-homoglyphs`` package; a one-letter
prototype only, so ``І`` gives ``I`` and ``ⅿ`` gives ``m``, never ``rn``).

Only disguises are folded, never writing in another script: a letter is folded when its word
also holds plain Latin letters ("kеrjа"), or when every letter of a run of at most three
words has a Latin look-alike and the run stands between Latin words of its line ("ара" in an
Indonesian sentence). A
Russian, Greek, Arabic or Javanese quotation is left as written. Latin letters that only look
like others (Turkish ``ı``) and words written wholly in fullwidth letters are folded quietly;
words that carried letters of another script (or fullwidth letters among plain ones) are
reported, so the ``mixed-script`` advisory can name them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from confusable_homoglyphs import categories, confusables

_WORD = re.compile(r"\w+")
_NON_ASCII_LETTER = re.compile(r"[^\W\x00-\x7f]")
_BIDI_MARKS = str.maketrans("", "", "\u200e\u200f")
_LATIN = "LATIN"
MAX_DISGUISED_RUN = 3  # words wholly of look-alikes folded in a row; a longer run is text in that script


@lru_cache(maxsize=4096)
def fold_of(ch: str) -> str | None:
    """The plain Latin letter(s) ``ch`` imitates, or None (ASCII, or no Latin look-alike)."""
    if ch.isascii() or not ch.isalpha():
        return None
    compat = unicodedata.normalize("NFKC", ch)
    if compat != ch and compat.isascii() and compat.isalpha():
        return compat  # fullwidth and mathematical letters
    found = confusables.is_confusable(ch, greedy=True, preferred_aliases=[])
    if not found:
        return None
    homoglyphs = [h["c"].translate(_BIDI_MARKS) for h in found[0]["homoglyphs"]]
    if len(homoglyphs) != 1:
        return None  # a prototype of several letters (Arabic alef, Hebrew vav...): not a disguise
    target = homoglyphs[0]
    if not (target.isascii() and target.isalpha()):
        return None
    if target == "rn":
        return "m"  # UTS #39 writes the prototype of "m" as "rn"
    if target == "l" and unicodedata.category(ch) == "Lu":
        return "I"  # ... and of "I" as "l"
    return target


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    return categories.alias(ch)


def _kind(word: str) -> tuple[str, bool]:
    """("latin" | "disguise" | "other" | "none", whether a letter of another script is in it).

    latin: holds a plain Latin letter; disguise: every letter has a Latin look-alike;
    other: letters of another script without one; none: no letters (numbers).
    """
    plain = foreign = other = compat = False
    for ch in word:
        if ch.isascii():
            plain = plain or ch.isalpha()
            continue
        if not ch.isalpha():
            continue
        script = _script(ch)
        if fold_of(ch) is not None:
            foreign = foreign or script != _LATIN
            compat = compat or unicodedata.normalize("NFKC", ch) != ch
        elif script == _LATIN:
            plain = True
        else:
            other = True
    if plain:
        return "latin", foreign or compat  # fullwidth letters among plain ones are a disguise too
    if other:
        return "other", foreign
    if foreign or any(fold_of(ch) for ch in word):
        return "disguise", foreign
    return "none", False


def fold_confusables(text: str) -> tuple[str, list[int], list[tuple[int, int]]] | None:
    """Text with disguised letters folded, or None when nothing was folded.

    Returns (folded text, for each folded char the index of the char of ``text`` it comes
    from, the spans of ``text`` of the Latin words that carried letters of other scripts).
    """
    if text.isascii() or not _NON_ASCII_LETTER.search(text):
        return None
    words = []
    for m in _WORD.finditer(text):
        word = m.group()
        if word.isascii():
            found = ("latin", False) if word.strip("0123456789_") else ("none", False)
        else:
            found = _kind(word)
        if found[0] != "none":
            words.append((m.start(), m.end(), *found))
    to_fold: list[tuple[int, int]] = []
    disguised: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        start, end, kind, foreign = words[i]
        if kind == "latin":
            if not text[start:end].isascii():
                to_fold.append((start, end))
                if foreign:
                    disguised.append((start, end))
            i += 1
            continue
        if kind != "disguise":
            i += 1
            continue
        j = i
        while j < len(words) and words[j][2] == "disguise":
            j += 1
        # Neighbours on the same line; None at a line's edge.
        before = words[i - 1][2] if i > 0 and "\n" not in text[words[i - 1][1]:start] else None
        after = words[j][2] if j < len(words) and "\n" not in text[words[j - 1][1]:words[j][0]] else None
        if (j - i <= MAX_DISGUISED_RUN and "latin" in (before, after)
                and before in ("latin", None) and after in ("latin", None)):
            for s, e, _, f in words[i:j]:
                to_fold.append((s, e))
                if f:
                    disguised.append((s, e))
        i = j
    out: list[str] = []
    src: list[int] = []
    pos = 0
    changed = False
    for start, end in to_fold:
        out.append(text[pos:start])
        src.extend(range(pos, start))
        for k in range(start, end):
            piece = fold_of(text[k]) or text[k]
            changed = changed or piece != text[k]
            out.append(piece)
            src.extend([k] * len(piece))
        pos = end
    if not changed:
        return None
    out.append(text[pos:])
    src.extend(range(pos, len(text)))
    return "".join(out), src, disguised
