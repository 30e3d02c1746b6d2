"""Dateline: the place, agency and date that open a story.

Arabic wire and newspaper copy writes the dateline in many shapes (see
``../shared/corpus/real/DATELINES.md``): ``CITY (AGENCY) -``,
``CITY - AGENCY:``, ``CITY-AGENCY-``, agency first (``رويترز- بنغازي (ليبيا):``),
guillemets (``«رويترز»``), slashes (``/قنا/``, ``صنعاء / سبأ :``), SPA headers
with Hijri and Gregorian dates, ``CITY، COUNTRY (CNN)--``, newspaper credits
(``الدوحة – الشرق:``), a credit line followed by a date line (Maghreb sites).
Rather than one regex per shape, the start of each opening paragraph is cut
at separators (dashes, slashes, brackets, colons) into chunks, and each chunk
is classified: a catalogued credit, a date, a place the gazetteer knows, a
country qualifier, a newspaper's own name, page furniture (Latin words such as
``Next Previous``, ``inShare``), a short unknown chunk (byline, unknown place),
or body text. A dateline is then:

* a head of such chunks with a catalogued credit near the line start, the
  credit set off by separators (not glued to running words), and the head
  ended by a separator or the end of the line; or
* on a line after the title, a place the gazetteer knows followed by a
  separator and then a non-agency credit, a byline, or the body (``غزة - دنيا
  الوطن``, ``القاهرة- غزة- أعلنت …``).

Places keep their written name and are resolved through :mod:`exporter.gazetteer`;
an unknown first chunk before a credit is kept as an unresolved place, any
other unknown chunk is a byline or newspaper and never a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..countries import country_matcher
from ..gazetteer import Place, country_feature, is_not_place, lookup_place
from ..normalize import normalize
from ..segment import Article
from .agencies import agency_matcher, agency_record, is_non_agency_credit, written_as_credit
from .dates import find_dates

MAX_PARAGRAPHS = 8  # a dateline follows the title and at most a few sub-headlines or teasers
PLACE_ONLY_PARAGRAPHS = 5  # without an agency the dateline must sit right under the title
HEAD_LIMIT = 160  # characters of a paragraph scanned for a dateline head
MAX_BEFORE_CREDIT = 75  # a credit further into the line is an attribution, not a dateline
MAX_UNKNOWN_WORDS = 4  # bylines and unknown places together, before the credit
MAX_CHUNK_WORDS = 4  # a longer run of words is body text

# A separator: dashes (ASCII, en/em, minus, doubled), a tatweel used as a dash
# (only when it stands apart from letters), slashes, brackets, guillemets,
# quotes, colon, comma and bullets.
_SEP = re.compile(r"--+|[-–—−]+|(?<!\S)ـ+|ـ+(?!\S)|[/\\|،,:;()\[\]«»\"'“”‘’*•·.]")
_SPACE = re.compile(r"\s*")
_LATIN = re.compile(r"^[A-Za-z0-9:._]+(?:\s+[A-Za-z0-9:._]+)*$")
_OPENERS = frozenset("(«\"'“‘[")
_CLOSERS = frozenset(")»\"'”’]")
_DASHES = re.compile(r"^(?:--+|[-–—−]+|ـ+)$")
# Link words inside a dateline: رام الله في 09 يوليو، … هـ الموافق 10 اغسطس.
_LINKS = frozenset(normalize(w) for w in ("في", "الموافق", "م", "هـ"))
# Adjectives a desk adds to a place (رام الله المحتلة).
_PLACE_QUALIFIERS = frozenset(normalize(w) for w in ("المحتلة", "العاصمة", "المحتل"))
# Words that mark running text or an attribution, never a place or byline.
_STOP = frozenset(normalize(w) for w in (
    "وكالة", "وكالات", "أنباء", "الأنباء", "قال", "قالت", "وقال", "وقالت", "ذكرت", "وذكرت", "أفادت", "وأفادت",
    "أعلنت", "وأعلنت", "نقلت", "ونقلت", "حسب", "بحسب", "حسبما", "وفق", "وفقا", "نقلا", "عن", "إن", "أن", "التي",
    "الذي", "على", "من", "إلى", "مع", "لـ", "بـ", "صحيفة", "موقع", "لوكالة", "العدد", "زيارة", "تقرير", "بيان",
))
_BULLETS = re.compile(r"[\s*•·\-–—ـ]*")


@dataclass
class _Chunk:
    kind: str  # credit | date | place | qual | notplace | paper | link | words | furniture | body | sep
    start: int
    end: int
    text: str
    value: Any = None  # agency entry, date item, Place/None, country code, separator text
    words: int = 0
    enclosed: bool = False
    glued_to: str | None = None  # kind of the chunk before when only whitespace separates them


def _classify_words(text: str, start: int, enclosed: bool, previous: _Chunk | None) -> list[_Chunk]:
    """Chunks for a run of words between separators (a place may be split from a trailing link word)."""
    kind, length, value, words = _word_class(text, enclosed, previous is not None and previous.kind == "place")
    return [_Chunk(kind, start, start + length, text[:length], value=value, words=words)]


@lru_cache(maxsize=8192)
def _word_class(text: str, enclosed: bool, after_place: bool) -> tuple[str, int, Any, int]:
    """(kind, length of the text the chunk covers, value, word count) of a run of words; cached
    because the same credits, places and furniture open thousands of articles."""
    words = text.split()
    n = len(words)
    if _LATIN.match(text):
        return "furniture", len(text), None, 0
    if n > MAX_CHUNK_WORDS:
        return "body", len(text), None, n
    if is_non_agency_credit(text):
        return "paper", len(text), None, n
    if is_not_place(text):
        return "notplace", len(text), None, n
    if n == 1 and normalize(text) in _LINKS:
        return "link", len(text), None, 0
    country = country_matcher().lookup(text)
    if country is not None and after_place:
        return "qual", len(text), country.country.code, n
    place = lookup_place(text)
    if place is not None:
        return "place", len(text), place, n
    if country is not None:
        return "place", len(text), country_feature(country.country.code), n
    # a known place followed by a link word or a desk adjective: رام الله في / رام الله المحتلة
    for k in range(n - 1, 0, -1):
        rest = [normalize(w) for w in words[k:]]
        if not all(w in _LINKS or w in _PLACE_QUALIFIERS for w in rest):
            continue
        place = lookup_place(" ".join(words[:k]))
        if place is not None:
            return "place", text.find(words[k - 1]) + len(words[k - 1]), place, k
    return ("paper" if enclosed else "words"), len(text), None, n


_TOKEN = re.compile(r"\S+")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


def _script_runs(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Words of ``text[start:end]`` grouped into runs of Latin/digit tokens and of Arabic tokens,
    so that page furniture (``Next Previous``) is a chunk apart from the Arabic beside it."""
    if not _ASCII_ALNUM.search(text, start, end):  # the usual case: Arabic only
        run = text[start:end].strip()
        return [(text.index(run, start), run)] if run else []
    runs: list[tuple[int, int, bool]] = []
    for m in _TOKEN.finditer(text, start, end):
        latin = bool(_LATIN.match(m.group()))
        if runs and runs[-1][2] == latin:
            runs[-1] = (runs[-1][0], m.end(), latin)
        else:
            runs.append((m.start(), m.end(), latin))
    return [(s, text[s:e]) for s, e, _ in runs]


