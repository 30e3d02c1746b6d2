"""Write outputs so a failure or an interrupt never leaves a half-written file.

Everything goes to a temporary file in the target's folder and is renamed
over the target only when complete (``os.replace`` is atomic on POSIX and
Windows), so readers see the old file or the new one, never a truncated one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def temp_path_for(target: Path) -> Path:
    """A fresh temporary path beside ``target`` (same filesystem, so rename is atomic)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(name)


def commit(tmp: Path, target: Path) -> None:
    """Move a finished temporary file into place."""
    os.replace(tmp, target)


def discard(tmp: Path) -> None:
    try:
        tmp.unlink()
    except FileNotFoundError:
        pass


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path; on success it replaces ``target``, on any error it is removed."""
    target = Path(target)
    tmp = temp_path_for(target)
    try:
        yield tmp
    except BaseException:
        discard(tmp)
        raise
    commit(tmp, target)


def write_text_atomic(target: str | Path, content: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(content, encoding="utf-8")
