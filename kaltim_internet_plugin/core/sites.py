"""Tower / site inputs: OpenCelliD exports, site lists (BAKTI 4G programme) and generic point layers.

Pure Python (no QGIS import), so it is unit-testable with plain python. Every loader takes *plain rows*
(a list of dicts, one per CSV line or layer feature) so the QGIS layer adapter can reuse them; the CSV
helpers (:func:`read_csv_rows`, :func:`load_sites_csv`) are thin wrappers.

Normalised site record (:class:`Site`, ``Site.to_dict()`` gives the flat attribute dict)
----------------------------------------------------------------------------------------
``site_id, operator, tech (2G/3G/4G/5G), height_m, freq_mhz, eirp_dbm, status, source, defaulted,
lon, lat, village_code, category (new/existing), phase, n_cells, techs, mnc``

* ``lon``/``lat`` are WGS 84 degrees (``x``/``y`` are read-only aliases). The QGIS adapter reprojects
  layers in other CRSs to EPSG:4326 before calling in.
* ``defaulted`` is a comma list of the fields that took the per-technology default (e.g.
  ``"height_m,freq_mhz,eirp_dbm"``), so estimated values stay visible in the attribute table.
* ``status`` is normalised to the monitoring workflow codes where recognisable (``planned``, ``surveyed``,
  ``contracted``, ``installed``, ``active``, ``disrupted``, ``migrated``; see ``monitoring.py``); unknown
  values are kept as lower-case text and reported as a warning.

Per-technology defaults (:data:`TECH_DEFAULTS`)
-----------------------------------------------
=====  ========  ========  ========  ==================================================================
tech   height m  freq MHz  EIRP dBm  source / assumption
=====  ========  ========  ========  ==================================================================
2G     30        900       58        GSM 900 is the rural 2G band of all Indonesian operators; 30 m is the
                                     typical rural greenfield/monopole; 58 dBm = 20 W x 3 dB feeder loss
                                     + 17 dBi sector antenna (ITU-R/ETSI typical macro budget).
3G     30        2100      58        UMTS band 1 (2100 MHz) is the only 3G band licensed in Indonesia;
                                     same mast/antenna assumption as 2G (3G is largely switched off since
                                     2022-2023 but still appears in OpenCelliD history).
4G     35        900       60        LTE band 8 (900 MHz, re-farmed GSM 900) is what BAKTI 4G sites and
                                     rural Telkomsel/XL/Indosat LTE in Kalimantan use for coverage; 35 m is
                                     the BAKTI standard tower height (SST 32-42 m); 60 dBm = 40 W + 18 dBi
                                     - 4 dB losses. Urban LTE on 1800/2300 MHz: override per site.
5G     30        2300      62        Indonesian 5G launches used 2.3 GHz (n40) / 2.1 GHz; 30 m rooftop or
                                     urban pole; 62 dBm reflects the array gain of 8T8R/massive MIMO.
=====  ========  ========  ========  ==================================================================

These are planning assumptions, not measurements: they only exist so coverage modelling can run on an
incomplete inventory; ``defaulted`` marks every value that came from here.

OpenCelliD (``radio, mcc, net, area, cell, unit, lon, lat, range, samples, changeable, created, updated,
averageSignal``): ``radio`` maps to tech via :data:`RADIO_TECH` (unknown radio = bad row); MCC 510 + ``net``
(MNC) maps to an operator via :data:`MNC_OPERATORS`. Cells of the same operator within ``merge_distance_m``
(default 100 m) are merged into one site (single-linkage clustering, grid + union-find, local equirectangular
projection; note single-linkage means a *chain* of cells each < 100 m apart is one site). A merged site sits
at the mean position of its cells, keeps the best (newest) technology present, lists all technologies in
``techs``, counts its cells in ``n_cells`` and is named ``OCID-<mnc>-<cell id of its first cell in file
order>``.

Row numbers
-----------
Rejects carry ``row`` = the row number as shown in a spreadsheet: **the header is row 1, the first data row is
row 2** (blank lines are counted, a quoted multi-line cell counts as one row, as in a spreadsheet). Functions
on plain rows take ``first_row_number`` (default 2) so a layer adapter can pass 1 (feature order) instead.
"""
from __future__ import annotations

import csv
import math
import re
from dataclasses import asdict, dataclass, field, replace
from typing import Iterable, Iterator, Optional, Sequence

from . import numbers as nb
from . import tabular
from .coded_error import LoggedCodedError

# (min_lon, min_lat, max_lon, max_lat) of Kalimantan Timur, with a small margin.
KALTIM_BBOX = (113.8, -2.6, 119.3, 2.7)

TECHS = ("2G", "3G", "4G", "5G")

