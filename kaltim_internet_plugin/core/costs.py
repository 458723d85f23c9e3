"""Cost table (IDR) and technology choice per village office (pure python + numpy/scipy).

The default table holds published Indonesian figures where they exist and
documented assumptions where they do not; every row says which in ``source``.
The table is editable and round-trips through JSON and CSV.

Technology choice (:func:`choose_technology`): for every village office the
cheapest FEASIBLE option over the planning horizon (capex + horizon x opex):

* ``fibre``      a fibre node within ``fibre_max_km`` (cost per km x distance + terminal)
* ``fwa_4g``     the office is already inside 4G coverage (router + subscription)
* ``radio``      line of sight to a connected point within ``radio_max_km``
                 (the LOS flag is computed by the caller)
* ``bts``        a cluster of >= ``bts_min_cluster`` uncovered villages within
                 ``bts_cluster_radius_km`` of a seed village justifies a new 3T BTS;
                 its cost is shared among the villages that take it (+ a 4G router each)
* ``satellite``  always feasible (Starlink/VSAT class)

Each choice carries an English and an Indonesian reason sentence (``reason_en``,
``reason_id``) so the algorithm layer can pick by locale.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
from dataclasses import asdict, dataclass, field, fields
from typing import Optional, Sequence

import numpy as np

from . import formatting as _fmt
from . import numbers, tabular
from .coded_error import LoggedCodedError

USD_TO_IDR = 16_000.0
"""Conversion rate used for figures published in US$ (Rp 16,000 per US$, 2024-2025 level)."""

UNITS = ("site", "km", "link")
TECHS = ("fibre", "fwa_4g", "radio", "bts", "satellite", "fibre_service")
"""Technology codes; also the tie-break order when two options cost the same."""

TECH_LABELS = {
    "fibre": ("Fibre optic", "Serat optik"),
    "fwa_4g": ("4G fixed wireless (FWA)", "4G FWA (router)"),
    "radio": ("Radio link", "Radio link (microwave)"),
    "bts": ("New 4G BTS", "BTS 4G baru"),
    "satellite": ("Satellite", "Satelit"),
    "fibre_service": ("Fibre service subscription", "Langganan layanan serat optik"),
}


class CostTableError(LoggedCodedError):
    """A cost table that cannot be used. The English message is for logs; ``code`` and ``params`` let a front say it
    in the user's language (errors.describe): 'cost_key_empty', 'cost_not_number' / 'cost_negative' (key, field,
    value), 'cost_bad_unit' (key, value, allowed), 'cost_json_invalid' (error), 'cost_json_shape',
    'cost_csv_unreadable' (reason), 'cost_missing_columns' (columns, found, required), 'cost_missing_fields'
    (fields), 'cost_duplicate_key' (key, first), 'cost_missing_item' (key, items). ``row`` (the table's row, 1 =
    first item) is added where the row is known, else '-'."""

    def __init__(self, message: str, code: str, /, **params):
        params.setdefault("row", "-")
        super().__init__(message, code, **params)


class MissingCostItemError(CostTableError, KeyError):
    """The table lacks an item a tool needs."""

    __str__ = ValueError.__str__


@dataclass
class CostItem:
    """One row of the cost table. Amounts in IDR; ``unit`` is per site, per km or per link."""

    key: str
    label_id: str
    label_en: str
    capex_idr: float
    opex_idr_year: float
    unit: str
    source: str = ""

    def __post_init__(self):
        self.key = str(self.key).strip()
        problems = item_problems(self)
        if problems:
            raise CostTableError.of_all(problems)

    def horizon_cost(self, years: float, quantity: float = 1.0) -> float:
        """capex + years x opex, times quantity (km for per-km items)."""
        return quantity * (self.capex_idr + years * self.opex_idr_year)


_FIELDS = [f.name for f in fields(CostItem)]


def _names_empty(problem: CostTableError, missing: list) -> bool:
    """Whether ``problem`` is about one of the ``missing`` fields (said once, as empty)."""
    field = {"cost_key_empty": "key", "cost_bad_unit": "unit"}.get(problem.code, problem.params.get("field"))
    return field in missing


def item_problems(item: CostItem) -> list:
    """Every problem of a cost item (its key, amounts and unit), as :class:`CostTableError` s; the amounts and unit
    that can be read are set on ``item``."""
    if not item.key:
        return [CostTableError("cost item key must not be empty", "cost_key_empty")]
    problems = []
    for name in ("capex_idr", "opex_idr_year"):
        raw = getattr(item, name)
        try:  # core.numbers: '1.500.000', 'Rp 2,6 miliar', '2,6e9' are read as everywhere else
            v = numbers.parse_number(raw, numbers.MONEY)
        except numbers.NumberError:
            v = None
        if v is None:
            problems.append(CostTableError(f"cost item '{item.key}': {name} is not a number: {raw!r}",
                                           "cost_not_number", key=item.key, field=name, value=raw))
        elif not math.isfinite(v) or v < 0:
            problems.append(CostTableError(f"cost item '{item.key}': {name} must be a finite number >= 0",
                                           "cost_negative", key=item.key, field=name, value=raw))
        else:
            setattr(item, name, v)
    item.unit = str(item.unit).strip().lower().replace("per ", "")
    if item.unit not in UNITS:
        problems.append(CostTableError("cost item '{k}': unit '{u}' must be one of {ok}".format(
            k=item.key, u=item.unit, ok=", ".join(UNITS)), "cost_bad_unit", key=item.key, value=item.unit,
            allowed=", ".join(UNITS)))
    return problems


def default_items():
    """The sourced default rows (a fresh list each call)."""
    r = USD_TO_IDR
    return [
        CostItem("bts_4g_3t", "BTS 4G daerah 3T", "4G BTS site in a 3T area", 2_600_000_000, 260_000_000, "site",
                 "capex: BAKTI Kominfo BTS 4G 3T programme, approx. Rp 2.6 billion per site; "
                 "opex: ASSUMPTION 10% of capex per year (power/genset, satellite backhaul, maintenance)"),
        CostItem("booster_4g", "Menara penguat sinyal 4G", "4G booster tower", 610_000_000, 61_000_000, "site",
                 "capex: reported provincial/regency 4G booster tower, approx. Rp 610 million; "
                 "opex: ASSUMPTION 10% of capex per year"),
        CostItem("satellite", "Internet satelit (Starlink/VSAT)", "Satellite internet (Starlink/VSAT)",
                 15_000_000, 24_000_000, "site",
                 "approx. Rp 15 million installed + approx. Rp 2 million per month (= Rp 24 million per year)"),
        CostItem("village_package_2025", "Paket internet desa Pemprov Kaltim 2025",
                 "East Kalimantan province 2025 village internet package", 17_500_000, 24_000_000, "site",
                 "capex: province 2025 programme approx. Rp 17.5 million per desa (installation + subscription to "
                 "year end); opex from year 2: ASSUMPTION same as satellite subscription (Rp 2 million/month). "
                 "Reference row, not used by the technology rules"),
        CostItem("fibre_km", "Serat optik perdesaan (per km)", "Rural fibre (per km)", 7_000 * r, 0.02 * 7_000 * r,
                 "km",
                 f"capex: rural fibre US$5-9k per km, midpoint US$7k at Rp {r:,.0f}/US$; "
                 "opex: ASSUMPTION 2% of capex per year (maintenance, pole rent)"),
        CostItem("fibre_terminal", "Terminal serat optik kantor desa (ONT + instalasi)",
                 "Fibre terminal at the village office (ONT + installation)", 5_000_000, 6_000_000, "site",
                 "ASSUMPTION: ONT + installation Rp 5 million; business broadband Rp 500 thousand per month"),
        CostItem("radio_link", "Radio link (per link)", "Radio link (per link)", 4_000 * r, 6_000_000, "link",
                 f"capex: point-to-point radio link US$3-5k, midpoint US$4k at Rp {r:,.0f}/US$; "
                 "opex: ASSUMPTION Rp 500 thousand per month (maintenance + share of upstream bandwidth)"),
        CostItem("fwa_router", "Router 4G FWA", "4G FWA router", 1_500_000, 3_600_000, "site",
                 "ASSUMPTION: outdoor/indoor 4G router with external antenna approx. Rp 1.5 million; "
                 "data package approx. Rp 300 thousand per month (100 GB class, Indonesian operators)"),
        CostItem("fibre_service", "Langganan internet serat optik (IndiHome/Astinet/Icon+)",
                 "Fibre service subscription (IndiHome/Astinet/Icon+)", 1_000_000, 18_000_000, "site",
                 "ASSUMPTION (2026-12): drop cable from a nearby ODP + ONT installation approx. Rp 1 million; "
                 "business fibre 50-100 Mbps approx. Rp 1.5 million per month (= Rp 18 million per year), "
                 "in line with the province's 2025 package of Rp 12-12.5 bn for 716 desa (approx. Rp 1.43 "
                 "million per desa per month)"),
        CostItem("solar_power", "Listrik surya + baterai (tanpa PLN)", "Solar power + battery (no PLN mains)",
                 45_000_000, 3_000_000, "site",
                 "ASSUMPTION (2026-12): approx. 1 kWp solar array + 5 kWh LiFePO4 battery + inverter for a "
                 "router/ONT/terminal running 24 h, installed in a remote village approx. Rp 45 million; "
                 "maintenance and battery reserve approx. Rp 250 thousand per month"),
    ]


class CostTable:
    """Editable cost table: an ordered mapping key -> :class:`CostItem`."""

    def __init__(self, items: Optional[Sequence[CostItem]] = None):
        self._items = {}
        for it in (default_items() if items is None else items):
            self.set(it)

    # mapping-like API
    def __getitem__(self, key) -> CostItem:
        try:
            return self._items[key]
        except KeyError:
            raise MissingCostItemError("cost table has no item '{k}' (items: {ok})".format(
                k=key, ok=", ".join(self._items)), "cost_missing_item", key=key, items=", ".join(self._items)) from None

    def __contains__(self, key):
        return key in self._items

    def __iter__(self):
        return iter(self._items.values())

    def __len__(self):
        return len(self._items)

    def __eq__(self, other):
        return isinstance(other, CostTable) and [asdict(i) for i in self] == [asdict(i) for i in other]

    def keys(self):
        return list(self._items)

    def get(self, key, default=None):
        return self._items.get(key, default)

    def set(self, item: CostItem):
        if not isinstance(item, CostItem):
            item = CostItem(**item)
        self._items[item.key] = item

    def update(self, key, **changes):
        """Change fields of one row, e.g. ``table.update('satellite', opex_idr_year=30e6)``."""
        d = asdict(self[key])
        unknown = set(changes) - set(_FIELDS)
        if unknown:
            raise ValueError("unknown cost field(s): {u}".format(u=", ".join(sorted(unknown))))
        d.update(changes)
        self.set(CostItem(**d))

    def to_rows(self):
        return [asdict(i) for i in self]

    # JSON
    def to_json(self, path=None) -> str:
        text = json.dumps({"currency": "IDR", "usd_to_idr": USD_TO_IDR, "items": self.to_rows()},
                          ensure_ascii=False, indent=2)
        if path is not None:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
        return text

    @classmethod
    def from_json(cls, path=None, text=None) -> CostTable:
        if text is None:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as e:
            raise CostTableError(f"cost table JSON is invalid: {e}", "cost_json_invalid", error=str(e)) from None
        rows = obj.get("items") if isinstance(obj, dict) else obj
        if not isinstance(rows, list):
            raise CostTableError("cost table JSON must be a list of items or an object with 'items'",
                                 "cost_json_shape")
        return cls._from_rows(rows)

    # CSV
    def to_csv(self, path=None) -> str:
        buf = io.StringIO()
        wr = csv.DictWriter(buf, fieldnames=_FIELDS, lineterminator="\n")
        wr.writeheader()
        for row in self.to_rows():
            wr.writerow({k: (repr(v) if isinstance(v, float) else v) for k, v in row.items()})
        text = buf.getvalue()
        if path is not None:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        return text

    @classmethod
    def from_csv(cls, path=None, text=None) -> CostTable:
        """The CSV written by :meth:`to_csv`, or as a spreadsheet saved it (encoding, delimiter, title rows
        detected by :mod:`core.tabular`)."""
        try:
            table = tabular.read_csv_text(text, _FIELDS) if text is not None else \
                tabular.read_table(path, known_names=_FIELDS)
        except tabular.TableError as e:
            raise CostTableError(f"cost table CSV is empty or cannot be read ({e.code})", "cost_csv_unreadable",
                                 reason=e.code) from None
        table = tabular.with_names(table, _FIELDS)  # the columns in any letters ('Key', 'CAPEX_IDR')
        cls._check_header(table.header, path, text)
        # the rows as a spreadsheet numbers them (header 1, comment and blank lines counted), as the user finds
        # them (was: the items counted from 1, one row above the spreadsheet's); as core.funding names its rows
        return cls._from_rows([row for _n, row in table.rows], [n for n, _row in table.rows])

    @staticmethod
    def _check_header(header, path=None, text=None) -> None:
        """A CSV whose header lacks required columns is not a cost table (e.g. a clutter table given by mistake):
        refused once, naming the missing columns and those it has (not 'row 1: fields are empty')."""
        missing = [f for f in _FIELDS if f != "source" and f not in header]
        if not missing:
            return
        if any(str(h).lstrip().startswith("#") for h in header):  # a comment line taken for the header
            header = _header_without_comments(path, text) or header
        found = ", ".join(str(h) for h in header) or "-"
        raise CostTableError("cost table CSV: missing field(s) {m} in its header (its columns: {c})".format(
            m=", ".join(missing), c=found), "cost_missing_columns", columns=", ".join(missing), found=found,
            required=", ".join(_FIELDS))

    @classmethod
    def _from_rows(cls, rows, numbers=None):
        """``numbers``: each row's number in its file (default: 1, 2, ... the items of a JSON list)."""
        # every problem of every row, said at once (was: the first one, then the next one at the next run)
        items, problems = [], []
        seen: dict = {}
        for n, row in zip(numbers or range(1, len(rows) + 1), rows):
            found = []
            key = str(row.get("key") or "").strip().lower()
            if key and key in seen:  # (was: the last row won, silently)
                found.append(CostTableError(f"cost table row {n}: key '{row.get('key')}' is already given in row "
                                            f"{seen[key]}", "cost_duplicate_key", row=n, key=row.get("key"),
                                            first=seen[key]))
            seen.setdefault(key, n)
            missing = [f for f in _FIELDS if f != "source" and (f not in row or row[f] in (None, ""))]
            if missing:
                found.append(CostTableError("cost table row {n}: missing field(s) {m}".format(
                    n=n, m=", ".join(missing)), "cost_missing_fields", row=n, fields=", ".join(missing)))
            try:
                item = CostItem(**{f: row.get(f, "") or "" for f in _FIELDS})
            except CostTableError as exc:  # its problems, but for the fields already named as empty
                found.extend(p for p in [exc, *exc.also] if not _names_empty(p, missing))
                exc.also = []
            else:
                if not found:
                    items.append(item)
            for exc in found:
                exc.params["row"] = n
            problems.extend(found)
        if problems:
            raise CostTableError.of_all(problems)
        return cls(items)


