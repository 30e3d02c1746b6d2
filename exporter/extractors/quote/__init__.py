"""The quote reader behind :mod:`exporter.extractors.quotes`, in layers.

One article is read by one object whose class is built up a layer per
module, each layer using only itself and the layers below it:

1. :mod:`.layout` — paragraphs, sentences, marked segments, cue hits, word helpers
2. :mod:`.phrases` — speaker phrases after and before a cue
3. :mod:`.clauses` — introductions (إن/أن, colon, marks) and clause boundaries
4. :mod:`.carry_over` — entities, the speaker history, cues with no subject
5. :mod:`.cue_speakers` — the speaker of one cue, relays, reports of reports
6. :mod:`.quotations` — emitting quotes: mixed rule, colons, chains, continuations
7. :mod:`.credits` — source credits and attribution tails
8. :mod:`.extraction` — the pass over the cues and speech acts

:mod:`.output` turns the result into the document's ``quotes`` and
``persons``; :mod:`.records` and :mod:`.vocabulary` hold what the layers
share. The rules are layered rather than split into independent objects
because they consult each other constantly (a clause boundary depends on
whether the next cue has a subject, a subject on the history of who spoke),
and one object keeps those calls as cheap as the single class they came from.
"""
