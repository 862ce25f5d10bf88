"""The real-writing development corpus: its manifest, and checks of the manifest and the folder.

The texts are third-party writing kept out of git under ``corpus/real/<set>/``; the committed
``benchmarks/real_corpus/manifest.yaml`` lists each one with its URL, how it was found, the
sha256 of the stored file, what page furniture was removed, and human labels per concept.
This module reads the manifest, validates it against the rubrics, and compares the folder
with it. It never fetches or re-collects anything.

The held-out test corpus (``benchmarks/real_corpus/heldout-manifest.yaml``, texts in
``corpus/heldout/``) uses the same format; its smaller sets are allowed by the manifest's own
``minimum_texts`` mapping.

The judgement corpus (issue 20: ``benchmarks/real_corpus/judgement-manifest.yaml``, texts in
``corpus/judgement/``) adds per text its split ``part`` (dev or test), each of two readers'
statuses (``readers``) and the evidence sentences as character offsets (``evidence``);
``agreement`` measures how far the two readers agree.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "benchmarks" / "real_corpus" / "manifest.yaml"
CORPUS = ROOT / "corpus" / "real"
HELDOUT_MANIFEST = ROOT / "benchmarks" / "real_corpus" / "heldout-manifest.yaml"
HELDOUT_CORPUS = ROOT / "corpus" / "heldout"
JUDGEMENT_MANIFEST = ROOT / "benchmarks" / "real_corpus" / "judgement-manifest.yaml"
JUDGEMENT_CORPUS = ROOT / "corpus" / "judgement"
PARTS = ("dev", "test")
# The built-in rubric's 11 ideas (the definitions, opportunities and obstacles), the set the
# readers' and Rubrika's headline figures are given on.
IDEAS = ("kerja-sama-internasional", "multilateralisme", "perdamaian", "hak-asasi-manusia", "demokrasi",
         "saling-pengertian", "masalah-global", "nilai-universal", "kepentingan-nasional",
         "ketimpangan-kekuasaan", "kedaulatan-identitas")

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
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the judgement manifest is ~0.5 MB
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


@lru_cache(maxsize=None)
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


@lru_cache(maxsize=None)
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
    min_words = manifest.get("minimum_words", 150)
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
        if not re.fullmatch(rf"{re.escape(set_name)}/([a-z]\d-)?\d{{2,3}}-[a-z0-9-]+\.txt", name):
            found.append(f"{name}: file must be {set_name}/[<collector>-]<nn>-<slug>.txt")
        if not re.fullmatch(r"[0-9a-f]{64}", str(text["sha256"])):
            found.append(f"{name}: sha256 is not 64 hex digits")
        if not isinstance(text["words"], int) or not min_words <= text["words"] <= 2000:
            found.append(f"{name}: words must be {min_words}-2000, not {text['words']!r}")
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
        found += _judgement_problems(name, text, expected)
    for set_name, minimum in minimums.items():
        if sizes[set_name] < minimum:
            found.append(f"set {set_name}: {sizes[set_name]} texts, at least {minimum} required")
    return found


def _judgement_problems(name: str, text: dict, expected: list[str]) -> list[str]:
    """The judgement corpus's own fields, when a text has them: part, readers, evidence."""
    found = []
    if "part" in text and text["part"] not in PARTS:
        found.append(f"{name}: part {text['part']!r} not one of {', '.join(PARTS)}")
    readers = text.get("readers")
    if readers is not None:
        if set(readers) != set(expected) or not all(
                isinstance(v, str) and len(v) == 2 and set(v) <= set("fpm") for v in readers.values()):
            found.append(f"{name}: readers must give two statuses (f/p/m) for every concept")
        else:
            for cid, pair in readers.items():
                final = text["labels"].get(cid)
                if pair[0] == pair[1] and final and final[0] != pair[0]:
                    found.append(f"{name}: {cid}: both readers said {pair[0]}, the label says {final}")
    evidence = text.get("evidence")
    if evidence is not None:
        for cid, spans in evidence.items():
            if text["labels"].get(cid) in (None, "missing"):
                found.append(f"{name}: {cid}: evidence for a concept labelled missing")
            if not isinstance(spans, list) or not all(
                    isinstance(s, list) and len(s) == 2 and 0 <= s[0] < s[1] for s in spans):
                found.append(f"{name}: {cid}: evidence must be [start, end] offsets")
    return found


def agreement(manifest: dict, concepts=IDEAS, part: str | None = None, rubric: str = "builtin") -> dict:
    """How far the two readers agree, per concept and over ``concepts``: F1 of one against the
    other on "the text expresses this idea" (found or partial), and exact agreement of the
    three statuses."""
    per: dict[str, dict] = {}
    for text in manifest["texts"]:
        if "readers" not in text or text["rubric"] != rubric or (part and text.get("part") != part):
            continue
        for cid, pair in text["readers"].items():
            c = per.setdefault(cid, {"both": 0, "first": 0, "second": 0, "same": 0, "n": 0})
            a, b = pair[0] != "m", pair[1] != "m"
            c["both"] += a and b
            c["first"] += a
            c["second"] += b
            c["same"] += pair[0] == pair[1]
            c["n"] += 1

    def f1(c):
        return 2 * c["both"] / (c["first"] + c["second"]) if c["first"] + c["second"] else 1.0

    total = {k: sum(per[c][k] for c in concepts if c in per) for k in ("both", "first", "second", "same", "n")}
    return {"concepts": {cid: {"f1": round(f1(c), 3), "exact": round(c["same"] / c["n"], 3)} for cid, c in per.items()},
            "f1": round(f1(total), 3), "exact": round(total["same"] / total["n"], 3) if total["n"] else None}


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
