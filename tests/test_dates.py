"""Date expressions, table-driven (``tests/cases/dates.json``), and their place in documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import exporter
from exporter.extractors import dates
from exporter.segment import segment

from .conftest import needs_shared, real_articles

CASES = json.loads((Path(__file__).parent / "cases" / "dates.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case):
    article = segment(case["text"])
    found = dates.extract(article)
    assert [[d["text"], d["value"], d["calendar"], d["hijri"]] for d in found] == case["expect"]
    for d in found:
        assert case["text"][d["span"][0]:d["span"][1]] == d["text"]


def test_hijri_dates_are_converted_with_umm_al_qura():
    # 1 Ramadan 1445 fell on 11 March 2024 (Umm al-Qura)
    found = dates.extract(segment("يبدأ الصيام في 1 رمضان 1445 هـ"))
    assert [(d["value"], d["hijri"]) for d in found] == [("2024-03-11", "1445-09-01")]


def test_hijri_outside_the_table_is_not_a_date():
    assert dates.extract(segment("ولد في 12 رجب 1200 هـ")) == []


def test_document_lists_dates_and_validates():
    text = ("عام / افتتاح معرض الكتاب\n\n جدة 12 رمضان 1437 هـ الموافق 17 يونيو 2016 م واس\n"
            " افتتح المعرض اليوم ويستمر حتى 30 يونيو/حزيران.")
    doc = exporter.extract(text.encode("utf-8"))
    assert [d["value"] for d in doc["dates"]] == ["2016-06-17", "2016-06-17", "--06-30"]
    assert doc["dateline"]["date"] == "2016-06-17"
    assert doc["dateline"]["date_span"] == doc["dates"][1]["span"]  # the Gregorian date of the header
    assert exporter.validate(doc) == []


@needs_shared
def test_real_corpus_dates_have_exact_spans_and_valid_values():
    import datetime as dt

    total = 0
    for path in real_articles():
        text = path.read_bytes().decode("utf-8", "replace")
        article = segment(text.replace("\r\n", "\n"))
        for d in dates.extract(article):
            total += 1
            assert article.text[d["span"][0]:d["span"][1]] == d["text"]
            if not d["value"].startswith("--"):
                dt.date.fromisoformat(d["value"])
    assert total > 50
