"""Lay out raw essay text for the tokenizer, keeping a map back to the original.

Essays arrive hard-wrapped (a newline in mid-sentence), as bullet lists and with
ragged whitespace. The laid-out text joins wrapped lines with one space, keeps one
newline before each bullet item or heading line, two between paragraphs, and drops
bullet markers. ``offsets[i]`` is the index in the original text of laid-out char
``i``, so evidence found in the laid-out text points at what the student wrote.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rubrika.nlp.confusables import fold_confusables

_BULLET = re.compile(
    r"^[ \t]*(?:[•●▪◦‣∙·*+–—-]|\(?\d{1,2}[.)]|\(?[a-zA-Z][)]|[a-hA-H][.]|\#{1,6})[ \t]+(?=\S)"
)
_LINE = re.compile(r"[^\n]*(?:\n|$)")
_SPACE_RUN = re.compile(r" ?[^\S ]\s*| {2,}\s*")  # only runs that are not already one plain space
_HEADING_MAX_CHARS = 60
# A line this long is not hard-wrapped (wrapped lines stay under ~100 characters): it holds a
# whole paragraph, as in text pasted from a web page or a word processor, one paragraph a line.
_PARAGRAPH_LINE_CHARS = 160
_URL_END = re.compile(r"(?:https?://|www\.)\S+$")
_URL_START = re.compile(r"(?:https?://|www\.)\S+")


@dataclass(frozen=True)
class Layout:
    text: str
    offsets: tuple[int, ...]  # len(text) + 1 entries: where each char starts in the original
    ends: tuple[int, ...] | None = None  # where each char ends, when not offsets + 1
    disguised: tuple[tuple[int, int], ...] = ()  # spans of the original: Latin words with letters of other scripts

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a laid-out span [start, end) to the original text."""
        if end <= start:
            pos = self.offsets[start]
            return pos, pos
        last = self.ends[end - 1] if self.ends is not None else self.offsets[end - 1] + 1
        return self.offsets[start], last


@dataclass
class _Line:
    start: int  # offset of the first content char in the original
    content: str  # the line without bullet marker, trailing newline, outer spaces
    bullet: bool


def _split_lines(text: str) -> list[_Line | None]:
    """One entry per line; None for blank lines."""
    lines: list[_Line | None] = []
    for m in _LINE.finditer(text):
        raw = m.group(0)
        if not raw:
            continue
        body = raw.rstrip("\r\n")
        if not body.strip():
            lines.append(None)
            continue
        bullet = _BULLET.match(body)
        skip = bullet.end() if bullet else len(body) - len(body.lstrip())
        content = body[skip:].rstrip()
        lines.append(_Line(m.start() + skip, content, bool(bullet)))
    return lines


def _ends_paragraph(line: _Line, nxt: _Line) -> bool:
    """Whether a kept line break also ends a paragraph: after a long line (a paragraph typed
    on one line) that ends a sentence, before a line that is not a bullet item."""
    return (len(line.content) >= _PARAGRAPH_LINE_CHARS and line.content[-1] in ".!?\"'”’)"
            and not nxt.bullet)


def _keeps_break(line: _Line, nxt: _Line) -> bool:
    """Whether the newline after ``line`` is a real line end, not a hard wrap.

    True after a sentence end or a URL when the next line starts like a new
    sentence (a reference list, one entry a line), and after a short heading-like
    line. Keeping a break after a sentence end costs nothing: a sentence starts
    there anyway.
    """
    content = line.content
    first = nxt.content[:1]
    if content.endswith(":") or _URL_START.match(nxt.content):
        return True  # a colon at a line end opens a list; a URL line stands alone
    starts_new = first.isupper() or first.isdigit() or first in "\"'“‘(["
    if content[-1] in ".!?" or _URL_END.search(content):
        return starts_new
    if len(content) > _HEADING_MAX_CHARS or content[-1] in ",;)":
        return False
    return starts_new


# Characters that only look different: typographic quotes, invisible and exotic spaces,
# soft and non-breaking hyphens. Ligatures and combining accents are handled by NFKC/NFC.
_REPLACE = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033", '"'),
    **dict.fromkeys("\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000", " "),
    **dict.fromkeys("\u2010\u2011\u2212", "-"),
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
}
_LIGATURES = range(0xFB00, 0xFB07)


