"""Spelling-tolerant lookup of multi-word names by their consonant skeleton.

Arabic copy spells foreign and transliterated names in many ways, and
machine-translated wire copy mangles even Arabic ones (the founding article
writes جيش العدل as "جايش آل أدل"). Most of the variation is in the long
vowels and hamza seats, in letters that transliteration confuses (ص/س، ط/ت،
ض/د، ظ/ذ/ز، ق/ك) and in the final ة, so names are compared on a *skeleton*:
the normalised words with ا و ي ء dropped, those letter pairs folded and a
word-final ه removed, and the words run together (so a name split or glued
differently still compares).

On top of equal skeletons, one edit is tolerated, bounded by length so
common phrases never reach a name: dropping or adding a guttural (ع ح ه, the
letters transliteration loses: العدل → أدل) for skeletons of 6 letters or
more, any single edit from 9 letters, and every skeleton match is confirmed
on the spelling itself (:func:`spelling_distance`), so "جامع الويس" (a mosque)
does not pass for جماعة الحوثي, and a name's first word may gain letters but
not lose or change any (:func:`keeps_first_word`: أسرى المقاومة is not
سرايا المقاومة). Lookup is indexed, never a scan of the
lexicon: candidates are found by the skeleton of the name's first word, the
first letter of the rest and the total skeleton length, so a word that cannot
open a name costs one set lookup.

Works on text already passed through :func:`exporter.normalize.normalize`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

_DROPPED = "اويء"
_FOLDED = {"ص": "س", "ث": "س", "ط": "ت", "ض": "د", "ظ": "ز", "ذ": "ز", "ق": "ك"}
_TABLE = str.maketrans({**{c: None for c in _DROPPED}, **_FOLDED})
_GUTTURALS = frozenset("عحه")
#: Shortest skeleton compared at all; below it only exact spellings match.
MIN_EXACT = 5
#: Shortest skeleton allowed one dropped/added guttural.
MIN_GUTTURAL = 6
#: Shortest skeleton allowed any single edit.
MIN_ANY_EDIT = 9


def letters_skeleton(word: str) -> str:
    """The word's consonants with look-alikes folded, before the word-final rule: letter for letter,
    so the skeleton of a word without its first letters is a slice of it (لجبهة → ل + جبه)."""
    return word.translate(_TABLE)


def finish_skeleton(letters: str) -> str:
    """A word skeleton from :func:`letters_skeleton`: a final ه (ta marbuta) dropped."""
    if len(letters) > 1 and letters.endswith("ه"):
        return letters[:-1]
    return letters


def word_skeleton(word: str) -> str:
    """Skeleton of one normalised word (no spaces): long vowels and hamza dropped, look-alikes folded."""
    return finish_skeleton(word.translate(_TABLE))


def skeleton(phrase: str) -> str:
    """Skeleton of a normalised phrase: its words' skeletons run together."""
    return "".join(word_skeleton(w) for w in phrase.split())


def edit_cost(a: str, b: str) -> int | None:
    """How far skeleton ``a`` (text) is from ``b`` (lexicon): 0 equal, 1 one guttural
    dropped or added, 2 any other single edit, None for more than one edit."""
    if a == b:
        return 0
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return None
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:  # one substitution
        if a[i + 1 :] != b[i + 1 :]:
            return None
        return 2  # a swapped consonant, gutturals included (العفو is not لهافا)
    longer, shorter = (a, b) if la > lb else (b, a)
    if longer[i + 1 :] != shorter[i:]:
        return None
    return 1 if longer[i] in _GUTTURALS else 2


def acceptable(cost: int | None, length: int, *, exact_only: bool = False) -> bool:
    """Whether an edit of ``cost`` is tolerated for a lexicon skeleton of ``length`` letters."""
    if cost is None or length < MIN_EXACT:
        return False
    if cost == 0:
        return True
    if exact_only:
        return False
    return (cost == 1 and length >= MIN_GUTTURAL) or (cost == 2 and length >= MIN_ANY_EDIT)


_WEAK_LETTERS = frozenset("اويءه ")
_LOOKALIKE = {frozenset(pair) for pair in _FOLDED.items()}


