"""A provider's service report imported into the plan GeoPackage is the evidence of the SLA: no output of the
monitoring tools may write over it (found 2026-12-07 by trying: slareport's OUTPUT_SLA given the path of the very
report imported before, e.g. from a model or qgis_process, replaced the provider's report with the SLA table,
silently; importmonitoring's REJECTS given an earlier month's imported report did the same with the rejected rows).

An existing output file is such a report when its SHA-256 is one recorded in mon_imports of PLAN_DB (wherever it
is and whatever it is called: a copy is the same evidence), or, for an import recorded without a checksum, when its
name is the one recorded (mon_imports keeps the name only). A file of an imported report's name but other content is
not the report (the tool's own earlier output, another month's file): it is replaced as any output is.
"""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback

from tests.conftest import run_alg
from tests.qgis.test_monitoring_qgis import import_params, make_plan, report_rows, sla_rows_constructed, write_csv

SLA_OUTPUTS = ("OUTPUT_SLA", "OUTPUT_SCORECARD", "OUTPUT_FLAGS")
KEPT = "Choose another file name; the report is left as it is."


@pytest.fixture()
def plan(tmp_path):
    return make_plan(tmp_path / "plan.gpkg")


def _digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _imports(db) -> list:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT file_name, imported_at FROM mon_imports ORDER BY fid").fetchall()
    finally:
        con.close()


def _sla_params(db, **outputs):
    return dict({"PLAN_DB": db}, **{k: outputs.get(k, "memory:") for k in SLA_OUTPUTS})


def _checks(alg_id: str, params: dict) -> tuple:
    """(ok, message) of the algorithm's checkParameterValues: what the dialog, a model and qgis_process ask first."""
    alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
    return alg.checkParameterValues(params, QgsProcessingContext())


def _import(plan, src, **extra) -> str:
    run_alg("kaltiminternet:importmonitoring", import_params(plan, str(src), **extra))
    return _imports(plan)[-1][1]


@pytest.mark.parametrize("out", SLA_OUTPUTS)
def test_an_sla_table_never_writes_over_the_imported_report(provider, plan, tmp_path, out):
    src = write_csv(tmp_path / "telkomsel_2025-04.csv", sla_rows_constructed())
    when = _import(plan, src)
    before = _digest(src)
    params = _sla_params(plan, **{out: src})
    ok, message = _checks("kaltiminternet:slareport", params)
    assert not ok
    assert message == (f"{out} = {src} would overwrite the service report telkomsel_2025-04.csv imported into "
                       f"PLAN_DB = {plan} on {when}, the evidence of the SLA. {KEPT}"), message
    with pytest.raises(QgsProcessingException) as ei:
        run_alg("kaltiminternet:slareport", params)
    assert str(ei.value).endswith(message), str(ei.value)
    # a run that skips the checks is refused when it starts, before any work
    alg = QgsApplication.processingRegistry().createAlgorithmById("kaltiminternet:slareport")
    with pytest.raises(QgsProcessingException) as ei:
        alg.processAlgorithm(params, QgsProcessingContext(), QgsProcessingFeedback())
    assert str(ei.value) == message
    assert _digest(src) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.gpkg", "telkomsel_2025-04.csv"]


