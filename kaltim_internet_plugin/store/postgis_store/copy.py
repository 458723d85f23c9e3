"""Copying a plan between a GeoPackage and PostGIS (publish, export), verified by checksums in one transaction."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from typing import Callable, Optional

from ...i18n import tr
from .. import gpkg_store
from ..checksums import checksum_rows, compare
from ..errors import StoreError
from ..model import CORE_TABLES, VOLATILE_META, TableInfo
from .schema import (
    CopyResult,
    _columns,
    _lock,
    _report,
    _Session,
    _table_exists,
    apply_migrations,
    check_plan,
    check_schema_name,
    explain_error,
    iter_pg_rows,
    pg_geometry_type,
    pg_schema_version,
    pg_table_infos,
    pg_type,
    qi,
    qt,
    schema_exists,
)
from .security import _roles_exist, apply_security
from .styles import _install_team_styles, _planned_sites_info, insert_style, read_pg_styles


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
            values.update({"exported_at": dt.datetime.now(dt.timezone.utc).isoformat(), "exported_from": schema,
                           # the tables this export wrote: a later export may replace this file (and only then)
                           gpkg_store.EXPORTED_TABLES: json.dumps(gpkg_store.registered_tables(tmp))})
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
