"""Village layers that cannot be villages (a tester's finds of 2026-12-06): 'Repair village geometries' refused an
empty layer or a point/line layer by writing it out as "repaired villages", and said nothing of features without
geometry; 'Check village layer' called every line "an empty or missing geometry", added "do not overlap the DEM" to
an empty layer, and replaced a CODE_FIELD that does not exist by the detected one (VALID true)."""
from __future__ import annotations

import pytest

from tests.conftest import SAMPLE, run_alg
from tests.robustness.conftest import digest, fails, mahakam_ulu_villages

DEM = str(SAMPLE / "kaltim_dem_synthetic_250m.tif")


def _lines(i, g):
    """The village's outline as one line."""
    from osgeo import ogr

    return ogr.ForceToLineString(g.GetBoundary())


@pytest.fixture()
def layers(tmp_path):
    from osgeo import ogr

    return {
        "empty": mahakam_ulu_villages(tmp_path / "v_empty.gpkg", lambda i, g: g, n=0),
        "allnull": mahakam_ulu_villages(tmp_path / "v_allnull.gpkg", lambda i, g: None),
        "somenull": mahakam_ulu_villages(tmp_path / "v_somenull.gpkg", lambda i, g: None if i in (2, 5) else g),
        "points": mahakam_ulu_villages(tmp_path / "v_points.gpkg", lambda i, g: g.Centroid(), gtype=ogr.wkbPoint),
        "lines": mahakam_ulu_villages(tmp_path / "v_lines.gpkg", _lines, gtype=ogr.wkbLineString),
        "good": mahakam_ulu_villages(tmp_path / "v_good.gpkg", lambda i, g: g),
    }


# ---- repairvillages ---------------------------------------------------------------------------------------------
def test_repair_refuses_an_empty_layer(provider, layers, tmp_path):
    before = digest(layers["empty"])
    out = tmp_path / "rep.gpkg"
    text = fails("repairvillages", {"INPUT": layers["empty"], "OUTPUT": str(out)})
    assert "has no features" in text and "nothing to repair" in text
    assert digest(layers["empty"]) == before and not out.exists()


@pytest.mark.parametrize("kind, shape", [("points", "points"), ("lines", "lines")])
def test_repair_refuses_a_layer_that_is_not_polygons(provider, layers, tmp_path, kind, shape):
    out = tmp_path / "rep.gpkg"
    text = fails("repairvillages", {"INPUT": layers[kind], "OUTPUT": str(out)})
    assert f"holds {shape}, not polygons" in text and "village boundaries as polygons" in text
    assert not out.exists()


def test_repair_names_the_features_without_geometry(provider, layers, tmp_path):
    res, log = run_alg("kaltiminternet:repairvillages", {"INPUT": layers["allnull"],
                                                          "OUTPUT": str(tmp_path / "rep.gpkg")})
    assert res["REPAIRED_COUNT"] == 0
    assert "villages have no geometry" in log
    assert "feature 1 (64.11." in log and "feature 10 (64.11." in log and "feature 11 (" not in log
    assert " and 40 more" in log  # 50 villages of 64.11, ten named


def test_repair_names_a_few_features_without_geometry_all(provider, layers, tmp_path):
    res, log = run_alg("kaltiminternet:repairvillages", {"INPUT": layers["somenull"],
                                                          "OUTPUT": str(tmp_path / "rep.gpkg")})
    assert "2 villages have no geometry" in log
    assert "feature 3 (64.11." in log and "feature 6 (64.11." in log and "more" not in log
    res, log = run_alg("kaltiminternet:repairvillages", {"INPUT": layers["good"],
                                                          "OUTPUT": str(tmp_path / "rep2.gpkg")})
    assert res["REPAIRED_COUNT"] == 0 and "no geometry" not in log  # good polygons: no warning


# ---- checkvillages ----------------------------------------------------------------------------------------------
def test_check_refuses_a_line_layer_once_but_takes_office_points(provider, layers, tmp_path):
    report = tmp_path / "r.html"
    text = fails("checkvillages", {"INPUT": layers["lines"], "OUTPUT_REPORT": str(report)})
    assert "holds lines, not polygons or points" in text and "village boundaries as polygons" in text
    assert "empty or missing geometry" not in text and not report.exists()
    res, log = run_alg("kaltiminternet:checkvillages", {"INPUT": layers["points"]})
    assert res["FEATURE_COUNT"] == 50 and "empty or missing geometry" not in log


def test_check_of_an_empty_layer_says_one_thing(provider, layers):
    res, log = run_alg("kaltiminternet:checkvillages", {"INPUT": layers["empty"], "DEM": DEM})
    assert res["VALID"] is False and res["ERROR_COUNT"] == 1
    assert "has no features" in log and "overlap the DEM" not in log


def test_check_of_villages_without_geometry_adds_no_dem_overlap(provider, layers):
    res, log = run_alg("kaltiminternet:checkvillages", {"INPUT": layers["allnull"], "DEM": DEM})
    assert res["ERROR_COUNT"] == 50 and "overlap the DEM" not in log


@pytest.mark.parametrize("param", ["CODE_FIELD", "NAME_FIELD", "POPULATION_FIELD"])
def test_check_refuses_a_field_that_does_not_exist(provider, layers, tmp_path, param):
    report = tmp_path / "r.html"
    text = fails("checkvillages", {"INPUT": layers["good"], param: "nosuch", "OUTPUT_REPORT": str(report)})
    assert f"{param}: the village layer" in text and "no field 'nosuch'" in text
    assert "kode" in text and "nama" in text  # the layer's fields, to choose from
    assert not report.exists()
    res, _ = run_alg("kaltiminternet:checkvillages", {"INPUT": layers["good"], "NAME_FIELD": "nama_kec"})
    assert res["NAME_FIELD"] == "nama_kec" and res["VALID"] is True  # a field that exists is used
