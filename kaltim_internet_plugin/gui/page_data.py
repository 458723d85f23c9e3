"""Data page: load the sample, choose village/site/DEM layers and the village field mapping, validate, repair."""
from __future__ import annotations

from pathlib import Path

from qgis.core import Qgis, QgsProject, QgsVectorLayer
from qgis.gui import QgsFieldComboBox
from qgis.PyQt.QtCore import QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QTextBrowser, QWidget

from ..compat import LayerFilter, transform_bounding_box
from ..core.villages import ROLES
from ..i18n import tr
from ..io.layers import mapping_for_layer
from ..io.scratch import scratch_folder
from ..report.validation_html import render_html
from .fit import COMBO_CHARS, scroll_body
from .messages import notify
from .tasks import TaskRunner
from .widgets import add_rows, button, button_row, disconnect, layer_combo

SCOPE = "KaltimInternet"


def role_labels() -> dict:
    return {"code": tr("Code"), "name": tr("Name"), "kecamatan": tr("Kecamatan"), "kabkota": tr("Kab/Kota"),
            "population": tr("Population")}


class DataPage(QWidget):
    """Everything later pages need: which layers hold the villages, sites and terrain, and how to read them."""

    mappingChanged = pyqtSignal()
    validationFinished = pyqtSignal(dict)
    sampleLoaded = pyqtSignal(dict)  # key -> layer of the bundled sample (villages, towers, dem, landcover, ...)

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.runner = TaskRunner(iface, on_busy=lambda busy: self.validate_button.setEnabled(not busy))
        self.report_path = ""
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
        self.scheme_label.setWordWrap(True)  # "Naming scheme: kemendagri" beside the button: wraps in a narrow dock
        self.detect_button = button("detectButton", tr("Detect fields"), self.detect_fields, tip=tr(
            "Guess the fields from Kemendagri, BIG-RBI and BPS naming."))
        row = QHBoxLayout()
        row.addWidget(self.scheme_label, 1)
        row.addWidget(self.detect_button)
        fform.addRow(row)
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
        self.sampleLoaded.emit(layers)
        return layers

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

    def repair(self):
        from ..io.layers import repair_layer

        layer = self.village_layer()
        if not isinstance(layer, QgsVectorLayer):
            notify(self.iface, tr("Choose a village layer first."), Qgis.MessageLevel.Warning)
            return None
        repaired_layer, repaired = repair_layer(layer)
        QgsProject.instance().addMapLayer(repaired_layer)
        notify(self.iface, tr("Repaired {n} geometries into the new layer '{name}'; the original is unchanged.")
               .format(n=len(repaired), name=repaired_layer.name()), Qgis.MessageLevel.Success)
        return repaired_layer

    def show_report(self, report):
        self.report_view.setHtml(render_html(report))

    def cleanup(self):
        disconnect(QgsProject.instance().readProject, self.restore_from_project)
        self.runner.cancel()
