"""The pass over an article's triggers: which are acts, and the statements each one reports.

Verbs of agreeing (اتفق/وافق على) and the noun اتفاق (اتفاق الجانبين على،
اتفاق سعودي مالطي، تم الاتفاق على، توجت المباحثات باتفاق على …) are read here;
triggers that need a document are read by :mod:`.signings`. Only an act ends
the terms of the trigger before it, so the acts are found first; the
provisions stated after them are added last (:mod:`.provisions`).
"""

from __future__ import annotations

from .acts import RESUMPTIVES, clause_start
from .assemble import Statement
from .complements import adjacent_on, find_word, passive_on, read_after_ba, read_complement, read_intro
from .mentions import Mention
from .parties import state_key
from .party_roles import (
    closing_parties,
    counterpart,
    counterpart_states,
    group_reference,
    outcome_parties,
    passive_parties,
    subject,
    vague_subject,
)
from .provisions import add_provisions
from .reading import Reading
from .signings import (
    adopt_orphans,
    document_trigger,
    find_document,
    is_relative,
    reached_matter,
    relative_document,
    relative_trigger,
)
from .terms import is_purpose_word
from .vocab import TriggerForm, documents, in_set, is_masdar

_COMPLEMENT_WITHIN = 25  # words between a verb and its على
_NOUN_COMPLEMENT_WITHIN = 14  # words between the noun اتفاق (and its parties) and its على
_NOUNS = ("noun", "headline_noun")


def worth_reading(rd: Reading) -> bool:
    """Whether any trigger passes the checks that need no parties (negation, hedges, its على or
    document): most articles stop here, before their mentions are indexed."""
    words = rd.words
    for a, b, prefix, tf in rd.hits:
        i = words.index_at(a)
        sent_start, sent_end = words.sentence_of(a)
        if i >= len(words) or rd.blocked(i, sent_start, tf, prefix):
            continue
        if tf.kind in _NOUNS:
            if _noun_worth_reading(rd, i, b, sent_end):
                return True
            continue
        if not tf.document and find_word(words, b, sent_end, "علي", _COMPLEMENT_WITHIN) is not None:
            return True
        if tf.document and any(True for _ in documents().finditer_norm(words.norm, max(0, a - 80), sent_end)):
            return True
    return False


def _noun_worth_reading(rd: Reading, i: int, b: int, sent_end: int) -> bool:
    """تم الاتفاق على; اتفاق + parties + على (within a few words); اتفاق سعودي مالطي; اتفاقية بين …"""
    words = rd.words
    if words.ws[i].startswith("ال"):  # تم الاتفاق على، تم الاتفاق (عليه) مع …
        return in_set(words.word(i - 1), rd.tw["passive"]) and (passive_on(words, i) is not None or "مع" in (
            words.word(i + 1), words.word(i + 2)) and words.word(i + 1) in (*RESUMPTIVES, "مع")
            or words.word(i + 1) == "بين")
    nxt = words.word(i + 1)
    return (find_word(words, b, sent_end, "علي", _NOUN_COMPLEMENT_WITHIN) is not None
            or "بين" in (nxt, words.word(i + 2))
            or nxt.endswith(("ي", "يه")) and len(nxt) > 3
            or rd.in_headline(words.starts[i]) and is_purpose_word(nxt))  # اتفاق لتبادل الأسرى بين …


def read_statements(rd: Reading) -> list[Statement]:
    """Every statement of the article, in text order, with the provisions stated after them."""
    # Only an act of agreeing ends the terms of the one before it (not اتفاق named inside a term).
    rd.trigger_starts = [_clause_of(rd, a, tf) for a, b, prefix, tf in rd.hits if _is_act(rd, a, b, prefix, tf)]
    for a, b, prefix, tf in rd.hits:
        for s in _read_trigger(rd, a, b, prefix, tf):
            rd.statements.append(s)
            if len(s.parties) >= 2 and not s.headline:
                rd.resolver.add_prior(s.parties, s.trigger[0], s.span)
                adopt_orphans(rd, s)
    add_provisions(rd)
    return rd.statements


def _clause_of(rd: Reading, a: int, tf: TriggerForm) -> int:
    """Where the clause of an act at ``a`` starts, for the terms before it to end: a passive noun with its
    marker and relative (…، وما تم الاتفاق عليه), else the trigger."""
    if tf.kind != "noun":
        return a
    words = rd.words
    i = words.index_at(a)
    k = i - 1 if in_set(words.word(i - 1), rd.tw["passive"]) else i
    if k < i and words.word(k - 1) in ("ما", "وما", "فما"):
        k -= 1
    return words.starts[k] if k < len(words) else a