def _weight(chunk: _Chunk) -> int:
    """Words a chunk adds to a separator-free stretch (a date, credit or place counts as one, links none)."""
    if chunk.kind in ("date", "credit", "place"):
        return 1
    if chunk.kind in ("link", "furniture"):
        return 0
    return chunk.words


def _scan(article: Article, start: int, end: int, dates: list[dict[str, Any]]) -> list[_Chunk]:
    """The chunks at the start of ``text[start:end]``, up to the first run of body text.

    Body text is a stretch between two separators of more than ``MAX_CHUNK_WORDS``
    words, counting a date or a credit inside it as one word (an SPA header
    ``الكويت 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس`` is four).
    """
    text = article.text
    atoms: dict[int, _Chunk] = {}
    for hit in agency_matcher().finditer(article, start, end):
        if written_as_credit(hit.text):
            atoms[hit.start] = _Chunk("credit", hit.start, hit.end, hit.text, value=hit.value)
    for d in dates:
        if start <= d["span"][0] < end:
            s, e = d["span"]
            atoms.setdefault(s, _Chunk("date", s, e, d["text"], value=d))
    starts = sorted(atoms)
    chunks: list[_Chunk] = []
    stretch_start, stretch_words = 0, 0  # index in chunks where the separator-free stretch begins
    enclosed = False
    previous: _Chunk | None = None

    def add(chunk: _Chunk) -> bool:
        """Append a chunk; False when its stretch has become body text (then a body chunk ends the list)."""
        nonlocal stretch_words, previous
        chunk.enclosed = enclosed
        after_sep = not chunks or chunks[-1].kind == "sep"
        chunk.glued_to = previous.kind if previous is not None and not after_sep else None
        stretch_words += _weight(chunk)
        if chunk.kind == "body" or stretch_words > MAX_CHUNK_WORDS:
            body_start = chunks[stretch_start].start if stretch_start < len(chunks) else chunk.start
            del chunks[stretch_start:]
            chunks.append(_Chunk("body", body_start, chunk.end, text[body_start:chunk.end]))
            return False
        chunks.append(chunk)
        previous = chunk
        return True

    pos = _BULLETS.match(text, start, end).end()
    while pos < end:
        pos = _SPACE.match(text, pos, end).end()
        if pos >= end:
            break
        atom = atoms.get(pos)
        if atom is not None:
            if not add(atom):
                return chunks
            pos = atom.end
            continue
        m = _SEP.match(text, pos, end)
        if m:
            sep = m.group()
            if sep in _OPENERS and not (sep in _CLOSERS and enclosed):
                enclosed = True
            elif sep in _CLOSERS:
                enclosed = False
            chunks.append(_Chunk("sep", m.start(), m.end(), sep))
            stretch_start, stretch_words = len(chunks), 0
            pos = m.end()
            continue
        stop = end
        m = _SEP.search(text, pos, end)
        if m:
            stop = m.start()
        for s in starts:
            if pos < s < stop:
                stop = s
                break
        for piece_start, piece in _script_runs(text, pos, stop):
            for chunk in _classify_words(piece, piece_start, enclosed, previous):
                if not add(chunk):
                    return chunks
        pos = stop
    return chunks


