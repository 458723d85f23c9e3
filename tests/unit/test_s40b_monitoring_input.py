"""Real-world service reports (s40-b): Indonesian dates and numbers, village codes written as numbers, corrections."""
import datetime as dt
import os
import sys

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

import pytest  # noqa: E402

from kaltim_internet_plugin.core import monitoring as mon  # noqa: E402

D = dt.datetime


@pytest.mark.parametrize("text, expected", [
    ("08-12-2026", D(2026, 12, 8)),  # DD-MM-YYYY: the '-2026' was cut off as a time zone '-2026' (rejected)
    ("8-Des-2026", D(2026, 12, 8)),
    ("08-12-2026 13:00", D(2026, 12, 8, 13)),
    ("2026-12-08 13:00+08:00", D(2026, 12, 8, 13)),  # a real offset is still dropped
    ("2026-12-08T13:00:00.250-0700", D(2026, 12, 8, 13)),
    ("2026-12-08 13:00 WITA", D(2026, 12, 8, 13)),  # local time named: WITA/WIB/WIT
    ("8 Des 2026 13.00 WIB", D(2026, 12, 8, 13)),
    ("46364", D(2026, 12, 8)),  # an Excel serial date saved as text in a CSV
    ("46364,5", D(2026, 12, 8, 12)),
])
def test_indonesian_date_forms_are_read(text, expected):
    assert mon.parse_datetime(text) == expected
    assert mon.parse_period(text) == (expected.date().isoformat(), expected.strftime("%Y-%m"))


def test_a_year_alone_is_no_excel_serial():
    with pytest.raises(ValueError):
        mon.parse_datetime("2026")


KNOWN = {"64.01.01.2009", "64.02.03.1001", "SYN-0007"}


@pytest.mark.parametrize("written", [6401012009, 6401012009.0, "6401012009", "64 01 01 2009", "64-01-01-2009",
                                     " 64.01.01.2009 "])
def test_a_village_code_written_without_dots_is_the_plans_village(written):
    """A Diskominfo spreadsheet writes the Kemendagri code as a number or with spaces: the row was rejected as an
    unknown village, its uptime lost."""
    rows = [(2, {"kode_desa": written, "periode": "2026-11", "uptime": "99,5"}),
            (3, {"kode_desa": "64.02.03.1001", "periode": "2026-11", "uptime": "98"})]
    records, rejects, warnings = mon.validate_report_rows(rows, known_codes=KNOWN, now=D(2026, 12, 8))
    assert not rejects, [r.reason for r in rejects]
    assert [(r.code, r.uptime_pct) for r in records] == [("64.01.01.2009", 99.5), ("64.02.03.1001", 98.0)]
    if str(written).strip() != "64.01.01.2009":  # said once, with the row and both spellings
        said = [w for w in warnings if getattr(w, "code", "") == "village_codes_rewritten"]
        assert len(said) == 1 and said[0].params["row"] == 2 and said[0].params["code"] == "64.01.01.2009"


def test_a_village_code_of_no_plan_village_is_still_rejected():
    rows = [(2, {"kode_desa": "6401012999", "periode": "2026-11", "uptime": "99"})]
    records, rejects, _ = mon.validate_report_rows(rows, known_codes=KNOWN, now=D(2026, 12, 8))
    assert not records and rejects[0].error.code == "unknown_village_code"


def test_the_rewritten_codes_are_said_in_words():
    from kaltim_internet_plugin.errors import describe

    rows = [(5, {"kode_desa": "6401012009", "periode": "2026-11", "uptime": "99"})]
    _, _, warnings = mon.validate_report_rows(rows, known_codes=KNOWN, now=D(2026, 12, 8))
    text = describe(warnings[0])
    assert "row 5" in text and "6401012009" in text and "64.01.01.2009" in text


def _month_rows():
    recs = []
    for m in ("2026-09", "2026-10", "2026-11"):
        recs.append({"code": "SYN-0001", "provider": "Telkomsel", "month": m, "period": m, "uptime_pct": 80.0})
    for m in ("2026-09", "2026-10"):  # this site's provider sent nothing for November
        recs.append({"code": "SYN-0002", "provider": "Telkomsel", "month": m, "period": m, "uptime_pct": 99.9})
    recs.append({"code": "SYN-0003", "provider": "XL", "month": "2026-08", "period": "2026-08", "uptime_pct": 99.0})
    # a site known only from its outage log: a month without an outage has no row, and no flag
    recs.append({"code": "SYN-0004", "provider": "XL", "month": "2026-09", "outage_start": D(2026, 9, 3),
                 "outage_end": D(2026, 9, 3, 2), "cause": "radio"})
    return recs


