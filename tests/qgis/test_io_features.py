"""io.layers.features: the one loop over a layer's features with progress and cancel (issue 17)."""
from __future__ import annotations

from qgis.core import QgsFeature, QgsFeedback, QgsGeometry, QgsPointXY, QgsVectorLayer

from kaltim_internet_plugin.io.layers import features


def _points(n: int) -> QgsVectorLayer:
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=k:integer", "pts", "memory")
    feats = []
    for i in range(n):
        f = QgsFeature(layer.fields())
        f.setAttributes([i])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(117.0 + i / 100, 0.5)))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def test_every_feature_without_feedback():
    assert [f["k"] for f in features(_points(7))] == list(range(7))


def test_progress_up_to_the_share():
    seen = []

    class Recorder(QgsFeedback):
        def setProgress(self, value):  # noqa: N802 - QGIS API
            seen.append(value)

    assert len(list(features(_points(10), Recorder(), share=30.0, every=5))) == 10
    assert seen == [0.0, 15.0]


def test_stops_when_cancelled():
    feedback = QgsFeedback()
    out = []
    for f in features(_points(10), feedback):
        out.append(f["k"])
        if len(out) == 3:
            feedback.cancel()
    assert out == [0, 1, 2]