_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_SPECIAL = re.compile("[" + "".join(_REPLACE) + "\ufb00-\ufb06" + _COMBINING + "]+")
_IS_COMBINING = re.compile("[" + _COMBINING + "]")


def normalize_chars(text: str) -> tuple[str, list[int], list[int]]:
    """NFC text with plain quotes, spaces and hyphens, and where each char came from.

    Output char ``i`` comes from ``text[starts[i]:ends[i]]``; ``starts`` has one more
    entry, ``len(text)``. A ligature gives two chars from one; an accent composed with
    its letter gives one from two; an invisible char gives none. Only the runs of
    special characters are looked at one by one.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _SPECIAL.finditer(text):
        out.append(text[pos:m.start()])
        starts.extend(range(pos, m.start()))
        ends.extend(range(pos + 1, m.start() + 1))
        for i in range(m.start(), m.end()):
            ch = text[i]
            if _IS_COMBINING.match(ch):
                if out and out[-1] and starts:
                    base_start = starts[-1]
                    base = out[-1][-1]
                    out[-1] = out[-1][:-1]
                    starts.pop()
                    ends.pop()
                    piece = unicodedata.normalize("NFC", base + ch)
                    out.append(piece)
                    starts.extend([base_start] * len(piece))
                    ends.extend([i + 1] * len(piece))
                else:
                    out.append(ch)
                    starts.append(i)
                    ends.append(i + 1)
                continue
            piece = _REPLACE[ch] if ch in _REPLACE else unicodedata.normalize("NFKC", ch)
            out.append(piece)
            starts.extend([i] * len(piece))
            ends.extend([i + 1] * len(piece))
        pos = m.end()
    out.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    starts.append(len(text))
    return "".join(out), starts, ends


def lay_out(text: str) -> Layout:
    """Normalise characters, fold letters disguised as Latin ones (``confusables``), then lay
    out lines; offsets point into ``text`` as given."""
    normal, starts, ends = normalize_chars(text)
    disguised: tuple[tuple[int, int], ...] = ()
    folded = fold_confusables(normal)
    if folded is not None:
        normal, src, words = folded
        disguised = tuple((starts[s], ends[e - 1]) for s, e in words)
        starts = [starts[i] for i in src] + [len(text)]
        ends = [ends[i] for i in src]
    layout = _lay_out(normal)
    if normal == text:
        return layout
    inner = layout.offsets[:-1]
    return Layout(layout.text, tuple(starts[o] for o in inner) + (len(text),), tuple(ends[o] for o in inner),
                  disguised)


def _lay_out(text: str) -> Layout:
    out: list[str] = []
    offsets: list[int] = []

    def emit(chunk: str, start: int) -> None:
        # Collapse runs of white space (and any tab, nbsp...) inside the chunk to one space.
        pos = 0
        for m in _SPACE_RUN.finditer(chunk):
            out.append(chunk[pos:m.start()])
            offsets.extend(range(start + pos, start + m.start()))
            out.append(" ")
            offsets.append(start + m.start())
            pos = m.end()
        out.append(chunk[pos:])
        offsets.extend(range(start + pos, start + len(chunk)))

    def separator(sep: str, at: int) -> None:
        for _ in sep:
            out.append(sep[0])
            offsets.append(at)

    lines = _split_lines(text)
    prev: _Line | None = None
    blank_before = False
    for line in lines:
        if line is None:
            blank_before = prev is not None
            continue
        if prev is not None:
            gap_at = prev.start + len(prev.content)
            if blank_before:
                separator("\n\n", gap_at)
            elif line.bullet or _keeps_break(prev, line):
                separator("\n\n" if _ends_paragraph(prev, line) else "\n", gap_at)
            elif prev.content.endswith("-") and prev.content[-2:-1].isalpha() and line.content[:1].islower():
                # a word broken across lines: "perdamai-\nan" -> "perdamaian"
                out[-1] = out[-1][:-1]
                offsets.pop()
            else:
                separator(" ", gap_at)
        emit(line.content, line.start)
        prev = line
        blank_before = False
    offsets.append(len(text))
    return Layout("".join(out), tuple(offsets))
