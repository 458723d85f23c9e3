"""Service reports: reading CSV/XLSX, matching columns, validating rows, writing rejected rows."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from typing import Iterable, Optional, Sequence

from .. import numbers as nb
from ..sites import (
    all_keys,
    is_blank,
    norm_name,
    numbered_rows,
    write_rejects_csv,  # noqa: F401 - one writer for every rejects CSV (row, reason, columns)
)
from ..villages import parse_code
from .parsing import MonitoringError, _number, parse_datetime, parse_flag, parse_period


def read_table(path: str, sheet: Optional[str] = None) -> tuple[list[str], list[tuple[int, dict]]]:
    """CSV or XLSX -> ``(header, [(spreadsheet_row_number, row_dict), ...])`` through :mod:`core.tabular`
    (encoding, delimiter and header row detected, title rows skipped). Raises :class:`core.tabular.TableError`."""
    from .. import tabular

    known = {syn for syns in REPORT_SYNONYMS.values() for syn in syns}
    table = tabular.read_table(path, sheet, known_names=known)
    return table.header, table.rows


# --------------------------------------------------------------------------------------------- reports
REPORT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "site_code": ("site_code", "kode_site", "site_id", "id_site", "kode_bts"),
    "village_code": ("village_code", "kode_desa", "kode", "kd_desa", "kode_kel", "kode_desa_kelurahan",
                     "kode_kemendagri", "kode_wilayah"),
    "period": ("period", "periode", "bulan", "month", "tanggal", "date", "tgl", "periode_laporan", "bulan_laporan"),
    "provider": ("provider", "penyedia", "operator", "opsel", "isp", "vendor", "mitra"),
    "uptime_pct": ("uptime_pct", "uptime", "uptime_persen", "ketersediaan", "availability", "availability_pct",
                   "sla", "sla_pct", "ketersediaan_layanan"),
    "outage_start": ("outage_start", "mulai_gangguan", "gangguan_mulai", "start", "waktu_mulai", "down_start",
                     "tanggal_mulai_gangguan", "waktu_mulai_gangguan", "tgl_mulai_gangguan", "jam_mulai",
                     "jam_mulai_gangguan", "start_time"),
    "outage_end": ("outage_end", "selesai_gangguan", "gangguan_selesai", "end", "waktu_selesai", "down_end",
                   "tanggal_selesai_gangguan", "waktu_selesai_gangguan", "tgl_selesai_gangguan", "jam_selesai",
                   "jam_selesai_gangguan", "jam_pulih", "waktu_pulih", "end_time"),
    "cause": ("cause", "penyebab", "keterangan", "reason", "penyebab_gangguan"),
    "active_users": ("active_users", "pengguna_aktif", "users", "jumlah_pengguna", "pengguna", "user_aktif",
                     "jumlah_user", "active_user"),
    "download_mbps": ("download_mbps", "unduh_mbps", "download", "unduh", "dl_mbps"),
    "upload_mbps": ("upload_mbps", "unggah_mbps", "upload", "unggah", "ul_mbps"),
    "latency_ms": ("latency_ms", "latensi_ms", "latency", "latensi", "ping_ms"),
    "power_outage": ("power_outage", "padam_listrik", "listrik_padam", "pln_padam", "power"),
}
#: a sheet's numbering column: a row holding only its number is an empty row of the sheet
_NUMBERING = {"no", "nomor", "no_urut", "nomor_urut", "number"}
#: the words of a spreadsheet's totals/averages row written in its code column
_TOTAL_WORDS = {"jumlah", "total", "rata_rata", "rerata", "rata2", "average", "avg", "mean", "sub_total", "subtotal",
                "grand_total", "jumlah_total", "total_keseluruhan"}
#: columns a report often has beside its data, not worth a word when not read (number, names, area, notes)
_DESCRIPTIVE = {"no", "nomor", "no_urut", "nama", "nama_desa", "desa", "nama_kelurahan", "kelurahan", "nama_site",
                "site_name", "nama_kecamatan", "kecamatan", "nama_kec", "nama_kabupaten", "kabupaten", "kab_kota",
                "nama_kab", "kabkota", "provinsi", "catatan", "note", "notes", "lat", "lon", "latitude", "longitude"}
#: the largest value a village's service report can hold (a row above is a typing or unit error, named): a village
#: link's users (a whole kelurahan on one link), speeds (a 10 Gbit/s port) and latency (a minute: a geostationary hop is
#: ~600 ms); planning bounds of this plugin, December 2026
PLAUSIBLE_MAX = {"active_users": 100_000, "download_mbps": 10_000, "upload_mbps": 10_000, "latency_ms": 60_000}
_METRIC = {"metric": True}  # a ReportRecord field that is one of the report's numbers (METRIC_FIELDS)


def detect_report_mapping(header: Iterable[str]) -> dict[str, str]:
    """Role -> actual column name via :data:`REPORT_SYNONYMS` (case/punctuation-insensitive)."""
    by_norm: dict[str, str] = {}
    for h in header:
        by_norm.setdefault(norm_name(h), h)
    mapping: dict[str, str] = {}
    used: set = set()
    for role, syns in REPORT_SYNONYMS.items():
        for syn in syns:
            if syn in by_norm and by_norm[syn] not in used:
                mapping[role] = by_norm[syn]
                used.add(by_norm[syn])
                break
    return mapping


@dataclass
class ReportRecord:
    row: int
    code: str
    code_type: str  # 'site' or 'village'
    period: str  # as reported: YYYY-MM or YYYY-MM-DD
    month: str  # YYYY-MM
    provider: str = ""
    uptime_pct: Optional[float] = field(default=None, metadata=_METRIC)
    active_users: Optional[float] = field(default=None, metadata=_METRIC)
    download_mbps: Optional[float] = field(default=None, metadata=_METRIC)
    upload_mbps: Optional[float] = field(default=None, metadata=_METRIC)
    latency_ms: Optional[float] = field(default=None, metadata=_METRIC)
    power_outage: Optional[bool] = None
    outage_start: Optional[dt.datetime] = None
    outage_end: Optional[dt.datetime] = None
    cause: str = ""

    @property
    def has_metrics(self) -> bool:
        return any(getattr(self, f) is not None for f in METRIC_FIELDS)

    @property
    def has_outage(self) -> bool:
        return self.outage_start is not None


# the numbers of a report row, in column order: the fields of ReportRecord marked as metrics
METRIC_FIELDS = tuple(f.name for f in fields(ReportRecord) if f.metadata.get("metric"))


@dataclass
class RowReject:
    """A rejected row: its spreadsheet row, the reason (``error``: a coded MonitoringError that
    ``errors.describe`` translates; ``reason`` = its plain form) and the row's columns."""

    row: int
    reason: str
    data: dict = field(default_factory=dict)
    error: Optional[Exception] = None


