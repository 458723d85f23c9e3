"""Many editors on one PostGIS plan: conflicts, roles, kab/kota row-level security, audit log, history."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

import psycopg2
import pytest

from kaltim_internet_plugin.store import postgis_store
from kaltim_internet_plugin.store.errors import ConflictError, PermissionDeniedError, StoreError
from tests.postgis.plan_builder import build_plan

pytestmark = pytest.mark.postgis
PW = "Edit-0r-pw"
USERS = {"ana": ("kaltim_editor", None), "budi": ("kaltim_editor", None), "vera": ("kaltim_viewer", None),
         "paser": ("kaltim_editor", "64.01"), "dewi": ("kaltim_admin", None)}


@pytest.fixture()
def team_db(qgis_app, pg_db, tmp_path):
    plan = build_plan(tmp_path / "plan.gpkg", with_style=False, villages_where="kode_kab IN ('64.01', '64.74')")
    admin = pg_db.connect()
    postgis_store.publish_plan(str(plan), admin, "kaltim_plan")
    result = postgis_store.setup_team_db(admin, "kaltim_plan")
    assert {"kaltim_kab_6401", "kaltim_kab_6474"} <= set(result["kab_roles"])
    assert "villages" in result["rls_tables"]
    for user, (role, kab) in USERS.items():
        postgis_store.add_user(admin, user, PW, role, kab)
    admin.close()
    return pg_db


def _village(conn, kab: str):
    with conn.cursor() as cur:
        cur.execute("SELECT fid, kode, row_version FROM kaltim_plan.villages WHERE kode_kab = %s ORDER BY fid LIMIT 1",
                    (kab,))
        row = cur.fetchone()
    conn.rollback()
    return row


SUBPROCESS_EDIT = textwrap.dedent("""
    import json, sys, psycopg2
    dsn, fid, version, value, hold = json.loads(sys.argv[1])
    conn = psycopg2.connect(application_name="editor-b-script", **dsn)
    cur = conn.cursor()
    try:
        cur.execute("UPDATE kaltim_plan.sites SET status = %s, row_version = %s WHERE fid = %s RETURNING row_version",
                    (value, version, fid))
        print("OK", cur.fetchone()[0], flush=True)
        if hold:
            sys.stdin.readline()
        conn.commit()
        print("COMMITTED", flush=True)
    except psycopg2.Error as exc:
        print("ERROR", exc.pgcode, exc.diag.message_primary, flush=True)
        sys.exit(3)
