"""A fast yes/no answer to "does this document satisfy the shipped schema?".

jsonschema interprets the schema afresh for every document (about 2 ms per
article document, and ~50 ms to import), which made it most of the cost of
``exporter validate``. Nearly every document a hook or an archive checks is
valid, so the validator first asks this module: the schema file's keywords are
compiled once into nested Python closures that only answer valid or not. When
the answer is "not valid", jsonschema runs on that document to say exactly
what is wrong, so messages keep jsonschema's wording and the schema file stays
the single source of truth.

Only the keywords below are compiled, each with jsonschema's semantics (draft
2020-12: a float with an integral value is an integer, ``True`` is not ``1``,
``pattern`` is ``re.search``, ``format: date`` is asserted). A schema using any
other keyword raises :class:`NotCompilable`, and the caller then uses
jsonschema for every document: a new keyword can make validation slower,
never wrong. ``tests/test_validate_compiled.py`` checks both agree on the real
corpus and on thousands of generated mutations.
"""

from __future__ import annotations

import datetime
import numbers
import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

# Keywords that never change whether an instance is valid.
_ANNOTATIONS = frozenset({
    "$schema", "$id", "$comment", "$defs", "definitions", "title", "description", "default", "examples",
    "deprecated", "readOnly", "writeOnly",
})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class NotCompilable(ValueError):
    """The schema uses something this compiler does not implement."""


def _is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


_FORMATS: dict[str, Check] = {"date": _is_date}


def _is_integer(x: Any) -> bool:
    if isinstance(x, bool):
        return False
    return isinstance(x, int) or (isinstance(x, float) and x.is_integer())


def _is_number(x: Any) -> bool:
    return isinstance(x, numbers.Number) and not isinstance(x, bool)


_TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "integer": _is_integer,
    "number": _is_number,
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
}


def json_equal(a: Any, b: Any) -> bool:
    """Equality as JSON means it: ``True`` is not ``1``, lists and objects compare element-wise."""
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
        return False
    return a == b


class _Compiler:
    def __init__(self, root: Mapping[str, Any]):
        self.root = root
        self.refs: dict[str, list[Check]] = {}

    def ref(self, ref: str) -> Check:
        """A local ``#/...`` reference, compiled once (a cell allows recursive schemas)."""
        if not ref.startswith("#/"):
            raise NotCompilable(f"only local references are compiled, not {ref!r}")
        if ref not in self.refs:
            cell: list[Check] = []
            self.refs[ref] = cell
            node: Any = self.root
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(node, Mapping) or part not in node:
                    raise NotCompilable(f"unresolvable reference {ref!r}")
                node = node[part]
            cell.append(self.compile(node))
        cell = self.refs[ref]
        if cell:
            return cell[0]
        return lambda x: cell[0](x)

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda x: True
        if schema is False:
            return lambda x: False
        if not isinstance(schema, Mapping):
            raise NotCompilable(f"not a schema: {schema!r}")
        unknown = set(schema) - _ANNOTATIONS - set(_KEYWORDS)
        if unknown:
            raise NotCompilable(f"keywords not compiled: {sorted(unknown)}")
        checks = [_KEYWORDS[k](self, schema[k], schema) for k in _ORDER if k in schema]
        checks = [c for c in checks if c is not None]
        if not checks:
            return lambda x: True
        if len(checks) == 1:
            return checks[0]
        if len(checks) == 2:
            a, b = checks
            return lambda x: a(x) and b(x)
        return lambda x: all(c(x) for c in checks)


