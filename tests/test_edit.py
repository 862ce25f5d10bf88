"""The rubric editor (``rubrika.rubric.edit``): list items added and removed by node position,
every other byte of the teacher's file kept. Each case gives the exact text expected, and the
edited text must load as the data the edit means."""

from __future__ import annotations

import pytest
import yaml

from rubrika.rubric.edit import Item, RubricText, block_item, child, edit_sequence, scalar


def concept(doc: RubricText, index: int = 0) -> yaml.MappingNode:
    return child(doc.root(), "concepts").value[index]


BLOCK = """\
# Rubrik saya
concepts:
    - id: a   # pertama
      terms:
          # yang ditulis guru sebelum menilai
          - satu    # guru
          - dua
      feedback: {missing: Tulis.}
"""


def test_items_join_a_block_list_after_its_last_item_at_its_indent():
    doc = RubricText(BLOCK)
    edit_sequence(doc, concept(doc), "terms", add=[Item("tiga", "baru"), Item(scalar("yes"), "kutip")])
    assert doc.result() == BLOCK.replace("          - dua\n",
                                         '          - dua\n          - tiga  # baru\n          - "yes"  # kutip\n')
    assert yaml.safe_load(doc.result())["concepts"][0]["terms"] == ["satu", "dua", "tiga", "yes"]


def test_a_dropped_item_goes_with_its_line_and_the_lists_own_comment_stays():
    doc = RubricText(BLOCK)
    edit_sequence(doc, concept(doc), "terms", drop={0}, add=[Item("tiga", "baru")])
    assert doc.result() == BLOCK.replace("          - satu    # guru\n", "").replace(
        "          - dua\n", "          - dua\n          - tiga  # baru\n")
    assert "# yang ditulis guru sebelum menilai" in doc.result()


def test_dropping_every_item_leaves_an_empty_list():
    text = "terms:\n  - a\n  - b\nx: 1\n"
    doc = RubricText(text)
    edit_sequence(doc, doc.root(), "terms", drop={0, 1})
    assert doc.result() == "terms: []\nx: 1\n"


def test_a_flow_list_alone_on_its_line_becomes_a_block_list_so_comments_can_follow_items():
    text = "concepts:\n  - id: b\n    terms: [satu, dua]  # dua istilah\n    feedback: x\n"
    doc = RubricText(text)
    edit_sequence(doc, concept(doc), "terms", add=[Item("tiga", "baru")])
    assert doc.result() == ("concepts:\n  - id: b\n    terms: # dua istilah\n      - satu\n      - dua\n"
                            "      - tiga  # baru\n    feedback: x\n")
    assert yaml.safe_load(doc.result())["concepts"][0] == {"id": "b", "terms": ["satu", "dua", "tiga"], "feedback": "x"}


def test_a_flow_list_inside_a_flow_mapping_stays_flow_with_the_comment_above():
    text = "concepts:\n  - {id: c, terms: [satu], feedback: x}\n"
    doc = RubricText(text)
    edit_sequence(doc, concept(doc), "terms", add=[Item("dua", "baru")])
    assert doc.result() == "concepts:\n  # dua: baru\n  - {id: c, terms: [satu, dua], feedback: x}\n"


def test_a_missing_list_is_written_before_the_key_named_or_after_the_anchor():
    text = "concepts:\n  - id: d\n    label: D\n    feedback: x\n  - id: e\n    label: E\n"
    doc = RubricText(text)
    edit_sequence(doc, concept(doc, 0), "terms", add=[Item("satu", "baru")], after="id", before="feedback")
    edit_sequence(doc, concept(doc, 1), "terms", add=[Item("dua", "baru")], after="id", before="feedback")
    assert doc.result() == ("concepts:\n  - id: d\n    label: D\n    terms:\n      - satu  # baru\n    feedback: x\n"
                            "  - id: e\n    terms:\n      - dua  # baru\n    label: E\n")


