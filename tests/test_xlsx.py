"""``exporter export --format xlsx``: the workbook an Arabic desk opens.

Every promise of the format is checked by reading the workbook back with
openpyxl (and, for formula safety, the sheet XML itself): sheet names and
order, right-to-left, frozen bold header, autofilter, fitted widths, wrapped
text, real dates, properties, row-limit rollover, formula and XML safety,
atomic publication. On the seed, hand-built documents and the real corpus.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

import exporter
from exporter.document import SCHEMA_VERSION, text_id
from exporter.formats.xlsx import EXCEL_MAX_CELL, XlsxWriter
from exporter.formats.xlsx_inspect import describe_workbook, workbook_content
from exporter.formats.xlsx_rows import COLUMNS, SHEET_ORDER, document_rows

from .conftest import SEED_ARTICLE, SEEDS, invoke, needs_shared, real_articles

BASE_SHEETS = ["Articles", "Quotes", "Agreements", "Groups"]

TEXT = (
    "الرياض (واس) - وقعت السعودية والعراق مذكرة تفاهم للتعاون في مجال الطاقة\n"
    "وقع وزير الطاقة السعودي الأمير عبد العزيز بن سلمان ونظيره العراقي مذكرة تفاهم بشأن الربط الكهربائي "
    "وتبادل الخبرات.\n"
    "وقال الأمير عبد العزيز بن سلمان إن \"المذكرة تفتح مرحلة جديدة من التعاون بين البلدين\".\n"
    "وأضاف الوزير أن الجانبين سيعقدان اجتماعا في بغداد الشهر المقبل.\n"
)


def span_of(text: str, part: str, start: int = 0) -> list[int]:
    i = text.index(part, start)
    return [i, i + len(part)]


def hand_doc(text: str = TEXT, *, date: str | None = "2024-01-30", persons: bool = True,
             file: str = "energy.txt") -> dict:
    """A complete, valid document built by hand, so these tests do not move with the extractors."""
    doc = {"schema_version": SCHEMA_VERSION, "id": text_id(text), "language": "ar",
           "generator": {"name": "exporter", "version": exporter.__version__},
           "source": {"file": file, "sha256": None, "encoding": None}, "text": text, "warnings": []}
    headline = "وقعت السعودية والعراق مذكرة تفاهم للتعاون في مجال الطاقة"
    dateline = "الرياض (واس) -"
    name = "الأمير عبد العزيز بن سلمان"
    sentence1 = text.split("\n")[2]
    sentence2 = text.split("\n")[3]
    q1 = "المذكرة تفتح مرحلة جديدة من التعاون بين البلدين"
    q2 = "الجانبين سيعقدان اجتماعا في بغداد الشهر المقبل"
    evidence = text.split("\n")[1]
    doc.update({
        "headline": {"text": headline, "span": span_of(text, headline)},
        "dateline": {
            "text": dateline, "span": span_of(text, dateline),
            "place": {"name": "الرياض", "name_en": "Riyadh", "country": "SA", "geonames_id": 108410,
                      "span": span_of(text, "الرياض")},
            "agency": {"name": "واس", "code": "spa", "name_en": "Saudi Press Agency", "kind": "agency",
                       "span": span_of(text, "واس")},
            "date": date,
        },
        "quotes": [
            {"kind": "direct", "text": q1, "span": span_of(text, q1), "cue": "قال",
             "cue_span": span_of(text, "قال"),
             "speaker": {"name": name, "title": None, "span": span_of(text, name, text.index("وقال")),
                         "kind": "person", "person": 0 if persons else None},
             "sentence_span": span_of(text, sentence1)},
            {"kind": "indirect", "text": q2, "span": span_of(text, q2), "cue": "أضاف",
             "cue_span": span_of(text, "أضاف"),
             "speaker": {"name": name, "title": None, "span": None, "kind": "person",
                         "person": 0 if persons else None},
             "sentence_span": span_of(text, sentence2)},
        ],
        "persons": [
            {"name": name, "title": "وزير الطاقة السعودي",
             "mentions": [{"text": name, "span": span_of(text, name)},
                          {"text": name, "span": span_of(text, name, text.index("وقال"))}]},
        ] if persons else [],
        "agreements": [
            {"action": "sign", "cameo": "057", "trigger": "وقع",
             "trigger_span": span_of(text, "وقع", text.index("وقع ")),
             "parties": [{"name": "السعودية", "name_en": "Saudi Arabia", "kind": "country", "code": "SA"},
                         {"name": "العراق", "name_en": "Iraq", "kind": "country", "code": "IQ"}],
             "terms": ["الربط الكهربائي", "تبادل الخبرات"],
             "term_spans": [span_of(text, "الربط الكهربائي"), span_of(text, "تبادل الخبرات")],
             "span": span_of(text, evidence)},
        ],
        "groups": [],
    })
    assert exporter.validate(doc) == [], exporter.validate(doc)
    return doc


def export(tmp_path: Path, docs, name: str = "out.xlsx", **options) -> Path:
    out = tmp_path / name
    exporter.export(docs, "xlsx", out, **options)
    return out


def sheet_xml(path: Path) -> dict[str, str]:
    """Worksheet XML by sheet name, read straight from the archive."""
    with zipfile.ZipFile(path) as z:
        rels = {}
        for rel in re.findall(r"<Relationship [^>]*>", z.read("xl/_rels/workbook.xml.rels").decode()):
            target = re.search(r'Target="([^"]+)"', rel)[1].lstrip("/")
            rels[re.search(r'Id="([^"]+)"', rel)[1]] = target if target.startswith("xl/") else "xl/" + target
        workbook = z.read("xl/workbook.xml").decode()
        return {name: z.read(rels[rid]).decode()
                for name, rid in re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', workbook)}


def check_layout(path: Path) -> None:
    """The promises every sheet keeps, whatever the data."""
    wb = load_workbook(path)
    for ws in wb.worksheets:
        base = ws.title.split(" (")[0]
        columns = COLUMNS[base]
        assert ws.sheet_view.rightToLeft, ws.title
        assert ws.freeze_panes == "A2", ws.title
        last = chr(ord("A") + len(columns) - 1)
        assert ws.auto_filter.ref == f"A1:{last}{max(ws.max_row, 1)}", ws.title
        assert ws.print_title_rows == "$1:$1"
        header = next(ws.iter_rows(max_row=1))
        assert [c.value for c in header] in ([c.ar for c in columns], [c.en for c in columns])
        assert all(c.font.b for c in header)
        for i, col in enumerate(columns):
            width = ws.column_dimensions[chr(ord("A") + i)].width
            assert col.min_width <= width <= col.max_width, (ws.title, col.key, width)
        for row in ws.iter_rows(min_row=2):
            for cell, col in zip(row, columns, strict=True):
                if cell.value is None:
                    continue
                assert bool(cell.alignment.wrap_text) == (col.style in ("long", "lines")), (ws.title, col.key)
                if col.style in ("name", "long", "lines", "enum"):
                    assert cell.alignment.readingOrder == 2
                    assert cell.alignment.horizontal == ("center" if col.style == "enum" else "right")
                elif col.style in ("key", "latin"):
                    assert cell.alignment.horizontal == "left" and cell.alignment.readingOrder == 1
                if col.style == "int":
                    assert cell.data_type == "n" and isinstance(cell.value, int)
                elif col.style == "date" and cell.data_type == "d":
                    assert cell.number_format == "yyyy-mm-dd"
                else:
                    assert cell.data_type == "s", (ws.title, col.key, cell.value)
    for name, xml in sheet_xml(path).items():
        assert "<f>" not in xml and "<f " not in xml, f"formula in {name}"


def expected_rows(docs) -> dict[str, list[list]]:
    """What each sheet should hold, straight from the documents."""
    out: dict[str, list[list]] = {name: [] for name in SHEET_ORDER}
    for doc in docs:
        for name, rows in document_rows(doc).items():
            out[name].extend(rows)
    return out


def read_rows(path: Path) -> dict[str, list[list]]:
    """Data rows per logical sheet (continuations joined), dates back to date objects."""
    wb = load_workbook(path)
    out: dict[str, list[list]] = {}
    for ws in wb.worksheets:
        rows = out.setdefault(ws.title.split(" (")[0], [])
        for row in ws.iter_rows(min_row=2, values_only=True):
            rows.append([v.date() if isinstance(v, datetime) else v for v in row])
    return out


# -- the seed -------------------------------------------------------------------------------------

def test_seed_workbook_matches_expected():
    """The stored seed document exported and read back equals seeds/<stem>.xlsx.json, cell by cell."""
    doc = json.loads(SEED_ARTICLE.with_suffix(".json").read_text(encoding="utf-8"))
    expected = json.loads(SEED_ARTICLE.with_suffix(".xlsx.json").read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(workbook_content([doc])))
    assert actual == expected, "seed workbook changed: run python scripts/update_seeds.py and review the diff"


def test_seed_expectation_describes_the_promised_layout():
    expected = json.loads(SEED_ARTICLE.with_suffix(".xlsx.json").read_text(encoding="utf-8"))
    names = [s["name"] for s in expected["sheets"]]
    assert names[:4] == BASE_SHEETS
    for sheet in expected["sheets"]:
        assert sheet["right_to_left"] and sheet["freeze_panes"] == "A2"
        assert sheet["auto_filter"].endswith(str(len(sheet["rows"])))
        assert set(sheet["types"][0]) == {"s"}
    articles = expected["sheets"][0]
    assert articles["rows"][1][0].startswith("sha256:") and articles["types"][1][9:12] == "nnn"


def test_cli_exports_seeds_folder(tmp_path, seed_doc):
    out = tmp_path / "seeds.xlsx"
    result = invoke("export", "--format", "xlsx", "--output", str(out), str(SEEDS))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip().endswith("1 articles, 0 with warnings, 0 failed")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds.xlsx"]  # no temporary file left
    assert describe_workbook(out) == workbook_content([seed_doc])
    check_layout(out)
    props = load_workbook(out).properties
    assert props.creator.startswith("exporter ") and props.title == "exporter: 1 Arabic news article"
    assert abs((datetime.utcnow() - props.created).total_seconds()) < 120


# -- hand-built documents: every column, dates, persons ------------------------------------------

def test_every_sheet_and_column(tmp_path):
    doc = hand_doc()
    out = export(tmp_path, [doc])
    wb = load_workbook(out)
    assert wb.sheetnames == BASE_SHEETS + ["Persons"]
    check_layout(out)
    rows = read_rows(out)
    text = doc["text"]
    art = rows["Articles"][0]
    assert art[:9] == [doc["id"], "energy.txt", doc["headline"]["text"], "الرياض (واس) -", "الرياض", "Riyadh",
                       "SA", "واس", datetime(2024, 1, 30).date()]
    assert art[9:] == [2, 1, 0, None]
    quote = rows["Quotes"][0]
    assert quote == [doc["id"], doc["headline"]["text"], "الأمير عبد العزيز بن سلمان",
                     "وزير الطاقة السعودي",  # title taken from the person when the quote has none
                     "مباشر", "قال", doc["quotes"][0]["text"], text.split("\n")[2]]
    agreement = rows["Agreements"][0]
    assert agreement == [doc["id"], "السعودية، العراق", "Saudi Arabia, Iraq", "توقيع", "057",
                         "الربط الكهربائي\nتبادل الخبرات", "وقع", text.split("\n")[1]]
    assert rows["Persons"] == [[doc["id"], "الأمير عبد العزيز بن سلمان", "وزير الطاقة السعودي", 2,
                                "الأمير عبد العزيز بن سلمان"]]
    assert rows["Groups"] == []
    cameo = wb["Agreements"]["E2"]
    assert cameo.value == "057" and cameo.data_type == "s"  # a code keeps its leading zero


CATEGORIES_AR = {"militant": "جماعة مسلحة", "separatist": "انفصالية", "insurgent": "متمردة", "militia": "ميليشيا",
                 "political_party": "حزب سياسي", "movement": "حركة", "other": "أخرى"}


def test_groups_rows(tmp_path, seed_doc):
    rows = read_rows(export(tmp_path, [seed_doc]))
    assert len(rows["Groups"]) == len(seed_doc["groups"])
    for row, group in zip(rows["Groups"], seed_doc["groups"], strict=True):
        forms = list(dict.fromkeys(m["text"] for m in group["mentions"]))
        assert row == [seed_doc["id"], group["name"], group["name_en"], CATEGORIES_AR[group["category"]],
                       len(group["mentions"]), "\n".join(forms)]


def test_dates_are_real_dates_and_yearless_dates_stay_text(tmp_path):
    docs = [hand_doc(date="2024-01-30", file="a.txt"), hand_doc(date="--01-30", file="b.txt"),
            hand_doc(date=None, file="c.txt")]
    out = export(tmp_path, docs)
    ws = load_workbook(out)["Articles"]
    real, yearless, none = ws["I2"], ws["I3"], ws["I4"]
    assert real.data_type == "d" and real.value == datetime(2024, 1, 30)
    assert real.number_format == "yyyy-mm-dd"
    assert yearless.data_type == "s" and yearless.value == "--01-30"
    assert yearless.quotePrefix  # Excel would read "--01-30" typed back in as a formula
    assert none.value is None
    check_layout(out)


def test_persons_sheet_only_when_a_document_has_persons(tmp_path):
    without = export(tmp_path, [hand_doc(persons=False)], "without.xlsx")
    assert load_workbook(without).sheetnames == BASE_SHEETS
    # a document with persons after one without: the sheet appears, still last
    mixed = export(tmp_path, [hand_doc(persons=False, file="a.txt"), hand_doc(file="b.txt")], "mixed.xlsx")
    assert load_workbook(mixed).sheetnames == BASE_SHEETS + ["Persons"]
    assert len(read_rows(mixed)["Persons"]) == 1


def test_empty_export_still_has_every_sheet_with_its_header(tmp_path):
    out = export(tmp_path, [])
    wb = load_workbook(out)
    assert wb.sheetnames == BASE_SHEETS
    assert all(ws.max_row == 1 for ws in wb.worksheets)
    check_layout(out)


def test_english_workbook_has_english_headers_and_document_values(tmp_path):
    wb = load_workbook(export(tmp_path, [hand_doc()], language="en"))
    assert [c.value for c in wb["Quotes"][1]] == [c.en for c in COLUMNS["Quotes"]]
    assert [c.value for c in wb["Quotes"]["E"][1:]] == ["direct", "indirect"]
    assert wb["Agreements"]["D2"].value == "sign"


def test_workbook_properties(tmp_path):
    created = datetime(2025, 3, 1, 8, 30)
    props = load_workbook(export(tmp_path, [hand_doc(), hand_doc(file="b.txt")], created=created,
                                 title="نشرة الطاقة")).properties
    assert props.title == "نشرة الطاقة"
    assert props.creator == f"exporter {exporter.__version__}"
    assert props.created == created and props.language == "ar"
    default = load_workbook(export(tmp_path, [hand_doc(), hand_doc(file="b.txt")], "d.xlsx")).properties
    assert default.title == "exporter: 2 Arabic news articles"


def _run_at(monkeypatch, seconds: float) -> None:
    """Set the clock openpyxl and zipfile read (entries are dated with time.time())."""
    import time

    monkeypatch.setattr(time, "time", lambda: seconds)


def test_reproducible_workbook_is_byte_identical_and_dated_by_its_articles(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    docs = [hand_doc(), hand_doc(file="b.txt", date="2023-12-31"), hand_doc(file="c.txt", date=None)]
    _run_at(monkeypatch, 1_000_000_000)
    a = export(tmp_path, docs, "a.xlsx", reproducible=True)
    _run_at(monkeypatch, 1_700_000_000)
    b = export(tmp_path, docs, "b.xlsx", reproducible=True)
    assert a.read_bytes() == b.read_bytes()
    props = load_workbook(a).properties
    assert props.created == props.modified == datetime(2024, 1, 30)  # the latest dateline date
    with zipfile.ZipFile(a) as z:
        assert {info.date_time for info in z.infolist()} == {(2024, 1, 30, 0, 0, 0)}
    _run_at(monkeypatch, 1_000_000_000)
    clocked = export(tmp_path, docs, "c.xlsx")
    _run_at(monkeypatch, 1_700_000_000)
    assert clocked.read_bytes() != export(tmp_path, docs, "d.xlsx").read_bytes()  # the clock shows without it


def test_source_date_epoch_dates_the_workbook_from_the_command_line(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1706572800")
    out = tmp_path / "seed.xlsx"
    result = invoke("export", "--format", "xlsx", "-o", out, SEED_ARTICLE)
    assert result.exit_code == 0, result.stderr
    props = load_workbook(out).properties
    assert props.created == props.modified == datetime(2024, 1, 30)
    with zipfile.ZipFile(out) as z:
        assert {info.date_time for info in z.infolist()} == {(2024, 1, 30, 0, 0, 0)}
    piped = invoke("export", "--format", "xlsx", "-o", "-", "--reproducible", SEED_ARTICLE)
    assert piped.exit_code == 0 and piped.stdout_bytes == out.read_bytes()


def test_reproducible_option_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    result = invoke("export", "--format", "xlsx", "-o", tmp_path / "o.xlsx", SEED_ARTICLE)
    assert result.exit_code == 2
    assert result.stderr.strip() == "exporter: SOURCE_DATE_EPOCH='soon' is not a number of seconds since 1970-01-01"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    result = invoke("export", "--format", "json", "-o", tmp_path / "j", "--reproducible", SEED_ARTICLE)
    assert result.exit_code == 2
    assert result.stderr.strip() == "exporter: --reproducible: only for --format newsml or xlsx"
    assert not (tmp_path / "o.xlsx").exists() and not (tmp_path / "j").exists()


def test_widths_fit_content_within_bounds(tmp_path):
    short = hand_doc()
    long = hand_doc(file="long.txt")
    long["headline"]["text"] = "عنوان " * 40
    short_ws = load_workbook(export(tmp_path, [short], "short.xlsx"))["Articles"]
    long_ws = load_workbook(export(tmp_path, [short, long], "long.xlsx"))["Articles"]
    headline = COLUMNS["Articles"][2]
    # the longest value (Arabic letters are about 0.8 of a digit wide) plus a margin, between the bounds
    assert short_ws.column_dimensions["C"].width == round(len(short["headline"]["text"]) * 0.8 + 2)
    assert short_ws.column_dimensions["C"].width < headline.max_width
    assert long_ws.column_dimensions["C"].width == headline.max_width
    # a short place name and header: the column's minimum
    assert short_ws.column_dimensions["E"].width == COLUMNS["Articles"][4].min_width


def test_rows_of_wrapped_text_carry_an_estimated_height_excel_may_refit(tmp_path):
    doc = hand_doc()
    doc["quotes"][0]["text"] = "نص طويل " * 60  # ~480 characters: several lines at the column's cap
    doc["headline"]["text"] = "عنوان قصير"
    xml = sheet_xml(export(tmp_path, [doc]))["Quotes"]
    rows = dict(re.findall(r'<row r="(\d+)"([^>]*)>', xml))
    height = re.search(r'ht="([\d.]+)" customHeight="0"', rows["2"])
    assert height and 5 * 15 <= float(height[1]) <= 409  # LibreOffice uses it; Excel refits (not custom)
    assert "ht=" not in rows["3"]  # a row that fits on one line keeps the default height


def test_plain_openpyxl_path_writes_the_same_workbook(tmp_path, monkeypatch):
    """Without openpyxl's row hook (another openpyxl version) the public path gives the same content."""
    import exporter.formats.xlsx as xlsx

    docs = [hand_doc(), hand_doc(date="--01-30", file="b.txt")]
    fast = workbook_content(docs)
    monkeypatch.setattr(xlsx, "_PREPARED_ROWS", False)
    assert workbook_content(docs) == fast