# The physically plausible radio values of a site, the ONE range of every tool (importsites rejects a row outside
# it, coverage and optimizesites refuse the site, the Processing parameters of a height/frequency/EIRP take it as
# their range). A value outside is a typo (centimetres, kHz, watts), never used as is.
# * height_m 1-300 m above ground: BTS towers are 20-72 m (BAKTI SST 32-42 m, TECH_DEFAULTS 30-35 m); 300 m leaves
#   room for a mast on a tall building and catches a height typed in centimetres.
# * freq_mhz 30-6000 MHz: 30 MHz is the bottom of VHF (ITU Radio Regulations art. 2, band 8); below it HF travels
#   by ground and sky wave, which no terrain model of the plugin describes. 6000 MHz is above every Indonesian
#   mobile band (450-3500 MHz) and the 5.8 GHz band of village radio links; above it rain and gas attenuation
#   (ITU-R P.838, P.676), which the engine ignores, start to matter. A value below 30 is read as GHz (x 1000) first.
# * eirp_dbm 0-90 dBm: from a 1 mW device to 1 MW; a macro BTS radiates about 55-62 dBm (TECH_DEFAULTS).
PLAUSIBLE: dict[str, tuple[float, float]] = {"height_m": (1.0, 300.0), "freq_mhz": (30.0, 6000.0),
                                             "eirp_dbm": (0.0, 90.0)}
GHZ_BELOW_MHZ = 30.0  # a frequency below this is written in GHz (2.1 = 2100 MHz)
IMPLAUSIBLE_CODES = {"height_m": "site_height_implausible", "freq_mhz": "site_frequency_implausible",
                     "eirp_dbm": "site_eirp_implausible"}


def implausible_radio(**values) -> list:
    """``(field, value)`` of the given radio values (``height_m``, ``freq_mhz``, ``eirp_dbm``; None = not given)
    that lie outside :data:`PLAUSIBLE`."""
    return [(name, value) for name, value in values.items()
            if value is not None and not (PLAUSIBLE[name][0] <= value <= PLAUSIBLE[name][1])]


TECH_DEFAULTS: dict[str, dict[str, float]] = {
    "2G": {"height_m": 30.0, "freq_mhz": 900.0, "eirp_dbm": 58.0},
    "3G": {"height_m": 30.0, "freq_mhz": 2100.0, "eirp_dbm": 58.0},
    "4G": {"height_m": 35.0, "freq_mhz": 900.0, "eirp_dbm": 60.0},
    "5G": {"height_m": 30.0, "freq_mhz": 2300.0, "eirp_dbm": 62.0},
}

# OpenCelliD ``radio`` -> technology generation.
RADIO_TECH = {"GSM": "2G", "UMTS": "3G", "CDMA": "3G", "LTE": "4G", "NR": "5G"}

# Free-text technology values in site lists / point layers -> generation (compared upper-case, spaces removed).
TECH_SYNONYMS = {
    "2G": "2G", "GSM": "2G", "GPRS": "2G", "EDGE": "2G", "2.5G": "2G", "2.75G": "2G",
    "3G": "3G", "UMTS": "3G", "WCDMA": "3G", "CDMA": "3G", "HSPA": "3G", "HSPA+": "3G", "HSDPA": "3G",
    "3.5G": "3G", "EVDO": "3G", "CDMA2000": "3G",
    "4G": "4G", "LTE": "4G", "4GLTE": "4G", "LTE-A": "4G", "LTEA": "4G", "4.5G": "4G", "4G+": "4G",
    "FDD-LTE": "4G", "TDD-LTE": "4G",
    "5G": "5G", "NR": "5G", "5GNR": "5G", "NR5G": "5G",
}

# MCC 510 (Indonesia) MNC -> operator. Sources: ITU-T E.212 list of MNCs (Indonesia), mcc-mnc.com and
# operator announcements (Indosat-Tri merger 2022, XL-Axis 2014). Historical networks are kept because
# OpenCelliD still holds their cells.
MNC_OPERATORS: dict[int, str] = {
    0: "PSN (satellite)",
    1: "Indosat (Ooredoo)",
    3: "StarOne (Indosat CDMA, historical)",
    7: "Telkom (Flexi, historical)",
    8: "XL (Axis)",
    9: "Smartfren",
    10: "Telkomsel",
    11: "XL",
    20: "Telkomsel (TelkomMobile, historical)",
    21: "Indosat (IM3)",
    27: "Net1 (Ceria)",
    28: "Smartfren (Fren)",
    78: "Hinet (Berca)",
    88: "BOLT! (Internux, historical)",
    89: "Tri/3 (Hutchison; now Indosat)",
    99: "Esia (Bakrie, historical)",
}

# Header synonyms (compared after :func:`norm_name`: lower-case, non-alphanumerics -> "_").
FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "site_id": ("site_id", "id_site", "kode_site", "siteid", "site", "site_code", "id_bts", "kode_bts",
                "site_name", "nama_site", "id"),
    "village_code": ("kode_desa", "village_code", "kode", "kd_desa", "kode_kel", "kode_wilayah", "kdepum",
                     "iddesa"),
    "lon": ("lon", "longitude", "bujur", "x", "long", "lng", "koordinat_x"),
    "lat": ("lat", "latitude", "lintang", "y", "koordinat_y"),
    "category": ("kategori", "category", "jenis", "type_site", "site_type"),
    "phase": ("tahap", "phase", "fase", "tahun", "year"),
    "status": ("status", "status_site", "keterangan_status", "kondisi"),
    "operator": ("operator", "opsel", "provider", "penyedia", "isp", "mno", "vendor"),
    "tech": ("tech", "teknologi", "radio", "technology", "jaringan", "network", "generasi"),
    "height_m": ("height_m", "height", "tinggi", "tinggi_m", "tinggi_menara", "tower_height", "antenna_height",
                 "ketinggian"),
    "freq_mhz": ("freq_mhz", "freq", "frekuensi", "frequency", "frekuensi_mhz", "band_mhz"),
    "eirp_dbm": ("eirp_dbm", "eirp", "eirp_dbm_", "daya_pancar"),
}

