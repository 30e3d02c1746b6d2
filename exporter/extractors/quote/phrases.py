"""Speaker phrases around a cue: the subject after it or before it, and what else may stand between.

A cue's words count only when what lies between the cue and its
introduction is a speaker and circumstances (قال وزير الخارجية في بيان له
إن …), not an object (أكد دعمه لـ…); these readers answer that, and find a
relative clause's antecedent (… أحمد شفيق والذي لا يزال يقول إن …). They
read phrases only: whom a phrase refers to is :mod:`.carry_over`'s job.
"""

from __future__ import annotations

from bisect import bisect_left

from ...segment import Article
from ..persons import Registry, plausible
from ..speakers import Phrase, Reader, Token, possessed
from .layout import Layout
from .records import Hit
from .vocabulary import ACTORS, AUXILIARIES, BODIES, COMMA_WORDS, MARKS, PREPOSITIONS, RELATIVE_PRONOUNS

_OBJECT_PRONOUNS = frozenset(("اياه", "اياها", "اياهم", "اياهما"))
_THROUGH_IT = frozenset(("خلاله", "خلالها"))


_THERE = frozenset(("هناك", "هنالك", "هنا"))  # (السلطات الصحية هناك إن …: "there", the speaker's place)
_YEARS_OLD = frozenset(("عاما", "عام", "سنه", "سنة", "سنوات"))


