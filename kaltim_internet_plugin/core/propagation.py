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
* Bullington (ITU-R P.526-13 and later, section 4.5 "general path", the
  Bullington part, eqs. for Stim / Str / Srim / Bullington point; without the
  empirical correction unless ``empirical_correction=True``; the smooth
  spherical-earth part of the delta-Bullington method is NOT implemented --
  the earth bulge enters as terrain height instead)
  (:func:`bullington_loss_db`, :func:`bullington_rays`): multi-obstacle
  diffraction over a terrain profile, earth curvature via an effective earth
  radius ``k * 6371 km`` (k = 4/3 standard atmosphere).  Meant for VHF and
  above and line-of-sight-ish paths up to some tens of km at 90 m DEM
  resolution (obstacles narrower than the sample step are missed); it
  reduces to the exact single knife-edge for a profile with one obstacle and
  tends to under-estimate the loss of several separated obstacles (hence the
  optional P.526 empirical correction
  ``L = Luc + (1 - exp(-Luc/6)) * (10 + 0.02 d_km)``).
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

import numpy as np

C_M_PER_S = 299_792_458.0
EARTH_RADIUS_M = 6_371_000.0
J_V_MIN = -0.78


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
    vv = np.where(v > J_V_MIN, v, 0.0) - 0.1
    j = 6.9 + 20.0 * np.log10(np.sqrt(vv * vv + 1.0) + vv)
    out = np.where(v > J_V_MIN, np.maximum(j, 0.0), 0.0)
    return out if out.ndim else float(out)


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


def _empirical(luc, d_m):
    return luc + (1.0 - np.exp(-luc / 6.0)) * (10.0 + 0.02 * d_m / 1000.0)


def bullington_loss_db(distances_m, ground_m, tx_agl_m, rx_agl_m, freq_mhz,
                       k_factor=4.0 / 3.0, empirical_correction=False, return_v=False):
    """Bullington diffraction loss (ITU-R P.526 section 4.5, Bullington part) for ONE profile.

    ``distances_m`` / ``ground_m``: the full profile, index 0 = transmitter
    ground, index -1 = receiver ground (distances increasing from 0).
    Antenna heights are above ground.  Earth curvature uses the effective
    radius ``k_factor * 6371 km``.  Returns the loss in dB (and v if
    ``return_v``).  Reference (scalar) implementation; :func:`bullington_rays`
    is the vectorised equivalent used by the coverage engine.
    """
    d = np.asarray(distances_m, dtype=float)
    h = np.asarray(ground_m, dtype=float)
    if d.size < 3:
        return (0.0, -np.inf) if return_v else 0.0
    lam = float(wavelength_m(freq_mhz))
    ce = 1.0 / (k_factor * EARTH_RADIUS_M)
    dt = d[-1]
    hts = h[0] + tx_agl_m
    hrs = h[-1] + rx_agl_m
    di = d[1:-1]
    hi = h[1:-1] + 0.5 * ce * di * (dt - di)  # earth bulge
    stim = np.max((hi - hts) / di)
    str_ = (hrs - hts) / dt
    if stim < str_:
        v = np.max((hi - (hts * (dt - di) + hrs * di) / dt) * np.sqrt(2.0 * dt / (lam * di * (dt - di))))
    else:
        srim = np.max((hi - hrs) / (dt - di))
        db = (hrs - hts + srim * dt) / (stim + srim)
        db = min(max(db, 1e-6), dt - 1e-6)
        v = (hts + stim * db - (hts * (dt - db) + hrs * db) / dt) * np.sqrt(2.0 * dt / (lam * db * (dt - db)))
    luc = float(knife_edge_loss_db(v))
    loss = float(_empirical(luc, dt)) if empirical_correction else luc
    return (loss, float(v)) if return_v else loss


