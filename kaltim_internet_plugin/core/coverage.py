"""Radio coverage engine (numpy + GDAL, no QGIS).

Per site, only the DEM window within ``max_radius_m`` of the site is read
(:func:`compute_site_window`).  :func:`run_coverage` composites any number of
sites onto an output GeoTIFF on the DEM grid, window by window
(read-modify-write), so memory stays bounded for province-size DEMs.

Models
------
* ``los``  : line of sight, computed with ``gdal.ViewshedGenerate`` on an
  in-memory copy of the window (curvature coefficient ``1/k``).  The composite
  output holds the number of sites in line of sight.
* ``p526`` : received power = EIRP - (FSPL + the complete ITU-R P.526
  section 4.5.2 diffraction loss, = P.452-16 delta-Bullington: corrected
  Bullington on the terrain, minus it on the smooth earth, plus the
  spherical-earth loss) along radial terrain profiles (see :mod:`.propagation`).
  ``p526_bullington``: the uncorrected Bullington part alone (optimistic;
  only when asked by name; ``empirical_correction=True`` adds the P.526
  correction to it).  Rays are
  cast from the site every ``a`` cells of arc at ``max_radius_m`` and sampled
  every ``r`` cells (bilinear DEM values), ``ray_step_cells = (a, r)``, or a
  :class:`.definitions.RaySpacing` in metres (the 'fast' and 'fine'
  resolutions), turned into cells of the DEM; with ``r > 1`` the ray is also
  sub-sampled every cell and each sample's obstacle height is raised to the
  highest crest in its window (crest-preserving), the terminals standing on
  the sample itself, and the loss is then refined onto receivers about
  ``REFINE_STEP_M`` (90 m) apart along the ray
  (:func:`.propagation.refine_rays`).  The diffraction loss is interpolated
  between rays (onto angles 0.5-1 cell apart) and between the two receivers
  around each cell's distance (see :meth:`_Template.rays`); FSPL uses the
  exact cell distance.
* ``hata`` : Okumura-Hata / COST-231 (terrain ignored, d clamped >= 100 m).
* ``itm``  : the second opinion, Longley-Rice ITM 1.2.2 point-to-point (:mod:`.itm`: equatorial climate, medians)
  on the same rays as ``p526`` (its attenuation relative to free space in place of the diffraction loss): one ITM
  run per receiver, at every refined receiver on the profile of every sub-sample up to it (one a cell) when the
  resolution refines (ITM has no refinement of its own), compiled by numba when it can be, so far slower than
  ``p526``.

DEM nodata cells are "unknown": they are output as nodata.  Along the
profiles they are filled with the lowest valid elevation of the window (they
never block a ray).

Sites are snapped to the centre of the DEM cell holding them (like
gdal.ViewshedGenerate); the per-radius geometry (distances, ray indices,
bilinear offsets) is cached and shared by all sites.

Performance and accuracy: see docs/guide/coverage.md (figures of the latest
``make bench``).  The Bullington work is O(rays x samples^2), so it falls with
the cube of the step; the complete method does about three times the work of
the uncorrected Bullington (a second O(n^2) pass for the obstruction of the
straight line, plus O(n) smooth-earth terms).  With the spacing in metres the
ray work of a site does not grow with the DEM's resolution; the per-cell work
(reading the window, free-space loss, clutter, compositing) does, like the
viewshed's.  :func:`run_coverage` computes the sites on a thread pool (every
core; numpy, GDAL and the compiled kernels release the GIL), each thread with
its own DEM handle, so the DEM may be a VRT of many tiles: only each site's
window is read.  With numba installed the ray samples, the complete method's
loops, the refinement and the per-cell pass run compiled (:mod:`.kernels`; the
same rasters, bit for bit); without it, in numpy.

Memory: per site only the window (2r/cell)^2 is held (a few arrays of it).
The composite (4 bytes x DEM cells per band: best value, serving site,
count) is held in memory when its bands fit :func:`memory_budget_bytes` (1 GiB
or a quarter of the machine's memory; ``KALTIM_COVERAGE_MEMORY_MB``), else
written window by window to uncompressed, sparse, tiled work GeoTIFFs next to
the output; either way it is then copied to the final DEFLATE GeoTIFFs (the
same files).  GDAL's block cache (GDAL_CACHEMAX) adds to the process memory.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass

import numpy as np
from osgeo import gdal, osr

from . import itm, kernels
from . import propagation as prop
from .coded_error import LoggedCodedError
from .coverage_settings import validity_notes
from .definitions import THRESHOLD_DBM, is_ray_spacing
from .raster_kind import ROLE_KEY

# NB: no gdal.UseExceptions() here (it would change GDAL's global mode inside QGIS);
# the code below works with and without exceptions enabled.

#: ``p526`` is the complete ITU-R P.526 method (delta-Bullington); ``p526_bullington`` its uncorrected Bullington
#: part alone (the model of versions before issue 18, optimistic by 8-14 dB on average), only when asked by name.
MODELS = ("los", "p526", "p526_bullington", "hata", "itm")
RAY_MODELS = ("p526", "p526_bullington", "itm")
OUT_NODATA = -9999.0
INT_NODATA = -1

#: Work counter (module level): incremented by :func:`compute_site_window`.
WORK_COUNTER = {"sites_computed": 0, "cells_computed": 0}


def reset_work_counter():
    WORK_COUNTER["sites_computed"] = 0
    WORK_COUNTER["cells_computed"] = 0


class CoverageError(LoggedCodedError):
    """Invalid input for the coverage engine. The English message says what and how to fix; ``code`` and
    ``params`` give it in the user's language (errors.describe): 'cov_dem_degrees' / 'cov_dem_not_north_up' (path),
    'cov_dem_units' (path, unit), 'cov_dem_unreadable' (path, reason), 'cov_dem_reproject_failed' (path, epsg,
    reason), 'cov_no_sites', 'cov_unknown_model' (value, allowed), 'cov_radius' (value), 'cov_k_factor' (value),
    'cov_bad_frequency' (site_id, value), 'cov_all_sites_outside' (n, extent, ids); 'invalid' for the engine's
    own contract checks."""


class CoverageCanceled(Exception):  # noqa: N818 (name fixed by the issue)
    """Raised by :func:`run_coverage` when ``is_canceled()`` returns True."""


@dataclass
class Site:
    """A transmitter.  x, y in the DEM's CRS (metres); height above ground."""

    site_id: str
    x: float
    y: float
    height_m: float = 30.0
    freq_mhz: float = 900.0
    eirp_dbm: float = 55.0


# --------------------------------------------------------------------------- validation

def _dem_srs(ds):
    wkt = ds.GetProjection()
    if not wkt:
        return None
    srs = osr.SpatialReference()
    srs.ImportFromWkt(wkt)
    return srs


def _is_degree_dem(ds):
    srs = _dem_srs(ds)
    if srs is not None:
        return bool(srs.IsGeographic())
    gt = ds.GetGeoTransform()
    x0, y0 = gt[0], gt[3]
    x1 = x0 + gt[1] * ds.RasterXSize
    y1 = y0 + gt[5] * ds.RasterYSize
    in_lon = all(-180.5 <= v <= 360.5 for v in (x0, x1))
    in_lat = all(-90.5 <= v <= 90.5 for v in (y0, y1))
    return abs(gt[1]) < 0.1 and in_lon and in_lat


def _check_dem(ds, dem_path):
    if _is_degree_dem(ds):
        raise CoverageError(
            f"DEM '{dem_path}' is in geographic degrees; coverage needs a projected DEM in metres. "
            "Reproject it first (e.g. ensure_metric_dem() reprojects to the UTM zone, "
            "EPSG:32750 for East Kalimantan) and give site coordinates in that CRS.", "cov_dem_degrees",
            path=str(dem_path))
    srs = _dem_srs(ds)
    if srs is not None and srs.IsProjected():
        unit = srs.GetLinearUnits()
        if abs(unit - 1.0) > 1e-6:
            raise CoverageError(
                f"DEM '{dem_path}' uses linear units of {unit} m, not metres; reproject it to a metric CRS "
                "(e.g. EPSG:32750).", "cov_dem_units", path=str(dem_path), unit=f"{unit:g}")
    gt = ds.GetGeoTransform()
    if gt[2] != 0 or gt[4] != 0 or gt[1] <= 0 or gt[5] >= 0:
        raise CoverageError(f"DEM '{dem_path}' is not a north-up grid (rotated or flipped geotransform); "
                            "warp it with gdal.Warp first.", "cov_dem_not_north_up", path=str(dem_path))


