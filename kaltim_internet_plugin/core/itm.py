"""Longley-Rice Irregular Terrain Model (ITM 1.2.2), point-to-point mode, in plain Python + numpy.

The second-opinion model beside ITU-R P.526 (see :mod:`.propagation`): the model of SPLAT! and of many
broadcast/cellular planning tools, written here from the published algorithm (G. A. Hufford, "The ITS Irregular
Terrain Model, version 1.2.2: the Algorithm", NTIA/ITS 1995, and A. G. Longley & P. L. Rice, "Prediction of
tropospheric radio transmission loss over irregular terrain", ESSA Tech. Rep. ERL 79-ITS 67, 1968).  No compiled
code, so it ships inside the plugin zip (nothing to install on Windows/OSGeo4W).

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
from dataclasses import dataclass
from typing import Optional

import numpy as np

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
def _lsq_line(z, xi, x1, x2):
    """Least-squares straight line through the profile ``z`` (spacing ``xi``) between distances ``x1`` and
    ``x2`` (whole samples, end samples at half weight); returns its heights at the start and at the end of the
    whole profile (``zlsq1``)."""
    xn = len(z) - 1
    xa = float(int(max(x1 / xi, 0.0)))
    xb = xn - float(int(max(xn - x2 / xi, 0.0)))
    if xb <= xa:
        xa = max(xa - 1.0, 0.0)
        xb = xn - max(xn - (xb + 1.0), 0.0)
    ja, jb = int(xa), int(xb)
    span = xb - xa
    seg = np.asarray(z[ja:jb + 1], dtype=float)
    w = np.ones(seg.size)
    w[0] = w[-1] = 0.5
    x = -0.5 * span + np.arange(seg.size, dtype=float)
    a = float(np.dot(w, seg)) / span
    b = float(np.dot(w * x, seg)) * 12.0 / ((span * span + 2.0) * span)
    centre = xa + 0.5 * span
    return a - b * centre, a + b * (xn - centre)


def _terrain_irregularity(z, xi, x1, x2):
    """Interdecile range of the terrain's deviations from its straight-line fit between ``x1`` and ``x2``,
    corrected for a short path (``dlthx``): the ``dh`` of the algorithm."""
    np_ = len(z) - 1
    xa = x1 / xi
    xb = x2 / xi
    if xb - xa < 2.0:
        return 0.0
    ka = min(max(4, int(0.1 * (xb - xa + 8.0))), 25)
    n = 10 * ka - 5
    kb = n - ka + 1
    sn = n - 1
    # n equally spaced samples between x1 and x2, interpolated linearly in the profile
    pos = xa + np.arange(n) * ((xb - xa) / sn)
    k = np.clip(np.ceil(pos).astype(np.int64), 1, np_)
    k = np.where(pos <= 0.0, 1, k)
    frac = pos - k
    s = z[k] + (z[k] - z[k - 1]) * frac
    z0, zn = _lsq_line(s, 1.0, 0.0, float(sn))
    s = s - (z0 + (zn - z0) * np.arange(n) / sn)
    desc = np.sort(s)[::-1]
    dh = float(desc[ka - 1] - desc[kb - 1])
    return dh / (1.0 - 0.8 * math.exp(-(x2 - x1) / 50e3))


def _horizons(z, xi, dist, hg, gme):
    """Horizon elevation angles and distances of both terminals (``hzns``): the highest ray over the earth of
    curvature ``gme`` that touches the profile, seen from each antenna."""
    np_ = len(z) - 1
    za = z[0] + hg[0]
    zb = z[-1] + hg[1]
    qc = 0.5 * gme
    q = qc * dist
    slope = (zb - za) / dist
    the = [slope - q, -slope - q]
    dl = [dist, dist]
    if np_ < 2:
        return the, dl
    # running sums, as the algorithm steps along the profile (so a horizon distance of exactly i spacings
    # rounds as in the reference implementations)
    sa = np.add.accumulate(np.full(np_ - 1, xi))
    sb = np.subtract.accumulate(np.concatenate(([dist], np.full(np_ - 1, xi))))[1:]
    zi = z[1:np_]
    ang_a = (zi - za) / sa - qc * sa
    above = ang_a > the[0]
    if not above.any():
        return the, dl  # line of sight: each horizon is the other antenna
    first = int(np.argmax(above))
    j = int(np.argmax(ang_a))
    the[0], dl[0] = float(ang_a[j]), float(sa[j])
    ang_b = (zi[first:] - zb) / sb[first:] - qc * sb[first:]
    j = int(np.argmax(ang_b))
    if ang_b[j] > the[1]:
        the[1], dl[1] = float(ang_b[j]), float(sb[first + j])
    return the, dl


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


def _h0f(r, et):
    """Frequency-gain function of the scatter region."""
    a = (25.0, 80.0, 177.0, 395.0, 705.0)
    b = (24.0, 45.0, 68.0, 80.0, 105.0)
    it = int(et)
    if it <= 0:
        it, q = 1, 0.0
    elif it >= 5:
        it, q = 5, 0.0
    else:
        q = et - it
    x = (1.0 / r) ** 2
    h = 4.343 * math.log((a[it - 1] * x + b[it - 1]) * x + 1.0)
    if q != 0.0:
        h = (1.0 - q) * h + q * 4.343 * math.log((a[it] * x + b[it]) * x + 1.0)
    return h


def _ahd(td):
    """The F(theta d) function of the scatter region."""
    i = 0 if td <= 10e3 else (1 if td <= 70e3 else 2)
    return (133.4, 104.6, 71.8)[i] + (0.332e-3, 0.212e-3, 0.157e-3)[i] * td + (-4.343, -1.086, 2.171)[i] * math.log(td)


class _Path:
    """The prepared path (the ``prop``/``propa`` state of the algorithm) and its three attenuation regions."""

    def __init__(self, dist, hg, wn, dh, ens, gme, zgnd, he, dl, the):
        self.dist, self.hg, self.wn, self.dh, self.ens, self.gme, self.zgnd = dist, hg, wn, dh, ens, gme, zgnd
        self.he, self.dl, self.the = he, dl, the
        self.kwx = 0
        self.dls = [math.sqrt(2.0 * h / gme) for h in he]
        self.dlsa = self.dls[0] + self.dls[1]
        self.dla = dl[0] + dl[1]
        self.tha = max(the[0] + the[1], -self.dla * gme)

    # -- diffraction
    def _init_diff(self):
        q = self.hg[0] * self.hg[1]
        qk = self.he[0] * self.he[1] - q
        q += 10.0  # point-to-point mode
        self.wd1 = math.sqrt(1.0 + qk / q)
        self.xd1 = self.dla + self.tha / self.gme
        q = (1.0 - 0.8 * math.exp(-self.dlsa / 50e3)) * self.dh
        q *= 0.78 * math.exp(-((q / 16.0) ** 0.25))
        self.afo = min(15.0, 2.171 * math.log(1.0 + 4.77e-4 * self.hg[0] * self.hg[1] * self.wn * q))
        self.qk = 1.0 / abs(self.zgnd)
        self.aht, self.xht = 20.0, 0.0
        for j in range(2):
            a = 0.5 * self.dl[j] ** 2 / self.he[j]
            wa = (a * self.wn) ** _THIRD
            pk = self.qk / wa
            q = (1.607 - pk) * 151.0 * wa * self.dl[j] / a
            self.xht += q
            self.aht += _fht(q, pk)

    def adiff(self, d):
        th = self.tha + d * self.gme
        ds = d - self.dla
        q = 0.0795775 * self.wn * ds * th * th
        knife = _aknfe(q * self.dl[0] / (ds + self.dl[0])) + _aknfe(q * self.dl[1] / (ds + self.dl[1]))
        a = ds / th
        wa = (a * self.wn) ** _THIRD
        pk = self.qk / wa
        q = (1.607 - pk) * 151.0 * wa * th + self.xht
        smooth = 0.05751 * q - 4.343 * math.log(q) - self.aht
        q = (self.wd1 + self.xd1 / d) * min((1.0 - 0.8 * math.exp(-d / 50e3)) * self.dh * self.wn, 6283.2)
        wd = 25.1 / (25.1 + math.sqrt(q))
        return smooth * wd + (1.0 - wd) * knife + self.afo

    # -- line of sight
    def alos(self, d):
        q = (1.0 - 0.8 * math.exp(-d / 50e3)) * self.dh
        s = 0.78 * q * math.exp(-((q / 16.0) ** 0.25))
        q = self.he[0] + self.he[1]
        sps = q / math.sqrt(d * d + q * q)
        r = (sps - self.zgnd) / (sps + self.zgnd) * math.exp(-min(10.0, self.wn * s * sps))
        q = abs(r) ** 2
        if q < 0.25 or q < sps:
            r = r * math.sqrt(sps / q)
        a = self.emd * d + self.aed
        q = self.wn * self.he[0] * self.he[1] * 2.0 / d
        if q > 1.57:
            q = 3.14 - 2.4649 / q
        two_ray = abs(complex(math.cos(q), -math.sin(q)) + r) ** 2
        return (-4.343 * math.log(two_ray) - a) * self.wls + a

    # -- troposcatter
    def ascat(self, d):
        if self.h0s > 15.0:
            h0 = self.h0s
        else:
            th = self.the[0] + self.the[1] + d * self.gme
            r2 = 2.0 * self.wn * th
            r1 = r2 * self.he[0]
            r2 *= self.he[1]
            if r1 < 0.2 and r2 < 0.2:
                return 1001.0  # the scatter region is not usable
            ss = (d - self.ad) / (d + self.ad)
            q = self.rr / ss
            ss = max(0.1, ss)
            q = min(max(0.1, q), 10.0)
            z0 = (d - self.ad) * (d + self.ad) * th * 0.25 / d
            et = (self.etq * math.exp(-min(1.7, z0 / 8.0e3) ** 6) + 1.0) * z0 / 1.7556e3
            ett = max(et, 1.0)
            h0 = (_h0f(r1, ett) + _h0f(r2, ett)) * 0.5
            h0 += min(h0, (1.38 - math.log(ett)) * math.log(ss) * math.log(q) * 0.49)
            h0 = _dim(h0, 0.0)
            if et < 1.0:
                h0 = et * h0 + (1.0 - et) * 4.343 * math.log(
                    ((1.0 + 1.4142 / r1) * (1.0 + 1.4142 / r2)) ** 2 * (r1 + r2) / (r1 + r2 + 2.8284))
            if h0 > 15.0 and self.h0s >= 0.0:
                h0 = self.h0s
        self.h0s = h0
        th = self.tha + d * self.gme
        return (_ahd(th * d) + 4.343 * math.log(47.7 * self.wn * th ** 4)
                - 0.1 * (self.ens - 301.0) * math.exp(-th * d / 40e3) + h0)

    def reference_attenuation(self):
        """``lrprop``: the median attenuation relative to free space at the path's distance, and its region."""
        wn, gme, he, dl, the = self.wn, self.gme, self.he, self.dl, self.the
        if wn < 0.838 or wn > 210.0:
            self.kwx = max(self.kwx, 1)
        if any(h < 1.0 or h > 1000.0 for h in self.hg):
            self.kwx = max(self.kwx, 1)
        for j in range(2):
            if abs(the[j]) > 200e-3 or dl[j] < 0.1 * self.dls[j] or dl[j] > 3.0 * self.dls[j]:
                self.kwx = max(self.kwx, 3)
        if (self.ens < 250.0 or self.ens > 400.0 or gme < 75e-9 or gme > 250e-9
                or self.zgnd.real <= abs(self.zgnd.imag) or wn < 0.419 or wn > 420.0):
            self.kwx = 4
        if any(h < 0.5 or h > 3000.0 for h in self.hg):
            self.kwx = 4
        dmin = abs(he[0] - he[1]) / 200e-3
        # diffraction: a straight line through two distances beyond the horizons
        self._init_diff()
        xae = (wn * gme ** 2) ** -_THIRD
        d3 = max(self.dlsa, 1.3787 * xae + self.dla)
        d4 = d3 + 2.7574 * xae
        a3, a4 = self.adiff(d3), self.adiff(d4)
        self.emd = (a4 - a3) / (d4 - d3)
        self.aed = a3 - self.emd * d3
        dist = self.dist
        if dist > 1000e3:
            self.kwx = max(self.kwx, 1)
        if dist < dmin:
            self.kwx = max(self.kwx, 3)
        if dist < 1e3 or dist > 2000e3:
            self.kwx = 4
        if dist < self.dlsa:
            aref = self._los_fit(dist)
            mode = "los"
        else:
            aref, mode = self._scatter_fit(dist, xae)
        return max(aref, 0.0), mode

    def _los_fit(self, dist):
        """Line of sight: ``ael + ak1 d + ak2 ln d`` fitted through alos at d0, d1 and the diffraction line at
        the smooth-earth horizon distance."""
        self.wls = 0.021 / (0.021 + self.wn * self.dh / max(10e3, self.dlsa))
        d2 = self.dlsa
        a2 = self.aed + d2 * self.emd
        d0 = 1.908 * self.wn * self.he[0] * self.he[1]
        if self.aed >= 0.0:
            d0 = min(d0, 0.5 * self.dla)
            d1 = d0 + 0.25 * (self.dla - d0)
        else:
            d1 = max(-self.aed / self.emd, 0.25 * self.dla)
        a1 = self.alos(d1)
        if d0 < d1:
            a0 = self.alos(d0)
            q = math.log(d2 / d0)
            ak2 = max(0.0, ((d2 - d0) * (a1 - a0) - (d1 - d0) * (a2 - a0))
                      / ((d2 - d0) * math.log(d1 / d0) - (d1 - d0) * q))
            if self.aed >= 0.0 or ak2 > 0.0:
                ak1 = (a2 - a0 - ak2 * q) / (d2 - d0)
                if ak1 < 0.0:
                    ak1 = 0.0
                    ak2 = _dim(a2, a0) / q
                    if ak2 == 0.0:
                        ak1 = self.emd
            else:
                ak2 = 0.0
                ak1 = (a2 - a1) / (d2 - d1)
                if ak1 <= 0.0:
                    ak1 = self.emd
        else:
            ak1 = (a2 - a1) / (d2 - d1)
            ak2 = 0.0
            if ak1 <= 0.0:
                ak1 = self.emd
        ael = a2 - ak1 * d2 - ak2 * math.log(d2)
        return ael + ak1 * dist + ak2 * math.log(dist)

    def _scatter_fit(self, dist, xae):
        """Beyond the horizons: the diffraction line, then the scatter line past the distance ``dx`` where
        scatter takes over."""
        self.ad = self.dl[0] - self.dl[1]
        self.rr = self.he[1] / self.he[0]
        if self.ad < 0.0:
            self.ad, self.rr = -self.ad, 1.0 / self.rr
        self.etq = (5.67e-6 * self.ens - 2.32e-3) * self.ens + 0.031
        self.h0s = -15.0
        d5 = self.dla + 200e3
        d6 = d5 + 200e3
        a6 = self.ascat(d6)
        a5 = self.ascat(d5)
        if a5 < 1000.0:
            ems = (a6 - a5) / 200e3
            dx = max(self.dlsa, self.dla + 0.3 * xae * math.log(47.7 * self.wn),
                     (a5 - self.aed - ems * d5) / (self.emd - ems))
            aes = (self.emd - ems) * dx + self.aed
        else:
            ems, aes, dx = self.emd, self.aed, 10e6
        if dist > dx:
            return aes + ems * dist, "scatter"
        return self.aed + self.emd * dist, "diffraction"


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


