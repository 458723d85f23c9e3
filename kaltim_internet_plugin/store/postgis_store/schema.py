"""Schema of a plan in PostGIS: names, sessions, error texts, migrations, column types and reading tables."""
from __future__ import annotations

import dataclasses
import json
import re

from ...i18n import tr
from .. import gpkg_store
from ..connections import connect as connect_saved
from ..errors import (
    ConflictError,
    ConnectionFailedError,
    PermissionDeniedError,
    StoreError,
)
from ..migrations import SCHEMA_VERSION, postgis_steps, render
from ..model import (
    CORE_TABLES,
    TEAM_COLUMNS,
    TEAM_LAYERS,
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


def _report(feedback, text: str) -> None:
    if feedback is not None:
        feedback.pushInfo(text)
