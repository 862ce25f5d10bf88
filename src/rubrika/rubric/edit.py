"""Edit a rubric file as text, by YAML node positions: every byte a change does not touch
stays as the teacher wrote it (``rubric suggest -o`` and ``rubric fingerprint --into``).

Why text and node positions, and not a round trip through a YAML library: the rubric is the
teacher's document. A round-trip library (ruamel.yaml) keeps comments, but re-indents every
sequence to one style, rewraps long flow mappings and re-quotes scalars, so a three-term
change becomes a diff over the whole file. PyYAML's composer (already a dependency; the
loader uses it) gives every node's start and end, which is all an insertion or a removal
needs. A flow list (``terms: [a, b]``) that gains an item with a comment, or an item of
several lines, is turned into a block list where it stands alone on its key's line, because
a YAML comment can only end a line. A file saved on Windows keeps its CRLF line ends.

Callers load and validate the edited text before they write it: an edit never reaches a
file that would not load.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import yaml


@dataclass(frozen=True)
class Item:
    """A list item to add. ``text`` is its block form (further lines relative to the item's own
    indent); ``flow`` its one-line form for inside ``[...]`` (default: ``text``, when that is
    one line); ``comment`` ends the item's line (or, inside ``[...]``, a line above)."""

    text: str
    comment: str | None = None
    flow: str | None = None

    @property
    def inline(self) -> str:
        return self.flow if self.flow is not None else self.text


