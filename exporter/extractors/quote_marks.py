"""Pairing quotation marks into quoted segments, paragraph by paragraph.

News copy mixes « », “ ”, „ “, straight " and ' (one character for both
ends), reversed guillemets (»…«), a guillemet closed by ” («…”), a closing ” used to open, marks never
closed before the paragraph ends, and spaces inside marks (" إن … ").
Directional marks pair by type; a straight mark opens or closes by its
neighbours: one with a space before and a letter after opens, one with a
letter before closes, and one with spaces on both sides toggles. A second
opener of the same kind while one is open means the first was never closed
(it ends there). Only top-level segments are kept: marks nested inside a
quotation are part of its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark -> the marks that close it.
_CLOSERS = {"«": "»", "“": "”", "„": "“”", "‹": "›", "»": "«", "”": "”", '"': '"', "'": "'", "‘": "’"}
_MARKS = re.compile("[«»“”„‹›\"'‘’]")
_WORD = re.compile(r"[^\W_]+")
_SYMMETRIC = {'"', "'"}
_CLITICS = "وفبلك"


@dataclass(frozen=True, slots=True)
class Segment:
    """Words between an opening mark and its closing mark (or the point the quotation stops)."""

    open: int  # index of the opening mark
    start: int  # first character inside
    end: int  # just after the last character inside
    close: int | None  # index of the closing mark; None when never closed
    words: int

    @property
    def after(self) -> int:
        """Index just after the segment (after its closing mark when there is one)."""
        return self.close + 1 if self.close is not None else self.end


def _word_count(s: str) -> int:
    return len(_WORD.findall(s))


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _closes_at(s: str, j: int, end: int) -> bool:
    """Does the mark at ``j`` read as a closer (a word or punctuation before it, no word after it)?"""
    before = s[j - 1] if j > 0 else " "
    after = s[j + 1] if j + 1 < end else " "
    return (before.isalnum() or before in ".؟?!،,") and not after.isalnum()


def _nested(s: str, i: int, end: int, c: str) -> bool:
    """Is the symmetric mark ``c`` at ``i`` (inside an open quotation) the start of a nested one?

    It is when the next two marks of its kind both read as closers, the first within a few words: the
    inner quotation closes, then the outer one.
    """
    j = s.find(c, i + 1, end)
    if j == -1 or not _closes_at(s, j, end) or _word_count(s[i + 1:j]) > 4:
        return False
    k = s.find(c, j + 1, end)
    return k != -1 and _closes_at(s, k, end)


def _misplaced_opener(s: str, i: int, end: int, c: str) -> bool:
    """Is the closer-looking mark ``c`` at ``i`` (nothing open) the opening of a quotation whose mark slipped
    past a word (إن 47" قتيلا … دوما"، التنموي' إن نشرة …')? It is when a space and a word follow it and the
    next mark of its kind, three words or more on, closes too."""
    if i + 2 >= end or s[i + 1] != " " or not _is_word(s[i + 2]):
        return False
    j = s.find(c, i + 1, end)
    return j != -1 and _closes_at(s, j, end) and _word_count(s[i + 1:j]) >= 3


def _guillemet_closes_later(s: str, i: int, end: int) -> bool:
    """Is the next guillemet after ``i`` a closing one (the open « has its own » to come)?"""
    close = s.find("»", i, end)
    if close == -1:
        return False
    reopen = s.find("«", i, close)
    return reopen == -1


def pair_marks(s: str, start: int, end: int) -> list[Segment]:
    """Top-level quoted segments of ``s[start:end]`` (one paragraph), in order."""
    out: list[Segment] = []
    stack: list[tuple[str, int]] = []  # (opening mark, index)

    def emit(opening: int, stop: int, close: int | None) -> None:
        if not stack:  # only top level
            inner = s[opening + 1:stop]
            out.append(Segment(opening, opening + 1, stop, close, _word_count(inner)))

    for m in _MARKS.finditer(s, start, end):
        c, i = m.group(), m.start()
        prev = s[i - 1] if i > start else " "
        nxt = s[i + 1] if i + 1 < end else " "
        if c == "'" and _is_word(prev) and _is_word(nxt):
            continue  # an apostrophe inside a word (O'Brien)
        if stack and stack[-1] == (c, i - 1) and _is_word(s[i + 1] if i + 1 < end else " "):
            continue  # a doubled opening mark (موضحا: ""أنا لا أثق …"): one opening
        # a one-letter clitic before the mark (بـ"…"، و«…») belongs to the next word
        word_before = _is_word(prev) and not (prev in _CLITICS and (i - 2 < start or not _is_word(s[i - 2])))
        closes_open = bool(stack) and c in _CLOSERS[stack[-1][0]]
        strong_open = not word_before and _is_word(nxt)
        strong_close = word_before or (not nxt.strip() and prev in ".؟?!،,")
        if closes_open and c in _SYMMETRIC and strong_open and not strong_close and stack[-1][0] == c \
                and _nested(s, i, end, c):
            stack.append((c, i))  # "إذا لم يدعم "كل منهم" مرشح الثورة …": a short quotation inside a quotation
        elif closes_open and c in _SYMMETRIC | {"”"} and strong_open and not strong_close and stack[-1][0] == c:
            # a second opener of the same kind: the first one was never closed
            opening = stack.pop()[1]
            emit(opening, i, None)
            stack.append((c, i))
        elif closes_open or (c == "“" and stack and stack[-1][0] == "“" and not strong_open):
            opening = stack.pop()[1]  # (“بعض العناصر “: an opening-style mark written to close)
            emit(opening, i, i)
        elif c == "”" and stack and stack[-1][0] == "«" and strong_close and not strong_open \
                and not _guillemet_closes_later(s, i, end):
            opening = stack.pop()[1]  # ب«تقدم واضح”: a guillemet closed by a curly mark
            emit(opening, i, i)
        elif c == "»" and "«" not in [o for o, _ in stack] and _is_word(nxt):
            stack.append((c, i))  # reversed guillemets: »…«
        elif c in "»›’":
            continue  # a stray closer
        elif c == "«" and stack and stack[-1][0] == "«":
            opening = stack.pop()[1]  # « … « : the first was never closed
            emit(opening, i, None)
            stack.append((c, i))
        elif c in _SYMMETRIC and not strong_open and strong_close:
            if not stack and _misplaced_opener(s, i, end, c):
                stack.append((c, i))  # إن 47" قتيلا … دوما": an opening mark slipped after the first word
            continue  # a closer with nothing open
        else:
            stack.append((c, i))
    while stack:
        opening = stack.pop(0)[1]
        if not stack:
            out.append(Segment(opening, opening + 1, end, None, _word_count(s[opening + 1:end])))
        else:
            # an unclosed outer mark with unclosed marks inside: the outer one runs to the paragraph end
            stack.clear()
            out.append(Segment(opening, opening + 1, end, None, _word_count(s[opening + 1:end])))
    out.sort(key=lambda seg: seg.open)
    # drop segments nested in an unclosed one that was emitted afterwards
    kept: list[Segment] = []
    for seg in out:
        if kept and seg.open < kept[-1].end:
            continue
        kept.append(seg)
    return kept
