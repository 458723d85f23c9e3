"""Longley-Rice Irregular Terrain Model (ITM 1.2.2), point-to-point mode, in plain Python + numpy, compiled by numba
where it is installed.

The second-opinion model beside ITU-R P.526 (see :mod:`.propagation`): the model of SPLAT! and of many
broadcast/cellular planning tools, written here from the published algorithm (G. A. Hufford, "The ITS Irregular
Terrain Model, version 1.2.2: the Algorithm", NTIA/ITS 1995, and A. G. Longley & P. L. Rice, "Prediction of
tropospheric radio transmission loss over irregular terrain", ESSA Tech. Rep. ERL 79-ITS 67, 1968).  No compiled
code ships: the plugin zip has nothing to install on Windows/OSGeo4W.  Where numba works (as for the coverage
engine's kernels, :mod:`.kernels`; ``KALTIM_NUMBA=0`` turns it off) :func:`itm_rays` runs the same functions
compiled, about 50 times faster and without the GIL (:func:`_compiled`; the losses agree with the Python model's to
the last bit of float32).

What it computes
----------------
:func:`itm_loss` takes a terrain profile (ground elevations at equal spacing from the transmitter to the
receiver), the path length, the frequency, both antenna heights above ground, the polarisation, the climate
(default: equatorial, Kalimantan), the surface refractivity, the ground constants and the time / location /
situation variabilities, and returns the basic transmission loss (free space + the ITM "attenuation relative to
free space", with its climate median correction and the variability quantiles).  The steps are those of the
algorithm document: the horizons and the terrain irregularity ``dh`` from the profile (``hzns``, ``dlthx``,
``zlsq1``), the effective heights (``qlrpfl``), the three regions (line of sight ``alos``, diffraction ``adiff``
as a weighted knife-edge / smooth-earth blend, troposcatter ``ascat``) joined by the ``lrprop`` fits, and the
variability (``avar``).

Validity (the algorithm's own limits; the result carries ``kwx``: 0 fine, 1 parameters a little outside,
3 the profile geometry is odd, 4 outside the model's range): 20 MHz-20 GHz, path 1-2000 km, antenna heights
0.5-3000 m, surface refractivity 250-400 N-units.  Beyond 1 km the whole path is in range for the plugin's
900-2100 MHz cells; shorter paths are computed (the line-of-sight fit extrapolated) but flagged ``kwx = 4``.

Checked against the pure-Python ``itmlogic`` package (a port of the Fortran 1.2.2 code) in tests/oracle.
"""
from __future__ import annotations

import cmath
import math
import os
import threading
import types
from dataclasses import dataclass
from typing import Optional

import numpy as np

from . import kernels

__all__ = ["CLIMATES", "ItmParams", "ItmResult", "itm_loss", "itm_loss_db", "itm_along_profile", "itm_rays",
           "qerfi", "SURFACE_REFRACTIVITY"]

#: climate codes of the algorithm (``klim``)
CLIMATES = {"equatorial": 1, "continental_subtropical": 2, "maritime_subtropical": 3, "desert": 4,
            "continental_temperate": 5, "maritime_temperate_land": 6, "maritime_temperate_sea": 7}
#: the usual surface refractivity N0 (N-units) of each climate (the ITM user's guide table, as in SPLAT!)
SURFACE_REFRACTIVITY = {1: 360.0, 2: 320.0, 3: 370.0, 4: 280.0, 5: 301.0, 6: 320.0, 7: 350.0}

_GMA = 157e-9  # actual earth curvature (1/m)
_DB = 8.685890  # dB per neper (20 / ln 10)
_THIRD = 1.0 / 3.0


@dataclass(frozen=True)
class ItmParams:
    """Environment and statistics of an ITM prediction.

    ``climate`` 1..7 (:data:`CLIMATES`; 1 = equatorial), ``ns`` surface refractivity at sea level (N-units; the
    algorithm scales it to the path's mean elevation), ``eps`` / ``sgm`` relative permittivity and conductivity
    (S/m) of the ground (15 / 0.005: "average ground"), ``polarization`` 'vertical' or 'horizontal', ``mdvar``
    the mode of variability (0 single message, 1 accidental, 2 mobile, 3 broadcast; +10 point-to-point: no
    location variability, the terrain being known), ``time`` / ``location`` / ``situation`` the quantiles in %
    (50 / 50 / 50 = the median loss; 90 % time = the loss not exceeded 90 % of the time, so larger).
    """

    climate: int = 1
    ns: float = 360.0
    eps: float = 15.0
    sgm: float = 0.005
    polarization: str = "vertical"
    mdvar: int = 12
    time: float = 50.0
    location: float = 50.0
    situation: float = 50.0


@dataclass
class ItmResult:
    """``loss_db`` basic transmission loss; ``fspl_db`` its free-space part; ``aref_db`` the reference
    attenuation (median, before variability); ``mode`` 'los' / 'diffraction' / 'scatter' (the region of the
    distance); ``kwx`` the validity flag (0 fine .. 4 outside the model); ``he`` effective heights, ``dl``
    horizon distances, ``the`` horizon elevation angles (rad), ``dh`` terrain irregularity (m)."""

    loss_db: float
    fspl_db: float
    aref_db: float
    mode: str
    kwx: int
    he: tuple
    dl: tuple
    the: tuple
    dh: float


def qerfi(q):
    """Inverse of the complementary standard normal distribution (Abramowitz & Stegun 26.2.23, |error| <
    4.5e-4), the algorithm's ``qerfi``: ``qerfi(0.1) = 1.28``, ``qerfi(0.9) = -1.28``."""
    x = 0.5 - q
    t = max(0.5 - abs(x), 1e-6)
    t = math.sqrt(-2.0 * math.log(t))
    v = t - ((0.010328 * t + 0.802853) * t + 2.515516698) / (((0.001308 * t + 0.189269) * t + 1.432788) * t + 1.0)
    return -v if x < 0.0 else v


def _dim(a, b):
    """Fortran DIM: a - b when positive, else 0."""
    return a - b if a > b else 0.0


