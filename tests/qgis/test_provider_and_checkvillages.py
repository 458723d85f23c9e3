"""The provider as qgis_process sees it, and checkvillages on the sample and on constructed broken layers."""
from __future__ import annotations

from pathlib import Path

import pytest
from osgeo import gdal, ogr, osr
from qgis.core import QgsVectorLayer

from tests.conftest import SAMPLE, run_alg
from tests.rasters import write_geotiff

gdal.UseExceptions()


def test_provider_registered_with_algorithms(provider):
    assert provider is not None and provider.id() == "kaltiminternet"
    assert provider.load_errors == [], provider.load_errors
    ids = {a.id() for a in provider.algorithms()}
    assert {"kaltiminternet:checkvillages", "kaltiminternet:repairvillages"} <= ids
    for alg in provider.algorithms():
        assert alg.shortHelpString(), alg.id()
        assert alg.group(), alg.id()


def test_checkvillages_on_the_sample(provider, tmp_path):
    report = tmp_path / "r.html"
    res, log = run_alg("kaltiminternet:checkvillages", {
        "INPUT": f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=villages",
        "DEM": str(SAMPLE / "kaltim_dem_synthetic_250m.tif"), "OUTPUT_REPORT": str(report)})
    assert res["FEATURE_COUNT"] == 1038
    assert (res["CODE_FIELD"], res["NAME_FIELD"], res["POPULATION_FIELD"]) == ("kode", "nama", "population")
    # the source documents one invalid village polygon: 64.07.07.2002
    assert res["ERROR_COUNT"] == 1 and res["VALID"] is False
    assert "64.07.07.2002" in log and "invalid geometry" in log
    html = report.read_text(encoding="utf-8")
    assert "64.07.07.2002" in html and "Kabupaten Mahakam Ulu" in html


def write_layer(path: Path, rows: list, fields: list, epsg=4326, geom_type=ogr.wkbPolygon, driver="GPKG",
                layer_name="v"):
    drv = ogr.GetDriverByName(driver)
    ds = drv.CreateDataSource(str(path))
    srs = None
    if epsg:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
    lyr = ds.CreateLayer(layer_name, srs, geom_type)
    for name, ftype in fields:
        lyr.CreateField(ogr.FieldDefn(name, ftype))
    for values, wkt in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        for (name, _), v in zip(fields, values):
            if v is not None:
                f.SetField(name, v)
        if wkt:
            f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        lyr.CreateFeature(f)
    ds = None
    return str(path)


SQ = "POLYGON((116 -1,116.1 -1,116.1 -0.9,116 -0.9,116 -1))"
BOWTIE = "POLYGON((116 -1,116.1 -0.9,116.1 -1,116 -0.9,116 -1))"


def test_checkvillages_reports_every_defect_of_a_broken_layer(provider, tmp_path):
    fields = [("kode", ogr.OFTString), ("nama", ogr.OFTString), ("penduduk", ogr.OFTInteger)]
    rows = [
        (("64.01.01.2001", "Good", 100), SQ),
        (("64.01.01.2001", "Twin", 100), SQ),          # duplicate code
        (("64.1.1", "Bad code", 100), SQ),              # malformed
        (("63.01.01.2001", "Other province", 5), SQ),  # outside 64
        ((None, "No code", 5), SQ),                     # missing code
        (("64.01.01.2005", None, None), SQ),            # missing name and population
        (("64.01.01.2006", "Bowtie", 5), BOWTIE),       # invalid geometry
        (("64.01.01.2007", "Empty", 5), None),          # no geometry
        (("64.01.01.2008", "Negative", -3), SQ),        # negative population
    ]
    path = write_layer(tmp_path / "broken.gpkg", rows, fields)
    before = Path(path).read_bytes()
    res, log = run_alg("kaltiminternet:checkvillages", {"INPUT": path, "OUTPUT_REPORT": str(tmp_path / "r.html")})
    assert res["FEATURE_COUNT"] == 9 and res["VALID"] is False
    assert res["POPULATION_FIELD"] == "penduduk"
    for needle in ("also used by feature", "'64.1.1' is malformed", "outside province 64", "has no village code",
                   "has no name", "no population value", "invalid geometry", "empty or missing geometry",
                   "negative population"):
        assert needle in log, needle
    assert res["ERROR_COUNT"] == 7 and res["WARNING_COUNT"] == 2
    assert Path(path).read_bytes() == before  # the input is untouched


