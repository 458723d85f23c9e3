"""Monitoring storage in a SQLite or GeoPackage file (plain ``sqlite3``, no QGIS).

Tables (created on first use; in a GeoPackage they are registered in ``gpkg_contents`` with
``data_type='attributes'`` so QGIS lists them as non-spatial layers):

``mon_imports``  one row per import run::

    fid INTEGER PK, file_name TEXT, sha256 TEXT, imported_at DATETIME, imported_by TEXT, provider TEXT,
    rows_read, rows_imported, rows_rejected, rows_duplicate, rows_conflict, outages_imported INTEGER

``mon_reports``  one row per report record (metrics of one code/period/provider)::

    fid INTEGER PK, import_id -> mon_imports.fid, source_row INTEGER, code TEXT, code_type TEXT ('site'|'village'),
    provider TEXT ('' when unknown), period TEXT (YYYY-MM or YYYY-MM-DD, as reported), month TEXT (YYYY-MM),
    uptime_pct, active_users, download_mbps, upload_mbps, latency_ms REAL, power_outage BOOLEAN,
    content_hash TEXT UNIQUE,  UNIQUE(code, period, provider)

``mon_outages``  one row per outage::

    fid INTEGER PK, import_id, source_row, code, code_type, provider, month (of the start),
    outage_start DATETIME, outage_end DATETIME, duration_s REAL, cause TEXT, power_outage BOOLEAN,
    content_hash TEXT UNIQUE,  UNIQUE(code, provider, outage_start)

``status_history``  append-only (triggers abort any UPDATE/DELETE with 'status history is append-only')::

    id INTEGER PK, layer TEXT, fid INTEGER, code TEXT, old_status TEXT, new_status TEXT, changed_at DATETIME,
    changed_by TEXT, note TEXT

Import rules (:func:`import_report_file` / :func:`import_records`): all good rows go in ONE transaction
(``BEGIN IMMEDIATE`` ... ``COMMIT``; any exception -> ``ROLLBACK`` and re-raise, so earlier data stays intact
and nothing of the failed run remains). A row whose key (code + period + provider, or code + provider + outage
start) already exists with the same content is a *duplicate* (not imported again: re-importing a file is
idempotent); one that only gives values the stored row lacks *completes* it (a usage report after the month's uptime
report); one giving a value that differs from the stored one is a *conflict*: never overwritten (unless the import
is told the file corrects earlier imports, ``replace``), rejected with the reason
``differs from the value imported on <time> from file <name> (row <n>: <value> <new>, was <old>)``. A row without a
provider and the one row of its code and period with a provider are one report (:func:`_existing`).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import hashlib
import json
import os
import sqlite3
from typing import Callable, Iterable, Optional, Sequence, Union

from .monitoring import (
    METRIC_FIELDS,
    MonitoringError,
    ReportRecord,
    RowReject,
    normalise_status,
    read_table,
    transition_error,
    validate_report_rows,
    write_rejects_csv,
)

DB = Union[str, sqlite3.Connection]

# the columns every imported row (report or outage) starts with: its import, spreadsheet row, code and provider
IMPORTED_ROW = """
        fid INTEGER PRIMARY KEY AUTOINCREMENT,
        import_id INTEGER NOT NULL REFERENCES mon_imports(fid),
        source_row INTEGER,
        code TEXT NOT NULL,
        code_type TEXT,
        provider TEXT NOT NULL DEFAULT '',"""

SCHEMA = {
    "mon_imports": """CREATE TABLE IF NOT EXISTS mon_imports (
        fid INTEGER PRIMARY KEY AUTOINCREMENT,
        file_name TEXT NOT NULL,
        sha256 TEXT,
        imported_at DATETIME NOT NULL,
        imported_by TEXT,
        provider TEXT,
        rows_read INTEGER, rows_imported INTEGER, rows_rejected INTEGER, rows_duplicate INTEGER,
        rows_conflict INTEGER, outages_imported INTEGER)""",
    "mon_reports": """CREATE TABLE IF NOT EXISTS mon_reports (""" + IMPORTED_ROW + """
        period TEXT NOT NULL,
        month TEXT NOT NULL,
        uptime_pct REAL, active_users REAL, download_mbps REAL, upload_mbps REAL, latency_ms REAL,
        power_outage BOOLEAN,
        content_hash TEXT NOT NULL UNIQUE,
        UNIQUE (code, period, provider))""",
    "mon_outages": """CREATE TABLE IF NOT EXISTS mon_outages (""" + IMPORTED_ROW + """
        month TEXT NOT NULL,
        outage_start DATETIME NOT NULL,
        outage_end DATETIME NOT NULL,
        duration_s REAL,
        cause TEXT,
        power_outage BOOLEAN,
        content_hash TEXT NOT NULL UNIQUE,
        UNIQUE (code, provider, outage_start))""",
    "status_history": """CREATE TABLE IF NOT EXISTS status_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        layer TEXT NOT NULL,
        fid INTEGER,
        code TEXT,
        old_status TEXT,
        new_status TEXT NOT NULL,
        changed_at DATETIME NOT NULL,
        changed_by TEXT,
        note TEXT)""",
}
EXTRA_DDL = (
    "CREATE INDEX IF NOT EXISTS mon_reports_month_idx ON mon_reports (month, code)",
    "CREATE INDEX IF NOT EXISTS mon_outages_code_idx ON mon_outages (code, provider, outage_start)",
    "CREATE INDEX IF NOT EXISTS status_history_code_idx ON status_history (code, changed_at)",
    """CREATE TRIGGER IF NOT EXISTS status_history_no_update BEFORE UPDATE ON status_history
       BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS status_history_no_delete BEFORE DELETE ON status_history
       BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END""",
)
DESCRIPTIONS = {
    "mon_imports": "Monitoring: import runs",
    "mon_reports": "Monitoring: service reports",
    "mon_outages": "Monitoring: outage log",
    "status_history": "Status history (append-only)",
}

GPKG_APPLICATION_ID = 0x47504B47  # 'GPKG'
GPKG_USER_VERSION = 10200  # GeoPackage 1.2

# Result keys
ROWS_READ, ROWS_IMPORTED, ROWS_REJECTED, ROWS_DUPLICATE, ROWS_CONFLICT = (
    "ROWS_READ", "ROWS_IMPORTED", "ROWS_REJECTED", "ROWS_DUPLICATE", "ROWS_CONFLICT")


# --------------------------------------------------------------------------------------------- connection
def connect(path: str) -> sqlite3.Connection:
    """Autocommit connection (transactions are explicit ``BEGIN IMMEDIATE``), foreign keys on."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _has_tables(db: DB, names) -> bool:
    """True when every table of ``names`` exists (the file is opened read-only)."""
    if isinstance(db, sqlite3.Connection):
        conn, close = db, False
    else:
        conn, close = sqlite3.connect(f"file:{db}?mode=ro", uri=True), True
    try:
        found = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        if close:
            conn.close()
    return all(n in found for n in names)