# -- row limit -----------------------------------------------------------------------------------

def test_sheets_continue_past_the_row_limit(tmp_path):
    docs = [hand_doc(file=f"{i}.txt") for i in range(5)]  # 5 articles, 10 quotes, 5 agreements, 5 persons
    writer = XlsxWriter(tmp_path / "limit.xlsx", max_rows=4, fit_rows=2)  # header + 3 rows per sheet
    for doc in docs:
        writer.write(doc)
    writer.close()
    out = tmp_path / "limit.xlsx"
    wb = load_workbook(out)
    assert wb.sheetnames == ["Articles", "Articles (2)",
                             "Quotes", "Quotes (2)", "Quotes (3)", "Quotes (4)",
                             "Agreements", "Agreements (2)", "Groups", "Persons", "Persons (2)"]
    assert [wb[n].max_row for n in ("Quotes", "Quotes (2)", "Quotes (3)", "Quotes (4)")] == [4, 4, 4, 2]
    check_layout(out)
    assert read_rows(out) == {k: v for k, v in expected_rows(docs).items()}
    assert "sheet 'Quotes' reached 3 rows; continued in 'Quotes (2)'" in writer.notices
    # continuations carry the first part's fitted widths
    assert [wb["Quotes (3)"].column_dimensions[c].width for c in "ABCDEFGH"] == \
           [wb["Quotes"].column_dimensions[c].width for c in "ABCDEFGH"]


