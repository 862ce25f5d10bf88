"""Concept detection measured against human labels of the bundled sample essays.

Credit-weighted precision and recall: a concept labelled ``found`` is worth 1, ``partial``
0.5, ``missing`` 0. Where Rubrika gives more credit than the label, the surplus counts as
a false positive; where it gives less, the shortfall counts as a false negative.
"""

from __future__ import annotations

import functools
import sys
from collections import Counter, defaultdict

import pytest
import yaml

from conftest import ROOT, SAMPLE_ROOT
from rubrika.rubric import outline

sys.path.insert(0, str(ROOT / "benchmarks"))
from accuracy_metrics import CODE, Tally  # noqa: E402  (the metric, shared with bench_accuracy.py)

MIN_PRECISION = 0.90
MIN_RECALL = 0.85
MAX_WORDS = 900
REFERENCE_CHECKS = [cid for cid, _ in outline.REFERENCE_CHECKS]  # the record order of a references criterion
SETS = sorted(p.name for p in SAMPLE_ROOT.iterdir() if (p / "expected.yaml").exists())


def _expected(folder: str) -> dict:
    return yaml.safe_load((SAMPLE_ROOT / folder / "expected.yaml").read_text(encoding="utf-8"))


def _essay_files(folder: str = "kerja-sama-internasional"):
    return sorted(p for p in (SAMPLE_ROOT / folder).iterdir() if p.suffix in (".txt", ".md"))


@functools.cache
def _checker(folder: str):
    from rubrika.api import Checker

    rubric = _expected(folder)["rubric"]
    return Checker(None if rubric == "builtin" else ROOT / rubric)


def test_there_are_two_labelled_sets_for_two_rubrics():
    assert {"kerja-sama-internasional", "globalisasi"} <= set(SETS)
    assert len({_checker(s).rubric.id for s in SETS}) == len(SETS)


@pytest.mark.parametrize("folder", SETS)
def test_every_sample_is_labelled_and_long_enough(folder):
    expected = _expected(folder)
    names = {p.name for p in _essay_files(folder)}
    assert names == set(expected["essays"]), f"sample_essays/{folder}/ and its expected.yaml list different essays"
    assert len(names) >= (12 if folder == "kerja-sama-internasional" else 8)
    for path in _essay_files(folder):
        words = len(path.read_text(encoding="utf-8").split())
        assert expected["min_words"] <= words <= MAX_WORDS, f"{path.name}: {words} words"


def _labels_for(checker, name: str, entry: dict) -> dict[tuple[str, str], str]:
    labels = {}
    for criterion in checker.rubric.criteria:
        codes = entry[criterion.id].split()
        if hasattr(criterion, "concepts"):
            record_ids = [c.id for c in criterion.concepts]
        else:
            record_ids = REFERENCE_CHECKS if criterion.citations else REFERENCE_CHECKS[:2]
        assert len(codes) == len(record_ids), f"{name}/{criterion.id}: {len(codes)} labels for {len(record_ids)} concepts"
        labels.update({(criterion.id, cid): code for cid, code in zip(record_ids, codes)})
    return labels


def measure(checker, folder: str = "kerja-sama-internasional"):
    expected = _expected(folder)["essays"]
    tally = Tally()
    confusion: dict[str, Counter] = defaultdict(Counter)
    exact = total = 0
    for path in _essay_files(folder):
        gold = _labels_for(checker, path.name, expected[path.name])
        record = checker.check_file(path)
        assert record["error"] is None, record["error"]
        for criterion in record["criteria"]:
            for concept in criterion["concepts"]:
                want = gold[(criterion["id"], concept["id"])]
                got = CODE[concept["status"]]
                tally.add(want, got)
                confusion[f"{criterion['id']}/{concept['id']}"][(want, got)] += 1
                exact += want == got
                total += 1
    return tally.precision, tally.recall, exact / total, confusion


def _confusion_table(confusion) -> str:
    lines = ["concept (label->rubrika: count)"]
    for concept, counts in sorted(confusion.items()):
        wrong = {k: v for k, v in counts.items() if k[0] != k[1]}
        right = sum(v for k, v in counts.items() if k[0] == k[1])
        detail = ", ".join(f"{w}->{g}: {n}" for (w, g), n in sorted(wrong.items()))
        lines.append(f"  {concept:45} agree {right:2}  {detail}")
    return "\n".join(lines)


@pytest.mark.parametrize("folder", SETS)
def test_concept_detection_precision_and_recall(folder):
    precision, recall, agreement, confusion = measure(_checker(folder), folder)
    report = (f"{folder}: precision {precision:.3f} (min {MIN_PRECISION}), recall {recall:.3f} (min {MIN_RECALL}), "
              f"exact agreement {agreement:.3f}\n" + _confusion_table(confusion))
    print(report)
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, report


def test_measure_detects_disagreement(checker, monkeypatch):
    """The measurement itself can fail: a scorer that finds everything loses precision."""
    original = checker.check_file

    def everything_found(path, lang="id"):
        record = original(path, lang)
        for criterion in record["criteria"]:
            for concept in criterion["concepts"]:
                concept["status"] = "found"
        return record

    monkeypatch.setattr(checker, "check_file", everything_found)
    precision, recall, _, _ = measure(checker)
    assert recall == pytest.approx(1.0)
    assert precision < MIN_PRECISION


def test_scores_order_strong_above_weak(checker):
    scores = {p.name: checker.check_file(p)["score"] for p in _essay_files("kerja-sama-internasional")}
    strong = [scores[n] for n in scores if "kuat" in n]
    weak_or_off = [scores[n] for n in ("06-fajar-lemah-singkat.txt", "08-hana-luar-topik.txt", "14-nanda-jebakan.txt")]
    assert min(strong) > 80
    assert max(weak_or_off) < 20