def _sub_cost(x: str, y: str) -> float:
    if x == y:
        return 0.0
    if (x in _WEAK_LETTERS or x in _GUTTURALS) and (y in _WEAK_LETTERS or y in _GUTTURALS) and \
            (x in _WEAK_LETTERS or y in _WEAK_LETTERS):
        return 0.25  # a vowel letter for a guttural or another vowel letter (أدل for عدل)
    if frozenset((x, y)) in _LOOKALIKE:
        return 0.25
    return 1.0


def spelling_distance(a: str, b: str, limit: float = 1.0) -> float:
    """Weighted edit distance between two normalised phrases, for confirming a skeleton match.

    Vowel letters, hamza seats, spaces and ه cost a quarter to add, drop or
    swap, as does a vowel letter written for a guttural (أدل/عدل) or a
    look-alike consonant (س/ص); any other edit costs 1. Computed in a band
    around the diagonal; returns ``limit + 1`` as soon as it must exceed ``limit``.
    """
    if a == b:
        return 0.0
    n, m = len(a), len(b)
    band = 4
    if abs(n - m) > band:
        return limit + 1
    big = limit + 1
    weight_b = [0.25 if ch in _WEAK_LETTERS else 1.0 for ch in b]
    prev = [0.0] * (m + 1)
    for j in range(1, m + 1):
        prev[j] = prev[j - 1] + weight_b[j - 1]
    for i in range(1, n + 1):
        x = a[i - 1]
        ins_a = 0.25 if x in _WEAK_LETTERS else 1.0
        cur = [big] * (m + 1)
        if i <= band:
            cur[0] = prev[0] + ins_a
        lo, hi = max(1, i - band), min(m, i + band)
        row_min = cur[0] if i <= band else big
        for j in range(lo, hi + 1):
            y = b[j - 1]
            best = prev[j - 1] if x == y else prev[j - 1] + _sub_cost(x, y)
            c = prev[j] + ins_a
            if c < best:
                best = c
            c = cur[j - 1] + weight_b[j - 1]
            if c < best:
                best = c
            cur[j] = best
            if best < row_min:
                row_min = best
        if row_min > limit:
            return big
        prev = cur
    return prev[m]


_FOLD_ONLY = str.maketrans(_FOLDED)


def _bare(word: str, article: bool) -> str:
    """A normalised word without its article (ال, or the ل left of it in للحزب), look-alikes folded,
    a final ه dropped: what :func:`keeps_first_word` compares."""
    if word.startswith("ال"):
        word = word[2:]
    elif article and word.startswith("ل"):
        word = word[1:]
    return finish_skeleton(word.translate(_FOLD_ONLY))


def keeps_first_word(written: str, listed: str) -> bool:
    """Whether ``written`` can be a misspelling of a name's first word ``listed`` (both normalised).

    Transliteration adds letters to a word (long vowels: جايش for جيش) but an
    Arabic writer does not drop or replace letters of the word that opens a
    name, which is nearly always a common noun (جيش، جبهة، سرايا، جماعة). So
    every letter of the listed word must appear, in order, in the written
    one: أسرى is not سرايا, جميع is not جماعة, though their skeletons are equal.
    """
    w, lst = _bare(written, listed.startswith("ال")), _bare(listed, False)
    it = iter(w)
    return all(ch in it for ch in lst)


@dataclass(frozen=True)
class _Candidate(Generic[T]):
    skeleton: str
    phrase: str  # normalised
    words: int
    value: T
    exact_only: bool


def rest_key(word_skel: str) -> str:
    """First letter of a word's skeleton past an article ل and gutturals ('' when none is left).

    With the first word's skeleton, the lookup key of a name: the second
    word's key, or the third's when the second has none (a lone "آل"). It is
    left alone by the edits tolerated on short names (a dropped guttural:
    العدل → أدل both give د).
    """
    if word_skel.startswith("ل"):
        word_skel = word_skel[1:]
    return word_skel.lstrip("عحه")[:1]


def _key_after(skeletons: Sequence[str]) -> str:
    """The rest key of the words after a name's first word (the second's, else the third's)."""
    for skel in skeletons[:2]:
        key = rest_key(skel)
        if key:
            return key
    return ""


