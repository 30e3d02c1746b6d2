"""Run the pipeline over many inputs: in parallel, in input order, in constant memory.

* :func:`process_one` turns one source into an :class:`Outcome`; it never
  raises for a bad article (unreadable, empty, binary, undecodable, too large,
  or even an extractor bug): the outcome carries a one-line reason and the
  batch carries on.
* :func:`outcomes` runs it over a stream of sources with ``jobs`` worker
  processes. Sources go out in small chunks and at most a fixed number of
  chunks are in flight, so memory does not depend on the number of articles;
  results come back in input order whatever finishes first. One job, or a
  batch too small to repay starting workers, runs in this process.
* :func:`run` feeds the outcomes to any format writer (``write``/``close``/
  ``abort``), the summary, an optional ``--report`` and the progress bar,
  and aborts the writer on any exception or interrupt, so the output is the
  complete new one or the old one.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing, contextmanager
from dataclasses import dataclass
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from .decode import DEFAULT_MAX_BYTES, DecodeError
from .inputs import Source, read_source

if TYPE_CHECKING:  # pragma: no cover
    from .formats import Writer
    from .progress import Progress
    from .report import Report

# Articles per task sent to a worker: large enough that inter-process traffic
# is a small fraction of the work (an article takes ~2 ms), small enough to
# keep workers evenly loaded and the in-flight window small.
CHUNK = 8
# Chunks in flight per worker: keeps every worker busy while the parent writes.
WINDOW_PER_JOB = 4
# Batches smaller than this run in-process: starting workers would cost more.
SMALL_BATCH = 3 * CHUNK
WORKER_DIED = "worker process died while processing this file (out of memory?)"


@dataclass
class Outcome:
    """What became of one input: a document, or the reason it failed."""

    source: Source
    document: dict[str, Any] | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class Summary:
    """The counts of the closing line ``N articles, K with warnings, F failed``."""

    articles: int = 0
    with_warnings: int = 0
    failed: int = 0

    def add(self, outcome: Outcome) -> None:
        if outcome.ok:
            self.articles += 1
            if outcome.document and outcome.document.get("warnings"):
                self.with_warnings += 1
        else:
            self.failed += 1

    def line(self) -> str:
        return f"{self.articles} articles, {self.with_warnings} with warnings, {self.failed} failed"

    def as_dict(self) -> dict[str, int]:
        return {"articles": self.articles, "with_warnings": self.with_warnings, "failed": self.failed}


def one_line(e: BaseException) -> str:
    """An exception's message on one line, as every message of a batch is."""
    return " ".join(str(e).split())


def default_jobs() -> int:
    """All the cores this process may run on (respects CPU affinity and container limits)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def _extract(source: Source, max_bytes: int | None) -> tuple[dict[str, Any] | None, str | None]:
    """(document, None) or (None, one-line reason): never raises an ordinary exception."""
    from .document import document_from_bytes

    if source.error:
        return None, source.error
    try:
        data = read_source(source, max_bytes)
        return document_from_bytes(data, source.file_name, max_bytes=max_bytes), None
    except DecodeError as e:
        return None, str(e)
    except IsADirectoryError:
        return None, "is a folder, not a file"
    except PermissionError:
        return None, "permission denied"
    except FileNotFoundError:
        return None, "no such file or folder"
    except OSError as e:
        return None, e.strerror or str(e)
    except MemoryError:
        return None, "out of memory"
    except Exception as e:  # an extractor bug must not stop an archive run
        return None, f"internal error, please report it: {type(e).__name__}: {one_line(e)}"


def process_one(source: Source, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Outcome:
    """The outcome for one source (never raises for a bad article)."""
    document, error = _extract(source, max_bytes)
    return Outcome(source, document, error)


def _work_chunk(sources: list[Source], max_bytes: int | None) -> list[tuple[dict[str, Any] | None, str | None]]:
    """Worker-side task: only the results travel back; the parent already has the sources."""
    return [_extract(s, max_bytes) for s in sources]


# Interrupts held while a worker is forked (see _held_interrupts).
_INTERRUPTS = frozenset(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n))


def _worker_init() -> None:
    """Workers leave interrupts to the parent: it stops them and aborts the output."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _INTERRUPTS)  # held since the fork (_held_interrupts)
    _warm_up()


