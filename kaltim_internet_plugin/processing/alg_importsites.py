"""kaltiminternet:importsites — OpenCelliD exports, site lists and point layers -> one normalised site layer.

``INPUT`` is a file parameter (so qgis_process users pass a path) that also accepts a layer: a layer id or name
of the project (what the dock passes), a layer object (Python), a CSV/TXT/TSV file (read by the core CSV reader:
encoding and delimiter detection, spreadsheet row numbers) or any OGR vector source (GeoPackage, Shapefile,
GeoJSON; ``path|layername=x`` for one layer of a GeoPackage). Point layers in any CRS are transformed to
EPSG:4326; their rejects are numbered by feature id.
"""
from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsWkbTypes,
)

from ..core import sites as sm
from ..core.tabular import TableError, open_table
from ..errors import describe
from ..i18n import tr
from ..input_text import issue_text, report_issues, table_error_text, table_info_text
from ..io.sites_layer import layer_rows, resolve_input, site_feature, site_fields
from ..io.styles import style_towers
from .base import KaltimAlgorithm
from .checks import shape_name
from .params import add_bool, add_enum, add_file, add_file_output, add_number, add_outputs, add_sink, add_string

FORMATS = ("auto", "layer", "opencellid", "sitelist")
# parameter -> role in core.sites.FIELD_SYNONYMS
FIELD_PARAMS = (
    ("SITE_ID_FIELD", "site_id"), ("OPERATOR_FIELD", "operator"), ("TECH_FIELD", "tech"),
    ("HEIGHT_FIELD", "height_m"), ("FREQ_FIELD", "freq_mhz"), ("EIRP_FIELD", "eirp_dbm"),
    ("STATUS_FIELD", "status"), ("VILLAGE_CODE_FIELD", "village_code"), ("LON_FIELD", "lon"),
    ("LAT_FIELD", "lat"),
)
MAX_LOGGED_REJECTS = 100


def field_labels() -> dict:
    return {
        "SITE_ID_FIELD": tr("Site id field (optional override)"),
        "OPERATOR_FIELD": tr("Operator field (optional override)"),
        "TECH_FIELD": tr("Technology field (optional override)"),
        "HEIGHT_FIELD": tr("Antenna height field, m (optional override)"),
        "FREQ_FIELD": tr("Frequency field, MHz (optional override)"),
        "EIRP_FIELD": tr("EIRP field, dBm (optional override)"),
        "STATUS_FIELD": tr("Status field (optional override)"),
        "VILLAGE_CODE_FIELD": tr("Village code field (optional override)"),
        "LON_FIELD": tr("Longitude field (CSV only, optional override)"),
        "LAT_FIELD": tr("Latitude field (CSV only, optional override)"),
    }


