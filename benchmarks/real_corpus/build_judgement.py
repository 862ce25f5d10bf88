"""Build the judgement corpus's manifest from the collectors' and readers' files (issue 20).

Run where the working files are (they are not in git):

    python benchmarks/real_corpus/build_judgement.py /work/judgement [--rounds 1]

Reads ``collected-*.yaml`` (where each text came from), ``labels-a*.yaml`` and
``labels-b*.yaml`` (two readers, each labelling every text independently, with the evidence
sentences quoted) and ``adjudication.yaml`` (a third reading of every concept the two
disagreed on), and writes ``benchmarks/real_corpus/judgement-manifest.yaml``: per text its
source, its split part (``dev`` or ``test``, decided once by a hash of the URL), each reader's
status, the final label and the evidence as character offsets into the stored text (the
sentences themselves are third-party text and stay out of git).

Rounds. Round 1 (collectors c1-c3) was split once by a hash of the URL, 30% test; that test
part was measured once, after the last change of issue 20's first round, and its figures then
pointed at what to change next, so it is no longer held out: it joined the development part
(``round1_part`` keeps where it was). Round 2 (collectors c4-c6, collected and labelled the same
way by other helpers) was the next test part, measured once; its figures steered the next
changes in turn, so it is development text too, and so are round 3 (collectors c7-c9) and
round 4 (d1-d3), whose figures steered the learned reading, and round 5 (e1-e3), measured once
with it and then used to choose what to train on, and round 6 (f1-f3), measured once and then
read to change rules and thresholds, and round 7 (g1-g3), measured once and then read to add
the learned reading of whole texts, and round 8 (h1-h3), measured once, whose per-idea figures
were then read, and round 9 (i1-i3), measured once and then read to add a class of instances of
threats to sovereignty, and round 10 (j1-j3), measured once and then read to add a class of
foreign states by name, and round 11 (k1-k3), measured once and then read to add rules that
read a clause in order (an organisation and what it does), and round 12 (l1-l3), measured once
and then read to cancel a rule by an aim the cooperation serves, and round 13 (m1-m3), measured
once and then read to give a state's conduct a rule of its own, and rounds 14 (n1-n3), 15
(o1-o3), 16 (p1-p3) and 17 (q1-q3), each measured once and then read, and round 18 (r1-r3),
collected with round 19 on a machine without the earlier rounds' working files and measured once
before it was read, and round 19 (s1-s3), the test part of issue 20's last figures, measured once
at the same code and then read to change the globalisasi rubric, and round 20 (t1-t3), measured
once after that change and then read to mend two words read by their roots, and round 21 (u1-u3),
measured once after that and then read to add a passive veto to the rules of a state's conduct.
The newest round (``TEST_ROUND``: collectors v1-v3) is the test part. ``--rounds N`` builds from rounds 1..N alone (while the newest is
still being labelled: then every text is development text).
"""

from __future__ import annotations

import glob
import hashlib
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "benchmarks" / "real_corpus" / "judgement-manifest.yaml"
TEST_SHARE = 0.3  # of each round-1 set, by the order of sha256(url)
ROUND = {"c1": 1, "c2": 1, "c3": 1, "c4": 2, "c5": 2, "c6": 2, "c7": 3, "c8": 3, "c9": 3, "d1": 4, "d2": 4, "d3": 4,
         "e1": 5, "e2": 5, "e3": 5, "f1": 6, "f2": 6, "f3": 6,
         "g1": 7, "g2": 7, "g3": 7, "h1": 8, "h2": 8, "h3": 8, "i1": 9, "i2": 9, "i3": 9,
         "j1": 10, "j2": 10, "j3": 10, "k1": 11, "k2": 11, "k3": 11,
         "l1": 12, "l2": 12, "l3": 12, "m1": 13, "m2": 13, "m3": 13,
         "n1": 14, "n2": 14, "n3": 14, "o1": 15, "o2": 15, "o3": 15,
         "p1": 16, "p2": 16, "p3": 16, "q1": 17, "q2": 17, "q3": 17,
         "r1": 18, "r2": 18, "r3": 18, "s1": 19, "s2": 19, "s3": 19, "t1": 20, "t2": 20, "t3": 20,
         "u1": 21, "u2": 21, "u3": 21, "v1": 22, "v2": 22, "v3": 22}
