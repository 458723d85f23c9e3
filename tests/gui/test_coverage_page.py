"""Coverage page with qtbot: parameters, coverage as a task, classification, and the 'Signal at point' probe."""
from __future__ import annotations

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPalettedRasterRenderer,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsSingleBandPseudoColorRenderer,
    QgsVectorLayer,
)
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt
from qgis.PyQt.QtWidgets import QVBoxLayout

from kaltim_internet_plugin.compat import FieldType
from tests.rasters import gaussian_hills, write_geotiff

X0, Y0, CELL, N = 500000.0, 9950000.0, 90.0, 120
SITES = [("S1", 30, 40, 30.0, "Telkomsel"), ("S2", 90, 80, 35.0, "XL"), ("S3", 60, 100, 25.0, "Indosat")]


def utm_xy(col, row):
    return X0 + (col + 0.5) * CELL, Y0 - (row + 0.5) * CELL


@pytest.fixture()
def layers(tmp_path):
    z = gaussian_hills(N, 5, 30.0, 10, (5, 15), (30, 200))
    path = write_geotiff(tmp_path / "dem.tif", z, (X0, CELL, 0, Y0, 0, -CELL))
    dem = QgsRasterLayer(path, "dem", "gdal")
    # sites in EPSG:4326 (another CRS than the DEM)
    sites = QgsVectorLayer("Point?crs=EPSG:4326", "towers", "memory")
    prov = sites.dataProvider()
    prov.addAttributes([QgsField("site_id", FieldType.String), QgsField("operator", FieldType.String),
                        QgsField("tech", FieldType.String), QgsField("height_m", FieldType.Double)])
    sites.updateFields()
    to_geo = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:32750"),
                                    QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    feats = []
    for sid, c, r, h, op in SITES:
        f = QgsFeature(sites.fields())
        f.setGeometry(QgsGeometry.fromPointXY(to_geo.transform(QgsPointXY(*utm_xy(c, r)))))
        f.setAttributes([sid, op, "4G", h])
        feats.append(f)
    prov.addFeatures(feats)
    sites.updateExtents()
    # four square villages
    villages = QgsVectorLayer("Polygon?crs=EPSG:32750", "villages", "memory")
    vp = villages.dataProvider()
    vp.addAttributes([QgsField("kode", FieldType.String), QgsField("nama", FieldType.String),
                      QgsField("population", FieldType.Int)])
    villages.updateFields()
    vf = []
    for i, (c, r) in enumerate([(20, 20), (80, 70), (50, 95), (5, 110)]):
        x, y = utm_xy(c, r)
        f = QgsFeature(villages.fields())
        f.setGeometry(QgsGeometry.fromRect(QgsRectangle(x, y - 900, x + 900, y)))
        f.setAttributes([f"64.01.01.200{i + 1}", f"Desa {i + 1}", 500 + 100 * i])
        vf.append(f)
    vp.addFeatures(vf)
    villages.updateExtents()
    QgsProject.instance().addMapLayers([dem, sites, villages])
    return {"dem": dem, "sites": sites, "villages": villages}


def coverage_page(plugin, layers):
    data = plugin.dock.data_page
    data.village_combo.setLayer(layers["villages"])
    data.site_combo.setLayer(layers["sites"])
    data.dem_combo.setLayer(layers["dem"])
    return plugin.dock.pages["coverage"]


