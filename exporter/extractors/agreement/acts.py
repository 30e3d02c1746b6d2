"""Whether a trigger reports an act, and where the clause it is in starts.

GUIDELINES count only agreements reported as done. A trigger right after a
negation (لم يتفقوا، عدم التوقيع), a call, hope or intention (دعا إلى الاتفاق،
يأمل التوصل، ضرورة), a subjunctive particle (أن يوقع البلدان) or with a purpose
لـ (للتوصل) names an agreement that has not happened, and so does a verbal noun after a future verb
(سيتم/وسيشهد توقيع) or a word of waiting or delay (المنتظر، موعد، تأجيل); a verbal noun of reaching,
concluding or renewing (التوصل إلى اتفاق) counts only when something asserts it
happened (أعلن، أكد …) or in the headline.
"""

from __future__ import annotations

from .terms import is_future_verb
from .tokens import Words
from .vocab import TriggerForm, in_set, party_words, trigger_words


def is_blocked(words: Words, i: int, sent_start: int, tf: TriggerForm, prefix: str,
               head: tuple[int, int] | None) -> bool:
    """Negated, hedged, subjunctive or a purpose لـ: the trigger at token ``i`` is not a reported act.

    ``head`` is the headline's normalised span (an unasserted verbal noun there still reports an act)."""
    tw = trigger_words()
    if "ل" in prefix:
        return True
    # ولم، ولا، فلن: a short particle with its conjunction (in_set leaves words of three letters whole)
    before = [w[1:] if len(w) == 3 and w[0] in "وف" and w[1:] in _SHORT_PARTICLES else w
              for w in (words.word(k) for k in range(max(0, i - 3), i) if words.starts[k] >= sent_start)]
    if relative_passive(words, i):
        before = before[-1:]  # ما تم الاتفاق عليه: "what was agreed", ما is no negation
    if any(in_set(w, tw["negations"]) for w in before):
        return True
    window = before[-2:] if tf.kind == "verb" else before
    if tf.kind == "masdar" and words.word(i - 1) in _PAST_PASSIVE:
        window = []  # "بجهود مصرية تم التوصل …": the past passive asserts the act (not "سيتم"، "أن يتم")
    if any(in_set(w, tw["hedges"]) for w in window):
        return True
    if tf.kind == "masdar" and _hoped_for(words, i, sent_start):
        return True
    if tf.imperfect and before and before[-1] in tw["subjunctive"]:
        return True
    if tf.kind == "masdar" and any(is_future_verb(w[1:] if w[:1] in "وف" else w) and not w.endswith(("ات", "ين"))
                                   for w in before):  # (not سنوات، ستين)
        return True  # وسيشهد الأسبوع المقبل توقيع اتفاقية …: a signing to come
    if tf.kind == "masdar" and tf.family in ("reach", "conclude", "renew"):
        if not any(in_set(w, tw["assertions"]) for w in before) \
                and not (head is not None and head[0] <= words.starts[i] < head[1]) \
                and not _announced(words, i, sent_start):
            return True
    return False


_PAST_PASSIVE = frozenset({"تم", "وتم", "جري", "وجري"})
_SHORT_PARTICLES = frozenset({"لم", "لن", "لا", "ما", "قد", "ان", "كي", "لو"})
_CLAUSE_MARKS = frozenset("،,.:؛;")
_HOPE_REACH = 7  # words before a verbal noun in which the verb of hope or call governing it may stand


def _hoped_for(words: Words, i: int, sent_start: int) -> bool:
    """"وتسعى وزارة الطاقة المصرية إلى توقيع …"، "ويأمل المسؤولون في البلدين توقيع …": a verbal noun is the
    object of a verb of hope, call or intention a few words back, its subject between them; a word that
    asserts the act (بعد، أكد، شهد …) or tells an outcome (أثمرت المفاوضات توقيع …) nearer to it ends the
    search."""
    tw = trigger_words()
    for k in range(i - 1, max(-1, i - 1 - _HOPE_REACH), -1):
        w = words.word(k)
        if words.starts[k] < sent_start or w in _CLAUSE_MARKS or in_set(w, tw["assertions"]) \
                or in_set(w, tw["outcomes"]):
            return False
        if in_set(w, tw["hedges"]):
            return True
    return False


_ANNOUNCE_REACH = 10  # words between a verb of announcing and the verbal noun that is its object
_ANNOUNCING = frozenset({"اعلن", "اعلنت", "اعلنا", "اكد", "اكدت", "كشف", "كشفت"})


def _announced(words: Words, i: int, sent_start: int) -> bool:
    """"أعلن المتحدث باسم الحركة فوزي برهوم فجر السبت، التوصل لاتفاق …": a verbal noun is the object of a
    verb of announcing that opens its clause, its subject and a time between them (:func:`announcing_verb`)."""
    return announcing_verb(words, i, sent_start) is not None


def announcing_verb(words: Words, i: int, sent_start: int) -> int | None:
    """The token of the verb of announcing whose object the verbal noun at token ``i`` is (أعلنت …
    التوصل): a hedge, negation or clause opener on the way ends the search (أعلن أن المفاوضات مستمرة حتى
    التوصل …)."""
    tw = trigger_words()
    openers = party_words()["openers"]
    for k in range(i - 1, max(-1, i - 1 - _ANNOUNCE_REACH), -1):
        w = words.word(k)
        if words.starts[k] < sent_start or w in openers or (w in _CLAUSE_MARKS and w not in "،,") \
                or in_set(w, tw["hedges"]) or in_set(w, tw["negations"]) or in_set(w, tw["subjunctive"]):
            return None
        if (w[1:] if w[:1] in "وف" and len(w) > 4 else w) in _ANNOUNCING:
            return k
    return None


def announced_from_afar(words: Words, i: int, sent_start: int) -> bool:
    """Whether the verbal noun at token ``i`` is asserted only by a verb of announcing further back
    (:func:`_announced`): the announcer is often a mediator (أعلنت مصر … التوصل إلى اتفاق … بين الجانبين), so a
    reference after it is not resolved to the last parties named."""
    tw = trigger_words()
    before = [words.word(k) for k in range(max(0, i - 3), i) if words.starts[k] >= sent_start]
    return not any(in_set(w, tw["assertions"]) for w in before) and _announced(words, i, sent_start)


RESUMPTIVES = frozenset({"عليه", "عليها", "عليهما", "عليهم"})


def relative_passive(words: Words, i: int) -> bool:
    """"ما تم الاتفاق عليه": the noun at token ``i`` after ما + a passive marker, with a resumptive
    pronoun after it, is a relative clause (what was agreed), not a negated act."""
    return words.word(i - 2) in ("ما", "وما", "فما") and words.word(i - 1) in trigger_words()["passive"] \
        and words.word(i + 1) in RESUMPTIVES


def clause_start(words: Words, i: int, sent_start: int) -> int:
    """Start of the clause token ``i`` is in (after إن/أن/حيث/كما …, or the quotation mark it is inside):
    a subject is not looked for beyond it."""
    openers = party_words()["openers"]
    first = words.index_from(sent_start)
    straight = sum(1 for k in range(first, i) if words.ws[k] == '"') % 2 == 1
    closed = 0
    for k in range(i - 1, -1, -1):
        tw, ta, tb = words.ws[k], words.starts[k], words.ends[k]
        if ta < sent_start:
            return sent_start
        if tw in openers or tw == ":":
            return tb
        if tw in "»”":
            closed += 1
        elif tw in "«“":
            if closed == 0:
                return tb
            closed -= 1
        elif tw == '"' and straight:
            return tb
    return sent_start
