"""Village classification against a coverage raster (numpy + GDAL/OGR, no QGIS).

Input: the coverage raster written by the coverage engine (best signal in dBm, float32, nodata -9999; or a
line-of-sight raster holding the number of sites in line of sight) and the villages as WKB geometries **in the
raster's CRS** (polygons, multipolygons or points), each with an id and optionally an office point, a population
and a reported signal status.

Rules (per village)
-------------------
* **Cells of a village** are the raster cells whose centre lies inside the polygon. A polygon so small (or so
  thin) that no cell centre falls inside it takes every cell it touches (``ALL_TOUCHED``); if even that yields
  nothing, the cell under its centroid. So every village gets at least one cell. A village given as a **point**
  uses the single cell under the point (``cov_share`` is then 1 or 0).
* **Covered cell**: a dBm raster cell with a value ``>= threshold_dbm``; a line-of-sight raster cell with a
  count ``>= 1`` (at least one site in line of sight; the dBm threshold is not used).
* **Nodata**: nodata cells (and NaN, and the parts of a village outside the raster extent) count as *not
  covered*: they stay in the denominator of ``cov_share``. ``nodata_share`` = nodata cells / village cells
  tells how much of that is "unknown" rather than "no signal". (A village whose window exceeds
  :data:`MAX_WINDOW_CELLS` is clipped to the raster first, so its cells outside the raster are not counted.)
* **DEM holes**: the coverage tool writes the DEM it computed on into the raster's metadata
  (:data:`DEM_METADATA_KEY`). When that DEM is still there on the raster's grid, ``dem_nodata_share`` = the
  village's cells that are DEM nodata (or outside the DEM) / village cells: there the signal was **not measured**,
  whereas the other nodata cells are only beyond the range of every site (no signal). None when the DEM is not
  known. The status rules do not change (the chain knows ``covered``/``partial``/``blank_spot`` only): the
  adapter names the villages above :data:`NODATA_SHARE_WARN`.
* ``cov_share`` = covered cells / village cells; ``best_dbm`` = the highest valid value in the village
  (None when every cell is nodata); ``office_dbm`` = the value of the cell under the office point (None when no
  office, outside the raster or nodata). For a line-of-sight raster ``best_dbm``/``office_dbm`` hold the
  *number of sites in line of sight* instead (the adapter writes them to ``best_los``/``office_los``).
* **Status from the share**: ``covered`` if ``cov_share >= covered_share`` (0.8), ``partial`` if
  ``cov_share >= partial_share`` (0.2), else ``blank_spot``.
* **Office rule** (only when the village has an office point): the programme connects the village office
  first, so the office decides the edge cases:

  - office **not** covered (below the threshold or nodata) -> the village cannot be ``covered``: a
    ``covered`` village becomes ``partial`` (``status_note='office_no_signal'``);
  - office covered -> the village cannot be a ``blank_spot``: it becomes ``partial``, since the office can be
    connected on the existing signal (``status_note='office_signal'``).
* ``pop_covered`` = ``round(population * cov_share)``: an *estimate* assuming people are spread evenly over
  the village area.

Reported status (agreement)
---------------------------
A reported signal field (e.g. Podes R705D, the type of mobile internet signal in the village) is normalised by
:func:`normalise_reported` to ``4G``/``3G``/``2G``/``signal`` (signal of unknown generation)/``none``;
``''`` (empty text) and ``none``/``tidak ada``/``tidak ada sinyal`` mean ``none``; NULL and unrecognised values
are ``unknown`` and get no agreement. The model "has signal" when its status is ``covered`` or ``partial``.
``agreement``: ``agree`` (both signal or both none), ``model_more`` (model has signal, report says none),
``model_less`` (model says blank spot, report has signal). :func:`confusion_table` counts model status x
reported status.
"""
from __future__ import annotations

import math
import os
import re
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from typing import Callable, Iterable, Optional, Sequence

import numpy as np
from osgeo import gdal, ogr, osr

from .coded_error import LoggedCodedError
from .definitions import THRESHOLD_DBM

gdal.UseExceptions()
ogr.UseExceptions()

