"""Monitoring page (issue 7): status editing, provider report import, SLA/indicators dashboard, village history,
map style by status and the monthly M&E report."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from qgis.core import Qgis, QgsProject, QgsVectorLayer
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtCore import QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..compat import LayerFilter
from ..core import formatting as fmt
from ..core import monitoring as mon
from ..core import monitoring_store as store
from ..i18n import tr, ui_lang
from ..io import status_workflow as sw
from ..io.monitoring_layers import village_rows
from ..report.monitoring_report import flag_message, indicator_table
from .fit import FlowLayout, scroll_body
from .messages import notify
from .monitoring_charts import BarChart
from .tasks import TaskRunner, failure_text
from .widgets import (
    add_rows,
    button,
    button_row,
    choose_file,
    disconnect,
    layer_combo,
    note_label,
    refuse_plugin_file,
    spin_box,
)
from .workflow import alive, workflow_of

SCOPE = "KaltimInternet"
COUNT_KEYS = ("ROWS_READ", "ROWS_IMPORTED", "ROWS_REJECTED", "ROWS_DUPLICATE", "ROWS_CONFLICT")


def _fill(table: QTableWidget, headers: list, rows: list) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
    table.resizeColumnsToContents()


def _table(name: str) -> QTableWidget:
    t = QTableWidget()
    t.setObjectName(name)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setMinimumHeight(180)
    t.verticalHeader().setVisible(False)
    return t


class MonitoringPage(QWidget):
    """Deployment status, service reports and evaluation."""

    importFinished = pyqtSignal(dict)
    reportFinished = pyqtSignal(dict)
    indicatorsUpdated = pyqtSignal(dict)

    def __init__(self, iface, dock=None, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.dock = dock
        self.workflow = workflow_of(dock)
        self.import_runner = TaskRunner(iface, on_busy=lambda busy: self.import_button.setEnabled(not busy))
        self.report_runner = TaskRunner(iface, on_busy=lambda busy: self.report_button.setEnabled(not busy))
        self.last_import: dict = {}
        self.last_report: dict = {}
        self.indicators: dict = {}
        self._watched = None
        layout = scroll_body(self)

        # data -------------------------------------------------------------------------------------------
        box = QGroupBox(tr("Plan and layers"))
        form = QFormLayout(box)
        self.plan_widget = QgsFileWidget()
        self.plan_widget.setObjectName("planDbWidget")
        self.plan_widget.setStorageMode(QgsFileWidget.StorageMode.GetFile)
        self.plan_widget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.plan_widget.setToolTip(tr("The plan GeoPackage: it keeps the imported reports and the status history."))
        self.village_combo = layer_combo("monVillageCombo", LayerFilter.PolygonLayer, LayerFilter.PointLayer)
        self.site_combo = layer_combo("monSiteCombo", LayerFilter.PointLayer)
        self.edit_target = QComboBox()
        self.edit_target.setObjectName("editTargetCombo")
        self.edit_target.addItem(tr("Villages"), "villages")
        self.edit_target.addItem(tr("Sites"), "sites")
        add_rows(form, (tr("Plan GeoPackage"), self.plan_widget), (tr("Villages"), self.village_combo),
                       (tr("Sites"), self.site_combo), (tr("Status layer"), self.edit_target))
        self.add_fields_button = button("addFieldsButton", tr("Add monitoring fields…"), self.add_fields, tip=tr(
            "Adds status, survey/contract/installation/activation dates and a status note to the chosen layer of the "
            "plan GeoPackage (asks first)."))
        self.setup_button = button("setupStatusButton", tr("Set up status editing"), self.setup_editing, tip=tr(
            "Status form with Indonesian labels and checks; every saved status change is added to the status history."))
        self.style_button = button("styleStatusButton", tr("Style map by status"), self.style_map)
        grid = button_row(self.setup_button, self.style_button, self.add_fields_button)
        form.addRow(grid)
        self.status_label = note_label("setupLabel")
        form.addRow(self.status_label)
        layout.addWidget(box)

        # import -------------------------------------------------------------------------------------------
        box = QGroupBox(tr("Provider service reports"))
        form = QFormLayout(box)
        self.provider_edit = QLineEdit()
        self.provider_edit.setObjectName("providerEdit")
        self.provider_edit.setPlaceholderText(tr("Provider name when the file has no provider column"))
        form.addRow(tr("Provider"), self.provider_edit)
        self.period_edit = QLineEdit()
        self.period_edit.setObjectName("periodEdit")
        self.period_edit.setPlaceholderText(tr("YYYY-MM when the rows have no period"))
        form.addRow(tr("Month"), self.period_edit)
        # a corrected report replaces the values imported before (without it, its rows are conflicts, kept out)
        self.replace_check = QCheckBox(tr("Corrects an earlier report"))
        self.replace_check.setObjectName("replaceCheck")
        self.replace_check.setToolTip(tr("The file corrects reports imported before: replace the values it differs in"))
        form.addRow(self.replace_check)
        self.import_button = button("importButton", tr("Import provider report…"), self.choose_and_import, tip=tr(
            "CSV or XLSX: code, period, uptime, outages, users, speeds, latency."))
        form.addRow(self.import_button)
        self.import_label = note_label("importLabel")
        form.addRow(self.import_label)
        layout.addWidget(box)

        # indicators ---------------------------------------------------------------------------------------
        box = QGroupBox(tr("Indicators"))
        vbox = QVBoxLayout(box)
        self.target_spin = spin_box("targetSpin", 50.0, 100.0, 99.0, decimals=2, suffix=" %")
        self.refresh_button = button("refreshButton", tr("Refresh"), self.refresh_indicators)
        vbox.addLayout(button_row(QLabel(tr("SLA target")), self.target_spin, self.refresh_button))  # wraps if narrow
        self.tabs = QTabWidget()
        self.tabs.setObjectName("indicatorTabs")
        self.summary_table = _table("summaryTable")
        self.scorecard_table = _table("scorecardTable")
        self.flags_table = _table("flagsTable")
        self.roadmap_chart = BarChart()
        self.roadmap_chart.setObjectName("roadmapChart")
        self.uptime_chart = BarChart()
        self.uptime_chart.setObjectName("uptimeChart")
        self.users_chart = BarChart()
        self.users_chart.setObjectName("usersChart")
        self.quality_chart = BarChart()
        self.quality_chart.setObjectName("qualityChart")
        self.tabs.addTab(self.summary_table, tr("Summary"))
        self.tabs.addTab(self.scorecard_table, tr("Providers"))
        self.tabs.addTab(self.flags_table, tr("Flags"))
        self.tabs.addTab(self.roadmap_chart, tr("Roadmap"))
        self.tabs.addTab(self.uptime_chart, tr("Uptime"))
        self.tabs.addTab(self.users_chart, tr("Users"))
        self.tabs.addTab(self.quality_chart, tr("Speed and cadres"))
        self.tabs.setMinimumHeight(260)
        # seven views: chosen from a list (seven tabs need scroll arrows in a dock); the tab bar is hidden
        self.tabs.tabBar().hide()
        self.view_combo = QComboBox()
        self.view_combo.setObjectName("indicatorViewCombo")
        self.view_combo.setToolTip(tr("Which table or chart to show."))
        for i in range(self.tabs.count()):
            self.view_combo.addItem(self.tabs.tabText(i))
        self.view_combo.currentIndexChanged.connect(self.tabs.setCurrentIndex)
        self.tabs.currentChanged.connect(self.view_combo.setCurrentIndex)
        view_row = QHBoxLayout()
        view_row.addWidget(QLabel(tr("Show")))
        view_row.addWidget(self.view_combo, 1)
        vbox.addLayout(view_row)
        vbox.addWidget(self.tabs)
        layout.addWidget(box)

        # village ------------------------------------------------------------------------------------------
        box = QGroupBox(tr("Selected village or site"))
        vbox = QVBoxLayout(box)
        self.selected_label = QLabel(tr("Select a feature on the map to see its status history and reports."))
        self.selected_label.setObjectName("selectedLabel")
        self.selected_label.setWordWrap(True)
        vbox.addWidget(self.selected_label)
        self.history_table = _table("historyTable")
        self.reports_table = _table("reportsTable")
        vbox.addWidget(QLabel(tr("Status history")))
        vbox.addWidget(self.history_table)
        vbox.addWidget(QLabel(tr("Latest reports")))
        vbox.addWidget(self.reports_table)
        layout.addWidget(box)

        # report -------------------------------------------------------------------------------------------
        row = FlowLayout()
        self.report_button = QPushButton(tr("Export monthly M&E report…").replace("&", "&&"))
        self.report_button.setObjectName("reportButton")
        self.report_button.setToolTip(tr("SLA, provider scorecard, flags and indicators as CSV files and a PDF."))
        self.report_button.clicked.connect(self.choose_and_export)
        self.open_pdf_button = button("openPdfButton", tr("Open PDF"), self.open_pdf, enabled=False)
        row.addWidget(self.report_button)
        row.addWidget(self.open_pdf_button)
        layout.addLayout(row)
        self.report_label = note_label("reportLabel")
        layout.addWidget(self.report_label)
        layout.addStretch(1)

        self._take_layers_from_data_page()
        self.restore_from_project()
        self.plan_widget.fileChanged.connect(self.save_to_project)
        self.village_combo.layerChanged.connect(self._layers_changed)
        self.site_combo.layerChanged.connect(self._layers_changed)
        self.edit_target.currentIndexChanged.connect(self._layers_changed)
        QgsProject.instance().readProject.connect(self._project_read)
        self.workflow.published.connect(self._result_published)
        self._watch_selection()

    def _result_published(self, key, value) -> None:
        """The roadmap of the Plan page becomes what is monitored (still changeable): its GeoPackage keeps the
        reports and the status history, its villages layer takes the statuses."""
        if key == "plan_gpkg" and value:
            self.set_plan_db(str(value))
        elif key == "plan_villages" and alive(value):
            self.village_combo.setLayer(value)

    # state ---------------------------------------------------------------------------------------------------
    def plan_db(self) -> str:
        return self.plan_widget.filePath().strip()

    def set_plan_db(self, path: str) -> None:
        self.plan_widget.setFilePath(path)

    def village_layer(self):
        return self.village_combo.currentLayer()

    def site_layer(self):
        return self.site_combo.currentLayer()

    def status_layer(self):
        return self.site_layer() if self.edit_target.currentData() == "sites" else self.village_layer()

    def chosen_status_layer(self):
        """The status layer, or None after telling the user to choose it first."""
        layer = self.status_layer()
        if not isinstance(layer, QgsVectorLayer):
            notify(self.iface, tr("Choose the village or site layer first."), Qgis.MessageLevel.Warning)
            return None
        return layer

    def _take_layers_from_data_page(self, *_args) -> None:
        data_page = getattr(self.dock, "data_page", None)
        if data_page is None:
            return
        if not _args:
            for combo in (getattr(data_page, "village_combo", None), getattr(data_page, "site_combo", None)):
                if combo is not None:
                    combo.layerChanged.connect(self._take_layers_from_data_page)
        if self.village_layer() is None and data_page.village_layer() is not None:
            self.village_combo.setLayer(data_page.village_layer())
        if self.site_layer() is None and data_page.site_layer() is not None:
            self.site_combo.setLayer(data_page.site_layer())

    def save_to_project(self, *_args) -> None:
        QgsProject.instance().writeEntry(SCOPE, "monitoring_plan_db", self.plan_db())

    def restore_from_project(self) -> None:
        value, ok = QgsProject.instance().readEntry(SCOPE, "monitoring_plan_db", "")
        if ok and value:
            self.plan_widget.setFilePath(value)

    def _project_read(self, *_args) -> None:
        self.restore_from_project()
        sw.restore_status_editing(QgsProject.instance())
        self._watch_selection()

    def _layers_changed(self, *_args) -> None:
        self._watch_selection()

    def _code_field(self, layer) -> str:
        data_page = getattr(self.dock, "data_page", None)
        if data_page is not None and layer is not None and layer is data_page.village_layer():
            code = data_page.mapping().get("code")
            if code:
                return code
        return sw.find_code_field(layer) if layer is not None else ""

    def _need_plan(self) -> bool:
        if not self.plan_db():
            notify(self.iface, tr("Choose the plan GeoPackage first."), Qgis.MessageLevel.Warning)
            return False
        if refuse_plugin_file(self.iface, self.plan_db(), self.status_label):  # the reports, the history go there
            return False
        return True

    # status editing -----------------------------------------------------------------------------------------
    def add_fields(self, confirm: bool = True):
        layer = self.chosen_status_layer()
        if layer is None:
            return None
        source = layer.source().split("|")
        path = source[0]
        name = next((p.split("=", 1)[1] for p in source[1:] if p.startswith("layername=")), "")
        if layer.providerType() != "ogr" or not path.lower().endswith(".gpkg") or not name:
            notify(self.iface, tr("Monitoring fields are added only to a layer of a plan GeoPackage (.gpkg); "
                                  "'{layer}' is not one. Export it to the plan GeoPackage first.")
                   .format(layer=layer.name()), Qgis.MessageLevel.Warning)
            return None
        if refuse_plugin_file(self.iface, layer, self.status_label):  # never the shipped sample (found 7 December)
            return None
        field = sw.status_field_for(layer)
        if field == sw.STATUS_FIELD and sw.foreign_status_values(layer, field):
            field = sw.ALT_STATUS_FIELD  # 'status' holds another classification: keep it, add deploy_status
        if confirm and QMessageBox.question(
                self, tr("Add monitoring fields"),
                tr("Add the fields {status}, survey_date, contract_date, install_date, active_date and status_note "
                   "(those missing) to layer '{layer}' in {path}?").format(
                    status=field, layer=name, path=path)) != QMessageBox.StandardButton.Yes:
            return None
        try:
            added = sw.add_monitoring_fields(path, name, field)
        except ValueError as exc:
            notify(self.iface, str(exc), Qgis.MessageLevel.Critical)
            return None
        layer.reload()
        layer.dataProvider().reloadData()
        layer.updateFields()
        if not self.plan_db():
            self.set_plan_db(path)
        notify(self.iface, tr("Fields added to '{layer}': {fields}").format(
            layer=name, fields=", ".join(added) or tr("none (all present)")), Qgis.MessageLevel.Success)
        return added

    def setup_editing(self):
        layer = self.chosen_status_layer()
        if layer is None:
            return None
        if refuse_plugin_file(self.iface, layer, self.status_label) or not self._need_plan():
            return None
        try:
            recorder = sw.setup_status_editing(layer, self.plan_db(), sw.status_field_for(layer),
                                               code_field=self._code_field(layer))
        except (ValueError, OSError) as exc:
            notify(self.iface, str(exc), Qgis.MessageLevel.Warning)
            self.status_label.setText(str(exc))
            return None
        text = tr("Status editing set up for '{layer}'. Edit the status in the attribute table or the form and "
                  "save: each change is added to the status history.").format(layer=layer.name())
        self.status_label.setText(text)
        notify(self.iface, text, Qgis.MessageLevel.Success)
        self._watch_selection()
        return recorder

    def style_map(self):
        from ..io.styles_monitoring import style_by_status

        layer = self.chosen_status_layer()
        if layer is None:
            return None
        try:
            renderer = style_by_status(layer, sw.status_field_for(layer))
        except ValueError as exc:
            notify(self.iface, str(exc), Qgis.MessageLevel.Warning)
            return None
        if self.iface is not None and hasattr(self.iface, "layerTreeView") and self.iface.layerTreeView():
            self.iface.layerTreeView().refreshLayerSymbology(layer.id())
        return renderer

    # import -------------------------------------------------------------------------------------------------
    def choose_and_import(self):
        path = choose_file(self, tr("Provider service report"), tr("Reports (*.csv *.xlsx *.xlsm)"))
        if path:
            return self.import_report(path)
        return None

    def import_report(self, path: str, rejects_path: str = ""):
        if not self._need_plan():
            return None
        params = {"INPUT": path, "PLAN_DB": self.plan_db(), "PROVIDER": self.provider_edit.text().strip(),
                  "REPLACE": self.replace_check.isChecked(), "PERIOD": self.period_edit.text().strip()}
        for key, field_key, layer in (("VILLAGES", "VILLAGE_CODE_FIELD", self.village_layer()),
                                      ("SITES", "SITE_CODE_FIELD", self.site_layer())):
            if layer is not None:
                params[key] = layer.id()
                params[field_key] = self._code_field(layer)
        if not rejects_path:
            folder = Path(path).parent
            if not os.access(folder, os.W_OK):
                folder = Path(tempfile.gettempdir())
            rejects_path = str(folder / (Path(path).stem + "_ditolak.csv"))
        params["REJECTS"] = rejects_path
        self.import_label.setText(tr("Importing {name}…").format(name=Path(path).name))
        return self.import_runner.run("kaltiminternet:importmonitoring", params, self._imported,
                                      tr("Importing service report"))

    def _imported(self, ok, results, feedback):
        if not ok:
            text = tr("Import failed; nothing was written. {log}").format(log=failure_text(feedback))
            self.import_label.setText(text)
            self.last_import = {"ok": False, "log": feedback.textLog()}
            self.importFinished.emit(dict(self.last_import))
            return
        counts = {k: int(results.get(k) or 0) for k in COUNT_KEYS}
        text = tr("Read {read}, imported {imp}, rejected {rej} (conflicts {conf}), duplicates {dup}.").format(
            read=counts["ROWS_READ"], imp=counts["ROWS_IMPORTED"], rej=counts["ROWS_REJECTED"],
            conf=counts["ROWS_CONFLICT"], dup=counts["ROWS_DUPLICATE"])
        replaced = int(results.get("ROWS_REPLACED") or 0)
        if replaced:
            text += " " + tr("{n} of them replaced values imported before (see the log).").format(n=replaced)
        if counts["ROWS_CONFLICT"] and not self.replace_check.isChecked():
            text += " " + tr("If the file corrects an earlier report, tick 'Corrects an earlier report' and import it "
                             "again.")
        if counts["ROWS_REJECTED"]:
            text += " " + tr("Rejected rows with reasons: {path}").format(path=results.get("REJECTS"))
        self.import_label.setText(text)
        notify(self.iface, text, Qgis.MessageLevel.Warning if counts["ROWS_REJECTED"] else Qgis.MessageLevel.Success)
        self.last_import = dict(results, ok=True)
        self.refresh_indicators()
        self.importFinished.emit(dict(self.last_import))

    # indicators ---------------------------------------------------------------------------------------------
    def settings(self) -> mon.MonitoringSettings:
        """The SLA settings of the dashboard, also given to the M&E report (one evaluation, one set of rules)."""
        return mon.MonitoringSettings(target=self.target_spin.value() / 100.0)

    def refresh_indicators(self) -> dict:
        db = self.plan_db()
        if not db or not Path(db).exists():
            return {}
        try:
            records = store.load_records(db)
        except Exception as exc:  # noqa: BLE001 - show any database problem to the user
            notify(self.iface, tr("Cannot read the monitoring tables: {error}").format(error=exc),
                   Qgis.MessageLevel.Warning)
            return {}
        layer = self.village_layer()
        vrows = (village_rows(layer, sw.status_field_for(layer), self._code_field(layer))
                 if isinstance(layer, QgsVectorLayer) else [])
        ev = mon.evaluate(records, vrows, self.settings())
        ind, month, scorecard, flags = ev.indicators, ev.month, ev.scorecard, ev.flags
        _fill(self.summary_table, [tr("Indicator"), tr("Value")], indicator_table(ind))
        _fill(self.scorecard_table, [tr("Provider"), tr("Sites"), tr("Site-months"), tr("Mean %"), tr("Min %"),
                                     tr("Months below")],
              [(s["provider"] or "-", s["sites"], s["months"], f"{100 * s['mean_availability']:.3f}",
                f"{100 * s['min_availability']:.3f}", s["months_below_target"]) for s in scorecard])
        _fill(self.flags_table, [tr("Code"), tr("Flag")], [(f["code"], flag_message(f)) for f in flags])
        years = ind["connected_by_year"]
        self.roadmap_chart.set_data([y["year"] for y in years], [
            (tr("Roadmap target"), [y["target_cumulative"] for y in years], "#bdbdbd"),
            (tr("Connected (active)"), [y["connected_cumulative"] for y in years], "#1a9641")],
            tr("Villages connected vs roadmap target (cumulative)"))
        dist = ind["uptime_distribution"]
        self.uptime_chart.set_data([f"<{d['hi']:g}" if i == 0 else f"{d['lo']:g}+" for i, d in enumerate(dist)],
                                   [(tr("Site-months"), [d["count"] for d in dist], "#2b8cbe")],
                                   tr("Availability distribution {month} (%)").format(month=month or ""))
        users = ind["users"][-12:]
        self.users_chart.set_data([u["month"] for u in users],
                                  [(tr("Active users"), [u["total_users"] for u in users], "#fdae61")],
                                  tr("Active users per month"))
        tp = ind["throughput"]
        cats = [tr("Sites ≥ 25/3 Mbps")]
        planned = [float(tp["sites_evaluated"])]
        done = [float(tp["sites_meeting"])]
        if ind["cadres"]:
            total = ind["cadres"][-1]
            cats.append(tr("Digital cadres"))
            planned.append(total["planned"])
            done.append(total["trained"])
        self.quality_chart.set_data(cats, [(tr("Evaluated / planned"), planned, "#bdbdbd"),
                                           (tr("Meeting / trained"), done, "#1a9641")],
                                    tr("Speed (25/3 Mbps) and digital cadres"))
        self.indicators = dict(ind, scorecard=scorecard, flags=flags)
        self.indicatorsUpdated.emit(dict(self.indicators))
        return self.indicators

    # selection ----------------------------------------------------------------------------------------------
    def _watch_selection(self) -> None:
        layer = self.status_layer() or self.village_layer()
        if layer is self._watched:
            return
        if self._watched is not None:
            disconnect(self._watched, "selectionChanged", self._selection_changed)
        self._watched = layer if isinstance(layer, QgsVectorLayer) else None
        if self._watched is not None:
            self._watched.selectionChanged.connect(self._selection_changed)

    def _selection_changed(self, *_args) -> None:
        layer = self._watched
        if layer is None:
            return
        features = layer.selectedFeatures()
        if not features:
            return
        code_field = self._code_field(layer)
        code = str(features[0][code_field]) if code_field else ""
        self.show_code(code)

    def show_code(self, code: str) -> None:
        db = self.plan_db()
        if not code or not db or not Path(db).exists():
            return
        history = store.status_history(db, code=code)
        self.selected_label.setText(tr("{code}: {n} status change(s)").format(code=code, n=len(history)))
        _fill(self.history_table, [tr("When"), tr("From"), tr("To"), tr("By"), tr("Note")],
              [(fmt.datetime_text(h["changed_at"], ui_lang()),
                mon.status_label(h["old_status"]) if h["old_status"] else "",
                mon.status_label(h["new_status"]), h["changed_by"], h["note"]) for h in reversed(history)])
        records = [r for r in store.load_records(db) if r["code"] == code]
        records.sort(key=lambda r: (r.get("period") or "", str(r.get("outage_start") or "")), reverse=True)
        _fill(self.reports_table, [tr("Period"), tr("Provider"), tr("Uptime %"), tr("Users"), tr("Down/Up Mbps"),
                                   tr("Outage")],
              [(r.get("period") or r.get("month"), r.get("provider"), _num(r.get("uptime_pct")),
                _num(r.get("active_users")),
                f"{_num(r.get('download_mbps'))}/{_num(r.get('upload_mbps'))}" if r.get("download_mbps") is not None
                else "",
                f"{_outage_span(r['outage_start'], r['outage_end'])} {r.get('cause') or ''}"
                if r.get("outage_start") else "") for r in records[:20]])

    # report -------------------------------------------------------------------------------------------------
    def choose_and_export(self):
        folder = QFileDialog.getExistingDirectory(self, tr("Folder for the monthly M&E report"))
        if folder:
            return self.export_report(folder)
        return None

    def export_report(self, folder: str):
        if not self._need_plan():
            return None
        settings = self.settings()
        params = {"PLAN_DB": self.plan_db(), "TARGET_PCT": 100.0 * settings.target,
                  "MIN_OUTAGE_S": settings.min_outage_s, "CONSECUTIVE_MONTHS": settings.consecutive_months,
                  "OUTPUT_REPORT_FOLDER": folder, "OUTPUT_SLA": "TEMPORARY_OUTPUT",
                  "OUTPUT_SCORECARD": "TEMPORARY_OUTPUT", "OUTPUT_FLAGS": "TEMPORARY_OUTPUT"}
        layer = self.village_layer()
        if layer is not None:
            params["VILLAGES"] = layer.id()
            if layer.fields().indexOf(sw.status_field_for(layer)) >= 0:
                params["STATUS_FIELD"] = sw.status_field_for(layer)
        self.report_label.setText(tr("Writing the M&E report…"))
        return self.report_runner.run("kaltiminternet:slareport", params, self._reported, tr("Monthly M&E report"))

    def _reported(self, ok, results, feedback):
        if not ok:
            self.report_label.setText(tr("The M&E report failed: {log}").format(log=failure_text(feedback)))
            self.last_report = {"ok": False, "log": feedback.textLog()}
        else:
            self.last_report = dict(results, ok=True)
            self.open_pdf_button.setEnabled(bool(results.get("REPORT_PDF")))
            text = tr("M&E report for {month} written: {path}").format(month=results.get("REPORT_MONTH") or "-",
                                                                       path=results.get("REPORT_PDF"))
            self.report_label.setText(text)
            notify(self.iface, text, Qgis.MessageLevel.Success)
        self.reportFinished.emit(dict(self.last_report))

    def open_pdf(self):
        pdf = self.last_report.get("REPORT_PDF")
        if pdf:
            QDesktopServices.openUrl(QUrl.fromLocalFile(pdf))

    def cleanup(self):
        disconnect(QgsProject.instance().readProject, self._project_read)
        disconnect(self.workflow.published, self._result_published)
        if self._watched is not None:
            disconnect(self._watched, "selectionChanged", self._selection_changed)
            self._watched = None
        for runner in (self.import_runner, self.report_runner):
            runner.cancel()


def _outage_span(start, end) -> str:
    """'31 Okt 2026 22:00 – 04:00' within a day; with the end's date when the outage ends on another day (one
    crossing midnight or a month end read '31 Oct 2026 22:00 – 04:00', found 2026-12-07)."""
    lang = ui_lang()
    if end is None:
        return fmt.datetime_text(start, lang)
    if end.date() == start.date():
        return f"{fmt.datetime_text(start, lang)} – {end:%H:%M}"
    return f"{fmt.datetime_text(start, lang)} – {fmt.datetime_text(end, lang)}"


def _num(v) -> str:
    if v is None:
        return ""
    return fmt.number(v, ui_lang(), 2) if isinstance(v, (int, float)) else str(v)
