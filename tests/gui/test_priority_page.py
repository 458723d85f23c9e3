"""Priority page: live re-ranking with the sliders, the contribution chart, and the two task buttons."""
from __future__ import annotations

import pytest
from qgis.core import QgsApplication, QgsFeature, QgsField, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer

from kaltim_internet_plugin.compat import FieldType
from kaltim_internet_plugin.i18n import tr

X0, Y0 = 500000.0, 9900000.0


def village_layer():
    """Five villages; 'Besar' has by far the most people but is covered."""
    layer = QgsVectorLayer("Point?crs=EPSG:32750", "my villages", "memory")
    prov = layer.dataProvider()
    prov.addAttributes([QgsField("kode", FieldType.String), QgsField("nama", FieldType.String),
                        QgsField("population", FieldType.Int), QgsField("status", FieldType.String)])
    layer.updateFields()
    rows = [("64.01.01.2001", "Besar", 9000, "covered"), ("64.01.01.2002", "Sepi", 300, "blank_spot"),
            ("64.01.01.2003", "Tengah", 1500, "partial"), ("64.01.01.2004", "Hulu", 200, "blank_spot"),
            ("64.01.01.2005", "Hilir", 2500, "covered")]
    feats = []
    for i, values in enumerate(rows):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + 3000 * i, Y0 - 5000)))
        f.setAttributes(list(values))
        feats.append(f)
    prov.addFeatures(feats)
    layer.updateExtents()
    QgsProject.instance().addMapLayer(layer)
    return layer


def page_with(plugin, layer):
    page = plugin.dock.pages["priority"]
    page.village_combo.setLayer(layer)
    return page


def rank_of(payload, layer_fids, fid):
    return payload["ranks"][layer_fids.index(fid)]


def test_page_is_discovered(plugin):
    from kaltim_internet_plugin.gui.page_priority import PriorityPage

    assert isinstance(plugin.dock.pages["priority"], PriorityPage)


def test_moving_a_slider_reranks_live_without_touching_the_input(plugin, qtbot):
    layer = village_layer()
    page = page_with(plugin, layer)
    fields_before = layer.fields().names()
    with qtbot.waitSignal(page.ranked, timeout=5000) as blocker:
        page.set_weights({"blank_spot": 1.0})
    first = blocker.args[0]
    out = QgsProject.instance().mapLayer(first["layer_id"])
    assert out is not None and out.name() == tr("Village priorities") and out is not layer
    fids = first["fids"]
    besar = next(f.id() for f in out.getFeatures() if f["nama"] == "Besar")
    assert rank_of(first, fids, besar) >= 4  # covered: low priority on blank spots only
    with qtbot.waitSignal(page.ranked, timeout=5000) as blocker:
        page.sliders["blank_spot"].setValue(0)
        page.sliders["population"].setValue(100)
    second = blocker.args[0]
    assert rank_of(second, fids, besar) == 1
    # the output layer holds the new ranks; the user's layer is unchanged
    assert {f["nama"]: f["priority_rank"] for f in out.getFeatures()}["Besar"] == 1
    assert layer.fields().names() == fields_before
    assert page.preset_combo.currentData() == "custom"
    # choosing a preset re-ranks too
    with qtbot.waitSignal(page.ranked, timeout=5000) as blocker:
        page.preset_combo.setCurrentIndex(page.preset_combo.findData("efektif_biaya"))
    assert blocker.args[0]["weights"]["population"] > 0.3
    assert len(QgsProject.instance().mapLayersByName(tr("Village priorities"))) == 1


