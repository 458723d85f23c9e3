"""'Export deployment plan' on the Plan page: runs kaltiminternet:exportplan through the task runner (in the
background, without the project), then offers to open the PDF or the folder."""
from __future__ import annotations

import os
from pathlib import Path

from qgis.core import Qgis, QgsProject, QgsVectorLayer
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtCore import QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QFormLayout, QGroupBox, QMessageBox, QProgressBar, QVBoxLayout

from ..compat import LayerFilter
from ..errors import write_error
from ..i18n import tr
from .messages import notify
from .tasks import TaskRunner
from .widgets import button, button_row, layer_combo
from .workflow import alive, workflow_of

ALG_ID = "kaltiminternet:exportplan"


def unfiltered_source(layer) -> str:
    """A file layer's data source without the map's year filter (the export always holds the whole plan).

    The export runs in a background thread, which opens its own copies of the layers from these sources: a layer
    of the project (main thread) must never be used there. Layers that are not files (memory, database) give ""."""
    if layer is None or layer.providerType() != "ogr":
        return ""
    return "|".join(part for part in layer.source().split("|") if not part.startswith("subset="))


class ExportPanel(QGroupBox):
    exportFinished = pyqtSignal(dict)

    def __init__(self, iface, dock, plan_page, parent=None):
        super().__init__(tr("Export deployment plan"), parent)
        self.setObjectName("exportPanel")
        self.iface, self.dock, self.plan_page = iface, dock, plan_page
        self.ask_to_open = True
        self.runner = TaskRunner(iface, forward_only=True)  # the export's steps each report from 0 again
        layout = QVBoxLayout(self)
        self.folder_widget = QgsFileWidget()
        self.folder_widget.setObjectName("exportFolder")
        self.folder_widget.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.folder_widget.setFilePath(str(Path.home() / "InternetDesaKaltim" / "rencana"))
        self.folder_widget.setToolTip(tr("Folder for plan.gpkg, plan.qgz, roadmap.xlsx, the CSV tables and the "
                                         "PDF atlas and reports. Existing files of the same name are replaced."))
        layout.addWidget(self.folder_widget)
        self.sites_combo = layer_combo("plannedSitesCombo", LayerFilter.PointLayer, tip=tr(
            "The new BTS sites of the plan, drawn on the maps and listed in the report: the sites 'Choose technology' "
            "planned (the Priority page's New BTS sites). Empty: no new sites."))
        self.sites_combo.setLayer(None)
        form = QFormLayout()
        form.addRow(tr("New BTS sites"), self.sites_combo)
        layout.addLayout(form)
        self.workflow = workflow_of(dock)
        if alive(self.workflow.latest("plan_sites")):
            self.sites_combo.setLayer(self.workflow.latest("plan_sites"))
        self.workflow.published.connect(self._result_published)
        self.export_button = button("exportPlanButton", tr("Export deployment plan"), self.export, tip=tr(
            "Writes the whole plan (not only the years shown on the map) with the atlas per kab/kota, the A3 overview "
            "and the roadmap report."))
        self.cancel_button = self.runner.cancel_button("exportCancelButton", self.export_button)
        layout.addLayout(button_row(self.export_button, self.cancel_button))
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        layout.addWidget(self.progress)
        self.runner.progress = self.progress

    def _result_published(self, key, value) -> None:
        """The new BTS sites 'Choose technology' planned (None: none) are the export's planned sites."""
        if key == "plan_sites":
            self.sites_combo.setLayer(value if alive(value) else None)

    def planned_sites(self):
        return self.sites_combo.currentLayer()

    def parameters(self) -> dict:
        page = self.plan_page
        ids = getattr(page, "layer_ids", {}) or {}
        project = QgsProject.instance()
        villages = project.mapLayer(ids.get("villages", "")) if ids.get("villages") else None
        if villages is None:
            return {}
        if not unfiltered_source(villages):
            return {}
        params = {"VILLAGES": unfiltered_source(villages), "OUTPUT_FOLDER": self.folder_widget.filePath()}
        tables = {"ROADMAP_TABLE": "roadmap_year_source", "TRAINING_TABLE": "training_plan",
                  "OPERATORS_TABLE": "operator_packages", "SHARING_TABLE": "tower_sharing"}
        for key, table in tables.items():
            layer = project.mapLayer(ids.get(table, "")) if ids.get(table) else None
            if unfiltered_source(layer):
                params[key] = unfiltered_source(layer)
        data_page = getattr(self.dock, "data_page", None)
        if data_page is not None and unfiltered_source(data_page.site_layer()):
            params["SITES"] = unfiltered_source(data_page.site_layer())
        if unfiltered_source(self.planned_sites()):
            params["PLANNED_SITES"] = unfiltered_source(self.planned_sites())
        kab = [lyr for lyr in project.mapLayers().values()
               if isinstance(lyr, QgsVectorLayer) and lyr.source().endswith("layername=kabkota")]
        if kab and unfiltered_source(kab[0]):
            params["KABKOTA"] = unfiltered_source(kab[0])
        return params

    def export(self):
        params = self.parameters()
        if not params:
            notify(self.iface, tr("Run the roadmap first: the export needs the roadmap villages layer."),
                   Qgis.MessageLevel.Warning)
            return None
        folder = params["OUTPUT_FOLDER"]
        if not folder:
            notify(self.iface, tr("Choose a folder for the deployment plan."), Qgis.MessageLevel.Warning)
            return None
        problem = export_refusal(params)
        if problem:
            notify(self.iface, problem, Qgis.MessageLevel.Warning)
            return None
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            notify(self.iface, tr("{what} failed: {error}").format(
                what=tr("Exporting the deployment plan"), error=folder_error(folder, exc)),
                Qgis.MessageLevel.Critical, duration=15)
            return None
        return export_plan_task(self.runner, params, self._done)

    def cancel(self):
        self.runner.cancel()

    def _done(self, ok, results, feedback):
        results = dict(results or {})
        results["ok"] = bool(ok)
        if not ok:
            if feedback is not None and feedback.isCanceled():
                notify(self.iface, tr("The export was cancelled."), Qgis.MessageLevel.Warning)
            self.exportFinished.emit(results)
            return
        self.progress.setValue(100)
        pdf, folder = results.get("DEPLOYMENT_PDF", ""), results.get("OUTPUT_FOLDER", "")
        notify(self.iface, tr("Deployment plan exported to {folder}.").format(folder=folder), Qgis.MessageLevel.Success)
        self.exportFinished.emit(results)
        if self.ask_to_open:
            offer_open(self.iface, pdf, folder)


