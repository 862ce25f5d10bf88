"""Hostile essay text (issue 11, items 14 and 15): letters of other scripts disguised as Latin
ones must not defeat the copy check, and a run-on essay must be checked in linear time.

Big inputs are generated here, never stored; the run-on essay is checked in a subprocess
bounded in time and memory (a generous ceiling, not a benchmark: benchmarks/bench_runon.py
measures the speed).
"""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import door_answers, door_codes
from rubrika.api import Checker
from rubrika.readers.essay import Essay
from rubrika.nlp.confusables import fold_of
from rubrika.nlp.layout import lay_out

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tests" / "fixtures" / "sumber-artikel.txt"  # a source written for tests
COPY = ROOT / "sample_essays" / "integritas" / "salinan-sumber.txt"  # copies it

# Look-alikes of Latin letters in three disguises; each is checked against the fold table.
DISGUISES = {
    "cyrillic": dict(zip("aeopcxyiAEOPCXHKMTB", "аеорсхуіАЕОРСХНКМТВ")),
    "greek": dict(zip("oivapuyAEIOTKMNZBHPXY", "οιναρυγΑΕΙΟΤΚΜΝΖΒΗΡΧΥ")),
    "fullwidth": {c: chr(ord(c) - ord("a") + ord("ａ")) for c in "aeiou"},
}


def disguise(text: str, table: dict[str, str]) -> str:
    """Every other word with its disguisable letters replaced (how the attack run did it)."""
    trans = str.maketrans(table)
    parts = re.split(r"(\s+)", text)
    words = 0
    for i, part in enumerate(parts):
        if part.strip():
            words += 1
            if words % 2 == 0:
                parts[i] = part.translate(trans)
    return "".join(parts)


@pytest.fixture(scope="module")
def copy_checker() -> Checker:
    return Checker(sources=[SOURCE.read_text(encoding="utf-8")])


def check(checker: Checker, text: str) -> dict:
    return checker.check(Essay(text=text, path="esai.txt", id="esai")).result.to_record()


@pytest.mark.parametrize("script", sorted(DISGUISES))
def test_disguise_tables_fold_back_to_their_letters(script):
    assert {fold_of(v): k for k, v in DISGUISES[script].items()} == {k: k for k in DISGUISES[script]}


@pytest.mark.parametrize("script", sorted(DISGUISES))
def test_homoglyph_copy_is_still_found_copied_at_the_same_share(copy_checker, script):
    text = COPY.read_text(encoding="utf-8")
    plain = check(copy_checker, text)
    disguised_text = disguise(text, DISGUISES[script])
    assert disguised_text != text
    disguised = check(copy_checker, disguised_text)
    assert plain["essay"]["copied_share"] > 0.6
    assert disguised["essay"]["copied_share"] == plain["essay"]["copied_share"]
    assert disguised["score"] == plain["score"]
    assert "copied-source" in {a["code"] for a in disguised["advisories"]}
    # Evidence and copied passages still slice the essay as written.
    spans = [e for c in disguised["criteria"] for k in c["concepts"] for e in k["evidence"]]
    spans += [s for a in disguised["advisories"] for s in a.get("spans", [])]
    assert spans and all(disguised_text[s["start"]:s["end"]] == s["text"] for s in spans)


def test_mixed_script_advisory_names_how_many_words(copy_checker):
    text = disguise(COPY.read_text(encoding="utf-8"), DISGUISES["cyrillic"])
    changed = [w for w in re.findall(r"\w+", text) if not w.isascii()]
    advisory = next(a for a in check(copy_checker, text)["advisories"] if a["code"] == "mixed-script")
    assert advisory["severity"] == "warning"
    assert f"Sebanyak {len(changed)} kata" in advisory["message"]
    assert all(text[s["start"]:s["end"]] == s["text"] and not s["text"].isascii() for s in advisory["spans"])


def test_a_folded_essay_matches_rubric_terms(checker):
    sentence = "Multilateralisme adalah kerja sama banyak negara untuk menjaga perdamaian dunia."
    plain = check(checker, sentence)
    folded = check(checker, disguise(sentence, DISGUISES["cyrillic"]))
    statuses = lambda r: [(k["id"], k["status"]) for c in r["criteria"] for k in c["concepts"]]  # noqa: E731
    assert statuses(folded) == statuses(plain)
    assert any(s == "found" for _, s in statuses(plain))


