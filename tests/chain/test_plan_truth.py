"""One plan, one truth (issue 13): the chain's steps and every report agree, on the bundled sample (the demo) and
on a second village set with its own budget, capacity and lead time. Checked as a planner reading the printed
report next to the spreadsheet would: plan.gpkg, roadmap.xlsx, the PDFs and summary.json."""
from __future__ import annotations

import json
import shutil
import sys
from collections import defaultdict

import pytest

from tests.conftest import SAMPLE, run_alg

DEM = str(SAMPLE / "kaltim_dem_synthetic_250m.tif")
GPKG = SAMPLE / "kaltim_sample.gpkg"


def rows(gpkg, layer):
    from kaltim_internet_plugin.report.consistency import _rows

    return _rows(str(gpkg), layer)


def test_demo_coverage_settings_travel_with_the_raster(demo_out):
    from kaltim_internet_plugin.core.coverage_settings import CoverageSettings

    settings = CoverageSettings.read_raster(str(demo_out / "coverage_dbm.tif"))
    assert settings is not None
    assert (settings.model, settings.quantity, settings.clutter_margin_db, settings.threshold_dbm) == \
        ("p526", "rsrp_10mhz", 15.0, -110.0)


def test_demo_one_covered_test_and_whole_site_costs(demo_out):
    villages = rows(demo_out / "plan.gpkg", "villages")
    sites = {str(s["cand_id"]): int(round(s["cost_idr"])) for s in rows(demo_out / "plan.gpkg", "planned_sites")}
    assert sites, "the demo selects new BTS sites"
    # covered villages are no demand: none is assigned to a new site; a covered village the programme does not
    # connect yet gets FWA; one it connects keeps its service (no CAPEX, its fee as OPEX)
    for v in villages:
        if v["status"] == "covered":
            assert v["covered_by"] == "existing", v["kode"]
            if v["prog_connected"] == 1:
                assert v["existing"] == "programme" and v["capex_idr"] == 0 and v["opex_idr_year"] > 0, v["kode"]
            else:
                assert v["tech"] == "fwa", v["kode"]
    # the optimiser's assignment is kept: covered_by 'new' <=> tech bts on that very site
    per_site = defaultdict(int)
    for v in villages:
        if v["covered_by"] == "new":
            assert v["tech"] == "bts" and v["new_site"] == v["site_id"], v["kode"]
            per_site[v["new_site"]] += int(round(v["capex_idr"]))
        else:
            assert v["tech"] != "bts", v["kode"]
    assert dict(per_site) == sites  # every selected site carries its whole cost, to the rupiah


def test_demo_a_bts_is_one_project_after_its_lead_time(demo_out):
    by_site = defaultdict(list)
    for v in rows(demo_out / "plan.gpkg", "villages"):
        if v["tech"] == "bts":
            by_site[v["new_site"]].append(v)
    for site, members in by_site.items():
        assert len({(m["year"], m["build_year"]) for m in members}) == 1, site
        funders = {p.split("=")[0] for m in members for p in (m["funding_capex"] or "").split(";") if "=" in p}
        assert len({m["fund_status"] for m in members}) == 1, site
        if members[0]["fund_status"] == "scheduled":
            assert len(funders) == 1, (site, funders)
            assert members[0]["year"] == members[0]["build_year"] + 1  # 12 months default lead time
        else:
            assert not funders and members[0]["unfunded_reason"], site  # no half-funded tower


def test_demo_respects_the_default_installation_capacity(demo_out):
    from kaltim_internet_plugin.core.capacity import DEFAULT_ROWS

    limit = {r.tech: r.max_installations for r in DEFAULT_ROWS}
    count = defaultdict(int)
    sites = defaultdict(set)
    for v in rows(demo_out / "plan.gpkg", "villages"):
        if v["fund_status"] != "scheduled":
            continue
        if v["tech"] == "bts":
            sites[v["year"]].add(v["new_site"])
        else:
            count[(v["year"], v["tech"])] += 1
    for (year, tech), n in count.items():
        assert n <= limit[tech], (year, tech, n)
    for year, s in sites.items():
        assert len(s) <= limit["bts"], (year, len(s))
    assert count, "the demo schedules installations"  # capacity that binds: the second village set and unit tests


def test_demo_every_report_prints_the_one_summary(demo_out):
    from kaltim_internet_plugin.report import tables as tb
    from kaltim_internet_plugin.report.consistency import _xlsx_sheet, pdf_text

    data = json.loads((demo_out / "summary.json").read_text())
    assert data["consistency_problems"] == []
    total = data["plan"]["total"]
    text = (demo_out / "summary.txt").read_text()
    assert f"CAPEX Rp {total['capex_scheduled_idr'] / 1e9:,.1f} bn (Rp {total['capex_scheduled_idr']:,})" in text
    assert f"people in connected villages: {total['people_connected']:,}" in text
    sheet = {r["figure"]: r["value"] for r in _xlsx_sheet(str(demo_out / "roadmap.xlsx"), "Ringkasan")}
    for key in ("planned", "scheduled", "capex_scheduled_idr", "people_connected", "opex_after_horizon_idr_year"):
        expected = total.get(key, data["plan"].get(key))
        assert int(sheet[key]) == expected, key
    report = " ".join((pdf_text(str(demo_out / "roadmap_report.pdf")) or "").split())
    assert f"Capex terjadwal: {tb.money_one_decimal(total['capex_scheduled_idr'])}" in report
    assert f"Direncanakan: {tb.int_id(total['planned'])} desa/kelurahan" in report
    # the words: 'desa' alone never counts kelurahan
    assert f"{tb.int_id(total['planned_desa'])} desa, {tb.int_id(total['planned_kelurahan'])} kelurahan" in report


def test_demo_plans_only_what_remains_plus_the_migrations(demo_out):
    data = json.loads((demo_out / "summary.json").read_text())["plan"]["total"]
    villages = rows(demo_out / "plan.gpkg", "villages")
    continuing = [v for v in villages if v["fund_status"] == "continuing"]
    assert len(continuing) == data["continuing"] == sum(v["prog_connected"] == 1 for v in villages) == 802
    assert all(v["capex_idr"] == 0 and v["year"] == 2026 and v["build_year"] is None for v in continuing)
    # the plan connects only the others: planned = every village the programme does not connect yet
    assert data["planned"] == len(villages) - len(continuing)
    # existing satellite villages move to fibre where a fibre point is near enough, funded like the rest
    migrated = [v for v in villages if v["migration_year"] is not None]
    assert migrated and data["migrations"] == len(migrated)
    assert all(v["tech"] == "satellite" and v["fibre_capex_idr"] > 0 for v in migrated)
    table = rows(demo_out / "plan.gpkg", "roadmap_year_source")
    assert sum(r["migration_capex_idr"] for r in table) == data["migration_capex_idr"]
    assert data["migration_saving_idr_year"] == sum(v["opex_idr_year"] - v["fibre_opex_idr_year"] for v in migrated)
    text = (demo_out / "summary.txt").read_text()
    assert f"Connected today by the programme: {len(continuing)} villages, of which service continues " \
           f"{len(continuing)} " in text and "service not funded 0 " in text
    assert f"Satellite -> fibre migrations: {len(migrated)}," in text
    renewals = [v for v in continuing if v["renewal_year"] is not None]
    assert renewals and all(2026 <= v["renewal_year"] <= 2030 for v in renewals)


