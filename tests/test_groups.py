"""Group extraction, table-driven (``tests/cases/groups.json``).

Each case lists every group the extractor must return, in order of first
mention, with every mention as written; negative cases (state bodies,
unnamed groups, ordinary words that look like names) expect nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exporter.extractors.groups import extract, group_matcher
from exporter.segment import segment

CASES = json.loads((Path(__file__).parent / "cases" / "groups.json").read_text(encoding="utf-8"))["cases"]


def summary(groups: list[dict]) -> list[tuple[str, list[str]]]:
    return [(g["id"] or g["name"], [m["text"] for m in g["mentions"]]) for g in groups]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case):
    found = extract(segment(case["text"]))
    assert summary(found) == [(e.get("id") or e["name"], e["mentions"]) for e in case["expect"]]
    for got, want in zip(found, case["expect"], strict=True):
        assert got["catalogued"] == ("id" in want)
        if "category" in want:
            assert got["category"] == want["category"]


@pytest.mark.parametrize("case", [c for c in CASES if c["expect"]], ids=lambda c: c["name"])
def test_spans_cover_their_text(case):
    text = case["text"]
    for group in extract(segment(text)):
        for m in group["mentions"]:
            s, e = m["span"]
            assert text[s:e] == m["text"]


def test_record_shape():
    """Catalogued records carry the catalogue's names; discovered ones have no English name or id."""
    text = "قال مسؤول في حركة حماس إن كتيبة أبو عمارة انضمت إلى القتال."
    hamas, brigade = extract(segment(text))
    assert hamas == {"name": "حماس", "name_en": "Hamas", "category": "movement", "catalogued": True, "id": "hamas",
                     "mentions": [{"text": "حركة حماس", "span": [13, 22]}]}
    assert brigade["catalogued"] is False and brigade["id"] is None and brigade["name_en"] is None
    assert list(brigade) == list(hamas)


def test_empty_and_group_free_texts():
    assert extract(segment("")) == []
    assert extract(segment("ارتفعت أسعار النفط في الأسواق العالمية اليوم.")) == []


def test_mentions_are_in_text_order_and_do_not_overlap():
    text = "قالت حماس إن حركة حماس وحركة الجهاد الإسلامي وداعش وتنظيم الدولة الإسلامية لن يتفقوا، وقالت حماس لاحقا."
    spans = [m["span"] for g in extract(segment(text)) for m in g["mentions"]]
    assert len(spans) == 6
    ordered = sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(ordered, ordered[1:], strict=False))
    for g in extract(segment(text)):
        assert [m["span"] for m in g["mentions"]] == sorted(m["span"] for m in g["mentions"])


def test_group_matcher_for_other_extractors():
    """Other extractors (agreement parties) look strong catalogue forms up; weak forms are not in it."""
    matcher = group_matcher()
    assert matcher.lookup("تنظيم داعش")["id"] == "isis"
    assert matcher.lookup("حزب العمال الكردستاني")["name_en"].startswith("Kurdistan Workers")
    assert matcher.lookup("القاعدة") is None  # weak: a base, unless licensed


def test_anchored_catalogue_matching_finds_what_a_scan_finds():
    """The extractor matches the catalogue only at word starts (PhraseMatcher.matches_at): same hits as a scan."""
    from exporter.extractors.group_catalogue import catalogue_matcher

    text = ("قالت حركة حماس ولجبهة تحرير بلوش، وتنظيم \"داعش\" إن للجيش السوري الحر وحزب الله اللبناني "
            "والحرس الثوري وحكومة الوفاق الوطني (الاتحاد الوطني الكردستاني، التغيير) موقفا.")
    norm = segment(text).norm
    starts = [0] + [i + 1 for i, ch in enumerate(norm) if ch == " "]
    starts = sorted({s + k for s in starts for k in range(2) if s + k < len(norm)})  # after an opening mark too
    matcher = catalogue_matcher()
    assert matcher.matches_at(norm, starts) == list(matcher.finditer_norm(norm))
