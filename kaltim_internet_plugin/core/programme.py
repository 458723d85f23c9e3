"""The province's free-internet programme as it stands: which villages are connected, by what, by whom, at what
monthly fee, since when and until when. Plans start from this state (issue 14).

A status table (CSV/XLSX, as offices save them) has one row per village. Columns are found by name (Indonesian or
English; case and spaces ignored):

==================  ==========================================================================================
village code        ``kode_desa``, ``kode``, ``kode_kemendagri``, ``code``, ``kode_bps`` (Kemendagri 64.xx.xx.xxxx,
                    undotted, or BPS 10 digits)
name, kecamatan     ``nama_desa``/``desa``/``nama``, ``kecamatan``/``nama_kec`` (used when the code is missing or
                    unknown: name + kecamatan, case-insensitive)
connected           ``terhubung``/``connected``/``status``: ya/yes/1/terhubung/connected, tidak/no/0/belum
technology          ``teknologi``/``technology``/``tech``: fibre service (IndiHome, Astinet, Telkom WMS, Icon+),
                    FWA (Orbit), satellite (Starlink, VSAT), radio, or empty (unknown)
provider            ``penyedia``/``provider``/``isp``
monthly fee         ``biaya_bulanan``/``monthly_fee``/``biaya`` (rupiah as every amount: "1.500.000", "Rp 1.500.000,-")
since, contract end ``sejak``/``since``, ``kontrak_berakhir``/``contract_end`` (dd-mm-yyyy, yyyy-mm-dd, dd/mm/yyyy)
==================  ==========================================================================================

:func:`match_status` joins the rows to the villages and reports, with the spreadsheet row: codes that match no
village (with the closest name match when there is one), a village given twice (the first row is kept), a
contract that ended before the status date (its renewal is due), an unknown technology, a fee that is not a
number, a date in the future. Issues carry a ``code`` and ``params`` (``..errors.describe`` gives the text).

Pure Python (no Qt, no QGIS).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from . import numbers as nb
from .coded_error import CodedError
from .villages import parse_code

# technologies of connected villages (keys of core.funding.TECH_KEYS, plus "" = unknown)
TECH_WORDS = {
    "fibre_service": ("fibre_service", "fiber", "fibre", "fo", "serat optik", "indihome", "astinet", "wms",
                      "telkom wms", "wifi.id", "icon+", "iconnet", "iconplus", "biznet", "fiber optik"),
    "fwa": ("fwa", "orbit", "telkomsel orbit", "4g fwa", "modem 4g", "4g"),
    "satellite": ("satellite", "satelit", "starlink", "vsat", "mangoesky"),
    "radio": ("radio", "radio link", "microwave", "wireless"),
}
SATELLITE = "satellite"

COLUMN_NAMES = {
    "code": ("kode_desa", "kode", "kode_kemendagri", "kode_wilayah", "code", "village_code", "kode_bps", "idesa"),
    "name": ("nama_desa", "desa", "nama", "village", "name", "desa_kelurahan"),
    "kecamatan": ("kecamatan", "nama_kec", "nama_kecamatan", "district"),
    "connected": ("terhubung", "connected", "tersambung", "status", "status_internet"),
    "tech": ("teknologi", "technology", "tech", "jenis_layanan"),
    "provider": ("penyedia", "provider", "isp", "operator"),
    "fee": ("biaya_bulanan", "monthly_fee", "biaya", "fee_idr_month", "tarif_bulanan", "biaya_per_bulan"),
    "since": ("sejak", "since", "tanggal_mulai", "mulai"),
    "contract_end": ("kontrak_berakhir", "contract_end", "akhir_kontrak", "berakhir"),
}
YES = {"ya", "y", "yes", "1", "true", "terhubung", "tersambung", "connected", "sudah", "aktif", "on"}
NO = {"tidak", "t", "no", "n", "0", "false", "belum", "not connected", "tidak terhubung", "belum terhubung", "off"}


class ProgrammeError(CodedError):
    """A programme table or value is not valid (``errors.describe`` gives the text; a param may be called 'code')."""


@dataclass
class Issue:
    """One finding of the import: ``level`` error (the row is not used) or warning (used, with the note)."""

    level: str
    code: str
    row: int
    params: dict = field(default_factory=dict)


@dataclass
class ProgrammeStatus:
    code: str  # the village's Kemendagri code (normalised)
    row: int
    connected: bool
    tech: str = ""  # key, "" = unknown
    provider: str = ""
    fee_idr_month: Optional[int] = None
    since: Optional[dt.date] = None
    contract_end: Optional[dt.date] = None

    @property
    def renewal_due(self) -> bool:
        return self.contract_end is not None and self.contract_end < dt.date.today()


@dataclass
class VillageKey:
    code: str  # normalised Kemendagri code
    name: str = ""
    kecamatan: str = ""


@dataclass
class MatchResult:
    status: Dict[str, ProgrammeStatus]
    issues: List[Issue]
    rows: int = 0
    matched_by_name: int = 0

    def count(self, level: str) -> int:
        return sum(1 for i in self.issues if i.level == level)


def _fold(text: object) -> str:
    s = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9+]+", " ", s.lower()).strip()


def _key(text: str) -> str:
    return _fold(text).replace(" ", "_")


def find_columns(header: Sequence[str]) -> Dict[str, str]:
    """Role -> the header's own spelling, for every role found."""
    by_key = {_key(h): h for h in header if h}
    out = {}
    for role, names in COLUMN_NAMES.items():
        for n in names:
            if _key(n) in by_key:
                out[role] = by_key[_key(n)]
                break
    return out


