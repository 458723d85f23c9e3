"""The legends read in one language, the UI's: the village statuses ("Covered", not "Covered (tercakup)"), and the
coverage raster and the sea mask titled by what they show ("Best signal (dBm)", "Sinyal terbaik (dBm)"), not by
GDAL's band line ("Pita 1: best signal (dBm)", "elevation_m (SYNTHETIC)"); found on the desktop 7 December."""
from __future__ import annotations

import pytest
from qgis.core import QgsLayerTreeModel, QgsProject, QgsRasterLayer, QgsVectorLayer

from tests.rasters import write_geotiff


def raster(path, values, description: str) -> QgsRasterLayer:
    return QgsRasterLayer(write_geotiff(path, [values], (500000.0, 100.0, 0, 9900000.0, 0, -100.0),
                                        metadata={"KALTIM_COVERAGE_KIND": "dbm"}, description=description),
                          "cov", "gdal")


def legend(layer) -> list:
    """The legend lines of ``layer`` as the layer tree shows them."""
    root = QgsProject.instance().layerTreeRoot()
    model = QgsLayerTreeModel(root)
    return [n.data(0) for n in model.layerLegendNodes(root.findLayer(layer.id()))]


def styled_coverage(tmp_path, add_first: bool):
    from kaltim_internet_plugin.io.styles_coverage import style_coverage

    layer = raster(tmp_path / "cov.tif", [-9999.0, -118.0, -70.0], "best signal (dBm)")
    group = QgsProject.instance().layerTreeRoot().insertGroup(0, "run")
    if add_first:  # styled when already in the layer tree (a restyle)
        QgsProject.instance().addMapLayer(layer, False)
        group.addLayer(layer)
        style_coverage(layer, "dbm", -110.0, 3)
    else:  # styled, then added to a run group (the Coverage page, the what-if preview)
        style_coverage(layer, "dbm", -110.0, 3)
        QgsProject.instance().addMapLayer(layer, False)
        group.addLayer(layer)
    return layer


@pytest.mark.parametrize("add_first", [False, True])
def test_the_coverage_legend_is_titled_by_what_it_shows(qgis_new_project, tmp_path, add_first):
    layer = styled_coverage(tmp_path, add_first)
    lines = legend(layer)
    assert lines[0] == "Best signal (dBm)", lines
    assert not any("Band" in str(line) for line in lines)
    # kept in the project: the title is QGIS's own legend label of the layer's tree node
    path = str(tmp_path / "p.qgz")
    assert QgsProject.instance().write(path)
    QgsProject.instance().clear()
    assert QgsProject.instance().read(path)
    reloaded = next(iter(QgsProject.instance().mapLayers().values()))
    assert legend(reloaded)[0] == "Best signal (dBm)"


def test_the_coverage_legend_in_indonesian(qgis_new_project, tmp_path, indonesian):
    layer = styled_coverage(tmp_path, False)
    assert legend(layer)[0] == "Sinyal terbaik (dBm)"


def test_the_sea_mask_reads_as_the_sea(qgis_new_project, tmp_path, indonesian):
    from kaltim_internet_plugin.io.styles_coverage import sea_mask_layer

    dem = raster(tmp_path / "coast.tif", [0.0, -2.0, 35.0], "elevation_m (SYNTHETIC)")
    mask = sea_mask_layer(dem, "Laut")
    QgsProject.instance().addMapLayer(mask)
    lines = legend(mask)
    assert lines[0] == "Ketinggian 0 m atau kurang pada DEM", lines
    assert not any("elevation" in str(line) for line in lines)


def status_legend() -> list:
    from kaltim_internet_plugin.io.styles import style_status

    layer = QgsVectorLayer("Polygon?crs=EPSG:32750&field=status:string", "villages", "memory")
    style_status(layer)
    return [c.label() for c in layer.renderer().categories()]


def test_the_status_legend_speaks_one_language(qgis_app):
    assert status_legend() == ["Covered", "Partial", "Blank spot"]


def test_the_status_legend_in_indonesian(qgis_app, indonesian):
    assert status_legend() == ["Tercakup", "Sebagian", "Blank spot"]


def test_the_sample_land_cover_legend_is_titled(qgis_new_project):
    from kaltim_internet_plugin.io.sample import load_sample

    layers = load_sample(QgsProject.instance())
    lines = legend(layers["landcover"])
    assert lines[0] == "Land cover class" and "Tree cover" in lines, lines[:3]