def _payers(table):
    """plan.gpkg's year x source table per payer: (total_idr, first year, last year it pays)."""
    out = {}
    for r in table:
        total, years = out.get(r["source"], (0, []))
        out[r["source"]] = (total + r["total_idr"], years + ([r["year"]] if r["total_idr"] else []))
    return {k: (t, min(y) if y else None, max(y) if y else None) for k, (t, y) in out.items()}


def _numbers(text):
    import re

    return [int(n.replace(".", "")) for n in re.findall(r"(?<![\w.,])\d{1,3}(?:\.\d{3})*(?![\w,])", text)]


def _assert_money_agrees(out, summary_total=None):
    """Every per-year and per-payer figure of the spreadsheet, its CSVs and the report carries the migration money:
    the payer totals are plan.gpkg's roadmap_year_source.total_idr to the rupiah, with the years it pays."""
    import csv

    from kaltim_internet_plugin.report.consistency import _xlsx_sheet

    table = rows(out / "plan.gpkg", "roadmap_year_source")
    payers = _payers(table)
    sheet = _xlsx_sheet(str(out / "roadmap.xlsx"), "Per sumber dana")
    from_csv = list(csv.DictReader(open(out / "roadmap_per_sumber_dana.csv", encoding="utf-8")))
    for got in (sheet, from_csv):
        assert {r["source"]: (int(r["total_idr"]), int(r["first_year"]) if r["first_year"] not in (None, "") else None,
                              int(r["last_year"]) if r["last_year"] not in (None, "") else None)
                for r in got} == payers
    per_year = _xlsx_sheet(str(out / "roadmap.xlsx"), "Per tahun")
    want = defaultdict(lambda: [0, 0, 0, 0, 0])
    for r in table:
        for i, key in enumerate(("capex_idr", "migration_capex_idr", "opex_idr", "migration_opex_idr", "total_idr")):
            want[r["year"]][i] += r[key]
    # each money column means what it means in 'Per sumber dana' and 'Tahun x sumber', and they add up to the total
    assert {r["year"]: [r["capex_idr"], r["migration_capex_idr"], r["opex_idr"], r["migration_opex_idr"],
                        r["total_idr"]] for r in per_year} == dict(want)
    assert all(r["capex_idr"] + r["migration_capex_idr"] + r["opex_idr"] + r["migration_opex_idr"] == r["total_idr"]
               for r in per_year)
    ys = _xlsx_sheet(str(out / "roadmap.xlsx"), "Tahun x sumber")
    assert sorted((r["year"], r["source"], r["total_idr"], r["migration_capex_idr"], r["migration_opex_idr"])
                  for r in ys) == sorted((r["year"], r["source"], r["total_idr"], r["migration_capex_idr"],
                                          r["migration_opex_idr"]) for r in table)
    data = json.loads((out / "summary.json").read_text())["plan"] if (out / "summary.json").exists() else None
    if data is not None:
        assert data["opex_total_idr"] == sum(r["opex_idr"] + r["migration_opex_idr"] for r in table)
        assert data["capex_total_idr"] == sum(r["capex_idr"] + r["migration_capex_idr"] for r in table)
    return table, payers


def test_demo_every_figure_carries_the_migration_money(demo_out):
    table, payers = _assert_money_agrees(demo_out)
    assert sum(r["migration_capex_idr"] for r in table) > 0  # the demo migrates satellite villages
    data = json.loads((demo_out / "summary.json").read_text())["plan"]
    # OPEX funded for the whole horizon: the last year's OPEX is what keeps running after it
    assert data["opex_years"] == 5 and data["opex_per_year"]["2030"] == data["opex_after_horizon_idr_year"]
    text = (demo_out / "summary.txt").read_text()
    year_lines = {int(line[2:6]): line for line in text.splitlines() if line[:2] == "  " and line[2:6].isdigit()
                  and line[6:7] == ":"}
    assert sorted(year_lines) == list(range(2026, 2031))  # every year of the horizon, also those without a start
    for y, line in year_lines.items():
        assert f"OPEX Rp {data['opex_per_year'][str(y)] / 1e9:,.1f} bn" in line, line
    assert f"OPEX within 2026–2030 Rp {data['opex_total_idr'] / 1e9:,.1f} bn (Rp {data['opex_total_idr']:,}, " \
           f"roadmap OPEX_TOTAL Rp {data['opex_total_idr']:,})" in text
    assert f"= Rp {data['capex_total_idr']:,} (roadmap CAPEX_TOTAL Rp {data['capex_total_idr']:,})" in text
    # the report's per-year and per-source tables print the same total, the payers' money in juta
    tables = _report_tables(demo_out)
    year_total, source_total = tables["table_year"][1][-1], tables["table_source"][1][-1]
    assert year_total[6] == source_total[6] == "162.942"
    assert abs(sum(t for t, _, _ in payers.values()) / 1e6 - 162_942) < 1
    prov = next(r for r in tables["table_source"][1] if r[0].startswith("APBD Provinsi"))
    assert prov[6] == "39.245" and prov[2] == "29.872 (2026)" and prov[1] == "30.000"  # the cap nearly used up


def _report_tables(out):
    """The report's tables as exportplan fills them, from plan.gpkg; checked to be in the printed PDF."""
    from kaltim_internet_plugin.report import tables as tb
    from kaltim_internet_plugin.report.consistency import pdf_text
    from kaltim_internet_plugin.report.export_plan import report_tables

    gpkg = out / "plan.gpkg"
    sheets = {s.slug: s for s in tb.build_sheets(rows(gpkg, "villages"), "kode_kab",
                                                   roadmap_rows=rows(gpkg, "roadmap_year_source"),
                                                   operator_rows=rows(gpkg, "operator_packages") or None)}
    tables = report_tables(sheets.get)
    flat = " ".join((pdf_text(str(out / "roadmap_report.pdf")) or "").split())
    for key in ("table_year", "table_source", "table_kabkota"):
        total = tables[key][1][-1]
        assert total[0] == "Jumlah" and " ".join(c for c in total if c) in flat, (key, total)
    return tables


