"""Turn command-line INPUT arguments into the articles to process, in a stable order.

* A file is taken as given (whatever its name).
* A folder is searched recursively for files matching ``--glob`` (``*.txt`` by
  default, case-insensitive, so DOS-era ``.TXT`` archives are found too);
  hidden files and folders (``.git``, our own ``.*.tmp`` files) are skipped.
  Entries are visited in sorted name order folder by folder, which is the
  order of sorting the full paths, so outputs come out in the same order on
  every run and with any ``--jobs``, while only one folder listing is held
  in memory at a time.
* ``-`` is standard input, read once: when most of its non-blank lines (or
  NUL-separated entries, as ``find -print0`` writes them) name existing files
  or folders it is a **list of inputs**, each treated as if given on the
  command line; otherwise it is **one article**.

Problems with an input (missing file, folder without articles, unreadable
folder) become failed sources, so the rest of the batch still runs.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import BinaryIO

from .decode import DEFAULT_MAX_BYTES, too_large

STDIN = "-"
STDIN_LABEL = "<stdin>"
DEFAULT_GLOB = "*.txt"
# Longest line still taken for a path when deciding what standard input holds.
_PATH_MAX = 4096
# How many entries of a standard-input list are checked before deciding.
_SAMPLE = 200
# A list of paths on standard input may be far larger than one article.
_STDIN_LIST_LIMIT = 64 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """One article to read: a file path, or bytes already read from standard input."""

    label: str  # how messages and the report name it
    path: Path | None
    error: str | None = None  # set when the input cannot even be listed
    data: bytes | None = None  # the article itself when it came on standard input

    @property
    def file_name(self) -> str | None:
        """Base name recorded in the document's ``source.file`` (None for standard input)."""
        return self.path.name if self.path is not None else None


def read_source(source: Source, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """The raw bytes of ``source``, never more than ``max_bytes`` + 1 of them.

    The size is checked before reading where the file system knows it, so a
    huge file costs nothing; pipes and devices (``/dev/stdin``, a FIFO) are
    read only up to the limit, so ``/dev/zero`` cannot exhaust memory.
    Raises :class:`~exporter.decode.DecodeError` for an oversized input and
    :class:`OSError` when the file cannot be read.
    """
    if source.data is not None:
        data = source.data
    else:
        if source.path is None:
            raise ValueError("a source needs a path or data")
        with open(source.path, "rb") as f:
            info = os.fstat(f.fileno())
            regular = stat.S_ISREG(info.st_mode)
            if max_bytes is not None and regular and info.st_size > max_bytes:
                raise too_large(info.st_size, max_bytes)
            data = f.read() if max_bytes is None else f.read(max_bytes + 1)
        if max_bytes is not None and len(data) > max_bytes:
            raise too_large(len(data) if regular else None, max_bytes)
    if max_bytes is not None and len(data) > max_bytes:
        raise too_large(len(data), max_bytes)
    return data


def glob_matcher(pattern: str) -> Callable[[str], bool]:
    """Match a path relative to the searched folder (``/``-separated) against ``pattern``.

    A pattern without ``/`` matches the file name (``*.txt``); one with ``/``
    matches the relative path (``2015/*.txt``). Case-insensitive.
    """
    pat = pattern.lower()
    if "/" in pat:
        return lambda rel: fnmatchcase(rel.lower(), pat)
    return lambda rel: fnmatchcase(rel.rsplit("/", 1)[-1].lower(), pat)


def walk(folder: Path, pattern: str = DEFAULT_GLOB) -> Iterator[Source]:
    """Matching files under ``folder`` in sorted order; unreadable subfolders become failed sources."""
    match = glob_matcher(pattern)
    seen: set[tuple[int, int]] = set()

    def visit(directory: Path, rel: str) -> Iterator[Source]:
        try:
            info = directory.stat()
            key = (info.st_dev, info.st_ino)
            if key in seen:  # a symlink loop, or the same folder reached twice
                return
            seen.add(key)
            with os.scandir(directory) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as e:
            yield Source(str(directory), directory, f"cannot read folder: {_reason(e)}")
            return
        for entry in entries:
            path = Path(entry.path)
            child = f"{rel}{entry.name}"
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError:
                continue
            if is_dir:
                yield from visit(path, child + "/")
            elif is_file and match(child):
                yield Source(str(path), path)

    yield from visit(folder, "")


def _reason(e: OSError) -> str:
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, FileNotFoundError):
        return "no such file or folder"
    return e.strerror or str(e)


