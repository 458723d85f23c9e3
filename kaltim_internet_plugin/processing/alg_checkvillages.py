"""kaltiminternet:checkvillages — detect the village fields and report every defect (never modifies the input)."""
from __future__ import annotations

from pathlib import Path

from qgis.core import QgsFeatureRequest, QgsProcessingException

from ..errors import finding_text
from ..i18n import tr
from ..io.layers import validate_layer
from ..report.validation_html import render_html
from .base import KaltimAlgorithm
from .checks import unusable_village_layer
from .params import add_fields, add_file_output, add_outputs, add_raster, add_source, refuse_not_a_dem


def has_geometry(layer) -> bool:
    """Whether at least one feature of ``layer`` has a geometry (False for a layer without features)."""
    request = QgsFeatureRequest().setNoAttributes()
    return any(not f.geometry().isNull() and not f.geometry().isEmpty() for f in layer.getFeatures(request))


class CheckVillagesAlgorithm(KaltimAlgorithm):
    ALG_ID = "checkvillages"
    NEEDS_CRS = False  # a missing CRS is one of its findings
    GROUP_ID = "data"

    def initAlgorithm(self, config=None):
        add_source(self, "INPUT", tr("Village layer (polygons or office points)"), layer=True)
        add_fields(self, "INPUT", [("CODE_FIELD", tr("Village code field")), ("NAME_FIELD", tr("Village name field")),
                                   ("POPULATION_FIELD", tr("Population field"))])
        add_raster(self, "DEM", tr("DEM to check overlap with"), optional=True)
        add_file_output(self, "OUTPUT_REPORT", tr("Validation report (HTML)"), tr("HTML files (*.html)"),
                        optional=True)
        add_outputs(self, "boolean", [("VALID", tr("Valid (no errors)"))])
        add_outputs(self, "number", [("ERROR_COUNT", tr("Errors")), ("WARNING_COUNT", tr("Warnings")),
                                     ("FEATURE_COUNT", tr("Features"))])
        add_outputs(self, "string", [("CODE_FIELD", tr("Code field used")), ("NAME_FIELD", tr("Name field used")),
                                     ("POPULATION_FIELD", tr("Population field used")),
                                     ("SCHEME", tr("Naming scheme"))])

    def processAlgorithm(self, parameters, context, feedback):
        layer = self.parameterAsVectorLayer(parameters, "INPUT", context)
        if layer is None or not layer.isValid():
            raise QgsProcessingException(tr("Cannot read the village layer: {src}. Check the path and format.")
                                         .format(src=parameters.get("INPUT")))
        message = unusable_village_layer(layer, points_ok=True)
        if message:
            raise QgsProcessingException(message)
        overrides = {
            "code": self.parameterAsString(parameters, "CODE_FIELD", context),
            "name": self.parameterAsString(parameters, "NAME_FIELD", context),
            "population": self.parameterAsString(parameters, "POPULATION_FIELD", context),
        }
        names = layer.fields().names()
        for param, field in zip(("CODE_FIELD", "NAME_FIELD", "POPULATION_FIELD"), overrides.values()):
            if field and field not in names:  # (was: silently replaced by the detected field)
                raise QgsProcessingException(tr(
                    "{param}: the village layer {name} has no field '{field}' (fields: {fields}). Choose one of its "
                    "fields, or leave {param} empty to detect it.").format(
                    param=param, name=layer.name(), field=field, fields=", ".join(names)))
        dem = self.parameterAsRasterLayer(parameters, "DEM", context)
        if dem is not None:  # a coverage raster given as DEM, as every tool that takes a DEM
            refuse_not_a_dem(dem.source(), dem.name())
        if dem is not None and not has_geometry(layer):
            dem = None  # no village to place on it: the report says why (no features, or none with a geometry)
        report = validate_layer(layer, overrides, dem, feedback)
        m = report.mapping
        feedback.pushInfo(tr("Detected scheme '{scheme}': code={code}, name={name}, population={pop}").format(
            scheme=m.scheme or "-", code=m.code or "-", name=m.name or "-", pop=m.population or "-"))
        say = {"error": feedback.reportError, "warning": feedback.pushWarning}  # the log marks their level itself
        for finding in report.findings:
            say.get(finding.severity, feedback.pushInfo)("{} {}".format(*finding_text(finding)).strip())
        out_path = self.parameterAsFileOutput(parameters, "OUTPUT_REPORT", context)
        if out_path:
            Path(out_path).write_text(render_html(report), encoding="utf-8")
        feedback.setProgress(100)
        return {
            "VALID": report.valid,
            "ERROR_COUNT": len(report.errors),
            "WARNING_COUNT": len(report.warnings),
            "FEATURE_COUNT": report.feature_count,
            "CODE_FIELD": m.code,
            "NAME_FIELD": m.name,
            "POPULATION_FIELD": m.population,
            "SCHEME": m.scheme,
            "OUTPUT_REPORT": out_path,
        }


ALGORITHM = CheckVillagesAlgorithm