def test_a_site_without_a_report_for_the_month_is_flagged():
    """November's report listed one site-month (80 %) and said nothing of SYN-0002, reported until October."""
    ev = mon.evaluate(_month_rows(), month="2026-11")
    assert ev.indicators["site_months"] == 1
    silent = {f["code"]: f for f in ev.flags if f["flag"] == "no_report"}
    assert set(silent) == {"SYN-0002", "SYN-0003"}
    assert silent["SYN-0002"]["months"] == "2026-11" and silent["SYN-0002"]["run_length"] == 1
    assert silent["SYN-0003"]["months"] == "2026-09, 2026-10, 2026-11" and silent["SYN-0003"]["provider"] == "XL"
    # October's report: every reporting site reported; SYN-0003 already missing in September and October
    october = mon.evaluate(_month_rows(), month="2026-10")
    assert [(f["code"], f["months"]) for f in october.flags if f["flag"] == "no_report"] == [
        ("SYN-0003", "2026-09, 2026-10")]


# --------------------------------------------------------------------------------------------- separate usage reports
def _import(tmp_path, db, name, text, **kw):
    from kaltim_internet_plugin.core import monitoring_store as store

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return store.import_report_file(str(db), str(path), now=D(2026, 12, 8), **kw)


def _stored(db):
    import sqlite3

    con = sqlite3.connect(str(db))
    try:
        return {r[0]: r[1:] for r in con.execute(
            "SELECT code, uptime_pct, active_users, download_mbps FROM mon_reports ORDER BY code")}
    finally:
        con.close()


def test_a_usage_report_completes_the_months_uptime_report(tmp_path):
    """An operator sends uptime (NOC) and usage in two files: the second one's rows were all conflicts
    ('uptime_pct -, was 99.1') and the month's users lost."""
    db = tmp_path / "plan.gpkg"
    _import(tmp_path, db, "uptime.csv", "kode_site;periode;uptime\nSYN-1;2026-11;99,1\nSYN-2;2026-11;97\n")
    res = _import(tmp_path, db, "usage.csv",
                  "kode_site;periode;pengguna_aktif;unduh_mbps\nSYN-1;2026-11;120;30\nSYN-2;2026-11;0;20\n")
    assert (res["ROWS_IMPORTED"], res["ROWS_CONFLICT"], res["ROWS_REJECTED"]) == (2, 0, 0)
    assert _stored(db) == {"SYN-1": (99.1, 120.0, 30.0), "SYN-2": (97.0, 0.0, 20.0)}
    again = _import(tmp_path, db, "usage.csv",
                    "kode_site;periode;pengguna_aktif;unduh_mbps\nSYN-1;2026-11;120;30\nSYN-2;2026-11;0;20\n")
    assert (again["ROWS_IMPORTED"], again["ROWS_DUPLICATE"]) == (0, 2)  # idempotent
    # a value that contradicts the stored one is still a conflict, named by the value it gives
    res = _import(tmp_path, db, "usage2.csv", "kode_site;periode;pengguna_aktif\nSYN-1;2026-11;150\n")
    assert res["ROWS_CONFLICT"] == 1 and res["REJECTS"][0].error.params["change"].params["field"] == "active_users"
    # a correction of the uptime alone keeps the users
    res = _import(tmp_path, db, "uptime_fix.csv", "kode_site;periode;uptime\nSYN-1;2026-11;99,6\n", replace=True)
    assert res["ROWS_REPLACED"] == 1 and _stored(db)["SYN-1"] == (99.6, 120.0, 30.0)


def test_two_rows_of_one_month_that_complete_each_other_in_one_file(tmp_path):
    db = tmp_path / "plan.gpkg"
    res = _import(tmp_path, db, "noc.csv", "kode_site;periode;uptime;pengguna_aktif\n"
                  "SYN-1;2026-11;99,5;\nSYN-1;2026-11;;88\nSYN-1;2026-11;98;\n")
    assert (res["ROWS_IMPORTED"], res["ROWS_CONFLICT"]) == (2, 1)
    assert [r.row for r in res["REJECTS"]] == [4] and res["REJECTS"][0].error.code == "conflict_in_file"
    assert _stored(db) == {"SYN-1": (99.5, 88.0, None)}


