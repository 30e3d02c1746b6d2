"""Quoted words: emitting quotes, the mixed rule, colons, chains of quotations and their continuations.

- Marks covering most of a reported clause make it direct (the words inside);
  a short marked phrase stays inside an indirect quote.
- A colon quotes to the end of the paragraph or the next attributed sentence.
- Quotations joined to the first (، و"…") or split by the cue ("…" قال X "…"),
  or going on in the next paragraph under a new opening mark, are the same
  speaker's.
- Words in marks after a head noun, title or outlet (منظمة "هيومان رايتس فرست")
  are a name, not a quotation.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ...segment import Article
from ..quote_marks import Segment
from .cue_speakers import CueSpeakers
from .records import Hit, Intro, Quote, Speaker
from .vocabulary import ANY_MARK, FIRST_WORD, MARKS, MIN_ACT_WORDS, MIN_DIRECT_WORDS, OUTLETS, PREPOSITIONS

_ANY_WORD = re.compile(r"[^\W_]")
_AN = re.compile(r"(?<![^\W_])ان(?![^\W_])\s*")
_GLOSS = re.compile(r"[،,] (?:التي|الذي|الذين|وهو|وهي)(?![^\W_])")
_CONNECTOR = re.compile(r"[\s،,؛;]*(?:(?:و|ولكن|لكن|ثم|بل|او)\s*)?")
_STRIP = " \t\n.،,:؛;-–—"
_PLACE_PREPOSITIONS = frozenset(("في", "داخل", "بين"))  # before a name in marks (في «جمعة …»)
_NARRATOR_BACK = re.compile(r"(?<![^\W_])(?:و?لكن|الا ان)(?:ه|ها|هم)[ ،,]*$")  # لكنه، قال …
_COMPLEMENTISERS = frozenset(("ان", "انه", "انها", "انهم", "بان", "بانه", "بانها"))
_MAX_LEAD_WORDS = 5  # words before a quotation that goes on in a new sentence (وفي محافظة درعا «…»)


_NAME_WORDS: dict[int, frozenset[str]] = {}  # given names and name particles, per lexicon (built once)


class QuotedWords(CueSpeakers):
    """Turns introductions and marked segments into quotes (each text and span once)."""

    def __init__(self, article: Article, body_start: int) -> None:
        super().__init__(article, body_start)
        self.texts: set[str] = set()
        self.used_segments: set[int] = set()
        self.leaked: set[int] = set()  # cues inside quotation marks that are the narrator's (، مبينا أن …)
        self.consumed = self.body  # the furthest quote end yet: a cue before it is inside words already quoted

    def trim(self, a: int, b: int) -> tuple[int, int]:
        """``norm[a:b]`` without spaces and punctuation around it, nor an unpaired mark at either end."""
        norm = self.norm
        while a < b and norm[a] in _STRIP:
            a += 1
        while b > a and norm[b - 1] in _STRIP:
            b -= 1
        if b > a and norm[b - 1] in MARKS and len(ANY_MARK.findall(norm, a, b)) % 2:
            b -= 1
            while b > a and norm[b - 1] in _STRIP:
                b -= 1
        if b > a and norm[a] in MARKS and len(ANY_MARK.findall(norm, a, b)) % 2:
            a += 1
            while a < b and norm[a] in _STRIP:
                a += 1
        return a, b

    def emit(self, kind: str, a: int, b: int, hit: Hit | None, speaker: Speaker, sentence: int) -> Quote | None:
        """Record the quote ``norm[a:b]`` (trimmed) unless it is empty, repeats words already quoted or overlaps
        a quote; the speaker is noted as having spoken there."""
        a, b = self.trim(a, b)
        text = self.norm[a:b]
        if b <= a or not _ANY_WORD.search(text) or text in self.texts:
            return None  # (the same words twice: a teaser line repeated in the body)
        if any(q.start < b and a < q.end for q in self.quotes):
            return None
        self.texts.add(text)
        quote = Quote(kind, a, b, hit, speaker, sentence)
        speaker.entity.quoted = True
        self.quotes.append(quote)
        self.consumed = max(self.consumed, b)
        self.note(a, speaker, True)
        return quote

    def emit_segments(self, segs: list[Segment], hit: Hit | None, speaker: Speaker, sentence: int,
                      limit: int | None = None, min_words: int = 1) -> bool:
        """Direct quotes of the quotations ``segs`` of at least ``min_words`` words, each ending at ``limit``, where a
        quotation never closed stops as a clause does, or where the narrator's words leak in; were any recorded?"""
        done = False
        for seg in segs:
            if seg.words < min_words:
                continue  # a term in marks inside the quoted words
            end = seg.end
            if seg.close is None:
                end = self.clause_end(seg.start, end, in_marks=True)
            else:
                end = self.narrator_inside(seg, end)
            if limit is not None:
                end = min(end, limit)
            if self.emit("direct", seg.start, end, hit, speaker, sentence):
                done = True
            self.used_segments.add(seg.open)
        return done

    def more_marked(self, last: Segment, h: Hit, speaker: Speaker, sent: int, s_end: int) -> None:
        """وقال «…» في وقت بلغت …، الأمر الذي «يثير فائضا كبيرا …»: a later quotation in the sentence, after the
        narrator's words and with no cue of its own, is more of the speaker's words."""
        k = bisect_right(self.segment_opens, last.open)
        while k < len(self.segments) and self.segments[k].open < s_end:
            seg = self.segments[k]
            k += 1
            if seg.close is None or seg.open in self.used_segments or seg.words < MIN_ACT_WORDS \
                    or not self.phrase_quoted(seg) \
                    or any(last.after <= x.start < seg.open for x in self.hits):
                break
            self.emit_segments([seg], h, speaker, sent)
            last = seg

    def narrator_inside(self, seg: Segment, end: int) -> int:
        """A closing mark misplaced after the narrator's "، مبينا أن …": the quotation ends before it."""
        k = bisect_right(self.hit_starts, seg.start)
        while k < len(self.hits) and self.hits[k].start < end:
            h = self.hits[k]
            k += 1
            if h.cue.form == "participle" and h.cue.role == "speech" and self.opener_before(h) in ("،", ",") \
                    and self.find_intro(h, end) is not None:
                self.leaked.add(h.start)
                return self.boundary_at(h)
        return end

    def chain(self, seg: Segment, limit: int) -> list[Segment]:
        """A quotation and the ones joined to it (، و"…"؛ ولكن "…")."""
        out = [seg]
        while out[-1].close is not None:
            m = _CONNECTOR.match(self.norm, out[-1].after)
            nxt = self.by_open.get(m.end()) if m else None
            if nxt is None or nxt.open >= limit or nxt.words < MIN_DIRECT_WORDS:
                break
            out.append(nxt)
        return out

    def reported(self, h: Hit | None, start: int, end: int, speaker: Speaker, sent: int) -> None:
        """An indirect clause, or direct when quotation marks cover most of it (mixed rule)."""
        if h is not None and h.cue.has_object and self.words(start, end) < 2:
            self.note(h.start, speaker, True)
            return  # وصف الهجوم بأنه "إرهابي": a label, not a reported clause
        segs = [s for s in self.segments if start <= s.open < end and not self._names_list(s)]
        if segs:
            last = segs[-1]
            p_end = self.paragraphs[self.sentences[sent][2]][1]
            if last.close is not None and end < last.after <= p_end:
                end = self.clause_end(last.after, p_end)  # the quotation goes on past a full stop
            first = segs[0]
            lead = self.words(start, first.open)
            # (a narrator's gloss after the marked words does not count: "…" في دوما، التي استأنف النظام …)
            gloss = _GLOSS.search(self.norm, last.after, end) if last.close is not None else None
            measured = gloss.start() if gloss is not None else end
            inner = sum(min(s.words, self.words(s.start, min(s.end, measured))) for s in segs)
            total = self.words(start, measured)
            longest = max(s.words for s in segs)
            # marks over most of the clause (more than half: المهاجمين "فتحتوا النيران …" بعد … counts as
            # most when only its one-word subject comes first), or opening right at its start (but two words
            # there and another short phrase later are scare quotes: بأنه "يشوه سمعة" الجنود … بوصفهم "قتلة")
            if total and ((inner / total > 0.5 and longest >= 3)
                          or (inner / total >= 0.5 and lead <= 1 and longest >= 3)
                          or (lead == 0 and first.words >= MIN_DIRECT_WORDS
                              and (first.words > MIN_DIRECT_WORDS or first.close is None
                                   or (3 * inner >= total and len(segs) == 1)))
                          or (lead <= 3 and first.close is None)):
                # a later marked phrase after narration (… وذلك لمواجهة نسب اقتراض «غير مقبولة») is a term
                # unless it is a quotation of its own
                segs = [x for k, x in enumerate(segs) if k == 0 or self.words(segs[k - 1].after, x.open) <= 3
                        or x.words >= MIN_ACT_WORDS]
                self.emit_segments(segs, h, speaker, sent, limit=end, min_words=MIN_DIRECT_WORDS)
                return
        self.emit("indirect", start, end, h, speaker, sent)

    def _names_list(self, seg: Segment) -> bool:
        """Marks around a list of people (كالأسرى "رياض العمور وخالد الشاويش ومنصور موقدة"): names inside a
        reported clause, not the speaker's words. Three given names or name particles (أبو) or more, a third of the
        words or more."""
        if seg.words < 4:
            return False
        names = _NAME_WORDS.get(id(self.lex))
        if names is None:
            names = _NAME_WORDS[id(self.lex)] = self.lex.given_names | self.lex.particles
        words = self.norm[seg.start:seg.end].split()
        given = sum(1 for w in words if w in names or (w[:1] == "و" and w[1:] in names))
        return given >= 3 and 3 * given >= len(words)

    def colon_speech(self, h: Hit, intro: Intro, speaker: Speaker, sent: int, p_end: int) -> None:
        """وقال: … — direct to the end of the paragraph, or to the next attributed sentence, or to the narrator's
        "لكنه قال …"."""
        start = intro.after
        rest = self.norm[start:p_end].lstrip(" ")
        at = p_end - len(rest)
        if rest[:1] and rest[0] in MARKS and at in self.by_open:
            seg = self.by_open[at]
            self.emit_segments(self.chain(seg, p_end), h, speaker, sent)
            return
        end = p_end
        k = bisect_right(self.hit_starts, start)
        while k < len(self.hits) and self.hits[k].start < p_end:
            other = self.hits[k]
            k += 1
            if other.cue.role in ("speech", "act") and ("و" in other.prefix or "ف" in other.prefix) \
                    and self.sentence_starts[self.sentence_of(other.start)] == other.lead \
                    and self.find_intro(other, p_end) is not None:
                end = other.lead
                break
            back = _NARRATOR_BACK.search(self.norm, max(start, other.lead - 12), other.lead)
            if back is not None and other.cue.form == "verb" and self.find_intro(other, p_end) is not None:
                end = back.start()  # …، لكنه، قال إنه …: the narrator takes over again
                break
        m = _AN.match(self.norm, at)
        if m:
            at = m.end()
        segs = [s for s in self.segments if at <= s.open < end]
        inner = sum(s.words for s in segs)
        total = self.words(at, end)
        if segs and total and inner / total >= 0.5:
            self.emit_segments(segs, h, speaker, sent, limit=end, min_words=MIN_DIRECT_WORDS)
            return
        for s in segs:
            self.used_segments.add(s.open)
        self.emit("direct", at, end, h, speaker, sent)

    def after_quotation(self, h: Hit, sent: int, speaker: Speaker | None = None) -> None:
        """"…" قال X: a quotation just before the cue is X's."""
        i = h.lead
        while i > 0 and self.norm[i - 1] in " ،,":
            i -= 1
        seg = self.by_close.get(i - 1) if h.cue.form == "verb" else None
        if seg is None or seg.open in self.used_segments or seg.words < MIN_DIRECT_WORDS or seg.open < self.body \
                or self._named_before(seg) or self._in_construct(seg):
            # (وكانت منظمة "هيومان رايتس فرست" قالت، لبلدان ثورات "الربيع العربي"، أعلن: a name, not words)
            if speaker is None:
                self.actor(h)
            return
        if speaker is None:
            speaker, _, _ = self.subject(h, self.sentences[sent][1])
        if speaker is not None:
            self.emit_segments([seg], h, speaker, self.sentence_of(seg.open))

    def _in_construct(self, seg: Segment) -> bool:
        """Do the marks follow a plain noun whose complement they are (ثورات "الربيع العربي"، قمة «…»), rather than
        open a sentence or clause (، «…»، قال)? Short marked phrases only: a long quotation stands on its own."""
        if seg.words > 3:
            return False
        before = self.prev_word(seg.open)
        if not before[:1].isalpha() or len(before) <= 1:
            return False
        w = self.reader.word(before)
        return not (w.cue or w.stop or before in _COMPLEMENTISERS)

    def continuations(self) -> None:
        """A quotation that goes on in the next paragraph or sentence under a new opening mark.

        The mark opens the paragraph or sentence, or follows a short lead with no cue in it (وفي محافظة
        درعا «…»: a statement going on province by province), right after a direct quote.
        """
        for sent in range(1, len(self.sentences)):
            a, b, _para = self.sentences[sent]
            k = bisect_left(self.segment_opens, a)
            if k >= len(self.segments):
                break
            seg = self.segments[k]
            if seg.open >= b or seg.open in self.used_segments or seg.words < 3 \
                    or self.words(a, seg.open) > _MAX_LEAD_WORDS:
                continue
            h = bisect_left(self.hit_starts, a)
            if h < len(self.hits) and self.hits[h].start < seg.open:
                continue  # وقال فابيوس «…»: a quote of its own
            if seg.open > a:
                first = self.prev_word(self.norm.find(" ", a, seg.open) + 1 or seg.open)
                bare = first[1:] if first[:1] in "وف" and len(first) > 2 else first
                if bare not in PREPOSITIONS or not self._not_a_name(seg):
                    continue  # وكان فراس يشرف على مجموعة «من أجل سورية»: a name in a clause of its own
            prev = self.sentences[sent - 1]
            last = [q for q in self.quotes if q.end <= a and q.end > prev[0]]
            if not last or last[-1].kind != "direct" or self.words(last[-1].end, a) > 3:
                continue
            self.emit_segments([seg], last[-1].hit, last[-1].speaker, sent)
            self.quotes.sort(key=lambda q: q.start)

    def phrase_quoted(self, seg: Segment) -> bool:
        """Are the words in marks a quotation rather than a name or term (جماعة «…»، «الجيش السوري الحر»)?"""
        if self._named_before(seg) or self.prev_word(seg.open) in _PLACE_PREPOSITIONS:
            return False  # (في «جمعة أطفال الحولة مشاعل النصر»: the name of a day, a place, an event)
        return self._not_a_name(seg) and (seg.words >= 5 or self.reader.word(
            FIRST_WORD.match(self.norm, seg.start).group().strip()).stop)

    def _named_before(self, seg: Segment) -> bool:
        """Do the marks follow a head noun, title or outlet whose name they hold (منظمة "هيومان رايتس فرست")?"""
        before = self.prev_word(seg.open)
        w = self.reader.word(before) if before[:1].isalnum() else None
        return w is not None and (w.head is not None or w.title or w.stem in OUTLETS)

    def _not_a_name(self, seg: Segment) -> bool:
        """Do the words in marks not start as a name does (a head noun, title, given name or country)?"""
        first = self.reader.word(FIRST_WORD.match(self.norm, seg.start).group().strip())
        return not (first.head is not None or first.title or first.given or first.country)
