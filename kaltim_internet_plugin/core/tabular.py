"""CSV and XLSX files as offices save them -> a header and numbered rows (pure Python: no Qt, no QGIS).

* Encoding: a BOM decides (UTF-8, UTF-16 as Excel's "Unicode text"); else UTF-8 when the whole file decodes as
  UTF-8, else cp1252 (Windows, what Indonesian Excel writes), else latin-1.
* Delimiter: comma, semicolon (Excel with an Indonesian locale, where the comma is the decimal mark), tab or
  ``|``: the one that splits the first lines into the most rows of one common width.
* Header row: the first row that fills most of the table's width with text; title rows above it (a merged
  "DATA MENARA BTS 2025" across the columns, a source line, blank rows) are skipped and reported
  (``TableInfo.skipped_rows``). ``known_names`` (column names the caller recognises) win when they are present.
* Rows are numbered as a spreadsheet shows them (the first line or row of the file = 1; blank rows are counted
  but not returned; a quoted multi-line CSV cell counts as one row).
* XLSX: openpyxl when installed, else GDAL's XLSX driver (always part of QGIS). ``.xls`` and ``.ods`` are refused
  with the fix (save as .xlsx or CSV).

Errors are :class:`TableError` with a ``code`` and ``params``; the translated message comes from
``kaltim_internet_plugin/input_text.py``. Codes: ``not_found``, ``empty_file``, ``unsupported``, ``no_sheet``,
``unreadable``.
"""
from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import math
import os
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

DELIMITERS = (",", ";", "\t", "|")
SAMPLE_CHARS = 1 << 16
HEADER_SCAN_ROWS = 30
XLSX_EXTENSIONS = (".xlsx", ".xlsm")
UNSUPPORTED_EXTENSIONS = (".xls", ".ods", ".numbers")


class TableError(ValueError):
    """The file cannot be read as a table. ``code`` and ``params`` are for the translated message."""

    def __init__(self, code: str, params: Optional[dict] = None):
        self.code = code
        self.params = dict(params or {})
        super().__init__(f"{code}: {self.params}")


@dataclass
class TableInfo:
    """How a file was read (for the log: users see what was detected)."""

    path: str = ""
    kind: str = "csv"            # csv | xlsx
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    header_row: int = 1
    skipped_rows: list = field(default_factory=list)  # non-blank rows above the header (title rows)
    header: list = field(default_factory=list)


@dataclass
class Table:
    info: TableInfo
    rows: list  # [(row_number, {column: value})]

    @property
    def header(self) -> list:
        return self.info.header


def with_names(table: Table, names: Iterable[str]) -> Table:
    """``table`` with its columns named as ``names`` spells them when they match in other letters or with spaces
    around ('Key', ' CAPEX_IDR' -> 'key', 'capex_idr'); other columns keep their names."""
    known = {n.lower(): n for n in names}

    def name(column):
        return known.get(str(column).strip().lower(), column)

    info = dataclasses.replace(table.info, header=[name(h) for h in table.info.header])
    return Table(info, [(n, {name(k): v for k, v in row.items()}) for n, row in table.rows])


def _norm(name: object) -> str:
    return re.sub(r"[^0-9a-z]+", "_", str(name or "").strip().lower()).strip("_")


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --------------------------------------------------------------------------------------------- public API
def open_table(path: str, sheet: Optional[str] = None, encoding: Optional[str] = None,
               known_names: Iterable[str] = (), xlsx_engine: str = "auto") -> tuple:
    """``(TableInfo, iterator of (row_number, row_dict))``; CSV rows are streamed (national exports of
    millions of rows do not sit in memory). ``xlsx_engine``: ``auto`` (openpyxl when installed, else GDAL),
    ``openpyxl`` or ``ogr``. Raises :class:`TableError`."""
    if not os.path.isfile(path):
        raise TableError("not_found", {"path": path})
    ext = os.path.splitext(path)[1].lower()
    if ext in UNSUPPORTED_EXTENSIONS:
        raise TableError("unsupported", {"path": path, "ext": ext})
    if os.path.getsize(path) == 0:
        raise TableError("empty_file", {"path": path})
    known = {_norm(n) for n in known_names}
    if ext in XLSX_EXTENSIONS:
        return _open_xlsx(path, sheet, known, xlsx_engine)
    return _open_csv(path, encoding, known)


def read_table(path: str, sheet: Optional[str] = None, encoding: Optional[str] = None,
               known_names: Iterable[str] = (), xlsx_engine: str = "auto") -> Table:
    """The whole file: :class:`Table` (``info``, ``rows``). Raises :class:`TableError`."""
    info, rows = open_table(path, sheet, encoding, known_names, xlsx_engine)
    return Table(info, list(rows))


