"""XLSX export benchmark: speed against its floor, and memory against batch size.

    python benchmarks/bench_xlsx.py                  # 10,000 articles; memory at 10,000 and 50,000
    python benchmarks/bench_xlsx.py --articles 2000 --memory 2000 10000   # quicker

Articles are the real corpus (``../shared/corpus/real``, or ``EXPORTER_SHARED``)
repeated to the wanted count; they are read from there, never copied.

* Speed: the time of exporting (extraction included, as ``exporter.export``
  does it) divided by (extraction time + a bare openpyxl write-only workbook
  of the same cell values, no styles), all measured in this run on one core,
  interleaved article by article so machine load affects both sides alike.
  Target: <= 1.3.
* Memory: peak resident memory (max RSS) of a fresh process exporting N
  articles, for the first and last ``--memory`` size. Target: last/first <= 1.2
  (write-only streaming: memory must not grow with the number of articles).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import cycle, islice
from pathlib import Path

from corpus import REAL, real_articles  # benchmarks/corpus.py: paths, and the project on sys.path

SPEED_TARGET = 1.3
MEMORY_TARGET = 1.2


def corpus() -> list[Path]:
    return real_articles()


def repeated(n: int) -> Iterator[Path]:
    return islice(cycle(corpus()), n)


def documents(n: int) -> Iterator[dict]:
    import exporter

    for path in repeated(n):
        yield exporter.extract(path.read_bytes(), file=path.name)


def time_speed(n: int, tmp: Path) -> tuple[float, float, float]:
    """(extraction s, bare openpyxl write s, our export s) for the same n articles, measured together.

    The three are interleaved article by article, so a busy machine slows
    them alike and the ratio stays fair. "Ours" is what ``exporter.export``
    runs (extract each article, ``XlsxWriter.write``, then ``close``); "bare"
    appends the same cell values (``document_rows``) to plain write-only
    sheets: no styles, no checks, no widths, no rollover.
    """
    from openpyxl import Workbook

    import exporter
    from exporter.formats.xlsx import XlsxWriter
    from exporter.formats.xlsx_rows import SHEET_ORDER, document_rows

    wb = Workbook(write_only=True)
    sheets = {name: wb.create_sheet(name) for name in SHEET_ORDER}
    writer = XlsxWriter(tmp / "ours.xlsx")
    extract = bare = ours = 0.0
    clock = time.perf_counter
    for path in repeated(n):
        data = path.read_bytes()
        t0 = clock()
        doc = exporter.extract(data, file=path.name)
        t1 = clock()
        rows = document_rows(doc)  # the cell values; building them is part of the writer's own cost
        t2 = clock()
        for name, sheet_rows in rows.items():
            ws = sheets[name]
            for row in sheet_rows:
                ws.append(row)
        t3 = clock()
        writer.write(exporter.extract(data, file=path.name))
        t4 = clock()
        extract += t1 - t0
        bare += t3 - t2
        ours += t4 - t3
    t0 = clock()
    wb.save(tmp / "bare.xlsx")
    t1 = clock()
    writer.close()
    t2 = clock()
    return extract, bare + (t1 - t0), ours + (t2 - t1)


def peak_rss_mb(n: int, out: Path) -> float:
    """Max RSS of a fresh process exporting n articles (Linux: ru_maxrss is in KiB)."""
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(n), str(out)])
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"child export of {n} articles failed ({proc.returncode})")
    return usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000, help="articles for the speed ratio")
    parser.add_argument("--memory", type=int, nargs="*", default=[10_000, 50_000],
                        help="article counts for the memory ratio (none: skip)")
    parser.add_argument("--child", nargs=2, metavar=("N", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        import exporter

        exporter.export(documents(int(args.child[0])), "xlsx", args.child[1])
        return

    print(f"corpus: {len(corpus())} real articles from {REAL}, repeated")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        list(documents(50))  # warm up: lexicons, matchers, openpyxl imported before timing
        extract, bare, ours = time_speed(args.articles, tmp_path)
        floor = extract + bare
        n = args.articles
        print(f"speed, {n:,} articles (one core):")
        print(f"  extraction            {extract:7.2f} s  {extract / n * 1000:6.3f} ms/article")
        print(f"  bare openpyxl write   {bare:7.2f} s  {bare / n * 1000:6.3f} ms/article")
        print(f"  exporter export xlsx  {ours:7.2f} s  {ours / n * 1000:6.3f} ms/article"
              f"  ({(ours - extract) / n * 1000:.3f} ms/article beyond extraction)")
        ratio = ours / floor
        print(f"  ratio export / (extraction + bare write) = {ratio:.3f}  (target <= {SPEED_TARGET})"
              f"  {'OK' if ratio <= SPEED_TARGET else 'OVER TARGET'}")
        print(f"  workbook size {(tmp_path / 'ours.xlsx').stat().st_size / 1e6:.1f} MB "
              f"(bare {(tmp_path / 'bare.xlsx').stat().st_size / 1e6:.1f} MB)")
        if len(args.memory) >= 2:
            print("peak memory (max RSS of a fresh process):")
            peaks = []
            for count in args.memory:
                peaks.append(peak_rss_mb(count, tmp_path / f"mem-{count}.xlsx"))
                print(f"  {count:>7,} articles  {peaks[-1]:7.1f} MB")
            mem_ratio = peaks[-1] / peaks[0]
            print(f"  ratio {args.memory[-1]:,} / {args.memory[0]:,} = {mem_ratio:.3f}  (target <= {MEMORY_TARGET})"
                  f"  {'OK' if mem_ratio <= MEMORY_TARGET else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
