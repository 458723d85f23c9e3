"""core/numbers.py: one number parser for Indonesian data, and what the tools make of it (issue #16, item 3)."""
from __future__ import annotations

import math

import pytest

from kaltim_internet_plugin.core import numbers as nb


# --------------------------------------------------------------------------------------------- one value
@pytest.mark.parametrize("raw, expected", [
    ("1.500.000", 1_500_000.0),
    ("1.500.000,50", 1_500_000.5),
    ("2,5", 2.5),
    ("12,5%", 12.5),
    ("Rp 1.500.000", 1_500_000.0),
    ("Rp1.500.000,-", 1_500_000.0),
    ("1e9", 1e9),
    ("2,5e9", 2.5e9),
    ("1.5E+09", 1.5e9),
    ("1,500,000.50", 1_500_000.5),
    ("1 500 000", 1_500_000.0),
    ("2,5 miliar", 2.5e9),
    ("750 ribu", 750_000.0),
    ("(1.500)", -1500.0),
    ("\u221250", -50.0),
    ("0,234", 0.234),
    (" 42 ", 42.0),
    (35, 35.0),
    (2.5, 2.5),
])
def test_values_as_offices_write_them(raw, expected):
    assert nb.parse_number(raw) == pytest.approx(expected, rel=1e-12)


def test_percent_as_fraction():
    assert nb.parse_number("12,5%", nb.ColumnSpec(percent="fraction")) == pytest.approx(0.125)
    assert nb.parse_column(["12,5%", "99%"], "uptime", nb.SHARE).values == [12.5, 99.0]


@pytest.mark.parametrize("raw", [None, "", "  ", "-", "NULL", "n/a", "#N/A", float("nan")])
def test_missing_values_are_none_without_issue(raw):
    assert nb.parse_number(raw) is None
    res = nb.parse_column([raw, "5"], "f")
    assert res.values == [None, 5.0] and res.issues == []


@pytest.mark.parametrize("raw", ["#VALUE!", "#DIV/0!", "#REF!", "#NAME?"])
def test_a_spreadsheet_formula_error_is_named_not_taken_as_empty(raw):
    """A failed formula is not an empty cell (the default would replace it without a word): it is a number that
    cannot be read, named with its row."""
    res = nb.parse_column(["12", raw], "height_m", nb.HEIGHT, first_row=2)
    assert res.values == [12.0, None] and [(i.code, i.row, i.raw) for i in res.issues] == [("not_a_number", 3, raw)]


def test_qvariant_like_null_is_missing():
    class Null:
        def isNull(self):  # noqa: N802 - QVariant's name
            return True

    assert nb.parse_number(Null()) is None


def test_one_test_of_an_empty_value_for_every_reader():
    """core.numbers.is_missing / plain are the one definition of an empty attribute: the readers of sites, villages,
    offices, plan layers and report tables all take it (they had five of their own, which disagreed on NaN and
    numpy values)."""
    import numpy as np
    from qgis.core import NULL
    from qgis.PyQt.QtCore import QDate, QVariant

    from kaltim_internet_plugin.io import coverage_sites, sites_layer
    from kaltim_internet_plugin.report import tables

    for empty in (None, NULL, QVariant(), float("nan"), np.float32("nan"), np.float64("nan"), QDate()):
        assert nb.is_missing(empty), empty
        assert nb.plain(empty) is None
        assert tables._plain(empty) is None
        assert coverage_sites._plain(empty) is None
    for value in (0, 0.0, "", "0", False, "NULL"):  # text words are the parsers' business, not is_missing's
        assert not nb.is_missing(value), value
    assert nb.plain(np.int64(7)) == 7 and type(nb.plain(np.int64(7))) is int
    assert type(nb.plain(np.float32(2.5))) is float
    assert nb.plain(QVariant("6471")) == "6471"
    assert nb.plain("  x ") == "  x "
    assert coverage_sites._plain("  ") is None  # a blank radio field is empty there
    assert tables._plain(QDate(2026, 12, 6)) == "2026-12-06"
    assert sites_layer.plain is nb.plain


@pytest.mark.parametrize("raw, code", [("abc", "not_a_number"), ("1.50.000", "not_a_number"),
                                       ("12 orang", "not_a_number"), ("inf", "not_finite"),
                                       ("1,2.3,4", "not_a_number")])
