"""The one set of plan number helpers (core.numbers.num / whole / year_of), used by the plan summary and the
reports: NULL, NaN, inf, Indonesian thousands and text never become a figure."""
import math

import pytest

from kaltim_internet_plugin.core import numbers as nb
from kaltim_internet_plugin.core import plan_summary as ps
from kaltim_internet_plugin.report import tables as tb


class FakeNull:
    """A QVariant NULL as QGIS hands it over (isNull() is True)."""

    def isNull(self):
        return True


@pytest.mark.parametrize("raw", [None, "", FakeNull(), math.nan, "nan", math.inf, -math.inf, "inf", "abc", "Rp ?"])
def test_missing_or_not_finite_is_zero_and_no_year(raw):
    assert nb.num(raw) == 0.0
    assert nb.whole(raw) == 0
    assert nb.year_of(raw) is None


@pytest.mark.parametrize("raw, value", [("1.500.000", 1500000.0), ("1,500,000", 1500000.0), (2500.4, 2500.4),
                                        ("Rp 26.000.000", 26000000.0), ("12,5", 12.5), (7, 7.0)])
def test_numbers_read_as_every_tool_reads_them(raw, value):
    assert nb.num(raw) == pytest.approx(value)
    assert nb.whole(raw) == round(value)


@pytest.mark.parametrize("raw, year", [(2027, 2027), (2027.0, 2027), ("2027", 2027), ("2027.0", 2027)])
def test_year_of(raw, year):
    assert nb.year_of(raw) == year


def test_summary_and_tables_share_the_helpers():
    assert tb.num is nb.num and tb.whole is nb.whole and tb.year_of is nb.year_of
    assert ps.num is nb.num and ps.whole is nb.whole and ps.year_of is nb.year_of
    assert not hasattr(ps, "_num") and not hasattr(ps, "_int") and not hasattr(ps, "_year")


def test_summary_of_rows_with_null_nan_inf_and_indonesian_thousands():
    rows = [{"kode": "64.01.01.2001", "tech": "bts", "capex_idr": "1.500.000", "opex_idr_year": 100, "year": 2027,
             "build_year": 2026, "population": "1.200", "fund_status": "scheduled", "status": "blank_spot"},
            {"kode": "64.01.01.2002", "tech": "fwa", "capex_idr": math.nan, "opex_idr_year": math.inf,
             "year": "2028", "build_year": None, "population": None, "fund_status": "scheduled",
             "status": "covered"}]
    s = ps.summarize(rows, 2026, 2030)
    assert s.total.capex_idr == 1_500_000 and s.total.population == 1200
    assert s.opex_after_horizon_idr_year == 100  # inf OPEX counts as 0, not as a huge figure
    assert s.capex_per_year.get(2026) == 1_500_000