def test_a_long_horizon_prints_its_later_years_as_one_row_and_the_total():
    """YEARS = 30: the report printed 2026-2035 and no total (the box holds ten rows; the rest was cut with a log
    warning only). The later years are now one row '2034–2055' and the total row is the 30 years' total."""
    from kaltim_internet_plugin.report.export_plan import YEAR_ROWS_PRINTED, report_tables

    class Sheet:
        def __init__(self, rows):
            self.rows = rows

        def as_dicts(self):
            return self.rows

    years = [{"year": 2026 + k, "villages": 10 + k, "population": 1000 * k, "capex_idr": 2e9 + k * 1e6,
              "migration_capex_idr": 0, "opex_idr": 1e9, "migration_opex_idr": 5e5 * k,
              "total_idr": 3e9 + k * 1e6 + 5e5 * k, "techs": f"fwa:{9 + k};bts:1"} for k in range(30)]
    table = report_tables({"per_tahun": Sheet(years)}.get)["table_year"][1]
    assert len(table) == YEAR_ROWS_PRINTED + 1 and table[-1][0] == "Jumlah"
    assert [r[0] for r in table[:-2]] == list(range(2026, 2026 + YEAR_ROWS_PRINTED - 1))
    assert table[-2][0] == f"{2026 + YEAR_ROWS_PRINTED - 1}–2055"
    assert int(table[-1][1].replace(".", "")) == sum(r["villages"] for r in years)
    assert int(table[-2][1].replace(".", "")) == sum(r["villages"] for r in years[YEAR_ROWS_PRINTED - 1:])
    fwa = sum(9 + k for k in range(YEAR_ROWS_PRINTED - 1, 30))  # its technologies, counted together
    assert table[-2][7] == f"4G FWA (router) {fwa}, BTS 4G baru {30 - YEAR_ROWS_PRINTED + 1}", table[-2][7]
    _column_sums(("", table), range(1, 7))
    # the forms the report falls back on when a year's technologies do not fit: short names, then counted
    forms = report_tables({"per_tahun": Sheet(years)}.get, forms=True)["table_year"]
    assert forms[0][1] == table and [f[1][-1] for f in forms[1:]] == [table[-1]] * 2  # the same figures
    assert forms[1][1][-2][7] == f"FWA {fwa}, BTS baru {30 - YEAR_ROWS_PRINTED + 1}" and forms[2][1][-2][7] == "2 jenis"
    short = report_tables({"per_tahun": Sheet(years[:5])}.get)["table_year"][1]
    assert [r[0] for r in short[:-1]] == [2026, 2027, 2028, 2029, 2030]


def _column_sums(table, columns):
    rows = table[1]
    for i in columns:
        parts = [int(r[i].split(" ")[0].replace(".", "")) for r in rows[:-1]]
        assert sum(parts) == int(rows[-1][i].replace(".", "")), (table[0][i], parts, rows[-1][i])


def test_demo_printed_columns_add_up_to_their_printed_totals(demo_out):
    tables = _report_tables(demo_out)
    _column_sums(tables["table_year"], range(1, 7))
    _column_sums(tables["table_source"], range(3, 7))
    _column_sums(tables["table_kabkota"], range(1, 8))
    _column_sums(tables["table_operators"], range(1, 6))
    for r in tables["table_year"][1] + tables["table_source"][1]:  # and each row adds up to its total
        assert sum(int(r[i].replace(".", "")) for i in (3, 4, 5)) == int(r[6].replace(".", "")), r
    # one CAPEX in every table (before: 21.574 per year, 21.573 per kab/kota, 21.575 per operator)
    assert tables["table_year"][1][-1][3] == tables["table_kabkota"][1][-1][7] == \
        tables["table_operators"][1][-1][4] == "21.574"
    # Kota Samarinda's Rp 88,500,000 and Kota Bontang's 22,500,000: 88 or 89 and 22 or 23 juta, never farther
    kab = {r[0]: int(r[7].replace(".", "")) for r in tables["table_kabkota"][1]}
    assert kab["Kota Samarinda"] in (88, 89) and kab["Kota Bontang"] in (22, 23)


def test_demo_training_plan_says_how_many_of_each_villages_cadres_each_batch_trains(demo_out):
    """Audit finding 8: 64.09.01.1013 is in Penajam's 2026 batches 1 and 2; the training table listed it in both by
    code only (237 entries for 236 villages). Now every batch gives each village's trainees in it (and, for a
    village spanning batches, of how many), alike in plan.gpkg, roadmap.xlsx, its CSV and the printed report."""
    import csv
    import re
    from collections import Counter

    from kaltim_internet_plugin.core.training import DEFAULT_TARGET_PER_VILLAGE, parse_village_trainees
    from kaltim_internet_plugin.report.consistency import _xlsx_sheet, pdf_text

    gpkg = demo_out / "plan.gpkg"
    batches = rows(gpkg, "training_plan")
    per_village = defaultdict(list)
    for b in batches:
        items = parse_village_trainees(b["village_trainees"])
        assert [c for c, _, _ in items] == b["villages"].split(";")  # once per batch, in the villages' order
        assert sum(n for _, n, _ in items) == b["trainees"] and all(n >= 1 for _, n, _ in items), b
        for code, n, m in items:
            per_village[code].append((b["year"], b["kec_code"], b["batch_no"], n, m))
    # the demo's villages have no cadres yet: each scheduled village trains the target (2) in its service year
    scheduled = {v["kode"]: v["year"] for v in rows(gpkg, "villages") if v["fund_status"] == "scheduled"}
    assert set(per_village) == set(scheduled)
    for code, entries in per_village.items():
        assert sum(n for *_, n, _ in entries) == DEFAULT_TARGET_PER_VILLAGE, (code, entries)
        assert {(y, kec) for y, kec, *_ in entries} == {(scheduled[code], code[:8])}, (code, entries)
        assert all(m == DEFAULT_TARGET_PER_VILLAGE for *_, m in entries)
        nos = sorted(no for _, _, no, _, _ in entries)
        assert nos == list(range(nos[0], nos[0] + len(nos))), (code, entries)  # consecutive batches
    split = {c: e for c, e in per_village.items() if len(e) > 1}
    assert [(y, kec, no, n) for y, kec, no, n, _ in split["64.09.01.1013"]] == \
        [(2026, "64.09.01", 1, 1), (2026, "64.09.01", 2, 1)]
    entries = Counter((c, n, m) for c, e in per_village.items() for *_, n, m in e)
    assert sum(entries.values()) == len(per_village) + len(split)  # 237 entries for 236 villages, each with its count
    # roadmap.xlsx's and the CSV's 'Pelatihan': the same batches, with a note on each batch holding part of a village
    key = ("year", "kec_code", "batch_no", "trainees", "villages", "village_trainees")
    expected = sorted(tuple(b[k] for k in key) for b in batches)
    sheet = _xlsx_sheet(str(demo_out / "roadmap.xlsx"), "Pelatihan")
    with open(demo_out / "roadmap_pelatihan.csv", encoding="utf-8") as fh:
        copy = list(csv.DictReader(fh))
    assert sorted(tuple(r[k] for k in key) for r in sheet) == expected
    assert sorted(tuple(int(r[k]) if k in ("year", "batch_no", "trainees") else r[k] for k in key)
                  for r in copy) == expected
    notes = {(r["year"], r["batch_no"]): r["catatan"] for r in copy if r["kec_code"] == "64.09.01"}
    assert notes[("2026", "1")] == "64.09.01.1013: 1 dari 2 peserta di angkatan ini, 1 di angkatan 2"
    assert notes[("2026", "2")] == "64.09.01.1013: 1 dari 2 peserta di angkatan ini, 1 di angkatan 1"
    assert sum(1 for r in copy if r["catatan"]) == sum(len(e) for e in split.values())
    # the printed table: every village of every batch (code and name) with its count, "(n dari m)" when it spans
    # batches
    text = " ".join((pdf_text(str(demo_out / "roadmap_report.pdf")) or "").split())
    text = text[text.index("Rencana pelatihan kader digital desa"):]
    assert "Peserta satu desa dapat terbagi ke dua angkatan berturutan" in text
    names = {v["kode"]: v["nama"] for v in rows(gpkg, "villages")}
    found = re.findall(r"(\d\d\.\d\d\.\d\d\.\d{4}) ([^();]+?) \((\d+)(?: dari (\d+))?\)", text)
    assert all(name == " ".join(names[c].split()) for c, name, _, _ in found), [f for f in found if
                                                                              f[1] != names[f[0]]][:3]
    printed = Counter((c, int(n), int(m or n)) for c, _, n, m in found)
    assert printed == entries
    assert printed[("64.09.01.1013", 1, 2)] == 2