# ---- the terrain profile ---------------------------------------------------------------------------------------
# Every function from here to itm_loss is plain Python over floats and numpy arrays, in the subset numba compiles
# (tuples, no objects): the same source is the pure-Python model and, where numba works, the compiled one (see
# _compiled).
def _lsq_span(xn, xi, x1, x2):
    """The whole samples (first, last) of a profile of ``xn`` + 1 samples that :func:`_lsq_line` fits."""
    xa = float(int(max(x1 / xi, 0.0)))
    xb = xn - float(int(max(xn - x2 / xi, 0.0)))
    if xb <= xa:
        xa = max(xa - 1.0, 0.0)
        xb = xn - max(xn - (xb + 1.0), 0.0)
    return xa, xb


def _lsq_line(z, xi, x1, x2):
    """Least-squares straight line through the profile ``z`` (spacing ``xi``) between distances ``x1`` and
    ``x2`` (whole samples, end samples at half weight); returns its heights at the start and at the end of the
    whole profile (``zlsq1``)."""
    xn = len(z) - 1
    xa, xb = _lsq_span(xn, xi, x1, x2)
    ja, jb = int(xa), int(xb)
    span = xb - xa
    seg = z[ja:jb + 1]
    w = np.ones(seg.size)
    w[0] = 0.5
    w[-1] = 0.5
    x = -0.5 * span + np.arange(seg.size) * 1.0
    a = np.sum(w * seg) / span
    b = np.sum(w * x * seg) * 12.0 / ((span * span + 2.0) * span)
    centre = xa + 0.5 * span
    return a - b * centre, a + b * (xn - centre)


def _decile_ranks(span):
    """(ka, kb, n): the ranks of the upper and lower deciles among the ``n`` samples :func:`_terrain_irregularity`
    takes over ``span`` profile spacings."""
    ka = min(max(4, int(0.1 * (span + 8.0))), 25)
    n = 10 * ka - 5
    return ka, n - ka + 1, n


def _terrain_irregularity(z, xi, x1, x2):
    """Interdecile range of the terrain's deviations from its straight-line fit between ``x1`` and ``x2``,
    corrected for a short path (``dlthx``): the ``dh`` of the algorithm."""
    np_ = len(z) - 1
    xa = x1 / xi
    xb = x2 / xi
    if xb - xa < 2.0:
        return 0.0
    ka, kb, n = _decile_ranks(xb - xa)
    sn = n - 1
    # n equally spaced samples between x1 and x2, interpolated linearly in the profile
    pos = xa + np.arange(n) * ((xb - xa) / sn)
    k = np.minimum(np.maximum(np.ceil(pos).astype(np.int64), 1), np_)
    k[pos <= 0.0] = 1
    frac = pos - k
    s = z[k] + (z[k] - z[k - 1]) * frac
    z0, zn = _lsq_line(s, 1.0, 0.0, float(sn))
    s = s - (z0 + (zn - z0) * np.arange(n) / sn)
    asc = np.sort(s)
    dh = asc[n - ka] - asc[n - kb]  # the ka-th and kb-th largest
    return dh / (1.0 - 0.8 * math.exp(-(x2 - x1) / 50e3))


def _horizon_start(z, dist, hg0, hg1, gme):
    """(za, zb, qc, the0, the1): both antennas' heights above sea level, half the curvature and the horizon angles
    when each antenna sees the other."""
    za = z[0] + hg0
    zb = z[-1] + hg1
    qc = 0.5 * gme
    q = qc * dist
    slope = (zb - za) / dist
    return za, zb, qc, slope - q, -slope - q


def _horizons(z, xi, dist, hg0, hg1, gme):
    """Horizon elevation angles and distances of both terminals (``hzns``): the highest ray over the earth of
    curvature ``gme`` that touches the profile, seen from each antenna: ``(the0, the1, dl0, dl1)``."""
    np_ = len(z) - 1
    za, zb, qc, the0, the1 = _horizon_start(z, dist, hg0, hg1, gme)
    dl0, dl1 = dist, dist
    if np_ < 2:
        return the0, the1, dl0, dl1
    # running sums, as the algorithm steps along the profile (so a horizon distance of exactly i spacings
    # rounds as in the reference implementations; dist - xi - xi ... is dist + (-xi) + (-xi) ..., bit for bit)
    sa = np.cumsum(np.full(np_ - 1, xi))
    steps = np.full(np_, -xi)
    steps[0] = dist
    sb = np.cumsum(steps)[1:]
    zi = z[1:np_]
    ang_a = (zi - za) / sa - qc * sa
    above = np.nonzero(ang_a > the0)[0]
    if above.size == 0:
        return the0, the1, dl0, dl1  # line of sight: each horizon is the other antenna
    first = above[0]
    j = np.argmax(ang_a)
    the0, dl0 = ang_a[j], sa[j]
    ang_b = (zi[first:] - zb) / sb[first:] - qc * sb[first:]
    j = np.argmax(ang_b)
    if ang_b[j] > the1:
        the1, dl1 = ang_b[j], sb[first + j]
    return the0, the1, dl0, dl1


def _horizon_distance(h, gme, dh):
    """Line of sight: the horizon distance of an effective height ``h`` over the irregularity ``dh``."""
    return math.sqrt(2.0 * h / gme) * math.exp(-0.07 * math.sqrt(dh / max(h, 5.0)))


def _qlrpfl(z, xi, dist, hg0, hg1, gme):
    """The path's geometry from the profile (``qlrpfl``): horizons, terrain irregularity and effective heights,
    ``(he0, he1, dl0, dl1, the0, the1, dh)``."""
    the0, the1, dl0, dl1 = _horizons(z, xi, dist, hg0, hg1, gme)
    xl0 = min(15.0 * hg0, 0.1 * dl0)
    xl1 = dist - min(15.0 * hg1, 0.1 * dl1)
    dh = _terrain_irregularity(z, xi, xl0, xl1)
    if dl0 + dl1 > 1.5 * dist:  # line of sight
        za, zb = _lsq_line(z, xi, xl0, xl1)
        he0, he1 = hg0 + _dim(z[0], za), hg1 + _dim(z[-1], zb)
        dl0, dl1 = _horizon_distance(he0, gme, dh), _horizon_distance(he1, gme, dh)
        q = dl0 + dl1
        if q <= dist:
            q = (dist / q) ** 2
            he0, he1 = he0 * q, he1 * q
            dl0, dl1 = _horizon_distance(he0, gme, dh), _horizon_distance(he1, gme, dh)
        q = math.sqrt(2.0 * he0 / gme)
        the0 = (0.65 * dh * (q / dl0 - 1.0) - 2.0 * he0) / q
        q = math.sqrt(2.0 * he1 / gme)
        the1 = (0.65 * dh * (q / dl1 - 1.0) - 2.0 * he1) / q
    else:  # beyond the horizon: fit each terminal's foreground
        za = _lsq_line(z, xi, xl0, 0.9 * dl0)[0]
        zb = _lsq_line(z, xi, dist - 0.9 * dl1, xl1)[1]
        he0, he1 = hg0 + _dim(z[0], za), hg1 + _dim(z[-1], zb)
    return he0, he1, dl0, dl1, the0, the1, dh


