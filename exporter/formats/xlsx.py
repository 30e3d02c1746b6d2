"""XLSX output: one workbook an Arabic desk opens and works in at once.

Sheets ``Articles``, ``Quotes``, ``Agreements``, ``Groups`` (and ``Persons``
once a document has persons); their columns are defined in
:mod:`exporter.formats.xlsx_rows`. Every sheet is right-to-left, with a bold
frozen header row, an autofilter over the data, column widths fitted to the
content within per-column bounds, long text wrapped, and dates stored as real
Excel dates shown as ``yyyy-mm-dd``.

Why it is built the way it is:

* Streaming. openpyxl's write-only mode writes each row to a temporary file
  as it comes and (since openpyxl 3.1) stores strings inline rather than in a
  shared-strings table, so memory does not grow with the number of articles.
  Column widths must be known before the first row is written, so each sheet
  holds back its first ``fit_rows`` rows, measures them, then streams.
* Row limit. A worksheet holds at most 1,048,576 rows; a sheet that would
  pass it continues in ``Quotes (2)``, ``Quotes (3)``… placed right after it,
  each with the same header, widths and settings.
* Formula safety. Every string is stored as a string cell (openpyxl would
  otherwise store anything starting with ``=`` as a formula), and text that
  starts with ``= + - @`` also gets Excel's quote prefix, so editing the cell
  later does not turn it into a formula either.
* XML safety. Characters XML 1.0 cannot carry (C0 controls other than tab and
  newline, lone surrogates, U+FFFE/U+FFFF) are removed, and text longer than
  Excel's 32,767-character cell limit is cut; each is reported in the
  article's ``warnings`` cell so nothing disappears silently.
* Atomic publication. The workbook is saved to a temporary name beside the
  target and renamed when complete (:mod:`exporter.atomic`).
* Reproducibility. With ``reproducible`` (or ``SOURCE_DATE_EPOCH`` set) no
  clock is read: the workbook's created/modified time and every zip entry's
  time are ``SOURCE_DATE_EPOCH``, else the latest dateline date, so the same
  articles give a byte-identical file (archives diff and deduplicate exports).
"""

from __future__ import annotations

import math
import re
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Iterable
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from .. import __version__
from ..atomic import atomic_path
from .xlsx_rows import ALWAYS, ARTICLES, COLUMNS, SHEET_ORDER, STYLES, WARNINGS_COLUMN, Column, document_rows

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_CELL = 32_767
DEFAULT_FIT_ROWS = 1_000

# XML 1.0 allows tab, newline, carriage return and everything from U+0020 except
# surrogates and U+FFFE/U+FFFF; anything else makes Excel reject the file.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = frozenset("=+-@")
WRAPPED = ("long", "lines")

_HEADER_FILL = "DDE4EE"
_ZIP_EPOCH = datetime(1980, 1, 1)  # the earliest time a zip entry can carry
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# openpyxl turns each appended value into a cell (inferring its type, and
# raising and catching an error for every value that is already a cell).
# Our rows arrive as finished cells, so where openpyxl has that hook we hand
# them straight through: a third of the writing time on the real corpus.
_PREPARED_ROWS = hasattr(WriteOnlyWorksheet, "_values_to_row")


def _prepared_row(cells: list[Any], row_idx: int) -> list[Any]:
    return [c for c in cells if c is not None]