def _header_without_comments(path=None, text=None) -> list:
    """The header of a CSV read without its ``#`` comment lines (first lines only), [] when it cannot be read: the
    columns a wrong table (e.g. the clutter table, which opens with comments) really has, for the message."""
    try:
        if text is None:
            with open(path, encoding=tabular.detect_encoding(path), newline="") as fh:
                lines = list(itertools.islice(fh, 200))
        else:
            lines = text.splitlines(keepends=True)[:200]
        return tabular.read_csv_text(tabular.blank_comments(lines)).header
    except (OSError, UnicodeError, csv.Error, tabular.TableError):
        return []


def default_cost_table() -> CostTable:
    return CostTable()


# --------------------------------------------------------------------------- #
# Technology choice
# --------------------------------------------------------------------------- #
@dataclass
class TechRules:
    """Parameters of the technology choice (change freely).

    fibre_max_km: farthest fibre node that is still connected by a new fibre run.
    radio_max_km: farthest connected point for a radio link (LOS given by the caller).
    bts_min_cluster: minimum number of uncovered villages that justify a new BTS.
    bts_cluster_radius_km: cluster radius around the BTS seed village (<= BTS cell radius).
    horizon_years: planning horizon; total = capex + horizon_years x opex.
    *_key: cost table rows used by each option.
    """

    horizon_years: float = 5.0
    # each option: its limits, then its cost table rows
    fibre_service_max_km: float = 1.0  # office within this distance of a fibre PoP/ODP can subscribe
    fibre_service_key: str = "fibre_service"
    fibre_max_km: float = 10.0
    fibre_km_key: str = "fibre_km"
    fibre_terminal_key: str = "fibre_terminal"
    fwa_key: str = "fwa_router"
    radio_max_km: float = 20.0
    radio_key: str = "radio_link"
    bts_min_cluster: int = 3
    bts_cluster_radius_km: float = 5.0
    bts_key: str = "bts_4g_3t"
    satellite_key: str = "satellite"

    def validate(self):
        for name in ("fibre_max_km", "radio_max_km", "bts_cluster_radius_km", "horizon_years",
                     "fibre_service_max_km"):
            v = getattr(self, name)
            if not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
                raise ValueError(f"{name} must be a number >= 0, got {v!r}")
        if int(self.bts_min_cluster) < 1:
            raise ValueError(f"bts_min_cluster must be >= 1, got {self.bts_min_cluster!r}")