def validate_report_rows(rows: Sequence, mapping: Optional[dict[str, str]] = None,
                         known_codes: Optional[Iterable[str]] = None, first_row_number: int = 2,
                         provider: str = "", now: Optional[dt.datetime] = None, period: str = "",
                         ) -> tuple[list[ReportRecord], list[RowReject], list[str]]:
    """Validate service-report rows row by row -> ``(records, rejects, warnings)``.

    ``rows``: dicts or ``(row_number, dict)`` pairs (as from :func:`read_table`).
    ``known_codes``: site/village codes that exist; other codes are rejected (None = no check).
    ``provider``: default provider when the file has no provider column.
    ``period``: default period of a row without one (and without an outage start): a monthly report whose month is only
    in its title or file name (its rows were all rejected as 'missing period').
    Reject reasons: missing code, missing/bad period, unparsable numbers/dates/flags, uptime outside 0-100,
    negative users/speeds/latency, outage end before start, outage without end, dates in the future,
    unknown code, no data at all.
    """
    numbered = list(numbered_rows(rows, first_row_number))
    if mapping is None:
        mapping = detect_report_mapping(all_keys(numbered))
    known = None if known_codes is None else {str(c).strip() for c in known_codes}
    # a code written in other letters ("syn-0007" for "SYN-0007") is that site: matched, and said once
    folded = {} if known is None else {c.casefold(): c for c in known}
    # the layer's Kemendagri village codes by their ten digits: a code written with or without dots, spaces or hyphens,
    # in the report or in the layer (a layer of numbers 6401012009 refused the report's 64.01.01.2009), is the same
    by_digits = {} if known is None else {_kemendagri_digits(c): c for c in known if _kemendagri_digits(c)}
    refolded: list = []
    rewritten: list = []  # village codes written without their dots, or with spaces/hyphens
    now = now or dt.datetime.now()
    records: list[ReportRecord] = []
    rejects: list[RowReject] = []
    warnings: list[str] = []
    if "site_code" not in mapping and "village_code" not in mapping:
        warnings.append(MonitoringError("no_code_column"))
    default_period = parse_period(period) if not is_blank(period) else None
    if "period" not in mapping and "outage_start" not in mapping and default_period is None:
        warnings.append(MonitoringError("no_period_column"))

    def get(row: dict, role: str):
        name = mapping.get(role)
        return row.get(name) if name else None

    columns = _metric_columns(numbered, mapping, warnings)
    numbered = _month_first_dates(numbered, mapping, warnings)
    unused = [h for h in all_keys(numbered) if str(h or "").strip() and h not in set(mapping.values())
              and norm_name(h) not in _DESCRIPTIVE]
    if unused:  # (a column of outage times under a name not known was left out without a word)
        warnings.append(MonitoringError("columns_not_read", columns=", ".join(unused[:8]) + (
            ", …" if len(unused) > 8 else "")))

    numbering = [h for h in all_keys(numbered) if norm_name(h) in _NUMBERING]
    unused_rows = [n for n, row in numbered if numbering and all(is_blank(v) for k, v in row.items()
                                                                   if k not in numbering)]
    if unused_rows:  # a template's numbered empty rows ('21;;;'): each was 'missing site or village code'
        warnings.append(MonitoringError("numbered_empty_rows", n=len(unused_rows), first=unused_rows[0],
                                        last=unused_rows[-1], column=numbering[0]))
        numbered = [(n, row) for n, row in numbered if n not in set(unused_rows)]
    for rownum, row in numbered:
        try:
            site = get(row, "site_code")
            village = get(row, "village_code")
            if not is_blank(site):
                code, code_type = _code_text(site), "site"
            elif not is_blank(village):
                code, code_type = _code_text(village), "village"
            else:
                raise MonitoringError("missing_code")
            if norm_name(code) in _TOTAL_WORDS:  # a sheet's totals or averages row: read as a site 'Rata-rata'
                raise MonitoringError("total_row", code=repr(code))
            values: dict = {}
            for role in METRIC_FIELDS:
                raw = get(row, role)
                values[role] = columns[role].get(rownum) if role in columns else None
                if values[role] is None and not is_blank(raw):
                    try:  # (the cell's own error, as said before the column was read as one)
                        values[role] = _number(raw)
                    except ValueError as exc:
                        raise MonitoringError("column_value", column=mapping[role], error=exc) from None
            up = values["uptime_pct"]
            if up is not None and not 0 <= up <= 100:
                raw = str(get(row, "uptime_pct")).strip()
                if raw == f"{up:g}":
                    raise MonitoringError("uptime_range", value=f"{up:g}")
                # '100.0001' was said as 'uptime 100 outside 0-100 %', '100,004' as 100004 without the cell's text
                raise MonitoringError("uptime_range_read", raw=repr(raw), value=f"{up:.10g}")
            for role in ("active_users", "download_mbps", "upload_mbps", "latency_ms"):
                if values[role] is not None and values[role] < 0:
                    raise MonitoringError("negative_value", column=mapping[role], value=f"{values[role]:g}")
                if values[role] is not None and values[role] > PLAUSIBLE_MAX[role]:
                    raise MonitoringError("implausible_value", column=mapping[role], value=f"{values[role]:g}",
                                          high=f"{PLAUSIBLE_MAX[role]:g}")
            try:
                power = parse_flag(get(row, "power_outage"))
            except ValueError as exc:
                raise MonitoringError("column_value", column=mapping["power_outage"], error=exc) from None
            start = end = None
            if not is_blank(get(row, "outage_start")):
                day = _day_of(get(row, "period"))  # the row's date when its outage columns hold times only
                try:
                    start = _outage_time(get(row, "outage_start"), day)
                except ValueError as exc:
                    raise MonitoringError("column_value", column=mapping["outage_start"], error=exc) from None
                if is_blank(get(row, "outage_end")):
                    raise MonitoringError("outage_open", start=str(start))  # (said only 'no end', not what to do)
                try:
                    end = _outage_time(get(row, "outage_end"), day)
                except ValueError as exc:
                    raise MonitoringError("column_value", column=mapping["outage_end"], error=exc) from None
                if end < start and _is_time(get(row, "outage_end")) and end + dt.timedelta(days=1) >= start:
                    end += dt.timedelta(days=1)  # 'Jam Mulai 23.30, Jam Selesai 01.15': over midnight
                if end < start:
                    raise MonitoringError("outage_end_before_start", end=str(end), start=str(start))
                if end > now:
                    raise MonitoringError("outage_end_future", end=str(end))
            elif not is_blank(get(row, "outage_end")):
                raise MonitoringError("outage_no_start")
            raw_period = get(row, "period")
            if is_blank(raw_period):
                if start is None and default_period is None:
                    raise MonitoringError("missing_period_value")
                period, month = default_period if start is None else (start.strftime("%Y-%m"),) * 2
            else:
                try:
                    period, month = parse_period(raw_period)
                except ValueError as exc:
                    raise MonitoringError("column_value", column=mapping.get("period", "period"),
                                          error=exc) from None  # the file's own column name ('periode', 'bulan')
            if month > now.strftime("%Y-%m") or (len(period) == 10 and period > now.strftime("%Y-%m-%d")):
                # a daily period (YYYY-MM-DD) later this month is in the future too (issue 16, item 3)
                raise MonitoringError("period_future", column=mapping.get("period", "period"), period=period,
                                      today=now.strftime("%Y-%m-%d"))
            cause = "" if is_blank(get(row, "cause")) else str(get(row, "cause")).strip()
            if start is None and not any(v is not None for v in values.values()) and power is None:
                raise MonitoringError("no_data")
            if known is not None and code not in known:
                digits = _kemendagri_digits(code) if code_type == "village" else None
                if digits in by_digits:  # '6401012009', '64 01 01 2009': the plan's 64.01.01.2009 (was rejected)
                    rewritten.append((rownum, code, by_digits[digits]))
                    code = by_digits[digits]
                elif code.casefold() not in folded:
                    raise MonitoringError(f"unknown_{code_type}_code", code=repr(code))
                else:
                    refolded.append((rownum, code, folded[code.casefold()]))
                    code = folded[code.casefold()]
            prov = get(row, "provider")
            rec = ReportRecord(row=rownum, code=code, code_type=code_type, period=period, month=month,
                               provider=provider if is_blank(prov) else str(prov).strip(),
                               power_outage=power, outage_start=start, outage_end=end, cause=cause, **values)
        except ValueError as exc:
            rejects.append(RowReject(rownum, str(exc), dict(row), exc))
            continue
        records.append(rec)
    # uptime written as a fraction (0,995 for 99,5 %) reads as 0.995 % and would claim a restitution: when every
    # uptime of the file is 1 or less, none of them is a percentage; the rows are rejected with the fix
    ups = [r for r in records if r.uptime_pct is not None]
    fractions = [r for r in ups if 0.0 < r.uptime_pct < 1.0]
    if ups and all(r.uptime_pct <= 1.0 for r in ups) and fractions:
        for r in ups:
            exc = MonitoringError("uptime_fraction", value=f"{r.uptime_pct:g}", pct=f"{100 * r.uptime_pct:g}")
            rejects.append(RowReject(r.row, str(exc), dict(dict(numbered).get(r.row) or {}), exc))
        kept = {id(r) for r in ups}
    elif fractions:  # one below 1 % among percentages ('0,97' beside '99,5'): read as it is (a site can be down all
        # month), but said, with its row: a fraction there claimed a restitution without a word
        for r in fractions:
            warnings.append(MonitoringError("uptime_below_one", row=r.row, code=r.code, value=f"{r.uptime_pct:g}",
                                            pct=f"{100 * r.uptime_pct:g}"))
        fractions = []
    if fractions:
        records = [r for r in records if id(r) not in kept]
        rejects.sort(key=lambda j: j.row)
    if refolded:
        rownum, written, known_as = refolded[0]
        warnings.append(MonitoringError("codes_other_letters", n=len(refolded), row=rownum, written=written,
                                        code=known_as))
    if rewritten:
        rownum, written, known_as = rewritten[0]
        warnings.append(MonitoringError("village_codes_rewritten", n=len(rewritten), row=rownum, written=written,
                                        code=known_as))
    return records, rejects, warnings