def test_demo_budget_curve_and_scenario_comparison(demo_out):
    from kaltim_internet_plugin.core.scenario import Scenario

    curve = rows(demo_out / "work" / "budget_curve.gpkg", "budget_curve")
    assert len(curve) == 6
    people = [c["people_newly_covered"] for c in sorted(curve, key=lambda c: c["budget_idr"])]
    assert people == sorted(people) and people[0] > 0  # more budget never covers fewer people (exact MILP)
    assert all(c["cost_idr"] <= c["budget_idr"] for c in curve)
    summary = json.loads((demo_out / "summary.json").read_text())["plan"]
    assert people[-1] == summary["total"]["people_newly_covered"]  # the plan's budget is the last point
    a = Scenario.from_json((demo_out / "scenarios" / "scenario_A.json").read_text())
    b = Scenario.from_json((demo_out / "scenarios" / "scenario_B.json").read_text())
    cap = {s.name: s.yearly_cap_idr for s in a.sources}
    assert {s.name: s.yearly_cap_idr for s in b.sources}["apbd_prov"] == cap["apbd_prov"] / 2
    import csv

    cmp = list(csv.DictReader(open(demo_out / "scenario_comparison.csv", encoding="utf-8")))
    first = {r["key"]: (float(r["a"]), float(r["b"])) for r in cmp if r["section"] == "villages_per_year"}
    assert first["2026"][0] == summary["villages_per_year"]["2026"]
    assert first["2026"][1] < first["2026"][0]  # halved crews connect fewer villages in the first year
    assert sum(v[0] for v in first.values()) == summary["total"]["scheduled"]
    text = (demo_out / "summary.txt").read_text()
    assert "Scenario comparison (A: default funding, B: tight province" in text and "Budget curve" in text


def test_the_check_fails_loudly_on_a_tampered_plan(demo_out, tmp_path):
    from osgeo import ogr

    from kaltim_internet_plugin.report.consistency import check_outputs

    copy = tmp_path / "out"
    shutil.copytree(demo_out, copy)
    ds = ogr.Open(str(copy / "plan.gpkg"), 1)
    layer = ds.GetLayerByName("villages")
    layer.SetAttributeFilter("tech = 'bts'")
    f = layer.GetNextFeature()
    f.SetField("capex_idr", f.GetField("capex_idr") + 1)
    layer.SetFeature(f)
    ds = None
    _, problems = check_outputs(str(copy), chosen_capex_idr=None)
    codes = {p.code for p in problems}
    assert "site_cost_differs" in codes and "xlsx_differs" in codes


def test_the_check_reads_each_payers_printed_peak_year(demo_out):
    """The report's column 'Tahun tertinggi' as printed in the demo's roadmap_report.pdf is each payer's busiest year
    in plan.gpkg's year x source table ('31.184 (2026, semua kab/kota)' wraps above and below its row); a printed
    year that is not the plan's, or a plan whose busiest year is not the printed one, is said with the payer."""
    from kaltim_internet_plugin.report import tables as tb
    from kaltim_internet_plugin.report.consistency import _xlsx_sheet, pdf_text, printed_peak_years_agree

    text = pdf_text(str(demo_out / "roadmap_report.pdf"))
    sources = _xlsx_sheet(str(demo_out / "roadmap.xlsx"), "Per sumber dana")
    table = rows(demo_out / "plan.gpkg", "roadmap_year_source")
    paid = defaultdict(dict)
    for r in table:
        paid[r["source"]][r["year"]] = sum(r[k] for k in tb.SOURCE_MONEY)
    peaks = {s: tb.peak_year(p) for s, p in paid.items()}
    assert peaks == {"apbd_kab": 2026, "apbd_prov": 2026, "bakti_uso": None, "dana_desa": 2026, "operator": None,
                     "prog_internet_desa": 2026}
    assert printed_peak_years_agree(text, sources, table) == []

    def said(text, table=table):
        return [(p.code, p.params["source"], p.params["payer"], p.params["printed"], p.params["plan"])
                for p in printed_peak_years_agree(text, sources, table)]

    assert "29.872 (2026)" in text and "31.184 (2026, semua" in text
    assert said(text.replace("29.872 (2026)", "29.872 (2027)").replace("31.184 (2026, semua", "31.184 (2030, semua")) \
        == [("pdf_peak_year_differs", "apbd_kab", "APBD Kabupaten/Kota", 2030, 2026),
            ("pdf_peak_year_differs", "apbd_prov", "APBD Provinsi (infrastruktur)", 2027, 2026)]
    # the plan's APBD Provinsi paying more in 2027 than the 2026 the report prints
    more = [dict(r, opex_idr=r["opex_idr"] + 10 ** 11) if (r["source"], r["year"]) == ("apbd_prov", 2027) else r
            for r in table]
    assert said(text, more) == [("pdf_peak_year_differs", "apbd_prov", "APBD Provinsi (infrastruktur)", 2026, 2027)]
    # the amount beside the year, read as a number: 2 juta more than the plan's is said, not passed
    amounts = [(p.code, p.params["source"], p.params["year"], p.params["printed"]) for p in
               printed_peak_years_agree(text.replace("29.872 (2026)", "29.874 (2026)"), sources, table)]
    assert amounts == [("pdf_peak_amount_differs", "apbd_prov", 2026, 29_874)], amounts


def test_the_check_reads_the_workbooks_peak_year_columns(demo_out, tmp_path):
    """roadmap.xlsx 'Per sumber dana' peak_year / peak_year_idr: a workbook whose busiest year's amount is 1 rupiah
    off the plan's fails the check (before: those columns were not read)."""
    from osgeo import gdal, ogr

    from kaltim_internet_plugin.report.consistency import check_outputs

    copy = tmp_path / "out"
    shutil.copytree(demo_out, copy)
    gdal.UseExceptions()
    ds = ogr.Open(str(copy / "roadmap.xlsx"), 1)
    layer = ds.GetLayerByName("Per sumber dana")
    for f in layer:
        if f.GetField("source") == "apbd_prov":
            assert f.GetField("peak_year") == 2026
            f.SetField("peak_year_idr", f.GetField("peak_year_idr") + 1)
            layer.SetFeature(f)
    ds = None
    _, problems = check_outputs(str(copy))
    assert [(p.code, p.params["source"]) for p in problems] == [("xlsx_peak_year_differs", "apbd_prov")], \
        [str(p) for p in problems]


