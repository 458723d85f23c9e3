"""Funding sources: an editable table saved in the plan (JSON and CSV round trip).

Pure Python (no qgis import) so it is unit-testable. Messages are returned in English *and* Indonesian
(``message_en`` / ``message_id``) because core code cannot use ``tr()``; the GUI shows the one it needs.

A :class:`FundingSource` says *what* it may pay (capex and/or opex, per technology), *for whom* (3T villages only,
villages with a 20×20 m plot, desa but not kelurahan) and *how much* (a yearly cap, optionally a cap per village
and year, optionally applied per kabupaten/kota). The roadmap (:mod:`.roadmap`) spends sources in ascending
``order`` (then ``name``): the most specific/cheapest money first, the province last.

Technology keys (shared with the cost model): ``fibre``, ``fwa`` (4G fixed-wireless router on an existing operator
cell), ``radio`` (radio link), ``bts`` (new 4G BTS), ``colo`` (co-location on an existing tower), ``satellite``
(Starlink/VSAT), ``village_package`` (province 2025 package).

Default figures are *planning assumptions*, not official allocations; each carries a ``note`` saying where it comes
from and users are expected to edit the table.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Iterable, List, Optional, Sequence, Union

from . import numbers, tabular
from .coded_error import CodedError
from .definitions import ALL, ALL_WORDS
from .records import resource_path

TECH_KEYS = ("fibre", "fwa", "radio", "bts", "colo", "satellite", "village_package", "fibre_service")
# Spellings used elsewhere (e.g. core/costs.py uses ``fwa_4g``) mapped to the canonical keys above.
TECH_ALIASES = {
    "fwa_4g": "fwa", "4g_fwa": "fwa", "fiber": "fibre", "fibre_optic": "fibre", "radio_link": "radio",
    "bts_4g": "bts", "new_bts": "bts", "colocation": "colo", "co_location": "colo", "vsat": "satellite",
    "starlink": "satellite", "village_package_2025": "village_package", "paket_desa": "village_package",
}
COST_KINDS = ("capex", "opex")

TechList = Union[str, Sequence[str]]  # "all" or a list of tech keys

BN = 1_000_000_000
M = 1_000_000

_NAME_RE = re.compile(r"^[A-Za-z0-9_.-]+$")
_KEMENDAGRI_VILLAGE_RE = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.(\d)\d{3}$")


class FundingTableError(ValueError):
    """The funding table is invalid. ``issues`` holds every :class:`ValidationIssue` found; ``table_error`` the
    :class:`.tabular.TableError` when the file could not be read as a table at all (a front says it in the user's
    language with input_text.table_error_text: the line of an unclosed quote, an empty file, ...)."""

    def __init__(self, issues: Sequence[ValidationIssue], table_error=None):
        self.issues = list(issues)
        self.table_error = table_error
        self.message_en = "Invalid funding table: " + "; ".join(i.message_en for i in self.issues)
        self.message_id = "Tabel sumber dana tidak valid: " + "; ".join(i.message_id for i in self.issues)
        super().__init__(self.message_en)


@dataclass(frozen=True)
class ValidationIssue:
    row: int  # 0-based row in the table (-1: the table as a whole)
    field: str
    message_en: str
    message_id: str

    def __str__(self) -> str:
        return self.message_en


@dataclass
class FundingSource:
    """One row of the funding table.

    * ``name``: key (letters, digits, ``_ . -``), unique in the table; ``label``: what users see.
    * ``kinds``: subset of ``("capex", "opex")``.
    * ``techs``: ``"all"`` or a list of tech keys the source may pay for.
    * ``capex_techs`` / ``opex_techs``: optional narrower lists for one kind (``None`` = same as ``techs``);
      e.g. Dana Desa pays satellite capex but satellite/village_package/fwa opex.
    * ``yearly_cap_idr``: the most the source pays in one calendar year (capex + opex together).
      If ``cap_per_kab`` the cap applies separately to each kabupaten/kota (APBD Kabupaten/Kota).
    * ``per_village_cap_idr``: optional, the most it pays for one village in one year (capex + opex together).
    * ``only_3t`` / ``needs_plot`` / ``desa_only``: eligibility rules (3T villages only; a 20×20 m plot must be
      confirmed, ``has_plot_20m is True``; desa but not kelurahan).
    * ``recurring``: money that continues after the programme (used for the sustainability figure).
    * ``order``: spending preference, lower first.
    """

    name: str
    label: str = ""
    kinds: List[str] = field(default_factory=lambda: ["capex", "opex"])
    techs: TechList = ALL
    capex_techs: Optional[TechList] = None
    opex_techs: Optional[TechList] = None
    yearly_cap_idr: float = 0
    per_village_cap_idr: Optional[float] = None
    cap_per_kab: bool = False
    only_3t: bool = False
    needs_plot: bool = False
    desa_only: bool = False
    recurring: bool = False
    order: int = 100
    note: str = ""
    commercial: bool = False  # operators' money: reported apart (sustainability with and without it)

    # ---- eligibility -------------------------------------------------------------------------------------------
    def techs_for(self, kind: str) -> TechList:
        if kind not in self.kinds:
            return []
        specific = self.capex_techs if kind == "capex" else self.opex_techs
        base = self.techs
        if specific is None:
            return base
        if _is_all(base):
            return specific
        if _is_all(specific):
            return base
        return [t for t in specific if t in base]

    def pays(self, kind: str, tech: str) -> bool:
        allowed = self.techs_for(kind)
        return _is_all(allowed) or normalize_tech(tech) in [normalize_tech(t) for t in allowed]

    def check(self, village: Any, kind: str, tech: Optional[str] = None) -> Optional[tuple]:
        """``None`` if the source may pay ``kind`` for ``village`` (with ``tech``, default ``village.tech``),
        else ``(reason_en, reason_id)``. Capacity is not considered here."""
        tech = normalize_tech(tech if tech is not None else getattr(village, "tech", None))
        if kind not in self.kinds:
            return (f"{self.label or self.name}: does not pay {kind}",
                    f"{self.label or self.name}: tidak membiayai {_KIND_ID.get(kind, kind)}")
        if not self.pays(kind, tech):
            return (f"{self.label or self.name}: {tech} {kind} not eligible",
                    f"{self.label or self.name}: {_KIND_ID.get(kind, kind)} {tech} tidak memenuhi syarat")
        if self.only_3t and not bool(getattr(village, "is_3t", False)):
            return (f"{self.label or self.name}: not a 3T village",
                    f"{self.label or self.name}: bukan desa 3T")
        if self.needs_plot and getattr(village, "has_plot_20m", None) is not True:
            return (f"{self.label or self.name}: no confirmed 20×20 m plot",
                    f"{self.label or self.name}: lahan 20×20 m belum tersedia/terkonfirmasi")
        if self.desa_only and is_kelurahan(village):
            return (f"{self.label or self.name}: kelurahan are not eligible (desa only)",
                    f"{self.label or self.name}: kelurahan tidak memenuhi syarat (hanya desa)")
        return None

    def eligible(self, village: Any, kind: str, tech: Optional[str] = None) -> bool:
        return self.check(village, kind, tech) is None

    # ---- serialisation -----------------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        d = asdict(self)
        for key in ("techs", "capex_techs", "opex_techs"):
            v = d[key]
            if v is not None and not _is_all(v):
                d[key] = list(v)
        d["kinds"] = list(d["kinds"])
        return d

    @classmethod
    def from_dict(cls, data: dict) -> FundingSource:
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in data.items() if k in known}
        for key in ("techs", "capex_techs", "opex_techs"):
            if key in kw:
                kw[key] = _parse_techs(kw[key], none_ok=(key != "techs"))
        if "kinds" in kw:
            kw["kinds"] = _parse_kinds(kw["kinds"])
        for key in _BOOL_FIELDS:  # "false" written as text was true (any non-empty string is)
            if isinstance(kw.get(key), str):
                try:
                    kw[key] = _parse_bool(kw[key])
                except ValueError:
                    name = kw.get("name", "?")
                    raise FundingTableError([ValidationIssue(
                        -1, key, f"source {name}, {key}: {kw[key]!r} is not a yes/no value (write true or false)",
                        f"sumber {name}, {key}: {kw[key]!r} bukan nilai ya/tidak (tulis true atau false)")]) from None
        return cls(**kw)


_KIND_ID = {"capex": "belanja modal (CAPEX)", "opex": "biaya operasional (OPEX)"}


def normalize_tech(tech: Any) -> Optional[str]:
    """Canonical tech key for ``tech`` (case-insensitive, aliases such as ``fwa_4g`` -> ``fwa``); unknown keys are
    returned stripped/lower-cased so validation can name them; None/empty -> None."""
    if tech is None:
        return None
    t = str(tech).strip().lower().replace("-", "_").replace(" ", "_")
    if not t:
        return None
    return TECH_ALIASES.get(t, t)


def _is_all(v: Any) -> bool:
    """'all' or the UI's Indonesian word for it ("semua"), any case."""
    return isinstance(v, str) and v.strip().lower() in ALL_WORDS