@dataclass
class TechChoice:
    """Per-village result arrays of :func:`choose_technology`."""

    tech: list
    capex_idr: np.ndarray
    opex_idr_year: np.ndarray
    total_idr: np.ndarray  # capex + horizon x opex
    reason_en: list
    reason_id: list
    bts_cluster: np.ndarray  # cluster id for 'bts' villages, -1 otherwise
    options: list = field(default_factory=list)  # per village: {tech: total} of the feasible options

    def reason(self, locale="en"):
        return self.reason_id if str(locale).lower().startswith("id") else self.reason_en


def format_idr(value: float, lang: str = "en") -> str:
    """Readable rupiah: 'Rp 2.6 bn' / 'Rp 2,6 miliar' (the one formatter, :func:`.formatting.money`)."""
    return _fmt.money(float(value), lang)


def _fmt_km(km, lang):
    return _fmt.decimal(km, lang, 1)


def _bts_clusters(xy, candidates, radius_m, min_size):
    """Greedy deterministic clustering of candidate (uncovered) villages.

    Seeds are taken by number of candidate neighbours within ``radius_m`` (desc), then index.
    Returns a list of (seed, members array).
    """
    from scipy.spatial import cKDTree

    idx = np.flatnonzero(candidates)
    if idx.size < min_size or idx.size == 0:
        return []
    pts = xy[idx]
    ok = np.all(np.isfinite(pts), axis=1)
    idx, pts = idx[ok], pts[ok]
    if idx.size < min_size:
        return []
    tree = cKDTree(pts)
    neigh = tree.query_ball_point(pts, radius_m)
    counts = np.array([len(n) for n in neigh])
    order = np.lexsort((idx, -counts))
    taken = np.zeros(idx.size, dtype=bool)
    clusters = []
    for s in order:
        if taken[s] or counts[s] < min_size:
            continue
        members = [k for k in neigh[s] if not taken[k]]
        if len(members) < min_size:
            continue
        taken[members] = True
        clusters.append((int(idx[s]), np.sort(idx[members])))
    return clusters


