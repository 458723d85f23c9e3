"""The planned-sites layer: creation in a GeoPackage, its attribute form, and adapters for the what-if engine.

Fields (same names as the ``importsites`` site fields, plus planning fields):
``site_id, operator, tech, height_m, freq_mhz, eirp_dbm, status, cost_idr, land_status, note``.

The form (aliases via ``tr()``, ValueMap / Range / TextEdit widgets, per-technology default values and hard
constraints) is stored with the layer as its default style in the GeoPackage (``layer_styles``), so the form
comes back whenever the layer is loaded, in any project.
"""
from __future__ import annotations

import math
import os
from typing import Optional

from osgeo import ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsField,
    QgsFieldConstraints,
    QgsFields,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..compat import FieldType, save_style_to_database
from ..core.coverage import Site
from ..core.numbers import plain, to_float
from ..core.sites import TECH_DEFAULTS, TECHS, normalise_tech
from ..core.whatif import WhatIfVillage
from ..i18n import tr
from .coverage_sites import radio_values
from .gpkg_tables import what_it_is

DEFAULT_LAYER_NAME = "planned_sites"
DEFAULT_CRS = "EPSG:32750"
DEFAULT_TECH = "4G"

FIELDS = [("site_id", FieldType.String), ("operator", FieldType.String), ("tech", FieldType.String),
          ("height_m", FieldType.Double), ("freq_mhz", FieldType.Double), ("eirp_dbm", FieldType.Double),
          ("status", FieldType.String), ("cost_idr", FieldType.Double), ("land_status", FieldType.String),
          ("note", FieldType.String)]

OPERATORS = ("Telkomsel", "Indosat", "XL", "Smartfren", "BAKTI", "other")
STATUSES = ("planned", "surveyed", "contracted", "installed", "active", "cancelled")
LAND_STATUSES = ("unchecked", "available", "owner_refused", "disputed", "village_grant", "lease")

# (min, max, step, suffix) of the Range widgets and of the hard constraints
RANGES = {"height_m": (10.0, 120.0, 1.0, " m"), "eirp_dbm": (30.0, 70.0, 0.5, " dBm"),
          "freq_mhz": (450.0, 3800.0, 1.0, " MHz")}
SITE_ID_DEFAULT = "'PLAN-' || upper(substr(uuid(), 2, 8))"


def field_aliases() -> dict:
    return {"site_id": tr("Site ID"), "operator": tr("Operator"), "tech": tr("Technology"),
            "height_m": tr("Tower height"), "freq_mhz": tr("Frequency"), "eirp_dbm": tr("Transmit power (EIRP)"),
            "status": tr("Site status"), "cost_idr": tr("Cost (IDR)"), "land_status": tr("Land status"),
            "note": tr("Note")}


def operator_labels() -> dict:
    return {"Telkomsel": "Telkomsel", "Indosat": "Indosat", "XL": "XL", "Smartfren": "Smartfren",
            "BAKTI": "BAKTI", "other": tr("Other operator")}


def status_labels() -> dict:
    return {"planned": tr("Planned"), "surveyed": tr("Surveyed"), "contracted": tr("Contracted"),
            "installed": tr("Installed"), "active": tr("Active (on air)"), "cancelled": tr("Cancelled")}


def land_status_labels() -> dict:
    return {"unchecked": tr("Not checked yet"), "available": tr("Available"),
            "owner_refused": tr("Refused by the owner"), "disputed": tr("Disputed"),
            "village_grant": tr("Village grant"), "lease": tr("Lease")}


def constraint_descriptions() -> dict:
    return {
        "tech": tr("Choose the technology (2G, 3G, 4G or 5G): coverage and defaults depend on it."),
        "height_m": tr("Tower height must be 10–120 m: lower masts do not clear the trees, higher ones are not "
                       "built for village sites."),
        "eirp_dbm": tr("Transmit power (EIRP) must be 30–70 dBm: outside this range it is not a real base "
                       "station (typical macro site 55–62 dBm)."),
        "freq_mhz": tr("Frequency must be 450–3800 MHz: the mobile bands licensed in Indonesia."),
        "cost_idr": tr("Cost cannot be negative."),
        "site_id": tr("Every planned site needs an identifier."),
    }


def _case(key: str) -> str:
    parts = " ".join(f"WHEN \"tech\" = '{t}' THEN {TECH_DEFAULTS[t][key]:g}" for t in TECHS)
    return f"CASE {parts} ELSE {TECH_DEFAULTS[DEFAULT_TECH][key]:g} END"


def default_expressions() -> dict:
    return {"site_id": SITE_ID_DEFAULT, "tech": f"'{DEFAULT_TECH}'", "height_m": _case("height_m"),
            "freq_mhz": _case("freq_mhz"), "eirp_dbm": _case("eirp_dbm"), "status": "'planned'",
            "land_status": "'unchecked'"}