def test_page_is_discovered_and_follows_the_data_page(plugin, layers):
    from kaltim_internet_plugin.gui.page_coverage import CoveragePage

    page = coverage_page(plugin, layers)
    assert isinstance(page, CoveragePage)
    assert page.site_layer() is layers["sites"] and page.dem_layer() is layers["dem"]
    # the what-if panel has its own page (issue 19: the Coverage page must fit a laptop screen)
    assert not hasattr(page, "whatif_area") and isinstance(plugin.dock.pages["whatif"].whatif_area, QVBoxLayout)
    for w in (page.model_combo, page.rx_spin, page.threshold_spin, page.radius_spin, page.k_spin,
              page.resolution_combo, page.loss_spin, page.quantity_combo, page.compute_button):
        assert w.toolTip()
    p = page.parameters()
    # the dock's defaults are the demo's and the algorithm's (core.coverage_settings.DEFAULTS): 15 dB foliage
    assert p == {"MODEL": 1, "RX_HEIGHT": 1.5, "THRESHOLD_DBM": -110.0, "MAX_RADIUS_M": 30000.0,
                 "K_FACTOR": pytest.approx(1.3333), "RESOLUTION": 1, "EXTRA_LOSS_DB": 15.0, "QUANTITY": 1}
    alg = QgsApplication.processingRegistry().algorithmById("kaltiminternet:coverage")
    for key in ("MODEL", "RX_HEIGHT", "THRESHOLD_DBM", "MAX_RADIUS_M", "RESOLUTION", "EXTRA_LOSS_DB", "QUANTITY"):
        assert alg.parameterDefinition(key).defaultValue() == pytest.approx(p[key]), key
    assert page.resolution_combo.currentData() == "fast"  # the default, as in the Processing algorithm


def test_classify_button_disabled_without_the_algorithm(plugin, layers, monkeypatch):
    from kaltim_internet_plugin.gui.page_coverage import CoveragePage

    page = coverage_page(plugin, layers)
    monkeypatch.setattr(CoveragePage, "classify_available", staticmethod(lambda: False))
    page._update_classify_button()
    assert not page.classify_button.isEnabled() and "not available" in page.classify_button.toolTip().lower()


def test_compute_coverage_then_classify(plugin, layers, qtbot):
    page = coverage_page(plugin, layers)
    page.radius_spin.setValue(4000)
    page.rx_spin.setValue(2.0)
    page.threshold_spin.setValue(-105)
    page.resolution_combo.setCurrentIndex(page.resolution_combo.findData("fine"))
    page.server_check.setChecked(True)
    assert page.parameters()["MAX_RADIUS_M"] == 4000 and page.parameters()["RESOLUTION"] == 2
    with qtbot.waitSignal(page.coverageFinished, timeout=60000) as blocker:
        page.compute_button.click()
        assert not page.compute_button.isEnabled() and page.cancel_button.isEnabled()
    res = blocker.args[0]
    assert res["ok"] and res["SITES_COMPUTED"] == 3 and res["SITES_SKIPPED"] == 0
    layer = QgsProject.instance().mapLayer(res["layer_id"])
    assert isinstance(layer, QgsRasterLayer) and layer.isValid()
    assert isinstance(layer.renderer(), QgsSingleBandPseudoColorRenderer)
    labels = [i.label for i in layer.renderer().shader().rasterShaderFunction().colorRampItemList()]
    assert any("-105" in label for label in labels)
    assert layer.width() == N and layer.height() == N
    srv = QgsProject.instance().mapLayer(res["server_layer_id"])
    assert isinstance(srv.renderer(), QgsPalettedRasterRenderer)
    assert {c.label for c in srv.renderer().classes()} <= {"S1", "S2", "S3"}
    assert page.coverage_combo.currentLayer() is layer
    assert page.compute_button.isEnabled() and not page.cancel_button.isEnabled()
    assert page.progress.value() == 100

    if not page.classify_available():
        pytest.skip("classifyvillages not registered")
    with qtbot.waitSignal(page.classifyFinished, timeout=60000) as blocker:
        page.classify_button.click()
    out = blocker.args[0]
    assert out["ok"], out
    vl = QgsProject.instance().mapLayer(out["layer_id"])
    assert vl.featureCount() == 4 and "status" in vl.fields().names()
    assert isinstance(vl.renderer(), QgsCategorizedSymbolRenderer)
    assert out["COVERED"] + out["PARTIAL"] + out["BLANK_SPOT"] == 4
    assert QgsApplication.taskManager().countActiveTasks() == 0


