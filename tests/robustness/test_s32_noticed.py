"""Defects users noticed (s32): a plan GeoPackage path that holds another kind of file is refused before anything is
written (was GDAL's "Opening of data source in update mode failed"); a table that is not a cost table is refused
once by its header (was "row 1: the field(s) ... are empty"); a coverage raster computed on a DEM in degrees still
tells DEM holes from 'no signal' after its temporary metric DEM is gone (classify reprojects the user's DEM again)."""
from __future__ import annotations

import os
import sqlite3
import tempfile

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsPointXY, QgsRectangle, QgsVectorLayer

from kaltim_internet_plugin.compat import FieldType
from tests.conftest import ROOT, SAMPLE, capture_feedback
from tests.rasters import write_geotiff
from tests.robustness.conftest import digest, fails

OFFICES = f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=offices|subset=\"kode_kab\" = '64.74'"


# --------------------------------------------------------------------------- createplannedsites: not a GeoPackage
def _text_file(path):
    path.write_text("site_id,lon,lat\nA,117.1,0.5\n", encoding="utf-8")
    return "a text file (e.g. CSV), not an SQLite file"


def _sqlite_file(path):
    con = sqlite3.connect(str(path))
    con.execute("CREATE TABLE sites (site_id TEXT)")
    con.commit()
    con.close()
    return "an SQLite database without the GeoPackage tables"


def _empty_file(path):
    path.write_bytes(b"")
    return "an empty file (0 bytes), not an SQLite file"


@pytest.mark.parametrize("make", [_text_file, _sqlite_file, _empty_file], ids=["text", "sqlite", "empty"])
def test_createplannedsites_refuses_a_file_that_is_not_a_geopackage(provider, tmp_path, make):
    plan = tmp_path / "plan.gpkg"
    what = make(plan)
    before = digest(plan)
    text = fails("createplannedsites", {"PLAN_GPKG": str(plan), "LAYER_NAME": "planned_sites"})
    assert f"{plan} exists but is not a GeoPackage: it seems to be {what}." in text, text
    assert "Choose a new .gpkg file name" in text and "an existing GeoPackage" in text
    assert "Opening of data source" not in text and "OGR error" not in text
    assert digest(plan) == before  # not a byte written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.gpkg"]  # no journal or side file left


def test_createplannedsites_still_adds_a_layer_to_an_existing_geopackage(provider, gpkg):
    import processing

    res = processing.run("kaltiminternet:createplannedsites", {"PLAN_GPKG": str(gpkg), "LAYER_NAME": "s32_sites"})
    layer = QgsVectorLayer(res["OUTPUT"], "s32", "ogr")
    assert layer.isValid() and "site_id" in layer.fields().names()
    assert QgsVectorLayer(f"{gpkg}|layername=villages", "v", "ogr").featureCount() > 0  # the file's layers kept


def test_the_refusal_is_said_in_indonesian():
    from kaltim_internet_plugin.i18n import install_translator, remove_translator
    from kaltim_internet_plugin.io.planned_sites import refuse_not_a_geopackage

    path = os.path.join(os.path.dirname(__file__), "conftest.py")  # an existing text file
    install_translator("id")
    try:
        with pytest.raises(RuntimeError) as exc:
            refuse_not_a_geopackage(path)
    finally:
        remove_translator()
    assert str(exc.value).startswith(f"{path} sudah ada tetapi bukan GeoPackage: tampaknya berkas itu berkas teks")


# --------------------------------------------------------------------------- candidates: not a cost table
CLUTTER_CSV = ROOT / "resources" / "clutter_worldcover_p452.csv"


