"""Closed-form checks of the propagation models (no QGIS, no GDAL)."""

import math
import os
import sys

import numpy as np
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from kaltim_internet_plugin.core import propagation as prop  # noqa: E402


def test_fspl_1km_900mhz():
    assert prop.fspl_db(1000.0, 900.0) == pytest.approx(91.5, abs=0.1)
    # +20 dB per decade of distance and of frequency
    assert prop.fspl_db(10000.0, 900.0) - prop.fspl_db(1000.0, 900.0) == pytest.approx(20.0, abs=1e-9)
    assert prop.fspl_db(1000.0, 9000.0) - prop.fspl_db(1000.0, 900.0) == pytest.approx(20.0, abs=1e-9)
    arr = prop.fspl_db(np.array([1000.0, 2000.0]), 900.0)
    assert arr.shape == (2,)


def test_knife_edge_closed_forms():
    assert prop.knife_edge_loss_db(0.0) == pytest.approx(6.0, abs=0.1)
    assert prop.knife_edge_loss_db(-0.78) == pytest.approx(0.0, abs=0.05)
    assert prop.knife_edge_loss_db(-1.0) == 0.0
    assert prop.knife_edge_loss_db(-5.0) == 0.0
    for v in (10.0, 20.0, 50.0):
        assert prop.knife_edge_loss_db(v) == pytest.approx(13.0 + 20.0 * math.log10(v), abs=0.2)
    v = np.linspace(-0.7, 5, 50)
    j = prop.knife_edge_loss_db(v)
    assert np.all(np.diff(j) > 0)  # monotonic


def test_fresnel_v():
    lam = 1.0 / 3.0
    v = prop.fresnel_v(10.0, 1000.0, 1000.0, lam)
    assert v == pytest.approx(10.0 * math.sqrt(2.0 * 2000.0 / (lam * 1e6)), rel=1e-12)
    assert prop.fresnel_v(-10.0, 1000.0, 1000.0, lam) == pytest.approx(-v)
    assert float(prop.wavelength_m(900.0)) == pytest.approx(0.333, abs=1e-3)


def _ridge_profile(d1, d2, ridge_h, step=50.0):
    d = np.arange(0.0, d1 + d2 + step / 2, step)
    h = np.zeros_like(d)
    i = int(round(d1 / step))
    h[i] = ridge_h
    return d, h, d[i], d[-1] - d[i]


@pytest.mark.parametrize("ridge_h", [60.0, 150.0, 400.0, 12.0])
def test_bullington_single_ridge_equals_knife_edge_flat_earth(ridge_h):
    f = 900.0
    d, h, d1, d2 = _ridge_profile(6000.0, 9000.0, ridge_h)
    tx, rx = 30.0, 10.0
    loss, v = prop.bullington_loss_db(d, h, tx, rx, f, k_factor=1e12, return_v=True)
    line = tx + (rx - tx) * d1 / (d1 + d2)
    v_ref = prop.fresnel_v(ridge_h - line, d1, d2, prop.wavelength_m(f))
    assert v == pytest.approx(float(v_ref), rel=1e-6, abs=1e-9)
    assert loss == pytest.approx(prop.knife_edge_loss_db(v_ref), abs=1e-6)


def test_bullington_single_ridge_with_earth_curvature():
    f, k = 1800.0, 4.0 / 3.0
    d, h, d1, d2 = _ridge_profile(12000.0, 18000.0, 120.0)
    tx, rx = 40.0, 2.0
    loss = prop.bullington_loss_db(d, h, tx, rx, f, k_factor=k)
    # obstacle height above the chord includes the earth bulge d1 d2 / (2 k a)
    bulge = d1 * d2 / (2.0 * k * prop.EARTH_RADIUS_M)
    line = tx + (rx - tx) * d1 / (d1 + d2)
    # bulge of the flat sample points is smaller than at the ridge; the ridge dominates
    v_ref = prop.fresnel_v(120.0 + bulge - line, d1, d2, prop.wavelength_m(f))
    assert loss == pytest.approx(prop.knife_edge_loss_db(v_ref), abs=1e-6)
    # curvature adds loss
    assert loss > prop.bullington_loss_db(d, h, tx, rx, f, k_factor=1e12)


def test_bullington_clear_path_no_loss():
    d = np.arange(0.0, 5001.0, 100.0)
    h = np.zeros_like(d)
    assert prop.bullington_loss_db(d, h, 50.0, 50.0, 900.0) == 0.0


