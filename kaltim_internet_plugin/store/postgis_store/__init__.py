"""The PostgreSQL/PostGIS back end of a plan (team mode): one schema per plan.

Publishing copies every layer/table of a plan GeoPackage into a new schema in ONE transaction, then compares
per-table row counts and checksums (``checksums.py``) inside that transaction, and only then commits: a server
that stops, a killed backend or a checksum difference leaves no half-written plan (the schema does not exist,
or with OVERWRITE the previous plan is untouched). Exporting reads one consistent snapshot (REPEATABLE READ),
writes a temporary GeoPackage, compares checksums and only then moves it over the output file.

Connections: pass the NAME of a saved QGIS PostgreSQL connection (credentials from QGIS's authentication
database at run time, see ``connections.py``) or an open psycopg2 connection (the caller then owns it).

Split by role: :mod:`.schema` (names, sessions, migrations, types, reading), :mod:`.styles` (layer styles),
:mod:`.copy` (publish, export, checksums), :mod:`.security` (roles, row-level security, users, migrate),
:mod:`.editing` (row versions, conflicts, layers).
"""
from __future__ import annotations

from ..errors import (  # noqa: F401 - the errors the store raises, for callers
    ConflictError,
    ConnectionFailedError,
    PermissionDeniedError,
    SchemaTooNewError,
    StoreError,
)
from ..migrations import SCHEMA_VERSION  # noqa: F401
from .copy import _insert_rows, export_plan, pg_checksums, publish_plan  # noqa: F401 - the package's face
from .editing import (  # noqa: F401 - the package's face
    add_plan_layers_to_project,
    commit_layer,
    conflicting_features,
    fetch_row,
    plan_layers,
    reload_layer,
    reload_row,
    save_row,
)
from .schema import TEAM_DEFAULT_EXPRESSION, CopyResult  # noqa: F401 - the package's face
from .security import add_user, migrate, setup_team_db  # noqa: F401 - the package's face

__all__ = ["publish_plan", "export_plan", "setup_team_db", "migrate", "add_user", "save_row", "fetch_row",
           "reload_row", "commit_layer", "reload_layer", "conflicting_features", "plan_layers",
           "add_plan_layers_to_project", "SchemaTooNewError"]