# ---- the model ---------------------------------------------------------------------------------------------------
def _aknfe(v2):
    """Knife-edge attenuation for v^2 (dB)."""
    if v2 < 5.76:
        return 6.02 + 9.11 * math.sqrt(v2) - 1.27 * v2
    return 12.953 + 4.343 * math.log(v2)


def _fht(x, pk):
    """Height-gain function of the smooth-earth diffraction (dB)."""
    if x < 200.0:
        w = -math.log(pk)
        if pk < 1e-5 or x * w ** 3 > 5495.0:
            return -117.0 + (17.372 * math.log(x) if x > 1.0 else 0.0)
        return 2.5e-5 * x * x / pk - 8.686 * w - 15.0
    f = 0.05751 * x - 4.343 * math.log(x)
    if x < 2000.0:
        w = 0.0134 * x * math.exp(-0.005 * x)
        f = (1.0 - w) * f + w * (17.372 * math.log(x) - 117.0)
    return f


_H0F_A = (25.0, 80.0, 177.0, 395.0, 705.0)
_H0F_B = (24.0, 45.0, 68.0, 80.0, 105.0)


def _h0f(r, et):
    """Frequency-gain function of the scatter region."""
    it = int(et)
    if it <= 0:
        it, q = 1, 0.0
    elif it >= 5:
        it, q = 5, 0.0
    else:
        q = et - it
    x = (1.0 / r) ** 2
    h = 4.343 * math.log((_H0F_A[it - 1] * x + _H0F_B[it - 1]) * x + 1.0)
    if q != 0.0:
        h = (1.0 - q) * h + q * 4.343 * math.log((_H0F_A[it] * x + _H0F_B[it]) * x + 1.0)
    return h


_AHD_A = (133.4, 104.6, 71.8)
_AHD_B = (0.332e-3, 0.212e-3, 0.157e-3)
_AHD_C = (-4.343, -1.086, 2.171)


def _ahd(td):
    """The F(theta d) function of the scatter region."""
    i = 0 if td <= 10e3 else (1 if td <= 70e3 else 2)
    return _AHD_A[i] + _AHD_B[i] * td + _AHD_C[i] * math.log(td)


# The prepared path (the ``prop``/``propa`` state of the algorithm) is a tuple of floats, P:
#   dist, hg0, hg1, wn, dh, ens, gme, he0, he1, dl0, dl1, the0, the1, dls0, dls1, dlsa, dla, tha
# and the diffraction constants (``adiff``'s first call) another, D: wd1, xd1, afo, qk, aht, xht.
def _path(dist, hg0, hg1, wn, dh, ens, gme, he0, he1, dl0, dl1, the0, the1):
    dls0, dls1 = math.sqrt(2.0 * he0 / gme), math.sqrt(2.0 * he1 / gme)
    dla = dl0 + dl1
    tha = max(the0 + the1, -dla * gme)
    return (dist, hg0, hg1, wn, dh, ens, gme, he0, he1, dl0, dl1, the0, the1, dls0, dls1, dls0 + dls1, dla, tha)


def _diffraction_constants(P, zgnd):  # noqa: N803 (the algorithm's names)
    dist, hg0, hg1, wn, dh, ens, gme, he0, he1, dl0, dl1, the0, the1, dls0, dls1, dlsa, dla, tha = P
    q = hg0 * hg1
    qk = he0 * he1 - q
    q += 10.0  # point-to-point mode
    wd1 = math.sqrt(1.0 + qk / q)
    xd1 = dla + tha / gme
    q = (1.0 - 0.8 * math.exp(-dlsa / 50e3)) * dh
    q *= 0.78 * math.exp(-((q / 16.0) ** 0.25))
    afo = min(15.0, 2.171 * math.log(1.0 + 4.77e-4 * hg0 * hg1 * wn * q))
    qk = 1.0 / abs(zgnd)
    aht, xht = 20.0, 0.0
    a = 0.5 * dl0 ** 2 / he0
    wa = (a * wn) ** _THIRD
    pk = qk / wa
    q = (1.607 - pk) * 151.0 * wa * dl0 / a
    xht += q
    aht += _fht(q, pk)
    a = 0.5 * dl1 ** 2 / he1
    wa = (a * wn) ** _THIRD
    pk = qk / wa
    q = (1.607 - pk) * 151.0 * wa * dl1 / a
    xht += q
    aht += _fht(q, pk)
    return wd1, xd1, afo, qk, aht, xht


def _adiff(d, P, D):  # noqa: N803
    """Diffraction attenuation at distance ``d``: a weighted knife-edge / smooth-earth blend."""
    dist, hg0, hg1, wn, dh, ens, gme, he0, he1, dl0, dl1, the0, the1, dls0, dls1, dlsa, dla, tha = P
    wd1, xd1, afo, qk, aht, xht = D
    th = tha + d * gme
    ds = d - dla
    q = 0.0795775 * wn * ds * th * th
    knife = _aknfe(q * dl0 / (ds + dl0)) + _aknfe(q * dl1 / (ds + dl1))
    a = ds / th
    wa = (a * wn) ** _THIRD
    pk = qk / wa
    q = (1.607 - pk) * 151.0 * wa * th + xht
    smooth = 0.05751 * q - 4.343 * math.log(q) - aht
    q = (wd1 + xd1 / d) * min((1.0 - 0.8 * math.exp(-d / 50e3)) * dh * wn, 6283.2)
    wd = 25.1 / (25.1 + math.sqrt(q))
    return smooth * wd + (1.0 - wd) * knife + afo