@contextmanager
def _held_interrupts() -> Iterator[None]:
    """Hold interrupts while the pool may fork a worker.

    A forked worker starts with the parent's handlers, which turn Ctrl-C into
    KeyboardInterrupt; one arriving before :func:`_worker_init` ignores it
    would print a worker traceback. Held, it waits in the worker until the
    initializer has set its own handlers (and in the parent until this block ends).
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _warm_up() -> None:
    """Load lexicons and compile matchers once, before a batch (forked workers then share them)."""
    from .document import build_document

    try:
        build_document("القاهرة (رويترز) - قال وزير الخارجية إن الاتفاق وقع مع حركة حماس.")
    except Exception:  # an extractor bug: each article will report it as its own failure
        pass


def _in_daemon_process() -> bool:
    """Daemonic processes may not start children (multiprocessing.Pool workers are daemonic)."""
    import multiprocessing

    return multiprocessing.current_process().daemon


def _mp_context():
    """Fork on Linux: workers start in milliseconds with the lexicons already loaded."""
    import multiprocessing

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def outcomes(sources: Iterable[Source], *, jobs: int | None = None,
             max_bytes: int | None = DEFAULT_MAX_BYTES) -> Iterator[Outcome]:
    """An outcome per source, in input order, extracted with ``jobs`` processes (None: all cores)."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs > 1 and _in_daemon_process():
        jobs = 1  # inside a multiprocessing.Pool worker (a Spark/Dask-style map): no nested pool
    stream = iter(sources)
    head = list(islice(stream, SMALL_BATCH))
    if len(head) < SMALL_BATCH:
        for source in head:
            yield process_one(source, max_bytes)
        return
    with _lexicons_frozen():
        if jobs == 1:
            for source in chain(head, stream):
                yield process_one(source, max_bytes)
        else:
            yield from _pooled(chain(head, stream), jobs, max_bytes)


