"""Layer styles of a plan in PostGIS: reading and writing layer_styles, the team styles (row-version default)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from ..model import (
    PLANNED_SITE_FIELDS,
    TEAM_COLUMNS,
    TEAM_LAYERS,
    TEAM_STYLE_NAME,
    FieldInfo,
    TableInfo,
)
from .schema import TEAM_DEFAULT_EXPRESSION, _table_exists


def read_pg_styles(cur, schema: str) -> list:
    if not _table_exists(cur, "public", "layer_styles"):
        return []
    cur.execute("SELECT f_table_name, f_geometry_column, stylename, styleqml::text, stylesld::text, useasdefault, "
                "description, ui::text, owner, update_time FROM public.layer_styles WHERE f_table_catalog = "
                "current_database() AND f_table_schema = %s AND stylename IS DISTINCT FROM %s ORDER BY id",
                (schema, TEAM_STYLE_NAME))
    keys = ("f_table_name", "f_geometry_column", "stylename", "styleqml", "stylesld", "useasdefault", "description",
            "ui", "owner", "update_time")
    return [dict(zip(keys, r)) for r in cur.fetchall()]


def _xml_sql(value) -> tuple:
    if value is None:
        return "NULL", []
    if "<!DOCTYPE" in value[:300]:
        return "XMLPARSE(DOCUMENT %s)", [value]
    return "XMLPARSE(CONTENT %s)", [value]


def insert_style(cur, schema: str, style: dict) -> None:
    cols = ["f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "stylename", "styleqml",
            "stylesld", "useasdefault", "description", "owner", "ui", "update_time"]
    exprs, params = ["current_database()", "%s"], [schema]
    for col in cols[2:]:
        value = style.get(col)
        if col in ("styleqml", "stylesld", "ui"):
            sql, extra = _xml_sql(value)
            exprs.append(sql)
            params += extra
        elif col == "owner":
            exprs.append("coalesce(%s, current_user)")
            params.append(value)
        elif col == "update_time":
            exprs.append("coalesce(%s, CURRENT_TIMESTAMP)")
            params.append(value.astimezone(dt.timezone.utc).replace(tzinfo=None)
                          if isinstance(value, dt.datetime) and value.tzinfo else value)
        elif col == "useasdefault":
            exprs.append("%s")
            params.append(None if value is None else bool(value))
        else:
            exprs.append("%s")
            params.append(value)
    cur.execute(f"INSERT INTO public.layer_styles ({', '.join(cols)}) VALUES ({', '.join(exprs)})", params)


def team_style_qml(info: TableInfo, base_qml: Optional[str] = None) -> Optional[str]:
    """QML for a team-edited layer: its style (if any) + row_version sent with every change, team fields read-only.

    Needs QGIS (qgis.core); returns None without it."""
    try:
        from qgis.core import QgsDefaultValue, QgsEditFormConfig, QgsField, QgsVectorLayer  # noqa: F401
        from qgis.PyQt.QtXml import QDomDocument

        from ...compat import FieldType
    except ImportError:
        return None
    from osgeo import ogr

    flat = ogr.GT_Flatten(info.geometry_type) if info.geometry_column else 100
    geom = {1: "Point", 2: "LineString", 3: "Polygon", 4: "MultiPoint", 5: "MultiLineString",
            6: "MultiPolygon"}.get(flat, "None")
    crs = f"?crs=EPSG:{info.srid}" if info.srid and geom != "None" else ""
    layer = QgsVectorLayer(f"{geom}{crs}", info.name, "memory")
    qtype = {"Integer": FieldType.Int, "Integer64": FieldType.LongLong, "Real": FieldType.Double,
             "Date": FieldType.Date, "Time": FieldType.Time, "DateTime": FieldType.DateTime}
    fields = [QgsField(f.name, qtype.get(f.type, FieldType.String)) for f in info.fields]
    fields += [QgsField("row_version", FieldType.Int), QgsField("modified_at", FieldType.DateTime),
               QgsField("modified_by", FieldType.String)]
    layer.dataProvider().addAttributes(fields)
    layer.updateFields()
    if base_qml:
        doc = QDomDocument()
        if doc.setContent(base_qml):
            layer.importNamedStyle(doc)
    form = layer.editFormConfig()
    for name in TEAM_COLUMNS:
        form.setReadOnly(layer.fields().indexOf(name), True)
    layer.setEditFormConfig(form)
    layer.setDefaultValueDefinition(layer.fields().indexOf("row_version"),
                                    QgsDefaultValue(TEAM_DEFAULT_EXPRESSION, True))
    doc = QDomDocument()
    layer.exportNamedStyle(doc)
    return doc.toString()


def _install_team_styles(cur, schema: str, infos: list, styles: list) -> None:
    for info in infos:
        if info.name not in TEAM_LAYERS:
            continue
        base = None
        for s in styles:
            if s.get("f_table_name") == info.name and s.get("styleqml"):
                if base is None or s.get("useasdefault"):
                    base = s.get("styleqml")
        qml = team_style_qml(info, base)
        if not qml:
            continue
        cur.execute("DELETE FROM public.layer_styles WHERE f_table_catalog = current_database() AND "
                    "f_table_schema = %s AND f_table_name = %s AND stylename = %s", (schema, info.name,
                                                                                    TEAM_STYLE_NAME))
        cur.execute("SELECT greatest(CURRENT_TIMESTAMP::timestamp, max(update_time) + interval '1 second') FROM "
                    "public.layer_styles WHERE f_table_catalog = current_database() AND f_table_schema = %s AND "
                    "f_table_name = %s", (schema, info.name))
        when = cur.fetchone()[0]
        insert_style(cur, schema, {
            "f_table_name": info.name, "f_geometry_column": info.geometry_column or "", "stylename": TEAM_STYLE_NAME,
            "styleqml": qml, "stylesld": None, "useasdefault": True, "update_time": when,
            "description": "Internet Desa Kaltim: team editing (sends row_version with every change); do not delete"})


def _planned_sites_info(infos: list) -> TableInfo:
    srid = next((i.srid for i in infos if i.name in ("sites", "villages") and i.srid), 4326)
    from osgeo import ogr

    return TableInfo(name="planned_sites", kind="features", fid_column="fid", geometry_column="geom",
                     geometry_type=ogr.wkbPoint, srid=srid, description="Planned sites (team editing)",
                     fields=[FieldInfo(n, t) for n, t in PLANNED_SITE_FIELDS])
