"""Text that can go into XML 1.0: illegal characters out, short labels on one line.

XML 1.0 allows only TAB, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD and
U+10000-U+10FFFF; lxml refuses anything else (``ValueError`` for controls,
``UnicodeEncodeError`` for lone surrogates), and a character reference such as
``&#x1;`` is no way out because parsers reject it too. Wire text sometimes
carries such bytes (a NUL from a broken feed, a stray U+FFFE from a bad
conversion), so every string is cleaned before it reaches the tree. DEL and the
C1 controls (U+007F-U+009F) are legal but the XML spec discourages them and in
Arabic text they only ever come from mis-decoded bytes, so they go as well.
Bidi marks (U+200E/F, U+202A-E) are meaningful in Arabic typing and are kept.

The JSON rendition keeps the text exact: JSON escapes controls itself and
:func:`json_for_xml` escapes the few characters JSON leaves raw.
"""

from __future__ import annotations

import re
from collections import Counter

_NOT_IN_XML = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
_DISCOURAGED = "\x7f-\x9f"
UNWANTED = re.compile(f"[{_NOT_IN_XML}{_DISCOURAGED}]")
# What json.dumps(ensure_ascii=False) leaves raw but XML 1.0 cannot carry.
_RAW_IN_JSON = re.compile("[\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"\s+")


def clean(s: str) -> str:
    """``s`` without the characters XML 1.0 forbids or discourages."""
    return UNWANTED.sub("", s)


def label(s: str) -> str:
    """A one-line label (g2normalizedString: name, creditline, literal …): cleaned, whitespace runs as one space."""
    return _SPACES.sub(" ", clean(s)).strip()


def unwanted_counts(s: str) -> Counter[str]:
    """How often each character :func:`clean` would remove occurs in ``s``."""
    return Counter(UNWANTED.findall(s))


def describe(counts: Counter[str]) -> str:
    """``U+0001 ×2, U+FFFE ×1`` for a warning message, in code-point order."""
    return ", ".join(f"U+{ord(c):04X} ×{n}" for c, n in sorted(counts.items()))


def json_for_xml(json_text: str) -> str:
    """JSON text with every character XML cannot hold written as a ``\\uXXXX`` escape (same JSON value)."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
