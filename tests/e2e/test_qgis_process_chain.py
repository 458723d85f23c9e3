"""The planning chain through the real qgis_process, step by step, on the bundled sample (as checkers run it)."""
from __future__ import annotations

import subprocess

import pytest
from osgeo import gdal, ogr

from tests.conftest import SAMPLE
from tests.e2e.qgis_process import QgisProcess, qgis_process_binary

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not qgis_process_binary(), reason="needs qgis_process")]
GPKG = SAMPLE / "kaltim_sample.gpkg"
DEM = SAMPLE / "kaltim_dem_synthetic_250m.tif"


@pytest.fixture(scope="module")
def qp():
    q = QgisProcess()
    yield q
    q.close()


def ok(out):
    assert out["returncode"] == 0, out["stdout"][-2000:] + out["stderr"][-2000:]
    return out["results"]


def count(path, layer=None):
    ds = ogr.Open(str(path))
    lyr = ds.GetLayerByName(layer) if layer else ds.GetLayer(0)
    return lyr.GetFeatureCount()


def test_chain_from_sites_to_exported_plan(qp, tmp_path):
    csv = tmp_path / "ocid.csv"
    csv.write_text("radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal\n"
                   "LTE,510,10,1,1,0,117.15,-0.50,1000,3,1,0,0,0\n"
                   "LTE,510,10,1,2,0,117.1505,-0.5002,1000,3,1,0,0,0\n"   # same site (about 60 m away)
                   "GSM,510,1,1,3,0,116.80,-0.20,1000,3,1,0,0,0\n"
                   "LTE,510,10,1,4,0,,,1000,3,1,0,0,0\n", encoding="utf-8")   # no coordinates: rejected
    res = ok(qp.run("kaltiminternet:importsites", {"INPUT": str(csv), "OUTPUT": str(tmp_path / "ocid.gpkg")}))
    assert res["SITES_IMPORTED"] == 2 and res["ROWS_REJECTED"] == 1

    sites = tmp_path / "sites.gpkg"
    ok(qp.run("kaltiminternet:importsites", {"INPUT": f"{GPKG}|layername=towers", "OUTPUT": str(sites)}))
    cov = tmp_path / "cov.tif"
    res = ok(qp.run("kaltiminternet:coverage", {"SITES": str(sites), "DEM": str(DEM), "MODEL": 1, "RESOLUTION": 1,
                                                "MAX_RADIUS_M": 15000, "QUANTITY": 1, "OUTPUT": str(cov)}))
    assert res["SITES_COMPUTED"] == count(sites)
    ds = gdal.Open(str(cov))
    assert (ds.RasterXSize, ds.RasterYSize) == (gdal.Open(str(DEM)).RasterXSize, gdal.Open(str(DEM)).RasterYSize)

    repaired = tmp_path / "villages.gpkg"
    ok(qp.run("kaltiminternet:repairvillages", {"INPUT": f"{GPKG}|layername=villages", "OUTPUT": str(repaired)}))
    classified = tmp_path / "classified.gpkg"
    res = ok(qp.run("kaltiminternet:classifyvillages", {
        "VILLAGES": str(repaired), "COVERAGE": str(cov), "OFFICES": f"{GPKG}|layername=offices",
        "OUTPUT": str(classified)}))
    assert res["COVERED"] + res["PARTIAL"] + res["BLANK_SPOT"] == 1038

    prioritized = tmp_path / "prioritized.gpkg"
    ok(qp.run("kaltiminternet:prioritize", {"VILLAGES": str(classified), "PRESET": 0,
                                            "OUTPUT": str(prioritized)}))
    plan = tmp_path / "plan.gpkg"
    res = ok(qp.run("kaltiminternet:choosetech", {"VILLAGES": str(prioritized), "SITES": str(sites),
                                                  "OUTPUT": str(plan)}))
    assert sum(v for k, v in res.items() if k.startswith("COUNT_") and isinstance(v, (int, float))) == 1038

    road = tmp_path / "road.gpkg"
    table = tmp_path / "table.gpkg"
    res = ok(qp.run("kaltiminternet:roadmap", {"PLAN": str(plan), "START_YEAR": 2026, "OUTPUT": str(road),
                                               "OUTPUT_TABLE": str(table)}))
    assert res["VILLAGES_SCHEDULED"] + res["VILLAGES_UNFUNDED"] == 1038

    out = tmp_path / "export"
    res = ok(qp.run("kaltiminternet:exportplan", {"VILLAGES": str(road), "ROADMAP_TABLE": str(table),
                                                  "KABKOTA": f"{GPKG}|layername=kabkota", "OUTPUT_FOLDER": str(out)},
                    timeout=600))
    info = subprocess.run(["pdfinfo", res["DEPLOYMENT_PDF"]], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == 11  # the overview + one page per kab/kota
    text = subprocess.run(["pdftotext", res["DEPLOYMENT_PDF"], "-"], capture_output=True, text=True).stdout
    for name in ("Paser", "Kutai Kartanegara", "Berau", "Kutai Barat", "Kutai Timur", "Penajam Paser Utara",
                 "Mahakam Ulu", "Balikpapan", "Samarinda", "Bontang"):
        assert name in text, name
    assert (out / "plan.gpkg").exists() and (out / "plan.qgz").exists() and (out / "roadmap.xlsx").exists()
