"""Radio propagation models (pure numpy, no QGIS).

Units: distances in metres unless the name says ``_km``, frequencies in MHz,
heights in metres, losses in dB.

Models and their validity ranges
--------------------------------
* Free-space path loss (:func:`fspl_db`): valid in the far field
  (d >> wavelength); any frequency.  FSPL(1 km, 900 MHz) = 91.53 dB.
* ITU-R P.526 single knife-edge (:func:`knife_edge_loss_db`, J(v)):
  the P.526 closed-form approximation of the Fresnel-Kirchhoff knife-edge
  loss, valid for v > -0.78; for v <= -0.78 the loss is taken as 0 dB
  (enough of the first Fresnel zone is clear).
* Fresnel-Kirchhoff parameter (:func:`fresnel_v`): valid when d1, d2 >> h and
  d1, d2 >> wavelength (paraxial approximation).
* Bullington (ITU-R P.526-15 section 4.5.1: Stim / Str / Srim / Bullington point)
  (:func:`bullington_loss_db`, :func:`bullington_rays`): multi-obstacle
  diffraction over a terrain profile, earth curvature via an effective earth
  radius ``k * 6371 km`` (k = 4/3 standard atmosphere).  Without its
  correction (the ``p526_bullington`` model) it reduces to the exact single
  knife edge over one obstacle and under-estimates the loss of several
  obstacles and of the smooth earth (8-14 dB on average against the complete
  method).  Exact grazing (Stim + Srim = 0) gives v = 0 (J = 6 dB).
* The complete method of ITU-R P.526-15 section 4.5.2, identical to P.452-16
  section 4.2.3 "delta-Bullington" (:func:`delta_bullington_loss_db`,
  :func:`delta_bullington_rays`; the default ``p526`` model):
  ``L = Lba + max(Lsph - Lbs, 0)`` with the corrected Bullington
  ``Luc + (1 - exp(-Luc/6)) (10 + 0.02 d_km)`` on the actual profile (Lba) and
  on the smooth profile (Lbs), and the spherical-earth loss Lsph (P.452 4.2.2 /
  P.526 3.2, land: eps_r 22, sigma 0.003 S/m, vertical polarisation) for the
  effective heights of the least-squares smooth earth (P.452 eqs. 161-169).
  Validity (P.452-16): about 0.1-50 GHz, paths up to a few hundred km,
  terrain profiles sampled finer than the obstacles that
  matter; no clutter.  Checked against pycraf's P.452-16 implementation
  (tests/oracle).
* Okumura-Hata (:func:`hata_loss_db`): 150-1500 MHz, d 1-20 km, base station
  height hb 30-200 m, mobile height hm 1-10 m.  Terrain is ignored (quasi
  smooth terrain); ``environment`` = ``urban`` (small/medium city),
  ``suburban`` or ``rural`` (open area).
* COST-231 Hata (same function, chosen automatically above 1500 MHz):
  1500-2000 MHz, d 1-20 km, hb 30-200 m, hm 1-10 m.  The suburban / rural
  corrections of Okumura-Hata are applied as is (common practice; outside
  the COST-231 published scope).
Outside the stated ranges the functions still return numbers (clamped where
noted) -- callers decide whether to warn.
"""

from __future__ import annotations

import math

import numpy as np

from . import kernels

C_M_PER_S = 299_792_458.0
EARTH_RADIUS_M = 6_371_000.0
J_V_MIN = -0.78
#: elementwise numpy work on the ray arrays runs in blocks of this many elements: each float64 temporary (64 KB) then
#: comes from the heap and stays in the cache, where a whole-array one (over 128 KB) is fresh memory from the system
#: each time, page faults included (measured: they were half the time of the spherical-earth loss); the same values,
#: element by element
_BLOCK_ELEMENTS = 8192


def wavelength_m(freq_mhz):
    """Wavelength in metres for a frequency in MHz."""
    return C_M_PER_S / (np.asarray(freq_mhz, dtype=float) * 1e6)


def fspl_db(distance_m, freq_mhz):
    """Free-space path loss in dB: 20 log10(d_km) + 20 log10(f_MHz) + 32.45.

    Valid in the far field (distance >> wavelength).  Distances below 1 m are
    clamped to 1 m to avoid -inf at the transmitter.
    """
    d_km = np.maximum(np.asarray(distance_m, dtype=float), 1.0) / 1000.0
    return 20.0 * np.log10(d_km) + 20.0 * np.log10(np.asarray(freq_mhz, dtype=float)) + 32.4478


def knife_edge_loss_db(v):
    """ITU-R P.526 single knife-edge diffraction loss J(v) in dB.

    J(v) = 6.9 + 20 log10(sqrt((v - 0.1)^2 + 1) + v - 0.1) for v > -0.78,
    0 otherwise.  J(0) ~= 6.0 dB; for large v, J(v) ~= 13 + 20 log10(v).
    A float32 array gives float32 (the coverage engine's ray arrays), anything else float64.
    """
    v = np.asarray(v)
    if v.dtype != np.float32:
        v = v.astype(float)
    if v.ndim == 0:
        vv = np.where(v > J_V_MIN, v, 0.0) - 0.1
        j = 6.9 + 20.0 * np.log10(np.sqrt(vv * vv + 1.0) + vv)
        return float(np.where(v > J_V_MIN, np.maximum(j, 0.0), 0.0))
    # in place, block by block (the ray arrays are large): the same values as the scalar formula above
    flat = v.reshape(1, -1) if v.ndim == 1 else v.reshape(-1, v.shape[-1])
    out = np.empty(flat.shape, dtype=v.dtype)
    _knife_corrected_into(flat, None, out)
    return out.reshape(v.shape)


def fresnel_v(h_m, d1_m, d2_m, wavelength):
    """Fresnel-Kirchhoff diffraction parameter v = h sqrt(2 (d1 + d2) / (lambda d1 d2)).

    ``h_m`` is the height of the obstacle top above the straight line joining
    the two terminals (negative when the line passes above it).  Valid for
    d1, d2 >> h and >> wavelength.
    """
    h = np.asarray(h_m, dtype=float)
    d1 = np.asarray(d1_m, dtype=float)
    d2 = np.asarray(d2_m, dtype=float)
    return h * np.sqrt(2.0 * (d1 + d2) / (wavelength * d1 * d2))


def bullington_corrected_db(luc, d_m):
    """The Bullington correction of ITU-R P.526-15 eq. (56) (= P.452-16 eq. 21):
    ``L = Luc + (1 - exp(-Luc / 6)) (10 + 0.02 d_km)``; ``Luc`` = J(v_b) in dB, ``d_m`` the path length."""
    luc = np.asarray(luc, dtype=float)
    grow = 10.0 + 0.02 * np.asarray(d_m, dtype=float) / 1000.0
    if luc.ndim == 0 or np.broadcast_shapes(luc.shape, grow.shape) != luc.shape:
        out = luc + (1.0 - np.exp(-luc / 6.0)) * grow
        return out if out.ndim else float(out)
    # the same operations in place (fewer temporaries on the ray arrays, the same values)
    return _corrected_into(luc, grow, np.empty_like(luc))


def _corrected_into(luc, grow, out):
    """``out[...] = luc + (1 - exp(-luc / 6)) grow`` (float64, ``grow`` = 10 + 0.02 d_km broadcastable to luc), in
    place in ``out``; the operations of :func:`bullington_corrected_db` on arrays."""
    np.negative(luc, out=out)
    out /= 6.0
    np.exp(out, out=out)
    np.subtract(1.0, out, out=out)
    out *= grow
    out += luc
    return out


_empirical = bullington_corrected_db  # the historical name


