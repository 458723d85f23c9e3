"""Monitoring & evaluation (issue 7): status workflow, service-report validation, SLA and indicators.

Pure Python (no QGIS import). Storage lives in :mod:`monitoring_store` (sqlite3 / GeoPackage).

Status workflow
---------------
Codes are stored, Indonesian labels are shown (:data:`STATUS_LABELS_ID`)::

    planned -> surveyed -> contracted -> installed -> active
                                              |          ^  |
                                              v          |  v
                                           disrupted <---+  (active <-> disrupted)
    any non-terminal status -> migrated (terminal: the village moved to another provider/technology)

:data:`ALLOWED_TRANSITIONS` is the table; ``surveyed -> planned`` (survey rejected the site) is allowed too.

Service reports
---------------
One row per report record, CSV or XLSX (:func:`read_table`). Each row needs a site or village code and a
period (``YYYY-MM`` or ``YYYY-MM-DD``; a row with only an outage start takes its period from it), plus some of:
``uptime_pct``, an outage (``outage_start``, ``outage_end``, ``cause``), ``active_users``, ``download_mbps``,
``upload_mbps``, ``latency_ms``, ``power_outage``. Headers are matched through :data:`REPORT_SYNONYMS`.
:func:`validate_report_rows` returns ``(records, rejects, warnings)``; rejects carry the spreadsheet row
number (header = row 1) and a reason.

SLA (:func:`monthly_availability`)
----------------------------------
1. outages caused by the power supply are excluded (``power_outage`` flag true, or cause containing
   ``power``/``listrik`` or the word ``PLN``) - the contract makes the village/PLN responsible for mains power;
2. outages lasting 300 s or less are ignored (each outage on its own duration, before merging; only outages
   *longer than* ``min_outage_s`` count);
3. overlapping / touching outages of one site are merged (no double counting);
4. merged outages spanning a month boundary are split across the months;
5. availability = 1 - counted downtime / seconds in the month (calendar month; times are local WITA/WIB
   wall-clock without DST, so every day has 86 400 s);
6. ``restitution`` = availability below the contract target (default 0.99).

When a (site, month) has no outage log the reported ``uptime_pct`` is used (basis ``reported_uptime``).
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import math
import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Optional, Sequence

from . import numbers as nb
from . import tabular
from .sites import all_keys, is_blank, norm_name, numbered_rows

# --------------------------------------------------------------------------------------------- statuses
STATUSES = ("planned", "surveyed", "contracted", "installed", "active", "disrupted", "migrated")

STATUS_LABELS_ID = {
    "planned": "direncanakan",
    "surveyed": "disurvei",
    "contracted": "dikontrak",
    "installed": "terpasang",
    "active": "aktif",
    "disrupted": "terganggu",
    "migrated": "dimigrasi",
}
STATUS_LABELS_EN = {s: s for s in STATUSES}

ALLOWED_TRANSITIONS: dict[str, frozenset] = {
    "planned": frozenset({"surveyed", "migrated"}),
    "surveyed": frozenset({"contracted", "planned", "migrated"}),
    "contracted": frozenset({"installed", "migrated"}),
    "installed": frozenset({"active", "disrupted", "migrated"}),
    "active": frozenset({"disrupted", "migrated"}),
    "disrupted": frozenset({"active", "migrated"}),
    "migrated": frozenset(),
}

# Statuses that imply the equipment is on site (need an installation date).
INSTALLED_STATUSES = frozenset({"installed", "active", "disrupted"})

DATE_FIELD_SYNONYMS = {
    "installed_date": ("installed_date", "install_date", "installation_date", "tanggal_pasang", "tgl_pasang",
                       "tanggal_instalasi", "date_installed"),
    "survey_date": ("survey_date", "tanggal_survei", "tgl_survei"),
    "contract_date": ("contract_date", "tanggal_kontrak", "tgl_kontrak"),
    "active_date": ("active_date", "on_air_date", "tanggal_aktif", "tgl_aktif"),
}


def normalise_status(value: object) -> Optional[str]:
    """Status code from a code or an Indonesian label (case-insensitive); None if unknown/blank."""
    if is_blank(value):
        return None
    key = str(value).strip().lower()
    if key in STATUS_LABELS_EN:
        return key
    for code, label in STATUS_LABELS_ID.items():
        if key == label:
            return code
    return None


def status_label(code: str, lang: str = "id") -> str:
    return (STATUS_LABELS_ID if lang == "id" else STATUS_LABELS_EN).get(code, code)


def can_transition(old: Optional[str], new: str) -> bool:
    """True if ``old -> new`` is allowed (``old`` None/blank = first status: any status is allowed)."""
    new_code = normalise_status(new)
    if new_code is None:
        return False
    old_code = normalise_status(old)
    if old_code is None:
        return True
    if old_code == new_code:
        return True
    return new_code in ALLOWED_TRANSITIONS[old_code]


def transition_error(old: Optional[str], new: str) -> Optional[str]:
    """Message explaining why ``old -> new`` is not allowed, or None."""
    if normalise_status(new) is None:
        return f"unknown status {new!r} (expected one of {', '.join(STATUSES)})"
    if not is_blank(old) and normalise_status(old) is None:
        return f"unknown current status {old!r}"
    if can_transition(old, new):
        return None
    old_code = normalise_status(old)
    allowed = ", ".join(sorted(ALLOWED_TRANSITIONS[old_code])) or "none (final status)"
    return f"status cannot change from {old_code} to {normalise_status(new)} (allowed: {allowed})"


def validate_status_record(record: dict, today: Optional[dt.date] = None) -> list[str]:
    """Messages for one status record (empty list = valid).

    ``record``: dict with ``status`` and optional date fields (see :data:`DATE_FIELD_SYNONYMS`; any other
    field ending in ``_date`` or starting with ``tanggal``/``tgl`` is checked for the future too).
    Rules: status known; installed/active/disrupted need an installation date; no date in the future;
    survey <= contract <= installation <= activation when given.
    """
    today = today or dt.date.today()
    messages: list[str] = []
    by_norm = {norm_name(k): v for k, v in record.items()}
    status = normalise_status(by_norm.get("status"))
    if status is None:
        messages.append(f"unknown or missing status {by_norm.get('status')!r} "
                        f"(expected one of {', '.join(STATUSES)})")
    dates: dict[str, dt.date] = {}
    for role, synonyms in DATE_FIELD_SYNONYMS.items():
        for syn in synonyms:
            if syn in by_norm and not is_blank(by_norm[syn]):
                try:
                    dates[role] = parse_date(by_norm[syn])
                except ValueError as exc:
                    messages.append(f"{syn}: {exc}")
                    dates[role] = None  # type: ignore[assignment]
                break
    for name, value in by_norm.items():
        if is_blank(value) or not (name.endswith("_date") or name.startswith(("tanggal", "tgl"))):
            continue
        if any(name in syns for syns in DATE_FIELD_SYNONYMS.values()):
            continue
        try:
            dates[name] = parse_date(value)
        except ValueError as exc:
            messages.append(f"{name}: {exc}")
    for name, value in dates.items():
        if value is not None and value > today:
            messages.append(f"{name} {value.isoformat()} lies in the future")
    if status in INSTALLED_STATUSES and not dates.get("installed_date"):
        if "installed_date" not in dates:
            messages.append(f"status {status} ({status_label(status)}) needs an installation date")
    order = ["survey_date", "contract_date", "installed_date", "active_date"]
    known = [(n, dates[n]) for n in order if dates.get(n)]
    for (n1, d1), (n2, d2) in zip(known, known[1:]):
        if d2 < d1:
            messages.append(f"{n2} {d2.isoformat()} is before {n1} {d1.isoformat()}")
    return messages


# --------------------------------------------------------------------------------------------- parsing
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def parse_datetime(value: object) -> dt.datetime:
    """Date/time from ISO text (``T`` or space, optional seconds, ``/`` allowed), ``DD/MM/YYYY[ HH:MM]``,
    datetime/date objects or an Excel serial number. Timezone suffixes are dropped (local time)."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20000 < value < 80000:
            return _EXCEL_EPOCH + dt.timedelta(days=float(value))
        raise ValueError(f"not a date/time ({value!r})")
    s = str(value or "").strip()
    if not s:
        raise ValueError("empty date/time")
    s = re.sub(r"(Z|[+-]\d{2}:?\d{2})$", "", s).replace("T", " ").strip()
    m = re.match(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$", s)
    if not m:
        m2 = re.match(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$", s)
        if not m2:
            raise ValueError(f"not a date/time ({value!r}); use YYYY-MM-DD HH:MM:SS")
        d, mo, y = m2.group(1), m2.group(2), m2.group(3)
        hh, mm, ss = m2.group(4), m2.group(5), m2.group(6)
    else:
        y, mo, d, hh, mm, ss = m.groups()
    try:
        return dt.datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError as exc:
        raise ValueError(f"not a valid date/time ({value!r}): {exc}") from None


def parse_date(value: object) -> dt.date:
    return parse_datetime(value).date()


def parse_period(value: object) -> tuple[str, str]:
    """Period -> ``(period, month)``: ``'2025-03'`` -> ('2025-03', '2025-03'); ``'2025-03-14'`` ->
    ('2025-03-14', '2025-03'). Also accepts ``2025/03``, ``03/2025``, date objects. ValueError otherwise."""
    if isinstance(value, (dt.date, dt.datetime)):
        d = value if not isinstance(value, dt.datetime) else value.date()
        return d.isoformat(), d.strftime("%Y-%m")
    s = str(value or "").strip()
    if not s:
        raise ValueError("missing period")
    m = re.match(r"^(\d{4})[-/](\d{1,2})$", s) or None
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
    else:
        m = re.match(r"^(\d{1,2})[-/](\d{4})$", s)
        if m:
            y, mo = int(m.group(2)), int(m.group(1))
        else:
            d = parse_date(value)
            return d.isoformat(), d.strftime("%Y-%m")
    if not 1 <= mo <= 12:
        raise ValueError(f"not a valid month ({value!r})")
    return f"{y:04d}-{mo:02d}", f"{y:04d}-{mo:02d}"


TRUE_WORDS = {"1", "true", "yes", "y", "ya", "t", "iya", "benar", "x"}
FALSE_WORDS = {"0", "false", "no", "n", "tidak", "f", "tdk", "bukan", "salah", "-"}


def parse_flag(value: object) -> Optional[bool]:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return bool(value)
    s = str(value).strip().lower()
    if s in TRUE_WORDS:
        return True
    if s in FALSE_WORDS:
        return False
    raise ValueError(f"not a yes/no value ({value!r})")


# --------------------------------------------------------------------------------------------- reading
def read_table(path: str, sheet: Optional[str] = None) -> tuple[list[str], list[tuple[int, dict]]]:
    """CSV or XLSX -> ``(header, [(spreadsheet_row_number, row_dict), ...])`` through :mod:`core.tabular`
    (encoding, delimiter and header row detected, title rows skipped). Raises :class:`core.tabular.TableError`."""
    known = {syn for syns in REPORT_SYNONYMS.values() for syn in syns}
    table = tabular.read_table(path, sheet, known_names=known)
    return table.header, table.rows


# --------------------------------------------------------------------------------------------- reports
REPORT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "site_code": ("site_code", "kode_site", "site_id", "id_site", "kode_bts"),
    "village_code": ("village_code", "kode_desa", "kode", "kd_desa", "kode_kel"),
    "period": ("period", "periode", "bulan", "month", "tanggal", "date", "tgl"),
    "provider": ("provider", "penyedia", "operator", "opsel", "isp", "vendor", "mitra"),
    "uptime_pct": ("uptime_pct", "uptime", "uptime_persen", "ketersediaan", "availability", "availability_pct"),
    "outage_start": ("outage_start", "mulai_gangguan", "gangguan_mulai", "start", "waktu_mulai", "down_start"),
    "outage_end": ("outage_end", "selesai_gangguan", "gangguan_selesai", "end", "waktu_selesai", "down_end"),
    "cause": ("cause", "penyebab", "keterangan", "reason"),
    "active_users": ("active_users", "pengguna_aktif", "users", "jumlah_pengguna", "pengguna"),
    "download_mbps": ("download_mbps", "unduh_mbps", "download", "unduh", "dl_mbps"),
    "upload_mbps": ("upload_mbps", "unggah_mbps", "upload", "unggah", "ul_mbps"),
    "latency_ms": ("latency_ms", "latensi_ms", "latency", "latensi", "ping_ms"),
    "power_outage": ("power_outage", "padam_listrik", "listrik_padam", "pln_padam", "power"),
}
METRIC_FIELDS = ("uptime_pct", "active_users", "download_mbps", "upload_mbps", "latency_ms")
# how each metric column is parsed (range and sign are checked row by row below, with their own reasons)
METRIC_SPECS = {
    "uptime_pct": replace(nb.SHARE, enforce_range=False),
    "active_users": replace(nb.COUNT, negative=True, outliers="off"),
    "download_mbps": nb.ANY, "upload_mbps": nb.ANY, "latency_ms": nb.ANY,
}


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
    uptime_pct: Optional[float] = None
    active_users: Optional[float] = None
    download_mbps: Optional[float] = None
    upload_mbps: Optional[float] = None
    latency_ms: Optional[float] = None
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


@dataclass
class RowReject:
    row: int
    reason: str
    data: dict = field(default_factory=dict)


def validate_report_rows(rows: Sequence, mapping: Optional[dict[str, str]] = None,
                         known_codes: Optional[Iterable[str]] = None, first_row_number: int = 2,
                         provider: str = "", now: Optional[dt.datetime] = None,
                         ) -> tuple[list[ReportRecord], list[RowReject], list[str]]:
    """Validate service-report rows row by row -> ``(records, rejects, warnings)``.

    ``rows``: dicts or ``(row_number, dict)`` pairs (as from :func:`read_table`).
    ``known_codes``: site/village codes that exist; other codes are rejected (None = no check).
    ``provider``: default provider when the file has no provider column.
    Reject reasons: missing code, missing/bad period, unparsable numbers/dates/flags, uptime outside 0-100,
    negative users/speeds/latency, outage end before start, outage without end, dates in the future,
    unknown code, no data at all.
    """
    numbered = list(numbered_rows(rows, first_row_number))
    if mapping is None:
        mapping = detect_report_mapping(all_keys(numbered))
    known = None if known_codes is None else {str(c).strip() for c in known_codes}
    now = now or dt.datetime.now()
    records: list[ReportRecord] = []
    rejects: list[RowReject] = []
    warnings: list[str] = []
    if "site_code" not in mapping and "village_code" not in mapping:
        warnings.append("no site or village code column found (looked for kode_site/site_id, kode_desa/kode)")
    if "period" not in mapping and "outage_start" not in mapping:
        warnings.append("no period column found (looked for periode/period/tanggal/date)")

    def get(row: dict, role: str):
        name = mapping.get(role)
        return row.get(name) if name else None

    # numbers are read per column (core.numbers), so '1.234' means the same in every row
    metrics = {role: nb.parse_column([get(row, role) for _, row in numbered], mapping.get(role, role),
                                     METRIC_SPECS[role], rows=[n for n, _ in numbered]) for role in METRIC_FIELDS}
    warnings.extend(str(i) for col in metrics.values() for i in col.issues if i.row is None)
    bad_numbers = {(role, i.row) for role, col in metrics.items() for i in col.errors}

    for index, (rownum, row) in enumerate(numbered):
        try:
            site = get(row, "site_code")
            village = get(row, "village_code")
            if not is_blank(site):
                code, code_type = _code_text(site), "site"
            elif not is_blank(village):
                code, code_type = _code_text(village), "village"
            else:
                raise ValueError("missing site or village code")
            values: dict = {}
            for role in METRIC_FIELDS:
                if (role, rownum) in bad_numbers:
                    raise ValueError(f"{mapping[role]}: not a number ({get(row, role)!r})")
                values[role] = metrics[role].values[index]
            up = values["uptime_pct"]
            if up is not None and not 0 <= up <= 100:
                raise ValueError(f"uptime {up:g} outside 0-100 %")
            for role in ("active_users", "download_mbps", "upload_mbps", "latency_ms"):
                if values[role] is not None and values[role] < 0:
                    raise ValueError(f"{mapping[role]}: negative value {values[role]:g}")
            try:
                power = parse_flag(get(row, "power_outage"))
            except ValueError as exc:
                raise ValueError(f"{mapping['power_outage']}: {exc}") from None
            start = end = None
            if not is_blank(get(row, "outage_start")):
                try:
                    start = parse_datetime(get(row, "outage_start"))
                except ValueError as exc:
                    raise ValueError(f"{mapping['outage_start']}: {exc}") from None
                if is_blank(get(row, "outage_end")):
                    raise ValueError("outage has a start but no end")
                try:
                    end = parse_datetime(get(row, "outage_end"))
                except ValueError as exc:
                    raise ValueError(f"{mapping['outage_end']}: {exc}") from None
                if end < start:
                    raise ValueError(f"outage end {end} before start {start}")
                if end > now:
                    raise ValueError(f"outage end {end} lies in the future")
            elif not is_blank(get(row, "outage_end")):
                raise ValueError("outage has an end but no start")
            raw_period = get(row, "period")
            if is_blank(raw_period):
                if start is None:
                    raise ValueError("missing period (YYYY-MM or YYYY-MM-DD)")
                period, month = start.strftime("%Y-%m"), start.strftime("%Y-%m")
            else:
                try:
                    period, month = parse_period(raw_period)
                except ValueError as exc:
                    raise ValueError(f"period: {exc}") from None
            if month > now.strftime("%Y-%m"):
                raise ValueError(f"period {period} lies in the future")
            cause = "" if is_blank(get(row, "cause")) else str(get(row, "cause")).strip()
            if start is None and not any(v is not None for v in values.values()) and power is None:
                raise ValueError("no data (no uptime, outage, users, speeds or latency)")
            if known is not None and code not in known:
                raise ValueError(f"unknown {code_type} code {code!r}")
            prov = get(row, "provider")
            rec = ReportRecord(row=rownum, code=code, code_type=code_type, period=period, month=month,
                               provider=provider if is_blank(prov) else str(prov).strip(),
                               power_outage=power, outage_start=start, outage_end=end, cause=cause, **values)
        except ValueError as exc:
            rejects.append(RowReject(rownum, str(exc), dict(row)))
            continue
        records.append(rec)
    return records, rejects, warnings


def _code_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def write_rejects_csv(path: str, rejects: Sequence) -> None:
    """Rejects (objects with row, reason, data) -> CSV: row, reason, original columns."""
    columns: list[str] = []
    for rj in rejects:
        for k in rj.data:
            if k and k not in columns and k not in ("row", "reason"):
                columns.append(k)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["row", "reason", *columns])
        for rj in rejects:
            writer.writerow([rj.row, rj.reason, *["" if rj.data.get(c) is None else rj.data.get(c)
                                                   for c in columns]])