def choose_technology(
    n: int,
    covered: Optional[Sequence[bool]] = None,
    fibre_distance_m: Optional[Sequence[float]] = None,
    radio_los: Optional[Sequence[bool]] = None,
    radio_distance_m: Optional[Sequence[float]] = None,
    xy: Optional[Sequence[Sequence[float]]] = None,
    costs: Optional[CostTable] = None,
    rules: Optional[TechRules] = None,
    fibre_service_distance_m: Optional[Sequence[float]] = None,
) -> TechChoice:
    """Cheapest feasible connection option per village office over the horizon.

    Parameters
    ----------
    n: number of villages.
    covered: office inside 4G coverage (bool per village) -> ``fwa_4g`` feasible.
    fibre_distance_m: distance (m) from the office to the nearest fibre node
        (NaN/None = no node known) -> ``fibre`` feasible within ``fibre_max_km``.
    radio_los: LOS to a connected point (bool per village, computed by the caller).
    radio_distance_m: optional distance (m) to that point; if given, radio also
        needs distance <= ``radio_max_km``.
    fibre_service_distance_m: straight distance (m) to the nearest fibre point of presence / ODP
        -> ``fibre_service`` (subscribe to a fibre service) feasible within ``fibre_service_max_km``.
    xy: projected office coordinates (metres), needed for ``bts`` clusters.
    costs: :class:`CostTable` (defaults to :func:`default_cost_table`).
    rules: :class:`TechRules` (defaults).
    """
    costs = costs or default_cost_table()
    rules = rules or TechRules()
    rules.validate()
    H = float(rules.horizon_years)

    def arr(values, dtype, fill):
        if values is None:
            return np.full(n, fill, dtype=dtype)
        a = np.array([fill if v is None else v for v in values], dtype=dtype).ravel()
        if a.size != n:
            raise ValueError(f"expected {n} values per village, got {a.size}")
        return a

    cov = arr(covered, bool, False)
    fib = arr(fibre_distance_m, float, np.nan)
    los = arr(radio_los, bool, False)
    rdist = arr(radio_distance_m, float, np.nan) if radio_distance_m is not None else None
    pts = None
    if xy is not None:
        pts = np.asarray(xy, dtype=float).reshape(-1, 2)
        if len(pts) != n:
            raise ValueError(f"xy has {len(pts)} points, expected {n}")

    fkm, fterm = costs[rules.fibre_km_key], costs[rules.fibre_terminal_key]
    fwa, radio = costs[rules.fwa_key], costs[rules.radio_key]
    bts, sat = costs[rules.bts_key], costs[rules.satellite_key]
    fsd = arr(fibre_service_distance_m, float, np.nan)
    fsv = costs[rules.fibre_service_key] if fibre_service_distance_m is not None else None

    # per village: dict tech -> (capex, opex, detail)
    opts = [dict() for _ in range(n)]
    for i in range(n):
        opts[i]["satellite"] = (sat.capex_idr, sat.opex_idr_year, {})
        if cov[i]:
            opts[i]["fwa_4g"] = (fwa.capex_idr, fwa.opex_idr_year, {})
        if np.isfinite(fib[i]) and fib[i] >= 0 and fib[i] / 1000.0 <= rules.fibre_max_km:
            km = fib[i] / 1000.0
            opts[i]["fibre"] = (fkm.capex_idr * km + fterm.capex_idr, fkm.opex_idr_year * km + fterm.opex_idr_year,
                                {"km": km})
        if np.isfinite(fsd[i]) and 0 <= fsd[i] / 1000.0 <= rules.fibre_service_max_km:
            opts[i]["fibre_service"] = (fsv.capex_idr, fsv.opex_idr_year, {"km": fsd[i] / 1000.0})
        if los[i] and (rdist is None or (np.isfinite(rdist[i]) and rdist[i] / 1000.0 <= rules.radio_max_km)):
            det = {"km": rdist[i] / 1000.0} if rdist is not None else {}
            opts[i]["radio"] = (radio.capex_idr, radio.opex_idr_year, det)

    def best_of(o):
        return min(o.items(), key=lambda kv: (round(kv[1][0] + H * kv[1][1], 2), TECHS.index(kv[0])))

    # BTS clusters among uncovered villages; members that find something cheaper leave and the
    # share is recomputed until stable (shares only grow, so this terminates).
    cluster_of = np.full(n, -1, dtype=np.int64)
    clusters = []
    if pts is not None and rules.bts_min_cluster >= 1:
        clusters = [list(m) for _, m in _bts_clusters(pts, ~cov, rules.bts_cluster_radius_km * 1000.0,
                                                      int(rules.bts_min_cluster))]
    active = [list(m) for m in clusters]
    for _ in range(n + 1):
        changed = False
        for c, members in enumerate(active):
            if len(members) < rules.bts_min_cluster:
                if members:
                    active[c] = []
                    changed = True
                continue
            k = len(members)
            share_capex = bts.capex_idr / k + fwa.capex_idr
            share_opex = bts.opex_idr_year / k + fwa.opex_idr_year
            stay = []
            for i in members:
                o = dict(opts[i])
                o["bts"] = (share_capex, share_opex, {"k": k})
                if best_of(o)[0] == "bts":
                    stay.append(i)
            if len(stay) != len(members):
                active[c] = stay
                changed = True
        if not changed:
            break
    for c, members in enumerate(active):
        if len(members) >= rules.bts_min_cluster:
            k = len(members)
            for i in members:
                opts[i]["bts"] = (bts.capex_idr / k + fwa.capex_idr, bts.opex_idr_year / k + fwa.opex_idr_year,
                                  {"k": k})
                cluster_of[i] = c

    tech, capex, opex, total, r_en, r_id, options = [], np.zeros(n), np.zeros(n), np.zeros(n), [], [], []
    for i in range(n):
        t, (cx, ox, det) = best_of(opts[i])
        if t == "bts" and cluster_of[i] < 0:  # pragma: no cover - defensive
            t, (cx, ox, det) = best_of({k: v for k, v in opts[i].items() if k != "bts"})
        tech.append(t)
        capex[i], opex[i] = cx, ox
        total[i] = cx + H * ox
        options.append({k: v[0] + H * v[1] for k, v in opts[i].items()})
        en, idn = _reason(t, det, total[i], H, len(opts[i]), rules)
        r_en.append(en)
        r_id.append(idn)
    return TechChoice(tech=tech, capex_idr=capex, opex_idr_year=opex, total_idr=total, reason_en=r_en,
                      reason_id=r_id, bts_cluster=np.where(np.array([t == "bts" for t in tech]), cluster_of, -1),
                      options=options)