OTHER_SCRIPTS = {
    "cyrillic": "Все счастливые семьи похожи друг на друга, каждая несчастливая семья несчастлива по-своему.",
    "cyrillic look-alikes only": "Се аре ох сор рас.",
    "arabic": "إِنَّ مَعَ الْعُسْرِ يُسْرًا وَالسَّلَامُ عَلَيْكُمْ",
    "javanese": "ꦲꦤꦕꦫꦏ ꦢꦠꦱꦮꦭ ꦥꦝꦗꦪꦚ ꦩꦒꦧꦛꦔ",
    "greek": "Γνῶθι σεαυτόν, ο κόσμος είναι ωραίος.",
}


@pytest.mark.parametrize("name", sorted(OTHER_SCRIPTS))
def test_text_in_another_script_is_neither_folded_nor_flagged(checker, name):
    quote = OTHER_SCRIPTS[name]
    essay = (f"Kerja sama internasional penting bagi perdamaian dunia.\n\n{quote}\n\n"
             "Karena itu setiap negara perlu berdialog dengan negara lain.")
    assert quote in lay_out(essay).text  # as written, not folded into nonsense
    assert lay_out(essay).disguised == ()
    assert "mixed-script" not in {a["code"] for a in check(checker, essay)["advisories"]}
    assert "mixed-script" not in {a["code"] for a in check(checker, quote)["advisories"]}


def test_a_lone_disguised_word_among_latin_ones_is_folded():
    text = "Kerja sama ара yang diperlukan dunia?"  # "apa" wholly in Cyrillic
    layout = lay_out(text)
    assert layout.text == "Kerja sama apa yang diperlukan dunia?"
    assert [text[s:e] for s, e in layout.disguised] == ["ара"]


# --- run-on essays ------------------------------------------------------------------------

RUN_ON_CHARS = 198_000
TIME_CEILING = 120  # seconds; the unfixed code took about a minute on the attack run's essay
MEMORY_CEILING = 3 * 1024 ** 3  # bytes of address space


def run_on_essay(chars: int = RUN_ON_CHARS) -> str:
    """The sample essays' sentences strung into one sentence with commas, to ``chars``."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "sample_essays" / "kerja-sama-internasional").glob("*.txt")))
    words = re.sub(r"[.!?]+", ",", text).split()
    out, size, i = [], 0, 0
    while size < chars - 40:
        out.append(words[i % len(words)])
        size += len(out[-1]) + 1
        i += 1
    return " ".join(out).rstrip(",") + "."


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))


def test_run_on_essay_finishes_and_gets_the_advisory(tmp_path):
    essay = tmp_path / "satu-kalimat.txt"
    essay.write_text(run_on_essay(), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "rubrika", "check", str(essay), "--format", "json"],
                          capture_output=True, text=True, timeout=TIME_CEILING, preexec_fn=_limit_memory)
    assert done.returncode == 0, done.stderr[-2000:]
    record = json.loads(done.stdout)
    assert record["essay"]["sentences"] == 1
    advisory = next(a for a in record["advisories"] if a["code"] == "run-on")
    assert advisory["severity"] == "info"


def test_run_on_advisory_counts_only_long_sentences(checker):
    normal = ". ".join(["Kerja sama internasional menjaga perdamaian dunia melalui dialog"] * 12) + "."
    assert "run-on" not in {a["code"] for a in check(checker, normal)["advisories"]}
    long_one = normal + " " + ", ".join(["negara bekerja sama demi perdamaian"] * 30) + "."
    advisory = next(a for a in check(checker, long_one)["advisories"] if a["code"] == "run-on")
    assert "Sebanyak 1 kalimat" in advisory["message"] and "150 kata" in advisory["message"]


# --- every door -----------------------------------------------------------------------------


def door_texts() -> dict[str, str]:
    texts = {"run-on": run_on_essay(), **{f"{script} look-alikes": disguise(COPY.read_text(encoding="utf-8"), table)
                                          for script, table in DISGUISES.items()}}
    texts.update({f"{name} quoted": f"Kerja sama internasional penting bagi perdamaian dunia.\n\n{quote}\n\n"
                  "Karena itu setiap negara perlu berdialog dengan negara lain." for name, quote in OTHER_SCRIPTS.items()})
    return texts


@pytest.mark.parametrize("name", sorted(door_texts()))
def test_hostile_text_gets_the_same_record_at_every_door(name, tmp_path, serve_api):
    """`rubrika check` on the text as a file, the file uploaded to the API and to the page's
    call, and the text sent as text: all check it, to the same record."""
    text = door_texts()[name]
    path = tmp_path / "esai.txt"
    path.write_text(text, encoding="utf-8")
    answers = door_answers(serve_api, path, text)
    assert set(door_codes(answers).values()) == {None}, door_codes(answers)
    records = [{**r, "essay": {**r["essay"], "path": None}} for _, r in answers.values() if r is not None]
    assert len(records) == 3 and all(r == records[0] for r in records)
