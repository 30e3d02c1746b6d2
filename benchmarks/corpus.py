"""Where the benchmarks find the project and the real corpus (read from ../shared, never copied).

``EXPORTER_SHARED`` points at another copy of the shared folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("EXPORTER_SHARED", ROOT.parent / "shared"))
REAL = SHARED / "corpus" / "real"


def real_articles() -> list[Path]:
    """The real articles, sorted; exits with a clear message when the corpus is not there."""
    paths = sorted(REAL.rglob("*.txt")) if REAL.is_dir() else []
    if not paths:
        raise SystemExit(f"real corpus not found at {REAL} (set EXPORTER_SHARED)")
    return paths