def _reason(tech, det, total, years, n_options, rules):
    y = f"{years:g}"
    cost_en, cost_id = format_idr(total, "en"), format_idr(total, "id")
    cheapest_en = (f"the cheapest of {n_options} feasible options" if n_options > 1
                   else "the only feasible option")
    cheapest_id = (f"termurah dari {n_options} opsi yang layak" if n_options > 1
                   else "satu-satunya opsi yang layak")
    if tech == "fibre":
        en = "Fibre: nearest fibre node {d} km away (limit {m:g} km)".format(d=_fmt_km(det["km"], "en"),
                                                                             m=rules.fibre_max_km)
        idn = "Serat optik: simpul serat optik terdekat berjarak {d} km (batas {m} km)".format(
            d=_fmt_km(det["km"], "id"), m=f"{rules.fibre_max_km:g}".replace(".", ","))
    elif tech == "fibre_service":
        en = "Fibre service: a fibre point of presence {d} km away (limit {m:g} km), subscribe".format(
            d=_fmt_km(det["km"], "en"), m=rules.fibre_service_max_km)
        idn = "Layanan serat optik: titik layanan serat optik berjarak {d} km (batas {m} km), berlangganan".format(
            d=_fmt_km(det["km"], "id"), m=f"{rules.fibre_service_max_km:g}".replace(".", ","))
    elif tech == "fwa_4g":
        en = "4G FWA: the village office is inside 4G coverage"
        idn = "4G FWA: kantor desa berada dalam jangkauan sinyal 4G"
    elif tech == "radio":
        if "km" in det:
            en = "Radio link: line of sight to a connected point {d} km away".format(d=_fmt_km(det["km"], "en"))
            idn = "Radio link: ada garis pandang ke titik terhubung berjarak {d} km".format(d=_fmt_km(det["km"], "id"))
        else:
            en = "Radio link: line of sight to a connected point"
            idn = "Radio link: ada garis pandang ke titik terhubung"
    elif tech == "bts":
        en = "New 4G BTS shared by {k} uncovered villages within {r:g} km".format(
            k=det["k"], r=rules.bts_cluster_radius_km)
        idn = "BTS 4G baru dipakai bersama oleh {k} desa tanpa sinyal dalam radius {r} km".format(
            k=det["k"], r=f"{rules.bts_cluster_radius_km:g}".replace(".", ","))
    elif n_options == 1:
        en = (f"Satellite: no fibre node within {rules.fibre_max_km:g} km, no 4G coverage, "
              "no radio line of sight and no BTS cluster")
        idn = ("Satelit: tidak ada simpul serat optik dalam {f} km, tidak ada sinyal 4G, tidak ada garis pandang "
               "radio dan tidak ada klaster BTS".format(f=f"{rules.fibre_max_km:g}".replace(".", ",")))
    else:
        en = "Satellite: cheaper over the horizon than the other feasible options"
        idn = "Satelit: lebih murah selama horizon perencanaan dibanding opsi layak lainnya"
    en += f"; {y}-year cost {cost_en} is {cheapest_en}."
    idn += "; biaya {y} tahun {c} adalah {w}.".format(y=y.replace(".", ","), c=cost_id, w=cheapest_id)
    return en, idn


