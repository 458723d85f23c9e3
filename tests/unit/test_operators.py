"""Operator packages, tower sharing, CSV export and QGIS filter expressions (plain python)."""
import csv
import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pytest  # noqa: E402

from kaltim_internet_plugin.core import operators as ops  # noqa: E402
from kaltim_internet_plugin.core.funding import default_sources  # noqa: E402
from kaltim_internet_plugin.core.operators import (  # noqa: E402
    UNASSIGNED,
    Site,
    export_packages_csv,
    operator_filter_expression,
    operator_packages,
    sites_from_villages,
    tower_sharing,
)
from kaltim_internet_plugin.core.roadmap import PlanVillage, schedule  # noqa: E402


def _villages():
    return [
        PlanVillage("64.01.01.2001", "A", "64.01", "64.01.01", "K1", 100, "colo", 400, 80, 1, operator="Telkomsel"),
        PlanVillage("64.01.01.2002", "B", "64.01", "64.01.01", "K1", 200, "fwa", 5, 6, 2, operator=" Indosat "),
        PlanVillage("64.01.01.2003", "C", "64.01", "64.01.01", "K1", 300, "bts", 2600, 250, 3, operator="XL"),
        PlanVillage("64.01.01.2004", "D", "64.01", "64.01.01", "K1", 400, "satellite", 15, 36, 4),
        PlanVillage("64.01.01.2005", "E", "64.01", "64.01.01", "K1", 500, "fwa", 5, 6, 5, operator="Telkomsel"),
    ]


def test_packages_from_tower_operator_and_user_assignment():
    vs = _villages()
    packs = operator_packages(vs, provider_assignments={"64.01.01.2003": "Telkomsel", "64.01.01.2005": "XL"})
    assert list(packs) == ["Indosat", "Telkomsel", "XL", UNASSIGNED]
    assert [i.code for i in packs["Telkomsel"].items] == ["64.01.01.2001", "64.01.01.2003"]
    assert [i.assigned_by for i in packs["Telkomsel"].items] == ["tower", "user"]
    assert [i.code for i in packs["XL"].items] == ["64.01.01.2005"]  # user overrides the tower operator
    assert [i.code for i in packs[UNASSIGNED].items] == ["64.01.01.2004"]  # satellite without assignment
    assert packs["Telkomsel"].capex_idr == 400 + 2600 and packs["Telkomsel"].population == 400
    assert sum(p.villages for p in packs.values()) == len(vs)
    # a bts operator field alone does not assign (only colo/fwa use an existing operator tower)
    assert "XL" not in operator_packages(vs)


def test_packages_with_roadmap():
    vs = _villages()
    src = default_sources()
    for s in src:
        s.yearly_cap_idr = 0
    next(s for s in src if s.name == "apbd_kab").yearly_cap_idr = 1000  # the kab/kota pays small items only
    r = schedule(vs, src, 2026)
    packs = operator_packages(vs, roadmap=r)
    items = {i.code: i for p in packs.values() for i in p.items}
    assert items["64.01.01.2001"].year == 2026 and items["64.01.01.2001"].status == "scheduled"
    assert items["64.01.01.2003"].status == "unfunded" and items["64.01.01.2003"].year is None
    only = operator_packages(vs, roadmap=r, scheduled_only=True)
    assert all(i.status == "scheduled" for p in only.values() for i in p.items)
    # the money of a package is the work it is given: its scheduled villages' (the unfunded apart)
    tel = packs["Telkomsel"]
    assert (tel.villages, tel.villages_scheduled) == (2, 2)
    rest = packs[UNASSIGNED]  # the unfunded bts village 64.01.01.2003 and the satellite one
    assert [(i.code, i.status) for i in rest.items] == [("64.01.01.2004", "scheduled"), ("64.01.01.2003", "unfunded")]
    assert (rest.villages, rest.villages_scheduled) == (2, 1)
    assert (rest.capex_idr, rest.capex_scheduled_idr, rest.capex_unfunded_idr) == (2615, 15, 2600)
    assert rest.opex_scheduled_idr_year == 36
    assert sum(p.capex_scheduled_idr for p in packs.values()) == sum(
        v.capex_idr for v in vs if {s.code: s.status for s in r.villages}[v.code] == "scheduled")


def test_packages_leave_out_the_villages_whose_service_continues():
    # a package is the work an operator is given: a connected programme village (no CAPEX, its fee as OPEX) and a
    # village the plan gives nothing are in no package, with or without a roadmap
    vs = _villages() + [
        PlanVillage("64.01.01.2006", "F", "64.01", "64.01.01", "K1", 600, "village_package", 0, 6, 6,
                    existing_service=True),
        PlanVillage("64.01.01.2007", "G", "64.01", "64.01.01", "K1", 700, "fwa", 0, 3, 7, operator="XL",
                    existing_service=True),
        PlanVillage("64.01.01.2008", "H", "64.01", "64.01.01", "K1", 800, None, 0, 0, 8)]
    packs = operator_packages(vs)
    codes = {i.code for p in packs.values() for i in p.items}
    assert codes == {v.code for v in _villages()}
    assert sum(p.opex_idr_year for p in packs.values()) == sum(v.opex_idr_year for v in _villages())


