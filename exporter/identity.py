"""How a document is identified: its ``id`` is derived from its ``text`` alone.

Kept apart from :mod:`exporter.document` so the validator can recompute ids
without importing the extractors.
"""

from __future__ import annotations

import hashlib


def text_id(text: str) -> str:
    """``sha256:`` + SHA-256 of the UTF-8 text, so re-encoding a file keeps its id."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
