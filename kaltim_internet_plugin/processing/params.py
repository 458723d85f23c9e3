"""Parameter groups shared by several algorithms, declared once (QuickOSM-style builders).

The coverage settings group: every step after ``coverage`` reads the settings from the coverage raster's metadata
(:mod:`..core.coverage_settings`); each parameter of the group is optional and, when given, overrides the raster's
value (the log says so).
"""
from __future__ import annotations

import math
import re

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputFile,
    QgsProcessingOutputFolder,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

from ..core import definitions as defs
from ..core import formatting as fmt
from ..core.clutter import default_table_path as default_clutter_table
from ..core.clutter import read_table as read_clutter_table
from ..core.coverage import CoverageError
from ..core.coverage_settings import DEFAULTS, RANGES, CoverageSettings, CoverageSettingsError
from ..core.dem_fill import fill_without_nodata
from ..core.raster_kind import coverage_as_dem, coverage_side_raster, dem_as_coverage, land_cover_as_dem
from ..errors import describe
from ..i18n import tr, ui_lang
from ..io.priority_layers import load_cost_table, open_metric_dem, read_table
from ..labels import model_labels, quantity_labels, resolution_labels

# geometry kinds of the layer builders below
GEOMETRY = {
    "any": QgsProcessing.SourceType.TypeVectorAnyGeometry,
    "point": QgsProcessing.SourceType.TypeVectorPoint,
    "polygon": QgsProcessing.SourceType.TypeVectorPolygon,
    "table": QgsProcessing.SourceType.TypeVector,
}
OUTPUTS = {
    "number": QgsProcessingOutputNumber,
    "string": QgsProcessingOutputString,
    "boolean": QgsProcessingOutputBoolean,
    "file": QgsProcessingOutputFile,
    "folder": QgsProcessingOutputFolder,
    "vector": QgsProcessingOutputVectorLayer,
}
DEFAULT_SCHEMA = "kaltim_plan"

SETTINGS_PARAMS = ("MODEL", "QUANTITY", "EXTRA_LOSS_DB", "THRESHOLD_DBM", "RX_HEIGHT", "RESOLUTION", "K_FACTOR",
                   "MAX_RADIUS_M")


def given(parameters: dict, name: str) -> bool:
    """True when the user gave ``name`` (not None, not empty, not a NULL QVariant)."""
    value = parameters.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return False
    if isinstance(value, QVariant):
        return not value.isNull()
    return True


# ---- decimals of a number's box --------------------------------------------------------------------------------
#: decimals a Double parameter's box shows, by its unit (Processing's dialog, batch and Model Designer show six
#: otherwise: a budget read "26000000000.000000"); a box takes no more places than these while typing, so each is
#: the finest a planner writes: whole rupiah and seconds, a tenth of a metre, dB or MHz, a centimetre of antenna
#: height, ten metres in km, 99.95 %; first match wins (a word anywhere in the name, else the name's ending)
_DECIMALS_IN = (("K_FACTOR", 4), ("HEIGHT", 2), ("MAST", 2), ("SHARE", 2), ("DETOUR", 2))
_DECIMALS_END = (("_IDR", 0), ("_PCT", 2), ("_DBM", 1), ("_DB", 1), ("_KM", 2), ("_M", 1), ("_MHZ", 1),
                 ("_YEARS", 1), ("_S", 0))


def number_decimals(name: str):
    """Decimals of the Double parameter ``name`` by its unit (None: a name without a known unit)."""
    upper = name.upper()
    for word, places in _DECIMALS_IN:
        if word in upper:
            return places
    for suffix, places in _DECIMALS_END:
        if upper.endswith(suffix):
            return places
    return None


def with_decimals(param):
    """``param`` (any parameter) with its box's decimals in its metadata when it is a Double number with a known
    unit and has none yet; returns it."""
    if isinstance(param, QgsProcessingParameterNumber) and \
            param.dataType() == QgsProcessingParameterNumber.Type.Double:
        meta = dict(param.metadata() or {})
        wrapper = dict(meta.get("widget_wrapper") or {})
        places = number_decimals(param.name())
        if places is not None and "decimals" not in wrapper:
            wrapper["decimals"] = places
            meta["widget_wrapper"] = wrapper
            param.setMetadata(meta)
    return param