# --------------------------------------------------------------------------------------------- SLA
POWER_CAUSE_RE = re.compile(r"power|listrik|\bpln\b", re.IGNORECASE)


def is_power_outage(power_flag: object = None, cause: object = "") -> bool:
    """True when the outage was caused by the mains power supply (flag or cause text)."""
    if power_flag is not None and not (isinstance(power_flag, str) and not power_flag.strip()):
        try:
            if parse_flag(power_flag):
                return True
        except ValueError:
            pass
    return bool(POWER_CAUSE_RE.search(str(cause or "")))


def month_bounds(month: str) -> tuple[dt.datetime, dt.datetime]:
    y, m = int(month[:4]), int(month[5:7])
    start = dt.datetime(y, m, 1)
    end = dt.datetime(y + (m == 12), m % 12 + 1, 1)
    return start, end


def month_seconds(month: str) -> int:
    y, m = int(month[:4]), int(month[5:7])
    return calendar.monthrange(y, m)[1] * 86400


def next_month(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    return f"{y + (m == 12):04d}-{m % 12 + 1:02d}"


def merge_intervals(intervals: Iterable[tuple[dt.datetime, dt.datetime]]) -> list[tuple[dt.datetime, dt.datetime]]:
    """Union of intervals (overlapping or touching ones merged), sorted."""
    merged: list[list] = []
    for s, e in sorted(intervals):
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1][1] = e
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def counted_outages(outages: Iterable, min_outage_s: float = 300, exclude_power: bool = True
                    ) -> list[tuple[dt.datetime, dt.datetime]]:
    """Outages that count for the SLA, merged. ``outages``: iterables ``(start, end[, cause[, power_flag]])``
    or objects/dicts with ``outage_start``, ``outage_end``, ``cause``, ``power_outage``."""
    keep = []
    for o in outages:
        start, end, cause, power = _outage_tuple(o)
        if start is None or end is None or end <= start:
            continue
        if exclude_power and is_power_outage(power, cause):
            continue
        if (end - start).total_seconds() <= min_outage_s:
            continue
        keep.append((start, end))
    return merge_intervals(keep)