def test_checkvillages_says_each_finding_at_its_level_without_a_raw_prefix(provider, tmp_path):
    """Errors as errors, warnings as warnings (QGIS's log and qgis_process mark the level in the user's language):
    no untranslated '[error]' / '[warning]' in the text."""
    import processing

    from tests.conftest import capture_feedback

    rows = [(("64.01.01.2001", "Good", 100), SQ), (("64.01.01.2001", "Twin", 100), SQ),
            (("64.01.01.2005", None, None), SQ)]
    path = write_layer(tmp_path / "levels.gpkg", rows, [("kode", ogr.OFTString), ("nama", ogr.OFTString),
                                                         ("penduduk", ogr.OFTInteger)])
    fb = capture_feedback()
    res = processing.run("kaltiminternet:checkvillages", {"INPUT": path}, feedback=fb)
    assert len(fb.errors) == res["ERROR_COUNT"] > 0 and len(fb.warnings) == res["WARNING_COUNT"] > 0
    assert any("also used by feature" in t for t in fb.errors)
    assert any("has no name" in t for t in fb.warnings)
    assert not any(t.startswith("[") for t in fb.lines)


def test_big_rbi_shapefile_in_utm_is_detected(provider, tmp_path):
    fields = [("KDEPUM", ogr.OFTString), ("NAMOBJ", ogr.OFTString), ("WADMKC", ogr.OFTString),
              ("WADMKK", ogr.OFTString)]
    rows = [(("64.72.01.1001", "Karang Asam", "Sungai Kunjang", "Kota Samarinda"),
             "POLYGON((500000 9950000,501000 9950000,501000 9951000,500000 9951000,500000 9950000))")]
    path = write_layer(tmp_path / "rbi.shp", rows, fields, epsg=32750, driver="ESRI Shapefile")
    res, _ = run_alg("kaltiminternet:checkvillages", {"INPUT": path})
    assert (res["SCHEME"], res["CODE_FIELD"], res["NAME_FIELD"]) == ("big_rbi", "KDEPUM", "NAMOBJ")
    assert res["ERROR_COUNT"] == 0 and res["WARNING_COUNT"] == 1  # no population field


def test_bps_points_csv_and_field_override(provider, tmp_path):
    csv = tmp_path / "bps.csv"
    csv.write_text("iddesa,nmdesa,jiwa,x,y\n6401010001,Desa A,120,116.0,-1.0\n6401010002,Desa B,80,116.1,-1.1\n"
                   "6501010003,Desa C,10,116.2,-1.2\n", encoding="utf-8")
    uri = f"file://{csv}?delimiter=,&xField=x&yField=y&crs=EPSG:4326"
    layer = QgsVectorLayer(uri, "bps", "delimitedtext")
    assert layer.isValid()
    res, log = run_alg("kaltiminternet:checkvillages", {"INPUT": layer, "POPULATION_FIELD": "jiwa"})
    assert res["SCHEME"] == "bps" and res["CODE_FIELD"] == "iddesa" and res["POPULATION_FIELD"] == "jiwa"
    assert res["ERROR_COUNT"] == 1 and "6501010003" in log  # province 65


def test_layer_without_crs_and_dem_checks(provider, tmp_path):
    fields = [("kode", ogr.OFTString), ("nama", ogr.OFTString)]
    path = write_layer(tmp_path / "nocrs.shp", [(("64.01.01.2001", "A"), SQ)], fields, epsg=None,
                       driver="ESRI Shapefile")
    res, log = run_alg("kaltiminternet:checkvillages", {"INPUT": path})
    assert "no coordinate reference system" in log and res["VALID"] is False

    # a DEM far away (does not overlap) with 50% nodata
    dem = tmp_path / "dem.tif"
    import numpy as np
    arr = np.full((20, 20), 50, dtype=np.int16)
    arr[:10] = -32768
    write_geotiff(dem, arr, (100000, 100, 0, 200000, 0, -100), nodata=-32768, dtype=gdal.GDT_Int16)
    good = write_layer(tmp_path / "good.gpkg", [(("64.01.01.2001", "A"), SQ)], fields)
    res, log = run_alg("kaltiminternet:checkvillages", {"INPUT": good, "DEM": str(dem)})
    assert "do not overlap the DEM" in log and res["VALID"] is False
    assert "50.0% of the DEM cells are nodata" in log


