"""The state of reading one article's agreements, shared by the rules that read its triggers.

An article is read in one pass over its triggers, in text order, and what the
pass has found so far decides what comes next: a reference resolves to the
parties of the agreement before it, a passive signing goes on with the one just
reported, a later provision belongs to the latest signing. The rules
(:mod:`.reader`, :mod:`.signings`, :mod:`.party_roles`, :mod:`.provisions`) are
functions over this state, so that each module holds one kind of rule.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property
from typing import Any

from .acts import is_blocked
from .assemble import LEDE, Statement
from .mentions import Index, build_index
from .parties import Party, Resolver, as_states, distinct, occupation_as_israel, state_key
from .tokens import Words
from .triggers import Hit
from .vocab import TriggerForm, party_words, term_words, trigger_words


class Reading:
    """One article being read: its words and triggers, the statements found so far, and its parties
    (indexed only once a trigger is worth reading)."""

    def __init__(self, words: Words, hits: list[Hit], headline: dict[str, Any] | None):
        self.words = words
        self.hits = hits
        self.trigger_starts = [a for a, _, _, _ in hits]  # narrowed to the acts before the statements are read
        self.tw = trigger_words()
        self.pw = party_words()
        self.terms = term_words()
        self.head: tuple[int, int] | None = None  # the headline's normalised span
        if headline:
            s, e = headline["span"]
            self.head = (words.article.norm_index(s), words.article.norm_index(e))
        self.statements: list[Statement] = []
        self.orphans: list[Statement] = []  # signings of new documents that named no party (see adopt_orphans)
        # acts in the lede that name no party (أعلنت الحركة التوصل لاتفاق لعودة التهدئة): restatements of the
        # headline's agreement, merged into it when they say its terms in full (see merge_statements)
        self.partyless: list[Statement] = []
        self._blocked: dict[tuple[int, str], bool] = {}
        self.groups = 0
        # (subject, partners, sentence, group) of the last distributive signing (مع كل من أ وب)
        self.last_group: tuple[list[Party], list[Party], int, int] | None = None

    @cached_property
    def index(self) -> Index:
        """The article's party mentions, built only when a trigger is worth reading."""
        return build_index(self.words)

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver(self.index)

    def in_headline(self, pos: int) -> bool:
        return self.head is not None and self.head[0] <= pos < self.head[1]

    def _in_lede(self, pos: int) -> bool:
        """Whether ``pos`` is in the few sentences after the headline that tell its agreement again."""
        if self.head is None:
            return False
        words = self.words
        return 0 < words.sentence_index(pos) - words.sentence_index(self.head[0]) <= LEDE

    def next_trigger(self, pos: int, sent_end: int) -> int:
        """Where the terms of a trigger at ``pos`` end at the latest: the next act, or its sentence's end."""
        k = bisect_right(self.trigger_starts, pos)  # trigger_starts is sorted
        return min(self.trigger_starts[k], sent_end) if k < len(self.trigger_starts) else sent_end

    def blocked(self, i: int, sent_start: int, tf: TriggerForm, prefix: str) -> bool:
        """Negated, hedged, subjunctive or a purpose لـ (:func:`.acts.is_blocked`), asked once per trigger."""
        key = (i, tf.form)
        if key not in self._blocked:
            self._blocked[key] = is_blocked(self.words, i, sent_start, tf, prefix, self.head)
        return self._blocked[key]

    def statements_for(self, tf: TriggerForm, a: int, b: int, subject: list[Party], counter: list[Party],
                       distributive: bool, items: list[tuple[int, int]], end: int,
                       per_partner: bool = False) -> list[Statement]:
        """One statement, or one per partner for a distributive signing (مع كل من أ وب).

        ``per_partner``: the partners of the last distributive signing referred to again (مع الدول
        المرسلة): one statement each, in that signing's group so they merge with it.
        """
        head = self.in_headline(a)
        subject = distinct(subject)
        counter = [p for p in distinct(counter) if state_key(p) not in {state_key(s) for s in subject}]
        groups: list[list[Party]]
        if per_partner and self.last_group is not None:
            groups = [subject + [c] for c in counter]
            group = self.last_group[3]
        elif distributive and counter and subject:
            groups = [subject + [c] for c in counter]
            group = self.groups
            self.groups += 1
            self.last_group = (subject, counter, self.words.sentence_index(a), group)
        else:
            groups = [subject + counter]
            group = -1
        out = []
        for parties in groups:
            parties = as_states(distinct(occupation_as_israel(parties)))
            if len(parties) < 2 and not head:
                if not parties and items and self._in_lede(a):
                    self.partyless.append(Statement(tf.action, tf.cameo, (a, b), [], list(items), (a, max(end, b)),
                                                    False, -1, tf.family))
                continue
            starts = [p.span[0] for p in parties if p.span and p.span[0] < a] + [a]
            span = (min(starts), max(end, b))
            out.append(Statement(tf.action, tf.cameo, (a, b), parties, list(items), span, head, group, tf.family))
        return out
