"""Headline: the article's title line (GUIDELINES: short, no sentence flow into
the body; desk labels such as ``عام /`` and wire suffixes such as ``/ إضافة
أولى`` removed; a dateline glued to the line is cut off).

Sub-headlines, bylines and credit lines under the title are not part of it:
the title is the first line. Two layouts change that:

* The text opens straight with the body. When the first line opens with the
  dateline (``جاكرتا (رويترز) - اتفقت …``), the rest of the line is the title
  only if it reads as one: a single sentence of at most ``MAX_WORDS`` words.
  A first line without a dateline is the lede, not a title, when it is longer
  than ``MAX_WORDS``; when it is a sentence closed by a full stop and either
  long (``LEDE_WORDS`` and more) or followed by a line that continues the story
  (``وقال …``, ``وأضاف …``); or when it is long and so followed even without a
  full stop. Titles are short and rarely end with a full stop.
* Newspapers set a kicker (overline) above the title: a short line whose verb
  has no subject of its own (``سيمكن من خلق سوق …``, ``تشارك بأكبر وفد …``)
  because the title under it names the actor (``اتفاق دول المغرب …``,
  ``المغرب تتحدى …``). Titles themselves are nominal (``X يفعل``, a verbal
  noun), so a first line that opens with a verb, directly above a title-like
  line that does not, is the kicker and the second line is the title.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..normalize import normalize
from ..resources import load_json
from ..segment import Article, Paragraph

MAX_WORDS = 30
LEDE_WORDS = 20  # a full-stop sentence this long is a lede, not a title
KICKER_WORDS = 16  # a kicker is a short line
MIN_TITLE_WORDS = 3  # a line under the kicker shorter than this is a credit or byline
# SPA/news-agency desk labels before the title: "عام /", "سياسي /" …
_DESK_LABEL = re.compile(r"^\s*(?:عام|سياسي|اقتصادي|رياضي|ثقافي|محليات|دولي|اجتماعي|عربي|خليجي)\s*/\s*")
# SPA wire suffix of an add: "/ إضافة أولى واخيرة", "/ إضافة ثانية"
_WIRE_SUFFIX = re.compile(r"\s*/\s*إضافة(?:\s+\S+){0,3}\s*$")
_TRAILING = re.compile(r"[\s.。]+$")
# A line closed by one full stop (not an ellipsis "..", "…").
_FULL_STOP = re.compile(r"(?<![.])\.[\"'»”’)\]]*\s*$")
_LETTERS = re.compile(r"[^\W\d_]+")
# Words that follow a verb whose subject is left out (تشارك بأكبر وفد، سيمكن من خلق …).
_PREPOSITIONS = frozenset(normalize(w) for w in (
    "في", "على", "من", "إلى", "الى", "عن", "مع", "أمام", "حول", "لدى", "نحو", "ضد", "عبر", "خلال", "منذ",
))
# Words that look like imperfect verbs (ي… / ت…) but are nouns that open titles.
_NOT_VERBS = frozenset(normalize(w) for w in (
    "يوم", "يهود", "يمين", "يسار", "يونيو", "يوليو", "يناير", "تقرير", "تونس", "تركيا", "تل", "تموز", "تشرين",
))


@lru_cache(maxsize=1)
def _cue_verbs() -> frozenset[str]:
    """Finite reporting and speech-act verbs (قال، أكد، حث، دعا …) from ``data/cues.json``.

    Forms flagged ambiguous (بين 'between', تابع 'affiliated') are left out.
    """
    out: set[str] = set()
    for cue in load_json("cues.json")["cues"]:
        if cue.get("ambiguous"):
            continue
        for forms in (cue.get("verb") or {}).values():
            out.update(normalize(f) for f in forms if " " not in f)
    return frozenset(out)


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    names = load_json("person_names.json")
    return frozenset(normalize(n) for n in names["given"] + names["ambiguous"])


def _opens_with_verb(text: str) -> bool:
    """Whether a line opens with a finite verb: a future (سيمكن، ستشارك), a cue verb (حثت، أكد),
    an imperfect ي… (يدخل), or an imperfect ت… that a preposition follows (تشارك بأكبر، تسعى إلى);
    a ت… word of the verbal-noun shape تفعيل (تحقيق، تعديل) is a noun."""
    label = _DESK_LABEL.match(text)
    words = _LETTERS.findall(normalize(text[label.end() if label else 0 :][:80]))
    if not words:
        return False
    first = words[0]
    nxt = words[1] if len(words) > 1 else ""
    if first in _cue_verbs():
        return True
    if len(first) < 4 or first in _NOT_VERBS or first in _given_names() or first.endswith(("ه", "ات", "يه", "يي")):
        return False
    if first[0] == "س" and first[1] in "يتن" and first[2] != "ا" and len(first) >= 5:
        return True
    if first[0] == "ي":
        return True
    if first[0] == "ت" and not (len(first) == 5 and first[3] == "ي"):
        return nxt in _PREPOSITIONS or (nxt[:1] == "ب" and len(nxt) > 3)
    return False


def _starts_continuation(paragraph: Paragraph) -> bool:
    """A paragraph that goes on with the story: و + a reporting verb (وقال، وأضاف، وأكد …)."""
    m = _LETTERS.match(normalize(paragraph.text[:30]))
    return bool(m) and m.group().startswith("و") and m.group()[1:] in _cue_verbs()


def _is_lede(article: Article) -> bool:
    """The first line (no dateline on it) is the story's first sentence, not a title."""
    first = article.paragraphs[0]
    n = len(first.text.split())
    if n > MAX_WORDS:
        return True
    continued = _starts_continuation(article.paragraphs[1])
    if not _FULL_STOP.search(first.text):
        return n >= LEDE_WORDS and continued
    return n >= LEDE_WORDS or len(first.sentences) > 1 or continued