@pytest.mark.parametrize("block", [None, 1, 3, 8, 16])
def test_bullington_rays_matches_scalar(block):
    """Every receiver of every ray equals the scalar reference, whatever the receiver block size.

    Rays 0-3 are mostly line of sight and rays 4-7 graze their horizon, so
    line-of-sight receivers with v just above / below -0.78 (the bound that
    skips the search) are among the cases.
    """
    rng = np.random.default_rng(3)
    n, R = 120, 16
    d = np.arange(n) * 90.0
    H = np.cumsum(rng.normal(0.0, 6.0, (R, n)), axis=1) + 200.0
    H[:4] -= np.arange(n) * 1.0  # some mostly line-of-sight rays
    H[4:8] = 200.0 + rng.normal(0.0, 1.5, (4, n)) - np.arange(n) * 0.35  # grazing: small Fresnel clearance
    tx = H[:, 0] + 35.0
    L = prop.bullington_rays(d, H, tx, 1.5, 900.0, block=block)
    assert L.shape == (R, n) and L.dtype == np.float32
    assert np.all(L[:, :2] == 0)
    refs = np.array([[prop.bullington_loss_db(d[:j + 1], H[r, :j + 1], 35.0, 1.5, 900.0) if j >= 2 else 0.0
                      for j in range(n)] for r in range(R)])
    np.testing.assert_allclose(L, refs, atol=2e-3)
    grazing = refs[4:8]
    assert ((grazing > 0) & (grazing < 3)).sum() > 10  # the LOS search with small positive losses is exercised
    assert (refs == 0).sum() > 50 and (refs > 10).sum() > 50  # clear and deeply shadowed receivers too


def test_bullington_empirical_correction_adds_loss():
    d, h, _, _ = _ridge_profile(5000.0, 5000.0, 100.0)
    a = prop.bullington_loss_db(d, h, 10, 10, 900.0)
    b = prop.bullington_loss_db(d, h, 10, 10, 900.0, empirical_correction=True)
    assert b > a


def test_hata_values():
    # Okumura-Hata small/medium city, 900 MHz, hb 30 m, hm 1.5 m, 10 km ~= 161.6 dB
    urban = prop.hata_loss_db(10000.0, 900.0, 30.0, 1.5, "urban")
    assert urban == pytest.approx(161.6, abs=0.2)
    rural = prop.hata_loss_db(10000.0, 900.0, 30.0, 1.5, "rural")
    lf = math.log10(900.0)
    assert urban - rural == pytest.approx(4.78 * lf ** 2 - 18.33 * lf + 40.94, abs=1e-9)
    sub = prop.hata_loss_db(10000.0, 900.0, 30.0, 1.5, "suburban")
    assert rural < sub < urban
    # COST-231 above 1500 MHz
    c = prop.hata_loss_db(5000.0, 1800.0, 30.0, 1.5, "urban")
    lf = math.log10(1800.0)
    a_hm = (1.1 * lf - 0.7) * 1.5 - (1.56 * lf - 0.8)
    ref = 46.3 + 33.9 * lf - 13.82 * math.log10(30) - a_hm + (44.9 - 6.55 * math.log10(30)) * math.log10(5.0)
    assert c == pytest.approx(ref, abs=1e-9)
    d = prop.hata_loss_db(np.array([1000.0, 5000.0, 20000.0]), 900.0, 30.0)
    assert np.all(np.diff(d) > 0)
    with pytest.raises(ValueError):
        prop.hata_loss_db(1000.0, 900.0, 30.0, 1.5, "jungle")


# ----------------------------------------------------------------------------- the complete method (delta-Bullington)

def test_exact_grazing_is_v_zero():
    """The line of sight touches the obstacle (Stim + Srim = 0): v = 0, J = 6 dB, in the scalar and the kernel."""
    d = np.array([0.0, 1000.0, 2000.0, 3000.0])
    h = np.array([0.0, 15.0, 10.0, 0.0])  # tx 20 m, rx 10 m: the line passes exactly through (1000, 15)
    h[2] = 5.0
    loss, v = prop.bullington_loss_db(d[:3], np.array([0.0, 15.0, 0.0]), 20.0, 10.0, 900.0, k_factor=np.inf,
                                      return_v=True)
    assert v == 0.0 and loss == pytest.approx(float(prop.knife_edge_loss_db(0.0)))
    k = prop.bullington_rays(d[:3], np.array([[0.0, 15.0, 0.0]]), 20.0, 10.0, 900.0, k_factor=np.inf)
    assert k[0, 2] == pytest.approx(loss, abs=1e-3)


