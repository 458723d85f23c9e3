"""Checks of every algorithm's inputs before a run, called by :meth:`KaltimAlgorithm.kaltim_checks`
(processing/base.py): a number parameter given as NaN is "not a number" (not "outside its range"), a layer
without a CRS is refused, because its coordinates would be read in another CRS (longitude/latitude as UTM metres:
points ~500 km away), and a line or polygon layer given where points are expected (towers, candidate sites, fibre
nodes, capitals, offices) is refused, as are the lines and polygons of a layer of mixed or unknown type given there
(:func:`not_points`). Also the villages' defects that every step reading the
villages names.
"""
from __future__ import annotations

import math
import os

from qgis.core import QgsProcessing, QgsProcessingParameterNumber, QgsWkbTypes

from ..core import monitoring_store as store
from ..i18n import tr
from .base import _bound

_LAYER_TYPES = ("source", "vector", "raster")


def not_a_number(alg, parameters) -> str:
    """The message for the first number parameter given as NaN ('' when none is)."""
    for p in alg.parameterDefinitions():
        if not isinstance(p, QgsProcessingParameterNumber):
            continue
        value = parameters.get(p.name())
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue  # empty, or text: kaltim_checks says so
        if math.isnan(number):
            return tr("{name} ({desc}) = '{value}' is not a number. Enter a number between {lo} and {hi}.").format(
                name=p.name(), desc=p.description(), value=value, lo=_bound(p.minimum()), hi=_bound(p.maximum()))
    return ""


def _layer_crs(alg, p, parameters, context):
    """(layer name, its CRS) of the layer input ``p``, or None when it is not given, cannot be read or has no
    geometry (a table needs no CRS)."""
    if p.type() == "raster":
        layer = alg.parameterAsRasterLayer(parameters, p.name(), context)
        return None if layer is None else (layer.name(), layer.crs())
    if p.type() == "vector":
        layer = alg.parameterAsVectorLayer(parameters, p.name(), context)
        if layer is None or not layer.isSpatial():
            return None
        return layer.name(), layer.crs()
    try:
        source = alg.parameterAsSource(parameters, p.name(), context)
    except Exception:  # noqa: BLE001 - an unreadable source is the run's own message
        return None
    if source is None or QgsWkbTypes.geometryType(source.wkbType()) in (
            QgsWkbTypes.GeometryType.NullGeometry, QgsWkbTypes.GeometryType.UnknownGeometry):
        return None
    return source.sourceName(), source.sourceCrs()


def missing_crs(alg, parameters, context) -> str:
    """The message for the first layer input without a CRS ('' when every layer has one)."""
    for p in alg.parameterDefinitions():
        if p.isDestination() or p.type() not in _LAYER_TYPES or parameters.get(p.name()) in (None, ""):
            continue
        found = _layer_crs(alg, p, parameters, context)
        if found is not None and not found[1].isValid():
            return tr("{name} ({desc}): the layer {layer} has no CRS, so its coordinates cannot be placed (longitude "
                      "and latitude would be read as metres): set it (Layer Properties > Source, e.g. EPSG:4326 for "
                      "longitude/latitude or EPSG:32750 for UTM 50S metres), or use a file that declares it.").format(
                name=p.name(), desc=p.description(), layer=found[0])
    return ""


# ---- a layer of lines or polygons where points are expected ----------------------------------------------------
def _point_kinds() -> dict:
    """What a point parameter holds, by its name (upper case): (one, what to give); the algorithms name them alike
    (SITES, TOWERS and EXISTING are existing towers everywhere). A parameter not listed is named by its
    description."""
    towers = (tr("a tower"), tr("a point layer of towers (e.g. the output of 'Import towers / sites')"))
    return {
        "SITES": towers, "TOWERS": towers, "EXISTING": towers,
        "NEW_SITES": (tr("a new site"), tr("a point layer of new sites (the OUTPUT_SITES of 'Optimise new sites "
                                           "under a budget')")),
        "PLANNED_SITES": (tr("a planned site"), tr("a point layer of planned sites")),
        "CANDIDATES": (tr("a candidate site"), tr("a point layer of candidate sites (the output of 'Candidate "
                                                  "sites')")),
        "FIBRE_NODES": (tr("a fibre node"), tr("a point layer of fibre nodes")),
        "CAPITALS": (tr("a kab/kota capital"), tr("a point layer of kab/kota capitals")),
        "OFFICES": (tr("a village office"), tr("a point layer of village offices")),
    }


def _points_only(p) -> bool:
    """True when the layer input ``p`` takes points only (its only geometry type is TypeVectorPoint)."""
    if p.type() not in ("source", "vector"):
        return False
    return list(p.dataTypes()) == [QgsProcessing.SourceType.TypeVectorPoint]


