"""Unit tests for core/classify.py (plain python + GDAL, no QGIS) on constructed rasters with known shares."""
import json
import os
import sys

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from osgeo import gdal, ogr  # noqa: E402

from kaltim_internet_plugin.core import classify as cl  # noqa: E402
from tests.rasters import write_geotiff  # noqa: E402

X0, Y0, CELL = 500000.0, 9950100.0, 10.0  # 10 x 10 cells of 10 m, EPSG:32750


def make_raster(path, arr, nodata=-9999.0, dtype=gdal.GDT_Float32, metadata=None, epsg=32750):
    return write_geotiff(path, arr, (X0, CELL, 0, Y0, 0, -CELL), epsg, nodata, dtype, metadata)


def half_raster(tmp_path, name="cov.tif"):
    arr = np.full((10, 10), -120.0, dtype=np.float32)
    arr[:, :5] = -90.0
    return make_raster(tmp_path / name, arr)


def box(c0, r0, c1, r1):
    """Polygon WKB covering cells [c0, c1) x [r0, r1) exactly (cell edges)."""
    x0, x1 = X0 + c0 * CELL, X0 + c1 * CELL
    y0, y1 = Y0 - r1 * CELL, Y0 - r0 * CELL
    return ogr.CreateGeometryFromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))").ExportToWkb()


def point(col, row):
    """Point WKB at the centre of cell (col, row)."""
    return ogr.CreateGeometryFromWkt(f"POINT({X0 + (col + 0.5) * CELL} {Y0 - (row + 0.5) * CELL})").ExportToWkb()


def centre(col, row):
    return X0 + (col + 0.5) * CELL, Y0 - (row + 0.5) * CELL


def by_id(results):
    return {r.id: r for r in results}


def test_left_half_covered_straddling_partial_right_blank(tmp_path):
    path = half_raster(tmp_path)
    villages = [
        cl.VillageInput("left", box(0, 0, 5, 10), population=1000),
        cl.VillageInput("straddle", box(3, 2, 7, 6), population=101),   # 4x4: 2 columns each side
        cl.VillageInput("right", box(5, 0, 10, 10), population=50),
        cl.VillageInput("third", box(4, 0, 7, 1)),                       # 1 of 3 cells covered
    ]
    res, stats = cl.classify_villages(path, villages)
    r = by_id(res)
    assert stats.kind == "dbm"
    assert r["left"].cov_share == 1.0 and r["left"].status == "covered" and r["left"].best_dbm == -90.0
    assert r["left"].n_cells == 50 and r["left"].pop_covered == 1000 and r["left"].nodata_share == 0.0
    assert r["straddle"].cov_share == 0.5 and r["straddle"].status == "partial" and r["straddle"].n_cells == 16
    assert r["straddle"].pop_covered == 50  # round(101 * 0.5) = round(50.5) -> 50 (banker's rounding)
    assert r["right"].cov_share == 0.0 and r["right"].status == "blank_spot" and r["right"].best_dbm == -120.0
    assert r["right"].pop_covered == 0
    assert r["third"].cov_share == pytest.approx(1 / 3) and r["third"].status == "partial"
    assert r["third"].pop_covered is None
    assert stats.counts == {"covered": 1, "partial": 2, "blank_spot": 1}


def test_threshold_and_shares_are_parameters(tmp_path):
    path = half_raster(tmp_path)
    v = [cl.VillageInput("s", box(3, 2, 7, 6))]
    res, _ = cl.classify_villages(path, v, threshold_dbm=-125)
    assert res[0].cov_share == 1.0 and res[0].status == "covered"
    res, _ = cl.classify_villages(path, v, covered_share=0.5)
    assert res[0].status == "covered"
    res, _ = cl.classify_villages(path, v, partial_share=0.6, covered_share=0.9)
    assert res[0].status == "blank_spot"
    with pytest.raises(cl.ClassifyError):
        cl.classify_villages(path, v, partial_share=0.9, covered_share=0.5)


