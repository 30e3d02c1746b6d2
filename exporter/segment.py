"""Paragraphs, sentences and tokens with character offsets into the text.

Extractors work on this segmented view, never on raw strings, so every
item they produce can carry a span into the document's ``text``. The view
also holds the normalised text and its offset map (see
:mod:`exporter.normalize`), computed once per article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .normalize import OffsetMap, normalize_map, span_in_text

# A sentence ends at . ! ? ؟ … (optionally followed by closing quotes or
# brackets) before whitespace. Not after a one-letter abbreviation
# (أ.ف.ب, د.ب.أ) or between digits (1.5, 11,00).
_SENTENCE_END = re.compile(r"(?:[.!?؟…]+|\.{3})[\"'»”’)\]]*(?=\s|$)")
_TOKEN = re.compile(r"[\w\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index into Article.paragraphs


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...] = ()


@dataclass
class Article:
    """An article's text with its segmentation, shared by all extractors."""

    text: str
    paragraphs: list[Paragraph] = field(default_factory=list)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]

    @cached_property
    def _norm(self) -> tuple[str, list[int]]:
        return normalize_map(self.text)

    @property
    def norm(self) -> str:
        """The whole text normalised for matching (see :mod:`exporter.normalize`)."""
        return self._norm[0]

    @property
    def norm_starts(self) -> OffsetMap:
        return self._norm[1]

    def norm_index(self, pos: int) -> int:
        """Index in :attr:`norm` of the first normalised character at or after ``pos`` in text."""
        return self._norm[1].norm_index(pos)

    def span(self, norm_start: int, norm_end: int) -> tuple[int, int]:
        """Text span for the normalised slice ``norm[norm_start:norm_end]``."""
        return span_in_text(self.norm_starts, self.text, norm_start, norm_end)

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence that contains text position ``pos``."""
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return None

    def paragraph_at(self, pos: int) -> Paragraph | None:
        for p in self.paragraphs:
            if p.start <= pos < p.end:
                return p
        return None


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Words and punctuation marks of ``text`` with offsets (shifted by ``offset``)."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, start: int, end: int, paragraph: int) -> tuple[Sentence, ...]:
    """Sentences of ``text[start:end]`` (one paragraph)."""
    out: list[Sentence] = []
    chunk = text[start:end]
    cursor = 0
    for m in _SENTENCE_END.finditer(chunk):
        stop = m.end()
        mark = m.group()
        # single-letter abbreviation before a period: "أ.ف.ب" / "د.ب.أ"
        if mark.startswith(".") and m.start() >= 1:
            before = chunk[max(0, m.start() - 2) : m.start()]
            if len(before) == 2 and (before[0] in " .\n(" or m.start() == 1) and before[1].isalpha():
                continue
        s, e = _strip_span(text, start + cursor, start + stop)
        if e > s:
            out.append(Sentence(s, e, text[s:e], paragraph))
        cursor = stop
    s, e = _strip_span(text, start + cursor, end)
    if e > s:
        out.append(Sentence(s, e, text[s:e], paragraph))
    return tuple(out)


def segment(text: str) -> Article:
    """Split ``text`` into paragraphs (non-empty lines) and sentences."""
    paragraphs: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        s, e = _strip_span(text, pos, pos + len(line))
        if e > s:
            index = len(paragraphs)
            paragraphs.append(Paragraph(s, e, text[s:e], split_sentences(text, s, e, index)))
        pos += len(line) + 1
    return Article(text=text, paragraphs=paragraphs)
