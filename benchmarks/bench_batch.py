"""Batch benchmark: extraction throughput, ``--jobs 2`` speed-up, and memory against batch size.

    python benchmarks/bench_batch.py                       # the full run (about 15 minutes on 2 cores)
    python benchmarks/bench_batch.py --articles 2000 --memory 2000 10000 --repeat 1   # a quick look

The real corpus (``../shared/corpus/real``, or ``EXPORTER_SHARED``) is
repeated to N articles in a temporary folder (sharded 1,000 per subfolder,
as archives are), each copy with its own name and a last line holding its
number, so every article is distinct: outputs that keep one item per text
(a NewsML-G2 newsMessage) hold all N, and every output file has its own
name. Nothing is copied into the project.

* Throughput: the library pipeline (read, decode, extract; ``outcomes(jobs=1)``)
  over ``--articles`` articles in this process, on one core. Target: >= 300
  articles/s.
* Speed-up: the real command ``exporter export --format json -o X.jsonl`` with
  ``--jobs 1`` and ``--jobs 2``, run in alternating order ``--repeat`` times;
  the median of the paired ratios t(jobs 1) / t(jobs 2). Target: >= 1.7 on 2
  cores. Other work on the machine slows either side at random, so the CPU
  time of both runs is shown too; ``ceiling`` = 2 x cpu(jobs 1) / cpu(jobs 2)
  is the speed-up two idle cores would give.
* Memory: peak memory of the whole process tree (parent and workers, summed
  as PSS, which counts pages shared after fork once) of ``exporter export``
  with the default ``--jobs``, at the first and last ``--memory`` size, for each
  format: JSON folder, JSON Lines, XLSX, NewsML-G2 (the writers available).
  Target: last / first <= 1.2.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

from corpus import real_articles  # benchmarks/corpus.py: paths, and the project on sys.path

THROUGHPUT_TARGET = 300.0
SPEEDUP_TARGET = 1.7
MEMORY_TARGET = 1.2
# name → (--format, output name); xlsx and newsml only when their writer exists
FORMATS = {"json-dir": ("json", "out"), "jsonl": ("json", "out.jsonl"), "xlsx": ("xlsx", "out.xlsx"),
           "newsml": ("newsml", "out.xml")}


def corpus_folder(n: int, root: Path) -> Path:
    """``root/N`` holding N distinct copies of the real articles, cycled, 1,000 per subfolder."""
    paths = real_articles()
    folder = root / str(n)
    if folder.is_dir():
        return folder
    for i, path in enumerate(islice(cycle(paths), n)):
        shard = folder / f"{i // 1000:03d}"
        if i % 1000 == 0:
            shard.mkdir(parents=True)
        (shard / f"{i:06d}-{path.name}").write_bytes(path.read_bytes().rstrip() + f"\n{i}\n".encode("ascii"))
    return folder


def throughput(folder: Path) -> float:
    """Articles per second of read + decode + extract in this process (one core)."""
    from exporter.batch import outcomes
    from exporter.inputs import Inputs

    sources = list(Inputs([str(folder)]))
    list(outcomes(sources[:50], jobs=1))  # load lexicons first
    start = time.perf_counter()
    done = sum(1 for o in outcomes(sources, jobs=1) if o.ok)
    return done / (time.perf_counter() - start)


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (scanning /proc: no psutil needed)."""
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(parents.get(p, []))
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_export(args: list[str], poll: float = 0.05) -> dict[str, float]:
    """Run ``exporter export ARGS``; wall seconds and the peak PSS of its process tree (MB), polled."""
    cmd = [sys.executable, "-m", "exporter", "export", "--quiet", *args]
    with tempfile.TemporaryFile() as err:  # a file, not a pipe: a chatty run must not block on it
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, sum(_pss_kb(p) for p in _tree(proc.pid)))
            time.sleep(poll)
        wall = time.perf_counter() - start
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {stderr[-2000:]}")
    return {"seconds": wall, "peak_mb": peak / 1024}


def timed_export(args: list[str]) -> dict[str, float]:
    """Run ``exporter export ARGS`` for its time: wall seconds and CPU seconds of the process tree."""
    cmd = [sys.executable, "-m", "exporter", "export", "--quiet", *args]
    before = os.times()
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {"seconds": wall, "cpu": cpu}


