"""One planning store, two back ends: GeoPackage (default, ``gpkg_store``) and PostgreSQL/PostGIS (team mode,
``postgis_store``). Same layers, tables, styles and history; a versioned schema (``migrations``) in both.

Functions a GUI can call (all raise ``errors.StoreError`` subclasses with translated messages):

* ``publish_plan(gpkg, connection_name, schema, overwrite)`` / ``export_plan(connection_name, schema, gpkg)``
* ``setup_team_db(connection_name, schema)``, ``add_user(...)``, ``migrate(connection_name, schema)``
* ``save_row(...)`` / ``fetch_row(...)`` (psycopg2 editing with conflict detection), ``commit_layer(layer)`` /
  ``reload_layer(layer)`` (QGIS layers), ``plan_layers(...)`` / ``add_plan_layers_to_project(...)``
* ``connections.connection_names()`` for a connection picker.
"""
from .errors import (  # noqa: F401
    ConflictError,
    ConnectionFailedError,
    PermissionDeniedError,
    SchemaTooNewError,
    StoreError,
)
from .migrations import SCHEMA_VERSION  # noqa: F401

_API = ("publish_plan", "export_plan", "setup_team_db", "migrate", "add_user", "save_row", "fetch_row", "reload_row",
        "commit_layer", "reload_layer", "conflicting_features", "plan_layers", "add_plan_layers_to_project")


def __getattr__(name):  # lazy: importing the package needs neither psycopg2 nor QGIS
    if name not in _API:
        raise AttributeError(name)
    from . import postgis_store

    return getattr(postgis_store, name)
