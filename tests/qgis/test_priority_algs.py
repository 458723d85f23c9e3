"""Issue #4 through Processing: prioritize, choosetech, candidates, optimizesites (constructed layers, sample)."""
from __future__ import annotations

import math
import random

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsVectorLayer,
)

from kaltim_internet_plugin.compat import FieldType
from tests.conftest import SAMPLE, capture_feedback
from tests.rasters import write_geotiff

gdal.UseExceptions()

DEM_SAMPLE = str(SAMPLE / "kaltim_dem_synthetic_250m.tif")
OFFICES = f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=offices"
TOWERS = f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=towers"
X0, Y0 = 500000.0, 9900000.0  # EPSG:32750, inside East Kalimantan




def run(alg, params):
    import processing

    fb = capture_feedback()
    res = processing.run(f"kaltiminternet:{alg}", params, feedback=fb)
    return res, fb


def run_fails(alg, params):
    import processing

    fb = capture_feedback()
    with pytest.raises(QgsProcessingException) as exc:
        processing.run(f"kaltiminternet:{alg}", params, feedback=fb)
    return fb.text() + "\n" + str(exc.value)


FIELD_TYPES = {int: FieldType.Int, float: FieldType.Double, str: FieldType.String}


def point_layer(rows, fields, crs="EPSG:32750", name="pts"):
    """rows: list of ((x, y), {field: value}); fields: list of (name, python type)."""
    layer = QgsVectorLayer(f"Point?crs={crs}", name, "memory")
    prov = layer.dataProvider()
    prov.addAttributes([QgsField(n, FIELD_TYPES[t]) for n, t in fields])
    layer.updateFields()
    feats = []
    for (x, y), values in rows:
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        f.setAttributes([values.get(n) for n, _t in fields])
        feats.append(f)
    prov.addFeatures(feats)
    layer.updateExtents()
    return layer


def flat_dem(path, wall_x=None, size=200, cell=100.0, height=0.0, wall_m=800.0):
    """A flat EPSG:32750 DEM (size × size cells) starting at (X0, Y0) top-left; optional N-S wall at x=wall_x."""
    z = np.full((size, size), height, dtype=np.float32)
    if wall_x is not None:
        c = int((wall_x - X0) / cell)
        z[:, c:c + 2] = wall_m
    # write_geotiff sets the nodata value before the values (a flat 0 m DEM stays 0 m on GDAL >= 3.10)
    return write_geotiff(path, z, (X0, cell, 0, Y0, 0, -cell))


def values(layer, name):
    return [f[name] for f in layer.getFeatures()]


# --------------------------------------------------------------------------- prioritize
VILLAGE_FIELDS = [("kode", str), ("nama", str), ("population", int), ("status", str)]


def villages_for_priority():
    rows = [((X0 + 1000 * i, Y0 - 1000), {"kode": f"64.01.01.20{i:02d}", "nama": f"Desa {i}",
                                          "population": 500 + 300 * i,
                                          "status": ("covered", "partial", "blank_spot")[i % 3]})
            for i in range(9)]
    return point_layer(rows, VILLAGE_FIELDS, name="villages")


def test_prioritize_skips_missing_criteria_with_warnings_and_contributions_add_up(provider):
    layer = villages_for_priority()
    res, fb = run("prioritize", {"VILLAGES": layer, "WEIGHTS": "population=0.3,blank_spot=0.3,idm=0.2,"
                                                              "facilities=0.1,remoteness=0.1",
                                 "OUTPUT": "TEMPORARY_OUTPUT"})
    out = res["OUTPUT"]
    assert out.featureCount() == 9
    warnings = "\n".join(fb.warnings)
    assert "IDM is skipped" in warnings and "Facilities are skipped" in warnings
    assert "idm" in res["CRITERIA_SKIPPED"] and "facilities" in res["CRITERIA_SKIPPED"]
    assert "remoteness" not in res["CRITERIA_SKIPPED"]  # distance to the nearest covered village
    assert any("nearest covered village" in i and "EPSG:32750" in i for i in fb.infos)
    names = out.fields().names()
    for k in ("priority_score", "priority_rank", "c_population", "c_blank_spot", "c_idm", "c_facilities",
              "c_remoteness", "c_readiness", "kode", "status"):
        assert k in names
    for f in out.getFeatures():
        total = sum(f[n] for n in names if n.startswith("c_"))
        assert math.isclose(total, f["priority_score"], abs_tol=1e-4)
        assert 0 <= f["priority_score"] <= 100 and f["c_idm"] == 0
    ranks = sorted(values(out, "priority_rank"))
    assert ranks == list(range(1, 10))
    best = max(out.getFeatures(), key=lambda f: f["priority_score"])
    assert best["priority_rank"] == 1 and best["status"] != "covered"


