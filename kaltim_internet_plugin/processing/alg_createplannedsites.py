"""kaltiminternet:createplannedsites — an empty planned-sites layer with its form, in a (new or existing) GeoPackage."""
from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingParameterCrs,
)

from ..i18n import tr
from ..io.planned_sites import DEFAULT_CRS, DEFAULT_LAYER_NAME, create_planned_sites_layer
from .base import KaltimAlgorithm, tr_noop
from .params import add, add_bool, add_file_output, add_outputs, add_string


class CreatePlannedSitesAlgorithm(KaltimAlgorithm):
    ALG_ID = "createplannedsites"
    GROUP_ID = "priority"

    DISPLAY_NAME = tr_noop("Create planned-sites layer")
    HELP = tr_noop(
        "Creates an empty point layer for planned tower sites in a GeoPackage (the file is created if "
        "missing, other layers in it are kept). Fields: site_id, operator, tech, height_m, freq_mhz, eirp_dbm, "
        "status, cost_idr, land_status, note. The attribute form has Indonesian labels, drop-down lists for "
        "technology, operator, status and land status, height/EIRP/frequency boxes with units, defaults per "
        "technology (4G: 35 m, 900 MHz, 60 dBm) and rules that refuse impossible values (height 10–120 m, "
        "EIRP 30–70 dBm, frequency 450–3800 MHz, technology required). The form is saved in the GeoPackage "
        "as the layer's default style. An existing layer of the same name is only replaced with OVERWRITE.")

    def initAlgorithm(self, config=None):
        add_file_output(self, "PLAN_GPKG", tr("Plan GeoPackage (created if missing)"), tr("GeoPackage (*.gpkg)"))
        add_string(self, "LAYER_NAME", tr("Layer name"), default=DEFAULT_LAYER_NAME)
        # optional so that a call without CRS (processing.run, qgis_process) takes the default too
        add(self, QgsProcessingParameterCrs("CRS", tr("Coordinate reference system"), defaultValue=DEFAULT_CRS,
                                            optional=True))
        add_bool(self, "OVERWRITE", tr("Overwrite an existing layer of that name"))
        add_outputs(self, "vector", [("OUTPUT", tr("Planned sites"))])
        add_outputs(self, "string", [("LAYER_NAME", tr("Layer name"))])

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFileOutput(parameters, "PLAN_GPKG", context)
        if not path:
            raise QgsProcessingException(tr("Give the GeoPackage file for the planned sites (e.g. plan.gpkg)."))
        if not path.lower().endswith(".gpkg"):
            raise QgsProcessingException(tr("{path} is not a GeoPackage: use a file name ending in .gpkg.")
                                         .format(path=path))
        name = (self.parameterAsString(parameters, "LAYER_NAME", context) or DEFAULT_LAYER_NAME).strip()
        if not name:
            raise QgsProcessingException(tr("The layer name is empty; give one, e.g. planned_sites."))
        crs = self.parameterAsCrs(parameters, "CRS", context)
        if not crs.isValid():
            crs = QgsCoordinateReferenceSystem(DEFAULT_CRS)
        overwrite = self.parameterAsBoolean(parameters, "OVERWRITE", context)
        try:
            layer = create_planned_sites_layer(path, name, crs, overwrite)
        except (FileExistsError, RuntimeError) as exc:
            raise QgsProcessingException(str(exc)) from None
        source = f"{path}|layername={name}"
        feedback.pushInfo(tr("Created the planned-sites layer '{name}' in {path} ({crs}).").format(
            name=name, path=path, crs=layer.crs().authid()))
        if context.project() is not None and context.willLoadLayerOnCompletion(source) is False:
            # loaded with its form: the default style stored in the GeoPackage
            context.addLayerToLoadOnCompletion(source, QgsProcessingContext.LayerDetails(name, context.project(),
                                                                                          "OUTPUT"))
        feedback.setProgress(100)
        return {"OUTPUT": source, "PLAN_GPKG": path, "LAYER_NAME": name}


ALGORITHM = CreatePlannedSitesAlgorithm
