"""Who is named where: the possible agreement parties of an article, in text order.

A mention is a country (name, long form, adjective, capital), a catalogued
organisation or group, an organisation named by a head noun (شركة …، وزارة
…، جامعة …), a person who stands for a country (a leader from the lexicon,
or a name after "title + country adjective": المستشارة الألمانية أنغيلا
ميركل, whose later "ميركل" is then Germany too), the leader of a side no
lexicon names (زعيم المتمردين رياك مشار), unnamed states of a kind (بعض الدول
العربية), a quoted name listed with known bodies (و”اتصالات”), or a reference to
parties named elsewhere (البلدان، الدول الثلاث، الكوريتان، الحكومة، الشركة
الكندية for the company quoted after شركة).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import attrgetter

from ...countries import Grouping, find_country
from ...normalize import normalize
from .tokens import COMMAS, QUOTES_CLOSE, QUOTES_OPEN, Words, finds
from .vocab import (
    Head,
    RefInfo,
    bare_forms,
    counted_pattern,
    in_set,
    is_masdar,
    party_lexicon,
    party_words,
    word_kind,
)

_ARABIC_WORD = re.compile(r"^[\u0621-\u064a]+$")
_NAME_LINKS = frozenset({"بن", "بنت", "عبد", "ابو", "ابن"})  # words that continue a person's name in a title
ENTITY_KINDS = frozenset({"country", "organisation", "group", "person", "other"})
_START = attrgetter("a")
MAX_GAP = 120  # characters: a longer gap between two mentions is never only coordinators and titles
_PRIORITY = {"organisation": 0, "group": 1, "person": 2, "country": 3, "collective": 3, "orgname": 4,
             "government": 5, "ref": 6, "orgref": 7}


@dataclass(slots=True)
class Mention:
    a: int  # normalised span of the name
    b: int
    kind: str  # country|organisation|group|person|ref|collective|government|orgref|other
    key: str = ""  # entity identity ("C:IR", "O:…", "G:hamas", "P:…"); empty for references
    name: str = ""  # Arabic name for the document
    name_en: str | None = None
    code: str | None = None
    country: str | None = None  # the country this mention stands for, if any
    form: str = ""  # country: name|variant|adjective|capital
    size: int = 0  # references: 2, N, or -1
    members: tuple[str, ...] = ()  # collectives: ISO codes
    strict: bool = False  # references to the sides of a conflict (see RefInfo)
    sides: bool = False  # الطرفان/الجانبان (see RefInfo)
    states: bool = False  # البلدان/الدولتان: refers to states only (see RefInfo)
    head: str = ""  # organisation head word without ال (for الشركة → the last شركة …)
    end: int = -1  # where a coordinated chain may continue (after a person's name)
    explicit: bool = True  # named here (not resolved from elsewhere)
    extras: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.end < 0:
            self.end = self.b

    @property
    def is_entity(self) -> bool:
        return self.kind in ENTITY_KINDS


@dataclass
class Index:
    """All mentions of an article, sorted, with the coordinated chains they form."""

    words: Words
    mentions: list[Mention]
    starts: list[int]

    def first_at_or_after(self, pos: int) -> int:
        return bisect_left(self.starts, pos)

    @cached_property
    def governments(self) -> list[tuple[int, str]]:
        """(position, country) of every "حكومة X", read when a bare الحكومة needs resolving."""
        return _governments(self.words, self.mentions)

    @cached_property
    def chains(self) -> list[list[int]]:
        """Indices into ``mentions`` of the coordinated sets (إيران وباكستان), read when a reference needs them."""
        return _chains(self)


def written_country(m: Mention, words: Words) -> str:
    """The country's name as written when the text names it (not an adjective or a clitic-clipped form)."""
    if m.form in ("name", "variant") and m.a >= 0:
        text = words.text(m.a, m.b)
        found = find_country(text)
        if found is not None and found.country.code == m.code:
            return text
    return m.name


def _is_name_word(words: Words, i: int, pw: dict) -> bool:
    w = words.word(i)
    if not w or not _ARABIC_WORD.match(w) or len(w) < 2:
        return False
    if w[0] == "و" and len(w) > 3 and not w.startswith("وليد"):
        return False
    if w.startswith("بال") and is_masdar(w[1:]):
        return False  # … يهود أولمرت بالإفراج عن …: the name has ended
    return not (in_set(w, pw["name_stops"]) or w in pw["time"] or w in pw["titles"] or w in pw["modifiers"])


def _name_tail(words: Words, i: int, stop: set[int], pw: dict) -> int:
    """End token index of a person's name starting at token ``i`` (up to four words)."""
    k = i
    while k < len(words) and k - i < 4 and k not in stop and _is_name_word(words, k, pw):
        k += 1
    return k


