"""Does learning from a teacher's corrections make a rubric better, and never worse? (issue 21)

Run:  python benchmarks/bench_suggest.py [--corpus corpus/judgement] [--seeds 5] [--curve] [--json FILE]

A simulated teacher, on the judgement corpus (benchmarks/real_corpus/judgement-manifest.yaml;
texts in ``--corpus``, default corpus/judgement/, kept out of git: absent, a notice and exit 0).
Only its DEVELOPMENT part is read (the test part is kept for the judgement benchmark's
held-out figure and is never opened here): for each rubric (the built-in one on the
``kerja-sama-internasional`` set, ``rubrics/globalisasi.yaml`` on ``globalisasi``) and each seed,
the dev texts are graded once into an output folder with ``rubrika grade``'s own code; half of
them (A) get the teacher's corrections: a row of ``koreksi.csv`` for every concept where the
human label and Rubrika disagree (credited or not), and a ``*`` row (reviewed) for every essay
of A, so every label of A reaches ``rubric suggest`` as the teacher would give it. ``rubric
suggest RUBRIC OUTDIR`` (``graded_labels`` + ``learn`` + the checked new rubric text) learns a
new version; F1 of "the text expresses this idea" (found or partial = yes, for the label and
for Rubrika; every concept of the rubric's concepts criteria, micro-averaged) is measured on the
other half (B) before and after; then the halves swap (learn on B, measure on A). Several
seeded splits; the line "never lower" says whether any split, either way, lost F1.

Short texts: the 52 short answers of tests/fixtures/suggest (one 0/1 label each) in seeded
halves, both ways: the labels CSV of one half in, essay-level F1 on the other half before and
after. (Long essays are the judgement corpus's texts: 120 to 285 words; it
holds no short answers, so the short texts are these, written for the tests.)

``--curve``: how many labelled essays a concept needs before learning is safe: the teacher's
labels of n essays of A (n = 8, 12, 16, 24, 32, all) with the evidence floor switched off,
the change of each concept's F1 on B; the share of concepts that lost F1 per n. This is what
``learn.MIN_LABELLED`` is set from.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import random
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus_manifest as cm  # noqa: E402

from rubrika.api import Checker  # noqa: E402
from rubrika.authoring.suggest import learn, read_labels  # noqa: E402
from rubrika.authoring.suggest.graded import graded_labels  # noqa: E402
from rubrika.authoring.suggest.write import checked_rubric_text  # noqa: E402
from rubrika.batch.corrections import Correction, corrections_path, write_corrections  # noqa: E402
from rubrika.batch.run import grade_folder  # noqa: E402
from rubrika.readers.essay import Essay  # noqa: E402
from rubrika.rubric import BUILTIN_RUBRIC, load_rubric_text  # noqa: E402

ROOT = cm.ROOT
learn_module = importlib.import_module("rubrika.authoring.suggest.learn")  # the module, not the function
RUBRICS = {"kerja-sama-internasional": BUILTIN_RUBRIC, "globalisasi": ROOT / "rubrics" / "globalisasi.yaml"}
SHORT = ROOT / "tests" / "fixtures" / "suggest"
CURVE = (8, 12, 16, 24, 32)
CREDITED = ("found", "partial")


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def statuses(checker: Checker, texts: dict[str, str]) -> dict[str, dict[str, str]]:
    out = {}
    for name, text in texts.items():
        result = checker.check(Essay(text=text, path=name)).result
        out[name] = {k.id: k.status for c in result.criteria for k in c.concepts}
    return out


def micro_f1(said: dict[str, dict[str, str]], labels: dict[str, dict[str, str]], concepts: list[str],
             per_concept: dict[str, list[int]] | None = None) -> float:
    tp = fp = fn = 0
    for name, truth in labels.items():
        for cid in concepts:
            want, got = truth.get(cid) in CREDITED, said[name].get(cid) in CREDITED
            tp += want and got
            fp += got and not want
            fn += want and not got
            if per_concept is not None:
                row = per_concept.setdefault(cid, [0, 0, 0])
                row[0] += want and got
                row[1] += got and not want
                row[2] += want and not got
    return f1(tp, fp, fn)


def rubric_text(source) -> str:
    from importlib import resources

    if source == BUILTIN_RUBRIC:
        from rubrika.rubric.loader import BUILTIN_NAME

        return (resources.files("rubrika.rubrics") / BUILTIN_NAME).read_text(encoding="utf-8")
    return Path(source).read_text(encoding="utf-8")


class RubricSet:
    """One rubric and its dev texts, graded once into an output folder."""

    def __init__(self, name: str, corpus: Path, work: Path):
        manifest = cm.load(cm.JUDGEMENT_MANIFEST)
        self.name, self.source = name, RUBRICS[name]
        self.checker = Checker(self.source)
        self.concepts = [k.id for _, k in self.checker.rubric.concepts()]
        self.texts: dict[str, dict[str, str]] = {"dev": {}}
        self.labels: dict[str, dict[str, dict[str, str]]] = {"dev": {}}
        for entry in manifest["texts"]:
            path = corpus / entry["file"]
            if entry["set"] != name or entry["part"] != "dev" or not path.is_file():
                continue  # the test part is never read
            part = entry["part"]
            self.texts[part][entry["file"]] = path.read_text(encoding="utf-8")
            self.labels[part][entry["file"]] = entry["labels"]
        self.folder, self.outdir = work / name / "essays", work / name / "out"
        for rel, text in self.texts["dev"].items():
            (self.folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (self.folder / rel).write_text(text, encoding="utf-8")
        grade_folder(self.folder, self.outdir, self.checker, jobs=1)
        self.before = {part: statuses(self.checker, texts) for part, texts in self.texts.items()}

    def corrections(self, essays: list[str]) -> list[Correction]:
        """The simulated teacher's koreksi.csv for ``essays``: every disagreement, each essay reviewed."""
        rows = []
        for rel in essays:
            said, truth = self.before["dev"][rel], self.labels["dev"][rel]
            for cid in self.concepts:
                if (said.get(cid) in CREDITED) != (truth.get(cid) in CREDITED):
                    rows.append(Correction(rel, cid, truth[cid]))
            rows.append(Correction(rel, "*", None))
        return rows

    def learn_from(self, essays: list[str], min_labelled: int | None = None) -> Checker:
        """The rubric ``rubric suggest RUBRIC OUTDIR -o NEW`` writes after those corrections."""
        write_corrections(corrections_path(self.outdir), self.corrections(essays))
        graded = graded_labels(self.outdir, self.checker.rubric)
        kwargs = {} if min_labelled is None else {"min_labelled": min_labelled}
        found = learn(self.checker, None, graded.labels, texts=graded.texts, **kwargs)
        text, _ = checked_rubric_text(found, rubric_text(self.source), f"{self.name}-learned.yaml")
        return Checker(load_rubric_text(text, f"{self.name}-learned.yaml"))

    def measure(self, checker: Checker, part: str, essays: list[str],
                per_concept: dict[str, list[int]] | None = None) -> tuple[float, float]:
        labels = {rel: self.labels[part][rel] for rel in essays}
        before = micro_f1({rel: self.before[part][rel] for rel in essays}, labels, self.concepts)
        after = micro_f1(statuses(checker, {rel: self.texts[part][rel] for rel in essays}), labels, self.concepts,
                         per_concept)
        return before, after


