"""The lowest layer of the quote reader: the article's layout in ``norm`` and word-level helpers.

Paragraphs, sentences, quotations in marks and reporting cues are found once
per article here, as sorted position lists, so that every later question
("which sentence is this in?", "is this inside marks?", "which cue comes
next?") is a bisection rather than a scan: hostile input (thousands of cues
or marks in one paragraph) must stay linear.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ...segment import Article
from ..quote_marks import Segment, pair_marks
from ..speakers import Token, tokenize
from ..speech_lexicon import Cue, lexicon
from .records import Hit
from .vocabulary import ANY_MARK

_WIDE_GAP = re.compile(r"[^\S\n]{3,}|\t")  # paragraphs run together with runs of spaces in flattened copy
_MIN_COMMA_STOPS = 6  # full stops inside paragraphs of a comma-less article that make them read as commas
_CONJUNCTIONS = frozenset(("", "و", "ف"))  # the clitics a verb may carry
# a full stop with no space after it, before a word with و or of three letters or more (…الانتخابية”.وقال …،
# البلاد.على صعيد …): run-on copy's sentence end (not an abbreviation's dots, a web address: د.ب.أ، sp.com)
_GLUED_STOP = re.compile(r"(?=\.)(?:(?<=[^\W\d_]{2})|(?<=[”\"»’)]))\.(?=و[^\W\d_]{2}|[\u0621-\u064a]{3})")


class Layout:
    """Paragraphs, sentences, marked segments and cue hits of one article, in ``norm`` offsets."""

    def __init__(self, article: Article, body_start: int) -> None:
        self.article = article
        self.norm = norm = article.norm
        self.lex = lexicon()
        self.body = article.norm_index(body_start) if body_start else 0
        self.paragraphs = self._paragraphs()
        self.paragraph_starts = [a for a, _ in self.paragraphs]
        self.sentences = self._sentences()
        self.sentence_starts = [s[0] for s in self.sentences]
        self.segments: list[Segment] = []
        marked = {bisect_right(self.paragraph_starts, m.start()) - 1 for m in ANY_MARK.finditer(norm, self.body)}
        joined = -1
        for i in sorted(marked):
            a, b = self.paragraphs[i]
            if b > self.body and i > joined:
                segs = pair_marks(norm, max(a, self.body), b)
                wrapped = self._wrapped(segs, i)
                if wrapped is not None:
                    joined, segs = wrapped
                self.segments += segs
        self.by_open = {s.open: s for s in self.segments}
        self.segment_opens = [s.open for s in self.segments]
        self.by_close = {s.close: s for s in self.segments if s.close is not None}
        self.hits: list[Hit] = []
        person_hits: list[tuple[int, str, str]] = []  # (the cue matcher also finds given names and honorifics)
        for a, b, p, value in self.lex.cues.finditer_norm(norm, self.body):
            if not isinstance(value, Cue):
                person_hits.append((a, value, p))
            elif value.form == "noun" or p in _CONJUNCTIONS:  # a verb takes no preposition (ب ل ك)
                if not p and a >= 2 and norm[a - 2] in "وف" and norm[a - 1] == " " and (a < 3 or norm[a - 3] == " "):
                    p = norm[a - 2:a]  # و أكد، و قال: a conjunction written apart in some copy is still the verb's
                self.hits.append(Hit(a, b, p, value))
        self.person_hits = person_hits
        self.hit_starts = [h.start for h in self.hits]

    def _paragraphs(self) -> list[tuple[int, int]]:
        """Paragraph spans in ``norm``: lines, and runs of three spaces in copy that lost its line breaks."""
        art = self.article
        if ("  " not in art.text and "\xa0" not in art.text and "\t" not in art.text) \
                or _WIDE_GAP.search(art.text) is None:
            return [(a, b) for a, b in ((art.norm_index(p.start), art.norm_index(p.end)) for p in art.paragraphs)
                    if b > a]
        out = []
        for p in art.paragraphs:
            start = p.start
            for m in _WIDE_GAP.finditer(art.text, p.start, p.end):
                out.append((art.norm_index(start), art.norm_index(m.start())))
                start = m.end()
            out.append((art.norm_index(start), art.norm_index(p.end)))
        return [(a, b) for a, b in out if b > a]

    def _wrapped(self, segs: list[Segment], i: int) -> tuple[int, list[Segment]] | None:
        """A quotation left open at the end of line ``i`` in hard-wrapped copy, closed on one of the next lines
        (“الاول هو ان البيان الختامي يشير الى ان | المشاركين اتفقوا …”): the segments of the joined lines."""
        if not segs or segs[-1].close is not None:
            return None
        a, b = self.paragraphs[i]
        if self.norm[b - 1] in ".!?؟…":
            return None  # (a quotation left open at a full stop is closed by the paragraph end)
        for j in range(i + 1, min(i + 4, len(self.paragraphs))):
            joined = pair_marks(self.norm, max(a, self.body), self.paragraphs[j][1])
            last = next((x for x in joined if x.open == segs[-1].open), None)
            if last is None:
                return None
            if last.close is not None:
                return j, joined
            if self.norm[self.paragraphs[j][1] - 1] in ".!?؟…":
                return None
        return None

    def _sentences(self) -> list[tuple[int, int, int]]:
        """Sentence spans in ``norm`` with their paragraph index.

        Two splits of the segmenter are undone: after a lone letter (سيف الله هـ. احتجز) and at a Latin ?
        followed by more words (a comma lost in a Windows-1256 conversion: للظرفية? مساء).
        """
        art = self.article
        norm = art.norm
        out: list[tuple[int, int, int]] = []
        for s in art.sentences:
            a, b = art.norm_index(s.start), art.norm_index(s.end)
            para = max(0, bisect_right(self.paragraph_starts, a) - 1)
            if out and out[-1][2] == para and self._glued(norm, out[-1][1]):
                out[-1] = (out[-1][0], b, para)
                continue
            # a wide gap inside a sentence ends it (it is a paragraph break)
            while para + 1 < len(self.paragraphs) and self.paragraphs[para + 1][0] < b:
                out.append((a, self.paragraphs[para][1], para))
                para += 1
                a = self.paragraphs[para][0]
            out.append((a, b, para))
        out = self._resplit(norm, out)
        return self._comma_stops(norm, out) if "،" not in norm and "," not in norm else out

    @staticmethod
    def _comma_stops(norm: str, sentences: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """Sentences of copy whose commas were all turned into full stops (وأوضح بنكيران. في حوار مع …. أن
        "…"): no comma anywhere and many full stops inside paragraphs, so a full stop there is read as a
        comma and a paragraph is one sentence (clauses still end at cues and attribution tails)."""
        inner = sum(1 for i in range(1, len(sentences)) if sentences[i][2] == sentences[i - 1][2]
                    and norm[sentences[i - 1][0]:sentences[i - 1][1]].rstrip().endswith("."))
        if inner < _MIN_COMMA_STOPS:
            return sentences
        out: list[tuple[int, int, int]] = []
        for a, b, para in sentences:
            if out and out[-1][2] == para and norm[out[-1][0]:out[-1][1]].rstrip().endswith("."):
                out[-1] = (out[-1][0], b, para)
            else:
                out.append((a, b, para))
        return out

    @staticmethod
    def _resplit(norm: str, sentences: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """Sentences split where run-on copy lost the space after a full stop (…الانتخابية”.وقال …), and
        joined where a full stop inside brackets ended one (في تصريح لـ(العربية. نت) إنه …)."""
        out: list[tuple[int, int, int]] = []
        for a, b, para in sentences:
            if out and out[-1][2] == para and norm.count("(", out[-1][0], out[-1][1]) \
                    > norm.count(")", out[-1][0], out[-1][1]) and 0 <= norm.find(")", a, b) < a + 24:
                a = out.pop()[0]
            for m in _GLUED_STOP.finditer(norm, a, b):
                out.append((a, m.end(), para))
                a = m.end()
            out.append((a, b, para))
        return out

    @staticmethod
    def _glued(norm: str, end: int) -> bool:
        """Did the segmenter split a sentence wrongly at ``end`` (after ``هـ.`` or a Latin ``?``)?"""
        text = norm[max(0, end - 3):end]
        if text.endswith("?"):
            return True
        return len(text) == 3 and text[2] == "." and text[1].isalpha() and not text[0].isalnum()

    def window_end(self, pos: int, limit: int, size: int = 100) -> int:
        """``limit``, or the end of the word ``size`` characters after ``pos`` if that comes first."""
        if limit - pos <= size:
            return limit
        end = self.norm.find(" ", pos + size, limit)
        return limit if end == -1 else end

    def tokens(self, a: int, b: int) -> list[Token]:
        """Tokens of ``norm[a:b]``."""
        return tokenize(self.norm, a, b)

    def sentence_of(self, pos: int) -> int:
        """Index in ``sentences`` of the sentence that holds ``pos`` (0 before the first)."""
        return max(0, bisect_right(self.sentence_starts, pos) - 1)

    def prev_word(self, pos: int) -> str:
        """The word or punctuation mark just before ``pos``."""
        norm = self.norm
        i = pos - 1
        while i >= 0 and norm[i] == " ":
            i -= 1
        if i < 0:
            return ""
        if not norm[i].isalnum():
            return norm[i]
        j = i
        while j > 0 and norm[j - 1].isalnum():
            j -= 1
        return norm[j:i + 1]

    def words(self, a: int, b: int) -> int:
        """Number of words in ``norm[a:b]`` (``norm`` has single spaces; counting them allocates nothing)."""
        norm = self.norm
        while a < b and norm[a] == " ":
            a += 1
        while b > a and norm[b - 1] == " ":
            b -= 1
        return norm.count(" ", a, b) + 1 if b > a else 0

    def inside_segment(self, pos: int) -> Segment | None:
        """The quotation in marks whose words hold ``pos``, if any (a cue there is usually the quoted speaker's)."""
        i = bisect_right(self.segment_opens, pos) - 1
        if i >= 0:
            s = self.segments[i]
            if s.start <= pos < s.end:
                return s
        return None
