"""The GeoPackage back end of a plan (the default): read/write any layer or table generically with OGR,
``plan_meta`` + versioned migrations with plain ``sqlite3``.

A plan GeoPackage's tables are every vector layer and attribute table in it, except GeoPackage/SQLite internals,
``plan_meta`` and QGIS's ``layer_styles`` (copied separately as styles).
"""
from __future__ import annotations

import datetime as dt
import getpass
import os
import sqlite3
from contextlib import closing
from typing import Iterable, Optional

from ..i18n import tr
from .checksums import checksum_rows
from .errors import SchemaTooNewError, StoreError
from .migrations import GPKG_STEPS, SCHEMA_VERSION
from .model import SPECIAL_TABLES, VOLATILE_META, FieldInfo, TableInfo

_INTERNAL_PREFIXES = ("gpkg_", "rtree_", "sqlite_", "gpkgext_")
STYLE_COLUMNS = ("f_table_name", "f_geometry_column", "stylename", "styleqml", "stylesld", "useasdefault",
                 "description", "ui")


def _ogr():
    from osgeo import gdal, ogr

    gdal.UseExceptions()
    ogr.UseExceptions()
    return ogr


def too_new_message(found: int, supported: int = SCHEMA_VERSION) -> str:
    return tr("This plan was made by a newer version of the plugin (schema {found} > {supported}); update the "
              "plugin.").format(found=found, supported=supported)


def check_version(found: int) -> None:
    if found > SCHEMA_VERSION:
        raise SchemaTooNewError(too_new_message(found), found, SCHEMA_VERSION)


# ----------------------------------------------------------------------------------------------- plan_meta
def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.row_factory = sqlite3.Row
    return conn


def _has_table(conn, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


def read_meta(path: str) -> dict:
    """plan_meta as {key: value} ({} for a GeoPackage that is not (yet) a plan)."""
    with closing(_connect(path)) as conn:
        if not _has_table(conn, "plan_meta"):
            return {}
        return {r["key"]: r["value"] for r in conn.execute("SELECT key, value FROM plan_meta ORDER BY key")}


def schema_version(path: str) -> int:
    try:
        return int(read_meta(path).get("schema_version") or 0)
    except ValueError:
        return 0


def _register(conn, table: str, description: str) -> None:
    if _has_table(conn, "gpkg_contents"):
        conn.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
                     "VALUES (?, 'attributes', ?, ?)", (table, table, description))


