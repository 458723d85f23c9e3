"""core.clutter: the ITU-R P.452-17 §4.5 clutter loss against hand-computed values, the class table and its coded
row errors, and the per-cell loss of a land-cover grid (nearest resampling, flat margin where it has no class)."""
from __future__ import annotations

import math

import numpy as np
import pytest
from osgeo import gdal

from kaltim_internet_plugin.core import clutter as cl
from kaltim_internet_plugin.core.coverage_settings import CoverageSettings
from tests.rasters import write_geotiff

# Hand computation (P.452-17 eq. 57), tropical rain forest ha = 20 m, dk = 0.03 km, f = 0.9 GHz:
#   Ffc = 0.25 + 0.375 (1 + tanh(7.5 x 0.4)) = 0.25 + 0.375 x 1.99505 = 0.998144
#   h = 1.5 m: tanh(6 (0.075 - 0.625)) = tanh(-3.3) = -0.997283; 10.25 x 0.998144 x 0.970446 x 1.997283 - 0.33
#            = 19.8304 - 0.33 = 19.50 dB
#   h = 15 m:  tanh(6 (0.75 - 0.625)) = tanh(0.75) = 0.635149; 10.25 x 0.998144 x 0.970446 x 0.364851 - 0.33 = 3.29
# village centre ha = 5 m, dk = 0.07 km, h = 1.5 m: tanh(-1.95) = -0.960348; 10.25 x 0.998144 x 0.932394 x 1.960348
#            - 0.33 = 18.37 dB; h = 5 m: 10.25 x 0.998144 x 0.932394 x (1 - tanh 2.25 = 0.022201) - 0.33 = -0.12 -> 0
# Ffc at 0.45 GHz: 0.25 + 0.375 (1 + tanh(-0.375)) = 0.25 + 0.375 x 0.641643 = 0.490616
HAND = [
    (1.5, 20.0, 0.03, 900.0, 19.50),
    (15.0, 20.0, 0.03, 900.0, 3.29),
    (1.5, 5.0, 0.07, 900.0, 18.37),
    (5.0, 5.0, 0.07, 900.0, 0.0),
    (30.0, 20.0, 0.03, 900.0, 0.0),
    (1.5, 0.0, 0.0, 900.0, 0.0),
]


@pytest.mark.parametrize("h, ha, dk, f, expected", HAND)
def test_clutter_loss_matches_hand_computed_p452(h, ha, dk, f, expected):
    assert cl.clutter_loss_db(h, ha, dk, f) == pytest.approx(expected, abs=0.01)


def test_frequency_factor():
    assert float(cl.frequency_factor(900.0)) == pytest.approx(0.998144, abs=1e-5)
    assert float(cl.frequency_factor(450.0)) == pytest.approx(0.490616, abs=1e-5)
    assert float(cl.frequency_factor(2100.0)) == pytest.approx(1.0, abs=1e-6)


def test_loss_falls_with_receiver_height_and_broadcasts():
    h = np.array([0.5, 1.5, 5.0, 10.0, 15.0, 20.0, 40.0])
    loss = cl.clutter_loss_db(h, 20.0, 0.03, 1800.0)
    assert loss.shape == h.shape and np.all(np.diff(loss) <= 0) and loss[-1] == 0.0 and loss[0] > 19.0


def test_shipped_table_cites_p452_and_has_worldcover_classes():
    t = cl.read_table(cl.default_table_path())
    assert sorted(t) == [10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100]
    assert t[80].height_m == 0.0 and t[10].height_m == 20.0 and t[10].distance_km == 0.03
    assert all("P.452-17" in c.source for c in t.values() if c.height_m > 0)


@pytest.mark.parametrize("body, code, row", [
    ("class,clutter_height_m,clutter_distance_km\n10,20,0.03\n20,x,0.1\n", "clutter_row_not_number", 3),
    ("# c\nclass,clutter_height_m,clutter_distance_km\n10,20,0.03\n20,4,-1\n", "clutter_row_out_of_range", 4),
    ("class,clutter_height_m,clutter_distance_km\n10.5,20,0.03\n", "clutter_row_not_integer", 2),
    ("class,clutter_height_m,clutter_distance_km\n10,20,0.03\n10,4,0.1\n", "clutter_row_duplicate", 3),
])
def test_bad_rows_are_named_by_line(tmp_path, body, code, row):
    p = tmp_path / "t.csv"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(cl.ClutterError) as exc:
        cl.read_table(str(p))
    assert exc.value.code == code and exc.value.params["row"] == row