def halves(items: list[str], seed: int) -> tuple[list[str], list[str]]:
    order = sorted(items)
    random.Random(seed).shuffle(order)
    mid = len(order) // 2
    return order[:mid], order[mid:]


def run_splits(rs: RubricSet, seeds: int) -> list[dict]:
    """Each seed's halves, both ways: learn on A, measure on B; learn on B, measure on A."""
    rows = []
    for seed in range(seeds):
        first, second = halves(list(rs.texts["dev"]), seed)
        for way, (a, b) in (("A->B", (first, second)), ("B->A", (second, first))):
            learned = rs.learn_from(a)
            before, after = rs.measure(learned, "dev", b)
            added = sum(1 for _, k in learned.rubric.concepts() for _ in k.terms) - \
                sum(1 for _, k in rs.checker.rubric.concepts() for _ in k.terms)
            rows.append({"seed": seed, "way": way, "learned_on": len(a), "measured_on": len(b),
                         "terms_added": added, "before": round(before, 3), "after": round(after, 3)})
            print(f"  seed {seed} {way}: learn on {len(a)}, measure on {len(b)}: {added} term(s) added, "
                  f"F1 {before:.3f} -> {after:.3f} ({after - before:+.3f})", flush=True)
    return rows


def run_curve(rs: RubricSet, seeds: int) -> dict:
    """Per n: concept-level F1 changes on B when learning from n essays with no evidence floor."""
    out = {}
    for n in (*CURVE, None):
        drops = gains = total = 0
        deltas = []
        for seed in range(seeds):
            a, b = halves(list(rs.texts["dev"]), seed)
            sample = a if n is None else random.Random(1000 + seed).sample(a, min(n, len(a)))
            saved = learn_module.MIN_NEGATIVES
            learn_module.MIN_NEGATIVES = 0
            try:
                learned = rs.learn_from(sample, min_labelled=0)
            finally:
                learn_module.MIN_NEGATIVES = saved
            old_pc: dict[str, list[int]] = {}
            new_pc: dict[str, list[int]] = {}
            labels = {rel: rs.labels["dev"][rel] for rel in b}
            micro_f1({rel: rs.before["dev"][rel] for rel in b}, labels, rs.concepts, old_pc)
            micro_f1(statuses(learned, {rel: rs.texts["dev"][rel] for rel in b}), labels, rs.concepts, new_pc)
            for cid in rs.concepts:
                delta = f1(*new_pc[cid]) - f1(*old_pc[cid])
                total += 1
                drops += delta < -1e-9
                gains += delta > 1e-9
                deltas.append(delta)
        key = "all" if n is None else str(n)
        out[key] = {"concepts": total, "lost": drops, "gained": gains, "mean_delta": round(sum(deltas) / len(deltas), 4)}
        print(f"  n={key:>3}: {drops}/{total} concept-splits lost F1, {gains} gained, mean ΔF1 {out[key]['mean_delta']:+.4f}",
              flush=True)
    return out