def test_land_outside_the_villages_is_not_a_blank_spot(plugin, layers, qtbot):
    """Above the coverage, a copy of the village polygons drawn inverted washes out the land outside the planning
    area (neighbouring provinces): rendered, a cell far from every village is mask grey, not no-signal red; a cell
    inside a village shows the coverage. The user's village layer keeps its own renderer."""
    from qgis.core import QgsInvertedPolygonRenderer, QgsMapRendererParallelJob, QgsMapSettings
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    from kaltim_internet_plugin.io.styles_coverage import OUTSIDE_COLOR

    page = coverage_page(plugin, layers)
    page.radius_spin.setValue(2000)
    own_renderer = layers["villages"].renderer().type()
    with qtbot.waitSignal(page.coverageFinished, timeout=60000) as blocker:
        page.compute_coverage()
    res = blocker.args[0]
    assert res["ok"], res
    mask = QgsProject.instance().mapLayer(res["outside_layer_id"])
    assert isinstance(mask.renderer(), QgsInvertedPolygonRenderer)
    assert mask.featureCount() == layers["villages"].featureCount() == 4
    assert layers["villages"].renderer().type() == own_renderer
    group = QgsProject.instance().layerTreeRoot().findLayer(res["layer_id"]).parent()
    order = [n.layerId() for n in group.findLayers()]
    assert order.index(mask.id()) < order.index(res["layer_id"])  # drawn above the coverage

    coverage = QgsProject.instance().mapLayer(res["layer_id"])
    settings = QgsMapSettings()
    settings.setLayers([mask, coverage])
    settings.setDestinationCrs(coverage.crs())
    settings.setExtent(coverage.extent())
    settings.setOutputSize(QSize(N, N))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    far = QColor(image.pixel(115, 5))  # column 115, row 5: no village there
    inside = QColor(image.pixel(25, 25))  # inside village 1 (columns and rows 20.5-30.5)
    assert far.name() == OUTSIDE_COLOR, far.name()
    assert inside.name() != OUTSIDE_COLOR


def test_land_cover_through_the_page(plugin, layers, qtbot, tmp_path):
    """A land cover chosen on the page reaches the coverage: the raster records it, and tree cover at a 1.5 m
    receiver loses more than the flat margin set on the page (P.452: about 19.5 dB vs 5 dB)."""
    from kaltim_internet_plugin.core.coverage_settings import CoverageSettings

    page = coverage_page(plugin, layers)
    page.radius_spin.setValue(3000)
    page.rx_spin.setValue(1.5)
    page.loss_spin.setValue(5.0)
    path = write_geotiff(tmp_path / "trees.tif", np.full((N, N), 10, np.uint8),  # ESA WorldCover 10 = tree cover
                         (X0, CELL, 0, Y0, 0, -CELL), nodata=None, dtype=gdal.GDT_Byte)
    trees = QgsRasterLayer(path, "trees", "gdal")
    QgsProject.instance().addMapLayer(trees)
    results = {}
    for name, landcover in (("flat", None), ("trees", trees)):
        page.landcover_combo.setLayer(landcover)
        with qtbot.waitSignal(page.coverageFinished, timeout=60000) as blocker:
            page.compute_coverage()
        assert blocker.args[0]["ok"], blocker.args[0]
        results[name] = blocker.args[0]["OUTPUT"]
    settings = CoverageSettings.read_raster(results["trees"])
    assert settings.uses_land_cover and settings.land_cover_path.endswith("trees.tif")
    assert not CoverageSettings.read_raster(results["flat"]).uses_land_cover
    flat = gdal.Open(results["flat"]).ReadAsArray().astype(float)
    tree = gdal.Open(results["trees"]).ReadAsArray().astype(float)
    both = (flat > -9000) & (tree > -9000)
    assert both.sum() > 100
    diff = flat[both] - tree[both]
    assert 12.0 < float(np.median(diff)) < 16.0, float(np.median(diff))  # 19.5 dB of trees - the 5 dB margin


