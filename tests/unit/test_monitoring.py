"""Unit tests for core/monitoring.py and core/monitoring_store.py (plain python + sqlite3 + GDAL)."""
import csv
import datetime as dt
import math
import os
import sqlite3
import sys

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

import pytest  # noqa: E402

from kaltim_internet_plugin.core import monitoring as mon  # noqa: E402
from kaltim_internet_plugin.core import monitoring_store as store  # noqa: E402
from kaltim_internet_plugin.core import tabular  # noqa: E402
from kaltim_internet_plugin.errors import describe  # noqa: E402 - coded reasons in words

D = dt.datetime
NOW = D(2025, 6, 30, 12, 0)
MARCH_S = 31 * 86400
APRIL_S = 30 * 86400


# --------------------------------------------------------------------------------------------- status workflow
def test_status_labels_and_transitions():
    assert mon.STATUSES == ("planned", "surveyed", "contracted", "installed", "active", "disrupted", "migrated")
    assert [mon.STATUS_LABELS_ID[s] for s in mon.STATUSES] == [
        "direncanakan", "disurvei", "dikontrak", "terpasang", "aktif", "terganggu", "dimigrasi"]
    assert mon.normalise_status("Aktif") == "active"
    assert mon.normalise_status("INSTALLED") == "installed"
    assert mon.normalise_status("on air") is None
    assert mon.can_transition(None, "planned")
    assert mon.can_transition("planned", "surveyed")
    assert mon.can_transition("direncanakan", "disurvei")
    assert mon.can_transition("installed", "active")
    assert mon.can_transition("active", "disrupted") and mon.can_transition("disrupted", "active")
    assert mon.can_transition("active", "migrated")
    assert not mon.can_transition("planned", "active")
    assert not mon.can_transition("migrated", "active")
    assert "allowed: migrated, surveyed" in mon.transition_error("planned", "installed")
    assert "final status" in mon.transition_error("migrated", "planned")
    assert "unknown status" in mon.transition_error("planned", "bogus")


def test_validate_status_record():
    today = dt.date(2025, 6, 30)
    assert mon.validate_status_record({"status": "planned"}, today) == []
    msgs = mon.validate_status_record({"status": "active"}, today)
    assert len(msgs) == 1 and "installation date" in msgs[0]
    assert mon.validate_status_record({"status": "terpasang", "tanggal_pasang": "2025-05-01"}, today) == []
    msgs = mon.validate_status_record({"status": "active", "installed_date": "2025-07-01"}, today)
    assert any("future" in m for m in msgs)
    msgs = mon.validate_status_record({"Status": "planned", "survey_date": "2026-01-01"}, today)
    assert any("survey_date 2026-01-01 lies in the future" in m for m in msgs)
    msgs = mon.validate_status_record({"status": "installed", "installed_date": "2025-01-01",
                                     "contract_date": "2025-03-01"}, today)
    assert any("before contract_date" in m for m in msgs)
    msgs = mon.validate_status_record({"status": "x"}, today)
    assert any("unknown or missing status" in m for m in msgs)
    msgs = mon.validate_status_record({"status": "active", "installed_date": "notadate"}, today)
    assert any("installed_date" in m and "datetime_format" in m for m in msgs)  # the coded parse error


def test_parsing_helpers():
    assert mon.parse_period("2025-03") == ("2025-03", "2025-03")
    assert mon.parse_period("2025-03-14") == ("2025-03-14", "2025-03")
    assert mon.parse_period("03/2025") == ("2025-03", "2025-03")
    assert mon.parse_period(dt.date(2025, 2, 1)) == ("2025-02-01", "2025-02")
    with pytest.raises(ValueError):
        mon.parse_period("2025-13")
    with pytest.raises(ValueError):
        mon.parse_period("")
    assert mon.parse_datetime("2025-03-01T10:00:00Z") == D(2025, 3, 1, 10)
    assert mon.parse_datetime("2025/03/01 10:05") == D(2025, 3, 1, 10, 5)
    assert mon.parse_datetime("01/03/2025 10:05:07") == D(2025, 3, 1, 10, 5, 7)
    assert mon.parse_datetime(45717.5) == D(2025, 3, 1, 12)  # Excel serial
    assert mon.parse_flag("ya") is True and mon.parse_flag("tidak") is False and mon.parse_flag("") is None


