"""Issue 19 items 4-5 on the real dock: each page's results become the next page's inputs (one layer group per
run, the superseded one hidden), sliders without data disabled with the reason, and the symbology (no-signal land in
blank-spot red, grey hillshade DEM, one colour per funding source in the dock chart and the printed chart)."""
from __future__ import annotations

import pytest
from qgis.core import QgsField, QgsHillshadeRenderer, QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtGui import QColor, QImage

from kaltim_internet_plugin.compat import FieldType
from tests.rasters import write_geotiff

from .test_coverage_page import coverage_page, layers  # noqa: F401 (the fixture)

GROUP_PREFIX = "Internet Desa Kaltim — "


def run_group_of(layer):
    node = QgsProject.instance().layerTreeRoot().findLayer(layer.id())
    assert node is not None
    return node.parent()


def compute(page, qtbot):
    with qtbot.waitSignal(page.coverageFinished, timeout=60000) as blocker:
        page.compute_button.click()
    res = blocker.args[0]
    assert res["ok"], res
    return res, QgsProject.instance().mapLayer(res["layer_id"])


def test_coverage_then_classify_hand_their_results_on(plugin, layers, qtbot):  # noqa: F811
    page = coverage_page(plugin, layers)
    page.radius_spin.setValue(4000)
    priority = plugin.dock.pages["priority"]
    whatif = plugin.dock.whatif_panel
    # the Data page's villages carry no coverage status yet: the Blank spot slider says why it is off
    assert priority.village_combo.currentLayer() is layers["villages"]
    assert not priority.sliders["blank_spot"].isEnabled()
    assert "Classify villages" in priority.sliders["blank_spot"].toolTip()
    assert priority.sliders["population"].isEnabled()

    _res, coverage = compute(page, qtbot)
    assert whatif.coverage_combo.currentLayer() is coverage
    assert whatif.dem_combo.currentLayer() is layers["dem"]
    # the optimise / candidate steps get the raster and the DEM it was computed on
    assert priority._coverage_inputs() == (coverage, layers["dem"])
    group = run_group_of(coverage)
    assert group.name().startswith(GROUP_PREFIX + "Coverage") and group.isVisible()

    if not page.classify_available():
        pytest.skip("classifyvillages not registered")
    with qtbot.waitSignal(page.classifyFinished, timeout=60000) as blocker:
        page.classify_button.click()
    out = blocker.args[0]
    assert out["ok"], out
    classified = QgsProject.instance().mapLayer(out["layer_id"])
    assert whatif.villages_combo.currentLayer() is classified
    assert priority.village_layer() is classified
    assert priority.sliders["blank_spot"].isEnabled()
    assert run_group_of(classified).name().startswith(GROUP_PREFIX)
    assert run_group_of(classified) is not group
    # still changeable: the user's choice wins over the hand-on
    priority.village_combo.setLayer(layers["villages"])
    assert priority.village_layer() is layers["villages"] and not priority.sliders["blank_spot"].isEnabled()


def test_a_second_run_hides_the_first_group(plugin, layers, qtbot):  # noqa: F811
    page = coverage_page(plugin, layers)
    page.radius_spin.setValue(3000)
    _r1, first = compute(page, qtbot)
    _r2, second = compute(page, qtbot)
    g1, g2 = run_group_of(first), run_group_of(second)
    assert g1 is not g2
    assert not g1.itemVisibilityChecked() and g2.itemVisibilityChecked()
    assert QgsProject.instance().mapLayer(first.id()) is first  # hidden, not deleted
    root = QgsProject.instance().layerTreeRoot()
    assert root.children().index(g2) < root.children().index(g1)  # the newest on top
    assert plugin.dock.whatif_panel.coverage_combo.currentLayer() is second


def _coverage_raster(path, values):
    return QgsRasterLayer(write_geotiff(path, [values], (500000.0, 100.0, 0, 9900000.0, 0, -100.0),
                                        metadata={"KALTIM_COVERAGE_KIND": "dbm"}), "cov", "gdal")


def test_no_signal_land_is_drawn_as_blank_spot(tmp_path):
    from kaltim_internet_plugin.io.styles import BLANK_SPOT_COLOR
    from kaltim_internet_plugin.io.styles_coverage import style_coverage

    layer = _coverage_raster(tmp_path / "cov.tif", [-9999.0, -118.0, -70.0])
    assert layer.isValid()
    style_coverage(layer, "dbm", -110.0, 3)
    block = layer.renderer().block(1, layer.extent(), 3, 1)
    no_signal, weak, strong = (QColor.fromRgba(block.color(0, c)) for c in range(3))
    assert no_signal.alpha() > 0, "beyond every site's radius must not be transparent"
    blank = QColor(BLANK_SPOT_COLOR)

    def unpremultiplied(c):  # the block holds premultiplied ARGB (the layer is 70 % opaque)
        return tuple(round(v * 255 / c.alpha()) for v in (c.red(), c.green(), c.blue()))

    expected = (blank.red(), blank.green(), blank.blue())
    assert unpremultiplied(no_signal) == pytest.approx(expected, abs=2)
    assert unpremultiplied(weak) == pytest.approx(expected, abs=2)  # below the threshold: a blank spot too
    r, g, _b = unpremultiplied(strong)
    assert g > r  # a strong signal is green


def test_dem_is_a_grey_hillshade_and_status_layers_are_see_through(plugin):
    from kaltim_internet_plugin.io import sample
    from kaltim_internet_plugin.io.styles import style_status

    loaded = dict(sample.sample_layers())
    assert isinstance(loaded["dem"].renderer(), QgsHillshadeRenderer)

    vl = QgsVectorLayer("Polygon?crs=EPSG:32750", "st", "memory")
    vl.dataProvider().addAttributes([QgsField("status", FieldType.String)])
    vl.updateFields()
    style_status(vl)
    assert 0.0 < vl.opacity() < 1.0


