"""Compiled inner loops of the coverage engine (numba, optional): the same values as the numpy code, faster.

Per site the engine samples the DEM along its rays, computes the complete method's diffraction loss on every ray
(coarse receivers), refines it onto receivers every 90 m and turns it into a signal per cell.  In numpy the
complete method needs, per receiver j of every ray, maxima over the points 1..j-1 in front of it (O(R n^2) work in
passes over receivers x points x rays temporaries), and every other step is a chain of whole-array passes.  Here:

* :func:`ray_setup`: the per-point arrays of a coarse run; :func:`rx_horizons`, :func:`bullington_v`,
  :func:`los_max`: the coarse Bullington (its maxima, the shadow and
  line-of-sight cases); :func:`smooth_earth`, :func:`smooth_heights`, :func:`smooth_v`: the smooth profile of the
  complete method (least-squares earth, obstruction of the straight line, effective heights, its parameter), and
  :func:`spherical_candidates`: where its spherical-earth loss can be above 0 (elsewhere the smooth profile's
  parameter and the loss are not computed: the smooth-earth part is 0 there); :func:`smooth_part`: that part,
  ``max(Lsph - Lbs, 0)``, where it is needed (the spherical-earth loss over land and the smooth profile's corrected
  Bullington loss, element by element);
* :func:`refine_v`, :func:`add_smooth_part`: the refinement onto the fine receivers;
* :func:`sample_rays`: the bilinear ray samples and their crests; :func:`cell_signal`: the per-cell signal.

Most loops run over the receivers (or points) of a ray with the rays as the innermost loop, on (points x rays)
arrays, in short helpers that LLVM vectorises (a select, not a branch; a few contiguous arrays each).
The loops release the GIL, so the engine's thread pool runs its sites in parallel.  Each function computes, element
by element, the same float32 / float64 operations in the same order as the numpy code it replaces, so both give the
same rasters, bit for bit (tests/unit/test_kernels.py compares them on random and flat profiles and on a raster).
One kernel calls transcendental functions, :func:`smooth_part` (exp, log10, pow, cos, arccos: the C library's);
numpy calls the same C functions for float64 on machines without AVX-512 (the bench and CI machines, where the
tests check bit for bit) and its own vectorised versions on AVX-512 (SVML), which may differ in the last bit:
there the tests compare within 1e-9 dB (the smooth-earth part) and 1e-4 dB (losses and rasters in float32;
tests/libm.py).
numba is optional: the Debian/Ubuntu package ``python3-numba`` (``scripts/setup.sh`` installs it) or pip; without
it (QGIS on Windows, unless numba is installed in its Python) the numpy code runs, slower, and the coverage log says
how to install it.  ``KALTIM_NUMBA=0`` turns the kernels off (to compare, or to rule them out).  numba is imported
and the kernels compiled on the first coverage run of a process (about 6 s the first time on a machine; then from
numba's disk cache, next to this file or in the user's cache folder, about 0.5 s).
"""
from __future__ import annotations

import importlib.util
import os
import threading
import warnings

import numpy as np

#: numba is installed (it is imported, and the kernels compiled, only on the first coverage run: QGIS starts without
#: paying for it, and llvmlite's import-time DeprecationWarning is not shown in QGIS's log)
AVAILABLE = importlib.util.find_spec("numba") is not None
#: the compiled functions, helpers first (a kernel compiles with the helpers it calls already compiled)
_KERNELS = ("_nan_max", "_nan_min", "_search_left", "_around", "_argmax_rows", "_argmax_lines", "_obstruction_rows",
            "_smooth_rows", "_smooth_point", "_tail_srim", "_tail_los", "_gather_tx_horizon", "_gather_coarse",
            "_point_srim", "_point_los", "_shadow_v", "ray_setup", "rx_horizons", "bullington_v", "los_max",
            "smooth_earth", "smooth_heights", "smooth_v", "spherical_candidates", "refine_v", "add_smooth_part",
            "sample_rays", "cell_signal", "_knife_db", "_height_gain", "_ldft_factors", "_ldft", "smooth_part")


