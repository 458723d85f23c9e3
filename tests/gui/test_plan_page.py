"""Drive the Plan page with qtbot: funding table in the project, roadmap as a task, layers, charts, year slider."""
from __future__ import annotations

import hashlib
import shutil

import pytest
from qgis.core import Qgis, QgsApplication, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import Qt

from tests.conftest import SAMPLE
from tests.qgis.test_roadmap_alg import build_plan


@pytest.fixture()
def page(plugin):
    from kaltim_internet_plugin.gui.page_plan import PlanPage

    page = plugin.dock.pages["plan"]
    assert isinstance(page, PlanPage)
    return page


@pytest.fixture()
def plan_layer(tmp_path):
    layer = QgsVectorLayer(build_plan(tmp_path / "plan.gpkg", n=150), "plan", "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    return layer


def count(layer) -> int:
    return sum(1 for _ in layer.getFeatures())


def stored():
    from kaltim_internet_plugin.io.funding_store import read_project

    return {s.name: s for s in read_project()}


def test_plan_page_is_discovered_with_default_funding(page):
    from kaltim_internet_plugin.core.funding import default_sources
    from kaltim_internet_plugin.gui.page_plan import COL

    tabs = page.dock.tabs
    assert tabs.widget(list(page.dock.pages).index("plan")) is page
    assert page.funding_table.rowCount() == len(default_sources())
    assert page.funding_table.item(3, COL["name"]).text() == "dana_desa"
    assert page.funding_table.item(1, COL["rules"]).text() == "operator"  # commercial money, shown as a rule
    assert page.validate() == []
    # the export panel is mounted in the page's export area
    assert [page.export_area.itemAt(i).widget().objectName() for i in range(page.export_area.count())] == [
        "operatorPanel", "exportPanel"]


def test_funding_edits_persist_in_the_project(page, tmp_path):
    from kaltim_internet_plugin.gui.page_plan import COL

    t = page.funding_table
    prov = 5  # apbd_prov's row
    t.item(prov, COL["yearly_cap_idr"]).setText("123000000000")
    assert stored()["apbd_prov"].yearly_cap_idr == 123_000_000_000
    t.item(0, COL["recurring"]).setCheckState(Qt.Unchecked)
    assert stored()["bakti_uso"].recurring is False
    t.item(1, COL["rules"]).setText("3t;per_kab")
    assert stored()["operator"].only_3t and stored()["operator"].cap_per_kab and not stored()["operator"].commercial
    page.add_row()
    assert t.rowCount() == 7 and "source_7" in stored()
    t.selectRow(6)
    page.remove_selected_rows()
    assert t.rowCount() == 6 and "source_7" not in stored()
    # a bad value is reported, not stored as garbage
    t.item(3, COL["yearly_cap_idr"]).setText("lima miliar")
    t.item(3, COL["rules"]).setText("desa;lahan")
    messages = page.validate()
    # the cell named by its row and the column's title (core.funding reads it, errors.py says it)
    assert "Row 4: 'lima miliar' is not a number (column Yearly cap (Rp))." in messages
    assert any(m.startswith("Row 4: unknown rule(s) lahan;") for m in messages)
    t.item(3, COL["rules"]).setText("desa")
    t.item(3, COL["yearly_cap_idr"]).setText("-5")
    assert any("negative" in m for m in page.validate())
    t.item(3, COL["yearly_cap_idr"]).setText("5000000000")
    # saved with the project file and restored
    path = str(tmp_path / "p.qgz")
    assert QgsProject.instance().write(path)
    page.reset_defaults()
    assert stored()["apbd_prov"].yearly_cap_idr == 30_000_000_000
    assert QgsProject.instance().read(path)
    assert page.sources()[prov].yearly_cap_idr == 123_000_000_000
    # CSV round trip
    csv_path = str(tmp_path / "f.csv")
    assert page.save_csv(csv_path)
    page.reset_defaults()
    assert page.load_csv(csv_path)
    assert page.sources()[prov].yearly_cap_idr == 123_000_000_000 and stored()["apbd_prov"].yearly_cap_idr == 123e9


def test_run_roadmap_adds_styled_layers_charts_and_filters_by_year(page, plan_layer, qtbot, tmp_path):
    from kaltim_internet_plugin.io.funding_store import read_gpkg

    page.plan_combo.setLayer(plan_layer)
    page.start_spin.setValue(2026)
    page.years_spin.setValue(4)
    out = tmp_path / "roadmap.gpkg"
    page.output_widget.setFilePath(str(out))
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000) as blocker:
        assert page.run_roadmap() is not None
    res = blocker.args[0]
    assert res["ok"], res
    assert res["VILLAGES_SCHEDULED"] + res["VILLAGES_UNFUNDED"] == 150
    # handed on: the Monitoring page monitors this roadmap (its GeoPackage and its villages layer)
    monitoring = page.dock.pages["monitoring"]
    assert monitoring.plan_db() == str(out)
    assert monitoring.village_layer().id() == res["layers"]["villages"]
    assert QgsApplication.taskManager().countActiveTasks() == 0
    project = QgsProject.instance()
    layers = res["layers"]
    assert {"villages", "roadmap_year_source", "training_plan", "operator_packages", "funding_sources"} <= set(layers)
    roadmap = project.mapLayer(layers["villages"])
    assert roadmap is not None and roadmap.renderer().type() == "categorizedSymbol"
    cats = [c.value() for c in roadmap.renderer().categories()]
    assert cats == ["2026", "2027", "2028", "2029", "unfunded"]
    assert [s.name for s in read_gpkg(str(out))] == [s.name for s in page.sources()]
    # every feature is drawn with its year's colour, unfunded in grey
    from qgis.core import QgsExpressionContextUtils, QgsRenderContext

    from kaltim_internet_plugin.io.styles_plan import UNFUNDED_COLOR, year_colors

    ctx = QgsRenderContext()
    ctx.expressionContext().appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(roadmap))
    renderer = roadmap.renderer().clone()
    renderer.startRender(ctx, roadmap.fields())
    colors = year_colors(range(2026, 2030))
    for f in roadmap.getFeatures():
        ctx.expressionContext().setFeature(f)
        want = colors[f["year"]] if f["fund_status"] == "scheduled" else UNFUNDED_COLOR
        assert renderer.symbolForFeature(f, ctx).color().name() == want
    renderer.stopRender(ctx)
    # charts
    assert page.budget_chart.categories() == ["2026", "2027", "2028", "2029"]
    assert sum(page.budget_chart.totals()) == pytest.approx(res["CAPEX_TOTAL"] + res["OPEX_TOTAL"])
    assert sum(page.villages_chart.totals()) == res["VILLAGES_SCHEDULED"]
    page.budget_chart.grab()  # paints without error
    page.villages_chart.grab()
    # year slider
    assert page.year_slider.isEnabled() and page.year_slider.maximum() == 2029
    page.show_unfunded.setChecked(False)
    page.year_slider.setValue(2026)
    assert roadmap.subsetString() == '"year" <= 2026'
    years = {f["year"] for f in roadmap.getFeatures()}
    assert years == {2026}
    first_year = count(roadmap)
    page.year_slider.setValue(2028)
    assert count(roadmap) > first_year
    assert {f["year"] for f in roadmap.getFeatures()} <= {2026, 2027, 2028}
    page.show_unfunded.setChecked(True)
    assert "scheduled" in roadmap.subsetString()
    unfunded = [f for f in roadmap.getFeatures() if f["fund_status"] == "unfunded"]
    assert len(unfunded) == res["VILLAGES_UNFUNDED"]
    # the summary is the one plan summary: its figures equal the layer's (all of it, not the year filter)
    roadmap.setSubsetString("")
    scheduled = [f for f in roadmap.getFeatures() if f["fund_status"] == "scheduled"]
    assert page.plan_summary.total.scheduled == len(scheduled) == res["VILLAGES_SCHEDULED"]
    assert page.plan_summary.total.capex_scheduled_idr == sum(int(round(f["capex_idr"])) for f in scheduled)
    assert f"Scheduled {len(scheduled)} (" in page.summary_label.text()
    # ... and it reads the roadmap's year x source table as the reports do: the money is the roadmap's own totals
    # (migrations and their fibre OPEX included), the unfunded are its VILLAGES_UNFUNDED
    s = page.plan_summary
    assert s.capex_total_idr == round(res["CAPEX_TOTAL"]) and s.opex_total_idr == round(res["OPEX_TOTAL"])
    assert s.total.villages_unfunded == res["VILLAGES_UNFUNDED"]
    from kaltim_internet_plugin.core.formatting import money

    assert f"CAPEX {money(s.capex_total_idr, 'en')} (villages " in page.summary_label.text()
    assert f"OPEX in the roadmap {money(s.opex_total_idr, 'en')};" in page.summary_label.text()
    # a second run replaces the previous layers instead of piling them up
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000) as blocker:
        page.run_roadmap()
    assert blocker.args[0]["ok"], blocker.args[0]
    assert project.mapLayer(layers["villages"]) is None
    assert len([lyr for lyr in project.mapLayers().values() if lyr.name().startswith("Roadmap villages")]) == 1