def folder_error(folder: str, error: OSError) -> str:
    """What the export says of an output folder it cannot write to (errors.write_error, as the Processing tool)."""
    return write_error("OUTPUT_FOLDER", folder, error)


def export_refusal(params: dict) -> str:
    """Why the export must not run with ``params``, in the words of kaltiminternet:exportplan before any work (its
    checkParameterValues, as Processing's dialog runs it): an input in a file the export writes into the folder (the
    roadmap saved as plan.gpkg there, or the villages of an earlier export's plan.gpkg), a folder that cannot be
    written, ...; "" when it may run. The algorithm is the registered one (the dock does not import the Processing
    layer)."""
    from qgis.core import QgsApplication, QgsProcessingContext

    alg = QgsApplication.processingRegistry().algorithmById(ALG_ID)
    if alg is None:
        return ""
    ok, message = alg.checkParameterValues(params, QgsProcessingContext())
    return "" if ok else message


def export_plan_task(runner: TaskRunner, params: dict, on_done):
    """Start the export through ``runner``. Every layer parameter is a source (see ExportPanel.parameters): the
    background run gets no project, so it never reads a layer the GUI thread owns."""
    return runner.run(ALG_ID, dict(params), on_done, tr("Exporting the deployment plan"), use_project=False)


def open_path(path: str) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.abspath(path)))


def offer_open(iface, pdf: str, folder: str) -> str:
    """Ask whether to open the PDF or the output folder. Returns 'pdf', 'folder' or '' (closed)."""
    parent = iface.mainWindow() if iface is not None else None
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(tr("Deployment plan exported"))
    box.setText(tr("The deployment plan was written to {folder}.").format(folder=folder))
    box.setInformativeText(tr("Open the PDF or the folder now?"))
    open_pdf = box.addButton(tr("Open PDF"), QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton(tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    if not pdf or not os.path.exists(pdf):
        open_pdf.setEnabled(False)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_pdf:
        open_path(pdf)
        return "pdf"
    if clicked is open_folder:
        open_path(folder)
        return "folder"
    return ""
