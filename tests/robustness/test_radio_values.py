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


def test_zero_negative_and_text_site_values_are_refused_not_defaulted(provider, tmp_path):
    """A height of -5 or 0, a frequency of 0 or -900 and a height written as 'abc' or '30.0,5' were replaced by the
    technology's default with an info line ('lacked height_m ...'), while importsites refused the same values: now
    'Compute coverage' and optimizesites refuse them with the site, field and value; an empty cell still takes the
    default."""
    import processing
    from qgis.core import QgsProcessingException

    from kaltim_internet_plugin.io.coverage_sites import radio_values

    assert radio_values(None, "", float("nan")) == (None, None, None, [])
    assert radio_values("35", "2,1", "58") == (35.0, 2100.0, 58.0, [])  # GHz below 30
    assert radio_values(-5.0, 0, 58.0)[3] == [("height_m", -5.0), ("freq_mhz", 0.0)]
    assert radio_values("abc", -900.0, "x")[3] == [("height_m", "abc"), ("freq_mhz", -900.0), ("eirp_dbm", "x")]
    rows = [("A", -5.0, 55.0, 900.0), ("B", 0.0, 55.0, 900.0), ("C", 40.0, 55.0, 0.0), ("D", 40.0, 55.0, -900.0),
            ("E", None, 55.0, 900.0)]
    path = sites(tmp_path, rows)
    with pytest.raises(QgsProcessingException) as exc:
        processing.run("kaltiminternet:coverage", {"SITES": path, "DEM": DEM, "OUTPUT": str(tmp_path / "c.tif")})
    text = str(exc.value)
    for part in ("4 site value(s)", "site A: height_m = -5 (valid 1 to 300)", "site B: height_m = 0 (valid 1 to 300)",
                 "site C: freq_mhz = 0 (valid 30 to 6000)", "site D: freq_mhz = -900 (valid 30 to 6000)"):
        assert part in text, text
    assert "site E" not in text and not (tmp_path / "c.tif").exists()
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsPointXY, QgsVectorLayer

    from kaltim_internet_plugin.compat import FieldType

    layer = QgsVectorLayer("Point?crs=EPSG:32750", "s", "memory")
    layer.dataProvider().addAttributes([QgsField("site_id", FieldType.String), QgsField("height_m", FieldType.String)])
    layer.updateFields()
    for sid, h in (("T", "abc"), ("U", "30.0,5"), ("V", "35"), ("W", "")):
        feat = QgsFeature(layer.fields())
        feat.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(520000, 9950000)))
        feat.setAttributes([sid, h])
        layer.dataProvider().addFeature(feat)
    with pytest.raises(QgsProcessingException) as exc:
        processing.run("kaltiminternet:coverage", {"SITES": layer, "DEM": DEM, "OUTPUT": str(tmp_path / "t.tif")})
    text = str(exc.value)
    assert "2 site value(s)" in text and "site T: height_m = 'abc' is not a number (valid 1 to 300)" in text
    assert "site U: height_m = '30.0,5' is not a number" in text and "site V" not in text and "site W" not in text


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


# ---- one range for a site's radio values, in every tool (audit T2, S3, M5, S1) -----------------------------------
OFFICES = f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=offices|subset=\"kode_kab\" = '64.74'"


def refusal(alg, params):
    import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as exc:
        processing.run(f"kaltiminternet:{alg}", params)
    text = str(exc.value).replace("Unable to execute algorithm\n", "")  # processing.run's first line
    assert "Unexpected error" not in text and "Please report" not in text, text
    return text


