"""Where the terms of a trigger start: its على, a purpose, a topic, or a provision clause.

:func:`.terms.read` reads terms from a given position; these rules find that
position after a trigger, its parties or its document: "اتفقا على …" (على،
على أن …، على ذلك: the term stated just before), "مذكرة تفاهم لتطوير …"
(a purpose), "اتفاقية بشأن/حول/تتعلق ب …" (a topic), "اتفاق يقضي/ينص على،
بموجبها، بحيث …" (a provision). They need only the words: no parties.
"""

from __future__ import annotations

from ...countries import country_matcher
from .terms import Region, is_content_ba, is_purpose_word, read
from .tokens import COMMAS, Words
from .vocab import in_set, is_masdar, party_words, term_words, trigger_words

# the document already named, referred to again (تتضمن المذكرة …، نص الاتفاق على …، بموجب الاتفاق …)
DOC_REFERENCES = ("الاتفاق", "الاتفاقيه", "الاتفاقيات", "الاتفاقات", "المذكره", "مذكره", "الاتفاقيتين",
                  "الاتفاقيتان", "البروتوكول", "المعاهده", "العقد", "الصفقه", "مذكرتي", "مذكرتا")
DEMONSTRATIVES = frozenset({"ذلك", "هذا", "هذه", "ذالك", "تلك"})
_PROVISION_WORDS = ("بنود", "نص", "احكام", "شروط", "التفاهم", "هذه", "هذا")  # بنود الاتفاق، نص المذكرة …
_THAT = ("ان", "أن")  # على أن …: the terms are one clause


def find_word(words: Words, start: int, limit: int, word: str, within: int) -> int | None:
    """The first token ``word`` among the ``within`` tokens from ``start``, before ``limit``."""
    k = words.index_from(start)
    for n in range(k, min(k + within, len(words))):
        if words.starts[n] >= limit:
            return None
        if words.word(n) == word:
            return n
    return None


def read_complement(words: Words, on: int, limit: int, trigger: int | None = None) -> Region:
    """Terms after على at token ``on`` (على أن …: one clause) of the trigger at ``trigger``."""
    clause = words.word(on + 1) in _THAT
    region = read(words, words.ends[on], limit, clause=clause)
    if not region.items and words.word(on + 1) in DEMONSTRATIVES:
        region.items = _antecedent_term(words, on, words.starts[on] if trigger is None else trigger)
    return region


def _antecedent_term(words: Words, on: int, before: int) -> list[tuple[int, int]]:
    """"اتفق الجانبان على ذلك": what ذلك refers to, the complement of the last على before the trigger
    (at ``before``) in the sentence (or the one before) that opens a term (شدد على وجوب إنهاء الصراع …)."""
    name_stops = party_words()["name_stops"]
    first = words.index_from(words.sentences[max(0, words.sentence_index(words.starts[on]) - 1)][0])
    for k in range(words.index_from(before) - 1, first - 1, -1):
        if words.word(k) != "علي":
            continue
        nxt = words.word(k + 1)
        if nxt in _THAT or len(nxt) >= 3 and nxt.isalpha() and not in_set(nxt, name_stops):
            region = read(words, words.ends[k], before, clause=nxt in _THAT)
            return region.items[:1]
    return []


def read_intro(words: Words, pos: int, limit: int, allow_on: bool) -> Region | None:
    """Terms introduced right after ``pos``: a purpose (لـ، بهدف), a topic (بشأن، حول، في قضية),
    a provision (بموجبها، يقضي، ينص على، بحيث، تتضمن) or, when ``allow_on``, على."""
    tw, time_words = term_words(), party_words()["time"]
    k = words.index_from(pos)
    n = k
    while n < len(words) and n - k < 6:
        w = words.word(n)
        if w in COMMAS or w in time_words and w != "في" or _nationality(w):
            n += 1  # … مع شركة "داماك العقارية" الإماراتية، وذلك بهدف …
            continue
        place = _place_after(words, n)
        if place == n:
            break
        n = place  # … وجامعة الشرق الأوسط بالمملكة الأردنية الهاشمية بغرض …
    if n >= len(words) or words.starts[n] >= limit:
        return None
    w = words.word(n)
    if allow_on and w == "علي":
        return read_complement(words, n, limit)
    marker = words.match_any(n, tw["purpose"])
    if marker:
        return read(words, words.ends[n + len(marker) - 1], limit)
    if is_purpose_word(w):
        return read(words, words.starts[n], limit)
    if is_content_ba(w):
        return read_after_ba(words, n, limit)  # اتفاق مسبق بدفع العراق …
    if in_set(w, tw["topic_verbs"]) and words.word(n + 1).startswith("ب"):
        return read_after_ba(words, n + 1, limit)  # اتفاقية تتعلق بتنظيم العمالة
    topic = words.match_any(n, tw["topic"])
    if topic:
        # في قضية/مسألة/ملف X: the matter is the term; بشأن/حول/في شأن X: X is
        keep = len(topic) == 2 and topic[1] in ("قضيه", "مساله", "ملف")
        start = words.starts[n + 1] if keep else words.ends[n + len(topic) - 1]
        return read(words, start, limit)
    return provision_at(words, n, limit)