# --------------------------------------------------------------------------------------------- SLA arithmetic
def _log():
    return [
        (D(2025, 3, 1, 10, 0), D(2025, 3, 1, 11, 0), "radio"),          # 3600 s
        (D(2025, 3, 1, 10, 30), D(2025, 3, 1, 11, 30), "backhaul"),     # overlaps -> merged 10:00-11:30 = 5400 s
        (D(2025, 3, 5, 8, 0), D(2025, 3, 5, 8, 5), "radio"),            # exactly 300 s -> ignored
        (D(2025, 3, 6, 8, 0), D(2025, 3, 6, 8, 4), "radio"),            # 240 s -> ignored
        (D(2025, 3, 7, 0, 0), D(2025, 3, 7, 12, 0), "PLN padam"),       # power (cause) -> excluded
        (D(2025, 3, 8, 0, 0), D(2025, 3, 8, 2, 0), "", True),           # power (flag) -> excluded
        (D(2025, 3, 9, 0, 0), D(2025, 3, 9, 1, 0), "listrik mati"),     # power (cause) -> excluded
        (D(2025, 3, 10, 0, 0), D(2025, 3, 10, 0, 5, 1), "radio"),       # 301 s -> counts
        (D(2025, 3, 31, 22, 0), D(2025, 4, 1, 3, 0), "fibre cut"),      # 7200 s March + 10800 s April
    ]


def test_monthly_availability_exact():
    res = mon.monthly_availability(_log())
    assert sorted(res) == ["2025-03", "2025-04"]
    assert res["2025-03"]["downtime_s"] == 5400 + 301 + 7200
    assert res["2025-03"]["month_s"] == MARCH_S
    assert math.isclose(res["2025-03"]["availability"], 1 - 12901 / MARCH_S)
    assert res["2025-04"]["downtime_s"] == 10800
    assert math.isclose(res["2025-04"]["availability"], 1 - 10800 / APRIL_S)
    assert not res["2025-03"]["restitution"] and not res["2025-04"]["restitution"]
    # without power exclusion: +12 h +2 h +1 h
    res2 = mon.monthly_availability(_log(), exclude_power=False)
    assert res2["2025-03"]["downtime_s"] == 12901 + 15 * 3600
    # explicit months: a month without outages is 100 %
    res3 = mon.monthly_availability(_log(), months=["2025-02", "2025-03"])
    assert res3["2025-02"]["availability"] == 1.0 and "2025-04" not in res3


def test_restitution_threshold_and_target():
    # 8 h down in April = 28800 / 2592000 = 1.111 % -> 98.89 % < 99 %
    log = [(D(2025, 4, 2, 0, 0), D(2025, 4, 2, 8, 0), "radio")]
    res = mon.monthly_availability(log)
    assert math.isclose(res["2025-04"]["availability"], 1 - 28800 / APRIL_S)
    assert res["2025-04"]["restitution"]
    assert not mon.monthly_availability(log, target=0.98)["2025-04"]["restitution"]


def test_overlap_chain_and_contained():
    log = [(D(2025, 1, 1, 0), D(2025, 1, 1, 2), ""), (D(2025, 1, 1, 1), D(2025, 1, 1, 1, 30), ""),
           (D(2025, 1, 1, 2), D(2025, 1, 1, 3), "")]  # contained + touching -> 0:00-3:00
    assert mon.counted_outages(log) == [(D(2025, 1, 1, 0), D(2025, 1, 1, 3))]
    assert mon.monthly_availability(log)["2025-01"]["downtime_s"] == 3 * 3600


def test_multi_month_outage_split():
    log = [(D(2024, 12, 31, 12), D(2025, 2, 1, 6), "flood")]
    res = mon.monthly_availability(log)
    assert res["2024-12"]["downtime_s"] == 12 * 3600
    assert res["2025-01"]["downtime_s"] == 31 * 86400 and res["2025-01"]["availability"] == 0.0
    assert res["2025-02"]["downtime_s"] == 6 * 3600


