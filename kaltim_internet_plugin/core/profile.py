"""Signal at one point and the terrain profile between a site and a point (numpy + GDAL, no QGIS).

Used by the "Signal at point" map tool of the Coverage page; gui-free so it is unit-testable.

* :func:`point_signal` -- the received signal (ITU-R P.526: free-space loss + the complete delta-Bullington
  diffraction over the DEM profile, the model of the coverage engine's ``p526``; ``model='p526_bullington'`` gives
  the uncorrected Bullington of the engine's ``p526_bullington``) at ``(x, y)`` from every site within
  ``max_radius_m``, strongest first.  One DEM window around the point (radius ``max_radius_m``) is read once;
  every profile is sampled from it (bilinear, one sample per DEM cell).
* :func:`terrain_profile` -- distances, ground, earth bulge (effective radius ``k * 6371 km``), the line of
  sight between the antennas and the first Fresnel zone radius ``r1 = sqrt(lambda d1 d2 / (d1 + d2))`` along a
  site -> point path, plus the P.526 losses, for the profile chart.

A second opinion: both also give the Longley-Rice ITM (:mod:`.itm`, point-to-point mode, equatorial climate,
median time / location / situation) over the same profile -- at the point (``itm_dbm``) and, in
:func:`terrain_profile`, for a receiver at every sample along the path (``dbm_along`` for the P.526 model,
``itm_dbm_along`` for ITM) -- so a planner sees where the two models disagree.  Both use the same EIRP, the same
profile and the same clutter; ITM uses its own refractivity (``ItmParams.ns``) instead of the k-factor.

Conventions (the same as :mod:`.coverage`, so a probe agrees with the coverage raster): coordinates are in
the DEM's CRS (projected, metres); the site is snapped to the centre of the DEM cell that holds it and its
ground is that cell's elevation; the receiver ground is interpolated bilinearly.  DEM nodata cells along a
profile are filled with the lowest valid elevation of the window (they never block the path).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from . import itm as itm_model
from . import propagation as prop
from .coded_error import CodedError
from .coverage import CoverageError, Site, _check_dem, _open

__all__ = ["NamedSite", "ProfileError", "point_signal", "terrain_profile", "fresnel_radius_m"]


@dataclass
class NamedSite(Site):
    """A coverage :class:`~.coverage.Site` with its operator and radio generation (for lists and legends)."""

    operator: str = ""
    tech: str = ""
    defaulted: bool = False


class ProfileError(CodedError):
    """Invalid input for a probe. ``code`` (with ``params``; ``errors.describe`` gives the text):
    'point_outside_dem' (x, y, what), 'point_nodata' (x, y), 'dem_unusable' (why)."""


def fresnel_radius_m(d1_m, d2_m, freq_mhz):
    """First Fresnel zone radius ``sqrt(lambda d1 d2 / (d1 + d2))`` in metres (0 at the ends)."""
    d1 = np.asarray(d1_m, dtype=float)
    d2 = np.asarray(d2_m, dtype=float)
    lam = float(prop.wavelength_m(freq_mhz))
    tot = d1 + d2
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.sqrt(np.where(tot > 0, lam * d1 * d2 / np.where(tot > 0, tot, 1.0), 0.0))
    return np.where((d1 > 0) & (d2 > 0), r, 0.0)


class _Dem:
    """An open metric DEM and one window of it read into memory."""

    def __init__(self, dem_path):
        try:
            self.ds = _open(dem_path)
            _check_dem(self.ds, dem_path)
        except CoverageError as exc:
            raise ProfileError("dem_unusable", why=str(exc)) from exc
        self.gt = self.ds.GetGeoTransform()
        self.px, self.py = self.gt[1], -self.gt[5]
        self.xsize, self.ysize = self.ds.RasterXSize, self.ds.RasterYSize
        band = self.ds.GetRasterBand(1)
        self.nodata = band.GetNoDataValue()
        self.z = None
        self.c0 = self.r0 = 0

    def cell(self, x, y):
        """(row, col) of the cell holding (x, y)."""
        return int(math.floor((self.gt[3] - y) / self.py)), int(math.floor((x - self.gt[0]) / self.px))

    def inside(self, x, y):
        if not (math.isfinite(x) and math.isfinite(y)):
            return False
        r, c = self.cell(x, y)
        return 0 <= r < self.ysize and 0 <= c < self.xsize

    def cell_centre(self, x, y):
        r, c = self.cell(x, y)
        return self.gt[0] + (c + 0.5) * self.px, self.gt[3] - (r + 0.5) * self.py

    def read(self, xmin, ymin, xmax, ymax):
        """Read the window covering the box (clipped to the DEM, +1 cell margin); fills nodata."""
        c0 = max(int(math.floor((xmin - self.gt[0]) / self.px)) - 1, 0)
        c1 = min(int(math.floor((xmax - self.gt[0]) / self.px)) + 2, self.xsize)
        r0 = max(int(math.floor((self.gt[3] - ymax) / self.py)) - 1, 0)
        r1 = min(int(math.floor((self.gt[3] - ymin) / self.py)) + 2, self.ysize)
        if c1 <= c0 or r1 <= r0:
            raise ProfileError("point_outside_dem", what="window", x=(xmin + xmax) / 2, y=(ymin + ymax) / 2)
        z = self.ds.GetRasterBand(1).ReadAsArray(c0, r0, c1 - c0, r1 - r0).astype(np.float64)
        invalid = ~np.isfinite(z)
        if self.nodata is not None:
            invalid |= z == np.float32(self.nodata)
        self.invalid = invalid
        if invalid.all():
            z[:] = 0.0
        elif invalid.any():
            z[invalid] = z[~invalid].min()
        self.z, self.c0, self.r0 = z, c0, r0

    def is_nodata(self, x, y):
        r, c = self.cell(x, y)
        r -= self.r0
        c -= self.c0
        if 0 <= r < self.z.shape[0] and 0 <= c < self.z.shape[1]:
            return bool(self.invalid[r, c])
        return True

    def cell_value(self, x, y):
        r, c = self.cell(x, y)
        r = min(max(r - self.r0, 0), self.z.shape[0] - 1)
        c = min(max(c - self.c0, 0), self.z.shape[1] - 1)
        return float(self.z[r, c])

    def cells(self, xs, ys):
        """(rows, cols) in the DEM of the cells holding the points, clamped to the read window."""
        rows = np.floor((self.gt[3] - np.asarray(ys, dtype=float)) / self.py).astype(np.int64)
        cols = np.floor((np.asarray(xs, dtype=float) - self.gt[0]) / self.px).astype(np.int64)
        rows = np.clip(rows, self.r0, self.r0 + self.z.shape[0] - 1)
        cols = np.clip(cols, self.c0, self.c0 + self.z.shape[1] - 1)
        return rows, cols

    def clutter_along(self, clutter, xs, ys, freq_mhz):
        """Clutter loss (dB) of the cell of every point (one read of the window), as the coverage raster has it."""
        rows, cols = self.cells(xs, ys)
        r0, c0 = int(rows.min()), int(cols.min())
        win = clutter.loss_window(c0, r0, int(cols.max()) - c0 + 1, int(rows.max()) - r0 + 1, freq_mhz)
        return np.asarray(win[rows - r0, cols - c0], dtype=float)

    def sample(self, xs, ys):
        """Bilinear elevation at (xs, ys) (cell-centre interpolation, clamped to the window)."""
        z = self.z
        ny, nx = z.shape
        col = (np.asarray(xs, dtype=float) - self.gt[0]) / self.px - 0.5 - self.c0
        row = (self.gt[3] - np.asarray(ys, dtype=float)) / self.py - 0.5 - self.r0
        col = np.clip(col, 0.0, nx - 1.0)
        row = np.clip(row, 0.0, ny - 1.0)
        c0 = np.minimum(np.floor(col).astype(np.int64), max(nx - 2, 0))
        r0 = np.minimum(np.floor(row).astype(np.int64), max(ny - 2, 0))
        fx = col - c0
        fy = row - r0
        c1 = np.minimum(c0 + 1, nx - 1)
        r1 = np.minimum(r0 + 1, ny - 1)
        top = z[r0, c0] * (1 - fx) + z[r0, c1] * fx
        bot = z[r1, c0] * (1 - fx) + z[r1, c1] * fx
        return top * (1 - fy) + bot * fy


def _profile(dem: _Dem, tx_xy, rx_xy, step_m=None):
    """(distances, ground, tx_xy_snapped) along tx -> rx; ground[0] is the tx cell's elevation."""
    tx, ty = dem.cell_centre(*tx_xy)
    rx, ry = float(rx_xy[0]), float(rx_xy[1])
    dist = math.hypot(rx - tx, ry - ty)
    step = float(step_m) if step_m else min(dem.px, dem.py)
    n = max(3, int(math.ceil(dist / step)) + 1)
    t = np.linspace(0.0, 1.0, n)
    xs = tx + t * (rx - tx)
    ys = ty + t * (ry - ty)
    ground = dem.sample(xs, ys)
    ground[0] = dem.cell_value(tx, ty)
    return t * dist, ground, (tx, ty)