COVERED_SHARE = 0.8
PARTIAL_SHARE = 0.2
STATUSES = ("covered", "partial", "blank_spot")
KINDS = ("dbm", "los")
METADATA_KEY = "KALTIM_COVERAGE_KIND"
REPORTED = ("4G", "3G", "2G", "signal", "none", "unknown")
AGREEMENTS = ("agree", "model_more", "model_less")
# the coverage tool's metadata item naming the DEM the raster was computed on (same grid)
DEM_METADATA_KEY = "KALTIM_DEM_PATH"
# ... and, when that DEM is the metric (temporary) copy of a DEM in degrees, the user's DEM it was reprojected from
DEM_SOURCE_METADATA_KEY = "KALTIM_DEM_SOURCE"
# a village with more than this share of nodata (DEM holes, when the DEM is known) is named in a warning
NODATA_SHARE_WARN = 0.5
# a village window larger than this is clipped to the raster (its cells outside the raster are then not counted)
MAX_WINDOW_CELLS = 25_000_000


class ClassifyError(LoggedCodedError):
    """Invalid input. The English message says what and how to fix; ``code`` and ``params`` let a front say it in
    the user's language (errors.describe): 'classify_raster_unreadable' (path, reason), 'classify_raster_rotated'
    / 'classify_raster_not_north_up' (path), 'classify_bad_shares' (partial, covered), 'classify_bad_threshold'
    (value), 'classify_no_overlap' (n, extent)."""


class ClassifyCanceled(Exception):  # noqa: N818 - mirrors coverage.CoverageCanceled
    pass


@dataclass
class VillageInput:
    id: object
    wkb: bytes
    office: Optional[tuple] = None        # (x, y) in the raster CRS
    population: Optional[float] = None
    reported: object = None               # raw reported signal value (None = NULL)
    has_reported: bool = False            # True when a reported field was given (then NULL -> 'unknown')


@dataclass
class VillageResult:
    id: object
    cov_share: float = 0.0
    best_dbm: Optional[float] = None
    office_dbm: Optional[float] = None
    status: str = "blank_spot"
    share_status: str = "blank_spot"      # status from the share alone (before the office rule)
    status_note: str = ""
    pop_covered: Optional[int] = None
    nodata_share: float = 0.0
    dem_nodata_share: Optional[float] = None  # share of DEM holes among the cells (None: the DEM is not known)
    n_cells: int = 0
    cell_rule: str = ""                   # centre | all_touched | centroid | point | empty
    inside_raster: bool = False
    reported: str = ""                    # normalised reported status ('' when no reported field was given)
    agreement: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class ClassifyStats:
    kind: str = "dbm"
    threshold: float = THRESHOLD_DBM
    counts: dict = field(default_factory=dict)
    outside: list = field(default_factory=list)          # ids of villages entirely outside the raster
    no_geometry: list = field(default_factory=list)
    offices_not_covered: int = 0
    dem_path: str = ""                                   # the DEM of the raster (metadata), "" when not usable