def _construct_end(words: Words, j: int, pw: dict, heads_at: set[int], paragraph_end: int) -> int | None:
    """End token of a genitive chain from token ``j``: at most two indefinite nouns, then a definite one
    (لعمادة [الأطباء]، لعمادة [أطباء الأسنان]، وأطباء [الأسنان]); None when no definite noun closes it."""
    for k in range(j, min(j + 3, len(words))):
        w = words.ws[k]
        if (not _ARABIC_WORD.match(w) or k in heads_at or words.starts[k] >= paragraph_end
                or in_set(w, pw["name_stops"]) or w in pw["time"] or w[0] == "و" or is_trigger_or_document(words, k)):
            return None
        if w.startswith("ال"):
            return k + 1
    return None


_PLURAL_ENDINGS = ("اء", "ات", "ين", "ون")


def _is_place_word(word: str) -> bool:
    """Whether ``word`` (normalised, without its ب) names a place the gazetteer or the country list knows."""
    from ...resources import load_json

    if word in load_json("places.json")["names"]:
        return True
    found = find_country(word)
    return found is not None and found.form == "name"


def _org_name_end(words: Words, i: int, head_def: bool, lil: bool, pw: dict,
                  heads_at: set[int], local: bool = False) -> tuple[int, bool, int]:
    """(end token, saw a لل phrase, number of adjective-like words) of an organisation name after its head.

    The name runs over genitives and adjectives, a لل phrase (للاستثمار العقاري) or a لـ genitive chain
    (لعمادة أطباء الأسنان) with its coordinated nouns (للأطباء والصيادلة وأطباء الأسنان) and, for a
    ``local`` body, the place it is in (كلية الآداب بسوسة).
    """
    k = i
    seen_definite = False
    saw_lil = False
    joined = False
    adjectives = 0
    t_starts, t_ws = words.starts, words.ws
    paragraph_end = words.paragraphs[words.paragraph_index(t_starts[i - 1]) if i > 0 else 0][1]
    while k < len(t_ws) and k - i < 8:
        w = t_ws[k]
        if t_starts[k] < paragraph_end and (w[:1].isdigit() or w == "("):
            designation = _designation_end(words, k)
            if designation is not None:  # مجموعة دول 5+1، مجموعة (5 + 1): the number is part of the name
                k = designation
                break
        if t_starts[k] >= paragraph_end or not _ARABIC_WORD.match(w):
            break
        if k in heads_at and k > i and not w.startswith("ال"):
            break  # مجلس إدارة بنك الإسكان: another organisation starts (مؤسسة الخطوط الجوية goes on)
        if w.startswith("ل") and len(w) > 3 and lil and (w.startswith("لل") or is_masdar(w[1:])):
            if in_set(w, pw["purpose_words"]):
                # للتعاون في تقديم …: a purpose; لنقل الكهرباء، للتدريب والتعليم، المندوبية الجهوية للتشغيل
                # بصفاقس: part of the name
                nxt = words.word(k + 1)
                if in_set(nxt, pw["name_stops"]) or not (nxt.startswith("ال") or nxt.startswith("وال") or local and (
                        nxt[:1] == "ب" and len(nxt) > 3 and _is_place_word(nxt[1:]))):
                    break
                saw_lil = True
                k += 1
                continue
            if w.startswith("لل"):
                saw_lil = True
                k += 1
                continue
        if w.startswith("وال") and (saw_lil or seen_definite and not joined and (k == i + 1 or local and k == i + 2)) \
                and not in_set(w, pw["purpose_words"]) and k not in heads_at:
            joined = True  # للتدريب والتعليم، كلية الآداب والعلوم الإنسانية، وزارة التجارة والصناعة
            k += 1
            continue
        if lil and len(w) > 3 and k > i and (
                w[0] == "ل" and w[1] != "ل" and w[1] not in "يتن" and not in_set(w, pw["purpose_words"])
                or saw_lil and w[0] == "و" and w.endswith(_PLURAL_ENDINGS) and k not in heads_at):
            end = _construct_end(words, k + 1, pw, heads_at, paragraph_end)
            if end is not None:  # لعمادة الأطباء، للأطباء والصيادلة وأطباء الأسنان
                saw_lil = True
                k = end
                continue
        if w in pw["manner_words"] and k > i and t_ws[k - 1].startswith("الم") and _ARABIC_WORD.match(
                words.word(k + 1)) and not words.word(k + 1).startswith(("ال", "و")):
            k += 2  # لأطباء الأسنان الممارسين بصفة حرة
            continue
        if local and k > i and w[0] == "ب" and len(w) > 3 and _is_place_word(w[1:]):
            k += 1  # كلية الآداب والعلوم الإنسانية بسوسة
            break
        if (in_set(w, pw["name_stops"]) or w in pw["time"] or w[0] == "و" or is_masdar(w) and not seen_definite
                and k > i and not w.startswith("ال")):
            break
        if w.startswith("ال"):
            if saw_lil:
                adjectives += 1
            seen_definite = True
            adjectives += 1
            k += 1
            continue
        prev = t_ws[k - 1] if k > 0 else ""
        if is_trigger_or_document(words, k) or w[0] == "ي" and k > i:
            break
        if (not seen_definite and not head_def) or prev in pw["org_titles"] or prev in _NAME_LINKS:
            if not seen_definite and len(w) > 3 and (w.endswith("يه") and k == i or w.endswith("ي") and k == i + 1):
                return i, False, 0  # شركة إيطالية، مجلس أعمال سعودي: described, not named
            k += 1
            continue
        break
    return k, saw_lil, adjectives