def test_run_without_layer_or_with_bad_funding_says_so(page, plan_layer, qgis_iface):
    from qgis.core import Qgis

    from kaltim_internet_plugin.gui.page_plan import COL

    page.plan_combo.setLayer(None)
    assert page.run_roadmap() is None
    assert any("plan layer" in m for m in qgis_iface.messageBar().get_messages(Qgis.Warning))
    page.plan_combo.setLayer(plan_layer)
    page.funding_table.item(0, COL["kinds"]).setText("capex;gift")
    assert page.run_roadmap() is None
    assert any("funding table" in m for m in qgis_iface.messageBar().get_messages(Qgis.Warning))


def test_roadmap_failure_is_reported(page, tmp_path, qtbot, qgis_iface):
    layer = QgsVectorLayer(build_plan(tmp_path / "bad.gpkg", n=10, drop=("tech",)), "bad", "ogr")
    QgsProject.instance().addMapLayer(layer)
    page.plan_combo.setLayer(layer)
    with qtbot.waitSignal(page.roadmapFinished, timeout=60000) as blocker:
        page.run_roadmap()
    assert blocker.args[0]["ok"] is False
    assert "tech" in page.summary_label.text()
    assert page.run_button.isEnabled() and not page.cancel_button.isEnabled()
    # the dock's one task runner put the failure in the message bar, once
    failed = [m for m in qgis_iface.messageBar().get_messages(Qgis.Critical) if "Building the roadmap failed" in m]
    assert len(failed) == 1, failed


