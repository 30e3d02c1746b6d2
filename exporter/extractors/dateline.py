"""Dateline: the place, agency and date that open a story.

First version: finds a catalogued agency credit near the start of one of the
opening lines (``CITY (AGENCY) -``, ``CITY - AGENCY:``, ``CITY-AGENCY-``) and
takes the words before it as the place.
"""

from __future__ import annotations

import re
from typing import Any

from ..segment import Article
from .agencies import agency_matcher, agency_record

MAX_LINES = 8
MAX_PREFIX = 60  # characters between line start and the credit
_SEPARATORS = re.compile(r"[\s\-–—ـ(«»)/،,:*]+")
_TAIL = re.compile(r"[\s)»\"']*(?:[-–—ـ:]+|\)|$)")


def extract(article: Article) -> dict[str, Any] | None:
    matcher = agency_matcher()
    for paragraph in article.paragraphs[:MAX_LINES]:
        limit = min(paragraph.end, paragraph.start + MAX_PREFIX + 12)
        for hit in matcher.finditer(article, paragraph.start, limit):
            head = article.text[paragraph.start : hit.start]
            if len(head) > MAX_PREFIX or hit.prefix:
                continue
            tail = _TAIL.match(article.text, hit.end, paragraph.end)
            end = tail.end() if tail else hit.end
            place_text = _SEPARATORS.sub(" ", head).strip()
            place = None
            if place_text:
                words = place_text.split()
                two_words = len(words) > 1 and words[0] in {"رام", "تل", "أبو", "ابو", "سيدي"}
                name = " ".join(words[:2]) if two_words else words[0]
                p_start = article.text.find(name, paragraph.start, hit.start)
                place = {"name": name, "name_en": None, "country": None, "geonames_id": None,
                         "span": [p_start, p_start + len(name)]}
            start = paragraph.start
            text = article.text[start:end].rstrip()
            return {
                "text": text,
                "span": [start, start + len(text)],
                "place": place,
                "agency": agency_record(hit.text, hit.value, (hit.start, hit.end)),
                "date": None,
            }
    return None
