"""Bad inputs and outputs of the Processing tools, tried as a user would (session 38): a village layer in the wrong
CRS whose first feature has no geometry, a file output given as 'x.gpkg|layername=foo', one wording for an output
that names an input or cannot be written, and Indonesian spreadsheets of sites and villages."""
from __future__ import annotations

import os

from tests.robustness.conftest import SUBSET, digest, fails, mahakam_ulu_villages


# ---- item 1: the CRS check and a first feature without geometry (not real: the check reads the layer's extent) ----
def test_a_wrong_crs_is_named_when_the_first_village_has_no_geometry(provider, tmp_path):
    from tests.conftest import run_alg

    # the Mahakam Ulu villages (longitude/latitude) declared as UTM 50S metres; the first one without geometry
    path = mahakam_ulu_villages(tmp_path / "wrong_crs.gpkg", lambda i, g: None if i == 0 else g, epsg=32750)
    before = digest(path)
    res, log = run_alg("kaltiminternet:checkvillages", {"INPUT": path})
    assert res["VALID"] is False
    assert "The layer lies outside Kalimantan Timur" in log and "EPSG:32750" in log
    assert "Feature 1 (64.11" in log and "empty or missing geometry" in log
    assert digest(path) == before


# ---- item 2: a file output given as 'path|layername=x' --------------------------------------------------------------
def _no_literal_files(folder) -> list:
    return [name for name in os.listdir(folder) if "|" in name or "layername" in name]


def test_a_report_file_given_with_a_table_name_is_refused(provider, gpkg, tmp_path):
    """(was: a file called 'r.html|layername=foo' was written)"""
    out = tmp_path / "r.html"
    text = fails("checkvillages", {"INPUT": f"{gpkg}{SUBSET}", "OUTPUT_REPORT": f"{out}|layername=foo"})
    assert f"OUTPUT_REPORT = {out}|layername=foo" in text and "names a table (foo)" in text
    assert f"Give the file name only, e.g. {out}" in text
    assert _no_literal_files(tmp_path) == [] and not out.exists()


def test_a_plan_geopackage_given_with_a_table_name_says_where_the_name_goes(provider, tmp_path):
    """(was: "x.gpkg|layername=foo is not a GeoPackage: use a file name ending in .gpkg")"""
    out = tmp_path / "x.gpkg"
    text = fails("createplannedsites", {"PLAN_GPKG": f"{out}|layername=foo"})
    assert "names a table (foo)" in text and "LAYER_NAME" in text and "not a GeoPackage" not in text
    assert _no_literal_files(tmp_path) == [] and not out.exists()


def test_a_postgis_copy_given_with_a_table_name_is_refused_before_connecting(provider, tmp_path):
    """(was: the export would write a file called 'y.gpkg|layername=foo.gpkg'; the guard checked y.gpkg)"""
    out = tmp_path / "y.gpkg"
    text = fails("exportplanfrompostgis", {"CONNECTION": "no_such_connection",
                                           "OUTPUT_GPKG": f"ogr:dbname='{out}' table=\"foo\" (geom)"})
    assert "OUTPUT_GPKG = " in text and "names a table (foo)" in text and "no_such_connection" not in text
    assert _no_literal_files(tmp_path) == []


# ---- item 3: one rule and one wording for an output that names an input, or cannot be written ----------------------
def test_a_folder_output_that_would_overwrite_an_input_says_it_as_a_file_output_does(provider, gpkg, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    training = folder / "roadmap_pelatihan.csv"
    training.write_text("tahun,peserta\n2027,10\n", encoding="utf-8")
    before = digest(training)
    text = fails("exportplan", {"VILLAGES": f"{gpkg}{SUBSET}", "TRAINING_TABLE": str(training),
                                "OUTPUT_FOLDER": str(folder)})
    assert f"OUTPUT_FOLDER = {folder} would overwrite the input TRAINING_TABLE ({training})" in text
    assert "Choose another output folder; inputs are never changed." in text
    file_text = fails("repairvillages", {"INPUT": f"{gpkg}|layername=villages", "OUTPUT": f"{gpkg}|layername=villages"})
    assert f"OUTPUT = {gpkg}|layername=villages would overwrite the input INPUT ({gpkg}|layername=villages)" \
        in file_text and "inputs are never changed." in file_text
    assert digest(training) == before


def test_a_read_only_output_file_is_said_as_every_output_that_cannot_be_written(provider, gpkg, tmp_path,
                                                                                  monkeypatch):
    """Root may write any file, so the read-only file is the one os.access says cannot be written."""
    from kaltim_internet_plugin.processing import output_guard

    report = tmp_path / "report.html"
    report.write_text("<p>the user's old report</p>", encoding="utf-8")
    real_access = os.access
    monkeypatch.setattr(output_guard.os, "access", lambda p, mode, *a, **k: False if (
        str(p) == str(report) and mode == os.W_OK) else real_access(p, mode, *a, **k))
    text = fails("checkvillages", {"INPUT": f"{gpkg}{SUBSET}", "OUTPUT_REPORT": str(report)})
    assert text.strip().endswith(f"OUTPUT_REPORT = {report} cannot be written: the file is read-only. Choose a "
                                 "folder you may write to.")
    assert report.read_text(encoding="utf-8") == "<p>the user's old report</p>"


# ---- Indonesian spreadsheets of sites -------------------------------------------------------------------------------
def _csv(path, text: str, bom: bool = True) -> str:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return str(path)


def test_an_impossible_frequency_gives_the_one_range_of_a_frequency(provider, tmp_path):
    """1e9 MHz was refused as "outside the plausible range 0 to 100000", 50000 MHz as "between 30 and 6000 MHz":
    two ranges for one field."""
    from tests.conftest import run_alg

    path = _csv(tmp_path / "menara.csv", "site_id;tech;lat;lon;height_m;freq_mhz;eirp_dbm\n\n"
                                         "S1;4G;-0,5021;117,1536;42,5;1.800;-\n"
                                         "S2;4G;-0,50;117,15;35;1.000.000.000;46\n"
                                         "S3;4G;-0,51;117,15;35;50000;46\n")
    before = digest(path)
    res, log = run_alg("kaltiminternet:importsites", {"INPUT": path, "OUTPUT": str(tmp_path / "sites.gpkg")})
    assert res["SITES_IMPORTED"] == 1 and res["ROWS_REJECTED"] == 2
    assert "100000" not in log
    assert log.count("write a frequency between 30 and 6000 MHz") == 2, log
    assert digest(path) == before


def test_when_every_row_is_rejected_the_reasons_are_counted_by_problem(provider, tmp_path):
    """(was: "All 4 rows were rejected (row 2, field freq_mhz: the value is zero, ... leave the cell empty.: 1; row 3,
    field freq_mhz: the value is zero, ...: 1; ...)": each row its own "reason", counted once)"""
    path = _csv(tmp_path / "menara.csv", "site_id,tech,lat,lon,height_m,freq_mhz,eirp_dbm\n"
                                         "A,4G,-0.5,117.15,30,0,43\nB,4G,-0.5,117.15,30,0,43\n"
                                         "C,4G,-0.5,117.15,30,900,1e9\nD,4G,-0.5,117.15,30,900,500\n", bom=False)
    text = fails("importsites", {"INPUT": path, "OUTPUT": str(tmp_path / "sites.gpkg")})
    assert "All 4 rows were rejected" in text and ".: 1" not in text
    assert "2 row(s), e.g. row 2, field freq_mhz: the value is zero" in text
    assert "2 row(s), e.g. EIRP 1e+09 dBm is not plausible" in text
    assert not (tmp_path / "sites.gpkg").exists()