def _knife_corrected_into(v, grow, out, block=65536):
    """``out[...] = J(v)`` (:func:`knife_edge_loss_db`, the array path), or with ``grow`` (= 10 + 0.02 d_km, float64,
    broadcastable to v) the corrected ``bullington_corrected_db(J(v), d)``; ``v`` 2-D float32 or float64, J and
    the correction in that precision.  Block by block in work arrays reused from block to block: a few dozen
    numpy calls and no fresh temporaries for a whole refinement (fresh ones cost page faults), and selects by
    multiplication (np.copyto with a mask costs 3 ns an element, most of J's time).  In float32 (the coverage
    engine's rays) 20 log10(x) is taken as (20 / ln 10) ln(x) and the correction is float32 too: numpy's
    vectorised float32 log and exp take a quarter to a third of the time of log10 and of a float64 exp (measured:
    9 -> 2.5 ms for a 90 m site's 350,000 receivers) and differ from them by one or two units of float32's last
    place (at most 1.1e-5 dB)."""
    nr, nc = v.shape
    rows = max(1, block // max(nc, 1))
    m = min(rows, nr)
    keep = np.empty((m, nc), dtype=np.bool_)
    vv, j = np.empty((m, nc), dtype=v.dtype), np.empty((m, nc), dtype=v.dtype)
    vmin = v.dtype.type(J_V_MIN)
    single = v.dtype == np.float32
    if grow is not None:
        if single:
            grow = np.asarray(grow, dtype=np.float32)
            t = np.empty((m, nc), dtype=np.float32)
        else:
            l64, t = np.empty((m, nc)), np.empty((m, nc))
    for a in range(0, nr, rows):
        b = min(a + rows, nr)
        k = b - a
        V, K, VV, Jb = v[a:b], keep[:k], vv[:k], j[:k]
        # J(v) = 6.9 + 20 log10(sqrt((v - 0.1)^2 + 1) + v - 0.1) where v > -0.78, else 0: every element is computed,
        # those at or below -0.78 (and NaN) on -0.78 (finite), then multiplied by 0
        np.greater(V, vmin, out=K)
        np.fmax(V, vmin, out=VV)
        VV -= 0.1
        np.multiply(VV, VV, out=Jb)
        Jb += 1.0
        np.sqrt(Jb, out=Jb)
        Jb += VV
        if single:
            np.log(Jb, out=Jb)
            Jb *= _DB_PER_NEPER
        else:
            np.log10(Jb, out=Jb)
            Jb *= 20.0
        Jb += 6.9
        np.maximum(Jb, 0.0, out=Jb)
        np.multiply(Jb, K, out=Jb)
        if grow is None:
            out[a:b] = Jb
            continue
        g = grow[a:b] if grow.shape[0] == nr else grow
        if single:  # J + (1 - exp(-J / 6)) grow, in float32
            T = t[:k]
            np.multiply(Jb, np.float32(-1.0 / 6.0), out=T)
            np.exp(T, out=T)
            np.subtract(np.float32(1.0), T, out=T)
            T *= g
            T += Jb
            out[a:b] = T
            continue
        L = l64[:k]
        np.copyto(L, Jb)
        out[a:b] = _corrected_into(L, g, t[:k])


#: 20 / ln(10) in float32: 20 log10(x) = _DB_PER_NEPER ln(x)
_DB_PER_NEPER = np.float32(20.0 / math.log(10.0))


def _bullington_v(d, hc, hts, hrs, lam):
    """Bullington parameter v_b of ONE profile whose heights ``hc`` already include the earth bulge.

    Exact grazing (the line of sight touches the highest obstacle, Stim + Srim = 0, where the Bullington point is
    0 / 0) gives v = 0, the limit of both branches.
    """
    dt = d[-1]
    di = d[1:-1]
    hi = hc[1:-1]
    stim = np.max((hi - hts) / di)
    str_ = (hrs - hts) / dt
    if stim < str_:
        return float(np.max((hi - (hts * (dt - di) + hrs * di) / dt) * np.sqrt(2.0 * dt / (lam * di * (dt - di)))))
    srim = np.max((hi - hrs) / (dt - di))
    den = stim + srim  # >= 0 whenever stim >= str (the obstacle that sets stim is above the line)
    if not den > 0.0:
        return 0.0
    db = (hrs - hts + srim * dt) / den
    db = min(max(db, 1e-6), dt - 1e-6)
    return float(db * (stim - str_) * np.sqrt(2.0 * dt / (lam * db * (dt - db))))


def bullington_loss_db(distances_m, ground_m, tx_agl_m, rx_agl_m, freq_mhz,
                       k_factor=4.0 / 3.0, empirical_correction=False, return_v=False):
    """Bullington diffraction loss (ITU-R P.526 section 4.5.1) for ONE profile, by default WITHOUT its correction.

    ``distances_m`` / ``ground_m``: the full profile, index 0 = transmitter
    ground, index -1 = receiver ground (distances increasing from 0).
    Antenna heights are above ground.  Earth curvature uses the effective
    radius ``k_factor * 6371 km``.  Returns J(v_b) in dB (with
    ``empirical_correction``: :func:`bullington_corrected_db` of it), and v_b if
    ``return_v``.  Reference (scalar) implementation; :func:`bullington_rays`
    is the vectorised equivalent used by the coverage engine.  This is the
    ``p526_bullington`` model; the default ``p526`` model is
    :func:`delta_bullington_loss_db`.
    """
    d = np.asarray(distances_m, dtype=float)
    h = np.asarray(ground_m, dtype=float)
    if d.size < 3:
        return (0.0, -np.inf) if return_v else 0.0
    lam = float(wavelength_m(freq_mhz))
    ce = 1.0 / (k_factor * EARTH_RADIUS_M)
    dt = d[-1]
    hc = h + 0.5 * ce * d * (dt - d)  # earth bulge
    v = _bullington_v(d, hc, h[0] + tx_agl_m, h[-1] + rx_agl_m, lam)
    luc = float(knife_edge_loss_db(v))
    loss = float(bullington_corrected_db(luc, dt)) if empirical_correction else luc
    return (loss, float(v)) if return_v else loss


# --------------------------------------------------------------------------- the complete method (delta-Bullington)

_LAND_EPS_R, _LAND_SIGMA = 22.0, 0.003  # P.452 / P.526 ground constants for land (omega = 0)


def _g_height_gain(b, k):
    """P.526 eq. (18) / P.452 eq. (36): height gain G(Y) of B = beta Y, floored at 2 + 20 log10 K."""
    b = np.asarray(b, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        bb = np.maximum(b - 1.1, 1e-12)
        g = np.where(b > 2.0, 17.6 * np.sqrt(bb) - 5.0 * np.log10(bb) - 8.0,
                     20.0 * np.log10(np.maximum(b + 0.1 * b ** 3, 1e-300)))
    return np.maximum(g, 2.0 + 20.0 * np.log10(k))


def _ldft_db(a_km, d_km, f_ghz, h_te, h_re, vertical=True):
    """First-term spherical-earth diffraction loss L_dft over land (P.452-16 eqs. 30-36, P.526 section 3.1.1)."""
    a = np.asarray(a_km, dtype=float)
    x18 = 18.0 * _LAND_SIGMA / f_ghz
    k = 0.036 * (a * f_ghz) ** (-1.0 / 3.0) * ((_LAND_EPS_R - 1.0) ** 2 + x18 ** 2) ** -0.25
    if vertical:
        k = k * (_LAND_EPS_R ** 2 + x18 ** 2) ** 0.5
    k2 = k * k
    k4 = k2 * k2
    beta = (1.0 + 1.6 * k2 + 0.67 * k4) / (1.0 + 4.5 * k2 + 1.53 * k4)
    x = 21.88 * beta * (f_ghz / a ** 2) ** (1.0 / 3.0) * d_km
    y = 0.9575 * beta * (f_ghz ** 2 / a) ** (1.0 / 3.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        fx = np.where(x >= 1.6, 11.0 + 10.0 * np.log10(x) - 17.6 * x, -20.0 * np.log10(x) - 5.6488 * x ** 1.425)
    return -fx - _g_height_gain(beta * y * h_te, k) - _g_height_gain(beta * y * h_re, k)


def _clearance(d_km, h_te, h_re, a_km, lam):
    """Within the smooth-earth line of sight: (h_se, h_req), the path's clearance above the smooth earth at its
    lowest point and the first Fresnel zone clearance needed there (P.452-16 eqs. 38-42, P.526-15 section 3.2),
    from the distance (km), the effective antenna heights (m, > 0), the effective earth radius (km), the wavelength
    (m); element-wise numpy (:func:`spherical_earth_loss_db` and :func:`spherical_candidates_numpy`)."""
    c = (h_te - h_re) / (h_te + h_re)
    m = 250.0 * d_km * d_km / (a_km * (h_te + h_re))
    arg = np.clip(1.5 * c * np.sqrt(3.0 * m / (m + 1.0) ** 3), -1.0, 1.0)
    b = 2.0 * np.sqrt((m + 1.0) / (3.0 * m)) * np.cos(np.pi / 3.0 + np.arccos(arg) / 3.0)
    dse1 = 0.5 * d_km * (1.0 + b)
    dse2 = d_km - dse1
    hse = ((h_te - 500.0 * dse1 ** 2 / a_km) * dse2 + (h_re - 500.0 * dse2 ** 2 / a_km) * dse1) / d_km
    return hse, 17.456 * np.sqrt(dse1 * dse2 * lam / d_km)


def spherical_earth_loss_db(distance_m, freq_mhz, h_te_m, h_re_m, k_factor=4.0 / 3.0, polarization="vertical"):
    """Spherical-earth diffraction loss L_dsph (ITU-R P.452-16 section 4.2.2, P.526-15 section 3.2) over land.

    ``h_te_m`` / ``h_re_m``: effective antenna heights above the smooth earth (> 0).  Beyond the smooth-earth
    line-of-sight distance ``d_los = sqrt(2 a) (sqrt(h_te) + sqrt(h_re))`` it is the first-term residue loss
    L_dft; within it, L_dft on the modified radius a_em interpolated by the clearance h_se / h_req, 0 when the
    first Fresnel zone clearance h_req is met.  Vectorised (arrays broadcast).  Land: epsilon_r 22,
    sigma 0.003 S/m; ``polarization`` 'vertical' (mobile networks) or 'horizontal'.
    """
    if polarization not in ("vertical", "horizontal"):
        raise ValueError(f"polarization must be 'vertical' or 'horizontal', got {polarization!r}")
    vertical = polarization == "vertical"
    d = np.asarray(distance_m, dtype=float) / 1000.0
    f = float(freq_mhz) / 1000.0
    a = k_factor * EARTH_RADIUS_M / 1000.0
    hte = np.maximum(np.asarray(h_te_m, dtype=float), 1e-3)
    hre = np.maximum(np.asarray(h_re_m, dtype=float), 1e-3)
    lam = C_M_PER_S / (f * 1e9)
    d_los = np.sqrt(2.0 * a) * (np.sqrt(0.001 * hte) + np.sqrt(0.001 * hre))
    d, hte, hre, d_los = np.broadcast_arrays(d, hte, hre, d_los)
    out = np.zeros(d.shape)
    # each branch only on its own elements (the same values, element by element, as computing both everywhere)
    far = d >= d_los
    near = ~far & (d > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        if far.any():
            out[far] = _ldft_db(a, d[far], f, hte[far], hre[far], vertical)
        if near.any():
            d, hte, hre = d[near], hte[near], hre[near]
            hse, hreq = _clearance(d, hte, hre, a, lam)
            within = np.zeros(d.shape)
            low = ~(hse > hreq)  # first Fresnel zone not clear
            if low.any():
                d, hte, hre = d[low], hte[low], hre[low]
                aem = 500.0 * (d / (np.sqrt(hte) + np.sqrt(hre))) ** 2
                lem = np.maximum(_ldft_db(aem, d, f, hte, hre, vertical), 0.0)
                within[low] = (1.0 - hse[low] / hreq[low]) * lem
            out[near] = within
    return out if out.ndim else float(out)


def smooth_earth_heights_m(distances_m, ground_m):
    """Least-squares smooth-earth surface (P.452-16 eqs. 161-164): its heights (h_st, h_sr) at both ends, m."""
    d = np.asarray(distances_m, dtype=float)
    h = np.asarray(ground_m, dtype=float)
    dd = np.diff(d)
    v1 = np.sum(dd * (h[1:] + h[:-1]))
    v2 = np.sum(dd * (h[1:] * (2.0 * d[1:] + d[:-1]) + h[:-1] * (d[1:] + 2.0 * d[:-1])))
    dt = d[-1]
    return float((2.0 * v1 * dt - v2) / dt ** 2), float((v2 - v1 * dt) / dt ** 2)


def diffraction_heights_m(distances_m, ground_m, hts, hrs):
    """Heights (h_std, h_srd) of the smooth surface for the diffraction model (P.452-16 eqs. 165-169), m.

    The smooth-earth line is lowered by the highest obstruction h_obs of the straight tx-rx line (no earth
    bulge), shared in proportion to the horizon elevation angles, and kept at or below the terminals' ground.
    """
    d = np.asarray(distances_m, dtype=float)
    h = np.asarray(ground_m, dtype=float)
    hst, hsr = smooth_earth_heights_m(d, h)
    dt = d[-1]
    di = d[1:-1]
    hh = h[1:-1] - (hts * (dt - di) + hrs * di) / dt
    hobs = float(hh.max()) if hh.size else -np.inf
    if hobs > 0.0:
        aobt = float(np.max(hh / di))
        aobr = float(np.max(hh / (dt - di)))
        hst -= hobs * aobt / (aobt + aobr)
        hsr -= hobs * aobr / (aobt + aobr)
    return min(hst, float(h[0])), min(hsr, float(h[-1]))


def delta_bullington_loss_db(distances_m, ground_m, tx_agl_m, rx_agl_m, freq_mhz, k_factor=4.0 / 3.0,
                             polarization="vertical", return_parts=False):
    """The complete diffraction method of ITU-R P.526-15 section 4.5.2 (= P.452-16 section 4.2.3,
    "delta-Bullington") for ONE profile, in dB:

    ``L = Lba + max(Lsph - Lbs, 0)``, where ``Lba`` is the Bullington loss WITH its correction
    (:func:`bullington_corrected_db`) on the actual profile, ``Lbs`` the same on the smooth profile (all heights
    0, antennas at the effective heights ``h_te = hts - h_std``, ``h_re = hrs - h_srd`` of
    :func:`diffraction_heights_m`) and ``Lsph`` the spherical-earth loss (:func:`spherical_earth_loss_db`) for
    those heights.  Same profile conventions as :func:`bullington_loss_db`.  Reference (scalar) implementation;
    :func:`delta_bullington_rays` is the vectorised one.  With ``return_parts`` returns ``(loss, parts)``, parts
    = dict of ``v`` (actual profile), ``v_smooth``, ``bullington_db`` (Lba), ``bullington_smooth_db`` (Lbs),
    ``spherical_db`` (Lsph), ``h_te``, ``h_re``.
    """
    d = np.asarray(distances_m, dtype=float)
    h = np.asarray(ground_m, dtype=float)
    if d.size < 3 or not d[-1] > 0:
        parts = dict(v=-np.inf, v_smooth=-np.inf, bullington_db=0.0, bullington_smooth_db=0.0, spherical_db=0.0,
                     h_te=float(tx_agl_m), h_re=float(rx_agl_m))
        return (0.0, parts) if return_parts else 0.0
    lam = float(wavelength_m(freq_mhz))
    ce = 1.0 / (k_factor * EARTH_RADIUS_M)
    dt = d[-1]
    bulge = 0.5 * ce * d * (dt - d)
    hts = h[0] + tx_agl_m
    hrs = h[-1] + rx_agl_m
    v = _bullington_v(d, h + bulge, hts, hrs, lam)
    lba = float(bullington_corrected_db(knife_edge_loss_db(v), dt))
    hstd, hsrd = diffraction_heights_m(d, h, hts, hrs)
    hte, hre = hts - hstd, hrs - hsrd
    vs = _bullington_v(d, bulge, hte, hre, lam)
    lbs = float(bullington_corrected_db(knife_edge_loss_db(vs), dt))
    lsph = float(spherical_earth_loss_db(dt, freq_mhz, hte, hre, k_factor, polarization))
    loss = lba + max(lsph - lbs, 0.0)
    if return_parts:
        return loss, dict(v=v, v_smooth=vs, bullington_db=lba, bullington_smooth_db=lbs, spherical_db=lsph,
                          h_te=hte, h_re=hre)
    return loss


# --------------------------------------------------------------------------- vectorised kernels (the coverage engine)

def bullington_rays(distances_m, ground_m, tx_amsl_m, rx_agl_m, freq_mhz,
                    k_factor=4.0 / 3.0, empirical_correction=False, block=None, obstacles_m=None,
                    return_horizon=False, want_loss=True):
    """Vectorised Bullington loss (uncorrected by default) for every receiver position along many rays.

    ``distances_m``: (n,) increasing, ``distances_m[0] == 0`` (transmitter).
    ``ground_m``: (R, n) ground heights along R rays sampled at those distances.
    ``tx_amsl_m``: (R,) or scalar transmitter antenna height above sea level.
    ``obstacles_m``: optional (R, n) heights of the intermediate points (default ``ground_m``); the coverage
    engine's coarse resolutions pass the highest ground around each sample, so that crests between samples
    still diffract; the terminals always stand on ``ground_m``.
    Returns (R, n) float32 losses in dB; the receiver at sample j sees the
    profile 0..j (receiver antenna ``rx_agl_m`` above the ground at j).
    Same result as :func:`bullington_loss_db` on each profile (float32).

    Implementation: heights are mapped to a flat-earth frame with
    ``h' = h - d^2 / (2 k a)`` (exact for the parabolic earth-bulge model used
    by P.526), so the transmitter-side horizon slope is a prefix maximum
    (``np.maximum.accumulate``).  The receiver-side horizon slope needs, per
    receiver, a maximum over the intermediate points: O(R n^2) work, done for
    ``block`` receivers per numpy pass (default: 8 for up to 262,144 ray
    samples, so that small ray sets are not dominated by per-call overhead,
    else 1).  Line-of-sight receivers
    need the largest v over the profile only where it can exceed -0.78 (else
    J(v) = 0): ``(Stim - Str) * min_i(d_i w_i)`` bounds it, and only the
    receivers above that bound are searched.  With ``return_horizon`` also returns the points that set each
    receiver's horizons (see :func:`refine_rays`); without ``want_loss`` the loss is not computed (None).
    """
    k = _RayKernel(distances_m, ground_m, tx_amsl_m, rx_agl_m, freq_mhz, k_factor, block, obstacles_m, False,
                   return_horizon)
    if k.trivial:
        zi = np.zeros((k.R, k.n), dtype=np.int32)
        return (k.zeros(), (zi, zi)) if return_horizon else k.zeros()
    vT = k.run()[0]
    loss = None
    if want_loss:
        loss = knife_edge_loss_db(vT)
        if empirical_correction:
            loss = np.asarray(bullington_corrected_db(loss, k.d[:, None]), dtype=np.float32)
        loss = np.ascontiguousarray(loss.T)
    return (loss, (np.ascontiguousarray(k.srim_argT.T), np.ascontiguousarray(k.los_argT.T))) if return_horizon \
        else loss


def delta_bullington_rays(distances_m, ground_m, tx_amsl_m, rx_agl_m, freq_mhz, k_factor=4.0 / 3.0,
                          polarization="vertical", block=None, obstacles_m=None, return_horizon=False,
                          want_loss=True, fine_sub=1):
    """Vectorised complete method (:func:`delta_bullington_loss_db`) for every receiver along many rays.

    Same arguments and layout as :func:`bullington_rays`; returns (R, n) float32 losses in dB equal to
    :func:`delta_bullington_loss_db` on each profile 0..j (float32 rounding).  On top of the Bullington work it
    needs, per receiver: the least-squares smooth earth (prefix sums, O(R n)), the highest obstruction of the
    straight line and the receiver-side obstruction angle (a second O(R n^2) pass, dense over the block), the
    Bullington parameter of the smooth profile (its horizon slopes are maxima of concave functions of the
    sample distance: two samples around the continuous optimum give them exactly; its line-of-sight case is
    searched like the actual profile's) and the spherical-earth loss (O(R n)).
    With ``return_horizon`` also returns the smooth-earth part ``max(Lsph - Lbs, 0)`` (R, n) and, per receiver,
    the index of the point that sets its receiver-side horizon (R, n) int32 (see :func:`refine_rays`); without
    ``want_loss`` the loss itself is not computed (None: the coverage engine refines it from those).  ``fine_sub``:
    the refinement's points per sample (:func:`refine_rays`' ``sub``): the smooth profile's Bullington loss then
    takes the refined points too (its horizons over all of them, its line-of-sight search also over the ``2 fine_sub``
    in front of the receiver), as the refinement's loss of the actual profile does; else the two disagree on flat
    ground, where the refined profile's own foreground gives the receiver a loss the coarse smooth profile has not,
    and the smooth-earth part counts it twice (fast was up to 3 dB pessimistic at 1-3 km, found 7 December).
    """
    k = _RayKernel(distances_m, ground_m, tx_amsl_m, rx_agl_m, freq_mhz, k_factor, block, obstacles_m, True,
                   return_horizon, fine_sub)
    if k.trivial:
        z = k.zeros()
        zi = np.zeros(z.shape, dtype=np.int32)
        return (z, z.copy(), (zi, zi)) if return_horizon else z
    vT, vsT, hteT, hreT, wantT = k.run()
    dcol = k.d[:, None]
    if k.compiled:
        corr = np.empty(hteT.shape)
        kernels.smooth_part(k.d, vsT, hteT, hreT, wantT, *_ground_factors(freq_mhz, polarization),
                            k_factor * EARTH_RADIUS_M / 1000.0, C_M_PER_S / (float(freq_mhz) / 1000.0 * 1e9),
                            J_V_MIN, corr)
    else:
        corr = _smooth_part(dcol, vsT, hteT, hreT, wantT, freq_mhz, k_factor, polarization)
    loss = None
    if want_loss:
        loss = bullington_corrected_db(knife_edge_loss_db(vT), dcol)
        loss += corr
        loss[:2] = 0.0
        loss = np.ascontiguousarray(loss.T.astype(np.float32))
    if return_horizon:
        corr[:2] = 0.0
        return (loss, np.ascontiguousarray(corr.T.astype(np.float32)),
                (np.ascontiguousarray(k.srim_argT.T), np.ascontiguousarray(k.los_argT.T)))
    return loss


def spherical_candidates_numpy(d, hte, hre, a_km, lam):
    """Where the spherical-earth loss (:func:`spherical_earth_loss_db`) may be above 0: (J, R) bool from the
    distances ``d`` (J,) m and the effective heights ``hte``, ``hre`` (J, R) m; ``a_km`` the effective earth radius,
    ``lam`` the wavelength (m).  True beyond the smooth-earth line of sight, wherever a height is NaN, and within it
    unless the bounds of core.kernels.spherical_candidates prove the first Fresnel zone clear (h_se is at least the
    lower antenna less the mid-path bulge, h_req at most its mid-path value; margin 1e-9 of the heights): where it
    is False the loss is 0; those left within it then by the exact clearance test h_se > h_req (the same margin).
    The numpy path's filter: the same decisions as the kernel."""
    dk = (np.asarray(d, dtype=float) / 1000.0)[:, None]
    te = np.maximum(hte, 1e-3)
    rr = np.maximum(hre, 1e-3)
    with np.errstate(invalid="ignore"):
        within = dk < np.sqrt(2.0 * a_km) * (np.sqrt(0.001 * te) + np.sqrt(0.001 * rr))
        upper = 8.728 * np.sqrt(dk * lam)
        clear = np.minimum(te, rr) - 125.0 * dk * dk / a_km > upper + 1e-9 * (te + rr + upper)
    want = (dk > 0.0) & ~(within & clear)
    test = want & within  # within the line of sight, not clear by the bounds: the exact test
    if test.any():
        rows, cols = np.nonzero(test)
        te, rr = te[rows, cols], rr[rows, cols]
        hse, hreq = _clearance(dk[rows, 0], te, rr, a_km, lam)
        want[rows, cols] = ~(hse > hreq + 1e-9 * (te + rr + np.abs(hreq)))
    return want


def _ground_factors(freq_mhz, polarization):
    """The frequency-only numbers of :func:`_ldft_db` for core.kernels.smooth_part: f (GHz), f ** 2, the two
    factors of K and whether the polarization is vertical, computed with the same Python operations."""
    if polarization not in ("vertical", "horizontal"):
        raise ValueError(f"polarization must be 'vertical' or 'horizontal', got {polarization!r}")
    f = float(freq_mhz) / 1000.0
    x18 = 18.0 * _LAND_SIGMA / f
    return (f, f ** 2, ((_LAND_EPS_R - 1.0) ** 2 + x18 ** 2) ** -0.25, (_LAND_EPS_R ** 2 + x18 ** 2) ** 0.5,
            polarization == "vertical")


def _smooth_part(d, vs, hte, hre, want, freq_mhz, k_factor, polarization):
    """The smooth-earth part of the complete method, ``max(Lsph - Lbs, 0)`` (n, R) float64, from the smooth
    profile's v, the effective heights and the distances ``d`` (n, 1), only where ``want`` ((n, R) bool:
    core.kernels.spherical_candidates or :func:`spherical_candidates_numpy`), 0 elsewhere (Lsph is 0 there and
    Lbs >= 0); each element the same value as on the whole array (the same numpy functions, element by element)."""
    corr = np.zeros(hte.shape)
    flat = corr.ravel()
    every = np.flatnonzero(want)
    for b0 in range(0, every.size, _BLOCK_ELEMENTS):
        idx = every[b0:b0 + _BLOCK_ELEMENTS]
        dd = d.ravel()[idx // hte.shape[1]]
        lbs = bullington_corrected_db(knife_edge_loss_db(vs.ravel()[idx]), dd)
        lsph = spherical_earth_loss_db(dd, freq_mhz, hte.ravel()[idx], hre.ravel()[idx], k_factor, polarization)
        flat[idx] = np.maximum(lsph - lbs, 0.0)
    return corr


def refine_rays(coarse_d, obstacles_c, horizon_c, corr_c, fine_ground, sub, tx_amsl_m, rx_agl_m, freq_mhz,
                k_factor=4.0 / 3.0, corrected=True, out=None):
    """The loss at every FINE sample of rays run coarsely by :func:`delta_bullington_rays` (or
    :func:`bullington_rays`) with ``return_horizon``: receivers every ``coarse_d[1] / sub`` metres, obstacles from
    the coarse run.  (R, (n - 1) sub + 1) float32, dB.

    The coarse run (samples ``coarse_d``, obstacle heights ``obstacles_c``, crest-preserving) gives, per coarse
    receiver, the point that sets its receiver-side horizon (``horizon_c``) and the smooth-earth part of the
    complete method (``corr_c``, ``max(Lsph - Lbs, 0)``; None for the Bullington models).  A fine receiver at x,
    between coarse receivers k and k + 1, then takes: the transmitter-side horizon over every fine point before
    it (a prefix maximum, exact); the receiver-side horizon over the ``2 sub`` fine points in front of it, the
    horizon points of coarse receivers k and k + 1 (when their crest windows lie wholly before x) and the point of
    the transmitter-side horizon; the Bullington
    parameter from those (line of sight: the largest v of the candidate points below); the smooth-earth part
    interpolated linearly between k and k + 1.  ``fine_ground``: (R, (n - 1) sub + 1) ground heights at the fine
    samples (index 0 = the transmitter's ground).  ``corrected``: the Bullington correction on the fine loss
    (the complete method; False for the uncorrected ``p526_bullington``).  ``out``: an (nf, R) float32 array (any
    strides) that receives the loss transposed, points x rays (the coverage engine's table; returned).

    Why: the loss changes by tens of dB within one coarse step right behind a crest, with the receiver's own
    ground; interpolating it between coarse receivers is the main error of a coarse ray (issue 18 item 3).
    ``horizon_c``: the pair (receiver-side horizon point, point of the largest v in line of sight) per coarse
    receiver, as returned by the coarse run; a receiver in line of sight takes the largest v over the fine points
    in front of it, both horizon points and the two coarse receivers' points of largest v.
    """
    f32 = np.float32
    dc = np.asarray(coarse_d, dtype=np.float64)
    Oc = np.asarray(obstacles_c, dtype=np.float32)
    R, ne = Oc.shape
    nf = (ne - 1) * sub + 1
    G = np.asarray(fine_ground, dtype=np.float32)[:, :nf]
    lam = f32(wavelength_m(freq_mhz))
    re = k_factor * EARTH_RADIUS_M
    cf = float(dc[1]) / sub
    x64 = np.arange(nf) * cf
    x = x64.astype(f32)
    xs = x.copy()
    xs[0] = 1.0
    hts = np.broadcast_to(np.asarray(tx_amsl_m, dtype=f32), (R,)).reshape(R, 1)
    curv = (x64 * x64 / (2.0 * re)).astype(f32)  # the fine points in the flat-earth frame: G - curv
    cols = np.arange(nf, dtype=np.int32)
    kf = cols // sub
    dc32 = dc.astype(f32)
    hc = (Oc - (dc * dc / (2.0 * re)).astype(f32)).ravel()  # coarse obstacles, flat-earth frame
    lim = x - f32((sub // 2) * cf)
    tail = min(2 * sub, nf - 2)
    h_srim, h_los = horizon_c
    compiled = kernels.enabled()
    grow = 10.0 + 0.02 * x64 / 1000.0  # the Bullington correction's (10 + 0.02 d_km), as bullington_corrected_db
    if corr_c is not None:
        fr = ((cols - kf * sub) / sub).astype(f32)
        gr = f32(1.0) - fr
    if compiled:
        # the kernel's (points x rays) layout: the same values, transposed
        els = np.arange(tail + 1)
        HfT = np.subtract(G.T, curv[:, None], out=np.empty((nf, R), dtype=f32))
        vT = np.empty((nf, R), dtype=f32)

        def rows_first(a, dtype):
            return np.ascontiguousarray(np.asarray(a, dtype=dtype).T)

        # (contiguous arrays only: a strided one, e.g. the broadcast transmitter heights, stops the vectorising)
        kernels.refine_v(HfT, HfT + f32(rx_agl_m), np.ascontiguousarray(hts.reshape(R)), x, xs, lim,
                         rows_first(hc.reshape(R, ne), f32), dc32, rows_first(h_srim, np.int32),
                         rows_first(h_los, np.int32), sub, tail,
                         (1.0 / (np.maximum(els, 1) * cf)).astype(f32), (els * cf).astype(f32), lam, vT)
        vT[:2] = -np.inf
        # the loss stays (points x rays), the layout of the cell pass's table (coverage._ray_table)
        lossT = vT  # in place
        _knife_corrected_into(vT, grow[:, None] if corrected else None, lossT)
        if corr_c is not None:
            kernels.add_smooth_part(lossT, rows_first(corr_c, f32), fr, gr, sub)
        lossT[:2] = 0.0
        if out is not None:
            out[...] = lossT
            return out
        return np.ascontiguousarray(lossT.T)
    Hf = G - curv
    v = _refine_v_numpy(Hf, Hf + f32(rx_agl_m), hts, x, xs, lim, hc, dc32, h_srim, h_los, sub, tail, cf, lam)
    v[:, :2] = -np.inf
    loss = np.empty((R, nf), dtype=f32)
    _knife_corrected_into(v.astype(f32), grow[None, :] if corrected else None, loss)
    if corr_c is not None:
        cc = np.ascontiguousarray(corr_c, dtype=f32)
        cn = np.concatenate([cc[:, 1:], cc[:, -1:]], axis=1)
        # loss + cc_k (1 - fr) + cc_k+1 fr, the coarse values spread onto the fine grid by one gather each
        loss += np.multiply(cc.take(kf, axis=1), gr, out=np.empty((R, nf), dtype=f32))
        loss += np.multiply(cn.take(kf, axis=1), fr, out=np.empty((R, nf), dtype=f32))
    loss[:, :2] = 0.0
    if out is not None:
        out[...] = loss.T
        return out
    return np.ascontiguousarray(loss, dtype=f32)


def _refine_v_numpy(Hf, hr, hts, x, xs, lim, hc, dc32, h_srim, h_los, sub, tail, cf, lam):  # noqa: N803
    """The Bullington parameter v of every fine receiver of :func:`refine_rays` (R, nf) float32, in numpy passes over
    the fine arrays (core.kernels.refine_v computes the same values in one compiled loop)."""
    f32 = np.float32
    R, nf = Hf.shape
    ne = dc32.shape[0]
    cols = np.arange(nf, dtype=np.int32)
    # transmitter-side horizon over the fine points 1..m-1, and the point that sets it
    sl = (Hf - hts) / xs
    sl[:, 0] = -np.inf
    incl = np.maximum.accumulate(sl, axis=1)
    stim = np.full((R, nf), -np.inf, dtype=f32)
    stim[:, 1:] = incl[:, :-1]
    arg = np.maximum.accumulate(np.where(sl >= incl, cols[None, :], 0), axis=1)
    sarg = np.zeros((R, nf), dtype=np.int32)
    sarg[:, 1:] = arg[:, :-1]
    # receiver-side horizon: the fine points in front of the receiver ...
    srim = np.full((R, nf), -np.inf, dtype=f32)
    work = np.empty((R, nf), dtype=f32)  # one work array for every `el` (fresh temporaries cost page faults)
    for el in range(1, tail + 1):
        c = np.subtract(Hf[:, 1:nf - el], hr[:, el + 1:], out=work[:, :nf - 1 - el])
        c *= f32(1.0 / (el * cf))
        np.maximum(srim[:, el + 1:], c, out=srim[:, el + 1:])
    # ... the horizon points of the two coarse receivers around it, when their windows lie before it, and the point
    # of the transmitter-side horizon (keeps stim + srim >= 0 in the shadow); points as (height, distance), flat
    # frame, -inf height where not valid
    rows_c = (np.arange(R, dtype=np.intp) * ne)[:, None]
    kf = cols // sub  # the coarse receiver k at or before each fine receiver (the last fine one: ne - 1)

    def coarse_srim(h_idx, shift):
        """srim = max(srim, slope to the point of coarse receiver k (shift 0) or k + 1 (shift 1)) on every fine
        receiver between k and k + 1 (and the last fine receiver, coarse receiver ne - 1's): the coarse points
        spread onto the fine grid by one gather (numpy's broadcasting of (R, ne - 1, 1) against (ne - 1, sub) runs
        an inner loop of sub elements: three times slower)."""
        a = np.asarray(h_idx, dtype=np.intp)
        if shift:
            a = np.concatenate([a[:, 1:], a[:, -1:]], axis=1)
        ha = hc[a + rows_c]
        ha[a < 1] = -np.inf
        da = dc32[a].take(kf, axis=1)
        c = np.where(da >= lim, f32(-np.inf), ha.take(kf, axis=1))
        c -= hr
        c /= np.subtract(x, da, out=da)
        np.maximum(srim, c, out=srim)

    hs = Hf.ravel()[sarg + (np.arange(R, dtype=np.intp) * nf)[:, None]]
    hs[sarg < 1] = -np.inf
    with np.errstate(divide="ignore", invalid="ignore"):
        c = hs - hr
        c /= x - x[sarg]
        np.maximum(srim, c, out=srim)
        coarse_srim(h_srim, 0)
        coarse_srim(h_srim, 1)
    strj = (hr - hts) / xs
    above = hr - hts
    with np.errstate(divide="ignore", invalid="ignore"):
        # shadowed receivers: the Bullington point
        den = stim + srim
        den[np.abs(den) < 1e-12] = f32(1e-12)
        dbp = (above + srim * x) / den
        np.maximum(dbp, f32(1e-3), out=dbp)
        np.minimum(dbp, x - f32(1e-3), out=dbp)
        v = (stim * dbp - above * dbp / xs) * np.sqrt(f32(2.0) * x / (lam * dbp * (x - dbp)))
        # line-of-sight receivers: the largest v over the fine points in front, the transmitter-side horizon point
        # and the coarse receivers' horizon points and points of largest v
        los = stim < strj
        if los.any():
            # only the receivers in line of sight, as flat vectors (the same values, element by element)
            flat = np.flatnonzero(los)
            row, col = np.divmod(flat, nf)
            xl = x[col]
            sl_ = strj.ravel()[flat]
            htl = hts[row, 0]
            kc = col // sub

            def coarse_at(h_idx, shift):
                a = np.asarray(h_idx, dtype=np.intp)[row, np.minimum(kc + shift, ne - 1)]
                ha = hc[a + row * ne]
                da = dc32[a]
                ha[(a < 1) | (da >= lim[col])] = -np.inf
                return ha, da

            pts = [(hs.ravel()[flat], x[sarg.ravel()[flat]])]
            pts += [coarse_at(h, q) for h in (h_srim, h_los) for q in (0, 1)]
            vl = np.full(flat.size, -np.inf, dtype=f32)
            lam2 = f32(2.0) / lam
            for ha, da in pts:
                gap = xl - da
                w = lam2 * xl / (da * gap)
                np.sqrt(w, out=w)
                c = sl_ * da
                np.subtract(ha - htl, c, out=c)
                c *= w
                c[~((da > 0) & (gap > 0))] = -np.inf
                np.maximum(vl, c, out=vl)
            Hflat = Hf.ravel()
            # the point `el` fine samples in front, on every receiver at once (those with fewer points in front
            # computed too, then dropped: the same values where it exists, without boolean gathers)
            any_short = bool((col < tail + 1).any())
            for el in range(1, tail + 1):
                di = xl - f32(el * cf)
                w = np.sqrt(lam2 * xl / (di * f32(el * cf)))
                vi = sl_ * di
                np.subtract(Hflat.take(flat - el, mode="wrap") - htl, vi, out=vi)
                vi *= w
                if any_short:
                    np.copyto(vi, f32(-np.inf), where=col < el + 1)
                np.maximum(vl, vi, out=vl)
            v.reshape(-1)[flat] = vl
    return v


class _RayKernel:
    """Shared set-up and block loop of :func:`bullington_rays` / :func:`delta_bullington_rays`.

    Arrays are transposed (samples x rays): the slices per receiver are contiguous blocks.
    """

    def __init__(self, distances_m, ground_m, tx_amsl_m, rx_agl_m, freq_mhz, k_factor, block, obstacles_m,
                 complete, want_arg=False, fine_sub=1):
        self.d = d = np.asarray(distances_m, dtype=np.float64)
        H = np.asarray(ground_m)
        self.R, self.n = R, n = H.shape
        # the points of the refinement (propagation.refine_rays), fine_sub per sample: the smooth profile's horizons
        # and line-of-sight search take them (_smooth_block), df[k fine_sub] = d[k]
        self.fs = fs = max(int(fine_sub), 1)
        self.df = d if fs == 1 or n < 2 else np.append(
            (d[:-1, None] + np.arange(fs)[None, :] * ((d[1:] - d[:-1]) / fs)[:, None]).ravel(), d[-1])
        self.srim_argT = np.zeros((n, R), dtype=np.int32) if want_arg else None
        self.los_argT = np.zeros((n, R), dtype=np.int32) if want_arg else None
        self.trivial = n < 3
        if self.trivial:
            return
        f32 = np.float32
        self.lam = float(wavelength_m(freq_mhz))
        self.re = re = k_factor * EARTH_RADIUS_M
        self.complete = complete
        O = H if obstacles_m is None else np.asarray(obstacles_m)  # noqa: E741
        self.hts = hts = np.broadcast_to(np.asarray(tx_amsl_m, dtype=np.float64), (R,)).astype(np.float32)
        dsafe = np.where(d > 0, d, 1.0)[:, None]
        # the compiled kernels (core.kernels, numba) take every receiver in one call, without temporaries, on the
        # (points x rays) arrays (their innermost loop runs over the rays); the numpy line-of-sight search, on rows
        self.compiled = kernels.enabled()
        if self.compiled:
            block = n - 2
        elif block is None:
            # measured: 8 receivers per pass is best while the (8, n, R) buffer stays within a few MB; beyond,
            # memory traffic outweighs the per-call savings and one receiver per pass is faster
            block = 8 if n * R <= 262144 else 1
        self.block = block
        if self.compiled:  # the same arrays in one compiled pass over the points (kernels.ray_setup)
            OT = np.ascontiguousarray(O.T)  # (its own dtype: the numpy code subtracts the bulge in float64)
            GT = np.ascontiguousarray(H.T, dtype=np.float32)
            self.HfT, self.hrT, self.AT, self.stimT, self.strT = (np.empty((n, R), dtype=np.float32) for _ in range(5))
            if complete:
                self.ArawT = np.empty((n, R), dtype=np.float32)
                self.hrs, self.strraw, self.aobt_pre, G64 = (np.empty((n, R)) for _ in range(4))
            else:
                self.ArawT = np.empty((0, R), dtype=np.float32)
                self.hrs = self.strraw = self.aobt_pre = G64 = np.empty((0, R))
            kernels.ray_setup(OT, GT, d, hts, f32(rx_agl_m), float(rx_agl_m), re, self.HfT, self.hrT, self.AT,
                              self.stimT, self.strT, self.ArawT, self.hrs, self.strraw, self.aobt_pre, G64)
            self.ARr = None
        else:
            curv = (d * d / (2.0 * re))[:, None]
            self.HfT = HfT = np.ascontiguousarray((O.T - curv).astype(np.float32))  # obstacles, flat-earth frame
            GT = np.ascontiguousarray(H.T.astype(np.float32))
            self.hrT = hrT = (GT - curv.astype(np.float32)) + f32(rx_agl_m)  # receiver antennas, flat-earth frame
            AT = HfT - hts[None, :]  # height above the tx antenna
            sT = np.empty_like(AT)
            sT[0] = -np.inf
            sT[1:] = AT[1:] / d[1:, None].astype(np.float32)
            self.stimT = np.maximum.accumulate(sT, axis=0)  # stimT[m]: tx-side horizon slope over points 1..m
            self.AT = AT
            self.strT = (hrT - hts[None, :]) / dsafe.astype(np.float32)  # slope tx -> rx
            self.ARr = np.ascontiguousarray(AT.T)  # (R, n)
            if complete:
                # the obstruction of the straight tx-rx line and the smooth earth use the heights without the bulge
                self.ArawT = np.ascontiguousarray(O.T.astype(np.float32) - hts[None, :])
                hrs = GT.astype(np.float64) + float(rx_agl_m)
                self.hrs = hrs
                self.strraw = (hrs - hts.astype(np.float64)[None, :]) / dsafe
                sr = np.empty((n, R))
                sr[0] = -np.inf
                sr[1:] = self.ArawT[1:] / d[1:, None]
                self.aobt_pre = np.maximum.accumulate(sr, axis=0)  # max over 1..m of (h_i - hts) / d_i
                G64 = GT.astype(np.float64)
        if complete:
            hts64 = hts.astype(np.float64)
            if self.compiled:
                self.hst, self.hsr = np.empty((n, R)), np.empty((n, R))
                kernels.smooth_earth(GT, d, self.hst, self.hsr)
            else:
                dd = np.diff(d)[:, None]
                v1 = np.zeros((n, R))
                v2 = np.zeros((n, R))
                np.cumsum(dd * (G64[1:] + G64[:-1]), axis=0, out=v1[1:])
                seg2 = G64[1:] * (2.0 * d[1:, None] + d[:-1, None]) + G64[:-1] * (d[1:, None] + 2.0 * d[:-1, None])
                np.cumsum(dd * seg2, axis=0, out=v2[1:])
                self.hst = (2.0 * v1 * dsafe - v2) / dsafe ** 2
                self.hsr = (v2 - v1 * dsafe) / dsafe ** 2
            self.g0 = G64[0]
            self.G64 = G64
            self.hts64 = hts64

    def zeros(self):
        return np.zeros((self.R, self.n), dtype=np.float32)

    def run(self):
        n, R, block = self.n, self.R, self.block
        vT = np.full((n, R), -np.inf, dtype=np.float32)
        if self.complete:
            vsT = np.full((n, R), -np.inf)
            hteT = np.ones((n, R))
            hreT = np.ones((n, R))
            wantT = np.zeros((n, R), dtype=np.bool_)
        big = not self.compiled  # the numpy passes' (block, n, R) temporaries
        buf = np.empty((block, n, R), dtype=np.float32) if big else None
        buf2 = np.empty((block, n, R), dtype=np.float32) if self.complete and big else None
        # geometry rows are built for 64 receivers (or a block) at a time and sliced per block
        rows = max(block, 64)
        g0, geo = 0, None
        for j0 in range(2, n, block):
            j1 = min(j0 + block, n)
            if geo is None or j1 > g0 + geo[0].shape[0]:
                g0 = j0
                geo = _geometry(self.d, g0, min(g0 + rows, n), self.lam, self.re if self.complete else None)
            sub = tuple(a[j0 - g0:j1 - g0, :j1] for a in geo)
            vT[j0:j1] = self._bullington_block(j0, j1, buf, sub)
            if self.complete:
                vsT[j0:j1], hteT[j0:j1], hreT[j0:j1], wantT[j0:j1] = self._smooth_block(j0, j1, buf, buf2, sub)
        if self.complete:
            return vT, vsT, hteT, hreT, wantT
        return (vT,)

    def _bullington_block(self, j0, j1, buf, geo):
        """v of the receivers j0..j1-1 on every ray, (j1 - j0, R); ``geo``: their rows of :func:`_geometry`."""
        f32 = np.float32
        J = j1 - j0
        W, DW, INV, NEG = geo[:4]
        d, lam, hts = self.d, self.lam, self.hts
        stim = self.stimT[j0 - 1:j1 - 1]  # horizon over 1..j-1
        strj = self.strT[j0:j1]
        hr = self.hrT[j0:j1]
        # receiver-side horizon slope, max over i in 1..j-1 (for j >= j0 + 1 the last columns of the block are
        # beyond some receivers: NEG masks them)
        m = j1 - 2
        if self.compiled:  # the same values in compiled loops (core.kernels)
            srim = np.empty((J, self.R), dtype=f32)
            arg = np.empty((J, self.R), dtype=np.int32)
            hr = np.ascontiguousarray(hr)
            kernels.rx_horizons(self.HfT, hr, INV, j0, srim, arg)
            if self.srim_argT is not None:
                self.srim_argT[j0:j1] = arg
            v = np.empty((J, self.R), dtype=f32)
            need = np.empty((J, self.R), dtype=np.bool_)
            kernels.bullington_v(stim, srim, hr, hts, strj, d[j0:j1].astype(f32),
                                 np.ascontiguousarray(DW[:, 1]), f32(lam), f32(J_V_MIN), v, need)
            if need.any():  # (it writes only where need is True)
                arg = self.los_argT[j0:j1] if self.los_argT is not None else np.empty((J, self.R), dtype=np.int32)
                kernels.los_max(self.AT, W, DW, strj, need, j0, v, arg)
            return v
        srim = self._rx_horizons_numpy(j0, j1, J, m, buf, hr, INV, NEG)
        # shadowed receivers: the Bullington point, where the two horizon lines cross
        Dj = d[j0:j1, None].astype(np.float32)
        above = hr - hts[None, :]
        den = stim + srim
        den[np.abs(den) < 1e-12] = f32(1e-12)  # exact grazing: 0 / 0, the numerator is 0 too and v -> 0
        db = (above + srim * Dj) / den
        np.maximum(db, f32(1e-3), out=db)
        np.minimum(db, Dj - f32(1e-3), out=db)
        v = (stim * db - above * db / Dj) * np.sqrt(f32(2.0) * Dj / (f32(lam) * db * (Dj - db)))
        # line-of-sight receivers: largest v over the profile, searched only where it can exceed -0.78
        los = stim < strj
        need = los & ((stim - strj) * DW[:, 1][:, None] > f32(J_V_MIN))
        v[los & ~need] = -np.inf
        if need.any():
            jr, rr = np.nonzero(need)
            ja = jr + j0
            m = int(ja.max()) - 1
            sub = self.ARr[rr, 1:m + 1]  # (receivers, m), rows contiguous
            sub *= W[jr, 1:m + 1]
            sub -= DW[jr, 1:m + 1] * strj[jr, rr][:, None]
            sub += NEG[jr, 1:m + 1]
            v[jr, rr] = sub.max(axis=1)
            if self.los_argT is not None:
                self.los_argT[jr + j0, rr] = sub.argmax(axis=1) + 1
        return v

    def _rx_horizons_numpy(self, j0, j1, J, m, buf, hr, INV, NEG):  # noqa: N803
        """Receiver-side horizon slope of the receivers j0..j1-1, max over i in 1..j-1 (for j >= j0 + 1 the last
        columns of the block are beyond some receivers: NEG masks them), and the point that sets it."""
        S = buf[:J, :m]
        np.subtract(self.HfT[None, 1:m + 1, :], hr[:, None, :], out=S)
        S *= INV[:, 1:m + 1, None]
        if J > 1:
            S[:, j0 - 1:] += NEG[:, j0:m + 1, None]
        srim = S.max(axis=1)
        if self.srim_argT is not None:  # the point that sets the receiver-side horizon (S[:, i - 1] is point i)
            # = S.argmax(axis=1) + 1 (the first point at the maximum), without numpy's slow argmax over a middle axis
            arg = np.ones(srim.shape, dtype=np.int32)
            for i in range(m - 1, 0, -1):
                np.copyto(arg, np.int32(i + 1), where=S[:, i] == srim)
            self.srim_argT[j0:j1] = arg
        return srim

    def _obstruction(self, j0, J, m, buf, buf2, strraw, INV, obstructed):  # noqa: N803
        """(highest obstruction of the straight line, its receiver-side angle) of the receivers j0..j0+J-1, float32
        (J, R), over their points 1..j-1 (numpy; the compiled path: core.kernels.smooth_heights)."""
        Hm = buf[:J, :m]
        np.multiply(strraw.astype(np.float32)[:, None, :], self.d[None, 1:m + 1, None].astype(np.float32), out=Hm)
        np.subtract(self.ArawT[None, 1:m + 1, :], Hm, out=Hm)
        T = buf2[:J, :m]
        np.multiply(Hm, INV[:, 1:m + 1, None], out=T)
        # per receiver j0 + r, the maxima over its own points 1..j0 + r - 1 (rows 0..j0 + r - 2)
        hobs = np.empty((J, Hm.shape[2]), dtype=np.float32)
        aobr = np.empty((J, Hm.shape[2]), dtype=np.float32)
        for r in range(J):
            np.max(Hm[r, :j0 + r - 1], axis=0, out=hobs[r])
            np.max(T[r, :j0 + r - 1], axis=0, out=aobr[r])
        return hobs, aobr

    def _smooth_block(self, j0, j1, buf, buf2, geo):
        """Smooth-profile v, h_te and h_re of the receivers j0..j1-1, each (j1 - j0, R) float64, and where v was
        computed ((j1 - j0, R) bool: the spherical-earth candidates, NaN v elsewhere)."""
        J = j1 - j0
        W, DW, INV, NEG, BW = geo
        d, re, lam = self.d, self.re, self.lam
        m = j1 - 2
        strraw = self.strraw[j0:j1]
        if self.compiled:  # the effective heights and v per receiver, in compiled loops (the same values)
            hte, hre, v = np.empty((J, self.R)), np.empty((J, self.R)), np.empty((J, self.R))
            kernels.smooth_heights(self.ArawT, d.astype(np.float32), INV, j0, self.aobt_pre,
                                   np.ascontiguousarray(strraw), self.hst, self.hsr, self.hts64, self.g0, self.G64,
                                   self.hrs, hte, hre)
            # the smooth profile's v only where the spherical-earth loss can be above 0 (elsewhere the smooth-earth
            # part max(Lsph - Lbs, 0) is 0 whatever Lbs >= 0 is): on hills most receivers have a clear zone
            want = np.empty((J, self.R), dtype=np.bool_)
            kernels.spherical_candidates(d[j0:j1], hte, hre, re / 1000.0, lam, want)
            kernels.smooth_v(d, hte, hre, j0, re, lam, J_V_MIN, BW, W, DW, want, v, self.df, self.fs)
            return v, hte, hre, want
        hst, hsr = self.hst[j0:j1], self.hsr[j0:j1]
        # obstruction of the straight line (no bulge): H_i = (h_i - hts) - Str d_i, i in 1..j-1
        aobt = self.aobt_pre[j0 - 1:j1 - 1] - strraw
        obstructed = aobt > 0.0
        if obstructed.any():
            hobs, aobr = self._obstruction(j0, J, m, buf, buf2, strraw, INV, obstructed)
            hobs = hobs.astype(np.float64)
            aobr = aobr.astype(np.float64) + 0.0
            with np.errstate(invalid="ignore", divide="ignore"):
                tot = aobt + aobr
                hst = np.where(obstructed, hst - hobs * aobt / tot, hst)
                hsr = np.where(obstructed, hsr - hobs * aobr / tot, hsr)
        hts = self.hts64[None, :]
        hrs = self.hrs[j0:j1]
        hte_b = hts - np.minimum(hst, self.g0[None, :])
        hre_b = hrs - np.minimum(hsr, self.G64[j0:j1])
        # Bullington on the smooth profile (heights = earth bulge only, antennas h_te, h_re), only where the
        # spherical-earth loss may be above 0 (as the compiled path): on the receivers of `want`, as flat vectors
        want = spherical_candidates_numpy(d[j0:j1], hte_b, hre_b, re / 1000.0, lam)
        v_b = np.full((J, self.R), np.nan)
        rows_w, cols_w = np.nonzero(want)
        if rows_w.size == 0:
            return v_b, hte_b, hre_b, want
        hte, hre = hte_b[rows_w, cols_w], hre_b[rows_w, cols_w]
        Dj = d[j0 + rows_w]
        fs, df = self.fs, self.df
        jmax = (j0 + rows_w) * fs - 1  # last intermediate point (of the refined points when fs > 1)
        stim = _concave_max(df, jmax, np.sqrt(2.0 * re * hte), lambda di: (Dj - di) / (2.0 * re) - hte / di)
        srim = _concave_max(df, jmax, Dj - np.sqrt(2.0 * re * hre), lambda di: di / (2.0 * re) - hre / (Dj - di))
        str_ = (hre - hte) / Dj
        den = stim + srim
        with np.errstate(invalid="ignore", divide="ignore"):
            db = np.clip((hre - hte + srim * Dj) / den, 1e-6, Dj - 1e-6)
            v = np.where(den > 0.0, db * (stim - str_) * np.sqrt(2.0 * Dj / (lam * db * (Dj - db))), 0.0)
        los = stim < str_
        dw1 = DW[rows_w, 1].astype(np.float64)
        if fs > 1 and j0 == 2:  # the receiver j = 2: its nearest point to the transmitter is the refined point 1
            x = df[1]
            first = rows_w == 0
            dw1[first] = np.sqrt((2.0 * Dj[first]) / ((lam * x) * (Dj[first] - x))) * x
        need = los & ((stim - str_) * dw1 > J_V_MIN)
        if need.any():
            # in line of sight every point is below the tx-rx line: h_i = d_i (D - d_i) / (2 re) - h_te - Str d_i < 0
            # and v_i = w_i h_i <= w_min max_i h_i, w_min = sqrt(8 / (lam D)) (w_i is smallest mid-path); h is
            # concave in d_i, so its maximum over the samples is at one of the two around D / 2 - re Str.  Where
            # that bound is below J_V_MIN (with a margin far above the rounding), v has no loss and is not searched
            # (J(v) = 0 either way: the same result)
            hmax = _concave_max(df, jmax, Dj / 2.0 - re * str_,
                                lambda di: di * (Dj - di) / (2.0 * re) - hte - str_ * di)
            with np.errstate(invalid="ignore"):
                need &= ~(np.sqrt(8.0 / (lam * Dj)) * hmax < J_V_MIN - 0.01)
        v[los & ~need] = -np.inf
        # per receiver sample j (the rows of the block): its geometry row broadcast over the rays that need it, on
        # its own points 1..j-1 only (no gathers of the geometry rows; the same values, element by element)
        starts = np.searchsorted(rows_w, np.arange(J + 1))  # the flat vectors are row after row
        for r in range(J):
            rr = starts[r] + np.flatnonzero(need[starts[r]:starts[r + 1]])
            if rr.size == 0:
                continue
            m = j0 + r - 1
            sub = BW[r, 1:m + 1].astype(np.float64)[None, :] - W[r, 1:m + 1] * hte[rr][:, None]
            sub -= DW[r, 1:m + 1] * str_[rr][:, None]
            v[rr] = sub.max(axis=1)
            if fs > 1:
                v[rr] = np.maximum(v[rr], _smooth_foreground(df, j0 + r, fs, d[j0 + r], re, lam, hte[rr], str_[rr]))
        v_b[rows_w, cols_w] = v
        return v_b, hte_b, hre_b, want


def _smooth_foreground(df, j, fs, dj, re, lam, te, st):
    """The largest v of the smooth profile (antennas ``te``, tx-rx slope ``st``, (k,) float64) over the ``2 fs``
    refined points in front of receiver ``j`` (``df``: the refined distances, ``fs`` per sample; the samples among
    them left out: the caller's search has them), (k,) float64; -inf when there is none.  core.kernels.smooth_v's
    loop, the same float64 operations (v = w ((x (D - x) / (2 re) - te) - st x), w = sqrt(2 D / (lam x (D - x))))."""
    ms = np.array([m for m in range(1, min(2 * fs, j * fs - 1) + 1) if m % fs != 0], dtype=int)
    if ms.size == 0:
        return np.full(te.shape, -np.inf)
    x = df[j * fs - ms][None, :]
    w = np.sqrt((2.0 * dj) / ((lam * x) * (dj - x)))
    return (w * (((x * (dj - x)) / (2.0 * re) - te[:, None]) - st[:, None] * x)).max(axis=1)


def _concave_max(d, jmax, xstar, f):
    """Max of a concave function ``f(d_i)`` over the samples i = 1..jmax: at one of the two samples around its
    continuous maximum ``xstar`` (clamped to the range)."""
    k = np.searchsorted(d, xstar)
    lo = np.clip(k - 1, 1, jmax)
    hi = np.clip(k, 1, jmax)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.maximum(f(d[lo]), f(d[hi]))


def _geometry(d, j0, j1, lam, re=None):
    """Per-receiver geometry of receivers j0..j1-1 (rows) and points 0..j1-1 (columns), valid for 1 <= i < j.

    W: v per metre of height above the tx-rx line; DW = d_i * W; INV = 1 / (d_j - d_i); NEG: 0 where valid,
    -inf elsewhere; with ``re`` also BW = W * d_i (d_j - d_i) / (2 re) (the smooth profile's bulge, in v).
    Built for a range of receivers at a time (O(rows x n) memory, not O(n^2)).
    """
    jj = np.arange(j0, j1)[:, None]
    ii = np.arange(j1)[None, :]
    valid = (ii >= 1) & (ii < jj)
    dj = d[j0:j1, None]
    di = d[None, :j1]
    gap = np.where(valid, dj - di, 1.0)
    w = np.where(valid, np.sqrt(2.0 * dj / (lam * np.where(valid, di, 1.0) * gap)), 0.0)
    out = (w.astype(np.float32), (w * di).astype(np.float32), np.where(valid, 1.0 / gap, 0.0).astype(np.float32),
           np.where(valid, 0.0, -np.inf).astype(np.float32))
    if re is not None:
        out += ((w * di * gap / (2.0 * re)).astype(np.float32),)
    return out


def hata_loss_db(distance_m, freq_mhz, hb_m, hm_m=1.5, environment="rural"):
    """Okumura-Hata (150-1500 MHz) / COST-231 Hata (1500-2000 MHz) path loss in dB.

    Validity: d 1-20 km, hb (base station antenna above ground) 30-200 m,
    hm (mobile) 1-10 m; Okumura-Hata 150-1500 MHz, COST-231 1500-2000 MHz.
    Distances below 100 m are clamped to 100 m and hb below 1 m to 1 m so the
    formula stays finite.  ``environment``: ``urban`` (small/medium city),
    ``suburban`` or ``rural`` (open area).  Terrain is ignored.
    """
    if environment not in ("urban", "suburban", "rural"):
        raise ValueError(f"environment must be 'urban', 'suburban' or 'rural', got {environment!r}")
    f = float(freq_mhz)
    lf = np.log10(f)
    hb = max(float(hb_m), 1.0)
    lhb = np.log10(hb)
    d_km = np.maximum(np.asarray(distance_m, dtype=float), 100.0) / 1000.0
    a_hm = (1.1 * lf - 0.7) * hm_m - (1.56 * lf - 0.8)
    if f <= 1500.0:
        base = 69.55 + 26.16 * lf
    else:
        base = 46.3 + 33.9 * lf  # COST-231, Cm = 0 (medium city / suburban)
    loss = base - 13.82 * lhb - a_hm + (44.9 - 6.55 * lhb) * np.log10(d_km)
    if environment == "suburban":
        loss = loss - 2.0 * np.log10(f / 28.0) ** 2 - 5.4
    elif environment == "rural":
        loss = loss - 4.78 * lf ** 2 + 18.33 * lf - 40.94
    return loss
