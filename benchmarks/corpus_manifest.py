"""The real-writing development corpus: its manifest, and checks of the manifest and the folder.

The texts are third-party writing kept out of git under ``corpus/real/<set>/``; the committed
``benchmarks/real_corpus/manifest.yaml`` lists each one with its URL, how it was found, the
sha256 of the stored file, what page furniture was removed, and human labels per concept.
This module reads the manifest, validates it against the rubrics, and compares the folder
with it. It never fetches or re-collects anything.

The held-out test corpus (``benchmarks/real_corpus/heldout-manifest.yaml``, texts in
``corpus/heldout/``) uses the same format; its smaller sets are allowed by the manifest's own
``minimum_texts`` mapping.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "benchmarks" / "real_corpus" / "manifest.yaml"
CORPUS = ROOT / "corpus" / "real"
HELDOUT_MANIFEST = ROOT / "benchmarks" / "real_corpus" / "heldout-manifest.yaml"
HELDOUT_CORPUS = ROOT / "corpus" / "heldout"

STATUSES = ("found", "partial", "missing")
AUTHOR_TYPES = ("student", "blog", "opinion", "news")
REFERENCE_CHECKS = ("bagian-referensi", "jumlah-entri", "sitasi-dalam-teks")
# set name -> (rubric as the manifest names it, rubric file, minimum number of texts)
SETS = {
    "kerja-sama-internasional": ("builtin", "rubrics/kerja-sama-internasional.yaml", 40),
    "off-topic": ("builtin", "rubrics/kerja-sama-internasional.yaml", 10),
    "globalisasi": ("rubrics/globalisasi.yaml", "rubrics/globalisasi.yaml", 15),
}
REQUIRED = ("file", "set", "rubric", "url", "found_by", "sha256", "words", "removed", "author_type",
            "labelled", "labelled_before_first_rubrika_run", "labels")


def load(path: Path = MANIFEST) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def rubric_layout(rubric_file: str) -> list[tuple[str, list[str]]]:
    """``[(criterion id, [concept or check ids])]`` in rubric order, read from the rubric YAML.

    A ``references`` criterion reports the checks ``bagian-referensi`` and ``jumlah-entri``,
    plus ``sitasi-dalam-teks`` when the rubric asks for in-text citations (as Rubrika's
    records do).
    """
    data = yaml.safe_load((ROOT / rubric_file).read_text(encoding="utf-8"))
    layout = []
    for criterion in data["criteria"]:
        if criterion["kind"] == "concepts":
            layout.append((criterion["id"], [c["id"] for c in criterion["concepts"]]))
        else:
            checks = REFERENCE_CHECKS if criterion.get("citations", True) else REFERENCE_CHECKS[:2]
            layout.append((criterion["id"], list(checks)))
    return layout


def concept_criteria(rubric_file: str) -> dict[str, str]:
    """concept id -> criterion id (concept ids are unique within each rubric)."""
    return {cid: crit for crit, ids in rubric_layout(rubric_file) for cid in ids}


def problems(manifest: dict) -> list[str]:
    """Everything wrong with a manifest: fields, sets, labels against the rubrics, set sizes.

    Set sizes are checked against ``SETS`` unless the manifest has a top-level ``minimum_texts``
    mapping (set name -> minimum), as the smaller held-out test manifest does.
    """
    found: list[str] = []
    texts = manifest.get("texts") if isinstance(manifest, dict) else None
    if not isinstance(texts, list) or not texts:
        return ["manifest has no 'texts' list"]
    minimums = {name: minimum for name, (_, _, minimum) in SETS.items()}
    declared = manifest.get("minimum_texts")
    if declared is not None:
        if not isinstance(declared, dict) or set(declared) != set(SETS) or not all(
                isinstance(v, int) and v > 0 for v in declared.values()):
            found.append(f"minimum_texts must give a positive number of texts for each of {', '.join(SETS)}")
        else:
            minimums = dict(declared)
    sizes = dict.fromkeys(SETS, 0)
    seen: set[str] = set()
    for i, text in enumerate(texts):
        name = text.get("file", f"texts[{i}]") if isinstance(text, dict) else f"texts[{i}]"
        if not isinstance(text, dict):
            found.append(f"{name}: not a mapping")
            continue
        missing = [k for k in REQUIRED if k not in text]
        if missing:
            found.append(f"{name}: missing fields {', '.join(missing)}")
            continue
        if name in seen:
            found.append(f"{name}: listed twice")
        seen.add(name)
        set_name = text["set"]
        if set_name not in SETS:
            found.append(f"{name}: unknown set {set_name!r}")
            continue
        sizes[set_name] += 1
        rubric_name, rubric_file, _ = SETS[set_name]
        if text["rubric"] != rubric_name:
            found.append(f"{name}: set {set_name} is labelled against {rubric_name}, not {text['rubric']}")
        if not re.fullmatch(rf"{re.escape(set_name)}/\d\d-[a-z0-9-]+\.txt", name):
            found.append(f"{name}: file must be {set_name}/<nn>-<slug>.txt")
        if not re.fullmatch(r"[0-9a-f]{64}", str(text["sha256"])):
            found.append(f"{name}: sha256 is not 64 hex digits")
        if not isinstance(text["words"], int) or not 150 <= text["words"] <= 2000:
            found.append(f"{name}: words must be 150-2000, not {text['words']!r}")
        if text["author_type"] not in AUTHOR_TYPES:
            found.append(f"{name}: author_type {text['author_type']!r} not one of {', '.join(AUTHOR_TYPES)}")
        if text["labelled_before_first_rubrika_run"] is not True:
            found.append(f"{name}: labels must be written before the first Rubrika run")
        if not str(text["url"]).startswith(("http://", "https://")):
            found.append(f"{name}: url is not an http(s) URL")
        labels = text["labels"]
        expected = list(concept_criteria(rubric_file))
        if not isinstance(labels, dict):
            found.append(f"{name}: labels is not a mapping")
            continue
        for cid, status in labels.items():
            if cid not in expected:
                found.append(f"{name}: {cid!r} is not a concept of {rubric_file}")
            elif status not in STATUSES:
                found.append(f"{name}: {cid}: status {status!r} not one of {', '.join(STATUSES)}")
        unlabelled = [cid for cid in expected if cid not in labels]
        if unlabelled:
            found.append(f"{name}: no label for {', '.join(unlabelled)}")
    for set_name, minimum in minimums.items():
        if sizes[set_name] < minimum:
            found.append(f"set {set_name}: {sizes[set_name]} texts, at least {minimum} required")
    return found


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compare_folder(manifest: dict, corpus: Path = CORPUS) -> dict[str, list[str]]:
    """Files the manifest lists but the folder lacks, files whose bytes changed, and files the
    folder holds that the manifest does not list (``.txt`` files under the set folders)."""
    listed = {t["file"]: t["sha256"] for t in manifest["texts"]}
    present = {p.relative_to(corpus).as_posix() for p in corpus.rglob("*.txt") if p.is_file()}
    return {
        "missing": sorted(set(listed) - present),
        "changed": sorted(f for f in set(listed) & present if sha256(corpus / f) != listed[f]),
        "extra": sorted(present - set(listed)),
    }