def _designation_end(words: Words, k: int) -> int | None:
    """The token after a sum designation from token ``k`` ("5+1"، "(5 + 1)"), else None: a name's number
    written with a plus sign is one part of the name, not the end of it."""
    ws = words.ws
    open_paren = ws[k] == "("
    n = k + open_paren
    if not (words.word(n).isdigit() and words.word(n + 1) == "+" and words.word(n + 2).isdigit()):
        return None
    n += 3
    if open_paren:
        if words.word(n) != ")":
            return None
        n += 1
    return n


NAMING_HEADS = frozenset({"بنك", "مصرف", "مجموعه", "موسسه"})  # heads that start the quoted name they precede


def _organisations(words: Words, pw: dict, taken: list[Mention], heads: list[tuple[int, int, str, Head]]
                   ) -> list[Mention]:
    out: list[Mention] = []
    heads_at = {words.index_at(a) for a, _, _, _ in heads}
    named = [(m.a, m.b) for m in taken if m.kind in ("organisation", "group")]
    described: list[Mention] = []  # a definite head with only a nationality (الشركة الكندية)
    for a, b, prefix, head in heads:
        if any(s <= a < e for s, e in named):
            continue  # الحزب الديمقراطي الكردستاني: catalogued, its name ends where the catalogue says
        i = words.index_at(b)
        if i < len(words) and words.starts[i] < b:  # the head ends inside a longer word
            continue
        definite = head.definite or prefix.endswith("ال")
        base = head.norm[2:] if head.definite else head.norm
        if i < len(words) and words.ws[i] in QUOTES_OPEN:
            close = i + 1
            while close < len(words) and close - i < 10 and words.ws[close] not in QUOTES_CLOSE:
                close += 1
            if close < len(words) and close > i + 1:
                qa, qb = words.starts[i + 1], words.ends[close - 1]
                # the mention starts at its head (مع شركة "داماك العقارية"); a bank, group or institution is
                # named with its head (بنك “الإمارات دبي الوطني”، مجموعة “جميرا”), a party or company by what the
                # marks enclose (حزب «آفاق تونس»، شركة «بومبارديي»), unless the article names the company with
                # its head without marks and never alone (شركة "الفاو الهندسية العامة" … شركة الفاو الهندسية العامة)
                name = quoted_org_name(words, qa, qb, base, words.text(a, b))
                out.append(Mention(a, qb, "orgname", name=name, head=base, end=words.ends[close]))
            continue
        if words.word(i) in pw["not_names_after_head"]:
            continue  # مجلس إدارة مؤسسة …: the board of another organisation
        end, saw_lil, adjectives = _org_name_end(words, i, definite, head.lil, pw, heads_at, head.local)
        if head.needs_lil and not saw_lil:
            continue
        if end == i:
            if definite:
                out.append(Mention(a, b, "orgref", head=base))
            continue
        if definite and not saw_lil:
            tail = [words.ws[k] for k in range(i, end)]
            nisba = [w for w in tail if w.startswith("ال") and (w.endswith("ي") or w.endswith("يه"))
                     and w not in pw["descriptive"]]
            if not nisba and adjectives < 2:
                out.append(Mention(a, b, "orgref", head=base))
                continue
        nb = words.ends[end - 1]
        out.append(Mention(a, nb, "orgname", name=words.text(a, nb), head=base))
        if definite and not saw_lil and end == i + 1 and _is_country_adjective(words.ws[i]):
            described.append(out[-1])
    # "الشركة الكندية" in a story that quotes a company's name (شركة «بومبارديي»): that company described by
    # its nationality; otherwise a name (الجامعة الأردنية، البريد السعودي)
    for m in described:
        if quoted_name(words, m.head) is not None:
            m.kind, m.name = "orgref", ""  # (its span keeps the nationality: not a country party)
    return out


@lru_cache(maxsize=64)
def _quoted_after_head(head: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)[وفبل]?{re.escape(head)}\s*[«\"“”]([^«»\"“”\n]{{2,40}})[»\"“”]")


def quoted_name(words: Words, head: str) -> tuple[int, int] | None:
    """Normalised span of the name most often quoted after an indefinite ``head`` in the whole article
    (شركة «بومبارديي»): what "الشركة" or "الشركة الكندية" refers to when the sentences read name no
    company (they are a few of the article's)."""
    counts: dict[str, int] = {}
    first: dict[str, tuple[int, int]] = {}
    for m in _quoted_after_head(head).finditer(words.norm):
        name = m.group(1).strip()
        if not name or len(name.split()) > _QUOTED_NAME_WORDS:
            continue
        counts[name] = counts.get(name, 0) + 1
        first.setdefault(name, m.span(1))
    if not counts:
        return None
    return first[max(counts, key=lambda n: counts[n])]


