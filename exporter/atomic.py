"""Write outputs so a failure or an interrupt never leaves a half-written file.

Everything goes to a temporary file in the target's folder and is renamed
over the target only when complete (``os.replace`` is atomic on POSIX and
Windows), so readers see the old file or the new one, never a truncated one.

Interrupts: Ctrl-C raises :class:`KeyboardInterrupt`; :func:`signals_raise`
makes SIGTERM (what ``kill``, systemd, Kubernetes and CI runners send) and
SIGHUP raise :class:`Terminated` the same way, so every writer's ``abort()``
runs and removes its temporary file instead of the process dying mid-write.
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path


class Terminated(BaseException):
    """The process was asked to stop (SIGTERM/SIGHUP); unwinds like KeyboardInterrupt."""

    def __init__(self, signum: int = signal.SIGTERM):
        super().__init__(signum)
        self.signum = signum


@lru_cache(maxsize=1)
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def temp_path_for(target: Path) -> Path:
    """A fresh temporary path beside ``target`` (same filesystem, so rename is atomic).

    The temporary file gets the permissions the target will keep: those of
    the file it replaces, or the usual ones for a new file (``mkstemp``'s
    private 0600 would otherwise leak into the published output).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        try:
            mode = os.stat(target).st_mode & 0o7777
        except OSError:
            mode = 0o666 & ~_umask()
        if hasattr(os, "fchmod"):  # not on Windows, where mkstemp's mode is not private anyway
            os.fchmod(fd, mode)
    finally:
        os.close(fd)
    return Path(name)


def commit(tmp: Path, target: Path, *, durable: bool = False) -> None:
    """Move a finished temporary file into place (``durable``: flush it to disk first)."""
    if durable:
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
    os.replace(tmp, target)


def discard(tmp: Path) -> None:
    try:
        tmp.unlink()
    except FileNotFoundError:
        pass


@contextmanager
def atomic_path(target: str | Path, *, durable: bool = False) -> Iterator[Path]:
    """Yield a temporary path; on success it replaces ``target``, on any error it is removed."""
    target = Path(target)
    tmp = temp_path_for(target)
    try:
        yield tmp
    except BaseException:
        discard(tmp)
        raise
    commit(tmp, target, durable=durable)


def write_text_atomic(target: str | Path, content: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(content, encoding="utf-8")


_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextmanager
def signals_raise() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`Terminated` in the main thread.

    After the first signal, further ones are ignored so the clean-up (writers
    aborting, workers being stopped) is not itself interrupted. Outside the
    main thread (signals cannot be set there) this does nothing.
    """

    def handler(signum: int, frame: object) -> None:
        for sig in _STOP_SIGNALS:
            signal.signal(sig, signal.SIG_IGN)
        raise Terminated(signum)

    previous: dict[int, object] = {}
    try:
        for sig in _STOP_SIGNALS:
            previous[sig] = signal.signal(sig, handler)
    except ValueError:  # not the main thread
        for sig, old in previous.items():
            signal.signal(sig, old)  # type: ignore[arg-type]
        yield
        return
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)  # type: ignore[arg-type]