@contextmanager
def _lexicons_frozen() -> Iterator[None]:
    """Load the lexicons, then keep the garbage collector off them for the batch.

    Every full collection would otherwise walk each lexicon and matcher object
    again (and, in forked workers, write to their pages, copying them): about
    5% of a batch's CPU time. Objects made during the batch are collected as usual.
    """
    _warm_up()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class _Pool:
    """A process pool that can be stopped at once (interrupt) and replaced (a worker died)."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.executor = ProcessPoolExecutor(jobs, mp_context=_mp_context(), initializer=_worker_init)

    def submit(self, chunk: list[Source], max_bytes: int | None) -> Future:
        with _held_interrupts():  # submit() forks the workers, on demand
            return self.executor.submit(_work_chunk, chunk, max_bytes)

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True)

    def kill(self) -> None:
        """Stop now: cancel queued work and terminate workers mid-article."""
        # ProcessPoolExecutor has no public terminate before Python 3.14.
        processes = list((getattr(self.executor, "_processes", None) or {}).values())
        self.executor.shutdown(wait=False, cancel_futures=True)
        for p in processes:
            if p.is_alive():
                p.terminate()
        for p in processes:
            p.join(timeout=2)
        # Its manager thread notices the dead workers and ends; let it, so no thread is left
        # behind when a new pool forks.
        manager = getattr(self.executor, "_executor_manager_thread", None)
        if manager is not None:
            manager.join(timeout=2)


def _pooled(sources: Iterator[Source], jobs: int, max_bytes: int | None) -> Iterator[Outcome]:
    chunks = iter(lambda: list(islice(sources, CHUNK)), [])
    pool = _Pool(jobs)
    pending: deque[tuple[list[Source], Future]] = deque()

    def fill() -> None:
        while len(pending) < jobs * WINDOW_PER_JOB:
            chunk = next(chunks, None)
            if chunk is None:
                return
            pending.append((chunk, pool.submit(chunk, max_bytes)))

    try:
        fill()
        while pending:
            chunk, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory): redo the in-flight chunks one
                # article per fresh process, so only the culprit fails; then go on.
                pool.kill()
                retry = [chunk] + [c for c, _ in pending]
                pending.clear()
                for c in retry:
                    for source in c:
                        yield _isolated(source, max_bytes)
                pool = _Pool(jobs)
                fill()
                continue
            except Exception as e:  # a result that could not travel back (pickling): those articles fail
                fill()
                for source in chunk:
                    yield Outcome(source, error=f"internal error, please report it: {type(e).__name__}: {one_line(e)}")
                continue
            fill()
            for source, (document, error) in zip(chunk, results, strict=True):
                yield Outcome(source, document, error)
    except BaseException:  # interrupt, writer failure, or the consumer stopped early
        pool.kill()
        raise
    pool.shutdown()


def _isolated(source: Source, max_bytes: int | None) -> Outcome:
    """Process one source alone in a fresh worker; a crash fails only this source."""
    pool = _Pool(1)
    try:
        document, error = pool.submit([source], max_bytes).result()[0]
    except BrokenProcessPool:
        pool.kill()
        return Outcome(source, error=WORKER_DIED)
    except BaseException:
        pool.kill()
        raise
    pool.shutdown()
    return Outcome(source, document, error)


def _write(writer: Writer, outcome: Outcome, format_name: str) -> Outcome:
    """Hand one document to the writer; a document it cannot take fails alone."""
    try:
        writer.write(outcome.document)  # type: ignore[arg-type]
    except OSError:
        raise  # disk full, permissions: the output as a whole is lost
    except Exception as e:
        what = f"as {format_name}" if format_name else "in this format"
        return Outcome(outcome.source, error=f"cannot be written {what}: {type(e).__name__}: {one_line(e)}")
    return outcome


def run(sources: Iterable[Source], writer: Writer, *, jobs: int | None = None,
        max_bytes: int | None = DEFAULT_MAX_BYTES, on_error: Callable[[str], None] | None = None,
        progress: Progress | None = None, report: Report | None = None, format_name: str = "") -> Summary:
    """Extract every source and hand the documents to ``writer`` in input order.

    Failed inputs are reported through ``on_error("<input>: <reason>")`` and
    counted; a document the writer rejects (a format bug on odd text) fails
    alone. On any exception or interrupt the writer and the report are
    aborted (old outputs stay); otherwise both are published at the end.
    """
    summary = Summary()
    try:
        # closing(): an exception here must stop the workers now, not when the generator is collected
        with closing(outcomes(sources, jobs=jobs, max_bytes=max_bytes)) as stream:
            for outcome in stream:
                if outcome.ok:
                    outcome = _write(writer, outcome, format_name)
                summary.add(outcome)
                if report is not None:
                    report.add(outcome.source.label, outcome.document, outcome.error)
                if not outcome.ok and on_error is not None:
                    on_error(f"{outcome.source.label}: {outcome.error}")
                if progress is not None:
                    progress.advance()
        writer.close()
    except BaseException:
        writer.abort()
        if report is not None:
            report.abort()
        raise
    if report is not None:
        report.close(summary.as_dict())
    return summary


def export_inputs(inputs: Iterable[str], format: str, output: str, *, max_bytes: int | None = DEFAULT_MAX_BYTES,
                  on_error: Callable[[str], None] | None = None, jobs: int | None = None, pattern: str = "*.txt",
                  **options: Any) -> Summary:
    """Extract INPUT arguments and write them with one ``format`` writer (the library side of ``export``)."""
    from .formats import open_writer
    from .inputs import Inputs

    writer = open_writer(format, output, **options)
    summary = run(Inputs(inputs, pattern, max_bytes=max_bytes), writer, jobs=jobs, max_bytes=max_bytes,
                  on_error=on_error, format_name=format)
    for notice in getattr(writer, "notices", []):
        if on_error is not None:
            on_error(notice)
    return summary


@dataclass
class BatchOptions:
    """The options every article-reading command shares (``--jobs --glob --max-bytes --report --quiet``)."""

    jobs: int | None = None
    pattern: str = "*.txt"
    max_bytes: int | None = DEFAULT_MAX_BYTES
    report: str | None = None
    quiet: bool = False


class StdoutWriter:
    """``extract``'s output: one article pretty-printed, or a batch as JSON Lines, on standard output."""

    def __init__(self, pretty: bool):
        self.indent = 2 if pretty else None

    def write(self, doc: dict[str, Any]) -> None:
        from .formats.json_format import dumps

        sys.stdout.write(dumps(doc, indent=self.indent) + "\n")

    def close(self) -> None:
        sys.stdout.flush()

    def abort(self) -> None:
        """Documents already printed cannot be taken back; a consumer sees the failing exit status."""