class ImportSitesAlgorithm(KaltimAlgorithm):
    ALG_ID = "importsites"
    GROUP_ID = "coverage"

    def initAlgorithm(self, config=None):
        add_file(self, "INPUT", tr("Sites: CSV file, point layer file or project layer"),
                 tr("Tower/site data (*.csv *.txt *.tsv *.xlsx *.gpkg *.shp *.geojson);;All files (*.*)"))
        add_enum(self, "FORMAT", tr("Format"), [tr("Automatic"), tr("Point layer / generic table"),
                                                tr("OpenCelliD export"), tr("Site list (BAKTI)")])
        add_number(self, "MERGE_DISTANCE_M", tr("Merge OpenCelliD cells of one operator closer than (m)"), 100.0, 0.0,
                   optional=True)
        labels = field_labels()
        for key, _role in FIELD_PARAMS:
            add_string(self, key, labels[key], optional=True, advanced=True)
        add_bool(self, "SKIP_OUTSIDE", tr("OpenCelliD: skip cells outside the province without listing them "
                                          "(national exports)"), optional=True, advanced=True)
        add_sink(self, "OUTPUT", tr("Sites"), "point")
        add_file_output(self, "OUTPUT_REJECTS", tr("Rejected rows (CSV)"), tr("CSV files (*.csv)"), optional=True,
                        create=False)
        add_outputs(self, "number", [("SITES_IMPORTED", tr("Sites imported")), ("ROWS_REJECTED", tr("Rows rejected"))])
        add_outputs(self, "string", [("FORMAT_USED", tr("Format used"))])

    def checkParameterValues(self, parameters, context):
        """INPUT may also be a layer id/name/object, which the file parameter's own check would refuse."""
        kind, src = resolve_input(parameters.get("INPUT"), context)
        if kind == "missing":
            return False, self._missing_message(src)
        ok, message = self.kaltim_checks(parameters, context, skip=("INPUT",))
        if not ok:
            return ok, message
        rest = dict(parameters)
        rest["INPUT"] = "sites.csv"
        return QgsProcessingAlgorithm.checkParameterValues(self, rest, context)

    @staticmethod
    def _missing_message(src) -> str:
        return tr("INPUT: cannot read the sites input '{src}': give a CSV file, a point layer file (GeoPackage, "
                  "Shapefile, GeoJSON) or a layer of the project.").format(src=src)

    # ------------------------------------------------------------------------------------------ helpers
    def _mapping(self, parameters, context, header: list, fmt: str, feedback) -> dict:
        mapping = sm.detect_field_mapping(header)
        by_norm = {}
        for h in header:
            by_norm.setdefault(h, h)
            by_norm.setdefault(h.lower(), h)
        for key, role in FIELD_PARAMS:
            wanted = self.parameterAsString(parameters, key, context).strip()
            if not wanted:
                continue
            actual = by_norm.get(wanted) or by_norm.get(wanted.lower())
            if actual is None:
                raise QgsProcessingException(
                    tr("{param}: the input has no column '{field}'. Available columns: {columns}.").format(
                        param=key, field=wanted, columns=", ".join(header)))
            if fmt == "opencellid":
                feedback.pushInfo(tr("{param} is ignored for OpenCelliD exports (fixed columns).").format(param=key))
                continue
            for other in [r for r, f in mapping.items() if f == actual and r != role]:
                del mapping[other]
            mapping[role] = actual
        return mapping

    @staticmethod
    def _opencellid_rows_with_coords(rows: list, coords: list, header: list) -> list:
        """Point-layer OpenCelliD cells: the geometry (EPSG:4326) replaces the lon/lat attributes."""
        lon_key = next((h for h in header if sm.norm_name(h) == "lon"), "lon")
        lat_key = next((h for h in header if sm.norm_name(h) == "lat"), "lat")
        out = []
        for (num, row), xy in zip(rows, coords):
            row = dict(row)
            row[lon_key], row[lat_key] = (xy if xy is not None else (None, None))
            out.append((num, row))
        return out

    # ------------------------------------------------------------------------------------------ run
    def processAlgorithm(self, parameters, context, feedback):
        raw = parameters.get("INPUT")
        if not hasattr(raw, "id"):
            raw = self.parameterAsFile(parameters, "INPUT", context) or raw
        kind, src = resolve_input(raw, context)
        if kind == "missing":
            raise QgsProcessingException(self._missing_message(src))
        choice = FORMATS[self.parameterAsEnum(parameters, "FORMAT", context)]
        merge = self.parameterAsDouble(parameters, "MERGE_DISTANCE_M", context)
        if parameters.get("MERGE_DISTANCE_M") is None:
            merge = 100.0
        skip_outside = self.parameterAsBool(parameters, "SKIP_OUTSIDE", context)
        header, rows, coords, source, first_label = read_input(kind, src, feedback)
        number_issues: list = []
        fmt = choice if choice != "auto" else detect_format(header, coords)
        mapping = self._mapping(parameters, context, header, fmt, feedback)
        feedback.pushInfo(tr("Format: {fmt}").format(fmt=fmt))
        if fmt == "opencellid":
            if coords is not None:
                rows = self._opencellid_rows_with_coords(rows, coords, header)
            counter = RowCounter(rows, feedback)  # streamed: national exports do not sit in memory
            sites, rejects, warnings = sm.normalise_opencellid_rows(
                counter, merge_distance_m=merge, reject_outside_bbox=not skip_outside)
            if feedback.isCanceled():
                return {}
            if not counter.count:
                raise QgsProcessingException(tr("The input holds no rows: nothing to import."))
            n_rows = counter.count
        else:
            sites, rejects, warnings, n_rows = normalise_points(rows, coords, header, mapping, fmt, source,
                                                                number_issues)
        feedback.setProgress(60)
        log_rejects(warnings, rejects, first_label, feedback, number_issues)
        rejects_path = self.parameterAsFileOutput(parameters, "OUTPUT_REJECTS", context)
        if rejects_path:
            sm.write_rejects_csv(rejects_path, rejects)
        if not sites:
            raise QgsProcessingException(self._all_rejected_message(n_rows, rejects, warnings, kind))
        dest = self._write_sites(parameters, context, feedback, sites, fmt)
        defaulted = sum(1 for s in sites if s.defaulted)
        feedback.pushInfo(tr("{n} sites imported from {rows} rows; {rej} rows rejected; {d} sites use "
                             "per-technology defaults (see the 'defaulted' field).").format(
            n=len(sites), rows=n_rows, rej=len(rejects), d=defaulted))
        feedback.setProgress(100)
        self.style_on_completion(dest, style_towers)
        return {"OUTPUT": dest, "OUTPUT_REJECTS": rejects_path or None, "SITES_IMPORTED": len(sites),
                "ROWS_REJECTED": len(rejects), "FORMAT_USED": fmt}

    def _write_sites(self, parameters, context, feedback, sites, fmt) -> str:
        fields = site_fields(sites, fmt)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.Point,
                                          QgsCoordinateReferenceSystem("EPSG:4326"))
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        names = fields.names()
        for i, site in enumerate(sites):
            if feedback.isCanceled():
                break
            sink.addFeature(site_feature(site, fields, names), QgsFeatureSink.Flag.FastInsert)
            if i % 500 == 0:
                feedback.setProgress(60 + 40.0 * i / len(sites))
        return dest

    @staticmethod
    def _all_rejected_message(n_rows: int, rejects: list, warnings: list, kind: str) -> str:
        if not rejects:
            extra = "; ".join(warnings)
            return tr("No site could be imported from {n} rows. {details}").format(n=n_rows, details=extra)
        # counted by problem (the number's problem and field, or the problem's code), each said by its first row's
        # reason: a reason names its row and value, so counted by text every row was its own reason, counted once;
        # a row with three problems counts once in each of the three
        reasons: dict = {}
        for rj in rejects:
            keys = {}
            for problem in rj.problems:
                key = (problem.issue.code, problem.issue.field) if problem.issue is not None else (
                    problem.code or problem.reason.split(" (")[0])
                keys.setdefault(key, problem.reason)
            for key, reason in keys.items():
                reasons.setdefault(key, [reason, 0])[1] += 1
        top = " | ".join(tr("{count} row(s), e.g. {reason}").format(count=n, reason=reason.rstrip(". "))
                         for reason, n in sorted(reasons.values(), key=lambda item: -item[1])[:5])
        outside = sum(1 for rj in rejects if any(p.code in ("site_outside_bbox", "site_coordinates_out_of_range")
                                                 for p in rj.problems))
        if outside * 2 >= len(rejects):
            hint = tr("Most rows lie outside Kalimantan Timur: check the coordinate columns (lon/lat swapped?), "
                      "the layer's CRS, or that the file is for this province.")
        else:
            hint = tr("Check the columns and the FORMAT parameter.")
        return tr("All {n} rows were rejected: {reasons}. {hint}").format(n=len(rejects), reasons=top, hint=hint)


