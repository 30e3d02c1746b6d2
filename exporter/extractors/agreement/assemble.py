"""Restatements merged into one agreement, and the agreement records built.

The same agreement is often told three times (headline, lede, a quote).
Statements with the same parties are merged when one of them is the
headline or they share a term; a term that mostly repeats one already kept
(its words, clitics aside, largely contained in it) is not added again.
Body statements are merged before the headline, so the lede's wording wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .parties import Party, state_key
from .tokens import Words
from .vocab import word_kind

LEDE = 2  # sentences after the headline in which its agreement is told again
CONTAINED = 0.75  # share of a new term's words already in a kept term that makes it a repeat


@dataclass
class Statement:
    """One reported act of agreeing, as read around one trigger."""

    action: str
    cameo: str
    trigger: tuple[int, int]  # normalised span
    parties: list[Party]
    terms: list[tuple[int, int]]  # normalised spans
    span: tuple[int, int]
    headline: bool = False
    group: int = -1  # statements from one distributive signing (مع كل من أ وب) share a group
    family: str = ""
    extra_spans: list[tuple[int, int]] = field(default_factory=list)
    follows: bool = False  # "كما تم التوقيع على …": goes on with the signing reported just before

    def keys(self) -> frozenset[str]:
        return frozenset(state_key(p) for p in self.parties)


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    w = word
    for p in ("وال", "بال", "لل", "فال", "كال", "ال"):
        if w.startswith(p) and len(w) - len(p) >= 3:
            w = w[len(p):]
            break
    else:
        if len(w) > 3 and w[0] in "وفبل":
            w = w[1:]
    if len(w) > 3 and w.endswith("ا"):
        w = w[:-1]
    return w


@lru_cache(maxsize=4096)
def _head(norm_text: str) -> str:
    """The stem of a term's first word (its verbal noun: تدريب، حماية); every document noun is one head
    (a headline's "عقد بناء …" names the lede's "اتفاقية بناء …")."""
    first = norm_text.split(" ", 1)[0]
    if not first.isalnum():
        return ""
    if word_kind(first)[1] is False:
        return "document"
    return _stem(first)


@lru_cache(maxsize=1024)
def stems(norm_text: str) -> frozenset[str]:
    """The stems of a term's words (cached: merging compares each term with every kept one)."""
    return frozenset(_stem(w) for w in norm_text.split() if w.isalnum())


def repeats(new: frozenset[str], kept: frozenset[str]) -> bool:
    """Whether most words of a new term are already in a kept one (the new one says nothing more)."""
    if not new or not kept:
        return False
    return len(new & kept) / len(new) >= CONTAINED


class Agreement:
    def __init__(self, first: Statement, words: Words):
        self.words = words
        self.statements = [first]
        self._first = first
        self._groups = {first.group} if first.group >= 0 else set()
        self.terms: list[tuple[int, int]] = []
        self.term_stems: list[frozenset[str]] = []
        self.add_terms(first.terms, dedupe=False)

    @property
    def first(self) -> Statement:
        """The earliest body statement (a headline only when there is none), kept up to date by :meth:`merge`."""
        return self._first

    def add_terms(self, spans: list[tuple[int, int]], dedupe: bool = True, headline: bool = False) -> None:
        """Add a statement's terms; with ``dedupe`` skip those that repeat a term of another statement.

        A headline abbreviates the lede ("تدريب قوات" for "تدريب الجيش اليمني"): its term is a repeat as
        soon as it opens with the same word as a kept term.
        """
        before = list(self.term_stems) if dedupe else []
        heads = {_head(self.words.norm[a:b]) for a, b in self.terms} if headline else set()
        for a, b in spans:
            text = self.words.norm[a:b]
            st = stems(text)
            if (a, b) in self.terms or any(repeats(st, other) for other in before) or heads and _head(text) in heads:
                continue
            fuller = next((k for k, other in enumerate(before) if repeats(other, st)), None)
            if fuller is not None and not headline:  # the same term said in full: keep the full wording
                self.terms[fuller] = (a, b)
                self.term_stems[fuller] = st
                before[fuller] = st
                continue
            self.terms.append((a, b))
            self.term_stems.append(st)

    def shares_term(self, spans: list[tuple[int, int]]) -> bool:
        """Whether a statement restates the agreement: one of its terms shares most words both ways with
        a kept term or says a kept term in full ("بشأن صياغة مشروع النص" then "على أن تعمل الوزارة على إتمام
        صياغة مشروع النص …"), or every one of its terms repeats a kept term ("اتفق البلدان على تعزيز
        التعاون" after "اتفقتا على تعزيز التعاون في مكافحة الإرهاب": the short form says nothing new)."""
        all_repeat = bool(spans)
        for a, b in spans:
            st = stems(self.words.norm[a:b])
            for other in self.term_stems:
                if st and other and (len(st & other) / max(len(st), len(other)) >= 0.5 or len(other) >= 3
                                     and repeats(other, st)):
                    return True
            all_repeat = all_repeat and any(repeats(st, other) for other in self.term_stems)
        return all_repeat

    def merge(self, s: Statement) -> None:
        self.statements.append(s)
        if s.parties and (s.headline, s.span[0]) < (self._first.headline, self._first.span[0]):
            self._first = s
        if s.group >= 0:
            self._groups.add(s.group)
        self.add_terms(s.terms, headline=s.headline and not self.first.headline)


