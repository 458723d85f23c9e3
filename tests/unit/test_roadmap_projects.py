"""A new BTS is one project (one build year, one funder, its villages connected together after its lead time), and
the roadmap respects installation capacity (issue 13, items 3 and 4)."""
from __future__ import annotations

import pytest

from kaltim_internet_plugin.core.capacity import (
    DEFAULT_ROWS,
    CapacityError,
    CapacityRow,
    CapacityTable,
    lead_years,
)
from kaltim_internet_plugin.core.funding import BN, FundingSource
from kaltim_internet_plugin.core.roadmap import OVER_CAPACITY, SCHEDULED, PlanVillage, schedule
from kaltim_internet_plugin.errors import describe


def bts_villages(site: str, n: int, rank0: int, capex: int, kab="64.01"):
    shares = [capex // n + (1 if k < capex % n else 0) for k in range(n)]
    return [PlanVillage(code=f"{site}-{k}", kab_code=kab, population=100 + k, tech="bts", capex_idr=shares[k],
                        opex_idr_year=60_000_000 // n, priority_rank=rank0 + k, site_id=site) for k in range(n)]


def two_sources(cap_a: float, cap_b: float):
    return [FundingSource("a", kinds=["capex", "opex"], yearly_cap_idr=cap_a, order=1),
            FundingSource("b", kinds=["capex", "opex"], yearly_cap_idr=cap_b, order=2)]


def test_a_bts_is_one_project_one_year_one_funder():
    # source a alone could pay 1.5 bn of the 2.6 bn tower in 2026: a waterfall would split it across a and b
    villages = bts_villages("S1", 3, 1, int(2.6 * BN))
    result = schedule(villages, two_sources(1.5 * BN, 10 * BN), 2026, years=5, opex_years=5, bts_lead_months=0)
    years = {v.year for v in result.villages}
    funders = {s for v in result.villages for s in v.funding_capex}
    assert len(years) == 1 and funders == {"b"}
    assert sum(v.capex_idr for v in result.villages) == int(2.6 * BN)
    assert sum(a.amount for a in result.allocations if a.kind == "capex") == int(2.6 * BN)
    for year in {a.year for a in result.allocations if a.kind == "opex"}:
        assert len({a.source for a in result.allocations if a.kind == "opex" and a.year == year}) == 1


def test_bts_lead_time_delays_service_not_payment():
    villages = bts_villages("S1", 2, 1, int(2.6 * BN)) + [
        PlanVillage(code="F1", kab_code="64.01", population=50, tech="fwa", capex_idr=2_000_000,
                    opex_idr_year=3_000_000, priority_rank=3)]
    result = schedule(villages, two_sources(50 * BN, 0), 2026, years=5, opex_years=5, bts_lead_months=12)
    bts = [v for v in result.villages if v.tech == "bts"]
    assert {(v.build_year, v.year) for v in bts} == {(2026, 2027)}
    assert result.village("F1").year == 2026 and result.village("F1").build_year == 2026
    capex_years = {a.year for a in result.allocations if a.kind == "capex" and a.code.startswith("S1")}
    opex_years = sorted({a.year for a in result.allocations if a.kind == "opex" and a.code.startswith("S1")})
    assert capex_years == {2026} and opex_years[0] == 2027
    # 18 months -> service two years after the build year; 60 months cannot start within a 5-year roadmap
    assert lead_years(18) == 2 and lead_years(0) == 0
    late = schedule(bts_villages("S2", 2, 1, BN), two_sources(50 * BN, 0), 2026, years=5, bts_lead_months=60)
    assert all(v.status != SCHEDULED for v in late.villages)
    assert "BTS" in late.villages[0].reason_en


def test_lead_time_out_of_range_is_a_clear_error():
    with pytest.raises(CapacityError) as exc:
        lead_years(-3)
    assert "60 months" in describe(exc.value)


def test_capacity_moves_villages_to_the_next_year_with_the_reason():
    villages = [PlanVillage(code=f"V{k}", kab_code="64.01", population=10, tech="fwa", capex_idr=1_000_000,
                            opex_idr_year=1_000_000, priority_rank=k + 1) for k in range(7)]
    cap = CapacityTable([CapacityRow(None, "fwa", 3)])
    result = schedule(villages, two_sources(50 * BN, 0), 2026, years=2, opex_years=1, capacity=cap)
    by_year = {}
    for v in result.villages:
        by_year.setdefault(v.year, []).append(v.code)
    assert by_year[2026] == ["V0", "V1", "V2"] and by_year[2027] == ["V3", "V4", "V5"]
    assert result.village("V3").delay_en and "2026" in result.village("V3").delay_en
    assert not result.village("V0").delay_en
    v6 = result.village("V6")
    assert v6.status == OVER_CAPACITY and "capacity" in v6.reason_en and "kapasitas" in v6.reason_id


def test_capacity_per_kab_and_per_bts_tower():
    villages = bts_villages("S1", 3, 1, BN, kab="64.01") + bts_villages("S2", 2, 4, BN, kab="64.01") + \
        bts_villages("S3", 2, 6, BN, kab="64.02")
    cap = CapacityTable([CapacityRow(None, "bts", 1, kab_code="64.01")])
    result = schedule(villages, two_sources(50 * BN, 0), 2026, years=5, bts_lead_months=0, capacity=cap)
    years = {v.site_id: v.year for v in result.villages}
    assert years == {"S1": 2026, "S2": 2027, "S3": 2026}  # one tower a year in 64.01 (3 villages count once)


def test_capacity_table_csv_round_trip_and_bad_cells_name_row_and_column():
    table = CapacityTable(DEFAULT_ROWS)
    again = CapacityTable.from_csv_text(table.to_csv())
    assert [(r.year, r.tech, r.max_installations) for r in again.rows] == \
        [(r.year, r.tech, r.max_installations) for r in DEFAULT_ROWS]
    assert all(r.source for r in DEFAULT_ROWS), "every default carries its source"
    text = "year;tech;max_installations\n2027;fwa;100\n2028;fwa;-5\n"
    with pytest.raises(CapacityError) as exc:
        CapacityTable.from_csv_text(text)
    msg = describe(exc.value)
    assert "row 3" in msg and "max_installations" in msg and "-5" in msg
    with pytest.raises(CapacityError) as exc:
        CapacityTable.from_csv_text("year,tech,max_installations\n2027,fwa,banyak\n")
    assert "row 2" in describe(exc.value) and "banyak" in describe(exc.value)
    with pytest.raises(CapacityError) as exc:
        CapacityTable.from_csv_text("year,tech,max_installations\n2027,pigeon,3\n")
    assert "pigeon" in describe(exc.value)
    with pytest.raises(CapacityError) as exc:
        CapacityTable.from_csv_text("year,tech\n2027,fwa\n")
    assert "max_installations" in describe(exc.value)


def test_capacity_counts_are_read_as_every_count():
    """'20.0' (and an XLSX 20.0 or 20.5) lost its dot: 200 and 205 installations a year, without a word (a roadmap
    scheduled all 236 villages instead of 140). Counts are read by core.numbers: '1.200' is twelve hundred, '20.0'
    twenty; a fraction of an installation is refused with its row."""
    table = CapacityTable.from_csv_text("year;tech;max_installations\n2027;fwa;20.0\n2028;fwa;1.200\n"
                                        "2029;fwa;1 500\n2030;fwa;\n")
    assert [r.max_installations for r in table.rows] == [20, 1200, 1500, None]
    for bad in ("2.5", "20,5", "-3"):
        with pytest.raises(CapacityError) as exc:
            CapacityTable.from_csv_text(f"year;tech;max_installations\n2027;fwa;{bad}\n")
        assert exc.value.code == "capacity_bad_value" and "row 2" in describe(exc.value) and bad in describe(exc.value)


def test_capacity_table_as_a_spreadsheet_writes_it(tmp_path):
    """Found by trying to break it (2026-12-06): blank lines shifted the row numbers, a repeated limit and a year
    1999 ("not a year") passed or were misnamed, capitals in the header were refused, a kab code of no village
    limited nothing without a word."""
    text = "Year;TECH;Kab_Code;Max_Installations\n\n2027;fwa;64.01;100\n\n2028;fwa;64.01;-5\n"
    with pytest.raises(CapacityError) as exc:
        CapacityTable.from_csv_text(text)
    assert "row 5" in describe(exc.value)  # the spreadsheet's row: blank rows count
    with pytest.raises(CapacityError) as exc:
        CapacityTable.from_csv_text("year;tech;max_installations\nsemua;fwa;100\n2027;bts;3\nsemua;FWA;120\n")
    assert exc.value.code == "capacity_duplicate_row" and "row 4 repeats the limit of row 2" in describe(exc.value)
    with pytest.raises(CapacityError) as exc:
        CapacityTable.from_csv_text("year;tech;max_installations\n1999;fwa;100\n")
    assert exc.value.code == "capacity_year_range" and "1999 is outside 2000 to 2100" in describe(exc.value)
    with pytest.raises(CapacityError) as exc:
        CapacityTable.from_csv_text("year;tech;max_installations\n")
    assert exc.value.code == "capacity_empty"
    table = CapacityTable.from_csv_text("year;tech;kab_code;max_installations\nsemua;fwa;64.01;40\nsemua;fwa;99.99;5\n")
    assert table.unknown_kab_codes(["64.01", "64.02"]) == ["99.99"]
    xlsx = tmp_path / "capacity.xlsx"  # and from a workbook, as a planner saves it
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    for r in (["year", "tech", "max_installations"], [2027, "fwa", 100.0], [2028, "bts", 4]):
        wb.active.append(r)
    wb.save(xlsx)
    assert [(r.year, r.tech, r.max_installations) for r in CapacityTable.from_csv(str(xlsx)).rows] == \
        [(2027, "fwa", 100), (2028, "bts", 4)]


def test_continuing_services_are_funded_every_year_and_counted_apart():
    existing = PlanVillage(code="E1", kab_code="64.01", population=70, tech="satellite", capex_idr=0,
                           opex_idr_year=15_000_000, priority_rank=1, existing_service=True)
    new = PlanVillage(code="N1", kab_code="64.01", population=30, tech="fwa", capex_idr=2_000_000,
                      opex_idr_year=6_000_000, priority_rank=2)
    cap = CapacityTable([CapacityRow(None, "fwa", 0)])  # no crews for FWA at all
    result = schedule([existing, new], two_sources(50 * BN, 0), 2026, years=3, opex_years=1, capacity=cap)
    e, n = result.village("E1"), result.village("N1")
    assert e.status == "continuing" and e.year == 2026 and sorted(e.funding_opex) == [2026, 2027, 2028]
    assert n.status == OVER_CAPACITY
    t = result.totals
    assert (t.villages_scheduled, t.villages_continuing, t.villages_over_capacity, t.villages_unfunded) == (0, 1, 1, 0)
    assert t.villages == t.villages_scheduled + t.villages_continuing + t.villages_over_capacity + t.villages_unfunded


def test_a_capacity_year_of_all_or_semua_is_every_year():
    from kaltim_internet_plugin.core.capacity import parse_row

    for word in ("all", "ALL", "semua", " Semua ", ""):
        assert parse_row({"year": word, "tech": "bts", "max_installations": "4"}, 2).year is None, word
    assert parse_row({"year": "2027", "tech": "bts", "max_installations": "4"}, 2).year == 2027
    with pytest.raises(CapacityError):
        parse_row({"year": "semuanya", "tech": "bts", "max_installations": "4"}, 2)
    # a year with a fraction is no year (2027.5 was read as 2027 without a word); an XLSX's 2027.0 is 2027
    assert parse_row({"year": "2027.0", "tech": "bts", "max_installations": "4"}, 2).year == 2027
    for bad in ("2027.5", "2027,5"):
        with pytest.raises(CapacityError) as exc:
            parse_row({"year": bad, "tech": "bts", "max_installations": "4"}, 2)
        assert exc.value.code == "capacity_bad_year" and f"'{bad}' is not a year" in describe(exc.value)


def test_capacity_providers_differing_only_in_letter_case_are_one_provider():
    """'Telkomsel' and 'telkomsel' were two rows: the smaller limit held, silently; now one row repeats the other."""
    with pytest.raises(CapacityError) as exc:
        CapacityTable.from_csv_text("year;tech;provider;max_installations\n2027;fwa;Telkomsel;10\n"
                                    "2027;fwa;telkomsel ;20\n")
    assert exc.value.code == "capacity_duplicate_row" and "row 3 repeats the limit of row 2" in describe(exc.value)


def test_a_capacity_workbook_with_its_table_on_a_later_sheet_says_which_sheet_was_read(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Petunjuk"
    book.active.append(["Isi tabel di lembar berikut"])
    data = book.create_sheet("Kapasitas")
    data.append(["year", "tech", "max_installations"])
    data.append([2027, "fwa", 20])
    path = tmp_path / "kapasitas.xlsx"
    book.save(path)
    with pytest.raises(CapacityError) as exc:
        CapacityTable.from_csv(str(path))
    assert exc.value.code == "capacity_missing_column_sheet"
    assert "sheet 'Petunjuk' (the workbook's first sheet, the one read)" in describe(exc.value)
