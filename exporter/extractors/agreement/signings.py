"""Signed documents: triggers that need a document (وقّع/أبرم/توصل إلى + اتفاقية، مذكرة تفاهم …).

A signing is told in many shapes: the verb before its document (وقعت مصر
والسودان اتفاقية …), the document before a relative clause or a participle
(الاتفاق الذي وقع بين …، الاتفاقيات الموقعة بين …), a verbal noun with its signer
(توقيع مصر والسودان اتفاقية، أعلنت الشركة توقيعها مذكرة …), a passive going on
with the signing just reported (كما تم التوقيع على …), and documents listed one
after another, each with its own parties when a بين closes it. A signing of a
new document that names no one waits for the next signing (:func:`adopt_orphans`).
"""

from __future__ import annotations

from .acts import announced_from_afar, announcing_verb, clause_start
from .assemble import Statement
from .complements import DEMONSTRATIVES, find_word, read_after_ba, read_complement, read_intro
from .mentions import Mention, number_of
from .parties import Party, distinct, party_of, state_key
from .party_roles import closing_parties, counterpart, counterpart_states, subject
from .reading import Reading
from .terms import document_extent, read
from .tokens import COMMAS, QUOTES_CLOSE, QUOTES_OPEN, Words
from .vocab import TriggerForm, documents, in_set, indefinite_document

_OBJECT_SUFFIXES = ("ته", "ها", "اها", "وها", "تها")  # وقعته، أبرماها: the document is named before
_RELATIVES = frozenset({"الذي", "التي", "اللذين", "اللتين"})
_MAX_FURTHER = 12  # documents listed after the first one of a signing

Item = tuple[int, int]  # a term's normalised span


def find_document(rd: Reading, a: int, b: int, i: int, tf: TriggerForm, limit: int) -> tuple[int, int] | None:
    """Normalised span of the document noun the trigger needs (اتفاقية، مذكرة تفاهم …)."""
    words = rd.words
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
        _chain, chain_end, _ = rd.resolver.chain_after(b, limit)
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
            if before not in ("الي", "إلى") and "ل" not in clitic.removesuffix("ال"):  # (the ل of الهدنة)
                continue
        return da, db
    return None


