"""Drive the monitoring page with qtbot: status editing + history, import as a task, indicators, map style,
selection details and the monthly M&E report."""
from __future__ import annotations

import sqlite3
import subprocess

import pytest
from qgis.core import Qgis, QgsApplication, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QDate

from kaltim_internet_plugin.core import monitoring as mon
from kaltim_internet_plugin.core import monitoring_store as store
from kaltim_internet_plugin.gui.page_monitoring import MonitoringPage
from tests.qgis.test_monitoring_qgis import CODES, make_plan, report_rows, sla_rows_constructed, write_csv


@pytest.fixture()
def page_with_plan(plugin, tmp_path):
    plan = make_plan(tmp_path / "plan.gpkg")
    villages = QgsVectorLayer(f"{plan}|layername=villages", "villages", "ogr")
    sites = QgsVectorLayer(f"{plan}|layername=sites", "sites", "ogr")
    QgsProject.instance().addMapLayers([villages, sites])
    page = plugin.dock.pages["monitoring"]
    page.set_plan_db(plan)
    page.village_combo.setLayer(villages)
    page.site_combo.setLayer(sites)
    return page, plan, villages, sites


def test_page_is_in_the_dock(plugin):
    page = plugin.dock.pages["monitoring"]
    assert isinstance(page, MonitoringPage)
    tabs = plugin.dock.tabs
    assert tabs.widget(list(plugin.dock.pages).index("monitoring")) is page


def test_status_editing_history_and_selection(page_with_plan, qtbot):
    page, plan, villages, _sites = page_with_plan
    page.setup_button.click()
    recorder = page.setup_editing()  # again: replaces the first recorder, no duplicate rows
    assert recorder is not None and "Status editing set up" in page.status_label.text()
    assert villages.editorWidgetSetup(villages.fields().indexOf("status")).type() == "ValueMap"
    fid = next(f.id() for f in villages.getFeatures() if f["kode"] == CODES[0])
    si = villages.fields().indexOf("status")
    assert villages.startEditing()
    villages.changeAttributeValue(fid, si, "planned")
    assert villages.commitChanges()
    assert villages.startEditing()
    villages.changeAttributeValue(fid, si, "surveyed")
    villages.changeAttributeValue(fid, villages.fields().indexOf("survey_date"), QDate(2025, 2, 1))
    assert villages.commitChanges()
    assert [(h["old_status"], h["new_status"]) for h in store.status_history(plan, code=CODES[0])] == [
        (None, "planned"), ("planned", "surveyed")]
    villages.selectByIds([fid])
    assert CODES[0] in page.selected_label.text() and "2" in page.selected_label.text()
    assert page.history_table.rowCount() == 2
    assert page.history_table.item(0, 2).text() == "disurvei"  # newest first, Indonesian label


def test_import_as_task_fills_the_dashboard(page_with_plan, qtbot, tmp_path):
    page, plan, _villages, _sites = page_with_plan
    src = write_csv(tmp_path / "laporan.csv", report_rows() + sla_rows_constructed())
    with qtbot.waitSignal(page.importFinished, timeout=60000) as blocker:
        assert page.import_report(src, str(tmp_path / "rejects.csv")) is not None
    res = blocker.args[0]
    assert res["ok"] and int(res["ROWS_READ"]) == 22 and int(res["ROWS_IMPORTED"]) == 16
    assert int(res["ROWS_REJECTED"]) == 5 and int(res["ROWS_DUPLICATE"]) == 1 and int(res["ROWS_CONFLICT"]) == 1
    assert "imported 16" in page.import_label.text() and "rejects.csv" in page.import_label.text()
    assert page.summary_table.rowCount() > 3
    assert page.scorecard_table.rowCount() == 2
    flags_text = [page.flags_table.item(r, 1).text() for r in range(page.flags_table.rowCount())]
    assert any("consider another provider" in t for t in flags_text)
    assert page.roadmap_chart.categories == ["2025", "2026", "2027"]
    target, connected = page.roadmap_chart.series
    assert target[1] == [1, 2, 3] and connected[1] == [0, 0, 0]  # no village is active yet
    assert page.uptime_chart.has_data() and page.users_chart.has_data()
    image = page.uptime_chart.to_image()
    assert any(image.pixelColor(x, y).name() == "#2b8cbe" for x in range(0, 400, 3) for y in range(0, 220, 3))
    # selecting a site shows its latest reports
    page.show_code("SITE-2")
    assert page.reports_table.rowCount() == 7
    assert QgsApplication.taskManager().countActiveTasks() == 0


