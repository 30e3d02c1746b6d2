"""Credits a dateline can name: the agency catalogue (``data/agencies.json``)
and the newspapers/sites that credit themselves (``data/non_agency_credits.json``).

Agencies are matched as whole words without clitics (``لرويترز`` in running
text is an attribution, not a dateline credit).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..lexicon import PhraseMatcher
from ..normalize import normalize
from ..resources import load_json


@lru_cache(maxsize=1)
def agency_matcher() -> PhraseMatcher[dict[str, Any]]:
    entries = []
    for agency in load_json("agencies.json")["agencies"]:
        for variant in agency["variants"]:
            entries.append((variant, agency))
    return PhraseMatcher(entries)


@lru_cache(maxsize=1)
def _solid_forms() -> frozenset[str]:
    """Variants written as one word (واس، رويترز), normalised."""
    return frozenset(normalize(v) for a in load_json("agencies.json")["agencies"] for v in a["variants"]
                     if " " not in v and "." not in v)


def written_as_credit(written: str) -> bool:
    """False when a spaced or dotted abbreviation (أ ب، د ب أ) is written as one word: ``إب`` is the
    Yemeni city, not ``أ ب`` (AP), although the matcher lets spaces go."""
    return any(c in written for c in " .") or normalize(written) in _solid_forms()


@lru_cache(maxsize=1)
def _non_agency_keys() -> frozenset[str]:
    return frozenset(normalize(c).replace(" ", "") for c in load_json("non_agency_credits.json")["credits"])


def is_non_agency_credit(written: str) -> bool:
    """True for a newspaper's or site's own name (عين اليوم، سبق، الشرق الأوسط): never place nor agency."""
    return normalize(written).replace(" ", "") in _non_agency_keys()


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
