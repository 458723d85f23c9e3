"""The PostgreSQL/PostGIS back end of a plan (team mode): one schema per plan.

Publishing copies every layer/table of a plan GeoPackage into a new schema in ONE transaction, then compares
per-table row counts and checksums (``checksums.py``) inside that transaction, and only then commits: a server
that stops, a killed backend or a checksum difference leaves no half-written plan (the schema does not exist,
or with OVERWRITE the previous plan is untouched). Exporting reads one consistent snapshot (REPEATABLE READ),
writes a temporary GeoPackage, compares checksums and only then moves it over the output file.

Connections: pass the NAME of a saved QGIS PostgreSQL connection (credentials from QGIS's authentication
database at run time, see ``connections.py``) or an open psycopg2 connection (the caller then owns it).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
from typing import Callable, Optional

from ..i18n import tr
from . import gpkg_store
from .checksums import checksum_rows, compare
from .connections import connect as connect_saved
from .errors import (
    ConflictError,
    ConnectionFailedError,
    PermissionDeniedError,
    SchemaTooNewError,
    StoreError,
)
from .migrations import SCHEMA_VERSION, postgis_steps, render
from .model import (
    CORE_TABLES,
    PLANNED_SITE_FIELDS,
    TEAM_COLUMNS,
    TEAM_LAYERS,
    TEAM_STYLE_NAME,
    VOLATILE_META,
    FieldInfo,
    TableInfo,
)

ROLE_VIEWER, ROLE_EDITOR, ROLE_ADMIN = "kaltim_viewer", "kaltim_editor", "kaltim_admin"
KAB_ROLE_PREFIX = "kaltim_kab_"
_SCHEMA_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
TEAM_DEFAULT_EXPRESSION = 'if("row_version" > 0, -"row_version", "row_version")'


@dataclasses.dataclass
class CopyResult:
    tables: list
    rows: int
    checksums_ok: bool
    source: dict
    target: dict
    problems: list


# ------------------------------------------------------------------------------------------------ helpers
def qi(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def qt(schema: str, table: str) -> str:
    return f"{qi(schema)}.{qi(table)}"


def check_schema_name(schema: str) -> str:
    schema = (schema or "").strip()
    if not _SCHEMA_RE.match(schema) or schema in ("public", "pg_catalog", "information_schema"):
        raise StoreError(tr("'{schema}' cannot be used as the plan's schema: use lowercase letters, digits and "
                            "underscores, starting with a letter (e.g. kaltim_plan), and not 'public'.")
                         .format(schema=schema))
    return schema


class _Session:
    """Opens a saved connection by name (and closes it), or borrows an open psycopg2 connection."""

    def __init__(self, connection):
        self.connection = connection
        self.owned = isinstance(connection, str)
        self.conn = None

    def __enter__(self):
        if self.owned:
            self.conn = connect_saved(self.connection)
        else:
            self.conn = self.connection
            self.autocommit = self.conn.autocommit
            if self.autocommit:  # every operation here is ONE explicit transaction
                self.conn.autocommit = False
            with self.conn.cursor() as cur:
                cur.execute("SET TIME ZONE 'UTC'")
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        if self.conn is None:
            return
        try:
            if exc_type is not None and not self.conn.closed:
                self.conn.rollback()
        except Exception:  # noqa: BLE001 - the connection may be gone (server stopped)
            pass
        if self.owned:
            try:
                self.conn.close()
            except Exception:  # noqa: BLE001
                pass
        elif getattr(self, "autocommit", False) and not self.conn.closed:
            try:
                self.conn.rollback()
                self.conn.autocommit = True
            except Exception:  # noqa: BLE001
                pass


def explain_error(exc: Exception, table: str = "", fid=None) -> StoreError:
    """A translated StoreError for a psycopg2 error raised by the plan's triggers, privileges or the network."""
    import psycopg2

    if isinstance(exc, StoreError):
        return exc
    code = getattr(exc, "pgcode", None)
    diag = getattr(exc, "diag", None)
    primary = (getattr(diag, "message_primary", None) or str(exc)).strip()
    detail = getattr(diag, "message_detail", None) or ""
    if code == "KT409" or "conflict:" in primary:
        return ConflictError(conflict_message(primary, detail), table, fid)
    if code in ("KT403", "42501"):
        return PermissionDeniedError(tr(
            "The database refused the change: {reason}. Your database role may not change this (viewers may only "
            "read; a kab/kota office may only edit its own villages). Ask the plan's administrator.")
            .format(reason=primary))
    if code == "KT423":
        return StoreError(tr("The status history is append-only: entries cannot be changed or deleted."))
    if isinstance(exc, (psycopg2.OperationalError, psycopg2.InterfaceError)):
        return ConnectionFailedError(tr(
            "The connection to the database was lost ({reason}). Nothing of this operation was saved: the database "
            "rolled it back as a whole. Try again when the server is reachable.").format(reason=primary or "-"))
    return StoreError(tr("Database error: {reason}").format(reason=primary))


def conflict_message(server_text: str, detail: str = "") -> str:
    """User message for a 'conflict: <table> <key> was changed by <user> at <time>; reload' server error."""
    m = re.search(r"conflict: (\S+) (.+?) was changed by (.+?) at (.+?); reload", server_text or "")
    if m:
        table, key, who, when = m.groups()
    else:
        table, key, who, when = "?", "?", "?", "?"
    text = tr("Edit conflict: {table} {key} was changed by {who} at {when} after you loaded it. Your change was "
              "NOT saved (nothing was overwritten). Reload the layer to see the current version, then make your "
              "change again.").format(table=table, key=key, who=who, when=when)
    return text + (f" ({detail})" if detail else "")