# --------------------------------------------------------------------------------------------- raster kind
def detect_kind(ds: gdal.Dataset) -> str:
    """'dbm' or 'los' for an open coverage raster.

    1. metadata item ``KALTIM_COVERAGE_KIND`` (dataset or band 1), or a band description naming it
       (``los``/``line of sight``/``dbm``);
    2. else an integer band is a line-of-sight count;
    3. else sampled values (overview-size read): any negative valid value -> dBm; all valid values >= 0 -> los;
       no valid value -> dBm.
    """
    band = ds.GetRasterBand(1)
    for md in (ds.GetMetadata() or {}, band.GetMetadata() or {}):
        value = str(md.get(METADATA_KEY, "")).strip().lower()
        if value in KINDS:
            return value
    desc = (band.GetDescription() or "").strip().lower()
    if desc.startswith("los") or "line of sight" in desc or "line-of-sight" in desc:
        return "los"
    if "dbm" in desc:
        return "dbm"
    if band.DataType in (gdal.GDT_Byte, gdal.GDT_UInt16, gdal.GDT_Int16, gdal.GDT_UInt32, gdal.GDT_Int32):
        return "los"
    scale = max(1, int(max(ds.RasterXSize, ds.RasterYSize) / 1024))
    arr = band.ReadAsArray(buf_xsize=max(1, ds.RasterXSize // scale), buf_ysize=max(1, ds.RasterYSize // scale))
    valid = _valid_mask(arr, band.GetNoDataValue())
    values = arr[valid]
    if values.size == 0 or (values < 0).any():
        return "dbm"
    return "los"


def _valid_mask(arr: np.ndarray, nodata: Optional[float]) -> np.ndarray:
    valid = np.ones(arr.shape, dtype=bool)
    if np.issubdtype(arr.dtype, np.floating):
        valid &= np.isfinite(arr)
    if nodata is not None and not (isinstance(nodata, float) and math.isnan(nodata)):
        valid &= arr != nodata
    return valid


# --------------------------------------------------------------------------------------------- status rules
def share_status(cov_share: float, covered_share: float = COVERED_SHARE, partial_share: float = PARTIAL_SHARE) -> str:
    if cov_share >= covered_share:
        return "covered"
    if cov_share >= partial_share:
        return "partial"
    return "blank_spot"


def apply_office_rule(status: str, office_covered: Optional[bool]) -> tuple:
    """(status, note) after the office rule; ``office_covered`` None = the village has no office point."""
    if office_covered is None:
        return status, ""
    if not office_covered and status == "covered":
        return "partial", "office_no_signal"
    if office_covered and status == "blank_spot":
        return "partial", "office_signal"
    return status, ""


_NONE_WORDS = {"", "none", "no", "tidak", "tidak_ada", "tidak_ada_sinyal", "tidak_ada_sinyal_internet",
               "tanpa_sinyal", "no_signal", "nosignal", "blank_spot", "blankspot", "blank", "0g", "nihil"}
_SIGNAL_WORDS = {"ada", "ya", "yes", "signal", "sinyal", "ada_sinyal", "sinyal_lemah", "lemah", "kuat",
                 "sinyal_kuat", "sangat_kuat", "sinyal_sangat_kuat", "covered", "partial", "weak", "strong"}


_GENERATION_WORDS = (
    ("4G", {"4g", "lte", "4g+", "4.5g", "lte-a", "ltea", "4glte", "5g", "nr", "5gnr"}),
    ("3G", {"3g", "h", "h+", "hspa", "hspa+", "hsdpa", "umts", "wcdma", "evdo", "3.5g", "3g+"}),
    ("2G", {"2g", "e", "edge", "gprs", "gsm", "2.5g", "2.75g"}),
)


def normalise_reported(value: object) -> str:
    """A reported signal value -> '4G'/'3G'/'2G'/'signal'/'none'/'unknown' (see the module docstring)."""
    if value is None:
        return "unknown"
    if isinstance(value, float) and math.isnan(value):
        return "unknown"
    text = str(value).strip()
    if text.upper() in ("NULL", "NAN"):
        return "unknown"
    if not text:
        return "none"
    tokens = [t for t in re.split(r"[^0-9a-z+.]+", text.lower()) if t]
    if not tokens:
        return "unknown"
    key = "_".join(tokens)
    if key in _NONE_WORDS:
        return "none"
    if key in _SIGNAL_WORDS:
        return "signal"
    for token in tokens:
        for generation, words in _GENERATION_WORDS:
            if token in words:
                return generation
    return "unknown"


def agreement(model_status: str, reported: str) -> str:
    """'agree' / 'model_more' / 'model_less' ('' when the reported status is unknown)."""
    if reported in ("", "unknown"):
        return ""
    model_signal = model_status in ("covered", "partial")
    reported_signal = reported != "none"
    if model_signal == reported_signal:
        return "agree"
    return "model_more" if model_signal else "model_less"


def confusion_table(results: Iterable[VillageResult]) -> dict:
    """{model status: {reported status: count}} over the villages with a reported value (all cells present)."""
    table = {s: {r: 0 for r in REPORTED} for s in STATUSES}
    for r in results:
        if r.reported:
            table[r.status][r.reported] = table[r.status].get(r.reported, 0) + 1
    return table


def agreement_counts(results: Iterable[VillageResult]) -> dict:
    counts = {a: 0 for a in AGREEMENTS}
    for r in results:
        if r.agreement:
            counts[r.agreement] += 1
    return counts


def output_values(res: VillageResult, los: bool, with_reported: bool) -> dict:
    """The output fields of one village (kaltiminternet:classifyvillages): rounded shares and signals; with a
    line-of-sight raster the counts go to best_los/office_los instead of the dBm fields."""
    values = {"cov_share": round(res.cov_share, 4), "status": res.status,
              "office_dbm": None if los or res.office_dbm is None else round(res.office_dbm, 2),
              "best_dbm": None if los or res.best_dbm is None else round(res.best_dbm, 2),
              "pop_covered": res.pop_covered, "nodata_share": round(res.nodata_share, 4),
              "status_note": res.status_note, "n_cells": res.n_cells}
    if los:
        values["best_los"] = None if res.best_dbm is None else int(res.best_dbm)
        values["office_los"] = None if res.office_dbm is None else int(res.office_dbm)
    if with_reported:
        values["reported_sig"] = res.reported
        values["agreement"] = res.agreement
    return values


def result_summary(results: Sequence[VillageResult]) -> dict:
    """Figures the run reports: population covered (est.), villages more than half nodata, office-rule notes."""
    return {"pop_covered": sum(r.pop_covered or 0 for r in results),
            "high_nodata": sum(1 for r in results if r.nodata_share > 0.5),
            "office_no_signal": sum(1 for r in results if r.status_note == "office_no_signal"),
            "office_signal": sum(1 for r in results if r.status_note == "office_signal")}


def format_confusion(table: dict, row_labels: Optional[dict] = None, col_labels: Optional[dict] = None) -> str:
    """Plain-text confusion table (rows = model status, columns = reported status, plus totals)."""
    row_labels = row_labels or {}
    col_labels = col_labels or {}
    cols = [c for c in REPORTED if any(table[s].get(c, 0) for s in STATUSES)] or ["none"]
    head = [col_labels.get(c, c) for c in cols] + [col_labels.get("total", "total")]
    first = max([len(row_labels.get(s, s)) for s in STATUSES] + [len(col_labels.get("total", "total")), 5])
    width = max([len(h) for h in head] + [6])
    lines = [" " * first + " | " + " ".join(h.rjust(width) for h in head)]
    lines.append("-" * len(lines[0]))
    totals = {c: 0 for c in cols}
    for s in STATUSES:
        row = [table[s].get(c, 0) for c in cols]
        for c, v in zip(cols, row):
            totals[c] += v
        lines.append(row_labels.get(s, s).ljust(first) + " | " + " ".join(str(v).rjust(width) for v in row)
                     + " " + str(sum(row)).rjust(width))
    lines.append(col_labels.get("total", "total").ljust(first) + " | "
                 + " ".join(str(totals[c]).rjust(width) for c in cols) + " " + str(sum(totals.values())).rjust(width))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------- raster access
def cell_index(gt: tuple, x: float, y: float) -> tuple:
    """(col, row) of the cell of geotransform ``gt`` under (x, y); unclipped. The one grid helper of classify and
    the what-if engine."""
    return int(math.floor((x - gt[0]) / gt[1])), int(math.floor((y - gt[3]) / gt[5]))


def geometry_from_wkb(wkb: Optional[bytes]):
    """An OGR geometry from a village's WKB; None when there is none or it cannot be read."""
    if not wkb:
        return None
    try:
        return ogr.CreateGeometryFromWkb(bytes(wkb))
    except RuntimeError:
        return None


def envelope_window(gt: tuple, env: tuple) -> tuple:
    """(col0, row0, ncols, nrows) of the cells of ``gt`` touched by envelope (minx, maxx, miny, maxy); unclipped."""
    minx, maxx, miny, maxy = env
    c0 = int(math.floor((minx - gt[0]) / gt[1]))
    c1 = int(math.ceil((maxx - gt[0]) / gt[1]))
    r0 = int(math.floor((maxy - gt[3]) / gt[5]))
    r1 = int(math.ceil((miny - gt[3]) / gt[5]))
    return c0, r0, max(1, c1 - c0), max(1, r1 - r0)


class CoverageRaster:
    """An open coverage raster: kind, nodata, windowed reads (cells outside the extent read as nodata)."""

    def __init__(self, path: str, kind: Optional[str] = None):
        try:
            self.ds = gdal.Open(str(path))
        except RuntimeError as exc:
            raise ClassifyError(f"Cannot open the coverage raster '{path}': {exc}", "classify_raster_unreadable",
                                path=path, reason=str(exc)) from None
        if self.ds is None:
            raise ClassifyError(f"Cannot open the coverage raster '{path}'.", "classify_raster_unreadable",
                                path=path, reason="")
        self.path = str(path)
        gt = self.ds.GetGeoTransform()
        if gt[2] != 0 or gt[4] != 0:
            raise ClassifyError(f"The coverage raster '{path}' is rotated; warp it to a north-up grid first.",
                                "classify_raster_rotated", path=path)
        if gt[1] <= 0 or gt[5] >= 0:
            raise ClassifyError(f"The coverage raster '{path}' has no north-up geotransform; warp it first.",
                                "classify_raster_not_north_up", path=path)
        self.gt = gt
        self.xsize, self.ysize = self.ds.RasterXSize, self.ds.RasterYSize
        self.band = self.ds.GetRasterBand(1)
        self.nodata = self.band.GetNoDataValue()
        self.kind = kind if kind in KINDS else detect_kind(self.ds)

    @property
    def extent(self) -> tuple:
        gt = self.gt
        return gt[0], gt[3] + gt[5] * self.ysize, gt[0] + gt[1] * self.xsize, gt[3]

    @property
    def wkt(self) -> str:
        return self.ds.GetProjection() or ""

    def covered(self, values: np.ndarray, valid: np.ndarray, threshold: float) -> np.ndarray:
        if self.kind == "los":
            return valid & (values >= 1)
        return valid & (values >= threshold)

    def window_for(self, env: tuple) -> tuple:
        """(col0, row0, ncols, nrows) of the cells touched by envelope (minx, maxx, miny, maxy); unclipped."""
        return envelope_window(self.gt, env)

    def read(self, c0: int, r0: int, nc: int, nr: int) -> tuple:
        """(values float64, valid mask) for a window that may extend beyond the raster (outside = invalid)."""
        values = np.zeros((nr, nc), dtype=np.float64)
        valid = np.zeros((nr, nc), dtype=bool)
        x0, y0 = max(c0, 0), max(r0, 0)
        x1, y1 = min(c0 + nc, self.xsize), min(r0 + nr, self.ysize)
        if x1 > x0 and y1 > y0:
            arr = self.band.ReadAsArray(x0, y0, x1 - x0, y1 - y0)
            sl = (slice(y0 - r0, y1 - r0), slice(x0 - c0, x1 - c0))
            values[sl] = arr
            valid[sl] = _valid_mask(arr, self.nodata)
        return values, valid

    def cell_of(self, x: float, y: float) -> Optional[tuple]:
        return cell_index(self.gt, x, y)

    def value_at(self, x: float, y: float) -> Optional[float]:
        """The valid cell value under (x, y), or None (outside / nodata)."""
        col, row = self.cell_of(x, y)
        if not (0 <= col < self.xsize and 0 <= row < self.ysize):
            return None
        values, valid = self.read(col, row, 1, 1)
        return float(values[0, 0]) if valid[0, 0] else None

    def intersects(self, env: tuple) -> bool:
        minx, maxx, miny, maxy = env
        ex = self.extent
        return not (maxx < ex[0] or minx > ex[2] or maxy < ex[1] or miny > ex[3])


class DemGrid:
    """The DEM a coverage raster was computed on (named by its metadata item :data:`DEM_METADATA_KEY`) when it
    still exists on the raster's very grid: it tells DEM holes (signal not measured) from cells beyond the range of
    every site, which the coverage raster both writes as nodata."""

    def __init__(self, ds, path: str, temp_folder: str = ""):
        self.ds, self.path = ds, path
        self.band = ds.GetRasterBand(1)
        self.nodata = self.band.GetNoDataValue()
        self.temp_folder = temp_folder  # the folder of a copy made again by _reproject_again (removed by close)

    @classmethod
    def of(cls, raster: CoverageRaster) -> Optional[DemGrid]:
        metadata = raster.ds.GetMetadata() or {}
        path, temp = metadata.get(DEM_METADATA_KEY, ""), ""
        if path and not os.path.isfile(path):
            # the metric copy of a DEM in degrees was a temporary file: the same reprojection of the user's DEM again
            path, temp = cls._reproject_again(metadata.get(DEM_SOURCE_METADATA_KEY, ""))
        grid = cls._on_grid(raster, path, temp)
        if grid is None and temp:
            shutil.rmtree(temp, ignore_errors=True)
        return grid

    @classmethod
    def _on_grid(cls, raster: CoverageRaster, path: str, temp: str) -> Optional[DemGrid]:
        if not path or not os.path.isfile(path):
            return None
        try:
            ds = gdal.Open(path)
        except RuntimeError:
            return None
        if ds is None or (ds.RasterXSize, ds.RasterYSize) != (raster.xsize, raster.ysize):
            return None
        if any(abs(a - b) > 1e-6 * max(1.0, abs(a)) for a, b in zip(ds.GetGeoTransform(), raster.gt)):
            return None
        return cls(ds, path, temp)

    @staticmethod
    def _reproject_again(source: str) -> tuple:
        """(the metric copy of the DEM in degrees ``source``, the new temporary folder holding it) (core.coverage.
        ensure_metric_dem: the same grid as when the coverage was computed), or ("", "") when ``source`` is gone or
        not in degrees."""
        from .coverage import CoverageError, _is_degree_dem, ensure_metric_dem

        if not source or not os.path.isfile(source):
            return "", ""
        try:
            ds = gdal.Open(source)
            degrees = ds is not None and _is_degree_dem(ds)
        except RuntimeError:
            degrees = False
        ds = None
        if not degrees:
            return "", ""
        tmpdir = tempfile.mkdtemp(prefix="kaltim_dem_again_")
        try:
            return ensure_metric_dem(source, tmpdir)[0], tmpdir
        except (CoverageError, RuntimeError, OSError):
            shutil.rmtree(tmpdir, ignore_errors=True)
            return "", ""

    def close(self) -> None:
        """Closes the DEM; a copy made by :meth:`_reproject_again` is removed (never the DEM the raster names)."""
        self.band = self.ds = None
        if self.temp_folder:
            shutil.rmtree(self.temp_folder, ignore_errors=True)

    def invalid(self, cells: VillageCells) -> np.ndarray:
        """True for the cells that are DEM nodata or outside the DEM."""
        if cells.cols.size == 0:
            return np.zeros(0, dtype=bool)
        c0, r0 = int(cells.cols.min()), int(cells.rows.min())
        nc, nr = int(cells.cols.max()) - c0 + 1, int(cells.rows.max()) - r0 + 1
        valid = np.zeros((nr, nc), dtype=bool)
        x0, y0 = max(c0, 0), max(r0, 0)
        x1, y1 = min(c0 + nc, self.ds.RasterXSize), min(r0 + nr, self.ds.RasterYSize)
        if x1 > x0 and y1 > y0:
            arr = self.band.ReadAsArray(x0, y0, x1 - x0, y1 - y0)
            valid[y0 - r0:y1 - r0, x0 - c0:x1 - c0] = _valid_mask(arr, self.nodata)
        return ~valid[cells.rows - r0, cells.cols - c0]


def unmeasured(results: Sequence[VillageResult], share: float = NODATA_SHARE_WARN) -> list:
    """The results whose signal is mostly not measured: more than ``share`` of their cells are DEM holes (when the
    DEM is known), or more than ``share`` nodata in the coverage raster (when it is not). Villages without a
    geometry are not among them (they are named as such)."""
    return [r for r in results if r.cell_rule != "empty"
            and (r.dem_nodata_share if r.dem_nodata_share is not None else r.nodata_share) > share]


# --------------------------------------------------------------------------------------------- classification
class _Rasteriser:
    """One in-memory OGR layer reused for every village; rasterises one geometry over one window."""

    def __init__(self, wkt: str):
        self.vds = ogr.GetDriverByName("Memory").CreateDataSource("classify")
        srs = None
        if wkt:
            srs = osr.SpatialReference()
            srs.ImportFromWkt(wkt)
        self.srs_wkt = wkt
        self.layer = self.vds.CreateLayer("v", srs, ogr.wkbUnknown)
        self.mem = gdal.GetDriverByName("MEM")

    def mask(self, geom: ogr.Geometry, gt: tuple, c0: int, r0: int, nc: int, nr: int, all_touched: bool) -> np.ndarray:
        for feat in list(self.layer):
            self.layer.DeleteFeature(feat.GetFID())
        feat = ogr.Feature(self.layer.GetLayerDefn())
        feat.SetGeometry(geom)
        self.layer.CreateFeature(feat)
        ds = self.mem.Create("", nc, nr, 1, gdal.GDT_Byte)
        ds.SetGeoTransform((gt[0] + c0 * gt[1], gt[1], 0.0, gt[3] + r0 * gt[5], 0.0, gt[5]))
        if self.srs_wkt:
            ds.SetProjection(self.srs_wkt)
        opts = ["ALL_TOUCHED=TRUE"] if all_touched else []
        gdal.RasterizeLayer(ds, [1], self.layer, burn_values=[1], options=opts)
        out = ds.GetRasterBand(1).ReadAsArray().astype(bool)
        ds = None
        return out


def classify_villages(raster_path: str, villages: Sequence[VillageInput], threshold_dbm: float = THRESHOLD_DBM,
                      covered_share: float = COVERED_SHARE, partial_share: float = PARTIAL_SHARE,
                      kind: Optional[str] = None, progress: Optional[Callable[[float], None]] = None,
                      is_canceled: Optional[Callable[[], bool]] = None) -> tuple:
    """Classify ``villages`` (geometries in the raster's CRS) -> ``([VillageResult], ClassifyStats)``.

    Each polygon is rasterised only over its own bounding window. Raises :class:`ClassifyError` for bad
    parameters or when no village overlaps the raster, :class:`ClassifyCanceled` when ``is_canceled()``.
    """
    if not (0.0 <= partial_share <= covered_share <= 1.0):
        raise ClassifyError(f"Shares must satisfy 0 <= partial share ({partial_share:g}) <= covered share "
                            f"({covered_share:g}) <= 1.", "classify_bad_shares", partial=f"{partial_share:g}",
                            covered=f"{covered_share:g}")
    if threshold_dbm is None or not math.isfinite(float(threshold_dbm)):
        raise ClassifyError(f"The threshold must be a number of dBm, got {threshold_dbm!r}.",
                            "classify_bad_threshold", value=threshold_dbm)
    raster = CoverageRaster(raster_path, kind)
    stats = ClassifyStats(kind=raster.kind, threshold=float(threshold_dbm))
    rast = _Rasteriser(raster.wkt)
    dem = DemGrid.of(raster)
    stats.dem_path = dem.path if dem is not None else ""
    results: list[VillageResult] = []
    total = max(1, len(villages))
    try:
        for i, v in enumerate(villages):
            if is_canceled is not None and is_canceled():
                raise ClassifyCanceled(f"Classification canceled after {i} of {len(villages)} villages.")
            res = _classify_one(raster, rast, v, float(threshold_dbm), covered_share, partial_share, stats, dem)
            results.append(res)
            if progress is not None and (i % 20 == 0 or i == len(villages) - 1):
                progress(100.0 * (i + 1) / total)
    finally:
        if dem is not None:
            dem.close()
    if villages and not any(r.inside_raster for r in results):
        ex = raster.extent
        extent = f"{ex[0]:.4f}, {ex[1]:.4f} - {ex[2]:.4f}, {ex[3]:.4f}"
        raise ClassifyError(
            f"None of the {len(villages)} villages overlaps the coverage raster (extent {extent}). Check that both "
            "layers have the right CRS and cover the same area.", "classify_no_overlap", n=len(villages),
            extent=extent)
    stats.counts = {s: sum(1 for r in results if r.status == s) for s in STATUSES}
    return results, stats


@dataclass
class VillageCells:
    """The raster cells that stand for one village (see the module rules): columns and rows on the raster grid
    (a cell may lie outside the raster: it then reads as nodata)."""

    rule: str                             # centre | all_touched | centroid | point | empty
    cols: np.ndarray
    rows: np.ndarray
    inside_raster: bool = False
    in_extent: bool = False               # the geometry's envelope meets the raster's extent


def village_cells(raster: CoverageRaster, rast: _Rasteriser, wkb: Optional[bytes]) -> VillageCells:
    """The cells of a village geometry (WKB in the raster's CRS) by the classification rules."""
    empty = np.zeros(0, dtype=np.int64)
    geom = geometry_from_wkb(wkb)
    if geom is None or geom.IsEmpty():
        return VillageCells("empty", empty, empty)
    flat = ogr.GT_Flatten(geom.GetGeometryType())
    env = geom.GetEnvelope()
    inside = raster.intersects(env)

    def at_point(x: float, y: float, rule: str) -> VillageCells:
        col, row = raster.cell_of(x, y)
        if rule == "point":
            ok = 0 <= col < raster.xsize and 0 <= row < raster.ysize
        else:
            ok = inside
        return VillageCells(rule, np.array([col]), np.array([row]), ok, inside)

    if flat in (ogr.wkbPoint, ogr.wkbMultiPoint):
        pt = geom if flat == ogr.wkbPoint else geom.GetGeometryRef(0)
        return at_point(pt.GetX(), pt.GetY(), "point")
    c0, r0, nc, nr = raster.window_for(env)
    if nc * nr > MAX_WINDOW_CELLS:  # huge polygon: only its part over the raster is rasterised
        x0, y0 = max(c0, 0), max(r0, 0)
        nc, nr = max(1, min(c0 + nc, raster.xsize) - x0), max(1, min(r0 + nr, raster.ysize) - y0)
        c0, r0 = x0, y0
    mask = rast.mask(geom, raster.gt, c0, r0, nc, nr, all_touched=False)
    rule = "centre"
    if not mask.any():
        mask = rast.mask(geom, raster.gt, c0, r0, nc, nr, all_touched=True)
        rule = "all_touched"
    if not mask.any():
        c = geom.Centroid()
        return at_point(c.GetX(), c.GetY(), "centroid")
    rr, cc = np.nonzero(mask)
    return VillageCells(rule, cc + c0, rr + r0, inside, inside)


def cell_values(raster: CoverageRaster, cells: VillageCells) -> tuple:
    """(values, valid) of the village's cells."""
    if cells.cols.size == 0:
        return np.zeros(0), np.zeros(0, dtype=bool)
    c0, r0 = int(cells.cols.min()), int(cells.rows.min())
    nc, nr = int(cells.cols.max()) - c0 + 1, int(cells.rows.max()) - r0 + 1
    values, valid = raster.read(c0, r0, nc, nr)
    return values[cells.rows - r0, cells.cols - c0], valid[cells.rows - r0, cells.cols - c0]


def status_of(covered_cells: np.ndarray, office_covered: Optional[bool], covered_share: float = COVERED_SHARE,
              partial_share: float = PARTIAL_SHARE) -> tuple:
    """(status, note, cov_share) of a village from its covered cells and its office (None = no office)."""
    n = int(covered_cells.size)
    share = float(covered_cells.sum()) / n if n else 0.0
    status, note = apply_office_rule(share_status(share, covered_share, partial_share), office_covered)
    return status, note, share


def _classify_one(raster: CoverageRaster, rast: _Rasteriser, v: VillageInput, threshold: float,
                  covered_share: float, partial_share: float, stats: ClassifyStats,
                  dem: Optional[DemGrid] = None) -> VillageResult:
    res = VillageResult(id=v.id)
    cells = village_cells(raster, rast, v.wkb)
    res.cell_rule = cells.rule
    res.inside_raster = cells.inside_raster
    if cells.rule == "empty":
        stats.no_geometry.append(v.id)
        res.nodata_share = 1.0
    else:
        if not cells.in_extent:
            stats.outside.append(v.id)
        values, valid = cell_values(raster, cells)
        n = int(values.size)
        cov = raster.covered(values, valid, threshold)
        res.n_cells = n
        res.cov_share = float(cov.sum()) / n
        res.nodata_share = float(n - valid.sum()) / n
        res.best_dbm = float(values[valid].max()) if valid.any() else None
        if dem is not None:
            res.dem_nodata_share = float(dem.invalid(cells).sum()) / n
    res.share_status = share_status(res.cov_share, covered_share, partial_share)
    office_covered = None
    if v.office is not None:
        res.office_dbm = raster.value_at(v.office[0], v.office[1])
        if res.office_dbm is None:
            office_covered = False
        else:
            office_covered = bool(raster.covered(np.array([res.office_dbm]), np.array([True]), threshold)[0])
        if not office_covered:
            stats.offices_not_covered += 1
    res.status, res.status_note = apply_office_rule(res.share_status, office_covered)
    if v.population is not None:
        try:
            pop = float(v.population)
            res.pop_covered = int(round(pop * res.cov_share)) if math.isfinite(pop) else None
        except (TypeError, ValueError):
            res.pop_covered = None
    if v.has_reported:
        res.reported = normalise_reported(v.reported)
        res.agreement = agreement(res.status, res.reported)
    return res
