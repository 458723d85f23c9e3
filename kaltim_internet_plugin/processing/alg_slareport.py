"""kaltiminternet:slareport — monthly SLA per site, provider scorecard, flags and the monthly M&E report (CSV + PDF).

An adapter: the evaluation is :func:`core.monitoring.evaluate` (the dashboard calls the same), the report is
:mod:`report.monitoring_report`, the village rows come from :mod:`io.monitoring_layers`.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from qgis.core import QgsFeatureRequest, QgsProcessingException

from ..compat import FieldType
from ..core import monitoring as mon
from ..core import monitoring_store as store
from ..i18n import tr
from ..io.monitoring_layers import village_rows
from ..io.status_workflow import STATUS_FIELD, foreign_status_values, plan_db_problem, status_field_for
from ..report import monitoring_report as report
from ..report.pdf import IncompletePdfError
from .base import KaltimAlgorithm
from .checks import overwrites_imported_report
from .params import (
    add_fields,
    add_file,
    add_folder_output,
    add_number,
    add_outputs,
    add_plan_db,
    add_sink,
    add_source,
    add_string,
)
from .sinks import cut_off_pdf

# output -> (fields, the evaluation's rows, one row's values)
TABLES = {
    "OUTPUT_SLA": ((("code", FieldType.String), ("provider", FieldType.String), ("month", FieldType.String),
                    ("availability_pct", FieldType.Double), ("counted_downtime_s", FieldType.Double),
                    ("basis", FieldType.String), ("restitution", FieldType.Bool)),
                   lambda ev: ev.sla,
                   lambda r: [r["code"], r["provider"], r["month"], round(100.0 * r["availability"], 6),
                              round(r["downtime_s"], 3), r["basis"], bool(r["restitution"])]),
    "OUTPUT_SCORECARD": ((("provider", FieldType.String), ("sites", FieldType.Int), ("months", FieldType.Int),
                          ("mean_availability_pct", FieldType.Double), ("min_availability_pct", FieldType.Double),
                          ("months_below_target", FieldType.Int), ("restitution_months", FieldType.Int)),
                         lambda ev: ev.scorecard,
                         lambda s: [s["provider"], s["sites"], s["months"], round(100 * s["mean_availability"], 6),
                                    round(100 * s["min_availability"], 6), s["months_below_target"],
                                    s["restitution_months"]]),
    "OUTPUT_FLAGS": ((("flag", FieldType.String), ("code", FieldType.String), ("provider", FieldType.String),
                      ("months", FieldType.String), ("run_length", FieldType.Int), ("message", FieldType.String)),
                     lambda ev: ev.flags,
                     lambda f: [f["flag"], f["code"], f["provider"], f["months"], f["run_length"],
                                report.flag_message(f)]),
}


class SlaReportAlgorithm(KaltimAlgorithm):
    ALG_ID = "slareport"
    GROUP_ID = "monitoring"

    def initAlgorithm(self, config=None):
        add_plan_db(self)
        add_number(self, "TARGET_PCT", tr("SLA target availability (%)"), 99.0, 0.0, 100.0)
        add_number(self, "MIN_OUTAGE_S", tr("Ignore outages of at most (seconds)"), 300, 0, integer=True)
        add_number(self, "CONSECUTIVE_MONTHS", tr("Months below target in a row before 'consider another provider'"),
                   3, 1, integer=True)
        add_string(self, "REPORT_MONTH", tr("Reporting month (YYYY-MM; empty = latest month with data)"),
                   optional=True)
        add_source(self, "VILLAGES", tr("Village layer (status, roadmap year; for the map and indicators)"),
                   optional=True)
        add_fields(self, "VILLAGES", [("STATUS_FIELD", tr("Status field (empty: deploy_status when the layer has it, "
                                                          "else status)"))])
        add_file(self, "TEMPLATE", tr("Report layout template (.qpt)"), tr("Print layout templates (*.qpt)"),
                 optional=True, advanced=True)
        add_sink(self, "OUTPUT_SLA", tr("Monthly SLA per site"), "table")
        add_sink(self, "OUTPUT_SCORECARD", tr("Provider scorecard"), "table")
        add_sink(self, "OUTPUT_FLAGS", tr("Flags"), "table")
        add_folder_output(self, "OUTPUT_REPORT_FOLDER", tr("Monthly M&E report folder (CSV + PDF)"), optional=True,
                          create=False)
        add_outputs(self, "string", [("REPORT_PDF", tr("M&E report PDF")), ("REPORT_MONTH", tr("Reporting month"))])
        add_outputs(self, "number", [("SITE_MONTHS", tr("Site-months evaluated")),
                                     ("RESTITUTION_COUNT", tr("Site-months with restitution")),
                                     ("FLAG_COUNT", tr("Flags"))])

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        """The plugin's checks, then a PLAN_DB that is no database, is damaged or locked (said before any work; a
        slareport failing in processAlgorithm while an OGR layer was open also made QGIS 3.22's Python end in a
        segmentation fault at exit, found 2026-12-07), then a report folder holding a file of a report file's name
        that this tool did not write (the report would replace it)."""
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        db = self.parameterAsFile(parameters, "PLAN_DB", context)
        problem = plan_db_problem(db, f"PLAN_DB = {db}", write=False) if db and Path(db).is_file() else ""
        if problem:  # before any work (no database, damaged, locked)
            return False, problem
        if parameters.get("OUTPUT_REPORT_FOLDER") in (None, ""):
            return ok, message
        folder = self.parameterAsString(parameters, "OUTPUT_REPORT_FOLDER", context)
        if not folder or not Path(folder).is_dir() or not db:
            return ok, message  # (the run says what is wrong)
        try:
            month = self._month(parameters, context) or mon.latest_month(store.load_records(db))
        except (QgsProcessingException, sqlite3.Error):
            return ok, message
        found = report.foreign_files(folder, month)
        if found:
            return False, tr("OUTPUT_REPORT_FOLDER = {folder} holds {name}, which this tool did not write (its first "
                             "row is not the report's columns): the report would replace it. Choose another folder, "
                             "or move {name} away; it is left as it is.").format(folder=folder, name=found[0])
        return ok, message

    def kept_files_refusal(self, parameters, context, targets) -> str:
        """An output naming a provider's report imported into PLAN_DB: the evidence of the SLA would be replaced by a
        table (processing/output_guard.py asks before any work, in the checks and again when the run starts)."""
        return overwrites_imported_report(self.parameterAsFile(parameters, "PLAN_DB", context), targets)

    def processAlgorithm(self, parameters, context, feedback):
        db = self.parameterAsFile(parameters, "PLAN_DB", context)
        if not db or not Path(db).is_file():
            raise QgsProcessingException(tr("Plan GeoPackage not found: {path}. Import service reports into it "
                                            "first.").format(path=db))
        problem = plan_db_problem(db, f"PLAN_DB = {db}", write=False)
        if problem:
            raise QgsProcessingException(problem)
        settings = mon.MonitoringSettings(
            target=self.parameterAsDouble(parameters, "TARGET_PCT", context) / 100.0,
            min_outage_s=self.parameterAsInt(parameters, "MIN_OUTAGE_S", context),
            consecutive_months=self.parameterAsInt(parameters, "CONSECUTIVE_MONTHS", context))
        try:
            records = store.load_records(db)
        except sqlite3.DatabaseError as exc:
            raise QgsProcessingException(tr("Cannot read the monitoring tables of {path}: {error}")
                                         .format(path=db, error=exc)) from None
        feedback.pushInfo(tr("{n} report and outage records.").format(n=len(records)))
        folder = self.parameterAsString(parameters, "OUTPUT_REPORT_FOLDER", context)
        folder = folder if folder and parameters.get("OUTPUT_REPORT_FOLDER") not in (None, "") else ""
        layer, rows, status_field = self._villages(parameters, context, feedback, bool(folder))
        ev = mon.evaluate(records, rows, settings, self._month(parameters, context))
        if not any(r["month"] == ev.month for r in ev.sla):
            # a report of a month without data is still written, but the log says why it is empty
            months = sorted({str(r["month"]) for r in records if r.get("month")})  # (ev.sla stops at the month)
            feedback.pushWarning(tr(
                "No service report for {month} in {path}: the report has no site-month. Import that month's reports "
                "first ('Import provider service report'), or choose a month with data ({months}).").format(
                month=ev.month or tr("any month"), path=db, months=", ".join(months[-12:]) or tr("none yet")))
        for f in ev.flags:
            feedback.pushInfo(report.flag_message(f))
        feedback.setProgress(30)
        results = {key: self._write_table(parameters, context, key, ev) for key in TABLES}
        feedback.setProgress(50)
        pdf = ""
        if folder:
            template = self.parameterAsFile(parameters, "TEMPLATE", context)
            template = Path(template) if template else report.template_path()
            if layer is not None and not report.has_map(layer):
                feedback.pushWarning(tr("The village layer has no geometry to draw: the report's indicators count "
                                        "its villages, but the report has no map. Choose the villages' polygon or "
                                        "point layer for a map."))
            try:
                sources = mon.report_sources(records, store.import_files(db), ev.month)
                pdf = report.write_report(folder, ev, template, layer, status_field, feedback.setProgress, sources)
            except IncompletePdfError as exc:
                raise QgsProcessingException(cut_off_pdf(exc, "OUTPUT_REPORT_FOLDER")) from None
            feedback.pushInfo(tr("M&E report written: {path}").format(path=pdf))
        feedback.setProgress(100)
        return dict(results, REPORT_PDF=pdf, REPORT_MONTH=ev.month, OUTPUT_REPORT_FOLDER=folder if pdf else "",
                    SITE_MONTHS=len(ev.sla), RESTITUTION_COUNT=sum(1 for r in ev.sla if r["restitution"]),
                    FLAG_COUNT=len(ev.flags))

    def _month(self, parameters, context) -> str:
        month = (self.parameterAsString(parameters, "REPORT_MONTH", context) or "").strip()
        if not month:
            return ""
        try:
            return mon.parse_period(month)[1]
        except ValueError:
            raise QgsProcessingException(tr("Reporting month {month} is not YYYY-MM.").format(
                month=month)) from None

    def _villages(self, parameters, context, feedback=None, for_map: bool = True) -> tuple:
        """(the village layer for the map, its rows for the indicators, the status field); a status value that is no
        workflow status is named (its villages are counted without status, not active: said nowhere before)."""
        # attributes and a map only: invalid polygons (the sample has one) must not stop the report
        check = context.invalidGeometryCheck()
        context.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
        try:
            source = self.parameterAsSource(parameters, "VILLAGES", context)
        finally:
            context.setInvalidGeometryCheck(check)
        status_field = self.parameterAsString(parameters, "STATUS_FIELD", context)
        if source is None:
            return None, [], status_field or STATUS_FIELD
        # empty: deploy_status when present, as the dock (a plan's 'status' is its coverage class: the report counted
        # 1,038 villages 'without status', found 2026-12-07)
        status_field = status_field or status_field_for(source)
        rows = village_rows(source, status_field)
        foreign = foreign_status_values(source, status_field)
        if foreign and feedback is not None:
            feedback.pushWarning(tr(
                "The status field {field} holds values that are no workflow status: {values} ({n} villages). They are "
                "counted as villages without status, not as active. Write one of {statuses} (or its Indonesian "
                "label).").format(field=status_field, values=", ".join(foreign[:6]) + (", …" if len(foreign) > 6
                                                                                       else ""),
                                  n=sum(1 for r in rows if r["status"] is None and r.get("raw_status")),
                                  statuses=", ".join(mon.STATUSES)))
        # (the rows also without a report: a migrated village gets no 'no_report' flag in the flags table either)
        return source.materialize(QgsFeatureRequest()) if for_map else None, rows, status_field

    def _write_table(self, parameters, context, key, evaluation) -> str:
        spec, rows, values = TABLES[key]
        return self.write_table(parameters, context, key, spec, (values(row) for row in rows(evaluation)))


ALGORITHM = SlaReportAlgorithm