def _is_act(rd: Reading, a: int, b: int, prefix: str, tf: TriggerForm) -> bool:
    """Whether a verb trigger, or a passive noun (تم الاتفاق), reports an act (it then ends the clause of
    the trigger before it)."""
    words = rd.words
    i = words.index_at(a)
    passive = tf.kind == "noun" and 0 < i < len(words) and words.ws[i].startswith("ال") \
        and in_set(words.ws[i - 1], rd.tw["passive"])
    if tf.kind != "verb" and not passive:
        return False
    sent_start, sent_end = words.sentence_of(a)
    if rd.blocked(i, sent_start, tf, prefix):
        return False
    if passive:  # with its على, or its parties after مع/بين (not "الالتزامات التي تم التوافق عليها في قمة …")
        return _noun_worth_reading(rd, i, b, sent_end)
    if tf.document and is_relative(words, i, tf) and relative_document(rd, i, sent_end) is not None:
        return True
    if tf.document:
        return find_document(rd, a, b, i, tf, sent_end) is not None
    return find_word(words, b, sent_end, "علي", _COMPLEMENT_WITHIN) is not None


def _read_trigger(rd: Reading, a: int, b: int, prefix: str, tf: TriggerForm) -> list[Statement]:
    """The statements the trigger at ``a``-``b`` reports (none when it is not an act)."""
    words = rd.words
    i = words.index_at(a)
    if i >= len(words):
        return []
    sent_start, sent_end = words.sentence_of(a)
    if rd.blocked(i, sent_start, tf, prefix):
        return []
    limit = rd.next_trigger(a, sent_end)
    if tf.kind in _NOUNS:
        return _noun_trigger(rd, a, b, i, tf, sent_start, limit, prefix)
    if tf.document and is_relative(words, i, tf):
        found = relative_trigger(rd, a, b, i, tf, sent_end, limit)
        if found or tf.kind == "participle":
            return found  # otherwise "الذي وقعت المدينة بشأنه اتفاقيتي تعاون": a verb with its object
    if tf.document:
        found = document_trigger(rd, a, b, i, tf, sent_start, limit)
        if not found and tf.family == "reach" and tf.kind == "masdar":
            found = reached_matter(rd, a, b, i, tf, limit)  # تم التوصل للعودة إلى التهدئة بين …
        return found
    return _agree_verb(rd, a, b, i, tf, sent_start, limit)


def _agree_verb(rd: Reading, a: int, b: int, i: int, tf: TriggerForm, sent_start: int, limit: int
                ) -> list[Statement]:
    """اتفق/وافق/توافق … على: the subject, a counterpart after مع, the terms after على."""
    words = rd.words
    on = find_word(words, b, limit, "علي", _COMPLEMENT_WITHIN)
    if on is None:
        return []
    on_pos = words.starts[on]
    counter, _counter_end, distributive = counterpart(rd, b, on_pos, within=_COMPLEMENT_WITHIN)
    grouped = group_reference(rd, counter, words.sentence_index(a))
    if grouped:
        region = read_complement(words, on, limit, a)
        return rd.statements_for(tf, a, b, grouped[0], grouped[1], False, region.items, region.end, per_partner=True)
    counter_parties = rd.resolver.parties(counter, a)
    exclude = {state_key(p) for p in counter_parties} | {p.key for p in counter_parties}
    parties, _ = subject(rd, a, b, i, tf, sent_start, on_pos, exclude)
    parties = counterpart_states(words, counter, parties)
    if tf.explicit_parties and (len(parties) + len(counter_parties) < 2
                                or vague_subject(rd, a, b, i, sent_start, on_pos)):
        return []
    region = read_complement(words, on, limit, a)
    return rd.statements_for(tf, a, b, parties, counter_parties, distributive, region.items, region.end)


