"""The founding article: its expected document is regenerated and compared.

After a deliberate change, update the expectation with
``python scripts/update_seeds.py`` and review ``git diff seeds/``.
"""

from __future__ import annotations

import json

import exporter

from .conftest import SEED_ARTICLE


def test_seed_document_matches_expected():
    expected = json.loads(SEED_ARTICLE.with_suffix(".json").read_text(encoding="utf-8"))
    actual = exporter.extract(SEED_ARTICLE.read_bytes(), file=SEED_ARTICLE.name)
    assert actual == expected, "seed document changed: run python scripts/update_seeds.py and review the diff"


def test_seed_document_is_valid(seed_doc):
    assert exporter.validate(seed_doc) == []


def test_every_span_matches_text(seed_doc):
    text = seed_doc["text"]
    items = [seed_doc["headline"], seed_doc["dateline"]] + seed_doc["quotes"] + seed_doc.get("dates", [])
    items += [m for g in seed_doc["groups"] for m in g["mentions"]]
    for item in items:
        s, e = item["span"]
        assert text[s:e] == item["text"]
