"""choosetech with the sites chosen by optimizesites: uncovered villages they serve share a new BTS."""
from __future__ import annotations

import math

from tests.qgis.test_priority_algs import X0, Y0, point_layer, run


def test_new_sites_give_uncovered_villages_a_shared_bts(provider):
    villages = point_layer([
        ((X0 + 1000, Y0 - 1000), {"kode": "A", "status": "blank_spot"}),   # 1 km from NEW-1
        ((X0 + 2000, Y0 - 1000), {"kode": "B", "status": "partial"}),      # 2 km from NEW-1
        ((X0 + 1500, Y0 - 1500), {"kode": "C", "status": "covered"}),      # covered: keeps fwa
        ((X0 + 90000, Y0 - 90000), {"kode": "D", "status": "blank_spot"}),  # far from every new site
    ], [("kode", str), ("status", str)])
    new_sites = point_layer([((X0, Y0 - 1000), {"cand_id": "NEW-1", "cost_idr": 2.0e9})],
                            [("cand_id", str), ("cost_idr", float)])
    res, log = run("choosetech", {"VILLAGES": villages, "NEW_SITES": new_sites, "NEW_SITE_RADIUS_M": 5000,
                                  "OUTPUT": "TEMPORARY_OUTPUT"})
    out = {f["kode"]: f for f in res["OUTPUT"].getFeatures()}
    assert out["A"]["tech"] == out["B"]["tech"] == "bts"
    assert out["A"]["new_site"] == out["B"]["new_site"] == "NEW-1"
    assert math.isclose(out["A"]["capex_idr"] + out["B"]["capex_idr"], 2.0e9)  # the site's cost, shared
    assert "NEW-1" in out["A"]["reason"] and "2" in out["A"]["reason"]
    assert out["C"]["tech"] == "fwa" and not out["C"]["new_site"]
    assert out["D"]["tech"] != "bts" and not out["D"]["new_site"]
    assert res["COUNT_BTS"] == 2


def test_empty_new_sites_layer_warns_and_changes_nothing(provider):
    villages = point_layer([((X0 + 1000, Y0 - 1000), {"kode": "A", "status": "blank_spot"})],
                           [("kode", str), ("status", str)])
    empty = point_layer([], [("cand_id", str)])
    res, _ = run("choosetech", {"VILLAGES": villages, "NEW_SITES": empty, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert [f["tech"] for f in res["OUTPUT"].getFeatures()] != ["bts"]
