"""The chain as one Processing model (kaltiminternet:fullplan, resources/models/rencana_internet_desa.model3): it
makes the demo's plan, table for table, in QGIS and through qgis_process; the shipped file is the model the code
builds."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE, run_alg
from tests.e2e.qgis_process import QgisProcess, qgis_process_binary

MODEL_FILE = ROOT / "resources" / "models" / "rencana_internet_desa.model3"
SAMPLE_GPKG = SAMPLE / "kaltim_sample.gpkg"


def demo_inputs() -> dict:
    """The model's inputs as scripts/demo.py gives them to the steps (its budget and the sample's status date)."""
    from kaltim_internet_plugin.io import sample

    return {"villages": sample.layer_uri("villages"), "towers": sample.layer_uri("towers"), "dem": sample.dem_path(),
            "programme_table": sample.programme_status_path(), "as_of": "2026-01-31",
            "land_cover": sample.landcover_path(), "offices": sample.layer_uri("offices"),
            "fibre_nodes": sample.fibre_pops_uri(), "kabkota": sample.layer_uri("kabkota"), "budget_idr": 156e9,
            "start_year": 2026, "years": 5}


def plan_tables(gpkg: Path) -> dict:
    """Every data table of a plan.gpkg: {table: sorted rows without fid and geometry} (the layer styles hold
    timestamps and attribute orders of their own, so they are left out)."""
    con = sqlite3.connect(str(gpkg))
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM gpkg_contents") if r[0] != "layer_styles"]
        geometry = {r[0] for r in con.execute("SELECT column_name FROM gpkg_geometry_columns")}
        tables = {}
        for name in names:
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{name}")') if r[1] != "fid" and r[1] not in geometry]
            query = "SELECT {} FROM \"{}\"".format(", ".join(f'"{c}"' for c in cols), name)
            tables[name] = (cols, sorted(con.execute(query).fetchall(), key=repr))
        return tables
    finally:
        con.close()


def assert_same_plan(out: Path, demo_out: Path) -> None:
    from kaltim_internet_plugin.report.consistency import check_outputs

    mine, demo = plan_tables(out / "plan.gpkg"), plan_tables(demo_out / "plan.gpkg")
    assert sorted(mine) == sorted(demo)
    assert len(demo["villages"][1]) == 1038 and len(demo["planned_sites"][1]) > 0
    for name in demo:
        assert mine[name][0] == demo[name][0], name
        assert mine[name][1] == demo[name][1], (name, [r for r in mine[name][1] if r not in demo[name][1]][:3])
    summary, problems = check_outputs(str(out))
    assert problems == []
    demo_summary, _ = check_outputs(str(demo_out))
    assert summary.total == demo_summary.total


def test_the_model_makes_the_demos_plan(demo_out, provider, tmp_path):
    """kaltiminternet:fullplan in QGIS: the same villages, sites, budget table, training and operator tables as
    the demo's step-by-step run, row for row; the exported files agree with each other (consistency check)."""
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("kaltiminternet:fullplan")
    assert alg is not None and alg.shortHelpString()
    res, log = run_alg("kaltiminternet:fullplan", dict(demo_inputs(), **{"export:plan": str(tmp_path / "plan")}))
    assert res["export:plan"] == str(tmp_path / "plan")
    assert_same_plan(tmp_path / "plan", demo_out)


def test_the_shipped_model_file_is_the_model_the_code_builds(provider):
    """resources/models/rencana_internet_desa.model3 (for the Model Designer) has the same inputs, steps and step
    settings as kaltiminternet:fullplan; `make model` regenerates it."""
    from qgis.core import QgsApplication, QgsProcessingModelAlgorithm

    from kaltim_internet_plugin.processing.model_plan import build_plan_model

    shipped = QgsProcessingModelAlgorithm()
    assert shipped.fromFile(str(MODEL_FILE))
    built = build_plan_model({a.name(): a for a in provider.algorithms()}, provider.id())
    for model in (shipped, built):
        ok, problems = model.validate()
        assert ok, problems

    def shape(model):
        children = {cid: (child.algorithmId(), {name: [s.toVariant() for s in sources]
                                                for name, sources in child.parameterSources().items()})
                    for cid, child in model.childAlgorithms().items()}
        params = {p.name(): (p.type(), p.defaultValue(), bool(p.flags() & p.Flag.FlagOptional))
                  for p in model.parameterDefinitions()}
        return children, params

    assert shape(shipped) == shape(built)
    registered = QgsApplication.processingRegistry().createAlgorithmById("kaltiminternet:fullplan")
    assert shape(registered)[0] == shape(built)[0]
    # every input of a step is either a model input, an earlier step's output or the tool's own default
    children, params = shape(built)
    assert set(children) == {"repair", "sites", "coverage", "classify", "programme", "priority", "candidates",
                             "optimize", "tech", "roadmap", "export"}
    tools = {a.name(): a for a in provider.algorithms()}
    budget = tools["optimizesites"].parameterDefinition("BUDGET_IDR").defaultValue()
    assert params["budget_idr"][1] == budget and params["years"][1] == 5


