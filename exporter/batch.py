"""Run the pipeline over many inputs, one outcome per article, in input order.

A bad article (unreadable, empty, binary, undecodable) becomes a failed
outcome with a one-line reason; the batch carries on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .decode import DEFAULT_MAX_BYTES, DecodeError
from .document import document_from_bytes
from .inputs import Source


@dataclass
class Outcome:
    source: Source
    document: dict[str, Any] | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class Summary:
    articles: int = 0
    with_warnings: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        if outcome.ok:
            self.articles += 1
            if outcome.document and outcome.document.get("warnings"):
                self.with_warnings += 1
        else:
            self.failed += 1
            self.failures.append(f"{outcome.source.label}: {outcome.error}")

    def line(self) -> str:
        return f"{self.articles} articles, {self.with_warnings} with warnings, {self.failed} failed"


def read_source(source: Source) -> bytes:
    if source.path is None:
        return sys.stdin.buffer.read()
    return source.path.read_bytes()


def process_one(source: Source, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Outcome:
    if source.error:
        return Outcome(source, error=source.error)
    try:
        if source.path is not None and max_bytes is not None and source.path.stat().st_size > max_bytes:
            return Outcome(source, error=f"file is larger than the limit of {max_bytes} bytes")
        data = read_source(source)
        name = source.path.name if source.path is not None else None
        return Outcome(source, document=document_from_bytes(data, name, max_bytes=max_bytes))
    except DecodeError as e:
        return Outcome(source, error=str(e))
    except IsADirectoryError:
        return Outcome(source, error="is a folder, not a file")
    except PermissionError:
        return Outcome(source, error="permission denied")
    except OSError as e:
        return Outcome(source, error=e.strerror or str(e))


def process(sources: Iterable[Source], max_bytes: int | None = DEFAULT_MAX_BYTES) -> Iterator[Outcome]:
    for source in sources:
        yield process_one(source, max_bytes)


def export_inputs(
    inputs: Iterable[str],
    format: str,
    output: str,
    *,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    on_error=None,
    **options: Any,
) -> Summary:
    """Extract every input and write the documents with one writer.

    Failed inputs are reported through ``on_error(message)`` and counted; the
    output is published only when the whole run completes.
    """
    from .formats import open_writer

    summary = Summary()
    writer = open_writer(format, output, **options)
    try:
        for outcome in process(_sources(inputs), max_bytes):
            summary.add(outcome)
            if outcome.ok:
                writer.write(outcome.document)
            elif on_error is not None:
                on_error(f"{outcome.source.label}: {outcome.error}")
    except BaseException:
        writer.abort()
        raise
    writer.close()
    for notice in getattr(writer, "notices", []):
        if on_error is not None:
            on_error(notice)
    return summary


def _sources(inputs: Iterable[str]) -> Iterator[Source]:
    from .inputs import expand

    return expand(inputs)
