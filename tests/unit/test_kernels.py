"""The compiled kernels (core.kernels, numba) give the numpy ray kernel's values, bit for bit, on random and flat
profiles, for every model variant; and `make test` runs them (numba is installed by scripts/setup.sh).  Where the
smooth-earth kernel's C library functions and numpy's differ in the last bit (numpy's own on AVX-512,
tests/libm.py), the comparisons that include it are within 1e-4 dB."""
from __future__ import annotations

import os

import numpy as np
import pytest

from kaltim_internet_plugin.core import kernels
from kaltim_internet_plugin.core import propagation as prop
from tests.libm import same_values

needs_numba = pytest.mark.skipif(not kernels.AVAILABLE, reason="numba is not installed")


@pytest.fixture(autouse=True)
def _compiled(monkeypatch):
    """The kernels compiled (they are built on the first enabled() of a process) and switched on."""
    monkeypatch.delenv("KALTIM_NUMBA", raising=False)
    if kernels.AVAILABLE:
        kernels.enabled()


def _flat(out):
    """The arrays of a ray function's result (loss, or loss and horizon data), as a flat list."""
    if not isinstance(out, tuple):
        return [out]
    flat = []
    for x in out:
        flat += list(x) if isinstance(x, tuple) else [x]
    return flat


def _both(monkeypatch, fn, *args, **kw):
    res = {}
    for mode in ("0", "1"):
        monkeypatch.setenv("KALTIM_NUMBA", mode)
        res[mode] = _flat(fn(*args, **kw))
    return res["0"], res["1"]


def test_the_make_test_machines_have_numba():
    """scripts/setup.sh (and the matrix roots, from its package list) install python3-numba: the compiled path is
    the one tested and measured there; KALTIM_REQUIRE_NUMBA=0 lets a machine without it run the suite."""
    if os.environ.get("KALTIM_REQUIRE_NUMBA", "1") == "0":
        pytest.skip("KALTIM_REQUIRE_NUMBA=0")
    assert kernels.AVAILABLE and kernels.enabled() and hasattr(kernels.rx_horizons, "py_func")  # compiled


