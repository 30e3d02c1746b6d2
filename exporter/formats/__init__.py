"""Output formats. Each format is a writer that receives documents one at a
time (so memory stays flat on large batches) and publishes its output
atomically on :meth:`Writer.close`; :meth:`Writer.abort` leaves the old
output (or none) in place.

Formats only read documents; they never import extractors.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

FORMATS = {
    "json": "exporter.formats.json_format:JsonWriter",
    "xlsx": "exporter.formats.xlsx:XlsxWriter",
    "newsml": "exporter.formats.newsml:NewsmlWriter",
}


class UnsupportedFormat(ValueError):
    pass


class Writer(Protocol):
    def write(self, doc: dict[str, Any]) -> None: ...

    def close(self) -> None: ...

    def abort(self) -> None: ...


def open_writer(format: str, output: str | Path, **options: Any) -> Writer:
    """A writer for ``format`` writing to ``output`` (imports the format's libraries only now)."""
    target = FORMATS.get(format)
    if target is None:
        raise UnsupportedFormat(f"unknown format {format!r} (choose from {', '.join(FORMATS)})")
    module_name, _, cls_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        if e.name == module_name:
            raise UnsupportedFormat(f"--format {format} is not yet supported") from None
        raise
    return getattr(module, cls_name)(Path(output) if str(output) != "-" else output, **options)


def write_documents(docs: Iterable[dict[str, Any]], format: str, path: str | Path, **options: Any) -> None:
    """Write all ``docs`` with one writer; on any error the partial output is discarded."""
    if format == "jsonl":
        format, path = "json", path
        options.setdefault("lines", True)
    writer = open_writer(format, path, **options)
    try:
        for doc in docs:
            writer.write(doc)
    except BaseException:
        writer.abort()
        raise
    writer.close()
