"""Operator packages: planned work grouped per operator/provider, tower sharing, CSV export, filter expressions.

Pure Python (no qgis import). scipy's ``cKDTree`` is used for the tower-sharing search when available, else a
uniform grid (cell = search distance) in plain Python; both give the same result.

Who gets a village:

1. a user assignment (``provider_assignments``: code -> provider) always wins;
2. else, for technologies that use an existing operator tower/cell (``colo``, ``fwa``), the village record's
   ``operator`` (the operator of that existing tower);
3. else the village is *unassigned* (package key :data:`UNASSIGNED`, an empty string).

One operator written in different ways ('Telkomsel', 'TELKOMSEL ', 'PT Telkomsel', 'Tsel') is one package, and is
never 'another operator' to itself in the tower sharing: :func:`.operator_names.operator_key` reads the names (the
capacity table's providers are read the same way). The package is named :func:`.operator_names.display_name`;
:func:`spellings_read_as_one` says which spellings went into one package.

Coordinates for tower sharing are projected metres (the analysis CRS, EPSG:32750 for the sample).
"""
from __future__ import annotations

import csv
import math
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

from .funding import normalize_tech
from .numbers import whole
from .operator_names import display_name, operator_key
from .operator_names import spellings_read_as_one as _spellings
from .plan_summary import gives_work
from .records import total
from .roadmap import SCHEDULED

UNASSIGNED = ""
TOWER_TECHS = ("colo", "fwa")
ASSIGNED_BY_USER = "user"
ASSIGNED_BY_TOWER = "tower"
ASSIGNED_NONE = "none"


@dataclass
class PackageItem:
    code: str
    name: str
    kab_code: str
    kec_code: str
    kec_name: str
    tech: Optional[str]
    population: int
    capex_idr: float
    opex_idr_year: float
    assigned_by: str  # user | tower | none
    year: Optional[int] = None  # roadmap year when a roadmap is given
    status: str = ""  # roadmap status (scheduled / unfunded) when a roadmap is given
    operator_written: str = ""  # the operator as the village's record writes it (the package may name it otherwise)


@dataclass
class OperatorPackage:
    operator: str  # UNASSIGNED ("") for villages without an operator/provider
    items: List[PackageItem] = field(default_factory=list)

    @property
    def villages(self) -> int:
        return len(self.items)

    population = total("items", "population", "People in the package's villages.")
    capex_idr = total("items", "capex_idr", "Investment of the package, rupiah.")
    opex_idr_year = total("items", "opex_idr_year", "Yearly operation cost of the package, rupiah.")

    @property
    def scheduled_items(self) -> List[PackageItem]:
        """The villages the roadmap funds (every village when the packages were made without a roadmap)."""
        return [i for i in self.items if i.status in ("", SCHEDULED)]

    @property
    def villages_scheduled(self) -> int:
        return len(self.scheduled_items)

    @property
    def capex_scheduled_idr(self) -> float:
        """Investment the roadmap funds: the work the operator is given (rupiah)."""
        return sum(i.capex_idr for i in self.scheduled_items)

    @property
    def capex_unfunded_idr(self) -> float:
        """Investment of the package's villages the roadmap could not fund (rupiah)."""
        return self.capex_idr - self.capex_scheduled_idr

    @property
    def opex_scheduled_idr_year(self) -> float:
        return sum(i.opex_idr_year for i in self.scheduled_items)

    def count_by_tech(self) -> Dict[str, int]:
        out: Dict[str, int] = defaultdict(int)
        for i in self.items:
            out[i.tech or ""] += 1
        return dict(out)


def _norm(op: Any) -> str:
    return "" if op is None else " ".join(str(op).split())


def spellings_read_as_one(packages: Mapping[str, OperatorPackage]) -> Dict[str, List[tuple]]:
    """``{package: [(spelling, village codes), ...]}`` for each package whose villages write its operator in more
    than one way (or in another way than the package's name): what the user is told, so a name read as another
    one is never silent."""
    out: Dict[str, List[tuple]] = {}
    for name, pack in packages.items():
        if not name or name not in _spellings(i.operator_written for i in pack.items):
            continue
        codes: Dict[str, List[str]] = {}
        for i in pack.items:
            codes.setdefault(i.operator_written, []).append(i.code)
        out[name] = sorted(codes.items())
    return out