def ensure_schema(path: str) -> int:
    """Create or upgrade the plan tables of a GeoPackage (idempotent); refuses a newer schema.

    Returns the version before the upgrade (0 = it was not a plan yet)."""
    if not os.path.exists(path):
        ds = _ogr().GetDriverByName("GPKG").CreateDataSource(path)
        ds = None  # noqa: F841
    with closing(_connect(path)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            found = 0
            if _has_table(conn, "plan_meta"):
                row = conn.execute("SELECT value FROM plan_meta WHERE key='schema_version'").fetchone()
                found = int(row[0]) if row and str(row[0]).isdigit() else 0
            check_version(found)
            for version in range(found + 1, SCHEMA_VERSION + 1):
                for sql in GPKG_STEPS.get(version, []):
                    conn.execute(sql)
                conn.execute("INSERT INTO plan_meta (key, value) VALUES ('schema_version', ?) "
                             "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (str(version),))
            _register(conn, "plan_meta", "Plan metadata (schema version)")
            _register(conn, "status_history", "Status history (append-only)")
            if found == 0:
                set_meta_conn(conn, {"created_at": _now_text(), "created_by": getpass.getuser()})
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return found


def _now_text() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def set_meta_conn(conn, values: dict) -> None:
    for key, value in values.items():
        conn.execute("INSERT INTO plan_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                     "value=excluded.value", (key, None if value is None else str(value)))


def set_meta(path: str, values: dict) -> None:
    with closing(_connect(path)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            set_meta_conn(conn, values)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def meta_rows(meta: dict) -> list:
    return sorted((k, v) for k, v in meta.items() if k not in VOLATILE_META)


#: plan_meta key of an export from PostGIS (postgis_store.export_plan): the tables it wrote, a JSON list
EXPORTED_TABLES = "exported_tables"


def registered_tables(path: str) -> list:
    """The tables registered in ``gpkg_contents`` of the GeoPackage ``path``, in their order."""
    with closing(_connect(path)) as conn:
        return _registered(conn)


def _registered(conn) -> list:
    if not _has_table(conn, "gpkg_contents"):
        return []
    return [r[0] for r in conn.execute("SELECT table_name FROM gpkg_contents ORDER BY rowid")]


def exported_tables(path: str) -> list:
    """The tables an export from PostGIS wrote into the existing GeoPackage ``path`` (plan_meta's
    ``exported_tables``); [] when ``path`` is no such export or cannot be read (it is opened read-only). An export
    made before the list was kept (``exported_from`` but no list) names every table the file registers: the tool
    wrote it whole."""
    import json

    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0)) as conn:
            if not _has_table(conn, "plan_meta"):
                return []
            meta = dict(conn.execute("SELECT key, value FROM plan_meta WHERE key IN ('exported_from', ?)",
                                     (EXPORTED_TABLES,)).fetchall())
            if not meta.get("exported_from"):
                return []
            try:
                names = json.loads(meta.get(EXPORTED_TABLES) or "null")
            except ValueError:
                names = None
            return [str(n) for n in names] if isinstance(names, list) else _registered(conn)
    except sqlite3.Error:
        return []


# ----------------------------------------------------------------------------------------------- reading
def open_plan(path: str, update: bool = False):
    ogr = _ogr()
    if not os.path.exists(path):
        raise StoreError(tr("The plan GeoPackage {path} does not exist.").format(path=path))
    from osgeo import gdal

    flags = gdal.OF_VECTOR | (gdal.OF_UPDATE if update else 0)
    try:
        ds = gdal.OpenEx(path, flags, allowed_drivers=["GPKG"], open_options=["LIST_ALL_TABLES=YES"])
    except RuntimeError as exc:
        ds = None
        reason = str(exc)
    else:
        reason = ""
    if ds is None:
        raise StoreError(tr("Cannot open {path} as a GeoPackage: {reason}").format(path=path, reason=reason))
    del ogr
    return ds


def _field_info(defn) -> FieldInfo:
    ogr = _ogr()
    return FieldInfo(defn.GetName(), ogr.GetFieldTypeName(defn.GetType()),
                     ogr.GetFieldSubTypeName(defn.GetSubType()), defn.GetWidth(), defn.GetPrecision())


def layer_info(layer) -> TableInfo:
    ogr = _ogr()
    defn = layer.GetLayerDefn()
    fields = [_field_info(defn.GetFieldDefn(i)) for i in range(defn.GetFieldCount())]
    geom_col = layer.GetGeometryColumn() or None
    gtype = layer.GetGeomType() if geom_col else ogr.wkbNone
    srid = 0
    srs = layer.GetSpatialRef() if geom_col else None
    if srs is not None:
        srs.AutoIdentifyEPSG()
        code = srs.GetAuthorityCode(None)
        if srs.GetAuthorityName(None) == "EPSG" and code:
            srid = int(code)
        else:
            raise StoreError(tr("Layer '{layer}' has a coordinate system without an EPSG code; reproject it to "
                                "an EPSG CRS (e.g. EPSG:4326 or EPSG:32750) before publishing.")
                             .format(layer=layer.GetName()))
    return TableInfo(name=layer.GetName(), kind="features" if geom_col else "attributes",
                     fid_column=layer.GetFIDColumn() or "fid", geometry_column=geom_col,
                     geometry_type=int(gtype) if geom_col else 0, srid=srid,
                     description=layer.GetMetadataItem("DESCRIPTION") or "", fields=fields)


def is_plan_table(name: str) -> bool:
    low = name.lower()
    return low not in SPECIAL_TABLES and not low.startswith(_INTERNAL_PREFIXES) and low != "ogr_empty_table"


def list_tables(path: str) -> list:
    """TableInfo of every plan layer/table of the GeoPackage, in file order."""
    ds = open_plan(path)
    infos = []
    for i in range(ds.GetLayerCount()):
        layer = ds.GetLayer(i)
        if is_plan_table(layer.GetName()):
            infos.append(layer_info(layer))
    return infos


def _value(feat, i: int, ftype: str):
    if not feat.IsFieldSetAndNotNull(i):
        return None
    if ftype == "Integer" or ftype == "Integer64":
        return feat.GetFieldAsInteger64(i)
    if ftype == "Real":
        return feat.GetFieldAsDouble(i)
    if ftype in ("DateTime", "Date", "Time"):
        y, mo, d, h, mi, sec, tzflag = feat.GetFieldAsDateTime(i)
        whole = int(sec)
        micro = int(round((sec - whole) * 1000)) * 1000
        if micro >= 1_000_000:
            whole, micro = whole + 1, 0
        if ftype == "Date":
            return dt.date(y, mo, d)
        if ftype == "Time":
            return dt.time(h, mi, whole, micro)
        tz = dt.timezone.utc
        if tzflag > 100 or (1 < tzflag < 100):
            tz = dt.timezone(dt.timedelta(minutes=(tzflag - 100) * 15))
        value = dt.datetime(y, mo, d, h, mi, 0, micro, tzinfo=tz) + dt.timedelta(seconds=whole)
        return value.astimezone(dt.timezone.utc)
    if ftype == "Binary":
        return bytes(feat.GetFieldAsBinary(i))
    return feat.GetFieldAsString(i)


def iter_rows(ds, info: TableInfo) -> Iterable[tuple]:
    """(fid, field values..., geometry ISO WKB bytes | None) ordered by fid; values are python objects."""
    ogr = _ogr()
    layer = ds.GetLayerByName(info.name)
    defn = layer.GetLayerDefn()
    idx = [defn.GetFieldIndex(f.name) for f in info.fields]
    types = [f.type for f in info.fields]
    layer.ResetReading()
    rows = []
    for feat in layer:
        values = [feat.GetFID()]
        values += [_value(feat, i, t) if i >= 0 else None for i, t in zip(idx, types)]
        if info.geometry_column:
            geom = feat.GetGeometryRef()
            values.append(bytes(geom.ExportToIsoWkb(ogr.wkbNDR)) if geom is not None else None)
        rows.append(tuple(values))
    rows.sort(key=lambda r: r[0])
    return rows


def read_styles(path: str) -> list:
    """QGIS styles saved in the GeoPackage (layer_styles) as dicts with lowercase keys."""
    ds = open_plan(path)
    layer = ds.GetLayerByName("layer_styles")
    if layer is None:
        return []
    out = []
    for feat in layer:
        row = {}
        defn = feat.GetDefnRef()
        for i in range(defn.GetFieldCount()):
            fd = defn.GetFieldDefn(i)
            row[fd.GetName().lower()] = _value(feat, i, _field_info(fd).type)
        out.append(row)
    return out


def style_rows(styles: list) -> list:
    """The style values compared between copies (table, geometry column, name, QML, SLD, default, description)."""
    rows = []
    for s in styles:
        values = [s.get(c) for c in STYLE_COLUMNS]
        if values[5] is not None:
            values[5] = bool(values[5])
        rows.append(values)
    return rows


def checksums(path: str, tables: Optional[list] = None, skip_style: Optional[str] = None) -> dict:
    """{table: {'rows', 'md5'}} for every plan table, plus '@plan_meta' and '@layer_styles'."""
    ds = open_plan(path)
    infos = tables if tables is not None else list_tables(path)
    out = {}
    for info in infos:
        out[info.name] = checksum_rows(info.name, iter_rows(ds, info), info.kinds).as_dict()
    out["@plan_meta"] = checksum_rows("@plan_meta", meta_rows(read_meta(path)), sort=True).as_dict()
    styles = [s for s in read_styles(path) if s.get("stylename") != skip_style]
    kinds = ["", "", "", "xml", "xml", "", "", "xml"]
    out["@layer_styles"] = checksum_rows("@layer_styles", style_rows(styles), kinds, sort=True).as_dict()
    return out


# ----------------------------------------------------------------------------------------------- writing
def _set_value(feat, i: int, ftype: str, value) -> None:
    if value is None:
        feat.SetFieldNull(i)
        return
    if ftype in ("DateTime", "Date", "Time"):
        if isinstance(value, str):
            feat.SetField(i, value)
            return
        if ftype == "Date":
            feat.SetField(i, value.year, value.month, value.day, 0, 0, 0, 0)
            return
        if ftype == "Time":
            feat.SetField(i, 0, 0, 0, value.hour, value.minute, value.second + value.microsecond / 1e6, 0)
            return
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc)
        ms = int(round(value.microsecond / 1000.0))
        value = value.replace(microsecond=0) + dt.timedelta(milliseconds=ms)
        feat.SetField(i, value.year, value.month, value.day, value.hour, value.minute,
                      value.second + value.microsecond / 1e6, 100)
        return
    if ftype == "Binary":
        feat.SetFieldBinaryFromHexString(i, bytes(value).hex())
        return
    if ftype in ("Integer", "Integer64"):
        feat.SetField(i, int(value))
        return
    if ftype == "Real":
        feat.SetField(i, float(value))
        return
    feat.SetField(i, str(value))


def create_table(ds, info: TableInfo):
    """Create a layer/table in an open GeoPackage from a TableInfo (fid column name kept)."""
    ogr = _ogr()
    from osgeo import osr

    srs = None
    if info.geometry_column and info.srid:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(int(info.srid))
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    options = [f"FID={info.fid_column}"]
    if info.geometry_column:
        options.append(f"GEOMETRY_NAME={info.geometry_column}")
    if info.description:
        options.append(f"DESCRIPTION={info.description}")
    gtype = info.geometry_type if info.geometry_column else ogr.wkbNone
    layer = ds.CreateLayer(info.name, srs, gtype, options=options)
    for f in info.fields:
        fd = ogr.FieldDefn(f.name, getattr(ogr, "OFT" + f.type, ogr.OFTString))
        if f.subtype and f.subtype != "None":
            fd.SetSubType(getattr(ogr, "OFST" + f.subtype, ogr.OFSTNone))
        if f.width:
            fd.SetWidth(int(f.width))
        if f.precision:
            fd.SetPrecision(int(f.precision))
        layer.CreateField(fd)
    return layer


def write_rows(layer, info: TableInfo, rows: Iterable[tuple], progress=None) -> int:
    ogr = _ogr()
    defn = layer.GetLayerDefn()
    idx = [defn.GetFieldIndex(f.name) for f in info.fields]
    n = 0
    for row in rows:
        feat = ogr.Feature(defn)
        feat.SetFID(int(row[0]))
        for pos, (i, f) in enumerate(zip(idx, info.fields), start=1):
            _set_value(feat, i, f.type, row[pos])
        if info.geometry_column and row[-1] is not None:
            feat.SetGeometryDirectly(ogr.CreateGeometryFromWkb(bytes(row[-1])))
        layer.CreateFeature(feat)
        n += 1
        if progress and n % 500 == 0:
            progress()
    return n


def write_styles(ds, styles: list) -> None:
    """Append QGIS styles to the GeoPackage's layer_styles (created with QGIS's own fields if missing)."""
    if not styles:
        return
    ogr = _ogr()
    layer = ds.GetLayerByName("layer_styles")
    if layer is None:
        layer = ds.CreateLayer("layer_styles", None, ogr.wkbNone, options=["FID=id"])
        for name, ftype, width, sub in (
                ("f_table_catalog", ogr.OFTString, 256, None), ("f_table_schema", ogr.OFTString, 256, None),
                ("f_table_name", ogr.OFTString, 256, None), ("f_geometry_column", ogr.OFTString, 256, None),
                ("styleName", ogr.OFTString, 30, None), ("styleQML", ogr.OFTString, 0, None),
                ("styleSLD", ogr.OFTString, 0, None), ("useAsDefault", ogr.OFTInteger, 0, ogr.OFSTBoolean),
                ("description", ogr.OFTString, 0, None), ("owner", ogr.OFTString, 30, None),
                ("ui", ogr.OFTString, 30, None), ("update_time", ogr.OFTDateTime, 0, None)):
            fd = ogr.FieldDefn(name, ftype)
            if width:
                fd.SetWidth(width)
            if sub is not None:
                fd.SetSubType(sub)
            layer.CreateField(fd)
    defn = layer.GetLayerDefn()
    names = {defn.GetFieldDefn(i).GetName().lower(): i for i in range(defn.GetFieldCount())}
    for style in styles:
        feat = ogr.Feature(defn)
        for key, value in style.items():
            i = names.get(key)
            if i is None or key == "id":
                continue
            ftype = _field_info(defn.GetFieldDefn(i)).type
            if key in ("f_table_catalog", "f_table_schema"):
                value = ""
            if isinstance(value, bool):
                value = int(value)
            _set_value(feat, i, ftype, value)
        layer.CreateFeature(feat)