def _alos(d, P, zgnd, emd, aed, wls):  # noqa: N803
    """Line-of-sight attenuation at distance ``d``: two rays over the rough earth, blended with the diffraction
    line ``aed + emd d``."""
    dist, hg0, hg1, wn, dh, ens, gme, he0, he1, dl0, dl1, the0, the1, dls0, dls1, dlsa, dla, tha = P
    q = (1.0 - 0.8 * math.exp(-d / 50e3)) * dh
    s = 0.78 * q * math.exp(-((q / 16.0) ** 0.25))
    q = he0 + he1
    sps = q / math.sqrt(d * d + q * q)
    r = (sps - zgnd) / (sps + zgnd) * math.exp(-min(10.0, wn * s * sps))
    q = abs(r) ** 2
    if q < 0.25 or q < sps:
        r = r * math.sqrt(sps / q)
    a = emd * d + aed
    q = wn * he0 * he1 * 2.0 / d
    if q > 1.57:
        q = 3.14 - 2.4649 / q
    two_ray = abs(complex(math.cos(q), -math.sin(q)) + r) ** 2
    return (-4.343 * math.log(two_ray) - a) * wls + a


def _ascat(d, P, h0s, ad, rr, etq):  # noqa: N803
    """Troposcatter attenuation at distance ``d`` and the frequency-gain term to keep (``h0s``), as a pair."""
    dist, hg0, hg1, wn, dh, ens, gme, he0, he1, dl0, dl1, the0, the1, dls0, dls1, dlsa, dla, tha = P
    if h0s > 15.0:
        h0 = h0s
    else:
        th = the0 + the1 + d * gme
        r2 = 2.0 * wn * th
        r1 = r2 * he0
        r2 *= he1
        if r1 < 0.2 and r2 < 0.2:
            return 1001.0, h0s  # the scatter region is not usable
        ss = (d - ad) / (d + ad)
        q = rr / ss
        ss = max(0.1, ss)
        q = min(max(0.1, q), 10.0)
        z0 = (d - ad) * (d + ad) * th * 0.25 / d
        et = (etq * math.exp(-min(1.7, z0 / 8.0e3) ** 6) + 1.0) * z0 / 1.7556e3
        ett = max(et, 1.0)
        h0 = (_h0f(r1, ett) + _h0f(r2, ett)) * 0.5
        h0 += min(h0, (1.38 - math.log(ett)) * math.log(ss) * math.log(q) * 0.49)
        h0 = _dim(h0, 0.0)
        if et < 1.0:
            h0 = et * h0 + (1.0 - et) * 4.343 * math.log(
                ((1.0 + 1.4142 / r1) * (1.0 + 1.4142 / r2)) ** 2 * (r1 + r2) / (r1 + r2 + 2.8284))
        if h0 > 15.0 and h0s >= 0.0:
            h0 = h0s
    th = tha + d * gme
    return (_ahd(th * d) + 4.343 * math.log(47.7 * wn * th ** 4)
            - 0.1 * (ens - 301.0) * math.exp(-th * d / 40e3) + h0), h0


#: the region of the path's distance (:func:`_reference_attenuation`'s code -> ItmResult.mode)
MODES = ("los", "diffraction", "scatter")


def _reference_attenuation(P, zgnd):  # noqa: N803
    """``lrprop``: the median attenuation relative to free space at the path's distance, its region (an index of
    :data:`MODES`) and the validity flag ``kwx``."""
    dist, hg0, hg1, wn, dh, ens, gme, he0, he1, dl0, dl1, the0, the1, dls0, dls1, dlsa, dla, tha = P
    kwx = 0
    if wn < 0.838 or wn > 210.0:
        kwx = max(kwx, 1)
    if hg0 < 1.0 or hg0 > 1000.0 or hg1 < 1.0 or hg1 > 1000.0:
        kwx = max(kwx, 1)
    if abs(the0) > 200e-3 or dl0 < 0.1 * dls0 or dl0 > 3.0 * dls0:
        kwx = max(kwx, 3)
    if abs(the1) > 200e-3 or dl1 < 0.1 * dls1 or dl1 > 3.0 * dls1:
        kwx = max(kwx, 3)
    if (ens < 250.0 or ens > 400.0 or gme < 75e-9 or gme > 250e-9
            or zgnd.real <= abs(zgnd.imag) or wn < 0.419 or wn > 420.0):
        kwx = 4
    if hg0 < 0.5 or hg0 > 3000.0 or hg1 < 0.5 or hg1 > 3000.0:
        kwx = 4
    dmin = abs(he0 - he1) / 200e-3
    # diffraction: a straight line through two distances beyond the horizons
    D = _diffraction_constants(P, zgnd)  # noqa: N806
    xae = (wn * gme ** 2) ** -_THIRD
    d3 = max(dlsa, 1.3787 * xae + dla)
    d4 = d3 + 2.7574 * xae
    a3, a4 = _adiff(d3, P, D), _adiff(d4, P, D)
    emd = (a4 - a3) / (d4 - d3)
    aed = a3 - emd * d3
    if dist > 1000e3:
        kwx = max(kwx, 1)
    if dist < dmin:
        kwx = max(kwx, 3)
    if dist < 1e3 or dist > 2000e3:
        kwx = 4
    if dist < dlsa:
        aref, mode = _los_fit(P, zgnd, emd, aed), 0
    else:
        aref, mode = _scatter_fit(P, xae, emd, aed)
    return max(aref, 0.0), mode, kwx


