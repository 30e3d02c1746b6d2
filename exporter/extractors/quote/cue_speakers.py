"""The speaker of one cue: the phrase after or before it, a relative's antecedent, a relayed source.

Also the two ways a quote's speaker is not the cue's subject: a relay (نقلت
الصحيفة عن مصدر … قوله إن، … وذلك نقلا عن مصدر روسي: the source speaks) and
a report of a report (قال المنصر إن المرزوقي قال …: the inner speaker).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..persons import plausible
from ..speakers import Phrase
from ..speech_lexicon import pronoun_gender
from .carry_over import SpeakerHistory
from .records import Hit, Intro, Speaker
from .vocabulary import ACTORS, BODIES, DEMONSTRATIVES, FIRST_WORD, RELAY_FROM, RESUMPTIVE, SOURCES

_RELAY = re.compile(r"(?=ن)(?<![^\W_])نقلا عن(?![^\W_])")
_RELAY_TAIL = re.compile(r"[\s،,]*(?:وذلك )?نقلا عن(?![^\W_])")
_QAWL = re.compile(r"(?=ق)(?<![^\W_])قول(?:ه|ها|هم)(?![^\W_])")
# a particle with the pronoun that is the subject of the verb right after it (غير أنه اعتبر، لكنها أكدت)
_SUBJECT_PRONOUNS = {"انه": "m", "لكنه": "m", "ولكنه": "m", "فانه": "m",
                     "انها": "f", "لكنها": "f", "ولكنها": "f", "فانها": "f"}
_INNER_SPEAKERS = frozenset(("person", "organisation", "document", "group", "place", "anonymous"))  # report of a report


class CueSpeakers(SpeakerHistory):
    """Who speaks at a given cue."""

    def subject(self, h: Hit, chunk_end: int) -> tuple[Speaker | None, Phrase | None, bool]:
        """The speaker of cue ``h`` (speaker phrase in ``norm[h.end:chunk_end]``) and whether the chunk is fit."""
        cue = h.cue
        gender = cue.gender
        if cue.form == "participle":  # (واصفا تدفق المهاجرين … بأنه: the object comes first)
            fit = cue.has_object or self.chunk_ok(h, None, chunk_end)
            return self.implicit(h.start, gender, participle=True), None, fit
        if cue.role == "relay" and RELAY_FROM.search(self.norm, h.end, chunk_end) is not None:
            speaker, phrase = self.relayed(h, chunk_end)
            return speaker, phrase, True
        if cue.form == "noun" and cue.pronoun is not None:
            source = self.quoted_source(h)  # نقلا عن مصدر في الرئاسة قوله إن …: the source's words
            if source is not None:
                return self.resolve(source, source.start, cue.pronoun), source, self.chunk_ok(h, None, chunk_end)
            return self.implicit(h.start, cue.pronoun, participle=False), None, self.chunk_ok(h, None, chunk_end)
        rel = self.relative_before(h) if cue.form == "verb" else None
        if rel is not None:
            antecedent = self.antecedent(rel)  # … أحمد شفيق والذي لا يزال يقول إن …
            if antecedent is not None:
                return self.resolve(antecedent, antecedent.start, gender), antecedent, \
                    self.chunk_ok(h, None, chunk_end)
        if cue.form == "verb" and (not self.clause_initial(h) or (not h.prefix and self.prev_word(h.lead) == "قد")):
            # الوزارة أعلنت …، مصدر أمني قال …، وكان الوزير قد أكد …: the subject comes first, what follows the verb
            # is not it (when there is one before: وكان قد أكد الوزير …)
            before = self.phrase_before(h.lead, plural=gender == "p")
            if before is not None:
                # (إردوغان أبلغ شي أن …: after a verb with an object, a short object before the complement)
                fit = self.chunk_ok(h, None, chunk_end) or (cue.has_object and 0 < self.words(h.end, chunk_end) <= 3)
                return self.resolve(before, before.start, gender), before, fit
        # a verb before its subject is singular: after a dual or plural form (قالوا، انتقدا) comes an object
        toks = self.tokens(h.end, chunk_end)
        phrase = self.phrase_after(h.end, chunk_end, toks=toks) if gender != "p" else None
        if phrase is None and gender != "p" and len(toks) == 1:
            phrase = self.cue_surname(h)  # واضاف علي «…»: a surname that is also a preposition
        if phrase is not None and cue.has_object:
            first = FIRST_WORD.match(self.norm, h.end).end()
            # اتهم X Y بأن: X speaks; وأبلغ رويترز أن: an addressee, the subject is understood; a titled
            # name or a name set off by commas is the whole subject (وصف رئيس الوزراء … نتانياهو ما حصل بأنه)
            if phrase.name is not None and len(phrase.name_words) >= 3 and phrase.name_words[-1].startswith("ال") \
                    and not phrase.name_words[-1].endswith("ي"):
                # ووصفت الوزيرة ميري ريغيف الفيلم بأنه: a definite noun after the name is the verb's object
                shorter = self.phrase_after(h.end, self.norm.rfind(" ", h.end, phrase.end))
                phrase = shorter if shorter is not None and shorter.name is not None else phrase
            if self.reader.word(self.norm[h.end:first].strip()).media:
                phrase = None
            elif not self._whole_subject(phrase, chunk_end):
                phrase = self.phrase_after(h.end, first)
            subject_end = phrase.name[1] if phrase is not None and phrase.name is not None else \
                (phrase.end if phrase is not None else chunk_end)  # (ووصفت الوزيرة ليلى حداد | القرار بأنه …)
            if phrase is not None and not self.norm[subject_end:chunk_end].strip(" ،,"):
                phrase = None  # ووصف اللقاء بأنه …: only the object; the subject is understood
            fit = True
        else:
            fit = self.chunk_ok(h, phrase, chunk_end, toks)
        if phrase is not None and cue.form == "noun" and toks and toks[0][0] in DEMONSTRATIVES:
            return None, None, False  # إعلان هذه الهدنة: the noun's object, not its speaker
        if phrase is not None and phrase.name is None and phrase.kind in ("person", "anonymous"):
            named = self.trailing_name(phrase, chunk_end)
            if named is not None:
                phrase, fit = named, True
        if phrase is not None:
            return self.resolve(phrase, phrase.start, gender), phrase, fit
        if cue.form == "verb" and "ف" in h.prefix:
            topic = self.topic(h)  # أما صحيفة الوطن المقربة من السلطات فأشارت إلى أن …
            if topic is not None:
                return self.resolve(topic, topic.start, gender), topic, fit
        if cue.form == "verb" and not toks and self.prev_word(h.lead) in _SUBJECT_PRONOUNS:
            # غير أنه اعتبر أن …، لكنها أكدت أن …: the attached pronoun is the subject, someone named before
            return self.implicit(h.start, _SUBJECT_PRONOUNS[self.prev_word(h.lead)], participle=False,
                                 lemma=cue.lemma), None, fit
        if cue.form == "verb" and gender != "p" and not self.clause_initial(h) and not toks:
            return None, None, False  # عن عملية إطلاق يرجح أنها …: no subject anywhere, a passive or a gloss
        if RESUMPTIVE.match(self.norm, h.end) is not None:
            # ونشرت الجماعة … بيانا قالت فيه إن …، وألقى أمين شومان … كلمة أكد فيها: the sentence's subject
            subject = self.sentence_subject(self.sentence_of(h.start), gender, bare=True)
            if subject is not None:
                return Speaker(subject, None, gender), None, fit
        return self.implicit(h.start, gender, participle=False, lemma=cue.lemma), None, fit

    def topic(self, h: Hit) -> Phrase | None:
        """The subject fronted by أما before a verb with ف (أما عدنان، 30 عاما، وهو أحد السكان، فقال …): the
        phrase right after أما in the cue's sentence, a body or a person named as such (a known given name or
        a name the article has used, or a title with its name)."""
        s_start = self.sentences[self.sentence_of(h.start)][0]
        at = self.norm.rfind("اما ", max(s_start, h.lead - 200), h.lead)
        word = at - 1 if at > s_start and self.norm[at - 1] == "و" else at  # (وأما)
        if at < 0 or (word > s_start and self.norm[word - 1] != " ") or self.norm[at + 4:at + 6] in ("في", "عن", "من"):
            return None
        if word > s_start and self.prev_word(word) not in ("،", ","):
            return None  # (لا يعرف أما …: only at the head of a clause)
        phrase = self.phrase_after(at + 4, h.lead)
        if phrase is None or phrase.kind not in ACTORS or phrase.kind == "place":
            return None
        if phrase.kind == "person" and phrase.title is None and not plausible(self.reader, phrase, self.registry):
            return None
        return phrase

    def coordinated(self, h: Hit, intro: Intro) -> tuple[Speaker | None, Phrase | None]:
        """Two subjects joined by و before a dual or plural complement (أعلنت أرامكو السعودية والشركة الوطنية
        للنقل البحري أنهما …): one speaker, the whole phrase as written."""
        if intro.kind != "complement" or not self.norm[intro.start:intro.after].endswith(("هما", "هم")) \
                or h.cue.form != "verb" or not self.clause_initial(h):
            return None, None
        toks = self.tokens(h.end, intro.start)
        first = self.phrase_after(h.end, intro.start, toks=toks)
        if first is None or first.kind not in _INNER_SPEAKERS:
            return None, None
        k = next((j for j, t in enumerate(toks) if t[1] >= first.end), len(toks))
        if k >= len(toks) or toks[k][0][:1] != "و" or len(toks[k][0]) < 3:
            return None, None
        second = self.reader.parse(toks, k)
        if second is None or second.kind not in _INNER_SPEAKERS or not self.chunk_ok(h, second, intro.start, toks):
            return None, None
        kind = "organisation" if BODIES & {first.kind, second.kind} else first.kind
        joined = Phrase(first.start, second.end, kind, head=first.head, definite=first.definite,
                        words=first.words + second.words, feminine=first.feminine)
        return self.resolve(joined, joined.start, "p"), joined

    def _whole_subject(self, phrase: Phrase, chunk_end: int) -> bool:
        """After a verb with an object (وصف، اتهم): is the whole phrase read after it the subject, the object
        still to come? A body's phrase that leaves words before the complement (وصفت لجان التنسيق المحلية
        | اجتماع جنيف بأنه), a name set off by a comma, or a title with a plausible name or with words still
        before the complement (ووصفت وزيرة الثقافة ميري ريغيف | الفيلم بأنه)."""
        if phrase.kind in BODIES:
            return bool(self.norm[phrase.end:chunk_end].strip(" ،,"))
        if phrase.name is None:
            return False
        if self.norm.startswith("،", phrase.end):
            return True
        if phrase.title is None:
            return False
        if plausible(self.reader, phrase, self.registry):
            return True
        # (not وصف الجانب الفلسطيني | اقتراح إسرائيل بشأن …: a noun with a country is the object)
        return bool(self.norm[phrase.end:chunk_end].strip(" ،,")) \
            and not any(self.reader.word(w).country for w in phrase.name_words)

    def quoted_source(self, h: Hit) -> Phrase | None:
        """The source named right before a reporting noun with a pronoun (… عن مصدر عسكري | قوله إن)."""
        s_start = self.sentences[self.sentence_of(h.start)][0]
        at = self.norm.rfind(" عن ", max(s_start, h.lead - 100), h.lead)
        if at == -1:
            return None
        phrase = self.phrase_after(at + 4, h.lead)
        if phrase is None or phrase.kind not in _INNER_SPEAKERS or self.norm[phrase.end:h.lead].strip(" ،,"):
            return None
        return phrase

    def relayed(self, h: Hit, chunk_end: int) -> tuple[Speaker | None, Phrase | None]:
        """نقل … عن X (قوله) أن …: the speaker is X."""
        m = RELAY_FROM.search(self.norm, h.end, chunk_end)
        if m is None:
            return None, None
        if m.group(1):
            return self.implicit(h.start, pronoun_gender(m.group(0)), participle=False), None
        end = chunk_end
        q = _QAWL.search(self.norm, m.end(), chunk_end)
        if q:
            end = q.start()
        phrase = self.phrase_after(m.end(), end)
        if phrase is None:
            return None, None
        return self.resolve(phrase, phrase.start, None), phrase

    def relayed_source(self, a: int, b: int, *, tail: bool = False) -> tuple[Speaker, Phrase] | None:
        """The source named after نقلا عن in ``norm[a:b]`` (right at ``a`` when ``tail``), if any.

        Before the words it takes the source's own قوله (نقلا عن مصدر أمني قوله: …); after a reported clause
        (… وذلك نقلا عن مصدر روسي) it names the source of the whole clause.
        """
        m = (_RELAY_TAIL.match if tail else _RELAY.search)(self.norm, a, b)
        if m is None:
            return None
        q = _QAWL.search(self.norm, m.end(), b)
        if q is None and not tail:
            return None  # ذكرت المنظمة نقلا عن موظفين تابعين لها أن …: still the organisation's statement
        phrase = self.phrase_after(m.end(), q.start() if q else self.window_end(m.end(), b, 80))
        if phrase is None or phrase.kind not in SOURCES:
            return None
        speaker = self.resolve(phrase, phrase.start, None)
        return (speaker, phrase) if speaker is not None else None

    def report_of_report(self, h: Hit, intro: Intro, s_end: int) -> Phrase | None:
        """قال المنصر إن المرزوقي قال …: the quote is the inner speaker's (the outer one is a channel); the inner
        speaker's phrase, or None."""
        k = bisect_right(self.hit_starts, intro.after)
        if k >= len(self.hits):
            return None
        inner = self.hits[k]
        if inner.start >= s_end or inner.cue.form != "verb" or inner.cue.role != "speech" or inner.prefix:
            return None
        gap = self.words(intro.after, inner.start)
        if gap > 10:
            return None
        if self.opener_before(inner) is not None:
            return None  # إن الأطراف تتحاور، لكنه أضاف …: a clause of its own, not the inner speaker's verb
        phrase = self.phrase_after(intro.after, inner.start)
        if phrase is None or phrase.kind not in _INNER_SPEAKERS:
            return None
        if phrase.kind != "person" and (gap > 6 or self.norm[phrase.end:inner.lead].strip()):
            return None  # (a body, document or source only as the whole subject: أن النتائج الأولية بينت أن)
        if phrase.kind == "document" and len(phrase.words) < 2:
            return None  # أن الإحصاءات تشير إلى أن …: figures alone are the outer speaker's argument
        if gap > 4 and (phrase.name is None or self.norm[phrase.end:inner.lead].strip(" ،,")):
            return None  # (a longer subject only as a whole phrase: عزيز الرباح، وزير النقل قال)
        if phrase.kind == "person" and phrase.name is not None and phrase.title is None and \
                self.registry.person_by_name(phrase.name_words, phrase.start) is None and \
                phrase.name_words[0] not in self.lex.given_names:
            return None
        inner_intro = self.find_intro(inner, s_end)
        return phrase if inner_intro is not None and self.words(inner.end, inner_intro.start) <= 8 else None
