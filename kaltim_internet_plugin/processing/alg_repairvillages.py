"""kaltiminternet:repairvillages — write a NEW layer with repaired (valid) geometries; the input stays as it is."""
from __future__ import annotations

from qgis.core import QgsFeatureSink, QgsProcessingException

from ..core.villages import detect_fields
from ..i18n import tr
from ..io.layers import repair_layer
from .base import KaltimAlgorithm
from .checks import unusable_village_layer
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
        # (was: an empty layer, or points and lines, written out as "repaired villages")
        if layer.featureCount() == 0:
            raise QgsProcessingException(tr("The village layer {name} has no features: there is nothing to repair. "
                                            "Choose the layer that holds the villages, or remove its filter.").format(
                name=layer.name()))
        message = unusable_village_layer(layer, points_ok=False)
        if message:
            raise QgsProcessingException(message)
        repaired_layer, repaired = repair_layer(layer)
        self._warn_no_geometry(layer, feedback)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, repaired_layer.fields(),
                                          repaired_layer.wkbType(), repaired_layer.crs())
        for feat in repaired_layer.getFeatures():
            if feedback.isCanceled():
                break
            sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
        if repaired:
            feedback.pushInfo(tr("Repaired feature ids: {ids}").format(ids=", ".join(map(str, repaired))))
        return {"OUTPUT": dest, "REPAIRED_COUNT": len(repaired)}

    @staticmethod
    def _warn_no_geometry(layer, feedback, most: int = 10) -> None:
        """Name the features without geometry (feature id and village code): no repair can give them one."""
        code = detect_fields(layer.fields().names()).code
        i_code = layer.fields().lookupField(code) if code else -1
        missing = []
        for feat in layer.getFeatures():
            if feat.geometry().isNull() or feat.geometry().isEmpty():
                value = feat.attributes()[i_code] if i_code >= 0 else None
                missing.append(tr("feature {fid} ({code})").format(
                    fid=feat.id(), code=value if value not in (None, "") else "-"))
        if not missing:
            return
        names = ", ".join(missing[:most])
        if len(missing) > most:
            names = tr("{names} and {n} more").format(names=names, n=len(missing) - most)
        feedback.pushWarning(tr("{n} villages have no geometry, and no repair can give them one: {names}. They are "
                                "copied without geometry; digitise them or delete the stray rows ('Check village "
                                "layer' lists them).").format(n=len(missing), names=names))


ALGORITHM = RepairVillagesAlgorithm
