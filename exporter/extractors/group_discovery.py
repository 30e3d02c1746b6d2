"""Discovery of uncatalogued groups: a head noun in construct followed by a name.

No catalogue is complete: local brigades (كتيبة أبو عمارة), small parties
(حزب الأحرار) and cells named once in a confession (مجموعة /أحرار الشمال/)
are found from their shape. The head noun (جماعة، جبهة، حركة، تنظيم، كتائب،
سرايا، ألوية، لواء، حزب، ميليشيا، جيش، قوات …) must be in construct — without
ال — because with the article it is a description (الجماعات المتشددة،
الجيش الباكستاني). What may follow depends on how often the head is an
ordinary word (data/group_rules.json "discovery"):

- a name in quotation marks, brackets or slashes (after heads that are also
  everyday nouns it must open like a group's name: مجموعة /أحرار الشمال/ but
  not مجموعة «طيران الإمارات»), or the whole name quoted ("جبهة النضال الوطني");
- a kunya (كتيبة أبو عمارة، كتائب عبد الله عزام);
- for unambiguous heads (حزب، كتيبة، ميليشيا …) any definite name that is not a
  state body or a plain noun (قوات الأمن، جيش البلدين، حركة المرور);
- for heads that are also everyday nouns (حركة، تنظيم، جيش، لواء …) only a
  name opening with a word typical of group names (جيش الإسلام، لواء التوحيد);
- a name given a few words later in the same clause, in quotation marks or
  slashes after a naming word (جماعة تطلق على نفسها اسم «أنصار الحق»، كتيبة …
  على أن يكون اسمها /رجال الله الأحرار/).

The name stops at a description (الإرهابي، اليميني) and runs on only over
nisba adjectives (حزب الاتحاد الديمقراطي الكردي): in verb-first sentences the
next definite noun is usually the object. A discovered group is
``catalogued: false`` with the category its head implies (حزب →
political_party, ميليشيا → militia, كتيبة → militant, …) or "other".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..countries import find_country
from ..normalize import normalize
from .group_catalogue import norm_set, rules, trailing_words
from .group_words import CLOSERS, OPENERS, Words, clitic_readings

MAX_NAME_WORDS = 5
NAMING_WINDOW = 8  # words between a head noun and the word that gives its name (كتيبة … اسمها /…/)
_NAME_NOUNS = frozenset(normalize(w) for w in ("اسم", "باسم", "لقب"))


@dataclass(frozen=True)
class Discovery:
    """An uncatalogued group mention."""

    start: int  # normalised span of the whole mention (head included)
    end: int
    key: str  # normalised name without head and quotation marks: one record per key
    category: str
    quoted: bool  # the name was in quotation marks (a proper name, also findable without its head)
    head: str  # the head noun, normalised
    name_start: int  # normalised span of the name alone
    name_end: int


@dataclass(frozen=True)
class _Lists:
    heads: dict[str, tuple[str, str]]
    blocked_before: frozenset[str]
    kunya: frozenset[str]
    compound_second: frozenset[str]
    name_words: frozenset[str]
    construct_words: frozenset[str]
    state_words: frozenset[str]
    unnamed_words: frozenset[str]
    event_words: frozenset[str]
    function_words: frozenset[str]
    naming: frozenset[str]


@lru_cache(maxsize=1)
def lists() -> _Lists:
    d = rules()["discovery"]
    return _Lists(
        {normalize(h): (cat, mode) for h, (cat, mode) in d["heads"].items()},
        norm_set(d["blocked_before"]), norm_set(d["kunya"]), norm_set(d["compound_second"]),
        norm_set(d["name_words"]), norm_set(d["construct_words"]), norm_set(d["state_words"]),
        norm_set(d["unnamed_words"]), norm_set(d["event_words"]), norm_set(d["function_words"]),
        norm_set(d["naming"]),
    )


def head_reading(body: str, readings: list[tuple[str, str]] | None = None) -> tuple[str, str] | None:
    """(clitic prefix, head noun) when the word is a head noun in construct (لجبهة → ل + جبهه).

    ``readings``: the word's :func:`clitic_readings` when the caller has them already.
    """
    heads = lists().heads
    for prefix, rest in readings if readings is not None else clitic_readings(body):
        if rest in heads:
            return prefix, rest
    return None


def _is_country_word(body: str) -> bool:
    return find_country(body) is not None


def _name_word_ok(body: str) -> bool:
    """A definite word that may stand in a name (not a state body, plain noun, description or pronoun)."""
    lx = lists()
    return (body.startswith("ال") and len(body) > 3 and body not in lx.state_words
            and body not in lx.unnamed_words and body not in trailing_words() and body not in lx.function_words)


def _opens_name(body: str) -> bool:
    """A word typical of the start of a group's name (جيش الإسلام، أنصار الشريعة، أبو عمارة)."""
    lx = lists()
    return body in lx.name_words or body in lx.construct_words or body in lx.kunya


