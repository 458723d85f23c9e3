"""kaltiminternet:slareport — monthly SLA per site, provider scorecard, flags and the monthly M&E report (CSV + PDF).

SLA rules are those of :mod:`core.monitoring` (power outages excluded, outages of MIN_OUTAGE_S or less ignored,
overlaps merged, month boundaries split, restitution below TARGET_PCT). The PDF is made from the print layout
template ``resources/layouts/monitoring_report.qpt`` (items found by id: title, subtitle, date, map, legend,
indicators, scorecard, flags, footer).
"""
from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from pathlib import Path
from typing import Optional

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsLayoutExporter,
    QgsLayoutTableColumn,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProject,
    QgsReadWriteContext,
    QgsTableCell,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtXml import QDomDocument

from ..compat import FieldType
from ..core import monitoring as mon
from ..core import monitoring_store as store
from ..i18n import tr
from ..paths import resource
from .base import KaltimAlgorithm

TRAINED_FIELDS = ("cadres_trained", "kader_terlatih", "trained")
TARGET_FIELDS = ("cadres_target", "kader_target", "target_cadres")
KAB_FIELDS = ("nama_kab", "kab", "kabkota", "kode_kab")
CODE_FIELDS = ("kode", "kode_desa", "village_code", "site_id", "code")
DEFAULT_CADRES_PER_VILLAGE = 2
MAX_PDF_FLAGS = 5


def template_path() -> Path:
    return resource("layouts", "monitoring_report.qpt")


# --------------------------------------------------------------------------------------------- indicators
def _pick(names, wanted) -> str:
    lower = {n.lower(): n for n in names}
    return next((lower[w] for w in wanted if w in lower), "")


def village_rows(source, status_field: str = "status", code_field: str = "") -> list:
    """Village features -> dicts ``code, kab, year, status, trained, target`` (missing values None)."""
    names = source.fields().names()
    code_f = code_field or _pick(names, CODE_FIELDS)
    kab_f = _pick(names, KAB_FIELDS)
    year_f = _pick(names, ("year", "tahun"))
    trained_f = _pick(names, TRAINED_FIELDS)
    target_f = _pick(names, TARGET_FIELDS)
    status_f = status_field if status_field in names else ""
    rows = []
    def value(feature, name):
        if not name:
            return None
        v = feature[name]
        return None if v is None or (isinstance(v, QVariant) and v.isNull()) or str(v) == "NULL" else v

    for f in source.getFeatures(QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)):
        def val(name, feature=f):
            return value(feature, name)
        year = val(year_f)
        try:
            year = int(year) if year is not None else None
        except (TypeError, ValueError):
            year = None
        rows.append({"code": str(val(code_f) or ""), "kab": str(val(kab_f) or ""), "year": year,
                     "status": mon.normalise_status(val(status_f)), "trained": val(trained_f),
                     "target": val(target_f), "has_trained": bool(trained_f)})
    return rows


