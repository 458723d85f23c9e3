"""Inputs that do not overlap, and villages without data, are said, not silently planned (audit S5):
candidates and choosetech refuse a DEM that no village lies on and name the villages outside a DEM that covers only
some; coverage names the sites standing on DEM nodata; classify names the villages whose signal is not measured
(DEM holes) apart from those merely beyond every site's range; villages without geometry are named."""
from __future__ import annotations

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsRectangle,
    QgsVectorLayer,
)

from kaltim_internet_plugin.compat import FieldType
from tests.conftest import capture_feedback
from tests.rasters import write_geotiff

X0, Y0, CELL, SIZE = 500000.0, 9900000.0, 100.0, 200  # a 20 km x 20 km DEM in EPSG:32750


def run(alg, params):
    import processing

    fb = capture_feedback()
    return processing.run(f"kaltiminternet:{alg}", params, feedback=fb), fb


def run_fails(alg, params) -> str:
    import processing

    with pytest.raises(QgsProcessingException) as exc:
        processing.run(f"kaltiminternet:{alg}", params, feedback=capture_feedback())
    return str(exc.value)


def dem(path, x0=X0, west_nodata=False) -> str:
    """A flat 20 m DEM of SIZE x SIZE cells from (x0, Y0) top-left; its western half nodata if asked."""
    z = np.full((SIZE, SIZE), 20.0, dtype=np.float32)
    if west_nodata:
        z[:, :SIZE // 2] = -9999.0
    return write_geotiff(path, z, (x0, CELL, 0, Y0, 0, -CELL))


def layer(kind, rows, name):
    """rows: (geometry or None, kode, extra attributes); fields kode, population, status, site_id, height_m."""
    lyr = QgsVectorLayer(f"{kind}?crs=EPSG:32750", name, "memory")
    lyr.dataProvider().addAttributes([QgsField("kode", FieldType.String), QgsField("population", FieldType.Int),
                                      QgsField("status", FieldType.String), QgsField("site_id", FieldType.String),
                                      QgsField("height_m", FieldType.Double)])
    lyr.updateFields()
    feats = []
    for geom, kode, extra in rows:
        f = QgsFeature(lyr.fields())
        if geom is not None:
            f.setGeometry(geom)
        f.setAttributes([kode, extra.get("population", 100), extra.get("status", "blank_spot"),
                         extra.get("site_id"), extra.get("height_m", 40.0)])
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    lyr.updateExtents()
    return lyr


def pt(dx, dy):
    return QgsGeometry.fromPointXY(QgsPointXY(X0 + dx, Y0 - dy))


def square(dx, dy, half=500.0):
    x, y = X0 + dx, Y0 - dy
    return QgsGeometry.fromRect(QgsRectangle(x - half, y - half, x + half, y + half))


def offices():
    """Four village offices on the DEM's eastern and western parts."""
    return layer("Point", [(pt(3000, 5000), "64.01.01.2001", {}), (pt(15000, 5000), "64.01.01.2002", {}),
                           (pt(3000, 15000), "64.01.01.2003", {}), (pt(15000, 15000), "64.01.01.2004", {})],
                 "offices")


# --------------------------------------------------------------------------- candidates and choosetech
def test_candidates_refuses_a_dem_no_village_lies_on(provider, tmp_path):
    far = dem(tmp_path / "far.tif", x0=X0 - 200000)
    text = run_fails("candidates", {"VILLAGES": offices(), "DEM": far, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "do not overlap the DEM far" in text and "EPSG:32750" in text and "(500000" not in text
    assert "(300000, 9880000) - (320000, 9900000)" in text  # the DEM's extent, and the offices' below
    assert "(503000, 9885000) - (515000, 9895000)" in text and "CRS" in text


def test_candidates_names_the_villages_outside_a_dem_that_covers_some(provider, tmp_path):
    west = dem(tmp_path / "west.tif", x0=X0 - 10000)  # x 490000-510000: the offices at x 503000 only
    res, fb = run("candidates", {"VILLAGES": offices(), "DEM": west, "OUTPUT": "TEMPORARY_OUTPUT"})
    warning = [w for w in fb.warnings if "outside the DEM west" in w]
    assert len(warning) == 1 and warning[0].startswith("2 of 4 village offices")
    assert "64.01.01.2002" in warning[0] and "64.01.01.2004" in warning[0] and "64.01.01.2001" not in warning[0]
    assert res["COUNT_OFFICE"] == 4


def test_choosetech_refuses_or_warns_on_the_dem_extent(provider, tmp_path):
    tower = layer("Point", [(pt(9000, 10000), "t", {"site_id": "T1"})], "towers")
    far = dem(tmp_path / "far.tif", x0=X0 - 200000)
    text = run_fails("choosetech", {"VILLAGES": offices(), "SITES": tower, "DEM": far, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "do not overlap the DEM far" in text and "(300000, 9880000) - (320000, 9900000)" in text
    west = dem(tmp_path / "west.tif", x0=X0 - 10000)
    _res, fb = run("choosetech", {"VILLAGES": offices(), "SITES": tower, "DEM": west, "OUTPUT": "TEMPORARY_OUTPUT"})
    warning = [w for w in fb.warnings if "outside the DEM west" in w]
    assert len(warning) == 1 and "2 of 4" in warning[0] and "64.01.01.2004" in warning[0]
    assert "No radio link" in warning[0]
    # a DEM that covers every office: nothing said
    _res, fb = run("choosetech", {"VILLAGES": offices(), "SITES": tower, "DEM": dem(tmp_path / "all.tif"),
                                  "OUTPUT": "TEMPORARY_OUTPUT"})
    assert not [w for w in fb.warnings if "DEM" in w]


def test_choosetech_names_the_villages_without_geometry(provider):
    villages = layer("Point", [(pt(3000, 5000), "64.01.01.2001", {}), (None, "64.01.01.2099", {})], "villages")
    _res, fb = run("choosetech", {"VILLAGES": villages, "OUTPUT": "TEMPORARY_OUTPUT"})
    warning = [w for w in fb.warnings if "no geometry" in w]
    assert len(warning) == 1 and warning[0].startswith("1 villages") and "feature 2 (64.01.01.2099)" in warning[0]
    assert "64.01.01.2001" not in warning[0]


# --------------------------------------------------------------------------- coverage and classify
@pytest.fixture(scope="module")
def holed(provider, tmp_path_factory):
    """Coverage on a DEM whose western half is nodata: site WEST stands in the hole, site EAST on the terrain."""
    tmp = tmp_path_factory.mktemp("holed")
    path = dem(tmp / "holed.tif", west_nodata=True)
    sites = layer("Point", [(pt(5000, 10000), "", {"site_id": "WEST"}), (pt(15000, 5000), "", {"site_id": "EAST"})],
                  "sites")
    res, fb = run("coverage", {"SITES": sites, "DEM": path, "MODEL": 2, "MAX_RADIUS_M": 3000,
                               "OUTPUT": str(tmp / "cov.tif")})
    return path, res, fb, tmp


def test_coverage_names_the_sites_on_dem_nodata(holed):
    path, res, fb, _tmp = holed
    warning = [w for w in fb.warnings if "DEM nodata cell" in w]
    assert len(warning) == 1 and warning[0].startswith("1 of 2 site(s)")
    assert "WEST (x 505000, y 9890000)" in warning[0] and "EAST" not in warning[0]
    assert "Fill nodata" in warning[0]
    assert gdal.Open(res["OUTPUT"]).GetMetadataItem("KALTIM_DEM_PATH") == path


def villages_for(tmp):
    """In the hole (not measured), next to site EAST (covered), beyond EAST's range on terrain (no signal), and
    one without geometry."""
    return layer("Polygon", [(square(3000, 10000), "64.01.01.2001", {}), (square(15000, 5000), "64.01.01.2002", {}),
                             (square(15000, 17000), "64.01.01.2003", {}), (None, "64.01.01.2004", {})], "villages")


def test_classify_names_villages_on_dem_holes_not_those_beyond_range(holed):
    _path, res, _fb, tmp = holed
    out, fb = run("classifyvillages", {"VILLAGES": villages_for(tmp), "COVERAGE": res["OUTPUT"],
                                       "OUTPUT": str(tmp / "cls.gpkg")})
    assert (out["COVERED"], out["PARTIAL"], out["BLANK_SPOT"]) == (1, 0, 3)  # no new status value
    hole = [w for w in fb.warnings if "not measured" in w]
    assert len(hole) == 1 and hole[0].startswith("1 villages") and "feature 1 (64.01.01.2001)" in hole[0]
    assert "64.01.01.2003" not in hole[0] and "holed.tif" in hole[0] and "Fill nodata" in hole[0]
    assert any("1 villages are more than half nodata" in i and "beyond the range" in i for i in fb.infos)
    empty = [w for w in fb.warnings if "no geometry" in w]
    assert len(empty) == 1 and "feature 4 (64.01.01.2004)" in empty[0] and "64.01.01.2001" not in empty[0]


def test_classify_without_the_dem_names_the_mostly_nodata_villages(holed):
    _path, res, _fb, tmp = holed
    bare = str(tmp / "bare.tif")
    gdal.Translate(bare, res["OUTPUT"])
    ds = gdal.Open(bare, gdal.GA_Update)
    ds.SetMetadataItem("KALTIM_DEM_PATH", str(tmp / "gone.tif"))  # the DEM moved away since
    ds = None
    _out, fb = run("classifyvillages", {"VILLAGES": villages_for(tmp), "COVERAGE": bare,
                                        "OUTPUT": str(tmp / "cls_bare.gpkg")})
    warning = [w for w in fb.warnings if "more than half nodata" in w]
    assert len(warning) == 1 and warning[0].startswith("2 villages") and "uncertain" in warning[0]
    assert "64.01.01.2001" in warning[0] and "64.01.01.2003" in warning[0] and "64.01.01.2004" not in warning[0]
