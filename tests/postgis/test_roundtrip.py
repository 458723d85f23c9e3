"""GeoPackage -> PostGIS -> GeoPackage with nothing lost (counts + checksums), versioning of both back ends."""
from __future__ import annotations

import sqlite3

import pytest

from kaltim_internet_plugin.store import gpkg_store, postgis_store
from kaltim_internet_plugin.store.errors import SchemaTooNewError, StoreError
from kaltim_internet_plugin.store.migrations import SCHEMA_VERSION
from tests.postgis.plan_builder import build_plan

pytestmark = pytest.mark.postgis


def test_round_trip_nothing_lost(qgis_app, pg_db, tmp_path):
    plan = build_plan(tmp_path / "plan.gpkg")
    source = gpkg_store.checksums(str(plan))
    assert source["villages"]["rows"] == 1038 and source["sites"]["rows"] == 436
    assert source["funding_sources"]["rows"] == 3 and source["@layer_styles"]["rows"] == 1
    conn = pg_db.connect()
    result = postgis_store.publish_plan(str(plan), conn, "kaltim_plan")
    assert result.checksums_ok and result.rows == sum(v["rows"] for k, v in source.items() if not k.startswith("@"))
    assert set(result.tables) >= {"villages", "sites", "planned_sites", "funding_sources", "status_history"}
    with conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM kaltim_plan.villages")
        assert cur.fetchone()[0] == 1038
        cur.execute("SELECT value FROM kaltim_plan.plan_meta WHERE key = 'schema_version'")
        assert cur.fetchone()[0] == str(SCHEMA_VERSION)
        cur.execute("SELECT type, srid FROM geometry_columns WHERE f_table_schema='kaltim_plan' "
                    "AND f_table_name='villages'")
        assert cur.fetchone() == ("MULTIPOLYGON", 4326)
    conn.rollback()
    # some team edits, so that the audit log (jsonb rows) and the status history travel too
    assert postgis_store.save_row(conn, "kaltim_plan", "villages", 4, {"status": "covered", "population": 77}, 1) == 2
    assert postgis_store.save_row(conn, "kaltim_plan", "planned_sites", 1, {"note": "tiang 'baru'\t✓"}, 1) == 2
    back = tmp_path / "back.gpkg"
    exported = postgis_store.export_plan(conn, "kaltim_plan", str(back))
    assert exported.checksums_ok
    again = gpkg_store.checksums(str(back), gpkg_store.list_tables(str(plan)))
    for name, value in source.items():
        if name not in ("villages", "planned_sites", "status_history"):
            assert again[name] == value, name
    assert again["villages"]["rows"] == 1038 and again["villages"]["md5"] != source["villages"]["md5"]
    assert exported.target["audit_log"]["rows"] == 2 and exported.target["status_history"]["rows"] == 2
    assert gpkg_store.schema_version(str(back)) == SCHEMA_VERSION
    # the copy back is itself publishable (second generation) with the same checksums
    conn.rollback()
    postgis_store.publish_plan(str(back), conn, "kaltim_plan2")
    third = tmp_path / "third.gpkg"
    postgis_store.export_plan(conn, "kaltim_plan2", str(third))
    second = gpkg_store.checksums(str(back))
    final = gpkg_store.checksums(str(third), gpkg_store.list_tables(str(back)))
    assert {"audit_log", "status_history", "villages"} <= set(second)
    for name, value in second.items():
        assert final[name] == value, name
    conn.close()


def test_publish_refuses_existing_schema_without_overwrite(qgis_app, pg_db, tmp_path):
    plan = build_plan(tmp_path / "plan.gpkg", with_style=False, villages_where="kode_kab = '64.74'")
    conn = pg_db.connect()
    postgis_store.publish_plan(str(plan), conn, "kaltim_plan")
    with pytest.raises(StoreError, match="already exists"):
        postgis_store.publish_plan(str(plan), conn, "kaltim_plan")
    result = postgis_store.publish_plan(str(plan), conn, "kaltim_plan", overwrite=True)
    assert result.checksums_ok
    conn.close()


def test_gpkg_versioning_create_upgrade_refuse(tmp_path):
    path = tmp_path / "p.gpkg"
    assert gpkg_store.ensure_schema(str(path)) == 0
    assert gpkg_store.schema_version(str(path)) == SCHEMA_VERSION
    with sqlite3.connect(path) as db:  # pretend it is a version-1 plan
        db.execute("UPDATE plan_meta SET value='1' WHERE key='schema_version'")
    assert gpkg_store.ensure_schema(str(path)) == 1
    assert gpkg_store.schema_version(str(path)) == SCHEMA_VERSION
    with sqlite3.connect(path) as db:
        db.execute("UPDATE plan_meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION + 5),))
    with pytest.raises(SchemaTooNewError, match=r"newer version of the plugin \(schema \d+ > \d+\); update the plugin"):
        gpkg_store.ensure_schema(str(path))