class _Conn:
    """Context helper: use a given connection, or open/close one for a path."""

    def __init__(self, db: DB):
        self.db = db
        self.conn: Optional[sqlite3.Connection] = None

    def __enter__(self) -> sqlite3.Connection:
        if isinstance(self.db, sqlite3.Connection):
            self.conn = self.db
            if self.conn.in_transaction:
                raise RuntimeError("connection already inside a transaction")
            self.conn.isolation_level = None
            self.conn.row_factory = sqlite3.Row
        else:
            self.conn = connect(self.db)
        return self.conn

    def __exit__(self, *exc) -> None:
        if self.conn is not None and not isinstance(self.db, sqlite3.Connection):
            self.conn.close()


def _table_exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


def is_geopackage(conn: sqlite3.Connection) -> bool:
    return _table_exists(conn, "gpkg_contents")


def _create_minimal_gpkg(conn: sqlite3.Connection) -> None:
    """The mandatory GeoPackage 1.2 tables (spatial_ref_sys with the 3 required rows, contents,
    geometry_columns) so GDAL/QGIS open the new file as a GeoPackage."""
    conn.execute(f"PRAGMA application_id = {GPKG_APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
    conn.execute("""CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
        organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
        description TEXT)""")
    wgs84 = ('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
             'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",'
             '0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],'
             'AUTHORITY["EPSG","4326"]]')
    conn.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", [
        ("WGS 84 geodetic", 4326, "EPSG", 4326, wgs84, "longitude/latitude coordinates in decimal degrees"),
        ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
        ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
    ])
    conn.execute("""CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
        identifier TEXT UNIQUE, description TEXT DEFAULT '',
        last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
        CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))""")
    conn.execute("""CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
        geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
        CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
        CONSTRAINT uk_gc_table_name UNIQUE (table_name),
        CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
        CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))""")


