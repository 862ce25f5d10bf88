"""The article's structure: its blocks (paragraphs, list items, headings), their sentences with
numbers a teacher can find, its main text apart from the page around it, and its title.

A page saved from a website holds more than the article: a header, the author's profile, share
buttons, a comment box. The main text is the largest run of prose blocks (a block of at least
``PROSE_WORDS`` words that ends like a sentence, or a list item) with fewer than ``GAP_BLOCKS``
short blocks in a row between them; what lies outside it is left out and named, never read for
the draft. Paragraphs are numbered from the first block of the main text, sentences from the
first of their paragraph; every sentence also knows its line in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from rubrika.nlp.layout import lay_out
from rubrika.nlp.pipeline import get_nlp

PROSE_WORDS = 20  # a block this long that ends like a sentence is prose, not page furniture
ITEM_WORDS = 6  # a list item this long is content
GAP_BLOCKS = 3  # this many short blocks in a row end the main text
HEADING_WORDS = 10  # a line of at most this many words, not ending like a sentence, may be a heading
_SENTENCE_END = ".!?…\"'”’)"
_MARKER = re.compile(r"^\s*(?P<marker>[•●▪◦‣∙·*+–—-]|\(?\d{1,2}[.)]|\(?[a-zA-Z][)]|[a-hA-H][.]|#{1,6})\s*$")
_WORD = re.compile(r"\w+(?:-\w+)*")
_CAPITALS = re.compile(r"^[A-Z][A-Z0-9]{1,6}$")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article: its text (characters normalised), where it stands, and its
    words as the matcher reads them (lowercase and normal form)."""

    text: str
    block: int  # index into Article.blocks
    number: int  # 1-based within its block
    line: int  # 1-based line of the file where it starts
    start: int  # character offsets in the original text
    end: int
    lowers: tuple[str, ...]
    norms: tuple[str, ...]
    breaks: frozenset[int] = frozenset()  # word i follows punctuation: a term never spans i-1, i
    glued: frozenset[int] = frozenset()  # word i is the second part of a word the tokenizer split
    acronyms: dict[int, str] = field(default_factory=dict)  # word i as written, when in capitals ("WTO")


@dataclass
class Block:
    """A paragraph, a list item or a heading: one line of the laid-out text."""

    index: int
    text: str
    kind: str  # "paragraph" | "item" | "heading"
    marker: str | None
    line: int
    starts_paragraph: bool  # a blank line (or the start) before it
    sentences: list[Sentence] = field(default_factory=list)
    number: int = 0  # paragraph number within the main text (0 outside it)

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))

    @property
    def ends_sentence(self) -> bool:
        return self.text.rstrip()[-1:] in _SENTENCE_END

    @property
    def is_prose(self) -> bool:
        if self.kind == "item":
            return self.words >= ITEM_WORDS
        return self.words >= PROSE_WORDS and self.ends_sentence


@dataclass
class Article:
    text: str
    blocks: list[Block]
    body: range  # indexes of the blocks of the main text
    title: str | None

    @cached_property
    def sentences(self) -> list[Sentence]:
        """The sentences of the main text, in order."""
        return [s for i in self.body for s in self.blocks[i].sentences]

    def where(self, sentence: Sentence) -> str:
        """'paragraf 3, kalimat 2 (baris 27)' for comments a teacher reads."""
        block = self.blocks[sentence.block]
        return f"paragraf {block.number}, kalimat {sentence.number} (baris {sentence.line})"

    def left_out(self) -> list[tuple[int, int]]:
        """Line ranges outside the main text that hold text (page furniture), first to last."""
        ranges: list[list[int]] = []  # first line, last line, last block index
        for b in self.blocks:
            if b.index in self.body:
                continue
            if ranges and ranges[-1][2] == b.index - 1:
                ranges[-1][1:] = [b.line, b.index]
            else:
                ranges.append([b.line, b.line, b.index])
        return [(first, last) for first, last, _ in ranges]


