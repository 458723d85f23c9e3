"""What-if coverage of ONE planned site (numpy + GDAL/OGR, no QGIS).

Field planners place or move a planned site; :class:`WhatIfEngine` answers "what would this site change?"
against the *existing* situation (the composite coverage raster of the existing sites and the villages as
classified from it by ``classifyvillages``):

1. the site's coverage window is computed with :func:`.coverage.compute_site_window` (exactly one site,
   only the DEM window within the radius is read);
2. **new covered cells**: window cells at or above the threshold (``los``: visible);
3. **existing coverage** on the same window is read from the coverage raster (same grid as the DEM: a
   direct windowed read; another grid/CRS: ``gdal.Warp`` of just that window, nearest neighbour);
4. **overlap** = share of the new site's covered cells already covered by the existing raster;
5. **villages**: only villages whose envelope meets the window are looked at. Their polygons are rasterised
   on the window only (one ``gdal.RasterizeLayer`` on a MEM dataset, a village id burnt per polygon, cell
   centre rule as in :mod:`.classify`). A village extending beyond the window (or one so small that no cell
   centre falls in it) is rasterised over its own envelope to get its total number of cells, with the same
   fall-backs as classify (all touched cells, then the centroid cell).
   ``share_after = share_before + gained cells / village cells`` where gained cells are the village's
   window cells covered by the new site and not by the existing raster; ``share_before`` is the
   layer's ``cov_share`` when given, else computed from the existing raster.
   A village given as a point (office only) uses the cell under the point (share 0 or 1).
   ``status_after`` = classify's rules (share thresholds, then the office rule when the village has an
   office point), never lower than ``status_before`` (a new site can only add signal).
   **people newly covered** = sum over villages of (share_after - share_before) x population (an estimate
   assuming people are spread evenly over the village, as ``pop_covered``).
6. **cost**: the site's ``cost_idr`` when given, else :data:`DEFAULT_COST_IDR` for its technology.

Each planned site is compared with the existing situation only (not with the other planned sites).

Cache: results are cached per site id with the radio parameters and position as key; moving (or editing)
one site recomputes that site only, the other sites' results stay cached. A changed cost does not recompute
the coverage. The engine is thread-safe for previews of different sites (each call opens its own datasets).
"""
from __future__ import annotations

import math
import threading
import time
from dataclasses import asdict, dataclass, field, replace
from typing import Callable, Optional, Sequence

import numpy as np
from osgeo import gdal, ogr, osr

from . import coverage as cov
from .classify import (
    COVERED_SHARE,
    PARTIAL_SHARE,
    STATUSES,
    THRESHOLD_DBM,
    apply_office_rule,
    cell_index,
    detect_kind,
    envelope_window,
    geometry_from_wkb,
    share_status,
)
from .clutter import ClutterError, clutter_for
from .coded_error import LoggedCodedError
from .costs import default_items
from .coverage_settings import CoverageSettings, CoverageSettingsError
from .sites import PLAUSIBLE, TECH_DEFAULTS, TECHS

STATUS_RANK = {"blank_spot": 0, "partial": 1, "covered": 2}


def _ray_step(text: str) -> tuple:
    """'4,4' (KALTIM_RAY_STEP_CELLS) -> (4.0, 4.0); ValueError when malformed."""
    a, r = (float(x) for x in str(text).split(","))
    if not (a > 0 and r > 0):
        raise ValueError(text)
    return (a, r)


def _default_costs() -> dict:
    """New-site capex per technology: the sourced 'BTS 4G daerah 3T' figure of the cost table for every
    generation (the cost table has no separate 2G/3G/5G site figure; override with ``cost_idr``)."""
    bts = {it.key: it for it in default_items()}["bts_4g_3t"].capex_idr
    return {t: float(bts) for t in TECHS}


DEFAULT_COST_IDR = _default_costs()


class WhatIfError(LoggedCodedError):
    """Bad input for a preview. ``code`` (a key of ``errors.describe``'s table) and ``params`` let a front show it in
    the user's language; the English ``message`` is for logs: 'whatif_not_number' (site_id, what, value),
    'whatif_out_of_range' (site_id, what, value, low, high), 'whatif_coverage_unreadable' (path, reason),
    'whatif_dem' / 'whatif_coverage' (error: the engine's own error), 'whatif_no_tech' (site_id),
    'whatif_unknown_tech' (site_id, tech), 'whatif_outside' (site_id)."""