def _parse_list(v: Any) -> List[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [p.strip() for p in re.split(r"[;,|]", v) if p.strip()]
    return [str(p).strip() for p in v if str(p).strip()]


def _parse_kinds(v: Any) -> List[str]:
    """The cost kinds of a cell or a JSON value, in any letters ("CAPEX;OPEX" as the technologies are)."""
    return [kind.lower() for kind in _parse_list(v)]


def _parse_techs(v: Any, none_ok: bool) -> Optional[TechList]:
    if v is None or (isinstance(v, str) and v.strip() == ""):
        return None if none_ok else []
    if _is_all(v):
        return ALL
    return _parse_list(v)


def is_kelurahan(village: Any) -> bool:
    """``village.is_kelurahan`` if set, else derived from a dotted Kemendagri code ``PP.KK.CC.XDDD`` (X = 1:
    kelurahan, 2: desa). Undotted 10-digit codes are ambiguous (BPS codes look the same) and count as desa."""
    flag = getattr(village, "is_kelurahan", None)
    if flag is not None:
        return bool(flag)
    m = _KEMENDAGRI_VILLAGE_RE.match(str(getattr(village, "code", "") or "").strip())
    return bool(m and m.group(1) == "1")


# ---- defaults ------------------------------------------------------------------------------------------------------
DEFAULT_TABLE_NAME = "funding_sources_default.json"


def default_table_path() -> str:
    """The shipped default funding table (resources/funding_sources_default.json)."""
    return resource_path(DEFAULT_TABLE_NAME)


def default_sources() -> List[FundingSource]:
    """The default table: how Kaltim pays today (each row's note gives its source and date; edit in the plan).

    Order of spending: BAKTI for approved tower proposals, operators for co-location, the province's village
    internet programme for desa subscriptions (its real yearly package), Dana Desa for what a desa chooses to pay
    for its own subscription, APBD Kabupaten/Kota (kelurahan and the rest), APBD Provinsi for infrastructure.
    The rows are data, in :func:`default_table_path` (the same JSON as a saved funding table); a fresh list each call.
    """
    with open(default_table_path(), encoding="utf-8") as fh:
        return sources_from_json(fh.read())


# ---- validation ----------------------------------------------------------------------------------------------------
def validate_sources(sources: Sequence[FundingSource]) -> List[ValidationIssue]:
    """Every problem in the table, with English and Indonesian messages. Empty list = valid."""
    issues: List[ValidationIssue] = []
    seen: dict = {}

    def add(row: int, fld: str, en: str, idn: str) -> None:
        issues.append(ValidationIssue(row, fld, en, idn))

    for i, s in enumerate(sources):
        n = i + 1
        name = (s.name or "").strip() if isinstance(s.name, str) else ""
        if not name:
            add(i, "name", f"Row {n}: the name is empty", f"Baris {n}: nama kosong")
        elif not _NAME_RE.match(name):
            add(i, "name", f"Row {n}: name '{name}' may only contain letters, digits, _ . -",
                f"Baris {n}: nama '{name}' hanya boleh berisi huruf, angka, _ . -")
        elif name.lower() in seen:  # in other letters too: 'APBD_PROV' copied under 'apbd_prov' doubled its cap
            first = seen[name.lower()] + 1
            add(i, "name", f"Row {n}: name '{name}' is already used in row {first}",
                f"Baris {n}: nama '{name}' sudah dipakai di baris {first}")
        else:
            seen[name.lower()] = i
        who = name or f"#{n}"
        kinds = list(s.kinds or [])
        bad_kinds = [k for k in kinds if k not in COST_KINDS]
        if bad_kinds:
            bad = ", ".join(map(str, bad_kinds))
            add(i, "kinds", f"Row {n} ({who}): unknown cost kind(s) {bad}; use capex and/or opex",
                f"Baris {n} ({who}): jenis biaya tidak dikenal {bad}; gunakan capex dan/atau opex")
        if not kinds:
            add(i, "kinds", f"Row {n} ({who}): pays neither capex nor opex",
                f"Baris {n} ({who}): tidak membiayai capex maupun opex")
        for key in ("techs", "capex_techs", "opex_techs"):
            v = getattr(s, key)
            if v is None:
                if key == "techs":
                    add(i, key, f"Row {n} ({who}): no technologies given (use 'all' or a list)",
                        f"Baris {n} ({who}): teknologi belum diisi (gunakan 'all' atau daftar)")
                continue
            if _is_all(v):
                continue
            if isinstance(v, str):
                v = _parse_list(v)
            unknown = [t for t in v if normalize_tech(t) not in TECH_KEYS]
            if unknown:
                add(i, key, f"Row {n} ({who}): unknown technology key(s) {', '.join(map(str, unknown))}; "
                            f"known: {', '.join(TECH_KEYS)}",
                    f"Baris {n} ({who}): kunci teknologi tidak dikenal {', '.join(map(str, unknown))}; "
                    f"yang dikenal: {', '.join(TECH_KEYS)}")
            if key == "techs" and not v:
                add(i, key, f"Row {n} ({who}): no technologies given (use 'all' or a list)",
                    f"Baris {n} ({who}): teknologi belum diisi (gunakan 'all' atau daftar)")
        for key, en_lbl, id_lbl in (("yearly_cap_idr", "yearly cap", "pagu tahunan"),
                                    ("per_village_cap_idr", "per-village cap", "pagu per desa")):
            v = getattr(s, key)
            if v is None:
                if key == "yearly_cap_idr":
                    add(i, key, f"Row {n} ({who}): the {en_lbl} is empty", f"Baris {n} ({who}): {id_lbl} kosong")
                continue
            try:
                fv = float(v)
            except (TypeError, ValueError):
                add(i, key, f"Row {n} ({who}): the {en_lbl} '{v}' is not a number",
                    f"Baris {n} ({who}): {id_lbl} '{v}' bukan angka")
                continue
            if fv != fv or fv in (float("inf"), float("-inf")):
                add(i, key, f"Row {n} ({who}): the {en_lbl} must be a finite number",
                    f"Baris {n} ({who}): {id_lbl} harus angka terhingga")
            elif fv < 0:
                add(i, key, f"Row {n} ({who}): the {en_lbl} is negative ({fv:,.0f}); use 0 or more",
                    f"Baris {n} ({who}): {id_lbl} negatif ({fv:,.0f}); gunakan 0 atau lebih")
    return issues


def check_sources(sources: Sequence[FundingSource]) -> None:
    """Raise :class:`FundingTableError` if the table is invalid."""
    issues = validate_sources(sources)
    if issues:
        raise FundingTableError(issues)


# ---- JSON ----------------------------------------------------------------------------------------------------------
JSON_VERSION = 1


def sources_to_dict(sources: Iterable[FundingSource]) -> dict:
    return {"version": JSON_VERSION, "sources": [s.to_dict() for s in sources]}


def sources_from_dict(data: Any) -> List[FundingSource]:
    rows = data.get("sources", []) if isinstance(data, dict) else data
    return [FundingSource.from_dict(r) for r in rows]


def sources_to_json(sources: Iterable[FundingSource], indent: Optional[int] = 2) -> str:
    return json.dumps(sources_to_dict(sources), ensure_ascii=False, indent=indent)


def sources_from_json(text: str) -> List[FundingSource]:
    return sources_from_dict(json.loads(text))


# ---- CSV -----------------------------------------------------------------------------------------------------------
CSV_FIELDS = tuple(f.name for f in fields(FundingSource))
_BOOL_FIELDS = ("cap_per_kab", "only_3t", "needs_plot", "desa_only", "recurring", "commercial")


def _csv_cell(key: str, v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if key in ("kinds", "techs", "capex_techs", "opex_techs"):
        return ALL if _is_all(v) else ";".join(v)
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _parse_bool(v: str) -> bool:
    s = str(v).strip().lower()
    if s in ("1", "true", "yes", "y", "ya", "t"):
        return True
    if s in ("", "0", "false", "no", "n", "tidak", "f"):
        return False
    raise ValueError(f"not a yes/no value: {v!r}")


def sources_to_csv_text(sources: Iterable[FundingSource]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_FIELDS)
    for s in sources:
        d = s.to_dict()
        w.writerow([_csv_cell(k, d[k]) for k in CSV_FIELDS])
    return buf.getvalue()


def sources_from_csv_text(text: str) -> List[FundingSource]:
    """Parse the CSV written by :func:`sources_to_csv_text` (lists separated by ``;``; empty cap = none), or as a
    spreadsheet saved it: delimiter (``,`` ``;`` tab) and title rows detected by :mod:`core.tabular`."""
    try:
        table = tabular.read_csv_text(text, known_names=CSV_FIELDS)
    except tabular.TableError:
        raise FundingTableError([ValidationIssue(-1, "", "the funding CSV is empty",
                                                 "CSV sumber dana kosong")]) from None
    return _sources_from_table(table)


def _sources_from_table(table: tabular.Table) -> List[FundingSource]:
    # the columns as written or in other letters ("Name", "YEARLY_CAP_IDR"), as every other table of the plugin
    table = tabular.with_names(table, CSV_FIELDS)
    header = table.header
    if "name" not in header:
        raise FundingTableError([ValidationIssue(-1, "name", "CSV has no 'name' column",
                                                 "CSV tidak memiliki kolom 'name'")])
    if "yearly_cap_idr" not in header:  # every cap was 0, with only "every source has a zero cap" to say so
        unknown = ", ".join(str(h) for h in header if h not in CSV_FIELDS and str(h).strip()) or "-"
        raise FundingTableError([ValidationIssue(
            -1, "yearly_cap_idr", f"CSV has no 'yearly_cap_idr' column (the yearly cap of each source, in rupiah); "
                                  f"columns it does not know: {unknown}. Rename the cap's column to yearly_cap_idr",
            f"CSV tidak memiliki kolom 'yearly_cap_idr' (pagu tahunan tiap sumber, dalam rupiah); kolom yang tidak "
            f"dikenal: {unknown}. Ganti nama kolom pagu menjadi yearly_cap_idr")])
    if not table.rows:
        raise FundingTableError([ValidationIssue(
            -1, "", "the funding table has a header but no source: add one row per funding source (or use the "
                    "default table)",
            "tabel sumber dana hanya berisi judul kolom tanpa sumber: tambahkan satu baris per sumber dana (atau "
            "pakai tabel bawaan)")])
    # amounts are read per column (core.numbers): '1.500.000.000', 'Rp 1,5 miliar', '1,5e9'
    caps = numbers.parse_rows(table.rows, {k: numbers.CAP for k in ("yearly_cap_idr", "per_village_cap_idr")})
    out: List[FundingSource] = []
    problems: List[ValidationIssue] = []  # every bad value of every row, said at once (was: the first one)
    for n, (rownum, row) in enumerate(table.rows, start=1):
        # rownum: the row as a spreadsheet numbers it (header 1, blank rows counted), as the user finds it
        extra = [str(v) for c, v in row.items() if str(c).startswith("_extra") and str(v or "").strip()]
        if extra:
            cells = len(table.header) + len(extra)
            problems.append(ValidationIssue(
                n - 1, "", f"CSV row {rownum} has {cells} cells for {len(table.header)} columns: a list written with "
                           f"the file's separator? Write lists with ',' (e.g. capex,opex) or put the cell in quotes",
                f"CSV baris {rownum} berisi {cells} sel untuk {len(table.header)} kolom: daftar ditulis dengan "
                f"pemisah berkas? Tulis daftar dengan ',' (mis. capex,opex) atau beri tanda kutip pada sel"))
            continue
        kw: dict = {}
        found = []
        for k, v in row.items():
            if k not in CSV_FIELDS or v is None:
                continue
            try:
                _read_field(kw, k, v, caps, n, rownum)
            except (ValueError, numbers.NumberError) as e:
                en, idn = str(e), _indonesian(e, v)
                found.append(ValidationIssue(n - 1, k, f"CSV row {rownum}, column {k}: {en}",
                                             f"CSV baris {rownum}, kolom {k}: {idn}"))
        problems.extend(found)
        if not found:
            out.append(FundingSource(**kw))
    if problems:
        raise FundingTableError(problems)
    return out


def _read_field(kw: dict, k: str, v, caps: dict, n: int, rownum: int) -> None:
    """Read the cell ``v`` of column ``k`` of the funding CSV's row ``n`` into ``kw``; ValueError when it is bad."""
    if k in _BOOL_FIELDS:
        kw[k] = _parse_bool(v)
    elif k in caps:
        issue = caps[k].issue_for(rownum)
        if issue is not None and issue.severity == numbers.ERROR:
            code = issue.code
            if code == "not_a_number" and re.search(r"\d\s*[mM]\.?\s*$", str(v)):
                code = "m_amount"  # 'Rp 1,5 M': miliar to an Indonesian reader, million to an English one
            raise ValueError(_NUMBER_PROBLEMS.get(code, _NUMBER_PROBLEMS["not_a_number"])[0].format(raw=v))
        num = caps[k].values[n - 1]
        if num is None and k == "yearly_cap_idr":  # (was: 0, without a word)
            raise ValueError(_NUMBER_PROBLEMS["empty_cap"][0])
        if num is not None and float(num).is_integer():
            num = int(num)
        if num is not None or k == "per_village_cap_idr":
            kw[k] = num
    elif k == "order":
        order = numbers.parse_number(v)  # an order of 0 was read as 100 (0 or 100: both false)
        kw[k] = 100 if order is None else int(order)
    elif k == "kinds":
        kw[k] = _parse_kinds(v)
    elif k in ("techs", "capex_techs", "opex_techs"):
        kw[k] = _parse_techs(v, none_ok=(k != "techs"))
    else:
        kw[k] = v


# number problems in the funding CSV, in both languages (this module's convention)
_NUMBER_PROBLEMS = {
    "not_a_number": ("not a number ({raw!r})", "bukan angka ({raw!r})"),
    "m_amount": ("not a number ({raw!r}): 'M' is miliar to an Indonesian reader and million to an English one; write "
                 "the amount in full (e.g. 1.500.000.000) or with its word (1,5 miliar; 1,5 juta)",
                 "bukan angka ({raw!r}): 'M' berarti miliar bagi pembaca Indonesia dan juta (million) bagi pembaca "
                 "Inggris; tulis jumlahnya lengkap (mis. 1.500.000.000) atau dengan katanya (1,5 miliar; 1,5 juta)"),
    "empty_cap": ("empty: write the yearly cap in rupiah (0 when the source pays nothing)",
                  "kosong: tulis pagu tahunan dalam rupiah (0 bila sumber tidak membayar apa pun)"),
    "not_finite": ("not a finite number ({raw!r})", "bukan angka hingga ({raw!r})"),
    "negative": ("negative amount ({raw!r})", "jumlah negatif ({raw!r})"),
    "out_of_range": ("an amount above Rp 1.000 triliun ({raw!r}): check the digits and the unit (whole rupiah)",
                     "jumlah di atas Rp 1.000 triliun ({raw!r}): periksa digit dan satuannya (rupiah penuh)"),
}


def _indonesian(error: Exception, raw: Any) -> str:
    for en, idn in _NUMBER_PROBLEMS.values():
        if str(error) == en.format(raw=raw):
            return idn.format(raw=raw)
    if isinstance(error, numbers.NumberError):
        return _NUMBER_PROBLEMS.get(error.code, _NUMBER_PROBLEMS["not_a_number"])[1].format(raw=raw)
    return str(error)


# ---- the dock's table: one row of texts <-> a source ----------------------------------------------------------------
# rule keys of the table's "rules" column (3t;plot;...) -> the source's flag
RULES = (("3t", "only_3t"), ("plot", "needs_plot"), ("desa", "desa_only"), ("per_kab", "cap_per_kab"),
         ("operator", "commercial"))


def _techs_text(v: Any) -> str:
    return "" if v is None else v if isinstance(v, str) else ";".join(v)


def _amount_text(v: Any) -> str:
    """The editable text of an amount: digits only."""
    if v is None:
        return ""
    f = float(v)
    return str(int(f)) if f.is_integer() else str(f)


def source_to_cells(s: FundingSource) -> dict:
    """The texts of one table row for ``s`` (column key -> text; ``recurring`` stays a bool: a check box)."""
    return {"name": s.name, "label": s.label, "kinds": ";".join(s.kinds or []), "techs": _techs_text(s.techs),
            "capex_techs": _techs_text(s.capex_techs), "opex_techs": _techs_text(s.opex_techs),
            "yearly_cap_idr": _amount_text(s.yearly_cap_idr),
            "per_village_cap_idr": _amount_text(s.per_village_cap_idr),
            "rules": ";".join(k for k, flag in RULES if getattr(s, flag)), "recurring": bool(s.recurring),
            "order": str(s.order), "note": s.note}


class CellError(CodedError):
    """A cell of the dock's funding table that cannot be read (``row`` 1-based, ``column`` the column key); the
    row is still read with the fallback value the message names."""


def source_from_cells(cells: dict, row: int) -> tuple:
    """``(source, problems)`` from one row of texts (keys as :func:`source_to_cells`; ``row`` 1-based for the
    messages). Lists split on ``;`` or ``,``; amounts read as Indonesian or English numbers (core.numbers:
    '1.500.000.000', 'Rp 1,5 miliar'); an unreadable cell gives a :class:`CellError` and its fallback."""
    def text(key: str) -> str:
        return str(cells.get(key) or "").strip()

    problems: list = []
    kw: dict = {"name": text("name"), "label": text("label"), "note": text("note"),
                "kinds": [k.lower() for k in _parse_list(text("kinds"))], "techs": _parse_techs(text("techs"), False),
                "capex_techs": _parse_techs(text("capex_techs"), True),
                "opex_techs": _parse_techs(text("opex_techs"), True), "recurring": bool(cells.get("recurring"))}
    for key, fallback in (("yearly_cap_idr", 0), ("per_village_cap_idr", None)):
        raw = text(key)
        kw[key] = fallback
        if not raw:
            if key == "yearly_cap_idr":
                problems.append(CellError("funding_cap_empty", row=row, column=key))
            continue
        try:
            f = numbers.parse_number(raw, numbers.CAP)
        except numbers.NumberError:
            f = None
        if f is None:
            problems.append(CellError("funding_not_a_number", row=row, column=key, value=raw))
        else:
            kw[key] = int(f) if f.is_integer() else f
    rules = [x.lower() for x in _parse_list(text("rules"))]
    unknown = [x for x in rules if x not in dict(RULES)]
    if unknown:
        problems.append(CellError("funding_unknown_rules", row=row, column="rules", rules=", ".join(unknown)))
    kw.update({flag: key in rules for key, flag in RULES})
    kw["order"] = 100
    if text("order"):
        try:
            kw["order"] = int(numbers.parse_number(text("order"), numbers.RANK))
        except (numbers.NumberError, TypeError, ValueError):
            problems.append(CellError("funding_order_not_whole", row=row, column="order", value=text("order")))
    return FundingSource(**kw), problems


def write_sources_csv(path: str, sources: Iterable[FundingSource]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(sources_to_csv_text(sources))


def read_sources_csv(path: str) -> List[FundingSource]:
    """The funding CSV as saved by this plugin or by a spreadsheet (encoding, delimiter, title rows detected)."""
    try:
        table = tabular.read_table(path, known_names=CSV_FIELDS)
    except tabular.TableError as e:
        if e.code == "not_found":
            raise FileNotFoundError(path) from None
        raise FundingTableError([ValidationIssue(-1, "", f"{path} is empty or cannot be read ({e.code})",
                                                 f"{path} kosong atau tidak dapat dibaca ({e.code})")], e) from None
    return _sources_from_table(table)


# ---- money formatting (shared by roadmap messages) -----------------------------------------------------------------
def format_idr(amount: float, lang: str = "en") -> str:
    """``Rp 2.6 bn`` / ``Rp 2,6 miliar``; ``Rp 120 m`` / ``Rp 120 juta``; small amounts in full
    (the one formatter, :func:`.formatting.money`)."""
    from .formatting import money

    return money(float(amount), lang)
