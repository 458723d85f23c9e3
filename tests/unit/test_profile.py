"""core.profile: terrain profile over a known ridge, Fresnel radius, and the signal at a point (no QGIS)."""
import math
import os
import sys

import numpy as np
import pytest
from osgeo import gdal

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from kaltim_internet_plugin.core import coverage as cov  # noqa: E402
from kaltim_internet_plugin.core import propagation as prop  # noqa: E402
from kaltim_internet_plugin.core.profile import (  # noqa: E402
    NamedSite,
    ProfileError,
    fresnel_radius_m,
    point_signal,
    terrain_profile,
)
from tests.rasters import gaussian_hills, write_geotiff  # noqa: E402

X0, Y0, CELL = 500000.0, 9950000.0, 90.0


def _write(path, z, epsg=32750, gt=None):
    return write_geotiff(path, z, gt or (X0, CELL, 0, Y0, 0, -CELL), epsg=epsg)


def _xy(col, row):
    return X0 + (col + 0.5) * CELL, Y0 - (row + 0.5) * CELL


RIDGE_COL, ROW, TX_COL, RX_COL, H = 100, 50, 40, 160, 120.0


@pytest.fixture(scope="module")
def ridge_dem(tmp_path_factory):
    """Flat 20 m terrain with a one-cell-wide north-south ridge of height 20 + H at column RIDGE_COL."""
    z = np.full((100, 200), 20.0)
    z[:, RIDGE_COL] = 20.0 + H
    return _write(tmp_path_factory.mktemp("ridge") / "ridge.tif", z)


def test_profile_over_a_single_ridge(ridge_dem):
    tx, rx = _xy(TX_COL, ROW), _xy(RX_COL, ROW)
    p = terrain_profile(ridge_dem, tx, rx, tx_height=30.0, rx_height=1.5, freq_mhz=900.0, k_factor=4 / 3,
                        eirp_dbm=60.0)
    d = p["distances"]
    dist = (RX_COL - TX_COL) * CELL
    assert p["distance_m"] == pytest.approx(dist)
    assert d.size == RX_COL - TX_COL + 1 and d[0] == 0 and d[-1] == pytest.approx(dist)
    # one elevated sample, on the ridge, half way
    mid = int(np.argmax(p["ground"]))
    assert d[mid] == pytest.approx(dist / 2) and p["ground"][mid] == pytest.approx(20 + H)
    assert np.allclose(np.delete(p["ground"], mid), 20.0)
    # earth bulge d1 d2 / (2 k a), zero at both ends
    a = 4 / 3 * prop.EARTH_RADIUS_M
    assert p["bulge"][mid] == pytest.approx((dist / 2) ** 2 / (2 * a))
    assert p["bulge"][0] == 0 and p["bulge"][-1] == pytest.approx(0, abs=1e-9)
    assert np.allclose(p["terrain"], p["ground"] + p["bulge"])
    # line of sight: straight from 20+30 to 20+1.5
    assert p["tx_amsl"] == pytest.approx(50.0) and p["rx_amsl"] == pytest.approx(21.5)
    assert np.allclose(p["los"], 50.0 + (21.5 - 50.0) * d / dist)
    # Fresnel radius at the midpoint: sqrt(lambda d / 4) for d1 = d2
    lam = 299_792_458.0 / 900e6
    assert p["fresnel_r"][mid] == pytest.approx(math.sqrt(lam * dist / 4))
    assert p["fresnel_r"][0] == 0 and p["fresnel_r"][-1] == 0
    assert np.allclose(p["fresnel_upper"] - p["los"], p["fresnel_r"])
    # Bullington over one obstacle is the exact single knife edge
    h = 20 + H + p["bulge"][mid] - p["los"][mid]
    v = float(prop.fresnel_v(h, dist / 2, dist / 2, lam))
    assert p["v"] == pytest.approx(v, rel=1e-6)
    j = float(prop.knife_edge_loss_db(v))
    assert p["bullington_db"] == pytest.approx(j, rel=1e-6)
    # the complete method (default model p526): the corrected Bullington on the actual profile, plus the
    # spherical-earth excess of the smooth profile, never less than that corrected knife edge
    corrected = j + (1 - math.exp(-j / 6)) * (10 + 0.02 * dist / 1000)
    assert p["model"] == "p526" and p["diffraction_db"] >= corrected - 1e-9
    assert p["diffraction_db"] == pytest.approx(
        prop.delta_bullington_loss_db(d, p["ground"], 30.0, 1.5, 900.0, k_factor=4 / 3), rel=1e-12)
    old = terrain_profile(ridge_dem, tx, rx, tx_height=30.0, rx_height=1.5, freq_mhz=900.0, eirp_dbm=60.0,
                          model="p526_bullington")
    assert old["diffraction_db"] == pytest.approx(j, rel=1e-6)
    assert p["obstructed"] and p["min_clearance_m"] == pytest.approx(-h)
    assert p["dbm"] == pytest.approx(60.0 - prop.fspl_db(dist, 900.0) - p["diffraction_db"])


