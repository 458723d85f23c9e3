"""The one plan summary (core.plan_summary) and the workbook/report tables built from it (report.tables): every
village counted once, the migration money in every per-year and per-payer figure, the roadmap's OPEX years, and
printed columns that add up to their printed totals (audit of the chain, findings 1, 2, 3, 6 and 9)."""
from __future__ import annotations

from kaltim_internet_plugin.core import plan_summary as ps
from kaltim_internet_plugin.report import tables as tb


def village(code, **kw):
    row = {"kode": code, "jenis": "desa", "kode_kab": "64.07", "status": "blank_spot", "population": 100,
           "tech": "fwa", "capex_idr": 0, "opex_idr_year": 0, "existing": None, "fund_status": "scheduled",
           "year": 2026, "build_year": 2026}
    row.update(kw)
    return row


def programme(code, status, opex=1_000_000, kab="64.07"):
    return village(code, existing="programme", fund_status=status, opex_idr_year=opex, kode_kab=kab,
                   year=2026 if status == "continuing" else None, build_year=None)


# a village connected today whose service the roadmap cannot pay on, two that continue, one planned village
# scheduled, one planned village unfunded, and one covered village with nothing to do
ROWS = [programme("64.07.01.2001", "continuing"), programme("64.07.01.2002", "continuing", kab="64.11"),
        programme("64.07.01.2003", "unfunded", opex=2_000_000),
        village("64.07.01.2004", capex_idr=1_500_000, opex_idr_year=600_000, funding_capex="apbd_kab=1500000"),
        village("64.07.01.2005", capex_idr=9_000_000, opex_idr_year=700_000, fund_status="unfunded", year=None,
                build_year=None),
        village("64.07.01.2006", status="covered", fund_status=None, year=None, build_year=None)]

# the roadmap's year x source table: the satellite -> fibre migration money of 2027 is paid by apbd_prov only
TABLE = [
    {"year": 2026, "source": "apbd_kab", "label": "APBD Kab", "cap_idr": 5_000_000, "cap_per_kab": 1,
     "capex_idr": 1_500_000, "opex_idr": 2_600_000, "migration_capex_idr": 0, "migration_opex_idr": 0,
     "total_idr": 4_100_000, "villages_connected": 1, "people_connected": 100, "opex_years": 2},
    {"year": 2027, "source": "apbd_kab", "label": "APBD Kab", "cap_idr": 5_000_000, "cap_per_kab": 1,
     "capex_idr": 0, "opex_idr": 1_600_000, "migration_capex_idr": 0, "migration_opex_idr": 0,
     "total_idr": 1_600_000, "opex_years": 2},
    {"year": 2028, "source": "apbd_kab", "label": "APBD Kab", "cap_idr": 5_000_000, "cap_per_kab": 1,
     "capex_idr": 0, "opex_idr": 1_000_000, "migration_capex_idr": 0, "migration_opex_idr": 0,
     "total_idr": 1_000_000, "opex_years": 2},
    {"year": 2026, "source": "apbd_prov", "label": "APBD Prov", "cap_idr": 30_000_000, "cap_per_kab": 0,
     "capex_idr": 0, "opex_idr": 0, "migration_capex_idr": 0, "migration_opex_idr": 0, "total_idr": 0,
     "opex_years": 2},
    {"year": 2027, "source": "apbd_prov", "label": "APBD Prov", "cap_idr": 30_000_000, "cap_per_kab": 0,
     "capex_idr": 0, "opex_idr": 0, "migration_capex_idr": 25_000_000, "migration_opex_idr": 400_000,
     "total_idr": 25_400_000, "villages_migrated": 1, "opex_years": 2},
    {"year": 2028, "source": "apbd_prov", "label": "APBD Prov", "cap_idr": 30_000_000, "cap_per_kab": 0,
     "capex_idr": 0, "opex_idr": 0, "migration_capex_idr": 0, "migration_opex_idr": 400_000,
     "total_idr": 400_000, "opex_years": 2},
]


def summary(rows=ROWS, table=TABLE):
    return tb.summary_of(rows, "kode_kab", table)


