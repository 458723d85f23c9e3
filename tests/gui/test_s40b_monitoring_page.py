"""The monitoring page imports an operator's corrected report (s40-b)."""
from __future__ import annotations

import sqlite3

from tests.gui.test_monitoring_page import page_with_plan  # noqa: F401 - the fixture
from tests.qgis.test_monitoring_qgis import CODES


def _write(path, uptime: str) -> str:
    path.write_text(f"kode_desa;periode;uptime\n{CODES[0]};Nov 2026;{uptime}\n{CODES[1]};Nov 2026;98\n",
                    encoding="utf-8-sig")
    return str(path)


def test_a_corrected_report_is_imported_from_the_page(page_with_plan, qtbot, tmp_path):  # noqa: F811
    page, plan, _villages, _sites = page_with_plan
    with qtbot.waitSignal(page.importFinished, timeout=60000):
        page.import_report(_write(tmp_path / "nov.csv", "95,5"), str(tmp_path / "r1.csv"))
    fixed = _write(tmp_path / "nov_revisi.csv", "99,5")
    with qtbot.waitSignal(page.importFinished, timeout=60000) as blocker:
        page.import_report(fixed, str(tmp_path / "r2.csv"))
    assert int(blocker.args[0]["ROWS_CONFLICT"]) == 1
    assert "tick 'Corrects an earlier report'" in page.import_label.text()
    page.replace_check.setChecked(True)
    with qtbot.waitSignal(page.importFinished, timeout=60000) as blocker:
        page.import_report(fixed, str(tmp_path / "r3.csv"))
    assert int(blocker.args[0]["ROWS_REPLACED"]) == 1 and "1 of them replaced" in page.import_label.text()
    con = sqlite3.connect(plan)
    try:
        assert con.execute("SELECT uptime_pct FROM mon_reports WHERE code = ?", (CODES[0],)).fetchone()[0] == 99.5
    finally:
        con.close()


def test_the_month_of_a_report_without_periods_is_given_on_the_page(page_with_plan, qtbot, tmp_path):  # noqa: F811
    page, plan, _villages, _sites = page_with_plan
    src = tmp_path / "laporan_nov.csv"
    src.write_text(f"kode_desa;uptime\n{CODES[0]};99,5\n{CODES[1]};97\n", encoding="utf-8")
    page.period_edit.setText("2026-11")
    with qtbot.waitSignal(page.importFinished, timeout=60000) as blocker:
        page.import_report(str(src), str(tmp_path / "r.csv"))
    assert int(blocker.args[0]["ROWS_IMPORTED"]) == 2 and int(blocker.args[0]["ROWS_REJECTED"]) == 0
    con = sqlite3.connect(plan)
    try:
        assert {r[0] for r in con.execute("SELECT month FROM mon_reports")} == {"2026-11"}
    finally:
        con.close()