def test_chart_shows_the_selected_village_contributions(plugin, qtbot):
    layer = village_layer()
    page = page_with(plugin, layer)
    payload = page.rerank()
    out = QgsProject.instance().mapLayer(payload["layer_id"])
    target = next(f for f in out.getFeatures() if f["nama"] == "Tengah")
    out.selectByIds([target.id()])
    contrib = page.chart.contributions()
    target = out.getFeature(target.id())
    for key, value in contrib.items():
        assert value == pytest.approx(target["c_" + key], abs=1e-6)
    assert page.chart.total() == pytest.approx(target["priority_score"], abs=1e-6)
    assert "Tengah" in page.chart.title()
    # selecting in the user's layer works as well, and slider moves refresh the chart
    src = next(f for f in layer.getFeatures() if f["nama"] == "Sepi")
    out.removeSelection()
    layer.selectByIds([src.id()])
    assert "Sepi" in page.chart.title()
    page.set_weights({"population": 1.0})
    assert page.chart.contributions()["population"] == pytest.approx(page.chart.total())
    page.sliders["blank_spot"].setValue(100)
    page.sliders["population"].setValue(0)
    assert page.chart.contributions()["blank_spot"] == pytest.approx(page.chart.total())
    page.chart.grab()  # paints without error
    layer.removeSelection()
    out.removeSelection()
    assert page.chart.contributions() == {}


def test_choose_technology_and_optimise_run_as_tasks(plugin, qtbot):
    layer = village_layer()
    page = page_with(plugin, layer)
    page.set_weights({"population": 0.5, "blank_spot": 0.5})
    with qtbot.waitSignal(page.taskFinished, timeout=60000) as blocker:
        assert page.choose_technology() is not None
    alg, ok, results = blocker.args
    assert alg == "choosetech" and ok and results["COUNT_FWA"] == 2
    tech_layers = QgsProject.instance().mapLayersByName("Village technology")
    assert tech_layers
    # handed on: the villages with their technology become the Plan page's plan layer
    assert plugin.dock.pages["plan"].plan_combo.currentLayer() is tech_layers[0]
    page.budget_spin.setValue(2.6)
    page.radius_spin.setValue(2000)
    with qtbot.waitSignal(page.taskFinished, timeout=60000,
                          check_params_cb=lambda a, ok, r: a == "optimizesites") as blocker:
        page.optimise_sites()
    alg, ok, results = blocker.args
    assert ok and results["SITES_SELECTED"] == 1 and results["COST_TOTAL"] <= 2.6e9
    assert QgsProject.instance().mapLayersByName("Selected sites")
    assert QgsProject.instance().mapLayersByName("Candidate sites")
    qtbot.waitUntil(lambda: QgsApplication.taskManager().countActiveTasks() == 0, timeout=10000)
    assert page.tech_button.isEnabled() and not page.cancel_button.isEnabled()


def test_buttons_without_layer_say_so(plugin, qgis_iface):
    page = plugin.dock.pages["priority"]
    page.village_combo.setLayer(None)
    assert page.choose_technology() is None
    from qgis.core import Qgis

    assert any("village layer" in m for m in qgis_iface.messageBar().get_messages(Qgis.Warning))


def test_the_optimised_sites_reach_the_plan_and_the_export(plugin, qtbot):
    """Session 37: 'Choose technology' never got NEW_SITES and the export never PLANNED_SITES, so the dock's plan had
    no new BTS whatever the budget. Now as ``make demo``: the sites of 'Optimise sites' (shown in New BTS sites, which
    may be emptied) are planned by 'Choose technology', and the export draws them."""
    layer = village_layer()
    page = page_with(plugin, layer)
    page.set_weights({"population": 0.5, "blank_spot": 0.5})
    assert page.new_sites_combo.currentLayer() is None
    page.budget_spin.setValue(2.6)
    page.radius_spin.setValue(2000)
    with qtbot.waitSignal(page.taskFinished, timeout=60000,
                          check_params_cb=lambda a, ok, r: a == "optimizesites") as blocker:
        page.optimise_sites()
    assert blocker.args[1] and blocker.args[2]["SITES_SELECTED"] == 1
    selected = QgsProject.instance().mapLayersByName("Selected sites")[0]
    assert page.new_sites_combo.currentLayer() is selected
    assert "Choose technology" in page.status_label.text()
    qtbot.waitUntil(lambda: not page.runner.running, timeout=10000)
    params = page.new_sites_parameters(selected)
    assert params["NEW_SITES"] == selected.id()
    assert QgsProject.instance().mapLayer(params["VILLAGES"]).name() == "Villages by coverage"
    with qtbot.waitSignal(page.taskFinished, timeout=60000) as blocker:
        assert page.choose_technology() is not None
    alg, ok, results = blocker.args
    assert alg == "choosetech" and ok and results["COUNT_BTS"] >= 1, results
    plan = plugin.dock.pages["plan"].plan_combo.currentLayer()
    assert sum(1 for f in plan.getFeatures() if f["tech"] == "bts") == results["COUNT_BTS"]
    panel = plugin.dock.export_panel
    assert panel.sites_combo.currentLayer() is selected
    plugin.dock.pages["plan"].layer_ids = {"villages": plan.id()}  # (as after a roadmap: a file layer)
    assert panel.parameters()["PLANNED_SITES"] == selected.source()
    # none: no new BTS in the plan, none in the export
    page.new_sites_combo.setLayer(None)
    with qtbot.waitSignal(page.taskFinished, timeout=60000) as blocker:
        page.choose_technology()
    assert blocker.args[1] and blocker.args[2]["COUNT_BTS"] == 0
    assert panel.sites_combo.currentLayer() is None
    plugin.dock.pages["plan"].layer_ids = {"villages": plan.id()}
    assert "PLANNED_SITES" not in panel.parameters()


