"""Working tools for one round of the judgement corpus: who reads what, whether a reader's or an
adjudicator's file is complete, and which concepts the two readers disagreed on.

The working folder (``J``, e.g. /work/judgement) holds the collectors' ``collected-<id>.yaml``
and ``texts/``, the readers' ``labels-<reader>.yaml`` and the adjudicator's
``adjudication-<round>.yaml``; it is never committed (the texts are third-party writing).
``build_judgement.py`` turns it into the committed manifest. The guides beside this file
(COLLECTING.md, READING.md, ADJUDICATING.md) are what the helpers follow. No command here runs
Rubrika, so readers may check their own files with it.

    python round_tools.py assign J --collectors r1,r2,r3 --pairs 36,37
    python round_tools.py check-labels J a36
    python round_tools.py tasks J --round 18 --pairs 36,37
    python round_tools.py check-adjudication J --round 18
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import yaml

BUILTIN = ["kerja-sama-internasional", "multilateralisme", "perdamaian", "hak-asasi-manusia", "demokrasi",
           "saling-pengertian", "masalah-global", "nilai-universal",
           "kepentingan-nasional", "ketimpangan-kekuasaan", "kedaulatan-identitas",
           "kajian-ips", "perspektif-global", "keterampilan-sikap",
           "bagian-referensi", "jumlah-entri", "sitasi-dalam-teks"]
GLOBALISASI = ["globalisasi", "teknologi-informasi", "transportasi", "perdagangan-bebas", "akses-informasi",
               "ekonomi", "pertukaran-budaya", "lunturnya-budaya", "konsumerisme", "produk-lokal-kalah",
               "menyaring", "cinta-produk-lokal", "bagian-referensi", "jumlah-entri", "sitasi-dalam-teks"]
STATUSES = ("found", "partial", "missing")


def concepts_of(file: str) -> list[str]:
    return GLOBALISASI if file.startswith("globalisasi/") else BUILTIN


def collected(folder: Path, collectors: list[str]) -> list[dict]:
    entries = []
    for cid in collectors:
        entries += yaml.safe_load((folder / f"collected-{cid}.yaml").read_text(encoding="utf-8")) or []
    return entries


def check_collected(folder: Path, entries: list[dict]) -> list[str]:
    problems, seen = [], {}
    known = set((folder / "known-urls.txt").read_text(encoding="utf-8").split()) \
        if (folder / "known-urls.txt").exists() else set()
    for e in entries:
        path = folder / "texts" / e["file"]
        if not path.is_file():
            problems.append(f"{e['file']}: listed, no such file")
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != e["sha256"]:
            problems.append(f"{e['file']}: sha256 differs from collected-*.yaml")
        if e["url"] in known:
            problems.append(f"{e['file']}: its address was collected in an earlier round")
        if e["url"] in seen:
            problems.append(f"{e['file']}: same address as {seen[e['url']]}")
        seen.setdefault(e["url"], e["file"])
        if e["set"] != e["file"].split("/")[0]:
            problems.append(f"{e['file']}: set {e['set']!r} is not its folder")
    return problems


def assign(folder: Path, collectors: list[str], pairs: list[str]) -> None:
    """Split the round's texts into one list per reader pair (every set spread evenly)."""
    entries = sorted(collected(folder, collectors), key=lambda e: hashlib.sha256(e["url"].encode()).hexdigest())
    for line in check_collected(folder, entries):
        print(f"warning: {line}")
    lists: dict[str, list[str]] = {p: [] for p in pairs}
    by_set: dict[str, list[str]] = {}
    for e in entries:
        by_set.setdefault(e["set"], []).append(e["file"])
    turn = 0
    for name in sorted(by_set):
        for file in by_set[name]:
            lists[pairs[turn % len(pairs)]].append(file)
            turn += 1
    for pair, files in lists.items():
        text = "\n".join(sorted(files)) + "\n"
        for reader in (f"a{pair}", f"b{pair}"):
            (folder / f"reading-{reader}.txt").write_text(text, encoding="utf-8")
        print(f"pair {pair}: {len(files)} texts -> reading-a{pair}.txt, reading-b{pair}.txt")


def _check_status(folder: Path, file: str, cid: str, item: dict, where: str) -> list[str]:
    problems = []
    status = item.get("status") if isinstance(item, dict) else None
    if status not in STATUSES:
        return [f"{where}: {file} {cid}: status {status!r} is not one of {', '.join(STATUSES)}"]
    quotes = item.get("evidence") or []
    if status != "missing" and not quotes and cid not in ("bagian-referensi", "jumlah-entri"):
        problems.append(f"{where}: {file} {cid}: {status} needs at least one evidence sentence")
    body = (folder / "texts" / file).read_text(encoding="utf-8")
    for quote in quotes:
        if not isinstance(quote, str) or not quote.strip() or quote not in body:
            problems.append(f"{where}: {file} {cid}: evidence is not an exact part of the text: {str(quote)[:70]!r}")
    return problems