PROBE_MODELS = ("p526", "p526_bullington")


def _check_model(model):
    if model not in PROBE_MODELS:
        raise ValueError(f"model must be one of {', '.join(PROBE_MODELS)}, got {model!r}")


def _diffraction(d, ground, tx_height, rx_height, freq_mhz, k_factor, model):
    """(loss, v of the actual profile, uncorrected Bullington J(v_b)) -- the coverage engine's model."""
    if not d[-1] > 0:
        return 0.0, -math.inf, 0.0
    unc, v = prop.bullington_loss_db(d, ground, tx_height, rx_height, freq_mhz, k_factor=k_factor, return_v=True)
    if model == "p526_bullington":
        return float(unc), float(v), float(unc)
    loss = prop.delta_bullington_loss_db(d, ground, tx_height, rx_height, freq_mhz, k_factor=k_factor)
    return float(loss), float(v), float(unc)


def _itm(d, ground, tx_height, rx_height, freq_mhz, itm_params):
    """(basic transmission loss, validity flag, region) of the ITM over the profile; None for a 2-sample path."""
    if d.size < 3 or not d[-1] > 0:
        return None
    res = itm_model.itm_loss(ground, float(d[-1]), freq_mhz, tx_height, rx_height, itm_params)
    return float(res.loss_db), int(res.kwx), res.mode


