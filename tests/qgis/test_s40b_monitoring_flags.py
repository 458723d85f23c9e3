"""The M&E report's texts of a site without a report for the month (s40-b)."""
from __future__ import annotations

import datetime as dt

from kaltim_internet_plugin.core import monitoring as mon
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