class WhatIfCanceled(Exception):  # noqa: N818 - mirrors coverage.CoverageCanceled
    pass


@dataclass
class WhatIfVillage:
    """A classified village. ``wkb`` (polygon or point) and ``office`` (x, y) are in the DEM's CRS."""

    id: object
    code: str = ""
    name: str = ""
    status: str = ""  # the classification: covered / partial / blank_spot, and the covered share
    cov_share: Optional[float] = None
    population: Optional[float] = None
    wkb: Optional[bytes] = None
    office: Optional[tuple] = None


@dataclass
class WhatIfParams:
    model: str = "p526"
    rx_height: float = 1.5
    threshold_dbm: float = THRESHOLD_DBM
    max_radius_m: float = 30000.0
    k_factor: float = 4.0 / 3.0
    ray_step_cells: object = 1.0
    environment: str = "rural"
    covered_share: float = COVERED_SHARE
    partial_share: float = PARTIAL_SHARE
    # dB subtracted from a site's EIRP so the preview matches the raster (RSRP conversion + clutter margin)
    eirp_offset_db: float = 0.0
    # the raster's settings (CoverageSettings) when it carries them: its land-cover clutter applies to the preview
    settings: object = None

    @classmethod
    def from_raster_metadata(cls, path: str, **overrides) -> WhatIfParams:
        """Parameters written by ``run_coverage`` into the coverage raster (model, radius, k, rx height,
        threshold, EIRP offset, ray resolution), so the preview is computed like the existing raster;
        ``overrides`` win."""
        p = cls()
        try:
            ds = gdal.Open(str(path)) if path else None
        except RuntimeError:
            ds = None
        md = (ds.GetMetadata() or {}) if ds is not None else {}
        conv = (("KALTIM_COVERAGE_MODEL", "model", str), ("KALTIM_MAX_RADIUS_M", "max_radius_m", float),
                ("KALTIM_K_FACTOR", "k_factor", float), ("KALTIM_RX_HEIGHT_M", "rx_height", float),
                ("KALTIM_THRESHOLD_DBM", "threshold_dbm", float),
                ("KALTIM_EIRP_OFFSET_DB", "eirp_offset_db", float),
                ("KALTIM_RAY_STEP_CELLS", "ray_step_cells", _ray_step))
        for key, attr, fn in conv:
            if key in md:
                try:
                    value = fn(md[key])
                except (TypeError, ValueError):
                    continue
                if attr == "model" and value not in cov.MODELS:
                    continue
                setattr(p, attr, value)
        try:
            settings = CoverageSettings.from_metadata(md)
        except CoverageSettingsError:
            settings = None
        if settings is not None:  # the one settings object written by 'coverage' wins over the older items
            p.model, p.rx_height, p.threshold_dbm = settings.model, settings.rx_height_m, settings.threshold_dbm
            p.max_radius_m, p.k_factor = settings.max_radius_m, settings.k_factor
            p.ray_step_cells, p.eirp_offset_db = settings.ray_steps, settings.eirp_offset_db
            p.settings = settings
        for k, v in overrides.items():
            setattr(p, k, v)
        return p


@dataclass
class VillageChange:
    id: object
    code: str
    name: str
    population: Optional[float]
    status_before: str
    status_after: str
    share_before: float
    share_after: float
    pop_gain: float
    gained_cells: int
    n_cells: int
    office_newly_covered: bool = False

    @property
    def improved(self) -> bool:
        return STATUS_RANK.get(self.status_after, 0) > STATUS_RANK.get(self.status_before, 0)


