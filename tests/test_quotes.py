"""Quotes and speakers (exporter.extractors.quotes): the cases in tests/cases/quotes.json, and the dev gold.

Each case is a short made-up wire text; its expected quotes are checked
field by field (kind, exact text, cue, speaker name, title and kind, span
presence), so every quote style the guidelines name has a test that fails if
the style stops being recognised or starts being over-recognised.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from exporter.extractors import quotes
from exporter.segment import segment

from .conftest import SHARED, needs_shared

CASES = json.loads((Path(__file__).parent / "cases" / "quotes.json").read_text(encoding="utf-8"))["cases"]


def _run(text: str) -> list[dict]:
    return quotes.extract(segment(text), 0)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_quote_case(case):
    found = _run(case["text"])
    expected = case["quotes"]
    assert [q["text"] for q in found] == [q["text"] for q in expected]
    for got, want in zip(found, expected, strict=True):
        assert got["kind"] == want["kind"], want["text"]
        if "cue" in want:
            assert got["cue"] == want["cue"], want["text"]
        assert got["speaker"]["name"] == want["speaker"], want["text"]
        if "title" in want:
            assert got["speaker"]["title"] == want["title"], want["text"]
        if "speaker_kind" in want:
            assert got["speaker"]["kind"] == want["speaker_kind"], want["text"]
        if "span" in want:
            assert got["speaker"]["span"] == want["span"], want["text"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_spans_cover_exactly_what_they_name(case):
    text = case["text"]
    for q in _run(text):
        s, e = q["span"]
        assert text[s:e] == q["text"]
        if q["cue_span"] is not None:
            s, e = q["cue_span"]
            assert text[s:e] == q["cue"]
            assert not (s < q["span"][1] and q["span"][0] < e), "the cue is not part of the quoted words"
        a, b = q["sentence_span"]
        assert a <= q["span"][0] and q["span"][1] <= b


def test_cue_lexicon_covers_every_form_family():
    """Perfect, imperfect and participle forms, feminine and plural, with و/ف (issue: cue lexicon)."""
    text = ("والمحتجون قالوا إن الطريق مغلق. فتقول الشرطة إن الطريق سيفتح. وقالت الوزارة إن الخطة جاهزة، "
            "مؤكدة أن التمويل متوفر، ويؤكد المسؤولون أن التنفيذ سيبدأ قريبا.")
    cues = [q["cue"] for q in _run(text)]
    assert cues == ["قالوا", "تقول", "قالت", "مؤكدة", "يؤكد"]


def test_speaker_is_never_a_clause_or_a_run_on_title():
    text = "وقال وزير الخارجية الفرنسي جان إيف لودريان في مؤتمر صحفي مشترك مع نظيره أمس إن الحل سياسي."
    (q,) = _run(text)
    assert q["speaker"]["name"] == "جان إيف لودريان"
    assert q["speaker"]["title"] == "وزير الخارجية الفرنسي"
    assert text[slice(*q["speaker"]["span"])] == "جان إيف لودريان"


def test_persons_index_points_at_the_speaker():
    article = segment("وقال وزير الخارجية جون كيري إن المحادثات جادة. وأضاف كيري أن الاتفاق قريب.")
    found, people = quotes.extract_with_persons(article, 0)
    assert [p["name"] for p in people] == ["جون كيري"]
    assert {q["speaker"]["person"] for q in found} == {0}
    assert [m["text"] for m in people[0]["mentions"]] == ["جون كيري", "كيري"]


@needs_shared
def test_dev_gold_scores():
    """The extractor stays above the issue's targets on the dev gold (quotes P/R, speaker accuracy)."""
    sys.path.insert(0, str(SHARED / "eval"))
    import score  # the shared scorer

    from exporter.decode import decode_bytes, normalise_newlines
    from exporter.extractors import dateline, headline

    tally = score.Tally()
    golds = sorted((SHARED / "corpus" / "dev" / "gold").glob("*.json"))
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        raw = (SHARED / gold["source"]).read_bytes()
        text = normalise_newlines(decode_bytes(raw).text).removeprefix("\ufeff")
        article = segment(text)
        head = headline.extract(article, dateline.extract(article))
        pred = {"quotes": quotes.extract(article, head["span"][1] if head else 0)}
        score.score_article(gold, pred, tally, [])
    s = score.summarise(tally)
    assert s["quotes_p"] >= 0.92 and s["quotes_r"] >= 0.90
    assert s["quotes_speaker_acc"] >= 0.90 and s["quotes_attributed_f1"] >= 0.85