def test_cancel_stops_the_run(page, tmp_path, qtbot):
    layer = QgsVectorLayer(build_plan(tmp_path / "big.gpkg", n=1038), "big", "ogr")
    QgsProject.instance().addMapLayer(layer)
    page.plan_combo.setLayer(layer)
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000) as blocker:
        page.run_roadmap()
        assert page.cancel_button.isEnabled() and not page.run_button.isEnabled()
        page.cancel()
    res = blocker.args[0]
    assert res["ok"] is False and res["canceled"] is True
    assert "cancel" in page.summary_label.text()
    assert page.run_button.isEnabled() and not page.cancel_button.isEnabled()
    assert "villages" not in page.layer_ids


def test_existing_tables_are_only_replaced_after_confirmation(page, plan_layer, tmp_path, monkeypatch):
    from qgis.PyQt.QtWidgets import QMessageBox

    from kaltim_internet_plugin.core.funding import default_sources
    from kaltim_internet_plugin.io.funding_store import read_gpkg, write_gpkg

    out = tmp_path / "existing.gpkg"
    write_gpkg(str(out), default_sources()[:2])
    page.plan_combo.setLayer(plan_layer)
    page.output_widget.setFilePath(str(out))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.No)
    assert page.run_roadmap() is None
    assert asked and len(read_gpkg(str(out))) == 2


