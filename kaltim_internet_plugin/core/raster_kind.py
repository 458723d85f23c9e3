"""Is this raster a DEM or a coverage raster? A DEM given as coverage makes every village 'covered' (its
elevations read as line-of-sight counts), and a coverage raster given as a DEM makes terrain of dBm values: both
are refused with a message (issue 16, item 5).

A coverage raster is recognised by the metadata the plugin writes (``KALTIM_COV_*``, ``KALTIM_COVERAGE_KIND``,
``KALTIM_WHATIF_SITE``) or, without it, by its values: a dBm raster is mostly negative. A raster without that
metadata whose values reach above :data:`MAX_LOS_COUNT` cannot be a count of sites in line of sight: it is taken for
a DEM. numpy + GDAL only.
"""
from __future__ import annotations

from typing import Optional, Tuple

import numpy as np
from osgeo import gdal

MAX_LOS_COUNT = 200  # more sites in line of sight of one cell than this: not a line-of-sight count
COVERAGE_KEYS = ("KALTIM_COV_MODEL", "KALTIM_COVERAGE_KIND", "KALTIM_WHATIF_SITE")
# the other rasters of 'Compute coverage' (OUTPUT_SERVER: 'server', OUTPUT_COUNT: 'count') carry their role
ROLE_KEY = "KALTIM_RASTER_ROLE"


def _sample(ds) -> np.ndarray:
    band = ds.GetRasterBand(1)
    scale = max(1, int(max(ds.RasterXSize, ds.RasterYSize) / 512))
    arr = band.ReadAsArray(buf_xsize=max(1, ds.RasterXSize // scale), buf_ysize=max(1, ds.RasterYSize // scale))
    arr = np.asarray(arr, dtype=np.float64)
    nodata = band.GetNoDataValue()
    valid = np.isfinite(arr)
    if nodata is not None:
        valid &= arr != nodata
    return arr[valid]


def has_coverage_metadata(ds) -> bool:
    md = dict(ds.GetMetadata() or {})
    md.update(ds.GetRasterBand(1).GetMetadata() or {})
    return any(k in md for k in COVERAGE_KEYS)


def dem_as_coverage(path: str) -> Optional[Tuple[float, float]]:
    """(min, max) of the values when the raster at ``path`` looks like a DEM, not a coverage raster; else None."""
    ds = gdal.Open(str(path))
    if ds is None or has_coverage_metadata(ds):
        return None
    values = _sample(ds)
    if values.size == 0 or (values < 0).mean() > 0.5:
        return None  # empty, or a dBm raster
    if values.max() > MAX_LOS_COUNT or (ds.GetMetadataItem("SOURCE") or "").lower() in ("synthetic", "dem"):
        return float(values.min()), float(values.max())
    return None


def coverage_as_dem(path: str) -> Optional[str]:
    """'metadata' or 'values' when the raster at ``path`` is a coverage raster (not a DEM); else None."""
    ds = gdal.Open(str(path))
    if ds is None:
        return None
    if has_coverage_metadata(ds):
        return "metadata"
    values = _sample(ds)
    if values.size and (values < -30).mean() > 0.9:  # elevations below -30 m are rare; dBm values always are
        return "values"
    return None


def land_cover_as_dem(path: str, classes) -> Optional[list]:
    """The values of the raster at ``path`` when they are only land-cover class codes, so it is a land cover and no
    DEM: an integer raster whose sampled values are at least 3 different ones, all of them codes of ``classes``
    (the clutter table's, e.g. ESA WorldCover 10, 20, ... 100); else None. A DEM has heights of every metre, not
    only a few class codes (a flat DEM of one or two heights is not taken for a land cover)."""
    ds = gdal.Open(str(path))
    if ds is None:
        return None
    integer = (gdal.GDT_Byte, gdal.GDT_UInt16, gdal.GDT_Int16, gdal.GDT_UInt32, gdal.GDT_Int32)
    if ds.GetRasterBand(1).DataType not in integer:
        return None
    distinct = np.unique(_sample(ds))
    codes = {int(c) for c in classes}
    if 3 <= distinct.size <= len(codes) and all(float(v).is_integer() and int(v) in codes for v in distinct):
        return [int(v) for v in distinct]
    return None


def coverage_side_raster(path: str) -> Optional[str]:
    """'server' or 'count' when the raster at ``path`` is the serving-site index or the site count written beside a
    coverage raster (not the coverage itself); else None."""
    ds = gdal.Open(str(path))
    if ds is None:
        return None
    role = ds.GetMetadataItem(ROLE_KEY) or ds.GetRasterBand(1).GetMetadataItem(ROLE_KEY)
    return role or None