def test_nodata_cells_count_as_not_covered(tmp_path):
    arr = np.full((10, 10), -120.0, dtype=np.float32)
    arr[:, :5] = -90.0
    arr[0:2, 0:5] = -9999.0  # 10 nodata cells in the left half
    arr[5, 1] = np.nan       # NaN is nodata too
    path = make_raster(tmp_path / "holes.tif", arr)
    res, _ = cl.classify_villages(path, [cl.VillageInput("left", box(0, 0, 5, 10), population=100),
                                         cl.VillageInput("allnodata", box(0, 0, 5, 2))])
    r = by_id(res)
    assert r["left"].cov_share == pytest.approx(39 / 50) and r["left"].nodata_share == pytest.approx(11 / 50)
    assert r["left"].status == "partial" and r["left"].pop_covered == 78
    assert r["allnodata"].cov_share == 0.0 and r["allnodata"].nodata_share == 1.0
    assert r["allnodata"].best_dbm is None and r["allnodata"].status == "blank_spot"


def test_village_partly_outside_the_raster(tmp_path):
    path = half_raster(tmp_path)
    res, stats = cl.classify_villages(path, [cl.VillageInput("edge", box(-5, 0, 5, 2)),
                                             cl.VillageInput("far", box(100, 100, 102, 102))])
    r = by_id(res)
    assert r["edge"].n_cells == 20 and r["edge"].cov_share == 0.5 and r["edge"].nodata_share == 0.5
    assert r["far"].inside_raster is False and r["far"].status == "blank_spot" and stats.outside == ["far"]


def test_no_overlap_is_a_clear_error(tmp_path):
    path = half_raster(tmp_path)
    with pytest.raises(cl.ClassifyError, match="None of the 1 villages overlaps") as err:
        cl.classify_villages(path, [cl.VillageInput("far", box(100, 100, 102, 102))])
    # coded, so the front says it in the user's language
    from kaltim_internet_plugin.errors import describe
    from kaltim_internet_plugin.i18n import install_translator, remove_translator

    assert err.value.code == "classify_no_overlap" and err.value.params["n"] == 1
    assert install_translator("id")
    try:
        text = describe(err.value)
    finally:
        remove_translator()
    assert text.startswith("Tidak satu pun dari 1 desa bertumpang tindih dengan raster cakupan (batas "), text


def test_tiny_and_thin_polygons_get_a_cell(tmp_path):
    path = half_raster(tmp_path)
    x, y = X0 + 1.2 * CELL, Y0 - 1.2 * CELL  # tiny square away from the cell centre (1.5, 1.5)
    tiny = ogr.CreateGeometryFromWkt(f"POLYGON(({x} {y},{x + 1} {y},{x + 1} {y - 1},{x} {y - 1},{x} {y}))")
    xs = X0 + 5.6 * CELL  # thin sliver inside column 5 (right half), not over any centre
    thin = ogr.CreateGeometryFromWkt(f"POLYGON(({xs} {Y0 - 10},{xs + 0.5} {Y0 - 10},{xs + 0.5} {Y0 - 40},"
                                     f"{xs} {Y0 - 40},{xs} {Y0 - 10}))")
    res, _ = cl.classify_villages(path, [cl.VillageInput("tiny", tiny.ExportToWkb()),
                                         cl.VillageInput("thin", thin.ExportToWkb())])
    r = by_id(res)
    assert r["tiny"].n_cells >= 1 and r["tiny"].cell_rule == "all_touched"
    assert r["tiny"].cov_share == 1.0 and r["tiny"].status == "covered"
    assert r["thin"].n_cells >= 1 and r["thin"].cov_share == 0.0 and r["thin"].status == "blank_spot"


def test_multipolygon(tmp_path):
    path = half_raster(tmp_path)
    a = ogr.CreateGeometryFromWkb(box(0, 0, 2, 2))
    b = ogr.CreateGeometryFromWkb(box(8, 8, 10, 10))
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    multi.AddGeometry(a)
    multi.AddGeometry(b)
    res, _ = cl.classify_villages(path, [cl.VillageInput("m", multi.ExportToWkb())])
    assert res[0].n_cells == 8 and res[0].cov_share == 0.5 and res[0].best_dbm == -90.0


