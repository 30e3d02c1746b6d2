"""Headline extraction, table-driven (``tests/cases/headline.json``); more headline checks ride along
with every dateline case in ``tests/cases/dateline.json``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exporter.extractors import dateline, headline
from exporter.segment import segment

CASES = json.loads((Path(__file__).parent / "cases" / "headline.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case):
    article = segment(case["text"])
    found = headline.extract(article, dateline.extract(article))
    assert (found["text"] if found else None) == case["expect"]
    if found:
        assert case["text"][found["span"][0]:found["span"][1]] == found["text"]