def _los_fit(P, zgnd, emd, aed):  # noqa: N803
    """Line of sight: ``ael + ak1 d + ak2 ln d`` fitted through alos at d0, d1 and the diffraction line at
    the smooth-earth horizon distance."""
    dist, hg0, hg1, wn, dh, ens, gme, he0, he1, dl0, dl1, the0, the1, dls0, dls1, dlsa, dla, tha = P
    wls = 0.021 / (0.021 + wn * dh / max(10e3, dlsa))
    d2 = dlsa
    a2 = aed + d2 * emd
    d0 = 1.908 * wn * he0 * he1
    if aed >= 0.0:
        d0 = min(d0, 0.5 * dla)
        d1 = d0 + 0.25 * (dla - d0)
    else:
        d1 = max(-aed / emd, 0.25 * dla)
    a1 = _alos(d1, P, zgnd, emd, aed, wls)
    if d0 < d1:
        a0 = _alos(d0, P, zgnd, emd, aed, wls)
        q = math.log(d2 / d0)
        ak2 = max(0.0, ((d2 - d0) * (a1 - a0) - (d1 - d0) * (a2 - a0))
                  / ((d2 - d0) * math.log(d1 / d0) - (d1 - d0) * q))
        if aed >= 0.0 or ak2 > 0.0:
            ak1 = (a2 - a0 - ak2 * q) / (d2 - d0)
            if ak1 < 0.0:
                ak1 = 0.0
                ak2 = _dim(a2, a0) / q
                if ak2 == 0.0:
                    ak1 = emd
        else:
            ak2 = 0.0
            ak1 = (a2 - a1) / (d2 - d1)
            if ak1 <= 0.0:
                ak1 = emd
    else:
        ak1 = (a2 - a1) / (d2 - d1)
        ak2 = 0.0
        if ak1 <= 0.0:
            ak1 = emd
    ael = a2 - ak1 * d2 - ak2 * math.log(d2)
    return ael + ak1 * dist + ak2 * math.log(dist)


def _scatter_fit(P, xae, emd, aed):  # noqa: N803
    """Beyond the horizons: the diffraction line, then the scatter line past the distance ``dx`` where
    scatter takes over; ``(aref, mode)``."""
    dist, hg0, hg1, wn, dh, ens, gme, he0, he1, dl0, dl1, the0, the1, dls0, dls1, dlsa, dla, tha = P
    ad = dl0 - dl1
    rr = he1 / he0
    if ad < 0.0:
        ad, rr = -ad, 1.0 / rr
    etq = (5.67e-6 * ens - 2.32e-3) * ens + 0.031
    d5 = dla + 200e3
    d6 = d5 + 200e3
    a6, h0s = _ascat(d6, P, -15.0, ad, rr, etq)
    a5, h0s = _ascat(d5, P, h0s, ad, rr, etq)
    if a5 < 1000.0:
        ems = (a6 - a5) / 200e3
        dx = max(dlsa, dla + 0.3 * xae * math.log(47.7 * wn), (a5 - aed - ems * d5) / (emd - ems))
        aes = (emd - ems) * dx + aed
    else:
        ems, aes, dx = emd, aed, 10e6
    if dist > dx:
        return aes + ems * dist, 2
    return aed + emd * dist, 1


# ---- the variability -----------------------------------------------------------------------------------------------
# per climate 1..7: the median correction (v), the time spread below (sm) and above (sp) the median, ...
_BV1 = (-9.67, -0.62, 1.26, -9.21, -0.62, -0.39, 3.15)
_BV2 = (12.7, 9.19, 15.5, 9.05, 9.19, 2.86, 857.9)
_XV1 = (144.9e3, 228.9e3, 262.6e3, 84.1e3, 228.9e3, 141.7e3, 2222.e3)
_XV2 = (190.3e3, 205.2e3, 185.2e3, 101.1e3, 205.2e3, 315.9e3, 164.8e3)
_XV3 = (133.8e3, 143.6e3, 99.8e3, 98.6e3, 143.6e3, 167.4e3, 116.3e3)
_BSM1 = (2.13, 2.66, 6.11, 1.98, 2.68, 6.86, 8.51)
_BSM2 = (159.5, 7.67, 6.65, 13.11, 7.16, 10.38, 169.8)
_XSM1 = (762.2e3, 100.4e3, 138.2e3, 139.1e3, 93.7e3, 187.8e3, 609.8e3)
_XSM2 = (123.6e3, 172.5e3, 242.2e3, 132.7e3, 186.8e3, 169.6e3, 119.9e3)
_XSM3 = (94.5e3, 136.4e3, 178.6e3, 193.5e3, 133.5e3, 108.9e3, 106.6e3)
_BSP1 = (2.11, 6.87, 10.08, 3.68, 4.75, 8.58, 8.43)
_BSP2 = (102.3, 15.53, 9.60, 159.3, 8.12, 13.97, 8.19)
_XSP1 = (636.9e3, 138.7e3, 165.3e3, 464.4e3, 93.2e3, 216.0e3, 136.2e3)
_XSP2 = (134.8e3, 143.7e3, 225.7e3, 93.1e3, 135.9e3, 152.0e3, 188.5e3)
_XSP3 = (95.6e3, 98.6e3, 129.7e3, 94.2e3, 113.4e3, 122.7e3, 122.9e3)
_BSD1 = (1.224, 0.801, 1.380, 1.000, 1.224, 1.518, 1.518)
_BZD1 = (1.282, 2.161, 1.282, 20., 1.282, 1.282, 1.282)
_BFM1 = (1.0, 1.0, 1.0, 1.0, 0.92, 1.0, 1.0)
_BFM2 = (0.0, 0.0, 0.0, 0.0, 0.25, 0.0, 0.0)
_BFM3 = (0.0, 0.0, 0.0, 0.0, 1.77, 0.0, 0.0)
_BFP1 = (1.0, 0.93, 1.0, 0.93, 0.93, 1.0, 1.0)
_BFP2 = (0.0, 0.31, 0.0, 0.19, 0.31, 0.0, 0.0)
_BFP3 = (0.0, 2.00, 0.0, 1.79, 2.00, 0.0, 0.0)


def _curve(c1, c2, x1, x2, x3, de):
    r = (de / x1) ** 2
    return (c1 + c2 / (1.0 + ((de - x2) / x3) ** 2)) * r / (1.0 + r)


