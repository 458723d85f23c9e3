-- Schema version 1: the core of a plan.
CREATE TABLE IF NOT EXISTS @schema@.plan_meta (
    key   text PRIMARY KEY,
    value text
);

-- Catalogue of the layers/tables copied into the plan (their source field types, for a lossless copy back).
CREATE TABLE IF NOT EXISTS @schema@.plan_layers (
    table_name      text PRIMARY KEY,
    kind            text NOT NULL DEFAULT 'attributes',   -- 'features' | 'attributes'
    fid_column      text NOT NULL DEFAULT 'fid',
    geometry_column text,
    geometry_type   integer,                               -- OGR wkbGeometryType
    srid            integer,
    description     text,
    ordinal         integer,
    fields          jsonb                                  -- [{name, type, subtype, width, precision}]
);

CREATE TABLE IF NOT EXISTS @schema@.status_history (
    id         bigserial PRIMARY KEY,
    layer      text NOT NULL,
    fid        bigint,
    code       text,
    old_status text,
    new_status text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by text,
    note       text
);
CREATE INDEX IF NOT EXISTS status_history_code_idx ON @schema@.status_history (code, changed_at);

CREATE OR REPLACE FUNCTION @schema@.kaltim_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'status history is append-only' USING ERRCODE = 'KT423';
END
$fn$;
DROP TRIGGER IF EXISTS status_history_append_only ON @schema@.status_history;
CREATE TRIGGER status_history_append_only BEFORE UPDATE OR DELETE ON @schema@.status_history
    FOR EACH ROW EXECUTE FUNCTION @schema@.kaltim_append_only();

-- QGIS's standard style table (same DDL as QGIS creates). QGIS 3.22 reads default styles of PostGIS layers
-- from layer_styles on the search_path (normally public), keyed by catalog/schema/table/geometry column.
-- (only if missing: creating it needs CREATE on schema public, which a plan administrator may not have)
DO $do$
BEGIN
    IF to_regclass('public.layer_styles') IS NULL THEN
        CREATE TABLE IF NOT EXISTS public.layer_styles (
            id                serial PRIMARY KEY,
            f_table_catalog   varchar,
            f_table_schema    varchar,
            f_table_name      varchar,
            f_geometry_column varchar,
            stylename         text,
            styleqml          xml,
            stylesld          xml,
            useasdefault      boolean,
            description       text,
            owner             varchar(63) DEFAULT CURRENT_USER,
            ui                xml,
            update_time       timestamp DEFAULT CURRENT_TIMESTAMP,
            type              varchar
        );
    END IF;
END
$do$;
