"""Who agreed, read around a trigger: its subject, its مع counterpart, and the parties of acts that
name no subject.

:mod:`.parties` finds coordinated chains of mentions and resolves references;
these rules say which chain plays which role for a trigger: the verb's subject
before or after it (or a pronoun's antecedent), the counterpart after مع (مع
كل من أ وب: one bilateral agreement per partner), the talks an agreement
crowned (مباحثات بين X وY توجت باتفاق …), those present at a meeting where
something was agreed (بحضور ممثلين عن أ وب، وتم الاتفاق خلالها …), and a بين
that closes a term (… بين شركة نفطال وشركة قطر للوقود).
"""

from __future__ import annotations

from ...countries import country_matcher
from ...normalize import normalize
from .acts import clause_start
from .mentions import Mention, gap_words, is_coordination
from .parties import Party, as_states, country_party, distinct, party_of, state_key
from .reading import Reading
from .terms import BETWEEN_PRONOUNS, is_venue
from .tokens import COMMAS, Words
from .vocab import TriggerForm, in_set

Chain = tuple[list[Mention], int, bool]  # (mentions, where they end, listed one by one)


def subject(rd: Reading, a: int, b: int, i: int, tf: TriggerForm, sent_start: int, stop: int,
            exclude: set[str]) -> tuple[list[Party], int]:
    """(subject parties, where the subject ends) of a verb trigger at ``a``-``b`` (token ``i``)."""
    r = rd.resolver
    post, post_end, _ = r.chain_after(b, stop)
    # "أنه اتفق والوزير سامح شكري": a co-subject joined by و to the verb's own (pronoun) subject
    gap = gap_words(rd.words, b, post[0].a) if post else []
    co_subject = bool(post) and (gap[:1] == ["و"] or bool(gap) and gap[0][:1] == "و" and in_set(
        gap[0], rd.pw["modifiers"]) or not gap and rd.words.norm[post[0].a - 1:post[0].a] == "و")
    parties: list[Party] = []
    end = b
    if post:
        parties = r.parties(post, a, exclude)
        end = post_end
    if not post or co_subject:
        pre = r.chain_before(a, clause_start(rd.words, i, sent_start))
        pre_parties = r.parties(pre, a, exclude) if pre else []
        if len(pre) == 1 and pre[0].extras.get("counted"):
            member = _one_of(rd, pre[0])  # الولايات المتحدة واحدة من بين أكثر من 30 دولة توقع …
            if member is not None:
                pre = [member, pre[0]]
                pre_parties = r.parties(pre, a, exclude)
        if tf.subject >= 2 and len(pre_parties) < 2 and not exclude:
            pre = []  # وزراء خارجية الدول الثلاث المجتمعين في العاصمة الجزائرية، اتفقوا: not الجزائرية
        body = [] if pre or post else _minister_body(rd, clause_start(rd.words, i, sent_start), i)
        if pre:
            parties = pre_parties + parties
        elif body:
            parties = body
        elif tf.subject == 0:  # اتفقنا (in a quote): the agreement before, else the pair just named
            parties = (r.prior_near(a) or r.recent_chain(a, exclude)) + parties
        elif not tf.explicit_parties:
            parties = r.pronoun_subject(sent_start, a, tf.subject if not co_subject else 1, exclude) + parties
    return parties, end


def _one_of(rd: Reading, counted: Mention) -> Mention | None:
    """"والولايات المتحدة واحدة من بين أكثر من 30 دولة توقع ميثاقا …": the party said to be one of the counted
    ones, named right before واحدة من (بين)/إحدى; it signs with them."""
    words, ms = rd.words, rd.index.mentions
    k = rd.index.first_at_or_after(counted.a) - 1
    if k < 0 or not ms[k].is_entity or ms[k].extras.get("counted"):
        return None
    gap = " ".join(gap_words(words, ms[k].end, counted.a))
    return ms[k] if gap in rd.pw["one_of"] else None


_MINISTER = frozenset({"وزير", "وزيره", "لوزير", "لوزيره"})