INTERRUPTED = "interrupted; unfinished output discarded"


def _output_name(filename: str | None, output: str | None) -> str:
    """Name the output in an error, not the temporary file it was being written to."""
    if filename is None:
        return output or "output"
    name = os.path.basename(str(filename))
    if name.startswith(".") and name.endswith(".tmp") and output:
        return output
    return str(filename)


def run_command(args: Iterable[str], open_output: Callable[[Any], Writer], options: BatchOptions, *,
                command: str, output: str | None = None, format_name: str = "",
                summary_line: Callable[[Any], bool] = lambda inputs: True) -> int:
    """Run a whole batch command as the CLI does and return its exit status.

    ``open_output(inputs)`` makes the writer once the inputs are known.
    Messages go to stderr (one line each, ``exporter: `` first); the progress
    bar only when stderr is a terminal and not ``quiet``. Exit status: 0 all
    good, 1 some input failed or the output could not be written, 130 Ctrl-C,
    128 + signal number for SIGTERM/SIGHUP. Usage errors from
    ``open_output`` (an unknown format) propagate to the caller.
    """
    from .atomic import Terminated, signals_raise
    from .inputs import Inputs
    from .progress import Progress, is_terminal
    from .report import Report

    progress = Progress(enabled=False)

    def say(message: str) -> None:
        progress.message(f"exporter: {message}")

    with signals_raise():
        try:
            inputs = Inputs(args, options.pattern, max_bytes=options.max_bytes)
            writer = open_output(inputs)
            show = not options.quiet and is_terminal(sys.stderr)
            progress = Progress(inputs.count() if show else None, enabled=show)
            report = None
            if options.report:
                report = Report(options.report, command=command, format=format_name or None, output=output)
            summary = run(inputs, writer, jobs=options.jobs, max_bytes=options.max_bytes, on_error=say,
                          progress=progress, report=report, format_name=format_name)
        except KeyboardInterrupt:
            progress.close()
            say(INTERRUPTED)
            return 130
        except Terminated as e:
            progress.close()
            say(INTERRUPTED)
            return 128 + e.signum
        except BrokenPipeError:
            # The reader went away (``| head``): stop quietly, and keep Python from
            # complaining again when it flushes stdout at exit.
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError, AttributeError):  # stdout is not a real file
                pass
            return 1
        except OSError as e:
            progress.close()
            say(f"{_output_name(e.filename, output)}: {e.strerror or e}")
            return 1
    progress.close()
    for notice in getattr(writer, "notices", []):
        say(notice)
    if not options.quiet and summary_line(inputs):
        print(summary.line(), file=sys.stderr)
    return 1 if summary.failed else 0
