"""Agreements: who agreed with whom, on what (GUIDELINES "Agreements"; CAMEO 057/030).

For every trigger (``data/agreement_triggers.json``: اتفق/وافق على، وقّع
اتفاقية/مذكرة تفاهم، أبرم/عقد اتفاقا، توصل إلى اتفاق، جدد، صادق، تم الاتفاق
على، اتفاق سعودي مالطي …) that is not negated (لم يتفقوا), hedged (دعا إلى
الاتفاق، يأمل التوصل، للتوصل) or a mere mention of an old accord, the
parties are read around it (:mod:`.agreement.parties`: coordinated subjects,
X مع Y، بين X وY، references such as البلدان/الدول الثلاث resolved to the
parties named before, capitals/governments/leaders as their countries,
signatories as the bodies they sign for) and the terms after it
(:mod:`.agreement.terms`). Provisions stated later (تتضمن المذكرة …، نص
الاتفاق على …) are added to the agreement they describe, and restatements
(headline, lede, quote) are merged (:mod:`.agreement.assemble`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from typing import Any

from ..countries import country_matcher
from ..normalize import normalize
from ..segment import Article
from .agreement.assemble import Statement, merge_statements, record
from .agreement.mentions import Index, Mention, build_index, gap_words
from .agreement.parties import Party, Resolver, country_party, state_key
from .agreement.terms import Region, document_extent, is_purpose_word, numbered_items, read
from .agreement.tokens import COMMAS, Words
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


# Every trigger form contains one of these: the words around them are the only places worth matching.
_STEMS = ("تفق", "تفاق", "وقع", "وقي", "توصل", "برم", "برام", "عقد", "جدد", "جديد", "صادق", "وافق", "امض",
          "مذكره", "معاهده", "بروتوكول")
_DOCUMENT_STEMS = ("اتفاق", "مذكر", "بروتوكول", "معاهد", "ميثاق", "عقد", "صفق", "وثيق", "اعلان", "تفاهم", "تسوي",
                   "هدن", "صيغ")
_LOOKAHEAD = 240  # characters after a trigger in which its على or document must appear
_NUMBERED_LINE = re.compile(r"\s*[0-9٠-٩]+\s*[-–.)]")


def extract(article: Article, headline: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The agreements the article reports, as document records (see the module docstring)."""
    norm = article.norm
    hits = [h for h in _trigger_hits(norm) if _plausible(norm, *h)]
    if not hits:
        return []
    words = Words(article, _ranges(article, hits))
    reader = _Reader(words, hits, headline)
    if not reader.worth_reading():
        return []
    statements = reader.run()
    return [record(ag) for ag in merge_statements(statements, words)]


_CONTEXT_BEFORE = 2  # sentences before a trigger where its parties or their antecedents may be named
_PROVISION_STEMS = ("تتضمن", "يتضمن", "تضمن", "ينص", "تنص", "نص ال", "يقضي", "تقضي", "تشترط", "يشترط", "تشمل",
                    "يشمل", "شملت", "تؤسس", "بموجب", "بمقتضي")


def _ranges(article: Article, hits: list) -> list[tuple[int, int]]:
    """The normalised spans worth reading: the headline, each possible act with the sentences before it
    (antecedents) and the one after, numbered lists of terms, and later sentences stating provisions."""
    norm = article.norm
    sentences = article.sentences
    spans = [(article.norm_index(s.start), article.norm_index(s.end)) for s in sentences]
    starts = [a for a, _ in spans]
    keep: set[int] = {k for k, s in enumerate(sentences) if s.paragraph == 0}
    last = 0
    for a, _b, _p, _tf in hits:
        k = max(0, bisect_right(starts, a) - 1)
        keep.update(range(max(0, k - _CONTEXT_BEFORE), min(len(spans), k + 2)))
        last = max(last, k)
        n = k + 1
        while n < len(sentences) and _NUMBERED_LINE.match(sentences[n].text):
            keep.add(n)  # a numbered list of terms (1- …، 2- …)
            n += 1
    for k in range(last + 1, min(len(spans), last + 9)):
        if any(stem in norm[spans[k][0]:spans[k][1]] for stem in _PROVISION_STEMS):
            keep.add(k)
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
    for stem in _STEMS:
        pos = norm.find(stem)
        while pos >= 0:
            start = pos
            while start > 0 and norm[start - 1].isalnum():
                start -= 1
            starts.add(start)
            pos = norm.find(stem, pos + len(stem))
    return triggers().matches_at(norm, sorted(starts))