OPENCELLID_COLUMNS = ("radio", "mcc", "net", "area", "cell", "unit", "lon", "lat", "range", "samples",
                      "changeable", "created", "updated", "averagesignal")

STATUS_SYNONYMS = {
    "planned": "planned", "plan": "planned", "rencana": "planned", "direncanakan": "planned",
    "usulan": "planned", "proposed": "planned",
    "surveyed": "surveyed", "survey": "surveyed", "disurvei": "surveyed", "survei": "surveyed",
    "contracted": "contracted", "kontrak": "contracted", "dikontrak": "contracted",
    "installed": "installed", "terpasang": "installed", "built": "installed", "terbangun": "installed",
    "selesai_dibangun": "installed", "construction_done": "installed",
    "active": "active", "aktif": "active", "on_air": "active", "onair": "active", "operational": "active",
    "beroperasi": "active", "operasional": "active", "existing": "active",
    "disrupted": "disrupted", "terganggu": "disrupted", "off_air": "disrupted", "offair": "disrupted",
    "down": "disrupted", "gangguan": "disrupted",
    "migrated": "migrated", "dimigrasi": "migrated", "migrasi": "migrated",
}

CATEGORY_SYNONYMS = {
    "new": "new", "baru": "new", "new_site": "new", "b": "new",
    "existing": "existing", "eksisting": "existing", "lama": "existing", "upgrade": "existing",
    "existing_site": "existing", "e": "existing",
}

VILLAGE_CODE_RE = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")

# numeric roles of site rows -> (how the column is parsed, name in English reject reasons)
NUMERIC_ROLES = {
    # the range of lon/lat only decides ambiguous values: check_coordinates() explains impossible ones
    "lon": (replace(nb.LONGITUDE, enforce_range=False), "lon"),
    "lat": (replace(nb.LATITUDE, enforce_range=False), "lat"),
    "height_m": (nb.ColumnSpec("height", zero="drop", outliers="off"), "height"),
    "freq_mhz": (nb.FREQUENCY, "frequency"), "eirp_dbm": (nb.EIRP, "EIRP"),
}


# --------------------------------------------------------------------------------------------- records
@dataclass
class Site:
    site_id: str
    operator: str = ""
    tech: str = ""
    height_m: Optional[float] = None
    freq_mhz: Optional[float] = None
    eirp_dbm: Optional[float] = None
    status: str = ""
    source: str = ""
    defaulted: str = ""
    lon: Optional[float] = None
    lat: Optional[float] = None
    village_code: str = ""
    category: str = ""
    phase: str = ""
    n_cells: int = 1
    techs: str = ""
    mnc: Optional[int] = None
    row: Optional[int] = None

    @property
    def x(self) -> Optional[float]:
        return self.lon

    @property
    def y(self) -> Optional[float]:
        return self.lat

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Problem:
    """One bad value (or missing one) of a rejected row."""

    reason: str  # English until a front translates it (by ``issue``, else by ``code`` and ``params``)
    issue: Optional[nb.NumberIssue] = None  # when a number is unusable
    code: str = ""  # else the problem's code and parameters (errors.describe gives the user's language)
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.reason


@dataclass
class Reject:
    """A row that cannot be imported, with every problem found in it (``problems``); ``reason`` says them all,
    ``issue``/``code``/``params`` are the first one's."""

    row: int
    reason: str
    data: dict = field(default_factory=dict)
    issue: Optional[nb.NumberIssue] = None  # when a number made the row unusable (translated by the algorithm)
    code: str = ""  # else the problem's code and parameters (errors.describe gives the user's language)
    params: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)

    def __post_init__(self):
        if not self.problems:
            self.problems = [Problem(self.reason, self.issue, self.code, self.params)]

    @classmethod
    def of(cls, row: int, data: dict, errors: Sequence[BadValueError]) -> Reject:
        """The reject of a row from the problems found in it (at least one)."""
        problems = [Problem(str(e), e.issue, e.code, e.params) for e in errors]
        first = problems[0]
        return cls(row, join_reasons(p.reason for p in problems), data, first.issue, first.code, first.params,
                   problems)

    def to_dict(self) -> dict:
        return {"row": self.row, "reason": self.reason, **{k: v for k, v in self.data.items() if k}}


def join_reasons(reasons: Iterable[str]) -> str:
    """The reasons of one row in one cell of the rejects file."""
    return " | ".join(r.rstrip() for r in reasons)


class BadValueError(LoggedCodedError):
    """A row-level problem; the English message is the reject reason until a front translates it: by ``issue`` (the
    number issue behind it) or by ``code`` and ``params`` ('site_*' keys of errors.describe's table)."""

    def __init__(self, message: str, issue: Optional[nb.NumberIssue] = None, code: str = "", **params):
        super().__init__(message, code, **params)
        self.issue = issue