def read_article(text: str, end_line: int | None = None) -> Article:
    """The structure of ``text``. ``end_line``: a line the main text ends before (the reference
    list's heading: the list is never read as the article's argument)."""
    layout = lay_out(text)
    laid = layout.text
    blocks: list[Block] = []
    pos = 0
    blank_before = True
    for raw in laid.split("\n"):
        start, pos = pos, pos + len(raw) + 1
        if not raw.strip():
            blank_before = True
            continue
        original = layout.offsets[start]
        line_start = text.rfind("\n", 0, original) + 1
        prefix = text[line_start:original]
        marker_match = _MARKER.match(prefix) if prefix.strip() else None
        marker = marker_match.group("marker") if marker_match else None
        blocks.append(Block(len(blocks), raw, "item" if marker and marker[0] != "#" else "paragraph", marker,
                            text.count("\n", 0, original) + 1, blank_before))
        blank_before = False
    _add_sentences(text, layout, blocks)
    for b in blocks:
        if b.kind == "paragraph" and _looks_like_heading(b, blocks):
            b.kind = "heading"
    body_end = next((b.index for b in blocks if b.line >= end_line), None) if end_line is not None else None
    body = _main_text(blocks, body_end)
    for number, i in enumerate(body, 1):
        blocks[i].number = number
    return Article(text, blocks, body, _title(blocks, body))


def _add_sentences(text: str, layout, blocks: list[Block]) -> None:
    """Split the laid-out text into sentences once, and give each block its own."""
    laid = layout.text
    line_starts = []
    pos = 0
    for raw in laid.split("\n"):
        if raw.strip():
            line_starts.append(pos)
        pos += len(raw) + 1
    doc = get_nlp()(laid)
    counts = [0] * len(blocks)
    b = 0
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        while b + 1 < len(line_starts) and line_starts[b + 1] <= start:
            b += 1
        if b >= len(blocks):
            break
        words, breaks, glued = [], set(), set()
        previous = None
        for tok in tokens:
            if tok.is_punct and tok.text not in "-":
                breaks.add(len(words))
            elif not tok.is_punct:
                if previous is not None and previous.idx + len(previous.text) == tok.idx and previous.text != "-":
                    glued.add(len(words))
                words.append(tok)
            previous = tok
        counts[b] += 1
        o_start, o_end = layout.to_original(start, end)
        blocks[b].sentences.append(Sentence(laid[start:end], b, counts[b], text.count("\n", 0, o_start) + 1,
                                            o_start, o_end, tuple(t.lower_ for t in words),
                                            tuple(t.norm_ for t in words), frozenset(breaks), frozenset(glued),
                                            {k: t.text for k, t in enumerate(words) if _CAPITALS.match(t.text)}))


def _looks_like_heading(block: Block, blocks: list[Block]) -> bool:
    """A short line that does not end like a sentence, with a longer block after it."""
    if block.marker and block.marker.startswith("#"):
        return True
    if block.words > HEADING_WORDS or block.words == 0 or block.ends_sentence or block.text.rstrip().endswith(":"):
        return False
    following = blocks[block.index + 1] if block.index + 1 < len(blocks) else None
    return following is not None and following.words > block.words


def _main_text(blocks: list[Block], body_end: int | None) -> range:
    """The largest run of prose blocks with fewer than GAP_BLOCKS short blocks between them."""
    end_limit = len(blocks) if body_end is None else body_end
    runs: list[tuple[int, int, int]] = []  # first prose block, last prose block, prose words
    first = last = -1
    words = gap = 0
    for b in blocks[:end_limit]:
        if b.is_prose:
            if first < 0:
                first = b.index
            last, words, gap = b.index, words + b.words, 0
        elif first >= 0 and b.kind != "heading":
            gap += 1
            if gap >= GAP_BLOCKS:
                runs.append((first, last, words))
                first, last, words, gap = -1, -1, 0, 0
    if first >= 0:
        runs.append((first, last, words))
    if not runs:
        return range(0, end_limit)
    first, last, _ = max(runs, key=lambda r: (r[2], -r[0]))
    # A list introduced by a colon at its end belongs to it.
    while last + 1 < end_limit and blocks[last + 1].kind == "item" and (
            blocks[last].kind == "item" or blocks[last].text.rstrip().endswith(":")):
        last += 1
    return range(first, last + 1)


def _title(blocks: list[Block], body: range) -> str | None:
    """The article's title: a heading-like line before the main text (the one sharing most words
    with it), or the main text's first heading."""
    body_words = {w.lower() for i in body for w in _WORD.findall(blocks[i].text) if len(w) > 3}
    best, best_share = None, 0.0
    for b in blocks[max(0, body.start - 12):body.start]:
        words = [w.lower() for w in _WORD.findall(b.text) if len(w) > 3]
        if len(words) < 2 or b.ends_sentence and b.words > HEADING_WORDS:
            continue
        share = sum(w in body_words for w in words) / len(words)
        if share > best_share:
            best, best_share = b.text.strip(), share
    if best is not None and best_share >= 0.5:
        return best
    first = blocks[body.start] if len(body) else None
    if first is not None and first.kind == "heading":
        return first.text.strip()
    return None
