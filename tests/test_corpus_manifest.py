"""The real-writing corpus manifest (benchmarks/real_corpus/manifest.yaml) and its folder check.

The texts are third-party and never committed; these tests need only the manifest.
"""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import check_corpus  # noqa: E402
import corpus_manifest as cm  # noqa: E402


@pytest.fixture(scope="module")
def manifest():
    return cm.load()


def test_manifest_parses_and_is_valid(manifest):
    assert cm.problems(manifest) == []


def test_sets_have_the_required_sizes(manifest):
    sizes = {name: sum(t["set"] == name for t in manifest["texts"]) for name in cm.SETS}
    assert sizes["kerja-sama-internasional"] >= 40
    assert sizes["off-topic"] >= 10
    assert sizes["globalisasi"] >= 15


def test_every_label_is_a_concept_of_its_rubric_with_a_valid_status(manifest):
    for text in manifest["texts"]:
        rubric_file = cm.SETS[text["set"]][1]
        layout = cm.concept_criteria(rubric_file)
        assert set(text["labels"]) == set(layout), text["file"]
        assert set(text["labels"].values()) <= set(cm.STATUSES), text["file"]


def test_the_layout_matches_the_rubrics_reference_checks():
    assert "sitasi-dalam-teks" in cm.concept_criteria("rubrics/kerja-sama-internasional.yaml")
    assert "sitasi-dalam-teks" not in cm.concept_criteria("rubrics/globalisasi.yaml")  # citations: false


@pytest.mark.parametrize("mutate, message", [
    (lambda m: m["texts"][0]["labels"].update({"no-such-concept": "found"}), "is not a concept"),
    (lambda m: m["texts"][0]["labels"].update({"perdamaian": "maybe"}), "status 'maybe'"),
    (lambda m: m["texts"][0]["labels"].pop("demokrasi"), "no label for demokrasi"),
    (lambda m: m["texts"][0].update({"labelled_before_first_rubrika_run": False}), "before the first Rubrika run"),
    (lambda m: m["texts"][0].update({"sha256": "abc"}), "sha256"),
    (lambda m: m["texts"][0].update({"author_type": "robot"}), "author_type"),
    (lambda m: m.update({"texts": [t for t in m["texts"] if t["set"] != "off-topic"]
                                   + [t for t in m["texts"] if t["set"] == "off-topic"][:9]}), "set off-topic: 9 texts"),
    (lambda m: m["texts"].append(copy.deepcopy(m["texts"][0])), "listed twice"),
])
def test_validation_catches_a_broken_manifest(manifest, mutate, message):
    broken = copy.deepcopy(manifest)
    mutate(broken)
    assert any(message in p for p in cm.problems(broken)), cm.problems(broken)


def test_no_corpus_text_is_tracked_by_git():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files", "corpus"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert tracked.stdout.strip() == "", "third-party corpus texts are tracked by git:\n" + tracked.stdout
    ignored = subprocess.run(["git", "check-ignore", "-q", "corpus/real/x.txt"], cwd=ROOT)
    assert ignored.returncode == 0, "corpus/ must be ignored by .gitignore"


def _small_manifest(tmp_path, texts):
    entries = []
    for name, content in texts.items():
        path = tmp_path / "real" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        entries.append({"file": name, "sha256": cm.sha256(path)})
    manifest_path = tmp_path / "manifest.yaml"
    manifest_path.write_text(yaml.safe_dump({"texts": entries}), encoding="utf-8")
    return manifest_path


def test_check_corpus_reports_missing_changed_and_extra_files(tmp_path):
    manifest_path = _small_manifest(tmp_path, {"off-topic/01-a.txt": "satu", "off-topic/02-b.txt": "dua"})
    corpus = tmp_path / "real"
    diff = cm.compare_folder(cm.load(manifest_path), corpus)
    assert diff == {"missing": [], "changed": [], "extra": []}
    (corpus / "off-topic/01-a.txt").write_text("satu!", encoding="utf-8")
    (corpus / "off-topic/02-b.txt").unlink()
    (corpus / "off-topic/03-c.txt").write_text("tiga", encoding="utf-8")
    diff = cm.compare_folder(cm.load(manifest_path), corpus)
    assert diff == {"missing": ["off-topic/02-b.txt"], "changed": ["off-topic/01-a.txt"], "extra": ["off-topic/03-c.txt"]}
    out = io.StringIO()
    assert check_corpus.check(corpus, manifest_path, out) == 1
    assert "missing (listed, not in the folder): off-topic/02-b.txt" in out.getvalue()