#: how the numbers of a report column are read (core.numbers.parse_column: an ambiguous '99.950' or '1,234' is decided
#: by the other values of the column, else by what the column holds); the checks of the rows stay the report's own
_SPECS = {
    "uptime_pct": nb.ColumnSpec(quantity="uptime", lo=0, hi=100, enforce_range=False, negative=True, outliers="off"),
    "active_users": nb.ColumnSpec(quantity="users", thousands_default=True, negative=True, outliers="off"),
}
_ANY_METRIC = nb.ColumnSpec(negative=True, outliers="off")


def _metric_columns(numbered: list, mapping: dict, warnings: list) -> dict:
    """{role: {row: value}} of the report's number columns, each read as one column: an uptime '99.950' (a NOC's
    three decimals) was read as 99950 and rejected as 'outside 0-100 %', users '1,050' in a file writing '25.5' Mbps
    were 1.05 users (found 2026-12-08). An ambiguous reading that the column decided is added to ``warnings`` (a
    core.numbers.NumberIssue)."""
    out = {}
    for role in METRIC_FIELDS:
        name = mapping.get(role)
        if not name:
            continue
        result = nb.parse_column([row.get(name) for _n, row in numbered], name, _SPECS.get(role, _ANY_METRIC),
                                 rows=[n for n, _row in numbered])
        out[role] = {n: v for (n, _row), v in zip(numbered, result.values)}
        warnings.extend(i for i in result.issues if i.code in ("ambiguous", "mixed_separators"))
    return out