def _place_record(chunk: _Chunk, qualifier: str | None) -> dict[str, Any]:
    place: Place | None = chunk.value
    if place is not None and qualifier and place.country != qualifier:
        place = None  # بيني (الكونغو): the gazetteer's بيني is elsewhere; keep the name and the country
    return {
        "name": chunk.text,
        "name_en": place.name_en if place else None,
        "country": place.country if place else qualifier,
        "geonames_id": place.geonames_id if place else None,
        "span": [chunk.start, chunk.end],
    }


def _placelike(chunk: _Chunk) -> bool:
    """An unknown chunk that may be a place the gazetteer lacks (not a phrase of running text)."""
    if chunk.kind != "words" or chunk.words > 3 or any(c.isdigit() for c in chunk.text):
        return False
    return not any(normalize(w) in _STOP for w in chunk.text.split())


_TERMINAL = re.compile(r"^(?:--+|[-–—−]+|ـ+|:)$")


def _head(chunks: list[_Chunk]) -> tuple[list[_Chunk], bool]:
    """The head's chunks (separators excluded) and whether the body follows on the same line.

    The head stops at body text, and also at a short clause set off by a dash
    or colon once it cannot be part of a dateline: after a credit (``(CNN)--
    أعلنت الوزارة،``), or when it reads as running text (``القاهرة - قال مسؤول،``).
    Right after a leading credit an unknown name may still be the place
    (``واس – الصخيرات:``) when a colon or a bracket follows it.
    """
    items: list[_Chunk] = []
    seen_credit = False
    for i, chunk in enumerate(chunks):
        if chunk.kind == "body":
            return items, True
        if chunk.kind == "sep":
            continue
        if chunk.kind == "words" and items and i > 0 and _TERMINAL.match(chunks[i - 1].text):
            agency_first = all(c.kind in ("credit", "furniture") for c in items)
            nxt = chunks[i + 1].text if i + 1 < len(chunks) and chunks[i + 1].kind == "sep" else ""
            if not _placelike(chunk) or (seen_credit and not (agency_first and nxt in (":", "("))):
                return items, True
        items.append(chunk)
        seen_credit = seen_credit or chunk.kind == "credit"
    return items, False


def _end_of_head(chunks: list[_Chunk], last: _Chunk) -> int:
    """Dateline end: after its last chunk and the separators that close it (``) -``, ``»:``, ``--``),
    but not an opening mark of the body (``- «…``)."""
    end = last.end
    i = chunks.index(last) + 1
    while i < len(chunks) and chunks[i].kind == "sep" and chunks[i].text not in _OPENERS - _CLOSERS:
        end = chunks[i].end
        i += 1
    return end


