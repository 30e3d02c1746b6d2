"""Country gazetteer (``data/countries.json``): names, adjectives, capitals → ISO codes.

Shared by the agreement extractor (parties), the quote extractor (capitals
speaking for their government), the group extractor (state bodies such as
الجيش الباكستاني are not groups) and the dateline extractor (a place's country).

Two ways in, because running text and a known slot need different caution:

- :func:`country_matcher` finds countries in running text. Forms that are
  also ordinary words or other places (مالي "financial", عمان Amman/Oman,
  سيول "floods", كيف "how") are left out, and phrases such as
  "أمريكا اللاتينية" or "مسقط رأسه" are swallowed so the country inside
  them is not reported.
- :func:`find_country` looks one phrase up exactly (a dateline place, a
  speaker already delimited) and does know the ambiguous forms.

Groupings of states (``data/groupings.json``: دول المغرب العربي، دول الخليج،
مجموعة السبع …) and their members are here too, through :func:`groupings` and
:func:`grouping_forms`: "دول المغرب العربي الخمس" names five states.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .lexicon import PhraseMatcher
from .resources import load_json


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2 (XK for Kosovo)
    name: str  # usual Arabic name
    name_en: str
    capital: str | None = None  # usual Arabic name of the capital
    capital_en: str | None = None
    kind: str = "state"  # "state" | "territory"


@dataclass(frozen=True)
class CountryRef:
    """What a matched phrase says about a country."""

    country: Country
    form: str  # "name" | "variant" | "adjective" (with or without ال) | "capital"


def _records() -> list[dict[str, Any]]:
    return load_json("countries.json")["countries"]


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Every country and territory by ISO code."""
    return {
        c["code"]: Country(c["code"], c["name"], c["name_en"], (c.get("capitals") or [None])[0],
                           c.get("capital_en"), c.get("kind", "state"))
        for c in _records()
    }


def _entries(*, ambiguous: bool) -> list[tuple[str, CountryRef | None]]:
    """(phrase, ref) for every form; ``ambiguous=False`` drops the forms marked ambiguous."""
    entries: list[tuple[str, CountryRef | None]] = []
    table = countries()
    for c in _records():
        country = table[c["code"]]
        skip = set() if ambiguous else set(c.get("ambiguous", []))
        forms = [(c["name"], "name")] + [(v, "variant") for v in c.get("variants", [])]
        adjectives = c.get("adjectives", [])
        # اتفاق سعودي مالطي، وفد إيراني: adjectives are also read without ال
        forms += [(a, "adjective") for a in adjectives]
        forms += [(a[2:], "adjective") for a in adjectives if a.startswith("ال") and len(a) > 4 and a not in skip]
        forms += [(k, "capital") for k in c.get("capitals", [])]
        entries += [(f, CountryRef(country, form)) for f, form in forms if f not in skip]
    return entries


def running_text_entries() -> list[tuple[str, CountryRef | None]]:
    """(phrase, ref) pairs of :func:`country_matcher`, blockers (ref None) first.

    For a caller that folds the gazetteer into a larger matcher of its own (one scan for many lexicons).
    """
    blockers: list[tuple[str, CountryRef | None]] = [(p, None) for p in load_json("countries.json")["not_countries"]]
    # Blockers first: the matcher keeps the first value of a form, and a blocked phrase yields no hit.
    return blockers + _entries(ambiguous=False)


@lru_cache(maxsize=1)
def country_matcher() -> PhraseMatcher[CountryRef]:
    """Matches country names, variants, adjectives and capitals (with clitics and ال) in running text."""
    return PhraseMatcher(running_text_entries(), clitics=True, article=True)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def _exact() -> PhraseMatcher[CountryRef]:
    return PhraseMatcher(_entries(ambiguous=True), article=True)  # type: ignore[arg-type]


@lru_cache(maxsize=4096)
def find_country(phrase: str) -> CountryRef | None:
    """The country an isolated phrase names (``"عمان"`` → Oman, ``"الباكستانية"`` → Pakistan), or None."""
    return _exact().lookup(phrase)


def country_by_code(code: str) -> Country | None:
    """The country with ISO code ``code`` (case-insensitive), or None."""
    return countries().get(code.upper())


@dataclass(frozen=True)
class Grouping:
    """A grouping of states (a region's states, a bloc) and its members."""

    code: str
    name_en: str  # the grouping as one party (Gulf Cooperation Council states)
    members: tuple[str, ...]  # ISO codes
    organisation: str | None = None  # code of the catalogued organisation it is named after, if any
    # code of the catalogued organisation its counted form names (القوى الكبرى الست: the P5+1), if any; without
    # it a counted form names the member states one by one
    counted_organisation: str | None = None


@lru_cache(maxsize=1)
def groupings() -> dict[str, Grouping]:
    """Every grouping by code."""
    return {g["code"]: Grouping(g["code"], g["name_en"], tuple(g["members"]), g.get("organisation"),
                                g.get("counted_organisation"))
            for g in load_json("groupings.json")["groupings"]}


def grouping_forms() -> list[tuple[str, Grouping, bool]]:
    """(phrase, grouping, numbered) for every way running text names a grouping's states: a states noun +
    a region (دول المغرب العربي), a plural (الدول المغاربية), or a form that carries the number itself
    (الدول الصناعية السبع: numbered)."""
    data = load_json("groupings.json")
    table = groupings()
    out: list[tuple[str, Grouping, bool]] = []
    for g in data["groupings"]:
        grouping = table[g["code"]]
        out += [(f"{noun} {region}", grouping, False) for region in g["regions"] for noun in data["states_nouns"]]
        out += [(form, grouping, False) for form in g.get("plurals", [])]
        out += [(form, grouping, True) for form in g.get("numbered", [])]
    return out