def ensure_schema(db: DB, geopackage: Optional[bool] = None) -> None:
    """Create the monitoring tables, indexes and history triggers (idempotent).

    ``geopackage``: None = auto (existing ``gpkg_contents`` table, or a new/empty file named ``*.gpkg``);
    True forces creating the minimal GeoPackage tables when missing. In a GeoPackage the tables are
    registered in ``gpkg_contents`` as ``attributes``.
    """
    with _Conn(db) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            _create_schema(conn, geopackage)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _create_schema(conn: sqlite3.Connection, geopackage: Optional[bool] = None) -> None:
    """:func:`ensure_schema`'s work inside the caller's transaction (an import creates the tables in its own
    transaction: a failed first import leaves no empty monitoring table behind)."""
    is_gpkg = is_geopackage(conn)
    if not is_gpkg:
        path = _db_path(conn)
        empty = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
        want = geopackage if geopackage is not None else (path.lower().endswith(".gpkg") and empty)
        if want:
            _create_minimal_gpkg(conn)
            is_gpkg = True
    for ddl in SCHEMA.values():
        conn.execute(ddl)
    for ddl in EXTRA_DDL:
        conn.execute(ddl)
    if is_gpkg:
        for name, desc in DESCRIPTIONS.items():
            conn.execute(
                "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, "
                "last_change) VALUES (?, 'attributes', ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
                (name, name, desc))


def our_columns() -> dict:
    """{table: its columns} of the monitoring tables as :data:`SCHEMA` creates them."""
    conn = sqlite3.connect(":memory:")
    try:
        for ddl in SCHEMA.values():
            conn.execute(ddl)
        return {name: [r[1] for r in conn.execute(f"PRAGMA table_info({name})")] for name in SCHEMA}
    finally:
        conn.close()


def foreign_tables(path: str) -> list:
    """(name as the file spells it, the columns it lacks) of every table or view of the existing SQLite / GeoPackage
    file ``path`` that is named like a monitoring table (letter case ignored, as SQLite does) but lacks columns the
    monitoring table always has: a table of the user's that only shares the name. :func:`ensure_schema` would leave
    it as it is and then add an index and, to a ``status_history``, the append-only triggers to it, and an import
    would add its rows to it (or fail on a missing column). [] when there is none, or ``path`` does not exist or
    cannot be read as SQLite (the file is opened read-only)."""
    if not os.path.isfile(path):
        return []
    ours = our_columns()
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return []
    try:
        found = []
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").fetchall()
        for (name,) in rows:
            columns = ours.get(str(name).lower())
            if columns is None:
                continue
            have = {r[1].lower() for r in conn.execute(f'PRAGMA table_info("{name}")')}
            lacking = [c for c in columns if c.lower() not in have]
            if lacking:
                found.append((str(name), lacking))
        return found
    except sqlite3.Error:
        return []
    finally:
        conn.close()


def _db_path(conn: sqlite3.Connection) -> str:
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main":
            return row[2] or ""
    return ""