def _plausible(norm: str, a: int, b: int, prefix: str, tf: TriggerForm) -> bool:
    """A cheap first look (no tokens, no mentions): can this hit be an act of agreeing at all?

    Most articles use وقع (occurred) or عقد (held) and never agree on anything; they are
    dismissed here, before the article is tokenised and its parties indexed.
    """
    if "ل" in prefix:
        return False
    window = norm[b:b + _LOOKAHEAD]
    if tf.document:
        return any(stem in window for stem in _DOCUMENT_STEMS) or tf.form.endswith(("ه", "ها", "هما"))
    if tf.kind in ("noun", "headline_noun"):
        return "علي" in window[:120] or a < 200
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
        if words.toks[i].w.startswith("ال"):
            return words.word(i - 1) in self.tw["passive"] and words.word(i + 1) == "علي"
        nxt = words.word(i + 1)
        return (self.find_word(b, sent_end, "علي", 14) is not None or "بين" in (nxt, words.word(i + 2))
                or nxt.endswith(("ي", "يه")) and len(nxt) > 3)

    # ---------------------------------------------------------------- driver

    def run(self) -> list[Statement]:
        # Only an act of agreeing ends the terms of the one before it (not اتفاق named inside a term).
        self.trigger_starts = [a for a, b, prefix, tf in self.hits if self.is_act(a, b, prefix, tf)]
        for a, b, prefix, tf in self.hits:
            found = self.read_trigger(a, b, prefix, tf)
            for s in found:
                self.statements.append(s)
                if len(s.parties) >= 2 and not s.headline:
                    self.resolver.prior.append(s.parties)
        self.provisions()
        return self.statements

    def is_act(self, a: int, b: int, prefix: str, tf: TriggerForm) -> bool:
        """Whether a verb trigger reports an act (it then ends the clause of the trigger before it)."""
        words = self.words
        if tf.kind != "verb":
            return False
        i = words.index_at(a)
        sent_start, sent_end = words.sentence_of(a)
        if self.blocked(i, sent_start, tf, prefix):
            return False
        if tf.document:
            return self.find_document(a, b, i, tf, sent_end) is not None
        return self.find_word(b, sent_end, "علي", _COMPLEMENT_WITHIN) is not None

    def in_headline(self, pos: int) -> bool:
        return self.head is not None and self.head[0] <= pos < self.head[1]

    def next_trigger(self, pos: int, sent_end: int) -> int:
        for a in self.trigger_starts:
            if a > pos:
                return min(a, sent_end)
        return sent_end

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
        before = [words.word(k) for k in range(max(0, i - 3), i) if words.toks[k].a >= sent_start]
        if any(in_set(w, self.tw["negations"]) for w in before):
            return True
        window = before[-2:] if tf.kind == "verb" else before
        if any(in_set(w, self.tw["hedges"]) for w in window):
            return True
        if tf.imperfect and before and before[-1] in self.tw["subjunctive"]:
            return True
        if tf.kind == "masdar" and tf.family in ("reach", "conclude", "renew"):
            if not any(in_set(w, self.tw["assertions"]) for w in before) and not self.in_headline(words.toks[i].a):
                return True
        return False

    def floor(self, i: int, sent_start: int) -> int:
        """Start of the clause the trigger is in (after إن/أن/حيث/كما …, or the quotation mark it is inside)."""
        words = self.words
        first = words.index_from(sent_start)
        straight = sum(1 for k in range(first, i) if words.toks[k].w == '"') % 2 == 1
        closed = 0
        for k in range(i - 1, -1, -1):
            t = words.toks[k]
            if t.a < sent_start:
                return sent_start
            if t.w in self.pw["openers"] or t.w == ":":
                return t.b
            if t.w in "»”":
                closed += 1
            elif t.w in "«“":
                if closed == 0:
                    return t.b
                closed -= 1
            elif t.w == '"' and straight:
                return t.b
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
            return self.noun_trigger(a, b, i, tf, sent_start, sent_end, limit)
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
            elif tf.subject == 0:
                parties = (list(r.prior[-1]) if r.prior else []) + parties
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
        """The chain after "مع" found within a few words from ``start``."""
        words = self.words
        k = words.index_from(start)
        for n in range(k, min(k + within, len(words))):
            if words.toks[n].a >= stop:
                break
            if words.word(n) == "مع":
                listed = self.enumeration(n + 1, stop)
                if listed is not None:
                    return listed
                return self.resolver.chain_after(words.toks[n].b, stop, fallback=True)
        return [], start, False

    def enumeration(self, k: int, stop: int) -> tuple[list[Mention], int, bool] | None:
        """"مع سبع دول هي : الفلبين، الهند …": the listed partners, each a separate bilateral agreement."""
        words = self.words
        for n in range(k, min(k + 5, len(words))):
            w = words.word(n)
            if w == ":" or w in ("هي", "وهي", "هم", "وهم") and words.word(n + 1) == ":":
                colon = n if w == ":" else n + 1
                sent_end = words.sentence_of(words.toks[colon].a)[1]
                chain, end, _ = self.resolver.chain_after(words.toks[colon].b, sent_end)
                return (chain, end, True) if len(chain) >= 2 else None
            if w in COMMAS or w == "." or words.toks[n].a >= stop:
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
        on_pos = words.toks[on].a
        counter, counter_end, distributive = self.counterpart(b, on_pos, within=_COMPLEMENT_WITHIN)
        grouped = self.group_reference(counter, words.sentence_index(a))
        if grouped:
            region = self.read_complement(on, limit, sent_end)
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
        region = self.read_complement(on, limit, sent_end)
        return self.statements_for(tf, a, b, subject, counter_parties, distributive, region.items, region.end)

    def find_word(self, start: int, limit: int, word: str, within: int) -> int | None:
        words = self.words
        k = words.index_from(start)
        for n in range(k, min(k + within, len(words))):
            if words.toks[n].a >= limit:
                return None
            if words.word(n) == word:
                return n
        return None

    def read_complement(self, on: int, limit: int, sent_end: int) -> Region:
        """Terms after على at token ``on`` (على أن …: one clause)."""
        words = self.words
        clause = words.word(on + 1) in ("ان", "أن")
        region = read(words, words.toks[on].b, limit, clause=clause)
        if region.colon:
            region.items += numbered_items(words, region.end)
        return region

    # ------------------------------------------------------------------ nouns

    def noun_trigger(self, a: int, b: int, i: int, tf: TriggerForm, sent_start: int, sent_end: int,
                     limit: int) -> list[Statement]:
        words, r = self.words, self.resolver
        form = words.norm[a:b]
        prev = words.word(i - 1)
        if form.startswith("ال"):
            if not (prev in self.tw["passive"] and words.word(i + 1) == "علي"):
                return []
            parties = self.passive_parties(a)
            region = self.read_complement(i + 1, limit, sent_end)
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
            between, bend, _ = r.chain_after(words.toks[k].b, limit, fallback=True)
            if between:
                parties += r.parties(between, a)
                end = bend
        if not parties and not counter_parties:
            return []
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

    def adjacent_on(self, pos: int, limit: int) -> int | None:
        """The على right after the parties of a noun trigger (اتفاق الجانبين على …), an apposition
        between commas allowed (مع فلان، رئيس الحكومة، على …)."""
        words = self.words
        k = words.index_from(pos)
        n = k
        while n < len(words) and words.toks[n].a < limit and (words.word(n) in self.pw["time"]
                                                               and words.word(n) != "في"):
            n += 1
        if words.word(n) == "علي":
            return n
        if words.word(n) in COMMAS:
            for m in range(n + 1, min(n + 10, len(words))):
                if words.toks[m].a >= limit:
                    return None
                if words.word(m) in COMMAS:
                    return m + 1 if words.word(m + 1) == "علي" else None
        return None

    def passive_parties(self, a: int) -> list[Party]:
        """Parties of "تم الاتفاق على": the last two named since the previous agreement, else its parties."""
        r = self.resolver
        since = max((s.trigger[0] for s in self.statements if not s.headline), default=-1)
        recent = r.last_entities(a, 2, set())
        positions = [m.a for m in self.index.mentions if m.is_entity and since < m.a < a]
        if len({state_key(p) for p in recent}) == 2 and len(positions) >= 2:
            return recent
        if r.prior:
            return list(r.prior[-1])
        return recent

    # -------------------------------------------------------------- documents

    def find_document(self, a: int, b: int, i: int, tf: TriggerForm, limit: int) -> tuple[int, int] | None:
        """Normalised span of the document noun the trigger needs (اتفاقية، مذكرة تفاهم …)."""
        words = self.words
        docs = documents()
        form = tf.form
        if any(form.endswith(s) for s in _OBJECT_SUFFIXES) and len(form) > 4 and form not in ("وقعتا", "توقيع"):
            start = words.toks[max(0, i - 5)].a
            found = [(da, db) for da, db, _p, _v in docs.finditer_norm(words.norm, start, a)]
            return found[-1] if found else None
        end_tok = min(i + 1 + tf.document_within, len(words))
        if tf.document_within > 4:
            # وقع الرئيس المصري …، ورئيس الوزراء الإثيوبي …، والرئيس السوداني …، اتفاق …: after a long subject
            _chain, chain_end, _ = self.resolver.chain_after(b, limit)
            if _chain:
                end_tok = max(end_tok, min(words.index_from(chain_end) + 6, len(words)))
        stop = min(limit, words.toks[end_tok - 1].b) if end_tok > i + 1 else limit
        for da, db, _p, reach_only in docs.finditer_norm(words.norm, b, stop):
            if reach_only and tf.family != "reach":
                continue
            if tf.family == "reach":
                k = words.index_at(da)
                before = words.word(k - 1)
                clitic = words.norm[words.toks[k].a:da]
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
        if before_trigger and words.toks[di].w.startswith("ال") and words.toks[di].w.endswith("ات"):
            return []  # قائمة المذكرات التي أبرمتها الجامعة مع …: accords in general, not one act
        doc_end, informative = document_extent(words, di, limit if not before_trigger else a)
        if before_trigger:
            doc_end = words.toks[i - 1].b if i > 0 else a
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
            subject, subject_end = [], b
        else:
            subject, subject_end = self.subject(a, b, i, tf, sent_start, stop, exclude)
        # "بين X وY" after the document
        end = max(doc_end, counter_end, subject_end if before_trigger else 0)
        k = words.index_from(doc_end)
        if not before_trigger and words.word(k) == "بين":
            between, bend, _ = r.chain_after(words.toks[k].b, limit)
            named = [m for m in between if m.kind not in ("ref",)]
            if len(named) >= 2:
                subject = r.parties(between, a, exclude)
                end = max(end, bend)
        if tf.kind == "masdar" and not subject and counter_parties:
            subject = r.pronoun_subject(sent_start, a, 1, exclude)
        subject = self.counterpart_states(counter, subject)
        items: list[tuple[int, int]] = [(da, doc_end)] if informative else []
        region = self.read_intro(end, limit, sent_end, allow_on=tf.family in ("reach", "ratify", "renew"))
        if region is None and tf.family == "reach":
            on = self.find_word(end, limit, "علي", 8)
            if on is not None:
                region = self.read_complement(on, limit, sent_end)
        region_end = end
        if region is not None:
            items += region.items
            region_end = region.end
        return self.statements_for(tf, a, b, subject, counter_parties, distributive, items, max(region_end, doc_end))

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
        return self.words.toks[k].a

    def read_intro(self, pos: int, limit: int, sent_end: int, allow_on: bool) -> Region | None:
        """Terms introduced right after ``pos``: a purpose (لـ، بهدف), a topic (بشأن، حول، في قضية),
        a provision (بموجبها، يقضي، ينص على، بحيث، تتضمن) or على."""
        words, tw = self.words, self.terms
        k = words.index_from(pos)
        n = k
        while n < len(words) and n - k < 3 and (words.word(n) in COMMAS or words.word(n) in self.pw["time"]
                                                and words.word(n) not in ("في",)):
            n += 1
        if n >= len(words) or words.toks[n].a >= limit:
            return None
        w = words.word(n)
        if allow_on and w == "علي":
            return self.read_complement(n, limit, sent_end)
        marker = words.match_any(n, tw["purpose"])
        if marker:
            return read(words, words.toks[n + len(marker) - 1].b, limit)
        if is_purpose_word(w):
            return read(words, words.toks[n].a, limit)
        topic = words.match_any(n, tw["topic"])
        if topic:
            # في قضية/مسألة/ملف X: the matter is the term; بشأن/حول/في شأن X: X is
            keep = len(topic) == 2 and topic[1] in ("قضيه", "مساله", "ملف")
            start = words.toks[n + 1].a if keep else words.toks[n + len(topic) - 1].b
            return read(words, start, limit)
        return self.provision_at(n, limit, sent_end)

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
                return read(words, words.toks[k].a if k < len(words) else limit, limit,
                            clause=words.word(k) in ("ان", "أن"))
        prep = words.match_any(k, tw["provision_preps"])
        if not prep:
            return None
        k += len(prep)
        k = self._skip_document_reference(k)
        if prep[-1] in ("بحيث", "ان", "أن") or words.word(k) in ("ان", "أن"):
            return read(words, words.toks[k].a if k < len(words) else limit, limit, clause=True)
        # يقوم بموجبها أعضاء … بتشغيل …: the terms are the verbal nouns after ب
        for t in range(k, min(k + 20, len(words))):
            if words.toks[t].a >= limit:
                break
            wt = words.word(t)
            if wt.startswith("ب") and len(wt) > 3 and is_masdar(wt[1:]):
                return read(words, words.toks[t].a, limit)
        return read(words, words.toks[k].a if k < len(words) else limit, limit, clause=True)

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
        if not self.statements:
            return
        for n, tok in enumerate(words.toks):
            w = tok.w
            is_verb = in_set(w, tw["provision_verbs"]) and words.word(n + 1) in _DOC_REFERENCES + ("بنود", "نص")
            is_prep = w in ("بموجب", "بمقتضي", "وبموجب", "وبمقتضي") and words.word(n + 1) in _DOC_REFERENCES
            if not (is_verb or is_prep):
                continue
            target = self._latest_statement(tok.a)
            if target is None or tok.a < target.span[1]:
                continue
            sent_start, sent_end = words.sentence_of(tok.a)
            limit = self.next_trigger(tok.a, sent_end)
            if is_verb:
                region = self.provision_at(n, limit, sent_end)
            else:
                k = self._skip_document_reference(n + 1)
                clause = words.word(k) in ("ان", "أن")
                start = words.toks[k].a if k < len(words) else limit
                region = read(words, start, limit, clause=True) if clause else None
            if region is None or not region.items:
                continue
            for s in self.statements:
                if s is target or target.group >= 0 and s.group == target.group:
                    s.terms += region.items
                    s.extra_spans.append((tok.a, region.end))

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

