"""Bad input is said once, completely (session 38): a row of a table with several bad values names every one of them
in one run (the rejects file and the log), so the user does not fix them one rerun at a time; and the output guard
says each of its rules in one wording."""
from __future__ import annotations

import csv

from tests.robustness.conftest import digest, fails


def _csv(path, text: str, bom: bool = True) -> str:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return str(path)


# ---- item 1: import towers / sites ----
def test_a_site_row_with_three_bad_values_names_all_three_in_one_run(provider, tmp_path):
    """(was: only 'row 3, field height_m: '-10' is negative', the zero frequency and the EIRP of 1e9 dBm came one
    rerun at a time)"""
    from tests.conftest import run_alg

    path = _csv(tmp_path / "menara.csv", "site_id;tech;lat;lon;height_m;freq_mhz;eirp_dbm\n"
                                         "S1;4G;-0,5021;117,1536;12,5;1.800;58\n"
                                         "S2;4G;-0,50;117,15;-10;0;1e9\n")
    before = digest(path)
    rejects = tmp_path / "ditolak.csv"
    res, log = run_alg("kaltiminternet:importsites", {"INPUT": path, "OUTPUT": str(tmp_path / "sites.gpkg"),
                                                      "OUTPUT_REJECTS": str(rejects)})
    assert res["SITES_IMPORTED"] == 1 and res["ROWS_REJECTED"] == 1
    assert "row 3, field height_m: '-10' is negative" in log, log
    assert "row 3, field freq_mhz: the value is zero" in log, log
    assert "EIRP 1e+09 dBm is not plausible: write an EIRP between 0 and 90 dBm" in log, log
    with open(rejects, encoding="utf-8") as fh:
        lines = list(csv.DictReader(fh))
    assert [r["row"] for r in lines] == ["3"]
    reason = lines[0]["reason"]
    assert "field height_m" in reason and "field freq_mhz" in reason and "EIRP 1e+09 dBm" in reason, reason
    assert lines[0]["height_m"] == "-10" and lines[0]["eirp_dbm"] == "1e9"
    assert digest(path) == before


def test_a_row_with_three_problems_counts_once_in_each_of_them(provider, tmp_path):
    path = _csv(tmp_path / "menara.csv", "site_id;tech;lat;lon;height_m;freq_mhz;eirp_dbm\n"
                                         "A;4G;-0,5;117,15;-10;0;1e9\n"
                                         "B;4G;-0,5;117,15;30;0;43\n"
                                         "C;6G;-0,5;117,15;30;900;43\n")
    text = fails("importsites", {"INPUT": path, "OUTPUT": str(tmp_path / "sites.gpkg")})
    assert "All 3 rows were rejected" in text, text
    assert "2 row(s), e.g. row 2, field freq_mhz: the value is zero" in text, text
    assert "1 row(s), e.g. row 2, field height_m: '-10' is negative" in text, text
    assert "1 row(s), e.g. EIRP 1e+09 dBm is not plausible" in text, text
    assert "1 row(s), e.g. unknown technology '6G'" in text, text


def test_an_opencellid_row_with_two_bad_values_names_both(provider, tmp_path):
    from tests.conftest import run_alg

    head = "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal\n"
    path = _csv(tmp_path / "cells.csv", head + "LTE,510,10,1,101,,117.15,-0.5,1000,5,1,0,0,0\n"
                                              "WIMAX,510,10,1,102,,117.15,-0.5,1000,abc,1,0,0,0\n", bom=False)
    res, log = run_alg("kaltiminternet:importsites", {"INPUT": path, "OUTPUT": str(tmp_path / "sites.gpkg")})
    assert res["ROWS_REJECTED"] == 1
    assert "unknown radio 'WIMAX'" in log and "'abc' is not a number" in log, log


# ---- item 2: the output guard, one rule and one wording each ----
def _copy_sample(path):
    import shutil

    from tests.conftest import SAMPLE

    path.parent.mkdir(exist_ok=True)
    shutil.copy(SAMPLE / "kaltim_sample.gpkg", path)
    return path


def _rule(text: str) -> str:
    """The sentence after the fixes: the rule the refusal applies."""
    return text.split("; ")[-1]


def test_a_table_of_an_inputs_geopackage_and_of_another_geopackage_is_refused_by_one_rule(provider, tmp_path):
    """(was: "... a table of an input's GeoPackage is replaced only when this tool wrote it." beside "... an existing
    table is replaced only when this tool wrote it. Nothing was changed.": one rule, two texts)"""
    data, mine = _copy_sample(tmp_path / "data" / "villages.gpkg"), _copy_sample(tmp_path / "mine" / "my1.gpkg")
    before = digest(data), digest(mine)
    of_input = fails("importsites", {"INPUT": f"{data}|layername=towers", "OUTPUT": f"{data}|layername=villages"})
    of_other = fails("importsites", {"INPUT": f"{data}|layername=towers", "OUTPUT": f"{mine}|layername=villages"})
    assert "the GeoPackage of the input INPUT" in of_input and "the input" not in of_other
    for text, path in ((of_input, data), (of_other, mine)):
        assert "would replace the table 'villages' of " in text and "did not write that table" in text
        assert f"Choose a new table name, e.g. {path}|layername=importsites, or another file" in text, text
        assert "Nothing was changed" in text
    assert _rule(of_input) == _rule(of_other), (of_input, of_other)
    assert (digest(data), digest(mine)) == before