def read_csv_text(text: str, known_names: Iterable[str] = ()) -> Table:
    """CSV held in a string (delimiter and header detected as for files)."""
    text = text.lstrip("\ufeff")
    if _no_content(text):
        raise TableError("empty_file", {"path": ""})
    quote = unclosed_quote_line(text, True)
    if quote is not None:
        raise TableError("unclosed_quote", {"path": "", "line": quote})
    delimiter = detect_delimiter(text[:SAMPLE_CHARS])
    records = _records(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    info = TableInfo(kind="csv", encoding="", delimiter=delimiter)
    return Table(info, list(_rows_after_header(records, info, {_norm(n) for n in known_names})))


# --------------------------------------------------------------------------------------------- CSV
def blank_comments(lines: Iterable[str]) -> str:
    """The text of ``lines`` with each ``#`` comment line (a byte-order mark before it allowed) made blank: skipped
    like a blank row, the other rows keeping their line numbers (the clutter table opens with comments)."""
    return "".join(line[len(line.rstrip("\r\n")):] or "\n" if line.lstrip().lstrip("\ufeff").startswith("#")
                   else line for line in lines)


def detect_encoding(path: str) -> str:
    """``utf-8-sig`` (BOM), ``utf-16`` (BOM), ``utf-8``, ``cp1252`` or ``latin-1``: the first that decodes the
    whole file (streamed)."""
    with open(path, "rb") as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for enc in ("utf-8", "cp1252"):
        try:
            with open(path, encoding=enc, newline="") as fh:
                while fh.read(1 << 20):
                    pass
            return enc
        except UnicodeDecodeError:
            continue
    return "latin-1"


def detect_delimiter(sample: str) -> str:
    """The delimiter that splits the sample into the most records of one common width (> 1 column)."""
    sample = _whole_lines(sample)
    best, best_score = ",", (0, 0, 0)
    for rank, d in enumerate(("\t", ";", ",", "|")):
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(sample, newline=""), delimiter=d)
                      if any(c.strip() for c in r)]
        except csv.Error:
            continue
        counts: dict = {}
        for w in widths:
            if w > 1:
                counts[w] = counts.get(w, 0) + 1
        if not counts:
            continue
        width = max(counts, key=lambda w: (counts[w], w))
        score = (counts[width], width, -rank)
        if score > best_score:
            best, best_score = d, score
    return best


def _open_csv(path: str, encoding: Optional[str], known: set) -> tuple:
    enc = encoding or detect_encoding(path)
    try:
        with open(path, encoding=enc, newline="") as fh:
            sample = fh.read(SAMPLE_CHARS)
    except (UnicodeError, LookupError) as exc:
        raise TableError("unreadable", {"path": path, "error": str(exc)}) from None
    if _no_content(sample) and _no_content_file(path, enc):
        raise TableError("empty_file", {"path": path})
    quote = unclosed_quote_line(sample, len(sample) < SAMPLE_CHARS)
    if quote is not None:
        raise TableError("unclosed_quote", {"path": path, "line": quote})
    delimiter = detect_delimiter(sample)
    info = TableInfo(path=path, kind="csv", encoding=enc, delimiter=delimiter)
    # the header is found on the sample, so the iterator below can stream the file
    head_records = list(_records(csv.reader(io.StringIO(_whole_lines(sample), newline=""), delimiter=delimiter)))
    _find_header(head_records, info, known)

    def rows() -> Iterator[tuple]:
        with open(path, encoding=enc, newline="") as fh:
            yield from _rows_after_header(_records(csv.reader(fh, delimiter=delimiter)), info, known,
                                          header_known=True)

    return info, rows()


def unclosed_quote_line(sample: str, whole: bool) -> Optional[int]:
    """The line (1-based) where a quoted cell opens that never closes: the CSV reader would swallow the rest of the
    file into that cell (and the delimiter be guessed wrong), so it is named instead. A quote opens a cell only at
    the start of a cell, as the reader reads it (an inch mark inside a cell is text). The delimiter is the one that
    splits the first line into the most cells. ``whole``: the sample is the whole file; else only a cell still open
    after 100 lines is taken for unclosed (cells may hold line breaks). None when every quote closes."""
    first = sample.split("\n", 1)[0]
    delimiter = max(("\t", ";", ",", "|"), key=first.count)
    inside, opened, at_start, line = False, 0, True, 1
    i, n = 0, len(sample)
    while i < n:
        c = sample[i]
        if inside:
            if c == '"':
                if i + 1 < n and sample[i + 1] == '"':
                    i += 1  # an escaped quote
                else:
                    inside = False
            elif c == "\n":
                line += 1
        elif c == '"' and at_start:
            inside, opened = True, line
        elif c == "\n":
            line += 1
        at_start = (not inside) and c in (delimiter, "\n", "\r")
        i += 1
    if inside and (whole or line - opened >= 100):
        return opened
    return None