def _extend_definite(words: Words, k: int, limit: int) -> int:
    """Index after the definite adjectives that continue a name from token ``k`` (exclusive bound ``limit``).

    Only nisba adjectives (الديمقراطي، الكردية) and name words: in verb-first
    sentences the next definite noun is usually the object (تبنت جبهة تحرير
    بلوشتان الهجوم), not part of the name.
    """
    limit = min(limit, len(words))
    name_words = lists().name_words
    while k < limit:
        prev, w = words.word(k - 1), words.word(k)
        if prev.tail or w.lead or not _name_word_ok(w.body):
            break
        if not (w.body.endswith(("ي", "يه", "يين", "يون")) or w.body in name_words):
            break
        k += 1
    return k


def _quoted(words: Words, j: int) -> tuple[int, int] | None:
    """(first, last) token of a name in quotation marks opening at token ``j``."""
    first = words.word(j)
    if not first.lead or first.lead[-1] not in OPENERS:
        return None
    for k in range(j, min(len(words), j + MAX_NAME_WORDS)):
        w = words.word(k)
        if k > j and w.lead:
            return None
        if w.tail:
            return (j, k) if w.tail[0] in CLOSERS else None
    return None


def _quoted_with_head(words: Words, i: int, head: str, category: str) -> Discovery | None:
    """A whole name in quotation marks, head noun included ("جبهة النضال الوطني")."""
    lx = lists()
    for k in range(i + 1, min(len(words), i + MAX_NAME_WORDS + 1)):
        w = words.word(k)
        if w.lead or not w.body:
            return None
        if w.tail:
            if w.tail[0] not in CLOSERS:
                return None
            bodies = [words.word(x).body for x in range(i + 1, k + 1)]
            if any(bodies[0] in s for s in (lx.event_words, lx.unnamed_words, lx.state_words, lx.function_words)):
                return None
            if not (_name_word_ok(bodies[0]) or _opens_name(bodies[0])):
                return None  # "مجموعة إرهابية" is a description in scare quotes
            start = words.body_span(i)[0]
            end = words.body_span(k)[1]
            return Discovery(start, end, " ".join(bodies), category, False, head, start, end)
    return None


def _plain_name(bodies: list[str]) -> bool:
    """Words in quotation marks that are no name: an event, an unnamed group, a state body, a country."""
    lx = lists()
    return not bodies[0] or any(bodies[0] in s for s in (lx.event_words, lx.unnamed_words, lx.state_words,
                                                         lx.function_words)) or \
        (len(bodies) == 1 and _is_country_word(bodies[0]))