def test_an_output_replacing_a_whole_geopackage_is_refused_in_one_wording(provider, tmp_path):
    """(was: "This tool replaces the whole file" for exportplanfrompostgis' OUTPUT_GPKG, "This output replaces the
    whole file" for a layer output given the plain file name)"""
    from tests.conftest import SAMPLE

    mine = _copy_sample(tmp_path / "mine" / "my1.gpkg")
    before = digest(mine)
    sink = fails("importsites", {"INPUT": f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=towers", "OUTPUT": str(mine)})
    whole = fails("exportplanfrompostgis", {"CONNECTION": "no-such-connection", "SCHEMA": "kaltim_plan",
                                            "OUTPUT_GPKG": str(mine)})
    free = mine.parent / "my1_2.gpkg"
    for text in (sink, whole):
        assert "This output replaces the whole file, so those tables would be lost" in text, text
        assert "This tool replaces" not in text
        assert f"Choose another file name, e.g. {free}" in text, text
        assert "Nothing was changed" in text
    assert f"{mine}|layername=importsites" in sink and "layername=" not in whole
    assert _rule(sink) == _rule(whole), (sink, whole)
    assert digest(mine) == before


# ---- item 1: the cost table ----
def _indonesian_cost_csv(path, bad: dict) -> str:
    """The default cost table as an Indonesian spreadsheet saves it (semicolons, '1.500.000'), ``bad`` = {key:
    {field: value}} written over it."""
    from kaltim_internet_plugin.core.costs import _FIELDS, default_items

    lines = [";".join(_FIELDS)]
    for item in default_items():
        row = {f: getattr(item, f) for f in _FIELDS}
        for f in ("capex_idr", "opex_idr_year"):
            row[f] = f"{int(row[f]):,}".replace(",", ".")
        row.update(bad.get(item.key, {}))
        lines.append(";".join(str(row[f]).replace(";", ",") for f in _FIELDS))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_a_cost_row_with_three_bad_values_names_all_three(provider, tmp_path):
    """(was: only "capex_idr 'dua miliar' is not an amount of rupiah"; the negative OPEX and the unit came later)"""
    from kaltim_internet_plugin.core.costs import default_items

    key = default_items()[0].key
    path = _indonesian_cost_csv(tmp_path / "biaya.csv", {key: {"capex_idr": "dua miliar", "opex_idr_year": "-5.000",
                                                               "unit": "meter"}})
    before = digest(path)
    offices = f"{_sample()}|layername=offices|subset=\"kode_kab\" = '64.74'"
    text = fails("candidates", {"VILLAGES": offices, "COST_TABLE": path, "INCLUDE_HILLTOPS": False,
                                "INCLUDE_COLO": False, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert f"item '{key}': capex_idr 'dua miliar' is not an amount of rupiah" in text, text
    assert f"item '{key}': opex_idr_year '-5.000' must be 0 or more" in text, text
    assert f"item '{key}': unit 'meter' is not one of site, km, link" in text, text
    assert digest(path) == before


def _sample():
    from tests.conftest import SAMPLE

    return SAMPLE / "kaltim_sample.gpkg"


# ---- item 1: the funding table ----
def test_a_funding_row_with_several_bad_values_names_all_of_them(provider, tmp_path):
    """(was: only "column yearly_cap_idr: not a number ('banyak')"; the 'mungkin' and the negative cap per village
    came one run at a time, and the second row's problem after them)"""
    from tests.qgis.test_roadmap_alg import build_plan

    path = tmp_path / "dana.csv"
    path.write_text("name;label;kinds;techs;yearly_cap_idr;per_village_cap_idr;only_3t;order\n"
                    "apbd;APBD Kaltim;capex;all;banyak;-5.000.000;mungkin;1\n"
                    "dd;Dana Desa;opex;all;12,5e9;;ya;dua\n", encoding="utf-8")
    before = digest(path)
    text = fails("roadmap", {"PLAN": build_plan(tmp_path / "plan.gpkg", n=5), "FUNDING": str(path),
                             "OUTPUT": str(tmp_path / "road.gpkg"), "OUTPUT_TABLE": str(tmp_path / "table.gpkg")})
    for where in ("CSV row 2, column yearly_cap_idr", "CSV row 2, column per_village_cap_idr",
                  "CSV row 2, column only_3t", "CSV row 3, column order"):
        assert where in text, (where, text)
    assert digest(path) == before
