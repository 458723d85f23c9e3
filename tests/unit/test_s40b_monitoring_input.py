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
