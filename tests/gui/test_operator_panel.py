"""Plan page: filter the roadmap map by operator (with the year filter), and export one CSV per operator."""
from __future__ import annotations

import csv

from tests.gui.test_plan_page import page, plan_layer  # noqa: F401 (fixtures)
from tests.qgis.test_roadmap_alg import OPERATORS


def test_operator_filter_and_csv_per_operator(plugin, page, plan_layer, qtbot, tmp_path):  # noqa: F811
    page.plan_combo.setLayer(plan_layer)
    page.years_spin.setValue(5)
    page.output_widget.setFilePath(str(tmp_path / "roadmap.gpkg"))
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000):
        page.run_roadmap()
    panel = plugin.dock.operator_panel
    ops = [panel.combo.itemData(i) for i in range(1, panel.combo.count())]
    assert set(OPERATORS) <= set(ops) and "" in ops  # every operator, and the villages with none yet
    layer = page.roadmap_layer()
    everyone = sum(1 for _ in layer.getFeatures())
    panel.combo.setCurrentIndex(ops.index(OPERATORS[0]) + 1)
    assert OPERATORS[0] in layer.subsetString() and '"year" <=' in layer.subsetString()
    shown = [f["operator"] for f in layer.getFeatures()]
    assert shown and set(shown) == {OPERATORS[0]} and len(shown) < everyone
    panel.combo.setCurrentIndex(0)
    assert sum(1 for _ in layer.getFeatures()) == everyone

    paths = panel.export_csv(str(tmp_path / "operators"))
    assert len(paths) == len(ops)
    total = 0
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        total += len(rows)
        assert len({r["operator"] for r in rows}) <= 1
    assert total == 150  # every village in exactly one operator file