def test_sla_table_scorecard_flags():
    recs = []
    # site A / ProvX: outage log in Jan (8 h -> below), reported uptime Feb..Apr below 99, May fine
    recs.append({"code": "A", "provider": "ProvX", "month": "2025-01", "outage_start": D(2025, 1, 5),
                 "outage_end": D(2025, 1, 5, 8), "cause": "radio"})
    for m, up in (("2025-02", 98.0), ("2025-03", 97.5), ("2025-04", 98.9), ("2025-05", 99.9)):
        recs.append({"code": "A", "provider": "ProvX", "month": m, "uptime_pct": up, "active_users": 10})
    # site B / ProvX: two months below but not consecutive
    for m, up in (("2025-01", 90.0), ("2025-02", 99.5), ("2025-03", 90.0)):
        recs.append({"code": "B", "provider": "ProvX", "month": m, "uptime_pct": up, "active_users": 0})
    # site C / ProvY: outage log in Jan only, report row in Feb without uptime -> 1.0 from log basis
    recs.append({"code": "C", "provider": "ProvY", "month": "2025-01", "outage_start": D(2025, 1, 5),
                 "outage_end": D(2025, 1, 5, 0, 10), "cause": "radio"})
    recs.append({"code": "C", "provider": "ProvY", "month": "2025-02", "active_users": 5})
    rows = mon.sla_table(recs)
    a = [r for r in rows if r["code"] == "A"]
    assert [r["month"] for r in a] == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"]
    assert a[0]["basis"] == "outage_log" and math.isclose(a[0]["availability"], 1 - 28800 / (31 * 86400))
    assert a[1]["basis"] == "reported_uptime" and math.isclose(a[1]["availability"], 0.98)
    assert [r["restitution"] for r in a] == [True, True, True, True, False]
    c = [r for r in rows if r["code"] == "C"]
    assert [(r["month"], r["basis"], r["availability"]) for r in c] == [
        ("2025-01", "outage_log", 1 - 600 / (31 * 86400)), ("2025-02", "outage_log", 1.0)]
    flags = mon.consider_another_provider(rows)
    assert [(f["code"], f["run_length"]) for f in flags] == [("A", 4)]
    assert flags[0]["months"] == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert mon.consider_another_provider(rows, consecutive=5) == []
    card = {c["provider"]: c for c in mon.provider_scorecard(rows)}
    assert card["ProvX"]["sites"] == 2 and card["ProvX"]["months"] == 8
    assert card["ProvX"]["months_below_target"] == 6
    assert card["ProvY"]["months_below_target"] == 0
    assert math.isclose(card["ProvX"]["mean_availability"], sum(r["availability"] for r in rows
                                                                   if r["provider"] == "ProvX") / 8)
    zero = mon.zero_usage_flags(recs)
    assert [(z["code"], z["month"]) for z in zero] == [("B", "2025-01"), ("B", "2025-02"), ("B", "2025-03")]
    # the one evaluation (dashboard and M&E report) follows its settings
    ev = mon.evaluate(recs, settings=mon.MonitoringSettings())
    assert ev.month == "2025-05" and ev.sla == rows
    assert [(f["flag"], f["code"]) for f in ev.flags if f["flag"] != "no_report"] == [
        ("consider_another_provider", "A")] + [("zero_usage", "B")] * 3
    # B (last report in March) and C (February) sent nothing for May: flagged, not left out silently (s40-b)
    assert [(f["code"], f["months"]) for f in ev.flags if f["flag"] == "no_report"] == [
        ("B", "2025-04, 2025-05"), ("C", "2025-03, 2025-04, 2025-05")]
    assert ev.indicators["site_months"] == 1 and ev.indicators["target_pct"] == 99.0
    strict = mon.evaluate(recs, settings=mon.MonitoringSettings(target=0.95, min_outage_s=30000,
                                                                consecutive_months=2), month="2025-03")
    assert strict.month == "2025-03" and strict.sla[0]["restitution"] is False  # the 8 h outage is ignored
    assert [f["code"] for f in strict.flags if f["flag"] == "consider_another_provider"] == []
    assert strict.indicators["restitution_site_months"] == 1  # B in March (90 %)
    # a report of March shows nothing of April or May: its SLA rows, scorecard and flags stop at March (a September
    # report listed October's rows, providers and zero-usage flags; found 7 December)
    march = mon.evaluate(recs, settings=mon.MonitoringSettings(), month="2025-03")
    assert march.sla == [r for r in rows if r["month"] <= "2025-03"] and len(march.sla) < len(rows)
    assert all(r["month"] <= "2025-03" for r in march.sla)
    assert {f["flag"] for f in march.flags} <= {"consider_another_provider", "zero_usage", "no_report"}
    assert all(m <= "2025-03" for f in march.flags for m in str(f["months"]).split(", "))
    card = {c["provider"]: c for c in march.scorecard}
    assert card["ProvX"]["months"] == sum(1 for r in march.sla if r["provider"] == "ProvX")


def test_indicators():
    roadmap = [("v1", "Kutai Barat", 2024), ("v2", "Kutai Barat", 2024), ("v3", "Kutai Barat", 2025),
               ("v4", "Mahakam Ulu", 2025)]
    statuses = {"v1": "active", "v2": "terpasang", "v3": "aktif", "v4": "planned"}
    rows = mon.villages_connected_vs_target(roadmap, statuses)
    assert rows[0] == {"kab": "Kutai Barat", "year": 2024, "target": 2, "connected": 1, "target_cumulative": 2,
                       "connected_cumulative": 1, "pct_cumulative": 50.0}
    assert rows[1]["target_cumulative"] == 3 and rows[1]["connected_cumulative"] == 2
    assert rows[2]["kab"] == "Mahakam Ulu" and rows[2]["connected"] == 0
    rows = mon.villages_connected_vs_target(roadmap, statuses, connected_statuses=("installed", "active"))
    assert rows[0]["connected"] == 2
    hist = mon.uptime_distribution([50, 99.7, None, float("nan")])
    assert sum(h["count"] for h in hist) == 2
    recs = [{"code": "a", "month": "2025-01", "active_users": 10, "download_mbps": 30, "upload_mbps": 4},
            {"code": "a", "month": "2025-01", "active_users": 20, "download_mbps": 20, "upload_mbps": 4},
            {"code": "b", "month": "2025-01", "active_users": 0, "download_mbps": 50, "upload_mbps": 2},
            {"code": "c", "month": "2025-01", "download_mbps": 50}]
    us = mon.users_summary(recs)
    assert us == [{"month": "2025-01", "villages": 2, "total_users": 15.0, "mean_users": 7.5, "zero_usage": 1}]
    tp = mon.throughput_share(recs)
    assert tp == {"sites_evaluated": 2, "sites_meeting": 1, "share": 0.5}  # a: mean 25/4 ok; b: up 2 < 3
    cad = mon.cadres_trained([{"kab": "K1", "planned": 10, "trained": 5}, {"kab": "K2", "planned": 4, "trained": 4}])
    assert cad[-1] == {"kab": "total", "planned": 14.0, "trained": 9.0, "pct": 100.0 * 9 / 14}


