"""Matching lexicon phrases (agencies, places, cues, group names …) in an article.

Every extractor that looks words up goes through :class:`PhraseMatcher`, so
normalisation, word boundaries and Arabic clitic prefixes are handled the
same way everywhere and every hit comes back with its span in the original
text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from .normalize import normalize
from .segment import Article

T = TypeVar("T")

# Proclitics that attach to a noun in running text: و ف (conjunctions),
# ب ل ك (prepositions), and their combinations; ال is handled separately.
CLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
# A letter of a word: \w plus Arabic combining marks, but not Arabic punctuation
# (، ؛ ؟ ٪ ۔ lie inside U+0600–U+06FF too, and a name followed by a comma must match).
_WORD = r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"


def _compact(norm: str) -> str:
    return norm.replace(" ", "")


def trie_pattern(phrases: Iterable[str]) -> str:
    """One regex alternation for ``phrases``, factored as a prefix tree.

    Matches the same strings as ``"|".join(sorted(phrases, key=len, reverse=True))``
    and also prefers the longest phrase at a position (greedy optional
    branches), but the regex engine tests one branch per character instead of
    every phrase at every position: lexicons of thousands of forms (countries,
    cues) cost a few microseconds per kilobyte instead of milliseconds. A space
    in a phrase is optional ("إسلام آباد" also matches "إسلامآباد").
    """
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [(" ?" if ch == " " else re.escape(ch)) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a phrase ends here: the longer ones are optional, tried first
            return f"(?:{group})?"
        return group

    return build(root)


@dataclass(frozen=True)
class Hit(Generic[T]):
    """A lexicon phrase found in the text."""

    start: int  # span in article.text, covering the phrase without any clitic
    end: int
    text: str  # article.text[start:end]
    value: T
    prefix: str  # the normalised clitic(s) before the phrase, '' when none
    norm_start: int  # span in article.norm (phrase only)
    norm_end: int


class PhraseMatcher(Generic[T]):
    """Finds normalised phrases as whole words, longest first.

    ``clitics``: allow attached prefixes (و، ف، ب، ل، ك and pairs) before the
    phrase. ``article``: also accept the phrase with or without ال (and ل+ال
    written لل) when the lexicon form has or lacks it.
    """

    def __init__(self, entries: Iterable[tuple[str, T]], *, clitics: bool = False, article: bool = False):
        self._values: dict[str, T] = {}  # compact (space-free) normalised form -> value
        self._phrases: list[str] = []
        for phrase, value in entries:
            key = normalize(phrase)
            if key and _compact(key) not in self._values:
                self._values[_compact(key)] = value
                self._phrases.append(key)
        self._article = article
        if not self._values:
            self._regex = None
            return
        bodies = set(self._phrases)
        if article:
            # "للجزائر" is ل + "الجزائر" with the alef dropped: let the regex see the bare
            # body after the article group; _hit maps it back to the ال form.
            bodies |= {p[2:] for p in self._phrases if p.startswith("ال") and len(p) > 3}
        body = trie_pattern(bodies)
        pre = "(?P<pre>" + "|".join(CLITICS) + ")?" if clitics else "(?P<pre>)"
        art = "(?P<art>ال|(?<=ل)ل)?" if article else "(?P<art>)"
        self._regex = re.compile(rf"(?<!{_WORD}){pre}{art}(?P<body>{body})(?!{_WORD})")

    def __bool__(self) -> bool:
        return self._regex is not None

    def _hit(self, m: re.Match[str]) -> tuple[int, int, str, T] | None:
        # each group read once: this runs for every hit
        pre, art, body = m.group("pre", "art", "body")
        key = _compact(body) if " " in body else body
        values = self._values
        with_article = bool(art) and ("ال" + key) in values
        value = values.get("ال" + key) if art and self._article else None
        if value is None:
            value = values.get(key)
            if value is None:
                return None
        if with_article:
            return m.start("art"), m.end("body"), pre or "", value
        body_start, body_end = m.span("body")
        return body_start, body_end, (pre or "") + (art or ""), value

    def finditer_norm(self, norm: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str, T]]:
        """(norm_start, norm_end, prefix, value) for each hit in ``norm[start:end]``."""
        if self._regex is None:
            return
        for m in self._regex.finditer(norm, start, len(norm) if end is None else end):
            hit = self._hit(m)
            if hit is not None:
                yield hit

    def match_norm(self, norm: str, pos: int, end: int | None = None) -> tuple[int, int, str, T] | None:
        """The hit that starts exactly at ``pos`` (clitics included), as :meth:`finditer_norm` gives it.

        For callers that already know where words start: one anchored match
        instead of a scan, e.g. only at the words that can open a phrase.
        """
        if self._regex is None:
            return None
        m = self._regex.match(norm, pos, len(norm) if end is None else end)
        return self._hit(m) if m is not None else None

    def matches_at(self, norm: str, positions: Iterable[int]) -> list[tuple[int, int, str, T]]:
        """Non-overlapping hits anchored at ``positions`` (ascending), as :meth:`finditer_norm` gives them
        when every phrase of the text starts at one of those positions."""
        hits: list[tuple[int, int, str, T]] = []
        end = -1
        for pos in positions:
            if pos < end:
                continue
            hit = self.match_norm(norm, pos)
            if hit is not None:
                hits.append(hit)
                end = hit[1]
        return hits

    def finditer(self, article: Article, start: int = 0, end: int | None = None) -> Iterator[Hit[T]]:
        """Hits inside ``article.text[start:end]`` with spans into the text."""
        n_start = article.norm_index(start)
        n_end = article.norm_index(end) if end is not None else len(article.norm)
        for a, b, prefix, value in self.finditer_norm(article.norm, n_start, n_end):
            s, e = article.span(a, b)
            yield Hit(s, e, article.text[s:e], value, prefix, a, b)

    def lookup(self, phrase: str) -> T | None:
        """Exact lookup of a phrase (normalised), e.g. a dateline's place name."""
        key = _compact(normalize(phrase))
        value = self._values.get(key)
        if value is None and self._article:
            value = self._values.get(key[2:]) if key.startswith("ال") else self._values.get("ال" + key)
        return value