# ---- one parameter of each kind (every algorithm declares its parameters through these) ---------------------------
def add(alg, param, advanced: bool = False):
    """``param`` added to ``alg`` (flagged advanced with ``advanced``); returns it."""
    if advanced:
        param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
    alg.addParameter(param)
    return param


def add_source(alg, name: str, description: str, kinds=("any",), optional: bool = False, layer: bool = False):
    """A vector input: a feature source (a vector layer with ``layer``) of the geometry ``kinds`` (GEOMETRY keys)."""
    cls = QgsProcessingParameterVectorLayer if layer else QgsProcessingParameterFeatureSource
    return add(alg, cls(name, description, [GEOMETRY[k] for k in kinds], optional=optional))


def add_raster(alg, name: str, description: str, optional: bool = False):
    return add(alg, QgsProcessingParameterRasterLayer(name, description, optional=optional))


def add_sink(alg, name: str, description: str, kind: str = "any", optional: bool = False, create: bool = True):
    """A vector output of geometry ``kind`` (GEOMETRY key); an optional one is written only with ``create``."""
    return add(alg, QgsProcessingParameterFeatureSink(name, description, GEOMETRY[kind], optional=optional,
                                                      createByDefault=create))


def add_enum(alg, name: str, description: str, options, default=0, optional: bool = False, advanced: bool = False):
    return add(alg, QgsProcessingParameterEnum(name, description, options, defaultValue=default, optional=optional),
               advanced)


def add_string(alg, name: str, description: str, default=None, optional: bool = False, advanced: bool = False):
    return add(alg, QgsProcessingParameterString(name, description, defaultValue=default, optional=optional),
               advanced)


def add_bool(alg, name: str, description: str, default=False, optional: bool = False, advanced: bool = False):
    return add(alg, QgsProcessingParameterBoolean(name, description, defaultValue=default, optional=optional),
               advanced)


def both_cases(file_filter: str) -> str:
    """``file_filter`` with each ``*.ext`` also as ``*.EXT``: QGIS matches a file parameter's filter with the letter
    case (a Windows 'TABEL.CSV' was refused as "Incorrect parameter value", found 2026-12-07)."""
    return re.sub(r"\*\.([A-Za-z0-9]+)", lambda m: m.group(0) if m.group(1).upper() == m.group(1) or
                  f"*.{m.group(1).upper()}" in file_filter else f"{m.group(0)} *.{m.group(1).upper()}", file_filter)


def add_file(alg, name: str, description: str, file_filter: str = "", extension: str = "", folder: bool = False,
             optional: bool = False, advanced: bool = False):
    """An input file (a folder with ``folder``), chosen by ``file_filter`` (its extensions in either letter case)
    or ``extension``."""
    behavior = QgsProcessingParameterFile.Behavior.Folder if folder else QgsProcessingParameterFile.Behavior.File
    return add(alg, QgsProcessingParameterFile(name, description, behavior, extension=extension, optional=optional,
                                               fileFilter=both_cases(file_filter)), advanced)


def add_file_output(alg, name: str, description: str, file_filter: str, optional: bool = False,
                    create: bool = True):
    return add(alg, QgsProcessingParameterFileDestination(name, description, file_filter, optional=optional,
                                                          createByDefault=create))


def add_folder_output(alg, name: str, description: str, optional: bool = False, create: bool = True):
    return add(alg, QgsProcessingParameterFolderDestination(name, description, optional=optional,
                                                            createByDefault=create))


def add_outputs(alg, kind: str, outputs) -> None:
    """Outputs of one ``kind`` (OUTPUTS key): ``outputs`` is [(name, description)]."""
    for name, description in outputs:
        alg.addOutput(OUTPUTS[kind](name, description))


