"""The country gazetteer (exporter/data/countries.json, exporter/countries.py).

Other extractors rely on its API (countries(), country_matcher(), CountryRef,
Country) and on its coverage: every sovereign state, Palestine and the
territories news names, with adjectives and capitals.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from exporter.countries import (
    Country,
    CountryRef,
    countries,
    country_by_code,
    country_matcher,
    find_country,
    grouping_forms,
    groupings,
)
from exporter.normalize import normalize
from exporter.resources import load_json

CASES = json.loads((Path(__file__).parent / "cases" / "countries.json").read_text(encoding="utf-8"))
# UN members (193), the Holy See and Palestine
SOVEREIGN = 195


@pytest.mark.parametrize("case", CASES["matches"], ids=[c["text"] for c in CASES["matches"]])
def test_running_text(case):
    hits = country_matcher().finditer_norm(normalize(case["text"]))
    found = [[ref.country.code, ref.form] for _a, _b, _p, ref in hits]
    assert found == case["found"]


@pytest.mark.parametrize("case", CASES["lookups"], ids=[c["phrase"] for c in CASES["lookups"]])
def test_lookup(case):
    ref = find_country(case["phrase"])
    assert (None if ref is None else [ref.country.code, ref.form]) == case["expected"]


def test_every_sovereign_state_and_the_territories():
    records = load_json("countries.json")["countries"]
    codes = [c["code"] for c in records]
    assert len(codes) == len(set(codes)) and all(re.fullmatch("[A-Z]{2}", c) for c in codes)
    states = [c for c in records if c.get("kind", "state") == "state"]
    assert len(states) == SOVEREIGN
    assert {"PS", "VA", "XK", "TW", "EH", "HK"} <= set(codes)
    for c in records:
        assert c["name"] and c["name_en"]
    with_capital = [c for c in states if c.get("capitals")]
    assert len(with_capital) >= SOVEREIGN - 15  # city-states are named by their country name


def test_adjectives_come_in_every_form():
    pk = next(c for c in load_json("countries.json")["countries"] if c["code"] == "PK")
    assert {"الباكستاني", "الباكستانية", "الباكستانيون", "الباكستانيين", "الباكستانيان"} <= set(pk["adjectives"])


def test_no_form_names_two_countries():
    owner: dict[str, str] = {}
    for c in load_json("countries.json")["countries"]:
        for form in [c["name"], *c.get("variants", []), *c.get("adjectives", []), *c.get("capitals", [])]:
            key = normalize(form).replace(" ", "")
            if key in owner and owner[key] != c["code"]:
                assert form in c.get("ambiguous", []), (form, owner[key], c["code"])
            owner.setdefault(key, c["code"])


def test_api_stays_stable():
    iran = countries()["IR"]
    assert isinstance(iran, Country) and (iran.code, iran.name, iran.name_en) == ("IR", "إيران", "Iran")
    assert Country("XX", "س", "X").code == "XX"  # positional construction still works
    assert CountryRef(iran, "capital").form == "capital"
    assert country_by_code("pk").capital_en == "Islamabad"
    hit = next(iter(country_matcher().finditer_norm(normalize("قالت طهران"))))
    assert hit[3] == CountryRef(iran, "capital")


def test_groupings_name_real_states():
    """Every grouping's members are catalogued states; a counted grouping has as many members as its count
    says, and every form is reachable (no two groupings share a form)."""
    table = countries()
    owner: dict[str, str] = {}
    for g in groupings().values():
        assert g.members and len(set(g.members)) == len(g.members) and set(g.members) <= set(table), g.code
        catalogue = {o["code"] for o in load_json("organisations.json")["catalogue"]}
        assert g.organisation is None or g.organisation in catalogue
        assert g.counted_organisation is None or g.counted_organisation in catalogue
    for form, grouping, _numbered in grouping_forms():
        key = normalize(form)
        assert owner.setdefault(key, grouping.code) == grouping.code, form


@pytest.mark.parametrize("code,members", [("UMA-STATES", {"MA", "DZ", "TN", "LY", "MR"}),
                                          ("GCCS", {"SA", "AE", "KW", "QA", "BH", "OM"}),
                                          ("WORLD-POWERS", {"US", "CN", "RU", "FR", "GB", "DE"})])
def test_grouping_members(code, members):
    assert set(groupings()[code].members) == members