def test_a_month_reported_whole_and_by_day_takes_the_monthly_figure():
    recs = [{"code": "S", "provider": "P", "month": "2026-11", "period": "2026-11", "uptime_pct": 90.0}]
    recs += [{"code": "S", "provider": "P", "month": "2026-11", "period": f"2026-11-{d:02d}", "uptime_pct": 100.0}
             for d in (1, 2, 3)]
    recs += [{"code": "T", "provider": "P", "month": "2026-11", "period": f"2026-11-{d:02d}", "uptime_pct": up}
             for d, up in ((1, 97.0), (2, 99.0))]  # days only: their mean
    rows = {r["code"]: r for r in mon.sla_table(recs)}
    assert rows["S"]["availability"] == pytest.approx(0.90) and rows["S"]["restitution"]
    assert rows["T"]["availability"] == pytest.approx(0.98)


def test_a_number_column_is_read_as_one():
    """A NOC export in English notation: '99.950' % was read as 99950 and the row rejected ('outside 0-100 %'), and
    users '1,050' beside '25.5' Mbps were 1.05 users."""
    rows = [(2, {"kode_site": "A", "periode": "2026-11", "uptime": "99.950", "pengguna_aktif": "1,234",
                 "unduh_mbps": "25.5"}),
            (3, {"kode_site": "B", "periode": "2026-11", "uptime": "99.5", "pengguna_aktif": "1,050",
                 "unduh_mbps": "12.25"}),
            (4, {"kode_site": "C", "periode": "2026-11", "uptime": "abc", "pengguna_aktif": "",
                 "unduh_mbps": "1.234"})]
    records, rejects, warnings = mon.validate_report_rows(rows, now=D(2026, 12, 8))
    assert [(r.code, r.uptime_pct, r.active_users, r.download_mbps) for r in records] == [
        ("A", 99.95, 1234.0, 25.5), ("B", 99.5, 1050.0, 12.25)]
    assert [(r.row, r.error.code, r.error.params["error"].code) for r in rejects] == [(4, "column_value",
                                                                                      "not_a_number")]
    said = {(w.field, w.raw) for w in warnings if getattr(w, "code", "") == "ambiguous"}
    assert ("uptime", "99.950") in said and ("pengguna_aktif", "1,234") in said
    # an Indonesian file keeps its reading: 1.234 users are 1234, 99,5 % is 99.5
    rows = [(2, {"kode_site": "A", "periode": "2026-11", "uptime": "99,5", "pengguna_aktif": "1.234"})]
    records, _, _ = mon.validate_report_rows(rows, now=D(2026, 12, 8))
    assert (records[0].uptime_pct, records[0].active_users) == (99.5, 1234.0)


@pytest.mark.parametrize("text, month", [("Nov-26", "2026-11"), ("Des-26", "2026-12"), ("Agu-25", "2025-08"),
                                         ("Okt 2026", "2026-10")])
def test_excels_month_format_saved_in_a_csv_is_a_month(text, month):
    assert mon.parse_period(text) == (month, month)


def test_an_officers_headers_are_read_and_a_column_not_read_is_named():
    """'Tanggal Mulai Gangguan' / 'Tanggal Selesai Gangguan' were not known: a row's outage was left out without a
    word (its uptime imported), an outage-only row rejected as 'no data'."""
    from kaltim_internet_plugin.errors import describe

    rows = [(2, {"No": "1", "Kode Kemendagri": "64.01.01.2009", "Nama Desa": "Samurangau", "Bulan Laporan": "Nov 2026",
                 "SLA (%)": "99,1", "Tanggal Mulai Gangguan": "03-11-2026 08.00",
                 "Tanggal Selesai Gangguan": "03-11-2026 10.30", "Penyebab Gangguan": "FO putus",
                 "User Aktif": "57", "Tim Teknisi": "Budi"})]
    records, rejects, warnings = mon.validate_report_rows(rows, known_codes=KNOWN, now=D(2026, 12, 8))
    assert not rejects
    r = records[0]
    assert (r.code, r.month, r.uptime_pct, r.active_users, r.cause) == ("64.01.01.2009", "2026-11", 99.1, 57.0,
                                                                       "FO putus")
    assert (r.outage_start, r.outage_end) == (D(2026, 11, 3, 8), D(2026, 11, 3, 10, 30))
    said = [w for w in warnings if getattr(w, "code", "") == "columns_not_read"]
    assert len(said) == 1 and said[0].params["columns"] == "Tim Teknisi"  # not No, Nama Desa
    assert "Tim Teknisi" in describe(said[0])


