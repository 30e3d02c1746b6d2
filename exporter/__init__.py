"""exporter: Arabic news-wire text → structured, validated article documents.

Public API (mirrors the command line)::

    import exporter
    doc = exporter.extract(text)                  # str or bytes → document dict
    problems = exporter.validate(doc)             # [] when valid
    exporter.export([doc, ...], "xlsx", "out.xlsx")
    for outcome in exporter.extract_files(["archive/"], jobs=4):   # like `exporter extract`
        ...                                       # outcome.source.label, .document or .error
    summary = exporter.export_files(["archive/"], "json", "out/")  # like `exporter export`

Heavy modules (openpyxl, lxml, jsonschema, the extractors' lexicons) load
only when the function that needs them is called, so ``import exporter`` is
cheap in every worker of a distributed job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from .batch import Outcome, Summary

__all__ = ["__version__", "extract", "validate", "export", "extract_files", "export_files", "DecodeError"]

_DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # = exporter.decode.DEFAULT_MAX_BYTES, without importing it


def extract(text: str | bytes, *, file: str | None = None, max_bytes: int | None = _DEFAULT_MAX_BYTES
            ) -> dict[str, Any]:
    """The article document for ``text`` (a decoded string, or raw bytes in any supported encoding).

    Bytes are decoded as the command line does (UTF-8, UTF-8/UTF-16 with BOM,
    cp1256) and refused with :class:`DecodeError` when empty, binary,
    undecodable or over ``max_bytes`` (None: no limit). ``file`` is recorded
    as ``source.file`` (its base name).
    """
    from .document import build_document, document_from_bytes

    if isinstance(text, (bytes, bytearray, memoryview)):
        return document_from_bytes(bytes(text), file, max_bytes=max_bytes)
    return build_document(text, file=file)


def extract_files(inputs: Iterable[str | Path], *, glob: str = "*.txt", jobs: int | None = None,
                  max_bytes: int | None = _DEFAULT_MAX_BYTES) -> Iterator[Outcome]:
    """One outcome per article named by ``inputs`` (files, folders, ``-``), in input order.

    ``jobs`` worker processes (None: all cores; 1: this process only). Bad
    inputs do not raise: their outcome has ``error`` set and ``document`` None.
    """
    from .batch import outcomes
    from .inputs import Inputs

    return outcomes(Inputs([str(i) for i in inputs], glob, max_bytes=max_bytes), jobs=jobs, max_bytes=max_bytes)


def export_files(inputs: Iterable[str | Path], format: str, output: str | Path, *, glob: str = "*.txt",
                 jobs: int | None = None, max_bytes: int | None = _DEFAULT_MAX_BYTES, report: str | Path | None = None,
                 **options: Any) -> Summary:
    """Extract ``inputs`` and write them to ``output`` in ``format``, as ``exporter export`` does.

    Returns the :class:`~exporter.batch.Summary` (``articles``, ``with_warnings``,
    ``failed``); failed inputs are counted, not raised. ``report`` writes the
    per-file JSON report. The output is published only when complete.
    """
    from .batch import run
    from .formats import open_writer
    from .inputs import Inputs
    from .report import Report

    writer = open_writer(format, output, **options)
    sink = Report(report, command="export", format=format, output=str(output)) if report is not None else None
    return run(Inputs([str(i) for i in inputs], glob, max_bytes=max_bytes), writer, jobs=jobs, max_bytes=max_bytes,
               report=sink, format_name=format)


def validate(doc: Any) -> list[str]:
    """Problems found in a document (schema and checks beyond it) as ``/pointer: message`` strings.

    Notices (an older supported ``schema_version``) are not problems and are left out.
    """
    from .validation import ERROR, check_document

    return [f"{p.pointer}: {p.message}" for p in check_document(doc) if p.severity == ERROR]


def export(docs: Iterable[dict[str, Any]], format: str, path: str | Path, **options: Any) -> None:
    """Write documents to ``path`` in ``format`` (json, jsonl, xlsx, newsml).

    ``docs`` may be any iterable, a generator included: documents are streamed
    to the writer, and the output is published (renamed into place) only when
    all were written; on an exception the previous output is left as it was.
    """
    from .formats import write_documents

    write_documents(docs, format, path, **options)


def __getattr__(name: str) -> Any:
    if name == "DecodeError":
        from .decode import DecodeError

        return DecodeError
    raise AttributeError(f"module 'exporter' has no attribute {name!r}")
