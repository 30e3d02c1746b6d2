"""Words of the normalised article text, with offsets into ``article.norm``.

The agreement rules read words and punctuation in order (who comes before
the trigger, where the على is, where a term stops). Working on the
normalised text keeps every comparison spelling-proof; spans are mapped
back to ``article.text`` only when the document is built.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from ...segment import Article

_TOKEN = re.compile(r"\w+|[^\w\s]")
QUOTES_OPEN = frozenset("«\u201c\u201e\"'\u2018")
QUOTES_CLOSE = frozenset("»\u201d\"'\u2019")
COMMAS = frozenset("،,")


class Tok(NamedTuple):
    a: int  # offsets in article.norm
    b: int
    w: str  # the normalised word or punctuation mark


class PhraseSet:
    """Multi-word phrases (tuples of normalised words) indexed by their first word, longest first."""

    def __init__(self, phrases: tuple[tuple[str, ...], ...]):
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for p in sorted(phrases, key=len, reverse=True):
            by_first.setdefault(p[0], []).append(p)
        self.by_first = {k: tuple(v) for k, v in by_first.items()}

    def __iter__(self):
        return (p for v in self.by_first.values() for p in v)


class Words:
    """The article's tokens, sentence bounds and paragraph bounds in normalised offsets."""

    def __init__(self, article: Article, ranges: list[tuple[int, int]] | None = None):
        norm = article.norm
        self.article = article
        self.norm = norm
        # Only the parts of the article that can matter are read (whole sentences, see agreements.extract).
        self.ranges = ranges if ranges is not None else [(0, len(norm))]
        self.toks: list[Tok] = [Tok(m.start(), m.end(), m.group()) for a, b in self.ranges
                                for m in _TOKEN.finditer(norm, a, b)]
        self.starts = [t.a for t in self.toks]
        self.sentences: list[tuple[int, int]] = []
        previous = None
        for s in article.sentences:
            span = (article.norm_index(s.start), article.norm_index(s.end))
            # "قمة ثالثة... في بانمونجوم": an ellipsis inside a clause does not end the sentence
            if previous is not None and previous.paragraph == s.paragraph and previous.text.rstrip("\"'»”").endswith(
                    ("...", "…")):
                span = (self.sentences.pop()[0], span[1])
            self.sentences.append(span)
            previous = s
        self.sentence_starts = [s for s, _ in self.sentences]
        self.paragraphs = [(article.norm_index(p.start), article.norm_index(p.end)) for p in article.paragraphs]
        self.paragraph_starts = [a for a, _ in self.paragraphs]

    def __len__(self) -> int:
        return len(self.toks)

    def index_at(self, pos: int) -> int:
        """Index of the first token that ends after ``pos`` (the token containing it, or the next)."""
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.toks[i].b > pos:
            return i
        return i + 1

    def index_from(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect_left(self.starts, pos)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        k = bisect_right(self.sentence_starts, pos) - 1
        if k < 0:
            return (0, len(self.norm))
        return self.sentences[k]

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect_right(self.sentence_starts, pos) - 1)

    def paragraph_index(self, pos: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, pos) - 1)

    def same_paragraph(self, a: int, b: int) -> bool:
        return self.paragraph_index(a) == self.paragraph_index(b)

    def word(self, i: int) -> str:
        return self.toks[i].w if 0 <= i < len(self.toks) else ""

    def matches(self, i: int, phrase: tuple[str, ...]) -> bool:
        """Whether the tokens from ``i`` spell ``phrase`` (the first word may carry a و/ف clitic)."""
        if i + len(phrase) > len(self.toks):
            return False
        for k, p in enumerate(phrase):
            w = self.toks[i + k].w
            if w != p and not (k == 0 and len(w) == len(p) + 1 and w[0] in "وف" and w[1:] == p):
                return False
        return True

    def match_any(self, i: int, phrases: PhraseSet) -> tuple[str, ...] | None:
        if i >= len(self.toks):
            return None
        w = self.toks[i].w
        candidates = phrases.by_first.get(w, ())
        if w[:1] in "وف" and len(w) > 1:
            candidates = candidates + phrases.by_first.get(w[1:], ())
        for p in candidates:
            if self.matches(i, p):
                return p
        return None

    def text_span(self, a: int, b: int) -> tuple[int, int]:
        return self.article.span(a, b)

    def text(self, a: int, b: int) -> str:
        s, e = self.article.span(a, b)
        return self.article.text[s:e]