def _outage_tuple(o) -> tuple:
    if isinstance(o, dict):
        vals = (o.get("outage_start", o.get("start")), o.get("outage_end", o.get("end")),
                o.get("cause", ""), o.get("power_outage"))
    elif hasattr(o, "outage_start"):
        vals = (o.outage_start, o.outage_end, getattr(o, "cause", ""), getattr(o, "power_outage", None))
    else:
        t = tuple(o) + (None, None)
        vals = (t[0], t[1], t[2] or "", t[3])
    start = vals[0] if vals[0] is None or isinstance(vals[0], dt.datetime) else parse_datetime(vals[0])
    end = vals[1] if vals[1] is None or isinstance(vals[1], dt.datetime) else parse_datetime(vals[1])
    return start, end, vals[2], vals[3]


def split_by_month(intervals: Iterable[tuple[dt.datetime, dt.datetime]]) -> dict[str, float]:
    """Seconds of the (already merged) intervals falling in each month."""
    out: dict[str, float] = {}
    for s, e in intervals:
        cur = s
        while cur < e:
            month = cur.strftime("%Y-%m")
            _, mend = month_bounds(month)
            seg_end = min(e, mend)
            out[month] = out.get(month, 0.0) + (seg_end - cur).total_seconds()
            cur = seg_end
    return out


