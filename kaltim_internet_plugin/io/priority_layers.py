"""Adapters between QGIS layers and the prioritisation / site-selection core (issue #4).

Everything here is shared by the four algorithms (prioritize, choosetech, candidates, optimizesites) and the
Priority page: reading features once, office points in a metric CRS, criterion field detection, raster sampling
with GDAL, nearest-distance queries and output field lists.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingFeatureSource,
    QgsProject,
    QgsUnitTypes,
    QgsWkbTypes,
)

from ..compat import FieldType
from ..core.numbers import ANY, ColumnSpec, parse_column, plain, to_float
from ..i18n import tr
from ..input_text import first_listed, report_issues

ANALYSIS_CRS = "EPSG:32750"

# criterion data key (core.priority) -> candidate field names (case-insensitive, first match wins)
CRITERION_FIELDS = {
    "coverage_status": ("status", "coverage_status", "status_sinyal", "blank_spot"),
    "idm": ("idm", "idm_score", "idm_status", "status_idm", "skor_idm", "nilai_idm"),
    "schools": ("schools", "sekolah", "jml_sekolah", "jumlah_sekolah", "n_schools"),
    "health_posts": ("health_posts", "health", "faskes", "puskesmas", "posyandu", "jml_faskes"),
    "electricity": ("electricity", "listrik", "has_electricity", "pln"),
    "cadres": ("cadres", "cadres_trained", "kader", "jml_kader", "kader_digital"),
}
# algorithm parameter -> criterion data key
FIELD_PARAMS = (
    ("STATUS_FIELD", "coverage_status"),
    ("IDM_FIELD", "idm"),
    ("SCHOOLS_FIELD", "schools"),
    ("HEALTH_FIELD", "health_posts"),
    ("ELECTRICITY_FIELD", "electricity"),
    ("CADRES_FIELD", "cadres"),
)


def as_float(v) -> float:
    """One value -> float, NaN when missing or unreadable (:func:`core.numbers.to_float`). For a field of a
    table use :func:`column_floats`, which reads the whole column the same way and reports its problems."""
    return to_float(plain(v))


def column_floats(table: FeatureTable, name: str, spec: ColumnSpec = ANY, feedback=None,
                  what: Optional[str] = None) -> np.ndarray:
    """A field of ``table`` -> float array (NaN = missing or not usable), parsed as one column by
    :func:`core.numbers.parse_column`; its problems go to ``feedback`` naming the feature id and the field."""
    if not name:
        return np.full(len(table), np.nan)
    res = parse_column(table.column(name), name, spec, rows=table.fids)
    if res.issues:
        report_issues(feedback, res.issues, what or tr("feature"))
    return np.array(res.floats(), dtype=float)


def find_field(names, override: str = "", candidates=()) -> str:
    """``override`` if it is a field, else the first candidate present (case-insensitive), else ''."""
    if override and override in names:
        return override
    lower = {n.lower(): n for n in names}
    if override and override.lower() in lower:
        return lower[override.lower()]
    for c in candidates:
        if c.lower() in lower:
            return lower[c.lower()]
    return ""


def detect_criterion_fields(names, overrides: Optional[dict] = None) -> dict:
    """criterion data key -> field name ('' when absent). ``overrides``: data key -> field name."""
    overrides = overrides or {}
    return {key: find_field(names, overrides.get(key, ""), cands) for key, cands in CRITERION_FIELDS.items()}


def metric_crs(crs: QgsCoordinateReferenceSystem) -> QgsCoordinateReferenceSystem:
    """The layer's CRS when it is projected in metres, else EPSG:32750 (UTM 50S)."""
    if crs is not None and crs.isValid() and not crs.isGeographic() and \
            crs.mapUnits() == QgsUnitTypes.DistanceUnit.DistanceMeters:
        return crs
    return QgsCoordinateReferenceSystem(ANALYSIS_CRS)


def transform_context(context=None):
    if context is not None:
        return context.transformContext()
    return QgsProject.instance().transformContext()


def office_point(geom: QgsGeometry) -> Optional[QgsPointXY]:
    """Points: the point (first part); polygons/lines: point on surface. None for empty geometries."""
    if geom is None or geom.isNull() or geom.isEmpty():
        return None
    if geom.type() == QgsWkbTypes.GeometryType.PointGeometry:
        if geom.isMultipart():
            pts = geom.asMultiPoint()
            return QgsPointXY(pts[0]) if pts else None
        return QgsPointXY(geom.asPoint())
    pos = geom.pointOnSurface()
    if pos is None or pos.isNull() or pos.isEmpty():
        pos = geom.centroid()
    if pos is None or pos.isNull() or pos.isEmpty():
        return None
    return QgsPointXY(pos.asPoint())


