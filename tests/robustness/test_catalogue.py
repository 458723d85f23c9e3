"""The bad-input catalogue across every algorithm (issue 16, item 7), generated from the algorithms' own
parameter definitions so that a new parameter is covered the day it is added:

* every number below its minimum or above its maximum -> refused, the message names the parameter and the range;
* every file input that does not exist, or that is not a file of its kind (a text file as a DEM or a layer) ->
  refused, the message names the parameter and the file;
* every file output in a missing folder, given as a folder, or naming an input -> refused before any work.

Each case asserts: an error (no result), a message without a traceback that says where and what to do, the
inputs unchanged (checksums), and no output left behind.
"""
from __future__ import annotations

import hashlib
import os
import shutil

import pytest

from tests.conftest import SAMPLE


def _algorithms():
    from kaltim_internet_plugin.processing.provider import algorithm_classes

    out = []
    for cls in algorithm_classes():
        alg = cls()
        alg.initAlgorithm()
        out.append(alg)
    return out


def _number_cases():
    from qgis.core import QgsProcessingParameterNumber

    cases = []
    for alg in _algorithms():
        for p in alg.parameterDefinitions():
            if not isinstance(p, QgsProcessingParameterNumber):
                continue
            if p.minimum() > -1e300:
                cases.append(pytest.param(alg.name(), p.name(), p.minimum() - max(1.0, abs(p.minimum()) * 0.5),
                                          id=f"{alg.name()}-{p.name()}-below"))
            if p.maximum() < 1e300:
                cases.append(pytest.param(alg.name(), p.name(), p.maximum() + max(1.0, abs(p.maximum()) * 0.5),
                                          id=f"{alg.name()}-{p.name()}-above"))
    return cases


def _input_cases():
    cases = []
    for alg in _algorithms():
        required = [p for p in alg.parameterDefinitions() if not p.isDestination()
                    and not (p.flags() & p.FlagOptional) and p.type() in ("source", "vector", "raster", "file")]
        if not required:
            continue
        p = required[0]  # QGIS reports the first invalid parameter: test the first required input
        cases.append(pytest.param(alg.name(), p.name(), p.type(), "missing", id=f"{alg.name()}-{p.name()}-missing"))
        if p.type() != "file":
            cases.append(pytest.param(alg.name(), p.name(), p.type(), "text", id=f"{alg.name()}-{p.name()}-text"))
    return cases


NUMBER_CASES = _number_cases()
INPUT_CASES = _input_cases()


def digest_tree(folder) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def refused(alg, params):
    import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as exc:
        processing.run(f"kaltiminternet:{alg}", params)
    text = str(exc.value)
    assert "Traceback" not in text and "Unexpected error" not in text, text
    return text


@pytest.mark.parametrize("alg,name,value", NUMBER_CASES)
def test_numbers_out_of_range(provider, tmp_path, alg, name, value):
    before = digest_tree(tmp_path)
    params = {name: value}
    if alg == "importsites":  # it resolves INPUT (a file or a project layer) before anything else
        params["INPUT"] = f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=towers"
    text = refused(alg, params)
    assert name in text and "valid range" in text and "Enter a value" in text, text
    assert digest_tree(tmp_path) == before


@pytest.mark.parametrize("alg,name,kind,case", INPUT_CASES)
def test_inputs_that_are_not_there_or_not_of_their_kind(provider, tmp_path, alg, name, kind, case):
    if case == "missing":
        path = tmp_path / "gone" / "missing.gpkg"
    else:
        path = tmp_path / "notes.txt"
        path.write_text("this is not a DEM nor a layer\n", encoding="utf-8")
    before = digest_tree(tmp_path)
    text = refused(alg, {name: str(path)})
    assert name in text and str(path) in text, text
    assert any(w in text for w in ("does not exist", "cannot be read", "cannot read")), text
    assert digest_tree(tmp_path) == before


# ---- outputs: algorithms run on a private copy of the sample ----------------------------------------------------
def base_params(alg, data):
    v = f"{data / 'kaltim_sample.gpkg'}|layername=villages|subset=\"kode_kab\" = '64.74'"
    o = f"{data / 'kaltim_sample.gpkg'}|layername=offices|subset=\"kode_kab\" = '64.74'"
    t = f"{data / 'kaltim_sample.gpkg'}|layername=towers"
    dem = str(data / "kaltim_dem_synthetic_250m.tif")
    return {
        "checkvillages": {"INPUT": v},
        "repairvillages": {"INPUT": v},
        "importsites": {"INPUT": t, "FORMAT": 0},
        "coverage": {"SITES": t, "DEM": dem, "MAX_RADIUS_M": 5000},
        "prioritize": {"VILLAGES": o},
        "candidates": {"VILLAGES": o, "DEM": dem, "SITES": t},
        "choosetech": {"VILLAGES": o},
        "optimizesites": {"VILLAGES": o, "CANDIDATES": t, "BUDGET_IDR": 26e9},
        "importprogramme": {"VILLAGES": v, "TABLE": str(data / "programme_status_ILLUSTRATIVE.csv")},
        # outputs are checked before inputs are read: existing, readable inputs are enough
        "classifyvillages": {"VILLAGES": v, "COVERAGE": dem},
        "roadmap": {"PLAN": o},
        "comparescenarios": {"PLAN_A": o, "PLAN_B": o},
    }[alg]


OUTPUT_ALGS = ("checkvillages", "repairvillages", "importsites", "coverage", "prioritize", "candidates",
               "choosetech", "optimizesites", "importprogramme", "classifyvillages", "roadmap", "comparescenarios")


def _output_cases():
    cases = []
    for alg in _algorithms():
        if alg.name() not in OUTPUT_ALGS:
            continue
        for p in alg.destinationParameterDefinitions():
            if p.type() == "folderDestination":
                continue
            for case in ("missing_folder", "folder", "input"):
                cases.append(pytest.param(alg.name(), p.name(), case, id=f"{alg.name()}-{p.name()}-{case}"))
    return cases


@pytest.mark.parametrize("alg,name,case", _output_cases())
def test_outputs_refused_before_any_work(provider, tmp_path, alg, name, case):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    params = base_params(alg, data)
    if case == "missing_folder":
        params[name] = str(tmp_path / "no" / "such" / "out.gpkg")
        want = "does not exist"
    elif case == "folder":
        params[name] = str(tmp_path)
        want = "is a folder"
    else:
        params[name] = str(data / "kaltim_sample.gpkg")
        want = "would overwrite the input"
    before = digest_tree(tmp_path)
    text = refused(alg, params)
    assert want in text and name in text, text
    assert digest_tree(tmp_path) == before  # inputs unchanged, nothing written
    assert not os.path.exists(tmp_path / "no")


def test_the_catalogue_is_wide():
    assert len(NUMBER_CASES) + len(INPUT_CASES) + len(_output_cases()) >= 150
