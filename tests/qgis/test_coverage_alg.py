"""kaltiminternet:coverage through Processing, on a generated hilly DEM (EPSG:32750) and sites in EPSG:4326."""
from __future__ import annotations

import json
import os
import re

import numpy as np
import pytest
from osgeo import gdal, ogr, osr
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from tests.libm import same_values
from tests.rasters import gaussian_hills, write_geotiff

gdal.UseExceptions()

X0, Y0, CELL, N = 500000.0, 9950000.0, 90.0, 300
RADIUS = 8000.0
# (site_id, col, row, height_m or None, tech)
SITES = [("A", 80, 90, 30.0, "4G"), ("B", 200, 120, 40.0, "4G"), ("C", 150, 230, None, "2G"),
         ("D", 60, 250, 25.0, None)]


def run_alg(alg_id, p):
    """Like tests.conftest.run_alg, but also records pushWarning (the degree-DEM message)."""
    import processing

    from tests.conftest import capture_feedback

    fb = capture_feedback()
    res = processing.run(alg_id, p, feedback=fb)
    return res, "\n".join(fb.lines)


def hills(n=N, seed=11):
    return gaussian_hills(n, seed, 40.0, 30, (6, 30), (40, 300))


def write_dem(path, z):
    return write_geotiff(path, z, (X0, CELL, 0, Y0, 0, -CELL))


def utm_xy(col, row):
    return X0 + (col + 0.5) * CELL, Y0 - (row + 0.5) * CELL


def to_lonlat(x, y):
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(32750)
    dst.ImportFromEPSG(4326)
    dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lon, lat, _ = osr.CoordinateTransformation(src, dst).TransformPoint(x, y)
    return lon, lat


def write_sites(path, rows, lonlat=True):
    """Sites GeoPackage in EPSG:4326: rows of (site_id, x, y, height_m, tech) with x/y in UTM 50S metres."""
    drv = ogr.GetDriverByName("GPKG")
    ds = drv.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lyr = ds.CreateLayer("sites", srs, ogr.wkbPoint)
    for name, t in (("site_id", ogr.OFTString), ("height_m", ogr.OFTReal), ("tech", ogr.OFTString),
                    ("operator", ogr.OFTString), ("freq_mhz", ogr.OFTReal), ("eirp_dbm", ogr.OFTReal)):
        lyr.CreateField(ogr.FieldDefn(name, t))
    for sid, x, y, h, tech in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("site_id", sid)
        if h is not None:  # a site without height also lacks frequency and EIRP (-> tech defaults)
            f.SetField("height_m", h)
            f.SetField("freq_mhz", 900.0)
            f.SetField("eirp_dbm", 60.0)
        if tech is not None:
            f.SetField("tech", tech)
        f.SetField("operator", "Telkomsel")
        lon, lat = to_lonlat(x, y) if lonlat else (x, y)
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({lon} {lat})"))
        lyr.CreateFeature(f)
    ds = None
    return f"{path}|layername=sites"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    d = tmp_path_factory.mktemp("coverage")
    dem = write_dem(d / "hills.tif", hills())
    rows = [(sid, *utm_xy(c, r), h, t) for sid, c, r, h, t in SITES]
    sites = write_sites(d / "sites.gpkg", rows)
    return {"dir": d, "dem": dem, "sites": sites, "rows": rows}


def read(path):
    ds = gdal.Open(str(path))
    arr = ds.GetRasterBand(1).ReadAsArray()
    info = (ds.RasterXSize, ds.RasterYSize, ds.GetGeoTransform(), ds.GetMetadataItem("KALTIM_COVERAGE_KIND"),
            ds.GetRasterBand(1).GetNoDataValue())
    ds = None
    return arr, info


def params(data, tmp_path, **kw):
    p = {"SITES": data["sites"], "DEM": data["dem"], "MODEL": 1, "RX_HEIGHT": 1.5, "THRESHOLD_DBM": -110.0,
         "MAX_RADIUS_M": RADIUS, "K_FACTOR": 4 / 3, "RESOLUTION": 0, "OUTPUT": str(tmp_path / "cov.tif")}
    p.update(kw)
    return p


