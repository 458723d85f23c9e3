"""QGIS adapter for site import and village classification: input resolution, layer rows, output fields, styling."""
from __future__ import annotations

import os
from typing import Callable, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsMapLayer,
    QgsPointXY,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingUtils,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..compat import FieldType
from ..core.numbers import plain
from .layers import features

CSV_EXTENSIONS = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods")  # read by core.tabular
WGS84 = "EPSG:4326"

# normalised site fields written by importsites (name, type); optional groups are added when present
SITE_FIELDS = [("site_id", FieldType.String), ("operator", FieldType.String), ("tech", FieldType.String),
               ("height_m", FieldType.Double), ("freq_mhz", FieldType.Double), ("eirp_dbm", FieldType.Double),
               ("status", FieldType.String), ("source", FieldType.String), ("defaulted", FieldType.String)]
SITELIST_FIELDS = [("village_code", FieldType.String), ("category", FieldType.String), ("phase", FieldType.String)]
OPENCELLID_FIELDS = [("n_cells", FieldType.Int), ("techs", FieldType.String), ("mnc", FieldType.Int)]
ROW_FIELD = ("src_row", FieldType.Int)


def resolve_input(value, context) -> tuple:
    """INPUT parameter value -> ``('layer', QgsVectorLayer)`` or ``('csv', path)`` or ``('missing', text)``.

    Accepted: a layer object, a layer id/name of the context project, a CSV/TXT/TSV path (read by the core CSV
    reader, for exact spreadsheet row numbers), or any OGR vector source (GeoPackage, Shapefile, GeoJSON, with
    ``|layername=`` if needed).
    """
    if isinstance(value, QgsMapLayer):
        return ("layer", value) if isinstance(value, QgsVectorLayer) else ("missing", value.name())
    text = str(value or "").strip()
    if not text:
        return "missing", ""
    layer = QgsProcessingUtils.mapLayerFromString(text, context, False) or QgsProject.instance().mapLayer(text)
    if isinstance(layer, QgsVectorLayer):
        return _csv_if_table(layer)
    path = text.split("|", 1)[0]
    if path.startswith("file://"):
        path = path[7:]
    if not os.path.exists(path):
        return "missing", text
    if path.lower().endswith(CSV_EXTENSIONS):
        return "csv", path
    layer = QgsVectorLayer(text, os.path.splitext(os.path.basename(path))[0], "ogr")
    if not layer.isValid():
        return "missing", text
    return "layer", layer


def _csv_if_table(layer: QgsVectorLayer) -> tuple:
    """A loaded CSV without geometry is read from its file (exact row numbers, encoding/delimiter detection)."""
    if layer.geometryType() in (QgsWkbTypes.GeometryType.NullGeometry, QgsWkbTypes.GeometryType.UnknownGeometry):
        src = layer.source().split("|", 1)[0].split("?", 1)[0]
        if src.startswith("file://"):
            src = src[7:]
        if src.lower().endswith(CSV_EXTENSIONS) and os.path.exists(src):
            return "csv", src
    return "layer", layer


def layer_rows(layer: QgsVectorLayer, feedback=None) -> tuple:
    """(field names, [(fid, row dict)], [(lon, lat) or None] or None when the layer has no point geometry).

    Point geometries are transformed to EPSG:4326; multipoints use their first point.
    """
    names = [f.name() for f in layer.fields()]
    has_points = layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry
    transform = None
    if has_points and layer.crs().isValid() and layer.crs().authid() != WGS84:
        transform = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem(WGS84), QgsProject.instance())
    rows, coords = [], []
    for feat in features(layer, feedback, share=30.0, every=500):
        rows.append((int(feat.id()), {n: plain(v) for n, v in zip(names, feat.attributes())}))
        if has_points:
            coords.append(_point_lonlat(feat.geometry(), transform))
    return names, rows, (coords if has_points else None)


def _point_lonlat(geom: QgsGeometry, transform) -> Optional[tuple]:
    if geom is None or geom.isNull() or geom.isEmpty():
        return None
    if geom.isMultipart():
        pts = geom.asMultiPoint()
        if not pts:
            return None
        pt = QgsPointXY(pts[0])
    else:
        pt = geom.asPoint()
    if transform is not None:
        try:
            pt = transform.transform(pt)
        except Exception:  # noqa: BLE001 - a point that cannot be transformed has no usable coordinates
            return None
    return pt.x(), pt.y()


def site_fields(sites: list, fmt: str) -> QgsFields:
    fields = QgsFields()
    spec = list(SITE_FIELDS)
    if any(s.village_code or s.category or s.phase for s in sites) or fmt == "sitelist":
        spec += SITELIST_FIELDS
    if fmt == "opencellid":
        spec += OPENCELLID_FIELDS
    spec.append(ROW_FIELD)
    for name, vtype in spec:
        fields.append(QgsField(name, vtype))
    return fields


def site_feature(site, fields: QgsFields, names: Optional[list] = None) -> QgsFeature:
    """One output feature; ``names`` = the field names (pass them when writing many sites)."""
    feat = QgsFeature(fields)
    names = names or fields.names()
    feat.setAttributes([site.row if n == "src_row" else getattr(site, n, None) for n in names])
    feat.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(site.lon, site.lat)))
    return feat


class LayerStyler(QgsProcessingLayerPostProcessorInterface):
    """Styles an output layer when Processing loads it. Instances are kept alive in ``_KEEP`` (the
    post-processor is not owned by the context, so Python must hold it)."""

    _KEEP: list = []

    def __init__(self, style: Callable):
        super().__init__()
        self.style = style

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if isinstance(layer, QgsVectorLayer):
            self.style(layer)

    @classmethod
    def create(cls, style: Callable) -> LayerStyler:
        styler = cls(style)
        cls._KEEP[:] = cls._KEEP[-20:] + [styler]
        return styler


def style_output(dest_id: str, context, style: Callable) -> None:
    """Style the output layer held by the context (memory outputs) and when it is loaded on completion."""
    if not dest_id:
        return
    layer = QgsProcessingUtils.mapLayerFromString(dest_id, context, False)
    if isinstance(layer, QgsVectorLayer):
        style(layer)
    if context.willLoadLayerOnCompletion(dest_id):
        context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(LayerStyler.create(style))