def _touch_gpkg(conn: sqlite3.Connection, tables: Iterable[str]) -> None:
    if is_geopackage(conn):
        for t in tables:
            conn.execute("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
                         "WHERE table_name = ?", (t,))


# --------------------------------------------------------------------------------------------- hashing
def _num(v) -> Optional[str]:
    return None if v is None else repr(float(v))


def _iso(v: Optional[dt.datetime]) -> Optional[str]:
    return None if v is None else v.strftime("%Y-%m-%dT%H:%M:%S")


def report_part(rec: ReportRecord) -> Optional[dict]:
    """The mon_reports row of a record (None when it carries no metrics)."""
    power = rec.power_outage if not rec.has_outage else None
    if not rec.has_metrics and power is None:
        return None
    d = {"code": rec.code, "code_type": rec.code_type, "provider": rec.provider or "", "period": rec.period,
         "month": rec.month, "power_outage": None if power is None else int(power)}
    for f in METRIC_FIELDS:
        d[f] = getattr(rec, f)
    d["content_hash"] = _content_hash("mon_reports", d)
    return d


def _content_hash(table: str, d: dict) -> str:
    """The hash of a row's key and values (a stored row with the same hash holds the same report)."""
    if table == "mon_reports":
        payload = [d["code"], d["provider"], d["period"], *[_num(d[f]) for f in METRIC_FIELDS], d["power_outage"]]
    else:
        payload = [d["code"], d["provider"], d["outage_start"], d["outage_end"], d["cause"], d["power_outage"]]
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()


def outage_part(rec: ReportRecord) -> Optional[dict]:
    """The mon_outages row of a record (None when it has no outage)."""
    if not rec.has_outage:
        return None
    d = {"code": rec.code, "code_type": rec.code_type, "provider": rec.provider or "",
         "month": rec.outage_start.strftime("%Y-%m"), "outage_start": _iso(rec.outage_start),
         "outage_end": _iso(rec.outage_end), "duration_s": (rec.outage_end - rec.outage_start).total_seconds(),
         "cause": rec.cause or "", "power_outage": None if rec.power_outage is None else int(rec.power_outage)}
    d["content_hash"] = _content_hash("mon_outages", d)
    return d


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --------------------------------------------------------------------------------------------- import
def _existing(conn: sqlite3.Connection, table: str, part: dict) -> Optional[sqlite3.Row]:
    """The stored row of ``part``'s key; else, the one row of its code and period (outage start) stored without a
    provider while ``part`` names one, or the one row stored with a provider while ``part`` names none: a report
    imported once without its provider (no column, PROVIDER left empty) and again with it was stored twice, the
    site-month counted twice in the SLA and the scorecard (found 2026-12-08)."""
    key = ("r.code = ? AND r.period = ?", (part["code"], part["period"])) if table == "mon_reports" else (
        "r.code = ? AND r.outage_start = ?", (part["code"], part["outage_start"]))
    query = (f"SELECT r.*, i.imported_at, i.file_name FROM {table} r JOIN mon_imports i ON i.fid = r.import_id "
             f"WHERE {key[0]}")
    row = conn.execute(query + " AND r.provider = ?", (*key[1], part["provider"])).fetchone()
    if row is not None:
        return row
    others = conn.execute(query + (" AND r.provider = ''" if part["provider"] else " AND r.provider != ''"),
                          key[1]).fetchall()
    return others[0] if len(others) == 1 else None


#: the values a row's content hash covers, beside its key: the ones a conflict may differ in
_COMPARED = {"mon_reports": (*METRIC_FIELDS, "power_outage"), "mon_outages": ("outage_end", "cause", "power_outage")}


def _shown(value) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _given(value) -> bool:
    return value is not None and value != ""


def _differing(table: str, old, part: dict) -> list:
    """(name, new, old) of the values the new row gives that differ from the stored row's (a value one of them does
    not give is no difference: it completes the other)."""
    differ = []
    for name in _COMPARED[table]:
        a, b = part[name], old[name]
        if _given(a) and _given(b) and (_num(a) != _num(b) if name in METRIC_FIELDS else str(a) != str(b)):
            differ.append((name, a, b))
    return differ