# --------------------------------------------------------------------------------------------- helpers
def norm_name(name: object) -> str:
    """Header/field name for matching: lower-case, runs of non-alphanumerics -> '_', stripped."""
    return re.sub(r"[^0-9a-z]+", "_", str(name or "").strip().lower()).strip("_")


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_number(value: object, what: str = "value", spec: Optional[nb.ColumnSpec] = None) -> Optional[float]:
    """Parse one number with :func:`core.numbers.parse_number`; blank -> None; unparsable ->
    :class:`BadValueError`. Rows held in memory are parsed per column instead (:func:`normalise_point_rows`)."""
    if isinstance(value, bool):
        raise BadValueError(f"{what}: not a number ({value!r})")
    try:
        return nb.parse_number(value, spec)
    except nb.NumberError as exc:
        issue = nb.NumberIssue(exc.code, nb.ERROR, what, None, value)
        raise BadValueError(issue_reason(issue, what), issue) from None


def issue_reason(issue: nb.NumberIssue, what: str) -> str:
    """English reject reason of a number issue (the algorithms show the translated text of ``issue``)."""
    raw = issue.raw
    if issue.code == "not_finite":
        return f"{what}: not a finite number ({raw!r})"
    if issue.code == "negative":
        return f"{what}: negative value ({raw!r})"
    if issue.code == "zero":
        return f"{what}: zero ({raw!r})"
    if issue.code == "out_of_range":
        lo, hi = issue.params.get("lo"), issue.params.get("hi")
        return f"{what} {issue.value:g} not plausible (expected {lo:g}-{hi:g})"
    return f"{what}: not a number ({raw!r})"


def normalise_tech(value: object) -> Optional[str]:
    """'LTE', '4g', '4G LTE', 'GSM', 'NR' ... -> '2G'/'3G'/'4G'/'5G'; None if not recognised."""
    if is_blank(value):
        return None
    s = re.sub(r"\s+", "", str(value).strip().upper())
    if s in TECH_SYNONYMS:
        return TECH_SYNONYMS[s]
    m = re.search(r"([2-5])G", s)
    if m:
        return m.group(1) + "G"
    for key in ("LTE", "UMTS", "WCDMA", "GSM", "NR"):
        if key in s:
            return TECH_SYNONYMS[key]
    return None


def operator_for(mcc: object, mnc: object) -> str:
    """Operator name for an MCC/MNC pair ('' when MNC unknown)."""
    try:
        mcc_i, mnc_i = int(float(str(mcc).strip())), int(float(str(mnc).strip()))
    except (TypeError, ValueError):
        return ""
    if mcc_i != 510:
        return ""
    return MNC_OPERATORS.get(mnc_i, "")


def normalise_site_status(value: object) -> str:
    """Site status -> monitoring workflow code where recognisable; else the lower-case text ('' if blank)."""
    if is_blank(value):
        return ""
    key = norm_name(value)
    return STATUS_SYNONYMS.get(key, str(value).strip().lower())


def normalise_category(value: object) -> str:
    if is_blank(value):
        return ""
    return CATEGORY_SYNONYMS.get(norm_name(value), str(value).strip().lower())


def _text(value: object) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def check_coordinates(lon: Optional[float], lat: Optional[float], bbox: Optional[Sequence[float]]) -> None:
    """Raise :class:`BadValueError` when coordinates are missing, impossible or outside ``bbox``."""
    if lon is None or lat is None:
        raise BadValueError("no coordinates (lon/lat empty)", code="site_no_coordinates")
    hint = ""
    if bbox is not None:
        min_lon, min_lat, max_lon, max_lat = bbox
        if min_lon <= lat <= max_lon and min_lat <= lon <= max_lat:
            hint = "swapped"
    english_hint = " - lon and lat look swapped" if hint else ""
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise BadValueError(f"coordinates out of range (lon {lon:g}, lat {lat:g}); expected degrees WGS 84"
                            f"{english_hint}", code="site_coordinates_out_of_range", lon=f"{lon:g}", lat=f"{lat:g}",
                            hint=hint)
    if bbox is not None:
        if not (min_lon <= lon <= max_lon and min_lat <= lat <= max_lat):
            raise BadValueError(
                f"outside the province bounding box (lon {lon:g}, lat {lat:g} not in lon {min_lon:g}..{max_lon:g}, "
                f"lat {min_lat:g}..{max_lat:g}){english_hint}", code="site_outside_bbox", lon=f"{lon:g}",
                lat=f"{lat:g}", min_lon=f"{min_lon:g}", max_lon=f"{max_lon:g}", min_lat=f"{min_lat:g}",
                max_lat=f"{max_lat:g}", hint=hint)


def apply_defaults(site: Site) -> None:
    """Fill height/freq/EIRP from :data:`TECH_DEFAULTS` where missing and record them in ``defaulted``."""
    defaults = TECH_DEFAULTS.get(site.tech)
    flagged = [f for f in site.defaulted.split(",") if f]
    if defaults:
        for key, value in defaults.items():
            if getattr(site, key) is None:
                setattr(site, key, value)
                if key not in flagged:
                    flagged.append(key)
    site.defaulted = ",".join(flagged)


