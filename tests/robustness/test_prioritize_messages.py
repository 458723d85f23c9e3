"""prioritize's messages: every row number is the feature id, and weights that are huge, infinite, NaN or negative
give a result or a message a user can act on.

1. The column-level messages about a number field ('1.500' could be thousands or a decimal, because the column also
   holds '2,5'; some values use a decimal comma, others a decimal point) named 0-based positions (feature 0, 1, 2 for
   the features 1, 2, 3) while the per-value messages of the same log named the feature ids.
2. ``WEIGHTS='population=1e308,blank_spot=1e308'`` overflowed when the weights were rescaled: the log said
   "Weights from WEIGHTS: " (nothing) and the run stopped on "All weights are zero". Weights are relative, so these
   are two equal weights; 'inf' (or '1e309', which is infinite as a float) is refused naming the valid range, 'nan'
   as not a number, a negative weight as below 0.
"""
from __future__ import annotations

import re

import pytest

from tests.conftest import capture_feedback
from tests.robustness.conftest import fails

X0, Y0 = 500000.0, 9900000.0  # EPSG:32750, inside East Kalimantan

# feature id -> population as typed in a text field: ids that are neither 0-based nor 1..n (a layer after edits)
POPULATION = {10: "1.500", 20: "2.300", 30: "12.000", 40: "abc", 50: "", 60: "2,5", 70: "-10", 80: "1500",
              90: "1.234", 100: "900"}
STATUS = ("blank_spot", "partial", "covered")


def villages(tmp_path, population=POPULATION, name="villages.gpkg"):
    """A GeoPackage of village points whose feature ids are the keys of ``population`` (a text field 'penduduk')."""
    from osgeo import ogr, osr

    path = tmp_path / name
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32750)
    lyr = ds.CreateLayer("villages", srs, ogr.wkbPoint)
    for field, kind in (("kode", ogr.OFTString), ("penduduk", ogr.OFTString), ("status", ogr.OFTString)):
        lyr.CreateField(ogr.FieldDefn(field, kind))
    for i, (fid, pop) in enumerate(population.items()):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetFID(fid)
        f.SetField("kode", f"64.01.01.20{i:02d}")
        f.SetField("penduduk", pop)
        f.SetField("status", STATUS[i % 3])
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({X0 + 1000 * i} {Y0 - 1000})"))
        assert lyr.CreateFeature(f) == 0
    ds = None
    return f"{path}|layername=villages"


def run(params):
    import processing

    fb = capture_feedback()
    res = processing.run("kaltiminternet:prioritize", dict({"OUTPUT": "TEMPORARY_OUTPUT"}, **params), feedback=fb)
    return res, fb


def penduduk_lines(fb):
    return [t for t in fb.lines if "penduduk" in t]


# --------------------------------------------------------------------------- 1. row numbers are feature ids
def test_ambiguous_number_message_names_the_feature_ids(provider, tmp_path):
    res, fb = run({"VILLAGES": villages(tmp_path), "POPULATION_FIELD": "penduduk"})
    line = next((t for t in penduduk_lines(fb) if "could be thousands or a decimal" in t), None)
    assert line is not None, fb.text()
    # '1.500', '2.300', '12.000', '1.234' are features 10, 20, 30, 90 (was: feature 0, 1, 2, 8)
    assert "4 value(s) such as '1.500' (feature 10, 20, 30, 90)" in line, line
    # the value that fixes the decimal mark, '2,5', is feature 60 (was: 5)
    evidence = re.search(r"also holds '2,5' \(\w+ (\d+)\)", line)
    assert evidence and int(evidence.group(1)) == 60, line
    assert res["OUTPUT"].featureCount() == len(POPULATION)


def test_mixed_decimal_marks_message_names_the_feature_ids(provider, tmp_path):
    population = {11: "2,5", 22: "1.500", 33: "3,75", 44: "1.25", 55: "800"}
    res, fb = run({"VILLAGES": villages(tmp_path, population), "POPULATION_FIELD": "penduduk"})
    line = next((t for t in penduduk_lines(fb) if "use a decimal comma" in t), None)
    assert line is not None, fb.text()
    assert "(e.g. '2,5', feature 11)" in line and "(e.g. '1.25', feature 44)" in line, line
    ambiguous = next(t for t in penduduk_lines(fb) if "could be thousands or a decimal" in t)
    assert "(feature 22)" in ambiguous and re.search(r"'2,5' \(\w+ 11\)", ambiguous), ambiguous


def test_every_number_message_of_the_log_names_an_existing_feature(provider, tmp_path):
    """Per-value and column-level messages agree: each 'feature N' / 'row N' of the field's messages is a feature
    id of the layer, and the per-value ones name the right feature."""
    res, fb = run({"VILLAGES": villages(tmp_path), "POPULATION_FIELD": "penduduk"})
    lines = penduduk_lines(fb)
    named = {int(n) for t in lines for lst in re.findall(r"\b(?:feature|row) (\d+(?:, \d+)*)", t)
             for n in lst.split(", ")}
    assert named and named <= set(POPULATION), (named, lines)
    assert any(t.startswith("feature 40, field penduduk: 'abc' is not a number") for t in lines), lines
    assert any(t.startswith("feature 70, field penduduk: '-10' is negative") for t in lines), lines


