"""Drive the dock with qtbot: load the sample, change the mapping (saved in the project), run validation."""
from __future__ import annotations

from pathlib import Path

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


def test_loading_the_sample_says_it_has_an_invalid_boundary(plugin, qgis_iface):
    """The sample's real boundary data has one self-intersecting village (64.07.07.2002): loading it says so and
    points to the repair, instead of the coverage or the priority failing later (found 7 December)."""
    from qgis.core import Qgis

    page = plugin.dock.data_page
    page.load_sample()
    assert page.invalid_codes == ["64.07.07.2002"]
    warnings = qgis_iface.messageBar().get_messages(Qgis.Warning)
    assert any("64.07.07.2002" in m and "Repair geometries" in m for m in warnings), warnings


def test_repair_writes_a_file_and_becomes_the_villages_layer(plugin, tmp_path):
    """The repair was a memory layer on top of the tree (lost with the project) and the Data page kept the broken
    layer: now a GeoPackage next to the saved project, in a run group, chosen as the Villages layer."""
    from kaltim_internet_plugin.gui.workflow import RUN_TOOL_PROPERTY
    from kaltim_internet_plugin.io.sample import gpkg_path

    page = plugin.dock.data_page
    layers = page.load_sample()
    assert QgsProject.instance().write(str(tmp_path / "kaltim.qgz"))
    before = {lyr.id() for lyr in QgsProject.instance().mapLayers().values()}
    new = page.repair()
    assert new is not None and new.id() not in before
    assert new.providerType() == "ogr" and new.source().startswith(str(tmp_path / "villages_repaired.gpkg"))
    assert new.featureCount() == 1038 and all(f.geometry().isGeosValid() for f in new.getFeatures())
    assert page.village_layer() is new
    assert page.field_combos["code"].currentField() == "kode"
    node = QgsProject.instance().layerTreeRoot().findLayer(new.id())
    assert node.parent().customProperty(RUN_TOOL_PROPERTY) == "repair"
    assert layers["villages"].isValid() and layers["villages"].featureCount() == 1038
    assert layers["villages"].source().startswith(gpkg_path())
    # a second repair does not overwrite the first
    again = page.repair()
    assert again.source().startswith(str(tmp_path / "villages_repaired_2.gpkg"))


def test_repair_without_a_saved_project_goes_to_processing_outputs(plugin, tmp_path, _processing_outputs_in_tmp):
    from kaltim_internet_plugin.gui import page_data

    outputs = _processing_outputs_in_tmp
    page = plugin.dock.data_page
    page.load_sample()
    path = page_data.repair_destination(page.village_layer())
    assert path == str(outputs / "villages_repaired.gpkg")
    Path(path).touch()  # an earlier repair is never overwritten
    assert page_data.repair_destination(page.village_layer()) == str(outputs / "villages_repaired_2.gpkg")
    new = page.repair(str(tmp_path / "mine.gpkg"))
    assert new is not None and new.source().startswith(str(tmp_path / "mine.gpkg"))


def test_repair_never_writes_into_the_plugin(plugin, qgis_iface):
    from qgis.core import Qgis

    from kaltim_internet_plugin.io.sample import gpkg_path

    page = plugin.dock.data_page
    page.load_sample()
    target = str(Path(gpkg_path()).with_name("villages_repaired.gpkg"))
    assert page.repair(target) is None
    assert not Path(target).exists()
    assert any("bundled sample" in m for m in qgis_iface.messageBar().get_messages(Qgis.Warning))


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
