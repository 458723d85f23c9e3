"""A roadmap with OPEX_YEARS 0 (s40-a). Found running the chain on Mahakam Ulu + Kota Bontang with OPEX_YEARS 0:
the log said 'CAPEX Rp 18.8 bn, OPEX Rp 0' and nothing else, and the report printed 'Opex didanai hanya 0 tahun
sejak tersambung (periode 3 tahun): opex tahunan turun tanpa ada desa yang terputus' of an OPEX of Rp 2.8 bn a year
that no source of the plan pays."""
from __future__ import annotations

from kaltim_internet_plugin.core import plan_summary as ps
from kaltim_internet_plugin.core.funding import format_idr
from kaltim_internet_plugin.report import export_plan as ep
from kaltim_internet_plugin.report import tables as tb
from tests.qgis.test_roadmap_alg import build_plan, rows, run_roadmap


def test_opex_years_zero_is_said_in_the_log_and_the_printed_summary(provider, tmp_path):
    plan = build_plan(tmp_path / "plan.gpkg", n=40)
    res, fb, out = run_roadmap(tmp_path, plan, OPEX_YEARS=0)
    villages = rows(out, "villages")
    table = rows(out, "roadmap_year_source")
    summary = tb.summary_of(villages, "kode_kab", table)
    assert summary.opex_years == 0 == ps.opex_years_of(table) and res["OPEX_TOTAL"] == 0
    # the yearly OPEX of what the plan connects (its migrated villages' fibre, not their satellite), as printed
    run_rate = summary.opex_after_horizon_idr_year
    assert run_rate > 0 and any(v["fund_status"] == "scheduled" for v in villages)
    log = fb.textLog()
    told = [line for line in log.splitlines() if "OPEX_YEARS is 0: the roadmap funds no running cost" in line]
    assert len(told) == 1 and f"need {format_idr(run_rate, 'en')} a year" in told[0], (run_rate, log)
    # the printed summary (overview and roadmap report) says the OPEX is not funded, not that it 'falls'
    text = ep.summary_lines_id(summary)
    assert "Opex tidak didanai dalam peta jalan (0 tahun)" in text, text
    assert "hanya 0 tahun" not in text and "turun tanpa ada desa yang terputus" not in text
    assert f"opex berjalan setelah {summary.end_year}: {tb.money_one_decimal(run_rate)} per tahun" in text, text
    # with OPEX funded for some years the log says nothing of it
    _res, fb, _out = run_roadmap(tmp_path, plan, out_name="five.gpkg", OPEX_YEARS=5)
    assert "OPEX_YEARS is 0" not in fb.textLog()