# --------------------------------------------------------------------------------------------- detection
def detect_format(header: Iterable[str]) -> str:
    """'opencellid' / 'sitelist' / 'generic' / '' from a CSV header (or layer field names)."""
    names = {norm_name(h) for h in header}
    if {"radio", "mcc", "net", "cell", "lon", "lat"} <= names:
        return "opencellid"
    mapping = detect_field_mapping(names)
    has_xy = "lon" in mapping and "lat" in mapping
    if "site_id" in mapping and ("village_code" in mapping or "category" in mapping or "phase" in mapping):
        return "sitelist"
    if has_xy or {"operator", "tech", "height_m"} & set(mapping):
        return "generic"
    return ""


def detect_field_mapping(field_names: Iterable[str]) -> dict[str, str]:
    """Canonical role -> actual field name, from :data:`FIELD_SYNONYMS` (case/punctuation-insensitive).

    Each actual field is used for at most one role; synonyms earlier in a role's list win.
    """
    fields = list(field_names)
    by_norm: dict[str, str] = {}
    for f in fields:
        by_norm.setdefault(norm_name(f), f)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for role, synonyms in FIELD_SYNONYMS.items():
        for syn in synonyms:
            actual = by_norm.get(syn)
            if actual is not None and actual not in used:
                mapping[role] = actual
                used.add(actual)
                break
    return mapping


# --------------------------------------------------------------------------------------------- CSV reading
# column names the header-row detection looks for (title rows above them are skipped)
KNOWN_COLUMNS = tuple({syn for syns in FIELD_SYNONYMS.values() for syn in syns} | set(OPENCELLID_COLUMNS))


def iter_csv_rows(path: str, encoding: Optional[str] = None) -> tuple[list[str], Iterator[tuple[int, dict]]]:
    """Stream a CSV (or XLSX) file -> ``(header, iterator of (spreadsheet_row_number, row_dict))``.

    :func:`core.tabular.open_table`: encoding, delimiter and header row detected, title rows skipped, blank lines
    skipped but counted. Rows are produced lazily, so national OpenCelliD exports do not sit in memory.
    Raises :class:`core.tabular.TableError` (e.g. ``empty_file``).
    """
    info, rows = tabular.open_table(path, encoding=encoding, known_names=KNOWN_COLUMNS)
    return info.header, rows


def read_csv_rows(path: str, encoding: Optional[str] = None) -> tuple[list[str], list[tuple[int, dict]]]:
    """Read a whole CSV file -> ``(header, [(spreadsheet_row_number, row_dict), ...])`` (see :func:`iter_csv_rows`)."""
    header, rows = iter_csv_rows(path, encoding)
    return header, list(rows)


def numbered_rows(rows: Iterable, first_row_number: int = 2) -> Iterator[tuple[int, dict]]:
    """Accept plain dict rows (numbered from ``first_row_number``) or ``(row_number, dict)`` pairs."""
    for i, item in enumerate(rows):
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], dict):
            yield int(item[0]), item[1]
        else:
            yield first_row_number + i, item


def all_keys(numbered: Iterable[tuple[int, dict]]) -> list[str]:
    """Union of the row keys in first-seen order (rows from a file or layer normally share one header)."""
    keys: dict[str, None] = {}
    for _, row in numbered:
        for k in row:
            keys.setdefault(k, None)
    return list(keys)