def _completed(table: str, old, part: dict) -> dict:
    """``part`` with the stored row's values where it gives none: a usage report for a month whose uptime was
    imported from another file (or another row of the file) adds its users to that month's row; it was rejected as
    a conflict ('uptime_pct -, was 99.1'), and the users were lost (found 2026-12-08)."""
    merged = dict(part)
    merged["provider"] = part["provider"] or old["provider"]  # (a report named its provider, the other did not)
    for name in _COMPARED[table]:
        if not _given(merged[name]) and _given(old[name]):
            merged[name] = old[name]
    merged["content_hash"] = _content_hash(table, merged)
    return merged


def _change(table: str, old: sqlite3.Row, part: dict) -> MonitoringError:
    """What differs between a stored row and a new one: the first differing value, new and old, and how many more
    (a conflict's message names them)."""
    differ = _differing(table, old, part)
    if not differ:  # (the hash covers only these values; a stored row from an older version may differ elsewhere)
        return MonitoringError("changed_unknown")
    name, new, was = differ[0]
    return MonitoringError("changed_value" if len(differ) == 1 else "changed_values", field=name, new=_shown(new),
                           old=_shown(was), n=len(differ) - 1)


def _insert(conn: sqlite3.Connection, table: str, part: dict, import_id: int, row: int) -> None:
    cols = ["import_id", "source_row", *part.keys()]
    conn.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                 (import_id, row, *part.values()))


def _update(conn: sqlite3.Connection, table: str, fid: int, part: dict, import_id: Optional[int], row: int) -> None:
    """A stored row's values (and hash) replaced by ``part``'s; with ``import_id``, also the import and row it now
    comes from (a corrected report), else they stay (a row completed by another file's values)."""
    values = dict(part) if import_id is None else {"import_id": import_id, "source_row": row, **part}
    conn.execute(f"UPDATE {table} SET {', '.join(f'{k} = ?' for k in values)} WHERE fid = ?", (*values.values(), fid))