def test_uptime_histogram_bins():
    hist = mon.uptime_distribution([50, 90, 94.9, 99.0, 99.7, 100, 100.0])
    assert [(h["lo"], h["hi"], h["count"]) for h in hist] == [
        (0.0, 90.0, 1), (90.0, 95.0, 2), (95.0, 98.0, 0), (98.0, 99.0, 0), (99.0, 99.5, 1), (99.5, 100.0, 3)]


# --------------------------------------------------------------------------------------------- report import
HEADER = ["kode_desa", "kode_site", "periode", "penyedia", "uptime", "pengguna_aktif", "unduh_mbps",
          "unggah_mbps", "latensi_ms", "mulai_gangguan", "selesai_gangguan", "penyebab", "padam_listrik"]
KNOWN = {"64.01.01.2001", "64.01.01.2002", "SITE-9"}


def _rows():
    return [
        ["64.01.01.2001", "", "2025-01", "ProvA", "99,5", "120", "30", "5", "40", "", "", "", ""],      # 2 ok
        ["64.01.01.2002", "", "2025-01", "ProvA", "101", "", "", "", "", "", "", "", ""],               # 3 uptime
        ["64.01.01.2003", "", "2025-01", "ProvA", "99", "", "", "", "", "", "", "", ""],                # 4 unknown
        ["64.01.01.2001", "", "", "ProvA", "99", "", "", "", "", "", "", "", ""],                       # 5 no period
        ["64.01.01.2002", "", "2025-01", "ProvA", "abc", "", "", "", "", "", "", "", ""],               # 6 bad number
        ["", "SITE-9", "2025-01-15", "ProvA", "", "", "", "", "", "2025-01-15 10:00", "2025-01-15 09:00", "", ""],  # 7
        ["", "SITE-9", "", "ProvA", "", "", "", "", "", "2025-01-20 10:00", "2025-01-20 12:00", "PLN padam", "1"],  # 8
        ["", "SITE-9", "", "ProvA", "", "", "", "", "", "2025-01-20 11:00", "2025-01-20 13:00", "radio", "0"],      # 9
        ["64.01.01.2002", "", "2025-01", "ProvA", "98", "0", "10", "1", "80", "", "", "", ""],          # 10 ok
        ["64.01.01.2001", "", "2025-01", "ProvA", "99.5", "120", "30", "5", "40", "", "", "", ""],      # 11 dup
        ["64.01.01.2001", "", "2025-01", "ProvA", "97", "120", "30", "5", "40", "", "", "", ""],        # 12 conflict
    ]


def _write_csv(path, rows, header=HEADER):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return str(path)


def _count(db, table):
    con = sqlite3.connect(db)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_validate_report_rows_reasons(tmp_path):
    header, rows = mon.read_table(_write_csv(tmp_path / "r.csv", _rows()))
    recs, rejects, warnings = mon.validate_report_rows(rows, known_codes=KNOWN, now=NOW)
    assert not warnings
    reasons = {r.row: describe(r.error) for r in rejects}
    assert {r.row: r.error.code for r in rejects}[4] == "unknown_village_code"
    assert set(reasons) == {3, 4, 5, 6, 7}
    assert "uptime 101 outside 0-100" in reasons[3]
    assert "unknown village code '64.01.01.2003'" in reasons[4]
    assert "not in the village layer given (VILLAGES); correct the code" in reasons[4]  # and how to fix it
    assert "missing period" in reasons[5]
    assert "uptime" in reasons[6] and "not a number" in reasons[6]
    assert "before start" in reasons[7]
    by_row = {r.row: r for r in recs}
    assert by_row[2].uptime_pct == 99.5 and by_row[2].code_type == "village" and by_row[2].provider == "ProvA"
    assert by_row[8].code_type == "site" and by_row[8].month == "2025-01" and by_row[8].power_outage is True
    assert by_row[9].outage_start == D(2025, 1, 20, 11) and by_row[9].power_outage is False


