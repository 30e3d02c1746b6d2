"""Quotes: direct (inside quotation marks) and indirect (cue + speaker + إن/أن …).

First version: cue lexicon from ``data/cues.json``; direct quotes in «», "",
“” with a cue in the same sentence; indirect quotes from a cue followed by a
speaker and إن/أن up to the end of the sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..lexicon import PhraseMatcher
from ..resources import load_json
from ..segment import Article

_PAIRS = {"«": "»", "\u201c": "\u201d", '"': '"'}
_COMPLEMENT = re.compile(r"\b(?:ب?[إأا]ن)(?:ه|ها|هم|هما)?\s+")
_TAIL = re.compile(r"،?\s*(?:حسبما|حسب ما|وفقا|وفق ما|على حد|مضيفا|مشيرا|مؤكدا|موضحا)")
MIN_DIRECT_WORDS = 3
MAX_SPEAKER_WORDS = 12


@lru_cache(maxsize=1)
def cue_matcher() -> PhraseMatcher[str]:
    entries = [(form, cue["lemma"]) for cue in load_json("cues.json")["cues"] for form in cue["forms"]]
    return PhraseMatcher(entries, clitics=True)


def _speaker(article: Article, start: int, end: int) -> dict[str, Any] | None:
    chunk = article.text[start:end].strip(" ،,")
    if not chunk:
        return None
    words = chunk.split()
    if len(words) > MAX_SPEAKER_WORDS:
        return None
    s = article.text.find(chunk, start, end)
    return {"name": chunk, "title": None, "span": [s, s + len(chunk)]}


def extract(article: Article, body_start: int = 0) -> list[dict[str, Any]]:
    quotes: list[dict[str, Any]] = []
    cues = cue_matcher()
    last_speaker: dict[str, Any] | None = None
    for sentence in article.sentences:
        if sentence.end <= body_start:
            continue
        hits = list(cues.finditer(article, sentence.start, sentence.end))
        direct_spans: list[tuple[int, int]] = []
        # direct quotes
        i = sentence.start
        while i < sentence.end:
            ch = article.text[i]
            if ch in _PAIRS:
                close = article.text.find(_PAIRS[ch], i + 1, sentence.end)
                if close == -1:
                    break
                inner = article.text[i + 1 : close]
                if len(inner.split()) >= MIN_DIRECT_WORDS and hits:
                    cue = min(hits, key=lambda h: abs(h.start - i))
                    speaker = _speaker(article, cue.end, i) or (dict(last_speaker, span=None) if last_speaker else None)
                    if speaker is not None:
                        quotes.append({"kind": "direct", "text": inner, "span": [i + 1, close], "cue": cue.text,
                                       "cue_span": [cue.start, cue.end],
                                       "speaker": speaker, "sentence_span": [sentence.start, sentence.end]})
                        direct_spans.append((i, close + 1))
                        last_speaker = speaker
                i = close + 1
                continue
            i += 1
        # indirect quotes
        for cue in hits:
            if any(a <= cue.start < b for a, b in direct_spans):
                continue
            m = _COMPLEMENT.search(article.text, cue.end, sentence.end)
            if not m or m.start() - cue.end > 80:
                continue
            speaker = _speaker(article, cue.end, m.start())
            if speaker is None and last_speaker is not None:
                speaker = dict(last_speaker, span=None)
            if speaker is None:
                continue
            end = sentence.end
            tail = _TAIL.search(article.text, m.end(), end)
            if tail:
                end = tail.start()
            while end > m.end() and article.text[end - 1] in " .،,":
                end -= 1
            if any(a <= m.end() < b for a, b in direct_spans) or end <= m.end():
                continue
            quotes.append({"kind": "indirect", "text": article.text[m.end() : end], "span": [m.end(), end],
                           "cue": cue.text, "cue_span": [cue.start, cue.end], "speaker": speaker,
                           "sentence_span": [sentence.start, sentence.end]})
            last_speaker = speaker
            break
    quotes.sort(key=lambda q: q["span"][0])
    return quotes