class RowCounter:
    """Iterates ``(row number, row)`` pairs, counting them and stopping early when the user cancels."""

    def __init__(self, rows, feedback):
        self.rows, self.feedback, self.count = rows, feedback, 0

    def __iter__(self):
        for item in self.rows:
            if self.count % 10000 == 0 and self.feedback.isCanceled():
                return
            self.count += 1
            yield item


def keep_source_flag(sites: list, rows: list, header: list) -> None:
    """An input column ``source``/``sumber`` (e.g. 'synthetic') wins over the generic source ('csv', 'layer',
    'sitelist'), so synthetic or estimated data stays flagged through the chain."""
    key = next((h for h in header if sm.norm_name(h) in ("source", "sumber", "sumber_data")), None)
    if key is None:
        return
    by_row = {num: row for num, row in rows}
    for site in sites:
        value = by_row.get(site.row, {}).get(key)
        if not sm.is_blank(value):
            site.source = str(value).strip()


def coords_crs_missing(layer) -> bool:
    return layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry and not layer.crs().isValid()


def read_input(kind: str, src, feedback) -> tuple:
    """``(header, rows, coordinates or None, source, what a row is called)`` of a CSV path or a layer."""
    if kind == "csv":
        feedback.pushInfo(tr("Reading {path}").format(path=src))
        try:  # core.tabular: delimiter, encoding, title rows and XLSX as offices save them
            info, rows = open_table(src, known_names=sm.KNOWN_COLUMNS)
        except TableError as exc:
            raise QgsProcessingException(table_error_text(exc)) from None
        except (OSError, UnicodeError) as exc:
            raise QgsProcessingException(tr("Cannot read {path}: {error}").format(path=src, error=exc)) from None
        header = info.header
        feedback.pushInfo(table_info_text(info))
        coords, source, first_label = None, "csv", tr("row")
    else:
        layer = src
        feedback.pushInfo(tr("Reading layer {name} ({n} features, {crs})").format(
            name=layer.name(), n=layer.featureCount(), crs=layer.crs().authid() or "?"))
        if coords_crs_missing(layer):
            raise QgsProcessingException(
                tr("The layer {name} has no CRS: set it (Layer Properties > Source) so the points can be "
                   "placed.").format(name=layer.name()))
        header, rows, coords = layer_rows(layer, feedback)
        mapping = sm.detect_field_mapping(header)
        shape = layer.geometryType()
        if shape in (QgsWkbTypes.GeometryType.LineGeometry, QgsWkbTypes.GeometryType.PolygonGeometry) and not (
                "lon" in mapping and "lat" in mapping):
            # (was: every feature "no coordinates (lon/lat empty)")
            raise QgsProcessingException(tr(
                "The layer {name} holds {shape}, not points: a tower is a point. Use a point layer or a table with "
                "longitude and latitude columns, or make points first (Vector > Geometry Tools > Centroids).").format(
                name=layer.name(), shape=shape_name(shape)))
        source, first_label = "layer", tr("feature")
    if not header:
        raise QgsProcessingException(tr("The input has no columns: is it empty?"))
    return header, rows, coords, source, first_label