def test_capacity_editor_defaults_bad_cells_and_parameters(page, plan_layer, qgis_iface, tmp_path, qtbot):
    from qgis.core import Qgis

    from kaltim_internet_plugin.core.capacity import DEFAULT_ROWS, CapacityTable

    editor = page.capacity_editor
    assert editor.grid.rowCount() == len(DEFAULT_ROWS) and editor.lead_spin.value() == 12
    assert all(editor.grid.item(r, 5).text() for r in range(editor.grid.rowCount())), "sources shown"
    fwa = next(r for r in range(editor.grid.rowCount()) if editor.grid.item(r, 1).text() == "4G FWA (router)")
    editor.grid.item(fwa, 4).setText("-3")
    page.plan_combo.setLayer(plan_layer)
    assert page.run_roadmap() is None
    warning = qgis_iface.messageBar().get_messages(Qgis.Warning)[-1]
    # the column as the editor titles it (the CSV's max_installations is "Per year" there)
    assert f"row {fwa + 1}" in warning and "'Per year'" in warning and "-3" in warning
    editor.grid.item(fwa, 4).setText("2")
    editor.lead_spin.setValue(24)
    assert editor.validate() == ""
    table = CapacityTable.from_csv(editor.write_csv())
    assert [r.max_installations for r in table.rows if r.tech == "fwa"] == [2]
    page.output_widget.setFilePath(str(tmp_path / "cap.gpkg"))
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000) as blocker:
        assert page.run_roadmap() is not None
    assert blocker.args[0]["ok"], blocker.args[0]
    per_year = {}
    for f in page.roadmap_layer().getFeatures():
        if f["fund_status"] == "scheduled" and f["tech"] == "fwa":
            per_year[f["year"]] = per_year.get(f["year"], 0) + 1
    assert per_year and max(per_year.values()) <= 2


def test_unnamed_dock_results_are_temporary_layers_in_the_processing_folder(page, plan_layer, plugin):
    """The dock's results written without a file of the user's choice (coverage, priority, roadmap, what-if
    previews) go into QGIS's Processing temporary folder, as the toolbox's temporary outputs do: QGIS calls them
    temporary layers and removes the folder at exit, so they no longer pile up in the system's temporary folder."""
    import os

    from qgis.core import QgsProcessingUtils

    from kaltim_internet_plugin.gui.page_coverage import CoveragePage
    from kaltim_internet_plugin.gui.page_priority import PriorityPage

    parent = QgsProcessingUtils.tempFolder()
    page.output_widget.setFilePath("")
    paths = [CoveragePage._tmp("coverage.tif"), PriorityPage._tmp("priority.gpkg"), page._output_path(plan_layer)]
    for path in paths:
        folder = os.path.dirname(path)
        assert os.path.dirname(folder) == parent and os.path.isdir(folder), path
        assert os.path.basename(folder).startswith("kaltim_")
    assert len({os.path.dirname(p) for p in paths}) == 3  # a folder per result: a rerun never overwrites a layer
    # a file the user chose stays theirs
    page.output_widget.setFilePath("/srv/plans/roadmap")
    assert page._output_path(plan_layer) == "/srv/plans/roadmap.gpkg"
    page.output_widget.setFilePath("")
    for path in paths:
        os.rmdir(os.path.dirname(path))


# --- the output GeoPackage, as a tester chose it (session 32): the file holding the user's own villages, a name
# with a dot or an apostrophe; a refusal replaces the last run's text under the buttons ---------------------------
def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_roadmap_is_not_saved_over_the_users_own_villages_table(page, plan_layer, tmp_path, monkeypatch,
                                                                     qgis_iface):
    """A GeoPackage holding the user's 'villages' (the sample's, not a roadmap's) is refused before anything is
    asked or written: the roadmap's village table has that name and would replace it (a tester lost the table so:
    the page asked "Replace roadmap tables? … villages" and deleted it)."""
    from qgis.PyQt.QtWidgets import QMessageBox

    users = tmp_path / "my_villages.gpkg"
    shutil.copy(SAMPLE / "kaltim_sample.gpkg", users)
    mine = QgsVectorLayer(f"{users}|layername=villages", "my villages", "ogr")
    QgsProject.instance().addMapLayer(mine)
    before = sha(users)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
    page.plan_combo.setLayer(plan_layer)
    page.output_widget.setFilePath(str(users))
    assert page.run_roadmap() is None
    assert asked == []
    text = page.summary_label.text()
    assert "is not a roadmap's" in text and "villages" in text and "another GeoPackage" in text
    assert any("is not a roadmap's" in m for m in qgis_iface.messageBar().get_messages(Qgis.Warning))
    assert sha(users) == before
    assert QgsProject.instance().mapLayer(mine.id()) is not None