def document_trigger(rd: Reading, a: int, b: int, i: int, tf: TriggerForm, sent_start: int,
                     limit: int) -> list[Statement]:
    """The statements of a trigger told before its document (وقع، أبرم، توصل إلى، توقيع …)."""
    words, r = rd.words, rd.resolver
    doc = find_document(rd, a, b, i, tf, limit)
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
    counter, counter_end, distributive = counterpart(rd, b, subject_stop if not before_trigger else limit, within=12)
    if not counter and not before_trigger:
        counter, counter_end, distributive = counterpart(rd, doc_end, limit, within=2)
    counter_parties = r.parties(counter, a)
    exclude = {state_key(p) for p in counter_parties} | {p.key for p in counter_parties}
    stop = da if not before_trigger else limit
    if counter and counter[0].a < stop:
        stop = min(stop, words.starts[words.index_at(counter[0].a)])
    if tf.kind == "masdar":
        signers, subject_end = (_masdar_subject(rd, b, da, exclude) if not before_trigger else []), b
    else:
        signers, subject_end = subject(rd, a, b, i, tf, sent_start, stop, exclude)
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
        if len(named) >= 2 or tf.kind == "masdar" and not signers and not counter_parties and len(
                r.parties(between, a, exclude)) >= 2 and not announced_from_afar(words, i, sent_start):
            signers = r.parties(between, a, exclude)
            end = max(end, bend)
    suffixed = tf.form.endswith(("ه", "ها", "هما", "هم"))
    if tf.kind == "masdar" and not signers and (suffixed or counter_parties):
        # أعلنت الشركة توقيعها مذكرة تفاهم مع …: the signer is who the clause is about; with no pronoun on the
        # verbal noun, someone named in its sentence (not the last party named anywhere before)
        signers = r.pronoun_subject(clause_start(words, i, sent_start), a, tf.subject, exclude) \
            or r.pronoun_subject(sent_start, a, tf.subject, exclude)
        if not suffixed:
            ms = rd.index.mentions[rd.index.first_at_or_after(sent_start):rd.index.first_at_or_after(a)]
            named = {state_key(p) for m in ms for p in r.resolve(m, m.a, exclude)}
            signers = [p for p in signers if state_key(p) in named]
    if tf.kind == "masdar" and tf.family == "reach" and not signers and not counter_parties:
        signers = _announcers(rd, b, i, sent_start)  # أعلنت إيران وباكستان التوصل إلى اتفاق على …
    nominal = tf.kind == "masdar" and not signers  # a signing that names no one yet (تم توقيع اتفاقية …)
    signers = counterpart_states(words, counter, signers)
    if di > 0 and number_of(words.ws[di - 1], rd.pw["numbers"]) is not None and not before_trigger \
            and not _in_mention(rd, words.starts[di - 1]):
        da = words.starts[di - 1]  # وقعا 10 اتفاقيات: the batch with its number (not مجموعة 5+1، القوى الكبرى الست)
    elif words.norm.endswith("ال", words.starts[di], da):
        da -= 2  # الاتفاق النووي: the document's name with its article
    # هذه الاتفاقية: the document already reported, not a new one to describe
    fresh = informative and words.word(di - 1) not in DEMONSTRATIVES
    items: list[Item] = [(da, doc_end)] if fresh else []
    region = read_intro(words, end, limit, allow_on=tf.family in ("reach", "ratify", "renew"))
    if region is None and tf.family == "reach":
        on = find_word(words, end, limit, "علي", 8)
        if on is not None:
            region = read_complement(words, on, limit)
    region_end = end
    if region is not None:
        items += region.items
        region_end = region.end
    if nominal:
        # جرى توقيع اتفاقية للتعاون في مجال الطاقة بين مصر والأردن: the parties close the document's purpose;
        # else a passive signing goes on with the one just reported (كما تم التوقيع على مذكرة …)
        signers = closing_parties(rd, items, references=not announced_from_afar(words, i, sent_start)) \
            if region is not None and region.items else []
        if not signers:
            signers = _masdar_parties(rd, i, tf)
            follows = bool(signers)
    others: list[Statement] = []
    for parties, more, more_end in further_documents(rd, max(region_end, doc_end), limit):
        if parties:  # … بالإضافة إلى مذكرة تفاهم ثانية لإنشاء شركة … بين شركة نفطال وشركة قطر للوقود
            others += rd.statements_for(tf, a, b, parties, [], False, more, more_end)
        else:
            items += more
            region_end = max(region_end, more_end)
    found = rd.statements_for(tf, a, b, signers, counter_parties, distributive, items, max(region_end, doc_end))
    if not signers and not counter_parties and tf.kind == "masdar" and informative and not words.ws[
            di].startswith("ال") and tf.family in ("sign", "conclude") and not rd.in_headline(a):
        rd.orphans.append(Statement(tf.action, tf.cameo, (a, b), [], list(items), (a, max(region_end, doc_end)),
                                    family=tf.family))
    if follows:
        for s in found:
            s.follows = True
    return found + others


def reached_matter(rd: Reading, a: int, b: int, i: int, tf: TriggerForm, limit: int) -> list[Statement]:
    """"تم التوصل للعودة للحالة السابقة من التهدئة بين الاحتلال والفصائل الفلسطينية": a passive reaching
    that names no document; what was reached (after إلى/لـ) is the term when a بين naming two parties or
    more closes it (without one, "تم التوصل إلى المشتبه به" reached no one's agreement)."""
    words = rd.words
    if words.word(i - 1) not in rd.tw["passive"]:
        return []
    w = words.word(i + 1)
    if w == "الي":
        start = words.ends[i + 1]
    elif w[:1] == "ل" and len(w) > 4 and w[1:2] != "ا":  # للعودة (ل + العودة) as written; لعودة → عودة
        start = words.starts[i + 1] + (0 if w.startswith("لل") else 1)
    else:
        return []
    region = read(words, start, limit)
    if not region.items:
        return []
    parties = closing_parties(rd, region.items, loose=True)
    if len(parties) < 2 or not region.items:
        return []
    return rd.statements_for(tf, a, b, parties, [], False, region.items, region.end)


