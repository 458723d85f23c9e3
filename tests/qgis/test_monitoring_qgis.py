"""Monitoring in QGIS (issue 7): status forms + history from ordinary edits, importmonitoring, slareport."""
from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from osgeo import ogr, osr
from qgis.core import (
    QgsFeature,
    QgsFieldConstraints,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsVectorLayer,
    QgsVectorLayerUtils,
)
from qgis.PyQt.QtCore import QDate

from kaltim_internet_plugin.core import monitoring_store as store
from kaltim_internet_plugin.io import status_workflow as sw
from tests.conftest import ROOT, run_alg

CODES = ["64.01.01.2001", "64.01.01.2002", "64.01.01.2003"]


def make_plan(path: Path, with_fields: bool = True, year: bool = True) -> str:
    """A small plan GeoPackage: 3 village polygons (kode, nama, nama_kab, year) + 2 sites (site_id)."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    lyr = ds.CreateLayer("villages", srs, ogr.wkbPolygon)
    for name, t in (("kode", ogr.OFTString), ("nama", ogr.OFTString), ("nama_kab", ogr.OFTString),
                    ("year", ogr.OFTInteger)):
        if name == "year" and not year:
            continue
        lyr.CreateField(ogr.FieldDefn(name, t))
    for i, code in enumerate(CODES):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("kode", code)
        f.SetField("nama", f"Desa {i + 1}")
        f.SetField("nama_kab", "Paser")
        if year:
            f.SetField("year", 2025 + i)
        x = 116.0 + i * 0.1
        f.SetGeometry(ogr.CreateGeometryFromWkt(
            f"POLYGON(({x} -1,{x + 0.09} -1,{x + 0.09} -0.91,{x} -0.91,{x} -1))"))
        lyr.CreateFeature(f)
    sites = ds.CreateLayer("sites", srs, ogr.wkbPoint)
    sites.CreateField(ogr.FieldDefn("site_id", ogr.OFTString))
    for sid, x in (("SITE-1", 116.05), ("SITE-2", 116.15)):
        f = ogr.Feature(sites.GetLayerDefn())
        f.SetField("site_id", sid)
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT({x} -0.95)"))
        sites.CreateFeature(f)
    ds = None
    if with_fields:
        added = sw.add_monitoring_fields(str(path), "villages")
        assert added == ["status", "survey_date", "contract_date", "install_date", "active_date", "status_note"]
    return str(path)


def history(db):
    return store.status_history(db)


@pytest.fixture()
def plan(tmp_path):
    return make_plan(tmp_path / "plan.gpkg")


@pytest.fixture()
def villages(plan):
    layer = QgsVectorLayer(f"{plan}|layername=villages", "villages", "ogr")
    assert layer.isValid()
    yield layer
    sw.stop_status_editing(layer)


def fid_of(layer, code):
    return next(f.id() for f in layer.getFeatures() if f["kode"] == code)


# --------------------------------------------------------------------------------------------- fields / forms
def test_add_monitoring_fields_is_explicit_and_idempotent(tmp_path):
    path = make_plan(tmp_path / "p.gpkg", with_fields=False)
    layer = QgsVectorLayer(f"{path}|layername=villages", "v", "ogr")
    assert "status" not in layer.fields().names()
    with pytest.raises(ValueError, match="no 'status' field"):
        sw.setup_status_editing(layer, path)
    assert "status" not in QgsVectorLayer(f"{path}|layername=villages", "v", "ogr").fields().names()
    added = sw.add_monitoring_fields(path, "villages")
    assert "status" in added and "install_date" in added
    assert sw.add_monitoring_fields(path, "villages") == []
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
    con.close()
    assert {"villages", "sites", "status_history", "mon_reports", "mon_outages", "mon_imports"} <= tables


def test_form_config_and_constraints(villages, plan):
    sw.setup_status_editing(villages, plan)
    fields = villages.fields()
    setup = villages.editorWidgetSetup(fields.indexOf("status"))
    assert setup.type() == "ValueMap"
    pairs = {list(d.values())[0]: list(d.keys())[0] for d in setup.config()["map"]}
    assert pairs["planned"] == "Direncanakan" and pairs["active"] == "Aktif" and pairs["migrated"] == "Dimigrasi"
    for name in sw.DATE_FIELDS:
        ds = villages.editorWidgetSetup(fields.indexOf(name))
        assert ds.type() == "DateTime" and ds.config()["calendar_popup"] and ds.config()["field_format"] == "yyyy-MM-dd"
    cons = villages.fields().field("status").constraints()
    assert cons.constraints() & QgsFieldConstraints.ConstraintExpression
    hard = QgsFieldConstraints.ConstraintStrengthHard
    assert cons.constraintStrength(QgsFieldConstraints.ConstraintExpression) == hard
    assert "install_date" in cons.constraintExpression() and "installation date" in cons.constraintDescription()
    icons = villages.fields().field("install_date").constraints()
    assert "now()" in icons.constraintExpression()
    assert icons.constraintStrength(QgsFieldConstraints.ConstraintExpression) == hard

    f = villages.getFeature(fid_of(villages, CODES[0]))
    si, ii = fields.indexOf("status"), fields.indexOf("install_date")
    f.setAttribute(si, "active")
    ok, errors = QgsVectorLayerUtils.validateAttribute(villages, f, si)
    assert not ok and errors
    f.setAttribute(ii, QDate(2025, 3, 1))
    ok, errors = QgsVectorLayerUtils.validateAttribute(villages, f, si)
    assert ok, errors
    ok, _ = QgsVectorLayerUtils.validateAttribute(villages, f, ii)
    assert ok
    f.setAttribute(ii, QDate.currentDate().addDays(10))
    ok, errors = QgsVectorLayerUtils.validateAttribute(villages, f, ii)
    assert not ok and errors
    # activation before installation is refused too
    f.setAttribute(ii, QDate(2025, 3, 1))
    f.setAttribute(fields.indexOf("active_date"), QDate(2025, 2, 1))
    ok, _ = QgsVectorLayerUtils.validateAttribute(villages, f, fields.indexOf("active_date"))
    assert not ok
    f.setAttribute(si, "bogus")
    ok, _ = QgsVectorLayerUtils.validateAttribute(villages, f, si)
    assert not ok


# --------------------------------------------------------------------------------------------- history
def test_history_from_ordinary_edits_with_undo_redo(villages, plan):
    rec = sw.setup_status_editing(villages, plan)
    si = villages.fields().indexOf("status")
    ni = villages.fields().indexOf("status_note")
    fid = fid_of(villages, CODES[0])
    assert villages.startEditing()
    villages.changeAttributeValue(fid, si, "planned")
    villages.changeAttributeValue(fid, ni, "first plan")
    assert villages.commitChanges()
    rows = history(plan)
    assert [(r["code"], r["old_status"], r["new_status"], r["note"]) for r in rows] == [
        (CODES[0], None, "planned", "first plan")]
    assert rows[0]["changed_by"] and rows[0]["layer"] == "villages" and rows[0]["fid"] == fid

    # edit twice, undo once, commit -> only the committed change
    assert villages.startEditing()
    villages.beginEditCommand("s1")
    villages.changeAttributeValue(fid, si, "surveyed")
    villages.endEditCommand()
    villages.beginEditCommand("s2")
    villages.changeAttributeValue(fid, si, "contracted")
    villages.endEditCommand()
    villages.undoStack().undo()
    assert villages.getFeature(fid)["status"] == "surveyed"
    assert villages.commitChanges()
    rows = history(plan)
    assert [(r["old_status"], r["new_status"]) for r in rows] == [(None, "planned"), ("planned", "surveyed")]

    # undo then redo -> the redone value is committed
    assert villages.startEditing()
    villages.beginEditCommand("c")
    villages.changeAttributeValue(fid, si, "contracted")
    villages.endEditCommand()
    villages.undoStack().undo()
    villages.undoStack().redo()
    assert villages.commitChanges()
    assert [r["new_status"] for r in history(plan)] == ["planned", "surveyed", "contracted"]

    # edit and undo everything -> nothing written
    assert villages.startEditing()
    villages.beginEditCommand("x")
    villages.changeAttributeValue(fid, si, "migrated")
    villages.endEditCommand()
    villages.undoStack().undo()
    assert villages.commitChanges()
    assert len(history(plan)) == 3

    # a rolled-back edit writes nothing
    assert villages.startEditing()
    villages.changeAttributeValue(fid, si, "migrated")
    assert villages.rollBack()
    assert len(history(plan)) == 3
    assert villages.getFeature(fid)["status"] == "contracted"
    assert rec.errors == []

    # history cannot be rewritten
    con = sqlite3.connect(plan)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("UPDATE status_history SET new_status='active'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("DELETE FROM status_history")
    con.close()


def test_history_outside_workflow_is_kept_with_a_note_and_new_features(villages, plan):
    sw.setup_status_editing(villages, plan)
    si = villages.fields().indexOf("status")
    ii = villages.fields().indexOf("install_date")
    a, b = fid_of(villages, CODES[1]), fid_of(villages, CODES[2])
    assert villages.startEditing()
    villages.changeAttributeValue(a, si, "planned")
    villages.changeAttributeValue(b, si, "planned")
    assert villages.commitChanges()
    assert villages.startEditing()
    villages.changeAttributeValue(a, ii, QDate(2025, 1, 5))
    villages.changeAttributeValue(a, si, "installed")  # planned -> installed skips steps
    f = QgsFeature(villages.fields())
    f.setAttribute("kode", "64.01.01.2009")
    f.setAttribute("status", "planned")
    f.setGeometry(QgsGeometry.fromPolygonXY([[QgsPointXY(117, -1), QgsPointXY(117.1, -1), QgsPointXY(117.1, -0.9),
                                              QgsPointXY(117, -1)]]))
    assert villages.addFeature(f)
    assert villages.commitChanges(), villages.commitErrors()
    rows = history(plan)
    assert len(rows) == 4
    odd = [r for r in rows if r["code"] == CODES[1]][-1]
    assert (odd["old_status"], odd["new_status"]) == ("planned", "installed") and "outside the workflow" in odd["note"]
    new = [r for r in rows if r["code"] == "64.01.01.2009"]
    assert len(new) == 1 and new[0]["old_status"] is None and new[0]["fid"] > 0


def test_setup_twice_does_not_duplicate_rows(villages, plan):
    sw.setup_status_editing(villages, plan)
    sw.setup_status_editing(villages, plan)
    si = villages.fields().indexOf("status")
    assert villages.startEditing()
    villages.changeAttributeValue(fid_of(villages, CODES[0]), si, "planned")
    assert villages.commitChanges()
    assert len(history(plan)) == 1


# --------------------------------------------------------------------------------------------- import
HEADER = ["kode_site", "kode_desa", "periode", "provider", "uptime", "pengguna_aktif", "unduh_mbps", "unggah_mbps",
          "mulai_gangguan", "selesai_gangguan", "penyebab", "padam_listrik"]


def write_csv(path: Path, rows: list) -> str:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)
    return str(path)


def report_rows():
    v1, v2, v3 = CODES
    return [
        ["", v1, "2025-01", "ProvA", "99.5", "120", "30", "5", "", "", "", ""],  # 2 ok
        ["", v2, "2025-01", "ProvA", "abc", "", "", "", "", "", "", ""],  # 3 bad number
        ["", "64.01.01.9999", "2025-01", "ProvA", "99", "", "", "", "", "", "", ""],  # 4 unknown code
        ["", "", "2025-01", "ProvA", "99", "", "", "", "", "", "", ""],  # 5 no code
        ["SITE-1", "", "", "ProvA", "", "", "", "", "2025-01-10 08:00", "2025-01-10 10:00", "radio", ""],  # 6
        ["SITE-1", "", "", "ProvA", "", "", "", "", "2025-01-10 09:00", "2025-01-10 11:00", "radio", ""],  # 7 overlap
        ["SITE-1", "", "", "ProvA", "", "", "", "", "2025-01-15 00:00", "2025-01-15 00:04", "flap", ""],  # 8 short
        ["SITE-1", "", "", "ProvA", "", "", "", "", "2025-01-20 00:00", "2025-01-20 06:00", "PLN padam", ""],  # 9
        ["SITE-1", "", "", "ProvA", "", "", "", "", "2025-01-21 00:00", "2025-01-21 01:00", "genset", "ya"],  # 10
        ["", v1, "2025-01", "ProvA", "99.5", "120", "30", "5", "", "", "", ""],  # 11 duplicate of 2
        ["", v1, "2025-01", "ProvA", "97", "120", "30", "5", "", "", "", ""],  # 12 conflict with 2
        ["SITE-2", "", "", "ProvA", "", "", "", "", "2025-01-05 10:00", "2025-01-05 09:00", "x", ""],  # 13 end<start
        ["", v3, "2025-01", "ProvA", "", "0", "", "", "", "", "", ""],  # 14 zero usage
    ]


def import_params(plan, src, rejects=None, **extra):
    p = {"INPUT": src, "PLAN_DB": plan, "VILLAGES": f"{plan}|layername=villages",
         "SITES": f"{plan}|layername=sites"}
    if rejects:
        p["REJECTS"] = str(rejects)
    p.update(extra)
    return p


def counts(res):
    return tuple(int(res[k]) for k in ("ROWS_READ", "ROWS_IMPORTED", "ROWS_REJECTED", "ROWS_DUPLICATE",
                                       "ROWS_CONFLICT"))


def table_count(db, table):
    con = sqlite3.connect(db)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_import_counts_rejects_file_and_idempotency(provider, plan, tmp_path):
    src = write_csv(tmp_path / "laporan.csv", report_rows())
    rejects = tmp_path / "rejects.csv"
    res, log = run_alg("kaltiminternet:importmonitoring", import_params(plan, src, rejects))
    assert counts(res) == (13, 7, 5, 1, 1)
    assert int(res["OUTAGES_IMPORTED"]) == 5
    with open(rejects, encoding="utf-8") as fh:
        lines = list(csv.reader(fh))
    assert lines[0][:3] == ["row", "reason", "kode_site"]
    reasons = {int(r[0]): r[1] for r in lines[1:]}
    assert sorted(reasons) == [3, 4, 5, 12, 13]
    assert "not a number" in reasons[3]
    assert "unknown village code '64.01.01.9999'" in reasons[4]
    assert "missing site or village code" in reasons[5]
    assert "differs from row 2 of this file" in reasons[12]
    assert "before start" in reasons[13]
    for row in (3, 4, 5, 12, 13):
        assert f"Row {row} rejected" in log
    assert table_count(plan, "mon_reports") == 2 and table_count(plan, "mon_outages") == 5

    # the same file again: nothing new
    res2, _ = run_alg("kaltiminternet:importmonitoring", import_params(plan, src))
    assert counts(res2) == (13, 0, 5, 8, 1)  # 12 still conflicts (now with the first import)
    assert table_count(plan, "mon_reports") == 2 and table_count(plan, "mon_outages") == 5
    assert table_count(plan, "mon_imports") == 2


def test_import_without_known_codes_and_provider_default(provider, tmp_path):
    plan = make_plan(tmp_path / "p.gpkg")
    src = tmp_path / "r.csv"
    with open(src, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["kode_desa", "periode", "uptime"])
        w.writerow(["64.99.99.9999", "2025-02", "98"])
    res, _ = run_alg("kaltiminternet:importmonitoring", {"INPUT": str(src), "PLAN_DB": plan, "PROVIDER": "ProvZ"})
    assert counts(res) == (1, 1, 0, 0, 0)
    con = sqlite3.connect(plan)
    assert con.execute("SELECT provider FROM mon_reports").fetchone()[0] == "ProvZ"
    con.close()


def test_import_xlsx(provider, plan, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in report_rows()[:5]:
        ws.append(r)
    path = tmp_path / "laporan.xlsx"
    wb.save(path)
    res, _ = run_alg("kaltiminternet:importmonitoring", import_params(plan, str(path), tmp_path / "rj.csv"))
    assert counts(res) == (5, 2, 3, 0, 0)


def test_import_bad_input_is_a_clear_error(provider, plan, tmp_path):
    with pytest.raises(QgsProcessingException, match="does not exist"):
        run_alg("kaltiminternet:importmonitoring", {"INPUT": str(tmp_path / "nope.csv"), "PLAN_DB": plan})



@pytest.mark.parametrize("ddl,table,lacking", [
    # the user's own history: the import ran, and made it append-only (updates and deletes aborted from then on)
    ("CREATE TABLE status_history (id INTEGER PRIMARY KEY, code TEXT, changed_at TEXT, note TEXT)",
     "status_history", "layer, fid, old_status, new_status, changed_by"),
    # the user's own reports (another letter case is the same table for SQLite): "no such column: month"
    ("CREATE TABLE Mon_Reports (id INTEGER PRIMARY KEY, code TEXT, note TEXT)", "Mon_Reports",
     "fid, import_id, source_row, code_type, provider, period …"),
])
def test_import_never_writes_into_a_users_table_of_a_monitoring_name(provider, tmp_path, ddl, table, lacking):
    """PLAN_DB holding a table of the user's named like a monitoring table: the import added the append-only
    triggers and an index to the user's status_history (and would add its rows to a table of its names holding its
    columns), or stopped on SQLite's "no such column: month". Refused before any work, naming the file, the table, the
    columns it lacks and the fix; the file is byte for byte as it was. The plan's own tables (made by an earlier
    import) are the tool's: a second import is not refused."""
    import hashlib

    db = make_plan(tmp_path / "mine.gpkg", with_fields=False)  # (no monitoring table yet)
    con = sqlite3.connect(db)
    with con:
        con.execute(ddl)
        con.execute(f"INSERT INTO {table} (code, note) VALUES ('64.01.01.2001', 'mine')")
    con.close()
    before = hashlib.sha256(Path(db).read_bytes()).hexdigest()
    src = write_csv(tmp_path / "jan.csv", report_rows()[:1])
    with pytest.raises(QgsProcessingException) as ei:
        run_alg("kaltiminternet:importmonitoring", {"INPUT": src, "PLAN_DB": db})
    text = str(ei.value)
    assert f"PLAN_DB = {db} holds a table '{table}' that this tool did not write (it has no column {lacking}): " \
        "this tool keeps its monitoring records in tables named mon_imports, mon_reports, mon_outages, " \
        f"status_history and would write into yours. Rename your table '{table}'" in text, text
    assert "Nothing was changed" in text and "no such column" not in text
    assert hashlib.sha256(Path(db).read_bytes()).hexdigest() == before
    ours = make_plan(tmp_path / "plan.gpkg")
    for _ in range(2):
        res, _log = run_alg("kaltiminternet:importmonitoring", {"INPUT": src, "PLAN_DB": ours})
    assert table_count(ours, "mon_reports") == 1 and int(res["ROWS_DUPLICATE"]) == 1

