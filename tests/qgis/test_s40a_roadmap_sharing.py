"""kaltiminternet:roadmap's tower sharing measured from the planned tower (s40-a).

Found by running the chain on Mahakam Ulu and Kota Bontang with a 60 km sharing distance: the sharing list had one
row per BTS *village*, each measured from the village's own point, so one planned tower (O0012, serving five
villages) stood 36.7 km, 30.0 km and 32.9 km from the same existing tower SYN-0168, and the log's '6 planned BTS'
were six villages of four towers. The planned sites (optimizesites OUTPUT_SITES) now give each tower's point."""
from __future__ import annotations

from pathlib import Path

from osgeo import ogr, osr

from tests.qgis.test_roadmap_alg import build_plan, rows, run_roadmap
from tests.qgis.test_s39_roadmap_operators import write_towers


def _wgs84():
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def write_planned(path: Path, sites) -> str:
    """Planned sites as optimizesites writes them (cand_id, operator), in EPSG:4326: ``(cand_id, lon, lat)``."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lyr = ds.CreateLayer("new", _wgs84(), ogr.wkbPoint)
    lyr.CreateField(ogr.FieldDefn("cand_id", ogr.OFTString))
    lyr.CreateField(ogr.FieldDefn("operator", ogr.OFTString))
    for sid, x, y in sites:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("cand_id", sid)
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({x} {y})"))
        lyr.CreateFeature(f)
    ds = None
    return f"{path}|layername=new"


def _metres(a, b) -> float:
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject

    xform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                   QgsCoordinateReferenceSystem("EPSG:32750"), QgsProject.instance())
    pa, pb = xform.transform(QgsPointXY(*a)), xform.transform(QgsPointXY(*b))
    return pa.distance(pb)


def test_tower_sharing_is_measured_once_per_planned_tower_from_where_it_stands(provider, tmp_path):
    plan = build_plan(tmp_path / "plan.gpkg", n=60)
    ds = ogr.Open(str(tmp_path / "plan.gpkg"), 1)
    lyr = ds.GetLayerByName("villages")
    lyr.CreateField(ogr.FieldDefn("new_site", ogr.OFTString))
    bts = []
    for f in list(lyr):
        if f.GetField("tech") == "bts" and len(bts) < 3:
            g = f.GetGeometryRef()
            bts.append((f.GetField("kode"), g.GetX(), g.GetY()))
            if len(bts) <= 2:  # two villages served by one planned tower S-1; the third names no site
                f.SetField("new_site", "S-1")
                lyr.SetFeature(f)
    ds = None
    assert len(bts) == 3
    tower_at = (bts[0][1] + 0.05, bts[0][2] + 0.05)  # the planned tower: about 7 km from its villages
    xl = (tower_at[0] + 0.002, tower_at[1])  # another operator's tower some 220 m from it
    indosat = (bts[2][1] + 0.002, bts[2][2])  # and one beside the third village
    towers = write_towers(tmp_path / "towers.gpkg", [("T-XL", "XL", *xl), ("T-IS", "Indosat", *indosat)])
    planned = write_planned(tmp_path / "new.gpkg", [("S-1", *tower_at)])
    sharing_out = f"ogr:dbname='{tmp_path / 'out.gpkg'}' table=\"tower_sharing\""
    res, fb, out = run_roadmap(tmp_path, plan, TOWERS=towers, PLANNED_SITES=planned, SHARING_DISTANCE_M=500,
                               OUTPUT_SHARING=sharing_out)
    sharing = {r["site_id"]: r for r in rows(out, "tower_sharing")}
    assert set(sharing) == {"S-1", bts[2][0]} and res["SHARING_CANDIDATES"] == 2, sharing
    one = sharing["S-1"]
    assert one["code"] == ";".join(sorted((bts[0][0], bts[1][0]))) and one["tower_id"] == "T-XL"
    assert abs(one["distance_m"] - _metres(tower_at, xl)) < 1.0
    years = {v["kode"]: v["year"] for v in rows(out, "villages")}
    assert one["year"] == years[bts[0][0]] == years[bts[1][0]]
    own = sharing[bts[2][0]]
    assert own["tower_id"] == "T-IS" and abs(own["distance_m"] - _metres(bts[2][1:], indosat)) < 1.0
    log = fb.textLog()
    assert "Tower sharing: 1 planned BTS, and 1 BTS village(s) measured from their own point" in log, log
    told = [line for line in log.splitlines() if "are measured from their own point, not from their planned" in line]
    assert len(told) == 1 and bts[2][0] in told[0] and bts[0][0] not in told[0], log
    assert "they name no site among the planned sites" in told[0]
    # without the planned sites: each village from its own point (S-1's villages are 7 km from T-XL: no pair),
    # and the log says so and how to mend it
    res, fb, out = run_roadmap(tmp_path, plan, out_name="bare.gpkg", TOWERS=towers, SHARING_DISTANCE_M=500,
                               OUTPUT_SHARING=f"ogr:dbname='{tmp_path / 'bare.gpkg'}' table=\"tower_sharing\"")
    assert [r["site_id"] for r in rows(out, "tower_sharing")] == [bts[2][0]]
    log = fb.textLog()
    assert "no planned sites were given" in log and "PLANNED_SITES" in log, log


def test_planned_sites_without_an_id_field_are_refused_and_nothing_is_written(provider, tmp_path):
    """PLANNED_SITES whose points carry no 'cand_id' or 'site_id' cannot be matched to the plan's villages: the run
    says so, names what to give, and writes no roadmap."""
    import pytest
    from qgis.core import QgsProcessingException

    plan = build_plan(tmp_path / "plan.gpkg", n=20)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(tmp_path / "points.gpkg"))
    lyr = ds.CreateLayer("points", _wgs84(), ogr.wkbPoint)
    lyr.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    f = ogr.Feature(lyr.GetLayerDefn())
    f.SetField("name", "menara A")
    f.SetGeometry(ogr.CreateGeometryFromWkt("POINT (116.5 0.5)"))
    lyr.CreateFeature(f)
    ds = None
    towers = write_towers(tmp_path / "towers.gpkg", [("T-XL", "XL", 116.5, 0.5)])
    with pytest.raises(QgsProcessingException, match="PLANNED_SITES has no 'cand_id' or 'site_id' field"):
        run_roadmap(tmp_path, plan, TOWERS=towers, PLANNED_SITES=f"{tmp_path / 'points.gpkg'}|layername=points")
    assert not (tmp_path / "out.gpkg").exists()  # run_roadmap's output: not written
