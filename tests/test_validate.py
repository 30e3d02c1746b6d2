"""``exporter validate``: exact messages at exact positions, the checks beyond the schema, formats, exit codes.

The cases live in ``tests/cases/validate.json``: each applies a JSON Patch
(RFC 6902 add/remove/replace) to the hand-made valid document
``tests/cases/validate_document.json`` and lists every line the validator
must print, ``LINE:COL: /pointer: message``, in order.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

import exporter
from exporter import versions
from exporter.identity import text_id

from .conftest import ROOT, invoke

CASES_DIR = ROOT / "tests" / "cases"
CASES = json.loads((CASES_DIR / "validate.json").read_text(encoding="utf-8"))
BASE = json.loads((CASES_DIR / "validate_document.json").read_text(encoding="utf-8"))


def base() -> dict:
    return copy.deepcopy(BASE)


def _pointer(path: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]]


def apply_patch(doc, ops: list[dict]):
    """Apply RFC 6902 ``add``/``remove``/``replace`` operations (enough for the cases) to a copy of ``doc``."""
    doc = copy.deepcopy(doc)
    for op in ops:
        *parents, last = _pointer(op["path"])
        target = doc
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        key = (len(target) if last == "-" else int(last)) if isinstance(target, list) else last
        if op["op"] == "remove":
            del target[key]
        elif op["op"] == "add" and isinstance(target, list):
            target.insert(key, op["value"])
        elif op["op"] in ("add", "replace"):
            target[key] = op["value"]
        else:
            raise ValueError(f"unsupported patch operation {op}")
    return doc


def write(path: Path, doc) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def run(*args, input=None):
    result = invoke("validate", *args, input=input)
    return result.exit_code, result.stdout.splitlines(), result.stderr


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(tmp_path, case):
    path = write(tmp_path / "doc.json", apply_patch(BASE, case["patch"]))
    code, lines, _ = run(path)
    assert [line.removeprefix(f"{path}:") for line in lines] == case["expect"]
    assert all(line.startswith(f"{path}:") for line in lines)
    assert code == (1 if case["expect"] else 0)


@pytest.mark.parametrize("case", [c for c in CASES if c["expect"]], ids=lambda c: c["name"])
def test_python_api_gives_the_same_messages(case):
    """``exporter.validate(doc)``: the same problems as ``/pointer: message`` strings, without positions."""
    expected = sorted(line.split(": ", 1)[1] for line in case["expect"])
    assert sorted(exporter.validate(apply_patch(BASE, case["patch"]))) == expected


def test_cases_start_from_a_valid_document():
    assert exporter.validate(base()) == []


def test_seed_document_is_valid(tmp_path, seed_doc):
    assert run(write(tmp_path / "seed.json", seed_doc))[:2] == (0, [])


def test_the_projects_own_seed_file_is_valid():
    assert run(ROOT / "seeds" / "iran-pakistan-security.json")[:2] == (0, [])


# --- JSON itself ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "line"), [
    ('{\n  "a": 1,\n  "b": [1, 2,]\n}', "3:14: invalid JSON: Expecting value"),
    ('{\n  "a": 1\n  "b": 2\n}', "3:3: invalid JSON: Expecting ',' delimiter"),
    ('{"a": NaN}', "1:7: invalid JSON: NaN is not allowed in JSON"),
    ('[1,\n -Infinity]', "2:2: invalid JSON: -Infinity is not allowed in JSON"),
    ('{"a": "x"} {"b": 1}', "1:12: invalid JSON: Extra data"),
    ("", "1:1: invalid JSON: Expecting value"),
    ('{"text": "سطر\n"}', "1:14: invalid JSON: Invalid control character at"),
])
def test_json_syntax_errors_have_their_position(tmp_path, text, line):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    assert run(path)[:2] == (1, [f"{path}:{line}"])


def test_duplicate_keys_are_reported_on_the_repeated_key(tmp_path):
    text = json.dumps(BASE, ensure_ascii=False, indent=2).replace(
        '  "language": "ar",', '  "language": "ar",\n  "language": "ar",', 1)
    path = tmp_path / "dup.json"
    path.write_text(text, encoding="utf-8")
    assert run(path)[:2] == (1, [f"{path}:5:3: /language: duplicate key 'language': only the last value counts"])


def test_a_newline_in_a_key_stays_on_one_line(tmp_path):
    path = write(tmp_path / "key.json", apply_patch(BASE, [{"op": "add", "path": "/quotes/0/a\nb", "value": 1}]))
    assert run(path)[:2] == (1, [f"{path}:89:7: /quotes/0/a\\nb: property 'a\\nb' is not allowed here "
                                 "(allowed: kind, text, span, cue, cue_span, speaker, sentence_span)"])


def test_not_utf8_is_unreadable_with_the_byte_position(tmp_path):
    path = tmp_path / "latin.json"
    path.write_bytes(b'{\n  "text": "caf\xe9"\n}')
    code, lines, _ = run(path)
    assert (code, lines) == (2, [f"{path}:2:15: not UTF-8: byte 0xe9 cannot be decoded"])


def test_byte_order_mark_is_tolerated(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(BASE, ensure_ascii=False).encode())
    assert run(path)[:2] == (0, [])


# --- several files, JSON Lines, folders, standard input ---------------------------------------


def test_json_lines_are_checked_line_by_line_with_file_line_numbers(tmp_path):
    good = json.dumps(BASE, ensure_ascii=False)
    other = apply_patch(BASE, [{"op": "replace", "path": "/text", "value": BASE["text"] + "\n"},
                               {"op": "replace", "path": "/quotes/0/kind", "value": "paraphrase"}])
    other["id"] = text_id(other["text"])
    other["source"]["sha256"] = None
    bad = json.dumps(other, ensure_ascii=False)
    path = tmp_path / "docs.jsonl"
    path.write_text(f"{good}\n\n{bad}\n{{broken\n{good}\n", encoding="utf-8")
    code, lines, err = run(path)
    col = bad.index('"paraphrase"') + 1
    id_col = good.index('"' + BASE["id"] + '"') + 1
    assert code == 1
    assert lines == [
        f"{path}:3:{col}: /quotes/0/kind: 'paraphrase' is not one of ['direct', 'indirect']",
        f"{path}:4:2: invalid JSON: Expecting property name enclosed in double quotes",
        f"{path}:5:{id_col}: /id: duplicate id: the same text is already in {path} line 1",
    ]
    assert "4 documents in 1 file: 3 problems in 1 file" in err


def test_duplicate_ids_across_the_files_of_one_run(tmp_path):
    a = write(tmp_path / "a.json", BASE)
    b = write(tmp_path / "b.json", BASE)
    code, lines, _ = run(a, b)
    assert (code, lines) == (1, [f"{b}:3:9: /id: duplicate id: the same text is already in {a}"])


def test_folders_are_searched_for_json_and_json_lines(tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "one.json", apply_patch(BASE, [{"op": "replace", "path": "/language", "value": "en"}]))
    (tmp_path / "sub" / "notes.txt").write_text("not a document", encoding="utf-8")
    code, lines, err = run(tmp_path)
    assert (code, lines) == (1, [f"{tmp_path / 'sub' / 'one.json'}:4:15: /language: 'ar' was expected"])
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(empty)[:2] == (2, [f"{empty}: folder holds no .json or .jsonl files"])


def test_standard_input_one_document_or_json_lines():
    text = json.dumps(BASE, ensure_ascii=False)
    assert run("-", input=text.encode())[:2] == (0, [])
    bad = text.replace('"ar"', '"en"', 1)
    code, lines, _ = run("-", input=f"{bad}\n{bad}\n".encode())
    assert code == 1
    col = bad.index('"en"') + 1
    assert lines[0] == f"<stdin>:1:{col}: /language: 'ar' was expected"
    id_col = bad.index('"' + BASE["id"] + '"') + 1
    assert lines[1] == f"<stdin>:2:{id_col}: /id: duplicate id: the same text is already in <stdin> line 1"
    assert lines[2] == f"<stdin>:2:{col}: /language: 'ar' was expected"


def test_missing_file_is_unreadable_and_others_are_still_checked(tmp_path):
    bad = write(tmp_path / "bad.json", apply_patch(BASE, [{"op": "remove", "path": "/groups"}]))
    code, lines, err = run(tmp_path / "missing.json", bad)
    assert code == 2
    assert lines == [f"{tmp_path / 'missing.json'}: no such file", f"{bad}:1:1: /: 'groups' is a required property"]
    assert "1 unreadable" in err


# --- output formats ---------------------------------------------------------------------------


def broken_file(tmp_path) -> Path:
    return write(tmp_path / "b,d.json", apply_patch(BASE, [{"op": "replace", "path": "/quotes/0/kind", "value": "x"}]))


def test_github_annotations(tmp_path):
    path = broken_file(tmp_path)
    code, lines, _ = run("--format", "github", path)
    escaped = str(path).replace(",", "%2C").replace(":", "%3A")
    assert (code, lines) == (1, [
        f"::error file={escaped},line=64,col=15,title=exporter validate%3A schema.enum::"
        "/quotes/0/kind: 'x' is not one of ['direct', 'indirect']"])


def test_json_report(tmp_path):
    path = broken_file(tmp_path)
    result = invoke("validate", "--format", "json", path, tmp_path / "missing.json")
    report = json.loads(result.stdout)
    assert result.exit_code == 2
    assert report["valid"] is False
    assert report["summary"] == {"files": 2, "documents": 1, "errors": 1, "notices": 0, "files_with_errors": 1,
                                 "unreadable": 1, "exit_code": 2}
    assert report["problems"] == [
        {"file": str(path), "line": 64, "column": 15, "pointer": "/quotes/0/kind",
         "message": "'x' is not one of ['direct', 'indirect']", "rule": "schema.enum", "severity": "error"},
        {"file": str(tmp_path / "missing.json"), "line": None, "column": None, "pointer": None,
         "message": "no such file", "rule": "file.unreadable", "severity": "error"},
    ]


def test_clean_run_prints_nothing_on_stdout_and_a_summary_on_stderr(tmp_path):
    code, lines, err = run(write(tmp_path / "a.json", BASE))
    assert (code, lines) == (0, [])
    assert err == "exporter validate: 1 document in 1 file: valid\n"


def test_usage_errors_exit_2():
    assert invoke("validate").exit_code == 2
    assert invoke("validate", "--format", "xml", "x.json").exit_code == 2
    result = invoke("validate", "--schema-version", "9.9", "x.json")
    assert result.exit_code == 2 and "'9.9' is not a known version (known: 1.0)" in result.stderr


# --- schema_version policy --------------------------------------------------------------------


@pytest.mark.parametrize(("found", "target", "verdict"), [
    ("1.1", "1.1", None),
    ("1.0", "1.1", ("notice", "schema_version 1.0 is older than 1.1; still supported, re-export to upgrade")),
    ("1.1", "1.0", ("error", "schema_version 1.1 is newer than the required 1.0")),
    ("1.2", "1.1", ("error", "unsupported schema_version '1.2' (supported: 1.0, 1.1)")),
    ("0.9", "1.1", ("error", "unsupported schema_version '0.9' (supported: 1.0, 1.1)")),
    (1.0, "1.1", None),  # not a string: the schema's to report
])
def test_version_verdict(found, target, verdict):
    assert versions.version_verdict(found, target, supported=("1.0", "1.1")) == verdict


def test_older_supported_version_validates_with_a_notice(tmp_path, monkeypatch):
    monkeypatch.setattr(versions, "SUPPORTED_SCHEMA_VERSIONS", ("1.0", "1.1"))
    monkeypatch.setattr(versions, "SCHEMA_VERSION", "1.1")
    path = write(tmp_path / "old.json", BASE)
    code, lines, err = run(path)
    assert (code, lines) == (0, [f"{path}:2:21: /schema_version: notice: schema_version 1.0 is older than 1.1; "
                                 "still supported, re-export to upgrade"])
    assert err.endswith("valid, 1 notice\n")
    assert run("--format", "github", path)[1][0].startswith("::notice file=")
    # Pinning the accepted version makes newer documents fail.
    newer = write(tmp_path / "new.json", apply_patch(BASE, [{"op": "replace", "path": "/schema_version",
                                                              "value": "1.1"}]))
    assert run("--schema-version", "1.0", newer)[:2] == (
        1, [f"{newer}:2:21: /schema_version: schema_version 1.1 is newer than the required 1.0"])


def test_python_api_leaves_notices_out(monkeypatch):
    monkeypatch.setattr(versions, "SUPPORTED_SCHEMA_VERSIONS", ("1.0", "1.1"))
    monkeypatch.setattr(versions, "SCHEMA_VERSION", "1.1")
    assert exporter.validate(base()) == []


# --- start-up ---------------------------------------------------------------------------------


@pytest.mark.parametrize("valid", [True, False])
def test_validate_imports_no_heavy_modules(tmp_path, valid):
    doc = base() if valid else apply_patch(BASE, [{"op": "replace", "path": "/quotes/0/kind", "value": "x"}])
    path = write(tmp_path / "doc.json", doc)
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "exporter", "validate", str(path)],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == (0 if valid else 1), r.stdout + r.stderr
    imported = {line.split("|")[-1].strip() for line in r.stderr.splitlines() if line.startswith("import time:")}
    heavy = {m for m in imported if m.split(".")[0] in ("openpyxl", "lxml")
             or m.startswith(("exporter.extractors", "exporter.lexicon", "exporter.countries", "exporter.document"))}
    assert heavy == set()
    # A clean run does not even need jsonschema: the compiled schema answers.
    assert ("jsonschema" in imported) is (not valid)