def test_a_report_is_known_by_its_checksum(provider, plan, tmp_path):
    """The checksum names the report wherever it is: an XLSX report, and a copy of a CSV report under another name
    (the same evidence) are refused too; a file of a report's name but other content is not the report."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    for row in [["kode_site", "periode", "provider", "uptime"], ["SITE-1", "2025-04", "ProvA", "98.5"]]:
        wb.active.append(row)
    xlsx = tmp_path / "indosat_2025-04.xlsx"
    wb.save(xlsx)
    when = _import(plan, xlsx)
    before = _digest(xlsx)
    with pytest.raises(QgsProcessingException) as ei:
        run_alg("kaltiminternet:slareport", _sla_params(plan, OUTPUT_SCORECARD=str(xlsx)))
    assert f"OUTPUT_SCORECARD = {xlsx} would overwrite the service report indosat_2025-04.xlsx imported into " \
        f"PLAN_DB = {plan} on {when}" in str(ei.value), str(ei.value)
    assert _digest(xlsx) == before

    src = write_csv(tmp_path / "jan.csv", report_rows()[:1])
    when = _import(plan, src)
    copy = tmp_path / "arsip" / "copy_of_jan.csv"
    copy.parent.mkdir()
    shutil.copyfile(src, copy)
    with pytest.raises(QgsProcessingException) as ei:
        run_alg("kaltiminternet:slareport", _sla_params(plan, OUTPUT_FLAGS=str(copy)))
    assert f"OUTPUT_FLAGS = {copy} would overwrite the service report jan.csv imported into PLAN_DB = {plan} on " \
        f"{when}" in str(ei.value), str(ei.value)
    assert _digest(copy) == _digest(src)

    # a checksum is recorded: a file of an imported report's name but other content is not the report (e.g. this
    # tool's own earlier table, a rerun), and is replaced as any output is
    out = tmp_path / "tabel" / "jan.csv"
    out.parent.mkdir()
    out.write_text("something else\n", encoding="utf-8")
    for _ in range(2):  # the second run replaces its own table
        res, _log = run_alg("kaltiminternet:slareport", _sla_params(plan, OUTPUT_SLA=str(out)))
        assert out.read_text(encoding="utf-8").startswith("code,provider,month,availability_pct"), res


def test_an_import_recorded_without_a_checksum_is_known_by_its_name(provider, plan, tmp_path):
    """mon_imports rows written without a checksum (sha256 empty or NULL, e.g. by a script calling
    monitoring_store.import_records): the file name is all that was kept, so an existing file of that name is
    refused (the fix costs another file name, the alternative may cost the provider's report)."""
    src = write_csv(tmp_path / "feb.csv", report_rows()[:1])
    when = _import(plan, src)
    con = sqlite3.connect(plan)
    with con:
        con.execute("UPDATE mon_imports SET sha256 = NULL")
    con.close()
    Path(src).write_text(Path(src).read_text(encoding="utf-8") + "\n", encoding="utf-8")  # edited since the import
    before = _digest(src)
    with pytest.raises(QgsProcessingException) as ei:
        run_alg("kaltiminternet:slareport", _sla_params(plan, OUTPUT_SLA=src))
    assert str(ei.value).endswith(
        f"OUTPUT_SLA = {src} would overwrite a service report of that name (feb.csv) imported into PLAN_DB = {plan} "
        f"on {when}, the evidence of the SLA (no checksum was recorded for that import, so its name is what "
        f"identifies it). {KEPT}"), str(ei.value)
    assert _digest(src) == before


def test_the_rejects_file_never_writes_over_a_report(provider, plan, tmp_path):
    """importmonitoring's REJECTS naming the report being imported is refused by the rule of an output naming an
    input; naming a report imported before (last month's) is refused by the rule of the imported reports. Nothing
    is imported, the reports are as they were."""
    jan = write_csv(tmp_path / "jan.csv", report_rows()[:2])
    with pytest.raises(QgsProcessingException) as ei:
        run_alg("kaltiminternet:importmonitoring", import_params(plan, jan, rejects=jan))
    assert f"REJECTS = {jan} would overwrite the input INPUT ({jan})" in str(ei.value), str(ei.value)
    when = _import(plan, jan)
    before = _digest(jan)
    feb = write_csv(tmp_path / "feb.csv", report_rows()[2:4])
    with pytest.raises(QgsProcessingException) as ei:
        run_alg("kaltiminternet:importmonitoring", import_params(plan, feb, rejects=jan))
    assert str(ei.value).endswith(f"REJECTS = {jan} would overwrite the service report jan.csv imported into "
                             f"PLAN_DB = {plan} on {when}, the evidence of the SLA. {KEPT}"), str(ei.value)
    assert _digest(jan) == before
    assert [name for name, _when in _imports(plan)] == ["jan.csv"]
