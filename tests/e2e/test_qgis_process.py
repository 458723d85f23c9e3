"""checkvillages through the real qgis_process, on layers in other naming schemes, formats and CRSs."""
from __future__ import annotations

import pytest
from osgeo import ogr, osr

from tests.e2e.qgis_process import QgisProcess, qgis_process_binary

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not qgis_process_binary(), reason="needs qgis_process")]


@pytest.fixture(scope="module")
def qp():
    q = QgisProcess()
    yield q
    q.close()


def test_provider_is_listed(qp):
    listing = qp.list_algorithms()
    assert "kaltiminternet:checkvillages" in listing and "kaltiminternet:repairvillages" in listing


def write_geojson_tm3(path):
    """BPS-named villages in DGN95 / Indonesia TM-3 zone 50.1 (EPSG:23837, central meridian 115.5 E; near 115.6 E,
    1 S), with one duplicate and one bowtie. (Was EPSG:23845, zone 54.1 of Papua, at northings no place on Earth
    has in it: the village check's CRS test of 2026-12-07 found it.)"""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(23837)
    ds = ogr.GetDriverByName("GeoJSON").CreateDataSource(str(path))
    lyr = ds.CreateLayer("desa", srs, ogr.wkbPolygon)
    for name in ("iddesa", "nmdesa", "nmkec", "nmkab", "penduduk"):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTInteger if name == "penduduk" else ogr.OFTString))
    square = "POLYGON(({a} 1389000,{b} 1389000,{b} 1390000,{a} 1390000,{a} 1389000))"
    bowtie = "POLYGON((204000 1389000,205000 1390000,205000 1389000,204000 1390000,204000 1389000))"
    rows = [("6401010001", "A", 100, square.format(a=200000, b=201000)),
            ("6401010001", "B", 50, square.format(a=202000, b=203000)),
            ("6401010003", "C", 70, bowtie)]
    for code, name, pop, wkt in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("iddesa", code)
        f.SetField("nmdesa", name)
        f.SetField("nmkec", "Kec")
        f.SetField("nmkab", "Kab")
        f.SetField("penduduk", pop)
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        lyr.CreateFeature(f)
    ds = None


def test_checkvillages_via_qgis_process_on_a_foreign_layer(qp, tmp_path):
    src = tmp_path / "desa_tm3.geojson"
    write_geojson_tm3(src)
    report = tmp_path / "report.html"
    out = qp.run("kaltiminternet:checkvillages", {"INPUT": str(src), "OUTPUT_REPORT": str(report)})
    assert out["returncode"] == 0, out["stderr"]
    res = out["results"]
    assert res["SCHEME"] == "bps" and res["CODE_FIELD"] == "iddesa" and res["POPULATION_FIELD"] == "penduduk"
    assert res["FEATURE_COUNT"] == 3 and res["VALID"] is False
    assert res["ERROR_COUNT"] == 2  # the duplicate and the bowtie
    html = report.read_text(encoding="utf-8")
    assert "6401010001" in html and "invalid geometry" in html


def test_checkvillages_via_qgis_process_fails_cleanly_on_garbage(qp, tmp_path):
    bad = tmp_path / "garbage.shp"
    bad.write_bytes(b"\x00" * 64)
    out = qp.run("kaltiminternet:checkvillages", {"INPUT": str(bad)})
    assert out["returncode"] != 0
    assert "Traceback" not in out["stdout"] + out["stderr"]
