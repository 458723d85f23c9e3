"""Clutter loss at the receiver from a land-cover raster (numpy + GDAL, no QGIS, no Qt).

Without a land-cover layer, the coverage engine subtracts one flat clutter margin (``clutter_margin_db``) from every
path. With one, each cell's land-cover class gives a nominal clutter height ``ha`` and distance ``dk`` (ITU-R
P.452-17 (09/2021) §4.5, Table 4; the defaults in ``resources/clutter_worldcover_p452.csv``) and the loss is the
P.452 §4.5 height-gain correction at the receiver height ``h`` (eq. 57-58)::

    Ah  = 10.25 * Ffc * exp(-dk) * (1 - tanh(6 * (h / ha - 0.625))) - 0.33      dB, dk in km
    Ffc = 0.25 + 0.375 * (1 + tanh(7.5 * (f - 0.5)))                            f in GHz

A receiver at or above the clutter height loses about 0 dB (the formula's -0.33 dB "gain" is clipped to 0: the
plan never counts on clutter to improve a signal); a class with ``ha = 0`` (water, grass, bare ground) has no
clutter. Cells whose land cover is nodata or a class missing from the table keep the flat margin, so the flat
margin is never added on top of the land-cover clutter.

The land cover may be in any CRS and resolution: :class:`ClutterGrid` resamples it (nearest neighbour, a warped
GDAL VRT read per window) onto the coverage grid (the DEM's).
"""
from __future__ import annotations

import csv
import hashlib
import math
import os
from dataclasses import dataclass
from typing import Dict, Optional

import numpy as np
from osgeo import gdal

from . import numbers
from .coded_error import CodedError
from .records import resource_path

#: the default class -> clutter table shipped with the plugin (ESA WorldCover 2021 classes)
DEFAULT_TABLE_NAME = "clutter_worldcover_p452.csv"
TABLE_COLUMNS = ("class", "clutter_height_m", "clutter_distance_km")
#: ESA WorldCover's nodata value, used when the land-cover file declares none
WORLDCOVER_NODATA = 0
#: the class grid's nodata when the land cover's own cannot be a class (NaN, -3.4e38 of a Float32 file, 0.5, ...):
#: no class of a table (0 to 65535) and what a float NaN becomes in Int32
GRID_NODATA = -2147483648


class ClutterError(CodedError):
    """Invalid clutter input. ``code`` and ``params`` let a front translate it (``errors.describe``):
    'clutter_table_missing' / 'clutter_table_empty' (path), 'clutter_table_columns' (path, missing),
    'clutter_row_not_number' / 'clutter_row_not_integer' / 'clutter_row_duplicate' (path, row, column, value),
    'clutter_row_out_of_range' (+ low, high), 'clutter_landcover_unreadable' (path), 'clutter_table_changed'
    (path, expected, found), 'clutter_row_cells' (path, row, cells, columns: more cells than the header, e.g. an
    unquoted decimal comma), 'clutter_table_duplicate_column' (path, column, row, columns),
    'clutter_table_unclosed_quote' (path, row), 'clutter_table_unreadable' (path, error). ``row`` is the line
    number in the file (as a spreadsheet numbers its rows)."""


def frequency_factor(freq_mhz):
    """P.452-17 eq. (57a) Ffc, frequency in MHz."""
    f = np.asarray(freq_mhz, dtype=float) / 1000.0
    return 0.25 + 0.375 * (1.0 + np.tanh(7.5 * (f - 0.5)))