def speedup(folder: Path, out: Path, repeat: int) -> dict[str, object]:
    pairs = []
    for r in range(repeat):
        order = ("1", "2") if r % 2 == 0 else ("2", "1")
        got = {}
        for jobs in order:
            got[jobs] = timed_export(["--jobs", jobs, "-o", str(out / f"jobs{jobs}.jsonl"), str(folder)])
        same = (out / "jobs1.jsonl").read_bytes() == (out / "jobs2.jsonl").read_bytes()
        pairs.append({"jobs1": got["1"], "jobs2": got["2"], "ratio": got["1"]["seconds"] / got["2"]["seconds"],
                      "ceiling": 2 * got["1"]["cpu"] / got["2"]["cpu"], "identical_output": same})
        print(f"  run {r + 1}: jobs 1 {got['1']['seconds']:.1f} s, jobs 2 {got['2']['seconds']:.1f} s, "
              f"speed-up {pairs[-1]['ratio']:.2f} (ceiling {pairs[-1]['ceiling']:.2f}), "
              f"identical output: {same}", flush=True)
    return {"runs": pairs, "median": statistics.median(p["ratio"] for p in pairs),
            "median_ceiling": statistics.median(p["ceiling"] for p in pairs)}


def memory(folders: list[Path], out: Path, formats: list[str]) -> dict[str, dict[str, float]]:
    import importlib.util

    result = {}
    for name in formats:
        fmt, target = FORMATS[name]
        if fmt != "json" and importlib.util.find_spec(f"exporter.formats.{fmt}") is None:
            print(f"  {name}: no writer yet, skipped", flush=True)
            continue
        peaks = []
        for folder in folders:
            dest = out / f"{name}-{folder.name}"
            run = run_export(["--format", fmt, "-o", str(dest / target), str(folder)])
            peaks.append(run)
            print(f"  {name} {int(folder.name):,} articles: {run['seconds']:.1f} s, peak {run['peak_mb']:.0f} MB",
                  flush=True)
            shutil.rmtree(dest, ignore_errors=True)
        result[name] = {"sizes": [int(f.name) for f in folders], "peak_mb": [p["peak_mb"] for p in peaks],
                        "seconds": [p["seconds"] for p in peaks], "ratio": peaks[-1]["peak_mb"] / peaks[0]["peak_mb"]}
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles for throughput and speed-up")
    parser.add_argument("--memory", type=int, nargs="+", default=[10_000, 50_000], help="batch sizes for memory")
    parser.add_argument("--repeat", type=int, default=3, help="speed-up runs (median reported)")
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=list(FORMATS))
    parser.add_argument("--parts", nargs="+", default=["throughput", "speedup", "memory"],
                        choices=["throughput", "speedup", "memory"], help="what to measure")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--workdir", type=Path, help="where the linked corpus and outputs go (default: a temp dir)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # `timeout` and kill still clean up the work dir

    work = Path(tempfile.mkdtemp(prefix="bench-batch-", dir=args.workdir))
    figures: dict[str, object] = {"cores": os.cpu_count()}
    try:
        folder = corpus_folder(args.articles, work)
        if "throughput" in args.parts:
            print(f"throughput ({args.articles:,} articles, one core, in-process)", flush=True)
            rates = [throughput(folder) for _ in range(max(1, args.repeat))]
            rate = statistics.median(rates)
            print(f"  {', '.join(f'{r:.0f}' for r in rates)} articles/s; median {rate:.0f} "
                  f"(target >= {THROUGHPUT_TARGET:.0f})", flush=True)
            figures["throughput"] = {"runs": rates, "median": rate}
        if "speedup" in args.parts:
            print(f"speed-up of --jobs 2 over --jobs 1 ({args.articles:,} articles, JSON Lines, "
                  f"{os.cpu_count()} cores)", flush=True)
            speed = speedup(folder, work, args.repeat)
            print(f"  median {speed['median']:.2f} (target >= {SPEEDUP_TARGET}); "
                  f"CPU-bound ceiling {speed['median_ceiling']:.2f}", flush=True)
            figures["speedup"] = speed
        if "memory" in args.parts:
            sizes = sorted(set(args.memory))
            print(f"peak memory, default --jobs, {' vs '.join(f'{n:,}' for n in sizes)} articles", flush=True)
            mem = memory([corpus_folder(n, work) for n in sizes], work, args.formats)
            for name, m in mem.items():
                print(f"  {name}: ratio {m['ratio']:.2f} (target <= {MEMORY_TARGET})", flush=True)
            figures["memory"] = mem
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