def test_a_roadmap_file_of_an_earlier_run_is_still_replaced_after_confirmation(page, plan_layer, tmp_path, qtbot,
                                                                              monkeypatch):
    """The refusal is only for tables that are not a roadmap's: a GeoPackage with an earlier roadmap is asked about
    and replaced, as before."""
    from qgis.PyQt.QtWidgets import QMessageBox

    out = tmp_path / "roadmap.gpkg"
    page.plan_combo.setLayer(plan_layer)
    page.output_widget.setFilePath(str(out))
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000) as first:
        assert page.run_roadmap() is not None
    assert first.args[0]["ok"] is True
    page._out_path = None  # as after a restart: the page does not know it wrote that file
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000) as second:
        assert page.run_roadmap() is not None
    assert asked and second.args[0]["ok"] is True


@pytest.mark.parametrize("name", ["it's roadmap.gpkg", "rencana_2026.gpkg"])
def test_names_with_an_apostrophe_or_a_space_are_written(page, plan_layer, tmp_path, qtbot, name):
    """An apostrophe in the file name was read by QGIS as the end of the path ("The folder …/'/… does not exist")."""
    out = tmp_path / "ver 1" / name
    out.parent.mkdir()
    page.plan_combo.setLayer(plan_layer)
    page.output_widget.setFilePath(str(out))
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000) as blocker:
        assert page.run_roadmap() is not None
    assert blocker.args[0]["ok"] is True, page.summary_label.text()
    layer = QgsVectorLayer(f"{out}|layername=villages", "v", "ogr")
    assert layer.isValid() and layer.featureCount() == count(plan_layer)


def test_a_dotted_file_name_is_refused_with_the_reason_and_a_name_that_works(page, plan_layer, tmp_path,
                                                                             qgis_iface):
    """QGIS cannot add a table to 'roadmap.v2.gpkg' (it took 'v2.gpkg' for the format: "OGR driver for '' not
    found … Choose another folder"): said before the run, with the name to use; nothing is written."""
    out = tmp_path / "roadmap.v2.gpkg"
    page.summary_label.setText("The roadmap failed: an earlier run's text")
    page.plan_combo.setLayer(plan_layer)
    page.output_widget.setFilePath(str(out))
    assert page.run_roadmap() is None
    text = page.summary_label.text()
    assert "dot before .gpkg" in text and "roadmap_v2.gpkg" in text and "earlier run" not in text
    assert not out.exists()


def test_funding_files_that_cannot_be_read_are_named_with_the_reason(page, tmp_path, qgis_iface):
    """A missing file said "Cannot read the funding table X: X"; an unclosed quote "(unclosed_quote)"."""
    missing = tmp_path / "nonexistent.csv"
    assert page.load_csv(str(missing)) is False
    said = qgis_iface.messageBar().get_messages(Qgis.Critical)
    assert any("does not exist" in m and str(missing) in m for m in said), said
    broken = tmp_path / "funding_broken.csv"
    broken.write_text('name,label,kinds,techs,yearly_cap_idr\napbd_prov,"APBD Provinsi,capex,fwa,1000\n'
                      "dana_desa,Dana Desa,opex,fwa,500\n", encoding="utf-8")
    assert page.load_csv(str(broken)) is False
    said = qgis_iface.messageBar().get_messages(Qgis.Critical)
    assert any("line 2" in m and "quote" in m and "unclosed_quote" not in m for m in said), said


