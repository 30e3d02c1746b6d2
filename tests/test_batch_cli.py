"""Batches from the command line: --jobs, --glob, stdin lists, --report, --quiet, and interrupts."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import SEED_ARTICLE, invoke
from .test_batch import article

POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs and signals")


@pytest.fixture
def folder(tmp_path) -> Path:
    root = tmp_path / "in"
    for i in range(30):
        sub = root / f"2024-{i % 3:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"a{i:03d}.txt").write_text(article(i), encoding="utf-8")
    (root / "notes.md").write_text("not an article", encoding="utf-8")
    return root


def test_export_is_identical_with_one_or_two_jobs(folder, tmp_path):
    one = invoke("export", "--jobs", "1", "-o", tmp_path / "one.jsonl", folder)
    two = invoke("export", "-j", "2", "-o", tmp_path / "two.jsonl", folder)
    assert one.exit_code == two.exit_code == 0, one.stderr + two.stderr
    assert one.stderr == two.stderr == "30 articles, 0 with warnings, 0 failed\n"
    first = (tmp_path / "one.jsonl").read_bytes()
    assert first == (tmp_path / "two.jsonl").read_bytes()
    names = [json.loads(line)["source"]["file"] for line in first.decode().splitlines()]
    assert names == [f"a{i:03d}.txt" for i in sorted(range(30), key=lambda i: (i % 3, i))]


def test_extract_of_a_folder_prints_json_lines_in_order(folder):
    result = invoke("extract", "-j", "2", folder)
    assert result.exit_code == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(docs) == 30 and docs[0]["source"]["file"] == "a000.txt"
    assert result.stderr == "30 articles, 0 with warnings, 0 failed\n"


def test_extract_of_one_file_prints_one_indented_document_and_no_summary():
    result = invoke("extract", SEED_ARTICLE)
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith('{\n  "schema_version"')


def test_glob_selects_files_in_folders(folder):
    (folder / "x.ART").write_text(article(99), encoding="utf-8")
    result = invoke("extract", "--glob", "*.art", folder)
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["source"]["file"] for line in result.stdout.splitlines()] == ["x.ART"]


def test_stdin_list_of_paths(folder, tmp_path):
    paths = sorted(folder.rglob("*.txt"))[:3]
    listing = "".join(f"{p}\n" for p in paths) + f"{folder / 'gone.txt'}\n"
    result = invoke("export", "-o", tmp_path / "out", "-", input=listing.encode())
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"exporter: {folder / 'gone.txt'}: no such file or folder",
                                          "3 articles, 0 with warnings, 1 failed"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.stem + ".json" for p in paths)


def test_stdin_article_is_exported_under_a_stable_name(tmp_path):
    result = invoke("export", "-o", tmp_path / "out", "-", input=SEED_ARTICLE.read_bytes())
    assert result.exit_code == 0, result.stderr
    (written,) = (tmp_path / "out").iterdir()
    assert written.name.startswith("stdin-") and json.loads(written.read_text("utf-8"))["source"]["file"] is None


def test_report_and_quiet(folder, tmp_path):
    (folder / "bad.txt").write_bytes(b"")
    report = tmp_path / "reports" / "run.json"
    result = invoke("export", "-q", "--report", report, "-o", tmp_path / "out.jsonl", folder)
    assert result.exit_code == 1
    assert result.stderr == f"exporter: {folder / 'bad.txt'}: empty file\n"  # no summary with --quiet
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"] == {"articles": 30, "with_warnings": 0, "failed": 1}
    assert (data["command"], data["format"], data["output"]) == ("export", "json", str(tmp_path / "out.jsonl"))
    assert [f["status"] for f in data["files"]].count("ok") == 30
    assert data["files"][-1] == {"input": str(folder / "bad.txt"), "status": "failed", "error": "empty file"}


@pytest.mark.parametrize(("value", "limit"), [("100", 100), ("1k", 1024), ("5MB", 5 * 1024 * 1024),
                                              ("1.5M", 1572864)])
def test_max_bytes_accepts_sizes(tmp_path, value, limit):
    (tmp_path / "big.txt").write_bytes(b"x" * (limit + 1))
    result = invoke("extract", "--max-bytes", value, tmp_path / "big.txt")
    assert result.exit_code == 1
    assert result.stderr == f"exporter: {tmp_path / 'big.txt'}: file is larger than the limit of {limit} bytes " \
                            f"({limit + 1} bytes)\n"


def test_bad_option_values_are_usage_errors():
    assert invoke("export", "--max-bytes", "lots", "-o", "x", SEED_ARTICLE).exit_code == 2
    assert invoke("export", "--jobs", "0", "-o", "x", SEED_ARTICLE).exit_code == 2


def test_an_unwritable_output_is_one_line(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = invoke("export", "-o", tmp_path / "file" / "out.jsonl", SEED_ARTICLE)
    assert result.exit_code == 1
    assert result.stderr.startswith("exporter: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_a_closed_pipe_ends_quietly():
    cmd = f"{sys.executable} -m exporter extract {SEED_ARTICLE} {SEED_ARTICLE} {SEED_ARTICLE} | head -c 10"
    r = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True)
    assert len(r.stdout) == 10
    assert "Traceback" not in r.stderr and "BrokenPipe" not in r.stderr


def _cases():
    """Every format once, and the in-process and pooled paths with both signals on JSON Lines."""
    cases = [("json-lines", "out.jsonl", "json", "1", "kill"), ("json-lines", "out.jsonl", "json", "2", "kill"),
             ("json-lines", "out.jsonl", "json", "2", "ctrl-c"), ("json-folder", "out", "json", "2", "kill")]
    if importlib.util.find_spec("exporter.formats.xlsx"):
        cases.append(("xlsx", "out.xlsx", "xlsx", "2", "ctrl-c"))
    if importlib.util.find_spec("exporter.formats.newsml"):
        cases.append(("newsml", "out.xml", "newsml", "1", "kill"))
    return cases


SIGNALS = {"kill": (signal.SIGTERM, 143), "ctrl-c": (signal.SIGINT, 130)}


def _open_when_read(fifo: Path, proc: subprocess.Popen, timeout: float = 60) -> int:
    """Open the FIFO for writing once a reader has it open (ENXIO until then)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the exporter never read {fifo}: {proc.communicate()[1].decode()}") from None
            time.sleep(0.02)