def test_a_cost_that_is_no_number_is_unfunded_work_of_unknown_cost():
    """The roadmap passes a cost cell in words on as text ('menunggu RAB') and leaves its village unfunded with it in
    the reason; the packages list the village as unfunded, its cost counted 0 (it raised ValueError)."""
    vs = _villages()
    vs[1].capex_idr = "menunggu RAB"
    vs[4].opex_idr_year = "tidak tahu"
    r = schedule(vs, default_sources(), 2026)
    packs = operator_packages(vs, roadmap=r)
    items = {i.code: i for p in packs.values() for i in p.items}
    b, e = items["64.01.01.2002"], items["64.01.01.2005"]
    assert b.status == "unfunded" and b.capex_idr == 0 and b.opex_idr_year == 6
    assert e.status == "unfunded" and e.capex_idr == 5 and e.opex_idr_year == 0
    assert "menunggu RAB" in next(v.reason_en for v in r.villages if v.code == "64.01.01.2002")
    assert packs["Indosat"].capex_unfunded_idr == 0 and packs["Telkomsel"].capex_unfunded_idr == 5


def test_tower_sharing_distances_and_other_operator():
    sites = [Site("s1", 0, 0, "Telkomsel", "64.01.01.2001"), Site("s2", 10_000, 0, None)]
    towers = [Site("t1", 300, 400, "Indosat"),  # 500 m exactly -> included
              Site("t2", 3, 4, "telkomsel "),  # same operator (case/space-insensitive) -> excluded
              Site("t3", 500.1, 0, "XL"),  # just outside
              Site("t4", 10_000, 60, "XL"),  # for s2 (unknown operator: any operator counts)
              Site("t5", 10_000, 10, None)]  # tower without operator never counts
    out = tower_sharing(sites, towers)
    assert [(c.site_id, c.tower_id, c.distance_m) for c in out] == [("s1", "t1", 500.0), ("s2", "t4", 60.0)]
    assert out[0].code == "64.01.01.2001" and out[0].tower_operator == "Indosat"
    assert [c.tower_id for c in tower_sharing(sites, towers, max_distance_m=600)] == ["t1", "t3", "t4"]
    with pytest.raises(ValueError):
        tower_sharing(sites, towers, -1)
    assert tower_sharing([], towers) == [] and tower_sharing(sites, []) == []
    # bad coordinates are skipped
    assert tower_sharing([Site("bad", float("nan"), 0, "A")], towers) == []


@pytest.mark.parametrize("seed", range(5))
def test_tower_sharing_matches_brute_force(seed):
    rng = random.Random(seed)
    opsn = ["Telkomsel", "Indosat", "XL", "Smartfren"]
    sites = [Site(f"s{i}", rng.uniform(0, 20_000), rng.uniform(0, 20_000), rng.choice(opsn)) for i in range(200)]
    towers = [Site(f"t{i}", rng.uniform(0, 20_000), rng.uniform(0, 20_000), rng.choice(opsn)) for i in range(300)]
    got = {(c.site_id, c.tower_id) for c in tower_sharing(sites, towers, 800)}
    brute = {(s.site_id, t.site_id) for s in sites for t in towers
             if math.hypot(s.x - t.x, s.y - t.y) <= 800 and s.operator != t.operator}
    assert got == brute and brute
    grid = {(sites[i].site_id, towers[j].site_id) for i, j, _ in ops._pairs_grid(sites, towers, 800)
            if sites[i].operator != towers[j].operator}
    assert grid == brute


def test_tower_sharing_without_scipy(monkeypatch):
    monkeypatch.setitem(sys.modules, "scipy.spatial", None)
    sites = [Site("s1", 0, 0, "Telkomsel")]
    towers = [Site("t1", 300, 400, "Indosat"), Site("t2", 0, 501, "XL"), Site("t3", -1, -1, "XL")]
    out = tower_sharing(sites, towers)
    assert [(c.tower_id, c.distance_m) for c in out] == [("t3", 1.41), ("t1", 500.0)]


def test_sites_from_villages():
    vs = _villages()
    vs[2].x, vs[2].y = 100.0, 200.0
    vs[0].x, vs[0].y = 1.0, 1.0  # colo: not a new site
    sites = sites_from_villages(vs, {"64.01.01.2003": "Indosat"})
    assert [(s.site_id, s.operator, s.x, s.y) for s in sites] == [("64.01.01.2003", "Indosat", 100.0, 200.0)]


def test_export_csv(tmp_path):
    vs = _villages()
    packs = operator_packages(vs, provider_assignments={"64.01.01.2004": "PT O'Brien / Net"})
    paths = export_packages_csv(packs, str(tmp_path / "out"))
    names = [Path(p).name for p in paths]
    assert names[-1] == "operators_summary.csv"
    assert "operator_telkomsel.csv" in names and "operator_pt_o_brien_net.csv" in names
    assert len(paths) == len(packs) + 1
    with open(paths[-1], encoding="utf-8") as fh:
        summary = list(csv.DictReader(fh))
    assert sum(int(r["villages"]) for r in summary) == len(vs)
    tel = next(r for r in summary if r["operator"] == "Telkomsel")
    with open(tmp_path / "out" / tel["file"], encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["code"] for r in rows] == ["64.01.01.2001", "64.01.01.2005"]
    assert int(tel["villages"]) == 2 and float(tel["capex_idr"]) == 405
    # slug collisions get a suffix
    p2 = export_packages_csv({"A B": packs["Telkomsel"], "a-b": packs["Indosat"]}, str(tmp_path / "c"))
    assert [Path(p).name for p in p2] == ["operator_a_b.csv", "operator_a_b_2.csv", "operators_summary.csv"]


def test_filter_expression_quoting():
    assert operator_filter_expression("Telkomsel") == "\"operator\" = 'Telkomsel'"
    assert operator_filter_expression("PT O'Brien") == "\"operator\" = 'PT O''Brien'"
    assert operator_filter_expression("X", field_name='op "name"') == "\"op \"\"name\"\"\" = 'X'"
    assert operator_filter_expression(None) == "\"operator\" IS NULL OR \"operator\" = ''"
    assert operator_filter_expression(UNASSIGNED, "provider") == "\"provider\" IS NULL OR \"provider\" = ''"