def test_unreadable_input_fails_clearly(provider, tmp_path):
    bad = tmp_path / "nothing.gpkg"
    bad.write_text("not a geopackage")
    with pytest.raises(Exception) as err:
        run_alg("kaltiminternet:checkvillages", {"INPUT": str(bad)})
    assert "INPUT" in str(err.value) or "Cannot read" in str(err.value)


def test_repair_writes_a_new_layer_and_keeps_the_input(provider, tmp_path):
    fields = [("kode", ogr.OFTString), ("nama", ogr.OFTString)]
    path = write_layer(tmp_path / "bow.gpkg", [(("64.01.01.2001", "A"), BOWTIE), (("64.01.01.2002", "B"), SQ)],
                       fields)
    before = Path(path).read_bytes()
    out = tmp_path / "repaired.gpkg"
    res, log = run_alg("kaltiminternet:repairvillages", {"INPUT": path, "OUTPUT": str(out)})
    assert res["REPAIRED_COUNT"] == 1
    assert Path(path).read_bytes() == before
    layer = QgsVectorLayer(str(out), "r", "ogr")
    assert layer.featureCount() == 2
    assert all(f.geometry().isGeosValid() for f in layer.getFeatures())
    res2, _ = run_alg("kaltiminternet:checkvillages", {"INPUT": str(out)})
    assert res2["ERROR_COUNT"] == 0


def test_number_boxes_show_their_unit_s_decimals(provider, qgis_app):
    """Processing's dialog, batch and Model Designer showed every decimal number with six places: a budget read
    "26000000000.000000", a receiver height "1.500000". Each Double parameter of every tool (and of the full-plan
    model) now carries its box's decimals by its unit (rupiah 0; metres, dB, MHz 1; heights, km, shares, % 2; k 4),
    enough for its default, which the box shows as it is, and the finest value a planner writes (0.25 km, 1.75 m,
    99.95 %)."""
    from qgis.core import QgsProcessingContext, QgsProcessingParameterNumber
    from qgis.gui import QgsDoubleSpinBox, QgsGui, QgsProcessingGui

    ctx = QgsProcessingContext()
    seen = {}
    for alg in provider.algorithms():
        for p in alg.parameterDefinitions():
            if not (p.type() == "number" and p.dataType() == QgsProcessingParameterNumber.Type.Double):
                continue
            places = (p.metadata().get("widget_wrapper") or {}).get("decimals")
            assert places is not None, (alg.id(), p.name())
            default = p.defaultValue()
            if default is not None:
                assert round(float(default), places) == float(default), (alg.id(), p.name(), default, places)
            wrapper = QgsGui.processingGuiRegistry().createParameterWidgetWrapper(
                p, QgsProcessingGui.WidgetType.Standard)
            widget = wrapper.createWrappedWidget(ctx)
            box = widget if isinstance(widget, QgsDoubleSpinBox) else widget.findChild(QgsDoubleSpinBox)
            assert box is not None and box.decimals() == places, (alg.id(), p.name())
            if default is not None:
                assert box.value() == float(default), (alg.id(), p.name())
            seen[alg.name(), p.name()] = box.text()
    assert seen["optimizesites", "BUDGET_IDR"] == "26000000000"
    assert seen["fullplan", "budget_idr"] == "26000000000"
    assert seen["coverage", "RX_HEIGHT"] == "1.50" and seen["coverage", "K_FACTOR"] == "1.3333"
    assert seen["classifyvillages", "COVERED_SHARE"] == "0.80" and seen["coverage", "MAX_RADIUS_M"] == "30000.0"
    assert seen["choosetech", "FIBRE_SERVICE_KM"] == "1.00" and seen["slareport", "TARGET_PCT"] == "99.00"
