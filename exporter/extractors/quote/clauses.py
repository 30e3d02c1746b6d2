"""Clauses: what a cue introduces (إن/أن, a colon, quotation marks) and where a reported clause ends.

A reported clause ends at the end of its sentence, before the next cue that
opens a clause (، مضيفا …، وقال …، فيما أشار …), before a speech verb inside
it that reports a clause of its own (… ادعت قوات الاحتلال أنهم …), or before
an attribution tail (، حسب …، على حد تعبيره). Whether a cue opens a clause
depends on what stands before it (و/ف، a comma, لكنه، الذي, a fronted
adverbial such as من جانبه).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ...segment import Article
from ..quote_marks import Segment
from .phrases import PhraseReading
from .records import Hit, Intro
from .vocabulary import (
    COMMA_WORDS,
    COMPLEMENT,
    COMPLEMENT_AFTER,
    FIRST_WORD,
    MARKS,
    OUTLETS,
    PREPOSITIONS,
    RELATIVE_PRONOUNS,
    RELATIVES,
    RELAY_FROM,
    RESUMPTIVE,
)

# (searched patterns start with a lookahead for their possible first characters: the regex engine then skips
# other positions at once, about twice as fast as trying every alternative there)
_INTRO = re.compile(r"(?=[:«»“”„‹\"'‘اعمفب])(?:(?P<colon>(?<!\d):(?! ?\d))|(?P<mark>[«»“”„‹\"'‘])|" + COMPLEMENT + ")")
_COMPLEMENT_RE = re.compile(r"(?=[اعمفب])" + COMPLEMENT)
_FRONTED = re.compile(r"(?:و)?(?:من (?:جانبه|جانبها|جهته|جهتها|ناحيته|ناحيتها)|بدوره|بدورها"
                      r"|(?:حول|بشان|في|عن|علي|خلال|بعد|قبل|امام|اثر|عقب|ازاء|حيال)(?: [^\s،,.:؛]+){1,3}) ?")
_CLAUSE_WORDS = ("لكنه ", "لكنها ", "ولكنه ", "ولكنها ", "لكن ", "ولكن ", "فيما ", "بينما ")  # (with their space)
_COMPLEMENTISERS = frozenset(("ان", "انه", "انها", "وان", "بان", "بانه", "قوله", "بالقول", "قائلا", "قائله"))
_RELATIVE_AUXILIARIES = frozenset(("لا", "يزال", "تزال", "ما", "زال", "زالت", "مازال", "مازالت", "كان", "كانت", "قد"))
_PRONOUNS = ("ه", "ها", "هم")
_NEGATIONS = frozenset(("غير", "لا", "لم", "لن", "ليس", "ليست"))
_MAX_EMBEDDED_SUBJECT = 8  # words of the subject of a speech verb inside a reported clause
_EMBEDDED_KINDS = frozenset(("person", "organisation", "anonymous", "group"))  # who such a verb may have as subject
_MAX_CHUNK_WORDS = 35  # words between a cue and its introduction


class ClauseReading(PhraseReading):
    """Finds cue introductions (cached: several rules ask about the same cue) and clause boundaries."""

    def __init__(self, article: Article, body_start: int) -> None:
        super().__init__(article, body_start)
        self._intros: dict[tuple[int, int], Intro | None] = {}

    def credited(self, h: Hit) -> bool:
        """A cue inside a source credit (حسبما ذكرت، بحسب ما أفاد، كما ذكرت)."""
        prev = self.prev_word(h.lead)
        if prev in ("حسبما", "بحسبما", "مثلما", "كلما", "طالما", "لما"):
            return True
        if prev == "ما":
            if COMPLEMENT_AFTER.match(self.norm, h.end):
                return False  # ملقيا المسؤولية على ما قال إنها "…": what he said they are, not a credit
            before = self.prev_word(h.lead - 3)
            return before == "علي" or before.endswith(("حسب", "وفق"))  # (بحسب ما، وفق ما، على ما)
        return False

    def opener_before(self, h: Hit) -> str | None:
        """The comma or clause-opening word just before cue ``h`` ('' at a sentence start), if any."""
        prev = self.prev_word(h.lead)
        if prev in ("", "،", ",", "؛", ";", ".", ":", "-", "?", "؟", "!"):
            return prev
        bare = prev[1:] if prev[:1] in "وف" and len(prev) > 2 else prev
        if prev in self.lex.clause_openers or bare in self.lex.clause_openers:
            return prev
        return None

    def clause_initial(self, h: Hit) -> bool:
        """Does the cue start a clause (وقال، ، مضيفا، فيما أشار، التي تقول)?"""
        if "و" in h.prefix or "ف" in h.prefix:
            return True
        if self.opener_before(h) is not None:
            return True
        a = self.sentence_starts[self.sentence_of(h.start)]
        if a == h.lead:
            return True
        # من جانبه أشاد البيت الأبيض …، وحول التدخل العسكري أكد …، لكنه في الوقت عينه أوضح …: only an
        # adverbial before it, at the start of the sentence or after a clause opener
        if h.cue.ambiguous:
            return False  # (وفي الختام بين الرئيسين …: "between")
        start = max(a, h.lead - 48)
        at = self._clause_start(start, h.lead)
        if at < 0:
            at = a if start == a else -1
        return at >= 0 and _FRONTED.fullmatch(self.norm, at, h.lead) is not None

    def _clause_start(self, start: int, end: int) -> int:
        """Just after the last comma, colon or clause-opening word (لكنه، فيما …) in ``norm[start:end]``; -1."""
        norm = self.norm
        best, at = -1, -1
        for ch in "،,؛:":
            i = norm.rfind(ch, start, end)
            if i > best:
                best, at = i, i + 1 + (i + 2 <= end and norm[i + 1] == " ")
        for word in _CLAUSE_WORDS:
            i = norm.rfind(word, start, end)
            while i > best:
                if i == 0 or not norm[i - 1].isalnum():
                    best, at = i, i + len(word)
                    break
                i = norm.rfind(word, start, i)
        return at

    def boundary_at(self, h: Hit) -> int:
        """Where a clause that this cue ends stops (before its comma or opener word)."""
        prev_end = h.lead
        while prev_end > 0 and self.norm[prev_end - 1] == " ":
            prev_end -= 1
        prev = self.opener_before(h)
        if prev in ("،", ",", "؛", ";", "-"):
            return prev_end - 1
        if prev:
            start = prev_end - len(prev)
            before = self.prev_word(start)
            return start - 1 if before in ("،", ",") else start
        if not h.prefix:
            # …، ومن جانبه أقر …: the clause ends before the fronted adverbial that opens the cue's clause
            a = self.sentence_starts[self.sentence_of(h.start)]
            at = self._clause_start(max(a, h.lead - 48), h.lead)
            if at > a and _FRONTED.fullmatch(self.norm, at, h.lead) is not None:
                word = next((w for w in _CLAUSE_WORDS if self.norm.startswith(w, at - len(w))), "")
                return at - len(word)  # (… لكنه في الوقت عينه أوضح: before لكنه)
        return h.lead

    def find_intro(self, h: Hit, limit: int) -> Intro | None:
        """What introduces the words after cue ``h`` (complement, colon or marks), within ``limit``."""
        key = (h.start, limit)
        if key not in self._intros:
            self._intros[key] = self._find_intro(h, limit)
        return self._intros[key]

    def _find_intro(self, h: Hit, limit: int) -> Intro | None:
        """The first colon, quotation or complement after the cue that is the cue's own: not one after another
        cue that opens a clause first, nor a complement after a word that takes it (قبل أن), nor a term in marks."""
        norm = self.norm
        lex = self.lex
        cue = h.cue
        pos = h.end
        k = bisect_right(self.hit_starts, h.start)
        marks_ok = not cue.complement_only and not (cue.ambiguous and cue.form == "verb" and not self.clause_initial(h))
        while pos < limit:
            m = _INTRO.search(norm, pos, limit)
            if m is None:
                return None
            at = m.start()
            # another cue that opens a clause before the intro: the intro is its own
            while k < len(self.hits) and self.hits[k].start < at:
                other = self.hits[k]
                k += 1
                if other.cue.lemma in ("قال", "تساءل") and "و" not in other.prefix and other.cue.form != "verb":
                    continue  # وأضاف الخضر قائلا: …، بالقول، متسائلا — part of this cue's introduction
                if self.credited(other):
                    continue  # اكدوا بحسب ما نقلت عنهم الصحف أن …: a credit inside the cue's introduction
                if cue.role == "relay" and other.cue.role == "speech" and other.cue.form == "verb" \
                        and "و" not in other.prefix and RELAY_FROM.search(norm, h.end, other.start) is not None:
                    continue  # نقلت الصحيفة عن تسريبات … تفيد بأن: the relayed source's own verb
                if other.cue.form == "verb" and not other.prefix and self.opener_before(other) in RELATIVE_PRONOUNS \
                        and not self.chunk_ok(other, self.phrase_after(other.end, at), at):
                    continue  # راخوي الذي أقر لتوه برنامجا … أنه: a relative clause inside the speaker phrase
                if other.cue.form == "participle" or (
                        self.clause_initial(other) and not (other.cue.form == "noun" and not other.prefix)):
                    return None  # مبديا شكوكه في أن …: another predicate begins
                if other.cue.form == "verb" and other.cue.role == "speech" and not other.prefix \
                        and self.words(h.end, other.start) > 4 and self.phrase_before(other.lead) is not None:
                    return None  # بريطانيا أكدت … لكن وزير الخارجية هيغ قال أمس إن: a subject and its own verb
            if self.words(h.end, at) > (0 if cue.adjacent else _MAX_CHUNK_WORDS):
                return None  # (مذكرة تفاهم … أن: with words between, not the cue)
            if m.group("colon"):
                if self.words(h.end, at) > 20 or not marks_ok:
                    return None  # ربط … بين المشروع والظروف، حيث قال: — the colon is another cue's
                return Intro("colon", at, at + 1)
            if m.group("mark"):
                seg = self.by_open.get(at)
                if seg is None:
                    pos = at + 1
                    continue
                if not marks_ok or not self._quotation_follows(h, seg, limit):
                    pos = seg.after
                    continue
                return Intro("mark", at, seg.start, seg)
            pw = m.group("pw") or ""
            prep = "ب" if m.group("b") else pw
            word_at = m.start("pw") if pw else at  # (إلى أن: the introduction starts at إلى)
            before = self.prev_word(word_at)
            if pw and prep not in cue.preps and (self.surname_at(word_at) is not None or (
                    pw == "علي" and self.reader.word(self.prev_word(word_at)).given)):
                # اوضح (ياسر) علي ان، وقال محمد علي إن …: the speaker's surname, not the preposition على
                return Intro("complement", m.end("pw") + 1, m.end())
            if before in lex.skip_before_complement or prep not in cue.preps:
                pos = m.end()
                continue
            if before in lex.block_before_complement and before != norm[h.start:h.end]:
                return None  # (not the cue itself: أعرب عن أمله في أن …)
            chunk = norm[h.end:word_at]
            if ("علي " in chunk or "الي " in chunk) and self._noun_object(chunk):
                return None  # وشدد على أهمية الإسعاف … إن وجدا: the cue's object is a noun; إن is "if" there
            return Intro("complement", word_at, m.end())
        return None

    def _topic_at(self, start: int, h: Hit) -> int | None:
        """Where a subject fronted by أما begins between ``start`` and a verb with ف (…، أما الأمين العام …،
        فأبرز): the comma before أما, when it is within a few words of the verb."""
        at = self.norm.rfind("، اما ", start, h.lead)
        if at < 0:
            at = self.norm.rfind("، واما ", start, h.lead)
        return at if at >= 0 and self.words(at, h.lead) <= 16 else None

    def _noun_object(self, chunk: str) -> bool:
        """Does ``chunk`` (between a cue and a complement) hold على/إلى + a noun that governs a clause itself
        (على أهمية، إلى ضرورة): the cue's object, so the complement further on is not the cue's?"""
        words = chunk.split()
        block = self.lex.block_before_complement
        return any(w in ("علي", "الي") and words[j + 1] in block for j, w in enumerate(words[:-1]))

    def _quotation_follows(self, h: Hit, seg: Segment, limit: int) -> bool:
        """Is the marked segment at ``seg`` what the cue introduces (not a name or term inside its phrase)?"""
        norm = self.norm
        before = self.prev_word(seg.open)
        w = self.reader.word(before) if before[:1].isalnum() else None
        # (وقالت الصحيفة «لم يخرج الاجتماع عن …»: a definite outlet is the speaker, a sentence in marks its words)
        named_outlet = w is not None and w.stem in OUTLETS and not (w.definite and not w.prep and seg.words >= 5)
        term = w is not None and (named_outlet or (w.stop and not w.cue and not w.temporal
                                                   and before not in _COMPLEMENTISERS)) \
            and self.words(h.end, seg.open) > 0  # (بقوله "…": the cue itself, right before the marks)
        if (term or before in PREPOSITIONS) and self.words(h.end, seg.open) == 1 and self.cue_surname(h) is not None:
            term = False  # واضاف علي «…»: the speaker's surname, not the preposition على
        elif term or before in PREPOSITIONS or (seg.open and norm[seg.open - 1].isalpha()):
            return False  # بـ"…"، في "…"، من بينها «…»، لصحيفة "…": a term or a name, not a quotation
        chunk = self.tokens(h.end, seg.open)
        preps = h.cue.preps - {"", "ب"}
        if any(t[0] in preps for t in chunk):
            return False  # أعلن … عن استشهاد … "…": the cue's own object
        if seg.close is not None:
            if seg.words <= 3 and self._more_chunk(seg.after, limit):
                return False  # a name in marks inside the speaker phrase (عن "فالون" الذي …)
            m = _COMPLEMENT_RE.search(norm, seg.after, limit)
            if m is not None and self.words(seg.after, m.start()) <= 10 and not any(
                    seg.after <= x.start < m.start() for x in self.hits) \
                    and self.prev_word(m.start()) not in self.lex.skip_before_complement \
                    and not _COMPLEMENT_RE.match(norm, seg.start + (norm[seg.start] == " ")):
                return False  # the phrase goes on to a complement: قال المتحدث باسم قوات "…"، إن …
        return True

    def _more_chunk(self, pos: int, limit: int) -> bool:
        """After a short marked name: does the speaker phrase go on (no quotation follows at once)?"""
        rest = self.norm[pos:limit].lstrip(" ،,")
        return bool(rest) and rest[0] not in MARKS and not rest.startswith(".")

    def impersonal(self, h: Hit) -> bool:
        """A subjectless verb right before its complement (حيث يُرجَّح أن، كما يُعتقد أن، وتبيّن أن): nobody's cue."""
        cue = h.cue
        if not (cue.subjectless or (cue.impersonal and cue.form == "verb" and cue.gender == "m"
                                    and self.norm.startswith("ي", h.start))):
            return False
        return COMPLEMENT_AFTER.match(self.norm, h.end) is not None

    def boundary(self, h: Hit) -> bool:
        """Does cue ``h`` end a reported clause that runs into it?"""
        cue = h.cue
        if self.impersonal(h):
            return False
        if cue.role == "speech" and cue.form == "participle":
            if self.clause_initial(h) and not cue.adjacent:
                return True
            return self.find_intro(h, self.sentences[self.sentence_of(h.start)][1]) is not None
        if not self.clause_initial(h):
            return False
        opener = self.opener_before(h)
        relative = opener in RELATIVES and self.prev_word(h.lead - len(opener) - 1) not in ("،", ",")
        resumptive = RESUMPTIVE.match(self.norm, h.end) is not None  # تحدث فيها: a relative clause
        if cue.form == "noun" or relative or resumptive or (cue.ambiguous and cue.form == "verb"):
            # الذي كشفت عنه الأنباء، وإعلانه الرسمي: a boundary only when it reports a clause of its own
            intro = self.find_intro(h, self.sentences[self.sentence_of(h.start)][1])
            return intro is not None and intro.kind == "complement"
        return True

    def embedded_at(self, h: Hit, start: int, end: int) -> int | None:
        """Where a reported clause ends before a speech verb inside it that reports a clause of its own.

        (… إضافة إلى اعتقال 7 آخرين ادعت قوات الاحتلال أنهم اجتازوا …، … أحمد شفيق والذي لا يزال يقول إن
        …): the verb has its own subject after it, or is in a relative clause, and its complement follows.
        """
        cue = h.cue
        if cue.form != "verb" or cue.role != "speech" or h.prefix or self.clause_initial(h) or h.start - start < 8:
            return None
        rel = self.relative_before(h)
        intro = self.find_intro(h, end)
        if intro is None or intro.kind != "complement":
            return None
        gap = self.words(h.end, intro.start)
        if rel is not None:
            return rel if gap <= 4 else None
        if gap == 0:
            return self._fronted_speaker(h, start)
        if gap > _MAX_EMBEDDED_SUBJECT:
            return None
        phrase = self.phrase_after(h.end, intro.start)
        if phrase is None or (gap > 4 and not (phrase.kind in _EMBEDDED_KINDS
                                               and self.chunk_ok(h, phrase, intro.start))):
            return None  # (… ناقلات نفط قالت القوات التابعة للحكومة المعترف بها دوليا إنها …: a longer subject)
        return self.boundary_at(h)

    def _fronted_speaker(self, h: Hit, start: int) -> int | None:
        """… لكن دبلوماسيين بريطانيين قالوا إن …: a clause word, a speaker, then the speech verb: a clause of its
        own begins at the clause word."""
        phrase = self.phrase_before(h.lead)
        if phrase is None or phrase.start <= start:
            return None
        before = self.prev_word(phrase.start)
        if before not in ("لكن", "ولكن", "بينما", "فيما"):
            return None
        at = phrase.start - len(before) - 1
        return at - 1 if self.prev_word(at) in ("،", ",") else at

    def relative_before(self, h: Hit) -> int | None:
        """Start of the relative pronoun that cue ``h`` follows (الذي قال، والذي لا يزال يقول), if any."""
        pos = h.lead
        for _ in range(4):
            prev = self.prev_word(pos)
            if prev in RELATIVE_PRONOUNS or (prev[:1] == "و" and prev[1:] in RELATIVE_PRONOUNS):
                return self.norm.rfind(prev, 0, pos)
            if prev not in _RELATIVE_AUXILIARIES:
                return None
            pos = self.norm.rfind(prev, 0, pos)
        return None

    def clause_end(self, start: int, end: int, *, in_marks: bool = False) -> int:
        """Where a reported clause starting at ``start`` stops, at most at ``end``."""
        k = bisect_right(self.hit_starts, start)
        while k < len(self.hits) and self.hits[k].start < end:
            h = self.hits[k]
            k += 1
            seg = None if in_marks else self.inside_segment(h.start)
            if seg is not None and seg.close is not None and seg.open >= start:
                continue  # a cue inside quoted words
            topic = self._topic_at(start, h) if "ف" in h.prefix and h.cue.form == "verb" else None
            if topic is not None:
                end = min(end, topic)  # …، أما الأمين العام …، فأبرز: another subject and its verb begin
                break
            embedded = self.embedded_at(h, start, end)
            if embedded is not None:
                end = min(end, embedded)  # … آخرين ادعت قوات الاحتلال أنهم …: a speaker's own clause begins
                break
            if self.boundary(h):
                at = self.boundary_at(h)
                if h.cue.form == "verb" and not h.prefix and self.opener_before(h) in COMMA_WORDS \
                        and self.words(start, at) <= 3:
                    continue  # أن الرئيس المصري، شدد …: a comma between the clause's subject and its verb
                end = min(end, at)
                break
        m = self.lex.tails.search(self.norm, start, end)
        while m is not None:
            seg = None if in_marks else self.inside_segment(m.start())
            if seg is None or seg.close is None or seg.open < start:
                end = m.start()
                break
            m = self.lex.tails.search(self.norm, seg.after, end)
        return end

    def label(self, h: Hit, intro: Intro) -> bool:
        """After a verb with an object (وصف، اتهم): a passive with no object (التي وُصفت بأنها …) or a short
        label in marks (ما وصفته «تشوهات في معالمها»), not a quote."""
        if intro.kind == "mark":
            seg = intro.segment
            first = FIRST_WORD.match(self.norm, seg.start).group().strip() if seg is not None else ""
            return seg is not None and seg.words < 5 and not self.reader.word(first).stop and first not in _NEGATIONS
        word = self.norm[h.start:h.end]
        return intro.kind == "complement" and h.cue.form == "verb" and not word.endswith(_PRONOUNS) \
            and not self.norm[h.end:intro.start].strip()