# --------------------------------------------------------------------------- #
# Co-location on existing towers (additive pass after choose_technology)
# --------------------------------------------------------------------------- #
def add_colocation(choice: TechChoice, xy, tower_xy, covered=None, costs: Optional[CostTable] = None,
                   rules: Optional[TechRules] = None, radius_km: float = 5.0, colo_key: Optional[str] = None,
                   tower_labels: Optional[Sequence[str]] = None) -> np.ndarray:
    """Offer ``colo`` (4G equipment co-located on an existing tower, + a 4G router per village) to uncovered
    villages within ``radius_km`` of a tower, the equipment cost shared by the villages that take it.

    Changes ``choice`` in place (tech ``colo``, costs, reasons, total, options) and returns, per village, the index
    of the tower used (-1 otherwise).  Villages already on ``bts`` keep it (their cluster shares stay valid).
    Towers are taken by number of eligible villages (desc), then index; for each, the villages for which the
    share is cheaper than their current option stay, and the share is recomputed until stable.
    ``colo_key``: cost row, default ``colo`` when the table has it, else ``booster_4g``.
    """
    costs = costs or default_cost_table()
    rules = rules or TechRules()
    H = float(rules.horizon_years)
    n = len(choice.tech)
    used = np.full(n, -1, dtype=np.int64)
    pts = np.asarray(xy, dtype=float).reshape(-1, 2)
    towers = np.asarray(tower_xy, dtype=float).reshape(-1, 2)
    if n == 0 or len(towers) == 0 or radius_km <= 0:
        return used
    key = colo_key or ("colo" if "colo" in costs else "booster_4g")
    colo, fwa = costs[key], costs[rules.fwa_key]
    cov = np.zeros(n, bool) if covered is None else np.asarray(covered, dtype=bool).ravel()
    eligible = ~cov & np.all(np.isfinite(pts), axis=1) & np.array([t != "bts" for t in choice.tech])
    ok_t = np.flatnonzero(np.all(np.isfinite(towers), axis=1))
    if not eligible.any() or ok_t.size == 0:
        return used
    from scipy.spatial import cKDTree

    tree = cKDTree(pts[eligible])
    elig_idx = np.flatnonzero(eligible)
    near = tree.query_ball_point(towers[ok_t], radius_km * 1000.0)
    members_of = {int(t): sorted(int(elig_idx[k]) for k in ks) for t, ks in zip(ok_t, near)}
    order = sorted(members_of, key=lambda t: (-len(members_of[t]), t))
    taken = np.zeros(n, dtype=bool)
    for t in order:
        members = [i for i in members_of[t] if not taken[i]]
        for _ in range(len(members) + 1):
            if not members:
                break
            k = len(members)
            share = colo.capex_idr / k + fwa.capex_idr + H * (colo.opex_idr_year / k + fwa.opex_idr_year)
            stay = [i for i in members if round(share, 2) < round(float(choice.total_idr[i]), 2)]
            if len(stay) == len(members):
                break
            members = stay
        if not members:
            continue
        k = len(members)
        capex = colo.capex_idr / k + fwa.capex_idr
        opex = colo.opex_idr_year / k + fwa.opex_idr_year
        label = str(tower_labels[t]) if tower_labels is not None and tower_labels[t] not in (None, "") else ""
        for i in members:
            d_km = float(np.hypot(*(pts[i] - towers[t]))) / 1000.0
            prev = choice.tech[i]
            total = capex + H * opex
            choice.options[i]["colo"] = total
            en = ("Co-location: 4G equipment on the existing tower{lab} {d} km away, shared by {k} uncovered "
                  "village(s); {y}-year cost {c} is cheaper than {p} ({pc}).").format(
                lab=f" ({label})" if label else "", d=_fmt_km(d_km, "en"), k=k, y=f"{H:g}",
                c=format_idr(total, "en"), p=TECH_LABELS.get(prev, (prev, prev))[0],
                pc=format_idr(float(choice.total_idr[i]), "en"))
            idn = ("Kolokasi: perangkat 4G pada menara eksisting{lab} berjarak {d} km, dipakai bersama oleh {k} desa "
                   "tanpa sinyal; biaya {y} tahun {c} lebih murah dari {p} ({pc}).").format(
                lab=f" ({label})" if label else "", d=_fmt_km(d_km, "id"), k=k, y=f"{H:g}".replace(".", ","),
                c=format_idr(total, "id"), p=TECH_LABELS.get(prev, (prev, prev))[1].lower(),
                pc=format_idr(float(choice.total_idr[i]), "id"))
            choice.tech[i] = "colo"
            choice.capex_idr[i], choice.opex_idr_year[i], choice.total_idr[i] = capex, opex, total
            choice.reason_en[i], choice.reason_id[i] = en, idn
            taken[i] = True
            used[i] = t
    return used