def test_a_connected_village_whose_service_cannot_be_paid_is_counted():
    t = summary().total
    assert (t.villages, t.continuing, t.service_unfunded, t.planned, t.not_planned) == (6, 2, 1, 2, 1)
    assert t.connected_today == 3 and t.service_unfunded_opex_idr_year == 2_000_000
    assert (t.scheduled, t.unfunded) == (1, 1)
    assert t.villages_unfunded == 2  # the roadmap's VILLAGES_UNFUNDED: planned and connected ones
    assert summary().per_kab["64.07"].service_unfunded == 1
    sheet = dict(tb.overview(summary()).rows)
    assert (sheet["connected_today"], sheet["service_unfunded"], sheet["villages_unfunded"]) == (3, 1, 2)
    kab = {r["kab"]: r for r in tb.by_kabkota(summary()).as_dicts()}
    assert (kab["64.07"]["continuing"], kab["64.07"]["service_unfunded"]) == (1, 1)


def test_existing_is_read_by_one_rule_for_the_roadmap_summary_and_maps():
    """A village whose ``existing`` is 'ya' (a yes word the roadmap reads as connected before it) and whose service
    the roadmap cannot pay on is counted as such, not as a planned village (the summary read only 'programme');
    'tidak' / 'belum' / empty say "not yet" everywhere."""
    rows = [village("64.07.01.2001", existing="ya", fund_status="unfunded", opex_idr_year=2_000_000, year=None,
                    build_year=None),
            village("64.07.01.2002", existing="tidak", capex_idr=1_500_000, opex_idr_year=600_000),
            village("64.07.01.2003", existing="Belum ", capex_idr=1_500_000, opex_idr_year=600_000)]
    t = summary(rows).total
    assert (t.service_unfunded, t.connected_today, t.planned, t.scheduled) == (1, 1, 2, 2)
    assert [ps.is_programme_connected(r) for r in rows] == [True, False, False]
    assert [ps.existing_connected(v) for v in ("programme", "ya", "sudah", "", None, "tidak", "0", "NULL")] == [
        True, True, True, False, False, False, False, False]
    # a numeric field: 0.0 is not connected (it was read as the text '0.0', other text: connected)
    assert [ps.existing_connected(v) for v in (0.0, 0, 1.0, 1, 2)] == [False, False, True, True, True]


def test_check_plan_counts_every_village_once():
    s = summary()
    assert ps.check_plan(s, ROWS, [], roadmap_table=TABLE) == []
    # a connected village with a status no count knows, and a plan that marks more villages unfunded
    odd = ROWS + [programme("64.07.01.2007", "scheduled")]
    problems = [p.params for p in ps.check_plan(summary(odd), odd, [], roadmap_table=TABLE)
                if p.code == "villages_not_counted"]
    assert problems == [{"kab": "all", "villages": 7, "counted": 6}, {"kab": "64.07", "villages": 6, "counted": 5}]
    # the summary before the fix counted a connected unfunded village nowhere: the plan's unfunded marks tell
    s = summary()
    s.total.service_unfunded = 0
    problems = [(p.code, p.params) for p in ps.check_plan(s, ROWS, [], roadmap_table=TABLE)]
    assert ("unfunded_differs", {"plan": 2, "summary": 1}) in problems
    assert ("villages_not_counted", {"kab": "all", "villages": 6, "counted": 5}) in problems


def test_migration_money_is_in_every_year_and_payer_figure():
    s = summary()
    assert s.opex_per_year == {2026: 2_600_000, 2027: 2_000_000, 2028: 1_400_000}  # migration fibre OPEX in
    assert s.migration_capex_per_year == {2027: 25_000_000}
    assert s.capex_total_idr == 1_500_000 + 25_000_000
    assert s.capex_total_idr + s.opex_total_idr == sum(r["total_idr"] for r in TABLE)
    src = {r["source"]: r for r in tb.by_source(TABLE, ROWS).as_dicts()}
    for name in ("apbd_kab", "apbd_prov"):
        assert src[name]["total_idr"] == sum(r["total_idr"] for r in TABLE if r["source"] == name)
    # a payer that pays only migration pays in 2027 and 2028; its busiest year is read against its cap
    assert (src["apbd_prov"]["first_year"], src["apbd_prov"]["last_year"]) == (2027, 2028)
    assert (src["apbd_prov"]["peak_year"], src["apbd_prov"]["peak_year_idr"]) == (2027, 25_400_000)
    assert src["apbd_prov"]["migration_capex_idr"] == 25_000_000
    years = {r["year"]: r for r in tb.by_year(s).as_dicts()}
    assert years[2027]["migration_capex_idr"] == 25_000_000 and years[2027]["total_idr"] == 27_000_000
    assert sum(r["total_idr"] for r in years.values()) == sum(r["total_idr"] for r in TABLE)
    ys = tb.year_source(TABLE).as_dicts()
    assert [r["total_idr"] for r in ys] == [r["total_idr"] for r in sorted(TABLE, key=lambda r: (r["year"],
                                                                                                  r["source"]))]