def monthly_availability(outages: Iterable, months: Optional[Iterable[str]] = None, min_outage_s: float = 300,
                         exclude_power: bool = True, target: float = 0.99) -> dict[str, dict]:
    """Monthly availability of ONE site from its outage log.

    Returns ``{month: {downtime_s, month_s, availability, restitution}}`` for ``months`` (default: the
    months touched by counted outages); months without counted outages have availability 1.0.
    """
    down = split_by_month(counted_outages(outages, min_outage_s, exclude_power))
    result = {}
    for month in sorted(set(months) if months is not None else set(down)):
        secs = month_seconds(month)
        downtime = down.get(month, 0.0)
        avail = 1.0 - downtime / secs
        result[month] = {"downtime_s": downtime, "month_s": secs, "availability": avail,
                         "restitution": avail < target}
    return result


def sla_table(records: Iterable, target: float = 0.99, min_outage_s: float = 300,
              exclude_power: bool = True) -> list[dict]:
    """Monthly SLA per (code, provider, month) from report records (ReportRecord or dicts).

    Per (code, provider, month): outage log if any outage of that code/provider touches the month; else the
    reported ``uptime_pct``; else, when the code/provider has an outage log in other months and a report row
    exists for the month, availability 1.0 (no outage logged). Other months are not evaluated.
    Rows: ``code, provider, month, availability, downtime_s, basis ('outage_log'|'reported_uptime'),
    restitution``. Sorted by code, provider, month.
    """
    recs = [_as_dict(r) for r in records]
    by_key: dict[tuple, list[dict]] = {}
    for r in recs:
        by_key.setdefault((r["code"], r.get("provider") or ""), []).append(r)
    rows = []
    for (code, provider), items in sorted(by_key.items()):
        outs = [r for r in items if r.get("outage_start") is not None]
        touched: set = set()
        for r in outs:
            s, e, _c, _p = _outage_tuple(r)
            m = s.strftime("%Y-%m")
            while m <= e.strftime("%Y-%m"):
                touched.add(m)
                m = next_month(m)
        avail_log = monthly_availability(outs, touched, min_outage_s, exclude_power, target) if outs else {}
        uptimes: dict[str, list[float]] = {}
        report_months: set = set()
        for r in items:
            report_months.add(r["month"])
            if r.get("uptime_pct") is not None:
                uptimes.setdefault(r["month"], []).append(float(r["uptime_pct"]))
        for month in sorted(touched | report_months):
            if month in avail_log:
                a = avail_log[month]
                rows.append({"code": code, "provider": provider, "month": month, "availability": a["availability"],
                             "downtime_s": a["downtime_s"], "basis": "outage_log", "restitution": a["restitution"]})
            elif month in uptimes:
                avail = sum(uptimes[month]) / len(uptimes[month]) / 100.0
                rows.append({"code": code, "provider": provider, "month": month, "availability": avail,
                             "downtime_s": (1 - avail) * month_seconds(month), "basis": "reported_uptime",
                             "restitution": avail < target})
            elif outs:
                rows.append({"code": code, "provider": provider, "month": month, "availability": 1.0,
                             "downtime_s": 0.0, "basis": "outage_log", "restitution": 1.0 < target})
    return rows


