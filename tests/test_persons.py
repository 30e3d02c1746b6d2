"""People named in an article (``persons``): fullest name, title, every mention; no junk.

Cases in tests/cases/persons.json; each person's mentions must be written
exactly where their spans say.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exporter.extractors import quotes
from exporter.extractors.persons import name_key, strip_marks
from exporter.segment import segment

CASES = json.loads((Path(__file__).parent / "cases" / "persons.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_person_case(case):
    text = case["text"]
    _, people = quotes.extract_with_persons(segment(text), 0)
    assert [p["name"] for p in people] == [p["name"] for p in case["persons"]]
    for got, want in zip(people, case["persons"], strict=True):
        if "title" in want:
            assert got["title"] == want["title"]
        assert [m["text"] for m in got["mentions"]] == want["mentions"]
        for m in got["mentions"]:
            assert text[slice(*m["span"])] == m["text"]
    for junk in case.get("absent", []):
        assert all(junk not in p["name"] for p in people)


def test_name_key_joins_compound_names():
    assert name_key(("عبد", "اللهيان")) == name_key(("عبداللهيان",))
    assert name_key(("محمد", "بن", "سلمان")) == ("محمد", "بن", "سلمان")


def test_strip_marks_keeps_paired_marks_inside():
    assert strip_marks("«الأناضول»، ") == "الأناضول"
    assert strip_marks('تقرير «فانيتي فير»') == 'تقرير «فانيتي فير»'
    assert strip_marks('منظمة "أنقذوا الأطفال"') == 'منظمة "أنقذوا الأطفال"'