def _noun_trigger(rd: Reading, a: int, b: int, i: int, tf: TriggerForm, sent_start: int, limit: int,
                  prefix: str) -> list[Statement]:
    """The noun اتفاق: تم الاتفاق على، اتفاق X وY / X مع Y / بين X وY على …، اتفاق سعودي مالطي ل …،
    the outcome of talks (توجت المباحثات باتفاق على …), a headline naming no one."""
    words, r = rd.words, rd.resolver
    form = words.norm[a:b]
    prev = words.word(i - 1)
    if form.startswith("ال"):
        passive = in_set(prev, rd.tw["passive"])  # تم، وجرى
        on = passive_on(words, i) if passive else None
        if on is None:
            return _passive_with(rd, a, b, i, tf, sent_start, limit) if passive else []
        parties = passive_parties(rd, a)
        region = read_complement(words, on, limit)
        return rd.statements_for(tf, a, b, parties, [], False, region.items, region.end)
    if prev in ("هناك", "اي"):
        return []
    chain, end, _ = r.chain_after(b, limit)
    adjectives = bool(chain) and all(m.kind == "country" and m.form == "adjective" for m in chain)
    parties = r.parties(chain, a)
    counter, counter_end, distributive = counterpart(rd, end, limit, within=3)
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
        if rd.in_headline(a) and tf.kind == "noun":
            # "اتفاق لإنهاء إضرابات الأطباء": a headline naming no one restates the lede's agreement;
            # "اتفاق لتنظيم العمالة بين الكويت والفلبين": its parties close it
            region = read_intro(words, end, limit, allow_on=True)
            if region is None or not region.items:
                return []
            parties = closing_parties(rd, region.items, loose=True)
            return rd.statements_for(tf, a, b, parties, [], False, region.items, region.end)
        if not _is_outcome(rd, i, prefix):
            return []
        parties = outcome_parties(rd, sent_start, a)
    on = adjacent_on(words, end, limit)
    if on is not None:
        region = read_complement(words, on, limit)
    elif adjectives or between:
        region = read_intro(words, end, limit, allow_on=False)
        if region is None:
            return []
    else:
        return []
    return rd.statements_for(tf, a, b, parties, counter_parties, distributive, region.items, region.end)


def _passive_with(rd: Reading, a: int, b: int, i: int, tf: TriggerForm, sent_start: int, limit: int
                  ) -> list[Statement]:
    """"إنه تم الاتفاق مع الرئيس السوداني على …"، "ما تم الاتفاق عليه مع أولمرت بالإفراج عن …": a passive
    agreement with a counterpart after مع; the other party is who the sentence is about (its subject or
    speaker), named in it. The terms follow على, or, after a resumptive عليه, the verbal noun after ب.
    With its parties after بين (تم الاتفاق بين مصر والأردن على …) see :func:`_passive_between`."""
    words, r = rd.words, rd.resolver
    k = i + 1
    resumptive = words.word(k) in RESUMPTIVES
    k += resumptive
    if words.word(k) == "بين" and not resumptive:
        return _passive_between(rd, a, b, tf, k, limit)
    if words.word(k) != "مع":
        return []
    counter, counter_end, _ = counterpart(rd, words.starts[k], limit, within=1)
    counter_parties = r.parties(counter, a)
    if not counter_parties:
        return []
    n = words.index_from(counter_end)
    w = words.word(n)
    if resumptive and w[:1] == "ب" and len(w) > 4 and is_masdar(w[1:]) \
            and w not in rd.terms["ba_circumstances"]:  # (not بالتزامن مع …)
        region = read_after_ba(words, n, limit)
    else:
        on = None if resumptive else adjacent_on(words, counter_end, limit)
        if on is None:
            return []
        region = read_complement(words, on, limit)
    if not region.items:
        return []
    exclude = {state_key(p) for p in counter_parties} | {p.key for p in counter_parties}
    for start in (clause_start(words, i, sent_start), sent_start):
        named = {state_key(p) for m in rd.index.mentions[rd.index.first_at_or_after(start):
                                                          rd.index.first_at_or_after(a)]
                 for p in r.resolve(m, m.a, exclude)}
        found = [p for p in r.pronoun_subject(start, a, 1, exclude) if state_key(p) in named - exclude]
        if found:
            return rd.statements_for(tf, a, b, found, counter_parties, False, region.items, region.end)
    return []


def _passive_between(rd: Reading, a: int, b: int, tf: TriggerForm, k: int, limit: int) -> list[Statement]:
    """"وتم الاتفاق بين مصر والأردن على …": the parties after بين (token ``k``), the terms after على."""
    words, r = rd.words, rd.resolver
    chain, end, _ = r.chain_after(words.ends[k], limit, fallback=True)
    if not any(m.kind != "other" for m in chain):
        return []  # only noun phrases taken as written: not enough to name the parties
    on = adjacent_on(words, r.spelled_end(chain, end), limit)
    if on is None:
        return []
    parties = r.parties(chain, a)
    region = read_complement(words, on, limit)
    return rd.statements_for(tf, a, b, parties, [], False, region.items, region.end)


def _is_outcome(rd: Reading, i: int, prefix: str) -> bool:
    """"توجت المباحثات باتفاق على …"، "أسفر الاجتماع عن اتفاق على …": the agreement is what talks
    ended in (an outcome verb right before it, through its ب or عن/إلى)."""
    words = rd.words
    k = i - 1
    if "ب" not in prefix and words.word(k) in ("عن", "الي"):
        k -= 1
    elif "ب" not in prefix:
        return False
    return in_set(words.word(k), rd.tw["outcomes"])