def test_numba_is_not_imported_before_a_coverage_needs_it():
    """Loading the plugin's engine does not import numba (QGIS starts without it); the first enabled() does."""
    import subprocess
    import sys

    code = ("import sys; sys.path.insert(0, {root!r}); from kaltim_internet_plugin.core import coverage, kernels; "
            "a = 'numba' in sys.modules; e = kernels.enabled(); print(a, 'numba' in sys.modules, e)")
    root = str(__import__("pathlib").Path(kernels.__file__).resolve().parents[2])
    out = subprocess.run([sys.executable, "-W", "error::DeprecationWarning", "-c", code.format(root=root)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", str(kernels.AVAILABLE), str(kernels.AVAILABLE)]


def test_kernels_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("KALTIM_NUMBA", "0")
    assert not kernels.enabled()
    monkeypatch.setenv("KALTIM_NUMBA", "1")
    assert kernels.enabled() == kernels.AVAILABLE


def _profile(rng, R, n, flat=False):
    G = (rng.normal(0, 1, (R, n)).cumsum(axis=1) * rng.uniform(1, 30) + 100).astype(np.float32)
    if flat:
        G[:] = 50.0
    O = np.maximum(G, G + rng.uniform(0, 20, (R, n)).astype(np.float32) * (rng.random((R, n)) < 0.2))  # noqa: E741
    return G, O, G[:, 0] + rng.uniform(10, 60)


@needs_numba
@pytest.mark.parametrize("seed", range(6))
def test_coarse_kernel_compiled_equals_numpy(monkeypatch, seed):
    rng = np.random.default_rng(seed)
    n, R = int(rng.integers(3, 100)), int(rng.integers(1, 50))
    d = np.arange(n) * float(rng.choice([30.0, 90.0, 360.0]))
    G, obst, tx = _profile(rng, R, n, flat=seed == 0)
    f = float(rng.choice([900.0, 1800.0, 2100.0]))
    cases = [(prop.delta_bullington_rays, {}), (prop.delta_bullington_rays, {"fine_sub": int(rng.choice([2, 4]))}),
             (prop.bullington_rays, {}), (prop.bullington_rays, {"empirical_correction": True})]
    compared = 0
    for fn, kw in cases:
        for obstacles in (None, obst):
            for horizon in (False, True):
                a, b = _both(monkeypatch, fn, d, G, tx, 1.5, f, obstacles_m=obstacles, return_horizon=horizon, **kw)
                assert len(a) == len(b)
                for x, y in zip(a, b):
                    assert same_values(x, y)
                    compared += 1
    # every array of every variant: the complete method (on its samples, and with refined points) 1 (loss) or 4
    # (+ smooth part, two horizon indices), the two Bullington variants 1 or 3 (+ two horizon indices), each with
    # and without obstacle heights
    assert compared == 2 * 2 * (1 + 4) + 2 * 2 * (1 + 3)


@needs_numba
def test_coarse_kernel_on_float64_heights_compiled_equals_numpy(monkeypatch):
    """Heights given in float64 (a caller other than the coverage engine): the compiled set-up subtracts the earth
    bulge in float64 before rounding, as numpy does, so both paths still agree bit for bit."""
    rng = np.random.default_rng(42)
    G, obst, tx = _profile(rng, 17, 40)
    G64 = G.astype(np.float64) + rng.uniform(0, 1e-3, G.shape)  # values float32 cannot hold
    d = np.arange(40) * 90.0
    for fn in (prop.delta_bullington_rays, prop.bullington_rays):
        a, b = _both(monkeypatch, fn, d, G64, tx, 1.5, 900.0, obstacles_m=obst.astype(np.float64) + 1e-4,
                     return_horizon=True)
        assert len(a) == len(b) >= 3
        for x, y in zip(a, b):
            assert same_values(x, y)
        assert (a[0] > 0).any()


@needs_numba
@pytest.mark.parametrize("seed", range(8))
def test_refinement_compiled_equals_numpy(monkeypatch, seed):
    rng = np.random.default_rng(100 + seed)
    ne, R, sub = int(rng.integers(3, 50)), int(rng.integers(1, 30)), int(rng.choice([1, 2, 3, 4, 6]))
    dc = np.arange(ne) * float(rng.choice([180.0, 360.0]))
    nf = (ne - 1) * sub + 1
    Gf, _, tx = _profile(rng, R, nf, flat=seed == 0)
    Gc = Gf[:, ::sub][:, :ne].copy()
    Oc = np.maximum(Gc, Gc + rng.uniform(0, 15, (R, ne)).astype(np.float32) * (rng.random((R, ne)) < 0.3))
    f = float(rng.choice([900.0, 1800.0]))
    monkeypatch.setenv("KALTIM_NUMBA", "0")
    _, corr, horizon = prop.delta_bullington_rays(dc, Gc, tx, 1.5, f, obstacles_m=Oc, return_horizon=True,
                                                  fine_sub=sub)
    _, horizon_b = prop.bullington_rays(dc, Gc, tx, 1.5, f, obstacles_m=Oc, return_horizon=True)
    for hz, cc, corrected in ((horizon, corr, True), (horizon_b, None, False)):
        a, b = _both(monkeypatch, prop.refine_rays, dc, Oc, hz, cc, Gf, sub, tx, 1.5, f, corrected=corrected)
        assert np.array_equal(a[0], b[0])
        assert np.isfinite(a[0]).all()
        if seed != 0 and nf > 8:
            assert (a[0] > 0).any()  # terrain diffracts somewhere: not a comparison of zeros


def _candidate_heights():
    rng = np.random.default_rng(11)
    J, R = 80, 500
    d = np.sort(rng.uniform(0.0, 40000.0, J))
    d[0] = 0.0
    hte = 10.0 ** rng.uniform(-3.5, 3.5, (J, R))
    hre = 10.0 ** rng.uniform(-3.5, 3.5, (J, R))
    hte[5, :3] = np.nan
    return d, hte, hre


def _numpy_candidates(d, hte, hre, f):
    return prop.spherical_candidates_numpy(d, hte, hre, 4.0 / 3.0 * prop.EARTH_RADIUS_M / 1000.0,
                                           float(prop.wavelength_m(f)))


def test_numpy_spherical_candidates_keep_every_receiver_with_a_spherical_earth_loss():
    """Both paths compute the smooth profile and the spherical-earth loss only where the candidate filter says the
    loss may be above 0: everywhere else the loss must be exactly 0 (heights from 1 mm to 3 km, 0-40 km, NaN
    heights, three frequencies), and the filter must prune (numpy's filter here, the kernel's below)."""
    d, hte, hre = _candidate_heights()
    for f in (900.0, 1800.0, 2100.0):
        want = _numpy_candidates(d, hte, hre, f)
        loss = prop.spherical_earth_loss_db(np.broadcast_to(d[:, None], hte.shape), f, hte, hre)
        assert (loss[~want] == 0.0).all()
        assert want[5, :3].all() and not want[0].any()
        # it prunes, and keeps little more than where the loss is above 0 (the exact clearance test)
        assert 0.2 < want.mean() < 0.9 and (loss[want] > 0).sum() > 0.9 * want.sum() - 3


@needs_numba
def test_spherical_candidates_keep_every_receiver_with_a_spherical_earth_loss():
    d, hte, hre = _candidate_heights()
    for f in (900.0, 1800.0, 2100.0):
        want = np.empty(hte.shape, dtype=np.bool_)
        kernels.spherical_candidates(d, hte, hre, 4.0 / 3.0 * prop.EARTH_RADIUS_M / 1000.0,
                                     float(prop.wavelength_m(f)), want)
        loss = prop.spherical_earth_loss_db(np.broadcast_to(d[:, None], hte.shape), f, hte, hre)
        assert (loss[~want] == 0.0).all()
        assert want[5, :3].all() and not want[0].any()
        assert 0.2 < want.mean() < 0.9 and (loss[want] > 0).sum() > 0.1 * hte.size
        # the numpy path's filter takes the same decisions (the same tests, the same margin)
        assert np.array_equal(want, _numpy_candidates(d, hte, hre, f))


@needs_numba
@pytest.mark.parametrize("polarization", ["vertical", "horizontal"])
def test_smooth_earth_part_compiled_equals_numpy(polarization):
    """The complete method's smooth-earth part max(Lsph - Lbs, 0) (spherical-earth loss over land, corrected
    Bullington of the smooth profile), compiled and in numpy, bit for bit: heights from 1 mm to 3 km, 0-40 km
    (beyond the smooth-earth horizon, within it with and without a clear Fresnel zone), v from -3 to 30 and NaN,
    NaN heights, three frequencies; every receiver asked for, and only some."""
    d, hte, hre = _candidate_heights()
    rng = np.random.default_rng(3)
    vs = rng.uniform(-3.0, 30.0, hte.shape)
    vs[7, :5] = np.nan
    vs[8, :5] = -np.inf
    a_km = 4.0 / 3.0 * prop.EARTH_RADIUS_M / 1000.0
    for f in (900.0, 1800.0, 2100.0):
        for want in (np.ones(hte.shape, dtype=np.bool_), _numpy_candidates(d, hte, hre, f)):
            ref = prop._smooth_part(d[:, None], vs, hte, hre, want, f, 4.0 / 3.0, polarization)
            got = np.full(hte.shape, -1.0)
            kernels.smooth_part(d, vs, hte, hre, want, *prop._ground_factors(f, polarization), a_km,
                                prop.C_M_PER_S / (f / 1000.0 * 1e9), prop.J_V_MIN, got)
            assert same_values(got, ref, atol_db=1e-9)
            assert (ref[want] > 0).mean() > 0.2 and np.isnan(ref).any() and (ref[~want] == 0).all()


@needs_numba
def test_a_coverage_raster_is_the_same_with_and_without_the_kernels(monkeypatch, tmp_path):
    from osgeo import gdal

    from kaltim_internet_plugin.core import coverage as cov
    from tests.rasters import write_geotiff

    rng = np.random.default_rng(5)
    z = (rng.normal(0, 1, (160, 160)).cumsum(axis=0).cumsum(axis=1) * 0.05 + 80).astype(np.float32)
    path = write_geotiff(tmp_path / "dem.tif", z, (500000.0, 90.0, 0, 9950000.0, 0, -90.0), nodata=None)
    sites = [cov.Site("A", 500000.0 + 40.5 * 90, 9950000.0 - 60.5 * 90, 30.0, 900.0, 55.0),
             cov.Site("B", 500000.0 + 120.5 * 90, 9950000.0 - 100.5 * 90, 40.0, 1800.0, 58.0)]
    out = {}
    for mode in ("0", "1"):
        monkeypatch.setenv("KALTIM_NUMBA", mode)
        # (a radius beyond the DEM: the rays stop at the farthest window corner, shorter than the template's)
        for res, step, radius in (("fast", (2, 4), 6000.0), ("exact", 1.0, 6000.0), ("far", (2, 4), 20000.0)):
            p = tmp_path / f"{mode}{res}.tif"
            cov.run_coverage(path, sites, str(p), max_radius_m=radius, ray_step_cells=step, count_path=str(p) + "c")
            out[mode, res] = [gdal.Open(str(p)).ReadAsArray(), gdal.Open(str(p) + "c").ReadAsArray()]
    for res in ("fast", "exact", "far"):
        for a, b in zip(out["0", res], out["1", res]):
            assert same_values(a, b)
        assert (out["1", res][0] > -9999).sum() > 1000


@needs_numba
@pytest.mark.parametrize("sub", [1, 4, 12])
def test_ray_samples_compiled_equal_numpy(sub):
    """The ray samples and their crests: the compiled pass (indices clipped to the window inline) and the numpy pass
    (coverage._flat_ray_index, then gathers) give the same values, on whole and clipped windows, with full and
    short rays; samples off the window take its edge cells."""
    from kaltim_internet_plugin.core import coverage as cov

    T = cov._Template(2000.0, 90.0, 90.0, (2.0, float(sub)) if sub > 1 else 1.0)
    ry = T.rays()
    R, n = T.n_rays, T.n
    q0 = ry["q0"]
    assert T.sub == sub
    rng = np.random.default_rng(sub)
    full = T.inside.shape
    # the whole window; a window clipped on the top-left (the site near the DEM's corner) with short rays; one
    # clipped on the right and bottom
    for (ys, xs), (lr, lc), ne in ((full, (T.hr, T.hc), n), ((15, 12), (3, 2), n // 2 + 1),
                                    ((full[0] - 9, full[1] - 11), (T.hr, T.hc), n)):
        z = rng.normal(100, 30, (ys, xs)).astype(np.float32)
        zp = np.empty((ys + 1, xs + 1), dtype=np.float32)
        zp[:ys, :xs] = z
        zp[ys, :xs] = z[ys - 1]
        zp[:, xs] = zp[:, xs - 1]
        zp = zp.ravel()
        # (the outputs are the heads of larger buffers whose tails must stay untouched: a kernel writing past
        # its ne samples would corrupt memory silently)
        bot_buf, ob_buf = np.full(R * ne * sub + 64, 7.0, np.float32), np.full(R * ne + 64, -5.0, np.float32)
        bot, obstacles = bot_buf[:R * ne * sub].reshape(R, ne, sub), ob_buf[:R * ne].reshape(R, ne)
        kernels.sample_rays(zp, ry["v0"], ry["u0"], ry["fx"], ry["fy"], lr, lc, ys, xs, q0, bot, obstacles)
        assert (bot_buf[R * ne * sub:] == 7.0).all() and (ob_buf[R * ne:] == -5.0).all()
        ii = cov._flat_ray_index(T, ne, lr, lc, ys, xs)
        bot_np, ground_np, obst_np = cov._sample_rays_numpy(zp, ii, ry["fx"][:, :ne], ry["fy"][:, :ne], xs, sub,
                                                            q0)
        assert np.array_equal(bot, bot_np) and np.array_equal(bot[:, :, q0], ground_np)
        assert bot.min() >= z.min() - 1e-3 and bot.max() <= z.max() + 1e-3  # clipped: never outside the window
        if sub > 1:
            assert np.array_equal(obstacles, obst_np) and (obstacles > ground_np).any()
    # a wrong index fails the comparison (the test has teeth): the first ray's samples from one row lower
    bad = ry["v0"].copy()
    bad[0] += 1
    kernels.sample_rays(zp, bad, ry["u0"], ry["fx"], ry["fy"], lr, lc, ys, xs, q0, bot, obstacles)
    assert not np.array_equal(bot, bot_np)


@needs_numba
@pytest.mark.parametrize("steps", [(2.0, 4.0), (1.0, 1.0), (6.0, 12.0)])
def test_cell_pass_compiled_equal_numpy(steps):
    """The per-cell signal: the compiled pass (angles interpolated cell by cell) and the numpy pass (a table of
    angles first) give the same values, on whole and clipped windows, with full and short rays."""
    from kaltim_internet_plugin.core import coverage as cov

    T = cov._Template(3000.0, 90.0, 90.0, steps)
    ry = T.rays()
    rng = np.random.default_rng(int(steps[0]))
    R = T.n_rays
    const = np.float32(-40.3)
    for nl, (tr0, tc0, ys, xs) in ((T.n_out, (0, 0) + T.inside.shape), (max(2, T.n_out // 2), (7, 3, 40, 50))):
        loss = rng.normal(20, 10, (R, nl)).astype(np.float32)
        win = (slice(tr0, tr0 + ys), slice(tc0, tc0 + xs))
        lo_c, hi_c = T.row_lo[tr0:tr0 + ys] - tc0, T.row_hi[tr0:tr0 + ys] - tc0
        ws, logd = ry["ws"][win], T.logd_in[win]
        out_np = np.full((ys, xs), np.nan, np.float32)
        cov._cell_signal_numpy(loss, T.up, T.n_out, ry["bi"][win], ws, logd, lo_c, hi_c, const, out_np)
        out_c = np.full((ys, xs), np.nan, np.float32)
        kernels.cell_signal(cov._ray_table(loss, T.n_out).reshape(-1), ry["k"][win], ry["q"][win], ry["qf"], ws,
                            logd, lo_c, hi_c, R + 1, const, out_c)
        assert np.isfinite(out_c).sum() > 0.5 * ys * xs
        assert np.array_equal(out_c, out_np, equal_nan=True)


def test_a_numba_that_cannot_compile_leaves_the_numpy_path(monkeypatch):
    """numba imports but fails to compile: the kernels are off (the engine runs numpy) and FAILURE says why."""
    def broken():
        raise RuntimeError("LLVM is broken")

    monkeypatch.setattr(kernels, "AVAILABLE", True)
    monkeypatch.setattr(kernels, "_WORKS", [])
    monkeypatch.setattr(kernels, "FAILURE", [""])
    monkeypatch.setattr(kernels, "_build", broken)
    monkeypatch.delenv("KALTIM_NUMBA", raising=False)
    assert kernels.enabled() is False and kernels.FAILURE[0] == "RuntimeError: LLVM is broken"
    d = np.arange(20) * 90.0
    G = np.linspace(50, 150, 20, dtype=np.float32)[None, :].repeat(3, axis=0)
    loss = prop.delta_bullington_rays(d, G, G[:, 0] + 30, 1.5, 900.0)  # the numpy path, not the broken kernel
    assert loss.shape == (3, 20) and np.isfinite(loss).all()


def test_comparisons_keep_their_bite_where_numpy_has_its_own_functions(monkeypatch):
    """On a machine whose numpy has its own transcendental functions (AVX-512) the kernel comparisons are within
    1e-4 dB, not looser: a last-place difference passes, a real one fails, and NaN must meet NaN."""
    from tests import libm

    monkeypatch.setattr(libm, "numpy_is_libm", lambda: False)
    a = np.array([[-95.25, np.nan], [3.0, 60.0]], dtype=np.float32)
    assert libm.same_values(a, np.nextafter(a, np.float32(np.inf)))
    assert not libm.same_values(a, a + np.float32(0.001))
    assert not libm.same_values(a, np.nan_to_num(a))
    counts = np.zeros((100, 100), dtype=np.int32)
    changed = counts.copy()
    changed[0, :5] = 1  # a count at the threshold, 0.05 % of the cells: a last-place difference there
    assert libm.same_values(counts, changed)
    changed[1, :50] = 1
    assert not libm.same_values(counts, changed)
    monkeypatch.setattr(libm, "numpy_is_libm", lambda: True)
    assert not libm.same_values(a, np.nextafter(a, np.float32(np.inf)))