def test_check_corpus_passes_with_a_notice_when_the_folder_is_absent(tmp_path):
    out = io.StringIO()
    assert check_corpus.check(tmp_path / "absent", cm.MANIFEST, out) == 0
    assert "absent" in out.getvalue()


def test_the_heldout_manifest_is_valid_and_shares_nothing_with_the_development_corpus(manifest):
    heldout = cm.load(cm.HELDOUT_MANIFEST)
    assert cm.problems(heldout) == []
    assert all(t["labelled_before_first_rubrika_run"] is True for t in heldout["texts"])
    dev_urls = {t["url"] for t in manifest["texts"]}
    dev_sha = {t["sha256"] for t in manifest["texts"]}
    assert not [t["url"] for t in heldout["texts"] if t["url"] in dev_urls]
    assert not [t["file"] for t in heldout["texts"] if t["sha256"] in dev_sha]


@pytest.mark.parametrize("minimums, message", [
    ({"kerja-sama-internasional": 50, "off-topic": 5, "globalisasi": 8}, "kerja-sama-internasional: 23 texts, at least 50"),
    ({"off-topic": 5}, "minimum_texts must give"),
    ({"kerja-sama-internasional": 0, "off-topic": 5, "globalisasi": 8}, "minimum_texts must give"),
])
def test_a_manifests_own_minimum_texts_replace_the_default_set_sizes(minimums, message):
    heldout = cm.load(cm.HELDOUT_MANIFEST)
    heldout["minimum_texts"] = minimums
    assert any(message in p for p in cm.problems(heldout)), cm.problems(heldout)
    del heldout["minimum_texts"]
    assert any("at least 40 required" in p for p in cm.problems(heldout))


# --- the judgement corpus (issue 20) -------------------------------------------------------------


@pytest.fixture(scope="module")
def judgement():
    return cm.load(cm.JUDGEMENT_MANIFEST)


def test_the_judgement_manifest_is_valid(judgement):
    assert cm.problems(judgement) == []
    sizes = {name: sum(t["set"] == name for t in judgement["texts"]) for name in cm.SETS}
    assert sizes["kerja-sama-internasional"] >= 200 and sizes["globalisasi"] >= 40 and sizes["off-topic"] >= 15


def test_the_judgement_corpus_has_a_test_part_of_60_texts_and_two_readers_for_every_text(judgement):
    test = [t for t in judgement["texts"] if t["part"] == "test"]
    assert len(test) >= 60 and sum(t["set"] == "kerja-sama-internasional" for t in test) >= 60
    for text in judgement["texts"]:
        assert set(text["readers"]) == set(text["labels"]), text["file"]
        for cid, status in text["labels"].items():  # every positive label names its sentences
            if status != "missing" and cid not in ("bagian-referensi", "jumlah-entri"):
                assert text["evidence"].get(cid), (text["file"], cid)


def test_building_without_the_working_files_keeps_every_committed_round(tmp_path, monkeypatch, judgement):
    """A new machine has none of the collectors' or readers' files: building the manifest there (to
    add a round) must keep every committed round's texts and labels exactly as they are."""
    sys.path.insert(0, str(ROOT / "benchmarks" / "real_corpus"))
    import build_judgement

    out = tmp_path / "judgement-manifest.yaml"
    shutil.copy(cm.JUDGEMENT_MANIFEST, out)
    monkeypatch.setattr(build_judgement, "OUT", out)
    (tmp_path / "working").mkdir()
    build_judgement.main(tmp_path / "working")
    rebuilt = cm.load(out)
    assert rebuilt["texts"] == judgement["texts"]
    assert {t["part"] for t in rebuilt["texts"] if t["round"] == build_judgement.TEST_ROUND} == {"test"}
    # rounds up to N only: the newer ones are left out and nothing is a test text
    build_judgement.main(tmp_path / "working", rounds=build_judgement.TEST_ROUND - 1)
    older = cm.load(out)["texts"]
    assert older and {t["part"] for t in older} == {"dev"}
    assert len(older) == sum(t["round"] < build_judgement.TEST_ROUND for t in judgement["texts"])


def test_the_judgement_corpus_shares_no_text_with_the_corpora_tuned_on_before(judgement, manifest):
    earlier = manifest["texts"] + cm.load(cm.HELDOUT_MANIFEST)["texts"]
    urls, hashes = {t["url"] for t in earlier}, {t["sha256"] for t in earlier}
    assert not [t["file"] for t in judgement["texts"] if t["url"] in urls or t["sha256"] in hashes]