def add_plan_db(alg) -> None:
    """PLAN_DB, the plan GeoPackage that holds the monitoring tables (importmonitoring writes them, slareport reads
    them)."""
    add_file(alg, "PLAN_DB", tr("Plan GeoPackage"), tr("GeoPackage (*.gpkg)"))


# ---- a saved PostgreSQL connection and its plan schema: the algorithms of team mode ------------------------------
def add_connection(alg) -> None:
    add_string(alg, "CONNECTION", tr("Saved PostgreSQL connection (name)"))
    add_string(alg, "SCHEMA", tr("Schema"), default=DEFAULT_SCHEMA)


def add_copy_outputs(alg) -> None:
    """What a verified copy between a GeoPackage and PostGIS reports (store.postgis_store.CopyResult)."""
    add_outputs(alg, "string", [("TABLES", tr("Tables copied"))])
    add_outputs(alg, "number", [("ROWS", tr("Rows copied"))])
    add_outputs(alg, "boolean", [("CHECKSUMS_OK", tr("Checksums match"))])


def read_connection(alg, parameters, context) -> tuple:
    """(connection name, schema) of CONNECTION and SCHEMA; a clear error when no connection is named."""
    name = alg.parameterAsString(parameters, "CONNECTION", context).strip()
    schema = alg.parameterAsString(parameters, "SCHEMA", context).strip() or DEFAULT_SCHEMA
    if not name:
        raise QgsProcessingException(tr("Give the name of a saved PostgreSQL connection (Browser > PostgreSQL)."))
    return name, schema


def add_coverage_raster(alg, optional: bool = True, description: str = "") -> None:
    add_raster(alg, "COVERAGE", description or tr("Coverage raster from 'Compute coverage' (its settings are used)"),
               optional)


def _range(setting: str) -> dict:
    """minValue/maxValue of a parameter: the core's valid range of the coverage setting ``setting``."""
    return dict(zip(("minValue", "maxValue"), RANGES[setting]))


def add_coverage_settings(alg, advanced: bool = True) -> None:
    """The optional overrides of the coverage raster's settings (empty = the raster's value, else the default)."""
    hint = tr("empty = the coverage raster's setting")
    params = [
        QgsProcessingParameterEnum("MODEL", tr("Propagation model ({hint})").format(hint=hint), model_labels(),
                                   defaultValue=None, optional=True),
        QgsProcessingParameterEnum("QUANTITY", tr("Signal quantity ({hint})").format(hint=hint), quantity_labels(),
                                   defaultValue=None, optional=True),
        QgsProcessingParameterNumber("EXTRA_LOSS_DB", tr("Clutter / foliage margin, dB ({hint})").format(hint=hint),
                                     QgsProcessingParameterNumber.Type.Double, defaultValue=None, optional=True,
                                     **_range("clutter_margin_db")),
        QgsProcessingParameterNumber("THRESHOLD_DBM", tr("Coverage threshold, dBm ({hint})").format(hint=hint),
                                     QgsProcessingParameterNumber.Type.Double, defaultValue=None, optional=True,
                                     **_range("threshold_dbm")),
        QgsProcessingParameterNumber("RX_HEIGHT", tr("Receiver height, m ({hint})").format(hint=hint),
                                     QgsProcessingParameterNumber.Type.Double, defaultValue=None, optional=True,
                                     **_range("rx_height_m")),
        QgsProcessingParameterEnum("RESOLUTION", tr("Resolution ({hint})").format(hint=hint), resolution_labels(),
                                   defaultValue=None, optional=True),
        QgsProcessingParameterNumber("K_FACTOR", tr("Effective earth radius factor k ({hint})").format(hint=hint),
                                     QgsProcessingParameterNumber.Type.Double, defaultValue=None, optional=True,
                                     **_range("k_factor")),
        QgsProcessingParameterNumber("MAX_RADIUS_M", tr("Largest radius around a site, m ({hint})").format(
            hint=hint), QgsProcessingParameterNumber.Type.Double, defaultValue=None, optional=True,
            **_range("max_radius_m")),
    ]
    for p in params:
        add(alg, p, advanced and p.name() != "THRESHOLD_DBM")


