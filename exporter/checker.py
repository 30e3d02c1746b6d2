"""``exporter validate``: check document files, locate every problem, return the exit code.

Exit codes: 0 clean (notices allowed), 1 problems found, 2 unreadable input.
Inputs are ``.json`` files (one document), ``.jsonl`` files (one document per
line; line numbers are the file's), folders (searched recursively for both)
or ``-`` (standard input; JSON Lines when it holds several documents). Ids
must be unique across everything checked in one run. How findings look is a
reporter's business (:mod:`exporter.reporters`); the validator is built once
per run and reused for every document.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .jsonpos import NotJson, Positions, line_col, load, locate
from .reporters import Finding, Summary
from .validation import ERROR, Problem, check_document

CLEAN, PROBLEMS, UNREADABLE = 0, 1, 2
SUFFIXES = (".json", ".jsonl")
STDIN = "<stdin>"


class Unreadable(Exception):
    """A file that cannot be read as UTF-8 text; ``line``/``column`` locate a bad byte when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class Checker:
    """Validates files one after another, remembering ids across them."""

    def __init__(self, reporter, target_version: str | None = None):
        self.reporter = reporter
        self.target_version = target_version
        self.summary = Summary()
        self._ids: dict[str, str] = {}
        self._status = CLEAN

    def run(self, inputs: Iterable[str]) -> int:
        """Check every input, report, and return the exit code."""
        for name in _expand(inputs, self._unreadable):
            self.check_file(name)
        self.summary.exit_code = self._status
        self.reporter.finish(self.summary)
        return self._status

    def check_file(self, name: str) -> None:
        self.summary.files += 1
        label = STDIN if name == "-" else name
        try:
            text = _read(name)
        except Unreadable as e:
            self._unreadable(label, e.message, e.line, e.column)
            return
        lines = name.endswith(".jsonl") or (name == "-" and _several_documents(text))
        findings = list(self._lines(label, text) if lines else self._document(label, text))
        self._file_findings(findings)

    def _unreadable(self, name: str, message: str, line: int | None = None, column: int | None = None) -> None:
        self.summary.unreadable += 1
        self._status = UNREADABLE
        self.reporter.file_done([Finding(name, line, column, None, message, "file.unreadable")])

    def _file_findings(self, findings: list[Finding]) -> None:
        findings.sort(key=lambda f: (f.line or 0, f.column or 0))
        errors = sum(f.severity == ERROR for f in findings)
        self.summary.errors += errors
        self.summary.notices += len(findings) - errors
        if errors:
            self.summary.files_with_errors += 1
            self._status = max(self._status, PROBLEMS)
        self.reporter.file_done(findings)

    def _lines(self, name: str, text: str) -> Iterator[Finding]:
        """JSON Lines: each non-blank line is a document; positions are file lines."""
        for number, line in enumerate(text.split("\n"), 1):
            if line.strip():
                yield from self._document(name, line.removesuffix("\r"), number, in_lines=True)

    def _document(self, name: str, text: str, first_line: int = 1, in_lines: bool = False) -> Iterator[Finding]:
        """Findings for one JSON document written in ``text``, starting at line ``first_line``."""
        self.summary.documents += 1
        try:
            loaded = load(text)
        except NotJson as e:
            line, column = line_col(text, e.pos)
            yield Finding(name, line + first_line - 1, column, None, f"invalid JSON: {e.message}", "json.syntax")
            return
        doc = loaded.value
        problems = check_document(doc, self.target_version)
        problems += self._duplicate_id(doc, f"{name} line {first_line}" if in_lines else name, problems)
        located: list[tuple[Problem, int | None]] = [(p, None) for p in problems]
        positions: Positions | None = None
        if loaded.has_duplicate_keys:
            positions = locate(text)
            located += [(Problem(path, f"duplicate key {path[-1]!r}: only the last value counts",
                                 "json.duplicate-key", at_key=True), offset)
                        for path, offset in positions.duplicate_keys]
        if not located:
            return
        positions = positions or locate(text)
        for p, offset in located:
            line, column = positions.line_col(positions.offset(p.path, p.at_key) if offset is None else offset)
            yield Finding(name, line + first_line - 1, column, p.pointer, p.message, p.rule, p.severity)

    def _duplicate_id(self, doc: object, where: str, problems: list[Problem]) -> list[Problem]:
        """The second document with an id already seen in this run (same text twice)."""
        if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
            return []
        if any(p.path == ("id",) and p.severity == ERROR for p in problems):
            return []
        first = self._ids.setdefault(doc["id"], where)
        if first == where:
            return []
        return [Problem(("id",), f"duplicate id: the same text is already in {first}", "id.duplicate")]


def _read(name: str) -> str:
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except FileNotFoundError:
        raise Unreadable("no such file") from None
    except IsADirectoryError:
        raise Unreadable("is a folder") from None
    except OSError as e:
        raise Unreadable(f"cannot read: {e.strerror or e}") from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        before = data[:e.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise Unreadable(f"not UTF-8: byte 0x{data[e.start]:02x} cannot be decoded", line, column) from None


def _several_documents(text: str) -> bool:
    """Standard input holding JSON Lines (``exporter export --output -``) rather than one document."""
    try:
        load(text)
    except NotJson as e:
        return e.message == "Extra data" and "\n" in text.strip()
    return False


def _expand(inputs: Iterable[str], unreadable) -> Iterator[str]:
    """Files as given; folders become their ``*.json`` and ``*.jsonl`` files, sorted."""
    for name in inputs:
        path = Path(name)
        if name != "-" and path.is_dir():
            found = sorted(str(p) for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
            if not found:
                unreadable(name, "folder holds no .json or .jsonl files")
            yield from found
        else:
            yield name


def check_files(paths: Iterable[str], reporter, target_version: str | None = None) -> int:
    """Validate ``paths`` with one checker and ``reporter``; returns the exit code."""
    return Checker(reporter, target_version).run(paths)