@dataclass
class FeatureTable:
    """All features of a source read once: attributes (by field), geometries, office points in a metric CRS."""

    fields: QgsFields
    fids: list
    attrs: list  # list of attribute lists (QVariant-free python values)
    geometries: list
    xy: np.ndarray  # (n, 2) office points in ``crs`` (NaN when empty geometry)
    crs: QgsCoordinateReferenceSystem
    source_crs: QgsCoordinateReferenceSystem
    wkb_type: int = 0
    empty: list = field(default_factory=list)  # indices with empty geometry

    def __len__(self):
        return len(self.fids)

    def column(self, name: str) -> list:
        if not name:
            return [None] * len(self.fids)
        idx = self.fields.lookupField(name)
        if idx < 0:
            return [None] * len(self.fids)
        return [a[idx] for a in self.attrs]

    def names(self) -> list:
        return self.fields.names()


def read_table(source, crs: Optional[QgsCoordinateReferenceSystem] = None, context=None, feedback=None,
               progress_span=(0, 10)) -> FeatureTable:
    """Read every feature of ``source`` (QgsFeatureSource or QgsVectorLayer); office points in ``crs``
    (default: :func:`metric_crs` of the source)."""
    src_crs = source.sourceCrs() if hasattr(source, "sourceCrs") else source.crs()
    crs = crs or metric_crs(src_crs)
    xform = QgsCoordinateTransform(src_crs, crs, transform_context(context)) if src_crs.isValid() else None
    fids, attrs, geoms, pts, empty = [], [], [], [], []
    total = max(1, source.featureCount())
    req = QgsFeatureRequest()
    if isinstance(source, QgsProcessingFeatureSource):
        # invalid polygons still have a usable point on surface; checkvillages/repairvillages report and fix them
        features = source.getFeatures(req, QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks)
    else:
        features = source.getFeatures(req)
    for k, f in enumerate(features):
        if feedback is not None:
            if feedback.isCanceled():
                break
            if k % 200 == 0:
                feedback.setProgress(progress_span[0] + (progress_span[1] - progress_span[0]) * k / total)
        fids.append(f.id())
        attrs.append([plain(v) for v in f.attributes()])
        g = QgsGeometry(f.geometry())
        geoms.append(g)
        p = office_point(g)
        if p is None:
            pts.append((math.nan, math.nan))
            empty.append(len(fids) - 1)
            continue
        if xform is not None:
            try:
                p = xform.transform(p)
            except Exception:  # noqa: BLE001 - transform failure -> treat as empty
                pts.append((math.nan, math.nan))
                empty.append(len(fids) - 1)
                continue
        pts.append((p.x(), p.y()))
    xy = np.array(pts, dtype=float).reshape(-1, 2)
    wkb = source.wkbType() if hasattr(source, "wkbType") else 0
    return FeatureTable(fields=QgsFields(source.fields()), fids=fids, attrs=attrs, geometries=geoms, xy=xy,
                        crs=crs, source_crs=src_crs, wkb_type=wkb, empty=empty)


def output_fields(input_fields: QgsFields, additions) -> QgsFields:
    """Input fields minus those re-computed here, then ``additions`` ((name, QVariant type) pairs)."""
    new_names = {n.lower() for n, _t in additions}
    out = QgsFields()
    for f in input_fields:
        if f.name().lower() not in new_names:
            out.append(QgsField(f))
    for added in make_fields(additions):
        out.append(added)
    return out


def merged_attributes(table: FeatureTable, i: int, out_fields: QgsFields, values: dict) -> list:
    """Attributes of feature ``i`` laid out for ``out_fields``: input values, then ``values`` by name."""
    row = []
    for f in out_fields:
        name = f.name()
        if name in values:
            row.append(plain(values[name]))
        else:
            idx = table.fields.lookupField(name)
            row.append(table.attrs[i][idx] if idx >= 0 else None)
    return row


