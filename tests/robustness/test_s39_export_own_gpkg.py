"""An input held in the plan.gpkg that exportplan writes (session 39): a planner gives the villages of an earlier
export (out/plan.gpkg|layername=villages) and exports again into out/. The export updates a copy of out/plan.gpkg and
renames it over the file at the end, while the input is still open there; with a filter (a subset, the selected
villages) the plan's 'villages' table was replaced by the shorter one, the input's other villages lost. Refused before
any work, with the sentence of an output that overwrites an input, for every input parameter held in that file."""
from __future__ import annotations

import os

import pytest

from tests.conftest import run_alg
from tests.robustness.conftest import digest, fails


@pytest.fixture()
def exported(provider, tmp_path):
    """An earlier export in tmp_path/out (villages, sites, planned sites, kab/kota and the roadmap tables)."""
    from tests.qgis.test_exportplan import build_plan

    small = build_plan(kab_codes={"64.74"})
    out = tmp_path / "out"
    run_alg("kaltiminternet:exportplan", {
        "VILLAGES": small["villages"], "SITES": small["sites"], "PLANNED_SITES": small["planned"],
        "ROADMAP_TABLE": small["roadmap"], "TRAINING_TABLE": small["training"], "SHARING_TABLE": small["sharing"],
        "OUTPUT_FOLDER": str(out)})
    small.clear()
    return out


def _count(gpkg, table):
    from osgeo import ogr

    ds = ogr.Open(str(gpkg))
    return ds.GetLayerByName(table).GetFeatureCount()


def _state(out):
    return {os.path.relpath(os.path.join(root, n), out): digest(os.path.join(root, n))
            for root, _dirs, files in os.walk(out) for n in files}


def test_filtered_villages_of_the_plan_gpkg_it_writes_are_refused(exported):
    """The reproduction: before, the run succeeded and plan.gpkg's 'villages' kept 1 village of 15."""
    gpkg = exported / "plan.gpkg"
    villages = _count(gpkg, "villages")
    assert villages > 1
    before = _state(exported)
    text = fails("exportplan", {"VILLAGES": f"{gpkg}|layername=villages|subset=\"year\" = 2027",
                                "OUTPUT_FOLDER": str(exported)})
    assert (f"OUTPUT_FOLDER = {exported} would overwrite the input VILLAGES ({gpkg}|layername=villages). Choose "
            "another output folder; inputs are never changed.") in text, text
    assert _state(exported) == before and _count(gpkg, "villages") == villages
    assert not [p for p in os.listdir(exported.parent) if ".kaltim-partial-" in p]


@pytest.mark.parametrize("param, table", [("VILLAGES", "villages"), ("SITES", "sites"),
                                          ("PLANNED_SITES", "planned_sites"), ("KABKOTA", "kabkota"),
                                          ("ROADMAP_TABLE", "roadmap_year_source"), ("TRAINING_TABLE", "training_plan"),
                                          ("SHARING_TABLE", "tower_sharing")])
def test_every_input_held_in_that_plan_gpkg_is_refused_before_any_work(exported, tmp_path, param, table):
    """Whole tables too: the file is replaced while the input is open in it (on Windows a rename over an open file
    fails, after the whole export), so any input there is refused; the villages from a copy are accepted."""
    import shutil

    from qgis.core import QgsApplication, QgsProcessingContext

    gpkg = exported / "plan.gpkg"
    copy = tmp_path / "copy.gpkg"
    shutil.copy(gpkg, copy)
    alg = QgsApplication.processingRegistry().algorithmById("kaltiminternet:exportplan")
    params = {"VILLAGES": f"{copy}|layername=villages", param: f"{gpkg}|layername={table}",
              "OUTPUT_FOLDER": str(exported)}
    ok, text = alg.checkParameterValues(params, QgsProcessingContext())
    assert not ok and (f"OUTPUT_FOLDER = {exported} would overwrite the input {param} ({gpkg}|layername={table})"
                       in text), text
    params[param] = f"{copy}|layername={table}"
    assert alg.checkParameterValues(params, QgsProcessingContext()) == (True, "")