def _process_group_alive(pgid: int) -> list[int]:
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[2]) == pgid and stat[0] != "Z":
                alive.append(int(entry.name))
    return alive


@POSIX
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="checks leftover workers through /proc")
@pytest.mark.parametrize(("label", "name", "fmt", "jobs", "how"), _cases())
def test_an_interrupted_export_leaves_the_old_output(folder, tmp_path, label, name, fmt, jobs, how):
    """Killed while blocked on its 31st input (a FIFO): old output intact, no temporary files, no workers."""
    signum, status = SIGNALS[how]
    output = tmp_path / name
    if label == "json-folder":
        output.mkdir()
        (output / "a000.json").write_text("OLD", encoding="utf-8")
    else:
        output.write_text("OLD", encoding="utf-8")
    fifo = tmp_path / "in" / "zz-slow.txt"
    os.mkfifo(fifo)
    proc = subprocess.Popen([sys.executable, "-m", "exporter", "export", "--format", fmt, "-j", jobs, "-o",
                             str(output), str(folder), str(fifo)], stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        fd = _open_when_read(fifo, proc)  # the exporter has reached its last input: mid-run
        time.sleep(0.2)
        if how == "kill":
            os.kill(proc.pid, signum)
        else:
            os.killpg(proc.pid, signum)  # a terminal sends Ctrl-C to the whole process group
        _, stderr = proc.communicate(timeout=60)
        os.close(fd)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == status, stderr.decode()
    assert stderr.decode() == "exporter: interrupted; unfinished output discarded\n"
    leftovers = [p.name for p in tmp_path.rglob(".*.tmp")]
    assert leftovers == []
    if label == "json-folder":
        written = sorted(output.iterdir())
        assert (output / "a000.json").read_text(encoding="utf-8") != "OLD"  # replaced whole, atomically
        assert all(json.loads(p.read_text(encoding="utf-8"))["text"] for p in written)  # none truncated
    else:
        assert output.read_text(encoding="utf-8") == "OLD"
    deadline = time.monotonic() + 5
    while _process_group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _process_group_alive(proc.pid) == []