def test_fresnel_radius_formula():
    lam = 299_792_458.0 / 1800e6
    assert fresnel_radius_m(3000.0, 1000.0, 1800.0) == pytest.approx(math.sqrt(lam * 3000 * 1000 / 4000))
    assert fresnel_radius_m(0.0, 1000.0, 1800.0) == 0.0


def test_point_signal_strongest_first(ridge_dem):
    rx = _xy(RX_COL, ROW)
    sites = [
        NamedSite("behind_ridge", *_xy(TX_COL, ROW), 30.0, 900.0, 60.0, operator="Telkomsel", tech="4G"),
        NamedSite("near_clear", *_xy(RX_COL + 20, ROW), 30.0, 900.0, 60.0, operator="XL", tech="4G"),
        NamedSite("far_clear", *_xy(RX_COL + 35, ROW + 10), 30.0, 900.0, 60.0, operator="Indosat"),
        NamedSite("out_of_range", *_xy(5, 5), 30.0, 900.0, 60.0),
        NamedSite("outside_dem", X0 - 5000, Y0 + 5000, 30.0, 900.0, 60.0),
    ]
    res = point_signal(ridge_dem, sites, *rx, rx_height=1.5, max_radius=12000.0)
    ids = [r["site_id"] for r in res]
    assert ids[0] == "near_clear" and set(ids) == {"behind_ridge", "near_clear", "far_clear"}
    dbm = [r["dbm"] for r in res]
    assert dbm == sorted(dbm, reverse=True)
    behind = res[ids.index("behind_ridge")]
    assert behind["obstructed"] and behind["diffraction_db"] > 6
    assert res[0]["operator"] == "XL" and res[0]["distance_m"] == pytest.approx(20 * CELL)
    assert res[0]["diffraction_db"] < 1.0 and not res[0]["obstructed"]
    assert len(point_signal(ridge_dem, sites, *rx, max_radius=12000.0, limit=2)) == 2
    assert point_signal(ridge_dem, sites, *rx, max_radius=100.0) == []


def test_point_signal_errors(ridge_dem, tmp_path):
    with pytest.raises(ProfileError) as e:
        point_signal(ridge_dem, [], X0 - 100, Y0 + 100)
    assert e.value.code == "point_outside_dem" and e.value.params["what"] == "point"
    z = np.full((20, 20), 10.0)
    z[5, 5] = -9999.0
    hole = _write(tmp_path / "hole.tif", z)
    with pytest.raises(ProfileError) as e:
        point_signal(hole, [], *_xy(5, 5))
    assert e.value.code == "point_nodata"
    deg = _write(tmp_path / "deg.tif", z, epsg=4326, gt=(116.0, 0.001, 0, -0.5, 0, -0.001))
    with pytest.raises(ProfileError) as e:
        point_signal(deg, [], 116.005, -0.505)
    assert e.value.code == "dem_unusable" and e.value.params["why"]


@pytest.mark.parametrize("model", ["p526", "p526_bullington"])
def test_point_signal_agrees_with_coverage_raster(tmp_path, model):
    """The probe is the coverage engine's model at one cell (the complete method for p526, the uncorrected
    Bullington for p526_bullington): same value where the engine's ray sampling does not matter (median over
    many cells within 1 dB), and the other model would not agree as well."""
    rng = np.random.default_rng(3)  # the hills, then the probed cells below, from one stream
    z = gaussian_hills(160, rng, 30.0, 12, (6, 20), (30, 200))
    dem = _write(tmp_path / "hills.tif", z)
    site = NamedSite("A", *_xy(80, 80), 35.0, 900.0, 60.0)
    out = tmp_path / "cov.tif"
    cov.run_coverage(dem, [site], str(out), model=model, max_radius_m=6000.0)
    ds = gdal.Open(str(out))
    arr = ds.GetRasterBand(1).ReadAsArray()
    ds = None
    other = "p526_bullington" if model == "p526" else "p526"
    diffs, others = [], []
    for col, row in rng.integers(20, 140, size=(60, 2)):
        if arr[row, col] == cov.OUT_NODATA:
            continue
        res = point_signal(dem, [site], *_xy(col, row), max_radius=6000.0, model=model)
        diffs.append(res[0]["dbm"] - arr[row, col])
        others.append(point_signal(dem, [site], *_xy(col, row), max_radius=6000.0, model=other)[0]["dbm"]
                      - arr[row, col])
    diffs = np.abs(np.array(diffs))
    assert diffs.size > 20
    assert np.median(diffs) < 1.0, np.median(diffs)
    assert np.mean(diffs) < np.mean(np.abs(others))


