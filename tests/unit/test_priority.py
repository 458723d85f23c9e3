"""Unit tests for kaltim_internet_plugin.core.priority (plain python, no QGIS)."""

import math
import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

from kaltim_internet_plugin.core.priority import (  # noqa: E402
    CRITERIA,
    IDM_CLASSES,
    PRESETS,
    WeightsError,
    compute_priority,
    format_weights,
    idm_class,
    idm_class_index,
    parse_weights,
    rank_scores,
)

FULL = {
    "population": [1200, 300, 5000, 800, None],
    "coverage_status": ["blank_spot", "partial", "covered", "blank_spot", "blank_spot"],
    "idm": [0.45, "Berkembang", 0.85, "Tertinggal", None],
    "schools": [2, 1, 6, 0, 1],
    "health_posts": [1, 0, 2, 1, None],
    "remoteness": [45000, 12000, 0, 80000, 30000],
    "electricity": ["ya", "tidak", "yes", True, None],
    "cadres": [2, 0, 5, 1, 0],
}
KEYS = ["64.01.01.2001", "64.01.01.2002", "64.01.01.2003", "64.01.01.2004", "64.01.01.2005"]


# --- IDM -------------------------------------------------------------------
@pytest.mark.parametrize("score,expected", [
    (0.30, "Sangat Tertinggal"), (0.4907, "Sangat Tertinggal"), (0.4908, "Tertinggal"),
    (0.5989, "Tertinggal"), (0.599, "Berkembang"), (0.7072, "Berkembang"), (0.7073, "Maju"),
    (0.8155, "Maju"), (0.8156, "Mandiri"), (0.99, "Mandiri"),
])
def test_idm_thresholds(score, expected):
    assert idm_class(score) == expected


def test_idm_text_and_missing():
    assert idm_class("sangat tertinggal") == "Sangat Tertinggal"
    assert idm_class(" MANDIRI ") == "Mandiri"
    assert idm_class("0,65") == "Berkembang"
    assert idm_class(None) is None and idm_class(float("nan")) is None and idm_class("?") is None
    assert [idm_class_index(c) for c in IDM_CLASSES] == [0, 1, 2, 3, 4]


def test_idm_more_deprived_gets_higher_priority():
    r = compute_priority({"idm": ["Mandiri", "Sangat Tertinggal", "Berkembang"]}, "idm=1")
    assert r.priority_score.tolist() == pytest.approx([0.0, 100.0, 50.0])
    r2 = compute_priority({"idm": [0.9, 0.4, 0.65]}, "idm=1")
    assert r2.priority_rank.tolist() == [3, 1, 2]


# --- weights ---------------------------------------------------------------
def test_parse_weights_normalises():
    w = parse_weights("population=0.3,blank_spot=0.3,idm=0.2,facilities=0.1,remoteness=0.1")
    assert sum(w.values()) == pytest.approx(1.0)
    assert w["population"] == pytest.approx(0.3) and w["readiness"] == 0.0
    w2 = parse_weights("population=3; blank_spot = 1")
    assert w2["population"] == pytest.approx(0.75) and w2["blank_spot"] == pytest.approx(0.25)
    assert parse_weights("idm=0,5,population=0,25") == pytest.approx(parse_weights("idm=0.5,population=0.25"))
    assert parse_weights("idm=0,5;population=0,25") == pytest.approx(parse_weights("idm=0.5,population=0.25"))


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_presets_sum_to_one_and_parse(preset):
    assert sum(PRESETS[preset].values()) == pytest.approx(1.0)
    assert set(PRESETS[preset]) == set(CRITERIA)
    assert parse_weights(preset) == PRESETS[preset]
    assert parse_weights(preset.upper()) == PRESETS[preset]


def test_default_is_pemerataan():
    assert parse_weights(None) == PRESETS["pemerataan"]
    assert parse_weights("  ") == PRESETS["pemerataan"]


@pytest.mark.parametrize("text,token", [
    ("population=abc", "abc"),
    ("popu=0.3,idm=0.2", "popu"),
    ("population=0.3,idm", "idm"),
    ("population=0.3,population=0.2", "population"),
    ("population=-1", "population=-1"),
    ("population=0,idm=0", "all weights are zero"),
    ("unknownpreset", "unknownpreset"),
    ("population=inf", "population=inf"),
])
def test_parse_weights_errors_name_the_token(text, token):
    with pytest.raises(WeightsError) as exc:
        parse_weights(text)
    assert token in str(exc.value)


def test_weights_dict_and_format_round_trip():
    w = parse_weights("population=2,idm=2")
    assert parse_weights(format_weights(w)) == pytest.approx(w)
    r = compute_priority({"population": [1, 2]}, {"population": 5})
    assert r.weights_used["population"] == 1.0
    with pytest.raises(WeightsError, match="unknown criterion 'x'"):
        compute_priority({"population": [1, 2]}, {"x": 1})


def test_weight_errors_are_coded_and_said_in_indonesian():
    from kaltim_internet_plugin.errors import describe
    from kaltim_internet_plugin.i18n import install_translator, remove_translator

    errors = []
    for text in ("population=abc", "population=1,population=2", "population=0,idm=0", "kota=1"):
        with pytest.raises(WeightsError) as exc:
            parse_weights(text)
        errors.append(exc.value)
    assert [e.code for e in errors] == ["weights_not_number", "weights_twice", "weights_all_zero",
                                        "weights_unknown_criterion"]
    assert install_translator("id")
    try:
        texts = [describe(e) for e in errors]
    finally:
        remove_translator()
    assert texts[0] == "Bobot 'population' ('abc') bukan angka: tulis mis. 0.3.", texts[0]
    assert texts[1].startswith("Kriteria 'population' diberikan dua kali") and texts[2].startswith("Semua bobot nol")
    assert texts[3].startswith("Kriteria 'kota' tidak dikenal. Kriteria yang sah: population")


