"""Speaker carry-over: who speaks when a cue names nobody (وأضاف، مضيفا، تأكيده، قال فيه).

The reader keeps a history, in text order, of who spoke or acted where:
quote speakers, the subjects of speech acts with no quote (دانت فرنسا …،
أكد الوزير دعمه — read lazily, only when a later cue needs an antecedent)
and sources named in trailing credits (…، وفقا لسور غول، قائد بالجيش). A cue
with no subject takes, in this order: an earlier speech act's subject in its
sentence, a person or country named there, the subject of the verb that
opens the sentence or of the sentence before, else the latest one in the
history whose gender and number agree with the cue.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Sequence
from operator import itemgetter

from ...segment import Article
from ..persons import Entity, plausible
from ..speakers import Phrase, Token, possessive_noun
from .clauses import ClauseReading
from .records import Hit, Quote, Speaker
from .vocabulary import (
    ACTORS,
    AUXILIARIES,
    BODIES,
    COMMA_WORDS,
    DEMONSTRATIVES,
    FIRST_WORD,
    PREPOSITIONS,
    RELATIVES,
    RESUMPTIVE,
)

# How far back a carried-over cue (وأضاف، مضيفا) looks for its speaker, in history entries. Real articles
# stay far below it; it keeps hostile text (thousands of cues in one sentence) linear.
LOOKBACK = 256
_POSITION = itemgetter(0)  # history entries are (pos, entity, gender, sentence, spoke)
_CREDIT = re.compile(r"[،,] ?(?=(?:و)?(?:وفقا|وفق|حسب|بحسب|طبقا)(?![^\W_]))")
_PRONOUN_OPENER = re.compile(r"(?:و|ف)?(?:لكن|ولكن|الا ان|غير ان|بيد ان|كما ان)(?:ه|ها|هم)(?![^\W_])")
_CONTINUATIONS = frozenset(("أضاف", "تابع", "استطرد", "أردف", "استدرك"))  # go on with the last speaker
_ADVERB = re.compile(r"(?:و)?[^\W\d_]{3,}(?:يا|ا)")  # an accusative adverb (سياسيا، ميدانيا، اقتصاديا)
_VERB_PREPS = frozenset(("عن", "علي", "الي"))  # a verb's complement after a body (امتنعت مجموعات | عن …)
_SUBJECT_OPENERS = frozenset(("لكن", "ولكن", "بينما", "فيما", "كما"))  # before a fronted subject (لكن مجموعات …)
_OBJECT_OPENERS = frozenset(("ما", "هذا", "هذه", "ذلك", "تلك"))  # after a verb: its object, not a subject

HistoryEntry = tuple[int, Entity, str | None, int, bool]  # pos, entity, gender, sentence, spoke


class SpeakerHistory(ClauseReading):
    """Resolves speaker phrases to entities and carries speakers over to cues with no subject."""

    def __init__(self, article: Article, body_start: int) -> None:
        super().__init__(article, body_start)
        self.history: list[HistoryEntry] = []  # kept sorted by position
        self.pending: list[Hit] = []  # speech acts whose subject is read only when a later cue needs it
        # the quotes found so far (a sentence inside quoted words lends no subject to the story's cues)
        self.quotes: list[Quote] = []
        # trailing source credits (…، وفقا لـ X), read when a subjectless cue needs an antecedent
        self.credits = [m.end() for m in _CREDIT.finditer(self.norm, self.body)]

    def resolve(self, phrase: Phrase, pos: int, gender: str | None) -> Speaker | None:
        """The speaker a phrase at ``pos`` names (a pronoun subject — هو، هي — is carried over like no subject)."""
        if phrase.pronoun is not None:
            speaker = self.implicit(pos, phrase.pronoun, participle=False)
            if speaker is None:  # شهد التوقيع سمو الشيخ أحمد … . وقال سموه: the person last named before it
                named = self._last_named(pos, phrase.pronoun)
                speaker = Speaker(named, None, phrase.pronoun) if named is not None else None
            return speaker
        entity = self.registry.speaker(phrase, pos, gender)
        return Speaker(entity, phrase, gender)

    def _last_named(self, pos: int, gender: str | None) -> Entity | None:
        """The named person mentioned last before ``pos`` whose gender agrees, if any."""
        best, at = None, -1
        for e in self.registry.entities:
            if e.kind != "person" or not e.named or (gender in ("m", "f") and e.gender not in (None, gender)):
                continue
            k = bisect_left(e.positions, pos)
            if k and e.positions[k - 1] > at:
                best, at = e, e.positions[k - 1]
        return best

    def implicit(self, pos: int, gender: str | None, *, participle: bool, lemma: str | None = None
                 ) -> Speaker | None:
        """The speaker of a cue with no subject of its own (مضيفا، وأضاف، تأكيده).

        In its own sentence: the subject of an earlier speech act, else a person or country named there.
        Else, for a verb that opens its sentence (وقال، وشدد): the subject of the sentence just before
        (وعرض مرسي … . وشدد على أنه …), else the latest speaker or actor that agrees with the cue. A
        continuation (وأضاف، وتابع) and a participle go on with the latest one that spoke.
        """
        sent = self.sentence_of(pos)
        s_start = self.sentences[sent][0]
        joined = self.norm[pos - 1] in "وف" or (self.norm[pos - 2:pos] in ("و ", "ف ")
                                                 and self.norm[pos - 3:pos - 2] in ("", " "))  # وقال، و قال
        self.read_actors(s_start, pos)
        i = j = bisect_left(self.history, pos, key=_POSITION)
        stop = max(0, i - LOOKBACK)
        while j > stop and self.history[j - 1][3] == sent:  # the history is in text order: same sentence = a run
            j -= 1
        same = self.history[j:i]
        pick = self._agreeing(same, gender)
        if pick is not None:
            return Speaker(pick[1], None, gender)
        inside = self.words(s_start, pos) > 1 and not same
        if inside and not participle and joined:
            # وتناول التقرير … فذكر أن، تحفظ مسؤولون … واعتبروا أن: a verb joined to the one that opens the
            # sentence has its subject (not whoever else the sentence names: وجدد مطالبة … كوفي أنان، وقال …)
            own = self.sentence_subject(sent, gender, bare=True)
            if own is None and gender == "f":
                own = self._feminine_subject(s_start, pos)
            if own is not None:
                return Speaker(own, None, gender)
        if not (inside and not participle and joined and self._opens_with_verb(sent)):
            named = self.named_in(s_start, pos, gender)  # (أما رئيس مجلس الإدارة، عبدالله الربيعان، فقال)
            if named is not None:
                return Speaker(named, None, gender)
        if same and not participle:
            return Speaker(same[-1][1], None, gender)
        goes_on = participle or lemma in _CONTINUATIONS
        if goes_on and not participle and self.words(s_start, pos) <= 1 and sent > 0 \
                and self.sentences[sent - 1][2] >= self.sentences[sent][2] - 1:
            prev = self._act_subject(sent - 1, gender)  # ودعا الوزير فلان السياح إلى … . وأضاف أن …
            if prev is not None:
                return Speaker(prev, None, gender)
        if not goes_on and self.words(s_start, pos) <= 1 and sent > 0 \
                and self.sentences[sent - 1][2] >= self.sentences[sent][2] - 1:
            prev = self.sentence_subject(sent - 1, gender)
            if prev is not None:
                return Speaker(prev, None, gender)
        if inside and (participle or joined):
            if participle:  # الحذر … عبر عنه مستشار …، لافتا إلى: the subject of the verb that opens the sentence
                own = self.sentence_subject(sent, gender, bare=True)
                if own is not None:
                    return Speaker(own, None, gender)
            if sent > 0 and self.pronoun_opened(sent) and self.sentences[sent - 1][2] >= self.sentences[sent][2] - 1:
                prev = self.sentence_subject(sent - 1, gender)  # وهاجم الأسد … . لكنه امتدح …، مشددا على أنها
                if prev is not None:
                    return Speaker(prev, None, gender)
        self.read_actors(self.body, pos)
        self.read_credits(pos)
        earlier = self._before(pos)
        spoke = [h for h in earlier if h[4]] if goes_on else earlier
        pick = self._agreeing(spoke, gender) or self._agreeing(earlier, gender) or (spoke or earlier or [None])[-1]
        return Speaker(pick[1], None, gender) if pick else None

    def _act_subject(self, sent: int, gender: str | None) -> Entity | None:
        """The subject of the speech act that opens sentence ``sent`` (ودعا، ورحب، وانتقد + a titled or known
        name): who acted last, the one a following وأضاف goes on with rather than an earlier speaker."""
        a, b, _p = self.sentences[sent]
        k = bisect_left(self.hit_starts, a)
        if k >= len(self.hits) or self.hits[k].lead != a or self.hits[k].cue.role != "act" \
                or self.hits[k].cue.form != "verb" or self.hits[k].cue.ambiguous:
            return None
        h = self.hits[k]
        phrase = self.reader.parse(self.tokens(h.end, self.window_end(h.end, b, 160)), 0)
        if phrase is None or phrase.kind != "person" or phrase.name is None \
                or not plausible(self.reader, phrase, self.registry):
            return None  # (وأبدى القيادي استغرابه: a noun after the title, not a name)
        speaker = self.resolve(phrase, phrase.start, None)
        if speaker is None or self._agreeing([(a, speaker.entity, None, sent, False)], gender) is None:
            return None
        return speaker.entity

    def _feminine_subject(self, start: int, pos: int) -> Entity | None:
        """The subject of the nearest feminine verb before ``pos`` in its sentence (… بعد أن وجهت نائبة الوزير شو
        سون هوي انتقادات … ووصفته بأنه: the verb joined to it by و shares it), when the sentence's own subject
        does not agree."""
        toks = self.tokens(max(start, pos - 200), pos)
        for k in range(len(toks) - 2, -1, -1):
            t = toks[k][0]
            if t.endswith("ت") and not t.endswith("ات") and self._finite_verb(toks[k]):
                phrase = self.reader.parse(toks[:len(toks) - 1], k + 1)
                if phrase is None or phrase.kind != "person" or phrase.name is None or phrase.title is None:
                    return None
                return self.registry.person(phrase, phrase.start, "f", speaker=False)
        return None

    def _opens_with_verb(self, sent: int) -> bool:
        """Does sentence ``sent`` open with a verb (its subject is the subject of verbs joined to it)?"""
        a, b, _p = self.sentences[sent]
        toks = self.tokens(a, self.window_end(a, b, 20))[:1]
        return bool(toks) and (self.verb_like(toks[0]) or self.reader.word(toks[0][0]).cue)

    def pronoun_opened(self, sent: int) -> bool:
        """Does sentence ``sent`` open with a subject pronoun (لكنه، إلا أنها، وهو) referring back?"""
        m = _PRONOUN_OPENER.match(self.norm, self.sentences[sent][0])
        return m is not None

    def sentence_subject(self, sent: int, gender: str | None, *, bare: bool = False) -> Entity | None:
        """The subject of sentence ``sent`` when it opens with a verb (ورسمت الوكالة …، وعرض مرسي …).

        ``bare``: the verb may also have no و/ف (تحفظ مسؤولون …), when a source, body or titled person follows.
        """
        a, b, _para = self.sentences[sent]
        if a < self.body or self.inside_segment(a) is not None or any(q.start <= a < q.end for q in self.quotes):
            return None  # (a sentence inside quoted words: the quoted speaker's subject, not the story's)
        toks = self.tokens(a, self.window_end(a, b, 160))
        i = 0
        if toks and self.reader.word(toks[0][0]).stop and not (bare and toks[0][0] in _SUBJECT_OPENERS):
            comma = next((k for k, t in enumerate(toks[:8]) if t[0] in COMMA_WORDS), None)
            if comma is not None:
                i = comma + 1  # وخلال ذروة الفضيحة، أرسل مجلس الأمن …: the verb after a leading adverbial
        elif len(toks) > 2 and toks[1][0] in COMMA_WORDS and _ADVERB.fullmatch(toks[0][0]):
            i = 2  # سياسياً، تراجعت موسكو …: a leading adverb
        while i < len(toks) - 1 and toks[i][0] in AUXILIARIES:
            i += 1
        apart = i < len(toks) - 2 and toks[i][0] in ("و", "ف")  # و عبر …: the conjunction written apart
        if apart:
            i += 1
        if i >= len(toks) - 1:
            return None
        verb = (toks[i - 1][0] + toks[i][0], toks[i][1], toks[i][2]) if apart else toks[i]
        if not self.verb_like(verb, bare=bare):
            return self._fronted_subject(toks, i, sent, gender) if bare else None
        phrase = self._subject_at(toks, i + 1)
        if phrase is None or phrase.kind not in ACTORS or self.words(toks[i + 1][1], phrase.start) > 2 \
                or phrase.pronoun is not None:
            return None  # (واشار سعادته: a pronoun is no subject to carry)
        if bare and toks[i][0][:1] not in "وف" and phrase.kind == "person" and phrase.title is None:
            return None
        if phrase.kind == "person" and phrase.title is None and not plausible(self.reader, phrase, self.registry):
            return None
        speaker = self.resolve(phrase, phrase.start, None)
        if speaker is None or self._agreeing([(a, speaker.entity, None, sent, False)], gender) is None:
            return None
        return speaker.entity

    def _subject_at(self, toks: list[Token], i: int) -> Phrase | None:
        """The subject phrase of a verb that is no speech verb at token ``i``: a body's phrase stops before عن،
        على، إلى (وامتنعت مجموعات معارضة | عن التوقيع …: the verb's complement, not the body's description)."""
        phrase = self.reader.parse(toks, i)
        if phrase is None or phrase.kind not in BODIES:
            return phrase
        cut = next((k for k in range(i + 1, len(toks)) if toks[k][1] >= phrase.end or toks[k][0] in _VERB_PREPS),
                   len(toks))
        if cut < len(toks) and toks[cut][0] in _VERB_PREPS and toks[cut][1] < phrase.end:
            return self.reader.parse(toks[:cut], i)
        return phrase

    def _fronted_subject(self, toks: list[Token], i: int, sent: int, gender: str | None) -> Entity | None:
        """A body or source before the sentence's verb (لكن مجموعات معارضة أخرى امتنعت …، معتبرة أن): the subject
        of a participle later in the sentence. The verb is told by its form: a perfect with the feminine ت or an
        imperfect with ي/ت, within six words."""
        if toks[i][0] in _SUBJECT_OPENERS:
            i += 1
        if i >= len(toks) or self.reader.word(toks[i][0]).conj:
            return None
        k = next((j for j in range(i + 1, min(len(toks), i + 7)) if self._finite_verb(toks[j])), None)
        if k is None:
            return None
        phrase = self.reader.parse(toks[:k], i)
        if phrase is None or phrase.kind not in BODIES or phrase.kind == "place" or phrase.pronoun is not None:
            return None
        speaker = self.resolve(phrase, phrase.start, None)
        if speaker is None or self._agreeing([(phrase.start, speaker.entity, None, sent, False)], gender) is None:
            return None
        return speaker.entity

    def _finite_verb(self, tok: Token) -> bool:
        """A verb by its form (امتنعت، يرفض، ترفض), not a noun or adjective (أخرى، أصغر)."""
        t = tok[0]
        return (t.endswith("ت") or t[:1] in "يت") and self.verb_like(tok, bare=True)

    def named_in(self, start: int, pos: int, gender: str | None) -> Entity | None:
        """The first person (by any name used for them) or country named in ``norm[start:pos]``."""
        best: tuple[int, Entity] | None = None
        text = self.norm[start:pos]
        for e in self.registry.entities:
            if e.kind != "person" or (gender in ("m", "f") and e.gender not in (None, gender)):
                continue
            first = None
            for form in ({e.key[-1], *e.forms} if e.named else e.forms):  # (not المصري of وزير الري المصري)
                i = text.find(form)
                while i != -1:
                    j = i + len(form)
                    if (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not text[j].isalnum()):
                        if first is None or i < first:
                            first = i
                        break
                    i = text.find(form, i + 1)
            if first is not None and (best is None or first < best[0]) \
                    and text[:first].rstrip().rpartition(" ")[2] not in PREPOSITIONS:
                best = (first, e)  # (not after a preposition: انتقادات إلى مايك بنس is an object)
        if best is not None:
            return best[1]
        for t, a, b in self.tokens(start, self.window_end(start, pos, 30))[:3]:  # قللت إيران …، وادعت أن
            if self.reader.word(t).state and not self.reader.word(t).prep:
                phrase = Phrase(a, b, "place", name=(a, b), words=(t,), feminine=True)
                return self.registry.speaker(phrase, a, "f")
        return None

    @staticmethod
    def _agreeing(items: Sequence[HistoryEntry], gender: str | None) -> HistoryEntry | None:
        """The latest entry whose speaker can be the subject of a cue of ``gender`` (m, f, p or unknown)."""
        for item in reversed(items):
            g = item[1].gender or item[2]
            # (a plural verb may speak for a body: قالوا after الشرطة; but a plural of people — منتقدون —
            # is not the subject of a singular verb)
            if gender is None or g is None or g == gender or gender == "p" and item[1].kind in BODIES \
                    or g == "p" and item[1].kind not in ("person", "anonymous"):
                return item
        return None

    def note(self, pos: int, speaker: Speaker, spoke: bool) -> None:
        """Remember who spoke (or acted) at ``pos``; the history stays in text order (a later note may be for an
        earlier place: a report of a report's inner quote, a credit read after its sentence)."""
        self._remember((pos, speaker.entity, speaker.gender, self.sentence_of(pos), spoke))

    def _remember(self, item: HistoryEntry) -> None:
        """Add to the history, which is kept sorted by position so "who spoke before here" is a slice."""
        insort(self.history, item, key=_POSITION)

    def _before(self, pos: int) -> list[HistoryEntry]:
        """The latest history entries before text position ``pos`` (a bounded slice, not a scan)."""
        i = bisect_left(self.history, pos, key=_POSITION)
        return self.history[max(0, i - LOOKBACK):i]

    def actor(self, h: Hit) -> None:
        """Remember a speech act with no quote (دانت فرنسا …، أكد الوزير دعمه): its subject may speak next."""
        if h.cue.form == "verb" and not h.cue.ambiguous:
            self.pending.append(h)  # (بين، قدر … are too often other words: لا قدر الله، بين مجموعة …)

    def read_actors(self, start: int, end: int) -> None:
        """Read the subjects of the pending speech acts between ``start`` and ``end``."""
        todo = [h for h in self.pending if start <= h.start < end]
        if not todo:
            return
        self.pending = [h for h in self.pending if h not in todo]
        for h in todo:
            s_end = self.sentences[self.sentence_of(h.start)][1]
            if h.cue.gender == "p":
                continue  # انتقدا رومني: the phrase after a plural verb is its object
            if self.opener_before(h) in RELATIVES:
                continue  # مرسي الذي تعهد بترك …: a relative clause; what follows is its object
            if RESUMPTIVE.match(self.norm, h.end) is not None:  # ألقى أمين شومان كلمة أكد فيها …
                subject = self.sentence_subject(self.sentence_of(h.start), h.cue.gender)
                if subject is not None:
                    self._remember((h.start, subject, h.cue.gender, self.sentence_of(h.start), True))
                continue
            if self.clause_initial(h):
                first = FIRST_WORD.match(self.norm, h.end).end()
                if self.norm[h.end:first].strip() in DEMONSTRATIVES and self.norm.startswith(" ال", first):
                    continue  # واعتبر هذا الصاروخ …: the object; the subject is the one spoken of before
                if h.cue.has_object and self.reader.word(self.norm[h.end:first].strip()).media:
                    continue  # وأبلغ رويترز «…»: the addressee; the subject is the one spoken of before
                if self.accusative_plural(self.norm[h.end:first].strip()):
                    continue  # ودعا المتظاهرين إلى …: a plural in -ين after the verb is its object
                end = first if h.cue.has_object else s_end
                phrase = self.phrase_after(h.end, self.window_end(h.end, end))  # (اتهم X Y بـ: X speaks)
            else:
                phrase = self.phrase_before(h.lead)  # الوزارة أعلنت …
            if phrase is not None and phrase.name is not None and phrase.title is not None \
                    and phrase.title[1] < phrase.name[0] and not plausible(self.reader, phrase, self.registry) \
                    and any(self.reader.word(w).country for w in phrase.name_words):
                # أكد الرئيس المصري الجديد | احترام مصر …: no name after the title, but the verb's object
                phrase = self.phrase_after(phrase.start, phrase.title[1])
            if phrase is not None and (phrase.kind != "person" or phrase.title is not None
                                       or plausible(self.reader, phrase, self.registry)):
                speaker = self.resolve(phrase, phrase.start, h.cue.gender)  # (كرر دعوته: no actor)
                if speaker is not None and speaker.entity.kind in ACTORS:  # (لفتت الانتباه: an object)
                    # كشفت مصادر عن مقتل …: they reported something, if not a clause (قال with no words
                    # introduced is rather a lost quotation: وقال تشمل الاتفاقيات …)
                    spoke = h.cue.role == "speech" and h.cue.lemma != "قال"
                    self._remember((h.start, speaker.entity, h.cue.gender, self.sentence_of(h.start), spoke))

    def read_credits(self, pos: int) -> None:
        """Sources named in trailing credits before ``pos`` (…، وفقا لسور غول، قائد بالجيش): they may speak
        next (وقال إن …). News agencies and outlets are channels, not speakers, and are left out."""
        while self.credits and self.credits[0] < pos:
            at = self.credits.pop(0)
            m = self.lex.credit_opener.match(self.norm, at)
            if m is None:
                continue
            s_end = self.sentences[self.sentence_of(at)][1]
            toks = self.tokens(m.end(), self.window_end(m.end(), s_end, 80))
            if not toks or self.reader.word(toks[0][0]).media:
                continue
            phrase = self.reader.parse(toks, 0)
            if phrase is None or phrase.kind not in ACTORS or (
                    phrase.kind == "person" and phrase.title is None
                    and not plausible(self.reader, phrase, self.registry) and not self._apposed(phrase, s_end)):
                continue
            speaker = self.resolve(phrase, phrase.start, None)
            if speaker is not None:
                self._remember((at, speaker.entity, None, self.sentence_of(at), False))

    def _apposed(self, phrase: Phrase, limit: int) -> bool:
        """Is a bare name followed by a comma and a title (سور غول، قائد بالجيش …)?"""
        toks = self.tokens(phrase.end, self.window_end(phrase.end, limit, 30))
        return len(toks) > 1 and toks[0][0] in COMMA_WORDS and (
            self.reader.word(toks[1][0]).title or self.reader.word(toks[1][0]).honorific)

    def act_subject(self, h: Hit) -> Speaker | None:
        """The subject of a speech act read earlier (or the speaker it carries on from)."""
        self.read_actors(h.start, h.end)
        i = bisect_left(self.history, h.start, key=_POSITION)
        if i < len(self.history) and self.history[i][0] == h.start:
            return Speaker(self.history[i][1], None, self.history[i][2])
        if h.cue.form != "participle":
            first = FIRST_WORD.match(self.norm, h.end).group().strip()
            if not (self.clause_initial(h) and (first in _OBJECT_OPENERS or possessive_noun(first)
                                                or first in h.cue.preps
                                                or (h.cue.gender != "p" and self.accusative_plural(first)))):
                return None  # (a verb whose subject could not be read: no guess)
            # وأكدتا على «…»: the subject is understood
            # وكرر دعوته إلى «…»، وانتقدت ما وصفته بـ"…"، ودعا المتظاهرين إلى «…»: the object comes first, the
            # subject is understood
        return self.implicit(h.start, h.cue.gender, participle=h.cue.form == "participle", lemma=h.cue.lemma)
