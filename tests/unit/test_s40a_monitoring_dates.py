"""Outage times written with the zone's name (s40-a): a provider's report of '10/01/2025 08.00 WITA' (East
Kalimantan's zone, as Indonesian reports write it) had every outage row rejected as a date in no known format,
while '2025-01-10 08:00+08:00' was read (its offset dropped: local time)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pytest  # noqa: E402

from kaltim_internet_plugin.core.monitoring.parsing import MonitoringError, parse_datetime  # noqa: E402


@pytest.mark.parametrize("text", ["10/01/2025 08.00", "2025-01-10 08:00", "10 Januari 2025 pukul 08.00",
                                  "2025-01-10T08:00:30"])
@pytest.mark.parametrize("zone", [" WITA", " WIB", " wit", " UTC", " GMT"])
def test_a_zone_name_is_dropped_as_an_offset_is(text, zone):
    assert parse_datetime(text + zone) == parse_datetime(text) == parse_datetime(text + "+08:00")


def test_other_words_after_the_time_are_still_refused():
    for text in ("10/01/2025 08.00 pagi", "10/01/2025 08.00 WITAX", "10/01/2025WITA"):
        with pytest.raises(MonitoringError):
            parse_datetime(text)