def test_probe_model_is_checked(ridge_dem):
    with pytest.raises(ValueError, match="model"):
        point_signal(ridge_dem, [], *_xy(RX_COL, ROW), model="magic")


def test_second_opinion_itm_at_the_point_and_along_the_profile(ridge_dem):
    """Both models over the same profile: the ITM at the point (the core model's own value) and for a receiver at
    every sample; the curves end at the point values, and both see the ridge (a drop behind it)."""
    from kaltim_internet_plugin.core import itm

    tx, rx = _xy(TX_COL, ROW), _xy(RX_COL, ROW)
    p = terrain_profile(ridge_dem, tx, rx, tx_height=30.0, rx_height=1.5, freq_mhz=900.0, eirp_dbm=60.0)
    d = p["distances"]
    assert p["itm_kwx"] in (0, 1, 3) and p["itm_mode"]
    assert p["itm_loss_db"] == pytest.approx(itm.itm_loss_db(p["ground"], d[-1], 900.0, 30.0, 1.5), abs=1e-9)
    assert p["itm_dbm"] == pytest.approx(60.0 - p["itm_loss_db"])
    assert p["model_diff_db"] == pytest.approx(p["itm_dbm"] - p["dbm"])
    along, itm_along = p["dbm_along"], p["itm_dbm_along"]
    assert along.shape == itm_along.shape == d.shape and math.isnan(along[0])
    assert along[-1] == pytest.approx(p["dbm"], abs=0.05) and itm_along[-1] == pytest.approx(p["itm_dbm"], abs=1e-9)
    ridge_d = (RIDGE_COL - TX_COL) * CELL
    for series in (along, itm_along):
        before = series[(d > ridge_d - 1500) & (d < ridge_d - 200) & np.isfinite(series)]
        behind = series[(d > ridge_d + 500) & (d < ridge_d + 1500) & np.isfinite(series)]
        assert before.size and behind.size and behind.max() < before.min() - 6.0
    # point_signal gives the same second opinion for that site
    site = NamedSite("behind_ridge", *tx, 30.0, 900.0, 60.0)
    r = point_signal(ridge_dem, [site], *rx, max_radius=12000.0)[0]
    assert r["itm_dbm"] == pytest.approx(p["itm_dbm"], abs=1e-6) and r["dbm"] == pytest.approx(p["dbm"], abs=1e-6)
    assert r["model_diff_db"] == pytest.approx(r["itm_dbm"] - r["dbm"]) and r["itm_kwx"] == p["itm_kwx"]
    # other ITM settings reach the model (90 % of situations: more loss)
    worse = point_signal(ridge_dem, [site], *rx, max_radius=12000.0, itm_params=itm.ItmParams(situation=90.0))[0]
    assert worse["itm_dbm"] < r["itm_dbm"] and worse["dbm"] == r["dbm"]


def test_second_opinion_carries_the_clutter(ridge_dem):
    """A clutter grid's loss at each sample's cell is subtracted from both curves and both point values."""

    class Uniform:  # a stand-in ClutterGrid: 7 dB everywhere
        def loss_window(self, xoff, yoff, xs, ys, freq_mhz):
            return np.full((ys, xs), 7.0, dtype=np.float32)

    tx, rx = _xy(TX_COL, ROW), _xy(RX_COL, ROW)
    bare = terrain_profile(ridge_dem, tx, rx, eirp_dbm=60.0)
    clut = terrain_profile(ridge_dem, tx, rx, eirp_dbm=60.0, clutter=Uniform())
    assert clut["clutter_db"] == 7.0 and bare["clutter_db"] == 0.0
    assert clut["dbm"] == pytest.approx(bare["dbm"] - 7.0) and clut["itm_dbm"] == pytest.approx(bare["itm_dbm"] - 7.0)
    np.testing.assert_allclose(clut["dbm_along"][1:], bare["dbm_along"][1:] - 7.0, atol=1e-4)
    ok = np.isfinite(bare["itm_dbm_along"])
    np.testing.assert_allclose(clut["itm_dbm_along"][ok], bare["itm_dbm_along"][ok] - 7.0, atol=1e-9)