def tech_key(value: object) -> Optional[str]:
    """Technology key of a status cell; "" for empty; None when not recognised."""
    s = _fold(value)
    if not s:
        return ""
    for key, words in TECH_WORDS.items():
        if s in words or any(w in s for w in words if len(w) > 3):
            return key
    return None


def parse_fee(value: object) -> Optional[int]:
    """Rupiah per month, read as every tool reads an amount (:mod:`.numbers`: '1.500.000', 'Rp 1.500.000,-',
    'Rp. 1.500.000,00', 'IDR 1.500.000', '1,5 jt', '750 rb', 1500000.0); None when missing or not a number. A
    negative amount is returned as it is (the caller names it)."""
    try:
        v = nb.parse_number(value, nb.MONEY)
    except nb.NumberError:
        return None
    return None if v is None else int(round(v))


def parse_date(value: object) -> Optional[dt.date]:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise ValueError(s)


def _connected(value: object) -> Optional[bool]:
    s = _fold(value)
    if s in YES:
        return True
    if s in NO or s == "":
        return False if s else None
    return None


def other_kab_kota_only(rows: Iterable[Tuple[int, dict]], header: Sequence[str],
                        villages: Sequence[VillageKey]) -> List[str]:
    """The layer's kab/kota codes ("64.72") when every row of the table has a Kemendagri code of another kab/kota
    of the layer's province (a province table and a layer of part of it, e.g. a kota whose kelurahan the
    programme does not list), else []: a row without a code, of no kab/kota of the layer's province or of one of
    the layer's kab/kota (a village the layer should hold) means the table may be the wrong one."""
    cols = find_columns(header)
    kabs = {v.code[:5] for v in villages if parse_code(v.code).ok}
    provinces = {k[:2] for k in kabs}
    seen = False
    for _row_no, row in rows:
        raw = row.get(cols["code"]) if "code" in cols else None
        parsed = parse_code(raw) if raw not in (None, "") else None
        if parsed is None or not parsed.ok:
            return []
        kab = parsed.normalized[:5]
        if kab in kabs or kab[:2] not in provinces:
            return []
        seen = True
    return sorted(kabs) if seen else []


def match_status(rows: Iterable[Tuple[int, dict]], header: Sequence[str], villages: Sequence[VillageKey],
                 as_of: Optional[dt.date] = None) -> MatchResult:
    """Join status rows to villages (code, else name + kecamatan) and collect the issues."""
    as_of = as_of or dt.date.today()
    cols = find_columns(header)
    if "code" not in cols and "name" not in cols:
        raise ProgrammeError("programme_no_key", columns=", ".join(h for h in header if h))
    if "connected" not in cols and "tech" not in cols:
        raise ProgrammeError("programme_no_status", columns=", ".join(h for h in header if h))
    known = {v.code: v for v in villages}
    by_name: Dict[Tuple[str, str], List[str]] = {}
    by_name_only: Dict[str, List[str]] = {}
    for v in villages:
        by_name.setdefault((_fold(v.name), _fold(v.kecamatan)), []).append(v.code)
        by_name_only.setdefault(_fold(v.name), []).append(v.code)
    out: Dict[str, ProgrammeStatus] = {}
    issues: List[Issue] = []
    seen_row: Dict[str, int] = {}
    n = by_name_count = 0
    for row_no, row in rows:
        n += 1
        raw_code = row.get(cols["code"]) if "code" in cols else None
        name = row.get(cols["name"]) if "name" in cols else ""
        kec = row.get(cols["kecamatan"]) if "kecamatan" in cols else ""
        code = None
        if raw_code not in (None, ""):
            parsed = parse_code(raw_code)
            if parsed.ok and parsed.normalized in known:
                code = parsed.normalized
        if code is None and name:
            hits = by_name.get((_fold(name), _fold(kec)), []) if kec else by_name_only.get(_fold(name), [])
            if len(hits) == 1:
                code = hits[0]
                by_name_count += 1
        # a row dropped (no village, a village given before, a 'terhubung' of neither ya nor tidak) still has its
        # other values read: their problems are said in the same run, worded for a row that is not used (were:
        # said only once the row was mended, at the next run)
        drop = None
        if code is None:
            close = by_name_only.get(_fold(name), []) if name else []
            kind = "programme_unmatched_named" if close else "programme_unmatched"
            drop = Issue("error", kind, row_no, {"value": raw_code if raw_code not in (None, "") else name,
                                                 "hint": ", ".join(close[:3]) if close else ""})
        elif code in seen_row:
            drop = Issue("error", "programme_duplicate", row_no, {"code": code, "first": seen_row[code]})
        connected = _connected(row.get(cols["connected"])) if "connected" in cols else None
        if drop is None and connected is None and "connected" in cols and _fold(row.get(cols["connected"])):
            drop = Issue("error", "programme_bad_connected", row_no,
                         {"code": code, "value": row.get(cols["connected"])})
        if drop is None:  # the village's row in use: a later row of it repeats this one (an ignored row holds no place)
            seen_row[code] = row_no
        else:
            issues.append(drop)
        values = _read_values(row, cols, row_no, code, as_of, issues, dropped=drop is not None)
        if drop is not None:
            continue
        tech, fee, dates = values
        if connected is None:
            connected = bool(tech)
        if connected and dates["contract_end"] is not None and dates["contract_end"] < as_of:
            issues.append(Issue("warning", "programme_contract_ended", row_no,
                                {"code": code, "date": dates["contract_end"].isoformat(),
                                 "as_of": as_of.isoformat()}))
        out[code] = ProgrammeStatus(code, row_no, connected, tech, str(row.get(cols["provider"]) or "").strip()
                                    if "provider" in cols else "", fee, dates["since"], dates["contract_end"])
    if n == 0:
        raise ProgrammeError("programme_empty")
    return MatchResult(out, issues, n, by_name_count)


