"""Accuracy of concept detection against human labels: own samples and the real-writing corpus.

Run:  python benchmarks/bench_accuracy.py [--corpus corpus/real] [--manifest FILE] [--json FILE] [--worst 8]
      python benchmarks/bench_accuracy.py --manifest benchmarks/real_corpus/heldout-manifest.yaml --corpus corpus/heldout

Sets:
- ``samples/<rubric>``: the bundled sample essays, labelled in sample_essays/<rubric>/expected.yaml;
- ``real/<set>``: the real-writing corpus (corpus/real/, kept out of git) labelled in
  benchmarks/real_corpus/manifest.yaml, when the folder is present. Texts missing from the
  folder or whose sha256 differs from the manifest are left out (and named). With ``--manifest``
  and ``--corpus`` another corpus of the same format is measured instead, its sets named after
  the corpus folder: ``heldout/<set>`` for the held-out test corpus (corpus/heldout/,
  benchmarks/real_corpus/heldout-manifest.yaml), which is for measuring, never for tuning.

For each set: credit-weighted precision, recall and F1 (found = 1, partial = 0.5, missing = 0;
see accuracy_metrics.py), exact agreement, a confusion table (labelled status x Rubrika's
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
from accuracy_metrics import CODE, Tally  # noqa: E402

ROOT = cm.ROOT
SAMPLE_ROOT = ROOT / "sample_essays"
OFF_TOPIC_MAX = 15.0
NAMES = {"f": "found", "p": "partial", "m": "missing"}


class SetResult:
    def __init__(self, name: str, rubric: str, corpus: bool = False):
        self.name, self.rubric, self.corpus = name, rubric, corpus
        self.tally = Tally()
        self.confusion: Counter = Counter()
        self.concepts: dict[str, Tally] = defaultdict(Tally)
        self.concept_confusion: dict[str, Counter] = defaultdict(Counter)
        self.scores: dict[str, float] = {}
        self.exact = self.total = 0
        self.skipped: list[str] = []
        self.disagreements: list[tuple[str, str, str, str, str]] = []

    def add(self, name: str, gold: dict[tuple[str, str], str], record: dict) -> None:
        if record.get("error"):
            raise SystemExit(f"{self.name}/{name}: Rubrika could not read it: {record['error']}")
        self.scores[name] = record["score"]
        for criterion in record["criteria"]:
            for concept in criterion["concepts"]:
                key = f"{criterion['id']}/{concept['id']}"
                want, got = gold[(criterion["id"], concept["id"])], CODE[concept["status"]]
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

        return {
            "rubric": self.rubric, "texts": len(self.scores), "skipped": self.skipped,
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


def corpus_sets(corpus: Path, manifest_path: Path = cm.MANIFEST) -> list[SetResult]:
    manifest = cm.load(manifest_path)
    invalid = cm.problems(manifest)
    if invalid:
        raise SystemExit("manifest is invalid:\n  " + "\n  ".join(invalid))
    diff = cm.compare_folder(manifest, corpus)
    unusable = set(diff["missing"]) | set(diff["changed"])
    results = {}
    for set_name, (rubric, rubric_file, _) in cm.SETS.items():
        results[set_name] = SetResult(f"{corpus.name}/{set_name}", rubric, corpus=True)
    for text in manifest["texts"]:
        result = results[text["set"]]
        if text["file"] in unusable:
            result.skipped.append(text["file"])
            continue
        criteria = cm.concept_criteria(cm.SETS[text["set"]][1])
        gold = {(criteria[cid], cid): CODE[status] for cid, status in text["labels"].items()}
        path = corpus / text["file"]
        record = checker_for(text["rubric"]).check_text(path.read_text(encoding="utf-8"), path=str(path))
        result.add(Path(text["file"]).name, gold, record)
    return list(results.values())


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
        out.append(f"  precision {r.tally.precision:.3f}  recall {r.tally.recall:.3f}  F1 {r.tally.f1:.3f}  "
                   f"exact agreement {r.exact / r.total:.3f}  (concept judgements: {r.total})")
        out += _confusion_lines(r.confusion)
        out.append(f"  {'concept':<42} {'P':>6} {'R':>6} {'F1':>6}  disagreements (label->rubrika)")
        for key, t in r.concepts.items():
            out.append(f"  {key:<42} {t.precision:6.2f} {t.recall:6.2f} {t.f1:6.2f}  {_off_diagonal(r.concept_confusion[key])}")
        off = dict(r.scores) if r.name.endswith("/off-topic") else {n: s for n, s in r.scores.items() if "luar-topik" in n}
        if off:
            above = sorted(n for n, s in off.items() if s > OFF_TOPIC_MAX)
            out.append(f"  off-topic scores: max {max(off.values()):.1f} (goal <= {OFF_TOPIC_MAX:.0f}); "
                       f"above {OFF_TOPIC_MAX:.0f}: {', '.join(f'{n} ({off[n]:.1f})' for n in above) or 'none'}")
            out.append("  " + ", ".join(f"{n.split('-')[0]}: {s:.1f}" for n, s in sorted(off.items())))
        out.append("")
    real = [r for r in results if r.corpus and r.total]
    if real:
        out.append("== summary")
        out.append(f"  {'set':<34} {'texts':>5} {'P':>6} {'R':>6} {'F1':>6}")
        for r in results:
            if r.total:
                out.append(f"  {r.name:<34} {len(r.scores):>5} {r.tally.precision:6.3f} {r.tally.recall:6.3f} {r.tally.f1:6.3f}")
        on_topic = Tally()
        for r in real:
            if r.rubric == "builtin":
                on_topic.tp += r.tally.tp
                on_topic.fp += r.tally.fp
                on_topic.fn += r.tally.fn
        label = f"{real[0].name.split('/')[0]}/builtin rubric (on + off topic)"
        out.append(f"  {label:<34} {'':>5} {on_topic.precision:6.3f} "
                   f"{on_topic.recall:6.3f} {on_topic.f1:6.3f}")
        ranked = []
        for r in real:
            for key, t in r.concepts.items():
                if t.fp + t.fn > 0:
                    ranked.append((-(t.fp + t.fn), t.f1, r.name, key, t, r.concept_confusion[key]))
        ranked.sort(key=lambda x: (x[0], x[1]))
        out.append("")
        out.append(f"== worst {worst} concepts of the {real[0].name.split('/')[0]} corpus (by credit lost, fp + fn, then F1)")
        for _, f1, name, key, t, counter in ranked[:worst]:
            out.append(f"  {name + ' ' + key:<62} P {t.precision:.2f} R {t.recall:.2f} F1 {f1:.2f}  "
                       f"(fp {t.fp:.1f}, fn {t.fn:.1f})  {_off_diagonal(counter)}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=cm.CORPUS, help="real corpus folder (default corpus/real)")
    parser.add_argument("--manifest", type=Path, default=cm.MANIFEST,
                        help="manifest of that corpus (default benchmarks/real_corpus/manifest.yaml)")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--worst", type=int, default=8, help="how many worst concepts to list")
    parser.add_argument("--samples-only", action="store_true", help="skip the real corpus")
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
        results += corpus_sets(args.corpus, args.manifest)
    else:
        print(f"notice: {args.corpus} is absent; measuring the own samples only.\n")
    print(report(results, args.worst))
    if args.details:
        for r in results:
            for name, key, want, got, evidence in r.disagreements:
                print(f"{r.name}/{name}  {key}  label {want} -> rubrika {got}" + (f"\n    evidence: {evidence}" if evidence else ""))
    if args.json:
        figures = {"sets": {r.name: r.as_dict() for r in results}}
        off = [r for r in results if r.corpus and r.name.endswith("/off-topic") and r.scores]
        if off:
            figures["off_topic"] = {"max_score": max(off[0].scores.values()), "goal_max": OFF_TOPIC_MAX,
                                    "above_goal": sorted(n for n, s in off[0].scores.items() if s > OFF_TOPIC_MAX)}
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
