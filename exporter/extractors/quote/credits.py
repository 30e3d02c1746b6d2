"""Source credits and attribution tails.

A credit (حسبما ذكرت رويترز، وفقا لوكالة …) is not a quote, and a cue inside
one (حسبما ذكرت) introduces nothing; but a sentence that opens with a credit
and goes on with the source's words (وبحسب المصدر، فإن …) is the source's
quote, and so is a quotation followed by a tail ("…"، على حد تعبيره، "…" بحسب
ما ذكره X).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ...segment import Article
from ..quote_marks import Segment
from .quotations import QuotedWords
from .records import Hit, Speaker
from .vocabulary import FIRST_WORD, MIN_DIRECT_WORDS, PREPOSITIONS, SOURCES

_AS_SAID = re.compile(r"[\s،,]*(?:علي ما|كما) ")  # "…" على ما قال X، "…"، كما أكد X
_MID_CREDIT = re.compile(r" و(?:بحسب|حسب|وفقا|وفق|طبقا)(?![^\W_]) ?ل?")
_FA_INNA = re.compile(r"(?=ف)(?<![^\W_])ف(?:ان(?:ه|ها|هم)?|(في|قد|سوف|لا|لن|لم|هناك|من))(?![^\W_])")
# what a credit names before its source: a statement noun (وفقا لأقوال …، بحسب بيانات …) with a relative clause
# of giving, or "what X said" (وبحسب ما أعلنه عميد الكلية …)
_STATEMENTS = re.compile(r"(?:(?:(?:ال)?(?:اقوال|تصريحات|افادات|افاده|تعليقات|كلام|روايه|شهاده)"
                         r"|(?:بيانات|معطيات|ارقام|تقديرات|معلومات|توقعات)(?=\s[^\W_]+(?![^\W_]*ي(?:ه|ين|ون)?\s)))"
                         r"(?:ه|ها|هم)? "
                         r"(?:(?:التي|الذي) (?:قدمها|قدمه|ادلي بها|ادلي به|ادلت بها|نقلها|اطلقها) )?"
                         r"|ما (?:اعلن|ذكر|قال|افاد|اكد|اوضح|صرح|كشف|اورد|نقل)(?:ت|ته|تها|ه|ها)? (?:به |بها )?)")


class Credits(QuotedWords):
    """Reads credits: as a cue's context, as a sentence's opener, and as a tail after a quotation."""

    def __init__(self, article: Article, body_start: int) -> None:
        super().__init__(article, body_start)
        self.mid_credits = [m.start() for m in _MID_CREDIT.finditer(self.norm, self.body)]  # (… جودة وبحسب بيان …)

    def credit_source(self, h: Hit) -> None:
        """A titled person named in a credit (بحسب ما ذكرت المتحدثة جيني لي): later mentions by the title alone
        (وقالت المتحدثة) refer to them, though the credit itself quotes nothing."""
        s_end = self.sentences[self.sentence_of(h.start)][1]
        phrase = self.phrase_after(h.end, self.window_end(h.end, s_end, 80))
        if phrase is not None and phrase.kind == "person" and phrase.name is not None and phrase.title is not None \
                and phrase.title[1] <= phrase.name[0]:
            # (in the registry only: a credit is not a speech act, so no later cue takes its subject from it)
            self.registry.person(phrase, phrase.start, h.cue.gender, speaker=False).plausible = True

    def sentence_credit(self, i: int) -> None:
        """وبحسب X، فإن … / ووفقا لـX، … / وبحسب النشرة تخطط …: the source's words after a sentence-initial
        credit (or one that opens a clause with فإن: … جودة وبحسب بيان للخارجية الفرنسية فإن "…")."""
        norm = self.norm
        a, b, _p = self.sentences[i]
        if b <= self.body:
            return
        m = self.lex.credit_opener.match(norm, a)
        mid = m is None
        if mid:
            k = bisect_left(self.mid_credits, a)
            if k == len(self.mid_credits) or self.mid_credits[k] >= b:
                return
            m = _MID_CREDIT.search(norm, a, b)
            if m is None:
                return
        if any(q.start < b and (m.start() if mid else a) < q.end for q in self.quotes):
            return
        source, statements = self._statement_source(m.end(), b)
        fa = _FA_INNA.search(norm, source, b)
        own = self._own_words(source) or self._own_words(m.end())  # (وحسب أقواله فقد: a statement noun too)
        if own is not None and fa is not None and self.words(own.lead, fa.start()) == 1:
            # وحسب قوله فإن "…": the words of whoever is speaking
            speaker = self.implicit(source, own.cue.pronoun, participle=True)
            if speaker is not None:
                start = fa.end() if fa.group(1) is None else fa.start(1)
                self.reported(own, start, self.clause_end(start, b), speaker, i)
            return
        if fa is not None and self.words(source, fa.start()) <= (20 if statements else 12):
            phrase = self.phrase_after(source, fa.start())
            start = fa.end() if fa.group(1) is None else fa.start(1)  # ففي حال …: the words after ف
        elif mid:
            return
        else:
            comma = norm.find("،", m.end(), b)
            if comma != -1 and self.words(m.end(), comma) <= 8:
                phrase = self.phrase_after(source, comma)
                start = comma + 1
            else:  # وبحسب النشرة تخطط قطر …: a source's whole name, then its words
                phrase = self.phrase_after(source, self.window_end(source, b, 60))
                start = phrase.end if phrase is not None else b
                if phrase is not None and (phrase.kind == "person" or self.words(start, b) < 4
                                           or not norm[start:start + 2].strip(" ")[:1].isalpha()):
                    return
            if phrase is None or phrase.kind not in SOURCES:
                return
        if phrase is None or (phrase.kind == "document" and phrase.head in self.lex.instruments):
            return  # (ووفقا لاتفاقية الشراكة، تسهم …: what the agreement provides, not its words)
        if phrase.kind == "document" and not phrase.definite and len(phrase.words) == 1:
            return  # وبحسب تقارير، فقد أسفر …: unnamed reports credit the narration, nobody speaks
        self.read_actors(self.body, a)  # (the bodies acting before may be the one named: وحسب الجيش)
        speaker = self.resolve(phrase, phrase.start, None)
        if speaker is not None:
            self.reported(None, start, self.clause_end(start, b), speaker, i)

    def _own_words(self, pos: int) -> Hit | None:
        """The reporting noun with a pronoun at ``pos`` (حسب قوله، وفقا لتعبيرها), if that is what a credit cites."""
        k = bisect_left(self.hit_starts, pos)
        if k < len(self.hits) and self.hits[k].lead == pos:
            h = self.hits[k]
            if h.cue.form == "noun" and h.cue.pronoun is not None:
                return h
        return None

    def _statement_source(self, pos: int, end: int) -> tuple[int, bool]:
        """Where the source starts after a credit's statement noun (وفقا لأقوال المتحدث، وحسب الإفادات التي
        قدمها الرئيس …): after the noun and a relative clause of giving (التي قدمها، التي أدلى بها)."""
        m = _STATEMENTS.match(self.norm, pos, end)
        return (m.end(), True) if m else (pos, False)

    def tails(self) -> None:
        """"…"، على حد تعبيره / "…" بحسب ما ذكره X: an attributed quotation."""
        for seg in self.segments:
            if seg.open in self.used_segments or seg.close is None or seg.words < MIN_DIRECT_WORDS \
                    or any(q.start <= seg.open < q.end for q in self.quotes):
                continue
            m = self.lex.pronoun_tails.match(self.norm, seg.after)
            speaker = None
            if m is not None:
                speaker = self.implicit(seg.open, None, participle=False)
            else:
                m = self.lex.named_tails.match(self.norm, seg.after)
                if m is not None:
                    end = self.sentences[self.sentence_of(m.end())][1]
                    phrase = self.phrase_after(m.end(), end)
                    if phrase is not None:
                        speaker = self.resolve(phrase, phrase.start, None)
                else:
                    speaker = self._as_said(seg)
            if speaker is not None:
                self.emit_segments([seg], None, speaker, self.sentence_of(seg.open))

    def _as_said(self, seg: Segment) -> Speaker | None:
        """"…" على ما توقع الخبير بريزار / "…"، كما قال الوزير: a speech verb in a credit right after a quotation,
        with its subject named after it: whose words the quotation is. Only a quotation of five words or more
        that does not open with a preposition (a phrase of the narration in marks — "بعد سنوات من القتال" كما
        ذكرت … — stays the narrator's), and never an outlet's credit (كما ذكرت رويترز)."""
        m = _AS_SAID.match(self.norm, seg.after)
        if m is None or seg.words < 5 or FIRST_WORD.match(self.norm, seg.start).group().strip() in PREPOSITIONS:
            return None
        k = bisect_left(self.hit_starts, m.end())
        if k == len(self.hits) or self.hits[k].lead != m.end():
            return None
        h = self.hits[k]
        if h.cue.role != "speech" or h.cue.form != "verb" or h.prefix:
            return None
        end = self.sentences[self.sentence_of(h.start)][1]
        phrase = self.phrase_after(h.end, self.window_end(h.end, end, 80))
        if phrase is None or phrase.pronoun is not None or phrase.kind == "other" \
                or self.reader.word(self.norm[phrase.start:phrase.end].split()[0]).media:
            return None
        return self.resolve(phrase, phrase.start, h.cue.gender)
