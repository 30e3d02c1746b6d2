"""The agency catalogue (``data/agencies.json``) as a matcher."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..lexicon import PhraseMatcher
from ..resources import load_json


@lru_cache(maxsize=1)
def agency_matcher() -> PhraseMatcher[dict[str, Any]]:
    entries = []
    for agency in load_json("agencies.json")["agencies"]:
        for variant in agency["variants"]:
            entries.append((variant, agency))
    return PhraseMatcher(entries)


def agency_record(written: str, entry: dict[str, Any] | None, span: tuple[int, int] | None) -> dict[str, Any]:
    """The document's ``agency`` object for a credit as written."""
    if entry is None:
        return {"name": written, "code": None, "name_en": None, "kind": "other", "span": list(span) if span else None}
    return {
        "name": written,
        "code": entry["code"],
        "name_en": entry["name_en"],
        "kind": entry["kind"],
        "span": list(span) if span else None,
    }