def test_default_limit_is_excel_maximum():
    assert XlsxWriter.__init__.__kwdefaults__["max_rows"] == 1_048_576
    with pytest.raises(ValueError):
        XlsxWriter(Path("x.xlsx"), max_rows=1_048_577)


# -- safety --------------------------------------------------------------------------------------

INJECTIONS = ['=HYPERLINK("http://example.com","اضغط هنا")', "+966 11 000 0000", "-1+1", "@SUM(A1:A2)",
              "=1+1", "#N/A"]


def test_formula_like_text_is_stored_as_text(tmp_path):
    doc = hand_doc()
    docs = []
    for i, evil in enumerate(INJECTIONS):
        d = json.loads(json.dumps(doc))
        d["source"]["file"] = evil
        d["quotes"][0]["speaker"]["name"] = evil
        d["agreements"][0]["terms"] = [evil, "تبادل الخبرات"]
        d["persons"][0]["name"] = evil
        d["id"] = doc["id"][:-2] + f"{i:02d}"
        docs.append(d)
    out = export(tmp_path, docs)
    wb = load_workbook(out)
    files = [c.value for c in wb["Articles"]["B"][1:]]
    assert files == INJECTIONS
    speakers = wb["Quotes"]["C"][1::2]
    assert [c.value for c in speakers] == INJECTIONS
    assert all(c.data_type == "s" for c in speakers)
    assert [c.quotePrefix for c in wb["Articles"]["B"][1:]] == [v[0] in "=+-@" for v in INJECTIONS]
    xml = sheet_xml(out)
    for name in ("Articles", "Quotes", "Agreements", "Persons"):
        assert "<f>" not in xml[name] and "<f " not in xml[name]
        assert 't="e"' not in xml[name]
    assert xml["Articles"].count('t="inlineStr"') >= len(INJECTIONS) * 2
    assert "=HYPERLINK(" in xml["Quotes"]  # kept, as text
    check_layout(out)