def _named(words: Words, i: int, head: str, category: str, mode: str) -> Discovery | None:
    """A name given to the group in the same clause: head … naming word «name»
    (جماعة تطلق على نفسها اسم «أنصار الحق»، كتيبة … على أن يكون اسمها /رجال الله الأحرار/).

    Only indefinite words may stand between the head and the naming word: a
    definite noun there (مجموعة الشركات … شركة تسمى «…») may be what is named.
    """
    naming = lists().naming
    for k in range(i + 1, min(len(words) - 1, i + NAMING_WINDOW + 1)):
        w = words.word(k)
        if w.lead or not w.body:
            return None
        if w.body in naming and not w.tail:
            quoted = _quoted(words, k + 1)
            if quoted is None and words.word(k + 1).body in _NAME_NOUNS and not words.word(k + 1).tail:
                quoted = _quoted(words, k + 2)  # تطلق على نفسها اسم «…»
            if quoted is not None:
                first, last = quoted
                bodies = [words.word(x).body for x in range(first, last + 1)]
                if _plain_name(bodies) or (mode != "open" and not _opens_name(bodies[0])):
                    return None
                name_start, name_end = words.body_span(first)[0], words.body_span(last)[1]
                # the mention is the name as given, with its marks: the head is words away
                return Discovery(name_start - 1, name_end + 1, " ".join(bodies), category, True, head,
                                 name_start, name_end)
        if w.tail or w.body.startswith("ال"):
            return None  # the clause ends, or another noun comes that the name may belong to
    return None


def discover(words: Words, i: int, prefix: str, head: str) -> Discovery | None:
    """The group named after the head noun at token ``i`` (read as ``prefix`` + ``head``), if any:
    the name right after it, else a name given a few words later (:func:`_named`)."""
    found = _after_head(words, i, prefix, head)
    if found is None and not words.word(i).tail and not words.word(i).lead:
        found = _named(words, i, head, *lists().heads[head])
    return found


def _after_head(words: Words, i: int, prefix: str, head: str) -> Discovery | None:
    """The group whose name follows the head noun at token ``i`` directly."""
    lx = lists()
    category, mode = lx.heads[head]
    head_word = words.word(i)
    if head_word.tail or i + 1 >= len(words):
        return None
    if head_word.lead and head_word.lead[-1] in OPENERS and not prefix:
        whole = _quoted_with_head(words, i, head, category)
        if whole is not None:
            return whole
        # no closing mark soon: the mark opens a quoted sentence ("كتيبة جند الله بدمشق تعلن …"),
        # so the name is read after the head as anywhere else
    if i > 0:
        before = words.word(i - 1)
        if not before.tail and before.body in lx.blocked_before:
            return None
    j = i + 1
    quoted = _quoted(words, j)
    if quoted is not None:
        first, last = quoted
        bodies = [words.word(k).body for k in range(first, last + 1)]
        if _plain_name(bodies):
            return None
        if mode != "open" and not _opens_name(bodies[0]):
            return None  # مجموعة «طيران الإمارات» is a company, جماعة (المساواة الآن) an NGO
        name_start = words.body_span(first)[0]
        name_end = words.body_span(last)[1]
        end = name_end + 1  # the closing mark
        start = words.body_span(i, prefix)[0]
        return Discovery(start, end, " ".join(bodies), category, True, head, name_start, name_end)
    if mode == "quoted":
        return None
    first_word = words.word(j)
    if first_word.lead:
        return None
    body = first_word.body
    end_k: int
    if body in lx.kunya:
        if first_word.tail or j + 1 >= len(words) or not words.word(j + 1).body or words.word(j + 1).lead:
            return None
        end_k = j + 2
        second = words.word(j + 1)
        if (body == "عبد" or second.body in lx.compound_second) and not second.tail and j + 2 < len(words):
            third = words.word(j + 2)
            if third.body and not third.lead and third.body not in lx.event_words:
                end_k = j + 3
    elif body in lx.construct_words:
        if first_word.tail or j + 1 >= len(words):
            return None
        second = words.word(j + 1)
        if not second.body or second.lead or second.body.isdigit() and len(second.body) > 4:
            return None
        if second.body.startswith("ال") and not _name_word_ok(second.body):
            return None
        end_k = _extend_definite(words, j + 2, j + MAX_NAME_WORDS)
    elif _name_word_ok(body) and (mode == "open" or body in lx.name_words):
        end_k = _extend_definite(words, j + 1, j + MAX_NAME_WORDS)
    else:
        return None
    names = [words.word(k).body for k in range(j, end_k)]
    if all(_is_country_word(n) for n in names):
        return None
    start = words.body_span(i, prefix)[0]
    name_start = words.body_span(j)[0]
    end = words.body_span(end_k - 1)[1]
    return Discovery(start, end, " ".join(names), category, False, head, name_start, end)
