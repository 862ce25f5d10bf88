"""Integrity advisories, measured on labelled samples, and the rules behind them."""

from __future__ import annotations

import json
import re
import typing
from collections import Counter

import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT, SAMPLE_ROOT
from rubrika.api import Checker
from rubrika.cli.main import main
from rubrika.engine import copying, fingerprint, similarity
from rubrika.engine.advisories import ADVISORIES
from rubrika.result import AdvisoryCode

LABELS = yaml.safe_load((SAMPLE_ROOT / "integritas" / "advisories.yaml").read_text(encoding="utf-8"))
CODES = typing.get_args(AdvisoryCode)


def test_every_code_is_made_by_one_check():
    """The registry's checks, the copy check and the batch's similarity search make every
    code the record schema names, each once."""
    made = [check.code for check in ADVISORIES] + [copying.CODE, similarity.CODE]
    assert sorted(made) == sorted(CODES) and len(set(made)) == len(made)


def test_the_readme_table_has_a_row_for_every_code():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Integrity advisories"):]
    table = section[section.index("| code | when |"):section.index("\n\n", section.index("| code | when |"))]
    rows = [line.split("|")[1] for line in table.splitlines()[2:]]
    listed = [code for cell in rows for code in re.findall(r"`([a-z-]+)`", cell)]
    assert sorted(listed) == sorted(CODES), "the README's advisory table and rubrika.result.AdvisoryCode differ"


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> dict[str, dict]:
    """Every labelled folder graded as a teacher would, with the copying sample's source."""
    records = {}
    for folder in LABELS["folders"]:
        out = tmp_path_factory.mktemp(folder)
        CliRunner().invoke(main, ["grade", str(SAMPLE_ROOT / folder), "-o", str(out), "-q",
                                  "--source", str(ROOT / LABELS["source"])], catch_exceptions=False)
        for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            records[f"{folder}/{record['essay']['path']}"] = record
    return records


def test_every_labelled_essay_was_graded(graded):
    wanted = {f"{folder}/{name}" for folder, essays in LABELS["folders"].items() for name in essays}
    assert wanted <= set(graded)


def test_precision_and_recall_of_every_advisory(graded):
    counts = {code: Counter() for code in CODES}
    for folder, essays in LABELS["folders"].items():
        for name, expected in essays.items():
            fired = {a["code"] for a in graded[f"{folder}/{name}"]["advisories"]}
            for code in CODES:
                counts[code][(code in expected, code in fired)] += 1
    lines, failed = [], []
    for code, c in counts.items():
        tp, fp, fn = c[(True, True)], c[(False, True)], c[(True, False)]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        lines.append(f"{code:17} tp {tp:2} fp {fp:2} fn {fn:2}  precision {precision:.2f} recall {recall:.2f}")
        if tp + fn == 0 or precision < 0.9 or recall < 0.9:
            failed.append(code)
    report = "\n".join(lines)
    print(report)
    assert not failed, f"advisories below 0.9 (or without a positive sample): {failed}\n{report}"


def test_gaming_scores_low_and_genuine_average_essays_do_not(graded):
    for name in LABELS["gaming"]:
        assert graded[f"integritas/{name}"]["score"] < LABELS["gaming_max_score"], name
    for name in LABELS["average"]:
        assert graded[f"kerja-sama-internasional/{name}"]["score"] > LABELS["average_min_score"], name


def test_stuffing_advisory_carries_the_spans(graded):
    record = graded["integritas/permainan-02-salad.txt"]
    advisory = next(a for a in record["advisories"] if a["code"] == "keyword-stuffing")
    text = (SAMPLE_ROOT / "integritas" / "permainan-02-salad.txt").read_text(encoding="utf-8")
    assert advisory["spans"] and all(text[s["start"]:s["end"]] == s["text"] for s in advisory["spans"])
    assert all(k["status"] == "missing" for c in record["criteria"] for k in c["concepts"] if k.get("stuffed"))


def test_english_essay_is_told_so(graded):
    advisory = next(a for a in graded["integritas/bahasa-inggris.txt"]["advisories"] if a["code"] == "wrong-language")
    assert advisory["severity"] == "warning" and "bahasa Inggris" in advisory["message"]
    mixed = graded["integritas/campuran-bahasa.txt"]
    assert mixed["essay"]["english_share"] == pytest.approx(0.4, abs=0.1)
    assert "40%" in next(a["message"] for a in mixed["advisories"] if a["code"] == "wrong-language")


def test_copied_passages_are_marked_and_cited_quotations_are_not(graded, tmp_path):
    copied = graded["integritas/salinan-sumber.txt"]
    assert copied["essay"]["copied_share"] > 0.6
    quoted = graded["integritas/kutipan-bersitasi.txt"]
    assert quoted["essay"]["copied_share"] < 0.1
    assert not any(a["code"] == "similar-essays" for a in quoted["advisories"])  # a cited quotation is not collusion


