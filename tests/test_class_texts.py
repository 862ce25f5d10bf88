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


# --- issue 22, item 24 ---------------------------------------------------------------------

BODY = (SAMPLES / "04-dedi-hardwrap.txt").read_text(encoding="utf-8").split("\nReferensi")[0]
LIST_ONLY = "\n\nHambatan lain:\n- ancaman kedaulatan\n- jati diri bangsa\n- identitas nasional\n"


def test_the_legend_of_wavy_underlined_terms_agrees_with_the_note(checker):
    """A concept whose terms stand only in a bullet list counts for half (the note says so):
    the legend of its wavy underline must not say it earns nothing."""
    text = BODY + LIST_ONLY
    record = checker.check_text(text)
    note = next(a for a in record["advisories"] if a["code"] == "keyword-stuffing")
    assert note["severity"] == "info" and "setengah" in note["message"]
    html = render_essay(record, text, "id", checker.outline("id"))
    assert 'class="stuffed"' in html  # the terms are wavy-underlined
    legend = html.split('<div class="essay-text">')[0].rsplit('<p class="meta">', 1)[1]
    assert "tidak mendapat poin" not in html and "baru dihitung setengah" in legend


def test_rubric_export_leaves_no_placeholder_in_the_lms_csv():
    for args in (["rubric", "export"], ["rubric", "export", "--style", "long", "--lang", "en"],
                 ["rubric", "export", str(SAMPLES.parent.parent / "rubrics" / "globalisasi.yaml")]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0
        assert not re.search(r"\{\w+\}", result.output), re.search(r".{40}\{\w+\}.{20}", result.output)


@pytest.mark.parametrize("essay", ["01-andi-kuat-lengkap.txt", "02-bunga-parafrase.md"])
def test_an_essay_given_as_the_rubric_is_named_as_an_essay(essay):
    result = CliRunner().invoke(main, ["check", str(SAMPLES / "04-dedi-hardwrap.txt"), "-r", str(SAMPLES / essay)])
    assert result.exit_code == 2
    assert "tampaknya sebuah esai, bukan rubrik" in result.output and "YAML" not in result.output


def test_an_essay_as_a_docx_given_as_the_rubric_is_named_as_an_essay(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph(BODY)
    document.save(tmp_path / "esai.docx")
    result = CliRunner().invoke(main, ["rubric", "validate", str(tmp_path / "esai.docx")])
    assert result.exit_code == 2 and "tampaknya sebuah esai" in result.output
