-- Schema version 2: team editing (audit log, optimistic locking, status history, kab/kota guard).
CREATE TABLE IF NOT EXISTS @schema@.audit_log (
    id         bigserial PRIMARY KEY,
    table_name text NOT NULL,
    op         text NOT NULL,              -- INSERT | UPDATE | DELETE
    row_key    text,                       -- kode / site_id / fid of the row
    old_row    jsonb,
    new_row    jsonb,
    db_user    text NOT NULL DEFAULT session_user,
    app_name   text,
    changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    txid       bigint
);
CREATE INDEX IF NOT EXISTS audit_log_table_idx ON @schema@.audit_log (table_name, row_key, changed_at);

CREATE OR REPLACE FUNCTION @schema@.kaltim_row_key(r jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
    SELECT coalesce(r->>'kode', r->>'site_id', r->>'fid', r->>'id')
$fn$;

-- Every INSERT/UPDATE/DELETE of a plan table: who (login user and application), when, old/new row.
CREATE OR REPLACE FUNCTION @schema@.kaltim_audit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    o jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
    n jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
BEGIN
    INSERT INTO @schema@.audit_log (table_name, op, row_key, old_row, new_row, db_user, app_name, changed_at, txid)
    VALUES (TG_TABLE_NAME, TG_OP, @schema@.kaltim_row_key(coalesce(n, o)), o, n, session_user::text,
            nullif(current_setting('application_name', true), ''), clock_timestamp(), txid_current());
    RETURN NULL;
END
$fn$;

-- Optimistic locking. A client that read a row at version V sends it with its change:
--   row_version = V   (the rule: the version it read; psycopg2/SQL clients)  or
--   row_version = -V  (QGIS: the layer's default style sets this "on update", so it is always sent)
-- If the row's version is no longer V, someone else saved in between: the change is refused ('conflict: ...').
-- A client that does not send row_version at all is not checked. Every accepted change gets version V+1.
CREATE OR REPLACE FUNCTION @schema@.kaltim_row_version() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    expected integer;
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.row_version := 1;
    ELSE
        expected := CASE WHEN NEW.row_version < 0 THEN -NEW.row_version ELSE NEW.row_version END;
        IF expected IS DISTINCT FROM OLD.row_version THEN
            RAISE EXCEPTION USING ERRCODE = 'KT409',
                MESSAGE = format('conflict: %s %s was changed by %s at %s; reload', TG_TABLE_NAME,
                                 @schema@.kaltim_row_key(to_jsonb(OLD)), coalesce(OLD.modified_by, '?'),
                                 coalesce(to_char(OLD.modified_at AT TIME ZONE 'UTC',
                                                  'YYYY-MM-DD HH24:MI:SS "UTC"'), '?')),
                DETAIL = format('your copy is version %s, the database has version %s', expected, OLD.row_version),
                HINT = 'reload the layer (your unsaved change to this feature is discarded) and make it again';
        END IF;
        NEW.row_version := OLD.row_version + 1;
    END IF;
    NEW.modified_at := now();
    NEW.modified_by := session_user::text;
    RETURN NEW;
END
$fn$;

-- A status change of a village/site appends to status_history (who, when, old -> new).
CREATE OR REPLACE FUNCTION @schema@.kaltim_status_history() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    o jsonb := CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) END;
    n jsonb := to_jsonb(NEW);
BEGIN
    IF n ? 'status' AND (o IS NULL OR (n->>'status') IS DISTINCT FROM (o->>'status')) AND n->>'status' IS NOT NULL
    THEN
        INSERT INTO @schema@.status_history (layer, fid, code, old_status, new_status, changed_at, changed_by, note)
        VALUES (TG_TABLE_NAME, (n->>'fid')::bigint, @schema@.kaltim_row_key(n), o->>'status', n->>'status', now(),
                session_user::text, NULL);
    END IF;
    RETURN NULL;
END
$fn$;

-- May the current user edit rows of kab/kota k? Admins and superusers: yes. Members of a kab/kota role
-- (kaltim_kab_<code without dots>, e.g. kaltim_kab_6401): only their kab/kota. Other editors: province-wide.
CREATE OR REPLACE FUNCTION @schema@.kaltim_may_edit_kab(k text) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = pg_catalog AS $fn$
    SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
        OR EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = 'kaltim_admin'
                   AND pg_has_role(current_user, r.oid, 'MEMBER'))
        OR NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname LIKE 'kaltim\_kab\_%'
                       AND pg_has_role(current_user, r.oid, 'MEMBER'))
        OR (k IS NOT NULL AND EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = 'kaltim_kab_' || replace(k, '.', '')
                                      AND pg_has_role(current_user, r.oid, 'MEMBER')))