def operator_of(village: Any, provider_assignments: Optional[Mapping[str, str]] = None) -> tuple:
    """``(operator, assigned_by)`` for one village (see the module docstring for the rule)."""
    code = str(village.code)
    if provider_assignments and code in provider_assignments and _norm(provider_assignments[code]):
        return _norm(provider_assignments[code]), ASSIGNED_BY_USER
    if normalize_tech(getattr(village, "tech", None)) in TOWER_TECHS and _norm(getattr(village, "operator", None)):
        return _norm(village.operator), ASSIGNED_BY_TOWER
    return UNASSIGNED, ASSIGNED_NONE


def is_planned_work(village: Any) -> bool:
    """A village the plan gives work: it has a cost and is not a connected village whose service simply continues
    (``existing_service``; the rule of core.plan_summary.is_planned, :func:`.plan_summary.gives_work`)."""
    return gives_work(bool(getattr(village, "existing_service", False)), getattr(village, "capex_idr", 0),
                      getattr(village, "opex_idr_year", 0))


def operator_packages(villages: Iterable[Any], provider_assignments: Optional[Mapping[str, str]] = None,
                      roadmap: Any = None, scheduled_only: bool = False) -> Dict[str, OperatorPackage]:
    """Group the planned villages (:func:`is_planned_work`) per operator/provider: a package is the work an
    operator is given, so the villages whose existing service continues are in none. ``roadmap`` (a
    :class:`~.roadmap.RoadmapResult`) adds the year and status; with ``scheduled_only`` unfunded villages are left
    out. Result ordered by operator name with the unassigned package last. The costs are whole rupiah, village by
    village, as the roadmap books them (a package's sum is the sum of its villages' in every output).

    A cost that is no number (text passed on by the roadmap, e.g. 'menunggu RAB') counts 0 in the package's sums,
    as in the plan summary (:func:`.numbers.num`): the roadmap leaves such a village unfunded and names the cell in
    its reason, so the package lists it as unfunded work of unknown cost."""
    sched = {}
    if roadmap is not None:
        sched = {v.code: v for v in roadmap.villages}
    by_key: Dict[str, List[PackageItem]] = {}
    for v in villages:
        if not is_planned_work(v):
            continue
        code = str(v.code)
        rs = sched.get(code)
        if scheduled_only and (rs is None or rs.status != "scheduled"):
            continue
        op, by = operator_of(v, provider_assignments)
        item = PackageItem(
            code=code, name=str(getattr(v, "name", "") or ""), kab_code=str(getattr(v, "kab_code", "") or ""),
            kec_code=str(getattr(v, "kec_code", "") or ""), kec_name=str(getattr(v, "kec_name", "") or ""),
            tech=getattr(v, "tech", None), population=int(getattr(v, "population", 0) or 0),
            capex_idr=whole(getattr(v, "capex_idr", 0)), opex_idr_year=whole(getattr(v, "opex_idr_year", 0)),
            assigned_by=by, year=rs.year if rs is not None else None, status=rs.status if rs is not None else "",
            operator_written=op)
        by_key.setdefault(operator_key(op), []).append(item)
    packs: Dict[str, OperatorPackage] = {}
    for key, items in by_key.items():
        name = display_name(i.operator_written for i in items) if key else UNASSIGNED
        packs[name] = OperatorPackage(name, sorted(items, key=lambda i: (i.year if i.year is not None else 10**6,
                                                                         i.code)))
    keys = sorted((k for k in packs if k != UNASSIGNED), key=str.lower)
    if UNASSIGNED in packs:
        keys.append(UNASSIGNED)
    return {k: packs[k] for k in keys}


