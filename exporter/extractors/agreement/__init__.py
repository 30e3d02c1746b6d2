"""Parts of the agreement extractor (see :mod:`exporter.extractors.agreements`).

- :mod:`.vocab`: the data files, normalised and compiled once;
- :mod:`.tokens`: words of the normalised text with their offsets;
- :mod:`.mentions`: who is named where (countries, organisations, persons, references);
- :mod:`.parties`: coordinated party chains and reference resolution;
- :mod:`.terms`: what was agreed, split into coordinated items;
- :mod:`.assemble`: restatements merged, documents built.
"""