def test_registered(provider):
    alg = provider.algorithm("coverage")
    assert alg is not None and alg.group()
    names = [p.name() for p in alg.parameterDefinitions()]
    for n in ("SITES", "DEM", "MODEL", "RX_HEIGHT", "THRESHOLD_DBM", "MAX_RADIUS_M", "K_FACTOR", "RESOLUTION",
              "OUTPUT", "OUTPUT_SERVER"):
        assert n in names
    assert "Hata" in alg.shortHelpString() and "Bullington" in alg.shortHelpString()


def test_p526_on_the_dem_grid_with_server(provider, data, tmp_path):
    p = params(data, tmp_path, OUTPUT_SERVER=str(tmp_path / "server.tif"))
    res, log = run_alg("kaltiminternet:coverage", p)
    arr, (nx, ny, gt, kind, nd) = read(res["OUTPUT"])
    assert (nx, ny) == (N, N) and gt == pytest.approx((X0, CELL, 0, Y0, 0, -CELL)) and kind == "dbm"
    assert nd == -9999
    valid = arr != -9999
    assert valid.any() and (~valid).any()  # cells beyond 8 km of every site are nodata
    assert -200 < arr[valid].min() and arr[valid].max() < 60  # EIRP (the site cell: FSPL at 1 m)
    assert res["SITES_COMPUTED"] == 4 and res["SITES_SKIPPED"] == 0 and res["NODATA_SHARE"] == 0
    assert res["SITES_DEFAULTED"] == 1  # C has no height -> 2G default
    assert "1 of 4 site(s)" in log
    ids = json.loads(res["SERVER_IDS"])
    assert sorted(ids.values()) == ["A", "B", "C", "D"]
    srv, (sx, sy, sgt, _, snd) = read(res["OUTPUT_SERVER"])
    assert (sx, sy) == (N, N) and snd == -1
    # the site's own cell is served by that site
    for sid, c, r, _, _ in SITES:
        assert ids[str(int(srv[r, c]))] == sid
        assert arr[r, c] > -60
    # the serving-site raster says what it is, and no step takes it for the coverage (its site indices would read
    # as dBm above any threshold, or as line-of-sight counts)
    from qgis.core import QgsFeature, QgsGeometry, QgsRectangle, QgsVectorLayer

    assert gdal.Open(res["OUTPUT_SERVER"]).GetMetadataItem("KALTIM_RASTER_ROLE") == "server"
    assert gdal.Open(res["OUTPUT"]).GetMetadataItem("KALTIM_RASTER_ROLE") is None
    villages = QgsVectorLayer("Polygon?crs=EPSG:32750&field=kode:string", "v", "memory")
    f = QgsFeature(villages.fields())
    f.setAttributes(["64.01.01.2001"])
    f.setGeometry(QgsGeometry.fromRect(QgsRectangle(X0 + 10 * CELL, Y0 - 20 * CELL, X0 + 20 * CELL, Y0 - 10 * CELL)))
    villages.dataProvider().addFeatures([f])
    with pytest.raises(QgsProcessingException) as ei:
        run_alg("kaltiminternet:classifyvillages", {"VILLAGES": villages, "COVERAGE": res["OUTPUT_SERVER"],
                                                    "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "is the serving-site index written by 'Compute coverage'" in str(ei.value)
    done, _ = run_alg("kaltiminternet:classifyvillages", {"VILLAGES": villages, "COVERAGE": res["OUTPUT"],
                                                          "OUTPUT": "TEMPORARY_OUTPUT"})
    assert done["COVERED"] + done["PARTIAL"] + done["BLANK_SPOT"] == 1


def test_itm_second_opinion_model(provider, data, tmp_path):
    """MODEL 'itm' (the last option: Longley-Rice ITM on the same rays) gives a dBm raster recorded as 'itm',
    different from the p526 raster where the terrain is irregular; its help names the model and its validity."""
    from kaltim_internet_plugin.core import definitions as defs

    alg = provider.algorithm("coverage")
    assert defs.MODELS[-1] == "itm" and "Longley-Rice" in alg.shortHelpString()
    opts = [p for p in alg.parameterDefinitions() if p.name() == "MODEL"][0].options()
    assert len(opts) == len(defs.MODELS) and "ITM" in opts[-1]
    itm, itm_log = run_alg("kaltiminternet:coverage", params(data, tmp_path, MODEL=defs.MODELS.index("itm"),
                                                            RESOLUTION=1, OUTPUT=str(tmp_path / "itm.tif")))
    p526, _ = run_alg("kaltiminternet:coverage", params(data, tmp_path, RESOLUTION=1,
                                                         OUTPUT=str(tmp_path / "p526.tif")))
    a, (_, _, _, kind, _) = read(itm["OUTPUT"])
    b, _ = read(p526["OUTPUT"])
    assert kind == "dbm" and gdal.Open(itm["OUTPUT"]).GetMetadataItem("KALTIM_COVERAGE_MODEL") == "itm"
    assert "Longley-Rice ITM is valid for paths of 1 km or more" in itm_log  # its validity, in the log
    # and, before it starts, what it will cost (compiled by numba about ten times P.526's time; in Python hundreds)
    from kaltim_internet_plugin.core import itm as itm_core

    line = next(x for x in itm_log.splitlines() if "receivers a site here" in x)
    assert " 0 s " not in line and re.search(r"about \d[\d.,]* s a site", line), line
    if itm_core.compiled_expected():
        assert "compiled by numba" in line and "thread(s)" in line
        assert "Ray kernels: compiled (numba)." in itm_log
    else:
        assert "in Python" in line and "Selected features only" in line
    both = (a != -9999) & (b != -9999)
    assert np.array_equal(a != -9999, b != -9999) and both.sum() > 1000
    assert np.abs(a[both] - b[both]).mean() > 1.0


@pytest.mark.parametrize("resolution, steps, mean_db", [(1, "2,4", 0.5), (2, "2,2", 0.5)])
def test_fast_and_fine_resolutions_close_to_exact(provider, data, tmp_path, resolution, steps, mean_db):
    exact, _ = run_alg("kaltiminternet:coverage", params(data, tmp_path, OUTPUT=str(tmp_path / "e.tif")))
    fast, _ = run_alg("kaltiminternet:coverage", params(data, tmp_path, RESOLUTION=resolution,
                                                          OUTPUT=str(tmp_path / "f.tif")))
    a, _ = read(exact["OUTPUT"])
    b, _ = read(fast["OUTPUT"])
    both = (a != -9999) & (b != -9999)
    assert both.sum() > 0.9 * (a != -9999).sum()
    err = np.abs(a[both] - b[both])
    assert 0 < err.mean() < mean_db
    assert gdal.Open(fast["OUTPUT"]).GetMetadataItem("KALTIM_RAY_STEP_CELLS") == steps
    assert gdal.Open(exact["OUTPUT"]).GetMetadataItem("KALTIM_RAY_STEP_CELLS") == "1,1"


def test_default_resolution_is_fast(provider):
    from kaltim_internet_plugin.processing.alg_coverage import RESOLUTIONS

    p = provider.algorithm("coverage").parameterDefinition("RESOLUTION")
    assert RESOLUTIONS[int(p.defaultValue())] == "fast" and len(p.options()) == 3


def viewshed_count(dem, sites_xy, heights, rx, k, radius):
    ds = gdal.Open(dem)
    total = np.zeros((N, N), dtype=np.int32)
    for (x, y), h in zip(sites_xy, heights):
        vs = gdal.ViewshedGenerate(ds.GetRasterBand(1), "MEM", "", [], x, y, h, rx, 1.0, 0.0, 0.0, 0.0,
                                   1.0 / k, gdal.GVM_Edge, radius)
        arr = vs.GetRasterBand(1).ReadAsArray()
        vgt = vs.GetGeoTransform()
        oc = int(round((vgt[0] - X0) / CELL))
        orow = int(round((Y0 - vgt[3]) / CELL))
        total[orow:orow + arr.shape[0], oc:oc + arr.shape[1]] += (arr == 1)
        vs = None
    return total


def test_los_counts_sites_in_line_of_sight_like_gdal_viewshed(provider, data, tmp_path):
    res, log = run_alg("kaltiminternet:coverage", params(data, tmp_path, MODEL=0, RX_HEIGHT=2.0))
    arr, (nx, ny, gt, kind, _) = read(res["OUTPUT"])
    assert (nx, ny) == (N, N) and kind == "los"
    got = np.where(arr == -9999, 0, arr)
    # independent reference: gdal.ViewshedGenerate on the full DEM, same site positions and heights
    heights = [h if h is not None else 30.0 for _, _, _, h, _ in data["rows"]]  # C: 2G default 30 m
    heights[3] = 25.0
    xy = [(x, y) for _, x, y, _, _ in data["rows"]]
    ref = viewshed_count(data["dem"], xy, heights, 2.0, 4 / 3, RADIUS)
    cx = X0 + (np.arange(N) + 0.5) * CELL
    cy = Y0 - (np.arange(N) + 0.5) * CELL
    rim = np.zeros((N, N), bool)
    for x, y in xy:
        d = np.hypot(cx[None, :] - x, cy[:, None] - y)
        rim |= np.abs(d - RADIUS) <= 2 * CELL
    agree = np.mean(got[~rim] == ref[~rim])
    assert agree >= 0.99, agree
    assert got.max() >= 2 and (got[~rim] == 0).mean() > 0.05


def test_degree_dem_is_reprojected_with_a_message(provider, data, tmp_path):
    deg = str(tmp_path / "hills_4326.tif")
    gdal.Warp(deg, data["dem"], dstSRS="EPSG:4326", resampleAlg="bilinear")
    res, log = run_alg("kaltiminternet:coverage", params(data, tmp_path, DEM=deg, MODEL=2))
    assert "geographic degrees" in log and "EPSG:32750" in log
    ds = gdal.Open(res["OUTPUT"])
    srs = osr.SpatialReference(wkt=ds.GetProjection())
    assert srs.IsProjected() and srs.GetAuthorityCode(None) == "32750"
    assert abs(ds.GetGeoTransform()[1] - CELL) < 15
    assert res["DEM_USED"] != deg and os.path.exists(res["DEM_USED"])
    ds = None
    assert res["SITES_COMPUTED"] == 4


def test_sites_outside_the_dem_are_named(provider, data, tmp_path):
    far = write_sites(tmp_path / "far.gpkg", [("FAR-1", X0 - 50000, Y0, 30.0, "4G"),
                                              ("FAR-2", X0 + 90000, Y0, 30.0, "4G")])
    with pytest.raises(QgsProcessingException) as e:
        run_alg("kaltiminternet:coverage", params(data, tmp_path, SITES=far))
    text = str(e.value)
    assert "FAR-1" in text and "FAR-2" in text and "CRS" in text


def test_some_sites_outside_are_skipped_and_listed(provider, data, tmp_path):
    rows = data["rows"][:2] + [("FAR-1", X0 - 50000, Y0, 30.0, "4G")]
    mixed = write_sites(tmp_path / "mixed.gpkg", rows)
    res, log = run_alg("kaltiminternet:coverage", params(data, tmp_path, SITES=mixed, MODEL=2))
    assert res["SITES_COMPUTED"] == 2 and res["SITES_SKIPPED"] == 1 and "FAR-1" in log


def test_empty_site_layer(provider, data, tmp_path):
    empty = write_sites(tmp_path / "empty.gpkg", [])
    with pytest.raises(QgsProcessingException, match="empty"):
        run_alg("kaltiminternet:coverage", params(data, tmp_path, SITES=empty))


def test_zero_radius(provider, data, tmp_path):
    with pytest.raises(QgsProcessingException, match="radius"):
        run_alg("kaltiminternet:coverage", params(data, tmp_path, MAX_RADIUS_M=0))


def test_nodata_only_dem(provider, data, tmp_path):
    dem = write_dem(tmp_path / "nodata.tif", np.full((N, N), -9999.0))
    with pytest.raises(QgsProcessingException, match="nodata"):
        run_alg("kaltiminternet:coverage", params(data, tmp_path, DEM=dem))


def test_nodata_holes_are_nodata_in_the_output(provider, data, tmp_path):
    z = hills()
    z[100:140, 60:100] = -9999.0  # hole next to site A
    dem = write_dem(tmp_path / "holes.tif", z)
    res, log = run_alg("kaltiminternet:coverage", params(data, tmp_path, DEM=dem))
    arr, _ = read(res["OUTPUT"])
    assert np.all(arr[100:140, 60:100] == -9999)
    assert 0 < res["NODATA_SHARE"] < 0.2 and "nodata" in log


def test_cancel_after_first_progress(provider, data, tmp_path):
    import processing

    fb = QgsProcessingFeedback()
    fb.progressChanged.connect(lambda _p: fb.cancel())
    out = tmp_path / "canceled.tif"
    try:
        res = processing.run("kaltiminternet:coverage", params(data, tmp_path, OUTPUT=str(out)), feedback=fb)
    except QgsProcessingException:
        res = {}
    assert fb.isCanceled()
    assert not out.exists() and not res.get("OUTPUT")
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".kcov_")]