def _table_exists(cur, schema: str, table: str) -> bool:
    cur.execute("SELECT to_regclass(%s) IS NOT NULL", (qt(schema, table),))
    return cur.fetchone()[0]


def schema_exists(cur, schema: str) -> bool:
    cur.execute("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = %s)", (schema,))
    return cur.fetchone()[0]


def pg_schema_version(cur, schema: str) -> int:
    """The plan schema's version (0: no plan_meta, i.e. not a plan yet)."""
    if not _table_exists(cur, schema, "plan_meta"):
        return 0
    cur.execute(f"SELECT value FROM {qt(schema, 'plan_meta')} WHERE key = 'schema_version'")
    row = cur.fetchone()
    try:
        return int(row[0]) if row else 0
    except (TypeError, ValueError):
        return 0


def _lock(cur, schema: str) -> None:
    cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", ("kaltim_plan:" + schema,))


def apply_migrations(cur, schema: str) -> int:
    """Create or upgrade the plan schema inside the current transaction. Returns the version found before.

    Refuses (SchemaTooNewError) a schema made by a newer plugin."""
    _lock(cur, schema)
    if not schema_exists(cur, schema):
        cur.execute(f"CREATE SCHEMA {qi(schema)}")
    found = pg_schema_version(cur, schema)
    gpkg_store.check_version(found)
    steps = postgis_steps()
    for version in range(found + 1, SCHEMA_VERSION + 1):
        cur.execute(render(steps[version], schema))
        cur.execute(f"INSERT INTO {qt(schema, 'plan_meta')} (key, value) VALUES ('schema_version', %s) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(version),))
        cur.execute(f"INSERT INTO {qt(schema, 'plan_meta')} (key, value) VALUES ('migrated_at', now()::text) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
    return found


def migrate(connection, schema: str = "kaltim_plan") -> tuple:
    """Create or upgrade a plan schema (one transaction). Returns (version before, version now)."""
    import psycopg2

    schema = check_schema_name(schema)
    with _Session(connection) as conn:
        try:
            with conn.cursor() as cur:
                found = apply_migrations(cur, schema)
                if found < SCHEMA_VERSION and _roles_exist(cur):
                    cur.execute(f"SELECT {qi(schema)}.kaltim_enable_table(table_name) FROM "
                                f"{qt(schema, 'plan_layers')}")
                    apply_security(cur, schema)
            conn.commit()
        except psycopg2.Error as exc:
            conn.rollback()
            raise explain_error(exc) from None
    return found, SCHEMA_VERSION


def check_plan(cur, schema: str) -> int:
    """Version of an existing plan schema; refuses a newer one, complains if there is no plan."""
    if not schema_exists(cur, schema) or not _table_exists(cur, schema, "plan_meta"):
        raise StoreError(tr("There is no plan in schema '{schema}' of this database. Publish a plan first "
                            "(Processing: Publish plan to PostGIS).").format(schema=schema))
    found = pg_schema_version(cur, schema)
    gpkg_store.check_version(found)
    return found


# ------------------------------------------------------------------------------------------------ types
def pg_type(f: FieldInfo) -> str:
    if f.type == "String":
        if f.subtype == "JSON":
            return "json"
        return f"varchar({int(f.width)})" if f.width else "text"
    if f.type == "Integer":
        return {"Boolean": "boolean", "Int16": "smallint"}.get(f.subtype, "integer")
    return {"Integer64": "bigint", "Real": "double precision", "Date": "date", "Time": "time",
            "DateTime": "timestamptz", "Binary": "bytea"}.get(f.type, "text")


def field_from_pg(name: str, data_type: str, char_len) -> FieldInfo:
    dtype = data_type.lower()
    mapping = {"smallint": ("Integer", "Int16"), "integer": ("Integer", "None"), "bigint": ("Integer64", "None"),
               "boolean": ("Integer", "Boolean"), "real": ("Real", "Float32"), "double precision": ("Real", "None"),
               "numeric": ("Real", "None"), "date": ("Date", "None"), "time without time zone": ("Time", "None"),
               "timestamp with time zone": ("DateTime", "None"), "timestamp without time zone": ("DateTime", "None"),
               "bytea": ("Binary", "None"), "json": ("String", "JSON"), "jsonb": ("String", "JSON")}
    ftype, sub = mapping.get(dtype, ("String", "None"))
    return FieldInfo(name, ftype, sub, int(char_len or 0) if dtype == "character varying" else 0, 0)


_PG_GEOM = {1: "POINT", 2: "LINESTRING", 3: "POLYGON", 4: "MULTIPOINT", 5: "MULTILINESTRING", 6: "MULTIPOLYGON",
            7: "GEOMETRYCOLLECTION"}


def pg_geometry_type(ogr_type: int) -> str:
    from osgeo import ogr

    flat = ogr.GT_Flatten(ogr_type)
    name = _PG_GEOM.get(flat, "GEOMETRY")
    if name != "GEOMETRY":
        if ogr.GT_HasZ(ogr_type) and ogr.GT_HasM(ogr_type):
            name += "ZM"
        elif ogr.GT_HasZ(ogr_type):
            name += "Z"
        elif ogr.GT_HasM(ogr_type):
            name += "M"
    return name


def ogr_geometry_type(pg_name: str, dims: int) -> int:
    from osgeo import ogr

    base = pg_name.upper().rstrip("M") if pg_name.upper().endswith("M") and pg_name.upper() != "GEOMETRY" else \
        pg_name.upper()
    base = base[:-1] if base.endswith("Z") else base
    inverse = {v: k for k, v in _PG_GEOM.items()}
    code = inverse.get(base, ogr.wkbUnknown)
    if dims >= 3:
        code = ogr.GT_SetZ(code)
    return code


def _columns(cur, schema: str, table: str) -> dict:
    cur.execute("SELECT column_name, data_type, udt_name, character_maximum_length FROM information_schema.columns "
                "WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position", (schema, table))
    return {r[0]: (r[1], r[2], r[3]) for r in cur.fetchall()}


def _select_expr(column: str, data_type: str, udt: str) -> str:
    if udt == "geometry":
        return f"ST_AsBinary({qi(column)}, 'NDR')"
    if data_type in ("json", "jsonb", "xml", "uuid", "USER-DEFINED", "ARRAY", "interval") or udt in ("json", "jsonb"):
        return f"{qi(column)}::text"
    if data_type == "numeric":
        return f"{qi(column)}::float8"
    return qi(column)


def _select_list(cur, schema: str, info: TableInfo) -> str:
    cols = _columns(cur, schema, info.name)
    exprs = []
    for name in info.columns:
        if name in cols:
            exprs.append(_select_expr(name, cols[name][0], cols[name][1]))
        else:
            exprs.append("NULL")
    return ", ".join(exprs)


def iter_pg_rows(conn, schema: str, info: TableInfo, batch: int = 2000):
    """Rows of a PostGIS plan table in the canonical column order of ``info``, ordered by the fid."""
    with conn.cursor() as meta:
        select = _select_list(meta, schema, info)
    with conn.cursor() as cur:
        cur.execute(f"SELECT {select} FROM {qt(schema, info.name)} ORDER BY {qi(info.fid_column)}")
        while True:
            rows = cur.fetchmany(batch)
            if not rows:
                break
            for row in rows:
                yield tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)


def pg_table_infos(cur, schema: str) -> list:
    """TableInfo of every plan table in the schema (catalogued layers + the core tables), team columns left out."""
    cur.execute(f"SELECT table_name, kind, fid_column, geometry_column, geometry_type, srid, description, fields "
                f"FROM {qt(schema, 'plan_layers')} ORDER BY ordinal NULLS LAST, table_name")
    registry = {r[0]: r for r in cur.fetchall()}
    names = list(registry)
    for core in CORE_TABLES:
        if core not in registry and _table_exists(cur, schema, core):
            names.append(core)
    infos = []
    for name in names:
        reg = registry.get(name)
        cols = _columns(cur, schema, name)
        if not cols:
            continue
        known = {}
        if reg and reg[7]:
            fields_json = reg[7] if isinstance(reg[7], list) else json.loads(reg[7])
            known = {f["name"]: FieldInfo(**f) for f in fields_json}
        fid_col = reg[2] if reg else ("id" if "id" in cols else "fid")
        geom_col, gtype, srid = None, 0, 0
        cur.execute("SELECT f_geometry_column, type, srid, coord_dimension FROM geometry_columns "
                    "WHERE f_table_schema = %s AND f_table_name = %s", (schema, name))
        geo = cur.fetchone()
        if geo:
            geom_col, srid = geo[0], int(geo[2] or 0)
            gtype = int(reg[4]) if reg and reg[4] and reg[3] == geom_col else ogr_geometry_type(geo[1], geo[3] or 2)
        fields = []
        for col, (data_type, _udt, char_len) in cols.items():
            if col in (fid_col, geom_col) or (name in TEAM_LAYERS and col in TEAM_COLUMNS):
                continue
            fields.append(known.get(col) or field_from_pg(col, data_type, char_len))
        infos.append(TableInfo(name=name, kind="features" if geom_col else "attributes", fid_column=fid_col,
                               geometry_column=geom_col, geometry_type=gtype, srid=srid,
                               description=(reg[6] if reg else "") or "", fields=fields))
    return infos


# ------------------------------------------------------------------------------------------------ checksums
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


def read_pg_meta(cur, schema: str) -> dict:
    cur.execute(f"SELECT key, value FROM {qt(schema, 'plan_meta')}")
    return dict(cur.fetchall())


def pg_checksums(conn, schema: str, infos: list) -> dict:
    out = {}
    for info in infos:
        out[info.name] = checksum_rows(info.name, iter_pg_rows(conn, schema, info), info.kinds).as_dict()
    with conn.cursor() as cur:
        meta = read_pg_meta(cur, schema)
        styles = read_pg_styles(cur, schema)
    out["@plan_meta"] = checksum_rows("@plan_meta", gpkg_store.meta_rows(meta), sort=True).as_dict()
    kinds = ["", "", "", "xml", "xml", "", "", "xml"]
    out["@layer_styles"] = checksum_rows("@layer_styles", gpkg_store.style_rows(styles), kinds, sort=True).as_dict()
    return out


# ------------------------------------------------------------------------------------------------ publish
def _create_table(cur, schema: str, info: TableInfo, max_fid: int) -> None:
    if _table_exists(cur, schema, info.name):  # a core table (fixed schema): add the source's extra fields
        existing = _columns(cur, schema, info.name)
        for f in info.fields:
            if f.name not in existing:
                cur.execute(f"ALTER TABLE {qt(schema, info.name)} ADD COLUMN {qi(f.name)} {pg_type(f)}")
        return
    serial = "serial" if max_fid < 2**31 - 1 else "bigserial"
    cols = [f"{qi(info.fid_column)} {serial} PRIMARY KEY"]
    cols += [f"{qi(f.name)} {pg_type(f)}" for f in info.fields]
    if info.geometry_column:
        cols.append(f"{qi(info.geometry_column)} geometry({pg_geometry_type(info.geometry_type)}, {int(info.srid)})")
    cur.execute(f"CREATE TABLE {qt(schema, info.name)} ({', '.join(cols)})")
    if info.geometry_column:
        cur.execute(f"CREATE INDEX {qi(info.name + '_' + info.geometry_column + '_gist')} ON "
                    f"{qt(schema, info.name)} USING gist ({qi(info.geometry_column)})")
    if info.description:
        cur.execute(f"COMMENT ON TABLE {qt(schema, info.name)} IS %s", (info.description,))


def _insert_rows(cur, schema: str, info: TableInfo, rows: list, progress: Optional[Callable] = None) -> None:
    import psycopg2
    from psycopg2.extras import execute_values

    names = [info.fid_column] + [f.name for f in info.fields]
    template = ["%s"] * len(names)
    if info.geometry_column:
        names.append(info.geometry_column)
        template.append(f"ST_GeomFromWKB(%s, {int(info.srid)})")
    bools = [i for i, f in enumerate(info.fields, start=1) if f.subtype == "Boolean"]
    sql = f"INSERT INTO {qt(schema, info.name)} ({', '.join(qi(n) for n in names)}) VALUES %s"
    page = []

    def flush():
        execute_values(cur, sql, page, template="(" + ", ".join(template) + ")", page_size=len(page))
        if progress:
            progress(len(page))
        page.clear()

    for row in rows:
        values = list(row)
        for i in bools:
            if values[i] is not None:
                values[i] = bool(values[i])
        for i, v in enumerate(values):
            if isinstance(v, (bytes, bytearray)):
                values[i] = psycopg2.Binary(v)
        page.append(tuple(values))
        if len(page) >= 500:
            flush()
    if page:
        flush()
    if rows:
        cur.execute(f"SELECT setval(pg_get_serial_sequence(%s, %s), (SELECT max({qi(info.fid_column)}) FROM "
                    f"{qt(schema, info.name)}))", (qt(schema, info.name), info.fid_column))


def _register(cur, schema: str, info: TableInfo, ordinal: int) -> None:
    cur.execute(f"INSERT INTO {qt(schema, 'plan_layers')} (table_name, kind, fid_column, geometry_column, "
                "geometry_type, srid, description, ordinal, fields) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (table_name) DO UPDATE SET kind = excluded.kind, fid_column = excluded.fid_column, "
                "geometry_column = excluded.geometry_column, geometry_type = excluded.geometry_type, "
                "srid = excluded.srid, description = excluded.description, ordinal = excluded.ordinal, "
                "fields = excluded.fields",
                (info.name, info.kind, info.fid_column, info.geometry_column, info.geometry_type or None,
                 info.srid or None, info.description, ordinal, json.dumps([f.as_dict() for f in info.fields])))


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

        from ..compat import FieldType
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


def _report(feedback, text: str) -> None:
    if feedback is not None:
        feedback.pushInfo(text)


def publish_plan(gpkg_path: str, connection, schema: str = "kaltim_plan", overwrite: bool = False,
                 feedback=None, progress: Optional[Callable[[float], None]] = None) -> CopyResult:
    """Copy a plan GeoPackage into a PostGIS schema, verified by checksums, in ONE transaction.

    ``progress(percent)`` is called while copying (``feedback.setProgress`` too); ``feedback.isCanceled()``
    aborts (rolls back). Raises StoreError (translated) on any problem; nothing is then changed in the database.
    """
    import psycopg2

    schema = check_schema_name(schema)
    gpkg_path = str(gpkg_path)
    if os.path.exists(gpkg_path):
        gpkg_store.check_version(gpkg_store.schema_version(gpkg_path))
    infos = gpkg_store.list_tables(gpkg_path)
    if not infos:
        raise StoreError(tr("{path} holds no layer or table to publish.").format(path=gpkg_path))
    ds = gpkg_store.open_plan(gpkg_path)
    source = gpkg_store.checksums(gpkg_path, infos)
    src_meta = gpkg_store.read_meta(gpkg_path)
    src_styles = gpkg_store.read_styles(gpkg_path)
    total_rows = sum(v["rows"] for k, v in source.items() if not k.startswith("@")) or 1
    done = [0]

    def step(n=0):
        done[0] += n
        pct = min(95.0, 5.0 + 85.0 * done[0] / total_rows)
        if feedback is not None:
            if feedback.isCanceled():
                raise StoreError(tr("Publishing was cancelled; nothing was saved."))
            feedback.setProgress(pct)
        if progress is not None:
            progress(pct)

    with _Session(connection) as conn:
        try:
            with conn.cursor() as cur:
                _lock(cur, schema)
                cur.execute("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis')")
                if not cur.fetchone()[0]:
                    raise StoreError(tr("The database has no PostGIS: an administrator must run "
                                        "CREATE EXTENSION postgis; in it first."))
                if schema_exists(cur, schema):
                    gpkg_store.check_version(pg_schema_version(cur, schema))
                    if not overwrite:
                        raise StoreError(tr("Schema '{schema}' already exists in this database. Choose another "
                                            "schema or allow overwriting it.").format(schema=schema))
                    _report(feedback, tr("Replacing the plan in schema '{schema}'").format(schema=schema))
                    cur.execute(f"DROP SCHEMA {qi(schema)} CASCADE")
                    if _table_exists(cur, "public", "layer_styles"):
                        cur.execute("DELETE FROM public.layer_styles WHERE f_table_catalog = current_database() "
                                    "AND f_table_schema = %s", (schema,))
                apply_migrations(cur, schema)
                targets = []
                for ordinal, info in enumerate(infos):
                    rows = gpkg_store.iter_rows(ds, info)
                    target = info
                    if info.name in CORE_TABLES and info.fid_column != "id":
                        target = dataclasses.replace(info, fid_column="id")
                    max_fid = max((r[0] for r in rows), default=0)
                    _create_table(cur, schema, target, max_fid)
                    _insert_rows(cur, schema, target, rows, progress=step)
                    _register(cur, schema, target, ordinal)
                    targets.append(target)
                    _report(feedback, tr("Copied {table}: {rows} rows").format(table=info.name, rows=len(rows)))
                    step(0)
                if not any(i.name == "planned_sites" for i in infos):
                    ps = _planned_sites_info(infos)
                    _create_table(cur, schema, ps, 0)
                    _register(cur, schema, ps, len(infos))
                    _report(feedback, tr("Created an empty planned_sites layer for team editing"))
                for core in CORE_TABLES:
                    if not any(i.name == core for i in infos):
                        cur.execute(f"INSERT INTO {qt(schema, 'plan_layers')} (table_name, kind, fid_column, "
                                    "ordinal) VALUES (%s, 'attributes', 'id', 1000) ON CONFLICT DO NOTHING", (core,))
                for key, value in gpkg_store.meta_rows(src_meta):
                    cur.execute(f"INSERT INTO {qt(schema, 'plan_meta')} (key, value) VALUES (%s, %s) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
                cur.execute(f"INSERT INTO {qt(schema, 'plan_meta')} (key, value) VALUES ('published_at', now()::text),"
                            " ('published_by', session_user), ('published_from', %s) ON CONFLICT (key) DO UPDATE "
                            "SET value = excluded.value", (os.path.basename(gpkg_path),))
                for style in src_styles:
                    insert_style(cur, schema, style)
                cur.execute(f"SELECT {qi(schema)}.kaltim_enable_table(table_name) FROM {qt(schema, 'plan_layers')}")
                all_infos = pg_table_infos(cur, schema)
                _install_team_styles(cur, schema, all_infos, src_styles)
                if _roles_exist(cur):
                    apply_security(cur, schema)
            target_sums = pg_checksums(conn, schema, targets)
            problems = compare(source, target_sums)
            if problems:
                raise StoreError(_problem_text(problems))
            if feedback is not None and feedback.isCanceled():
                raise StoreError(tr("Publishing was cancelled; nothing was saved."))
            conn.commit()
        except psycopg2.Error as exc:
            try:
                conn.rollback()
            except Exception:  # noqa: BLE001
                pass
            raise explain_error(exc) from None
        except BaseException:
            try:
                conn.rollback()
            except Exception:  # noqa: BLE001
                pass
            raise
    if progress is not None:
        progress(100.0)
    rows = sum(v["rows"] for k, v in source.items() if not k.startswith("@"))
    return CopyResult([i.name for i in infos], rows, True, source, target_sums, [])


def _problem_text(problems: list) -> str:
    parts = []
    for name, want, got in problems:
        if got is None:
            parts.append(tr("{table}: missing in the copy").format(table=name))
        else:
            parts.append(tr("{table}: {rows_src} rows (checksum {md5_src}) in the source, {rows_dst} rows (checksum "
                            "{md5_dst}) in the copy").format(table=name, rows_src=want["rows"], md5_src=want["md5"][:8],
                                                             rows_dst=got["rows"], md5_dst=got["md5"][:8]))
    return tr("The copy differs from the source, so nothing was saved: {problems}").format(problems="; ".join(parts))


# ------------------------------------------------------------------------------------------------ export
def export_plan(connection, schema: str, gpkg_path: str, feedback=None) -> CopyResult:
    """Copy a PostGIS plan back to a GeoPackage (one consistent snapshot; the file appears only if verified)."""
    import psycopg2

    schema = check_schema_name(schema)
    gpkg_path = str(gpkg_path)
    tmp = f"{gpkg_path}.part{os.getpid()}.gpkg"
    if os.path.exists(tmp):
        os.remove(tmp)
    with _Session(connection) as conn:
        try:
            conn.rollback()
            conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
            with conn.cursor() as cur:
                cur.execute("SET TIME ZONE 'UTC'")
                check_plan(cur, schema)
                infos = pg_table_infos(cur, schema)
                styles = read_pg_styles(cur, schema)
                meta = read_pg_meta(cur, schema)
            ogr = gpkg_store._ogr()
            ds = ogr.GetDriverByName("GPKG").CreateDataSource(tmp)
            total = 0
            for n, info in enumerate(infos):
                layer = gpkg_store.create_table(ds, info)
                ds.StartTransaction()
                count = gpkg_store.write_rows(layer, info, iter_pg_rows(conn, schema, info))
                ds.CommitTransaction()
                total += count
                _report(feedback, tr("Copied {table}: {rows} rows").format(table=info.name, rows=count))
                if feedback is not None:
                    feedback.setProgress(5 + 80 * (n + 1) / max(1, len(infos)))
                    if feedback.isCanceled():
                        raise StoreError(tr("Export was cancelled; no file was written."))
            gpkg_store.write_styles(ds, styles)
            ds = None
            gpkg_store.ensure_schema(tmp)
            values = {k: v for k, v in meta.items() if k not in VOLATILE_META}
            values.update({"exported_at": dt.datetime.now(dt.timezone.utc).isoformat(), "exported_from": schema})
            gpkg_store.set_meta(tmp, values)
            target = gpkg_store.checksums(tmp, infos)
            source = pg_checksums(conn, schema, infos)
            conn.rollback()
        except psycopg2.Error as exc:
            _remove(tmp)
            raise explain_error(exc) from None
        except BaseException:
            _remove(tmp)
            raise
        finally:
            try:
                conn.set_session(isolation_level="READ COMMITTED", readonly=False)
            except Exception:  # noqa: BLE001
                pass
    problems = compare(source, target)
    if problems:
        _remove(tmp)
        raise StoreError(_problem_text(problems))
    os.replace(tmp, gpkg_path)
    return CopyResult([i.name for i in infos], total, True, source, target, [])


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


# ------------------------------------------------------------------------------------------------ team set-up
def _roles_exist(cur) -> bool:
    cur.execute("SELECT count(*) FROM pg_roles WHERE rolname IN (%s, %s, %s)", (ROLE_VIEWER, ROLE_EDITOR, ROLE_ADMIN))
    return cur.fetchone()[0] == 3


def kab_role_name(kode_kab: str) -> str:
    digits = re.sub(r"[^0-9A-Za-z]", "", str(kode_kab)).lower()
    if not digits:
        raise StoreError(tr("'{code}' is not a kab/kota code (expected e.g. 64.01).").format(code=kode_kab))
    return KAB_ROLE_PREFIX + digits


def ensure_roles(cur) -> list:
    created = []
    for role in (ROLE_VIEWER, ROLE_EDITOR, ROLE_ADMIN):
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
        if cur.fetchone() is None:
            cur.execute(f"CREATE ROLE {qi(role)} NOLOGIN")
            created.append(role)
    cur.execute(f"GRANT {qi(ROLE_VIEWER)} TO {qi(ROLE_EDITOR)}")
    cur.execute(f"GRANT {qi(ROLE_EDITOR)} TO {qi(ROLE_ADMIN)}")
    cur.execute("SELECT current_database()")
    db = qi(cur.fetchone()[0])
    cur.execute(f"GRANT CONNECT ON DATABASE {db} TO {qi(ROLE_VIEWER)}")
    cur.execute(f"GRANT CREATE, TEMPORARY ON DATABASE {db} TO {qi(ROLE_ADMIN)}")  # publish/replace plan schemas
    return created


def ensure_kab_role(cur, kode_kab: str) -> str:
    role = kab_role_name(kode_kab)
    cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
    if cur.fetchone() is None:
        cur.execute(f"CREATE ROLE {qi(role)} NOLOGIN")
    cur.execute(f"GRANT {qi(ROLE_EDITOR)} TO {qi(role)}")
    return role


def _plan_tables(cur, schema: str) -> list:
    cur.execute(f"SELECT table_name FROM {qt(schema, 'plan_layers')} ORDER BY ordinal NULLS LAST, table_name")
    return [r[0] for r in cur.fetchall() if _table_exists(cur, schema, r[0])]


def apply_security(cur, schema: str) -> dict:
    """Ownership (kaltim_admin), grants (viewer: read; editor: edit plan tables) and row-level security on
    every table with a ``kode_kab`` column. Idempotent; the roles must exist (ensure_roles)."""
    cur.execute("SELECT rolsuper OR pg_has_role(current_user, %s, 'MEMBER') FROM pg_roles WHERE rolname = "
                "current_user", (ROLE_ADMIN,))
    can_own = bool(cur.fetchone()[0])
    cur.execute("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = %s AND c.relkind IN ('r', 'p', 'v') AND c.relowner::regrole::text <> %s",
                (schema, ROLE_ADMIN))
    relations = [r[0] for r in cur.fetchall()]
    if can_own:  # only what is not yet owned by kaltim_admin (an admin member may lack CREATE on the database)
        cur.execute("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = %s", (schema,))
        if cur.fetchone()[0] != ROLE_ADMIN:
            cur.execute(f"ALTER SCHEMA {qi(schema)} OWNER TO {qi(ROLE_ADMIN)}")
        for rel in relations:
            cur.execute(f"ALTER TABLE {qt(schema, rel)} OWNER TO {qi(ROLE_ADMIN)}")
        cur.execute("SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                    "WHERE n.nspname = %s AND p.proowner::regrole::text <> %s", (schema, ROLE_ADMIN))
        for (sig,) in cur.fetchall():
            cur.execute(f"ALTER FUNCTION {sig} OWNER TO {qi(ROLE_ADMIN)}")
    cur.execute(f"REVOKE ALL ON SCHEMA {qi(schema)} FROM PUBLIC")
    cur.execute(f"GRANT USAGE ON SCHEMA {qi(schema)} TO {qi(ROLE_VIEWER)}")
    cur.execute(f"GRANT ALL ON SCHEMA {qi(schema)} TO {qi(ROLE_ADMIN)}")
    cur.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA {qi(schema)} FROM PUBLIC")
    cur.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {qi(schema)} TO {qi(ROLE_VIEWER)}")
    cur.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {qi(schema)} TO {qi(ROLE_EDITOR)}")
    cur.execute(f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {qi(schema)} TO {qi(ROLE_VIEWER)}")
    plan = _plan_tables(cur, schema)
    editable = [t for t in plan if t not in CORE_TABLES]
    for table in editable:
        cur.execute(f"GRANT INSERT, UPDATE, DELETE ON {qt(schema, table)} TO {qi(ROLE_EDITOR)}")
    cur.execute(f"GRANT INSERT ON {qt(schema, 'status_history')} TO {qi(ROLE_EDITOR)}")
    if _table_exists(cur, "public", "layer_styles"):
        cur.execute("SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c WHERE c.oid = "
                    "'public.layer_styles'::regclass")
        if cur.fetchone()[0]:
            cur.execute(f"GRANT SELECT ON public.layer_styles TO {qi(ROLE_VIEWER)}")
            cur.execute(f"GRANT DELETE ON public.layer_styles TO {qi(ROLE_ADMIN)}")
            cur.execute(f"GRANT INSERT, UPDATE ON public.layer_styles TO {qi(ROLE_EDITOR)}")
            cur.execute(f"GRANT USAGE, SELECT ON SEQUENCE public.layer_styles_id_seq TO {qi(ROLE_EDITOR)}")
    secured = []
    fn = f"{qi(schema)}.kaltim_may_edit_kab"
    for table in editable:
        if "kode_kab" not in _columns(cur, schema, table):
            continue
        tq = qt(schema, table)
        cur.execute(f"ALTER TABLE {tq} ENABLE ROW LEVEL SECURITY")
        for name in ("kaltim_read", "kaltim_insert", "kaltim_update", "kaltim_delete"):
            cur.execute(f"DROP POLICY IF EXISTS {name} ON {tq}")
        cur.execute(f"CREATE POLICY kaltim_read ON {tq} FOR SELECT USING (true)")
        cur.execute(f"CREATE POLICY kaltim_insert ON {tq} FOR INSERT WITH CHECK ({fn}(kode_kab))")
        # UPDATE/DELETE: the rows stay visible to the statement (USING true) so that the kab guard trigger can
        # refuse another kab/kota's row with a clear error; a hidden row would make QGIS report success while
        # nothing was saved. WITH CHECK still refuses moving a row into another kab/kota.
        cur.execute(f"CREATE POLICY kaltim_update ON {tq} FOR UPDATE USING (true) WITH CHECK ({fn}(kode_kab))")
        cur.execute(f"CREATE POLICY kaltim_delete ON {tq} FOR DELETE USING (true)")
        cur.execute(f"SELECT {qi(schema)}.kaltim_enable_table(%s)", (table,))
        secured.append(table)
    return {"tables": plan, "rls_tables": secured}


def setup_team_db(connection, schema: str = "kaltim_plan", feedback=None) -> dict:
    """Roles, schema (created/upgraded), triggers, grants, kab/kota roles and row-level security. Idempotent.

    Run as a PostgreSQL superuser or a user with CREATEROLE that owns the database."""
    import psycopg2

    schema = check_schema_name(schema)
    with _Session(connection) as conn:
        try:
            with conn.cursor() as cur:
                _lock(cur, schema)
                created = ensure_roles(cur)
                before = apply_migrations(cur, schema)
                cur.execute(f"SELECT {qi(schema)}.kaltim_enable_table(table_name) FROM {qt(schema, 'plan_layers')}")
                kab_roles = []
                if _table_exists(cur, schema, "villages") and "kode_kab" in _columns(cur, schema, "villages"):
                    cur.execute(f"SELECT DISTINCT kode_kab FROM {qt(schema, 'villages')} WHERE kode_kab IS NOT NULL "
                                "ORDER BY 1")
                    for (code,) in cur.fetchall():
                        kab_roles.append(ensure_kab_role(cur, code))
                security = apply_security(cur, schema)
                infos = [i for i in pg_table_infos(cur, schema) if i.name in TEAM_LAYERS]
                _install_team_styles(cur, schema, infos, [s for s in read_pg_styles(cur, schema)])
            conn.commit()
        except psycopg2.Error as exc:
            conn.rollback()
            raise explain_error(exc) from None
    _report(feedback, tr("Roles created: {roles}").format(roles=", ".join(created) or "-"))
    return {"roles_created": created, "kab_roles": kab_roles, "schema_version_before": before,
            "schema_version": SCHEMA_VERSION, **security}


def add_user(connection, username: str, password: Optional[str] = None, role: str = ROLE_EDITOR,
             kode_kab: Optional[str] = None) -> str:
    """Create a login (if missing) and grant it a plan role; ``kode_kab`` restricts an editor to that kab/kota."""
    import psycopg2

    if role not in (ROLE_VIEWER, ROLE_EDITOR, ROLE_ADMIN):
        raise StoreError(tr("Unknown role '{role}': use kaltim_viewer, kaltim_editor or kaltim_admin.")
                         .format(role=role))
    with _Session(connection) as conn:
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (username,))
                if cur.fetchone() is None:
                    if password:
                        cur.execute(f"CREATE ROLE {qi(username)} LOGIN PASSWORD %s", (password,))
                    else:
                        cur.execute(f"CREATE ROLE {qi(username)} LOGIN")
                target = ensure_kab_role(cur, kode_kab) if kode_kab else role
                cur.execute(f"GRANT {qi(target)} TO {qi(username)}")
            conn.commit()
        except psycopg2.Error as exc:
            conn.rollback()
            raise explain_error(exc) from None
    return target


# ------------------------------------------------------------------------------------------------ editing
def fetch_row(connection, schema: str, table: str, fid: int) -> dict:
    """The row as stored now (geometry as WKT), e.g. to reload a feature after a conflict. {} if deleted."""
    with _Session(connection) as conn:
        with conn.cursor() as cur:
            cols = _columns(cur, schema, table)
            exprs = [f"ST_AsText({qi(c)})" if v[1] == "geometry" else _select_expr(c, v[0], v[1])
                     for c, v in cols.items()]
            cur.execute(f"SELECT {', '.join(exprs)} FROM {qt(schema, table)} WHERE fid = %s", (fid,))
            row = cur.fetchone()
        if isinstance(connection, str):
            conn.rollback()
    return dict(zip(cols, row)) if row else {}


def save_row(connection, schema: str, table: str, fid: int, changes: dict, row_version: int) -> int:
    """Save ``changes`` ({column: value}) of one feature read at ``row_version``; returns the new version.

    Raises ConflictError (with ``current`` = the row as it is now) if someone saved it in between,
    PermissionDeniedError if the role may not, StoreError if the feature no longer exists."""
    import psycopg2

    cols = [c for c in changes if c not in TEAM_COLUMNS]
    sets = ", ".join(f"{qi(c)} = %s" for c in cols)
    sets = (sets + ", " if sets else "") + "row_version = %s"
    params = [changes[c] for c in cols] + [int(row_version), fid]
    with _Session(connection) as conn:
        try:
            with conn.cursor() as cur:
                cur.execute(f"UPDATE {qt(schema, table)} SET {sets} WHERE fid = %s RETURNING row_version", params)
                row = cur.fetchone()
            if row is None:
                conn.rollback()
                raise StoreError(tr("{table} feature {fid} no longer exists (someone deleted it, or you may not see "
                                    "it). Reload the layer.").format(table=table, fid=fid))
            conn.commit()
            return int(row[0])
        except psycopg2.Error as exc:
            conn.rollback()
            error = explain_error(exc, table, fid)
    if isinstance(error, ConflictError):
        error.current = fetch_row(connection, schema, table, fid)
    raise error


def reload_row(connection, schema: str, table: str, fid: int) -> dict:
    """Alias of fetch_row for the GUI's 'Reload' button after a conflict."""
    return fetch_row(connection, schema, table, fid)


def commit_layer(layer) -> tuple:
    """Save a QGIS layer's edits. Returns (True, '') or (False, translated message); a conflict keeps the edits
    in the buffer until the user reloads (reload_layer)."""
    if layer.commitChanges():
        return True, ""
    errors = "\n".join(layer.commitErrors())
    if "conflict:" in errors:
        m = re.search(r"conflict: [^\n]*?; reload", errors)
        return False, conflict_message(m.group(0) if m else errors)
    if "permission denied" in errors or "row-level security" in errors:
        m = re.search(r"(permission denied[^\n]*|new row violates[^\n]*)", errors)
        return False, tr("The database refused the change: {reason}. Your database role may not change this "
                         "(viewers may only read; a kab/kota office may only edit its own villages). Ask the plan's "
                         "administrator.").format(reason=m.group(0) if m else errors)
    return False, tr("Saving failed: {errors}").format(errors=errors)


def conflicting_features(layer) -> list:
    """Feature ids whose unsaved change was made on a version that is no longer the one in the database."""
    buffer = layer.editBuffer()
    idx = layer.fields().indexOf("row_version")
    if buffer is None or idx < 0:
        return []
    from qgis.core import QgsFeatureRequest

    pending = {}
    for fid, attrs in buffer.changedAttributeValues().items():
        if idx in attrs and attrs[idx] is not None:
            pending[fid] = abs(int(attrs[idx]))
    if not pending:
        return []
    request = QgsFeatureRequest().setFilterFids(list(pending)).setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setSubsetOfAttributes([idx])
    current = {f.id(): f[idx] for f in layer.dataProvider().getFeatures(request)}
    return sorted(fid for fid, version in pending.items() if current.get(fid) != version)


def reload_layer(layer, keep_other_edits: bool = False) -> list:
    """The 'Reload' action after a conflict: re-read the layer from the database.

    ``keep_other_edits=False`` discards every unsaved edit. ``True`` discards only the edits of the features that
    someone else changed meanwhile (returned as a list of feature ids) and keeps the others (and added/deleted
    features) in the edit buffer, ready to be saved again."""
    conflicts = conflicting_features(layer) if layer.isEditable() else []
    keep = None
    if keep_other_edits and layer.isEditable() and layer.editBuffer() is not None:
        buffer = layer.editBuffer()
        keep = ({fid: dict(attrs) for fid, attrs in buffer.changedAttributeValues().items() if fid not in conflicts},
                {fid: geom for fid, geom in buffer.changedGeometries().items() if fid not in conflicts},
                [layer.getFeature(fid) for fid in buffer.addedFeatures()],
                [fid for fid in buffer.deletedFeatureIds()])
    if layer.isEditable():
        layer.rollBack()
    layer.dataProvider().reloadData()
    layer.reload()
    if keep is not None and any(keep):
        attrs, geoms, added, deleted = keep
        layer.startEditing()
        for fid, values in attrs.items():
            for field, value in values.items():
                layer.changeAttributeValue(fid, field, value, None, True)
        for fid, geom in geoms.items():
            layer.changeGeometry(fid, geom, True)
        if added:
            layer.addFeatures(added)
        if deleted:
            layer.deleteFeatures(deleted)
    layer.triggerRepaint()
    return conflicts


def plan_layers(connection_name: str, schema: str = "kaltim_plan") -> list:
    """QgsVectorLayers for every table of a published plan, through the saved connection (authcfg, no password)."""
    from qgis.core import QgsVectorLayer

    with _Session(connection_name) as conn:
        with conn.cursor() as cur:
            check_plan(cur, schema)
            infos = pg_table_infos(cur, schema)
        conn.rollback()
    from .connections import layer_uri

    layers = []
    for info in infos:
        uri = layer_uri(connection_name, schema, info.name, info.geometry_column, info.fid_column)
        layer = QgsVectorLayer(uri.uri(False), info.name, "postgres")
        if layer.isValid():
            layers.append(layer)
    return layers


def add_plan_layers_to_project(connection_name: str, schema: str = "kaltim_plan", project=None) -> list:
    from qgis.core import QgsProject

    project = project or QgsProject.instance()
    layers = plan_layers(connection_name, schema)
    project.addMapLayers(layers)
    return layers


__all__ = ["publish_plan", "export_plan", "setup_team_db", "migrate", "add_user", "save_row", "fetch_row",
           "reload_row", "commit_layer", "reload_layer", "conflicting_features", "plan_layers",
           "add_plan_layers_to_project", "SchemaTooNewError"]