def test_itm_second_opinion_through_the_page(plugin, layers, qtbot):
    """The dock offers Longley-Rice ITM; a run with it writes a dBm raster that records the model."""
    from kaltim_internet_plugin.core.coverage_settings import CoverageSettings

    page = coverage_page(plugin, layers)
    index = page.model_combo.findData("itm")
    assert index >= 0 and "ITM" in page.model_combo.itemText(index)
    page.model_combo.setCurrentIndex(index)
    page.radius_spin.setValue(1500)
    with qtbot.waitSignal(page.coverageFinished, timeout=120000) as blocker:
        page.compute_coverage()
    res = blocker.args[0]
    assert res["ok"] and res["kind"] == "dbm", res
    assert CoverageSettings.read_raster(res["OUTPUT"]).model == "itm"


def test_a_long_itm_run_asks_first(plugin, layers, qtbot, monkeypatch):
    """ITM is pure Python (about 10 s a 30 km site): before a run estimated over five minutes the page says how long
    and asks; 'No' starts nothing, 'Yes' runs it. A short run does not ask."""
    from qgis.PyQt.QtWidgets import QMessageBox

    page = coverage_page(plugin, layers)
    page.model_combo.setCurrentIndex(page.model_combo.findData("itm"))
    page.radius_spin.setValue(30000)
    sites, dem = page.site_layer(), page.dem_layer()
    long_run = page.itm_estimate(sites, dem)[1]
    page.radius_spin.setValue(1500)
    assert page.itm_estimate(sites, dem)[1] < long_run / 50  # ~ the square of the radius
    asked = []

    def answer(reply):
        def question(parent, title, text, *args):
            asked.append(text)
            return reply
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    monkeypatch.setattr(page, "ITM_ASK_S", 0.0)  # this small layer's run counts as long
    assert page.compute_coverage() is None and not page.runner.running
    assert len(asked) == 1 and "minutes" in asked[0] and sites.name() in asked[0]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(page.coverageFinished, timeout=120000) as blocker:
        page.compute_coverage()
    assert len(asked) == 2 and blocker.args[0]["ok"]
    monkeypatch.setattr(page, "ITM_ASK_S", 300.0)  # a short run: no question
    with qtbot.waitSignal(page.coverageFinished, timeout=120000):
        page.compute_coverage()
    assert len(asked) == 2


def test_los_model_through_the_page(plugin, layers, qtbot):
    page = coverage_page(plugin, layers)
    page.model_combo.setCurrentIndex(0)
    page.radius_spin.setValue(3000)
    with qtbot.waitSignal(page.coverageFinished, timeout=60000) as blocker:
        page.compute_coverage()
    res = blocker.args[0]
    assert res["ok"] and res["kind"] == "los"
    layer = QgsProject.instance().mapLayer(res["layer_id"])
    items = layer.renderer().shader().rasterShaderFunction().colorRampItemList()
    assert items[0].value == 0 and "0" in items[0].label


def test_compute_without_layers_warns(plugin, qgis_iface):
    page = plugin.dock.pages["coverage"]
    page.site_combo.setLayer(None)
    assert page.compute_coverage() is None
    from qgis.core import Qgis

    assert any("site layer" in m for m in qgis_iface.messageBar().get_messages(Qgis.Warning))


def _click(page, canvas, point: QgsPointXY):
    event = QgsMapMouseEvent(canvas, QEvent.MouseButtonRelease, QPoint(10, 10), Qt.LeftButton, Qt.LeftButton,
                             Qt.NoModifier)
    event.setMapPoint(point)
    page.probe_tool.canvasReleaseEvent(event)


