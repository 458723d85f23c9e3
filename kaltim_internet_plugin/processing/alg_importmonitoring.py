"""kaltiminternet:importmonitoring — import a provider's service report (CSV/XLSX) into the plan GeoPackage.

Good rows go in ONE transaction (core.monitoring_store.import_records); a failure or a cancel rolls the whole
run back, so earlier imports stay intact and nothing partial remains. Re-importing a file is idempotent.
Fault injection for tests: the environment variable ``KALTIM_IMPORT_FAIL_AT_ROW=N`` raises inside the
transaction when record N (0-based) is about to be written; ``KALTIM_IMPORT_ROW_DELAY_S`` sleeps per record.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from qgis.core import QgsProcessingException

from ..core import monitoring as mon
from ..core import monitoring_store as store
from ..core.numbers import NumberIssue
from ..core.tabular import TableError
from ..errors import describe
from ..i18n import tr
from ..input_text import first_listed, issue_text, table_error_text
from ..io.status_workflow import plan_db_problem
from .base import KaltimAlgorithm
from .checks import overwrites_imported_report
from .params import add_bool, add_fields, add_file, add_file_output, add_outputs, add_plan_db, add_source, add_string

FAIL_ENV = "KALTIM_IMPORT_FAIL_AT_ROW"
DELAY_ENV = "KALTIM_IMPORT_ROW_DELAY_S"


def codes_from_layer(layer, field: str, fallbacks) -> set:
    names = layer.fields().names()
    if not field:
        lower = {n.lower(): n for n in names}
        field = next((lower[f] for f in fallbacks if f in lower), "")
    if not field or field not in names:
        raise QgsProcessingException(tr("Layer '{layer}' has no code field (looked for {fields}). Choose the code "
                                        "field.").format(layer=layer.name(), fields=", ".join(fallbacks)))
    idx = layer.fields().indexOf(field)
    codes = set()
    for f in layer.getFeatures():
        v = f.attribute(idx)
        if isinstance(v, float) and v.is_integer():  # a code field of reals: 6401012009.0 is the code 6401012009
            v = int(v)
        if v is not None and str(v).strip() and str(v) != "NULL":
            codes.add(str(v).strip())
    return codes


class ImportMonitoringAlgorithm(KaltimAlgorithm):
    ALG_ID = "importmonitoring"
    GROUP_ID = "monitoring"
    WRITES_INPUTS = ("PLAN_DB",)  # probed for another program's lock before the run (processing/output_guard.py)

    def initAlgorithm(self, config=None):
        add_file(self, "INPUT", tr("Service report (CSV or XLSX)"), tr("Reports (*.csv *.xlsx *.xlsm)"))
        add_plan_db(self)
        add_source(self, "VILLAGES", tr("Village layer (known village codes)"), optional=True, layer=True)
        add_fields(self, "VILLAGES", [("VILLAGE_CODE_FIELD", tr("Village code field"))])
        add_source(self, "SITES", tr("Site layer (known site codes)"), optional=True, layer=True)
        add_fields(self, "SITES", [("SITE_CODE_FIELD", tr("Site code field"))])
        add_string(self, "PROVIDER", tr("Provider (when the file has no provider column)"), optional=True)
        add_string(self, "PERIOD", tr("Month of the report (YYYY-MM; for rows without a period, e.g. a monthly "
                                      "report with its month only in the title)"), optional=True)
        add_bool(self, "REPLACE", tr("The file corrects reports imported before: replace the values it differs in"))
        add_file_output(self, "REJECTS", tr("Rejected rows (CSV)"), tr("CSV files (*.csv)"), optional=True)
        add_outputs(self, "number", [
            ("ROWS_READ", tr("Rows read")), ("ROWS_IMPORTED", tr("Rows imported")),
            ("ROWS_REJECTED", tr("Rows rejected")), ("ROWS_DUPLICATE", tr("Duplicate rows")),
            ("ROWS_CONFLICT", tr("Conflicting rows")), ("ROWS_REPLACED", tr("Rows replacing earlier values")),
            ("OUTAGES_IMPORTED", tr("Outages imported")),
            ("IMPORT_ID", tr("Import id"))])
        add_outputs(self, "string", [("PLAN_DB", tr("Plan GeoPackage"))])

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        """The plugin's checks, then a PLAN_DB holding a table of the user's named like a monitoring table."""
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        message = plan_db_message(self.parameterAsFile(parameters, "PLAN_DB", context))
        return not message, message

    def kept_files_refusal(self, parameters, context, targets) -> str:
        """REJECTS naming a report imported into PLAN_DB before (e.g. last month's): the rejected rows would replace
        it (processing/output_guard.py asks before any work; REJECTS naming INPUT is an output naming an input)."""
        return overwrites_imported_report(self.parameterAsFile(parameters, "PLAN_DB", context), targets)

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "INPUT", context)
        db = self.parameterAsFile(parameters, "PLAN_DB", context)
        check_files(path, db)
        provider = (self.parameterAsString(parameters, "PROVIDER", context) or "").strip()
        known = self._known_codes(parameters, context, feedback)

        feedback.pushInfo(tr("Reading {path}").format(path=path))
        try:
            _header, rows = mon.read_table(path)
        except TableError as exc:
            raise QgsProcessingException(table_error_text(exc)) from None
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise QgsProcessingException(tr("Cannot read {path}: {error}. Check that it is a CSV (UTF-8) or XLSX "
                                            "file with a header row.").format(path=path, error=exc)) from None
        except Exception as exc:  # noqa: BLE001 - openpyxl/GDAL raise their own types
            raise QgsProcessingException(tr("Cannot read {path}: {error}. Check that it is a CSV (UTF-8) or XLSX "
                                            "file with a header row.").format(path=path, error=exc)) from None
        if not rows:  # a header alone: nothing to import, and no import to record
            raise QgsProcessingException(tr("{path} has a header row but no data rows: nothing was imported. Export "
                                            "the report again with its rows.").format(path=path))
        records, pre_rejects, warnings = mon.validate_report_rows(rows, known_codes=known, provider=provider,
                                                                  period=self._period(parameters, context))
        for w in warnings:  # (a number column's reading, core.numbers.NumberIssue, has its own words)
            feedback.pushInfo(tr("Warning: {text}").format(
                text=issue_text(w) if isinstance(w, NumberIssue) else describe(w)))
        missing_layer_hint(pre_rejects, getattr(self, "_layers_given", {}), feedback)
        if feedback.isCanceled():
            raise QgsProcessingException(tr("Import cancelled; nothing was written."))
        feedback.setProgress(10)

        try:
            result = store.import_records(db, records, os.path.basename(path), store.file_sha256(path),
                                          rows_read=len(rows), pre_rejects=pre_rejects, provider=provider,
                                          on_row=row_hook(feedback, len(records)),
                                          replace=self.parameterAsBoolean(parameters, "REPLACE", context))
        except QgsProcessingException:
            raise
        except Exception as exc:  # noqa: BLE001 - rolled back by the store; tell the user what happened
            raise QgsProcessingException(tr("Import failed and was rolled back; the plan GeoPackage is unchanged: "
                                            "{error}").format(error=exc)) from None

        rejects_path = self.parameterAsFileOutput(parameters, "REJECTS", context)
        report_rejects(result["REJECTS"], dict(rows), rejects_path, feedback)
        report_corrections(result, feedback)
        feedback.pushInfo(tr("Read {read}, imported {imp}, rejected {rej} (of which {conf} conflicts), duplicates "
                             "{dup}, outages {out}.").format(
            read=result["ROWS_READ"], imp=result["ROWS_IMPORTED"], rej=result["ROWS_REJECTED"],
            conf=result["ROWS_CONFLICT"], dup=result["ROWS_DUPLICATE"], out=result["OUTAGES_IMPORTED"]))
        feedback.setProgress(100)
        keys = ("ROWS_READ", "ROWS_IMPORTED", "ROWS_REJECTED", "ROWS_DUPLICATE", "ROWS_CONFLICT", "ROWS_REPLACED",
                "OUTAGES_IMPORTED", "IMPORT_ID")
        return dict({k: result[k] for k in keys}, REJECTS=rejects_path, PLAN_DB=db)

    def _period(self, parameters, context) -> str:
        """PERIOD as YYYY-MM ('' when not given); a text that is no month stops the run before any work."""
        text = (self.parameterAsString(parameters, "PERIOD", context) or "").strip()
        try:
            return mon.parse_period(text)[0] if text else ""
        except ValueError:
            raise QgsProcessingException(tr("PERIOD = {value} is not a month. Write it as YYYY-MM, e.g. 2026-11 "
                                            "(or Nov 2026), or leave it empty.").format(value=text)) from None

    def _known_codes(self, parameters, context, feedback):
        """The site and village codes of the given layers (None: no layer given, every code is accepted)."""
        known = None
        villages = self.parameterAsVectorLayer(parameters, "VILLAGES", context)
        sites = self.parameterAsVectorLayer(parameters, "SITES", context)
        if villages is not None:
            known = codes_from_layer(villages, self.parameterAsString(parameters, "VILLAGE_CODE_FIELD", context),
                                     ("kode", "kode_desa", "village_code", "code"))
        if sites is not None:
            known = (known or set()) | codes_from_layer(
                sites, self.parameterAsString(parameters, "SITE_CODE_FIELD", context),
                ("site_id", "kode_site", "site_code", "code"))
        if known is not None:
            feedback.pushInfo(tr("{n} known site/village codes.").format(n=len(known)))
        self._layers_given = {"site": sites is not None, "village": villages is not None}
        return known


def check_files(path: str, db: str) -> None:
    """The report file and the plan GeoPackage can be used (also when run without the checks, e.g. in a model)."""
    message = plan_db_message(db)
    if message:
        raise QgsProcessingException(message)
    if not path or not Path(path).is_file():
        raise QgsProcessingException(tr("Report file not found: {path}. Choose an existing CSV or XLSX file.")
                                     .format(path=path))
    if Path(path).suffix.lower() not in store.REPORT_SUFFIXES:
        raise QgsProcessingException(tr("{path} is not a CSV or XLSX file. Save the report as CSV or XLSX.")
                                     .format(path=path))
    if not db:
        raise QgsProcessingException(tr("Choose the plan GeoPackage to import into."))
    if not Path(db).exists() and Path(db).suffix.lower() != ".gpkg":
        raise QgsProcessingException(tr("Plan GeoPackage not found: {path}.").format(path=db))


def plan_db_message(db: str) -> str:
    """Why the existing plan GeoPackage ``db`` cannot take an import ('' when it can, or there is none): not a
    GeoPackage, damaged, read-only, locked (io.status_workflow.plan_db_problem), or holding a table of the user's named
    like a monitoring table (:func:`foreign_tables_message`)."""
    return (plan_db_problem(db, f"PLAN_DB = {db}") or foreign_tables_message(db)) if db else ""


def foreign_tables_message(db: str) -> str:
    """Why the existing plan GeoPackage ``db`` cannot take an import ('' when it can): it holds a table (or view) of
    the user's named like a monitoring table (mon_imports, mon_reports, mon_outages, status_history) that lacks
    columns of ours (core.monitoring_store.foreign_tables). The import would add its rows to that table, or the
    append-only triggers to a status_history of the user's, or stop on a missing column with SQLite's words."""
    found = store.foreign_tables(db) if db else []
    if not found:
        return ""
    name, lacking = found[0]
    return tr("PLAN_DB = {path} holds a table '{table}' that this tool did not write (it has no column {columns}): "
              "this tool keeps its monitoring records in tables named {names} and would write into yours. "
              "Rename your table '{table}' (or move it to another file), or choose another plan GeoPackage. Nothing "
              "was changed.").format(path=db, table=name, columns=first_listed(lacking, 6),
                                     names=", ".join(store.SCHEMA))


def row_hook(feedback, total: int):
    """Called before each record is written: cancel, progress, and the test hooks (FAIL_ENV, DELAY_ENV)."""
    fail_at = os.environ.get(FAIL_ENV)
    fail_at = int(fail_at) if fail_at and fail_at.strip().lstrip("-").isdigit() else None
    delay = float(os.environ.get(DELAY_ENV) or 0)
    total = max(total, 1)

    def on_row(index, _record):
        if feedback.isCanceled():
            raise QgsProcessingException(tr("Import cancelled; nothing was written."))
        if fail_at is not None and index == fail_at:
            raise RuntimeError(f"fault injected at record {index} ({FAIL_ENV})")
        if delay:
            time.sleep(delay)
        if index % 200 == 0:
            feedback.setProgress(10 + 85 * index / total)
    return on_row


def missing_layer_hint(rejects, given: dict, feedback) -> None:
    """Rows rejected as unknown sites (villages) while only a village (site) layer was given: every site code is
    unknown then, and the rejects alone said 'unknown site code' row after row, not that the site layer was missing."""
    for kind in ("site", "village"):
        n = sum(1 for rj in rejects if getattr(rj.error, "code", "") == f"unknown_{kind}_code")
        if n and given and not given.get(kind):
            text = (tr("{n} rows name sites, but no site layer was given (SITES): every site code is unknown. Choose "
                       "the site layer and import the file again.") if kind == "site" else
                    tr("{n} rows name villages, but no village layer was given (VILLAGES): every village code is "
                       "unknown. Choose the village layer and import the file again."))
            feedback.pushWarning(text.format(n=n))


def report_corrections(result: dict, feedback) -> None:
    """Each value a corrected report replaced (row, old value, its file), or, when rows differ from reports imported
    before and were kept out, how to import a corrected report."""
    for row, said in result.get("REPLACED", ()):
        feedback.pushInfo(tr("Row {row}: {text}").format(row=row, text=describe(said)))
    earlier = sum(1 for rj in result["REJECTS"] if getattr(rj.error, "code", "") == "conflict_imported")
    if earlier:
        feedback.pushWarning(tr(
            "{n} row(s) differ from reports imported before and were not imported (the earlier values are kept; see "
            "the rejected rows). If this file corrects them, run the import again with 'The file corrects reports "
            "imported before' ticked.").format(n=earlier))


def report_rejects(rejects, rows_by_number: dict, rejects_path: str, feedback) -> None:
    """Each rejected row in the log and (with a path) the rejects CSV, reasons in the user's language."""
    rejects = [mon.RowReject(rj.row, describe(rj.error) if rj.error else rj.reason,
                             rows_by_number.get(rj.row, rj.data)) for rj in rejects]
    for rj in rejects:
        feedback.reportError(tr("Row {row} rejected: {reason}").format(row=rj.row, reason=rj.reason))
    if rejects_path:
        mon.write_rejects_csv(rejects_path, rejects)


ALGORITHM = ImportMonitoringAlgorithm