def _date(items: list[_Chunk]) -> dict[str, Any] | None:
    found = [c.value for c in items if c.kind == "date"]
    for d in found:
        if d["calendar"] == "gregorian":
            return d
    return found[0] if found else None


def _credit_dateline(article: Article, index: int, chunks: list[_Chunk]) -> dict[str, Any] | None:
    items, body_follows = _head(chunks)
    credits = [c for c in items if c.kind == "credit"]
    if not credits:
        return None
    first = credits[0]
    line_start = items[0].start if items else first.start
    if first.start - line_start > MAX_BEFORE_CREDIT or first.glued_to not in (None, "date"):
        return None
    before = items[: items.index(first)]
    allowed = {"place", "qual", "notplace", "paper", "date", "link", "words", "furniture"}
    if any(c.kind not in allowed for c in before):
        return None
    unknown = [c for c in before if c.kind == "words"]
    if sum(c.words for c in unknown) > MAX_UNKNOWN_WORDS or any(not _placelike(c) for c in unknown):
        return None
    # credits in the head must each be set off by separators (not "أنباء الأناضول")
    if any(c.glued_to not in (None, "date") for c in credits):
        return None
    # the head ends with a separator or the end of the line, never glued to running words
    last = items[-1]
    tail_sep = chunks.index(last) + 1 < len(chunks) and chunks[chunks.index(last) + 1].kind == "sep"
    if body_follows and not tail_sep:
        return None
    meaningful = [c for c in items if c.kind != "furniture"]
    if index == 0 and meaningful and meaningful[0].kind not in ("place", "words"):
        return None  # a credit kicker on the title line (سانا: …) is part of the title
    places = [c for c in items if c.kind == "place"]
    if not places and meaningful:
        lead = meaningful[0]
        if lead is not first and _placelike(lead):
            places = [lead]
        elif lead is first and len(meaningful) > 1 and _placelike(meaningful[1]):
            places = [meaningful[1]]  # agency first: واس – الصخيرات:
    return _record(article, chunks, items, places, credits)


def _byline_then_place(chunks: list[_Chunk], items: list[_Chunk], body_follows: bool) -> bool:
    """A line holding only a byline and a known place, set apart by a dash or brackets
    (``سعد الغامدي - جدة``, ``محمد العبدالله (الرياض)``)."""
    if body_follows or len(items) != 2 or not _placelike(items[0]) or items[1].kind != "place":
        return False
    between = [c.text for c in chunks[chunks.index(items[0]) + 1:chunks.index(items[1])]]
    return between == ["("] or (len(between) == 1 and bool(_DASHES.match(between[0])))


def _place_dateline(article: Article, chunks: list[_Chunk]) -> dict[str, Any] | None:
    items, body_follows = _head(chunks)
    meaningful = list(items)
    # the site's name or a byline may come first: عين اليوم – القاهرة، سبق- الرياض:، سعد الغامدي - جدة،
    # محمد العبدالله (الرياض)
    credit_first = bool(meaningful) and (meaningful[0].kind == "paper" or _byline_then_place(chunks, meaningful,
                                                                                            body_follows))
    if credit_first:
        meaningful = meaningful[1:]
    if not meaningful or meaningful[0].kind != "place":
        return None
    lead = meaningful[0]
    position = chunks.index(lead)
    # the place opens the line (or follows that credit) and a separator or the line end follows it
    if not all(c.kind == "sep" for c in chunks[1 if credit_first else 0:position]):
        return None
    if position + 1 < len(chunks) and chunks[position + 1].kind != "sep":
        return None
    rest = meaningful[1:]
    if any(c.kind not in ("place", "qual", "paper", "words", "date", "link", "notplace") for c in rest):
        return None
    unknown = [c for c in rest if c.kind == "words"]
    if sum(c.words for c in unknown) > 3 or any(not _placelike(c) for c in unknown):
        return None
    if body_follows:
        last = items[-1]
        seps = [c.text for c in chunks[chunks.index(last) + 1:] if c.kind == "sep"]
        if not any(_DASHES.match(sep) or sep == ":" for sep in seps):
            return None
        if last is lead and not credit_first and ":" in seps:
            return None  # "لندن: …" is a title kicker, not a dateline
    places = [c for c in meaningful if c.kind == "place"]
    return _record(article, chunks, items, places, [])