def test_signal_probe_tool(plugin, layers, qtbot, qgis_iface):
    page = coverage_page(plugin, layers)
    page.radius_spin.setValue(6000)
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:32750"))
    canvas.setExtent(layers["dem"].extent())
    page.probe_action.trigger()
    assert canvas.mapTool() is page.probe_tool
    # a point 1 km east of S1: S1 is the strongest site
    x, y = utm_xy(30, 40)
    with qtbot.waitSignal(page.probeFinished, timeout=30000) as blocker:
        _click(page, canvas, QgsPointXY(x + 1000, y))
    res = blocker.args[0]
    assert res["ok"], res
    assert page.probe_table.rowCount() >= 1
    assert page.probe_table.item(0, 0).text() == "S1" and page.probe_table.item(0, 1).text() == "Telkomsel"
    assert float(page.probe_table.item(0, 2).text()) == pytest.approx(1.0, abs=0.1)
    dbm = [float(page.probe_table.item(r, 3).text()) for r in range(page.probe_table.rowCount())]
    assert dbm == sorted(dbm, reverse=True)
    assert page.profile_chart.has_data()
    prof = page.profile_chart.profile()
    assert prof["site_id"] == "S1" and len(prof["distances"]) > 5 and "fresnel_r" in prof
    page.profile_chart.resize(400, 260)
    assert not page.profile_chart.grab().isNull()  # paints without error
    assert "S1" in page.probe_label.text()
    # the second opinion (Longley-Rice ITM): a column, the label with the difference, both curves in the chart
    assert page.probe_table.columnCount() == 5 and page.probe_table.horizontalHeaderItem(4).text() == "ITM"
    best = res["signals"][0]
    assert float(page.probe_table.item(0, 4).text()) == pytest.approx(best["itm_dbm"], abs=0.05)
    label = page.probe_label.text()
    from kaltim_internet_plugin.gui.signal_probe_tool import signed

    assert "Longley-Rice ITM" in label and f"{signed(best['model_diff_db'], 'en')} dB from P.526" in label
    assert "-0.0 dB" not in label
    assert "ITM" in page.profile_chart.title
    assert f"(difference {signed(best['model_diff_db'], 'en')} dB)" in page.profile_chart.title
    assert page.profile_chart.has_signal() and page.profile_chart.threshold == page.threshold_spin.value()
    series = page.profile_chart.signal_series()
    assert series["p526"][-1] == pytest.approx(best["dbm"], abs=0.05)
    assert series["itm"][-1] == pytest.approx(best["itm_dbm"], abs=1e-6)
    assert sum(v == v for v in series["itm"]) >= min(len(series["itm"]) - 2, 100)
    assert {"Signal, P.526", "Signal, Longley-Rice ITM"} <= set(page.profile_chart.legend_labels())
    page.profile_chart.resize(420, 360)
    assert not page.profile_chart.grab().isNull()
    # outside the DEM: a clear message, no rows
    with qtbot.waitSignal(page.probeFinished, timeout=30000) as blocker:
        _click(page, canvas, QgsPointXY(X0 - 5000, Y0 + 5000))
    assert not blocker.args[0]["ok"] and "outside the DEM" in page.probe_label.text()
    assert page.probe_table.rowCount() == 0 and not page.profile_chart.has_data()
    page.probe_action.trigger()
    assert canvas.mapTool() is not page.probe_tool


def test_cancel_through_the_page(plugin, layers, qtbot):
    page = coverage_page(plugin, layers)
    page.radius_spin.setValue(30000)
    with qtbot.waitSignal(page.coverageFinished, timeout=60000) as blocker:
        task = page.compute_coverage()
        assert task is not None
        page.cancel_button.click()
    res = blocker.args[0]
    assert not res["ok"] and res["canceled"]
    assert "canceled" in page.status_label.text().lower()
    assert page.compute_button.isEnabled() and not page.cancel_button.isEnabled()
    assert not [lyr for lyr in QgsProject.instance().mapLayers().values() if lyr.name().startswith("Coverage")]


