"""kaltiminternet:repairvillages — write a NEW layer with repaired (valid) geometries; the input stays as it is."""
from __future__ import annotations

from qgis.core import QgsFeatureSink, QgsProcessingException

from ..i18n import tr
from ..io.layers import repair_layer
from .base import KaltimAlgorithm
from .params import add_outputs, add_sink, add_source


class RepairVillagesAlgorithm(KaltimAlgorithm):
    ALG_ID = "repairvillages"
    NEEDS_CRS = False  # the repair keeps the coordinates as they are
    GROUP_ID = "data"

    def initAlgorithm(self, config=None):
        add_source(self, "INPUT", tr("Village layer"), layer=True)
        add_sink(self, "OUTPUT", tr("Repaired villages"))
        add_outputs(self, "number", [("REPAIRED_COUNT", tr("Repaired features"))])

    def processAlgorithm(self, parameters, context, feedback):
        layer = self.parameterAsVectorLayer(parameters, "INPUT", context)
        if layer is None or not layer.isValid():
            raise QgsProcessingException(tr("Cannot read the village layer."))
        repaired_layer, repaired = repair_layer(layer)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, repaired_layer.fields(),
                                          repaired_layer.wkbType(), repaired_layer.crs())
        for feat in repaired_layer.getFeatures():
            if feedback.isCanceled():
                break
            sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
        if repaired:
            feedback.pushInfo(tr("Repaired feature ids: {ids}").format(ids=", ".join(map(str, repaired))))
        return {"OUTPUT": dest, "REPAIRED_COUNT": len(repaired)}


ALGORITHM = RepairVillagesAlgorithm
