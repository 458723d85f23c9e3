"""A land cover given as the DEM (a tester's finding, session 32): 'Compute coverage' computed 436 sites on class
codes read as metres and said "Coverage done". Every tool that takes a DEM refuses it, naming the classes."""
from __future__ import annotations

import shutil

import numpy as np
import pytest
from osgeo import gdal

from tests.conftest import SAMPLE, run_alg

LANDCOVER = SAMPLE / "kaltim_landcover_synthetic.tif"
DEM = SAMPLE / "kaltim_dem_synthetic_250m.tif"


def test_the_sample_land_cover_is_refused_as_dem_by_coverage_and_candidates(provider, tmp_path):
    from qgis.core import QgsProcessingException

    land = tmp_path / "landcover.tif"
    shutil.copy(LANDCOVER, land)
    before = land.read_bytes()
    towers = f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=towers"
    villages = f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=villages"
    for alg, params in (("kaltiminternet:coverage", {"SITES": towers, "DEM": str(land), "MODEL": 2,
                                                      "OUTPUT": str(tmp_path / "cov.tif")}),
                        ("kaltiminternet:candidates", {"VILLAGES": villages,
                                                       "DEM": str(land), "OUTPUT": str(tmp_path / "cand.gpkg")})):
        with pytest.raises(QgsProcessingException) as err:
            run_alg(alg, params)
        text = str(err.value)
        assert "is a land cover, not a DEM" in text and "10, 20" in text and "LAND_COVER" in text, (alg, text)
    assert land.read_bytes() == before
    assert not (tmp_path / "cov.tif").exists() and not (tmp_path / "cand.gpkg").exists()


def test_an_integer_dem_of_real_heights_or_of_a_flat_plain_is_not_a_land_cover(tmp_path):
    """The rule is narrow: at least 3 values, all of them codes of the clutter table, in an integer raster."""
    from kaltim_internet_plugin.core.clutter import default_table_path, read_table
    from kaltim_internet_plugin.core.raster_kind import land_cover_as_dem

    classes = read_table(default_table_path())
    driver = gdal.GetDriverByName("GTiff")

    def write(name, arr, dtype=gdal.GDT_Int16):
        ds = driver.Create(str(tmp_path / name), arr.shape[1], arr.shape[0], 1, dtype)
        ds.SetGeoTransform((500000, 30, 0, 9900000, 0, -30))
        ds.GetRasterBand(1).WriteArray(arr)
        ds = None
        return str(tmp_path / name)

    hills = (np.add.outer(np.arange(200), np.arange(200)) % 150).astype(np.int16)
    assert land_cover_as_dem(write("hills.tif", hills), classes) is None
    plain = np.where(np.arange(200)[None, :] < 100, 10, 20).repeat(200, axis=0).astype(np.int16)
    assert land_cover_as_dem(write("plain.tif", plain), classes) is None  # two heights: a DEM may be that flat
    classes_only = np.resize(np.array([10, 40, 50, 80], dtype=np.uint8), (200, 200))
    assert land_cover_as_dem(write("lc.tif", classes_only, gdal.GDT_Byte), classes) == [10, 40, 50, 80]
    assert land_cover_as_dem(write("lc_float.tif", classes_only.astype(np.float32), gdal.GDT_Float32),
                             classes) is None
    assert land_cover_as_dem(str(DEM), classes) is None
