"""importsites and classifyvillages through Processing, on constructed files, layers and rasters."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, ogr, osr
from qgis.core import (
    NULL,
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)

from tests.conftest import run_alg
from tests.rasters import write_geotiff

gdal.UseExceptions()

OCID_HEADER = "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal"
M = 1.0 / 111195.0  # ~1 m in degrees near the equator


def ocid_line(radio, net, cell, lon, lat, mcc=510):
    return f"{radio},{mcc},{net},1001,{cell},0,{lon:.7f},{lat:.7f},1000,5,1,1500000000,1600000000,0"


def write_text(path: Path, lines: list) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def run_all(alg_id: str, params: dict):
    """Like conftest.run_alg, also capturing pushWarning lines."""
    import processing

    from tests.conftest import capture_feedback

    fb = capture_feedback()
    res = processing.run(alg_id, params, feedback=fb)
    return res, "\n".join(fb.lines)


def out_layer(res, key="OUTPUT") -> QgsVectorLayer:
    value = res[key]
    if isinstance(value, QgsVectorLayer):
        return value
    layer = QgsVectorLayer(str(value), "out", "ogr")
    assert layer.isValid(), value
    return layer


def by_key(layer, key):
    return {f[key]: f for f in layer.getFeatures()}


# ------------------------------------------------------------------------------------------------ importsites
def test_importsites_opencellid_csv_merges_and_lists_bad_rows(provider, tmp_path):
    lon, lat = 117.15, -0.50
    path = write_text(tmp_path / "ocid.csv", [
        OCID_HEADER,
        ocid_line("GSM", 10, 1001, lon, lat),                    # row 2: Telkomsel
        ocid_line("LTE", 10, 1002, lon + 40 * M, lat),           # row 3: same operator, 40 m -> merged
        ocid_line("LTE", 11, 2001, lon + 20 * M, lat),           # row 4: XL, separate site
        ocid_line("FOO", 10, 1003, lon, lat),                    # row 5: unknown radio
        ocid_line("LTE", 10, 1004, 106.8, -6.2),                 # row 6: Jakarta, outside the province
        ocid_line("UMTS", 21, 3001, lon + 0.1, lat + 0.1),       # row 7: Indosat IM3
    ])
    rejects = tmp_path / "rejects.csv"
    out = tmp_path / "sites.gpkg"
    res, log = run_alg("kaltiminternet:importsites", {"INPUT": path, "OUTPUT": str(out),
                                                      "OUTPUT_REJECTS": str(rejects)})
    assert res["SITES_IMPORTED"] == 3 and res["ROWS_REJECTED"] == 2 and res["FORMAT_USED"] == "opencellid"
    assert "Rejected row 5: unknown radio 'FOO'" in log
    assert "Rejected row 6: outside the province (lon 106.8, lat -6.2 not within lon" in log
    layer = out_layer(res)
    assert layer.crs().authid() == "EPSG:4326"
    names = layer.fields().names()
    for name in ("site_id", "operator", "tech", "height_m", "freq_mhz", "eirp_dbm", "status", "source", "defaulted",
                 "n_cells"):
        assert name in names, name
    sites = by_key(layer, "site_id")
    tsel = sites["OCID-10-1001"]
    assert tsel["operator"] == "Telkomsel" and tsel["tech"] == "4G" and tsel["n_cells"] == 2
    assert tsel["height_m"] == 35.0 and tsel["defaulted"] == "height_m,freq_mhz,eirp_dbm"
    assert tsel["source"] == "opencellid" and tsel["status"] == "active"
    assert sites["OCID-11-2001"]["operator"] == "XL"
    assert sites["OCID-21-3001"]["tech"] == "3G" and sites["OCID-21-3001"]["freq_mhz"] == 2100.0
    with open(rejects, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["row"], r["radio"]) for r in rows] == [("5", "FOO"), ("6", "LTE")]
    assert "unknown radio" in rows[0]["reason"]


def test_importsites_site_list_csv(provider, tmp_path):
    path = tmp_path / "bakti.csv"
    path.write_text(
        "Kode_Site;Kode_Desa;Nama_Desa;Bujur;Lintang;Kategori;Tahap;Status\n"
        "B-001;64.01.01.2001;Desa A;116,25;-1,75;Baru;2024;On Air\n"
        "B-002;64.01.01.2002;Desa B;116.30;-1.80;Eksisting;2023;rencana\n"
        ";64.01.01.2003;Desa C;;-1.8;Baru;2024;rencana\n"           # row 4: no longitude
        "B-001;64.01.01.2004;Desa D;116.31;-1.81;Baru;2024;rencana\n"  # row 5: duplicate id
        "B-005;64.01.01.2005;Desa E;-1.9;116.4;Baru;2025;rencana\n",  # row 6: lon/lat swapped
        encoding="cp1252")
    res, log = run_alg("kaltiminternet:importsites", {"INPUT": str(path), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res["FORMAT_USED"] == "sitelist" and res["SITES_IMPORTED"] == 2 and res["ROWS_REJECTED"] == 3
    assert "Rejected row 4: no coordinates" in log
    assert "Rejected row 5: site id 'B-001' is already used on row 2: give each site its own id" in log
    assert "Rejected row 6" in log and "swapped" in log
    layer = out_layer(res)
    sites = by_key(layer, "site_id")
    a = sites["B-001"]
    assert a["village_code"] == "64.01.01.2001" and a["category"] == "new" and a["phase"] == "2024"
    assert a["status"] == "active" and a["tech"] == "4G" and a["source"] == "sitelist"
    assert "tech" in a["defaulted"] and a["eirp_dbm"] == 60.0
    assert abs(a.geometry().asPoint().x() - 116.25) < 1e-9
    assert sites["B-002"]["status"] == "planned" and sites["B-002"]["category"] == "existing"


def test_importsites_utm_geopackage_with_odd_field_names(provider, tmp_path):
    path = tmp_path / "towers_utm.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32750)
    lyr = ds.CreateLayer("menara", srs, ogr.wkbPoint)
    for name, ftype in (("ID_MENARA", ogr.OFTString), ("PEMILIK", ogr.OFTString), ("GEN", ogr.OFTString),
                        ("TINGGI", ogr.OFTReal), ("FREK_GHZ", ogr.OFTReal)):
        lyr.CreateField(ogr.FieldDefn(name, ftype))
    to_utm = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                    QgsCoordinateReferenceSystem("EPSG:32750"), QgsProject.instance())
    rows = [
        ("T1", "Telkomsel", "LTE", 42.0, 1.8, (117.15, -0.50)),
        ("T2", "XL", "GSM", None, None, (117.20, -0.55)),
        ("T3", "Indosat", "WiMAX", 30.0, 2.3, (117.25, -0.60)),   # unknown technology
        ("T4", "Smartfren", "4G", 500.0, 2.3, (117.30, -0.65)),   # implausible height
    ]
    for sid, owner, gen, height, freq, (lon, lat) in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("ID_MENARA", sid)
        f.SetField("PEMILIK", owner)
        f.SetField("GEN", gen)
        if height is not None:
            f.SetField("TINGGI", height)
        if freq is not None:
            f.SetField("FREK_GHZ", freq)
        p = to_utm.transform(QgsPointXY(lon, lat))
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT({p.x()} {p.y()})"))
        lyr.CreateFeature(f)
    ds = None
    res, log = run_alg("kaltiminternet:importsites", {
        "INPUT": str(path), "FORMAT": 1, "SITE_ID_FIELD": "ID_MENARA", "OPERATOR_FIELD": "PEMILIK",
        "TECH_FIELD": "GEN", "HEIGHT_FIELD": "TINGGI", "FREQ_FIELD": "FREK_GHZ", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res["SITES_IMPORTED"] == 2 and res["ROWS_REJECTED"] == 2
    assert "Rejected feature 3: unknown technology 'WiMAX'" in log
    assert "Rejected feature 4: antenna height 500 m is not plausible" in log
    # the same reasons in Indonesian: the core gives a code and its values, the table the sentence
    from kaltim_internet_plugin.core.sites import Reject
    from kaltim_internet_plugin.errors import describe
    from kaltim_internet_plugin.i18n import install_translator, remove_translator

    assert install_translator("id")
    try:
        height = describe(Reject(4, "", code="site_height_implausible",
                                 params={"value": "500", "low": "1", "high": "300"}))
        swapped = describe(Reject(6, "", code="site_outside_bbox", params=dict(
            lon="-0.6", lat="117.2", min_lon="113.8", max_lon="119.1", min_lat="-2.6", max_lat="2.6", hint="swapped")))
    finally:
        remove_translator()
    assert height == "tinggi antena 500 m tidak masuk akal: tulis tinggi antara 1 dan 300 m", height
    assert swapped.startswith("di luar provinsi (lon -0.6, lat 117.2") and swapped.endswith(
        "(lon dan lat tampaknya tertukar)"), swapped
    layer = out_layer(res)
    assert layer.crs().authid() == "EPSG:4326"
    sites = by_key(layer, "site_id")
    t1 = sites["T1"]
    assert t1["operator"] == "Telkomsel" and t1["tech"] == "4G" and t1["height_m"] == 42.0
    assert t1["freq_mhz"] == 1800.0 and t1["defaulted"] == "eirp_dbm" and t1["source"] == "layer"
    pt = t1.geometry().asPoint()
    assert abs(pt.x() - 117.15) < 1e-6 and abs(pt.y() + 0.50) < 1e-6
    assert sites["T2"]["tech"] == "2G" and sites["T2"]["height_m"] == 30.0
    assert sites["T2"]["defaulted"] == "height_m,freq_mhz,eirp_dbm"
    # the same layer loaded in the project, passed by id (what the dock does)
    loaded = QgsVectorLayer(f"{path}|layername=menara", "menara", "ogr")
    QgsProject.instance().addMapLayer(loaded)
    try:
        res2, _ = run_alg("kaltiminternet:importsites", {
            "INPUT": loaded.id(), "TECH_FIELD": "GEN", "SITE_ID_FIELD": "ID_MENARA", "OUTPUT": "TEMPORARY_OUTPUT"})
        assert res2["SITES_IMPORTED"] == 2
        res3, _ = run_alg("kaltiminternet:importsites", {  # a layer object (Python callers)
            "INPUT": loaded, "TECH_FIELD": "GEN", "SITE_ID_FIELD": "ID_MENARA", "OUTPUT": "TEMPORARY_OUTPUT"})
        assert res3["SITES_IMPORTED"] == 2
    finally:
        QgsProject.instance().removeMapLayer(loaded.id())


def test_importsites_empty_and_all_rejected_inputs(provider, tmp_path):
    empty = write_text(tmp_path / "empty.csv", [OCID_HEADER])
    with pytest.raises(Exception, match="no rows"):
        run_alg("kaltiminternet:importsites", {"INPUT": empty, "OUTPUT": "TEMPORARY_OUTPUT"})
    jakarta = write_text(tmp_path / "jkt.csv", [OCID_HEADER] + [ocid_line("LTE", 10, 100 + i, 106.8 + i * 0.01, -6.2)
                                                               for i in range(3)])
    with pytest.raises(Exception, match="All 3 rows were rejected.*outside Kalimantan Timur"):
        run_alg("kaltiminternet:importsites", {"INPUT": jakarta, "OUTPUT": "TEMPORARY_OUTPUT"})
    empty_gpkg = tmp_path / "empty.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(empty_gpkg))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    lyr = ds.CreateLayer("towers", srs, ogr.wkbPoint)
    lyr.CreateField(ogr.FieldDefn("operator", ogr.OFTString))
    ds = None
    with pytest.raises(Exception, match="no rows"):
        run_alg("kaltiminternet:importsites", {"INPUT": str(empty_gpkg), "OUTPUT": "TEMPORARY_OUTPUT"})
    unknown = write_text(tmp_path / "odd.csv", ["nama,alamat", "a,b"])
    with pytest.raises(Exception, match="not recognised"):
        run_alg("kaltiminternet:importsites", {"INPUT": unknown, "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(Exception, match="cannot read the sites input"):
        run_alg("kaltiminternet:importsites", {"INPUT": str(tmp_path / "nothing.csv"), "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(Exception, match="no column 'NOPE'"):
        run_alg("kaltiminternet:importsites", {"INPUT": jakarta, "FORMAT": 1, "TECH_FIELD": "NOPE",
                                               "OUTPUT": "TEMPORARY_OUTPUT"})


def test_importsites_output_is_styled_when_loaded(provider, tmp_path):
    import processing

    path = write_text(tmp_path / "ocid.csv", [OCID_HEADER, ocid_line("LTE", 10, 1, 117.15, -0.5)])
    res = processing.runAndLoadResults("kaltiminternet:importsites", {"INPUT": path, "OUTPUT": "TEMPORARY_OUTPUT"})
    layer = QgsProject.instance().mapLayer(res["OUTPUT"])
    try:
        assert isinstance(layer.renderer(), QgsCategorizedSymbolRenderer)
        assert layer.renderer().classAttribute() == "tech"
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


# ------------------------------------------------------------------------------------------------ classify
X0, Y0, CELL = 500000.0, 9950100.0, 100.0  # 10 x 10 cells of 100 m in EPSG:32750


def make_raster(path: Path, arr, nodata=-9999.0, metadata=None) -> str:
    return write_geotiff(path, arr, (X0, CELL, 0, Y0, 0, -CELL), nodata=nodata, metadata=metadata)


def half_raster(tmp_path) -> str:
    arr = np.full((10, 10), -120.0, dtype=np.float32)
    arr[:, :5] = -90.0
    return make_raster(tmp_path / "cov.tif", arr)


_TO_WGS = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:32750"),
                                 QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())


def lonlat(x, y):
    p = _TO_WGS.transform(QgsPointXY(x, y))
    return p.x(), p.y()


def cell_box_wgs(c0, r0, c1, r1, inset=5.0):
    """A WGS 84 polygon over cells [c0, c1) x [r0, r1) of the UTM raster, inset a little from the cell edges
    (so the reprojected outline never reaches a neighbouring cell centre)."""
    x0, x1 = X0 + c0 * CELL + inset, X0 + c1 * CELL - inset
    y0, y1 = Y0 - r1 * CELL + inset, Y0 - r0 * CELL - inset
    pts = [lonlat(x, y) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0))]
    return "POLYGON((" + ",".join(f"{x:.9f} {y:.9f}" for x, y in pts) + "))"


def cell_point_wgs(col, row):
    x, y = lonlat(X0 + (col + 0.5) * CELL, Y0 - (row + 0.5) * CELL)
    return f"POINT({x:.9f} {y:.9f})"


def write_layer(path: Path, rows: list, fields: list, geom_type=ogr.wkbPolygon, epsg=4326, name="v") -> str:
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lyr = ds.CreateLayer(name, srs, geom_type)
    for fname, ftype in fields:
        lyr.CreateField(ogr.FieldDefn(fname, ftype))
    for values, wkt in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        for (fname, _), v in zip(fields, values):
            if v is not None:
                f.SetField(fname, v)
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        lyr.CreateFeature(f)
    ds = None
    return str(path)


VILLAGE_FIELDS = [("kode", ogr.OFTString), ("nama", ogr.OFTString), ("population", ogr.OFTInteger),
                  ("r705d", ogr.OFTString)]


def villages_wgs(tmp_path) -> str:
    rows = [
        (("64.01.01.2001", "Kiri", 1000, "4G"), cell_box_wgs(0, 0, 5, 4)),         # covered
        (("64.01.01.2002", "Tengah", 200, "tidak ada"), cell_box_wgs(3, 4, 7, 8)),  # partial 0.5
        (("64.01.01.2003", "Kanan", 300, "3G"), cell_box_wgs(5, 0, 10, 4)),        # blank spot
        (("64.01.01.2004", "Bawah", 50, ""), cell_box_wgs(6, 8, 10, 10)),          # blank spot
    ]
    return write_layer(tmp_path / "villages.gpkg", rows, VILLAGE_FIELDS)


def test_classifyvillages_across_crs_with_confusion(provider, tmp_path):
    raster = half_raster(tmp_path)
    villages = villages_wgs(tmp_path)
    out = tmp_path / "classified.gpkg"
    res, log = run_alg("kaltiminternet:classifyvillages", {
        "VILLAGES": villages, "COVERAGE": raster, "REPORTED_FIELD": "r705d", "OUTPUT": str(out)})
    assert (res["COVERED"], res["PARTIAL"], res["BLANK_SPOT"]) == (1, 1, 2)
    assert res["COVERAGE_KIND"] == "dbm" and res["POP_COVERED"] == 1100
    layer = out_layer(res)
    assert layer.crs().authid() == "EPSG:4326"
    names = layer.fields().names()
    for name in ("kode", "nama", "population", "r705d", "cov_share", "office_dbm", "best_dbm", "status",
                 "pop_covered", "nodata_share", "agreement"):
        assert name in names, name
    v = by_key(layer, "kode")
    assert v["64.01.01.2001"]["status"] == "covered" and v["64.01.01.2001"]["cov_share"] == 1.0
    assert v["64.01.01.2001"]["best_dbm"] == -90.0 and v["64.01.01.2001"]["pop_covered"] == 1000
    assert v["64.01.01.2002"]["status"] == "partial" and v["64.01.01.2002"]["cov_share"] == 0.5
    assert v["64.01.01.2002"]["pop_covered"] == 100
    assert v["64.01.01.2003"]["status"] == "blank_spot" and v["64.01.01.2003"]["best_dbm"] == -120.0
    assert [v[k]["agreement"] for k in sorted(v)] == ["agree", "model_more", "model_less", "agree"]
    table = json.loads(res["CONFUSION"])
    assert table["covered"]["4G"] == 1 and table["partial"]["none"] == 1
    assert table["blank_spot"]["3G"] == 1 and table["blank_spot"]["none"] == 1
    assert json.loads(res["AGREEMENT"]) == {"agree": 2, "model_more": 1, "model_less": 1}
    assert "Confusion table" in log and "Blank spot" in log


def test_classifyvillages_offices_points_and_los(provider, tmp_path):
    raster = half_raster(tmp_path)
    villages = villages_wgs(tmp_path)
    offices = write_layer(tmp_path / "offices.gpkg", [
        (("6401012001",), cell_point_wgs(4, 1)),   # undotted code, office in the covered half -> stays covered
        (("64.01.01.2002",), cell_point_wgs(6, 5)),  # office without signal: partial stays partial
        (("64.01.01.2003",), cell_point_wgs(9, 3)),  # office without signal: blank spot stays
    ], [("kode_desa", ogr.OFTString)], geom_type=ogr.wkbPoint)
    res, log = run_all("kaltiminternet:classifyvillages", {
        "VILLAGES": villages, "COVERAGE": raster, "OFFICES": offices, "COVERED_SHARE": 0.5,
        "OUTPUT": "TEMPORARY_OUTPUT"})
    v = by_key(out_layer(res), "kode")
    assert v["64.01.01.2001"]["status"] == "covered" and v["64.01.01.2001"]["office_dbm"] == -90.0
    # share 0.5 >= COVERED_SHARE 0.5, but the office has no signal -> partial
    assert v["64.01.01.2002"]["status"] == "partial" and v["64.01.01.2002"]["status_note"] == "office_no_signal"
    assert v["64.01.01.2003"]["office_dbm"] == -120.0 and v["64.01.01.2003"]["status"] == "blank_spot"
    assert "1 villages have no office point" in log

    # point villages: the cell under the point
    points = write_layer(tmp_path / "points.gpkg", [
        (("64.01.01.2001", "A", 10, None), cell_point_wgs(1, 1)),
        (("64.01.01.2002", "B", 10, None), cell_point_wgs(8, 8)),
    ], VILLAGE_FIELDS, geom_type=ogr.wkbPoint)
    res, _ = run_alg("kaltiminternet:classifyvillages", {"VILLAGES": points, "COVERAGE": raster,
                                                         "OUTPUT": "TEMPORARY_OUTPUT"})
    v = by_key(out_layer(res), "kode")
    assert (v["64.01.01.2001"]["cov_share"], v["64.01.01.2001"]["status"]) == (1.0, "covered")
    assert (v["64.01.01.2002"]["cov_share"], v["64.01.01.2002"]["status"]) == (0.0, "blank_spot")

    # a line-of-sight count raster
    arr = np.zeros((10, 10), dtype=np.float32)
    arr[:, :5] = 1.0
    los = make_raster(tmp_path / "los.tif", arr, metadata={"KALTIM_COVERAGE_KIND": "los"})
    res, log = run_alg("kaltiminternet:classifyvillages", {"VILLAGES": villages, "COVERAGE": los,
                                                           "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res["COVERAGE_KIND"] == "los" and (res["COVERED"], res["PARTIAL"], res["BLANK_SPOT"]) == (1, 1, 2)
    layer = out_layer(res)
    v = by_key(layer, "kode")
    assert v["64.01.01.2001"]["best_los"] == 1 and v["64.01.01.2001"]["best_dbm"] == NULL
    assert "line-of-sight" in log


def test_classifyvillages_nodata_share(provider, tmp_path):
    arr = np.full((10, 10), -120.0, dtype=np.float32)
    arr[:, :5] = -90.0
    arr[0:2, 0:5] = -9999.0
    raster = make_raster(tmp_path / "holes.tif", arr)
    res, _ = run_alg("kaltiminternet:classifyvillages", {"VILLAGES": villages_wgs(tmp_path), "COVERAGE": raster,
                                                         "OUTPUT": "TEMPORARY_OUTPUT"})
    v = by_key(out_layer(res), "kode")["64.01.01.2001"]
    assert v["cov_share"] == 0.5 and v["nodata_share"] == 0.5 and v["status"] == "partial"


def test_classifyvillages_output_is_styled(provider, tmp_path):
    import processing

    res = processing.runAndLoadResults("kaltiminternet:classifyvillages", {
        "VILLAGES": villages_wgs(tmp_path), "COVERAGE": half_raster(tmp_path), "OUTPUT": "TEMPORARY_OUTPUT"})
    layer = QgsProject.instance().mapLayer(res["OUTPUT"])
    try:
        renderer = layer.renderer()
        assert isinstance(renderer, QgsCategorizedSymbolRenderer) and renderer.classAttribute() == "status"
        assert {c.value() for c in renderer.categories()} == {"covered", "partial", "blank_spot"}
        assert "Blank spot" in [c.label() for c in renderer.categories()]
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_classifyvillages_non_overlap_is_a_clear_error(provider, tmp_path):
    raster = half_raster(tmp_path)
    far = write_layer(tmp_path / "far.gpkg", [(("64.01.01.2001", "Jauh", 1, None),
                                               "POLYGON((100 10,100.1 10,100.1 10.1,100 10.1,100 10))")],
                      VILLAGE_FIELDS)
    with pytest.raises(Exception, match="do not overlap the coverage raster"):
        run_alg("kaltiminternet:classifyvillages", {"VILLAGES": far, "COVERAGE": raster, "OUTPUT": "TEMPORARY_OUTPUT"})


def test_importsites_sample_towers_keep_the_synthetic_flag(provider):
    from tests.conftest import SAMPLE

    res, _ = run_alg("kaltiminternet:importsites", {"INPUT": f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=towers",
                                                    "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res["SITES_IMPORTED"] == 436 and res["ROWS_REJECTED"] == 0 and res["FORMAT_USED"] == "layer"
    layer = out_layer(res)
    assert {f["source"] for f in layer.getFeatures()} == {"synthetic"}
    assert {f["status"] for f in layer.getFeatures()} == {"active"}


def bowtie_wgs(c0, r0, c1, r1):
    """A self-intersecting polygon (a bow tie) over the cells [c0, c1) x [r0, r1)."""
    x0, x1 = X0 + c0 * CELL + 5, X0 + c1 * CELL - 5
    y0, y1 = Y0 - r1 * CELL + 5, Y0 - r0 * CELL - 5
    pts = [lonlat(x, y) for x, y in ((x0, y0), (x1, y1), (x1, y0), (x0, y1), (x0, y0))]
    return "POLYGON((" + ",".join(f"{x:.9f} {y:.9f}" for x, y in pts) + "))"


def defective_villages(tmp_path) -> str:
    """Three villages: feature 2 a bow tie (invalid), features 1 and 3 sharing the code 64.01.01.2001."""
    rows = [(("64.01.01.2001", "Kiri", 1000, ""), cell_box_wgs(0, 0, 5, 4)),
            (("64.01.01.2002", "Simpul", 200, ""), bowtie_wgs(3, 4, 7, 8)),
            (("64.01.01.2001", "Kembar", 300, ""), cell_box_wgs(5, 0, 10, 4))]
    return write_layer(tmp_path / "defects.gpkg", rows, VILLAGE_FIELDS)


def test_classifyvillages_names_invalid_geometries_and_duplicate_codes_with_the_fix(provider, tmp_path):
    """The first step that reads the villages says what the roadmap would stop on later, where (feature id and
    code) and how to fix it; it still classifies, and the input is untouched."""
    from tests.conftest import capture_feedback

    villages = defective_villages(tmp_path)
    before = Path(villages).read_bytes()
    fb = capture_feedback()
    import processing

    res = processing.run("kaltiminternet:classifyvillages", {
        "VILLAGES": villages, "COVERAGE": half_raster(tmp_path), "OUTPUT": str(tmp_path / "out.gpkg")}, feedback=fb)
    assert res["COVERED"] + res["PARTIAL"] + res["BLANK_SPOT"] == 3
    warnings = "\n".join(fb.warnings)
    assert "Feature 2 (64.01.01.2002) has an invalid geometry (" in warnings
    assert "Run 'Repair village geometries'" in warnings
    assert "Village code 64.01.01.2001 is used by features 1, 3" in warnings
    assert "Feature 1 " not in warnings and "Feature 3 " not in warnings  # only the bow tie is invalid
    assert Path(villages).read_bytes() == before


@pytest.mark.parametrize("alg", ["prioritize", "choosetech"])
def test_later_steps_name_the_same_village_defects(provider, tmp_path, alg):
    """Prioritise and choose technology read the villages too: they name the invalid geometry and the duplicate
    code as the classification does (the roadmap stops on both), still give a result, and leave the input as it
    was."""
    from tests.conftest import capture_feedback

    villages = defective_villages(tmp_path)
    before = Path(villages).read_bytes()
    fb = capture_feedback()
    import processing

    res = processing.run(f"kaltiminternet:{alg}", {"VILLAGES": villages, "CODE_FIELD": "kode",
                                                   "OUTPUT": "TEMPORARY_OUTPUT"}
                         if alg == "prioritize" else {"VILLAGES": villages, "OUTPUT": "TEMPORARY_OUTPUT"}, feedback=fb)
    assert res["OUTPUT"].featureCount() == 3
    warnings = "\n".join(fb.warnings)
    assert "Feature 2 (64.01.01.2002) has an invalid geometry (" in warnings
    assert "measured from a point that may be wrong" in warnings
    assert "Village code 64.01.01.2001 is used by features 1, 3" in warnings
    assert "Feature 1 " not in warnings and "Feature 3 " not in warnings
    assert Path(villages).read_bytes() == before


def test_importsites_says_a_rejected_rows_place_once(provider, tmp_path):
    """A number that cannot be read: the sentence names the row and the field once ('Rejected: row 3, field ...'),
    not 'Rejected row 3: row 3, field ...'."""
    path = tmp_path / "menara.csv"
    path.write_text("site_id;lon;lat;height_m\nA;116,25;-1,75;30\nB;116,30;-1,80;tinggi\n", encoding="utf-8")
    res, log = run_alg("kaltiminternet:importsites", {"INPUT": str(path), "OUTPUT": "TEMPORARY_OUTPUT"})
    lines = [ln for ln in log.splitlines() if ln.startswith("Rejected")]
    assert res["ROWS_REJECTED"] == len(lines) == 1, log
    assert lines[0].startswith("Rejected: ") and "'tinggi'" in lines[0] and lines[0].count("3") == 1, lines[0]
