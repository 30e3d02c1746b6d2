"""Agreements: who agreed with whom, on what (GUIDELINES "Agreements"; CAMEO 057/030).

For every trigger (``data/agreement_triggers.json``: اتفق/وافق على، وقّع
اتفاقية/مذكرة تفاهم، أبرم/عقد اتفاقا، توصل إلى اتفاق، جدد، صادق، تم الاتفاق
على، اتفاق سعودي مالطي …) that is not negated (لم يتفقوا), hedged (دعا إلى
الاتفاق، يأمل التوصل، للتوصل) or a mere mention of an old accord, the
parties are read around it (:mod:`.agreement.parties`: coordinated subjects,
X مع Y، بين X وY، references such as البلدان/الدول الثلاث resolved to the
parties named before, capitals/governments/leaders as their countries,
counted groupings as their member states, signatories as the bodies they sign
for) and the terms after it (:mod:`.agreement.terms`). Acts told otherwise are
read too: the outcome of talks (مباحثات بين X وY توجت باتفاق على …), a signing
after its document (الاتفاق الذي وقع بين …، الاتفاقيات الموقعة بين …), a
passive signing going on with the one before (كما تم التوقيع على …), and
documents listed one after another, each with its own parties when a بين
closes it. Provisions stated later (تتضمن المذكرة …، نص الاتفاق على …) and a
party's undertakings after a signing (كما ستتولى المندوبية …) are added to the
agreement they describe, a passive agreement at a meeting (بحضور ممثلين عن أ
وب، وتم الاتفاق خلالها على …) takes those present, and restatements (headline,
lede, quote; a headline naming no one) are merged (:mod:`.agreement.assemble`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property, lru_cache
from typing import Any

from ..countries import country_matcher
from ..lexicon import trie_pattern
from ..normalize import normalize
from ..segment import Article
from .agreement.assemble import Statement, merge_statements, record
from .agreement.mentions import Index, Mention, build_index, gap_words, is_coordination, number_of
from .agreement.parties import Party, Resolver, country_party, party_of, state_key
from .agreement.terms import BETWEEN_PRONOUNS, Region, document_extent, is_purpose_word, read
from .agreement.tokens import COMMAS, QUOTES_CLOSE, QUOTES_OPEN, Words, norm_sentence_spans
from .agreement.vocab import (
    TriggerForm,
    documents,
    in_set,
    is_masdar,
    party_words,
    term_words,
    trigger_words,
    triggers,
)

_COMPLEMENT_WITHIN = 25  # words between a verb and its على
_OBJECT_SUFFIXES = ("ته", "ها", "اها", "وها", "تها")
_DOC_REFERENCES = ("الاتفاق", "الاتفاقيه", "الاتفاقيات", "الاتفاقات", "المذكره", "مذكره", "الاتفاقيتين",
                   "الاتفاقيتان", "البروتوكول", "المعاهده", "العقد", "الصفقه", "مذكرتي", "مذكرتا")
_PROVISION_OBJECTS = frozenset(_DOC_REFERENCES + ("بنود", "نص"))


# Every trigger form contains one of these: the words around them are the only places worth matching.
_STEMS = ("تفق", "تفاق", "وقع", "وقي", "توصل", "برم", "برام", "عقد", "جدد", "جديد", "صادق", "وافق", "امض",
          "مذكره", "معاهده", "بروتوكول")
# Stems that share their first two letters are found with one scan for those letters (a scan costs about
# as much as the article is long, a check at each of the few places found almost nothing).
_STEM_SCANS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (prefix, tuple(s for s in _STEMS if s.startswith(prefix)))
    for prefix in dict.fromkeys(s[:2] if sum(t.startswith(s[:2]) for t in _STEMS) > 1 else s for s in _STEMS))
_DOCUMENT_STEMS = ("اتفاق", "مذكر", "بروتوكول", "معاهد", "ميثاق", "عقد", "صفق", "وثيق", "اعلان", "تفاهم", "تسوي",
                   "هدن", "صيغ")
_RELATIVES = frozenset({"الذي", "التي", "اللذين", "اللتين"})
_DEMONSTRATIVES = frozenset({"ذلك", "هذا", "هذه", "ذالك", "تلك"})
_LOOKAHEAD = 240  # characters after a trigger in which its على or document must appear
_RELATIVE_ENDINGS = ("الذي ", "التي ", "اللذين ", "اللتين ")
_NUMBERED_LINE = re.compile(r"\s*(?:[0-9٠-٩]+\s*[-–.)]|[-–—•*·▪●◦])")  # a numbered or bulleted line


def extract(article: Article, headline: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The agreements the article reports, as document records (see the module docstring)."""
    norm = article.norm
    hits = [h for h in _trigger_hits(norm) if _plausible(norm, *h)]
    if not hits:
        return []
    spans = norm_sentence_spans(article)
    ranges, party_ranges = _ranges(article, hits, spans, headline)
    words = Words(article, ranges, spans, party_ranges)
    reader = _Reader(words, hits, headline)
    if not reader.worth_reading():
        return []
    statements = reader.run()
    return [record(ag) for ag in merge_statements(statements, words)]


_CONTEXT_BEFORE = 2  # sentences before a trigger where its parties or their antecedents may be named
_PROVISION_STEMS = ("تتضمن", "يتضمن", "تضمن", "ينص", "تنص", "نص ال", "يقضي", "تقضي", "تشترط", "يشترط", "تشمل",
                    "يشمل", "شملت", "تؤسس", "بموجب", "بمقتضي")
_UNDERTAKING_STEMS = ("تتولي", "يتولي", "تلتزم", "يلتزم", "تتكفل", "يتكفل", "تتعهد", "يتعهد")
_PROVISION_RE = re.compile(trie_pattern(_PROVISION_STEMS + _UNDERTAKING_STEMS))
_UNDERTAKING_WITHIN = 4  # sentences after a signing in which a party's undertaking is one of its provisions


