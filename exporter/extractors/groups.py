"""Groups: named non-state militant, separatist and political organisations.

First version: catalogue lookup (``data/groups.json``) through the shared
phrase matcher, one record per group with every mention.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..lexicon import PhraseMatcher
from ..resources import load_json
from ..segment import Article


@lru_cache(maxsize=1)
def group_matcher() -> PhraseMatcher[dict[str, Any]]:
    entries = []
    for g in load_json("groups.json")["groups"]:
        for form in [g["name"], *g["variants"]]:
            entries.append((form, g))
    return PhraseMatcher(entries, clitics=True, article=True)


def extract(article: Article) -> list[dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    for hit in group_matcher().finditer(article):
        g = hit.value
        rec = records.setdefault(g["id"], {"name": g["name"], "name_en": g["name_en"], "category": g["category"],
                                           "catalogued": True, "id": g["id"], "mentions": []})
        rec["mentions"].append({"text": hit.text, "span": [hit.start, hit.end]})
    return list(records.values())
