"""Agreements: who agreed with whom, on what.

First version: a trigger (``data/agreement_triggers.json``) in a sentence,
the countries named before it as parties (البلدين/الطرفان resolved to the
last two countries named), and the items after على split on و/، as terms.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..countries import country_matcher
from ..lexicon import PhraseMatcher
from ..normalize import normalize
from ..resources import load_json
from ..segment import Article

_DUAL = PhraseMatcher([(w, True) for w in ("البلدين", "البلدان", "الطرفين", "الطرفان", "الجانبين", "الجانبان")],
                      clitics=True)
_SPLIT = re.compile(r"،\s*و|\s+و(?=[^\s])(?=ال|[إأا])")
_TERM_END = re.compile(r"[.؛]|،\s*(?:بعد|قبل|حيث|في حين)\b|\s+بعد\s")


@lru_cache(maxsize=1)
def trigger_matcher() -> PhraseMatcher[dict[str, Any]]:
    return PhraseMatcher([(f, t) for t in load_json("agreement_triggers.json")["triggers"] for f in t["forms"]],
                         clitics=True)


def _party(ref) -> dict[str, Any]:
    c = ref.country
    return {"name": c.name, "name_en": c.name_en, "kind": "country", "code": c.code, "span": None}


def extract(article: Article) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen_countries: list[Any] = []
    triggers = trigger_matcher()
    countries = country_matcher()
    for sentence in article.sentences:
        sent_countries = [(h.start, h.value) for h in countries.finditer(article, sentence.start, sentence.end)]
        for hit in triggers.finditer(article, sentence.start, sentence.end):
            trig = hit.value
            after = normalize(article.text[hit.end : sentence.end])
            if not any(normalize(n) in after.split()[:6] for n in trig["needs"]):
                continue
            parties: list[dict[str, Any]] = []
            before = [ref for pos, ref in sent_countries if pos < hit.start]
            if any(True for _ in _DUAL.finditer(article, sentence.start, hit.start)) and len(seen_countries) >= 2:
                before = seen_countries[-2:]
            for ref in before:
                if ref.country.code not in {p["code"] for p in parties}:
                    parties.append(_party(ref))
            if len(parties) < 2:
                continue
            on = article.text.find("على", hit.end, sentence.end)
            terms: list[str] = []
            spans: list[list[int]] = []
            if on != -1:
                start = on + len("على")
                m = _TERM_END.search(article.text, start, sentence.end)
                end = m.start() if m else sentence.end
                pos = start
                for piece in _SPLIT.split(article.text[start:end]) + [None]:
                    if piece is None:
                        break
                    idx = article.text.find(piece, pos, end)
                    s, e = idx, idx + len(piece)
                    while s < e and article.text[s] in " ،":
                        s += 1
                    while e > s and article.text[e - 1] in " ،.":
                        e -= 1
                    if e > s:
                        terms.append(article.text[s:e])
                        spans.append([s, e])
                    pos = idx + len(piece)
            out.append({"action": trig["action"], "cameo": trig["cameo"], "trigger": hit.text,
                        "trigger_span": [hit.start, hit.end], "parties": parties, "terms": terms,
                        "term_spans": spans, "span": [sentence.start, sentence.end]})
        for _pos, ref in sent_countries:
            if not seen_countries or seen_countries[-1].country.code != ref.country.code:
                seen_countries.append(ref)
    return out
