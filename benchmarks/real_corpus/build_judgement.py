"""Build the judgement corpus's manifest from the collectors' and readers' files (issue 20).

Run once, where the working files are (they are not in git):

    python benchmarks/real_corpus/build_judgement.py /work/judgement

Reads ``collected-*.yaml`` (where each text came from), ``labels-a*.yaml`` and
``labels-b*.yaml`` (two readers, each labelling every text independently, with the evidence
sentences quoted) and ``adjudication.yaml`` (a third reading of every concept the two
disagreed on), and writes ``benchmarks/real_corpus/judgement-manifest.yaml``: per text its
source, its split part (``dev`` or ``test``, decided once by a hash of the URL), each reader's
status, the final label and the evidence as character offsets into the stored text (the
sentences themselves are third-party text and stay out of git).
"""

from __future__ import annotations

import glob
import hashlib
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "benchmarks" / "real_corpus" / "judgement-manifest.yaml"
TEST_SHARE = 0.3  # of each set, by the order of sha256(url)
LETTER = {"found": "f", "partial": "p", "missing": "m"}

HEADER = """\
# The judgement corpus (issue 20): real Indonesian writing labelled per concept and per sentence.
#
# Texts are third-party writing kept out of git (corpus/judgement/<set>/<file>); this manifest
# lists where each came from and its labels. Collected from stored public web pages by three
# helpers who never ran Rubrika; labelled by two readers independently (neither saw Rubrika's
# output, its rubric files or the other reader's labels) following
# benchmarks/real_corpus/LABELLING.md; every concept on which they disagreed was settled by a
# third reading. Built by benchmarks/real_corpus/build_judgement.py.
#
# Per text: `part` (dev: may be read and tuned on; test: only ever measured, never read, its
# disagreements never printed), `readers` (per concept the two readers' statuses, f/p/m, first
# reader then second), `labels` (the final status), `evidence` (per concept the sentences that
# express it, as [start, end) offsets in characters (code points) of the stored UTF-8 text: the union of both
# readers' sentences where they agreed, the third reader's where they did not).
"""


def load_labels(folder: Path, prefix: str) -> dict[str, dict]:
    out = {}
    for path in sorted(glob.glob(str(folder / f"labels-{prefix}*.yaml"))):
        for text in yaml.safe_load(open(path, encoding="utf-8"))["texts"]:
            out[text["file"]] = text["labels"]
    return out


def offsets(text: str, sentences: list[str]) -> list[list[int]]:
    spans = set()
    for sentence in sentences:
        start = text.find(sentence)
        if start < 0:
            raise SystemExit(f"evidence not in the text: {sentence[:60]!r}")
        spans.add((start, start + len(sentence)))
    return [list(s) for s in sorted(spans)]


def main(folder: Path) -> None:
    collected = []
    for path in sorted(glob.glob(str(folder / "collected-*.yaml"))):
        collected += yaml.safe_load(open(path, encoding="utf-8"))
    first, second = load_labels(folder, "a"), load_labels(folder, "b")
    decided = {(d["file"], d["concept"]): d
               for d in yaml.safe_load(open(folder / "adjudication.yaml", encoding="utf-8"))["decisions"]}
    by_set: dict[str, list[dict]] = {}
    for entry in collected:
        by_set.setdefault(entry["set"], []).append(entry)
    part = {}
    for name, entries in by_set.items():
        ranked = sorted(entries, key=lambda e: hashlib.sha256(e["url"].encode("utf-8")).hexdigest())
        cut = round(TEST_SHARE * len(ranked))
        part.update({e["file"]: "test" if i < cut else "dev" for i, e in enumerate(ranked)})
    texts = []
    for entry in sorted(collected, key=lambda e: e["file"]):
        file = entry["file"]
        body = (folder / "texts" / file).read_text(encoding="utf-8")
        a, b = first[file], second[file]
        concepts = list(a)
        if entry["set"] == "globalisasi":  # the rubric asks for no in-text citations
            concepts = [c for c in concepts if c != "sitasi-dalam-teks"]
        readers, labels, evidence = {}, {}, {}
        for cid in concepts:
            sa, sb = a[cid]["status"], b[cid]["status"]
            readers[cid] = LETTER[sa] + LETTER[sb]
            if sa == sb:
                status = sa
                quotes = (a[cid].get("evidence") or []) + (b[cid].get("evidence") or [])
            else:
                d = decided[(file, cid)]
                status, quotes = d["status"], d.get("evidence") or []
            labels[cid] = status
            if status != "missing" and quotes:
                evidence[cid] = offsets(body, quotes)
        texts.append({**{k: entry[k] for k in ("file", "set", "url", "found_by", "sha256", "words",
                                                 "removed", "author_type")},
                      "rubric": "builtin" if entry["set"] != "globalisasi" else "rubrics/globalisasi.yaml",
                      "part": part[file], "labelled": "2026-12-07", "labelled_before_first_rubrika_run": True,
                      "readers": readers, "labels": labels, "evidence": evidence})
    manifest = {"minimum_texts": {"kerja-sama-internasional": 200, "off-topic": 15, "globalisasi": 40},
                "minimum_words": 100, "texts": texts}
    OUT.write_text(HEADER + yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False, width=120,
                                           default_flow_style=None), encoding="utf-8")
    counts = {}
    for t in texts:
        counts[(t["set"], t["part"])] = counts.get((t["set"], t["part"]), 0) + 1
    print(f"{OUT}: {len(texts)} texts; " + ", ".join(f"{s}/{p} {n}" for (s, p), n in sorted(counts.items())))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
