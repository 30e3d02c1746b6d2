"""JSON output: one ``<stem>.json`` per article in a folder, or JSON Lines.

``--output DIR`` writes ``DIR/<stem>.json`` for each input (the scorer and
archives expect this); ``--output FILE.jsonl`` (or ``-`` for standard output)
writes one document per line.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from ..atomic import commit, discard, temp_path_for

# A span printed over four lines is hard to read; keep [start, end] on one.
# JSON strings cannot hold a raw newline, so this never touches text values.
_SPAN = re.compile(r"\[\n\s+(\d+),\n\s+(\d+)\n\s+\]")


def dumps(doc: dict[str, Any], indent: int | None = 2) -> str:
    """Serialise a document: UTF-8 text, Arabic unescaped, key order as built, spans on one line."""
    out = json.dumps(doc, ensure_ascii=False, indent=indent)
    return _SPAN.sub(r"[\1, \2]", out) if indent else out


def document_stem(doc: dict[str, Any]) -> str:
    """File stem for a document: the input's stem, or a short id for standard input."""
    name = (doc.get("source") or {}).get("file")
    if name:
        return Path(name).stem
    return "stdin-" + str(doc.get("id", "")).removeprefix("sha256:")[:12]


class FolderNames:
    """A file per document in an output folder: ``<stem><suffix>``, ``<stem>-2<suffix>`` … when a stem repeats."""

    def __init__(self, folder: Path, suffix: str):
        self.folder, self.suffix = Path(folder), suffix
        self._stems: dict[str, int] = {}

    def path_for(self, doc: dict[str, Any], notices: list[str]) -> Path:
        stem = document_stem(doc)
        count = self._stems.get(stem, 0)
        self._stems[stem] = count + 1
        if count:
            new = f"{stem}-{count + 1}"
            notices.append(f"{stem}{self.suffix} already written in this run; writing {new}{self.suffix}")
            stem = new
        return self.folder / f"{stem}{self.suffix}"


class JsonWriter:
    def __init__(self, output: Path | str, lines: bool | None = None, **_: Any):
        self.output = output
        self.lines = lines if lines is not None else (output == "-" or str(output).endswith(".jsonl"))
        self._tmp: Path | None = None
        self._fh = None
        self._names = FolderNames(Path(output), ".json") if output != "-" else None
        self.notices: list[str] = []
        if self.lines:
            if output == "-":
                self._fh = sys.stdout
            else:
                self._tmp = temp_path_for(Path(output))
                self._fh = self._tmp.open("w", encoding="utf-8")
        else:
            Path(output).mkdir(parents=True, exist_ok=True)

    def write(self, doc: dict[str, Any]) -> None:
        if self.lines:
            self._fh.write(dumps(doc, indent=None) + "\n")
            return
        target = self._names.path_for(doc, self.notices)
        tmp = temp_path_for(target)
        try:
            tmp.write_text(dumps(doc) + "\n", encoding="utf-8")
        except BaseException:
            discard(tmp)
            raise
        commit(tmp, target)

    def close(self) -> None:
        if self._tmp is not None:
            self._fh.close()
            commit(self._tmp, Path(self.output))
            self._tmp = None
        elif self._fh is not None:
            self._fh.flush()

    def abort(self) -> None:
        if self._tmp is not None:
            self._fh.close()
            discard(self._tmp)
            self._tmp = None
