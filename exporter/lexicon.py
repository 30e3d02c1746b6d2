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
_WORD = r"[\w\u0600-\u06ff]"


def _compact(norm: str) -> str:
    return norm.replace(" ", "")


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
        alternatives = sorted(set(self._phrases), key=len, reverse=True)
        # "إسلام آباد" also matches "إسلامآباد": a space in a phrase is optional.
        body = "|".join(re.escape(a).replace(" ", " ?") for a in alternatives)
        pre = "(?P<pre>" + "|".join(CLITICS) + ")?" if clitics else "(?P<pre>)"
        art = "(?P<art>ال|(?<=ل)ل)?" if article else "(?P<art>)"
        self._regex = re.compile(rf"(?<!{_WORD}){pre}{art}(?P<body>{body})(?!{_WORD})")

    def __bool__(self) -> bool:
        return self._regex is not None

    def _lookup(self, body: str, art: str) -> T | None:
        key = _compact(body)
        if art and self._article:
            value = self._values.get("ال" + key)
            if value is not None:
                return value
        return self._values.get(key)

    def finditer_norm(self, norm: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str, T]]:
        """(norm_start, norm_end, prefix, value) for each hit in ``norm[start:end]``."""
        if self._regex is None:
            return
        for m in self._regex.finditer(norm, start, len(norm) if end is None else end):
            value = self._lookup(m.group("body"), m.group("art") or "")
            if value is None:
                continue
            art = m.group("art") or ""
            with_article = art and ("ال" + _compact(m.group("body"))) in self._values
            body_start = m.start("art") if with_article else m.start("body")
            prefix = (m.group("pre") or "") + ("" if with_article else art)
            yield body_start, m.end("body"), prefix, value

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