def _variability(P, aref, klim, mdvar, zt, zl, zc, kwx):  # noqa: N803
    """``avar``: the attenuation for the time / location / situation deviates ``zt`` / ``zl`` / ``zc``, and the
    validity flag ``kwx`` raised where the statistics are out of range: ``(attenuation, kwx)``."""
    dist, hg0, hg1, wn, dh, ens, gme, he0, he1, dl0, dl1, the0, the1, dls0, dls1, dlsa, dla, tha = P
    if not 1 <= klim <= 7:
        klim = 5
        kwx = max(kwx, 2)
    k = klim - 1
    kdv = mdvar
    ws = kdv >= 20
    if ws:
        kdv -= 20
    w1 = kdv >= 10
    if w1:
        kdv -= 10
    if kdv < 0 or kdv > 3:
        kdv = 0
        kwx = max(kwx, 2)
    q = math.log(0.133 * wn)
    gm = _BFM1[k] + _BFM2[k] / ((_BFM3[k] * q) ** 2 + 1.0)
    gp = _BFP1[k] + _BFP2[k] / ((_BFP3[k] * q) ** 2 + 1.0)
    dexa = math.sqrt(18e6 * he0) + math.sqrt(18e6 * he1) + (575.7e12 / wn) ** _THIRD
    de = 130e3 * dist / dexa if dist < dexa else 130e3 + dist - dexa
    vmd = _curve(_BV1[k], _BV2[k], _XV1[k], _XV2[k], _XV3[k], de)
    sgtm = _curve(_BSM1[k], _BSM2[k], _XSM1[k], _XSM2[k], _XSM3[k], de) * gm
    sgtp = _curve(_BSP1[k], _BSP2[k], _XSP1[k], _XSP2[k], _XSP3[k], de) * gp
    sgtd = sgtp * _BSD1[k]
    zd = _BZD1[k]
    tgtd = (sgtp - sgtd) * zd
    if w1:
        sgl = 0.0
    else:
        q = (1.0 - 0.8 * math.exp(-dist / 50e3)) * dh * wn
        sgl = 10.0 * q / (q + 13.0)
    vs0 = 0.0 if ws else (5.0 + 3.0 * math.exp(-de / 100e3)) ** 2
    if kdv == 0:
        zt = zc
        zl = zc
    elif kdv == 1:
        zl = zc
    elif kdv == 2:
        zl = zt
    if abs(zt) > 3.1 or abs(zl) > 3.1 or abs(zc) > 3.1:
        kwx = max(kwx, 1)
    if zt < 0.0:
        sgt = sgtm
    elif zt <= zd:
        sgt = sgtp
    else:
        sgt = sgtd + tgtd / zt
    vs = vs0 + (sgt * zt) ** 2 / (7.8 + zc * zc) + (sgl * zl) ** 2 / (24.0 + zc * zc)
    if kdv == 0:
        yr, sgc = 0.0, math.sqrt(sgt * sgt + sgl * sgl + vs)
    elif kdv == 1:
        yr, sgc = sgt * zt, math.sqrt(sgl * sgl + vs)
    elif kdv == 2:
        yr, sgc = math.sqrt(sgt * sgt + sgl * sgl) * zt, math.sqrt(vs)
    else:
        yr, sgc = sgt * zt + sgl * zl, math.sqrt(vs)
    a = aref - vmd - yr - sgc * zc
    if a < 0.0:
        a = a * (29.0 - a) / (29.0 - 10.0 * a)
    return a, kwx


# ---- one path, one ray -------------------------------------------------------------------------------------------
def _mean_path_elevation(z):
    n = z.size
    lo, hi = int(0.1 * (n - 1)), int(math.ceil(0.9 * (n - 1)))
    return z[lo:hi + 1].mean()


def _point(z, dist, freq_mhz, hg0, hg1, ns, eps, sgm, vertical, zs, klim, mdvar, zt, zl, zc):
    """The prediction over the profile ``z`` (float64, >= 3 samples): ``(loss_db, fspl_db, aref_db, mode, kwx, he0,
    he1, dl0, dl1, the0, the1, dh)`` (see :func:`itm_loss`; ``zs`` the elevation the refractivity is scaled to,
    ``zt, zl, zc`` the deviates of the quantiles)."""
    xi = dist / (z.size - 1)
    # qlrps: the radio constants
    wn = freq_mhz / 47.7
    ens = ns
    if zs != 0.0:
        ens *= math.exp(-zs / 9460.0)
    gme = _GMA * (1.0 - 0.04665 * math.exp(ens / 179.3))
    zq = complex(eps, 376.62 * sgm / wn)
    zgnd = cmath.sqrt(zq - 1.0)
    if vertical:
        zgnd = zgnd / zq
    he0, he1, dl0, dl1, the0, the1, dh = _qlrpfl(z, xi, dist, hg0, hg1, gme)
    P = _path(dist, hg0, hg1, wn, dh, ens, gme, he0, he1, dl0, dl1, the0, the1)  # noqa: N806
    aref, mode, kwx = _reference_attenuation(P, zgnd)
    att, kwx = _variability(P, aref, klim, mdvar, zt, zl, zc, kwx)
    fs = _DB * math.log(2.0 * wn * dist)
    return fs + att, fs, aref, mode, kwx, he0, he1, dl0, dl1, the0, the1, dh


def _ray(d, ground, obstacles, freq_mhz, hg0, hg1, ns, eps, sgm, vertical, klim, mdvar, zt, zl, zc, out, every):
    """One ray of :func:`itm_rays`: ``out[j]`` (float32) the attenuation relative to free space to the receiver at
    sample j >= 2, over the obstacles between and the ground under both terminals; only at every ``every``-th
    sample (the others left as they are)."""
    prof = obstacles.astype(np.float64)
    prof[0] = ground[0]
    for j in range(2, d.size):
        if j % every != 0:
            continue
        end = prof[j]
        prof[j] = ground[j]
        z = prof[:j + 1]
        r = _point(z, d[j], freq_mhz, hg0, hg1, ns, eps, sgm, vertical, _mean_path_elevation(z), klim, mdvar,
                   zt, zl, zc)
        prof[j] = end
        out[j] = r[0] - r[1]