def clutter_loss_db(rx_height_m, clutter_height_m, clutter_distance_km, freq_mhz):
    """P.452-17 §4.5 eq. (57) height-gain correction ``Ah`` in dB at a receiver ``rx_height_m`` above ground, clipped
    to >= 0; 0 where the clutter height is 0 (no clutter). Broadcasts over arrays."""
    h = np.asarray(rx_height_m, dtype=float)
    ha = np.asarray(clutter_height_m, dtype=float)
    dk = np.asarray(clutter_distance_km, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(ha > 0, h / np.where(ha > 0, ha, 1.0), np.inf)
        ah = 10.25 * frequency_factor(freq_mhz) * np.exp(-dk) * (1.0 - np.tanh(6.0 * (ratio - 0.625))) - 0.33
    ah = np.where(ha > 0, np.maximum(ah, 0.0), 0.0)
    return float(ah) if ah.ndim == 0 else ah


@dataclass(frozen=True)
class ClutterClass:
    code: int
    label: str
    height_m: float
    distance_km: float
    source: str = ""


def default_table_path() -> str:
    return resource_path(DEFAULT_TABLE_NAME)


def table_sha(path: str) -> str:
    """First 12 hex digits of the SHA-256 of the table file (what the raster's metadata records)."""
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()[:12]


def read_table(path: str) -> Dict[int, ClutterClass]:
    """Class -> clutter of a CSV table: columns ``class``, ``clutter_height_m``, ``clutter_distance_km`` (others,
    e.g. ``label`` and ``source``, are kept for the log); lines starting with ``#`` are comments. The file is read as
    a spreadsheet saves it (:mod:`.tabular`: UTF-8, UTF-16 or Windows cp1252; ``,`` ``;`` or tab between cells) and
    its numbers as every table of the plugin reads them (:mod:`.numbers`: ``0,03`` in a ``;`` file is 0.03). Raises
    :class:`ClutterError` naming the row (its line number in the file) and the fix: also for a row with more cells
    than the header (an unquoted decimal comma in a ``,`` file, which would shift the columns) and a column given
    twice."""
    from . import tabular

    if not path or not os.path.isfile(path):
        raise ClutterError("clutter_table_missing", path=path)
    try:
        encoding = tabular.detect_encoding(path)
        with open(path, encoding=encoding, newline="") as fh:
            # comment lines become blank lines: skipped, but the rows keep their line numbers
            text = tabular.blank_comments(fh)
        table = tabular.read_csv_text(text, known_names=TABLE_COLUMNS)
    except tabular.TableError as exc:
        if exc.code == "empty_file":
            raise ClutterError("clutter_table_empty", path=path) from None
        if exc.code == "duplicate_column":
            raise ClutterError("clutter_table_duplicate_column", path=path, column=exc.params.get("column", ""),
                               row=exc.params.get("row", ""), columns=exc.params.get("columns", "")) from None
        if exc.code == "unclosed_quote":
            raise ClutterError("clutter_table_unclosed_quote", path=path, row=exc.params.get("line", "")) from None
        raise ClutterError("clutter_table_unreadable", path=path, error=exc.code) from None
    except (OSError, UnicodeError, csv.Error) as exc:
        raise ClutterError("clutter_table_unreadable", path=path, error=str(exc)) from None
    # the columns in any letters ('CLASS', 'Clutter_Height_M'), as the cost and funding tables read theirs
    table = tabular.with_names(table, TABLE_COLUMNS + ("label", "source"))
    names = [str(c or "").strip() for c in table.header]
    missing = [c for c in TABLE_COLUMNS if c not in names]
    if missing:
        raise ClutterError("clutter_table_columns", path=path, missing=", ".join(missing))
    out: Dict[int, ClutterClass] = {}
    for line_no, raw in table.rows:
        row = {str(k or "").strip(): ("" if v is None else str(v)) for k, v in raw.items()}
        if any(k.startswith("_extra") and v.strip() for k, v in row.items()):
            # more cells than the header: a decimal comma written unquoted in a ',' file shifts every later column
            # (was: '10,Tree cover,20,0,03,ITU' read as distance 0 without a word); empty cells after the last
            # column (a spreadsheet's trailing ',') are no error
            cells = max(i for i, v in enumerate(row.values(), start=1) if v.strip())
            raise ClutterError("clutter_row_cells", path=path, row=line_no, cells=cells, columns=len(names))

        def num(key, lo, hi, _row=row, _line=line_no):
            return _number(path, _line, _row, key, lo, hi)

        code = num("class", 0, 65535)
        if code != int(code):
            raise ClutterError("clutter_row_not_integer", path=path, row=line_no, column="class",
                               value=row.get("class"))
        if int(code) in out:
            raise ClutterError("clutter_row_duplicate", path=path, row=line_no, column="class",
                               value=row.get("class"))
        out[int(code)] = ClutterClass(int(code), (row.get("label") or "").strip(),
                                      num("clutter_height_m", 0.0, 100.0), num("clutter_distance_km", 0.0, 10.0),
                                      (row.get("source") or "").strip())
    if not out:
        raise ClutterError("clutter_table_empty", path=path)
    return out


def _number(path, line_no, row, key, lo, hi) -> float:
    raw = (row.get(key) or "").strip()
    try:
        v = numbers.parse_number(raw, numbers.ColumnSpec(key, negative=True, lo=lo, hi=hi, outliers="off",
                                                        enforce_range=False))
    except numbers.NumberError:
        v = None
    if v is None:
        raise ClutterError("clutter_row_not_number", path=path, row=line_no, column=key, value=raw)
    if not (math.isfinite(v) and lo <= v <= hi):
        raise ClutterError("clutter_row_out_of_range", path=path, row=line_no, column=key, value=raw, low=lo,
                           high=hi)
    return v


def land_cover_nodata(nd) -> tuple:
    """(the land cover's nodata as the warp reads it, the class grid's nodata) for the nodata value ``nd`` the file
    declares (None: ESA WorldCover's 0). A value that is no Int32 integer (NaN or -3.4e38 of a Float32 file) is
    :data:`GRID_NODATA` on the grid (it was WorldCover's 0 for NaN, and the Int32 warp turned -3.4e38 into
    -2147483648, "a class missing from the table")."""
    if nd is None:
        return WORLDCOVER_NODATA, WORLDCOVER_NODATA
    if math.isnan(nd):
        return "nan", GRID_NODATA
    if math.isfinite(nd) and nd == int(nd) and GRID_NODATA <= nd <= 2147483647:
        return int(nd), int(nd)
    return nd, GRID_NODATA


class ClutterGrid:
    """A land-cover raster on the coverage grid, turned into clutter loss per cell.

    ``dem_ds``: the open coverage grid (metric, north-up DEM). ``fallback_db``: the flat margin for cells without a
    class in the table (nodata, outside the land cover, unknown class)."""

    def __init__(self, landcover_path: str, table_path: str, dem_ds, rx_height_m: float, fallback_db: float):
        self.path, self.table_path = str(landcover_path), str(table_path)
        self.table = read_table(self.table_path)
        self.sha = table_sha(self.table_path)
        self.rx_height_m, self.fallback_db = float(rx_height_m), float(fallback_db)
        try:
            src = gdal.Open(self.path)
        except RuntimeError:
            src = None
        if src is None:
            raise ClutterError("clutter_landcover_unreadable", path=self.path)
        nd = src.GetRasterBand(1).GetNoDataValue()
        src_nodata, self.nodata = land_cover_nodata(nd)
        gt = dem_ds.GetGeoTransform()
        xs, ys = dem_ds.RasterXSize, dem_ds.RasterYSize
        bounds = (gt[0], gt[3] + gt[5] * ys, gt[0] + gt[1] * xs, gt[3])
        # nearest-neighbour resampling onto the DEM grid, evaluated lazily per window (a warped VRT)
        self.ds = gdal.Warp("", src, format="VRT", dstSRS=dem_ds.GetProjection() or None,
                            srcSRS=None if src.GetProjection() else dem_ds.GetProjection() or None,
                            outputBounds=bounds, width=xs, height=ys, resampleAlg="near",
                            srcNodata=src_nodata, dstNodata=self.nodata, outputType=gdal.GDT_Int32)
        if self.ds is None:
            raise ClutterError("clutter_landcover_unreadable", path=self.path)
        self._band = self.ds.GetRasterBand(1)
        self._lut: Dict[float, tuple] = {}

    def label(self) -> str:
        """What the raster's metadata records: 'landcover:<file> table:<sha>'."""
        return f"landcover:{os.path.basename(self.path)} table:{self.sha}"

    def _lookup(self, freq_mhz: float):
        key = round(float(freq_mhz), 3)
        if key not in self._lut:
            codes = np.array(sorted(self.table), dtype=np.int64)
            loss = np.array([clutter_loss_db(self.rx_height_m, self.table[c].height_m, self.table[c].distance_km,
                                             freq_mhz) for c in codes], dtype=np.float32)
            self._lut[key] = (codes, loss)
        return self._lut[key]

    def classes(self, xoff: int, yoff: int, xs: int, ys: int) -> np.ndarray:
        return self._band.ReadAsArray(int(xoff), int(yoff), int(xs), int(ys)).astype(np.int64)

    def loss_window(self, xoff: int, yoff: int, xs: int, ys: int, freq_mhz: float) -> np.ndarray:
        """Clutter loss (dB, float32) of the cells of a DEM window; the flat margin where no class applies."""
        cls = self.classes(xoff, yoff, xs, ys)
        codes, loss = self._lookup(freq_mhz)
        i = np.clip(np.searchsorted(codes, cls), 0, len(codes) - 1)
        known = (codes[i] == cls) & (cls != self.nodata)
        return np.where(known, loss[i], np.float32(self.fallback_db)).astype(np.float32)

    def count_unclassified(self, block: int = 2048, is_canceled=None) -> Optional[Dict[str, int]]:
        """Cells of the grid on the flat margin: {'nodata': n, 'unknown': n} (block-wise pass: seconds on a province
        at 30 m); None when ``is_canceled()`` says stop (polled between blocks)."""
        codes = np.array(sorted(self.table), dtype=np.int64)
        out = {"nodata": 0, "unknown": 0, "cells": 0}
        for y in range(0, self.ds.RasterYSize, block):
            for x in range(0, self.ds.RasterXSize, block):
                if is_canceled is not None and is_canceled():
                    return None
                c = self.classes(x, y, min(block, self.ds.RasterXSize - x), min(block, self.ds.RasterYSize - y))
                nod = c == self.nodata
                out["nodata"] += int(nod.sum())
                out["unknown"] += int((~nod & ~np.isin(c, codes)).sum())
                out["cells"] += c.size
        return out

    def unknown_classes(self, limit: int = 5, block: int = 2048) -> list:
        """Up to ``limit`` values of the land cover on the grid that the table has no row for (smallest first): what
        a user reads to see that the raster is not the land cover the table is for (e.g. a DEM given as land
        cover)."""
        codes = np.array(sorted(self.table), dtype=np.int64)
        found: set = set()
        for y in range(0, self.ds.RasterYSize, block):
            for x in range(0, self.ds.RasterXSize, block):
                c = self.classes(x, y, min(block, self.ds.RasterXSize - x), min(block, self.ds.RasterYSize - y))
                c = c[(c != self.nodata) & ~np.isin(c, codes)]
                found.update(int(v) for v in np.unique(c)[: max(limit, 0) * 4])
        return sorted(found)[:limit]


def clutter_for(settings, dem_ds) -> Optional[ClutterGrid]:
    """The clutter grid a coverage raster's settings describe (None: the flat margin only, or a line-of-sight
    model). Raises :class:`ClutterError` when the recorded table changed since the raster was computed."""
    if not getattr(settings, "land_cover_path", "") or getattr(settings, "is_los", False):
        return None
    grid = ClutterGrid(settings.land_cover_path, settings.clutter_table_path or default_table_path(), dem_ds,
                       settings.rx_height_m, settings.clutter_margin_db)
    if settings.clutter_table_sha and grid.sha != settings.clutter_table_sha:
        raise ClutterError("clutter_table_changed", path=grid.table_path, expected=settings.clutter_table_sha,
                           found=grid.sha)
    return grid