def constraint_expressions() -> dict:
    out = {"tech": "\"tech\" IN ({})".format(", ".join(f"'{t}'" for t in TECHS)),
           "cost_idr": "\"cost_idr\" IS NULL OR \"cost_idr\" >= 0"}
    for name, (lo, hi, _step, _sfx) in RANGES.items():
        out[name] = f"\"{name}\" IS NULL OR (\"{name}\" >= {lo:g} AND \"{name}\" <= {hi:g})"
    return out


def _fields() -> QgsFields:
    fields = QgsFields()
    for name, vtype in FIELDS:
        fields.append(QgsField(name, vtype))
    return fields


def layer_exists(gpkg: str, name: str) -> bool:
    if not gpkg or not os.path.exists(gpkg):
        return False
    ds = ogr.Open(str(gpkg))
    if ds is None:
        return False
    found = ds.GetLayerByName(name) is not None
    ds = None
    return found


def _is_planned_sites_table(gpkg: str, name: str) -> bool:
    ds = ogr.Open(str(gpkg))
    layer = ds.GetLayerByName(name) if ds is not None else None
    if layer is None:
        return False
    defn = layer.GetLayerDefn()
    names = {defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())}
    point = ogr.GT_Flatten(layer.GetGeomType()) in (ogr.wkbPoint, ogr.wkbMultiPoint)
    ds = None
    return point and {"site_id", "tech"} <= names


def refuse_not_a_geopackage(gpkg: str) -> None:
    """Raise ``RuntimeError`` when ``gpkg`` exists but is not a GeoPackage (GDAL's own words would be "Opening of
    data source in update mode failed"); the file is left untouched."""
    if not os.path.exists(gpkg):
        return
    what = what_it_is(gpkg)
    if what:
        raise RuntimeError(tr("{path} exists but is not a GeoPackage: it seems to be {what}. Nothing was written to "
                              "it. Choose a new .gpkg file name (it is created), or an existing GeoPackage.").format(
            path=gpkg, what=what))


def create_planned_sites_layer(gpkg: str, name: str = DEFAULT_LAYER_NAME, crs=DEFAULT_CRS,
                               overwrite: bool = False) -> QgsVectorLayer:
    """Create (or, with ``overwrite``, replace) the point layer ``name`` in ``gpkg`` (created if missing).

    Returns the loaded layer with its form configured and saved as the layer's default style.
    Raises ``FileExistsError`` when the layer exists and ``overwrite`` is False, ``RuntimeError`` on failure.
    """
    gpkg = str(gpkg)
    name = (name or DEFAULT_LAYER_NAME).strip()
    refuse_not_a_geopackage(gpkg)
    if layer_exists(gpkg, name) and not overwrite:
        raise FileExistsError(tr("The GeoPackage {path} already has a layer '{name}'. Choose another layer name, "
                                 "or tick 'Overwrite' to replace it (its sites are lost).").format(
            path=gpkg, name=name))
    if overwrite and layer_exists(gpkg, name) and not _is_planned_sites_table(gpkg, name):
        raise RuntimeError(tr("The layer '{name}' of {path} is not a planned-sites layer (it has no point geometry "
                              "with site_id and tech): 'Overwrite' replaces only planned-sites layers. Choose another "
                              "layer name; '{name}' is kept as it is.").format(name=name, path=gpkg))
    if overwrite and layer_exists(gpkg, name) and open_in_project(gpkg, name):
        raise RuntimeError(tr("The layer '{name}' of {path} is open in the project: remove it from the project "
                              "(saving or discarding its edits) before replacing it.").format(name=name, path=gpkg))
    if not isinstance(crs, QgsCoordinateReferenceSystem):
        crs = QgsCoordinateReferenceSystem(str(crs or DEFAULT_CRS))
    if not crs.isValid():
        raise RuntimeError(tr("Invalid CRS for the planned-sites layer; use e.g. EPSG:32750."))
    folder = os.path.dirname(os.path.abspath(gpkg))
    os.makedirs(folder, exist_ok=True)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.fileEncoding = "UTF-8"
    options.actionOnExistingFile = (QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
                                    if os.path.exists(gpkg)
                                    else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile)
    writer = QgsVectorFileWriter.create(gpkg, _fields(), QgsWkbTypes.Type.Point, crs,
                                        QgsProject.instance().transformContext(), options)
    if writer is None or writer.hasError() != QgsVectorFileWriter.WriterError.NoError:
        msg = writer.errorMessage() if writer is not None else ""
        del writer
        raise RuntimeError(tr("Cannot create the layer '{name}' in {path}: {error}").format(
            name=name, path=gpkg, error=msg))
    del writer
    _delete_styles(gpkg, name)
    layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
    if not layer.isValid():
        raise RuntimeError(tr("The layer '{name}' was written to {path} but cannot be opened.").format(
            name=name, path=gpkg))
    configure_planned_sites_form(layer)
    # the form travels with the data: default style in the GeoPackage's layer_styles table
    save_style_to_database(layer, name, tr("Planned-sites form (Internet Desa Kaltim)"), True, "")
    return layer


