"""The M&E report's texts of a site without a report for the month (s40-b)."""
from __future__ import annotations

import datetime as dt

import pytest

from kaltim_internet_plugin.core import monitoring as mon
from kaltim_internet_plugin.core import monitoring_store as store
from kaltim_internet_plugin.report import monitoring_report as report


def _records():
    recs = [{"code": "SYN-0001", "provider": "Telkomsel", "month": m, "period": m, "uptime_pct": 97.0,
             "active_users": 0} for m in ("2026-10", "2026-11")]
    recs.append({"code": "SYN-0002", "provider": "Telkomsel", "month": "2026-10", "period": "2026-10",
                 "uptime_pct": 99.9})
    recs.append({"code": "SYN-0001", "provider": "Telkomsel", "month": "2026-11",
                 "outage_start": dt.datetime(2026, 11, 2), "outage_end": dt.datetime(2026, 11, 2, 1)})
    return recs


def test_the_report_names_a_site_without_a_report_and_counts_it_apart(qgis_app):
    ev = mon.evaluate(_records(), month="2026-11")
    silent = [f for f in ev.flags if f["flag"] == "no_report"]
    assert [f["code"] for f in silent] == ["SYN-0002"]
    english = report.flag_message(silent[0], "en")
    assert "SYN-0002" in english and "no report" in english and "Nov 2026" in english
    indonesian = report.flag_message(silent[0], "id")
    assert "tidak ada laporan" in indonesian and "Nov 2026" in indonesian
    box = report.flags_text(ev.flags, lang="en")
    zero = sum(1 for f in ev.flags if f["flag"] == "zero_usage")
    assert f"{zero} zero-usage month(s)" in box  # a silent site was counted as a zero-usage month
    assert "1 site(s) without a report for the month." in box


