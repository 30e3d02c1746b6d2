"""Provisions and undertakings stated after an agreement, added to its terms.

Wire copy often reports a signing in one sentence and what it provides in the
next ones: "تتضمن المذكرة …"، "نص الاتفاق على …"، "بموجب الاتفاق …", or a party's
undertaking under it ("كما ستتولى المندوبية الإشراف على …"), or what a party
does under it ("ووفقا لاتفاقية الشراكة، تسهم …"، "وستدفع البحري، بموجب هذه
الصفقة، …"). GUIDELINES count
those as the agreement's terms, so they are added to the latest agreement
before them (and to every statement of its group), within a few sentences.
"""

from __future__ import annotations

from functools import lru_cache

from .assemble import Statement
from .complements import DEMONSTRATIVES, DOC_REFERENCES, provision_at, skip_document_reference
from .reading import Reading
from .terms import Region, read
from .tokens import COMMAS, Words, finds
from .vocab import documents, in_set, term_words

# the word after a provision verb that names the document it is about (تتضمن المذكرة، نص الاتفاق)
_PROVISION_OBJECTS = frozenset((*DOC_REFERENCES, "بنود", "نص"))
_PROVISION_WITHIN = 8  # sentences after an agreement in which a provision is its own
_UNDERTAKING_WITHIN = 4  # sentences after a signing in which a party's undertaking is one of its provisions


@lru_cache(maxsize=1)
def _provision_openers() -> frozenset[str]:
    """The words that open a later provision: the document named after a provision verb, an undertaking."""
    return _PROVISION_OBJECTS | term_words()["undertakings"]


def add_provisions(rd: Reading) -> None:
    """Provisions stated in a later sentence (تتضمن مذكرة التفاهم …، نص الاتفاق على …، بموجب الاتفاق …)."""
    words, tw = rd.words, rd.terms
    body = [s.trigger[0] for s in rd.statements if not s.headline]
    if not body:
        return
    ws = words.ws
    first = words.index_from(min(body)) + 1
    # the word after a provision verb or بموجب names the document, and an undertaking verb opens its own
    # provision: look at those words first (set lookups)
    undertaking = tw["undertakings"]
    either = _provision_openers()
    candidates = [j for j in range(first, len(ws)) if ws[j] in either]
    for n in [j - 1 for j in candidates if ws[j] in _PROVISION_OBJECTS]:
        w = ws[n]
        is_verb = in_set(w, tw["provision_verbs"])
        is_prep = w in ("بموجب", "بمقتضي", "وبموجب", "وبمقتضي") and ws[n + 1] in DOC_REFERENCES
        if not (is_verb or is_prep):
            continue
        at = words.starts[n]
        target = _latest_statement(rd, at)
        if target is None or at < target.span[1]:
            continue
        sent_end = words.sentence_of(at)[1]
        limit = rd.next_trigger(at, sent_end)
        if is_verb:
            region = provision_at(words, n, limit)
        else:
            k = skip_document_reference(words, n + 1)
            clause = words.word(k) in ("ان", "أن")
            start = words.starts[k] if k < len(words) else limit
            region = read(words, start, limit, clause=True) if clause else None
        if region is None or not region.items:
            continue
        _add_provision(rd, target, region, at)
    _undertakings(rd, [j for j in candidates if ws[j] in undertaking])
    _under_the_deal(rd, first)


# بموجب/بمقتضى/وفقا ل/طبقا ل + the document: what is done under it (with و/ف)
_UNDER = frozenset(p + w for w in ("بموجب", "بمقتضي", "وفقا", "طبقا") for p in ("", "و", "ف"))
_UNDER_STEMS = ("بموجب", "بمقتضي", "وفقا", "طبقا")
_UNDER_WITHIN = 6  # words from بموجب to the comma that ends the document's name