def _along(d, ground, tx_height, rx_height, freq_mhz, k_factor, model, eirp_dbm, itm_params, clutter_db):
    """Received power (dBm) of a receiver at every sample: (the P.526 model's, ITM's); NaN at the site."""
    tx_amsl = float(ground[0] + tx_height)
    kernel = prop.bullington_rays if model == "p526_bullington" else prop.delta_bullington_rays
    with np.errstate(invalid="ignore", divide="ignore"):
        diff = np.asarray(kernel(d, ground[None, :], tx_amsl, rx_height, freq_mhz, k_factor=k_factor)[0], float)
        p526 = eirp_dbm - prop.fspl_db(d, freq_mhz) - diff - clutter_db
    p526[0] = np.nan
    itm_loss, _kwx = itm_model.itm_along_profile(d, ground, tx_height, rx_height, freq_mhz, itm_params)
    return p526, eirp_dbm - itm_loss - clutter_db


def _profile_dict(d, ground, tx_height, rx_height, freq_mhz, k_factor, eirp_dbm=None, model="p526",
                  itm_params=None, clutter_db=None):
    dist = float(d[-1])
    ce = 1.0 / (k_factor * prop.EARTH_RADIUS_M)
    bulge = 0.5 * ce * d * (dist - d)
    terrain = ground + bulge
    tx_amsl = float(ground[0] + tx_height)
    rx_amsl = float(ground[-1] + rx_height)
    los = tx_amsl + (rx_amsl - tx_amsl) * (d / dist if dist > 0 else np.zeros_like(d))
    r1 = fresnel_radius_m(d, dist - d, freq_mhz)
    loss, v, unc = _diffraction(d, ground, tx_height, rx_height, freq_mhz, k_factor, model)
    fspl = float(prop.fspl_db(dist, freq_mhz))
    inner = slice(1, -1)
    clearance = los[inner] - terrain[inner]
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(r1[inner] > 0, clearance / np.where(r1[inner] > 0, r1[inner], 1.0), np.inf)
    params = itm_params or itm_model.ItmParams()
    second = _itm(d, ground, tx_height, rx_height, freq_mhz, params)
    clut = np.zeros(d.size) if clutter_db is None else np.asarray(clutter_db, dtype=float)
    out = {
        "distances": d, "ground": ground, "bulge": bulge, "terrain": terrain, "los": los, "fresnel_r": r1,
        "fresnel_upper": los + r1, "fresnel_lower": los - r1,
        "distance_m": dist, "tx_ground": float(ground[0]), "rx_ground": float(ground[-1]),
        "tx_height": float(tx_height), "rx_height": float(rx_height), "tx_amsl": tx_amsl, "rx_amsl": rx_amsl,
        "freq_mhz": float(freq_mhz), "k_factor": float(k_factor),
        "wavelength_m": float(prop.wavelength_m(freq_mhz)),
        "diffraction_db": float(loss), "bullington_db": unc, "v": float(v), "fspl_db": fspl, "model": model,
        "min_clearance_m": float(clearance.min()) if clearance.size else math.inf,
        "min_fresnel_clearance": float(ratio.min()) if ratio.size else math.inf,
        "obstructed": bool(clearance.size and clearance.min() < 0),
        "clutter_db": float(clut[-1]),
        "itm_loss_db": second[0] if second else math.nan, "itm_kwx": second[1] if second else -1,
        "itm_mode": second[2] if second else "",
    }
    if eirp_dbm is not None:
        out["dbm"] = float(eirp_dbm - fspl - loss - clut[-1])
        out["itm_dbm"] = float(eirp_dbm - second[0] - clut[-1]) if second else math.nan
        out["model_diff_db"] = out["itm_dbm"] - out["dbm"]
        out["dbm_along"], out["itm_dbm_along"] = _along(d, ground, tx_height, rx_height, freq_mhz, k_factor, model,
                                                        float(eirp_dbm), params, clut)
    return out


