"""Versioned schema of a plan, for both back ends.

``SCHEMA_VERSION`` is the version this plugin writes. Each store keeps it in its ``plan_meta`` table
(``key='schema_version'``). Upgrades run every step from the stored version + 1 up to ``SCHEMA_VERSION`` in
one transaction; a plan with a HIGHER version is refused (it was made by a newer plugin).

PostGIS steps are the SQL files ``postgis_<NNNN>_<name>.sql`` in this folder (``@schema@`` is replaced by the
quoted schema name, ``@schema_lit@`` by the schema name as a SQL string literal). GeoPackage steps are
``GPKG_STEPS`` below (SQLite statements).

History:
  1  core: plan_meta, plan_layers (catalogue of the copied layers/tables), status_history (append-only),
     QGIS's standard layer_styles table (PostGIS: public.layer_styles, where QGIS 3.22 looks for default styles)
  2  team editing: audit_log + audit trigger on every plan table; row_version/modified_at/modified_by + the
     conflict trigger on villages/sites/planned_sites; automatic status_history rows; the kab/kota guard
     (used by setupteamdb's row-level security). GeoPackage: no change (team editing is PostGIS-only).
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
SCHEMA_VERSION = 2


def postgis_steps() -> dict:
    """{version: sql template} for every postgis_NNNN_*.sql file."""
    steps = {}
    for path in sorted(HERE.glob("postgis_*.sql")):
        steps[int(path.name.split("_")[1])] = path.read_text(encoding="utf-8")
    return steps


def render(sql: str, schema: str) -> str:
    ident = '"' + schema.replace('"', '""') + '"'
    lit = "'" + schema.replace("'", "''") + "'"
    return sql.replace("@schema_lit@", lit).replace("@schema@", ident)


GPKG_STEPS = {
    1: [
        """CREATE TABLE IF NOT EXISTS plan_meta (fid INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE,
           value TEXT)""",
        """CREATE TABLE IF NOT EXISTS status_history (id INTEGER PRIMARY KEY AUTOINCREMENT, layer TEXT NOT NULL,
           fid INTEGER, code TEXT, old_status TEXT, new_status TEXT NOT NULL, changed_at DATETIME NOT NULL,
           changed_by TEXT, note TEXT)""",
        """CREATE TRIGGER IF NOT EXISTS status_history_no_update BEFORE UPDATE ON status_history
           BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END""",
        """CREATE TRIGGER IF NOT EXISTS status_history_no_delete BEFORE DELETE ON status_history
           BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END""",
    ],
    2: [],
}
