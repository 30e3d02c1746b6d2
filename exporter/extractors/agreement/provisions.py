"""Provisions and undertakings stated after an agreement, added to its terms.

Wire copy often reports a signing in one sentence and what it provides in the
next ones: "تتضمن المذكرة …"، "نص الاتفاق على …"، "بموجب الاتفاق …", or a party's
undertaking under it ("كما ستتولى المندوبية الإشراف على …"). GUIDELINES count
those as the agreement's terms, so they are added to the latest agreement
before them (and to every statement of its group), within a few sentences.
"""

from __future__ import annotations

from functools import lru_cache

from .assemble import Statement
from .complements import DOC_REFERENCES, provision_at, skip_document_reference
from .reading import Reading
from .terms import Region, read
from .vocab import in_set, term_words

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