_DESCRIBING_HEADS = frozenset({"شركه"})  # heads that may or may not belong to the quoted name after them


def quoted_org_name(words: Words, qa: int, qb: int, base: str, head_text: str) -> str:
    """The name of a body whose name is quoted after its head (see :func:`_organisations`)."""
    name = words.text(qa, qb).strip()
    if base in NAMING_HEADS or base in _DESCRIBING_HEADS and not _written_bare(words, qa, qb, base) \
            and f"{base} {words.norm[qa:qb].strip()}" in words.norm:
        return f"{head_text} {name}"
    return name


def _written_bare(words: Words, qa: int, qb: int, head: str) -> bool:
    """Whether the name at ``qa``-``qb`` also occurs in the article without ``head`` right before it."""
    norm, name = words.norm, words.norm[qa:qb]
    pos = norm.find(name)
    while pos >= 0:
        before = norm[max(0, pos - len(head) - 4):pos].rstrip(" «»\"“”'")
        if not before.endswith(head):
            return True
        pos = norm.find(name, pos + len(name))
    return False


def _is_country_adjective(word: str) -> bool:
    found = find_country(word)
    return found is not None and found.form == "adjective"


def _tail_after_title(words: Words, m: Mention, pw: dict, starts: set[int]) -> tuple[int, int] | None:
    """Token range of the person's name after "title + country adjective" (…الروسي سيرغي لافروف)."""
    i = words.index_at(m.a)
    before = [words.word(k) for k in range(max(0, i - 3), i)]
    if not any(in_set(w, pw["titles"]) for w in before):
        return None
    j = words.index_at(m.b)
    if j < len(words) and words.starts[j] < m.b:
        j += 1
    k = j
    while k < len(words) and k - j < 2 and words.word(k) in pw["titles"]:
        k += 1
    end = _name_tail(words, k, starts, pw)
    if end - k < 1 or (end - k == 1 and len(words.word(k)) < 3):
        return None
    return k, end


def _aliases(words: Words, name_a: int, name_b: int) -> list[str]:
    names = words.norm[name_a:name_b].split()
    out = [" ".join(names)]
    if len(names) >= 2:
        out.append(names[-1])
    if len(names) >= 3:
        out.append(" ".join(names[-2:]))
    return [n for n in out if len(n) >= 3]


def build_index(words: Words) -> Index:
    """Every possible party mention of the article, overlaps resolved (longest, then most specific)."""
    pw = party_words()
    norm = words.norm
    found: list[Mention] = []
    heads: list[tuple[int, int, str, Head]] = []
    numbers = pw["numbers"]
    lexicon = party_lexicon()
    for a, b, prefix, (kind, value) in (h for ra, rb in words.party_ranges
                                        for h in lexicon.finditer_norm(norm, ra, rb)):
        if kind == "country":
            c = value.country
            found.append(Mention(a, b, "country", "C:" + c.code, c.name, c.name_en, c.code, c.code, value.form))
        elif kind == "organisation":
            # "للأمم المتحدة" gives "لأمم المتحدة": then the catalogue's name
            name = value["name"] if norm[a] == "ل" and norm[a + 1] != "ل" and not norm.startswith("ال", a) \
                else words.text(a, b)
            found.append(Mention(a, b, "organisation", "O:" + value["code"], name, value["name_en"], value["code"]))
        elif kind == "leader":
            found.append(Mention(a, b, "person", "P:" + norm[a:b], words.text(a, b), None, None, value))
        elif kind == "grouping":
            found.append(_grouping(words, a, b, *value, numbers))
        elif kind == "group":
            name = value["name"] if norm[a] == "ل" and not norm.startswith("ال", a) else words.text(a, b)
            found.append(Mention(a, b, "group", "G:" + value["id"], name, value["name_en"], None))
        elif kind == "head":
            heads.append((a, b, prefix, value))
        else:
            mention = _reference(words, a, b, value, numbers, pw)
            if mention is not None:
                found.append(mention)
    found += _organisations(words, pw, found, heads)
    mentions = _resolve_overlaps(found)

    mentions = _absorb_named_officials(words, mentions)
    # "الحكومة المغربية": the adjective names the party; the government noun adds nothing
    mentions = [m for k, m in enumerate(mentions)
                if not (m.kind == "government" and m.country is None and k + 1 < len(mentions)
                        and mentions[k + 1].kind == "country" and not words.norm[m.end:mentions[k + 1].a].strip())]
    # "دول تونس والجزائر": a plural noun right before the names it introduces is not a reference
    mentions = [m for k, m in enumerate(mentions)
                if not (m.kind == "ref" and m.size == -1 and k + 1 < len(mentions) and mentions[k + 1].is_entity
                        and not words.norm[m.end:mentions[k + 1].a].strip())]
    # Persons named after "title + country adjective" stand for that country, here and later on.
    starts = {words.index_at(m.a) for m in mentions}
    aliases: dict[str, tuple[str, str]] = {}  # a later short form → (country, full name)
    for k, m in enumerate(mentions):
        if m.kind == "country" and m.form == "adjective" and "person" not in m.extras:
            tail = _tail_after_title(words, m, pw, starts)
            if tail:
                ta, tb = words.starts[tail[0]], words.ends[tail[1] - 1]
                m.end = tb
                m.extras["person"] = words.text(ta, tb)
                m.extras["person_span"] = (ta, tb)
                if _former(words, m.b, ta):
                    mentions[k] = _former_official(words, m, ta, tb)
                    continue
        if m.kind == "country" and "person_span" in m.extras:
            ta, tb = m.extras["person_span"]
            for alias in _aliases(words, ta, tb):
                aliases.setdefault(alias, (m.code or "", m.extras["person"]))
        elif m.kind == "person" and m.country:
            for alias in _aliases(words, m.a, m.b):
                aliases.setdefault(alias, (m.country, m.name))
    if aliases:
        mentions = _resolve_overlaps(mentions + _alias_mentions(words, aliases))
    styled = _style_mentions(words, mentions)
    if styled:
        mentions = _resolve_overlaps(mentions + styled)
    leaders = _side_leaders(words, mentions, pw)
    if leaders:
        mentions = _resolve_overlaps(mentions + leaders)
    partitive = _some_states(words) + _counted(words)
    if partitive:
        mentions = _resolve_overlaps(mentions + partitive)
    quoted = _quoted_partners(words, mentions)
    if quoted:
        mentions = _resolve_overlaps(mentions + quoted)
    _link_organisations(mentions)
    return Index(words, mentions, [m.a for m in mentions])