def _read_values(row: dict, cols: Dict[str, str], row_no: int, code: Optional[str], as_of: dt.date,
                 issues: List[Issue], dropped: bool) -> tuple:
    """``(tech, fee, dates)`` of a status row, an issue added for each bad value: a warning naming what is used
    instead, or, for a ``dropped`` row (not used), an error of the ``programme_dropped_`` kind, which says so."""
    def said(level: str, kind: str, **params) -> None:
        if dropped:
            level, kind = "error", kind.replace("programme_", "programme_dropped_", 1)
        issues.append(Issue(level, kind, row_no, {"code": code, **params}))

    tech = tech_key(row.get(cols["tech"])) if "tech" in cols else ""
    if tech is None:
        said("warning", "programme_unknown_tech", value=row.get(cols["tech"]))
        tech = ""
    fee = None
    if "fee" in cols and row.get(cols["fee"]) not in (None, ""):
        fee = parse_fee(row.get(cols["fee"]))
        if fee is None or fee < 0:
            said("warning", "programme_bad_fee" if fee is None else "programme_negative_fee",
                 value=row.get(cols["fee"]))
            fee = None
        elif fee > MAX_FEE_IDR_MONTH:  # a typing error would book trillions of OPEX a year
            said("warning", "programme_implausible_fee", value=row.get(cols["fee"]),
                 high=f"{MAX_FEE_IDR_MONTH:,}".replace(",", "."))
            fee = None
    dates = {}
    for role in ("since", "contract_end"):
        dates[role] = None
        if role in cols and row.get(cols[role]) not in (None, ""):
            try:
                dates[role] = parse_date(row.get(cols[role]))
            except ValueError:
                said("warning", "programme_bad_date", column=cols[role], value=row.get(cols[role]))
    if dates["since"] is not None and dates["since"] > as_of:
        said("warning", "programme_future_since", date=dates["since"].isoformat(), as_of=as_of.isoformat())
    return tech, fee, dates


# monthly fee when the table gives none (illustrative planning figures; see docs/guide/programme.md)
DEFAULT_FEE_IDR_MONTH = {"fibre_service": 1_500_000, "fwa": 500_000, "satellite": 1_250_000, "radio": 750_000,
                         "": 1_430_000}
FEE_SOURCE = ("Average Rp 1.43 million a month = the province's 2025 package (Rp 12-12.5 bn for 716 desa, "
              "Diskominfo Kaltim public reports, read 2026-12) / 716 / 12; per technology: planning assumptions")


#: the largest monthly fee of one village's connection read as given (Rp 100 juta, about 70 times the programme's
#: average of Rp 1.43 juta above; a dedicated fibre line costs tens of millions): above it, a typing error is named
MAX_FEE_IDR_MONTH = 100_000_000


def yearly_fee(status: ProgrammeStatus) -> int:
    fee = status.fee_idr_month if status.fee_idr_month is not None else DEFAULT_FEE_IDR_MONTH.get(status.tech, 0)
    return int(fee) * 12