def _build():
    """Replace every kernel of this module by its numba dispatcher (compiled on its first call; error_model
    'numpy': a float division by zero gives inf or nan, as in numpy, instead of raising)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # llvmlite: "path is deprecated" (importlib.resources), not ours
        from numba import njit
    jit = njit(nogil=True, cache=True, error_model="numpy")
    g = globals()
    for name in _KERNELS:
        if not hasattr(g[name], "py_func"):
            g[name] = jit(g[name])


_LOCK = threading.Lock()
_WORKS = []  # [True/False] once a first kernel has been compiled (or failed to) in this process
#: why the kernels are off although numba imports ("" when they work)
FAILURE = [""]


def enabled() -> bool:
    """True when the compiled kernels are used: numba is importable, ``KALTIM_NUMBA`` is not ``0``, and a first
    kernel compiled and ran in this process (a numba that imports but cannot compile, e.g. a broken LLVM, leaves
    the numpy code in charge instead of failing the coverage)."""
    if not AVAILABLE or os.environ.get("KALTIM_NUMBA", "").strip() == "0":
        return False
    if not _WORKS:
        with _LOCK:
            if not _WORKS:
                _WORKS.append(_smoke_test())
    return _WORKS[0]


def pending() -> bool:
    """True while this process has yet to compile the kernels (numba is installed, ``KALTIM_NUMBA`` is not ``0``
    and no kernel has been compiled or tried): its first coverage run starts with that pause (about 7 s, up to 20 s
    on a busy machine), which the Coverage page says."""
    return AVAILABLE and os.environ.get("KALTIM_NUMBA", "").strip() != "0" and not _WORKS


def _smoke_test() -> bool:
    try:
        _build()
        srim, arg = np.empty((1, 1), np.float32), np.empty((1, 1), np.int32)
        rx_horizons(np.array([[0.0], [2.0], [0.0]], np.float32), np.zeros((1, 1), np.float32),
                    np.ones((1, 3), np.float32), 2, srim, arg)
        return bool(srim[0, 0] == 2.0 and arg[0, 0] == 1)
    except Exception as exc:  # noqa: BLE001 - any compiler failure: the numpy path
        FAILURE[0] = f"{type(exc).__name__}: {exc}"
        return False


def _argmax_rows(X, c, p, q, s, b, g, i):  # noqa: N803
    """One point i on every ray at once: ``x = (X[r] - c[r]) p - q s[r]``; where x > b[r], b[r] = x and g[r] = i.
    The rays are the innermost, contiguous loop of simple arrays: it vectorises (16 float32 lanes), which the
    per-ray loops over the points did not."""
    for r in range(X.shape[0]):
        x = (X[r] - c[r]) * p - q * s[r]
        better = x > b[r]
        b[r] = x if better else b[r]
        g[r] = i if better else g[r]


def _argmax_lines(X, c, P, Q, s, jr, j, b, g):  # noqa: N803
    """(max over 1 <= i < j of (X[i, r] - c[r]) P[jr, i] - Q[jr, i] s[r], the first i at it) into b[r], g[r] for
    every ray r, float32; X (n, R) points x rays."""
    b[:] = (X[1] - c) * P[jr, 1] - Q[jr, 1] * s  # the first point sets both, whatever it is (NaN too)
    g[:] = 1
    for i in range(2, j):
        _argmax_rows(X[i], c, P[jr, i], Q[jr, i], s, b, g, np.int32(i))


def ray_setup(OT, GT, d, hts, rx32, rx64, re, HfT, hrT, AT, stimT, strT, ArawT, hrs, strraw, aobt_pre, G64):  # noqa: N803
    """The per-point arrays of ``propagation._RayKernel`` in one pass over the points, the rays innermost: from the
    obstacle and ground heights ``OT``, ``GT`` (n, R) and the distances ``d`` (n,) float64, the flat-earth
    obstacles ``HfT``, the receiver antennas ``hrT``, the heights above the transmitter ``AT``, the
    transmitter-side horizon slope so far ``stimT`` and the slope to each receiver ``strT`` (float32); for the
    complete method (``ArawT`` has rows) also the heights without the bulge above the transmitter ``ArawT``
    (float32), the receiver antennas ``hrs``, their slope ``strraw``, the prefix maximum ``aobt_pre`` of the
    obstacles' slopes and the ground ``G64`` (float64).  The same operations, in the same precision, as the numpy
    code there (a running maximum for ``np.maximum.accumulate``: a NaN propagates)."""
    n, R = OT.shape
    complete = ArawT.shape[0] > 0
    for i in range(n):
        di = d[i]
        curv = di * di / (2.0 * re)
        c32 = np.float32(curv)
        d32 = np.float32(di)
        ds = di if di > 0 else 1.0
        ds32 = np.float32(ds)
        o = OT[i]
        g = GT[i]
        hf = HfT[i]
        hr = hrT[i]
        a = AT[i]
        sr = strT[i]
        for r in range(R):
            h = np.float32(np.float64(o[r]) - curv)
            hf[r] = h
            a[r] = h - hts[r]
            y = (g[r] - c32) + rx32
            hr[r] = y
            sr[r] = (y - hts[r]) / ds32
        st = stimT[i]
        if i == 0:
            st[:] = -np.inf
        else:
            prev = stimT[i - 1]
            for r in range(R):
                x = a[r] / d32
                p = prev[r]
                st[r] = p if (p > x or p != p) else x
        if complete:
            ar = ArawT[i]
            hs = hrs[i]
            sw = strraw[i]
            gg = G64[i]
            for r in range(R):
                ar[r] = np.float32(o[r]) - hts[r]
                g64 = np.float64(g[r])
                gg[r] = g64
                hv = g64 + rx64
                hs[r] = hv
                sw[r] = (hv - np.float64(hts[r])) / ds
            ap = aobt_pre[i]
            if i == 0:
                ap[:] = -np.inf
            else:
                prev64 = aobt_pre[i - 1]
                for r in range(R):
                    x64 = np.float64(ar[r]) / di
                    p64 = prev64[r]
                    ap[r] = p64 if (p64 > x64 or p64 != p64) else x64


def rx_horizons(HfT, hr, INV, j0, srim, arg):  # noqa: N803 (the kernel's names)
    """Receiver-side horizon of the receivers j0..j0+J-1: ``srim[j - j0, r] = max_{1<=i<j} (HfT[i, r] - hr[j - j0, r])
    * INV[j - j0, i]`` (float32) and ``arg`` the first i at that maximum.  HfT (n, R) obstacle heights (flat-earth
    frame); hr (J, R) receiver antennas; INV (J, >= j0+J-1) 1 / (d_j - d_i).  (``- INV * 0``: exact, the same
    value as the numpy pass.)"""
    J, R = hr.shape
    zero = np.zeros(R, dtype=np.float32)
    for jr in range(J):
        _argmax_lines(HfT, hr[jr], INV, INV, zero, jr, j0 + jr, srim[jr], arg[jr])


def los_max(AT, W, DW, strj, need, j0, v, arg):  # noqa: N803
    """Line-of-sight receivers (``need``, (J, R)): ``v[jr, r] = max_{1<=i<j} AT[i, r] W[jr, i] - DW[jr, i] strj[jr, r]``
    (float32; AT = height above the transmitter antenna, (n, R)) and ``arg`` the first i at that maximum; the
    other receivers are left as they are.  (``A - 0``: exact.)"""
    J, R = need.shape
    zero = np.zeros(R, dtype=np.float32)
    b = np.empty(R, dtype=np.float32)
    g = np.empty(R, dtype=np.int32)
    for jr in range(J):
        if not need[jr].any():
            continue
        _argmax_lines(AT, zero, W, DW, strj[jr], jr, j0 + jr, b, g)
        for r in range(R):
            if need[jr, r]:
                v[jr, r] = b[r]
                arg[jr, r] = g[r]


def _obstruction_rows(Araw, s, di, inv, hb, ab):  # noqa: N803
    for r in range(Araw.shape[0]):
        h = Araw[r] - s[r] * di
        t = h * inv
        hb[r] = h if h > hb[r] else hb[r]
        ab[r] = t if t > ab[r] else ab[r]


def _tail_srim(Hp, hrj, inv, srim):
    """srim[r] = max(srim[r], (Hp[r] - hrj[r]) inv): a fine point in front of every receiver j (one per ray)."""
    for r in range(Hp.shape[0]):
        c = (Hp[r] - hrj[r]) * inv
        srim[r] = c if c > srim[r] else srim[r]


def _tail_los(Hp, ht, strj, di, w, vl):
    """vl[r] = max(vl[r], v of that fine point if the receiver is in line of sight)."""
    for r in range(Hp.shape[0]):
        c = ((Hp[r] - ht[r]) - strj[r] * di) * w
        vl[r] = c if c > vl[r] else vl[r]


def _gather_tx_horizon(HfT, sarg, x, hs, xsa):
    """The point of each ray's transmitter-side horizon: its height (-inf for none) and distance."""
    ninf = np.float32(-np.inf)
    for r in range(sarg.shape[0]):
        sa = sarg[r]
        hs[r] = HfT[sa, r] if sa >= 1 else ninf
        xsa[r] = x[sa]


