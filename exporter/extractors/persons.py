"""Who is who in an article: the people and other speakers, each under the fullest name used.

A wire story names a person in full once (وزير الخارجية الباكستاني المؤقت
جلال عباس جيلاني) and then by surname (جيلاني), title and surname (وزير
الخارجية جيلاني) or title alone (الوزير). The :class:`Registry` keeps one
:class:`Entity` per person or speaking body: a new name joins a known person
when its words are a subset of theirs ending in the same surname (or the
same first and last word), the nearest such person winning when two share a
surname; a bare title or source noun with ال (الوزير، المصدر القريب من
السلطات، الوكالة) refers back to the latest entity with that head noun.
Entities remember every form they were named by, so the document can list
each person's mentions.

:func:`scan` finds people named outside reported speech: a title or
honorific followed by a name (نظيره الإيراني حسين أمير عبد اللهيان، الرئيس
عبدالفتاح السيسي), or a known given name followed by a surname.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import dataclass, field
from typing import Any

from ..segment import Article
from .speakers import LEADING_PARTICLES, Phrase, Reader, tokenize

_TRIVIAL = {"ذاته", "ذاتها", "نفسه", "نفسها", "المذكور", "المذكوره", "اخر", "الاخر", "الجديد", "الجديده"}
_MARKS = "«»“”„‹›\"'‘’"
_MARK_RE = re.compile(f"[{_MARKS}]")
_WORDS = re.compile(r"[^\W_]+")
_WORD_RUN = re.compile(r"[^\W_]+(?: [^\W_]+){0,5}")
_ORDINALS = {"الاول", "الثاني", "الثالث", "الرابع", "الاخير", "الاخر"}  # the latter: not a surname
# Broken plurals (normalised, without ال) of people, which take a plural verb after them, and of things,
# which take the feminine singular.
_PEOPLE_PLURALS = frozenset(("شهود", "خبراء", "علماء", "اطباء", "نشطاء", "سكان", "ضباط", "جنود", "طلاب", "عمال",
                             "اعضاء", "اهالي", "مسعفون", "قاده", "زعماء", "وزراء", "نواب", "رؤساء", "روساء",
                             "محامون", "دبلوماسيون", "مراقبون", "شباب"))
_THING_PLURALS = frozenset(("مصادر", "اوساط", "دوائر", "تقارير", "وسائل", "جهات", "صحف", "قوات", "سلطات", "ارقام",
                            "بيانات", "تقديرات", "انباء", "معلومات", "تسريبات",
                            # broken plurals of bodies (لجان التنسيق … معتبرة، وقالت الأحزاب)
                            "لجان", "مجالس", "احزاب", "فصائل", "دول", "اجهزه", "مراكز", "مكاتب", "نقابات"))
_JOINERS = {"عبد", "ابو", "ابي", "ابن", "بن", "ال"}


def head_gender(kind: str, head: str | None) -> str | None:
    """The agreement a source or body takes from its head noun, whatever the verb before it shows.

    A verb before its subject is singular (قال مسؤولون، قالت مصادر), so the head decides: sound
    masculine plurals and plurals of people take the plural (وأضافوا), other plurals and ة nouns the
    feminine (وأضافت المصادر، الوزارة), other nouns the masculine (المصدر، المكتب).
    """
    if head is None or kind not in ("anonymous", "organisation", "group", "document"):
        return None
    if head.endswith(("ون", "ين")) or head in _PEOPLE_PLURALS:
        return "p"
    return "f" if head.endswith(("ه", "ات")) or head in _THING_PLURALS else "m"


def strip_marks(text: str) -> str:
    """``text`` without edge spaces and commas, and without quotation marks that pair with nothing inside."""
    text = text.strip(" ،,")
    if not _MARK_RE.search(text):
        return text
    while text and text[0] in _MARKS and text[-1] in _MARKS and len(text) > 1:
        text = text[1:-1].strip(" ،,")
    if len(_MARK_RE.findall(text)) % 2:
        text = text.strip(_MARKS).strip(" ،,") if (text[:1] in _MARKS) != (text[-1:] in _MARKS) else text
    return text


def name_key(words: tuple[str, ...]) -> tuple[str, ...]:
    """Words of a name for comparison: عبد اللهيان and عبداللهيان, أبو بكر and أبوبكر are one word."""
    out: list[str] = []
    glue = False
    for w in words:
        if glue and out:
            out[-1] += w
        else:
            out.append(w)
        glue = w in _JOINERS and w not in ("بن", "ابن")
    return tuple(out)


@dataclass(eq=False, slots=True)
class Entity:
    """A person or speaking body of the article."""

    kind: str
    name: tuple[int, int]  # norm span of the fullest name (or the phrase as written)
    key: tuple[str, ...]  # normalised words of that name
    title: tuple[int, int] | None = None  # norm span of the title at the fullest mention
    head: str | None = None  # head noun of its title or phrase (وزير، مصدر، وزارة)
    heads: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)  # bare content words of every phrase used
    gender: str | None = None  # m | f | p
    forms: set[str] = field(default_factory=set)  # normalised names it was called by
    positions: list[int] = field(default_factory=list)  # norm offsets of its mentions, kept sorted
    speaker: bool = False
    named: bool = False  # known by a personal name (not only a title: الوزير، رئيس اللجنة)
    quoted: bool = False  # the speaker of a quote
    plausible: bool = False  # named like a person (given name, name particle, nisba surname, title + name)

    def near(self, pos: int) -> int:
        """Distance to the nearest mention before ``pos`` (after it counts double)."""
        k = bisect_right(self.positions, pos)
        if k:
            return pos - self.positions[k - 1]
        return 2 * (self.positions[0] - pos) if self.positions else 10 ** 9


class Registry:
    """The entities of one article, with linking of short and anaphoric mentions."""

    def __init__(self, article: Article, reader: Reader):
        self.article = article
        self.norm = article.norm
        self.reader = reader
        self.entities: list[Entity] = []

    # ------------------------------------------------------------- persons

    def _links(self, key: tuple[str, ...], e: Entity) -> bool:
        k = e.key
        if e.kind != "person" or not k or not key:
            return False
        if key == k:
            return True
        if key[-1] != k[-1]:
            return False
        small, big = (key, k) if len(key) <= len(k) else (k, key)
        return set(small) <= set(big) or small[0] == big[0]

    def _prefix_link(self, key: tuple[str, ...], e: Entity) -> bool:
        """كيم جونغ / كيم جونغ أون: one name is a start of two words or more of the other."""
        k = e.key
        small, big = (key, k) if len(key) <= len(k) else (k, key)
        return e.kind == "person" and len(small) >= 2 and len(big) > len(small) and big[:len(small)] == small

    def person(self, phrase: Phrase, pos: int, gender: str | None, *, speaker: bool) -> Entity:
        """The person named by ``phrase`` (which has a name), linked to a known one when possible."""
        assert phrase.name is not None
        key = name_key(phrase.name_words)
        first, last = (key[0], key[-1]) if key else (None, None)
        candidates = [e for e in self.entities  # (a cheap test first: the same first or last word)
                      if e.kind == "person" and e.key and (e.key[-1] == last or e.key[0] == first)
                      and (self._links(key, e) or self._prefix_link(key, e))]
        if not candidates and len(key) == 1 and self.reader.word(key[0]).given:
            # وتوقعت سمية … after سمية سيد: a given name alone is the one person known by it
            firsts = [e for e in self.entities if e.kind == "person" and len(e.key) > 1 and e.key[0] == key[0]]
            if len(firsts) > 1 and phrase.head:
                firsts = [e for e in firsts if phrase.head in e.heads]  # الأمير أحمد: the prince of that name
            candidates = firsts if len(firsts) == 1 else []
        if not candidates and len(key) > 1 and not self.reader.word(key[1]).given:
            # خاتمي رجال الدين، شترايتر تصريحاته: a known surname followed by other words (but سيد أحمد,
            # a name going on with a given name, is someone else than سمية سيد)
            for n in range(len(key) - 1, 0, -1):
                short = [e for e in self.entities if self._links(key[:n], e) and e.key[-1] == key[n - 1]]
                if short:
                    candidates, key = short, key[:n]
                    phrase = _shorten(phrase, n, self.norm)
                    break
        if speaker and len(candidates) > 1 and any(e.speaker for e in candidates):
            candidates = [e for e in candidates if e.speaker]  # وتابع أبو ماريا: the one who has been speaking
        entity = min(candidates, key=lambda e: e.near(pos)) if candidates else None
        title = phrase.title
        if entity is None:
            entity = Entity("person", phrase.name, key, title=title, head=phrase.head)
            self.entities.append(entity)
        elif len(key) > len(entity.key):
            entity.name, entity.key = phrase.name, key
            if title is not None:
                entity.title = title
        elif entity.title is None and title is not None:
            entity.title = title
        self._note(entity, phrase, pos, gender, speaker)
        entity.forms.add(self.norm[phrase.name[0]:phrase.name[1]])
        entity.named = True
        return entity

    def _note(self, entity: Entity, phrase: Phrase, pos: int, gender: str | None, speaker: bool) -> None:
        insort(entity.positions, pos)
        entity.words.update(w for w in phrase.words if w not in _TRIVIAL)
        if phrase.head:
            entity.heads.add(phrase.head)
            entity.head = entity.head or phrase.head
        if entity.gender is None:
            entity.gender = head_gender(entity.kind, phrase.head) or gender or ("f" if phrase.feminine else None)
        entity.speaker = entity.speaker or speaker

    # ------------------------------------------------------------ speakers

    def refer(self, phrase: Phrase, pos: int) -> Entity | None:
        """The earlier entity a definite short phrase refers to (الوزير، المصدر، الوكالة), if any."""
        if not phrase.definite or phrase.name is not None or phrase.head is None:
            return None
        # (a courtesy word — معالي الأمين العام — is not part of the role it honours)
        words = {w for w in phrase.words if w not in _TRIVIAL and not self.reader.word(w).courtesy}
        best = None
        for e in self.entities:
            if phrase.head not in e.heads or not words <= e.words | {phrase.head}:
                continue
            if e.positions and e.positions[0] >= pos:
                continue
            if best is None or e.near(pos) < best.near(pos):
                best = e
        return best

    def speaker(self, phrase: Phrase, pos: int, gender: str | None) -> Entity:
        """The entity a speaker phrase names, created when new."""
        if phrase.name is not None and phrase.kind == "person":
            words = phrase.name_words
            short = self._short_name(words)
            if short is not None:  # كونا after وكالة أنباء الكويت (كونا): the body's short name
                self._note(short, phrase, pos, gender, True)
                return short
            lone_noun = (len(words) == 1 and words[0].startswith("ال") and phrase.title is None
                         and (not words[0].endswith("ي") or words[0] in _ORDINALS)
                         and self.person_by_name(words, pos) is None)
            if not lone_noun:  # الجماعات، الإحصاءات: a definite noun alone is not a surname
                return self.person(phrase, pos, gender, speaker=True)
            phrase = Phrase(phrase.start, phrase.end, "other", words=phrase.words, definite=True,
                            head=words[0][2:])
        if phrase.name is None and phrase.definite and len(phrase.words) == 1:
            known = self.person_by_name((self.norm[phrase.start:phrase.end],), pos)
            if known is not None and len(known.key) > 1:  # وقال الجندي after عبده محمد الجندي: his surname
                self._note(known, phrase, pos, gender, True)
                known.forms.add(self.norm[phrase.start:phrase.end])
                return known
        entity = self.refer(phrase, pos)
        if entity is None:
            fuller = self._fuller(phrase)
            entity = self._source(fuller or phrase)
            if fuller is not None:
                self._note(entity, fuller, fuller.start, gender, False)
        self._note(entity, phrase, pos, gender, True)
        entity.forms.add(self.norm[phrase.start:phrase.end])
        return entity

    def _fuller(self, phrase: Phrase) -> Phrase | None:
        """The body a bare definite head noun stands for (الصحيفة after صحيفة البعث، المرصد after المرصد السوري
        لحقوق الإنسان) when nobody has spoken under that head yet: its nearest earlier mention in full, named in
        narration or a credit. A few mentions back at most, each read as a speaker phrase of the same kind."""
        if not phrase.definite or phrase.head is None or len(phrase.words) != 1 \
                or phrase.kind not in ("organisation", "group"):
            return None
        norm = self.norm
        for form in (phrase.head + " ", "ال" + phrase.head + " "):
            end = phrase.start
            for _ in range(3):
                i = norm.rfind(form, max(0, phrase.start - 3000), end)
                if i < 0:
                    break
                end = i
                before = norm[i - 1:i] if i else " "
                if not (before == " " or (before in "وبل" and norm[i - 2:i - 1] in ("", " "))):
                    continue
                toks = tokenize(norm, i, min(len(norm), i + 160))
                full = self.reader.parse(toks, 0)
                if full is not None and full.kind == phrase.kind and full.head == phrase.head \
                        and full.end <= phrase.start:
                    end = self._name_of_body(toks, full.end)
                    if end is not None:
                        return Phrase(full.start, end, full.kind, head=full.head, definite=full.definite,
                                      words=tuple(self.reader.word(t[0]).stem for t in toks if t[2] <= end
                                                  and t[0][0].isalnum()), feminine=full.feminine)
        return None

    def _name_of_body(self, toks: list[tuple[str, int, int]], limit: int) -> int | None:
        """Where a body's name that starts ``toks`` ends (within ``limit``), or None when its head has no name:
        a definite noun after an indefinite head (صحيفة البعث، مجلس النواب), a name in marks (تنظيم "داعش"),
        then adjectives of origin and ل-complements (الأردني، السوري لحقوق الإنسان، للصحة العامة). Other
        words (بشدة، بالتحقيق، الثابت، a person's name) end it or, right after the head, rule it out."""
        word = self.reader.word
        if len(toks) < 2:
            return None
        head = word(toks[0][0])
        k = 1
        if toks[1][0] in _MARKS:
            close = next((j for j in range(2, min(len(toks), 7)) if toks[j][0] in _MARKS), None)
            return toks[close][2] if close is not None and close > 2 and toks[close][2] <= limit else None
        end = None
        after_l = False
        while k < len(toks) and toks[k][2] <= limit:
            w = word(toks[k][0])
            if not w.alpha or w.given or w.stop or w.conj:
                break
            first = end is None
            if w.prep == "ل" or (not w.prep and not w.definite and toks[k][0][:1] == "ل" and not w.known):
                after_l = True  # للصحة، لحقوق (الإنسان)
            elif w.definite and not w.prep and (w.stem.endswith(("ي", "يه")) or after_l
                                                or (first and not head.definite)):
                after_l = False
            else:
                break
            end = toks[k][2]
            k += 1
        return end if end is not None and not after_l else None

    def _short_name(self, words: tuple[str, ...]) -> Entity | None:
        """A body named earlier with this one word in brackets or marks (وكالة أنباء الكويت (كونا))."""
        if len(words) != 1:
            return None
        for e in reversed(self.entities):
            if e.kind != "person" and any(k.strip("()«»\"“”'") == words[0] and k != words[0] for k in e.key):
                return e
        return None

    def _source(self, phrase: Phrase) -> Entity:
        span = phrase.name if phrase.kind == "place" and phrase.name else (phrase.start, phrase.end)
        key = tuple(self.norm[span[0]:span[1]].split())
        if phrase.kind == "person" and phrase.name is None:  # a definite role nobody was named with yet
            for e in self.entities:
                if e.kind == "person" and e.key == key:
                    return e
        for e in self.entities:
            if e.kind == phrase.kind and e.key == key:
                return e
        entity = Entity(phrase.kind, span, key, title=phrase.title if phrase.kind == "person" else None,
                        head=phrase.head)
        self.entities.append(entity)
        return entity

    def person_by_name(self, words: tuple[str, ...], pos: int) -> Entity | None:
        """A known person that a bare name (ترامب، المرزوقي) refers to."""
        key = name_key(words)
        candidates = [e for e in self.entities if self._links(key, e)]
        return min(candidates, key=lambda e: e.near(pos)) if candidates else None

    # -------------------------------------------------------------- output

    def text(self, span: tuple[int, int] | None) -> str | None:
        """The original text of a norm span, without stray commas or unpaired quotation marks at its ends."""
        if span is None:
            return None
        s, e = self.article.span(*span)
        return strip_marks(self.article.text[s:e])

    def persons(self) -> list[tuple[Entity, list[dict[str, Any]]]]:
        """Named people with their mentions, in order of first mention."""
        people = [e for e in self.entities if e.kind == "person" and e.named and e.forms
                  and (e.quoted or e.plausible)]
        people.sort(key=lambda e: e.positions[0] if e.positions else 0)
        mentions = self._mentions(people)
        return [(e, m) for e, m in zip(people, mentions, strict=True) if m]

    def persons_json(self, people: list[tuple[Entity, list[dict[str, Any]]]]) -> list[dict[str, Any]]:
        return [{"name": self.text(e.name), "title": self.text(e.title), "mentions": m} for e, m in people]

    def _forms(self, e: Entity) -> set[str]:
        """The written forms of a person's name to look for: every form used, and the surname alone."""
        # (a surname that is also a function word — ياسر علي … وأضاف علي — is not looked for alone: it is على)
        forms = {f for f in e.forms if f and not (" " not in f and self.reader.word(f).stop)}
        words = self.norm[e.name[0]:e.name[1]].split()
        if len(words) >= 2:
            last = self.reader.word(words[-1])
            if len(last.text) >= 4 and not last.known and not last.given and not last.definite:
                forms.add(last.text)  # ورفض لافروف …: the surname alone names the same person
        return forms

    def _mentions(self, people: list[Entity]) -> list[list[dict[str, Any]]]:
        """Every place one of each person's forms is written, longest forms first: a shorter form inside a
        longer one of anyone (أبو ماريا inside فلاح حمد أبو ماريا) is that longer mention, not another one."""
        norm, article = self.norm, self.article
        todo = sorted(((form, k) for k, e in enumerate(people) for form in self._forms(e)),
                      key=lambda item: (-len(item[0]), item[0], item[1]))
        found: list[list[tuple[int, int]]] = [[] for _ in people]
        covered: list[set[int]] = [set() for _ in people]  # characters of each person's mentions so far
        longer: set[int] = set()  # characters taken by forms longer than the current length
        current: list[tuple[int, int]] = []
        length = None
        for form, k in todo:
            if len(form) != length:
                for a, b in current:
                    longer.update(range(a, b))
                current = []
                length = len(form)
            own, mine = found[k], covered[k]
            i = norm.find(form)
            while i != -1:
                j = i + len(form)
                before = norm[i - 1] if i else " "
                after = norm[j] if j < len(norm) else " "
                clitic = before in "وفبلك" and (i < 2 or not norm[i - 2].isalnum())
                if (not before.isalnum() or clitic) and not after.isalnum() \
                        and i not in mine and j - 1 not in mine and i not in longer and j - 1 not in longer:
                    own.append((i, j))
                    mine.update(range(i, j))
                    current.append((i, j))
                i = norm.find(form, i + 1)
        out = []
        for spans in found:
            mentions = []
            for a, b in sorted(spans):
                s, t = article.span(a, b)
                mentions.append({"text": article.text[s:t], "span": [s, t]})
            out.append(mentions)
        return out


def _shorten(phrase: Phrase, n: int, norm: str) -> Phrase:
    """``phrase`` with its name cut to the first ``n`` words."""
    assert phrase.name is not None
    a = phrase.name[0]
    b = a
    for word in phrase.name_words[:n]:
        b = norm.index(word, b) + len(word)
    return Phrase(phrase.start, b, phrase.kind, name=(a, b), title=phrase.title, head=phrase.head,
                  definite=phrase.definite, words=phrase.words, name_words=phrase.name_words[:n],
                  feminine=phrase.feminine)


def scan(reader: Reader, registry: Registry, hits: list[tuple[int, str, str]]) -> None:
    """Register the people named after a title or honorific, or with a known given name.

    ``hits``: (norm offset, "title" | "honorific" | "given", attached prefix) of the person cues found.
    """
    norm = reader.norm
    covered = 0
    for a, what, prefix in hits:
        if a < covered or (what == "given" and any(c in prefix for c in "بلك")):
            continue  # لدينا is not دينا
        if what == "given":
            # a name is a run of words with nothing between them: read it without the tokenizer
            phrase = _given_name(reader, a)
        else:
            stop = norm.find(" ", min(len(norm), a + 80))
            stop = len(norm) if stop == -1 else stop
            if not _may_name(reader, registry, _WORDS.findall(norm, a, stop)):
                continue  # (no word there could make the name plausible: spare the parse)
            toks = tokenize(norm, a, stop)  # whole words only
            cut = next((k for k, t in enumerate(toks) if t[0] in ".؟!:\"«»“”"), len(toks))
            toks = toks[:cut] if cut > 1 else toks
            if not toks:
                continue
            phrase = reader.parse(toks, 0, allow_name_first=False)
        if phrase is None or phrase.kind != "person" or phrase.name is None or not plausible(reader, phrase, registry):
            continue
        registry.person(phrase, phrase.name[0], "f" if phrase.feminine else None, speaker=False).plausible = True
        covered = phrase.name[1]


def _may_name(reader: Reader, registry: Registry, words: list[str]) -> bool:
    """Could a plausible name (see :func:`plausible`) be made of some of ``words``?"""
    nameish = _NAMEISH.get(id(reader.lex))
    if nameish is None or len(nameish) > 50_000:  # (what each word is, worked out once per process, within reason)
        nameish = _NAMEISH[id(reader.lex)] = {}
    known = None
    for w in words:
        flag = nameish.get(w)
        if flag is None:
            lex = reader.lex
            flag = nameish[w] = (w in lex.given_names or w in lex.particles or reader.word(w).given or _nisba(w))
        if flag:
            return True
        if known is None:
            known = {e.key[-1] for e in registry.entities if e.kind == "person" and e.key}
        if w in known:
            return True
    return False


_NAMEISH: dict[int, dict[str, bool]] = {}  # lexicon id -> word -> can start or end a plausible name


def _nisba(word: str) -> bool:
    """A surname of the form ال…ي (الصفدي، العامري)."""
    return word.startswith("ال") and word.endswith("ي") and len(word) > 4


def _given_name(reader: Reader, a: int) -> Phrase | None:
    """The name that a known given name at ``a`` starts (or continues: أبو بكر البغدادي)."""
    norm = reader.norm
    k = a - 1
    while k > 0 and norm[k - 1].isalnum():
        k -= 1
    starts = (k, a) if a >= 2 and norm[a - 1] == " " and norm[k:a - 1] in LEADING_PARTICLES else (a,)
    for start in starts:
        # a name is a run of words with nothing between them: read it without the tokenizer
        words = _WORD_RUN.match(norm, start).group().split(" ")
        if len(words) < 2:
            continue
        toks, pos = [], start
        for w in words:
            toks.append((w, pos, pos + len(w)))
            pos += len(w) + 1
        phrase = reader.given_name(toks)
        if phrase is not None:
            return phrase
    return None


def plausible(reader: Reader, phrase: Phrase, registry: Registry) -> bool:
    """Is a name found after a title (not next to a cue) really a name (not نقده اللاذع، حفظه الله)?

    It is when it starts with a known given name or a name particle (عبد، أبو …), ends in a nisba
    surname (… الصفدي), or is a name already known in the article.
    """
    words = phrase.name_words
    lex = reader.lex
    if not words:
        return False
    if words[0] in lex.given_names or words[0] in lex.particles or reader.word(words[0]).given:
        return True
    if len(words) >= 2 and _nisba(words[-1]):
        return True
    return registry.person_by_name(words, phrase.start) is not None