$fn$;

-- Clear error for a kab/kota office touching another kab/kota's row (row-level security then also applies).
CREATE OR REPLACE FUNCTION @schema@.kaltim_kab_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    r jsonb := to_jsonb(CASE WHEN TG_OP = 'INSERT' THEN NEW ELSE OLD END);
BEGIN
    IF NOT @schema@.kaltim_may_edit_kab(r->>'kode_kab')
       OR (TG_OP = 'UPDATE' AND NOT @schema@.kaltim_may_edit_kab(to_jsonb(NEW)->>'kode_kab')) THEN
        RAISE EXCEPTION USING ERRCODE = 'KT403',
            MESSAGE = format('permission denied: %s %s belongs to kab/kota %s; user %s may only edit the own kab/kota',
                             TG_TABLE_NAME, @schema@.kaltim_row_key(r), coalesce(r->>'kode_kab', '?'), session_user),
            HINT = 'ask the province administrator or the office of that kab/kota';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$fn$;

-- Install the columns/triggers on one plan table (idempotent). Called for every table of the plan.
CREATE OR REPLACE FUNCTION @schema@.kaltim_enable_table(tbl text) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    s text := @schema_lit@;
    team boolean := tbl IN ('villages', 'sites', 'planned_sites');
BEGIN
    IF tbl IN ('audit_log', 'plan_meta', 'plan_layers') THEN
        RETURN;
    END IF;
    IF tbl <> 'status_history' THEN
        EXECUTE format('DROP TRIGGER IF EXISTS kaltim_90_audit ON %I.%I', s, tbl);
        EXECUTE format('CREATE TRIGGER kaltim_90_audit AFTER INSERT OR UPDATE OR DELETE ON %I.%I '
                       'FOR EACH ROW EXECUTE FUNCTION %I.kaltim_audit()', s, tbl, s);
    END IF;
    IF team THEN
        EXECUTE format('ALTER TABLE %I.%I ADD COLUMN IF NOT EXISTS row_version integer NOT NULL DEFAULT 1', s, tbl);
        EXECUTE format('ALTER TABLE %I.%I ADD COLUMN IF NOT EXISTS modified_at timestamptz DEFAULT now()', s, tbl);
        EXECUTE format('ALTER TABLE %I.%I ADD COLUMN IF NOT EXISTS modified_by text', s, tbl);
        EXECUTE format('DROP TRIGGER IF EXISTS kaltim_20_row_version ON %I.%I', s, tbl);
        EXECUTE format('CREATE TRIGGER kaltim_20_row_version BEFORE INSERT OR UPDATE ON %I.%I '
                       'FOR EACH ROW EXECUTE FUNCTION %I.kaltim_row_version()', s, tbl, s);
        EXECUTE format('DROP TRIGGER IF EXISTS kaltim_80_status ON %I.%I', s, tbl);
        EXECUTE format('CREATE TRIGGER kaltim_80_status AFTER INSERT OR UPDATE ON %I.%I '
                       'FOR EACH ROW EXECUTE FUNCTION %I.kaltim_status_history()', s, tbl, s);
    END IF;
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = s AND table_name = tbl AND column_name = 'kode_kab') THEN
        EXECUTE format('DROP TRIGGER IF EXISTS kaltim_10_kab_guard ON %I.%I', s, tbl);
        EXECUTE format('CREATE TRIGGER kaltim_10_kab_guard BEFORE INSERT OR UPDATE OR DELETE ON %I.%I '
                       'FOR EACH ROW EXECUTE FUNCTION %I.kaltim_kab_guard()', s, tbl, s);
    END IF;
END
$fn$;

DO $do$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT table_name FROM @schema@.plan_layers ORDER BY ordinal, table_name LOOP
        PERFORM @schema@.kaltim_enable_table(t.table_name);
    END LOOP;
END
$do$;
