"""What the XLSX workbook holds: its sheets, their columns, and the rows of one document.

Kept apart from the workbook mechanics in :mod:`exporter.formats.xlsx` so the
content can be read (and benchmarked, and tested) without openpyxl: every
function here is plain Python over the document dict. Values are ``str``,
``int``, :class:`datetime.date` or ``None``; the writer decides how each is
stored and styled from the column's ``style``.

The workbook's language is Arabic by default (it is made for Arabic desks):
Arabic column headers, and Arabic labels for enumerated values (``direct`` →
``مباشر``, from ``exporter/data/xlsx_labels.json``). ``language="en"`` gives
English headers and the document's own values, for scripts and non-Arabic
readers. Sheet names stay English either way (``Quotes (2)`` continues
``Quotes``), so formulas and macros that name sheets always work.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

ARTICLES, QUOTES, AGREEMENTS, GROUPS, PERSONS = "Articles", "Quotes", "Agreements", "Groups", "Persons"

# How a column is stored and shown (see xlsx.CellStyles):
#   key    Latin identifier, left-to-right, not wrapped (id, file)
#   latin  short English text, left-to-right, not wrapped (English names)
#   enum   a short value from a fixed set, centred (مباشر, 057, SA)
#   name   short Arabic text, right-to-left reading order, not wrapped
#   long   Arabic prose, right-to-left, wrapped (headline, quote, sentence)
#   lines  one item per line, right-to-left, wrapped (terms, mentions, warnings)
#   int    a count
#   date   a real Excel date shown as yyyy-mm-dd (text when the year is unknown)
STYLES = ("key", "latin", "enum", "name", "long", "lines", "int", "date")


@dataclass(frozen=True)
class Column:
    key: str
    ar: str
    en: str
    style: str
    min_width: float
    max_width: float

    def header(self, language: str) -> str:
        return self.ar if language == "ar" else self.en


def _col(key: str, ar: str, en: str, style: str, min_width: float = 8, max_width: float = 30) -> Column:
    assert style in STYLES, style
    return Column(key, ar, en, style, min_width, max_width)


_ARTICLE_ID = _col("article_id", "معرّف المقال", "article id", "key", 14, 22)
# Beside each quote the headline is context, not content: kept narrow (two lines).
_HEADLINE = _col("headline", "العنوان", "headline", "long", 24, 40)

COLUMNS: dict[str, tuple[Column, ...]] = {
    ARTICLES: (
        _col("id", "المعرّف", "id", "key", 14, 22),
        _col("file", "الملف", "file", "key", 10, 32),
        _col("headline", "العنوان", "headline", "long", 24, 70),
        _col("dateline", "سطر المكان والتاريخ", "dateline", "long", 14, 36),
        _col("place", "المكان", "place", "name", 8, 24),
        _col("place_en", "المكان بالإنجليزية", "place (English)", "latin", 10, 24),
        _col("country", "الدولة", "country", "enum", 7, 10),
        _col("agency", "الوكالة", "agency", "name", 8, 24),
        _col("date", "التاريخ", "date", "date", 11, 12),
        _col("quotes", "الاقتباسات", "quotes", "int", 7, 12),
        _col("agreements", "الاتفاقات", "agreements", "int", 7, 12),
        _col("groups", "الجماعات", "groups", "int", 7, 12),
        _col("warnings", "تنبيهات", "warnings", "lines", 10, 50),
    ),
    QUOTES: (
        _ARTICLE_ID,
        _HEADLINE,
        _col("speaker", "المتحدث", "speaker", "name", 10, 30),
        _col("title", "الصفة", "title", "name", 8, 36),
        _col("kind", "النوع", "kind", "enum", 8, 12),
        _col("cue", "فعل القول", "cue", "name", 8, 14),
        _col("quote", "نص الاقتباس", "quote", "long", 24, 60),
        _col("sentence", "الجملة المصدر", "sentence", "long", 24, 70),
    ),
    AGREEMENTS: (
        _ARTICLE_ID,
        _col("parties", "الأطراف", "parties", "name", 10, 36),
        _col("parties_en", "الأطراف بالإنجليزية", "parties (English)", "latin", 10, 36),
        _col("action", "الفعل", "action", "enum", 8, 16),
        _col("cameo", "رمز CAMEO", "CAMEO code", "enum", 8, 11),
        _col("terms", "البنود", "terms", "lines", 20, 50),
        _col("trigger", "الكلمة الدالة", "trigger", "name", 8, 20),
        _col("evidence", "جملة الاتفاق", "evidence sentence", "long", 24, 70),
    ),
    GROUPS: (
        _ARTICLE_ID,
        _col("name", "الاسم", "name", "name", 10, 36),
        _col("name_en", "الاسم بالإنجليزية", "English name", "latin", 10, 36),
        _col("category", "الفئة", "category", "enum", 9, 16),
        _col("mention_count", "عدد الإشارات", "mentions", "int", 7, 12),
        _col("mentions", "الصيغ كما وردت", "mentions as written", "lines", 12, 40),
    ),
    PERSONS: (
        _ARTICLE_ID,
        _col("name", "الاسم", "name", "name", 10, 36),
        _col("title", "الصفة", "title", "name", 8, 40),
        _col("mention_count", "عدد الإشارات", "mentions", "int", 7, 12),
        _col("mentions", "الصيغ كما وردت", "mentions as written", "lines", 12, 40),
    ),
}

# Sheets every workbook has (with their header even when empty, so a desk's
# macros and links always find them); Persons appears once a document has persons.
ALWAYS = (ARTICLES, QUOTES, AGREEMENTS, GROUPS)
SHEET_ORDER = (ARTICLES, QUOTES, AGREEMENTS, GROUPS, PERSONS)
WARNINGS_COLUMN = len(COLUMNS[ARTICLES]) - 1

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def excel_date(value: str | None) -> date | str | None:
    """A dateline date as a real date when it has a year; ``--MM-DD`` (no year) stays text."""
    if not value:
        return None
    m = _ISO_DATE.fullmatch(value)
    if m is None:
        return value
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return value


def _slice(text: str, span: Any) -> str | None:
    if not span:
        return None
    return text[span[0] : span[1]]


def _lines(items: Iterator[str] | list[str]) -> str | None:
    joined = "\n".join(i for i in items if i)
    return joined or None


def _distinct_forms(mentions: list[dict[str, Any]]) -> str | None:
    """Each way the item is written, once, in text order (the count column gives how often)."""
    return _lines(list(dict.fromkeys(m.get("text") or "" for m in mentions)))


def _labels(language: str) -> dict[str, dict[str, str]]:
    if language != "ar":
        return {}
    from ..resources import load_json

    return load_json("xlsx_labels.json")


def _label(labels: dict[str, dict[str, str]], kind: str, value: str | None) -> str | None:
    if value is None:
        return None
    return labels.get(kind, {}).get(value, value)


def warning_lines(doc: dict[str, Any]) -> list[str]:
    return [f"{w.get('code')}: {w.get('message')}" for w in doc.get("warnings") or []]


def article_row(doc: dict[str, Any]) -> list[Any]:
    dl = doc.get("dateline") or {}
    place = dl.get("place") or {}
    agency = dl.get("agency") or {}
    headline = doc.get("headline") or {}
    return [
        doc.get("id"),
        (doc.get("source") or {}).get("file"),
        headline.get("text"),
        dl.get("text"),
        place.get("name"),
        place.get("name_en"),
        place.get("country"),
        agency.get("name"),
        excel_date(dl.get("date")),
        len(doc.get("quotes") or []),
        len(doc.get("agreements") or []),
        len(doc.get("groups") or []),
        _lines(warning_lines(doc)),
    ]


def quote_rows(doc: dict[str, Any], language: str = "ar") -> Iterator[list[Any]]:
    labels = _labels(language)
    text = doc.get("text") or ""
    headline = (doc.get("headline") or {}).get("text")
    persons = doc.get("persons") or []
    for q in doc.get("quotes") or []:
        speaker = q.get("speaker") or {}
        title = speaker.get("title")
        person = speaker.get("person")
        if not title and isinstance(person, int) and 0 <= person < len(persons):
            title = persons[person].get("title")
        yield [
            doc.get("id"),
            headline,
            speaker.get("name"),
            title,
            _label(labels, "quote_kind", q.get("kind")),
            q.get("cue"),
            q.get("text"),
            _slice(text, q.get("sentence_span")),
        ]


def agreement_rows(doc: dict[str, Any], language: str = "ar") -> Iterator[list[Any]]:
    labels = _labels(language)
    text = doc.get("text") or ""
    for a in doc.get("agreements") or []:
        parties = a.get("parties") or []
        yield [
            doc.get("id"),
            "، ".join(p.get("name") or "" for p in parties) or None,
            ", ".join(p.get("name_en") or p.get("name") or "" for p in parties) or None,
            _label(labels, "agreement_action", a.get("action")),
            a.get("cameo"),
            _lines(a.get("terms") or []),
            a.get("trigger"),
            _slice(text, a.get("span")),
        ]


def group_rows(doc: dict[str, Any], language: str = "ar") -> Iterator[list[Any]]:
    labels = _labels(language)
    for g in doc.get("groups") or []:
        mentions = g.get("mentions") or []
        yield [doc.get("id"), g.get("name"), g.get("name_en"),
               _label(labels, "group_category", g.get("category")), len(mentions),
               _distinct_forms(mentions)]


def person_rows(doc: dict[str, Any]) -> Iterator[list[Any]]:
    for p in doc.get("persons") or []:
        mentions = p.get("mentions") or []
        yield [doc.get("id"), p.get("name"), p.get("title"), len(mentions), _distinct_forms(mentions)]


def document_rows(doc: dict[str, Any], language: str = "ar") -> dict[str, list[list[Any]]]:
    """Every row one document adds to each sheet (Persons only when it has persons)."""
    rows = {
        ARTICLES: [article_row(doc)],
        QUOTES: list(quote_rows(doc, language)),
        AGREEMENTS: list(agreement_rows(doc, language)),
        GROUPS: list(group_rows(doc, language)),
    }
    if doc.get("persons"):
        rows[PERSONS] = list(person_rows(doc))
    return rows
