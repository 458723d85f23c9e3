"""Versioned schema on PostGIS (create, upgrade from v1, refuse newer) and saves interrupted by the server."""
from __future__ import annotations

import pytest

from kaltim_internet_plugin.store import gpkg_store, postgis_store
from kaltim_internet_plugin.store.errors import SchemaTooNewError, StoreError
from kaltim_internet_plugin.store.migrations import SCHEMA_VERSION, postgis_steps, render
from tests.postgis.plan_builder import build_plan

pytestmark = pytest.mark.postgis


def _exists(conn, schema: str) -> bool:
    with conn.cursor() as cur:
        cur.execute("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = %s)", (schema,))
        value = cur.fetchone()[0]
    conn.rollback()
    return value


def test_migrate_creates_then_upgrades_a_v1_schema(pg_db):
    conn = pg_db.connect()
    assert postgis_store.migrate(conn, "fresh") == (0, SCHEMA_VERSION)
    assert postgis_store.migrate(conn, "fresh") == (SCHEMA_VERSION, SCHEMA_VERSION)
    # a version-1 plan, made by hand the way plugin version 1 did: core tables + a villages layer, no team columns
    with conn.cursor() as cur:
        cur.execute("CREATE SCHEMA old_plan")
        cur.execute(render(postgis_steps()[1], "old_plan"))
        cur.execute("INSERT INTO old_plan.plan_meta VALUES ('schema_version', '1')")
        cur.execute("CREATE TABLE old_plan.villages (fid serial PRIMARY KEY, kode text, kode_kab text, status text, "
                    "geom geometry(Point, 4326))")
        cur.execute("INSERT INTO old_plan.villages (kode, kode_kab, status, geom) VALUES "
                    "('64.01.01.2001', '64.01', 'blank_spot', ST_SetSRID(ST_MakePoint(116, -1.5), 4326))")
        cur.execute("INSERT INTO old_plan.plan_layers (table_name, kind, geometry_column, srid, ordinal) VALUES "
                    "('villages', 'features', 'geom', 4326, 0)")
    conn.commit()
    assert postgis_store.migrate(conn, "old_plan") == (1, SCHEMA_VERSION)
    with conn.cursor() as cur:
        cur.execute("SELECT value FROM old_plan.plan_meta WHERE key = 'schema_version'")
        assert cur.fetchone()[0] == str(SCHEMA_VERSION)
        cur.execute("SELECT row_version FROM old_plan.villages")
        assert cur.fetchone()[0] == 1
        cur.execute("SELECT to_regclass('old_plan.audit_log') IS NOT NULL")
        assert cur.fetchone()[0]
    conn.commit()
    # the upgraded plan has working team machinery
    assert postgis_store.save_row(conn, "old_plan", "villages", 1, {"status": "covered"}, 1) == 2
    with pytest.raises(postgis_store.ConflictError):
        postgis_store.save_row(conn, "old_plan", "villages", 1, {"status": "partial"}, 1)
    with conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM old_plan.audit_log")
        assert cur.fetchone()[0] == 1
    conn.close()


def test_newer_schema_is_refused_everywhere(qgis_app, pg_db, tmp_path):
    conn = pg_db.connect()
    postgis_store.migrate(conn, "kaltim_plan")
    with conn.cursor() as cur:
        cur.execute("UPDATE kaltim_plan.plan_meta SET value = %s WHERE key = 'schema_version'",
                    (str(SCHEMA_VERSION + 1),))
    conn.commit()
    expected = (rf"newer version of the plugin \(schema {SCHEMA_VERSION + 1} > {SCHEMA_VERSION}\); "
                "update the plugin")
    with pytest.raises(SchemaTooNewError, match=expected):
        postgis_store.migrate(conn, "kaltim_plan")
    with pytest.raises(SchemaTooNewError, match=expected):
        postgis_store.setup_team_db(conn, "kaltim_plan")
    with pytest.raises(SchemaTooNewError, match=expected):
        postgis_store.export_plan(conn, "kaltim_plan", str(tmp_path / "x.gpkg"))
    plan = build_plan(tmp_path / "p.gpkg", with_style=False, villages_where="kode_kab = '64.74'")
    with pytest.raises(SchemaTooNewError, match=expected):
        postgis_store.publish_plan(str(plan), conn, "kaltim_plan", overwrite=True)
    assert not (tmp_path / "x.gpkg").exists()
    with conn.cursor() as cur:  # untouched
        cur.execute("SELECT value FROM kaltim_plan.plan_meta WHERE key = 'schema_version'")
        assert cur.fetchone()[0] == str(SCHEMA_VERSION + 1)
    conn.close()