def _no_content(text: str) -> bool:
    """Only blanks and delimiters (an empty sheet saved as CSV: ';;;' lines)."""
    return not text.lstrip("\ufeff").strip(" \t\r\n,;|\"")


def _no_content_file(path: str, encoding: str) -> bool:
    with open(path, encoding=encoding, newline="") as fh:
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                return True
            if not _no_content(chunk):
                return False


def _whole_lines(sample: str) -> str:
    if len(sample) < SAMPLE_CHARS or "\n" not in sample:
        return sample
    return sample[:sample.rfind("\n") + 1]


def _records(reader) -> Iterator[tuple]:
    """(row number, cells) of every record; blank ones are numbered but skipped."""
    for number, record in enumerate(reader, start=1):
        if record and number == 1 and isinstance(record[0], str) and record[0].startswith("\ufeff"):
            record = [record[0][1:], *record[1:]]
        if record and any(not _blank(c) for c in record):
            yield number, list(record)


# --------------------------------------------------------------------------------------------- header
def _is_text(value: object) -> bool:
    if not isinstance(value, str) or not value.strip():
        return False
    s = value.strip().replace(".", "").replace(",", "").replace("-", "").replace(" ", "")
    return not s.isdigit()


def _filled(cells: list) -> int:
    return sum(1 for c in cells if not _blank(c))


def _find_header(records: list, info: TableInfo, known: set) -> None:
    """Set ``info.header_row``, ``info.header`` and ``info.skipped_rows`` from the first records."""
    scan = records[:HEADER_SCAN_ROWS]
    if not scan:
        raise TableError("empty_file", {"path": info.path})
    width = max(_filled(cells) for _, cells in scan)
    chosen = None
    if known:
        need = 2 if width >= 2 else 1
        chosen = next(((n, c) for n, c in scan if sum(1 for x in c if _norm(x) in known) >= need), None)
    if chosen is None:
        need = max(1, math.ceil(0.6 * width))
        for n, cells in scan:
            filled = [c for c in cells if not _blank(c)]
            if len(filled) >= need and sum(1 for c in filled if _is_text(c)) * 2 >= len(filled):
                chosen = (n, cells)
                break
    if chosen is None:  # no row of mostly text: the first widest row
        chosen = next((n, c) for n, c in scan if _filled(c) >= max(1, math.ceil(0.6 * width)))
    info.header_row = chosen[0]
    info.skipped_rows = [n for n, _ in scan if n < chosen[0]]
    info.header = _header_names(chosen[1])
    # a column the tool reads, twice (two "height_m"): which one is meant cannot be known (was: the second was
    # renamed height_m_2 and ignored without a word); other repeated columns are kept apart as name_2
    where: dict = {}
    for i, cell in enumerate(chosen[1]):
        key = _norm(cell)
        if key and key in known:
            where.setdefault(key, []).append(i + 1)
    twice = next(((k, cols) for k, cols in where.items() if len(cols) > 1), None)
    if twice is not None:
        raise TableError("duplicate_column", {"path": info.path, "column": twice[0], "row": info.header_row,
                                              "columns": ", ".join(map(str, twice[1]))})


def _header_names(cells: list) -> list:
    names, seen = [], {}
    last = max((i for i, c in enumerate(cells) if not _blank(c)), default=-1)
    for i, c in enumerate(cells[:last + 1]):
        name = "" if c is None else str(c).strip().lstrip("\ufeff")
        if isinstance(c, float) and c.is_integer():
            name = str(int(c))
        name = name or f"_col{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 1
        names.append(name)
    return names


def _rows_after_header(records: Iterable[tuple], info: TableInfo, known: set,
                       header_known: bool = False) -> Iterator[tuple]:
    records = iter(records)
    if not header_known:
        head = []
        for item in records:
            head.append(item)
            if len(head) >= HEADER_SCAN_ROWS:
                break
        _find_header(head, info, known)
        records = _chain(head, records)
    header = info.header
    n = len(header)
    for number, cells in records:
        if number <= info.header_row:
            continue
        if len(cells) <= n:
            row = {header[i]: (cells[i] if i < len(cells) else "") for i in range(n)}
        else:
            row = {(header[i] if i < n else f"_extra{i + 1}"): cells[i] for i in range(len(cells))}
        yield number, row


