"""Locate files the package ships: the JSON Schema, export templates, lexicons.

The schema and templates live at the repository root (``schemas/``,
``templates/``) because that is where people look for them; the wheel copies
them into the package (see ``pyproject.toml``). An installed copy finds them
next to this module, an editable checkout finds them one level up. Nothing is
ever fetched from the network.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


def _shipped(folder: str, name: str) -> Path:
    for base in (PACKAGE_DIR / folder, PACKAGE_DIR.parent / folder):
        candidate = base / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{folder}/{name} is missing from the installation")


def schema_path(name: str = "article.schema.json") -> Path:
    """Path of a shipped JSON Schema."""
    return _shipped("schemas", name)


def template_path(name: str) -> Path:
    """Path of a shipped export template."""
    return _shipped("templates", name)


def data_path(name: str) -> Path:
    """Path of a lexicon or gazetteer file under ``exporter/data``."""
    path = DATA_DIR / name
    if not path.is_file():
        raise FileNotFoundError(f"exporter/data/{name} is missing from the installation")
    return path


@cache
def load_json(name: str) -> Any:
    """Parse a JSON data file once per process (lexicons are read-only)."""
    with data_path(name).open(encoding="utf-8") as f:
        return json.load(f)


@cache
def load_schema(name: str = "article.schema.json") -> dict[str, Any]:
    """The article document schema as a dict, parsed once per process."""
    with schema_path(name).open(encoding="utf-8") as f:
        return json.load(f)