def _ranges(article: Article, hits: list, spans: list[tuple[int, int]], headline: dict[str, Any] | None = None
            ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The normalised spans worth reading: the headline, each possible act with the sentences before it
    (antecedents), lists of terms and later sentences stating provisions; and, among them, those where
    parties are looked for (not the lists and provisions, which only add terms)."""
    norm = article.norm
    sentences = article.sentences
    starts = [a for a, _ in spans]
    if headline:  # the headline's sentences (a first paragraph may be the whole story)
        hs, he = headline["span"]
        keep: set[int] = {k for k, s in enumerate(sentences) if s.start < he and s.end > hs}
    else:
        keep = {k for k, s in enumerate(sentences[:1]) if s.paragraph == 0}
    after: set[int] = set()  # sentences after an act, where its provisions may be stated
    for a, _b, _p, _tf in hits:
        k = max(0, bisect_right(starts, a) - 1)
        keep.update(range(max(0, k - _CONTEXT_BEFORE), min(len(spans), k + 1)))
        after.update(range(k + 1, min(len(spans), k + 9)))
        n = k + 1
        while n < len(sentences) and _NUMBERED_LINE.match(sentences[n].text):
            keep.add(n)  # a list of terms (1- …، 2- …، • …)
            n += 1
    parties = set(keep)
    after -= keep
    if after:  # one scan over the sentences after the acts, then the sentences the stems are in
        first, last = min(after), max(after)
        for m in _PROVISION_RE.finditer(norm, spans[first][0], spans[last][1]):
            k = bisect_right(starts, m.start()) - 1
            if k in after and k not in keep:
                keep.add(k)
                n = k + 1
                while n < len(sentences) and _NUMBERED_LINE.match(sentences[n].text):
                    keep.add(n)  # وتنص المذكرة على ما يلي: 1- …
                    n += 1
    return _joined(spans, keep), _joined(spans, parties)


def _joined(spans: list[tuple[int, int]], keep: set[int]) -> list[tuple[int, int]]:
    """The spans of the sentences ``keep``, neighbours joined."""
    out: list[tuple[int, int]] = []
    for k in sorted(keep):
        a, b = spans[k]
        if out and out[-1][1] >= a - 1:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _trigger_hits(norm: str) -> list[tuple[int, int, str, TriggerForm]]:
    """Trigger hits in text order, matched only at the words that contain a trigger stem.

    str.find over a few stems and an anchored match at each candidate word cost a fraction of a
    regex scan of the whole article, and most articles have no candidate at all.
    """
    starts: set[int] = set()
    for prefix, stems in _STEM_SCANS:
        pos = norm.find(prefix)
        while pos >= 0:
            if len(stems) == 1 or norm.startswith(stems, pos):
                start = pos
                while start > 0 and norm[start - 1].isalnum():
                    start -= 1
                starts.add(start)
            pos = norm.find(prefix, pos + 1)
    return triggers().matches_at(norm, sorted(starts))


def _plausible(norm: str, a: int, b: int, prefix: str, tf: TriggerForm) -> bool:
    """A cheap first look (no tokens, no mentions): can this hit be an act of agreeing at all?

    Most articles use وقع (occurred) or عقد (held) and never agree on anything; they are
    dismissed here, before the article is tokenised and its parties indexed.
    """
    if "ل" in prefix:
        return False
    window = norm[b:b + _LOOKAHEAD]
    if tf.document and (tf.kind == "participle" or norm.endswith(_RELATIVE_ENDINGS, 0, a)):
        # الاتفاقيات الموقعة بين …، الاتفاق الذي وقع أخيرا بين …: the document before, the parties after
        before = norm[max(0, a - 80):a]
        if "بين" in window[:60] and any(stem in before for stem in _DOCUMENT_STEMS):
            return True
    if tf.document:
        return tf.kind != "participle" and (any(stem in window for stem in _DOCUMENT_STEMS)
                                            or tf.form.endswith(("ه", "ها", "هما")))
    if tf.kind in ("noun", "headline_noun"):  # اتفاق … على، اتفاق بين X وY يقضي …
        return "علي" in window[:120] or a < 200 or window.startswith(" بين ")
    return "علي" in window


class _Reader:
    """Reads the statements of one article: one pass over its triggers, in text order."""

    def __init__(self, words: Words, hits: list, headline: dict[str, Any] | None):
        self.words = words
        self.hits = hits
        self.trigger_starts = [a for a, _, _, _ in hits]
        self.tw = trigger_words()
        self.pw = party_words()
        self.terms = term_words()
        self.head = None
        if headline:
            s, e = headline["span"]
            self.head = (words.article.norm_index(s), words.article.norm_index(e))
        self.statements: list[Statement] = []
        self.orphans: list[Statement] = []  # signings of new documents that named no party (see adopt_orphans)
        self._blocked: dict[tuple[int, str], bool] = {}
        self.groups = 0
        self.last_group: tuple[list[Party], list[Party], int, int] | None = None

    @cached_property
    def index(self) -> Index:
        """The article's party mentions, built only when a trigger is worth reading."""
        return build_index(self.words)

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver(self.index)

    def worth_reading(self) -> bool:
        """Whether any trigger passes the checks that need no parties (negation, hedges, its على or
        document): most articles stop here, before their mentions are indexed."""
        words = self.words
        for a, b, prefix, tf in self.hits:
            i = words.index_at(a)
            sent_start, sent_end = words.sentence_of(a)
            if i >= len(words) or self.blocked(i, sent_start, tf, prefix):
                continue
            if tf.kind in ("noun", "headline_noun"):
                if self._noun_worth_reading(i, b, sent_end):
                    return True
                continue
            if not tf.document and self.find_word(b, sent_end, "علي", _COMPLEMENT_WITHIN) is not None:
                return True
            if tf.document and any(True for _ in documents().finditer_norm(words.norm, max(0, a - 80), sent_end)):
                return True
        return False

    def _noun_worth_reading(self, i: int, b: int, sent_end: int) -> bool:
        """تم الاتفاق على; اتفاق + parties + على (within a few words); اتفاق سعودي مالطي; اتفاقية بين …"""
        words = self.words
        if words.ws[i].startswith("ال"):
            return words.word(i - 1) in self.tw["passive"] and self.passive_on(i) is not None
        nxt = words.word(i + 1)
        return (self.find_word(b, sent_end, "علي", 14) is not None or "بين" in (nxt, words.word(i + 2))
                or nxt.endswith(("ي", "يه")) and len(nxt) > 3
                or self.in_headline(words.starts[i]) and is_purpose_word(nxt))  # اتفاق لتبادل الأسرى بين …

    # ---------------------------------------------------------------- driver

    def run(self) -> list[Statement]:
        # Only an act of agreeing ends the terms of the one before it (not اتفاق named inside a term).
        self.trigger_starts = [a for a, b, prefix, tf in self.hits if self.is_act(a, b, prefix, tf)]
        for a, b, prefix, tf in self.hits:
            found = self.read_trigger(a, b, prefix, tf)
            for s in found:
                self.statements.append(s)
                if len(s.parties) >= 2 and not s.headline:
                    self.resolver.add_prior(s.parties, s.trigger[0], s.span)
                    self.adopt_orphans(s)
        self.provisions()
        return self.statements

    def adopt_orphans(self, s: Statement) -> None:
        """"بالتوقيع على 10 اتفاقيات ومذكرات تفاهم … وقال تشمل الاتفاقيات الموقعة بين الجزائر وقطر …": a
        signing that named no one takes the parties of the signing told in the next sentence."""
        words = self.words
        here = words.sentence_index(s.trigger[0])
        for orphan in self.orphans:
            if 0 <= here - words.sentence_index(orphan.trigger[0]) <= 1 and orphan.trigger[0] < s.trigger[0]:
                orphan.parties = list(s.parties)
                orphan.follows = True
                self.statements.append(orphan)
        self.orphans = [o for o in self.orphans if not o.parties]

    def is_act(self, a: int, b: int, prefix: str, tf: TriggerForm) -> bool:
        """Whether a verb trigger reports an act (it then ends the clause of the trigger before it)."""
        words = self.words
        if tf.kind != "verb":
            return False
        i = words.index_at(a)
        sent_start, sent_end = words.sentence_of(a)
        if self.blocked(i, sent_start, tf, prefix):
            return False
        if tf.document and self.relative(i, tf) and (self.relative_document(i, sent_end) is not None
                                                       or tf.kind == "participle"):
            return tf.kind != "participle" or self.relative_document(i, sent_end) is not None
        if tf.document:
            return self.find_document(a, b, i, tf, sent_end) is not None
        return self.find_word(b, sent_end, "علي", _COMPLEMENT_WITHIN) is not None

    def in_headline(self, pos: int) -> bool:
        return self.head is not None and self.head[0] <= pos < self.head[1]

    def next_trigger(self, pos: int, sent_end: int) -> int:
        k = bisect_right(self.trigger_starts, pos)  # trigger_starts is sorted
        return min(self.trigger_starts[k], sent_end) if k < len(self.trigger_starts) else sent_end

    # ---------------------------------------------------------------- filters

    def blocked(self, i: int, sent_start: int, tf: TriggerForm, prefix: str) -> bool:
        """Negated, hedged, subjunctive or a purpose لـ: not a reported act."""
        key = (i, tf.form)
        if key not in self._blocked:
            self._blocked[key] = self._is_blocked(i, sent_start, tf, prefix)
        return self._blocked[key]

    def _is_blocked(self, i: int, sent_start: int, tf: TriggerForm, prefix: str) -> bool:
        words = self.words
        if "ل" in prefix:
            return True
        before = [words.word(k) for k in range(max(0, i - 3), i) if words.starts[k] >= sent_start]
        if any(in_set(w, self.tw["negations"]) for w in before):
            return True
        window = before[-2:] if tf.kind == "verb" else before
        if any(in_set(w, self.tw["hedges"]) for w in window):
            return True
        if tf.imperfect and before and before[-1] in self.tw["subjunctive"]:
            return True
        if tf.kind == "masdar" and tf.family in ("reach", "conclude", "renew"):
            if not any(in_set(w, self.tw["assertions"]) for w in before) and not self.in_headline(words.starts[i]):
                return True
        return False

    def floor(self, i: int, sent_start: int) -> int:
        """Start of the clause the trigger is in (after إن/أن/حيث/كما …, or the quotation mark it is inside)."""
        words = self.words
        first = words.index_from(sent_start)
        straight = sum(1 for k in range(first, i) if words.ws[k] == '"') % 2 == 1
        closed = 0
        for k in range(i - 1, -1, -1):
            tw, ta, tb = words.ws[k], words.starts[k], words.ends[k]
            if ta < sent_start:
                return sent_start
            if tw in self.pw["openers"] or tw == ":":
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

    # ---------------------------------------------------------------- triggers

    def read_trigger(self, a: int, b: int, prefix: str, tf: TriggerForm) -> list[Statement]:
        words = self.words
        i = words.index_at(a)
        if i >= len(words):
            return []
        sent_start, sent_end = words.sentence_of(a)
        if self.blocked(i, sent_start, tf, prefix):
            return []
        limit = self.next_trigger(a, sent_end)
        if tf.kind in ("noun", "headline_noun"):
            return self.noun_trigger(a, b, i, tf, sent_start, sent_end, limit, prefix)
        if tf.document and self.relative(i, tf):
            found = self.relative_trigger(a, b, i, tf, sent_end, limit)
            if found or tf.kind == "participle":
                return found  # otherwise "الذي وقعت المدينة بشأنه اتفاقيتي تعاون": a verb with its object
        if tf.document:
            return self.document_trigger(a, b, i, tf, sent_start, sent_end, limit)
        return self.agree_verb(a, b, i, tf, sent_start, sent_end, limit)

    def subject(self, a: int, b: int, i: int, tf: TriggerForm, sent_start: int, stop: int,
                exclude: set[str]) -> tuple[list[Party], int]:
        """(subject parties, where the subject ends) of a verb trigger."""
        r = self.resolver
        post, post_end, _ = r.chain_after(b, stop)
        # "أنه اتفق والوزير سامح شكري": a co-subject joined by و to the verb's own (pronoun) subject
        gap = gap_words(self.words, b, post[0].a) if post else []
        co_subject = bool(post) and (gap[:1] == ["و"] or bool(gap) and gap[0][:1] == "و" and in_set(
            gap[0], self.pw["modifiers"]) or not gap and self.words.norm[post[0].a - 1:post[0].a] == "و")
        parties: list[Party] = []
        end = b
        if post:
            parties = r.parties(post, a, exclude)
            end = post_end
        if not post or co_subject:
            pre = r.chain_before(a, self.floor(i, sent_start))
            pre_parties = r.parties(pre, a, exclude) if pre else []
            if tf.subject >= 2 and len(pre_parties) < 2 and not exclude:
                pre = []  # وزراء خارجية الدول الثلاث المجتمعين في العاصمة الجزائرية، اتفقوا: not الجزائرية
            if pre:
                parties = pre_parties + parties
            elif tf.subject == 0:  # اتفقنا (in a quote): the agreement before, else the pair just named
                parties = (r.prior_near(a) or r.recent_chain(a, exclude)) + parties
            elif not tf.explicit_parties:
                parties = r.pronoun_subject(sent_start, a, tf.subject if not co_subject else 1, exclude) + parties
        return parties, end

    def _vague_subject(self, a: int, b: int, i: int, sent_start: int, stop: int) -> bool:
        """"توافق القوى الكبرى على …": a plural of no stated size does not name who agreed (وافق/توافق
        need the parties named)."""
        r = self.resolver
        chain = r.chain_after(b, stop)[0] or r.chain_before(a, self.floor(i, sent_start))
        return any(m.kind == "ref" and m.size < 2 for m in chain)

    def counterpart(self, start: int, stop: int, within: int = 6) -> tuple[list[Mention], int, bool]:
        """The chain after "مع" found within a few words from ``start`` (or after "بينها و": مذكرة تفاهم
        بينها وجامعة الشرق الأوسط)."""
        words = self.words
        k = words.index_from(start)
        for n in range(k, min(k + within, len(words))):
            if words.starts[n] >= stop:
                break
            w = words.word(n)
            if w == "مع":
                listed = self.enumeration(n + 1, stop)
                if listed is not None:
                    return listed
                return self.resolver.chain_after(words.ends[n], stop, fallback=True)
            if w in BETWEEN_PRONOUNS and words.word(n + 1)[:1] == "و":
                return self.resolver.chain_after(words.ends[n], stop, fallback=True)
        return [], start, False

    def enumeration(self, k: int, stop: int) -> tuple[list[Mention], int, bool] | None:
        """"مع سبع دول هي : الفلبين، الهند …": the listed partners, each a separate bilateral agreement."""
        words = self.words
        for n in range(k, min(k + 5, len(words))):
            w = words.word(n)
            if w == ":" or w in ("هي", "وهي", "هم", "وهم") and words.word(n + 1) == ":":
                colon = n if w == ":" else n + 1
                sent_end = words.sentence_of(words.starts[colon])[1]
                chain, end, _ = self.resolver.chain_after(words.ends[colon], sent_end)
                return (chain, end, True) if len(chain) >= 2 else None
            if w in COMMAS or w == "." or words.starts[n] >= stop:
                return None
        return None

    def group_reference(self, counter: list[Mention], sentence: int) -> tuple[list[Party], list[Party]] | None:
        """"اتفقت المملكة مع الدول المرسلة …" after "وقعت … مع كل من أ وب": the same bilateral partners."""
        if len(counter) != 1 or counter[0].kind != "ref" or self.last_group is None:
            return None
        subject, partners, at, _group = self.last_group
        size = counter[0].size
        if sentence - at > 6 or size >= 2 and size != len(partners):
            return None
        return subject, partners

    def agree_verb(self, a: int, b: int, i: int, tf: TriggerForm, sent_start: int, sent_end: int,
                   limit: int) -> list[Statement]:
        words = self.words
        on = self.find_word(b, limit, "علي", _COMPLEMENT_WITHIN)
        if on is None:
            return []
        on_pos = words.starts[on]
        counter, counter_end, distributive = self.counterpart(b, on_pos, within=_COMPLEMENT_WITHIN)
        grouped = self.group_reference(counter, words.sentence_index(a))
        if grouped:
            region = self.read_complement(on, limit, sent_end, a)
            found = self.statements_for(tf, a, b, grouped[0], grouped[1], False, region.items, region.end,
                                        per_partner=True)
            return found
        counter_parties = self.resolver.parties(counter, a)
        exclude = {state_key(p) for p in counter_parties} | {p.key for p in counter_parties}
        subject, _ = self.subject(a, b, i, tf, sent_start, on_pos, exclude)
        subject = self.counterpart_states(counter, subject)
        if tf.explicit_parties and (len(subject) + len(counter_parties) < 2 or self._vague_subject(a, b, i, sent_start,
                                                                                               on_pos)):
            return []
        region = self.read_complement(on, limit, sent_end, a)
        return self.statements_for(tf, a, b, subject, counter_parties, distributive, region.items, region.end)

    def find_word(self, start: int, limit: int, word: str, within: int) -> int | None:
        words = self.words
        k = words.index_from(start)
        for n in range(k, min(k + within, len(words))):
            if words.starts[n] >= limit:
                return None
            if words.word(n) == word:
                return n
        return None

    def read_complement(self, on: int, limit: int, sent_end: int, trigger: int | None = None) -> Region:
        """Terms after على at token ``on`` (على أن …: one clause) of the trigger at ``trigger``."""
        words = self.words
        clause = words.word(on + 1) in ("ان", "أن")
        region = read(words, words.ends[on], limit, clause=clause)
        if not region.items and words.word(on + 1) in _DEMONSTRATIVES:
            region.items = self.antecedent_term(on, words.starts[on] if trigger is None else trigger)
        return region

    def antecedent_term(self, on: int, before: int) -> list[tuple[int, int]]:
        """"اتفق الجانبان على ذلك": what ذلك refers to, the complement of the last على before the trigger
        (at ``before``) in the sentence (or the one before) that opens a term (شدد على وجوب إنهاء الصراع …)."""
        words = self.words
        first = words.index_from(words.sentences[max(0, words.sentence_index(words.starts[on]) - 1)][0])
        for k in range(words.index_from(before) - 1, first - 1, -1):
            if words.word(k) != "علي":
                continue
            nxt = words.word(k + 1)
            if nxt in ("ان", "أن") or len(nxt) >= 3 and nxt.isalpha() and not in_set(nxt, self.pw["name_stops"]):
                region = read(words, words.ends[k], before, clause=nxt in ("ان", "أن"))
                return region.items[:1]
        return []

    # ------------------------------------------------------------------ nouns

    def noun_trigger(self, a: int, b: int, i: int, tf: TriggerForm, sent_start: int, sent_end: int,
                     limit: int, prefix: str = "") -> list[Statement]:
        words, r = self.words, self.resolver
        form = words.norm[a:b]
        prev = words.word(i - 1)
        if form.startswith("ال"):
            on = self.passive_on(i) if prev in self.tw["passive"] else None
            if on is None:
                return []
            parties = self.passive_parties(a)
            region = self.read_complement(on, limit, sent_end)
            return self.statements_for(tf, a, b, parties, [], False, region.items, region.end)
        if prev in ("هناك", "اي"):
            return []
        chain, end, _ = r.chain_after(b, limit)
        adjectives = bool(chain) and all(m.kind == "country" and m.form == "adjective" for m in chain)
        parties = r.parties(chain, a)
        counter, counter_end, distributive = self.counterpart(end, limit, within=3)
        counter_parties = r.parties(counter, a)
        end = max(end, counter_end)
        k = words.index_from(end)
        between: list[Mention] = []
        if words.word(k) == "بين":
            between, bend, _ = r.chain_after(words.ends[k], limit, fallback=True)
            if between:
                parties += r.parties(between, a)
                end = bend
        if not parties and not counter_parties:
            if self.in_headline(a) and tf.kind == "noun":
                # "اتفاق لإنهاء إضرابات الأطباء": a headline naming no one restates the lede's agreement;
                # "اتفاق لتنظيم العمالة بين الكويت والفلبين": its parties close it
                region = self.read_intro(end, limit, sent_end, allow_on=True)
                if region is None or not region.items:
                    return []
                parties = self._closing_parties(region.items, loose=True)
                return self.statements_for(tf, a, b, parties, [], False, region.items, region.end)
            if not self.is_outcome(i, prefix):
                return []
            parties = self.outcome_parties(sent_start, a)
        on = self.adjacent_on(end, limit)
        if on is not None:
            region = self.read_complement(on, limit, sent_end)
        elif adjectives or between:
            region = self.read_intro(end, limit, sent_end, allow_on=False)
            if region is None:
                return []
        else:
            return []
        return self.statements_for(tf, a, b, parties, counter_parties, distributive, region.items, region.end)

    def is_outcome(self, i: int, prefix: str) -> bool:
        """"توجت المباحثات باتفاق على …"، "أسفر الاجتماع عن اتفاق على …": the agreement is what talks
        ended in (an outcome verb right before it, through its ب or عن/إلى)."""
        words = self.words
        k = i - 1
        if "ب" not in prefix and words.word(k) in ("عن", "الي"):
            k -= 1
        elif "ب" not in prefix:
            return False
        return in_set(words.word(k), self.tw["outcomes"])

    def outcome_parties(self, sent_start: int, pos: int) -> list[Party]:
        """Who held the talks that ended in an agreement: "مباحثات بين X وY" or "قمة مصرية يمنية" earlier
        in the sentence."""
        words, r = self.words, self.resolver
        for k in range(words.index_at(pos) - 1, words.index_from(sent_start) - 1, -1):
            if words.word(k) == "بين":
                chain, _end, _ = r.chain_after(words.ends[k], pos, fallback=True)
                parties = _distinct(r.parties(chain, pos))
                if len(parties) >= 2:
                    return parties
        ms = self.index.mentions
        run: list[Mention] = []
        for m in ms[self.index.first_at_or_after(sent_start):self.index.first_at_or_after(pos)]:
            joined = run and not gap_words(words, run[-1].end, m.a) or run and is_coordination(
                gap_words(words, run[-1].end, m.a), self.pw, run[-1], m)
            if m.kind == "country" and m.form == "adjective" and (not run or joined):
                run.append(m)
            elif len(run) < 2:
                run = [m] if m.kind == "country" and m.form == "adjective" else []
            else:
                break
        return _distinct([party_of(m, explicit=False) for m in run]) if len(run) >= 2 else []

    def adjacent_on(self, pos: int, limit: int) -> int | None:
        """The على right after the parties of a noun trigger (اتفاق الجانبين على …), an apposition
        between commas allowed (مع فلان، رئيس الحكومة، على …)."""
        words = self.words
        k = words.index_from(pos)
        n = k
        while n < len(words) and words.starts[n] < limit and (words.word(n) in self.pw["time"]
                                                               and words.word(n) != "في"):
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

    def passive_on(self, i: int) -> int | None:
        """The على of "تم الاتفاق على", a filler allowed before it (تم الاتفاق خلالها على، تم الاتفاق مبدئيا على)."""
        words = self.words
        for k in range(i + 1, min(i + 4, len(words))):
            w = words.ws[k]
            if w == "علي":
                return k
            if w not in self.tw["passive_fillers"] and (w not in self.pw["time"] or w == "في"):
                return None
        return None

    def passive_parties(self, a: int) -> list[Party]:
        """Parties of "تم الاتفاق على": those present at the meeting the sentence reports (جلسة … بحضور
        ممثلين عن أ وب وج، وتم الاتفاق خلالها على), else the last two named since the previous agreement,
        else its parties."""
        r = self.resolver
        met = self.meeting_parties(a)
        if met:
            return met
        since = max((s.trigger[0] for s in self.statements if not s.headline), default=-1)
        recent = r.last_entities(a, 2, set())
        positions = [m.a for m in self.index.mentions if m.is_entity and since < m.a < a]
        if len({state_key(p) for p in recent}) == 2 and len(positions) >= 2:
            return recent
        if r.prior:
            return list(r.prior[-1])
        return recent

    def meeting_parties(self, a: int) -> list[Party]:
        """Every body named before ``a`` in its sentence when they include a coordinated list (the
        participants of the meeting in which something was agreed); places (في باريس) are not parties."""
        words, r, idx = self.words, self.resolver, self.index
        sent_start = words.sentence_of(a)[0]
        if any(sent_start <= s.trigger[0] < a for s in self.statements):
            return []
        lo, hi = idx.first_at_or_after(sent_start), idx.first_at_or_after(a)
        named = [m for m in idx.mentions[lo:hi] if m.is_entity and not (m.kind == "country" and r.prepositional(m))]
        if not any(is_coordination(gap_words(words, m.end, n.a), self.pw, m, n)
                   for m, n in zip(named, named[1:], strict=False)):
            return []
        parties = _distinct([party_of(m, words=words) for m in named])
        return _as_states(parties) if len(parties) >= 2 else []

    # -------------------------------------------------------------- documents

    def find_document(self, a: int, b: int, i: int, tf: TriggerForm, limit: int) -> tuple[int, int] | None:
        """Normalised span of the document noun the trigger needs (اتفاقية، مذكرة تفاهم …)."""
        words = self.words
        docs = documents()
        form = tf.form
        if tf.kind == "verb" and any(form.endswith(s) for s in _OBJECT_SUFFIXES) and len(form) > 4 \
                and form != "وقعتا":
            start = words.starts[max(0, i - 5)]
            found = [(da, db) for da, db, _p, _v in docs.finditer_norm(words.norm, start, a)]
            return found[-1] if found else None
        end_tok = min(i + 1 + tf.document_within, len(words))
        if tf.document_within > 4:
            # وقع الرئيس المصري …، ورئيس الوزراء الإثيوبي …، والرئيس السوداني …، اتفاق …: after a long subject
            _chain, chain_end, _ = self.resolver.chain_after(b, limit)
            if _chain:
                end_tok = max(end_tok, min(words.index_from(chain_end) + 6, len(words)))
        stop = min(limit, words.ends[end_tok - 1]) if end_tok > i + 1 else limit
        for da, db, _p, reach_only in docs.finditer_norm(words.norm, b, stop):
            if reach_only and tf.family != "reach":
                continue
            if tf.family == "reach":
                k = words.index_at(da)
                before = words.word(k - 1)
                clitic = words.norm[words.starts[k]:da]
                if before not in ("الي", "إلى") and "ل" not in clitic:
                    continue
            return da, db
        return None

    def document_trigger(self, a: int, b: int, i: int, tf: TriggerForm, sent_start: int, sent_end: int,
                         limit: int) -> list[Statement]:
        words, r = self.words, self.resolver
        doc = self.find_document(a, b, i, tf, limit)
        if doc is None:
            return []
        da, db = doc
        di = words.index_at(da)
        before_trigger = da < a
        if not before_trigger and words.norm[da:db].startswith("ال") and di <= i + 1 and tf.family in ("sign",
                                                                                                    "conclude"):
            return []  # وقع الاتفاقية فلان: the signatories of an agreement already reported
        if before_trigger and words.ws[di].startswith("ال") and words.ws[di].endswith("ات"):
            return []  # قائمة المذكرات التي أبرمتها الجامعة مع …: accords in general, not one act
        doc_end, informative = document_extent(words, di, limit if not before_trigger else a)
        if before_trigger:
            doc_end = words.ends[i - 1] if i > 0 else a
        follows = False  # a passive signing that goes on with the one just reported
        subject_stop = a if before_trigger else da
        # "مع" between the verb and the document, or right after the document
        counter, counter_end, distributive = self.counterpart(b, subject_stop if not before_trigger else limit,
                                                              within=12)
        if not counter and not before_trigger:
            counter, counter_end, distributive = self.counterpart(doc_end, limit, within=2)
        counter_parties = r.parties(counter, a)
        exclude = {state_key(p) for p in counter_parties} | {p.key for p in counter_parties}
        stop = da if not before_trigger else limit
        if counter and counter[0].a < stop:
            stop = min(stop, self._token_start_before(counter[0].a))
        if tf.kind == "masdar":
            subject, subject_end = (self.masdar_subject(b, da, exclude) if not before_trigger else []), b
        else:
            subject, subject_end = self.subject(a, b, i, tf, sent_start, stop, exclude)
        # "بين X وY" after the document
        end = max(doc_end, counter_end, subject_end if before_trigger else 0)
        k = words.index_from(doc_end)
        if not before_trigger and words.word(k) == "بين":
            # a body the lexicons lack, joined to a named one, is taken as written (… بين كلية الآداب بسوسة
            # والمندوبة الجهوية للتربية بسوسة)
            between, bend, _ = r.chain_after(words.ends[k], limit, fallback=True)
            if not any(m.kind not in ("ref", "other") for m in between):
                between, bend = [], k
            named = [m for m in between if m.kind not in ("ref",)]
            # التوقيع على مذكرة تفاهم بين البلدين: with no one else named, a reference will do
            if len(named) >= 2 or tf.kind == "masdar" and not subject and not counter_parties and len(
                    r.parties(between, a, exclude)) >= 2:
                subject = r.parties(between, a, exclude)
                end = max(end, bend)
        if tf.kind == "masdar" and not subject and (counter_parties or tf.form.endswith(("ه", "ها", "هما", "هم"))):
            # أعلنت الشركة توقيعها مذكرة تفاهم مع …: the signer is who the clause is about
            subject = r.pronoun_subject(self.floor(i, sent_start), a, tf.subject, exclude) \
                or r.pronoun_subject(sent_start, a, tf.subject, exclude)
        elif tf.kind == "masdar" and not subject:
            subject = self.masdar_parties(i, tf)
            follows = bool(subject)
        subject = self.counterpart_states(counter, subject)
        if di > 0 and number_of(words.ws[di - 1], self.pw["numbers"]) is not None and not before_trigger:
            da = words.starts[di - 1]  # وقعا 10 اتفاقيات: the batch with its number
        # هذه الاتفاقية: the document already reported, not a new one to describe
        fresh = informative and words.word(di - 1) not in _DEMONSTRATIVES
        items: list[tuple[int, int]] = [(da, doc_end)] if fresh else []
        region = self.read_intro(end, limit, sent_end, allow_on=tf.family in ("reach", "ratify", "renew"))
        if region is None and tf.family == "reach":
            on = self.find_word(end, limit, "علي", 8)
            if on is not None:
                region = self.read_complement(on, limit, sent_end)
        region_end = end
        if region is not None:
            items += region.items
            region_end = region.end
        others: list[Statement] = []
        for parties, more, more_end in self.further_documents(max(region_end, doc_end), limit, sent_end):
            if parties:  # … بالإضافة إلى مذكرة تفاهم ثانية لإنشاء شركة … بين شركة نفطال وشركة قطر للوقود
                others += self.statements_for(tf, a, b, parties, [], False, more, more_end)
            else:
                items += more
                region_end = max(region_end, more_end)
        found = self.statements_for(tf, a, b, subject, counter_parties, distributive, items, max(region_end, doc_end))
        if not subject and not counter_parties and tf.kind == "masdar" and informative and not words.ws[
                di].startswith("ال") and tf.family in ("sign", "conclude") and not self.in_headline(a):
            self.orphans.append(Statement(tf.action, tf.cameo, (a, b), [], list(items), (a, max(region_end, doc_end)),
                                          family=tf.family))
        if follows:
            for s in found:
                s.follows = True
        return found + others

    def further_documents(self, pos: int, limit: int, sent_end: int
                          ) -> list[tuple[list[Party], list[tuple[int, int]], int]]:
        """The next documents of a signing that lists them ("…، أما النص الثالث فيتعلق بالبرنامج …
        بالإضافة إلى نص آخر يتصل ب …"): for each, (its own parties when a بين X وY closes it, its terms,
        where it ends)."""
        words, tw, docs = self.words, self.terms, documents()
        out: list[tuple[list[Party], list[tuple[int, int]], int]] = []
        while len(out) < 12:
            k = words.index_from(pos)
            if k < len(words) and words.ws[k] in COMMAS:
                k += 1
            if k >= len(words) or words.starts[k] >= limit:
                break
            opener = words.match_any(k, tw["further_openers"])
            n = k + len(opener) if opener else k
            if n >= len(words) or words.starts[n] >= limit:
                break
            hit = docs.match_norm(words.norm, words.starts[n])
            listed = hit is None and in_set(words.ws[n], tw["further_nouns"])
            if not opener and (hit is None or "و" not in hit[2]) or hit is None and not listed or hit and hit[3]:
                break
            doc_end, informative = document_extent(words, n, limit)
            end = doc_end
            items: list[tuple[int, int]] = []
            j = words.index_from(doc_end)
            if in_set(words.word(j), tw["topic_verbs"]) and words.word(j + 1).startswith("ب"):
                # نص يتصل بالبرنامج التنفيذي …: what the text is about
                region = self.read_after_ba(j + 1, limit)
                items, end = region.items, region.end
            else:
                if informative and not listed:
                    start = hit[0] - 2 if hit and hit[2].endswith("ال") else hit[0] if hit else words.starts[n]
                    items.append((start, doc_end))
                region = self.read_intro(doc_end, limit, sent_end, allow_on=False)
                if region is not None:
                    items += region.items
                    end = max(end, region.end)
            if not items:
                break
            parties = self._closing_parties(items)
            b = words.index_from(end)
            if not parties and words.word(b) == "بين":
                chain, chain_end, _ = self.resolver.chain_after(words.ends[b], limit)
                if len(chain) >= 2 and all(m.is_entity for m in chain):
                    parties, end = _distinct(self.resolver.parties(chain, words.starts[b])), chain_end
            out.append((parties, items, end))
            pos = end
        return out

    def read_after_ba(self, k: int, limit: int) -> Region:
        """Terms from token ``k`` without its preposition ب (يتصل بالبرنامج التنفيذي → البرنامج التنفيذي)."""
        words = self.words
        region = read(words, words.starts[k], limit)
        if region.items and region.items[0][0] == words.starts[k] and words.ws[k].startswith("ب"):
            region.items[0] = (region.items[0][0] + 1, region.items[0][1])
        return region

    def _closing_parties(self, items: list[tuple[int, int]], loose: bool = False) -> list[Party]:
        """"… المتعلقة بها بين شركة نفطال وشركة قطر للوقود": parties named (not referred to) by a بين
        that closes the last term; the term is cut before it. ``loose`` (a headline: "اتفاق على هدنة
        ليومين بين الحكومة والمعارضة") also takes a government and a noun phrase as written."""
        words, r = self.words, self.resolver
        last_a, last_b = items[-1]
        for t in range(words.index_from(last_a), words.index_from(last_b)):
            if words.ws[t] != "بين":
                continue
            chain, chain_end, _ = r.chain_after(words.ends[t], last_b + 1, fallback=loose)
            named = [m for m in chain if m.is_entity or loose and m.kind == "government"]
            if len(named) >= 2 and chain_end >= last_b - 1 and len(named) == len(chain):
                if t > words.index_from(last_a):
                    items[-1] = (last_a, words.ends[t - 1])
                else:
                    items.pop()
                return _distinct(r.parties(chain, words.starts[t]))
        return []

    def masdar_subject(self, b: int, da: int, exclude: set[str]) -> list[Party]:
        """The signer named between a verbal noun and its document: "توقيع مصر والسودان اتفاقية …"،
        "توقيع "داماك العقارية" مذكرة تفاهم مع …" (a quoted name as written)."""
        words, r = self.words, self.resolver
        chain, chain_end, _ = r.chain_after(b, da)
        if chain and all(m.is_entity for m in chain) and not words.norm[chain_end:da].strip():
            return r.parties(chain, b, exclude)
        k, end = words.index_from(b), words.index_at(da)
        if end - k >= 3 and words.ws[k] in QUOTES_OPEN and words.ws[end - 1] in QUOTES_CLOSE and all(
                w.isalpha() for w in words.ws[k + 1:end - 1]) and end - k <= 6:
            qa, qb = words.starts[k + 1], words.ends[end - 2]
            return [party_of(Mention(qa, qb, "other", "X:" + words.norm[qa:qb], words.text(qa, qb)), words=words)]
        return []

    def masdar_parties(self, i: int, tf: TriggerForm) -> list[Party]:
        """Who signed when a passive verbal noun names no one ("كما تم التوقيع على مذكرة تفاهم …"): the
        signing just reported goes on, with its parties."""
        words = self.words
        if tf.family not in ("sign", "conclude") or words.word(i - 1) not in self.tw["passive"] or words.word(
                i - 2) in _RELATIVES:
            return []  # الدول التي تم توقيع اتفاقيات معها: a description, not a signing
        return self.resolver.prior_near(words.starts[i])

    def relative(self, i: int, tf: TriggerForm) -> bool:
        """A participle (الموقعة) or a verb after a relative pronoun with no object pronoun (الذي وقع):
        the document comes before the trigger and the parties after it."""
        if tf.kind == "participle":
            return True
        return tf.kind == "verb" and self.words.word(i - 1) in _RELATIVES and not tf.form.endswith(
            _OBJECT_SUFFIXES)

    def relative_document(self, i: int, sent_end: int) -> tuple[int, int, int, list[Mention], int] | None:
        """(document start, document end, its first token, the parties after بين, where they end) of
        "الاتفاقيات الموقعة بين الجزائر وقطر" / "الاتفاق النووي الذي وقع أخيرا بين إيران والقوى الست"."""
        words, docs = self.words, documents()
        rel = i - 1 if words.word(i - 1) in _RELATIVES else i
        for k in range(rel - 1, max(-1, rel - 5), -1):
            if words.ws[k] in COMMAS or not words.ws[k].isalnum():
                continue
            hit = docs.match_norm(words.norm, words.starts[k])
            if hit is None or hit[3]:  # تفاهم، هدنة alone: only after توصل
                continue
            for n in range(i + 1, min(i + 5, len(words))):
                w = words.ws[n]
                if w in self.pw["time"] and w != "في":
                    continue  # الذي وقع أمس بين …
                if w == "بين":
                    chain, end, _ = self.resolver.chain_after(words.ends[n], sent_end, fallback=True)
                    if len({state_key(p) for p in self.resolver.parties(chain, words.starts[i])}) >= 2:
                        da = hit[0] - 2 if hit[2].endswith("ال") else hit[0]  # الاتفاق النووي with its ال
                        return da, words.ends[rel - 1], k, chain, end
                    return None
                if not w.isalnum() or w in self.pw["name_stops"] and w != "في":
                    return None
            return None
        return None

    def relative_trigger(self, a: int, b: int, i: int, tf: TriggerForm, sent_end: int, limit: int
                         ) -> list[Statement]:
        """A signing told in a relative clause or a participle: the document before, بين X وY after."""
        found = self.relative_document(i, sent_end)
        if found is None:
            return []
        da, doc_end, di, chain, end = found
        words = self.words
        _extent, informative = document_extent(words, di, doc_end)
        items: list[tuple[int, int]] = [(da, doc_end)] if informative else []
        parties = self.resolver.parties(chain, a)
        if in_set(words.word(di - 1), self.terms["provision_verbs"]):
            # تشمل الاتفاقيات الموقعة بين الجزائر وقطر اتفاقية خاصة ب …: what they include follows
            region = read(words, end, limit)
        else:
            region = self.read_intro(end, limit, sent_end, allow_on=False)
        if region is not None:
            items += region.items
            end = max(end, region.end)
        found_statements = self.statements_for(tf, a, b, parties, [], False, items, end)
        for s in found_statements:
            s.span = (min(s.span[0], da), s.span[1])
        return found_statements

    def counterpart_states(self, counter: list[Mention], subject: list[Party]) -> list[Party]:
        """"مدير الشركة السودانية … وقع مع نظيره الإثيوبي": with a counterpart named as the country of
        the signer's counterpart, the agreement is between states, and the signer's body stands for its
        state."""
        if not counter or counter[0].kind != "country":
            return subject
        k = self.words.index_at(counter[0].a)
        if not self.words.word(k - 1).startswith("نظير"):
            return subject
        out = []
        for p in subject:
            if p.kind == "organisation":
                found = next(iter(country_matcher().finditer_norm(normalize(p.name))), None)
                if found is not None:
                    p = country_party(found[3].country.code) or p
            out.append(p)
        return out

    def _token_start_before(self, pos: int) -> int:
        k = self.words.index_at(pos)
        return self.words.starts[k]

    def read_intro(self, pos: int, limit: int, sent_end: int, allow_on: bool) -> Region | None:
        """Terms introduced right after ``pos``: a purpose (لـ، بهدف), a topic (بشأن، حول، في قضية),
        a provision (بموجبها، يقضي، ينص على، بحيث، تتضمن) or على."""
        words, tw = self.words, self.terms
        k = words.index_from(pos)
        n = k
        while n < len(words) and n - k < 6:
            w = words.word(n)
            if w in COMMAS or w in self.pw["time"] and w != "في" or _nationality(w):
                n += 1  # … مع شركة "داماك العقارية" الإماراتية، وذلك بهدف …
                continue
            place = self._place_after(n)
            if place == n:
                break
            n = place  # … وجامعة الشرق الأوسط بالمملكة الأردنية الهاشمية بغرض …
        if n >= len(words) or words.starts[n] >= limit:
            return None
        if n >= len(words) or words.starts[n] >= limit:
            return None
        w = words.word(n)
        if allow_on and w == "علي":
            return self.read_complement(n, limit, sent_end)
        marker = words.match_any(n, tw["purpose"])
        if marker:
            return read(words, words.ends[n + len(marker) - 1], limit)
        if is_purpose_word(w):
            return read(words, words.starts[n], limit)
        if in_set(w, tw["topic_verbs"]) and words.word(n + 1).startswith("ب"):
            return self.read_after_ba(n + 1, limit)  # اتفاقية تتعلق بتنظيم العمالة
        topic = words.match_any(n, tw["topic"])
        if topic:
            # في قضية/مسألة/ملف X: the matter is the term; بشأن/حول/في شأن X: X is
            keep = len(topic) == 2 and topic[1] in ("قضيه", "مساله", "ملف")
            start = words.starts[n + 1] if keep else words.ends[n + len(topic) - 1]
            return read(words, start, limit)
        return self.provision_at(n, limit, sent_end)

    def _place_after(self, n: int) -> int:
        """The token after a country named as a place at token ``n`` (بالمملكة الأردنية الهاشمية، في مصر),
        else ``n``."""
        words = self.words
        w = words.word(n)
        k = n + 1 if w == "في" else n
        if k != n or w[:1] == "ب":
            hit = country_matcher().match_norm(words.norm, words.starts[k]) if k < len(words) else None
            if hit is not None and (k != n or "ب" in hit[2]):
                return words.index_from(hit[1])
        return n

    def provision_at(self, n: int, limit: int, sent_end: int) -> Region | None:
        """Terms of a provision clause starting at token ``n`` (يقوم بموجبها …، تتضمن …، ينص على …، بحيث …)."""
        words, tw = self.words, self.terms
        w = words.word(n)
        k = n
        if in_set(w, tw["provision_verbs"]) or w[:1] in "يت" and words.match_any(n + 1, tw["provision_preps"]):
            if not in_set(w, tw["provision_verbs"]):
                k = n + 1
            else:
                k = self._skip_document_reference(n + 1)
                nxt = words.word(k)
                if nxt == "علي":
                    k += 1
                return read(words, words.starts[k] if k < len(words) else limit, limit,
                            clause=words.word(k) in ("ان", "أن"), provisions=True)
        prep = words.match_any(k, tw["provision_preps"])
        if not prep:
            return None
        k += len(prep)
        k = self._skip_document_reference(k)
        if prep[-1] in ("بحيث", "ان", "أن") or words.word(k) in ("ان", "أن"):
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

    def _skip_document_reference(self, k: int) -> int:
        words = self.words
        start = k
        while k < len(words) and k - start < 4 and (words.word(k) in _DOC_REFERENCES or words.word(k) in (
                "بنود", "نص", "احكام", "شروط", "التفاهم", "هذه", "هذا") or words.word(k) in COMMAS):
            k += 1
        return k

    # ------------------------------------------------------------- statements

    def statements_for(self, tf: TriggerForm, a: int, b: int, subject: list[Party], counter: list[Party],
                       distributive: bool, items: list[tuple[int, int]], end: int,
                       per_partner: bool = False) -> list[Statement]:
        """One statement, or one per partner for a distributive signing (مع كل من أ وب).

        ``per_partner``: the partners of the last distributive signing referred to again (مع الدول
        المرسلة): one statement each, in that signing's group so they merge with it.
        """
        head = self.in_headline(a)
        subject = _distinct(subject)
        counter = [p for p in _distinct(counter) if state_key(p) not in {state_key(s) for s in subject}]
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
            parties = _as_states(_distinct(parties))
            if len(parties) < 2 and not head:
                continue
            starts = [p.span[0] for p in parties if p.span and p.span[0] < a] + [a]
            span = (min(starts), max(end, b))
            out.append(Statement(tf.action, tf.cameo, (a, b), parties, list(items), span, head, group, tf.family))
        return out

    # ------------------------------------------------------------- provisions

    def provisions(self) -> None:
        """Provisions stated in a later sentence (تتضمن مذكرة التفاهم …، نص الاتفاق على …، بموجب الاتفاق …)."""
        words, tw = self.words, self.terms
        body = [s.trigger[0] for s in self.statements if not s.headline]
        if not body:
            return
        ws = words.ws
        first = words.index_from(min(body)) + 1
        # the word after a provision verb or بموجب names the document, and an undertaking verb opens its own
        # provision: look at those words first (set lookups)
        undertaking = self.terms["undertakings"]
        either = _provision_openers()
        candidates = [j for j in range(first, len(ws)) if ws[j] in either]
        for n in [j - 1 for j in candidates if ws[j] in _PROVISION_OBJECTS]:
            w = ws[n]
            is_verb = in_set(w, tw["provision_verbs"])
            is_prep = w in ("بموجب", "بمقتضي", "وبموجب", "وبمقتضي") and ws[n + 1] in _DOC_REFERENCES
            if not (is_verb or is_prep):
                continue
            at = words.starts[n]
            target = self._latest_statement(at)
            if target is None or at < target.span[1]:
                continue
            sent_start, sent_end = words.sentence_of(at)
            limit = self.next_trigger(at, sent_end)
            if is_verb:
                region = self.provision_at(n, limit, sent_end)
            else:
                k = self._skip_document_reference(n + 1)
                clause = words.word(k) in ("ان", "أن")
                start = words.starts[k] if k < len(words) else limit
                region = read(words, start, limit, clause=True) if clause else None
            if region is None or not region.items:
                continue
            self._add_provision(target, region, at)
        self.undertakings([j for j in candidates if ws[j] in undertaking])

    def _add_provision(self, target: Statement, region: Region, at: int) -> None:
        """Add the terms of a provision stated at ``at`` to the statement it belongs to (and its group), in
        text order."""
        for s in self.statements:
            if s is target or target.group >= 0 and s.group == target.group:
                s.terms = sorted(set(s.terms + region.items))
                s.extra_spans.append((at, region.end))

    def undertakings(self, found: list[int]) -> None:
        """"كما ستتولى المندوبية الإشراف على …" opening a sentence after a signing (tokens ``found``): what a
        party undertakes under it (تتولى، تلتزم، تتكفل … in the present or future) is a provision too."""
        words = self.words
        ws = words.ws
        for n in found:
            at = words.starts[n]
            sent_start, sent_end = words.sentence_of(at)
            opener = words.index_from(sent_start)
            if not (n == opener or n == opener + 1 and ws[opener] in ("كما", "وكما")):
                continue
            target = self._latest_statement(at)
            if target is None or at < target.span[1] \
                    or words.sentence_index(at) - words.sentence_index(target.trigger[0]) > _UNDERTAKING_WITHIN \
                    or not any(s.family in ("sign", "conclude") and s.keys() == target.keys() for s in self.statements):
                continue
            region = read(words, at, self.next_trigger(at, sent_end), clause=True, lists=False)
            if region.items:
                self._add_provision(target, region, at)

    def _latest_statement(self, pos: int) -> Statement | None:
        words = self.words
        best = None
        for s in self.statements:
            if s.trigger[0] < pos and not s.headline and s.family in ("sign", "conclude", "reach", "agree"):
                best = s
        if best is None:
            return None
        if words.sentence_index(pos) - words.sentence_index(best.trigger[0]) > 8:
            return None
        return best


@lru_cache(maxsize=1)
def _provision_openers() -> frozenset[str]:
    """The words that open a later provision: the document named after a provision verb, an undertaking."""
    return _PROVISION_OBJECTS | term_words()["undertakings"]


def _nationality(word: str) -> bool:
    """A country adjective standing on its own (الإماراتية after a company's name)."""
    if not word.startswith("ال"):
        return False
    found = country_matcher().lookup(word)
    return found is not None and found.form == "adjective"


def _distinct(parties: list[Party]) -> list[Party]:
    seen: set[str] = set()
    out = []
    for p in parties:
        k = state_key(p)
        if k in seen or p.key in seen:
            continue
        seen.add(k)
        seen.add(p.key)
        out.append(p)
    return out


def _as_states(parties: list[Party]) -> list[Party]:
    """Leaders and officials stand for their states when every party is a state."""
    if all(p.kind == "country" or p.kind == "person" and p.country for p in parties):
        return _distinct([p.as_country() if p.kind == "person" else p for p in parties])
    return parties

