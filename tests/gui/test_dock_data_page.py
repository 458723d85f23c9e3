"""Drive the dock with qtbot: load the sample, change the mapping (saved in the project), run validation."""
from __future__ import annotations

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer


def test_dock_has_a_page_per_working_point(plugin):
    tabs = plugin.dock.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles[0] == "Data" and len(titles) == 6
    assert list(plugin.dock.pages) == ["data", "coverage", "priority", "whatif", "plan", "monitoring"]
    assert all(tabs.tabToolTip(i) for i in range(1, len(titles)))
    assert [a.objectName() for a in plugin.actions] == [
        "KaltimInternetShowDock", "KaltimInternetLoadSample", "KaltimInternetToolbox"]


def test_load_sample_adds_a_styled_group(plugin, qtbot):
    page = plugin.dock.data_page
    page.load_sample_button.click()
    root = QgsProject.instance().layerTreeRoot()
    group = root.children()[0]
    assert "Kaltim" in group.name()
    names = [child.layer().name() for child in group.findLayers()]
    assert len(names) == 7 and any("SYNTHETIC" in n for n in names) and any("estimated" in n for n in names)
    landcover = next(n for n in group.findLayers() if "WorldCover" in n.layer().name())
    assert not landcover.isVisible()  # an input of the coverage, hidden under the relief
    assert plugin.dock.pages["coverage"].landcover_combo.currentLayer() is landcover.layer()
    villages = page.village_layer()
    assert isinstance(villages, QgsVectorLayer) and villages.featureCount() == 1038
    assert page.dem_layer() is not None and page.site_layer() is not None
    assert page.field_combos["code"].currentField() == "kode"
    assert page.field_combos["population"].currentField() == "population"
    assert "kemendagri" in page.scheme_label.text()


def test_mapping_change_is_saved_in_the_project_and_restored(plugin, qtbot, tmp_path):
    page = plugin.dock.data_page
    page.load_sample()
    page.field_combos["name"].setField("nama_kec")
    value, ok = QgsProject.instance().readEntry("KaltimInternet", "field_name", "")
    assert ok and value == "nama_kec"
    path = str(tmp_path / "p.qgz")
    assert QgsProject.instance().write(path)
    page.field_combos["name"].setField("nama")
    assert QgsProject.instance().read(path)
    assert page.field_combos["name"].currentField() == "nama_kec"
    assert page.village_layer() is not None and page.village_layer().featureCount() == 1038


def test_validation_runs_as_a_task_and_fills_the_report(plugin, qtbot):
    page = plugin.dock.data_page
    page.load_sample()
    with qtbot.waitSignal(page.validationFinished, timeout=60000) as blocker:
        task = page.validate()
        assert task is not None
    results = blocker.args[0]
    assert results["FEATURE_COUNT"] == 1038 and results["ERROR_COUNT"] == 1
    html = page.report_view.toHtml()
    assert "64.07.07.2002" in html
    assert page.open_report_button.isEnabled()
    assert QgsApplication.taskManager().countActiveTasks() == 0


def test_validate_without_layer_says_so(plugin, qgis_iface):
    page = plugin.dock.data_page
    page.village_combo.setLayer(None)
    assert page.validate() is None
    from qgis.core import Qgis
    assert any("village layer" in m for m in qgis_iface.messageBar().get_messages(Qgis.Warning))


def test_repair_adds_a_new_layer(plugin):
    page = plugin.dock.data_page
    layers = page.load_sample()
    before = {lyr.id() for lyr in QgsProject.instance().mapLayers().values()}
    new = page.repair()
    assert new is not None and new.id() not in before
    assert all(f.geometry().isGeosValid() for f in new.getFeatures())
    assert layers["villages"].isValid() and layers["villages"].featureCount() == 1038


def test_validation_busy_button_and_failure_through_the_task_runner(plugin, qtbot, qgis_iface, monkeypatch):
    """The page's run goes through gui.tasks.TaskRunner: the button is off while it runs, back on after; a failure
    is written in the panel and (by the runner) in the message bar."""
    from qgis.core import Qgis

    page = plugin.dock.data_page
    page.load_sample()
    outside = QgsVectorLayer("Polygon?crs=EPSG:4326&field=kode:string", "not in the project", "memory")
    monkeypatch.setattr(page, "village_layer", lambda: outside)  # its id resolves to nothing: the run fails
    page.validate()
    assert not page.validate_button.isEnabled() and page.runner.running
    qtbot.waitUntil(lambda: not page.runner.running, timeout=60000)
    assert page.validate_button.isEnabled()
    assert "Validation failed" in page.report_view.toPlainText()
    assert any("Validating villages failed" in m for m in qgis_iface.messageBar().get_messages(Qgis.Critical))