def nearest(xy: np.ndarray, targets: np.ndarray):
    """(distance, index) of the nearest target for every point (inf / -1 when there are no targets or NaN)."""
    n = len(xy)
    dist = np.full(n, np.inf)
    idx = np.full(n, -1, dtype=np.int64)
    t = np.asarray(targets, dtype=float).reshape(-1, 2)
    t = t[np.all(np.isfinite(t), axis=1)] if len(t) else t
    ok = np.all(np.isfinite(xy), axis=1)
    if len(t) == 0 or not ok.any():
        return dist, idx
    from scipy.spatial import cKDTree

    # keep the original target numbering
    tt = np.asarray(targets, dtype=float).reshape(-1, 2)
    finite_t = np.flatnonzero(np.all(np.isfinite(tt), axis=1))
    tree = cKDTree(tt[finite_t])
    d, j = tree.query(xy[ok])
    dist[ok] = d
    idx[ok] = finite_t[j]
    return dist, idx


# --------------------------------------------------------------------------- rasters
def open_gdal(raster_layer):
    """GDAL dataset of a raster layer (its source path)."""
    from osgeo import gdal

    ds = gdal.Open(raster_layer.source()) if raster_layer is not None else None
    return ds


def raster_crs(ds) -> QgsCoordinateReferenceSystem:
    wkt = ds.GetProjection()
    crs = QgsCoordinateReferenceSystem()
    if wkt:
        crs.createFromWkt(wkt)
    return crs


def points_to_crs(xy: np.ndarray, src: QgsCoordinateReferenceSystem, dst: QgsCoordinateReferenceSystem,
                  context=None) -> np.ndarray:
    if not dst.isValid() or src == dst:
        return np.array(xy, dtype=float)
    xform = QgsCoordinateTransform(src, dst, transform_context(context))
    out = np.full((len(xy), 2), np.nan)
    for i, (x, y) in enumerate(xy):
        if math.isfinite(x) and math.isfinite(y):
            try:
                p = xform.transform(QgsPointXY(x, y))
                out[i] = (p.x(), p.y())
            except Exception:  # noqa: BLE001
                pass
    return out


def pixel_index(gt, xy: np.ndarray, xsize: int, ysize: int):
    """(col, row, inside) for points in the raster CRS (north-up geotransform)."""
    with np.errstate(invalid="ignore"):
        col = np.floor((xy[:, 0] - gt[0]) / gt[1])
        row = np.floor((xy[:, 1] - gt[3]) / gt[5])
    inside = np.isfinite(col) & np.isfinite(row) & (col >= 0) & (row >= 0) & (col < xsize) & (row < ysize)
    col = np.where(inside, col, 0).astype(np.int64)
    row = np.where(inside, row, 0).astype(np.int64)
    return col, row, inside


def _extent_text(xy: np.ndarray) -> str:
    return f"({xy[:, 0].min():.0f}, {xy[:, 1].min():.0f}) - ({xy[:, 0].max():.0f}, {xy[:, 1].max():.0f})"


def dem_overlap(ds, dem_crs: QgsCoordinateReferenceSystem, dem_name: str, table: FeatureTable, indices, codes,
                consequence: str, context=None, most: int = 10) -> tuple:
    """``(refusal, warning)`` about the office points ``indices`` of ``table`` and the DEM ``ds`` (in ``dem_crs``),
    '' when it does not apply: the refusal when none of them lies on the DEM, the warning (how many, the first
    ``codes``, ``consequence``) when only some do not. Both extents are given in the DEM's CRS."""
    idx = [int(i) for i in indices if np.all(np.isfinite(table.xy[int(i)]))]
    if not idx:
        return "", ""
    xy = points_to_crs(table.xy[idx], table.crs, dem_crs, context)
    gt = ds.GetGeoTransform()
    _c, _r, inside = pixel_index(gt, xy, ds.RasterXSize, ds.RasterYSize)
    if inside.all():
        return "", ""
    corners = np.array([[gt[0], gt[3] + gt[5] * ds.RasterYSize], [gt[0] + gt[1] * ds.RasterXSize, gt[3]]])
    placed = xy[np.all(np.isfinite(xy), axis=1)]
    offices = _extent_text(placed) if len(placed) else tr("(cannot be placed in the DEM's CRS)")
    where = dict(name=dem_name, v=offices, r=_extent_text(corners), crs=dem_crs.authid())
    if not inside.any():
        return tr("The villages do not overlap the DEM {name}: village offices {v} vs DEM {r} (in {crs}). Check both "
                  "layers' CRS, or choose the DEM that covers these villages.").format(**where), ""
    out = [idx[k] for k in np.flatnonzero(~inside)]
    shown = first_listed((codes[i] for i in out), most)
    return "", tr("{k} of {n} village offices lie outside the DEM {name} (offices {v} vs DEM {r}, in {crs}): {codes}. "
                  "{consequence} Use a DEM that covers every village, or check both layers' CRS.").format(
        k=len(out), n=len(idx), codes=shown, consequence=consequence, **where)


