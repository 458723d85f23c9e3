"""Physically impossible radio values are refused with the site, the field, the value and the valid range; an
impossible radius is refused by the parameter, and a radius larger than the DEM is clamped (issue 16, item 4)."""
from __future__ import annotations

import pytest

from tests.conftest import SAMPLE

DEM = str(SAMPLE / "kaltim_dem_synthetic_250m.tif")


def sites(tmp_path, rows, xy=(520000, 9950000)):
    from qgis.core import (
        QgsCoordinateTransformContext,
        QgsFeature,
        QgsField,
        QgsGeometry,
        QgsPointXY,
        QgsVectorFileWriter,
        QgsVectorLayer,
    )

    from kaltim_internet_plugin.compat import FieldType

    layer = QgsVectorLayer("Point?crs=EPSG:32750", "s", "memory")
    pr = layer.dataProvider()
    pr.addAttributes([QgsField("site_id", FieldType.String), QgsField("height_m", FieldType.Double),
                      QgsField("eirp_dbm", FieldType.Double), QgsField("freq_mhz", FieldType.Double)])
    layer.updateFields()
    for sid, h, e, f in rows:
        feat = QgsFeature(layer.fields())
        feat.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*xy)))
        feat.setAttributes([sid, h, e, f])
        pr.addFeature(feat)
    path = str(tmp_path / "sites.gpkg")
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, QgsCoordinateTransformContext(), opts)
    return path


@pytest.mark.parametrize("row,field,value", [
    (("A", 10000.0, 55.0, 900.0), "height_m", "10000"),
    (("A", 40.0, 500.0, 900.0), "eirp_dbm", "500"),
    (("A", 40.0, 55.0, 90000.0), "freq_mhz", "90000"),
])
def test_impossible_site_values_are_refused(provider, tmp_path, row, field, value):
    import processing
    from qgis.core import QgsProcessingException

    path = sites(tmp_path, [row, ("B", 40.0, 55.0, 900.0)])
    with pytest.raises(QgsProcessingException) as exc:
        processing.run("kaltiminternet:coverage", {"SITES": path, "DEM": DEM, "OUTPUT": str(tmp_path / "c.tif")})
    text = str(exc.value)
    assert "site A" in text and field in text and value in text and "valid" in text and "site B" not in text
    assert not (tmp_path / "c.tif").exists()


def test_radius_out_of_range_and_clamped_to_the_dem(provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    from kaltim_internet_plugin.core.coverage_settings import CoverageSettings

    path = sites(tmp_path, [("A", 40.0, 55.0, 900.0)])
    with pytest.raises(QgsProcessingException) as exc:
        processing.run("kaltiminternet:coverage", {"SITES": path, "DEM": DEM, "MAX_RADIUS_M": 1e7,
                                                   "OUTPUT": str(tmp_path / "c.tif")})
    assert "MAX_RADIUS_M" in str(exc.value) or "200000" in str(exc.value)
    from osgeo import gdal

    small = str(tmp_path / "small.tif")
    gdal.Translate(small, DEM, srcWin=[300, 300, 40, 40])  # 10 km x 10 km
    gt = gdal.Open(small).GetGeoTransform()
    path = sites(tmp_path, [("A", 40.0, 55.0, 900.0)], (gt[0] + 20 * gt[1], gt[3] + 20 * gt[5]))
    infos = []
    fb = QgsProcessingFeedback()
    fb.pushInfo = infos.append
    res = processing.run("kaltiminternet:coverage", {"SITES": path, "DEM": small, "MAX_RADIUS_M": 150000,
                                                      "OUTPUT": str(tmp_path / "c.tif")}, feedback=fb)
    assert any("larger than the DEM" in i for i in infos)
    assert CoverageSettings.read_raster(res["OUTPUT"]).max_radius_m < 15000


def test_a_shapefile_output_that_would_cut_field_names_is_refused(provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    offices = f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=offices|subset=\"kode_kab\" = '64.74'"
    with pytest.raises(QgsProcessingException) as exc:
        processing.run("kaltiminternet:choosetech", {"VILLAGES": offices, "OUTPUT": str(tmp_path / "plan.shp")})
    text = str(exc.value)
    assert "Shapefile" in text and "opex_idr_year" in text and ".gpkg" in text
    assert not list(tmp_path.glob("plan.*"))


def test_free_candidates_and_a_dem_without_crs(provider, tmp_path):
    import processing
    from osgeo import gdal
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    offices = f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=offices|subset=\"kode_kab\" = '64.74'"
    cands = sites(tmp_path, [("A", 40.0, 55.0, 900.0)], (520000, 9950000))
    from osgeo import ogr

    ds = ogr.Open(cands, 1)
    lyr = ds.GetLayer(0)
    lyr.CreateField(ogr.FieldDefn("cost_idr", ogr.OFTReal))
    for f in lyr:
        f.SetField("cost_idr", 0)
        lyr.SetFeature(f)
    ds = None
    warnings = []
    fb = QgsProcessingFeedback()
    fb.pushWarning = warnings.append
    fb.reportError = lambda text, *_a: warnings.append(text)
    with pytest.raises(QgsProcessingException) as exc:  # at the default Rp 2.6 bn it does not fit Rp 1 bn
        processing.run("kaltiminternet:optimizesites", {
            "VILLAGES": offices, "CANDIDATES": cands, "BUDGET_IDR": 1e9, "OUTPUT_SITES": "TEMPORARY_OUTPUT",
            "OUTPUT_VILLAGES": "TEMPORARY_OUTPUT"}, feedback=fb)
    assert "No candidate is affordable" in str(exc.value)
    assert any("free" in w and "tower" in w and "cost_idr" in w for w in warnings), warnings
    bare = str(tmp_path / "nocrs.tif")
    gdal.Translate(bare, DEM, srcWin=[0, 0, 50, 50])
    ds = gdal.Open(bare, gdal.GA_Update)
    ds.SetProjection("")
    ds = None
    with pytest.raises(QgsProcessingException) as exc:
        processing.run("kaltiminternet:coverage", {"SITES": cands, "DEM": bare, "OUTPUT": str(tmp_path / "c.tif")})
    assert "has no CRS" in str(exc.value) and "nocrs" in str(exc.value)
