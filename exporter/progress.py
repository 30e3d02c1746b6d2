"""A progress line on stderr for long batches: count, bar, articles/s, ETA.

Shown only when stderr is a terminal (a log file or a CI job gets no
carriage-return noise) and not with ``--quiet``. Messages printed during the
run (one-line errors) go through :meth:`Progress.message`, which clears the
bar first and redraws it after, so the two never mix on one line.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

_REDRAW_EVERY = 0.1  # seconds: smooth enough, and free at thousands of articles/s
_CLEAR = "\r\x1b[K"


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # closed stream
        return False


class Progress:
    """Counts finished articles and redraws one status line at most ten times a second."""

    def __init__(self, total: int | None = None, *, stream: TextIO | None = None, enabled: bool | None = None,
                 unit: str = "articles"):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = is_terminal(self.stream) if enabled is None else enabled
        self.total = total
        self.unit = unit
        self.done = 0
        self._start = time.monotonic()
        self._first: float | None = None  # when the first article finished: the rate starts there
        self._last_draw = 0.0
        self._shown = False

    def advance(self, n: int = 1) -> None:
        if self._first is None:
            self._first = time.monotonic()
        self.done += n
        if self.enabled:
            now = time.monotonic()
            if now - self._last_draw >= _REDRAW_EVERY or (self.total is not None and self.done >= self.total):
                self._draw(now)

    def message(self, line: str) -> None:
        """Print ``line`` on its own line without garbling the bar."""
        if self._shown:
            self.stream.write(_CLEAR)
        self.stream.write(line + "\n")
        if self._shown:
            self._draw(time.monotonic())
        else:
            self.stream.flush()

    def close(self) -> None:
        """Remove the bar (the summary line replaces it)."""
        if self._shown:
            self.stream.write(_CLEAR)
            self.stream.flush()
            self._shown = False

    def line(self, now: float | None = None, width: int | None = None) -> str:
        """The status line as it would be drawn now."""
        now = time.monotonic() if now is None else now
        elapsed = max(now - self._start, 0.0)
        rate = self.rate(now)
        width = width if width is not None else shutil.get_terminal_size((80, 20)).columns
        rate_text = f"{rate:,.0f} {self.unit}/s" if rate is not None else f"-- {self.unit}/s"
        if not self.total:
            return f"{self.done:,} {self.unit}  {rate_text}  {_clock(elapsed)}"[: width - 1]
        fraction = min(self.done / self.total, 1.0)
        eta = _clock((self.total - self.done) / rate) if rate else "--"
        head = f"{self.done:,}/{self.total:,} "
        tail = f" {fraction:4.0%}  {rate_text}  ETA {eta}"
        bar_width = max(0, min(40, width - 1 - len(head) - len(tail) - 2))
        filled = int(bar_width * fraction)
        bar = f"[{'#' * filled}{'.' * (bar_width - filled)}]" if bar_width >= 5 else ""
        return (head + bar + tail)[: width - 1]

    def rate(self, now: float | None = None) -> float | None:
        """Articles per second since the first one finished (start-up left out), once measurable."""
        now = time.monotonic() if now is None else now
        if self._first is None or self.done < 2 or now - self._first < 0.2:
            return None
        return (self.done - 1) / (now - self._first)

    def _draw(self, now: float) -> None:
        self.stream.write(_CLEAR + self.line(now))
        self.stream.flush()
        self._last_draw = now
        self._shown = True
