"""The compiled schema check must agree with jsonschema, the reference, on every document.

If they ever disagree, a document could pass ``exporter validate`` that the
schema rejects (or the reverse): so they are compared on the real corpus, on
every table case, and on thousands of generated mutations of a valid
document, including values near each keyword's edge (integral floats,
``True`` for ``1``, dates that do not exist, strings with a trailing newline).
"""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import exporter
from exporter.compiled_schema import NotCompilable, compile_schema, json_equal
from exporter.resources import load_schema

from .conftest import needs_shared, real_articles
from .test_validate import BASE, CASES, apply_patch

SCHEMA = load_schema()
REFERENCE = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
COMPILED = compile_schema(SCHEMA)


def agree(doc) -> None:
    assert COMPILED(doc) is REFERENCE.is_valid(doc), json.dumps(doc, ensure_ascii=False)[:2000]


def test_valid_document():
    assert COMPILED(BASE) is True
    agree(BASE)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_table_cases(case):
    agree(apply_patch(BASE, case["patch"]))


@needs_shared
def test_real_corpus():
    for path in real_articles():
        agree(exporter.extract(path.read_bytes(), file=path.name))


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))


PATHS = [p for p in _paths(BASE) if p and p[0] != "text"]
KEYS = sorted({k for p in _paths(SCHEMA) for k in p if isinstance(k, str)})
EDGE_STRINGS = ["direct", "indirect", "ar", "1.0", "1.x", "2024-02-29", "2023-02-29", "2024-13-01", "--02-30",
                "--02-29", "--13-01", "2024-1-5", "١٢٣٤-٠١-٠١", "EG", "eg", "reuters", "Reuters", "sha256:" + "a" * 64,
                "sha256:" + "a" * 64 + "\n", "a" * 64, "0" * 63, "057", "5", "hijri", "person", "militant", ""]
SCALARS = (st.none() | st.booleans() | st.integers(-3, 400) | st.sampled_from([0.0, 1.0, 19.0, 2.5, -1.0, 1e300])
           | st.sampled_from(EDGE_STRINGS) | st.text(max_size=4))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=3), inner, max_size=3), max_leaves=8)


def _mutate(doc, path, op, value):
    *parents, last = path
    target = doc
    for part in parents:
        target = target[part]
    if op == "delete":
        del target[last]
    elif op == "add" and isinstance(target, dict):
        target[value[0]] = value[1]
    elif op == "add":
        target.insert(last, value[1])
    else:
        target[last] = value[1]


MUTATION = st.tuples(st.sampled_from(PATHS), st.sampled_from(["replace", "replace", "delete", "add"]),
                     st.tuples(st.sampled_from(KEYS) | st.text(max_size=3), VALUES))


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MUTATION, min_size=1, max_size=3))
def test_generated_mutations(mutations):
    doc = copy.deepcopy(BASE)
    for path, op, value in mutations:
        try:
            _mutate(doc, path, op, value)
        except (KeyError, IndexError, TypeError, AttributeError):
            continue  # an earlier mutation removed or replaced the place
    agree(doc)


@given(VALUES)
@settings(max_examples=500, deadline=None)
def test_any_value_as_the_whole_document(value):
    agree(value)


def test_unknown_keywords_refuse_to_compile():
    with pytest.raises(NotCompilable):
        compile_schema({"type": "object", "patternProperties": {"^x": {}}})
    with pytest.raises(NotCompilable):
        compile_schema({"format": "email"})
    with pytest.raises(NotCompilable):
        compile_schema({"$ref": "https://example.org/remote.json"})


def test_validation_falls_back_to_jsonschema_for_an_uncompilable_schema(monkeypatch):
    from exporter import validation

    schema = copy.deepcopy(SCHEMA)
    schema["properties"]["language"]["format"] = "email"  # a format the compiler does not implement
    monkeypatch.setattr(validation, "load_schema", lambda: schema)
    validation.schema_is_valid.cache_clear()
    validation.schema_validator.cache_clear()
    try:
        assert validation.schema_is_valid().__self__ is validation.schema_validator()
        assert validation.check_document(BASE) == [
            validation.Problem(("language",), "'ar' is not a valid email", "schema.format")]
    finally:
        validation.schema_is_valid.cache_clear()
        validation.schema_validator.cache_clear()


@pytest.mark.parametrize(("a", "b", "equal"), [
    (1, 1.0, True), (True, 1, False), (False, 0, False), ([1, True], [1, True], True), ([1], [True], False),
    ({"a": 1}, {"a": 1.0}, True), ({"a": 1}, {"b": 1}, False), ("1", 1, False), (None, None, True),
])
def test_json_equality(a, b, equal):
    assert json_equal(a, b) is equal
