"""Grade every folder of sample_essays/ and compare the outputs with an earlier snapshot.

A refactoring that must not change behaviour is checked like this::

    python benchmarks/snapshot_outputs.py /tmp/before          # on the old code
    python benchmarks/snapshot_outputs.py /tmp/after --compare /tmp/before

Besides ``rubrika grade`` (every file it writes, the result cache excluded), the text and
JSON output of ``rubrika check`` on every sample essay is kept. Exit 1 when any file differs.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_essays"


def rubrika(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rubrika", *args], capture_output=True, text=True, cwd=ROOT)


def rubric_for(folder: Path) -> list[str]:
    own = ROOT / "rubrics" / f"{folder.name}.yaml"
    return ["-r", str(own)] if own.exists() else []


def snapshot(out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)  # a fresh run: no result cache from an earlier one
    out.mkdir(parents=True)
    for folder in sorted(p for p in SAMPLES.iterdir() if p.is_dir()):
        rubric = rubric_for(folder)
        target = out / folder.name
        rubrika("grade", str(folder.relative_to(ROOT)), *rubric, "-o", str(target), "-q")
        essays = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md"))
        for fmt in ("text", "json"):
            result = rubrika("check", *(str(p.relative_to(ROOT)) for p in essays), *rubric, "--format", fmt)
            (out / f"{folder.name}.check.{fmt}").write_text(result.stdout + result.stderr, encoding="utf-8")


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and ".rubrika-cache" not in p.parts}


def compare(new: Path, old: Path) -> int:
    mine, theirs = files(new), files(old)
    differ = sorted(f for f in mine & theirs if not filecmp.cmp(new / f, old / f, shallow=False))
    for name in sorted(theirs - mine):
        print(f"missing: {name}")
    for name in sorted(mine - theirs):
        print(f"new: {name}")
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(mine & theirs) - len(differ)} of {len(theirs)} files byte-identical")
    return 1 if differ or theirs - mine or mine - theirs else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, default=None, help="an earlier snapshot")
    args = parser.parse_args()
    snapshot(args.out)
    return compare(args.out, args.compare) if args.compare else 0


if __name__ == "__main__":
    sys.exit(main())
