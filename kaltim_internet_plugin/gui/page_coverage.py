"""Coverage page: compute the coverage raster (background task), classify the villages, probe the signal at a point.

Sites and DEM default to the Data page's choices (and follow them). "Compute coverage" runs
``kaltiminternet:coverage`` as a QgsProcessingAlgRunnerTask (the map stays usable; progress bar and Cancel);
the result is added styled. "Classify villages" runs ``kaltiminternet:classifyvillages`` on the Data page's
villages with the chosen coverage raster. "Signal at point" is a map tool: click -> the strongest sites at that
point and the terrain profile to the serving site (computed in a QgsTask).

The what-if panel (issue 9) has a page of its own (gui/page_whatif.py).
"""
from __future__ import annotations

import json
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsRubberBand
from qgis.PyQt.QtCore import Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QAction,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..compat import LayerFilter
from ..core import definitions as defs
from ..core import formatting as fmt
from ..core.coverage import ITM_LONG_S, RAY_MODELS
from ..core.coverage_settings import DEFAULTS, CoverageSettings, CoverageSettingsError
from ..core.profile import ProfileError
from ..errors import describe
from ..i18n import tr, ui_lang
from ..io.coverage_sites import sites_from_features
from ..io.scratch import scratch_folder
from ..io.styles import style_status
from ..io.styles_coverage import (
    coverage_kind,
    outside_area_mask_layer,
    sea_mask_layer,
    style_coverage,
    style_server_raster,
)
from ..labels import quantity_labels
from .fit import scroll_body
from .messages import notify
from .profile_chart import ProfileChart
from .signal_probe_tool import SignalProbeTool, compute_probe, probe_texts
from .tasks import CallTask, TaskRunner, failure_text
from .widgets import add_rows, button, button_row, cross_marker, layer_combo, note_label, spin_box
from .workflow import workflow_of

COVERAGE_ALG = "kaltiminternet:coverage"


def kernels_pending() -> bool:
    """True before the first ray-model run of the session has compiled the kernels (core.kernels.pending): that run
    starts with a pause."""
    from ..core import kernels

    return kernels.pending()

CLASSIFY_ALG = "kaltiminternet:classifyvillages"
PROBE_LIMIT = 5
MODELS = defs.MODELS
RESOLUTIONS = defs.RESOLUTIONS
DOCK_MODELS = ("los", "p526", "hata", "itm")  # the uncorrected Bullington variant only by name (Processing)


def model_names() -> dict:
    return {"los": tr("Line of sight (viewshed)"), "p526": tr("ITU-R P.526 complete method (terrain diffraction)"),
            "hata": tr("Okumura-Hata / COST-231 (no terrain)"),
            "itm": tr("Longley-Rice ITM (second opinion, slow)")}


