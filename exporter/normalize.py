"""The one Arabic normalisation used for matching, everywhere in the project.

Matching lexicons against news copy needs spelling variation folded away:
hamza/alef forms (أ إ آ ٱ → ا), alef maqsura (ى → ي), ta marbuta (ة → ه),
hamza seats (ؤ → و, ئ → ي), Persian/Urdu letters (ی ک → ي ك), diacritics and
tatweel dropped, presentation forms decomposed, Eastern Arabic digits to
ASCII, Latin lower-cased, bidi and zero-width marks dropped, and any run of
whitespace to one space.

The document's ``text`` is never changed: extractors search the normalised
string and map positions back through the offset map returned by
:func:`normalize_map`, so every span still points into the original text.
:func:`normalize` is the same function without the map, for lexicon entries.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_DROP = set(
    [chr(c) for c in range(0x0610, 0x061B)]  # Quranic marks
    + [chr(c) for c in range(0x064B, 0x0660)]  # harakat, shadda, sukun
    + ["\u0670", "\u0640"]  # superscript alef, tatweel
    + [chr(c) for c in range(0x06D6, 0x06EE)]  # Quranic annotation signs
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u00ad"]
    + [chr(c) for c in range(0x202A, 0x202F)]  # bidi embeddings/overrides
    + [chr(c) for c in range(0x2066, 0x206A)]  # bidi isolates
)

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "ؤ": "و",
    "ک": "ك", "ڪ": "ك",
    "گ": "ك",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4",
    "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4",
    "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
    "٫": ".", "٬": ",", "،": "،",
}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """Normalised form of one character ('' when it is dropped)."""
    if ch in _DROP:
        return ""
    if ch in _FOLD:
        return _FOLD[ch]
    if ch.isspace():
        return " "
    if ord(ch) < 128:
        return ch.lower()
    # Presentation forms (ﻻ, ﷲ …) and other compatibility characters.
    decomposed = unicodedata.normalize("NFKC", ch)
    if decomposed != ch:
        return "".join(_fold_char(c) for c in decomposed if c != ch)
    return ch.lower()


def normalize_map(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` for matching and map each output index to ``text``.

    Returns ``(norm, starts)`` with ``len(starts) == len(norm) + 1``:
    ``starts[i]`` is the index in ``text`` of the character that produced
    ``norm[i]``, and ``starts[len(norm)]`` is ``len(text)``. A match
    ``norm[a:b]`` covers ``text[starts[a]:end_of(b)]`` — use
    :func:`span_in_text` to convert.
    """
    out: list[str] = []
    starts: list[int] = []
    prev_space = True  # strip leading whitespace
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        if not folded:
            continue
        if folded == " ":
            if prev_space:
                continue
            prev_space = True
        else:
            prev_space = False
        for c in folded:
            out.append(c)
            starts.append(i)
    # strip one trailing space
    if out and out[-1] == " ":
        out.pop()
        starts.pop()
    starts.append(len(text))
    return "".join(out), starts


def normalize(text: str) -> str:
    """Normalised form of ``text`` (see the module docstring)."""
    return normalize_map(text)[0]


def span_in_text(starts: list[int], text: str, a: int, b: int) -> tuple[int, int]:
    """Original-text span for the normalised slice ``norm[a:b]``.

    The end is the position just after the original character that produced
    ``norm[b-1]``, extended over characters the normaliser dropped inside a
    word (diacritics, tatweel) so that a vowelled word is covered whole.
    """
    if b <= a:
        pos = starts[a] if a < len(starts) else len(text)
        return pos, pos
    start = starts[a]
    end = starts[b - 1] + 1
    while end < len(text) and _fold_char(text[end]) == "" and not text[end].isspace():
        end += 1
    return start, end