def test_bullington_correction_formula():
    assert prop.bullington_corrected_db(0.0, 5000.0) == 0.0
    luc = 12.0
    assert prop.bullington_corrected_db(luc, 20000.0) == pytest.approx(luc + (1 - math.exp(-2.0)) * 10.4)


def test_spherical_earth_loss_behaviour():
    """L_dsph: 0 with the first Fresnel zone clear, growing with distance, beyond the radio horizon the
    first-term loss; higher antennas lose less."""
    d = np.array([1000.0, 5000.0, 10000.0, 20000.0, 40000.0, 60000.0])
    low = prop.spherical_earth_loss_db(d, 900.0, 35.0, 1.5)
    assert low[0] == 0.0 and np.all(np.diff(low) > 0)
    high = prop.spherical_earth_loss_db(d, 900.0, 100.0, 10.0)
    assert np.all(high <= low) and (high < low).any()
    # horizontal vs vertical polarisation differ little over land at these frequencies
    hor = prop.spherical_earth_loss_db(d, 900.0, 35.0, 1.5, polarization="horizontal")
    assert np.max(np.abs(hor - low)) < 1.0
    with pytest.raises(ValueError):
        prop.spherical_earth_loss_db(d, 900.0, 35.0, 1.5, polarization="circular")


def test_smooth_earth_heights_fit_a_straight_slope():
    """The least-squares smooth earth of a straight slope is that slope, whatever the sampling."""
    d = np.sort(np.r_[0.0, np.random.default_rng(1).uniform(0, 9000, 40), 9000.0])
    h = 100.0 + 0.01 * d
    hst, hsr = prop.smooth_earth_heights_m(d, h)
    assert hst == pytest.approx(100.0) and hsr == pytest.approx(190.0)


def test_complete_method_on_flat_earth_is_max_of_bullington_and_spherical():
    """Over flat ground the smooth profile is the actual one, so L = max(L_bull, L_sph)."""
    d = np.linspace(0.0, 20000.0, 201)
    h = np.full(d.size, 20.0)
    loss, parts = prop.delta_bullington_loss_db(d, h, 35.0, 1.5, 900.0, return_parts=True)
    assert parts["h_te"] == pytest.approx(35.0) and parts["h_re"] == pytest.approx(1.5)
    assert parts["bullington_db"] == pytest.approx(parts["bullington_smooth_db"], abs=1e-9)
    assert loss == pytest.approx(max(parts["bullington_db"], parts["spherical_db"]))
    assert loss > prop.bullington_loss_db(d, h, 35.0, 1.5, 900.0) + 5.0  # the uncorrected part is optimistic


def _rays(seed=3, n=120, R=16):
    rng = np.random.default_rng(seed)
    d = np.arange(n) * 90.0
    H = np.cumsum(rng.normal(0.0, 6.0, (R, n)), axis=1) + 200.0
    H[:4] -= np.arange(n) * 1.0
    H[4:8] = 200.0 + rng.normal(0.0, 1.5, (4, n)) - np.arange(n) * 0.35
    H[8:10] = 50.0 + rng.normal(0.0, 0.3, (2, n))  # flat: the spherical-earth term dominates far out
    return d, H


@pytest.mark.parametrize("block", [None, 1, 3, 8])
@pytest.mark.parametrize("freq", [900.0, 2100.0])
def test_delta_bullington_rays_matches_scalar(block, freq):
    """Every receiver of every ray equals the scalar reference of the complete method."""
    d, H = _rays()
    tx = H[:, 0] + 35.0
    L = prop.delta_bullington_rays(d, H, tx, 1.5, freq, block=block)
    assert L.shape == H.shape and L.dtype == np.float32 and np.all(L[:, :2] == 0)
    parts = [[prop.delta_bullington_loss_db(d[:j + 1], H[r, :j + 1], 35.0, 1.5, freq, return_parts=True)
              for j in range(2, d.size)] for r in range(H.shape[0])]
    refs = np.array([[p[0] for p in row] for row in parts])
    np.testing.assert_allclose(L[:, 2:], refs, atol=5e-3)
    extra = np.array([[max(p[1]["spherical_db"] - p[1]["bullington_smooth_db"], 0) for p in row] for row in parts])
    assert (extra > 1.0).sum() > 50  # the spherical-earth term is exercised
    assert (refs > 20).sum() > 50 and (refs < 1).sum() > 20