def test_office_rule(tmp_path):
    path = half_raster(tmp_path)
    villages = [
        # covered by share (80% of cells covered) but the office is in the uncovered part -> partial
        cl.VillageInput("office_dark", box(1, 0, 6, 2), office=centre(5, 1)),
        # covered by share and office covered -> covered
        cl.VillageInput("office_lit", box(1, 0, 6, 2), office=centre(2, 1)),
        # blank spot by share (10%) but the office has signal -> partial
        cl.VillageInput("blank_office_lit", box(4, 0, 10, 2), office=centre(4, 0)),
        # office outside the raster -> treated as no signal
        cl.VillageInput("office_outside", box(0, 0, 5, 10), office=(0.0, 0.0)),
        # no office: share alone
        cl.VillageInput("no_office", box(1, 0, 6, 2)),
    ]
    res, stats = cl.classify_villages(path, villages)
    r = by_id(res)
    assert r["office_dark"].cov_share == pytest.approx(0.8)
    assert r["office_dark"].share_status == "covered" and r["office_dark"].status == "partial"
    assert r["office_dark"].status_note == "office_no_signal" and r["office_dark"].office_dbm == -120.0
    assert r["office_lit"].status == "covered" and r["office_lit"].office_dbm == -90.0
    assert not r["office_lit"].status_note
    assert r["blank_office_lit"].cov_share == pytest.approx(1 / 6)
    assert r["blank_office_lit"].status == "partial" and r["blank_office_lit"].status_note == "office_signal"
    assert r["office_outside"].office_dbm is None and r["office_outside"].status == "partial"
    assert r["no_office"].status == "covered" and r["no_office"].office_dbm is None
    assert stats.offices_not_covered == 2


def test_point_villages_use_the_cell_at_the_point(tmp_path):
    arr = np.full((10, 10), -120.0, dtype=np.float32)
    arr[:, :5] = -90.0
    arr[9, 9] = -9999.0
    path = make_raster(tmp_path / "p.tif", arr)
    res, _ = cl.classify_villages(path, [cl.VillageInput("lit", point(2, 2), population=10),
                                         cl.VillageInput("dark", point(7, 2), population=10),
                                         cl.VillageInput("hole", point(9, 9)),
                                         cl.VillageInput("multi", ogr.CreateGeometryFromWkt(
                                             f"MULTIPOINT(({centre(1, 1)[0]} {centre(1, 1)[1]}))").ExportToWkb())])
    r = by_id(res)
    lit = r["lit"]
    assert (lit.cov_share, lit.status, lit.pop_covered, lit.cell_rule) == (1.0, "covered", 10, "point")
    assert (r["dark"].cov_share, r["dark"].status, r["dark"].pop_covered) == (0.0, "blank_spot", 0)
    assert r["hole"].nodata_share == 1.0 and r["hole"].best_dbm is None and r["hole"].status == "blank_spot"
    assert r["multi"].status == "covered"


def test_los_count_raster(tmp_path):
    arr = np.zeros((10, 10), dtype=np.float32)
    arr[:, :5] = 2.0
    arr[0, 0] = -9999.0
    tagged = make_raster(tmp_path / "los_tag.tif", arr, metadata={cl.METADATA_KEY: "los"})
    untagged = make_raster(tmp_path / "los_plain.tif", arr)   # all valid values >= 0 -> los
    ints = make_raster(tmp_path / "los_int.tif", arr.astype(np.int32), nodata=-1, dtype=gdal.GDT_Int32)
    v = [cl.VillageInput("left", box(0, 0, 5, 10)), cl.VillageInput("s", box(3, 2, 7, 6))]
    for path in (tagged, untagged):
        res, stats = cl.classify_villages(path, v, threshold_dbm=-110)
        r = by_id(res)
        assert stats.kind == "los"
        assert r["left"].cov_share == pytest.approx(49 / 50) and r["left"].status == "covered"
        assert r["s"].cov_share == 0.5 and r["s"].best_dbm == 2.0
    ds = gdal.Open(ints)
    assert cl.detect_kind(ds) == "los"
    ds = None
    # an explicit kind wins over detection; a dBm raster by metadata is read as dBm
    res, stats = cl.classify_villages(tagged, v, kind="dbm", threshold_dbm=1)
    assert stats.kind == "dbm" and by_id(res)["left"].cov_share == pytest.approx(49 / 50)
    dbm_tagged = make_raster(tmp_path / "dbm_tag.tif", arr, metadata={cl.METADATA_KEY: "dbm"})
    assert cl.CoverageRaster(dbm_tagged).kind == "dbm"
    assert cl.CoverageRaster(half_raster(tmp_path)).kind == "dbm"


@pytest.mark.parametrize("raw,expected", [
    ("4G", "4G"), ("4G/LTE", "4G"), ("lte", "4G"), ("3G", "3G"), ("3G/H/H+/EVDO", "3G"), ("H+", "3G"),
    ("2G", "2G"), ("2.5G/E/GPRS", "2G"), ("EDGE", "2G"), ("none", "none"), ("tidak ada", "none"),
    ("Tidak Ada Sinyal", "none"), ("", "none"), ("  ", "none"), (None, "unknown"), ("???", "unknown"),
    ("sinyal lemah", "signal"), ("Ada", "signal"), ("5G", "4G"),
])
def test_normalise_reported(raw, expected):
    assert cl.normalise_reported(raw) == expected