def _killer(pg_db, victim_pid: int, at: float = 40.0):
    """A progress callback that terminates the publishing backend (from another connection) once at ``at`` %."""
    state = {"done": False}

    def progress(pct):
        if not state["done"] and pct >= at:
            state["done"] = True
            other = pg_db.connect(autocommit=True)
            with other.cursor() as cur:
                cur.execute("SELECT pg_terminate_backend(%s)", (victim_pid,))
                assert cur.fetchone()[0]
            other.close()
    return progress, state


def test_backend_terminated_mid_publish_leaves_no_plan(qgis_app, pg_db, tmp_path):
    plan = build_plan(tmp_path / "plan.gpkg", with_style=False)
    conn = pg_db.connect()
    progress, state = _killer(pg_db, conn.get_backend_pid())
    with pytest.raises(StoreError, match="lost"):
        postgis_store.publish_plan(str(plan), conn, "kaltim_plan", progress=progress)
    assert state["done"]
    check = pg_db.connect()
    assert not _exists(check, "kaltim_plan")
    with check.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_class WHERE relname = 'villages'")
        assert cur.fetchone()[0] == 0
    check.close()


def test_backend_terminated_mid_overwrite_keeps_the_old_plan(qgis_app, pg_db, tmp_path):
    small = build_plan(tmp_path / "small.gpkg", with_style=False, villages_where="kode_kab = '64.74'")
    big = build_plan(tmp_path / "big.gpkg")
    conn = pg_db.connect()
    postgis_store.publish_plan(str(small), conn, "kaltim_plan")
    before = postgis_store.pg_checksums(conn, "kaltim_plan", gpkg_store.list_tables(str(small)))
    conn.rollback()
    progress, state = _killer(pg_db, conn.get_backend_pid(), at=60.0)
    with pytest.raises(StoreError):
        postgis_store.publish_plan(str(big), conn, "kaltim_plan", overwrite=True, progress=progress)
    assert state["done"]
    check = pg_db.connect()
    after = postgis_store.pg_checksums(check, "kaltim_plan", gpkg_store.list_tables(str(small)))
    assert after == before
    check.close()


def test_server_stopped_mid_publish_leaves_no_plan(qgis_app, pg_db, tmp_path):
    plan = build_plan(tmp_path / "plan.gpkg", with_style=False)
    conn = pg_db.connect()
    cluster = pg_db.cluster
    state = {"done": False}

    def progress(pct):
        if not state["done"] and pct >= 50.0:
            state["done"] = True
            cluster.stop("immediate")  # like a power cut: no clean shutdown

    try:
        with pytest.raises(StoreError, match="lost"):
            postgis_store.publish_plan(str(plan), conn, "kaltim_plan", progress=progress)
    finally:
        cluster.start()
    assert state["done"]
    check = pg_db.connect()
    assert not _exists(check, "kaltim_plan")
    check.close()


def test_checksum_difference_rolls_back(qgis_app, pg_db, tmp_path, monkeypatch):
    """If the copy differs from the source the transaction is rolled back (simulated by a corrupting insert)."""
    plan = build_plan(tmp_path / "plan.gpkg", with_style=False, villages_where="kode_kab = '64.74'")
    original = postgis_store._insert_rows

    def corrupt(cur, schema, info, rows, progress=None):
        if info.name == "funding_sources":
            rows = [tuple(list(r[:1]) + ["tampered"] + list(r[2:])) for r in rows]
        return original(cur, schema, info, rows, progress)

    monkeypatch.setattr(postgis_store.copy, "_insert_rows", corrupt)
    conn = pg_db.connect()
    with pytest.raises(StoreError, match="funding_sources"):
        postgis_store.publish_plan(str(plan), conn, "kaltim_plan")
    assert not _exists(conn, "kaltim_plan")
    conn.close()
