"""Indonesian processing: tokenizer rule, normaliser, layout, sentences, language."""

from __future__ import annotations

import pytest

from rubrika.engine.analysis import analyse
from rubrika.nlp.language import guess_language
from rubrika.nlp.layout import lay_out
from rubrika.nlp.lexicon import base as base_lexicon


def texts(doc):
    return [t.text for t in doc]


def test_lean_tokenizer_hyphen_rule(nlp):
    doc = nlp("Negara-negara dan hak-haknya, kerja-sama, COVID-19.")
    assert texts(doc) == ["Negara-negara", "dan", "hak-haknya", ",", "kerja", "-", "sama", ",", "COVID", "-", "19", "."]


def test_lean_tokenizer_is_lean(nlp):
    assert len(nlp.tokenizer.rules) < 1000  # spacy.blank("id") has ~16,000


def test_abbreviations_stay_one_token(nlp):
    doc = nlp("Jl. Merdeka, Bpk. Budi, dll. dan tsb. juga dgn. kawan")
    assert {"Jl.", "Bpk.", "dll.", "tsb.", "dgn."} <= set(texts(doc))


@pytest.mark.parametrize("word,norm", [
    ("dipromosikan", "promosi"), ("mempromosikan", "promosi"), ("menyelesaikan", "selesai"),
    ("diselesaikan", "selesai"), ("bekerja", "kerja"), ("nilai-nilai", "nilai"), ("negara2", "negara"),
    ("hak-haknya", "hak"), ("kepentingannya", "kepentingan"), ("tdk", "tidak"), ("praktek", "praktik"),
    ("diskusikan", "diskusi"), ("berikan", "beri"), ("menegakkan", "tegak"), ("ditegakkan", "tegak"),
])
def test_normaliser_merges_word_forms(word, norm):
    assert base_lexicon().normalize(word) == norm


@pytest.mark.parametrize("word", [
    "pendapat", "pemerintahan", "kepentingan", "keamanan", "kebijakan", "perdamaian", "keberagaman",
    "demokrasi", "dialog", "diri", "hanya",
])
def test_normaliser_leaves_nouns_alone(word):
    assert base_lexicon().normalize(word) == word


def test_layout_joins_hard_wrapped_lines_and_maps_back():
    original = "Kerja sama internasional adalah\n   hubungan antar-\nnegara yang erat.\n\nParagraf dua."
    layout = lay_out(original)
    assert layout.text == "Kerja sama internasional adalah hubungan antarnegara yang erat.\n\nParagraf dua."
    i = layout.text.index("adalah hubungan")
    start, end = layout.to_original(i, i + len("adalah hubungan"))
    assert original[start:end] == "adalah\n   hubungan"
    i = layout.text.index("antarnegara")
    start, end = layout.to_original(i, i + len("antarnegara"))
    assert original[start:end] == "antar-\nnegara"


def test_layout_keeps_bullets_and_headings_apart():
    original = "Peluang:\n• dialog antarnegara\n• masalah global\n2) nilai universal\nPenutup\nKerja sama penting."
    assert lay_out(original).text == (
        "Peluang:\ndialog antarnegara\nmasalah global\nnilai universal\nPenutup\nKerja sama penting."
    )


def test_sentences_respect_bullets_abbreviations_and_wraps():
    text = (
        "Contoh organisasi:\n- PBB menjaga perdamaian\n- WTO mengatur perdagangan\n\n"
        "Dr. Budi tinggal di Jl. Merdeka dan menulis\ntentang HAM, dll. Kerja sama itu penting! Benar?"
    )
    analysis = analyse(text)
    sentences = [analysis.doc[s:e].text.strip() for s, e in analysis.sentences]
    assert sentences == [
        "Contoh organisasi:",
        "PBB menjaga perdamaian",
        "WTO mengatur perdagangan",
        "Dr. Budi tinggal di Jl. Merdeka dan menulis tentang HAM, dll.",
        "Kerja sama itu penting!",
        "Benar?",
    ]
    assert analysis.para_of_sent == [0, 0, 0, 1, 1, 1]


def test_language_guess():
    assert guess_language("kerja sama ini sangat penting bagi negara yang sedang berkembang".split()) == "id"
    assert guess_language("international cooperation is important for the countries which are developing".split()) == "en"
    assert guess_language(["pbb"]) == "unknown"


def test_a_paragraph_typed_on_one_line_ends_at_its_line_break():
    # Text pasted from a web page or a word processor: one paragraph a line, no blank lines.
    first = ("Sekolah kami mengadakan kerja bakti setiap bulan untuk membersihkan halaman, menanam pohon, "
             "dan merapikan perpustakaan bersama para guru dan orang tua murid yang datang membantu.")
    second = ("Setelah kerja bakti selesai, semua orang makan siang bersama di aula sambil bercerita tentang "
              "rencana kegiatan sekolah untuk semester berikutnya dan pembagian tugas tiap kelas.")
    assert len(first) >= 160 and len(second) >= 160
    analysis = analyse(first + "\n" + second)
    assert analysis.para_of_sent == [0, 1]
    # Hard-wrapped lines (short, ending mid-sentence or not) stay one paragraph.
    wrapped = "Sekolah kami mengadakan kerja bakti.\nSetelah itu semua orang makan siang bersama.\nLalu pulang."
    assert set(analyse(wrapped).para_of_sent) == {0}
