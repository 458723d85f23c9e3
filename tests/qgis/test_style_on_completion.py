"""processing.base.KaltimAlgorithm.style_on_completion: an output styled after the run (importsites, classify)."""
from __future__ import annotations

from qgis.core import QgsProcessingContext, QgsProject, QgsVectorLayer


def test_outputs_are_styled_after_the_run_and_when_loaded(provider):
    alg = provider.algorithm("importsites").createInstance()
    assert alg._output_styles == ()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    held = QgsVectorLayer("Point?crs=EPSG:4326", "held", "memory")
    context.temporaryLayerStore().addMapLayer(held)
    styled = []
    alg.style_on_completion(held.id(), lambda layer: styled.append(layer.name()))
    alg.style_on_completion("", lambda layer: styled.append("never"))  # no output: nothing to style
    assert alg.postProcessAlgorithm(context, None) == {}
    assert styled == ["held"]
    assert provider.algorithm("importsites").createInstance()._output_styles == ()  # per run, not per class


def test_nothing_to_style_by_default(provider):
    alg = provider.algorithm("checkvillages").createInstance()
    assert alg.postProcessAlgorithm(QgsProcessingContext(), None) == {}