# one row per package, as the roadmap's table operator_packages and roadmap.xlsx's sheet 'Per operator' have it
PACKAGE_COLUMNS = ("operator", "villages", "villages_scheduled", "population", "capex_idr", "opex_idr_year", "techs",
                   "first_year", "last_year", "capex_unfunded_idr")


def package_rows(packages: Mapping[str, OperatorPackage], unassigned_name: str) -> List[tuple]:
    """:data:`PACKAGE_COLUMNS` of each package: its planned villages (and people), how many are scheduled, and the
    money of the scheduled ones (the work the operator is given; capex_unfunded_idr: what the roadmap could not
    fund). The package without operator is named ``unassigned_name``."""
    rows = []
    for op, pack in packages.items():
        yrs = [i.year for i in pack.items if i.year is not None]
        techs = ";".join(f"{k}:{v}" for k, v in sorted(pack.count_by_tech().items()))
        rows.append((op or unassigned_name, pack.villages, sum(1 for i in pack.items if i.status == SCHEDULED),
                     pack.population, whole(pack.capex_scheduled_idr), whole(pack.opex_scheduled_idr_year), techs,
                     min(yrs) if yrs else None, max(yrs) if yrs else None, whole(pack.capex_unfunded_idr)))
    return rows


# ---- tower sharing -------------------------------------------------------------------------------------------------
@dataclass
class Site:
    """A planned new site or an existing tower: id, projected x/y in metres, operator (None = unknown)."""

    site_id: str
    x: float
    y: float
    operator: Optional[str] = None
    code: str = ""  # village code of a planned site (optional)


Tower = Site  # an existing tower is described the same way (site_id = tower id)


@dataclass
class SharingCandidate:
    site_id: str
    site_operator: str
    code: str
    tower_id: str
    tower_operator: str
    distance_m: float


def _different(a: Optional[str], b: Optional[str]) -> bool:
    """Another operator's tower? A planned site without operator treats every operator's tower as 'another';
    a tower without operator is never counted (we cannot tell who to share with). One operator written in two ways
    is one operator (:func:`.operator_names.operator_key`)."""
    nb = operator_key(b)
    if not nb:
        return False
    return operator_key(a) != nb


def _pairs_within(sites: Sequence[Site], towers: Sequence[Site], r: float) -> List[tuple]:
    """Index pairs (i_site, j_tower, distance) with distance <= r."""
    out: List[tuple] = []
    if not sites or not towers:
        return out
    try:  # pragma: no cover - depends on scipy
        import numpy as np
        from scipy.spatial import cKDTree

        tpts = np.array([[t.x, t.y] for t in towers], dtype=float)
        spts = np.array([[s.x, s.y] for s in sites], dtype=float)
        tree = cKDTree(tpts)
        for i, js in enumerate(tree.query_ball_point(spts, r)):
            for j in js:
                d = math.hypot(sites[i].x - towers[j].x, sites[i].y - towers[j].y)
                if d <= r:
                    out.append((i, j, d))
        return out
    except ImportError:
        pass
    return _pairs_grid(sites, towers, r)


def _pairs_grid(sites: Sequence[Site], towers: Sequence[Site], r: float) -> List[tuple]:
    cell = r if r > 0 else 1.0
    grid: Dict[tuple, List[int]] = defaultdict(list)
    for j, t in enumerate(towers):
        grid[(math.floor(t.x / cell), math.floor(t.y / cell))].append(j)
    out = []
    for i, s in enumerate(sites):
        cx, cy = math.floor(s.x / cell), math.floor(s.y / cell)
        for gx in (cx - 1, cx, cx + 1):
            for gy in (cy - 1, cy, cy + 1):
                for j in grid.get((gx, gy), ()):
                    d = math.hypot(s.x - towers[j].x, s.y - towers[j].y)
                    if d <= r:
                        out.append((i, j, d))
    return out