# --------------------------------------------------------------------------------------------- a corrected report
def _report(path, uptime_v1: str, end_site: str) -> str:
    """An operator's NOC export as Excel saves it: BOM, semicolons, Indonesian numbers and dates, empty rows."""
    from tests.qgis.test_monitoring_qgis import CODES

    lines = ["kode_desa;kode_site;periode;uptime;mulai_gangguan;selesai_gangguan;penyebab",
             f"{CODES[0]};;Nov 2026;{uptime_v1};;;",
             f"{CODES[1]};;11/2026;98,0%;;;",
             f";SITE-1;;;02-11-2026 08.00;{end_site};radio",
             ";;;;;;", ";;;;;;"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return str(path)


def test_a_corrected_report_replaces_the_earlier_values_when_asked(provider, tmp_path):
    import sqlite3

    from tests.conftest import run_alg
    from tests.qgis.test_monitoring_qgis import CODES, import_params, make_plan

    plan = make_plan(tmp_path / "plan.gpkg")
    first = _report(tmp_path / "laporan_nov.csv", "95,5", "02-11-2026 10.00")
    res, _ = run_alg("kaltiminternet:importmonitoring", import_params(plan, first))
    assert (int(res["ROWS_READ"]), int(res["ROWS_IMPORTED"]), int(res["ROWS_REJECTED"])) == (3, 3, 0)

    fixed = _report(tmp_path / "laporan_nov_revisi.csv", "99,5", "02-11-2026 09.00")  # the operator's correction
    res, log = run_alg("kaltiminternet:importmonitoring", import_params(plan, fixed))
    # without the box ticked the earlier values are kept, and the log says how to import the correction
    assert int(res["ROWS_CONFLICT"]) == 2 and int(res["ROWS_REPLACED"]) == 0
    assert "If this file corrects them, run the import again with 'The file corrects reports imported before'" in log

    res, log = run_alg("kaltiminternet:importmonitoring", import_params(plan, fixed, REPLACE=True))
    assert int(res["ROWS_REPLACED"]) == 2 and int(res["ROWS_CONFLICT"]) == 0 and int(res["ROWS_DUPLICATE"]) == 1
    assert "Row 2: report for 64.01.01.2001 2026-11 replaces the value imported on" in log
    assert "laporan_nov.csv (row 2: uptime_pct 99.5, was 95.5)" in log
    assert "Row 4: outage of SITE-1 starting 2026-11-02T08:00:00 replaces" in log
    con = sqlite3.connect(plan)
    try:
        up = con.execute("SELECT uptime_pct FROM mon_reports WHERE code = ?", (CODES[0],)).fetchone()[0]
        end, dur = con.execute("SELECT outage_end, duration_s FROM mon_outages WHERE code = 'SITE-1'").fetchone()
        reports = con.execute("SELECT count(*) FROM mon_reports").fetchone()[0]
    finally:
        con.close()
    assert up == 99.5 and end == "2026-11-02T09:00:00" and dur == 3600.0 and reports == 2
    # the SLA reads the corrected values
    ev = mon.evaluate(store.load_records(plan), month="2026-11")
    assert {r["code"]: round(100 * r["availability"], 3) for r in ev.sla}[CODES[0]] == 99.5


def test_a_noc_export_in_english_notation_is_read_and_the_reading_said(provider, tmp_path):
    from tests.conftest import run_alg
    from tests.qgis.test_monitoring_qgis import import_params, make_plan

    plan = make_plan(tmp_path / "plan.gpkg")
    src = tmp_path / "noc.csv"
    src.write_text("site_id,period,availability,users\nSITE-1,2026-11,99.950,\"1,234\"\nSITE-2,2026-11,99.5,\"1,050\"\n",
                   encoding="utf-8")
    res, log = run_alg("kaltiminternet:importmonitoring", import_params(plan, str(src)))
    assert (int(res["ROWS_IMPORTED"]), int(res["ROWS_REJECTED"])) == (2, 0), log
    assert "'99.950'" in log and "row 2" in log  # the reading of the ambiguous value is said, with its row


def test_a_monthly_report_with_its_month_only_in_the_title(provider, tmp_path):
    """Every row of a report whose month is only in its title was rejected as 'missing period'."""
    from qgis.core import QgsProcessingException

    from tests.conftest import run_alg
    from tests.qgis.test_monitoring_qgis import CODES, import_params, make_plan

    plan = make_plan(tmp_path / "plan.gpkg")
    src = tmp_path / "laporan.csv"
    src.write_text(f"Laporan Ketersediaan Layanan November 2026\n\nkode_desa;uptime\n{CODES[0]};99,5\n"
                   f"{CODES[1]};97\n", encoding="utf-8")
    res, log = run_alg("kaltiminternet:importmonitoring", import_params(plan, str(src)))
    assert int(res["ROWS_REJECTED"]) == 2 and "missing period" in log
    res, log = run_alg("kaltiminternet:importmonitoring", import_params(plan, str(src), PERIOD="Nov 2026"))
    assert (int(res["ROWS_IMPORTED"]), int(res["ROWS_REJECTED"])) == (2, 0), log
    ev = mon.evaluate(store.load_records(plan))
    assert ev.month == "2026-11" and len(ev.sla) == 2
    with pytest.raises(QgsProcessingException, match="PERIOD = 2026-13 is not a month"):
        run_alg("kaltiminternet:importmonitoring", import_params(plan, str(src), PERIOD="2026-13"))


def test_status_words_the_workflow_does_not_know_are_named(provider, tmp_path):
    """A deploy_status written 'On Air' / 'sudah jalan' (an operator's or officer's words) was counted 'without status'
    and not active, without a word: the log now names the values, how many villages, and what to write."""
    import csv

    from osgeo import ogr

    from tests.conftest import run_alg
    from tests.qgis.test_monitoring_qgis import CODES, import_params, make_plan, sla_rows_constructed, write_csv

    plan = make_plan(tmp_path / "plan.gpkg")
    run_alg("kaltiminternet:importmonitoring", import_params(plan, write_csv(tmp_path / "s.csv",
                                                                            sla_rows_constructed())))
    ds = ogr.Open(plan, 1)
    lyr = ds.GetLayerByName("villages")
    lyr.CreateField(ogr.FieldDefn("deploy_status", ogr.OFTString))
    words = dict(zip(CODES, ("Aktif", "On Air", "sudah jalan")))
    for f in lyr:
        f.SetField("deploy_status", words[f.GetField("kode")])
        lyr.SetFeature(f)
    ds = None
    folder = tmp_path / "report"
    res, log = run_alg("kaltiminternet:slareport", {
        "PLAN_DB": plan, "VILLAGES": f"{plan}|layername=villages", "OUTPUT_REPORT_FOLDER": str(folder),
        "OUTPUT_SLA": "memory:", "OUTPUT_SCORECARD": "memory:", "OUTPUT_FLAGS": "memory:"})
    with open(folder / f"indicators_{res['REPORT_MONTH']}.csv", encoding="utf-8") as fh:
        ind = {r[0]: r[1] for r in csv.reader(fh)}
    assert ind["Desa aktif"] == "1" and ind["Desa tanpa status"] == "2", ind
    assert "deploy_status holds values that are no workflow status: On Air, sudah jalan (2 villages)" in log, log
    assert "Write one of planned, surveyed" in log


def test_site_rows_without_a_site_layer_say_so(provider, tmp_path):
    from tests.conftest import run_alg
    from tests.qgis.test_monitoring_qgis import CODES, make_plan

    plan = make_plan(tmp_path / "plan.gpkg")
    src = tmp_path / "r.csv"
    src.write_text(f"kode_site;kode_desa;periode;uptime\nSITE-1;;2026-11;99\nSITE-2;;2026-11;98\n;{CODES[0]};2026-11;97\n",
                   encoding="utf-8")
    res, log = run_alg("kaltiminternet:importmonitoring", {"INPUT": str(src), "PLAN_DB": plan,
                                                           "VILLAGES": f"{plan}|layername=villages"})
    assert int(res["ROWS_IMPORTED"]) == 1 and int(res["ROWS_REJECTED"]) == 2
    assert "2 rows name sites, but no site layer was given (SITES)" in log, log
    res, log = run_alg("kaltiminternet:importmonitoring", {
        "INPUT": str(src), "PLAN_DB": plan, "VILLAGES": f"{plan}|layername=villages",
        "SITES": f"{plan}|layername=sites"})
    assert int(res["ROWS_IMPORTED"]) == 2 and "no site layer" not in log


def test_the_log_below_reported_flag_in_words():
    flag = {"flag": "log_below_reported", "code": "SITE-1", "provider": "XL", "months": "2026-11", "run_length": 1,
            "reported_pct": 95.0, "log_pct": 99.8611}
    assert report.flag_message(flag, "en") == ("SITE-1: XL reports 95.00 % for Nov 2026, its outage log gives 99.86 %:"
                                               " the SLA uses the log - check that the log holds every outage")
    assert "95,00 %" in report.flag_message(flag, "id")
    box = report.flags_text([flag], lang="en")
    assert "0 zero-usage month(s)" in box and "1 site-month(s) whose outage log gives more" in box


def test_a_village_layer_with_a_numeric_code_field_knows_the_reports_villages(provider, tmp_path):
    """Village codes kept as real numbers (6401012009.0, a spreadsheet's villages loaded into QGIS): every report row
    was an unknown village."""
    from qgis.core import QgsFeature, QgsField, QgsProject, QgsVectorLayer

    from kaltim_internet_plugin.compat import FieldType
    from tests.conftest import run_alg
    from tests.qgis.test_monitoring_qgis import make_plan

    plan = make_plan(tmp_path / "plan.gpkg")
    layer = QgsVectorLayer("None", "desa", "memory")
    layer.dataProvider().addAttributes([QgsField("kode", FieldType.Double)])
    layer.updateFields()
    for code in (6401012009.0, 6401012010.0):
        f = QgsFeature(layer.fields())
        f["kode"] = code
        layer.dataProvider().addFeature(f)
    QgsProject.instance().addMapLayer(layer)
    src = tmp_path / "r.csv"
    src.write_text("kode_desa;periode;uptime\n64.01.01.2009;2026-11;99\n6401012010;2026-11;98\n", encoding="utf-8")
    try:
        res, log = run_alg("kaltiminternet:importmonitoring", {"INPUT": str(src), "PLAN_DB": plan,
                                                               "VILLAGES": layer.id()})
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    assert (int(res["ROWS_IMPORTED"]), int(res["ROWS_REJECTED"])) == (2, 0), log


def test_a_diskominfo_workbook_imports_as_the_officer_sees_it(provider, tmp_path):
    """A Kominfo officer's XLSX: title rows, codes as numbers, months as Excel's 'mmm-yy' text, uptime in percent
    cells, an average row and numbered empty rows."""
    openpyxl = pytest.importorskip("openpyxl")
    import sqlite3

    from tests.conftest import run_alg
    from tests.qgis.test_monitoring_qgis import import_params, make_plan

    plan = make_plan(tmp_path / "plan.gpkg")  # villages 64.01.01.2001-2003
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["LAPORAN LAYANAN INTERNET DESA - DISKOMINFO KALTIM"])
    ws.append([])
    ws.append(["No", "Kode Desa", "Nama Desa", "Bulan Laporan", "Uptime", "User Aktif", "Tim Teknisi"])
    ws.append([1, 6401012001, "A", "Nov-26", 0.995, "1.234", "Budi"])
    ws.append([2, "64 01 01 2002", "B", "Nov-26", 0.97, 12, "Sari"])
    ws.append([None, "Rata-rata", None, None, "=AVERAGE(E4:E5)", None, None])
    for n in (3, 4, 5):
        ws.append([n])
    for cell in ("E4", "E5"):
        ws[cell].number_format = "0.0%"
    src = tmp_path / "laporan_nov.xlsx"
    wb.save(src)
    res, log = run_alg("kaltiminternet:importmonitoring", import_params(plan, str(src)))
    assert (int(res["ROWS_IMPORTED"]), int(res["ROWS_REJECTED"])) == (2, 1), log
    assert "Rata-rata" in log and "hold only their number (No)" in log and "Tim Teknisi" in log
    con = sqlite3.connect(plan)
    try:
        rows = con.execute("SELECT code, period, uptime_pct, active_users FROM mon_reports ORDER BY code").fetchall()
    finally:
        con.close()
    assert rows == [("64.01.01.2001", "2026-11", 99.5, 1234.0), ("64.01.01.2002", "2026-11", 97.0, 12.0)]