def test_the_priorities_layer_is_in_a_run_group_and_survives_a_project_save(plugin, qtbot, tmp_path, sample_copy):
    """Session 37: changing the preset made a memory layer "Village priorities" on top of the layer tree, outside the
    run groups the guide promises, and lost when the project was saved (it is the input of 'Choose technology')."""
    import time

    from qgis.core import QgsProcessingUtils

    from kaltim_internet_plugin.gui.workflow import RUN_TOOL_PROPERTY

    villages = QgsVectorLayer(f"{sample_copy / 'kaltim_sample.gpkg'}|layername=villages", "villages", "ogr")
    assert villages.isValid() and villages.featureCount() > 1000
    QgsProject.instance().addMapLayer(villages)
    page = page_with(plugin, villages)
    payload = page.rerank()
    out = QgsProject.instance().mapLayer(payload["layer_id"])
    assert out.providerType() == "ogr"
    path = out.source().split("|")[0]
    assert path.startswith(QgsProcessingUtils.tempFolder())
    group = QgsProject.instance().layerTreeRoot().findLayer(out.id()).parent()
    assert group.customProperty(RUN_TOOL_PROPERTY) == "priority"
    assert group.name().startswith("Internet Desa Kaltim — Village priorities ")
    # a slider move still updates it at once (the ranking is live)
    started = time.perf_counter()
    page.set_weights({"population": 1.0})
    took = time.perf_counter() - started
    ranks = {f["priority_rank"] for f in out.getFeatures()}
    assert 1 in ranks and took < 5, took
    scores = {f.id(): f["priority_score"] for f in out.getFeatures()}
    project = str(tmp_path / "p.qgz")
    assert QgsProject.instance().write(project)
    QgsProject.instance().clear()
    assert QgsProject.instance().read(project)
    back = QgsProject.instance().mapLayer(payload["layer_id"])
    assert back is not None and back.isValid()
    assert {f.id(): f["priority_score"] for f in back.getFeatures()} == scores


def test_the_summary_writes_numbers_as_the_ui_language_does(plugin, indonesian, monkeypatch):
    """Session 37: the Indonesian page printed English decimals ("Penduduk 0.17", "Naha Tifab (83.4)")."""
    from kaltim_internet_plugin import i18n
    from kaltim_internet_plugin.gui import page_priority

    monkeypatch.setattr(page_priority, "ui_lang", lambda: "id")
    monkeypatch.setattr(i18n, "user_locale", lambda: "id")
    page = page_with(plugin, village_layer())
    page.set_weights({"population": 0.25, "blank_spot": 0.75})
    text = page.summary_label.text()
    assert text.startswith("Bobot yang dipakai: ") and "0,25" in text and "0,75" in text and "0.25" not in text, text
    first = text.split("Pertama: ", 1)[1]
    assert "," in first.split("(")[1] and "." not in first.split("(")[1].rstrip("."), text