def test_one_uptime_below_one_percent_among_percentages_is_said():
    """'0,97' among '99,5' and '98' was 0.97 % availability and a restitution without a word (it is kept: a site can
    be down all month; the row is named)."""
    from kaltim_internet_plugin.errors import describe

    rows = [(2, {"kode_site": "A", "periode": "2026-11", "uptime": "99,5"}),
            (3, {"kode_site": "B", "periode": "2026-11", "uptime": "0,97"}),
            (4, {"kode_site": "C", "periode": "2026-11", "uptime": "98"}),
            (5, {"kode_site": "D", "periode": "2026-11", "uptime": "0"})]
    records, rejects, warnings = mon.validate_report_rows(rows, now=D(2026, 12, 8))
    assert [r.code for r in records] == ["A", "B", "C", "D"] and not rejects
    said = [w for w in warnings if getattr(w, "code", "") == "uptime_below_one"]
    assert [(w.params["row"], w.params["code"]) for w in said] == [(3, "B")]
    assert "97 %" in describe(said[0]) and "row 3" in describe(said[0])


def test_an_outage_still_going_on_says_what_to_do():
    from kaltim_internet_plugin.errors import describe

    rows = [(7, {"kode_site": "A", "mulai_gangguan": "07-12-2026 22.15", "selesai_gangguan": "", "penyebab": "FO"})]
    _, rejects, _ = mon.validate_report_rows(rows, now=D(2026, 12, 8))
    text = describe(rejects[0].error)
    assert rejects[0].row == 7 and "2026-12-07 22:15" in text and "Write its end time" in text


def test_a_sheets_average_row_is_named_as_such():
    """'Rata-rata' under the code column was rejected as 'missing period' (or, with a period, as an unknown site)."""
    from kaltim_internet_plugin.errors import describe

    rows = [(5, {"kode_desa": "64.01.01.2009", "periode": "2026-11", "uptime": "99"}),
            (6, {"kode_desa": "Rata-rata", "periode": "", "uptime": "99"}),
            (7, {"kode_desa": "JUMLAH", "periode": "2026-11", "pengguna": "120"})]
    records, rejects, _ = mon.validate_report_rows(rows, known_codes=KNOWN, now=D(2026, 12, 8))
    assert [r.row for r in records] == [5]
    assert [(r.row, r.error.code) for r in rejects] == [(6, "total_row"), (7, "total_row")]
    assert "totals or averages ('Rata-rata'" in describe(rejects[0].error)


def test_outage_times_beside_the_rows_date():
    """A NOC export with 'Tanggal', 'Jam Mulai', 'Jam Selesai': the times alone were not read (columns not known),
    or rejected as 'not a date/time'."""
    rows = [(2, {"kode_site": "A", "tanggal": "03-11-2026", "jam_mulai": "08.15", "jam_selesai": "10.45",
                 "penyebab": "FO putus"}),
            (3, {"kode_site": "A", "tanggal": "2026-11-05", "jam_mulai": "23:30", "jam_selesai": "01:15",
                 "penyebab": "radio"}),  # over midnight
            (4, {"kode_site": "B", "tanggal": "Nov 2026", "jam_mulai": "08.15", "jam_selesai": "09.00"})]
    records, rejects, _ = mon.validate_report_rows(rows, now=D(2026, 12, 8))
    assert [(r.outage_start, r.outage_end) for r in records] == [
        (D(2026, 11, 3, 8, 15), D(2026, 11, 3, 10, 45)), (D(2026, 11, 5, 23, 30), D(2026, 11, 6, 1, 15))]
    # a time without a day to put it on is still refused, with its column
    assert [(r.row, r.error.code, r.error.params["column"]) for r in rejects] == [(4, "column_value", "jam_mulai")]
    assert mon.sla_table(records)[0]["downtime_s"] == (2.5 + 1.75) * 3600