def test_output_is_styled_when_loaded(provider, data, tmp_path):
    import processing
    from qgis.core import (
        QgsProcessingContext,
        QgsProject,
        QgsRasterLayer,
        QgsSingleBandPseudoColorRenderer,
    )

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    out = str(tmp_path / "styled.tif")
    res = processing.runAndLoadResults("kaltiminternet:coverage", params(data, tmp_path, OUTPUT=out),
                                       context=context)
    layer = QgsProject.instance().mapLayer(res["OUTPUT"]) if isinstance(res["OUTPUT"], str) else res["OUTPUT"]
    if layer is None:
        layer = [lyr for lyr in QgsProject.instance().mapLayers().values() if lyr.source() == out][0]
    assert isinstance(layer, QgsRasterLayer)
    assert isinstance(layer.renderer(), QgsSingleBandPseudoColorRenderer)
    items = layer.renderer().shader().rasterShaderFunction().colorRampItemList()
    assert any("-110" in i.label for i in items)
    QgsProject.instance().removeMapLayer(layer.id())


def test_rsrp_quantity_and_foliage_margin_lower_the_signal_exactly(provider, data, tmp_path):
    """QUANTITY=1 (4G RSRP, 10 MHz) is 27.78 dB below received power; EXTRA_LOSS_DB adds its dB on top."""
    res_a, _ = run_alg("kaltiminternet:coverage", params(data, tmp_path, QUANTITY=0, EXTRA_LOSS_DB=0,
                                                           OUTPUT=str(tmp_path / "p.tif")))
    res_b, log = run_alg("kaltiminternet:coverage", params(data, tmp_path, EXTRA_LOSS_DB=15,  # QUANTITY 1 = default
                                                           OUTPUT=str(tmp_path / "r.tif")))
    a, _ = read(res_a["OUTPUT"])
    b, _ = read(res_b["OUTPUT"])
    valid = (a != -9999) & (b != -9999)
    assert valid.sum() > 100
    assert np.allclose(a[valid] - b[valid], 27.78 + 15, atol=0.01)
    assert "RSRP" in log and "15 dB" in log


