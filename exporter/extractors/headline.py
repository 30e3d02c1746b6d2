"""Headline: the article's title line (GUIDELINES: short, no sentence flow,
desk labels such as ``عام /`` removed; a dateline glued to the line is cut off)."""

from __future__ import annotations

import re
from typing import Any

from ..segment import Article

MAX_WORDS = 30
_DESK_LABEL = re.compile(r"^\s*(?:عام|سياسي|اقتصادي|رياضي|ثقافي|محليات|دولي)\s*/\s*")
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
    elif len(article.paragraphs) < 2 or len(first.text.split()) > MAX_WORDS:
        return None
    label = _DESK_LABEL.match(article.text, start, end)
    if label:
        start = label.end()
    while start < end and article.text[start] in " -–—ـ:":
        start += 1
    m = _TRAILING.search(article.text, start, end)
    if m:
        end = m.start()
    if end <= start:
        return None
    return {"text": article.text[start:end], "span": [start, end]}