def test_a_report_imported_without_then_with_its_provider_is_one_report(tmp_path):
    """Imported once without a provider (no column, PROVIDER empty) and again with it: two rows of one site-month,
    counted twice in the SLA and the scorecard (a 'provider -' beside 'Telkomsel')."""
    import sqlite3

    from kaltim_internet_plugin.core import monitoring_store as store

    db = tmp_path / "plan.gpkg"
    _import(tmp_path, db, "nov.csv", "kode_site;periode;uptime\nSYN-1;2026-11;97\nSYN-2;2026-11;99\n")
    res = _import(tmp_path, db, "nov_tsel.csv", "kode_site;periode;uptime;pengguna_aktif\nSYN-1;2026-11;97;40\n",
                  provider="Telkomsel")
    assert (res["ROWS_IMPORTED"], res["ROWS_CONFLICT"]) == (1, 0)
    con = sqlite3.connect(str(db))
    try:
        rows = con.execute("SELECT code, provider, uptime_pct, active_users FROM mon_reports ORDER BY code").fetchall()
    finally:
        con.close()
    assert rows == [("SYN-1", "Telkomsel", 97.0, 40.0), ("SYN-2", "", 99.0, None)]
    sla = mon.sla_table(store.load_records(str(db)))
    assert [(r["code"], r["provider"]) for r in sla] == [("SYN-1", "Telkomsel"), ("SYN-2", "")]
    # and the other way round: a row without provider is the one named row of its site and month
    res = _import(tmp_path, db, "nov_again.csv", "kode_site;periode;uptime\nSYN-1;2026-11;97\n")
    assert (res["ROWS_DUPLICATE"], res["ROWS_IMPORTED"]) == (1, 0)
    res = _import(tmp_path, db, "nov_xl.csv", "kode_site;periode;uptime\nSYN-1;2026-11;95\n", provider="XL")
    assert res["ROWS_IMPORTED"] == 1  # another named provider of the site stays its own report


def test_a_migrated_village_is_not_flagged_for_its_missing_report():
    recs = [{"code": c, "provider": "P", "month": m, "period": m, "uptime_pct": 99.0}
            for c in ("64.01.01.2009", "64.02.03.1001") for m in ("2026-10", "2026-11")]
    recs += [{"code": "64.01.01.2009", "provider": "P", "month": "2026-12", "period": "2026-12", "uptime_pct": 99.0}]
    villages = [{"code": "64.01.01.2009", "kab": "Paser", "year": None, "status": "active"},
                {"code": "64.02.03.1001", "kab": "Kubar", "year": None, "status": "migrated"}]
    assert [f for f in mon.evaluate(recs, villages, month="2026-12").flags if f["flag"] == "no_report"] == []
    villages[1]["status"] = "active"
    assert [f["code"] for f in mon.evaluate(recs, villages, month="2026-12").flags] == ["64.02.03.1001"]


def test_dates_written_month_first_are_read_so():
    """An English NOC system writes 12/08/2026 for 8 December: read as 12 August, the outage fell in August."""
    rows = [(2, {"site_id": "A", "start": "12/08/2026 13:00", "end": "12/08/2026 15:30"}),
            (3, {"site_id": "A", "start": "11/25/2026 08:00", "end": "11/25/2026 08:45"})]
    records, rejects, warnings = mon.validate_report_rows(rows, now=D(2026, 12, 9))
    assert not rejects
    assert [(r.outage_start, r.month) for r in records] == [(D(2026, 12, 8, 13), "2026-12"), (D(2026, 11, 25, 8),
                                                                                            "2026-11")]
    said = [w for w in warnings if getattr(w, "code", "") == "month_first_dates"]
    assert [(w.params["column"], w.params["row"]) for w in said] == [("start", 3), ("end", 3)]
    # an Indonesian column (a day above 12 somewhere) stays day first
    rows = [(2, {"site_id": "A", "start": "12/08/2026 13:00", "end": "12/08/2026 15:30"}),
            (3, {"site_id": "A", "start": "25/11/2026 08:00", "end": "25/11/2026 08:45"})]
    records, _, warnings = mon.validate_report_rows(rows, now=D(2026, 12, 9))
    assert records[0].outage_start == D(2026, 8, 12, 13) and not warnings