def _nationality(word: str) -> bool:
    """A country adjective standing on its own (الإماراتية after a company's name)."""
    if not word.startswith("ال"):
        return False
    found = country_matcher().lookup(word)
    return found is not None and found.form == "adjective"


def _place_after(words: Words, n: int) -> int:
    """The token after a country named as a place at token ``n`` (بالمملكة الأردنية الهاشمية، في مصر),
    else ``n``."""
    w = words.word(n)
    k = n + 1 if w == "في" else n
    if k != n or w[:1] == "ب":
        hit = country_matcher().match_norm(words.norm, words.starts[k]) if k < len(words) else None
        if hit is not None and (k != n or "ب" in hit[2]):
            return words.index_from(hit[1])
    return n


def provision_at(words: Words, n: int, limit: int) -> Region | None:
    """Terms of a provision clause starting at token ``n`` (يقوم بموجبها …، تتضمن …، ينص على …، بحيث …)."""
    tw = term_words()
    w = words.word(n)
    k = n
    if in_set(w, tw["provision_verbs"]) or w[:1] in "يت" and words.match_any(n + 1, tw["provision_preps"]):
        if not in_set(w, tw["provision_verbs"]):
            k = n + 1
        else:
            k = skip_document_reference(words, n + 1)
            nxt = words.word(k)
            if nxt == "علي":
                k += 1
            return read(words, words.starts[k] if k < len(words) else limit, limit,
                        clause=words.word(k) in _THAT, provisions=True)
    prep = words.match_any(k, tw["provision_preps"])
    if not prep:
        return None
    k += len(prep)
    k = skip_document_reference(words, k)
    if prep[-1] in ("بحيث", *_THAT) or words.word(k) in _THAT:
        return read(words, words.starts[k] if k < len(words) else limit, limit, clause=True)
    # يقوم بموجبها أعضاء … بتشغيل …: the terms are the verbal nouns after ب; تتولى بمقتضاها كلية سوسة
    # تعميق …: after the subject, the verbal noun object
    for t in range(k, min(k + 20, len(words))):
        if words.starts[t] >= limit:
            break
        wt = words.word(t)
        if wt.startswith("ب") and len(wt) > 3 and is_masdar(wt[1:]) or t > k and wt[:1] == "ت" and is_masdar(wt):
            return read(words, words.starts[t], limit)
    return read(words, words.starts[k] if k < len(words) else limit, limit, clause=True)


def skip_document_reference(words: Words, k: int) -> int:
    """The token after the document a provision names (نص الاتفاق، بنود هذه المذكرة …) from token ``k``."""
    start = k
    while k < len(words) and k - start < 4 and (words.word(k) in DOC_REFERENCES or words.word(k) in _PROVISION_WORDS
                                                or words.word(k) in COMMAS):
        k += 1
    return k


def read_after_ba(words: Words, k: int, limit: int) -> Region:
    """Terms from token ``k`` without its preposition ب (يتصل بالبرنامج التنفيذي → البرنامج التنفيذي)."""
    region = read(words, words.starts[k], limit)
    if region.items and region.items[0][0] == words.starts[k] and words.ws[k].startswith("ب"):
        region.items[0] = (region.items[0][0] + 1, region.items[0][1])
    return region


def adjacent_on(words: Words, pos: int, limit: int) -> int | None:
    """The على right after the parties of a noun trigger (اتفاق الجانبين على …), an apposition
    between commas allowed (مع فلان، رئيس الحكومة، على …)."""
    time_words = party_words()["time"]
    k = words.index_from(pos)
    n = k
    while n < len(words) and words.starts[n] < limit and (words.word(n) in time_words and words.word(n) != "في"):
        n += 1
    if words.word(n) == "علي":
        return n
    if words.word(n) in COMMAS:
        for m in range(n + 1, min(n + 10, len(words))):
            if words.starts[m] >= limit:
                return None
            if words.word(m) in COMMAS:
                return m + 1 if words.word(m + 1) == "علي" else None
    return None


def passive_on(words: Words, i: int) -> int | None:
    """The على of "تم الاتفاق على", a filler allowed before it (تم الاتفاق خلالها على، تم الاتفاق مبدئيا على)."""
    fillers, time_words = trigger_words()["passive_fillers"], party_words()["time"]
    for k in range(i + 1, min(i + 4, len(words))):
        w = words.ws[k]
        if w == "علي":
            return k
        if w not in fillers and (w not in time_words or w == "في"):
            return None
    return None