def test_a_report_printing_the_wrong_peak_year_fails_the_check(demo_out, provider, tmp_path, monkeypatch):
    """exportplan with a report that prints each payer's last year as its busiest ('Tahun tertinggi'): the check
    says which payers, the year printed and the plan's (the check did not read that column)."""
    from kaltim_internet_plugin.report import tables as tb

    by_source = tb.by_source

    def last_year_as_peak(*args, **kwargs):
        sheet = by_source(*args, **kwargs)
        peak, last = sheet.columns.index("peak_year"), sheet.columns.index("last_year")
        for row in sheet.rows:
            row[peak] = row[last]
        return sheet

    monkeypatch.setattr(tb, "by_source", last_year_as_peak)
    problems = _export_the_demo_checked(demo_out, tmp_path / "out")
    printed = [p for p in problems if p.code.startswith("pdf_")]
    assert sorted((p.code, p.params["source"], p.params["printed"], p.params["plan"]) for p in printed) == [
        ("pdf_peak_year_differs", "apbd_kab", 2030, 2026), ("pdf_peak_year_differs", "apbd_prov", 2027, 2026),
        ("pdf_peak_year_differs", "dana_desa", 2030, 2026),
        ("pdf_peak_year_differs", "prog_internet_desa", 2030, 2026)], [str(p) for p in problems]
    # and the workbook's own column says the same years: read back too
    assert sorted((p.code, p.params["source"], p.params["xlsx"][0]) for p in problems if p not in printed) == [
        ("xlsx_peak_year_differs", "apbd_kab", 2030), ("xlsx_peak_year_differs", "apbd_prov", 2027),
        ("xlsx_peak_year_differs", "dana_desa", 2030), ("xlsx_peak_year_differs", "prog_internet_desa", 2030)]


def test_the_check_reads_each_payers_printed_cap(demo_out):
    """The report's column 'Pagu/tahun' as printed in the demo's roadmap_report.pdf: every payer's cap is read (a
    reading that finds nothing cannot pass) and is the cap plan.gpkg's year x source table holds, in whole juta,
    'per kab/kota' for APBD Kabupaten/Kota; the whole check finds no printed cap that differs."""
    from kaltim_internet_plugin.report import tables as tb
    from kaltim_internet_plugin.report.consistency import (
        _xlsx_sheet,
        check_outputs,
        pdf_text,
        printed_caps,
        printed_caps_agree,
    )

    text = pdf_text(str(demo_out / "roadmap_report.pdf"))
    sources = _xlsx_sheet(str(demo_out / "roadmap.xlsx"), "Per sumber dana")
    table = rows(demo_out / "plan.gpkg", "roadmap_year_source")
    caps = {r["source"]: tb.int_id(r["cap_idr"] / 1e6) + (tb.PER_KAB if r["cap_per_kab"] else "") for r in table}
    assert caps == {"apbd_kab": "5.000 per kab/kota", "apbd_prov": "30.000", "bakti_uso": "0",
                    "dana_desa": "20.184", "operator": "5.000", "prog_internet_desa": "12.500"}
    assert printed_caps(text) == [caps[r["source"]] for r in sources] and len(sources) == len(caps)
    assert printed_caps_agree(text, sources, table) == []
    _summary, problems = check_outputs(str(demo_out))
    assert problems == [], [str(p) for p in problems]
    # the check reads them: the programme's cap printed as Dana Desa's is said
    assert [(p.code, p.params["source"], p.params["printed"], p.params["plan"]) for p in
            printed_caps_agree(text.replace("  12.500  ", "  20.184  "), sources, table)] == [
        ("pdf_cap_differs", "prog_internet_desa", "20.184", 12_500.0)]


def test_a_report_printing_another_payers_cap_fails_the_check(demo_out, provider, tmp_path, monkeypatch):
    """exportplan with a report that prints each payer's cap on the next payer's row ('Pagu/tahun'): the check of
    the export says which payers, the cap printed and the plan's (before, that column was not read: it passed)."""
    from kaltim_internet_plugin.report import export_plan

    report_tables = export_plan.report_tables

    def caps_one_row_down(*args, **kwargs):
        out = report_tables(*args, **kwargs)
        payers = out["table_source"][1][:-1]  # the last row: Jumlah
        caps = [r[1] for r in payers]
        for r, cap in zip(payers, caps[-1:] + caps[:-1]):
            r[1] = cap
        return out

    monkeypatch.setattr(export_plan, "report_tables", caps_one_row_down)
    problems = _export_the_demo_checked(demo_out, tmp_path / "out")
    assert [(p.code, p.params["source"], p.params["printed"], p.params["plan"], p.params["per_kab"])
            for p in problems] == [
        ("pdf_cap_differs", "apbd_kab", "12.500", 5_000.0, True),
        ("pdf_cap_differs", "apbd_prov", "5.000 per kab/kota", 30_000.0, False),
        ("pdf_cap_differs", "bakti_uso", "30.000", 0.0, False),
        ("pdf_cap_differs", "dana_desa", "0", 20_184.0, False),
        ("pdf_cap_differs", "operator", "20.184", 5_000.0, False),
        ("pdf_cap_differs", "prog_internet_desa", "5.000", 12_500.0, False)], [str(p) for p in problems]


def test_tight_funding_short_opex_years_and_a_kab_subset(demo_out, provider, tmp_path):
    """The demo's plan for four kab/kota under tight funding (no Dana Desa, the programme and APBD Kab/Kota cut):
    connected villages whose service cannot be paid on are counted and agree with the roadmap; OPEX funded for 3
    of 5 years is carried into the summary and printed; the migration money agrees everywhere."""
    from dataclasses import replace

    from kaltim_internet_plugin.core.funding import default_sources, write_sources_csv
    from kaltim_internet_plugin.report.consistency import check_outputs, pdf_text

    cut = {"prog_internet_desa": 1e9, "apbd_kab": 2e8}
    sources = [replace(s, yearly_cap_idr=cut.get(s.name, s.yearly_cap_idr)) for s in default_sources()
               if s.name != "dana_desa"]
    funding = tmp_path / "funding.csv"
    write_sources_csv(str(funding), sources)
    subset = "\"kode_kab\" IN ('64.01', '64.07', '64.09', '64.11')"
    plan = f"{demo_out / 'work' / 'plan_tech.gpkg'}|subset={subset}"
    road = _run("roadmap", {"PLAN": plan, "START_YEAR": 2026, "YEARS": 5, "OPEX_YEARS": 3, "FUNDING": str(funding),
                            "OUTPUT": str(tmp_path / "road.gpkg"), "OUTPUT_TABLE": str(tmp_path / "table.gpkg")})
    out = tmp_path / "out"
    _run("exportplan", {"VILLAGES": road["OUTPUT"], "ROADMAP_TABLE": road["OUTPUT_TABLE"],
                        "PLANNED_SITES": str(demo_out / "work" / "planned_sites.gpkg"), "OUTPUT_FOLDER": str(out)})
    summary, problems = check_outputs(str(out))
    assert problems == [], [str(p) for p in problems]
    t = summary.total
    villages = rows(out / "plan.gpkg", "villages")
    dropped = [v for v in villages if v["existing"] == "programme" and v["fund_status"] == "unfunded"]
    assert dropped and t.service_unfunded == len(dropped)  # before: counted nowhere
    assert t.villages_unfunded == road["VILLAGES_UNFUNDED"] == t.unfunded + len(dropped)
    assert t.villages == t.continuing + t.service_unfunded + t.planned + t.not_planned
    assert t.connected_today == sum(v["existing"] == "programme" for v in villages)
    sheet = {r["figure"]: r["value"] for r in
             __import__("kaltim_internet_plugin.report.consistency", fromlist=["_xlsx_sheet"])
             ._xlsx_sheet(str(out / "roadmap.xlsx"), "Ringkasan")}
    assert (int(sheet["service_unfunded"]), int(sheet["villages_unfunded"]), int(sheet["opex_years"])) == \
        (len(dropped), road["VILLAGES_UNFUNDED"], 3)
    assert summary.opex_years == 3 and summary.opex_years_short
    assert summary.opex_total_idr == road["OPEX_TOTAL"] and summary.capex_total_idr == road["CAPEX_TOTAL"]
    _assert_money_agrees(out)
    # the caps printed are the ones the run used (its funding table), not the default table's
    from kaltim_internet_plugin.report.consistency import printed_caps

    assert printed_caps(pdf_text(str(out / "roadmap_report.pdf")) or "") == [
        "200 per kab/kota", "30.000", "0", "5.000", "1.000"]
    report = " ".join((pdf_text(str(out / "roadmap_report.pdf")) or "").split())
    assert "Opex didanai hanya 3 tahun sejak tersambung (periode 5 tahun)" in report  # a line starts upper case
    assert f"LAYANAN TIDAK TERDANAI {len(dropped)}" in report


