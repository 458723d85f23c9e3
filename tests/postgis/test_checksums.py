"""Canonical text used by the per-table checksums (no server needed)."""
from __future__ import annotations

import datetime as dt

from osgeo import ogr

from kaltim_internet_plugin.store.checksums import canonical, checksum_rows, compare


def test_canonical_values_agree_across_back_ends():
    utc = dt.datetime(2026, 2, 1, 8, 30, 15, 250000, tzinfo=dt.timezone.utc)
    wita = utc.astimezone(dt.timezone(dt.timedelta(hours=8)))
    assert canonical(utc) == canonical(wita) == "2026-02-01T08:30:15.250Z"
    assert canonical(dt.datetime(2026, 2, 1, 8, 30, 15, 250400)) == "2026-02-01T08:30:15.250Z"  # ms precision
    assert canonical('{"b": 1, "a": [1, 2.5]}', "json") == canonical('{"a":[1,2.5],"b":1}', "json")
    assert canonical(True) == canonical(1) == "1"
    assert canonical(0.1 + 0.2) == "0.30000000000000004"
    assert canonical(None) == "\\N" and canonical("") == ""
    assert canonical("a\tb\nc\\") == "a\\tb\\nc\\\\"
    assert canonical(b"\x00\xff") == canonical(memoryview(b"\x00\xff")) == "00ff"
    assert canonical('<?xml version="1.0"?>\n<qgis/>', "xml") == canonical("<qgis/>", "xml")


def test_geometry_is_normalised_to_iso_wkb_ndr():
    geom = ogr.CreateGeometryFromWkt("MULTIPOLYGON (((116 -1, 117 -1, 117 0, 116 -1)))")
    ndr, xdr = geom.ExportToIsoWkb(ogr.wkbNDR), geom.ExportToWkb(ogr.wkbXDR)
    assert canonical(ndr, "geometry") == canonical(xdr, "geometry") == bytes(ndr).hex()
    moved = ogr.CreateGeometryFromWkt("MULTIPOLYGON (((116 -1, 117 -1, 117 0.000000001, 116 -1)))")
    assert canonical(moved.ExportToIsoWkb(), "geometry") != canonical(ndr, "geometry")


def test_checksum_detects_any_difference():
    rows = [(1, "a", 1.5, None), (2, "b", 2.5, "x")]
    base = checksum_rows("t", rows).as_dict()
    assert base == checksum_rows("t", list(rows)).as_dict() and base["rows"] == 2
    assert compare({"t": base}, {"t": checksum_rows("t", [(1, "a", 1.5, None), (2, "b", 2.5, "y")]).as_dict()})
    assert compare({"t": base}, {"t": checksum_rows("t", rows[:1]).as_dict()})
    assert compare({"t": base}, {}) == [("t", base, None)]
    assert checksum_rows("s", [(2, "b"), (1, "a")], sort=True).md5 == checksum_rows("s", [(1, "a"), (2, "b")]).md5
