"""Accuracy of concept detection against human labels: own samples and the real-writing corpus.

Run:  python benchmarks/bench_accuracy.py [--json FILE] [--worst 8] [--details]
      python benchmarks/bench_accuracy.py --manifest benchmarks/real_corpus/manifest.yaml --corpus corpus/real
      python benchmarks/bench_accuracy.py --manifest benchmarks/real_corpus/heldout-manifest.yaml --corpus corpus/heldout

By default the judgement corpus (issue 20: benchmarks/real_corpus/judgement-manifest.yaml,
texts in corpus/judgement/) is measured, its development and test parts apart
(``judgement/<set>/dev``, ``judgement/<set>/test``), with the two readers' agreement beside
Rubrika's figures: the gap to it is the honest measure. The test part is only ever measured:
``--details`` prints the disagreements of development parts only.

Sets:
- ``samples/<rubric>``: the bundled sample essays, labelled in sample_essays/<rubric>/expected.yaml;
- ``real/<set>``: the real-writing corpus (corpus/real/, kept out of git) labelled in
  benchmarks/real_corpus/manifest.yaml, when the folder is present. Texts missing from the
  folder or whose sha256 differs from the manifest are left out (and named). With ``--manifest``
  and ``--corpus`` another corpus of the same format is measured instead, its sets named after
  the corpus folder: ``heldout/<set>`` for the held-out test corpus (corpus/heldout/,
  benchmarks/real_corpus/heldout-manifest.yaml), which is for measuring, never for tuning.

For each set: precision, recall and F1 of "the text expresses this idea" (found or partial
counts as yes, for the label and for Rubrika; on the built-in rubric's 11 ideas and on all
concepts), credit-weighted precision, recall and F1 (found = 1, partial = 0.5, missing = 0;
see accuracy_metrics.py), exact agreement, where the corpus has evidence sentences the share
of Rubrika's credited sentences that a reader marked for that idea and the share of feedback
quotes ("Dari esaimu: …") on the idea, precision by confidence, a confusion table (labelled status x Rubrika's
status), and the same per concept. For the off-topic set: every score and the maximum (goal:
no off-topic text above 15). Then the worst concepts of the real corpus with their confusion.
``--json FILE`` writes all figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus_manifest as cm  # noqa: E402
from accuracy_metrics import CODE, Binary, Tally, overlaps  # noqa: E402

ROOT = cm.ROOT
SAMPLE_ROOT = ROOT / "sample_essays"
OFF_TOPIC_MAX = 15.0
NAMES = {"f": "found", "p": "partial", "m": "missing"}


class SetResult:
    def __init__(self, name: str, rubric: str, corpus: bool = False, part: str | None = None):
        self.name, self.rubric, self.corpus, self.part = name, rubric, corpus, part
        self.tally = Tally()
        self.binary = Binary()  # every concept
        self.ideas = Binary()  # the built-in rubric's 11 ideas (every concept for another rubric)
        self.binary_concepts: dict[str, Binary] = defaultdict(Binary)
        self.evidence_on = self.evidence_all = 0  # Rubrika's credited sentences a reader marked
        self.quotes_on = self.quotes_all = 0  # feedback quotes on the idea
        self.by_confidence: dict[str, Binary] = defaultdict(Binary)
        self.confusion: Counter = Counter()
        self.concepts: dict[str, Tally] = defaultdict(Tally)
        self.concept_confusion: dict[str, Counter] = defaultdict(Counter)
        self.scores: dict[str, float] = {}
        self.exact = self.total = 0
        self.skipped: list[str] = []
        self.disagreements: list[tuple[str, str, str, str, str]] = []

    def add(self, name: str, gold: dict[tuple[str, str], str], record: dict,
            marked_spans: dict[str, list[list[int]]] | None = None) -> None:
        """``marked_spans``: per concept id, the sentences the readers marked (a judgement corpus)."""
        if record.get("error"):
            raise SystemExit(f"{self.name}/{name}: Rubrika could not read it: {record['error']}")
        self.scores[name] = record["score"]
        for criterion in record["criteria"]:
            for concept in criterion["concepts"]:
                key = f"{criterion['id']}/{concept['id']}"
                want, got = gold[(criterion["id"], concept["id"])], CODE[concept["status"]]
                self.binary.add(want, got)
                self.binary_concepts[key].add(want, got)
                if self.rubric != "builtin" or concept["id"] in cm.IDEAS:
                    self.ideas.add(want, got)
                if "confidence" in concept and got != "m":
                    self.by_confidence[concept["confidence"]].add(want, got)
                marked = (marked_spans or {}).get(concept["id"])
                if marked_spans is not None and got != "m" and want != "m" and marked:
                    sentences = {tuple(e["sentence"]) for e in concept.get("evidence", []) if e.get("kind") != "heading"}
                    self.evidence_all += len(sentences)
                    self.evidence_on += sum(overlaps(s, marked) for s in sentences)
                if marked_spans is not None and concept.get("near"):
                    near = concept["near"]
                    self.quotes_all += 1
                    self.quotes_on += bool(marked) and overlaps((near["start"], near["end"]), marked)
                self.tally.add(want, got)
                self.concepts[key].add(want, got)
                self.confusion[(want, got)] += 1
                self.concept_confusion[key][(want, got)] += 1
                if want != got:
                    evidence = " | ".join(e["text"] for e in concept.get("evidence", []))
                    self.disagreements.append((name, key, NAMES[want], NAMES[got], evidence))
                self.exact += want == got
                self.total += 1

    def as_dict(self) -> dict:
        def conf(counter):
            return {NAMES[w]: {NAMES[g]: counter[(w, g)] for g in "fpm"} for w in "fpm"}

        def binary(b: Binary) -> dict:
            return {"precision": round(b.precision, 4), "recall": round(b.recall, 4), "f1": round(b.f1, 4),
                    "tp": b.tp, "fp": b.fp, "fn": b.fn}

        return {
            "rubric": self.rubric, "part": self.part, "texts": len(self.scores), "skipped": self.skipped,
            "ideas": binary(self.ideas), "all_concepts": binary(self.binary),
            "concepts_binary": {k: binary(b) for k, b in self.binary_concepts.items()},
            "evidence_on_idea": [self.evidence_on, self.evidence_all], "quotes_on_idea": [self.quotes_on, self.quotes_all],
            "precision_by_confidence": {k: binary(b) for k, b in sorted(self.by_confidence.items())},
            "precision": round(self.tally.precision, 4), "recall": round(self.tally.recall, 4),
            "f1": round(self.tally.f1, 4), "exact_agreement": round(self.exact / self.total, 4) if self.total else None,
            "confusion": conf(self.confusion),
            "concepts": {k: {"precision": round(t.precision, 4), "recall": round(t.recall, 4), "f1": round(t.f1, 4),
                             "tp": t.tp, "fp": t.fp, "fn": t.fn, "confusion": conf(self.concept_confusion[k])}
                         for k, t in self.concepts.items()},
            "scores": self.scores,
        }


_CHECKERS: dict[str, object] = {}
OVERRIDES: dict[str, Path] = {}  # --rubric NAME=FILE: measure another version of a rubric


def checker_for(rubric: str):
    if rubric not in _CHECKERS:
        from rubrika.api import Checker

        file = OVERRIDES.get(rubric)
        _CHECKERS[rubric] = Checker(file if file is not None else None if rubric == "builtin" else ROOT / rubric)
    return _CHECKERS[rubric]


def _rubric_file(rubric: str) -> str:
    return "rubrics/kerja-sama-internasional.yaml" if rubric == "builtin" else rubric


def sample_sets() -> list[SetResult]:
    results = []
    for expected_path in sorted(SAMPLE_ROOT.glob("*/expected.yaml")):
        expected = yaml.safe_load(expected_path.read_text(encoding="utf-8"))
        folder = expected_path.parent
        result = SetResult(f"samples/{folder.name}", expected["rubric"])
        layout = cm.rubric_layout(_rubric_file(expected["rubric"]))
        checker = checker_for(expected["rubric"])
        for name, entry in sorted(expected["essays"].items()):
            gold = {}
            for crit, ids in layout:
                codes = entry[crit].split()
                if len(codes) != len(ids):
                    raise SystemExit(f"{expected_path}: {name}/{crit}: {len(codes)} labels for {len(ids)} concepts")
                gold.update({(crit, cid): code for cid, code in zip(ids, codes)})
            result.add(name, gold, checker.check_file(folder / name))
        results.append(result)
    return results


def corpus_sets(corpus: Path, manifest_path: Path = cm.JUDGEMENT_MANIFEST, only: str | None = None) -> list[SetResult]:
    """One set per corpus set, and per part where the manifest splits its texts (dev / test);
    ``only``: measure that part alone."""
    manifest = cm.load(manifest_path)
    invalid = cm.problems(manifest)
    if invalid:
        raise SystemExit("manifest is invalid:\n  " + "\n  ".join(invalid))
    diff = cm.compare_folder(manifest, corpus)
    unusable = set(diff["missing"]) | set(diff["changed"])
    results: dict[tuple[str, str | None], SetResult] = {}
    parts = sorted({t.get("part") for t in manifest["texts"]}, key=lambda p: (p is None, p or ""))
    for set_name, (rubric, rubric_file, _) in cm.SETS.items():
        for part in parts:
            name = f"{corpus.name}/{set_name}" + (f"/{part}" if part else "")
            results[(set_name, part)] = SetResult(name, rubric, corpus=True, part=part)
    for text in manifest["texts"]:
        if only and text.get("part") != only:
            continue
        result = results[(text["set"], text.get("part"))]
        if text["file"] in unusable:
            result.skipped.append(text["file"])
            continue
        criteria = cm.concept_criteria(cm.SETS[text["set"]][1])
        gold = {(criteria[cid], cid): CODE[status] for cid, status in text["labels"].items()}
        path = corpus / text["file"]
        record = checker_for(text["rubric"]).check_text(path.read_text(encoding="utf-8"), path=str(path))
        result.add(Path(text["file"]).name, gold, record, text.get("evidence") if "readers" in text else None)
    return [r for r in results.values() if not only or r.part == only]


def _confusion_lines(counter: Counter, indent: str = "  ") -> list[str]:
    lines = [f"{indent}label \\ rubrika   found  partial  missing"]
    for w in "fpm":
        lines.append(f"{indent}{NAMES[w]:<16}" + "".join(f"{counter[(w, g)]:>8} " for g in "fpm"))
    return lines


def _off_diagonal(counter: Counter) -> str:
    wrong = {k: v for k, v in counter.items() if k[0] != k[1]}
    return ", ".join(f"{NAMES[w]}->{NAMES[g]} {n}" for (w, g), n in sorted(wrong.items())) or "-"


def report(results: list[SetResult], worst: int) -> str:
    out = []
    for r in results:
        out.append(f"== {r.name}  ({len(r.scores)} texts, rubric {r.rubric})")
        if r.skipped:
            out.append(f"  left out (missing or changed, see check_corpus.py): {', '.join(r.skipped)}")
        if not r.total:
            out.append("  no texts")
            continue
        ideas = "the 11 ideas" if r.rubric == "builtin" else "every concept"
        out.append(f"  expresses the idea ({ideas}): P {r.ideas.precision:.3f}  R {r.ideas.recall:.3f}  "
                   f"F1 {r.ideas.f1:.3f}   (all concepts: P {r.binary.precision:.3f}  R {r.binary.recall:.3f}  "
                   f"F1 {r.binary.f1:.3f})")
        out.append(f"  credit-weighted: P {r.tally.precision:.3f}  R {r.tally.recall:.3f}  F1 {r.tally.f1:.3f}  "
                   f"exact agreement {r.exact / r.total:.3f}  (concept judgements: {r.total})")
        if r.evidence_all or r.quotes_all:
            out.append(f"  credited sentences a reader marked for the idea: {r.evidence_on}/{r.evidence_all}"
                       f" ({r.evidence_on / max(1, r.evidence_all):.0%});  feedback quotes on the idea: "
                       f"{r.quotes_on}/{r.quotes_all} ({r.quotes_on / max(1, r.quotes_all):.0%})")
        if r.by_confidence:
            out.append("  precision by confidence: " + ", ".join(
                f"{k} {b.precision:.3f} ({b.tp + b.fp} credited)" for k, b in sorted(r.by_confidence.items())))
        out += _confusion_lines(r.confusion)
        out.append(f"  {'concept':<42} {'P':>6} {'R':>6} {'F1':>6}  {'credit F1':>9}  disagreements (label->rubrika)")
        for key, t in r.concepts.items():
            b = r.binary_concepts[key]
            out.append(f"  {key:<42} {b.precision:6.2f} {b.recall:6.2f} {b.f1:6.2f}  {t.f1:9.2f}  "
                       f"{_off_diagonal(r.concept_confusion[key])}")
        off = dict(r.scores) if "/off-topic" in r.name else {n: s for n, s in r.scores.items() if "luar-topik" in n}
        if off:
            above = sorted(n for n, s in off.items() if s > OFF_TOPIC_MAX)
            out.append(f"  off-topic scores: max {max(off.values()):.1f} (goal <= {OFF_TOPIC_MAX:.0f}); "
                       f"above {OFF_TOPIC_MAX:.0f}: {', '.join(f'{n} ({off[n]:.1f})' for n in above) or 'none'}")
            out.append("  " + ", ".join(f"{n.split('-')[0]}: {s:.1f}" for n, s in sorted(off.items())))
        out.append("")
    real = [r for r in results if r.corpus and r.total]
    if real:
        out.append("== summary: expresses the idea (found or partial), and credit-weighted F1")
        out.append(f"  {'set':<40} {'texts':>5} {'P':>6} {'R':>6} {'F1':>6} {'credit F1':>10}")
        for r in results:
            if r.total:
                out.append(f"  {r.name:<40} {len(r.scores):>5} {r.ideas.precision:6.3f} {r.ideas.recall:6.3f} "
                           f"{r.ideas.f1:6.3f} {r.tally.f1:10.3f}")
        for part in sorted({r.part for r in real}, key=lambda p: p or ""):
            both = Binary()
            for r in real:
                if r.rubric == "builtin" and r.part == part:
                    both.update(r.ideas)
            label = f"{real[0].name.split('/')[0]}/builtin, on + off topic" + (f" ({part})" if part else "")
            out.append(f"  {label:<40} {'':>5} {both.precision:6.3f} {both.recall:6.3f} {both.f1:6.3f}")
        if AGREEMENT:
            out.append("")
            out.append("== the two readers' agreement (F1 of one reader against the other; the ceiling to approach)")
            for name, figures in AGREEMENT.items():
                out.append(f"  {name:<40} F1 {figures['f1']:.3f}  exact {figures['exact']:.3f}")
        ranked = []
        for r in real:
            for key, t in r.binary_concepts.items():
                if t.fp + t.fn > 0:
                    ranked.append((-(t.fp + t.fn), t.f1, r.name, key, t, r.concept_confusion[key]))
        ranked.sort(key=lambda x: (x[0], x[1]))
        out.append("")
        out.append(f"== worst {worst} concepts of the {real[0].name.split('/')[0]} corpus (by texts wrong, fp + fn, then F1)")
        for _, f1, name, key, t, counter in ranked[:worst]:
            out.append(f"  {name + ' ' + key:<66} P {t.precision:.2f} R {t.recall:.2f} F1 {f1:.2f}  "
                       f"(fp {t.fp}, fn {t.fn})  {_off_diagonal(counter)}")
    return "\n".join(out)


AGREEMENT: dict[str, dict] = {}  # set name -> the readers' agreement, for a corpus with two readers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=cm.JUDGEMENT_CORPUS,
                        help="real corpus folder (default corpus/judgement)")
    parser.add_argument("--manifest", type=Path, default=cm.JUDGEMENT_MANIFEST,
                        help="manifest of that corpus (default benchmarks/real_corpus/judgement-manifest.yaml)")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--worst", type=int, default=8, help="how many worst concepts to list")
    parser.add_argument("--samples-only", action="store_true", help="skip the real corpus")
    parser.add_argument("--part", choices=("dev", "test"),
                        help="measure only this part of a split corpus (while tuning: dev)")
    parser.add_argument("--details", action="store_true",
                        help="also list every disagreement with Rubrika's evidence (prints corpus text: keep it local)")
    parser.add_argument("--rubric", action="append", default=[], metavar="NAME=FILE",
                        help="measure FILE in place of the rubric NAME (builtin or rubrics/....yaml), e.g. a "
                             "version written by `rubrika rubric suggest -o`; the concept ids must be the same")
    args = parser.parse_args(argv)
    for item in args.rubric:
        name, sep, file = item.partition("=")
        if not sep:
            parser.error(f"--rubric {item!r}: write NAME=FILE")
        OVERRIDES[name] = Path(file).resolve()

    results = sample_sets()
    if args.samples_only:
        pass
    elif args.corpus.is_dir():
        results += [r for r in corpus_sets(args.corpus, args.manifest, args.part)]
        manifest = cm.load(args.manifest)
        if any("readers" in t for t in manifest["texts"]):
            present = [p for p in ("dev", "test") if any(t.get("part") == p for t in manifest["texts"])]
            for part in (args.part,) if args.part else present:
                AGREEMENT[f"{args.corpus.name}/builtin, 11 ideas ({part})"] = cm.agreement(manifest, part=part)
                glob_ids = [c for c in cm.concept_criteria("rubrics/globalisasi.yaml") if c not in cm.REFERENCE_CHECKS]
                AGREEMENT[f"{args.corpus.name}/globalisasi ({part})"] = cm.agreement(
                    manifest, concepts=glob_ids, part=part, rubric="rubrics/globalisasi.yaml")
    else:
        print(f"notice: {args.corpus} is absent; measuring the own samples only.\n")
    print(report(results, args.worst))
    if args.details:
        for r in results:
            if r.part == "test":
                continue  # the test part is measured, never read
            for name, key, want, got, evidence in r.disagreements:
                print(f"{r.name}/{name}  {key}  label {want} -> rubrika {got}" + (f"\n    evidence: {evidence}" if evidence else ""))
    if args.json:
        figures = {"sets": {r.name: r.as_dict() for r in results}, "readers_agreement": AGREEMENT}
        off = [r for r in results if r.corpus and "/off-topic" in r.name and r.scores]
        if off:
            figures["off_topic"] = {"max_score": max(off[0].scores.values()), "goal_max": OFF_TOPIC_MAX,
                                    "above_goal": sorted(n for n, s in off[0].scores.items() if s > OFF_TOPIC_MAX)}
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