""")


def test_two_editors_same_site_conflict_detected_across_processes(team_db):
    ana = team_db.connect("ana", PW)
    row = postgis_store.fetch_row(ana, "kaltim_plan", "sites", 1)
    version = row["row_version"]
    assert version == 1
    # editor B (another process) saves the same site first
    out = subprocess.run([sys.executable, "-c", SUBPROCESS_EDIT,
                          json.dumps([team_db.dsn("budi", PW), 1, version, "active", False])],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "COMMITTED" in out.stdout, out.stdout + out.stderr
    # editor A saves with the version it read: refused, nothing overwritten
    with pytest.raises(ConflictError) as info:
        postgis_store.save_row(ana, "kaltim_plan", "sites", 1, {"status": "disrupted"}, version)
    err = info.value
    assert "budi" in str(err) and "sites" in str(err) and "Reload" in str(err)
    assert err.current["status"] == "active" and err.current["row_version"] == 2
    # reload, then the change goes through
    fresh = postgis_store.reload_row(ana, "kaltim_plan", "sites", 1)
    assert postgis_store.save_row(ana, "kaltim_plan", "sites", 1, {"status": "disrupted"}, fresh["row_version"]) == 3
    assert postgis_store.fetch_row(ana, "kaltim_plan", "sites", 1)["modified_by"] == "ana"
    ana.close()


def test_simultaneous_transactions_second_one_conflicts(team_db):
    """B holds an uncommitted change; A's save of the same version waits, then is refused once B commits."""
    ana = team_db.connect("ana", PW)
    proc = subprocess.Popen([sys.executable, "-c", SUBPROCESS_EDIT,
                             json.dumps([team_db.dsn("budi", PW), 2, 1, "installed", True])],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().startswith("OK 2")
    import threading

    result = {}

    def save():
        try:
            postgis_store.save_row(ana, "kaltim_plan", "sites", 2, {"status": "migrated"}, 1)
            result["ok"] = True
        except ConflictError as exc:
            result["conflict"] = str(exc)

    worker = threading.Thread(target=save)
    worker.start()
    time.sleep(1.0)
    assert worker.is_alive(), "A must wait for B's row lock"
    proc.stdin.write("\n")
    proc.stdin.flush()
    assert proc.wait(30) == 0
    worker.join(30)
    assert "conflict" in result and "budi" in result["conflict"], result
    assert postgis_store.fetch_row(ana, "kaltim_plan", "sites", 2)["status"] == "installed"
    ana.close()


def test_viewer_cannot_write(team_db):
    vera = team_db.connect("vera", PW)
    with vera.cursor() as cur:
        cur.execute("SELECT count(*) FROM kaltim_plan.villages")
        assert cur.fetchone()[0] > 0
    vera.rollback()
    with pytest.raises(PermissionDeniedError, match="refused"):
        postgis_store.save_row(vera, "kaltim_plan", "sites", 1, {"status": "active"}, 1)
    with vera.cursor() as cur, pytest.raises(psycopg2.errors.InsufficientPrivilege):
        cur.execute("DELETE FROM kaltim_plan.villages")
    vera.rollback()
    vera.close()


def test_kab_editor_limited_to_own_villages(team_db):
    paser = team_db.connect("paser", PW)
    fid_own, kode_own, v_own = _village(paser, "64.01")
    fid_other, kode_other, v_other = _village(paser, "64.74")
    assert postgis_store.save_row(paser, "kaltim_plan", "villages", fid_own, {"status": "blank_spot"}, v_own) == 2
    with pytest.raises(PermissionDeniedError) as info:
        postgis_store.save_row(paser, "kaltim_plan", "villages", fid_other, {"status": "covered"}, v_other)
    assert kode_other in str(info.value) and "64.74" in str(info.value)
    with paser.cursor() as cur, pytest.raises(psycopg2.Error) as raw:
        cur.execute("DELETE FROM kaltim_plan.villages WHERE fid = %s", (fid_other,))
    assert raw.value.pgcode == "KT403"
    paser.rollback()
    with paser.cursor() as cur, pytest.raises(psycopg2.Error):  # moving an own village into another kab/kota
        cur.execute("UPDATE kaltim_plan.villages SET kode_kab = '64.74' WHERE fid = %s", (fid_own,))
    paser.rollback()
    with paser.cursor() as cur, pytest.raises(psycopg2.Error):  # inserting into another kab/kota
        cur.execute("INSERT INTO kaltim_plan.villages (kode, kode_kab) VALUES ('64.74.99.9999', '64.74')")
    paser.rollback()
    # a province editor may edit every kab/kota
    ana = team_db.connect("ana", PW)
    assert postgis_store.save_row(ana, "kaltim_plan", "villages", fid_other, {"status": "covered"}, v_other) == 2
    ana.close()
    admin = team_db.connect()
    with admin.cursor() as cur:
        cur.execute("SELECT status FROM kaltim_plan.villages WHERE fid = %s", (fid_other,))
        assert cur.fetchone()[0] == "covered"
    admin.close()
    paser.close()


def test_audit_log_and_status_history(team_db):
    ana = team_db.connect("ana", PW, application_name="QGIS-ana")
    fid, kode, version = _village(ana, "64.74")
    before = postgis_store.fetch_row(ana, "kaltim_plan", "villages", fid)["status"]
    after = "covered" if before != "covered" else "partial"
    postgis_store.save_row(ana, "kaltim_plan", "villages", fid, {"status": after, "population": 1234}, version)
    with ana.cursor() as cur:
        cur.execute("INSERT INTO kaltim_plan.funding_sources (source, amount_idr) VALUES ('CSR', 5) RETURNING fid")
        new_fid = cur.fetchone()[0]
        cur.execute("DELETE FROM kaltim_plan.funding_sources WHERE fid = %s", (new_fid,))
    ana.commit()
    admin = team_db.connect()
    with admin.cursor() as cur:
        cur.execute("SELECT op, db_user, app_name, old_row->>'status', new_row->>'status', (new_row->>'population')"
                    "::int FROM kaltim_plan.audit_log WHERE table_name = 'villages' AND row_key = %s", (kode,))
        op, who, app, old, new, pop = cur.fetchone()
        assert (op, who, app, old, new, pop) == ("UPDATE", "ana", "QGIS-ana", before, after, 1234)
        cur.execute("SELECT op FROM kaltim_plan.audit_log WHERE table_name = 'funding_sources' ORDER BY id")
        assert [r[0] for r in cur.fetchall()] == ["INSERT", "DELETE"]
        cur.execute("SELECT old_status, new_status, changed_by FROM kaltim_plan.status_history WHERE code = %s",
                    (kode,))
        assert cur.fetchall() == [(before, after, "ana")]
        with pytest.raises(psycopg2.Error, match="append-only"):
            cur.execute("UPDATE kaltim_plan.status_history SET note = 'x'")
    admin.rollback()
    with ana.cursor() as cur, pytest.raises(psycopg2.errors.InsufficientPrivilege):
        cur.execute("INSERT INTO kaltim_plan.audit_log (table_name, op) VALUES ('x', 'forged')")
    ana.rollback()
    admin.close()
    ana.close()


def test_setupteamdb_is_idempotent(team_db):
    admin = team_db.connect()
    again = postgis_store.setup_team_db(admin, "kaltim_plan")
    assert again["roles_created"] == [] and again["schema_version_before"] == again["schema_version"]
    with admin.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_policies WHERE schemaname = 'kaltim_plan' AND tablename = 'villages'")
        assert cur.fetchone()[0] == 4
        cur.execute("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'kaltim_plan'")
        assert cur.fetchone()[0] == "kaltim_admin"
    admin.close()


def test_errors_name_the_problem(team_db):
    admin = team_db.connect()
    with pytest.raises(StoreError, match="no longer exists"):
        postgis_store.save_row(admin, "kaltim_plan", "sites", 999999, {"status": "x"}, 1)
    admin.close()


def test_admin_role_can_migrate_and_republish_editor_cannot(team_db, tmp_path):
    admin = team_db.connect()
    with admin.cursor() as cur:  # pretend the plan is still at version 1
        cur.execute("UPDATE kaltim_plan.plan_meta SET value = '1' WHERE key = 'schema_version'")
    admin.commit()
    admin.close()
    ana = team_db.connect("ana", PW)
    with pytest.raises(PermissionDeniedError):
        postgis_store.migrate(ana, "kaltim_plan")
    ana.close()
    dewi = team_db.connect("dewi", PW)
    assert postgis_store.migrate(dewi, "kaltim_plan") == (1, postgis_store.SCHEMA_VERSION)
    # an administrator (not superuser) may also replace the plan, and the team set-up follows the new plan
    plan = build_plan(tmp_path / "again.gpkg", with_style=False, villages_where="kode_kab IN ('64.01', '64.74')")
    assert postgis_store.publish_plan(str(plan), dewi, "kaltim_plan", overwrite=True).checksums_ok
    dewi.close()
    paser = team_db.connect("paser", PW)
    fid_other, _kode, version = _village(paser, "64.74")
    with pytest.raises(PermissionDeniedError):
        postgis_store.save_row(paser, "kaltim_plan", "villages", fid_other, {"status": "covered"}, version)
    vera = team_db.connect("vera", PW)
    with vera.cursor() as cur:
        cur.execute("SELECT count(*) FROM kaltim_plan.villages")
        assert cur.fetchone()[0] > 0
    vera.close()
    paser.close()