def _layer_shape(alg, p, parameters, context):
    """(layer name, geometry type, the source or layer read) of the vector input ``p``, or None when it cannot be
    read."""
    try:
        if p.type() == "vector":
            layer = alg.parameterAsVectorLayer(parameters, p.name(), context)
            return None if layer is None else (layer.name(), layer.geometryType(), layer)
        source = alg.parameterAsSource(parameters, p.name(), context)
    except Exception:  # noqa: BLE001 - an unreadable source is the run's own message
        return None
    return None if source is None else (source.sourceName(), QgsWkbTypes.geometryType(source.wkbType()), source)


def _given_name(value, name: str, context) -> str:
    """The layer ``name`` as the user gave it: a GeoPackage's table as 'table (file.gpkg)' (its layer name is the
    file's)."""
    from .output_guard import split_uri

    project = context.project() if context is not None else None
    if not isinstance(value, str) or (project is not None and project.mapLayer(value) is not None):
        return name
    path, table = split_uri(value)
    return f"{table} ({os.path.basename(path)})" if table else name


def not_points(alg, parameters, context) -> str:
    """The message for the first input that expects points but is given a layer of lines or polygons, or a layer
    holding features that are no points ('' when none is): a polygon was read as its point on surface (19 villages
    "selected" as new BTS sites, 105 kecamatan used as fibre nodes) and coverage stopped on a traceback (found
    2026-12). A layer of mixed or unknown type (a GeoPackage layer of type GEOMETRY, a GeoJSON file of points and
    polygons) is given the type of its first feature by QGIS's OGR provider, so a point layer may hold polygons too:
    the geometries of every point input are read here (io.layers.not_point_features, attributes are not), once for
    every tool that takes points; points and multipoints are used as they are."""
    kinds = _point_kinds()
    for p in alg.parameterDefinitions():
        if p.isDestination() or not _points_only(p) or parameters.get(p.name()) in (None, ""):
            continue
        found = _layer_shape(alg, p, parameters, context)
        if found is None:
            continue
        one, give = kinds.get(p.name().upper(), (tr("each feature"), tr("a point layer")))
        layer = _given_name(parameters.get(p.name()), found[0], context)
        if found[1] in (QgsWkbTypes.GeometryType.LineGeometry, QgsWkbTypes.GeometryType.PolygonGeometry):
            return tr("{name} ({desc}): the layer {layer} holds {shape}, not points: {one} is a point. Give {give}, "
                      "or make points first (Vector > Geometry Tools > Centroids) if the points of these shapes are "
                      "what you mean.").format(name=p.name(), desc=p.description(), layer=layer,
                                               shape=shape_name(found[1]), one=one, give=give)
        if found[1] not in (QgsWkbTypes.GeometryType.PointGeometry, QgsWkbTypes.GeometryType.UnknownGeometry):
            continue  # a table: the run says what it needs
        from ..input_text import first_listed
        from ..io.layers import not_point_features

        others = not_point_features(found[2])
        if not others:
            continue
        shapes = ", ".join(dict.fromkeys(_feature_shape(kind) for _fid, kind in sorted(others, key=_shape_order)))
        return tr("{name} ({desc}): {n} feature(s) of the layer {layer} are {shapes}, not points (feature {ids}): "
                  "{one} is a point, and these would be read as a point on their surface. Delete them from the "
                  "layer, or select its points and tick 'Selected features only', or give {give}.").format(
            name=p.name(), desc=p.description(), n=len(others), layer=layer, shapes=shapes,
            ids=first_listed((fid for fid, _kind in others), 10), one=one, give=give)
    return ""


def _feature_shape(kind) -> str:
    """What a feature of geometry type ``kind`` that is no point is, in words (lines, polygons as :func:`shape_name`
    says them; else collections)."""
    lines_or_polygons = (QgsWkbTypes.GeometryType.LineGeometry, QgsWkbTypes.GeometryType.PolygonGeometry)
    return shape_name(kind) if kind in lines_or_polygons else tr("geometry collections")


def _shape_order(item) -> int:
    """Lines, then polygons, then the rest (a message names the shapes found in this order)."""
    return {QgsWkbTypes.GeometryType.LineGeometry: 0, QgsWkbTypes.GeometryType.PolygonGeometry: 1}.get(item[1], 2)


# ---- villages' defects, named at every step that reads the villages (an audit of 2026-12-06, finding M1) ---------
def table_defects(table, code_field: str) -> tuple:
    """(invalid geometries [(feature id, code, GEOS error)], duplicate codes {code: [feature ids]}) of a
    :class:`~..io.priority_layers.FeatureTable` of villages."""
    from ..io.layers import geometry_problem

    codes = table.column(code_field) if code_field else [None] * len(table)
    invalid, by_code = [], {}
    for fid, code, geom in zip(table.fids, codes, table.geometries):
        code = "" if code is None else str(code).strip()
        if code:
            by_code.setdefault(code, []).append(fid)
        _empty, error = geometry_problem(geom)
        if error:
            invalid.append((fid, code, error))
    return invalid, {c: fids for c, fids in by_code.items() if len(fids) > 1}