def test_unreadable_values_raise_with_a_code(raw, code):
    with pytest.raises(nb.NumberError) as exc:
        nb.parse_number(raw)
    assert exc.value.code == code and exc.value.params["raw"] == raw
    assert math.isnan(nb.to_float(raw))


def test_a_lone_ambiguous_value_follows_the_quantity():
    assert nb.parse_number("1.234", nb.POPULATION) == 1234.0   # a count: dots between thousands
    assert nb.parse_number("1,234", nb.MONEY) == 1234.0
    assert nb.parse_number("1,234") == pytest.approx(1.234)    # Indonesian decimal comma
    assert nb.parse_number("1.234") == 1234.0                  # Indonesian thousands dot
    assert nb.parse_number("116.250", nb.LONGITUDE) == pytest.approx(116.25)  # only 116.25 is a longitude


# --------------------------------------------------------------------------------------------- columns
def test_ambiguous_values_decided_by_the_column_and_reported():
    res = nb.parse_column(["1.234", "12,5", "2.000"], "penduduk", nb.POPULATION, rows=[11, 12, 13])
    assert res.values[0] == 1234.0 and res.values[2] == 2000.0 and res.values[1] == 12.5
    amb = [i for i in res.issues if i.code == "ambiguous"]
    assert len(amb) == 1 and amb[0].row is None and amb[0].field == "penduduk"
    p = amb[0].params
    assert p["reading"] == "thousands" and p["count"] == 2 and p["rows"] == [11, 13]
    assert p["basis"] == "column" and p["evidence_row"] == 12 and p["evidence_raw"] == "12,5"


def test_english_column_reads_the_same_text_as_a_decimal():
    res = nb.parse_column(["1.234", "2.5", "0.75"], "idm", nb.SCORE)
    assert res.values == [pytest.approx(1.234), 2.5, 0.75] and res.decimal_mark == "."
    amb = next(i for i in res.issues if i.code == "ambiguous")
    assert amb.params["reading"] == "decimal" and amb.params["evidence_raw"] == "2.5"


def test_thousands_dots_decide_a_comma():
    res = nb.parse_column(["1.500.000", "1,234"], "biaya", nb.ANY)
    assert res.values == [1_500_000.0, pytest.approx(1.234)]


def test_mixed_conventions_are_reported_only_when_they_decide_a_value():
    assert not nb.parse_column(["99,5", "98.7"], "uptime", nb.SHARE).issues
    res = nb.parse_column(["2,5", "3,5", "2.5", "1.234"], "x")
    mixed = next(i for i in res.issues if i.code == "mixed_separators")
    assert mixed.params["used"] == "," and mixed.params["comma_rows"] == 2 and mixed.params["point_rows"] == 1
    assert res.values[3] == 1234.0


def test_population_text_column_flags_each_feature():
    res = nb.parse_column(["1.234", "12,5", "-50", "abc", "0"], "penduduk", nb.POPULATION, rows=[1, 2, 3, 4, 5])
    assert res.values == [1234.0, 12.5, None, None, 0.0]
    by_row = {i.row: i for i in res.issues if i.row is not None}
    assert by_row[2].code == "fraction" and by_row[2].severity == nb.WARNING
    assert by_row[3].code == "negative" and by_row[3].severity == nb.ERROR and by_row[3].raw == "-50"
    assert by_row[3].field == "penduduk" and by_row[3].value == -50.0
    assert by_row[4].code == "not_a_number" and by_row[4].raw == "abc"
    assert by_row[5].code == "zero" and by_row[5].severity == nb.WARNING  # kept, but checked
    assert res.issue_for(3) is by_row[3] and res.issue_for(1) is None


def test_zero_cost_is_not_a_free_tower():
    res = nb.parse_column(["2.600.000.000", "0", "Rp 1,5 miliar"], "cost_idr", nb.COST)
    assert res.values == [2.6e9, None, 1.5e9]
    zero = res.errors[0]
    assert zero.code == "zero" and zero.row == 2 and zero.raw == "0"


def test_out_of_range_is_dropped():
    res = nb.parse_column(["35", "400", "0"], "tinggi", nb.HEIGHT, rows=[2, 3, 4])
    assert res.values == [35.0, None, None]
    assert [(i.row, i.code) for i in res.errors] == [(3, "out_of_range"), (4, "zero")]
    assert res.errors[0].params == {"lo": 0.0, "hi": 300.0}


