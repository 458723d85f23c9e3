#!/usr/bin/env python3
"""`make demo`: the main job, headless, on the bundled Kalimantan Timur sample, from villages to roadmap.

Chain (each step is a Processing algorithm of the plugin, exactly as in the toolbox or qgis_process):
 1 checkvillages (+ repairvillages)  2 importsites  3 coverage  4 classifyvillages  5 prioritize  6 candidates +
 optimizesites + choosetech  7 roadmap  8 exportplan. Everything lands in --out (default out/); intermediate layers in
 out/work/. Ends with a summary: blank spots, villages planned per year, total cost.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from qgis_headless import run, start_qgis  # noqa: E402

T0 = time.time()
STEPS = 8


def step(n: int, text: str) -> None:
    print(f"[{time.time() - T0:6.1f}s] {n}/{STEPS} {text}", flush=True)


def rupiah(value: float) -> str:
    return f"Rp {value / 1e9:,.1f} bn"


def write_validated_villages(out: Path, sample) -> None:
    """out/villages.gpkg: the validated village data (villages, offices, kecamatan, kab/kota)."""
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter, QgsVectorLayer

    gpkg = out / "villages.gpkg"
    if gpkg.exists():
        gpkg.unlink()
    for i, name in enumerate(("villages", "offices", "kecamatan", "kabkota")):
        layer = QgsVectorLayer(sample.layer_uri(name), name, "ogr")
        opts = QgsVectorFileWriter.SaveVectorOptions()
        opts.driverName = "GPKG"
        opts.layerName = name
        opts.actionOnExistingFile = (QgsVectorFileWriter.CreateOrOverwriteFile if i == 0
                                     else QgsVectorFileWriter.CreateOrOverwriteLayer)
        err = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(gpkg), QgsCoordinateTransformContext(), opts)
        if err[0] != QgsVectorFileWriter.NoError:
            raise SystemExit(f"demo: cannot write {name}: {err}")


def table_rows(uri: str) -> list:
    from qgis.core import QgsVectorLayer

    lyr = QgsVectorLayer(uri, "t", "ogr")
    names = lyr.fields().names()
    return [dict(zip(names, f.attributes())) for f in lyr.getFeatures()]


def scenario_files(out: Path, args) -> dict:
    """Scenario A (the defaults) and B (APBD Provinsi infrastructure and every installation capacity halved),
    saved as scenario files in out/scenarios/, with B's funding and capacity tables for the roadmap."""
    from dataclasses import replace

    from kaltim_internet_plugin.core.capacity import CapacityTable
    from kaltim_internet_plugin.core.funding import write_sources_csv
    from kaltim_internet_plugin.core.scenario import Scenario

    folder = out / "scenarios"
    folder.mkdir(parents=True, exist_ok=True)
    a = Scenario("A: default funding", budget_idr=args.budget_bn * 1e9,
                 note="The default funding table and capacities (sources in the user guide).")
    sources = [replace(s, yearly_cap_idr=s.yearly_cap_idr / 2) if s.name == "apbd_prov" else s for s in a.sources]
    capacity = [replace(r, max_installations=None if r.max_installations is None else r.max_installations // 2)
                for r in a.capacity]
    b = Scenario("B: tight province", budget_idr=args.budget_bn * 1e9, sources=sources, capacity=capacity,
                 note="APBD Provinsi infrastructure budget and every installation capacity halved.")
    for name, sc in (("A", a), ("B", b)):
        (folder / f"scenario_{name}.json").write_text(sc.to_json(), encoding="utf-8")
    write_sources_csv(str(folder / "funding_B.csv"), b.sources)
    (folder / "capacity_B.csv").write_text(CapacityTable(b.capacity).to_csv(), encoding="utf-8")
    return {"funding_b": str(folder / "funding_B.csv"), "capacity_b": str(folder / "capacity_B.csv")}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="out")
    parser.add_argument("--budget-bn", type=float, default=156.0, help="BTS site-selection budget, Rp bn")
    parser.add_argument("--foliage-db", type=float, default=None,
                        help="clutter / foliage margin for the coverage step (tropical forest: 10-20 dB; default: "
                             "core.coverage_settings.DEFAULTS, the dock's default, 15 dB)")
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    if out.exists():
        shutil.rmtree(out)
    work = out / "work"
    work.mkdir(parents=True)
    start_qgis()
    from kaltim_internet_plugin.core.coverage_settings import DEFAULTS  # the dock's defaults: one constant
    from kaltim_internet_plugin.processing.model_plan import CURVE_BUDGETS_IDR  # the full-plan model's too

    if args.foliage_db is None:
        args.foliage_db = DEFAULTS.clutter_margin_db
    from qgis.core import QgsProject

    from kaltim_internet_plugin.io import sample

    villages_uri, offices_uri = sample.layer_uri("villages"), sample.layer_uri("offices")
    dem = sample.dem_path()

    step(1, "checkvillages: validating the 1,038 sample villages")
    check = run("kaltiminternet:checkvillages", {"INPUT": villages_uri, "DEM": dem,
                                                 "OUTPUT_REPORT": str(out / "validation.html")})
    write_validated_villages(out, sample)
    repaired = run("kaltiminternet:repairvillages", {"INPUT": villages_uri,
                                                     "OUTPUT": str(work / "villages_repaired.gpkg")})
    print(f"          repaired {repaired['REPAIRED_COUNT']} invalid village geometries into a new layer "
          "(the sample stays as it is)", flush=True)
    villages_uri = repaired["OUTPUT"]

    step(2, "importsites: normalising the (SYNTHETIC) existing towers")
    sites = run("kaltiminternet:importsites", {"INPUT": sample.layer_uri("towers"), "FORMAT": 0,
                                               "OUTPUT": str(work / "sites.gpkg")})
    sites_path = sites["OUTPUT"]

    step(3, f"coverage: ITU-R P.526 4G RSRP of every site over the (SYNTHETIC) terrain, clutter from the "
            f"(SYNTHETIC) land cover (ITU-R P.452 §4.5; {args.foliage_db:g} dB margin where it has no class)")
    cov = run("kaltiminternet:coverage", {"SITES": sites_path, "DEM": dem, "MODEL": 1,
                                          "THRESHOLD_DBM": -110, "MAX_RADIUS_M": 30000,
                                          "EXTRA_LOSS_DB": args.foliage_db, "QUANTITY": 1,
                                          "LAND_COVER": sample.landcover_path(),
                                          "OUTPUT": str(out / "coverage_dbm.tif"),
                                          "OUTPUT_SERVER": str(work / "serving_site.tif")})

    step(4, "classifyvillages: covered / partial / blank spot per village")
    cls = run("kaltiminternet:classifyvillages", {"VILLAGES": villages_uri, "COVERAGE": cov["OUTPUT"],
                                                  "OFFICES": offices_uri,
                                                  "OUTPUT": str(work / "classified.gpkg")})

    # the same villages under the uncorrected Bullington model, to show what the complete method changes
    cov_b = run("kaltiminternet:coverage", {"SITES": sites_path, "DEM": dem, "MODEL": 3, "MAX_RADIUS_M": 30000,
                                            "EXTRA_LOSS_DB": args.foliage_db, "QUANTITY": 1,
                                            "LAND_COVER": sample.landcover_path(),
                                            "OUTPUT": str(work / "coverage_bullington_only.tif")})
    cls_b = run("kaltiminternet:classifyvillages", {"VILLAGES": villages_uri, "COVERAGE": cov_b["OUTPUT"],
                                                    "OFFICES": offices_uri, "OUTPUT": "TEMPORARY_OUTPUT"})
    model_change = (f"Blank spots with the complete ITU-R P.526 method: {cls['BLANK_SPOT']} (covered "
                    f"{cls['COVERED']}, partial {cls['PARTIAL']}); with Bullington only (uncorrected): "
                    f"{cls_b['BLANK_SPOT']} (covered {cls_b['COVERED']}, partial {cls_b['PARTIAL']}): "
                    f"{cls['BLANK_SPOT'] - cls_b['BLANK_SPOT']:+d} blank spots")
    print("          " + model_change, flush=True)
    # the same villages with the flat foliage margin everywhere instead of the land-cover clutter
    cov_f = run("kaltiminternet:coverage", {"SITES": sites_path, "DEM": dem, "MODEL": 1, "MAX_RADIUS_M": 30000,
                                            "EXTRA_LOSS_DB": args.foliage_db, "QUANTITY": 1,
                                            "OUTPUT": str(work / "coverage_flat_margin.tif")})
    cls_f = run("kaltiminternet:classifyvillages", {"VILLAGES": villages_uri, "COVERAGE": cov_f["OUTPUT"],
                                                    "OFFICES": offices_uri,
                                                    "OUTPUT": str(work / "classified_flat.gpkg")})
    status_lc = {r["kode"]: r["status"] for r in table_rows(cls["OUTPUT"])}
    status_flat = {r["kode"]: r["status"] for r in table_rows(cls_f["OUTPUT"])}
    changed = sum(1 for k, v in status_lc.items() if status_flat.get(k) != v)
    into = sum(1 for k, v in status_lc.items() if v == "blank_spot" and status_flat.get(k) != "blank_spot")
    out_of = sum(1 for k, v in status_lc.items() if v != "blank_spot" and status_flat.get(k) == "blank_spot")
    print(f"          Land-cover clutter (SYNTHETIC land cover) vs a flat {args.foliage_db:g} dB margin: {changed} "
          f"villages change status; blank spots {cls['BLANK_SPOT']} vs {cls_f['BLANK_SPOT']} ({into} become, "
          f"{out_of} stop being blank spots)", flush=True)

    step(4, "importprogramme: the programme's connected villages (ILLUSTRATIVE status table)")
    prog = run("kaltiminternet:importprogramme", {"VILLAGES": cls["OUTPUT"], "TABLE": sample.programme_status_path(),
                                                  "AS_OF": "2026-01-31", "OUTPUT": str(work / "programme.gpkg"),
                                                  "OUTPUT_REPORT": str(out / "programme_status_report.csv")})
    print(f"          {prog['CONNECTED']} of {prog['MATCHED']} listed desa connected, {prog['SATELLITE']} on "
          f"satellite, {prog['RENEWALS_DUE']} contracts to renew, {prog['UNMATCHED']} rows unmatched", flush=True)

    step(5, "prioritize: equity-first preset (Pemerataan)")
    pri = run("kaltiminternet:prioritize", {"VILLAGES": prog["OUTPUT"], "PRESET": 0,
                                            "OUTPUT": str(work / "prioritized.gpkg")})

    step(6, "candidates + optimizesites + choosetech: new BTS under a budget, technology per village")
    cand = run("kaltiminternet:candidates", {"VILLAGES": pri["OUTPUT"], "DEM": dem, "SITES": sites_path,
                                             "OUTPUT": str(work / "candidates.gpkg")})
    opt = run("kaltiminternet:optimizesites", {
        "VILLAGES": pri["OUTPUT"], "POPULATION_FIELD": "population", "WEIGHT_FIELD": "priority_score",
        "CANDIDATES": cand["OUTPUT"], "BUDGET_IDR": args.budget_bn * 1e9, "DEM": dem, "COVERAGE": cov["OUTPUT"],
        "OFFICES": offices_uri, "METHOD": 0, "TIME_LIMIT_S": 60,
        "CURVE_BUDGETS_IDR": CURVE_BUDGETS_IDR,
        "OUTPUT_CURVE": str(work / "budget_curve.gpkg"),
        "OUTPUT_SITES": str(work / "planned_sites.gpkg"), "OUTPUT_VILLAGES": str(work / "site_assignment.gpkg")})
    tech = run("kaltiminternet:choosetech", {"VILLAGES": opt["OUTPUT_VILLAGES"], "SITES": sites_path, "DEM": dem,
                                             "COVERAGE": cov["OUTPUT"], "NEW_SITES": opt["OUTPUT_SITES"],
                                             "FIBRE_NODES": sample.fibre_pops_uri(),
                                             "OUTPUT": str(work / "plan_tech.gpkg")})

    step(7, "roadmap: funded multi-year schedule, training plan, operator packages")
    road = run("kaltiminternet:roadmap", {
        "PLAN": tech["OUTPUT"], "START_YEAR": 2026, "YEARS": 5, "TOWERS": sites_path,
        "PLANNED_SITES": opt["OUTPUT_SITES"],
        "OUTPUT": str(work / "roadmap_villages.gpkg"), "OUTPUT_TABLE": str(work / "roadmap_year_source.gpkg"),
        "OUTPUT_TRAINING": str(work / "training_plan.gpkg"), "OUTPUT_OPERATORS": str(work / "operators.gpkg"),
        "OUTPUT_SHARING": str(work / "tower_sharing.gpkg"), "OUTPUT_MIGRATIONS": str(work / "migrations.gpkg")})

    # scenario B: the same plan under a tighter province (infrastructure budget and crews halved) -------------
    scenarios = scenario_files(out, args)
    road_b = run("kaltiminternet:roadmap", {
        "PLAN": tech["OUTPUT"], "START_YEAR": 2026, "YEARS": 5, "FUNDING": scenarios["funding_b"],
        "CAPACITY": scenarios["capacity_b"], "OUTPUT": str(work / "roadmap_b_villages.gpkg"),
        "OUTPUT_TABLE": str(work / "roadmap_b_year_source.gpkg")})
    cmp = run("kaltiminternet:comparescenarios", {
        "PLAN_A": road["OUTPUT"], "TABLE_A": road["OUTPUT_TABLE"], "PLAN_B": road_b["OUTPUT"],
        "TABLE_B": road_b["OUTPUT_TABLE"], "NAME_A": "A: default funding", "NAME_B": "B: tight province",
        "OUTPUT": str(out / "scenario_comparison.csv")})

    step(8, "exportplan: plan.gpkg, plan.qgz, roadmap.xlsx + CSV, atlas and report PDFs")
    exp = run("kaltiminternet:exportplan", {
        "VILLAGES": road["OUTPUT"], "SITES": sites_path, "PLANNED_SITES": opt["OUTPUT_SITES"],
        "KABKOTA": sample.layer_uri("kabkota"), "ROADMAP_TABLE": road["OUTPUT_TABLE"],
        "TRAINING_TABLE": road["OUTPUT_TRAINING"], "OPERATORS_TABLE": road["OUTPUT_OPERATORS"],
        "SHARING_TABLE": road["OUTPUT_SHARING"], "BUDGET_CURVE": opt["OUTPUT_CURVE"],
        # the inputs' provenance for the printed sources line (their flags and resources/sample/provenance.json)
        "DATA_INPUTS": [str(Path(sample.gpkg_path()).with_name("kaltim_kabkota_penduduk_luas.csv")),
                        sample.programme_status_path(), sample.dem_path(), sample.landcover_path(),
                        sample.fibre_pops_uri().split("|")[0]],
        "OUTPUT_FOLDER": str(out)})

    # summary: the one plan summary, read back from what was exported, and the consistency check --------------
    from kaltim_internet_plugin.report.consistency import check_outputs

    summary, problems = check_outputs(str(out), chosen_capex_idr=tech["CAPEX_TOTAL"])
    t = summary.total
    lines = [
        "Internet Desa Kaltim — deployment plan for the bundled sample",
        "(real boundaries; village population ESTIMATED; DEM and towers SYNTHETIC)", "",
        f"Validation: {check['ERROR_COUNT']} error(s), {check['WARNING_COUNT']} warning(s) in "
        f"{check['FEATURE_COUNT']} villages",
        f"Sites: {sites['SITES_IMPORTED']} imported; coverage computed for {cov['SITES_COMPUTED']} sites",
        f"Villages: {t.villages} ({t.desa} desa, {t.kelurahan} kelurahan): {t.covered} covered, {t.partial} partial, "
        f"{t.blank_spot} blank spots",
        f"Planned: {t.planned} villages ({t.planned_desa} desa, {t.planned_kelurahan} kelurahan): {t.new_coverage} "
        f"get new coverage (new BTS or co-location), {t.office_connection} an office connection",
        model_change,
        "Technology: " + ", ".join(f"{k[6:].lower()} {v}" for k, v in sorted(tech.items())
                                   if k.startswith("COUNT_") and v),
        f"New BTS under a {rupiah(args.budget_bn * 1e9)} budget: {opt['SITES_SELECTED']} sites, "
        f"{opt['POPULATION_COVERED']:,.0f} people newly covered (by the optimiser's covered test), cost "
        f"{rupiah(opt['COST_TOTAL'])}, gap {opt['GAP']}",
        "", "Each year of the roadmap: villages whose service starts"
            + (f" ({summary.bts_lead_text('en')})" if summary.bts_lead_years else "")
            + ", the money booked (OPEX includes the migrated villages' fibre OPEX):"]
    for y in range(summary.start_year, summary.end_year + 1):
        mig = summary.migration_capex_per_year.get(y, 0)
        lines.append(f"  {y}: {summary.villages_per_year.get(y, 0):5d} villages, "
                     f"{summary.people_per_year.get(y, 0):>10,d} people, CAPEX paid "
                     f"{rupiah(summary.capex_per_year.get(y, 0))} + migration {rupiah(mig)}, OPEX "
                     f"{rupiah(summary.opex_per_year.get(y, 0))} (migration "
                     f"{rupiah(summary.migration_opex_per_year.get(y, 0))})")
    lines += [
        f"  not scheduled: {t.unfunded} unfunded, {t.over_capacity} over installation capacity",
        f"Connected today by the programme: {t.connected_today} villages, of which service continues "
        f"{t.continuing} ({t.people_already_connected:,} people, OPEX {rupiah(t.continuing_opex_idr_year)} a year), "
        f"service not funded {t.service_unfunded} ({t.people_service_unfunded:,} people, OPEX "
        f"{rupiah(t.service_unfunded_opex_idr_year)} a year)",
        f"Villages the roadmap cannot fund: {t.villages_unfunded} (planned {t.unfunded}, connected today "
        f"{t.service_unfunded}); roadmap VILLAGES_UNFUNDED {road['VILLAGES_UNFUNDED']}",
        f"Satellite -> fibre migrations: {t.migrations}, CAPEX {rupiah(t.migration_capex_idr)}, OPEX "
        f"{'saved' if t.migration_saving_idr_year >= 0 else 'added'} {rupiah(abs(t.migration_saving_idr_year))} a year",
        "", f"CAPEX {rupiah(t.capex_scheduled_idr)} (Rp {t.capex_scheduled_idr:,}) + migration "
            f"{rupiah(summary.migration_capex_total_idr)} = Rp {summary.capex_total_idr:,} (roadmap CAPEX_TOTAL "
            f"Rp {round(road['CAPEX_TOTAL']):,}); OPEX within {summary.start_year}–{summary.end_year} "
            f"{rupiah(summary.opex_total_idr)} (Rp {summary.opex_total_idr:,}, roadmap OPEX_TOTAL "
            f"Rp {round(road['OPEX_TOTAL']):,}); OPEX still running after {summary.end_year}: "
            f"{rupiah(summary.opex_after_horizon_idr_year)} a year (Rp {summary.opex_after_horizon_idr_year:,})",
        f"OPEX funded for {summary.opex_years} years from connection"
        + (f" (fewer than the {summary.horizon_years}-year horizon)" if summary.opex_years_short else ""),
        f"People newly covered: {t.people_newly_covered:,}; people in connected villages: {t.people_connected:,}",
        f"Per payer, {summary.start_year}–{summary.end_year} (CAPEX + OPEX, migration included; years it pays):"]
    from kaltim_internet_plugin.report.tables import by_source

    for r in by_source(table_rows(f"{out / 'plan.gpkg'}|layername=roadmap_year_source"), []).as_dicts():
        if r["total_idr"]:
            lines.append(f"  {r['label'] or r['source']:<28} Rp {r['total_idr']:>16,} (migration "
                         f"Rp {r['migration_capex_idr'] + r['migration_opex_idr']:,}), {r['first_year']}–"
                         f"{r['last_year']}")
    lines += [
        "OPEX after year 1 from recurring sources: "
        + " / ".join("n/a" if road[k] is None else format(road[k], ".0%")
                     for k in ("SUSTAINABILITY", "SUSTAINABILITY_NO_OPERATOR")) + " (with / without operators' money)",
        f"Training: {road.get('TRAINEES', 0)} trainees, {rupiah(road.get('TRAINING_COST', 0) or 0)}",
        f"Atlas: {exp.get('PAGES')} kab/kota pages -> {Path(exp['DEPLOYMENT_PDF']).name}",
        "", "Budget curve (people newly covered by the new BTS, exact optimiser):"]
    curve = sorted(table_rows(str(work / "budget_curve.gpkg")), key=lambda p: p["budget_idr"])
    lines += [f"  {rupiah(p['budget_idr'])}: {p['sites']:3d} sites, {p['people_newly_covered']:>9,.0f} people"
              for p in curve]
    lines.append("  (chart and table: the budget curve page of out/roadmap_report.pdf; out/charts/chart_curve.png)")
    lines += ["", "Scenario comparison (A: default funding, B: tight province -> out/scenario_comparison.csv):"]
    lines += [f"  {r['section']:<22} {r['key']:<28} {float(r['a']):>16,.0f} {float(r['b']):>16,.0f}"
              for r in table_rows(cmp["OUTPUT"]) if r["section"] in ("villages_per_year", "totals")]
    lines += [
        "Consistency check (plan.gpkg, roadmap.xlsx, PDFs, sites selected vs chosen): "
        + ("OK" if not problems else f"{len(problems)} PROBLEM(S)"),
        f"Finished in {time.time() - T0:.0f} s."]
    text = "\n".join(lines) + "\n"
    (out / "summary.txt").write_text(text, encoding="utf-8")
    (out / "summary.json").write_text(json.dumps({
        "validation": {k: check[k] for k in ("VALID", "ERROR_COUNT", "WARNING_COUNT", "FEATURE_COUNT")},
        "plan": summary.to_dict(), "sustainability": road["SUSTAINABILITY"],
        "sustainability_without_operator": road["SUSTAINABILITY_NO_OPERATOR"],
        "consistency_problems": [str(p) for p in problems], "seconds": round(time.time() - T0, 1)}, indent=2),
        encoding="utf-8")
    print("\n" + text)
    print(f"Outputs in {out}: " + ", ".join(sorted(x.name for x in out.iterdir())))
    if problems:
        print("CONSISTENCY CHECK FAILED:\n  " + "\n  ".join(str(p) for p in problems), file=sys.stderr)
        QgsProject.instance().clear()
        return 1
    QgsProject.instance().clear()
    return 0


if __name__ == "__main__":
    sys.exit(main())
