"""Arabic place names → GeoNames (``data/places.json`` + ``data/place_overrides.json``).

Datelines name cities the way Arabic desks spell them; archives want the
GeoNames feature. ``places.json`` is generated from GeoNames (CC BY 4.0) by
``scripts/build_gazetteer.py``: every Arabic alternate name of ~22k populated
places, normalised with :func:`exporter.normalize.normalize` and written
without spaces (so إسلام أباد / إسلام آباد / إسلامآباد are one key), each name
kept by its most populous place. The curated overrides are applied on top.

The table is read lazily, once per process, on the first lookup (a dateline
that names a place); documents without one never pay for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .normalize import normalize
from .resources import load_json


@dataclass(frozen=True)
class Place:
    """A resolved place: GeoNames id, usual English name, ISO 3166-1 country code."""

    geonames_id: int
    name_en: str
    country: str


def place_key(name: str) -> str:
    """The gazetteer key of a name as written: normalised, without spaces, hyphens or tatweel."""
    return normalize(name).replace(" ", "").replace("-", "")


# Long vowels dropped after the first letter: spellings differ in them
# (جاكرتا / جاكارتا, كانبيرا / كانبرا, دكار / داكار).
_VOWELS = re.compile(r"(?<=.)[اوي]")


def _skeleton(key: str) -> str:
    return _VOWELS.sub("", key)


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, Place], frozenset[str]]:
    """(override name key → place, keys that are not places) from ``place_overrides.json``."""
    overrides = load_json("place_overrides.json")
    names: dict[str, Place] = {}
    for entry in overrides["places"]:
        place = Place(entry["geonames_id"], entry["name_en"], entry["country"])
        for name in entry["names"]:
            names[place_key(name)] = place
    return names, frozenset(place_key(n) for n in overrides["not_places"])


def _generated() -> dict:
    return load_json("places.json")  # parsed once (cached by load_json)


def _resolve(key: str) -> Place | None:
    place = _table()[0].get(key)
    if place is None:
        data = _generated()
        index = data["names"].get(key)
        if index is not None:
            gid, name_en, country = data["places"][index]
            place = Place(gid, name_en, country)
    return place


SKELETON_PLACES = 8000  # the most populous places: where foreign spellings vary most


@lru_cache(maxsize=1)
def _skeletons() -> dict[str, str]:
    """Vowel-less key → key of its most populous place (built only when an exact lookup fails)."""
    names = _generated()["names"]
    keys = sorted((k for k, i in names.items() if i < SKELETON_PLACES and len(k) >= 5), key=names.__getitem__)
    keys += [k for k in _table()[0] if len(k) >= 5]
    out: dict[str, str] = {}
    for skeleton, key in zip(_VOWELS.sub("", "\n".join(keys)).split("\n"), keys, strict=True):
        out.setdefault(skeleton, key)
    return out


def is_not_place(name: str) -> bool:
    """True for words that fill a dateline's place slot without naming a place (عواصم، محافظات)."""
    return place_key(name) in _table()[1]


@lru_cache(maxsize=4096)
def lookup_place(name: str) -> Place | None:
    """The place a dateline name refers to, or None when the gazetteer does not know it.

    Tries the name as written, then with or without the article ال (الخرطوم is
    stored as خرطوم), then a spelling without long vowels for names of five
    letters or more (جاكرتا → جاكارتا).
    """
    key = place_key(name)
    if len(key) < 2:
        return None
    if key in _table()[1]:
        return None
    place = _resolve(key)
    if place is None:
        other = key[2:] if key.startswith("ال") else "ال" + key
        place = _resolve(other) if len(other) >= 2 else None
    if place is None and len(key) >= 5:
        full = _skeletons().get(_skeleton(key))
        place = _resolve(full) if full else None
    return place


def country_feature(code: str) -> Place | None:
    """The GeoNames feature of a country (by ISO code), for datelines that name a country."""
    found = _generated()["countries"].get(code)
    return Place(found[0], found[1], code) if found else None