def _open(dem_path):
    try:
        ds = gdal.Open(str(dem_path))
    except RuntimeError as exc:
        raise CoverageError(f"Cannot open DEM '{dem_path}': {exc}", "cov_dem_unreadable", path=str(dem_path),
                            reason=str(exc)) from exc
    if ds is None:
        raise CoverageError(f"Cannot open DEM '{dem_path}': {gdal.GetLastErrorMsg()}", "cov_dem_unreadable",
                            path=str(dem_path), reason=gdal.GetLastErrorMsg())
    return ds


def ensure_metric_dem(dem_path, tmpdir):
    """Return ``(path, message)`` of a metric version of ``dem_path``.

    A projected metric DEM is returned unchanged with an empty message.  A DEM
    in geographic degrees is reprojected with ``gdal.Warp`` (bilinear) to the
    WGS 84 UTM zone of its centre, with a square cell of about the original
    resolution, written in ``tmpdir``; the message says so (site coordinates
    must then be given in that CRS).
    """
    ds = _open(dem_path)
    if not _is_degree_dem(ds):
        return str(dem_path), ""
    gt = ds.GetGeoTransform()
    lon = gt[0] + gt[1] * ds.RasterXSize / 2.0
    lat = gt[3] + gt[5] * ds.RasterYSize / 2.0
    zone = int((lon + 180.0) // 6.0) % 60 + 1
    epsg = (32600 if lat >= 0 else 32700) + zone
    res = abs(gt[1]) * 111320.0 * math.cos(math.radians(lat))
    res = max(min(res, abs(gt[5]) * 110574.0), 1.0)
    os.makedirs(str(tmpdir), exist_ok=True)
    out = os.path.join(str(tmpdir), f"{os.path.splitext(os.path.basename(str(dem_path)))[0]}_utm{epsg}.tif")
    src_nd = ds.GetRasterBand(1).GetNoDataValue()
    res_ds = gdal.Warp(out, ds, srcSRS=None if ds.GetProjection() else "EPSG:4326", dstSRS=f"EPSG:{epsg}",
                       dstNodata=src_nd if src_nd is not None else OUT_NODATA, xRes=res, yRes=res,
                       resampleAlg="bilinear", creationOptions=["TILED=YES", "COMPRESS=DEFLATE", "BIGTIFF=IF_SAFER"])
    if res_ds is None:
        raise CoverageError(f"Reprojecting DEM '{dem_path}' to EPSG:{epsg} failed: {gdal.GetLastErrorMsg()}",
                            "cov_dem_reproject_failed", path=str(dem_path), epsg=epsg, reason=gdal.GetLastErrorMsg())
    res_ds = None
    msg = ("DEM '{}' was in geographic degrees; reprojected to EPSG:{} (WGS 84 / UTM zone {}{}) at {:.0f} m "
           "-> '{}'. Site coordinates must be in EPSG:{}.").format(
        dem_path, epsg, zone, "N" if lat >= 0 else "S", res, out, epsg)
    return out, msg


# --------------------------------------------------------------------------- per site

def _site_cell(gt, site):
    if not (math.isfinite(site.x) and math.isfinite(site.y)):
        return -1, -1
    return int(math.floor((gt[3] - site.y) / -gt[5])), int(math.floor((site.x - gt[0]) / gt[1]))


def _site_inside(gt, xsize, ysize, site):
    r, c = _site_cell(gt, site)
    return 0 <= c < xsize and 0 <= r < ysize


class _Template:
    """Site-independent geometry of a window of radius ``radius`` centred on a cell.

    Sites are snapped to the centre of the cell that holds them (as
    gdal.ViewshedGenerate does), so distances, ray indices and bilinear
    sample offsets are shared by every site with the same radius and cell size.
    """

    def __init__(self, radius, px, py, ray_step_cells):
        self.hc = int(math.floor(radius / px))
        self.hr = int(math.floor(radius / py))
        cx = (np.arange(-self.hc, self.hc + 1) * px).astype(np.float64)
        cy = (np.arange(self.hr, -self.hr - 1, -1) * py).astype(np.float64)
        dist = np.hypot(cx[None, :], cy[:, None])
        self.dist = dist.astype(np.float32)
        self.inside = dist <= radius
        self.n_inside = int(self.inside.sum())
        self.logd_in = np.log10(np.maximum(self.dist, np.float32(1.0)))
        self.logd_in -= np.float32(3.0)
        self.logd_in *= np.float32(20.0)  # 20 log10(d_km)
        self.logd_in[~self.inside] = np.nan  # NaN beyond the radius
        self.px, self.py, self.radius = px, py, radius
        ang_cells, rad_cells = _ray_steps(ray_step_cells)
        self.step = min(px, py) * rad_cells
        self.n_rays, self.n = _ray_counts(radius, min(px, py), ang_cells, rad_cells)
        # a radial step above one cell samples the ray every cell (or closer) in between: the obstacle heights
        # are the highest of `sub` sub-samples around each sample (max-preserving), so crests between samples
        # still diffract; the terminals stand on the sample itself
        # the loss is then refined onto receivers about REFINE_STEP_M apart (every `gap`-th sub-sample, `rsub` per
        # step; propagation.refine_rays): the cells interpolate between `n_out` samples `step_out` apart
        self.sub, self.gap, self.rsub = _refinement(min(px, py), rad_cells)
        self.n_out = (self.n - 1) * self.rsub + 1
        self.step_out = self.step / self.rsub
        # the loss is interpolated between rays onto `up` times as many angles: half a cell apart at the radius
        # for rays up to 2 cells apart, one cell apart from 4 cells (measured: finer adds < 0.02 dB there)
        self.up = max(1, int(math.ceil(min(2.0 * ang_cells, max(ang_cells, 4.0)) - 1e-9)))
        self._rays = None
        self._cx, self._cy = cx, cy
        self._flat = None
        # per row of the template: the columns inside the radius (for the strip-wise per-cell pass)
        self.row_lo = np.argmax(self.inside, axis=1)
        self.row_hi = self.inside.shape[1] - np.argmax(self.inside[:, ::-1], axis=1)

    def flat_index(self):
        """Flat index of each ray sample's top-left DEM neighbour in a whole (unclipped) window padded by one
        column and row, (R, n, sub) intp, read-only (see _compute_site)."""
        if self._flat is None:
            ry = self.rays()
            ii = np.clip(ry["v0"] + self.hr, 0, 2 * self.hr)
            ii *= 2 * self.hc + 2
            ii += np.clip(ry["u0"] + self.hc, 0, 2 * self.hc)
            ii.flags.writeable = False
            with _LOCK:
                self._flat = ii
        return self._flat

    def rays(self):
        """Ray sample geometry (bilinear DEM offsets) and the cell -> ray mapping.

        The diffraction loss of the R rays is first interpolated linearly in
        angle onto ``up`` x R angles (0.5-1 cell apart at the radius); each
        window cell then takes the nearest of those angles and interpolates
        linearly between the two samples around its distance: ``bi`` indexes
        that angle's lower sample in a (n + 1, up x R) array, sample-major
        (sample n = sample n - 1; sample-major keeps the gather of a window row
        in cache where the row runs across the rays), ``ws`` is the radial
        weight.  This is bilinear interpolation in (angle, distance) with the
        angle rounded to 1/up of the ray spacing.  Indices are ``intp``
        (numpy's take would convert int32 indices on every call).
        """
        if self._rays is None:
            R, n, up, sub = self.n_rays, self.n, self.up, self.sub
            ang = np.arange(R) * (2.0 * math.pi / R)
            d = np.arange(n) * self.step
            # sub-samples q = -(sub-1)//2 .. sub//2 (in 1/sub of the step) around each sample; q = 0 is the sample
            q = (np.arange(sub) - (sub - 1) // 2) / sub
            dq = np.maximum(d[:, None] + q[None, :] * self.step, 0.0)  # (n, sub)
            col = np.cos(ang)[:, None, None] * (dq[None] / self.px)
            row = -np.sin(ang)[:, None, None] * (dq[None] / self.py)
            u0 = np.floor(col)
            v0 = np.floor(row)
            ru = R * up
            fa = np.arctan2(self._cy.astype(np.float32)[:, None], self._cx.astype(np.float32)[None, :])
            fa *= np.float32(ru / (2.0 * math.pi))
            ri = np.rint(fa).astype(np.int32)
            ri %= np.int32(ru)
            n_out = self.n_out
            fs = self.dist / np.float32(self.step_out)
            s0 = np.minimum(fs.astype(np.int32), np.int32(n_out - 1))
            self._rays = {
                "d": d, "q0": (sub - 1) // 2,
                "u0": u0.astype(np.intp), "v0": v0.astype(np.intp),
                "fx": (col - u0).astype(np.float32), "fy": (row - v0).astype(np.float32),
                "bi": s0.astype(np.intp) * ru + ri,
                # the same cell -> (sample, angle) mapping for core.kernels.cell_signal: k indexes sample s0 of ray
                # ri // up in an (n_out + 1, R + 1) table, q = ri % up is the angle between that ray and the next,
                # at the weight qf[q] = q / up
                "k": s0 * np.int32(R + 1) + ri // np.int32(up), "q": (ri % np.int32(up)).astype(np.int16),
                "qf": (np.arange(up) / up).astype(np.float32),
                # fs - s0 is exact in float32 (the fraction of fs), so float32 storage loses nothing; the cells
                # still interpolate in float64 (_compute_site)
                "ws": np.clip(fs - s0, 0.0, 1.0).astype(np.float32),
            }
        return self._rays


_TEMPLATES = {}
#: spacing of the refined receivers along a coarse ray (m): every cell of a 90 m DEM, every 3rd of a 30 m one, so the
#: ray work of a site does not grow with the DEM's resolution (the free-space loss stays per cell)
REFINE_STEP_M = 90.0
_LOCK = threading.Lock()


def _ray_steps(ray_step_cells, cell_m=None):
    """(angular spacing at the radius, radial sample step), both in cells.  A :class:`.definitions.RaySpacing`
    (metres: the 'fast' and 'fine' resolutions) is turned into cells of ``cell_m`` metres (at least one)."""
    if is_ray_spacing(ray_step_cells):
        if cell_m is None:
            raise CoverageError("A ray spacing in metres needs the DEM's cell size.")
        ray_step_cells = ray_step_cells.cells(cell_m)
    if isinstance(ray_step_cells, (tuple, list)):
        a, r = ray_step_cells
    else:
        a = r = ray_step_cells
    a, r = float(a), float(r)
    if not (a > 0 and r > 0 and math.isfinite(a) and math.isfinite(r)):
        raise CoverageError(f"ray_step_cells must be > 0, got {ray_step_cells!r}.")
    return a, r


#: ITM (core.itm) on one core, one prediction a receiver on the profile to it: with refined receivers (resolutions
#: 'fast' and 'fine') at every one of them, on the profile of every sub-sample (one a cell; issue 18's follow-up of 7
#: December).
#: In Python (numba off or not installed) the time of a receiver hardly depends on its profile's length: measured on
#: 2026-12-07 on the 2-core bench machine (shared with other work), a 90 m DEM, 'fast': 102-111 us a receiver at 5 and
#: 10 km (4.2 s for a 10 km site of 38,000 receivers); in Python ITM holds the GIL, so the sites run one after the other
ITM_SECONDS_PER_RECEIVER = 1.1e-4
#: compiled by numba (core.itm._build) it grows with the profile: ITM_COMPILED_RECEIVER_S + ITM_COMPILED_POINT_S x the
#: points of its profile; a least-squares fit to sites of 10 and 30 km ('fast') on 90 m and 30 m DEMs measured on
#: 2026-12-07 on the same machine: 0.09, 1.84, 0.21 and 3.5 s of CPU a site (38,150 and 349,000 receivers; on the 30 m
#: DEM three profile points a receiver step), estimated 0.14, 1.83, 0.20 and 3.5 s; the GIL released, the sites share
#: the threads
ITM_COMPILED_RECEIVER_S = 2.9e-6
ITM_COMPILED_POINT_S = 1.42e-8
#: an ITM run estimated longer than this (seconds) is worth a warning in the log and a question in the dock
ITM_LONG_S = 300.0


def _refinement(cell_m, rad_cells):
    """(sub, gap, rsub) of a ray sampled every ``rad_cells`` cells of ``cell_m`` metres: ``sub`` sub-samples a step
    (every cell or closer), the refined receivers every ``gap``-th of them, about REFINE_STEP_M apart, ``rsub`` a
    step (:class:`_Template`)."""
    sub = max(1, int(math.ceil(rad_cells - 1e-9)))
    gap = max(1, int(round(REFINE_STEP_M / cell_m)))
    gap = gap if sub % gap == 0 else 1
    return sub, gap, sub // gap


def _ray_counts(radius, cell_m, ang_cells, rad_cells):
    """(rays, samples a ray) of a site's template: rays ``ang_cells`` cells apart at the radius (at least 8), samples
    ``rad_cells`` cells apart from the site out to the radius."""
    rays = max(8, int(math.ceil(2.0 * math.pi * radius / (cell_m * ang_cells))))
    return rays, int(math.floor(radius / (cell_m * rad_cells))) + 1


def _itm_rays(cell_m, radius, ray_step_cells):
    """(rays, receivers a ray, profile points a receiver step) of an ITM site: the refined receivers when the
    resolution refines (as :func:`_compute_site` runs ITM, on the profile of every sub-sample: ``gap`` points a
    receiver), else the samples (one point a receiver)."""
    ang_cells, rad_cells = _ray_steps(ray_step_cells, cell_m)
    rays, n = _ray_counts(radius, cell_m, ang_cells, rad_cells)
    _, gap, rsub = _refinement(cell_m, rad_cells)
    return (rays, (n - 1) * rsub + 1, gap) if n >= 3 and rsub > 1 else (rays, n, 1)


def ray_receivers(cell_m, radius, ray_step_cells):
    """Receivers of one ITM site's rays on a DEM of ``cell_m`` metres (rays x refined receivers, the template's
    ``n_rays x n_out``): the work of an ITM site (:func:`itm_site_cost`)."""
    rays, n, _ = _itm_rays(cell_m, radius, ray_step_cells)
    return rays * n


def itm_site_cost(cell_m, radius, ray_step_cells):
    """(receivers, seconds) of one ITM site on a DEM of ``cell_m`` metres on one thread, compiled or in Python
    (whichever :func:`.itm.itm_rays` will run: :data:`ITM_COMPILED_RECEIVER_S` a receiver and
    :data:`ITM_COMPILED_POINT_S` a point of its profile, or :data:`ITM_SECONDS_PER_RECEIVER` a receiver)."""
    rays, n, gap = _itm_rays(cell_m, radius, ray_step_cells)
    if itm.compiled_expected():  # receiver j sees the gap j + 1 points of its profile
        return rays * n, rays * (n * ITM_COMPILED_RECEIVER_S + (n + gap * n * (n - 1) / 2.0) * ITM_COMPILED_POINT_S)
    return rays * n, rays * n * ITM_SECONDS_PER_RECEIVER


def itm_run_cost(cell_m, radius, ray_step_cells, n_sites, threads=None):
    """(receivers a site, seconds a site, seconds of the run, threads) of an ITM run of ``n_sites``: the estimate
    the log and the dock give before it. Compiled, the sites share the engine's threads; in Python they run one after
    the other (the GIL)."""
    receivers, per_site = itm_site_cost(cell_m, radius, ray_step_cells)
    par = min(_thread_count(threads), max(int(n_sites), 1)) if itm.compiled_expected() else 1
    return receivers, per_site, per_site * n_sites / par, par


def _template(radius, px, py, ray_step_cells):
    steps = _ray_steps(ray_step_cells, min(px, py))
    key = (float(radius), float(px), float(py), steps)
    with _LOCK:  # sites run on a thread pool: one template per key, built once
        t = _TEMPLATES.get(key)
        if t is None:
            if len(_TEMPLATES) >= 4:
                _TEMPLATES.clear()
            t = _TEMPLATES[key] = _Template(radius, px, py, steps)
            t.rays()
    return t


def _crest_preserving(fine, ground):
    """Obstacle heights of a coarse ray: each sample's own height, raised to the highest crest (local maximum of
    the sub-sampled profile) in its window.  ``fine``: (R, n, sub) sub-samples, the windows tiling the ray.

    A plain maximum of the window would lift every sample on a slope by up to half a step of rise (a one-sided,
    pessimistic error); keeping only crests leaves slopes at their sampled height and still finds the ridge tops
    that the samples straddle."""
    R, n, sub = fine.shape
    F = fine.reshape(R, n * sub)
    peak = np.empty(F.shape, dtype=bool)
    peak[:, 1:-1] = (F[:, 1:-1] >= F[:, :-2]) & (F[:, 1:-1] >= F[:, 2:])
    peak[:, 0] = peak[:, -1] = False
    crest = np.where(peak, F, np.float32(-np.inf)).reshape(R, n, sub).max(axis=2)
    return np.maximum(crest, ground)


def _flat_ray_index(T, ne, lr, lc, ys, xs):
    """Flat index of each ray sample's top-left DEM neighbour in the (ys, xs) window padded by one column and row,
    the site's cell at (lr, lc), the first ``ne`` samples of each ray, clipped to the window: (R, ne, sub) intp (the
    numpy path; core.kernels.sample_rays computes the same indices inline)."""
    if (ys, xs) == T.inside.shape and ne == T.n:
        return T.flat_index()  # the whole window: the same indices for every such site, cached
    ry = T.rays()
    ii = ry["v0"][:, :ne] + lr
    np.clip(ii, 0, ys - 1, out=ii)
    jj = ry["u0"][:, :ne] + lc
    np.clip(jj, 0, xs - 1, out=jj)
    ii *= xs + 1
    ii += jj
    return ii


def _sample_rays_numpy(zp, ii, fx, fy, xs, sub, q0):
    """(bilinear samples (R, n, sub), ground (R, n), crest-preserving obstacles (R, n) or None) in numpy passes
    (core.kernels.sample_rays computes the same in one compiled loop)."""
    # the four neighbours: zp[ii], zp[ii + 1], zp[ii + xs + 1], zp[ii + xs + 2], taken from shifted views
    z00 = zp.take(ii)
    top = zp[1:].take(ii)
    top -= z00
    top *= fx
    top += z00
    z00 = zp[xs + 1:].take(ii)
    bot = zp[xs + 2:].take(ii)
    bot -= z00
    bot *= fx
    bot += z00
    bot -= top
    bot *= fy
    bot += top  # (R, ne, sub) bilinear samples
    if sub > 1:
        ground = np.ascontiguousarray(bot[:, :, q0])
        return bot, ground, _crest_preserving(bot, ground)
    return bot, bot[:, :, 0], None


def _ray_table(loss, n_out):
    """The ray losses (R, nl) as core.kernels.cell_signal reads them: (n_out + 1, R + 1) float32, sample-major,
    padded with the last sample (up to row n_out, the next sample of the last) and the first ray again (column R,
    the next ray of the last)."""
    R, nl = loss.shape
    L = np.empty((n_out + 1, R + 1), dtype=np.float32)
    L[:nl, :R] = loss.T
    return _pad_table(L, nl)


def _pad_table(L, nl):  # noqa: N803
    """Pads the table ``L`` whose rows 0..nl-1 (columns 0..R-1) hold the ray losses (see :func:`_ray_table`)."""
    R = L.shape[1] - 1
    L[nl:, :R] = L[nl - 1, :R]
    L[:, R] = L[:, 0]
    return L


def _cell_signal_numpy(loss, up, n_out, bi, ws, logd, lo_c, hi_c, const, out):
    """``out`` = const - 20 log10(d_km) - the loss interpolated in angle and distance (see :meth:`_Template.rays`),
    from the ray losses ``loss`` (R, nl): a table of (loss, step to the next sample) per (sample, angle) on ``up``
    angles per ray (linear between a ray and the next; samples beyond nl - 1 repeat it), then in strips of rows on
    the columns inside the radius (the temporaries stay in cache).  core.kernels.cell_signal computes the same
    values cell by cell, without the table."""
    R, nl = loss.shape
    pair = np.empty((n_out + 1, R * up, 2), dtype=np.float32)
    val = pair[:, :, 0]
    lossT = np.ascontiguousarray(loss.T)
    if up > 1:
        v3 = val[:nl].reshape(nl, R, up)
        v3[...] = lossT[:, :, None]
        nxt = np.roll(lossT, -1, axis=1)
        nxt -= lossT
        for q in range(1, up):
            v3[:, :, q] += nxt * np.float32(q / up)
    else:
        val[:nl] = lossT
    val[nl:] = val[nl - 1:nl]
    np.subtract(val[1:], val[:-1], out=pair[:-1, :, 1])
    pair[-1, :, 1] = 0.0
    # gathered as one float64 per pair
    table = pair.reshape(-1, 2).view(np.float64)[:, 0]
    ys, xs = out.shape
    rows = max(1, 65536 // max(xs, 1))
    for a in range(0, ys, rows):
        b = min(a + rows, ys)
        ca, cb = max(int(lo_c[a:b].min()), 0), min(int(hi_c[a:b].max()), xs)
        if cb <= ca:
            continue
        c = table.take(bi[a:b, ca:cb]).view(np.float32).reshape(b - a, cb - ca, 2)
        lo = np.multiply(c[..., 1], ws[a:b, ca:cb], dtype=np.float64)
        lo += c[..., 0]
        o = out[a:b, ca:cb]
        np.subtract(const, logd[a:b, ca:cb], out=o)
        o -= lo  # in float64, stored as float32


def _viewshed(z, gt_win, wkt, site, rx_height, k_factor, radius):
    """LOS via gdal.ViewshedGenerate on an in-memory window; 1 visible / 0 not."""
    ny, nx = z.shape
    mem = gdal.GetDriverByName("MEM").Create("", nx, ny, 1, gdal.GDT_Float32)
    mem.SetGeoTransform(gt_win)
    if wkt:
        mem.SetProjection(wkt)
    mem.GetRasterBand(1).WriteArray(z)
    vs = gdal.ViewshedGenerate(mem.GetRasterBand(1), "MEM", "", [], float(site.x), float(site.y),
                               float(site.height_m), float(rx_height), 1.0, 0.0, 0.0, 0.0,
                               1.0 / k_factor, gdal.GVM_Edge, float(radius))
    if vs is None:
        raise CoverageError(f"gdal.ViewshedGenerate failed for site '{site.site_id}': {gdal.GetLastErrorMsg()}")
    vgt = vs.GetGeoTransform()
    arr = vs.GetRasterBand(1).ReadAsArray()
    out = np.zeros((ny, nx), dtype=np.float32)
    oc = int(round((vgt[0] - gt_win[0]) / gt_win[1]))
    orow = int(round((vgt[3] - gt_win[3]) / gt_win[5]))
    h, w = arr.shape
    rs, cs = max(orow, 0), max(oc, 0)
    re_, ce = min(orow + h, ny), min(oc + w, nx)
    out[rs:re_, cs:ce] = (arr[rs - orow:re_ - orow, cs - oc:ce - oc] == 1).astype(np.float32)
    return out


def _compute_site(ds, site, model, rx_height, max_radius_m, k_factor, environment, empirical_correction,
                  ray_step_cells, clutter=None, check=None):
    """Returns (array, (xoff, yoff), cells_in_range, nodata_cells_in_range) or (None, None, 0, 0). ``check(done)``,
    when given, is called between the rays of a slow model (ITM: a site can take a minute) with the fraction of the
    site done; it reports progress and raises to stop."""
    if model not in MODELS:
        raise CoverageError("Unknown model '{}'; use one of {}.".format(model, ", ".join(MODELS)))
    gt = ds.GetGeoTransform()
    xsize, ysize = ds.RasterXSize, ds.RasterYSize
    if not _site_inside(gt, xsize, ysize, site):
        return None, None, 0, 0
    px, py = gt[1], -gt[5]
    T = _template(max_radius_m, px, py, ray_step_cells)
    rs, cs = _site_cell(gt, site)
    r0, r1 = max(rs - T.hr, 0), min(rs + T.hr + 1, ysize)
    c0, c1 = max(cs - T.hc, 0), min(cs + T.hc + 1, xsize)
    ys, xs = r1 - r0, c1 - c0
    tr0, tc0 = r0 - (rs - T.hr), c0 - (cs - T.hc)
    band = ds.GetRasterBand(1)
    z = band.ReadAsArray(c0, r0, xs, ys, buf_type=gdal.GDT_Float32)
    nd = band.GetNoDataValue()
    # no invalid cell when the extremes are finite and the nodata value lies outside them (two reductions, no mask)
    lo_z, hi_z = np.min(z), np.max(z)
    if np.isfinite(lo_z) and np.isfinite(hi_z) and (nd is None or not lo_z <= np.float32(nd) <= hi_z):
        invalid, has_invalid = None, False
    else:
        invalid = ~np.isfinite(z)
        if nd is not None:
            invalid |= z == np.float32(nd)
        has_invalid = bool(invalid.any())
    win = (slice(tr0, tr0 + ys), slice(tc0, tc0 + xs))
    in_range = T.inside[win]
    clipped = (ys, xs) != T.inside.shape
    n_range = int(in_range.sum()) if clipped else T.n_inside
    n_nodata = int((in_range & invalid).sum()) if has_invalid else 0
    with _LOCK:
        WORK_COUNTER["sites_computed"] += 1
    if n_range == n_nodata:
        return np.full((ys, xs), np.nan, dtype=np.float32), (c0, r0), n_range, n_nodata
    ins = (in_range & ~invalid) if has_invalid else in_range
    out = np.full((ys, xs), np.nan, dtype=np.float32) if model not in RAY_MODELS else None
    if has_invalid:
        z = np.where(invalid, z[~invalid].min(), z).astype(np.float32)
    lr, lc = rs - r0, cs - c0  # site cell inside the window
    if model == "los":
        gt_win = (gt[0] + c0 * px, px, 0.0, gt[3] - r0 * py, 0.0, -py)
        vis = _viewshed(z, gt_win, ds.GetProjection(), site, rx_height, k_factor, max_radius_m)
        out[ins] = vis[ins]
    elif model == "hata":
        dist = T.dist[tr0:tr0 + ys, tc0:tc0 + xs][ins]
        out[ins] = site.eirp_dbm - prop.hata_loss_db(dist, site.freq_mhz, site.height_m, rx_height, environment)
    else:
        ry = T.rays()
        compiled = kernels.enabled()  # (only the ray models: a LOS or Hata run does not build the kernels)
        n, R = T.n, T.n_rays
        # only as far as the farthest window corner
        far = math.hypot(max(lr, ys - 1 - lr) * py, max(lc, xs - 1 - lc) * px)
        ne = min(n, int(math.ceil(far / T.step)) + 2)
        zp = np.empty((ys + 1, xs + 1), dtype=np.float32)  # edge-replicated: +1 neighbours always valid
        zp[:ys, :xs] = z
        zp[ys, :xs] = z[ys - 1]
        zp[:, xs] = zp[:, xs - 1]
        zp = zp.ravel()
        sub = T.sub
        if compiled:
            bot = np.empty((R, ne, sub), dtype=np.float32)
            obstacles = np.empty((R, ne), dtype=np.float32)
            # (the template's whole arrays, C-contiguous: the kernel clips the indices to the window and reads the
            # first ne samples of each ray)
            kernels.sample_rays(zp, ry["v0"], ry["u0"], ry["fx"], ry["fy"], lr, lc, ys, xs, ry["q0"], bot, obstacles)
            ground = np.ascontiguousarray(bot[:, :, ry["q0"]])
            if sub == 1:
                obstacles = None
        else:
            ii = _flat_ray_index(T, ne, lr, lc, ys, xs)
            bot, ground, obstacles = _sample_rays_numpy(zp, ii, ry["fx"][:, :ne], ry["fy"][:, :ne], xs, sub,
                                                        ry["q0"])
        ground[:, 0] = z[lr, lc]
        tx_amsl = z[lr, lc] + site.height_m
        d_c = ry["d"][:ne]
        refine = T.rsub > 1 and ne >= 3  # the coarse run gives the refinement its horizons, not its loss
        table = None  # the cell pass's table of ray losses, when the refinement writes it
        rsub = T.rsub
        nf = (ne - 1) * rsub + 1
        fine = None
        if refine:  # the ground at the refined receivers, every `gap`-th sub-sample
            fine = bot.reshape(R, ne * sub)[:, ry["q0"]::T.gap][:, :nf].copy()
            fine[:, 0] = z[lr, lc]
        if model == "p526":
            res = prop.delta_bullington_rays(d_c, ground, tx_amsl, rx_height, site.freq_mhz, k_factor=k_factor,
                                             obstacles_m=obstacles, return_horizon=T.rsub > 1,
                                             want_loss=not refine, fine_sub=T.rsub if refine else 1)
            loss, corr, horizon = res if T.rsub > 1 else (res, None, None)
        elif model == "itm":
            # ITM has no horizon refinement of its own: with refined receivers it runs at every one of them, on the
            # profile of every sub-sample up to it (its loss interpolated between the coarse samples missed what
            # happens behind a crest by tens of dB, and the crest-raised samples distorted its terrain irregularity;
            # on a 30 m DEM the refined points alone, every third cell, missed the crests between them and moved
            # ITM by up to 36 dB behind a sharp ridge: found 7 December); without, on the coarse samples with their
            # crests
            if refine:
                nsub = (nf - 1) * T.gap + 1  # the sub-samples from the site out to the last refined receiver
                prof = bot.reshape(R, ne * sub)[:, ry["q0"]:ry["q0"] + nsub].copy()
                prof[:, 0] = z[lr, lc]
                loss = itm.itm_rays(np.arange(nsub) * (float(d_c[1]) / sub), prof, site.height_m, rx_height,
                                    site.freq_mhz, check=check, every=T.gap)[:, ::T.gap]
            else:
                loss = itm.itm_rays(d_c, ground, site.height_m, rx_height, site.freq_mhz, obstacles_m=obstacles,
                                    check=check)
            corr = horizon = None
        else:
            res = prop.bullington_rays(d_c, ground, tx_amsl, rx_height, site.freq_mhz, k_factor=k_factor,
                                       empirical_correction=empirical_correction, obstacles_m=obstacles,
                                       return_horizon=T.rsub > 1, want_loss=not refine)
            (loss, horizon), corr = (res if T.rsub > 1 else (res, None)), None
        if model == "itm" and refine:
            pass  # (its loss is on the refined receivers already)
        elif refine:
            # receivers at every `gap`-th sub-sample, obstacles from the coarse run (propagation.refine_rays)
            if compiled:  # the refined loss goes straight into the cell pass's table (points x rays)
                table = np.empty((T.n_out + 1, R + 1), dtype=np.float32)
            loss = prop.refine_rays(d_c, obstacles if obstacles is not None else ground, horizon, corr, fine, rsub,
                                    tx_amsl, rx_height, site.freq_mhz, k_factor=k_factor,
                                    corrected=model == "p526" or empirical_correction,
                                    out=None if table is None else table[:nf, :R])
            if table is not None:
                _pad_table(table, nf)
        elif rsub > 1:
            loss = np.repeat(loss, rsub, axis=1)[:, :(ne - 1) * rsub + 1]
        const = np.float32(site.eirp_dbm - 20.0 * math.log10(site.freq_mhz) - 32.4478)
        # per cell: const - 20 log10(d_km) - loss, NaN beyond the radius, on the columns inside the radius of each row
        out = np.full((ys, xs), np.nan, dtype=np.float32)
        ws, logd = ry["ws"][win], T.logd_in[win]
        lo_c, hi_c = T.row_lo[tr0:tr0 + ys] - tc0, T.row_hi[tr0:tr0 + ys] - tc0
        if compiled:  # each cell interpolates in angle and distance from the rays' table
            if table is None:
                table = _ray_table(loss, T.n_out)
            kernels.cell_signal(table.reshape(-1), ry["k"][win], ry["q"][win], ry["qf"], ws,
                                logd, lo_c, hi_c, R + 1, const, out)
        else:
            _cell_signal_numpy(loss, T.up, T.n_out, ry["bi"][win], ws, logd, lo_c, hi_c, const, out)
        if has_invalid:
            out[invalid] = np.nan
    if clutter is not None and model != "los":
        # clutter at the receiver, per cell from the land cover (core.clutter; the flat margin where it has no class)
        out -= clutter.loss_window(c0, r0, xs, ys, site.freq_mhz)
    with _LOCK:
        WORK_COUNTER["cells_computed"] += n_range - n_nodata
    return out, (c0, r0), n_range, n_nodata


def compute_site_window(ds, site, model="p526", rx_height=1.5, max_radius_m=30000.0, k_factor=4.0 / 3.0,
                        environment="rural", empirical_correction=False, ray_step_cells=1.0, clutter=None):
    """Compute one site on the DEM window within ``max_radius_m`` around it.

    ``ds``: an open GDAL dataset (metric, north-up).  Only the window around
    the site is read.  Returns ``(array, (xoff, yoff))``: a float32 array
    covering the window whose top-left cell is DEM pixel (xoff, yoff), or
    ``(None, None)`` when the site is outside the DEM.  Values: ``los`` ->
    1.0 visible / 0.0 not visible; ``p526`` / ``hata`` -> received signal in
    dBm (EIRP - path loss).  NaN outside the radius and on DEM nodata cells.
    The site is snapped to the centre of its cell.  ``ray_step_cells`` > 1
    coarsens the p526 rays (angular spacing at the radius and sample step,
    in cells) for speed.  ``clutter``: a :class:`.clutter.ClutterGrid` on this DEM's grid whose per-cell loss is
    subtracted (dBm models), None for none.  Increments ``WORK_COUNTER``.
    """
    _check_dem(ds, ds.GetDescription())
    arr, off, _, _ = _compute_site(ds, site, model, rx_height, max_radius_m, k_factor, environment,
                                   empirical_correction, ray_step_cells, clutter)
    return arr, off


# --------------------------------------------------------------------------- composite

def _thread_count(threads):
    if threads is None:
        env = os.environ.get("KALTIM_COVERAGE_THREADS", "").strip()
        threads = int(env) if env.isdigit() else 0
        if threads <= 0:
            try:
                threads = len(os.sched_getaffinity(0))
            except (AttributeError, OSError):
                threads = os.cpu_count() or 1
    return max(1, int(threads))


def _site_results(dem_path, ds, order, threads, is_canceled, *args, progress=None):
    """Yield ``(k, site, _compute_site(...))`` for the sites of ``order`` in that order, computed on a pool of
    ``threads`` (each thread opens its own handle on the DEM: GDAL datasets are not shared between threads).
    At most 2 x threads sites are in flight, so memory stays bounded; ``is_canceled`` is polled before each
    site is composited (sites already in flight are dropped), and by a slow model (ITM) between its rays.
    ``progress(pct)``, when given, hears within a site how far a slow model has come (the sites before k done, plus
    site k's fraction), from the calling thread only: the workers leave their fractions in a dict the caller reads
    while it waits (Processing's feedback and a task's progress belong to that thread)."""
    n = len(order)

    def canceled(k=None):  # before site k; without k, within a site of a slow model (core.itm), between its rays
        if is_canceled is not None and is_canceled():
            raise CoverageCanceled(f"Coverage computation canceled after {k} of {n} sites." if k is not None else
                                   "Coverage computation canceled during a site.")

    threads = min(_thread_count(threads), n)
    if threads <= 1:
        for k, site in enumerate(order):
            canceled(k)

            def check(done, k=k):
                canceled()
                if progress is not None:
                    progress(100.0 * (k + done) / n)

            yield k, site, _compute_site(ds, site, *args, check=check)
        return
    local = threading.local()
    done = {}  # site position -> fraction of it done, written by the workers (a slow model's rays)

    def work(j):
        h = getattr(local, "ds", None)
        if h is None:
            h = local.ds = _open(dem_path)

        def check(frac):
            done[j] = frac
            canceled()

        return _compute_site(h, order[j], *args, check=check)

    pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="kaltim-coverage")
    pending = []
    try:
        nxt = 0
        for k, site in enumerate(order):
            canceled(k)
            while nxt < n and nxt < k + 2 * threads:
                pending.append(pool.submit(work, nxt))
                nxt += 1
            head = pending.pop(0)
            if progress is not None:
                last = -1.0
                while not wait([head], timeout=0.1).done:
                    # site k's own share (the sites behind it may be further on, but the caller reports (k + 1) / n
                    # once site k is composited, and progress never goes backwards)
                    pct = 100.0 * (k + done.get(k, 0.0)) / n
                    if pct > last:
                        progress(pct)
                        last = pct
            done.pop(k, None)
            yield k, site, head.result()
    finally:
        for f in pending:
            f.cancel()
        pool.shutdown(wait=True)


def _morton_key(ix, iy):
    key = 0
    for b in range(20):
        key |= ((ix >> b) & 1) << (2 * b) | ((iy >> b) & 1) << (2 * b + 1)
    return key


def _sort_sites(sites, gt, radius):
    cell = max(radius, abs(gt[1]))
    x0, y0 = gt[0], gt[3]
    return sorted(sites, key=lambda s: _morton_key(max(int((s.x - x0) // cell), 0), max(int((y0 - s.y) // cell), 0)))


def _on_grid(out, ds, nodata):
    """``out`` (a new one-band dataset) on ``ds``'s grid and CRS, with ``nodata``."""
    out.SetGeoTransform(ds.GetGeoTransform())
    out.SetProjection(ds.GetProjection())
    out.GetRasterBand(1).SetNoDataValue(nodata)
    return out


def _create_work(path, ds, dtype, nodata):
    drv = gdal.GetDriverByName("GTiff")
    return _on_grid(drv.Create(path, ds.RasterXSize, ds.RasterYSize, 1, dtype,
                               ["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "SPARSE_OK=TRUE", "BIGTIFF=YES"]),
                    ds, nodata)


def _finalise(work, final_path, predictor):
    """Copy ``work`` (a path or an open dataset) to ``final_path`` as a tiled DEFLATE GeoTIFF."""
    d = os.path.dirname(os.path.abspath(final_path))
    os.makedirs(d, exist_ok=True)
    # written under a temporary name beside it and renamed: a raster the user already had stays whole until the
    # new one is complete (issue 16, item 2)
    partial = os.path.join(d, "." + os.path.basename(final_path) + ".kaltim-partial.tif")
    try:
        # DEFLATE at level 1: measured on a 3,000 x 3,000 composite of 60 sites, 0.16 s against level 6's 0.28 s
        # for a file 2 % larger (19.7 against 19.3 MB); the province's 1,000-site run wrote its rasters for 2.7 s
        gdal.Translate(partial, work,
                       creationOptions=["TILED=YES", "COMPRESS=DEFLATE", "ZLEVEL=1", f"PREDICTOR={predictor}",
                                        "BIGTIFF=IF_SAFER", "NUM_THREADS=ALL_CPUS"])
        os.replace(partial, final_path)
    finally:
        for p in (partial, partial + ".aux.xml"):
            if os.path.exists(p):
                os.remove(p)
    if os.path.exists(final_path + ".aux.xml"):  # the old raster's statistics/metadata
        os.remove(final_path + ".aux.xml")


#: the composite's default memory budget: at most this, and at most a quarter of the machine's memory.  Measured
#: (bench/bench_coverage.py, 2 cores): in memory the small runs are 6-13 % faster (8 sites on a 1,500 x 1,500 DEM:
#: LOS 38 against 43 ms per site, p526 62 against 66, medians of 3), a province no faster (1,000 sites on 6,500 x
#: 6,500 cells, 3,000 on 12,000 x 12,000: the same time within the noise, 1.7 GB more memory at 30 m), so only
#: composites up to this size are held in memory
MEMORY_BUDGET_CAP = 1 << 30


def memory_budget_bytes():
    """Bytes the composite may hold in memory (:class:`_Composite`): ``KALTIM_COVERAGE_MEMORY_MB`` when set, else
    :data:`MEMORY_BUDGET_CAP` or a quarter of the machine's physical memory, whichever is less (the cap where the
    platform does not tell its memory)."""
    env = os.environ.get("KALTIM_COVERAGE_MEMORY_MB", "").strip()
    if env.isdigit():
        return int(env) * 1024 * 1024
    try:
        return min(MEMORY_BUDGET_CAP, os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 4)
    except (AttributeError, ValueError, OSError):
        return MEMORY_BUDGET_CAP


@dataclass(frozen=True)
class _Band:
    """One raster of the composite: its name, GDAL type, nodata, band description, final path and TIFF predictor."""
    name: str
    gtype: int
    nodata: float
    description: str
    path: str
    predictor: int


class _Composite:
    """The composite's bands (:class:`_Band`: best value; optionally serving site and count) on the DEM grid; the
    first band carries ``metadata``.

    In memory (numpy arrays, updated in place through window views) when they fit :func:`memory_budget_bytes`,
    else sparse tiled work GeoTIFFs in ``workdir``, read and written window by window (bounded memory for any DEM).
    Both are written to the final DEFLATE GeoTIFFs by :meth:`finalise`, the same files either way.  Memory saves
    GDAL's read and write of every site's window (measured gains and their limits: :data:`MEMORY_BUDGET_CAP`)."""

    _NUMPY = {gdal.GDT_Float32: np.float32, gdal.GDT_Int32: np.int32}

    def __init__(self, ds, workdir, bands, metadata):
        self.ds, self.bands, self.metadata = ds, bands, metadata
        self.in_memory = ds.RasterXSize * ds.RasterYSize * 4 * len(bands) <= memory_budget_bytes()
        if self.in_memory:
            self.store = {b.name: np.full((ds.RasterYSize, ds.RasterXSize), b.nodata, dtype=self._NUMPY[b.gtype])
                          for b in bands}
        else:
            self.store = {b.name: self._described(_create_work(os.path.join(workdir, b.name + ".tif"), ds, b.gtype,
                                                               b.nodata), b) for b in bands}

    def _described(self, out, band):
        if band is self.bands[0]:
            out.SetMetadata(self.metadata)
        else:  # the serving-site index / site count: named, so no step takes it for the coverage raster
            out.SetMetadata({ROLE_KEY: band.name})
        out.GetRasterBand(1).SetDescription(band.description)
        return out

    def read(self, xoff, yoff, xs, ys):
        """Every band's values on the window by name: views of the arrays (in memory) or copies read from the work
        files."""
        if self.in_memory:
            return {k: a[yoff:yoff + ys, xoff:xoff + xs] for k, a in self.store.items()}
        return {k: d.GetRasterBand(1).ReadAsArray(xoff, yoff, xs, ys) for k, d in self.store.items()}

    def write(self, window, xoff, yoff):
        """Store the window's new values (in memory they are already in place)."""
        if not self.in_memory:
            for k, a in window.items():
                self.store[k].GetRasterBand(1).WriteArray(a, xoff, yoff)

    def finalise(self):
        """Write every band to its final path (see :func:`_finalise`)."""
        for b in self.bands:
            src = self.store.pop(b.name)  # the band's memory goes before the next band's copy is made
            if self.in_memory:
                data = src
                src = gdal.GetDriverByName("MEM").Create("", self.ds.RasterXSize, self.ds.RasterYSize, 1, b.gtype)
                self._described(_on_grid(src, self.ds, b.nodata), b).GetRasterBand(1).WriteArray(data)
                data = None
            else:
                src.FlushCache()
            _finalise(src, b.path, b.predictor)
            src = None

    def close(self):
        self.store = {}


def _merge(model, cur, s_cur, c_cur, arr, valid, idx, threshold_dbm):
    """Composite one site's window ``arr`` (NaN where not computed; ``valid`` = finite) onto the window's best value
    ``cur``, serving site ``s_cur`` and count ``c_cur`` (None when not written), in place.

    ``los``: the value counts the sites in line of sight; the serving site is the visible one with the lowest index
    ``idx`` in the user's list; the count, the visible sites.  Else: the best signal, the site that gives it (the
    first one composited at a tie), the number of sites at or above ``threshold_dbm``.  In strips of rows, so that
    the temporaries stay in cache (measured: 14 -> 12 ms for a 2,001 x 2,001 window)."""
    # better = valid & (cur is nodata | arr > cur); where every value is above the nodata value (always, in practice)
    # that is valid & (arr > cur)
    # (also +inf, not valid: the plain path's np.fmax would take it; NaN when no cell is valid: the general path)
    low = model != "los" and not (np.fmin.reduce(arr, axis=None) > OUT_NODATA
                                  and np.fmax.reduce(arr, axis=None) < np.inf)
    ys, xs = arr.shape
    rows = max(1, 65536 // max(xs, 1))
    for a in range(0, ys, rows):
        win = slice(a, min(a + rows, ys))
        _merge_rows(model, cur[win], None if s_cur is None else s_cur[win], None if c_cur is None else c_cur[win],
                    arr[win], valid[win], idx, threshold_dbm, low)


def _merge_rows(model, cur, s_cur, c_cur, arr, valid, idx, threshold_dbm, low):
    # selects by maximum / np.where, not masked ufuncs (`where=`, np.copyto with a mask: about 3 ns an element, most of
    # a line-of-sight merge's time); the same values
    if model == "los":
        # where this site adds: nodata -> 0, then + 0 or 1; elsewhere unchanged (a floor of -inf, + 0)
        np.maximum(cur, np.where(valid, np.float32(0.0), np.float32(-np.inf)), out=cur)
        cur += np.fmax(arr, np.float32(0.0))  # (NaN outside the site's range -> + 0)
        above = arr > 0  # (False where NaN)
        better = above & ((s_cur < 0) | (idx < s_cur)) if s_cur is not None else None
    else:
        better = np.greater(arr, cur)
        better &= valid
        if low:
            better |= valid & (cur == OUT_NODATA)
            cur[...] = np.where(better, arr, cur)
        else:
            np.fmax(cur, arr, out=cur)  # = arr where better (arr > cur), else cur (NaN arr: cur)
        above = (arr >= threshold_dbm) if c_cur is not None else None
    if s_cur is not None:
        s_cur[...] = np.where(better, np.int32(idx), s_cur)
    if c_cur is not None:
        # nodata (-1) -> 0 where the site is in range: max with 0 there, with -1 elsewhere (no change)
        np.maximum(c_cur, valid.view(np.int8) - np.int8(1), out=c_cur)
        c_cur += above


def run_coverage(dem_path, sites, out_path, model="p526", rx_height=1.5, threshold_dbm=THRESHOLD_DBM,
                 max_radius_m=30000.0, k_factor=4.0 / 3.0, server_path=None, count_path=None,
                 progress=None, is_canceled=None, environment="rural", empirical_correction=False,
                 ray_step_cells=1.0, clutter=None, threads=None):
    """Composite coverage of ``sites`` on the grid of ``dem_path``.

    Output ``out_path``: float32 GeoTIFF, same size / geotransform /
    projection as the DEM, tiled + DEFLATE, nodata -9999 where no site is in
    range (or the DEM is nodata).  ``los``: number of sites in line of sight;
    ``p526`` / ``hata``: best received signal in dBm.
    ``server_path`` (int32, nodata -1): index of the best site (``los``: the
    visible site with the lowest index); mapping in
    ``stats['server_ids']`` (index -> site_id, index = position in ``sites``).
    ``count_path`` (int32, nodata -1): number of sites with signal >=
    ``threshold_dbm`` (``los``: number of visible sites).
    ``progress(pct)`` is called with 0..100; ``is_canceled()`` is polled
    before each site and raises :class:`CoverageCanceled` (no output kept).
    ``clutter``: a :class:`.clutter.ClutterGrid` (land-cover clutter per cell), None for none.
    ``threads``: sites computed at once on a thread pool (numpy and GDAL release the GIL), each thread with its
    own handle on the DEM; None = every core (or ``KALTIM_COVERAGE_THREADS``).  The sites are composited in
    one thread in a fixed order, so the output does not depend on it; in memory when the bands fit
    :func:`memory_budget_bytes`, else through work GeoTIFFs (:class:`_Composite`; the same output).

    Returns a stats dict: sites_total, sites_computed, sites_skipped (ids of
    sites outside the DEM), cells_computed, dem_nodata_cells_in_range,
    nodata_share (share of DEM nodata among the cells in range of a site,
    summed over sites), server_ids, elapsed_s, paths and parameters.
    """
    t0 = time.perf_counter()
    sites = list(sites or [])
    if not sites:
        raise CoverageError("No sites given: add at least one tower/site to compute coverage.", "cov_no_sites")
    if model not in MODELS:
        raise CoverageError("Unknown model '{}'; use one of {}.".format(model, ", ".join(MODELS)),
                            "cov_unknown_model", value=model, allowed=", ".join(MODELS))
    try:
        radius = float(max_radius_m)
    except (TypeError, ValueError) as exc:
        raise CoverageError(f"Maximum radius must be a number of metres, got {max_radius_m!r}.", "cov_radius",
                            value=max_radius_m) from exc
    if not math.isfinite(radius) or radius <= 0:
        raise CoverageError(f"Maximum radius must be > 0 m, got {max_radius_m}.", "cov_radius", value=max_radius_m)
    if not (k_factor and k_factor > 0):
        raise CoverageError(f"k-factor must be > 0, got {k_factor}.", "cov_k_factor", value=k_factor)
    for s in sites:
        if s.freq_mhz is None or not s.freq_mhz > 0:
            raise CoverageError(f"Site '{s.site_id}' has an invalid frequency {s.freq_mhz} MHz.", "cov_bad_frequency",
                                site_id=s.site_id, value=s.freq_mhz)
    ds = _open(dem_path)
    _check_dem(ds, dem_path)
    gt = ds.GetGeoTransform()
    xsize, ysize = ds.RasterXSize, ds.RasterYSize
    inside = [s for s in sites if _site_inside(gt, xsize, ysize, s)]
    outside = [s.site_id for s in sites if not _site_inside(gt, xsize, ysize, s)]
    if not inside:
        ids = ", ".join(str(i) for i in outside[:20]) + (" ..." if len(outside) > 20 else "")
        extent = f"({gt[0]:.0f}, {gt[3] + gt[5] * ysize:.0f}) - ({gt[0] + gt[1] * xsize:.0f}, {gt[3]:.0f})"
        raise CoverageError(
            f"All {len(outside)} site(s) are outside the DEM extent {extent}: {ids}. "
            "Check the site coordinates are in the DEM's CRS.", "cov_all_sites_outside", n=len(outside),
            extent=extent, ids=ids)
    index_of = {id(s): i for i, s in enumerate(sites)}
    order = _sort_sites(inside, gt, radius)

    warnings = validity_notes(model, inside, radius, rx_height)  # coded: errors.describe says them
    out_dir = os.path.dirname(os.path.abspath(str(out_path)))
    os.makedirs(out_dir, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix=".kcov_", dir=out_dir)
    n_sites = n_cells = 0
    nodata_in_range = 0
    range_cells = 0
    # read by core.classify.detect_kind (KALTIM_COVERAGE_KIND = 'los' | 'dbm')
    metadata = {
        "KALTIM_COVERAGE_KIND": "los" if model == "los" else "dbm",
        "KALTIM_COVERAGE_MODEL": model,
        "KALTIM_MAX_RADIUS_M": str(radius),
        "KALTIM_K_FACTOR": str(k_factor),
        "KALTIM_RX_HEIGHT_M": str(rx_height),
        "KALTIM_THRESHOLD_DBM": str(threshold_dbm),
        "KALTIM_RAY_STEP_CELLS": "{:g},{:g}".format(*_ray_steps(ray_step_cells, min(gt[1], -gt[5]))),
    }
    bands = [_Band("main", gdal.GDT_Float32, OUT_NODATA,
                   "sites in line of sight" if model == "los" else "best signal (dBm)", out_path, 3)]
    if server_path:
        bands.append(_Band("server", gdal.GDT_Int32, INT_NODATA, "serving site index", server_path, 2))
    if count_path:
        bands.append(_Band("count", gdal.GDT_Int32, INT_NODATA, "sites above threshold", count_path, 2))
    comp = None
    try:
        comp = _Composite(ds, workdir, bands, metadata)
        if progress:
            progress(0.0)
        # line of sight runs GDAL's viewshed (C++, on in-memory datasets) site after site: it is fast, and GDAL's
        # viewshed is not run from several Python threads at once (a crash was seen once under load)
        pool_threads = 1 if model == "los" else threads
        for k, site, (arr, off, n_rng, n_nd) in _site_results(dem_path, ds, order, pool_threads, is_canceled, model,
                                                               rx_height, radius, k_factor, environment,
                                                               empirical_correction, ray_step_cells,
                                                               progress=progress):
            if arr is None:
                continue
            if clutter is not None and model != "los":
                # clutter at the receiver, per cell from the land cover (core.clutter), here in the compositing
                # thread: the land-cover dataset is not shared between threads
                arr -= clutter.loss_window(off[0], off[1], arr.shape[1], arr.shape[0], site.freq_mhz)
            xoff, yoff = off
            ys, xs = arr.shape
            valid = np.isfinite(arr)
            n_sites += 1
            n_cells += int(np.count_nonzero(valid))
            range_cells += n_rng
            nodata_in_range += n_nd
            win = comp.read(xoff, yoff, xs, ys)
            _merge(model, win["main"], win.get("server"), win.get("count"), arr, valid, index_of[id(site)],
                   threshold_dbm)
            comp.write(win, xoff, yoff)
            if progress:
                progress(100.0 * (k + 1) / len(order))
        comp.finalise()
    finally:
        if comp is not None:
            comp.close()
        comp = None
        shutil.rmtree(workdir, ignore_errors=True)
    return {
        "model": model,
        "out_path": str(out_path),
        "server_path": str(server_path) if server_path else None,
        "count_path": str(count_path) if count_path else None,
        "sites_total": len(sites),
        "sites_computed": n_sites,
        "sites_skipped": outside,
        "cells_computed": n_cells,
        "warnings": warnings,
        "dem_nodata_cells_in_range": nodata_in_range,
        "nodata_share": (nodata_in_range / range_cells) if range_cells else 0.0,
        "server_ids": {i: s.site_id for i, s in enumerate(sites)},
        "threshold_dbm": threshold_dbm,
        "max_radius_m": radius,
        "k_factor": k_factor,
        "rx_height": rx_height,
        "elapsed_s": time.perf_counter() - t0,
        # the rays ran in the compiled kernels (core.kernels; numba), else in numpy (the same values, slower)
        "compiled_kernels": model in RAY_MODELS and kernels.enabled() and (model != "itm" or itm.compiled_now()),
    }