def terrain_profile(dem_path, tx, rx, tx_height=30.0, rx_height=1.5, freq_mhz=900.0, k_factor=4.0 / 3.0,
                    eirp_dbm=None, step_m=None, model="p526", clutter=None, itm_params=None) -> dict:
    """Terrain profile from the site ``tx`` to the point ``rx`` (both ``(x, y)`` in the DEM's CRS).

    ``tx`` is snapped to the centre of its DEM cell (as the coverage engine does).  Returns a dict of numpy
    arrays (one value per sample, one sample per DEM cell): ``distances`` (m from the site), ``ground``
    (DEM, m), ``bulge`` (earth curvature ``d1 d2 / (2 k a)``), ``terrain`` (= ground + bulge), ``los`` (the
    straight line from the site antenna to the receiver antenna), ``fresnel_r`` (first Fresnel zone radius),
    ``fresnel_upper`` / ``fresnel_lower`` (los +- fresnel_r); and scalars ``distance_m``, ``tx_amsl``,
    ``rx_amsl``, ``diffraction_db`` (the ``model``'s loss: the complete P.526 method by default),
    ``bullington_db`` (the uncorrected Bullington part J(v)), ``v``, ``fspl_db``, ``min_clearance_m`` (of the line of
    sight over the terrain; < 0 = obstructed), ``min_fresnel_clearance`` (clearance / r1; >= 0.6 = the
    first Fresnel zone is 60 % clear), ``obstructed``, ``tx`` (snapped site position) and, with
    ``eirp_dbm``, ``dbm`` (received signal).
    The second opinion (Longley-Rice ITM, ``itm_params`` or :class:`.itm.ItmParams`): ``itm_loss_db`` (basic
    transmission loss), ``itm_kwx`` (its validity flag, 0 = inside the model's range), ``itm_mode``; with
    ``eirp_dbm`` also ``itm_dbm``, ``model_diff_db`` (= itm_dbm - dbm) and the received power of a receiver at
    every sample, ``dbm_along`` (the P.526 ``model``) and ``itm_dbm_along`` (ITM; computed at up to 120 samples,
    NaN between them and at the site).  ``clutter`` (:func:`.clutter.clutter_for` on this DEM): the land-cover
    loss of each sample's cell is subtracted from both models (``clutter_db``: the point's).
    Raises :class:`ProfileError` when a point is outside the DEM.
    """
    if not k_factor or k_factor <= 0:
        raise ValueError(f"k-factor must be > 0, got {k_factor}")
    _check_model(model)
    dem = _Dem(dem_path)
    for what, pt in (("site", tx), ("point", rx)):
        if not dem.inside(float(pt[0]), float(pt[1])):
            raise ProfileError("point_outside_dem", what=what, x=pt[0], y=pt[1])
    dem.read(min(tx[0], rx[0]), min(tx[1], rx[1]), max(tx[0], rx[0]), max(tx[1], rx[1]))
    d, ground, txs = _profile(dem, tx, rx, step_m)
    clut = None
    if clutter is not None:
        t = d / d[-1] if d[-1] > 0 else np.zeros_like(d)
        clut = dem.clutter_along(clutter, txs[0] + t * (float(rx[0]) - txs[0]), txs[1] + t * (float(rx[1]) - txs[1]),
                                 freq_mhz)
    out = _profile_dict(d, ground, tx_height, rx_height, freq_mhz, k_factor, eirp_dbm, model, itm_params, clut)
    out["tx"] = txs
    out["rx"] = (float(rx[0]), float(rx[1]))
    return out


