"""Adapters between QGIS layers and the village core (field detection, validation, repair)."""
from __future__ import annotations

from typing import Optional

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingFeatureSource,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..compat import transform_bounding_box
from ..core.sites import KALTIM_BBOX
from ..core.villages import FieldMapping, Finding, ValidationReport, VillageRecord, detect_fields, validate_records
from ..i18n import tr

NODATA_WARN_SHARE = 0.05


def write_gpkg_table(layer: QgsVectorLayer, path: str, table: str) -> str:
    """Write ``layer`` (its features as they are, edits and subset included; its own CRS) as table ``table`` of a new
    GeoPackage ``path``: '' when written, else the writer's error. The dock's copies (a snapshot for a background
    run, the repaired villages, the village priorities) are written so."""
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    opts.layerName = table
    error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, QgsCoordinateTransformContext(), opts)
    return "" if error[0] == QgsVectorFileWriter.WriterError.NoError else (error[1] or str(error[0]))


def layer_field_names(layer: QgsVectorLayer) -> list:
    return [f.name() for f in layer.fields()]


def mapping_for_layer(layer: QgsVectorLayer, overrides: Optional[dict] = None) -> FieldMapping:
    return detect_fields(layer_field_names(layer), overrides)


def geometry_problem(geom: QgsGeometry) -> tuple:
    """(is_empty, error text) for one geometry, using GEOS validity."""
    if geom is None or geom.isNull() or geom.isEmpty():
        return True, ""
    errors = geom.validateGeometry(Qgis.GeometryValidationEngine.Geos)
    if errors:
        return False, "; ".join(e.what() for e in errors[:3])
    return False, ""


def source_features(source, request: Optional[QgsFeatureRequest] = None):
    """The features of ``source`` without QGIS's invalid-geometry check of a Processing source: with the setting
    "stop when a geometry is invalid" QGIS raises inside the loop a message that names no parameter, and in QGIS
    3.22 the next processing.run of the same Python process then crashes. The caller names the invalid geometries
    itself where the geometry matters (:func:`geometry_problem`); where only attributes are read, they are read."""
    request = request if request is not None else QgsFeatureRequest()
    if isinstance(source, QgsProcessingFeatureSource):
        return source.getFeatures(request, QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks)
    return source.getFeatures(request)


def not_point_features(source) -> list:
    """(feature id, geometry type) of every feature of ``source`` (a Processing source or a layer) that has a
    geometry but is no point nor multipoint: the lines, polygons and geometry collections of a layer of mixed or
    unknown type given where points are expected. Every tool reads a point input's feature as its point, and any
    other shape as a point on its surface (io.priority_layers.office_point), so the checks before a run refuse them
    (processing.checks.not_points). Attributes are not read."""
    found = []
    request = QgsFeatureRequest().setNoAttributes()
    for feat in source_features(source, request):
        geom = feat.geometry()
        if geom is None or geom.isNull() or geom.isEmpty():
            continue  # no position: each reader says so in its own words
        if geom.type() != QgsWkbTypes.GeometryType.PointGeometry:
            found.append((feat.id(), geom.type()))
    return found


def features(layer: QgsVectorLayer, feedback=None, share: float = 100.0, every: int = 100):
    """The layer's features, one by one; with ``feedback``: the progress up to ``share`` % (set every ``every``
    features), and no more features once it is cancelled."""
    total = max(1, layer.featureCount())
    for i, feat in enumerate(layer.getFeatures()):
        if feedback is not None:
            if feedback.isCanceled():
                return
            if i % every == 0:
                feedback.setProgress(share * i / total)
        yield feat


def records_from_layer(layer: QgsVectorLayer, mapping: FieldMapping, feedback=None) -> list:
    records = []
    idx = {role: layer.fields().lookupField(getattr(mapping, role)) if getattr(mapping, role) else -1
           for role in ("code", "name", "population", "kabkota")}
    for feat in features(layer, feedback, share=80.0):
        empty, error = geometry_problem(feat.geometry())
        attrs = feat.attributes()
        records.append(VillageRecord(
            fid=feat.id(),
            code=attrs[idx["code"]] if idx["code"] >= 0 else None,
            name=attrs[idx["name"]] if idx["name"] >= 0 else None,
            population=attrs[idx["population"]] if idx["population"] >= 0 else None,
            kabkota=attrs[idx["kabkota"]] if idx["kabkota"] >= 0 else None,
            geometry_empty=empty,
            geometry_error=error,
        ))
    return records


