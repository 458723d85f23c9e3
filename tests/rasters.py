"""Small raster builders shared by the tests: a one-band GeoTIFF writer and the "gaussian hills" synthetic DEM.

Import as `from tests.rasters import write_geotiff, gaussian_hills`. No QGIS needed (GDAL and numpy only).
"""
from __future__ import annotations

import numpy as np
from osgeo import gdal, osr

# the numpy type an array is cast to before it is written into a band of that GDAL type
_NUMPY_TYPE = {
    gdal.GDT_Byte: np.uint8,
    gdal.GDT_UInt16: np.uint16,
    gdal.GDT_Int16: np.int16,
    gdal.GDT_UInt32: np.uint32,
    gdal.GDT_Int32: np.int32,
    gdal.GDT_Float32: np.float32,
    gdal.GDT_Float64: np.float64,
}


def write_geotiff(path, array, geotransform, epsg=32750, nodata=-9999.0, dtype=None, metadata=None,
                  description=None) -> str:
    """Write `array` (rows x columns) as a one-band GeoTIFF at `path` and close it; returns str(path).

    dtype: the band's GDAL type (default gdal.GDT_Float32); the array is cast to the matching numpy type first.
    geotransform / epsg / nodata: None writes no geotransform / no projection / no nodata value.
    metadata: dataset metadata items (e.g. the coverage kind a coverage raster carries), when given.
    description: the band's description (GDAL's band line in a QGIS legend), when given.
    The nodata value is set before the values are written: GDAL >= 3.10 leaves all-zero GTiff blocks unwritten
    (sparse) and reads them back as the nodata value set afterwards, so a flat 0 m DEM written before
    SetNoDataValue would read back as all nodata there (not on 3.6).
    """
    dtype = gdal.GDT_Float32 if dtype is None else dtype
    array = np.asarray(array).astype(_NUMPY_TYPE[dtype])
    ds = gdal.GetDriverByName("GTiff").Create(str(path), array.shape[1], array.shape[0], 1, dtype)
    if geotransform is not None:
        ds.SetGeoTransform(geotransform)
    if epsg is not None:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
        ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    if nodata is not None:
        band.SetNoDataValue(nodata)
    if description is not None:
        band.SetDescription(description)
    band.WriteArray(array)
    if metadata:
        ds.SetMetadata(metadata)
    band = None
    ds = None
    return str(path)


def gaussian_hills(n, seed, base, count, sigma, height) -> np.ndarray:
    """An n x n float DEM: `base` plus `count` gaussian hills at random centres (uniform over the grid), with a
    standard deviation uniform in `sigma` = (lo, hi) cells and a peak uniform in `height` = (lo, hi) metres.

    seed: an int, or a numpy Generator (np.random.default_rng returns it as it is) when the caller goes on drawing
    from the same stream. The numbers are drawn in this order per hill: centre x, centre y, sigma, height.
    """
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:n, 0:n].astype(float)
    z = np.full((n, n), base, dtype=float)
    for _ in range(count):
        cx, cy = rng.uniform(0, n, 2)
        s = rng.uniform(*sigma)
        z += rng.uniform(*height) * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * s * s))
    return z