def check_labels(folder: Path, reader: str) -> list[str]:
    path = folder / f"labels-{reader}.yaml"
    listing = folder / f"reading-{reader}.txt"
    if not listing.is_file():
        return [f"{listing}: no such list of texts (is {reader!r} the reader id you were given?)"]
    wanted = listing.read_text(encoding="utf-8").split()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        return [f"{path.name}: {exc}"]
    if not isinstance(data, dict) or not isinstance(data.get("texts"), list):
        return [f"{path.name}: expected a mapping with a 'texts' list (see LABELLING.md, Files)"]
    problems = []
    got = {t["file"]: t.get("labels") or {} for t in data["texts"] if isinstance(t, dict) and "file" in t}
    for file in wanted:
        if file not in got:
            problems.append(f"{path.name}: {file} is not labelled")
            continue
        for cid in concepts_of(file):
            if cid not in got[file]:
                problems.append(f"{path.name}: {file}: concept {cid} has no label")
            else:
                problems += _check_status(folder, file, cid, got[file][cid], path.name)
        for cid in got[file]:
            if cid not in concepts_of(file):
                problems.append(f"{path.name}: {file}: {cid} is not a concept of this set")
    for file in got:
        if file not in wanted:
            problems.append(f"{path.name}: {file} is not on reading-{reader}.txt")
    return problems


def labels_of(folder: Path, reader: str) -> dict[str, dict]:
    data = yaml.safe_load((folder / f"labels-{reader}.yaml").read_text(encoding="utf-8"))
    return {t["file"]: t["labels"] for t in data["texts"]}


def tasks(folder: Path, round_no: int, pairs: list[str]) -> None:
    """Every concept on which a pair's two readers gave different statuses, for the third reading."""
    out = []
    for pair in pairs:
        a, b = labels_of(folder, f"a{pair}"), labels_of(folder, f"b{pair}")
        for file in sorted(a):
            for cid in concepts_of(file):
                sa, sb = a[file][cid], b[file][cid]
                if sa["status"] != sb["status"]:
                    out.append({"file": file, "concept": cid,
                                "first": {"status": sa["status"], "evidence": sa.get("evidence") or []},
                                "second": {"status": sb["status"], "evidence": sb.get("evidence") or []}})
    path = folder / f"adjudication-tasks-{round_no}.yaml"
    path.write_text(yaml.safe_dump({"round": round_no, "tasks": out}, allow_unicode=True, sort_keys=False, width=120),
                    encoding="utf-8")
    print(f"{path}: {len(out)} concepts to settle")


def check_adjudication(folder: Path, round_no: int) -> list[str]:
    todo = yaml.safe_load((folder / f"adjudication-tasks-{round_no}.yaml").read_text(encoding="utf-8"))["tasks"]
    path = folder / f"adjudication-{round_no}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        return [f"{path.name}: {exc}"]
    decided = {(d["file"], d["concept"]): d for d in data.get("decisions", [])}
    problems = []
    for t in todo:
        d = decided.get((t["file"], t["concept"]))
        if d is None:
            problems.append(f"{path.name}: {t['file']} {t['concept']} is not decided")
        else:
            problems += _check_status(folder, t["file"], t["concept"], d, path.name)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser("assign")
    a.add_argument("folder", type=Path)
    a.add_argument("--collectors", required=True)
    a.add_argument("--pairs", required=True)
    c = sub.add_parser("check-labels")
    c.add_argument("folder", type=Path)
    c.add_argument("reader")
    t = sub.add_parser("tasks")
    t.add_argument("folder", type=Path)
    t.add_argument("--round", type=int, required=True)
    t.add_argument("--pairs", required=True)
    d = sub.add_parser("check-adjudication")
    d.add_argument("folder", type=Path)
    d.add_argument("--round", type=int, required=True)
    args = parser.parse_args(argv)
    if args.command == "assign":
        assign(args.folder, args.collectors.split(","), args.pairs.split(","))
        return 0
    if args.command == "tasks":
        tasks(args.folder, args.round, args.pairs.split(","))
        return 0
    problems = (check_labels(args.folder, args.reader) if args.command == "check-labels"
                else check_adjudication(args.folder, args.round))
    for line in problems:
        print(line)
    print("complete: no problems" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
