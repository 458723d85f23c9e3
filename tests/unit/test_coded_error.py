"""core.coded_error.CodedError: the one shape of the coded core errors (code + params, translated by errors.py)."""
import pytest

from kaltim_internet_plugin.core.capacity import CapacityError
from kaltim_internet_plugin.core.coded_error import CodedError
from kaltim_internet_plugin.core.coverage_settings import CoverageSettingsError
from kaltim_internet_plugin.core.profile import ProfileError
from kaltim_internet_plugin.core.programme import ProgrammeError


def test_code_params_and_text():
    exc = CodedError("value_out_of_range", name="k", value=0.01, low=0.1)
    assert exc.code == "value_out_of_range"
    assert exc.params == {"name": "k", "value": 0.01, "low": 0.1}
    assert str(exc) == "value_out_of_range: name='k', value=0.01, low=0.1"
    assert isinstance(exc, ValueError)  # callers that catch ValueError keep working


def test_a_param_may_be_called_code_or_be_a_coded_error():
    inner = CodedError("bad_code", code="64.01")
    outer = CodedError("row_invalid", row=3, error=inner)
    assert inner.params == {"code": "64.01"}
    assert outer.params["error"] is inner


@pytest.mark.parametrize("cls", [CapacityError, CoverageSettingsError, ProfileError, ProgrammeError])
def test_core_errors_share_it(cls):
    exc = cls("some_code", x=1)
    assert isinstance(exc, CodedError) and exc.code == "some_code" and exc.params == {"x": 1}
    assert str(exc) == "some_code: x=1"


def test_programme_error_takes_a_param_called_code():
    exc = ProgrammeError("unknown_code", code="64.99.99.9999", row=4)
    assert exc.code == "unknown_code" and exc.params == {"code": "64.99.99.9999", "row": 4}


def test_monitoring_error_shows_its_params_as_text():
    from kaltim_internet_plugin.core.monitoring import MonitoringError

    inner = MonitoringError("not_yes_no", value="'kadang'")
    outer = MonitoringError("bad_column", column="power_outage", error=inner)
    assert isinstance(outer, CodedError)
    assert str(inner) == "not_yes_no: value='kadang'"
    assert str(outer) == "bad_column: column=power_outage, error=not_yes_no: value='kadang'"