def warn_village_defects(invalid, duplicates: dict, feedback, step: str, most: int = 10) -> int:
    """Name invalid geometries and duplicate village codes (feature id and code) with the fix, in the log, as the
    first step that reads the villages does and every step after it: the roadmap stops on both later. ``step``
    says what the defect does to this step's result. Returns how many defects there are."""
    for fid, code, error in invalid[:most]:
        feedback.pushWarning(tr("Feature {fid} ({code}) has an invalid geometry ({error}): {step}, and the roadmap "
                                "will stop on it. Run 'Repair village geometries' and use its output.").format(
            fid=fid, code=code or "-", error=error, step=step))
    for code, fids in list(duplicates.items())[:most]:
        feedback.pushWarning(tr("Village code {code} is used by features {fids}: the roadmap refuses duplicate "
                                "codes. Correct the codes or remove the extra features ('Check village layer' "
                                "lists them).").format(code=code, fids=", ".join(map(str, fids))))
    more = max(0, len(invalid) - most) + max(0, len(duplicates) - most)
    if more:
        feedback.pushWarning(tr("{n} more such problems: run 'Check village layer' for the full list.").format(n=more))
    return len(invalid) + len(duplicates)


# ---- a layer that cannot hold villages (checkvillages, repairvillages) ---------------------------------------------
def shape_name(kind) -> str:
    """What a layer of geometry type ``kind`` holds, in words (points, lines, polygons, no geometry)."""
    return {QgsWkbTypes.GeometryType.PointGeometry: tr("points"), QgsWkbTypes.GeometryType.LineGeometry: tr("lines"),
            QgsWkbTypes.GeometryType.PolygonGeometry: tr("polygons")}.get(kind, tr("no geometry (a table)"))


def unusable_village_layer(layer, points_ok: bool) -> str:
    """The message refusing a village layer that holds lines or no geometry (and points unless ``points_ok``):
    what it holds and what to give instead ('' when its geometry type can be villages). A layer of mixed or
    unknown type passes: its features are checked one by one."""
    kind = layer.geometryType()
    usable = (QgsWkbTypes.GeometryType.PolygonGeometry, QgsWkbTypes.GeometryType.UnknownGeometry) + (
        (QgsWkbTypes.GeometryType.PointGeometry,) if points_ok else ())
    if kind in usable:
        return ""
    if points_ok:  # (was: every feature "has an empty or missing geometry")
        return tr("The village layer {name} holds {shape}, not polygons or points: a village is its boundary "
                  "(polygons) or its office (points). Give the village boundaries as polygons, or the village "
                  "offices as points.").format(name=layer.name(), shape=shape_name(kind))
    return tr("The village layer {name} holds {shape}, not polygons: only village boundaries can be repaired. Give "
              "the village boundaries as polygons.").format(name=layer.name(), shape=shape_name(kind))


# ---- an output naming a service report imported into the plan (slareport, importmonitoring) -----------------------
def overwrites_imported_report(db: str, targets) -> str:
    """The refusal of the first file output of ``targets`` (output_guard's, before the run) that is a provider's
    service report imported into the plan GeoPackage ``db`` (core.monitoring_store.imports_of_file: its checksum is
    one recorded in mon_imports, or its name one recorded without a checksum): the evidence of the SLA, which the
    output would replace (slareport's OUTPUT_SLA given the imported file's path replaced it with the SLA table,
    found 2026-12-07). '' when there is none. Said in the words of an output that would overwrite an input
    (output_guard.overwrites_input); the first import of that file is named."""
    if not db:
        return ""
    for t in targets:
        if t.folder or not t.existed:
            continue
        found = store.imports_of_file(db, t.path)
        if not found:
            continue
        first = found[0]
        if first["by_name"]:
            return tr("{out} = {path} would overwrite a service report of that name ({name}) imported into PLAN_DB = "
                      "{db} on {when}, the evidence of the SLA (no checksum was recorded for that import, so its name "
                      "is what identifies it). Choose another file name; the report is left as it is.").format(
                out=t.param, path=t.path, name=first["file_name"], db=db, when=first["imported_at"])
        return tr("{out} = {path} would overwrite the service report {name} imported into PLAN_DB = {db} on {when}, "
                  "the evidence of the SLA. Choose another file name; the report is left as it is.").format(
            out=t.param, path=t.path, name=first["file_name"], db=db, when=first["imported_at"])
    return ""