@dataclass
class WhatIfResult:
    site_id: str
    tech: str
    x: float
    y: float
    array: np.ndarray = field(repr=False)       # window, dBm (los: 1/0); NaN outside the radius / nodata
    window_gt: tuple = ()
    wkt: str = ""
    kind: str = "dbm"
    threshold_dbm: float = THRESHOLD_DBM
    new_cells: int = 0                          # window cells covered by the new site
    overlap_cells: int = 0                      # ... of which already covered by the existing raster
    gained_cells: int = 0                       # ... of which NOT covered before
    cell_area_m2: float = 0.0
    villages: list = field(default_factory=list)   # VillageChange of every village that gains signal
    cost_idr: float = 0.0
    cost_source: str = "default"                # 'site' (its cost_idr) or 'default' (per technology)
    elapsed_s: float = 0.0

    @property
    def overlap_share(self) -> float:
        return self.overlap_cells / self.new_cells if self.new_cells else 0.0

    @property
    def changed(self) -> list:
        """Villages whose status rises (blank_spot -> partial/covered, partial -> covered)."""
        return [v for v in self.villages if v.improved]

    @property
    def newly_covered(self) -> list:
        return [v for v in self.villages if v.status_after == "covered" and v.status_before != "covered"]

    @property
    def people_newly_covered(self) -> int:
        return int(round(sum(v.pop_gain for v in self.villages)))

    def summary(self) -> dict:
        """Plain dict (no arrays) for signals, tests and the panel."""
        return {
            "site_id": self.site_id, "tech": self.tech, "x": self.x, "y": self.y,
            "people_newly_covered": self.people_newly_covered,
            "villages_newly_covered": len(self.newly_covered),
            "villages_improved": len(self.changed),
            "villages_gaining": len(self.villages),
            "changed": [{k: v for k, v in asdict(c).items()} for c in self.changed],
            "newly_covered_codes": [c.code for c in self.newly_covered],
            "changed_codes": [c.code for c in self.changed],
            "new_cells": self.new_cells, "overlap_cells": self.overlap_cells, "gained_cells": self.gained_cells,
            "overlap_share": self.overlap_share,
            "new_area_km2": self.gained_cells * self.cell_area_m2 / 1e6,
            "cost_idr": self.cost_idr, "cost_source": self.cost_source,
            "elapsed_s": self.elapsed_s,
        }


# --------------------------------------------------------------------------------------------- helpers
def _srs(wkt: str):
    if not wkt:
        return None
    s = osr.SpatialReference()
    s.ImportFromWkt(wkt)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def _valid(arr: np.ndarray, nodata) -> np.ndarray:
    ok = np.isfinite(arr) if np.issubdtype(arr.dtype, np.floating) else np.ones(arr.shape, bool)
    if nodata is not None and not (isinstance(nodata, float) and math.isnan(nodata)):
        ok &= arr != nodata
    return ok


def _num(value, what: str, site_id: str, lo: float, hi: float) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise WhatIfError(f"Site '{site_id}': {what} is not a number ({value!r}).", "whatif_not_number",
                          site_id=site_id, what=what, value=value) from None
    if not math.isfinite(v) or not lo <= v <= hi:
        raise WhatIfError(f"Site '{site_id}': {what} {v:g} is outside {lo:g}-{hi:g}.", "whatif_out_of_range",
                          site_id=site_id, what=what, value=f"{v:g}", low=f"{lo:g}", high=f"{hi:g}")
    return v