def test_the_roadmaps_opex_years_travel_with_the_table():
    s = summary()
    assert (s.opex_years, s.horizon_years, s.opex_years_short) == (2, 3, True)
    assert s.to_dict()["opex_years"] == 2
    assert dict(tb.overview(s).rows)["opex_years"] == 2
    assert ps.opex_years_of([{"year": 2026}]) == 5  # an older table without the column: the default


def test_the_check_finds_a_last_year_opex_that_is_not_the_run_rate():
    rows = [programme("64.07.01.2001", "continuing", opex=1_000_000),
            village("64.07.01.2004", capex_idr=1_500_000, opex_idr_year=600_000, funding_capex="apbd_kab=1500000")]
    table = [{"year": y, "source": "apbd_kab", "capex_idr": 1_500_000 if y == 2026 else 0, "opex_idr": 1_600_000,
              "migration_capex_idr": 0, "migration_opex_idr": 0, "total_idr": 1_600_000 + (1_500_000 if y == 2026
                                                                                             else 0),
              "opex_years": 5} for y in (2026, 2027)]
    s = tb.summary_of(rows, "kode_kab", table)
    assert s.opex_per_year[2027] == s.opex_after_horizon_idr_year == 1_600_000
    assert ps.check_plan(s, rows, [], roadmap_table=table) == []
    table[1]["opex_idr"] = table[1]["total_idr"] = 1_000_000  # an OPEX the run rate counts and the table does not
    codes = {p.code for p in ps.check_plan(tb.summary_of(rows, "kode_kab", table), rows, [], roadmap_table=table)}
    assert "last_year_opex_differs" in codes
    table[1]["total_idr"] = 1_600_000  # a total that leaves money out
    codes = {p.code for p in ps.check_plan(tb.summary_of(rows, "kode_kab", table), rows, [], roadmap_table=table)}
    assert "table_total_differs" in codes


def test_every_year_of_the_horizon_is_a_row():
    # 2027: no village starts, no money is paid; it is still a year of the roadmap
    table = [dict(r, capex_idr=0, opex_idr=0, migration_capex_idr=0, migration_opex_idr=0, total_idr=0)
             if r["year"] == 2027 else r for r in TABLE]
    rows = tb.by_year(summary(table=table)).as_dicts()
    assert [r["year"] for r in rows] == [2026, 2027, 2028]
    assert rows[1]["total_idr"] == 0


def test_int_id_rounds_half_away_from_zero():
    assert [tb.int_id(v) for v in (88.5, 22.5, 61.5, 187.5, -0.5, 2.4)] == ["89", "23", "62", "188", "-1", "2"]


def test_printed_columns_add_up_to_their_printed_total():
    # the audit's base figures (Rp): CAPEX scheduled per kab/kota and per operator, 21,574 juta in all
    kab = [2_606_000_000, 66_000_000, 15_000_000, 21_000_000, 3_000_000, 36_000_000, 18_665_000_000, 51_000_000,
           88_500_000, 22_500_000]
    ops = [61_500_000, 12_000_000, 187_500_000, 0, 33_000_000, 21_280_000_000]
    for values in (kab, ops):
        shown, total = tb.in_units(values, 1e6)
        assert total == 21_574 and sum(shown) == total
        assert all(abs(s - v / 1e6) < 1 for s, v in zip(shown, values))  # each is its value rounded down or up
    shown, total = tb.in_units([1_400_000, 1_300_000, 1_200_000], 1e6)
    assert (shown, total) == ([2, 1, 1], 4)  # 1.4 + 1.3 + 1.2 = 3.9 -> 4: the largest remainder goes up
    assert tb.in_units([], 1e6) == ([], 0)


