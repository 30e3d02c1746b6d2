"""exporter: Arabic news-wire text → structured, validated article documents.

Public API (mirrors the command line)::

    import exporter
    doc = exporter.extract(text)                  # str or bytes → document dict
    problems = exporter.validate(doc)             # [] when valid
    exporter.export([doc, ...], "xlsx", "out.xlsx")

Heavy modules (openpyxl, lxml, jsonschema) load only when the function that
needs them is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable
    from pathlib import Path

__all__ = ["__version__", "extract", "validate", "export"]


def extract(text: str | bytes, *, file: str | None = None) -> dict[str, Any]:
    """The article document for ``text`` (a decoded string, or raw bytes in any supported encoding)."""
    from .document import build_document, document_from_bytes

    if isinstance(text, (bytes, bytearray)):
        return document_from_bytes(bytes(text), file)
    return build_document(text, file=file)


def validate(doc: Any) -> list[str]:
    """Problems found in a document (schema and span checks) as ``/pointer: message`` strings."""
    from .validation import check_document

    return [f"{p.pointer}: {p.message}" for p in check_document(doc)]


def export(docs: Iterable[dict[str, Any]], format: str, path: str | Path, **options: Any) -> None:
    """Write documents to ``path`` in ``format`` (json, jsonl, xlsx, newsml)."""
    from .formats import write_documents

    write_documents(docs, format, path, **options)