class _Existing:
    """The existing coverage raster, read on DEM-grid windows (direct read when on the DEM grid, else warped)."""

    def __init__(self, path: str, dem_gt: tuple, dem_wkt: str, threshold: float):
        try:
            self.ds = gdal.Open(str(path))
        except RuntimeError as exc:
            raise WhatIfError(f"Cannot open the existing coverage raster '{path}': {exc}",
                              "whatif_coverage_unreadable", path=path, reason=str(exc)) from None
        if self.ds is None:
            raise WhatIfError(f"Cannot open the existing coverage raster '{path}'.", "whatif_coverage_unreadable",
                              path=path, reason="")
        self.path = str(path)
        self.kind = detect_kind(self.ds)
        self.band = self.ds.GetRasterBand(1)
        self.nodata = self.band.GetNoDataValue()
        self.threshold = threshold
        gt = self.ds.GetGeoTransform()
        self.gt = gt
        same_srs = True
        wkt = self.ds.GetProjection()
        if wkt and dem_wkt:
            a, b = _srs(wkt), _srs(dem_wkt)
            same_srs = bool(a.IsSame(b))
        fx = (gt[0] - dem_gt[0]) / dem_gt[1]
        fy = (gt[3] - dem_gt[3]) / dem_gt[5]
        self.aligned = (same_srs and abs(gt[1] - dem_gt[1]) < 1e-9 * abs(dem_gt[1]) + 1e-9
                        and abs(gt[5] - dem_gt[5]) < 1e-9 * abs(dem_gt[5]) + 1e-9 and gt[2] == 0 and gt[4] == 0
                        and abs(fx - round(fx)) < 1e-6 and abs(fy - round(fy)) < 1e-6)
        self.dx, self.dy = (int(round(fx)), int(round(fy))) if self.aligned else (0, 0)
        self.dem_gt, self.dem_wkt = dem_gt, dem_wkt

    def covered(self, c0: int, r0: int, nc: int, nr: int) -> np.ndarray:
        """Covered mask on the DEM-grid window (c0, r0, nc, nr); cells outside the raster are not covered."""
        if self.aligned:
            values = np.zeros((nr, nc), dtype=np.float64)
            valid = np.zeros((nr, nc), dtype=bool)
            c0e, r0e = c0 - self.dx, r0 - self.dy
            x0, y0 = max(c0e, 0), max(r0e, 0)
            x1, y1 = min(c0e + nc, self.ds.RasterXSize), min(r0e + nr, self.ds.RasterYSize)
            if x1 > x0 and y1 > y0:
                arr = self.band.ReadAsArray(x0, y0, x1 - x0, y1 - y0)
                sl = (slice(y0 - r0e, y1 - r0e), slice(x0 - c0e, x1 - c0e))
                values[sl] = arr
                valid[sl] = _valid(arr, self.nodata)
        else:
            g = self.dem_gt
            minx, maxy = g[0] + c0 * g[1], g[3] + r0 * g[5]
            maxx, miny = minx + nc * g[1], maxy + nr * g[5]
            nd = self.nodata if self.nodata is not None else cov.OUT_NODATA
            out = gdal.Warp("", self.ds, format="MEM", outputBounds=(minx, miny, maxx, maxy), width=nc, height=nr,
                            dstSRS=self.dem_wkt or None, resampleAlg="near", dstNodata=nd, outputType=gdal.GDT_Float64)
            if out is None:
                return np.zeros((nr, nc), dtype=bool)
            values = out.GetRasterBand(1).ReadAsArray()
            valid = _valid(values, nd)
        if self.kind == "los":
            return valid & (values >= 1)
        return valid & (values >= self.threshold)


class _Rasteriser:
    """In-memory OGR layer + MEM raster: masks of polygons on a DEM-grid window."""

    def __init__(self, gt: tuple, wkt: str):
        self.gt, self.wkt = gt, wkt
        self.vds = ogr.GetDriverByName("Memory").CreateDataSource("whatif")
        self.layer = self.vds.CreateLayer("v", _srs(wkt), ogr.wkbUnknown)
        self.layer.CreateField(ogr.FieldDefn("idx", ogr.OFTInteger))
        self.mem = gdal.GetDriverByName("MEM")

    def labels(self, geoms: Sequence[tuple], c0: int, r0: int, nc: int, nr: int, all_touched=False) -> np.ndarray:
        """int32 window: 0 = no village, k = geometry tagged k (cell-centre rule unless ``all_touched``)."""
        for feat in list(self.layer):
            self.layer.DeleteFeature(feat.GetFID())
        for k, geom in geoms:
            f = ogr.Feature(self.layer.GetLayerDefn())
            f.SetField("idx", int(k))
            f.SetGeometry(geom)
            self.layer.CreateFeature(f)
        ds = self.mem.Create("", nc, nr, 1, gdal.GDT_Int32)
        g = self.gt
        ds.SetGeoTransform((g[0] + c0 * g[1], g[1], 0.0, g[3] + r0 * g[5], 0.0, g[5]))
        if self.wkt:
            ds.SetProjection(self.wkt)
        opts = ["ATTRIBUTE=idx"] + (["ALL_TOUCHED=TRUE"] if all_touched else [])
        gdal.RasterizeLayer(ds, [1], self.layer, options=opts)
        out = ds.GetRasterBand(1).ReadAsArray()
        ds = None
        return out

    def mask(self, geom, c0, r0, nc, nr) -> np.ndarray:
        """Village mask over a window with classify's fall-backs (centre, all touched, centroid cell)."""
        m = self.labels([(1, geom)], c0, r0, nc, nr) == 1
        if not m.any():
            m = self.labels([(1, geom)], c0, r0, nc, nr, all_touched=True) == 1
        if not m.any():
            c = geom.Centroid()
            col, row = self.cell(c.GetX(), c.GetY())
            if 0 <= col - c0 < nc and 0 <= row - r0 < nr:
                m[row - r0, col - c0] = True
        return m

    def cell(self, x: float, y: float) -> tuple:
        return cell_index(self.gt, x, y)

    def env_window(self, env: tuple) -> tuple:
        return envelope_window(self.gt, env)