def test_fault_injection_rolls_back_everything(provider, plan, tmp_path, monkeypatch):
    first = write_csv(tmp_path / "jan.csv", report_rows()[:1])
    assert counts(run_alg("kaltiminternet:importmonitoring", import_params(plan, first))[0])[1] == 1
    rows = [["", CODES[i % 3], f"2024-{m:02d}", f"P{i}", "99", "", "", "", "", "", "", ""]
            for i in range(30) for m in (1, 2)]
    second = write_csv(tmp_path / "big.csv", rows)
    monkeypatch.setenv("KALTIM_IMPORT_FAIL_AT_ROW", "25")
    with pytest.raises(QgsProcessingException, match="rolled back"):
        run_alg("kaltiminternet:importmonitoring", import_params(plan, second))
    assert table_count(plan, "mon_reports") == 1 and table_count(plan, "mon_imports") == 1
    monkeypatch.delenv("KALTIM_IMPORT_FAIL_AT_ROW")
    res, _ = run_alg("kaltiminternet:importmonitoring", import_params(plan, second))
    assert counts(res)[1] == 60 and table_count(plan, "mon_reports") == 61



def test_a_failed_first_import_leaves_no_monitoring_table(provider, tmp_path, monkeypatch):
    """The first import into a plan without monitoring tables failed (here a fault at its first record; a cancel, a
    full disk or a lock alike): the message said "rolled back; the plan GeoPackage is unchanged", but the four empty
    mon_* / status_history tables it had created (in their own transaction, before the import's) stayed in the
    plan and in its gpkg_contents. All or nothing: the file's tables are as they were."""
    plan = make_plan(tmp_path / "fresh.gpkg", with_fields=False)

    def tables():
        con = sqlite3.connect(plan)
        try:
            return (sorted(r[0] for r in con.execute("SELECT name FROM sqlite_master")),
                    sorted(r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")))
        finally:
            con.close()

    before = tables()
    src = write_csv(tmp_path / "jan.csv", report_rows()[:1])
    monkeypatch.setenv("KALTIM_IMPORT_FAIL_AT_ROW", "0")
    with pytest.raises(QgsProcessingException, match="rolled back"):
        run_alg("kaltiminternet:importmonitoring", {"INPUT": src, "PLAN_DB": plan})
    assert tables() == before
    monkeypatch.delenv("KALTIM_IMPORT_FAIL_AT_ROW")
    res, _ = run_alg("kaltiminternet:importmonitoring", {"INPUT": src, "PLAN_DB": plan})
    assert counts(res)[1] == 1 and table_count(plan, "mon_reports") == 1


KILL_SCRIPT = r"""
import sys
sys.path.insert(0, {scripts!r})
from qgis_headless import start_qgis, run
start_qgis()
run("kaltiminternet:importmonitoring", {{"INPUT": {src!r}, "PLAN_DB": {plan!r}}})
print("FINISHED")
"""


def test_killed_import_leaves_earlier_data_intact(provider, plan, tmp_path):
    first = write_csv(tmp_path / "jan.csv", report_rows()[:1] + report_rows()[4:6])
    assert counts(run_alg("kaltiminternet:importmonitoring", import_params(plan, first))[0])[1] == 3
    before = {t: table_count(plan, t) for t in ("mon_reports", "mon_outages", "mon_imports")}
    rows = [["", f"64.02.{i // 100:02d}.{2000 + i % 100}", f"2024-{m:02d}", "ProvK", "99", "", "", "", "", "", "",
             ""] for i in range(1500) for m in range(1, 3)]
    big = write_csv(tmp_path / "big.csv", rows)
    script = tmp_path / "kill_me.py"
    script.write_text(KILL_SCRIPT.format(scripts=str(ROOT / "scripts"), src=big, plan=plan), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KALTIM_IMPORT_ROW_DELAY_S="0.005")
    proc = subprocess.Popen([sys.executable, str(script)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    journal = Path(plan + "-journal")
    wal = Path(plan + "-wal")
    deadline = time.time() + 60
    while time.time() < deadline and not (journal.exists() or wal.exists()) and proc.poll() is None:
        time.sleep(0.02)
    assert proc.poll() is None, proc.stdout.read().decode()
    time.sleep(0.5)  # well inside the 3000-record transaction (about 15 s)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    after = {t: table_count(plan, t) for t in ("mon_reports", "mon_outages", "mon_imports")}
    assert after == before
    con = sqlite3.connect(plan)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM mon_reports WHERE provider='ProvK'").fetchone()[0] == 0
    con.close()
    # the plan GeoPackage still opens in QGIS and a new import works
    assert QgsVectorLayer(f"{plan}|layername=villages", "v", "ogr").featureCount() == 3


# --------------------------------------------------------------------------------------------- SLA
def sla_rows_constructed():
    return [
        # SITE-2 ProvB: Feb 27 12:00 -> Mar 1 12:00 spans a month boundary
        ["SITE-2", "", "", "ProvB", "", "", "", "", "2025-02-27 12:00", "2025-03-01 12:00", "fiber cut", ""],
        ["SITE-2", "", "", "ProvB", "", "", "", "", "2025-03-10 00:00", "2025-03-11 00:00", "radio", ""],
        ["SITE-2", "", "", "ProvB", "", "", "", "", "2025-03-10 12:00", "2025-03-10 18:00", "radio", ""],  # inside
        ["SITE-2", "", "", "ProvB", "", "", "", "", "2025-04-05 00:00", "2025-04-06 12:00", "radio", ""],
        ["SITE-2", "", "", "ProvB", "", "", "", "", "2025-04-20 00:00:00", "2025-04-20 00:05:01", "flap", ""],
        ["SITE-2", "", "", "ProvB", "", "", "", "", "2025-04-20 00:10:00", "2025-04-20 00:15:00", "flap", ""],
        ["SITE-2", "", "", "ProvB", "", "", "", "", "2025-04-25 00:00", "2025-04-27 00:00", "PLN", ""],
        # SITE-1 ProvA: reported uptime only
        ["SITE-1", "", "2025-03", "ProvA", "99.5", "40", "30", "5", "", "", "", ""],
        ["SITE-1", "", "2025-04", "ProvA", "98", "0", "20", "2", "", "", "", ""],
    ]


def as_layer(value):
    if isinstance(value, QgsVectorLayer):
        return value
    from qgis.core import QgsProcessingContext, QgsProcessingUtils
    return QgsProcessingUtils.mapLayerFromString(value, QgsProcessingContext())


def test_slareport_arithmetic_scorecard_and_flags(provider, plan, tmp_path):
    src = write_csv(tmp_path / "sla.csv", sla_rows_constructed())
    res, _ = run_alg("kaltiminternet:importmonitoring", import_params(plan, src))
    assert counts(res) == (9, 9, 0, 0, 0)
    res, log = run_alg("kaltiminternet:slareport", {"PLAN_DB": plan, "OUTPUT_SLA": "memory:",
                                                   "OUTPUT_SCORECARD": "memory:", "OUTPUT_FLAGS": "memory:"})
    sla = {(f["code"], f["month"]): f for f in as_layer(res["OUTPUT_SLA"]).getFeatures()}
    feb, mar, apr = sla[("SITE-2", "2025-02")], sla[("SITE-2", "2025-03")], sla[("SITE-2", "2025-04")]
    assert feb["counted_downtime_s"] == 36 * 3600
    assert feb["availability_pct"] == pytest.approx(100 * (1 - 129600 / (28 * 86400)))
    assert mar["counted_downtime_s"] == 12 * 3600 + 86400  # the inner outage is not counted twice
    assert apr["counted_downtime_s"] == 129600 + 301  # 301 s counts, 300 s and the PLN outage do not
    assert all(sla[k]["restitution"] for k in (("SITE-2", "2025-02"), ("SITE-2", "2025-03"), ("SITE-2", "2025-04")))
    assert sla[("SITE-1", "2025-03")]["availability_pct"] == pytest.approx(99.5)
    assert not sla[("SITE-1", "2025-03")]["restitution"] and sla[("SITE-1", "2025-04")]["restitution"]
    assert sla[("SITE-1", "2025-03")]["basis"] == "reported_uptime"
    score = {f["provider"]: f for f in as_layer(res["OUTPUT_SCORECARD"]).getFeatures()}
    assert score["ProvB"]["months_below_target"] == 3 and score["ProvA"]["sites"] == 1
    flags = [(f["flag"], f["code"], f["months"]) for f in as_layer(res["OUTPUT_FLAGS"]).getFeatures()]
    assert ("consider_another_provider", "SITE-2", "2025-02, 2025-03, 2025-04") in flags
    assert ("zero_usage", "SITE-1", "2025-04") in flags
    assert int(res["FLAG_COUNT"]) == 2 and "consider another provider" in log

    # parameters change the arithmetic: 4 months needed -> no provider flag; 400 s -> the 301 s outage ignored
    res2, _ = run_alg("kaltiminternet:slareport", {"PLAN_DB": plan, "CONSECUTIVE_MONTHS": 4, "MIN_OUTAGE_S": 400,
                                                  "TARGET_PCT": 94.9, "OUTPUT_SLA": "memory:",
                                                  "OUTPUT_SCORECARD": "memory:", "OUTPUT_FLAGS": "memory:"})
    sla2 = {(f["code"], f["month"]): f for f in as_layer(res2["OUTPUT_SLA"]).getFeatures()}
    assert sla2[("SITE-2", "2025-04")]["counted_downtime_s"] == 129600
    assert not sla2[("SITE-2", "2025-04")]["restitution"] and sla2[("SITE-2", "2025-02")]["restitution"]
    assert [f["flag"] for f in as_layer(res2["OUTPUT_FLAGS"]).getFeatures()] == ["zero_usage"]


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_monthly_report_pdf_and_csv(provider, plan, tmp_path):
    src = write_csv(tmp_path / "sla.csv", sla_rows_constructed())
    run_alg("kaltiminternet:importmonitoring", import_params(plan, src))
    layer = QgsVectorLayer(f"{plan}|layername=villages", "villages", "ogr")
    assert layer.startEditing()
    layer.changeAttributeValue(fid_of(layer, CODES[0]), layer.fields().indexOf("status"), "planned")
    assert layer.commitChanges()
    folder = tmp_path / "report"
    res, _ = run_alg("kaltiminternet:slareport", {
        "PLAN_DB": plan, "VILLAGES": f"{plan}|layername=villages", "OUTPUT_REPORT_FOLDER": str(folder),
        "OUTPUT_SLA": "memory:", "OUTPUT_SCORECARD": "memory:", "OUTPUT_FLAGS": "memory:"})
    assert res["REPORT_MONTH"] == "2025-04"
    # a month without reports: the report is written, and the log says why it is empty and which months have data
    empty, log = run_alg("kaltiminternet:slareport", {
        "PLAN_DB": plan, "REPORT_MONTH": "2020-01", "OUTPUT_SLA": "memory:", "OUTPUT_SCORECARD": "memory:",
        "OUTPUT_FLAGS": "memory:"})
    assert empty["REPORT_MONTH"] == "2020-01" and "No service report for 2020-01" in log and "2025-04" in log, log
    assert "No service report" not in run_alg("kaltiminternet:slareport", {
        "PLAN_DB": plan, "OUTPUT_SLA": "memory:", "OUTPUT_SCORECARD": "memory:", "OUTPUT_FLAGS": "memory:"})[1]
    pdf = Path(res["REPORT_PDF"])
    assert pdf.exists() and pdf.stat().st_size > 1000
    text = pdf_text(pdf)
    assert "Laporan Pemantauan dan Evaluasi" in text
    assert "April 2025" in text and "ProvB" in text  # the report is Indonesian (REPORT_LANG): months by name
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["flags_2025-04.csv", "indicators_2025-04.csv", "laporan_monev_2025-04.pdf",
                     "scorecard_2025-04.csv", "sla_2025-04.csv"]
    with open(folder / "indicators_2025-04.csv", encoding="utf-8") as fh:
        ind = {r[0]: r[1] for r in csv.reader(fh)}
    assert ind["Desa/kel. mulai layanan 2025 (peta jalan): aktif / rencana"] == "0 / 1"
    assert ind["Site dengan minimal 25/3 Mbps"] == "0 / 1 (0 %)"  # April: 20/2 Mbps


def test_the_report_reads_deploy_status_when_the_layer_has_it(provider, plan, tmp_path):
    """On a roadmap's plan 'status' is the coverage class (covered, partial, blank_spot) and the workflow status is
    deploy_status: left empty, STATUS_FIELD takes deploy_status (the report counted 1,038 villages 'without status'
    and none connected, found 7 December); the scorecard's heading says its months."""
    from osgeo import ogr

    src = write_csv(tmp_path / "sla.csv", sla_rows_constructed())
    run_alg("kaltiminternet:importmonitoring", import_params(plan, src))
    ds = ogr.Open(plan, 1)
    lyr = ds.GetLayerByName("villages")
    lyr.CreateField(ogr.FieldDefn("deploy_status", ogr.OFTString))
    for f in lyr:
        f.SetField("deploy_status", "active")
        f.SetField("status", "blank_spot")
        lyr.SetFeature(f)
    ds = None
    folder = tmp_path / "report"
    res, _ = run_alg("kaltiminternet:slareport", {
        "PLAN_DB": plan, "VILLAGES": f"{plan}|layername=villages", "OUTPUT_REPORT_FOLDER": str(folder),
        "OUTPUT_SLA": "memory:", "OUTPUT_SCORECARD": "memory:", "OUTPUT_FLAGS": "memory:"})
    with open(folder / f"indicators_{res['REPORT_MONTH']}.csv", encoding="utf-8") as fh:
        ind = {r[0]: r[1] for r in csv.reader(fh)}
    assert ind["Desa tanpa status"] == "0", ind
    assert ind["Desa/kel. mulai layanan 2025 (peta jalan): aktif / rencana"] == "1 / 1", ind
    text = " ".join(pdf_text(Path(res["REPORT_PDF"])).split())
    assert "Rata-rata % s.d. Apr 2025" in text


def test_a_village_table_without_geometry_gives_a_report_without_a_map(provider, plan, tmp_path):
    """The villages as a table (no geometry): the indicators count them, the report has no map and the log says why
    (the PDF showed an empty map at "Skala 1 : 0", found 7 December)."""
    src = write_csv(tmp_path / "sla.csv", sla_rows_constructed())
    run_alg("kaltiminternet:importmonitoring", import_params(plan, src))
    villages = QgsVectorLayer(f"{plan}|layername=villages", "villages", "ogr")
    table = QgsVectorLayer("None", "villages table", "memory")
    table.dataProvider().addAttributes(villages.fields().toList())
    table.updateFields()
    feats = []
    for f in villages.getFeatures():
        g = QgsFeature(table.fields())
        g.setAttributes(f.attributes())
        feats.append(g)
    assert table.dataProvider().addFeatures(feats)[0] and table.featureCount() == villages.featureCount() > 0
    folder = tmp_path / "report"
    res, log = run_alg("kaltiminternet:slareport", {
        "PLAN_DB": plan, "VILLAGES": table, "OUTPUT_REPORT_FOLDER": str(folder),
        "OUTPUT_SLA": "memory:", "OUTPUT_SCORECARD": "memory:", "OUTPUT_FLAGS": "memory:"})
    assert "has no geometry to draw" in log or "tidak punya geometri" in log, log
    with open(folder / f"indicators_{res['REPORT_MONTH']}.csv", encoding="utf-8") as fh:
        ind = {r[0]: r[1] for r in csv.reader(fh)}
    assert ind["Desa/kel. mulai layanan 2025 (peta jalan): aktif / rencana"].endswith(" / 1"), ind
    text = " ".join(pdf_text(Path(res["REPORT_PDF"])).split())
    assert "1 : 0" not in text and "1:0" not in text, text
    assert "April 2025" in text and "ProvB" in text


def test_monthly_report_missing_template_is_a_clear_error(provider, plan, tmp_path):
    with pytest.raises(QgsProcessingException, match="TEMPLATE.*does not exist"):
        run_alg("kaltiminternet:slareport", {
            "PLAN_DB": plan, "OUTPUT_REPORT_FOLDER": str(tmp_path / "r"), "TEMPLATE": str(tmp_path / "none.qpt"),
            "OUTPUT_SLA": "memory:", "OUTPUT_SCORECARD": "memory:", "OUTPUT_FLAGS": "memory:"})


def test_cancel_mid_import_rolls_back(provider, plan, tmp_path):
    import processing
    from qgis.core import QgsProcessingFeedback

    # 540 distinct records; cancelled when the progress passes record 200, inside the transaction
    rows = [["", CODES[i % 3], f"20{10 + i // 12:02d}-{i % 12 + 1:02d}", f"P{j}", "99", "", "", "", "", "", "", ""]
            for j in range(3) for i in range(180)]
    src = write_csv(tmp_path / "many.csv", rows)
    feedback = QgsProcessingFeedback()
    feedback.progressChanged.connect(lambda p: feedback.cancel() if p > 10 else None)
    with pytest.raises(QgsProcessingException, match="cancelled"):
        processing.run("kaltiminternet:importmonitoring", import_params(plan, src), feedback=feedback)
    assert table_count(plan, "mon_reports") == 0 and table_count(plan, "mon_imports") == 0


def test_default_template_missing_is_a_clear_error(provider, plan, tmp_path, monkeypatch):
    from kaltim_internet_plugin.report import monitoring_report

    monkeypatch.setattr(monitoring_report, "template_path", lambda: tmp_path / "gone" / "monitoring_report.qpt")
    with pytest.raises(QgsProcessingException, match="monitoring_report.qpt"):
        run_alg("kaltiminternet:slareport", {
            "PLAN_DB": plan, "OUTPUT_REPORT_FOLDER": str(tmp_path / "r"),
            "OUTPUT_SLA": "memory:", "OUTPUT_SCORECARD": "memory:", "OUTPUT_FLAGS": "memory:"})
    assert not (tmp_path / "r").exists() or not any((tmp_path / "r").glob("*.pdf"))


def test_report_with_an_invalid_village_polygon(provider, plan, tmp_path):
    """The sample has an invalid polygon: the report reads attributes and draws the map anyway."""
    ds = ogr.Open(plan, 1)
    lyr = ds.GetLayer("villages")
    f = ogr.Feature(lyr.GetLayerDefn())
    f.SetField("kode", "64.01.01.2004")
    f.SetGeometry(ogr.CreateGeometryFromWkt("POLYGON((116.5 -1,116.6 -0.9,116.6 -1,116.5 -0.9,116.5 -1))"))
    lyr.CreateFeature(f)
    ds = None
    src = write_csv(tmp_path / "sla.csv", sla_rows_constructed())
    run_alg("kaltiminternet:importmonitoring", import_params(plan, src))
    res, _ = run_alg("kaltiminternet:slareport", {
        "PLAN_DB": plan, "VILLAGES": f"{plan}|layername=villages", "OUTPUT_REPORT_FOLDER": str(tmp_path / "r"),
        "OUTPUT_SLA": "memory:", "OUTPUT_SCORECARD": "memory:", "OUTPUT_FLAGS": "memory:"})
    text = pdf_text(res["REPORT_PDF"])
    assert "Laporan Pemantauan dan Evaluasi" in text and "pertimbangkan penyedia lain" in text


def _auto_transaction(project, on: bool) -> None:
    """Automatic transaction groups: setTransactionMode from QGIS 3.26 (setAutoTransaction is deprecated there)."""
    from qgis.core import Qgis

    if hasattr(project, "setTransactionMode"):
        project.setTransactionMode(Qgis.TransactionMode.AutomaticGroups if on else Qgis.TransactionMode.Disabled)
    else:
        project.setAutoTransaction(on)


def test_history_in_transaction_mode(plan):
    """Project 'automatic transaction groups': edits go to the database at once; history still records only
    what is committed (and nothing for a rollback)."""
    from qgis.core import QgsProject

    project = QgsProject.instance()
    _auto_transaction(project, True)
    layer = QgsVectorLayer(f"{plan}|layername=villages", "villages_tx", "ogr")
    sites = QgsVectorLayer(f"{plan}|layername=sites", "sites_tx", "ogr")
    project.addMapLayers([layer, sites])
    try:
        sw.setup_status_editing(layer, plan)
        si = layer.fields().indexOf("status")
        fid = fid_of(layer, CODES[0])
        assert layer.startEditing()
        from qgis.core import QgsVectorLayerEditPassthrough
        assert isinstance(layer.editBuffer(), QgsVectorLayerEditPassthrough)
        layer.changeAttributeValue(fid, si, "planned")
        layer.changeAttributeValue(fid, si, "surveyed")
        assert layer.commitChanges(), layer.commitErrors()
        assert [(r["old_status"], r["new_status"]) for r in history(plan)] == [(None, "surveyed")]
        assert layer.startEditing()
        layer.changeAttributeValue(fid, si, "migrated")
        assert layer.rollBack()
        assert len(history(plan)) == 1
        assert layer.getFeature(fid)["status"] == "surveyed"
    finally:
        sw.stop_status_editing(layer)
        project.removeMapLayers([layer.id(), sites.id()])
        _auto_transaction(project, False)


def test_status_editing_resumes_after_reopening_the_project(plan, tmp_path):
    from qgis.core import QgsProject

    project = QgsProject.instance()
    layer = QgsVectorLayer(f"{plan}|layername=villages", "villages", "ogr")
    project.addMapLayer(layer)
    try:
        sw.setup_status_editing(layer, plan)
        path = str(tmp_path / "p.qgz")
        assert project.write(path)
        project.clear()
        assert project.read(path)
        layer = project.mapLayersByName("villages")[0]
        assert layer.editorWidgetSetup(layer.fields().indexOf("status")).type() == "ValueMap"
        assert sw.restore_status_editing(project) == 1 and sw.recorder_for(layer) is not None
        assert layer.startEditing()
        layer.changeAttributeValue(fid_of(layer, CODES[2]), layer.fields().indexOf("status"), "planned")
        assert layer.commitChanges()
        assert [r["code"] for r in history(plan)] == [CODES[2]]
    finally:
        for lyr in project.mapLayers().values():
            sw.stop_status_editing(lyr)
        project.clear()


def test_history_when_the_feature_is_deleted_in_the_same_save(villages, plan):
    sw.setup_status_editing(villages, plan)
    si = villages.fields().indexOf("status")
    fid = fid_of(villages, CODES[1])
    assert villages.startEditing()
    villages.changeAttributeValue(fid, si, "planned")
    villages.changeAttributeValue(fid, villages.fields().indexOf("status_note"), "before removal")
    assert villages.commitChanges()
    assert villages.startEditing()
    villages.changeAttributeValue(fid, si, "migrated")
    villages.deleteFeature(fid)
    assert villages.commitChanges()
    assert [(r["code"], r["old_status"], r["new_status"], r["note"]) for r in history(plan)] == [
        (CODES[1], None, "planned", "before removal"), (CODES[1], "planned", "migrated", "before removal")]


def test_locked_history_is_kept_for_the_next_save(villages, plan, tmp_path):
    db = str(tmp_path / "history.gpkg")  # history kept apart from the layer, so only the history is locked
    store.ensure_schema(db)
    rec = sw.setup_status_editing(villages, db)
    si = villages.fields().indexOf("status")
    fid = fid_of(villages, CODES[0])
    lock = sqlite3.connect(db, timeout=0)
    lock.execute("BEGIN EXCLUSIVE")
    original = store.connect
    try:
        store.connect = lambda path: sqlite3.connect(path, isolation_level=None, timeout=0.1)
        assert villages.startEditing()
        villages.changeAttributeValue(fid, si, "planned")
        assert villages.commitChanges()
    finally:
        lock.rollback()
        lock.close()
        store.connect = original
    assert any("could not be written yet" in e for e in rec.errors)
    assert history(db) == []
    assert villages.startEditing()
    villages.changeAttributeValue(fid, si, "surveyed")
    assert villages.commitChanges()
    assert [(r["old_status"], r["new_status"]) for r in history(db)] == [(None, "planned"), ("planned", "surveyed")]


def _sla_params(db):
    return {"PLAN_DB": db, "OUTPUT_SLA": "memory:", "OUTPUT_SCORECARD": "memory:", "OUTPUT_FLAGS": "memory:"}


def test_a_plan_db_that_is_no_database_is_named_with_the_fix(provider, villages, tmp_path):
    """A text file named .gpkg as PLAN_DB: importmonitoring said "Import failed and was rolled back; the plan
    GeoPackage is unchanged: file is not a database", slareport "Cannot read the monitoring tables of …: file is not
    a database" (no fix), and the dock's status editing raised SQLite's DatabaseError (a Python traceback). Each names
    the file, what it seems to be and what to choose instead; the file is as it was."""
    db = tmp_path / "catatan.gpkg"
    db.write_text("kode;status\n64.01.01.2001;aktif\n", encoding="utf-8")
    before = db.read_bytes()
    src = write_csv(tmp_path / "jan.csv", report_rows()[:1])
    expected = (f"{db} is not a GeoPackage: it seems to be a text file (e.g. CSV), not an SQLite file. Nothing was "
                "written to it. Choose the plan GeoPackage (.gpkg) that keeps the monitoring records")
    with pytest.raises(QgsProcessingException) as ei:
        run_alg("kaltiminternet:importmonitoring", {"INPUT": src, "PLAN_DB": str(db)})
    assert f"PLAN_DB = {expected}" in str(ei.value) and "rolled back" not in str(ei.value), str(ei.value)
    with pytest.raises(QgsProcessingException) as ei:
        run_alg("kaltiminternet:slareport", _sla_params(str(db)))
    assert f"PLAN_DB = {expected}" in str(ei.value), str(ei.value)
    with pytest.raises(ValueError) as ei:
        sw.setup_status_editing(villages, str(db))
    assert f"The plan GeoPackage {expected}" in str(ei.value), str(ei.value)
    assert db.read_bytes() == before


def test_a_locked_plan_db_is_named_at_once_with_the_fix(provider, villages, plan, tmp_path):
    """Another program holding the plan GeoPackage: slareport waited 30 s and said "Cannot read the monitoring tables
    of …: database is locked", the dock's status editing raised SQLite's OperationalError after 30 s. Both say at
    once that the file is locked and what to do."""
    run_alg("kaltiminternet:importmonitoring", {"INPUT": write_csv(tmp_path / "jan.csv", report_rows()[:1]),
                                                "PLAN_DB": plan})
    lock = sqlite3.connect(plan, timeout=0)
    lock.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(QgsProcessingException) as ei:
            run_alg("kaltiminternet:slareport", _sla_params(plan))
        assert f"PLAN_DB = {plan} is locked by another program (or by a layer being edited in QGIS), so it cannot " \
            "be read now. Close it in the other program or end the QGIS editing session" in str(ei.value), ei.value
        with pytest.raises(ValueError) as ei:
            sw.setup_status_editing(villages, plan)
        assert f"The plan GeoPackage {plan} is locked by another program" in str(ei.value), str(ei.value)
    finally:
        lock.rollback()
        lock.close()
    assert sw.setup_status_editing(villages, plan) is not None  # unlocked: set up


def test_the_report_folder_never_replaces_a_file_the_tool_did_not_write(provider, plan, tmp_path):
    """The report folder held the provider's own sla_2025-04.csv (the very file imported into the plan): the
    monthly report wrote its sla_2025-04.csv over it (the user's report lost, found by trying). Refused before any
    work, naming the file and what to do; the file is as it was. The tool's own earlier report is replaced (a rerun)."""
    import hashlib

    folder = tmp_path / "laporan"
    folder.mkdir()
    src = write_csv(folder / "sla_2025-04.csv", sla_rows_constructed())
    run_alg("kaltiminternet:importmonitoring", import_params(plan, src))
    before = hashlib.sha256(Path(src).read_bytes()).hexdigest()
    params = dict(_sla_params(plan), OUTPUT_REPORT_FOLDER=str(folder))
    with pytest.raises(QgsProcessingException) as ei:
        run_alg("kaltiminternet:slareport", params)
    assert f"OUTPUT_REPORT_FOLDER = {folder} holds sla_2025-04.csv, which this tool did not write" in \
        str(ei.value), str(ei.value)
    assert hashlib.sha256(Path(src).read_bytes()).hexdigest() == before
    assert sorted(p.name for p in folder.iterdir()) == ["sla_2025-04.csv"]
    other = tmp_path / "other"
    for _ in range(2):  # the second run replaces the tool's own files
        res, _log = run_alg("kaltiminternet:slareport", dict(params, OUTPUT_REPORT_FOLDER=str(other)))
    assert Path(res["REPORT_PDF"]).is_file() and (other / "sla_2025-04.csv").is_file()


def test_indonesian_dates_and_times_are_read(provider, plan, tmp_path):
    """An Indonesian provider writes times with a dot (08.00, as Indonesian does) and dates with the month's name
    ('7 Desember 2026'): the rows were rejected ("not a date/time ('7 Desember 2026 08.00')"). Read as written; an
    impossible time is still refused with the fix."""
    src = tmp_path / "gangguan.csv"
    src.write_text("kode_desa;periode;mulai_gangguan;selesai_gangguan;penyebab\n"
                   f"{CODES[0]};;7 Desember 2025 08.00;7 Desember 2025 10.30;radio\n"
                   f"{CODES[1]};;2025-12-08 23.15;09/12/2025 01.45.30;radio\n"
                   f"{CODES[2]};;2025-12-08 25.15;2025-12-08 26.00;radio\n", encoding="utf-8")
    res, log = run_alg("kaltiminternet:importmonitoring", {"INPUT": str(src), "PLAN_DB": plan,
                                                           "REJECTS": str(tmp_path / "rj.csv")})
    assert counts(res)[:3] == (3, 2, 1), log
    con = sqlite3.connect(plan)
    try:
        rows = con.execute("SELECT code, outage_start, outage_end FROM mon_outages ORDER BY code").fetchall()
    finally:
        con.close()
    assert rows == [(CODES[0], "2025-12-07T08:00:00", "2025-12-07T10:30:00"),
                    (CODES[1], "2025-12-08T23:15:00", "2025-12-09T01:45:30")]
    assert "Row 4 rejected" in log and "2025-12-08 25.15" in log, log