# --------------------------------------------------------------------------------------------- OpenCelliD
def normalise_opencellid_rows(rows: Iterable, bbox: Optional[Sequence[float]] = KALTIM_BBOX,
                              merge_distance_m: float = 100.0, first_row_number: int = 2,
                              reject_outside_bbox: bool = True,
                              ) -> tuple[list[Site], list[Reject], list[str]]:
    """OpenCelliD cells -> merged sites. Returns ``(sites, rejects, warnings)``.

    ``rows``: dicts keyed by the OpenCelliD column names (any case), or ``(row_number, dict)`` pairs.
    ``merge_distance_m``: cells of the same operator (MCC+MNC) closer than this are one site; 0 disables.
    ``reject_outside_bbox``: False = cells outside ``bbox`` are only counted in a warning instead of being
    listed as rejects (use for national exports where most rows lie in other provinces).
    ``rows`` may be any iterable (e.g. the iterator of :func:`iter_csv_rows`); it is consumed once.
    """
    rejects: list[Reject] = []
    warnings: list[str] = []
    cells: list[dict] = []
    unknown_mnc: dict[tuple, int] = {}
    outside = 0
    columns: dict[tuple, dict[str, str]] = {}
    for rownum, row in numbered_rows(rows, first_row_number):
        keys = tuple(row)
        col = columns.get(keys)
        if col is None:
            col = columns[keys] = {norm_name(k): k for k in reversed(keys)}

        def _lookup(r: dict, name: str, col: dict = col):
            key = col.get(name)
            return r.get(key) if key is not None else None

        problems: list[BadValueError] = []  # every problem of the row, said at once

        def read(name: str, what: str, spec: Optional[nb.ColumnSpec] = None, row: dict = row,
                 problems: list = problems) -> Optional[float]:
            try:
                return parse_number(_lookup(row, name), what, spec)
            except BadValueError as exc:
                problems.append(exc)
                return None

        lon, lat = read("lon", "lon", nb.LONGITUDE), read("lat", "lat", nb.LATITUDE)
        if not reject_outside_bbox and bbox is not None and lon is not None and lat is not None and not (
                bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]):
            outside += 1
            continue
        coordinates_read = not problems  # an unreadable lon or lat is named as such, not also as missing
        radio = _text(_lookup(row, "radio")).upper()
        tech = RADIO_TECH.get(radio)
        if not radio:
            problems.append(BadValueError("radio empty", code="site_radio_empty"))
        elif tech is None:
            problems.append(BadValueError(f"unknown radio {radio!r} (expected GSM, UMTS, CDMA, LTE or NR)",
                                          code="site_unknown_radio", value=radio))
        if coordinates_read:
            try:
                check_coordinates(lon, lat, bbox)
            except BadValueError as exc:
                problems.append(exc)
        mcc, mnc = read("mcc", "mcc"), read("net", "net (MNC)")
        if (mcc is None or mnc is None) and not any(p.issue is not None and p.issue.field in ("mcc", "net (MNC)")
                                                   for p in problems):
            problems.append(BadValueError("mcc or net (MNC) empty", code="site_mcc_empty"))
        cell_id = _text(_lookup(row, "cell"))
        if not cell_id:
            problems.append(BadValueError("cell id empty", code="site_cell_empty"))
        samples, rng = read("samples", "samples"), read("range", "range")
        if problems:
            rejects.append(Reject.of(rownum, dict(row), problems))
            continue
        mcc_i, mnc_i = int(mcc), int(mnc)
        operator = operator_for(mcc_i, mnc_i)
        if not operator:
            operator = f"MCC {mcc_i} MNC {mnc_i:02d}"
            unknown_mnc[(mcc_i, mnc_i)] = unknown_mnc.get((mcc_i, mnc_i), 0) + 1
        cells.append({"row": rownum, "tech": tech, "lon": lon, "lat": lat, "mcc": mcc_i, "mnc": mnc_i,
                      "operator": operator, "cell": cell_id, "samples": samples or 0, "range": rng})
    if outside:
        warnings.append(f"{outside} cell(s) outside the bounding box skipped")
    for (mcc_i, mnc_i), n in sorted(unknown_mnc.items()):
        warnings.append(f"{n} cell(s) with unknown operator MCC {mcc_i} MNC {mnc_i:02d}: kept, operator "
                        f"named by code")

    groups = cluster_points([(c["lon"], c["lat"]) for c in cells], merge_distance_m,
                            keys=[(c["mcc"], c["mnc"]) for c in cells])
    sites: list[Site] = []
    order = {"2G": 2, "3G": 3, "4G": 4, "5G": 5}
    for members in groups:
        members = sorted(members, key=lambda i: cells[i]["row"])
        first = cells[members[0]]
        techs = sorted({cells[i]["tech"] for i in members}, key=order.get)
        best = techs[-1]
        lon = sum(cells[i]["lon"] for i in members) / len(members)
        lat = sum(cells[i]["lat"] for i in members) / len(members)
        site = Site(site_id=f"OCID-{first['mnc']}-{first['cell']}", operator=first["operator"], tech=best,
                    status="active", source="opencellid", lon=round(lon, 7), lat=round(lat, 7),
                    category="existing", n_cells=len(members), techs=",".join(techs), mnc=first["mnc"],
                    row=first["row"])
        apply_defaults(site)
        sites.append(site)
    sites.sort(key=lambda s: s.row or 0)
    merged = len(cells) - len(sites)
    if merged:
        warnings.append(f"{len(cells)} cells merged into {len(sites)} sites (same operator within "
                        f"{merge_distance_m:g} m)")
    return sites, rejects, warnings


def cluster_points(points: Sequence[tuple[float, float]], distance_m: float,
                   keys: Optional[Sequence] = None) -> list[list[int]]:
    """Single-linkage clusters of lon/lat points closer than ``distance_m`` (and with equal ``keys``).

    Local equirectangular projection around the mean latitude (error << 1 m at 100 m near the equator),
    grid of ``distance_m`` cells so only the 3x3 neighbourhood is compared, union-find for the components.
    Returns lists of point indices, in order of their first member.
    """
    n = len(points)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if n and distance_m and distance_m > 0:
        r = 6371008.8
        lat0 = math.radians(sum(p[1] for p in points) / n)
        kx, ky = r * math.cos(lat0) * math.pi / 180.0, r * math.pi / 180.0
        xy = [(p[0] * kx, p[1] * ky) for p in points]
        grid: dict[tuple, list[int]] = {}
        d2 = distance_m * distance_m
        for i, (x, y) in enumerate(xy):
            gx, gy = int(math.floor(x / distance_m)), int(math.floor(y / distance_m))
            key = keys[i] if keys is not None else None
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for j in grid.get((key, gx + dx, gy + dy), ()):
                        if (x - xy[j][0]) ** 2 + (y - xy[j][1]) ** 2 <= d2:
                            ri, rj = find(i), find(j)
                            if ri != rj:
                                parent[max(ri, rj)] = min(ri, rj)
            grid.setdefault((key, gx, gy), []).append(i)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: min(g))