SOURCES = ("bakti_uso", "operator", "dana_desa", "apbd_kab", "apbd_prov", "prog_internet_desa", "unfunded",
           "csr_bankaltimtara")  # the last: a user's own source


def _dock_chart_colors(plugin):
    page = plugin.dock.pages["plan"]
    layer = QgsVectorLayer("None", "roadmap_year_source", "memory")
    layer.dataProvider().addAttributes([QgsField("year", FieldType.Int), QgsField("source", FieldType.String),
                                        QgsField("label", FieldType.String), QgsField("total_idr", FieldType.Double),
                                        QgsField("villages_connected", FieldType.Int),
                                        QgsField("people_connected", FieldType.Int)])
    layer.updateFields()
    from qgis.core import QgsFeature

    feats = []
    for i, src in enumerate(SOURCES):
        f = QgsFeature(layer.fields())
        f.setAttributes([2026, src, "", 1e9 * (i + 1), 1, 10])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    QgsProject.instance().addMapLayer(layer)
    page.layer_ids["roadmap_year_source"] = layer.id()
    page._years = [2026]
    page.update_charts()
    names = [n for n, _v in page.budget_chart.series()]
    assert len(names) == len(SOURCES)
    return dict(zip(SOURCES, page.budget_chart.colors()))


def _report_chart_color(tmp_path, source):
    """The colour the printed chart gives ``source``: its PNG rendered the way export_plan does (Indonesian labels),
    sampled inside the bar."""
    from kaltim_internet_plugin.labels import label
    from kaltim_internet_plugin.report.charts import bar_chart_png

    w, h = 800, 400
    path = tmp_path / f"{source}.png"
    bar_chart_png(str(path), "t", ["2026"], [(label("funding_source", source, "id"), [1e9])], "miliar Rp",
                  str, width_px=w, height_px=h)
    fs = h / 40.0
    left, right, bottom = fs * 9, fs * 2, fs * 3.5 + fs * 2.2
    x = int(left + (w - left - right) / 2)
    y = int(h - bottom - 10)
    return QColor(QImage(str(path)).pixel(x, y)).name()


def test_one_colour_per_funding_source_in_dock_and_report(plugin, tmp_path):
    dock = _dock_chart_colors(plugin)
    report = {s: _report_chart_color(tmp_path, s) for s in SOURCES}
    assert dock == report
    known = [dock[s] for s in SOURCES if s != "csr_bankaltimtara"]
    assert len(set(known)) == len(known)  # every source of the sample its own colour


def test_optimise_after_coverage_uses_its_dem_and_raster(plugin, layers, qtbot):  # noqa: F811
    """The optimise map must agree with Coverage: a village the coverage raster covers is 'existing', not 'none'
    (before, the page passed no DEM and tested existing towers with a 5 km circle)."""
    page = coverage_page(plugin, layers)
    page.radius_spin.setValue(4000)
    _res, coverage = compute(page, qtbot)
    if not page.classify_available():
        pytest.skip("classifyvillages not registered")
    with qtbot.waitSignal(page.classifyFinished, timeout=60000) as blocker:
        page.classify_button.click()
    classified = QgsProject.instance().mapLayer(blocker.args[0]["layer_id"])
    covered = {f["kode"] for f in classified.getFeatures() if f["status"] == "covered"}
    priority = plugin.dock.pages["priority"]
    sent = {}
    real_start = priority._start

    def spy(alg_id, params, on_done, description):
        sent[alg_id] = dict(params)
        return real_start(alg_id, params, on_done, description)

    priority._start = spy
    priority.radius_spin.setValue(500)  # the straight-distance circle alone would cover (almost) nothing
    priority.village_combo.setLayer(layers["villages"])  # no status field: 'existing' must come from the raster
    with qtbot.waitSignal(priority.taskFinished, timeout=120000,
                          check_params_cb=lambda a, ok, r: a == "optimizesites") as blocker:
        priority.optimise_sites()
    alg, ok, results = blocker.args
    assert ok, results
    opt = sent["kaltiminternet:optimizesites"]
    assert opt["DEM"] == layers["dem"].id() and opt["COVERAGE"] == coverage.id()
    assert sent["kaltiminternet:candidates"]["DEM"] == layers["dem"].id()
    villages = QgsProject.instance().mapLayersByName("Villages by coverage")[-1]
    by = {f["kode"]: f["covered_by"] for f in villages.getFeatures()}
    assert covered, "the fixture's coverage covers at least one village"
    assert all(by[k] == "existing" for k in covered), (covered, by)


def test_the_sea_is_not_a_blank_spot(tmp_path, layers):  # noqa: F811
    """Above the coverage, the sea (DEM <= 0 m) is drawn sea blue and the land left see-through; a DEM without
    sea gets no such layer."""
    from kaltim_internet_plugin.io.styles_coverage import SEA_COLOR, sea_mask_layer

    dem = _coverage_raster(tmp_path / "coast.tif", [0.0, -2.0, 35.0])
    mask = sea_mask_layer(dem, "Sea")
    assert mask is not None and mask.source() == dem.source()
    block = mask.renderer().block(1, mask.extent(), 3, 1)
    sea, deep, land = (QColor.fromRgba(block.color(0, c)) for c in range(3))
    assert sea.name() == deep.name() == SEA_COLOR and sea.alpha() == 255
    assert land.alpha() == 0
    assert sea_mask_layer(layers["dem"], "Sea") is None  # the fixture's DEM is all land (>= 30 m)
