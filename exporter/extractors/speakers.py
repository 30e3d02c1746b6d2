"""Reading a speaker phrase: where it ends, its title, its name, what kind of speaker it is.

A speaker phrase is the noun phrase next to a reporting cue: after it in
Arabic's usual verb-first order (قال وزير الخارجية الباكستاني المؤقت جلال
عباس جيلاني في مؤتمر صحفي …) or before it (مصدر أمني سوري قال …). The
phrase ends where circumstances begin (في مؤتمر، لوكالة …، أمس، الذي …,
the complement إن/أن, a colon or a quotation). Inside it, a title is a role
noun followed by its complements — definite nouns and adjectives
(الخارجية الباكستاني), prepositional complements (في الشرطة، باسم الوزارة)
and construct chains (رئيس مجلس إدارة بنك الإسكان) — and the name is the
first indefinite word after a definite one (… المؤقت | جلال), the word after
a rank or honorific (العقيد | تركي), or a known given name. A phrase that
starts with a name and is followed by a title (عدنان المنصر الناطق …) or a
comma apposition (ماريا زخاروفا، المتحدثة …؛ السيناتور الجمهوري، ليندسي
غراهام) is read the other way round. Phrases headed by a source, institution,
document or relation noun (مصدر مطلع، وزارة الخارجية الروسية، البيان، زوجة
السياسي …) are kept whole, as written.

Everything works on normalised tokens ``(word, start, end)`` with offsets
into ``article.norm``. What each distinct word is (title? given name? stop
word? …) is worked out once per process and cached.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .speech_lexicon import SpeechLexicon

Token = tuple[str, int, int]
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_MARK_CHARS = frozenset("«»“”„‹›\"'‘’")
_COMMAS = frozenset("،,")
_PREPS = frozenset(("في", "من", "علي", "عن"))
_PRONOUN_OBJECTS = frozenset(("منه", "منها", "منهم"))
_NOUN_WITH_PRONOUN = ("ته", "تها", "تهم", "تهما")


def possessive_noun(word: str) -> bool:
    """دعوته، تصريحاته، مسؤوليتها: a noun with an attached pronoun after the ة."""
    return not word.startswith("ال") and len(word) >= 5 and word.endswith(_NOUN_WITH_PRONOUN)


def possessed(word: str) -> bool:
    """A noun with a possessive pronoun (دعوته، مسؤوليتها، تصريحاته), not a name or a titled word (المتهم)."""
    return not word.startswith("ال") and word.endswith(_NOUN_WITH_PRONOUN) and len(word) >= 6
_NAME_ARTICLES = frozenset(("الله", "الدين", "الرحمن", "العزيز", "الكريم"))  # عبد الله، سعد الدين …
_ON_BEHALF = frozenset(("باسم", "بلسان"))  # المتحدث باسم / الناطق بلسان …
_PP_LIKE = ("لت", "لم", "لل", "لاست", "لان", "بت", "بم")  # لمتابعة، لتعزيز، بمشاركة: a preposition and a noun
_SAME_BEFORE = frozenset(("نفس", "ذات"))
_SIDE = frozenset(("جهته", "جهتها", "جهتهم", "جانبه", "جانبها", "جانبهم", "ناحيته", "ناحيتها"))  # من جهته
# indefinite adjectives in a construct with a definite noun (الشركة متعددة الجنسية، عابرة للحدود): they go on
# describing the noun before them rather than starting the verb's object
_ADJECTIVE_CONSTRUCTS = ("متعدد", "عابر", "ذات", "ذو", "ذوي", "واسع")
_SOME_HEADS = frozenset(("anonymous", "document", "organisation"))  # بعض المصادر، بعض التقارير، بعض الصحف
_SAME = frozenset(("ذاته", "ذاتها", "نفسه", "نفسها", "ذاتهم", "نفسهم"))  # المصدر ذاته
_PRONOUN_PPS = frozenset(("اليه", "اليها", "عليه", "عليها", "له", "لها", "به", "بها", "منه", "منها", "عنه", "عنها",
                          "فيه", "فيها", "معه", "معها"))
_FIRST_PERSON = frozenset(("لدينا", "لنا", "نحن", "اننا", "علينا", "عندنا", "انا", "انني", "اني", "لي"))
_ROLE_ADJECTIVES = frozenset(("السابق", "السابقه", "الاسبق", "الحالي", "الحاليه", "المستقيل", "المستقيله"))
_TITLE_COMPLEMENTS = frozenset(("عام", "سر", "عامه"))  # أمين عام، أمين سر: أمين is the title here
_DETERMINERS = frozenset(("هذا", "هذه", "ذلك", "تلك", "هولاء", "هاتان", "هذان"))
LEADING_PARTICLES = frozenset(("ابو", "ابا", "ام", "عبد"))  # they start a name (أبو بكر، عبد الله)
_MAX_PHRASE = 18
_MAX_NAME = 8
_WORDS: dict[int, _WordCache] = {}


def tokenize(norm: str, start: int, end: int) -> list[Token]:
    """Words and punctuation of ``norm[start:end]`` with their offsets.

    ``norm`` has single spaces, so most space-separated pieces are one plain word: only pieces with
    punctuation in them go through the regex (a third faster than running it over everything).
    """
    out: list[Token] = []
    add = out.append
    pos = start
    for piece in norm[start:end].split(" "):
        if piece.isalnum():
            add((piece, pos, pos + len(piece)))
        elif piece:
            for m in _TOKEN.finditer(piece):
                add((m.group(), pos + m.start(), pos + m.end()))
        pos += len(piece) + 1
    return out


@dataclass(frozen=True, slots=True)
class Word:
    """What a token is, once its clitics are set aside."""

    text: str
    conj: str  # و / ف attached in front
    prep: str  # ب / ل / ك attached in front
    definite: bool
    stem: str  # without conjunction, preposition and article
    alpha: bool = True  # a word (not punctuation)
    title: bool = False  # heads a role phrase (وزير، المتحدث، أحد)
    honorific: bool = False  # a rank or honorific, definite (الدكتور، العقيد)
    abbreviation: bool = False  # د / م written with a full stop
    courtesy: bool = False  # سمو، معالي …
    given: bool = False  # a known given name
    head: str | None = None  # anonymous | document | organisation | group | other (relation)
    stop: bool = False  # ends a phrase (prepositions, particles, time words)
    temporal: bool = False
    adverbial: bool = False  # opens a circumstance after في (بيان، تصريح …)
    media: bool = False
    organisation: bool = False
    place_noun: bool = False
    spokes: bool = False  # متحدث / ناطق: باسم after it is "on behalf of"
    feminine: bool = False
    cue: bool = False  # a reporting cue form
    known: bool = False  # listed in some lexicon
    country: bool = False  # names a country, capital or nationality (باكستان، طهران، الإيراني)
    state: bool = False  # names a country or capital, not only an adjective (باكستان، طهران)


@dataclass(slots=True)
class Phrase:
    """A speaker phrase found in the text (offsets into ``article.norm``)."""

    start: int
    end: int
    kind: str  # person | organisation | place | document | anonymous | group | other
    name: tuple[int, int] | None = None  # the person's name, when the phrase has one
    title: tuple[int, int] | None = None  # the title or role, when the phrase has one
    head: str | None = None  # the bare head noun (وزير، مصدر، وزارة …) for later "الوزير"، "المصدر"
    definite: bool = False  # starts with ال: may refer back to a speaker named earlier
    words: tuple[str, ...] = ()  # bare content words, for matching a later short form
    name_words: tuple[str, ...] = ()
    feminine: bool = False
    pronoun: str | None = None  # the phrase is only a pronoun (سموه): its gender


def _analyse(text: str, lex: SpeechLexicon) -> Word:
    """Split the clitics off ``text`` and look the word up in every list (once per distinct word)."""
    from ..countries import find_country

    if not text[0].isalnum():
        return Word(text, "", "", False, text, alpha=False)
    known = lex.known
    conj = prep = ""
    definite = False
    w = text
    if len(w) > 3 and w[0] in "وف" and w not in known and not w.startswith(("وزير", "وكال", "وفد")) \
            and w not in lex.given_names and find_country(w) is None:  # (فرنسا، فلسطين، فراس: no و/ف)
        conj, w = w[0], w[1:]
    if len(w) > 3 and w.startswith("لل"):
        prep, definite, stem = "ل", True, w[2:]
    elif len(w) > 4 and w[0] in "بلك" and w[1:3] == "ال":
        prep, definite, stem = w[0], True, w[3:]
    elif len(w) > 3 and w.startswith("ال"):
        definite, stem = True, w[2:]
    elif len(w) > 3 and w[0] in "بل" and w not in known and (w[1:] in known or find_country(w[1:]) is not None):
        prep, stem = w[0], w[1:]  # لوكالة، بمكتب، لبكين
    else:
        stem = w
    head = None
    # بيانا، مصدرنا، مصادرها: the head noun with an accusative or possessive ending
    bases = [stem] + [stem[:-len(end)] for end in ("ا", "نا", "ه", "ها", "هم") if stem.endswith(end) and len(stem) > 4]
    bases += [stem[:-len(end)] + "ه" for end in ("تا", "تان", "تين") if stem.endswith(end) and len(stem) > 4]  # حركتا
    for kind, words in (("anonymous", lex.anonymous), ("document", lex.documents),
                        ("organisation", lex.organisations), ("group", lex.groups), ("other", lex.relations)):
        if text in words or any(b in words for b in bases):
            head = kind
            break
    bare = text[len(conj):]
    ref = find_country(bare) if not prep else None
    return Word(
        text, conj, prep, definite, stem,
        title=not prep and (stem in lex.titles or text in lex.titles),
        honorific=not prep and definite and stem in lex.honorifics,
        abbreviation=text in lex.abbreviations,
        courtesy=stem in lex.courtesy or text in lex.courtesy,
        given=not prep and (text in lex.given_names or (not conj and not definite and stem in lex.given_names)),
        head=head,
        stop=text in lex.stops or (bool(conj) and bare in lex.stops) or text in lex.temporal
        or (stem in lex.temporal and not prep) or (bool(prep) and stem in lex.stops),
        temporal=text in lex.temporal or (definite and not prep and stem in lex.temporal),
        adverbial=stem in lex.adverbial_nouns or text in lex.adverbial_nouns,
        media=stem in lex.media,
        organisation=stem in lex.organisations,
        place_noun=stem in lex.place_nouns,
        spokes=stem in lex.spokespersons,
        feminine=stem in lex.feminine,
        cue=text in lex.cue_words,
        known=text in known or stem in known,
        country=ref is not None,
        state=ref is not None and ref.form != "adjective",
    )


class _WordCache(dict):
    """Word analyses by token text; a missing token is analysed and kept."""

    def __init__(self, lex: SpeechLexicon):
        super().__init__()
        self.lex = lex

    def __missing__(self, text: str) -> Word:
        w = self[text] = _analyse(text, self.lex)
        return w


class Reader:
    """Splits and classifies speaker phrases of one article."""

    def __init__(self, lex: SpeechLexicon, norm: str):
        self.lex = lex
        self.norm = norm
        cache = _WORDS.get(id(lex))
        if cache is None:
            cache = _WORDS[id(lex)] = _WordCache(lex)
        if len(cache) > 50_000:  # words are analysed once per process, within reason
            cache.clear()
        # What a token is: a dict lookup (analysed on a miss), called as ``reader.word(text)``; the
        # bound ``__getitem__`` costs a fraction of a Python method call, and it is called for every token.
        self.word: Callable[[str], Word] = cache.__getitem__

    def honorific(self, toks: list[Token], k: int) -> bool:
        w = self.word(toks[k][0])
        return w.honorific or (w.abbreviation and k + 1 < len(toks) and toks[k + 1][0] == ".")

    # ---------------------------------------------------------------- phrases

    def skip_adverbials(self, toks: list[Token], i: int) -> int:
        """Index of the first token after leading commas and time words (قال أمس وزير …)."""
        while i < len(toks):
            if toks[i][0] in _COMMAS or self.word(toks[i][0]).temporal:
                i += 1
            elif toks[i][0] == "من" and i + 1 < len(toks) and toks[i + 1][0] in _SIDE:
                i += 2  # (وعبر) من جهته كاتب الدولة …: "for his part", then the subject
            elif toks[i][0][:1] == "ب" and self._where(toks, i):
                i += 1  # أكد اليوم بالجزائر وزير البريد …: the place, then the subject
            else:
                break
        return i

    def _where(self, toks: list[Token], i: int) -> bool:
        """Is token ``i`` ب + a country or capital (بالجزائر، بباريس) followed by a title (the speaker)?"""
        t = toks[i][0]
        if t[:1] != "ب" or len(t) < 4 or i + 1 >= len(toks) or not self.word(toks[i + 1][0]).title:
            return False
        from ..countries import find_country

        ref = find_country(t[1:])
        return ref is not None and ref.form != "adjective"

    def opens_circumstance(self, toks: list[Token], i: int) -> bool:
        """Does the token at ``i`` start a circumstance (في بيان، لرويترز، خلال …) rather than a speaker?"""
        if i >= len(toks):
            return True
        t = toks[i][0]
        if t in _MARK_CHARS:
            return False
        if t in _FIRST_PERSON:
            return False  # قال زياري لدينا علاقات …: the speaker's own words begin (no marks), not a circumstance
        w = self.word(t)
        if w.stop or not w.alpha:
            return True
        if t in _DETERMINERS and i + 1 < len(toks) and self.word(toks[i + 1][0]).temporal:
            return True  # (قالت …) هذا الأسبوع: a time, not an object
        if w.conj and t[1:2] == "ب" and not w.known and not w.given:
            return True  # وبشكل حاسم، وبدوره: an adverb, not a speaker
        if t[:1] in "بل" and t[1:] in _DETERMINERS:
            return True  # بهذا الخصوص، بذلك
        if t.startswith("بب"):
            return True  # (مصادر عليمة) ببواطن …: a preposition and a word that starts with ب
        return (w.prep and (w.media or w.definite or (w.prep == "ل" and w.stem in self.lex.titles))) \
            or t in ("ل", "ب")  # لرويترز، للصحافيين، لرئيس الوزراء (an addressee)

    def parse(self, toks: list[Token], i: int = 0, *, allow_name_first: bool = True) -> Phrase | None:
        """The speaker phrase starting at token ``i`` (after leading adverbials), or None."""
        i = self.skip_adverbials(toks, i)
        if i + 2 < len(toks) and toks[i][0] == "كل" and toks[i + 1][0] == "من":
            i += 2  # كل من بريطانيا وفرنسا: the parties named after it
        elif i + 1 < len(toks) and toks[i][0] in _SAME_BEFORE and self.word(toks[i + 1][0]).definite:
            i += 1  # نفس الشبكة، ذات المصدر: the one named before
        elif i + 1 < len(toks) and toks[i][0] == "بعض" and self.word(toks[i + 1][0]).head in _SOME_HEADS \
                and self.word(toks[i + 1][0]).definite:
            # بعض المصادر، بعض المسؤولين: unnamed sources, kept as written
            phrase = self.parse(toks, i + 1, allow_name_first=allow_name_first)
            if phrase is not None:
                phrase.start = toks[i][1]
            return phrase
        if self.opens_circumstance(toks, i):
            return None
        end = self._extent(toks, i)
        if end <= i:
            return None
        phrase = self._split(toks, i, end, allow_name_first=allow_name_first)
        if phrase is None:
            return None
        return self._apposition(toks, end, phrase)

    def _continues_after_prep(self, toks: list[Token], j: int) -> bool:
        """After في/من/على at ``j``: is the next word part of a title or source description?"""
        if j + 1 >= len(toks):
            return False
        w = self.word(toks[j + 1][0])
        if w.adverbial or w.stop or not w.alpha:
            return False
        return w.definite or w.organisation or w.place_noun or w.head in ("organisation", "group")

    def _extent(self, toks: list[Token], i: int) -> int:
        """End (exclusive token index) of the noun phrase starting at ``i``."""
        j = i
        head_ok = False  # a title or source head has been seen: في/من/على may continue it
        spokes = False
        n = len(toks)
        while j < n and j - i < _MAX_PHRASE:
            t = toks[j][0]
            if t in _MARK_CHARS:
                k = self._skip_short_mark(toks, j)
                if k is None or (k == j + 3 and j > i and self._addressee(toks[j + 1][0], toks[j - 1][0])):
                    break  # (مصدر مطلع "لعمان" أنه: the outlet spoken to, not part of the speaker)
                j = k
                if j > i + 1:
                    # وكالة الأنباء "وفا" | …: a name in marks ends the phrase, after the adjectives that
                    # describe it (صحيفة «تشاينا ديلي» الحكومية الصينية | أمس), unless a person's name
                    # follows (مدير عام مؤسسة 'ماس' سمير عبد الله)
                    if j < n and (self.word(toks[j][0]).given or toks[j][0] in self.lex.particles):
                        continue  # (عضو "المكتب الإعلامي" عبد العزيز الصبري)
                    while j < n and self._adjective(toks[j][0]):
                        j += 1
                    break
                continue
            if t == "(" and j > i:
                k = next((m for m in range(j + 1, min(n, j + 5)) if toks[m][0] == ")"), None)
                if k is not None:
                    j = k + 1
                    while j < n and self._adjective(toks[j][0]):
                        j += 1  # وكالة أنباء الصين الجديدة (شينخوا) الرسمية: the adjectives after it go on
                break
            w = self.word(t)
            if t == "." and j > i and self.word(toks[j - 1][0]).abbreviation:
                j += 1
                continue
            if not w.alpha:
                break
            if w.title or w.head in ("anonymous", "organisation", "group"):
                head_ok = True
                spokes = spokes or w.spokes
            if t in _PREPS or (w.conj and t[1:] in ("في", "من")):
                if t == "علي" and j > i and self._name_like(toks, j):
                    j += 1
                    continue
                if head_ok and self._continues_after_prep(toks, j):
                    j += 2
                    continue
                if t == "من" and head_ok and j + 1 < n and toks[j + 1][0] in _PRONOUN_OBJECTS:
                    j += 2
                break
            if t == "لدي" and head_ok and j > i and self._continues_after_prep(toks, j):
                j += 2  # سفيرة الولايات المتحدة لدى الأمم المتحدة سوزان رايس
                continue
            if t in _PRONOUN_OBJECTS and head_ok:
                j += 1
                break
            if t in _ON_BEHALF and spokes:
                j += 1
                continue
            if head_ok and j > i and t in _ROLE_ADJECTIVES:
                j += 1  # وزير المالية السابق: an adjective of the role, not a time word
                continue
            if (w.stop and not (j > i and (w.given or self._word_surname(toks, j)))) or (j > i and w.cue):
                break
            if j > i and t in _DETERMINERS and j + 1 < n and self.word(toks[j + 1][0]).temporal:
                break  # الوزير | هذا الأسبوع: a time after the speaker, not its name
            if j > i and not w.given and possessive_noun(t):
                break  # الأمين العام الأممي | دعوته لمجلس الأمن: the phrase ends before the object
            if w.prep:
                # ب/ل + definite, institution or role continues a title (بمكتب الزراعة، للحزب، لرئيس الوزراء)
                if w.media or j == i:
                    break
                if not (w.definite or w.organisation or w.place_noun or w.head or w.stem in self.lex.titles):
                    break
            elif t in ("ل", "ب"):
                break
            j += 1
        return j

    def _adjective(self, t: str) -> bool:
        """A definite adjective-like word that can follow a name in marks (الحكومية، الصينية)."""
        w = self.word(t)
        return w.alpha and w.definite and not (w.prep or w.conj or w.stop or w.temporal or w.title or w.head
                                               or w.cue or w.given)

    def _name_like(self, toks: list[Token], j: int) -> bool:
        """علي written with ي inside a name (محمد علي النصري، محمد بن علي) rather than the preposition على."""
        if toks[j][0] != "علي" or j == 0:
            return False
        prev = self.word(toks[j - 1][0])
        if prev.given or toks[j - 1][0] in self.lex.particles:
            return True
        # الناشط علي عبيدات قال، الوزير علي عبيدات لفرانس برس: after a title or source noun, a plain word that
        # ends the phrase (not على هامش المؤتمر، على ضرورة أن)
        if not (prev.title or prev.head == "anonymous" or (prev.definite and prev.country)) or j + 1 >= len(toks):
            return False  # (وزير المالية السوداني علي محمود: after the title's adjective too)
        nxt = self.word(toks[j + 1][0])
        return nxt.alpha and not ((nxt.known and not nxt.given) or nxt.stop or nxt.definite or nxt.prep or nxt.conj
                                  or nxt.adverbial or nxt.temporal or nxt.cue or nxt.country
                                  or possessed(nxt.text)) \
            and self._last_word(toks, j + 1)

    def _word_surname(self, toks: list[Token], j: int) -> bool:
        """A function word that is a foreign surname here (لي: Li, Lee): the last word of a name after a name word
        that is not a known given name (المتحدثة جيني لي; قال محمد لي إن is "told me", قالت الشركة لي
        "told me"), or the first after a title, before a word the lexicon does not know (رئيس الوزراء الصيني لي
        كيتشيانغ; قال الوزير لي إن، قال لي مسؤول are "told me")."""
        if toks[j][0] not in self.lex.word_surnames or j == 0 or not toks[j - 1][0][:1].isalpha():
            return False
        prev = self.word(toks[j - 1][0])
        nxt = self.word(toks[j + 1][0]) if j + 1 < len(toks) else None
        if prev.title or (prev.definite and prev.stem.endswith("ي") and not prev.known):
            return nxt is not None and nxt.alpha and not (nxt.known or nxt.stop or nxt.definite or nxt.prep
                                                          or nxt.conj or nxt.given or nxt.cue or nxt.country)
        if prev.given or prev.known or prev.definite or prev.stop or prev.cue or prev.head is not None \
                or prev.country:
            return False
        return nxt is None or not nxt.alpha or nxt.stop

    def _addressee(self, t: str, before: str) -> bool:
        """A word with ل in marks that names who was spoken to (مصدر مطلع "لعمان"، "لرويترز"), not the name of
        the outlet or body just before it (صحيفة "لوموند")."""
        if len(t) < 4 or t[0] != "ل" or t.startswith("لل"):
            return False
        b = self.word(before)
        if b.media or b.head in ("organisation", "group", "document"):
            return False
        w = self.word(t)
        return w.prep == "ل" or (not w.known and not w.given)

    def _skip_short_mark(self, toks: list[Token], j: int) -> int | None:
        """After an opening mark inside a phrase (وكالة الأنباء "وفا"، عن "فالون"): index after its closer."""
        for k in range(j + 1, min(len(toks), j + 6)):
            if toks[k][0] in _MARK_CHARS:
                return k + 1 if k > j + 1 else None
            if not toks[k][0][0].isalnum():
                return None
        return None

    @staticmethod
    def _content(toks: list[Token], i: int, end: int) -> list[int]:
        return [k for k in range(i, end) if toks[k][0][0].isalnum()]

    def _split(self, toks: list[Token], i: int, end: int, *, allow_name_first: bool) -> Phrase | None:
        lex = self.lex
        idx = self._content(toks, i, end)
        if not idx:
            return None
        ws = [self.word(toks[k][0]) for k in idx]
        words = tuple(w.stem for w in ws)
        start, stop = toks[i][1], toks[end - 1][2]
        feminine = any(w.feminine for w in ws[:3])
        # courtesy words before a title or name (سمو، معالي، صاحب السمو الملكي)
        p = 0
        while p < len(idx):
            w = ws[p]
            if w.courtesy:
                p += 1
                continue
            phrase = None
            if w.text in lex.courtesy_starts:
                phrase = next((c for c in lex.courtesy_phrases
                               if tuple(toks[k][0] for k in idx[p:p + len(c)]) == c), None)
            if phrase:
                p += len(phrase)
                continue
            break
        if p >= len(idx):
            if ws[0].text.endswith("ه") and ws[0].courtesy:  # سموه
                return Phrase(start, stop, "person", head=ws[0].stem, words=words, pronoun="m")
            return None
        if ws[p].head == "other" and ws[p].text.endswith(("ه", "ها", "هم")) and p + 1 < len(idx) \
                and (ws[p + 1].title or self.honorific(toks, idx[p + 1])):
            p += 1  # زميلها النائب خالد رمضان: the colleague is the person named
        if ws[p].text in _DETERMINERS and p + 1 < len(idx):
            p += 1  # هذه الدول الثلاث: the noun after the demonstrative heads the phrase
        w0 = ws[p]
        if (self.honorific(toks, idx[p]) or w0.title) and not self._given_title(toks, idx, p):
            return self._title_first(toks, idx[p:], start, stop, words, feminine)
        if w0.head is None and p + 1 < len(idx) and \
                f"{toks[idx[p]][0]} {toks[idx[p + 1]][0]}" in self.lex.organisations:
            w0 = Word(w0.text, w0.conj, w0.prep, w0.definite, w0.stem, head="organisation")  # البيت الأبيض
        if w0.head is not None:
            if w0.head != "other":  # زوجة السياسي … كمال عمر keeps the person it names
                stop = self._head_phrase_end(toks, idx[p:], stop)
            return Phrase(start, stop, w0.head, head=w0.stem, definite=w0.definite, words=words, feminine=feminine)
        if w0.place_noun:  # منطقة اليورو، مدينة …
            return Phrase(start, stop, "place", name=(start, stop), head=w0.stem, definite=w0.definite,
                          words=words, feminine=True)
        if w0.state and not w0.conj:  # دمشق | الأمر: a capital or country speaking, then its object
            q = p + 1
            while q < len(idx) and ws[q].state and ws[q].conj == "و":
                q += 1  # روسيا والصين
            a, b = toks[idx[p]][1], toks[idx[q - 1]][2]
            return Phrase(start, b, "place", name=(a, b), words=words, feminine=True)
        if not allow_name_first and w0.definite:
            return Phrase(start, stop, "other", head=w0.stem, definite=True, words=words, feminine=feminine)
        if not w0.given and not w0.known and len(idx) - p >= 3:
            # الموفد الدولي | كوفي عنان، تاجر الذهب | جمعة سعيد: a role noun the lexicon lacks, then the name
            # (the usual title-first order: the name is the first indefinite word after a definite one)
            titled = self._title_first(toks, idx[p:], start, stop, words, feminine)
            if titled.name is not None and titled.title is not None and self._role_then_name(toks, idx[p:], titled):
                return titled
        return self._name_first(toks, idx[p:], start, stop, words, feminine)

    def _given_title(self, toks: list[Token], idx: list[int], p: int) -> bool:
        """A title word that is also a given name, used as a name (أمين شومان, not أمين عام الحزب)."""
        w = self.word(toks[idx[p]][0])
        if not w.given or w.definite or p + 1 >= len(idx) or idx[p + 1] != idx[p] + 1:
            return False
        nxt = self.word(toks[idx[p + 1]][0])
        return nxt.alpha and not (nxt.definite or nxt.title or nxt.stop or nxt.prep or nxt.conj or nxt.head
                                  or nxt.text in _TITLE_COMPLEMENTS)

    def _role_then_name(self, toks: list[Token], idx: list[int], titled: Phrase) -> bool:
        """Is ``titled`` (read title first) a role noun and a name rather than a name with an article?

        The role ends in a definite word (الموفد الدولي، تاجر الذهب) and the name after it starts with a
        known given name or runs to the end of the phrase (nothing after it but the phrase's edge)."""
        assert titled.name is not None
        first = self.word(self.norm[titled.name[0]:titled.name[1]].split(" ")[0])
        role_words = [k for k in idx if toks[k][2] <= titled.name[0]]
        if not role_words or not self.word(toks[role_words[-1]][0]).definite:
            return False
        if first.text in self.lex.ambiguous_given or first.text[:1] in "بل" and not first.given:
            return False  # التصريح باسم ترامب: باسم is "in the name of" here
        return first.given or titled.name[1] == toks[idx[-1]][2]

    def _head_phrase_end(self, toks: list[Token], idx: list[int], stop: int) -> int:
        """An institution or source phrase ends before an indefinite word that follows a definite one
        (لجان التنسيق المحلية | اجتماع جنيف، المحكمة | حامد): that word starts the verb's object."""
        for q in range(1, len(idx)):
            w = self.word(toks[idx[q]][0])
            prev = self.word(toks[idx[q - 1]][0])
            if w.text in _DETERMINERS and not (prev.prep or prev.text in _PREPS or prev.text.startswith("بب")):
                return toks[idx[q - 1]][2]  # وصفت مصادر فلسطينية | هذا الاستهداف (not: عليمة ببواطن هذا القطاع)
            gap = idx[q] - idx[q - 1] > 1
            if prev.definite and not prev.prep and not w.definite and not w.prep and not gap and w.alpha \
                    and not w.place_noun and not w.organisation and not w.country and w.text not in _PREPS \
                    and w.text not in _SAME and w.text[0] not in "لب" and not w.text.startswith(_ADJECTIVE_CONSTRUCTS):
                return toks[idx[q - 1]][2]
        return stop

    def _prep_idafa(self, toks: list[Token], k: int, w: Word) -> bool:
        """ل + a noun before a definite word (لشؤون الإعلام، لمدير عام): a complement, not a name."""
        if w.text[0] != "ل" or w.given or k + 1 >= len(toks):
            return False
        nxt = self.word(toks[k + 1][0])
        return nxt.definite and not nxt.given

    def _closes_name(self, toks: list[Token], k: int) -> bool:
        """Is token ``k`` followed by a word with و (… بن أحمد الغبان ومدير …), not by more of a clause?"""
        if k + 1 >= len(toks):
            return False
        w = self.word(toks[k + 1][0])
        return w.conj == "و" and (w.title or w.given or w.stem in self.lex.titles)

    def _name_end(self, toks: list[Token], idx: list[int], p: int) -> int:
        """Index into ``idx`` just after the name that starts at ``idx[p]``."""
        q = p
        while q < len(idx) and q - p < _MAX_NAME:
            k = idx[q]
            if q > p:
                w = self.word(toks[k][0])
                if w.definite and not w.prep and not w.conj and not w.country and w.stem.endswith("ي") \
                        and idx[q - 1] + 1 == k and self.word(toks[idx[q - 1]][0]).alpha \
                        and not self.word(toks[idx[q - 1]][0]).definite and self._last_word(toks, k) \
                        and k + 1 < len(toks) and self.word(toks[k + 1][0]).title:
                    q += 1  # نجيب الغربي الناطق …، عبده محمد الجندي الناطق …: a nisba surname before the title
                    break
                if w.title or self.honorific(toks, k) or w.head in ("organisation", "document", "anonymous") \
                        or (w.prep and (w.media or w.organisation or w.place_noun or w.head
                                        or w.stem in self.lex.titles)) \
                        or w.cue or (w.stop and not self._name_like(toks, k) and not self._word_surname(toks, k)):
                    break
                if idx[q - 1] + 1 != k and (toks[idx[q - 1] + 1][0] not in _MARK_CHARS or w.prep):
                    break  # punctuation inside (or حنا عميرة "لعمان": an outlet in marks): the name has ended
                named_b = w.prep == "ب" and w.definite and (w.stem in self.lex.honorifics
                                                          or w.stem in self.lex.given_names)
                if w.text[0] == "ب" and not w.given and not (
                        w.text.startswith(("بو", "بن")) or named_b
                        or (self._last_word(toks, k) and not (w.prep == "ب" and w.definite))):
                    break  # بقيام، بالتوجه: a preposition and its noun, not a name (فوزي برهوم، بالحاج are)
                if w.state and w.definite and not w.stem.endswith(("ي", "يه")):  # (not السعودية: also an adjective)
                    break  # ودعا رودلاور | الصين إلى …: a country after the name is the verb's object
                if w.conj == "و" or w.place_noun:
                    break  # وحضرها، جنوب …: not part of the name (a leading ف may be the name's: فابيوس)
                if q - p >= 2 and not (w.given or w.definite or w.text in self.lex.particles
                                       or toks[idx[q - 1]][0] in self.lex.particles) \
                        and not (self._last_word(toks, k) and not self._verb_next(toks, k)) \
                        and not (k + 1 < len(toks) and self.word(toks[k + 1][0]).definite
                                 and not self.word(toks[k + 1][0]).prep and not self._verb_next(toks, k)):
                    break  # إبراهيم رئيسي | سيزور باكستان: a third plain word must end the phrase
                if possessed(w.text) and not w.given:
                    break  # تصريحاته، دعوته: a noun with a pronoun ends the name
                prev = self.word(toks[idx[q - 1]][0])
                after_particle = q - 2 >= p and toks[idx[q - 2]][0] in self.lex.particles
                if prev.definite and not prev.given and not after_particle and prev.text not in _NAME_ARTICLES \
                        and w.text not in self.lex.particles and w.text not in _NAME_ARTICLES:
                    break  # a surname with ال is the last part of a name (عدنان المنصر | تجاهل …)
                if w.definite and not w.given and w.text not in _NAME_ARTICLES and not w.stem.endswith("ي") \
                        and toks[idx[q - 1]][0] not in self.lex.particles \
                        and any(toks[idx[r]][0] in ("بن", "ابن") for r in range(p, q - 1)) \
                        and not self._closes_name(toks, k):
                    break  # خالد بن سلمان | الوفد: after بن X only a nisba (… العويضي) goes on
            q += 1
        return q

    def _title_first(self, toks: list[Token], idx: list[int], start: int, stop: int, words: tuple[str, ...],
                     feminine: bool) -> Phrase:
        head = self.word(toks[idx[0]][0])
        prev_definite = False
        after_honorific = False
        spokes = head.spokes
        name_at = None
        for q, k in enumerate(idx):
            w = self.word(toks[k][0])
            if 0 < k < len(toks) - 1 and toks[k - 1][0] in _MARK_CHARS and toks[k + 1][0] in _MARK_CHARS:
                prev_definite = True  # مؤسسة 'ماس' سمير عبد الله: a body's name in marks, not the person's
                continue
            if q > 0 and w.text in self.lex.name_introducers and q + 1 < len(idx):
                name_at = q + 1  # أحد السكان ويدعى أبو القاسم
                break
            if q > 0 and not w.definite and not w.prep and not w.conj and not w.title and q + 1 < len(idx) \
                    and idx[q + 1] == k + 1 and toks[k + 1][0] == "الدين":
                name_at = q  # … وأمين صندوقها نور الدين بنعبد النبي: a compound given name (X الدين)
                break
            if q > 0 and w.given and not (w.text in _ON_BEHALF and spokes) \
                    and not (w.text in self.lex.ambiguous_given and not self._given_title(toks, idx, q)):
                name_at = q  # (مساعد أمين مجلس الوزراء: أمين is a title there, not a name)
                break
            if self.honorific(toks, k) or (after_honorific and not w.definite and w.stem in self.lex.honorifics):
                after_honorific = prev_definite = True  # (الليفتنانت كولونيل: ranks in a row)
                continue
            if after_honorific and (not w.definite or w.given):
                name_at = q
                break
            if q > 0 and prev_definite and not w.definite and not w.prep and not w.title and not w.conj \
                    and len(w.text) > 1 \
                    and (w.stem not in _PREPS or self._name_like(toks, k)) \
                    and not (w.text in _ON_BEHALF and spokes) and not w.place_noun \
                    and not w.organisation and not w.country and w.head is None \
                    and not (w.text.startswith(_PP_LIKE) and not w.given) and not possessed(w.text) \
                    and not (possessive_noun(w.text) and not w.given) \
                    and not self._prep_idafa(toks, k, w):
                name_at = q
                break
            spokes = spokes or w.spokes
            prev_definite = w.definite or w.country or w.abbreviation
            after_honorific = False
        if name_at is None:
            complement = self.word(toks[idx[1]][0]) if len(idx) > 1 else None
            definite = head.definite or (complement is not None and complement.definite and not complement.prep
                                         and idx[1] == idx[0] + 1)  # رئيس الحكومة is definite
            if not definite:  # an unnamed, indefinite role (مسؤول كبير في شرطة سيول): a source as written
                return Phrase(start, stop, "anonymous", head=head.stem, words=words, feminine=feminine)
            kind = "other" if head.honorific else "person"  # الحاجة إلى …: a rank alone names nobody new
            return Phrase(start, stop, kind, title=(start, stop), head=head.stem, definite=True,
                          words=words, feminine=feminine)
        # (a definite role: the article may name its holder elsewhere)
        if name_at > 1 and toks[idx[name_at - 1]][0] in LEADING_PARTICLES:
            name_at -= 1  # زعيمه أبو بكر البغدادي: the name starts at its particle
        end_q = self._name_end(toks, idx, name_at)
        name_start, name_stop = toks[idx[name_at]][1], toks[idx[end_q - 1]][2]
        title_end = name_at - 1
        if title_end > 0 and toks[idx[title_end]][0] in self.lex.name_introducers:
            title_end -= 1
        title_stop = toks[idx[title_end]][2]
        name_words = tuple(toks[k][0] for k in idx[name_at:end_q])
        return Phrase(start, stop, "person", name=(name_start, name_stop), title=(start, title_stop),
                      head=head.stem, definite=head.definite, words=words, name_words=name_words,
                      feminine=feminine)

    def _name_first(self, toks: list[Token], idx: list[int], start: int, stop: int, words: tuple[str, ...],
                    feminine: bool) -> Phrase:
        from ..countries import find_country

        end_q = self._name_end(toks, idx, 0)
        name_start, name_stop = toks[idx[0]][1], toks[idx[end_q - 1]][2]
        if find_country(self.norm[name_start:name_stop]) is not None:
            return Phrase(start, name_stop, "place", name=(name_start, name_stop), words=words, feminine=True)
        name_words = tuple(toks[k][0] for k in idx[:end_q])
        title = head = None
        if end_q < len(idx):
            w = self.word(toks[idx[end_q]][0])
            if (w.title or w.honorific) and not w.prep:  # قال إردوغان لرئيس الوزراء: an addressee
                title, head = (toks[idx[end_q]][1], stop), w.stem
        return Phrase(start, stop if title else name_stop, "person", name=(name_start, name_stop), title=title,
                      head=head, words=words, name_words=name_words, feminine=feminine)

    def _apposition(self, toks: list[Token], end: int, phrase: Phrase) -> Phrase:
        """``X، Y،``: a name after a bare title, or a title after a name."""
        if end >= len(toks) or toks[end][0] not in _COMMAS or phrase.kind not in ("person", "anonymous"):
            return phrase
        j = end + 1
        if self.opens_circumstance(toks, j):
            return phrase
        w = self.word(toks[j][0])
        nxt_end = self._extent(toks, j)
        if nxt_end <= j:
            return phrase
        if w.text in self.lex.name_introducers and j + 1 < len(toks):  # أحد السكان، ويدعى أبو القاسم،
            j += 1
            w = self.word(toks[j][0])
            nxt_end = self._extent(toks, j)
            if nxt_end <= j:
                return phrase
        titled = phrase.title is not None or (phrase.kind == "anonymous" and phrase.head in self.lex.titles)
        if phrase.name is None and titled and (self.honorific(toks, j) or w.courtesy):
            # المتحدث باسم التحالف، العقيد تركي المالكي،: a rank and the name after the title
            rank = self._split(toks, j, nxt_end, allow_name_first=False)
            if rank is not None and rank.kind == "person" and rank.name is not None:
                return Phrase(phrase.start, rank.end, "person", name=rank.name, title=(phrase.start, phrase.end),
                              head=phrase.head, definite=phrase.definite, words=phrase.words,
                              name_words=rank.name_words, feminine=phrase.feminine)
        if phrase.name is None and titled and not w.title and w.head is None and not w.definite \
                and not w.country and not w.cue and not possessive_noun(w.text):  # (…، تأكيداته بأن)
            idx = self._content(toks, j, nxt_end)
            end_q = self._name_end(toks, idx, 0)
            name = (toks[idx[0]][1], toks[idx[end_q - 1]][2])
            return Phrase(phrase.start, name[1], "person", name=name, title=(phrase.start, phrase.end),
                          head=phrase.head, definite=phrase.definite, words=phrase.words,
                          name_words=tuple(toks[k][0] for k in idx[:end_q]), feminine=phrase.feminine)
        short_title = phrase.title is None or phrase.title[1] - phrase.title[0] <= 8
        if phrase.name is not None and short_title and (w.title or w.honorific):
            title = (toks[j][1], toks[nxt_end - 1][2])
            return Phrase(phrase.start, title[1], "person", name=phrase.name, title=title, head=w.stem,
                          words=phrase.words, name_words=phrase.name_words,
                          feminine=phrase.feminine or w.feminine)
        return phrase

    def _cautious_end(self, toks: list[Token], idx: list[int]) -> int:
        """After a given name in running text, the name goes on only through particles, given names, a
        surname with ال or the word right after the given name (جون كيري | قرارا، كيم جونغ | قام)."""
        q = 2
        while q < len(idx):
            w = self.word(toks[idx[q]][0])
            prev = toks[idx[q - 1]][0]
            if not (w.given or w.text in self.lex.particles or prev in self.lex.particles
                    or (w.definite and w.stem.endswith("ي"))):
                break
            q += 1
        return q

    @staticmethod
    def _verb_next(toks: list[Token], k: int) -> bool:
        """Is token ``k`` followed by a preposition with a pronoun (عهد إليه، قال له), as a verb is?"""
        return k + 1 < len(toks) and toks[k + 1][0] in _PRONOUN_PPS

    def _last_word(self, toks: list[Token], k: int) -> bool:
        """Is token ``k`` the last word of its phrase (followed by punctuation, a stop, a title, an addressee such
        as لرويترز or the end)?"""
        if k + 1 >= len(toks):
            return True
        w = self.word(toks[k + 1][0])
        return not w.alpha or w.stop or w.title or w.honorific or w.cue or (w.prep == "ل" and w.media)

    def given_name(self, toks: list[Token]) -> Phrase | None:
        """A name that starts with a known given name (أيمن الصفدي، جون كيري), or None."""
        idx = self._content(toks, 0, min(len(toks), _MAX_NAME + 1))
        if len(idx) < 2 or idx[0] != 0:
            return None
        w0 = self.word(toks[0][0])
        if w0.conj or not (w0.given or (w0.text in LEADING_PARTICLES and self.word(toks[idx[1]][0]).given)):
            return None
        if w0.text in self.lex.ambiguous_given:  # حسن تطبيق، جمال الطبيعة: a name only before a name
            w1 = self.word(toks[idx[1]][0])
            if not (w1.given or w1.text in self.lex.particles or w1.stem.endswith(("ي", "وي"))):
                return None
        end_q = min(self._name_end(toks, idx, 0), self._cautious_end(toks, idx))
        if end_q < 2:
            return None
        w1 = self.word(toks[idx[1]][0])
        if w1.stop or w1.title or w1.head or w1.adverbial or w1.country or w1.prep or w1.cue:
            return None
        if w1.definite and not (w1.stem.endswith("ي") or w1.given):
            after = self.word(toks[idx[1] + 1][0]) if idx[1] + 1 < len(toks) else None
            if after is None or not (after.title or after.honorific):
                return None  # جمال الطبيعة — unless a title follows: عدنان المنصر الناطق …
        name = (toks[idx[0]][1], toks[idx[end_q - 1]][2])
        name_words = tuple(toks[k][0] for k in idx[:end_q])
        return Phrase(name[0], name[1], "person", name=name, words=name_words, name_words=name_words)
