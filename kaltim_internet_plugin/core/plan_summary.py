"""One plan summary: the figures every report prints (summary.txt/json, the overview, each atlas page, the roadmap
report, the XLSX and the Plan page) are computed here, once, from the roadmap's village rows.

Rules
-----
* A village **is planned** when the plan gives it a cost (CAPEX or OPEX above 0).
* What a village gets: **new coverage** (a new BTS or 4G co-located on a tower: the whole village gets signal) or
  an **office connection** (FWA router, fibre, radio link, satellite, village package).
* **Scheduled** villages have a service year; CAPEX counts in the build year (a new BTS: its lead time before
  service), OPEX in each year of service the roadmap funds (``opex_years`` from the service year, inside the
  horizon). **OPEX still running after the horizon** is the yearly OPEX of every scheduled village and of every
  continuing service (fibre instead of satellite where a village migrated).
* A village **connected today** (the programme, ``existing = 'programme'``) is not planned: its service either
  **continues** (the roadmap pays it every year) or **cannot be paid** (``fund_status = 'unfunded'``: counted as
  ``service_unfunded``). Every village is counted once: villages = continuing + service_unfunded + planned +
  not_planned (:func:`check_plan` checks it).
* With the roadmap's year × source table, the money per year is the table's: ``opex_per_year`` is every OPEX the
  roadmap booked that year (the villages' services *and* the fibre OPEX of migrated villages, as the roadmap's
  OPEX_TOTAL), ``migration_capex_per_year`` / ``migration_opex_per_year`` the satellite → fibre migrations' part,
  and ``opex_years`` the roadmap's OPEX_YEARS (the table's ``opex_years`` column).
* **People newly covered**: population of scheduled villages that get new coverage; **people in connected
  villages**: population of every scheduled village.
* Desa and kelurahan are counted apart (``jenis``, else the Kemendagri code: village part 1xxx = kelurahan).

:func:`check_plan` is the consistency check of the chain (issue 13, item 6).

Pure Python (no Qt, no QGIS).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, Dict, Iterable, List, Optional

from .definitions import NEW_COVERAGE_TECHS, STATUSES
from .numbers import num, whole, year_of


def gives_work(continuing: bool, capex_idr: Any, opex_idr_year: Any) -> bool:
    """The one rule of a planned village: the plan gives it a cost, and it is not a connected village whose
    existing service simply continues. :func:`is_planned` (a plan row) and core.operators.is_planned_work (a
    village record) both say it with this function."""
    return not continuing and (num(capex_idr) > 0 or num(opex_idr_year) > 0)


#: ``existing`` (the roadmap's EXISTING_FIELD): 'programme' (what choosetech and importprogramme write) marks a
#: village the province's programme connected before the roadmap; empty or one of these words says "not yet": the
#: plan connects it; any other text is read as connected (the roadmap names it in its log). One rule for the
#: roadmap, the plan summary, the M&E baseline and the printed maps' hatch (io.styles_export.CONNECTED_EXPRESSION)
PROGRAMME = "programme"
NOT_CONNECTED_WORDS = ("0", "false", "no", "n", "tidak", "f", "tidak ada", "belum", "belum ada", "belum tersambung",
                       "tidak tersambung", "not connected", "none", "null")  # ('null': QGIS's NULL as text)


def existing_connected(value: Any) -> bool:
    """Does an ``existing`` value say the village was connected before the roadmap (:data:`NOT_CONNECTED_WORDS`)?
    A number (a numeric field's value) says so when it is not 0 (0.0 was the text '0.0': connected)."""
    if isinstance(value, float) and value != value:  # NaN: no value
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value != 0
    text = "" if value is None else str(value).strip().lower()
    return bool(text) and text not in NOT_CONNECTED_WORDS


def is_programme_connected(row: dict) -> bool:
    """The plan's mark of a village the province's programme connected before the roadmap: ``existing`` says so
    (:func:`existing_connected`: 'programme', a yes word, other text) or ``fund_status = 'continuing'`` (the printed
    maps hatch the same villages with the expression io.styles_export.CONNECTED_EXPRESSION; the M&E report counts
    them as its baseline). (Was ``existing = 'programme'`` only, while the roadmap read any text as connected: a
    village written 'ya' whose service the roadmap could not fund was counted as a planned village here.)"""
    return row.get("fund_status") == "continuing" or existing_connected(row.get("existing"))


def is_planned(row: dict) -> bool:
    """The plan gives the village a cost (a village whose existing service simply continues is not planned)."""
    return gives_work(is_programme_connected(row), row.get("capex_idr"), row.get("opex_idr_year"))


def is_scheduled(row: dict) -> bool:
    status = row.get("fund_status")
    if status not in (None, ""):
        return status == "scheduled" and year_of(row.get("year")) is not None
    return year_of(row.get("year")) is not None


def is_kelurahan(row: dict) -> bool:
    jenis = str(row.get("jenis") or "").strip().lower()
    if jenis in ("kelurahan", "desa"):
        return jenis == "kelurahan"
    code = str(row.get("kode") or row.get("code") or "").strip()
    part = code.replace(".", "")[-4:]
    return len(part) == 4 and part.isdigit() and part[0] == "1"


def gets_new_coverage(row: dict) -> bool:
    return str(row.get("tech") or "").strip().lower() in NEW_COVERAGE_TECHS


@dataclass
class Tally:
    """Counts and money of one group (the province, a kab/kota, a year)."""

    villages: int = 0
    desa: int = 0
    kelurahan: int = 0
    covered: int = 0
    partial: int = 0
    blank_spot: int = 0
    planned: int = 0
    planned_desa: int = 0
    planned_kelurahan: int = 0
    new_coverage: int = 0
    office_connection: int = 0
    scheduled: int = 0
    unfunded: int = 0
    over_capacity: int = 0
    population: int = 0
    population_blank_spot: int = 0
    people_newly_covered: int = 0
    people_connected: int = 0
    capex_idr: int = 0  # every planned village
    capex_scheduled_idr: int = 0
    opex_idr_year: int = 0  # yearly OPEX of every planned village
    opex_scheduled_idr_year: int = 0  # yearly OPEX of the scheduled villages
    continuing: int = 0  # connected before the roadmap (the programme): the service continues
    continuing_opex_idr_year: int = 0
    people_already_connected: int = 0
    service_unfunded: int = 0  # connected before the roadmap, but the roadmap cannot pay its service on
    service_unfunded_opex_idr_year: int = 0
    people_service_unfunded: int = 0
    not_planned: int = 0  # neither connected today nor given a cost by the plan
    migrations: int = 0  # satellite villages moved to fibre within the horizon
    migration_capex_idr: int = 0
    migration_saving_idr_year: int = 0  # yearly OPEX saved once every migration is done

    def add(self, r: dict) -> None:
        kel = is_kelurahan(r)
        self.villages += 1
        self.kelurahan += kel
        self.desa += not kel
        status = r.get("status") or ""
        if status in STATUSES:
            setattr(self, status, getattr(self, status) + 1)
        pop = whole(r.get("population"))
        self.population += pop
        if status == "blank_spot":
            self.population_blank_spot += pop
        if r.get("migration_year") not in (None, ""):
            self.migrations += 1
            self.migration_capex_idr += whole(r.get("fibre_capex_idr"))
            self.migration_saving_idr_year += whole(r.get("opex_idr_year")) - whole(r.get("fibre_opex_idr_year"))
        if r.get("fund_status") == "continuing":
            self.continuing += 1
            self.continuing_opex_idr_year += whole(r.get("opex_idr_year"))
            self.people_already_connected += pop
            return
        if existing_connected(r.get("existing")):
            if r.get("fund_status") == "unfunded":
                self.service_unfunded += 1
                self.service_unfunded_opex_idr_year += whole(r.get("opex_idr_year"))
                self.people_service_unfunded += pop
            return  # any other status: counted nowhere, which check_plan's identity reports
        if not is_planned(r):
            self.not_planned += 1
            return
        self.planned += 1
        self.planned_kelurahan += kel
        self.planned_desa += not kel
        new = gets_new_coverage(r)
        self.new_coverage += new
        self.office_connection += not new
        capex, opex = whole(r.get("capex_idr")), whole(r.get("opex_idr_year"))
        self.capex_idr += capex
        self.opex_idr_year += opex
        if is_scheduled(r):
            self.scheduled += 1
            self.capex_scheduled_idr += capex
            self.opex_scheduled_idr_year += opex
            self.people_connected += pop
            self.people_newly_covered += pop if new else 0
        elif r.get("fund_status") == "over_capacity":
            self.over_capacity += 1
        else:
            self.unfunded += 1

    @property
    def connected_today(self) -> int:
        """Villages the programme connects today (their service continues or cannot be paid on)."""
        return self.continuing + self.service_unfunded

    @property
    def villages_unfunded(self) -> int:
        """Every village the roadmap cannot fund: planned ones and connected ones whose service cannot be paid on
        (the roadmap's VILLAGES_UNFUNDED)."""
        return self.unfunded + self.service_unfunded


@dataclass
class PlanSummary:
    start_year: int
    end_year: int
    opex_years: int
    total: Tally = field(default_factory=Tally)
    per_kab: Dict[str, Tally] = field(default_factory=dict)
    kab_names: Dict[str, str] = field(default_factory=dict)
    villages_per_year: Dict[int, int] = field(default_factory=dict)  # service year -> villages
    people_per_year: Dict[int, int] = field(default_factory=dict)
    techs_per_year: Dict[int, Dict[str, int]] = field(default_factory=dict)
    capex_per_year: Dict[int, int] = field(default_factory=dict)  # build year -> CAPEX
    opex_per_year: Dict[int, int] = field(default_factory=dict)  # every OPEX booked in each year (incl. migration)
    migration_capex_per_year: Dict[int, int] = field(default_factory=dict)  # satellite -> fibre CAPEX per year
    migration_opex_per_year: Dict[int, int] = field(default_factory=dict)  # migrated villages' fibre OPEX per year
    new_sites: int = 0  # new BTS in the plan (distinct site ids)
    bts_lead_years: List[int] = field(default_factory=list)  # years from a scheduled new BTS's build to service

    def bts_lead_text(self, lang: str = "id") -> str:
        """How long the plan's new BTS take from their build year to service, as the plan scheduled them (the
        roadmap's lead time in whole years): '' when no new BTS is scheduled."""
        leads = self.bts_lead_years
        if not leads:
            return ""
        n = str(leads[0]) if len(leads) == 1 else f"{leads[0]}–{leads[-1]}"
        if lang == "id":
            return ("BTS baru: mulai layanan pada tahun pembangunannya" if leads == [0] else
                    f"BTS baru: mulai layanan {n} tahun setelah tahun pembangunan")
        return ("a new BTS: in service in its build year" if leads == [0] else
                f"a new BTS: in service {n} year(s) after its build year")

    @property
    def opex_after_horizon_idr_year(self) -> int:
        """Yearly OPEX still running after the horizon: every service the roadmap funds (new and continuing),
        with fibre instead of satellite where a village migrated."""
        t = self.total
        return t.opex_scheduled_idr_year + t.continuing_opex_idr_year - t.migration_saving_idr_year

    @property
    def opex_total_idr(self) -> int:
        """Every OPEX booked within the horizon (with the table: the roadmap's OPEX_TOTAL, migration included)."""
        return sum(self.opex_per_year.values())

    @property
    def migration_capex_total_idr(self) -> int:
        return sum(self.migration_capex_per_year.values())

    @property
    def migration_opex_total_idr(self) -> int:
        return sum(self.migration_opex_per_year.values())

    @property
    def capex_total_idr(self) -> int:
        """The villages' scheduled CAPEX and the migrations' CAPEX (the roadmap's CAPEX_TOTAL)."""
        return self.total.capex_scheduled_idr + self.migration_capex_total_idr

    @property
    def horizon_years(self) -> int:
        return self.end_year - self.start_year + 1

    @property
    def opex_years_short(self) -> bool:
        """OPEX is funded for fewer years than the horizon: later years' OPEX falls without any village losing
        its service, and the run rate after the horizon is not the last year's OPEX."""
        return 0 <= self.opex_years < self.horizon_years

    def to_dict(self) -> dict:
        d = asdict(self)
        d["opex_after_horizon_idr_year"] = self.opex_after_horizon_idr_year
        d["opex_total_idr"] = self.opex_total_idr
        d["capex_total_idr"] = self.capex_total_idr
        d["migration_capex_total_idr"] = self.migration_capex_total_idr
        d["migration_opex_total_idr"] = self.migration_opex_total_idr
        for key in ("total",):
            d[key]["connected_today"] = self.total.connected_today
            d[key]["villages_unfunded"] = self.total.villages_unfunded
        for key in ("villages_per_year", "people_per_year", "techs_per_year", "capex_per_year", "opex_per_year",
                    "migration_capex_per_year", "migration_opex_per_year"):
            d[key] = {str(k): v for k, v in d[key].items()}
        return d


def summarize(rows: Iterable[dict], start_year: int, end_year: int, opex_years: int = 5,
              kab_field: str = "kode_kab", kab_names: Optional[Dict[str, str]] = None,
              roadmap_table: Optional[Iterable[dict]] = None) -> PlanSummary:
    """The plan's figures from the roadmap's village rows (dicts of the roadmap output fields). With the roadmap's
    year × source table, the OPEX funded per year is taken from it (it knows the roadmap's OPEX years)."""
    s = PlanSummary(start_year=int(start_year), end_year=int(end_year), opex_years=int(opex_years))
    names = dict(kab_names or {})
    sites, leads = set(), set()
    for r in rows:
        key = str(r.get(kab_field) or "")
        s.total.add(r)
        s.per_kab.setdefault(key, Tally()).add(r)
        if not names.get(key) and r.get("nama_kab"):
            names[key] = str(r.get("nama_kab"))
        if not (is_planned(r) and is_scheduled(r)):
            continue
        y = year_of(r.get("year"))
        build = year_of(r.get("build_year"))
        build = y if build is None else build
        s.villages_per_year[y] = s.villages_per_year.get(y, 0) + 1
        s.people_per_year[y] = s.people_per_year.get(y, 0) + whole(r.get("population"))
        techs = s.techs_per_year.setdefault(y, defaultdict(int))
        techs[str(r.get("tech") or "")] += 1
        s.capex_per_year[build] = s.capex_per_year.get(build, 0) + whole(r.get("capex_idr"))
        opex = whole(r.get("opex_idr_year"))
        for oy in range(y, min(s.end_year, y + s.opex_years - 1) + 1):
            s.opex_per_year[oy] = s.opex_per_year.get(oy, 0) + opex
        if gets_new_coverage(r) and r.get("new_site"):
            sites.add(str(r.get("new_site")))
        if str(r.get("tech") or "").lower() == "bts":
            leads.add(y - build)
    s.techs_per_year = {y: dict(sorted(t.items())) for y, t in sorted(s.techs_per_year.items())}
    for attr in ("villages_per_year", "people_per_year", "capex_per_year", "opex_per_year"):
        setattr(s, attr, dict(sorted(getattr(s, attr).items())))
    s.kab_names = {k: names.get(k, k) for k in sorted(s.per_kab)}
    s.per_kab = {k: s.per_kab[k] for k in sorted(s.per_kab)}
    s.new_sites = len(sites)
    s.bts_lead_years = sorted(leads)
    if roadmap_table is not None:
        per_year: Dict[int, int] = {}
        mig_capex: Dict[int, int] = {}
        mig_opex: Dict[int, int] = {}
        for t in roadmap_table:
            y = year_of(t.get("year"))
            if y is not None:
                per_year[y] = per_year.get(y, 0) + whole(t.get("opex_idr")) + whole(t.get("migration_opex_idr"))
                mig_capex[y] = mig_capex.get(y, 0) + whole(t.get("migration_capex_idr"))
                mig_opex[y] = mig_opex.get(y, 0) + whole(t.get("migration_opex_idr"))
        s.opex_per_year = {y: v for y, v in sorted(per_year.items()) if v}
        s.migration_capex_per_year = {y: v for y, v in sorted(mig_capex.items()) if v}
        s.migration_opex_per_year = {y: v for y, v in sorted(mig_opex.items()) if v}
    return s


def opex_years_of(roadmap_table: Optional[Iterable[dict]], default: int = 5) -> int:
    """The roadmap's OPEX_YEARS from its year × source table (column ``opex_years``), else ``default``."""
    for t in roadmap_table or []:
        n = year_of(t.get("opex_years"))
        if n is not None:
            return n
    return default


def horizon_of(rows: Iterable[dict], roadmap_table: Optional[Iterable[dict]] = None) -> tuple:
    """(start, end) year of a roadmap from its table, else from the villages' years."""
    years = [year_of(t.get("year")) for t in (roadmap_table or [])]
    years = [y for y in years if y is not None]
    if not years:
        years = [y for r in rows for y in (year_of(r.get("year")), year_of(r.get("build_year"))) if y is not None]
    return (min(years), max(years)) if years else (0, -1)


# ---- the consistency check ------------------------------------------------------------------------------------------
@dataclass
class CheckProblem:
    code: str
    params: dict

    def __str__(self) -> str:
        return f"{self.code}: " + ", ".join(f"{k}={v}" for k, v in self.params.items())


def check_plan(summary: PlanSummary, rows: List[dict], selected_sites: Optional[Iterable[dict]],
               chosen_capex_idr: Optional[float] = None, roadmap_table: Optional[Iterable[dict]] = None
               ) -> List[CheckProblem]:
    """The chain's consistency check. Empty list = the plan agrees with itself:

    * the plan's CAPEX equals what choosetech chose (``chosen_capex_idr``, to the rupiah);
    * every selected site is in the plan (villages with its ``new_site``) with its whole cost, and no village
      names a site that was not selected (``selected_sites`` None: no planned sites to compare, e.g. an export
      given none);
    * a new BTS is one project: all its villages in one year and one build year, with one CAPEX funder;
    * the year × source table's CAPEX and OPEX equal the villages' funding (the migrations' money too, when the
      villages say who pays it), and each row's ``total_idr`` is its
      CAPEX, OPEX and migration CAPEX and OPEX (the money every per-year and per-payer figure is made of);
    * every village is counted once: villages = continuing + service_unfunded + planned + not_planned (in the
      province and in each kab/kota), and the villages the plan marks unfunded are the summary's unfunded ones
      (planned and connected);
    * with OPEX funded for the whole horizon, the last year's OPEX is the OPEX still running after the horizon;
    * the summary's totals equal the sums of its per-kab/kota and per-year parts.
    """
    problems: List[CheckProblem] = []
    plan_capex = sum(whole(r.get("capex_idr")) for r in rows)
    if chosen_capex_idr is not None and plan_capex != int(round(chosen_capex_idr)):
        problems.append(CheckProblem("capex_differs", {"plan": plan_capex, "chosen": int(round(chosen_capex_idr))}))
    by_site: Dict[str, List[dict]] = defaultdict(list)
    for r in rows:
        if r.get("new_site") and str(r.get("tech") or "") == "bts":
            by_site[str(r["new_site"])].append(r)
    selected = {}
    for srow in selected_sites or ():
        sid = str(srow.get("cand_id") or srow.get("site_id") or "")
        selected[sid] = whole(srow.get("cost_idr"))
    for sid, cost in selected.items():
        members = by_site.get(sid, [])
        if not members:
            problems.append(CheckProblem("site_not_in_plan", {"site": sid, "cost": cost}))
            continue
        in_plan = sum(whole(r.get("capex_idr")) for r in members)
        if in_plan != cost:
            problems.append(CheckProblem("site_cost_differs", {"site": sid, "selected": cost, "plan": in_plan}))
        years = {(year_of(r.get("year")), year_of(r.get("build_year"))) for r in members}
        if len(years) > 1:
            problems.append(CheckProblem("site_split_years", {"site": sid, "years": sorted(map(str, years))}))
        funders = set()
        for r in members:
            funders |= {p.split("=")[0] for p in str(r.get("funding_capex") or "").split(";") if "=" in p}
        if len(funders) > 1:
            problems.append(CheckProblem("site_split_funders", {"site": sid, "funders": sorted(funders)}))
    for sid in sorted(set(by_site) - set(selected) if selected_sites is not None else ()):
        problems.append(CheckProblem("site_not_selected", {"site": sid}))
    if roadmap_table is not None:
        table = list(roadmap_table)
        t_capex, v_capex = run_sums(rows, table, "capex_idr", "funding_capex")
        if t_capex != v_capex:
            problems.append(CheckProblem("table_capex_differs", {"table": t_capex, "villages": v_capex}))
        if rows and "funding_opex" in rows[0] and table and "opex_idr" in table[0]:  # (only CAPEX was compared)
            t_opex, v_opex = run_sums(rows, table, "opex_idr", "funding_opex")
            if t_opex != v_opex:
                problems.append(CheckProblem("table_opex_differs", {"table": t_opex, "villages": v_opex}))
        if summary.capex_per_year and sum(summary.capex_per_year.values()) != summary.total.capex_scheduled_idr:
            problems.append(CheckProblem("capex_per_year_differs", {"per_year": sum(summary.capex_per_year.values()),
                                                                    "total": summary.total.capex_scheduled_idr}))
        sched_capex = summary.total.capex_scheduled_idr
        if t_capex != sched_capex:
            problems.append(CheckProblem("table_capex_vs_scheduled", {"table": t_capex, "scheduled": sched_capex}))
        if any("migration_funding_capex" in r for r in rows):  # who pays each migration, village by village
            for column, key in (("migration_capex_idr", "migration_funding_capex"),
                                ("migration_opex_idr", "migration_funding_opex")):
                t_mig, v_mig = run_sums(rows, table, column, key)
                if t_mig != v_mig:
                    problems.append(CheckProblem("table_migration_differs", {"column": column, "table": t_mig,
                                                                            "villages": v_mig}))
        for r in table:
            parts = sum(whole(r.get(k)) for k in ("capex_idr", "opex_idr", "migration_capex_idr",
                                                  "migration_opex_idr"))
            if r.get("total_idr") is not None and whole(r.get("total_idr")) != parts:
                problems.append(CheckProblem("table_total_differs", {"year": year_of(r.get("year")),
                                                                     "source": r.get("source"),
                                                                     "total": whole(r.get("total_idr")),
                                                                     "parts": parts}))
        booked = sum(whole(r.get("total_idr")) for r in table)
        if booked != summary.capex_total_idr + summary.opex_total_idr:
            problems.append(CheckProblem("summary_money_differs", {
                "table": booked, "summary": summary.capex_total_idr + summary.opex_total_idr}))
        end_opex = summary.opex_per_year.get(summary.end_year, 0)
        if summary.opex_years >= summary.horizon_years and end_opex != summary.opex_after_horizon_idr_year:
            problems.append(CheckProblem("last_year_opex_differs", {
                "year": summary.end_year, "opex": end_opex,
                "after_horizon": summary.opex_after_horizon_idr_year}))
    for key, t in [("", summary.total)] + list(summary.per_kab.items()):
        counted = t.continuing + t.service_unfunded + t.planned + t.not_planned
        if counted != t.villages:
            problems.append(CheckProblem("villages_not_counted", {"kab": key or "all", "villages": t.villages,
                                                                  "counted": counted}))
    if any(r.get("fund_status") not in (None, "") for r in rows):
        marked = sum(1 for r in rows if r.get("fund_status") == "unfunded")
        if marked != summary.total.villages_unfunded:
            problems.append(CheckProblem("unfunded_differs", {"plan": marked,
                                                              "summary": summary.total.villages_unfunded}))
    for attr in ("villages", "planned", "scheduled", "capex_idr", "capex_scheduled_idr", "people_connected",
                 "continuing", "service_unfunded", "unfunded"):
        parts = sum(getattr(t, attr) for t in summary.per_kab.values())
        if parts != getattr(summary.total, attr):
            problems.append(CheckProblem("kab_sum_differs", {"figure": attr, "kab": parts,
                                                             "total": getattr(summary.total, attr)}))
    if sum(summary.villages_per_year.values()) != summary.total.scheduled:
        problems.append(CheckProblem("year_sum_differs", {"per_year": sum(summary.villages_per_year.values()),
                                                          "scheduled": summary.total.scheduled}))
    return problems


#: (the budget table's column, the villages' funders column): what each sums to in one roadmap run, to the rupiah
RUN_SUMS = (("capex_idr", "funding_capex"), ("opex_idr", "funding_opex"),
            ("migration_capex_idr", "migration_funding_capex"), ("migration_opex_idr", "migration_funding_opex"))


def run_sums(rows: List[dict], table: List[dict], column: str, funders: str) -> tuple:
    """(the budget table's ``column`` summed, the villages' ``funders`` column summed), whole rupiah: one money of one
    roadmap run, as the table books it and as the villages were given it (:data:`RUN_SUMS`)."""
    return sum(whole(r.get(column)) for r in table), sum(_funding_sum(r.get(funders)) for r in rows)


def table_from_other_run(rows: List[dict], table: Iterable[dict]) -> dict:
    """{} when the budget table (roadmap OUTPUT_TABLE rows) can be the one of the roadmap run whose villages are
    ``rows``: each of its money columns sums, to the rupiah, to what the villages' funders columns give
    (:data:`RUN_SUMS`; a column either side lacks is not compared). Else the first that differs:
    {"column", "table", "villages"} (a table of another run was printed and compared as this run's, found
    2026-12-07: OPEX Rp 401.5 bn for villages given Rp 63.1 bn)."""
    table = list(table)
    for column, funders in RUN_SUMS:
        if not table or column not in table[0] or not rows or funders not in rows[0]:
            continue
        t, v = run_sums(rows, table, column, funders)
        if t != v:
            return {"column": column, "table": t, "villages": v}
    return {}


def _funding_sum(text: Any) -> int:
    total = 0
    for part in str(text or "").split(";"):
        if "=" in part:
            total += whole(part.split("=", 1)[1])
    return total
