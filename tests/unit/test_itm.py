"""Physical sanity of the Longley-Rice ITM (core/itm.py); the agreement with itmlogic is tests/oracle."""

import math
import os
import sys

import numpy as np
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from kaltim_internet_plugin.core import itm  # noqa: E402
from kaltim_internet_plugin.core import propagation as prop  # noqa: E402


def _flat(dist, z=20.0, step=90.0):
    return np.full(int(dist / step) + 2, z)


def _ridge(dist, height, at=0.5, step=90.0, base=10.0, width=1500.0):
    """Flat ground with a triangular hill of ``height`` and base ``width`` at ``at`` of the path."""
    n = int(dist / step) + 2
    d = np.linspace(0.0, dist, n)
    return base + height * np.clip(1.0 - np.abs(d - at * dist) / (0.5 * width), 0.0, None)


def test_qerfi_is_the_inverse_normal():
    assert itm.qerfi(0.5) == pytest.approx(0.0, abs=1e-6)
    assert itm.qerfi(0.1) == pytest.approx(1.2816, abs=5e-4)
    assert itm.qerfi(0.9) == pytest.approx(-1.2816, abs=5e-4)
    assert itm.qerfi(0.01) == pytest.approx(2.3263, abs=5e-4)


def test_free_space_part_is_the_usual_fspl():
    r = itm.itm_loss(_flat(10000.0), 10000.0, 900.0, 35.0, 1.5)
    assert r.fspl_db == pytest.approx(float(prop.fspl_db(10000.0, 900.0)), abs=0.01)
    assert r.loss_db >= r.fspl_db - 1e-9 or r.mode == "los"
    assert r.kwx == 0 and r.mode in ("los", "diffraction", "scatter")


def test_beyond_the_horizon_the_loss_exceeds_free_space():
    for f in (900.0, 1800.0, 2100.0):
        for hr in (40.0, 100.0, 200.0):
            r = itm.itm_loss(_ridge(15000.0, hr), 15000.0, f, 30.0, 1.5)
            assert r.loss_db > r.fspl_db + 10.0, (f, hr)
            assert r.dl[0] < 15000.0 and r.dl[1] < 15000.0  # both horizons on the ridge


def test_monotone_trends():
    # farther over flat ground: more loss (and never less than free space by more than the two-ray gain)
    losses = [itm.itm_loss_db(_flat(d), d, 900.0, 35.0, 1.5) for d in (2000.0, 5000.0, 10000.0, 20000.0, 30000.0)]
    assert all(b > a for a, b in zip(losses, losses[1:]))
    # a higher ridge: more loss
    ridge = [itm.itm_loss_db(_ridge(15000.0, h), 15000.0, 1800.0, 30.0, 1.5) for h in (40.0, 100.0, 200.0, 300.0)]
    assert all(b > a for a, b in zip(ridge, ridge[1:]))
    # a higher site antenna over the same ridge: less loss
    mast = [itm.itm_loss_db(_ridge(15000.0, 150.0), 15000.0, 1800.0, h, 1.5) for h in (10.0, 30.0, 60.0, 120.0)]
    assert all(b < a for a, b in zip(mast, mast[1:]))
    # a higher frequency behind the ridge: more loss
    freq = [itm.itm_loss_db(_ridge(15000.0, 150.0), 15000.0, f, 30.0, 1.5) for f in (900.0, 1800.0, 2100.0)]
    assert all(b > a for a, b in zip(freq, freq[1:]))


def test_variability_quantiles():
    h, d = _ridge(25000.0, 120.0), 25000.0
    med = itm.itm_loss_db(h, d, 900.0, 30.0, 1.5)
    more = itm.itm_loss_db(h, d, 900.0, 30.0, 1.5, itm.ItmParams(time=90.0, situation=90.0))
    less = itm.itm_loss_db(h, d, 900.0, 30.0, 1.5, itm.ItmParams(time=10.0, situation=10.0))
    assert less < med < more


def test_equatorial_defaults():
    p = itm.ItmParams()
    assert p.climate == itm.CLIMATES["equatorial"] == 1
    assert p.ns == itm.SURFACE_REFRACTIVITY[1] == 360.0
    assert p.polarization == "vertical" and (p.time, p.location, p.situation) == (50.0, 50.0, 50.0)
    assert itm.mean_path_elevation([0, 100, 100, 100, 0]) == pytest.approx(60.0)


def test_validity_flags_and_bad_input():
    assert itm.itm_loss(_flat(800.0), 800.0, 900.0, 30.0, 1.5).kwx == 4  # under 1 km: outside the model
    assert itm.itm_loss(_flat(5000.0), 5000.0, 900.0, 30.0, 0.3).kwx == 4  # antenna under 0.5 m
    with pytest.raises(ValueError):
        itm.itm_loss([1.0, 2.0], 1000.0, 900.0, 30.0, 1.5)
    with pytest.raises(ValueError):
        itm.itm_loss(_flat(5000.0), 0.0, 900.0, 30.0, 1.5)
    with pytest.raises(ValueError):
        itm.itm_loss(_flat(5000.0), 5000.0, 900.0, 30.0, 1.5, itm.ItmParams(polarization="circular"))


