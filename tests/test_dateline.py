"""Dateline and headline extraction, table-driven (``tests/cases/dateline.json``).

One case per dateline style of ``../shared/corpus/real/DATELINES.md`` (made-up
lines in the same style), plus negative cases that must not give a dateline.
Each case asserts the headline, the place (and its GeoNames resolution where
given), the agency and the dateline date.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter.extractors import dateline, dates, headline
from exporter.segment import segment

CASES = json.loads((Path(__file__).parent / "cases" / "dateline.json").read_text(encoding="utf-8"))["cases"]


def run(text: str):
    article = segment(text)
    found_dates = dates.extract(article)
    found = dateline.extract(article, found_dates)
    return article, found, headline.extract(article, found), found_dates


def agency_matches(agency, expected) -> bool:
    """A catalogue code, or the credit as written for credits outside the catalogue."""
    if expected is None:
        return agency is None
    if agency is None:
        return False
    return agency["code"] == expected or (agency["code"] is None and agency["name"] == expected)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case):
    article, found, title, _ = run(case["text"])
    expect = case["expect"]
    assert (title["text"] if title else None) == expect["headline"]
    want = expect["dateline"]
    if want is None:
        assert found is None, found
        return
    assert found is not None
    place = found["place"]
    assert (place["name"] if place else None) == want["place"]
    for key, field in (("place_en", "name_en"), ("country", "country"), ("geonames_id", "geonames_id")):
        if key in want:
            assert place[field] == want[key], (key, place)
    assert agency_matches(found["agency"], want["agency"]), found["agency"]
    assert found["date"] == want["date"]


@pytest.mark.parametrize("case", [c for c in CASES if c["expect"]["dateline"]], ids=lambda c: c["name"])
def test_spans_cover_their_text(case):
    article, found, title, found_dates = run(case["text"])
    text = article.text
    assert text[found["span"][0]:found["span"][1]] == found["text"]
    for place in found["places"]:
        assert text[place["span"][0]:place["span"][1]] == place["name"]
    for agency in found["agencies"]:
        assert text[agency["span"][0]:agency["span"][1]] == agency["name"]
    if found["places"]:
        assert found["places"][0] == found["place"]
    if found["agencies"]:
        assert found["agencies"][0] == found["agency"]
    if found["date"] is not None:
        assert [d["value"] for d in found_dates if d["span"] == found["date_span"]] == [found["date"]]
    if title:
        assert text[title["span"][0]:title["span"][1]] == title["text"]


def test_every_style_of_datelines_md_has_a_case():
    styles = {c["style"] for c in CASES}
    expected = {"A1", "A2", "A3", "A4", "A5", "A5b", "A6", "A7", "A7b", "A8", "A8b", "A9", "A10", "A11", "A12",
                "A13", "A14", "A15", "A16"}
    assert expected <= styles
    assert sum(c["expect"]["dateline"] is None for c in CASES) >= 8  # negatives


def test_dateline_text_is_the_dateline_only():
    _, found, title, _ = run("لبنان يعلن حالة الطوارئ\nبيروت، لبنان (CNN)-- أعلنت الحكومة اللبنانية، الخميس، حالة "
                             "الطوارئ في العاصمة.")
    assert found["text"] == "بيروت، لبنان (CNN)--"
    _, found, _, _ = run("رصد سلالة جديدة\n(رويترز): قالت السلطات إنها رصدت سلالة جديدة.")
    assert found["text"] == "(رويترز):"


def test_every_credit_of_the_dateline_is_listed():
    _, found, _, _ = run("تحسن مؤشرات الاقتصاد\nرام الله 12-6-2012 وفا- 'قنا' - أظهرت نشرة رسمية تحسنا.")
    assert [a["code"] for a in found["agencies"]] == ["wafa", "qna"]
    _, found, _, _ = run("اختتام حملة تطعيم\nتعز/ إب/ سبأ - \nاختتمت أمس الحملة.")
    assert [p["name"] for p in found["places"]] == ["تعز", "إب"]
    assert found["places"][1]["country"] == "YE"


def test_uncatalogued_credits_keep_their_written_name():
    _, found, _, _ = run("عنوان الخبر\nبيروت، لبنان (CNN)-- أعلنت الحكومة.")
    assert found["agency"] == {"name": "CNN", "code": None, "name_en": "CNN", "kind": "other",
                               "span": found["agency"]["span"]}
    _, found, _, _ = run("عنوان الخبر\nطرابلس - وكالات: أعلن المجلس نتائج الانتخابات.")
    assert found["agency"]["kind"] == "generic" and found["agency"]["code"] is None


_PIECES = ["القاهرة", "(", "رويترز", ")", "-", "–", "ـ", "ــ", "--", ":", "/", "«", "»", "واس", "و م ع", "أ ف ب",
           "12-6-2012", "25 شوال 1436 هـ", "الموافق", "10 أغسطس 2015 م", "\n", "\n\n", " ", "CNN", "Next",
           "inShare", "،", "عين اليوم", "قال", "إن", "الحكومة", "٢٣ مارس", "*", "'", "عواصم", "إب", "سبأ", "\u200f",
           "\u064e", "في", "09 يوليو", "(تونس)", "دبي"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.lists(st.booleans(), min_size=30, max_size=30))
def test_any_mix_of_dateline_pieces_gives_exact_spans(pieces, spaces):
    text = "".join(p + (" " if s else "") for p, s in zip(pieces, spaces[: len(pieces)], strict=True))
    article, found, title, found_dates = run(text)
    items = found_dates + ([title] if title else [])
    if found:
        items += [found] + found["places"] + found["agencies"]
        if found["date"]:
            assert found["date_span"] in [d["span"] for d in found_dates]
    for item in items:
        s, e = item["span"]
        assert text[s:e] == item.get("text", item.get("name"))
