"""Level feedback that states only what the tool saw.

A level text may name concepts through list placeholders, filled from the statuses of
the criterion's concepts:

- ``{found}``: concepts with status ``found``;
- ``{partial}``: concepts with status ``partial``;
- ``{missing}``: concepts not fully found (``partial`` or ``missing``), as the scorer
  has always filled it. Word a ``{missing}`` sentence so that it is true of both
  (``belum terlihat jelas``, not ``belum dibahas``).

Labels go into the sentence lower-cased (``Multilateralisme`` -> ``multilateralisme``,
acronyms such as ``IPS`` kept) and the list closes with *dan* (``a, b, dan c``; English
``a, b and c``).

:func:`render_level` drops every sentence whose list placeholder is empty, so that
"``{partial}`` baru disebut." disappears when nothing is partial, and capitalises each
sentence it keeps.
"""

from __future__ import annotations

import re
import string

__all__ = ["LIST_PLACEHOLDERS", "join_labels", "level_values", "render_level", "sentence_label", "split_sentences"]

LIST_PLACEHOLDERS = ("found", "partial", "missing")
# Words that keep their capital inside a sentence.
PROPER = frozenset("Indonesia Pancasila ASEAN PBB KAA UUD Garuda Asia Eropa Afrika".split())
_SENTENCE_END = re.compile(r"(?<=[.!?…”])\s+(?=[A-Z{“\"(])")


def sentence_label(label: str) -> str:
    """``label`` as it reads inside a sentence: first letter lower-cased unless the first
    word is an acronym or a proper noun (``IPS sebagai …``, ``Pancasila …``)."""
    if not label:
        return label
    first = label.split()[0]
    if first in PROPER or any(c.isupper() for c in first[1:]) or not first[0].isupper():
        return label
    return label[0].lower() + label[1:]


def join_labels(labels: list[str], lang: str = "id") -> str:
    """``a``, ``a dan b``, ``a, b, dan c`` (EYD V serial comma); English ``a, b and c``.

    A list whose labels hold *dan* themselves closes with *serta* (English: *as well as*),
    so that it never reads "… dan … dan …"."""
    items = [sentence_label(label) for label in labels]
    word = "dan" if lang == "id" else "and"
    if any(f" {word} " in f" {item} " for item in items):
        word = "serta" if lang == "id" else "as well as"
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {word} {items[1]}"
    comma = "," if lang == "id" else ""
    return f"{', '.join(items[:-1])}{comma} {word} {items[-1]}"


def level_values(concepts: list[dict], lang: str = "id") -> dict[str, str]:
    """The list placeholders for one criterion's concept records (``label`` and ``status``)."""
    def pick(*statuses: str) -> str:
        return join_labels([c["label"] for c in concepts if c["status"] in statuses], lang)

    return {"found": pick("found"), "partial": pick("partial"), "missing": pick("partial", "missing")}


def split_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def render_level(text: str, values: dict[str, str]) -> str:
    """Fill ``text``; leave out each sentence whose list placeholder has nothing to name."""
    kept = []
    for sentence in split_sentences(text):
        if any(name in LIST_PLACEHOLDERS and not values.get(name) for name in _fields(sentence)):
            continue
        filled = sentence.format_map(values)
        kept.append(filled[:1].upper() + filled[1:])
    return " ".join(kept)
