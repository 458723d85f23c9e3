"""Fill values in a DEM that declares no nodata value: the -9999 / -32768 cells of a DEMNAS or SRTM tile exported
without its nodata value would be read as terrain 10 km deep (a pit that shadows every site around it)."""
from __future__ import annotations

from typing import NamedTuple, Optional

import numpy as np

# the fill values of DEM exports (ArcGIS/DEMNAS -9999, SRTM/Int16 -32768 and -32767); the lowest dry land is about
# -430 m (Dead Sea shore), so no real elevation of Kalimantan is near them
FILL_VALUES = (-9999.0, -32768.0, -32767.0)
FLOAT_FILL_BELOW = -1e38  # -3.4028235e38, the lowest float32, is the fill of many float rasters
BLOCK_ROWS = 512


class DemFill(NamedTuple):
    value: float  # the fill value found
    count: int  # cells holding it
    x: float  # an example cell's centre, in the DEM's CRS
    y: float


def fill_without_nodata(ds) -> Optional[DemFill]:
    """The fill value held by band 1 of the GDAL dataset ``ds`` when the band declares no nodata value (None when it
    declares one, or holds no fill value)."""
    band = ds.GetRasterBand(1)
    if band.GetNoDataValue() is not None:
        return None
    try:
        lowest = band.ComputeRasterMinMax(False)[0]
    except RuntimeError:
        return None
    if lowest is None or lowest > max(FILL_VALUES):
        return None  # no cell reaches a fill value: the common case costs one pass in GDAL
    gt = ds.GetGeoTransform()
    found = {}
    for row0 in range(0, ds.RasterYSize, BLOCK_ROWS):
        rows = min(BLOCK_ROWS, ds.RasterYSize - row0)
        a = band.ReadAsArray(0, row0, ds.RasterXSize, rows).astype(np.float64)
        for value, mask in [(v, a == v) for v in FILL_VALUES] + [(float(a.min()), a <= FLOAT_FILL_BELOW)]:
            n = int(mask.sum())
            if not n:
                continue
            key = value if value in FILL_VALUES else -3.4028234663852886e38
            if key not in found:
                r, c = (int(i[0]) for i in np.nonzero(mask))
                found[key] = [0, gt[0] + (c + 0.5) * gt[1] + (row0 + r + 0.5) * gt[2],
                              gt[3] + (c + 0.5) * gt[4] + (row0 + r + 0.5) * gt[5]]
            found[key][0] += n
    if not found:
        return None
    value = max(found, key=lambda k: found[k][0])
    return DemFill(value, *found[value])
