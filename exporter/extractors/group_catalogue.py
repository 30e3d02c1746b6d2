"""The group catalogue (``data/groups.json``) and the word lists that go with it.

Loaded once per process. Everything the group extractor looks up is built
here: the phrase matcher over every catalogued form (with the
``not_groups`` phrases first, so a state body that contains a group's name
swallows it), the skeleton index for misspellings, and the small word sets
of ``data/group_rules.json`` (descriptors, member nouns, trailing words).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..fuzzy import SkeletonIndex
from ..lexicon import PhraseMatcher
from ..normalize import normalize
from ..resources import load_json


@dataclass(frozen=True)
class Entry:
    """One catalogued organisation."""

    id: str
    name: str
    name_en: str
    category: str
    generic: bool  # the name is shared by several organisations (see groups.json "_fields")
    licence: frozenset[str]  # normalised words that license a weak form right after them
    context: tuple[str, ...]  # normalised words: a weak form counts only if one is in the article
    context_suffices: bool  # a weak form needs no licence when the context is there (حماس in a Gaza story)
    not_followed_by: frozenset[str]  # normalised words that make a form right before them an ordinary word
    licensed_only: frozenset[str] = frozenset()  # normalised weak forms that count only right after a licence
    readings: tuple[tuple[str, str], ...] = ()  # (country code, entry id): what a shared name means in that country


@dataclass(frozen=True)
class Form:
    """A catalogued spelling of an entry, as the phrase matcher returns it."""

    entry: Entry
    norm: str  # normalised form
    weak: bool  # an ordinary word too: counts only when licensed
    licensed_only: bool = False  # counts only right after a licence or member word (عضو ديمقراطي)


def norm_set(words: list[str]) -> frozenset[str]:
    """The normalised forms of a word list."""
    return frozenset(normalize(w) for w in words)


def find_words(norm: str, phrase: str) -> Iterator[tuple[int, int]]:
    """Spans of normalised ``phrase`` in ``norm`` as whole words (attached و ف ب ل ك allowed before it).

    Plain substring search: for a handful of words per article this beats a
    regex scan of the whole text.
    """
    i = norm.find(phrase)
    while i >= 0:
        j = i + len(phrase)
        if j == len(norm) or not norm[j].isalnum():
            k = i
            while k > 0 and i - k < 2 and norm[k - 1] in "وفبلك":
                k -= 1
            if k == 0 or not norm[k - 1].isalnum():
                yield i, j
        i = norm.find(phrase, i + 1)


def in_context(entry: Entry, norm: str) -> bool:
    """Whether the article has one of the entry's context words (or the entry needs none)."""
    return not entry.context or any(next(find_words(norm, w), None) for w in entry.context)


def _attach(noun: str, rest: str) -> str:
    """``noun`` + ``rest``; a noun ending in a detached ل takes the next word (الموالية ل + الرئيس:
    الموالية للرئيس)."""
    if not noun.endswith(" ل"):
        return f"{noun} {rest}"
    return noun + (rest[1:] if rest.startswith("ال") else rest)


def loyalist_forms(loyalists: dict[str, list[str]]) -> list[str]:
    """The forms naming the forces and followers of a leader (an entry's ``loyalists``).

    Every loyalist noun of ``data/group_rules.json`` (قوات، أنصار، أتباع،
    القوات الموالية ل …) combined with every way of naming the leader, with
    and without a title: أنصار صالح، القوات الموالية للرئيس المخلوع علي عبد الله صالح.
    """
    leaders = [f"{title} {name}" for title in ["", *loyalists.get("titles", [])] for name in loyalists["names"]]
    return [_attach(noun, leader.strip()) for noun in rules()["loyalists"]["nouns"] for leader in leaders]


@lru_cache(maxsize=1)
def entries() -> tuple[tuple[Entry, list[str], list[str]], ...]:
    """(entry, strong forms, weak forms) for every catalogued organisation, in file order."""
    out = []
    for g in load_json("groups.json")["groups"]:
        weak = list(g.get("weak", [])) + list(g.get("licensed_only", []))
        named = [g["name"], *g.get("variants", [])]
        if "loyalists" in g:
            named += loyalist_forms(g["loyalists"])
        strong = list(dict.fromkeys(f for f in named if f not in weak))
        entry = Entry(
            g["id"], g["name"], g["name_en"], g["category"], bool(g.get("generic")),
            norm_set(g.get("licence", [])), tuple(normalize(w) for w in g.get("context", [])),
            bool(g.get("context_suffices")),
            norm_set(g.get("not_followed_by", [])), norm_set(g.get("licensed_only", [])),
            tuple(g.get("readings", {}).items()),
        )
        out.append((entry, strong, weak))
    return tuple(out)


