"""Which sentences of an article are worth tokenising for its agreements.

Tokenising and indexing party mentions is most of the cost of reading an
article, and an agreement is told in few of its sentences: the headline, the
sentence of each possible act with the two before it (where its parties or
their antecedents are named), a numbered list of terms after it, and a later
sentence stating its provisions (تتضمن المذكرة …، كما ستتولى المندوبية …).
Parties are looked for only in the first kind: lists and provisions only add
terms.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from ...lexicon import trie_pattern
from ...segment import Article
from .triggers import Hit

_CONTEXT_BEFORE = 2  # sentences before a trigger where its parties or their antecedents may be named
_PROVISIONS_AFTER = 8  # sentences after a trigger in which its provisions may be stated
# the words that open a later provision (وتنص المذكرة على …، بموجب الاتفاق …) or a party's undertaking under it
_PROVISION_STEMS = ("تتضمن", "يتضمن", "تضمن", "ينص", "تنص", "نص ال", "يقضي", "تقضي", "تشترط", "يشترط", "تشمل",
                    "يشمل", "شملت", "تؤسس", "بموجب", "بمقتضي", "وفقا ل", "طبقا ل")
_UNDERTAKING_STEMS = ("تتولي", "يتولي", "تلتزم", "يلتزم", "تتكفل", "يتكفل", "تتعهد", "يتعهد")
_PROVISION_RE = re.compile(trie_pattern(_PROVISION_STEMS + _UNDERTAKING_STEMS))
_NUMBERED_LINE = re.compile(r"\s*(?:[0-9٠-٩]+\s*[-–.)]|[-–—•*·▪●◦])")  # a numbered or bulleted line

Span = tuple[int, int]


def reading_ranges(article: Article, hits: list[Hit], spans: list[Span], headline: dict[str, Any] | None = None
                   ) -> tuple[list[Span], list[Span]]:
    """The normalised spans worth reading: the headline, each possible act with the sentences before it
    (antecedents), lists of terms and later sentences stating provisions; and, among them, those where
    parties are looked for (not the lists and provisions, which only add terms)."""
    norm = article.norm
    sentences = article.sentences
    starts = [a for a, _ in spans]
    if headline:  # the headline's sentences (a first paragraph may be the whole story)
        hs, he = headline["span"]
        keep: set[int] = {k for k, s in enumerate(sentences) if s.start < he and s.end > hs}
    else:
        keep = {k for k, s in enumerate(sentences[:1]) if s.paragraph == 0}
    after: set[int] = set()  # sentences after an act, where its provisions may be stated
    for a, _b, _p, _tf in hits:
        k = max(0, bisect_right(starts, a) - 1)
        keep.update(range(max(0, k - _CONTEXT_BEFORE), min(len(spans), k + 1)))
        if k + 1 < len(spans) and norm.find("طرف", spans[k][0], spans[k][1]) >= 0:
            keep.add(k + 1)  # طرفا النزاع may be named in the next sentence (Resolver._sides_named_next)
        after.update(range(k + 1, min(len(spans), k + 1 + _PROVISIONS_AFTER)))
        _keep_list(article, k + 1, keep)  # a list of terms (1- …، 2- …، • …)
    parties = set(keep)
    after -= keep
    if after:  # one scan over the sentences after the acts, then the sentences the stems are in
        first, last = min(after), max(after)
        for m in _PROVISION_RE.finditer(norm, spans[first][0], spans[last][1]):
            k = bisect_right(starts, m.start()) - 1
            if k in after and k not in keep:
                keep.add(k)
                _keep_list(article, k + 1, keep)  # وتنص المذكرة على ما يلي: 1- …
    return _joined(spans, keep), _joined(spans, parties)


def _keep_list(article: Article, n: int, keep: set[int]) -> None:
    """Add to ``keep`` the numbered or bulleted lines from sentence ``n`` on (the items a sentence lists)."""
    sentences = article.sentences
    while n < len(sentences) and _NUMBERED_LINE.match(sentences[n].text):
        keep.add(n)
        n += 1


def _joined(spans: list[Span], keep: set[int]) -> list[Span]:
    """The spans of the sentences ``keep``, neighbours joined."""
    out: list[Span] = []
    for k in sorted(keep):
        a, b = spans[k]
        if out and out[-1][1] >= a - 1:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out
