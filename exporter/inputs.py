"""Turn command-line INPUT arguments into the list of articles to process.

Files are taken as given, folders are searched recursively for ``*.txt``
(sorted, so output order is stable), ``-`` is standard input. Problems with
an input (missing file, folder without articles) become failed items so the
rest of the batch still runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One article to read: a file path, or standard input when ``path`` is None."""

    label: str  # how messages name it
    path: Path | None
    error: str | None = None  # set when the input cannot even be listed


def expand(inputs: Iterable[str], pattern: str = "*.txt") -> Iterator[Source]:
    for raw in inputs:
        if raw == STDIN:
            yield Source("<stdin>", None)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob(pattern) if p.is_file())
            if not found:
                yield Source(raw, path, f"folder has no {pattern} files")
            for p in found:
                yield Source(str(p), p)
        elif path.exists():
            yield Source(raw, path)
        else:
            yield Source(raw, path, "no such file or folder")
