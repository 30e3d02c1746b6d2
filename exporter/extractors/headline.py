"""Headline: the article's title line (GUIDELINES: short, no sentence flow into
the body; desk labels such as ``عام /`` and wire suffixes such as ``/ إضافة
أولى`` removed; a dateline glued to the line is cut off).

Sub-headlines, bylines and credit lines under the title are not part of it:
the title is the first line. When that line opens with the dateline
(``جاكرتا (رويترز) - اتفقت …``), the rest of the line is the title only if it
reads as one: a single sentence of at most ``MAX_WORDS`` words. Otherwise the
article starts straight with the body and has no headline.
"""

from __future__ import annotations

import re
from typing import Any

from ..segment import Article

MAX_WORDS = 30
# SPA/news-agency desk labels before the title: "عام /", "سياسي /" …
_DESK_LABEL = re.compile(r"^\s*(?:عام|سياسي|اقتصادي|رياضي|ثقافي|محليات|دولي|اجتماعي|عربي|خليجي)\s*/\s*")
# SPA wire suffix of an add: "/ إضافة أولى واخيرة", "/ إضافة ثانية"
_WIRE_SUFFIX = re.compile(r"\s*/\s*إضافة(?:\s+\S+){0,3}\s*$")
_TRAILING = re.compile(r"[\s.。]+$")


def extract(article: Article, dateline: dict[str, Any] | None) -> dict[str, Any] | None:
    if not article.paragraphs:
        return None
    first = article.paragraphs[0]
    start, end = first.start, first.end
    if dateline and first.start <= dateline["span"][0] < first.end:
        if dateline["span"][0] != first.start:
            end = dateline["span"][0]
        else:
            # the first line is dateline + headline: the rest of the line is the title
            start = dateline["span"][1]
            rest = [s for s in first.sentences if s.end > start]
            if len(rest) > 1 or len(article.text[start:end].split()) > MAX_WORDS:
                return None  # the line is the lede itself: no title line
    elif len(article.paragraphs) < 2 or len(first.text.split()) > MAX_WORDS:
        return None
    label = _DESK_LABEL.match(article.text, start, end)
    if label:
        start = label.end()
    suffix = _WIRE_SUFFIX.search(article.text, start, end)
    if suffix:
        end = suffix.start()
    while start < end and article.text[start] in " -–—ـ:":
        start += 1
    m = _TRAILING.search(article.text, start, end)
    if m:
        end = m.start()
    if end <= start:
        return None
    return {"text": article.text[start:end], "span": [start, end]}