class CellStyles:
    """The few cell styles the workbook uses, built once and copied into each cell.

    Copying a prepared style array is much cheaper than assigning font and
    alignment objects cell by cell (openpyxl looks each one up on assignment).
    """

    def __init__(self, ws: Any):
        def style(**attrs: Any):
            cell = Cell(ws)
            for name, value in attrs.items():
                setattr(cell, name, value)
            return cell._style

        # Arabic text to the right (start) edge and Latin text to the left,
        # as Excel's "general" alignment does, each with a small indent so a
        # Latin cell and the Arabic cell beside it do not run together.
        top = {"vertical": "top"}
        arabic = {"horizontal": "right", "indent": 1, "readingOrder": 2, **top}
        latin = {"horizontal": "left", "indent": 1, "readingOrder": 1, **top}
        centre = {"horizontal": "center", **top}
        alignments = {
            "key": Alignment(**latin),
            "latin": Alignment(**latin),
            "enum": Alignment(readingOrder=2, **centre),
            "name": Alignment(**arabic),
            **{kind: Alignment(wrap_text=True, **arabic) for kind in WRAPPED},
            "int": Alignment(**centre),
            "date": Alignment(**centre),
        }
        self.plain = {}
        self.quoted = {}
        for kind in STYLES:
            extra = {"number_format": "yyyy-mm-dd"} if kind == "date" else {}
            self.plain[kind] = style(alignment=alignments[kind], **extra)
            self.quoted[kind] = style(alignment=alignments[kind], quotePrefix=True, **extra)
        self.header = style(
            font=Font(bold=True),
            fill=PatternFill("solid", fgColor=_HEADER_FILL),
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True, readingOrder=2),
            border=Border(bottom=Side(style="thin", color="7F8FA6")),
        )


class CellProblems:
    """What had to change in one document's cells to fit XLSX, for its warnings cell."""

    def __init__(self) -> None:
        self.removed: dict[str, None] = {}  # columns, in order met
        self.codepoints: set[int] = set()
        self.cut: dict[str, None] = {}

    def clean(self, value: str, column: Column) -> str:
        if _ILLEGAL.search(value):
            self.removed[column.en] = None
            self.codepoints.update(ord(c) for c in _ILLEGAL.findall(value))
            value = _ILLEGAL.sub("", value)
        if len(value) > EXCEL_MAX_CELL // 2 and _utf16_len(value) > EXCEL_MAX_CELL:
            value = _cut_utf16(value, EXCEL_MAX_CELL - 1) + "…"
            self.cut[column.en] = None
        return value

    def lines(self) -> list[str]:
        out = []
        if self.removed:
            chars = " ".join(f"U+{c:04X}" for c in sorted(self.codepoints)[:8])
            out.append(f"xlsx_illegal_characters: removed characters XML cannot hold ({chars}) from: "
                       + ", ".join(self.removed))
        if self.cut:
            out.append(f"xlsx_cell_truncated: cut to Excel's limit of {EXCEL_MAX_CELL:,} characters: "
                       + ", ".join(self.cut))
        return out

    def __bool__(self) -> bool:
        return bool(self.removed or self.cut)


def _utf16_len(value: str) -> int:
    """Length as Excel counts it (UTF-16 code units)."""
    return len(value.encode("utf-16-le", "surrogatepass")) // 2


def _cut_utf16(value: str, units: int) -> str:
    """The longest start of ``value`` within ``units`` UTF-16 code units (a split pair is dropped)."""
    return value.encode("utf-16-le")[: units * 2].decode("utf-16-le", "ignore")


# Column widths are in units of the default font's digit width. Arabic
# letters are narrower than a digit in common fonts (Calibri/Arial fallbacks,
# DejaVu, Noto): about 0.8 of one, measured on LibreOffice renders.
_ARABIC_WIDTH = 0.8
_LINE_POINTS = 15.0  # one line of 11 pt text
_MAX_ROW_POINTS = 409.0  # Excel's maximum row height


def _text_width(line: str) -> float:
    return len(line) if line.isascii() else len(line) * _ARABIC_WIDTH


def _measure(value: Any) -> float:
    """Display width of a value in column-width units: its longest line."""
    if value is None:
        return 0
    if isinstance(value, str):
        return max(_text_width(line) for line in value.split("\n")) if "\n" in value else _text_width(value)
    if isinstance(value, date):
        return 10
    return len(str(value))


def _line_count(value: str, width: float) -> int:
    """Lines a wrapped value takes in a column ``width`` wide (words wrap whole, hence the slack)."""
    usable = max(1.0, width - 2)
    return sum(max(1, math.ceil(_text_width(line) / usable)) for line in value.split("\n"))


