"""Words of the normalised article text, with offsets into ``article.norm``.

The agreement rules read words and punctuation in order (who comes before
the trigger, where the على is, where a term stops). Working on the
normalised text keeps every comparison spelling-proof; spans are mapped
back to ``article.text`` only when the document is built.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property
from itertools import accumulate
from operator import sub

from ...segment import Article

_SPACED_TOKEN = re.compile(r" ?(?:\w+|[^\w\s])")  # a word or a mark, with the space before it
QUOTES_OPEN = frozenset("«\u201c\u201e\"'\u2018")
QUOTES_CLOSE = frozenset("»\u201d\"'\u2019")
COMMAS = frozenset("،,")
_ELLIPSIS_ENDS = frozenset(".…\"'»”")


def norm_sentence_spans(article: Article) -> list[tuple[int, int]]:
    """Each sentence of the article as a span of ``article.norm`` (computed once per article by the caller).

    Only the starts are mapped: a sentence ends where the next one starts, less the one space its
    separating whitespace became (the last one is mapped)."""
    index = article.norm_starts.norm_index  # (Article.norm_index without its extra call)
    sentences = article.sentences
    text, norm = article.text, article.norm
    starts = [index(s.start) for s in sentences]
    ends = []
    for k, s in enumerate(sentences[:-1]):
        gap = text[s.end:sentences[k + 1].start]
        nxt = starts[k + 1]
        if not gap:
            ends.append(nxt)
        elif gap.isspace() and nxt - 1 > starts[k] and norm[nxt - 1] == " ":
            ends.append(nxt - 1)
        else:
            ends.append(index(s.end))
    if sentences:
        ends.append(index(sentences[-1].end))
    return list(zip(starts, ends, strict=True))


def finds(text: str, sub: str, a: int, b: int) -> list[int]:
    """Every position of ``sub`` in ``text[a:b]`` (str.find: most articles have none or a few, so this costs
    far less than a pass over their words)."""
    out = []
    pos = text.find(sub, a, b)
    while pos >= 0:
        out.append(pos)
        pos = text.find(sub, pos + 1, b)
    return out


class PhraseSet:
    """Multi-word phrases (tuples of normalised words), indexed for :meth:`Words.match_any`.

    One-word phrases are a set; longer ones are indexed by their first two words (a comma opens some
    forty stop phrases, "، حيث"، "، بعد" …, and only the one with the right second word is worth checking).
    ``by_first`` says whether a word can open any phrase at all.
    """

    def __init__(self, phrases: tuple[tuple[str, ...], ...]):
        longest_first = sorted(phrases, key=len, reverse=True)
        self.singles = frozenset(p[0] for p in longest_first if len(p) == 1)
        by_pair: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        for p in longest_first:
            if len(p) > 1:
                by_pair.setdefault((p[0], p[1]), []).append(p)
        self.by_pair = {k: tuple(v) for k, v in by_pair.items()}
        self.by_first = frozenset(p[0] for p in longest_first)


class Words:
    """The article's tokens, sentence bounds and paragraph bounds in normalised offsets."""

    def __init__(self, article: Article, ranges: list[tuple[int, int]] | None = None,
                 sentence_spans: list[tuple[int, int]] | None = None,
                 party_ranges: list[tuple[int, int]] | None = None):
        norm = article.norm
        self.article = article
        self.norm = norm
        # Only the parts of the article that can matter are read (whole sentences, see agreements.extract),
        # and parties are looked for in only some of them.
        self.ranges = ranges if ranges is not None else [(0, len(norm))]
        self.party_ranges = party_ranges if party_ranges is not None else self.ranges
        # Parallel lists rather than one object per token: building them is most of the cost of reading an
        # article, and the rules index them by position anyway. The normalised text has at most one space
        # between tokens: each token found with the space before it, the running sum of their lengths
        # gives where each ends.
        ws: list[str] = []
        ends: list[int] = []
        for a, b in self.ranges:
            raw = _SPACED_TOKEN.findall(norm, a, b)
            ends += accumulate(map(len, raw), initial=a)
            del ends[-len(raw) - 1]  # the initial offset
            ws += map(str.lstrip, raw)  # (a token never starts with a space of its own)
        self.ws = ws
        self.n = len(ws)
        self.ends = ends
        self.starts = list(map(sub, ends, map(len, ws)))
        spans = sentence_spans if sentence_spans is not None else norm_sentence_spans(article)
        self._sentence_spans = spans
        self.sentences: list[tuple[int, int]] = []
        previous = None
        for s, span in zip(article.sentences, spans, strict=True):
            # "قمة ثالثة... في بانمونجوم": an ellipsis inside a clause does not end the sentence
            if previous is not None and previous.paragraph == s.paragraph and previous.text[-1:] in _ELLIPSIS_ENDS \
                    and previous.text.rstrip("\"'»”").endswith(("...", "…")):
                span = (self.sentences.pop()[0], span[1])
            self.sentences.append(span)
            previous = s
        self.sentence_starts = [s for s, _ in self.sentences]

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Paragraph spans in normalised offsets (read only for organisation names and listed terms): from
        the start of a paragraph's first sentence to the end of its last."""
        out = []
        k = 0
        spans = self._sentence_spans
        for p in self.article.paragraphs:
            n = len(p.sentences)
            out.append((spans[k][0], spans[k + n - 1][1]))
            k += n
        return out

    @cached_property
    def paragraph_starts(self) -> list[int]:
        return [a for a, _ in self.paragraphs]

    def inside_straight_quotes(self, i: int) -> bool:
        """Whether token ``i`` follows an unclosed straight quotation mark of its sentence (إن "البلدين
        توصلا …"، مبينا …: the next mark closes)."""
        if i >= self.n:
            return False
        first = self.index_from(self.sentence_of(self.starts[i])[0])
        return self.ws[first:i].count('"') % 2 == 1

    def __len__(self) -> int:
        return self.n

    def index_at(self, pos: int) -> int:
        """Index of the first token that ends after ``pos`` (the token containing it, or the next)."""
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.ends[i] > pos:
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

    def word(self, i: int) -> str:
        return self.ws[i] if 0 <= i < self.n else ""

    def matches(self, i: int, phrase: tuple[str, ...]) -> bool:
        """Whether the tokens from ``i`` spell ``phrase`` (the first word may carry a و/ف clitic)."""
        if i + len(phrase) > len(self.ws):
            return False
        for k, p in enumerate(phrase):
            w = self.ws[i + k]
            if w != p and not (k == 0 and len(w) == len(p) + 1 and w[0] in "وف" and w[1:] == p):
                return False
        return True

    def match_any(self, i: int, phrases: PhraseSet) -> tuple[str, ...] | None:
        """The longest phrase of ``phrases`` spelt from token ``i`` (its first word may carry و/ف)."""
        ws = self.ws
        if i >= len(ws):
            return None
        w = ws[i]
        bare = w[1:] if w[:1] in "وف" and len(w) > 1 else None
        by_first = phrases.by_first
        if w not in by_first and (bare is None or bare not in by_first):
            return None
        if i + 1 < len(ws):
            nxt = ws[i + 1]
            for first in (w, bare):
                for p in phrases.by_pair.get((first, nxt), ()) if first is not None else ():
                    if len(p) == 2 or self.matches(i, p):
                        return p
        if w in phrases.singles:
            return (w,)
        if bare is not None and bare in phrases.singles:
            return (bare,)
        return None

    def text_span(self, a: int, b: int) -> tuple[int, int]:
        return self.article.span(a, b)

    def text(self, a: int, b: int) -> str:
        s, e = self.article.span(a, b)
        return self.article.text[s:e]