POPS = [1200, 800, 1500, 2300, 900, 3100, 1800, 1000, 2500, 640, 30000]


def test_outlier_far_beyond_the_robust_range_is_flagged_and_dropped():
    res = nb.parse_column([str(p) for p in POPS] + ["99.999.999.999"], "penduduk", nb.POPULATION)
    assert res.values[:-1] == [float(p) for p in POPS]  # 30,000 (a town) is not an outlier
    assert res.values[-1] is None
    (out,) = [i for i in res.issues if i.code == "outlier"]
    assert out.row == len(POPS) + 1 and out.value == 99_999_999_999.0
    assert out.params["low"] < 640 and 30000 < out.params["high"] < 1e8 and out.params["dropped"]


def test_outlier_only_warned_for_counts_and_too_few_values_are_not_judged():
    res = nb.parse_column([str(p) for p in POPS] + ["99999999999"], "kader", nb.COUNT)
    assert res.values[-1] == 99999999999.0 and res.warnings[0].code == "outlier"
    assert not nb.parse_column(["10", "20", "99999999999"], "p", nb.POPULATION).issues


def test_negative_allowed_where_the_quantity_can_be_negative():
    res = nb.parse_column(["-95,5", "-110", "3"], "office_dbm", nb.SIGNAL)
    assert res.values == [-95.5, -110.0, 3.0] and res.issues == []
    res = nb.parse_column(["60", "-5", "-95"], "eirp_dbm", nb.EIRP)  # the sites' check names -5 and -95
    assert res.values == [60.0, -5.0, -95.0] and res.issues == []


def test_parse_rows_reads_several_columns_of_numbered_rows():
    rows = [(4, {"a": "1.234", "b": "x"}), (6, {"a": "2,5", "b": "3"})]
    out = nb.parse_rows(rows, {"a": nb.ANY, "b": nb.ANY})
    assert out["a"].values == [1234.0, 2.5]
    assert out["b"].values == [None, 3.0] and out["b"].errors[0].row == 4


# --------------------------------------------------------------------------------------------- message text
def test_issue_text_names_the_row_field_value_and_fix():
    from kaltim_internet_plugin.input_text import issue_parts, issue_text

    res = nb.parse_column(["1.234", "12,5", "-50"], "penduduk", nb.POPULATION, rows=[7, 8, 9])
    neg = res.issue_for(9)
    text = issue_text(neg, "feature")
    assert "feature 9" in text and "penduduk" in text and "'-50'" in text and "Fix:" in text
    message, fix = issue_parts(neg, "feature")
    assert fix and fix not in message
    amb = next(i for i in res.issues if i.code == "ambiguous")
    text = issue_text(amb, "feature")
    assert "1234" in text and "'12,5'" in text and "(feature 8)" in text and "penduduk" in text


# --------------------------------------------------------------------------------------------- tools
def test_priority_population_outlier_no_longer_flattens_the_criterion():
    from kaltim_internet_plugin.core.priority import compute_priority

    pops = [str(p) for p in POPS] + ["99999999999", "-50", "1.234"]
    res = compute_priority({"population": pops}, "population=1")
    score = res.priority_score
    assert score[POPS.index(30000)] == pytest.approx(100.0)
    assert score[POPS.index(640)] == pytest.approx(0.0)
    assert score[-1] == pytest.approx(100.0 * (1234 - 640) / (30000 - 640))
    codes = {(i.row, i.code) for i in res.issues}
    assert (len(POPS), "outlier") in codes and (len(POPS) + 1, "negative") in codes


def test_village_validation_reports_population_text_per_feature():
    from kaltim_internet_plugin.core.villages import FieldMapping, VillageRecord, validate_records

    recs = [VillageRecord(fid=i + 1, code=f"64.01.01.20{i:02d}", name="D", population=p, kabkota="Paser")
            for i, p in enumerate(["1.234", "12,5", "-50", "abc"])]
    report = validate_records(recs, FieldMapping(scheme="kemendagri", code="kode", name="nama",
                                                 population="penduduk"))
    rules = {(f.rule, f.fid) for f in report.findings}
    assert ("population_negative", 3) in rules and ("population_not_a_number", 4) in rules
    assert ("population_fraction", 2) in rules and ("population_ambiguous", None) in rules
    from kaltim_internet_plugin.errors import finding_text

    message, fix = finding_text(next(f for f in report.findings if f.rule == "population_not_a_number"))
    assert "4" in message and "penduduk" in message and "'abc'" in message and fix