def test_characters_illegal_in_xml_are_removed_with_a_warning(tmp_path):
    doc = hand_doc()
    doc["headline"]["text"] = "وقعت السعودية\x0b والعراق\x01 مذكرة"
    doc["quotes"][0]["text"] = "المذكرة\x1b تفتح مرحلة جديدة"
    doc["warnings"] = [{"code": "dateline_unknown_place", "message": "place not in gazetteer"}]
    other = hand_doc(file="clean.txt")
    writer = XlsxWriter(tmp_path / "x.xlsx")
    writer.write(doc)
    writer.write(other)
    writer.close()
    rows = read_rows(tmp_path / "x.xlsx")
    first, second = rows["Articles"]
    assert first[2] == "وقعت السعودية والعراق مذكرة"
    assert rows["Quotes"][0][6] == "المذكرة تفتح مرحلة جديدة"
    warnings = first[-1].split("\n")
    assert warnings[0] == "dateline_unknown_place: place not in gazetteer"
    assert warnings[1].startswith("xlsx_illegal_characters:")
    assert warnings[1].endswith("(U+0001 U+000B U+001B) from: headline, quote")
    assert second[-1] is None
    assert writer.notices == [
        "1 article(s) had text changed to fit XLSX; see the warnings column of the Articles sheet"]