def import_records(db: DB, records: Sequence[ReportRecord], file_name: str, sha256: str = "",
                   rows_read: Optional[int] = None, pre_rejects: Sequence[RowReject] = (), provider: str = "",
                   imported_by: Optional[str] = None, on_row: Optional[Callable[[int, ReportRecord], None]] = None,
                   now: Optional[dt.datetime] = None, replace: bool = False) -> dict:
    """Import validated records in one transaction. Returns the result dict (see :func:`import_report_file`).

    ``replace``: the file corrects reports imported before: a row differing from an EARLIER import's row of the same
    key replaces it (counted in ``ROWS_REPLACED``, each one in ``REPLACED`` as ``(row, MonitoringError)`` naming the
    old value and its file) instead of being rejected as a conflict. (A corrected report could never be imported: its
    rows stayed conflicts, found 2026-12-08.) Two rows of one key in the same file stay a conflict.

    ``pre_rejects``: rows already rejected by validation (counted, returned in ``REJECTS``).
    ``on_row(index, record)``: called for every record inside the transaction before it is written (progress
    / cancel hook; raising aborts and rolls back the whole import).
    """
    imported_at = (now or dt.datetime.now()).strftime("%Y-%m-%dT%H:%M:%S")
    if imported_by is None:
        try:
            imported_by = getpass.getuser()
        except Exception:  # noqa: BLE001 - no user name is not an error
            imported_by = ""
    rejects: list[RowReject] = list(pre_rejects)
    replaced: list = []
    n_imported = n_dup = n_conflict = n_outages = 0
    with _Conn(db) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            _create_schema(conn)  # (in this transaction: a failed import leaves the file as it was)
            cur = conn.execute(
                "INSERT INTO mon_imports (file_name, sha256, imported_at, imported_by, provider) VALUES (?,?,?,?,?)",
                (file_name, sha256, imported_at, imported_by, provider))
            import_id = cur.lastrowid
            spelling = _provider_spellings(conn)
            for index, rec in enumerate(records):
                if on_row is not None:
                    on_row(index, rec)
                rec = _one_provider_name(rec, spelling)
                parts = [(t, p) for t, p in (("mon_reports", report_part(rec)), ("mon_outages", outage_part(rec)))
                         if p is not None]
                new_parts, updates = [], []
                conflict = None
                for table, part in parts:
                    old = _existing(conn, table, part)
                    if old is None:
                        new_parts.append((table, part))
                        continue
                    part = _completed(table, old, part)
                    if old["content_hash"] == part["content_hash"]:
                        continue  # nothing new
                    if not _differing(table, old, part):
                        updates.append((table, old["fid"], part, None))  # it completes the stored row
                        continue
                    what = MonitoringError("report_for", code=part["code"], period=part["period"]) \
                        if table == "mon_reports" else \
                        MonitoringError("outage_of", code=part["code"], start=part["outage_start"])
                    change = _change(table, old, part)
                    if old["import_id"] == import_id:
                        conflict = MonitoringError("conflict_in_file", what=what, row=old["source_row"],
                                                   change=change)
                    elif replace:
                        updates.append((table, old["fid"], part, MonitoringError(
                            "replaced_imported", what=what, when=old["imported_at"], file=old["file_name"],
                            row=old["source_row"], change=change)))
                        continue
                    else:
                        conflict = MonitoringError("conflict_imported", what=what, when=old["imported_at"],
                                                   file=old["file_name"], row=old["source_row"], change=change)
                    break
                if conflict:
                    n_conflict += 1
                    rejects.append(RowReject(rec.row, str(conflict), _record_data(rec), conflict))
                    continue
                if not new_parts and not updates:
                    n_dup += 1
                    continue
                for table, part in new_parts:
                    _insert(conn, table, part, import_id, rec.row)
                    n_outages += table == "mon_outages"
                for table, fid, part, said in updates:  # (a completed row keeps the import it came from)
                    _update(conn, table, fid, part, import_id if said else None, rec.row)
                    if said:
                        replaced.append((rec.row, said))
                n_imported += 1
            read = rows_read if rows_read is not None else len(records) + len(pre_rejects)
            conn.execute(
                "UPDATE mon_imports SET rows_read=?, rows_imported=?, rows_rejected=?, rows_duplicate=?, "
                "rows_conflict=?, outages_imported=? WHERE fid=?",
                (read, n_imported, len(rejects), n_dup, n_conflict, n_outages, import_id))
            _touch_gpkg(conn, ("mon_imports", "mon_reports", "mon_outages"))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    rejects.sort(key=lambda r: r.row)
    return {ROWS_READ: read, ROWS_IMPORTED: n_imported, ROWS_REJECTED: len(rejects), ROWS_DUPLICATE: n_dup,
            ROWS_CONFLICT: n_conflict, "OUTAGES_IMPORTED": n_outages, "IMPORT_ID": import_id, "REJECTS": rejects,
            "ROWS_REPLACED": len({row for row, _said in replaced}), "REPLACED": replaced}


def _provider_spellings(conn) -> dict:
    """The providers already stored, by their name in lower case without surrounding spaces: the spelling kept."""
    out: dict = {}
    for table in ("mon_reports", "mon_outages"):
        try:
            rows = conn.execute(f"SELECT DISTINCT provider FROM {table} ORDER BY fid").fetchall()
        except sqlite3.Error:
            continue
        for (name,) in rows:
            if name is not None:
                out.setdefault(str(name).strip().lower(), str(name))
    return out


def _one_provider_name(rec: ReportRecord, spelling: dict) -> ReportRecord:
    """``rec`` under the provider's first spelling ('TELKOM' and ' telkom' are 'Telkom' when it came first): the
    same report under two spellings was stored and counted twice (found 2026-12-07)."""
    name = rec.provider if isinstance(rec.provider, str) else ""
    key = name.strip().lower()
    if not key:
        return rec
    first = spelling.setdefault(key, name.strip())
    return rec if first == rec.provider else dataclasses.replace(rec, provider=first)