# ---- the profile's three array passes again, as loops, for the compiled model -------------------------------------
# Compiled, the numpy versions above allocate a dozen small arrays a receiver; numba's allocator counts them in
# shared counters, so two threads slowed each other down (two threads with a set of rays each took 3.3 times as
# long as one thread with one: a speed-up of 0.6; with these loops 1.7). These loops compute the same values (the
# sums in another order: the losses agree to the last bit of float32, 1e-5 dB) with one array a receiver; _build
# compiles them under the numpy versions' names.
def _lsq_line_loops(z, xi, x1, x2):
    xn = len(z) - 1
    xa, xb = _lsq_span(xn, xi, x1, x2)
    ja, jb = int(xa), int(xb)
    span = xb - xa
    m = jb - ja + 1
    sa = 0.0
    sb = 0.0
    for i in range(m):
        w = 0.5 if i == 0 or i == m - 1 else 1.0
        sa += w * z[ja + i]
        sb += w * (-0.5 * span + i * 1.0) * z[ja + i]
    a = sa / span
    b = sb * 12.0 / ((span * span + 2.0) * span)
    centre = xa + 0.5 * span
    return a - b * centre, a + b * (xn - centre)


def _terrain_irregularity_loops(z, xi, x1, x2):
    np_ = len(z) - 1
    xa = x1 / xi
    xb = x2 / xi
    if xb - xa < 2.0:
        return 0.0
    ka, kb, n = _decile_ranks(xb - xa)
    sn = n - 1
    s = np.empty(n)
    step = (xb - xa) / sn
    for i in range(n):
        pos = xa + i * step
        k = 1 if pos <= 0.0 else min(max(int(math.ceil(pos)), 1), np_)
        s[i] = z[k] + (z[k] - z[k - 1]) * (pos - k)
    z0, zn = _lsq_line(s, 1.0, 0.0, float(sn))
    for i in range(n):
        s[i] = s[i] - (z0 + (zn - z0) * i / sn)
    s.sort()
    dh = s[n - ka] - s[n - kb]
    return dh / (1.0 - 0.8 * math.exp(-(x2 - x1) / 50e3))


def _horizons_loops(z, xi, dist, hg0, hg1, gme):
    np_ = len(z) - 1
    za, zb, qc, the0, the1 = _horizon_start(z, dist, hg0, hg1, gme)
    dl0, dl1 = dist, dist
    if np_ < 2:
        return the0, the1, dl0, dl1
    first = -1
    best, best_d = 0.0, 0.0
    sa = 0.0
    for i in range(np_ - 1):
        sa += xi
        ang = (z[i + 1] - za) / sa - qc * sa
        if first < 0 and ang > the0:
            first = i
        if i == 0 or ang > best or (ang != ang and best == best):  # np.argmax: the first maximum, NaN first
            best, best_d = ang, sa
    if first < 0:
        return the0, the1, dl0, dl1  # line of sight: each horizon is the other antenna
    the0, dl0 = best, best_d
    sb = dist
    found = False
    for i in range(np_ - 1):
        sb += -xi
        if i < first:
            continue
        ang = (z[i + 1] - zb) / sb - qc * sb
        if not found or ang > best or (ang != ang and best == best):
            best, best_d, found = ang, sb, True
    if best > the1:
        the1, dl1 = best, best_d
    return the0, the1, dl0, dl1


# ---- compiled (numba), when it works -----------------------------------------------------------------------------
#: the functions above, callees first; compiled together in their own namespace (this module keeps the Python ones)
_JIT = ("_dim", "_lsq_span", "_decile_ranks", "_horizon_start", "_lsq_line", "_terrain_irregularity", "_horizons",
        "_horizon_distance", "_qlrpfl", "_aknfe", "_fht", "_h0f", "_ahd", "_path", "_diffraction_constants", "_adiff",
        "_alos", "_ascat", "_los_fit", "_scatter_fit", "_reference_attenuation", "_curve", "_variability",
        "_mean_path_elevation", "_point", "_ray")
_COMPILED = {}  # name -> numba dispatcher, once built; {"": None} when numba failed
_COMPILE_LOCK = threading.Lock()
#: why the ITM runs in Python although numba imports ("" when it is compiled or numba is off)
FAILURE = [""]


def compiled_expected() -> bool:
    """True when :func:`itm_rays` will run compiled: numba is installed, ``KALTIM_NUMBA`` is not 0, and no
    compilation failed in this process (this does not compile: it is cheap, for an estimate before a run)."""
    return kernels.AVAILABLE and os.environ.get("KALTIM_NUMBA", "").strip() != "0" and not FAILURE[0] \
        and not kernels.FAILURE[0]


def compiled_now() -> bool:
    """True when this process's ITM runs compiled (after a first :func:`itm_rays`; what a run's log reports)."""
    return _COMPILED.get("_ray") is not None


def _compiled():
    """The compiled :func:`_ray`, or None (numba off, absent or failing: the Python one runs)."""
    if not kernels.enabled():
        return None
    if not _COMPILED:
        with _COMPILE_LOCK:
            if not _COMPILED:
                _COMPILED.update(_build())
    return _COMPILED.get("_ray")


def _build():
    """Compile the :data:`_JIT` functions (nogil: the coverage engine's sites run in parallel; numba's disk cache)
    in a namespace of their own, and check the result on a small profile against the Python model."""
    try:
        from numba import njit
        jit = njit(nogil=True, cache=True, error_model="numpy")
        space = dict(globals())
        for name in _JIT:
            f = globals().get(name + "_loops", globals()[name])
            space[name] = jit(types.FunctionType(f.__code__, space, name, f.__defaults__, f.__closure__))
        d = np.arange(6) * 500.0
        g = np.array([[10.0, 30.0, 80.0, 20.0, 15.0, 12.0]])
        args = (900.0, 30.0, 1.5, 360.0, 15.0, 0.005, True, 1, 12, 0.0, 0.0, 0.0)
        ours, ref = np.zeros(6, np.float32), np.zeros(6, np.float32)
        space["_ray"](d, g[0], g[0], *args, ours, 1)
        _ray(d, g[0], g[0], *args, ref, 1)
        if not np.allclose(ours, ref, atol=1e-3):
            raise RuntimeError(f"compiled ITM {ours.tolist()} differs from Python {ref.tolist()}")
        return {name: space[name] for name in _JIT}
    except Exception as exc:  # noqa: BLE001 - any compiler failure: the Python model
        FAILURE[0] = f"{type(exc).__name__}: {exc}"
        return {"": None}


