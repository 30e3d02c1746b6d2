"""The article's normalised words, for the group extractor's word-level passes.

Spelling-tolerant matching and head-noun discovery both walk the words of
the normalised text. ``article.norm`` has exactly one space between words,
so splitting on it and summing lengths gives every word's position without
a regex pass; what a word *is* (its punctuation, clitics, skeleton) depends
only on its spelling, so it is computed once per distinct spelling and kept
in a bounded process-wide cache.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from operator import add

from ..fuzzy import rest_key, word_skeleton

# Attached conjunctions/prepositions, longest first ("" = none).
CLITIC_PREFIXES = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
OPENERS = "\"«“'(/‘[{"
CLOSERS = "\"»”')/’]}"
_SHAPE = re.compile(r"([^\w]*)(\w+)([^\w]*)")
_GLUED = re.compile(r"(.*[^\w])(\w+)([^\w]*)")  # punctuation inside: the last run of letters is the word
_CACHE_LIMIT = 50_000


@dataclass(frozen=True, slots=True)
class Word:
    """One space-separated word of the normalised text, taken apart."""

    lead: str  # punctuation before the letters (an opening quote or bracket)
    body: str  # the letters, clitics included
    tail: str  # punctuation after the letters
    skeleton: str  # consonant skeleton of the body (see exporter.fuzzy)
    rest_key: str  # what the skeleton index keys on when this word follows a name's first word
    glued: bool = False  # other words are glued to it by punctuation (داعش،وقال، و"جيش): they are in ``lead``



_CLITIC_START = frozenset(p[0] for p in CLITIC_PREFIXES)


def clitic_readings(body: str) -> list[tuple[str, str]]:
    """(clitic prefix, rest) readings of a word, the unprefixed reading first (لجبهة → ل + جبهة)."""
    if not body or body[0] not in _CLITIC_START:
        return [("", body)]
    return [("", body)] + [(p, body[len(p) :]) for p in CLITIC_PREFIXES
                           if body.startswith(p) and len(body) - len(p) >= 2]


_EMPTY = Word("", "", "", "", "")
_cache: dict[str, Word] = {}


def parse_word(token: str) -> Word:
    """The parts of a normalised token (cached per spelling)."""
    word = _cache.get(token)
    if word is None and token.isalnum():  # most words: letters only
        skeleton = word_skeleton(token)
        word = _cache[token] = Word("", token, "", skeleton, rest_key(skeleton))
    if word is None:
        glued = False
        m = _SHAPE.fullmatch(token)
        if m is None:
            m = _GLUED.fullmatch(token)
            glued = True
        if m is None:
            word = _EMPTY
        else:
            skeleton = word_skeleton(m.group(2))
            word = Word(m.group(1), m.group(2), m.group(3), skeleton, rest_key(skeleton), glued)
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        _cache[token] = word
    return word


class Words:
    """The normalised text as a list of words with their start offsets."""

    def __init__(self, norm: str):
        self.norm = norm
        self.tokens = norm.split(" ") if norm else []

    @cached_property
    def _lengths(self) -> list[int]:
        """Total length of the tokens before each token (spaces not counted)."""
        return list(accumulate(map(len, self.tokens), initial=0))

    def start(self, i: int) -> int:
        """Offset in ``norm`` of token ``i``: the lengths before it plus one space each."""
        return self._lengths[i] + i

    def __len__(self) -> int:
        return len(self.tokens)

    def word(self, i: int) -> Word:
        return parse_word(self.tokens[i])

    def body_span(self, i: int, prefix: str = "") -> tuple[int, int]:
        """Normalised span of token ``i``'s letters, after ``prefix`` clitics."""
        w = self.word(i)
        start = self.start(i) + len(w.lead)
        return start + len(prefix), start + len(w.body)

    @cached_property
    def _starts(self) -> list[int]:
        return list(map(add, self._lengths, range(len(self.tokens))))

    def index_at(self, pos: int) -> int:
        """Index of the token that contains normalised offset ``pos``."""
        return bisect_right(self._starts, pos) - 1
