"""What-if panel for field planners: planned-sites layer, "Place site" tool, instant coverage preview per site.

Mounted by the Coverage page into its ``whatif_area``. Constructor ``(iface, dock)``; ``dock.data_page`` (when
there is one) gives the DEM. Every planned site is previewed on its own against the existing coverage raster
and the classified villages (see :mod:`..core.whatif`), in a background task; a newer change of the same site
cancels the running task and results of stale tasks are discarded (generation counter per site).
"""
from __future__ import annotations

import shutil

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QFileDialog, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from ..compat import FieldType, LayerFilter, layer_filters
from ..core import formatting as fmt
from ..core.whatif import WhatIfEngine, WhatIfError, WhatIfParams
from ..errors import describe
from ..i18n import tr, ui_lang
from ..io.planned_sites import (
    DEFAULT_CRS,
    configure_planned_sites_form,
    is_planned_sites_layer,
    site_from_feature,
    villages_from_layer,
)
from ..io.scratch import scratch_folder
from ..io.styles import status_labels
from ..io.styles_whatif import style_affected_villages, style_planned_sites, style_preview_raster
from ..labels import label
from ..paths import inside_plugin
from .messages import notify
from .place_site_tool import PlaceSiteTool
from .tasks import TaskRunner, failure_text
from .whatif_task import WhatIfTask
from .widgets import add_rows, button, button_row, choose_file, disconnect, layer_combo, note_label, refuse_plugin_file
from .workflow import alive, workflow_of

AFFECTED_FIELDS = [("site_id", FieldType.String), ("kode", FieldType.String), ("nama", FieldType.String),
                   ("status_before", FieldType.String), ("status_after", FieldType.String),
                   ("share_before", FieldType.Double), ("share_after", FieldType.Double),
                   ("pop_gain", FieldType.Double)]


def format_idr(value) -> str:
    return fmt.money(float(value or 0), ui_lang())


