"""Work files are removed when they are no longer needed: a metric DEM leaves no folder (a DEM in degrees keeps its
reprojected copy while it is read), and the files a run reads once go into QGIS's Processing temporary folder, which
QGIS removes at the end of the session. The copies that background runs read are tested in tests/gui/test_tasks.py."""
from __future__ import annotations

import os
import shutil
import tempfile

from tests.conftest import SAMPLE


def _dem_folders() -> set:
    from qgis.core import QgsProcessingUtils

    return {os.path.join(parent, n) for parent in (tempfile.gettempdir(), QgsProcessingUtils.tempFolder())
            for n in os.listdir(parent) if n.startswith("kaltim_dem_")}


def test_scratch_folders_live_in_the_processing_temporary_folder(qgis_app):
    from qgis.core import QgsProcessingUtils

    from kaltim_internet_plugin.io.scratch import scratch_folder

    folder = scratch_folder("kaltim_test_")
    try:
        assert os.path.isdir(folder) and os.path.basename(folder).startswith("kaltim_test_")
        assert os.path.dirname(folder) == QgsProcessingUtils.tempFolder()
    finally:
        shutil.rmtree(folder)


def test_a_metric_dem_is_read_in_place_without_a_temporary_folder(qgis_app, tmp_path):
    from osgeo import gdal
    from qgis.core import QgsProcessingUtils, QgsRasterLayer

    from kaltim_internet_plugin.io.priority_layers import open_metric_dem

    before = _dem_folders()
    layer = QgsRasterLayer(str(SAMPLE / "kaltim_dem_synthetic_250m.tif"), "dem")
    ds, crs, msg = open_metric_dem(layer)
    assert ds.GetDescription() == layer.source() and msg == "" and crs.authid() == "EPSG:32750"
    assert _dem_folders() == before
    # a DEM in degrees is reprojected into a scratch folder of its own, kept while the copy is read
    degrees = tmp_path / "dem_degrees.tif"
    gdal.Warp(str(degrees), str(SAMPLE / "kaltim_dem_synthetic_250m.tif"), dstSRS="EPSG:4326")
    ds, crs, msg = open_metric_dem(QgsRasterLayer(str(degrees), "dem"))
    made = _dem_folders() - before
    assert len(made) == 1 and "reprojected" in msg and crs.authid() in ("EPSG:32650", "EPSG:32750")
    folder = made.pop()
    assert os.path.dirname(ds.GetDescription()) == folder
    assert os.path.dirname(folder) == QgsProcessingUtils.tempFolder()
    ds = None
    shutil.rmtree(folder)