def number_of(word: str, numbers: dict[str, int]) -> int | None:
    """The count a word states: a number word (الخمس، الستة) or digits (27، الـ27)."""
    n = numbers.get(word)
    if n is None:
        digits = word[2:] if word.startswith("ال") else word
        n = int(digits) if digits.isdigit() and len(digits) <= 3 else None
    return n


def _grouping(words: Words, a: int, b: int, grouping: Grouping, numbered: bool, numbers: dict[str, int]) -> Mention:
    """"دول المغرب العربي الخمس": the member states one by one when the text counts them; otherwise the
    grouping as one party (the catalogued organisation it is named after, or the grouping itself)."""
    members = grouping.members
    j = words.index_from(b)
    if not numbered and j < len(words) and number_of(words.word(j), numbers) == len(members):
        b, numbered = words.ends[j], True
    if numbered:
        counted = _catalogue().get(grouping.counted_organisation or "")
        if counted is not None:  # القوى الكبرى الست: the P5+1, one party as written
            return Mention(a, b, "organisation", "O:" + counted["code"], words.text(a, b), counted["name_en"],
                           counted["code"])
        return Mention(a, b, "collective", size=len(members), members=members)
    org = _catalogue().get(grouping.organisation or "")
    if org is not None:  # دول الاتحاد الأوروبي: the Union
        i = words.index_at(a)
        if i + 1 < len(words) and words.starts[i + 1] < b:
            a = words.starts[i + 1]
        return Mention(a, b, "organisation", "O:" + org["code"], words.text(a, b), org["name_en"], org["code"])
    return Mention(a, b, "organisation", "O:" + grouping.code, words.text(a, b), grouping.name_en, grouping.code)


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, dict]:
    from ...resources import load_json

    return {o["code"]: o for o in load_json("organisations.json")["catalogue"]}


def _reference(words: Words, a: int, b: int, info: RefInfo, numbers: dict[str, int], pw: dict) -> Mention | None:
    """A reference to parties named elsewhere (البلدان، الدول الثلاث، الكوريتان، الحكومة)."""
    if info.kind == "collective":
        return Mention(a, b, "collective", size=info.size, members=info.members)
    if info.kind == "government":
        return Mention(a, b, "government", country=info.country, size=1)
    size, end = info.size, b
    norm = words.norm
    indefinite = info.takes_number and not norm.startswith("ال", a)
    if info.takes_number:  # أحزاب الائتلاف الحكومي الأربعة: the phrase runs to its number
        j = words.index_at(b)
        for k in range(j, min(j + 4, len(words))):
            w = words.word(k)
            n = number_of(w, numbers)
            if n:
                size, end = n, words.ends[k]
                break
            if not w.startswith("ال") or w in pw["name_stops"]:
                break
    if indefinite and size < 0:
        return None  # "وجهات نظر": an indefinite plural refers back only with its number
    return Mention(a, end, "ref", size=size, strict=info.strict, sides=info.sides, states=info.states)