# ---- public API ----------------------------------------------------------------------------------------------------
def mean_path_elevation(elevations) -> float:
    """The elevation the surface refractivity is scaled to: the mean ground of the middle 80 % of the path."""
    return float(_mean_path_elevation(np.asarray(elevations, dtype=float)))


def _statistics(params: ItmParams):
    """The arguments of :func:`_point` after the profile and its geometry, from ``params`` (checked)."""
    if params.polarization not in ("vertical", "horizontal"):
        raise ValueError(f"polarization must be 'vertical' or 'horizontal', got {params.polarization!r}")
    return (float(params.ns), float(params.eps), float(params.sgm), params.polarization == "vertical",
            int(params.climate), int(params.mdvar), qerfi(params.time / 100.0), qerfi(params.location / 100.0),
            qerfi(params.situation / 100.0))


def itm_loss(elevations, distance_m, freq_mhz, tx_height_m, rx_height_m, params: ItmParams = ItmParams(),
             zsys: Optional[float] = None) -> ItmResult:
    """ITM point-to-point basic transmission loss over a terrain profile.

    ``elevations``: ground heights (m above sea level) at equal spacing from the transmitter (first) to the
    receiver (last), at least 3 samples; ``distance_m`` the path length; antenna heights above the ground.
    ``zsys``: the elevation the refractivity ``params.ns`` is scaled to (``ns * exp(-zsys / 9460)``); default
    :func:`mean_path_elevation`.
    """
    z = np.asarray(elevations, dtype=float)
    if z.ndim != 1 or z.size < 3:
        raise ValueError("the ITM needs a profile of at least 3 elevations")
    if not distance_m > 0 or not freq_mhz > 0:
        raise ValueError("distance and frequency must be > 0")
    ns, eps, sgm, vertical, klim, mdvar, zt, zl, zc = _statistics(params)
    zs = _mean_path_elevation(z) if zsys is None else float(zsys)
    loss, fs, aref, mode, kwx, he0, he1, dl0, dl1, the0, the1, dh = _point(
        z, float(distance_m), float(freq_mhz), float(tx_height_m), float(rx_height_m), ns, eps, sgm, vertical, zs,
        klim, mdvar, zt, zl, zc)
    return ItmResult(loss_db=float(loss), fspl_db=float(fs), aref_db=float(aref), mode=MODES[mode], kwx=int(kwx),
                     he=(float(he0), float(he1)), dl=(float(dl0), float(dl1)), the=(float(the0), float(the1)),
                     dh=float(dh))


def itm_loss_db(elevations, distance_m, freq_mhz, tx_height_m, rx_height_m, params: ItmParams = ItmParams(),
                zsys: Optional[float] = None) -> float:
    """Basic transmission loss (dB) of :func:`itm_loss`."""
    return itm_loss(elevations, distance_m, freq_mhz, tx_height_m, rx_height_m, params, zsys).loss_db


def itm_along_profile(distances_m, ground_m, tx_height_m, rx_height_m, freq_mhz, params: ItmParams = ItmParams(),
                      max_points: int = 120):
    """ITM loss to receivers along one profile (the receiver at each sample, the transmitter at the first).

    ``distances_m`` equally spaced from 0.  At most ``max_points`` receivers are computed (evenly spread, always
    the last one); the other samples are NaN, as are the first two (a profile needs 3 samples).  Returns
    ``(loss_db, kwx)`` arrays.
    """
    d = np.asarray(distances_m, dtype=float)
    z = np.asarray(ground_m, dtype=float)
    n = d.size
    loss = np.full(n, np.nan)
    kwx = np.full(n, -1, dtype=np.int64)
    if n < 3:
        return loss, kwx
    idx = np.unique(np.round(np.linspace(2, n - 1, min(max_points, n - 2))).astype(np.int64))
    for i in idx:
        res = itm_loss(z[:i + 1], d[i], freq_mhz, tx_height_m, rx_height_m, params)
        loss[i] = res.loss_db
        kwx[i] = res.kwx
    return loss, kwx


def itm_rays(distances_m, ground_m, tx_height_m, rx_height_m, freq_mhz, params: ItmParams = ItmParams(),
             obstacles_m=None, check=None, compiled=None, every=1):
    """ITM attenuation relative to free space (dB, float32) for every receiver along many rays: the coverage
    engine's model ``itm`` (same layout as :func:`.propagation.delta_bullington_rays`).

    ``distances_m``: (n,) equally spaced from 0; ``ground_m``: (R, n) ground along R rays (the site at sample 0,
    antenna ``tx_height_m`` above it); ``obstacles_m``: optional (R, n) heights of the intermediate samples (the
    engine's crest-preserving sub-sampling), the terminals standing on ``ground_m``.  The receiver at sample j
    sees the profile 0..j; samples 0 and 1 (no intermediate point) get 0 dB.  One prediction per receiver:
    compiled by numba when it works (a few microseconds each, the GIL released: sites run in parallel), else in
    Python (0.1-0.2 ms each); ``compiled`` False forces Python, True requires numba (RuntimeError without it).
    ``check(done)``, when given, is called before each ray with the fraction of the rays done (0 <= done < 1): it
    reports progress within the site and raises to stop a run that was cancelled.
    """
    d = np.asarray(distances_m, dtype=float)
    g = np.atleast_2d(np.asarray(ground_m, dtype=float))
    obs = g if obstacles_m is None else np.atleast_2d(np.asarray(obstacles_m, dtype=float))
    rays, n = g.shape
    out = np.zeros((rays, n), dtype=np.float32)
    ray = _compiled() if compiled is not False else None
    if compiled and ray is None:
        raise RuntimeError("the compiled ITM is not available: " + (FAILURE[0] or kernels.FAILURE[0]
                                                                    or "numba is off or not installed"))
    ray = ray or _ray
    args = (float(freq_mhz), float(tx_height_m), float(rx_height_m)) + _statistics(params)
    for r in range(rays):
        if check is not None:
            check(r / rays)
        ray(d, g[r], obs[r], *args, out[r], int(every))
    return out
