"""Headline and dateline on the real corpus (read from ../shared, never copied here).

The dev gold files are scored with the shared scorer's own rules
(``../shared/eval/score.py``); every real article must give spans that cover
their text exactly and places resolved to GeoNames when the gold names them.
"""

from __future__ import annotations

import importlib.util

import pytest

from exporter.decode import decode_bytes, normalise_newlines
from exporter.extractors import dateline, dates, headline
from exporter.segment import segment

from .conftest import SHARED, gold_pairs, needs_shared, real_articles

TARGET = 0.95


def _extract(path):
    text = normalise_newlines(decode_bytes(path.read_bytes()).text).removeprefix("\ufeff")
    article = segment(text)
    found_dates = dates.extract(article)
    found = dateline.extract(article, found_dates)
    return article, found, headline.extract(article, found)


def _scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_shared
def test_dev_gold_headline_and_dateline_accuracy():
    score = _scorer()
    tally = score.Tally()
    misses = []
    for path, gold in gold_pairs():
        _, found, title = _extract(path)
        detail: list[str] = []
        score.score_article(gold, {"headline": title, "dateline": found}, tally, detail)
        misses += [f"{path.name}: {d}" for d in detail if d.startswith(("headline", "dateline"))]
    summary = score.summarise(tally)
    for field in ("headline_acc", "dateline_place_acc", "dateline_agency_acc", "dateline_date_acc"):
        assert summary[field] >= TARGET, (field, summary[field], misses)


@needs_shared
def test_dev_gold_places_resolve_to_their_english_name():
    resolved, total, wrong = 0, 0, []
    for path, gold in gold_pairs():
        want = (gold.get("dateline") or {}).get("place_en")
        if not want:
            continue
        _, found, _ = _extract(path)
        place = (found or {}).get("place") or {}
        total += 1
        if (place.get("name_en") or "").lower() == want.lower() and place.get("geonames_id"):
            resolved += 1
        else:
            wrong.append((path.name, want, place.get("name_en")))
    assert total and resolved / total >= TARGET, wrong


@needs_shared
@pytest.mark.parametrize("path", real_articles(), ids=lambda p: p.name)
def test_real_article_dateline_spans(path):
    article, found, title = _extract(path)
    text = article.text
    if title:
        assert text[title["span"][0]:title["span"][1]] == title["text"]
    if not found:
        return
    assert text[found["span"][0]:found["span"][1]] == found["text"]
    for item in found["places"] + found["agencies"]:
        assert text[item["span"][0]:item["span"][1]] == item["name"]
    assert len(found["text"]) <= 120  # a dateline, not a paragraph