def short_answers(seeds: int, work: Path) -> list[dict]:
    rows = list(csv.DictReader((SHORT / "semua.csv").open(encoding="utf-8")))
    files = [r["file"] for r in rows]
    label = {r["file"]: r["label"] for r in rows}
    checker = Checker(SHORT / "masalah-global.yaml")
    text = (SHORT / "masalah-global.yaml").read_text(encoding="utf-8")
    out = []
    for seed, way in ((seed, way) for seed in range(seeds) for way in ("A->B", "B->A")):
        a, b = halves(files, seed)
        if way == "B->A":
            a, b = b, a
        labels_csv = work / f"short-{seed}.csv"
        labels_csv.write_text("file,label\n" + "".join(f"{f},{label[f]}\n" for f in a), encoding="utf-8")
        found = learn(checker, SHORT / "jawaban", read_labels(labels_csv, SHORT / "jawaban", checker.rubric))
        new_text, _ = checked_rubric_text(found, text, "masalah-global-learned.yaml")
        new = Checker(load_rubric_text(new_text, "masalah-global-learned.yaml"))
        b_csv = work / f"short-{seed}-b.csv"
        b_csv.write_text("file,label\n" + "".join(f"{f},{label[f]}\n" for f in b), encoding="utf-8")
        b_labels = read_labels(b_csv, SHORT / "jawaban", checker.rubric)
        before = learn(checker, SHORT / "jawaban", b_labels).before["essay"]["f1"] or 0.0
        after = learn(new, SHORT / "jawaban", read_labels(b_csv, SHORT / "jawaban", new.rubric)).before["essay"]["f1"] or 0.0
        out.append({"seed": seed, "way": way, "before": before, "after": after})
        print(f"  seed {seed} {way}: learn on {len(a)}, measure on {len(b)}: F1 {before:.3f} -> {after:.3f} ({after - before:+.3f})",
              flush=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=cm.JUDGEMENT_CORPUS, help="the judgement corpus's texts")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--curve", action="store_true", help="F1 change by number of labelled essays")
    parser.add_argument("--sets", default="kerja-sama-internasional,globalisasi")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    figures: dict = {"min_labelled": learn_module.MIN_LABELLED, "min_negatives": learn_module.MIN_NEGATIVES,
                     "max_chance": learn_module.MAX_CHANCE, "sets": {}}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print("Short answers (tests/fixtures/suggest, 52 answers, one label each): essay-level F1 on the held-out half")
        figures["short"] = short_answers(args.seeds, work)
        if not args.corpus.is_dir():
            print(f"\nThe judgement corpus is not at {args.corpus} (kept out of git); pass --corpus DIR to measure it.")
        else:
            for name in args.sets.split(","):
                print(f"\n{name}: learn from the teacher's corrections of half the dev texts, F1 on the other half",
                      flush=True)
                rs = RubricSet(name, args.corpus, work)
                entry: dict = {"dev_texts": len(rs.texts["dev"]), "splits": run_splits(rs, args.seeds)}
                if args.curve:
                    print(f"  with no evidence floor, by labelled essays (n) on {name}:")
                    entry["curve"] = run_curve(rs, args.seeds)
                figures["sets"][name] = entry
                shutil.rmtree(work / name, ignore_errors=True)
    splits = [r for e in figures["sets"].values() for r in e["splits"]] + figures["short"]
    lower = [r for r in splits if r["after"] < r["before"] - 1e-9]
    print(f"\nnever lower: {'yes' if not lower else 'NO'} ({len(splits)} splits, {len(lower)} lost F1)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
