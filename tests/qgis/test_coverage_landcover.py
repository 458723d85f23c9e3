"""kaltiminternet:coverage with a land-cover raster: clutter per cell after ITU-R P.452-17 §4.5 at the receiver
height, the flat margin only where the land cover has no class, and the same clutter in a candidate's coverage."""
from __future__ import annotations

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingException

from kaltim_internet_plugin.core.clutter import clutter_for, clutter_loss_db, default_table_path, read_table
from kaltim_internet_plugin.core.coverage import Site
from kaltim_internet_plugin.core.coverage_settings import CoverageSettings
from kaltim_internet_plugin.io.priority_layers import WindowCoverage
from tests.qgis.test_coverage_alg import run_alg, write_sites
from tests.rasters import write_geotiff

gdal.UseExceptions()

X0, Y0, CELL, N = 500000.0, 9950000.0, 90.0, 80
SITE_CR = (40, 40)
RSRP_DB = 27.78  # QUANTITY 1 (4G RSRP, 10 MHz): 10 log10(12 x 50) dB


def utm_xy(col, row, cell=CELL):
    return X0 + (col + 0.5) * cell, Y0 - (row + 0.5) * cell


def classes(n=N):
    """Quadrants on the DEM grid: north-west tree cover (10), north-east built-up (50), south-west water (80),
    south-east nodata (0, WorldCover's nodata)."""
    lc = np.zeros((n, n), dtype=np.uint8)
    lc[: n // 2, : n // 2] = 10
    lc[: n // 2, n // 2:] = 50
    lc[n // 2:, : n // 2] = 80
    return lc


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    d = tmp_path_factory.mktemp("landcover")
    yy, xx = np.mgrid[0:N, 0:N]
    z = 50.0 + 0.5 * np.hypot(xx - 20, yy - 60)  # gentle slope: diffraction-free paths from a tall mast
    dem = write_geotiff(d / "dem.tif", z.astype(np.float32), (X0, CELL, 0, Y0, 0, -CELL))
    # land cover on a 3x finer grid (30 m), same CRS: nearest resampling takes each DEM cell's centre sub-cell
    lc = write_geotiff(d / "lc.tif", np.kron(classes(), np.ones((3, 3), dtype=np.uint8)),
                       (X0, CELL / 3, 0, Y0, 0, -CELL / 3), nodata=0, dtype=gdal.GDT_Byte)
    sites = write_sites(d / "sites.gpkg", [("S", *utm_xy(*SITE_CR), 40.0, "4G")])
    return {"dir": d, "dem": dem, "lc": lc, "sites": sites}


def run(data, tmp_path, name, **kw):
    p = {"SITES": data["sites"], "DEM": data["dem"], "MODEL": 1, "RX_HEIGHT": 1.5, "MAX_RADIUS_M": 3000.0,
         "RESOLUTION": 2, "EXTRA_LOSS_DB": 15.0, "QUANTITY": 1, "OUTPUT": str(tmp_path / f"{name}.tif")}
    p.update(kw)
    res, log = run_alg("kaltiminternet:coverage", p)
    ds = gdal.Open(res["OUTPUT"])
    arr = ds.GetRasterBand(1).ReadAsArray().astype(np.float64)
    meta = ds.GetMetadata()
    ds = None
    arr[arr == -9999] = np.nan
    return arr, meta, log, res


def quadrant_loss(bare, clut):
    """Median dB lost to clutter in each quadrant (cells away from the quadrant edges)."""
    diff = bare - clut
    h, q = N // 2, 8
    return {"forest": np.nanmedian(diff[q:h - q, q:h - q]), "builtup": np.nanmedian(diff[q:h - q, h + q:N - q]),
            "water": np.nanmedian(diff[h + q:N - q, q:h - q]), "nodata": np.nanmedian(diff[h + q:N - q, h + q:N - q]),
            "diff": diff}


def test_handset_in_forest_loses_p452_figure_water_none_nodata_flat_margin(provider, data, tmp_path):
    bare, meta0, _, _ = run(data, tmp_path, "bare", EXTRA_LOSS_DB=0.0)
    clut, meta, log, res = run(data, tmp_path, "lc", LAND_COVER=data["lc"])
    q = quadrant_loss(bare, clut)
    table = read_table(default_table_path())
    forest = clutter_loss_db(1.5, table[10].height_m, table[10].distance_km, 900.0)
    assert forest == pytest.approx(19.5, abs=0.1)  # P.452 tropical rain forest at 1.5 m (issue 18)
    assert q["forest"] == pytest.approx(forest, abs=1e-3)
    assert q["builtup"] == pytest.approx(clutter_loss_db(1.5, 5.0, 0.07, 900.0), abs=1e-3)
    assert q["water"] == pytest.approx(0.0, abs=1e-3)
    assert q["nodata"] == pytest.approx(15.0, abs=1e-3)  # the flat margin only where the land cover has none
    # every cell lost one of the four figures (no margin on top of land cover anywhere)
    d = q["diff"][np.isfinite(q["diff"])]
    assert np.all(np.min(np.abs(d[:, None] - np.array([forest, q["builtup"], 0.0, 15.0])[None]), axis=1) < 1e-3)
    n_nodata = int((classes() == 0).sum())
    assert f"{n_nodata:,} of {N * N:,} cells have no land-cover class" in log
    assert meta["KALTIM_COV_CLUTTER"].startswith("landcover:lc.tif table:")
    assert meta["KALTIM_COV_CLUTTER_TABLE_SHA"] in meta["KALTIM_COV_CLUTTER"]
    assert meta0["KALTIM_COV_CLUTTER"] == "flat margin" and res["CLUTTER_USED"] == meta["KALTIM_COV_CLUTTER"]
    assert float(meta["KALTIM_EIRP_OFFSET_DB"]) == pytest.approx(RSRP_DB, abs=0.01)  # no flat margin in the EIRP


def test_router_on_a_5m_pole_loses_nothing_in_the_village(provider, data, tmp_path):
    bare, _, _, _ = run(data, tmp_path, "bare5", EXTRA_LOSS_DB=0.0, RX_HEIGHT=5.0)
    clut, _, _, _ = run(data, tmp_path, "lc5", LAND_COVER=data["lc"], RX_HEIGHT=5.0)
    q = quadrant_loss(bare, clut)
    assert q["builtup"] == pytest.approx(0.0, abs=1e-3)  # at the village-centre clutter height (5 m): ~0 dB
    assert q["water"] == pytest.approx(0.0, abs=1e-3)
    assert q["forest"] == pytest.approx(clutter_loss_db(5.0, 20.0, 0.03, 900.0), abs=1e-3)
    assert 18.5 < q["forest"] < 19.5  # a 5 m pole is still deep in 20 m tree cover


def test_land_cover_in_degrees_is_resampled_to_the_dem_grid(provider, data, tmp_path):
    """The same quadrants written in EPSG:4326 at ~0.0005 deg: nearest resampling gives the DEM cells their class
    (all but the cells along the quadrant borders)."""
    src = gdal.Open(data["lc"])
    gdal.Warp(str(tmp_path / "lc_4326.tif"), src, dstSRS="EPSG:4326", xRes=0.0005, yRes=0.0005,
              resampleAlg="near").FlushCache()
    bare, _, _, _ = run(data, tmp_path, "bare_d", EXTRA_LOSS_DB=0.0)
    clut, _, log, _ = run(data, tmp_path, "lc_d", LAND_COVER=str(tmp_path / "lc_4326.tif"))
    q = quadrant_loss(bare, clut)
    assert q["forest"] == pytest.approx(19.5, abs=0.1) and q["water"] == pytest.approx(0.0, abs=1e-3)
    assert q["nodata"] == pytest.approx(15.0, abs=1e-3)
    assert "resampled (nearest)" in log


def test_a_bad_table_row_is_named_with_its_row(provider, data, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("# my table\nclass,label,clutter_height_m,clutter_distance_km\n10,Forest,20,0.03\n"
                   "50,Built-up,five,0.07\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException) as exc:
        run(data, tmp_path, "bad", LAND_COVER=data["lc"], CLUTTER_TABLE=str(bad))
    assert "row 4" in str(exc.value) and "clutter_height_m" in str(exc.value) and "five" in str(exc.value)
    bad.write_text("class,clutter_height_m\n10,20\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="clutter_distance_km"):
        run(data, tmp_path, "bad2", LAND_COVER=data["lc"], CLUTTER_TABLE=str(bad))


@pytest.mark.parametrize("nodata", [float("nan"), -3.4028235e38])
def test_float_nodata_of_the_land_cover_is_logged_as_nodata(provider, data, tmp_path, nodata):
    """A Float32 land cover with nodata NaN or -3.4e38, its table with upper-case headers: the nodata quadrant was
    "with a class missing from the table" (and the table refused as lacking its columns)."""
    lc = classes().astype(np.float32)
    lc[lc == 0] = nodata
    path = write_geotiff(tmp_path / "land_float.tif", lc, (X0, CELL, 0, Y0, 0, -CELL), nodata=nodata)
    table = tmp_path / "TABLE.csv"
    table.write_text("CLASS,Label,Clutter_Height_M,Clutter_Distance_KM\n10,Tree cover,20,0.03\n50,Built-up,5,0.07\n"
                     "80,Water,0,0\n", encoding="utf-8")
    _, meta, log, _ = run(data, tmp_path, "lc_float", LAND_COVER=path, CLUTTER_TABLE=str(table))
    n = int((classes() == 0).sum())
    assert f"{n:,} of {N * N:,} cells have no land-cover class ({n:,} nodata or outside the land cover, 0 with a " \
           "class missing from the table)" in log, log
    assert meta["KALTIM_COV_CLUTTER"].startswith("landcover:land_float.tif table:")


def test_candidate_coverage_equals_the_raster_with_land_cover(provider, data, tmp_path):
    """One plan, one truth: the optimiser's candidate window (settings and clutter read back from the raster)
    gives the raster's value on every cell."""
    clut, _, _, res = run(data, tmp_path, "lc_c", LAND_COVER=data["lc"])
    settings = CoverageSettings.read_raster(res["OUTPUT"])
    assert settings.uses_land_cover
    ds = gdal.Open(data["dem"])
    engine = WindowCoverage(ds, model=settings.model, rx_height=settings.rx_height_m,
                            max_radius_m=settings.max_radius_m, k_factor=settings.k_factor,
                            ray_step_cells=settings.ray_steps, clutter=clutter_for(settings, ds))
    x, y = utm_xy(*SITE_CR)
    arr, (c0, r0) = engine.window("S", Site("S", x, y, 40.0, 900.0, 60.0 - settings.eirp_offset_db))
    ref = clut[r0:r0 + arr.shape[0], c0:c0 + arr.shape[1]]
    ok = np.isfinite(arr) & np.isfinite(ref)
    assert ok.sum() > 1000
    np.testing.assert_allclose(arr[ok], ref[ok], atol=1e-3)
    # and the preview (what-if) reads the same settings and clutter
    from kaltim_internet_plugin.core.whatif import WhatIfParams

    p = WhatIfParams.from_raster_metadata(res["OUTPUT"])
    assert p.settings == settings and p.eirp_offset_db == pytest.approx(settings.eirp_offset_db)


def test_signal_probe_core_applies_the_raster_clutter_at_the_point(provider, data, tmp_path):
    """core.profile.point_signal with the raster's clutter loses the cell's land-cover clutter (forest, built-up,
    water) or the flat margin (nodata), exactly as the raster."""
    from kaltim_internet_plugin.core.profile import point_signal

    _, _, _, res = run(data, tmp_path, "lc_p", LAND_COVER=data["lc"])
    settings = CoverageSettings.read_raster(res["OUTPUT"])
    grid = clutter_for(settings, gdal.Open(data["dem"]))
    x, y = utm_xy(*SITE_CR)
    site = Site("S", x, y, 40.0, 900.0, 60.0)
    expected = {(25, 25): clutter_loss_db(1.5, 20.0, 0.03, 900.0), (25, 55): clutter_loss_db(1.5, 5.0, 0.07, 900.0),
                (55, 25): 0.0, (55, 55): 15.0}
    for (row, col), loss in expected.items():
        px, py = utm_xy(col, row)
        bare = point_signal(data["dem"], [site], px, py, rx_height=1.5, max_radius=3000.0)[0]
        with_clutter = point_signal(data["dem"], [site], px, py, rx_height=1.5, max_radius=3000.0, clutter=grid)[0]
        assert bare["dbm"] - with_clutter["dbm"] == pytest.approx(loss, abs=1e-4)
        assert with_clutter["clutter_db"] == pytest.approx(loss, abs=1e-4)


def test_signal_probe_tool_passes_the_raster_clutter(provider, data, tmp_path):
    """The map tool's computation (gui.signal_probe_tool.compute_probe) with the raster's settings loses the same
    clutter as the raster at the point, for both models (P.526 and the ITM second opinion), and along the profile
    each sample loses its own cell's clutter."""
    from kaltim_internet_plugin.core.profile import point_signal
    from kaltim_internet_plugin.gui.signal_probe_tool import compute_probe

    _, _, _, res = run(data, tmp_path, "lc_t", LAND_COVER=data["lc"])
    settings = CoverageSettings.read_raster(res["OUTPUT"])
    x, y = utm_xy(*SITE_CR)
    site = Site("S", x, y, 40.0, 900.0, 60.0)
    wkt = gdal.Open(data["dem"]).GetProjection()
    px, py = utm_xy(20, 38)  # forest, the path starts over water
    loss = clutter_loss_db(1.5, 20.0, 0.03, 900.0)
    bare = compute_probe(data["dem"], wkt, [site], px, py, 1.5, 4 / 3, 3000.0)
    withc = compute_probe(data["dem"], wkt, [site], px, py, 1.5, 4 / 3, 3000.0, settings=settings)
    assert not bare["clutter"] and withc["clutter"] and withc["clutter_error"] is None
    b, w = bare["signals"][0], withc["signals"][0]
    assert w["clutter_db"] == pytest.approx(loss, abs=1e-4)
    assert b["dbm"] - w["dbm"] == pytest.approx(loss, abs=1e-4)
    assert b["itm_dbm"] - w["itm_dbm"] == pytest.approx(loss, abs=1e-4)
    assert w["dbm"] == pytest.approx(point_signal(data["dem"], [site], px, py, rx_height=1.5, max_radius=3000.0,
                                                  clutter=clutter_for(settings, gdal.Open(data["dem"])))[0]["dbm"])
    prof_b, prof_w = bare["profile"], withc["profile"]
    assert prof_w["dbm"] == pytest.approx(w["dbm"]) and prof_w["itm_dbm"] == pytest.approx(w["itm_dbm"])
    lost = prof_b["dbm_along"][1:] - prof_w["dbm_along"][1:]
    assert lost.min() >= -1e-4 and lost.max() - lost.min() > 1.0  # the path crosses classes: not one offset


def test_a_cancel_while_the_land_cover_is_counted_stops_the_run(provider, data, tmp_path, monkeypatch):
    """The land cover is counted over the whole DEM grid before the run (seconds on a province at 30 m): a cancel
    there stops the run with no output (it was heard only once the sites had started)."""
    import processing

    from kaltim_internet_plugin.core import clutter as cl

    counted = []
    real = cl.ClutterGrid.count_unclassified

    def count(self, block=2048, is_canceled=None):
        counted.append(is_canceled)
        return real(self, block=block, is_canceled=is_canceled)

    monkeypatch.setattr(cl.ClutterGrid, "count_unclassified", count)
    from tests.conftest import capture_feedback

    fb = capture_feedback()
    fb.cancel()
    out = tmp_path / "lc_cancel.tif"
    res = processing.run("kaltiminternet:coverage", {
        "SITES": data["sites"], "DEM": data["dem"], "MODEL": 1, "MAX_RADIUS_M": 3000.0, "LAND_COVER": data["lc"],
        "OUTPUT": str(out)}, feedback=fb)
    assert len(counted) == 1 and counted[0] is not None
    log = fb.textLog()
    # stopped at the count: its result line never came, nor the run's
    assert "Coverage canceled: no output was written." in log and "Clutter from the land cover" not in log, log
    assert not out.exists() and not res.get("OUTPUT")
