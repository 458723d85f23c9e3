"""Canonical row text and per-table checksums, identical for GeoPackage and PostGIS (plain python + OGR).

A table's checksum is the md5 of its rows, ordered by the feature id, each row written as its values' canonical
text joined by TAB and ended by LF. Canonical text, so both back ends give the same bytes:

* NULL -> ``\\N``; booleans -> ``1``/``0``; integers -> decimal; floats -> ``repr`` (exact, shortest round-trip)
* text as is (``\\``, TAB and LF escaped); JSON re-serialised with sorted keys (jsonb reorders keys)
* date/time as ISO 8601; timestamps in UTC at millisecond precision (the GeoPackage's precision), e.g.
  ``2026-11-28T08:16:41.747Z``; a timestamp without a time zone counts as UTC
* binary -> lowercase hex; geometry -> ISO WKB, little endian, as hex (normalised through OGR so the GeoPackage
  blob and PostGIS ``ST_AsBinary`` agree)
"""
from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from dataclasses import dataclass, field

UTC = dt.timezone.utc


def canonical_datetime(value) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    ms = int(round(value.microsecond / 1000.0))
    base = value.replace(microsecond=0, tzinfo=None)
    if ms == 1000:
        base += dt.timedelta(seconds=1)
        ms = 0
    return f"{base.strftime('%Y-%m-%dT%H:%M:%S')}.{ms:03d}Z"


def canonical_geometry(wkb) -> str:
    if wkb is None:
        return "\\N"
    from osgeo import ogr

    data = bytes(wkb)
    if not data:
        return "\\N"
    geom = ogr.CreateGeometryFromWkb(data)
    if geom is None:
        return "x" + data.hex()
    return geom.ExportToIsoWkb(ogr.wkbNDR).hex()


def canonical(value, kind: str = "") -> str:
    """Canonical text of one value. ``kind``: '' (by python type), 'json', 'geometry', 'xml'."""
    if value is None:
        return "\\N"
    if kind == "geometry":
        return canonical_geometry(value)
    if kind == "json":
        try:
            parsed = json.loads(value) if isinstance(value, str) else value
            value = json.dumps(parsed, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        except ValueError:
            pass
    if kind == "xml" and isinstance(value, str):
        text = value.strip()
        if text.startswith("<?xml"):
            text = text[text.find("?>") + 2:].lstrip()
        value = text
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, decimal.Decimal):
        return repr(float(value))
    if isinstance(value, dt.datetime):
        return canonical_datetime(value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


@dataclass
class TableChecksum:
    name: str
    rows: int = 0
    md5: str = ""
    _hash: object = field(default_factory=hashlib.md5, repr=False, compare=False)

    def add(self, values, kinds=None) -> None:
        kinds = kinds or [""] * len(values)
        line = "\t".join(canonical(v, k) for v, k in zip(values, kinds)) + "\n"
        self._hash.update(line.encode("utf-8"))
        self.rows += 1

    def finish(self) -> TableChecksum:
        self.md5 = self._hash.hexdigest()
        return self

    def as_dict(self) -> dict:
        return {"rows": self.rows, "md5": self.md5}


def checksum_rows(name: str, rows, kinds=None, sort: bool = False) -> TableChecksum:
    """Checksum an iterable of value tuples (already ordered, or ``sort=True`` to sort the canonical lines)."""
    total = TableChecksum(name)
    if sort:
        lines = sorted("\t".join(canonical(v, k) for v, k in zip(r, kinds or [""] * len(r))) for r in rows)
        for line in lines:
            total._hash.update((line + "\n").encode("utf-8"))
            total.rows += 1
        return total.finish()
    for row in rows:
        total.add(row, kinds)
    return total.finish()


def compare(source: dict, target: dict) -> list:
    """Differences between two {table: {'rows', 'md5'}} maps (tables of ``source`` must match in ``target``)."""
    problems = []
    for name, want in sorted(source.items()):
        got = target.get(name)
        if got is None:
            problems.append((name, want, None))
        elif got["rows"] != want["rows"] or got["md5"] != want["md5"]:
            problems.append((name, want, got))
    return problems
