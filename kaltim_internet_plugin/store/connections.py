"""QGIS saved PostgreSQL connections -> psycopg2 connection parameters and QGIS layer URIs.

Credentials are read at run time from the connection (user name) and from QGIS's authentication database
(``authcfg``, Basic method: user name + password). They are only ever passed to ``psycopg2.connect`` in memory;
they are NEVER written to a plan, a project or a log. Layer URIs built here carry ``authcfg=<id>`` only, so a
saved ``.qgs``/``.qgz`` holds no password.
"""
from __future__ import annotations

from typing import Optional

from ..i18n import tr
from .errors import ConnectionFailedError

APPLICATION_NAME = "kaltim_internet_plugin"
_SSL = {0: "prefer", 1: "disable", 2: "allow", 3: "prefer", 4: "require", 5: "verify-ca", 6: "verify-full"}


def _metadata():
    from qgis.core import QgsProviderRegistry

    return QgsProviderRegistry.instance().providerMetadata("postgres")


def connection_names() -> list:
    """Names of the PostgreSQL connections saved in QGIS (Browser > PostgreSQL)."""
    names = set()
    try:
        names.update(_metadata().connections(False).keys())
    except Exception:  # noqa: BLE001 - older API / provider missing: fall back to QSettings
        pass
    from qgis.PyQt.QtCore import QSettings

    settings = QSettings()
    settings.beginGroup("PostgreSQL/connections")
    names.update(g for g in settings.childGroups())
    settings.endGroup()
    return sorted(names)


def _settings_params(name: str) -> Optional[dict]:
    from qgis.PyQt.QtCore import QSettings

    settings = QSettings()
    key = f"PostgreSQL/connections/{name}"
    if not settings.contains(f"{key}/host") and not settings.contains(f"{key}/service") \
            and not settings.contains(f"{key}/database"):
        return None
    val = lambda k: settings.value(f"{key}/{k}", "", type=str) or ""  # noqa: E731
    ssl = settings.value(f"{key}/sslmode", 0)
    try:
        ssl = _SSL.get(int(ssl), "prefer")
    except (TypeError, ValueError):
        ssl = str(ssl).replace("SslMode", "").lower() or "prefer"
    return {"host": val("host"), "port": val("port"), "dbname": val("database"), "service": val("service"),
            "user": val("username") if settings.value(f"{key}/saveUsername", True, type=bool) else "",
            "password": val("password") if settings.value(f"{key}/savePassword", False, type=bool) else "",
            "sslmode": ssl, "authcfg": val("authcfg")}


def _uri_params(name: str) -> Optional[dict]:
    try:
        conn = _metadata().findConnection(name, False)
    except Exception:  # noqa: BLE001
        conn = None
    if conn is None:
        return None
    from qgis.core import QgsDataSourceUri

    uri = QgsDataSourceUri(conn.uri())
    try:
        ssl = QgsDataSourceUri.encodeSslMode(uri.sslMode()) or "prefer"
    except Exception:  # noqa: BLE001
        ssl = _SSL.get(int(uri.sslMode()), "prefer")
    return {"host": uri.host(), "port": uri.port(), "dbname": uri.database(), "service": uri.service(),
            "user": uri.username(), "password": uri.password(), "sslmode": ssl, "authcfg": uri.authConfigId()}


def saved_connection(name: str) -> dict:
    """The saved connection's settings (host, port, dbname, service, user, sslmode, authcfg; password only if
    the user chose to store it in QGIS). Raises ConnectionFailedError if there is no such connection."""
    params = _uri_params(name) or _settings_params(name)
    if params is None:
        known = ", ".join(connection_names()) or "-"
        raise ConnectionFailedError(tr(
            "There is no saved PostgreSQL connection named '{name}'. Create it in QGIS (Browser > PostgreSQL > "
            "New Connection) or use one of: {known}.").format(name=name, known=known))
    return params


def _auth_credentials(authcfg: str) -> tuple:
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    manager = QgsApplication.authManager()
    cfg = QgsAuthMethodConfig()
    if not manager.loadAuthenticationConfig(authcfg, cfg, True) or not cfg.isValid(True):
        raise ConnectionFailedError(tr(
            "Cannot read the authentication configuration '{authcfg}' from the QGIS authentication database. "
            "Unlock it with the master password (Settings > Options > Authentication) or fix the connection."
        ).format(authcfg=authcfg))
    return cfg.config("username", ""), cfg.config("password", "")


def connection_kwargs(name: str, application_name: str = APPLICATION_NAME) -> dict:
    """psycopg2.connect() keyword arguments for a saved QGIS connection (credentials resolved in memory)."""
    params = saved_connection(name)
    user, password = params.get("user") or "", params.get("password") or ""
    if params.get("authcfg"):
        user, password = _auth_credentials(params["authcfg"])
        user = user or params.get("user") or ""
    kwargs = {"application_name": application_name}
    for key in ("host", "port", "dbname", "service", "sslmode"):
        if params.get(key):
            kwargs[key] = str(params[key])
    if user:
        kwargs["user"] = user
    if password:
        kwargs["password"] = password
    return kwargs


def connect(name: str, application_name: str = APPLICATION_NAME):
    """An open psycopg2 connection (autocommit off, time zone UTC) for the saved QGIS connection ``name``."""
    import psycopg2

    kwargs = connection_kwargs(name, application_name)
    try:
        conn = psycopg2.connect(connect_timeout=15, **kwargs)
    except psycopg2.Error as exc:
        where = kwargs.get("service") or "{}:{}/{}".format(kwargs.get("host", "localhost"), kwargs.get("port", 5432),
                                                           kwargs.get("dbname", ""))
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConnectionFailedError(tr(
            "Cannot connect to the database of connection '{name}' ({where}): {detail}. Check that the server "
            "runs and the user name and password in the connection's authentication configuration."
        ).format(name=name, where=where, detail=detail)) from None
    prepare(conn)
    return conn


def prepare(conn) -> None:
    """Session settings every store connection uses."""
    with conn.cursor() as cur:
        cur.execute("SET TIME ZONE 'UTC'")
    conn.commit()


def layer_uri(name: str, schema: str, table: str, geometry_column: Optional[str] = "geom",
              key_column: str = "fid"):
    """A QgsDataSourceUri for a plan table on the saved connection: credentials only through ``authcfg``.

    If the connection has no authcfg, the URI carries host/port/database/user but never the password (QGIS then
    asks for it or uses ~/.pgpass / PGPASSFILE)."""
    from qgis.core import QgsDataSourceUri

    params = saved_connection(name)
    uri = QgsDataSourceUri()
    if params.get("service"):
        uri.setConnection(params["service"], params.get("dbname") or "", "" if params.get("authcfg") else
                          (params.get("user") or ""), "", QgsDataSourceUri.SslMode.SslPrefer,
                          params.get("authcfg") or "")
    else:
        uri.setConnection(params.get("host") or "", str(params.get("port") or "5432"), params.get("dbname") or "",
                          "" if params.get("authcfg") else (params.get("user") or ""), "",
                          QgsDataSourceUri.SslMode.SslPrefer, params.get("authcfg") or "")
    if params.get("sslmode"):
        try:
            uri.setSslMode(QgsDataSourceUri.decodeSslMode(params["sslmode"]))
        except Exception:  # noqa: BLE001
            pass
    uri.setDataSource(schema, table, geometry_column or "", "", key_column)
    uri.setPassword("")
    return uri
