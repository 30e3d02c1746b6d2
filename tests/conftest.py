"""Shared test fixtures: paths to the project's seeds and to ../shared.

The real corpus and gold files are third-party texts kept outside the
project (see ../shared/corpus/real/SOURCES.md); tests that need them skip
with a reason when ../shared is absent.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = Path(os.environ.get("EXPORTER_SHARED", ROOT.parent / "shared"))
REAL = SHARED / "corpus" / "real"
DEV_GOLD = SHARED / "corpus" / "dev" / "gold"
SEED_ARTICLE = SEEDS / "iran-pakistan-security.txt"


def real_articles() -> list[Path]:
    return sorted(REAL.rglob("*.txt")) if REAL.is_dir() else []


def gold_pairs() -> list[tuple[Path, dict]]:
    """(article path, gold annotation) for every dev gold file."""
    if not DEV_GOLD.is_dir():
        return []
    out = []
    for g in sorted(DEV_GOLD.glob("*.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        out.append((SHARED / gold["source"], gold))
    return out


needs_shared = pytest.mark.skipif(not REAL.is_dir(), reason=f"shared corpus not found at {REAL}")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_text):
    import exporter

    return exporter.extract(SEED_ARTICLE.read_bytes(), file=SEED_ARTICLE.name)


def invoke(*args: str, input=None):
    """Run the CLI in-process (click >= 8.2 keeps stdout and stderr apart)."""
    from click.testing import CliRunner

    from exporter.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def shared_scorer():
    """``../shared/eval/score.py`` as a module (the scorer the lead evaluates with), for gold-score tests."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