def tower_sharing(new_sites: Iterable[Site], towers: Iterable[Site], max_distance_m: float = 500.0
                  ) -> List[SharingCandidate]:
    """Planned new sites within ``max_distance_m`` of ANOTHER operator's existing tower (one row per pair),
    sorted by site id then distance. Sites/towers with missing or non-finite coordinates are skipped."""
    if max_distance_m is None or float(max_distance_m) < 0:
        raise ValueError(f"max_distance_m must be 0 or more (got {max_distance_m})")

    def ok(p: Site) -> bool:
        try:
            return math.isfinite(float(p.x)) and math.isfinite(float(p.y))
        except (TypeError, ValueError):
            return False

    sites = [s for s in new_sites if ok(s)]
    tws = [t for t in towers if ok(t)]
    out = []
    for i, j, d in _pairs_within(sites, tws, float(max_distance_m)):
        s, t = sites[i], tws[j]
        if _different(s.operator, t.operator):
            out.append(SharingCandidate(str(s.site_id), _norm(s.operator), str(s.code or ""), str(t.site_id),
                                        _norm(t.operator), round(d, 2)))
    out.sort(key=lambda c: (c.site_id, c.distance_m, c.tower_id))
    return out


def sites_from_villages(villages: Iterable[Any], provider_assignments: Optional[Mapping[str, str]] = None,
                        techs: Sequence[str] = ("bts",)) -> List[Site]:
    """Planned new sites from plan villages with x/y and a tech in ``techs`` (default new 4G BTS)."""
    out = []
    for v in villages:
        if normalize_tech(getattr(v, "tech", None)) not in [normalize_tech(t) for t in techs]:
            continue
        x, y = getattr(v, "x", None), getattr(v, "y", None)
        if x is None or y is None:
            continue
        op = _norm(provider_assignments.get(str(v.code))) if provider_assignments else ""
        out.append(Site(str(v.code), float(x), float(y), op or _norm(getattr(v, "operator", None)) or None,
                        str(v.code)))
    return out


def sites_from_planned(planned: Iterable[Site], villages: Iterable[Any], techs: Sequence[str] = ("bts",)
                       ) -> tuple:
    """The planned towers of the plan villages, for the tower sharing: ``(sites, own_point)``.

    ``planned``: the planned new sites at their own point (optimizesites' OUTPUT_SITES; ``site_id`` its id, as the
    villages' ``site_id``). One Site per planned site that plan villages with a tech in ``techs`` are assigned to,
    at the tower's point, its ``code`` those villages' codes joined by ';' (sorted), its operator the site's own or,
    when it has none, the one operator its villages name. A tower serving five villages is one planned BTS measured
    once from where it stands (it was five 'planned BTS', each measured from its village's own point, tens of
    kilometres from the tower in a large village). ``own_point``: the villages whose site is not among ``planned``
    (or that name none): they keep their own point, one Site each (:func:`sites_from_villages`)."""
    by_id = {str(s.site_id): s for s in planned if str(s.site_id or "").strip()}
    want = [normalize_tech(t) for t in techs]
    members: Dict[str, List[Any]] = defaultdict(list)
    own: List[Any] = []
    for v in villages:
        if normalize_tech(getattr(v, "tech", None)) not in want:
            continue
        sid = str(getattr(v, "site_id", None) or "").strip()
        (members[sid] if sid in by_id else own).append(v)
    sites = []
    for sid, vs in members.items():
        s = by_id[sid]
        ops_named = {_norm(getattr(v, "operator", None)) for v in vs} - {""}
        op = _norm(s.operator) or (ops_named.pop() if len(ops_named) == 1 else "")
        sites.append(Site(sid, float(s.x), float(s.y), op or None, ";".join(sorted(str(v.code) for v in vs))))
    sites.sort(key=lambda s: s.site_id)
    return sites + sites_from_villages(own, techs=techs), [str(v.code) for v in own]


# ---- export ----------------------------------------------------------------------------------------------------------
ITEM_FIELDS = ("operator", "code", "name", "kab_code", "kec_code", "kec_name", "tech", "population", "capex_idr",
               "opex_idr_year", "year", "status", "assigned_by")
#: the summary CSV: the package table's columns (:func:`package_rows`, the workbook's 'Per operator') and its file
SUMMARY_FIELDS = ("operator", "file") + PACKAGE_COLUMNS[1:]