def _gather_coarse(hcT, dc, a_row, lj, ha, da):
    """The coarse points ``a_row[r]`` of each ray: height (-inf where none, or its crest window reaches lj) and
    distance."""
    ninf = np.float32(-np.inf)
    for r in range(a_row.shape[0]):
        a = a_row[r]
        d = dc[a]
        da[r] = d
        ha[r] = hcT[a, r] if (a >= 1 and d < lj) else ninf


def _point_srim(ha, da, hrj, xj, srim):
    for r in range(ha.shape[0]):
        c = (ha[r] - hrj[r]) / (xj - da[r])
        srim[r] = c if c > srim[r] else srim[r]


def _point_los(ha, da, ht, strj, xj, lam2, vl):
    for r in range(ha.shape[0]):
        d = da[r]
        gap = xj - d
        c = ((ha[r] - ht[r]) - strj[r] * d) * np.sqrt(lam2 * xj / (d * gap))
        vl[r] = c if (d > 0 and gap > 0 and c > vl[r]) else vl[r]


def _shadow_v(hrj, ht, stim, srim, strj, xj, xsj, lam, v):
    """v[r] (the line-of-sight value, in) stays where the receiver sees the transmitter's horizon line
    (stim < strj), else becomes the Bullington parameter at the point where the two horizon lines cross."""
    f32 = np.float32
    tiny = f32(1e-12)
    mm = f32(1e-3)
    two = f32(2.0)
    for r in range(hrj.shape[0]):
        above = hrj[r] - ht[r]
        st = stim[r]
        s = srim[r]
        den = st + s
        den = tiny if abs(den) < tiny else den
        dbp = (above + s * xj) / den
        dbp = mm if dbp < mm else dbp
        dbp = (xj - mm) if dbp > xj - mm else dbp
        vs = (st * dbp - above * dbp / xsj) * np.sqrt(two * xj / (lam * dbp * (xj - dbp)))
        v[r] = v[r] if st < strj[r] else vs