def test_similar_pair_names_each_other(graded):
    a = next(x for x in graded["integritas/mirip-a-rina.txt"]["advisories"] if x["code"] == "similar-essays")
    b = next(x for x in graded["integritas/mirip-b-sari.txt"]["advisories"] if x["code"] == "similar-essays")
    assert a["others"] == ["mirip-b-sari.txt"] and b["others"] == ["mirip-a-rina.txt"]
    assert re.search(r"^Sebanyak \d\d% teks esai ini sama dengan mirip-b-sari\.txt", a["message"])
    shared = " ".join(" ".join(s["text"].split()) for s in a["spans"])
    assert "banyak orang mengkritik PBB karena lambat bertindak" in shared


def test_text_shared_by_the_whole_class_is_not_similarity():
    prompt = "Jelaskan peluang dan hambatan kerja sama internasional dalam mendorong perdamaian dunia."
    prints = [set(similarity.winnow(fingerprint.words_with_spans(f"{prompt} Esai nomor {i} berbeda isinya {i * 7} kali.")))
              for i in range(40)]
    assert similarity.similar_pairs(prints) == []


@pytest.mark.parametrize("sentence,negated", [
    ("Di kawasan itu tidak ada rasa saling percaya antarnegara.", True),
    ("Negara itu belum pernah mengenal demokrasi sama sekali.", True),
    ("Kerja sama tidak hanya membangun rasa saling percaya, tetapi juga persahabatan.", False),
    ("Tidak dapat dipungkiri bahwa rasa saling percaya antarnegara penting.", False),
    ("Perdamaian tidak akan tercapai tanpa dialog antarnegara.", False),
    ("Jika tidak ada dialog, konflik mudah pecah.", False),
    ("Hak asasi manusia berlaku tanpa membedakan ras dan agama.", False),
])
def test_negation_rules(checker, sentence, negated):
    record = checker.check_text(sentence)
    evidence = [e for c in record["criteria"] for k in c["concepts"] for e in k["evidence"]]
    assert evidence, sentence
    assert any(e.get("weak") == "negation" for e in evidence) == negated


def test_negated_only_evidence_is_never_strong(checker):
    record = checker.check_text("Multilateralisme tidak dikenal di sana. Di sana tidak ada multilateralisme sama sekali.")
    concept = next(k for c in record["criteria"] for k in c["concepts"] if k["id"] == "multilateralisme")
    assert concept["status"] == "partial"


def test_fingerprint_is_stored_in_the_rubric_without_the_text(tmp_path):
    source = ROOT / LABELS["source"]
    rubric = tmp_path / "rubrik.yaml"
    rubric.write_text((ROOT / "rubrics" / "globalisasi.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["rubric", "fingerprint", str(source), "--into", str(rubric), "--title", "Mekong"])
    assert result.exit_code == 0, result.output
    stored = rubric.read_text(encoding="utf-8")
    words = source.read_text(encoding="utf-8").split()
    assert not any(" ".join(words[i:i + 4]) in stored for i in range(len(words) - 4))
    checker = Checker(rubric)
    assert len(checker.source_hashes) > 50
    copied = checker.check_file(SAMPLE_ROOT / "integritas" / "salinan-sumber.txt")
    assert any(a["code"] == "copied-source" for a in copied["advisories"])


def test_builtin_rubric_ships_the_seed_article_fingerprint():
    checker = Checker()
    assert checker.rubric.sources and len(checker.source_hashes) > 500


def test_unreadable_source_is_a_usage_error_naming_the_file(tmp_path):
    source = tmp_path / "sumber.txt"
    source.write_bytes(b"")
    essay = SAMPLE_ROOT / "integritas" / "negasi.txt"
    result = CliRunner().invoke(main, ["check", str(essay), "--source", str(source)])
    assert result.exit_code == 2 and f"{source}: berkas kosong" in result.stderr
    assert "internal" not in result.stderr
    fingerprinted = CliRunner().invoke(main, ["rubric", "fingerprint", str(source), "--lang", "en"])
    assert fingerprinted.exit_code == 2 and f"{source}: file is empty" in fingerprinted.stderr


def test_shipped_examples_are_honest_about_length(graded):
    """A too-short note on the shipped genuine essays would teach teachers to ignore the column."""
    builtin = [r for key, r in graded.items() if key.startswith("kerja-sama-internasional/")]
    assert len(builtin) == 17 and not [r["essay"]["path"] for r in builtin
                                       if any(a["code"] == "too-short" for a in r["advisories"])]
    checker = Checker(ROOT / "rubrics" / "globalisasi.yaml")
    short = [p.name for p in sorted((SAMPLE_ROOT / "globalisasi").glob("g*"))
             if any(a["code"] == "too-short" for a in checker.check_file(p)["advisories"])]
    assert short == []


def test_terms_sprinkled_into_a_story_are_off_topic(graded):
    story = graded["integritas/permainan-04-cerita-berbumbu.txt"]
    touched = [k["id"] for c in story["criteria"] for k in c["concepts"] if k["status"] != "missing"]
    assert len(touched) >= 3 and 0.1 < story["essay"]["topic_share"] < 0.15  # three concepts in passing, ~11%
    assert "off-topic" in {a["code"] for a in story["advisories"]}
    weak = graded["kerja-sama-internasional/17-rudi-lemah-poin.txt"]  # a genuine weak essay: not off topic
    assert weak["essay"]["topic_share"] > story["essay"]["topic_share"]  # its lists name concepts line after line
    assert "off-topic" not in {a["code"] for a in weak["advisories"]}
