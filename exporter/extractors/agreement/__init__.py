"""Parts of the agreement extractor (entry point: :mod:`exporter.extractors.agreements`).

The pass over an article, top down:

- :mod:`.triggers`: trigger hits, and a cheap first look at each before anything is tokenised;
- :mod:`.scope`: which sentences are tokenised (acts with their antecedents, lists, provisions);
- :mod:`.reading`: the state of one article's pass (statements so far, its parties, once indexed);
- :mod:`.reader`: the pass over the triggers; verbs of agreeing and the noun اتفاق;
- :mod:`.signings`: triggers that need a document (وقع/أبرم/توصل إلى اتفاقية …);
- :mod:`.provisions`: provisions and undertakings stated after an agreement;
- :mod:`.acts`: negation, hedges, calls and the subjunctive; where a clause starts;
- :mod:`.party_roles`: a trigger's subject and counterpart, the parties of acts that name none;
- :mod:`.complements`: where the terms start (على، a purpose, a topic, a provision clause).

Below them:

- :mod:`.vocab`: the data files, normalised and compiled once;
- :mod:`.tokens`: words of the normalised text with their offsets;
- :mod:`.mentions`: who is named where (countries, organisations, persons, references);
- :mod:`.parties`: coordinated party chains and reference resolution;
- :mod:`.terms`: what was agreed, split into coordinated items;
- :mod:`.assemble`: restatements merged, documents built.
"""