def test_equal_values_print_equal_when_the_column_can_still_add_up():
    # the demo's OPEX per year (Rp): 2027-2030 equal; they printed 16.351, 16.350, 16.350, 16.350
    opex = [14_079_179_842, 16_350_322_333, 16_350_322_333, 16_350_322_333, 16_350_322_333]
    shown, total = tb.in_units(opex, 1e6)
    assert total == 79_480 and sum(shown) == total
    assert shown == [14_080, 16_350, 16_350, 16_350, 16_350]  # the one other value goes up instead
    assert all(abs(s - v / 1e6) < 1 for s, v in zip(shown, opex))
    # rounded on their own 1.6, 1.6, 1.1 print 2 + 2 + 1 = 5 where the total is 4: no single value may go down
    # without splitting the pair, so the pair is split (table order), the 1.1 stays 1
    assert tb.in_units([1_600_000, 1_600_000, 1_100_000], 1e6) == ([2, 1, 1], 4)
    # a pair and a value that can go instead: 1.4, 1.4, 1.1 -> 1 + 1 + 1 = 3 of 4: the 1.1 goes up, the pair stays
    assert tb.in_units([1_400_000, 1_400_000, 1_100_000], 1e6) == ([1, 1, 2], 4)
    # a pair that can go together: 1.3, 1.3, 1.4, 1.4, 0.6 = 6.0 -> rounded 1 + 1 + 1 + 1 + 1 = 5: one short; the
    # pair 1.4 cannot (two), 1.3 cannot (two): split in table order of the largest remainder
    assert tb.in_units([1_300_000, 1_300_000, 1_400_000, 1_400_000, 600_000], 1e6) == ([1, 1, 2, 1, 1], 6)
    # three equal values, one short: split in table order, as before
    assert tb.in_units([1_400_000] * 3, 1e6) == ([2, 1, 1], 4)
    # a whole value never moves, even when that would keep equal values equal
    assert tb.in_units([2_500_000, 2_500_000, 3_000_000], 1e6) == ([3, 2, 3], 8)


def test_a_total_column_stays_within_one_unit_of_the_grand_total():
    """A row's total is the sum of what the row prints, so the total column's total is the sum of the money
    columns' totals; three totals rounded down by 0.4 each put it 1.2 units below the exact grand total. Then one
    column total moves by a unit (the one nearest its half): every printed figure stays < 1 unit from its value."""
    from kaltim_internet_plugin.report.export_plan import _with_total

    def columns(row, unit=1.0):
        return tb.round_tables([[row]], unit)[0].columns

    # the demo: CAPEX 21,574,000,000, migrations 61,888,116,562, OPEX 79,480,469,174 -> 162.942 (exact 162.942,6):
    # less than a unit off, every column total stays its own rounding
    assert columns([21_574_000_000, 61_888_116_562, 79_480_469_174], 1e6) == [21_574, 61_888, 79_480]
    # 10.4 + 20.45 + 30.4 = 61.25 would print 10 + 20 + 30 = 60: the 20.45 (nearest its half) goes up
    assert columns([10.4, 20.45, 30.4]) == [10, 21, 30]
    assert columns([-10.4, -20.45, -30.4]) == [-10, -21, -30]
    assert columns([1.0, 2.0]) == [1, 2] and tb.round_tables([[]])[0].grand == 0
    # in a table: rows add up, columns add up to their totals, every total < 1 unit from its exact value
    values = [[4_200_000, 9_100_000, 12_100_000], [6_200_000, 11_350_000, 18_300_000]]
    rows = [[2026, "", "", "", "", "", ""], [2027, "", "", "", "", "", ""]]
    table = _with_total(rows, {}, ["Jumlah"] + [""] * 6, ((3, 4, 5), 6, tb.round_tables([values], 1e6)[0]))
    cell = [[int(c.replace(".", "")) for c in r[3:7]] for r in table]
    assert all(r[0] + r[1] + r[2] == r[3] for r in cell)
    assert [cell[0][k] + cell[1][k] for k in range(4)] == cell[2]
    exact = [sum(r[j] for r in values) / 1e6 for j in range(3)]
    assert all(abs(p - e) < 1 for p, e in zip(cell[2], exact + [sum(exact)])), (cell[2], exact)
    assert cell[2][3] == 61  # 10.4 + 20.45 + 30.4 = 61.25; rounded on their own the columns gave 60
    for r, e in zip(cell, values):  # and each row's total too (before: the sum of parts each moved up to 1 unit)
        assert abs(r[3] - sum(e) / 1e6) < 1


