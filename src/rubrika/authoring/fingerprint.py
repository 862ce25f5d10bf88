"""``rubric fingerprint``: a source's hashed 8-word sequences (never its text) as a rubric's
``sources:`` entry, printed or added to a rubric file wherever its ``sources:`` list stands."""

from __future__ import annotations

import json

from rubrika.engine.fingerprint import encode, source_hashes
from rubrika.rubric import load_rubric_text
from rubrika.rubric.edit import Item, RubricText, block_item, edit_sequence

HASHES_PER_LINE = 10


def source_item(text: str, title: str) -> Item:
    """The ``sources:`` list item holding the hashes of ``text``."""
    hashes = encode(source_hashes(text)).split()
    lines = [" ".join(hashes[i:i + HASHES_PER_LINE]) for i in range(0, len(hashes), HASHES_PER_LINE)]
    title_yaml = json.dumps(title, ensure_ascii=False)
    block = f"title: {title_yaml}\nhashes: >-\n" + "\n".join(f"  {line}" for line in lines)
    flow = json.dumps({"title": title, "hashes": " ".join(hashes)}, ensure_ascii=False)
    return Item(block, flow=flow)


def sources_block(text: str, title: str) -> str:
    """A ``sources:`` list with the one source, as ``rubric fingerprint`` prints it."""
    return "sources:\n" + block_item(source_item(text, title), "  ")


def add_source(rubric_text: str, text: str, title: str, file: str = "<rubric>") -> str:
    """``rubric_text`` with the fingerprint of ``text`` appended to its ``sources:`` list (the
    list is made, after the last key, when there is none); every other byte stays. The new
    text is loaded, and must give the same rubric with one more source (RubricError when the
    file does not load, before or after)."""
    before = load_rubric_text(rubric_text, file)
    doc = RubricText(rubric_text)
    edit_sequence(doc, doc.root(), "sources", add=[source_item(text, title)])
    new_text = doc.result()
    after = load_rubric_text(new_text, file)
    if (after.model_dump(exclude={"sources"}) != before.model_dump(exclude={"sources"})
            or after.sources[:-1] != before.sources or len(after.sources) != len(before.sources) + 1):
        raise RuntimeError(f"adding a source to {file} would change more than its sources list")
    return new_text
