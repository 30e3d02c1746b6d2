"""Read an exported workbook back into plain JSON-ready data.

One definition of "what the workbook holds" (sheet names, right-to-left flag,
frozen pane, autofilter, every cell's value and data type), shared by the
seed expectation (``seeds/<stem>.xlsx.json``, written by
``scripts/update_seeds.py``) and the tests, so both compare the same thing.
The creation time is left out: it changes on every run.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

# A fixed creation time for reproducible expectations.
SEED_CREATED = datetime(2024, 1, 30, 12, 0, 0)


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _type(cell: Any) -> str:
    """One letter per cell: s string, n number, d date, f formula, b boolean, e error, - empty."""
    return "-" if cell.value is None else cell.data_type


def describe_sheet(ws: Any) -> dict[str, Any]:
    rows, types = [], []
    for row in ws.iter_rows():
        rows.append([_value(c.value) for c in row])
        types.append("".join(_type(c) for c in row))
    return {
        "name": ws.title,
        "right_to_left": bool(ws.sheet_view.rightToLeft),
        "freeze_panes": ws.freeze_panes,
        "auto_filter": ws.auto_filter.ref,
        "rows": rows,
        "types": types,
    }


def describe_workbook(path: str | Path) -> dict[str, Any]:
    """Properties and every sheet of the workbook at ``path``."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    props = wb.properties
    return {
        "properties": {"title": props.title, "creator": props.creator, "language": props.language},
        "sheets": [describe_sheet(ws) for ws in wb.worksheets],
    }


def workbook_content(docs: Iterable[dict[str, Any]], **options: Any) -> dict[str, Any]:
    """Export ``docs`` to a temporary workbook and describe it."""
    from . import write_documents

    options.setdefault("created", SEED_CREATED)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "workbook.xlsx"
        write_documents(docs, "xlsx", path, **options)
        return describe_workbook(path)
