"""Team set-up: group roles, a role per kab/kota, row-level security and users."""
from __future__ import annotations

import re
from typing import Optional

from ...i18n import tr
from ..errors import StoreError
from ..migrations import SCHEMA_VERSION
from ..model import CORE_TABLES, TEAM_LAYERS
from . import schema as pg
from .schema import (
    KAB_ROLE_PREFIX,
    ROLE_ADMIN,
    ROLE_EDITOR,
    ROLE_VIEWER,
    check_schema_name,
    explain_error,
    pg_table_infos,
    qi,
    qt,
)
from .styles import _install_team_styles, read_pg_styles


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
    return [r[0] for r in cur.fetchall() if pg._table_exists(cur, schema, r[0])]


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
    if pg._table_exists(cur, "public", "layer_styles"):
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
        if "kode_kab" not in pg._columns(cur, schema, table):
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
    with pg._Session(connection) as conn:
        try:
            with conn.cursor() as cur:
                pg._lock(cur, schema)
                created = ensure_roles(cur)
                before = pg.apply_migrations(cur, schema)
                cur.execute(f"SELECT {qi(schema)}.kaltim_enable_table(table_name) FROM {qt(schema, 'plan_layers')}")
                kab_roles = []
                if pg._table_exists(cur, schema, "villages") and "kode_kab" in pg._columns(cur, schema, "villages"):
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
    pg._report(feedback, tr("Roles created: {roles}").format(roles=", ".join(created) or "-"))
    return {"roles_created": created, "kab_roles": kab_roles, "schema_version_before": before,
            "schema_version": SCHEMA_VERSION, **security}


def add_user(connection, username: str, password: Optional[str] = None, role: str = ROLE_EDITOR,
             kode_kab: Optional[str] = None) -> str:
    """Create a login (if missing) and grant it a plan role; ``kode_kab`` restricts an editor to that kab/kota."""
    import psycopg2

    if role not in (ROLE_VIEWER, ROLE_EDITOR, ROLE_ADMIN):
        raise StoreError(tr("Unknown role '{role}': use kaltim_viewer, kaltim_editor or kaltim_admin.")
                         .format(role=role))
    with pg._Session(connection) as conn:
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


def migrate(connection, schema: str = "kaltim_plan") -> tuple:
    """Create or upgrade a plan schema (one transaction). Returns (version before, version now)."""
    import psycopg2

    schema = check_schema_name(schema)
    with pg._Session(connection) as conn:
        try:
            with conn.cursor() as cur:
                found = pg.apply_migrations(cur, schema)
                if found < SCHEMA_VERSION and _roles_exist(cur):
                    cur.execute(f"SELECT {qi(schema)}.kaltim_enable_table(table_name) FROM "
                                f"{qt(schema, 'plan_layers')}")
                    apply_security(cur, schema)
            conn.commit()
        except psycopg2.Error as exc:
            conn.rollback()
            raise explain_error(exc) from None
    return found, SCHEMA_VERSION