def test_obstacle_heights_only_raise_the_loss():
    """``obstacles_m`` (the coarse rays' crest heights) replaces the intermediate points only: equal to the ground
    it changes nothing, higher it does not lower the loss (Bullington is monotone in the obstacle heights; the
    complete method's smooth-earth term moves too, so for it this is checked on these rays)."""
    d, H = _rays(seed=8, n=60, R=10)
    tx = H[:, 0] + 30.0
    for fn in (prop.bullington_rays, prop.delta_bullington_rays):
        base = fn(d, H, tx, 1.5, 1800.0)
        np.testing.assert_array_equal(base, fn(d, H, tx, 1.5, 1800.0, obstacles_m=H.copy()))
        up = fn(d, H, tx, 1.5, 1800.0, obstacles_m=H + 5.0)
        assert np.all(up >= base - 1e-3) and (up > base + 0.5).any()


def _coarse_and_fine(sub=4, cell=90.0, nc=60, seed=3):
    """Fine profiles (every cell) with sharp ridges on and between the coarse samples, and the coarse run of the
    coverage engine on them (crest-preserving obstacles)."""
    from kaltim_internet_plugin.core.coverage import _crest_preserving

    nf = (nc - 1) * sub + 1
    x = np.arange(nf) * cell
    rng = np.random.default_rng(seed)
    rows = []
    for ridges in ((20 * sub,), (20 * sub + 1,), (33 * sub + 2,), (12 * sub + 3, 41 * sub + 1)):
        g = 50.0 + 0.002 * x + rng.normal(0.0, 0.5, nf)
        for at in ridges:
            g += rng.uniform(60, 160) * np.exp(-((x - at * cell) / 150.0) ** 2)
        rows.append(g)
    G = np.array(rows, dtype=np.float32)
    q0 = (sub - 1) // 2
    pad = np.pad(G, ((0, 0), (q0, sub)), mode="edge")
    windows = np.stack([pad[:, k * sub:k * sub + sub] for k in range(nc)], axis=1)
    ground = np.ascontiguousarray(G[:, ::sub])
    return x, G, np.arange(nc) * cell * sub, ground, _crest_preserving(windows, ground)


@pytest.mark.parametrize("model", ["complete", "bullington"])
def test_refined_coarse_rays_follow_every_cell(model):
    """refine_rays: receivers at every cell from a coarse run (samples every 4 cells) agree with the scalar
    method on the full profile (mean < 0.5 dB, max < 4 dB), where interpolating the coarse loss between its
    samples misses by tens of dB right behind the ridges."""
    x, G, dc, ground, obst = _coarse_and_fine()
    tx = G[:, 0] + 30.0
    if model == "complete":
        coarse, corr, hor = prop.delta_bullington_rays(dc, ground, tx, 1.5, 900.0, obstacles_m=obst,
                                                       return_horizon=True)
        scalar = prop.delta_bullington_loss_db
    else:
        (coarse, hor), corr = prop.bullington_rays(dc, ground, tx, 1.5, 900.0, obstacles_m=obst,
                                                   return_horizon=True), None
        scalar = prop.bullington_loss_db
    np.testing.assert_array_equal(coarse, prop.delta_bullington_rays(dc, ground, tx, 1.5, 900.0, obstacles_m=obst)
                                  if model == "complete" else prop.bullington_rays(dc, ground, tx, 1.5, 900.0,
                                                                                   obstacles_m=obst))
    fine = prop.refine_rays(dc, obst, hor, corr, G, 4, tx, 1.5, 900.0, corrected=model == "complete")
    assert fine.shape == G.shape and fine.dtype == np.float32
    ref = np.array([[scalar(x[:j + 1], G[r, :j + 1], 30.0, 1.5, 900.0) if j >= 2 else 0.0
                     for j in range(x.size)] for r in range(G.shape[0])])
    err = np.abs(fine - ref)
    assert err.mean() < 0.5 and err.max() < 4.0
    interp = np.array([np.interp(x, dc, row) for row in coarse])
    assert np.abs(interp - ref).max() > 15.0  # what the refinement removes
    assert (ref > 10).sum() > 100  # the ridges do shadow