def bullington_rays(distances_m, ground_m, tx_amsl_m, rx_agl_m, freq_mhz,
                    k_factor=4.0 / 3.0, empirical_correction=False, block=None):
    """Vectorised Bullington loss for every receiver position along many rays.

    ``distances_m``: (n,) increasing, ``distances_m[0] == 0`` (transmitter).
    ``ground_m``: (R, n) ground heights along R rays sampled at those distances.
    ``tx_amsl_m``: (R,) or scalar transmitter antenna height above sea level.
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
    receivers above that bound are searched.
    """
    d = np.asarray(distances_m, dtype=np.float64)
    H = np.asarray(ground_m)
    R, n = H.shape
    if n < 3:
        return np.zeros((R, n), dtype=np.float32)
    f32 = np.float32
    lam = float(wavelength_m(freq_mhz))
    re = k_factor * EARTH_RADIUS_M
    hts = np.broadcast_to(np.asarray(tx_amsl_m, dtype=np.float64), (R,)).astype(np.float32)
    # transposed (samples x rays): the slices per receiver are contiguous blocks
    HfT = np.ascontiguousarray((H.T - (d * d / (2.0 * re))[:, None]).astype(np.float32))  # flat-earth frame
    hrT = HfT + f32(rx_agl_m)
    AT = HfT - hts[None, :]  # height above the tx antenna
    sT = np.empty_like(AT)
    sT[0] = -np.inf
    sT[1:] = AT[1:] / d[1:, None].astype(np.float32)
    stimT = np.maximum.accumulate(sT, axis=0)  # stimT[m]: tx-side horizon slope over points 1..m
    ARr = np.ascontiguousarray(AT.T)  # (R, n): rows of the line-of-sight search
    strT = (hrT - hts[None, :]) / np.where(d > 0, d, 1.0)[:, None].astype(np.float32)  # slope tx -> rx
    if block is None:
        # measured: 8 receivers per pass is best while the (8, n, R) buffer stays within a few MB; beyond,
        # memory traffic outweighs the per-call savings and one receiver per pass is faster
        block = 8 if n * R <= 262144 else 1
    vT = np.full((n, R), -np.inf, dtype=np.float32)
    buf = np.empty((block, n, R), dtype=np.float32)
    # geometry rows are built for 64 receivers (or a block) at a time and sliced per block
    rows = max(block, 64)
    g0, geo = 0, None
    for j0 in range(2, n, block):
        j1 = min(j0 + block, n)
        if geo is None or j1 > g0 + geo[0].shape[0]:
            g0 = j0
            geo = _geometry(d, g0, min(g0 + rows, n), lam)
        sub = tuple(a[j0 - g0:j1 - g0, :j1] for a in geo)
        vT[j0:j1] = _bullington_block(j0, j1, HfT, hrT, ARr, stimT, strT, hts, d, lam, buf, sub)
    loss = knife_edge_loss_db(vT)
    if empirical_correction:
        loss = _empirical(loss, d[:, None]).astype(np.float32)
    return np.ascontiguousarray(loss.T)


def _geometry(d, j0, j1, lam):
    """Per-receiver geometry of receivers j0..j1-1 (rows) and points 0..j1-1 (columns), valid for 1 <= i < j.

    W: v per metre of height above the tx-rx line; DW = d_i * W; INV = 1 / (d_j - d_i); NEG: 0 where valid,
    -inf elsewhere.  Built for a range of receivers at a time (O(rows x n) memory, not O(n^2)).
    """
    jj = np.arange(j0, j1)[:, None]
    ii = np.arange(j1)[None, :]
    valid = (ii >= 1) & (ii < jj)
    dj = d[j0:j1, None]
    di = d[None, :j1]
    gap = np.where(valid, dj - di, 1.0)
    w = np.where(valid, np.sqrt(2.0 * dj / (lam * np.where(valid, di, 1.0) * gap)), 0.0)
    return (w.astype(np.float32), (w * di).astype(np.float32), np.where(valid, 1.0 / gap, 0.0).astype(np.float32),
            np.where(valid, 0.0, -np.inf).astype(np.float32))


def _bullington_block(j0, j1, HfT, hrT, ARr, stimT, strT, hts, d, lam, buf, geo):
    """v of the receivers j0..j1-1 on every ray, (j1 - j0, R); ``geo``: their rows of :func:`_geometry`."""
    f32 = np.float32
    J = j1 - j0
    W, DW, INV, NEG = geo
    stim = stimT[j0 - 1:j1 - 1]  # horizon over 1..j-1
    strj = strT[j0:j1]
    hr = hrT[j0:j1]
    # receiver-side horizon slope, max over i in 1..j-1 (for j >= j0 + 1 the last columns of the block are
    # beyond some receivers: NEG masks them)
    m = j1 - 2
    S = buf[:J, :m]
    np.subtract(HfT[None, 1:m + 1, :], hr[:, None, :], out=S)
    S *= INV[:, 1:m + 1, None]
    if J > 1:
        S[:, j0 - 1:] += NEG[:, j0:m + 1, None]
    srim = S.max(axis=1)
    # shadowed receivers: the Bullington point, where the two horizon lines cross
    Dj = d[j0:j1, None].astype(np.float32)
    above = hr - hts[None, :]
    den = stim + srim
    den[np.abs(den) < 1e-12] = f32(1e-12)
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
        sub = ARr[rr, 1:m + 1]  # (receivers, m), rows contiguous
        sub *= W[jr, 1:m + 1]
        sub -= DW[jr, 1:m + 1] * strj[jr, rr][:, None]
        sub += NEG[jr, 1:m + 1]
        v[jr, rr] = sub.max(axis=1)
    return v


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