@pytest.mark.parametrize("alg,key,value,valid", [
    ("optimizesites", "FREQ_MHZ", 0, "30 to 6000"),  # was a ZeroDivisionError ("Unexpected error")
    ("optimizesites", "FREQ_MHZ", 1e12, "30 to 6000"),
    ("optimizesites", "TX_HEIGHT_M", 10000, "1 to 300"),
    ("optimizesites", "EIRP_DBM", 1000, "0 to 90"),
    ("candidates", "TOWER_HEIGHT_M", 10000, "1 to 300"),
    ("choosetech", "RADIO_MAST_M", 10000, "1 to 300"),
    ("choosetech", "SITE_HEIGHT_M", 10000, "1 to 300"),
    ("coverage", "RX_HEIGHT", 10000, "0 to 200"),  # the core's ranges, named by the parameter (not rx_height_m)
    ("coverage", "THRESHOLD_DBM", 1e12, "-160 to 0"),
    ("coverage", "K_FACTOR", 1e9, "0.1 to 10"),
])
def test_impossible_radio_parameters_are_refused_by_name(provider, tmp_path, alg, key, value, valid):
    cands = sites(tmp_path, [("A", 40.0, 55.0, 900.0)])
    params = {"VILLAGES": OFFICES, "CANDIDATES": cands, "SITES": cands, "DEM": DEM, key: value,
              "OUTPUT": str(tmp_path / ("out.tif" if alg == "coverage" else "out.gpkg")),
              "OUTPUT_SITES": "TEMPORARY_OUTPUT", "OUTPUT_VILLAGES": "TEMPORARY_OUTPUT"}
    text = refusal(alg, params)
    assert text.startswith(f"{key} (") and f"valid range {valid}." in text, text
    assert not list(tmp_path.glob("out.*"))


def test_the_parameter_ranges_are_the_core_ranges(provider):
    from qgis.core import QgsApplication

    from kaltim_internet_plugin.core.coverage_settings import RANGES
    from kaltim_internet_plugin.core.sites import PLAUSIBLE
    from kaltim_internet_plugin.io import coverage_sites

    assert coverage_sites.PLAUSIBLE is PLAUSIBLE  # coverage reads sites with importsites' range
    reg = QgsApplication.processingRegistry()
    expected = {("optimizesites", "TX_HEIGHT_M"): PLAUSIBLE["height_m"],
                ("optimizesites", "FREQ_MHZ"): PLAUSIBLE["freq_mhz"],
                ("optimizesites", "EIRP_DBM"): PLAUSIBLE["eirp_dbm"],
                ("candidates", "TOWER_HEIGHT_M"): PLAUSIBLE["height_m"],
                ("choosetech", "RADIO_MAST_M"): PLAUSIBLE["height_m"],
                ("choosetech", "SITE_HEIGHT_M"): PLAUSIBLE["height_m"],
                ("choosetech", "THRESHOLD_DBM"): RANGES["threshold_dbm"],
                ("classifyvillages", "THRESHOLD_DBM"): RANGES["threshold_dbm"],
                ("coverage", "RX_HEIGHT"): RANGES["rx_height_m"],
                ("coverage", "THRESHOLD_DBM"): RANGES["threshold_dbm"],
                ("coverage", "K_FACTOR"): RANGES["k_factor"],
                ("coverage", "EXTRA_LOSS_DB"): RANGES["clutter_margin_db"],
                ("coverage", "MAX_RADIUS_M"): RANGES["max_radius_m"],
                ("optimizesites", "RX_HEIGHT"): RANGES["rx_height_m"]}
    for (alg, key), (lo, hi) in expected.items():
        p = reg.algorithmById(f"kaltiminternet:{alg}").parameterDefinition(key)
        assert (p.minimum(), p.maximum()) == (lo, hi), (alg, key)
    from kaltim_internet_plugin.processing.help import RADIO_RANGES, TEXTS

    h, f, e = (PLAUSIBLE[k] for k in ("height_m", "freq_mhz", "eirp_dbm"))
    assert f"height {h[0]:g}–{h[1]:g} m, a frequency {f[0]:g}–{f[1]:g} MHz" in RADIO_RANGES
    assert f"EIRP {e[0]:g}–{e[1]:g} dBm" in RADIO_RANGES
    for alg in ("coverage", "candidates", "optimizesites", "choosetech"):
        assert RADIO_RANGES in TEXTS[alg][1], alg


def test_nan_is_not_a_number(provider, tmp_path):
    path = sites(tmp_path, [("A", 40.0, 55.0, 900.0)])
    text = refusal("coverage", {"SITES": path, "DEM": DEM, "THRESHOLD_DBM": float("nan"),
                                "OUTPUT": str(tmp_path / "c.tif")})
    assert text.startswith("THRESHOLD_DBM (") and "is not a number" in text and "no limit" not in text, text