def test_the_log_says_whether_the_ray_kernels_are_compiled(provider, data, tmp_path, monkeypatch):
    """With numba the rays run compiled; without it (KALTIM_NUMBA=0, as on a QGIS without numba) the same raster
    comes from numpy and the log says how to get the faster kernels."""
    from kaltim_internet_plugin.core import kernels

    rasters = {}
    for mode in ("1", "0"):
        monkeypatch.setenv("KALTIM_NUMBA", mode)
        res, log = run_alg("kaltiminternet:coverage", params(data, tmp_path, OUTPUT=str(tmp_path / f"k{mode}.tif")))
        rasters[mode] = read(res["OUTPUT"])[0]
        if mode == "1" and kernels.AVAILABLE:
            assert "Ray kernels: compiled (numba)." in log
        elif kernels.AVAILABLE:
            assert "Ray kernels: numpy (KALTIM_NUMBA=0)." in log
        else:
            assert "Ray kernels: numpy (numba is not installed" in log and "python3-numba" in log
    assert same_values(rasters["1"], rasters["0"]) and (rasters["1"] != -9999).any()


def test_without_numba_the_log_says_how_to_get_it(monkeypatch):
    from kaltim_internet_plugin.core import kernels
    from kaltim_internet_plugin.processing.alg_coverage import CoverageAlgorithm

    monkeypatch.setattr(kernels, "AVAILABLE", False)
    text = CoverageAlgorithm._kernels_text(False)
    assert "numba is not installed" in text and "apt install python3-numba" in text and "pip install numba" in text
    monkeypatch.setattr(kernels, "AVAILABLE", True)
    monkeypatch.setattr(kernels, "FAILURE", ["LoweringError: no LLVM"])
    assert "could not compile them: LoweringError: no LLVM" in CoverageAlgorithm._kernels_text(False)