def detect_format(header, coords) -> str:
    detected = sm.detect_format(header)
    if detected in ("opencellid", "sitelist"):
        return detected
    if detected == "generic" or coords is not None:
        return "layer"
    raise QgsProcessingException(
        tr("The columns were not recognised as an OpenCelliD export, a site list or a tower table "
           "(columns: {columns}). Choose FORMAT and set the field parameters (LON_FIELD, LAT_FIELD, "
           "...).").format(columns=", ".join(header)))


def normalise_points(rows, coords, header, mapping, fmt: str, source: str, number_issues=None) -> tuple:
    """Site list or tower table rows -> ``(sites, rejects, warnings, number of rows)``; the numbers' problems
    (core.numbers) are added to ``number_issues``."""
    rows = list(rows)
    if not rows:
        raise QgsProcessingException(tr("The input holds no rows: nothing to import."))
    if fmt == "sitelist":
        sites, rejects, warnings = sm.normalise_point_rows(
            rows, mapping=mapping, source="sitelist", coordinates=coords, id_prefix="SITE",
            number_issues=number_issues)
    else:
        sites, rejects, warnings = sm.normalise_point_rows(
            rows, mapping=mapping, source=source, coordinates=coords, number_issues=number_issues)
    keep_source_flag(sites, rows, header)
    return sites, rejects, warnings, len(rows)


def log_rejects(warnings, rejects, first_label: str, feedback, number_issues=()) -> None:
    for text in warnings:
        feedback.pushWarning(tr("Warning: {text}").format(text=text))
    report_issues(feedback, list(number_issues), first_label)
    for rj in rejects:  # every problem of the row, in the user's language; the rejects file says them all
        for problem in rj.problems:
            if problem.issue is not None:  # the translated sentence names the row, the field and the fix
                problem.reason = issue_text(problem.issue, first_label)
            elif problem.code:
                problem.reason = describe(problem)
        rj.reason = sm.join_reasons(p.reason for p in rj.problems)
    for rj in rejects[:MAX_LOGGED_REJECTS]:
        for problem in rj.problems:
            if problem.issue is not None:  # its sentence begins with the row already: not said twice
                feedback.reportError(tr("Rejected: {reason}").format(reason=problem.reason))
            else:
                feedback.reportError(tr("Rejected {what} {row}: {reason}").format(what=first_label, row=rj.row,
                                                                                 reason=problem.reason))
    if len(rejects) > MAX_LOGGED_REJECTS:
        feedback.reportError(tr("... and {n} more rejected rows (write OUTPUT_REJECTS to see them all).").format(
            n=len(rejects) - MAX_LOGGED_REJECTS))


ALGORITHM = ImportSitesAlgorithm