def _expand_one(raw: str, pattern: str) -> Iterator[Source]:
    path = Path(raw)
    if path.is_dir():
        found = False
        for source in walk(path, pattern):
            found = True
            yield source
        if not found:
            yield Source(raw, path, f"folder has no {pattern} files")
    elif path.exists():
        yield Source(raw, path)
    else:
        yield Source(raw, path, "no such file or folder")


def stdin_entries(data: bytes) -> list[str] | None:
    """The paths listed in standard-input ``data``, or None when it is an article.

    A list: NUL-separated (``find -print0``) or one path per line, and more
    than half of the first entries name existing files or folders. Entries
    that do not exist are kept, so they fail as missing files in the batch.
    """
    if not data or len(data) > _STDIN_LIST_LIMIT:
        return None
    try:
        text = data.decode(sys.getfilesystemencoding(), errors="surrogateescape")
    except LookupError:  # pragma: no cover - exotic platforms
        return None
    if "\x00" in text.rstrip("\x00"):
        entries = [e for e in text.split("\x00") if e]
    else:
        entries = [line.rstrip("\r") for line in text.split("\n")]
        entries = [e for e in entries if e.strip()]
    if not entries or any(len(e) > _PATH_MAX for e in entries[:_SAMPLE]):
        return None
    sample = entries[:_SAMPLE]
    existing = sum(1 for e in sample if os.path.exists(e))
    return entries if existing * 2 > len(sample) else None


class Inputs:
    """The articles named by INPUT arguments: re-iterable (to count, then to process), in a stable order.

    Standard input is read once, when the object is made; everything else is
    listed lazily each time it is iterated, so a folder of millions of files
    is never held in memory.
    """

    def __init__(self, args: Iterable[str], pattern: str = DEFAULT_GLOB, *, stdin: BinaryIO | None = None,
                 max_bytes: int | None = DEFAULT_MAX_BYTES):
        self.pattern = pattern
        self._items: list[tuple[str, object]] = []  # ("path", raw) | ("list", [paths]) | ("data", bytes|error)
        stdin_used = False
        for raw in args:
            if raw != STDIN:
                self._items.append(("path", raw))
            elif stdin_used:
                self._items.append(("error", "standard input was already read"))
            else:
                stdin_used = True
                self._items.append(self._read_stdin(stdin, max_bytes))

    @staticmethod
    def _read_stdin(stdin: BinaryIO | None, max_bytes: int | None) -> tuple[str, object]:
        stream = stdin if stdin is not None else sys.stdin.buffer
        limit = max(max_bytes or 0, _STDIN_LIST_LIMIT)
        try:
            data = stream.read(limit + 1)
        except OSError as e:
            return ("error", f"cannot read: {_reason(e)}")
        if len(data) > limit:
            return ("error", f"standard input is larger than the limit of {limit} bytes")
        entries = stdin_entries(data)
        if entries is not None:
            return ("list", entries)
        return ("data", data)

    @property
    def single(self) -> bool:
        """True when the inputs are exactly one article named directly (a file, or an article on stdin)."""
        if len(self._items) != 1:
            return False
        kind, value = self._items[0]
        if kind == "data":
            return True
        return kind == "path" and not Path(str(value)).is_dir()

    def __iter__(self) -> Iterator[Source]:
        for kind, value in self._items:
            if kind == "path":
                yield from _expand_one(str(value), self.pattern)
            elif kind == "list":
                for raw in value:  # type: ignore[union-attr]
                    yield from _expand_one(raw, self.pattern)
            elif kind == "data":
                yield Source(STDIN_LABEL, None, data=value)  # type: ignore[arg-type]
            else:
                yield Source(STDIN_LABEL, None, error=str(value))

    def count(self) -> int:
        """How many sources iterating will give (walks folders again; no contents are read)."""
        return sum(1 for _ in self)


def expand(inputs: Iterable[str], pattern: str = DEFAULT_GLOB) -> Iterator[Source]:
    """Sources for INPUT arguments (``-`` reads standard input); see :class:`Inputs`."""
    return iter(Inputs(inputs, pattern))