def test_probe_on_a_degree_dem(layers, tmp_path):
    """compute_probe reprojects a DEM in degrees (once) and transforms the sites and the point with it."""
    from kaltim_internet_plugin.gui.signal_probe_tool import compute_probe
    from kaltim_internet_plugin.processing.alg_coverage import sites_from_features

    deg = str(tmp_path / "dem_4326.tif")
    gdal.Warp(deg, layers["dem"].source(), dstSRS="EPSG:4326", resampleAlg="bilinear")
    sites = sites_from_features(layers["sites"].getFeatures(), layers["sites"].fields())["sites"]  # lon/lat
    to_geo = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:32750"),
                                    QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    x, y = utm_xy(30, 40)
    pt = to_geo.transform(QgsPointXY(x + 1000, y))
    res = compute_probe(deg, QgsCoordinateReferenceSystem("EPSG:4326").toWkt(), sites, pt.x(), pt.y(), 1.5, 4 / 3,
                        6000.0)
    assert res["dem"] != deg and "32750" in res["crs_wkt"]
    assert res["signals"][0]["site_id"] == "S1"
    assert res["signals"][0]["distance_m"] == pytest.approx(1000, abs=150)
    assert res["x"] == pytest.approx(x + 1000, abs=5) and res["y"] == pytest.approx(y, abs=5)


def test_a_new_click_supersedes_the_previous_one(plugin, layers, qtbot, qgis_iface):
    page = coverage_page(plugin, layers)
    page.radius_spin.setValue(6000)
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:32750"))
    seen = []
    page.probeFinished.connect(seen.append)
    x1, y1 = utm_xy(30, 40)
    x2, y2 = utm_xy(90, 80)
    with qtbot.waitSignal(page.probeFinished, timeout=30000):
        _click(page, canvas, QgsPointXY(x1 + 500, y1))
        _click(page, canvas, QgsPointXY(x2 + 500, y2))
    qtbot.wait(300)
    assert len(seen) == 1 and seen[0]["ok"]
    assert seen[0]["x"] == pytest.approx(x2 + 500) and seen[0]["signals"][0]["site_id"] == "S2"
    assert page.probe_table.item(0, 0).text() == "S2"


def test_the_first_run_of_the_session_says_the_kernels_are_being_prepared(plugin, layers, qtbot, monkeypatch):
    """Session 37: the first coverage of a session showed 0 % for ~17 s while numba compiled the kernels; the page
    says so until they are ready, then the run's own text again."""
    from kaltim_internet_plugin.core import kernels
    from kaltim_internet_plugin.gui import page_coverage

    with monkeypatch.context() as m:  # (the process's own kernel state is back for the runs below)
        m.setattr(kernels, "_WORKS", [])
        m.setattr(kernels, "AVAILABLE", True)
        m.delenv("KALTIM_NUMBA", raising=False)
        assert page_coverage.kernels_pending()
        m.setattr(kernels, "_WORKS", [True])
        assert not page_coverage.kernels_pending()
        m.setenv("KALTIM_NUMBA", "0")
        m.setattr(kernels, "_WORKS", [])
        assert not page_coverage.kernels_pending()
    page = coverage_page(plugin, layers)
    page.radius_spin.setValue(4000)
    state = {"pending": True}
    monkeypatch.setattr(page_coverage, "kernels_pending", lambda: state["pending"])
    with qtbot.waitSignal(page.coverageFinished, timeout=60000) as blocker:
        page.compute_button.click()
        assert "preparing the compiled kernels (first run of the session" in page.status_label.text()
    assert blocker.args[0]["ok"]
    assert page.status_label.text().startswith("Coverage done")  # the run's result replaces it
    # while the run goes on, the text stays until the kernels are ready, then the run's own text
    page.runner.task = object()
    try:
        page._show_kernels_note()
        note = page.status_label.text()
        qtbot.wait(3 * page.KERNELS_POLL_MS)
        assert page.status_label.text() == note
        state["pending"] = False
        qtbot.waitUntil(lambda: page.status_label.text() == "Computing coverage…", timeout=5000)
    finally:
        page.runner.task = None
    # a model without the kernels (line of sight) does not say it
    page.model_combo.setCurrentIndex(page.model_combo.findData("los"))
    state["pending"] = True
    with qtbot.waitSignal(page.coverageFinished, timeout=60000):
        page.compute_button.click()
        assert "compiled kernels" not in page.status_label.text()