def test_a_tight_capacity_plan_agrees_with_its_printed_pages(demo_out, provider, tmp_path):
    """20 FWA routers, 25 satellite dishes and 3 BTS a year: 96 villages over capacity. The plan agrees with its
    pages (Kota Bontang's atlas line 'Terjadwal: 8 · belum terdanai: 0 · melebihi kapasitas: 7' wraps in its box:
    read as printed, the next column came between its parts and the check cried 'pdf_differs', found 7 December)."""
    from kaltim_internet_plugin.report.consistency import check_outputs

    cap = tmp_path / "cap.csv"
    cap.write_text("year;tech;kab_code;provider;max_installations\nall;fwa;;;20\nall;satellite;;;25\n"
                   "all;bts;;;3\n", encoding="utf-8")
    road = _run("roadmap", {"PLAN": str(demo_out / "work" / "plan_tech.gpkg"), "START_YEAR": 2026, "YEARS": 5,
                            "CAPACITY": str(cap), "OUTPUT": str(tmp_path / "road.gpkg"),
                            "OUTPUT_TABLE": str(tmp_path / "table.gpkg")})
    assert road["VILLAGES_OVER_CAPACITY"] > 50
    out = tmp_path / "out"
    _run("exportplan", {"VILLAGES": road["OUTPUT"], "ROADMAP_TABLE": road["OUTPUT_TABLE"],
                        "PLANNED_SITES": str(demo_out / "work" / "planned_sites.gpkg"), "OUTPUT_FOLDER": str(out)})
    summary, problems = check_outputs(str(out))
    assert problems == [], [str(p) for p in problems]
    assert summary.total.over_capacity == road["VILLAGES_OVER_CAPACITY"]


