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