def dem_findings(layer: QgsVectorLayer, dem: QgsRasterLayer) -> list:
    """Overlap of the village layer with the DEM, and the DEM's nodata share."""
    from osgeo import gdal

    findings = []
    if not dem.crs().isValid():
        findings.append(Finding("error", "dem_crs_missing"))
        return findings
    if dem.crs().isGeographic():
        findings.append(Finding("warning", "dem_geographic", params={"crs": dem.crs().authid()}))
    if layer.crs().isValid():
        transform = QgsCoordinateTransform(layer.crs(), dem.crs(), QgsProject.instance())
        try:
            extent = transform_bounding_box(transform, layer.extent())
        except Exception:  # noqa: BLE001 - a transform that fails means no usable overlap
            extent = QgsRectangle()
        if extent.isEmpty() or not extent.intersects(dem.extent()):
            findings.append(Finding("error", "dem_no_overlap", params={"dem": dem.name()}))
        else:
            inter = extent.intersect(dem.extent())
            share = inter.area() / extent.area() if extent.area() > 0 else 1.0
            if share < 0.99:
                findings.append(Finding("warning", "dem_partial_overlap", params={"pct": 100 * share}))
    ds = gdal.Open(dem.source())
    if ds is not None:
        band = ds.GetRasterBand(1)
        nodata = band.GetNoDataValue()
        scale = max(1, int(max(ds.RasterXSize, ds.RasterYSize) / 2000))
        arr = band.ReadAsArray(buf_xsize=max(1, ds.RasterXSize // scale), buf_ysize=max(1, ds.RasterYSize // scale))
        if arr is not None and nodata is not None:
            import numpy as np

            share = float(np.count_nonzero(arr == nodata)) / arr.size if arr.size else 0.0
            severity = "warning" if share > NODATA_WARN_SHARE else "info"
            findings.append(Finding(severity, "dem_nodata_share", params={"pct": 100 * share, "no_fix": not share}))
    return findings


def _outside_kaltim(layer: QgsVectorLayer) -> dict:
    """{crs, lon, lat} (the centre of the layer's extent in longitude/latitude) when the layer lies wholly outside
    Kalimantan Timur (core.sites.KALTIM_BBOX, one degree around): its CRS is then probably wrong (degrees declared
    as metres, or the reverse); {} when it lies there, or has no extent."""
    extent = layer.extent()
    if extent.isEmpty() and not (extent.width() == 0 == extent.height() and layer.featureCount() > 0):
        return {}
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    try:
        box = transform_bounding_box(QgsCoordinateTransform(layer.crs(), wgs84, QgsProject.instance()), extent)
    except Exception:  # noqa: BLE001 - coordinates the CRS cannot place are elsewhere too
        box = QgsRectangle()
    lon0, lat0, lon1, lat1 = KALTIM_BBOX
    if not box.isNull() and box.xMinimum() <= lon1 + 1.0 and box.xMaximum() >= lon0 - 1.0 \
            and box.yMinimum() <= lat1 + 1.0 and box.yMaximum() >= lat0 - 1.0:
        return {}
    centre = extent.center()
    return {"crs": layer.crs().authid() or layer.crs().description(), "x": f"{centre.x():.6g}",
            "y": f"{centre.y():.6g}", "lon": "?" if box.isNull() else f"{box.center().x():.2f}",
            "lat": "?" if box.isNull() else f"{box.center().y():.2f}"}


def validate_layer(layer: QgsVectorLayer, overrides: Optional[dict] = None, dem: Optional[QgsRasterLayer] = None,
                   feedback=None) -> ValidationReport:
    mapping = mapping_for_layer(layer, overrides)
    report = ValidationReport(layer_name=layer.name())
    if not layer.crs().isValid():
        report.add(Finding("error", "crs_missing"))
    else:
        where = _outside_kaltim(layer)
        if where:
            report.add(Finding("error", "crs_elsewhere", params=where))
    if layer.geometryType() not in (QgsWkbTypes.GeometryType.PointGeometry, QgsWkbTypes.GeometryType.PolygonGeometry):
        report.add(Finding("error", "geometry_type"))
    records = records_from_layer(layer, mapping, feedback)
    validate_records(records, mapping, report)
    if dem is not None and dem.isValid():
        for f in dem_findings(layer, dem):
            report.add(f)
    return report


def repair_layer(layer: QgsVectorLayer, crs: Optional[QgsCoordinateReferenceSystem] = None) -> tuple:
    """Return (new memory layer with valid geometries, list of repaired fids). Never touches the input."""
    geom_type = QgsWkbTypes.displayString(QgsWkbTypes.multiType(layer.wkbType()))
    crs = crs or layer.crs()
    out = QgsVectorLayer(f"{geom_type}?crs={crs.authid() or 'EPSG:4326'}",
                         tr("{name} (repaired)").format(name=layer.name()), "memory")
    out.dataProvider().addAttributes(layer.fields().toList())
    out.updateFields()
    repaired, feats = [], []
    for feat in layer.getFeatures(QgsFeatureRequest()):
        geom = QgsGeometry(feat.geometry())
        empty, error = geometry_problem(geom)
        if not empty and error:
            fixed = geom.makeValid()
            if layer.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry:
                # makeValid can yield collections; keep the polygonal part
                fixed.convertGeometryCollectionToSubclass(QgsWkbTypes.GeometryType.PolygonGeometry)
            fixed.convertToMultiType()
            geom = fixed
            repaired.append(feat.id())
        elif not empty:
            geom.convertToMultiType()
        new = QgsFeature(out.fields())
        new.setAttributes(feat.attributes())
        new.setGeometry(geom)
        feats.append(new)
    out.dataProvider().addFeatures(feats)
    out.updateExtents()
    return out, repaired