def _record_data(rec: ReportRecord) -> dict:
    return {k: (_iso(v) if isinstance(v, dt.datetime) else v) for k, v in
            ((f, getattr(rec, f)) for f in rec.__dataclass_fields__) if k != "row"}


def import_report_file(db: DB, path: str, known_codes: Optional[Iterable[str]] = None, provider: str = "",
                       rejects_path: Optional[str] = None, mapping: Optional[dict] = None, sheet: Optional[str] = None,
                       imported_by: Optional[str] = None, on_row: Optional[Callable] = None,
                       now: Optional[dt.datetime] = None, replace: bool = False) -> dict:
    """Validate and import a service-report CSV/XLSX file.

    Returns ``{ROWS_READ, ROWS_IMPORTED, ROWS_REJECTED, ROWS_DUPLICATE, ROWS_CONFLICT, OUTAGES_IMPORTED,
    IMPORT_ID, REJECTS (list of RowReject), WARNINGS (list of str)}``. ``ROWS_REJECTED`` includes conflicts.
    ``rejects_path``: when given, rejected rows are written there (row, reason, original columns) - the file
    is written even when empty so a stale one is never left behind.
    """
    header, rows = read_table(path, sheet)
    records, pre_rejects, warnings = validate_report_rows(rows, mapping=mapping, known_codes=known_codes,
                                                          provider=provider, now=now)
    result = import_records(db, records, os.path.basename(path), file_sha256(path), rows_read=len(rows),
                            pre_rejects=pre_rejects, provider=provider, imported_by=imported_by, on_row=on_row,
                            now=now, replace=replace)
    result["WARNINGS"] = warnings
    if rejects_path:
        by_row = {r: d for r, d in rows}
        out = [RowReject(rj.row, rj.reason, by_row.get(rj.row, rj.data), rj.error) for rj in result["REJECTS"]]
        write_rejects_csv(rejects_path, out)
    return result


# --------------------------------------------------------------------------------------------- reading back
def load_records(db: DB, provider: Optional[str] = None) -> list[dict]:
    """Reports and outages as dicts usable by :func:`monitoring.sla_table` and the indicator functions
    (outage times as datetimes). Read-only: a plan without monitoring tables gives no records and is not changed
    (a report never writes into the plan)."""
    if not _has_tables(db, ("mon_reports", "mon_outages")):
        return []
    out = []
    with _Conn(db) as conn:
        where, args = ("WHERE provider = ?", (provider,)) if provider is not None else ("", ())
        for r in conn.execute(f"SELECT * FROM mon_reports {where} ORDER BY code, period", args):
            d = dict(r)
            d["power_outage"] = None if d["power_outage"] is None else bool(d["power_outage"])
            out.append(d)
        for r in conn.execute(f"SELECT * FROM mon_outages {where} ORDER BY code, outage_start", args):
            d = dict(r)
            d["outage_start"] = dt.datetime.fromisoformat(d["outage_start"])
            d["outage_end"] = dt.datetime.fromisoformat(d["outage_end"])
            d["power_outage"] = None if d["power_outage"] is None else bool(d["power_outage"])
            out.append(d)
    return out


def import_files(db: DB) -> dict[int, str]:
    """Import id -> the imported file's name (read-only, as :func:`load_records`: {} without monitoring tables)."""
    if not _has_tables(db, ("mon_imports",)):
        return {}
    with _Conn(db) as conn:
        return {int(r["fid"]): str(r["file_name"]) for r in conn.execute("SELECT fid, file_name FROM mon_imports")}


#: the files the import tool reads (processing/alg_importmonitoring.py): only a file of these can be an imported report
REPORT_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".txt")