def open_in_project(gpkg: str, name: str, project=None) -> list:
    """Project layers reading table ``name`` of ``gpkg`` (replacing it under an open layer is unsafe)."""
    from qgis.core import QgsProviderRegistry

    project = project or QgsProject.instance()
    target = os.path.normcase(os.path.abspath(gpkg))
    out = []
    for layer in project.mapLayers().values():
        if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
            continue
        parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
        path = parts.get("path") or ""
        if path and os.path.normcase(os.path.abspath(path)) == target and (parts.get("layerName") or "") == name:
            out.append(layer)
    return out


def _delete_styles(gpkg: str, name: str) -> None:
    """Drop stored styles of a replaced layer (saving over an existing default style can block on 3.22)."""
    ds = ogr.Open(str(gpkg), 1)
    if ds is None:
        return
    if ds.GetLayerByName("layer_styles") is not None:
        safe = name.replace("'", "''")
        ds.ExecuteSQL(f"DELETE FROM layer_styles WHERE f_table_name = '{safe}'")
    ds = None


def is_planned_sites_layer(layer) -> bool:
    if not isinstance(layer, QgsVectorLayer) or layer.geometryType() != QgsWkbTypes.GeometryType.PointGeometry:
        return False
    names = set(layer.fields().names())
    return {"site_id", "tech"}.issubset(names)


def _value_map(labels: dict) -> QgsEditorWidgetSetup:
    return QgsEditorWidgetSetup("ValueMap", {"map": [{label: code} for code, label in labels.items()]})