def test_itm_says_whether_it_runs_compiled_or_in_python(data, monkeypatch):
    """Before an ITM run the log estimates its time for the model that will run: compiled (an info line, unless the
    run is long) or in Python (a warning, with how to install numba when it is missing); after it, why it ran in
    Python when numba failed on ITM alone."""
    from dataclasses import replace

    from kaltim_internet_plugin.core import coverage as cov
    from kaltim_internet_plugin.core import itm, kernels
    from kaltim_internet_plugin.core.coverage_settings import DEFAULTS
    from kaltim_internet_plugin.processing.alg_coverage import CoverageAlgorithm

    settings = replace(DEFAULTS, model="itm", max_radius_m=30000.0)
    monkeypatch.setattr(itm, "compiled_expected", lambda: True)
    text, warn = CoverageAlgorithm.itm_time_text(data["dem"], 4, settings)
    assert "compiled by numba" in text and not warn
    monkeypatch.setattr(cov, "ITM_LONG_S", 0.0)
    assert CoverageAlgorithm.itm_time_text(data["dem"], 4, settings)[1]  # a long run: a warning
    monkeypatch.setattr(itm, "compiled_expected", lambda: False)
    monkeypatch.setattr(kernels, "AVAILABLE", False)
    text, warn = CoverageAlgorithm.itm_time_text(data["dem"], 4, settings)
    assert warn and "in Python" in text and "apt install python3-numba" in text and "pip install numba" in text
    monkeypatch.setattr(kernels, "AVAILABLE", True)
    assert "install" not in CoverageAlgorithm.itm_time_text(data["dem"], 4, settings)[0]
    monkeypatch.setattr(kernels, "FAILURE", [""])
    monkeypatch.setattr(itm, "FAILURE", ["TypingError: x"])
    assert "ITM in Python (numba could not compile it: TypingError: x" in CoverageAlgorithm._kernels_text(False, "itm")
    assert "numpy (KALTIM_NUMBA=0)" in CoverageAlgorithm._kernels_text(False, "p526")