def test_illegal_characters_from_an_input_file(tmp_path):
    """End to end: a control character survives decoding (it is text) and must not break the workbook."""
    article = tmp_path / "ctrl.txt"
    article.write_text("القاهرة (رويترز) - اتفقت\x1b مصر والأردن على تعزيز التعاون التجاري\n"
                       "قال وزير الخارجية إن البلدين اتفقا على تعزيز التعاون.\n", encoding="utf-8")
    out = tmp_path / "ctrl.xlsx"
    result = invoke("export", "--format", "xlsx", "--output", str(out), str(article))
    assert result.exit_code == 0, result.stderr
    assert "text changed to fit XLSX" in result.stderr
    rows = read_rows(out)
    assert "xlsx_illegal_characters" in rows["Articles"][0][-1]
    assert not any("\x1b" in str(v) for sheet in rows.values() for row in sheet for v in row)


def test_text_longer_than_a_cell_is_cut_with_a_warning(tmp_path):
    doc = hand_doc()
    doc["quotes"][0]["text"] = "ب" * (EXCEL_MAX_CELL + 100)
    doc["quotes"][1]["text"] = "😀" * 20_000  # 40,000 UTF-16 units: Excel counts those, not characters
    rows = read_rows(export(tmp_path, [doc]))
    first, second = rows["Quotes"][0][6], rows["Quotes"][1][6]
    assert len(first) == EXCEL_MAX_CELL and first.endswith("…")
    assert second == "😀" * ((EXCEL_MAX_CELL - 1) // 2) + "…"
    assert "xlsx_cell_truncated" in rows["Articles"][0][-1] and "quote" in rows["Articles"][0][-1]


# -- atomic publication -------------------------------------------------------------------------

def test_a_failed_run_leaves_the_old_workbook(tmp_path):
    out = tmp_path / "book.xlsx"
    out.write_bytes(b"old workbook")

    def docs():
        yield hand_doc()
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        exporter.export(docs(), "xlsx", out)
    assert out.read_bytes() == b"old workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]


def test_abort_removes_every_temporary_file(tmp_path):
    writer = XlsxWriter(tmp_path / "book.xlsx", fit_rows=1)
    writer.write(hand_doc())
    parts = [ws._writer.out for ws in writer.workbook.worksheets if ws._writer is not None]
    assert parts and all(Path(p).exists() for p in parts)
    writer.abort()
    assert not any(Path(p).exists() for p in parts)
    assert list(tmp_path.iterdir()) == []


def test_output_folder_is_refused(tmp_path):
    result = invoke("export", "--format", "xlsx", "--output", str(tmp_path), str(SEED_ARTICLE))
    assert result.exit_code == 1
    assert "is a folder" in result.stderr and "Traceback" not in result.stderr


def test_workbook_to_standard_output(tmp_path):
    result = invoke("export", "--format", "xlsx", "--output", "-", str(SEED_ARTICLE))
    assert result.exit_code == 0, result.stderr
    wb = load_workbook(io.BytesIO(result.stdout_bytes))
    assert wb.sheetnames[:4] == BASE_SHEETS
    assert wb["Articles"]["B2"].value == SEED_ARTICLE.name


# -- the real corpus ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_workbook(tmp_path_factory):
    paths = real_articles()
    docs = [exporter.extract(p.read_bytes(), file=p.name) for p in paths]
    out = tmp_path_factory.mktemp("real") / "real.xlsx"
    exporter.export(docs, "xlsx", out)
    return docs, out


@needs_shared
def test_real_corpus_workbook_holds_every_item(real_workbook):
    docs, out = real_workbook
    rows = read_rows(out)
    expected = expected_rows(docs)
    assert len(rows["Articles"]) == len(docs) == len(real_articles())
    for name in BASE_SHEETS:
        assert rows[name] == expected[name], name
    if expected["Persons"]:
        assert rows["Persons"] == expected["Persons"]
    else:
        assert "Persons" not in rows
    assert sum(len(d["quotes"]) for d in docs) == len(rows["Quotes"]) > 0


@needs_shared
def test_real_corpus_workbook_layout(real_workbook):
    _, out = real_workbook
    check_layout(out)
    wb = load_workbook(out)
    assert wb.sheetnames[:4] == BASE_SHEETS
    assert wb.properties.title == f"exporter: {len(real_articles())} Arabic news articles"