def _minister_body(rd: Reading, start: int, i: int) -> list[Party]:
    """"إن مستشار وزير النقل لشؤون الطيران كفاح حسن جبار وقع مع …": a signer named only by a title under a
    minister (no country, no body named) signs for that minister's ministry, when the article names it
    (وزارة النقل); GUIDELINES: people who sign for a body are not parties, the body is."""
    words = rd.words
    first = words.index_from(start)
    if first >= i or not in_set(words.ws[first], rd.pw["titles"]) and not in_set(words.ws[first], rd.pw["modifiers"]):
        return []
    if rd.index.first_at_or_after(start) < len(rd.index.mentions) and any(
            m.is_entity for m in rd.index.mentions[rd.index.first_at_or_after(start):rd.index.first_at_or_after(
                words.starts[i])]):
        return []
    for k in range(first, min(i, first + 4)):
        if words.ws[k] in _MINISTER and words.word(k + 1).startswith("ال"):
            sector = words.word(k + 1)
            name = f"وزاره {sector}"
            pos = words.norm.find(name)
            while pos >= 0 and pos + len(name) < len(words.norm) and words.norm[pos + len(name)].isalnum():
                pos = words.norm.find(name, pos + 1)  # not وزارة النقلية
            if pos >= 0 and not country_matcher().lookup(sector):
                a, b = pos, pos + len(name)
                return [Party("O:" + words.norm[a:b], "organisation", words.text(a, b), None, None, None, None)]
    return []


def vague_subject(rd: Reading, a: int, b: int, i: int, sent_start: int, stop: int) -> bool:
    """"توافق القوى الكبرى على …": a plural of no stated size does not name who agreed (وافق/توافق
    need the parties named)."""
    r = rd.resolver
    chain = r.chain_after(b, stop)[0] or r.chain_before(a, clause_start(rd.words, i, sent_start))
    return any(m.kind == "ref" and m.size < 2 for m in chain)


def counterpart(rd: Reading, start: int, stop: int, within: int = 6) -> Chain:
    """The chain after "مع" found within a few words from ``start`` (or after "بينها و": مذكرة تفاهم
    بينها وجامعة الشرق الأوسط)."""
    words = rd.words
    k = words.index_from(start)
    for n in range(k, min(k + within, len(words))):
        if words.starts[n] >= stop:
            break
        w = words.word(n)
        if w == "مع":
            listed = _enumeration(rd, n + 1, stop)
            if listed is not None:
                return listed
            return rd.resolver.chain_after(words.ends[n], stop, fallback=True)
        if w in BETWEEN_PRONOUNS and words.word(n + 1)[:1] == "و":
            return rd.resolver.chain_after(words.ends[n], stop, fallback=True)
    return [], start, False


def _enumeration(rd: Reading, k: int, stop: int) -> Chain | None:
    """"مع سبع دول هي : الفلبين، الهند …": the listed partners, each a separate bilateral agreement."""
    words = rd.words
    for n in range(k, min(k + 5, len(words))):
        w = words.word(n)
        if w == ":" or w in ("هي", "وهي", "هم", "وهم") and words.word(n + 1) == ":":
            colon = n if w == ":" else n + 1
            sent_end = words.sentence_of(words.starts[colon])[1]
            chain, end, _ = rd.resolver.chain_after(words.ends[colon], sent_end)
            return (chain, end, True) if len(chain) >= 2 else None
        if w in COMMAS or w == "." or words.starts[n] >= stop:
            return None
    return None


def group_reference(rd: Reading, counter: list[Mention], sentence: int) -> tuple[list[Party], list[Party]] | None:
    """"اتفقت المملكة مع الدول المرسلة …" after "وقعت … مع كل من أ وب": the same bilateral partners."""
    if len(counter) != 1 or counter[0].kind != "ref" or rd.last_group is None:
        return None
    subject_parties, partners, at, _group = rd.last_group
    size = counter[0].size
    if sentence - at > 6 or size >= 2 and size != len(partners):
        return None
    return subject_parties, partners


def counterpart_states(words: Words, counter: list[Mention], subject_parties: list[Party]) -> list[Party]:
    """"مدير الشركة السودانية … وقع مع نظيره الإثيوبي": with a counterpart named as the country of
    the signer's counterpart, the agreement is between states, and the signer's body stands for its
    state."""
    if not counter or counter[0].kind != "country":
        return subject_parties
    k = words.index_at(counter[0].a)
    if not words.word(k - 1).startswith("نظير"):
        return subject_parties
    out = []
    for p in subject_parties:
        if p.kind == "organisation":
            found = next(iter(country_matcher().finditer_norm(normalize(p.name))), None)
            if found is not None:
                p = country_party(found[3].country.code) or p
        out.append(p)
    return out


