"""Working point 3, tried as a GIS officer would (s39): one operator written in many ways is one package, one
operator in the tower sharing and in the capacity table; a package's money is its villages' as the roadmap books
them, to the rupiah."""
from __future__ import annotations

import pytest

from kaltim_internet_plugin.core import operators as ops
from kaltim_internet_plugin.core.capacity import CapacityError, CapacityTable, parse_rows
from kaltim_internet_plugin.core.funding import default_sources
from kaltim_internet_plugin.core.operators import UNASSIGNED, Site, operator_packages, tower_sharing
from kaltim_internet_plugin.core.roadmap import PlanVillage, schedule
from kaltim_internet_plugin.errors import describe
from kaltim_internet_plugin.report import tables as tb

WRITTEN = {"Telkomsel": "Telkomsel", "TELKOMSEL ": "Telkomsel", "telkomsel": "Telkomsel",
           "PT Telkomsel": "Telkomsel", "Tsel": "Telkomsel", "PT. Telekomunikasi Selular": "Telkomsel",
           "Indosat Ooredoo": "Indosat", "IOH": "Indosat", "Indosat Ooredoo Hutchison": "Indosat",
           "XL Axiata": "XL", "XLSmart": "XL", "PT XL Axiata Tbk": "XL",
           "Lintasarta": "Lintasarta", "PT Lintasarta": "Lintasarta", "lintasarta": "Lintasarta"}


def _village(n: int, operator, tech: str = "fwa", capex=5_000_000, opex=6_000_000) -> PlanVillage:
    return PlanVillage(f"64.01.01.{2000 + n}", f"V{n}", "64.01", "64.01.01", "K1", 100 + n, tech, capex, opex, n,
                       operator=operator)


def test_one_operator_written_in_many_ways_is_one_package_and_the_user_is_told():
    """'Telkomsel', 'TELKOMSEL ', 'telkomsel', 'PT Telkomsel', 'Tsel' made five packages of Telkomsel's work (and
    'Indosat Ooredoo' / 'IOH', 'XL Axiata' / 'XLSmart' two each): each operator's work was split, without a word."""
    vs = [_village(i, name) for i, name in enumerate(WRITTEN, start=1)] + [_village(99, None, "satellite")]
    packs = operator_packages(vs)
    assert list(packs) == ["Indosat", "Lintasarta", "Telkomsel", "XL", UNASSIGNED]
    for name, pack in packs.items():
        if name:
            assert {i.operator_written for i in pack.items} == {" ".join(k.split()) for k, v in WRITTEN.items()
                                                                 if v == name}
    assert packs["Telkomsel"].villages == 6 and packs["Telkomsel"].capex_idr == 6 * 5_000_000
    assert sum(p.villages for p in packs.values()) == len(vs)  # every village in exactly one package
    told = ops.spellings_read_as_one(packs)
    assert set(told) == {"Indosat", "Lintasarta", "Telkomsel", "XL"}
    assert ("Tsel", ["64.01.01.2005"]) in told["Telkomsel"] and ("PT Lintasarta", ["64.01.01.2014"]) in told[
        "Lintasarta"]
    # an operator written one way is not named
    assert ops.spellings_read_as_one(operator_packages([_village(1, "Telkomsel"), _village(2, "Telkomsel")])) == {}


def test_an_operator_written_with_a_slash_or_a_hyphen_is_the_same_operator():
    """'XL/Axis' (the brand pair of the 2014 merger) and 'XL-Axiata' were operators of their own: a package apart
    from XL's, and a tower the sharing list took for another operator's (found 8 December)."""
    for name, key in (("XL/Axis", "xl"), ("XL-Axiata", "xl"), ("Indosat-Ooredoo", "indosat"), ("PT. XL / Axis", "xl"),
                      ("Lintas-Arta", "lintas arta"), ("Telkomsel/XL", "telkomsel xl")):
        assert ops.operator_key(name) == key, name
    assert list(operator_packages([_village(1, "XL/Axis"), _village(2, "XL Axiata")])) == ["XL"]
    sites = [Site("s1", 0, 0, "XL", "64.01.01.2001")]
    assert tower_sharing(sites, [Site("t1", 10, 0, "XL/Axis"), Site("t2", 20, 0, "XL-Axiata")]) == []