def _type(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    names = [value] if isinstance(value, str) else list(value)
    try:
        tests = [_TYPES[n] for n in names]
    except KeyError as e:
        raise NotCompilable(f"unknown type {e}") from None
    if len(tests) == 1:
        return tests[0]
    return lambda x: any(t(x) for t in tests)


def _properties(c: _Compiler, value: Mapping[str, Any], schema: Mapping[str, Any]) -> Check:
    props = {k: c.compile(v) for k, v in value.items()}
    closed = schema.get("additionalProperties") is False and "patternProperties" not in schema

    def check(x: Any) -> bool:
        if not isinstance(x, dict):
            return True
        for k, v in x.items():
            sub = props.get(k)
            if sub is None:
                if closed:
                    return False
            elif not sub(v):
                return False
        return True

    return check


def _additional_properties(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check | None:
    if "patternProperties" in schema:
        raise NotCompilable("patternProperties is not compiled")
    known = set(schema.get("properties", {}))
    if value is False:
        if "properties" in schema:
            return None  # folded into the properties check
        return lambda x: not isinstance(x, dict) or not x
    sub = c.compile(value)
    return lambda x: not isinstance(x, dict) or all(sub(v) for k, v in x.items() if k not in known)


def _required(c: _Compiler, value: list[str], schema: Mapping[str, Any]) -> Check:
    names = tuple(value)
    return lambda x: not isinstance(x, dict) or all(n in x for n in names)


def _prefix_items(c: _Compiler, value: list[Any], schema: Mapping[str, Any]) -> Check:
    subs = [c.compile(s) for s in value]
    return lambda x: not isinstance(x, list) or all(s(v) for s, v in zip(subs, x, strict=False))


def _items(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    start = len(schema.get("prefixItems", []))
    sub = c.compile(value)
    if start == 0:
        return lambda x: not isinstance(x, list) or all(sub(v) for v in x)
    return lambda x: not isinstance(x, list) or all(sub(v) for v in x[start:])


def _min_items(c: _Compiler, value: int, schema: Mapping[str, Any]) -> Check:
    return lambda x: not isinstance(x, list) or len(x) >= value


def _max_items(c: _Compiler, value: int, schema: Mapping[str, Any]) -> Check:
    return lambda x: not isinstance(x, list) or len(x) <= value


def _min_length(c: _Compiler, value: int, schema: Mapping[str, Any]) -> Check:
    return lambda x: not isinstance(x, str) or len(x) >= value


def _max_length(c: _Compiler, value: int, schema: Mapping[str, Any]) -> Check:
    return lambda x: not isinstance(x, str) or len(x) <= value


def _minimum(c: _Compiler, value: float, schema: Mapping[str, Any]) -> Check:
    return lambda x: not _is_number(x) or x >= value


def _maximum(c: _Compiler, value: float, schema: Mapping[str, Any]) -> Check:
    return lambda x: not _is_number(x) or x <= value


def _pattern(c: _Compiler, value: str, schema: Mapping[str, Any]) -> Check:
    search = re.compile(value).search
    return lambda x: not isinstance(x, str) or search(x) is not None


def _format(c: _Compiler, value: str, schema: Mapping[str, Any]) -> Check:
    if value not in _FORMATS:
        raise NotCompilable(f"format {value!r} is not compiled")
    return _FORMATS[value]


def _const(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    return lambda x: json_equal(x, value)


def _enum(c: _Compiler, value: list[Any], schema: Mapping[str, Any]) -> Check:
    if all(isinstance(v, str) for v in value):
        allowed = frozenset(value)
        return lambda x: isinstance(x, str) and x in allowed
    return lambda x: any(json_equal(x, v) for v in value)


def _ref(c: _Compiler, value: str, schema: Mapping[str, Any]) -> Check:
    return c.ref(value)


def _any_of(c: _Compiler, value: list[Any], schema: Mapping[str, Any]) -> Check:
    subs = [c.compile(s) for s in value]
    return lambda x: any(s(x) for s in subs)


def _one_of(c: _Compiler, value: list[Any], schema: Mapping[str, Any]) -> Check:
    subs = [c.compile(s) for s in value]

    def check(x: Any) -> bool:
        found = False
        for s in subs:
            if s(x):
                if found:
                    return False
                found = True
        return found

    return check


def _all_of(c: _Compiler, value: list[Any], schema: Mapping[str, Any]) -> Check:
    subs = [c.compile(s) for s in value]
    return lambda x: all(s(x) for s in subs)


def _not(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    sub = c.compile(value)
    return lambda x: not sub(x)


_KEYWORDS: dict[str, Callable[[_Compiler, Any, Mapping[str, Any]], Check | None]] = {
    "type": _type,
    "const": _const,
    "enum": _enum,
    "required": _required,
    "properties": _properties,
    "additionalProperties": _additional_properties,
    "prefixItems": _prefix_items,
    "items": _items,
    "minItems": _min_items,
    "maxItems": _max_items,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minimum": _minimum,
    "maximum": _maximum,
    "pattern": _pattern,
    "format": _format,
    "$ref": _ref,
    "anyOf": _any_of,
    "oneOf": _one_of,
    "allOf": _all_of,
    "not": _not,
}
# Cheap, decisive checks first: a wrong type fails before any recursion.
_ORDER = ("type", "const", "enum", "required", "minItems", "maxItems", "minLength", "maxLength", "minimum",
          "maximum", "pattern", "format", "properties", "additionalProperties", "prefixItems", "items", "$ref",
          "oneOf", "anyOf", "allOf", "not")
assert set(_ORDER) == set(_KEYWORDS)


def compile_schema(schema: Mapping[str, Any]) -> Check:
    """``is_valid(instance)`` for ``schema``; raises :class:`NotCompilable` for unsupported schemas."""
    return _Compiler(schema).compile(schema)