def test_a_known_code_in_other_letters_is_that_site_and_said_once():
    rows = [{"kode_site": "site-9", "periode": "2025-01", "uptime": "99"},
            {"kode_site": "Site-9", "periode": "2025-02", "uptime": "98"},
            {"kode_site": "SITE-10", "periode": "2025-02", "uptime": "98"}]
    recs, rejects, warnings = mon.validate_report_rows(rows, known_codes=KNOWN, now=NOW)
    assert [(r.row, r.code) for r in recs] == [(2, "SITE-9"), (3, "SITE-9")]
    assert [r.error.code for r in rejects] == ["unknown_site_code"]  # another site stays unknown
    (w,) = warnings
    assert "2 rows write a known code in other letters (first: row 2, site-9 for SITE-9)" in describe(w)


def test_uptime_written_as_fractions_is_rejected_with_the_fix():
    """Was: 0,995 stored as 0.995 % uptime, and the SLA report then claimed a restitution."""
    rows = [{"kode_site": "SITE-9", "periode": "2025-01", "uptime": "0,995"},
            {"kode_site": "SITE-9", "periode": "2025-02", "uptime": "1"},
            {"kode_site": "SITE-9", "periode": "2025-03", "pengguna_aktif": "40"}]
    recs, rejects, _ = mon.validate_report_rows(rows, known_codes=KNOWN, now=NOW)
    assert [r.row for r in recs] == [4]  # the row without uptime stays
    assert [(r.row, r.error.code) for r in rejects] == [(2, "uptime_fraction"), (3, "uptime_fraction")]
    assert "99.5 %" in describe(rejects[0].error) and rejects[0].data["uptime"] == "0,995"
    # percentages, with one bad month among them, are read as they are
    rows[1]["uptime"], rows[0]["uptime"] = "0,5", "99,5"
    recs, rejects, _ = mon.validate_report_rows(rows, known_codes=KNOWN, now=NOW)
    assert [r.uptime_pct for r in recs[:2]] == [99.5, 0.5] and not rejects


def test_a_latency_of_a_billion_ms_is_named_not_stored():
    rows = [{"kode_site": "SITE-9", "periode": "2025-01", "latensi_ms": "1000000000"},
            {"kode_site": "SITE-9", "periode": "2025-02", "latensi_ms": "650", "unduh_mbps": "25"}]
    recs, rejects, _ = mon.validate_report_rows(rows, known_codes=KNOWN, now=NOW)
    assert [r.row for r in recs] == [3] and recs[0].latency_ms == 650
    assert "latensi_ms: 1e+09 is not plausible" in describe(rejects[0].error) and "60000" in describe(rejects[0].error)


def test_validate_more_rejects():
    rows = [{"kode_desa": "v", "periode": "2025-01", "uptime": "99"},
            {"kode_desa": "", "periode": "2025-01", "uptime": "99"},
            {"kode_desa": "v", "periode": "2099-01", "uptime": "99"},
            {"kode_desa": "v", "periode": "2025-01", "uptime": ""},
            {"kode_desa": "v", "periode": "2025-01", "uptime": "", "mulai_gangguan": "2025-01-02 10:00"},
            {"kode_desa": "v", "periode": "2025-01", "uptime": "", "pengguna_aktif": "-3"},
            {"kode_desa": "v", "periode": "2025-01", "uptime": "", "padam_listrik": "maybe"}]
    recs, rejects, _ = mon.validate_report_rows(rows, now=NOW)
    assert [r.row for r in recs] == [2]
    reasons = [describe(r.error) for r in rejects]
    assert "missing site or village code" in reasons[0]
    assert "future" in reasons[1]
    assert "no data" in reasons[2]
    assert "no end" in reasons[3]
    assert "negative" in reasons[4]
    assert "yes/no" in reasons[5]


