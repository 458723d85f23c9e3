"""The printed sources line states what of the plan's inputs is synthetic, illustrative or estimated, and its date,
read from the inputs themselves (report/plan_package.input_provenance): the sample's flags are printed, and a run on
real data prints none it does not carry (was: 'menara dan DEM SINTETIS' whenever the towers were synthetic, and
nothing of the illustrative programme table, the synthetic land cover and fibre points)."""
from __future__ import annotations

import json

import numpy as np
from osgeo import gdal


def _raster(path, source=None):
    ds = gdal.GetDriverByName("GTiff").Create(str(path), 4, 4, 1, gdal.GDT_Int16)
    ds.SetGeoTransform((116.0, 0.01, 0, -1.0, 0, -0.01))
    ds.GetRasterBand(1).WriteArray(np.ones((4, 4), dtype=np.int16))
    if source:
        ds.SetMetadataItem("SOURCE", source)
    ds = None


def test_sample_inputs_are_flagged_from_their_data_and_provenance(qgis_app):
    from kaltim_internet_plugin.io import sample
    from kaltim_internet_plugin.report.plan_package import input_provenance

    texts = [input_provenance(p).text() for p in (sample.dem_path(), sample.landcover_path(),
                                                  sample.fibre_pops_uri(), sample.programme_status_path())]
    assert texts == ["DEM SINTETIS", "tutupan lahan SINTETIS", "titik fiber SINTETIS",
                     'status program (dasar "tersambung program") ILUSTRATIF (jumlah per Januari 2026)']


def test_real_inputs_print_no_flag(qgis_app, tmp_path):
    from kaltim_internet_plugin.report.plan_package import input_provenance

    _raster(tmp_path / "demnas.tif")
    (tmp_path / "status_program.csv").write_text("kode_desa;terhubung\n64.01.01.2009;ya\n", encoding="utf-8")
    assert input_provenance(str(tmp_path / "demnas.tif")) is None
    assert input_provenance(str(tmp_path / "status_program.csv")) is None
    # a synthetic raster says so itself, whatever its name; a provenance file beside the data gives name and date
    _raster(tmp_path / "terrain.tif", "synthetic")
    assert input_provenance(str(tmp_path / "terrain.tif")).text() == "terrain.tif SINTETIS"
    (tmp_path / "provenance.json").write_text(json.dumps({
        "status_program.csv": {"what": "status program", "as_of": "per 31-03-2026"},
        "terrain.tif": {"what": "DEM"}}), encoding="utf-8")
    assert input_provenance(str(tmp_path / "status_program.csv")).text() == "status program (per 31-03-2026)"
    assert input_provenance(str(tmp_path / "terrain.tif")).text() == "DEM SINTETIS"


def test_the_layer_a_geopackage_input_names_is_the_one_read(qgis_app, tmp_path):
    """``data.gpkg|layername=fibre`` is flagged by that layer's own flag field, not by the file's first layer (the
    uri's layer name was dropped and the first layer read)."""
    from osgeo import ogr, osr

    from kaltim_internet_plugin.report.plan_package import input_provenance

    path = str(tmp_path / "data.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32750)
    for name, source in (("offices", "survey 2025"), ("fibre", "synthetic")):
        layer = ds.CreateLayer(name, srs, ogr.wkbPoint)
        layer.CreateField(ogr.FieldDefn("source", ogr.OFTString))
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("source", source)
        feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT (500000 9900000)"))
        layer.CreateFeature(feature)
    ds = None
    assert input_provenance(f"{path}|layername=offices") is None
    assert input_provenance(f"{path}|layername=fibre").text() == "data.gpkg SINTETIS"


def test_exportplan_help_says_what_data_inputs_does(qgis_app):
    """The optional DATA_INPUTS parameter was in the dialog but not in the algorithm's help (English, Indonesian)."""
    from qgis.core import QgsProcessingParameterDefinition

    from kaltim_internet_plugin.i18n import install_translator, remove_translator
    from kaltim_internet_plugin.processing.alg_exportplan import ExportPlanAlgorithm

    alg = ExportPlanAlgorithm()
    english = alg.shortHelpString()
    assert "DATA_INPUTS (optional, advanced)" in english and "provenance.json" in english
    assert english.startswith("Writes the deployment plan into OUTPUT_FOLDER")
    alg.initAlgorithm({})
    data = alg.parameterDefinition("DATA_INPUTS")
    assert data is not None and data.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional
    assert install_translator("id"), "the .qm must be built (make translations)"
    try:
        indonesian = alg.shortHelpString()
    finally:
        remove_translator()
    assert "DATA_INPUTS (opsional, lanjutan)" in indonesian and "provenance.json" in indonesian
    assert "Writes the deployment plan" not in indonesian