def test_an_outage_log_short_of_the_providers_own_uptime_is_flagged():
    """95 % reported and a log of one 1-hour outage: the SLA took the log (99.86 %, no restitution) without a word."""
    recs = [{"code": "A", "provider": "P", "month": "2026-11", "period": "2026-11", "uptime_pct": 95.0},
            {"code": "A", "provider": "P", "month": "2026-11", "outage_start": D(2026, 11, 3, 8),
             "outage_end": D(2026, 11, 3, 9), "cause": "radio"},
            {"code": "B", "provider": "P", "month": "2026-11", "period": "2026-11", "uptime_pct": 99.8},
            {"code": "B", "provider": "P", "month": "2026-11", "outage_start": D(2026, 11, 3, 8),
             "outage_end": D(2026, 11, 3, 9), "cause": "radio"}]  # agrees within half a point: no flag
    ev = mon.evaluate(recs, month="2026-11")
    a = next(r for r in ev.sla if r["code"] == "A")
    assert a["basis"] == "outage_log" and not a["restitution"]
    flags = [f for f in ev.flags if f["flag"] == "log_below_reported"]
    assert [(f["code"], f["months"], f["reported_pct"]) for f in flags] == [("A", "2026-11", 95.0)]
    assert flags[0]["log_pct"] == pytest.approx(100 * a["availability"])


def test_a_reported_uptime_counting_a_power_outage_is_no_short_log():
    """The provider's 99 % counts a 7-hour PLN outage the contract excludes: the log is complete, no flag."""
    recs = [{"code": "A", "provider": "P", "month": "2026-11", "period": "2026-11", "uptime_pct": 99.0},
            {"code": "A", "provider": "P", "month": "2026-11", "outage_start": D(2026, 11, 3, 8),
             "outage_end": D(2026, 11, 3, 15), "cause": "PLN padam"}]
    ev = mon.evaluate(recs, month="2026-11")
    assert ev.sla[0]["availability"] == 1.0 and not [f for f in ev.flags if f["flag"] == "log_below_reported"]


def test_a_village_layer_of_undotted_codes_takes_the_reports_dotted_ones():
    rows = [(2, {"kode_desa": "64.01.01.2009", "periode": "2026-11", "uptime": "99"})]
    records, rejects, warnings = mon.validate_report_rows(rows, known_codes={"6401012009"}, now=D(2026, 12, 8))
    assert not rejects and records[0].code == "6401012009"
    assert [w.code for w in warnings if getattr(w, "code", "") == "village_codes_rewritten"] == [
        "village_codes_rewritten"]


def test_an_uptime_out_of_range_is_named_as_written():
    """'100.0001' was rejected as 'uptime 100 outside 0-100 %'."""
    from kaltim_internet_plugin.errors import describe

    rows = [(2, {"kode_site": "A", "periode": "2026-11", "uptime": "100.0001"}),
            (3, {"kode_site": "B", "periode": "2026-11", "uptime": "101"})]
    _, rejects, _ = mon.validate_report_rows(rows, now=D(2026, 12, 8))
    texts = [describe(r.error) for r in rejects]
    assert "'100.0001' (read as 100.0001) outside 0-100 %" in texts[0]
    assert texts[1] == "uptime 101 outside 0-100 %"


@pytest.mark.parametrize("text", ["01/11/2026 s/d 07/11/2026", "1 Nov 2026 - 7 Nov 2026",
                                  "2026-11-01 sampai 2026-11-07", "01-11-2026 – 07-11-2026"])
def test_a_weeks_period_is_its_first_day(text):
    assert mon.parse_period(text) == ("2026-11-01", "2026-11")


def test_a_period_over_two_months_is_refused_with_the_fix():
    from kaltim_internet_plugin.errors import describe

    with pytest.raises(mon.MonitoringError) as err:
        mon.parse_period("28/11/2026 s/d 04/12/2026")
    assert err.value.code == "period_span" and "per month" in describe(err.value)


def test_a_templates_numbered_empty_rows_are_no_rejects():
    """An officer's template numbers its rows 1 to 50: every empty numbered row was 'missing site or village code'."""
    from kaltim_internet_plugin.errors import describe

    rows = [(2, {"No": "1", "kode_desa": "64.01.01.2009", "periode": "2026-11", "uptime": "99"})]
    rows += [(n, {"No": str(n - 1), "kode_desa": "", "periode": "", "uptime": ""}) for n in range(3, 6)]
    rows += [(6, {"No": "5", "kode_desa": "", "periode": "2026-11", "uptime": "97"})]  # a row without its code
    records, rejects, warnings = mon.validate_report_rows(rows, known_codes=KNOWN, now=D(2026, 12, 8))
    assert [r.row for r in records] == [2]
    assert [(r.row, r.error.code) for r in rejects] == [(6, "missing_code")]
    said = [w for w in warnings if getattr(w, "code", "") == "numbered_empty_rows"]
    assert len(said) == 1 and "3 rows (rows 3 to 5) hold only their number (No)" in describe(said[0])