def test_import_counts_duplicates_conflicts_and_idempotency(tmp_path):
    src = _write_csv(tmp_path / "reports.csv", _rows())
    db = str(tmp_path / "mon.sqlite")
    rej = str(tmp_path / "rejects.csv")
    res = store.import_report_file(db, src, known_codes=KNOWN, rejects_path=rej, now=NOW)
    assert (res["ROWS_READ"], res["ROWS_IMPORTED"], res["ROWS_REJECTED"], res["ROWS_DUPLICATE"],
            res["ROWS_CONFLICT"]) == (11, 4, 6, 1, 1)
    assert res["OUTAGES_IMPORTED"] == 2
    assert _count(db, "mon_reports") == 2 and _count(db, "mon_outages") == 2 and _count(db, "mon_imports") == 1
    conflict = [r for r in res["REJECTS"] if r.row == 12][0]
    # the message names what differs: row 12 says uptime 97 where row 2 said 99.5 (the other values are the same)
    assert "differs from row 2 of this file (uptime_pct 97, was 99.5)" in describe(conflict.error)
    with open(rej, encoding="utf-8") as fh:
        lines = list(csv.reader(fh))
    assert lines[0][:3] == ["row", "reason", "kode_desa"]
    assert [int(r[0]) for r in lines[1:]] == [3, 4, 5, 6, 7, 12]
    assert lines[1][2] == "64.01.01.2002"

    # second import of the same file: nothing new, every good row is a duplicate
    res2 = store.import_report_file(db, src, known_codes=KNOWN, now=NOW)
    assert (res2["ROWS_READ"], res2["ROWS_IMPORTED"], res2["ROWS_DUPLICATE"], res2["ROWS_REJECTED"]) == (11, 0, 5, 6)
    assert _count(db, "mon_reports") == 2 and _count(db, "mon_outages") == 2
    imports = store.list_imports(db)
    assert len(imports) == 2 and imports[0]["sha256"] == imports[1]["sha256"] == store.file_sha256(src)
    assert imports[1]["rows_imported"] == 0 and imports[1]["rows_duplicate"] == 5
    c2 = [r for r in res2["REJECTS"] if r.row == 12][0]
    assert "differs from the value imported on 2025-06-30T12:00:00 from file reports.csv (row 2: uptime_pct 97, " \
           "was 99.5); not overwritten" in describe(c2.error)

    # a corrected file from the provider: changed value is a conflict (not overwritten), new month imported
    src2 = _write_csv(tmp_path / "koreksi.csv", [
        ["64.01.01.2001", "", "2025-01", "ProvA", "95", "120", "30", "5", "45", "", "", "", ""],
        ["64.01.01.2001", "", "2025-02", "ProvA", "99.9", "110", "30", "5", "40", "", "", "", ""],
        ["", "SITE-9", "", "ProvA", "", "", "", "", "", "2025-01-20 11:00", "2025-01-20 14:00", "radio", "0"]])
    res3 = store.import_report_file(db, src2, known_codes=KNOWN, now=NOW)
    assert (res3["ROWS_IMPORTED"], res3["ROWS_CONFLICT"], res3["ROWS_REJECTED"]) == (1, 2, 2)
    assert "from file reports.csv (row 2: uptime_pct 95, was 99.5, and 1 other value(s))" in \
        describe(res3["REJECTS"][0].error)
    assert "outage of SITE-9 starting 2025-01-20T11:00:00" in describe(res3["REJECTS"][1].error)
    assert "outage_end 2025-01-20T14:00:00, was 2025-01-20T13:00:00)" in describe(res3["REJECTS"][1].error)
    con = sqlite3.connect(db)
    assert con.execute("SELECT uptime_pct FROM mon_reports WHERE code='64.01.01.2001' AND period='2025-01'"
                       ).fetchone()[0] == 99.5
    con.close()

    # stored data feeds the SLA: SITE-9 power outage excluded, radio outage 2 h counted
    rows = mon.sla_table(store.load_records(db))
    site9 = [r for r in rows if r["code"] == "SITE-9"]
    assert len(site9) == 1 and site9[0]["downtime_s"] == 7200 and site9[0]["basis"] == "outage_log"
    v1 = [r for r in rows if r["code"] == "64.01.01.2001"]
    assert [(r["month"], round(r["availability"], 4)) for r in v1] == [("2025-01", 0.995), ("2025-02", 0.999)]


def test_failure_halfway_leaves_no_partial_import(tmp_path, monkeypatch):
    db = str(tmp_path / "mon.sqlite")
    first = _write_csv(tmp_path / "jan.csv", [
        ["64.01.01.2001", "", "2025-01", "ProvA", "99", "", "", "", "", "", "", "", ""]])
    assert store.import_report_file(db, first, now=NOW)["ROWS_IMPORTED"] == 1
    good = [[f"64.01.01.{2000 + i}", "", "2025-02", "ProvA", "99", "", "", "", "", "", "", "", ""] for i in range(5)]
    second = _write_csv(tmp_path / "feb.csv", good)

    def boom(index, record):
        if index == 3:
            raise RuntimeError("injected failure on row k")

    with pytest.raises(RuntimeError, match="injected"):
        store.import_report_file(db, second, now=NOW, on_row=boom)
    assert _count(db, "mon_reports") == 1 and _count(db, "mon_imports") == 1

    # same with a failure inside the insert itself (monkeypatch)
    calls = {"n": 0}
    real_insert = store._insert

    def failing_insert(*a, **k):
        calls["n"] += 1
        if calls["n"] == 4:
            raise sqlite3.OperationalError("disk I/O error (injected)")
        return real_insert(*a, **k)

    monkeypatch.setattr(store, "_insert", failing_insert)
    with pytest.raises(sqlite3.OperationalError):
        store.import_report_file(db, second, now=NOW)
    assert _count(db, "mon_reports") == 1 and _count(db, "mon_imports") == 1
    monkeypatch.setattr(store, "_insert", real_insert)
    # after the failures the file still imports completely
    assert store.import_report_file(db, second, now=NOW)["ROWS_IMPORTED"] == 5
    assert _count(db, "mon_reports") == 6


