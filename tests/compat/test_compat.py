"""compat.py: the version-appropriate calls give the same results on QGIS 3.22, 3.40 and 3.44."""
from __future__ import annotations

import warnings

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from kaltim_internet_plugin import compat


def test_null_rectangle_is_replaced_by_the_first_extent_combined():
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        rect = compat.set_rect_null(QgsRectangle(1, 2, 3, 4))
    assert not [r for r in records if issubclass(r.category, DeprecationWarning)]
    rect.combineExtentWith(QgsRectangle(10, 20, 30, 40))
    assert (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()) == (10, 20, 30, 40)


class _FailingBoxTransform:
    """A transform whose bounding-box call fails as 3.40's does in a busy background task; points still work."""

    def __init__(self, real):
        self.real = real

    def transformBoundingBox(self, rect):  # noqa: N802
        raise QgsCsException("Forward transform of bounding box failed: Invalid value for an argument")

    def transform(self, point):
        return self.real.transform(point)


def test_bounding_box_falls_back_to_edge_points_when_the_box_transform_fails():
    real = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:32750"),
                                  QgsProject.instance())
    box = QgsRectangle(117.05, -0.72, 117.56, 0.21)
    want = compat.transform_bounding_box(real, box)
    got = compat.transform_bounding_box(_FailingBoxTransform(real), box)
    for a, b in ((got.xMinimum(), want.xMinimum()), (got.yMinimum(), want.yMinimum()),
                 (got.xMaximum(), want.xMaximum()), (got.yMaximum(), want.yMaximum())):
        assert abs(a - b) < 50.0  # metres: 21 points per edge against QGIS's densified box
    corner = real.transform(QgsPointXY(117.05, -0.72))
    assert got.contains(QgsPointXY(corner.x() + 1, corner.y() + 1))


def test_style_is_saved_into_the_geopackage(tmp_path):
    mem = QgsVectorLayer("Point?crs=EPSG:4326&field=a:integer", "pts", "memory")
    f = QgsFeature(mem.fields())
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(117, 0)))
    f.setAttributes([1])
    mem.dataProvider().addFeatures([f])
    path = str(tmp_path / "p.gpkg")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "pts"
    QgsVectorFileWriter.writeAsVectorFormatV3(mem, path, QgsProject.instance().transformContext(), options)
    layer = QgsVectorLayer(f"{path}|layername=pts", "pts", "ogr")
    assert layer.isValid()
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        error = compat.save_style_to_database(layer, "pts", "test style", True, "")
    assert error == ""
    assert not [r for r in records if issubclass(r.category, DeprecationWarning)]
    count = layer.listStylesInDatabase()[0]
    assert count >= 1
