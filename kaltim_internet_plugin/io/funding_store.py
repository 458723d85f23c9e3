"""Where the funding table lives: a non-spatial ``funding_sources`` table in a GeoPackage, JSON in the QGIS project
(scope ``KaltimInternet``, key ``funding_sources``), or a CSV/JSON file chosen by the user.

The GeoPackage table has one column per :data:`core.funding.CSV_FIELDS` entry; lists are stored as text separated
by ``;`` (``all`` for every technology), caps as real numbers (empty = no cap), yes/no rules as integers 0/1. Reading
goes through the same parser as the CSV so both formats accept the same values.
"""
from __future__ import annotations

import csv
import io
import json
import os
from typing import List, Optional, Sequence

from ..core.funding import (
    CSV_FIELDS,
    FundingSource,
    FundingTableError,
    ValidationIssue,
    default_sources,
    read_sources_csv,
    sources_from_csv_text,
    sources_from_json,
    sources_to_csv_text,
    sources_to_json,
)

SCOPE = "KaltimInternet"
PROJECT_KEY = "funding_sources"
TABLE_NAME = "funding_sources"

_REAL = ("yearly_cap_idr", "per_village_cap_idr")
_INT = ("order", "cap_per_kab", "only_3t", "needs_plot", "desa_only", "recurring")


# ---- files ---------------------------------------------------------------------------------------------------------
def read_file(path: str) -> List[FundingSource]:
    """Funding table from a ``.csv``, ``.json`` or ``.gpkg`` (table ``funding_sources``) file.
    Raises FundingTableError (bad content), FileNotFoundError or ValueError (unknown extension)."""
    if not os.path.exists(path):
        raise FileNotFoundError(path)
    ext = os.path.splitext(path)[1].lower()
    if ext in (".csv", ".txt"):  # (a CSV saved as .txt by a spreadsheet)
        return read_sources_csv(path)
    if ext == ".json":
        with open(path, encoding="utf-8-sig") as fh:
            try:
                return sources_from_json(fh.read())
            except (json.JSONDecodeError, TypeError, AttributeError) as e:
                raise FundingTableError([ValidationIssue(-1, "", f"not a funding table JSON file: {e}",
                                                         f"bukan berkas JSON tabel sumber dana: {e}")]) from e
    if ext == ".gpkg":
        sources = read_gpkg(path)
        if sources is None:
            raise FundingTableError([ValidationIssue(-1, "", f"{path} has no '{TABLE_NAME}' table",
                                                     f"{path} tidak memiliki tabel '{TABLE_NAME}'")])
        return sources
    raise ValueError(f"unknown funding file type '{ext}' (use .csv, .txt, .json or .gpkg)")


def write_file(path: str, sources: Sequence[FundingSource]) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext == ".json":
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(sources_to_json(sources))
    elif ext == ".gpkg":
        write_gpkg(path, sources)
    else:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(sources_to_csv_text(sources))
    return path


# ---- GeoPackage ----------------------------------------------------------------------------------------------------
def write_gpkg(path: str, sources: Sequence[FundingSource], table: str = TABLE_NAME) -> None:
    """Create or replace the non-spatial table ``table`` in the GeoPackage ``path`` (created if missing)."""
    from osgeo import ogr

    drv = ogr.GetDriverByName("GPKG")
    ds = ogr.Open(path, 1) if os.path.exists(path) else drv.CreateDataSource(path)
    if ds is None:
        raise OSError(f"cannot open {path} for writing")
    try:
        for i in range(ds.GetLayerCount()):
            if ds.GetLayerByIndex(i).GetName() == table:
                ds.DeleteLayer(i)
                break
        lyr = ds.CreateLayer(table, None, ogr.wkbNone)
        for name in CSV_FIELDS:
            ftype = ogr.OFTReal if name in _REAL else ogr.OFTInteger if name in _INT else ogr.OFTString
            lyr.CreateField(ogr.FieldDefn(name, ftype))
        rows = list(csv.DictReader(io.StringIO(sources_to_csv_text(sources))))
        for row in rows:
            f = ogr.Feature(lyr.GetLayerDefn())
            for name in CSV_FIELDS:
                v = row.get(name, "")
                if v == "":
                    if name not in _REAL:
                        f.SetField(name, "" if name not in _INT else 0)
                    continue  # NULL cap
                if name in _INT:
                    f.SetField(name, 1 if v == "true" else 0 if v == "false" else int(float(v)))
                elif name in _REAL:
                    f.SetField(name, float(v))
                else:
                    f.SetField(name, v)
            lyr.CreateFeature(f)
    finally:
        ds = None


def read_gpkg(path: str, table: str = TABLE_NAME) -> Optional[List[FundingSource]]:
    """The funding table stored in ``path``, or None when the GeoPackage has no such table."""
    from osgeo import ogr

    ds = ogr.Open(path, 0)
    if ds is None:
        return None
    try:
        lyr = ds.GetLayerByName(table)
        if lyr is None:
            return None
        defn = lyr.GetLayerDefn()
        names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(names)
        for f in lyr:
            row = []
            for name in names:
                if not f.IsFieldSetAndNotNull(name):
                    row.append("")
                    continue
                v = f.GetField(name)
                if name in _INT and name != "order":
                    row.append("true" if int(v) else "false")
                elif isinstance(v, float) and v.is_integer():
                    row.append(str(int(v)))
                else:
                    row.append(str(v))
            w.writerow(row)
        return sources_from_csv_text(buf.getvalue())
    finally:
        ds = None


# ---- project -------------------------------------------------------------------------------------------------------
def write_project(sources: Sequence[FundingSource], project=None) -> None:
    from qgis.core import QgsProject

    project = project or QgsProject.instance()
    project.writeEntry(SCOPE, PROJECT_KEY, sources_to_json(sources, indent=None))


def read_project(project=None) -> Optional[List[FundingSource]]:
    """The table stored in the project, or None if there is none (or it cannot be read)."""
    from qgis.core import QgsProject

    project = project or QgsProject.instance()
    text, ok = project.readEntry(SCOPE, PROJECT_KEY, "")
    if not ok or not text:
        return None
    try:
        return sources_from_json(text)
    except (ValueError, TypeError, AttributeError, FundingTableError):
        return None


def project_or_default(project=None) -> List[FundingSource]:
    stored = read_project(project)
    return stored if stored is not None else default_sources()