def test_xlsx_import_openpyxl_and_ogr(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kode_Site", "Tanggal", "Operator", "Uptime", "Mulai_Gangguan", "Selesai_Gangguan", "Penyebab"])
    ws.append(["SITE-9", dt.date(2025, 3, 1), "ProvB", 99.2, None, None, None])
    ws.append([None, None, None, None, None, None, None])  # blank row 3
    ws.append(["SITE-9", None, "ProvB", None, D(2025, 3, 2, 10), D(2025, 3, 2, 11), "radio"])
    ws.append(["SITE-9", "2025-03", "ProvB", 150, None, None, None])
    path = str(tmp_path / "rep.xlsx")
    wb.save(path)
    header, rows = mon.read_table(path)
    assert [r for r, _ in rows] == [2, 4, 5]
    ogr_table = tabular.read_table(path, xlsx_engine="ogr")  # GDAL's XLSX driver, when openpyxl is missing
    ogr_header, ogr_rows = ogr_table.header, ogr_table.rows
    assert [r for r, _ in ogr_rows] == [2, 4, 5]
    assert [h.lower() for h in ogr_header] == [h.lower() for h in header]
    for rows_ in (rows, ogr_rows):
        recs, rejects, _ = mon.validate_report_rows(rows_, now=NOW)
        assert [r.row for r in rejects] == [5]
        assert recs[0].period == "2025-03-01" and recs[0].provider == "ProvB"
        assert recs[1].outage_start == D(2025, 3, 2, 10) and recs[1].month == "2025-03"
    db = str(tmp_path / "m.sqlite")
    res = store.import_report_file(db, path, now=NOW)
    assert (res["ROWS_READ"], res["ROWS_IMPORTED"], res["ROWS_REJECTED"]) == (3, 2, 1)


def test_geopackage_registration(tmp_path):
    ogr = pytest.importorskip("osgeo.ogr")
    path = str(tmp_path / "existing.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    ds.CreateLayer("villages", geom_type=ogr.wkbPoint)
    ds = None
    src = _write_csv(tmp_path / "reports.csv", _rows())
    res = store.import_report_file(path, src, known_codes=KNOWN, now=NOW)
    assert res["ROWS_IMPORTED"] == 4
    con = sqlite3.connect(path)
    kinds = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents"))
    con.close()
    assert kinds["villages"] == "features"
    for t in ("mon_reports", "mon_outages", "mon_imports", "status_history"):
        assert kinds[t] == "attributes"
    ds = ogr.Open(path)
    names = [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]
    assert {"villages", "mon_reports", "mon_outages", "mon_imports", "status_history"} <= set(names)
    assert ds.GetLayerByName("mon_reports").GetFeatureCount() == 2
    ds = None

    # a brand-new .gpkg is created as a minimal GeoPackage that GDAL opens
    new = str(tmp_path / "new.gpkg")
    store.import_report_file(new, src, known_codes=KNOWN, now=NOW)
    ds = ogr.Open(new)
    assert ds.GetDriver().GetName() == "GPKG"
    assert ds.GetLayerByName("mon_outages").GetFeatureCount() == 2
    ds = None
    # plain sqlite file stays plain (no gpkg tables)
    plain = str(tmp_path / "plain.sqlite")
    store.ensure_schema(plain)
    con = sqlite3.connect(plain)
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name='gpkg_contents'").fetchone()[0] == 0
    con.close()


def test_status_history_append_only(tmp_path):
    db = str(tmp_path / "h.gpkg")
    i1 = store.append_status_change(db, "villages", 7, "64.01.01.2001", None, "planned", changed_by="ana",
                                 changed_at=D(2025, 1, 1))
    i2 = store.append_status_change(db, "villages", 7, "64.01.01.2001", "planned", "disurvei", changed_by="ana",
                                 note="survey ok", changed_at=D(2025, 2, 1))
    assert i2 > i1
    with pytest.raises(ValueError, match="cannot change from surveyed to active"):
        store.append_status_change(db, "villages", 7, "64.01.01.2001", "surveyed", "active")
    hist = store.status_history(db, code="64.01.01.2001")
    assert [(h["old_status"], h["new_status"]) for h in hist] == [(None, "planned"), ("planned", "surveyed")]
    assert hist[1]["changed_at"] == "2025-02-01T00:00:00" and hist[1]["note"] == "survey ok"
    assert store.current_statuses(db) == {"64.01.01.2001": "surveyed"}
    con = sqlite3.connect(db)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("UPDATE status_history SET new_status='active'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("DELETE FROM status_history")
    con.rollback()
    assert con.execute("SELECT count(*) FROM status_history").fetchone()[0] == 2
    con.close()


def test_store_accepts_connection(tmp_path):
    con = sqlite3.connect(str(tmp_path / "c.sqlite"))
    rec = mon.ReportRecord(row=2, code="v", code_type="village", period="2025-01", month="2025-01", uptime_pct=99.0)
    res = store.import_records(con, [rec], "mem.csv", now=NOW)
    assert res["ROWS_IMPORTED"] == 1
    res = store.import_records(con, [rec], "mem.csv", now=NOW)
    assert res["ROWS_DUPLICATE"] == 1 and res["ROWS_IMPORTED"] == 0
    con.close()


def test_xlsx_falls_back_to_gdal_without_openpyxl(tmp_path, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("osgeo.ogr")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["kode_desa", "periode", "uptime", "pengguna_aktif"])
    ws.append(["64.01.01.2001", "2025-04", 99.1, 3])
    ws.append(["64.01.01.2001", "2025-05", "x", 3])
    path = str(tmp_path / "r.xlsx")
    wb.save(path)
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl -> ImportError
    header, rows = mon.read_table(path)
    assert [h.lower() for h in header] == ["kode_desa", "periode", "uptime", "pengguna_aktif"]
    res = store.import_report_file(str(tmp_path / "m.sqlite"), path, now=NOW)
    assert (res["ROWS_READ"], res["ROWS_IMPORTED"], res["ROWS_REJECTED"]) == (2, 1, 1)
    assert res["REJECTS"][0].row == 3


def test_zero_usage_needs_all_reports_zero():
    recs = [{"code": "v", "provider": "P", "month": "2025-01", "active_users": 0},
            {"code": "v", "provider": "P", "month": "2025-01", "active_users": 4},
            {"code": "v", "provider": "P", "month": "2025-02", "active_users": 0},
            {"code": "w", "provider": "P", "month": "2025-02", "uptime_pct": 99}]
    assert mon.zero_usage_flags(recs) == [{"code": "v", "provider": "P", "month": "2025-02"}]


def test_history_rejects_unknown_status_even_unchecked(tmp_path):
    db = str(tmp_path / "h.sqlite")
    with pytest.raises(ValueError, match="unknown status"):
        store.append_status_change(db, "v", 1, "c", None, "bogus", check_transition=False)
    store.append_status_change(db, "v", 1, "c", "planned", "active", check_transition=False)
    assert store.status_history(db)[0]["new_status"] == "active"


def test_a_provider_written_in_other_letters_is_the_same_provider(tmp_path):
    """'TELKOM' and ' telkom' beside 'Telkom': the same site-month was stored three times and counted three times,
    the report listing three providers (found by trying to break it, 7 December). The first spelling is kept."""
    db = str(tmp_path / "mon.sqlite")
    head = ["kode_desa", "periode", "uptime", "penyedia"]
    first = _write_csv(tmp_path / "a.csv", [["64.01.01.2001", "2025-05", "99", "Telkom"]], head)
    again = _write_csv(tmp_path / "b.csv", [["64.01.01.2001", "2025-05", "99", "TELKOM"],
                                            ["64.01.01.2002", "2025-05", "98", " telkom "]], head)
    assert store.import_report_file(db, first, known_codes=KNOWN, now=NOW)["ROWS_IMPORTED"] == 1
    res = store.import_report_file(db, again, known_codes=KNOWN, now=NOW)
    assert (res["ROWS_IMPORTED"], res["ROWS_DUPLICATE"]) == (1, 1)
    con = sqlite3.connect(db)
    assert {p for (p,) in con.execute("SELECT DISTINCT provider FROM mon_reports")} == {"Telkom"}
    con.close()


def test_periods_written_as_month_names_and_a_bad_period_names_its_column():
    """'Okt 2025', 'Januari 2025' were refused as "period: not a date/time … use YYYY-MM-DD HH:MM:SS" (the role, not
    the file's column 'periode', and a date-time format for a month). Found 7 December."""
    assert mon.parse_period("Okt 2025") == ("2025-10", "2025-10")
    assert mon.parse_period("Januari 2025")[1] == "2025-01" and mon.parse_period("Agt-2024")[1] == "2024-08"
    assert mon.parse_period("May 2025")[1] == mon.parse_period("Mei 2025")[1] == "2025-05"
    rows = [{"kode_desa": "64.01.01.2001", "periode": "Mar 2025", "uptime": "99"},
            {"kode_desa": "64.01.01.2001", "periode": "musim hujan", "uptime": "99"}]
    recs, rejects, _ = mon.validate_report_rows(rows, now=NOW)
    assert [r.month for r in recs] == ["2025-03"]
    text = describe(rejects[0].error)
    assert text.startswith("periode: not a month ('musim hujan'); write YYYY-MM"), text