class _Sheet:
    """One logical sheet (``Quotes``) and the worksheets it spans (``Quotes``, ``Quotes (2)``…)."""

    def __init__(self, writer: XlsxWriter, name: str):
        self.writer = writer
        self.name = name
        self.columns = COLUMNS[name]
        self.wrapped = [i for i, c in enumerate(self.columns) if c.style in WRAPPED]
        self.parts: list[Any] = []
        self.part_rows = 0  # rows written to the current part, header included
        self.rows = 0  # data rows in all parts
        self.pending: list[list[Any]] | None = []  # held back until widths are fixed
        self.widths: list[float] = []
        self._new_part()

    # -- parts -------------------------------------------------------------
    def _new_part(self) -> None:
        wb = self.writer.workbook
        if self.parts:
            title = f"{self.name} ({len(self.parts) + 1})"
            index = wb.index(self.parts[-1]) + 1
            self._close_part()
            self.writer.notices.append(
                f"sheet {self.name!r} reached {self.writer.max_rows - 1:,} rows; continued in {title!r}")
        else:
            title, index = self.name, None
        ws = wb.create_sheet(title, index)
        if _PREPARED_ROWS:
            ws._values_to_row = _prepared_row
        ws.sheet_view.rightToLeft = True
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"  # printed: header on every page, grid lines, fitted to the width
        ws.print_options.gridLines = True
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.parts.append(ws)
        self.part_rows = 0
        if self.widths:
            self._start_part()

    def _start_part(self) -> None:
        """Column widths and header: what must precede the first row of a part."""
        ws = self.parts[-1]
        for i, width in enumerate(self.widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        styles = self.writer.styles
        language = self.writer.language
        headers = [c.header(language) for c in self.columns]
        self.part_rows = 1
        self._append(ws, [Cell(ws, 1, i, h, style_array=styles.header) for i, h in enumerate(headers, 1)],
                     max(_line_count(h, w) for h, w in zip(headers, self.widths, strict=True)))

    def _append(self, ws: Any, cells: list[Any], lines: int) -> None:
        """Append one row; a row of wrapped text gets its estimated height.

        Excel fits row heights to wrapped text by itself, LibreOffice does not:
        it shows the first line with the rest spilling over the next rows. So
        rows of several lines carry an estimated height marked as not custom
        (``customHeight="0"``), which LibreOffice uses and Excel recomputes.
        The entry is dropped once the row is written (write-only mode writes it
        at once), so memory stays flat; openpyxl's row objects would always
        mark the height custom, hence the plain attribute dict.
        """
        if lines > 1:
            height = min(_MAX_ROW_POINTS, lines * _LINE_POINTS + 2)
            dict.__setitem__(ws.row_dimensions, self.part_rows, {"ht": f"{height:g}", "customHeight": "0"})
            ws.append(cells)
            dict.__delitem__(ws.row_dimensions, self.part_rows)
        else:
            ws.append(cells)

    def _close_part(self) -> None:
        ws = self.parts[-1]
        ws.auto_filter.ref = f"A1:{get_column_letter(len(self.columns))}{max(self.part_rows, 1)}"
        ws.close()

    # -- rows --------------------------------------------------------------
    def add(self, row: list[Any]) -> None:
        self.rows += 1
        if self.pending is not None:
            self.pending.append(row)
            if len(self.pending) >= self.writer.fit_rows:
                self._flush()
            return
        self._write(row)

    def _flush(self) -> None:
        pending, self.pending = self.pending or [], None
        self.widths = self._fit(pending)
        self._start_part()
        for row in pending:
            self._write(row)

    def _fit(self, rows: list[list[Any]]) -> list[float]:
        widths = []
        language = self.writer.language
        for i, col in enumerate(self.columns):
            content = max((_measure(r[i]) for r in rows), default=0)
            # The header wraps, so its longest word (plus the filter button) is what must fit.
            header = max(_text_width(w) for w in col.header(language).split()) + 3
            widths.append(float(round(min(col.max_width, max(col.min_width, content + 2, header)))))
        return widths

    def _write(self, row: list[Any]) -> None:
        if self.part_rows >= self.writer.max_rows:
            self._new_part()
        ws = self.parts[-1]
        self.part_rows += 1
        lines = 1
        for i in self.wrapped:
            value = row[i]
            if isinstance(value, str) and (len(value) > self.widths[i] - 2 or "\n" in value):
                lines = max(lines, _line_count(value, self.widths[i]))
        self._append(ws, self.writer.cells(ws, row, self.columns, self.part_rows), lines)

    def finish(self) -> None:
        if self.pending is not None:
            self._flush()
        self._close_part()


class XlsxWriter:
    """Streams documents into one workbook; :meth:`close` publishes it, :meth:`abort` leaves no file.

    Options (also through ``exporter.export(docs, "xlsx", path, **options)``):
    ``language`` ("ar" or "en") for headers and enumerated values; ``title`` for the
    workbook title; ``created`` (a datetime) for the creation time;
    ``max_rows`` (rows per worksheet, header included; Excel's maximum by
    default) and ``fit_rows`` (rows measured to fit column widths).
    """

    def __init__(self, output: Path | str, *, language: str = "ar", title: str | None = None,
                 created: datetime | None = None, max_rows: int = EXCEL_MAX_ROWS,
                 fit_rows: int = DEFAULT_FIT_ROWS, reproducible: bool = False, **_: Any):
        if language not in ("ar", "en"):
            raise ValueError(f"language must be 'ar' or 'en', not {language!r}")
        if not 2 <= max_rows <= EXCEL_MAX_ROWS:
            raise ValueError(f"max_rows must be between 2 and {EXCEL_MAX_ROWS:,}")
        if output != "-" and Path(output).is_dir():
            raise IsADirectoryError(21, "is a folder; --format xlsx writes one file (e.g. out.xlsx)", str(output))
        self.output = output
        self.language = language
        self.title = title
        self.created = created
        self.reproducible = reproducible
        self._latest: str | None = None  # the latest full dateline date, for reproducible timestamps
        self.max_rows = max_rows
        self.fit_rows = max(1, fit_rows)
        self.notices: list[str] = []
        self.articles = 0
        self._cleaned = 0
        self.workbook = Workbook(write_only=True)
        self._sheets: dict[str, _Sheet] = {}
        for name in ALWAYS:
            self._sheets[name] = _Sheet(self, name)
        self.styles = CellStyles(self._sheets[ARTICLES].parts[0])

    def cells(self, ws: Any, row: Iterable[Any], columns: tuple[Column, ...], row_idx: int) -> list[Any]:
        """Styled cells for one row, placed at ``row_idx`` (None where the value is empty).

        Strings are always string cells: openpyxl would otherwise store "=…" as
        a formula and "#N/A" as an error value.
        """
        plain, quoted = self.styles.plain, self.styles.quoted
        out: list[Any] = []
        for col_idx, (value, col) in enumerate(zip(row, columns, strict=True), 1):
            if value is None:
                out.append(None)
            elif isinstance(value, str):
                styles = quoted if value[:1] in _FORMULA_START else plain
                cell = Cell(ws, row_idx, col_idx, style_array=styles[col.style])
                cell._value = value  # already cleaned (CellProblems); type fixed below, not inferred
                cell.data_type = "s"
                out.append(cell)
            else:
                out.append(Cell(ws, row_idx, col_idx, value, style_array=plain[col.style]))
        return out

    def write(self, doc: dict[str, Any]) -> None:
        rows = document_rows(doc, self.language)
        problems = CellProblems()
        for name, sheet_rows in rows.items():
            columns = COLUMNS[name]
            for row in sheet_rows:
                for i, value in enumerate(row):
                    if isinstance(value, str):
                        row[i] = problems.clean(value, columns[i])
        if problems:
            self._cleaned += 1
            article = rows[ARTICLES][0]
            article[WARNINGS_COLUMN] = "\n".join(filter(None, [article[WARNINGS_COLUMN], *problems.lines()]))
        for name in SHEET_ORDER:
            for row in rows.get(name, ()):
                self._sheet(name).add(row)
        self.articles += 1
        day = (doc.get("dateline") or {}).get("date")
        if isinstance(day, str) and _FULL_DATE.fullmatch(day) and (self._latest is None or day > self._latest):
            self._latest = day

    def _sheet(self, name: str) -> _Sheet:
        sheet = self._sheets.get(name)
        if sheet is None:  # Persons: placed last, as SHEET_ORDER has it
            sheet = self._sheets[name] = _Sheet(self, name)
        return sheet

    def _fixed_time(self) -> datetime | None:
        """The workbook's time when no clock may be read (naive UTC), else None."""
        from .newsml import source_date_epoch

        epoch = source_date_epoch()
        if epoch is not None:
            return max(epoch.replace(tzinfo=None), _ZIP_EPOCH)
        if not self.reproducible:
            return None
        if self._latest is not None:
            try:
                return max(datetime.fromisoformat(self._latest), _ZIP_EPOCH)
            except ValueError:  # 2024-02-30 and the like: no such day
                pass
        return _ZIP_EPOCH

    def _set_properties(self, fixed: datetime | None) -> None:
        created = self.created or fixed or datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
        props = self.workbook.properties
        plural = "" if self.articles == 1 else "s"
        props.title = self.title or f"exporter: {self.articles} Arabic news article{plural}"
        props.subject = "Headlines, datelines, quotes, agreements, groups and persons extracted from Arabic news"
        props.description = ("One row per article, quote, agreement, group and person, each with the sentence "
                             "it comes from; article ids join the sheets.")
        props.keywords = "Arabic; news; quotes; agreements; groups; exporter"
        props.creator = f"exporter {__version__}"
        props.language = "ar"
        props.created = props.modified = created

    def close(self) -> None:
        for sheet in self._sheets.values():
            sheet.finish()
        fixed = self._fixed_time()
        self._set_properties(fixed)
        if self._cleaned:
            self.notices.append(f"{self._cleaned} article(s) had text changed to fit XLSX; "
                                "see the warnings column of the Articles sheet")
        if self.output == "-":
            # A zip archive is finished only when its directory is written, so
            # build it in an anonymous temporary file, then copy it out whole.
            with tempfile.TemporaryFile() as fh:
                self._save(fh, fixed)
                fh.seek(0)
                shutil.copyfileobj(fh, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return
        with atomic_path(self.output) as tmp, open(tmp, "wb") as fh:
            self._save(fh, fixed)

    def _save(self, target: Any, fixed: datetime | None) -> None:
        """Write the workbook to the binary file ``target``; with ``fixed``, no clock time in it."""
        if fixed is None:
            self.workbook.save(target)
            return
        # Workbook.save stamps "modified" with the clock, so hand the workbook to
        # openpyxl's writer directly, then give every zip entry the fixed time.
        from openpyxl.writer.excel import ExcelWriter

        with tempfile.TemporaryFile() as raw:
            ExcelWriter(self.workbook, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
            raw.seek(0)
            _restamp(raw, target, fixed)

    def abort(self) -> None:
        """Drop everything written so far, including openpyxl's per-sheet temporary files."""
        for ws in self.workbook.worksheets:
            try:
                if not ws.closed:
                    ws.close()  # ends the sheet's XML stream cleanly, so its file can go
            except Exception:  # a broken stream is about to be deleted anyway
                pass
            writer = getattr(ws, "_writer", None)
            if writer is not None:
                try:
                    writer.cleanup()
                except (OSError, ValueError):  # already gone
                    pass


def _restamp(source: Any, target: Any, when: datetime) -> None:
    """Copy the zip ``source`` to ``target`` with every entry dated ``when`` and fixed permissions.

    openpyxl dates each entry with the clock (and each worksheet with its
    temporary file's time), which is all that differs between two saves of
    the same rows; the entries' contents are copied unchanged.
    """
    stamp = when.timetuple()[:6]
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = info.compress_type
            entry.external_attr = 0o644 << 16
            with zin.open(info) as src, zout.open(entry, "w", force_zip64=info.file_size >= 2 ** 31) as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