def _as_dict(r) -> dict:
    if isinstance(r, dict):
        d = dict(r)
        if "month" not in d and d.get("period"):
            d["month"] = str(d["period"])[:7]
        return d
    return {k: getattr(r, k) for k in r.__dataclass_fields__}


def provider_scorecard(sla_rows: Iterable[dict], target: float = 0.99) -> list[dict]:
    """Per provider: ``provider, sites, months, mean_availability, min_availability, months_below_target,
    restitution_months``. ``months`` counts site-months."""
    by_p: dict[str, list[dict]] = {}
    for r in sla_rows:
        by_p.setdefault(r["provider"], []).append(r)
    out = []
    for p, rows in sorted(by_p.items()):
        av = [r["availability"] for r in rows]
        below = sum(1 for a in av if a < target)
        out.append({"provider": p, "sites": len({r["code"] for r in rows}), "months": len(rows),
                    "mean_availability": sum(av) / len(av), "min_availability": min(av),
                    "months_below_target": below, "restitution_months": sum(1 for r in rows if r["restitution"])})
    return out


def consider_another_provider(sla_rows: Iterable[dict], target: float = 0.99, consecutive: int = 3) -> list[dict]:
    """Flag (code, provider) below target for ``consecutive`` calendar months in a row (a missing month breaks
    the run). Rows: ``code, provider, months`` (the longest run), ``run_length``."""
    by_key: dict[tuple, dict[str, float]] = {}
    for r in sla_rows:
        by_key.setdefault((r["code"], r["provider"]), {})[r["month"]] = r["availability"]
    flags = []
    for (code, provider), months in sorted(by_key.items()):
        best: list[str] = []
        run: list[str] = []
        for m in sorted(months):
            if months[m] < target and (run and next_month(run[-1]) == m):
                run.append(m)
            elif months[m] < target:
                run = [m]
            else:
                run = []
            if len(run) > len(best):
                best = list(run)
        if len(best) >= consecutive:
            flags.append({"code": code, "provider": provider, "months": best, "run_length": len(best)})
    return flags


