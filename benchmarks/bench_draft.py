"""How good a rubric is that ``rubrika rubric draft`` writes, without edits (issue 23, point 4).

Run:  python benchmarks/bench_draft.py [--corpus corpus/judgement] [--seed ../shared/seed] [--json FILE]

1. The seed article (``../shared/seed/*.txt`` beside the checkout, read when present; skipped
   with a message when absent): the draft is made from it, and
   - **coverage**: how many of the built-in rubric's 11 ideas the draft has a concept for. An idea
     is covered when a draft concept came from the article's sentence that states it (``IDEAS``
     below, the one mapping: a phrase of that sentence), a definition by a ``define: true``
     concept. Goal: at least 9;
   - **F1** on the judgement corpus's *development* part (``corpus/judgement``, labels in
     ``benchmarks/real_corpus/judgement-manifest.yaml``; the test part is never read): for each
     text labelled on the built-in rubric and each idea, "the text expresses this idea" (found or
     partial) by the labels against the status of the draft concept the idea maps to (missing when
     no concept does), beside the built-in rubric's own F1 on the same texts. Goal: at least
     ``F1_RATIO`` of the built-in rubric's.
2. Other IPS articles from public pages (``OTHER_ARTICLES``: texts the corpus collectors saved,
   read from the judgement corpus folder and checked against the manifest's sha256; kept out of
   git): the draft is made from each, and with the article's fingerprint removed
   - the article itself scores at least ``SELF_MIN``;
   - an off-topic text (another of the corpus's texts, on another subject) at most ``OFF_TOPIC_MAX``;
   - a short essay a student might write on the article (``benchmarks/draft_essays/``, written for
     this benchmark) at least ``ESSAY_MIN``.

Not a timed test: nothing here is measured against the clock.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus_manifest as cm  # noqa: E402
from accuracy_metrics import CODE, Binary  # noqa: E402

ROOT = cm.ROOT
SEED = ROOT.parent / "shared" / "seed"
ESSAYS = Path(__file__).resolve().parent / "draft_essays"
COVERAGE_MIN = 9
F1_RATIO = 0.8
SELF_MIN = 85.0
OFF_TOPIC_MAX = 15.0
ESSAY_MIN = 50.0

# The built-in rubric's 11 ideas -> a phrase of the seed article's sentence that states it, and
# whether it is a definition. Written once, here.
IDEAS: dict[str, tuple[str, bool]] = {
    "kerja-sama-internasional": ("kerja sama internasional adalah proses interaksi", True),
    "multilateralisme": ("multilateralisme adalah prinsip", True),
    "perdamaian": ("perdamaian adalah kondisi", True),
    "hak-asasi-manusia": ("hak asasi manusia adalah hak-hak dasar", True),
    "demokrasi": ("demokrasi adalah sistem pemerintahan", True),
    "saling-pengertian": ("meningkatkan saling pengertian", False),
    "masalah-global": ("menyelesaikan masalah global", False),
    "nilai-universal": ("mempromosikan nilai-nilai universal", False),
    "kepentingan-nasional": ("perbedaan kepentingan nasional", False),
    "ketimpangan-kekuasaan": ("ketimpangan kekuasaan antara", False),
    "kedaulatan-identitas": ("ancaman terhadap kedaulatan", False),
}
assert tuple(IDEAS) == cm.IDEAS

# Other IPS articles (judgement corpus files, development part) -> (an off-topic text, the
# student essay written for this benchmark).
OTHER_ARTICLES: dict[str, tuple[str, str]] = {
    "globalisasi/c3-017-pengertian-globalisasi-jenis-manfaat-dampak.txt":
        ("off-topic/c1-059-tiga-faktor-sriwijaya-kerajaan-kuat.txt", "globalisasi.txt"),
    "off-topic/c1-059-tiga-faktor-sriwijaya-kerajaan-kuat.txt":
        ("globalisasi/c3-017-pengertian-globalisasi-jenis-manfaat-dampak.txt", "sriwijaya.txt"),
}


def _draft(text: str, name: str):
    from rubrika.authoring.draft import draft_rubric, to_yaml

    drafted = draft_rubric(text, name)
    return drafted, to_yaml(drafted)


def _checker(yaml_text: str, name: str, fingerprint: bool = True):
    from rubrika.api import Checker
    from rubrika.authoring.examples import example_checker
    from rubrika.rubric import load_rubric_text

    checker = Checker(load_rubric_text(yaml_text, name))
    return checker if fingerprint else example_checker(checker)


def coverage(drafted) -> dict[str, str | None]:
    """Idea -> the id of the draft concept that came from the sentence stating it (or None)."""
    out: dict[str, str | None] = {}
    for idea, (phrase, define) in IDEAS.items():
        out[idea] = next((f"{c.id}/{k.id}" for c in drafted.criteria for k in c.concepts
                          if k.define == define and any(phrase in " ".join(s.text.lower().split()) for s in k.sentences)),
                         None)
    return out


def _statuses(record: dict) -> dict[str, str]:
    return {f"{c['id']}/{k['id']}": k["status"] for c in record["criteria"] for k in c["concepts"]}


def corpus_f1(yaml_text: str, mapping: dict[str, str | None], corpus: Path, part: str = "dev") -> dict:
    """F1 of the draft and of the built-in rubric on one part of the corpus (the development part
    while working on the draft; the test part only to measure, once), the 11 ideas."""
    from rubrika.api import Checker

    manifest = cm.load(cm.JUDGEMENT_MANIFEST)
    diff = cm.compare_folder(manifest, corpus)
    unusable = set(diff["missing"]) | set(diff["changed"])
    drafted, builtin = _checker(yaml_text, "draft"), Checker(None)
    ours, theirs = Binary(), Binary()
    per_idea = {idea: (Binary(), Binary()) for idea in IDEAS}
    used = skipped = 0
    for text in manifest["texts"]:
        if text.get("part") != part or cm.SETS[text["set"]][0] != "builtin":
            continue
        if text["file"] in unusable:
            skipped += 1
            continue
        body = (corpus / text["file"]).read_text(encoding="utf-8")
        got = _statuses(drafted.check_text(body))
        base = {key.split("/")[1]: status for key, status in _statuses(builtin.check_text(body)).items()}
        for idea in IDEAS:
            want = CODE[text["labels"][idea]]
            mine = CODE[got[mapping[idea]]] if mapping[idea] else "m"
            ours.add(want, mine)
            theirs.add(want, CODE[base[idea]])
            per_idea[idea][0].add(want, mine)
            per_idea[idea][1].add(want, CODE[base[idea]])
        used += 1
    return {"texts": used, "skipped": skipped, "draft": _figures(ours), "builtin": _figures(theirs),
            "ratio": round(ours.f1 / theirs.f1, 3) if theirs.f1 else None,
            "ideas": {idea: {"draft": _figures(d), "builtin": _figures(b)} for idea, (d, b) in per_idea.items()}}


def _figures(b: Binary) -> dict:
    return {"precision": round(b.precision, 3), "recall": round(b.recall, 3), "f1": round(b.f1, 3)}


def other_article(name: str, off_topic: str, essay: str, corpus: Path, manifest: dict) -> dict:
    listed = {t["file"]: t["sha256"] for t in manifest["texts"]}
    for file in (name, off_topic):
        path = corpus / file
        if not path.is_file() or cm.sha256(path) != listed[file]:
            return {"article": name, "skipped": f"{path} is missing or differs from the manifest"}
    text = (corpus / name).read_text(encoding="utf-8")
    drafted, yaml_text = _draft(text, Path(name).name)
    checker = _checker(yaml_text, name, fingerprint=False)
    scores = {"self": checker.check_text(text)["score"],
              "off_topic": checker.check_text((corpus / off_topic).read_text(encoding="utf-8"))["score"],
              "essay": checker.check_text((ESSAYS / essay).read_text(encoding="utf-8"))["score"]}
    marks = yaml_text.count("# PERIKSA")
    return {"article": name, "criteria": len(drafted.criteria), "concepts": len(drafted.concepts()),
            "marks": marks, "off_topic_text": off_topic, "essay": f"benchmarks/draft_essays/{essay}", "scores": scores,
            "ok": scores["self"] >= SELF_MIN and scores["off_topic"] <= OFF_TOPIC_MAX and scores["essay"] >= ESSAY_MIN}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=cm.JUDGEMENT_CORPUS, help="the judgement corpus folder")
    parser.add_argument("--seed", type=Path, default=SEED, help="the folder of the seed article")
    parser.add_argument("--json", type=Path, default=None, help="write every figure here")
    parser.add_argument("--part", choices=("dev", "test"), default="dev",
                        help="the corpus part F1 is measured on (test: to measure once, never to tune)")
    args = parser.parse_args(argv)
    figures: dict = {}
    seeds = sorted(args.seed.glob("*.txt")) if args.seed.is_dir() else []
    if not seeds:
        print(f"seed article: skipped, no .txt in {args.seed} (the benchmark reads ../shared/seed/ when present)")
    else:
        text = seeds[0].read_text(encoding="utf-8")
        drafted, yaml_text = _draft(text, seeds[0].name)
        mapping = coverage(drafted)
        covered = sum(v is not None for v in mapping.values())
        print(f"seed article {seeds[0].name}: {len(drafted.criteria)} criteria, {len(drafted.concepts())} concepts, "
              f"{yaml_text.count('# PERIKSA')} marks")
        print(f"  coverage of the built-in rubric's 11 ideas: {covered}/11 (goal >= {COVERAGE_MIN})")
        for idea, concept in mapping.items():
            print(f"    {idea:<24} {concept or '-'}")
        figures["seed"] = {"coverage": covered, "mapping": mapping}
        if not args.corpus.is_dir():
            print(f"  F1: skipped, no corpus at {args.corpus} (--corpus DIR)")
        else:
            f1 = corpus_f1(yaml_text, mapping, args.corpus, args.part)
            figures["seed"]["f1"] = f1
            d, b = f1["draft"], f1["builtin"]
            print(f"  judgement corpus, {args.part} part, {f1['texts']} texts ({f1['skipped']} missing or changed):")
            print(f"    draft     P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}")
            print(f"    built-in  P {b['precision']:.3f}  R {b['recall']:.3f}  F1 {b['f1']:.3f}")
            print(f"    ratio {f1['ratio']} (goal >= {F1_RATIO})")
            print("    per idea, F1 draft / built-in:")
            for idea, pair in f1["ideas"].items():
                print(f"      {idea:<25} {pair['draft']['f1']:.2f} / {pair['builtin']['f1']:.2f}"
                      f"   (draft P {pair['draft']['precision']:.2f} R {pair['draft']['recall']:.2f})")
    if args.corpus.is_dir():
        manifest = cm.load(cm.JUDGEMENT_MANIFEST)
        figures["others"] = []
        for name, (off_topic, essay) in OTHER_ARTICLES.items():
            result = other_article(name, off_topic, essay, args.corpus, manifest)
            figures["others"].append(result)
            if "skipped" in result:
                print(f"{name}: skipped, {result['skipped']}")
                continue
            s = result["scores"]
            print(f"{name}: {result['criteria']} criteria, {result['concepts']} concepts, {result['marks']} marks")
            print(f"  article itself {s['self']:.1f} (goal >= {SELF_MIN:g}), off-topic {s['off_topic']:.1f} "
                  f"(goal <= {OFF_TOPIC_MAX:g}), student essay {s['essay']:.1f} (goal >= {ESSAY_MIN:g})"
                  + ("" if result["ok"] else "  -- below a goal"))
    else:
        print(f"other articles: skipped, no corpus at {args.corpus} (--corpus DIR)")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
