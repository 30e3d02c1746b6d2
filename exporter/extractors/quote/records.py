"""The records the quote reader passes between its layers: cue hits, introductions, speakers, quotes."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..persons import Entity
from ..quote_marks import Segment
from ..speakers import Phrase
from ..speech_lexicon import Cue


@dataclass(slots=True)
class Hit:
    """A reporting cue found in the text (قال، مضيفا، تأكيده …)."""

    start: int  # norm offsets of the cue word (without its و/ف/ب prefix)
    end: int
    prefix: str
    cue: Cue
    lead: int = field(init=False)  # start including the attached prefix (where a clause it opens begins)

    def __post_init__(self) -> None:
        self.lead = self.start - len(self.prefix)


@dataclass(slots=True)
class Intro:
    """What introduces a cue's words: where they can start depends on it (after إن، the colon, the mark)."""

    kind: str  # complement | colon | mark
    start: int  # where the introducing word or mark starts
    after: int  # where the quoted words can start
    segment: Segment | None = None


@dataclass(slots=True)
class Speaker:
    """Who says a quote: the entity, and the phrase naming it at this quote (for ``speaker.span``)."""

    entity: Entity
    phrase: Phrase | None  # the mention at this quote; None when carried over
    gender: str | None


@dataclass(slots=True)
class Quote:
    """One quote found, in ``norm`` offsets (mapped to the text only in the JSON output)."""

    kind: str  # direct | indirect
    start: int
    end: int
    hit: Hit | None  # None for a quotation attributed by a tail or a credit (no cue of its own)
    speaker: Speaker
    sentence: int

