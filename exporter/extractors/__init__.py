"""Rule-based extractors: pure functions from a segmented :class:`~exporter.segment.Article`
(and what earlier extractors found) to plain JSON-ready dicts.

Order in the pipeline (see :func:`exporter.document.extract_all`): dateline →
headline → dates → quotes/persons → agreements → groups. No extractor imports
an output format.
"""