def compute_indicators(records: list, sla_rows: list, villages: Optional[list] = None,
                       month: Optional[str] = None, target: float = 0.99) -> dict:
    """Everything the dashboard and the M&E report show, from stored records, SLA rows and village rows."""
    villages = villages or []
    month_records = [r for r in records if not month or r.get("month") == month]
    month_sla = [r for r in sla_rows if not month or r["month"] == month]
    status_counts = {s: 0 for s in mon.STATUSES}
    no_status = 0
    for v in villages:
        if v["status"]:
            status_counts[v["status"]] += 1
        else:
            no_status += 1
    roadmap = [(v["code"], v["kab"] or "-", v["year"]) for v in villages if v["year"] is not None]
    statuses = {v["code"]: v["status"] for v in villages}
    by_kab = mon.villages_connected_vs_target(roadmap, statuses) if roadmap else []
    by_year: dict = {}
    for r in by_kab:
        y = by_year.setdefault(r["year"], {"year": r["year"], "target": 0, "connected": 0})
        y["target"] += r["target"]
        y["connected"] += r["connected"]
    cum_t = cum_c = 0
    for y in sorted(by_year):
        cum_t += by_year[y]["target"]
        cum_c += by_year[y]["connected"]
        by_year[y].update(target_cumulative=cum_t, connected_cumulative=cum_c)
    cadres = []
    if villages and villages[0].get("has_trained"):
        cadres = mon.cadres_trained(
            [{"kab": v["kab"] or "-", "trained": float(v["trained"] or 0),
              "planned": float(v["target"]) if v["target"] is not None else DEFAULT_CADRES_PER_VILLAGE}
             for v in villages if v["year"] is not None])
    uptimes = [100.0 * r["availability"] for r in month_sla]
    users = mon.users_summary(records)
    return {
        "month": month or "",
        "status_counts": status_counts,
        "no_status": no_status,
        "connected_by_kab": by_kab,
        "connected_by_year": [by_year[y] for y in sorted(by_year)],
        "uptime_distribution": mon.uptime_distribution(uptimes),
        "site_months": len(month_sla),
        "mean_availability_pct": sum(uptimes) / len(uptimes) if uptimes else None,
        "restitution_site_months": sum(1 for r in month_sla if r["restitution"]),
        "users": users,
        "users_month": (next((u for u in users if u["month"] == month), None) if month
                        else (users[-1] if users else None)),
        "throughput": mon.throughput_share(month_records),
        "cadres": cadres,
        "target_pct": 100.0 * target,
    }


def indicator_table(ind: dict) -> list:
    """(indicator, value) rows in the user's language."""
    rows = []
    counts = ind["status_counts"]
    if sum(counts.values()) or ind["no_status"]:
        for code in mon.STATUSES:
            if counts[code]:
                rows.append((tr("Villages {status}").format(status=mon.status_label(code)), str(counts[code])))
        rows.append((tr("Villages without status"), str(ind["no_status"])))
    if ind["connected_by_year"]:
        for y in ind["connected_by_year"]:
            rows.append((tr("Connected / roadmap target {year}").format(year=y["year"]),
                         f"{y['connected']} / {y['target']}"))
    rows.append((tr("Site-months evaluated"), str(ind["site_months"])))
    if ind["mean_availability_pct"] is not None:
        rows.append((tr("Mean availability"), f"{ind['mean_availability_pct']:.3f} %"))
    rows.append((tr("Site-months below target ({target:g} %)").format(target=ind["target_pct"]),
                 str(ind["restitution_site_months"])))
    um = ind["users_month"]
    if um:
        rows.append((tr("Active users ({month})").format(month=um["month"]), f"{um['total_users']:.0f}"))
        rows.append((tr("Villages with zero usage ({month})").format(month=um["month"]), str(um["zero_usage"])))
    tp = ind["throughput"]
    if tp["sites_evaluated"]:
        rows.append((tr("Sites with at least 25/3 Mbps"), "{m} / {n} ({pct:.0f} %)".format(
            m=tp["sites_meeting"], n=tp["sites_evaluated"], pct=100 * tp["share"])))
    if ind["cadres"]:
        total = ind["cadres"][-1]
        rows.append((tr("Digital cadres trained / planned"), f"{total['trained']:.0f} / {total['planned']:.0f}"))
    return rows


def latest_month(records: list) -> str:
    months = [r.get("month") for r in records if r.get("month")]
    return max(months) if months else ""


