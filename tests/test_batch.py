"""Batches: input order whatever the parallelism, bounded memory, and one bad article never stops the rest."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import sys
from pathlib import Path

import pytest

from exporter import batch
from exporter.batch import CHUNK, SMALL_BATCH, WINDOW_PER_JOB, Summary, outcomes, run
from exporter.inputs import Inputs, Source
from exporter.progress import Progress
from exporter.report import Report

PLACES = ["القاهرة", "بيروت", "الرياض", "عمان", "تونس", "الرباط", "دمشق", "بغداد"]


def article(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    return (f"{place} (رويترز) - قال وزير الخارجية إن المحادثات رقم {i} ستستأنف الأسبوع المقبل.\n"
            f"وأضاف أن «الجولة {i} كانت مثمرة للغاية» وأن الطرفين اتفقا على مواصلة الحوار.\n")


@pytest.fixture
def folder(tmp_path) -> Path:
    """60 good articles and a few bad ones, in one folder."""
    for i in range(60):
        (tmp_path / f"a{i:03d}.txt").write_text(article(i), encoding="utf-8")
    (tmp_path / "a010-empty.txt").write_bytes(b"")
    (tmp_path / "a020-binary.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    (tmp_path / "a030-cp1256.txt").write_bytes(article(30).encode("cp1256"))
    (tmp_path / "a040-utf16.txt").write_bytes(article(40).encode("utf-16"))
    return tmp_path


def results(outs):
    return [(o.source.label, o.error, o.document) for o in outs]


@pytest.mark.parametrize("jobs", [2, 3])
def test_order_and_results_are_the_same_with_any_number_of_jobs(folder, jobs):
    serial = results(outcomes(Inputs([str(folder)]), jobs=1))
    assert results(outcomes(Inputs([str(folder)]), jobs=jobs)) == serial
    assert [label for label, _, _ in serial] == sorted(label for label, _, _ in serial)
    assert [(Path(label).name, error) for label, error, _ in serial if error] == [
        ("a010-empty.txt", "empty file"), ("a020-binary.txt", "binary data, not text")]


def test_only_a_bounded_window_of_articles_is_in_flight(folder):
    sources = list(Inputs([str(folder)])) * 4
    pulled = 0

    def counted():
        nonlocal pulled
        for s in sources:
            pulled += 1
            yield s

    limit = SMALL_BATCH + 2 * WINDOW_PER_JOB * CHUNK + CHUNK
    ahead = []
    for done, _ in enumerate(outcomes(counted(), jobs=2), start=1):
        ahead.append(pulled - done)
    assert done == len(sources) > limit
    assert max(ahead) <= limit


def test_a_small_batch_runs_in_this_process(folder, monkeypatch):
    monkeypatch.setattr(batch, "_Pool", None)  # any attempt to start workers would fail
    sources = list(Inputs([str(folder)]))[: SMALL_BATCH - 1]
    assert [o.source for o in outcomes(sources, jobs=4)] == sources


def test_an_extractor_bug_fails_one_article_with_a_one_line_reason(folder, monkeypatch):
    import exporter.document

    real = exporter.document.document_from_bytes

    def buggy(data, file=None, max_bytes=None):
        if file == "a005.txt":
            raise RuntimeError("boom\nsecond line")
        return real(data, file, max_bytes=max_bytes)

    monkeypatch.setattr(exporter.document, "document_from_bytes", buggy)
    outs = list(outcomes(Inputs([str(folder)]), jobs=1))
    bad = [o for o in outs if not o.ok and o.source.label.endswith("a005.txt")]
    assert [o.error for o in bad] == ["internal error, please report it: RuntimeError: boom second line"]
    assert sum(o.ok for o in outs) == 61


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers inherit the patch only when forked")
def test_a_worker_that_dies_fails_only_its_article(folder, monkeypatch):
    real = batch._extract

    def deadly(source, max_bytes):
        if source.label.endswith("a033.txt"):
            os._exit(9)  # as if killed by the kernel's out-of-memory killer
        return real(source, max_bytes)

    monkeypatch.setattr(batch, "_extract", deadly)
    outs = list(outcomes(Inputs([str(folder)]), jobs=2))
    assert [(Path(o.source.label).name, o.error) for o in outs if not o.ok] == [
        ("a010-empty.txt", "empty file"), ("a020-binary.txt", "binary data, not text"),
        ("a033.txt", batch.WORKER_DIED)]
    assert len(outs) == 64
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers inherit the patch only when forked")
def test_a_result_that_cannot_travel_back_fails_its_chunk_only(folder, monkeypatch):
    real = batch._extract

    def unpicklable(source, max_bytes):
        document, error = real(source, max_bytes)
        if source.label.endswith("a033.txt"):
            document = dict(document, oops=lambda: None)  # cannot be pickled back to the parent
        return document, error

    monkeypatch.setattr(batch, "_extract", unpicklable)
    outs = list(outcomes(Inputs([str(folder)]), jobs=2))
    failed = [o for o in outs if o.error and o.error.startswith("internal error")]
    assert any(o.source.label.endswith("a033.txt") for o in failed) and len(failed) <= batch.CHUNK
    assert len(outs) == 64 and sum(o.ok for o in outs) == 62 - len(failed)


class RecordingWriter:
    """A writer that keeps what it was given and how it ended (the Writer protocol)."""

    def __init__(self, reject: str | None = None):
        self.docs: list[dict] = []
        self.ended: str | None = None
        self.reject = reject

    def write(self, doc):
        if self.reject and doc["source"]["file"] == self.reject:
            raise ValueError("cannot store this")
        self.docs.append(doc)

    def close(self):
        self.ended = "closed"

    def abort(self):
        self.ended = "aborted"


def test_run_feeds_any_writer_in_order_and_counts(folder):
    writer, errors = RecordingWriter(reject="a007.txt"), []
    summary = run(Inputs([str(folder)]), writer, jobs=2, on_error=errors.append, format_name="test")
    assert writer.ended == "closed"
    assert [d["source"]["file"] for d in writer.docs] == sorted(d["source"]["file"] for d in writer.docs)
    assert len(writer.docs) == 61
    assert summary.line() == "61 articles, 0 with warnings, 3 failed"
    assert errors[0] == f"{folder / 'a007.txt'}: cannot be written as test: ValueError: cannot store this"


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_interrupt_aborts_the_writer_and_the_report_and_stops_the_workers(folder, tmp_path, jobs):
    report_path = tmp_path / "report.json"
    report_path.write_text("old", encoding="utf-8")

    def interrupted():
        for i, source in enumerate(Inputs([str(folder)])):
            if i == 40:
                raise KeyboardInterrupt
            yield source

    writer = RecordingWriter()
    with pytest.raises(KeyboardInterrupt):
        run(interrupted(), writer, jobs=jobs, report=Report(report_path))
    assert writer.ended == "aborted"
    assert report_path.read_text(encoding="utf-8") == "old"
    assert multiprocessing.active_children() == []


def test_the_report_lists_every_input_with_its_status(folder, tmp_path):
    report_path = tmp_path / "out" / "report.json"
    summary = run(Inputs([str(folder / "a001.txt"), str(folder / "a010-empty.txt"), str(folder / "nope.txt")]),
                  RecordingWriter(), jobs=1, report=Report(report_path, command="export", format="json"))
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["summary"] == summary.as_dict() == {"articles": 1, "with_warnings": 0, "failed": 2}
    assert (report["command"], report["format"], report["generator"]["name"]) == ("export", "json", "exporter")
    ok, empty, missing = report["files"]
    assert ok["input"] == str(folder / "a001.txt") and ok["status"] == "ok" and ok["id"].startswith("sha256:")
    assert ok["encoding"] == "utf-8" and ok["warnings"] == []
    assert empty == {"input": str(folder / "a010-empty.txt"), "status": "failed", "error": "empty file"}
    assert missing["error"] == "no such file or folder"
    assert not [p for p in report_path.parent.iterdir() if p.name != "report.json"]  # no temporary left


def test_documents_with_warnings_are_counted():
    summary = Summary()
    summary.add(batch.Outcome(Source("a", None), {"warnings": [{"code": "x", "message": "y"}]}))
    summary.add(batch.Outcome(Source("b", None), {"warnings": []}))
    summary.add(batch.Outcome(Source("c", None), error="empty file"))
    assert summary.line() == "2 articles, 1 with warnings, 1 failed"


def test_an_empty_report_is_valid_json(tmp_path):
    run([], RecordingWriter(), report=Report(tmp_path / "r.json"))
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["files"] == []


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_shows_count_rate_and_eta_on_a_terminal():
    out = Terminal()
    progress = Progress(200, stream=out)
    assert progress.enabled
    progress.advance()
    assert progress.line(width=100).endswith("  0%  -- articles/s  ETA --")  # no rate from one article
    progress._first -= 10  # the first article finished ten seconds ago: start-up does not count
    progress.done = 51
    line = progress.line(width=100)
    assert line.startswith("51/200 [")
    assert line.endswith(" 26%  5 articles/s  ETA 0:30")
    progress.message("exporter: a.txt: empty file")
    progress.advance()
    progress.close()
    assert "exporter: a.txt: empty file\n" in out.getvalue()
    assert out.getvalue().endswith("\r\x1b[K")  # the bar is cleared for the summary line


def test_progress_is_silent_when_not_a_terminal():
    out = io.StringIO()
    progress = Progress(10, stream=out)
    for _ in range(10):
        progress.advance()
    progress.message("exporter: a.txt: empty file")
    progress.close()
    assert out.getvalue() == "exporter: a.txt: empty file\n"


def test_progress_without_a_total_shows_count_and_rate():
    progress = Progress(None, stream=Terminal())
    progress.advance()
    progress._first -= 2
    progress.done = 7
    assert progress.line(width=80).startswith("7 articles  3 articles/s  ")


def _worker_signal_state() -> tuple[bool, bool]:
    import signal

    held = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    return signal.getsignal(signal.SIGINT) is signal.SIG_IGN, signal.SIGINT in held


@pytest.mark.skipif(not hasattr(__import__("signal"), "pthread_sigmask"), reason="POSIX signal masks")
def test_workers_are_forked_with_interrupts_held_until_they_ignore_them():
    """A Ctrl-C during a fork must not run the parent's handler in the new worker (a traceback)."""
    import signal

    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    pool = batch._Pool(2)
    try:
        with batch._held_interrupts():  # as _Pool.submit forks its workers
            assert signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])
            futures = [pool.executor.submit(_worker_signal_state) for _ in range(4)]
        seen = {f.result(timeout=60) for f in futures}
    finally:
        pool.shutdown()
    assert seen == {(True, False)}  # SIGINT ignored, and no longer held, in every worker
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before  # the parent's mask is restored