def test_a_missing_list_in_a_flow_mapping():
    text = "concepts:\n  - {id: e, label: E}\n"
    doc = RubricText(text)
    edit_sequence(doc, concept(doc), "terms", add=[Item("satu", "baru")], after="id")
    assert doc.result() == "concepts:\n  # satu: baru\n  - {id: e, label: E, terms: [satu]}\n"


SOURCES_FIRST = """\
id: r   # rubrik
sources:
  - title: "A"
    hashes: >-
      0000aaaa 0000bbbb
      0000cccc

# --- kriteria ---
criteria: []
"""
NEW_SOURCE = Item('title: "B"\nhashes: >-\n  1111aaaa 1111bbbb\n  1111cccc', flow='{"title": "B", "hashes": "1111aaaa"}')


def test_an_item_of_several_lines_joins_a_list_that_is_not_last_before_the_comment_of_the_next_key():
    doc = RubricText(SOURCES_FIRST)
    edit_sequence(doc, doc.root(), "sources", add=[NEW_SOURCE])
    assert doc.result() == SOURCES_FIRST.replace(
        "      0000cccc\n",
        '      0000cccc\n  - title: "B"\n    hashes: >-\n      1111aaaa 1111bbbb\n      1111cccc\n')
    assert yaml.safe_load(doc.result())["sources"] == [{"title": "A", "hashes": "0000aaaa 0000bbbb 0000cccc"},
                                                       {"title": "B", "hashes": "1111aaaa 1111bbbb 1111cccc"}]


@pytest.mark.parametrize("text, expected", [
    ("id: r\ncriteria: []\n# akhir\n", "id: r\ncriteria: []\nsources:\n  - x\n# akhir\n"),
    ("id: r\ncriteria: []", "id: r\ncriteria: []\nsources:\n  - x\n"),
    ("id: r\ncriteria:\n  - id: k\n    kind: concepts\n\n\n", "id: r\ncriteria:\n  - id: k\n    kind: concepts\nsources:\n  - x\n\n\n"),
    ("id: r\nsources: []\ncriteria: []\n", "id: r\nsources:\n  - x\ncriteria: []\n"),
])
def test_a_new_list_goes_after_the_last_key_and_a_file_without_a_final_line_break_gets_one(text, expected):
    doc = RubricText(text)
    edit_sequence(doc, doc.root(), "sources", add=[Item("x")])
    assert doc.result() == expected


def test_a_file_saved_on_windows_keeps_its_line_ends():
    doc = RubricText(SOURCES_FIRST.replace("\n", "\r\n"))
    edit_sequence(doc, doc.root(), "sources", add=[NEW_SOURCE])
    result = doc.result()
    assert result.count("\n") == result.count("\r\n") == SOURCES_FIRST.count("\n") + 4
    assert result.replace("\r\n", "\n") == SOURCES_FIRST.replace(
        "      0000cccc\n",
        '      0000cccc\n  - title: "B"\n    hashes: >-\n      1111aaaa 1111bbbb\n      1111cccc\n')


def test_a_whole_flow_rubric_gets_the_items_one_line_form():
    doc = RubricText("{id: r, criteria: []}\n")
    edit_sequence(doc, doc.root(), "sources", add=[NEW_SOURCE])
    assert doc.result() == '{id: r, criteria: [], sources: [{"title": "B", "hashes": "1111aaaa"}]}\n'


def test_replacing_a_node_keeps_its_surroundings():
    doc = RubricText('id: r\nversion: "1.0.0"  # versi\n')
    doc.replace(child(doc.root(), "version"), '"1.1.0"')
    assert doc.result() == 'id: r\nversion: "1.1.0"  # versi\n'


def test_block_item_and_scalar():
    assert block_item(Item("a: 1\nb: >-\n  c", "catatan"), "  ") == "  - a: 1  # catatan\n    b: >-\n      c\n"
    assert [scalar(s) for s in ["kerja sama", "lintas-batas", "yes", "a: b", "Global", "négara"]] == [
        "kerja sama", "lintas-batas", '"yes"', '"a: b"', '"Global"', '"négara"']
