"""One number parser for the plugin's input data, Indonesian first (pure Python: no Qt, no QGIS).

Every tool reads population, costs, caps, heights, frequencies, EIRP ... through this module, so one value means
the same in every tool.

What a cell may hold
--------------------
``1.500.000`` (dots between thousands, as Indonesian Excel writes them), ``1.500.000,50`` (decimal comma),
``2,5``, ``1,500,000.50`` (English), ``12,5%``, ``Rp 1.500.000``, ``Rp 1.500.000,-``, ``1e9``, ``2,5e9``,
``1 500 000``, ``(1.500)`` (accounting negative), ``−50`` (unicode minus), ``2,5 miliar`` / ``1,2 juta`` /
``750 ribu`` (also ``rb``, ``jt``, ``triliun``, ``thousand``, ``million``, ``billion``, ``bn``, ``trillion``).
Numbers that already are numbers (int, float, Decimal, numpy scalars) are taken as they are. Blank cells, NULL,
``-``, ``n/a``, ``#N/A`` are *missing* (no value, no issue).

Ambiguous values
----------------
``1.234`` may be 1234 (Indonesian thousands) or 1.234 (English decimal point); ``1,234`` the other way round.
A value is ambiguous when it has one separator followed by exactly three digits after a 1-3 digit integer part
that does not start with 0. :func:`parse_column` decides them from the *other* values of the column: a column
holding ``2,5`` or ``1.500.000`` uses the decimal comma (so ``1.234`` = 1234), one holding ``2.5`` or
``1,500,000`` the decimal point. Without such evidence a plausible range decides (``ColumnSpec.lo/hi``), then the
kind of quantity (counts and money: thousands), then the Indonesian convention (dot = thousands, comma =
decimal). Each decision is reported once per column (code ``ambiguous``, with the rows, the reading and why).

Issues
------
:class:`NumberIssue` carries a ``code`` and parameters, never text: the message and its fix are produced where
the project turns errors into translated text (``kaltim_internet_plugin/input_text.py``). Codes:

==================  =========  ==================================================================================
code                severity   meaning (value used)
==================  =========  ==================================================================================
not_a_number        error      the cell cannot be read as a number (none)
not_finite          error      infinite or NaN written as text (none)
negative            error      below zero in a column that cannot be negative (none)
zero                error or   zero where it makes no sense, e.g. a cost of 0 would make a free tower (none when
                    warning    the column drops zeros, else kept)
out_of_range        error      outside the plausible range ``lo``-``hi`` of the quantity (none)
outlier             warning    far beyond the column's robust range (more than 100 times, and 3 interquartile
                               ranges on a log scale, beyond the quartiles) (none when the column drops outliers)
fraction            warning    a count (people, cadres) with a fraction (kept)
ambiguous           info       column level: how ambiguous values were read, and why
mixed_separators    warning    column level: some values use the decimal comma, others the decimal point, and
                               ambiguous values are read by the majority
==================  =========  ==================================================================================

``row`` is what the caller numbers rows by: the spreadsheet row (header = row 1) for files, the feature id for
layers.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Optional, Sequence

ERROR, WARNING, INFO = "error", "warning", "info"

# empty cells as people and programs write them; a spreadsheet's formula errors (#VALUE!, #DIV/0!, #REF!) are not
# among them: they are named as numbers that cannot be read, so the formula gets fixed (only #N/A means "no value")
MISSING_WORDS = {"", "-", "--", "\u2013", "\u2014", "null", "none", "nan", "n/a", "na", "#n/a", "nil",
                 "tidak ada", "tdk ada", "?"}
MULTIPLIERS = {
    "rb": 1e3, "ribu": 1e3, "jt": 1e6, "juta": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12,
    "thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12,
}
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f_']")
_CURRENCY = re.compile(r"^(rp\.?|idr)", re.IGNORECASE)
_EXP = re.compile(r"^(.*?)[eE]([+-]?\d{1,3})$")
_WORD = re.compile(r"^(.*?)([a-zA-Z]+)\.?$")
_CORE = re.compile(r"^[0-9.,]+$")


class NumberError(ValueError):
    """A value that is not a usable number. ``code`` and ``params`` are for the translated message."""

    def __init__(self, code: str, params: Optional[dict] = None):
        self.code = code
        self.params = dict(params or {})
        super().__init__(f"{code}: {self.params.get('raw', '')!r}")


@dataclass(frozen=True)
class NumberIssue:
    """One problem of one cell (``row`` set) or of a whole column (``row`` None)."""

    code: str
    severity: str
    field: str
    row: object = None
    raw: object = None
    value: Optional[float] = None
    params: dict = field(default_factory=dict, compare=False)

    def __str__(self) -> str:  # for logs and tests only; users see input_text.issue_text()
        where = f"row {self.row}, " if self.row is not None else ""
        return f"{where}{self.field}: {self.code} ({self.raw!r})"


@dataclass(frozen=True)
class ColumnSpec:
    """What a column holds, i.e. which values are possible.

    * ``thousands_default``: without evidence, an ambiguous ``1.234``/``1,234`` is 1234 (counts, money).
    * ``integer``: whole numbers expected; a fraction is reported (``fraction``).
    * ``negative``: negative values are possible (else ``negative``, value dropped).
    * ``zero``: ``"ok"``, ``"warn"`` (kept, reported) or ``"drop"`` (reported as an error, value dropped).
    * ``lo``/``hi``: plausible range; outside -> ``out_of_range`` (value dropped). Also decides ambiguous values;
      ``enforce_range=False`` uses the range only for that (the caller explains impossible values itself).
    * ``outliers``: ``"drop"`` (reported, value dropped), ``"warn"`` (reported, kept) or ``"off"``.
    * ``percent``: ``"keep"`` (``12,5%`` -> 12.5) or ``"fraction"`` (-> 0.125).
    * ``quantity``: a word for messages (``population``, ``cost``, ``height`` ...).
    """

    quantity: str = "number"
    thousands_default: bool = False
    integer: bool = False
    negative: bool = False
    zero: str = "ok"
    lo: Optional[float] = None
    hi: Optional[float] = None
    outliers: str = "drop"
    percent: str = "keep"
    enforce_range: bool = True


# The quantities of the plugin (one place, so every tool reads them the same way).
POPULATION = ColumnSpec("population", thousands_default=True, integer=True, zero="warn")
COUNT = ColumnSpec("count", thousands_default=True, integer=True, outliers="warn")
#: the largest amount of money a cell may hold (Rp 1.000 triliun): above any budget a province plans with (the APBD
#: of Kalimantan Timur 2025 is about Rp 21 triliun, the whole state budget APBN 2025 about Rp 3.600 triliun,
#: Kemenkeu 2025) and far below what a 64-bit integer field stores (9.2e18), so a mistyped "1e30" is named when read
#: instead of failing at the write as an unwritable file
MAX_RUPIAH = 1e15
MONEY = ColumnSpec("money", thousands_default=True, zero="warn", lo=0.0, hi=MAX_RUPIAH)
COST = ColumnSpec("cost", thousands_default=True, zero="drop", lo=0.0, hi=MAX_RUPIAH)  # a cost of 0: a free tower
CAP = ColumnSpec("cap", thousands_default=True, outliers="off", lo=0.0, hi=MAX_RUPIAH)
RANK = ColumnSpec("rank", thousands_default=True, integer=True, zero="warn", outliers="off")
HEIGHT = ColumnSpec("height", zero="drop", lo=0.0, hi=300.0, outliers="off")
# the frequency of a site: the range only decides ambiguous values, the sites' own check (core.sites.PLAUSIBLE,
# 30-6000 MHz) names an impossible one, so every message gives one range (1e9 MHz was "outside 0 to 100000" here
# and 50000 MHz "between 30 and 6000" there)
FREQUENCY = ColumnSpec("frequency", zero="drop", lo=0.0, hi=100000.0, outliers="off", enforce_range=False)
# the plausible EIRP of a site (core.sites.PLAUSIBLE): the range only decides ambiguous values here, the sites'
# own check names an impossible one, so every message gives one range (was -30..100 here, 0..90 there)
EIRP = ColumnSpec("eirp", negative=True, lo=0.0, hi=90.0, outliers="off", enforce_range=False)
LONGITUDE = ColumnSpec("longitude", negative=True, lo=-180.0, hi=180.0, outliers="off")
LATITUDE = ColumnSpec("latitude", negative=True, lo=-90.0, hi=90.0, outliers="off")
DISTANCE = ColumnSpec("distance", outliers="off")
WEIGHT = ColumnSpec("weight", outliers="off")
SIGNAL = ColumnSpec("signal", negative=True, outliers="off")
SHARE = ColumnSpec("share", lo=0.0, hi=100.0, outliers="off")
SCORE = ColumnSpec("score", negative=True, outliers="off")
#: Indeks Desa Membangun (Kemendesa PDTT): a score from 0 to 1; -1 or 1.5 is no IDM (was: read as the lowest and
#: the highest class without a word)
IDM_SCORE = ColumnSpec("IDM score", lo=0.0, hi=1.0, outliers="off")
ANY = ColumnSpec("number", negative=True, outliers="off")


@dataclass
class ColumnResult:
    """Values of one column (None = missing or not usable) and the issues found."""

    field: str
    values: list
    issues: list
    decimal_mark: Optional[str] = None  # "," or "." as decided for the column, None when nothing told

    @property
    def errors(self) -> list:
        return [i for i in self.issues if i.severity == ERROR]

    @property
    def warnings(self) -> list:
        return [i for i in self.issues if i.severity == WARNING]

    def floats(self, missing: float = math.nan) -> list:
        return [missing if v is None else v for v in self.values]

    def issue_for(self, row) -> Optional[NumberIssue]:
        """The first issue of ``row`` (None when the row has none)."""
        return next((i for i in self.issues if i.row == row), None)


# --------------------------------------------------------------------------------------------- one cell
@dataclass
class _Cell:
    """A cell after lexing: ``value`` when it needs no column decision, else the two readings."""

    value: Optional[float] = None
    missing: bool = False
    error: str = ""
    ambiguous_sep: str = ""      # "." or "," when ambiguous
    as_thousands: float = 0.0
    as_decimal: float = 0.0
    vote: str = ""               # decimal mark this cell proves ("." or ",")
    percent: bool = False        # written with a % sign


def is_missing(value) -> bool:
    """The one test of an empty value, for every reader of the plugin: None, a NULL attribute of a QGIS feature
    (a null QVariant, recognised without importing Qt) or a float NaN (python or numpy). Text such as "-" or "n/a"
    is the parsers' business (``MISSING_WORDS``), not this test's."""
    if value is None:
        return True
    if isinstance(value, float) or type(value).__name__ in ("float64", "float32", "float16"):
        return value != value  # NaN
    is_null = getattr(value, "isNull", None)
    if callable(is_null):
        try:
            return bool(is_null())
        except TypeError:
            return False
    return False


def plain(value):
    """An attribute value as plain python: an empty one (:func:`is_missing`) -> None, a numpy scalar -> its python
    value, a non-null QVariant -> its value; anything else unchanged."""
    if is_missing(value):
        return None
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        return item()
    if type(value).__name__ == "QVariant":
        return value.value()
    return value


def _lex(value) -> _Cell:
    if is_missing(value):
        return _Cell(missing=True)
    if isinstance(value, bool):
        return _Cell(value=float(value))
    if isinstance(value, (int, float)) or type(value).__name__ in ("Decimal", "float64", "float32", "int64",
                                                                    "int32", "longlong"):
        try:
            v = float(value)
        except (TypeError, ValueError):
            return _Cell(error="not_a_number")
        if math.isnan(v):
            return _Cell(missing=True)
        if math.isinf(v):
            return _Cell(error="not_finite")
        return _Cell(value=v)
    if not isinstance(value, str):
        if hasattr(value, "item"):  # other numpy scalars
            return _lex(value.item())
        return _Cell(error="not_a_number")
    return _lex_text(value)


def _lex_text(text: str) -> _Cell:
    s = text.strip()
    if s.lower() in MISSING_WORDS:
        return _Cell(missing=True)
    if s.lower() in ("inf", "+inf", "-inf", "infinity", "-infinity", "\u221e"):
        return _Cell(error="not_finite")
    s = s.replace("\u2212", "-").replace("\u2013", "-")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    if s.endswith((",-", ".-")):
        s = s[:-2]
    s = _SPACES.sub("", s)
    if s[:1] in "+-":
        negative, s = negative or s[0] == "-", s[1:]
    s = _CURRENCY.sub("", s)
    if s[:1] in "+-":  # Rp -1.500
        negative, s = negative or s[0] == "-", s[1:]
    percent = s.endswith("%")
    if percent:
        s = s[:-1]
    multiplier = 1.0
    m = _WORD.match(s)
    if m and m.group(1) and m.group(2).lower() in MULTIPLIERS:
        multiplier, s = MULTIPLIERS[m.group(2).lower()], m.group(1)
    elif m and m.group(1) and m.group(2).lower() in ("idr", "rupiah"):
        s = m.group(1)
    exponent, scientific = 0, False
    m = _EXP.match(s)
    if m and m.group(1):
        s, exponent, scientific = m.group(1), int(m.group(2)), True
    if not s or not _CORE.match(s) or not any(c.isdigit() for c in s):
        return _Cell(error="not_a_number")
    cell = _separators(s, scientific)
    if cell.error:
        return cell
    scale = (-1.0 if negative else 1.0) * multiplier * (10.0 ** exponent)
    if scale != 1.0:
        cell.as_thousands *= scale
        cell.as_decimal *= scale
        if cell.value is not None:
            cell.value *= scale
    cell.percent = percent
    return cell


_GROUPED = {".": re.compile(r"^\d{1,3}(\.\d{3})+$"), ",": re.compile(r"^\d{1,3}(,\d{3})+$")}


def _separators(s: str, scientific: bool = False) -> _Cell:
    """Digits with ``.`` and/or ``,`` -> a value, a vote for the decimal mark, or the two readings."""
    dots, commas = s.count("."), s.count(",")
    if not dots and not commas:
        return _Cell(value=float(s))
    if dots and commas:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        thou = "," if dec == "." else "."
        whole, _, frac = s.rpartition(dec)
        if whole.count(dec) or frac.count(thou) or not frac.isdigit() or not _GROUPED[thou].match(whole):
            return _Cell(error="not_a_number")
        return _Cell(value=float(whole.replace(thou, "") + "." + frac), vote=dec)
    sep = "." if dots else ","
    other = "," if sep == "." else "."
    if s.count(sep) > 1:
        if not _GROUPED[sep].match(s):
            return _Cell(error="not_a_number")
        return _Cell(value=float(s.replace(sep, "")), vote=other)
    whole, _, frac = s.partition(sep)
    if not frac:  # "1500." / "1500,"
        return _Cell(value=float(whole)) if whole.isdigit() else _Cell(error="not_a_number")
    if not whole:  # ".5" / ",5"
        return _Cell(value=float("0." + frac), vote=sep)
    if not (whole.isdigit() and frac.isdigit()):
        return _Cell(error="not_a_number")
    if not scientific and len(frac) == 3 and 1 <= len(whole) <= 3 and whole[0] != "0":
        return _Cell(ambiguous_sep=sep, as_thousands=float(whole + frac), as_decimal=float(whole + "." + frac))
    return _Cell(value=float(whole + "." + frac), vote=sep)


def parse_number(value, spec: Optional[ColumnSpec] = None) -> Optional[float]:
    """One value on its own -> float, or None when missing. Raises :class:`NumberError` (code ``not_a_number``,
    ``not_finite``) when it cannot be read. Ambiguous values follow ``spec`` (see the module doc); use
    :func:`parse_column` whenever the other values of the column are at hand. Range and sign are not checked."""
    spec = spec or ANY
    cell = _lex(value)
    if cell.missing:
        return None
    if cell.error:
        raise NumberError(cell.error, {"raw": value})
    if cell.ambiguous_sep:
        reading, _basis = _default_reading(cell, spec)
        v = cell.as_thousands if reading == "thousands" else cell.as_decimal
    else:
        v = cell.value
    return v / 100.0 if cell.percent and spec.percent == "fraction" else v


def to_float(value, spec: Optional[ColumnSpec] = None) -> float:
    """:func:`parse_number` for code that works with NaN: missing or unreadable -> NaN (never raises)."""
    try:
        v = parse_number(value, spec)
    except NumberError:
        return math.nan
    return math.nan if v is None else v


def num(value) -> float:
    """A plan cell as a finite float for sums: :func:`to_float` (so "1.500.000" and "Rp 2,5 juta" read as every tool
    reads them), 0.0 when missing, unreadable, NaN or infinite. The one helper of the plan summary and the reports."""
    f = to_float(value)
    return f if math.isfinite(f) else 0.0


def whole(value) -> int:
    """:func:`num` rounded to a whole number (rupiah, people, villages)."""
    return int(round(num(value)))


def year_of(value) -> Optional[int]:
    """A year cell as int (2027, 2027.0, "2027"); None when missing, unreadable, NaN or infinite."""
    f = to_float(value)
    return int(f) if math.isfinite(f) else None


def _default_reading(cell: _Cell, spec: ColumnSpec) -> tuple:
    """(reading, basis) of an ambiguous cell without column evidence."""
    if spec.lo is not None or spec.hi is not None:
        lo = -math.inf if spec.lo is None else spec.lo
        hi = math.inf if spec.hi is None else spec.hi
        ok_t = lo <= cell.as_thousands <= hi
        ok_d = lo <= cell.as_decimal <= hi
        if ok_t != ok_d:
            return ("thousands" if ok_t else "decimal"), "range"
    if spec.thousands_default:
        return "thousands", "quantity"
    return ("thousands" if cell.ambiguous_sep == "." else "decimal"), "convention"


# --------------------------------------------------------------------------------------------- one column
def parse_column(values: Sequence, field: str = "", spec: Optional[ColumnSpec] = None,
                 rows: Optional[Sequence] = None, first_row: int = 1) -> ColumnResult:
    """Parse a whole column: ambiguous thousands separators decided from the other values, then sign, zero,
    range and outlier checks per value. ``rows``: the row label of each value (feature ids, spreadsheet rows);
    default ``first_row, first_row + 1, ...``. Never raises for bad data: bad cells give ``None`` and an issue."""
    spec = spec or ANY
    values = list(values)
    labels = list(rows) if rows is not None else list(range(first_row, first_row + len(values)))
    if len(labels) != len(values):
        raise ValueError(f"{len(values)} values but {len(labels)} row labels")
    cells = [_lex(v) for v in values]
    votes = {".": [], ",": []}
    for i, c in enumerate(cells):
        if c.vote:
            votes[c.vote].append(i)
    issues: list = []
    decimal_mark = None
    if votes["."] and votes[","]:
        decimal_mark = "," if len(votes[","]) >= len(votes["."]) else "."
    if votes["."] and votes[","] and any(c.ambiguous_sep for c in cells):  # only then the mix decides a value
        a, b = votes[","][0], votes["."][0]
        issues.append(NumberIssue("mixed_separators", WARNING, field, None, None, None, {
            "comma_rows": len(votes[","]), "point_rows": len(votes["."]), "comma_row": labels[a],
            "comma_raw": values[a], "point_row": labels[b], "point_raw": values[b], "used": decimal_mark}))
    elif votes[","] or votes["."]:
        decimal_mark = "," if votes[","] else "."

    out: list = [None] * len(values)
    ambiguous: dict = {}
    for i, c in enumerate(cells):
        if c.missing:
            continue
        if c.error:
            issues.append(NumberIssue(c.error, ERROR, field, labels[i], values[i], None, {}))
            continue
        if c.ambiguous_sep:
            if decimal_mark:
                reading = "decimal" if c.ambiguous_sep == decimal_mark else "thousands"
                ev = votes[decimal_mark][0]
                basis = ("column", labels[ev], values[ev])
            else:
                reading, why = _default_reading(c, spec)
                basis = (why, None, None)
            v = c.as_thousands if reading == "thousands" else c.as_decimal
            ambiguous.setdefault((c.ambiguous_sep, reading, basis), []).append(i)
        else:
            v = c.value
        out[i] = v / 100.0 if c.percent and spec.percent == "fraction" else v
    for (sep, reading, (basis, ev_row, ev_raw)), idx in ambiguous.items():
        first = idx[0]
        issues.append(NumberIssue("ambiguous", INFO, field, None, values[first], out[first], {
            "count": len(idx), "rows": [labels[i] for i in idx[:5]], "separator": sep, "reading": reading,
            "basis": basis, "evidence_row": ev_row, "evidence_raw": ev_raw, "first_row": labels[first]}))

    _check_values(out, values, labels, field, spec, issues)
    issues.sort(key=_issue_order)
    return ColumnResult(field=field, values=out, issues=issues, decimal_mark=decimal_mark)


def _issue_order(issue: NumberIssue) -> tuple:
    """Column-level issues first, then by row label (numbers before text)."""
    if issue.row is None:
        return (0, 0, "")
    r = issue.row
    return (1, r, "") if isinstance(r, (int, float)) else (2, 0, str(r))


def _check_values(out: list, raw: list, labels: list, field: str, spec: ColumnSpec, issues: list) -> None:
    def flag(i, code, severity, drop, **params):
        issues.append(NumberIssue(code, severity, field, labels[i], raw[i], out[i], params))
        if drop:
            out[i] = None

    for i, v in enumerate(out):
        if v is None:
            continue
        if v < 0 and not spec.negative:
            flag(i, "negative", ERROR, True)
        elif v == 0 and spec.zero != "ok":
            flag(i, "zero", ERROR if spec.zero == "drop" else WARNING, spec.zero == "drop", quantity=spec.quantity)
        elif spec.enforce_range and ((spec.lo is not None and v < spec.lo) or (spec.hi is not None and v > spec.hi)):
            flag(i, "out_of_range", ERROR, True, lo=spec.lo, hi=spec.hi)
        elif spec.integer and not float(v).is_integer():
            flag(i, "fraction", WARNING, False)
    if spec.outliers == "off" or spec.negative:
        return
    fences = robust_range([v for v in out if v is not None and v > 0])
    if fences is None:
        return
    lo, hi, median = fences
    for i, v in enumerate(out):
        if v is not None and v > 0 and (v < lo or v > hi):
            flag(i, "outlier", WARNING, spec.outliers == "drop", low=lo, high=hi, median=median,
                 dropped=spec.outliers == "drop")


def robust_range(positive: Sequence[float], min_count: int = 8) -> Optional[tuple]:
    """(low, high, median) fences of positive values on a log scale: the quartiles widened by 3 interquartile
    ranges, and at least by a factor 100. None when fewer than ``min_count`` values."""
    if len(positive) < min_count:
        return None
    logs = sorted(math.log10(v) for v in positive)
    q1, med, q3 = _quantile(logs, 0.25), _quantile(logs, 0.5), _quantile(logs, 0.75)
    widen = max(3.0 * (q3 - q1), 2.0)
    return 10 ** (q1 - widen), 10 ** (q3 + widen), 10 ** med


def _quantile(sorted_values: Sequence[float], q: float) -> float:
    pos = (len(sorted_values) - 1) * q
    lo = int(math.floor(pos))
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def parse_rows(numbered: Sequence[tuple], columns: dict) -> dict:
    """Parse several columns of ``(row_number, dict)`` rows at once: ``columns`` maps a column name to its
    :class:`ColumnSpec`. Returns column name -> :class:`ColumnResult` (a column no row has gives all None)."""
    labels = [r for r, _ in numbered]
    return {name: parse_column([d.get(name) for _, d in numbered], name, spec, rows=labels)
            for name, spec in columns.items() if name}


def with_field(result: ColumnResult, name: str) -> ColumnResult:
    """The same result with the issues renamed to field ``name`` (e.g. a data key -> the layer's field)."""
    return ColumnResult(result.field if not name else name, result.values,
                        [replace(i, field=name) for i in result.issues], result.decimal_mark)


# ---- yes / no cells ------------------------------------------------------------------------------------------------
def parse_yes_no(value: object, yes, no) -> Optional[bool]:
    """A yes/no cell: a bool as it is, a number True when non-zero, text True when (stripped, lower case) it is
    one of the words ``yes``, False when one of ``no``; None when blank or none of the words (the caller decides
    whether that is an error)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return bool(value)
    s = str(value).strip().lower()
    if s in yes:
        return True
    if s in no:
        return False
    return None