def _announcers(rd: Reading, b: int, i: int, sent_start: int) -> list[Party]:
    """"أعلنت إيران وباكستان (أمس) التوصل إلى اتفاق على …": two parties or more announcing together that they
    reached an agreement are its parties (one announcer alone may be a mediator: أعلنت مصر التوصل …)."""
    words, r = rd.words, rd.resolver
    k = announcing_verb(words, i, sent_start)
    if k is None:
        return []
    chain, _end, _ = r.chain_after(words.ends[k], words.starts[i])
    if not chain or not all(m.is_entity or m.kind in ("ref", "collective") for m in chain):
        return []
    parties = distinct(r.parties(chain, words.starts[i]))
    return parties if len(parties) >= 2 else []


def _in_mention(rd: Reading, pos: int) -> bool:
    """Whether ``pos`` is inside a party's name (the 1 of مجموعة 5+1، the الست of القوى الكبرى الست)."""
    k = rd.index.first_at_or_after(pos + 1) - 1
    ms = rd.index.mentions
    return k >= 0 and ms[k].a <= pos < ms[k].end


def further_documents(rd: Reading, pos: int, limit: int) -> list[tuple[list[Party], list[Item], int]]:
    """The next documents of a signing that lists them ("…، أما النص الثالث فيتعلق بالبرنامج …
    بالإضافة إلى نص آخر يتصل ب …"): for each, (its own parties when a بين X وY closes it, its terms,
    where it ends)."""
    words, tw, docs = rd.words, rd.terms, documents()
    out: list[tuple[list[Party], list[Item], int]] = []
    while len(out) < _MAX_FURTHER:
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
        items: list[Item] = []
        j = words.index_from(doc_end)
        if in_set(words.word(j), tw["topic_verbs"]) and words.word(j + 1).startswith("ب"):
            # نص يتصل بالبرنامج التنفيذي …: what the text is about
            region = read_after_ba(words, j + 1, limit)
            items, end = region.items, region.end
        else:
            if informative and not listed:
                start = hit[0] - 2 if hit and hit[2].endswith("ال") else hit[0] if hit else words.starts[n]
                items.append((start, doc_end))
            region = read_intro(words, doc_end, limit, allow_on=False)
            if region is not None:
                items += region.items
                end = max(end, region.end)
        if not items:
            break
        parties = closing_parties(rd, items)
        b = words.index_from(end)
        if not parties and words.word(b) == "بين":
            chain, chain_end, _ = rd.resolver.chain_after(words.ends[b], limit)
            if len(chain) >= 2 and all(m.is_entity for m in chain):
                parties, end = distinct(rd.resolver.parties(chain, words.starts[b])), chain_end
        out.append((parties, items, end))
        pos = end
    return out


def _masdar_subject(rd: Reading, b: int, da: int, exclude: set[str]) -> list[Party]:
    """The signer named between a verbal noun and its document: "توقيع مصر والسودان اتفاقية …"،
    "توقيع "داماك العقارية" مذكرة تفاهم مع …" (a quoted name as written)."""
    words, r = rd.words, rd.resolver
    chain, chain_end, _ = r.chain_after(b, da)
    if chain and all(m.is_entity for m in chain) and not words.norm[chain_end:da].strip():
        return r.parties(chain, b, exclude)
    k, end = words.index_from(b), words.index_at(da)
    if end - k >= 3 and words.ws[k] in QUOTES_OPEN and words.ws[end - 1] in QUOTES_CLOSE and all(
            w.isalpha() for w in words.ws[k + 1:end - 1]) and end - k <= 6:
        qa, qb = words.starts[k + 1], words.ends[end - 2]
        return [party_of(Mention(qa, qb, "other", "X:" + words.norm[qa:qb], words.text(qa, qb)), words=words)]
    return []