class CoveragePage(QWidget):
    """Emits ``coverageFinished(dict)``, ``classifyFinished(dict)`` (results + ok/canceled/layer_id) and
    ``probeFinished(dict)`` (signals, profile, or error)."""

    coverageFinished = pyqtSignal(dict)
    classifyFinished = pyqtSignal(dict)
    probeFinished = pyqtSignal(dict)

    def __init__(self, iface, dock=None):
        super().__init__(None)
        self.iface, self.dock = iface, dock
        self.runner = TaskRunner(iface, on_busy=self._busy)
        self.probe_task = self.last_probe = None
        self.coverage_layer = self.classified_layer = None  # the last results on the map
        self._marker = self._band = None  # the probe's point and profile line on the canvas
        self.canvas = iface.mapCanvas() if iface is not None else None
        self.workflow = workflow_of(dock)

        layout = scroll_body(self)

        # inputs ---------------------------------------------------------------------------------------------
        inputs = QGroupBox(tr("Sites and terrain"))
        form = QFormLayout(inputs)
        self.site_combo = layer_combo("coverageSiteCombo", LayerFilter.PointLayer, tip=tr(
            "The towers (points, any CRS). Antenna height, frequency and power are read from height_m, freq_mhz and "
            "eirp_dbm; missing values use the usual values of the site's technology."))
        self.dem_combo = layer_combo("coverageDemCombo", LayerFilter.RasterLayer, tip=tr(
            "The elevation model (heights in metres). Hills block the signal. The result is a raster on the same "
            "grid."))
        self.landcover_combo = layer_combo("coverageLandCoverCombo", LayerFilter.RasterLayer, tip=tr(
            "Optional: a land-cover raster in ESA WorldCover classes. Each cell's class gives the clutter loss at the "
            "receiver height (ITU-R P.452 §4.5: tree cover about 19.5 dB at 1.5 m, 3.3 dB at 15 m) instead of the "
            "flat foliage margin, which stays where the land cover has no class. Empty: the flat margin "
            "everywhere."))
        self.landcover_combo.setLayer(None)
        add_rows(form, (tr("Sites"), self.site_combo), (tr("DEM"), self.dem_combo),
                       (tr("Land cover"), self.landcover_combo))
        layout.addWidget(inputs)

        # parameters -------------------------------------------------------------------------------------------
        params = QGroupBox(tr("Parameters"))
        pform = QFormLayout(params)
        self.model_combo = QComboBox()
        self.model_combo.setObjectName("modelCombo")
        for key in DOCK_MODELS:
            self.model_combo.addItem(model_names()[key], key)
        self.model_combo.setCurrentIndex(DOCK_MODELS.index(DEFAULTS.model))
        self.model_combo.setToolTip(tr(
            "How the signal is estimated. Line of sight: only whether a tower can be 'seen' (counts the towers). "
            "P.526: signal strength in dBm, hills bend and weaken the signal (recommended). Hata: a quick "
            "estimate from distance only, ignoring hills (valid 1-20 km). Longley-Rice ITM: a second terrain model "
            "(as in SPLAT!) to see where the models disagree; tens of times slower than P.526 with numba (about "
            "2 s a 30 km site on a 90 m DEM), a thousand times without it (about 40 s a site), so try it on a few "
            "sites first. The signal probe always shows both P.526 and ITM."))
        self.rx_spin = spin_box("rxHeightSpin", 0.0, 100.0, DEFAULTS.rx_height_m, 1, " m", tr(
            "Height of the phone or router above the ground: 1.5 m for a phone in the hand, 5-10 m for a router "
            "antenna on a pole."))
        self.threshold_spin = spin_box("thresholdSpin", -160.0, -40.0, DEFAULTS.threshold_dbm, 0, " dBm", tr(
            "Weakest signal that still counts as coverage. About -100 dBm is good, -110 dBm is the edge of coverage, "
            "-120 dBm is practically no signal."))
        self.radius_spin = spin_box("radiusSpin", 0.0, 200000.0, DEFAULTS.max_radius_m, 0, " m", tr(
            "How far from each tower to compute. Farther places get no value (nodata). 30 km suits rural 4G on "
            "900 MHz; a smaller radius is faster."), step=1000.0)
        self.k_spin = spin_box("kFactorSpin", 0.1, 10.0, round(DEFAULTS.k_factor, 4), 4, tip=tr(
            "How much the air bends radio waves over the curved earth. 1.3333 (4/3) is the normal atmosphere; a "
            "smaller value makes the earth 'bulge' more."), step=0.1)
        self.resolution_combo = QComboBox()
        self.resolution_combo.setObjectName("resolutionCombo")
        self.resolution_combo.addItem(tr("Fast"), "fast")
        self.resolution_combo.addItem(tr("Fine"), "fine")
        self.resolution_combo.addItem(tr("Exact"), "exact")
        self.resolution_combo.setToolTip(tr(
            "For the terrain models (P.526, ITM). Fast: rays 180 m apart, terrain samples every 360 m keeping the "
            "ridge crests, the loss refined every 90 m: about 0.3 dB from Exact on average, 2.9 dB or less on 99 % "
            "of the cells behind sharp ridges (latest make bench). Fine: rays and samples 180 m apart, about 0.2 dB. "
            "Exact follows every DEM cell: the reference, the slowest."))
        self.loss_spin = spin_box("extraLossSpin", 0.0, 60.0, DEFAULTS.clutter_margin_db, 2, " dB", tr(
            "Extra loss for what the terrain model does not see: forest canopy (10-20 dB in Kalimantan's forest), "
            "buildings, the user's body. 0 = terrain only."), step=1.0)
        self.quantity_combo = QComboBox()
        self.quantity_combo.setObjectName("quantityCombo")
        self.quantity_combo.addItems(quantity_labels())
        self.quantity_combo.setCurrentIndex(defs.QUANTITIES.index(DEFAULTS.quantity))
        self.quantity_combo.setToolTip(tr("4G thresholds (-100 good, -110 edge, -120 none) are RSRP values: the "
                                          "power of one LTE resource element, about 28-31 dB below the total power."))
        self.server_check = QCheckBox(tr("Also map the serving site"))
        self.server_check.setObjectName("serverCheck")
        self.server_check.setToolTip(tr("Adds a second raster telling which tower gives the strongest signal at "
                                        "each place."))
        add_rows(pform, (tr("Model"), self.model_combo), (tr("Receiver height"), self.rx_spin),
                        (tr("Threshold"), self.threshold_spin), (tr("Maximum radius"), self.radius_spin),
                        (tr("k-factor"), self.k_spin), (tr("Resolution"), self.resolution_combo),
                        (tr("Clutter / foliage margin"), self.loss_spin), (tr("Signal quantity"), self.quantity_combo))
        pform.addRow(self.server_check)
        self.compute_button = button("computeCoverageButton", tr("Compute coverage"), self.compute_coverage, tr(
            "Computes the coverage in the background; you can keep using the map."))
        self.cancel_button = button("cancelCoverageButton", tr("Cancel"), self.cancel, tr(
            "Stops the running computation; nothing is added."), enabled=False)
        pform.addRow(button_row(self.compute_button, self.cancel_button))
        self.progress = QProgressBar()
        self.progress.setObjectName("coverageProgress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        pform.addRow(self.progress)
        self.status_label = note_label("coverageStatus")
        pform.addRow(self.status_label)
        self.runner.progress, self.runner.status = self.progress, self.status_label
        layout.addWidget(params)

        # villages -------------------------------------------------------------------------------------------
        villages = QGroupBox(tr("Blank-spot villages"))
        vform = QFormLayout(villages)
        self.coverage_combo = layer_combo("coverageRasterCombo", LayerFilter.RasterLayer, tip=tr(
            "The coverage raster to classify the villages with (set automatically after 'Compute coverage')."))
        self.coverage_combo.setLayer(None)
        vform.addRow(tr("Coverage raster"), self.coverage_combo)
        self.classify_button = button("classifyButton", tr("Classify villages"), self.classify_villages)
        vform.addRow(self.classify_button)
        layout.addWidget(villages)

        # probe --------------------------------------------------------------------------------------------------
        probe = QGroupBox(tr("Signal at a point"))
        prl = QVBoxLayout(probe)
        self.probe_action = QAction(tr("Signal at point"), self)
        self.probe_action.setObjectName("signalProbeAction")
        self.probe_action.setCheckable(True)
        self.probe_action.setToolTip(tr("Click the map to see the signal of the nearest towers at that place and "
                                        "the terrain between the best tower and the place."))
        self.probe_action.toggled.connect(self._probe_toggled)
        self.probe_button = QToolButton()
        self.probe_button.setObjectName("signalProbeButton")
        self.probe_button.setDefaultAction(self.probe_action)
        self.probe_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        prl.addWidget(self.probe_button)
        self.probe_tool = SignalProbeTool(self.canvas) if self.canvas is not None else None
        if self.probe_tool is not None:
            self.probe_tool.setAction(self.probe_action)
            self.probe_tool.pointClicked.connect(self.probe_point)
        self.probe_label = QLabel(tr("Uses the chosen coverage raster's settings (else the parameters above), the "
                                     "sites and the DEM (model P.526)."))
        self.probe_label.setObjectName("probeLabel")
        self.probe_label.setWordWrap(True)
        prl.addWidget(self.probe_label)
        self.probe_table = QTableWidget(0, 5)
        self.probe_table.setObjectName("probeTable")
        self.probe_table.setHorizontalHeaderLabels([tr("Site"), tr("Operator"), "km", "dBm", "ITM"])
        for col, tip in ((2, tr("Distance (km)")), (3, tr("Signal (dBm)")),
                         (4, tr("Second opinion: the Longley-Rice ITM signal (dBm) over the same profile"))):
            self.probe_table.horizontalHeaderItem(col).setToolTip(tip)
        self.probe_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.probe_table.verticalHeader().setVisible(False)
        header = self.probe_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for col in (2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.probe_table.setMinimumHeight(120)
        prl.addWidget(self.probe_table)
        self.profile_chart = ProfileChart()
        self.profile_chart.setObjectName("profileChart")
        prl.addWidget(self.profile_chart)
        layout.addWidget(probe)
        layout.addStretch(1)

        for combo in (self.site_combo, self.dem_combo, self.landcover_combo, self.model_combo, self.resolution_combo,
                      self.coverage_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        self.probe_table.horizontalHeader().setMinimumSectionSize(40)

        self._update_classify_button()
        registry = QgsApplication.processingRegistry()
        registry.providerAdded.connect(self._update_classify_button)
        registry.providerRemoved.connect(self._update_classify_button)
        data_page = getattr(dock, "data_page", None)
        if data_page is not None:
            data_page.site_combo.layerChanged.connect(self.site_combo.setLayer)
            data_page.dem_combo.layerChanged.connect(self.dem_combo.setLayer)
            self.site_combo.setLayer(data_page.site_layer())
            self.dem_combo.setLayer(data_page.dem_layer())
            data_page.sampleLoaded.connect(lambda layers: self.landcover_combo.setLayer(layers.get("landcover")))
        else:
            self.site_combo.setLayer(None)
            self.dem_combo.setLayer(None)

    # ---- helpers ----------------------------------------------------------------------------------------------
    def _data_page(self):
        return getattr(self.dock, "data_page", None)

    def site_layer(self):
        return self.site_combo.currentLayer()

    def dem_layer(self):
        return self.dem_combo.currentLayer()

    @staticmethod
    def classify_available() -> bool:
        return QgsApplication.processingRegistry().algorithmById(CLASSIFY_ALG) is not None

    def _update_classify_button(self, *_args):
        if self.classify_available():
            self.classify_button.setEnabled(not self.runner.running)
            self.classify_button.setToolTip(tr("Marks each village of the Data page as covered, partial or blank "
                                               "spot from the coverage raster and adds the result as a new layer."))
        else:
            self.classify_button.setEnabled(False)
            self.classify_button.setToolTip(tr("Not available: the 'Classify villages' tool is not installed in "
                                               "this version of the plugin."))

    def settings(self) -> CoverageSettings:
        """The coverage settings set on the page."""
        return CoverageSettings(
            model=self.model_combo.currentData(), quantity=defs.QUANTITIES[self.quantity_combo.currentIndex()],
            clutter_margin_db=self.loss_spin.value(), threshold_dbm=self.threshold_spin.value(),
            rx_height_m=self.rx_spin.value(), resolution=self.resolution_combo.currentData(),
            k_factor=self.k_spin.value(), max_radius_m=self.radius_spin.value())

    def probe_settings(self) -> tuple:
        """(settings, from_raster): the chosen coverage raster's settings when it carries them (so the probe
        computes what the raster shows), else the page's."""
        layer = self.coverage_combo.currentLayer()
        if layer is not None and layer.providerType() == "gdal":
            try:
                found = CoverageSettings.read_raster(layer.source())
            except CoverageSettingsError:
                found = None
            if found is not None:
                return found, True
        return self.settings(), False

    def parameters(self) -> dict:
        """The algorithm parameters set on the page (without layers and outputs)."""
        st = self.settings()
        return {"MODEL": MODELS.index(st.model), "RX_HEIGHT": st.rx_height_m, "THRESHOLD_DBM": st.threshold_dbm,
                "MAX_RADIUS_M": st.max_radius_m, "K_FACTOR": st.k_factor, "EXTRA_LOSS_DB": st.clutter_margin_db,
                "QUANTITY": defs.QUANTITIES.index(st.quantity), "RESOLUTION": RESOLUTIONS.index(st.resolution)}

    def _busy(self, busy: bool) -> None:
        self.compute_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        if busy:
            self.classify_button.setEnabled(False)
        else:
            self._update_classify_button()

    def _start(self, alg_id, params, on_done, description):
        return self.runner.run(alg_id, params, on_done, description)

    def cancel(self):
        self.runner.cancel()

    @staticmethod
    def _tmp(name: str) -> str:
        return str(Path(scratch_folder("kaltim_coverage_")) / name)  # a temporary layer, as Processing's own

    # ---- coverage ----------------------------------------------------------------------------------------------
    def compute_coverage(self):
        sites, dem = self.site_layer(), self.dem_layer()
        if sites is None or dem is None:
            notify(self.iface, tr("Choose a site layer and a DEM first (or load the Kaltim sample on the Data "
                                  "page)."), Qgis.MessageLevel.Warning)
            return None
        if self.runner.running:
            return None
        model = self.model_combo.currentData()
        if model == "itm" and not self._itm_confirmed(sites, dem):
            return None
        params = dict(self.parameters(), SITES=sites.id(), DEM=dem.id(), OUTPUT=self._tmp(f"coverage_{model}.tif"))
        landcover = self.landcover_combo.currentLayer()
        if landcover is not None and model not in defs.LOS_MODELS:
            params["LAND_COVER"] = landcover.id()
        if self.server_check.isChecked():
            params["OUTPUT_SERVER"] = str(Path(params["OUTPUT"]).with_name("serving_site.tif"))
        threshold = self.threshold_spin.value()

        def done(ok, results, feedback):
            if not ok or not results.get("OUTPUT"):
                canceled = feedback.isCanceled()
                if canceled:
                    text = tr("Coverage canceled; nothing was added.")
                else:
                    text = tr("Coverage failed: {log}").format(log=failure_text(feedback))
                self.status_label.setText(text)
                self.coverageFinished.emit({"ok": False, "canceled": canceled})
                return
            kind = coverage_kind(results["OUTPUT"])
            name = tr("Coverage – {model}").format(model=model_names()[model])
            layer = QgsRasterLayer(results["OUTPUT"], name, "gdal")
            if not layer.isValid():
                self.status_label.setText(tr("The coverage raster could not be opened: {path}")
                                          .format(path=results["OUTPUT"]))
                self.coverageFinished.emit({"ok": False, "canceled": False})
                return
            n = int(results.get("SITES_COMPUTED") or 0)
            style_coverage(layer, kind, threshold, n)
            group = self.workflow.run_group("coverage", tr("Coverage"))
            self.workflow.add_to_group(group, layer)
            self.coverage_layer = layer
            self.coverage_combo.setLayer(layer)
            payload = dict(results, ok=True, canceled=False, layer_id=layer.id(), kind=kind)
            if results.get("OUTPUT_SERVER"):
                srv = QgsRasterLayer(results["OUTPUT_SERVER"], tr("Serving site"), "gdal")
                if srv.isValid():
                    style_server_raster(srv, json.loads(results.get("SERVER_IDS") or "{}"))
                    self.workflow.add_to_group(group, srv)
                    group.findLayer(srv.id()).setItemVisibilityChecked(False)  # on demand: it hides the signal
                    payload["server_layer_id"] = srv.id()
            sea = sea_mask_layer(dem, tr("Sea"))  # over the coverage: no-signal red is land only
            if sea is not None:
                self.workflow.add_to_group(group, sea, on_top=True)
            data_page = self._data_page()
            outside = outside_area_mask_layer(data_page.village_layer() if data_page is not None else None,
                                              tr("Outside the villages"))
            if outside is not None:  # the neighbouring provinces' land is not the plan's blank spot
                self.workflow.add_to_group(group, outside, on_top=True)
                payload["outside_layer_id"] = outside.id()
            self.workflow.publish("coverage_dem", dem)
            self.workflow.publish("coverage", layer)
            text = tr("Coverage done: {n} site(s) computed, {s} skipped (outside the DEM).").format(
                n=n, s=int(results.get("SITES_SKIPPED") or 0))
            if results.get("SITES_DEFAULTED"):
                text += " " + tr("{n} site(s) used default height/frequency/power.").format(
                    n=int(results["SITES_DEFAULTED"]))
            self.status_label.setText(text)
            notify(self.iface, text, Qgis.MessageLevel.Success)
            self.coverageFinished.emit(payload)

        task = self._start(COVERAGE_ALG, params, done, tr("Computing coverage"))
        if model in RAY_MODELS and kernels_pending():
            self._show_kernels_note()
        return task

    #: how often the page looks whether the compiled kernels are ready (ms)
    KERNELS_POLL_MS = 300

    def _show_kernels_note(self) -> None:
        """The first ray-model run of a session compiles the kernels first (numba, some seconds with the progress at
        0 %): said under the bar until they are ready, then the run's own text again."""
        note = tr("Computing coverage: preparing the compiled kernels (first run of the session, up to about 20 s)…")
        self.status_label.setText(note)

        def poll():
            if not self.runner.running or self.status_label.text() != note:  # done, or cancelling
                return
            if kernels_pending():
                QTimer.singleShot(self.KERNELS_POLL_MS, poll)
            else:
                self.status_label.setText(tr("Computing coverage") + "…")

        QTimer.singleShot(self.KERNELS_POLL_MS, poll)

    #: an ITM run estimated longer than this asks first (seconds)
    ITM_ASK_S = ITM_LONG_S  # the log warns from the same length

    def itm_estimate(self, sites, dem):
        """(seconds a site, seconds of the run) of an ITM run of every site of ``sites`` on ``dem`` with the page's
        radius and resolution (core.coverage.itm_run_cost; a DEM in degrees at 111.32 km a degree)."""
        from ..core import coverage as cov

        cell = min(abs(dem.rasterUnitsPerPixelX()), abs(dem.rasterUnitsPerPixelY()))
        if dem.crs().isGeographic():
            cell *= 111320.0
        st = self.settings()
        _, per_site, total, _ = cov.itm_run_cost(max(cell, 1e-6), st.max_radius_m, defs.RAY_STEPS[st.resolution],
                                                 sites.featureCount())
        return per_site, total

    def _itm_confirmed(self, sites, dem) -> bool:
        """True to run ITM: at once when it is estimated short, else when the user says so (a province of towers
        in Python, without numba, would take hours: about 40 s a 30 km site at 90 m; compiled about 2 s)."""
        per_site, seconds = self.itm_estimate(sites, dem)
        if seconds <= self.ITM_ASK_S:
            return True
        answer = QMessageBox.question(
            self, tr("Run Longley-Rice ITM?"),
            tr("Longley-Rice ITM on the {n} sites of '{layer}' would take about {m} minutes (about {s} s a site; "
               "P.526 takes seconds for all of them). Run it anyway? To compare the models on a few sites, use a "
               "layer of those sites or the signal probe.").format(
                n=fmt.integer(sites.featureCount(), ui_lang()), layer=sites.name(),
                m=fmt.about(seconds / 60.0, ui_lang()), s=fmt.about(per_site, ui_lang())),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # ---- classification ----------------------------------------------------------------------------------------------
    def classify_villages(self):
        if not self.classify_available():
            notify(self.iface, tr("The 'Classify villages' tool is not available in this version."),
                   Qgis.MessageLevel.Warning)
            return None
        data_page = self._data_page()
        villages = data_page.village_layer() if data_page is not None else None
        coverage = self.coverage_combo.currentLayer()
        if villages is None:
            notify(self.iface, tr("Choose the village layer on the Data page first."), Qgis.MessageLevel.Warning)
            return None
        if coverage is None:
            notify(self.iface, tr("Compute the coverage first (or choose a coverage raster)."),
                   Qgis.MessageLevel.Warning)
            return None
        if self.runner.running:
            return None
        mapping = data_page.mapping() if data_page is not None else {}
        out = self._tmp("villages_status.gpkg")
        params = {"VILLAGES": villages.id(), "COVERAGE": coverage.id(),
                  "THRESHOLD_DBM": self.threshold_spin.value(), "OUTPUT": out}
        if mapping.get("code"):
            params["CODE_FIELD"] = mapping["code"]
        if mapping.get("population"):
            params["POPULATION_FIELD"] = mapping["population"]

        def done(ok, results, feedback):
            if not ok:
                canceled = feedback.isCanceled()
                self.status_label.setText(tr("Classification canceled.") if canceled else
                                          tr("Classification failed: {log}").format(log=failure_text(feedback)))
                self.classifyFinished.emit({"ok": False, "canceled": canceled})
                return
            layer = QgsVectorLayer(out, tr("Villages – coverage status"), "ogr")
            payload = dict(results, ok=True, canceled=False)
            if layer.isValid():
                style_status(layer)
                self.workflow.add_to_group(self.workflow.run_group("classify", tr("Classify villages")), layer)
                self.classified_layer = layer
                payload["layer_id"] = layer.id()
                self.workflow.publish("classified", layer)
            text = tr("Villages: {c} covered, {p} partial, {b} blank spot.").format(
                c=results.get("COVERED", 0), p=results.get("PARTIAL", 0), b=results.get("BLANK_SPOT", 0))
            self.status_label.setText(text)
            notify(self.iface, text, Qgis.MessageLevel.Success)
            self.classifyFinished.emit(payload)

        return self._start(CLASSIFY_ALG, params, done, tr("Classifying villages"))

    # ---- probe ----------------------------------------------------------------------------------------------
    def _probe_toggled(self, checked: bool) -> None:
        if self.canvas is None or self.probe_tool is None:
            return
        if checked:
            self.canvas.setMapTool(self.probe_tool)
        elif self.canvas.mapTool() is self.probe_tool:
            self.canvas.unsetMapTool(self.probe_tool)

    def _show_marker(self, canvas_point: QgsPointXY, site_xy=None, dem_crs=None) -> None:
        if self.canvas is None:
            return
        if self._marker is None:
            self._marker = cross_marker(self.canvas, "#d7191c", 12)
        self._marker.setCenter(canvas_point)
        if self._band is None:
            self._band = QgsRubberBand(self.canvas, QgsWkbTypes.GeometryType.LineGeometry)
            self._band.setColor(QColor(33, 102, 172, 200))
            self._band.setWidth(2)
        self._band.reset(QgsWkbTypes.GeometryType.LineGeometry)
        if site_xy is not None and dem_crs is not None:
            tr_ = QgsCoordinateTransform(dem_crs, self.canvas.mapSettings().destinationCrs(), QgsProject.instance())
            try:
                start = tr_.transform(QgsPointXY(*site_xy))
            except Exception:  # QgsCsException
                return
            self._band.addPoint(start, False)
            self._band.addPoint(canvas_point, True)

    def probe_point(self, canvas_point: QgsPointXY, canvas_crs=None):
        """Start the probe at ``canvas_point`` (map canvas CRS, or ``canvas_crs``). Returns the task or None."""
        sites_layer, dem = self.site_layer(), self.dem_layer()
        if sites_layer is None or dem is None:
            self.probe_label.setText(tr("Choose a site layer and a DEM first."))
            return None
        if self.probe_task is not None:
            old, self.probe_task = self.probe_task, None
            old.cancel()
        if canvas_crs is None:
            canvas_crs = (self.canvas.mapSettings().destinationCrs() if self.canvas is not None
                          else dem.crs())
        project = QgsProject.instance()
        to_dem = QgsCoordinateTransform(canvas_crs, dem.crs(), project)
        try:
            pt = to_dem.transform(QgsPointXY(canvas_point))
        except Exception:  # QgsCsException
            self.probe_label.setText(tr("The point cannot be transformed to the DEM's CRS."))
            return None
        transform = None
        if sites_layer.crs() != dem.crs():
            transform = QgsCoordinateTransform(sites_layer.crs(), dem.crs(), project)
        sites = sites_from_features(sites_layer.getFeatures(), sites_layer.fields(), transform)["sites"]
        settings, from_raster = self.probe_settings()
        for site in sites:  # the same quantity (RSRP) and clutter margin as the coverage raster
            site.eirp_dbm -= settings.eirp_offset_db
        self.probe_from_raster = from_raster
        self.probe_label.setText(tr("Computing the signal at this point…"))
        self._show_marker(QgsPointXY(canvas_point))
        dem_crs = dem.crs()
        canvas_pt = QgsPointXY(canvas_point)

        def done(task, ok):
            if self.probe_task is not task:
                return  # an older click, superseded by a newer one
            self.probe_task = None
            self.show_probe(task.result if ok else None, None if ok else (task.error or RuntimeError("canceled")),
                            canvas_pt, dem_crs)

        probe = dict(dem_path=dem.source(), dem_wkt=dem.crs().toWkt(), sites=sites, x=pt.x(), y=pt.y(),
                     rx_height=settings.rx_height_m, k_factor=settings.k_factor,
                     max_radius=max(settings.max_radius_m, 1.0), limit=PROBE_LIMIT, model=settings.model,
                     settings=settings)
        self.probe_task = CallTask(tr("Signal at point"), lambda _task: compute_probe(**probe), done)
        return self.probe_task.start()

    def show_probe(self, result, error=None, canvas_point=None, dem_crs=None) -> None:
        self.probe_table.setRowCount(0)
        if error is not None or result is None:
            text = describe(error) if isinstance(error, ProfileError) else (
                tr("Cannot compute the signal here: {why}").format(why=error) if error else tr("Canceled."))
            self.probe_label.setText(text)
            self.profile_chart.clear()
            self.last_probe = {"ok": False, "error": text}
            self.probeFinished.emit(self.last_probe)
            return
        signals = result["signals"]
        threshold = self.threshold_spin.value()
        for r in signals:
            row = self.probe_table.rowCount()
            self.probe_table.insertRow(row)
            itm = r.get("itm_dbm", float("nan"))
            values = (r["site_id"], r["operator"], f"{r['distance_m'] / 1000.0:.2f}", f"{r['dbm']:.1f}",
                      f"{itm:.1f}" if itm == itm else "–")
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col >= 2:
                    item.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
                if col == 3:
                    item.setForeground(QColor("#1a9641") if r["dbm"] >= threshold else QColor("#d7191c"))
                if col == 4 and itm == itm:
                    item.setForeground(QColor("#1a9641") if itm >= threshold else QColor("#d7191c"))
                self.probe_table.setItem(row, col, item)
        if not signals:
            self.probe_label.setText(tr("No site within {r:.0f} km of this point: a blank spot (no signal).")
                                     .format(r=self.radius_spin.value() / 1000.0))
            self.profile_chart.clear()
        else:
            best = signals[0]
            text, title = probe_texts(best, result, threshold)  # numbers in the UI language, no "-0.0 dB"
            self.probe_label.setText(text)
            self.profile_chart.set_profile(result["profile"], title, threshold)
            if canvas_point is not None and result.get("crs_wkt"):
                crs = QgsCoordinateReferenceSystem.fromWkt(result["crs_wkt"])
                self._show_marker(canvas_point, (best["x"], best["y"]), crs if crs.isValid() else dem_crs)
        self.last_probe = {"ok": True, "signals": signals, "profile": result["profile"], "x": result["x"],
                           "y": result["y"]}
        self.probeFinished.emit(self.last_probe)

    # ---- teardown ----------------------------------------------------------------------------------------------
    def cleanup(self):
        registry = QgsApplication.processingRegistry()
        for sig in (registry.providerAdded, registry.providerRemoved):
            try:
                sig.disconnect(self._update_classify_button)
            except TypeError:
                pass
        self.runner.cancel()
        if self.probe_task is not None:
            self.probe_task.cancel()
        if self.canvas is not None:
            if self.probe_tool is not None and self.canvas.mapTool() is self.probe_tool:
                self.canvas.unsetMapTool(self.probe_tool)
            for item in (self._marker, self._band):
                if item is not None:
                    self.canvas.scene().removeItem(item)
        self._marker = self._band = None