def test_agreement_and_confusion(tmp_path):
    path = half_raster(tmp_path)
    v = [
        cl.VillageInput("a", box(0, 0, 5, 5), reported="4G", has_reported=True),        # covered, 4G -> agree
        cl.VillageInput("b", box(0, 5, 5, 10), reported="tidak ada", has_reported=True),  # covered, none -> more
        cl.VillageInput("c", box(5, 0, 10, 5), reported="3G", has_reported=True),        # blank, 3G -> less
        cl.VillageInput("d", box(5, 5, 10, 10), reported="", has_reported=True),         # blank, none -> agree
        cl.VillageInput("e", box(3, 2, 7, 6), reported=None, has_reported=True),         # partial, unknown
        cl.VillageInput("f", box(3, 2, 7, 6), reported="2G", has_reported=True),         # partial, 2G -> agree
    ]
    res, _ = cl.classify_villages(path, v)
    r = by_id(res)
    assert [r[k].agreement for k in "abcdef"] == ["agree", "model_more", "model_less", "agree", "", "agree"]
    assert r["e"].reported == "unknown" and r["d"].reported == "none"
    table = cl.confusion_table(res)
    assert table["covered"]["4G"] == 1 and table["covered"]["none"] == 1
    assert table["blank_spot"]["3G"] == 1 and table["blank_spot"]["none"] == 1
    assert table["partial"]["unknown"] == 1 and table["partial"]["2G"] == 1
    assert sum(sum(row.values()) for row in table.values()) == 6
    json.dumps(table)
    assert cl.agreement_counts(res) == {"agree": 3, "model_more": 1, "model_less": 1}
    text = cl.format_confusion(table)
    assert "covered" in text and "blank_spot" in text and "4G" in text and "total" in text
    # without a reported field there is no agreement
    res, _ = cl.classify_villages(path, [cl.VillageInput("x", box(0, 0, 5, 5), reported="4G")])
    assert res[0].reported == "" and res[0].agreement == ""


def test_windowed_reads_only(tmp_path, monkeypatch):
    """Every read is the village's window, never the whole raster."""
    arr = np.full((200, 200), -120.0, dtype=np.float32)
    path = make_raster(tmp_path / "big.tif", arr)
    sizes = []
    orig = cl.CoverageRaster.read

    def spy(self, c0, r0, nc, nr):
        sizes.append((nc, nr))
        return orig(self, c0, r0, nc, nr)

    monkeypatch.setattr(cl.CoverageRaster, "read", spy)
    cl.classify_villages(path, [cl.VillageInput("a", box(10, 10, 14, 13)), cl.VillageInput("b", box(100, 50, 120, 60))])
    assert sizes == [(4, 3), (20, 10)]


def test_progress_and_cancel(tmp_path):
    path = half_raster(tmp_path)
    v = [cl.VillageInput(i, box(0, 0, 5, 5)) for i in range(3)]
    seen = []
    cl.classify_villages(path, v, progress=seen.append)
    assert seen[-1] == 100.0
    with pytest.raises(cl.ClassifyCanceled):
        cl.classify_villages(path, v, is_canceled=lambda: True)


def test_bad_raster_and_empty_geometry(tmp_path):
    with pytest.raises(cl.ClassifyError, match="Cannot open"):
        cl.classify_villages(str(tmp_path / "missing.tif"), [])
    path = half_raster(tmp_path)
    res, stats = cl.classify_villages(path, [cl.VillageInput("ok", box(0, 0, 5, 5)), cl.VillageInput("none", b"")])
    assert stats.no_geometry == ["none"] and by_id(res)["none"].status == "blank_spot"


def test_huge_window_is_clipped_to_the_raster(tmp_path, monkeypatch):
    path = half_raster(tmp_path)
    monkeypatch.setattr(cl, "MAX_WINDOW_CELLS", 50)
    res, _ = cl.classify_villages(path, [cl.VillageInput("big", box(-20, -20, 5, 30))])
    assert res[0].n_cells == 50 and res[0].cov_share == 1.0 and res[0].nodata_share == 0.0