def test_a_budget_table_of_another_run_is_refused(demo_out, provider, tmp_path):
    """exportplan printed, and comparescenarios compared, a roadmap table of another run as the plan's own (OPEX
    Rp 401.5 bn over 30 years for villages given Rp 63.1 bn over 2, found 7 December): the table's money must be
    what the villages were given, to the rupiah."""
    import processing
    from qgis.core import QgsProcessingException

    subset = "\"kode_kab\" IN ('64.01', '64.07')"
    plan = f"{demo_out / 'work' / 'plan_tech.gpkg'}|subset={subset}"
    runs = {}
    for name, opex_years in (("two", 2), ("five", 5)):
        runs[name] = _run("roadmap", {"PLAN": plan, "START_YEAR": 2026, "YEARS": 5, "OPEX_YEARS": opex_years,
                                      "OUTPUT": str(tmp_path / f"road_{name}.gpkg"),
                                      "OUTPUT_TABLE": str(tmp_path / f"table_{name}.gpkg")})
    assert runs["two"]["OPEX_TOTAL"] != runs["five"]["OPEX_TOTAL"]
    with pytest.raises(QgsProcessingException) as exc:
        processing.run("kaltiminternet:exportplan", {
            "VILLAGES": runs["two"]["OUTPUT"], "ROADMAP_TABLE": runs["five"]["OUTPUT_TABLE"],
            "OUTPUT_FOLDER": str(tmp_path / "out")})
    text = str(exc.value)
    assert "ROADMAP_TABLE's opex_idr sums to Rp" in text and "not from the same roadmap run" in text, text
    assert not (tmp_path / "out" / "roadmap_report.pdf").exists()
    with pytest.raises(QgsProcessingException) as exc:
        processing.run("kaltiminternet:comparescenarios", {
            "PLAN_A": runs["two"]["OUTPUT"], "TABLE_A": runs["five"]["OUTPUT_TABLE"],
            "PLAN_B": runs["two"]["OUTPUT"], "TABLE_B": runs["two"]["OUTPUT_TABLE"], "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "TABLE_A's opex_idr sums to Rp" in str(exc.value)
    both = _run("comparescenarios", {"PLAN_A": runs["two"]["OUTPUT"], "TABLE_A": runs["two"]["OUTPUT_TABLE"],
                                     "PLAN_B": runs["five"]["OUTPUT"], "TABLE_B": runs["five"]["OUTPUT_TABLE"],
                                     "OUTPUT": "TEMPORARY_OUTPUT"})
    assert both["SCHEDULED_A"] == runs["two"]["VILLAGES_SCHEDULED"]


def _export_the_demo_checked(demo_out, out) -> list:
    """exportplan of the demo's roadmap (its villages, year x source table and planned sites) into ``out``, and
    the problems the consistency check finds there."""
    from kaltim_internet_plugin.report.consistency import check_outputs

    work = demo_out / "work"
    _run("exportplan", {"VILLAGES": str(work / "roadmap_villages.gpkg"),
                        "ROADMAP_TABLE": str(work / "roadmap_year_source.gpkg"),
                        "PLANNED_SITES": str(work / "planned_sites.gpkg"), "OUTPUT_FOLDER": str(out)})
    return check_outputs(str(out))[1]


def _run(alg, params):
    import processing
    from qgis.core import QgsProcessingFeedback

    return processing.run(f"kaltiminternet:{alg}", params, feedback=QgsProcessingFeedback())


def test_second_village_set_with_its_own_budget_capacity_and_lead(provider, tmp_path):
    """Kutai Barat and Mahakam Ulu (the lagging kab), 20 bn, a per-kab capacity table and 18 months' lead."""
    from kaltim_internet_plugin.report.consistency import check_outputs

    subset = "\"kode_kab\" IN ('64.07', '64.11')"
    villages = f"{GPKG}|layername=villages|subset={subset}"
    offices = f"{GPKG}|layername=offices|subset={subset}"
    work = tmp_path / "work"
    work.mkdir()
    capacity = tmp_path / "capacity.csv"
    capacity.write_text("year;tech;kab_code;max_installations\nall;fwa;64.07;40\nall;fwa;64.11;15\n"
                        "all;satellite;;30\nall;bts;;3\n", encoding="utf-8")
    villages = _run("repairvillages", {"INPUT": villages, "OUTPUT": str(work / "repaired.gpkg")})["OUTPUT"]
    sites = _run("importsites", {"INPUT": f"{GPKG}|layername=towers", "FORMAT": 0,
                                 "OUTPUT": str(work / "sites.gpkg")})["OUTPUT"]
    cov = _run("coverage", {"SITES": sites, "DEM": DEM, "MAX_RADIUS_M": 20000, "EXTRA_LOSS_DB": 10,
                            "OUTPUT": str(work / "cov.tif")})["OUTPUT"]
    cls = _run("classifyvillages", {"VILLAGES": villages, "COVERAGE": cov, "OFFICES": offices,
                                    "OUTPUT": str(work / "cls.gpkg")})
    pri = _run("prioritize", {"VILLAGES": cls["OUTPUT"], "PRESET": 1, "OUTPUT": str(work / "pri.gpkg")})
    cand = _run("candidates", {"VILLAGES": pri["OUTPUT"], "DEM": DEM, "SITES": sites,
                               "OUTPUT": str(work / "cand.gpkg")})
    opt = _run("optimizesites", {"VILLAGES": pri["OUTPUT"], "POPULATION_FIELD": "population",
                                 "CANDIDATES": cand["OUTPUT"], "BUDGET_IDR": 20e9, "DEM": DEM, "COVERAGE": cov,
                                 "OFFICES": offices, "METHOD": 1, "OUTPUT_SITES": str(work / "new.gpkg"),
                                 "OUTPUT_VILLAGES": str(work / "assign.gpkg")})
    tech = _run("choosetech", {"VILLAGES": opt["OUTPUT_VILLAGES"], "SITES": sites, "COVERAGE": cov,
                               "NEW_SITES": opt["OUTPUT_SITES"], "OUTPUT": str(work / "tech.gpkg")})
    road = _run("roadmap", {"PLAN": tech["OUTPUT"], "START_YEAR": 2027, "YEARS": 4, "CAPACITY": str(capacity),
                            "LEAD_TIME_MONTHS": 18, "OUTPUT": str(work / "road.gpkg"),
                            "OUTPUT_TABLE": str(work / "table.gpkg")})
    out = tmp_path / "out"
    _run("exportplan", {"VILLAGES": road["OUTPUT"], "SITES": sites, "PLANNED_SITES": opt["OUTPUT_SITES"],
                        "ROADMAP_TABLE": road["OUTPUT_TABLE"], "OUTPUT_FOLDER": str(out)})
    summary, problems = check_outputs(str(out), chosen_capex_idr=tech["CAPEX_TOTAL"])
    assert problems == [], [str(p) for p in problems]
    assert summary.total.villages == opt["VILLAGES_EXISTING"] + sum(
        1 for v in rows(out / "plan.gpkg", "villages") if v["covered_by"] != "existing")
    assert opt["SITES_SELECTED"] == summary.new_sites or summary.total.unfunded + summary.total.over_capacity
    plan = rows(out / "plan.gpkg", "villages")
    per = defaultdict(int)
    for v in plan:
        if v["fund_status"] == "scheduled" and v["tech"] == "fwa":
            per[(v["year"], v["kode_kab"])] += 1
        if v["fund_status"] == "scheduled" and v["tech"] == "bts":
            assert v["year"] == v["build_year"] + 2  # 18 months -> two roadmap years
    assert all(n <= {"64.07": 40, "64.11": 15}[k] for (_, k), n in per.items())
    delayed = [v for v in plan if v["delay_reason"]]
    assert delayed and all("kapasitas" in v["delay_reason"] or "capacity" in v["delay_reason"] for v in delayed)
    # the printed pages say what the plan scheduled: the year map's note the 18 months' lead (two roadmap years, not
    # the default 12 months), each atlas page its villages over capacity (check_outputs: planned = scheduled +
    # unfunded + over capacity on every page, as the workbook)
    from kaltim_internet_plugin.report.consistency import pdf_text

    report = " ".join(pdf_text(str(out / "roadmap_report.pdf")).split())
    assert summary.bts_lead_years == [2]
    assert "BTS baru: mulai layanan 2 tahun setelah tahun pembangunan" in report and "12 bulan" not in report
    assert summary.total.over_capacity > 0
    # and the roadmap says so itself: its output and (a warning) its log; the log said nothing (found 7 December)
    assert road["VILLAGES_OVER_CAPACITY"] == summary.total.over_capacity
    atlas = " ".join(pdf_text(str(out / "atlas_kabkota.pdf")).split())
    for t in summary.per_kab.values():
        if t.over_capacity:
            assert f" · melebihi kapasitas: {t.over_capacity}" in atlas


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))


class _Log:
    def __init__(self):
        from qgis.core import QgsProcessingFeedback

        self.feedback = QgsProcessingFeedback()
        self.lines = []
        self.feedback.pushInfo = self.lines.append
        self.feedback.pushWarning = self.lines.append


def test_settings_from_the_raster_and_explicit_overrides_are_logged(provider, tmp_path):
    import processing

    from kaltim_internet_plugin.core.coverage_settings import CoverageSettings

    subset = "\"kode_kab\" = '64.74'"  # Kota Bontang: small and quick
    cov = processing.run("kaltiminternet:coverage", {
        "SITES": f"{GPKG}|layername=towers", "DEM": DEM, "MAX_RADIUS_M": 8000, "THRESHOLD_DBM": -100,
        "EXTRA_LOSS_DB": 7, "OUTPUT": str(tmp_path / "cov.tif")})["OUTPUT"]
    assert CoverageSettings.read_raster(cov).threshold_dbm == -100
    village_params = {"VILLAGES": f"{GPKG}|layername=villages|subset={subset}", "COVERAGE": cov,
                      "OUTPUT": "TEMPORARY_OUTPUT"}
    log = _Log()
    processing.run("kaltiminternet:classifyvillages", village_params, feedback=log.feedback)
    assert any("from the coverage raster" in line and "threshold -100 dBm" in line for line in log.lines)
    assert not any("overrides" in line for line in log.lines)
    log = _Log()
    processing.run("kaltiminternet:classifyvillages", dict(village_params, THRESHOLD_DBM=-110),
                   feedback=log.feedback)
    assert any("threshold_dbm" in line and "overrides" in line and "-100" in line for line in log.lines)
    # a raster without settings: the defaults, with a warning that says how to fix it
    from osgeo import gdal

    bare = str(tmp_path / "bare.tif")
    gdal.Translate(bare, cov)
    ds = gdal.Open(bare, gdal.GA_Update)
    ds.SetMetadata({})
    ds = None
    log = _Log()
    processing.run("kaltiminternet:classifyvillages", dict(village_params, COVERAGE=bare), feedback=log.feedback)
    assert any("carries no coverage settings" in line for line in log.lines)