def explicit_settings(alg, parameters, context) -> dict:
    """The settings the user gave explicitly, as CoverageSettings field values."""
    out = {}
    if given(parameters, "MODEL"):
        out["model"] = defs.MODELS[alg.parameterAsEnum(parameters, "MODEL", context)]
    if given(parameters, "QUANTITY"):
        out["quantity"] = defs.QUANTITIES[alg.parameterAsEnum(parameters, "QUANTITY", context)]
    if given(parameters, "RESOLUTION"):
        out["resolution"] = defs.RESOLUTIONS[alg.parameterAsEnum(parameters, "RESOLUTION", context)]
    for key, name in (("EXTRA_LOSS_DB", "clutter_margin_db"), ("THRESHOLD_DBM", "threshold_dbm"),
                      ("RX_HEIGHT", "rx_height_m"), ("K_FACTOR", "k_factor"), ("MAX_RADIUS_M", "max_radius_m")):
        if given(parameters, key):
            out[name] = alg.parameterAsDouble(parameters, key, context)
    return out


def resolve_settings(alg, parameters, context, feedback, raster_path: str = "") -> CoverageSettings:
    """The coverage raster's settings (or the defaults when there is no raster or it carries none), overridden by
    what the user gave explicitly; each choice is logged."""
    base = None
    if raster_path:
        dem = dem_as_coverage(raster_path)
        if dem is not None:
            raise QgsProcessingException(tr(
                "The raster {path} looks like a DEM (values {lo:,.0f} to {hi:,.0f}, no coverage metadata), not a "
                "coverage raster: give the output of 'Compute coverage' (signal in dBm) as COVERAGE.").format(
                path=raster_path, lo=dem[0], hi=dem[1]))
        side = coverage_side_raster(raster_path)
        if side is not None:
            what = tr("the serving-site index") if side == "server" else tr("the count of sites above the threshold")
            raise QgsProcessingException(tr(
                "The raster {path} is {what} written by 'Compute coverage' beside its coverage raster, not the "
                "coverage raster: give the coverage raster itself (its OUTPUT, signal in dBm) as COVERAGE.").format(
                path=raster_path, what=what))
        try:
            base = CoverageSettings.read_raster(raster_path)
        except CoverageSettingsError as exc:
            raise QgsProcessingException(describe(exc)) from None
        if base is None:
            feedback.pushWarning(tr(
                "The coverage raster {path} carries no coverage settings (it was not written by 'Compute "
                "coverage' of this version): the default settings are used. Run 'Compute coverage' again so that "
                "every step uses the raster's own settings.").format(path=raster_path))
    if base is None:
        base = DEFAULTS
        source = tr("the defaults")
    else:
        source = tr("the coverage raster")
    try:
        settings, notes = base.override(**explicit_settings(alg, parameters, context))
    except CoverageSettingsError as exc:
        raise QgsProcessingException(describe(exc)) from None
    feedback.pushInfo(tr("Coverage settings from {source}: model {model}, {quantity}, clutter margin {margin:g} dB, "
                         "threshold {threshold:g} dBm, receiver {rx:g} m, resolution {res}, k = {k:.4g}, radius "
                         "{radius:.0f} m.").format(
        source=source, model=settings.model, quantity=settings.quantity, margin=settings.clutter_margin_db,
        threshold=settings.threshold_dbm, rx=settings.rx_height_m, res=settings.resolution, k=settings.k_factor,
        radius=settings.max_radius_m))
    for name, was, now in notes:
        feedback.pushWarning(tr("{name}: the value given ({now}) overrides {source}'s ({was}).").format(
            name=name, now=now, was=was, source=source))
    return settings


# ---- villages, existing towers, cost table: the blocks of candidates and choosetech ------------------------------
def add_office_villages(alg) -> None:
    add_source(alg, "VILLAGES", tr("Villages (office points, or polygons)"))