# --------------------------------------------------------------------------------------------- engine
class WhatIfEngine:
    """Per-site what-if previews against an existing coverage raster and classified villages."""

    def __init__(self, dem_path: str, coverage_path: Optional[str], villages: Sequence[WhatIfVillage] = (),
                 params: Optional[WhatIfParams] = None, default_costs: Optional[dict] = None):
        self.dem_path = str(dem_path)
        self.coverage_path = str(coverage_path) if coverage_path else ""
        self.params = params or WhatIfParams()
        self.default_costs = dict(DEFAULT_COST_IDR if default_costs is None else default_costs)
        ds = cov._open(self.dem_path)
        try:
            cov._check_dem(ds, self.dem_path)
        except cov.CoverageError as exc:
            raise WhatIfError(str(exc), "whatif_dem", error=exc) from None
        self.dem_gt = ds.GetGeoTransform()
        self.dem_wkt = ds.GetProjection()
        self.dem_size = (ds.RasterXSize, ds.RasterYSize)
        ds = None
        self.villages = list(villages)
        self._env = np.zeros((len(self.villages), 4))
        self._geoms_ok = np.zeros(len(self.villages), dtype=bool)
        for i, v in enumerate(self.villages):
            env = None
            g = geometry_from_wkb(v.wkb)
            if g is not None and not g.IsEmpty():
                env = g.GetEnvelope()
            if env is None and v.office is not None:
                env = (v.office[0], v.office[0], v.office[1], v.office[1])
            if env is not None:
                self._env[i] = env
                self._geoms_ok[i] = True
        self._cache: dict = {}
        self._lock = threading.Lock()

    # cache -------------------------------------------------------------------------------------------------
    def cached(self, site_id: str) -> Optional[WhatIfResult]:
        with self._lock:
            hit = self._cache.get(str(site_id))
        return hit[1] if hit else None

    def cached_ids(self) -> list:
        with self._lock:
            return list(self._cache)

    def forget(self, site_id: str) -> None:
        with self._lock:
            self._cache.pop(str(site_id), None)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    # geometry ------------------------------------------------------------------------------------------------
    def contains(self, x: float, y: float) -> bool:
        """True when (x, y) (DEM CRS) lies on the DEM grid."""
        g = self.dem_gt
        if not (math.isfinite(x) and math.isfinite(y)):
            return False
        col = math.floor((x - g[0]) / g[1])
        row = math.floor((y - g[3]) / g[5])
        return 0 <= col < self.dem_size[0] and 0 <= row < self.dem_size[1]

    def check_site(self, site: cov.Site, tech) -> str:
        """Validate a site; returns the normalised technology. Raises :class:`WhatIfError`."""
        sid = str(site.site_id)
        if tech is None or str(tech).strip() == "":
            raise WhatIfError(f"Site '{sid}' has no technology: choose 2G, 3G, 4G or 5G in its form.",
                              "whatif_no_tech", site_id=sid)
        tech = str(tech).strip().upper()
        if tech not in TECHS:
            raise WhatIfError(f"Site '{sid}': unknown technology '{tech}'; use 2G, 3G, 4G or 5G.",
                              "whatif_unknown_tech", site_id=sid, tech=tech)
        if not self.contains(site.x, site.y):
            raise WhatIfError(f"Site '{sid}' at ({site.x:.0f}, {site.y:.0f}) is outside the DEM; "
                              "place it on the terrain model.", "whatif_outside", site_id=sid)
        # the one range of every tool (core.sites.PLAUSIBLE; was 1-500 m, 30-100,000 MHz, -30-120 dBm here alone)
        for what, name in (("height", "height_m"), ("frequency", "freq_mhz"), ("EIRP", "eirp_dbm")):
            _num(getattr(site, name), what, sid, *PLAUSIBLE[name])
        return tech

    @staticmethod
    def site_with_defaults(site_id, x, y, tech, height_m=None, freq_mhz=None, eirp_dbm=None) -> cov.Site:
        """A coverage Site; missing radio values take the technology's defaults (``sites.TECH_DEFAULTS``)."""
        d = TECH_DEFAULTS.get(str(tech or "").strip().upper(), TECH_DEFAULTS["4G"])
        return cov.Site(str(site_id), float(x), float(y),
                        d["height_m"] if height_m is None else float(height_m),
                        d["freq_mhz"] if freq_mhz is None else float(freq_mhz),
                        d["eirp_dbm"] if eirp_dbm is None else float(eirp_dbm))

    # preview -------------------------------------------------------------------------------------------------
    def preview(self, site: cov.Site, tech="4G", cost_idr=None,
                is_canceled: Optional[Callable[[], bool]] = None) -> WhatIfResult:
        """What-if of one site (cached per site id; recomputed when its position or radio values change)."""
        t0 = time.perf_counter()
        tech = self.check_site(site, tech)
        key = (round(float(site.x), 6), round(float(site.y), 6), float(site.height_m), float(site.freq_mhz),
               float(site.eirp_dbm), tech)
        sid = str(site.site_id)
        with self._lock:
            hit = self._cache.get(sid)
        if hit is not None and hit[0] == key:
            res = hit[1]
        else:
            res = self._compute(site, tech, is_canceled)
            res.elapsed_s = time.perf_counter() - t0
            with self._lock:
                self._cache[sid] = (key, res)
        cost = None
        if cost_idr is not None:
            try:
                cost = float(cost_idr)
            except (TypeError, ValueError):
                cost = None
            if cost is not None and not (math.isfinite(cost) and cost >= 0):
                cost = None
        if cost is None:
            res.cost_idr, res.cost_source = float(self.default_costs.get(tech, 0.0)), "default"
        else:
            res.cost_idr, res.cost_source = cost, "site"
        return res

    def _compute(self, site: cov.Site, tech: str, is_canceled) -> WhatIfResult:
        def check():
            if is_canceled is not None and is_canceled():
                raise WhatIfCanceled(f"Preview of site '{site.site_id}' canceled.")

        p = self.params
        check()
        ds = cov._open(self.dem_path)
        if p.eirp_offset_db and p.model != "los":
            site = cov.Site(site.site_id, site.x, site.y, site.height_m, site.freq_mhz,
                            site.eirp_dbm - p.eirp_offset_db)
        try:
            grid = None
            if p.settings is not None:  # the raster's land-cover clutter, at the preview's receiver height
                grid = clutter_for(replace(p.settings, rx_height_m=p.rx_height), ds)
            arr, off = cov.compute_site_window(ds, site, p.model, p.rx_height, p.max_radius_m, p.k_factor,
                                               p.environment, False, p.ray_step_cells, clutter=grid)
        except (cov.CoverageError, ClutterError) as exc:
            raise WhatIfError(str(exc), "whatif_coverage", error=exc) from None
        ds = None
        if arr is None:
            raise WhatIfError(f"Site '{site.site_id}' is outside the DEM; place it on the terrain model.",
                              "whatif_outside", site_id=site.site_id)
        check()
        c0, r0 = off
        nr, nc = arr.shape
        g = self.dem_gt
        wgt = (g[0] + c0 * g[1], g[1], 0.0, g[3] + r0 * g[5], 0.0, g[5])
        valid = np.isfinite(arr)
        new_cov = valid & ((arr > 0) if p.model == "los" else (arr >= p.threshold_dbm))
        if self.coverage_path:
            existing = _Existing(self.coverage_path, self.dem_gt, self.dem_wkt, p.threshold_dbm)
            ex_cov = existing.covered(c0, r0, nc, nr)
        else:
            existing, ex_cov = None, np.zeros_like(new_cov)
        gain = new_cov & ~ex_cov
        res = WhatIfResult(site_id=str(site.site_id), tech=tech, x=float(site.x), y=float(site.y), array=arr,
                           window_gt=wgt, wkt=self.dem_wkt, kind="los" if p.model == "los" else "dbm",
                           threshold_dbm=p.threshold_dbm, new_cells=int(new_cov.sum()),
                           overlap_cells=int((new_cov & ex_cov).sum()), gained_cells=int(gain.sum()),
                           cell_area_m2=abs(g[1] * g[5]))
        if gain.any() and len(self.villages):
            check()
            res.villages = self._villages(c0, r0, nc, nr, new_cov, ex_cov, gain, existing, check)
        return res

    def _villages(self, c0, r0, nc, nr, new_cov, ex_cov, gain, existing, check) -> list:
        g = self.dem_gt
        minx, maxy = g[0] + c0 * g[1], g[3] + r0 * g[5]
        maxx, miny = minx + nc * g[1], maxy + nr * g[5]
        e = self._env
        hit = self._geoms_ok & (e[:, 0] <= maxx) & (e[:, 1] >= minx) & (e[:, 2] <= maxy) & (e[:, 3] >= miny)
        idx = np.nonzero(hit)[0]
        if idx.size == 0:
            return []
        rast = _Rasteriser(g, self.dem_wkt)
        polys, points = [], []
        for i in idx:
            v = self.villages[i]
            geom = geometry_from_wkb(v.wkb)
            flat = ogr.GT_Flatten(geom.GetGeometryType()) if geom is not None else None
            if geom is not None and flat in (ogr.wkbPolygon, ogr.wkbMultiPolygon, ogr.wkbCurvePolygon,
                                             ogr.wkbMultiSurface):
                polys.append((int(i), geom))
            else:
                pt = v.office
                if geom is not None and flat in (ogr.wkbPoint, ogr.wkbMultiPoint):
                    gp = geom if flat == ogr.wkbPoint else geom.GetGeometryRef(0)
                    pt = (gp.GetX(), gp.GetY())
                if pt is not None:
                    points.append((int(i), pt))
        # one rasterisation of every candidate polygon on the window (cell-centre rule)
        labels = rast.labels([(i + 1, gm) for i, gm in polys], c0, r0, nc, nr) if polys else None
        gained_by = np.bincount(labels[gain].ravel(), minlength=len(self.villages) + 1) if polys else None
        in_win = np.bincount(labels.ravel(), minlength=len(self.villages) + 1) if polys else None
        changes = []
        p = self.params
        for i, geom in polys:
            check()
            v = self.villages[i]
            env = geom.GetEnvelope()
            inside = env[0] >= minx and env[1] <= maxx and env[2] >= miny and env[3] <= maxy
            n_win = int(in_win[i + 1])
            if inside and n_win > 0:
                n_total = n_win
                gained = int(gained_by[i + 1])
                win_mask = labels == i + 1
                before_cells = None
                if v.cov_share is None:
                    before_cells = int((win_mask & ex_cov).sum())
            else:
                # extends beyond the window (or has no cell centre): its own envelope, with classify's fall-backs
                vc0, vr0, vnc, vnr = rast.env_window(env)
                full = rast.mask(geom, vc0, vr0, vnc, vnr)
                n_total = int(full.sum())
                if n_total == 0:
                    continue
                # crop to the site window
                x0, y0 = max(vc0, c0), max(vr0, r0)
                x1, y1 = min(vc0 + vnc, c0 + nc), min(vr0 + vnr, r0 + nr)
                win_mask = np.zeros((nr, nc), dtype=bool)
                if x1 > x0 and y1 > y0:
                    win_mask[y0 - r0:y1 - r0, x0 - c0:x1 - c0] = full[y0 - vr0:y1 - vr0, x0 - vc0:x1 - vc0]
                gained = int((win_mask & gain).sum())
                before_cells = None
                if v.cov_share is None:
                    ex_full = existing.covered(vc0, vr0, vnc, vnr) if existing is not None else np.zeros_like(full)
                    before_cells = int((full & ex_full).sum())
            share_before = (float(v.cov_share) if v.cov_share is not None
                            else before_cells / n_total)
            share_before = min(max(share_before, 0.0), 1.0)
            if gained <= 0 and not self._office_gain(v, c0, r0, nc, nr, new_cov, ex_cov, existing):
                continue
            share_after = min(1.0, share_before + gained / n_total)
            changes.append(self._change(v, share_before, share_after, gained, n_total,
                                        c0, r0, nc, nr, new_cov, ex_cov, existing, p))
        for i, (x, y) in points:
            check()
            v = self.villages[i]
            col, row = rast.cell(x, y)
            lc, lr = col - c0, row - r0
            if not (0 <= lc < nc and 0 <= lr < nr) or not gain[lr, lc]:
                continue
            share_before = float(v.cov_share) if v.cov_share is not None else 0.0
            changes.append(self._change(v, share_before, 1.0, 1, 1, c0, r0, nc, nr, new_cov, ex_cov, existing, p,
                                        point=(lc, lr)))
        return changes

    def _office_cell(self, v, c0, r0, nc, nr):
        if v.office is None:
            return None
        g = self.dem_gt
        col = int(math.floor((v.office[0] - g[0]) / g[1])) - c0
        row = int(math.floor((v.office[1] - g[3]) / g[5])) - r0
        return (col, row) if 0 <= col < nc and 0 <= row < nr else None

    def _office_gain(self, v, c0, r0, nc, nr, new_cov, ex_cov, existing) -> bool:
        cell = self._office_cell(v, c0, r0, nc, nr)
        return cell is not None and bool(new_cov[cell[1], cell[0]]) and not bool(ex_cov[cell[1], cell[0]])

    def _office_before(self, v, c0, r0, nc, nr, ex_cov, existing):
        if v.office is None:
            return None
        cell = self._office_cell(v, c0, r0, nc, nr)
        if cell is not None:
            return bool(ex_cov[cell[1], cell[0]])
        if existing is None:
            return False
        g = self.dem_gt
        col = int(math.floor((v.office[0] - g[0]) / g[1]))
        row = int(math.floor((v.office[1] - g[3]) / g[5]))
        return bool(existing.covered(col, row, 1, 1)[0, 0])

    def _change(self, v, share_before, share_after, gained, n_total, c0, r0, nc, nr, new_cov, ex_cov, existing, p,
                point=None) -> VillageChange:
        if point is not None:
            office_before = None
            office_after = None
            office_new = True
        else:
            office_before = self._office_before(v, c0, r0, nc, nr, ex_cov, existing)
            cell = self._office_cell(v, c0, r0, nc, nr)
            office_after = None if office_before is None else (
                office_before or (cell is not None and bool(new_cov[cell[1], cell[0]])))
            office_new = bool(office_after) and not bool(office_before)
        before = v.status if v.status in STATUSES else apply_office_rule(
            share_status(share_before, p.covered_share, p.partial_share), office_before)[0]
        after = apply_office_rule(share_status(share_after, p.covered_share, p.partial_share), office_after)[0]
        if STATUS_RANK[after] < STATUS_RANK[before]:
            after = before
        pop = None
        gain = 0.0
        if v.population is not None:
            try:
                pop = float(v.population)
                gain = pop * (share_after - share_before) if math.isfinite(pop) else 0.0
            except (TypeError, ValueError):
                pop = None
        return VillageChange(id=v.id, code=str(v.code or ""), name=str(v.name or ""), population=pop,
                             status_before=before, status_after=after, share_before=share_before,
                             share_after=share_after, pop_gain=gain, gained_cells=int(gained), n_cells=int(n_total),
                             office_newly_covered=office_new)


def write_preview_tif(result: WhatIfResult, path: str, only_covered: bool = True) -> str:
    """The site's window as a small GeoTIFF (float32, nodata -9999): dBm (los: 1) where covered by the site."""
    arr = result.array
    valid = np.isfinite(arr)
    if only_covered:
        valid &= (arr > 0) if result.kind == "los" else (arr >= result.threshold_dbm)
    out = np.where(valid, arr, cov.OUT_NODATA).astype(np.float32)
    drv = gdal.GetDriverByName("GTiff")
    ds = drv.Create(str(path), out.shape[1], out.shape[0], 1, gdal.GDT_Float32, ["COMPRESS=DEFLATE"])
    ds.SetGeoTransform(result.window_gt)
    if result.wkt:
        ds.SetProjection(result.wkt)
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(cov.OUT_NODATA)
    band.WriteArray(out)
    ds.SetMetadata({"KALTIM_COVERAGE_KIND": result.kind, "KALTIM_WHATIF_SITE": result.site_id})
    ds.FlushCache()
    ds = None
    return str(path)