TEST_ROUND = 22  # the newest round: only ever measured
# The day each round was labelled, where it was not the first day
LABELLED = {18: "2026-12-08", 19: "2026-12-08", 20: "2026-12-08", 21: "2026-12-08", 22: "2026-12-08"}
# Texts a collector kept by mistake, left out of every part (the labels stay in the working files)
DROPPED = {"kerja-sama-internasional/e1-008-kontingen-garuda-misi-pemeliharaan-perdamaian-pbb.txt":
           "its first eight paragraphs (64% of the text) are c1-003's: the same Kompas article under another URL",
           "kerja-sama-internasional/j1-009-kerja-sama-ri-norwegia-perubahan-iklim-2030.txt":
           "j2-009 is the same page (the same URL), saved 53 ms earlier by another collector"}
LETTER = {"found": "f", "partial": "p", "missing": "m"}

HEADER = """\
# The judgement corpus (issue 20): real Indonesian writing labelled per concept and per sentence.
#
# Texts are third-party writing kept out of git (corpus/judgement/<set>/<file>); this manifest
# lists where each came from and its labels. Collected from stored public web pages in two
# rounds, each by three helpers who never ran Rubrika; labelled by two readers independently
# (neither saw Rubrika's output, its rubric files or the other reader's labels) following
# benchmarks/real_corpus/LABELLING.md; every concept on which they disagreed was settled by a
# third reading. Built by benchmarks/real_corpus/build_judgement.py.
#
# Per text: `round` (1: collectors c1-c3; 2: c4-c6, collected after round 1's test part had been
# measured once and had steered changes), `part` (dev: may be read and tuned on, all of round 1;
# test: round 2, only ever measured, never read, its disagreements never printed), `round1_part`
# (where round 1's one split had put the text), `readers` (per concept the two readers' statuses, f/p/m, first
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


def round_of(file: str) -> int:
    return ROUND[file.split("/")[1][:2]]


def kept_from_manifest(built: set[int], rounds: int) -> list[dict]:
    """The manifest's texts of rounds whose working files are not in the folder, as they stand.

    The working files (texts, the readers' and the adjudicator's YAML) are never committed, and a
    new machine starts without them: rounds labelled on another machine stay as the committed
    manifest records them, with their part set by TEST_ROUND like every other round.
    """
    if not OUT.exists():
        return []
    old = yaml.safe_load(OUT.read_text(encoding="utf-8"))["texts"]
    return [{**t, "part": "test" if t["round"] == TEST_ROUND else "dev"}
            for t in old if t["round"] not in built and t["round"] <= rounds]


def main(folder: Path, rounds: int = TEST_ROUND) -> None:
    collected = []
    for path in sorted(glob.glob(str(folder / "collected-*.yaml"))):
        collected += [e for e in yaml.safe_load(open(path, encoding="utf-8"))
                      if round_of(e["file"]) <= rounds and e["file"] not in DROPPED]
    first, second = load_labels(folder, "a"), load_labels(folder, "b")
    decided = {}
    for path in sorted(glob.glob(str(folder / "adjudication*.yaml"))):
        if "tasks" not in path:
            decided.update({(d["file"], d["concept"]): d
                            for d in yaml.safe_load(open(path, encoding="utf-8"))["decisions"]})
    by_set: dict[str, list[dict]] = {}
    for entry in collected:
        if round_of(entry["file"]) == 1:
            by_set.setdefault(entry["set"], []).append(entry)
    round1_part = {}
    for name, entries in by_set.items():
        ranked = sorted(entries, key=lambda e: hashlib.sha256(e["url"].encode("utf-8")).hexdigest())
        cut = round(TEST_SHARE * len(ranked))
        round1_part.update({e["file"]: "test" if i < cut else "dev" for i, e in enumerate(ranked)})
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
                      "round": round_of(file), "part": "test" if round_of(file) == TEST_ROUND else "dev",
                      **({"round1_part": round1_part[file]} if round_of(file) == 1 else {}),
                      "labelled": LABELLED.get(round_of(file), "2026-12-07"),
                      "labelled_before_first_rubrika_run": True,
                      "readers": readers, "labels": labels, "evidence": evidence})
    built = {t["round"] for t in texts}
    texts = sorted(texts + kept_from_manifest(built, rounds), key=lambda t: t["file"])
    manifest = {"minimum_texts": {"kerja-sama-internasional": 200, "off-topic": 15, "globalisasi": 40},
                "minimum_words": 100, "texts": texts}
    OUT.write_text(HEADER + yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False, width=120,
                                           default_flow_style=None), encoding="utf-8")
    counts = {}
    for t in texts:
        counts[(t["set"], t["part"])] = counts.get((t["set"], t["part"]), 0) + 1
    print(f"{OUT}: {len(texts)} texts; " + ", ".join(f"{s}/{p} {n}" for (s, p), n in sorted(counts.items())))


if __name__ == "__main__":
    main(Path(sys.argv[1]), rounds=int(sys.argv[3]) if sys.argv[2:3] == ["--rounds"] else TEST_ROUND)