def test_along_profile():
    d = np.linspace(0.0, 12000.0, 301)
    h = np.full(d.size, 10.0)
    h[150] += 120.0
    loss, kwx = itm.itm_along_profile(d, h, 30.0, 1.5, 1800.0, max_points=40)
    assert np.isnan(loss[:2]).all() and np.isfinite(loss[-1])
    done = np.flatnonzero(np.isfinite(loss))
    assert 35 <= done.size <= 40 and (kwx[done] >= 0).all()
    assert loss[-1] == pytest.approx(itm.itm_loss_db(h, d[-1], 1800.0, 30.0, 1.5), abs=1e-9)
    # behind the ridge the loss jumps above free space
    behind = done[d[done] > 7000.0]
    assert (loss[behind] - prop.fspl_db(d[behind], 1800.0) > 10.0).all()
    assert math.isnan(itm.itm_along_profile(d[:2], h[:2], 30.0, 1.5, 900.0)[0][-1])


def _rough_rays(seed, rays=10, n=84, step=360.0):
    rng = np.random.default_rng(seed)
    d = np.arange(n) * step
    g = np.cumsum(rng.normal(0, 15, (rays, n)), axis=1) + 100.0
    g[0] = 20.0  # flat: line of sight all along
    g[1] = _ridge(d[-1], 200.0, step=step)[:n]  # a ridge: diffraction, then scatter fits
    return d, g, g + np.abs(rng.normal(0, 5, (rays, n)))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_profile_loops_are_the_numpy_passes(seed):
    """The compiled model uses loop versions of the three array passes (no temporaries: numba's allocator slowed two
    threads down); in Python they give the numpy versions' values (sums in another order: within 1e-9)."""
    rng = np.random.default_rng(seed)
    for n in (3, 4, 12, 84, 300):
        z = np.cumsum(rng.normal(0, 20, n)) + 50.0
        dist = 90.0 * (n - 1)
        xi = dist / (n - 1)
        for x1, x2 in ((0.0, dist), (0.1 * dist, 0.8 * dist), (45.0, dist - 45.0)):
            assert itm._lsq_line_loops(z, xi, x1, x2) == pytest.approx(itm._lsq_line(z, xi, x1, x2), abs=1e-9)
            assert itm._terrain_irregularity_loops(z, xi, x1, x2) == pytest.approx(
                itm._terrain_irregularity(z, xi, x1, x2), abs=1e-9)
        for hg in ((30.0, 1.5), (300.0, 10.0), (1.0, 1.0)):
            assert itm._horizons_loops(z, xi, dist, *hg, 1.2e-7) == pytest.approx(
                itm._horizons(z, xi, dist, *hg, 1.2e-7), abs=1e-12)
    z = np.array([10.0, 80.0, np.nan, 90.0, 5.0, 12.0])  # a DEM hole: both take the NaN as np.argmax does
    a, b = itm._horizons_loops(z, 100.0, 500.0, 30.0, 1.5, 1.2e-7), itm._horizons(z, 100.0, 500.0, 30.0, 1.5, 1.2e-7)
    assert np.array_equal(np.array(a), np.array(b), equal_nan=True)


@pytest.mark.parametrize("params", [itm.ItmParams(), itm.ItmParams(polarization="horizontal", mdvar=1, time=90.0,
                                                                     situation=90.0),
                                    itm.ItmParams(climate=5, mdvar=23, location=10.0)])
def test_compiled_itm_is_the_python_model(params):
    """Compiled by numba, itm_rays gives the Python model's float32 values (to their last bit: the profile sums run
    in another order; rough rays, flat, a ridge; three settings), and releases the GIL (the engine's sites then run
    in parallel)."""
    pytest.importorskip("numba")
    if os.environ.get("KALTIM_NUMBA", "").strip() == "0":
        pytest.skip("KALTIM_NUMBA=0")
    d, g, obs = _rough_rays(7)
    for hts in ((35.0, 1.5, 900.0), (60.0, 6.0, 2100.0)):
        py = itm.itm_rays(d, g, *hts, params=params, obstacles_m=obs, compiled=False)
        nb = itm.itm_rays(d, g, *hts, params=params, obstacles_m=obs, compiled=True)
        assert np.isfinite(py[:, 2:]).all() and np.abs(py[:, 2:]).max() > 20.0
        np.testing.assert_allclose(nb, py, rtol=0, atol=1e-4)
    assert itm.compiled_now() and itm._COMPILED["_ray"].targetoptions.get("nogil") is True
    # the Python model is still the module's own (the compiled one lives in its own namespace)
    assert not hasattr(itm._point, "py_func") and not hasattr(itm._lsq_line, "py_func")


def test_compiled_itm_can_be_refused_or_required(monkeypatch):
    d, g, obs = _rough_rays(3, rays=2, n=12)
    monkeypatch.setenv("KALTIM_NUMBA", "0")
    assert not itm.compiled_expected()
    with pytest.raises(RuntimeError, match="not available"):
        itm.itm_rays(d, g, 30.0, 1.5, 900.0, compiled=True)
    assert np.isfinite(itm.itm_rays(d, g, 30.0, 1.5, 900.0)).all()  # the Python model
    # a compiler that fails: the Python model, and why (for the log)
    monkeypatch.setenv("KALTIM_NUMBA", "1")
    monkeypatch.setattr(itm, "_COMPILED", {})
    monkeypatch.setattr(itm, "FAILURE", [""])
    monkeypatch.setattr(itm.kernels, "enabled", lambda: True)

    def broken():
        itm.FAILURE[0] = "TypingError: no"
        return {"": None}

    monkeypatch.setattr(itm, "_build", broken)
    out = itm.itm_rays(d, g, 30.0, 1.5, 900.0, obstacles_m=obs)
    np.testing.assert_array_equal(out, itm.itm_rays(d, g, 30.0, 1.5, 900.0, obstacles_m=obs, compiled=False))
    assert not itm.compiled_now() and not itm.compiled_expected() and itm.FAILURE[0] == "TypingError: no"
