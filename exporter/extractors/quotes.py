"""Quotes: direct and reported speech, each attributed to its speaker.

How a quote is found (GUIDELINES.md "Quotes"):

- A reporting cue (``data/cues.json``: قال، أكد، أشار، مضيفا، تأكيده …) opens
  it. After the cue come the speaker phrase and circumstances (في بيان،
  لوكالة …), then what introduces the words: a complement إن/أن/بأن/إلى أن
  (indirect: the clause after it, after an attached pronoun), quotation marks
  (direct: the words inside), or a colon (direct, to the end of the
  paragraph). A cue followed by a noun (أكد دعمه، مؤكدا حرص بلاده) or by a
  preposition with its own object (أعلن عن استشهاد "…") introduces nothing.
- A reported clause ends at the end of its sentence, before the next cue
  that opens a clause (، مضيفا …، وقال …، فيما أشار …) or before an
  attribution tail (، حسب …، على حد تعبيره، في إشارة إلى …).
- Mixed: marks covering at least half of a reported clause make it direct
  (the words inside); a short marked phrase stays inside an indirect quote.
- Quotations split by the cue ("…" قال X "…"), continued in the next
  paragraph under a new opening mark, or followed by an attribution tail
  ("…"، على حد تعبيره) are quotes of the same speaker.
- A report of a report (قال المنصر إن المرزوقي قال …) is one quote, under
  the inner speaker.
- Source credits (حسبما ذكرت رويترز، وفقا لوكالة …) are not quotes, but a
  sentence that opens with one and goes on with the source's words (وبحسب
  المصدر، فإن …) is.

Who speaks: the phrase after the cue (or before it: مصدر أمني قال …), read
by :mod:`.speakers`. A participle (مضيفا) or a verb with no subject (وأضاف)
takes the subject of an earlier speech act in the same sentence, else a
person or country named earlier in that sentence, else the last speaker
whose gender and number agree with the cue. :mod:`.persons` links short and
anaphoric names to the fullest name the article gives.

Works on ``article.norm`` (the one normalisation), with spans mapped back to
the text at the end. The rules live in the :mod:`.quote` package, a layer per
module (layout, phrases, clauses, carry-over, cue speakers, quotations,
credits); this module is the entry point the document builder calls.
"""

from __future__ import annotations

from typing import Any

from ..segment import Article
from .quote.extraction import Extraction
from .quote.output import document_fields


def extract_with_persons(article: Article, body_start: int = 0) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Quotes and the people named in the article (``quotes``, ``persons`` of the document).

    ``body_start``: text offset where the body begins (after the headline), so a headline is not read for quotes.
    """
    ex = Extraction(article, body_start)
    ex.run()
    return document_fields(ex)


def extract(article: Article, body_start: int = 0) -> list[dict[str, Any]]:
    """The article's quotes, in text order (see :func:`extract_with_persons`)."""
    return extract_with_persons(article, body_start)[0]