@lru_cache(maxsize=1)
def entry_by_id() -> dict[str, Entry]:
    """Every catalogued organisation by id."""
    return {entry.id: entry for entry, _strong, _weak in entries()}


#: The value of a ``not_groups`` phrase in the catalogue matcher: matched, so the text is taken, but no group.
NOT_A_GROUP = "not a group"


@lru_cache(maxsize=1)
def catalogue_matcher() -> PhraseMatcher[Form | str]:
    """Every catalogued form (strong and weak), with clitics and ال; ``not_groups`` phrases give :data:`NOT_A_GROUP`."""
    phrases: list[tuple[str, Form | str]] = [(p, NOT_A_GROUP) for p in rules()["not_groups"]["phrases"]]
    for entry, strong, weak in entries():
        phrases += [(f, Form(entry, normalize(f), False)) for f in strong]
        phrases += [(f, Form(entry, normalize(f), True, normalize(f) in entry.licensed_only)) for f in weak]
    return PhraseMatcher(phrases, clitics=True, article=True)


@lru_cache(maxsize=1)
def group_matcher() -> PhraseMatcher[dict[str, Any]]:
    """Strong catalogued forms → the organisation's catalogue record (id, name, name_en, category …).

    For other extractors that need to know a phrase names a group (the
    agreement extractor's parties); weak forms (فتح، القاعدة) are left out
    because they need the group extractor's licensing.
    """
    records = {g["id"]: g for g in load_json("groups.json")["groups"]}
    return PhraseMatcher(
        [(f, records[entry.id]) for entry, strong, _weak in entries() for f in strong], clitics=True, article=True
    )


@lru_cache(maxsize=1)
def skeleton_index() -> SkeletonIndex[Entry]:
    """Strong multi-word forms for spelling-tolerant matching; generic names match only exactly."""
    heads = [normalize(h) for h in rules()["discovery"]["heads"]]
    return SkeletonIndex(
        ((normalize(f), entry, entry.generic) for entry, strong, _weak in entries() for f in strong), heads
    )


@lru_cache(maxsize=1)
def rules() -> dict:
    """``data/group_rules.json`` as loaded."""
    return load_json("group_rules.json")


@lru_cache(maxsize=1)
def descriptor_regex() -> re.Pattern[str]:
    """A descriptor noun (with its clitics) ending right before a name, optionally with an opening mark.

    Searched with ``endpos`` = the name's start in normalised text, so ``$``
    anchors it to the name.
    """
    words = sorted({normalize(w) for w in rules()["descriptors"]["words"]}, key=len, reverse=True)
    return re.compile(
        r"(?<![\w])(?:[وف]?[بلك]?)(?P<desc>" + "|".join(map(re.escape, words)) + r") (?P<open>[\"«“'(/])?$"
    )


@lru_cache(maxsize=1)
def member_words() -> frozenset[str]:
    return norm_set(rules()["members"]["words"])


@lru_cache(maxsize=1)
def affiliation_words() -> frozenset[str]:
    """Person nouns that, like the member words, license an entry's ``licensed_only`` forms (القيادي الإخواني)."""
    return member_words() | norm_set(rules()["affiliation"]["words"])


@lru_cache(maxsize=1)
def unit_words() -> frozenset[str]:
    """Armed-unit nouns (كتيبة، سرايا): a catalogued name after one names that unit, not the group."""
    return norm_set(rules()["units"]["words"])


@lru_cache(maxsize=1)
def trailing_words() -> frozenset[str]:
    return norm_set(rules()["trailing"]["words"])


def _opening_words(phrase: str) -> set[str]:
    """How the first word of a normalised phrase can look in a token once clitics are gone."""
    first = phrase.split(" ", 1)[0]
    return {first, first[2:]} if first.startswith("ال") and len(first) > 3 else {first}


@lru_cache(maxsize=1)
def opening_words() -> frozenset[str]:
    """First words of every catalogued form and ``not_groups`` phrase, with and without ال.

    The catalogue matcher only needs to run where a token can open a form,
    which is what makes it cheap on long articles.
    """
    words: set[str] = set()
    for phrase in rules()["not_groups"]["phrases"]:
        words |= _opening_words(normalize(phrase))
    for _entry, strong, weak in entries():
        for f in strong + weak:
            words |= _opening_words(normalize(f))
    return frozenset(words)