def read_office_villages(alg, parameters, context, feedback):
    """VILLAGES read once (io.priority_layers.read_table: office points in a metric CRS); at least one feature."""
    source = alg.parameterAsSource(parameters, "VILLAGES", context)
    if source is None:
        raise QgsProcessingException(tr("Cannot read the village layer: {src}. Check the path and format.")
                                     .format(src=parameters.get("VILLAGES")))
    table = read_table(source, context=context, feedback=feedback)
    if len(table) == 0:
        raise QgsProcessingException(tr("The village layer has no features. Choose a layer with villages."))
    return source, table


def add_existing_sites(alg, description: str, height_field: bool = False) -> None:
    """SITES (existing towers) and its advanced operator (and height) field."""
    add_source(alg, "SITES", description, ("point",), optional=True)
    fields = [("SITE_OPERATOR_FIELD", tr("Tower operator field (default: operator)"))]
    if height_field:
        fields.append(("SITE_HEIGHT_FIELD", tr("Tower height field (default: height_m)")))
    add_fields(alg, "SITES", fields, advanced=True)


def add_fields(alg, parent: str, fields, advanced: bool = False) -> None:
    """Optional field parameters of the layer parameter ``parent``: ``fields`` is [(name, description)] or
    [(name, description, default field)]."""
    for name, description, *default in fields:
        add(alg, QgsProcessingParameterField(name, description, default[0] if default else None,
                                             parentLayerParameterName=parent, optional=True), advanced)


def add_cost_table(alg) -> None:
    add_file(alg, "COST_TABLE", tr("Cost table (CSV or JSON; empty = defaults)"),
             tr("Cost tables (*.csv *.json)"), optional=True)


def read_cost_table(alg, parameters, context):
    """(CostTable of COST_TABLE, its path), or (None, "") when none is given; a clear error naming the file."""
    path = alg.parameterAsFile(parameters, "COST_TABLE", context)
    if not path:
        return None, ""
    try:
        return load_cost_table(path), path
    except FileNotFoundError:
        raise QgsProcessingException(tr("The cost table file {path} does not exist. Choose an existing CSV or "
                                        "JSON file.").format(path=path)) from None
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise QgsProcessingException(tr("Cannot read the cost table {path}: {error}").format(
            path=path, error=describe(e))) from None


def add_number(alg, name: str, description: str, default=None, minimum=None, maximum=None, integer: bool = False,
               optional: bool = False, advanced: bool = False) -> None:
    """One number parameter (Double, or Integer with ``integer``); bounds only where given."""
    bounds = {k: v for k, v in (("minValue", minimum), ("maxValue", maximum)) if v is not None}
    p = QgsProcessingParameterNumber(
        name, description, QgsProcessingParameterNumber.Type.Integer if integer else
        QgsProcessingParameterNumber.Type.Double, defaultValue=default, optional=optional, **bounds)
    add(alg, p, advanced)


def open_dem(alg, parameters, context, feedback, name: str = "DEM"):
    """(GDAL dataset, its CRS) of the DEM parameter ``name`` in a metric CRS (io.priority_layers.open_metric_dem;
    a DEM in degrees is reprojected and the log says so), or (None, None) when none is given."""
    return open_dem_layer(alg.parameterAsRasterLayer(parameters, name, context), feedback)


def refuse_dem_fill(path: str, name: str) -> None:
    """Refuse the DEM file ``path`` (layer ``name``) when it declares no nodata value but holds fill cells (-9999,
    -32768, ...): they would be read as terrain kilometres deep."""
    from osgeo import gdal

    ds = gdal.Open(str(path))
    fill = fill_without_nodata(ds) if ds is not None else None
    if fill is not None:
        raise QgsProcessingException(tr(
            "The DEM '{name}' has {n} cells of {value:g} m (e.g. at x {x:.0f}, y {y:.0f} in its CRS) and no nodata "
            "value: they are fill, not terrain, and would be read as pits kilometres deep. Set {value:g} as its "
            "nodata value in the file (Raster > Conversion > Translate, 'Assign a specified nodata value to output "
            "bands' = {value:g}, or gdal_translate -a_nodata {value:g} in.tif out.tif) and give the new file."
        ).format(name=name, n=fmt.integer(fill.count, ui_lang()), value=fill.value, x=fill.x, y=fill.y))