def _record(article: Article, chunks: list[_Chunk], items: list[_Chunk], places: list[_Chunk],
            credits: list[_Chunk]) -> dict[str, Any]:
    meaningful = [c for c in items if c.kind != "furniture"]
    first = meaningful[0] if meaningful else items[0]
    start = first.start
    i = chunks.index(first)
    while i > 0 and chunks[i - 1].kind == "sep" and chunks[i - 1].text in _OPENERS - _CLOSERS:
        i -= 1
        start = chunks[i].start  # (رويترز): / «رويترز»
    last = meaningful[-1] if meaningful else items[-1]
    end = _end_of_head(chunks, last)
    text = article.text[start:end].rstrip()
    qualifiers: dict[int, str] = {}
    for i, c in enumerate(items):
        if c.kind == "place" and i + 1 < len(items) and items[i + 1].kind == "qual":
            qualifiers[id(c)] = items[i + 1].value
    place_records = [_place_record(p, qualifiers.get(id(p))) for p in places]
    agencies = [agency_record(c.text, c.value, (c.start, c.end)) for c in credits]
    date = _date(items)
    return {
        "text": text,
        "span": [start, start + len(text)],
        "place": place_records[0] if place_records else None,
        "places": place_records,
        "agency": agencies[0] if agencies else None,
        "agencies": agencies,
        "date": date["value"] if date else None,
        "date_span": list(date["span"]) if date else None,
    }


def _only_date_line(chunks: list[_Chunk]) -> dict[str, Any] | None:
    """The date of a line that holds nothing but a date (and a time or furniture)."""
    items, body = _head(chunks)
    if body or not items:
        return None
    if any(c.kind not in ("date", "furniture") for c in items):
        return None
    return _date(items)


def extract(article: Article, dates: list[dict[str, Any]] | None = None) -> dict[str, Any] | None:
    """The opening dateline, or None. ``dates``: the article's date items when already found."""
    if dates is None:
        dates = find_dates(article, 0, article.paragraphs[min(len(article.paragraphs), MAX_PARAGRAPHS) - 1].end
                           if article.paragraphs else 0)
    paragraphs = article.paragraphs[:MAX_PARAGRAPHS]
    titled = len(paragraphs) > 1
    for index, paragraph in enumerate(paragraphs):
        limit = min(paragraph.end, paragraph.start + HEAD_LIMIT)
        chunks = _scan(article, paragraph.start, limit, dates)
        if not chunks:
            continue
        found = _credit_dateline(article, index, chunks)
        if found is None and 0 < index < PLACE_ONLY_PARAGRAPHS and titled:
            found = _place_dateline(article, chunks)
        if found is None:
            continue
        if found["place"] is None or found["date"] is None or found["agency"] is None:
            _complete_from_next_lines(article, index, found, dates)
        return found
    return None


def _complete_from_next_lines(article: Article, index: int, found: dict[str, Any],
                              dates: list[dict[str, Any]]) -> None:
    """A dateline alone on its line may go on below: a credit-only line (و م ع) followed by a date
    line and a body opening ``CITY -``, or places and a byline followed by ``(رويترز): …``."""
    paragraph = article.paragraphs[index]
    if found["span"][1] < len(paragraph.text.rstrip()) + paragraph.start - 3:
        return  # the body follows on the credit's own line
    for following in article.paragraphs[index + 1: index + 5]:
        chunks = _scan(article, following.start, min(following.end, following.start + HEAD_LIMIT), dates)
        if not chunks:
            continue
        items, body = _head(chunks)
        if all(c.kind == "furniture" for c in items) and not body:
            continue
        when = _only_date_line(chunks)
        if when is not None:
            if found["date"] is None:
                found["date"], found["date_span"] = when["value"], list(when["span"])
            continue
        if found["place"] is None:
            opening = _place_dateline(article, chunks)
            if opening is not None and opening["place"] is not None:
                found["place"], found["places"] = opening["place"], opening["places"]
        elif found["agency"] is None and items and items[0].kind == "credit":
            credit = _credit_dateline(article, 1, chunks)
            if credit is not None and credit["place"] is None:
                found["agency"], found["agencies"] = credit["agency"], credit["agencies"]
        return
