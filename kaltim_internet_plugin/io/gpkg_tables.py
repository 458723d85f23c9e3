"""Tables of a GeoPackage as QGIS's Processing sinks name them, and the tables a GeoPackage already holds."""
from __future__ import annotations

import os
from typing import Dict, Iterable, List, Set

from ..i18n import tr


def table_destination(path: str, table: str, geometry: bool = True) -> str:
    """The sink destination of the table ``table`` of the GeoPackage ``path`` ("ogr:dbname='path' table="x"", with
    " (geom)" for a table with geometry). A path holding an apostrophe is written in double quotes: QGIS reads
    "dbname='it's.gpkg'" as the path "it" and fails with a garbled folder name."""
    quote = '"' if "'" in path else "'"
    return f"ogr:dbname={quote}{path}{quote} table=\"{table}\"" + (" (geom)" if geometry else "")


def table_name_problem(path: str) -> str:
    """Why QGIS's sinks cannot add a table to the GeoPackage ``path`` ("" when they can): a file name with a dot
    before .gpkg (QGIS 3.22 to 3.44 take what follows the first dot, 'v2.gpkg', as the format and fail with "OGR
    driver for '' not found"), or a path with both kinds of quote."""
    name = os.path.basename(path)
    stem = name[:-len(".gpkg")] if name.lower().endswith(".gpkg") else os.path.splitext(name)[0]
    if "." in stem:
        example = os.path.join(os.path.dirname(path), stem.replace(".", "_") + name[len(stem):])
        return tr("QGIS cannot add a table to a GeoPackage whose file name has a dot before .gpkg ({name}: it takes "
                  "'{suffix}' for the file's format). Rename it without the dot, e.g. {example}.").format(
            name=name, suffix=name.split(".", 1)[1], example=example)
    if "'" in path and '"' in path:
        return tr("QGIS cannot name a table of {path}: its path holds both ' and \". Choose a file whose path has "
                  "neither.").format(path=path)
    return ""


#: table names a GeoPackage keeps for itself (its catalogue, spatial indexes, SQLite's own tables)
RESERVED_PREFIXES = ("gpkg_", "rtree_", "sqlite_")


def reserved_table_problem(table: str) -> str:
    """Why ``table`` cannot be a table of ours in a GeoPackage ("" when it can): a name the GeoPackage keeps for
    itself (gpkg_..., rtree_... spatial indexes, sqlite_...)."""
    if table and table.strip().lower().startswith(RESERVED_PREFIXES):
        return tr("'{table}' is a name a GeoPackage keeps for its own tables (names beginning with gpkg_, rtree_ or "
                  "sqlite_): give the table another name, e.g. {example}.").format(
            table=table, example=table.strip().split("_", 1)[1] or "planned_sites")
    return ""


def _open(path: str):
    """The GeoPackage ``path`` opened read-only with OGR, or None when it does not exist or cannot be opened."""
    if not os.path.isfile(path):
        return None
    from osgeo import ogr

    try:
        return ogr.Open(path, 0)
    except RuntimeError:
        return None


def tables_of(path: str) -> List[str]:
    """The tables (layers) of the GeoPackage ``path``, [] when it does not exist or cannot be opened."""
    ds = _open(path)
    if ds is None:
        return []
    return [ds.GetLayerByIndex(i).GetName() for i in range(ds.GetLayerCount())]


def table_fields(path: str) -> Dict[str, Set[str]]:
    """The tables of the GeoPackage ``path`` (in its order) with their field names in lower case, {} when it does
    not exist or cannot be opened."""
    ds = _open(path)
    out = {}
    for i in range(ds.GetLayerCount() if ds is not None else 0):
        layer = ds.GetLayerByIndex(i)
        defn = layer.GetLayerDefn()
        out[layer.GetName()] = {defn.GetFieldDefn(j).GetName().lower() for j in range(defn.GetFieldCount())}
    return out


def foreign_in(fields: Dict[str, Set[str]], signatures: Dict[str, Iterable[str]]) -> List[str]:
    """The tables of ``fields`` (:func:`table_fields`) named like one of ``signatures`` (table -> the fields a table
    of ours always has) that lack those fields: a table of the user's that only shares the name (e.g. their own
    'villages')."""
    return [name for name, have in fields.items() if signatures.get(name) and not set(signatures[name]) <= have]


def foreign_tables(path: str, signatures: Dict[str, Iterable[str]]) -> List[str]:
    """:func:`foreign_in` of the GeoPackage ``path``."""
    return foreign_in(table_fields(path), signatures)


def what_it_is(path: str) -> str:
    """"" when ``path`` is a GeoPackage GDAL opens, else what it seems to be (a few bytes read, nothing written): the
    words of every refusal of a file given as a GeoPackage (planned sites, the monitoring records' PLAN_DB)."""
    if os.path.isdir(path):
        return tr("a folder, not a file")
    try:
        with open(path, "rb") as fh:
            head = fh.read(512)
    except OSError as exc:
        return tr("a file that cannot be read ({error})").format(error=exc.strerror or exc)
    if not head:
        return tr("an empty file (0 bytes), not an SQLite file")
    if head.startswith(b"SQLite format 3\x00"):
        from osgeo import gdal

        try:
            ds = gdal.OpenEx(path, gdal.OF_VECTOR, allowed_drivers=["GPKG"])
        except RuntimeError:
            ds = None
        found = ds is not None
        ds = None
        return "" if found else tr("an SQLite database without the GeoPackage tables")
    kinds = ((b"\x00\x00\x27\x0a", tr("a shapefile (.shp)")), (b"PK\x03\x04", tr("a ZIP archive (e.g. Excel .xlsx)")),
             (b"II*\x00", tr("a TIFF raster")), (b"MM\x00*", tr("a TIFF raster")), (b"%PDF", tr("a PDF document")))
    what = next((w for magic, w in kinds if head.startswith(magic)), None)
    if what is None:  # no NUL byte in the first bytes: text (CSV, GeoJSON, KML, ...)
        what = tr("a text file (e.g. CSV)") if b"\x00" not in head else tr("a file of another kind")
    return tr("{what}, not an SQLite file").format(what=what)


def drop_tables(path: str, names: Iterable[str]) -> List[str]:
    """Drop the tables ``names`` of the GeoPackage ``path`` (OGR removes their rows of gpkg_contents, their geometry
    columns, metadata references and spatial index); the names it could not drop. OSError when the file cannot be
    opened for writing. (Styles saved in layer_styles are the caller's: OGR leaves them.)"""
    wanted = set(names)
    if not wanted:
        return []
    from osgeo import ogr

    ds = ogr.Open(path, 1)
    if ds is None:
        raise OSError(tr("Cannot open {path} to update it.").format(path=path))
    failed = []
    for i in range(ds.GetLayerCount() - 1, -1, -1):
        name = ds.GetLayerByIndex(i).GetName()
        if name in wanted and ds.DeleteLayer(i) != 0:
            failed.append(name)
    ds = None
    return failed