def zero_usage_flags(records: Iterable) -> list[dict]:
    """(code, provider, month) whose reports all give ``active_users == 0`` (a village with zero usage that
    month; with daily reports one busy day is enough to clear the flag). Rows: ``code, provider, month``."""
    per: dict[tuple, list[float]] = {}
    for r in map(_as_dict, records):
        if r.get("active_users") is not None:
            per.setdefault((r["code"], r.get("provider") or "", r["month"]), []).append(float(r["active_users"]))
    return [{"code": k[0], "provider": k[1], "month": k[2]} for k, vals in sorted(per.items())
            if all(v == 0 for v in vals)]


# --------------------------------------------------------------------------------------------- indicators
def villages_connected_vs_target(roadmap: Iterable[tuple[str, str, int]], statuses: dict[str, str],
                                 connected_statuses: Sequence[str] = ("active",)) -> list[dict]:
    """Roadmap progress by kab/kota and target year.

    ``roadmap``: ``(village_code, kab, target_year)``; ``statuses``: code -> status code/label.
    Rows per (kab, year): ``target`` (villages due that year), ``target_cumulative`` (due up to that year),
    ``connected`` (of those due that year, now connected), ``connected_cumulative``, ``pct_cumulative``.
    Connected = status in ``connected_statuses`` (default only ``active``; pass ('installed','active',
    'disrupted') to count built infrastructure).
    """
    conn = set(connected_statuses)
    cells: dict[str, dict[int, list[int]]] = {}
    for code, kab, year in roadmap:
        st = normalise_status(statuses.get(code))
        c = cells.setdefault(kab, {}).setdefault(int(year), [0, 0])
        c[0] += 1
        c[1] += int(st in conn)
    out = []
    for kab in sorted(cells):
        cum_t = cum_c = 0
        for year in sorted(cells[kab]):
            t, c = cells[kab][year]
            cum_t += t
            cum_c += c
            out.append({"kab": kab, "year": year, "target": t, "connected": c, "target_cumulative": cum_t,
                        "connected_cumulative": cum_c, "pct_cumulative": 100.0 * cum_c / cum_t if cum_t else 0.0})
    return out