def test_candidate_values_are_checked_like_site_layers(provider, tmp_path):
    """optimizesites reads a candidate's height/frequency/EIRP with coverage's validator: 10000 m is refused (it was
    silently replaced by TX_HEIGHT_M)."""
    xy = (545000, 10010000)  # on the Bontang offices
    bad = sites(tmp_path, [("A", 10000.0, 55.0, 900.0), ("B", 40.0, 55.0, 900.0)], xy)
    text = refusal("optimizesites", {"VILLAGES": OFFICES, "CANDIDATES": bad, "BUDGET_IDR": 10e9, "DEM": DEM,
                                     "MAX_RADIUS_M": 3000, "OUTPUT_SITES": "TEMPORARY_OUTPUT",
                                     "OUTPUT_VILLAGES": "TEMPORARY_OUTPUT"})
    assert "CANDIDATES" in text and "site A: height_m = 10000 (valid 1 to 300)" in text and "site B" not in text


def test_importsites_uses_the_same_range():
    from kaltim_internet_plugin.core.sites import normalise_sitelist_rows

    def row(**kw):
        return {"site_id": "S", "lon": "117.0", "lat": "0.5", "tech": "4G", "height_m": "30", "freq_mhz": "900",
                "eirp_dbm": "60"} | kw

    sites_, rejects, _ = normalise_sitelist_rows([row(freq_mhz="150"), row(site_id="T", eirp_dbm="95"),
                                                  row(site_id="U", height_m="0.5")])
    assert [s.freq_mhz for s in sites_] == [150.0]  # coverage accepts 30-6000 MHz: importsites too (was 300)
    assert [(r.code, r.params["low"], r.params["high"]) for r in rejects] == [
        ("site_eirp_implausible", "0", "90"), ("site_height_implausible", "1", "300")]


def nocrs_points(tmp_path) -> str:
    from osgeo import ogr

    path = str(tmp_path / "nocrs.shp")
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(path)
    lyr = ds.CreateLayer("nocrs", None, ogr.wkbPoint)
    lyr.CreateField(ogr.FieldDefn("site_id", ogr.OFTString))
    f = ogr.Feature(lyr.GetLayerDefn())
    f.SetField("site_id", "A")
    f.SetGeometry(ogr.CreateGeometryFromWkt("POINT (117.45 0.13)"))
    lyr.CreateFeature(f)
    ds = None
    return path


@pytest.mark.parametrize("alg", ["candidates", "coverage", "choosetech", "optimizesites", "prioritize"])
def test_a_layer_without_crs_is_refused(provider, tmp_path, alg):
    """Longitude/latitude points in a Shapefile without .prj were read as UTM metres (candidates ~500 km away);
    every tool that reads a layer refuses one without CRS (the check is in the base class)."""
    path = nocrs_points(tmp_path)
    key = "SITES" if alg == "coverage" else "VILLAGES"
    params = {key: path, "DEM": DEM, "OUTPUT": str(tmp_path / ("out.tif" if alg == "coverage" else "out.gpkg"))}
    if alg == "optimizesites":
        params |= {"CANDIDATES": sites(tmp_path, [("A", 40.0, 55.0, 900.0)]), "OUTPUT_SITES": "TEMPORARY_OUTPUT",
                   "OUTPUT_VILLAGES": "TEMPORARY_OUTPUT"}
    text = refusal(alg, params)
    assert text.startswith(f"{key} (") and "nocrs has no CRS" in text and "Layer Properties > Source" in text, text
    assert not list(tmp_path.glob("out.*"))


def test_the_village_check_reports_a_missing_crs_instead_of_refusing(provider, tmp_path):
    import processing

    from tests.conftest import capture_feedback

    fb = capture_feedback()
    res = processing.run("kaltiminternet:checkvillages", {"INPUT": nocrs_points(tmp_path)}, feedback=fb)
    assert res["FEATURE_COUNT"] == 1 and res["VALID"] is False and res["ERROR_COUNT"] >= 1
    assert "no coordinate reference system" in fb.textLog()


@pytest.mark.parametrize("alg,fill,dtype", [("coverage", -9999, "Float32"), ("candidates", -32768, "Int16"),
                                             ("choosetech", -9999, "Float32")])
