"""Trigger detection: where the article may report an act of agreeing, found cheaply.

Most articles agree on nothing, and the few words that could open an agreement
(وقع "occurred", عقد "held") are mostly used otherwise. Finding them must cost
far less than reading the article: a few ``str.find`` scans for the stems every
trigger form contains, an anchored match at each candidate word, then a look at
the characters after each hit (:func:`plausible`) before anything is tokenised.
"""

from __future__ import annotations

from .vocab import TriggerForm, indefinite_document, triggers

# (start, end, attached prefix, trigger form) of a trigger in ``article.norm``
Hit = tuple[int, int, str, TriggerForm]

# Every trigger form contains one of these: the words around them are the only places worth matching.
_STEMS = ("تفق", "تفاق", "وقع", "وقي", "توصل", "برم", "برام", "عقد", "جدد", "جديد", "صادق", "وافق", "امض",
          "مذكره", "معاهده", "بروتوكول")
# Stems that share their first two letters are found with one scan for those letters (a scan costs about
# as much as the article is long, a check at each of the few places found almost nothing).
_STEM_SCANS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (prefix, tuple(s for s in _STEMS if s.startswith(prefix)))
    for prefix in dict.fromkeys(s[:2] if sum(t.startswith(s[:2]) for t in _STEMS) > 1 else s for s in _STEMS))
_DOCUMENT_STEMS = ("اتفاق", "مذكر", "بروتوكول", "معاهد", "ميثاق", "عقد", "صفق", "وثيق", "اعلان", "تفاهم", "تسوي",
                   "هدن", "تهدي", "اطلاق", "صيغ")
_LOOKAHEAD = 240  # characters after a trigger in which its على or document must appear
_RELATIVE_ENDINGS = ("الذي ", "التي ", "اللذين ", "اللتين ")


def trigger_hits(norm: str) -> list[Hit]:
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


def _after_indefinite_document(norm: str, a: int) -> bool:
    """Whether the words before ``a`` end an indefinite document's name (اتفاقا وقع بين …، اتفاق تهدئة وقع …)."""
    before = norm[max(0, a - 60):a].split()[-2:]
    return bool(before) and indefinite_document(before[0] if len(before) == 2 else "", before[-1])


def plausible(norm: str, a: int, b: int, prefix: str, tf: TriggerForm) -> bool:
    """A cheap first look (no tokens, no mentions): can this hit be an act of agreeing at all?

    Most articles use وقع (occurred) or عقد (held) and never agree on anything; they are
    dismissed here, before the article is tokenised and its parties indexed.
    """
    if "ل" in prefix:
        return False
    window = norm[b:b + _LOOKAHEAD]
    if tf.document and "بين" in window[:60] and (tf.kind == "participle" or norm.endswith(_RELATIVE_ENDINGS, 0, a)
                                                 or tf.kind == "verb" and _after_indefinite_document(norm, a)):
        # الاتفاقيات الموقعة بين …، الاتفاق الذي وقع أخيرا بين …، اتفاقا وقع بين …: the document before, the
        # parties after
        before = norm[max(0, a - 80):a]
        if any(stem in before for stem in _DOCUMENT_STEMS):
            return True
    if tf.document:
        return tf.kind != "participle" and (any(stem in window for stem in _DOCUMENT_STEMS)
                                            or tf.form.endswith(("ه", "ها", "هما")))
    if tf.kind in ("noun", "headline_noun"):  # اتفاق … على، اتفاق بين X وY يقضي …
        return "علي" in window[:120] or a < 200 or window.startswith(" بين ")
    return "علي" in window
