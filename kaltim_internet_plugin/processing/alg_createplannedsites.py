"""kaltiminternet:createplannedsites — an empty planned-sites layer with its form, in a (new or existing) GeoPackage."""
from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingParameterCrs,
)

from ..i18n import tr
from ..io.gpkg_tables import reserved_table_problem
from ..io.planned_sites import DEFAULT_CRS, DEFAULT_LAYER_NAME, create_planned_sites_layer
from .base import KaltimAlgorithm
from .params import add, add_bool, add_file_output, add_outputs, add_string


class CreatePlannedSitesAlgorithm(KaltimAlgorithm):
    ALG_ID = "createplannedsites"
    GROUP_ID = "priority"
    TABLE_NAME_PARAMS = {"PLAN_GPKG": "LAYER_NAME"}  # PLAN_GPKG given as 'x.gpkg|layername=foo' is told so

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
        if reserved_table_problem(name):
            raise QgsProcessingException(f"LAYER_NAME: {reserved_table_problem(name)}")
        crs = self.parameterAsCrs(parameters, "CRS", context)
        if not crs.isValid():
            if parameters.get("CRS") not in (None, ""):  # a CRS that was given but is not one (EPSG:999999)
                raise QgsProcessingException(tr(
                    "CRS = {crs} is not a coordinate reference system QGIS knows. Give one such as {default} (UTM "
                    "50S, metres), or leave CRS empty for it.").format(crs=parameters.get("CRS"), default=DEFAULT_CRS))
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
