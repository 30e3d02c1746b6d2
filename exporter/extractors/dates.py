"""Dates: every date expression in the text, with its span and ISO (Gregorian) value.

Arabic copy names Gregorian months in several systems, often two at once
(``25 يونيو/حزيران 2018``, ``أبريل (نيسان)``, ``30 يناير كانون الثاني``,
Maghreb ``26 جويلية 2012``), writes Hijri dates that archives want as
Gregorian (``25 شوال 1436 هـ`` → 2015-08-10, Umm al-Qura via hijridate), and
numeric dates (``12-6-2012``, ``28.09.2012``, ``20-نوفمبر-2012``, day first as
in all Arabic copy). General-purpose parsers fail on the paired forms, so the
month names are a data file (``data/months.json``) and matching runs on the
normalised text, where Eastern Arabic digits are already ASCII.

A date without a year gets the ISO value ``--MM-DD``; a Hijri date needs its
year (without it the Gregorian day is unknown). Relative dates (أمس، اليوم)
are not dates here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import Any

from ..normalize import normalize
from ..resources import load_json
from ..segment import Article

GREGORIAN_YEARS = range(1900, 2101)


@lru_cache(maxsize=1)
def _months() -> tuple[dict[str, tuple[str, int]], re.Pattern[str], re.Pattern[str]]:
    """(normalised space-free month name → (calendar, number), date pattern, weekday-before pattern)."""
    data = load_json("months.json")
    names: dict[str, tuple[str, int]] = {}
    for cal in ("gregorian", "hijri"):
        for number, forms in data[cal].items():
            for form in forms:
                names[normalize(form).replace(" ", "")] = (cal, int(number))
    forms = {normalize(f) for cal in ("gregorian", "hijri") for fs in data[cal].values() for f in fs}
    alternation = "|".join(re.escape(n).replace(r"\ ", " ?") for n in sorted(forms, key=len, reverse=True))
    month = rf"(?:{alternation})(?!\w)"
    pattern = re.compile(
        # every form starts with a digit: test that first, before any lookbehind
        r"(?=\d)(?:"
        # day month [/ or (month) or month] [year [era]]:  25 يونيو/حزيران 2018 م ، 20-نوفمبر-2012;
        # the day may carry a clitic (و3 شتنبر)
        rf"(?:(?<![\w.])|(?<=[\s(][وبل]))(?P<day>\d{{1,2}})(?:\s?-\s?|\s?/\s?| )(?:من )?(?P<m1>{month})"
        rf"(?:\s?/\s?(?P<m2>{month})|\s?\(\s?(?P<m3>{month})\s?\)|\s(?P<m4>{month}))?"
        rf"(?:(?:\s?[-,،]\s?| )(?:(?:من )?(?:عام|سنه|العام) )?(?P<year>\d{{4}})(?!\d)(?:\s?(?P<era>ه|م)(?!\w))?)?"
        # numeric, day first: 12-6-2012, 28.09.2012, 30 / 7 / 2015
        r"|(?<![\d.,/-])(?P<nd>\d{1,2}) ?(?P<sep>[-/.]) ?(?P<nm>\d{1,2}) ?(?P=sep) ?(?P<ny>\d{4})(?!\d|[.,/-]\d)"
        # ISO: 2012-06-12
        r"|(?<![\d.,/-])(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?![\d-])"
        r")"
    )
    weekdays = "|".join(re.escape(normalize(w)) for w in data["weekdays"])
    weekday = re.compile(rf"(?<!\w)(?:يوم )?(?:{weekdays})(?: ?[,،] ?| )$")
    return names, pattern, weekday


def _valid(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    if year is None:
        return day <= (29 if month == 2 else calendar.monthrange(2001, month)[1])
    return day <= calendar.monthrange(year, month)[1]


def _from_hijri(year: int, month: int, day: int) -> str | None:
    from hijridate import Hijri  # imported only when a Hijri date is written

    try:
        return Hijri(year, month, day).to_gregorian().isoformat()
    except (ValueError, OverflowError):
        return None


def _value(m: re.Match[str], names: dict[str, tuple[str, int]]) -> tuple[str, str, str | None] | None:
    """(ISO value, calendar, Hijri date) of a match, or None when it is not a real date."""
    if m.group("iy"):
        year, month, day = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    elif m.group("nd"):
        year, month, day = int(m.group("ny")), int(m.group("nm")), int(m.group("nd"))
    else:
        cal, month = names[m.group("m1").replace(" ", "")]
        day = int(m.group("day"))
        year = int(m.group("year")) if m.group("year") else None
        if cal == "hijri":
            if year is None or not 1 <= day <= 30:
                return None
            value = _from_hijri(year, month, day)
            return (value, "hijri", f"{year:04d}-{month:02d}-{day:02d}") if value else None
        if year is None:
            return (f"--{month:02d}-{day:02d}", "gregorian", None) if _valid(None, month, day) else None
    if year not in GREGORIAN_YEARS or not _valid(year, month, day):
        return None
    return dt.date(year, month, day).isoformat(), "gregorian", None


def find_dates(article: Article, start: int = 0, end: int | None = None) -> list[dict[str, Any]]:
    """Date expressions inside ``article.text[start:end]`` as document ``dates`` items."""
    names, pattern, weekday = _months()
    norm = article.norm
    n_start = article.norm_index(start)
    n_end = len(norm) if end is None else article.norm_index(end)
    out: list[dict[str, Any]] = []
    for m in pattern.finditer(norm, n_start, n_end):
        found = _value(m, names)
        if found is None:
            continue
        value, cal, hijri = found
        a = m.start()
        w = weekday.search(norm, max(n_start, a - 16), a)
        if w:
            a = w.start()
        s, e = article.span(a, m.end())
        out.append({"text": article.text[s:e], "span": [s, e], "value": value, "calendar": cal, "hijri": hijri})
    return out


def extract(article: Article) -> list[dict[str, Any]]:
    """Every date expression of the article, in text order."""
    return find_dates(article)
