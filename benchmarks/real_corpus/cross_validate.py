"""Choose the learned reading's threshold honestly: leave one round of the corpus out.

    pip install -e .[train]
    python benchmarks/real_corpus/cross_validate.py [--rubric builtin|globalisasi] [--C 1.0]

For each round of the development part, a model is trained (``train_learned.Corpus.fit``) on
every other round and the held-out round is checked with it, so every text is read by a model
that never saw it. Per pair of thresholds (the sentence's, and the whole text's; "-" for no
text model) the script prints precision, recall and F1 of "the text expresses the idea" (the
built-in rubric's 11 ideas, or every concept of another rubric) pooled over the rounds, and
F1 per round; the first line is the rules alone. The pair with the best pooled F1 goes into
``train_learned.THRESHOLD`` and ``TEXT_THRESHOLD``. The test part is never read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "benchmarks" / "real_corpus"))

import corpus_manifest as cm  # noqa: E402
import train_learned as tl  # noqa: E402

from rubrika.api import Checker  # noqa: E402
from rubrika.engine import learned  # noqa: E402

THRESHOLDS = (0.5, 0.6, 0.7, 0.8)
TEXT_THRESHOLDS = (None, 0.5, 0.6, 0.7, 0.8, 0.9)
MAIN_SET = {"builtin": "kerja-sama-internasional", "globalisasi": "globalisasi"}


class _Scores:
    """Stands in for the model while checking: remembers the best sentence's probability of
    each concept the rules find missing, and credits that sentence whatever it scores, so
    that the scorer's own gates (a bare list, a negation) still decide whether it could."""

    def __init__(self, model: learned.LearnedModel):
        self.model, self.digest, self.threshold = model, model.digest, 0.0
        self.seen: dict[str, tuple[float, float]] = {}

    def credit(self, concept_id, groups, context, analysis):
        best = self.model.best(concept_id, groups, context, analysis)
        if best is None:
            return []
        self.seen[concept_id] = (best[0], self.model.text_score(concept_id, analysis) or 0.0)
        return best[2]


Reading = tuple[int, str, bool, bool, "tuple[float, float] | None"]


def readings(which: str, data: tl.Corpus, c: float, min_texts: int) -> list[Reading]:
    """(round, concept, readers say yes, rules say yes, (best sentence's probability, the
    text's) if the learned reading could credit it) for every concept of every text of the
    main set, each read by a model trained without its round."""
    checker = Checker(data.rubric)
    out = []
    rounds = sorted({t.get("round", 1) for t in data.texts})
    for held in rounds:
        keep = {n for n, t in enumerate(data.texts) if t.get("round", 1) != held}
        model = learned.from_data({"format": learned.FORMAT, "rubric": data.rubric.id, "threshold": 0.0,
                                   "phrases": data.phrases, "concepts": data.fit(c, min_texts, texts=keep)})
        scores = _Scores(model)
        checker.compiled.learned = scores  # type: ignore[assignment]
        for n, t in enumerate(data.texts):
            if t.get("round", 1) != held or t["set"] != MAIN_SET[which]:
                continue
            scores.seen = {}
            record = checker.check_text(data.bodies[n], path=t["file"])
            for criterion in record["criteria"]:
                for concept in criterion["concepts"]:
                    cid = concept["id"]
                    if which == "builtin" and cid not in cm.IDEAS:
                        continue
                    p = scores.seen.get(cid)
                    rules = p is None and concept["status"] != "missing"
                    creditable = p is not None and concept["status"] != "missing"
                    out.append((held, cid, t["labels"][cid] != "missing", rules, p if creditable else None))
    return out


def figures(rows: list[Reading], threshold: float | None, text_threshold: float | None = None
            ) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for _, _, want, rules, p in rows:
        got = rules or (threshold is not None and p is not None and (
            p[0] >= threshold or (text_threshold is not None and p[1] >= text_threshold)))
        tp += got and want
        fp += got and not want
        fn += want and not got
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rubric", choices=sorted(tl.RUBRICS), action="append")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "judgement")
    ap.add_argument("--manifest", type=Path, default=cm.JUDGEMENT_MANIFEST)
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--min-texts", type=int, default=2)
    args = ap.parse_args()
    for which in args.rubric or sorted(tl.RUBRICS):
        rows = readings(which, tl.Corpus(which, args.corpus, args.manifest.resolve()), args.C, args.min_texts)
        rounds = sorted({r[0] for r in rows})
        print(f"== {which}: {len(rows)} text-concept pairs, rounds {rounds}; shipped thresholds "
              f"{tl.THRESHOLD[which]} (sentence), {tl.TEXT_THRESHOLD[which]} (text)")
        print(f"  {'thresholds':<12} {'P':>6} {'R':>6} {'F1':>6}   F1 per round")
        pairs = [(None, None)] + [(a, b) for a in THRESHOLDS for b in TEXT_THRESHOLDS]
        for threshold, text_threshold in pairs:
            p, r, f = figures(rows, threshold, text_threshold)
            per_round = " ".join(f"{figures([x for x in rows if x[0] == k], threshold, text_threshold)[2]:.3f}"
                                 for k in rounds)
            name = "rules" if threshold is None else f"{threshold} {'-' if text_threshold is None else text_threshold}"
            print(f"  {name:<12} {p:6.3f} {r:6.3f} {f:6.3f}   {per_round}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