def test_the_check_finds_migration_money_the_villages_do_not_account_for():
    """The villages say who pays each satellite -> fibre move (migration_funding_capex/opex, written by the roadmap):
    their sums must be the table's migration columns."""
    migrated = village("64.07.01.2007", tech="satellite", existing="programme", fund_status="continuing",
                       opex_idr_year=0, migration_year=2027, migration_funding_capex="apbd_prov=25000000",
                       migration_funding_opex="apbd_prov=800000")
    rows = [r for r in ROWS if r["fund_status"] != "unfunded"] + [migrated]
    problems = {p.code for p in ps.check_plan(summary(rows), rows, [], roadmap_table=TABLE)}
    assert "table_migration_differs" not in problems
    rows[-1] = dict(migrated, migration_funding_capex="apbd_prov=20000000")  # 5 juta the villages do not name
    problems = [p for p in ps.check_plan(summary(rows), rows, [], roadmap_table=TABLE)
                if p.code == "table_migration_differs"]
    assert [(p.params["column"], p.params["table"], p.params["villages"]) for p in problems] == [
        ("migration_capex_idr", 25_000_000, 20_000_000)]


def test_a_plan_row_and_a_village_record_are_planned_by_one_rule():
    """core.operators.is_planned_work (village records) and plan_summary.is_planned (plan rows) agree, Indonesian
    number text included."""
    from types import SimpleNamespace

    from kaltim_internet_plugin.core.operators import is_planned_work

    cases = [(False, 0, 0), (False, "1.500.000", 0), (False, 0, "12,5"), (True, 2_000_000, 0), (False, float("nan"), 0)]
    for continuing, capex, opex in cases:
        row = {"fund_status": "continuing" if continuing else "scheduled", "capex_idr": capex, "opex_idr_year": opex}
        record = SimpleNamespace(existing_service=continuing, capex_idr=capex, opex_idr_year=opex)
        assert ps.is_planned(row) == is_planned_work(record) == ps.gives_work(continuing, capex, opex)
    assert [ps.gives_work(*c) for c in cases] == [False, True, True, False, False]


def test_a_payers_busiest_year_prints_as_its_total_when_it_is_the_same_money():
    """A 1-year horizon: APBD Kabupaten/Kota paid Rp 28,583,872,521 in 2026 only; the report printed its busiest
    year 28.584 (rounded on its own) beside its Total 28.583 (the sum of the rounded parts)."""
    from kaltim_internet_plugin.report.export_plan import report_tables

    class Sheet:
        def __init__(self, rows):
            self.rows = rows

        def as_dicts(self):
            return self.rows

    def source(key, capex, mig, opex, cap=None):
        return {"source": key, "label": key, "capex_idr": capex, "migration_capex_idr": mig, "opex_idr": opex,
                "migration_opex_idr": 0, "total_idr": capex + mig + opex, "first_year": 2026, "last_year": 2026,
                "cap_idr": cap, "cap_per_kab": 0, "peak_year": 2026, "peak_year_idr": capex + mig + opex}

    payers = [source("apbd_kab", 294_400_000, 26_907_500_000, 1_381_972_521),
              source("apbd_prov", 0, 28_884_600_000, 835_400_000, 29_720_000_000),
              source("dana_desa", 0, 0, 952_549_932)]
    year = {"year": 2026, "villages": 228, "population": 2_517_187, "techs": "fwa:196"}
    for key in ("capex_idr", "migration_capex_idr", "opex_idr", "migration_opex_idr", "total_idr"):
        year[key] = sum(p[key] for p in payers)
    tables = report_tables({"per_tahun": Sheet([year]), "per_sumber_dana": Sheet(payers)}.get)
    rows = tables["table_source"][1]
    for r, p in zip(rows, payers):
        assert r[2] == f"{r[6]} (2026)", r  # the busiest year is all it pays: the same figure as its Total
        assert abs(int(r[6].replace(".", "")) - p["total_idr"] / 1e6) < 1
    assert rows[1][1] == rows[1][6]  # a cap used to the rupiah prints as the total it caps
    # one payer, one year: the per-year table's row, its total and the per-source total are the same money
    assert tables["table_year"][1][0][6] == tables["table_year"][1][-1][6] == rows[-1][6]
    assert [tables["table_year"][1][-1][i] for i in (3, 4, 5)] == [rows[-1][i] for i in (3, 4, 5)]