#: elevations a DEM in metres can hold (m): the deepest sea floor and the highest summit on Earth, with a margin
DEM_METRES = (-11000.0, 9000.0)


def refuse_not_a_dem(path: str, name: str) -> None:
    """Refuse the raster ``path`` (layer ``name``) as a DEM when it is a coverage raster (dBm or line-of-sight
    counts would be read as heights), holds only nodata (no elevation at all) or elevations no DEM in metres can
    hold (:data:`DEM_METRES`: a DEM in feet or centimetres, found 2026-12-07): every tool that takes a DEM says
    so (only 'coverage' did; candidates, optimizesites and choosetech computed on such a raster, found
    2026-12-06)."""
    from osgeo import gdal

    why = coverage_as_dem(path)
    if why:
        raise QgsProcessingException(tr(
            "'{name}' is a coverage raster (signal in dBm or a line-of-sight count, recognised by its {why}), not "
            "a DEM: give the elevation model (e.g. DEMNAS or SRTM, elevations in metres) as DEM.").format(
            name=name, why=tr("metadata") if why == "metadata" else tr("values")))
    classes = land_cover_as_dem(path, read_clutter_table(default_clutter_table()))
    if classes:
        raise QgsProcessingException(tr(
            "'{name}' is a land cover, not a DEM: it holds only the land-cover classes {classes} (the codes of the "
            "clutter table, ESA WorldCover), which would be read as heights in metres. Give the elevation model "
            "(e.g. DEMNAS or SRTM) as DEM; a land cover goes to LAND_COVER of 'Compute coverage'.").format(
            name=name, classes=", ".join(str(c) for c in classes)))
    ds = gdal.Open(str(path))
    band = ds.GetRasterBand(1) if ds is not None else None
    for approx in (True, False):
        try:
            mm = band.ComputeRasterMinMax(approx) if band is not None else None
        except RuntimeError:
            mm = None
        if mm is not None and all(v is not None and math.isfinite(v) for v in mm):
            if approx and not DEM_METRES[0] <= mm[0] <= mm[1] <= DEM_METRES[1]:
                continue  # an estimate from overviews: the exact range decides
            if not DEM_METRES[0] <= mm[0] <= mm[1] <= DEM_METRES[1] and fill_without_nodata(ds) is None:
                # (fill cells without a nodata value, -32768 say, are refuse_dem_fill's to name)
                raise QgsProcessingException(tr(
                    "The DEM '{name}' has elevations from {lo} to {hi}, which cannot be metres (the Earth's highest "
                    "point is {top} m, its deepest sea floor {deep} m): it is probably in feet, decimetres or "
                    "centimetres. Convert it to metres (Raster calculator, e.g. \"dem@1\" * 0.3048 for feet) or give "
                    "a DEM in metres.").format(name=name, lo=fmt.integer(mm[0], ui_lang()),
                                               hi=fmt.integer(mm[1], ui_lang()), top=fmt.integer(8849, ui_lang()),
                                               deep=fmt.integer(-10935, ui_lang())))
            return
    raise QgsProcessingException(tr("The DEM '{name}' holds only nodata cells: there is no elevation to compute "
                                    "on. Check the file or its nodata value.").format(name=name))


def open_dem_layer(layer, feedback):
    """(GDAL dataset, its CRS) of the DEM raster ``layer`` in a metric CRS, or (None, None) without a layer."""
    if layer is None:
        return None, None
    refuse_not_a_dem(layer.source(), layer.name())
    refuse_dem_fill(layer.source(), layer.name())
    try:
        ds, crs, msg = open_metric_dem(layer)
    except CoverageError as e:
        raise QgsProcessingException(tr("Cannot use the DEM: {error}").format(error=describe(e))) from None
    if msg:
        feedback.pushInfo(msg)
    return ds, crs
