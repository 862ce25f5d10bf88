"""The most-read lines of a report, as a class reads them (issue 22, item 25): a next step
says how many points it adds, label lists never read "… dan … dan …", no "hanya 0%", and one
level scale for every criterion, stated once."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from rubrika.cli.main import main
from rubrika.messages.feedback import join_labels
from rubrika.reporters.html import render_essay
from rubrika.rubric.loader import load_rubric

# two "dan" with no comma, stop or "serta" between them: "a dan b dan c"
DAN_CHAIN = re.compile(r"\bdan\b(?:(?!\bserta\b)[^,.;:“”()])*\bdan\b")


def test_a_next_step_says_how_many_points_it_adds():
    out = CliRunner().invoke(main, ["check", str(SAMPLES / "04-dedi-hardwrap.txt")]).output
    assert "naik hingga" not in out
    steps = re.findall(r"— bisa menambah skormu (\d+(?:,\d)?) poin", out)
    assert steps and all(float(p.replace(",", ".")) > 0 for p in steps)


@pytest.mark.parametrize("labels", [
    ["Ketimpangan kekuasaan negara besar dan kecil", "Ancaman terhadap kedaulatan dan jati diri bangsa"],
    ["Perdamaian", "Ketimpangan kekuasaan negara besar dan kecil"],
    ["Demokrasi", "Hak asasi manusia", "Kedaulatan dan jati diri bangsa"],
])
def test_label_lists_never_chain_dan(labels):
    joined = join_labels(labels)
    assert not DAN_CHAIN.search(joined), joined
    assert all(label[1:] in joined for label in labels)


def test_no_feedback_of_the_samples_chains_dan(checker):
    texts = []
    for path in sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.md")):
        record = checker.check_file(path)
        texts += [c["feedback"] for c in record["criteria"]] + [a["message"] for a in record["advisories"]]
        # concepts' feedback name their missing groups in a list; a references check quotes a title as written
        texts += [k["feedback"] for c in record["criteria"] if c["id"] != "referensi" for k in c["concepts"]]
    chained = [m.group(0) for text in texts for m in [DAN_CHAIN.search(text)] if m]
    assert chained == []


def test_an_essay_with_no_sentence_on_the_topic_is_not_told_hanya_0_percent(checker):
    story = " ".join(f"Hari ke-{i} aku bermain sepak bola bersama teman di lapangan dekat rumah." for i in range(1, 9))
    record = checker.check_text(story)
    off = [a["message"] for a in record["advisories"] if a["code"] == "off-topic"]
    assert len(off) == 1 and record["essay"]["topic_share"] == 0
    assert "0%" not in off[0] and "belum ada kalimatnya" in off[0]


def test_one_level_scale_for_every_criterion_stated_once(checker):
    rubric = load_rubric()  # the built-in rubric
    scales = {tuple((lv.min, str(lv.label)) for lv in c.levels) for c in rubric.criteria}
    assert len(scales) == 1  # 83% is never "Cukup" in one criterion and 67% "Baik" in another
    path = SAMPLES / "15-oki-sedang-campuran.txt"
    record, text = checker.check_file_with_text(path)
    html = render_essay(record, text, "id", checker.outline("id"))
    assert html.count("Level tiap kriteria:") == 1
    assert "Sangat baik (90% ke atas), Baik (60% ke atas), Cukup (30% ke atas), Perlu bimbingan (di bawah 30%)" in html