def test_failed_import_is_reported(page_with_plan, qtbot, tmp_path):
    page, _plan, _v, _s = page_with_plan
    with qtbot.waitSignal(page.importFinished, timeout=60000) as blocker:
        page.import_report(str(tmp_path / "missing.csv"))
    assert blocker.args[0]["ok"] is False
    assert "nothing was written" in page.import_label.text()


def test_style_map_by_status(page_with_plan):
    page, _plan, villages, _sites = page_with_plan
    renderer = page.style_map()
    labels = [c.label() for c in renderer.categories()]
    assert "Aktif (active)" in labels and "Direncanakan (planned)" in labels
    assert villages.renderer().classAttribute() == "status"


def test_without_plan_db_the_page_says_so(plugin, qgis_iface):
    page = plugin.dock.pages["monitoring"]
    page.set_plan_db("")
    assert page.import_report("/tmp/x.csv") is None
    assert any("plan GeoPackage" in m for m in qgis_iface.messageBar().get_messages(Qgis.Warning))


def test_export_monthly_report_as_task(page_with_plan, qtbot, tmp_path):
    page, plan, _villages, _sites = page_with_plan
    src = write_csv(tmp_path / "sla.csv", sla_rows_constructed())
    with qtbot.waitSignal(page.importFinished, timeout=60000):
        page.import_report(src)
    folder = tmp_path / "monev"
    with qtbot.waitSignal(page.reportFinished, timeout=120000) as blocker:
        assert page.export_report(str(folder)) is not None
    res = blocker.args[0]
    assert res["ok"], res
    text = subprocess.run(["pdftotext", res["REPORT_PDF"], "-"], capture_output=True, text=True, check=True).stdout
    assert "Laporan Pemantauan dan Evaluasi" in text
    assert page.open_pdf_button.isEnabled()
    assert (folder / "sla_2025-04.csv").exists()
    # the dashboard and the report evaluate with the same settings: same flags and site-months
    shown = page.refresh_indicators()
    assert len(shown["flags"]) == int(res["FLAG_COUNT"]) > 0
    sla = mon.sla_table(store.load_records(plan), target=page.settings().target)
    assert shown["month"] == res["REPORT_MONTH"]
    assert shown["site_months"] == len([r for r in sla if r["month"] == shown["month"]]) > 0


def test_add_monitoring_fields_only_on_request(plugin, tmp_path, qgis_iface):
    plan = make_plan(tmp_path / "bare.gpkg", with_fields=False)
    villages = QgsVectorLayer(f"{plan}|layername=villages", "villages", "ogr")
    QgsProject.instance().addMapLayer(villages)
    page = plugin.dock.pages["monitoring"]
    page.village_combo.setLayer(villages)
    page.set_plan_db(plan)
    assert page.setup_editing() is None  # no status field: nothing is changed silently
    assert "status" not in villages.fields().names()
    assert "no 'status' field" in page.status_label.text()
    added = page.add_fields(confirm=False)
    assert added and "status" in added
    assert "status" in villages.fields().names() and "install_date" in villages.fields().names()
    assert page.setup_editing() is not None
    # a layer outside a GeoPackage is refused
    mem = QgsVectorLayer("Point?crs=EPSG:4326&field=kode:string", "mem", "memory")
    QgsProject.instance().addMapLayer(mem)
    page.edit_target.setCurrentIndex(1)
    page.site_combo.setLayer(mem)
    assert page.add_fields(confirm=False) is None
    assert any("plan GeoPackage" in m for m in qgis_iface.messageBar().get_messages(Qgis.Warning))