# --------------------------------------------------------------------------------------------- site lists
def _role(row: dict, mapping: dict[str, str], role: str):
    name = mapping.get(role)
    return row.get(name) if name else None


def normalise_point_rows(rows: Sequence, mapping: Optional[dict[str, str]] = None,
                         bbox: Optional[Sequence[float]] = KALTIM_BBOX, source: str = "layer",
                         default_tech: str = "4G", first_row_number: int = 2, id_prefix: str = "SITE",
                         coordinates: Optional[Sequence[tuple[float, float]]] = None,
                         number_issues: Optional[list] = None,
                         ) -> tuple[list[Site], list[Reject], list[str]]:
    """Generic tower rows (site lists or point-layer attributes) -> sites. Returns ``(sites, rejects, warnings)``.

    ``mapping``: role -> field name (see :data:`FIELD_SYNONYMS`); auto-detected from the row keys when None.
    ``coordinates``: optional (lon, lat) per row, e.g. from layer geometries (already in EPSG:4326); when
    given, lon/lat fields are ignored.
    Missing tech takes ``default_tech`` (flagged in ``defaulted``); an unrecognised tech is a bad row;
    missing height/freq/EIRP take :data:`TECH_DEFAULTS`. A frequency below 30 is read as GHz (``2.1`` ->
    2100 MHz); heights, frequencies and EIRPs outside :data:`PLAUSIBLE` (1-300 m, 30-6000 MHz, 0-90 dBm) are bad
    rows.
    Duplicate site ids: the later row is rejected. Missing site ids become ``<id_prefix>-<row>``.
    Numbers are parsed per column (:func:`core.numbers.parse_column`): a row with an unusable number is rejected
    (``Reject.issue`` holds the issue); column-level findings (how ``1.234`` was read) go to ``number_issues``
    when a list is given, else to the warnings as English text.
    """
    numbered = list(numbered_rows(rows, first_row_number))
    if mapping is None:
        mapping = detect_field_mapping(all_keys(numbered))
    sites: list[Site] = []
    rejects: list[Reject] = []
    warnings: list[str] = []
    seen: dict[str, int] = {}
    odd_status: dict[str, int] = {}
    odd_category: dict[str, int] = {}
    odd_village: list[int] = []
    if coordinates is None and not ("lon" in mapping and "lat" in mapping):
        warnings.append("no longitude/latitude columns found (looked for lon/longitude/bujur/x and "
                        "lat/latitude/lintang/y)")
    numeric = dict(NUMERIC_ROLES)
    if coordinates is not None:
        numeric.pop("lon")
        numeric.pop("lat")
    labels = [rownum for rownum, _ in numbered]
    parsed = {role: nb.parse_column([_role(row, mapping, role) for _, row in numbered], mapping.get(role, role),
                                    spec, rows=labels) for role, (spec, _what) in numeric.items()}
    # how ambiguous separators were read, mixed conventions: into ``number_issues`` when the caller translates
    # them, else as English warnings
    column_issues = [i for col in parsed.values() for i in col.issues if i.row is None]
    if number_issues is not None:
        number_issues.extend(column_issues)
    else:
        warnings.extend(str(i) for i in column_issues)
    # every unusable number of a row (a row with a bad height, frequency and EIRP names all three at once)
    row_errors: dict = {}
    for role, col in parsed.items():
        for issue in col.errors:
            row_errors.setdefault((issue.row, role), issue)

    for index, (rownum, row) in enumerate(numbered):
        problems: list[BadValueError] = []

        def number(role: str, rownum: int = rownum, index: int = index,
                   problems: list = problems) -> Optional[float]:
            issue = row_errors.get((rownum, role))
            if issue is not None:
                problems.append(BadValueError(issue_reason(issue, NUMERIC_ROLES[role][1]), issue))
                return None
            return parsed[role].values[index]

        if coordinates is not None:
            lon, lat = coordinates[index] if coordinates[index] is not None else (None, None)
        else:
            lon, lat = number("lon"), number("lat")
        if not problems:  # an unreadable lon or lat is named as such, not also as missing coordinates
            try:
                check_coordinates(lon, lat, bbox)
            except BadValueError as exc:
                problems.append(exc)
        defaulted: list[str] = []
        raw_tech = _role(row, mapping, "tech")
        if is_blank(raw_tech):
            tech = default_tech
            defaulted.append("tech")
        else:
            tech = normalise_tech(raw_tech)
            if tech is None:
                problems.append(BadValueError(
                    f"unknown technology {raw_tech!r} (expected 2G/3G/4G/5G, GSM, UMTS, LTE, NR)",
                    code="site_unknown_tech", value=str(raw_tech)))
        height, freq, eirp = (number(r) for r in ("height_m", "freq_mhz", "eirp_dbm"))
        ghz = freq if freq is not None and 0 < freq < GHZ_BELOW_MHZ else None
        if ghz is not None:  # given in GHz
            freq = freq * 1000.0
        for name, value in implausible_radio(height_m=height, freq_mhz=freq, eirp_dbm=eirp):
            lo, hi = PLAUSIBLE[name]
            code = "site_frequency_ghz_implausible" if name == "freq_mhz" and ghz is not None \
                else IMPLAUSIBLE_CODES[name]
            problems.append(BadValueError(f"{name} {value:g} not plausible (expected {lo:g}-{hi:g})", code=code,
                                          value=f"{value:g}", raw=f"{ghz:g}" if ghz is not None else "",
                                          low=f"{lo:g}", high=f"{hi:g}"))
        site_id = _text(_role(row, mapping, "site_id")) or f"{id_prefix}-{rownum}"
        if site_id in seen:
            problems.append(BadValueError(f"duplicate site id {site_id!r} (first on row {seen[site_id]})",
                                          code="site_duplicate_id", site_id=site_id, first=seen[site_id]))
        if problems:
            rejects.append(Reject.of(rownum, dict(row), problems))
            continue
        seen[site_id] = rownum
        status = normalise_site_status(_role(row, mapping, "status"))
        if status and status not in set(STATUS_SYNONYMS.values()):
            odd_status[status] = odd_status.get(status, 0) + 1
        category = normalise_category(_role(row, mapping, "category"))
        if category and category not in ("new", "existing"):
            odd_category[category] = odd_category.get(category, 0) + 1
        village = _text(_role(row, mapping, "village_code"))
        if village and not VILLAGE_CODE_RE.match(village):
            odd_village.append(rownum)
        site = Site(site_id=site_id, operator=_text(_role(row, mapping, "operator")), tech=tech,
                    height_m=height, freq_mhz=freq, eirp_dbm=eirp, status=status, source=source,
                    defaulted=",".join(defaulted), lon=lon, lat=lat, village_code=village, category=category,
                    phase=_text(_role(row, mapping, "phase")), techs=tech, row=rownum)
        apply_defaults(site)
        sites.append(site)
    for value, n in sorted(odd_status.items()):
        warnings.append(f"status {value!r} ({n} row(s)) is not a known workflow status; kept as text")
    for value, n in sorted(odd_category.items()):
        warnings.append(f"category {value!r} ({n} row(s)) is neither new nor existing; kept as text")
    if odd_village:
        shown = ", ".join(str(r) for r in odd_village[:10]) + (" ..." if len(odd_village) > 10 else "")
        warnings.append(f"{len(odd_village)} village code(s) not in Kemendagri form 64.xx.xx.xxxx (rows {shown})")
    return sites, rejects, warnings