def outcome_parties(rd: Reading, sent_start: int, pos: int) -> list[Party]:
    """Who held the talks that ended in an agreement: "مباحثات بين X وY" or "قمة مصرية يمنية" earlier
    in the sentence."""
    words, r = rd.words, rd.resolver
    for k in range(words.index_at(pos) - 1, words.index_from(sent_start) - 1, -1):
        if words.word(k) == "بين":
            chain, _end, _ = r.chain_after(words.ends[k], pos, fallback=True)
            parties = distinct(r.parties(chain, pos))
            if len(parties) >= 2:
                return parties
    ms = rd.index.mentions
    run: list[Mention] = []
    for m in ms[rd.index.first_at_or_after(sent_start):rd.index.first_at_or_after(pos)]:
        joined = run and not gap_words(words, run[-1].end, m.a) or run and is_coordination(
            gap_words(words, run[-1].end, m.a), rd.pw, run[-1], m)
        if m.kind == "country" and m.form == "adjective" and (not run or joined):
            run.append(m)
        elif len(run) < 2:
            run = [m] if m.kind == "country" and m.form == "adjective" else []
        else:
            break
    return distinct([party_of(m, explicit=False) for m in run]) if len(run) >= 2 else []


def passive_parties(rd: Reading, a: int) -> list[Party]:
    """Parties of "تم الاتفاق على": those present at the meeting the sentence reports (جلسة … بحضور
    ممثلين عن أ وب وج، وتم الاتفاق خلالها على), else the last two named since the previous agreement,
    else its parties."""
    r = rd.resolver
    met = _meeting_parties(rd, a)
    if met:
        return met
    since = max((s.trigger[0] for s in rd.statements if not s.headline), default=-1)
    recent = r.last_entities(a, 2, set())
    positions = [m.a for m in rd.index.mentions if m.is_entity and since < m.a < a]
    if len({state_key(p) for p in recent}) == 2 and len(positions) >= 2:
        return recent
    if r.prior:
        return list(r.prior[-1])
    return recent


def _meeting_parties(rd: Reading, a: int) -> list[Party]:
    """Every body named before ``a`` in its sentence when they include a coordinated list (the
    participants of the meeting in which something was agreed); places (في باريس) are not parties."""
    words, r, idx = rd.words, rd.resolver, rd.index
    sent_start = words.sentence_of(a)[0]
    if any(sent_start <= s.trigger[0] < a for s in rd.statements):
        return []
    lo, hi = idx.first_at_or_after(sent_start), idx.first_at_or_after(a)
    named = [m for m in idx.mentions[lo:hi] if m.is_entity and not (m.kind == "country" and r.prepositional(m))]
    if not any(is_coordination(gap_words(words, m.end, n.a), rd.pw, m, n)
               for m, n in zip(named, named[1:], strict=False)):
        return []
    parties = distinct([party_of(m, words=words) for m in named])
    return as_states(parties) if len(parties) >= 2 else []


def _circumstances_only(rd: Reading, a: int, b: int) -> bool:
    """Whether ``a``-``b`` holds only where and when (في عمان أمس، الأحد): what follows the parties of a
    signing is not part of them, nor of the term."""
    words = rd.words
    time_words = rd.pw["time"]
    k, end = words.index_from(a), words.index_from(b)
    while k < end:
        w = words.ws[k]
        if w == "في" and is_venue(words.word(k + 1)):
            k += 2
        elif w in time_words and w != "في" or w in COMMAS:
            k += 1
        else:
            return False
    return True


def closing_parties(rd: Reading, items: list[tuple[int, int]], loose: bool = False,
                    references: bool = False) -> list[Party]:
    """"… المتعلقة بها بين شركة نفطال وشركة قطر للوقود": parties named (not referred to) by a بين
    that closes the last term; the term is cut before it. ``loose`` (a headline: "اتفاق على هدنة
    ليومين بين الحكومة والمعارضة") also takes a government and a noun phrase as written;
    ``references`` (a signing that names no one else: "مراسم توقيع اتفاقية للتعاون … بين البلدين")
    a reference that resolves to two parties or more."""
    words, r = rd.words, rd.resolver
    last_a, last_b = items[-1]
    for t in range(words.index_from(last_a), words.index_from(last_b)):
        if words.ws[t] != "بين":
            continue
        chain, chain_end, _ = r.chain_after(words.ends[t], last_b + 1, fallback=loose)
        if references:
            chain_end = r.spelled_end(chain, chain_end)  # بين الجانبين المصري والأردني
        named = [m for m in chain if m.is_entity or loose and m.kind == "government"]
        if not (chain_end >= last_b - 1 or _circumstances_only(rd, chain_end, last_b)):
            continue
        named_all = len(named) >= 2 and len(named) == len(chain)
        if not (named_all or references and len(chain) == 1 and chain[0].kind == "ref"):
            continue
        parties = distinct(r.parties(chain, words.starts[t]))
        if len(parties) < 2:
            continue
        if t > words.index_from(last_a):
            items[-1] = (last_a, words.ends[t - 1])
        else:
            items.pop()
        return parties
    return []
