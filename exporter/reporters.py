"""How ``exporter validate`` tells its findings: text for people, JSON for programs, GitHub annotations.

The checker decides *what* is wrong and the exit code; a reporter only
decides how it looks, so a new output style is one small class here and a
name in :data:`REPORTERS`. Reporters receive each file's findings as soon as
the file is checked (sorted by position), then the run's summary.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass
from typing import TextIO

from .validation import ERROR


@dataclass(frozen=True)
class Finding:
    """One located problem: file, 1-based line and column (None for whole-file problems), pointer, message.

    ``rule`` names the check that found it (``schema.type``, ``span.mismatch``,
    ``json.syntax`` …) so programs can filter; ``severity`` is ``error`` or
    ``notice`` (notices never fail a run).
    """

    file: str
    line: int | None
    column: int | None
    pointer: str | None
    message: str
    rule: str
    severity: str = ERROR


@dataclass
class Summary:
    """Counts for the run and the exit code the checker chose."""

    files: int = 0
    documents: int = 0
    errors: int = 0
    notices: int = 0
    files_with_errors: int = 0
    unreadable: int = 0
    exit_code: int = 0

    def line(self) -> str:
        docs = f"{self.documents} document{'s' * (self.documents != 1)} in {self.files} file{'s' * (self.files != 1)}"
        if not self.errors and not self.unreadable:
            extra = f", {self.notices} notice{'s' * (self.notices != 1)}" if self.notices else ""
            return f"{docs}: valid{extra}"
        parts = [f"{self.errors} problem{'s' * (self.errors != 1)} in {self.files_with_errors} "
                 f"file{'s' * (self.files_with_errors != 1)}"]
        if self.unreadable:
            parts.append(f"{self.unreadable} unreadable")
        if self.notices:
            parts.append(f"{self.notices} notice{'s' * (self.notices != 1)}")
        return f"{docs}: " + ", ".join(parts)


class _Reporter:
    """Writes findings to ``out`` and the closing summary line to ``err``."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None):
        self.out = out or sys.stdout
        self.err = err or sys.stderr

    def file_done(self, findings: list[Finding]) -> None:
        for f in findings:
            self.out.write(self.line(f) + "\n")

    def line(self, f: Finding) -> str:
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        self.out.flush()
        self.err.write(f"exporter validate: {summary.line()}\n")


class TextReporter(_Reporter):
    """``FILE:LINE:COL: /pointer: message``, one line per finding, the shape editors and grep understand."""

    def line(self, f: Finding) -> str:
        where = f.file if f.line is None else f"{f.file}:{f.line}:{f.column}"
        message = f.message if f.severity == ERROR else f"{f.severity}: {f.message}"
        line = f"{where}: {f.pointer}: {message}" if f.pointer else f"{where}: {message}"
        return line.replace("\r", "\\r").replace("\n", "\\n")  # a key may hold a newline: keep one line


class JsonReporter(_Reporter):
    """One JSON object on standard output: the summary and every finding with its fields."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None):
        super().__init__(out, err)
        self.findings: list[Finding] = []

    def file_done(self, findings: list[Finding]) -> None:
        self.findings.extend(findings)

    def finish(self, summary: Summary) -> None:
        report = {"valid": summary.exit_code == 0, "summary": asdict(summary),
                  "problems": [asdict(f) for f in self.findings]}
        self.out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(_Reporter):
    """GitHub Actions workflow commands (``::error file=…,line=…,col=…::…``): annotations on the pull request."""

    def line(self, f: Finding) -> str:
        props = [f"file={_escape_property(f.file)}"]
        if f.line is not None:
            props += [f"line={f.line}", f"col={f.column}"]
        props.append(f"title={_escape_property('exporter validate: ' + f.rule)}")
        message = f"{f.pointer}: {f.message}" if f.pointer else f.message
        return f"::{f.severity} {','.join(props)}::{_escape_data(message)}"


REPORTERS = {"text": TextReporter, "json": JsonReporter, "github": GithubReporter}