def test_a_dem_as_coverage_and_a_coverage_raster_as_dem_are_refused(provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    subset = "\"kode_kab\" = '64.74'"
    villages = f"{GPKG}|layername=villages|subset={subset}"
    with pytest.raises(QgsProcessingException) as exc:
        processing.run("kaltiminternet:classifyvillages", {"VILLAGES": villages, "COVERAGE": DEM,
                                                           "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "looks like a DEM" in str(exc.value) and "Compute coverage" in str(exc.value)
    cov = processing.run("kaltiminternet:coverage", {
        "SITES": f"{GPKG}|layername=towers", "DEM": DEM, "MAX_RADIUS_M": 5000,
        "OUTPUT": str(tmp_path / "cov.tif")})["OUTPUT"]
    with pytest.raises(QgsProcessingException) as exc:
        processing.run("kaltiminternet:coverage", {"SITES": f"{GPKG}|layername=towers", "DEM": cov,
                                                   "OUTPUT": str(tmp_path / "again.tif")})
    assert "is a coverage raster" in str(exc.value) and "DEM" in str(exc.value)
    assert not (tmp_path / "again.tif").exists()
    # without the plugin's metadata the values still tell: a dBm raster is mostly far below zero
    from osgeo import gdal

    bare = str(tmp_path / "bare.tif")
    gdal.Translate(bare, cov)
    ds = gdal.Open(bare, gdal.GA_Update)
    ds.SetMetadata({})
    ds = None
    with pytest.raises(QgsProcessingException) as exc:
        processing.run("kaltiminternet:coverage", {"SITES": f"{GPKG}|layername=towers", "DEM": bare,
                                                   "OUTPUT": str(tmp_path / "again.tif")})
    assert "values" in str(exc.value)
    # every tool that takes a DEM refuses the coverage raster and a DEM of nodata only (only 'coverage' did: the
    # others took dBm for heights, or found no hilltop without a word; found 2026-12-06)
    import numpy as np

    from tests.rasters import write_geotiff

    ds = gdal.Open(DEM)
    holes = write_geotiff(tmp_path / "holes.tif", np.full((ds.RasterYSize, ds.RasterXSize), -9999.0),
                          ds.GetGeoTransform())
    ds = None
    offices = f"{GPKG}|layername=offices|subset={subset}"
    for raster, words in ((cov, "is a coverage raster"), (holes, "holds only nodata cells")):
        for alg, params in (
                ("checkvillages", {"INPUT": villages}),
                ("candidates", {"VILLAGES": villages, "OUTPUT": str(tmp_path / "cand.gpkg")}),
                ("choosetech", {"VILLAGES": villages, "OUTPUT": str(tmp_path / "tech.gpkg")}),
                ("optimizesites", {"VILLAGES": villages, "CANDIDATES": offices, "BUDGET_IDR": 26e9,
                                   "OUTPUT_SITES": str(tmp_path / "s.gpkg"),
                                   "OUTPUT_VILLAGES": str(tmp_path / "v.gpkg")})):
            with pytest.raises(QgsProcessingException) as exc:
                processing.run(f"kaltiminternet:{alg}", dict(params, DEM=raster))
            assert words in str(exc.value), (alg, str(exc.value))
        assert not [p for p in tmp_path.iterdir() if p.suffix == ".gpkg"]


def test_a_re_export_without_a_table_leaves_no_table_of_the_previous_export(demo_out, provider, tmp_path):
    """A second export into the same folder, of a two-kab plan given no roadmap table, planned sites or towers:
    plan.gpkg kept the first export's roadmap_year_source, planned_sites and sites beside the new villages (they are
    written 'create or overwrite layer', and the file keeps other tools' tables), so plan.qgz drew the first plan's
    planned sites on the new maps and the consistency check read the first plan's money as this one's (found
    8 December). The export's own tables that it does not write now are removed; another tool's table is kept."""
    import sqlite3

    from kaltim_internet_plugin.report.consistency import check_outputs

    out = tmp_path / "out"
    assert _export_the_demo_checked(demo_out, out) == []
    con = sqlite3.connect(str(out / "plan.gpkg"))
    con.execute("CREATE TABLE field_notes (id INTEGER PRIMARY KEY, note TEXT)")  # another tool's table: kept
    con.execute("INSERT INTO field_notes (note) VALUES ('survei Juni')")
    con.commit()
    con.close()
    assert {"roadmap_year_source", "planned_sites"} <= _tables(out / "plan.gpkg")
    subset = "\"kode_kab\" IN ('64.01', '64.07')"
    road = _run("roadmap", {"PLAN": f"{demo_out / 'work' / 'plan_tech.gpkg'}|subset={subset}", "START_YEAR": 2026,
                            "YEARS": 5, "OUTPUT": str(tmp_path / "road.gpkg"),
                            "OUTPUT_TABLE": str(tmp_path / "table.gpkg")})
    _, log = run_alg("kaltiminternet:exportplan", {"VILLAGES": road["OUTPUT"], "OUTPUT_FOLDER": str(out)})
    tables = _tables(out / "plan.gpkg")
    assert not tables & {"roadmap_year_source", "planned_sites", "sites"}, tables
    assert {"villages", "kabkota", "field_notes"} <= tables
    assert "planned_sites" in log and "roadmap_year_source" in log, log
    con = sqlite3.connect(str(out / "plan.gpkg"))
    try:
        styled = {r[0] for r in con.execute("SELECT f_table_name FROM layer_styles")}
        contents = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
    finally:
        con.close()
    assert not (styled | contents) & {"roadmap_year_source", "planned_sites", "sites"}, (styled, contents)
    summary, problems = check_outputs(str(out))
    assert problems == [], [str(p) for p in problems]
    assert summary.total.villages == len(rows(out / "plan.gpkg", "villages")) < 1038
    assert summary.total.scheduled == road["VILLAGES_SCHEDULED"]  # this plan's, not the demo's (236)
    project = (out / "plan.qgz").read_bytes()
    import io
    import zipfile

    qgs = zipfile.ZipFile(io.BytesIO(project)).read(
        next(n for n in zipfile.ZipFile(io.BytesIO(project)).namelist() if n.endswith(".qgs"))).decode("utf-8")
    assert "layername=planned_sites" not in qgs and "layername=roadmap_year_source" not in qgs


def _tables(gpkg) -> set:
    import sqlite3

    con = sqlite3.connect(str(gpkg))
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def test_a_payer_paying_in_one_year_is_read_from_the_printed_table(demo_out):
    """A payer that pays in one year only prints that year ('2026', not '2026–2026' since 8 December): the check
    still finds its row of the printed per-source table, its money and its cap."""
    from kaltim_internet_plugin.report.consistency import (
        _source_rows,
        _xlsx_sheet,
        pdf_text,
        printed_caps,
        printed_money_agrees,
    )

    text = pdf_text(str(demo_out / "roadmap_report.pdf")) or ""
    ranged = [line for line in text.splitlines() if line.rstrip().endswith("2026–2027")]
    assert len(ranged) == 1, ranged  # APBD Provinsi (infrastruktur) pays in 2026 and 2027
    one_year = text.replace(ranged[0], ranged[0].rstrip()[:-len("–2027")])
    assert len(_source_rows(one_year.splitlines())) == len(_source_rows(text.splitlines())) == 6
    assert printed_caps(one_year) == printed_caps(text)
    per_year = _xlsx_sheet(str(demo_out / "roadmap.xlsx"), "Per tahun")
    per_source = _xlsx_sheet(str(demo_out / "roadmap.xlsx"), "Per sumber dana")
    assert printed_money_agrees(one_year, per_year, per_source) == []
