"""The command line as users run it: extract, export json/jsonl, bad input."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SEED_ARTICLE, invoke


def run(*args, input=None):
    return invoke(*args, input=input)


def test_extract_prints_the_document(seed_text):
    result = run("extract", str(SEED_ARTICLE))
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["text"] == seed_text
    assert doc["source"] == {"file": SEED_ARTICLE.name, "sha256": doc["source"]["sha256"], "encoding": "utf-8",
                             "newlines": "lf"}
    assert list(doc)[:5] == ["schema_version", "id", "language", "generator", "source"]
    assert "\\u" not in result.stdout  # Arabic written as UTF-8, not escaped


def test_extract_reads_stdin(seed_text):
    result = run("extract", "-", input=SEED_ARTICLE.read_bytes())
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["source"]["file"] is None
    assert doc["text"] == seed_text


def test_same_text_same_id_whatever_the_encoding(tmp_path, seed_text):
    (tmp_path / "a.txt").write_bytes(seed_text.encode("cp1256", errors="ignore"))
    (tmp_path / "b.txt").write_bytes(seed_text.encode("cp1256", errors="ignore").decode("cp1256").encode("utf-16"))
    a = json.loads(run("extract", str(tmp_path / "a.txt")).stdout)
    b = json.loads(run("extract", str(tmp_path / "b.txt")).stdout)
    assert a["id"] == b["id"]
    assert (a["source"]["encoding"], b["source"]["encoding"]) == ("cp1256", "utf-16")
    assert a["source"]["sha256"] != b["source"]["sha256"]


def test_export_json_folder(tmp_path):
    out = tmp_path / "out"
    result = run("export", "--format", "json", "--output", str(out), str(SEED_ARTICLE.parent))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["iran-pakistan-security.json"]
    assert result.stderr.strip().endswith("1 articles, 0 with warnings, 0 failed")
    assert not list(out.glob(".*tmp"))


def test_export_jsonl(tmp_path):
    out = tmp_path / "all.jsonl"
    result = run("export", "--format", "json", "--output", str(out), str(SEED_ARTICLE), str(SEED_ARTICLE))
    assert result.exit_code == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["id"] == json.loads(lines[1])["id"]


def test_bad_inputs_fail_one_line_each_and_the_rest_is_exported(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    (tmp_path / "undecodable.txt").write_bytes(b"\x81\x8d\x8e\x8f\x90\x9d\x9e" * 5)
    (tmp_path / "nothing").mkdir()
    out = tmp_path / "out"
    result = run("export", "--format", "json", "--output", str(out), str(tmp_path / "empty.txt"),
                 str(tmp_path / "binary.txt"), str(tmp_path / "undecodable.txt"), str(tmp_path / "missing.txt"),
                 str(tmp_path / "nothing"), str(SEED_ARTICLE))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"exporter: {tmp_path / 'empty.txt'}: empty file",
        f"exporter: {tmp_path / 'binary.txt'}: binary data, not text",
        f"exporter: {tmp_path / 'undecodable.txt'}: undecodable bytes (not valid cp1256)",
        f"exporter: {tmp_path / 'missing.txt'}: no such file or folder",
        f"exporter: {tmp_path / 'nothing'}: folder has no *.txt files",
        "1 articles, 0 with warnings, 5 failed",
    ]
    assert [p.name for p in out.iterdir()] == ["iran-pakistan-security.json"]
    assert "Traceback" not in result.stderr


def test_extract_missing_file_is_one_line():
    result = run("extract", "no/such/file.txt")
    assert result.exit_code == 1
    assert result.stderr == "exporter: no/such/file.txt: no such file or folder\n"


@pytest.mark.parametrize("module", [True, False])
def test_console_script_and_python_m(module, tmp_path):
    cmd = [sys.executable, "-m", "exporter"] if module else [str(Path(sys.executable).parent / "exporter")]
    if not module and not Path(cmd[0]).exists():
        pytest.skip("console script not installed in this environment")
    r = subprocess.run(cmd + ["extract", str(SEED_ARTICLE)], capture_output=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout.decode("utf-8"))["source"]["file"] == SEED_ARTICLE.name


GOOD = "القاهرة (رويترز) - قال المتحدث باسم الوزارة إن المحادثات ستستأنف الأسبوع المقبل.\n"
MIXED_BATCH = [
    # (file name, bytes, the one-line error or None when it must be exported)
    ("01-utf8.txt", GOOD.encode("utf-8"), None),
    ("02-utf8-bom.txt", codecs.BOM_UTF8 + GOOD.encode("utf-8"), None),
    ("03-utf16-le-bom.txt", codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"), None),
    ("04-utf16-be-bom.txt", codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"), None),
    ("05-cp1256.txt", GOOD.replace("\n", "\r\n").encode("cp1256"), None),
    ("06-empty.txt", b"", "empty file"),
    ("07-blank.txt", b" \r\n\t\n", "empty file"),
    ("08-png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary data, not text"),
    ("09-nul-inside.txt", GOOD.encode()[:40] + b"\x00" + GOOD.encode()[40:], "binary data, not text"),
    ("10-not-arabic-8bit.txt", b"\x81\x8d\x8e\x8f\x90\x9d\x9e" * 5, "undecodable bytes (not valid cp1256)"),
    ("11-damaged-utf8.txt", GOOD.encode()[:31] + b"\xff" + GOOD.encode()[31:],
     "undecodable bytes (invalid UTF-8 at byte 31)"),
    ("12-cut-utf16.txt", codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le")[:-1], "undecodable bytes (not valid utf-16)"),
    ("13-too-big.txt", GOOD.encode() * 20,
     f"file is larger than the limit of 2000 bytes ({len(GOOD.encode()) * 20} bytes)"),
    ("14-utf8-again.txt", GOOD.encode("utf-8"), None),
]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_mixed_batch_every_bad_input_has_its_message_and_every_good_one_is_exported(tmp_path, jobs, monkeypatch):
    from exporter import batch

    monkeypatch.setattr(batch, "SMALL_BATCH", 1)  # use the worker pool even for this small batch
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data, _ in MIXED_BATCH:
        (folder / name).write_bytes(data)
    out = tmp_path / "out"
    result = run("export", "--jobs", jobs, "--max-bytes", "2000", "-o", str(out), str(folder))
    assert result.exit_code == 1
    expected = [f"exporter: {folder / name}: {error}" for name, _, error in MIXED_BATCH if error]
    assert result.stderr.splitlines() == expected + ["6 articles, 0 with warnings, 8 failed"]
    exported = sorted(p.name for p in out.iterdir())
    assert exported == sorted(name.replace(".txt", ".json") for name, _, error in MIXED_BATCH if not error)
    texts = {json.loads(p.read_text(encoding="utf-8"))["text"] for p in out.iterdir()}
    assert texts == {GOOD}  # every encoding decodes to the same text (CRLF normalised)


def test_a_batch_with_no_failure_exits_0(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = run("export", "-o", str(tmp_path / "a.jsonl"), str(tmp_path / "a.txt"))
    assert (result.exit_code, result.stderr) == (0, "1 articles, 0 with warnings, 0 failed\n")