def _chain(first: list, rest: Iterator) -> Iterator:
    yield from first
    yield from rest


# --------------------------------------------------------------------------------------------- XLSX
def _open_xlsx(path: str, sheet: Optional[str], known: set, engine: str = "auto") -> tuple:
    if engine == "auto":
        try:
            import openpyxl  # noqa: F401
            engine = "openpyxl"
        except ImportError:
            engine = "ogr"
    if engine == "ogr":
        records, sheet_name = _xlsx_records_ogr(path, sheet, "DISABLE")
    else:
        records, sheet_name = _xlsx_records_openpyxl(path, sheet)
    if not records:
        raise TableError("empty_file", {"path": path})
    info = TableInfo(path=path, kind="xlsx", sheet=sheet_name)
    _find_header(records, info, known)
    if engine == "ogr" and info.header_row == 1:
        # without a header GDAL reads every column as text (dates lose their time): read it typed again
        typed, _ = _xlsx_records_ogr(path, sheet, "FORCE")
        records = [records[0]] + typed
    return info, _rows_after_header(records, info, known, header_known=True)


def _xlsx_records_openpyxl(path: str, sheet: Optional[str]) -> tuple:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - zipfile/openpyxl raise many types for a broken file
        raise TableError("unreadable", {"path": path, "error": str(exc)}) from None
    try:
        if sheet and sheet not in wb.sheetnames:
            raise TableError("no_sheet", {"path": path, "sheet": sheet, "sheets": ", ".join(wb.sheetnames)})
        ws = wb[sheet] if sheet else wb.worksheets[0]
        records = []
        for number, row in enumerate(ws.iter_rows(), start=1):
            cells = [_xlsx_value(c) for c in row]
            if any(not _blank(c) for c in cells):
                records.append((number, cells))
        return records, ws.title
    finally:
        wb.close()


def _xlsx_value(cell):
    """A cell's value as the sheet shows it where the number alone would mislead: a number formatted as a percent
    (Excel keeps 99.5 % as 0.995) becomes the text '99.5%' (an uptime of 0.995 % claimed restitution, and a column
    all in percent was refused, found 2026-12-07)."""
    value = getattr(cell, "value", None)
    fmt = getattr(cell, "number_format", "") or ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in fmt:
        return f"{value * 100:.10g}%"
    return value


def _xlsx_records_ogr(path: str, sheet: Optional[str], headers: str) -> tuple:
    """Records through GDAL. ``headers="DISABLE"``: every row, as text where a column mixes types (the header
    row is found here, not by GDAL); ``"FORCE"``: row 1 is the header, the rows below typed. Either way the FID
    is the spreadsheet row number."""
    from osgeo import gdal, ogr

    old = gdal.GetConfigOption("OGR_XLSX_HEADERS")
    gdal.SetConfigOption("OGR_XLSX_HEADERS", headers)
    try:
        ds = ogr.Open(path)
        if ds is None:
            raise TableError("unreadable", {"path": path, "error": gdal.GetLastErrorMsg()})
        layer = ds.GetLayerByName(sheet) if sheet else ds.GetLayer(0)
        if layer is None:
            names = ", ".join(ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount()))
            raise TableError("no_sheet", {"path": path, "sheet": sheet, "sheets": names})
        defn = layer.GetLayerDefn()
        records = []
        for feat in layer:
            cells = []
            for i in range(defn.GetFieldCount()):
                if not feat.IsFieldSet(i) or feat.IsFieldNull(i):
                    cells.append(None)
                    continue
                ftype = defn.GetFieldDefn(i).GetType()
                if ftype in (ogr.OFTInteger, ogr.OFTInteger64):
                    cells.append(feat.GetFieldAsInteger64(i))
                elif ftype == ogr.OFTReal:
                    cells.append(feat.GetFieldAsDouble(i))
                elif ftype in (ogr.OFTDate, ogr.OFTDateTime):
                    import datetime as dt

                    y, mo, d, hh, mm, ss, _tz = feat.GetFieldAsDateTime(i)
                    cells.append(dt.datetime(y, mo, d, hh, mm, int(ss)))
                else:
                    cells.append(feat.GetFieldAsString(i))
            if any(not _blank(c) for c in cells):
                records.append((int(feat.GetFID()), cells))
        return records, layer.GetName()
    finally:
        gdal.SetConfigOption("OGR_XLSX_HEADERS", old)
