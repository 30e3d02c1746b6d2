"""Regenerate the expected outputs under ``seeds/`` on purpose.

Run after a deliberate change to extraction or export, then review the diff
(``git diff seeds/``) before committing::

    python scripts/update_seeds.py

Each ``seeds/<stem>.txt`` gets ``seeds/<stem>.json`` (the document exactly as
``exporter extract`` prints it). Other expected outputs register themselves
in ``UPDATERS`` below.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(ROOT))

from exporter.batch import process_one  # noqa: E402
from exporter.formats.json_format import dumps  # noqa: E402
from exporter.inputs import Source  # noqa: E402


def update_documents() -> list[Path]:
    written = []
    for txt in sorted(SEEDS.glob("*.txt")):
        outcome = process_one(Source(str(txt), txt))
        if not outcome.ok:
            raise SystemExit(f"{txt}: {outcome.error}")
        target = txt.with_suffix(".json")
        target.write_text(dumps(outcome.document) + "\n", encoding="utf-8")
        written.append(target)
    return written


def update_workbooks() -> list[Path]:
    """``seeds/<stem>.xlsx.json``: what ``--format xlsx`` writes for the seed document, read back."""
    import json

    from exporter.formats.xlsx_inspect import workbook_content

    written = []
    for txt in sorted(SEEDS.glob("*.txt")):
        doc = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        target = txt.with_suffix(".xlsx.json")
        target.write_text(dumps(workbook_content([doc])) + "\n", encoding="utf-8")
        written.append(target)
    return written


UPDATERS: list[Callable[[], list[Path]]] = [update_documents, update_workbooks]


def main() -> None:
    for updater in UPDATERS:
        for path in updater():
            print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
