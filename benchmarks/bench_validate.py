"""``exporter validate`` against check-jsonschema with our schema, on the same documents, in the same run.

    python benchmarks/bench_validate.py                     # 1,000 documents, best of 5 rounds
    python benchmarks/bench_validate.py --documents 300 --rounds 2

Documents come from the real corpus (``../shared/corpus/real``, or
``EXPORTER_SHARED``): its articles, then the same articles with one more
trailing newline, two, … until there are ``--documents`` distinct texts,
exported with our extractor (``exporter export --format json``) into a
temporary folder that is deleted afterwards. Distinct texts matter: the same
document twice is a duplicate id for us (an error), not for a schema checker.

Both tools run as fresh processes, exactly as a hook or CI job runs them, so
start-up counts:

* batch: every document in one invocation. Target: ours / theirs <= 0.5.
* one file, the pre-commit case: Target: ours / theirs <= 1.0.

Wall time, best of ``--rounds`` with the two tools alternated, so both see
the same machine load. check-jsonschema comes from the ``bench`` extra
(``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import REAL, ROOT, real_articles  # benchmarks/corpus.py: paths, and the project on sys.path

SCHEMA = ROOT / "schemas" / "article.schema.json"
BIN = Path(sys.executable).parent

BATCH_TARGET = 0.5
ONE_FILE_TARGET = 1.0


def tool(name: str) -> str:
    path = BIN / name if (BIN / name).exists() else shutil.which(name)
    if not path:
        raise SystemExit(f"{name} not found: pip install -e '.[bench]' into this environment")
    return str(path)


def make_documents(n: int, folder: Path) -> list[Path]:
    """``n`` exported documents with distinct texts, made from the real corpus."""
    articles = real_articles()
    texts = folder / "articles"
    texts.mkdir()
    for i in range(n):
        source = articles[i % len(articles)]
        (texts / f"{source.stem}-{i // len(articles)}.txt").write_bytes(
            source.read_bytes() + b"\n" * (i // len(articles)))
    out = folder / "documents"
    export = subprocess.run([tool("exporter"), "export", "--format", "json", "--output", str(out), str(texts)],
                            capture_output=True, text=True)
    if export.returncode != 0:
        raise SystemExit(f"exporter export failed:\n{export.stderr[-2000:]}")
    documents = sorted(out.glob("*.json"))
    if len(documents) != n:
        raise SystemExit(f"expected {n} documents, exported {len(documents)}")
    return documents


def wall(command: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    return time.perf_counter() - start, result


def compare(files: list[Path], rounds: int) -> tuple[float, float, subprocess.CompletedProcess,
                                                     subprocess.CompletedProcess]:
    """Best wall times (ours, theirs) over ``rounds``, alternating, and each tool's last result."""
    ours_cmd = [tool("exporter"), "validate", *map(str, files)]
    theirs_cmd = [tool("check-jsonschema"), "--schemafile", str(SCHEMA), *map(str, files)]
    ours = theirs = float("inf")
    ours_result = theirs_result = None
    for _ in range(rounds):
        t, ours_result = wall(ours_cmd)
        ours = min(ours, t)
        t, theirs_result = wall(theirs_cmd)
        theirs = min(theirs, t)
    return ours, theirs, ours_result, theirs_result


def verdict(ratio: float, target: float) -> str:
    return "ok" if ratio <= target else "MISSED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
        files = make_documents(args.documents, Path(tmp))
        size = sum(f.stat().st_size for f in files) / 1e6
        print(f"{len(files)} documents from {REAL} ({size:.1f} MB of JSON)")

        rows = []
        for label, subset, target in (("batch", files, BATCH_TARGET), ("one file", files[:1], ONE_FILE_TARGET)):
            ours, theirs, ours_result, theirs_result = compare(subset, args.rounds)
            problems = len(ours_result.stdout.splitlines())
            print(f"{label:>9}: exporter validate {ours:6.3f} s (exit {ours_result.returncode}, {problems} problems)"
                  f" | check-jsonschema {theirs:6.3f} s (exit {theirs_result.returncode})"
                  f" | ratio {ours / theirs:.2f} (target <= {target}) {verdict(ours / theirs, target)}")
            rows.append(ours / theirs <= target)
            if theirs_result.returncode not in (0, 1):
                print(theirs_result.stdout[-2000:], theirs_result.stderr[-2000:], file=sys.stderr)
                raise SystemExit("check-jsonschema failed to run")
    return 0 if all(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
