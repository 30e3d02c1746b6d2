"""Country gazetteer (``data/countries.json``): names, adjectives, capitals → ISO codes.

Shared by the agreement extractor (parties), the quote extractor (capitals
speaking for their government) and the group extractor (state bodies such as
الجيش الباكستاني are not groups).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .lexicon import PhraseMatcher
from .resources import load_json


@dataclass(frozen=True)
class Country:
    code: str
    name: str  # usual Arabic name
    name_en: str


@dataclass(frozen=True)
class CountryRef:
    """What a matched phrase says about a country."""

    country: Country
    form: str  # "name" | "variant" | "adjective" | "capital"


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    return {c["code"]: Country(c["code"], c["name"], c["name_en"]) for c in load_json("countries.json")["countries"]}


@lru_cache(maxsize=1)
def country_matcher() -> PhraseMatcher[CountryRef]:
    """Matches country names, variants, adjectives and capitals (with clitics and ال)."""
    entries: list[tuple[str, CountryRef]] = []
    table = countries()
    for c in load_json("countries.json")["countries"]:
        country = table[c["code"]]
        entries.append((c["name"], CountryRef(country, "name")))
        entries += [(v, CountryRef(country, "variant")) for v in c.get("variants", [])]
        entries += [(a, CountryRef(country, "adjective")) for a in c.get("adjectives", [])]
        entries += [(k, CountryRef(country, "capital")) for k in c.get("capitals", [])]
    return PhraseMatcher(entries, clitics=True, article=True)