def point_signal(dem_path, sites: Sequence[Site], x: float, y: float, rx_height: float = 1.5,
                 k_factor: float = 4.0 / 3.0, max_radius: float = 30000.0, limit: Optional[int] = None,
                 step_m=None, model: str = "p526", clutter=None, itm_params=None) -> list:
    """Signal at ``(x, y)`` (DEM CRS) from every site within ``max_radius`` metres, strongest first.

    Model: ITU-R P.526 -- EIRP - free-space loss - the complete (delta-Bullington) diffraction loss, or with
    ``model='p526_bullington'`` the uncorrected Bullington loss, over the DEM profile from the site
    (snapped to its cell centre, antenna ``height_m`` above the ground) to the receiver (``rx_height``
    above the ground), earth curvature with ``k_factor``.  Sites outside the DEM are ignored.
    ``clutter``: the coverage raster's land-cover clutter (:func:`.clutter.clutter_for` on this DEM), whose loss
    at the point's cell is subtracted as in the raster (``clutter_db`` in each result; 0 without).
    Returns a list of dicts (at most ``limit``): ``site_id``, ``operator``, ``tech``, ``x``/``y`` (the
    snapped site position), ``distance_m``, ``dbm``, ``fspl_db``, ``diffraction_db``, ``v``,
    ``obstructed`` (terrain cuts the line of sight), ``height_m``, ``freq_mhz``, ``eirp_dbm``, ``index``
    (position in ``sites``) and ``site`` (the site object); and the second opinion over the same profile, the
    Longley-Rice ITM (``itm_params``, default :class:`.itm.ItmParams`: equatorial, medians): ``itm_dbm``
    (same EIRP and clutter), ``itm_loss_db``, ``itm_kwx`` (0 = inside the model's range) and ``model_diff_db``
    (= itm_dbm - dbm).  An empty list means no site within range.
    Raises :class:`ProfileError` ('outside' / 'nodata' / 'dem').
    """
    if not k_factor or k_factor <= 0:
        raise ValueError(f"k-factor must be > 0, got {k_factor}")
    _check_model(model)
    radius = float(max_radius)
    if not radius > 0:
        raise ValueError(f"max_radius must be > 0, got {max_radius}")
    dem = _Dem(dem_path)
    x, y = float(x), float(y)
    if not dem.inside(x, y):
        raise ProfileError("point_outside_dem", what="point", x=x, y=y)
    dem.read(x - radius, y - radius, x + radius, y + radius)
    if dem.is_nodata(x, y):
        raise ProfileError("point_nodata", x=x, y=y)
    results = []
    prow, pcol = dem.cell(x, y)
    for index, site in enumerate(sites):
        sx, sy = float(site.x), float(site.y)
        if not dem.inside(sx, sy):
            continue
        cx, cy = dem.cell_centre(sx, sy)
        dist = math.hypot(x - cx, y - cy)
        if dist > radius:
            continue
        d, ground, _ = _profile(dem, (sx, sy), (x, y), step_m)
        freq = float(site.freq_mhz)
        loss, v, _ = _diffraction(d, ground, float(site.height_m), rx_height, freq, k_factor, model)
        fspl = float(prop.fspl_db(dist, freq))
        clut = float(clutter.loss_window(pcol, prow, 1, 1, freq)[0, 0]) if clutter is not None else 0.0
        results.append({
            "site_id": str(site.site_id), "operator": str(getattr(site, "operator", "") or ""),
            "tech": str(getattr(site, "tech", "") or ""), "x": cx, "y": cy, "distance_m": dist,
            "dbm": float(site.eirp_dbm) - fspl - float(loss) - clut, "fspl_db": fspl, "diffraction_db": float(loss),
            "clutter_db": clut, "v": float(v), "obstructed": bool(v > 0), "height_m": float(site.height_m),
            "freq_mhz": freq, "eirp_dbm": float(site.eirp_dbm), "index": index, "site": site, "_path": (d, ground),
        })
    results.sort(key=lambda r: (-r["dbm"], r["distance_m"]))
    results = results[:limit] if limit else results
    params = itm_params or itm_model.ItmParams()
    for r in results:  # the second opinion, only for the sites returned
        second = _itm(*r.pop("_path"), r["height_m"], rx_height, r["freq_mhz"], params)
        r["itm_dbm"] = r["eirp_dbm"] - second[0] - r["clutter_db"] if second else math.nan
        r.update(itm_loss_db=second[0] if second else math.nan, itm_kwx=second[1] if second else -1,
                 model_diff_db=r["itm_dbm"] - r["dbm"])
    return results
