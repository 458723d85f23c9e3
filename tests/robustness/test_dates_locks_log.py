"""Issue 16, the items left: a status date in the future is refused per row (item 3), a GeoPackage locked by
another program fails fast with the file and the fix (item 2's "locked GeoPackage"), and optimizesites' log prints
numbers the Indonesian way when the UI is Indonesian."""
from __future__ import annotations

import csv
import datetime as dt
import sqlite3

import pytest

from tests.conftest import run_alg


def _plan(tmp_path):
    from tests.qgis.test_monitoring_qgis import make_plan

    return make_plan(tmp_path / "plan.gpkg")


def test_a_daily_period_later_this_month_is_refused_in_core():
    """26 days after 5 December is still December: the month alone would let it through."""
    from kaltim_internet_plugin.core.monitoring import validate_report_rows
    from kaltim_internet_plugin.errors import describe

    now = dt.datetime(2026, 12, 5, 9, 0)
    rows = [{"kode_site": "SITE-1", "tanggal": "2026-12-31", "uptime": "99"},
            {"kode_site": "SITE-1", "tanggal": "2026-12-04", "uptime": "98"}]
    records, rejects, _ = validate_report_rows(rows, now=now)
    assert [r.period for r in records] == ["2026-12-04"]
    assert [rj.row for rj in rejects] == [2]
    text = describe(rejects[0].error)
    assert "tanggal 2026-12-31 lies in the future" in text and "2026-12-05" in text and "Correct the date" in text


def test_a_status_date_26_days_ahead_is_refused_per_row_by_the_import(provider, tmp_path):
    plan = _plan(tmp_path)
    ahead = (dt.date.today() + dt.timedelta(days=26)).isoformat()
    past = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    src = tmp_path / "laporan.csv"
    with open(src, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["kode_site", "tanggal", "uptime"])
        w.writerow(["SITE-1", past, "99"])
        w.writerow(["SITE-2", ahead, "97"])
    rejects = tmp_path / "rejects.csv"
    res, log = run_alg("kaltiminternet:importmonitoring", {"INPUT": str(src), "PLAN_DB": plan,
                                                          "REJECTS": str(rejects)})
    assert int(res["ROWS_IMPORTED"]) == 1 and int(res["ROWS_REJECTED"]) == 1
    assert f"Row 3 rejected: tanggal {ahead} lies in the future" in log
    assert "Correct the date" in log
    with open(rejects, encoding="utf-8") as fh:
        lines = list(csv.reader(fh))
    assert lines[1][0] == "3" and ahead in lines[1][1]
    con = sqlite3.connect(plan)
    assert [r[0] for r in con.execute("SELECT period FROM mon_reports")] == [past]
    con.close()


def test_a_report_with_a_header_and_no_rows_imports_nothing_and_records_no_import(provider, tmp_path):
    """Was: "no site or village code column found (looked for kode_site…)" with kode_site the first column, then a
    success that recorded an import of 0 rows (found by trying to break the tools, 2026-12-06)."""
    from tests.robustness.conftest import digest, fails

    plan = _plan(tmp_path)
    src = tmp_path / "header_only.csv"
    src.write_text("kode_site;periode;penyedia;uptime\r\n", encoding="utf-8")
    before = digest(plan)
    text = fails("importmonitoring", {"INPUT": str(src), "PLAN_DB": plan})
    assert "header row but no data rows" in text and "header_only.csv" in text and "code column" not in text, text
    assert digest(plan) == before


def _digest(path) -> str:
    import hashlib

    return hashlib.sha256(open(path, "rb").read()).hexdigest()


@pytest.fixture()
def locked_plan(tmp_path):
    """A plan GeoPackage with a second sqlite3 connection holding its write lock (as another program would)."""
    plan = _plan(tmp_path)
    other = sqlite3.connect(plan, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield plan
    other.execute("ROLLBACK")
    other.close()


@pytest.mark.parametrize("alg,param", [("importmonitoring", "PLAN_DB"), ("createplannedsites", "PLAN_GPKG")])
def test_a_locked_geopackage_fails_at_once_naming_the_file_and_the_fix(provider, locked_plan, tmp_path, alg, param):
    import processing
    from qgis.core import QgsProcessingException

    src = tmp_path / "laporan.csv"
    src.write_text("kode_site,periode,uptime\nSITE-1,2025-02,99\n", encoding="utf-8")
    params = {"importmonitoring": {"INPUT": str(src), "PLAN_DB": locked_plan},
              "createplannedsites": {"PLAN_GPKG": locked_plan, "LAYER_NAME": "ps"}}[alg]
    before = _digest(locked_plan)
    with pytest.raises(QgsProcessingException) as exc:
        processing.run(f"kaltiminternet:{alg}", params)
    text = str(exc.value)
    assert f"{param} = {locked_plan} is locked by another program" in text
    assert "Close it in the other program" in text and "choose another file" in text
    assert "Traceback" not in text and "database is locked" not in text
    assert _digest(locked_plan) == before


def test_an_unlocked_geopackage_is_not_reported(provider, tmp_path):
    from kaltim_internet_plugin.processing.output_guard import lock_message

    plan = _plan(tmp_path)
    assert lock_message("PLAN_DB", plan) == ""
    reader = sqlite3.connect(plan)
    reader.execute("SELECT count(*) FROM villages").fetchone()  # a reader does not block a writer
    assert lock_message("PLAN_DB", plan) == ""
    reader.close()


def _optimize_log(lang):
    from kaltim_internet_plugin.i18n import install_translator, remove_translator
    from tests.qgis.test_priority_algs import point_layer, random_instance, run

    vil, cand = random_instance(2)
    params = {"VILLAGES": point_layer(vil, [("kode", str), ("population", int)]),
              "CANDIDATES": point_layer(cand, [("cand_id", str), ("cost_idr", float)]), "RADIUS_M": 4000.0,
              "BUDGET_IDR": 4.5e9, "METHOD": 0, "OUTPUT_SITES": "TEMPORARY_OUTPUT",
              "OUTPUT_VILLAGES": "TEMPORARY_OUTPUT"}
    if lang == "id":
        assert install_translator("id"), "the .qm must be built (make translations)"
    try:
        res, fb = run("optimizesites", params)
    finally:
        remove_translator()
    return res, "\n".join(fb.infos)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_optimizesites_log_writes_numbers_the_ui_languages_way(provider, lang):
    from kaltim_internet_plugin.core import formatting as fmt

    res, log = _optimize_log(lang)
    cost, people = fmt.money_full(res["COST_TOTAL"], lang), fmt.integer(res["POPULATION_COVERED"], lang)
    if lang == "id":
        assert "dalam 4.000 m dari lokasi" in log and "(anggaran Rp 4.500.000.000)" in log
        assert f"senilai {cost} " in log and f"{people} penduduk baru" in log
    else:
        assert "within 4,000 m of the site" in log and "(budget Rp 4,500,000,000)" in log
        assert f"for {cost} " in log and f"{people} people newly covered" in log
    assert res["POPULATION_COVERED"] >= 1000  # the grouping separator is really exercised