class WhatIfPanel(QWidget):
    previewReady = pyqtSignal(dict)
    previewFailed = pyqtSignal(str)

    def __init__(self, iface, dock=None, parent=None):
        super().__init__(parent)
        self.setObjectName("whatIfPanel")
        self.iface = iface
        self.dock = dock
        self.engine = None
        self._engine_key = None
        self._villages_by_id = {}
        self._gen = {}              # site_id -> latest generation
        self._tasks = {}            # site_id -> running task
        self._alive = set()         # every task not finished yet (keeps the Python objects alive)
        self._fid_site = {}         # fid -> site_id (current layer)
        self._preview_layers = {}   # site_id -> raster layer id
        self._affected_id = None
        self._layer = None
        self.current_fid = None
        self.last_summary = None
        self.stale_discarded = 0
        self.tool = None
        self._dem_crs = None
        self._closed = False
        self.tmpdir = scratch_folder("kaltim_whatif_")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox(tr("What-if: planned sites"))
        layout.addWidget(box)
        vbox = QVBoxLayout(box)
        form = QFormLayout()
        vbox.addLayout(form)

        self.sites_combo = layer_combo("plannedSitesCombo", LayerFilter.PointLayer, tip=tr(
            "Point layer of planned sites (site_id, tech, height_m, …)."))
        self.create_button = button("createPlannedButton", tr("Create planned-sites layer…"),
                                    self.choose_and_create_layer,
                                    tip=tr("Creates a planned-sites layer with its form in a GeoPackage."))
        form.addRow(tr("Planned sites"), self.sites_combo)
        form.addRow("", self.create_button)

        self.dem_combo = layer_combo("whatifDemCombo", LayerFilter.RasterLayer)
        self.coverage_combo = layer_combo("existingCoverageCombo", LayerFilter.RasterLayer, tip=tr(
            "Coverage raster of the existing sites (best signal in dBm)."))
        self.villages_combo = QgsMapLayerComboBox()
        self.villages_combo.setObjectName("classifiedVillagesCombo")
        self.villages_combo.setFilters(layer_filters(LayerFilter.PolygonLayer, LayerFilter.PointLayer))
        self.villages_combo.setAllowEmptyLayer(True)
        self.villages_combo.setToolTip(tr("Villages classified against the existing coverage (status, cov_share)."))
        add_rows(form, (tr("DEM"), self.dem_combo), (tr("Existing coverage"), self.coverage_combo),
                       (tr("Classified villages"), self.villages_combo))
        for combo in (self.dem_combo, self.coverage_combo, self.villages_combo):
            combo.setLayer(None)

        self.place_button = button("placeSiteButton", tr("Place site"))
        self.place_button.setCheckable(True)
        self.place_button.setToolTip(tr("Click on the map to add a planned site; drag a planned site to move it."))
        self.place_button.toggled.connect(self.set_tool_active)
        self.keep_button = button("keepButton", tr("Keep"), self.keep, tip=tr(
            "Save the planned-sites layer's edits (this site included)."))
        self.discard_button = button("discardButton", tr("Discard"), self.discard, tip=tr(
            "Remove this site (within the layer's unsaved edits)."))
        buttons = button_row(self.place_button, self.keep_button, self.discard_button)
        vbox.addLayout(buttons)

        self.summary_label = QLabel(tr("Place a site to see what it would change."))
        self.summary_label.setObjectName("whatifSummary")
        self.summary_label.setWordWrap(True)
        vbox.addWidget(self.summary_label)
        self.status_label = note_label("whatifStatus")
        self.create_runner = TaskRunner(iface, status=self.status_label,
                                        on_busy=lambda busy: self.create_button.setEnabled(not busy))
        vbox.addWidget(self.status_label)
        self._update_buttons()

        data_page = getattr(dock, "data_page", None)
        if data_page is not None and hasattr(data_page, "dem_layer"):
            if data_page.dem_layer() is not None:
                self.dem_combo.setLayer(data_page.dem_layer())
            data_page.dem_combo.layerChanged.connect(self._data_dem_changed)
        self.sites_combo.layerChanged.connect(self._sites_layer_changed)
        for combo in (self.dem_combo, self.coverage_combo, self.villages_combo):
            combo.layerChanged.connect(self._inputs_changed)
        self.workflow = workflow_of(dock)
        for key in ("coverage_dem", "coverage", "classified"):  # results of the Coverage page, if already there
            if self.workflow.latest(key) is not None:
                self._result_published(key, self.workflow.latest(key))
        self.workflow.published.connect(self._result_published)
        self._sites_layer_changed(self.sites_combo.currentLayer())

    # layers ----------------------------------------------------------------------------------------------
    def sites_layer(self):
        """The planned-sites layer; None when none is chosen or when it is one of the sample's layers (the sample's
        towers are a point layer too: placing a site there and keeping it would write into the plugin's files)."""
        layer = self.sites_combo.currentLayer()
        return layer if isinstance(layer, QgsVectorLayer) and not inside_plugin(layer.source()) else None

    def _result_published(self, key, layer):
        """The Coverage page's results become this panel's inputs (the user can still choose others)."""
        combo = {"coverage": self.coverage_combo, "classified": self.villages_combo,
                 "coverage_dem": self.dem_combo}.get(key)
        if combo is not None and alive(layer):
            combo.setLayer(layer)

    def _data_dem_changed(self, layer):
        if layer is not None:
            self.dem_combo.setLayer(layer)

    def _inputs_changed(self, *_):
        self.engine = None
        self._engine_key = None

    def _sites_layer_changed(self, layer):
        old = self._layer
        if old is not None:
            for sig, slot in self._layer_connections():
                disconnect(old, sig, slot)
        self._layer = layer if isinstance(layer, QgsVectorLayer) else None
        if self._layer is not None and refuse_plugin_file(self.iface, self._layer, self.status_label):
            self._layer = None
        self._fid_site = {}
        self.current_fid = None
        if self._layer is not None:
            if is_planned_sites_layer(self._layer) and \
                    self._layer.editorWidgetSetup(self._layer.fields().lookupField("tech")).type() != "ValueMap":
                configure_planned_sites_form(self._layer)
            for sig, slot in self._layer_connections():
                getattr(self._layer, sig).connect(slot)
            self._rebuild_fid_map()
        self._update_buttons()

    def _layer_connections(self):
        return (("featureAdded", self._feature_added), ("geometryChanged", self._geometry_changed),
                ("attributeValueChanged", self._attribute_changed), ("featureDeleted", self._feature_deleted),
                ("afterCommitChanges", self._rebuild_fid_map), ("afterRollBack", self._rebuild_fid_map))

    def _rebuild_fid_map(self, *_):
        layer = self._layer
        self._fid_site = {}
        if layer is None:
            return
        idx = layer.fields().lookupField("site_id")
        for f in layer.getFeatures():
            self._fid_site[f.id()] = str(f[idx]) if idx >= 0 and f[idx] not in (None, "") else f"fid{f.id()}"

    def _update_buttons(self):
        has_layer = self.sites_layer() is not None
        self.place_button.setEnabled(has_layer or self.place_button.isChecked())
        self.keep_button.setEnabled(has_layer)
        self.discard_button.setEnabled(has_layer and self.current_fid is not None)

    # creating the layer ------------------------------------------------------------------------------------
    def choose_and_create_layer(self):
        path = choose_file(self, tr("GeoPackage for the planned sites"), tr("GeoPackage (*.gpkg)"), default="plan.gpkg",
                           save=True, options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            if not path.lower().endswith(".gpkg"):
                path += ".gpkg"
            return self.create_planned_layer(path)
        return None

    def create_planned_layer(self, path: str, name: str = "planned_sites", overwrite: bool = False):
        """Run createplannedsites as a task; the layer is added to the project and chosen when done."""
        if refuse_plugin_file(self.iface, path, self.status_label):
            return None
        # The CRS goes as a CRS object and the run has no project: a CRS given as text would first be looked up
        # as a layer of the project, from the task's thread, while the GUI thread owns those layers (QGIS
        # resolves a CRS parameter that way), and the panel adds the new layer to the project itself.
        params = {"PLAN_GPKG": path, "LAYER_NAME": name, "OVERWRITE": overwrite,
                  "CRS": QgsCoordinateReferenceSystem(DEFAULT_CRS)}
        dem = self.dem_combo.currentLayer()
        if dem is not None and dem.crs().isValid():
            params["CRS"] = QgsCoordinateReferenceSystem(dem.crs())
        return self.create_runner.run("kaltiminternet:createplannedsites", params, self._created,
                                      tr("Creating the planned-sites layer"), use_project=False)

    def _created(self, ok, results, feedback):
        if not ok:  # the runner has put the error in the message bar
            self.status_label.setText(tr("The planned-sites layer was not created: {log}").format(
                log=failure_text(feedback)))
            return None
        layer = QgsVectorLayer(results["OUTPUT"], results.get("LAYER_NAME") or "planned_sites", "ogr")
        if not layer.isValid():
            notify(self.iface, tr("The planned-sites layer cannot be opened."), Qgis.MessageLevel.Critical)
            return None
        configure_planned_sites_form(layer)
        style_planned_sites(layer)
        QgsProject.instance().addMapLayer(layer)
        self.sites_combo.setLayer(layer)
        self.status_label.setText(tr("Planned-sites layer ready: {name}").format(name=layer.name()))
        return layer

    # tool ------------------------------------------------------------------------------------------------
    def _canvas(self):
        return self.iface.mapCanvas() if self.iface is not None else None

    def ensure_tool(self, open_form=True):
        canvas = self._canvas()
        if canvas is None:
            return None
        if self.tool is None:
            self.tool = PlaceSiteTool(canvas, self.sites_layer, self.iface, self.point_on_dem, open_form=open_form)
            self.tool.siteSelected.connect(self._site_selected)
            self.tool.rejected.connect(self.status_label.setText)
        self.tool.open_form = open_form
        return self.tool

    def set_tool_active(self, on: bool):
        canvas = self._canvas()
        if canvas is None:
            return
        if on:
            if self.sites_layer() is None:
                notify(self.iface, tr("Choose or create a planned-sites layer first."), Qgis.MessageLevel.Warning)
                self.place_button.setChecked(False)
                return
            canvas.setMapTool(self.ensure_tool(open_form=True if self.tool is None else self.tool.open_form))
        elif self.tool is not None and canvas.mapTool() is self.tool:
            canvas.unsetMapTool(self.tool)

    def point_on_dem(self, point, crs) -> bool:
        dem = self.dem_combo.currentLayer()
        if dem is None:
            return True  # no DEM chosen: the preview says so; placing is still allowed
        p = point
        if crs is not None and crs.isValid() and dem.crs().isValid() and crs != dem.crs():
            try:
                p = QgsCoordinateTransform(crs, dem.crs(), QgsProject.instance()).transform(point)
            except Exception:  # noqa: BLE001 - untransformable point = not on the DEM
                return False
        return dem.extent().contains(p)

    # engine ----------------------------------------------------------------------------------------------
    def _get_engine(self):
        dem = self.dem_combo.currentLayer()
        if dem is None:
            raise WhatIfError(tr("Choose the DEM (terrain model) first, on the Data page or here."), "no_dem")
        cov_layer = self.coverage_combo.currentLayer()
        vil = self.villages_combo.currentLayer()
        key = (dem.id(), cov_layer.id() if cov_layer else "", vil.id() if vil else "")
        if self.engine is not None and self._engine_key == key:
            return self.engine
        cov_path = cov_layer.source() if isinstance(cov_layer, QgsRasterLayer) else ""
        villages = villages_from_layer(vil, dem.crs(), self._mapping_for(vil)) if isinstance(vil, QgsVectorLayer) \
            else []
        params = WhatIfParams.from_raster_metadata(cov_path) if cov_path else WhatIfParams()
        self.engine = WhatIfEngine(dem.source(), cov_path, villages, params)
        self._engine_key = key
        self._villages_by_id = {v.id: v for v in villages}
        self._dem_crs = dem.crs()
        return self.engine

    def _mapping_for(self, layer):
        from ..io.layers import mapping_for_layer

        mapping = mapping_for_layer(layer)
        data_page = getattr(self.dock, "data_page", None)
        if data_page is not None and hasattr(data_page, "mapping"):
            names = set(layer.fields().names())
            for role, field in data_page.mapping().items():
                if field and field in names and hasattr(mapping, role):
                    setattr(mapping, role, field)
        return mapping

    # previews ----------------------------------------------------------------------------------------------
    def _feature_added(self, fid):
        self._remember(fid)
        self.request_preview(fid)

    def _geometry_changed(self, fid, _geom):
        self.request_preview(fid)

    def _attribute_changed(self, fid, idx, _value):
        layer = self._layer
        if layer is None:
            return
        name = layer.fields().at(idx).name() if 0 <= idx < layer.fields().count() else ""
        if name == "site_id":
            old = self._fid_site.get(fid)
            if old:
                self._drop_site(old)
            self._remember(fid)
        if name in ("site_id", "tech", "height_m", "freq_mhz", "eirp_dbm", "cost_idr"):
            self.request_preview(fid)

    def _feature_deleted(self, fid):
        """A site left the layer (discarded, or its placing undone): its preview goes, and the summary too when it
        shows that site (it kept the removed site's people and cost after an undo; found 7 December)."""
        sid = self._fid_site.pop(fid, None)
        if sid:
            self._drop_site(sid)
        if self.current_fid == fid:
            self.current_fid = None
        shown = self.last_summary or {}
        if shown.get("fid") == fid or (sid and str(shown.get("site_id")) == sid):
            self.last_summary = None
            self.summary_label.setText(tr("Site {site_id} removed: place a site to see what it would change.")
                                       .format(site_id=sid or fid))
            self.status_label.setText("")
        self._update_buttons()

    def _site_selected(self, fid):
        self.request_preview(fid)

    def _remember(self, fid):
        layer = self._layer
        if layer is None:
            return None
        f = layer.getFeature(fid)
        if not f.isValid():
            return None
        idx = layer.fields().lookupField("site_id")
        sid = str(f[idx]) if idx >= 0 and f[idx] not in (None, "") else f"fid{fid}"
        self._fid_site[fid] = sid
        return sid

    def request_preview(self, fid):
        """Start (or restart) the preview of planned site ``fid``; returns the task or None (with a message)."""
        layer = self._layer
        if layer is None or self._closed:
            return None
        feature = layer.getFeature(fid)
        if not feature.isValid():
            return None
        self.current_fid = fid
        self._update_buttons()
        sid = self._remember(fid)
        try:
            engine = self._get_engine()
            site, tech, cost = site_from_feature(feature, layer.crs(), self._dem_crs)
            if site is None:
                raise WhatIfError(tr("Site {site_id} has no location.").format(site_id=sid), "no_geometry")
            if tech is None:
                raise WhatIfError(tr("Site {site_id} has no technology: choose 2G, 3G, 4G or 5G in its form. "
                                     "No preview.").format(site_id=sid), "whatif_no_tech", site_id=sid)
            engine.check_site(site, tech)
        except WhatIfError as exc:
            self._fail(sid, exc)
            return None
        gen = self._gen.get(sid, 0) + 1
        self._gen[sid] = gen
        self._cancel(self._tasks.get(sid))
        task = WhatIfTask(engine, site, tech, cost, gen, self.tmpdir, self._task_done, fid=fid)
        self._tasks[sid] = task
        self._alive.add(task)
        self.status_label.setText(tr("Computing the coverage of {site_id}…").format(site_id=sid))
        QgsApplication.taskManager().addTask(task)
        return task

    @staticmethod
    def _cancel(task):
        if task is None:
            return
        task.cancel_requested = True
        try:
            task.cancel()
        except RuntimeError:  # already finished and deleted by the task manager
            pass

    def _fail(self, sid, exc):
        text = describe(exc)
        self.status_label.setText(text)
        notify(self.iface, text, Qgis.MessageLevel.Warning)
        self.previewFailed.emit(text)

    def _task_done(self, task, ok):
        self._alive.discard(task)
        if self._closed:
            return
        sid = str(task.site.site_id)
        if self._tasks.get(sid) is task:
            self._tasks.pop(sid, None)
        if task.generation != self._gen.get(sid):
            self.stale_discarded += 1   # a newer move of the same site superseded it
            return
        if not ok:
            if task.error is not None:
                self._fail(sid, task.error)
            return
        res = task.result
        summary = res.summary()
        summary.update({"generation": task.generation, "path": task.path, "fid": task.fid})
        self._show_layers(sid, task.path, res)
        self.last_summary = summary
        self._show_summary(summary)
        self.previewReady.emit(summary)

    def _show_summary(self, s: dict):
        cost = format_idr(s["cost_idr"]) + ("" if s["cost_source"] == "site" else " " + tr("(default for {tech})")
                                            .format(tech=label("tech", s["tech"])))
        labels = status_labels()
        names = ", ".join("{} ({} → {})".format(c["name"] or c["code"], labels.get(c["status_before"], ""),
                                                labels.get(c["status_after"], "")) for c in s["changed"][:8])
        self.summary_label.setText(tr(
            "<b>{site_id}</b>: {people} people newly covered; {villages} village(s) newly covered, {improved} "
            "village(s) improve. Overlap with existing sites: {overlap} %. Cost: {cost}.").format(
            site_id=s["site_id"], people=fmt.integer(s["people_newly_covered"], ui_lang()),
            villages=s["villages_newly_covered"], improved=s["villages_improved"],
            overlap=fmt.decimal(100.0 * s["overlap_share"], ui_lang(), 0), cost=cost)
            + (f"<br>{names}" if names else ""))
        self.status_label.setText(tr("Preview ready in {seconds} s.").format(
            seconds=fmt.decimal(s["elapsed_s"], ui_lang(), 2)))  # "0,12 detik" in Indonesian, not "0.12"

    # preview layers -----------------------------------------------------------------------------------------
    def _group(self):
        root = QgsProject.instance().layerTreeRoot()
        name = tr("What-if previews")
        group = root.findGroup(name)
        return group if group is not None else root.insertGroup(0, name)

    def _show_layers(self, sid, path, res):
        project = QgsProject.instance()
        old = self._preview_layers.pop(sid, None)
        if old and project.mapLayer(old) is not None:
            project.removeMapLayer(old)
        raster = QgsRasterLayer(path, tr("Coverage preview {site_id}").format(site_id=sid), "gdal")
        if raster.isValid():
            style_preview_raster(raster, res.threshold_dbm)
            project.addMapLayer(raster, False)
            self._group().addLayer(raster)
            self._preview_layers[sid] = raster.id()
        self._update_affected(sid, res)

    def preview_layer(self, sid):
        lid = self._preview_layers.get(str(sid))
        return QgsProject.instance().mapLayer(lid) if lid else None

    def affected_layer(self):
        return QgsProject.instance().mapLayer(self._affected_id) if self._affected_id else None

    def _update_affected(self, sid, res):
        layer = self.affected_layer()
        points = not any(v.wkb and v.office is None for v in self._villages_by_id.values())
        gtype = "Point" if points else "MultiPolygon"
        if layer is None or (layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry) != points:
            if layer is not None:
                QgsProject.instance().removeMapLayer(layer.id())
            crs = self._dem_crs.authid() or "EPSG:32750"
            layer = QgsVectorLayer(f"{gtype}?crs={crs}", tr("Affected villages"), "memory")
            layer.dataProvider().addAttributes([QgsField(n, t) for n, t in AFFECTED_FIELDS])
            layer.updateFields()
            style_affected_villages(layer)
            QgsProject.instance().addMapLayer(layer, False)
            self._group().insertLayer(0, layer)
            self._affected_id = layer.id()
        prov = layer.dataProvider()
        old = [f.id() for f in layer.getFeatures() if f["site_id"] == sid]
        if old:
            prov.deleteFeatures(old)
        feats = []
        for c in res.changed:
            v = self._villages_by_id.get(c.id)
            if v is None:
                continue
            if points:
                x, y = v.office if v.office else (None, None)
                if x is None:
                    g = QgsGeometry()
                    g.fromWkb(v.wkb)
                    geom = g.centroid()
                else:
                    from qgis.core import QgsPointXY

                    geom = QgsGeometry.fromPointXY(QgsPointXY(x, y))
            else:
                geom = QgsGeometry()
                geom.fromWkb(v.wkb)
                geom.convertToMultiType()
            f = QgsFeature(layer.fields())
            f.setGeometry(geom)
            f.setAttributes([sid, c.code, c.name, c.status_before, c.status_after, c.share_before, c.share_after,
                             c.pop_gain])
            feats.append(f)
        prov.addFeatures(feats)
        layer.updateExtents()
        layer.triggerRepaint()

    def _drop_site(self, sid):
        self._cancel(self._tasks.pop(sid, None))
        self._gen[sid] = self._gen.get(sid, 0) + 1
        if self.engine is not None:
            self.engine.forget(sid)
        lid = self._preview_layers.pop(sid, None)
        if lid and QgsProject.instance().mapLayer(lid) is not None:
            QgsProject.instance().removeMapLayer(lid)
        layer = self.affected_layer()
        if layer is not None:
            ids = [f.id() for f in layer.getFeatures() if f["site_id"] == sid]
            if ids:
                layer.dataProvider().deleteFeatures(ids)
                layer.triggerRepaint()

    # keep / discard ----------------------------------------------------------------------------------------
    def keep(self):
        """Save the layer's edits (QGIS commits a layer's whole edit buffer, this site included)."""
        layer = self.sites_layer()
        if layer is None:
            return False
        if not layer.isEditable() or not layer.isModified():
            self.status_label.setText(tr("Nothing to save."))
            return True
        if not layer.commitChanges(False):
            text = tr("Saving the planned sites failed: {errors}").format(errors="; ".join(layer.commitErrors()))
            self.status_label.setText(text)
            notify(self.iface, text, Qgis.MessageLevel.Critical)
            return False
        self.status_label.setText(tr("Planned sites saved."))
        notify(self.iface, tr("Planned sites saved."), Qgis.MessageLevel.Success, 3)
        return True

    def discard(self):
        """Remove the current site within the edit buffer (undoable), with its preview."""
        layer = self.sites_layer()
        fid = self.current_fid
        if layer is None or fid is None:
            return False
        if not layer.isEditable() and not layer.startEditing():
            return False
        sid = self._fid_site.get(fid)
        layer.beginEditCommand(tr("Discard site"))
        ok = layer.deleteFeature(fid)
        if ok:
            layer.endEditCommand()
        else:
            layer.destroyEditCommand()
        if sid:
            self._drop_site(sid)
        self.current_fid = None
        self.summary_label.setText(tr("Site discarded."))
        self._update_buttons()
        return ok

    # cleanup -----------------------------------------------------------------------------------------------
    def cleanup(self):
        self._closed = True
        try:
            self.workflow.published.disconnect(self._result_published)
        except (TypeError, RuntimeError):
            pass
        for task in list(self._alive):
            self._cancel(task)
        project = QgsProject.instance()
        for lid in list(self._preview_layers.values()) + ([self._affected_id] if self._affected_id else []):
            if project.mapLayer(lid) is not None:
                project.removeMapLayer(lid)
        self._preview_layers.clear()
        self._affected_id = None
        canvas = self._canvas()
        if canvas is not None and self.tool is not None and canvas.mapTool() is self.tool:
            canvas.unsetMapTool(self.tool)
        data_page = getattr(self.dock, "data_page", None)
        if data_page is not None and hasattr(data_page, "dem_combo"):
            disconnect(data_page.dem_combo, "layerChanged", self._data_dem_changed)
        self._sites_layer_changed(None)
        shutil.rmtree(self.tmpdir, ignore_errors=True)