DEFAULT_UPTIME_BINS = (0.0, 90.0, 95.0, 98.0, 99.0, 99.5, 100.0)


def uptime_distribution(values: Iterable[float], bins: Sequence[float] = DEFAULT_UPTIME_BINS) -> list[dict]:
    """Histogram of uptime % values: ``[{lo, hi, count}]``; bins are [lo, hi), the last one [lo, hi]."""
    counts = [0] * (len(bins) - 1)
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        for i in range(len(bins) - 1):
            last = i == len(bins) - 2
            if bins[i] <= v < bins[i + 1] or (last and v == bins[i + 1]):
                counts[i] += 1
                break
    return [{"lo": bins[i], "hi": bins[i + 1], "count": counts[i]} for i in range(len(counts))]


def users_summary(records: Iterable) -> list[dict]:
    """Per month: ``month, villages`` (codes reporting users), ``total_users``, ``mean_users``, ``zero_usage``.
    Several rows for one code in a month (e.g. daily reports) are averaged first."""
    per: dict[str, dict[str, list[float]]] = {}
    for r in map(_as_dict, records):
        if r.get("active_users") is None:
            continue
        per.setdefault(r["month"], {}).setdefault(r["code"], []).append(float(r["active_users"]))
    out = []
    for month in sorted(per):
        vals = [sum(v) / len(v) for v in per[month].values()]
        out.append({"month": month, "villages": len(vals), "total_users": sum(vals),
                    "mean_users": sum(vals) / len(vals), "zero_usage": sum(1 for v in vals if v == 0)})
    return out