def imports_of_file(db: str, path: str) -> list[dict]:
    """The imports of mon_imports in ``db`` (oldest first, ``{file_name, imported_at, by_name}``) whose file the
    existing file ``path`` is: its SHA-256 is the one recorded (wherever the file is now and whatever its name: the
    same bytes are the same report), or, for an import recorded without a checksum (``by_name`` True), its name is
    the one recorded (the name is all mon_imports keeps: no folder). A file whose name is recorded WITH a checksum
    but whose bytes differ is not that report (e.g. a table slareport wrote under that name before). Read-only; []
    when ``path`` is no file of a report's kind (:data:`REPORT_SUFFIXES`), or ``db`` has no mon_imports or cannot be
    read (the callers' own checks say what is wrong with it)."""
    if not os.path.isfile(path) or not path.lower().endswith(REPORT_SUFFIXES) or not os.path.isfile(db):
        return []
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return []
    try:
        if not _has_tables(conn, ("mon_imports",)):
            return []
        rows = conn.execute("SELECT file_name, sha256, imported_at FROM mon_imports ORDER BY fid").fetchall()
    except sqlite3.Error:
        return []
    finally:
        conn.close()
    name = os.path.normcase(os.path.basename(path))
    try:
        digest = file_sha256(path) if any(sha for _name, sha, _at in rows) else ""
    except OSError:  # cannot be read: the output checks say so
        digest = ""
    out = []
    for file_name, sha, imported_at in rows:
        by_name = not sha
        if (sha and sha == digest) or (by_name and os.path.normcase(str(file_name or "")) == name):
            out.append({"file_name": str(file_name), "imported_at": str(imported_at), "by_name": by_name})
    return out


def list_imports(db: DB) -> list[dict]:
    ensure_schema(db)
    with _Conn(db) as conn:
        return [dict(r) for r in conn.execute("SELECT * FROM mon_imports ORDER BY fid")]


# --------------------------------------------------------------------------------------------- status history
def append_status_change(db: DB, layer: str, fid: Optional[int], code: str, old_status: Optional[str],
                         new_status: str, changed_by: Optional[str] = None, note: str = "",
                         changed_at: Optional[dt.datetime] = None, check_transition: bool = True) -> int:
    """Append one status change (append-only table); returns its id.

    Statuses are stored as codes (labels such as 'aktif' are accepted). ``check_transition``: raise
    ValueError when ``old_status -> new_status`` is not in ``monitoring.ALLOWED_TRANSITIONS``.
    """
    new_code = normalise_status(new_status)
    if new_code is None or check_transition:
        err = transition_error(old_status, new_status)
        if err:
            raise ValueError(err)
    old_code = (normalise_status(old_status) or str(old_status).strip()) if old_status else None
    if changed_by is None:
        try:
            changed_by = getpass.getuser()
        except Exception:  # noqa: BLE001
            changed_by = ""
    when = (changed_at or dt.datetime.now()).strftime("%Y-%m-%dT%H:%M:%S")
    ensure_schema(db)
    with _Conn(db) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            cur = conn.execute(
                "INSERT INTO status_history (layer, fid, code, old_status, new_status, changed_at, changed_by, note) "
                "VALUES (?,?,?,?,?,?,?,?)", (layer, fid, code, old_code, new_code, when, changed_by, note or ""))
            _touch_gpkg(conn, ("status_history",))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return int(cur.lastrowid)


def status_history(db: DB, code: Optional[str] = None, layer: Optional[str] = None) -> list[dict]:
    """History rows (oldest first), optionally for one code and/or layer."""
    ensure_schema(db)
    clauses, args = [], []
    if code is not None:
        clauses.append("code = ?")
        args.append(code)
    if layer is not None:
        clauses.append("layer = ?")
        args.append(layer)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    with _Conn(db) as conn:
        return [dict(r) for r in conn.execute(f"SELECT * FROM status_history {where} ORDER BY changed_at, id", args)]


def current_statuses(db: DB, layer: Optional[str] = None) -> dict[str, str]:
    """code -> latest new_status from the history."""
    out: dict[str, str] = {}
    for r in status_history(db, layer=layer):
        if r["code"]:
            out[r["code"]] = r["new_status"]
    return out