class RubricText:
    """A rubric file's text and the edits to make to it, applied from the end."""

    def __init__(self, text: str):
        self.crlf = "\r\n" in text
        self.text = text.replace("\r\n", "\n") if self.crlf else text
        self.edits: list[tuple[int, int, int, str]] = []

    def root(self) -> yaml.MappingNode:
        """The document's top mapping; the pure-Python loader, whose marks index characters."""
        loader = yaml.SafeLoader(self.text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if not isinstance(node, yaml.MappingNode):  # callers load the rubric first, which refuses this
            raise ValueError("a rubric file holds one mapping")
        return node

    def edit(self, start: int, end: int, replacement: str) -> None:
        self.edits.append((start, end, len(self.edits), replacement))

    def replace(self, node: yaml.Node, text: str) -> None:
        self.edit(node.start_mark.index, node.end_mark.index, text)

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end

    def indent_of_line(self, index: int) -> str:
        start = self.line_start(index)
        line = self.text[start:self.line_end(index)]
        return line[:len(line) - len(line.lstrip(" "))]

    def result(self) -> str:
        text = self.text
        for start, end, _, replacement in sorted(self.edits, key=lambda e: (e[0], e[1], e[2]), reverse=True):
            text = text[:start] + replacement + text[end:]
        return text.replace("\n", "\r\n") if self.crlf else text


def entry(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The key node and value node of ``key`` in ``mapping``, or None when it is absent."""
    for k, v in mapping.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None


def child(mapping: yaml.MappingNode, key: str) -> yaml.Node:
    """The value node of ``key`` in ``mapping`` (KeyError when it is absent)."""
    found = entry(mapping, key)
    if found is None:
        raise KeyError(key)
    return found[1]


_PLAIN = re.compile(r"^[a-z][a-z0-9]*(?:[ -][a-z0-9]+)*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when it reads back as the same string, else JSON-quoted."""
    return text if _PLAIN.match(text) and text not in _YAML_WORDS else json.dumps(text, ensure_ascii=False)


def block_item(item: Item, indent: str) -> str:
    """The item as a block list entry whose dash is at ``indent``, ending with a line break."""
    first, *rest = item.text.split("\n")
    line = f"{indent}- {first}" + (f"  # {item.comment}" if item.comment is not None else "")
    return "".join([line + "\n"] + [f"{indent}  {more}\n" for more in rest])


def _item_text(doc: RubricText, node: yaml.Node) -> str:
    source = doc.text[node.start_mark.index:node.end_mark.index]
    return " ".join(source.split()) if "\n" in source else source


def _after(doc: RubricText, node: yaml.Node) -> int:
    """Where a line inserted after ``node`` goes. A block collection or block scalar ends where
    the next token starts, after blank lines and comments; those no more indented than the
    node belong to what follows it, so the insertion goes before them."""
    end = node.end_mark.index
    if end == 0 or doc.text[end - 1] != "\n":
        return min(doc.line_end(end) + 1, len(doc.text))
    column = node.start_mark.column
    while end > node.start_mark.index:
        start = doc.line_start(end - 1)
        line = doc.text[start:end - 1]
        stripped = line.lstrip(" ")
        if stripped and not (stripped.startswith("#") and len(line) - len(stripped) <= column):
            break
        end = start
    return end


def _insert_lines(doc: RubricText, at: int, block: str) -> None:
    """Insert whole lines at ``at`` (a line start, or the end of a file without a final line break)."""
    if at == len(doc.text) and doc.text and not doc.text.endswith("\n"):
        block = "\n" + block
    doc.edit(at, at, block)


def _comment_lines(doc: RubricText, index: int, add: Sequence[Item]) -> None:
    """Comments for items written inside a flow collection, on lines of their own above it."""
    at = doc.line_start(index)
    ind = doc.indent_of_line(index)
    doc.edit(at, at, "".join(f"{ind}# {item.inline}: {item.comment}\n" for item in add if item.comment is not None))


def edit_sequence(doc: RubricText, mapping: yaml.MappingNode, key: str, drop: Collection[int] = (),
                  add: Sequence[Item] = (), after: str | None = None, before: str | None = None) -> None:
    """Drop items ``drop`` (indexes) of the list ``mapping[key]`` and append ``add``.

    A missing key is written with its list after the value of key ``after`` (default: the
    mapping's last key), or right before key ``before`` when that key starts its own line."""
    if not drop and not add:
        return
    found = entry(mapping, key)
    if found is None:
        _new_key(doc, mapping, key, add, after, before)
        return
    key_node, seq = found
    if not isinstance(seq, yaml.SequenceNode):  # the loader refuses a rubric where a list is not one
        raise ValueError(f"'{key}' is not a list")
    items = list(seq.value)
    kept = [i for i in range(len(items)) if i not in drop]
    if not seq.flow_style and items:
        _edit_block(doc, key_node, items, drop, add, kept)
        return
    texts = [_item_text(doc, items[i]) for i in kept]
    if not seq.flow_style:  # an empty block value ("terms:" with nothing) is null, not a list: not here
        texts = []
    between = doc.text[key_node.end_mark.index:seq.start_mark.index]
    rest_end = doc.line_end(seq.end_mark.index)
    rest = doc.text[seq.end_mark.index:rest_end].strip()
    if not mapping.flow_style and between.strip() == ":" and (not rest or rest.startswith("#")):
        if not texts and not add:
            doc.edit(seq.start_mark.index, seq.end_mark.index, "[]")
            return
        ind = " " * (key_node.start_mark.column + 2)
        lines = [f"{ind}- {text}" for text in texts] + [block_item(item, ind).rstrip("\n") for item in add]
        doc.edit(key_node.end_mark.index, rest_end, ":" + (" " + rest if rest else "") + "\n" + "\n".join(lines))
        return
    doc.edit(seq.start_mark.index, seq.end_mark.index, "[" + ", ".join(texts + [item.inline for item in add]) + "]")
    _comment_lines(doc, seq.start_mark.index, add)


def _new_key(doc: RubricText, mapping: yaml.MappingNode, key: str, add: Sequence[Item], after: str | None,
             before: str | None) -> None:
    if mapping.flow_style:
        close = mapping.end_mark.index - 1
        doc.edit(close, close, f", {key}: [" + ", ".join(item.inline for item in add) + "]")
        _comment_lines(doc, mapping.start_mark.index, add)
        return
    anchor = entry(mapping, after) if after is not None else mapping.value[-1]
    if anchor is None:
        raise KeyError(after)
    anchor_key, anchor_value = anchor
    ind = " " * anchor_key.start_mark.column
    at = _after(doc, anchor_value)
    following = entry(mapping, before) if before is not None else None
    if following is not None:
        start = following[0].start_mark.index
        if not doc.text[doc.line_start(start):start].strip():
            at = doc.line_start(start)
    _insert_lines(doc, at, f"{ind}{key}:\n" + "".join(block_item(item, ind + "  ") for item in add))


def _edit_block(doc: RubricText, key_node: yaml.Node, items: list[yaml.Node], drop: Collection[int],
                add: Sequence[Item], kept: list[int]) -> None:
    """Drop and append items of a block list ("- a" lines)."""
    dashes = [doc.text.rfind("-", doc.line_start(item.start_mark.index), item.start_mark.index) for item in items]
    ends = [doc.line_start(dashes[i + 1]) for i in range(len(items) - 1)]
    ends.append(_after(doc, items[-1]))
    if not kept and not add:
        doc.edit(key_node.end_mark.index, ends[-1], ": []\n")
        return
    for i in sorted(drop):
        doc.edit(doc.line_start(dashes[i]), ends[i], "")
    ind = " " * (dashes[0] - doc.line_start(dashes[0]))
    block = "".join(block_item(item, ind) for item in add)
    if block:
        _insert_lines(doc, ends[-1], block)