_SLASHED = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?=$|[\sT])")


def _month_first_dates(numbered: list, mapping: dict, warnings: list) -> list:
    """The rows with the dates of a column that writes the month first ('12/25/2026 13:00', an English NOC system)
    turned day first: such a column was read day first, '12/08/2026' as 12 August instead of 8 December, and outages
    fell in other months without a word (found 2026-12-08). A column is month first when one of its dates has a
    second number above 12 and none a first number above 12; it is said once, with a row. Other columns unchanged."""
    swap = []
    for role in ("period", "outage_start", "outage_end"):
        name = mapping.get(role)
        if not name:
            continue
        parts = [(n, m) for n, row in numbered for m in [_SLASHED.match(str(row.get(name) or "").strip())] if m]
        if any(int(m.group(3)) > 12 for _n, m in parts) and not any(int(m.group(1)) > 12 for _n, m in parts):
            first = next((n, m.group(0)) for n, m in parts if int(m.group(3)) > 12)
            warnings.append(MonitoringError("month_first_dates", column=name, row=first[0], value=repr(first[1])))
            swap.append(name)
    if not swap:
        return numbered

    def day_first(value):
        text = str(value).strip()
        return _SLASHED.sub(lambda m: f"{m.group(3)}{m.group(2)}{m.group(1)}{m.group(2)}{m.group(4)}", text)

    return [(n, {k: (day_first(v) if k in swap and isinstance(v, str) else v) for k, v in row.items()})
            for n, row in numbered]