def _absorb_named_officials(words: Words, mentions: list[Mention]) -> list[Mention]:
    """"الرئيس الفرنسي فرنسوا هولاند": a known name right after a country adjective is that official."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (m.kind == "person" and prev is not None and prev.kind == "country" and prev.form == "adjective"
                and words.norm[prev.end:m.a].split() and all(w in _FORMER for w in words.norm[prev.end:m.a].split())):
            out[-1] = _former_official(words, prev, m.a, m.b)  # رئيس الوزراء الإسرائيلي السابق إيهود أولمرت
            continue
        if (m.kind == "person" and prev is not None and prev.kind == "country" and prev.form == "adjective"
                and not words.norm[prev.end:m.a].strip()):
            prev.end = m.end
            prev.extras["person"] = m.name
            prev.extras["person_span"] = (m.a, m.b)
            continue
        out.append(m)
    return out


_STYLES = {"المملكه": ("المملكه", "مملكه"), "السلطنه": ("سلطنه",)}
_STYLE_RE = re.compile(r"(?<!\w)(?:[وفبلك]{1,2})?(المملكه|السلطنه)(?![\w])")


@lru_cache(maxsize=1)
def _country_styles() -> dict[str, dict[str, str]]:
    """For each style word (المملكة، السلطنة), the countries whose name or long form starts with it."""
    from ...resources import load_json

    out: dict[str, dict[str, str]] = {style: {} for style in _STYLES}
    for c in load_json("countries.json")["countries"]:
        for form in [c["name"], *c.get("variants", [])]:
            n = normalize(form)
            for style, prefixes in _STYLES.items():
                if n.startswith(prefixes):
                    out[style][c["code"]] = style
    return out


def _style_mentions(words: Words, mentions: list[Mention]) -> list[Mention]:
    """"المملكة" / "السلطنة" alone: the kingdom or sultanate the article names (السعودية in Saudi copy)."""
    from ...countries import countries

    norm = words.norm
    found = [m for ra, rb in words.party_ranges
             if norm.find("المملكه", ra, rb) >= 0 or norm.find("السلطنه", ra, rb) >= 0
             for m in _STYLE_RE.finditer(norm, ra, rb)]
    if not found:
        return []
    counts: dict[str, int] = {}
    for m in mentions:
        if m.kind == "country" and m.code:
            counts[m.code] = counts.get(m.code, 0) + 1
    styled: dict[str, str] = {}
    for style, codes in _country_styles().items():
        best = max((c for c in codes if c in counts), key=lambda c: counts[c], default=None)
        if best:
            styled[style] = best
    table = countries()
    out = []
    for m in found:
        code = styled.get(m.group(1))
        if code and code in table:
            a, b = m.span(1)
            c = table[code]
            out.append(Mention(a, b, "country", "C:" + code, c.name, c.name_en, code, code, "variant",
                               explicit=False))
    return out


def _side_leaders(words: Words, mentions: list[Mention], pw: dict) -> list[Mention]:
    """"وزعيم المتمردين رياك مشار": the leader of a side no lexicon names, a person party (the mention
    starts at the title, so that "حكومة الرئيس سلفا كير وزعيم المتمردين …" is one coordinated chain)."""
    norm = words.norm
    at = sorted({words.index_at(pos) for ra, rb in words.party_ranges for stem in ("زعيم ", "قائد ")
                 for pos in finds(norm, stem, ra, rb)})
    if not at:
        return []
    starts = {words.index_at(m.a) for m in mentions}
    out = []
    for i in at:
        w = words.ws[i]
        title = words.match_any(i, pw["side_leaders"])
        if title is None:
            continue
        k = i + len(title)
        end = _name_tail(words, k, starts, pw)
        if end - k < 2 or any(t in starts for t in range(k, end)):
            continue  # a first name and a surname at least (not "زعيم المتمردين السابق")
        a = words.starts[i] + (1 if w[:1] == "و" and w[1:] in ("زعيم", "قائد") else 0)
        na, nb = words.starts[k], words.ends[end - 1]
        out.append(Mention(a, nb, "person", "P:" + norm[na:nb], words.text(na, nb)))
    return out


_SOME_STATES = re.compile(r"(?<!\w)و?(بعض (?:الدول|البلدان|الحكومات) ال\w+(?:يه|ين))(?!\w)")


def _some_states(words: Words) -> list[Mention]:
    """"وبعض الدول العربية": some states of a kind, unnamed, one party as written (not the whole Arab
    League, not a reference to states named before)."""
    norm = words.norm
    out = []
    for ra, rb in words.party_ranges:
        if norm.find("بعض ال", ra, rb) < 0:
            continue
        for m in _SOME_STATES.finditer(norm, ra, rb):
            a, b = m.span(1)
            out.append(Mention(a, b, "other", "X:" + norm[a:b], words.text(a, b)))
    return out


def _counted(words: Words) -> list[Mention]:
    """"أكثر من 30 دولة"، "ما يزيد عن 250 هيئة علمية عربية": unnamed parties the text counts, one party each,
    as written (``vocab.counted_pattern``)."""
    norm = words.norm
    pattern = counted_pattern()
    out = []
    for ra, rb in words.party_ranges:
        for m in pattern.finditer(norm, ra, rb):
            a, b = m.span(1)
            out.append(Mention(a, b, "other", "X:" + norm[a:b], words.text(a, b), extras={"counted": True}))
    return out


_QUOTE_MARKS = QUOTES_OPEN | QUOTES_CLOSE
_QUOTED_NAME_WORDS = 4  # words a quoted name may have


def _quoted_partners(words: Words, mentions: list[Mention]) -> list[Mention]:
    """"وقعت كل من “مؤسسة مطارات دبي”، و”طيران الإمارات”، و”اتصالات”، و”مجموعة جميرا”": a quoted name
    no lexicon knows, coordinated with an organisation named before it, is an organisation of the same
    list (taken as written). Wire copy quotes company names; the quotation marks and the coordination
    with a known body are what license a name the lexicons lack."""
    pw = party_words()
    ws, n = words.ws, len(words)
    taken = {words.index_at(m.a) for m in mentions}
    out: list[Mention] = []
    for m in mentions:
        if m.kind not in ("organisation", "orgname", "group"):
            continue
        k = words.index_from(m.end)
        while True:
            if k < n and ws[k] in _QUOTE_MARKS:
                k += 1  # the closing mark of the name before
            j = k
            while j < n and j - k < 2 and (ws[j] in COMMAS or ws[j] == "و"):
                j += 1
            if j == k or "و" not in ws[k:j] or j >= n or ws[j] not in _QUOTE_MARKS:
                break
            close = j + 1
            while close < n and close - j <= _QUOTED_NAME_WORDS and ws[close] not in _QUOTE_MARKS:
                close += 1
            if close >= n or ws[close] not in _QUOTE_MARKS or close == j + 1 or any(
                    t in taken or not _ARABIC_WORD.match(ws[t]) or in_set(ws[t], pw["name_stops"])
                    for t in range(j + 1, close)) or words.sentence_index(words.starts[close]) != \
                    words.sentence_index(m.a):
                break
            qa, qb = words.starts[j + 1], words.ends[close - 1]
            out.append(Mention(qa, qb, "orgname", name=words.text(qa, qb), end=words.ends[close]))
            k = close + 1
    return out


_FORMER = frozenset({"السابق", "السابقه", "الاسبق", "الاسبقه"})


def _former(words: Words, a: int, b: int) -> bool:
    """Whether the words between a title's country adjective and the name say the office is past (رئيس
    الوزراء الإسرائيلي السابق يهود أولمرت)."""
    return any(w in _FORMER for w in words.norm[a:b].split())


def _former_official(words: Words, m: Mention, ta: int, tb: int) -> Mention:
    """A former official (… الإسرائيلي السابق يهود أولمرت) no longer speaks for the state: the person is the
    party (the mention still starts at the adjective, so the title before it joins it to what precedes)."""
    return Mention(m.a, tb, "person", "P:" + words.norm[ta:tb], words.text(ta, tb))


def _alias_mentions(words: Words, aliases: dict[str, tuple[str, str]]) -> list[Mention]:
    """Every later mention of a registered name (ميركل، داود أوغلو), as a whole word with clitics allowed,
    named by the full name the article gave first (عباس → محمود عباس)."""
    norm = words.norm
    out = []
    for alias, (ra, rb) in ((x, r) for x in sorted(aliases, key=len, reverse=True) for r in words.party_ranges):
        pos = norm.find(alias, ra, rb)
        while pos >= 0:
            a, b = pos, pos + len(alias)
            start = a
            while start > 0 and a - start < 2 and norm[start - 1] in "وفبلك":
                start -= 1
            if (start == 0 or not norm[start - 1].isalnum()) and (b == len(norm) or not norm[b].isalnum()):
                country, full = aliases[alias]
                out.append(Mention(a, b, "person", "P:" + alias, full, None, None, country))
            pos = norm.find(alias, b, rb)
    return out


def _resolve_overlaps(found: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions, the longest (then the most specific kind) winning."""
    found.sort(key=lambda m: (m.a - m.end, _PRIORITY.get(m.kind, 9), m.a))
    starts: list[int] = []  # kept spans, sorted by start; they never overlap each other
    ends: list[int] = []
    kept: list[Mention] = []
    for m in found:
        k = bisect_left(starts, m.end)  # kept spans starting before m ends: only the last may reach into m
        if k > 0 and ends[k - 1] > m.a:
            continue
        starts.insert(k, m.a)
        ends.insert(k, m.end)
        kept.append(m)
    kept.sort(key=_START)
    return kept