def test_dem_fill_without_nodata_is_refused(provider, tmp_path, alg, fill, dtype):
    """A DEM exported without its nodata value: the fill cells were terrain 10 km deep (audit S2)."""
    from osgeo import gdal

    path = str(tmp_path / "dem_fill.tif")
    ds = gdal.Translate(path, DEM, noData="none", outputType=gdal.GetDataTypeByName(dtype))
    band = ds.GetRasterBand(1)
    a = band.ReadAsArray()
    a[100:140, 200:230] = fill
    band.WriteArray(a)
    gt = ds.GetGeoTransform()
    ds = None
    cands = sites(tmp_path, [("A", 40.0, 55.0, 900.0)])
    text = refusal(alg, {"SITES": cands, "VILLAGES": OFFICES, "DEM": path, "RADIO_MAX_KM": 20,
                         "OUTPUT": str(tmp_path / ("out.tif" if alg == "coverage" else "out.gpkg"))})
    x, y = gt[0] + 200.5 * gt[1], gt[3] + 100.5 * gt[5]
    assert f"has 1,200 cells of {fill} m (e.g. at x {x:.0f}, y {y:.0f}" in text, text
    assert f"gdal_translate -a_nodata {fill}" in text and "no nodata value" in text
    assert not list(tmp_path.glob("out.*"))


@pytest.mark.parametrize("factor, unit", [(32.8084, "feet x 10"), (100.0, "centimetres")])
def test_a_dem_not_in_metres_is_refused(provider, tmp_path, factor, unit):
    """A DEM in feet x 10 or centimetres (terrain up to 26,000 m and more) was used as metres without a word."""
    from osgeo import gdal

    src = gdal.Open(DEM)
    arr = src.GetRasterBand(1).ReadAsArray().astype("float32")
    nodata = src.GetRasterBand(1).GetNoDataValue()
    scaled = arr * factor if nodata is None else (arr * factor) * (arr != nodata) + nodata * (arr == nodata)
    path = str(tmp_path / "dem_scaled.tif")
    out = gdal.GetDriverByName("GTiff").Create(path, src.RasterXSize, src.RasterYSize, 1, gdal.GDT_Float32)
    out.SetGeoTransform(src.GetGeoTransform())
    out.SetProjection(src.GetProjection())
    if nodata is not None:
        out.GetRasterBand(1).SetNoDataValue(nodata)
    out.GetRasterBand(1).WriteArray(scaled)
    out = None
    site = sites(tmp_path, [("A", 40.0, 55.0, 900.0)])
    text = refusal("coverage", {"SITES": site, "DEM": path, "OUTPUT": str(tmp_path / "c.tif")})
    assert "cannot be metres" in text and "feet" in text and "0.3048" in text, text
    assert not (tmp_path / "c.tif").exists()


def test_the_village_check_finds_a_layer_in_the_wrong_crs(provider, tmp_path):
    """Longitude/latitude declared as UTM 50S metres: the check said VALID True; now an error with where the layer
    lies and the fix. The same offices in their real CRS pass that check."""
    import processing
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    from tests.conftest import capture_feedback

    def offices(crs):
        layer = QgsVectorLayer(f"Point?crs={crs}&field=kode:string&field=nama:string", "offices", "memory")
        for i, (lon, lat) in enumerate(((117.15, -0.50), (117.2, -0.55))):
            f = QgsFeature(layer.fields())
            f.setAttributes([f"64.74.01.100{i + 1}", f"Desa {i}"])
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
            layer.dataProvider().addFeature(f)
        layer.updateExtents()
        return layer

    fb = capture_feedback()
    res = processing.run("kaltiminternet:checkvillages", {"INPUT": offices("EPSG:32750")}, feedback=fb)
    log = fb.textLog()
    assert res["VALID"] is False and "lies outside Kalimantan Timur" in log and "EPSG:32750" in log, log
    assert "EPSG:4326 for longitude/latitude" in log
    fb = capture_feedback()
    processing.run("kaltiminternet:checkvillages", {"INPUT": offices("EPSG:4326")}, feedback=fb)
    assert "outside Kalimantan Timur" not in fb.textLog()
