"""``exporter validate``: check JSON document files and report problems.

The checker returns the exit code (0 clean, 1 problems, 2 unreadable input);
reporting is separate, so other output styles can be plugged in.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from .validation import check_document

CLEAN, PROBLEMS, UNREADABLE = 0, 1, 2


def check_files(paths: Iterable[str], report: Callable[[str], None]) -> int:
    """Validate each file; ``report`` receives one line per problem."""
    status = CLEAN
    for name in paths:
        try:
            raw = Path(name).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            report(f"{name}: no such file")
            status = max(status, UNREADABLE)
            continue
        except (OSError, UnicodeDecodeError) as e:
            report(f"{name}: unreadable: {getattr(e, 'strerror', None) or e}")
            status = max(status, UNREADABLE)
            continue
        try:
            doc = json.loads(raw)
        except json.JSONDecodeError as e:
            report(f"{name}: invalid JSON: {e.msg} at line {e.lineno} column {e.colno}")
            status = max(status, PROBLEMS)
            continue
        for problem in check_document(doc):
            report(f"{name}: {problem.pointer}: {problem.message}")
            status = max(status, PROBLEMS)
    return status
