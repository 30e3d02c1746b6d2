"""The quote reader's findings as the document's ``quotes`` and ``persons`` (contract key order).

Everything inside the reader is in ``norm`` offsets; only here are spans
mapped back to the original text, once per quote.
"""

from __future__ import annotations

from typing import Any

from .extraction import Extraction


def document_fields(ex: Extraction) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The ``quotes`` (in text order) and ``persons`` of a finished extraction."""
    reg = ex.registry
    people = reg.persons()
    index = {id(e): i for i, (e, _) in enumerate(people)}
    art = ex.article
    out = []
    names: dict[int, tuple[str | None, str | None]] = {}
    sentence_spans: dict[tuple[int, int], tuple[int, int]] = {}
    for q in ex.quotes:
        s, e = art.span(q.start, q.end)
        hit = q.hit
        cue = cue_span = None
        if hit is not None:
            cs, ce = art.span(hit.start, hit.end)
            cue, cue_span = art.text[cs:ce], [cs, ce]
        sp = q.speaker
        ent = sp.entity
        if id(ent) not in names:
            names[id(ent)] = (reg.text(ent.name), reg.text(ent.title))
        name, title = names[id(ent)]
        span = None
        if sp.phrase is not None:
            if sp.phrase.title:
                title = reg.text(sp.phrase.title)
            ps = sp.phrase.name or (sp.phrase.start, sp.phrase.end)
            a, b = art.span(*ps)
            span = [a, b] if not (a < e and s < b) else None
        sent_a = ex.sentences[ex.sentence_of(min(q.start, hit.start) if hit else q.start)][0]
        sent_b = ex.sentences[ex.sentence_of(max(q.end - 1, q.start))][1]
        sentence = sentence_spans.get((sent_a, sent_b))
        if sentence is None:  # (quotes of one sentence share its span)
            sentence = sentence_spans[sent_a, sent_b] = art.span(sent_a, sent_b)
        ss, se = min(sentence[0], s), max(sentence[1], e)
        out.append({
            "kind": q.kind,
            "text": art.text[s:e],
            "span": [s, e],
            "cue": cue,
            "cue_span": cue_span,
            "speaker": {"name": name, "title": title if title != name else None, "span": span,
                        "kind": ent.kind, "person": index.get(id(ent))},
            "sentence_span": [ss, se],
        })
    return out, reg.persons_json(people)