# --- a rerun that does not finish keeps the previous roadmap (session 37: a cancelled rerun had deleted the file,
# its tables and layers before it started; docs/guide/bad-input.md promises they stay) -----------------------------
def gpkg_tables(path) -> list:
    import sqlite3

    con = sqlite3.connect(str(path))
    try:
        return sorted(r[0] for r in con.execute("SELECT table_name FROM gpkg_contents"))
    finally:
        con.close()


def _first_run(page, plan_layer, out, qtbot):
    page.plan_combo.setLayer(plan_layer)
    page.output_widget.setFilePath(str(out))
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000) as first:
        assert page.run_roadmap() is not None
    assert first.args[0]["ok"] is True
    layers = dict(page.layer_ids)
    return layers, gpkg_tables(out), QgsVectorLayer(f"{out}|layername=villages", "v", "ogr").featureCount()


def _kept(page, out, layers, tables, villages):
    project = QgsProject.instance()
    assert gpkg_tables(out) == tables
    assert QgsVectorLayer(f"{out}|layername=villages", "v", "ogr").featureCount() == villages
    assert page.layer_ids == layers
    assert all(project.mapLayer(lid) is not None for lid in layers.values())
    assert page.dock.export_panel.parameters()["VILLAGES"].startswith(str(out))


def test_a_cancelled_rerun_keeps_the_previous_roadmap(page, plan_layer, tmp_path, qtbot):
    out = tmp_path / "my_roadmap.gpkg"
    layers, tables, villages = _first_run(page, plan_layer, out, qtbot)
    big = QgsVectorLayer(build_plan(tmp_path / "big.gpkg", n=1038), "big", "ogr")
    QgsProject.instance().addMapLayer(big)
    page.plan_combo.setLayer(big)
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000) as blocker:
        assert page.run_roadmap() is not None
        page.cancel()
    assert blocker.args[0]["canceled"] is True
    _kept(page, out, layers, tables, villages)


def test_a_failed_rerun_keeps_the_previous_roadmap_and_a_good_one_replaces_it(page, plan_layer, tmp_path, qtbot):
    out = tmp_path / "my_roadmap.gpkg"
    layers, tables, villages = _first_run(page, plan_layer, out, qtbot)
    bad = QgsVectorLayer(build_plan(tmp_path / "bad.gpkg", n=10, drop=("tech",)), "bad", "ogr")
    QgsProject.instance().addMapLayer(bad)
    page.plan_combo.setLayer(bad)
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000) as blocker:
        assert page.run_roadmap() is not None
    assert blocker.args[0]["ok"] is False
    _kept(page, out, layers, tables, villages)
    # a successful rerun replaces the tables and the layers (nothing piles up, no partial table is left)
    small = QgsVectorLayer(build_plan(tmp_path / "small.gpkg", n=20), "small", "ogr")
    QgsProject.instance().addMapLayer(small)
    page.plan_combo.setLayer(small)
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000) as blocker:
        assert page.run_roadmap() is not None
    assert blocker.args[0]["ok"] is True
    assert gpkg_tables(out) == tables
    assert QgsVectorLayer(f"{out}|layername=villages", "v", "ogr").featureCount() == 20
    assert all(QgsProject.instance().mapLayer(lid) is None for lid in layers.values())
    assert len([lyr for lyr in QgsProject.instance().mapLayers().values()
                if lyr.name().startswith("Roadmap villages")]) == 1


def test_an_unmarked_roadmap_of_an_earlier_version_is_replaced_after_confirmation(page, plan_layer, tmp_path, qtbot,
                                                                                 monkeypatch):
    """A roadmap written before the tools marked their tables (gpkg_contents.description empty): the run may replace
    it once the user agreed (the output guard replaces only its tool's tables)."""
    import sqlite3

    from qgis.PyQt.QtWidgets import QMessageBox

    out = tmp_path / "old_roadmap.gpkg"
    _first_run(page, plan_layer, out, qtbot)
    con = sqlite3.connect(str(out))
    with con:
        con.execute("UPDATE gpkg_contents SET description = ''")
    con.close()
    page._out_path = None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000) as blocker:
        assert page.run_roadmap() is not None
    assert blocker.args[0]["ok"] is True, page.summary_label.text()