class SkeletonIndex(Generic[T]):
    """Multi-word names indexed by first-word skeleton and the first letter of the rest.

    ``entries`` are ``(normalised phrase, value, exact_only)``; single words,
    skeletons shorter than :data:`MIN_EXACT` and names whose first word has a
    skeleton of fewer than three letters are left out (too close to ordinary
    words), unless that first word is one of ``short_heads`` (جيش → جش). ``exact_only`` entries
    (names shared by several organisations, or made of common words) match
    only on an equal skeleton and an identical first word. Within a bucket, candidates are grouped by
    total skeleton length, so a window is compared only with names of
    nearly its length.
    """

    def __init__(self, entries: Iterable[tuple[str, T, bool]], short_heads: Iterable[str] = ()):
        self._index: dict[tuple[str, str], dict[int, list[_Candidate[T]]]] = {}
        self._max_words: dict[tuple[str, str], int] = {}
        heads = set(short_heads)
        for phrase, value, exact_only in entries:
            words = phrase.split()
            skel = skeleton(phrase)
            if len(words) < 2 or len(skel) < MIN_EXACT:
                continue
            first = word_skeleton(words[0])
            if len(first) < 2 or (len(first) < 3 and words[0] not in heads):
                continue  # لواء → ل, روسيا → رس: too common a skeleton to open a lookup
            key = (first, _key_after([word_skeleton(w) for w in words[1:3]]))
            bucket = self._index.setdefault(key, {}).setdefault(len(skel), [])
            if not any(c.skeleton == skel for c in bucket):
                bucket.append(_Candidate(skel, phrase, len(words), value, exact_only))
            self._max_words[key] = max(self._max_words.get(key, 0), len(words))
        self.first_words = frozenset(first for first, _ in self._index)
        self.keys = frozenset(self._index)  # (first-word skeleton, rest key) pairs that open some name

    def longest(self, first: str, key: str) -> int:
        """Most words of a name opening with a word of skeleton ``first`` whose following words
        have rest key ``key`` (see :func:`rest_key`); 0 when there is none."""
        return self._max_words.get((first, key), 0)

    def match(self, skeletons: Sequence[str], words: Sequence[str]) -> tuple[int, T, int] | None:
        """Best name starting at the first of two or more consecutive words.

        ``skeletons`` are the words' skeletons (the first one without its
        clitics), ``words`` the same words normalised. Returns ``(number of
        words used, value, cost)`` or None. The window may have one word more
        or less than the name (split words); every skeleton match is
        confirmed on the spelling (:func:`spelling_distance` at most 1); the
        lowest cost wins, then the longer name.
        """
        if len(skeletons) < 2 or skeletons[0] not in self.first_words:
            return None
        key = (skeletons[0], _key_after(skeletons[1:3]))
        buckets = self._index.get(key)
        if buckets is None:
            return None
        best: tuple[int, int, int, T] | None = None  # (cost, -len, n, value)
        window = skeletons[0]
        shortest, longest = min(buckets) - 1, max(buckets) + 1
        for n in range(2, min(len(skeletons), self._max_words[key] + 1) + 1):
            window += skeletons[n - 1]
            if len(window) < shortest:
                continue
            if len(window) > longest:
                break
            for length in (len(window) - 1, len(window), len(window) + 1):
                for cand in buckets.get(length, ()):
                    if abs(cand.words - n) > 1:
                        continue
                    cost = edit_cost(window, cand.skeleton)
                    if not acceptable(cost, len(cand.skeleton), exact_only=cand.exact_only):
                        continue
                    if cand.exact_only and words[0].lstrip("ا") != cand.phrase.split(" ", 1)[0].lstrip("ا"):
                        continue  # a shared name keeps its first word: الحراك الشعبي is not الحركة الشعبية
                    if not keeps_first_word(words[0], cand.phrase.split(" ", 1)[0]):
                        continue
                    rank = (cost, -len(cand.skeleton), n, cand.value)
                    if best is not None and rank[:2] >= best[:2]:
                        continue
                    if spelling_distance(" ".join(words[:n]), cand.phrase) <= 1.0:
                        best = rank  # type: ignore[assignment]
        if best is None:
            return None
        return best[2], best[3], best[0]