def test_an_operator_unknown_to_the_plugin_is_named_as_most_villages_write_it():
    vs = [_village(1, "PT Lintasarta"), _village(2, "lintasarta"), _village(3, "lintasarta")]
    assert list(operator_packages(vs)) == ["lintasarta"]


def test_the_own_tower_of_an_operator_written_otherwise_is_no_sharing_candidate():
    """A planned Telkomsel site beside a tower the tower table calls 'PT Telkomsel' or 'Tsel' was listed as sharing
    with another operator (the sharing compared 'telkomsel' with 'pt telkomsel')."""
    sites = [Site("s1", 0, 0, "Telkomsel", "64.01.01.2001")]
    towers = [Site("t1", 10, 0, "PT Telkomsel"), Site("t2", 20, 0, "Tsel"), Site("t3", 30, 0, "TELKOMSEL"),
              Site("t4", 40, 0, "IOH")]
    assert [(c.tower_id, c.tower_operator) for c in tower_sharing(sites, towers)] == [("t4", "IOH")]


def test_the_capacity_table_limits_an_operator_however_the_plan_writes_it():
    """A capacity limit for 'Telkomsel' held for villages of 'Telkomsel' and 'telkomsel', not for those of 'PT
    Telkomsel': two of them in one year where the table allows one."""
    cap = CapacityTable(parse_rows([(2, {"year": "all", "tech": "fwa", "provider": "Telkomsel",
                                         "max_installations": "1"})]))
    vs = [_village(1, "Telkomsel"), _village(2, "PT Telkomsel"), _village(3, "Tsel")]
    r = schedule(vs, default_sources(), 2026, 3, capacity=cap)
    assert sorted(v.year for v in r.villages) == [2026, 2027, 2028]
    # and two limits for one operator written in two ways are one repeated limit
    with pytest.raises(CapacityError) as e:
        parse_rows([(2, {"year": "2027", "tech": "fwa", "provider": "Telkomsel", "max_installations": "1"}),
                    (3, {"year": "2027", "tech": "fwa", "provider": "PT Telkomsel", "max_installations": "5"})])
    assert e.value.code == "capacity_duplicate_row" and "row 3 repeats the limit of row 2" in describe(e.value)


def test_the_workbook_without_the_roadmaps_table_groups_the_operators_as_the_roadmap_does():
    rows = [{"kode": f"64.01.01.{2000 + i}", "operator": op, "tech": "fwa", "capex_idr": 5, "opex_idr_year": 6,
             "fund_status": "scheduled", "year": 2026, "population": 10}
            for i, op in enumerate(("Telkomsel", "TELKOMSEL ", "PT Telkomsel", "IOH", None))]
    sheet = tb.by_operator(None, rows)
    assert sheet.column("operator") == ["IOH", "Telkomsel", tb.UNASSIGNED_OPERATOR]
    assert sheet.column("villages") == [1, 3, 1]


def test_a_packages_money_is_its_villages_as_the_roadmap_books_them_to_the_rupiah():
    """A cost with a fraction of a rupiah (5 550 000.4 = Rp 5 juta + PPN 11 %, computed): the roadmap books each
    village's whole rupiah (5 550 000), the package summed the fractions (16 650 001.2 -> 16 650 001 for three
    villages): the operator table said one rupiah more than the roadmap's CAPEX total."""
    vs = [_village(i, "Telkomsel", capex=5_550_000.4, opex=1_110_000.4) for i in (1, 2, 3)]
    r = schedule(vs, default_sources(), 2026)
    assert all(v.status == "scheduled" for v in r.villages)
    pack = operator_packages(vs, roadmap=r)["Telkomsel"]
    assert pack.capex_scheduled_idr == sum(v.capex_idr for v in r.villages) == r.totals.capex_idr == 16_650_000
    assert pack.opex_scheduled_idr_year == sum(v.opex_idr_year for v in r.villages) == 3_330_000
    assert [i.capex_idr for i in pack.items] == [v.capex_idr for v in sorted(r.villages, key=lambda v: v.code)]


def test_an_operator_written_one_way_keeps_the_users_name():
    packs = operator_packages([_village(1, "XLSmart"), _village(2, "XLSmart "), _village(3, "Tsel")])
    assert list(packs) == ["Tsel", "XLSmart"] and ops.spellings_read_as_one(packs) == {}
