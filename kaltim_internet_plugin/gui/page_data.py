"""Data page: load the sample, choose village/site/DEM layers and the village field mapping, validate, repair."""
from __future__ import annotations

import os
import re
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import QgsFieldComboBox
from qgis.PyQt.QtCore import QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QTextBrowser, QWidget

from ..compat import LayerFilter, transform_bounding_box
from ..core.villages import ROLES
from ..i18n import tr
from ..io.layers import mapping_for_layer, write_gpkg_table
from ..io.scratch import scratch_folder
from ..paths import inside_plugin
from ..report.validation_html import render_html
from .fit import COMBO_CHARS, scroll_body
from .messages import notify
from .tasks import TaskRunner
from .widgets import add_rows, button, button_row, disconnect, layer_combo, refuse_plugin_file
from .workflow import workflow_of

SCOPE = "KaltimInternet"


def role_labels() -> dict:
    return {"code": tr("Code"), "name": tr("Name"), "kecamatan": tr("Kecamatan"), "kabkota": tr("Kab/Kota"),
            "population": tr("Population")}


def repair_destination(layer) -> str:
    """A new GeoPackage for the repaired copy of ``layer``: in the saved project's folder, else in Processing's
    output folder (it outlives the session, unlike the temporary folder); never in the plugin's folder (the sample
    lives there). '' when no such folder can be written."""
    folders = []
    project_folder = QgsProject.instance().absolutePath()
    if QgsProject.instance().fileName() and project_folder:
        folders.append(Path(project_folder))
    try:
        from processing.core.ProcessingConfig import ProcessingConfig

        folders.append(Path(ProcessingConfig.getSetting(ProcessingConfig.OUTPUT_FOLDER)))
    except Exception:  # noqa: BLE001 - Processing not loaded: QGIS's profile folder
        pass
    folders.append(Path(QgsApplication.qgisSettingsDirPath()) / "processing" / "outputs")
    parts = layer.source().split("|")
    name = next((p.split("=", 1)[1] for p in parts[1:] if p.startswith("layername=")), "") or layer.name()
    stem = re.sub(r"[^0-9A-Za-z_-]+", "_", name).strip("_") or "villages"
    for folder in folders:
        if inside_plugin(str(folder)):
            continue
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if not os.access(folder, os.W_OK):
            continue
        candidate, n = folder / f"{stem}_repaired.gpkg", 1
        while candidate.exists():
            n += 1
            candidate = folder / f"{stem}_repaired_{n}.gpkg"
        return str(candidate)
    return ""


def invalid_villages(layer, code_field: str = "") -> list:
    """The codes (else feature ids) of the villages of ``layer`` whose geometry is not valid (GEOS)."""
    from ..io.layers import geometry_problem

    index = layer.fields().lookupField(code_field) if code_field else -1
    found = []
    for feature in layer.getFeatures():
        empty, error = geometry_problem(feature.geometry())
        if error and not empty:
            value = feature.attributes()[index] if index >= 0 else None
            found.append(str(value) if value not in (None, "") else str(feature.id()))
    return found


