"""The logic moved out of the candidates / choosetech / classifyvillages algorithms into core: plain data in,
plain data out (no QGIS), checked on values worked out by hand from the default cost table."""
import numpy as np
import pytest
from osgeo import gdal

from kaltim_internet_plugin.core import candidates as cd
from kaltim_internet_plugin.core import classify as cl
from kaltim_internet_plugin.core import costs as cs
from kaltim_internet_plugin.core.definitions import is_covered_status


@pytest.mark.parametrize("value, covered", [("covered", True), (" Tercakup ", True), ("TERLAYANI", True),
                                            ("partial", False), ("blank_spot", False), (None, False), ("", False)])
def test_covered_status_words(value, covered):
    assert is_covered_status(value) is covered


def test_uncovered_mask_drops_covered_and_empty_offices():
    xy = np.array([[0.0, 0.0], [1.0, 1.0], [np.nan, np.nan], [3.0, 3.0]])
    mask = cd.uncovered_mask(["covered", "blank_spot", "partial", None], xy)
    assert mask.tolist() == [False, True, False, True]
    assert cd.uncovered_mask(None, xy).tolist() == [True, True, False, True]


def test_cost_items_fall_back_to_booster_and_defaults():
    defaults = cs.default_cost_table()
    bts, colo = cd.cost_items(defaults, defaults)
    assert bts.key == "bts_4g_3t" and colo.key == "booster_4g"


def _dem(z, px=100.0):
    ds = gdal.GetDriverByName("MEM").Create("", z.shape[1], z.shape[0], 1, gdal.GDT_Float32)
    ds.SetGeoTransform((0.0, px, 0.0, z.shape[0] * px, 0.0, -px))
    ds.GetRasterBand(1).WriteArray(z)
    return ds


def test_hilltops_near_reads_windows_and_keeps_a_shared_peak_once():
    rr, cc = np.indices((41, 41))
    z = 300.0 * np.exp(-((rr - 20) ** 2 + (cc - 20) ** 2) / 30.0)
    ds = _dem(z)
    peak_x, peak_y = 20.5 * 100.0, (41 - 20.5) * 100.0
    centres = np.array([[peak_x + 300, peak_y], [peak_x - 300, peak_y], [np.nan, np.nan]])
    tops = cd.hilltops_near(ds, centres, ["A", "B", "C"], 2000.0, 500.0, 50.0, 3)
    assert len(tops) == 1  # both villages see the same hill: one candidate, for the first
    x, y, elev, prom, code = tops[0]
    assert (x, y, code) == (peak_x, peak_y, "A") and elev == pytest.approx(300.0) and prom > 50.0
    assert cd.hilltops_near(ds, centres, ["A", "B", "C"], 2000.0, 500.0, 50.0, 0) == []


def test_colocation_candidates_within_reach_with_default_height():
    villages = np.array([[0.0, 0.0], [10000.0, 0.0]])
    towers = np.array([[500.0, 0.0], [9000.0, 0.0], [50000.0, 0.0]])
    out = cd.colocation_candidates(villages, ["A", "B"], towers, ["tsel", "xl", "isat"], [None, "35", 20.0],
                                   2000.0, 6.1e8, 42.0, lambda xy: np.full(len(xy), np.nan))
    assert [(c.village_code, c.operator, c.height_m) for c in out] == [("A", "tsel", 42.0), ("B", "xl", 35.0)]
    ids, counts = cd.numbered(out + [cd.Candidate("office", 0, 0, 1.0, None, "A", None, 42.0)])
    assert [i for i, _ in ids] == ["C0001", "C0002", "O0001"] and counts == {"office": 1, "hilltop": 0, "colo": 2}


def test_migration_costs_service_run_or_none():
    costs, rules = cs.default_cost_table(), cs.TechRules(fibre_max_km=10.0, fibre_service_max_km=1.0)
    svc, fkm, fterm = costs["fibre_service"], costs["fibre_km"], costs["fibre_terminal"]
    out = cs.migration_costs(["satellite", "satellite", "satellite", "fwa", "satellite"],
                             [500.0, 4000.0, 9000.0, 500.0, None], [700.0, 5600.0, 12600.0, 700.0, None], costs, rules)
    assert out[0] == (round(svc.capex_idr), round(svc.opex_idr_year))
    assert out[1] == (round(fkm.capex_idr * 5.6 + fterm.capex_idr), round(fkm.opex_idr_year * 5.6
                                                                          + fterm.opex_idr_year))
    assert out[2:] == [(None, None)] * 3  # route beyond 10 km; not satellite; no distance


def test_radio_worth_testing_where_it_can_beat_the_known_option():
    costs, rules = cs.default_cost_table(), cs.TechRules(fibre_max_km=10.0)
    h = rules.horizon_years
    radio = costs["radio_link"].horizon_cost(h)
    fwa = costs["fwa_router"].horizon_cost(h)
    need = cs.radio_worth_testing([True, False, True], [None, None, 100.0], costs, rules)
    assert need[1]  # uncovered: always tested
    assert need[0] == (radio < min(fwa, costs["satellite"].horizon_cost(h)))
    fibre = costs["fibre_km"].horizon_cost(h, 0.1) + costs["fibre_terminal"].horizon_cost(h)
    assert need[2] == (radio < min(fwa, fibre, costs["satellite"].horizon_cost(h)))


@pytest.mark.parametrize("flag, no_power", [("ya", True), ("1", True), (1, True), ("Yes", True), ("tidak", False),
                                            (0, False), (None, False), ("", False), (" TIDAK ", False),
                                            ("Belum ada", None), ("Tidak ada listrik PLN", None), ("v", None)])
def test_no_pln_flag(flag, no_power):
    # None: neither yes nor no (it was read as 'has power' without a word); choosetech refuses it, naming it
    assert cs.has_no_pln(flag) is no_power


def test_classify_output_values_and_summary():
    res = cl.VillageResult(id=1, cov_share=0.123456, best_dbm=-95.4321, office_dbm=-101.239, status="partial",
                           pop_covered=120, nodata_share=0.6, status_note="office_signal", reported="4G",
                           agreement="agree")
    v = cl.output_values(res, los=False, with_reported=True)
    assert (v["cov_share"], v["best_dbm"], v["office_dbm"]) == (0.1235, -95.43, -101.24)
    assert v["reported_sig"] == "4G" and "best_los" not in v
    los = cl.output_values(cl.VillageResult(id=2, best_dbm=3.0, office_dbm=None), los=True, with_reported=False)
    assert los["best_dbm"] is None and los["best_los"] == 3 and los["office_los"] is None and "agreement" not in los
    s = cl.result_summary([res, cl.VillageResult(id=2, pop_covered=None)])
    assert s == {"pop_covered": 120, "high_nodata": 1, "office_no_signal": 0, "office_signal": 1}


def test_one_grid_helper_for_classify_and_whatif():
    gt = (1000.0, 100.0, 0.0, 5000.0, 0.0, -100.0)
    assert cl.cell_index(gt, 1050.0, 4950.0) == (0, 0)
    assert cl.envelope_window(gt, (1050.0, 1250.0, 4750.0, 4950.0)) == (0, 0, 3, 3)
    from kaltim_internet_plugin.core import whatif

    assert whatif.envelope_window is cl.envelope_window and whatif.cell_index is cl.cell_index