def test_coverage_status_field_is_not_taken_over(plugin, tmp_path):
    """The chain's 'status' (covered/partial/blank_spot) is kept: the page adds deploy_status instead."""
    from osgeo import ogr

    plan = make_plan(tmp_path / "cov.gpkg", with_fields=False)
    ds = ogr.Open(plan, 1)
    lyr = ds.GetLayer("villages")
    lyr.CreateField(ogr.FieldDefn("status", ogr.OFTString))
    for f in lyr:
        f.SetField("status", "blank_spot")
        lyr.SetFeature(f)
    ds = None
    villages = QgsVectorLayer(f"{plan}|layername=villages", "villages", "ogr")
    QgsProject.instance().addMapLayer(villages)
    page = plugin.dock.pages["monitoring"]
    page.village_combo.setLayer(villages)
    page.set_plan_db(plan)
    assert page.setup_editing() is None
    assert "not deployment statuses (blank_spot)" in page.status_label.text()
    assert "deploy_status" in page.add_fields(confirm=False)
    recorder = page.setup_editing()
    assert recorder is not None and recorder.status_field == "deploy_status"
    assert {f["status"] for f in villages.getFeatures()} == {"blank_spot"}
    si = villages.fields().indexOf("deploy_status")
    assert villages.startEditing()
    villages.changeAttributeValue(next(villages.getFeatures()).id(), si, "planned")
    assert villages.commitChanges()
    assert [h["new_status"] for h in store.status_history(plan)] == ["planned"]
    assert page.style_map().classAttribute() == "deploy_status"


def test_an_outage_crossing_midnight_shows_its_end_date():
    """'31 Oct 2026 22:00 – 04:00' lost the end's date (a 36-hour outage read as 12 hours; found 7 December)."""
    import datetime as dt

    from kaltim_internet_plugin.gui.page_monitoring import _outage_span

    start = dt.datetime(2026, 10, 31, 22, 0)
    assert _outage_span(start, dt.datetime(2026, 10, 31, 23, 30)).endswith(" – 23:30")
    crossing = _outage_span(start, dt.datetime(2026, 11, 1, 4, 0))
    assert crossing == "31 Oct 2026 22:00 – 01 Nov 2026 04:00", crossing


def sample_fields(layer_name: str = "villages") -> list:
    """The columns of a table of the plugin's own sample GeoPackage, read without QGIS (read-only)."""
    from kaltim_internet_plugin.io.sample import gpkg_path

    with sqlite3.connect(f"file:{gpkg_path()}?mode=ro", uri=True) as db:
        return [row[1] for row in db.execute(f"PRAGMA table_info({layer_name})")]


def test_the_shipped_sample_is_never_written(plugin, qgis_iface, tmp_path):
    """'Add monitoring fields…' → Yes on the sample's villages added status, survey_date, … to the plugin's own
    kaltim_sample.gpkg and made it the plan GeoPackage; 'Set up status editing' then wrote the status history
    there (found 7 December). Both are refused with a message that says to save a copy."""
    from kaltim_internet_plugin.io.sample import gpkg_path

    plugin.dock.data_page.load_sample()
    page = plugin.dock.pages["monitoring"]
    villages = page.chosen_status_layer()
    assert villages.source().startswith(gpkg_path())
    fields = sample_fields()
    assert page.add_fields(confirm=False) is None
    assert sample_fields() == fields and "survey_date" not in fields
    assert page.plan_db() == ""
    warnings = qgis_iface.messageBar().get_messages(Qgis.Warning)
    assert any("bundled sample" in m and "copy" in m for m in warnings), warnings
    assert "bundled sample" in page.status_label.text()
    assert page.setup_editing() is None  # the layer is the sample's
    page.set_plan_db(gpkg_path())  # chosen by hand: the reports and the history would go into the sample
    assert page.import_report(str(tmp_path / "laporan.csv")) is None
    page.village_combo.setLayer(QgsVectorLayer(f"{make_plan(tmp_path / 'plan.gpkg')}|layername=villages", "v", "ogr"))
    assert page.setup_editing() is None
    assert sample_fields() == fields
    with sqlite3.connect(f"file:{gpkg_path()}?mode=ro", uri=True) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert not any(t == "status_history" or t.startswith("mon_") for t in tables), tables