class DataPage(QWidget):
    """Everything later pages need: which layers hold the villages, sites and terrain, and how to read them."""

    mappingChanged = pyqtSignal()
    validationFinished = pyqtSignal(dict)
    sampleLoaded = pyqtSignal(dict)  # key -> layer of the bundled sample (villages, towers, dem, landcover, ...)

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.workflow = workflow_of(parent)
        self.runner = TaskRunner(iface, on_busy=lambda busy: self.validate_button.setEnabled(not busy))
        self.report_path = ""
        self.invalid_codes: list = []
        self._repair_message = None
        self._restoring = False
        layout = scroll_body(self)

        self.load_sample_button = button("loadSampleButton", tr("Load Kaltim sample"), self.load_sample, tip=tr(
            "Adds the bundled sample: the 1,038 real village boundaries with ESTIMATED population, kecamatan and "
            "kab/kota, plus a SYNTHETIC DEM and SYNTHETIC towers, styled, in one layer group."))
        layout.addWidget(self.load_sample_button)

        layers_box = QGroupBox(tr("Layers"))
        form = QFormLayout(layers_box)
        self.village_combo = layer_combo("villageLayerCombo", LayerFilter.PolygonLayer, LayerFilter.PointLayer, tip=tr(
            "Village polygons (or village office points) with a code per village."))
        self.site_combo = layer_combo("siteLayerCombo", LayerFilter.PointLayer, tip=tr(
            "Existing tower sites (points)."))
        self.dem_combo = layer_combo("demLayerCombo", LayerFilter.RasterLayer, tip=tr(
            "Elevation model (GeoTIFF), e.g. DEMNAS or SRTM, in metres."))
        add_rows(form, (tr("Villages"), self.village_combo), (tr("Sites"), self.site_combo),
                       (tr("DEM"), self.dem_combo))
        layout.addWidget(layers_box)

        fields_box = QGroupBox(tr("Village fields"))
        fform = QFormLayout(fields_box)
        self.field_combos = {}
        for role, label in role_labels().items():
            combo = QgsFieldComboBox()
            combo.setObjectName(f"field_{role}")
            combo.setAllowEmptyFieldName(True)
            combo.setToolTip(tr("Field holding the village {what}. Detected automatically; change it if wrong.")
                             .format(what=label.lower()))
            combo.fieldChanged.connect(self._field_changed)
            self.field_combos[role] = combo
            fform.addRow(label, combo)
        self.scheme_label = QLabel("")
        self.scheme_label.setObjectName("schemeLabel")
        self.detect_button = button("detectButton", tr("Detect fields"), self.detect_fields, tip=tr(
            "Guess the fields from Kemendagri, BIG-RBI and BPS naming."))
        fform.addRow(button_row(self.scheme_label, self.detect_button))  # the button wraps under it when narrow
        layout.addWidget(fields_box)

        self.validate_button = button("validateButton", tr("Validate"), self.validate, tip=tr(
            "Check codes, names, population, geometries, CRS and DEM overlap."))
        self.repair_button = button("repairButton", tr("Repair geometries (new layer)"), self.repair, tip=tr(
            "Writes a repaired copy as a new layer; your layer is not changed."))
        self.open_report_button = button("openReportButton", tr("Open HTML report"), self.open_report, enabled=False)
        buttons = button_row(self.validate_button, self.repair_button, self.open_report_button)
        layout.addLayout(buttons)
        self.report_view = QTextBrowser()
        self.report_view.setObjectName("reportView")
        self.report_view.setPlaceholderText(tr("The validation report appears here."))
        layout.addWidget(self.report_view, 1)

        # long layer names ('Villages (population estimated)') must not widen the page: the combos shrink to a dozen
        # characters, their lists still show the whole names (as on the other pages)
        for combo in (self.village_combo, self.site_combo, self.dem_combo, *self.field_combos.values()):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(COMBO_CHARS)
        self.village_combo.layerChanged.connect(self._village_layer_changed)
        for combo in (self.village_combo, self.site_combo, self.dem_combo):
            combo.layerChanged.connect(self.save_to_project)
        QgsProject.instance().readProject.connect(self.restore_from_project)
        self.restore_from_project()

    # layers and mapping ------------------------------------------------------------------------------------
    def village_layer(self):
        return self.village_combo.currentLayer()

    def site_layer(self):
        return self.site_combo.currentLayer()

    def dem_layer(self):
        return self.dem_combo.currentLayer()

    def mapping(self) -> dict:
        return {role: combo.currentField() for role, combo in self.field_combos.items()}

    def _village_layer_changed(self, layer):
        for combo in self.field_combos.values():
            combo.setLayer(layer)
        if not self._restoring:
            self.detect_fields()

    def detect_fields(self):
        layer = self.village_layer()
        if not isinstance(layer, QgsVectorLayer):
            self.scheme_label.setText("")
            return
        mapping = mapping_for_layer(layer)
        self._restoring = True
        for role in ROLES:
            self.field_combos[role].setField(getattr(mapping, role))
        self._restoring = False
        self.scheme_label.setText(tr("Naming scheme: {scheme}").format(scheme=mapping.scheme or tr("unknown")))
        self.save_to_project()

    def _field_changed(self, _name):
        if not self._restoring:
            self.save_to_project()
            self.mappingChanged.emit()

    def save_to_project(self, *_args):
        if self._restoring:
            return
        project = QgsProject.instance()
        for key, combo in (("villages_layer", self.village_combo), ("sites_layer", self.site_combo),
                           ("dem_layer", self.dem_combo)):
            layer = combo.currentLayer()
            project.writeEntry(SCOPE, key, layer.id() if layer else "")
        for role, combo in self.field_combos.items():
            project.writeEntry(SCOPE, f"field_{role}", combo.currentField())

    def restore_from_project(self):
        project = QgsProject.instance()
        self._restoring = True
        try:
            for key, combo in (("villages_layer", self.village_combo), ("sites_layer", self.site_combo),
                               ("dem_layer", self.dem_combo)):
                layer_id, ok = project.readEntry(SCOPE, key, "")
                layer = project.mapLayer(layer_id) if ok and layer_id else None
                if layer is not None:
                    combo.setLayer(layer)
            layer = self.village_layer()
            for role, combo in self.field_combos.items():
                combo.setLayer(layer)
                value, ok = project.readEntry(SCOPE, f"field_{role}", "")
                if ok and value:
                    combo.setField(value)
        finally:
            self._restoring = False

    # actions -------------------------------------------------------------------------------------------------
    def load_sample(self):
        from ..io.sample import load_sample

        try:
            layers = load_sample(QgsProject.instance())
        except RuntimeError as exc:
            notify(self.iface, str(exc), Qgis.MessageLevel.Critical)
            return None
        self.village_combo.setLayer(layers["villages"])
        self.site_combo.setLayer(layers["towers"])
        self.dem_combo.setLayer(layers["dem"])
        if self.iface is not None and self.iface.mapCanvas() is not None:
            canvas = self.iface.mapCanvas()
            from qgis.core import QgsCoordinateTransform

            tr_ = QgsCoordinateTransform(layers["villages"].crs(), canvas.mapSettings().destinationCrs(),
                                         QgsProject.instance())
            canvas.setExtent(transform_bounding_box(tr_, layers["villages"].extent()))
            canvas.refresh()
        notify(self.iface, tr("Kaltim sample loaded: 1,038 villages (population ESTIMATED), "
                              "SYNTHETIC DEM and towers."), Qgis.MessageLevel.Success)
        self.invalid_codes = invalid_villages(layers["villages"], self.mapping().get("code") or "")
        if self.invalid_codes:
            self.offer_repair(self.invalid_codes)
        self.sampleLoaded.emit(layers)
        return layers

    def offer_repair(self, codes: list) -> None:
        """Say that the villages have invalid boundaries (the sample has one: real boundary data) and offer the
        repair, in the message bar with a 'Repair now' button when QGIS's bar can hold one."""
        text = tr("Invalid village boundaries in the sample (the real boundary data): {codes}. Repair them before the "
                  "coverage.").format(codes=", ".join(codes[:5]) + (" …" if len(codes) > 5 else ""))
        how = tr("'Repair geometries' on the Data page writes a repaired copy and makes it the Villages layer.")
        bar = self.iface.messageBar() if self.iface is not None else None
        if bar is None or not hasattr(bar, "createMessage") or not hasattr(bar, "pushWidget"):
            notify(self.iface, f"{text} {how}", Qgis.MessageLevel.Warning, duration=0)
            return
        from qgis.core import QgsMessageLog
        from qgis.PyQt.QtWidgets import QPushButton

        from .messages import TAG

        QgsMessageLog.logMessage(f"{text} {how}", TAG, Qgis.MessageLevel.Warning)
        item = bar.createMessage(TAG, text)
        repair_now = QPushButton(tr("Repair now"))
        repair_now.setObjectName("repairNowButton")
        repair_now.setToolTip(how)
        repair_now.clicked.connect(self.repair)
        item.layout().addWidget(repair_now)
        self._close_repair_message()
        bar.pushWidget(item, Qgis.MessageLevel.Warning, 0)
        self._repair_message = (bar, item)

    def _close_repair_message(self) -> None:
        """Take the 'Repair now' message off the bar (repaired, or the plugin unloaded)."""
        if self._repair_message is not None:
            bar, item = self._repair_message
            self._repair_message = None
            try:
                bar.popWidget(item)
            except RuntimeError:  # the user closed it: already deleted
                pass

    def validate(self):
        layer = self.village_layer()
        if layer is None:
            notify(self.iface, tr("Choose a village layer first (or load the Kaltim sample)."),
                   Qgis.MessageLevel.Warning)
            return None
        mapping = self.mapping()
        self.report_path = str(Path(scratch_folder("kaltim_")) / "validation.html")
        params = {"INPUT": layer.id(), "CODE_FIELD": mapping["code"], "NAME_FIELD": mapping["name"],
                  "POPULATION_FIELD": mapping["population"], "OUTPUT_REPORT": self.report_path}
        if self.dem_layer() is not None:
            params["DEM"] = self.dem_layer().id()
        self.report_view.setPlainText(tr("Validating…"))
        return self.runner.run("kaltiminternet:checkvillages", params, self._validated, tr("Validating villages"))

    def _validated(self, ok, results, feedback):
        if not ok:  # the runner has put the error in the message bar
            self.report_view.setPlainText(tr("Validation failed: {log}").format(log=feedback.textLog()))
            return
        self.report_view.setHtml(Path(self.report_path).read_text(encoding="utf-8"))
        self.open_report_button.setEnabled(True)
        level = Qgis.MessageLevel.Success if results.get("VALID") else Qgis.MessageLevel.Warning
        notify(self.iface, tr("Validation: {e} error(s), {w} warning(s) in {n} features.").format(
            e=results.get("ERROR_COUNT"), w=results.get("WARNING_COUNT"), n=results.get("FEATURE_COUNT")), level)
        self.validationFinished.emit(dict(results))

    def open_report(self):
        if self.report_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.report_path))

    def repair(self, path: str = ""):
        """Write a repaired copy of the village layer to a GeoPackage (``path``, else :func:`repair_destination`:
        next to the saved project, else Processing's output folder; never in the plugin), add it in a run group and
        make it the Villages layer, so every later step uses it. Returns the new layer, or None."""
        from ..io.layers import repair_layer

        layer = self.village_layer()
        if not isinstance(layer, QgsVectorLayer):
            notify(self.iface, tr("Choose a village layer first."), Qgis.MessageLevel.Warning)
            return None
        path = path or repair_destination(layer)
        if not path or refuse_plugin_file(self.iface, path):
            if not path:
                notify(self.iface, tr("No folder to write the repaired villages to: save the project first."),
                       Qgis.MessageLevel.Warning)
            return None
        repaired_layer, repaired = repair_layer(layer)
        error = write_gpkg_table(repaired_layer, path, "villages")
        if error:
            notify(self.iface, tr("The repaired villages cannot be written to {path}: {error}").format(
                path=path, error=error), Qgis.MessageLevel.Critical, duration=15)
            return None
        saved = QgsVectorLayer(f"{path}|layername=villages", repaired_layer.name(), "ogr")
        if layer.renderer() is not None:
            saved.setRenderer(layer.renderer().clone())
        workflow = self.workflow
        workflow.add_to_group(workflow.run_group("repair", tr("Repaired villages")), saved)
        self.village_combo.setLayer(saved)  # every later page takes the repaired villages from here
        self._close_repair_message()
        notify(self.iface, tr("Repaired {n} geometry(ies) into {path}, now the Villages layer; the original is "
                              "unchanged.").format(n=len(repaired), path=path), Qgis.MessageLevel.Success)
        return saved

    def show_report(self, report):
        self.report_view.setHtml(render_html(report))

    def cleanup(self):
        disconnect(QgsProject.instance().readProject, self.restore_from_project)
        self._close_repair_message()
        self.runner.cancel()