def throughput_share(records: Iterable, min_down_mbps: float = 25.0, min_up_mbps: float = 3.0) -> dict:
    """Share of sites whose mean reported download >= ``min_down_mbps`` AND upload >= ``min_up_mbps``.

    Only sites with both measurements count. Returns ``{sites_evaluated, sites_meeting, share}``.
    """
    down: dict[str, list[float]] = {}
    up: dict[str, list[float]] = {}
    for r in map(_as_dict, records):
        if r.get("download_mbps") is not None:
            down.setdefault(r["code"], []).append(float(r["download_mbps"]))
        if r.get("upload_mbps") is not None:
            up.setdefault(r["code"], []).append(float(r["upload_mbps"]))
    codes = set(down) & set(up)
    meeting = sum(1 for c in codes if sum(down[c]) / len(down[c]) >= min_down_mbps
                  and sum(up[c]) / len(up[c]) >= min_up_mbps)
    return {"sites_evaluated": len(codes), "sites_meeting": meeting,
            "share": meeting / len(codes) if codes else 0.0}


def cadres_trained(rows: Iterable, key: str = "kab") -> list[dict]:
    """Digital cadres trained vs planned. ``rows``: dicts with ``key`` (e.g. kab), ``planned``, ``trained``.
    Returns per key ``{key, planned, trained, pct}`` plus a final ``{key: 'total', ...}`` row."""
    agg: dict[str, list[float]] = {}
    for r in rows:
        k = str(r.get(key, ""))
        a = agg.setdefault(k, [0.0, 0.0])
        a[0] += float(r.get("planned") or 0)
        a[1] += float(r.get("trained") or 0)
    out = [{key: k, "planned": p, "trained": t, "pct": 100.0 * t / p if p else 0.0}
           for k, (p, t) in sorted(agg.items())]
    tp, tt = sum(a[0] for a in agg.values()), sum(a[1] for a in agg.values())
    out.append({key: "total", "planned": tp, "trained": tt, "pct": 100.0 * tt / tp if tp else 0.0})
    return out