def _masdar_parties(rd: Reading, i: int, tf: TriggerForm) -> list[Party]:
    """Who signed when a passive verbal noun names no one ("كما تم التوقيع على مذكرة تفاهم …"): the
    signing just reported goes on, with its parties."""
    words = rd.words
    if tf.family not in ("sign", "conclude") or words.word(i - 1) not in rd.tw["passive"] or words.word(
            i - 2) in _RELATIVES:
        return []  # الدول التي تم توقيع اتفاقيات معها: a description, not a signing
    return rd.resolver.prior_near(words.starts[i])


def is_relative(words: Words, i: int, tf: TriggerForm) -> bool:
    """A participle (الموقعة) or a verb after a relative pronoun (الذي وقع) or an indefinite document
    (اتفاقا وقع), with no object pronoun: the document comes before the trigger and the parties after it."""
    if tf.kind == "participle":
        return True
    return tf.kind == "verb" and (words.word(i - 1) in _RELATIVES
                                 or indefinite_document(words.word(i - 2), words.word(i - 1))) \
        and not tf.form.endswith(_OBJECT_SUFFIXES)


def relative_document(rd: Reading, i: int, sent_end: int) -> tuple[int, int, int, list[Mention], int] | None:
    """(document start, document end, its first token, the parties after بين, where they end) of
    "الاتفاقيات الموقعة بين الجزائر وقطر" / "الاتفاق النووي الذي وقع أخيرا بين إيران والقوى الست"."""
    words, docs = rd.words, documents()
    rel = i - 1 if words.word(i - 1) in _RELATIVES else i
    for k in range(rel - 1, max(-1, rel - 5), -1):
        if words.ws[k] in COMMAS or not words.ws[k].isalnum():
            continue
        hit = docs.match_norm(words.norm, words.starts[k])
        if hit is None or hit[3]:  # تفاهم، هدنة alone: only after توصل
            continue
        for n in range(i + 1, min(i + 5, len(words))):
            w = words.ws[n]
            if w in rd.pw["time"] and w != "في":
                continue  # الذي وقع أمس بين …
            if w == "بين":
                chain, end, _ = rd.resolver.chain_after(words.ends[n], sent_end, fallback=True)
                if len({state_key(p) for p in rd.resolver.parties(chain, words.starts[i])}) >= 2:
                    da = hit[0] - 2 if hit[2].endswith("ال") else hit[0]  # الاتفاق النووي with its ال
                    return da, words.ends[rel - 1], k, chain, end
                return None
            if not w.isalnum() or w in rd.pw["name_stops"] and w != "في":
                return None
        return None
    return None


def relative_trigger(rd: Reading, a: int, b: int, i: int, tf: TriggerForm, sent_end: int, limit: int
                     ) -> list[Statement]:
    """A signing told in a relative clause or a participle: the document before, بين X وY after."""
    found = relative_document(rd, i, sent_end)
    if found is None:
        return []
    da, doc_end, di, chain, end = found
    words = rd.words
    _extent, informative = document_extent(words, di, doc_end)
    items: list[Item] = [(da, doc_end)] if informative else []
    parties = rd.resolver.parties(chain, a)
    if in_set(words.word(di - 1), rd.terms["provision_verbs"]):
        # تشمل الاتفاقيات الموقعة بين الجزائر وقطر اتفاقية خاصة ب …: what they include follows
        region = read(words, end, limit)
    else:
        region = read_intro(words, end, limit, allow_on=False)
    if region is not None:
        items += region.items
        end = max(end, region.end)
    found_statements = rd.statements_for(tf, a, b, parties, [], False, items, end)
    for s in found_statements:
        s.span = (min(s.span[0], da), s.span[1])
    return found_statements


def adopt_orphans(rd: Reading, s: Statement) -> None:
    """"بالتوقيع على 10 اتفاقيات ومذكرات تفاهم … وقال تشمل الاتفاقيات الموقعة بين الجزائر وقطر …": a
    signing that named no one takes the parties of the signing told in the next sentence."""
    words = rd.words
    here = words.sentence_index(s.trigger[0])
    for orphan in rd.orphans:
        if 0 <= here - words.sentence_index(orphan.trigger[0]) <= 1 and orphan.trigger[0] < s.trigger[0]:
            orphan.parties = list(s.parties)
            orphan.follows = True
            rd.statements.append(orphan)
    rd.orphans = [o for o in rd.orphans if not o.parties]
