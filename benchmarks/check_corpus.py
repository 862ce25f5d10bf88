"""Check the real-writing corpus folder against its committed manifest. Re-collects nothing.

Run:  python benchmarks/check_corpus.py [--corpus corpus/real] [--manifest FILE]
      python benchmarks/check_corpus.py --manifest benchmarks/real_corpus/heldout-manifest.yaml --corpus corpus/heldout

Exit 0 when corpus/real holds exactly the manifest's files with matching sha256 (or when the
folder is absent, e.g. in CI: the texts are third-party and never committed, so a notice is
printed and the check passes); exit 1 when a file is missing, changed or not listed, or the
manifest itself is invalid.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus_manifest as cm  # noqa: E402


def check(corpus: Path, manifest_path: Path, out=sys.stdout) -> int:
    manifest = cm.load(manifest_path)
    invalid = cm.problems(manifest)
    for line in invalid:
        print(f"manifest: {line}", file=out)
    if not corpus.is_dir():
        print(f"notice: {corpus} is absent; corpus texts are kept out of git, nothing to check "
              f"({len(manifest['texts'])} texts listed in {manifest_path.name}).", file=out)
        return 1 if invalid else 0
    diff = cm.compare_folder(manifest, corpus)
    for kind, label in (("missing", "missing (listed, not in the folder)"),
                        ("changed", "changed (sha256 differs from the manifest)"),
                        ("extra", "not in the manifest")):
        for name in diff[kind]:
            print(f"{label}: {name}", file=out)
    bad = sum(len(v) for v in diff.values())
    total = len(manifest["texts"])
    if bad or invalid:
        print(f"{total - len(diff['missing']) - len(diff['changed'])}/{total} texts match; "
              f"{len(diff['missing'])} missing, {len(diff['changed'])} changed, {len(diff['extra'])} extra.", file=out)
        return 1
    print(f"all {total} texts in {corpus} match the manifest.", file=out)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=cm.CORPUS, help="folder of the texts (default corpus/real)")
    parser.add_argument("--manifest", type=Path, default=cm.MANIFEST, help="manifest YAML")
    args = parser.parse_args(argv)
    return check(args.corpus, args.manifest)


if __name__ == "__main__":
    sys.exit(main())