def configure_planned_sites_form(layer: QgsVectorLayer) -> QgsVectorLayer:
    """Aliases, widgets, default values and constraints of the planned-sites form (fields that exist only)."""
    fields = layer.fields()

    def idx(name):
        return fields.lookupField(name)

    for name, alias in field_aliases().items():
        if idx(name) >= 0:
            layer.setFieldAlias(idx(name), alias)
    widgets = {
        "tech": _value_map({t: t for t in TECHS}),
        "operator": _value_map(operator_labels()),
        "status": _value_map(status_labels()),
        "land_status": _value_map(land_status_labels()),
        "note": QgsEditorWidgetSetup("TextEdit", {"IsMultiline": True, "UseHtml": False}),
        "cost_idr": QgsEditorWidgetSetup("Range", {"Min": 0.0, "Max": 1.0e12, "Step": 1.0e6, "Precision": 0,
                                                   "Style": "SpinBox", "AllowNull": True, "Suffix": " IDR"}),
    }
    for name, (lo, hi, step, suffix) in RANGES.items():
        widgets[name] = QgsEditorWidgetSetup("Range", {"Min": lo, "Max": hi, "Step": step,
                                                       "Precision": 0 if step >= 1 else 1, "Style": "SpinBox",
                                                       "AllowNull": False, "Suffix": suffix})
    for name, setup in widgets.items():
        if idx(name) >= 0:
            layer.setEditorWidgetSetup(idx(name), setup)
    for name, expr in default_expressions().items():
        if idx(name) >= 0:
            layer.setDefaultValueDefinition(idx(name), QgsDefaultValue(expr, False))
    desc = constraint_descriptions()
    for name, expr in constraint_expressions().items():
        if idx(name) >= 0:
            layer.setConstraintExpression(idx(name), expr, desc[name])
            layer.setFieldConstraint(idx(name), QgsFieldConstraints.Constraint.ConstraintExpression,
                                     QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
    for name in ("tech", "site_id"):
        if idx(name) >= 0:
            layer.setFieldConstraint(idx(name), QgsFieldConstraints.Constraint.ConstraintNotNull,
                                     QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
    if idx("site_id") >= 0:
        layer.setFieldConstraint(idx("site_id"), QgsFieldConstraints.Constraint.ConstraintUnique,
                                 QgsFieldConstraints.ConstraintStrength.ConstraintStrengthSoft)
        if not layer.constraintExpression(idx("site_id")):
            layer.setConstraintExpression(idx("site_id"), "\"site_id\" IS NOT NULL AND trim(\"site_id\") <> ''",
                                          desc["site_id"])
            layer.setFieldConstraint(idx("site_id"), QgsFieldConstraints.Constraint.ConstraintExpression,
                                     QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
    layer.setDisplayExpression("\"site_id\"")
    return layer


def default_attributes(layer: QgsVectorLayer, tech: str = DEFAULT_TECH) -> dict:
    """{field index: value} prefilled from the technology defaults (``sites.TECH_DEFAULTS``)."""
    d = TECH_DEFAULTS.get(tech, TECH_DEFAULTS[DEFAULT_TECH])
    values = {"tech": tech, "height_m": d["height_m"], "freq_mhz": d["freq_mhz"], "eirp_dbm": d["eirp_dbm"],
              "status": "planned", "land_status": "unchecked"}
    fields = layer.fields()
    return {fields.lookupField(k): v for k, v in values.items() if fields.lookupField(k) >= 0}


# ------------------------------------------------------------------------------------------ what-if adapters
def _transform(src_crs, dst_crs):
    if not dst_crs or not dst_crs.isValid() or not src_crs.isValid() or src_crs == dst_crs:
        return None
    return QgsCoordinateTransform(src_crs, dst_crs, QgsProject.instance())


def _float(value) -> Optional[float]:
    v = to_float(plain(value))  # core.numbers, as every tool reads numbers
    return v if math.isfinite(v) else None


def site_from_feature(feature, layer_crs, dem_crs) -> tuple:
    """(coverage Site in the DEM CRS, tech or None, cost or None) of a planned-site feature.

    The technology and radio values are read as every tool reads a site layer (``io.coverage_sites``: 'LTE' is 4G,
    '1,8' or 1.8 GHz is 1800 MHz, '1.800' is 1800): missing ones take the technology defaults; a value that cannot be
    used (not a number, outside ``core.sites.PLAUSIBLE``) stays in the Site as found, so that
    :meth:`core.whatif.WhatIfEngine.check_site` refuses it by name (was: text read as the default, a frequency in GHz
    as MHz, and ranges of its own). The site id is the ``site_id`` attribute (else the fid).
    """
    geom = feature.geometry()
    if geom is None or geom.isEmpty():
        return None, None, None
    geom = geom.__class__(geom)
    ct = _transform(layer_crs, dem_crs)
    if ct is not None:
        geom.transform(ct)
    pt = geom.asPoint() if not geom.isMultipart() else geom.asMultiPoint()[0]
    names = feature.fields().names()

    def attr(name):
        return plain(feature[name]) if name in names else None

    sid = attr("site_id")
    sid = str(sid) if sid not in (None, "") else f"fid{feature.id()}"
    raw_tech = attr("tech")
    raw_tech = str(raw_tech).strip() if raw_tech is not None else ""
    # a name the tools know ('LTE' -> 4G); else as written, for check_site to name ('6G')
    tech = normalise_tech(raw_tech) or (raw_tech.upper() or None)
    d = TECH_DEFAULTS.get(tech or DEFAULT_TECH, TECH_DEFAULTS[DEFAULT_TECH])
    *values, bad = radio_values(*(attr(k) for k in ("height_m", "freq_mhz", "eirp_dbm")))
    values = dict(zip(("height_m", "freq_mhz", "eirp_dbm"), values))
    values.update(bad)  # (the value as found: check_site names it)
    site = Site(sid, float(pt.x()), float(pt.y()),
                *(d[k] if values[k] is None else values[k] for k in ("height_m", "freq_mhz", "eirp_dbm")))
    return site, tech, _float(attr("cost_idr"))


def villages_from_layer(layer: QgsVectorLayer, dem_crs, mapping=None) -> list:
    """Classified villages (polygons or office points) -> [WhatIfVillage] with geometries in ``dem_crs``.

    ``mapping``: a FieldMapping (code/name/population); detected from the field names when None.
    ``status`` and ``cov_share`` are the classifyvillages fields (None when the layer lacks them).
    """
    if mapping is None:
        from .layers import mapping_for_layer

        mapping = mapping_for_layer(layer)
    names = layer.fields().names()
    code_f = getattr(mapping, "code", "") or ""
    name_f = getattr(mapping, "name", "") or ""
    pop_f = getattr(mapping, "population", "") or ""
    ct = _transform(layer.crs(), dem_crs)
    is_point = layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry
    out = []
    for feat in layer.getFeatures():
        geom = feat.geometry()
        if geom is None or geom.isEmpty():
            continue
        if ct is not None:
            geom = geom.__class__(geom)
            geom.transform(ct)

        def attr(field, feat=feat):
            return plain(feat[field]) if field and field in names else None

        office = None
        if is_point:
            p = geom.asPoint() if not geom.isMultipart() else geom.asMultiPoint()[0]
            office = (p.x(), p.y())
        out.append(WhatIfVillage(
            id=feat.id(), code=str(attr(code_f) or ""), name=str(attr(name_f) or ""),
            population=_float(attr(pop_f)), status=str(attr("status") or ""),
            cov_share=_float(attr("cov_share")), wkb=bytes(geom.asWkb()), office=office))
    return out