def _variability(path: _Path, aref, klim, mdvar, zt, zl, zc):
    """``avar``: the attenuation for the time / location / situation deviates ``zt`` / ``zl`` / ``zc``."""
    if not 1 <= klim <= 7:
        klim = 5
        path.kwx = max(path.kwx, 2)
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
        path.kwx = max(path.kwx, 2)
    q = math.log(0.133 * path.wn)
    gm = _BFM1[k] + _BFM2[k] / ((_BFM3[k] * q) ** 2 + 1.0)
    gp = _BFP1[k] + _BFP2[k] / ((_BFP3[k] * q) ** 2 + 1.0)
    dexa = math.sqrt(18e6 * path.he[0]) + math.sqrt(18e6 * path.he[1]) + (575.7e12 / path.wn) ** _THIRD
    de = 130e3 * path.dist / dexa if path.dist < dexa else 130e3 + path.dist - dexa
    vmd = _curve(_BV1[k], _BV2[k], _XV1[k], _XV2[k], _XV3[k], de)
    sgtm = _curve(_BSM1[k], _BSM2[k], _XSM1[k], _XSM2[k], _XSM3[k], de) * gm
    sgtp = _curve(_BSP1[k], _BSP2[k], _XSP1[k], _XSP2[k], _XSP3[k], de) * gp
    sgtd = sgtp * _BSD1[k]
    zd = _BZD1[k]
    tgtd = (sgtp - sgtd) * zd
    if w1:
        sgl = 0.0
    else:
        q = (1.0 - 0.8 * math.exp(-path.dist / 50e3)) * path.dh * path.wn
        sgl = 10.0 * q / (q + 13.0)
    vs0 = 0.0 if ws else (5.0 + 3.0 * math.exp(-de / 100e3)) ** 2
    if kdv == 0:
        zt = zl = zc
    elif kdv == 1:
        zl = zc
    elif kdv == 2:
        zl = zt
    if abs(zt) > 3.1 or abs(zl) > 3.1 or abs(zc) > 3.1:
        path.kwx = max(path.kwx, 1)
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
    return a


