"""``--report FILE.json``: what happened to every input of a batch, for the archive's records.

The report is a JSON object::

    {"generator": {...}, "command": "export", "format": "json", "output": "out/",
     "started": "2024-05-01T09:30:00Z", "seconds": 12.5,
     "summary": {"articles": 9, "with_warnings": 1, "failed": 1},
     "files": [{"input": "a.txt", "status": "ok", "id": "sha256:…", "encoding": "utf-8", "warnings": []},
               {"input": "b.txt", "status": "failed", "error": "empty file"}]}

``status`` is ``ok``, ``warnings`` (exported, with document warnings) or
``failed`` (not exported; ``error`` says why, as on stderr). Entries are
spooled to an anonymous temporary file as the batch runs, so memory does not
grow with the number of files, and the report is published atomically at the
end: an interrupted run leaves the previous report (or none).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from . import __version__
from .atomic import atomic_path


def entry(label: str, document: dict[str, Any] | None, error: str | None) -> dict[str, Any]:
    """The report entry of one input."""
    if error is not None:
        return {"input": label, "status": "failed", "error": error}
    doc = document or {}
    warnings = doc.get("warnings") or []
    return {
        "input": label,
        "status": "warnings" if warnings else "ok",
        "id": doc.get("id"),
        "encoding": (doc.get("source") or {}).get("encoding"),
        "warnings": warnings,
    }


class Report:
    """Collects entries in input order; :meth:`close` publishes the file, :meth:`abort` drops it."""

    def __init__(self, path: str | Path, **meta: Any):
        self.path = Path(path)
        self.meta = meta
        self._started = time.time()
        self._clock = time.monotonic()
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")
        self._count = 0

    def add(self, label: str, document: dict[str, Any] | None, error: str | None) -> None:
        self._spool.write(",\n  " if self._count else "\n  ")
        self._spool.write(json.dumps(entry(label, document, error), ensure_ascii=False))
        self._count += 1

    def close(self, summary: dict[str, int]) -> None:
        head = {
            "generator": {"name": "exporter", "version": __version__},
            **self.meta,
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self._started)),
            "seconds": round(time.monotonic() - self._clock, 3),
            "summary": summary,
        }
        opening = json.dumps(head, ensure_ascii=False, indent=2)[:-2]  # drop the closing "\n}"
        try:
            with atomic_path(self.path, durable=True) as tmp, tmp.open("w", encoding="utf-8") as out:
                out.write(opening + ',\n  "files": [')
                self._spool.seek(0)
                shutil.copyfileobj(self._spool, out)
                out.write("\n  ]\n}\n" if self._count else "]\n}\n")
        finally:
            self._spool.close()

    def abort(self) -> None:
        self._spool.close()
