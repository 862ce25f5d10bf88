"""Helpers that let a level text name only the concepts in the status it speaks of."""

from __future__ import annotations

from rubrika.messages.feedback import join_labels, level_values, render_level, sentence_label


def test_sentence_label():
    assert sentence_label("Multilateralisme") == "multilateralisme"
    assert sentence_label("IPS sebagai kajian fenomena sosial") == "IPS sebagai kajian fenomena sosial"
    assert sentence_label("HAM") == "HAM"
    assert sentence_label("Pancasila sebagai penyaring") == "Pancasila sebagai penyaring"


def test_join_labels():
    assert join_labels([], "id") == ""
    assert join_labels(["Perdamaian"], "id") == "perdamaian"
    assert join_labels(["Perdamaian", "Demokrasi"], "id") == "perdamaian dan demokrasi"
    assert join_labels(["Kertas", "Pena", "Tinta"], "id") == "kertas, pena, dan tinta"
    assert join_labels(["Paper", "Pen", "Ink"], "en") == "paper, pen and ink"


def test_level_values_and_render():
    concepts = [{"label": "Perdamaian", "status": "found"}, {"label": "Demokrasi", "status": "partial"},
                {"label": "Hak asasi manusia", "status": "missing"}]
    values = level_values(concepts, "id")
    assert values == {"found": "perdamaian", "partial": "demokrasi", "missing": "demokrasi dan hak asasi manusia"}
    text = "Kamu sudah menulis definisi {found}. {partial} baru disebut. Perjelas {missing}."
    assert render_level(text, values) == ("Kamu sudah menulis definisi perdamaian. Demokrasi baru disebut. "
                                          "Perjelas demokrasi dan hak asasi manusia.")
    none_partial = level_values([{"label": "Perdamaian", "status": "found"}], "id")
    assert render_level(text, none_partial) == "Kamu sudah menulis definisi perdamaian."