def split_whole(total: float, parts: int) -> list:
    """``total`` rupiah split into ``parts`` whole-rupiah shares that add up exactly to ``round(total)`` (the first
    ``remainder`` shares get one rupiah more)."""
    if parts <= 0:
        return []
    whole = int(round(float(total)))
    base, rest = divmod(whole, parts)
    return [base + (1 if k < rest else 0) for k in range(parts)]


# ---- the plan's technology step (kaltiminternet:choosetech): pure parts ---------------------------------------------
# a NO_PLN_FIELD cell is a yes/no value read as the plugin's other yes/no fields (core.numbers.parse_yes_no): yes = the
# office has NO PLN mains power
NO_PLN_WORDS = ("1", "1.0", "ya", "iya", "y", "yes", "true", "t", "benar")
HAS_PLN_WORDS = ("0", "0.0", "tidak", "tdk", "n", "no", "false", "f", "bukan", "salah")


def has_no_pln(flag) -> Optional[bool]:
    """A NO_PLN_FIELD cell: True when it says the office has no PLN mains power (1 / ya / yes / true, a non-zero
    number), False when it says it has (0 / tidak / no / false, or an empty cell), None when it is neither (the
    caller names it: it was read as 'has power' without a word)."""
    if numbers.is_missing(flag) or (isinstance(flag, str) and not flag.strip()):
        return False
    return numbers.parse_yes_no(flag, NO_PLN_WORDS, HAS_PLN_WORDS)