def merge_statements(statements: list[Statement], words: Words,
                     partyless: list[Statement] | None = None) -> list[Agreement]:
    """Group statements into agreements (see the module docstring); ``partyless`` lede acts join the
    headline's agreement (:func:`_lede_restatement`)."""
    ordered = [s for s in statements if not s.headline] + [s for s in statements if s.headline]
    agreements: list[Agreement] = []
    for s in ordered:
        keys = s.keys()
        target = None
        for ag in agreements:
            if ag.first.keys() != keys:
                continue
            if s.headline or ag.first.headline or s.follows or not s.terms or not ag.terms or ag.shares_term(s.terms) \
                    or s.group >= 0 and s.group in ag._groups:
                target = ag
                break
        if target is None and s.headline and len(keys) < 2:
            target = next((ag for ag in agreements if keys and keys <= ag.first.keys()), None)
            if not keys and agreements:  # a headline naming no one: the agreement its lede reports
                lede = min(agreements, key=lambda ag: ag.first.span[0])
                if words.sentence_index(lede.first.trigger[0]) - words.sentence_index(s.trigger[0]) <= LEDE:
                    target = lede
        if target is not None:
            target.merge(s)
        elif len(keys) >= 2:
            agreements.append(Agreement(s, words))
    for s in partyless or ():
        target = _lede_restatement(agreements, s, words)
        if target is not None:
            target.merge(s)
    agreements.sort(key=lambda ag: ag.first.span[0])
    return agreements


def _lede_restatement(agreements: list[Agreement], s: Statement, words: Words) -> Agreement | None:
    """The headline's agreement that a lede act naming no party tells again ("اتفاق للتهدئة بين الفصائل
    الفلسطينية وإسرائيل" then "أعلن المتحدث … التوصل لاتفاق لعودة التهدئة في قطاع غزة"): the only agreement
    the headline reports, each of whose headline terms the lede says in full."""
    headed = [ag for ag in agreements if any(st.headline for st in ag.statements)]
    if len(headed) != 1:
        return None
    told = [stems(words.norm[a:b]) for st in headed[0].statements if st.headline for a, b in st.terms]
    said = [stems(words.norm[a:b]) for a, b in s.terms]
    if told and all(any(repeats(kept, new) for new in said) for kept in told):
        return headed[0]
    return None


def record(ag: Agreement) -> dict[str, Any]:
    """The document's agreement object (schema ``$defs/agreement``)."""
    words = ag.words
    text = words.article.text
    first = ag.first
    ta, tb = words.text_span(*first.trigger)
    parties = []
    for p in first.parties:
        span = list(words.text_span(*p.span)) if p.span else None
        parties.append({"name": p.name, "name_en": p.name_en, "kind": p.kind, "code": p.code, "span": span})
    terms, term_spans = [], []
    for a, b in ag.terms:
        s, e = words.text_span(a, b)
        if e > s:
            terms.append(text[s:e])
            term_spans.append([s, e])
    spans = sorted({words.text_span(*st.span) for st in ag.statements})
    sa, sb = words.text_span(*first.span)
    return {
        "action": first.action,
        "cameo": first.cameo,
        "trigger": text[ta:tb],
        "trigger_span": [ta, tb],
        "parties": parties,
        "terms": terms,
        "term_spans": term_spans,
        "span": [sa, sb],
        "spans": [list(s) for s in spans],
    }