def _fails(p):
    import processing

    with pytest.raises(QgsProcessingException) as exc:
        processing.run("kaltiminternet:coverage", p)
    text = str(exc.value)
    assert "Traceback" not in text and "Unexpected error" not in text and "report it" not in text, text
    return text


def test_a_polygon_layer_as_sites_is_refused(provider, data, tmp_path):
    """The sample's kecamatan as SITES stopped on "TypeError: MultiPolygon geometry cannot be converted to a
    multipoint" and "Unexpected error … Please report it" (found 2026-12): refused before the run, as importsites
    refuses it."""
    from tests.conftest import SAMPLE

    kecamatan = f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=kecamatan"
    text = _fails(params(data, tmp_path, SITES=kecamatan, DEM=str(SAMPLE / "kaltim_dem_synthetic_250m.tif")))
    assert "\nSITES (Sites (tower points)): the layer kecamatan (kaltim_sample.gpkg) holds polygons, not points: a " \
        "tower is a point. Give a point layer of towers" in text, text
    assert not (tmp_path / "cov.tif").exists()


def test_polygons_among_the_sites_of_a_mixed_layer_are_refused(provider, data, tmp_path):
    """A layer of mixed geometry types (its type is its first feature's, a point) passes the layer's check: its
    polygons are named by feature id before the run (processing.checks.not_points; was the traceback)."""
    path = tmp_path / "mixed.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32750)
    lyr = ds.CreateLayer("mixed", srs, ogr.wkbUnknown)
    lyr.CreateField(ogr.FieldDefn("site_id", ogr.OFTString))
    (x, y), (x2, y2) = utm_xy(20, 20), utm_xy(40, 40)
    for sid, wkt in (("T1", f"POINT ({x} {y})"),
                     ("KEC", f"MULTIPOLYGON ((({x2} {y2}, {x2 + 500} {y2}, {x2 + 500} {y2 + 500}, {x2} {y2})))")):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("site_id", sid)
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        lyr.CreateFeature(f)
    ds = None
    text = _fails(params(data, tmp_path, SITES=f"{path}|layername=mixed"))
    assert "SITES (Sites (tower points)): 1 feature(s) of the layer mixed (mixed.gpkg) are polygons, not points " \
        "(feature 2): a tower is a point" in text and "give a point layer of towers" in text, text
    assert not (tmp_path / "cov.tif").exists()