# --- score -----------------------------------------------------------------
def test_contributions_sum_to_score_and_range():
    r = compute_priority(FULL, "pemerataan", keys=KEYS)
    total = sum(r.contributions[f"c_{k}"] for k in CRITERIA)
    assert np.allclose(total, r.priority_score)
    assert np.all(r.priority_score >= 0) and np.all(r.priority_score <= 100)
    assert sorted(r.priority_rank.tolist()) == [1, 2, 3, 4, 5]
    assert set(r.fields()) == {"priority_score", "priority_rank"} | {f"c_{k}" for k in CRITERIA}
    assert sum(r.weights_used.values()) == pytest.approx(1.0)
    # the well-connected, developed town ranks last
    assert r.priority_rank[2] == 5


def test_missing_criteria_fields_give_warnings_and_renormalise():
    data = {"population": [100, 200, 300], "coverage_status": ["covered", "blank_spot", "partial"]}
    r = compute_priority(data, "population=0.3,blank_spot=0.3,idm=0.2,facilities=0.1,remoteness=0.1")
    skipped = [m for m in r.warnings if "no data" in m]
    assert len(skipped) == 3
    assert any(m.startswith("idm") for m in skipped)
    assert r.weights_used["population"] == pytest.approx(0.5)
    assert r.weights_used["idm"] == 0.0
    assert np.all(r.contributions["c_idm"] == 0)
    assert r.priority_score.max() <= 100 + 1e-9
    assert r.priority_rank.tolist() == [3, 1, 2]


def test_field_present_but_all_missing_is_skipped():
    r = compute_priority({"population": [None, float("nan"), ""], "idm": [0.5, 0.6, 0.7]}, "population=1,idm=1")
    assert any(m.startswith("population: no data") for m in r.warnings)
    assert r.weights_used["idm"] == 1.0


def test_no_data_at_all_never_crashes():
    r = compute_priority({}, "pemerataan")
    assert r.priority_score.size == 0 and r.warnings
    r2 = compute_priority({"population": [None, None]}, "population=1")
    assert r2.priority_score.tolist() == [0.0, 0.0] and r2.priority_rank.tolist() == [1, 2]


def test_single_missing_values_filled_with_median():
    r = compute_priority({"population": [0, 50, 100, None]}, "population=1")
    assert r.priority_score.tolist() == pytest.approx([0, 50, 100, 50])
    assert any("1 of 4 values missing" in m for m in r.warnings)


def test_constant_column_is_robust():
    r = compute_priority({"population": [7, 7, 7], "remoteness": [1, 2, 3]}, "population=1,remoteness=1")
    assert np.all(np.isfinite(r.priority_score))
    assert np.all(r.contributions["c_population"] == 0)
    assert any("same value" in m for m in r.warnings)


def test_directions():
    r = compute_priority({"coverage_status": ["covered", "partial", "blank_spot"]}, "blank_spot=1")
    assert r.priority_score.tolist() == [0.0, 50.0, 100.0]
    r = compute_priority({"remoteness": [10.0, 1000.0]}, "remoteness=1")
    assert r.priority_rank.tolist() == [2, 1]
    r = compute_priority({"facilities": [3, 0]}, "facilities=1")
    assert r.priority_rank.tolist() == [1, 2]
    r = compute_priority({"electricity": ["tidak", "ya"], "cadres": [0, 3]}, "readiness=1")
    assert r.priority_score.tolist() == [0.0, 100.0]


def test_unknown_coverage_values_warned():
    r = compute_priority({"coverage_status": ["covered", "??", "blank_spot"]}, "blank_spot=1")
    assert any("unknown coverage status" in m for m in r.warnings)
    assert math.isfinite(r.priority_score[1])


def test_ties_broken_by_key_then_order():
    data = {"population": [10, 10, 20, 10]}
    r = compute_priority(data, "population=1", keys=["64.02", "64.01", "64.09", "64.01"])
    assert r.priority_rank.tolist() == [4, 2, 1, 3]
    r2 = compute_priority(data, "population=1")
    assert r2.priority_rank.tolist() == [2, 3, 1, 4]
    assert rank_scores([1.0, 1.0 + 1e-12, 0.5]).tolist() == [1, 2, 3]


def test_length_mismatch_raises_value_error():
    with pytest.raises(ValueError, match="expected 3"):
        compute_priority({"population": [1, 2, 3], "remoteness": [1, 2]}, "population=1,remoteness=1")


def test_an_idm_score_outside_0_to_1_is_named_and_not_a_class():
    """Was: IDM -1 read as Sangat Tertinggal and 1.5 as Mandiri, without a word (found 2026-12-06)."""
    from kaltim_internet_plugin.core import numbers as nb
    from kaltim_internet_plugin.core import priority as pr

    assert pr.idm_class_index(1.5) is None and pr.idm_class_index("-1") is None
    assert pr.idm_class_index(0.5989) == 1 and pr.idm_class_index("Mandiri") == 4
    issues = []
    x = pr._numeric(["0,45", "-1", "1,5", "0,82"], nb.IDM_SCORE, "idm", issues, rows=[10, 20, 30, 40])
    assert list(x[[0, 3]]) == [0.45, 0.82] and all(map(math.isnan, x[[1, 2]]))
    assert sorted((i.code, i.row) for i in issues) == [("negative", 20), ("out_of_range", 30)]
