"""A second layer that belongs with the first but does not (found by trying to break the tools, 2026-12-06): a
budget table that is not the roadmap's, village offices in the wrong CRS. Each used to give a wrong result reported
as a success (scenario A's OPEX 0; every village 'partial' because its office had 'no signal'); now each is refused
with what is wrong and the fix, or named in the log when only some offices are off."""
from __future__ import annotations

import numpy as np
import pytest
from osgeo import gdal, ogr

from tests.conftest import SAMPLE, run_alg
from tests.qgis.test_roadmap_alg import build_plan, run_roadmap
from tests.rasters import write_geotiff
from tests.robustness.conftest import digest, fails

GPKG = SAMPLE / "kaltim_sample.gpkg"
BONTANG = "subset=\"kode_kab\" = '64.74'"


@pytest.fixture()
def roadmap(provider, tmp_path):
    res, _, out = run_roadmap(tmp_path, build_plan(tmp_path / "plan.gpkg", n=120))
    return out


def test_comparescenarios_refuses_a_table_that_is_not_the_roadmaps_budget(roadmap, tmp_path):
    plan, table = f"{roadmap}|layername=villages", f"{roadmap}|layername=roadmap_year_source"
    ok, _ = run_alg("kaltiminternet:comparescenarios", {"PLAN_A": plan, "TABLE_A": table, "PLAN_B": plan,
                                                        "TABLE_B": table, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert ok["SCHEDULED_A"] == ok["SCHEDULED_B"] > 0
    before = digest(roadmap)
    for wrong in (f"{roadmap}|layername=training_plan", plan):  # another table of the run, the village layer
        text = fails("comparescenarios", {"PLAN_A": plan, "TABLE_A": wrong, "PLAN_B": plan, "TABLE_B": table,
                                          "OUTPUT": "TEMPORARY_OUTPUT"})
        assert "TABLE_A is not a roadmap's budget table" in text and "OUTPUT_TABLE" in text, text
    # a budget table of another horizon: its years do not hold the villages' service years
    other = tmp_path / "other.gpkg"
    gdal.VectorTranslate(str(other), str(roadmap), layers=["roadmap_year_source"],
                         SQLStatement="SELECT * FROM roadmap_year_source WHERE year = 2030", layerName="t")
    text = fails("comparescenarios", {"PLAN_A": plan, "TABLE_A": str(other), "PLAN_B": plan, "TABLE_B": table,
                                      "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "covers the years 2030–2030" in text and "not from the same roadmap run" in text, text
    assert digest(roadmap) == before


def _coverage(tmp_path) -> str:
    """A dBm raster (EPSG:32750, 250 m) over Bontang, -80 dBm everywhere: every village covered."""
    ds = gdal.VectorTranslate("/vsimem/bontang.gpkg", str(GPKG), dstSRS="EPSG:32750", layerName="v",
                              SQLStatement="SELECT * FROM villages WHERE kode_kab = '64.74'")
    xmin, xmax, ymin, ymax = ds.GetLayer(0).GetExtent()
    ds = None
    gdal.Unlink("/vsimem/bontang.gpkg")
    cell = 250.0
    nx, ny = int((xmax - xmin) / cell) + 5, int((ymax - ymin) / cell) + 5
    return write_geotiff(tmp_path / "cov.tif", np.full((ny, nx), -80.0), (xmin - 2 * cell, cell, 0, ymax + 2 * cell,
                                                                             0, -cell),
                         metadata={"KALTIM_COVERAGE_KIND": "dbm"})


def _offices(tmp_path, name, shift=None, wrong_crs=False) -> str:
    """Bontang's offices (longitude/latitude); ``shift`` {code: (dx, dy) degrees} moves some; ``wrong_crs``
    keeps the coordinates in degrees but declares EPSG:32750 (metres)."""
    out = tmp_path / f"{name}.gpkg"
    opts = dict(SQLStatement="SELECT * FROM offices WHERE kode_kab = '64.74'", layerName="offices")
    if wrong_crs:
        opts.update(dstSRS="EPSG:4326")
    gdal.VectorTranslate(str(out), str(GPKG), **opts)
    ds = ogr.Open(str(out), 1)
    lyr = ds.GetLayer(0)
    if wrong_crs:
        ds = None
        wrong = tmp_path / f"{name}_as_metres.gpkg"
        gdal.VectorTranslate(str(wrong), str(out), options=["-a_srs", "EPSG:32750", "-nln", "offices"])
        return str(wrong)
    for f in lyr:
        if f["kode"] in (shift or {}):
            dx, dy = shift[f["kode"]]
            g = f.GetGeometryRef()
            g.SetPoint_2D(0, g.GetX() + dx, g.GetY() + dy)
            f.SetGeometry(g)
            lyr.SetFeature(f)
    ds = None
    return str(out)


def test_classify_refuses_offices_in_the_wrong_crs_and_names_stray_ones(provider, tmp_path):
    villages = f"{GPKG}|layername=villages|{BONTANG}"
    cov = _coverage(tmp_path)
    good, log = run_alg("kaltiminternet:classifyvillages", {"VILLAGES": villages, "COVERAGE": cov,
                                                            "OFFICES": _offices(tmp_path, "good"),
                                                            "OUTPUT": "TEMPORARY_OUTPUT"})
    assert good["COVERED"] > 0 and good["PARTIAL"] == good["BLANK_SPOT"] == 0
    assert "outside their village" not in log
    wrong = _offices(tmp_path, "wrong", wrong_crs=True)
    before = digest(wrong)
    text = fails("classifyvillages", {"VILLAGES": villages, "COVERAGE": cov, "OFFICES": wrong,
                                      "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "lies at its village" in text and "CRS is probably wrong" in text and "EPSG:32750" in text, text
    assert digest(wrong) == before
    # one office 0.4° (44 km) off, a typing error: the run goes on and names it (feature id and code)
    stray = _offices(tmp_path, "stray", shift={"64.74.01.1001": (0.4, 0.0)})
    res, log = run_alg("kaltiminternet:classifyvillages", {"VILLAGES": villages, "COVERAGE": cov, "OFFICES": stray,
                                                           "OUTPUT": "TEMPORARY_OUTPUT"})
    named = [m for m in log.splitlines() if "outside their village" in m]
    assert len(named) == 1 and "64.74.01.1001" in named[0] and named[0].startswith("1 of "), log


def test_importsites_refuses_a_polygon_layer_of_towers(provider, tmp_path):
    """Was: every feature "no coordinates (lon/lat empty): fill in both columns" for a layer of tower plots."""
    plots = tmp_path / "plots.gpkg"
    gdal.VectorTranslate(str(plots), str(GPKG), options=[
        "-dialect", "SQLite", "-nln", "plots", "-sql",
        "SELECT site_id, operator, tech, height_m, ST_Buffer(geom, 0.001) AS geom FROM towers LIMIT 5"])
    before = digest(plots)
    text = fails("importsites", {"INPUT": str(plots), "OUTPUT": str(tmp_path / "sites.gpkg")})
    assert "holds polygons, not points" in text and "Centroids" in text and "lon/lat empty" not in text, text
    assert digest(plots) == before and not (tmp_path / "sites.gpkg").exists()


def test_prioritize_refuses_capitals_in_the_wrong_crs(provider, tmp_path):
    """Was: capitals 10,000 km away made every village equally remote, silently (mean c_remoteness 12.3 -> 15.2)."""
    villages = f"{GPKG}|layername=villages|{BONTANG}"
    good = _offices(tmp_path, "capitals")  # Bontang's office points stand in for the capitals
    res, log = run_alg("kaltiminternet:prioritize", {"VILLAGES": villages, "CAPITALS": good,
                                                     "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res["OUTPUT"] and "capitals lie" not in log
    wrong = _offices(tmp_path, "capitals_wrong", wrong_crs=True)
    text = fails("prioritize", {"VILLAGES": villages, "CAPITALS": wrong, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "None of the 15 capitals lies within 50 km of the villages" in text and "CRS is probably wrong" in text, text


def test_optimizesites_refuses_candidates_sharing_an_id(provider, tmp_path):
    """Was: 7 candidates all named DUP selected for Rp 18.2 bn, then one Rp 2.6 bn tower booked by choosetech."""
    villages = f"{GPKG}|layername=villages|{BONTANG}"
    cands = tmp_path / "cands.gpkg"
    gdal.VectorTranslate(str(cands), str(GPKG), options=[
        "-nln", "cands", "-sql", "SELECT kode AS cand_id, geom FROM offices WHERE kode_kab = '64.74'"])
    ds = ogr.Open(str(cands), 1)
    lyr = ds.GetLayer(0)
    for f in lyr:
        f["cand_id"] = "DUP" if f.GetFID() in (2, 5, 7) else f["cand_id"]
        lyr.SetFeature(f)
    ds = None
    before = digest(cands)
    params = {"VILLAGES": villages, "CANDIDATES": str(cands), "BUDGET_IDR": 20e9, "RADIUS_M": 5000,
              "OUTPUT_SITES": str(tmp_path / "s.gpkg"), "OUTPUT_VILLAGES": str(tmp_path / "v.gpkg")}
    text = fails("optimizesites", params)
    assert "1 candidate ids are used by more than one candidate (field cand_id; e.g. 'DUP' by features 2, 5, 7)" \
        in text, text
    assert digest(cands) == before and not (tmp_path / "s.gpkg").exists()


def test_optimizesites_refuses_candidates_without_geometry_and_names_the_missing(provider, tmp_path):
    """Was: a plain table of 824 candidates gave 'Selected 0 of 824' as a success; candidates without geometry were
    dropped without a word."""
    villages = f"{GPKG}|layername=villages|{BONTANG}"
    table = tmp_path / "table.csv"
    table.write_text("cand_id,cost_idr\nA,2600000000\nB,2600000000\n", encoding="utf-8")
    params = {"VILLAGES": villages, "BUDGET_IDR": 20e9, "RADIUS_M": 5000, "OUTPUT_SITES": str(tmp_path / "s.gpkg"),
              "OUTPUT_VILLAGES": str(tmp_path / "v.gpkg")}
    text = fails("optimizesites", dict(params, CANDIDATES=str(table)))
    assert "None of the 2 candidates has a point geometry" in text, text
    holes = tmp_path / "holes.gpkg"
    gdal.VectorTranslate(str(holes), str(GPKG), options=[
        "-nln", "cands", "-sql", "SELECT kode AS cand_id, geom FROM offices WHERE kode_kab = '64.74'"])
    ds = ogr.Open(str(holes), 1)
    lyr = ds.GetLayer(0)
    f = lyr.GetFeature(3)
    f.SetGeometryDirectly(None)
    lyr.SetFeature(f)
    ds = None
    res, log = run_alg("kaltiminternet:optimizesites", dict(params, CANDIDATES=str(holes)))
    assert "1 candidates have no geometry and cannot be selected (feature id 3)" in log, log


def test_exportplan_refuses_a_template_without_a_page(provider, tmp_path):
    """Was: "AttributeError: 'QgsLayoutExporter' object has no attribute 'errorMessage'" on QGIS 3.22."""
    import shutil

    from tests.conftest import ROOT
    from tests.qgis.test_exportplan import build_plan

    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "resources" / "layouts", folder)
    (folder / "roadmap_report.qpt").write_text('<Layout name="x"></Layout>', encoding="utf-8")
    small = build_plan(kab_codes={"64.74"})
    text = fails("exportplan", {"VILLAGES": small["villages"], "TEMPLATE_FOLDER": str(folder),
                                "OUTPUT_FOLDER": str(tmp_path / "out")})
    small.clear()
    assert "roadmap_report.qpt" in text and "cannot be used: it has no page" in text, text
    assert not (tmp_path / "out").exists()


def test_exportplan_refuses_villages_that_are_not_a_plan(provider, tmp_path):
    """Was: a complete, all-zero deployment plan (PDFs, workbook) from raw village points, as a success."""
    text = fails("exportplan", {"VILLAGES": f"{GPKG}|layername=villages|{BONTANG}",
                                "OUTPUT_FOLDER": str(tmp_path / "out")})
    assert "is not a roadmap's village output: it has no field tech, fund_status, year, capex_idr" in text, text
    assert not (tmp_path / "out").exists()


def test_createplannedsites_refuses_a_crs_qgis_does_not_know(provider, tmp_path):
    """Was: CRS=EPSG:999999 silently replaced by EPSG:32750."""
    text = fails("createplannedsites", {"PLAN_GPKG": str(tmp_path / "plan.gpkg"), "CRS": "EPSG:999999"})
    assert "CRS = EPSG:999999 is not a coordinate reference system QGIS knows" in text, text
    assert not (tmp_path / "plan.gpkg").exists()
    res, _ = run_alg("kaltiminternet:createplannedsites", {"PLAN_GPKG": str(tmp_path / "plan.gpkg")})
    assert (tmp_path / "plan.gpkg").exists()


@pytest.mark.parametrize("what", ["file", "missing"])
def test_exportplan_names_a_template_folder_that_is_not_a_folder(provider, tmp_path, what):
    folder = tmp_path / "templates.txt"
    if what == "file":
        folder.write_text("not a folder", encoding="utf-8")
    text = fails("exportplan", {"VILLAGES": f"{GPKG}|layername=villages|{BONTANG}", "TEMPLATE_FOLDER": str(folder),
                                "OUTPUT_FOLDER": str(tmp_path / "out")})
    expected = f"TEMPLATE_FOLDER = {folder} is not a folder" if what == "file" else \
        f"the folder {folder} does not exist. Choose an existing folder."
    assert expected in text, text
