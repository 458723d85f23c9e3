"""A throw-away PostgreSQL + PostGIS cluster for the team-mode tests (started and removed by the tests).

If ``initdb`` (``/usr/lib/postgresql/*/bin``, or ``$KALTIM_PG_BINDIR``) or the PostGIS extension is missing, the
tests are skipped, or FAIL with a clear message when ``CI=true`` or ``KALTIM_REQUIRE_POSTGIS=1``
(install: ``apt-get install postgresql postgresql-postgis``; ``scripts/setup.sh`` does it).

Fixtures:
  pg_cluster       session: the running cluster (port, socket dir, superuser password, start/stop)
  pg_db            per test: a fresh database (from a PostGIS template) -> DbInfo(name, dsn(...), connect(...))
  saved_connection per test: a QGIS saved PostgreSQL connection to pg_db with an authcfg (user + password in
                   QGIS's authentication database), returns its name; ``make_connection(user, password)`` for more
"""
from __future__ import annotations

import glob
import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SUPERPASS = "pg-" + secrets.token_hex(8)


def _require() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("KALTIM_REQUIRE_POSTGIS") == "1"


def _missing(message: str):
    full = ("PostgreSQL/PostGIS tests need the server binaries: " + message +
            " (apt-get install postgresql postgresql-postgis; scripts/setup.sh installs them)")
    if _require():
        pytest.fail(full, pytrace=False)
    pytest.skip(full)


def _bin_dir() -> Path | None:
    override = os.environ.get("KALTIM_PG_BINDIR")  # e.g. /usr/lib/postgresql/16/bin
    if override:
        return Path(override) if (Path(override) / "initdb").exists() else None
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(re.search(r"/(\d+)/bin", p).group(1)))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    bindir: Path
    root: Path
    port: int
    as_postgres: bool
    password: str = SUPERPASS
    databases: list = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> str:
        return str(self.root / "sock")

    def _run(self, *args, check=True, timeout=120):
        cmd = [str(a) for a in args]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--"] + cmd
        return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=timeout)

    def start(self):
        self._run(self.bindir / "pg_ctl", "-D", self.data, "-l", self.root / "server.log", "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast"):
        self._run(self.bindir / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", check=False)

    def dsn(self, dbname="postgres", user="postgres", password=None, host="127.0.0.1") -> dict:
        return {"host": host, "port": self.port, "dbname": dbname, "user": user,
                "password": self.password if password is None and user == "postgres" else password}

    def connect(self, dbname="postgres", user="postgres", password=None, autocommit=False, **kw):
        import psycopg2

        params = self.dsn(dbname, user, password)
        params = {k: v for k, v in params.items() if v is not None}
        conn = psycopg2.connect(application_name=kw.pop("application_name", "kaltim-tests"), **params, **kw)
        conn.autocommit = autocommit
        return conn


@pytest.fixture(scope="session")
def pg_cluster():
    bindir = _bin_dir()
    if bindir is None:
        _missing("initdb not found in /usr/lib/postgresql/*/bin")
    version = bindir.parent.name
    if version.isdigit() and not glob.glob(f"/usr/share/postgresql/{version}/extension/postgis.control"):
        _missing(f"the PostGIS extension for PostgreSQL {version} is not installed")
    as_postgres = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="kaltim-pg-"))
    (root / "sock").mkdir()
    pwfile = root / "pw"
    pwfile.write_text(SUPERPASS + "\n")
    if as_postgres:
        shutil.chown(root, "postgres", "postgres")
        shutil.chown(root / "sock", "postgres", "postgres")
        shutil.chown(pwfile, "postgres", "postgres")
        os.chmod(root, 0o755)
    cluster = Cluster(bindir, root, _free_port(), as_postgres)
    cluster._run(bindir / "initdb", "-D", cluster.data, "-U", "postgres", f"--pwfile={pwfile}", "-E", "UTF8",
                 "--no-locale", "--auth-local=trust", "--auth-host=scram-sha-256")
    with open(cluster.data / "postgresql.conf", "a") as conf:
        conf.write(f"\nlisten_addresses = '127.0.0.1'\nport = {cluster.port}\n"
                   f"unix_socket_directories = '{cluster.socket_dir}'\nfsync = off\nsynchronous_commit = off\n"
                   "full_page_writes = off\nmax_connections = 60\nshared_buffers = 32MB\n")
    try:
        cluster.start()
    except subprocess.CalledProcessError as exc:
        log = (root / "server.log").read_text() if (root / "server.log").exists() else ""
        pytest.fail(f"could not start the test PostgreSQL cluster: {exc.stderr}\n{log}", pytrace=False)
    try:
        conn = cluster.connect(autocommit=True)
        with conn.cursor() as cur:
            cur.execute("CREATE DATABASE kaltim_template")
        conn.close()
        conn = cluster.connect("kaltim_template", autocommit=True)
        with conn.cursor() as cur:
            cur.execute("CREATE EXTENSION postgis")
        conn.close()
        yield cluster
    finally:
        cluster.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class DbInfo:
    cluster: Cluster
    name: str

    def dsn(self, user="postgres", password=None) -> dict:
        return self.cluster.dsn(self.name, user, password)

    def connect(self, user="postgres", password=None, **kw):
        return self.cluster.connect(self.name, user, password, **kw)


_counter = [0]


@pytest.fixture()
def pg_db(pg_cluster):
    _counter[0] += 1
    name = f"kaltim_t{_counter[0]}_{secrets.token_hex(3)}"
    conn = pg_cluster.connect(autocommit=True)
    with conn.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}" TEMPLATE kaltim_template')
    conn.close()
    yield DbInfo(pg_cluster, name)
    for _ in range(3):
        try:
            conn = pg_cluster.connect(autocommit=True)
            with conn.cursor() as cur:
                cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.close()
            break
        except Exception:  # noqa: BLE001 - server restarted by a test: try again
            time.sleep(1)


def _auth_manager():
    from qgis.core import QgsApplication

    am = QgsApplication.authManager()
    if not am.masterPasswordIsSet():
        assert am.setMasterPassword("kaltim-test-master", True), "cannot set the QGIS auth master password"
    return am


def make_saved_connection(name: str, db: DbInfo, user: str, password: str) -> str:
    """A QGIS saved PostgreSQL connection named ``name`` whose credentials live in an authcfg."""
    from qgis.core import QgsAuthMethodConfig, QgsProviderRegistry

    am = _auth_manager()
    cfg = QgsAuthMethodConfig("Basic")
    cfg.setName(f"{name} credentials")
    cfg.setConfig("username", user)
    cfg.setConfig("password", password)
    assert am.storeAuthenticationConfig(cfg), "cannot store the auth config"
    md = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = f"host=127.0.0.1 port={db.cluster.port} dbname='{db.name}' sslmode=disable authcfg={cfg.id()}"
    conn = md.createConnection(uri, {})
    md.saveConnection(conn, name)
    return name


@pytest.fixture()
def saved_connection(qgis_app, pg_db):
    """Name of a saved QGIS connection to the test database as the superuser (credentials via authcfg)."""
    name = f"kaltim_test_{pg_db.name}"
    return make_saved_connection(name, pg_db, "postgres", pg_db.cluster.password)