# --------------------------------------------------------------------------------------------- through Processing
def _capture():
    from tests.conftest import capture_feedback

    return capture_feedback()


def _run(alg, params):
    import processing

    fb = _capture()
    res = processing.run(f"kaltiminternet:{alg}", params, feedback=fb)
    return res, "\n".join(fb.lines)


def _layer(geom: str, crs: str, fields: list, rows: list):
    """A memory layer; ``fields``: (name, compat.FieldType type); ``rows``: (wkt, [values])."""
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer

    layer = QgsVectorLayer(f"{geom}?crs={crs}", "t", "memory")
    layer.dataProvider().addAttributes([QgsField(n, t) for n, t in fields])
    layer.updateFields()
    feats = []
    for wkt, values in rows:
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttributes(values)
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def _by(layer, key):
    return {f[key]: f for f in layer.getFeatures()}


def test_roadmap_reads_capex_written_as_offices_write_it(provider):
    from kaltim_internet_plugin.compat import FieldType

    S, N = FieldType.String, FieldType.Int
    fields = [("kode", S), ("nama", S), ("tech", S), ("capex_idr", S), ("opex_idr_year", S),
              ("priority_rank", N), ("population", S)]
    rows = [("POINT(117.15 -0.50)", ["64.72.01.1001", "A", "satellite", "15.000.000", "24.000.000", 1, "1.234"]),
            ("POINT(117.20 -0.45)", ["64.72.01.1002", "B", "bts", "2,5e9", "2,5e8", 2, "800"]),
            ("POINT(117.25 -0.40)", ["64.72.01.1003", "C", "fwa", "Rp 1.500.000", "3.600.000", 3, "2.000"]),
            ("POINT(117.30 -0.35)", ["64.72.01.1004", "D", "fwa", "-1.500.000", "3.600.000", 4, "300"])]
    plan = _layer("Point", "EPSG:4326", fields, rows)
    res, log = _run("roadmap", {"PLAN": plan, "START_YEAR": 2026, "YEARS": 5, "OUTPUT": "TEMPORARY_OUTPUT",
                               "OUTPUT_TABLE": "TEMPORARY_OUTPUT"})
    from kaltim_internet_plugin.report.tables import parse_money

    out = _by(res["OUTPUT"], "kode")
    expected = {"64.72.01.1001": 15_000_000, "64.72.01.1002": 2_500_000_000, "64.72.01.1003": 1_500_000}
    for code, capex in expected.items():
        f = out[code]
        assert f["fund_status"] == "scheduled", f["unfunded_reason"]
        assert sum(parse_money(f["funding_capex"]).values()) == pytest.approx(capex)
    assert "negative" in str(out["64.72.01.1004"]["unfunded_reason"])
    assert "feature 4, field capex_idr" in log and "'-1.500.000'" in log


def _square(c: int, r: int, size: float = 100.0, x0: float = 500000.0, y0: float = 9950100.0) -> str:
    x, y = x0 + c * size, y0 - r * size
    return f"POLYGON(({x + 5} {y - 95},{x + 95} {y - 95},{x + 95} {y - 5},{x + 5} {y - 5},{x + 5} {y - 95}))"


def _signal_raster(path) -> str:
    import numpy as np

    from tests.rasters import write_geotiff

    return write_geotiff(path, np.full((10, 10), -90.0, dtype=np.float32), (500000.0, 100.0, 0, 9950100.0, 0, -100.0))


POP_TEXT = ["1.234", "12,5", "-50", "2.000"]