def _under_the_deal(rd: Reading, first: int) -> None:
    """"ووفقا لاتفاقية الشراكة، تسهم المؤسسات الخمس في …"، "وستدفع البحري لفيلا، بموجب هذه الصفقة، عوضا …":
    a later sentence telling what a party does or will do under the agreement states one of its
    provisions. Opening the sentence, the clause after the document is the provision; inside a sentence
    that opens with a present or future verb (وستكون، وتتولى), that clause is."""
    words = rd.words
    ws, norm = words.ws, words.norm
    start = words.starts[first] if first < len(ws) else len(norm)
    found = {words.index_at(p) for stem in _UNDER_STEMS for p in finds(norm, stem, start, len(norm))}
    for n in sorted(k for k in found if k < len(ws)):
        if ws[n] not in _UNDER or not _names_document(words, n + 1, lil=ws[n].endswith(("وفقا", "طبقا"))):
            continue
        at = words.starts[n]
        target = _latest_statement(rd, at)
        if target is None or at < target.span[1] or target.family not in ("sign", "conclude", "reach"):
            continue
        sent_start, sent_end = words.sentence_of(at)
        limit = rd.next_trigger(at, sent_end)
        opener = words.index_from(sent_start)
        if n == opener:
            comma = next((k for k in range(n + 1, min(n + _UNDER_WITHIN, len(ws))) if ws[k] in COMMAS), None)
            if comma is None:
                continue
            region = read(words, words.ends[comma], limit, clause=True, lists=False)
        elif _opens_with_verb(ws[opener]) and not any(ws[k] in _CLAUSE_BREAKS or _names_document(words, k, False)
                                                      for k in range(opener + 1, n)):
            # (وتأتي هذه الاتفاقية … بموجب …: a clause about the document, not one done under it)
            region = read(words, sent_start, limit, clause=True, lists=False)
            if region.items and region.items[0][0] == words.starts[opener] and ws[opener][:1] in "وف":
                region.items[0] = (region.items[0][0] + 1, region.items[0][1])  # وستدفع → ستدفع
        else:
            continue
        if not region.items:
            continue
        a, b = _before_aside(words, *region.items[0])
        if not any(ta < b and a < tb for ta, tb in target.terms):  # not read already (تتولى بمقتضاه …)
            _add_provision(rd, target, Region([(a, b)], region.end), at)


_CLAUSE_BREAKS = frozenset({":", "«", "»", "\"", "“", "”"})  # reported speech: not the narrator's provision


def _before_aside(words: Words, a: int, b: int) -> tuple[int, int]:
    """The span ``a``-``b`` up to a parenthesis inside it ("عوضا قدره 4.875 مليار ريال (ما يعادل …)"): an
    aside that restates or converts, not part of the provision."""
    for k in range(words.index_from(a), words.index_from(b)):
        if words.ws[k] == "(" and k > words.index_from(a):
            return a, words.ends[k - 1]
    return a, b


def _names_document(words: Words, k: int, lil: bool) -> bool:
    """Whether the words from token ``k`` name an agreement (هذه الصفقة، الاتفاق، اتفاقية طويلة الأجل;
    after وفقا/طبقا with its لـ: لاتفاقية الشراكة، للاتفاق)."""
    w = words.word(k)
    if w in DEMONSTRATIVES:
        k += 1
        w = words.word(k)
    if lil:
        if not w.startswith("ل") or len(w) < 4:
            return False
        w = "ال" + w[2:] if w.startswith("لل") else w[1:]
    if w in DOC_REFERENCES:
        return True
    hit = documents().lookup(w)
    return hit is False  # a document noun that counts after any trigger (not تفاهم، هدنة alone)


def _opens_with_verb(word: str) -> bool:
    """وستكون، وستدفع، وتتولى، ويلتزم: a sentence opening with a present or future verb."""
    w = word[1:] if word[:1] in "وف" and len(word) > 4 else word
    return w[:1] in "يت" and len(w) > 3 or len(w) > 4 and w[:2] in ("سي", "ست")


def _undertakings(rd: Reading, found: list[int]) -> None:
    """"كما ستتولى المندوبية الإشراف على …" opening a sentence after a signing (tokens ``found``): what a
    party undertakes under it (تتولى، تلتزم، تتكفل … in the present or future) is a provision too."""
    words = rd.words
    ws = words.ws
    for n in found:
        at = words.starts[n]
        sent_start, sent_end = words.sentence_of(at)
        opener = words.index_from(sent_start)
        if not (n == opener or n == opener + 1 and ws[opener] in ("كما", "وكما")):
            continue
        target = _latest_statement(rd, at)
        if target is None or at < target.span[1] \
                or words.sentence_index(at) - words.sentence_index(target.trigger[0]) > _UNDERTAKING_WITHIN \
                or not any(s.family in ("sign", "conclude") and s.keys() == target.keys() for s in rd.statements):
            continue
        region = read(words, at, rd.next_trigger(at, sent_end), clause=True, lists=False)
        if region.items:
            _add_provision(rd, target, region, at)


def _add_provision(rd: Reading, target: Statement, region: Region, at: int) -> None:
    """Add the terms of a provision stated at ``at`` to the statement it belongs to (and its group), in
    text order."""
    for s in rd.statements:
        if s is target or target.group >= 0 and s.group == target.group:
            s.terms = sorted(set(s.terms + region.items))
            s.extra_spans.append((at, region.end))


def _latest_statement(rd: Reading, pos: int) -> Statement | None:
    """The agreement a provision at ``pos`` belongs to: the latest act told before it in the body."""
    words = rd.words
    best = None
    for s in rd.statements:
        if s.trigger[0] < pos and not s.headline and s.family in ("sign", "conclude", "reach", "agree"):
            best = s
    if best is None:
        return None
    if words.sentence_index(pos) - words.sentence_index(best.trigger[0]) > _PROVISION_WITHIN:
        return None
    return best