def migration_costs(techs: Sequence[str], fibre_straight_m, fibre_route_m, costs: CostTable, rules: TechRules) -> list:
    """(fibre CAPEX, fibre OPEX per year) of moving a satellite village to fibre: a fibre service where a node is
    within ``rules.fibre_service_max_km`` (straight), else a new run (route length) within ``rules.fibre_max_km``;
    (None, None) otherwise or for other technologies. ``techs`` are plan keys (normalised by the caller)."""
    out = []
    svc, fkm, fterm = costs[rules.fibre_service_key], costs[rules.fibre_km_key], costs[rules.fibre_terminal_key]
    for i, tech in enumerate(techs):
        d = None if fibre_straight_m is None else fibre_straight_m[i]
        if tech != "satellite" or d is None:
            out.append((None, None))
        elif d / 1000.0 <= rules.fibre_service_max_km:
            out.append((round(svc.capex_idr), round(svc.opex_idr_year)))
        elif fibre_route_m[i] / 1000.0 <= rules.fibre_max_km:
            km = fibre_route_m[i] / 1000.0
            out.append((round(fkm.capex_idr * km + fterm.capex_idr), round(fkm.opex_idr_year * km
                                                                         + fterm.opex_idr_year)))
        else:
            out.append((None, None))
    return out


def radio_worth_testing(covered, fibre_route_m, costs: CostTable, rules: TechRules) -> np.ndarray:
    """Villages where a radio link could beat what is already feasible (satellite, FWA where covered, a fibre run
    within reach); every uncovered village too, since a BTS share can only get cheaper than radio for clusters."""
    h = rules.horizon_years
    covered = np.asarray(covered, dtype=bool)
    best = np.full(len(covered), costs[rules.satellite_key].horizon_cost(h))
    best = np.where(covered, np.minimum(best, costs[rules.fwa_key].horizon_cost(h)), best)
    if fibre_route_m is not None:
        fkm, fterm = costs[rules.fibre_km_key], costs[rules.fibre_terminal_key]
        for i, d in enumerate(fibre_route_m):
            if d is not None and d / 1000.0 <= rules.fibre_max_km:
                best[i] = min(best[i], fkm.horizon_cost(h, d / 1000.0) + fterm.horizon_cost(h))
    return (costs[rules.radio_key].horizon_cost(h) < best) | ~covered


def whole_rupiah(choice: TechChoice) -> None:
    """CAPEX and OPEX of every village in whole rupiah (the plan adds up to the rupiah), in place."""
    for i in range(len(choice.tech)):
        choice.capex_idr[i] = round(float(choice.capex_idr[i]))
        choice.opex_idr_year[i] = round(float(choice.opex_idr_year[i]))
