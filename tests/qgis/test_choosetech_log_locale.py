"""choosetech's log writes money, counts and distances the way the UI's language writes numbers (core.formatting):
Indonesian groups thousands with '.', English with ','."""
from __future__ import annotations

import pytest

from kaltim_internet_plugin.core import formatting as fmt
from kaltim_internet_plugin.i18n import install_translator, remove_translator
from tests.qgis.test_priority_algs import X0, Y0, point_layer, run


def _layers():
    villages = point_layer([
        ((X0 + 1000, Y0 - 1000), {"kode": "A", "status": "blank_spot"}),
        ((X0 + 2000, Y0 - 1000), {"kode": "B", "status": "blank_spot"}),
        ((X0 + 1500, Y0 - 1500), {"kode": "C", "status": "covered"}),
    ], [("kode", str), ("status", str)])
    new_sites = point_layer([((X0, Y0 - 1000), {"cand_id": "NEW-1", "cost_idr": 26.0e9}),
                             ((X0 + 150000, Y0 - 150000), {"cand_id": "NEW-2", "cost_idr": 1.5e9})],
                            [("cand_id", str), ("cost_idr", float)])
    return {"VILLAGES": villages, "NEW_SITES": new_sites, "NEW_SITE_RADIUS_M": 5000,
            "OUTPUT": "TEMPORARY_OUTPUT"}


def test_indonesian_log_writes_rupiah_the_indonesian_way(provider):
    if install_translator("id") is None:
        pytest.skip("no compiled translation (run make translations)")
    try:
        res, fb = run("choosetech", _layers())
    finally:
        remove_translator()
    log = fb.text()
    capex = res["CAPEX_TOTAL"]
    assert capex > 26.0e9  # the new BTS (26 bn, shared by A and B) and C's router
    assert f"CAPEX {fmt.money_full(capex, 'id')}" in log, log
    assert "Desa per teknologi" in log  # the words are Indonesian too
    assert fmt.money_full(capex, "en") not in log and "26,000,000,000" not in log
    assert "(Rp 1.500.000.000)" in log  # the unused selected site's cost
    assert "dalam radius 5.000 m" in log  # NEW_SITE_RADIUS_M


def test_english_log_keeps_english_numbers(provider):
    res, fb = run("choosetech", _layers())
    log = fb.text()
    assert f"CAPEX {fmt.money_full(res['CAPEX_TOTAL'], 'en')}" in log, log
    assert "(Rp 1,500,000,000)" in log
    assert "within 5,000 m" in log
    assert "Villages per technology" in log
