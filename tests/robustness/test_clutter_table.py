"""The land-cover clutter table as offices write it, and a land cover that adds no clutter (robustness, hunt C).

* A decimal comma written unquoted in a ',' file (``10,Tree cover,20,0,03,ITU``) shifted the columns without a word
  (distance read as 0, or height 17 and distance 5): refused with the row and the fix. A column given twice is
  refused too (the last one won).
* A table saved as Windows cp1252 or UTF-16 ended in a traceback ('utf-8' codec can't decode): read as every table
  of the plugin (core.tabular), ';' files with decimal commas included.
* A land cover that gives no cell of the DEM a class of the table (no overlap, foreign classes, the DEM given as land
  cover) ran with an info line and CLUTTER_USED 'landcover:...': now a warning with the reason and the fix, and the
  run says (and computes) 'flat margin'.
"""
from __future__ import annotations

import numpy as np
import pytest
from osgeo import gdal

from kaltim_internet_plugin.core import clutter as cl
from tests.rasters import write_geotiff
from tests.robustness.conftest import fails

HEADER = "class,label,clutter_height_m,clutter_distance_km,source\n"
X0, Y0, CELL, N = 500000.0, 9950000.0, 90.0, 40


def _table(tmp_path, body, name="t.csv", encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(body.encode(encoding))
    return str(p)


# ------------------------------------------------------------------------------------------------ the table (core)
@pytest.mark.parametrize("row", ["10,Tree cover,20,0,03,ITU", "10,Tree cover,17,5,0.03,ITU"])
def test_unquoted_decimal_comma_is_refused_with_row_and_cells(tmp_path, row):
    path = _table(tmp_path, HEADER + row + "\n20,Shrub,4,0.1,x\n")
    with pytest.raises(cl.ClutterError) as exc:
        cl.read_table(path)
    assert exc.value.code == "clutter_row_cells"
    assert (exc.value.params["row"], exc.value.params["cells"], exc.value.params["columns"]) == (2, 6, 5)


def test_a_column_given_twice_is_refused(tmp_path):
    path = _table(tmp_path, "class,label,clutter_height_m,clutter_distance_km,source,clutter_height_m\n"
                            "10,Tree cover,20,0.03,x,5\n")
    with pytest.raises(cl.ClutterError) as exc:
        cl.read_table(path)
    assert exc.value.code == "clutter_table_duplicate_column"
    assert exc.value.params["column"] == "clutter_height_m"


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_windows_and_unicode_text_tables_are_read(tmp_path, encoding):
    path = _table(tmp_path, "# Tabel clutter \u2013 Kaltim\n" + HEADER + "10,Hutan \u2013 lebat,20,0.03,x\n"
                  "50,Permukiman,5,0.07,x\n", encoding=encoding)
    t = cl.read_table(path)
    assert sorted(t) == [10, 50] and t[10].label == "Hutan \u2013 lebat"
    assert (t[10].height_m, t[10].distance_km, t[50].distance_km) == (20.0, 0.03, 0.07)


def test_semicolon_table_with_decimal_commas_and_comments(tmp_path):
    path = _table(tmp_path, "# comment, with; separators\nclass;label;clutter_height_m;clutter_distance_km;source\n"
                            "10;Tree cover;20;0,03;x\n# a note between rows\n50;Built-up;5;0,07;x\n")
    t = cl.read_table(path)
    assert (t[10].height_m, t[10].distance_km, t[50].distance_km) == (20.0, 0.03, 0.07)
    bad = _table(tmp_path, "class;clutter_height_m;clutter_distance_km\n10;20;0,03\n\n50;x;0,07\n", name="b.csv")
    with pytest.raises(cl.ClutterError) as exc:
        cl.read_table(bad)
    assert exc.value.code == "clutter_row_not_number" and exc.value.params["row"] == 4


# ------------------------------------------------------------------------------------------------ coverage (QGIS)
@pytest.fixture(scope="module")
def cov_data(tmp_path_factory):
    from tests.qgis.test_coverage_alg import write_sites

    d = tmp_path_factory.mktemp("clutter_table")
    yy, xx = np.mgrid[0:N, 0:N]
    z = (200.0 + 0.5 * np.hypot(xx - 10, yy - 30)).astype(np.float32)  # heights no WorldCover class has
    dem = write_geotiff(d / "dem.tif", z, (X0, CELL, 0, Y0, 0, -CELL))
    lc = np.full((N, N), 10, dtype=np.uint8)
    lc[N // 2:] = 50
    inside = write_geotiff(d / "lc.tif", lc, (X0, CELL, 0, Y0, 0, -CELL), nodata=0, dtype=gdal.GDT_Byte)
    far = write_geotiff(d / "lc_far.tif", lc, (X0 + 500000, CELL, 0, Y0, 0, -CELL), nodata=0, dtype=gdal.GDT_Byte)
    odd = write_geotiff(d / "lc_odd.tif", np.full((N, N), 77, np.uint8), (X0, CELL, 0, Y0, 0, -CELL), nodata=0,
                        dtype=gdal.GDT_Byte)
    site = (X0 + 20.5 * CELL, Y0 - 20.5 * CELL)
    sites = write_sites(d / "sites.gpkg", [("S", *site, 40.0, "4G")])
    return {"dir": d, "dem": dem, "lc": inside, "far": far, "odd": odd, "sites": sites}


def _params(data, tmp_path, name, **kw):
    p = {"SITES": data["sites"], "DEM": data["dem"], "MODEL": 1, "RX_HEIGHT": 1.5, "MAX_RADIUS_M": 2000.0,
         "RESOLUTION": 2, "EXTRA_LOSS_DB": 15.0, "QUANTITY": 1, "OUTPUT": str(tmp_path / f"{name}.tif")}
    p.update(kw)
    return p


def _run(data, tmp_path, name, **kw):
    import processing

    from tests.conftest import capture_feedback

    fb = capture_feedback()
    res = processing.run("kaltiminternet:coverage", _params(data, tmp_path, name, **kw), feedback=fb)
    ds = gdal.Open(res["OUTPUT"])
    arr, meta = ds.GetRasterBand(1).ReadAsArray().astype(np.float64), ds.GetMetadata()
    ds = None
    return res, fb, arr, meta


def test_coverage_refuses_an_unquoted_decimal_comma_with_the_fix(provider, cov_data, tmp_path):
    table = _table(tmp_path, HEADER + "10,Tree cover,20,0,03,ITU\n50,Built-up,5,0.07,x\n")
    text = fails("coverage", _params(cov_data, tmp_path, "comma", LAND_COVER=cov_data["lc"], CLUTTER_TABLE=table))
    assert "row 2 has 6 cells" in text and "header has 5" in text and "0.03" in text and "';'" in text


def test_coverage_reads_a_cp1252_table(provider, cov_data, tmp_path):
    table = _table(tmp_path, HEADER + "10,Hutan \u2013 lebat,20,0.03,x\n50,Permukiman,5,0.07,x\n", encoding="cp1252")
    res, fb, _, meta = _run(cov_data, tmp_path, "cp1252", LAND_COVER=cov_data["lc"], CLUTTER_TABLE=table)
    assert res["CLUTTER_USED"].startswith("landcover:lc.tif") and not fb.warnings


@pytest.mark.parametrize("which, reason", [("far", "does not overlap the DEM"), ("odd", "77")])
def test_a_land_cover_that_adds_no_clutter_warns_and_runs_the_flat_margin(provider, cov_data, tmp_path, which,
                                                                           reason):
    _, _, flat, _ = _run(cov_data, tmp_path, "flat")
    res, fb, arr, meta = _run(cov_data, tmp_path, which, LAND_COVER=cov_data[which])
    warning = "\n".join(fb.warnings)
    assert "adds no clutter" in warning and reason in warning and "flat margin of 15 dB" in warning
    assert res["CLUTTER_USED"] == "flat margin" and meta["KALTIM_COV_CLUTTER"] == "flat margin"
    np.testing.assert_allclose(arr, flat, atol=1e-4)  # the margin is applied once, as without land cover


def test_a_dem_given_as_land_cover_is_refused(provider, cov_data, tmp_path):
    """Its heights would be read as classes wherever one matches a class of the table (10, 20, 50 m …)."""
    text = fails("coverage", _params(cov_data, tmp_path, "demlc", LAND_COVER=cov_data["dem"]))
    assert "does not hold land-cover classes (decimal values such as" in text and "is it a DEM?" in text, text
    whole = tmp_path / "dem_int.tif"  # a DEM of whole numbers (Int16, as SRTM): too many different values
    ds = gdal.Open(cov_data["dem"])
    z = np.round(ds.GetRasterBand(1).ReadAsArray() * 100).astype(np.int16)  # (centimetres: many heights)
    write_geotiff(whole, z, ds.GetGeoTransform(), dtype=gdal.GDT_Int16)
    ds = None
    text = fails("coverage", _params(cov_data, tmp_path, "demlc2", LAND_COVER=str(whole)))
    assert "different values" in text, text


def test_empty_cells_after_the_last_column_are_no_error(tmp_path):
    path = _table(tmp_path, HEADER + "10,Tree cover,20,0.03,x,,\n20,Shrub,4,0,1,x,\n")
    with pytest.raises(cl.ClutterError) as exc:  # row 3: '0,1' unquoted, then a trailing ','
        cl.read_table(path)
    assert exc.value.code == "clutter_row_cells" and (exc.value.params["row"], exc.value.params["cells"]) == (3, 6)
    ok = _table(tmp_path, HEADER + "10,Tree cover,20,0.03,x,,\n", name="ok.csv")
    assert cl.read_table(ok)[10].distance_km == 0.03