def test_candidates_refuses_a_clutter_table_given_as_cost_table_once_by_its_header(provider):
    text = fails("candidates", {"VILLAGES": OFFICES, "COST_TABLE": str(CLUTTER_CSV), "INCLUDE_HILLTOPS": False,
                                "INCLUDE_COLO": False, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert str(CLUTTER_CSV) in text and "This is not a cost table" in text, text
    assert "has no column(s) key, label_id, label_en, capex_idr, opex_idr_year, unit (" in text, text
    assert "clutter_height_m" in text  # the columns the file does have
    assert "key, label_id, label_en, capex_idr, opex_idr_year, unit, source" in text  # what a cost table holds
    assert "are empty" not in text and "row 1" not in text


def test_a_header_missing_some_columns_names_only_those():
    from kaltim_internet_plugin.core.costs import CostTable, CostTableError

    with pytest.raises(CostTableError) as exc:
        CostTable.from_csv(text="key,label_id,label_en,capex\nbts,BTS,BTS,1\n")
    assert exc.value.code == "cost_missing_columns"
    assert exc.value.params["columns"] == "capex_idr, opex_idr_year, unit"
    assert exc.value.params["found"] == "key, label_id, label_en, capex"


def test_empty_cells_still_name_their_row(tmp_path):
    """A real cost table with an empty amount keeps the row message (cost_missing_fields), with the row as the
    file numbers it (header row 1)."""
    from kaltim_internet_plugin.core.costs import CostTable, CostTableError, default_cost_table
    from kaltim_internet_plugin.errors import describe

    lines = default_cost_table().to_csv().splitlines()
    header = lines[0].split(",")
    second = lines[2].split(",")
    second[header.index("capex_idr")] = ""
    path = tmp_path / "costs.csv"
    path.write_text("\n".join([lines[0], lines[1], ",".join(second)]) + "\n", encoding="utf-8")
    with pytest.raises(CostTableError) as exc:
        CostTable.from_csv(str(path))
    assert exc.value.code == "cost_missing_fields"
    assert describe(exc.value) == "Cost table, row 3: the field(s) capex_idr are empty. Fill them in."


# --------------------------------------------------------------------------- classify after the metric DEM is gone
LON0, LAT0, DEG, SIZE = 117.0, -0.5, 0.0009, 150  # ~100 m cells, 15 km x 15 km, UTM zone 50 S


def lonlat(col, row):
    return LON0 + (col + 0.5) * DEG, LAT0 - (row + 0.5) * DEG


def memory_layer(kind, rows):
    lyr = QgsVectorLayer(f"{kind}?crs=EPSG:4326", kind, "memory")
    lyr.dataProvider().addAttributes([QgsField("kode", FieldType.String), QgsField("site_id", FieldType.String),
                                      QgsField("height_m", FieldType.Double)])
    lyr.updateFields()
    feats = []
    for geom, kode, site in rows:
        f = QgsFeature(lyr.fields())
        f.setGeometry(geom)
        f.setAttributes([kode, site, 40.0])
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    lyr.updateExtents()
    return lyr


def square(col, row, half=5):
    (x0, y0), (x1, y1) = lonlat(col - half, row + half), lonlat(col + half, row - half)
    return QgsGeometry.fromRect(QgsRectangle(x0, y0, x1, y1))


def villages():
    """In the hole (not measured), next to site EAST (covered), beyond EAST's range on terrain (no signal)."""
    return memory_layer("Polygon", [(square(30, 75), "64.01.01.2001", None), (square(112, 40), "64.01.01.2002", None),
                                    (square(112, 130), "64.01.01.2003", None)])


def classify(coverage, out):
    import processing

    fb = capture_feedback()
    res = processing.run("kaltiminternet:classifyvillages", {"VILLAGES": villages(), "COVERAGE": coverage,
                                                             "OUTPUT": out}, feedback=fb)
    return (res["COVERED"], res["PARTIAL"], res["BLANK_SPOT"]), fb


@pytest.fixture(scope="module")
def degree_coverage(provider, tmp_path_factory):
    """Coverage on a flat DEM in EPSG:4326 whose western half is nodata (site WEST in the hole, EAST on terrain)."""
    tmp = tmp_path_factory.mktemp("degrees")
    z = np.full((SIZE, SIZE), 20.0, dtype=np.float32)
    z[:, :SIZE // 2] = -9999.0
    dem = write_geotiff(tmp / "dem_4326.tif", z, (LON0, DEG, 0, LAT0, 0, -DEG), epsg=4326)
    sites = memory_layer("Point", [(QgsGeometry.fromPointXY(QgsPointXY(*lonlat(37, 75))), "", "WEST"),
                                   (QgsGeometry.fromPointXY(QgsPointXY(*lonlat(112, 40))), "", "EAST")])
    import processing

    res = processing.run("kaltiminternet:coverage", {"SITES": sites, "DEM": dem, "MODEL": 2, "MAX_RADIUS_M": 3000,
                                                     "OUTPUT": str(tmp / "cov.tif")}, feedback=capture_feedback())
    yield dem, res, tmp


def test_coverage_records_the_users_dem_in_degrees(degree_coverage):
    dem, res, _tmp = degree_coverage
    ds = gdal.Open(res["OUTPUT"])
    assert ds.GetMetadataItem("KALTIM_DEM_PATH") == os.path.abspath(res["DEM_USED"]) != dem
    assert ds.GetMetadataItem("KALTIM_DEM_SOURCE") == dem


def test_a_metric_dem_records_no_source(provider, tmp_path):
    """A DEM already in metres is the DEM used: no second item."""
    z = np.full((60, 60), 20.0, dtype=np.float32)
    dem = write_geotiff(tmp_path / "utm.tif", z, (500000.0, 100.0, 0, 9900000.0, 0, -100.0))
    sites = QgsVectorLayer("Point?crs=EPSG:32750&field=site_id:string&field=height_m:double", "s", "memory")
    f = QgsFeature(sites.fields())
    f.setAttributes(["A", 40.0])
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(503000.0, 9897000.0)))
    sites.dataProvider().addFeatures([f])
    import processing

    res = processing.run("kaltiminternet:coverage", {"SITES": sites, "DEM": dem, "MODEL": 2, "MAX_RADIUS_M": 2000,
                                                     "OUTPUT": str(tmp_path / "cov.tif")})
    ds = gdal.Open(res["OUTPUT"])
    assert ds.GetMetadataItem("KALTIM_DEM_PATH") == dem and ds.GetMetadataItem("KALTIM_DEM_SOURCE") is None


def test_classify_tells_dem_holes_after_the_temporary_metric_dem_is_gone(degree_coverage):
    _dem, res, tmp = degree_coverage
    before, fb_before = classify(res["OUTPUT"], str(tmp / "before.gpkg"))
    hole_before = [w for w in fb_before.warnings if "lie mostly on DEM nodata" in w]
    assert len(hole_before) == 1 and "64.01.01.2001" in hole_before[0] and "64.01.01.2003" not in hole_before[0]
    beyond_before = [i for i in fb_before.infos if "beyond the range" in i]
    assert len(beyond_before) == 1 and beyond_before[0].startswith("1 villages")

    # QGIS exits: its Processing temporary folder, with the metric copy of the DEM, is deleted
    os.remove(res["DEM_USED"])
    assert not os.path.exists(res["DEM_USED"])
    after, fb_after = classify(res["OUTPUT"], str(tmp / "after.gpkg"))
    assert after == before
    hole_after = [w for w in fb_after.warnings if "lie mostly on DEM nodata" in w]
    assert len(hole_after) == 1 and "64.01.01.2001" in hole_after[0] and "64.01.01.2003" not in hole_after[0]
    assert [i for i in fb_after.infos if "beyond the range" in i] == beyond_before
    assert not [w for w in fb_after.warnings if "uncertain" in w]  # not "the raster does not say which DEM"


def test_the_dem_again_is_on_the_rasters_grid_and_not_used_when_the_source_is_gone(degree_coverage):
    from kaltim_internet_plugin.core.classify import CoverageRaster, DemGrid

    dem, res, tmp = degree_coverage
    copy = str(tmp / "cov_copy.tif")
    gdal.Translate(copy, res["OUTPUT"])
    if os.path.exists(res["DEM_USED"]):
        os.remove(res["DEM_USED"])
    grid = DemGrid.of(CoverageRaster(copy))
    assert grid is not None and grid.path != res["DEM_USED"] and os.path.isfile(grid.path)
    assert (grid.ds.RasterXSize, grid.ds.RasterYSize) == (gdal.Open(copy).RasterXSize, gdal.Open(copy).RasterYSize)
    grid.close()  # the copy made again is a temporary file of the classification: removed when it ends
    assert not os.path.exists(grid.path) and not os.path.exists(os.path.dirname(grid.path))
    ds = gdal.Open(copy, gdal.GA_Update)
    ds.SetMetadataItem("KALTIM_DEM_SOURCE", str(tmp / "moved_away.tif"))
    ds = None
    assert DemGrid.of(CoverageRaster(copy)) is None
    # a DEM in degrees of another extent (the source was replaced): its copy is not on the grid, and is not left
    other = write_geotiff(tmp / "other_4326.tif", np.full((40, 40), 5.0, dtype=np.float32),
                          (LON0 + 0.5, DEG, 0, LAT0, 0, -DEG), epsg=4326)
    ds = gdal.Open(copy, gdal.GA_Update)
    ds.SetMetadataItem("KALTIM_DEM_SOURCE", other)
    ds = None
    before = set(os.listdir(tempfile.gettempdir()))
    assert DemGrid.of(CoverageRaster(copy)) is None
    assert not [n for n in set(os.listdir(tempfile.gettempdir())) - before if n.startswith("kaltim_dem_again_")]