def test_readers_agreement_is_measured_as_rubrika_is():
    manifest = {"texts": [
        {"rubric": "builtin", "part": "dev", "readers": {"perdamaian": "fp", "demokrasi": "mf", "multilateralisme": "mm"}},
        {"rubric": "builtin", "part": "test", "readers": {"perdamaian": "pp", "demokrasi": "mm", "multilateralisme": "fm"}},
    ]}
    both = cm.agreement(manifest, concepts=("perdamaian", "demokrasi", "multilateralisme"))
    # yes/yes twice, one yes/no each way: F1 = 2*2 / (3 + 3)
    assert both["f1"] == round(4 / 6, 3) and both["exact"] == round(3 / 6, 3)
    assert cm.agreement(manifest, concepts=("perdamaian",), part="dev")["f1"] == 1.0


@pytest.mark.parametrize("mutate, message", [
    (lambda t: t.update({"part": "train"}), "part 'train'"),
    (lambda t: t["readers"].update({"perdamaian": "fx"}), "readers must give"),
    (lambda t: t["evidence"].update({"demokrasi": [[5, 2]]}), "[start, end] offsets"),
])
def test_judgement_validation_catches_broken_fields(judgement, mutate, message):
    broken = copy.deepcopy(judgement)
    text = next(t for t in broken["texts"] if t["rubric"] == "builtin")
    text["labels"]["demokrasi"] = "found"
    text["readers"]["demokrasi"] = "ff"
    mutate(text)
    assert any(message in p for p in cm.problems(broken)), cm.problems(broken)


def test_round_tools_check_a_readers_file_and_list_the_disagreements(tmp_path):
    """The working tools of a round (benchmarks/real_corpus/rounds/round_tools.py), on a folder of
    one text written here: a reader's file with a concept left out or a sentence not in the text is
    refused, and the disagreements of two complete files are what the third reading gets."""
    sys.path.insert(0, str(ROOT / "benchmarks" / "real_corpus" / "rounds"))
    import hashlib

    import round_tools as rt

    text = "Globalisasi adalah proses mendunia. Kita harus memilah budaya asing.\n"
    (tmp_path / "texts" / "globalisasi").mkdir(parents=True)
    (tmp_path / "texts" / "globalisasi" / "x1-001-contoh.txt").write_text(text, encoding="utf-8")
    entry = {"file": "globalisasi/x1-001-contoh.txt", "set": "globalisasi", "url": "https://example.org/a",
             "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    (tmp_path / "collected-x1.yaml").write_text(yaml.safe_dump([entry]), encoding="utf-8")
    rt.assign(tmp_path, ["x1"], ["90"])
    assert (tmp_path / "reading-a90.txt").read_text(encoding="utf-8").split() == [entry["file"]]

    def labels(reader, menyaring):
        concepts = {cid: {"status": "missing"} for cid in rt.GLOBALISASI}
        concepts["globalisasi"] = {"status": "found", "evidence": ["Globalisasi adalah proses mendunia."]}
        concepts["menyaring"] = menyaring
        (tmp_path / f"labels-{reader}.yaml").write_text(
            yaml.safe_dump({"reader": reader, "texts": [{"file": entry["file"], "labels": concepts}]},
                           allow_unicode=True), encoding="utf-8")

    assert "no such list" in rt.check_labels(tmp_path, "a91")[0]  # a wrong reader id: a message, no traceback
    (tmp_path / "labels-a90.yaml").write_text("", encoding="utf-8")
    assert "'texts' list" in rt.check_labels(tmp_path, "a90")[0]
    labels("a90", {"status": "found", "evidence": ["Kita harus menyaring budaya asing."]})  # not the text's words
    assert any("not an exact part" in p for p in rt.check_labels(tmp_path, "a90"))
    labels("a90", {"status": "found", "evidence": ["Kita harus memilah budaya asing."]})
    assert rt.check_labels(tmp_path, "a90") == []
    labels("b90", {"status": "missing"})
    assert rt.check_labels(tmp_path, "b90") == []
    rt.tasks(tmp_path, 90, ["90"])
    todo = yaml.safe_load((tmp_path / "adjudication-tasks-90.yaml").read_text(encoding="utf-8"))["tasks"]
    assert [(t["concept"], t["first"]["status"], t["second"]["status"]) for t in todo] == [("menyaring", "found", "missing")]
    (tmp_path / "adjudication-90.yaml").write_text(yaml.safe_dump({"decisions": []}), encoding="utf-8")
    assert rt.check_adjudication(tmp_path, 90) == [f"adjudication-90.yaml: {entry['file']} menyaring is not decided"]