def sample_raster(ds, xy_raster: np.ndarray, band: int = 1) -> np.ndarray:
    """Value of band ``band`` at each point (raster CRS); NaN outside, on nodata or NaN points.

    Reads only the bounding window of the points (in blocks of rows), never the whole raster when the points
    cluster."""
    gt = ds.GetGeoTransform()
    b = ds.GetRasterBand(band)
    nd = b.GetNoDataValue()
    col, row, inside = pixel_index(gt, np.asarray(xy_raster, float).reshape(-1, 2), ds.RasterXSize, ds.RasterYSize)
    out = np.full(len(col), np.nan)
    for i in np.flatnonzero(inside):
        a = b.ReadAsArray(int(col[i]), int(row[i]), 1, 1)
        if a is None:
            continue
        v = float(a[0, 0])
        if (nd is not None and v == nd) or not math.isfinite(v):
            continue
        out[i] = v
    return out


def make_fields(spec) -> QgsFields:
    """Fields of ``spec`` ((name, FieldType) pairs); a Double field is typed "double"."""
    out = QgsFields()
    for name, vtype in spec:
        if vtype == FieldType.Double:
            out.append(QgsField(name, vtype, "double"))
        else:
            out.append(QgsField(name, vtype))
    return out


def point_geometry(x: float, y: float) -> QgsGeometry:
    return QgsGeometry.fromPointXY(QgsPointXY(x, y))


def load_cost_table(path: str):
    """CostTable from a CSV or JSON file (by extension; content sniffed when unknown). Raises ValueError."""
    from ..core.costs import CostTable

    low = path.lower()
    if low.endswith(".json"):
        return CostTable.from_json(path)
    if low.endswith(".csv"):
        return CostTable.from_csv(path)
    with open(path, encoding="utf-8-sig") as fh:
        text = fh.read()
    if text.lstrip().startswith(("{", "[")):
        return CostTable.from_json(text=text)
    return CostTable.from_csv(text=text)


# --------------------------------------------------------------------------- DEM + coverage engine
def open_metric_dem(raster_layer):
    """(gdal dataset, QgsCoordinateReferenceSystem, message) of a metric version of the DEM layer.

    A DEM in degrees is reprojected to its UTM zone in a temporary folder (core.coverage.ensure_metric_dem);
    the message says so (empty otherwise). Raises core.coverage.CoverageError."""
    from osgeo import gdal

    from ..core.coverage import CoverageError, ensure_metric_dem
    from .scratch import scratch_path

    # the folder is made only for a DEM in degrees (its copy in metres); a metric DEM is read where it is
    path, msg = ensure_metric_dem(raster_layer.source(), scratch_path("kaltim_dem_"))
    ds = gdal.Open(path)
    if ds is None:
        raise CoverageError(f"Cannot open DEM '{path}'")
    return ds, raster_crs(ds), msg


class WindowCoverage:
    """Per-site coverage windows from :func:`core.coverage.compute_site_window`, cached by site key.

    ``value(key, site, col, row)`` returns the window value at DEM pixel (col, row) (NaN outside the window or
    radius)."""

    def __init__(self, ds, model="p526", rx_height=1.5, max_radius_m=30000.0, k_factor=4.0 / 3.0,
                 ray_step_cells=1.0, clutter=None):
        self.ds = ds
        self.clutter = clutter  # core.clutter.ClutterGrid on ds's grid (land-cover clutter), None for none
        self.ray_step_cells = ray_step_cells
        self.model = model
        self.rx_height = rx_height
        self.max_radius_m = max_radius_m
        self.k_factor = k_factor
        self.cache = {}

    def window(self, key, site):
        if key not in self.cache:
            from ..core.coverage import compute_site_window

            self.cache[key] = compute_site_window(self.ds, site, model=self.model, rx_height=self.rx_height,
                                                  max_radius_m=self.max_radius_m, k_factor=self.k_factor,
                                                  ray_step_cells=self.ray_step_cells, clutter=self.clutter)
        return self.cache[key]

    def values(self, key, site, cols, rows, inside):
        """Window values at many DEM pixels (NaN outside the window)."""
        arr, off = self.window(key, site)
        out = np.full(len(cols), np.nan)
        if arr is None:
            return out
        c = np.asarray(cols) - off[0]
        r = np.asarray(rows) - off[1]
        ok = np.asarray(inside) & (c >= 0) & (r >= 0) & (c < arr.shape[1]) & (r < arr.shape[0])
        out[ok] = arr[r[ok], c[ok]]
        return out