class PhraseReading(Layout):
    """Reads the speaker phrases of one article (with its person registry)."""

    def __init__(self, article: Article, body_start: int) -> None:
        super().__init__(article, body_start)
        self.reader = Reader(self.lex, self.norm)
        self.registry = Registry(article, self.reader)

    def phrase_after(self, a: int, b: int, *, toks: list[Token] | None = None) -> Phrase | None:
        """The phrase that starts ``norm[a:b]`` (``toks``: its tokens, when already made), unless it starts with
        another cue (but a document: تحذير السفارة) or a possessed noun (دعمه، حرص بلاده: an object, not a
        speaker)."""
        if toks is None:
            toks = self.tokens(a, b)
        if not toks or possessed(toks[0][0]):
            return None
        w = self.reader.word(toks[0][0])
        if w.cue and not (w.stem in self.lex.documents and len(toks) > 1):
            return None  # (a reporting noun that names a document is one: جاء في تحذير السفارة أن …)
        return self.reader.parse(toks, 0)

    def surname_at(self, a: int) -> Phrase | None:
        """The word at ``a`` as the surname of a person named in full before it, when it is also a function word
        (ياسر علي … واضاف علي «…»، اوضح علي ان …: the spokesman, not the preposition على)."""
        norm = self.norm
        b = norm.find(" ", a)
        b = len(norm) if b < 0 else b
        word = norm[a:b]
        if not word or not self.reader.word(word).stop:
            return None
        for e in self.registry.entities:
            if e.kind == "person" and e.named and len(e.key) >= 2 and e.key[-1] == word \
                    and e.positions and e.positions[0] < a:
                return Phrase(a, b, "person", name=(a, b), words=(word,), name_words=(word,))
        return None

    def cue_surname(self, h: Hit) -> Phrase | None:
        """The surname right after cue ``h`` read by :meth:`surname_at`, if any; never a preposition the cue
        takes (وشدد على «…» is the preposition even when a ياسر علي was named)."""
        a = h.end + 1 if self.norm.startswith(" ", h.end) else h.end
        phrase = self.surname_at(a)
        return phrase if phrase is not None and phrase.name_words[0] not in h.cue.preps else None

    def accusative_plural(self, word: str) -> bool:
        """A sound plural of people in -ين (المتظاهرين، مسؤولين): after a singular verb, its object, not its subject
        (which would be -ون)."""
        w = self.reader.word(word)
        return w.head is not None and w.stem.endswith("ين") and len(w.stem) > 4 and not w.given

    def chunk_ok(self, h: Hit, phrase: Phrase | None, chunk_end: int, toks: list[Token] | None = None) -> bool:
        """Is the text between cue and introduction only a speaker and circumstances (no object noun)?"""
        start = phrase.end if phrase is not None else h.end
        if toks is None:
            toks = self.tokens(start, chunk_end)
        else:
            toks = toks[bisect_left([t[1] for t in toks], start):]
        if not toks:
            return True
        reader = self.reader
        i = 0
        while i < len(toks) and toks[i][0] in ("،", ","):
            i += 1
        if i >= len(toks):
            return True
        t = toks[i][0]
        if t.isdigit() and i + 2 < len(toks) and toks[i + 1][0] in _YEARS_OLD and toks[i + 2][0] in COMMA_WORDS:
            i += 3  # وأضاف رامشتورف، 55 عاما، وهو أستاذ …، أنه: the speaker's age, then an aside or the complement
            if i >= len(toks):
                return True
            t = toks[i][0]
        if i + 2 < len(toks) and t == "من" and toks[i + 1][0] in _THROUGH_IT and toks[i + 2][0] not in MARKS:
            i += 2  # (مؤتمر) كشف من خلاله أبرز الأسباب: what follows "through it" decides
            t = toks[i][0]
        w = reader.word(t)
        if i == len(toks) - 1 and t[:1] == "ل" and (len(t) > 2 or t == "لي"):
            return True  # قال إردوغان لشي بأن، قال الوزير لي إن: the addressee
        if i == len(toks) - 1 and t in _THERE:
            return True  # وأضافت السلطات هناك إنه …: "there", right before the complement
        if i == len(toks) - 1 and t[:1] == "ب" and len(t) >= 4 and not (w.definite or w.known or w.given or w.prep):
            return True  # ورجحت الوزارة، بشدة أن: a manner adverb right before the complement
        return (reader.opens_circumstance(toks, i) or t in MARKS or w.courtesy or t == "(" or w.cue
                or t in _OBJECT_PRONOUNS  # واصفا إياها بأنها …: the verb's object, then its complement
                or (w.country and w.definite)  # نادي الأسير | الفلسطيني: an adjective of the speaker
                or t in self.lex.asides)  # المرصد السوري ومقره بريطانيا إنه …: an aside about the speaker

    def trailing_name(self, phrase: Phrase, chunk_end: int) -> Phrase | None:
        """A title whose relative clause is followed by the name (خبير التعدين … والذي يعمل في كندا، تكر باري:)."""
        toks = self.tokens(phrase.end, chunk_end)
        commas = [k for k, t in enumerate(toks) if t[0] in COMMA_WORDS]
        if not commas or not any(t[0] in RELATIVE_PRONOUNS or t[0][1:] in RELATIVE_PRONOUNS
                                 for t in toks[:commas[-1]]):
            return None
        name = toks[commas[-1] + 1:]
        if not 1 <= len(name) <= 3:
            return None
        for t, _a, _b in name:
            w = self.reader.word(t)
            if not w.alpha or w.stop or w.cue or w.title or w.head or w.prep or w.temporal or w.country:
                return None
        words = tuple(t for t, _a, _b in name)
        span = (name[0][1], name[-1][2])
        return Phrase(phrase.start, span[1], "person", name=span, title=(phrase.start, phrase.end), head=phrase.head,
                      definite=phrase.definite, words=phrase.words + words, name_words=words,
                      feminine=phrase.feminine)

    def phrase_before(self, pos: int, *, plural: bool = False) -> Phrase | None:
        """The subject before a cue (مصدر أمني سوري قال، أن ترامب قال، وكانت الوزارة أكدت); before a dual or
        plural verb (``plural``) also two subjects joined by و (الحكومة السورية وحليفتها روسيا أكدتا)."""
        sent = self.sentences[self.sentence_of(pos)]
        a = sent[0] if pos - sent[0] <= 120 else self.norm.find(" ", pos - 120, pos) + 1
        toks = self.tokens(a, pos)
        if toks and toks[-1][0] in ("قد", "فقد", "لقد"):
            toks = toks[:-1]  # وكان الرئيس التنفيذي … قد لمح
        i = self._subject_start(toks, len(toks))
        if i >= len(toks) or len(toks) - i > 12:
            return None
        if i >= 2 and toks[i - 1][0] in COMMA_WORDS:
            # عزيز الرباح، وزير النقل قال: a name and its title in apposition before the verb
            k = self._subject_start(toks, i - 1)
            if i - 1 - k <= 5:
                phrase = self._parse_before(toks, k)
                if phrase is not None and phrase.name is not None and phrase.title is not None:
                    return phrase
        phrase = self._parse_before(toks, i)
        if phrase is None and plural:
            phrase = self._joined_before(toks, i)
        return phrase

    def _joined_before(self, toks: list[Token], i: int) -> Phrase | None:
        """Two subjects joined by و that end right before the verb (أرامكو والشركة الوطنية أعلنتا): one speaker,
        the whole phrase as written. Each side must be a speaker phrase on its own."""
        for k in range(i + 1, len(toks)):
            t = toks[k][0]
            if t[:1] != "و" or len(t) < 3:
                continue
            first = self._parse_before(toks[:k], i)
            if first is None or first.kind not in ACTORS:
                continue
            # (وحليفتها الرئيسية روسيا: a few words describing the second, then its name)
            second = next((p for p in (self._parse_before(toks, m) for m in range(k, min(len(toks), k + 4)))
                           if p is not None), None)
            if second is None or second.kind not in ACTORS:
                continue
            kind = "organisation" if BODIES & {first.kind, second.kind} else first.kind
            return Phrase(first.start, second.end, kind, head=first.head, definite=first.definite,
                          words=first.words + second.words, feminine=first.feminine)
        return None

    def _subject_start(self, toks: list[Token], i: int) -> int:
        """Index where a subject ending at token ``i`` starts (after a comma, complementiser or cue)."""
        while i > 0:
            t = toks[i - 1][0]
            if t in ("،", ",", "؛", ":", ".") or t in ("ان", "انه", "وان", "غير", "لكن", "ولكن", "فيما", "بينما"):
                break
            if t in self.lex.cue_words:
                break
            i -= 1
        return i

    def _parse_before(self, toks: list[Token], i: int) -> Phrase | None:
        """The phrase from token ``i`` to the end of ``toks`` (just before a cue), if it is a subject."""
        j = i
        while j < len(toks) - 1 and toks[j][0] in AUXILIARIES:
            j += 1  # وكانت الوزارة أكدت، وقد الوزير قال
        before = toks[j - 1][0] if j > 0 else ""
        first = toks[j][0]
        if any(t in PREPOSITIONS or (t[:1] in "وف" and t[1:] in PREPOSITIONS) for t in (before, first)):
            return None  # ومن جانب آخر أوضح، ومن ناحية أخرى قالت: an adverbial, not a subject
        phrase = self.reader.parse(toks, j)
        if phrase is None or phrase.end < toks[-1][2] or phrase.kind == "other":
            return None
        if phrase.kind == "person" and phrase.title is None and not plausible(self.reader, phrase, self.registry):
            return None  # unknown words before a verb are not taken for a name
        return phrase

    def antecedent(self, rel: int) -> Phrase | None:
        """The noun phrase a relative pronoun at ``rel`` refers to (قائد القوات … أحمد شفيق | والذي …).

        After a coordinated relative (… التي أجريت الأسبوع الماضي والتي أكدت) it is the one before the
        first relative. The longest phrase that ends right before the pronoun is taken.
        """
        sent_start = self.sentences[self.sentence_of(rel)][0]
        toks = self.tokens(max(sent_start, rel - 160), rel)
        if self.norm[rel] == "و":
            for k in range(len(toks) - 1, max(-1, len(toks) - 12), -1):
                if toks[k][0] in RELATIVE_PRONOUNS:
                    toks = toks[:k]
                    break
        best = None
        for k in range(len(toks) - 1, max(-1, len(toks) - 9), -1):
            t = toks[k][0]
            w = self.reader.word(t)
            if not w.alpha or w.cue or (w.stop and not w.given):
                break
            phrase = self.reader.parse(toks, k)
            if phrase is not None and phrase.end == toks[-1][2] and phrase.kind in ACTORS \
                    and (phrase.kind != "person" or phrase.title is not None or w.given
                         or plausible(self.reader, phrase, self.registry)):
                best = phrase
        return best

    def verb_like(self, tok: Token, *, bare: bool = False) -> bool:
        """Could the sentence's first word be its verb (ورسمت، وعرض، وألقى), not a noun, particle or name?"""
        t = tok[0]
        w = self.reader.word(t)
        definite = w.definite
        if definite:  # وألقى is not و + ال + قى: the hamza is in the text, not in the normalised form
            s, e = self.article.span(tok[1], tok[2])
            definite = not self.article.text[s:e].lstrip("وف").startswith(("أل", "إل", "آل"))
        return (w.alpha and len(t) >= 4 and (t[:1] in "وف" or bare) and t[1:] not in self.lex.skip_before_complement
                and not (definite or w.prep or w.stop or w.known or w.given or w.cue or w.country or w.temporal
                         or w.adverbial) and not possessed(t))
