"""Agreements: who agreed with whom, on what (GUIDELINES "Agreements"; CAMEO 057/030).

For every trigger (``data/agreement_triggers.json``: اتفق/وافق على، وقّع
اتفاقية/مذكرة تفاهم، أبرم/عقد اتفاقا، توصل إلى اتفاق، جدد، صادق، تم الاتفاق
على، اتفاق سعودي مالطي …) that is not negated (لم يتفقوا), hedged (دعا إلى
الاتفاق، يأمل التوصل، للتوصل) or a mere mention of an old accord, the
parties are read around it (coordinated subjects, X مع Y، بين X وY، references
such as البلدان/الدول الثلاث resolved to the parties named before,
capitals/governments/leaders as their countries, counted groupings as their
member states, signatories as the bodies they sign for) and the terms after
it. Acts told otherwise are read too: the outcome of talks (مباحثات بين X وY
توجت باتفاق على …), a signing after its document (الاتفاق الذي وقع بين …،
الاتفاقيات الموقعة بين …), a passive signing going on with the one before (كما
تم التوقيع على …), and documents listed one after another, each with its own
parties when a بين closes it. Provisions stated later (تتضمن المذكرة …، نص
الاتفاق على …) and a party's undertakings after a signing (كما ستتولى المندوبية
…) are added to the agreement they describe, a passive agreement at a meeting
(بحضور ممثلين عن أ وب، وتم الاتفاق خلالها على …) takes those present, and
restatements (headline, lede, quote; a headline naming no one; a lede act naming no one
that says the headline's terms in full: أعلن المتحدث … التوصل لاتفاق لعودة التهدئة …)
are merged. Truces and ceasefires are reached documents (التوصل إلى تهدئة/وقف إطلاق
النار), counted unnamed parties are one party as written (مع أكثر من 20 شركة عالمية).

This module is the entry point; the rules are in :mod:`.agreement`, one kind a module (its
docstring lists them).
"""

from __future__ import annotations

from typing import Any

from ..segment import Article
from .agreement.assemble import merge_statements, record
from .agreement.reader import read_statements, worth_reading
from .agreement.reading import Reading
from .agreement.scope import reading_ranges
from .agreement.tokens import Words, norm_sentence_spans
from .agreement.triggers import plausible, trigger_hits
from .agreement.vocab import triggers

__all__ = ["extract", "triggers"]  # triggers: the lexicon, for tests and tools that look a form up


def extract(article: Article, headline: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The agreements the article reports, as document records (see the module docstring)."""
    norm = article.norm
    hits = [h for h in trigger_hits(norm) if plausible(norm, *h)]
    if not hits:
        return []
    spans = norm_sentence_spans(article)
    ranges, party_ranges = reading_ranges(article, hits, spans, headline)
    words = Words(article, ranges, spans, party_ranges)
    rd = Reading(words, hits, headline)
    if not worth_reading(rd):
        return []
    statements = read_statements(rd)
    return [record(ag) for ag in merge_statements(statements, words, rd.partyless)]
