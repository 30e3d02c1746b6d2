"""JSON parsing that knows where every value is: line and column for error messages.

Python's C ``json`` parser is fast but forgets positions; a position-keeping
parse in Python is ~30 times slower. Most files a hook checks are clean and
need no positions at all, so :func:`load` parses with the C parser (plus a
cheap duplicate-key detector) and :func:`locate` walks the same text again
only for a document that has something to report, recording the offset of
every value and every object key by JSON pointer path. Both read the same
text with the same rules (the last of duplicate keys wins), so a path found
by the validator always has a position.

Library considered: ``json-source-map`` maps every pointer to a line and
column too, but walks the text character by character in Python for every
file, and its documentation says nothing of duplicate keys or NaN. The lazy
two-pass design keeps clean files at C speed, reports both, and adds no
dependency.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from json.decoder import scanstring
from typing import Any

Path = tuple[str | int, ...]

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_LITERALS = {"t": "true", "f": "false", "n": "null"}


class NotJson(ValueError):
    """Text that is not JSON: a message and the character offset where parsing stopped."""

    def __init__(self, message: str, pos: int):
        super().__init__(message)
        self.message = message
        self.pos = pos


@dataclass
class Loaded:
    """A parsed JSON value, and whether some object in it repeated a key."""

    value: Any
    has_duplicate_keys: bool = False


def load(text: str) -> Loaded:
    """Parse ``text`` as strict JSON (no NaN/Infinity); raises :class:`NotJson` with the offset."""
    duplicates = False

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicates
        obj = dict(pairs)
        if len(obj) != len(pairs):
            duplicates = True
        return obj

    def no_constant(name: str) -> Any:
        raise _Constant(name)

    try:
        value = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=no_constant)
    except json.JSONDecodeError as e:
        raise NotJson(e.msg, e.pos) from None
    except _Constant as e:
        pos = _find_constant(text, e.name)
        raise NotJson(f"{e.name} is not allowed in JSON", pos) from None
    except RecursionError:
        raise NotJson("nested too deeply", 0) from None
    return Loaded(value, duplicates)


class _Constant(Exception):
    def __init__(self, name: str):
        self.name = name


def _find_constant(text: str, name: str) -> int:
    """Offset of the first NaN/Infinity/-Infinity token outside strings."""
    try:
        locate(text)
    except NotJson as e:
        return e.pos
    return 0


@dataclass
class Positions:
    """Offsets of values and keys in one JSON text, by path, plus line/column conversion."""

    text: str
    values: dict[Path, int] = field(default_factory=dict)
    keys: dict[Path, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[Path, int]] = field(default_factory=list)
    _line_starts: list[int] | None = None

    def offset(self, path: Path, key: bool = False) -> int:
        """Where ``path`` is written; the key's offset when ``key`` (object members only).

        A path that is not in the text (it cannot happen for paths of the
        parsed value) falls back to its nearest written ancestor.
        """
        if key and path in self.keys:
            return self.keys[path]
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, 0)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of ``offset``."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text`` (for syntax errors)."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def locate(text: str) -> Positions:
    """Record where every value and key of the JSON ``text`` is written.

    Raises :class:`NotJson` for text that is not strict JSON, including the
    NaN/Infinity constants Python's parser lets through.
    """
    positions = Positions(text)
    end = _value(text, _skip(text, 0), (), positions)
    end = _skip(text, end)
    if end != len(text):
        raise NotJson("Extra data", end)
    return positions


def _skip(text: str, pos: int) -> int:
    return _WS.match(text, pos).end()


def _value(text: str, pos: int, path: Path, out: Positions) -> int:
    """Parse the value at ``pos`` (whitespace already skipped); returns the offset after it."""
    out.values[path] = pos
    char = text[pos:pos + 1]
    if char == "{":
        return _object(text, pos, path, out)
    if char == "[":
        return _array(text, pos, path, out)
    if char == '"':
        try:
            return scanstring(text, pos + 1, True)[1]
        except json.JSONDecodeError as e:
            raise NotJson(e.msg, e.pos) from None
    if char in _LITERALS:
        word = _LITERALS[char]
        if text.startswith(word, pos):
            return pos + len(word)
    number = _NUMBER.match(text, pos)
    if number:
        return number.end()
    for constant in ("NaN", "Infinity", "-Infinity"):
        if text.startswith(constant, pos):
            raise NotJson(f"{constant} is not allowed in JSON", pos)
    raise NotJson("Expecting value", pos)


def _object(text: str, pos: int, path: Path, out: Positions) -> int:
    pos = _skip(text, pos + 1)
    if text[pos:pos + 1] == "}":
        return pos + 1
    seen: set[str] = set()
    while True:
        if text[pos:pos + 1] != '"':
            raise NotJson("Expecting property name enclosed in double quotes", pos)
        key_pos = pos
        try:
            key, pos = scanstring(text, pos + 1, True)
        except json.JSONDecodeError as e:
            raise NotJson(e.msg, e.pos) from None
        child = path + (key,)
        if key in seen:
            out.duplicate_keys.append((child, key_pos))
        seen.add(key)
        out.keys[child] = key_pos
        pos = _skip(text, pos)
        if text[pos:pos + 1] != ":":
            raise NotJson("Expecting ':' delimiter", pos)
        pos, done = _separator(text, _value(text, _skip(text, pos + 1), child, out), "}")
        if done:
            return pos


def _array(text: str, pos: int, path: Path, out: Positions) -> int:
    pos = _skip(text, pos + 1)
    if text[pos:pos + 1] == "]":
        return pos + 1
    index = 0
    while True:
        pos, done = _separator(text, _value(text, pos, path + (index,), out), "]")
        if done:
            return pos
        index += 1


def _separator(text: str, pos: int, close: str) -> tuple[int, bool]:
    """After an item: (offset of the next item, False), or (offset after ``close``, True) at the end."""
    pos = _skip(text, pos)
    char = text[pos:pos + 1]
    if char == close:
        return pos + 1, True
    if char != ",":
        raise NotJson("Expecting ',' delimiter", pos)
    return _skip(text, pos + 1), False
