"""Build a small plan GeoPackage from the sample: villages + towers (as `sites`), a few planned sites, an
attribute table with every field type, a status history and a QGIS style."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from osgeo import gdal, ogr, osr

from tests.conftest import SAMPLE

gdal.UseExceptions()


def build_plan(path: Path, with_style: bool = True, villages_where: str | None = None) -> Path:
    src = str(SAMPLE / "kaltim_sample.gpkg")
    opts = dict(format="GPKG", layers=["villages"], accessMode=None)
    # GDAL 3.10's Arrow fast path of ogr2ogr (OGRLayer::WriteArrowBatch) intermittently aborts the process here
    # (std::length_error from std::string::reserve, seen on Debian 13); the classic feature-by-feature copy does not
    previous = gdal.GetConfigOption("OGR2OGR_USE_ARROW_API")
    gdal.SetConfigOption("OGR2OGR_USE_ARROW_API", "NO")
    try:
        gdal.VectorTranslate(str(path), src, **opts, where=villages_where)
        gdal.VectorTranslate(str(path), src, format="GPKG", layers=["towers"], layerName="sites",
                             accessMode="update")
    finally:
        gdal.SetConfigOption("OGR2OGR_USE_ARROW_API", previous)
    ds = ogr.Open(str(path), 1)
    villages = ds.GetLayerByName("villages")
    for name, ftype in (("status", ogr.OFTString), ("tech", ogr.OFTString), ("capex_idr", ogr.OFTReal),
                        ("priority_rank", ogr.OFTInteger), ("year", ogr.OFTInteger)):
        villages.CreateField(ogr.FieldDefn(name, ftype))
    ds.ExecuteSQL("UPDATE villages SET status = CASE fid % 3 WHEN 0 THEN 'covered' WHEN 1 THEN 'partial' "
                  "ELSE 'blank_spot' END, tech = CASE WHEN fid % 3 = 2 THEN 'bts' END, "
                  "capex_idr = CASE WHEN fid % 3 = 2 THEN 2.5e9 + fid END, priority_rank = fid, "
                  "year = 2026 + fid % 4", dialect="SQLITE")
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    ps = ds.CreateLayer("planned_sites", srs, ogr.wkbPoint, options=["FID=fid", "GEOMETRY_NAME=geom"])
    for name, ftype in (("site_id", ogr.OFTString), ("operator", ogr.OFTString), ("tech", ogr.OFTString),
                        ("height_m", ogr.OFTReal), ("status", ogr.OFTString), ("cost_idr", ogr.OFTInteger64),
                        ("note", ogr.OFTString)):
        ps.CreateField(ogr.FieldDefn(name, ftype))
    for i, (x, y) in enumerate(((116.1, -0.5), (117.2, 0.3), (115.9, 1.1)), start=1):
        f = ogr.Feature(ps.GetLayerDefn())
        f.SetField("site_id", f"PLN-{i:03d}")
        f.SetField("operator", "Telkomsel" if i != 2 else None)
        f.SetField("tech", "4G")
        f.SetField("height_m", 42.5 + i / 3.0)
        f.SetField("status", "planned")
        f.SetField("cost_idr", 1_850_000_000 * i)
        f.SetField("note", "tab\there, newline\nthere, ünïcødé ✓" if i == 1 else None)
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({x} {y})"))
        ps.CreateFeature(f)
    fs = ds.CreateLayer("funding_sources", None, ogr.wkbNone, options=["FID=fid"])
    defs = [("source", ogr.OFTString, None), ("amount_idr", ogr.OFTInteger64, None), ("share", ogr.OFTReal, None),
            ("year", ogr.OFTInteger, None), ("approved", ogr.OFTInteger, ogr.OFSTBoolean),
            ("decided_on", ogr.OFTDate, None), ("updated_at", ogr.OFTDateTime, None),
            ("details", ogr.OFTString, ogr.OFSTJSON), ("tiny", ogr.OFTInteger, ogr.OFSTInt16),
            ("f32", ogr.OFTReal, ogr.OFSTFloat32)]
    for name, ftype, sub in defs:
        fd = ogr.FieldDefn(name, ftype)
        if sub is not None:
            fd.SetSubType(sub)
        fs.CreateField(fd)
    rows = [
        ("APBD Provinsi", 12_500_000_000, 0.4, 2026, 1, (2026, 1, 15), (2026, 2, 1, 8, 30, 15.25, 100),
         '{"b": 1, "a": [1, 2.5, "x"]}', 7, 0.1),
        ("BAKTI Kominfo", 30_000_000_000, 0.6, 2027, 0, None, (2026, 3, 4, 23, 59, 59.999, 100), None, None, 1.5),
        ("Dana Desa", None, None, None, None, (2025, 12, 31), None, "[]", -3, None),
    ]
    for r in rows:
        f = ogr.Feature(fs.GetLayerDefn())
        for (name, ftype, _sub), value in zip(defs, r):
            if value is None:
                f.SetFieldNull(name)
            elif ftype == ogr.OFTDate:
                f.SetField(name, *value, 0, 0, 0, 0)
            elif ftype == ogr.OFTDateTime:
                f.SetField(name, *value)
            else:
                f.SetField(name, value)
        fs.CreateFeature(f)
    ds = None
    from kaltim_internet_plugin.core import monitoring_store

    monitoring_store.ensure_schema(str(path))
    monitoring_store.append_status_change(str(path), "villages", 1, "64.01.01.2001", "planned", "surveyed",
                                          changed_by="dinas", note="survey 2026", check_transition=False)
    if with_style:
        add_style(path, "villages", "geom")
    return path


def add_style(path: Path, table: str, geom: str) -> None:
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
    assert layer.isValid()
    from qgis.core import QgsFillSymbol, QgsSingleSymbolRenderer

    layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({"color": "255,0,0,80"})))
    from kaltim_internet_plugin.compat import save_style_to_database

    msg = save_style_to_database(layer, "plan style", "villages style for the plan", True, "")
    assert not msg, msg


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