def _is_kicker(article: Article, dateline: dict[str, Any] | None) -> bool:
    """The first line is a kicker over the title on the second line (see the module docstring)."""
    first, second = article.paragraphs[0], article.paragraphs[1]
    if dateline and dateline["span"][0] < second.end:
        return False  # a dateline on either line: the layout is title + dateline
    n1, n2 = len(first.text.split()), len(second.text.split())
    if n1 > KICKER_WORDS or not MIN_TITLE_WORDS <= n2 <= MAX_WORDS:
        return False
    if ":" in first.text or _FULL_STOP.search(first.text) or _FULL_STOP.search(second.text):
        return False
    if _DESK_LABEL.match(first.text):
        return False
    return _opens_with_verb(first.text) and not _opens_with_verb(second.text)


def extract(article: Article, dateline: dict[str, Any] | None) -> dict[str, Any] | None:
    if not article.paragraphs:
        return None
    first = article.paragraphs[0]
    start, end = first.start, first.end
    if dateline and first.start <= dateline["span"][0] < first.end:
        if dateline["span"][0] != first.start:
            end = dateline["span"][0]
        else:
            # the first line is dateline + headline: the rest of the line is the title
            start = dateline["span"][1]
            rest = [s for s in first.sentences if s.end > start]
            if len(rest) > 1 or len(article.text[start:end].split()) > MAX_WORDS:
                return None  # the line is the lede itself: no title line
    elif len(article.paragraphs) < 2 or _is_lede(article):
        return None
    elif _is_kicker(article, dateline):
        start, end = article.paragraphs[1].start, article.paragraphs[1].end
    label = _DESK_LABEL.match(article.text, start, end)
    if label:
        start = label.end()
    suffix = _WIRE_SUFFIX.search(article.text, start, end)
    if suffix:
        end = suffix.start()
    while start < end and article.text[start] in " -–—ـ:":
        start += 1
    m = _TRAILING.search(article.text, start, end)
    if m:
        end = m.start()
    if end <= start:
        return None
    return {"text": article.text[start:end], "span": [start, end]}