def test_the_flags_table_without_a_report_folder_knows_a_migrated_village(provider, tmp_path):
    from osgeo import ogr

    from tests.conftest import run_alg
    from tests.qgis.test_monitoring_qgis import CODES, import_params, make_plan

    plan = make_plan(tmp_path / "plan.gpkg")
    src = tmp_path / "r.csv"
    src.write_text(f"kode_desa;periode;uptime\n{CODES[0]};2026-10;99\n{CODES[1]};2026-10;99\n{CODES[0]};2026-11;99\n",
                   encoding="utf-8")
    run_alg("kaltiminternet:importmonitoring", import_params(plan, str(src)))
    ds = ogr.Open(plan, 1)
    lyr = ds.GetLayerByName("villages")
    lyr.CreateField(ogr.FieldDefn("deploy_status", ogr.OFTString))
    for f in lyr:
        f.SetField("deploy_status", "migrated" if f.GetField("kode") == CODES[1] else "active")
        lyr.SetFeature(f)
    ds = None
    params = {"PLAN_DB": plan, "OUTPUT_SLA": "memory:", "OUTPUT_SCORECARD": "memory:", "OUTPUT_FLAGS": "memory:"}
    res, _ = run_alg("kaltiminternet:slareport", params)
    assert int(res["FLAG_COUNT"]) == 1  # no village layer: the plugin cannot know CODES[1] migrated
    res, _ = run_alg("kaltiminternet:slareport", dict(params, VILLAGES=f"{plan}|layername=villages"))
    assert int(res["FLAG_COUNT"]) == 0
