"""Multi-year roadmap: which village is connected in which year, paid by which funding source.

Pure Python (no qgis import). Entry point: :func:`schedule`.

Algorithm (greedy, deterministic):

1. Villages are taken in ``priority_rank`` order (1 first; ties by code). Each village is placed in the *earliest*
   year of the horizon in which its whole bill can be funded:

   * its CAPEX in the connection year ``Y``;
   * its OPEX for every year of service ``Y .. Y+opex_years-1`` that falls inside the horizon. This OPEX is a
     liability and is *reserved* at scheduling time, so villages scheduled later can never push a year over a cap.

   A village that cannot be funded in any year is **unfunded** with a reason in English and Indonesian. A lower-ranked
   village may take a year that a higher-ranked, more expensive village could not fit into (greedy fill).
2. Each cost item is paid by a *waterfall* over the eligible sources in ascending ``FundingSource.order`` (then name):
   the default order is BAKTI/USO (eligible 3T BTS) -> operator co-investment (colo/fwa) -> Dana Desa (eligible
   opex, satellite capex) -> APBD Kabupaten/Kota -> APBD Provinsi. A source pays what it still can (yearly cap,
   per-kab cap, per-village-and-year cap) and the next source pays the rest; an item may therefore be split.
   Caps are never exceeded: all amounts are whole rupiah and every booking is checked against the remaining room.
3. Technology migration (optional, after step 1 so that migration never displaces a not-yet-connected village):
   satellite villages with a fibre alternative (:class:`MigrationOption`) migrate in the earliest year
   ``>= max(connection year + 1, available_from_year)`` whose fibre CAPEX (and fibre OPEX for the rest of the
   village's OPEX window, replacing the released satellite OPEX) fits the budget. Existing satellite sites outside
   the plan (e.g. the 158 Starlink sites) are passed as options carrying their own ``village`` record; their fibre
   OPEX is funded for ``opex_years`` from the migration year, within the horizon.

Outputs (:class:`RoadmapResult`): per-village :class:`VillageSchedule`, the year × source table
(:class:`YearSourceRow`), every booking (:class:`Allocation`), migrations, totals and the *sustainability* figure:
the share of OPEX falling after each village's first year of service that is paid from ``recurring`` sources.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from .capacity import DEFAULT_BTS_LEAD_MONTHS, CapacityTable, lead_years
from .funding import TECH_KEYS, FundingSource, check_sources, format_idr, normalize_tech

SCHEDULED = "scheduled"
UNFUNDED = "unfunded"
OVER_CAPACITY = "over_capacity"  # could be funded, but no year of the horizon had installation capacity left
CONTINUING = "continuing"  # connected before the roadmap (the programme): its OPEX continues every year
MIGRATED = "migrated"
NOT_MIGRATED = "not_migrated"

#: the fields the roadmap adds to every village of the plan (processing/alg_roadmap.py writes them; a table named
#: like the roadmap's village table but without them is not a roadmap's, gui/page_plan.py leaves it alone)
VILLAGE_FIELDS = ("year", "funding_capex", "funding_opex", "fund_status", "unfunded_reason", "migration_year",
                  "build_year", "delay_reason", "renewal_year", "migration_funding_capex", "migration_funding_opex",
                  "cadres_target")

KIND_CAPEX = "capex"
KIND_OPEX = "opex"
KIND_MIG_CAPEX = "migration_capex"
KIND_MIG_OPEX = "migration_opex"


class RoadmapError(ValueError):
    """Bad input for the roadmap. ``message_en`` / ``message_id`` carry the bilingual text."""

    def __init__(self, message_en: str, message_id: str):
        self.message_en = message_en
        self.message_id = message_id
        super().__init__(message_en)


class EmptyPlanError(RoadmapError):
    """The plan has no villages."""


@dataclass
class PlanVillage:
    code: str
    name: str = ""
    kab_code: str = ""
    kec_code: str = ""
    kec_name: str = ""
    population: int = 0
    tech: Optional[str] = None
    capex_idr: Optional[float] = 0
    opex_idr_year: Optional[float] = 0
    priority_rank: int = 0
    is_3t: bool = False
    has_plot_20m: Optional[bool] = None
    operator: Optional[str] = None
    cadres_trained: int = 0
    is_kelurahan: Optional[bool] = None  # None: derived from the Kemendagri code (village part 1xxx = kelurahan)
    x: Optional[float] = None  # projected coordinates (analysis CRS), used by operators.tower_sharing
    y: Optional[float] = None
    site_id: Optional[str] = None  # the new BTS that serves the village (choosetech's new_site): one project
    existing_service: bool = False  # connected before the roadmap: no CAPEX, its OPEX continues every year


@dataclass
class MigrationOption:
    """A fibre alternative for a satellite village. ``available_from_year`` None = from the start of the horizon.
    ``village``: the record of an existing satellite site that is not in the plan (else looked up by ``code``)."""

    code: str
    fibre_capex_idr: float
    fibre_opex_idr_year: float
    available_from_year: Optional[int] = None
    village: Optional[Any] = None


@dataclass
class Allocation:
    """One booking: ``source`` pays ``amount`` (whole rupiah) of ``kind`` for village ``code`` in ``year``."""

    year: int
    source: str
    code: str
    kab_code: str
    kind: str  # capex | opex | migration_capex | migration_opex
    amount: int
    service_start_year: Optional[int] = None  # connection year of the village (None: connected before the horizon)


@dataclass
class VillageSchedule:
    code: str
    name: str
    kab_code: str
    kec_code: str
    kec_name: str
    population: int
    tech: Optional[str]
    priority_rank: int
    status: str  # scheduled | unfunded
    year: Optional[int] = None
    capex_idr: int = 0
    opex_idr_year: int = 0
    funding_capex: Dict[str, int] = field(default_factory=dict)  # source -> rupiah (connection year)
    funding_opex: Dict[int, Dict[str, int]] = field(default_factory=dict)  # year -> source -> rupiah
    reason_en: str = ""
    reason_id: str = ""
    migration_year: Optional[int] = None  # set when the village migrates from satellite to fibre
    site_id: Optional[str] = None  # new BTS of the village (all its villages share year, build year and funder)
    build_year: Optional[int] = None  # year the CAPEX is paid (a new BTS: its lead time before ``year``)
    delay_en: str = ""  # why the village starts later than its first fundable year (installation capacity)
    delay_id: str = ""

    @property
    def scheduled(self) -> bool:
        return self.status == SCHEDULED

    @property
    def opex_funded_idr(self) -> int:
        return sum(sum(d.values()) for d in self.funding_opex.values())

    @property
    def capex_funded_idr(self) -> int:
        return sum(self.funding_capex.values())

    @property
    def main_source(self) -> Optional[str]:
        """The source paying most of the capex (else most of the first-year opex)."""
        pool = self.funding_capex or (self.funding_opex.get(self.year, {}) if self.year is not None else {})
        pool = {k: v for k, v in pool.items() if v > 0}
        if not pool:
            return None
        return max(pool.items(), key=lambda kv: kv[1])[0]  # ties: first booked = preferred source


@dataclass
class MigrationResult:
    code: str
    name: str
    status: str  # migrated | not_migrated
    year: Optional[int] = None
    fibre_capex_idr: int = 0
    fibre_opex_idr_year: int = 0
    funding_capex: Dict[str, int] = field(default_factory=dict)
    funding_opex: Dict[int, Dict[str, int]] = field(default_factory=dict)
    released_satellite_opex_idr: int = 0
    in_plan: bool = True
    reason_en: str = ""
    reason_id: str = ""

    @property
    def cost_idr(self) -> int:
        """Fibre capex plus the fibre opex funded inside the horizon."""
        return self.fibre_capex_idr + sum(sum(d.values()) for d in self.funding_opex.values())


@dataclass
class YearSourceRow:
    year: int
    source: str
    label: str
    cap_idr: int  # yearly cap (per kabupaten/kota when cap_per_kab)
    cap_per_kab: bool
    capex_idr: int = 0
    opex_idr: int = 0
    migration_capex_idr: int = 0
    migration_opex_idr: int = 0
    villages_connected: int = 0  # villages whose main source (see VillageSchedule.main_source) this is
    people_connected: int = 0
    villages_migrated: int = 0

    @property
    def total_idr(self) -> int:
        return self.capex_idr + self.opex_idr + self.migration_capex_idr + self.migration_opex_idr


@dataclass
class RoadmapTotals:
    villages: int = 0
    villages_scheduled: int = 0
    villages_unfunded: int = 0  # no funding (over capacity and continuing services are counted apart)
    villages_over_capacity: int = 0
    villages_continuing: int = 0
    people_connected: int = 0
    people_unfunded: int = 0
    capex_idr: int = 0
    opex_idr: int = 0
    migration_capex_idr: int = 0
    migration_opex_idr: int = 0
    villages_migrated: int = 0
    opex_run_rate_end_idr: int = 0  # yearly opex of everything connected at the end of the horizon (liability)
    by_source: Dict[str, int] = field(default_factory=dict)

    @property
    def total_idr(self) -> int:
        return self.capex_idr + self.opex_idr + self.migration_capex_idr + self.migration_opex_idr


@dataclass
class RoadmapResult:
    start_year: int
    years: int
    opex_years: int
    sources: List[FundingSource]
    villages: List[VillageSchedule]
    table: List[YearSourceRow]
    allocations: List[Allocation]
    migrations: List[MigrationResult]
    totals: RoadmapTotals
    sustainability: Optional[float]  # 0..1, None when there is no opex after year 1
    warnings_en: List[str] = field(default_factory=list)
    sustainability_without_operator: Optional[float] = None  # the same without operators' (commercial) money
    warnings_id: List[str] = field(default_factory=list)

    @property
    def end_year(self) -> int:
        return self.start_year + self.years - 1

    @property
    def year_range(self) -> List[int]:
        return list(range(self.start_year, self.start_year + self.years))

    def village(self, code: str) -> Optional[VillageSchedule]:
        for v in self.villages:
            if v.code == code:
                return v
        return None

    def scheduled(self) -> List[VillageSchedule]:
        return [v for v in self.villages if v.status == SCHEDULED]

    def unfunded(self) -> List[VillageSchedule]:
        return [v for v in self.villages if v.status == UNFUNDED]

    def years_by_code(self) -> Dict[str, int]:
        return {v.code: v.year for v in self.villages if v.status == SCHEDULED}

    def used(self, source: str, year: int, kab_code: Optional[str] = None) -> int:
        """Rupiah booked on ``source`` in ``year`` (optionally for one kabupaten/kota)."""
        return sum(a.amount for a in self.allocations
                   if a.source == source and a.year == year and (kab_code is None or a.kab_code == kab_code))

    def year_totals(self) -> List[dict]:
        out = []
        for y in self.year_range:
            rows = [r for r in self.table if r.year == y]
            conn = [v for v in self.villages if v.status == SCHEDULED and v.year == y]
            out.append({
                "year": y,
                "capex_idr": sum(r.capex_idr for r in rows),
                "opex_idr": sum(r.opex_idr for r in rows),
                "migration_capex_idr": sum(r.migration_capex_idr for r in rows),
                "migration_opex_idr": sum(r.migration_opex_idr for r in rows),
                "villages_connected": len(conn),
                "people_connected": sum(v.population for v in conn),
                "villages_migrated": sum(1 for m in self.migrations if m.status == MIGRATED and m.year == y),
            })
        return out


# ---- internals -----------------------------------------------------------------------------------------------------
def _whole(v: Any) -> Optional[int]:
    """Rupiah as int; None for missing / not a finite number."""
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    if math.isnan(f) or math.isinf(f):
        return None
    return int(round(f))


def _cap(v: Any) -> Optional[int]:
    if v is None:
        return None
    return max(0, int(math.floor(float(v))))


class _Ledger:
    """Bookings with cap checks. Keys: (source, year, scope) with scope = kab_code for per-kab caps else ''."""

    def __init__(self, sources: Sequence[FundingSource]):
        self.src = {s.name: s for s in sources}
        self.yearly = {s.name: _cap(s.yearly_cap_idr) or 0 for s in sources}
        self.per_village = {s.name: _cap(s.per_village_cap_idr) for s in sources}
        self.used_scope: Dict[Tuple[str, int, str], int] = defaultdict(int)
        self.used_village: Dict[Tuple[str, int, str], int] = defaultdict(int)
        self.allocs: List[Allocation] = []

    def _scope(self, name: str, kab: str) -> str:
        return kab if self.src[name].cap_per_kab else ""

    def scope_room(self, name: str, year: int, kab: str) -> int:
        return max(0, self.yearly[name] - self.used_scope[(name, year, self._scope(name, kab))])

    def village_room(self, name: str, year: int, code: str) -> Optional[int]:
        pv = self.per_village[name]
        return None if pv is None else max(0, pv - self.used_village[(name, year, code)])

    def room(self, name: str, year: int, code: str, kab: str) -> int:
        r = self.yearly[name] - self.used_scope[(name, year, self._scope(name, kab))]
        pv = self.per_village[name]
        if pv is not None:
            r = min(r, pv - self.used_village[(name, year, code)])
        return max(0, r)

    def book(self, a: Allocation) -> None:
        self.used_scope[(a.source, a.year, self._scope(a.source, a.kab_code))] += a.amount
        self.used_village[(a.source, a.year, a.code)] += a.amount
        self.allocs.append(a)

    def unbook(self, a: Allocation) -> None:
        self.used_scope[(a.source, a.year, self._scope(a.source, a.kab_code))] -= a.amount
        self.used_village[(a.source, a.year, a.code)] -= a.amount
        for i in range(len(self.allocs) - 1, -1, -1):
            if self.allocs[i] is a:
                del self.allocs[i]
                break


class _Txn:
    def __init__(self, ledger: _Ledger):
        self.ledger = ledger
        self.booked: List[Allocation] = []
        self.released: List[Allocation] = []

    def release(self, a: Allocation) -> None:
        self.ledger.unbook(a)
        self.released.append(a)

    def pay(self, village: Any, kab: str, kind: str, eligibility_kind: str, tech: str, year: int, amount: int,
            ordered: Sequence[FundingSource], service_start: Optional[int]) -> bool:
        remaining = amount
        if remaining <= 0:
            return True
        for s in ordered:
            if not s.eligible(village, eligibility_kind, tech):
                continue
            take = min(remaining, self.ledger.room(s.name, year, village.code, kab))
            if take <= 0:
                continue
            a = Allocation(year, s.name, village.code, kab, kind, take, service_start)
            self.ledger.book(a)
            self.booked.append(a)
            remaining -= take
            if remaining == 0:
                return True
        return False

    def pay_one(self, members: Sequence[Any], kab: str, kind: str, tech: str, year: int, amounts: Sequence[int],
                ordered: Sequence[FundingSource], service_start: Optional[int]) -> bool:
        """The whole of ``amounts`` (one per member village) from ONE source: a new tower is one project."""
        total = sum(amounts)
        if total <= 0:
            return True
        for s in ordered:
            if not s.eligible(members[0], kind, tech):
                continue
            if self.ledger.scope_room(s.name, year, kab) < total:
                continue
            if any((r := self.ledger.village_room(s.name, year, m.code)) is not None and r < a
                   for m, a in zip(members, amounts)):
                continue
            for m, a in zip(members, amounts):
                if a > 0:
                    alloc = Allocation(year, s.name, m.code, kab, kind, a, service_start)
                    self.ledger.book(alloc)
                    self.booked.append(alloc)
            return True
        return False

    def rollback(self) -> None:
        for a in reversed(self.booked):
            self.ledger.unbook(a)
        for a in self.released:
            self.ledger.book(a)
        self.booked, self.released = [], []


def _span(years: Sequence[int]) -> str:
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else f"{years[0]}"


_KIND_ID = {"capex": "CAPEX", "opex": "OPEX"}


def _village_problem(v: Any) -> Optional[Tuple[str, str]]:
    raw = getattr(v, "tech", None)
    tech = normalize_tech(raw)
    if tech is None:
        return ("no technology chosen for this village", "belum ada teknologi yang dipilih untuk desa ini")
    if tech not in TECH_KEYS:
        return (f"unknown technology '{raw}' (known: {', '.join(TECH_KEYS)})",
                f"teknologi '{raw}' tidak dikenal (yang dikenal: {', '.join(TECH_KEYS)})")
    for attr, en, idn in (("capex_idr", "capex", "CAPEX"), ("opex_idr_year", "yearly opex", "OPEX tahunan")):
        raw = getattr(v, attr, None)
        val = _whole(raw)
        if val is None:
            return (f"the {en} of {tech} is unknown ({raw!r})", f"{idn} {tech} tidak diketahui ({raw!r})")
        if val < 0:
            return (f"the {en} of {tech} is negative ({val:,})", f"{idn} {tech} negatif ({val:,})")
    return None


def _no_eligible_reason(v: Any, kind: str, tech: str, amount: int,
                        sources: Sequence[FundingSource]) -> Tuple[str, str]:
    why = [s.check(v, kind, tech) for s in sources]
    why = [w for w in why if w]
    en = f"no funding source may pay {tech} {kind} ({format_idr(amount)})"
    idn = f"tidak ada sumber dana yang boleh membiayai {_KIND_ID[kind]} {tech} ({format_idr(amount, 'id')})"
    if why:
        en += ": " + "; ".join(w[0] for w in why)
        idn += ": " + "; ".join(w[1] for w in why)
    elif not sources:
        en += ": the funding table is empty"
        idn += ": tabel sumber dana kosong"
    return en, idn


# ---- main entry ----------------------------------------------------------------------------------------------------
def schedule(villages: Iterable[Any], sources: Sequence[FundingSource], start_year: int, years: int = 5,
             opex_years: int = 5,
             migration: Optional[Union[Sequence[MigrationOption], Mapping[str, MigrationOption]]] = None,
             capacity: Optional[CapacityTable] = None, bts_lead_months: float = DEFAULT_BTS_LEAD_MONTHS,
             ) -> RoadmapResult:
    """Schedule ``villages`` (records with the :class:`PlanVillage` attributes) over ``years`` years from
    ``start_year`` using the funding table ``sources``. See the module docstring for the rules.

    Raises :class:`EmptyPlanError` for an empty plan, :class:`RoadmapError` for duplicate codes or a bad horizon,
    :class:`~.funding.FundingTableError` for an invalid funding table. A zero budget is *not* an error: every village
    is unfunded with a reason and a warning is added.
    """
    villages = list(villages)
    sources = list(sources)
    if not villages:
        raise EmptyPlanError("The plan has no villages: add villages (choose a technology) before building a roadmap.",
                             "Rencana belum berisi desa: tambahkan desa (pilih teknologi) sebelum menyusun roadmap.")
    try:
        start_year = int(start_year)
        years = int(years)
        opex_years = int(opex_years)
    except (TypeError, ValueError) as e:
        raise RoadmapError(f"Start year, years and OPEX years must be whole numbers ({e})",
                           f"Tahun mulai, jumlah tahun dan tahun OPEX harus bilangan bulat ({e})") from e
    if years < 1:
        raise RoadmapError(f"The roadmap needs at least one year (got {years})",
                           f"Roadmap memerlukan minimal satu tahun (diberikan {years})")
    if opex_years < 0:
        raise RoadmapError(f"OPEX years cannot be negative (got {opex_years})",
                           f"Jumlah tahun OPEX tidak boleh negatif (diberikan {opex_years})")
    check_sources(sources)
    codes = [str(v.code) for v in villages]
    dups = sorted({c for c in codes if codes.count(c) > 1}) if len(set(codes)) != len(codes) else []
    if dups:
        listed = ", ".join(dups[:10]) + (f" (+{len(dups) - 10})" if len(dups) > 10 else "")
        raise RoadmapError(f"Duplicate village codes in the plan: {listed}. Each village must appear once: correct "
                           f"the codes or remove the extra features in the village layer ('Check village layer' "
                           f"names them by feature id), then run the chain again",
                           f"Kode desa ganda dalam rencana: {listed}. Setiap desa hanya boleh muncul sekali: perbaiki "
                           f"kodenya atau hapus fitur yang berlebih di layer desa ('Periksa layer desa' menyebutnya "
                           f"per id fitur), lalu jalankan rangkaian lagi")

    ordered = sorted(sources, key=lambda s: (s.order, s.name))
    horizon = list(range(start_year, start_year + years))
    ledger = _Ledger(ordered)
    warnings_en: List[str] = []
    warnings_id: List[str] = []

    zero_budget = all((_cap(s.yearly_cap_idr) or 0) == 0 or (_cap(s.per_village_cap_idr) == 0) for s in ordered)
    if zero_budget:
        warnings_en.append("Every funding source has a zero cap: no village can be funded. Enter the yearly caps "
                           "in the funding table.")
        warnings_id.append("Semua sumber dana berpagu nol: tidak ada desa yang dapat didanai. Isi pagu tahunan di "
                           "tabel sumber dana.")

    def prio(v: Any) -> tuple:
        r = getattr(v, "priority_rank", None)
        try:
            r = int(r)
        except (TypeError, ValueError):
            r = None
        return (r is None or r < 1, r if r is not None else 0, str(v.code))

    results: Dict[str, VillageSchedule] = {}
    lead = lead_years(bts_lead_months)
    for unit in _units(sorted(villages, key=prio)):
        _schedule_unit(unit, results, ordered, ledger, capacity, horizon, opex_years, lead)

    migrations = _migrate(villages, results, migration, ordered, ledger, horizon, opex_years,
                          warnings_en, warnings_id)

    ordered_results = [results[str(v.code)] for v in sorted(villages, key=prio)]
    allocations = list(ledger.allocs)
    table = _build_table(ordered, horizon, allocations, ordered_results, migrations)
    totals = _totals(ordered, ordered_results, allocations, migrations, villages, horizon)
    sustain = _sustainability(ordered, allocations)
    sustain_no_op = _sustainability(ordered, allocations, without_commercial=True)
    unfunded = [v for v in ordered_results if v.status == UNFUNDED]
    if unfunded and not zero_budget:
        warnings_en.append(f"{len(unfunded)} of {len(ordered_results)} villages could not be funded in "
                           f"{_span(horizon)}; see the reasons in the village list.")
        warnings_id.append(f"{len(unfunded)} dari {len(ordered_results)} desa tidak dapat didanai pada "
                           f"{_span(horizon)}; lihat alasannya di daftar desa.")
    return RoadmapResult(start_year=start_year, years=years, opex_years=opex_years, sources=ordered,
                         villages=ordered_results, table=table, allocations=allocations, migrations=migrations,
                         totals=totals, sustainability=sustain, warnings_en=warnings_en, warnings_id=warnings_id,
                         sustainability_without_operator=sustain_no_op)


def _units(villages: Sequence[Any]) -> List[List[Any]]:
    """Villages in priority order grouped into projects: the villages of one new BTS (same ``site_id``, tech bts)
    form one unit, placed at its best-ranked village; every other village is a unit of its own."""
    units: List[List[Any]] = []
    by_site: Dict[str, List[Any]] = {}
    for v in villages:
        sid = getattr(v, "site_id", None)
        if sid and normalize_tech(getattr(v, "tech", None)) == "bts":
            if str(sid) in by_site:
                by_site[str(sid)].append(v)
                continue
            by_site[str(sid)] = [v]
            units.append(by_site[str(sid)])
        else:
            units.append([v])
    return units


def _schedule_unit(unit: List[Any], results: Dict[str, VillageSchedule], ordered: Sequence[FundingSource],
                   ledger: _Ledger, capacity: Optional[CapacityTable], horizon: List[int], opex_years: int,
                   lead: int) -> None:
    """Place one project (a village, or a new BTS with all its villages) in the earliest year whose installation
    capacity, CAPEX and OPEX fit. A BTS is paid by one source and starts service ``lead`` years after its build
    (CAPEX) year."""
    end_year = horizon[-1]
    host = unit[0]
    kab = str(getattr(host, "kab_code", "") or "")
    schedules = []
    for v in unit:
        vkab = str(getattr(v, "kab_code", "") or "")
        vs = VillageSchedule(
            code=str(v.code), name=str(getattr(v, "name", "") or ""), kab_code=vkab,
            kec_code=str(getattr(v, "kec_code", "") or ""), kec_name=str(getattr(v, "kec_name", "") or ""),
            population=int(_whole(getattr(v, "population", 0)) or 0),
            tech=normalize_tech(getattr(v, "tech", None)) or getattr(v, "tech", None),
            priority_rank=int(_whole(getattr(v, "priority_rank", 0)) or 0), status=UNFUNDED,
            site_id=str(getattr(v, "site_id", "") or "") or None)
        results[vs.code] = vs
        schedules.append(vs)
    for v, vs in zip(unit, schedules):
        problem = _village_problem(v)
        if problem:
            for other in schedules:
                other.reason_en, other.reason_id = problem if other is vs else (
                    f"village {vs.code} of the same BTS: {problem[0]}",
                    f"desa {vs.code} pada BTS yang sama: {problem[1]}")
            return
    tech = normalize_tech(host.tech)
    capex = [_whole(v.capex_idr) for v in unit]
    opex = [_whole(v.opex_idr_year) for v in unit]
    for vs, c, o in zip(schedules, capex, opex):
        vs.capex_idr, vs.opex_idr_year = c, o
    if getattr(host, "existing_service", False):
        _continue_service(host, schedules[0], kab, tech, opex[0], ordered, ledger, horizon)
        return
    if sum(capex) > 0 and not any(s.eligible(host, KIND_CAPEX, tech) for s in ordered):
        reason = _no_eligible_reason(host, KIND_CAPEX, tech, sum(capex), ordered)
        for vs in schedules:
            vs.reason_en, vs.reason_id = reason
        return
    if sum(opex) > 0 and opex_years > 0 and not any(s.eligible(host, KIND_OPEX, tech) for s in ordered):
        reason = _no_eligible_reason(host, KIND_OPEX, tech, sum(opex), ordered)
        for vs in schedules:
            vs.reason_en, vs.reason_id = reason
        return
    is_project = tech == "bts"
    shift = lead if is_project else 0
    provider = str(getattr(host, "operator", "") or "")
    failures: List[Tuple[str, int]] = []
    delays: List[Tuple[int, Any]] = []
    for y in horizon:
        start = y + shift
        if start > end_year:
            failures.append(("lead", y))
            break
        if capacity is not None:
            full = capacity.blocking(start, tech, kab, provider)
            if full is not None:
                delays.append((start, full))
                continue
        txn = _Txn(ledger)
        if is_project:
            ok = txn.pay_one(unit, kab, KIND_CAPEX, tech, y, capex, ordered, start)
        else:
            ok = txn.pay(host, kab, KIND_CAPEX, KIND_CAPEX, tech, y, capex[0], ordered, start)
        failed = (KIND_CAPEX, y)
        if ok:
            for oy in range(start, min(end_year, start + opex_years - 1) + 1):
                if is_project:
                    paid = txn.pay_one(unit, kab, KIND_OPEX, tech, oy, opex, ordered, start)
                else:
                    paid = txn.pay(host, kab, KIND_OPEX, KIND_OPEX, tech, oy, opex[0], ordered, start)
                if not paid:
                    ok, failed = False, (KIND_OPEX, oy)
                    break
        if ok:
            if capacity is not None:
                capacity.book(start, tech, kab, provider)
            by_code = {vs.code: vs for vs in schedules}
            for vs in schedules:
                vs.status, vs.year, vs.build_year = SCHEDULED, start, y
            for a in txn.booked:
                vs = by_code[a.code]
                if a.kind == KIND_CAPEX:
                    vs.funding_capex[a.source] = vs.funding_capex.get(a.source, 0) + a.amount
                else:
                    d = vs.funding_opex.setdefault(a.year, {})
                    d[a.source] = d.get(a.source, 0) + a.amount
            if delays:
                en, idn = _delay_text(tech, delays)
                for vs in schedules:
                    vs.delay_en, vs.delay_id = en, idn
            return
        txn.rollback()
        failures.append(failed)
    if delays and not [f for f in failures if f[0] in (KIND_CAPEX, KIND_OPEX)]:
        en, idn = _delay_text(tech, delays)
        for vs in schedules:
            vs.status = OVER_CAPACITY
            vs.reason_en = f"no installation capacity left in {_span(horizon)}: {en}"
            vs.reason_id = f"kapasitas pemasangan habis pada {_span(horizon)}: {idn}"
        return
    if failures and all(f[0] == "lead" for f in failures):
        reason = (f"a new BTS needs {lead} year(s) from its build year to service: it cannot start within "
                  f"{_span(horizon)}",
                  f"BTS baru memerlukan {lead} tahun sejak tahun pembangunan hingga beroperasi: tidak dapat mulai "
                  f"dalam {_span(horizon)}")
    else:
        money = [f for f in failures if f[0] in (KIND_CAPEX, KIND_OPEX)]
        capex_total, opex_total = sum(capex), sum(opex)
        reason = _capacity_reason(tech, capex_total, opex_total, opex_years, money, horizon,
                                  [s for s in ordered if s.eligible(host, KIND_CAPEX, tech)]
                                  if any(f[0] == KIND_CAPEX for f in money) else
                                  [s for s in ordered if s.eligible(host, KIND_OPEX, tech)])
        if is_project and len(unit) > 1:
            reason = (reason[0] + f" (one source pays the whole BTS {host.site_id} and its {len(unit)} villages)",
                      reason[1] + f" (satu sumber dana membiayai seluruh BTS {host.site_id} dan {len(unit)} desanya)")
    for vs in schedules:
        vs.reason_en, vs.reason_id = reason


def _continue_service(v: Any, vs: VillageSchedule, kab: str, tech: str, opex: int, ordered: Sequence[FundingSource],
                      ledger: _Ledger, horizon: List[int]) -> None:
    """A village connected before the roadmap keeps its service: its OPEX is funded in every year of the horizon
    (subscriptions continue and contracts are renewed); it needs no installation capacity."""
    txn = _Txn(ledger)
    for y in horizon:
        if not txn.pay(v, kab, KIND_OPEX, KIND_OPEX, tech, y, opex, ordered, horizon[0] - 1):
            txn.rollback()
            en, idn = _no_eligible_reason(v, KIND_OPEX, tech, opex, ordered) if not any(
                s.eligible(v, KIND_OPEX, tech) for s in ordered) else _capacity_reason(
                tech, 0, opex, len(horizon), [(KIND_OPEX, y)], horizon,
                [s for s in ordered if s.eligible(v, KIND_OPEX, tech)])
            vs.reason_en = "the service of this connected village cannot be paid on: " + en
            vs.reason_id = "layanan desa yang sudah tersambung ini tidak dapat terus dibiayai: " + idn
            return
    vs.status, vs.year = CONTINUING, horizon[0]
    for a in txn.booked:
        d = vs.funding_opex.setdefault(a.year, {})
        d[a.source] = d.get(a.source, 0) + a.amount


def _delay_text(tech: str, delays: List[Tuple[int, Any]]) -> Tuple[str, str]:
    years = ", ".join(str(y) for y, _ in delays)
    row = delays[0][1]
    scope_en = (f" in {row.kab_code}" if row.kab_code else "") + (f" for {row.provider}" if row.provider else "")
    scope_id = (f" di {row.kab_code}" if row.kab_code else "") + (f" untuk {row.provider}" if row.provider else "")
    return (f"installation capacity for {tech}{scope_en} ({row.max_installations} a year) was full in {years}",
            f"kapasitas pemasangan {tech}{scope_id} ({row.max_installations} per tahun) penuh pada {years}")


def _capacity_reason(tech: str, capex: int, opex: int, opex_years: int, failures: List[Tuple[str, int]],
                     horizon: List[int], eligible: Sequence[FundingSource]) -> Tuple[str, str]:
    names_en = ", ".join(s.label or s.name for s in eligible) or "none"
    names_id = ", ".join(s.label or s.name for s in eligible) or "tidak ada"
    span = _span(horizon)
    if all(k == KIND_CAPEX for k, _ in failures):
        return (f"no eligible source has capacity left for {tech} capex {format_idr(capex)} in {span} "
                f"(eligible: {names_en})",
                f"tidak ada sumber dana yang memenuhi syarat dengan sisa pagu untuk CAPEX {tech} "
                f"{format_idr(capex, 'id')} pada {span} (yang memenuhi syarat: {names_id})")
    return (f"no eligible source has capacity left for {tech} opex {format_idr(opex)}/yr (OPEX is reserved for up to "
            f"{opex_years} years from connection) in {span} (eligible: {names_en})",
            f"tidak ada sumber dana yang memenuhi syarat dengan sisa pagu untuk OPEX {tech} "
            f"{format_idr(opex, 'id')}/tahun (OPEX dicadangkan hingga {opex_years} tahun sejak tersambung) pada "
            f"{span} (yang memenuhi syarat: {names_id})")


def _migrate(villages, results: Dict[str, VillageSchedule], migration, ordered, ledger: _Ledger,
             horizon: List[int], opex_years: int, warnings_en: List[str], warnings_id: List[str]
             ) -> List[MigrationResult]:
    if not migration:
        return []
    options = list(migration.values()) if isinstance(migration, Mapping) else list(migration)
    by_code = {str(v.code): v for v in villages}
    end_year = horizon[-1]
    items = []
    out: List[MigrationResult] = []
    for opt in options:
        code = str(opt.code)
        v = by_code.get(code)
        in_plan = v is not None
        if v is None:
            v = opt.village
        if v is None:
            warnings_en.append(f"Migration option for unknown village {code} ignored (not in the plan and no "
                               f"village record given).")
            warnings_id.append(f"Opsi migrasi untuk desa {code} yang tidak dikenal diabaikan (tidak ada dalam "
                               f"rencana dan tidak ada data desa).")
            out.append(MigrationResult(code, "", NOT_MIGRATED, in_plan=False,
                                       reason_en="unknown village (not in the plan, no village record)",
                                       reason_id="desa tidak dikenal (tidak ada dalam rencana, tanpa data desa)"))
            continue
        items.append((opt, v, in_plan))

    def key(item):
        opt, v, _ = item
        r = _whole(getattr(v, "priority_rank", None))
        return (r is None or r < 1, r or 0, str(opt.code))

    for opt, v, in_plan in sorted(items, key=key):
        code = str(opt.code)
        name = str(getattr(v, "name", "") or "")
        kab = str(getattr(v, "kab_code", "") or "")
        mr = MigrationResult(code, name, NOT_MIGRATED, in_plan=in_plan)
        out.append(mr)
        capex = _whole(opt.fibre_capex_idr)
        opex = _whole(opt.fibre_opex_idr_year)
        if capex is None or opex is None or capex < 0 or opex < 0:
            mr.reason_en = "fibre cost unknown or negative"
            mr.reason_id = "biaya fiber tidak diketahui atau negatif"
            continue
        mr.fibre_capex_idr, mr.fibre_opex_idr_year = capex, opex
        vs = results.get(code) if in_plan else None
        if in_plan:
            if normalize_tech(getattr(v, "tech", None)) != "satellite":
                mr.reason_en = f"the village is planned on {getattr(v, 'tech', None)}, not satellite"
                mr.reason_id = f"desa direncanakan dengan {getattr(v, 'tech', None)}, bukan satelit"
                continue
            if vs is None or vs.status not in (SCHEDULED, CONTINUING):
                mr.reason_en = "the village is not connected by the roadmap, so there is nothing to migrate"
                mr.reason_id = "desa tidak tersambung dalam roadmap, jadi tidak ada yang dimigrasikan"
                continue
            if vs.status == CONTINUING:  # connected before the roadmap: may move from its first year
                first, window_end, service_start = vs.year, end_year, vs.year - 1
            else:
                first = vs.year + 1
                window_end = min(end_year, vs.year + opex_years - 1)
                service_start = vs.year
        else:
            first = horizon[0]
            window_end = None
            service_start = None
        avail = _whole(opt.available_from_year)
        if avail is not None:
            first = max(first, avail)
        if first > end_year:
            mr.reason_en = f"fibre is available only from {first}, after the roadmap ({_span(horizon)})"
            mr.reason_id = f"fiber baru tersedia mulai {first}, setelah roadmap ({_span(horizon)})"
            continue
        if capex > 0 and not any(s.eligible(v, KIND_CAPEX, "fibre") for s in ordered):
            en, idn = _no_eligible_reason(v, KIND_CAPEX, "fibre", capex, ordered)
            mr.reason_en, mr.reason_id = en, idn
            continue
        done = False
        for m in range(first, end_year + 1):
            txn = _Txn(ledger)
            released = [a for a in ledger.allocs if a.code == code and a.kind == KIND_OPEX and a.year >= m]
            for a in released:
                txn.release(a)
            last = window_end if window_end is not None else min(end_year, m + opex_years - 1)
            ok = txn.pay(v, kab, KIND_MIG_CAPEX, KIND_CAPEX, "fibre", m, capex, ordered, service_start)
            if ok:
                for oy in range(m, last + 1):
                    if not txn.pay(v, kab, KIND_MIG_OPEX, KIND_OPEX, "fibre", oy, opex, ordered, service_start):
                        ok = False
                        break
            if ok:
                mr.status, mr.year = MIGRATED, m
                mr.released_satellite_opex_idr = sum(a.amount for a in released)
                for a in txn.booked:
                    if a.kind == KIND_MIG_CAPEX:
                        mr.funding_capex[a.source] = mr.funding_capex.get(a.source, 0) + a.amount
                    else:
                        d = mr.funding_opex.setdefault(a.year, {})
                        d[a.source] = d.get(a.source, 0) + a.amount
                if vs is not None:
                    vs.migration_year = m
                    vs.funding_opex = {y: d for y, d in vs.funding_opex.items() if y < m}
                done = True
                break
            txn.rollback()
        if not done:
            span = _span(list(range(first, end_year + 1)))
            mr.reason_en = (f"no eligible source has capacity left for fibre capex {format_idr(capex)} "
                            f"(+ opex {format_idr(opex)}/yr) in {span}")
            mr.reason_id = (f"tidak ada sumber dana yang memenuhi syarat dengan sisa pagu untuk CAPEX fiber "
                            f"{format_idr(capex, 'id')} (+ OPEX {format_idr(opex, 'id')}/tahun) pada {span}")
    return out


def _build_table(ordered, horizon, allocations, results, migrations) -> List[YearSourceRow]:
    rows: Dict[Tuple[int, str], YearSourceRow] = {}
    for y in horizon:
        for s in ordered:
            rows[(y, s.name)] = YearSourceRow(y, s.name, s.label or s.name, _cap(s.yearly_cap_idr) or 0,
                                              bool(s.cap_per_kab))
    attr = {KIND_CAPEX: "capex_idr", KIND_OPEX: "opex_idr", KIND_MIG_CAPEX: "migration_capex_idr",
            KIND_MIG_OPEX: "migration_opex_idr"}
    for a in allocations:
        r = rows[(a.year, a.source)]
        setattr(r, attr[a.kind], getattr(r, attr[a.kind]) + a.amount)
    for v in results:
        if v.status == SCHEDULED:
            src = v.main_source
            if src is not None:
                rows[(v.year, src)].villages_connected += 1
                rows[(v.year, src)].people_connected += v.population
    for m in migrations:
        if m.status == MIGRATED:
            pool = m.funding_capex or m.funding_opex.get(m.year, {})
            pool = {k: x for k, x in pool.items() if x > 0}
            if pool:
                src = max(pool.items(), key=lambda kv: kv[1])[0]
                rows[(m.year, src)].villages_migrated += 1
    return list(rows.values())


def _totals(ordered, results, allocations, migrations, villages, horizon) -> RoadmapTotals:
    t = RoadmapTotals()
    t.villages = len(results)
    sched = [v for v in results if v.status == SCHEDULED]
    t.villages_scheduled = len(sched)
    t.villages_unfunded = sum(1 for v in results if v.status == UNFUNDED)
    t.villages_over_capacity = sum(1 for v in results if v.status == OVER_CAPACITY)
    t.villages_continuing = sum(1 for v in results if v.status == CONTINUING)
    t.people_connected = sum(v.population for v in sched)
    t.people_unfunded = sum(v.population for v in results if v.status == UNFUNDED)
    t.by_source = {s.name: 0 for s in ordered}
    for a in allocations:
        t.by_source[a.source] += a.amount
        if a.kind == KIND_CAPEX:
            t.capex_idr += a.amount
        elif a.kind == KIND_OPEX:
            t.opex_idr += a.amount
        elif a.kind == KIND_MIG_CAPEX:
            t.migration_capex_idr += a.amount
        else:
            t.migration_opex_idr += a.amount
    migrated = {m.code: m for m in migrations if m.status == MIGRATED}
    t.villages_migrated = len(migrated)
    run = 0
    for v in sched:
        m = migrated.get(v.code)
        run += m.fibre_opex_idr_year if m else v.opex_idr_year
    for code, m in migrated.items():
        if not any(v.code == code for v in sched):  # existing site outside the plan
            run += m.fibre_opex_idr_year
    t.opex_run_rate_end_idr = run
    return t


def _sustainability(ordered, allocations, without_commercial: bool = False) -> Optional[float]:
    """Share of OPEX after each village's first year of service paid from recurring sources (optionally not
    counting operators' commercial money as recurring)."""
    recurring = {s.name for s in ordered if s.recurring and not (without_commercial and s.commercial)}
    total = rec = 0
    for a in allocations:
        if a.kind not in (KIND_OPEX, KIND_MIG_OPEX):
            continue
        if a.service_start_year is not None and a.year <= a.service_start_year:
            continue
        total += a.amount
        if a.source in recurring:
            rec += a.amount
    return (rec / total) if total > 0 else None