@pytest.mark.e2e
@pytest.mark.skipif(not qgis_process_binary(), reason="needs qgis_process")
def test_the_model_file_runs_from_qgis_process(demo_out, tmp_path):
    """`qgis_process run rencana_internet_desa.model3 -- …`, as a checker or a scheduled job runs it: the demo's
    plan."""
    qp = QgisProcess()
    try:
        out = qp.run(str(MODEL_FILE), dict(demo_inputs(), **{"export:plan": str(tmp_path / "plan")}))
    finally:
        qp.close()
    assert out["returncode"] == 0, out["stdout"][-2000:] + out["stderr"][-2000:]
    assert_same_plan(tmp_path / "plan", demo_out)


def test_the_models_output_folder_is_checked_before_the_first_step(provider, tmp_path):
    """Refused before any step runs (not after the chain, at the export): an input the export would rewrite in the
    folder (the programme table saved as roadmap_ringkasan.csv there), a plan.gpkg there that holds the user's own
    villages (given as the model's villages: the export never sees that input), a folder that cannot be written."""
    import hashlib
    import shutil

    from qgis.core import QgsProcessingException

    from kaltim_internet_plugin.io import sample

    def refused(params):
        with pytest.raises(QgsProcessingException) as err:
            run_alg("kaltiminternet:fullplan", params)
        text = str(err.value)
        assert "Error encountered while running" not in text, text  # no step ran
        return text

    def sha(path):
        return hashlib.sha256(path.read_bytes()).hexdigest()

    out = tmp_path / "out"
    out.mkdir()
    table = out / "roadmap_ringkasan.csv"
    shutil.copy(sample.programme_status_path(), table)
    text = refused(dict(demo_inputs(), programme_table=str(table), **{"export:plan": str(out)}))
    assert f"would overwrite the input programme_table ({table})" in text, text
    table.unlink()
    mine = out / "plan.gpkg"
    shutil.copy(SAMPLE_GPKG, mine)
    before = sha(mine)
    text = refused(dict(demo_inputs(), villages=f"{mine}|layername=villages", **{"export:plan": str(out)}))
    assert "export:plan = " in text and "holds a plan.gpkg that this tool did not write" in text, text
    assert sha(mine) == before and sorted(p.name for p in out.iterdir()) == ["plan.gpkg"]
    text = refused(dict(demo_inputs(), **{"export:plan": "/proc/kaltim_plan"}))
    assert "export:plan" in text and "/proc/kaltim_plan" in text, text


@pytest.mark.parametrize("key,name", [("fibre_nodes", "fibre nodes"), ("offices", "village offices")])
def test_the_models_point_inputs_refuse_polygons_before_the_first_step(provider, tmp_path, key, name):
    """The sample's kecamatan given as the model's fibre nodes or offices: refused before any step runs (the
    tools' own check sees only the model's steps, after the chain has run up to them)."""
    from qgis.core import QgsProcessingException

    out = tmp_path / "plan"
    with pytest.raises(QgsProcessingException) as err:
        run_alg("kaltiminternet:fullplan", dict(demo_inputs(), **{key: f"{SAMPLE_GPKG}|layername=kecamatan",
                                                                    "export:plan": str(out)}))
    text = str(err.value)
    assert "Error encountered while running" not in text, text  # no step ran
    assert f"{key} (" in text and "the layer kecamatan (kaltim_sample.gpkg) holds polygons, not points" in text \
        and f"Give a point layer of {name}" in text, text
    assert not out.exists()
