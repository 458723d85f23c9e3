"""Scenarios: saved choices round-trip; two roadmaps compare figure by figure (issue 14, item 5)."""
from __future__ import annotations

from dataclasses import replace

from kaltim_internet_plugin.core.capacity import CapacityTable
from kaltim_internet_plugin.core.plan_summary import summarize
from kaltim_internet_plugin.core.roadmap import PlanVillage, schedule
from kaltim_internet_plugin.core.scenario import Scenario, compare

M = 1_000_000


def test_scenario_round_trip():
    a = Scenario("A", budget_idr=42e9, lead_months=18, note="x")
    a.sources[0] = replace(a.sources[0], yearly_cap_idr=26e9)
    back = Scenario.from_json(a.to_json())
    assert back == a and back.sources[0].yearly_cap_idr == 26e9 and back.capacity == a.capacity


def rows_of(result, villages):
    by = {v.code: v for v in villages}
    out = []
    for vs in result.villages:
        v = by[vs.code]
        out.append({"kode": vs.code, "kode_kab": v.kab_code, "nama_kab": v.kab_code, "tech": vs.tech,
                    "population": vs.population, "capex_idr": vs.capex_idr, "opex_idr_year": vs.opex_idr_year,
                    "year": vs.year, "build_year": vs.build_year, "fund_status": vs.status,
                    "funding_opex": ";".join(f"{s}={a}" for d in vs.funding_opex.values() for s, a in d.items())})
    return out


def test_compare_two_capacities():
    villages = [PlanVillage(code=f"64.0{1 + k % 2}.01.20{k:02d}", kab_code=f"64.0{1 + k % 2}", population=100 + k,
                            tech="fwa", capex_idr=2 * M, opex_idr_year=6 * M, priority_rank=k + 1) for k in range(10)]
    a = Scenario("A")
    b = Scenario("B", capacity=[replace(r, max_installations=3) if r.tech == "fwa" else r for r in a.capacity])
    results = []
    for sc in (a, b):
        r = schedule(villages, sc.sources, 2026, years=2, capacity=CapacityTable(sc.capacity))
        rows = rows_of(r, villages)
        results.append((summarize(rows, 2026, 2027), rows))
    lines = {(ln.section, ln.key): ln for ln in compare(*results)}
    assert lines[("villages_per_year", "2026")].a == 10 and lines[("villages_per_year", "2026")].b == 3
    assert lines[("villages_per_year", "2027")].b == 3
    assert lines[("totals", "over_capacity")].b == 4 and lines[("totals", "over_capacity")].difference == 4
    people_left = sum(v.population for v in villages[6:])
    assert lines[("totals", "people_not_connected")].b == people_left
    # cost per person: CAPEX + OPEX funded in the horizon over the people connected, per kab/kota
    kab1 = [v for v in villages if v.kab_code == "64.01"]
    cost = len(kab1) * (2 * M + 2 * 6 * M)  # all connected in 2026 in A: CAPEX and 2 years of OPEX
    assert lines[("cost_per_person_kab", "64.01")].a == round(cost / sum(v.population for v in kab1))
