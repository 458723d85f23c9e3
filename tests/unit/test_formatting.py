"""core.formatting: one way to write numbers, money, percentages, distances and dates in each language."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from kaltim_internet_plugin.core import formatting as f


@pytest.mark.parametrize("value, lang, expected", [
    (1.545e11, "id", "Rp 154,5 miliar"), (1.545e11, "en", "Rp 154.5 bn"),
    (26e9, "id", "Rp 26 miliar"), (2.65e9, "id", "Rp 2,65 miliar"), (5.7e9, "id", "Rp 5,7 miliar"),
    (450e6, "id", "Rp 450 juta"), (450e6, "en", "Rp 450 m"), (1.2e12, "id", "Rp 1,2 triliun"),
    (650_000, "id", "Rp 650.000"), (650_000, "en", "Rp 650,000"), (-3e9, "id", "Rp -3 miliar"),
    (None, "id", ""),
])
def test_money(value, lang, expected):
    assert f.money(value, lang) == expected


def test_integers_decimals_percent_distance():
    assert f.integer(4123303, "id") == "4.123.303" and f.integer(4123303, "en") == "4,123,303"
    assert f.integer(999.6, "id") == "1.000" and f.integer(-1234, "id") == "-1.234"
    assert f.decimal(24.45, "id", 2) == "24,45" and f.decimal(24.45, "en", 2) == "24.45"
    assert f.decimal(1234567.891, "id", 2) == "1.234.567,89"
    assert f.decimal(-0.04, "id", 1) == "0,0"  # no negative zero
    assert f.number(2.50, "id") == "2,5" and f.number(3.0, "en") == "3"
    assert f.percent(97.028, "id") == "97,0%" and f.percent(0.5, "en", of_one=True) == "50.0%"
    assert f.distance_km(24.45, "id", 2) == "24,45 km" and f.distance_m(850, "id") == "850 m"
    assert f.distance_m(24450, "id") == "24,5 km"
    assert f.dbm(-97.1, "id") == "-97,1 dBm" and f.money_full(26e9, "id") == "Rp 26.000.000.000"
    assert f.lang_code("id_ID") == "id" and f.lang_code("en_GB") == "en" and f.lang_code(None) == "en"


def test_an_estimate_is_said_as_people_say_it():
    """The ITM time estimate (log and dock): whole from 10, one decimal below, never "0" for a positive amount."""
    assert f.about(13.2, "id") == "13" and f.about(1234.4, "id") == "1.234" and f.about(1234.4, "en") == "1,234"
    assert f.about(1.62, "id") == "1,6" and f.about(1.62, "en") == "1.6" and f.about(2.0, "en") == "2"
    assert f.about(0.02, "id") == "0,1" and f.about(0, "en") == "0" and f.about(None, "id") == ""


@pytest.mark.parametrize("value, id_text, en_text", [
    (4e6, "4 jt", "4M"), (123.2e3, "123,2 rb", "123.2k"), (92.5e9, "92,5 M", "92.5bn"), (950, "950", "950"),
    (2.6e9, "2,6 M", "2.6bn"),
])
def test_compact(value, id_text, en_text):
    assert f.compact(value, "id") == id_text and f.compact(value, "en") == en_text


def test_dates():
    assert f.date("2026-12-05T07:25:05", "id") == "05-12-2026"
    assert f.date(dt.date(2026, 12, 5), "id", long=True) == "5 Desember 2026"
    assert f.date(dt.datetime(2026, 12, 5, 7, 25), "en", long=True) == "5 December 2026"
    assert f.datetime_text("2026-12-05T07:25:05", "id") == "05-12-2026 07:25"
    assert f.date("not a date", "id") == "not a date" and f.date(None, "id") == ""


@pytest.mark.parametrize("lo, hi", [(0, 92.5e9), (0, 46.3), (0, 1), (-3.2, 17.9), (0, 4_123_303), (0, 0.37)])
def test_axis_ticks_are_round_and_cover_the_range(lo, hi):
    ticks = f.nice_ticks(lo, hi)
    assert ticks[0] <= lo and ticks[-1] >= hi and 3 <= len(ticks) <= 8
    step = ticks[1] - ticks[0]
    mantissa = step / 10 ** int(f"{step:e}".split("e")[1])
    assert round(mantissa, 6) in (1, 2, 2.5, 5)
    labels = f.tick_labels(ticks, "id")
    assert len(set(labels)) == len(labels)
    for text in labels:  # Indonesian: no '.' as a decimal point, no English suffix
        assert not re.search(r"\d\.\d{1,2}(?!\d)", text) and not re.search(r"(bn|k|M)$", text.replace(" M", ""))


def test_tick_labels_share_one_unit():
    assert f.tick_labels(f.nice_ticks(0, 92.5e9), "id") == ["0", "20 M", "40 M", "60 M", "80 M", "100 M"]
    assert f.tick_labels([0, 2.5, 5, 7.5], "id") == ["0", "2,5", "5,0", "7,5"]
    assert f.tick_labels([0, 500e3, 1e6, 1.5e6], "en") == ["0", "0.5M", "1.0M", "1.5M"]
