"""Whether a trigger reports an act, and where the clause it is in starts.

GUIDELINES count only agreements reported as done. A trigger right after a
negation (لم يتفقوا، عدم التوقيع), a call, hope or intention (دعا إلى الاتفاق،
يأمل التوصل، ضرورة), a subjunctive particle (أن يوقع البلدان) or with a purpose
لـ (للتوصل) names an agreement that has not happened; a verbal noun of reaching,
concluding or renewing (التوصل إلى اتفاق) counts only when something asserts it
happened (أعلن، أكد …) or in the headline.
"""

from __future__ import annotations

from .tokens import Words
from .vocab import TriggerForm, in_set, party_words, trigger_words


def is_blocked(words: Words, i: int, sent_start: int, tf: TriggerForm, prefix: str,
               head: tuple[int, int] | None) -> bool:
    """Negated, hedged, subjunctive or a purpose لـ: the trigger at token ``i`` is not a reported act.

    ``head`` is the headline's normalised span (an unasserted verbal noun there still reports an act)."""
    tw = trigger_words()
    if "ل" in prefix:
        return True
    before = [words.word(k) for k in range(max(0, i - 3), i) if words.starts[k] >= sent_start]
    if any(in_set(w, tw["negations"]) for w in before):
        return True
    window = before[-2:] if tf.kind == "verb" else before
    if any(in_set(w, tw["hedges"]) for w in window):
        return True
    if tf.imperfect and before and before[-1] in tw["subjunctive"]:
        return True
    if tf.kind == "masdar" and tf.family in ("reach", "conclude", "renew"):
        if not any(in_set(w, tw["assertions"]) for w in before) \
                and not (head is not None and head[0] <= words.starts[i] < head[1]):
            return True
    return False


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
