"""Quotes: direct and reported speech, each attributed to its speaker.

How a quote is found (GUIDELINES.md "Quotes"):

- A reporting cue (``data/cues.json``: قال، أكد، أشار، مضيفا، تأكيده …) opens
  it. After the cue come the speaker phrase and circumstances (في بيان،
  لوكالة …), then what introduces the words: a complement إن/أن/بأن/إلى أن
  (indirect: the clause after it, after an attached pronoun), quotation marks
  (direct: the words inside), or a colon (direct, to the end of the
  paragraph). A cue followed by a noun (أكد دعمه، مؤكدا حرص بلاده) or by a
  preposition with its own object (أعلن عن استشهاد "…") introduces nothing.
- A reported clause ends at the end of its sentence, before the next cue
  that opens a clause (، مضيفا …، وقال …، فيما أشار …) or before an
  attribution tail (، حسب …، على حد تعبيره، في إشارة إلى …).
- Mixed: marks covering at least half of a reported clause make it direct
  (the words inside); a short marked phrase stays inside an indirect quote.
- Quotations split by the cue ("…" قال X "…"), continued in the next
  paragraph under a new opening mark, or followed by an attribution tail
  ("…"، على حد تعبيره) are quotes of the same speaker.
- A report of a report (قال المنصر إن المرزوقي قال …) is one quote, under
  the inner speaker.
- Source credits (حسبما ذكرت رويترز، وفقا لوكالة …) are not quotes, but a
  sentence that opens with one and goes on with the source's words (وبحسب
  المصدر، فإن …) is.

Who speaks: the phrase after the cue (or before it: مصدر أمني قال …), read
by :mod:`.speakers`. A participle (مضيفا) or a verb with no subject (وأضاف)
takes the subject of an earlier speech act in the same sentence, else a
person or country named earlier in that sentence, else the last speaker
whose gender and number agree with the cue. :mod:`.persons` links short and
anaphoric names to the fullest name the article gives.

Works on ``article.norm`` (the one normalisation), with spans mapped back to
the text at the end.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from ..segment import Article
from .persons import Entity, Registry, plausible, scan
from .quote_marks import Segment, pair_marks
from .speakers import Phrase, Reader, Token, possessed, possessive_noun, tokenize
from .speech_lexicon import Cue, lexicon, pronoun_gender

_COMPLEMENT = (r"(?<![^\W_])(?:(?P<pw>الي|علي|عن|من|في) )?(?P<b>ب)?ان(?P<pro>ه|ها|هم|هما|ني|نا|كم|كما)?"
               r"(?![^\W_])")
# (searched patterns start with a lookahead for their possible first characters: the regex engine then skips
# other positions at once, about twice as fast as trying every alternative there)
_POSITION = itemgetter(0)  # history entries are (pos, entity, gender, sentence, spoke)
# How far back a carried-over cue (وأضاف، مضيفا) looks for its speaker, in history entries. Real articles
# stay far below it; it keeps hostile text (thousands of cues in one sentence) linear.
LOOKBACK = 256
_INTRO = re.compile(r"(?=[:«»“”„‹\"'‘اعمفب])(?:(?P<colon>(?<!\d):(?! ?\d))|(?P<mark>[«»“”„‹\"'‘])|" + _COMPLEMENT + ")")
_COMPLEMENT_RE = re.compile(r"(?=[اعمفب])" + _COMPLEMENT)
_COMPLEMENT_AFTER = re.compile(" " + _COMPLEMENT)
_ANY_WORD = re.compile(r"[^\W_]")
_ANY_MARK = re.compile("[«»“”„‹\"'‘’]")
_OPENING = re.compile("[«“\"„”]")
_FA_INNA = re.compile(r"(?=ف)(?<![^\W_])ف(?:ان(?:ه|ها|هم)?|(في|قد|سوف|لا|لن|لم|هناك|من))(?![^\W_])")
# what a credit names before its source: a statement noun (وفقا لأقوال …، بحسب بيانات …) with a relative clause
# of giving, or "what X said" (وبحسب ما أعلنه عميد الكلية …)
_STATEMENTS = re.compile(r"(?:(?:(?:ال)?(?:اقوال|تصريحات|افادات|افاده|تعليقات|كلام|روايه|شهاده)"
                         r"|(?:بيانات|معطيات|ارقام|تقديرات|معلومات|توقعات)(?=\s[^\W_]+(?![^\W_]*ي(?:ه|ين|ون)?\s)))"
                         r"(?:ه|ها|هم)? "
                         r"(?:(?:التي|الذي) (?:قدمها|قدمه|ادلي بها|ادلي به|ادلت بها|نقلها|اطلقها) )?"
                         r"|ما (?:اعلن|ذكر|قال|افاد|اكد|اوضح|صرح|كشف|اورد|نقل)(?:ت|ته|تها|ه|ها)? (?:به |بها )?)")
_GLOSS = re.compile(r"[،,] (?:التي|الذي|الذين|وهو|وهي)(?![^\W_])")
_FRONTED = re.compile(r"(?:و)?(?:من (?:جانبه|جانبها|جهته|جهتها|ناحيته|ناحيتها)|بدوره|بدورها"
                      r"|(?:حول|بشان|في|عن|علي|خلال|بعد|قبل|امام|اثر|عقب|ازاء|حيال)(?: [^\s،,.:؛]+){1,3}) ?")
_CLAUSE_WORDS = ("لكنه ", "لكنها ", "ولكنه ", "ولكنها ", "لكن ", "ولكن ", "فيما ", "بينما ")  # (with their space)
_MID_CREDIT = re.compile(r" و(?:بحسب|حسب|وفقا|وفق|طبقا)(?![^\W_]) ?ل?")
_AN = re.compile(r"(?<![^\W_])ان(?![^\W_])\s*")
_AN_ = re.compile(r"(?=ع)(?<![^\W_])عن(ه|ها|هم)?(?![^\W_])")
_CREDIT = re.compile(r"[،,] ?(?=(?:و)?(?:وفقا|وفق|حسب|بحسب|طبقا)(?![^\W_]))")
_RELAY = re.compile(r"(?=ن)(?<![^\W_])نقلا عن(?![^\W_])")
_RELAY_TAIL = re.compile(r"[\s،,]*(?:وذلك )?نقلا عن(?![^\W_])")
_QAWL = re.compile(r"(?=ق)(?<![^\W_])قول(?:ه|ها|هم)(?![^\W_])")
_PRONOUN_OPENER = re.compile(r"(?:و|ف)?(?:لكن|ولكن|الا ان|غير ان|بيد ان|كما ان)(?:ه|ها|هم)(?![^\W_])")
_FIRST_WORD = re.compile(r"\s*\S+")
_WIDE_GAP = re.compile(r"[^\S\n]{3,}|\t")  # paragraphs run together with runs of spaces in flattened copy
_STRIP = " \t\n.،,:؛;-–—"
_MARKS = "«»“”„‹›\"'‘’"
_CONNECTOR = re.compile(r"[\s،,؛;]*(?:(?:و|ولكن|لكن|ثم|بل|او)\s*)?")
_PREPOSITIONS = frozenset(("في", "من", "علي", "عن", "الي", "ب", "ل", "مع", "حول", "حتي", "ضد"))
_RELATIVES = frozenset(("الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "ما", "مما"))
_AUXILIARIES = frozenset(("كان", "كانت", "وكان", "وكانت", "فكان", "فكانت", "قد", "وقد", "لقد", "فقد", "كانوا",
                          "وكانوا"))
_OUTLETS = frozenset(("وكاله", "صحيفه", "قناه", "موقع", "شبكه", "تلفزيون", "اذاعه", "مجله", "جريده", "صفحه",
                      "حساب"))
_COMPLEMENTISERS = frozenset(("ان", "انه", "انها", "وان", "بان", "بانه", "قوله", "بالقول", "قائلا", "قائله"))
_COMMA_WORDS = frozenset(("،", ","))
_RELATIVE_PRONOUNS = frozenset(("الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان"))
_RELATIVE_AUXILIARIES = frozenset(("لا", "يزال", "تزال", "ما", "زال", "زالت", "مازال", "مازالت", "كان", "كانت", "قد"))
_CONTINUATIONS = frozenset(("أضاف", "تابع", "استطرد", "أردف", "استدرك"))  # go on with the last speaker
_BODIES = frozenset(("organisation", "group", "place", "anonymous"))
_OBJECT_OPENERS = frozenset(("ما", "هذا", "هذه", "ذلك", "تلك"))  # after a verb: its object, not a subject
_FINDERS = frozenset(("document", "anonymous", "other"))  # what a study or count "shows"
_INNER_SPEAKERS = frozenset(("person", "organisation", "document", "group", "place", "anonymous"))  # report of a report
_ACTORS = frozenset(("person", "organisation", "group", "place", "anonymous", "document"))
_RESUMPTIVE = re.compile(r" (?:فيه|فيها|فيهم|خلاله|خلالها|عنه|عنها)(?![^\W_])")
_CONJUNCTIONS = frozenset(("", "و", "ف"))  # the clitics a verb may carry
_PRONOUNS = ("ه", "ها", "هم")
_NEGATIONS = frozenset(("غير", "لا", "لم", "لن", "ليس", "ليست"))
_PLACE_PREPOSITIONS = frozenset(("في", "داخل", "بين"))  # before a name in marks (في «جمعة …»)
_OBJECT_PRONOUNS = frozenset(("اياه", "اياها", "اياهم", "اياهما"))
_THROUGH_IT = frozenset(("خلاله", "خلالها"))
_DEMONSTRATIVES = frozenset(("هذا", "هذه", "ذلك", "تلك", "هولاء"))
_MAX_CHUNK_WORDS = 35
_MIN_DIRECT_WORDS = 2
_MIN_ACT_WORDS = 3
_MAX_LEAD_WORDS = 5  # words before a quotation that goes on in a new sentence (وفي محافظة درعا «…»)


@dataclass(slots=True)
class Hit:
    start: int  # norm offsets of the cue word (without its و/ف/ب prefix)
    end: int
    prefix: str
    cue: Cue
    lead: int = -1  # start including the attached prefix

    def __post_init__(self) -> None:
        self.lead = self.start - len(self.prefix)


@dataclass(slots=True)
class Intro:
    kind: str  # complement | colon | mark
    start: int  # where the introducing word or mark starts
    after: int  # where the quoted words can start
    segment: Segment | None = None


@dataclass(slots=True)
class Speaker:
    entity: Entity
    phrase: Phrase | None  # the mention at this quote; None when carried over
    gender: str | None


@dataclass(slots=True)
class Quote:
    kind: str
    start: int
    end: int
    hit: Hit | None
    speaker: Speaker
    sentence: int


class _Extraction:
    def __init__(self, article: Article, body_start: int):
        self.article = article
        self.norm = norm = article.norm
        self.lex = lexicon()
        self.reader = Reader(self.lex, norm)
        self.registry = Registry(article, self.reader)
        self.body = article.norm_index(body_start) if body_start else 0
        self.paragraphs = self._paragraphs()
        self.paragraph_starts = [a for a, _ in self.paragraphs]
        self.sentences = self._sentences()
        self.sentence_starts = [s[0] for s in self.sentences]
        self.segments: list[Segment] = []
        marked = {bisect_right(self.paragraph_starts, m.start()) - 1 for m in _ANY_MARK.finditer(norm, self.body)}
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
        person_hits: list[tuple[int, str, str]] = []
        for a, b, p, value in self.lex.cues.finditer_norm(norm, self.body):
            if not isinstance(value, Cue):
                person_hits.append((a, value, p))
            elif value.form == "noun" or p in _CONJUNCTIONS:  # a verb takes no preposition (ب ل ك)
                self.hits.append(Hit(a, b, p, value))
        self.person_hits = person_hits
        self.hit_starts = [h.start for h in self.hits]
        self.quotes: list[Quote] = []
        self.texts: set[str] = set()
        self.used_segments: set[int] = set()
        self.history: list[tuple[int, Entity, str | None, int, bool]] = []  # pos, entity, gender, sentence, spoke
        self.pending: list[Hit] = []  # speech acts whose subject is read only when a later cue needs it
        self.leaked: set[int] = set()  # cues inside quotation marks that are the narrator's (، مبينا أن …)
        self.consumed = self.body
        # trailing source credits (…، وفقا لـ X), read when a subjectless cue needs an antecedent
        self.credits = [m.end() for m in _CREDIT.finditer(norm, self.body)]
        self.mid_credits = [m.start() for m in _MID_CREDIT.finditer(norm, self.body)]  # (… جودة وبحسب بيان …)
        self._intros: dict[tuple[int, int], Intro | None] = {}

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
        return out

    @staticmethod
    def _glued(norm: str, end: int) -> bool:
        text = norm[max(0, end - 3):end]
        if text.endswith("?"):
            return True
        return len(text) == 3 and text[2] == "." and text[1].isalpha() and not text[0].isalnum()

    # ------------------------------------------------------------ helpers

    def _window_end(self, pos: int, limit: int, size: int = 100) -> int:
        """``limit``, or the end of the word ``size`` characters after ``pos`` if that comes first."""
        if limit - pos <= size:
            return limit
        end = self.norm.find(" ", pos + size, limit)
        return limit if end == -1 else end

    def tokens(self, a: int, b: int) -> list[Token]:
        """Tokens of ``norm[a:b]``."""
        return tokenize(self.norm, a, b)

    def sentence_of(self, pos: int) -> int:
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
        return h.lead

    def credited(self, h: Hit) -> bool:
        """A cue inside a source credit (حسبما ذكرت، بحسب ما أفاد، كما ذكرت)."""
        prev = self.prev_word(h.lead)
        if prev in ("حسبما", "بحسبما", "مثلما", "كلما", "طالما", "لما"):
            return True
        if prev == "ما":
            if _COMPLEMENT_AFTER.match(self.norm, h.end):
                return False  # ملقيا المسؤولية على ما قال إنها "…": what he said they are, not a credit
            before = self.prev_word(h.lead - 3)
            return before in ("حسب", "بحسب", "وفق", "علي", "حسب") or before.endswith(("حسب", "وفق"))
        return False

    def words(self, a: int, b: int) -> int:
        """Number of words in ``norm[a:b]`` (``norm`` has single spaces; counting them allocates nothing)."""
        norm = self.norm
        while a < b and norm[a] == " ":
            a += 1
        while b > a and norm[b - 1] == " ":
            b -= 1
        return norm.count(" ", a, b) + 1 if b > a else 0

    def inside_segment(self, pos: int) -> Segment | None:
        i = bisect_right(self.segment_opens, pos) - 1
        if i >= 0:
            s = self.segments[i]
            if s.start <= pos < s.end:
                return s
        return None

    # -------------------------------------------------------------- intro

    def find_intro(self, h: Hit, limit: int) -> Intro | None:
        """What introduces the words after cue ``h`` (complement, colon or marks), within ``limit``."""
        key = (h.start, limit)
        if key not in self._intros:
            self._intros[key] = self._find_intro(h, limit)
        return self._intros[key]

    def _find_intro(self, h: Hit, limit: int) -> Intro | None:
        norm = self.norm
        lex = self.lex
        cue = h.cue
        pos = h.end
        k = bisect_right(self.hit_starts, h.start)
        marks_ok = not (cue.ambiguous and cue.form == "verb" and not self.clause_initial(h))
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
                if cue.role == "relay" and other.cue.role == "speech" and other.cue.form == "verb" \
                        and "و" not in other.prefix and _AN_.search(norm, h.end, other.start) is not None:
                    continue  # نقلت الصحيفة عن تسريبات … تفيد بأن: the relayed source's own verb
                if other.cue.form == "verb" and not other.prefix and self.opener_before(other) in _RELATIVE_PRONOUNS \
                        and not self.chunk_ok(other, self.phrase_after(other.end, at), at):
                    continue  # راخوي الذي أقر لتوه برنامجا … أنه: a relative clause inside the speaker phrase
                if other.cue.form == "participle" or (
                        self.clause_initial(other) and not (other.cue.form == "noun" and not other.prefix)):
                    return None  # مبديا شكوكه في أن …: another predicate begins
                if other.cue.form == "verb" and other.cue.role == "speech" and not other.prefix \
                        and self.words(h.end, other.start) > 4 and self.phrase_before(other.lead) is not None:
                    return None  # بريطانيا أكدت … لكن وزير الخارجية هيغ قال أمس إن: a subject and its own verb
            if self.words(h.end, at) > _MAX_CHUNK_WORDS:
                return None
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
            before = self.prev_word(m.start("pw") if pw else at)
            if before in lex.skip_before_complement or prep not in cue.preps:
                pos = m.end()
                continue
            if before in lex.block_before_complement and self.prev_word(m.start("pw") if pw else at) != \
                    self.norm[h.start:h.end]:
                return None  # (not the cue itself: أعرب عن أمله في أن …)
            return Intro("complement", m.start("pw") if pw else at, m.end())
        return None

    def _quotation_follows(self, h: Hit, seg: Segment, limit: int) -> bool:
        """Is the marked segment at ``seg`` what the cue introduces (not a name or term inside its phrase)?"""
        norm = self.norm
        before = self.prev_word(seg.open)
        w = self.reader.word(before) if before[:1].isalnum() else None
        term = w is not None and (w.stem in _OUTLETS or (w.stop and not w.cue and not w.temporal
                                                          and before not in _COMPLEMENTISERS))
        if term or before in _PREPOSITIONS or (seg.open and norm[seg.open - 1].isalpha()):
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
        return bool(rest) and rest[0] not in _MARKS and not rest.startswith(".")

    # ----------------------------------------------------------- speakers

    def phrase_after(self, a: int, b: int, *, toks: list[Token] | None = None) -> Phrase | None:
        if toks is None:
            toks = self.tokens(a, b)
        if not toks or self.reader.word(toks[0][0]).cue or possessed(toks[0][0]):
            return None
        return self.reader.parse(toks, 0)

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
        if i + 2 < len(toks) and t == "من" and toks[i + 1][0] in _THROUGH_IT and toks[i + 2][0] not in _MARKS:
            i += 2  # (مؤتمر) كشف من خلاله أبرز الأسباب: what follows "through it" decides
            t = toks[i][0]
        w = reader.word(t)
        if i == len(toks) - 1 and t[:1] == "ل" and len(t) > 2:
            return True  # قال إردوغان لشي بأن: the addressee
        return (reader.opens_circumstance(toks, i) or t in _MARKS or w.courtesy or t == "(" or w.cue
                or t in _OBJECT_PRONOUNS  # واصفا إياها بأنها …: the verb's object, then its complement
                or (w.country and w.definite)  # نادي الأسير | الفلسطيني: an adjective of the speaker
                or t in self.lex.asides)  # المرصد السوري ومقره بريطانيا إنه …: an aside about the speaker

    def trailing_name(self, phrase: Phrase, chunk_end: int) -> Phrase | None:
        """A title whose relative clause is followed by the name (خبير التعدين … والذي يعمل في كندا، تكر باري:)."""
        toks = self.tokens(phrase.end, chunk_end)
        commas = [k for k, t in enumerate(toks) if t[0] in _COMMA_WORDS]
        if not commas or not any(t[0] in _RELATIVE_PRONOUNS or t[0][1:] in _RELATIVE_PRONOUNS
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

    def phrase_before(self, pos: int) -> Phrase | None:
        """The subject before a cue (مصدر أمني سوري قال، أن ترامب قال، وكانت الوزارة أكدت)."""
        sent = self.sentences[self.sentence_of(pos)]
        a = sent[0] if pos - sent[0] <= 120 else self.norm.find(" ", pos - 120, pos) + 1
        toks = self.tokens(a, pos)
        if toks and toks[-1][0] in ("قد", "فقد", "لقد"):
            toks = toks[:-1]  # وكان الرئيس التنفيذي … قد لمح
        i = self._subject_start(toks, len(toks))
        if i >= len(toks) or len(toks) - i > 12:
            return None
        if i >= 2 and toks[i - 1][0] in _COMMA_WORDS:
            # عزيز الرباح، وزير النقل قال: a name and its title in apposition before the verb
            k = self._subject_start(toks, i - 1)
            if i - 1 - k <= 5:
                phrase = self._parse_before(toks, k)
                if phrase is not None and phrase.name is not None and phrase.title is not None:
                    return phrase
        return self._parse_before(toks, i)

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
        while j < len(toks) - 1 and toks[j][0] in _AUXILIARIES:
            j += 1  # وكانت الوزارة أكدت، وقد الوزير قال
        before = toks[j - 1][0] if j > 0 else ""
        first = toks[j][0]
        if any(t in _PREPOSITIONS or (t[:1] in "وف" and t[1:] in _PREPOSITIONS) for t in (before, first)):
            return None  # ومن جانب آخر أوضح، ومن ناحية أخرى قالت: an adverbial, not a subject
        phrase = self.reader.parse(toks, j)
        if phrase is None or phrase.end < toks[-1][2] or phrase.kind == "other":
            return None
        if phrase.kind == "person" and phrase.title is None and not plausible(self.reader, phrase, self.registry):
            return None  # unknown words before a verb are not taken for a name
        return phrase

    def resolve(self, phrase: Phrase, pos: int, gender: str | None) -> Speaker | None:
        if phrase.pronoun is not None:
            return self.implicit(pos, phrase.pronoun, participle=False)
        entity = self.registry.speaker(phrase, pos, gender)
        return Speaker(entity, phrase, gender)

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
        if inside and not participle and self.norm[pos - 1] in "وف":
            # وتناول التقرير … فذكر أن، تحفظ مسؤولون … واعتبروا أن: a verb joined to the one that opens the
            # sentence has its subject (not whoever else the sentence names: وجدد مطالبة … كوفي أنان، وقال …)
            own = self.sentence_subject(sent, gender, bare=True)
            if own is not None:
                return Speaker(own, None, gender)
        if not (inside and not participle and self.norm[pos - 1] in "وف" and self._opens_with_verb(sent)):
            named = self.named_in(s_start, pos, gender)  # (أما رئيس مجلس الإدارة، عبدالله الربيعان، فقال)
            if named is not None:
                return Speaker(named, None, gender)
        if same and not participle:
            return Speaker(same[-1][1], None, gender)
        goes_on = participle or lemma in _CONTINUATIONS
        if not goes_on and self.words(s_start, pos) <= 1 and sent > 0 \
                and self.sentences[sent - 1][2] >= self.sentences[sent][2] - 1:
            prev = self.sentence_subject(sent - 1, gender)
            if prev is not None:
                return Speaker(prev, None, gender)
        if inside and (participle or self.norm[pos - 1] in "وف"):
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

    def _opens_with_verb(self, sent: int) -> bool:
        """Does sentence ``sent`` open with a verb (its subject is the subject of verbs joined to it)?"""
        a, b, _p = self.sentences[sent]
        toks = self.tokens(a, self._window_end(a, b, 20))[:1]
        return bool(toks) and (self._verb_like(toks[0]) or self.reader.word(toks[0][0]).cue)

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
        toks = self.tokens(a, self._window_end(a, b, 160))
        i = 0
        if toks and self.reader.word(toks[0][0]).stop:
            comma = next((k for k, t in enumerate(toks[:8]) if t[0] in _COMMA_WORDS), None)
            if comma is not None:
                i = comma + 1  # وخلال ذروة الفضيحة، أرسل مجلس الأمن …: the verb after a leading adverbial
        while i < len(toks) - 1 and toks[i][0] in _AUXILIARIES:
            i += 1
        if i >= len(toks) - 1 or not self._verb_like(toks[i], bare=bare):
            return None
        phrase = self.reader.parse(toks, i + 1)
        if phrase is None or phrase.kind not in _ACTORS or self.words(toks[i + 1][1], phrase.start) > 2 \
                or phrase.pronoun is not None:
            return None  # (واشار سعادته: a pronoun is no subject to carry)
        if bare and toks[i][0][:1] not in "وف" and phrase.kind == "person" and phrase.title is None:
            return None
        if phrase.kind == "person" and phrase.title is None and not plausible(self.reader, phrase, self.registry):
            return None
        speaker = self.resolve(phrase, phrase.start, None)
        if speaker is None or self._agreeing([(0, speaker.entity, None)], gender) is None:
            return None
        return speaker.entity

    def _verb_like(self, tok: Token, *, bare: bool = False) -> bool:
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
                    and text[:first].rstrip().rpartition(" ")[2] not in _PREPOSITIONS:
                best = (first, e)  # (not after a preposition: انتقادات إلى مايك بنس is an object)
        if best is not None:
            return best[1]
        for t, a, b in self.tokens(start, self._window_end(start, pos, 30))[:3]:  # قللت إيران …، وادعت أن
            if self.reader.word(t).state and not self.reader.word(t).prep:
                phrase = Phrase(a, b, "place", name=(a, b), words=(t,), feminine=True)
                return self.registry.speaker(phrase, a, "f")
        return None

    @staticmethod
    def _agreeing(items, gender):
        for item in reversed(items):
            g = item[1].gender or item[2]
            # (a plural verb may speak for a body: قالوا after الشرطة; but a plural of people — منتقدون —
            # is not the subject of a singular verb)
            if gender is None or g is None or g == gender or gender == "p" and item[1].kind in _BODIES \
                    or g == "p" and item[1].kind not in ("person", "anonymous"):
                return item
        return None

    def note(self, pos: int, speaker: Speaker, spoke: bool) -> None:
        """Remember who spoke (or acted) at ``pos``; the history stays in text order (a later note may be for an
        earlier place: a report of a report's inner quote, a credit read after its sentence)."""
        self._remember((pos, speaker.entity, speaker.gender, self.sentence_of(pos), spoke))

    def _remember(self, item: tuple[int, Entity, str | None, int, bool]) -> None:
        """Add to the history, which is kept sorted by position so "who spoke before here" is a slice."""
        insort(self.history, item, key=_POSITION)

    def _before(self, pos: int) -> list[tuple[int, Entity, str | None, int, bool]]:
        """The latest history entries before text position ``pos`` (a bounded slice, not a scan)."""
        i = bisect_left(self.history, pos, key=_POSITION)
        return self.history[max(0, i - LOOKBACK):i]

    # -------------------------------------------------------------- clauses

    def impersonal(self, h: Hit) -> bool:
        """A subjectless passive right before its complement (حيث يُرجَّح أن، كما يُعتقد أن): nobody's cue."""
        cue = h.cue
        return (cue.impersonal and cue.form == "verb" and cue.gender == "m" and not h.prefix
                and self.norm.startswith("ي", h.start) and _COMPLEMENT_AFTER.match(self.norm, h.end) is not None)

    def boundary(self, h: Hit) -> bool:
        """Does cue ``h`` end a reported clause that runs into it?"""
        cue = h.cue
        if self.impersonal(h):
            return False
        if cue.role == "speech" and cue.form == "participle":
            if self.clause_initial(h):
                return True
            return self.find_intro(h, self.sentences[self.sentence_of(h.start)][1]) is not None
        if not self.clause_initial(h):
            return False
        opener = self.opener_before(h)
        relative = opener in _RELATIVES and self.prev_word(h.lead - len(opener) - 1) not in ("،", ",")
        resumptive = _RESUMPTIVE.match(self.norm, h.end) is not None  # تحدث فيها: a relative clause
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
        if gap == 0 or gap > 4 or self.phrase_after(h.end, intro.start) is None:
            return None
        return self.boundary_at(h)

    def relative_before(self, h: Hit) -> int | None:
        """Start of the relative pronoun that cue ``h`` follows (الذي قال، والذي لا يزال يقول), if any."""
        pos = h.lead
        for _ in range(4):
            prev = self.prev_word(pos)
            if prev in _RELATIVE_PRONOUNS or (prev[:1] == "و" and prev[1:] in _RELATIVE_PRONOUNS):
                return self.norm.rfind(prev, 0, pos)
            if prev not in _RELATIVE_AUXILIARIES:
                return None
            pos = self.norm.rfind(prev, 0, pos)
        return None

    def antecedent(self, rel: int) -> Phrase | None:
        """The noun phrase a relative pronoun at ``rel`` refers to (قائد القوات … أحمد شفيق | والذي …).

        After a coordinated relative (… التي أجريت الأسبوع الماضي والتي أكدت) it is the one before the
        first relative. The longest phrase that ends right before the pronoun is taken.
        """
        sent_start = self.sentences[self.sentence_of(rel)][0]
        toks = self.tokens(max(sent_start, rel - 160), rel)
        if self.norm[rel] == "و":
            for k in range(len(toks) - 1, max(-1, len(toks) - 12), -1):
                if toks[k][0] in _RELATIVE_PRONOUNS:
                    toks = toks[:k]
                    break
        best = None
        for k in range(len(toks) - 1, max(-1, len(toks) - 9), -1):
            t = toks[k][0]
            w = self.reader.word(t)
            if not w.alpha or w.cue or (w.stop and not w.given):
                break
            phrase = self.reader.parse(toks, k)
            if phrase is not None and phrase.end == toks[-1][2] and phrase.kind in _ACTORS \
                    and (phrase.kind != "person" or phrase.title is not None or w.given
                         or plausible(self.reader, phrase, self.registry)):
                best = phrase
        return best

    def clause_end(self, start: int, end: int, *, in_marks: bool = False) -> int:
        """Where a reported clause starting at ``start`` stops, at most at ``end``."""
        k = bisect_right(self.hit_starts, start)
        while k < len(self.hits) and self.hits[k].start < end:
            h = self.hits[k]
            k += 1
            seg = None if in_marks else self.inside_segment(h.start)
            if seg is not None and seg.close is not None and seg.open >= start:
                continue  # a cue inside quoted words
            embedded = self.embedded_at(h, start, end)
            if embedded is not None:
                end = min(end, embedded)  # … آخرين ادعت قوات الاحتلال أنهم …: a speaker's own clause begins
                break
            if self.boundary(h):
                at = self.boundary_at(h)
                if h.cue.form == "verb" and not h.prefix and self.opener_before(h) in _COMMA_WORDS \
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

    def trim(self, a: int, b: int) -> tuple[int, int]:
        norm = self.norm
        while a < b and norm[a] in _STRIP:
            a += 1
        while b > a and norm[b - 1] in _STRIP:
            b -= 1
        if b > a and norm[b - 1] in _MARKS and len(_ANY_MARK.findall(norm, a, b)) % 2:
            b -= 1
            while b > a and norm[b - 1] in _STRIP:
                b -= 1
        if b > a and norm[a] in _MARKS and len(_ANY_MARK.findall(norm, a, b)) % 2:
            a += 1
            while a < b and norm[a] in _STRIP:
                a += 1
        return a, b

    # --------------------------------------------------------------- output

    def emit(self, kind: str, a: int, b: int, hit: Hit | None, speaker: Speaker, sentence: int) -> Quote | None:
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
            if seg.words >= 1 and self.emit("direct", seg.start, end, hit, speaker, sentence):
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
            if seg.close is None or seg.open in self.used_segments or seg.words < _MIN_ACT_WORDS \
                    or not self._phrase_quoted(seg) \
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
            if nxt is None or nxt.open >= limit or nxt.words < _MIN_DIRECT_WORDS:
                break
            out.append(nxt)
        return out

    # ---------------------------------------------------------------- cues

    def run(self) -> None:
        scan(self.reader, self.registry, self.person_hits)
        credits = 0  # sentences whose credits have been read (once the cues in them have been)
        for h in self.hits:
            while credits < len(self.sentences) and self.sentences[credits][1] <= h.start:
                self.sentence_credit(credits)
                credits += 1
            if h.start < self.consumed or self.credited(h):
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

    def subject(self, h: Hit, chunk_end: int) -> tuple[Speaker | None, Phrase | None, bool]:
        """The speaker of cue ``h`` (speaker phrase in ``norm[h.end:chunk_end]``) and whether the chunk is fit."""
        cue = h.cue
        gender = cue.gender
        if cue.form == "participle":  # (واصفا تدفق المهاجرين … بأنه: the object comes first)
            fit = cue.has_object or self.chunk_ok(h, None, chunk_end)
            return self.implicit(h.start, gender, participle=True), None, fit
        if cue.role == "relay" and _AN_.search(self.norm, h.end, chunk_end) is not None:
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
        if cue.form == "verb" and not self.clause_initial(h):
            # الوزارة أعلنت …، مصدر أمني قال …: the subject comes first, what follows the verb is not it
            before = self.phrase_before(h.lead)
            if before is not None:
                return self.resolve(before, before.start, gender), before, self.chunk_ok(h, None, chunk_end)
        # a verb before its subject is singular: after a dual or plural form (قالوا، انتقدا) comes an object
        toks = self.tokens(h.end, chunk_end)
        phrase = self.phrase_after(h.end, chunk_end, toks=toks) if gender != "p" else None
        if phrase is not None and cue.has_object:
            first = _FIRST_WORD.match(self.norm, h.end).end()
            # اتهم X Y بأن: X speaks; وأبلغ رويترز أن: an addressee, the subject is understood; a titled
            # name or a name set off by commas is the whole subject (وصف رئيس الوزراء … نتانياهو ما حصل بأنه)
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
        if phrase is not None and cue.form == "noun" and toks and toks[0][0] in _DEMONSTRATIVES:
            return None, None, False  # إعلان هذه الهدنة: the noun's object, not its speaker
        if phrase is not None and phrase.name is None and phrase.kind in ("person", "anonymous"):
            named = self.trailing_name(phrase, chunk_end)
            if named is not None:
                phrase, fit = named, True
        if phrase is not None:
            return self.resolve(phrase, phrase.start, gender), phrase, fit
        if cue.form == "verb" and gender != "p" and not self.clause_initial(h) and not toks:
            return None, None, False  # عن عملية إطلاق يرجح أنها …: no subject anywhere, a passive or a gloss
        if _RESUMPTIVE.match(self.norm, h.end) is not None:
            # ونشرت الجماعة … بيانا قالت فيه إن …، وألقى أمين شومان … كلمة أكد فيها: the sentence's subject
            subject = self.sentence_subject(self.sentence_of(h.start), gender, bare=True)
            if subject is not None:
                return Speaker(subject, None, gender), None, fit
        return self.implicit(h.start, gender, participle=False, lemma=cue.lemma), None, fit

    def label(self, h: Hit, intro: Intro) -> bool:
        """After a verb with an object (وصف، اتهم): a passive with no object (التي وُصفت بأنها …) or a short
        label in marks (ما وصفته «تشوهات في معالمها»), not a quote."""
        if intro.kind == "mark":
            seg = intro.segment
            first = _FIRST_WORD.match(self.norm, seg.start).group().strip() if seg is not None else ""
            return seg is not None and seg.words < 5 and not self.reader.word(first).stop and first not in _NEGATIONS
        word = self.norm[h.start:h.end]
        return intro.kind == "complement" and h.cue.form == "verb" and not word.endswith(_PRONOUNS) \
            and not self.norm[h.end:intro.start].strip()

    def _whole_subject(self, phrase: Phrase, chunk_end: int) -> bool:
        """After a verb with an object (وصف، اتهم): is the whole phrase read after it the subject, the object
        still to come? A body's phrase that leaves words before the complement (وصفت لجان التنسيق المحلية
        | اجتماع جنيف بأنه), a name set off by a comma, or a title with a plausible name."""
        if phrase.kind in _BODIES:
            return bool(self.norm[phrase.end:chunk_end].strip(" ،,"))
        if phrase.name is None:
            return False
        return self.norm.startswith("،", phrase.end) or (
            phrase.title is not None and plausible(self.reader, phrase, self.registry))

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
        m = _AN_.search(self.norm, h.end, chunk_end)
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
        phrase = self.phrase_after(m.end(), q.start() if q else self._window_end(m.end(), b, 80))
        if phrase is None or phrase.kind not in ("person", "anonymous", "organisation", "document", "group"):
            return None
        speaker = self.resolve(phrase, phrase.start, None)
        return (speaker, phrase) if speaker is not None else None

    def speech(self, h: Hit) -> None:
        if self.impersonal(h):
            return
        sent = self.sentence_of(h.start)
        s_start, s_end, para = self.sentences[sent]
        p_end = self.paragraphs[para][1]
        intro = self.find_intro(h, s_end)
        if intro is None:
            self.after_quotation(h, sent)
            return
        if h.cue.role == "relay" and _AN_.search(self.norm, h.end, intro.start) is None and (
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
        if intro.kind == "mark":
            segs = self.chain(intro.segment, p_end)
            if intro.segment.words >= _MIN_DIRECT_WORDS or intro.segment.close is None:
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

    def reported(self, h: Hit | None, start: int, end: int, speaker: Speaker, sent: int) -> None:
        """An indirect clause, or direct when quotation marks cover most of it (mixed rule)."""
        if h is not None and h.cue.has_object and self.words(start, end) < 2:
            self.note(h.start, speaker, True)
            return  # وصف الهجوم بأنه "إرهابي": a label, not a reported clause
        segs = [s for s in self.segments if start <= s.open < end]
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
            # most when only its one-word subject comes first), or opening right at its start
            if total and ((inner / total > 0.5 and longest >= 3)
                          or (inner / total >= 0.5 and lead <= 1 and longest >= 3)
                          or (lead == 0 and first.words >= _MIN_DIRECT_WORDS)
                          or (lead <= 3 and first.close is None)):
                # a later marked phrase after narration (… وذلك لمواجهة نسب اقتراض «غير مقبولة») is a term
                # unless it is a quotation of its own
                segs = [x for k, x in enumerate(segs) if k == 0 or self.words(segs[k - 1].after, x.open) <= 3
                        or x.words >= _MIN_ACT_WORDS]
                self.emit_segments(segs, h, speaker, sent, limit=end, min_words=_MIN_DIRECT_WORDS)
                return
        self.emit("indirect", start, end, h, speaker, sent)

    def colon_speech(self, h: Hit, intro: Intro, speaker: Speaker, sent: int, p_end: int) -> None:
        """وقال: … — direct to the end of the paragraph, or to the next attributed sentence."""
        start = intro.after
        rest = self.norm[start:p_end].lstrip(" ")
        at = p_end - len(rest)
        if rest[:1] and rest[0] in _MARKS and at in self.by_open:
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
        m = _AN.match(self.norm, at)
        if m:
            at = m.end()
        segs = [s for s in self.segments if at <= s.open < end]
        inner = sum(s.words for s in segs)
        total = self.words(at, end)
        if segs and total and inner / total >= 0.5:
            self.emit_segments(segs, h, speaker, sent, limit=end, min_words=_MIN_DIRECT_WORDS)
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
        if seg is None or seg.open in self.used_segments or seg.words < _MIN_DIRECT_WORDS or seg.open < self.body \
                or self._named_before(seg):  # (وكانت منظمة "هيومان رايتس فرست" قالت: its name, not its words)
            if speaker is None:
                self.actor(h)
            return
        if speaker is None:
            speaker, _, _ = self.subject(h, self.sentences[sent][1])
        if speaker is not None:
            self.emit_segments([seg], h, speaker, self.sentence_of(seg.open))

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
            if self.opener_before(h) in _RELATIVES:
                continue  # مرسي الذي تعهد بترك …: a relative clause; what follows is its object
            if _RESUMPTIVE.match(self.norm, h.end) is not None:  # ألقى أمين شومان كلمة أكد فيها …
                subject = self.sentence_subject(self.sentence_of(h.start), h.cue.gender)
                if subject is not None:
                    self._remember((h.start, subject, h.cue.gender, self.sentence_of(h.start), True))
                continue
            if self.clause_initial(h):
                first = _FIRST_WORD.match(self.norm, h.end).end()
                if self.norm[h.end:first].strip() in _DEMONSTRATIVES and self.norm.startswith(" ال", first):
                    continue  # واعتبر هذا الصاروخ …: the object; the subject is the one spoken of before
                if h.cue.has_object and self.reader.word(self.norm[h.end:first].strip()).media:
                    continue  # وأبلغ رويترز «…»: the addressee; the subject is the one spoken of before
                end = _FIRST_WORD.match(self.norm, h.end).end() if h.cue.has_object else s_end
                phrase = self.phrase_after(h.end, self._window_end(h.end, end))  # (اتهم X Y بـ: X speaks)
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
                if speaker is not None and speaker.entity.kind in _ACTORS:  # (لفتت الانتباه: an object)
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
            toks = self.tokens(m.end(), self._window_end(m.end(), s_end, 80))
            if not toks or self.reader.word(toks[0][0]).media:
                continue
            phrase = self.reader.parse(toks, 0)
            if phrase is None or phrase.kind not in _ACTORS or (
                    phrase.kind == "person" and phrase.title is None
                    and not plausible(self.reader, phrase, self.registry) and not self._apposed(phrase, s_end)):
                continue
            speaker = self.resolve(phrase, phrase.start, None)
            if speaker is not None:
                self._remember((at, speaker.entity, None, self.sentence_of(at), False))

    def _apposed(self, phrase: Phrase, limit: int) -> bool:
        """Is a bare name followed by a comma and a title (سور غول، قائد بالجيش …)?"""
        toks = self.tokens(phrase.end, self._window_end(phrase.end, limit, 30))
        return len(toks) > 1 and toks[0][0] in _COMMA_WORDS and (
            self.reader.word(toks[1][0]).title or self.reader.word(toks[1][0]).honorific)

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
        if seg.words < _MIN_ACT_WORDS or gap == 0 or gap > 8 or seg.open in self.used_segments:
            return
        speaker = self.implicit(h.start, h.cue.gender, participle=True)
        if speaker is not None:
            self.emit_segments([seg], h, speaker, sent)

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

    # ------------------------------------------------------- other patterns

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
        if any(q.start < b and a < q.end for q in self.quotes):
            return
        source, statements = self._statement_source(m.end(), b)
        fa = _FA_INNA.search(norm, source, b)
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
                phrase = self.phrase_after(source, self._window_end(source, b, 60))
                start = phrase.end if phrase is not None else b
                if phrase is not None and (phrase.kind == "person" or self.words(start, b) < 4
                                           or not norm[start:start + 2].strip(" ")[:1].isalpha()):
                    return
            if phrase is None or phrase.kind not in ("person", "anonymous", "organisation", "group", "document"):
                return
        if phrase is None:
            return
        self.read_actors(self.body, a)  # (the bodies acting before may be the one named: وحسب الجيش)
        speaker = self.resolve(phrase, phrase.start, None)
        if speaker is not None:
            self.reported(None, start, self.clause_end(start, b), speaker, i)

    def _statement_source(self, pos: int, end: int) -> tuple[int, bool]:
        """Where the source starts after a credit's statement noun (وفقا لأقوال المتحدث، وحسب الإفادات التي
        قدمها الرئيس …): after the noun and a relative clause of giving (التي قدمها، التي أدلى بها)."""
        m = _STATEMENTS.match(self.norm, pos, end)
        return (m.end(), True) if m else (pos, False)

    def tails(self) -> None:
        """"…"، على حد تعبيره / "…" بحسب ما ذكره X: an attributed quotation."""
        for seg in self.segments:
            if seg.open in self.used_segments or seg.close is None or seg.words < _MIN_DIRECT_WORDS \
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
            if speaker is not None:
                self.emit_segments([seg], None, speaker, self.sentence_of(seg.open))

    def attributed(self) -> None:
        """Quoted words a speech act attributes to its subject without a complement clause.

        (لفت المرصد إلى «استشهاد …»، اتهم بكين بارتكاب «ما يشبه الإبادة»، انتقدت ما وصفته بـ"…"): a
        quotation of five words or more, or one that starts with a particle, a few words after the cue.
        Shorter noun phrases in marks stay names and terms (مشيرة إلى «خلافات سياسية»، جماعة «…»).
        """
        for seg in self.segments:
            if seg.open in self.used_segments or seg.close is None or seg.words < _MIN_ACT_WORDS \
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
            if h.start < self.sentences[sent][0] or h.cue.form == "noun" or h.cue.ambiguous \
                    or self._act_gap(h, seg) > 10 \
                    or any(h.start < q.start < seg.open for q in self.quotes) or not self._phrase_quoted(seg) \
                    or self._introduces_other(h, seg, self.sentences[sent][1]):
                continue
            speaker = self.act_subject(h)
            if speaker is not None:
                self.emit_segments([seg], h, speaker, sent)
        self.quotes.sort(key=lambda q: q.start)

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

    def _phrase_quoted(self, seg: Segment) -> bool:
        """Are the words in marks a quotation rather than a name or term (جماعة «…»، «الجيش السوري الحر»)?"""
        if self._named_before(seg) or self.prev_word(seg.open) in _PLACE_PREPOSITIONS:
            return False  # (في «جمعة أطفال الحولة مشاعل النصر»: the name of a day, a place, an event)
        return self._not_a_name(seg) and (seg.words >= 5 or self.reader.word(
            _FIRST_WORD.match(self.norm, seg.start).group().strip()).stop)

    def _named_before(self, seg: Segment) -> bool:
        """Do the marks follow a head noun, title or outlet whose name they hold (منظمة "هيومان رايتس فرست")?"""
        before = self.prev_word(seg.open)
        w = self.reader.word(before) if before[:1].isalnum() else None
        return w is not None and (w.head is not None or w.title or w.stem in _OUTLETS)

    def _not_a_name(self, seg: Segment) -> bool:
        """Do the words in marks not start as a name does (a head noun, title, given name or country)?"""
        first = self.reader.word(_FIRST_WORD.match(self.norm, seg.start).group().strip())
        return not (first.head is not None or first.title or first.given or first.country)

    def act_subject(self, h: Hit) -> Speaker | None:
        """The subject of a speech act read earlier (or the speaker it carries on from)."""
        self.read_actors(h.start, h.end)
        for pos, entity, gender, _sent, _spoke in self.history:
            if pos == h.start:
                return Speaker(entity, None, gender)
        if h.cue.form != "participle":
            first = _FIRST_WORD.match(self.norm, h.end).group().strip()
            if not (self.clause_initial(h) and (first in _OBJECT_OPENERS or possessive_noun(first)
                                                or first in h.cue.preps)):
                return None  # (a verb whose subject could not be read: no guess)
            # وأكدتا على «…»: the subject is understood
            # وكرر دعوته إلى «…»، وانتقدت ما وصفته بـ"…": the object comes first, the subject is understood
        return self.implicit(h.start, h.cue.gender, participle=h.cue.form == "participle", lemma=h.cue.lemma)

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
                if bare not in _PREPOSITIONS or not self._not_a_name(seg):
                    continue  # وكان فراس يشرف على مجموعة «من أجل سورية»: a name in a clause of its own
            prev = self.sentences[sent - 1]
            last = [q for q in self.quotes if q.end <= a and q.end > prev[0]]
            if not last or last[-1].kind != "direct" or self.words(last[-1].end, a) > 3:
                continue
            self.emit_segments([seg], last[-1].hit, last[-1].speaker, sent)
            self.quotes.sort(key=lambda q: q.start)

    # ----------------------------------------------------------------- json

    def to_json(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        reg = self.registry
        people = reg.persons()
        index = {id(e): i for i, (e, _) in enumerate(people)}
        art = self.article
        out = []
        names: dict[int, tuple[str | None, str | None]] = {}
        sentence_spans: dict[tuple[int, int], tuple[int, int]] = {}
        for q in self.quotes:
            s, e = art.span(q.start, q.end)
            hit = q.hit
            cue = cue_span = None
            if hit is not None:
                cs, ce = art.span(hit.start, hit.end)
                cue, cue_span = art.text[cs:ce], [cs, ce]
            sp = q.speaker
            ent = sp.entity
            if id(ent) not in names:
                names[id(ent)] = (reg.text(ent.name), reg.text(ent.title))
            name, title = names[id(ent)]
            span = None
            if sp.phrase is not None:
                if sp.phrase.title:
                    title = reg.text(sp.phrase.title)
                ps = sp.phrase.name or (sp.phrase.start, sp.phrase.end)
                a, b = art.span(*ps)
                span = [a, b] if not (a < e and s < b) else None
            sent_a = self.sentences[self.sentence_of(min(q.start, hit.start) if hit else q.start)][0]
            sent_b = self.sentences[self.sentence_of(max(q.end - 1, q.start))][1]
            sentence = sentence_spans.get((sent_a, sent_b))
            if sentence is None:  # (quotes of one sentence share its span)
                sentence = sentence_spans[sent_a, sent_b] = art.span(sent_a, sent_b)
            ss, se = min(sentence[0], s), max(sentence[1], e)
            out.append({
                "kind": q.kind,
                "text": art.text[s:e],
                "span": [s, e],
                "cue": cue,
                "cue_span": cue_span,
                "speaker": {"name": name, "title": title if title != name else None, "span": span,
                            "kind": ent.kind, "person": index.get(id(ent))},
                "sentence_span": [ss, se],
            })
        return out, reg.persons_json(people)


def extract_with_persons(article: Article, body_start: int = 0) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Quotes and the people named in the article (``quotes``, ``persons`` of the document)."""
    ex = _Extraction(article, body_start)
    ex.run()
    return ex.to_json()


def extract(article: Article, body_start: int = 0) -> list[dict[str, Any]]:
    """The article's quotes, in text order (see :func:`extract_with_persons`)."""
    return extract_with_persons(article, body_start)[0]
