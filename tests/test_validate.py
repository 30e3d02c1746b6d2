"""``exporter validate``: schema errors and the checks a schema cannot express, with exact messages."""

from __future__ import annotations

import copy
import json

import pytest

from .conftest import invoke


def validate(tmp_path, doc, name="doc.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = invoke("validate", path)
    return result.exit_code, result.stdout.splitlines(), str(path)


def test_seed_document_is_valid(tmp_path, seed_doc):
    assert validate(tmp_path, seed_doc)[:2] == (0, [])


def broken(doc, mutate):
    doc = copy.deepcopy(doc)
    mutate(doc)
    return doc


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["headline"].update(span=["0", 5]), "/headline/span/0: '0' is not of type 'integer'"),
        (lambda d: d.pop("quotes"), "/: 'quotes' is a required property"),
        (lambda d: d["quotes"][0].update(kind="paraphrase"),
         "/quotes/0/kind: 'paraphrase' is not one of ['direct', 'indirect']"),
        (lambda d: d["dateline"].update(date="2024-02-30"), "/dateline/date: '2024-02-30' is not a valid date"),
    ],
)
def test_schema_problems_have_exact_messages(tmp_path, seed_doc, mutate, message):
    code, lines, path = validate(tmp_path, broken(seed_doc, mutate))
    assert code == 1
    assert lines == [f"{path}: {message}"]


def test_span_not_matching_text(tmp_path, seed_doc):
    def shift(d):
        s, e = d["quotes"][0]["span"]
        d["quotes"][0]["span"] = [s + 1, e + 1]

    doc = broken(seed_doc, shift)
    code, lines, path = validate(tmp_path, doc)
    s, e = doc["quotes"][0]["span"]
    assert code == 1
    assert lines == [f"{path}: /quotes/0/span: span {[s, e]} covers {doc['text'][s:e]!r}, "
                     f"not text {doc['quotes'][0]['text']!r}"]


def test_id_must_match_text(tmp_path, seed_doc):
    doc = broken(seed_doc, lambda d: d.update(text=d["text"] + " "))
    code, lines, path = validate(tmp_path, doc)
    assert code == 1
    assert f"{path}: /id: id does not match text (expected {doc['id'][:7]}" not in lines  # sanity
    assert any(line.startswith(f"{path}: /id: id does not match text") for line in lines)
    assert f"{path}: /source/sha256: sha256 does not match text encoded as utf-8" in lines


def test_unreadable_and_invalid_json(tmp_path):
    (tmp_path / "bad.json").write_text("{\"a\": ", encoding="utf-8")
    result = invoke("validate", tmp_path / "bad.json")
    assert result.exit_code == 1
    result = invoke("validate", tmp_path / "missing.json")
    assert result.exit_code == 2