_TIME_RE = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")


def _is_time(value: object) -> bool:
    return isinstance(value, dt.time) or bool(_TIME_RE.match(str(value or "").strip()))


def _day_of(value: object) -> Optional[dt.date]:
    """The day of a row's period when it is one (``2026-11-03``, an Excel date), else None."""
    try:
        period = parse_period(value)[0] if not is_blank(value) else ""
    except ValueError:
        return None
    return dt.date.fromisoformat(period) if len(period) == 10 else None


def _outage_time(value: object, day: Optional[dt.date]) -> dt.datetime:
    """An outage's start or end: a date and time, or a time alone ('08.15', an Excel time) on the row's ``day`` (a NOC
    export with 'Tanggal', 'Jam Mulai', 'Jam Selesai': the times were rejected as 'not a date/time')."""
    if _is_time(value) and day is not None:
        if isinstance(value, dt.time):
            return dt.datetime.combine(day, value.replace(tzinfo=None))
        hh, mm, ss = _TIME_RE.match(str(value).strip()).groups()
        try:
            return dt.datetime.combine(day, dt.time(int(hh), int(mm), int(ss or 0)))
        except ValueError as exc:
            raise MonitoringError("invalid_datetime", value=repr(value), why=str(exc)) from None
    return parse_datetime(value)


def _kemendagri_digits(code: str) -> Optional[str]:
    """The ten digits of a Kemendagri village code written dotted (``64.01.01.2009``), as a number (``6401012009``)
    or with spaces or hyphens between its parts (``64 01 01 2009``); None when it is not one."""
    if not re.fullmatch(r"\d{2}[\s.-]*\d{2}[\s.-]*\d{2}[\s.-]*\d{4}", str(code).strip()):
        return None
    parsed = parse_code(re.sub(r"\D", "", str(code)))
    return re.sub(r"\D", "", parsed.normalized) if parsed.ok and parsed.scheme == "kemendagri" else None


def _code_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