def test_core_issues_number_every_row_by_the_given_labels():
    """compute_priority(rows=...) numbers the issues' row and every row in their params (rows, first_row,
    evidence_row, comma_row, point_row) by the given labels, as parse_column(rows=...) does for the other tools."""
    from kaltim_internet_plugin.core.priority import compute_priority

    fids = [101, 102, 103, 104, 105, 106, 107]
    pops = ["1.500", "2,5", "3.75", "1.234", "abc", "-4", "900"]
    res = compute_priority({"population": pops}, "population=1", rows=fids)
    keys = ("rows", "first_row", "evidence_row", "comma_row", "point_row")
    seen = set()
    for issue in res.issues:
        numbers = ([] if issue.row is None else [issue.row]) + list(issue.params.get("rows", [])) + \
            [issue.params[k] for k in keys[1:] if issue.params.get(k) is not None]
        assert set(numbers) <= set(fids), issue
        seen |= {k for k in keys if issue.params.get(k) is not None} | ({"row"} if issue.row is not None else set())
    assert seen == {"row", *keys}, seen  # every kind of row number was checked
    default = compute_priority({"population": pops}, "population=1").issues  # without rows: the index
    assert next(i for i in default if i.code == "ambiguous").params["rows"] == [0, 3]


# --------------------------------------------------------------------------- 2. weights
def test_huge_weights_are_rescaled_without_overflow(provider, tmp_path):
    res, fb = run({"VILLAGES": villages(tmp_path), "POPULATION_FIELD": "penduduk",
                   "WEIGHTS": "population=1e308,blank_spot=1e308"})
    assert "Weights from WEIGHTS: population=0.5,blank_spot=0.5" in fb.infos, fb.text()
    assert res["WEIGHTS_USED"] == "population=0.5,blank_spot=0.5"
    assert "all weights are zero" not in fb.text().lower()
    scores = [f["priority_score"] for f in res["OUTPUT"].getFeatures()]
    assert max(scores) > 0 and all(0 <= s <= 100 for s in scores)


def test_huge_weights_given_as_numbers_are_rescaled_without_overflow():
    """The dict form (the Priority page, scripts) summed 1e308 + 1e308 = inf and gave every score 0 silently."""
    from kaltim_internet_plugin.core.priority import compute_priority

    data = {"population": [100, 200, 300], "coverage_status": ["covered", "partial", "blank_spot"]}
    res = compute_priority(data, {"population": 1e308, "blank_spot": 1e308})
    assert res.weights_used["population"] == pytest.approx(0.5) and res.weights_used["blank_spot"] == pytest.approx(0.5)
    assert res.priority_score.tolist() == pytest.approx([0.0, 50.0, 100.0])


WEIGHT_MESSAGES = {
    "population=inf": "population = inf is outside its valid range 0 to 1e308. Enter a value in that range.",
    "population=1e309": "population = 1e309 is outside its valid range 0 to 1e308. Enter a value in that range.",
    "population=nan": "The weight of 'population' ('nan') is not a number: write e.g. 0.3.",
    "population=-1": "The weight of 'population' must be a number of 0 or more.",
    "population=-inf": "The weight of 'population' must be a number of 0 or more.",
}


def test_infinite_nan_and_negative_weights_say_what_is_wrong(provider, tmp_path):
    layer = villages(tmp_path)
    for weights, expected in WEIGHT_MESSAGES.items():
        text = fails("prioritize", {"VILLAGES": layer, "WEIGHTS": weights, "OUTPUT": str(tmp_path / "out.gpkg")})
        assert text == "Invalid WEIGHTS: " + expected, (weights, text)
    assert not list(tmp_path.glob("out.*"))


def test_infinite_and_nan_weights_are_explained_in_indonesian(provider, tmp_path):
    from kaltim_internet_plugin.i18n import install_translator, remove_translator

    layer = villages(tmp_path)
    if install_translator("id") is None:
        pytest.skip("no compiled translation (run make translations)")
    try:
        texts = {w: fails("prioritize", {"VILLAGES": layer, "WEIGHTS": w, "OUTPUT": "TEMPORARY_OUTPUT"})
                 for w in ("population=inf", "population=nan")}
    finally:
        remove_translator()
    assert texts["population=inf"] == ("WEIGHTS tidak valid: population = inf di luar rentang yang sah 0 sampai "
                                       "1e308. Masukkan nilai dalam rentang itu."), texts
    assert texts["population=nan"] == "WEIGHTS tidak valid: Bobot 'population' ('nan') bukan angka: tulis mis. 0.3.", \
        texts