# ---- public API ----------------------------------------------------------------------------------------------------
def mean_path_elevation(elevations) -> float:
    """The elevation the surface refractivity is scaled to: the mean ground of the middle 80 % of the path."""
    z = np.asarray(elevations, dtype=float)
    n = z.size
    lo, hi = int(0.1 * (n - 1)), int(math.ceil(0.9 * (n - 1)))
    return float(z[lo:hi + 1].mean())


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
    if params.polarization not in ("vertical", "horizontal"):
        raise ValueError(f"polarization must be 'vertical' or 'horizontal', got {params.polarization!r}")
    dist = float(distance_m)
    np_ = z.size - 1
    xi = dist / np_
    hg = (float(tx_height_m), float(rx_height_m))
    # qlrps: the radio constants
    wn = float(freq_mhz) / 47.7
    ens = float(params.ns)
    zs = mean_path_elevation(z) if zsys is None else float(zsys)
    if zs != 0.0:
        ens *= math.exp(-zs / 9460.0)
    gme = _GMA * (1.0 - 0.04665 * math.exp(ens / 179.3))
    zq = complex(float(params.eps), 376.62 * float(params.sgm) / wn)
    zgnd = cmath.sqrt(zq - 1.0)
    if params.polarization == "vertical":
        zgnd = zgnd / zq
    # qlrpfl: horizons, terrain irregularity, effective heights
    the, dl = _horizons(z, xi, dist, hg, gme)
    xl = [min(15.0 * hg[j], 0.1 * dl[j]) for j in range(2)]
    xl[1] = dist - xl[1]
    dh = _terrain_irregularity(z, xi, xl[0], xl[1])
    if dl[0] + dl[1] > 1.5 * dist:  # line of sight
        za, zb = _lsq_line(z, xi, xl[0], xl[1])
        he = [hg[0] + _dim(z[0], za), hg[1] + _dim(z[-1], zb)]

        def horizon(h):
            return math.sqrt(2.0 * h / gme) * math.exp(-0.07 * math.sqrt(dh / max(h, 5.0)))

        dl = [horizon(h) for h in he]
        q = dl[0] + dl[1]
        if q <= dist:
            q = (dist / q) ** 2
            he = [h * q for h in he]
            dl = [horizon(h) for h in he]
        the = []
        for j in range(2):
            q = math.sqrt(2.0 * he[j] / gme)
            the.append((0.65 * dh * (q / dl[j] - 1.0) - 2.0 * he[j]) / q)
    else:  # beyond the horizon: fit each terminal's foreground
        za, _ = _lsq_line(z, xi, xl[0], 0.9 * dl[0])
        _, zb = _lsq_line(z, xi, dist - 0.9 * dl[1], xl[1])
        he = [hg[0] + _dim(z[0], za), hg[1] + _dim(z[-1], zb)]
    path = _Path(dist, hg, wn, dh, ens, gme, zgnd, he, dl, the)
    aref, mode = path.reference_attenuation()
    klim = int(params.climate)
    att = _variability(path, aref, klim, int(params.mdvar), qerfi(params.time / 100.0),
                       qerfi(params.location / 100.0), qerfi(params.situation / 100.0))
    fs = _DB * math.log(2.0 * wn * dist)
    return ItmResult(loss_db=fs + att, fspl_db=fs, aref_db=aref, mode=mode, kwx=path.kwx, he=tuple(he),
                     dl=tuple(dl), the=tuple(the), dh=dh)


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
             obstacles_m=None, check=None):
    """ITM attenuation relative to free space (dB, float32) for every receiver along many rays: the coverage
    engine's model ``itm`` (same layout as :func:`.propagation.delta_bullington_rays`).

    ``distances_m``: (n,) equally spaced from 0; ``ground_m``: (R, n) ground along R rays (the site at sample 0,
    antenna ``tx_height_m`` above it); ``obstacles_m``: optional (R, n) heights of the intermediate samples (the
    engine's crest-preserving sub-sampling), the terminals standing on ``ground_m``.  The receiver at sample j
    sees the profile 0..j; samples 0 and 1 (no intermediate point) get 0 dB.  One :func:`itm_loss` per
    receiver, in Python: about 0.1-0.2 ms each. ``check(done)``, when given, is called before each ray with the
    fraction of the rays done (0 <= done < 1): it reports progress within the site and raises to stop a run that
    was cancelled (a site of 1,000 rays takes tens of seconds).
    """
    d = np.asarray(distances_m, dtype=float)
    g = np.atleast_2d(np.asarray(ground_m, dtype=float))
    obs = g if obstacles_m is None else np.atleast_2d(np.asarray(obstacles_m, dtype=float))
    rays, n = g.shape
    out = np.zeros((rays, n), dtype=np.float32)
    prof = np.empty(n)
    for r in range(rays):
        if check is not None:
            check(r / rays)
        prof[:] = obs[r]
        prof[0] = g[r, 0]
        for j in range(2, n):
            end = prof[j]
            prof[j] = g[r, j]
            res = itm_loss(prof[:j + 1], d[j], freq_mhz, tx_height_m, rx_height_m, params)
            prof[j] = end
            out[r, j] = res.loss_db - res.fspl_db
    return out
