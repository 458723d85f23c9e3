"""An amount no plan can hold (a mistyped 1e30 rupiah) is named where it is read (row, column or parameter, the
range), not at the write as an unwritable output "choose another folder" (found by trying to break the tools,
2026-12-06); and a zero that is not a cost is not called "a free tower"."""
from __future__ import annotations

import pytest

from kaltim_internet_plugin.core import numbers as nb
from kaltim_internet_plugin.core.funding import FundingTableError, read_sources_csv
from tests.qgis.test_roadmap_alg import build_plan
from tests.robustness.conftest import digest, fails


def test_money_above_the_largest_budget_is_out_of_range():
    for spec in (nb.MONEY, nb.COST, nb.CAP):  # a province's whole budget still reads
        res = nb.parse_column(["Rp 21 triliun", "1e30"], "amount", spec)
        assert res.values == [21e12, None] and res.issues[0].code == "out_of_range", spec
    res = nb.parse_column(["2.600.000.000", "1e30"], "capex_idr", nb.COST, first_row=2)
    assert res.values == [2.6e9, None] and [(i.code, i.row) for i in res.issues] == [("out_of_range", 3)]


def test_a_zero_frequency_is_not_called_a_free_tower():
    from kaltim_internet_plugin.input_text import issue_parts

    freq = nb.parse_column(["900", "0"], "freq_mhz", nb.FREQUENCY).issues[0]
    cost = nb.parse_column(["2.600.000.000", "0"], "cost_idr", nb.COST).issues[0]
    assert freq.code == cost.code == "zero"
    assert "free tower" not in issue_parts(freq)[0] and "zero" in issue_parts(freq)[0]
    assert "free tower" in issue_parts(cost)[0]


def test_a_funding_cap_of_1e30_is_named_by_row_and_column(tmp_path):
    csv = tmp_path / "funding.csv"
    csv.write_text("name;yearly_cap_idr;techs\nAPBD Provinsi;1e30;fwa,bts\n", encoding="utf-8")
    with pytest.raises(FundingTableError) as exc:
        read_sources_csv(str(csv))
    text = str(exc.value)
    assert "row 2" in text and "yearly_cap_idr" in text and "1.000 triliun" in text, text


def test_roadmap_refuses_a_huge_cost_per_trainee_before_any_work(provider, tmp_path):
    plan = build_plan(tmp_path / "plan.gpkg", n=20)
    before = digest(tmp_path / "plan.gpkg")
    out = tmp_path / "out.gpkg"
    text = fails("roadmap", {"PLAN": plan, "COST_PER_TRAINEE_IDR": 1e30, "OUTPUT": str(out),
                             "OUTPUT_TABLE": str(tmp_path / "t.gpkg")})
    assert "COST_PER_TRAINEE_IDR" in text and "1e+15" in text, text
    assert not out.exists() and digest(tmp_path / "plan.gpkg") == before


def test_a_funding_table_in_capitals_reads_and_one_without_sources_is_refused(tmp_path):
    upper = tmp_path / "upper.csv"
    upper.write_text("NAME;Yearly_Cap_IDR;TECHS\nAPBD Provinsi;1.500.000.000;fwa,bts\n", encoding="utf-8")
    (source,) = read_sources_csv(str(upper))
    assert source.name == "APBD Provinsi" and source.yearly_cap_idr == 1_500_000_000
    header_only = tmp_path / "header.csv"
    header_only.write_text("name;yearly_cap_idr;techs\n", encoding="utf-8")
    with pytest.raises(FundingTableError) as exc:  # was: 0 sources, every village unfunded, and a success
        read_sources_csv(str(header_only))
    assert "no source" in str(exc.value), str(exc.value)
