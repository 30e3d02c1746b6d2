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

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
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


# Blocks whose compatibility characters are decomposed and whose capitals are lower-cased: Latin, Greek,
# Cyrillic, Armenian, general punctuation, letterlike symbols, and the Arabic presentation forms. Other
# scripts are kept as written (news copy has none worth folding, and a bounded set keeps the fast path exact).
_COMPAT_RANGES = ((0x00A0, 0x0590), (0x1E00, 0x2200), (0xFB00, 0xFFF0))


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
    if not any(lo <= ord(ch) < hi for lo, hi in _COMPAT_RANGES):
        return ch
    # Presentation forms (ﻻ, ﷲ …) and other compatibility characters.
    decomposed = unicodedata.normalize("NFKC", ch)
    if decomposed != ch:
        return "".join(_fold_char(c) for c in decomposed if c != ch)
    return ch.lower()


def _reference_normalize_map(text: str) -> tuple[str, list[int]]:
    """Character-by-character definition of the normalisation (slow; the spec for the fast path)."""
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
    if out and out[-1] == " ":
        out.pop()
        starts.pop()
    starts.append(len(text))
    return "".join(out), starts


def _build_tables() -> tuple[dict[int, str | None], re.Pattern[str]]:
    """translate() table for one-to-one folds and the pattern of characters that need more."""
    table: dict[int, str | None] = {ord(c): v for c, v in _FOLD.items() if len(v) == 1}
    table.update({c: chr(c).lower() for c in range(ord("A"), ord("Z") + 1)})
    specials = set(_DROP)
    # Compatibility characters that decompose (Arabic presentation forms, ligatures,
    # full-width forms): few, but one character may become several.
    for lo, hi in _COMPAT_RANGES:
        for c in range(lo, hi):
            ch = chr(c)
            if ch not in _FOLD and not ch.isspace() and _fold_char(ch) != ch:
                folded = _fold_char(ch)
                if len(folded) == 1:
                    table[c] = folded
                else:
                    specials.add(ch)
    for c in range(0x0000, 0x3100):
        ch = chr(c)
        if ch.isspace():
            table[c] = " "
    cls = "".join(re.escape(ch) for ch in sorted(specials))
    drop = "".join(re.escape(ch) for ch in sorted(_DROP))
    # Runs of whitespace, with any dropped characters among them (" ـ " as a dash), collapse to one
    # space; other specials are handled one by one.
    return table, re.compile(rf"\s[\s{drop}]*\s|[{cls}]")


_TABLE, _SPECIAL = _build_tables()
# The folds that occur in nearly every article, done with str.replace (a C loop per character kind, several
# times faster than translate() looking up every character); translate() runs only when rarer ones appear.
_COMMON = [(c, _TABLE[ord(c)]) for c in "ةأىإئؤآ\n\t\r\xa0"]
_RARE = re.compile("[" + "".join(re.escape(chr(c)) for c, v in _TABLE.items()
                                 if chr(c) not in dict(_COMMON) and v != chr(c)) + "]")


def _fold(run: str) -> str:
    """One-to-one folds of a run of text (same length out as in)."""
    for ch, folded in _COMMON:
        if ch in run:
            run = run.replace(ch, folded)
    if _RARE.search(run) is not None:
        run = run.translate(_TABLE)
    return run


class OffsetMap(Sequence[int]):
    """Positions in the original text of each normalised character, stored compactly.

    Behaves like the list ``starts`` of :func:`_reference_normalize_map`
    (``len(norm) + 1`` items, the last being ``len(text)``) but keeps only
    the points where the one-to-one correspondence breaks, so building it
    costs time in the number of dropped/expanded characters, not in the length
    of the article.
    """

    __slots__ = ("_norm", "_text", "_size", "_text_len")

    def __init__(self, norm_starts: list[int], text_starts: list[int], size: int, text_len: int):
        self._norm = norm_starts  # norm index where a run starts
        self._text = text_starts  # text index of that run's first character
        self._size = size  # len(norm)
        self._text_len = text_len

    def __len__(self) -> int:
        return self._size + 1

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += self._size + 1
        if not 0 <= i <= self._size:
            raise IndexError(i)
        if i == self._size:
            return self._text_len
        k = bisect_right(self._norm, i) - 1
        return self._text[k] + (i - self._norm[k])

    def norm_index(self, pos: int) -> int:
        """Index of the first normalised character produced at or after text position ``pos``."""
        k = bisect_left(self._text, pos)
        if k < len(self._text) and self._text[k] == pos:
            return self._norm[k]  # first character of an expansion, or a run start
        k -= 1
        if k < 0:
            return 0
        run_end = self._norm[k + 1] if k + 1 < len(self._norm) else self._size
        offset = pos - self._text[k]
        if self._norm[k] + offset < run_end:
            return self._norm[k] + offset
        return run_end


def normalize_map(text: str) -> tuple[str, OffsetMap]:
    """Normalise ``text`` for matching and map each output index to ``text``.

    Returns ``(norm, starts)`` with ``len(starts) == len(norm) + 1``:
    ``starts[i]`` is the index in ``text`` of the character that produced
    ``norm[i]``, and ``starts[len(norm)]`` is ``len(text)``. A match
    ``norm[a:b]`` covers ``text[starts[a]:end_of(b)]`` — use
    :func:`span_in_text` to convert.

    Most characters fold one-to-one (``str.translate``); only dropped marks,
    decomposing presentation forms and whitespace runs take the slow path.
    """
    pieces: list[str] = []
    run_norm: list[int] = []
    run_text: list[int] = []
    size = 0
    pos = 0
    lead = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if lead:
        pos = lead
    for m in _SPECIAL.finditer(text, lead, end):
        a, b = m.span()
        if a > pos:
            pieces.append(_fold(text[pos:a]))
            run_norm.append(size)
            run_text.append(pos)
            size += a - pos
        if b - a > 1 or text[a].isspace():  # whitespace run → one space
            pieces.append(" ")
            run_norm.append(size)
            run_text.append(a)
            size += 1
        else:
            for c in _fold_char(text[a]):
                pieces.append(c)
                run_norm.append(size)
                run_text.append(a)
                size += 1
        pos = b
    if pos < end:
        pieces.append(_fold(text[pos:end]))
        run_norm.append(size)
        run_text.append(pos)
        size += end - pos
    norm = "".join(pieces)
    if "  " in norm or norm[:1] == " " or norm[-1:] == " ":
        # blanks next to a dropped mark: rare, use the definition
        ref, starts = _reference_normalize_map(text)
        return ref, OffsetMap(list(range(len(ref))), starts[:-1], len(ref), len(text))
    return norm, OffsetMap(run_norm, run_text, size, len(text))


def normalize(text: str) -> str:
    """Normalised form of ``text`` (see the module docstring)."""
    return normalize_map(text)[0]


def span_in_text(starts: Sequence[int], text: str, a: int, b: int) -> tuple[int, int]:
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