def test_classifyvillages_text_population_names_feature_and_field(provider, tmp_path):
    from kaltim_internet_plugin.compat import FieldType

    villages = _layer("Polygon", "EPSG:32750", [("kode", FieldType.String), ("penduduk", FieldType.String)],
                      [(_square(i, 0), [f"64.01.01.200{i}", p]) for i, p in enumerate(POP_TEXT)])
    fids = [f.id() for f in villages.getFeatures()]
    res, log = _run("classifyvillages", {"VILLAGES": villages, "COVERAGE": _signal_raster(tmp_path / "c.tif"),
                                         "OUTPUT": "TEMPORARY_OUTPUT"})
    out = _by(res["OUTPUT"], "kode")
    assert out["64.01.01.2000"]["pop_covered"] == 1234      # not 1 person
    assert out["64.01.01.2003"]["pop_covered"] == 2000
    assert out["64.01.01.2002"]["pop_covered"] in (None, 0)   # -50 is not counted
    assert res["POP_COVERED"] == 1234 + 2000 + 12
    assert f"feature {fids[2]}, field penduduk: '-50' is negative" in log
    assert f"feature {fids[1]}, field penduduk: '12,5' is read as 12.5" in log
    assert "read as thousands" in log and "'12,5'" in log


def test_prioritize_text_population_names_feature_and_field(provider):
    from kaltim_internet_plugin.compat import FieldType

    pops = POP_TEXT + [str(p) for p in POPS] + ["99.999.999.999"]
    villages = _layer("Point", "EPSG:32750", [("kode", FieldType.String), ("penduduk", FieldType.String)],
                      [(f"POINT({500000 + 1000 * i} 9900000)", [f"64.01.01.2{i:03d}", p])
                       for i, p in enumerate(pops)])
    fids = [f.id() for f in villages.getFeatures()]
    res, log = _run("prioritize", {"VILLAGES": villages, "WEIGHTS": "population=1", "POPULATION_FIELD": "penduduk",
                                   "OUTPUT": "TEMPORARY_OUTPUT"})
    score = {f["penduduk"]: f["priority_score"] for f in res["OUTPUT"].getFeatures()}
    assert score["30000"] == pytest.approx(100.0)            # the outlier does not flatten the criterion
    assert score["1.234"] == pytest.approx(100.0 * (1234 - 12.5) / (30000 - 12.5))
    assert f"feature {fids[2]}, field penduduk: '-50' is negative" in log
    assert f"feature {fids[-1]}, field penduduk: 99999999999 is far beyond" in log


def test_issue_text_in_bahasa_indonesia():
    from kaltim_internet_plugin.i18n import install_translator, remove_translator
    from kaltim_internet_plugin.input_text import issue_text

    if install_translator("id") is None:
        pytest.skip("no compiled translation (run make translations)")
    try:
        res = nb.parse_column(["1.234", "2,5", "-50"], "penduduk", nb.POPULATION, rows=[1, 2, 3])
        text = issue_text(res.issue_for(3), "fitur")
        assert text.startswith("fitur 3, kolom penduduk: '-50' bernilai negatif") and "Perbaikan:" in text
        assert issue_text(res.issue_for(2), "fitur").count("2,5") == 2  # the decimal comma in Indonesian
    finally:
        remove_translator()


# --------------------------------------------------------------------------------------------- yes / no cells
@pytest.mark.parametrize("raw, expected", [
    (True, True), (False, False), (1, True), (0, False), (2.5, True), (0.0, False),
    ("ya", True), (" YA ", True), ("tidak", False), ("Tidak ", False),
    (None, None), ("", None), ("   ", None), ("mungkin", None),
])
def test_parse_yes_no(raw, expected):
    assert nb.parse_yes_no(raw, {"ya", "yes", "1"}, {"tidak", "no", "0"}) is expected


def test_parse_yes_no_uses_the_callers_words():
    assert nb.parse_yes_no("ada", ("ada",), ("tidak ada",)) is True
    assert nb.parse_yes_no("tidak ada", ("ada",), ("tidak ada",)) is False
    assert nb.parse_yes_no("ada", ("ya",), ("tidak",)) is None


def test_the_eirp_range_is_the_plausible_range_of_a_site():
    from kaltim_internet_plugin.core.sites import PLAUSIBLE

    assert (nb.EIRP.lo, nb.EIRP.hi) == PLAUSIBLE["eirp_dbm"]
    # read as written; the sites' check names both with that one range (core.sites.implausible_radio)
    assert nb.parse_column(["58", "-40", "95"], "eirp_dbm", nb.EIRP).values == [58.0, -40.0, 95.0]
    from kaltim_internet_plugin.core.sites import implausible_radio

    assert implausible_radio(eirp_dbm=-40.0) == [("eirp_dbm", -40.0)] and implausible_radio(eirp_dbm=95.0)