def refine_v(HfT, hrT, hts, x, xs, lim, hcT, dc, hsT, hlT, sub, tail, inv_el, el_d, lam, vT):  # noqa: N803
    """The Bullington parameter v of every fine receiver of :func:`.propagation.refine_rays`, (nf, R) float32 into
    ``vT``: per fine receiver j, on every ray at once (the rays are the innermost loop: it vectorises), with the
    transmitter-side horizon as a running maximum per ray; the receiver-side horizon over the ``tail`` fine points
    in front, the point of the transmitter-side horizon and the horizon points of the two coarse receivers around
    (``hsT``; their windows before ``lim``); in line of sight the largest v over those points, the coarse
    receivers' points of largest v (``hlT``) and the fine points in front.  The same float32 operations as
    ``propagation._refine_v_numpy`` (both cases are computed, then one is kept).  (points x rays) arrays:
    ``HfT``, ``hrT`` (nf, R); ``hcT``, ``hsT``, ``hlT`` (ne, R) the coarse obstacles and horizon points;
    ``dc`` (ne,) the coarse distances; ``inv_el[el]`` = 1 / (el x fine step), ``el_d[el]`` = el x fine step."""
    nf, R = HfT.shape
    ne = dc.shape[0]
    f32 = np.float32
    ninf = f32(-np.inf)
    lam2 = f32(2.0) / lam
    incl = np.full(R, ninf, dtype=np.float32)  # per ray: the transmitter-side horizon slope so far ...
    sarg = np.zeros(R, dtype=np.int32)  # ... and the point that sets it
    srim = np.empty(R, dtype=np.float32)
    strj = np.empty(R, dtype=np.float32)
    hs = np.empty(R, dtype=np.float32)
    xsa = np.empty(R, dtype=np.float32)
    ha = np.empty(R, dtype=np.float32)
    da = np.empty(R, dtype=np.float32)
    for j in range(nf):
        if j >= 2:
            xj = x[j]
            xsj = xs[j]
            lj = lim[j]
            hrj = hrT[j]
            out = vT[j]
            for r in range(R):
                strj[r] = (hrj[r] - hts[r]) / xsj
            srim[:] = ninf
            out[:] = ninf
            for el in range(1, min(tail, j - 1) + 1):
                di = xj - el_d[el]
                w = np.sqrt(lam2 * xj / (di * el_d[el]))
                _tail_srim(HfT[j - el], hrj, inv_el[el], srim)
                _tail_los(HfT[j - el], hts, strj, di, w, out)
            _gather_tx_horizon(HfT, sarg, x, hs, xsa)
            _point_srim(hs, xsa, hrj, xj, srim)
            _point_los(hs, xsa, hts, strj, xj, lam2, out)
            k = min(j // sub, ne - 1)
            k1 = min(k + 1, ne - 1)
            for arow in (hsT[k], hsT[k1]):
                _gather_coarse(hcT, dc, arow, lj, ha, da)
                _point_srim(ha, da, hrj, xj, srim)
                _point_los(ha, da, hts, strj, xj, lam2, out)
            for arow in (hlT[k], hlT[k1]):
                _gather_coarse(hcT, dc, arow, lj, ha, da)
                _point_los(ha, da, hts, strj, xj, lam2, out)
            _shadow_v(hrj, hts, incl, srim, strj, xj, xsj, lam, out)
        else:
            vT[j, :] = ninf
        # the running horizon, with point j
        if j >= 1:
            xsj = xs[j]
            row = HfT[j]
            jj = np.int32(j)
            for r in range(R):
                sl = (row[r] - hts[r]) / xsj
                inc = sl if sl > incl[r] else incl[r]
                incl[r] = inc
                sarg[r] = jj if sl >= inc else sarg[r]
        else:
            sarg[:] = 0


def smooth_earth(G, d, hst, hsr):  # noqa: N803
    """The least-squares smooth earth of every receiver j (profile 0..j) of every ray, at its two ends: ``hst``,
    ``hsr`` (n, R) float64 (P.452 eqs. 161-164, as ``propagation._RayKernel``: the prefix sums
    v1 = sum (d_i - d_i-1)(h_i + h_i-1), v2 = sum (d_i - d_i-1)(h_i (2 d_i + d_i-1) + h_i-1 (d_i + 2 d_i-1)),
    added in the same order).  ``G`` (n, R) float32 ground heights; ``d`` (n,) float64."""
    n, R = G.shape
    acc1 = np.zeros(R)
    acc2 = np.zeros(R)
    for i in range(n):
        if i >= 1:
            ddi = d[i] - d[i - 1]
            a = 2.0 * d[i] + d[i - 1]
            b = d[i] + 2.0 * d[i - 1]
            g1 = G[i]
            g0 = G[i - 1]
            for r in range(R):
                h1 = np.float64(g1[r])
                h0 = np.float64(g0[r])
                acc1[r] = acc1[r] + ddi * (h1 + h0)
                acc2[r] = acc2[r] + ddi * (h1 * a + h0 * b)
        ds = d[i] if d[i] > 0 else 1.0
        ds2 = ds * ds
        st = hst[i]
        sr = hsr[i]
        for r in range(R):
            st[r] = (2.0 * acc1[r] * ds - acc2[r]) / ds2
            sr[r] = (acc2[r] - acc1[r] * ds) / ds2


def add_smooth_part(lossT, ccT, fr, gr, sub):  # noqa: N803
    """``lossT[f, r] += ccT[k, r] gr[f] + ccT[k + 1, r] fr[f]`` (float32, two additions in that order), k = f // sub:
    the smooth-earth part of the complete method, linear between the coarse receivers around each fine one (the
    last fine receiver is the last coarse one).  (points x rays) arrays, the rays innermost."""
    nf, R = lossT.shape
    ne = ccT.shape[0]
    k = 0
    q = 0
    for f in range(nf):  # (k, q) = divmod(f, sub), counted rather than divided
        c0 = ccT[min(k, ne - 1)]
        c1 = ccT[min(k + 1, ne - 1)]
        lr = lossT[f]
        g = gr[f]
        h = fr[f]
        for r in range(R):
            lr[r] = (lr[r] + c0[r] * g) + c1[r] * h
        q += 1
        if q == sub:
            q = 0
            k += 1


def sample_rays(zp, v0, u0, fx, fy, lr, lc, ys, xs, q0, bot, obstacles):  # noqa: N803
    """The DEM along the rays (bilinear, float32) into ``bot`` (R, ne, sub), and the crest-preserving obstacle
    heights into ``obstacles`` (R, ne): each sample's own height (sub-sample ``q0``) raised to the highest local
    maximum of the sub-sampled profile in its window (``coverage._crest_preserving``).  ``zp``: the (ys, xs) window
    padded by one column and row, flat; ``v0``, ``u0`` (R, n, sub), n >= ne: the top-left neighbour's row and column
    offsets from the site's cell (``lr``, ``lc`` in the window), clipped to the window here (as
    ``coverage._flat_ray_index`` does in numpy); ``fx``, ``fy`` the fractions (all C-contiguous: the template's
    arrays, whole).  The same float32 operations as the numpy code in ``coverage._compute_site``.  Each ray's
    sub-samples are one flat profile t = s sub + q (views), so the loops are long and branch-free."""
    R, ne, sub = bot.shape
    n = v0.shape[1]
    N = ne * sub
    xs1 = xs + 1
    ninf = np.float32(-np.inf)
    crest = np.empty(N, dtype=np.float32)  # a sub-sample's height where it is a crest, else -inf
    for r in range(R):
        vr = v0[r].reshape(n * sub)
        ur = u0[r].reshape(n * sub)
        xr = fx[r].reshape(n * sub)
        yr = fy[r].reshape(n * sub)
        F = bot[r].reshape(N)
        for t in range(N):
            i = min(max(vr[t] + lr, 0), ys - 1)
            j = min(max(ur[t] + lc, 0), xs - 1)
            k = i * xs1 + j
            z00 = zp[k]
            top = (zp[k + 1] - z00) * xr[t] + z00
            z10 = zp[k + xs1]
            b = (zp[k + xs1 + 1] - z10) * xr[t] + z10
            F[t] = (b - top) * yr[t] + top
        if sub == 1:
            continue
        # a crest is a local maximum 0 < t < N - 1
        crest[0] = ninf
        crest[N - 1] = ninf
        for t in range(1, N - 1):
            f = F[t]
            crest[t] = f if (f >= F[t - 1]) & (f >= F[t + 1]) else ninf
        ob = obstacles[r]
        for s in range(ne):
            t0 = s * sub
            m = F[t0 + q0]
            for q in range(sub):
                c = crest[t0 + q]
                m = c if c > m else m
            ob[s] = m


def cell_signal(L, K, Q, qf, ws, logd, lo_c, hi_c, R1, const, out):  # noqa: N803
    """Per cell of a site's window: ``const - 20 log10(d_km) - loss``, the loss interpolated in angle and distance
    (``coverage._Template.rays``): ``L`` the losses per (sample, ray) flat, rows of ``R1`` (= rays + 1: the last
    column repeats the first ray, the last row the last sample), ``K[y, x]`` the cell's lower sample on its ray,
    ``Q`` its angle between that ray and the next (weight ``qf[Q]``), ``ws`` the radial weight; in float64 and
    stored as float32, on the columns ``lo_c[y] .. hi_c[y] - 1`` of each row (inside the radius); the other cells
    are left as they are (NaN).  The same operations as ``coverage._cell_signal_numpy`` (which tabulates the
    angles first)."""
    ys, xs = K.shape
    for y in range(ys):
        c0 = max(lo_c[y], 0)
        c1 = min(hi_c[y], xs)
        for x in range(c0, c1):
            a = K[y, x]
            q = Q[y, x]
            # both ways, then a select (no branch: the loop vectorises); on the ray itself (q = 0) its own values
            w = qf[q]
            u0 = L[a]
            u1 = L[a + R1]
            t0 = (L[a + 1] - u0) * w + u0
            t1 = (L[a + R1 + 1] - u1) * w + u1
            v0 = t0 if q != 0 else u0
            v1 = t1 if q != 0 else u1
            # np.float64, not float(): numba's float() keeps a float32 a float32
            lo = np.float64(v1 - v0) * np.float64(ws[y, x]) + np.float64(v0)
            o = const - logd[y, x]
            out[y, x] = np.float32(np.float64(o) - lo)


def _nan_max(a, b):
    """np.maximum of two scalars (a NaN wins)."""
    return a if (a > b or a != a) else b


def _search_left(d, x):
    """np.searchsorted(d, x) (side 'left'; NaN sorts last): from a guess on evenly spaced samples (the rays'), then
    stepped to the exact index (any sorted d)."""
    n = d.shape[0]
    if x != x:
        return n
    if not x > d[0]:
        return 0
    if x > d[n - 1]:
        return n
    # d[0] < x <= d[n - 1]: the k in 1..n-1 with d[k - 1] < x <= d[k]
    k = min(max(int((x - d[0]) / (d[n - 1] - d[0]) * (n - 1)), 1), n - 1)
    while k > 1 and d[k - 1] >= x:
        k -= 1
    while d[k] < x:
        k += 1
    return k


def _around(d, jmax, xstar):
    """The two samples around ``xstar`` in 1..jmax (``propagation._concave_max``)."""
    k = _search_left(d, xstar)
    return min(max(k - 1, 1), jmax), min(max(k, 1), jmax)


def bullington_v(stim, srim, hr, hts, strj, Dj, dw1, lam, vmin, v, need):  # noqa: N803
    """The coarse Bullington parameter of the receivers j0..j0+J-1 (rows) on every ray: in the shadow, v at the
    point where the two horizon lines cross (exact grazing: v -> 0); in line of sight -inf where it cannot exceed
    ``vmin`` (``need`` False), else left for :func:`los_max` (``need`` True).  float32, the same operations as the
    numpy code of ``propagation._RayKernel._bullington_block``.  ``Dj`` (J,) the receivers' distances, ``dw1`` (J,)
    their DW[:, 1]."""
    J, R = stim.shape
    f32 = np.float32
    ninf = f32(-np.inf)
    tiny = f32(1e-12)
    mm = f32(1e-3)
    two = f32(2.0)
    for jr in range(J):
        dj = Dj[jr]
        dw = dw1[jr]
        top = dj - mm
        st_r, sr_r, hr_r, sj_r, v_r, nd_r = stim[jr], srim[jr], hr[jr], strj[jr], v[jr], need[jr]
        for r in range(R):
            st = st_r[r]
            s = sr_r[r]
            above = hr_r[r] - hts[r]
            den = st + s
            den = tiny if abs(den) < tiny else den
            db = (above + s * dj) / den
            db = mm if db < mm else db
            db = top if db > top else db
            vv = (st * db - above * db / dj) * np.sqrt(two * dj / (lam * db * (dj - db)))
            sj = sj_r[r]
            los = st < sj
            nd = los and (st - sj) * dw > vmin
            nd_r[r] = nd
            v_r[r] = ninf if (los and not nd) else vv


def smooth_heights(ArawT, d32, INV, j0, aobt_pre, strraw, hst, hsr, hts, g0, G, hrs, hte, hre):  # noqa: N803
    """The effective antenna heights of the complete method's smooth profile, ``hte``, ``hre`` (J, R) float64, of
    the receivers j0..j0+J-1: the least-squares smooth earth at both ends (``hst``, ``hsr``, (n, R)), lowered where
    the terrain obstructs the straight tx-rx line by its highest obstruction, shared by the two ends in proportion
    to their obstruction angles (P.452-16 eqs. 165-169, as ``propagation.diffraction_heights_m``), capped by the
    ground (``g0``, ``G``).  The obstruction maxima (H_i = ArawT[i, r] - strraw d_i and H_i / (d_j - d_i),
    float32) on every ray at once; the rest per receiver, the same float64 operations as
    ``propagation._RayKernel._smooth_block``.  ``strraw`` (J, R) the tx-rx slopes without the bulge; ``aobt_pre``
    (n, R) the running maxima of (h_i - hts) / d_i; ``hrs`` (n, R) the receiver antennas."""
    J, R = strraw.shape
    aobt = np.empty(R)
    obst = np.zeros(R, dtype=np.bool_)
    s32 = np.empty(R, dtype=np.float32)
    hb = np.zeros(R, dtype=np.float32)
    ab = np.zeros(R, dtype=np.float32)
    for jr in range(J):
        j = j0 + jr
        any_obst = False
        for r in range(R):
            a = aobt_pre[j - 1, r] - strraw[jr, r]
            aobt[r] = a
            obst[r] = a > 0.0
            any_obst = any_obst or a > 0.0
            s32[r] = np.float32(strraw[jr, r])
        if any_obst:
            hb[:] = ArawT[1] - s32 * d32[1]
            ab[:] = hb * INV[jr, 1]
            for i in range(2, j):
                _obstruction_rows(ArawT[i], s32, d32[i], INV[jr, i], hb, ab)
        for r in range(R):
            st = hst[j, r]
            sr = hsr[j, r]
            if obst[r]:
                hob = np.float64(hb[r])
                aor = np.float64(ab[r]) + 0.0
                tot = aobt[r] + aor
                st = st - hob * aobt[r] / tot
                sr = sr - hob * aor / tot
            hte[jr, r] = hts[r] - _nan_min(st, g0[r])
            hre[jr, r] = hrs[j, r] - _nan_min(sr, G[j, r])


def _nan_min(a, b):
    """np.minimum of two scalars (a NaN wins; at a tie the second)."""
    return a if (a < b or a != a) else b


def _smooth_rows(bw, w, dw, te, st, b):
    """One point of the smooth profile's line-of-sight search on every ray at once (vectorises):
    b[r] = max(b[r], (bw - w te[r]) - dw st[r]), float64."""
    for r in range(te.shape[0]):
        x = (bw - w * te[r]) - dw * st[r]
        b[r] = x if x > b[r] else b[r]


def _smooth_point(x, dj, two_re, w, te, st, b):
    """One refined point of the smooth profile's line-of-sight search on every ray at once:
    b[r] = max(b[r], w ((x (D - x) / (2 re) - te[r]) - st[r] x)), float64 (``propagation._smooth_foreground``)."""
    bulge = (x * (dj - x)) / two_re
    for r in range(te.shape[0]):
        y = w * ((bulge - te[r]) - st[r] * x)
        b[r] = y if y > b[r] else b[r]


def smooth_v(d, hte, hre, j0, re, lam, vmin, BW, W, DW, want, v, df, fs):  # noqa: N803
    """Bullington on the smooth profile of the complete method (``propagation._RayKernel._smooth_block``): per
    receiver j0 + jr and ray r, from the effective antenna heights ``hte``, ``hre`` (J, R) float64, its parameter v
    into ``v`` (J, R) float64: the horizon slopes as concave maxima at the two samples around their continuous
    optima; in the shadow the Bullington point; in line of sight -inf where the smooth earth cannot reach v >
    ``vmin`` (-0.78), else the largest v over the points (searched on every ray at once, kept where needed).  The
    same float64 operations as the numpy code.  Only where ``want`` (J, R) is True (:func:`spherical_candidates`);
    elsewhere v is NaN (not used).  ``fs`` > 1 (rays refined onto ``fs`` points per sample, ``df`` the distances of
    those points): the horizon slopes are maxima over the refined points and the line-of-sight search also takes
    the ``2 fs`` refined points in front of the receiver, as the refinement does for the actual profile
    (``propagation._RayKernel`` with ``fine_sub``); ``fs`` = 1: ``df`` is ``d``."""
    J, R = hte.shape
    two_re = 2.0 * re
    need = np.zeros(R, dtype=np.bool_)
    st_r = np.zeros(R)
    b = np.empty(R)
    for jr in range(J):
        j = j0 + jr
        Dj = d[j]
        jmax = j * fs - 1  # the last point before the receiver (of the refined points when fs > 1)
        dw1 = np.float64(DW[jr, 1])
        nfg = min(2 * fs, jmax) if fs > 1 else 0  # refined points in front of the receiver
        if fs > 1 and j == 2:  # its nearest point to the transmitter is the refined point 1 (as the numpy code)
            x = df[1]
            dw1 = np.sqrt((2.0 * Dj) / ((lam * x) * (Dj - x))) * x
        searched = False
        for r in range(R):
            te = hte[jr, r]
            re_ = hre[jr, r]
            need[r] = False
            st_r[r] = 0.0
            if not want[jr, r]:
                v[jr, r] = np.nan
                continue
            lo, hi = _around(df, jmax, np.sqrt(two_re * te))
            stim = _nan_max((Dj - df[lo]) / two_re - te / df[lo], (Dj - df[hi]) / two_re - te / df[hi])
            lo, hi = _around(df, jmax, Dj - np.sqrt(two_re * re_))
            srim = _nan_max(df[lo] / two_re - re_ / (Dj - df[lo]), df[hi] / two_re - re_ / (Dj - df[hi]))
            st = (re_ - te) / Dj
            st_r[r] = st
            if stim < st:  # line of sight
                nd = (stim - st) * dw1 > vmin
                if nd:
                    lo, hi = _around(df, jmax, Dj / 2.0 - re * st)
                    hmax = _nan_max(df[lo] * (Dj - df[lo]) / two_re - te - st * df[lo],
                                    df[hi] * (Dj - df[hi]) / two_re - te - st * df[hi])
                    if np.sqrt(8.0 / (lam * Dj)) * hmax < vmin - 0.01:
                        nd = False
                if nd:
                    need[r] = True
                    searched = True
                else:
                    v[jr, r] = -np.inf
            else:
                den = stim + srim
                if den > 0.0:
                    db = (re_ - te + srim * Dj) / den
                    db = min(max(db, 1e-6), Dj - 1e-6) if db == db else db
                    v[jr, r] = db * (stim - st) * np.sqrt(2.0 * Dj / (lam * db * (Dj - db)))
                else:
                    v[jr, r] = 0.0
        if searched:
            te_r = hte[jr]
            b[:] = (np.float64(BW[jr, 1]) - np.float64(W[jr, 1]) * te_r) - np.float64(DW[jr, 1]) * st_r
            for i in range(2, j):
                _smooth_rows(np.float64(BW[jr, i]), np.float64(W[jr, i]), np.float64(DW[jr, i]), te_r, st_r, b)
            for m in range(1, nfg + 1):  # the refined points in front of the receiver (not the samples themselves)
                if m % fs != 0:
                    x = df[j * fs - m]
                    _smooth_point(x, Dj, two_re, np.sqrt((2.0 * Dj) / ((lam * x) * (Dj - x))), te_r, st_r, b)
            for r in range(R):
                if need[r]:
                    v[jr, r] = b[r]


def spherical_candidates(d, hte, hre, a, lam, want):
    """Where the spherical-earth loss of the complete method (``propagation.spherical_earth_loss_db``, in numpy) may
    be above 0, ``want`` (J, R) True: beyond the smooth-earth line of sight, within it where the first Fresnel zone
    is not clear (h_se <= h_req), and wherever a height is NaN; False where it is 0 (the transmitter's own points, a
    clear zone: first by bounds of h_se and h_req without trigonometry, then exactly).  The same formulas with the C
    library's trigonometric functions, so the clear test has a margin of 1e-9 of the heights (far above the
    last-bit differences from numpy's): where it says clear, numpy's loss is 0 too.  ``d`` (J,) metres; ``hte``,
    ``hre`` (J, R) metres; ``a`` the effective earth radius and ``lam`` the wavelength, km and m (the numpy
    function's units)."""
    J, R = hte.shape
    s2a = np.sqrt(2.0 * a)
    third = np.pi / 3.0
    for jr in range(J):
        dk = d[jr] / 1000.0
        for r in range(R):
            te = hte[jr, r]
            rr = hre[jr, r]
            if not dk > 0.0:
                want[jr, r] = False
                continue
            if te != te or rr != rr:
                want[jr, r] = True
                continue
            te = te if te > 1e-3 else 1e-3
            rr = rr if rr > 1e-3 else 1e-3
            if not dk < s2a * (np.sqrt(0.001 * te) + np.sqrt(0.001 * rr)):
                want[jr, r] = True  # beyond the smooth-earth horizon
                continue
            # h_se is the path's height above the earth at a point of the path: at least the lower antenna less
            # the bulge mid-path; h_req is at most its mid-path value.  Clear by these bounds: no trigonometry
            lower = (te if te < rr else rr) - 125.0 * dk * dk / a
            upper = 8.728 * np.sqrt(dk * lam)
            if lower > upper + 1e-9 * (te + rr + upper):
                want[jr, r] = False
                continue
            c = (te - rr) / (te + rr)
            m = 250.0 * dk * dk / (a * (te + rr))
            arg = 1.5 * c * np.sqrt(3.0 * m / (m + 1.0) ** 3)
            arg = min(max(arg, -1.0), 1.0)
            b = 2.0 * np.sqrt((m + 1.0) / (3.0 * m)) * np.cos(third + np.arccos(arg) / 3.0)
            dse1 = 0.5 * dk * (1.0 + b)
            dse2 = dk - dse1
            hse = ((te - 500.0 * dse1 ** 2 / a) * dse2 + (rr - 500.0 * dse2 ** 2 / a) * dse1) / dk
            hreq = 17.456 * np.sqrt(dse1 * dse2 * lam / dk)
            want[jr, r] = not hse > hreq + 1e-9 * (te + rr + abs(hreq))


def _knife_db(v, vmin):
    """``propagation.knife_edge_loss_db`` of one float64 v (its array path's operations, in its order)."""
    keep = 1.0 if v > vmin else 0.0
    vv = v if v > vmin else vmin  # np.fmax(v, vmin) (NaN gives vmin)
    vv = vv - 0.1
    j = vv * vv
    j = j + 1.0
    j = np.sqrt(j)
    j = j + vv
    j = np.log10(j)
    j = j * 20.0
    j = j + 6.9
    j = _nan_max(j, 0.0)
    return j * keep


def _height_gain(b, k_floor):
    """``propagation._g_height_gain`` of one element; ``k_floor`` = 2 + 20 log10(K)."""
    bb = _nan_max(b - 1.1, 1e-12)
    if b > 2.0:
        g = 17.6 * np.sqrt(bb) - 5.0 * np.log10(bb) - 8.0
    else:
        g = 20.0 * np.log10(_nan_max(b + 0.1 * b ** 3.0, 1e-300))
    return _nan_max(g, k_floor)


def _ldft_factors(a, f, f2, c1, c2, vertical):
    """The factors of ``propagation._ldft_db`` that depend on the earth radius ``a`` (km) and the frequency only:
    (21.88 beta (f / a^2)^(1/3), beta Y, the floor of G); ``c1``, ``c2``: the two factors of K, computed by numpy
    (every power of a constant is then the same number)."""
    k = 0.036 * (a * f) ** (-1.0 / 3.0) * c1
    if vertical:
        k = k * c2
    k2 = k * k
    k4 = k2 * k2
    beta = (1.0 + 1.6 * k2 + 0.67 * k4) / (1.0 + 4.5 * k2 + 1.53 * k4)
    xf = 21.88 * beta * (f / (a * a)) ** (1.0 / 3.0)
    y = 0.9575 * beta * (f2 / a) ** (1.0 / 3.0)
    return xf, beta * y, 2.0 + 20.0 * np.log10(k)


def _ldft(xf, by, floor, d, hte, hre):
    """``propagation._ldft_db`` of one element from its :func:`_ldft_factors`."""
    x = xf * d
    if x >= 1.6:
        fx = 11.0 + 10.0 * np.log10(x) - 17.6 * x
    else:
        fx = -20.0 * np.log10(x) - 5.6488 * x ** 1.425
    return -fx - _height_gain(by * hte, floor) - _height_gain(by * hre, floor)


def smooth_part(d, vs, hte, hre, want, f, f2, c1, c2, vertical, a, lam, vmin, corr):  # noqa: N803
    """The smooth-earth part of the complete method, ``max(Lsph - Lbs, 0)``, into ``corr`` (J, R) float64 where
    ``want`` (0 elsewhere): ``propagation._smooth_part`` element by element (Lbs: the corrected Bullington loss of
    the smooth profile's v ``vs``; Lsph: ``spherical_earth_loss_db`` over land), the same operations in the same
    order.  ``d`` (J,) metres; ``f`` GHz, ``f2`` = f ** 2, ``c1``, ``c2`` the first-term factors of the ground
    (numpy's, so every power of a constant is the same number); ``a`` the effective earth radius (km); ``lam`` the
    wavelength (m)."""
    J, R = vs.shape
    s2a = np.sqrt(2.0 * a)
    third = np.pi / 3.0
    xf, by, floor = _ldft_factors(a, f, f2, c1, c2, vertical)  # beyond the horizon: the same for every receiver
    for jr in range(J):
        dd = d[jr]
        grow = 10.0 + 0.02 * dd / 1000.0
        dk = dd / 1000.0
        for r in range(R):
            if not want[jr, r]:
                corr[jr, r] = 0.0
                continue
            luc = _knife_db(vs[jr, r], vmin)
            t = -luc
            t = t / 6.0
            t = np.exp(t)
            t = 1.0 - t
            t = t * grow
            lbs = t + luc
            te = _nan_max(hte[jr, r], 1e-3)
            rr = _nan_max(hre[jr, r], 1e-3)
            d_los = s2a * (np.sqrt(0.001 * te) + np.sqrt(0.001 * rr))
            lsph = 0.0
            if dk >= d_los:
                lsph = _ldft(xf, by, floor, dk, te, rr)
            elif dk > 0.0:
                # spherical_candidates' clearance, with numpy's pow for the cube (bit for bit with numpy's loss; the
                # candidates' product is 0.9 ms a 90 m site faster, and their margin covers the difference)
                c = (te - rr) / (te + rr)
                m = 250.0 * dk * dk / (a * (te + rr))
                arg = 1.5 * c * np.sqrt(3.0 * m / (m + 1.0) ** 3.0)
                if arg < -1.0:
                    arg = -1.0
                elif arg > 1.0:
                    arg = 1.0
                b = 2.0 * np.sqrt((m + 1.0) / (3.0 * m)) * np.cos(third + np.arccos(arg) / 3.0)
                dse1 = 0.5 * dk * (1.0 + b)
                dse2 = dk - dse1
                hse = ((te - 500.0 * (dse1 * dse1) / a) * dse2 + (rr - 500.0 * (dse2 * dse2) / a) * dse1) / dk
                hreq = 17.456 * np.sqrt(dse1 * dse2 * lam / dk)
                if not hse > hreq:
                    q = dk / (np.sqrt(te) + np.sqrt(rr))
                    aem = 500.0 * (q * q)
                    xe, be, fe = _ldft_factors(aem, f, f2, c1, c2, vertical)
                    lem = _nan_max(_ldft(xe, be, fe, dk, te, rr), 0.0)
                    lsph = (1.0 - hse / hreq) * lem
            corr[jr, r] = _nan_max(lsph - lbs, 0.0)
