"""The group catalogue (exporter/data/groups.json) and word lists (group_rules.json) are well formed.

Every later edit of the data files goes through these checks: ids stable
and unique, categories from the schema, no spelling claimed by two
organisations, every field the extractor reads present and of the right
kind.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from exporter.extractors.group_catalogue import entries, loyalist_forms
from exporter.normalize import normalize
from exporter.resources import load_json, schema_path

CATALOGUE = load_json("groups.json")
GROUPS = CATALOGUE["groups"]
RULES = load_json("group_rules.json")
KNOWN_FIELDS = {"id", "name", "name_en", "category", "variants", "weak", "licence", "context", "context_suffices",
                "not_followed_by", "generic", "licensed_only", "loyalists", "readings"}


def schema_categories() -> set[str]:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    return set(schema["$defs"]["group"]["properties"]["category"]["enum"])


def test_size_and_header():
    assert len(GROUPS) >= 250
    assert CATALOGUE["_sources"].strip() and CATALOGUE["_about"].strip()
    assert set(CATALOGUE["_fields"]) == KNOWN_FIELDS - {"id", "name", "name_en", "category", "variants"}


def test_entries_are_complete():
    categories = schema_categories()
    for g in GROUPS:
        assert set(g) <= KNOWN_FIELDS, g["id"]
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", g["id"]), g["id"]
        assert g["name"].strip() and g["name_en"].strip(), g["id"]
        assert g["category"] in categories, g["id"]
        assert isinstance(g["variants"], list), g["id"]
        for key in ("weak", "licence", "context", "not_followed_by", "licensed_only"):
            assert all(isinstance(w, str) and w.strip() for w in g.get(key, [])), (g["id"], key)
        assert not set(g.get("weak", [])) & set(g["variants"]), g["id"]
        assert not set(g.get("licensed_only", [])) & set(g["variants"] + g.get("weak", [])), g["id"]
        if "loyalists" in g:
            assert set(g["loyalists"]) <= {"names", "titles"} and g["loyalists"]["names"], g["id"]


def test_ids_are_unique():
    assert not [i for i, n in Counter(g["id"] for g in GROUPS).items() if n > 1]


def test_no_spelling_belongs_to_two_organisations():
    owner: dict[str, str] = {}
    for entry, strong, weak in entries():  # loyalist forms included
        for form in {*strong, *weak}:
            key = normalize(form).replace(" ", "")
            assert owner.setdefault(key, entry.id) == entry.id, (form, owner[key], entry.id)


def test_loyalist_forms():
    """A leader's forces and followers, with and without titles; a detached ل joins the next word."""
    forms = set(loyalist_forms({"names": ["صالح", "علي عبد الله صالح"], "titles": ["الرئيس المخلوع"]}))
    assert {"قوات صالح", "أنصار صالح", "أتباع الرئيس المخلوع علي عبد الله صالح", "القوات الموالية لصالح",
            "القوات الموالية للرئيس المخلوع علي عبد الله صالح"} <= forms
    assert not [f for f in forms if " ل " in f or f.endswith(" ل")]


def test_no_catalogued_form_is_also_a_non_group_phrase():
    blocked = {normalize(p) for p in RULES["not_groups"]["phrases"]}
    for g in GROUPS:
        for form in [g["name"], *g["variants"], *g.get("weak", [])]:
            assert normalize(form) not in blocked, (g["id"], form)


def test_regions_and_kinds_the_issue_names_are_covered():
    ids = {g["id"] for g in GROUPS}
    assert {"hamas", "hezbollah", "isis", "al-qaeda", "houthis", "taliban", "ttp", "pkk", "jaish-al-adl", "blf", "bla",
            "muslim-brotherhood", "polisario", "al-shabaab", "boko-haram", "jem", "ennahda", "kdp", "puk"} <= ids
    # opposition bodies, militias and parties of the Syrian, Yemeni, Libyan and Iraqi conflicts
    assert {"fsa", "srgc", "lcc-syria", "syrian-national-council", "shabiha", "ndf-syria", "saleh-forces", "jmp-yemen",
            "stc", "libya-shield", "libya-dawn", "pmf", "sadrist-movement", "coordination-framework"} <= ids
    assert {g["category"] for g in GROUPS} == schema_categories()


def test_rule_lists():
    discovery = RULES["discovery"]
    categories = schema_categories()
    for head, (category, mode) in discovery["heads"].items():
        assert category in categories and mode in {"open", "lexical", "quoted"}, head
    for key in ("blocked_before", "kunya", "compound_second", "name_words", "construct_words", "state_words",
                "unnamed_words", "event_words", "function_words"):
        assert discovery[key] and all(isinstance(w, str) and w.strip() for w in discovery[key]), key
    # a word cannot both open a name and mark a plain noun
    assert not {normalize(w) for w in discovery["name_words"]} & {normalize(w) for w in discovery["unnamed_words"]}
    for key in ("descriptors", "members", "affiliation", "trailing"):
        assert RULES[key]["words"], key
    assert RULES["loyalists"]["nouns"]