# --------------------------------------------------------------------------------------------- PDF
def write_pdf(pdf_path: str, template: Path, month: str, indicators: list, scorecard: list, flags: list,
              villages_layer=None, status_field: str = "status") -> str:
    """Fill the layout template and export it to ``pdf_path``. Raises QgsProcessingException with a clear
    message when the template is missing or broken or the export fails."""
    if not template.is_file():
        raise QgsProcessingException(tr("The M&E report template is missing: {path}. Reinstall the plugin or "
                                        "restore resources/layouts/monitoring_report.qpt.").format(path=template))
    doc = QDomDocument()
    ok = doc.setContent(template.read_text(encoding="utf-8"))
    ok = ok[0] if isinstance(ok, tuple) else ok
    if not ok:
        raise QgsProcessingException(tr("The M&E report template {path} is not a valid print layout (.qpt).")
                                     .format(path=template))
    project = QgsProject()
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    _items, loaded = layout.loadFromTemplate(doc, QgsReadWriteContext())
    if not loaded:
        raise QgsProcessingException(tr("The M&E report template {path} could not be loaded.").format(path=template))

    def item(item_id):
        found = layout.itemById(item_id)
        if found is None:
            raise QgsProcessingException(tr("The M&E report template {path} has no item with id '{id}'.")
                                         .format(path=template, id=item_id))
        return found

    item("subtitle").setText(tr("Internet Desa Kaltim · reporting month {month}").format(month=month or "-"))
    item("date").setText(tr("Report date: {date}").format(date=dt.date.today().isoformat()))
    map_item = item("map")
    legend = layout.itemById("legend")
    if villages_layer is not None and villages_layer.featureCount() > 0:
        from ..io.styles_monitoring import style_by_status

        villages_layer.setName(tr("Villages"))
        if villages_layer.fields().indexOf(status_field) >= 0:
            style_by_status(villages_layer, status_field)
        map_item.setCrs(villages_layer.crs())
        map_item.setLayers([villages_layer])
        map_item.setKeepLayerSet(True)
        map_item.setExtent(_fit_extent(villages_layer.extent(), map_item.rect().width(), map_item.rect().height()))
        if legend is not None:
            legend.setAutoUpdateModel(False)
            root = legend.model().rootGroup()
            root.clear()
            node = root.addLayer(villages_layer)
            QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Style.Hidden)
            legend.setTitle(tr("Villages by status"))
    else:
        map_item.setVisibility(False)
        if legend is not None:
            legend.setVisibility(False)
    _fill_table(item("indicators"), [tr("Indicator"), tr("Value")], indicators)
    _fill_table(item("scorecard"), [tr("Provider"), tr("Sites"), tr("Mean %"), tr("Months below")],
                [(s["provider"] or "-", str(s["sites"]), f"{100 * s['mean_availability']:.2f}",
                  str(s["months_below_target"])) for s in scorecard])
    n_provider = sum(1 for f in flags if f["flag"] == "consider_another_provider")
    lines = [tr("{a} site(s): consider another provider; {b} zero-usage month(s).").format(
        a=n_provider, b=len(flags) - n_provider)] if flags else []
    lines += [flag_message(f) for f in flags[:MAX_PDF_FLAGS]]
    if len(flags) > MAX_PDF_FLAGS:
        lines.append(tr("… and {n} more (see flags.csv)").format(n=len(flags) - MAX_PDF_FLAGS))
    flag_label = item("flags")
    flag_label.setText(tr("Flags:") + "\n" + ("\n".join(lines) if lines else tr("none")))
    layout.refresh()
    exporter = QgsLayoutExporter(layout)
    from ..report.layouts import always_text

    settings = QgsLayoutExporter.PdfExportSettings()
    settings.textRenderFormat = always_text()  # 3.40+ defaults to outlines: the report's text would not be text
    result = exporter.exportToPdf(pdf_path, settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        raise QgsProcessingException(tr("Could not write the PDF {path} (error {code}: {error}). Check that the "
                                        "folder is writable.").format(path=pdf_path, code=int(result),
                                                                      error=exporter.errorMessage()))
    return pdf_path


def _fit_extent(extent, width: float, height: float):
    """``extent`` grown by 5 % and to the item's aspect ratio (so setExtent does not resize the map item)."""
    from qgis.core import QgsRectangle

    ratio = width / height if height > 0 else 1.0
    cx, cy = extent.center().x(), extent.center().y()
    w, h = max(extent.width(), 1e-9) * 1.05, max(extent.height(), 1e-9) * 1.05
    if w / h > ratio:
        h = w / ratio
    else:
        w = h * ratio
    return QgsRectangle(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def _fill_table(frame, headers: list, rows: list) -> None:
    table = frame.multiFrame()
    table.setHeaders([QgsLayoutTableColumn(h) for h in headers])
    table.setTableContents([[QgsTableCell(c) for c in row] for row in rows] or
                           [[QgsTableCell("-") for _ in headers]])


def flag_message(flag: dict) -> str:
    if flag["flag"] == "consider_another_provider":
        return tr("{code}: {provider} below target {n} months in a row ({months}) - consider another provider")\
            .format(code=flag["code"], provider=flag["provider"] or "-", n=flag["run_length"],
                    months=flag["months"])
    return tr("{code}: zero usage in {months} ({provider})").format(code=flag["code"], months=flag["months"],
                                                                  provider=flag["provider"] or "-")


# --------------------------------------------------------------------------------------------- algorithm
class SlaReportAlgorithm(KaltimAlgorithm):
    ALG_ID = "slareport"
    GROUP_ID = "monitoring"

    def displayName(self) -> str:
        return tr("SLA report and monthly M&E report")

    def shortHelpString(self) -> str:
        return tr(
            "Computes the monthly availability of every site from the imported reports and outage logs of the plan "
            "GeoPackage: outages caused by mains power (PLN) are excluded, outages of MIN_OUTAGE_S seconds or less "
            "are ignored, overlapping outages are merged and outages spanning months are split; availability below "
            "TARGET_PCT entitles to restitution. When a site has no outage log for a month its reported uptime is "
            "used. Outputs the SLA table, a scorecard per provider and flags: 'consider another provider' after "
            "CONSECUTIVE_MONTHS months below target in a row, and villages with zero usage. With a report folder it "
            "also writes the monthly M&E report: CSV files and a PDF (with a map of the villages by status when a "
            "village layer is given).")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(
            "PLAN_DB", tr("Plan GeoPackage"), fileFilter=tr("GeoPackage (*.gpkg)")))
        self.addParameter(QgsProcessingParameterNumber(
            "TARGET_PCT", tr("SLA target availability (%)"), QgsProcessingParameterNumber.Type.Double, 99.0,
            minValue=0.0, maxValue=100.0))
        self.addParameter(QgsProcessingParameterNumber(
            "MIN_OUTAGE_S", tr("Ignore outages of at most (seconds)"), QgsProcessingParameterNumber.Type.Integer, 300,
            minValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "CONSECUTIVE_MONTHS", tr("Months below target in a row before 'consider another provider'"),
            QgsProcessingParameterNumber.Type.Integer, 3, minValue=1))
        self.addParameter(QgsProcessingParameterString(
            "REPORT_MONTH", tr("Reporting month (YYYY-MM; empty = latest month with data)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "VILLAGES", tr("Village layer (status, roadmap year; for the map and indicators)"),
            [QgsProcessing.SourceType.TypeVectorAnyGeometry], optional=True))
        self.addParameter(QgsProcessingParameterField(
            "STATUS_FIELD", tr("Status field"), "status", parentLayerParameterName="VILLAGES", optional=True))
        template = QgsProcessingParameterFile("TEMPLATE", tr("Report layout template (.qpt)"),
                                              fileFilter=tr("Print layout templates (*.qpt)"), optional=True)
        template.setFlags(template.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(template)
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_SLA", tr("Monthly SLA per site"), QgsProcessing.SourceType.TypeVector))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_SCORECARD", tr("Provider scorecard"), QgsProcessing.SourceType.TypeVector))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_FLAGS", tr("Flags"), QgsProcessing.SourceType.TypeVector))
        self.addParameter(QgsProcessingParameterFolderDestination(
            "OUTPUT_REPORT_FOLDER", tr("Monthly M&E report folder (CSV + PDF)"), optional=True,
            createByDefault=False))
        self.addOutput(QgsProcessingOutputString("REPORT_PDF", tr("M&E report PDF")))
        self.addOutput(QgsProcessingOutputString("REPORT_MONTH", tr("Reporting month")))
        for key, label in (("SITE_MONTHS", tr("Site-months evaluated")),
                           ("RESTITUTION_COUNT", tr("Site-months with restitution")),
                           ("FLAG_COUNT", tr("Flags"))):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def processAlgorithm(self, parameters, context, feedback):
        db = self.parameterAsFile(parameters, "PLAN_DB", context)
        if not db or not Path(db).is_file():
            raise QgsProcessingException(tr("Plan GeoPackage not found: {path}. Import service reports into it "
                                            "first.").format(path=db))
        target = self.parameterAsDouble(parameters, "TARGET_PCT", context) / 100.0
        min_s = self.parameterAsInt(parameters, "MIN_OUTAGE_S", context)
        consecutive = self.parameterAsInt(parameters, "CONSECUTIVE_MONTHS", context)
        try:
            records = store.load_records(db)
        except sqlite3.DatabaseError as exc:
            raise QgsProcessingException(tr("Cannot read the monitoring tables of {path}: {error}")
                                         .format(path=db, error=exc)) from None
        feedback.pushInfo(tr("{n} report and outage records.").format(n=len(records)))
        month = (self.parameterAsString(parameters, "REPORT_MONTH", context) or "").strip()
        if month:
            try:
                month = mon.parse_period(month)[1]
            except ValueError:
                raise QgsProcessingException(tr("Reporting month {month} is not YYYY-MM.").format(
                    month=month)) from None
        else:
            month = latest_month(records)
        sla = mon.sla_table(records, target=target, min_outage_s=min_s)
        scorecard = mon.provider_scorecard(sla, target)
        flags = [{"flag": "consider_another_provider", "code": f["code"], "provider": f["provider"],
                  "months": ", ".join(f["months"]), "run_length": f["run_length"]}
                 for f in mon.consider_another_provider(sla, target, consecutive)]
        flags += [{"flag": "zero_usage", "code": f["code"], "provider": f["provider"], "months": f["month"],
                   "run_length": 1} for f in mon.zero_usage_flags(records)]
        for f in flags:
            feedback.pushInfo(flag_message(f))
        feedback.setProgress(30)

        sla_sink, sla_id = self._sink(parameters, context, "OUTPUT_SLA", (
            ("code", FieldType.String), ("provider", FieldType.String), ("month", FieldType.String),
            ("availability_pct", FieldType.Double), ("counted_downtime_s", FieldType.Double),
            ("basis", FieldType.String), ("restitution", FieldType.Bool)))
        for r in sla:
            self._add(sla_sink, [r["code"], r["provider"], r["month"], round(100.0 * r["availability"], 6),
                                 round(r["downtime_s"], 3), r["basis"], bool(r["restitution"])])
        sc_sink, sc_id = self._sink(parameters, context, "OUTPUT_SCORECARD", (
            ("provider", FieldType.String), ("sites", FieldType.Int), ("months", FieldType.Int),
            ("mean_availability_pct", FieldType.Double), ("min_availability_pct", FieldType.Double),
            ("months_below_target", FieldType.Int), ("restitution_months", FieldType.Int)))
        for s in scorecard:
            self._add(sc_sink, [s["provider"], s["sites"], s["months"], round(100 * s["mean_availability"], 6),
                                round(100 * s["min_availability"], 6), s["months_below_target"],
                                s["restitution_months"]])
        fl_sink, fl_id = self._sink(parameters, context, "OUTPUT_FLAGS", (
            ("flag", FieldType.String), ("code", FieldType.String), ("provider", FieldType.String),
            ("months", FieldType.String), ("run_length", FieldType.Int), ("message", FieldType.String)))
        for f in flags:
            self._add(fl_sink, [f["flag"], f["code"], f["provider"], f["months"], f["run_length"], flag_message(f)])
        feedback.setProgress(50)

        pdf = ""
        folder = self.parameterAsString(parameters, "OUTPUT_REPORT_FOLDER", context)
        if folder and parameters.get("OUTPUT_REPORT_FOLDER") not in (None, ""):
            template = self.parameterAsFile(parameters, "TEMPLATE", context)
            template = Path(template) if template else template_path()
            if not template.is_file():
                raise QgsProcessingException(tr("The M&E report template is missing: {path}. Reinstall the plugin "
                                                "or restore resources/layouts/monitoring_report.qpt.")
                                             .format(path=template))
            # attributes and a map only: invalid polygons (the sample has one) must not stop the report
            check = context.invalidGeometryCheck()
            context.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
            try:
                source = self.parameterAsSource(parameters, "VILLAGES", context)
            finally:
                context.setInvalidGeometryCheck(check)
            status_field = self.parameterAsString(parameters, "STATUS_FIELD", context) or "status"
            villages_layer = None
            vrows = []
            if source is not None:
                vrows = village_rows(source, status_field)
                villages_layer = source.materialize(QgsFeatureRequest())
            ind = compute_indicators(records, sla, vrows, month, target)
            table = indicator_table(ind)
            out = Path(folder)
            out.mkdir(parents=True, exist_ok=True)
            tag = month or "all"
            self._csv(out / f"sla_{tag}.csv", ["code", "provider", "month", "availability_pct",
                                               "counted_downtime_s", "basis", "restitution"],
                      [[r["code"], r["provider"], r["month"], f"{100 * r['availability']:.6f}",
                        f"{r['downtime_s']:.0f}", r["basis"], int(r["restitution"])] for r in sla])
            self._csv(out / f"scorecard_{tag}.csv", ["provider", "sites", "months", "mean_availability_pct",
                                                     "min_availability_pct", "months_below_target",
                                                     "restitution_months"],
                      [[s["provider"], s["sites"], s["months"], f"{100 * s['mean_availability']:.4f}",
                        f"{100 * s['min_availability']:.4f}", s["months_below_target"], s["restitution_months"]]
                       for s in scorecard])
            self._csv(out / f"flags_{tag}.csv", ["flag", "code", "provider", "months", "run_length", "message"],
                      [[f["flag"], f["code"], f["provider"], f["months"], f["run_length"], flag_message(f)]
                       for f in flags])
            self._csv(out / f"indicators_{tag}.csv", [tr("Indicator"), tr("Value")], [list(r) for r in table])
            feedback.setProgress(70)
            pdf = str(out / f"laporan_monev_{tag}.pdf")
            write_pdf(pdf, template, month, table, scorecard, flags, villages_layer, status_field)
            feedback.pushInfo(tr("M&E report written: {path}").format(path=pdf))
        feedback.setProgress(100)
        return {"OUTPUT_SLA": sla_id, "OUTPUT_SCORECARD": sc_id, "OUTPUT_FLAGS": fl_id, "REPORT_PDF": pdf,
                "REPORT_MONTH": month, "OUTPUT_REPORT_FOLDER": folder if pdf else "",
                "SITE_MONTHS": len(sla), "RESTITUTION_COUNT": sum(1 for r in sla if r["restitution"]),
                "FLAG_COUNT": len(flags)}

    def _sink(self, parameters, context, key, spec):
        fields = QgsFields()
        for name, vtype in spec:
            fields.append(QgsField(name, vtype))
        sink, dest = self.parameterAsSink(parameters, key, context, fields, QgsWkbTypes.Type.NoGeometry)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, key))
        return sink, dest

    @staticmethod
    def _add(sink, values) -> None:
        f = QgsFeature()
        f.setAttributes(values)
        sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)

    @staticmethod
    def _csv(path: Path, header: list, rows: list) -> None:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)


ALGORITHM = SlaReportAlgorithm