def safe_filename(operator: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "_", operator or "").strip("_").lower()
    return slug or "unassigned"


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def export_packages_csv(packages: Mapping[str, OperatorPackage], out_dir: str, prefix: str = "operator_",
                        summary_name: str = "operators_summary.csv", unassigned_name: str = "") -> List[str]:
    """Write one CSV per operator (``<prefix><slug>.csv``) plus a summary. Returns the paths (summary last).
    Slug collisions get a numeric suffix. UTF-8, comma separated, header row. The summary has the columns of the
    package table (:func:`package_rows`: villages and villages_scheduled, the scheduled money, capex_unfunded_idr;
    it had the package's villages beside the money of its scheduled ones only, 49 villages and Rp 2.6 bn where the
    workbook said 5 of 49 scheduled and Rp 16.1 bn unfunded), the package without operator named
    ``unassigned_name`` in both files (it was nameless, '(belum ditetapkan)' in the workbook)."""
    os.makedirs(out_dir, exist_ok=True)
    paths: List[str] = []
    used: Dict[str, int] = {}
    summary_rows = []
    table = {op: row for op, row in zip(packages, package_rows(packages, unassigned_name))}
    for op, pack in packages.items():
        slug = safe_filename(op)
        n = used.get(slug, 0)
        used[slug] = n + 1
        fname = f"{prefix}{slug}{'' if n == 0 else '_' + str(n + 1)}.csv"
        path = os.path.join(out_dir, fname)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(ITEM_FIELDS)
            for i in pack.items:
                w.writerow([op or unassigned_name, i.code, i.name, i.kab_code, i.kec_code, i.kec_name, i.tech or "",
                            i.population,
                            _num(i.capex_idr), _num(i.opex_idr_year), "" if i.year is None else i.year, i.status,
                            i.assigned_by])
        paths.append(path)
        row = table[op]
        summary_rows.append([row[0], fname] + ["" if v is None else v for v in row[1:]])
    spath = os.path.join(out_dir, summary_name)
    with open(spath, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(SUMMARY_FIELDS)
        w.writerows(summary_rows)
    paths.append(spath)
    return paths


def export_sharing_csv(candidates: Iterable[SharingCandidate], path: str) -> str:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(("site_id", "site_operator", "code", "tower_id", "tower_operator", "distance_m"))
        for c in candidates:
            w.writerow((c.site_id, c.site_operator, c.code, c.tower_id, c.tower_operator, c.distance_m))
    return path


# ---- QGIS expression ----------------------------------------------------------------------------------------------
def quote_identifier(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def quote_value(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def operator_filter_expression(operator: Optional[str], field_name: str = "operator") -> str:
    """QGIS filter expression selecting one operator, e.g. ``"operator" = 'Telkomsel'``. Quotes are escaped
    by doubling; ``None``/empty (unassigned) gives ``"operator" IS NULL OR "operator" = ''``."""
    f = quote_identifier(field_name)
    if operator is None or str(operator).strip() == "":
        return f"{f} IS NULL OR {f} = ''"
    return f"{f} = {quote_value(operator)}"


def operators_filter_expression(spellings: Iterable[Optional[str]], field_name: str = "operator") -> str:
    """QGIS filter expression selecting one operator written in several ways (the values exactly as the layer
    holds them, e.g. ``"operator" IN ('Telkomsel', 'TELKOMSEL ')``); an empty/None spelling adds the villages
    without operator. One spelling gives :func:`operator_filter_expression`'s expression."""
    values = sorted({"" if s is None else str(s) for s in spellings})
    named = [v for v in values if v.strip()]
    if len(values) == 1:
        return operator_filter_expression(values[0] or None, field_name)
    parts = []
    if named:
        parts.append(f"{quote_identifier(field_name)} IN ({', '.join(quote_value(v) for v in named)})")
    if len(named) < len(values):
        parts.append(operator_filter_expression(None, field_name))
    return " OR ".join(parts)