@lru_cache(maxsize=2048)
def _org_words(name: str) -> frozenset[str]:
    return frozenset(w for w in _normalized(name).split()[1:] if w not in ("و",))


@lru_cache(maxsize=2048)
def _normalized(name: str) -> str:
    return normalize(name)


def _link_organisations(mentions: list[Mention]) -> None:
    """Give every organisation name its identity: a shorter form of a known name is that organisation.

    Each mention keeps its name as written; ``extras["canonical"]`` (shared by all mentions of one
    organisation) holds its fullest form, used where the organisation is referred to (الشركة).
    """
    known: list[Mention] = []
    for m in mentions:
        if m.kind in ("organisation", "group") and m.key and " " in m.name:
            # a catalogued name (الحزب الشيوعي الصيني) is what a shorter form (الحزب الصيني) refers to
            first = _normalized(m.name).split()[0]
            m.head = first[2:] if first.startswith("ال") else first
            m.extras.setdefault("words", _org_words(m.name))
            m.extras.setdefault("canonical", [m.name])
            known.append(m)
            continue
        if m.kind != "orgname":
            continue
        m.kind = "organisation"
        mine = _org_words(m.name) if " " in m.name else frozenset([_normalized(m.name)])
        for k in known:
            theirs = k.extras["words"]
            if k.head == m.head and mine and (mine <= theirs or theirs <= mine):
                m.key = k.key
                if len(m.name) > len(k.extras["canonical"][0]):
                    k.extras["canonical"][0] = m.name
                m.extras["canonical"] = k.extras["canonical"]
                m.extras["words"] = theirs | mine
                k.extras["words"] = theirs | mine
                break
        else:
            m.key = "O:" + _normalized(m.name)
            m.extras["canonical"] = [m.name]
            m.extras["words"] = mine
            known.append(m)


