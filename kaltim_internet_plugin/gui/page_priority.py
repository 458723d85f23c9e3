"""Priority page: live village ranking with weight sliders, the contribution chart of the selected village, and
the technology choice / site optimisation run as background tasks.

The user's village layer is never modified: scores go into a layer "Village priorities" ("Prioritas desa") created on
first use (a copy of the villages with priority_score, priority_rank and c_<criterion>, a GeoPackage in the Processing
temporary folder, in its own run group) and updated in place through its data provider on every slider move.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from qgis.core import Qgis, QgsFeature, QgsProject, QgsVectorLayer, QgsWkbTypes
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QComboBox, QFormLayout, QGridLayout, QGroupBox, QLabel, QProgressBar, QSlider, QWidget

from ..compat import LayerFilter
from ..core import formatting as fmt
from ..core.priority import CRITERIA, PRESETS, WeightsError, compute_priority
from ..core.villages import detect_fields
from ..errors import describe
from ..i18n import tr, ui_lang
from ..io.priority_inputs import gather_criteria, score_fields
from ..io.priority_layers import detect_criterion_fields, output_fields, read_table
from ..io.scratch import scratch_folder
from ..io.styles_priority import style_candidates, style_covered_by, style_priority, style_selected_sites, style_tech
from ..labels import counts_text, criterion_labels, preset_labels
from .fit import scroll_body
from .messages import notify
from .priority_chart import PriorityChart
from .tasks import TaskRunner, failure_text
from .widgets import add_rows, button, button_row, disconnect, layer_combo, note_label, spin_box
from .workflow import alive, workflow_of

PRODUCED_PROPERTY = "kaltim_internet/produced"


class PriorityPage(QWidget):
    """Ranks villages live; emits ``ranked(dict)`` after each re-rank and ``taskFinished(alg, ok, results)``."""

    ranked = pyqtSignal(dict)
    taskFinished = pyqtSignal(str, bool, dict)
    #: a weight slider's least width (px): one step of 100 is then about a pixel, and it can be dragged
    SLIDER_MIN_WIDTH = 100

    def __init__(self, iface, dock=None):
        super().__init__(None)
        self.iface, self.dock = iface, dock
        self.runner = TaskRunner(iface)
        self.output_layer = self._cache = None
        self._selection_layers = []
        self._updating = False
        self.last_result = None
        self._optimised = {}  # the last 'Optimise sites' run's layers: "sites" (selected) and "villages" (assigned)
        self.workflow = workflow_of(dock)
        self.criteria_available = {k: True for k in CRITERIA}
        layout = scroll_body(self)

        form = QFormLayout()
        self.village_combo = layer_combo("priorityVillageCombo", LayerFilter.PolygonLayer, LayerFilter.PointLayer,
                                         tip=tr("Villages to rank, ideally classified (status field from 'Classify "
                                                "villages'). Your layer is not changed: scores go into a new layer."))
        form.addRow(tr("Villages"), self.village_combo)
        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("presetCombo")
        for key, label in zip(PRESETS, preset_labels()):
            self.preset_combo.addItem(label, key)
        self.preset_combo.addItem(tr("Custom (sliders)"), "custom")
        self.preset_combo.setToolTip(tr("Pemerataan: equity first. Efektif biaya: people per rupiah. Layanan "
                                        "publik: schools and health posts first."))
        form.addRow(tr("Preset"), self.preset_combo)
        layout.addLayout(form)

        weights_box = QGroupBox(tr("Weights (0–100)"))  # a group title cannot wrap: the rest is the tooltip
        weights_box.setToolTip(tr("Weights (0–100, rescaled to sum to 1)"))
        grid = QGridLayout(weights_box)
        self.sliders = {}
        self.slider_labels = {}
        labels = criterion_labels()
        grid.setColumnStretch(0, 2)  # the names wrap; the sliders get the room to be moved (were 25-40 px wide)
        grid.setColumnStretch(1, 3)
        for row, key in enumerate(CRITERIA):
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setObjectName(f"weight_{key}")
            slider.setRange(0, 100)
            slider.setMinimumWidth(self.SLIDER_MIN_WIDTH)
            slider.setToolTip(tr("Weight of the criterion; the ranking updates while you move it."))
            value = QLabel("0")
            value.setMinimumWidth(28)
            name = QLabel(labels[key])
            name.setWordWrap(True)
            grid.addWidget(name, row, 0)
            grid.addWidget(slider, row, 1)
            grid.addWidget(value, row, 2)
            self.sliders[key] = slider
            self.slider_labels[key] = value
            slider.valueChanged.connect(self._slider_changed)
        layout.addWidget(weights_box)

        self.summary_label = note_label("prioritySummary")
        layout.addWidget(self.summary_label)
        self.chart = PriorityChart()
        layout.addWidget(self.chart, 1)

        plan_box = QGroupBox(tr("Technology and new sites"))
        pform = QFormLayout(plan_box)
        self.budget_spin = spin_box("budgetSpin", 0, 100000, 26.0, decimals=1, suffix=tr(" billion Rp"))
        self.radius_spin = spin_box("radiusSpin", 100, 50000, 5000, decimals=0, suffix=" m", tip=tr(
            "A new site covers the village offices within this distance."))
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("methodCombo")
        self.method_combo.addItem(tr("Exact (MILP, HiGHS)"), 0)
        self.method_combo.addItem(tr("Greedy (fast heuristic)"), 1)
        self.candidates_combo = layer_combo("candidatesCombo", LayerFilter.PointLayer, tip=tr(
            "Empty: candidate sites are built first (offices, hilltops, existing towers)."))
        self.candidates_combo.setLayer(None)
        self.new_sites_combo = layer_combo("newSitesCombo", LayerFilter.PointLayer, tip=tr(
            "New BTS sites that 'Choose technology' plans: the sites 'Optimise sites' selected (chosen here after "
            "its run). Empty: no new BTS in the plan."))
        self.new_sites_combo.setLayer(None)
        add_rows(pform, (tr("Budget"), self.budget_spin), (tr("Coverage radius"), self.radius_spin),
                        (tr("Method"), self.method_combo), (tr("Candidate sites"), self.candidates_combo),
                        (tr("New BTS sites"), self.new_sites_combo))
        self.cost_button = button("costTableButton", tr("Cost table…"), self.edit_cost_table, tip=tr(
            "Edit the CAPEX and OPEX of every technology (sourced defaults); saved in the project and used by 'Choose "
            "technology' and the candidate sites."))
        pform.addRow(tr("Costs"), self.cost_button)
        self.tech_button = button("chooseTechButton", tr("Choose technology"), self.choose_technology, tip=tr(
            "Cheapest feasible connection per village office (fibre, 4G FWA, radio link, new BTS, satellite)."))
        self.optimise_button = button("optimiseButton", tr("Optimise sites"), self.optimise_sites, tip=tr(
            "Choose new sites within the budget to cover the most people, weighted by the priority score."))
        self.cancel_button = self.runner.cancel_button("cancelButton", self.tech_button, self.optimise_button,
                                                       text=tr("Cancelled."))
        buttons = button_row(self.tech_button, self.optimise_button, self.cancel_button)
        pform.addRow(buttons)
        self.progress = QProgressBar()
        self.progress.setObjectName("priorityProgress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.status_label = note_label("priorityStatus")
        pform.addRow(self.progress)
        pform.addRow(self.status_label)
        self.runner.progress, self.runner.status = self.progress, self.status_label
        layout.addWidget(plan_box)

        self._apply_preset(0)
        self.preset_combo.currentIndexChanged.connect(self._preset_changed)
        self.village_combo.layerChanged.connect(self._village_layer_changed)
        QgsProject.instance().layersWillBeRemoved.connect(self._layers_removed)
        data_page = getattr(dock, "data_page", None)
        if data_page is not None:
            data_page.village_combo.layerChanged.connect(self._data_village_changed)
            self.village_combo.setLayer(data_page.village_layer())
        else:
            self.village_combo.setLayer(None)
        if self.workflow.latest("classified") is not None:
            self._result_published("classified", self.workflow.latest("classified"))
        self.workflow.published.connect(self._result_published)
        self._update_sliders(self.village_combo.currentLayer())

    # ---- weights -------------------------------------------------------------------------------------------------
    def weights(self) -> dict:
        return {k: float(s.value()) for k, s in self.sliders.items()}

    def set_weights(self, weights: dict, rerank: bool = True) -> None:
        self._updating = True
        try:
            for k, s in self.sliders.items():
                s.setValue(int(round(100 * float(weights.get(k, 0.0)))))
                self.slider_labels[k].setText(str(s.value()))
        finally:
            self._updating = False
        if rerank:
            self.rerank()

    def _apply_preset(self, index: int, rerank: bool = False) -> None:
        key = self.preset_combo.itemData(index)
        if key in PRESETS:
            self.set_weights(PRESETS[key], rerank=rerank)

    def _preset_changed(self, index: int) -> None:
        if self.preset_combo.itemData(index) in PRESETS:
            self._apply_preset(index, rerank=True)

    def _slider_changed(self, _value) -> None:
        for k, s in self.sliders.items():
            self.slider_labels[k].setText(str(s.value()))
        if self._updating:
            return
        custom = self.preset_combo.findData("custom")
        if self.preset_combo.currentIndex() != custom:
            self.preset_combo.blockSignals(True)
            self.preset_combo.setCurrentIndex(custom)
            self.preset_combo.blockSignals(False)
        self.rerank()

    # ---- layers ------------------------------------------------------------------------------------------------
    def village_layer(self):
        return self.village_combo.currentLayer()

    def _data_village_changed(self, layer) -> None:
        if self.village_combo.currentLayer() is None and layer is not None:
            self.village_combo.setLayer(layer)

    def _result_published(self, key, layer) -> None:
        """The classified villages of the Coverage page become the villages to rank (still changeable)."""
        if key == "classified" and alive(layer):
            self.village_combo.setLayer(layer)

    def _village_layer_changed(self, layer) -> None:
        self._cache = None
        self.chart.clear()
        self._update_sliders(layer)

    @staticmethod
    def no_data_reasons() -> dict:
        """Why a criterion has no data in a village layer, and how to give it some."""
        return {
            "population": tr("No data: the village layer has no population field (map it on the Data page)."),
            "blank_spot": tr("No data: the villages have no coverage status. Run 'Classify villages' on the "
                             "Coverage page; its result is then chosen here."),
            "idm": tr("No data: the village layer has no IDM (Indeks Desa Membangun) field."),
            "facilities": tr("No data: the village layer has no schools/health posts field."),
            "remoteness": tr("No data: remoteness is measured to the nearest covered village; classify the villages "
                             "first (Coverage page)."),
            "readiness": tr("No data: the village layer has no readiness field (electricity, cadres)."),
        }

    def criteria_with_data(self, layer) -> dict:
        """criterion -> True when ``layer`` carries data for it (the ranking would use it)."""
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            return {k: True for k in CRITERIA}
        table = read_table(layer)
        fields_used = detect_criterion_fields(table.names())
        data, _src = gather_criteria(table, fields_used, self._population_field(layer), None,
                                     fields_used["coverage_status"])
        found = {}
        for key in CRITERIA:
            try:
                found[key] = compute_priority(data, {key: 1.0}, n=len(table)).weights_used.get(key, 0.0) > 0
            except (WeightsError, ValueError):
                found[key] = False
        return found

    def _update_sliders(self, layer) -> None:
        """A criterion without data in the chosen layer: its slider disabled, the reason in its tooltip."""
        self.criteria_available = self.criteria_with_data(layer)
        reasons = self.no_data_reasons()
        for key, slider in self.sliders.items():
            ok = self.criteria_available[key]
            slider.setEnabled(ok)
            slider.setToolTip(tr("Weight of the criterion; the ranking updates while you move it.") if ok
                              else reasons[key])

    def _layers_removed(self, layer_ids) -> None:
        if self.output_layer is not None:
            try:
                gone = self.output_layer.id() in layer_ids
            except RuntimeError:
                gone = True
            if gone:
                self.output_layer = None
                self._cache = None
        self._selection_layers = [lyr for lyr in self._selection_layers if self._alive(lyr)
                                  and lyr.id() not in layer_ids]

    @staticmethod
    def _alive(layer) -> bool:
        try:
            layer.id()
            return True
        except RuntimeError:
            return False

    def _population_field(self, layer) -> str:
        data_page = getattr(self.dock, "data_page", None)
        names = layer.fields().names()
        if data_page is not None and data_page.village_layer() is layer:
            pop = data_page.mapping().get("population") or ""
            if pop in names:
                return pop
        return detect_fields(names).population

    def _load(self):
        """Read the chosen layer once (attributes, criteria data) and prepare the output layer."""
        layer = self.village_layer()
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            return None
        if self._cache is not None and self._cache["layer_id"] == layer.id() and self.output_layer is not None:
            return self._cache
        table = read_table(layer)
        names = table.names()
        fields_used = detect_criterion_fields(names)
        pop_field = self._population_field(layer)
        data, remote_src = gather_criteria(table, fields_used, pop_field, None, fields_used["coverage_status"])
        code_field = detect_fields(names).code
        name_field = detect_fields(names).name
        produced = layer.customProperty(PRODUCED_PROPERTY, "") == "priority"
        self._cache = {"layer_id": layer.id(), "table": table, "data": data, "n": len(table),
                       "keys": table.column(code_field) if code_field else None,
                       "names": table.column(name_field) if name_field else [str(f) for f in table.fids],
                       "remoteness": remote_src, "fields": fields_used, "population": pop_field}
        if produced:
            self.output_layer = layer
        else:
            self.output_layer = self._make_output(layer, table)
        out = self.output_layer
        self._cache["out_fids"] = table.fids if produced else [f.id() for f in out.getFeatures()]
        self._cache["fid_index"] = {fid: i for i, fid in enumerate(self._cache["out_fids"])}
        self._cache["src_index"] = {fid: i for i, fid in enumerate(table.fids)}
        self._cache["field_idx"] = {name: out.fields().lookupField(name) for name, _t in score_fields()}
        self._connect_selection(layer)
        self._connect_selection(out)
        return self._cache

    def _make_output(self, layer, table):
        """The layer of scores: a copy of the villages with the score fields, written as a GeoPackage into the
        Processing temporary folder as the dock's other results (a memory layer was lost when the project was saved,
        and it is the input of 'Choose technology'), in its own run group ("Internet Desa Kaltim — Village priorities
        <time>", the earlier ones hidden). A memory layer only when that file cannot be written."""
        geom = QgsWkbTypes.displayString(layer.wkbType()) or "Polygon"
        name = tr("Village priorities")
        mem = QgsVectorLayer(f"{geom}?crs={layer.crs().authid() or 'EPSG:4326'}", name, "memory")
        if not layer.crs().authid():
            mem.setCrs(layer.crs())
        fields = output_fields(table.fields, score_fields())
        prov = mem.dataProvider()
        prov.addAttributes(list(fields))
        mem.updateFields()
        feats = []
        for i in range(len(table)):
            f = QgsFeature(mem.fields())
            f.setGeometry(table.geometries[i])
            row = []
            for fld in mem.fields():
                idx = table.fields.lookupField(fld.name())
                row.append(table.attrs[i][idx] if idx >= 0 else None)
            f.setAttributes(row)
            feats.append(f)
        prov.addFeatures(feats)
        mem.updateExtents()
        out = self._written(mem, name) or mem
        out.setCustomProperty(PRODUCED_PROPERTY, "priority")
        style_priority(out)
        self.workflow.add_to_group(self.workflow.run_group("priority", name), out)
        return out

    @classmethod
    def _written(cls, mem, name: str):
        """``mem`` written to a GeoPackage of the Processing temporary folder, as a layer named ``name``; None when
        it cannot be written."""
        from ..io.layers import write_gpkg_table

        path = cls._tmp("village_priorities.gpkg")
        if write_gpkg_table(mem, path, "village_priorities"):
            return None
        out = QgsVectorLayer(f"{path}|layername=village_priorities", name, "ogr")
        return out if out.isValid() and out.featureCount() == mem.featureCount() else None

    def _connect_selection(self, layer) -> None:
        if layer is None or layer in self._selection_layers:
            return
        layer.selectionChanged.connect(lambda *_a, lyr=layer: self.show_selected(lyr))
        self._selection_layers.append(layer)

    # ---- ranking -------------------------------------------------------------------------------------------------
    def rerank(self):
        cache = self._load()
        if cache is None:
            return None
        weights = self.weights()
        if sum(weights.values()) <= 0:
            self.summary_label.setText(tr("All weights are zero: move at least one slider."))
            return None
        try:
            result = compute_priority(cache["data"], weights, keys=cache["keys"], n=cache["n"])
        except (WeightsError, ValueError) as e:
            self.summary_label.setText(describe(e))
            return None
        self.last_result = result
        out = self.output_layer
        idx = cache["field_idx"]
        fl = result.fields()
        changes = {}
        for i, fid in enumerate(cache["out_fids"]):
            attrs = {}
            for name, arr in fl.items():
                attrs[idx[name]] = int(arr[i]) if name == "priority_rank" else round(float(arr[i]), 6)
            changes[fid] = attrs
        out.dataProvider().changeAttributeValues(changes)
        out.triggerRepaint()
        labels = criterion_labels()
        lang = ui_lang()  # numbers as the rest of the UI writes them (Indonesian: 0,17 and 83,4)
        used = ", ".join(f"{labels[k]} {fmt.decimal(v, lang, 2)}" for k, v in result.weights_used.items() if v > 0)
        first = int(np.argmin(result.priority_rank)) if cache["n"] else -1
        text = tr("Weights used: {w}.").format(w=used or "-")
        if first >= 0:
            text += " " + tr("First: {name} ({score}).").format(
                name=cache["names"][first], score=fmt.decimal(float(result.priority_score[first]), lang, 1))
        skipped = [labels[k] for k in CRITERIA if weights.get(k, 0) > 0 and result.weights_used.get(k, 0) == 0]
        if skipped:
            text += " " + tr("No data, skipped: {c}.").format(c=", ".join(skipped))
        self.summary_label.setText(text)
        self._refresh_chart()
        payload = {"layer_id": out.id(), "weights": dict(result.weights_used),
                   "scores": [float(v) for v in result.priority_score],
                   "ranks": [int(v) for v in result.priority_rank], "fids": list(cache["out_fids"]),
                   "warnings": list(result.warnings)}
        self.ranked.emit(payload)
        return payload

    # ---- chart -----------------------------------------------------------------------------------------------------
    def _refresh_chart(self):
        for lyr in self._selection_layers:
            if self._alive(lyr) and lyr.selectedFeatureCount():
                self.show_selected(lyr)
                return

    def show_selected(self, layer):
        cache = self._cache
        if cache is None or self.last_result is None or not self._alive(layer):
            return
        fids = layer.selectedFeatureIds()
        if not fids:
            self.chart.clear()
            return
        index = cache["fid_index"] if layer is self.output_layer else cache["src_index"]
        i = index.get(sorted(fids)[0])
        if i is None:
            return
        labels = criterion_labels()
        rows = [(k, labels[k], float(self.last_result.contributions["c_" + k][i])) for k in CRITERIA]
        self.chart.set_contributions(str(cache["names"][i]), rows)

    # ---- tasks -----------------------------------------------------------------------------------------------------
    def _prepared_villages(self):
        if self.rerank() is None or self.output_layer is None:
            notify(self.iface, tr("Choose a village layer first (or load the Kaltim sample)."),
                   Qgis.MessageLevel.Warning)
            return None
        return self.output_layer

    def _data_layers(self):
        data_page = getattr(self.dock, "data_page", None)
        if data_page is None:
            return None, None
        return data_page.site_layer(), data_page.dem_layer()

    def _start(self, alg_id, params, on_done, description):
        return self.runner.run(alg_id, params, on_done, description)

    def cancel(self):
        self.runner.cancel(tr("Cancelled."))

    @staticmethod
    def _tmp(name: str) -> str:
        return str(Path(scratch_folder("kaltim_priority_")) / name)  # a temporary layer, as Processing's own

    def _add_result(self, path: str, name: str, styler, group):
        layer = QgsVectorLayer(path, name, "ogr")
        if not layer.isValid():
            return None
        styler(layer)
        self.workflow.add_to_group(group, layer)
        return layer

    def _coverage_inputs(self):
        """(coverage raster, its DEM) from the Coverage page's last run, else (None, the Data page's DEM)."""
        coverage, dem = self.workflow.latest("coverage"), self.workflow.latest("coverage_dem")
        if coverage is not None and dem is not None:
            return coverage, dem
        return None, self._data_layers()[1]

    def edit_cost_table(self):
        from .cost_table_dialog import CostTableDialog

        dialog = CostTableDialog(self)
        dialog.exec()
        return dialog

    @staticmethod
    def cost_parameters() -> dict:
        """COST_TABLE for the tools when the project has its own cost table (else the tools use the defaults)."""
        from ..io.cost_store import project_table_file

        path = project_table_file()
        return {"COST_TABLE": path} if path else {}

    def _village_parameters(self, villages, out: str) -> dict:
        """Parameters shared by choosetech and candidates: villages, output, the Data page's sites and DEM, costs."""
        sites = self._data_layers()[0]
        dem = self._coverage_inputs()[1]  # the DEM the coverage was computed on
        params = {"VILLAGES": villages.id(), "OUTPUT": out, **self.cost_parameters()}
        if sites is not None:
            params["SITES"] = sites.id()
        if dem is not None:
            params["DEM"] = dem.id()
        return params

    def _failed(self, key: str, message: str, feedback) -> None:
        """The run of ``key`` failed: ``message`` with the error that stopped it ({log}) on the page, the dock told."""
        self.status_label.setText(message.format(log=failure_text(feedback)))
        self.taskFinished.emit(key, False, {})

    def choose_technology(self):
        villages = self._prepared_villages()
        if villages is None:
            return None
        out = self._tmp("technology.gpkg")
        new_sites = self.new_sites_combo.currentLayer()
        params = self._village_parameters(villages, out)
        params.update(self.new_sites_parameters(new_sites))

        def done(ok, results, feedback):
            if not ok:
                return self._failed("choosetech", tr("Technology choice failed: {log}"), feedback)
            # the new BTS sites in this plan (none: None), the export's planned sites
            planned = new_sites if new_sites is not None and self._alive(new_sites) else None
            self.workflow.publish("plan_sites", planned)
            layer = self._add_result(out, tr("Village technology"), style_tech,
                                     self.workflow.run_group("choosetech", tr("Choose technology")))
            if layer is not None:
                self.workflow.publish("technology", layer)  # the Plan page's village plan layer
            lang = ui_lang()
            text = tr("Technology: {counts}. CAPEX {capex}, OPEX {opex} per year.").format(
                counts=counts_text(results.get("COUNTS", ""), "tech"),
                capex=fmt.money(results.get("CAPEX_TOTAL", 0), lang),
                opex=fmt.money(results.get("OPEX_TOTAL", 0), lang))
            self.status_label.setText(text)
            notify(self.iface, text, Qgis.MessageLevel.Success)
            self.taskFinished.emit("choosetech", True, dict(results))

        return self._start("kaltiminternet:choosetech", params, done, tr("Choosing technology"))

    def new_sites_parameters(self, sites) -> dict:
        """NEW_SITES of 'Choose technology' for the selected sites ``sites`` (None: none), as ``make demo`` runs it:
        with the villages of the same 'Optimise sites' run (their site_id and covered_by: its assignment is kept),
        else each uncovered village within the coverage radius of a site gets its BTS."""
        if sites is None or not self._alive(sites):
            return {}
        params = {"NEW_SITES": sites.id()}
        villages = self._optimised.get("villages")
        if self._optimised.get("sites") is sites and villages is not None and alive(villages):
            params["VILLAGES"] = villages.id()
        else:
            params["NEW_SITE_RADIUS_M"] = self.radius_spin.value()
        return params

    def optimise_sites(self):
        villages = self._prepared_villages()
        if villages is None:
            return None
        sites = self._data_layers()[0]
        candidates = self.candidates_combo.currentLayer()
        if candidates is not None:
            return self._run_optimise(villages, candidates.id(), sites)
        out = self._tmp("candidates.gpkg")
        params = self._village_parameters(villages, out)

        def done(ok, results, feedback):
            if not ok:
                return self._failed("candidates", tr("Candidate sites failed: {log}"), feedback)
            group = self.workflow.run_group("optimise", tr("Optimise sites"))
            layer = self._add_result(out, tr("Candidate sites"), style_candidates, group)
            self.taskFinished.emit("candidates", True, dict(results))
            if layer is not None and self.output_layer is not None:
                self._run_optimise(self.output_layer, layer.id(), sites, group)

        return self._start("kaltiminternet:candidates", params, done, tr("Building candidate sites"))

    def _run_optimise(self, villages, candidates_id, sites, group=None):
        out_sites = self._tmp("selected_sites.gpkg")
        out_villages = self._tmp("villages_sites.gpkg")
        params = {"VILLAGES": villages.id(), "WEIGHT_FIELD": "priority_score", "CANDIDATES": candidates_id,
                  "BUDGET_IDR": self.budget_spin.value() * 1e9, "RADIUS_M": self.radius_spin.value(),
                  "METHOD": self.method_combo.currentData(), "OUTPUT_SITES": out_sites,
                  "OUTPUT_VILLAGES": out_villages}
        if sites is not None and self._alive(sites):
            params["EXISTING"] = sites.id()
        coverage, dem = self._coverage_inputs()
        if dem is not None:  # villages covered by the propagation model over the terrain, as the Coverage page
            params["DEM"] = dem.id()
        if coverage is not None:
            params["COVERAGE"] = coverage.id()

        def done(ok, results, feedback):
            if not ok:
                return self._failed("optimizesites", tr("Site optimisation failed: {log}"), feedback)
            target = group or self.workflow.run_group("optimise", tr("Optimise sites"))
            selected = self._add_result(out_sites, tr("Selected sites"), style_selected_sites, target)
            assigned = self._add_result(out_villages, tr("Villages by coverage"), style_covered_by, target)
            if selected is not None:  # 'Choose technology' plans them (still changeable, or none)
                self._optimised = {"sites": selected, "villages": assigned}
                self.new_sites_combo.setLayer(selected)
            gap = results.get("GAP")
            lang = ui_lang()
            text = tr("{k} sites for {cost}: {pop} people newly covered (gap {gap}).").format(
                k=results.get("SITES_SELECTED", 0), cost=fmt.money(results.get("COST_TOTAL", 0), lang),
                pop=fmt.integer(results.get("POPULATION_COVERED", 0), lang),
                gap="-" if gap is None else fmt.percent(gap, lang, 2, of_one=True))
            if selected is not None:
                text += " " + tr("Run 'Choose technology' (again) to put these new BTS sites in the plan.")
            self.status_label.setText(text)
            notify(self.iface, text, Qgis.MessageLevel.Success)
            self.taskFinished.emit("optimizesites", True, dict(results))

        return self._start("kaltiminternet:optimizesites", params, done, tr("Optimising sites"))

    def cleanup(self):
        disconnect(QgsProject.instance().layersWillBeRemoved, self._layers_removed)
        disconnect(self.workflow.published, self._result_published)
        self.runner.cancel()
