"""Document assembly: decoded text → segmentation → extractors → the article document.

The document is plain JSON-ready data in a fixed key order (the order of
contract v1), so the same input always serialises to the same bytes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from . import __version__
from .decode import DEFAULT_MAX_BYTES, decode_bytes, normalise_newlines
from .extractors import agreements, dateline, dates, groups, headline, quotes
from .identity import text_id
from .segment import Article, segment
from .versions import SCHEMA_VERSION


def extract_all(article: Article) -> dict[str, Any]:
    """Run every extractor over a segmented article; returns the extracted fields."""
    found_dates = dates.extract(article)
    found_dateline = dateline.extract(article, found_dates)
    found_headline = headline.extract(article, found_dateline)
    body_start = found_headline["span"][1] if found_headline else 0
    found_quotes, found_persons = quotes.extract_with_persons(article, body_start)
    return {
        "headline": found_headline,
        "dateline": found_dateline,
        "dates": found_dates,
        "quotes": found_quotes,
        "persons": found_persons,
        "agreements": agreements.extract(article, found_headline),
        "groups": groups.extract(article),
    }


def build_document(
    text: str,
    *,
    file: str | None = None,
    sha256: str | None = None,
    encoding: str | None = None,
    newlines: str | None = None,
) -> dict[str, Any]:
    """The article document for ``text`` (already decoded).

    ``file``, ``sha256`` and ``encoding`` describe the raw input when there was
    one; text given directly as a string has them null.
    """
    text = normalise_newlines(text).removeprefix("\ufeff")
    article = segment(text)
    fields = extract_all(article)
    return {
        "schema_version": SCHEMA_VERSION,
        "id": text_id(text),
        "language": "ar",
        "generator": {"name": "exporter", "version": __version__},
        "source": {"file": file, "sha256": sha256, "encoding": encoding, "newlines": newlines},
        "text": text,
        **fields,
        "warnings": [],
    }


def document_from_bytes(data: bytes, file: str | Path | None = None,
                        max_bytes: int | None = DEFAULT_MAX_BYTES) -> dict[str, Any]:
    """Decode raw article bytes and build the document. Raises DecodeError on bad input."""
    decoded = decode_bytes(data, max_bytes=max_bytes)
    return build_document(
        decoded.text,
        file=Path(file).name if file is not None else None,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        newlines=decoded.newlines,
    )