def normalise_sitelist_rows(rows: Sequence, mapping: Optional[dict[str, str]] = None,
                            bbox: Optional[Sequence[float]] = KALTIM_BBOX, first_row_number: int = 2,
                            default_tech: str = "4G", source: str = "sitelist",
                            ) -> tuple[list[Site], list[Reject], list[str]]:
    """Site lists such as the BAKTI 4G programme (site id, village code, lon/lat, category, phase, status).

    Same as :func:`normalise_point_rows` with a 4G default technology (the BAKTI programme is 4G) and
    ``source='sitelist'``.
    """
    return normalise_point_rows(rows, mapping=mapping, bbox=bbox, source=source, default_tech=default_tech,
                                first_row_number=first_row_number, id_prefix="SITE")


def load_sites_csv(path: str, fmt: Optional[str] = None, bbox: Optional[Sequence[float]] = KALTIM_BBOX,
                   merge_distance_m: float = 100.0, mapping: Optional[dict[str, str]] = None,
                   reject_outside_bbox: bool = True) -> tuple[list[Site], list[Reject], list[str]]:
    """Read a CSV (OpenCelliD export, site list or generic tower table) -> ``(sites, rejects, warnings)``.

    ``fmt``: 'opencellid', 'sitelist' or 'generic'; auto-detected from the header when None.
    """
    header, rows = iter_csv_rows(path)
    fmt = fmt or detect_format(header)
    if fmt == "opencellid":
        return normalise_opencellid_rows(rows, bbox=bbox, merge_distance_m=merge_distance_m,
                                         reject_outside_bbox=reject_outside_bbox)
    if fmt == "sitelist":
        return normalise_sitelist_rows(rows, mapping=mapping, bbox=bbox)
    if fmt == "generic":
        return normalise_point_rows(rows, mapping=mapping, bbox=bbox, source="csv")
    raise ValueError(f"{path}: header not recognised as an OpenCelliD export or a site list "
                     f"(columns: {', '.join(header)})")


def write_rejects_csv(path: str, rejects: Sequence[Reject]) -> None:
    """Rejects -> CSV (row, reason, then the original columns)."""
    columns: list[str] = []
    for rj in rejects:
        for k in rj.data:
            if k and k not in columns and k not in ("row", "reason"):
                columns.append(k)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["row", "reason", *columns])
        for rj in rejects:
            writer.writerow([rj.row, rj.reason, *[rj.data.get(c, "") for c in columns]])