def _governments(words: Words, mentions: list[Mention]) -> list[tuple[int, str]]:
    out = []
    for m in mentions:
        if m.kind == "country":
            i = words.index_at(m.a)
            prev = words.word(i - 1) if words.starts[i] == m.a else words.word(i)
            if any(f.startswith("حكوم") for f in bare_forms(prev)):
                out.append((m.a, m.code or ""))
    return out


def gap_words(words: Words, a: int, b: int) -> list[str]:
    """The normalised words and marks between two offsets (commas and quotation marks split off: و”طيران
    الإمارات” is و, a mark, a name)."""
    gap = words.norm[a:b].replace("،", " ، ").replace(",", " , ")
    for q in _GAP_QUOTES:
        if q in gap:
            gap = gap.replace(q, f" {q} ")
    # a bare ال is the article of a name the lexicon spells without it (الفيتنام)
    return [w for w in gap.split() if w != "ال"]


_GAP_QUOTES = tuple(QUOTES_OPEN | QUOTES_CLOSE)


def is_coordination(gap: list[str], pw: dict, before: Mention | None = None, after: Mention | None = None) -> bool:
    """Whether the words between two mentions join them (و، "،"، "-", كذلك …).

    A bare comma joins only mentions of the same kind with nothing else between
    (تونس، مصر); "X، رئيس الحكومة التونسية" or "حركة …، الحزب الفائز" is an apposition.
    """
    if not gap:
        return False
    has = False
    conjunction = False
    other = False
    addition = False  # the إلى of "بالإضافة إلى"
    for w in gap:
        if addition:
            addition = False
            if w == "الي":
                continue
            return False
        if w in _ADDITIONS:  # "الدول الخمس … بالإضافة إلى تركيا": one more party
            has = conjunction = addition = True
            continue
        if w in pw["coordinators"] or w in COMMAS:
            has = True
            conjunction = conjunction or w not in COMMAS
        elif w[:1] == "و" and in_set(w, pw["modifiers"]):
            has = conjunction = True
        elif in_set(w, pw["modifiers"]) or w in pw["time"]:
            other = True
        elif w in QUOTES_OPEN or w in QUOTES_CLOSE or w in "()":
            continue
        else:
            return False
    if has and not conjunction and before is not None and after is not None:
        return not other and before.kind == after.kind and before.kind not in ("ref", "orgref", "government")
    return has


_ADDITIONS = frozenset({"بالاضافه", "وبالاضافه", "اضافه", "واضافه"})


def _chains(index: Index) -> list[list[int]]:
    pw = party_words()
    words = index.words
    out: list[list[int]] = []
    cur: list[int] = []
    for k, m in enumerate(index.mentions):
        if cur:
            prev = index.mentions[cur[-1]]
            same_sentence = words.sentence_index(prev.a) == words.sentence_index(m.a)
            if same_sentence and m.a - prev.end <= MAX_GAP and is_coordination(gap_words(words, prev.end, m.a), pw,
                                                                                prev, m):
                cur.append(k)
                continue
            if len(cur) >= 2:
                out.append(cur)
        cur = [k]
    if len(cur) >= 2:
        out.append(cur)
    return out


def is_trigger_or_document(words: Words, i: int) -> bool:
    trigger, document, _ref = word_kind(words.word(i))
    return bool(trigger or document)
