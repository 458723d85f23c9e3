"""Plan page: 'Export deployment plan' runs as a task on the whole (unfiltered) roadmap and writes the PDFs."""
from __future__ import annotations

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
