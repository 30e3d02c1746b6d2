"""The article body as XHTML paragraphs with every quote marked ``<q>``.

Paragraphs are the non-empty lines of ``text`` (as in the segmenter). The
headline's line is left out when it holds nothing but the headline and the
dateline (they have their own NewsML-G2 elements), so an archive does not
show the title twice; a line that says anything more stays.

Quotes are placed by their character spans, so the marked words are exactly
the document's. XHTML needs properly nested elements inside one ``<p>``, while
spans can cross a paragraph break or partly overlap another quote; such a
quote is cut into pieces, each its own ``<q>``, and its ``partMeta`` lists all
of them in ``contentrefs``. Nothing of the text is dropped except characters
XML cannot carry (see :mod:`.xmltext`).
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .xmltext import clean

XHTML = "http://www.w3.org/1999/xhtml"
_LINE = re.compile(r"[^\n]+")
# What may surround a headline on its line besides the dateline: spaces, the
# final full stop, dashes and colons that separate it from the dateline.
_FILLER = re.compile(r"[\s.:\-–—_،,؛;|]*")


@dataclass
class _Mark:
    start: int
    end: int
    quote: int  # index into doc["quotes"]
    children: list[_Mark] = field(default_factory=list)


@dataclass
class Body:
    paragraphs: list[tuple[int, int]]
    pieces: dict[int, list[str]]  # quote index -> ids of its <q> pieces, in text order
    chars: int
    words: int


def lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines of ``text``, without their leading and trailing whitespace."""
    out = []
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if stripped:
            start = m.start() + (len(line) - len(line.lstrip()))
            out.append((start, start + len(stripped)))
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _title_only(text: str, para: tuple[int, int], doc: dict[str, Any]) -> bool:
    """True when ``para`` is the headline (with the dateline), nothing more, and holds no quote."""
    headline = doc.get("headline")
    if not headline or not (para[0] <= headline["span"][0] and headline["span"][1] <= para[1]):
        return False
    if any(_overlaps(tuple(q["span"]), para) for q in doc.get("quotes") or []):
        return False
    cut = [tuple(headline["span"])]
    dateline = doc.get("dateline")
    if dateline and _overlaps(tuple(dateline["span"]), para):
        cut.append(tuple(dateline["span"]))
    pos, rest = para[0], []
    for a, b in sorted(cut):
        rest.append(text[pos:max(pos, a)])
        pos = max(pos, b)
    rest.append(text[pos:para[1]])
    return _FILLER.fullmatch("".join(rest)) is not None


def body_paragraphs(doc: dict[str, Any]) -> list[tuple[int, int]]:
    """The spans of ``text`` the body shows, one per paragraph."""
    text = doc["text"]
    paras = lines(text)
    return [p for p in paras if not _title_only(text, p, doc)]


def _nest(marks: list[_Mark], para: tuple[int, int]) -> _Mark:
    """Marks as a properly nested tree under a root spanning the paragraph; crossing marks are cut."""
    root = _Mark(para[0], para[1], -1)
    heap = [(m.start, -m.end, n, m) for n, m in enumerate(marks)]
    heapq.heapify(heap)
    seq = len(marks)
    stack = [root]
    while heap:
        _, _, _, mark = heapq.heappop(heap)
        while stack[-1] is not root and stack[-1].end <= mark.start:
            stack.pop()
        top = stack[-1]
        if mark.end > top.end:  # crosses the end of an open mark: keep the inside part, requeue the rest
            rest = _Mark(top.end, mark.end, mark.quote)
            seq += 1
            heapq.heappush(heap, (rest.start, -rest.end, seq, rest))
            mark.end = top.end
        if mark.end > mark.start:
            top.children.append(mark)
            stack.append(mark)
    return root


def render(doc: dict[str, Any], parent: Any, id_prefix: str) -> Body:
    """Append one ``<p>`` per body paragraph to the XHTML element ``parent``; quotes become ``<q id=…>``.

    ``id_prefix`` makes the ids unique within a newsMessage (one per item).
    """
    text = doc["text"]
    quotes = doc.get("quotes") or []
    paras = body_paragraphs(doc)
    pieces: dict[int, list[str]] = {}
    chars = words = 0

    def emit(node: _Mark, element: Any) -> None:
        pos, last = node.start, None
        for child in node.children:
            chunk = clean(text[pos:child.start])
            if last is None:
                element.text = (element.text or "") + chunk
            else:
                last.tail = (last.tail or "") + chunk
            ids = pieces.setdefault(child.quote, [])
            qid = f"{id_prefix}{child.quote + 1}" + (f"-{len(ids) + 1}" if ids else "")
            ids.append(qid)
            kind = quotes[child.quote].get("kind")
            q = etree.SubElement(element, f"{{{XHTML}}}q", id=qid, **({"class": kind} if kind else {}))
            emit(child, q)
            pos, last = child.end, q
        chunk = clean(text[pos:node.end])
        if last is None:
            element.text = (element.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk

    for para in paras:
        marks = [
            _Mark(max(q["span"][0], para[0]), min(q["span"][1], para[1]), n)
            for n, q in enumerate(quotes)
            if _overlaps(tuple(q["span"]), para)
        ]
        p = etree.SubElement(parent, f"{{{XHTML}}}p")
        emit(_nest(marks, para), p)
        shown = "".join(p.itertext())
        chars += len(shown)
        words += len(shown.split())
    return Body(paras, pieces, chars, words)
