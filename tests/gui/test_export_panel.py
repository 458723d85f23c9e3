"""Plan page: 'Export deployment plan' runs as a task on the whole (unfiltered) roadmap and writes the PDFs."""
from __future__ import annotations

import os
import subprocess

from qgis.core import QgsApplication, QgsVectorLayer

from tests.gui.test_plan_page import page, plan_layer  # noqa: F401 (fixtures)


def test_export_button_writes_the_whole_plan(plugin, page, plan_layer, qtbot, tmp_path):  # noqa: F811
    page.plan_combo.setLayer(plan_layer)
    page.start_spin.setValue(2026)
    page.years_spin.setValue(3)
    page.output_widget.setFilePath(str(tmp_path / "roadmap.gpkg"))
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000) as blocker:
        page.run_roadmap()
    assert blocker.args[0]["ok"]
    page.apply_year_filter(2026)  # the map shows year 1 only ...
    shown = sum(1 for _ in page.roadmap_layer().getFeatures())
    panel = plugin.dock.export_panel
    assert panel.parent() is not None and panel.export_button.toolTip()
    panel.ask_to_open = False
    folder = tmp_path / "export"
    panel.folder_widget.setFilePath(str(folder))
    from qgis.core import QgsTask

    with qtbot.waitSignal(panel.exportFinished, timeout=180000) as done:
        assert isinstance(panel.export(), QgsTask)  # in the background: the map stays usable
    res = done.args[0]
    assert res["ok"], res
    assert QgsApplication.taskManager().countActiveTasks() == 0
    pages = subprocess.run(["pdfinfo", res["DEPLOYMENT_PDF"]], capture_output=True, text=True).stdout
    assert "Pages:" in pages
    exported = QgsVectorLayer(f"{folder / 'plan.gpkg'}|layername=villages", "v", "ogr")
    assert exported.isValid()
    assert exported.featureCount() == 150 > shown  # ... but the export holds the whole plan


def test_export_without_a_roadmap_says_what_to_do(plugin, qgis_iface):  # noqa: F811
    from qgis.core import Qgis

    panel = plugin.dock.export_panel
    assert panel.export() is None
    assert any("roadmap" in m for m in qgis_iface.messageBar().get_messages(Qgis.Warning))


def _roadmap(page, plan_layer, out, qtbot):  # noqa: F811
    page.plan_combo.setLayer(plan_layer)
    page.output_widget.setFilePath(str(out))
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000) as blocker:
        page.run_roadmap()
    assert blocker.args[0]["ok"]


def test_a_folder_that_cannot_be_created_is_said_not_raised(plugin, page, plan_layer, qtbot, tmp_path,  # noqa: F811
                                                             qgis_iface):
    """Session 37: /proc/kaltim_x or /etc/hostname/sub raised a traceback from os.makedirs; now the message the export
    gives for a folder it cannot write to (session 39: the tool's own check, run before the task, says it)."""
    from qgis.core import Qgis

    _roadmap(page, plan_layer, tmp_path / "roadmap.gpkg", qtbot)
    panel = plugin.dock.export_panel
    panel.ask_to_open = False
    (tmp_path / "a_file").write_text("x")
    for folder, words in ((tmp_path / "a_file" / "sub", f"{tmp_path / 'a_file'} is a file, not a folder"),
                          ("/proc/kaltim_x", "cannot be written: ")):
        panel.folder_widget.setFilePath(str(folder))
        assert panel.export() is None
        said = qgis_iface.messageBar().get_messages(Qgis.Warning)[-1]
        assert f"OUTPUT_FOLDER = {folder}" in said and words in said and "Choose another folder." in said, said
        assert not panel.runner.running and not os.path.exists(folder)


def test_the_export_refuses_to_replace_the_roadmap_saved_in_its_folder(plugin, page, plan_layer, qtbot,  # noqa: F811
                                                                       tmp_path, qgis_iface):
    """Session 37: the roadmap saved to …/exp/plan.gpkg and exported to …/exp: the export's plan.gpkg replaced the
    roadmap GeoPackage (its VILLAGES input). Refused before any work; nothing written. Session 39: in the words of
    the export tool itself (its checks, run before the task; the dock had a sentence of its own)."""
    import hashlib

    from qgis.core import Qgis, QgsProcessingContext

    folder = tmp_path / "exp"
    folder.mkdir()
    roadmap = folder / "plan.gpkg"
    _roadmap(page, plan_layer, roadmap, qtbot)
    before = hashlib.sha256(roadmap.read_bytes()).hexdigest()
    panel = plugin.dock.export_panel
    panel.ask_to_open = False
    panel.folder_widget.setFilePath(str(folder))
    params = panel.parameters()
    assert params["VILLAGES"].startswith(f"{roadmap}|layername=")
    assert panel.export() is None
    said = qgis_iface.messageBar().get_messages(Qgis.Warning)[-1]
    assert (f"OUTPUT_FOLDER = {folder} would overwrite the input VILLAGES ({params['VILLAGES']}). Choose another "
            "output folder; inputs are never changed.") in said, said
    alg = QgsApplication.processingRegistry().algorithmById("kaltiminternet:exportplan")
    assert said.endswith(alg.checkParameterValues(params, QgsProcessingContext())[1])  # the tool's own words
    assert not panel.runner.running
    assert hashlib.sha256(roadmap.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in folder.iterdir()) == ["plan.gpkg"]
