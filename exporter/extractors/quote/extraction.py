"""The quote reader's top layer: one pass over the cues, then the rules that need every cue read.

Speech cues (قال، أكد، مضيفا …) introduce words; speech acts (دعا، رحب، واصفا …)
introduce none by themselves, but their subject may speak next and a
quotation they attribute to it (اتهم بكين بارتكاب «ما يشبه الإبادة») is its
quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..persons import scan
from ..quote_marks import Segment
from .credits import Credits
from .records import Hit, Intro
from .vocabulary import FIRST_WORD, MIN_ACT_WORDS, MIN_DIRECT_WORDS, PREPOSITIONS, RELAY_FROM

_OPENING = re.compile("[«“\"„”]")
_MAX_DESCRIPTION = 6  # words describing an unmarked quotation's speaker before the words (رجل يفتش في …)
_SAYING = frozenset(("قال", "أضاف", "تابع", "أردف", "استطرد"))  # verbs whose words may have lost their marks
_FINDERS = frozenset(("document", "anonymous", "other"))  # what a study or count "shows"


class Extraction(Credits):
    """All quotes of one article: build it, call :meth:`run`, then read ``quotes`` and ``registry``."""

    def run(self) -> None:
        """Read every cue in text order, and each sentence's credit opener once its cues are read (a sentence
        quoted through a cue is not read again as a credit); then the quotations no cue introduced: attribution
        tails, words a speech act attributes, continuations."""
        scan(self.reader, self.registry, self.person_hits)
        credits = 0  # sentences whose credits have been read (once the cues in them have been)
        for h in self.hits:
            while credits < len(self.sentences) and self.sentences[credits][1] <= h.start:
                self.sentence_credit(credits)
                credits += 1
            if h.start < self.consumed:
                continue
            if self.credited(h):
                self.credit_source(h)
                continue
            seg = self.inside_segment(h.start)
            if seg is not None and seg.close is not None and h.start not in self.leaked:
                continue
            if h.cue.role == "act":
                self.act(h)
            else:
                self.speech(h)
        while credits < len(self.sentences):
            self.sentence_credit(credits)
            credits += 1
        self.tails()
        self.attributed()
        self.continuations()
        self.quotes.sort(key=lambda q: q.start)

    def speech(self, h: Hit) -> None:
        """A speech cue: its introduction, its speaker, and the quote (indirect clause, marks or colon); with no
        introduction it may still claim a quotation just before it, or be remembered as a speech act."""
        if self.impersonal(h):
            return
        sent = self.sentence_of(h.start)
        _s_start, s_end, para = self.sentences[sent]
        p_end = self.paragraphs[para][1]
        intro = self.find_intro(h, s_end)
        if intro is None:
            if not self.unmarked(h, sent):
                self.after_quotation(h, sent)
            return
        if intro.kind == "complement" and self.unmarked(h, sent, intro.start):
            return  # وأضاف علينا خفض سقف توقعاتنا والتوقف عن توقع أن …: the أن is inside the words
        if h.cue.role == "relay" and RELAY_FROM.search(self.norm, h.end, intro.start) is None and (
                h.cue.form != "verb" or self.words(h.end, intro.start) > 8):
            return  # ناقلة تصريح مسؤول … بأن: the reporting noun after it introduces the words
        if h.cue.has_object and self.label(h, intro):
            self.actor(h)
            return
        inner = self.report_of_report(h, intro, s_end) if intro.kind == "complement" else None
        if inner is not None:
            outer, _, fit = self.subject(h, intro.start)
            if outer is not None and fit:
                self.note(h.start, outer, True)  # (the channel may go on: وقالت الصحيفة …)
                if inner.kind == "document":  # (findings cited by a speaker: the speaker goes on)
                    self.note(s_end - 1, outer, True)
            return
        speaker, phrase, fit = self.subject(h, intro.start)
        if not fit:
            joined, joined_phrase = self.coordinated(h, intro)
            if joined is not None:
                speaker, phrase, fit = joined, joined_phrase, True
        if speaker is not None and h.cue.ambiguous and phrase is not None and speaker.entity.kind == "other":
            speaker = None  # أبرز الأسباب التي …: "the most prominent", not a verb with a speaker
        if speaker is None or not fit or (h.cue.findings and speaker.entity.kind not in _FINDERS):
            self.actor(h)
            return
        relayed = self.relayed_source(h.end, intro.start)
        if relayed is not None:
            self.note(h.start, speaker, True)  # (the channel may go on: وأضافت أن …)
            speaker, phrase = relayed  # ذكرت الوكالة نقلا عن مصدر أمني قوله: …
        if phrase is None or phrase.name is None:
            self.note(h.start, speaker, False)
        if intro.kind == "mark" and ((phrase is not None and self._object_before(phrase.end, intro))
                                     or self._headlines(bisect_left(self.hit_starts, h.start), _s_start)):
            self.actor(h)  # (… فيما قالت صحيفة … "…": a title the headline verb before it lists)
            return
        if intro.kind == "mark":
            segs = self.chain(intro.segment, p_end)
            if intro.segment.words >= MIN_DIRECT_WORDS or intro.segment.close is None:
                if self.emit_segments(segs, h, speaker, sent):
                    self.more_marked(segs[-1], h, speaker, sent, s_end)
            self.after_quotation(h, sent, speaker)  # «…»، قال X، «…»
            return
        if intro.kind == "colon":
            self.colon_speech(h, intro, speaker, sent, p_end)
            return
        start = intro.after
        end = self.clause_end(start, s_end)
        relayed = self.relayed_source(end, s_end, tail=True)
        if relayed is not None:
            speaker = relayed[0]  # أفادت الوكالة أن … وذلك نقلا عن مصدر روسي
        self.reported(h, start, end, speaker, sent)
        self.after_quotation(h, sent, speaker)

    def _object_before(self, pos: int, intro: Intro) -> bool:
        """أعلن المتحدث … فوزي برهوم فجر السبت، التوصل لاتفاق … "بجهود مصرية وأممية": after the speaker and a
        comma, a definite noun that is the cue's object (not a title, name, time or clause word); a short phrase
        in marks further on is part of that narration, not the speaker's words."""
        seg = intro.segment
        if seg is None or seg.words >= 5:
            return False
        comma = max(self.norm.rfind("،", pos, intro.start), self.norm.rfind(",", pos, intro.start))
        if comma < 0:
            return False
        m = FIRST_WORD.match(self.norm, comma + 1)
        w = self.reader.word(m.group().strip()) if m else None
        return w is not None and w.alpha and w.definite and not (
            w.stop or w.title or w.honorific or w.head or w.temporal or w.cue or w.country or w.known or w.given
            or w.prep or w.conj or w.media or w.organisation or w.adverbial)

    def unmarked(self, h: Hit, sent: int, intro_at: int | None = None) -> bool:
        """وقال الأسد للصحيفة إذا ذهبت …، وأضاف هذا كيل بمكيالين: the speaker's own words with their quotation
        marks lost in copy, told by a word that opens speech (data ``speech_openers``) right after the cue, its
        speaker and an addressee (ل…). A direct quote to the end of the sentence; was one recorded? ``intro_at``: where
        a complement found further on stands (the words must begin well before it)."""
        if h.cue.lemma not in _SAYING or h.cue.form != "verb":
            return False
        openers = self.lex.speech_openers
        s_end = self.sentences[sent][1]
        if not any(w in openers for w in self.norm[h.end:intro_at or self.window_end(h.end, s_end, 160)].split()) \
                or not self.clause_initial(h):
            return False  # (a cheap test first: most cues have no such word after them)
        toks = self.tokens(h.end, self.window_end(h.end, s_end, 160))
        if not toks:
            return False
        k = 0
        phrase = None
        if toks[0][0] not in openers:
            phrase = self.phrase_after(h.end, s_end, toks=toks)
            if phrase is None:
                return False
            k = next((j for j, t in enumerate(toks) if t[1] >= phrase.end), len(toks))
            if k < len(toks) and toks[k][0][:1] == "ل" and toks[k][0] not in openers:
                k += 1  # للصحيفة، لرويترز: the addressee
            # وقال رجل يفتش في صندوق قمامة مقلوب هذه أجزاء …: a few more words describing the speaker
            j = k
            while j < min(len(toks), k + _MAX_DESCRIPTION) and toks[j][0] not in openers \
                    and toks[j][0][:1].isalpha() and not self.reader.word(toks[j][0]).cue:
                j += 1
            if j < len(toks) and toks[j][0] in openers and j > k and toks[j - 1][0] not in PREPOSITIONS:
                k = j
        if k >= len(toks) or toks[k][0] not in openers:
            return False
        if k + 1 < len(toks) and self.reader.word(toks[k + 1][0]).temporal:
            return False  # وقال الوزير هذا الأسبوع …: a time, not his words
        if intro_at is not None and self.words(toks[k][1], intro_at) < 3:
            return False  # (a complement close after it is the cue's own)
        if phrase is not None:
            speaker = self.resolve(phrase, phrase.start, h.cue.gender)
        else:
            speaker = self.implicit(h.start, h.cue.gender, participle=False, lemma=h.cue.lemma)
        if speaker is None or speaker.entity.kind == "other":
            return False  # (المعارض وليد البني الذي …: a speaker not read whole)
        start = toks[k][1]
        return self.emit("direct", start, self.clause_end(start, s_end), h, speaker, sent) is not None

    def act(self, h: Hit) -> None:
        """A speech act (دعا، رحب، واصفا …): an actor, and a participle's quotation of three words or more."""
        self.actor(h)
        if h.cue.form != "participle":
            return
        sent = self.sentence_of(h.start)
        s_end = self.sentences[sent][1]
        m = _OPENING.search(self.norm, h.end, min(s_end, h.end + 80))
        if m is None or m.start() not in self.by_open:
            return
        seg = self.by_open[m.start()]
        gap = self.words(h.end, seg.open)
        if seg.words < MIN_ACT_WORDS or gap == 0 or gap > 8 or seg.open in self.used_segments:
            return
        speaker = self.implicit(h.start, h.cue.gender, participle=True)
        if speaker is not None:
            self.emit_segments([seg], h, speaker, sent)

    def attributed(self) -> None:
        """Quoted words a speech act attributes to its subject without a complement clause.

        (لفت المرصد إلى «استشهاد …»، اتهم بكين بارتكاب «ما يشبه الإبادة»، انتقدت ما وصفته بـ"…"): a
        quotation of five words or more, or one that starts with a particle, a few words after the cue.
        Shorter noun phrases in marks stay names and terms (مشيرة إلى «خلافات سياسية»، جماعة «…»).
        """
        for seg in self.segments:
            if seg.open in self.used_segments or seg.close is None or seg.words < MIN_ACT_WORDS \
                    or seg.open < self.body or any(q.start <= seg.open < q.end for q in self.quotes):
                continue
            k = bisect_left(self.hit_starts, seg.open) - 1
            if k < 0:
                continue
            h = self.hits[k]
            sent = self.sentence_of(seg.open)
            if k > 0 and h.cue.has_object and self.prev_word(h.lead) == "ما" \
                    and self.hits[k - 1].start >= self.sentences[sent][0]:
                h = self.hits[k - 1]  # وانتقدت ما وصفته بـ"…": the words of the verb that governs ما
            if h.start < self.sentences[sent][0] or h.cue.form == "noun" or h.cue.ambiguous or h.cue.complement_only \
                    or self._act_gap(h, seg) > 10 or self._marked_between(h, seg) \
                    or any(h.start < q.start < seg.open for q in self.quotes) or not self.phrase_quoted(seg) \
                    or self._introduces_other(h, seg, self.sentences[sent][1]):
                continue
            if self._headlines(k, self.sentences[sent][0]):
                continue  # وعنونت صحيفة … "…" فيما قالت صحيفة … "…": front-page titles, not words
            speaker = self.act_subject(h)
            if speaker is not None:
                self.emit_segments([seg], h, speaker, sent)
        self.quotes.sort(key=lambda q: q.start)

    def _headlines(self, k: int, start: int) -> bool:
        """Does a headline verb (عنونت: a cue that reports words only through أن) come before cue ``k`` in its
        sentence (from ``start``)? Quotations there are the titles it lists."""
        while k > 0 and self.hits[k - 1].start >= start:
            k -= 1
            if self.hits[k].cue.complement_only:
                return True
        return False

    def _marked_between(self, h: Hit, seg: Segment) -> bool:
        """Is there another quotation between the act and ``seg``, with narration between them (مؤكدا «نجاح»
        الانتخابات رغم «يوم إدارة أزمة»: the act's object is the first one; a later one is a term of the
        narration, unless it follows at once: وأشارت إلى «عنصرين إيجابيين»، «الأول هو …»)?"""
        k = bisect_left(self.segment_opens, h.end)
        if k >= len(self.segments) or self.segments[k].open >= seg.open:
            return False
        prev = self.segments[bisect_left(self.segment_opens, seg.open) - 1]
        return self.words(prev.after, seg.open) > 1

    def _act_gap(self, h: Hit, seg: Segment) -> int:
        """Words between a speech act and the quotation it attributes, not counting its subject (دعا وزير
        الخارجية الأمريكي، مايك بومبيو، | حكومة المملكة إلى "…")."""
        gap = self.words(h.end, seg.open)
        if gap > 8 and h.cue.form == "verb":
            phrase = self.phrase_after(h.end, seg.open)
            if phrase is not None:
                gap = self.words(phrase.end, seg.open)
        return gap

    def _introduces_other(self, h: Hit, seg: Segment, limit: int) -> bool:
        """Does cue ``h`` introduce other words than ``seg`` (قالت شركة «لا مانشا ريسورسز» … إنها: the marked
        words are a name inside its speaker phrase)?"""
        if h.cue.role != "speech":
            return False
        intro = self.find_intro(h, limit)
        return intro is not None and intro.segment is not seg