def test_prioritize_without_any_criterion_field_does_not_crash(provider):
    layer = point_layer([((X0, Y0 - 500), {"name": "a"}), ((X0 + 500, Y0 - 500), {"name": "b"})],
                        [("name", str)])
    res, fb = run("prioritize", {"VILLAGES": layer, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert values(res["OUTPUT"], "priority_score") == [0, 0]
    assert sorted(values(res["OUTPUT"], "priority_rank")) == [1, 2]
    assert res["WARNING_COUNT"] >= 3


def test_prioritize_presets_and_weights_win(provider):
    from kaltim_internet_plugin.core.priority import PRESETS

    layer = villages_for_priority()
    res0, _ = run("prioritize", {"VILLAGES": layer, "PRESET": 1, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "efektif_biaya" in "\n".join(_.infos)
    res1, _ = run("prioritize", {"VILLAGES": layer, "PRESET": 1, "WEIGHTS": "population=1",
                                 "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res1["WEIGHTS_USED"] == "population=1"
    pops = values(res1["OUTPUT"], "population")
    ranks = values(res1["OUTPUT"], "priority_rank")
    assert ranks[int(np.argmax(pops))] == 1 and ranks[int(np.argmin(pops))] == 9
    # every preset runs; equity and people-per-rupiah order the villages differently
    orders = {}
    for k, name in enumerate(PRESETS):
        res, _ = run("prioritize", {"VILLAGES": layer, "PRESET": k, "OUTPUT": "TEMPORARY_OUTPUT"})
        orders[name] = values(res["OUTPUT"], "priority_rank")
    assert orders["pemerataan"] != orders["efektif_biaya"]


def test_prioritize_remoteness_from_capitals(provider):
    layer = point_layer([((X0, Y0 - 500), {"population": 100}), ((X0 + 50000, Y0 - 500), {"population": 100})],
                        [("population", int)])
    capital = point_layer([((X0 + 100, Y0 - 500), {})], [("id", int)])
    res, fb = run("prioritize", {"VILLAGES": layer, "CAPITALS": capital, "WEIGHTS": "remoteness=1,population=1",
                                 "OUTPUT": "TEMPORARY_OUTPUT"})
    assert any("capital" in i for i in fb.infos)
    c = values(res["OUTPUT"], "c_remoteness")
    assert c[1] > c[0] and values(res["OUTPUT"], "priority_rank") == [2, 1]


def test_prioritize_bad_weights_say_which_token(provider):
    log = run_fails("prioritize", {"VILLAGES": villages_for_priority(), "WEIGHTS": "population=0.5,foo=1",
                                   "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "foo" in log


# --------------------------------------------------------------------------- choosetech
def test_choosetech_fwa_fibre_satellite(provider):
    villages = point_layer([
        ((X0 + 1000, Y0 - 1000), {"kode": "A", "status": "covered"}),        # in coverage -> fwa
        ((X0 + 30000, Y0 - 30000), {"kode": "B", "status": "blank_spot"}),   # fibre node 300 m away -> fibre
        ((X0 + 60000, Y0 - 60000), {"kode": "C", "status": "blank_spot"}),   # nothing near -> satellite
    ], [("kode", str), ("status", str)])
    fibre = point_layer([((X0 + 30300, Y0 - 30000), {})], [("id", int)])
    sites = point_layer([((X0 + 1500, Y0 - 1000), {"operator": "Telkomsel"}),
                         ((X0 + 9000, Y0 - 1000), {"operator": "XL"})], [("operator", str)])
    res, fb = run("choosetech", {"VILLAGES": villages, "FIBRE_NODES": fibre, "SITES": sites,
                                 "OUTPUT": "TEMPORARY_OUTPUT"})
    out = {f["kode"]: f for f in res["OUTPUT"].getFeatures()}
    assert out["A"]["tech"] == "fwa" and out["A"]["operator"] == "Telkomsel"
    assert out["B"]["tech"] == "fibre" and not out["B"]["operator"]
    assert out["C"]["tech"] == "satellite"
    assert "satellite" in out["C"]["reason"].lower() or "Satelit" in out["C"]["reason"]
    assert res["COUNT_FWA"] == 1 and res["COUNT_FIBRE"] == 1 and res["COUNT_SATELLITE"] == 1
    total = sum(f["capex_idr"] for f in res["OUTPUT"].getFeatures())
    assert math.isclose(res["CAPEX_TOTAL"], total)
    assert all(f["tech"] in ("fibre", "fwa", "radio", "bts", "colo", "satellite", "village_package")
               for f in res["OUTPUT"].getFeatures())


def test_choosetech_fibre_limit(provider):
    villages = point_layer([((X0, Y0 - 1000), {"status": "blank_spot"})], [("status", str)])
    fibre = point_layer([((X0 + 300, Y0 - 1000), {})], [("id", int)])
    res, _ = run("choosetech", {"VILLAGES": villages, "FIBRE_NODES": fibre, "FIBRE_MAX_KM": 0.2,
                                "FIBRE_SERVICE_KM": 0.2, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert values(res["OUTPUT"], "tech") == ["satellite"]
    # a fibre node 300 m away: subscribing to its fibre service (default limit 1 km) beats a satellite
    res, _ = run("choosetech", {"VILLAGES": villages, "FIBRE_NODES": fibre, "FIBRE_MAX_KM": 0.2,
                                "OUTPUT": "TEMPORARY_OUTPUT"})
    assert values(res["OUTPUT"], "tech") == ["fibre_service"]
    # a new run is priced on the route: straight distance x FIBRE_DETOUR
    res, _ = run("choosetech", {"VILLAGES": villages, "FIBRE_NODES": fibre, "FIBRE_MAX_KM": 0.4,
                                "FIBRE_SERVICE_KM": 0, "FIBRE_DETOUR": 1.0, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert values(res["OUTPUT"], "tech") == ["fibre"]
    res, _ = run("choosetech", {"VILLAGES": villages, "FIBRE_NODES": fibre, "FIBRE_MAX_KM": 0.4,
                                "FIBRE_SERVICE_KM": 0, "FIBRE_DETOUR": 1.4, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert values(res["OUTPUT"], "tech") == ["satellite"]  # 300 m x 1.4 = 420 m > 400 m


def test_choosetech_keeps_programme_services_and_adds_power(provider):
    villages = point_layer([((X0, Y0 - 1000), {"kode": "A", "status": "blank_spot", "prog_connected": 1,
                                               "prog_tech": "satellite", "prog_fee_idr_month": 1_000_000,
                                               "no_pln": 0}),
                            ((X0 + 5000, Y0 - 1000), {"kode": "B", "status": "blank_spot", "prog_connected": 0,
                                                      "prog_tech": None, "prog_fee_idr_month": None,
                                                      "no_pln": 1})],
                           [("kode", str), ("status", str), ("prog_connected", int), ("prog_tech", str),
                            ("prog_fee_idr_month", int), ("no_pln", int)])
    fibre = point_layer([((X0 + 2000, Y0 - 1000), {})], [("id", int)])
    res, _ = run("choosetech", {"VILLAGES": villages, "FIBRE_NODES": fibre, "FIBRE_DETOUR": 1.4,
                                "NO_PLN_FIELD": "no_pln", "OUTPUT": "TEMPORARY_OUTPUT"})
    out = {f["kode"]: f for f in res["OUTPUT"].getFeatures()}
    a, b = out["A"], out["B"]
    assert (a["tech"], a["capex_idr"], a["opex_idr_year"], a["existing"]) == ("satellite", 0, 12_000_000, "programme")
    # its migration to fibre: a new 2 km x 1.4 run plus the terminal, from the default cost table
    from kaltim_internet_plugin.core.costs import default_cost_table

    costs = default_cost_table()
    assert a["fibre_capex_idr"] == round(costs["fibre_km"].capex_idr * 2.8 + costs["fibre_terminal"].capex_idr)
    assert not b["existing"] and b["power_capex_idr"] == costs["solar_power"].capex_idr
    assert b["tech"] == "satellite"  # 3 km x 1.4 of new fibre costs more over 5 years than a satellite
    assert b["capex_idr"] == costs["satellite"].capex_idr + costs["solar_power"].capex_idr
    assert b["opex_idr_year"] == costs["satellite"].opex_idr_year + costs["solar_power"].opex_idr_year
    assert res["CAPEX_TOTAL"] == a["capex_idr"] + b["capex_idr"]


def test_choosetech_no_pln_values_neither_yes_nor_no_are_refused_naming_them(provider):
    """NO_PLN_FIELD is a yes/no field: a value that is neither ('Belum ada', 'v') was read as 'has PLN power' without
    a word; it is refused naming the field, the value, the features and the accepted words. A field the layer does
    not have is refused too (it gave nothing, without a word). Yes/no words in any letters, empty = has power."""
    rows = [((X0 + 4000 * i, Y0 - 1000), {"kode": f"V{i}", "nama": f"Desa {i}", "status": "blank_spot",
                                          "no_pln": v})
            for i, v in enumerate(["ya", "Belum ada", "Tidak ada listrik PLN", "tidak", "v", "Belum ada"])]
    villages = point_layer(rows, [("kode", str), ("nama", str), ("status", str), ("no_pln", str)])
    before = [f.attributes() for f in villages.getFeatures()]
    text = run_fails("choosetech", {"VILLAGES": villages, "NO_PLN_FIELD": "no_pln", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "NO_PLN_FIELD: 4 value(s) of the field 'no_pln' are neither yes nor no" in text
    assert "'Belum ada' (feature 2 (V1), feature 6 (V5))" in text and "'v' (feature 5 (V4))" in text
    assert "'Tidak ada listrik PLN' (feature 3 (V2))" in text and "Write 1/ya/yes/true for" in text
    assert "0/tidak/no/false, or an empty cell" in text and "choose the field" in text
    text = run_fails("choosetech", {"VILLAGES": villages, "NO_PLN_FIELD": "nama", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "6 value(s) of the field 'nama'" in text and "'Desa 0' (feature 1 (V0))" in text
    text = run_fails("choosetech", {"VILLAGES": villages, "NO_PLN_FIELD": "nosuch", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "NO_PLN_FIELD: the village layer has no field 'nosuch'" in text and "kode, nama, status, no_pln" in text
    assert [f.attributes() for f in villages.getFeatures()] == before
    ok = point_layer([((X0 + 4000 * i, Y0 - 1000), {"kode": f"V{i}", "status": "blank_spot", "no_pln": v})
                      for i, v in enumerate(["YA", " Tidak ", None, "", "1", "no"])],
                     [("kode", str), ("status", str), ("no_pln", str)])
    res, _ = run("choosetech", {"VILLAGES": ok, "NO_PLN_FIELD": "no_pln", "OUTPUT": "TEMPORARY_OUTPUT"})
    power = {f["kode"]: f["power_capex_idr"] for f in res["OUTPUT"].getFeatures()}
    assert {k for k, v in power.items() if v} == {"V0", "V4"}


def test_choosetech_bts_cluster_with_cost_table(provider, tmp_path):
    from kaltim_internet_plugin.core.costs import default_cost_table

    table = default_cost_table()
    table.update("satellite", opex_idr_year=300_000_000)  # expensive satellite: a shared BTS pays off
    path = tmp_path / "costs.json"
    table.to_json(path)
    cluster = [((X0 + 20000 + 300 * i, Y0 - 20000), {"kode": f"K{i}", "status": "blank_spot"}) for i in range(4)]
    lone = [((X0 + 80000, Y0 - 80000), {"kode": "L", "status": "blank_spot"})]
    villages = point_layer(cluster + lone, [("kode", str), ("status", str)])
    res, fb = run("choosetech", {"VILLAGES": villages, "COST_TABLE": str(path), "BTS_MIN_CLUSTER": 3,
                                 "OUTPUT": "TEMPORARY_OUTPUT"})
    out = {f["kode"]: f for f in res["OUTPUT"].getFeatures()}
    assert [out[f"K{i}"]["tech"] for i in range(4)] == ["bts"] * 4
    assert out["L"]["tech"] == "satellite" and res["COUNT_BTS"] == 4
    assert "BTS" in out["K0"]["reason"]
    # the same cost table as CSV
    csv_path = tmp_path / "costs.csv"
    table.to_csv(csv_path)
    res2, _ = run("choosetech", {"VILLAGES": villages, "COST_TABLE": str(csv_path), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res2["COUNT_BTS"] == 4


def test_choosetech_colocation_shared_on_an_existing_tower(provider):
    towers = point_layer([((X0 + 50000, Y0 - 50000), {"operator": "Indosat"}),
                          ((X0 + 90000, Y0 - 90000), {"operator": "XL"})], [("operator", str)])
    ring = [((X0 + 50000 + 2000 * math.cos(a), Y0 - 50000 + 2000 * math.sin(a)),
             {"kode": f"R{k}", "status": "blank_spot"})
            for k, a in enumerate(np.linspace(0, 2 * math.pi, 10, endpoint=False))]
    pair = [((X0 + 90000 + 1000 * k, Y0 - 90000), {"kode": f"P{k}", "status": "blank_spot"}) for k in range(2)]
    villages = point_layer(ring + pair, [("kode", str), ("status", str)])
    res, fb = run("choosetech", {"VILLAGES": villages, "SITES": towers, "BTS_MIN_CLUSTER": 50,
                                 "OUTPUT": "TEMPORARY_OUTPUT"})
    out = {f["kode"]: f for f in res["OUTPUT"].getFeatures()}
    # 10 offices share Rp 610 million of equipment: cheaper than satellite; 2 offices cannot
    assert all(out[f"R{k}"]["tech"] == "colo" and out[f"R{k}"]["operator"] == "Indosat" for k in range(10))
    assert out["R0"]["capex_idr"] == pytest.approx(610e6 / 10 + 1.5e6)
    assert "Co-location" in out["R0"]["reason"] and "10" in out["R0"]["reason"]
    assert out["P0"]["tech"] == "satellite" and res["COUNT_COLO"] == 10
    res, _ = run("choosetech", {"VILLAGES": villages, "SITES": towers, "COLO_MAX_KM": 0,
                                "BTS_MIN_CLUSTER": 50, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res["COUNT_COLO"] == 0


def test_choosetech_radio_needs_line_of_sight_on_the_dem(provider, tmp_path):
    tower = point_layer([((X0 + 2000, Y0 - 10000), {"operator": "Indosat", "height_m": 40.0})],
                        [("operator", str), ("height_m", float)])
    villages = point_layer([((X0 + 7000, Y0 - 10000), {"kode": "east", "status": "blank_spot"}),
                            ((X0 + 1000, Y0 - 10000), {"kode": "west", "status": "blank_spot"})],
                           [("kode", str), ("status", str)])
    flat = flat_dem(tmp_path / "flat.tif")
    res, fb = run("choosetech", {"VILLAGES": villages, "SITES": tower, "DEM": flat, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert values(res["OUTPUT"], "tech") == ["radio", "radio"]
    walled = flat_dem(tmp_path / "wall.tif", wall_x=X0 + 4500)
    res, fb = run("choosetech", {"VILLAGES": villages, "SITES": tower, "DEM": walled, "OUTPUT": "TEMPORARY_OUTPUT"})
    out = {f["kode"]: f["tech"] for f in res["OUTPUT"].getFeatures()}
    assert out == {"east": "satellite", "west": "radio"}
    # without a DEM there is no radio
    res, fb = run("choosetech", {"VILLAGES": villages, "SITES": tower, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert values(res["OUTPUT"], "tech") == ["satellite", "satellite"]


def test_choosetech_tower_heights_have_the_one_range_of_a_site(provider, tmp_path):
    """A tower 0.5 m high is not a tower (importsites and coverage refuse it, 1-300 m): choosetech says so by
    feature and uses the default height (300 m here), which sees over a 100 m wall (0.5 m would not)."""
    tower = point_layer([((X0 + 2000, Y0 - 10000), {"operator": "Indosat", "height_m": 0.5})],
                        [("operator", str), ("height_m", float)])
    villages = point_layer([((X0 + 7000, Y0 - 10000), {"kode": "east", "status": "blank_spot"})],
                           [("kode", str), ("status", str)])
    walled = flat_dem(tmp_path / "wall.tif", wall_x=X0 + 4500, wall_m=100.0)
    res, fb = run("choosetech", {"VILLAGES": villages, "SITES": tower, "DEM": walled, "SITE_HEIGHT_M": 300,
                                 "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "0.5" in fb.text() and "height_m" in fb.text(), fb.text()
    assert values(res["OUTPUT"], "tech") == ["radio"]


def test_choosetech_coverage_raster(provider, tmp_path):
    path = tmp_path / "cov.tif"
    z = np.full((100, 100), -120.0, dtype=np.float32)
    z[:, :50] = -90.0  # west half covered
    write_geotiff(path, z, (X0, 100, 0, Y0, 0, -100))
    villages = point_layer([((X0 + 1000, Y0 - 1000), {"kode": "w"}), ((X0 + 9000, Y0 - 1000), {"kode": "e"})],
                           [("kode", str)])
    res, fb = run("choosetech", {"VILLAGES": villages, "COVERAGE": str(path), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert {f["kode"]: f["tech"] for f in res["OUTPUT"].getFeatures()} == {"w": "fwa", "e": "satellite"}
    res, fb = run("choosetech", {"VILLAGES": villages, "COVERAGE": str(path), "THRESHOLD_DBM": -125,
                                 "OUTPUT": "TEMPORARY_OUTPUT"})
    assert values(res["OUTPUT"], "tech") == ["fwa", "fwa"]
    # a line-of-sight count raster (0 = no site visible): detected from its non-negative values
    ds = gdal.Open(str(path), gdal.GA_Update)
    counts = np.zeros((100, 100), dtype=np.float32)
    counts[:, 50:] = 2
    ds.GetRasterBand(1).WriteArray(counts)
    ds = None
    res, fb = run("choosetech", {"VILLAGES": villages, "COVERAGE": str(path), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert {f["kode"]: f["tech"] for f in res["OUTPUT"].getFeatures()} == {"w": "satellite", "e": "fwa"}
    assert any("line-of-sight count" in i for i in fb.infos)


def test_choosetech_on_sample_polygons(provider):
    villages = f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=villages|subset=\"kode_kab\" = '64.09'"
    res, fb = run("choosetech", {"VILLAGES": villages, "SITES": TOWERS, "OUTPUT": "TEMPORARY_OUTPUT"})
    out = res["OUTPUT"]
    assert out.featureCount() > 10
    assert all(v for v in values(out, "reason"))
    assert sum(res[f"COUNT_{k.upper()}"] for k in ("fibre", "fwa", "radio", "bts", "colo", "satellite",
                                                    "village_package")) == out.featureCount()


# --------------------------------------------------------------------------- candidates
def test_find_hilltops_on_a_synthetic_hill():
    from kaltim_internet_plugin.core.candidates import find_hilltops

    yy, xx = np.mgrid[0:41, 0:41]
    z = (100 + 300 * np.exp(-((xx - 30) ** 2 + (yy - 20) ** 2) / 20.0)
         + 80 * np.exp(-((xx - 8) ** 2 + (yy - 8) ** 2) / 8.0))
    tops = find_hilltops(z, np.ones_like(z, bool), (20, 20), 100.0, 2000.0, 500.0, 50.0, 5)
    assert [t[:2] for t in tops] == [(20, 30), (8, 8)] and tops[0][3] >= 250
    tops = find_hilltops(z, np.ones_like(z, bool), (20, 20), 100.0, 1500.0, 500.0, 50.0, 5)
    assert [t[:2] for t in tops] == [(20, 30)]  # the small hill is 1.7 km away: outside 1.5 km
    assert find_hilltops(z, np.ones_like(z, bool), (20, 20), 100.0, 2000.0, 500.0, 400.0, 5) == []


def test_candidates_on_the_sample_dem(provider):
    offices = f"{OFFICES}|subset=\"kode_kab\" = '64.02'"
    layer = QgsVectorLayer(offices, "o", "ogr")
    n = layer.featureCount()
    assert n > 20
    res, fb = run("candidates", {"VILLAGES": offices, "DEM": DEM_SAMPLE, "SITES": TOWERS, "MIN_PROMINENCE_M": 30,
                                 "OUTPUT": "TEMPORARY_OUTPUT"})
    out = res["OUTPUT"]
    assert out.crs().authid() == "EPSG:32750"
    assert res["COUNT_OFFICE"] == n and res["COUNT_HILLTOP"] > 0 and res["COUNT_COLO"] > 0
    assert res["COUNT"] == out.featureCount()
    ids = values(out, "cand_id")
    assert len(set(ids)) == len(ids)
    office_xy = np.array([[f.geometry().asPoint().x(), f.geometry().asPoint().y()] for f in out.getFeatures()
                          if f["kind"] == "office"])
    for f in out.getFeatures():
        assert f["kind"] in ("office", "hilltop", "colo")
        if f["kind"] == "hilltop":
            p = f.geometry().asPoint()
            assert np.min(np.hypot(office_xy[:, 0] - p.x(), office_xy[:, 1] - p.y())) <= 5000 + 250
            assert f["prominence_m"] >= 30 and f["elev_m"] is not None and f["cost_idr"] == 2.6e9
        if f["kind"] == "colo":
            assert f["cost_idr"] == 610e6 and f["operator"]
    # elevations come from the DEM
    ds = gdal.Open(DEM_SAMPLE)
    gt = ds.GetGeoTransform()
    f = next(f for f in out.getFeatures() if f["kind"] == "hilltop")
    p = f.geometry().asPoint()
    col, row = int((p.x() - gt[0]) / gt[1]), int((p.y() - gt[3]) / gt[5])
    assert f["elev_m"] == pytest.approx(float(ds.ReadAsArray(col, row, 1, 1)[0, 0]))


def test_candidates_only_for_uncovered_villages(provider):
    villages = point_layer([((X0 + 1000, Y0 - 1000), {"kode": "A", "status": "covered"}),
                            ((X0 + 5000, Y0 - 1000), {"kode": "B", "status": "blank_spot"})],
                           [("kode", str), ("status", str)])
    res, fb = run("candidates", {"VILLAGES": villages, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert values(res["OUTPUT"], "village_code") == ["B"]
    assert any("Hilltops need a DEM" in w for w in fb.warnings)


# --------------------------------------------------------------------------- optimizesites
def random_instance(seed, n=14, m=9):
    rng = random.Random(seed)
    vil = [((X0 + rng.uniform(0, 20000), Y0 - rng.uniform(0, 20000)), {"kode": f"V{i:02d}",
                                                                        "population": rng.randint(50, 5000)})
           for i in range(n)]
    cand = [((X0 + rng.uniform(0, 20000), Y0 - rng.uniform(0, 20000)), {"cand_id": f"C{j}",
                                                                         "cost_idr": float(rng.choice(
                                                                             [0.6e9, 1.3e9, 2.6e9]))})
            for j in range(m)]
    return vil, cand


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_optimizesites_exact_matches_brute_force_and_greedy_is_not_better(provider, seed):
    from kaltim_internet_plugin.core.optimize import brute_force_mclp, coverage_from_points

    vil, cand = random_instance(seed)
    villages = point_layer(vil, [("kode", str), ("population", int)])
    cands = point_layer(cand, [("cand_id", str), ("cost_idr", float)])
    radius, budget = 4000.0, 4.5e9
    cov = coverage_from_points([p for p, _ in vil], [p for p, _ in cand], radius)
    pop = [a["population"] for _, a in vil]
    best, _sel = brute_force_mclp(pop, [a["cost_idr"] for _, a in cand], cov, budget)
    common = {"VILLAGES": villages, "CANDIDATES": cands, "RADIUS_M": radius, "BUDGET_IDR": budget,
              "OUTPUT_SITES": "TEMPORARY_OUTPUT", "OUTPUT_VILLAGES": "TEMPORARY_OUTPUT"}
    exact, fb = run("optimizesites", dict(common, METHOD=0))
    assert exact["POPULATION_COVERED"] == pytest.approx(best)
    assert exact["GAP"] == 0 and exact["STATUS"] == "optimal"
    assert exact["COST_TOTAL"] <= budget
    assert exact["SITES_SELECTED"] == exact["OUTPUT_SITES"].featureCount()
    greedy, _ = run("optimizesites", dict(common, METHOD=1))
    assert greedy["POPULATION_COVERED"] <= exact["POPULATION_COVERED"] + 1e-6
    assert greedy["COST_TOTAL"] <= budget and greedy["GAP"] is None
    # outputs are consistent: pop_served adds up, villages name their site
    sites = exact["OUTPUT_SITES"]
    assert sum(values(sites, "pop_served")) == pytest.approx(exact["POPULATION_COVERED"])
    chosen = set(values(sites, "cand_id"))
    vout = exact["OUTPUT_VILLAGES"]
    covered_pop = 0
    for f in vout.getFeatures():
        if f["covered_by"] == "new":
            assert f["site_id"] in chosen
            covered_pop += f["population"]
        else:
            assert f["covered_by"] == "none" and not f["site_id"]
    assert covered_pop == pytest.approx(best)
    # deterministic
    again, _ = run("optimizesites", dict(common, METHOD=0))
    assert set(values(again["OUTPUT_SITES"], "cand_id")) == chosen


def test_optimizesites_weight_field_and_existing_sites(provider):
    vil = [((X0 + 1000, Y0 - 1000), {"population": 1000, "priority_score": 10.0}),
           ((X0 + 20000, Y0 - 1000), {"population": 300, "priority_score": 90.0}),
           ((X0 + 40000, Y0 - 1000), {"population": 5000, "priority_score": 50.0})]
    villages = point_layer(vil, [("population", int), ("priority_score", float)])
    cands = point_layer([((X0 + 1200, Y0 - 1000), {"cand_id": "a"}), ((X0 + 20200, Y0 - 1000), {"cand_id": "b"}),
                         ((X0 + 40200, Y0 - 1000), {"cand_id": "c"})], [("cand_id", str)])
    existing = point_layer([((X0 + 40500, Y0 - 1000), {"site_id": "old"})], [("site_id", str)])
    common = {"VILLAGES": villages, "CANDIDATES": cands, "RADIUS_M": 2000, "BUDGET_IDR": 2.6e9,
              "OUTPUT_SITES": "TEMPORARY_OUTPUT", "OUTPUT_VILLAGES": "TEMPORARY_OUTPUT"}
    res, fb = run("optimizesites", dict(common, WEIGHT_FIELD="priority_score", EXISTING=existing))
    # demand a = 10,000, b = 27,000; c is already covered
    assert values(res["OUTPUT_SITES"], "cand_id") == ["b"]
    assert values(res["OUTPUT_VILLAGES"], "covered_by") == ["none", "new", "existing"]
    assert res["POPULATION_COVERED"] == 300 and res["POPULATION_TOTAL_COVERED"] == 5300
    assert res["VILLAGES_EXISTING"] == 1 and res["COST_TOTAL"] == 2.6e9
    res, _ = run("optimizesites", dict(common))
    assert values(res["OUTPUT_SITES"], "cand_id") == ["c"]


def test_optimizesites_dem_coverage(provider, tmp_path):
    dem = flat_dem(tmp_path / "flat.tif", wall_x=X0 + 10000)
    vil = [((X0 + 8000, Y0 - 10000), {"population": 100}),   # 1 km west of candidate a
           ((X0 + 12000, Y0 - 10000), {"population": 900}),  # behind the wall from a
           ((X0 + 15000, Y0 - 10000), {"population": 50})]
    villages = point_layer(vil, [("population", int)])
    cands = point_layer([((X0 + 7000, Y0 - 10000), {"cand_id": "a", "height_m": 10.0}),
                         ((X0 + 14000, Y0 - 10000), {"cand_id": "b", "height_m": 10.0})],
                        [("cand_id", str), ("height_m", float)])
    common = {"VILLAGES": villages, "CANDIDATES": cands, "DEM": dem, "MAX_RADIUS_M": 6000, "BUDGET_IDR": 2.6e9,
              "OUTPUT_SITES": "TEMPORARY_OUTPUT", "OUTPUT_VILLAGES": "TEMPORARY_OUTPUT"}
    # the engine's physics without a coverage raster: total power, no clutter margin (explicit overrides)
    # and the exact resolution: 'fast' samples every 4 cells and can step over a one-cell wall (issue 18)
    common.update(QUANTITY=0, EXTRA_LOSS_DB=0, RESOLUTION=0)
    res, fb = run("optimizesites", dict(common, MODEL=0))  # line of sight (definitions.MODELS order)
    assert any("line of sight" in i for i in fb.infos)
    assert values(res["OUTPUT_SITES"], "cand_id") == ["b"] and res["POPULATION_COVERED"] == 950
    res, fb = run("optimizesites", dict(common, MODEL=1, THRESHOLD_DBM=-90))  # P.526: the wall blocks
    assert values(res["OUTPUT_SITES"], "cand_id") == ["b"]
    assert values(res["OUTPUT_VILLAGES"], "covered_by") == ["none", "new", "new"]
    # with a radius instead, a covers the village behind the wall
    res, _ = run("optimizesites", dict(common, DEM=None, RADIUS_M=5500))
    assert values(res["OUTPUT_SITES"], "cand_id") == ["a"] and res["POPULATION_COVERED"] == 1000


def test_optimizesites_clear_messages(provider):
    vil, cand = random_instance(7)
    villages = point_layer(vil, [("kode", str), ("population", int)])
    cands = point_layer(cand, [("cand_id", str), ("cost_idr", float)])
    common = {"VILLAGES": villages, "CANDIDATES": cands, "RADIUS_M": 4000, "BUDGET_IDR": 5e9,
              "OUTPUT_SITES": "TEMPORARY_OUTPUT", "OUTPUT_VILLAGES": "TEMPORARY_OUTPUT"}
    empty_v = point_layer([], [("population", int)])
    assert "no features" in run_fails("optimizesites", dict(common, VILLAGES=empty_v))
    # no candidate (a kota whose villages are all covered): 0 sites selected, the chain goes on, the log says so
    empty_c = point_layer([], [("cost_idr", float)])
    res, fb = run("optimizesites", dict(common, CANDIDATES=empty_c))
    assert res["SITES_SELECTED"] == 0 and "no new site is selected" in fb.text() and "Candidate sites" in fb.text()
    log = run_fails("optimizesites", dict(common, BUDGET_IDR=1e8))
    assert "No candidate is affordable" in log and "600,000,000" in log
    res, fb = run("optimizesites", dict(common, BUDGET_IDR=0))
    assert res["SITES_SELECTED"] == 0 and res["COST_TOTAL"] == 0
    assert any("budget is zero" in w for w in fb.warnings)
    assert set(values(res["OUTPUT_VILLAGES"], "covered_by")) == {"none"}


def test_optimizesites_refuses_a_field_parameter_naming_no_field(provider):
    """A CANDIDATE_ID_FIELD (or POPULATION_FIELD, CODE_FIELD) the layer does not have fell back to cand_id (the
    detected field) without a word: refused as the roadmap refuses one, naming the parameter, the field and the
    layer's fields. Another letter case is the field. The inputs are unchanged."""
    vil, cand = random_instance(7)
    villages = point_layer(vil, [("kode", str), ("population", int)])
    cands = point_layer(cand, [("cand_id", str), ("cost_idr", float)])
    before = ([f.attributes() for f in villages.getFeatures()], [f.attributes() for f in cands.getFeatures()])
    common = {"VILLAGES": villages, "CANDIDATES": cands, "RADIUS_M": 4000, "BUDGET_IDR": 5e9,
              "OUTPUT_SITES": "TEMPORARY_OUTPUT", "OUTPUT_VILLAGES": "TEMPORARY_OUTPUT"}
    text = run_fails("optimizesites", dict(common, CANDIDATE_ID_FIELD="nosuch"))
    assert "The candidate layer has no field 'nosuch' (parameter CANDIDATE_ID_FIELD, Candidate id field" in text
    assert "Choose an existing field (its fields: cand_id, cost_idr) or leave CANDIDATE_ID_FIELD empty." in text
    assert "Candidate costs from field" not in text  # before any work
    for param in ("POPULATION_FIELD", "CODE_FIELD"):
        text = run_fails("optimizesites", dict(common, **{param: "nosuch"}))
        assert f"The village layer has no field 'nosuch' (parameter {param}" in text and "kode, population" in text
    assert ([f.attributes() for f in villages.getFeatures()], [f.attributes() for f in cands.getFeatures()]) == before
    res, _ = run("optimizesites", dict(common, CANDIDATE_ID_FIELD="CAND_ID"))
    assert res["SITES_SELECTED"] > 0 and all(v.startswith("C") for v in values(res["OUTPUT_SITES"], "cand_id"))


def test_chain_on_the_sample(provider):
    """prioritize -> candidates -> optimizesites on one kab/kota of the sample (radius mode)."""
    offices = f"{OFFICES}|subset=\"kode_kab\" = '64.02'"
    pri, _ = run("prioritize", {"VILLAGES": offices, "OUTPUT": "TEMPORARY_OUTPUT"})
    cand, _ = run("candidates", {"VILLAGES": pri["OUTPUT"], "DEM": DEM_SAMPLE, "SITES": TOWERS,
                                 "OUTPUT": "TEMPORARY_OUTPUT"})
    res, fb = run("optimizesites", {"VILLAGES": pri["OUTPUT"], "WEIGHT_FIELD": "priority_score",
                                    "CANDIDATES": cand["OUTPUT"], "EXISTING": TOWERS, "BUDGET_IDR": 13e9,
                                    "OUTPUT_SITES": "TEMPORARY_OUTPUT", "OUTPUT_VILLAGES": "TEMPORARY_OUTPUT"})
    assert 0 < res["SITES_SELECTED"] and res["COST_TOTAL"] <= 13e9 and res["GAP"] == 0
    assert res["POPULATION_COVERED"] > 0


def test_prioritize_and_choosetech_on_all_sample_polygons(provider):
    """The sample has one invalid polygon (64.07.07.2002): it still gets a point on surface and a result."""
    import processing
    from processing.tools import dataobjects
    from qgis.core import QgsFeatureRequest

    villages = f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=villages"
    context = dataobjects.createContext()
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryAbortOnInvalid)
    res = processing.run("kaltiminternet:prioritize", {"VILLAGES": villages, "OUTPUT": "TEMPORARY_OUTPUT"},
                         context=context)
    out = context.getMapLayer(res["OUTPUT"]) if isinstance(res["OUTPUT"], str) else res["OUTPUT"]
    assert out.featureCount() == 1038
    res = processing.run("kaltiminternet:choosetech", {"VILLAGES": villages, "SITES": TOWERS,
                                                       "OUTPUT": "TEMPORARY_OUTPUT"}, context=context)
    out = context.getMapLayer(res["OUTPUT"]) if isinstance(res["OUTPUT"], str) else res["OUTPUT"]
    assert out.featureCount() == 1038
    assert next(out.getFeatures('"kode" = \'64.07.07.2002\''))["tech"]


def test_outputs_are_styled_when_loaded(provider, qgis_new_project):
    import processing
    from qgis.core import QgsCategorizedSymbolRenderer, QgsGraduatedSymbolRenderer, QgsProject

    res = processing.runAndLoadResults("kaltiminternet:prioritize", {"VILLAGES": villages_for_priority(),
                                                                     "OUTPUT": "TEMPORARY_OUTPUT"})
    layer = QgsProject.instance().mapLayer(res["OUTPUT"])
    assert isinstance(layer.renderer(), QgsGraduatedSymbolRenderer)
    assert layer.renderer().classAttribute() == "priority_score" and len(layer.renderer().ranges()) == 5
    res = processing.runAndLoadResults("kaltiminternet:choosetech", {"VILLAGES": villages_for_priority(),
                                                                     "OUTPUT": "TEMPORARY_OUTPUT"})
    layer = QgsProject.instance().mapLayer(res["OUTPUT"])
    assert isinstance(layer.renderer(), QgsCategorizedSymbolRenderer)
    assert layer.renderer().classAttribute() == "tech"
    assert {c.value() for c in layer.renderer().categories()} >= {"fibre", "fwa", "satellite", "bts", "radio"}


def test_choosetech_reason_in_indonesian(provider, monkeypatch):
    from kaltim_internet_plugin.processing import alg_choosetech

    monkeypatch.setattr(alg_choosetech, "user_locale", lambda: "id")
    villages = point_layer([((X0, Y0 - 1000), {"status": "covered"}), ((X0 + 90000, Y0 - 1000), {"status": ""})],
                           [("status", str)])
    res, _ = run("choosetech", {"VILLAGES": villages, "OUTPUT": "TEMPORARY_OUTPUT"})
    reasons = values(res["OUTPUT"], "reason")
    assert "kantor desa berada dalam jangkauan" in reasons[0] and reasons[1].startswith("Satelit")


# ---- a layer of lines or polygons where points are expected (found 2026-12: 19 village polygons "selected" as new
# BTS sites, 105 kecamatan used as fibre nodes, a traceback from coverage)
KECAMATAN = f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=kecamatan"
VILLAGES_SAMPLE = f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=villages"
POINT_PARAMS = [  # (algorithm, point parameter, what the message asks for, the algorithm's other inputs)
    ("optimizesites", "CANDIDATES", "a point layer of candidate sites", {}),
    ("optimizesites", "EXISTING", "a point layer of towers", {"CANDIDATES": TOWERS}),
    ("optimizesites", "OFFICES", "a point layer of village offices", {"CANDIDATES": TOWERS}),
    ("choosetech", "FIBRE_NODES", "a point layer of fibre nodes", {}),
    ("choosetech", "SITES", "a point layer of towers", {}),
    ("choosetech", "NEW_SITES", "a point layer of new sites", {}),
    ("candidates", "SITES", "a point layer of towers", {"DEM": DEM_SAMPLE}),
    ("prioritize", "CAPITALS", "a point layer of kab/kota capitals", {}),
    ("classifyvillages", "OFFICES", "a point layer of village offices", {"COVERAGE": DEM_SAMPLE}),
    ("roadmap", "TOWERS", "a point layer of towers", {}),
    ("exportplan", "SITES", "a point layer of towers", {}),
    ("exportplan", "PLANNED_SITES", "a point layer of planned sites", {}),
    ("coverage", "SITES", "a point layer of towers", {"DEM": DEM_SAMPLE}),
]
_OUTPUTS = {"optimizesites": ("OUTPUT_SITES", "OUTPUT_VILLAGES"), "roadmap": ("OUTPUT", "OUTPUT_TABLE"),
            "exportplan": ("OUTPUT_FOLDER",), "coverage": ("OUTPUT",)}


def _line_layer(path) -> str:
    """The sample's kecamatan boundaries as lines, in a GeoPackage ``path``."""
    from osgeo import ogr

    sample = ogr.Open(str(SAMPLE / "kaltim_sample.gpkg"))  # (kept open while its layer is read)
    src = sample.GetLayerByName("kecamatan")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    out = ds.CreateLayer("batas", src.GetSpatialRef(), ogr.wkbMultiLineString)
    for f in src:
        nf = ogr.Feature(out.GetLayerDefn())
        nf.SetGeometry(ogr.ForceToMultiLineString(f.GetGeometryRef().GetBoundary()))
        out.CreateFeature(nf)
    ds = sample = None
    return f"{path}|layername=batas"


@pytest.mark.parametrize("alg,param,give,extra", POINT_PARAMS, ids=[f"{a}-{p}" for a, p, _g, _e in POINT_PARAMS])
def test_a_polygon_layer_as_points_is_refused_before_the_run(provider, tmp_path, alg, param, give, extra):
    villages = "PLAN" if alg == "roadmap" else "VILLAGES"
    params = {villages: VILLAGES_SAMPLE, **extra, param: KECAMATAN}
    if alg == "coverage":
        params = {"DEM": DEM_SAMPLE, "SITES": KECAMATAN, "MAX_RADIUS_M": 3000}
    for key in _OUTPUTS.get(alg, ("OUTPUT",)):
        params[key] = str(tmp_path / ("out" if key == "OUTPUT_FOLDER" else
                                      f"{key.lower()}.{'tif' if alg == 'coverage' else 'gpkg'}"))
    text = run_fails(alg, params)
    assert f"{param} (" in text and "the layer kecamatan (kaltim_sample.gpkg) holds polygons, not points" in text, text
    assert f"Give {give}" in text and "Traceback" not in text and "report it" not in text, text
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_a_line_layer_as_fibre_nodes_is_refused(provider, tmp_path):
    lines = _line_layer(tmp_path / "batas.gpkg")
    out = tmp_path / "plan.gpkg"
    text = run_fails("choosetech", {"VILLAGES": VILLAGES_SAMPLE, "FIBRE_NODES": lines, "OUTPUT": str(out)})
    assert "FIBRE_NODES (" in text and "the layer batas (batas.gpkg) holds lines, not points: a fibre node is a " \
        "point. Give a point layer of fibre nodes" in text, text
    assert not out.exists()


def test_every_point_parameter_says_what_it_holds(provider):
    """Each parameter that takes points only is named in checks._point_kinds (its refusal says what to give)."""
    from qgis.core import QgsApplication, QgsProcessing

    from kaltim_internet_plugin.processing.checks import _point_kinds

    kinds = _point_kinds()
    found = set()
    for alg in QgsApplication.processingRegistry().providerById("kaltiminternet").algorithms():
        for p in alg.parameterDefinitions():
            if p.type() in ("source", "vector") and list(p.dataTypes()) == [
                    QgsProcessing.SourceType.TypeVectorPoint]:
                found.add((alg.name(), p.name()))
                assert p.name().upper() in kinds, (alg.name(), p.name())
    assert {(a, p) for a, p, _g, _e in POINT_PARAMS} <= found


def _mixed_towers(path, n=12, polygon=True) -> str:
    """The sample's first ``n`` towers (their second as a multipoint of two) in a GeoPackage layer of type GEOMETRY
    ``path``, with the sample's kecamatan 1 as its feature 3 (a polygon) unless ``polygon`` is False."""
    from osgeo import ogr

    sample = ogr.Open(str(SAMPLE / "kaltim_sample.gpkg"))  # (kept open while its layers are read)
    towers, kecamatan = sample.GetLayerByName("towers"), sample.GetLayerByName("kecamatan")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    out = ds.CreateLayer("mixed", towers.GetSpatialRef(), ogr.wkbUnknown)
    defn = towers.GetLayerDefn()
    for i in range(defn.GetFieldCount()):
        out.CreateField(defn.GetFieldDefn(i))
    rows = [f for _i, f in zip(range(n), towers)]
    kec = kecamatan.GetFeature(1)  # (kept while its geometry is copied)
    for k, f in enumerate(rows):
        if polygon and k == 2:
            shape = ogr.Feature(out.GetLayerDefn())
            shape.SetGeometry(kec.GetGeometryRef())
            out.CreateFeature(shape)
        nf = ogr.Feature(out.GetLayerDefn())
        nf.SetFrom(f)
        if k == 1:
            multi = ogr.Geometry(ogr.wkbMultiPoint)
            multi.AddGeometry(f.GetGeometryRef())
            multi.AddGeometry(rows[0].GetGeometryRef())
            nf.SetGeometry(multi)
        out.CreateFeature(nf)
    ds = sample = None
    return f"{path}|layername=mixed"


@pytest.mark.parametrize("alg,param,give,extra", POINT_PARAMS, ids=[f"{a}-{p}" for a, p, _g, _e in POINT_PARAMS])
def test_the_polygons_of_a_layer_of_mixed_type_as_points_are_refused_before_the_run(provider, tmp_path, alg, param,
                                                                                    give, extra):
    """A GeoPackage layer of type GEOMETRY (towers, one of them a multipoint, and a kecamatan polygon as feature 3)
    passed the check of the layer's type, and its polygon was read as a point on its surface (a new BTS "site" in
    the middle of a kecamatan). Refused before the run by every tool that takes points, naming the parameter, the
    layer, the feature and the fix; the input file is unchanged and nothing is written."""
    from tests.robustness.conftest import digest

    data = tmp_path / "in"
    data.mkdir()
    mixed = _mixed_towers(data / "mixed.gpkg")
    before = digest(data / "mixed.gpkg")
    villages = "PLAN" if alg == "roadmap" else "VILLAGES"
    params = {villages: VILLAGES_SAMPLE, **extra, param: mixed}
    if alg == "coverage":
        params = {"DEM": DEM_SAMPLE, "SITES": mixed, "MAX_RADIUS_M": 3000}
    out = tmp_path / "out"
    out.mkdir()
    for key in _OUTPUTS.get(alg, ("OUTPUT",)):
        params[key] = str(out / ("folder" if key == "OUTPUT_FOLDER" else
                                 f"{key.lower()}.{'tif' if alg == 'coverage' else 'gpkg'}"))
    text = run_fails(alg, params)
    assert f"\n{param} (" in text and "1 feature(s) of the layer mixed (mixed.gpkg) are polygons, not points " \
        "(feature 3): " in text, text
    assert "would be read as a point on their surface. Delete them from the layer, or select its points and tick " \
        f"'Selected features only', or give {give}" in text, text
    assert "Traceback" not in text and "report it" not in text, text
    assert list(out.iterdir()) == [] and digest(data / "mixed.gpkg") == before


def test_points_and_multipoints_of_a_layer_of_mixed_type_are_read(provider, tmp_path):
    """The same layer of type GEOMETRY without the polygon (points and a multipoint): coverage computes every site
    and optimizesites takes every tower as a candidate."""
    mixed = _mixed_towers(tmp_path / "mixed.gpkg", polygon=False)
    res, _fb = run("coverage", {"DEM": DEM_SAMPLE, "SITES": mixed, "MAX_RADIUS_M": 3000,
                                "OUTPUT": str(tmp_path / "cov.tif")})
    assert res["SITES_COMPUTED"] + res["SITES_SKIPPED"] == 12 and (tmp_path / "cov.tif").exists()
    res, _fb = run("optimizesites", {"VILLAGES": VILLAGES_SAMPLE, "CANDIDATES": mixed,
                                     "OUTPUT_SITES": str(tmp_path / "sites.gpkg"),
                                     "OUTPUT_VILLAGES": str(tmp_path / "villages.gpkg")})
    assert res["SITES_SELECTED"] > 0
    assert QgsVectorLayer(str(tmp_path / "sites.gpkg"), "s", "ogr").featureCount() == res["SITES_SELECTED"]