def test_missing_columns_and_file(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("class,height\n10,20\n", encoding="utf-8")
    with pytest.raises(cl.ClutterError) as exc:
        cl.read_table(str(p))
    assert exc.value.code == "clutter_table_columns" and "clutter_distance_km" in exc.value.params["missing"]
    with pytest.raises(cl.ClutterError) as exc:
        cl.read_table(str(tmp_path / "none.csv"))
    assert exc.value.code == "clutter_table_missing"


def test_columns_are_matched_in_any_letters(tmp_path):
    """A table saved with upper-case headers was refused as lacking the columns it has (the cost and funding
    tables read theirs in any letters, found 2026-12)."""
    p = tmp_path / "t.csv"
    p.write_text("CLASS,Label,Clutter_Height_M, Clutter_Distance_KM\n10,Tree cover,20,0.03\n80,Water,0,0\n",
                 encoding="utf-8")
    table = cl.read_table(str(p))
    assert sorted(table) == [10, 80] and table[10] == cl.ClutterClass(10, "Tree cover", 20.0, 0.03)


@pytest.mark.parametrize("nodata", [float("nan"), -3.4028235e38])
def test_float_land_cover_nodata_is_nodata(tmp_path, nodata):
    """A Float32 land cover whose nodata is NaN or -3.4e38: its nodata cells were counted as "a class missing from
    the table" (-2147483648 after the Int32 warp)."""
    dem = gdal.Open(write_geotiff(tmp_path / "dem.tif", np.zeros((4, 4), np.float32),
                                  (500000, 100, 0, 9950000, 0, -100), nodata=None))
    lc = np.array([[10, 10, nodata, nodata]] * 4, dtype=np.float32)
    write_geotiff(tmp_path / "lc.tif", lc, (500000, 100, 0, 9950000, 0, -100), nodata=nodata)
    grid = cl.ClutterGrid(str(tmp_path / "lc.tif"), cl.default_table_path(), dem, 1.5, 15.0)
    assert grid.count_unclassified() == {"nodata": 8, "unknown": 0, "cells": 16}
    assert grid.unknown_classes() == []
    loss = grid.loss_window(0, 0, 4, 4, 900.0)
    assert loss[0].tolist() == pytest.approx([cl.clutter_loss_db(1.5, 20.0, 0.03, 900.0)] * 2 + [15.0] * 2,
                                             abs=1e-4)


def test_grid_resamples_nearest_and_falls_back_to_the_margin(tmp_path):
    dem = gdal.Open(write_geotiff(tmp_path / "dem.tif", np.zeros((4, 4), np.float32),
                                  (500000, 100, 0, 9950000, 0, -100), nodata=None))
    # 50 m land cover, offset by half a DEM cell to the west: each DEM cell centre falls in a known 50 m cell
    lc = np.array([[10, 10, 80, 80, 50, 50, 77, 77, 0, 0]] * 8, dtype=np.uint8)
    write_geotiff(tmp_path / "lc.tif", lc, (499950, 50, 0, 9950000, 0, -50), nodata=0, dtype=gdal.GDT_Byte)
    grid = cl.ClutterGrid(str(tmp_path / "lc.tif"), cl.default_table_path(), dem, 1.5, 15.0)
    cls = grid.classes(0, 0, 4, 4)
    # DEM cell centres x = 50, 150, 250, 350 m from the DEM origin -> land-cover columns 2, 4, 6, 8
    assert cls[0].tolist() == [80, 50, 77, 0]
    loss = grid.loss_window(0, 0, 4, 4, 900.0)
    assert loss[0].tolist() == pytest.approx([0.0, cl.clutter_loss_db(1.5, 5.0, 0.07, 900.0), 15.0, 15.0], abs=1e-4)
    assert grid.count_unclassified() == {"nodata": 4, "unknown": 4, "cells": 16}
    # a province at 30 m takes seconds: a cancel is heard between blocks
    polls = []
    assert grid.count_unclassified(block=2, is_canceled=lambda: polls.append(1) or len(polls) > 2) is None
    assert len(polls) == 3
    assert grid.count_unclassified(block=2, is_canceled=lambda: False) == {"nodata": 4, "unknown": 4, "cells": 16}


def test_settings_record_the_land_cover_and_leave_the_margin_out_of_the_eirp(tmp_path):
    flat = CoverageSettings(clutter_margin_db=15.0)
    lc = CoverageSettings(clutter_margin_db=15.0, land_cover_path="/data/wc.tif", clutter_table_path="t.csv",
                          clutter_table_sha="abc123")
    assert flat.clutter_use == "flat margin" and lc.clutter_use == "landcover:wc.tif table:abc123"
    assert flat.eirp_offset_db - lc.eirp_offset_db == pytest.approx(15.0)
    back = CoverageSettings.from_metadata(lc.to_metadata())
    assert back.uses_land_cover and (back.land_cover_path, back.clutter_table_path, back.clutter_table_sha) == (
        lc.land_cover_path, lc.clutter_table_path, lc.clutter_table_sha)
    assert cl.clutter_for(flat, None) is None
    assert math.isfinite(lc.eirp_offset_db)
